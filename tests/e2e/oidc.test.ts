import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { eq } from "drizzle-orm";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { citizenLookupSecret, nationalIdLookupHash } from "../../core/auth/login.ts";
import { decryptText } from "../../core/platform/crypto.ts";
import { loadConfig } from "../../core/platform/config.ts";
import { syntheticNationalId } from "../../core/platform/national-id.ts";
import { auditEvents, citizens, sessions } from "../../db/schema/index.ts";
import { startServer, type RunningServer } from "../../server/main.ts";
import { databaseKinds, freshPostgresUrl } from "../support/databases.ts";
import { makeStaff, makeTenant } from "../support/fixtures.ts";
import { startOidcProvider, type TestOidcProvider } from "../support/oidc-provider.ts";

// Needs a UI build: `npm run build`, or LAGET_BUILD_DIR=<dir> for both the build and this run.

const citizenPid = syntheticNationalId(new Date(Date.UTC(1984, 4, 17)), 123);
const staffEmail = "kari.oidc@testvik.example";

const accounts = [
  { login: "innbygger-nora", claims: { pid: citizenPid, name: "Nora Testesen" } },
  // Eleven digits, but the control digits are wrong: not a national ID number.
  { login: "innbygger-ugyldig", claims: { pid: "17858412300", name: "Ugyldig Nummer" } },
  // Entra ID may send the address in another case than the one an admin typed.
  { login: "ansatt-kari", claims: { email: "Kari.Oidc@Testvik.example", name: "Kari Oidc" } },
  { login: "ansatt-ukjent", claims: { email: "ikke.ansatt@testvik.example", name: "Ikke Ansatt" } },
];

let browser: Browser;
const accessiblePages = new Set<string>();

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
});

afterAll(async () => {
  await browser?.close();
});

describe.each(databaseKinds)("OIDC login against a real provider (%s)", (kind) => {
  let idp: TestOidcProvider;
  let server: RunningServer;
  let origin: string;
  let dataDir: string;
  let dropDatabase: (() => Promise<void>) | undefined;
  let staffUserId: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    idp = await startOidcProvider({ accounts });
    dataDir = mkdtempSync(path.join(tmpdir(), "laget-oidc-e2e-"));
    const postgres = kind === "postgres" ? await freshPostgresUrl() : null;
    dropDatabase = postgres?.drop;
    const config = loadConfig({
      NODE_ENV: "test",
      PORT: "0",
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      LOG_LEVEL: "silent",
      SEED_DEMO: "false",
      DEMO_LOGIN: "false",
      ...(postgres
        ? {
            DATABASE_URL: postgres.url,
            SESSION_SECRET: "oidc-e2e-session-secret-0123456789abcdef",
            DATA_ENCRYPTION_KEY: "ab".repeat(32),
          }
        : {}),
      ...idp.lagetEnv,
    });
    server = await startServer(config, { print: () => undefined });
    origin = `http://127.0.0.1:${new URL(server.url).port}`;
    idp.trustRedirectsTo(origin);

    const tenant = await makeTenant(server.services.database, "Testvik kommune");
    const staff = await makeStaff(server.services.database, tenant.id, {
      email: staffEmail,
      name: "Kari Oidc",
      roles: ["coordinator"],
    });
    staffUserId = staff.userId;
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await server?.stop();
    await idp?.stop();
    await dropDatabase?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A fresh browser (no cookies at Laget or the provider) that may only reach loopback addresses. */
  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ locale: "nb-NO" });
    contexts.push(context);
    await context.route(
      (url) => url.hostname !== "127.0.0.1",
      (route) => route.abort("blockedbyclient"),
    );
    return context.newPage();
  }

  /**
   * Every Laget page the test visits must be free of axe violations; the provider's pages are not
   * ours. A page already checked in the same state (same path, query and heading) is not checked
   * again, on either database: the markup is the same.
   */
  async function expectAccessible(page: Page): Promise<void> {
    const url = new URL(page.url());
    expect(url.origin).toBe(origin);
    const key = `${url.pathname}${url.search} ${await page.locator("h1").first().innerText()}`;
    if (accessiblePages.has(key)) return;
    const results = await new AxeBuilder({ page }).analyze();
    const violations = results.violations.map((violation) => ({
      id: violation.id,
      targets: violation.nodes.map((node) => node.target.join(" ")),
    }));
    expect(violations).toEqual([]);
    accessiblePages.add(key);
  }

  /** From Laget's login page through the provider's login form, until the browser is back at Laget. */
  async function loginThroughProvider(page: Page, linkName: string, login: string): Promise<void> {
    await page.goto(`${origin}/logg-inn`);
    await expectAccessible(page);
    await page.getByRole("link", { name: linkName }).click();
    await page.waitForURL((url) => url.href.startsWith(`${idp.issuer}/interaction/`));
    await page.getByLabel("Bruker-ID").fill(login);
    await page.getByRole("button", { name: "Logg inn" }).click();
    await page.waitForURL((url) => url.origin === origin);
    await page.waitForLoadState("load");
  }

  async function auditRows(type: string) {
    return server.services.database.system((tx) =>
      tx.select().from(auditEvents).where(eq(auditEvents.eventType, type)),
    );
  }

  async function citizenRows() {
    return server.services.database.system((tx) => tx.select().from(citizens));
  }

  it("logs a citizen in through ID-porten, storing the national ID only hashed and encrypted", async () => {
    const page = await newPage();
    await loginThroughProvider(page, "Logg inn med ID-porten", "innbygger-nora");

    expect(page.url()).toBe(`${origin}/`);
    await expect(
      page.getByRole("heading", { level: 1, name: "Hei, Nora Testesen" }).isVisible(),
    ).resolves.toBe(true);
    await expect(
      page
        .getByText("Her vil du se stafettloggene for barna du har foreldreansvar for")
        .isVisible(),
    ).resolves.toBe(true);
    await expect(page.getByText("Innlogget som Nora Testesen").isVisible()).resolves.toBe(true);
    await expectAccessible(page);

    const rows = await citizenRows();
    expect(rows).toHaveLength(1);
    const citizen = rows[0]!;
    const key = server.services.config.dataEncryptionKey;
    expect(citizen.nationalIdHash).toBe(nationalIdLookupHash(citizenLookupSecret(key), citizenPid));
    expect(decryptText(key, citizen.nationalIdEncrypted)).toBe(citizenPid);
    expect(citizen.name).toBe("Nora Testesen");
    expect(JSON.stringify(citizen)).not.toContain(citizenPid);

    const logins = (await auditRows("auth.login")).filter((row) => row.subjectId === citizen.id);
    expect(logins).toHaveLength(1);
    expect(logins[0]!.subjectType).toBe("citizen");
    expect(logins[0]!.details).toMatchObject({ method: "oidc" });
    const allAudit = await server.services.database.system((tx) => tx.select().from(auditEvents));
    expect(JSON.stringify(allAudit)).not.toContain(citizenPid);
    expect((await auditRows("citizen.created")).map((row) => row.subjectId)).toEqual([citizen.id]);

    const citizenSessions = await server.services.database.system((tx) =>
      tx.select().from(sessions).where(eq(sessions.citizenId, citizen.id)),
    );
    expect(citizenSessions.map((session) => session.authMethod)).toEqual(["oidc:citizen"]);
  });

  it("finds the same citizen on the next login", async () => {
    const [before] = await citizenRows();
    const page = await newPage();
    await loginThroughProvider(page, "Logg inn med ID-porten", "innbygger-nora");

    expect(page.url()).toBe(`${origin}/`);
    await expect(
      page.getByRole("heading", { level: 1, name: "Hei, Nora Testesen" }).isVisible(),
    ).resolves.toBe(true);
    await expectAccessible(page);

    const rows = await citizenRows();
    expect(rows.map((row) => row.id)).toEqual([before!.id]);
    expect((await auditRows("citizen.created")).map((row) => row.subjectId)).toEqual([before!.id]);
    const logins = (await auditRows("auth.login")).filter((row) => row.subjectId === before!.id);
    expect(logins).toHaveLength(2);
    expect(logins.every((row) => (row.details as { method?: string }).method === "oidc")).toBe(
      true,
    );
  });

  it("refuses a citizen login whose pid is not a valid national ID number", async () => {
    const before = await citizenRows();
    const page = await newPage();
    await loginThroughProvider(page, "Logg inn med ID-porten", "innbygger-ugyldig");

    expect(new URL(page.url()).pathname).toBe("/logg-inn");
    await expect(
      page
        .getByRole("alert")
        .filter({ hasText: "Innloggingen ga ikke et gyldig fødselsnummer." })
        .isVisible(),
    ).resolves.toBe(true);
    await expectAccessible(page);
    expect((await page.context().cookies(origin)).map((cookie) => cookie.name)).not.toContain(
      "laget_session",
    );
    expect(await citizenRows()).toHaveLength(before.length);
    const failures = (await auditRows("auth.login_failed")).filter(
      (row) => (row.details as { reason?: string }).reason === "invalid_pid",
    );
    expect(failures).toHaveLength(1);
    expect(JSON.stringify(failures[0])).not.toContain("17858412300");
  });

  it("logs an existing staff user in through the staff provider, matched by e-mail", async () => {
    const page = await newPage();
    await loginThroughProvider(page, "Logg inn med Entra ID", "ansatt-kari");

    expect(page.url()).toBe(`${origin}/`);
    await expect(
      page.getByRole("heading", { level: 1, name: "Hei, Kari Oidc" }).isVisible(),
    ).resolves.toBe(true);
    await expect(page.getByText("Dine roller: BTI-koordinator").isVisible()).resolves.toBe(true);
    await expectAccessible(page);

    const logins = (await auditRows("auth.login")).filter((row) => row.subjectId === staffUserId);
    expect(logins).toHaveLength(1);
    expect(logins[0]!.subjectType).toBe("user");
    expect(logins[0]!.details).toEqual({
      method: "oidc",
      provider: "Entra ID",
      firstBinding: true,
    });
    const staffSessions = await server.services.database.system((tx) =>
      tx.select().from(sessions).where(eq(sessions.userId, staffUserId)),
    );
    expect(staffSessions.map((session) => session.authMethod)).toEqual(["oidc:Entra ID"]);
  });

  it("turns away a staff e-mail that is not a Laget user, in Norwegian", async () => {
    const sessionsBefore = await server.services.database.system((tx) =>
      tx.select().from(sessions),
    );
    const page = await newPage();
    await loginThroughProvider(page, "Logg inn med Entra ID", "ansatt-ukjent");

    expect(new URL(page.url()).pathname).toBe("/logg-inn");
    await expect(
      page
        .getByRole("alert")
        .filter({
          hasText:
            "Du er ikke registrert som ansatt i Laget. Be systemansvarlig i kommunen om tilgang.",
        })
        .isVisible(),
    ).resolves.toBe(true);
    await expectAccessible(page);
    expect((await page.context().cookies(origin)).map((cookie) => cookie.name)).not.toContain(
      "laget_session",
    );

    const failures = (await auditRows("auth.login_failed")).filter(
      (row) => (row.details as { reason?: string }).reason === "unknown_user",
    );
    expect(failures).toHaveLength(1);
    expect(failures[0]!.details).toEqual({ reason: "unknown_user", method: "oidc" });
    const sessionsAfter = await server.services.database.system((tx) => tx.select().from(sessions));
    expect(sessionsAfter).toHaveLength(sessionsBefore.length);
  });

  /**
   * Logs in at the provider with the context's own HTTP client (same cookies as the page) and
   * follows the provider's redirects by hand up to Laget's callback, which is returned unvisited:
   * Playwright cannot intercept the redirect hops of a browser navigation.
   */
  async function providerCallbackFor(page: Page, login: string): Promise<URL> {
    await page.goto(`${origin}/logg-inn`);
    await page.getByRole("link", { name: "Logg inn med Entra ID" }).click();
    await page.waitForURL((url) => url.href.startsWith(`${idp.issuer}/interaction/`));
    const action = new URL((await page.locator("form").getAttribute("action"))!, page.url());
    const request = page.context().request;
    let response = await request.post(action.href, { form: { login }, maxRedirects: 0 });
    let location = new URL(response.headers().location!, action);
    while (location.origin === idp.issuer) {
      response = await request.get(location.href, { maxRedirects: 0 });
      expect(response.status()).toBe(303);
      location = new URL(response.headers().location!, location);
    }
    expect(`${location.origin}${location.pathname}`).toBe(`${origin}/auth/oidc/staff/callback`);
    expect(location.searchParams.get("code")).toBeTruthy();
    return location;
  }

  it("rejects a callback whose state was tampered with", async () => {
    // Control: the same walk with the callback untouched logs in, so the rejection below is the state's.
    const control = await newPage();
    await control.goto((await providerCallbackFor(control, "ansatt-kari")).href);
    expect(control.url()).toBe(`${origin}/`);
    await expect(
      control.getByRole("heading", { level: 1, name: "Hei, Kari Oidc" }).isVisible(),
    ).resolves.toBe(true);

    const loginsBefore = await auditRows("auth.login");
    const page = await newPage();
    const tampered = await providerCallbackFor(page, "ansatt-kari");
    tampered.searchParams.set("state", `${tampered.searchParams.get("state")}x`);
    await page.goto(tampered.href);

    expect(page.url()).toBe(`${origin}/logg-inn?feil=oidcFailed`);
    await expect(
      page
        .getByRole("alert")
        .filter({ hasText: "Innloggingen mislyktes. Prøv igjen." })
        .isVisible(),
    ).resolves.toBe(true);
    await expectAccessible(page);
    expect((await page.context().cookies(origin)).map((cookie) => cookie.name)).not.toContain(
      "laget_session",
    );
    expect(await auditRows("auth.login")).toHaveLength(loginsBefore.length);
  });
});
