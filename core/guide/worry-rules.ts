import { addDays, daysBetween, osloDate } from "../platform/dates.ts";

export { addDays, daysBetween, isIsoDate, osloDate } from "../platform/dates.ts";
/**
 * Pure rules of the worry flow ("Jeg er bekymret for et barn"): the level-0 questions, the
 * 14-day deadline and the check for identifying data. Safe to import from UI components.
 */

/**
 * The level-0 questions, asked one at a time in this order. The last one is a yes/no question:
 * "yes" sends the employee straight to the report-now page. Labels: catalog `worry.question.*`.
 */
export const worryQuestionIds = [
  "seen",
  "said",
  "surroundings",
  "duration",
  "others",
  "serious",
] as const;
export type WorryQuestionId = (typeof worryQuestionIds)[number];

/** The free-text questions (all but the last yes/no one). */
export const worryTextQuestionIds = worryQuestionIds.filter(
  (id): id is Exclude<WorryQuestionId, "serious"> => id !== "serious",
);

/** Level 0 ends in a decision within 14 days of the first step. */
export const WORRY_DEADLINE_DAYS = 14;
/** The reminder goes out when this many days or fewer are left and nothing is decided. */
export const WORRY_REMINDER_DAYS = 2;

export const WORRY_TEXT_MAX = 1000;
export const WORRY_PSEUDONYM_MAX = 20;

/** The day the level-0 decision is due: 14 days after the first step of the flow. */
export function worryDeadline(startedOn: string): string {
  return addDays(startedOn, WORRY_DEADLINE_DAYS);
}

/** Days left until the deadline, counted from today in Norway; negative when overdue. */
export function daysLeft(deadline: string, today: string = osloDate()): number {
  return daysBetween(today, deadline);
}

/** What a text may reveal about a child. Labels: catalog `worry.warning.*`. */
export type IdentifyingKind = "name" | "idNumber" | "birthDate";

// Two or more capitalised words in a row ("Kari Nordmann", "Per-Ivar Hansen"). Place and service
// names match too: the warning errs on the side of asking, and the employee can confirm.
const FULL_NAME =
  /(?<![\p{L}\p{N}])\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)*(?:\s+\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)*)+/u;
// A fødselsnummer: 11 digits, also written as 6 + 5 with a space.
const ID_NUMBER = /(?<!\d)\d{6}\s?\d{5}(?!\d)/;
const MONTHS = "januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember";
const BIRTH_DATES = [
  // 01.02.2015, 1/2/15, 01-02-2015 (dd.mm.yy[yy])
  /(?<!\d)(?:0?[1-9]|[12]\d|3[01])[./-](?:0?[1-9]|1[0-2])[./-](?:\d{4}|\d{2})(?!\d)/,
  // 2015-02-01
  /(?<!\d)(?:19|20)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?!\d)/,
  // 1. februar 2015, født 1. februar
  new RegExp(`(?<!\\d)(?:0?[1-9]|[12]\\d|3[01])\\.?\\s+(?:${MONTHS})(?:\\s+\\d{4})?`, "iu"),
  // født 2015, født i 2015
  /født\s+(?:i\s+)?(?:19|20)\d\d/iu,
];

/** Which kinds of identifying data a text seems to contain (in a fixed order). */
export function identifyingKinds(text: string): IdentifyingKind[] {
  const kinds: IdentifyingKind[] = [];
  if (FULL_NAME.test(text)) kinds.push("name");
  if (ID_NUMBER.test(text)) kinds.push("idNumber");
  // An ID number also looks like a date run together; report it once, as an ID number.
  const withoutIds = text.replace(new RegExp(ID_NUMBER.source, "g"), " ");
  if (BIRTH_DATES.some((pattern) => pattern.test(withoutIds))) kinds.push("birthDate");
  return kinds;
}

/**
 * Field → the catalog key of the first warning for it, for every text field that looks
 * identifying. Empty when nothing does.
 */
export function identifyingWarnings(
  fields: Record<string, string | undefined>,
): Record<string, string> {
  const warnings: Record<string, string> = {};
  for (const [field, text] of Object.entries(fields)) {
    if (!text) continue;
    const kinds = identifyingKinds(text);
    if (kinds.length > 0) warnings[field] = `worry.warning.${kinds[0]}`;
  }
  return warnings;
}
