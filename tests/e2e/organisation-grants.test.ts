import { readFile } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { dateText } from "../../core/organisation/grants-rules.ts";
import { formatOre } from "../../core/organisation/money.ts";
import { addDays, osloDate } from "../../core/platform/dates.ts";
import {
  DEMO_GRANT,
  DEMO_NEXT_REPORT,
  DEMO_PENDING_GRANT,
} from "../../db/seed-demo-organisation-grants.ts";
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
const g = nb.organisation.grants;
const kr = (kroner: number) => Math.round(kroner * 100);
/** Any kind of space as one plain space: amounts carry no-break spaces. */
const plain = (text: string) => text.replace(/\s+/g, " ");

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const grantPath = /^\/organisering\/tilskudd\/[0-9a-f-]{36}/;

function row(page: Page, text: string) {
  return page.getByRole("row").filter({ hasText: text });
}

// Each test walks many page states with axe on each; a busy machine needs more than 60 s.
describe("grants and budget in the browser", { timeout: 240_000 }, () => {
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

  it("lets the coordinator keep a grant: bad input kept, budget lines, an expense, a deadline and the report", async () => {
    const page = await session();
    await loginAs(page, COORDINATOR);
    const today = osloDate();

    // The list: the demo grants with their status in words.
    await visit(page, "/organisering/tilskudd");
    await expectPage(page, { path: "/organisering/tilskudd", heading: g.title });
    await row(page, DEMO_GRANT.name).getByText(g.status.granted, { exact: true }).waitFor();
    await row(page, DEMO_GRANT.name)
      .getByText(plain(formatOre(kr(500_000))))
      .first()
      .waitFor();
    await row(page, DEMO_PENDING_GRANT.name).getByText(g.status.applied, { exact: true }).waitFor();

    // A new grant marked granted without amount or decision, and a period ending before it starts.
    await page.getByRole("link", { name: g.new, exact: true }).click();
    await expectPage(page, { path: "/organisering/tilskudd/ny", heading: g.newTitle });
    const name = uniqueName("Tilskudd til fagdag");
    await page.getByLabel(g.fields.name).fill(name);
    await page.getByLabel(g.fields.grantor).fill("Statsforvalteren");
    await page.getByRole("radio", { name: g.status.granted }).check();
    await page.getByLabel(g.fields.appliedAmount).fill("kr 60 000");
    await page.getByLabel(g.fields.periodStart).fill(addDays(today, 30));
    await page.getByLabel(g.fields.periodEnd).fill(addDays(today, 10));
    await page.getByRole("button", { name: g.save, exact: true }).click();
    await page.getByRole("heading", { name: nb.common.errorSummary }).waitFor();
    await page.getByRole("link", { name: g.errors.grantedAmountRequired }).waitFor();
    await page.getByRole("link", { name: g.errors.decidedOnRequired }).waitFor();
    await page.getByRole("link", { name: g.errors.periodOrder }).waitFor();
    await expect(page.getByLabel(g.fields.name).inputValue()).resolves.toBe(name);
    await expect(page.getByLabel(g.fields.appliedAmount).inputValue()).resolves.toBe("kr 60 000");
    await expect(page.getByRole("radio", { name: g.status.granted }).isChecked()).resolves.toBe(
      true,
    );
    await checkA11y(page);

    // Fixed: the amount and decision date written, the period turned the right way.
    await page.getByLabel(g.fields.grantedAmount).fill("50 000");
    await page.getByLabel(g.fields.decidedOn).fill(today);
    await page.getByLabel(g.fields.periodEnd).fill(addDays(today, 200));
    await page.getByRole("button", { name: g.save, exact: true }).click();
    await expectPage(page, { path: grantPath, heading: name });
    await page
      .getByRole("status")
      .filter({ hasText: fill(g.notices.created, { name }) })
      .waitFor();
    await page.getByText(g.budget.empty).waitFor();

    // The grant's edit page: only staff who can open the grant page are offered as contact.
    await page.getByRole("link", { name: g.edit, exact: true }).click();
    await expectPage(page, {
      path: /^\/organisering\/tilskudd\/[0-9a-f-]{36}\/endre$/,
      heading: fill(g.editTitle, { name }),
    });
    await expect(page.getByLabel(g.fields.name).inputValue()).resolves.toBe(name);
    const contacts = await page.getByLabel(g.fields.contact).locator("option").allTextContents();
    // The demo's coordinator and its BTS contacts, not the employee or the administrator.
    expect(contacts).toEqual(expect.arrayContaining(["Kari Koordinator", "Bjørn Bakken"]));
    for (const outsider of ["Emma Eksempel", "Astrid Systemsen"]) {
      expect(contacts, outsider).not.toContain(outsider);
    }
    await checkA11y(page);
    await page.getByRole("link", { name: g.cancel, exact: true }).click();
    await expectPage(page, { path: grantPath, heading: name });

    // A budget line with a negative amount: the message, and what was typed stays.
    await page.getByRole("link", { name: g.budget.add, exact: true }).click();
    await expectPage(page, { path: /\/budsjett\/ny$/, heading: g.line.newTitle });
    await page.getByLabel(g.line.fields.category).selectOption({ label: g.category.catering });
    await page.getByLabel(g.line.fields.description, { exact: true }).fill("Lunsj på fagdagen");
    await page.getByLabel(g.line.fields.planned).fill("-5 000");
    await page.getByRole("button", { name: g.save, exact: true }).click();
    await page.getByRole("link", { name: g.money.negative }).waitFor();
    await expect(page.getByLabel(g.line.fields.planned).inputValue()).resolves.toBe("-5 000");
    await expect(
      page.getByLabel(g.line.fields.description, { exact: true }).inputValue(),
    ).resolves.toBe("Lunsj på fagdagen");
    await expect(page.getByLabel(g.line.fields.category).inputValue()).resolves.toBe("catering");
    await expect(page.getByLabel(g.line.fields.planned).getAttribute("aria-invalid")).resolves.toBe(
      "true",
    );
    await checkA11y(page);
    await page.getByLabel(g.line.fields.planned).fill("5 000");
    await page.getByRole("button", { name: g.save, exact: true }).click();
    await expectPage(page, { path: grantPath, heading: name });
    const cateringRow = row(page, "Lunsj på fagdagen");
    await cateringRow
      .getByText(plain(formatOre(kr(5_000))))
      .first()
      .waitFor();
    await page.getByText(plain(fill(g.budget.under, { amount: formatOre(kr(45_000)) }))).waitFor();

    // Each line's links are named after the line, so two lines of a category never read alike.
    const cateringName = `${g.category.catering}: Lunsj på fagdagen`;
    await cateringRow
      .getByRole("link", { name: fill(g.budget.editNamed, { name: cateringName }), exact: true })
      .waitFor();
    await cateringRow.getByRole("link", { name: cateringName, exact: true }).click();
    const linePath = /\/budsjett\/[0-9a-f-]{36}$/;
    await expectPage(page, { path: linePath, heading: cateringName });

    // The line's edit page, and back.
    await page.getByRole("link", { name: g.line.edit, exact: true }).click();
    await expectPage(page, {
      path: /\/budsjett\/[0-9a-f-]{36}\/endre$/,
      heading: fill(g.line.editTitle, { name: "Lunsj på fagdagen" }),
    });
    await expect(page.getByLabel(g.line.fields.planned).inputValue()).resolves.toBe("5 000");
    await checkA11y(page);
    await page.getByRole("link", { name: g.cancel, exact: true }).click();
    await expectPage(page, { path: linePath, heading: cateringName });

    // An expense above the plan: «Overforbruk» in words on the line and on the grant.
    await page.getByText(g.expenses.empty).waitFor();
    await page.getByLabel(g.expenses.fields.amount).fill("5 350,50");
    await page.getByLabel(g.expenses.fields.description).fill("Lunsj og kaffe");
    await page.getByRole("button", { name: g.expenses.add, exact: true }).click();
    await expectPage(page, {
      path: /melding=organisation\.grants\.notices\.expenseAdded/,
      heading: `${g.category.catering}: Lunsj på fagdagen`,
    });
    await row(page, "Lunsj og kaffe")
      .getByText(plain(formatOre(kr(5_350.5))))
      .waitFor();
    // Saved: the form is empty again, so the same expense is not entered twice.
    await expect(page.getByLabel(g.expenses.fields.amount).inputValue()).resolves.toBe("");
    await expect(page.getByLabel(g.expenses.fields.description).inputValue()).resolves.toBe("");
    await expect(page.getByLabel(g.expenses.fields.spentOn).inputValue()).resolves.toBe(today);
    await checkA11y(page);
    await page.getByText(g.overspent, { exact: true }).first().waitFor();
    await page.getByRole("link", { name: fill(g.backToGrant, { name }) }).click();
    await expectPage(page, { path: grantPath, heading: name });
    await row(page, "Lunsj på fagdagen").getByText(g.overspent, { exact: true }).waitFor();

    // A reporting deadline, then marked submitted.
    await page.getByRole("link", { name: g.deadlines.add, exact: true }).click();
    await expectPage(page, { path: /\/frister\/ny$/, heading: g.deadlines.newTitle });
    await page.getByLabel(g.deadlines.fields.title).fill("Rapport etter fagdagen");
    await page.getByLabel(new RegExp(`^${g.deadlines.fields.dueOn}`)).fill(addDays(today, 40));
    await page.getByRole("button", { name: g.save, exact: true }).click();
    await expectPage(page, { path: grantPath, heading: name });
    await row(page, "Rapport etter fagdagen")
      .getByText(g.deadlines.state.upcoming, { exact: true })
      .waitFor();

    // The deadline's edit page: too many reminder days is refused, and what was typed stays.
    await row(page, "Rapport etter fagdagen")
      .getByRole("link", {
        name: fill(g.deadlines.editNamed, { title: "Rapport etter fagdagen" }),
        exact: true,
      })
      .click();
    await expectPage(page, {
      path: /\/frister\/[0-9a-f-]{36}$/,
      heading: fill(g.deadlines.editTitle, { title: "Rapport etter fagdagen" }),
    });
    await checkA11y(page);
    const reportTitle = "Sluttrapport etter fagdagen";
    const remindDays = page.getByLabel(g.deadlines.fields.remindDaysBefore);
    await page.getByLabel(g.deadlines.fields.title).fill(reportTitle);
    await remindDays.fill("400");
    await page.getByRole("button", { name: g.save, exact: true }).click();
    await page.getByRole("link", { name: g.errors.remindDays }).waitFor();
    await expect(remindDays.inputValue()).resolves.toBe("400");
    await expect(remindDays.getAttribute("aria-invalid")).resolves.toBe("true");
    await expect(page.getByLabel(g.deadlines.fields.title).inputValue()).resolves.toBe(reportTitle);
    await checkA11y(page);
    await remindDays.fill("21");
    await page.getByRole("button", { name: g.save, exact: true }).click();
    await expectPage(page, { path: grantPath, heading: name });
    const deadlineRow = row(page, reportTitle);
    await deadlineRow.getByText(fill(g.deadlines.reminderText, { days: 21 })).waitFor();
    await deadlineRow
      .getByRole("button", {
        name: fill(g.deadlines.markSubmittedNamed, { title: reportTitle }),
      })
      .click();
    await page.getByRole("status").filter({ hasText: g.notices.deadlineSubmitted }).waitFor();
    await row(page, reportTitle)
      .getByText(fill(g.deadlines.submittedOnText, { date: dateText(today) }), { exact: true })
      .waitFor();
    await checkA11y(page);

    // The demo grant after Strand's budget: 2 470 kr over the grant, a report due in 3 weeks.
    await visit(page, "/organisering/tilskudd");
    await page.getByRole("link", { name: DEMO_GRANT.name, exact: true }).click();
    await expectPage(page, { path: grantPath, heading: DEMO_GRANT.name });
    await page.getByText(plain(fill(g.budget.over, { amount: formatOre(kr(2_470)) }))).waitFor();
    await row(page, DEMO_NEXT_REPORT).getByText(g.deadlines.state.upcoming).waitFor();
    await row(page, g.category.catering).getByText(g.overspent, { exact: true }).waitFor();

    // The report page, and the PDF downloaded from it.
    await page.getByRole("link", { name: g.grant.reportLink, exact: true }).click();
    const reportHeading = fill(g.report.title, { name: DEMO_GRANT.name });
    await expectPage(page, { path: /\/rapport$/, heading: reportHeading });
    await page.getByRole("table", { name: g.budget.caption }).waitFor();
    await page
      .getByRole("cell", { name: plain(formatOre(kr(262_470))) })
      .first()
      .waitFor();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: g.report.pdf, exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      /^Rapport-for-Tilskudd-til-implementering.*\.pdf$/,
    );
    const bytes = new Uint8Array(await readFile((await download.path())!));
    const pdf = await getDocumentProxy(bytes);
    const text = plain((await extractText(pdf, { mergePages: true })).text);
    for (const expected of [
      reportHeading,
      "Fjordvik kommune",
      DEMO_GRANT.grantor,
      DEMO_GRANT.reference,
      g.category.project_leader,
      formatOre(kr(502_470)),
      formatOre(kr(500_000)),
      fill(g.budget.over, { amount: formatOre(kr(2_470)) }),
      DEMO_NEXT_REPORT,
      g.deadlines.heading,
    ]) {
      expect(text, expected).toContain(plain(expected));
    }
  });

  it("shows a BTS contact the grants read-only", async () => {
    const page = await session();
    await loginAs(page, BTS);
    await visit(page, "/organisering/tilskudd");
    await page.getByText(g.readOnly, { exact: true }).waitFor();
    await expect(page.getByRole("link", { name: g.new }).count()).resolves.toBe(0);
    await page.getByRole("link", { name: DEMO_GRANT.name, exact: true }).click();
    await expectPage(page, { path: grantPath, heading: DEMO_GRANT.name });
    await expect(page.getByRole("link", { name: g.edit }).count()).resolves.toBe(0);
    await expect(page.getByRole("link", { name: g.budget.add }).count()).resolves.toBe(0);
    await expect(
      page.getByRole("button", { name: g.deadlines.markSubmitted }).count(),
    ).resolves.toBe(0);
    await page
      .getByRole("link", {
        name: `${g.category.project_leader}: Frikjøp av prosjektleder 30 %`,
        exact: true,
      })
      .click();
    await expectPage(page, {
      path: /\/budsjett\/[0-9a-f-]{36}$/,
      heading: `${g.category.project_leader}: Frikjøp av prosjektleder 30 %`,
    });
    await expect(page.getByLabel(g.expenses.fields.amount).count()).resolves.toBe(0);
    await visit(page, "/organisering/tilskudd/ny", { status: 403 });
  });
});
