/**
 * The pure rules of grants and their budget (issue 8): statuses and budget categories, sums of
 * planned and spent, the budget against the granted amount, the state of a reporting deadline
 * and when its reminder is due, and the rules between a grant's fields. No database, no React,
 * no zod: pages import these at runtime.
 */
import { isIsoDate } from "../platform/dates.ts";
import { addDays } from "../platform/dates.ts";
import { formatOre, parseKroner } from "./money.ts";

export const grantStatuses = ["planned", "applied", "granted", "rejected", "closed"] as const;
export type GrantStatus = (typeof grantStatuses)[number];

/** The seed's budget lines (Strand): project leader share, speakers, venues, catering, material. */
export const budgetCategories = [
  "project_leader",
  "speakers",
  "venues",
  "catering",
  "material",
  "other",
] as const;
export type BudgetCategory = (typeof budgetCategories)[number];

export const GRANT_NAME_MAX = 200;
export const GRANT_GRANTOR_MAX = 200;
export const GRANT_REFERENCE_MAX = 200;
export const GRANT_NOTE_MAX = 4000;
export const LINE_DESCRIPTION_MAX = 300;
export const EXPENSE_DESCRIPTION_MAX = 300;
export const DEADLINE_TITLE_MAX = 200;
export const DEADLINE_NOTE_MAX = 2000;
export const DEFAULT_REMIND_DAYS = 14;
export const MAX_REMIND_DAYS = 365;
export const GRANTS_PAGE_SIZE = 25;

export function isGrantStatus(value: unknown): value is GrantStatus {
  return typeof value === "string" && (grantStatuses as readonly string[]).includes(value);
}

export interface LineAmounts {
  plannedOre: number;
  spentOre: number;
}

export interface LineSummary extends LineAmounts {
  /** «Igjen av budsjett»: planned minus spent (negative when overspent). */
  remainingOre: number;
  /** More spent than planned: shown as «Overforbruk» in words. */
  overspent: boolean;
}

export function lineSummary(line: LineAmounts): LineSummary {
  return {
    plannedOre: line.plannedOre,
    spentOre: line.spentOre,
    remainingOre: line.plannedOre - line.spentOre,
    overspent: line.spentOre > line.plannedOre,
  };
}

/** How the budget (the sum of the lines) stands against the granted amount. */
export type BudgetComparison =
  | { kind: "none" }
  | { kind: "equal" }
  | { kind: "over"; differenceOre: number }
  | { kind: "under"; differenceOre: number };

export function compareBudget(plannedOre: number, grantedOre: number | null): BudgetComparison {
  if (grantedOre === null) return { kind: "none" };
  if (plannedOre === grantedOre) return { kind: "equal" };
  return plannedOre > grantedOre
    ? { kind: "over", differenceOre: plannedOre - grantedOre }
    : { kind: "under", differenceOre: grantedOre - plannedOre };
}

/**
 * A grant's sums. What is left is counted two ways, and each has its own words on every page,
 * in the report and in the PDF, so one word never means two things:
 * - «Igjen av budsjett» (leftOfBudgetOre): the budget (the sum of the lines) minus spent — the
 *   grant page's total row, like each line's own «Igjen av budsjett».
 * - «Igjen av innvilget» (leftOfGrantedOre): the granted amount minus spent — the list's column
 *   and the sentence under the budget; none («–») while nothing is granted.
 */
export interface GrantTotals {
  plannedOre: number;
  spentOre: number;
  leftOfBudgetOre: number;
  /** Spent more than the budget. */
  overBudget: boolean;
  leftOfGrantedOre: number | null;
  /** Spent more than the granted amount (never while nothing is granted). */
  overGranted: boolean;
  budget: BudgetComparison;
}

export function grantTotals(lines: LineAmounts[], grantedOre: number | null): GrantTotals {
  const plannedOre = lines.reduce((sum, line) => sum + line.plannedOre, 0);
  const spentOre = lines.reduce((sum, line) => sum + line.spentOre, 0);
  return {
    plannedOre,
    spentOre,
    leftOfBudgetOre: plannedOre - spentOre,
    overBudget: spentOre > plannedOre,
    leftOfGrantedOre: grantedOre === null ? null : grantedOre - spentOre,
    overGranted: grantedOre !== null && spentOre > grantedOre,
    budget: compareBudget(plannedOre, grantedOre),
  };
}

export interface DeadlineFacts {
  dueOn: string;
  remindDaysBefore: number;
  submittedOn: string | null;
  remindedAt?: Date | string | null;
}

/** submitted; overdue (due day passed, not submitted); due_soon (in the reminder window); upcoming. */
export type DeadlineState = "submitted" | "overdue" | "due_soon" | "upcoming";

/** The first day the reminder may go out: the due day minus the days before. */
export function reminderDay(deadline: DeadlineFacts): string {
  return addDays(deadline.dueOn, -deadline.remindDaysBefore);
}

export function deadlineState(deadline: DeadlineFacts, today: string): DeadlineState {
  if (deadline.submittedOn) return "submitted";
  if (deadline.dueOn < today) return "overdue";
  if (reminderDay(deadline) <= today) return "due_soon";
  return "upcoming";
}

/** The reminder goes once: not submitted, not reminded yet, and its first day has come (Oslo). */
export function reminderDue(deadline: DeadlineFacts, today: string): boolean {
  return !deadline.submittedOn && !deadline.remindedAt && reminderDay(deadline) <= today;
}

/** The deadline to show in the list: the earliest one not submitted (an overdue one first). */
export function nextDeadline<T extends DeadlineFacts>(deadlines: T[]): T | null {
  const open = deadlines
    .filter((deadline) => !deadline.submittedOn)
    .sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
  return open[0] ?? null;
}

/** The fields of the grant form as typed (strings), for the rules between them. */
export interface GrantRawInput {
  status?: unknown;
  appliedOn?: unknown;
  decidedOn?: unknown;
  grantedAmount?: unknown;
  periodStart?: unknown;
  periodEnd?: unknown;
}

const text = (value: unknown) => (typeof value === "string" ? value.trim() : "");
const validDate = (value: unknown) => {
  const date = text(value);
  return isIsoDate(date) ? date : null;
};

/**
 * The rules between a grant's fields, as catalog keys by field. Each compares only fields that
 * are themselves valid, so a wrong date gets its own message and not two.
 * - The period cannot end before it starts.
 * - The decision cannot come before the application.
 * - A granted grant has a granted amount and a decision date.
 */
export function grantRuleErrors(input: GrantRawInput): Record<string, string> {
  const errors: Record<string, string> = {};
  const start = validDate(input.periodStart);
  const end = validDate(input.periodEnd);
  if (start && end && end < start) errors.periodEnd = "organisation.grants.errors.periodOrder";
  const applied = validDate(input.appliedOn);
  const decided = validDate(input.decidedOn);
  if (applied && decided && decided < applied) {
    errors.decidedOn = "organisation.grants.errors.decidedBeforeApplied";
  }
  if (input.status === "granted") {
    if (parseKroner(text(input.grantedAmount)).kind === "empty") {
      errors.grantedAmount = "organisation.grants.errors.grantedAmountRequired";
    }
    if (text(input.decidedOn) === "") {
      errors.decidedOn = "organisation.grants.errors.decidedOnRequired";
    }
  }
  return errors;
}

/** A date (YYYY-MM-DD) as Norwegian people write it: 14.03.2026. */
export function dateText(isoDate: string): string {
  const [year, month, day] = isoDate.slice(0, 10).split("-");
  return `${day}.${month}.${year}`;
}

/** A translate function (i18next's, or the catalog's in tests). */
export type GrantTexts = (key: string, params?: Record<string, unknown>) => string;
type T = GrantTexts;

const G = "organisation.grants";

/** «Budsjettet er 2 470 kr over innvilget beløp» and its siblings. */
export function budgetComparisonText(t: T, budget: BudgetComparison, language = "nb"): string {
  switch (budget.kind) {
    case "none":
      return t(`${G}.budget.noGranted`);
    case "equal":
      return t(`${G}.budget.equal`);
    case "over":
      return t(`${G}.budget.over`, { amount: formatOre(budget.differenceOre, language) });
    case "under":
      return t(`${G}.budget.under`, { amount: formatOre(budget.differenceOre, language) });
  }
}

export function grantPeriodText(t: T, start: string | null, end: string | null): string {
  if (start && end) return t(`${G}.periodRange`, { from: dateText(start), to: dateText(end) });
  if (start) return t(`${G}.periodFrom`, { from: dateText(start) });
  if (end) return t(`${G}.periodTo`, { to: dateText(end) });
  return t(`${G}.notSet`);
}

/**
 * The name of each budget line where it is a link or a button («Bevertning: Lunsj på
 * fagdagen»), unique within the grant: the category with the description, and a number after
 * lines that would otherwise read the same («Annet (2)»). By line id.
 */
export function lineLabels(
  t: GrantTexts,
  lines: { id: string; category: string; description: string }[],
): Map<string, string> {
  const names = lines.map((line) => {
    const category = t(`${G}.category.${line.category}`);
    const description = line.description.trim();
    return description ? t(`${G}.budget.lineName`, { category, description }) : category;
  });
  const seen = new Map<string, number>();
  const labels = new Map<string, string>();
  lines.forEach((line, index) => {
    const name = names[index]!;
    const twins = names.filter((other) => other === name).length;
    const number = (seen.get(name) ?? 0) + 1;
    seen.set(name, number);
    labels.set(line.id, twins > 1 ? t(`${G}.budget.lineNumbered`, { name, number }) : name);
  });
  return labels;
}
