/**
 * Rules of the BTS networks (BTS-nettverk) that the pages need too: limits, the yearly minimum
 * and the per-unit attendance count. Nothing here touches the database, so the browser bundle
 * may import it.
 */

export const NETWORK_NAME_MAX = 120;
export const NETWORK_DESCRIPTION_MAX = 2000;
export const MEETING_PLACE_MAX = 200;
export const MEETING_THEME_MAX = 300;
export const MEETING_SUMMARY_MAX = 4000;
export const AGENDA_TITLE_MAX = 200;
export const AGENDA_DETAIL_MAX = 1000;
/** Each of "gjort", "lurt" and "lært". */
export const NOTE_MAX = 2000;
export const NETWORKS_PAGE_SIZE = 25;

/**
 * The Strand plan: the networks "bør møtes minst to ganger i halvåret" — at least four meetings
 * a year. Fewer planned is warned about, never refused.
 */
export const MIN_MEETINGS_PER_YEAR = 4;

/** How many days before a planned meeting its BTS contacts are reminded. */
export const NETWORK_REMINDER_DAYS = 7;

export const meetingStatuses = ["planned", "held", "cancelled"] as const;
export type NetworkMeetingStatus = (typeof meetingStatuses)[number];

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

/** "HH:MM", 24-hour clock. */
export function isClockTime(value: string): boolean {
  return CLOCK.test(value);
}

/** The year a `?ar=` parameter asks for, or the fallback when it is missing or odd. */
export function yearFrom(value: string | null | undefined, fallback: number): number {
  if (!value || !/^\d{4}$/.test(value)) return fallback;
  const year = Number(value);
  return year >= 2000 && year <= 2100 ? year : fallback;
}

export interface AttendanceFact {
  meetingId: string;
  userId: string;
  /** The unit the person was recorded for (may be null for an old row whose unit is gone). */
  unitId: string | null;
  present: boolean;
}

/**
 * Whether a unit attended a meeting: at least one of its people was present. "Its people" are
 * those recorded for the unit, and the unit's current BTS contacts (a person who is contact for
 * two units counts for both).
 */
export function unitAttended(
  unitId: string,
  contactIds: ReadonlySet<string>,
  meetingId: string,
  facts: readonly AttendanceFact[],
): boolean {
  return facts.some(
    (fact) =>
      fact.meetingId === meetingId &&
      fact.present &&
      (fact.unitId === unitId || contactIds.has(fact.userId)),
  );
}
