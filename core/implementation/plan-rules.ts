/**
 * The pure rules of the implementation plan area: milestone status and overdue, the timeline's
 * grouping and geometry, dosing focus, risk score and class, review overdue, and the
 * responsibility matrix's "how" points. No database, no React: routes import these at runtime.
 */

export const MILESTONE_TITLE_MAX = 200;
export const MILESTONE_DESCRIPTION_MAX = 2000;
export const MILESTONE_RESPONSIBLE_MAX = 300;
export const COMPONENT_TITLE_MAX = 200;
export const COMPONENT_DESCRIPTION_MAX = 2000;
export const DOSING_NOTE_MAX = 1000;
export const RESPONSIBILITY_HOLDER_MAX = 200;
export const RESPONSIBILITY_DUTY_MAX = 1000;
export const RESPONSIBILITY_HOW_MAX = 4000;
export const RISK_TITLE_MAX = 200;
export const RISK_DESCRIPTION_MAX = 2000;
export const RISK_MEASURES_MAX = 4000;
export const RISKS_PAGE_SIZE = 25;

export const milestoneKinds = ["activity", "evaluation"] as const;
export type MilestoneKind = (typeof milestoneKinds)[number];

export const milestoneStatuses = ["done", "ongoing", "overdue", "planned"] as const;
export type MilestoneStatus = (typeof milestoneStatuses)[number];

export interface MilestoneDates {
  startsOn: string;
  endsOn: string;
  continuous: boolean;
  doneOn: string | null;
}

/**
 * Fullført when it has a done date; Forsinket when not done and its end date is before today
 * (the end day itself is still on time; a continuous milestone has no end and is never late);
 * Pågår once it has started; otherwise Planlagt. `today` is the Oslo calendar day.
 */
export function milestoneStatus(milestone: MilestoneDates, today: string): MilestoneStatus {
  if (milestone.doneOn) return "done";
  if (!milestone.continuous && milestone.endsOn < today) return "overdue";
  if (milestone.startsOn <= today) return "ongoing";
  return "planned";
}

export function isMilestoneOverdue(milestone: MilestoneDates, today: string): boolean {
  return milestoneStatus(milestone, today) === "overdue";
}

/** "2026-Q1" style key and its parts for a date. */
export function quarterOf(isoDate: string): { key: string; year: number; quarter: number } {
  const year = Number(isoDate.slice(0, 4));
  const quarter = Math.floor((Number(isoDate.slice(5, 7)) - 1) / 3) + 1;
  return { key: `${year}-Q${quarter}`, year, quarter };
}

export interface TimelineGroup<T> {
  /** "2026-Q1", or "continuous" for the milestones that go on without an end. */
  key: string;
  year: number | null;
  quarter: number | null;
  items: T[];
}

/**
 * The timeline's groups: one per quarter in which milestones start, in date order, with the
 * continuous milestones in their own group last. Items keep start date, then end date order.
 */
export function timelineGroups<T extends MilestoneDates & { title: string }>(
  milestones: readonly T[],
): TimelineGroup<T>[] {
  const sorted = [...milestones].sort(compareMilestones);
  const groups: TimelineGroup<T>[] = [];
  const continuous: T[] = [];
  for (const milestone of sorted) {
    if (milestone.continuous) {
      continuous.push(milestone);
      continue;
    }
    const { key, year, quarter } = quarterOf(milestone.startsOn);
    const last = groups[groups.length - 1];
    if (last && last.key === key) last.items.push(milestone);
    else groups.push({ key, year, quarter, items: [milestone] });
  }
  if (continuous.length > 0) {
    groups.push({ key: "continuous", year: null, quarter: null, items: continuous });
  }
  return groups;
}

export function compareMilestones(
  a: { startsOn: string; endsOn: string; title: string },
  b: { startsOn: string; endsOn: string; title: string },
): number {
  if (a.startsOn !== b.startsOn) return a.startsOn < b.startsOn ? -1 : 1;
  if (a.endsOn !== b.endsOn) return a.endsOn < b.endsOn ? -1 : 1;
  return a.title.localeCompare(b.title, "nb");
}

function dayNumber(isoDate: string): number {
  return Math.round(Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000);
}

function firstOfMonth(isoDate: string): string {
  return `${isoDate.slice(0, 7)}-01`;
}

function firstOfNextMonth(isoDate: string): string {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, "0")}-01`;
}

function firstOfQuarter(isoDate: string): string {
  const { year, quarter } = quarterOf(isoDate);
  return `${year}-${String((quarter - 1) * 3 + 1).padStart(2, "0")}-01`;
}

function lastMonthOfQuarter(isoDate: string): string {
  const { year, quarter } = quarterOf(isoDate);
  return `${year}-${String(quarter * 3).padStart(2, "0")}-01`;
}

export interface TimelineWindow {
  /** First day shown (the first of a month). */
  from: string;
  /** The day after the last day shown (the first of a month). */
  until: string;
  /** The first day of each month shown, in order (whole quarters). */
  months: string[];
}

/** The quarters of a window, for the scale above the bars. */
export function windowQuarters(window: TimelineWindow): { year: number; quarter: number }[] {
  return window.months
    .filter((_, index) => index % 3 === 0)
    .map((month) => {
      const { year, quarter } = quarterOf(month);
      return { year, quarter };
    });
}

/**
 * The span the timeline's bars are drawn on: whole quarters from the earliest start to the
 * latest end (continuous milestones count by their start), always including today.
 */
export function timelineWindow(
  milestones: readonly MilestoneDates[],
  today: string,
): TimelineWindow {
  let first = today;
  let last = today;
  for (const milestone of milestones) {
    if (milestone.startsOn < first) first = milestone.startsOn;
    const end = milestone.continuous ? milestone.startsOn : milestone.endsOn;
    if (end > last) last = end;
  }
  const from = firstOfQuarter(first);
  const until = firstOfNextMonth(lastMonthOfQuarter(last));
  const months: string[] = [];
  for (let month = from; month < until; month = firstOfNextMonth(month)) months.push(month);
  return { from, until, months };
}

function monthNumber(isoDate: string): number {
  return Number(isoDate.slice(0, 4)) * 12 + Number(isoDate.slice(5, 7)) - 1;
}

function daysInMonth(isoDate: string): number {
  return dayNumber(firstOfNextMonth(isoDate)) - dayNumber(firstOfMonth(isoDate));
}

/**
 * Where a day falls on the window, 0–1, in month units: every month is equally wide (as the
 * month scale above the bars), and a day is its share of its own month.
 */
export function windowPosition(window: TimelineWindow, isoDate: string): number {
  if (isoDate <= window.from) return 0;
  if (isoDate >= window.until) return 1;
  const months = monthNumber(isoDate) - monthNumber(window.from);
  const share = (Number(isoDate.slice(8, 10)) - 1) / daysInMonth(isoDate);
  return (months + share) / window.months.length;
}

/**
 * A milestone's bar on the window as fractions (start, width): from its start day to the end of
 * its end day; a continuous one runs to the window's end. Never thinner than a sliver, so a
 * one-day milestone is still seen.
 */
export function barGeometry(
  window: TimelineWindow,
  milestone: MilestoneDates,
): { start: number; width: number } {
  const start = windowPosition(window, milestone.startsOn);
  const end = milestone.continuous ? 1 : windowPosition(window, dayAfter(milestone.endsOn));
  return { start, width: Math.max(end - start, 0.006) };
}

function dayAfter(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** A dosing period is the focus on the days from its start to its end, both included. */
export function isInFocus(period: { startsOn: string; endsOn: string }, today: string): boolean {
  return period.startsOn <= today && today <= period.endsOn;
}

export const riskLevels = ["municipal", "service", "individual"] as const;
export type RiskLevel = (typeof riskLevels)[number];

export const riskStatuses = ["open", "closed"] as const;
export type RiskStatus = (typeof riskStatuses)[number];

export const riskScale = [1, 2, 3, 4, 5] as const;

export type RiskClass = "low" | "medium" | "high";

/** The risk score: likelihood × consequence, 1–25. */
export function riskScore(likelihood: number, consequence: number): number {
  return likelihood * consequence;
}

/** Lav 1–4, middels 5–9, høy 10–25 (as in a 5×5 risk matrix). */
export function riskClass(score: number): RiskClass {
  if (score >= 10) return "high";
  if (score >= 5) return "medium";
  return "low";
}

/** An open risk is due for review on its review date; the day after, the review is overdue. */
export function isReviewOverdue(
  risk: { reviewOn: string; status: string },
  today: string,
): boolean {
  return risk.status === "open" && risk.reviewOn < today;
}

/**
 * The responsibility matrix's "how": one point per line. A leading list marker ("-", "•", "*")
 * is dropped, blank lines are skipped.
 */
export function howPoints(how: string): string[] {
  return how
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*(?:[-•*–]\s+)?/, "").trim())
    .filter((line) => line.length > 0);
}
