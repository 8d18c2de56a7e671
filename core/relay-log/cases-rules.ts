/**
 * Pure rules of the relay log's special cases: anonymous case discussion (anonym drøfting),
 * barn som pårørende and the report to child welfare (bekymringsmelding). No database, no React:
 * route modules import these at runtime.
 */
import type { ServiceType } from "../units/service-types.ts";

// ------------------------------------------------------------ anonymous case discussion

export const PSEUDONYM_MAX = 40;
/** The same limit as the open-log form's concern areas. */
export const AREA_TITLE_MAX = 80;
export const AREA_DESCRIPTION_MAX = 1000;
/** Concern areas an anonymous case starts with: 1 to this many (the form shows this many rows). */
export const ANONYMOUS_AREA_ROWS = 5;
/** Levels an anonymous case (like a log) is opened at. */
export const openingLevels = [1, 2, 3] as const;

/** The form's field names of each concern-area row. */
export const anonymousAreaFields = Array.from({ length: ANONYMOUS_AREA_ROWS }, (_, index) => ({
  title: `area${index + 1}Title`,
  description: `area${index + 1}Description`,
}));

// ------------------------------------------------------------ converting to a log

export const CHILD_NAME_MAX = 120;
export const GUARDIAN_NAME_MAX = 120;
export const GUARDIAN_CONTACT_MAX = 120;
/** Guardian rows on the convert form; at least one must be filled in. */
export const GUARDIAN_ROWS = 3;

/** The form's field names of each guardian row. */
export const convertGuardianFields = Array.from({ length: GUARDIAN_ROWS }, (_, index) => ({
  name: `guardian${index + 1}Name`,
  phone: `guardian${index + 1}Phone`,
  email: `guardian${index + 1}Email`,
  responsibility: `guardian${index + 1}Responsibility`,
}));

// ------------------------------------------------------------ barn som pårørende

export const PARENT_REFERENCE_MAX = 40;
export const NEXT_OF_KIN_TEXT_MAX = 2000;
export const NEXT_OF_KIN_CHILD_NAME_MAX = 80;
/** Children rows on the form: 1 to this many. */
export const NEXT_OF_KIN_CHILD_ROWS = 6;
export const NEXT_OF_KIN_PAGE_SIZE = 25;

export const parentSituations = [
  "mental_illness",
  "substance_use",
  "serious_illness",
  "death",
  "other",
] as const;
export type ParentSituation = (typeof parentSituations)[number];

export const nextOfKinStatuses = ["open", "closed"] as const;
export type NextOfKinStatus = (typeof nextOfKinStatuses)[number];

/**
 * The services for adults where the routine for barn som pårørende matters most (NAV, mental
 * health and substance use, the GP). Any unit may register a case; these are suggested first.
 */
export const adultServiceTypes: readonly ServiceType[] = ["nav", "psykisk_helse_rus", "fastlege"];

export function isAdultService(serviceType: string): boolean {
  return (adultServiceTypes as readonly string[]).includes(serviceType);
}

/** "due" when the follow-up date has come (today or earlier) on an open case. */
export function followUpState(
  nextOfKinCase: { status: string; followUpOn: string | null },
  today: string,
): "due" | "overdue" | "later" | "none" {
  if (nextOfKinCase.status !== "open" || !nextOfKinCase.followUpOn) return "none";
  if (nextOfKinCase.followUpOn < today) return "overdue";
  if (nextOfKinCase.followUpOn === today) return "due";
  return "later";
}

// ------------------------------------------------------------ bekymringsmelding

export const REPORT_SHORT_MAX = 200;
export const REPORT_TEXT_MAX = 4000;
export const guardiansInformedChoices = ["yes", "no"] as const;
export const urgencyChoices = ["acute", "serious"] as const;
