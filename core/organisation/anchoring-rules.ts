import { compareMilestones, quarterOf } from "../implementation/plan-rules.ts";
import type { FollowUpState } from "./anchoring-kinds.ts";

/**
 * The pure rules of the anchoring log: the follow-up's state on a day (in Oslo), the order of
 * the log, and the timeline that puts the implementation plan's milestones and the anchoring
 * activities side by side, quarter by quarter. No database, no React.
 */

export interface FollowUpDates {
  followUp: string;
  followUpDueOn: string | null;
  followUpDoneOn: string | null;
}

/**
 * «Ingen» when nothing is to be followed up; «Fulgt opp» once it has a done date; «Forfalt» when
 * not done and the due date is before today (the due day itself is still on time); otherwise
 * open. `today` is the Oslo calendar day.
 */
export function followUpState(activity: FollowUpDates, today: string): FollowUpState {
  if (activity.followUp.trim() === "" && !activity.followUpDueOn && !activity.followUpDoneOn) {
    return "none";
  }
  if (activity.followUpDoneOn) return "done";
  if (activity.followUpDueOn && activity.followUpDueOn < today) return "overdue";
  return "open";
}

/** Open or overdue: what the «Åpne oppfølginger» filter shows. */
export function hasOpenFollowUp(activity: FollowUpDates, today: string): boolean {
  const state = followUpState(activity, today);
  return state === "open" || state === "overdue";
}

export function isFollowUpOverdue(activity: FollowUpDates, today: string): boolean {
  return followUpState(activity, today) === "overdue";
}

/** An activity dated after today is planned, not yet held. */
export function isPlanned(activity: { occurredOn: string }, today: string): boolean {
  return activity.occurredOn > today;
}

interface Dated {
  occurredOn: string;
  audience: string;
}

/** The log's order: newest first; on the same day by audience. */
export function compareActivitiesNewestFirst(a: Dated, b: Dated): number {
  if (a.occurredOn !== b.occurredOn) return a.occurredOn < b.occurredOn ? 1 : -1;
  return a.audience.localeCompare(b.audience, "nb");
}

/** The timeline's order within a quarter: oldest first. */
export function compareActivitiesOldestFirst(a: Dated, b: Dated): number {
  if (a.occurredOn !== b.occurredOn) return a.occurredOn < b.occurredOn ? -1 : 1;
  return a.audience.localeCompare(b.audience, "nb");
}

export interface TimelineMilestone {
  id: string;
  title: string;
  startsOn: string;
  endsOn: string;
  continuous: boolean;
}

export interface TimelineActivity extends Dated {
  id: string;
  milestoneId: string | null;
}

export interface AnchoringQuarter<M, A> {
  /** "2026-Q1". */
  key: string;
  year: number;
  quarter: number;
  milestones: M[];
  activities: A[];
}

/**
 * Quarters in date order, each with the milestones that start in it (as the plan's timeline
 * groups them; a continuous milestone in the quarter it starts) and the activities held in it.
 * Only quarters with something in them are listed. With `year`, only that year's quarters.
 */
export function anchoringTimeline<M extends TimelineMilestone, A extends TimelineActivity>(
  milestones: readonly M[],
  activities: readonly A[],
  year: number | null = null,
): AnchoringQuarter<M, A>[] {
  const quarters = new Map<string, AnchoringQuarter<M, A>>();
  const quarterFor = (isoDate: string) => {
    const { key, year: y, quarter } = quarterOf(isoDate);
    let group = quarters.get(key);
    if (!group) {
      group = { key, year: y, quarter, milestones: [], activities: [] };
      quarters.set(key, group);
    }
    return group;
  };
  for (const milestone of [...milestones].sort(compareMilestones)) {
    if (year !== null && quarterOf(milestone.startsOn).year !== year) continue;
    quarterFor(milestone.startsOn).milestones.push(milestone);
  }
  for (const activity of [...activities].sort(compareActivitiesOldestFirst)) {
    if (year !== null && quarterOf(activity.occurredOn).year !== year) continue;
    quarterFor(activity.occurredOn).activities.push(activity);
  }
  return [...quarters.values()].sort((a, b) =>
    a.year !== b.year ? a.year - b.year : a.quarter - b.quarter,
  );
}

/** The years the timeline can be filtered by: any with a milestone start or an activity. */
export function timelineYears(
  milestones: readonly { startsOn: string }[],
  activities: readonly { occurredOn: string }[],
): number[] {
  const years = new Set<number>();
  for (const milestone of milestones) years.add(Number(milestone.startsOn.slice(0, 4)));
  for (const activity of activities) years.add(Number(activity.occurredOn.slice(0, 4)));
  return [...years].sort((a, b) => a - b);
}

export interface MilestoneAnchoring {
  /** How many activities are linked to the milestone. */
  count: number;
  /** The earliest linked activity's date. */
  firstOn: string | null;
  /** Whether a linked activity was held on or before the milestone's start. */
  beforeStart: boolean;
}

/**
 * Whether anchoring came before a step: the activities linked to the milestone, the first of
 * them, and whether one was held on or before the day the milestone starts.
 */
export function milestoneAnchoring(
  milestone: { id: string; startsOn: string },
  activities: readonly { occurredOn: string; milestoneId: string | null }[],
): MilestoneAnchoring {
  const linked = activities
    .filter((activity) => activity.milestoneId === milestone.id)
    .map((activity) => activity.occurredOn)
    .sort();
  const firstOn = linked[0] ?? null;
  return {
    count: linked.length,
    firstOn,
    beforeStart: firstOn !== null && firstOn <= milestone.startsOn,
  };
}
