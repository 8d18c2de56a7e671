import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { en } from "../../i18n/en.ts";
import { nb } from "../../i18n/nb.ts";
import { nn } from "../../i18n/nn.ts";
import {
  checkA11y,
  DEMO_PASSWORD,
  demoUser,
  e2eDatabaseKinds,
  escapeRegExp,
  expectPage,
  fill,
  launchBrowser,
  loginAs,
  mainHeading,
  openSession,
  sharedLaget,
  startLaget,
  tabTo,
  uniqueName,
  visit,
  waitForHydration,
  type LagetServer,
  type Session,
} from "../support/e2e.ts";
import { SESSION_COOKIE } from "../../server/cookies.ts";

const ADMIN = "admin@fjordvik.example";
const EMPLOYEE = "ansatt@fjordvik.example";
const adminName = demoUser(ADMIN).name;
const employeeName = demoUser(EMPLOYEE).name;

function mainNav(page: Page) {
  return page.getByRole("navigation", { name: nb.nav.main });
}

async function navTexts(page: Page, label: string = nb.nav.main): Promise<string[]> {
  const nav = page.getByRole("navigation", { name: label });
  await nav.waitFor();
  return (await nav.getByRole("link").allTextContents()).map((text) => text.trim());
}

async function activeElementId(page: Page): Promise<string> {
  return page.evaluate(() => document.activeElement?.id ?? "");
}

function unitRow(page: Page, name: string) {
  return page.getByRole("row").filter({ has: page.getByRole("cell", { name, exact: true }) });
}

/** Creates a unit through the form as a logged-in admin and waits for the list. */
async function createUnit(page: Page, name: string, serviceTypeLabel: string): Promise<void> {
  await visit(page, "/admin/enheter/ny");
  await page.getByLabel(nb.units.name).fill(name);
  await page.getByLabel(nb.units.serviceType).selectOption({ label: serviceTypeLabel });
  await page.getByRole("button", { name: nb.units.save }).click();
  await expectPage(page, {
    path: /^\/admin\/enheter\?melding=units\.created/,
    heading: nb.units.title,
  });
  await page
    .getByRole("status")
    .filter({ hasText: fill(nb.units.created, { name }) })
    .waitFor();
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("foundation in the browser (PGlite, every flow)", () => {
  const server = sharedLaget();
  let session: Session;
  let page: Page;

  beforeEach(async () => {
    session = await openSession(browser, server);
    page = session.page;
  });
  afterEach(async () => {
    const problems = [...session.problems];
    await session.close();
    expect(problems, "errors in the browser console").toEqual([]);
  });

  it("rejects a wrong password with the generic message, keeps the e-mail, then logs in", async () => {
    await visit(page, "/logg-inn");
    for (const email of [EMPLOYEE, "finnes.ikke@fjordvik.example"]) {
      await page.getByLabel(nb.login.email).fill(email);
      await page.getByLabel(nb.login.password).fill("feil-passord-1234");
      await page.getByRole("button", { name: nb.login.submit, exact: true }).click();
      // The same message for an unknown user and a wrong password: nothing tells which it was.
      await page.getByRole("alert").filter({ hasText: nb.errors.loginFailed }).waitFor();
      await checkA11y(page);
      expect(new URL(page.url()).pathname).toBe("/logg-inn");
      expect(await page.getByLabel(nb.login.email).inputValue()).toBe(email);
    }

    await page.getByLabel(nb.login.email).fill(EMPLOYEE);
    await page.getByLabel(nb.login.password).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: nb.login.submit, exact: true }).click();
    await expectPage(page, { path: "/", heading: fill(nb.start.welcome, { name: employeeName }) });
  });

  it("logs in with the demo picker; an admin sees the admin navigation and start cards", async () => {
    await loginAs(page, ADMIN, { via: "demo", browser: true });
    expect(await mainHeading(page, fill(nb.start.welcome, { name: adminName })).isVisible()).toBe(
      true,
    );
    const links = await navTexts(page);
    expect(links).toEqual(
      expect.arrayContaining([nb.nav.start, nb.nav.units, nb.nav.users, nb.nav.settings]),
    );
    for (const title of [nb.nav.units, nb.nav.users, nb.nav.settings]) {
      expect(await page.getByRole("heading", { level: 3, name: title }).count()).toBe(1);
    }
    await page.getByText(fill(nb.start.rolesLine, { roles: nb.roles.admin })).waitFor();
  });

  it("shows an employee no admin navigation and the Norwegian 403 page for /admin/enheter", async () => {
    await loginAs(page, EMPLOYEE, { via: "demo", browser: true });
    const links = await navTexts(page);
    expect(links).toContain(nb.nav.start);
    expect(links).toContain(nb.nav.profile);
    for (const adminOnly of [nb.nav.units, nb.nav.users, nb.nav.settings]) {
      expect(links).not.toContain(adminOnly);
    }
    await page.getByText(fill(nb.start.unitsLine, { units: "Fjordvik skole" })).waitFor();

    await visit(page, "/admin/enheter", { status: 403 });
    await mainHeading(page, nb.errors.page403Title).waitFor();
    await page.getByText(nb.errors.page403Text).waitFor();
  });

  it("sends anonymous visitors to login and back to the page they asked for", async () => {
    await visit(page, "/admin/enheter/ny");
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(
      `/logg-inn?returnTo=${encodeURIComponent("/admin/enheter/ny")}`,
    );
    await mainHeading(page, nb.login.title).waitFor();
    await page.getByLabel(nb.login.email).fill(ADMIN);
    await page.getByLabel(nb.login.password).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: nb.login.submit, exact: true }).click();
    await expectPage(page, { path: "/admin/enheter/ny", heading: nb.units.newTitle });
  });

  it("switches to nynorsk and English: <html lang>, texts, and it persists across pages", async () => {
    await loginAs(page, ADMIN);
    expect(await page.locator("html").getAttribute("lang")).toBe("nb");
    const bokmalTexts = await navTexts(page);

    await page.getByLabel(nb.nav.language).selectOption("nn");
    await page.getByRole("button", { name: nb.nav.changeLanguage }).click();
    await page.waitForFunction(() => document.documentElement.lang === "nn");
    await expectPage(page, { path: "/", heading: fill(nn.start.welcome, { name: adminName }) });
    const nynorskTexts = await navTexts(page, nn.nav.main);
    expect(nynorskTexts).toEqual(
      expect.arrayContaining([nn.nav.start, nn.nav.units, nn.nav.users, nn.nav.settings]),
    );
    // The texts must actually change, not only the lang attribute.
    expect(nynorskTexts).not.toEqual(bokmalTexts);

    // A client-side navigation and a full reload both keep the language.
    await page
      .getByRole("navigation", { name: nn.nav.main })
      .getByRole("link", { name: nn.nav.units })
      .click();
    await expectPage(page, { path: "/admin/enheter", heading: nn.units.title });
    expect(await page.locator("html").getAttribute("lang")).toBe("nn");
    await page.reload();
    await expectPage(page, { path: "/admin/enheter", heading: nn.units.title });
    expect(await page.locator("html").getAttribute("lang")).toBe("nn");

    await page.getByLabel(nn.nav.language).selectOption("en");
    await page.getByRole("button", { name: nn.nav.changeLanguage }).click();
    await page.waitForFunction(() => document.documentElement.lang === "en");
    // The switch returns to the page it was made on.
    await expectPage(page, { path: "/admin/enheter", heading: en.units.title });
    const englishTexts = await navTexts(page, en.nav.main);
    expect(englishTexts).toEqual(
      expect.arrayContaining([en.nav.start, en.nav.units, en.nav.users, en.nav.settings]),
    );
    expect(englishTexts).not.toEqual(bokmalTexts);
    expect(englishTexts).not.toEqual(nynorskTexts);
    await visit(page, "/");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await mainHeading(page, fill(en.start.welcome, { name: adminName })).waitFor();
  });

  it("ends the session at logout: back, reload and the old cookie all lead to login", async () => {
    await loginAs(page, ADMIN);
    await visit(page, "/admin/enheter");
    // A second tab on a protected page, to reload after logging out in the first.
    const otherTab = await session.context.newPage();
    await otherTab.goto("/admin/enheter");
    await mainHeading(otherTab, nb.units.title).waitFor();
    const sessionCookie = (await session.context.cookies()).find(
      (cookie) => cookie.name === SESSION_COOKIE,
    );
    expect(sessionCookie, "a session cookie before logout").toBeDefined();

    await page.getByRole("button", { name: nb.nav.logout }).click();
    await expectPage(page, { path: "/logg-inn?melding=login.loggedOut", heading: nb.login.title });
    await page.getByRole("status").filter({ hasText: nb.login.loggedOut }).waitFor();

    const loginWithReturn = `/logg-inn?returnTo=${encodeURIComponent("/admin/enheter")}`;
    await page.goBack();
    await expectPage(page, { path: loginWithReturn, heading: nb.login.title });

    await otherTab.reload();
    await expectPage(otherTab, { path: loginWithReturn, heading: nb.login.title });
    await otherTab.close();

    // The session is ended on the server, not only forgotten by the browser.
    await session.context.addCookies([sessionCookie!]);
    await page.goto("/admin/enheter");
    await expectPage(page, { path: loginWithReturn, heading: nb.login.title });
  });

  it("shows a Norwegian 404 page without a stack trace", async () => {
    await visit(page, "/finnes-ikke/heller-ikke", { status: 404 });
    await mainHeading(page, nb.errors.page404Title).waitFor();
    await page.getByText(nb.errors.page404Text).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("nb");
    const html = await page.content();
    expect(html).not.toMatch(/\bat \S+ \(|node_modules|\.tsx?:\d+|Error:/);
    expect(await page.locator("pre").count()).toBe(0);
  });

  it("moves focus to the main content with the skip link", async () => {
    await visit(page, "/logg-inn");
    await waitForHydration(page);
    await page.keyboard.press("Tab");
    const skipLink = page.getByRole("link", { name: nb.nav.skipToContent });
    expect(await skipLink.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await skipLink.isVisible()).toBe(true);
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.activeElement?.id === "main");
    expect(await activeElementId(page)).toBe("main");
  });

  it("moves focus to the main content after a client-side navigation", async () => {
    await loginAs(page, ADMIN, { via: "demo", browser: true });
    await waitForHydration(page);
    const nav = page.getByRole("navigation", { name: nb.nav.main });
    await nav.getByRole("link", { name: nb.nav.units }).click();
    await page.waitForURL((url) => url.pathname === "/admin/enheter");
    await page.waitForFunction(() => document.activeElement?.id === "main");
    expect(await activeElementId(page)).toBe("main");
  });

  it("does login and the units flow with the keyboard alone", async () => {
    const name = uniqueName("Tastaturhagen barnehage");
    const renamed = `${name} (ny)`;
    await visit(page, "/logg-inn");
    await tabTo(page, page.getByLabel(nb.login.email));
    await page.keyboard.type(ADMIN);
    await tabTo(page, page.getByLabel(nb.login.password));
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press("Enter");
    await expectPage(page, { path: "/", heading: fill(nb.start.welcome, { name: adminName }) });

    await tabTo(page, mainNav(page).getByRole("link", { name: nb.nav.units }));
    await page.keyboard.press("Enter");
    await expectPage(page, { path: "/admin/enheter", heading: nb.units.title });

    await tabTo(page, page.getByRole("link", { name: nb.units.new }), 60);
    await page.keyboard.press("Enter");
    await expectPage(page, { path: "/admin/enheter/ny", heading: nb.units.newTitle });
    await tabTo(page, page.getByLabel(nb.units.name));
    await page.keyboard.type(name);
    const select = page.getByLabel(nb.units.serviceType);
    await tabTo(page, select);
    await page.keyboard.press("ArrowDown");
    expect(await select.inputValue()).not.toBe("");
    await tabTo(page, page.getByRole("button", { name: nb.units.save }));
    await page.keyboard.press("Enter");
    await expectPage(page, {
      path: /^\/admin\/enheter\?melding=units\.created/,
      heading: nb.units.title,
    });
    await unitRow(page, name).waitFor();

    await tabTo(page, page.getByRole("link", { name: fill(nb.units.editNamed, { name }) }), 120);
    await page.keyboard.press("Enter");
    await expectPage(page, {
      path: /^\/admin\/enheter\/[0-9a-f-]{36}$/,
      heading: `${nb.units.editTitle}: ${name}`,
    });
    await tabTo(page, page.getByLabel(nb.units.name));
    await page.keyboard.press("End");
    await page.keyboard.type(" (ny)");
    await tabTo(page, page.getByRole("button", { name: nb.units.save }));
    await page.keyboard.press("Enter");
    await expectPage(page, {
      path: /\?melding=units\.saved$/,
      heading: `${nb.units.editTitle}: ${renamed}`,
    });
    await page.getByRole("status").filter({ hasText: nb.units.saved }).waitFor();
  });

  it("keeps what was typed on a validation error and shows an error summary", async () => {
    const name = uniqueName("Feilvik skole");
    await loginAs(page, ADMIN);
    await visit(page, "/admin/enheter/ny");
    await page.getByLabel(nb.units.name).fill(name);
    await page.getByRole("button", { name: nb.units.save }).click();

    const summary = page.locator(".ds-error-summary").filter({ hasText: nb.common.errorSummary });
    await summary.waitFor();
    await checkA11y(page);
    expect(new URL(page.url()).pathname).toBe("/admin/enheter/ny");
    expect(await page.getByLabel(nb.units.name).inputValue()).toBe(name);
    const select = page.getByLabel(nb.units.serviceType);
    expect(await select.getAttribute("aria-invalid")).toBe("true");
    // Each error in the summary links to its field.
    const link = summary.getByRole("link");
    expect(await link.count()).toBe(1);
    expect(await link.getAttribute("href")).toBe("#serviceType");
    await link.click();
    await page.waitForFunction(() => document.activeElement?.id === "serviceType");

    await select.selectOption({ label: nb.serviceType.grunnskole });
    await page.getByRole("button", { name: nb.units.save }).click();
    await expectPage(page, {
      path: /^\/admin\/enheter\?melding=units\.created/,
      heading: nb.units.title,
    });
    const row = unitRow(page, name);
    await row.waitFor();
    expect(await row.getByRole("cell").allTextContents()).toEqual([
      name,
      nb.serviceType.grunnskole,
      nb.units.active,
      nb.units.edit,
    ]);

    // A duplicate name is refused beside the field, with the name still there.
    await visit(page, "/admin/enheter/ny");
    await page.getByLabel(nb.units.name).fill(name);
    await page.getByLabel(nb.units.serviceType).selectOption({ label: nb.serviceType.ppt });
    await page.getByRole("button", { name: nb.units.save }).click();
    await page.getByText(nb.errors.unitNameTaken).first().waitFor();
    await checkA11y(page);
    expect(await page.getByLabel(nb.units.name).inputValue()).toBe(name);
    expect(await page.getByLabel(nb.units.serviceType).inputValue()).toBe("ppt");
  });

  it("edits, deactivates with confirmation, and reactivates a unit", async () => {
    const name = uniqueName("Endrevik kulturskole");
    const renamed = `${name} og fritid`;
    await loginAs(page, ADMIN);
    await createUnit(page, name, nb.serviceType.kultur_fritid);

    await page.getByRole("link", { name: fill(nb.units.editNamed, { name }) }).click();
    await expectPage(page, {
      path: /^\/admin\/enheter\/[0-9a-f-]{36}$/,
      heading: `${nb.units.editTitle}: ${name}`,
    });
    const editPath = new URL(page.url()).pathname;
    await page.getByLabel(nb.units.name).fill(renamed);
    await page.getByRole("button", { name: nb.units.save }).click();
    await expectPage(page, {
      path: `${editPath}?melding=units.saved`,
      heading: `${nb.units.editTitle}: ${renamed}`,
    });
    expect(await page.getByLabel(nb.units.name).inputValue()).toBe(renamed);

    // Deactivating asks first; cancelling changes nothing.
    await page.getByRole("link", { name: nb.units.deactivate }).click();
    const confirmation = page.getByText(fill(nb.units.deactivateConfirm, { name: renamed }));
    await confirmation.waitFor();
    await checkA11y(page);
    await page.getByRole("link", { name: nb.units.cancel }).last().click();
    await page.waitForURL((url) => url.pathname === editPath && url.search === "");
    await page
      .getByRole("heading", { level: 2, name: `${nb.units.status}: ${nb.units.active}` })
      .waitFor();
    expect(await confirmation.count()).toBe(0);

    await page.getByRole("link", { name: nb.units.deactivate }).click();
    await page.getByRole("button", { name: nb.units.confirmDeactivate }).click();
    await expectPage(page, {
      path: /^\/admin\/enheter\?melding=units\.deactivated/,
      heading: nb.units.title,
    });
    await page
      .getByRole("status")
      .filter({ hasText: fill(nb.units.deactivated, { name: renamed }) })
      .waitFor();
    expect(await unitRow(page, renamed).getByRole("cell").nth(2).textContent()).toBe(
      nb.units.inactive,
    );

    await page.getByRole("link", { name: fill(nb.units.editNamed, { name: renamed }) }).click();
    await expectPage(page, { path: editPath, heading: `${nb.units.editTitle}: ${renamed}` });
    await page.getByRole("button", { name: nb.units.reactivate }).click();
    await expectPage(page, {
      path: /^\/admin\/enheter\?melding=units\.reactivated/,
      heading: nb.units.title,
    });
    await page
      .getByRole("status")
      .filter({ hasText: fill(nb.units.reactivated, { name: renamed }) })
      .waitFor();
    expect(await unitRow(page, renamed).getByRole("cell").nth(2).textContent()).toBe(
      nb.units.active,
    );
  });
});

describe("foundation without JavaScript (server HTML only)", () => {
  const server = sharedLaget();
  let session: Session;
  let page: Page;

  beforeAll(async () => {
    session = await openSession(browser, server, { blockScripts: true });
    page = session.page;
  });
  afterAll(async () => {
    await session?.close();
  });

  it("logs in, switches language, creates a unit and logs out with plain form posts", async () => {
    const name = uniqueName("Skriptfri skole");
    await visit(page, "/admin/enheter");
    await mainHeading(page, nb.login.title).waitFor();
    await page.getByLabel(nb.login.email).fill(ADMIN);
    await page.getByLabel(nb.login.password).fill("ikke-passordet-1");
    await page.getByRole("button", { name: nb.login.submit, exact: true }).click();
    await page.getByRole("alert").filter({ hasText: nb.errors.loginFailed }).waitFor();
    await checkA11y(page);
    expect(await page.getByLabel(nb.login.email).inputValue()).toBe(ADMIN);

    await page.getByLabel(nb.login.password).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: nb.login.submit, exact: true }).click();
    await expectPage(page, { path: "/admin/enheter", heading: nb.units.title });
    // Proof that no script ran: React Router never created its client router.
    expect(await page.evaluate(() => "__reactRouterDataRouter" in window)).toBe(false);

    await visit(page, "/admin/enheter/ny");
    await page.getByLabel(nb.units.serviceType).selectOption({ label: nb.serviceType.grunnskole });
    await page.getByRole("button", { name: nb.units.save }).click();
    const summary = page.locator(".ds-error-summary").filter({ hasText: nb.common.errorSummary });
    await summary.waitFor();
    await checkA11y(page);
    expect(await summary.getByRole("link").getAttribute("href")).toBe("#name");
    expect(await page.getByLabel(nb.units.serviceType).inputValue()).toBe("grunnskole");
    await page.getByText(nb.errors.required).first().waitFor();

    await page.getByLabel(nb.units.name).fill(name);
    await page.getByRole("button", { name: nb.units.save }).click();
    await expectPage(page, {
      path: /^\/admin\/enheter\?melding=units\.created/,
      heading: nb.units.title,
    });
    await unitRow(page, name).waitFor();

    await page.getByLabel(nb.nav.language).selectOption("nn");
    await page.getByRole("button", { name: nb.nav.changeLanguage }).click();
    await page.waitForFunction(() => document.documentElement.lang === "nn");
    await expectPage(page, { path: /^\/admin\/enheter\?/, heading: nn.units.title });

    await page.getByRole("button", { name: nn.nav.logout }).click();
    await expectPage(page, { path: "/logg-inn?melding=login.loggedOut", heading: nn.login.title });
    await visit(page, "/admin/enheter");
    await mainHeading(page, nn.login.title).waitFor();
  });

  it("logs in with the demo picker", async () => {
    await session.context.clearCookies();
    await visit(page, "/logg-inn");
    const label = fill(nb.login.demoAs, { name: employeeName, role: nb.roles.employee });
    await page.getByRole("button", { name: new RegExp(`^${escapeRegExp(label)}`) }).click();
    await expectPage(page, { path: "/", heading: fill(nb.start.welcome, { name: employeeName }) });
  });
});

describe.runIf(e2eDatabaseKinds.includes("postgres"))("smoke test on PostgreSQL", () => {
  let server: LagetServer;
  let session: Session;

  beforeAll(async () => {
    server = await startLaget("postgres");
    session = await openSession(browser, server);
  });
  afterAll(async () => {
    await session?.close();
    await server?.stop();
  });

  it("logs in with a password, manages a unit, switches language and logs out", async () => {
    const page = session.page;
    const name = uniqueName("Postgresvik helsestasjon");
    // No demo picker on PostgreSQL: it exists only on the embedded database.
    await visit(page, "/logg-inn");
    expect(await page.getByRole("heading", { name: nb.login.demoHeading }).count()).toBe(0);
    await loginAs(page, ADMIN, { via: "password", returnTo: "/admin/enheter", browser: true });
    await mainHeading(page, nb.units.title).waitFor();
    expect(await navTexts(page)).toEqual(
      expect.arrayContaining([nb.nav.units, nb.nav.users, nb.nav.settings]),
    );

    await createUnit(page, name, nb.serviceType.helsestasjon_skolehelsetjeneste);
    await page.getByRole("link", { name: fill(nb.units.editNamed, { name }) }).click();
    await expectPage(page, {
      path: /^\/admin\/enheter\/[0-9a-f-]{36}$/,
      heading: `${nb.units.editTitle}: ${name}`,
    });
    await page.getByRole("link", { name: nb.units.deactivate }).click();
    await page.getByRole("button", { name: nb.units.confirmDeactivate }).click();
    await expectPage(page, {
      path: /^\/admin\/enheter\?melding=units\.deactivated/,
      heading: nb.units.title,
    });
    expect(await unitRow(page, name).getByRole("cell").nth(2).textContent()).toBe(
      nb.units.inactive,
    );

    await page.getByLabel(nb.nav.language).selectOption("en");
    await page.getByRole("button", { name: nb.nav.changeLanguage }).click();
    await page.waitForFunction(() => document.documentElement.lang === "en");
    await expectPage(page, { path: /^\/admin\/enheter/, heading: en.units.title });

    await page.getByRole("button", { name: en.nav.logout }).click();
    await expectPage(page, { path: "/logg-inn?melding=login.loggedOut", heading: en.login.title });
    await visit(page, "/admin/enheter");
    await mainHeading(page, en.login.title).waitFor();
  });
});
