import { addDays, isIsoDate } from "../platform/dates.ts";
import {
  MIN_GROUP_SIZE,
  protectBreakdown,
  suppressBelowMinimum,
  type Suppressible,
} from "./suppression.ts";

/**
 * The indicators of effect (issue 7): their types and the pure rules behind them (periods,
 * rounding, small-group suppression, the 60-30-10 adoption classes). Safe to import from UI
 * components: no database, no React. The SQL that fills these types is core/evaluation/indicators.ts.
 *
 * Every figure is plain JSON. A figure whose group (the municipality, a unit, a service type, a
 * period) has fewer than MIN_GROUP_SIZE cases behind it is suppressed, and so is its n: the count
 * itself is the small number. No child's name, id or pseudonym is ever part of an IndicatorSet.
 */

/** Days after the scheduled day an evaluation still counts as held on time. */
export const EVALUATION_GRACE_DAYS = 7;
/** The level-0 deadline: a worry is decided within 14 days (the BTI guide's rule). */
export const WORRY_DEADLINE_DAYS = 14;

/** The keys of the indicators, in the order they are shown. */
export const indicatorKeys = [
  // (a) open relay logs at the end of the period, by level
  "open_logs_total",
  "open_logs_level_0",
  "open_logs_level_1",
  "open_logs_level_2",
  "open_logs_level_3",
  // (b) from a worry's first step to its decision
  "worry_decision_median_days",
  "worry_decided_within_deadline",
  // (c) evaluations held on time
  "evaluations_on_time",
  // (d) goal attainment (staff scores, −2 … +2)
  "goal_score_first",
  "goal_score_latest",
  "goal_score_change",
  // (e) logs closed with the goals reached
  "closed_goals_reached",
  // (f) transitions with the log carried on
  "transitions_carried_on",
  // (g) adoption per unit against 60-30-10 (municipality and service type only)
  "adoption_as_intended",
  "adoption_not_as_intended",
  "adoption_not_in_use",
  // (h) training coverage
  "training_coverage",
  // (i) feedback handled (municipality only)
  "feedback_handled",
] as const;
export type IndicatorKey = (typeof indicatorKeys)[number];

/** What a value is measured in: a count, a percent (0–100), days, or a mean score (−2 … +2). */
export type MeasureUnit = "count" | "percent" | "days" | "score";

export const indicatorUnits: Record<IndicatorKey, MeasureUnit> = {
  open_logs_total: "count",
  open_logs_level_0: "count",
  open_logs_level_1: "count",
  open_logs_level_2: "count",
  open_logs_level_3: "count",
  worry_decision_median_days: "days",
  worry_decided_within_deadline: "percent",
  evaluations_on_time: "percent",
  goal_score_first: "score",
  goal_score_latest: "score",
  goal_score_change: "score",
  closed_goals_reached: "percent",
  transitions_carried_on: "percent",
  adoption_as_intended: "percent",
  adoption_not_as_intended: "percent",
  adoption_not_in_use: "percent",
  training_coverage: "percent",
  feedback_handled: "percent",
};

/**
 * What n counts for each indicator (the cases behind the figure): logs, worry notes,
 * evaluations, logs with scored goals, closed logs, transitions, units, staff, feedback items.
 */
export type CaseKind =
  | "logs"
  | "worry_notes"
  | "evaluations"
  | "closed_logs"
  | "transitions"
  | "units"
  | "staff"
  | "feedback";

export const indicatorCases: Record<IndicatorKey, CaseKind> = {
  open_logs_total: "logs",
  open_logs_level_0: "logs",
  open_logs_level_1: "logs",
  open_logs_level_2: "logs",
  open_logs_level_3: "logs",
  worry_decision_median_days: "worry_notes",
  worry_decided_within_deadline: "worry_notes",
  evaluations_on_time: "evaluations",
  goal_score_first: "logs",
  goal_score_latest: "logs",
  goal_score_change: "logs",
  closed_goals_reached: "closed_logs",
  transitions_carried_on: "transitions",
  adoption_as_intended: "units",
  adoption_not_as_intended: "units",
  adoption_not_in_use: "units",
  training_coverage: "staff",
  feedback_handled: "feedback",
};

/** One figure: its value (or suppressed), the n behind it (null when suppressed), its unit. */
export interface Indicator {
  key: IndicatorKey;
  value: Suppressible<number>;
  /** The number of cases behind the figure; null when suppressed (a small n points at people). */
  n: number | null;
  unit: MeasureUnit;
  /** Extra counts shown beside the value, e.g. the number of goals behind a mean score. */
  detail?: Record<string, number>;
}

export type GroupKind = "municipality" | "unit" | "service_type";

/** The figures of one group: the whole municipality, one unit, or one service type. */
export interface IndicatorGroup {
  kind: GroupKind;
  /** The unit id, the service type, or null for the municipality. */
  id: string | null;
  /** The unit's name; the service type key; the municipality's name. */
  name: string;
  serviceType: string | null;
  indicators: Indicator[];
}

/** The 60-30-10 classes (the Nittedal seed): in use as intended, taken in but not as intended, taken in but not in use. */
export const adoptionStatuses = ["as_intended", "not_as_intended", "not_in_use"] as const;
export type AdoptionStatus = (typeof adoptionStatuses)[number];
/** What the 60-30-10 rule expects of new ideas, in percent. */
export const adoptionReference: Record<AdoptionStatus, number> = {
  as_intended: 10,
  not_as_intended: 30,
  not_in_use: 60,
};

export interface AdoptionUnit {
  unitId: string;
  name: string;
  serviceType: string;
  /** A relay log held by or naming the unit had activity in the period. */
  usesRelayLogs: boolean;
  /** The unit's staff used the guide's routines in the period (worry notes, next of kin, reports). */
  usesGuide: boolean;
  /** Someone attended a BTS network meeting for the unit in the period. */
  usesNetworks: boolean;
  status: AdoptionStatus;
}

export interface AdoptionSummary {
  /** Active units counted (the municipality's, not only the visible ones). */
  units: number;
  /** Share of units per class in percent; suppressed below MIN_GROUP_SIZE units. */
  shares: Record<AdoptionStatus, Suppressible<number>>;
  reference: Record<AdoptionStatus, number>;
  /** The status of each visible unit in scope. */
  perUnit: AdoptionUnit[];
}

export interface IndicatorScope {
  from: string;
  to: string;
  unitIds?: string[];
  serviceType?: string;
}

export interface IndicatorSet {
  from: string;
  to: string;
  /** The day the figures were computed for: evaluations not yet due on it are left out. */
  today: string;
  minGroupSize: number;
  evaluationGraceDays: number;
  worryDeadlineDays: number;
  scope: { unitIds: string[] | null; serviceType: string | null };
  municipality: IndicatorGroup;
  /** Per service type among the units in scope (empty when the scope is a set of units). */
  byServiceType: IndicatorGroup[];
  /** Per active unit in scope, sorted by name. */
  byUnit: IndicatorGroup[];
  adoption: AdoptionSummary;
}

export interface SeriesPoint {
  /** "2025-H1", "2025-H2" */
  label: string;
  from: string;
  to: string;
  /** The focus group's figures for that half-year (the municipality, or the one unit or service type in scope). */
  group: IndicatorGroup;
}

export interface IndicatorSeries {
  focus: { kind: GroupKind; id: string | null; name: string };
  points: SeriesPoint[];
}

// ---------------------------------------------------------------------------------------------
// Periods

export interface Period {
  from: string;
  to: string;
}

/** The half-year a date falls in: 1 January–30 June or 1 July–31 December. */
export function halfYearOf(date: string): Period & { label: string } {
  const year = date.slice(0, 4);
  const first = date.slice(5, 7) <= "06";
  return first
    ? { from: `${year}-01-01`, to: `${year}-06-30`, label: `${year}-H1` }
    : { from: `${year}-07-01`, to: `${year}-12-31`, label: `${year}-H2` };
}

/** The `count` half-years up to and including the one `today` is in, oldest first. */
export function lastHalfYears(today: string, count: number): (Period & { label: string })[] {
  const result: (Period & { label: string })[] = [];
  let current = halfYearOf(today);
  for (let i = 0; i < count; i += 1) {
    result.unshift(current);
    current = halfYearOf(addDays(current.from, -1));
  }
  return result;
}

/** The half-year before the one `today` is in: the default period (the last complete one). */
export function previousHalfYear(today: string): Period & { label: string } {
  return halfYearOf(addDays(halfYearOf(today).from, -1));
}

export type PeriodKind = "half_year" | "year" | "custom";

export interface PeriodChoice extends Period {
  kind: PeriodKind;
  /** "2025-H1" for a half-year, "2025" for a year, "" for custom. */
  value: string;
}

/** The longest period the page accepts: ten years. */
export const MAX_PERIOD_DAYS = 3660;

/**
 * The period from the page's query string: `periode=2025-H1` (half-year), `periode=2025` (year) or
 * `fra`/`til` (custom). Anything invalid falls back to the last complete half-year; a custom
 * period with `til` before `fra` is swapped, and one longer than ten years is cut.
 */
export function periodFromQuery(params: URLSearchParams, today: string): PeriodChoice {
  const value = (params.get("periode") ?? "").trim();
  const half = /^(\d{4})-H([12])$/.exec(value);
  if (half) {
    const period = halfYearOf(`${half[1]}-${half[2] === "1" ? "01" : "07"}-01`);
    return { kind: "half_year", value, from: period.from, to: period.to };
  }
  const year = /^(\d{4})$/.exec(value);
  if (year) return { kind: "year", value, from: `${value}-01-01`, to: `${value}-12-31` };
  const from = (params.get("fra") ?? "").trim();
  const to = (params.get("til") ?? "").trim();
  if (value === "egen" || (from && to)) {
    if (isIsoDate(from) && isIsoDate(to)) {
      const [a, b] = from <= to ? [from, to] : [to, from];
      const end = b > addDays(a, MAX_PERIOD_DAYS) ? addDays(a, MAX_PERIOD_DAYS) : b;
      return { kind: "custom", value: "", from: a, to: end };
    }
  }
  const fallback = previousHalfYear(today);
  return { kind: "half_year", value: fallback.label, from: fallback.from, to: fallback.to };
}

// ---------------------------------------------------------------------------------------------
// Rounding and suppression

export function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** part of whole in percent with one decimal; suppressed when whole < MIN_GROUP_SIZE. */
export function percentIndicator(
  key: IndicatorKey,
  part: number,
  whole: number,
  detail?: Record<string, number>,
): Indicator {
  const value = suppressBelowMinimum(whole, () => round((part / whole) * 100, 1));
  return withN(key, value, whole, detail);
}

/** A mean or median with `decimals` decimals; suppressed when n < MIN_GROUP_SIZE or the value is missing. */
export function valueIndicator(
  key: IndicatorKey,
  value: number | null,
  n: number,
  decimals: number,
  detail?: Record<string, number>,
): Indicator {
  const shown =
    value === null || !Number.isFinite(value)
      ? ({ suppressed: true } as const)
      : suppressBelowMinimum(n, () => round(value, decimals));
  return withN(key, shown, n, detail);
}

function withN(
  key: IndicatorKey,
  value: Suppressible<number>,
  n: number,
  detail?: Record<string, number>,
): Indicator {
  const indicator: Indicator = {
    key,
    value,
    n: value.suppressed ? null : n,
    unit: indicatorUnits[key],
  };
  if (detail && !value.suppressed) indicator.detail = detail;
  return indicator;
}

/**
 * Counts that add up to a shown total (open logs by level): each count below MIN_GROUP_SIZE is
 * suppressed, and when exactly one is, the smallest shown one is suppressed with it, so the
 * hidden count cannot be worked out as the total minus the others.
 */
export function suppressCounts(counts: number[]): Suppressible<number>[] {
  const hidden = counts.map((count) => count < MIN_GROUP_SIZE);
  const total = counts.reduce((sum, count) => sum + count, 0);
  if (total >= MIN_GROUP_SIZE && hidden.filter(Boolean).length === 1) {
    let smallest = -1;
    counts.forEach((count, index) => {
      if (!hidden[index] && (smallest < 0 || count < counts[smallest]!)) smallest = index;
    });
    if (smallest >= 0) hidden[smallest] = true;
  }
  return counts.map((count, index) =>
    hidden[index] ? { suppressed: true } : { suppressed: false, value: count },
  );
}

/** The open-log indicators: the total and each level 0–3, with complementary suppression. */
export function openLogIndicators(levels: [number, number, number, number]): Indicator[] {
  const total = levels.reduce((sum, count) => sum + count, 0);
  const cells = suppressCounts(levels);
  const keys = [
    "open_logs_level_0",
    "open_logs_level_1",
    "open_logs_level_2",
    "open_logs_level_3",
  ] as const;
  return [
    withN(
      "open_logs_total",
      suppressBelowMinimum(total, () => total),
      total,
    ),
    ...keys.map((key, index) => {
      const cell = total < MIN_GROUP_SIZE ? ({ suppressed: true } as const) : cells[index]!;
      return withN(key, cell, levels[index]!);
    }),
  ];
}

// ---------------------------------------------------------------------------------------------
// Adoption (60-30-10)

/**
 * A unit using all three parts (relay logs, guide, networks) uses the model as intended; one or
 * two, taken in but not as intended; none, taken in but not in use.
 */
export function adoptionStatus(uses: {
  usesRelayLogs: boolean;
  usesGuide: boolean;
  usesNetworks: boolean;
}): AdoptionStatus {
  const used = [uses.usesRelayLogs, uses.usesGuide, uses.usesNetworks].filter(Boolean).length;
  if (used === 3) return "as_intended";
  if (used === 0) return "not_in_use";
  return "not_as_intended";
}

/** Shares of the classes in percent over `statuses` (one per unit), suppressed below MIN_GROUP_SIZE units. */
export function adoptionShares(
  statuses: AdoptionStatus[],
): Record<AdoptionStatus, Suppressible<number>> {
  const n = statuses.length;
  const share = (status: AdoptionStatus) =>
    suppressBelowMinimum(n, () =>
      round((statuses.filter((item) => item === status).length / n) * 100, 1),
    );
  return {
    as_intended: share("as_intended"),
    not_as_intended: share("not_as_intended"),
    not_in_use: share("not_in_use"),
  };
}

export function adoptionIndicators(statuses: AdoptionStatus[]): Indicator[] {
  const shares = adoptionShares(statuses);
  return [
    withN("adoption_as_intended", shares.as_intended, statuses.length),
    withN("adoption_not_as_intended", shares.not_as_intended, statuses.length),
    withN("adoption_not_in_use", shares.not_in_use, statuses.length),
  ];
}

export function findIndicator(group: IndicatorGroup, key: IndicatorKey): Indicator | undefined {
  return group.indicators.find((indicator) => indicator.key === key);
}

/**
 * Hides, indicator by indicator, what a breakdown would give away by subtraction: the
 * municipality's figure is shown, so one hidden unit (or service type) could be worked out as
 * the total minus the others. `protectBreakdown` (the survey results' rule) hides further groups
 * until the hidden ones are at least two and hold at least MIN_GROUP_SIZE cases together; units
 * are also protected within each service type, whose figure is shown too. Always run over every
 * group of the municipality, never only those in a reader's scope, so that no two scopes can be
 * set side by side to undo it.
 */
export function protectIndicatorGroups(
  groups: IndicatorGroup[],
  sizes: Map<string, Map<IndicatorKey, number>>,
  partitionOf?: (group: IndicatorGroup) => string | null,
): void {
  const keys = new Set(groups.flatMap((group) => group.indicators.map((i) => i.key)));
  for (const key of keys) {
    const sizeOf = (group: IndicatorGroup) => sizes.get(group.id ?? "")?.get(key) ?? 0;
    const all = new Map(groups.map((group) => [group.id ?? "", sizeOf(group)]));
    const partitions = new Map<string, Map<string, number>>();
    if (partitionOf) {
      for (const group of groups) {
        const partition = partitionOf(group);
        if (partition === null) continue;
        const members = partitions.get(partition) ?? new Map<string, number>();
        members.set(group.id ?? "", sizeOf(group));
        partitions.set(partition, members);
      }
    }
    const hidden = protectBreakdown(all, { partitions: [...partitions.values()] });
    for (const group of groups) {
      if (!hidden.has(group.id ?? "")) continue;
      group.indicators = group.indicators.map((indicator) =>
        indicator.key === key
          ? { key, value: { suppressed: true }, n: null, unit: indicator.unit }
          : indicator,
      );
    }
  }
}
