import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { nb } from "../../i18n/nb.ts";
import {
  checkA11y,
  expectPage,
  launchBrowser,
  loginAs,
  mainHeading,
  openSession,
  sharedLaget,
  type Session,
} from "../support/e2e.ts";

const COORDINATOR = "koordinator@fjordvik.example";
/** Bjørn Bakken, appointed BTS contact of Solsikken barnehage in the demo data. */
const BTS_CONTACT = "bts@fjordvik.example";
const common = nb.implementation.common;
const plan = nb.implementation.plan;
const training = nb.implementation.training;

/** A link in the page's main content (the header's navigation has links with the same words). */
function mainLink(page: Page, name: string) {
  return page.getByRole("main").getByRole("link", { name, exact: true });
}

/** The navigation item in the page header. */
function navLink(page: Page, name: string) {
  return page.getByRole("banner").getByRole("link", { name, exact: true });
}

/**
 * The two main journeys of the implementation module, the way its users walk them from the
 * start page through the navigation, on the demo municipality's data: the coordinator follows
 * the plan, the network and the training up; a BTS contact sees their own unit, its new
 * employees and the network, and signs up for the yearly seminar. axe runs on every page.
 * The areas' own files test each page's forms and rules in depth.
 */
describe("implementation journeys in the browser", () => {
  const server = sharedLaget();
  let browser: Browser;
  const sessions: Session[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    const problems = sessions.flatMap((opened) => opened.problems);
    for (const opened of sessions.splice(0)) await opened.close();
    expect(problems, "errors in the browser console").toEqual([]);
  });

  async function session(): Promise<Page> {
    const opened = await openSession(browser, server);
    sessions.push(opened);
    return opened.page;
  }

  it("the coordinator: overview of all units → the plan with overdue milestones → the network's next meeting → training and the portal", async () => {
    const page = await session();
    await loginAs(page, COORDINATOR);
    await navLink(page, common.navLabel).click();
    await expectPage(page, { path: "/implementering", heading: common.title });
    // All units side by side, pilots and units without a BTS contact among them.
    const main = page.getByRole("main");
    for (const unit of [
      "Solsikken barnehage",
      "Fjordvik skole",
      "NAV Fjordvik",
      "Tannhelsetjenesten",
    ]) {
      await main.getByRole("link", { name: unit, exact: true }).waitFor();
    }

    await mainLink(page, common.links.plan).click();
    await expectPage(page, { path: "/implementering/plan", heading: plan.title });
    // The demo plan has overdue milestones, marked in words.
    await main.getByText(plan.milestones.status.overdue, { exact: true }).first().waitFor();
    await main.getByRole("link", { name: plan.milestones.table, exact: true }).click();
    await expectPage(page, { path: "/implementering/plan?visning=tabell", heading: plan.title });
    await main.getByRole("table").first().waitFor();

    await navLink(page, common.navLabel).click();
    await expectPage(page, { path: "/implementering", heading: common.title });
    await mainLink(page, common.links.networks).click();
    await expectPage(page, {
      path: "/implementering/nettverk",
      heading: nb.implementation.networks.title,
    });
    await mainLink(page, "BTS-nettverk oppvekst").click();
    await expectPage(page, {
      path: /^\/implementering\/nettverk\/[0-9a-f-]{36}$/,
      heading: "BTS-nettverk oppvekst",
    });
    await main.locator('a[href*="/moter/"]').first().click();
    await page.waitForURL(/\/moter\/[0-9a-f-]{36}$/);
    await checkA11y(page);

    await navLink(page, common.navLabel).click();
    await expectPage(page, { path: "/implementering", heading: common.title });
    await mainLink(page, common.links.training).click();
    await expectPage(page, { path: "/implementering/opplaering", heading: training.admin.title });
    await mainLink(page, "Oppstartskonferanse – BTS kick-off").click();
    await expectPage(page, {
      path: /^\/implementering\/opplaering\/[0-9a-f-]{36}$/,
      heading: "Oppstartskonferanse – BTS kick-off",
    });

    await navLink(page, common.navLabel).click();
    await mainLink(page, common.links.competence).click();
    await expectPage(page, { path: "/kompetanse", heading: /Kompetanseportalen/ });
    await mainLink(page, "Velkommen til kompetanseportalen").click();
    await expectPage(page, {
      path: /^\/kompetanse\/[0-9a-f-]{36}$/,
      heading: "Velkommen til kompetanseportalen",
    });
  });

  it("a BTS contact: their own unit only → its new employees → the network → signs up for the yearly seminar", async () => {
    const page = await session();
    await loginAs(page, BTS_CONTACT);
    await navLink(page, common.navLabel).click();
    await expectPage(page, { path: "/implementering", heading: common.title });
    const main = page.getByRole("main");
    await mainLink(page, "Solsikken barnehage").waitFor();
    // Another unit is not theirs to see.
    expect(await main.getByRole("link", { name: "Fjordvik skole", exact: true }).count()).toBe(0);

    await mainLink(page, "Solsikken barnehage").click();
    await expectPage(page, {
      path: /^\/implementering\/enheter\/[0-9a-f-]{36}$/,
      heading: /Solsikken barnehage/,
    });
    await main.getByText("Bjørn Bakken").first().waitFor();

    await navLink(page, common.navLabel).click();
    await mainLink(page, common.links.onboarding).click();
    await expectPage(page, {
      path: /^\/implementering\/nyansatte/,
      heading: nb.implementation.units.onboarding.title,
    });

    await navLink(page, common.navLabel).click();
    await mainLink(page, common.links.networks).click();
    await expectPage(page, {
      path: "/implementering/nettverk",
      heading: nb.implementation.networks.title,
    });
    await mainLink(page, "BTS-nettverk oppvekst").click();
    await mainHeading(page, "BTS-nettverk oppvekst").waitFor();
    await checkA11y(page);

    await navLink(page, training.navLabel).click();
    await expectPage(page, { path: "/opplaering", heading: training.title });
    const seminar = "Årlig oppvekstseminar – å snakke med barn og foresatte";
    await mainLink(page, seminar).click();
    await expectPage(page, { path: /^\/opplaering\/[0-9a-f-]{36}$/, heading: seminar });
    await main.getByRole("button", { name: training.staff.register, exact: true }).click();
    await page.getByRole("status").filter({ hasText: training.staff.registered }).waitFor();
    await checkA11y(page);
    await main.getByText(training.staff.youAreRegistered).first().waitFor();
  });
});
