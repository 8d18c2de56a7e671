/**
 * The report per grant for the grant giver (issue 8): the municipality, the grant, its grantor and
 * reference, period and amounts, the budget against what is spent per line with totals and what
 * is left, the expenses, the reporting deadlines and their status, and the grant's note. Built
 * as report blocks (core/evaluation/report-document.ts), so the web page and the tagged PDF say
 * the same; the PDF is rendered by the evaluation reports' writer (renderReportPdf: language
 * nb, title metadata, H1/H2 structure, Table/TR/TH/TD). Only data from the tables: nothing is
 * written by hand for the report.
 */
import { translator } from "../../i18n/index.ts";
import type { ReportBlock } from "../evaluation/report-document.ts";
import { renderReportPdf } from "../evaluation/report-pdf.ts";
import { viewer } from "../implementation/plan-common.ts";
import { osloDate } from "../platform/dates.ts";
import { grantExpensesOf, type ExpenseView } from "./grants-budget.ts";
import {
  budgetComparisonText,
  type GrantTexts,
  dateText,
  grantPeriodText,
} from "./grants-rules.ts";
import { grantPageData, type Audited, type GrantPage } from "./grants.ts";
import { formatOre } from "./money.ts";
import { recordAudit } from "../audit/audit.ts";

type T = GrantTexts;

const G = "organisation.grants";

export interface GrantReport extends GrantPage {
  municipality: string;
  expenses: (ExpenseView & { lineId: string })[];
}

/**
 * The report's data for the web page or the PDF, for everyone with implementation.view.
 * Audited as organisation.grant_report_viewed with the format.
 */
export async function grantReport(
  input: Audited & {
    grantId: string;
    municipality: string;
    format: "html" | "pdf";
    today?: string;
  },
): Promise<GrantReport> {
  const actor = viewer(input.actor);
  const today = input.today ?? osloDate();
  return input.database.tenant(actor.tenantId, async (tx) => {
    const page = await grantPageData(tx, actor, input.grantId, today);
    const expenses = await grantExpensesOf(tx, actor.tenantId, page.grant.id);
    await recordAudit(tx, {
      type: "organisation.grant_report_viewed",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "grant", id: page.grant.id },
      details: { format: input.format },
    });
    return { ...page, municipality: input.municipality, expenses };
  });
}

const amountOrDash = (ore: number | null, language: string) =>
  ore === null ? "–" : formatOre(ore, language);
const dateOrDash = (date: string | null) => (date ? dateText(date) : "–");

/** The report as blocks, in the language of `t` (bokmål for the PDF). */
export function grantReportBlocks(report: GrantReport, t: T, language = "nb"): ReportBlock[] {
  const { grant, lines, totals, deadlines, expenses } = report;
  const money = (ore: number) => formatOre(ore, language);
  const blocks: ReportBlock[] = [
    { type: "heading", level: 1, text: t(`${G}.report.title`, { name: grant.name }) },
    {
      type: "paragraph",
      text: t(`${G}.report.intro`, {
        municipality: report.municipality,
        date: dateText(report.today),
      }),
    },
    { type: "heading", level: 2, text: t(`${G}.report.aboutHeading`) },
    {
      type: "table",
      caption: t(`${G}.report.aboutCaption`),
      columns: [t(`${G}.report.fact`), t(`${G}.report.value`)],
      rows: [
        [t(`${G}.report.municipality`), report.municipality || "–"],
        [t(`${G}.fields.name`), grant.name],
        [t(`${G}.fields.grantor`), grant.grantor],
        [t(`${G}.fields.reference`), grant.reference || "–"],
        [t(`${G}.fields.status`), t(`${G}.status.${grant.status}`)],
        [t(`${G}.report.period`), grantPeriodText(t, grant.periodStart, grant.periodEnd)],
        [t(`${G}.fields.appliedOn`), dateOrDash(grant.appliedOn)],
        [t(`${G}.fields.appliedAmount`), amountOrDash(grant.appliedOre, language)],
        [t(`${G}.fields.decidedOn`), dateOrDash(grant.decidedOn)],
        [t(`${G}.fields.grantedAmount`), amountOrDash(grant.grantedOre, language)],
        [t(`${G}.fields.contact`), grant.contactName ?? t(`${G}.noContact`)],
      ],
    },
    { type: "heading", level: 2, text: t(`${G}.report.budgetHeading`) },
  ];
  if (lines.length === 0) {
    blocks.push({ type: "paragraph", text: t(`${G}.budget.empty`) });
  } else {
    blocks.push({
      type: "table",
      caption: t(`${G}.budget.caption`),
      columns: [
        t(`${G}.budget.columns.category`),
        t(`${G}.budget.columns.planned`),
        t(`${G}.budget.columns.spent`),
        t(`${G}.budget.columns.remaining`),
        t(`${G}.budget.columns.remark`),
      ],
      rows: [
        ...lines.map((line) => [
          t(`${G}.category.${line.category}`),
          money(line.plannedOre),
          money(line.spentOre),
          money(line.remainingOre),
          line.overspent ? t(`${G}.overspent`) : "",
        ]),
        [
          t(`${G}.budget.total`),
          money(totals.plannedOre),
          money(totals.spentOre),
          money(totals.leftOfBudgetOre),
          totals.overBudget ? t(`${G}.overspent`) : "",
        ],
      ],
    });
  }
  // What each line covers, as a list: long free text in a table column would squeeze the
  // amounts (the PDF writer sizes columns by their longest text).
  const described = lines.filter((line) => line.description.trim());
  if (described.length > 0) {
    blocks.push({ type: "heading", level: 3, text: t(`${G}.report.linesHeading`) });
    blocks.push({
      type: "list",
      items: described.map((line) =>
        t(`${G}.report.itemText`, {
          name: t(`${G}.category.${line.category}`),
          text: line.description,
        }),
      ),
    });
  }
  blocks.push({ type: "paragraph", text: budgetComparisonText(t, totals.budget, language) });
  if (grant.grantedOre !== null) {
    blocks.push({
      type: "paragraph",
      text: t(`${G}.report.spentOfGranted`, {
        spent: money(totals.spentOre),
        granted: money(grant.grantedOre),
        remaining: amountOrDash(totals.leftOfGrantedOre, language),
      }),
    });
  }
  blocks.push({ type: "heading", level: 2, text: t(`${G}.report.expensesHeading`) });
  const categoryOf = new Map(lines.map((line) => [line.id, line]));
  if (expenses.length === 0) {
    blocks.push({ type: "paragraph", text: t(`${G}.expenses.empty`) });
  } else {
    blocks.push({
      type: "table",
      caption: t(`${G}.report.expensesCaption`, { count: expenses.length }),
      // Three columns: the line and the description share one, so the date and the amount
      // keep their width however long the description is.
      columns: [
        t(`${G}.expenses.columns.spentOn`),
        t(`${G}.report.expenseColumn`),
        t(`${G}.expenses.columns.amount`),
      ],
      rows: expenses.map((expense) => {
        const line = categoryOf.get(expense.lineId);
        return [
          dateText(expense.spentOn),
          line
            ? t(`${G}.report.itemText`, {
                name: t(`${G}.category.${line.category}`),
                text: expense.description,
              })
            : expense.description,
          money(expense.amountOre),
        ];
      }),
    });
  }
  blocks.push({ type: "heading", level: 2, text: t(`${G}.deadlines.heading`) });
  if (deadlines.length === 0) {
    blocks.push({ type: "paragraph", text: t(`${G}.deadlines.empty`) });
  } else {
    blocks.push({
      type: "table",
      caption: t(`${G}.deadlines.caption`),
      columns: [
        t(`${G}.deadlines.columns.title`),
        t(`${G}.deadlines.columns.dueOn`),
        t(`${G}.deadlines.columns.status`),
      ],
      rows: deadlines.map((deadline) => [
        deadline.title,
        dateText(deadline.dueOn),
        deadline.submittedOn
          ? t(`${G}.deadlines.submittedOnText`, { date: dateText(deadline.submittedOn) })
          : t(`${G}.deadlines.state.${deadline.state}`),
      ]),
    });
    const noted = deadlines.filter((deadline) => deadline.note.trim());
    if (noted.length > 0) {
      blocks.push({ type: "heading", level: 3, text: t(`${G}.report.deadlineNotesHeading`) });
      blocks.push({
        type: "list",
        items: noted.map((deadline) =>
          t(`${G}.report.itemText`, { name: deadline.title, text: deadline.note }),
        ),
      });
    }
  }
  if (grant.note.trim()) {
    blocks.push({ type: "heading", level: 2, text: t(`${G}.fields.note`) });
    for (const paragraph of grant.note.split(/\n\s*\n/)) {
      blocks.push({ type: "paragraph", text: paragraph.trim() });
    }
  }
  return blocks;
}

/** The report as a tagged PDF in bokmål, with a file name from the grant's name. */
export async function grantReportPdf(
  input: Audited & { grantId: string; municipality: string; today?: string },
): Promise<{ pdf: Buffer; title: string }> {
  const report = await grantReport({ ...input, format: "pdf" });
  const t = translator("nb") as T;
  const title = t(`${G}.report.title`, { name: report.grant.name });
  const pdf = await renderReportPdf({
    blocks: grantReportBlocks(report, t, "nb"),
    title,
    subject: t(`${G}.report.subject`, { grantor: report.grant.grantor }),
    municipality: input.municipality,
  });
  return { pdf, title };
}
