import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { addDays, osloDate } from "../../core/platform/dates.ts";
import { nb } from "../../i18n/nb.ts";
import {
  checkA11y,
  fill,
  launchBrowser,
  loginAs,
  openSession,
  sharedLaget,
  uniqueName,
  visit,
  type Session,
} from "../support/e2e.ts";

const EMMA = "ansatt@fjordvik.example";
const plan = nb.relayLog.plan;

function formatDate(iso: string): string {
  const [year, month, day] = iso.split("-");
  return `${day}.${month}.${year}`;
}

/** The first open log on "Mine stafettlogger" where the user may write (the plan offers to add). */
async function writableLog(page: Page): Promise<string> {
  await visit(page, "/stafettlogger");
  const hrefs = await page
    .locator("main a[href^='/stafettlogger/']")
    .evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
  const logPaths = [
    ...new Set(hrefs.filter((href) => /^\/stafettlogger\/[0-9a-f-]{36}$/.test(href))),
  ];
  for (const path of logPaths) {
    const response = await page.goto(`${path}/plan`);
    if (response?.status() !== 200) continue;
    if ((await page.getByRole("link", { name: plan.addArea }).count()) > 0) return path;
  }
  throw new Error("No writable relay log for the demo user");
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

// Each test walks several page states with axe on each; a busy CI machine needs more than 60 s.
describe("relay log plan, evaluation and notes in the browser", { timeout: 150_000 }, () => {
  const server = sharedLaget();
  const sessions: Session[] = [];
  async function session(options: { blockScripts?: boolean } = {}): Promise<Page> {
    const opened = await openSession(browser, server, options);
    sessions.push(opened);
    return opened.page;
  }
  afterEach(async () => {
    const problems = sessions.flatMap((opened) => opened.problems);
    for (const opened of sessions.splice(0)) await opened.close();
    expect(problems, "errors in the browser console").toEqual([]);
  });

  it("builds a plan: area, goal and a measure that is checked beside its fields", async () => {
    const page = await session();
    await loginAs(page, EMMA);
    const logPath = await writableLog(page);
    const today = osloDate();

    // The plan, then a new concern area: an empty title is refused beside the field.
    await visit(page, `${logPath}/plan`);
    await page.getByRole("link", { name: plan.addArea }).click();
    await page.getByRole("heading", { level: 2, name: plan.newAreaHeading }).waitFor();
    await checkA11y(page);
    await page.getByRole("button", { name: plan.create, exact: true }).click();
    await page.getByRole("heading", { name: nb.common.errorSummary }).waitFor();
    await checkA11y(page);
    const areaTitle = uniqueName("Trivsel");
    await page.getByLabel(plan.areaTitle).fill(areaTitle);
    await page.getByRole("button", { name: plan.create, exact: true }).click();
    await page.getByRole("status").filter({ hasText: plan.created }).waitFor();
    await checkA11y(page);

    // A goal under it.
    await page.getByRole("link", { name: fill(plan.addGoalTo, { name: areaTitle }) }).click();
    await page
      .getByRole("heading", { level: 2, name: fill(plan.newGoalHeading, { area: areaTitle }) })
      .waitFor();
    await checkA11y(page);
    const goalText = uniqueName("Leker med andre barn");
    await page.getByLabel(new RegExp(`^${plan.goalText} `)).fill(goalText);
    await page.getByLabel(plan.expectedOutcome).fill("Tre dager i uka");
    await page.getByRole("button", { name: plan.create, exact: true }).click();
    await page.getByRole("status").filter({ hasText: plan.created }).waitFor();

    // A measure: no responsible and a deadline before the start are refused beside the fields,
    // and what was typed is kept.
    await page.getByRole("link", { name: fill(plan.addMeasureTo, { name: goalText }) }).click();
    await page
      .getByRole("heading", { level: 2, name: fill(plan.newMeasureHeading, { goal: goalText }) })
      .waitFor();
    await checkA11y(page);
    const what = uniqueName("Lekeavtale hjemme");
    await page.getByLabel(plan.what).fill(what);
    await page.getByRole("radio", { name: plan.place.home }).check();
    await page.getByLabel(plan.startsOn).fill(addDays(today, 7));
    await page.getByLabel(plan.dueOn).fill(addDays(today, 1));
    await page.getByRole("button", { name: plan.create, exact: true }).click();
    await page.getByRole("heading", { name: nb.common.errorSummary }).waitFor();
    expect(await page.locator("#responsibleKind-feil").textContent()).toBe(
      plan.responsibleRequired,
    );
    expect(await page.locator("#dueOn-feil").textContent()).toBe(plan.deadlineBeforeStart);
    expect(await page.getByLabel(plan.what).inputValue()).toBe(what);
    await checkA11y(page);
    await page.getByRole("radio", { name: plan.responsibleKind.family }).check();
    await page.getByLabel(plan.responsibleText).fill("mor");
    await page.getByLabel(plan.dueOn).fill(addDays(today, 30));
    await page.getByRole("button", { name: plan.create, exact: true }).click();
    await page.getByRole("status").filter({ hasText: plan.created }).waitFor();
    await page.getByText(what).waitFor();
    await checkA11y(page);

    // Removing asks first; cancelling keeps it.
    await page.getByRole("link", { name: fill(plan.removeNamed, { name: what }) }).click();
    await page.getByRole("heading", { level: 2, name: plan.removeHeading }).waitFor();
    await checkA11y(page);
    await page.getByRole("link", { name: plan.cancel }).click();
    await page.getByText(what).waitFor();
  });

  it("schedules an evaluation and records a score for every goal", async () => {
    const page = await session();
    await loginAs(page, EMMA);
    const logPath = await writableLog(page);
    const today = osloDate();
    // Evaluation: schedule one in the past (overdue), record it with a score per goal.
    await visit(page, `${logPath}/evaluering`);
    await page.getByLabel(new RegExp(`^${plan.evaluation.scheduledOn} `)).fill(addDays(today, -1));
    await page.getByRole("button", { name: plan.evaluation.schedule }).click();
    await page.getByRole("status").filter({ hasText: plan.evaluation.scheduled }).waitFor();
    await checkA11y(page);
    const date = formatDate(addDays(today, -1));
    await page
      .getByRole("link", { name: fill(plan.evaluation.recordFor, { date }) })
      .first()
      .click();
    await page
      .getByRole("heading", { level: 2, name: fill(plan.evaluation.recordHeading, { date }) })
      .waitFor();
    await checkA11y(page);
    await page.getByRole("button", { name: plan.evaluation.save }).click();
    await page.getByRole("heading", { name: nb.common.errorSummary }).waitFor();
    await checkA11y(page);
    const goals = page.locator("fieldset.relay-eval-goal");
    const count = await goals.count();
    expect(count).toBeGreaterThan(0);
    for (let index = 0; index < count; index += 1) {
      await goals
        .nth(index)
        .getByRole("radio", { name: plan.evaluation.scale.p1, exact: true })
        .check();
    }
    await page.getByLabel(plan.evaluation.summary).fill("Går bedre i frileken.");
    await page.getByRole("button", { name: plan.evaluation.save }).click();
    await page.getByRole("status").filter({ hasText: plan.evaluation.recorded }).waitFor();
    await page.getByRole("heading", { level: 3, name: plan.evaluation.effectHeading }).waitFor();
    await page
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader") })
      .getByRole("cell", { name: fill(plan.evaluation.scoreOn, { score: "+1", date }) })
      .first()
      .waitFor();
    await checkA11y(page);
  });

  it("writes a lysglimt and corrects it as a new version", async () => {
    const page = await session();
    await loginAs(page, EMMA);
    const logPath = await writableLog(page);
    // A lysglimt, then its author corrects it: the old text stays in the history.
    await visit(page, `${logPath}/notater`);
    await page.getByRole("radio", { name: plan.entries.kind.highlight }).check();
    const text = uniqueName("Lekte med to andre i storefri");
    await page.getByLabel(new RegExp(`^${plan.entries.text} `)).fill(text);
    await page.getByRole("button", { name: plan.entries.save, exact: true }).click();
    await page.getByRole("status").filter({ hasText: plan.entries.saved }).waitFor();
    await checkA11y(page);
    await page
      .getByRole("listitem")
      .filter({ hasText: text })
      .getByRole("link", { name: plan.entries.history })
      .click();
    await page.getByRole("heading", { level: 3, name: plan.entries.versionsHeading }).waitFor();
    await checkA11y(page);
    await page.getByLabel(new RegExp(`^${plan.entries.text} `)).fill(`${text} og i gymmen`);
    await page.getByRole("button", { name: plan.entries.saveCorrection }).click();
    await page.getByRole("status").filter({ hasText: plan.entries.correctedNotice }).waitFor();
    await page.getByText(fill(plan.entries.versionCurrent, { version: 2 })).waitFor();
    expect(await page.getByText(text, { exact: true }).count()).toBe(1);
    await checkA11y(page);
  });

  it("adds a note without JavaScript", async () => {
    const page = await session({ blockScripts: true });
    await loginAs(page, EMMA);
    const logPath = await writableLog(page);
    await visit(page, `${logPath}/notater`);
    const text = uniqueName("Notat uten skript");
    await page.getByLabel(new RegExp(`^${plan.entries.text} `)).fill(text);
    await page.getByRole("button", { name: plan.entries.save, exact: true }).click();
    await page.getByRole("status").filter({ hasText: plan.entries.saved }).waitFor();
    await page.getByText(text).waitFor();
    await checkA11y(page);
  });
});
