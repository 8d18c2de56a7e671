import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { nb } from "../../i18n/nb.ts";
import { apiOperations } from "../../server/api/operations.ts";
import {
  checkA11y,
  demoUser,
  expectPage,
  fill,
  launchBrowser,
  loginAs,
  openSession,
  startLaget,
  uniqueName,
  visit,
  waitForHydration,
  type LagetServer,
  type Session,
} from "../support/e2e.ts";

const ADMIN = "admin@fjordvik.example";
const EMPLOYEE = "ansatt@fjordvik.example";
/** Used by the log-out-everywhere test only, so its session count is known. */
const LEADER = "leder@fjordvik.example";

function tokenRow(page: Page, name: string) {
  return page.getByRole("row").filter({ has: page.getByRole("cell", { name, exact: true }) });
}

/** Fills and sends the new-key form on /min-side; returns the raw key shown once. */
async function createKey(page: Page, name: string, scope: string, days: string): Promise<string> {
  await page.getByLabel(nb.profile.tokenName).fill(name);
  const read = page.getByRole("checkbox", { name: nb.profile.scope.read });
  if (scope !== nb.profile.scope.read) await read.uncheck();
  await page.getByRole("checkbox", { name: scope }).check();
  await page.getByLabel(nb.profile.tokenExpires).fill(days);
  await page.getByRole("button", { name: nb.profile.createToken }).click();
  const secret = page.getByRole("textbox", {
    name: fill(nb.profile.tokenSecretLabel, { name }),
    exact: true,
  });
  await secret.waitFor();
  await checkA11y(page);
  return secret.inputValue();
}

describe("Min side and the API docs in the browser (PGlite)", () => {
  let server: LagetServer;
  let browser: Browser;
  const sessions: Session[] = [];

  async function open(options: { blockScripts?: boolean } = {}) {
    const session = await openSession(browser, server, options);
    sessions.push(session);
    return session.page;
  }

  async function api(path: string, token: string) {
    return fetch(`${server.url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startLaget("pglite"), launchBrowser()]);
  });
  afterEach(async () => {
    for (const session of sessions.splice(0)) {
      expect(session.problems).toEqual([]);
      await session.close();
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("shows who you are, creates a key once, and revokes it after confirmation", async () => {
    const page = await open();
    await loginAs(page, ADMIN);
    await page
      .getByRole("navigation", { name: nb.nav.main })
      .getByRole("link", { name: nb.nav.profile })
      .click();
    await expectPage(page, { path: "/min-side", heading: nb.profile.title });
    const admin = demoUser(ADMIN);
    await expect(page.locator("dl").textContent()).resolves.toContain(admin.email);
    await expect(page.locator("dl").textContent()).resolves.toContain(nb.roles.admin);
    await page.getByText(nb.profile.sessionsText_one).waitFor();
    await waitForHydration(page);

    const name = uniqueName("Rapportskript");
    const secret = await createKey(page, name, nb.profile.scope.write, "30");
    expect(secret).toMatch(/^lgt_[A-Za-z0-9_-]{43}$/);
    const row = tokenRow(page, name);
    await expect(row.textContent()).resolves.toContain(nb.profile.statusActive);
    await expect(row.textContent()).resolves.toContain(nb.profile.scope.write);

    const me = await api("/me", secret);
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ name: admin.name, tokenScopes: ["write"] });
    // Write scope: reading units works, creating one (admin scope) does not.
    expect((await api("/units", secret)).status).toBe(200);

    // Reloading the page never shows the key again.
    await visit(page, "/min-side");
    await expect(page.content()).resolves.not.toContain(secret);

    await page.getByRole("link", { name: fill(nb.profile.revokeNamed, { name }) }).click();
    const confirm = page.getByRole("button", { name: nb.profile.confirmRevoke });
    await confirm.waitFor();
    await page.getByText(fill(nb.profile.revokeConfirm, { name })).waitFor();
    await checkA11y(page);
    await confirm.click();
    await expectPage(page, {
      path: "/min-side?melding=profile.revoked",
      heading: nb.profile.title,
    });
    await page.getByRole("status").filter({ hasText: nb.profile.revoked }).waitFor();
    await expect(tokenRow(page, name).textContent()).resolves.toContain(nb.profile.statusRevoked);
    expect((await api("/me", secret)).status).toBe(401);
  });

  it("works without JavaScript, keeping what was typed on a validation error", async () => {
    const page = await open({ blockScripts: true });
    await loginAs(page, EMPLOYEE);
    await visit(page, "/min-side");
    const name = uniqueName("Uten JS");
    await page.getByLabel(nb.profile.tokenName).fill(name);
    await page.getByRole("checkbox", { name: nb.profile.scope.read }).uncheck();
    await page.getByRole("button", { name: nb.profile.createToken }).click();
    await page.getByText(nb.errors.scopesRequired).first().waitFor();
    await checkA11y(page);
    await expect(page.getByLabel(nb.profile.tokenName).inputValue()).resolves.toBe(name);

    const secret = await createKey(page, name, nb.profile.scope.read, "");
    expect(secret).toMatch(/^lgt_/);
    await expect(tokenRow(page, name).textContent()).resolves.toContain(nb.profile.neverExpires);
    expect((await api("/me", secret)).status).toBe(200);
  });

  it("lists every API operation on the docs page, linking to openapi.json", async () => {
    const page = await open();
    await loginAs(page, EMPLOYEE);
    await page
      .getByRole("navigation", { name: nb.nav.main })
      .getByRole("link", { name: nb.nav.apiDocs })
      .click();
    await expectPage(page, { path: "/api-dokumentasjon", heading: nb.api.title });
    const rows = page.getByRole("table").getByRole("row");
    await expect(rows.count()).resolves.toBe(apiOperations.length + 1);
    await page.getByRole("cell", { name: "/api/v1/units/{id}" }).first().waitFor();
    const link = page.getByRole("link", { name: nb.api.openApiLink });
    expect(await link.getAttribute("href")).toBe("/api/v1/openapi.json");
    const doc = await (await fetch(`${server.url}/api/v1/openapi.json`)).json();
    expect(doc.openapi).toBe("3.1.0");
  });

  it("logs out everywhere: this browser and every other one", async () => {
    const first = await open();
    const second = await open();
    await loginAs(first, LEADER);
    await loginAs(second, LEADER);
    await visit(first, "/min-side");
    await first.getByText(fill(nb.profile.sessionsText, { count: "2" })).waitFor();
    await first.getByRole("button", { name: nb.profile.logoutEverywhere }).click();
    await expectPage(first, {
      path: "/logg-inn?melding=login.loggedOutEverywhere",
      heading: nb.login.title,
    });
    await first.getByRole("status").filter({ hasText: nb.login.loggedOutEverywhere }).waitFor();
    await second.goto("/min-side");
    await second.waitForURL((url) => url.pathname === "/logg-inn");
  });
});
