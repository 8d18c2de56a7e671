import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { addDays, osloDate } from "../../core/platform/dates.ts";
import { demoCoreComponents } from "../../db/seed-demo-implementation-plan.ts";
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
const BTS = "bts@fjordvik.example";
const plan = nb.implementation.plan;
const m = plan.milestones;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A milestone's entry in the timeline (its <li>), found by its heading. */
function timelineItem(page: Page, title: string) {
  return page
    .locator("li.plan-timeline__item")
    .filter({ has: page.getByRole("heading", { level: 4, name: new RegExp(`^${title}`) }) });
}

// Each test walks many page states with axe on each; a busy machine needs more than 60 s.
describe("implementation plan in the browser", { timeout: 180_000 }, () => {
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

  it("lets the coordinator keep the plan: a milestone fixed after bad input, a risk, components and responsibilities", async () => {
    const page = await session();
    await loginAs(page, COORDINATOR);
    const today = osloDate();

    // The demo plan: a timeline with overdue milestones marked in words.
    await visit(page, "/implementering/plan");
    await expectPage(page, { path: "/implementering/plan", heading: plan.title });
    await expect(
      page.getByText(m.status.overdue, { exact: true }).count(),
    ).resolves.toBeGreaterThanOrEqual(2);
    await page.getByText(fill(m.overdueSummary, { count: 2 }), { exact: true }).waitFor();

    // A new milestone with a done date in the future and no responsible: both refused.
    await page.getByRole("link", { name: m.new, exact: true }).click();
    await expectPage(page, { path: "/implementering/plan/ny", heading: m.newTitle });
    const title = uniqueName("Felles fagdag");
    const startsOn = addDays(today, 30);
    const endsOn = addDays(today, 45);
    const future = addDays(today, 3);
    await page.getByLabel(m.fields.title).fill(title);
    await page.getByLabel(m.fields.startsOn).fill(startsOn);
    await page.getByLabel(m.fields.endsOn, { exact: true }).fill(endsOn);
    await page.getByLabel(m.fields.doneOn).fill(future);
    await page.getByRole("button", { name: plan.save, exact: true }).click();
    await page.getByRole("heading", { name: nb.common.errorSummary }).waitFor();
    await page.getByRole("link", { name: plan.errors.doneInFuture }).waitFor();
    await page.getByRole("link", { name: plan.errors.responsibleRequired }).waitFor();
    await expect(page.getByLabel(m.fields.title).inputValue()).resolves.toBe(title);
    await expect(page.getByLabel(m.fields.startsOn).inputValue()).resolves.toBe(startsOn);
    await expect(page.getByLabel(m.fields.doneOn).inputValue()).resolves.toBe(future);
    await expect(page.getByLabel(m.fields.responsible).getAttribute("aria-invalid")).resolves.toBe(
      "true",
    );
    await checkA11y(page);

    // Fixed: responsible written, the done date emptied.
    await page.getByLabel(m.fields.responsible).fill("Koordinator og BTS-kontakter");
    await page.getByLabel(m.fields.doneOn).fill("");
    await page.getByRole("button", { name: plan.save, exact: true }).click();
    await expectPage(page, {
      path: /^\/implementering\/plan\?melding=implementation\.plan\.milestones\.created/,
      heading: plan.title,
    });
    await page
      .getByRole("status")
      .filter({ hasText: fill(m.created, { title }) })
      .waitFor();
    const item = timelineItem(page, title);
    await item.waitFor();
    await item.getByText(m.status.planned, { exact: true }).waitFor();
    await item.getByText("Koordinator og BTS-kontakter", { exact: true }).waitFor();

    // The same milestone in the table.
    await page.getByRole("link", { name: m.table, exact: true }).click();
    await expectPage(page, { path: "/implementering/plan?visning=tabell", heading: plan.title });
    const row = page.getByRole("row").filter({ hasText: title });
    await row.getByText(m.status.planned, { exact: true }).waitFor();
    await row.getByRole("link", { name: fill(m.editNamed, { title }) }).click();
    await expectPage(page, {
      path: /^\/implementering\/plan\/[0-9a-f-]{36}$/,
      heading: `${m.editTitle}: ${title}`,
    });
    await expect(page.getByLabel(m.fields.endsOn, { exact: true }).inputValue()).resolves.toBe(
      endsOn,
    );
    // Deleting asks first; confirmed, the milestone is gone from the plan.
    await page.getByRole("link", { name: m.deleteButton, exact: true }).click();
    await expectPage(page, { path: /\?bekreft=slett$/, heading: `${m.editTitle}: ${title}` });
    await page.getByText(fill(m.deleteConfirm, { title })).waitFor();
    await page.getByRole("button", { name: m.confirmDelete, exact: true }).click();
    await expectPage(page, {
      path: /^\/implementering\/plan\?melding=implementation\.plan\.milestones\.deleted/,
      heading: plan.title,
    });
    await expect(timelineItem(page, title).count()).resolves.toBe(0);

    // A new risk in the register.
    await visit(page, "/implementering/risiko");
    await page.getByRole("link", { name: plan.risks.new, exact: true }).click();
    await expectPage(page, { path: "/implementering/risiko/ny", heading: plan.risks.newTitle });
    const risk = uniqueName("Turnover blant BTS-kontakter");
    await page.getByRole("radio", { name: plan.risks.level.service }).check();
    await page.getByLabel(plan.risks.fields.title).fill(risk);
    await page
      .getByLabel(plan.risks.fields.likelihood)
      .selectOption(fill(plan.risks.scaleOption, { value: 4, label: plan.risks.likelihood.v4 }));
    await page
      .getByLabel(plan.risks.fields.consequence)
      .selectOption(fill(plan.risks.scaleOption, { value: 4, label: plan.risks.consequence.v4 }));
    await page.getByLabel(plan.risks.fields.measures).fill("Fadderordning for nye BTS-kontakter");
    await page.getByLabel(plan.risks.fields.owner).selectOption({ label: "Bjørn Bakken" });
    await page.getByLabel(plan.risks.fields.reviewOn).fill(addDays(today, 60));
    await page.getByRole("button", { name: plan.save, exact: true }).click();
    await expectPage(page, {
      path: /^\/implementering\/risiko\?melding=implementation\.plan\.risks\.created/,
      heading: plan.risks.title,
    });
    const riskRow = page.getByRole("row").filter({ hasText: risk });
    await riskRow
      .getByText(fill(plan.risks.scoreText, { riskClass: plan.risks.class.high, score: 16 }))
      .waitFor();
    await riskRow.getByText("Bjørn Bakken", { exact: true }).waitFor();
    // Filtered to the individual level, the new risk is not listed.
    await page.getByLabel(plan.risks.filter.level).selectOption("individ");
    await page.getByRole("button", { name: plan.risks.filter.submit, exact: true }).click();
    await expectPage(page, { path: /niva=individ/, heading: plan.risks.title });
    await expect(page.getByRole("row").filter({ hasText: risk }).count()).resolves.toBe(0);
    await page
      .getByRole("cell", { name: plan.risks.level.individual, exact: true })
      .first()
      .waitFor();

    // Core components in order, and what is in focus now.
    await visit(page, "/implementering/kjernekomponenter");
    const list = page.getByRole("list", { name: plan.components.listLabel });
    for (const component of demoCoreComponents) {
      await list.getByRole("heading", { level: 3, name: component.title }).waitFor();
    }
    await page
      .getByText(fill(plan.dosing.currentFocus, { titles: demoCoreComponents[2].title }))
      .waitFor();
    const focusRow = page.getByRole("row").filter({ hasText: plan.dosing.inFocus });
    await focusRow.getByText(demoCoreComponents[2].title).waitFor();

    // The responsibility matrix as a table, "how" as a list.
    await visit(page, "/implementering/ansvar");
    const table = page.getByRole("table", { name: plan.responsibilities.caption });
    const leaders = table.getByRole("row").filter({
      has: page.getByRole("rowheader", { name: "Virksomhetsledere" }),
    });
    await leaders.getByRole("listitem").filter({ hasText: "Peke ut BTS-kontakter" }).waitFor();
    await table.getByRole("rowheader", { name: "Kommunalsjefer" }).waitFor();
  });

  it("shows a BTS contact the plan read-only", async () => {
    const page = await session();
    await loginAs(page, BTS);
    await visit(page, "/implementering/plan");
    await page.getByText(plan.readOnly, { exact: true }).waitFor();
    await expect(page.getByRole("link", { name: m.new }).count()).resolves.toBe(0);
    await expect(page.locator('main a[href^="/implementering/plan/"]').count()).resolves.toBe(0);
    await page.getByText(m.status.overdue, { exact: true }).first().waitFor();
    await visit(page, "/implementering/plan?visning=tabell");
    await expect(page.getByRole("columnheader", { name: m.columns.actions }).count()).resolves.toBe(
      0,
    );
    await visit(page, "/implementering/kjernekomponenter");
    await expect(page.locator("form.plan-move").count()).resolves.toBe(0);
    await expect(
      page.locator('main a[href^="/implementering/kjernekomponenter/"]').count(),
    ).resolves.toBe(0);
    await visit(page, "/implementering/ansvar");
    await expect(page.getByRole("link", { name: plan.responsibilities.new }).count()).resolves.toBe(
      0,
    );
    await visit(page, "/implementering/risiko");
    await expect(page.getByRole("link", { name: plan.risks.new }).count()).resolves.toBe(0);
    await page.getByText(plan.risks.reviewOverdue, { exact: true }).first().waitFor();
    await visit(page, "/implementering/plan/ny", { status: 403 });
  });
});
