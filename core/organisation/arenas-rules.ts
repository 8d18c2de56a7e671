import {
  arenaServices,
  arenaTargetGroups,
  FIRST_REVIEW_YEAR,
  inCodeOrder,
  type ReviewDecision,
} from "./arena-kinds.ts";

/**
 * The pure rules of the collaboration arenas: when an arena is active, which arenas overlap
 * (the issue: «arenas with the same target group and the same services», at the same unit or
 * shared by the municipality), what a review does to
 * the arena's closed date, which arenas belong in a year's review overview, and how its
 * decisions are counted. No database, no clock: "today" is always handed in.
 */

/** What the rules need to know of an arena. */
export interface RuleArena {
  id: string;
  name: string;
  targetGroups: readonly string[];
  services: readonly string[];
  /**
   * The unit (a school, a kindergarten) the arena belongs to, or null for an arena shared by the
   * municipality. Two arenas of different units meet about different children: an oppvekstteam
   * at each school is not an overlap.
   */
  unitId: string | null;
  /** Set when a review (or the coordinator) closed the arena. */
  closedOn: string | null;
}

/** An arena is active until the day it is closed (a close date later than today is still open). */
export function isArenaActive(arena: { closedOn: string | null }, today: string): boolean {
  return arena.closedOn === null || arena.closedOn > today;
}

export type OverlapRelation = "same" | "subset";

/**
 * Two active arenas of the same unit (or at least one without a unit) that share at least one
 * target group, where one arena's services are all among the other's. For "subset", `first` is the arena whose services are all among those of
 * `second`; for "same", the two are in name order.
 */
export interface ArenaOverlap<A extends RuleArena = RuleArena> {
  first: A;
  second: A;
  relation: OverlapRelation;
  sharedTargetGroups: string[];
  /** The services both have: for a subset, all of the first arena's services. */
  sharedServices: string[];
}

const byName = (a: { name: string }, b: { name: string }) =>
  a.name.localeCompare(b.name, "nb", { sensitivity: "base" });

function isSubset(small: ReadonlySet<string>, large: ReadonlySet<string>): boolean {
  for (const value of small) if (!large.has(value)) return false;
  return true;
}

/** Whether two arenas can meet about the same children: not when they belong to different units. */
export function sameUnitOrShared(a: { unitId: string | null }, b: { unitId: string | null }) {
  return a.unitId === null || b.unitId === null || a.unitId === b.unitId;
}

/**
 * The overlapping pairs among `arenas`: both active on `today`, not of two different units (an
 * oppvekstteam at each school meets about each school's children; an arena without a unit is
 * shared by the municipality and compared with every arena), at least one target group in
 * common, and the services the same or one set inside the other. An arena with no services (or
 * no target groups) overlaps nothing: there is nothing to compare. Pairs in name order.
 */
export function findOverlaps<A extends RuleArena>(
  arenas: readonly A[],
  today: string,
): ArenaOverlap<A>[] {
  const active = arenas
    .filter((arena) => isArenaActive(arena, today))
    .filter((arena) => arena.services.length > 0 && arena.targetGroups.length > 0)
    .sort(byName);
  const overlaps: ArenaOverlap<A>[] = [];
  for (let i = 0; i < active.length; i += 1) {
    for (let j = i + 1; j < active.length; j += 1) {
      const a = active[i]!;
      const b = active[j]!;
      if (!sameUnitOrShared(a, b)) continue;
      const groupsB = new Set(b.targetGroups);
      const sharedTargetGroups = inCodeOrder(
        a.targetGroups.filter((group) => groupsB.has(group)),
        arenaTargetGroups as readonly string[],
      );
      if (sharedTargetGroups.length === 0) continue;
      const servicesA = new Set(a.services);
      const servicesB = new Set(b.services);
      const aInB = isSubset(servicesA, servicesB);
      const bInA = isSubset(servicesB, servicesA);
      if (!aInB && !bInA) continue;
      const same = aInB && bInA;
      const [first, second] = same || aInB ? [a, b] : [b, a];
      overlaps.push({
        first,
        second,
        relation: same ? "same" : "subset",
        sharedTargetGroups,
        sharedServices: inCodeOrder([...first.services], arenaServices as readonly string[]),
      });
    }
  }
  return overlaps.sort((x, y) => byName(x.first, y.first) || byName(x.second, y.second));
}

/** The overlaps one arena takes part in, each seen from that arena: `other` is the other one. */
export function overlapsOf<A extends RuleArena>(
  overlaps: readonly ArenaOverlap<A>[],
  arenaId: string,
): { other: A; relation: OverlapRelation; otherIsWithin: boolean; shared: ArenaOverlap<A> }[] {
  return overlaps
    .filter((overlap) => overlap.first.id === arenaId || overlap.second.id === arenaId)
    .map((overlap) => {
      const isFirst = overlap.first.id === arenaId;
      return {
        other: isFirst ? overlap.second : overlap.first,
        relation: overlap.relation,
        // For a subset, whether the other arena's services are all among this one's.
        otherIsWithin: overlap.relation === "subset" && !isFirst,
        shared: overlap,
      };
    });
}

/** What the rules need to know of a review. */
export interface RuleReview {
  id: string;
  year: number;
  reviewedOn: string;
  decision: string;
}

/** The latest review: the highest year, then the latest date. */
export function latestReview<R extends RuleReview>(reviews: readonly R[]): R | null {
  let latest: R | null = null;
  for (const review of reviews) {
    if (
      !latest ||
      review.year > latest.year ||
      (review.year === latest.year && review.reviewedOn > latest.reviewedOn)
    ) {
      latest = review;
    }
  }
  return latest;
}

/**
 * The arena's closed date after a review was saved. The latest review decides, but only when a
 * save changed it — another review became the latest (a new year, or a year moved), or the
 * latest one got another decision or date:
 * - the latest is now «legge ned»: the arena is closed from that review's date;
 * - the latest now keeps or changes the arena, and the latest before was «legge ned»: the arena
 *   is open again;
 * - otherwise the date stays as it was.
 * So fixing a typo in the latest «legge ned» after «Åpne arenaen igjen» leaves the arena open,
 * and saving an older year's review leaves the date alone.
 */
export function closedOnAfterReview(input: {
  currentClosedOn: string | null;
  /** Every review of the arena before the save. */
  before: readonly RuleReview[];
  /** Every review of the arena after the save, the saved one included. */
  after: readonly RuleReview[];
}): string | null {
  const was = latestReview(input.before);
  const now = latestReview(input.after);
  if (!now) return input.currentClosedOn;
  const changed =
    !was || was.id !== now.id || was.decision !== now.decision || was.reviewedOn !== now.reviewedOn;
  if (!changed) return input.currentClosedOn;
  if (now.decision === "close") return now.reviewedOn;
  if (was?.decision === "close") return null;
  return input.currentClosedOn;
}

/**
 * Why a review date cannot be used, or null: it must be a real date, not in the future, and not
 * before the year the review is for (a review of 2026 may be held early in 2027).
 */
export function reviewDateProblem(
  reviewedOn: string,
  year: number,
  today: string,
): "future" | "beforeYear" | null {
  if (reviewedOn > today) return "future";
  if (reviewedOn < `${year}-01-01`) return "beforeYear";
  return null;
}

/** The years a review can be for: from this year back a few, newest first. */
export function reviewYearOptions(today: string, back = 5): number[] {
  const current = Number(today.slice(0, 4));
  const years: number[] = [];
  for (let year = current; year >= Math.max(FIRST_REVIEW_YEAR, current - back); year -= 1) {
    years.push(year);
  }
  return years;
}

/** A year from a query parameter (`?ar=2026`), else the fallback; never a future year. */
export function reviewYearFrom(value: string | null, today: string): number {
  const current = Number(today.slice(0, 4));
  if (value && /^\d{4}$/.test(value)) {
    const year = Number(value);
    if (year >= FIRST_REVIEW_YEAR && year <= current) return year;
  }
  return current;
}

/**
 * Whether an arena belongs in the review overview of `year`: it has a review that year, or it
 * was registered by the end of the year and not closed before the year began.
 */
export function belongsToReviewYear(
  arena: { closedOn: string | null; createdOn: string },
  year: number,
  reviewedThatYear: boolean,
): boolean {
  if (reviewedThatYear) return true;
  if (arena.createdOn > `${year}-12-31`) return false;
  return arena.closedOn === null || arena.closedOn >= `${year}-01-01`;
}

export type DecisionCounts = Record<ReviewDecision | "missing", number>;

/** How many arenas were kept, changed, closed, or not reviewed (null decision). */
export function countDecisions(decisions: readonly (string | null)[]): DecisionCounts {
  const counts: DecisionCounts = { keep: 0, change: 0, close: 0, missing: 0 };
  for (const decision of decisions) {
    if (decision === "keep" || decision === "change" || decision === "close") counts[decision] += 1;
    else counts.missing += 1;
  }
  return counts;
}
