import { describe, expect, it } from "vitest";
import { AppError } from "../core/errors.ts";
import { ConfigError, loadConfig } from "../core/platform/config.ts";
import { createMailer } from "./mail.ts";

const base = { SESSION_SECRET: "s".repeat(40), DATA_ENCRYPTION_KEY: "ab".repeat(32) };

describe("mail configuration", () => {
  it("is off by default, with the documented sender", () => {
    const config = loadConfig(base);
    expect(config.mail).toEqual({ url: undefined, from: "Laget <ikke-svar@laget.invalid>" });
  });

  it("reads SMTP_URL and SMTP_FROM", () => {
    const config = loadConfig({
      ...base,
      SMTP_URL: "smtps://laget:hemmelig@smtp.kommune.example:465",
      SMTP_FROM: "Fjordvik kommune <bti@fjordvik.example>",
    });
    expect(config.mail).toEqual({
      url: "smtps://laget:hemmelig@smtp.kommune.example:465",
      from: "Fjordvik kommune <bti@fjordvik.example>",
    });
    expect(loadConfig({ ...base, SMTP_URL: "smtp://127.0.0.1:2525" }).mail.url).toBe(
      "smtp://127.0.0.1:2525",
    );
  });

  it("refuses an SMTP_URL that is not smtp:// or smtps://, naming the variable", () => {
    for (const url of ["http://smtp.example", "smtp.example:25", "smtp://"]) {
      expect(() => loadConfig({ ...base, SMTP_URL: url })).toThrow(ConfigError);
      expect(() => loadConfig({ ...base, SMTP_URL: url })).toThrow(/SMTP_URL/);
    }
  });

  it("throws a typed AppError when sending without SMTP_URL", async () => {
    const mailer = createMailer(loadConfig(base));
    expect(mailer.configured).toBe(false);
    const error = await mailer
      .sendMail({ to: "noen@eksempel.example", subject: "Hei", text: "Tekst" })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "unavailable", messageKey: "feedback.mail.notConfigured" });
  });

  it("turns an unreachable SMTP server into AppError feedback.mail.failed without the address", async () => {
    // Port 9 on localhost: nothing listens there, so the connection is refused at once.
    const mailer = createMailer(loadConfig({ ...base, SMTP_URL: "smtp://127.0.0.1:9" }));
    const error = await mailer
      .sendMail({ to: "noen@eksempel.example", subject: "Hei", text: "Tekst" })
      .catch((caught: unknown) => caught);
    mailer.close();
    expect(error).toMatchObject({ code: "unavailable", messageKey: "feedback.mail.failed" });
    expect((error as Error).message).not.toContain("noen@");
  });
});
