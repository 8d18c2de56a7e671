/**
 * The pure rules of the project groups (issue 8): the kinds and their order, when a group is
 * closed, the "one active steering group and one active driver group" rule, the mandate summary,
 * upcoming and past meetings, the member choice (staff member or outside person), the one chair,
 * and the decisions log's paging and years. No database, no React: routes import these too.
 */

export const GROUP_NAME_MAX = 150;
export const GROUP_MANDATE_MAX = 4000;
export const GROUP_AUTHORITY_MAX = 2000;
export const GROUP_MEETING_PLAN_MAX = 500;
export const MEMBER_NAME_MAX = 150;
export const MEMBER_ROLE_MAX = 150;
export const MEETING_TIME_MAX = 50;
export const MEETING_PLACE_MAX = 200;
export const MEETING_AGENDA_MAX = 4000;
export const DECISION_TITLE_MAX = 300;
export const DECISION_DESCRIPTION_MAX = 4000;
export const MANDATE_SUMMARY_MAX = 180;
export const DECISIONS_PAGE_SIZE = 25;

export const groupKinds = ["steering", "driver", "working"] as const;
export type GroupKind = (typeof groupKinds)[number];

/** The kinds a municipality has at most one active group of. */
export const singletonKinds: readonly GroupKind[] = ["steering", "driver"];

export function isGroupKind(value: unknown): value is GroupKind {
  return typeof value === "string" && (groupKinds as readonly string[]).includes(value);
}

/** A group is closed once it has a closed date (never in the future: the form refuses that). */
export function isGroupClosed(group: { closedOn: string | null }): boolean {
  return group.closedOn !== null;
}

export interface GroupLike {
  id: string;
  kind: string;
  name: string;
  closedOn: string | null;
}

/**
 * The active group of the same singleton kind that a save would make a second of, or null.
 * Only steering and driver groups are limited; a closed candidate never conflicts.
 */
export function singletonConflict<G extends GroupLike>(
  existing: readonly G[],
  candidate: { id: string | null; kind: string; closedOn: string | null },
): G | null {
  if (!(singletonKinds as readonly string[]).includes(candidate.kind)) return null;
  if (candidate.closedOn !== null) return null;
  return (
    existing.find(
      (group) =>
        group.id !== candidate.id && group.kind === candidate.kind && !isGroupClosed(group),
    ) ?? null
  );
}

const kindOrder: Record<GroupKind, number> = { steering: 0, driver: 1, working: 2 };

/** Steering group first, then the driver group, then working groups; by name within a kind. */
export function compareGroups(
  a: { kind: string; name: string },
  b: { kind: string; name: string },
) {
  const byKind = (kindOrder[a.kind as GroupKind] ?? 9) - (kindOrder[b.kind as GroupKind] ?? 9);
  return byKind !== 0 ? byKind : a.name.localeCompare(b.name, "nb");
}

/** The mandate's first paragraph, cut at a word near `max` characters with an ellipsis. */
export function mandateSummary(mandate: string, max = MANDATE_SUMMARY_MAX): string {
  const first = mandate
    .trim()
    .split(/\n\s*\n/)[0]!
    .replace(/\s+/g, " ")
    .trim();
  if (first.length <= max) return first;
  const cut = first.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/, "")}…`;
}

/** Meetings on or after today (soonest first) and before today (latest first). */
export function splitMeetings<M extends { meetsOn: string }>(
  meetings: readonly M[],
  today: string,
): { upcoming: M[]; past: M[] } {
  const upcoming = meetings
    .filter((meeting) => meeting.meetsOn >= today)
    .sort((a, b) => a.meetsOn.localeCompare(b.meetsOn));
  const past = meetings
    .filter((meeting) => meeting.meetsOn < today)
    .sort((a, b) => b.meetsOn.localeCompare(a.meetsOn));
  return { upcoming, past };
}

/** The first meeting on or after today, or null. */
export function nextMeeting<M extends { meetsOn: string }>(
  meetings: readonly M[],
  today: string,
): M | null {
  return splitMeetings(meetings, today).upcoming[0] ?? null;
}

export type MemberChoice =
  | { ok: true; kind: "staff"; userId: string }
  | { ok: true; kind: "outside"; name: string }
  | { ok: false; field: "userId" | "name"; reason: "missing" | "both" };

/** A member is a staff member (chosen) or an outside person (named): exactly one of them. */
export function memberChoice(input: { userId: string | null; name: string }): MemberChoice {
  const name = input.name.trim();
  if (input.userId && name) return { ok: false, field: "name", reason: "both" };
  if (input.userId) return { ok: true, kind: "staff", userId: input.userId };
  if (name) return { ok: true, kind: "outside", name };
  return { ok: false, field: "userId", reason: "missing" };
}

/** The current chair other than `selfId`, if any: a group has at most one. */
export function otherChair<M extends { id: string; isChair: boolean }>(
  members: readonly M[],
  selfId: string | null = null,
): M | null {
  return members.find((member) => member.isChair && member.id !== selfId) ?? null;
}

/** A decision is made on a day that has come: today or earlier. */
export function isDecisionDateAllowed(decidedOn: string, today: string): boolean {
  return decidedOn <= today;
}

/** A decision is about a guide version, a milestone, or nothing in Laget: never both. */
export function decisionSubjectKind(input: {
  contentVersionId: string | null;
  milestoneId: string | null;
}): "version" | "milestone" | "none" | "both" {
  if (input.contentVersionId && input.milestoneId) return "both";
  if (input.contentVersionId) return "version";
  if (input.milestoneId) return "milestone";
  return "none";
}

/** The years that have decisions, newest first, for the log's year filter. */
export function decisionYears(dates: readonly string[]): number[] {
  return [...new Set(dates.map((date) => Number(date.slice(0, 4))))].sort((a, b) => b - a);
}

/** Newest decision first; on the same day the one recorded last first. */
export function compareDecisions(
  a: { decidedOn: string; createdAt: Date | string },
  b: { decidedOn: string; createdAt: Date | string },
): number {
  if (a.decidedOn !== b.decidedOn) return b.decidedOn.localeCompare(a.decidedOn);
  return new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime();
}

/** One page of a list: the page number clamped to 1…pages. */
export function pageOf<T>(
  items: readonly T[],
  requested: number,
  size = DECISIONS_PAGE_SIZE,
): { items: T[]; page: number; pages: number; total: number } {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const page = Math.min(Math.max(1, Number.isFinite(requested) ? Math.trunc(requested) : 1), pages);
  return { items: items.slice((page - 1) * size, page * size), page, pages, total: items.length };
}
