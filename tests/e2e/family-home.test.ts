import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { nb } from "../../i18n/nb.ts";
import { DEMO_IDPORTEN_NAME } from "../../server/demo-idporten.ts";
import {
  checkA11y,
  checkPhoneWidth,
  demoCitizen,
  fill,
  launchBrowser,
  loginAs,
  loginAsCitizen,
  mainHeading,
  openSession,
  sharedLaget,
  tabTo,
  visit,
  type DemoCitizenKey,
  type Session,
} from "../support/e2e.ts";

const home = nb.family.home;
const idporten = home.demoIdporten;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("the family's front door: demo ID-porten and /familie", { timeout: 120_000 }, () => {
  const server = sharedLaget();
  const sessions: Session[] = [];
  async function session(): Promise<Page> {
    const opened = await openSession(browser, server);
    sessions.push(opened);
    return opened.page;
  }
  afterEach(async () => {
    const problems = sessions.flatMap((opened) => opened.problems);
    await Promise.all(sessions.splice(0).map((opened) => opened.close()));
    expect(problems, "errors in the browser console").toEqual([]);
  });

  it("Silje logs in at phone width and sees Emil's log in her list", async () => {
    const page = await session();
    await page.setViewportSize({ width: 320, height: 800 });
    await loginAsCitizen(page, "silje");
    await mainHeading(page, home.title).waitFor();
    await checkPhoneWidth(page);
    // The citizen's navigation has the family's page; a staff page is not offered.
    const nav = page.getByRole("navigation", { name: nb.nav.main });
    await nav.getByRole("link", { name: home.navLabel }).waitFor();
    expect(await nav.locator('a[href="/stafettlogger"]').count()).toBe(0);

    const link = page.getByRole("link", { name: fill(home.childLog, { name: "Emil Fjordheim" }) });
    await link.waitFor();
    expect(await link.getAttribute("href")).toMatch(/^\/familie\/[0-9a-f-]{36}$/);
    await page.getByText(home.asGuardian).waitFor();
    await page.getByText(fill(home.statusLabel, { status: home.statusOpen })).waitFor();
    // Only the logs she may see: not Nora's, not Sander's.
    expect(await page.getByText("Nora Haugen").count()).toBe(0);
    expect(await page.getByText("Sander Lie").count()).toBe(0);

    // The start page links to the list.
    await visit(page, "/");
    await page.getByRole("link", { name: home.startLink }).click();
    await page.waitForURL((url) => url.pathname === "/familie");
    await mainHeading(page, home.title).waitFor();
  });

  it("Nora sees her own log; Anne sees Nora's as a guardian", async () => {
    const nora = await session();
    await loginAsCitizen(nora, "nora");
    await nora.getByRole("link", { name: fill(home.childLog, { name: "Nora Haugen" }) }).waitFor();
    await nora.getByText(home.asYouth).waitFor();

    const anne = await session();
    await loginAsCitizen(anne, "anne");
    await anne.getByRole("link", { name: fill(home.childLog, { name: "Nora Haugen" }) }).waitFor();
    await anne.getByText(home.asGuardian).waitFor();
  });

  it.each<[DemoCitizenKey]>([["lars"], ["sander"], ["ukjent"]])(
    "%s gets the friendly page with nothing to show, at phone width",
    async (key) => {
      const page = await session();
      await page.setViewportSize({ width: 320, height: 800 });
      await loginAsCitizen(page, key);
      await mainHeading(page, home.empty.title).waitFor();
      await page.getByRole("heading", { level: 2, name: home.empty.whatHeading }).waitFor();
      await page.getByRole("heading", { level: 2, name: home.empty.contactHeading }).waitFor();
      // The demo municipality has a contact address.
      await page
        .getByRole("link", {
          name: fill(home.empty.contactEmail, { email: "bti@fjordvik.example" }),
        })
        .waitFor();
      expect(await page.getByText("Emil Fjordheim").count()).toBe(0);
      await checkPhoneWidth(page);
    },
  );

  it("the login works by keyboard alone, and the demo page says it is a demo", async () => {
    const page = await session();
    await visit(page, "/logg-inn?returnTo=%2Ffamilie");
    const citizenLink = page.getByRole("link", {
      name: fill(nb.login.citizenOidc, { name: DEMO_IDPORTEN_NAME }),
    });
    await tabTo(page, citizenLink);
    await page.keyboard.press("Enter");
    await mainHeading(page, idporten.heading).waitFor();
    await page.getByText(idporten.notReal).waitFor();
    await checkA11y(page);
    await checkPhoneWidth(page);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("nb");
    const silje = demoCitizen("silje");
    const button = page.getByRole("button", {
      name: fill(idporten.loginAs, { name: silje.name, role: idporten.roles.guardian }),
    });
    // Large tap targets.
    const box = await button.boundingBox();
    expect(box?.height).toBeGreaterThanOrEqual(44);
    await tabTo(page, button);
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.pathname === "/familie");
    await page
      .getByRole("link", { name: fill(home.childLog, { name: "Emil Fjordheim" }) })
      .waitFor();
    await checkA11y(page);
  });

  it("a typed national ID number: an invalid one is refused with a message, a valid one logs in", async () => {
    const page = await session();
    await visit(page, "/logg-inn?returnTo=%2Ffamilie");
    await page
      .getByRole("link", { name: fill(nb.login.citizenOidc, { name: DEMO_IDPORTEN_NAME }) })
      .click();
    await mainHeading(page, idporten.heading).waitFor();
    const field = page.getByLabel(idporten.pidLabel);
    await field.fill("12345678901");
    await page.getByRole("button", { name: idporten.submit, exact: true }).click();
    await page.getByText(idporten.pidInvalid).waitFor();
    expect(await field.inputValue()).toBe("12345678901");
    expect(await field.getAttribute("aria-invalid")).toBe("true");
    await checkA11y(page);

    await field.fill(demoCitizen("ukjent").pid);
    await page.getByRole("button", { name: idporten.submit, exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/familie");
    await mainHeading(page, home.empty.title).waitFor();
    await checkA11y(page);
  });

  it("cancelling at the demo ID-porten goes back to Laget's login page", async () => {
    const page = await session();
    await visit(page, "/logg-inn");
    await page
      .getByRole("link", { name: fill(nb.login.citizenOidc, { name: DEMO_IDPORTEN_NAME }) })
      .click();
    await mainHeading(page, idporten.heading).waitFor();
    await page.getByRole("button", { name: idporten.cancel }).click();
    await page.waitForURL((url) => url.pathname === "/logg-inn");
    await page.getByRole("alert").filter({ hasText: nb.errors.oidcFailed }).waitFor();
    await checkA11y(page);
  });

  it("the relay holder records guardians' ID numbers and sees them only masked", async () => {
    const page = await session();
    // Frida Familieterapeut (a demo relay log employee) holds Emil's log.
    await visit(page, "/logg-inn");
    await page
      .getByRole("button", {
        name: fill(nb.login.demoAs, { name: "Frida Familieterapeut", role: nb.roles.employee }),
      })
      .click();
    await page.getByRole("button", { name: nb.nav.logout }).waitFor();
    await visit(page, "/stafettlogger");
    const href = await page
      .locator("main a[href^='/stafettlogger/']", { hasText: "Emil Fjordheim" })
      .first()
      .getAttribute("href");
    await visit(page, `${href}/deltakere`);
    const silje = demoCitizen("silje");
    const row = page.getByRole("row", { name: new RegExp(silje.name) });
    await row.getByText(`${silje.pid.slice(0, 6)}*****`, { exact: true }).waitFor();
    expect(await page.content()).not.toContain(silje.pid);
    // The form to add a guardian explains what the number is for.
    await page.getByLabel(home.guardianId.label).waitFor();
    await page.getByText(home.guardianId.help).first().waitFor();
    // The open form has the field for every guardian row.
    await visit(page, "/stafettlogger/ny");
    expect(await page.getByLabel(home.guardianId.label).count()).toBeGreaterThan(0);
  });

  it("staff get 403 on /familie, anonymous visitors the login page", async () => {
    const anonymous = await session();
    await anonymous.goto("/familie");
    await anonymous.waitForURL(
      (url) => url.pathname === "/logg-inn" && url.searchParams.get("returnTo") === "/familie",
    );
    await checkA11y(anonymous);

    const staff = await session();
    await loginAs(staff, "ansatt@fjordvik.example");
    await visit(staff, "/familie", { status: 403 });
    const nav = staff.getByRole("navigation", { name: nb.nav.main });
    await nav.getByRole("link", { name: nb.nav.relayLogs }).waitFor();
    expect(await nav.locator('a[href="/familie"]').count()).toBe(0);
  });
});
