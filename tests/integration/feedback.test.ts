import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor, RequestMeta } from "../../core/access/actor.ts";
import { AppError } from "../../core/errors.ts";
import {
  getFeedback,
  linkToRevision,
  listFeedback,
  replyToFeedback,
  submitFeedback,
  updateFeedbackState,
} from "../../core/guide/feedback.ts";
import { decryptText } from "../../core/platform/crypto.ts";
import { auditEvents, contentRevisions, feedbackItems } from "../../db/schema/index.ts";
import { createMailer } from "../../server/mail.ts";
import { testConfig } from "../support/app.ts";
import { databaseKinds, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { makeStaff, makeTenant } from "../support/fixtures.ts";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp.ts";

type Staff = Extract<Actor, { kind: "staff" }>;

const key = Buffer.from("0123456789abcdef".repeat(4), "hex");
let ipCounter = 0;
/** A fresh client address per call: every test gets its own rate-limit bucket. */
function metaFromNewAddress(): RequestMeta {
  ipCounter += 1;
  return { ip: `198.51.100.${ipCounter}`, userAgent: "vitest", requestId: `req-fb-${ipCounter}` };
}

async function failure(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the use case to fail");
}

const validValues = {
  kind: "error",
  text: "Telefonnummeret til helsestasjonen er feil.",
  pagePath: "/veileder/niva-0",
  pageTitle: "Nivå 0",
};

describe.each(databaseKinds)("feedback on %s", (kind) => {
  let database: TestDatabase;
  let tenantA: string;
  let tenantB: string;
  let coordinatorA: Staff;
  let coordinatorB: Staff;
  let employeeA: Staff;
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    database = await freshDatabase(kind);
    tenantA = (await makeTenant(database, "Avik kommune")).id;
    tenantB = (await makeTenant(database, "Bvik kommune")).id;
    coordinatorA = await makeStaff(database, tenantA, { roles: ["coordinator"] });
    coordinatorB = await makeStaff(database, tenantB, { roles: ["coordinator"] });
    employeeA = await makeStaff(database, tenantA, { roles: ["employee"] });
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp.close();
    await database.drop();
  });

  const submit = (
    values: Record<string, unknown>,
    options: {
      actor?: Actor | null;
      tenantId?: string;
      meta?: RequestMeta;
      limit?: number;
      now?: Date;
    } = {},
  ) =>
    submitFeedback({
      database,
      actor: options.actor ?? null,
      tenantId: options.tenantId ?? tenantA,
      meta: options.meta ?? metaFromNewAddress(),
      encryptionKey: key,
      rateLimitPerMinute: options.limit ?? 5,
      values,
      now: options.now,
    });

  async function storedRows(tenantId: string) {
    return database.system((tx) =>
      tx.select().from(feedbackItems).where(eq(feedbackItems.tenantId, tenantId)),
    );
  }

  async function auditFor(type: string, subjectId: string) {
    return database.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.eventType, type), eq(auditEvents.subjectId, subjectId))),
    );
  }

  it("stores anonymous feedback with the e-mail encrypted and audits it without text or address", async () => {
    const result = await submit({ ...validValues, email: " innbygger@eksempel.example " });
    expect(result.stored).toBe(true);
    const [row] = (await storedRows(tenantA)).filter((item) => item.id === result.id);
    expect(row).toMatchObject({
      kind: "error",
      text: "Telefonnummeret til helsestasjonen er feil.",
      pagePath: "/veileder/niva-0",
      pageTitle: "Nivå 0",
      state: "ny",
    });
    expect(row!.emailEncrypted).not.toContain("innbygger");
    expect(decryptText(key, row!.emailEncrypted!)).toBe("innbygger@eksempel.example");

    const [event] = await auditFor("feedback.received", result.id!);
    expect(event?.tenantId).toBe(tenantA);
    expect(event?.actor).toMatchObject({ kind: "anonymous", id: null });
    expect(event?.details).toEqual({ kind: "error", pagePath: "/veileder/niva-0", hasEmail: true });
    expect(JSON.stringify(event)).not.toContain("innbygger");
    expect(JSON.stringify(event)).not.toContain("Telefonnummeret");
  });

  it("stores a signed-in employee's feedback in the employee's own municipality", async () => {
    const result = await submit(
      { ...validValues, kind: "good", pagePath: "/", pageTitle: "" },
      { actor: employeeA, tenantId: tenantB },
    );
    const rows = await storedRows(tenantA);
    expect(rows.find((item) => item.id === result.id)).toMatchObject({ kind: "good" });
    const [event] = await auditFor("feedback.received", result.id!);
    expect(event?.actor).toMatchObject({ kind: "staff", id: employeeA.userId });
  });

  it("accepts a filled honeypot silently and stores nothing", async () => {
    const before = (await storedRows(tenantA)).length;
    const result = await submit({
      ...validValues,
      text: "Kjøp billige klokker her",
      nettsted: "https://spam.example",
    });
    expect(result).toEqual({ stored: false, id: null });
    const after = await storedRows(tenantA);
    expect(after).toHaveLength(before);
    expect(after.some((item) => item.text.includes("klokker"))).toBe(false);
  });

  it("refuses empty, too short, too long and malformed input with field errors and stores nothing", async () => {
    const before = (await storedRows(tenantA)).length;
    const cases: [Record<string, unknown>, Record<string, string>][] = [
      [{ ...validValues, text: "   " }, { text: "feedback.errors.textRequired" }],
      [{ ...validValues, text: "ok" }, { text: "feedback.errors.textTooShort" }],
      [{ ...validValues, text: "x".repeat(2001) }, { text: "feedback.errors.textTooLong" }],
      [{ ...validValues, text: undefined }, { text: "feedback.errors.textRequired" }],
      [{ ...validValues, kind: "spam" }, { kind: "feedback.errors.kind" }],
      [{ ...validValues, kind: undefined }, { kind: "feedback.errors.kind" }],
      [{ ...validValues, email: "ikke-en-adresse" }, { email: "feedback.errors.email" }],
      [{ ...validValues, pagePath: "/sok?q=navn" }, { pagePath: "errors.format" }],
      [{ ...validValues, pagePath: "https://annen.example/" }, { pagePath: "errors.format" }],
      [{ ...validValues, pagePath: "//annen.example/x" }, { pagePath: "errors.format" }],
    ];
    for (const [values, fieldErrors] of cases) {
      const error = await failure(submit(values));
      expect(error.code, JSON.stringify(values).slice(0, 80)).toBe("validation");
      expect(error.fieldErrors).toEqual(fieldErrors);
    }
    // 2000 characters exactly is allowed.
    expect((await submit({ ...validValues, text: "y".repeat(2000) })).stored).toBe(true);
    expect(await storedRows(tenantA)).toHaveLength(before + 1);
  });

  it("throttles a burst from one address: N stored, the next refused, earlier ones kept", async () => {
    const meta = metaFromNewAddress();
    const limit = 3;
    // One fixed moment: the burst cannot straddle two one-minute windows.
    const now = new Date();
    const ids: string[] = [];
    for (let index = 0; index < limit; index += 1) {
      const result = await submit(
        { ...validValues, text: `Forslag nummer ${index + 1} fra samme adresse` },
        { meta, limit, now },
      );
      ids.push(result.id!);
    }
    const error = await failure(
      submit({ ...validValues, text: "Forslag nummer 4 fra samme adresse" }, { meta, limit, now }),
    );
    expect(error.code).toBe("rate_limited");
    expect(error.messageKey).toBe("feedback.errors.rateLimited");

    const texts = (await storedRows(tenantA)).map((item) => item.text);
    for (let index = 1; index <= limit; index += 1) {
      expect(texts).toContain(`Forslag nummer ${index} fra samme adresse`);
    }
    expect(texts).not.toContain("Forslag nummer 4 fra samme adresse");
    // Another address is not affected.
    expect((await submit(validValues, { limit })).stored).toBe(true);
  });

  it("lets only coordinators list, filter and sort the inbox", async () => {
    await submit({ ...validValues, kind: "missing", pagePath: "/a-side", text: "Mangler noe her" });
    await submit({ ...validValues, kind: "suggestion", pagePath: "/b-side", text: "Et forslag" });

    expect((await failure(listFeedback({ database, actor: employeeA }))).code).toBe("forbidden");

    const all = await listFeedback({ database, actor: coordinatorA });
    expect(all.items.length).toBeGreaterThanOrEqual(2);
    expect(all.items.every((item) => !("emailEncrypted" in item))).toBe(true);
    expect(all.counts.ny).toBe(all.items.filter((item) => item.state === "ny").length);

    const missing = await listFeedback({
      database,
      actor: coordinatorA,
      filter: { kind: "missing" },
    });
    expect(missing.items.map((item) => item.text)).toEqual(["Mangler noe her"]);

    const byPage = await listFeedback({ database, actor: coordinatorA, filter: { sort: "page" } });
    const paths = byPage.items.map((item) => item.pagePath);
    expect(paths).toEqual([...paths].sort());

    const error = await failure(
      listFeedback({ database, actor: coordinatorA, filter: { state: "ukjent" } }),
    );
    expect(error.code).toBe("validation");
  });

  it("changes the triage state with an audit event, and filters by state", async () => {
    const { id } = await submit({ ...validValues, text: "Skal vurderes" });
    const item = await updateFeedbackState({
      database,
      actor: coordinatorA,
      meta: metaFromNewAddress(),
      feedbackId: id!,
      values: { state: "under_vurdering" },
    });
    expect(item.state).toBe("under_vurdering");
    const [event] = await auditFor("feedback.state_changed", id!);
    expect(event?.details).toEqual({ from: "ny", to: "under_vurdering" });

    const filtered = await listFeedback({
      database,
      actor: coordinatorA,
      filter: { state: "under_vurdering" },
    });
    expect(filtered.items.map((entry) => entry.id)).toContain(id);
    expect(filtered.items.every((entry) => entry.state === "under_vurdering")).toBe(true);

    const bad = await failure(
      updateFeedbackState({
        database,
        actor: coordinatorA,
        meta: metaFromNewAddress(),
        feedbackId: id!,
        values: { state: "slettet" },
      }),
    );
    expect(bad.code).toBe("validation");
    expect(
      (
        await failure(
          updateFeedbackState({
            database,
            actor: employeeA,
            meta: metaFromNewAddress(),
            feedbackId: id!,
            values: { state: "avvist" },
          }),
        )
      ).code,
    ).toBe("forbidden");
  });

  it("links to the year's revision, creating it once, and takes the item into the revision", async () => {
    const first = await submit({ ...validValues, text: "Til revisjonen" });
    const second = await submit({ ...validValues, text: "Også til revisjonen" });
    const meta = metaFromNewAddress();
    const linked = await linkToRevision({
      database,
      actor: coordinatorA,
      meta,
      feedbackId: first.id!,
      values: { year: "2031" },
    });
    expect(linked.revision?.year).toBe(2031);
    expect(linked.state).toBe("tatt_inn");
    const again = await linkToRevision({
      database,
      actor: coordinatorA,
      meta,
      feedbackId: second.id!,
      values: { year: 2031 },
    });
    expect(again.revision?.id).toBe(linked.revision?.id);

    const revisions = await database.system((tx) =>
      tx
        .select()
        .from(contentRevisions)
        .where(and(eq(contentRevisions.tenantId, tenantA), eq(contentRevisions.year, 2031))),
    );
    expect(revisions).toHaveLength(1);
    expect(revisions[0]!.dueDate).toBe("2031-12-31");

    const [event] = await auditFor("feedback.linked", first.id!);
    expect(event?.details).toMatchObject({ year: 2031, createdRevision: true });
    const [secondEvent] = await auditFor("feedback.linked", second.id!);
    expect(secondEvent?.details).toMatchObject({ year: 2031, createdRevision: false });

    const unlinked = await linkToRevision({
      database,
      actor: coordinatorA,
      meta,
      feedbackId: first.id!,
      values: { year: "" },
    });
    expect(unlinked.revision).toBeNull();
  });

  it("replies by e-mail through a real SMTP server, stores the reply and marks it besvart", async () => {
    const { id } = await submit({
      ...validValues,
      kind: "missing",
      text: "Savner kontaktinfo til PPT",
      email: "forelder@eksempel.example",
    });
    const mailer = createMailer(
      testConfig({ SMTP_URL: smtp.url, SMTP_FROM: "Avik kommune <bti@avik.example>" }),
    );
    const meta = metaFromNewAddress();
    const arrived = smtp.next();
    const item = await replyToFeedback({
      database,
      actor: coordinatorA,
      meta,
      encryptionKey: key,
      mailer,
      feedbackId: id!,
      values: {
        subject: "Svar på tilbakemeldingen din",
        text: "Takk! Vi har lagt inn kontaktinformasjon til PPT på siden.\nHilsen BTI-koordinatoren",
      },
    });
    const mail = await arrived;
    mailer.close();
    expect(mail.rcptTo).toEqual(["forelder@eksempel.example"]);
    expect(mail.to).toContain("forelder@eksempel.example");
    expect(mail.mailFrom).toBe("bti@avik.example");
    expect(mail.subject).toBe("Svar på tilbakemeldingen din");
    expect(mail.text).toBe(
      "Takk! Vi har lagt inn kontaktinformasjon til PPT på siden.\nHilsen BTI-koordinatoren",
    );

    expect(item.state).toBe("besvart");
    expect(item.reply).toContain("Vi har lagt inn kontaktinformasjon");
    expect(item.repliedByName).toBe(coordinatorA.name);
    const [event] = await auditFor("feedback.replied", id!);
    expect(event?.actor).toMatchObject({ id: coordinatorA.userId });
    expect(JSON.stringify(event)).not.toContain("forelder@");
    expect(JSON.stringify(event)).not.toContain("Takk!");
  });

  it("refuses a reply when no address was left, or when SMTP is not configured, and keeps the state", async () => {
    const noEmail = await submit({ ...validValues, text: "Uten adresse" });
    const mailer = createMailer(testConfig({ SMTP_URL: smtp.url }));
    const values = { subject: "Svar", text: "Hei" };
    const meta = metaFromNewAddress();
    const noAddress = await failure(
      replyToFeedback({
        database,
        actor: coordinatorA,
        meta,
        encryptionKey: key,
        mailer,
        feedbackId: noEmail.id!,
        values,
      }),
    );
    expect(noAddress.messageKey).toBe("feedback.errors.noEmail");
    mailer.close();

    const withEmail = await submit({ ...validValues, email: "noen@eksempel.example" });
    const unconfigured = createMailer(testConfig());
    expect(unconfigured.configured).toBe(false);
    await expect(
      unconfigured.sendMail({ to: "a@b.example", subject: "s", text: "t" }),
    ).rejects.toMatchObject({ code: "unavailable", messageKey: "feedback.mail.notConfigured" });
    const notConfigured = await failure(
      replyToFeedback({
        database,
        actor: coordinatorA,
        meta,
        encryptionKey: key,
        mailer: unconfigured,
        feedbackId: withEmail.id!,
        values,
      }),
    );
    expect(notConfigured).toMatchObject({
      code: "unavailable",
      messageKey: "feedback.mail.notConfigured",
    });
    const item = await getFeedback({
      database,
      actor: coordinatorA,
      meta: metaFromNewAddress(),
      feedbackId: withEmail.id!,
    });
    expect(item).toMatchObject({ state: "ny", reply: null, hasEmail: true });
  });

  it("keeps each municipality's feedback to itself", async () => {
    const { id } = await submit({ ...validValues, text: "Bare for Avik" });
    const inboxB = await listFeedback({ database, actor: coordinatorB });
    expect(inboxB.items.map((item) => item.id)).not.toContain(id);
    const meta = metaFromNewAddress();
    // Thunks: each call starts only when awaited, so no rejection goes unhandled meanwhile.
    for (const work of [
      () => getFeedback({ database, actor: coordinatorB, meta, feedbackId: id! }),
      () =>
        updateFeedbackState({
          database,
          actor: coordinatorB,
          meta,
          feedbackId: id!,
          values: { state: "avvist" },
        }),
      () =>
        linkToRevision({
          database,
          actor: coordinatorB,
          meta,
          feedbackId: id!,
          values: { year: 2030 },
        }),
      () => getFeedback({ database, actor: coordinatorA, meta, feedbackId: "not-a-uuid" }),
    ]) {
      expect((await failure(work())).code).toBe("not_found");
    }
    const item = await getFeedback({ database, actor: coordinatorA, meta, feedbackId: id! });
    expect(item.state).toBe("ny");
    const [viewed] = await auditFor("feedback.viewed", id!);
    expect(viewed?.actor).toMatchObject({ id: coordinatorA.userId });
    expect(viewed?.tenantId).toBe(tenantA);
    // RLS as the second line: B's transaction sees no row of A even without the where clause.
    const seen = await database.tenant(tenantB, (tx) => tx.select().from(feedbackItems));
    expect(seen.every((row) => row.tenantId === tenantB)).toBe(true);
  });
});
