/**
 * The input schemas of grants, budget lines, expenses and reporting deadlines (zod), with the
 * amount fields read by money.ts. Domain code only: pages import the constants from
 * grants-rules.ts instead, so zod stays out of the browser bundle.
 */
import { z } from "zod";
import {
  optionalDateField,
  optionalIdField,
  dateField,
  textField,
} from "../implementation/plan-common.ts";
import { AppError, type FieldErrors } from "../errors.ts";
import { isIsoDate } from "../platform/dates.ts";
import { fieldErrorsFrom } from "../platform/validation.ts";
import {
  budgetCategories,
  DEADLINE_NOTE_MAX,
  DEADLINE_TITLE_MAX,
  DEFAULT_REMIND_DAYS,
  EXPENSE_DESCRIPTION_MAX,
  GRANT_GRANTOR_MAX,
  GRANT_NAME_MAX,
  GRANT_NOTE_MAX,
  GRANT_REFERENCE_MAX,
  grantStatuses,
  LINE_DESCRIPTION_MAX,
  MAX_REMIND_DAYS,
} from "./grants-rules.ts";
import { parseKroner } from "./money.ts";

const G = "organisation.grants";

/** The catalog key for what parseKroner found wrong. */
const moneyErrors = {
  negative: `${G}.money.negative`,
  format: `${G}.money.format`,
  tooLarge: `${G}.money.tooLarge`,
} as const;

/** A form's text, or a number sent by an API client (read as kroner). */
function moneyText(value: unknown): string | null {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : null;
  if (typeof value === "string") return value;
  return null;
}

/**
 * An amount in kroner as typed, to whole øre. Empty gives null, or `requiredKey` when required;
 * `positive` refuses zero (an expense is always something spent).
 */
function moneyField(options: { requiredKey?: string; positive?: boolean }) {
  return z.unknown().transform((value, ctx): number | null => {
    const typed = moneyText(value);
    const parsed = typed === null ? ({ kind: "format" } as const) : parseKroner(typed);
    if (parsed.kind === "empty") {
      if (!options.requiredKey) return null;
      ctx.addIssue({ code: "custom", message: options.requiredKey });
      return z.NEVER;
    }
    if (parsed.kind !== "amount") {
      ctx.addIssue({ code: "custom", message: moneyErrors[parsed.kind] });
      return z.NEVER;
    }
    if (options.positive && parsed.ore === 0) {
      ctx.addIssue({ code: "custom", message: `${G}.money.zero` });
      return z.NEVER;
    }
    return parsed.ore;
  });
}

const requiredMoney = (requiredKey: string, positive = false) =>
  moneyField({ requiredKey, positive }).transform((value) => value as number);

const enumField = <T extends readonly [string, ...string[]]>(
  values: T,
  messageKey: string,
  fallback?: T[number],
) =>
  z.preprocess(
    (value) => (value === undefined || value === null || value === "" ? (fallback ?? "") : value),
    z.enum(values, { message: messageKey }),
  );

export const grantSchema = z.object({
  name: textField(GRANT_NAME_MAX, `${G}.errors.nameRequired`),
  grantor: textField(GRANT_GRANTOR_MAX, `${G}.errors.grantorRequired`),
  reference: textField(GRANT_REFERENCE_MAX),
  status: enumField(grantStatuses, "errors.choice", "planned"),
  appliedOn: optionalDateField(`${G}.errors.date`),
  decidedOn: optionalDateField(`${G}.errors.date`),
  appliedAmount: moneyField({}),
  grantedAmount: moneyField({}),
  periodStart: optionalDateField(`${G}.errors.date`),
  periodEnd: optionalDateField(`${G}.errors.date`),
  contactUserId: optionalIdField(`${G}.errors.contact`),
  note: textField(GRANT_NOTE_MAX),
});
export type GrantInput = z.infer<typeof grantSchema>;

export const lineSchema = z.object({
  category: enumField(budgetCategories, `${G}.errors.category`),
  description: textField(LINE_DESCRIPTION_MAX),
  planned: requiredMoney(`${G}.errors.plannedRequired`),
});
export type LineInput = z.infer<typeof lineSchema>;

export const expenseSchema = z.object({
  spentOn: dateField(`${G}.errors.spentOn`),
  amount: requiredMoney(`${G}.errors.amountRequired`, true),
  description: textField(EXPENSE_DESCRIPTION_MAX, `${G}.errors.expenseDescriptionRequired`),
});
export type ExpenseInput = z.infer<typeof expenseSchema>;

export const deadlineSchema = z.object({
  title: textField(DEADLINE_TITLE_MAX, `${G}.errors.deadlineTitleRequired`),
  dueOn: dateField(`${G}.errors.dueOn`),
  remindDaysBefore: z.preprocess(
    (value) => {
      if (value === undefined || value === null) return DEFAULT_REMIND_DAYS;
      if (typeof value === "string") {
        const trimmed = value.trim();
        if (trimmed === "") return DEFAULT_REMIND_DAYS;
        return /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
      }
      return value;
    },
    z
      .number({ message: `${G}.errors.remindDays` })
      .int({ message: `${G}.errors.remindDays` })
      .min(0, { message: `${G}.errors.remindDays` })
      .max(MAX_REMIND_DAYS, { message: `${G}.errors.remindDays` }),
  ),
  submittedOn: optionalDateField(`${G}.errors.date`),
  note: textField(DEADLINE_NOTE_MAX),
});
export type DeadlineInput = z.infer<typeof deadlineSchema>;

/** A submitted date cannot lie ahead: the report is handed in when it is handed in. */
export function deadlineRuleErrors(
  values: { submittedOn?: unknown },
  today: string,
): Record<string, string> {
  const submitted = typeof values.submittedOn === "string" ? values.submittedOn.trim() : "";
  if (isIsoDate(submitted) && submitted > today) {
    return { submittedOn: `${G}.errors.submittedInFuture` };
  }
  return {};
}

/**
 * Parses with a schema and adds the rules between fields (`ruleErrors`): all messages come back
 * at once, each on its field, a field's own message before a rule's.
 */
export function parseWithRules<S extends z.ZodType>(
  schema: S,
  values: unknown,
  ruleErrors: Record<string, string>,
): z.infer<S> {
  const result = schema.safeParse(values, { reportInput: true });
  const fieldErrors: FieldErrors = result.success ? {} : fieldErrorsFrom(result.error);
  for (const [field, key] of Object.entries(ruleErrors)) fieldErrors[field] ??= key;
  if (!result.success || Object.keys(fieldErrors).length > 0) {
    throw new AppError("validation", "errors.validation", { fieldErrors });
  }
  return result.data;
}

/** Form values as a record (anything else gives an empty one, and the schema says what is missing). */
export function asRecord(values: unknown): Record<string, unknown> {
  return values && typeof values === "object" && !Array.isArray(values)
    ? (values as Record<string, unknown>)
    : {};
}
