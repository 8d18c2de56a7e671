import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { addDays, osloDate } from "../../core/platform/dates.ts";
import { demoDecisionTitles, demoGroupNames } from "../../db/seed-demo-organisation-groups.ts";
import { nb } from "../../i18n/nb.ts";
import {
  checkA11y,
  expectPage,
  fill,
  launchBrowser,
  loginAs,
  openSession,
  sharedLaget,
  uniqueName,
  visit,
  type Session,
} from "../support/e2e.ts";

const COORDINATOR = "koordinator@fjordvik.example";
const SECTOR_LEADER = "kommunalsjef@fjordvik.example";
const g = nb.organisation.groups;
const hub = nb.organisation.common.hub;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The value of the first option of a select whose text contains `text`. */
async function optionValue(page: Page, selectId: string, text: string): Promise<string> {
  const value = await page
    .locator(`select#${selectId} option`, { hasText: text })
    .first()
    .getAttribute("value");
  if (!value) throw new Error(`No option «${text}» in #${selectId}`);
  return value;
}

// Each test walks many page states with axe on each; a busy machine needs more than 60 s.
describe("project groups in the browser", { timeout: 240_000 }, () => {
  const server = sharedLaget();
  const sessions: Session[] = [];
  async function session(): Promise<Page> {
    const opened = await openSession(browser, server);
    sessions.push(opened);
    return opened.page;
  }
  afterEach(async () => {
    const problems = sessions.flatMap((opened) => opened.problems);
    for (const opened of sessions.splice(0)) await opened.close();
    expect(problems, "errors in the browser console").toEqual([]);
  });

  it("lets the coordinator create a group after a missing mandate, add a member, a meeting and a decision", async () => {
    const page = await session();
    await loginAs(page, COORDINATOR);
    const today = osloDate();

    // The hub: one card per area with a live figure.
    await visit(page, "/organisering");
    await expectPage(page, { path: "/organisering", heading: nb.organisation.common.title });
    const cards = page.getByRole("list", { name: hub.listLabel });
    await cards.getByRole("link", { name: hub.arenas.title, exact: true }).waitFor();
    await cards.getByRole("link", { name: hub.printed.title, exact: true }).waitFor();
    await cards.getByText(/^\d+ aktive grupper$/).waitFor();
    await cards.getByRole("link", { name: hub.groups.title, exact: true }).click();

    // The list: by kind, closed groups apart.
    await expectPage(page, { path: "/organisering/grupper", heading: g.title });
    await page.getByRole("heading", { level: 3, name: demoGroupNames.steering }).waitFor();
    await page.getByRole("heading", { level: 3, name: demoGroupNames.driver }).waitFor();
    await page.getByRole("heading", { level: 3, name: demoGroupNames.competence }).waitFor();
    const closed = page.getByRole("table", { name: g.list.closedCaption });
    await closed.getByRole("rowheader", { name: demoGroupNames.pilot }).waitFor();

    // A new group: a second steering group and no mandate are refused, what was typed stays.
    await page.getByRole("link", { name: g.new, exact: true }).click();
    await expectPage(page, { path: "/organisering/grupper/ny", heading: g.form.newTitle });
    const name = uniqueName("Arbeidsgruppe for informasjonsmateriell");
    await page.getByRole("radio", { name: g.kind.steering }).check();
    await page.getByLabel(g.fields.name).fill(name);
    await page.getByLabel(g.fields.meetingPlan).fill("Hver sjette uke, tirsdag 09–11");
    await page.getByRole("button", { name: g.save, exact: true }).click();
    await page.getByRole("heading", { name: nb.common.errorSummary }).waitFor();
    await page.getByRole("link", { name: g.errors.mandateRequired }).waitFor();
    await page
      .getByRole("link", { name: fill(g.errors.steeringExists, { name: demoGroupNames.steering }) })
      .waitFor();
    await expect(page.getByLabel(g.fields.name).inputValue()).resolves.toBe(name);
    await expect(page.getByLabel(g.fields.meetingPlan).inputValue()).resolves.toBe(
      "Hver sjette uke, tirsdag 09–11",
    );
    await expect(page.getByLabel(g.fields.mandate).getAttribute("aria-invalid")).resolves.toBe(
      "true",
    );
    await checkA11y(page);

    // Fixed: a working group with a mandate.
    await page.getByRole("radio", { name: g.kind.working }).check();
    await page
      .getByLabel(g.fields.mandate)
      .fill("Lage brosjyrer og plakater fra veilederen til ansatte og foresatte.");
    await page.getByRole("button", { name: g.save, exact: true }).click();
    await expectPage(page, {
      path: /^\/organisering\/grupper\/[0-9a-f-]{36}\?melding=organisation\.groups\.notices\.created/,
      heading: name,
    });
    await page
      .getByRole("status")
      .filter({ hasText: fill(g.notices.created, { name }) })
      .waitFor();
    await page.getByText(g.members.empty, { exact: true }).waitFor();

    // A staff member as chair, then an outside person.
    await page.getByLabel(g.members.userId).selectOption({ label: "Bjørn Bakken" });
    await page.getByLabel(g.members.roleField).fill("BTS-kontakt");
    await page.getByLabel(g.members.isChair).check();
    await page.getByRole("button", { name: g.members.add, exact: true }).click();
    await expectPage(page, {
      path: /melding=organisation\.groups\.notices\.memberAdded/,
      heading: name,
    });
    const members = page.getByRole("table", { name: fill(g.members.caption, { name }) });
    const bjorn = members.getByRole("row").filter({ hasText: "Bjørn Bakken" });
    await bjorn.getByText(g.members.chairTag, { exact: true }).waitFor();
    await bjorn.getByText(g.members.staff, { exact: true }).waitFor();
    await page.getByLabel(g.members.outsideName).fill("Kari Nilsen");
    await page.getByLabel(g.members.roleField).fill("Varaordfører");
    await page.getByRole("button", { name: g.members.add, exact: true }).click();
    await page
      .getByRole("status")
      .filter({ hasText: fill(g.notices.memberAdded, { name: "Kari Nilsen" }) })
      .waitFor();
    await checkA11y(page);
    const kari = members.getByRole("row").filter({ hasText: "Kari Nilsen" });
    await kari.getByText(g.members.outside, { exact: true }).waitFor();

    // Removing asks first.
    await kari
      .getByRole("link", { name: fill(g.members.removeNamed, { name: "Kari Nilsen" }) })
      .click();
    await page.getByText(fill(g.members.removeQuestion, { name: "Kari Nilsen" })).waitFor();
    await checkA11y(page);
    await page.getByRole("button", { name: g.members.confirmRemove, exact: true }).click();
    await expectPage(page, { path: /memberRemoved/, heading: name });
    await expect(members.getByRole("row").filter({ hasText: "Kari Nilsen" }).count()).resolves.toBe(
      0,
    );

    // A meeting held three days ago.
    const held = addDays(today, -3);
    await page.getByLabel(g.meetings.meetsOn).fill(held);
    await page.getByLabel(g.meetings.timeField, { exact: true }).fill("09:00–11:00");
    await page.getByLabel(g.meetings.placeField, { exact: true }).fill("Familiens hus");
    await page.getByRole("button", { name: g.meetings.add, exact: true }).click();
    await expectPage(page, { path: /meetingAdded/, heading: name });
    const past = page.getByRole("table", { name: fill(g.meetings.pastCaption, { name }) });
    await past.getByRole("rowheader", { name: held.split("-").reverse().join(".") }).waitFor();

    // A decision dated in the future is refused, the title stays; then one on a guide version.
    const title = uniqueName("Brosjyren for foresatte vedtatt");
    await page.getByLabel(g.decisions.fields.decidedOn).fill(addDays(today, 2));
    await page.getByRole("textbox", { name: /^Vedtak \(/ }).fill(title);
    await page.getByRole("button", { name: g.decisions.add, exact: true }).click();
    await page.getByRole("link", { name: g.errors.decidedInFuture }).waitFor();
    await expect(page.getByRole("textbox", { name: /^Vedtak \(/ }).inputValue()).resolves.toBe(
      title,
    );
    await checkA11y(page);
    await page.getByLabel(g.decisions.fields.decidedOn).fill(held);
    const meetingId = await optionValue(page, "meetingId", held.split("-").reverse().join("."));
    await page
      .getByRole("combobox", { name: g.decisions.fields.meetingId, exact: true })
      .selectOption(meetingId);
    const versionId = await optionValue(page, "contentVersionId", "«BTS-modellen");
    await page.getByLabel(g.decisions.fields.contentVersionId).selectOption(versionId);
    await page.getByRole("button", { name: g.decisions.add, exact: true }).click();
    await expectPage(page, { path: /decisionAdded/, heading: name });
    const decisions = page.getByRole("list", { name: fill(g.decisions.listLabel, { name }) });
    const decision = decisions.getByRole("listitem").filter({ hasText: title });
    const about = decision.getByRole("link", { name: /^Handlingsveilederen – «BTS-modellen/ });
    await expect(about.getAttribute("href")).resolves.toMatch(
      /^\/admin\/innhold\/[0-9a-f-]{36}\/historikk$/,
    );
    await expect(about.textContent()).resolves.toMatch(
      /, versjon \d+ \(publisert \d\d\.\d\d\.\d{4}\)$/,
    );

    // Correcting the decision, on its own page.
    const groupPath = new URL(page.url()).pathname;
    await decision.getByRole("link", { name: fill(g.decisions.correctNamed, { title }) }).click();
    await expectPage(page, {
      path: /^\/organisering\/grupper\/[0-9a-f-]{36}\/vedtak\/[0-9a-f-]{36}$/,
      heading: g.decisions.edit.title,
    });
    await page
      .getByLabel(g.decisions.fields.description)
      .fill("Brosjyren trykkes i 500 eksemplarer.");
    await page.getByRole("button", { name: g.save, exact: true }).click();
    await expectPage(page, { path: /decisionSaved/, heading: name });
    await decision.getByText("Brosjyren trykkes i 500 eksemplarer.").waitFor();

    // A group with decisions cannot be deleted: the edit page says to close it instead.
    await page.getByRole("link", { name: g.page.edit, exact: true }).click();
    await expectPage(page, {
      path: `${groupPath}/endre`,
      heading: fill(g.form.editTitle, { name }),
    });
    await page.getByText(fill(g.delete.hasDecisions_one, { count: 1 })).waitFor();
    await expect(page.getByRole("link", { name: g.delete.button }).count()).resolves.toBe(0);

    // The decisions log, filtered to the new group.
    await visit(page, "/organisering/vedtak");
    await expectPage(page, { path: "/organisering/vedtak", heading: g.log.title });
    await page
      .getByRole("rowheader", { name: new RegExp(`^${demoDecisionTitles.milestone}`) })
      .waitFor();
    await page.getByLabel(g.log.group).selectOption({ label: name });
    await page.getByRole("button", { name: g.log.submit, exact: true }).click();
    await expectPage(page, { path: /^\/organisering\/vedtak\?gruppe=/, heading: g.log.title });
    await page.getByRole("table", { name: fill(g.log.caption_one, { count: 1 }) }).waitFor();
    await page.getByRole("rowheader", { name: new RegExp(`^${title}`) }).waitFor();

    // The demo steering group: a decision on a milestone links to it in the plan.
    await visit(page, "/organisering/grupper");
    await page.getByRole("link", { name: demoGroupNames.steering, exact: true }).click();
    await expectPage(page, {
      path: /^\/organisering\/grupper\/[0-9a-f-]{36}$/,
      heading: demoGroupNames.steering,
    });
    const milestoneLink = page.getByRole("link", {
      name: "Implementeringsplanen – «BTS som tema på felles planleggingsdag for barnehage og skole»",
    });
    await expect(milestoneLink.getAttribute("href")).resolves.toMatch(
      /^\/implementering\/plan\/[0-9a-f-]{36}$/,
    );
    await page
      .getByRole("row")
      .filter({ hasText: "Kari Nilsen" })
      .getByText(g.members.outside)
      .waitFor();
  });

  it("lets a sector leader read everything without edit buttons", async () => {
    const page = await session();
    await loginAs(page, SECTOR_LEADER);
    await visit(page, "/organisering");
    await expectPage(page, { path: "/organisering", heading: nb.organisation.common.title });
    await visit(page, "/organisering/grupper");
    await page.getByText(g.readOnly, { exact: true }).waitFor();
    await expect(page.getByRole("link", { name: g.new }).count()).resolves.toBe(0);
    await page.getByRole("link", { name: demoGroupNames.steering, exact: true }).click();
    await expectPage(page, {
      path: /^\/organisering\/grupper\/[0-9a-f-]{36}$/,
      heading: demoGroupNames.steering,
    });
    await expect(page.getByRole("link", { name: g.page.edit }).count()).resolves.toBe(0);
    await expect(page.getByRole("button", { name: g.members.add }).count()).resolves.toBe(0);
    await expect(page.getByRole("link", { name: g.decisions.correct }).count()).resolves.toBe(0);
    await expect(page.getByRole("columnheader", { name: g.members.actions }).count()).resolves.toBe(
      0,
    );
    // A reader's guide link opens the page in the guide, the milestone link the plan.
    const version = page.getByRole("link", { name: /^Handlingsveilederen – «BTS-modellen/ });
    await expect(version.getAttribute("href")).resolves.toBe("/veileder/bts-modellen");
    await expect(
      page
        .getByRole("link", { name: /^Implementeringsplanen – «/ })
        .first()
        .getAttribute("href"),
    ).resolves.toBe("/implementering/plan");
    await visit(page, "/organisering/vedtak");
    await page
      .getByRole("rowheader", { name: new RegExp(`^${demoDecisionTitles.version}`) })
      .waitFor();
    await expect(page.getByRole("columnheader", { name: g.log.actions }).count()).resolves.toBe(0);
    await visit(page, "/organisering/grupper/ny", { status: 403 });
  });
});
