import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../server/app.ts";
import {
  csrfTokenFor,
  CSRF_COOKIE,
  LANGUAGE_COOKIE,
  SESSION_COOKIE,
} from "../../server/cookies.ts";
import { createTestServices, TEST_SESSION_SECRET } from "../support/app.ts";
import { databaseKinds, freshDatabase, type TestDatabase } from "../support/databases.ts";

type App = ReturnType<typeof createApp>;

/** The Set-Cookie line for one cookie, or undefined. */
function setCookie(response: Response, name: string): string | undefined {
  return response.headers.getSetCookie().find((line) => line.startsWith(`${name}=`));
}

function cookieValue(line: string | undefined): string {
  return decodeURIComponent(line!.split(";")[0]!.split("=").slice(1).join("="));
}

/** A CSRF cookie as the server hands it out on a first visit. */
async function csrfCookie(app: App): Promise<string> {
  const response = await app.request("/");
  const line = setCookie(response, CSRF_COOKIE);
  expect(line).toBeDefined();
  return cookieValue(line);
}

function languageForm(language: string, csrf?: string): URLSearchParams {
  const form = new URLSearchParams({ language, returnTo: "/om" });
  if (csrf !== undefined) form.set("_csrf", csrf);
  return form;
}

describe.each(databaseKinds)("HTTP layer on %s", (kind) => {
  let database: TestDatabase;
  let app: App;

  beforeAll(async () => {
    database = await freshDatabase(kind);
    app = createApp(createTestServices(database, { BODY_LIMIT_BYTES: "2048" }));
  });
  afterAll(() => database.drop());

  describe("security headers", () => {
    const requests: [string, () => Response | Promise<Response>][] = [
      ["a health probe", () => app.request("/healthz")],
      [
        "an unknown path (404)",
        () => app.request("/finnes-ikke", { headers: { accept: "text/html" } }),
      ],
      ["an API call", () => app.request("/api/v1/me")],
      ["a CSRF rejection (403)", () => app.request("/sprak", { method: "POST" })],
      [
        "a body over the limit (413)",
        () =>
          app.request("/sprak", {
            method: "POST",
            body: "x".repeat(5000),
            headers: { "content-length": "5000" },
          }),
      ],
    ];

    it.each(requests)("are on %s", async (_, send) => {
      const response = await send();
      const csp = response.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
      expect(csp).not.toContain("unsafe-inline");
      expect(csp).not.toContain("unsafe-eval");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
      // Plain http here: no HSTS.
      expect(response.headers.get("strict-transport-security")).toBeNull();
    });

    it("use a fresh script nonce on every response", async () => {
      const nonce = (response: Response) =>
        /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy")!)![1];
      expect(nonce(await app.request("/healthz"))).not.toBe(nonce(await app.request("/healthz")));
    });

    it("include HSTS and Secure cookies only over https", async () => {
      const hsts = (response: Response) => response.headers.get("strict-transport-security");
      const plain = await app.request("/");
      expect(hsts(plain)).toBeNull();
      expect(setCookie(plain, CSRF_COOKIE)).not.toContain("Secure");

      // A forwarded header is ignored unless the proxy is trusted.
      const spoofed = await app.request("/healthz", { headers: { "x-forwarded-proto": "https" } });
      expect(hsts(spoofed)).toBeNull();

      const proxied = createApp(createTestServices(database, { TRUST_PROXY: "true" }));
      const viaProxy = await proxied.request("/", { headers: { "x-forwarded-proto": "https" } });
      expect(hsts(viaProxy)).toMatch(/^max-age=\d{7,}/);
      expect(setCookie(viaProxy, CSRF_COOKIE)).toContain("Secure");
      expect(
        hsts(await proxied.request("/healthz", { headers: { "x-forwarded-proto": "http" } })),
      ).toBeNull();

      const published = createApp(
        createTestServices(database, { PUBLIC_URL: "https://laget.fjordvik.example" }),
      );
      const viaPublicUrl = await published.request("/");
      expect(hsts(viaPublicUrl)).toMatch(/^max-age=\d{7,}/);
      expect(setCookie(viaPublicUrl, CSRF_COOKIE)).toContain("Secure");
    });

    it("hand out the CSRF cookie HttpOnly and SameSite=Lax", async () => {
      const line = setCookie(await app.request("/"), CSRF_COOKIE)!;
      expect(line).toContain("HttpOnly");
      expect(line).toContain("SameSite=Lax");
      expect(line).toContain("Path=/");
    });
  });

  describe("CSRF protection", () => {
    it("refuses a form post with the cookie but without a token", async () => {
      const cookie = await csrfCookie(app);
      const response = await app.request("/sprak", {
        method: "POST",
        headers: {
          cookie: `${CSRF_COOKIE}=${cookie}`,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: languageForm("en"),
      });
      expect(response.status).toBe(403);
      expect(setCookie(response, LANGUAGE_COOKIE)).toBeUndefined();
    });

    it("refuses a token made for another cookie", async () => {
      const mine = await csrfCookie(app);
      const someoneElses = await csrfCookie(app);
      const response = await app.request("/sprak", {
        method: "POST",
        headers: {
          cookie: `${CSRF_COOKIE}=${mine}`,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: languageForm("en", csrfTokenFor(TEST_SESSION_SECRET, someoneElses)),
      });
      expect(response.status).toBe(403);
      expect(setCookie(response, LANGUAGE_COOKIE)).toBeUndefined();
    });

    it("refuses a token signed with another secret and a post without any cookie", async () => {
      const cookie = await csrfCookie(app);
      const forged = await app.request("/sprak", {
        method: "POST",
        headers: {
          cookie: `${CSRF_COOKIE}=${cookie}`,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: languageForm("en", csrfTokenFor("another-secret-another-secret-another", cookie)),
      });
      expect(forged.status).toBe(403);
      const noCookie = await app.request("/sprak", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: languageForm("en", csrfTokenFor(TEST_SESSION_SECRET, cookie)),
      });
      expect(noCookie.status).toBe(403);
    });

    it("accepts the right token in the form and sets the language cookie", async () => {
      const cookie = await csrfCookie(app);
      const response = await app.request("/sprak", {
        method: "POST",
        headers: {
          cookie: `${CSRF_COOKIE}=${cookie}`,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: languageForm("nn", csrfTokenFor(TEST_SESSION_SECRET, cookie)),
      });
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe("/om");
      const language = setCookie(response, LANGUAGE_COOKIE);
      expect(cookieValue(language)).toBe("nn");
      expect(language).toMatch(/Max-Age=\d+/);
    });

    it("accepts the right token in the x-csrf-token header", async () => {
      const cookie = await csrfCookie(app);
      const response = await app.request("/sprak", {
        method: "POST",
        headers: {
          cookie: `${CSRF_COOKIE}=${cookie}`,
          "content-type": "application/x-www-form-urlencoded",
          "x-csrf-token": csrfTokenFor(TEST_SESSION_SECRET, cookie),
        },
        body: languageForm("en"),
      });
      expect(response.status).toBe(303);
      expect(cookieValue(setCookie(response, LANGUAGE_COOKIE))).toBe("en");
    });

    it("ignores an unknown language and an off-site return address", async () => {
      const cookie = await csrfCookie(app);
      const form = new URLSearchParams({
        language: "xx",
        returnTo: "https://evil.example/",
        _csrf: csrfTokenFor(TEST_SESSION_SECRET, cookie),
      });
      const response = await app.request("/sprak", {
        method: "POST",
        headers: {
          cookie: `${CSRF_COOKIE}=${cookie}`,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: form,
      });
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe("/");
      expect(setCookie(response, LANGUAGE_COOKIE)).toBeUndefined();
    });

    it("answers a browser with a Norwegian HTML page and an API client with JSON", async () => {
      const html = await app.request("/sprak", {
        method: "POST",
        headers: { accept: "text/html" },
      });
      expect(html.status).toBe(403);
      expect(html.headers.get("content-type")).toContain("text/html");
      const page = await html.text();
      expect(page).toContain('<html lang="nb">');
      expect(page).not.toMatch(/\bat .+:\d+:\d+/);

      const json = await app.request("/api/v1/me", { method: "POST" });
      expect(json.status).toBe(403);
      const body = (await json.json()) as { error: { code: string; requestId: string } };
      expect(body.error.code).toBe("forbidden");
      expect(body.error.requestId).toBe(json.headers.get("x-request-id"));
    });
  });

  describe("request size", () => {
    it("answers 413 to a body above BODY_LIMIT_BYTES", async () => {
      const response = await app.request("/sprak", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "content-length": "5000" },
        body: "language=en&returnTo=/&x=" + "y".repeat(4975),
      });
      expect(response.status).toBe(413);
    });

    it("answers 413 to an oversized body sent without a length", async () => {
      const chunk = new TextEncoder().encode("y".repeat(1000));
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent >= 5) return controller.close();
          sent += 1;
          controller.enqueue(chunk);
        },
      });
      const response = await app.request("/sprak", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body,
        duplex: "half",
      } as RequestInit);
      expect(response.status).toBe(413);
    });

    it("lets a body under the limit through to the CSRF check", async () => {
      const response = await app.request("/sprak", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: languageForm("en"),
      });
      expect(response.status).toBe(403);
    });
  });

  describe("sessions at the edge", () => {
    it("clears a session cookie that matches no session", async () => {
      const response = await app.request("/", {
        headers: { cookie: `${SESSION_COOKIE}=ukjent-token` },
      });
      const cleared = setCookie(response, SESSION_COOKIE);
      expect(cleared).toContain("Max-Age=0");
      expect(cookieValue(cleared)).toBe("");
    });
  });

  describe("request ids", () => {
    it("returns a new id per request and ignores an incoming one from an untrusted client", async () => {
      const first = await app.request("/healthz", { headers: { "x-request-id": "fra-klienten" } });
      const second = await app.request("/healthz");
      expect(first.headers.get("x-request-id")).not.toBe("fra-klienten");
      expect(first.headers.get("x-request-id")).not.toBe(second.headers.get("x-request-id"));
    });

    it("keeps a well-formed id from a trusted proxy and replaces a malformed one", async () => {
      const proxied = createApp(createTestServices(database, { TRUST_PROXY: "true" }));
      const kept = await proxied.request("/healthz", {
        headers: { "x-request-id": "lb-1234.abc" },
      });
      expect(kept.headers.get("x-request-id")).toBe("lb-1234.abc");
      const replaced = await proxied.request("/healthz", {
        headers: { "x-request-id": "<script>" },
      });
      expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe("health", () => {
    it("/healthz answers 200", async () => {
      const response = await app.request("/healthz");
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: "ok" });
    });

    it("/readyz answers 200 with the database kind, and 503 once the database is gone", async () => {
      const own = await freshDatabase(kind);
      const ownApp = createApp(createTestServices(own));
      const ready = await ownApp.request("/readyz");
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: "ok", database: kind });

      await own.drop();
      const gone = await ownApp.request("/readyz");
      expect(gone.status).toBe(503);
      expect(await gone.json()).toEqual({ status: "unavailable", database: kind });
      expect(gone.headers.get("x-content-type-options")).toBe("nosniff");
    });
  });
});
