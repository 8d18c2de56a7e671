import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { osloDate } from "../../core/platform/dates.ts";
import {
  DEMO_KICKOFF_AUDIENCE,
  DEMO_KICKOFF_MILESTONE,
  DEMO_OVERDUE_AUDIENCE,
} from "../../db/seed-demo-organisation-anchoring.ts";
import { nb } from "../../i18n/nb.ts";
import {
  checkA11y,
  checkPhoneWidth,
  escapeRegExp,
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
const a = nb.organisation.anchoring;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** An activity's entry in the log (its <li>), found by the audience in its heading. */
function logEntry(page: Page, audience: string) {
  return page.locator("li.anchoring-log__item").filter({
    has: page.getByRole("heading", { level: 3, name: new RegExp(escapeRegExp(audience)) }),
  });
}

/** A required field's label: the text, then « (påkrevd)». */
function required(label: string): RegExp {
  return new RegExp(`^${escapeRegExp(label)} \\(`);
}

/** Links to an activity's edit page anywhere in the page's main content. */
async function editLinks(page: Page): Promise<string[]> {
  const hrefs = await page
    .locator("main a[href]")
    .evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
  return hrefs.filter((href) => /^\/organisering\/forankring\/[0-9a-f-]{36}/.test(href));
}

describe("anchoring in the browser", { timeout: 180_000 }, () => {
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

  it("lets the coordinator keep the log: an activity fixed after bad input, edited, deleted, and the timeline beside the plan", async () => {
    const page = await session();
    await loginAs(page, COORDINATOR);
    const today = osloDate();

    // The demo log: Strand's information tour in Fjordvik, one follow-up overdue in words.
    await visit(page, "/organisering/forankring");
    await expectPage(page, { path: "/organisering/forankring", heading: a.title });
    const overdue = logEntry(page, DEMO_OVERDUE_AUDIENCE);
    await overdue.getByText(a.followUpState.overdue, { exact: true }).first().waitFor();
    await page.getByText(fill(a.overdueSummary_one, { count: 1 }), { exact: true }).waitFor();
    const workshop = logEntry(page, "Utvalgte ansatte");
    await workshop
      .getByRole("link", { name: "Undringssamtalen – slik kan du starte", exact: true })
      .waitFor();

    // Only the open follow-ups.
    await page.getByLabel(a.filter.followUp).selectOption("apne");
    await page.getByRole("button", { name: a.filter.submit, exact: true }).click();
    await expectPage(page, { path: /oppfolging=apne/, heading: a.title });
    await logEntry(page, DEMO_OVERDUE_AUDIENCE).waitFor();
    await expect(logEntry(page, "Rådmannens ledergruppe").count()).resolves.toBe(0);

    // A new activity without a date, and a follow-up date without text: both refused.
    await visit(page, "/organisering/forankring");
    await page.getByRole("link", { name: a.new, exact: true }).click();
    await expectPage(page, { path: "/organisering/forankring/ny", heading: a.newTitle });
    const audience = uniqueName("Hovedtillitsvalgte");
    await page.getByLabel(required(a.fields.audienceKind)).selectOption("union");
    await page.getByLabel(required(a.fields.audience)).fill(audience);
    await page.getByRole("radio", { name: a.modeHelp.involved }).check();
    await page.getByLabel(required(a.fields.channel)).selectOption("meeting");
    await page.getByLabel(a.fields.summary, { exact: true }).fill("Gjennomgang av prosjektplanen");
    await page.getByLabel(a.fields.followUpDueOn).fill(today);
    await page.getByRole("button", { name: a.save, exact: true }).click();
    await page.getByRole("heading", { name: nb.common.errorSummary }).waitFor();
    await page.getByRole("link", { name: a.errors.occurredOn }).waitFor();
    await page.getByRole("link", { name: a.errors.followUpRequired }).waitFor();
    await expect(page.getByLabel(required(a.fields.audience)).inputValue()).resolves.toBe(audience);
    await expect(page.getByLabel(a.fields.summary, { exact: true }).inputValue()).resolves.toBe(
      "Gjennomgang av prosjektplanen",
    );
    await expect(page.getByLabel(a.fields.followUpDueOn).inputValue()).resolves.toBe(today);
    await expect(page.getByLabel(required(a.fields.audienceKind)).inputValue()).resolves.toBe(
      "union",
    );
    await expect(page.getByRole("radio", { name: a.modeHelp.involved }).isChecked()).resolves.toBe(
      true,
    );
    await expect(
      page.getByLabel(required(a.fields.occurredOn)).getAttribute("aria-invalid"),
    ).resolves.toBe("true");
    await checkA11y(page);

    // Fixed: the date and what is to be followed up.
    await page.getByLabel(required(a.fields.occurredOn)).fill(today);
    await page
      .getByLabel(a.fields.followUp, { exact: true })
      .fill("Sende referat til de tillitsvalgte");
    await page.getByRole("button", { name: a.save, exact: true }).click();
    await expectPage(page, {
      path: /^\/organisering\/forankring\?melding=organisation\.anchoring\.created/,
      heading: a.title,
    });
    await page
      .getByRole("status")
      .filter({ hasText: fill(a.created, { audience }) })
      .waitFor();
    const entry = logEntry(page, audience);
    await entry.getByText(a.mode.involved, { exact: true }).waitFor();
    await entry.getByText(a.audienceKind.union, { exact: true }).waitFor();

    // Edited: followed up today.
    const dateText = today.split("-").reverse().join(".");
    await entry
      .getByRole("link", { name: fill(a.editNamed, { audience, date: dateText }) })
      .click();
    await expectPage(page, {
      path: /^\/organisering\/forankring\/[0-9a-f-]{36}$/,
      heading: `${a.editTitle}: ${fill(a.list.itemHeading, { date: dateText, audience })}`,
    });
    await expect(page.getByLabel(a.fields.followUp, { exact: true }).inputValue()).resolves.toBe(
      "Sende referat til de tillitsvalgte",
    );
    await page.getByLabel(a.fields.followUpDoneOn).fill(today);
    await page.getByRole("button", { name: a.save, exact: true }).click();
    await expectPage(page, {
      path: /^\/organisering\/forankring\/[0-9a-f-]{36}\?melding=organisation\.anchoring\.saved$/,
      heading: `${a.editTitle}: ${fill(a.list.itemHeading, { date: dateText, audience })}`,
    });
    await page.getByText(fill(a.followUpDone, { date: dateText }), { exact: true }).waitFor();

    // Deleting asks first; confirmed, the activity is gone from the log.
    await page.getByRole("link", { name: a.deleteButton, exact: true }).click();
    await expectPage(page, { path: /\?bekreft=slett$/, heading: new RegExp(`^${a.editTitle}`) });
    await page.getByText(fill(a.deleteConfirm, { audience, date: dateText })).waitFor();
    await page.getByRole("button", { name: a.confirmDelete, exact: true }).click();
    await expectPage(page, {
      path: /^\/organisering\/forankring\?melding=organisation\.anchoring\.deleted/,
      heading: a.title,
    });
    await expect(logEntry(page, audience).count()).resolves.toBe(0);

    // From the plan to the timeline beside it.
    await visit(page, "/implementering/plan");
    await page
      .getByRole("link", { name: nb.implementation.plan.milestones.anchoringLink, exact: true })
      .click();
    await expectPage(page, {
      path: "/organisering/forankring/tidslinje",
      heading: a.timeline.title,
    });
    // The kick-off and the local paper's article in the same quarter, read in order: the
    // quarter, then the plan's list, then the anchoring list.
    const quarter = page
      .locator("li.anchoring-timeline__quarter")
      .filter({ has: page.getByText(DEMO_KICKOFF_MILESTONE, { exact: true }) });
    await expect(quarter.count()).resolves.toBe(1);
    await quarter
      .getByRole("list", { name: a.timeline.planHeading, exact: true })
      .getByText(DEMO_KICKOFF_MILESTONE, { exact: true })
      .waitFor();
    await quarter
      .getByRole("list", { name: a.timeline.anchoringHeading, exact: true })
      .getByText(new RegExp(`^${escapeRegExp(DEMO_KICKOFF_AUDIENCE)} – `))
      .waitFor();
    const headings = await quarter
      .locator("h2, h3")
      .evaluateAll((nodes) => nodes.map((node) => `${node.tagName}:${node.textContent}`));
    expect(headings.slice(1)).toEqual([
      `H3:${a.timeline.planHeading}`,
      `H3:${a.timeline.anchoringHeading}`,
    ]);
    expect(headings[0]).toMatch(/^H2:\d\. kvartal \d{4}$/);
    const quarterYear = headings[0]!.slice(-4);
    // The coordinator may edit an activity from the timeline.
    expect((await editLinks(page)).length).toBeGreaterThan(0);

    // One year only.
    await page.getByLabel(a.timeline.year, { exact: true }).selectOption(quarterYear);
    await page.getByRole("button", { name: a.timeline.submit, exact: true }).click();
    await expectPage(page, {
      path: `/organisering/forankring/tidslinje?ar=${quarterYear}`,
      heading: a.timeline.title,
    });
    const years = await page
      .locator("li.anchoring-timeline__quarter > h2")
      .evaluateAll((nodes) => nodes.map((node) => node.textContent?.slice(-4)));
    expect(new Set(years)).toEqual(new Set([quarterYear]));
    // On a phone the two lists stack: nothing wider than the screen.
    await checkPhoneWidth(page);
  });

  it("shows a sector leader the log and the timeline without edit links", async () => {
    const page = await session();
    await loginAs(page, SECTOR_LEADER);
    await visit(page, "/organisering/forankring");
    await page.getByText(a.readOnly, { exact: true }).waitFor();
    await expect(page.getByRole("link", { name: a.new }).count()).resolves.toBe(0);
    await logEntry(page, "Rådmannens ledergruppe").waitFor();
    await expect(editLinks(page)).resolves.toEqual([]);
    await visit(page, "/organisering/forankring/tidslinje");
    await page.getByText(DEMO_KICKOFF_MILESTONE, { exact: true }).first().waitFor();
    await expect(editLinks(page)).resolves.toEqual([]);
    await visit(page, "/organisering/forankring/ny", { status: 403 });
    // The user guide's routine, linked from every anchoring page.
    await visit(page, "/organisering/forankring");
    await page.getByRole("link", { name: a.help, exact: true }).click();
    await expectPage(page, { path: "/veileder/rutine-forankring", heading: "Forankring" });
  });
});
