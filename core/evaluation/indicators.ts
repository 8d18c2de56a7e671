import { eq, sql, type SQL } from "drizzle-orm";
import type { Database, Tx } from "../../db/client.ts";
import { tenants } from "../../db/schema/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import { assertCan } from "../access/policy.ts";
import { recordAudit } from "../audit/audit.ts";
import { AppError } from "../errors.ts";
import { isIsoDate, osloDate } from "../platform/dates.ts";
import {
  adoptionIndicators,
  adoptionReference,
  adoptionShares,
  adoptionStatus,
  EVALUATION_GRACE_DAYS,
  lastHalfYears,
  openLogIndicators,
  percentIndicator,
  protectIndicatorGroups,
  valueIndicator,
  WORRY_DEADLINE_DAYS,
  type AdoptionStatus,
  type AdoptionUnit,
  type Indicator,
  type IndicatorGroup,
  type IndicatorKey,
  type IndicatorScope,
  type IndicatorSeries,
  type IndicatorSet,
} from "./indicator-rules.ts";
import { MIN_GROUP_SIZE } from "./suppression.ts";

export * from "./indicator-rules.ts";

/**
 * The indicators of effect (issue 7), computed with SQL aggregates for a period [from, to]
 * (Oslo calendar days) for the municipality, per unit and per service type. Only counts,
 * durations and scores are read: never a child's name, id or pseudonym, never a note's text.
 * Definitions (also in the user guide, rutine-indikatorer-og-usynlige-barn.md):
 *
 * (a) open logs by level: kind 'log', opened before the end of `to` and not closed by then; the
 *     level is the latest relay_log_level_changes row before that moment (else the log's level).
 *     Unit: the log's current holder unit (each log counts once).
 * (b) worry notes decided in the period: median days from the note (its first step, created_at)
 *     to decided_at, and the share decided on or before the note's 14-day deadline. Unit: every
 *     unit the author belongs to. Only timestamps are read.
 * (c) evaluations scheduled in the period that were held on or before the scheduled day +
 *     EVALUATION_GRACE_DAYS; not-yet-held ones still inside the grace on `today`, and those of a
 *     log closed before the scheduled day, are left out. Unit: the holder unit.
 * (d) goals with staff scores (−2 … +2) from at least two held evaluations, the latest of them
 *     held in the period: mean score at the first and at the latest. n = logs (cases), detail =
 *     goals. Unit: the holder unit.
 * (e) logs closed in the period: the share with close_reason 'goals_reached'.
 * (f) transition handovers (is_transition) decided in the period (accepted or declined; a
 *     cancelled one was withdrawn by its sender): the share accepted. Unit: the receiving unit.
 * (g) adoption: see adoptionFor().
 * (h) training coverage: active staff of active units who attended a training event that started
 *     before the end of the period (as core/implementation/units.ts coverageByUnit, "n av m").
 * (i) feedback received in the period that reached a handled state (tatt_inn, besvart, avvist).
 *
 * Every figure whose group has fewer than MIN_GROUP_SIZE cases is suppressed (indicator-rules.ts).
 */

type Row = Record<string, unknown>;

async function rowsOf<T extends Row>(tx: Tx, query: SQL): Promise<T[]> {
  const result = (await tx.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** The first moment of `from` in Oslo. */
const startOf = (from: string) => sql`(${from}::date::timestamp at time zone 'Europe/Oslo')`;
/** The first moment after `to` in Oslo. */
const endOf = (to: string) => sql`((${to}::date + 1)::timestamp at time zone 'Europe/Oslo')`;

/** Figures of one aggregate query: 'all' (the municipality), 'unit' (id) and 'type' (service type). */
interface Grouped<T> {
  all: T;
  units: Map<string, T>;
  types: Map<string, T>;
}

/**
 * Runs `aggregates` over `base` (one row per case and unit: case_id, unit_id, metrics) for the
 * whole municipality (each case once), per unit and per service type (each case once per type).
 */
async function grouped<T extends Row>(tx: Tx, base: SQL, aggregates: SQL): Promise<Grouped<T>> {
  const rows = await rowsOf<T & { g: string; k: string | null }>(
    tx,
    sql`with base as materialized (${base}),
      one as (select distinct on (case_id) * from base order by case_id),
      typed as (
        select distinct b.case_id, u.service_type
        from base b join units u on u.id = b.unit_id
      )
      select 'all' as g, null::text as k, ${aggregates} from one
      union all
      select 'unit' as g, unit_id::text as k, ${aggregates} from base
        where unit_id is not null group by unit_id
      union all
      select 'type' as g, typed.service_type as k, ${aggregates}
        from one join typed using (case_id) group by typed.service_type`,
  );
  const result: Grouped<T> = { all: {} as T, units: new Map(), types: new Map() };
  for (const row of rows) {
    if (row.g === "all") result.all = row;
    else if (row.g === "unit" && row.k) result.units.set(row.k, row);
    else if (row.g === "type" && row.k) result.types.set(row.k, row);
  }
  return result;
}

const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));
const numOrNull = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);

// ---------------------------------------------------------------------------------------------
// The indicators, one query each

type LevelRow = { n: number; l0: number; l1: number; l2: number; l3: number };

async function openLogs(tx: Tx, tenantId: string, to: string) {
  const end = endOf(to);
  return grouped<LevelRow>(
    tx,
    sql`select l.id as case_id, l.holder_unit_id as unit_id,
        coalesce((select c.to_level from relay_log_level_changes c
                  where c.log_id = l.id and c.changed_at < ${end}
                  order by c.changed_at desc limit 1), l.level) as level
      from relay_logs l
      where l.tenant_id = ${tenantId} and l.kind = 'log' and l.created_at < ${end}
        and (l.closed_at is null or l.closed_at >= ${end})`,
    sql`count(*)::int as n,
      count(*) filter (where level = 0)::int as l0, count(*) filter (where level = 1)::int as l1,
      count(*) filter (where level = 2)::int as l2, count(*) filter (where level = 3)::int as l3`,
  );
}

type WorryRow = { n: number; median: number | null; in_time: number };

async function worryDecisions(tx: Tx, tenantId: string, from: string, to: string) {
  return grouped<WorryRow>(
    tx,
    sql`select w.id as case_id, uu.unit_id,
        extract(epoch from (w.decided_at - w.created_at)) / 86400.0 as days,
        ((w.decided_at at time zone 'Europe/Oslo')::date <= w.deadline) as in_time
      from worry_notes w
        left join user_units uu on uu.user_id = w.user_id and uu.tenant_id = w.tenant_id
      where w.tenant_id = ${tenantId} and w.decided_at >= ${startOf(from)}
        and w.decided_at < ${endOf(to)}`,
    sql`count(*)::int as n,
      (percentile_cont(0.5) within group (order by days))::float8 as median,
      count(*) filter (where in_time)::int as in_time`,
  );
}

type ShareRow = { n: number; yes: number };

async function evaluationsOnTime(
  tx: Tx,
  tenantId: string,
  from: string,
  to: string,
  today: string,
) {
  return grouped<ShareRow>(
    tx,
    sql`select e.id as case_id, l.holder_unit_id as unit_id,
        (e.held_on is not null and e.held_on <= e.scheduled_on + ${EVALUATION_GRACE_DAYS}::int) as on_time
      from relay_logs l join relay_log_evaluations e on e.log_id = l.id
      where l.tenant_id = ${tenantId} and l.kind = 'log'
        and e.scheduled_on >= ${from}::date and e.scheduled_on <= ${to}::date
        and (e.held_on is not null or e.scheduled_on + ${EVALUATION_GRACE_DAYS}::int < ${today}::date)
        and (e.held_on is not null or l.closed_at is null
             or (l.closed_at at time zone 'Europe/Oslo')::date > e.scheduled_on)`,
    sql`count(*)::int as n, count(*) filter (where on_time)::int as yes`,
  );
}

type GoalRow = { n: number; goals: number; first: number | null; latest: number | null };

async function goalAttainment(tx: Tx, tenantId: string, from: string, to: string) {
  return grouped<GoalRow>(
    tx,
    sql`select r.goal_id as case_id, l.holder_unit_id as unit_id, r.log_id,
        r.first_score, r.latest_score
      from (
        select s.goal_id, s.log_id,
          (array_agg(s.score order by e.held_on, e.id))[1] as first_score,
          (array_agg(s.score order by e.held_on desc, e.id desc))[1] as latest_score,
          max(e.held_on) as latest_on, count(*) as scored
        from relay_logs l0
          join relay_log_goal_scores s on s.log_id = l0.id
          join relay_log_evaluations e on e.id = s.evaluation_id
        where l0.tenant_id = ${tenantId} and l0.kind = 'log' and s.scorer_kind = 'staff'
          and e.held_on is not null and e.held_on <= ${to}::date
        group by s.goal_id, s.log_id
      ) r join relay_logs l on l.id = r.log_id
      where r.scored >= 2 and r.latest_on >= ${from}::date`,
    sql`count(distinct log_id)::int as n, count(*)::int as goals,
      avg(first_score)::float8 as first, avg(latest_score)::float8 as latest`,
  );
}

async function closedWithGoalsReached(tx: Tx, tenantId: string, from: string, to: string) {
  return grouped<ShareRow>(
    tx,
    sql`select l.id as case_id, l.holder_unit_id as unit_id,
        (l.close_reason = 'goals_reached') as reached
      from relay_logs l
      where l.tenant_id = ${tenantId} and l.kind = 'log' and l.closed_at is not null
        and l.closed_at >= ${startOf(from)} and l.closed_at < ${endOf(to)}`,
    sql`count(*)::int as n, count(*) filter (where reached)::int as yes`,
  );
}

async function transitionsCarriedOn(tx: Tx, tenantId: string, from: string, to: string) {
  return grouped<ShareRow>(
    tx,
    sql`select h.id as case_id, h.to_unit_id as unit_id, (h.state = 'accepted') as accepted
      from relay_log_handovers h join relay_logs l on l.id = h.log_id
      where h.tenant_id = ${tenantId} and l.kind = 'log' and h.is_transition
        and h.state in ('accepted', 'declined')
        and h.decided_at >= ${startOf(from)} and h.decided_at < ${endOf(to)}`,
    sql`count(*)::int as n, count(*) filter (where accepted)::int as yes`,
  );
}

async function trainingCoverage(tx: Tx, tenantId: string, to: string) {
  return grouped<ShareRow>(
    tx,
    sql`select uu.user_id as case_id, uu.unit_id,
        exists (select 1 from training_registrations r
                  join training_events ev on ev.id = r.event_id
                where r.user_id = uu.user_id and r.attended = true
                  and ev.starts_at < ${endOf(to)}) as trained
      from user_units uu
        join users u on u.id = uu.user_id
        join units un on un.id = uu.unit_id
      where uu.tenant_id = ${tenantId} and u.active and un.active`,
    sql`count(*)::int as n, count(*) filter (where trained)::int as yes`,
  );
}

async function feedbackHandled(tx: Tx, tenantId: string, from: string, to: string) {
  const [row] = await rowsOf<ShareRow>(
    tx,
    sql`select count(*)::int as n,
        count(*) filter (where state in ('tatt_inn', 'besvart', 'avvist'))::int as yes
      from feedback_items
      where tenant_id = ${tenantId} and created_at >= ${startOf(from)}
        and created_at < ${endOf(to)}`,
  );
  return row ?? { n: 0, yes: 0 };
}

type UnitRow = {
  id: string;
  name: string;
  service_type: string;
  logs: boolean;
  guide: boolean;
  networks: boolean;
};

/**
 * (g) For each active unit, whether it used in the period:
 * - the relay logs: a log (kind 'log') held by or naming the unit, open at some time in the
 *   period, with activity in it (opened or closed, a note or highlight dated, an evaluation held
 *   or a meeting not cancelled in the period);
 * - the guide: one of its staff started a worry note in the period, or the unit registered a
 *   next-of-kin case (barn som pårørende) or a report to child welfare. Reading guide pages
 *   leaves no trace (page views are not logged), so these routines are the signal. A note its
 *   author has deleted is not counted: its worry.created audit event would be, but scanning the
 *   audit log for it cost more than the whole indicator set on the bench data;
 * - the BTS networks: someone attended a network meeting (not cancelled) for the unit.
 */
async function unitUse(tx: Tx, tenantId: string, from: string, to: string) {
  const start = startOf(from);
  const end = endOf(to);
  return rowsOf<UnitRow>(
    tx,
    sql`with active_logs as (
        select l.holder_unit_id, l.unit_ids from relay_logs l
        where l.tenant_id = ${tenantId} and l.kind = 'log' and l.created_at < ${end}
          and (l.closed_at is null or l.closed_at >= ${start})
          and (l.created_at >= ${start} or l.closed_at is not null
            or exists (select 1 from relay_log_entries en where en.log_id = l.id
                       and en.occurred_on >= ${from}::date and en.occurred_on <= ${to}::date)
            or exists (select 1 from relay_log_evaluations ev where ev.log_id = l.id
                       and ev.held_on >= ${from}::date and ev.held_on <= ${to}::date)
            or exists (select 1 from relay_log_meetings m where m.log_id = l.id
                       and m.starts_at >= ${start} and m.starts_at < ${end}
                       and m.status <> 'cancelled'))
      ), log_units as (
        select distinct x.unit_id from active_logs a,
          unnest(array_append(a.unit_ids, a.holder_unit_id)) as x(unit_id)
      ), worry_authors as (
        select distinct w.user_id from worry_notes w
        where w.tenant_id = ${tenantId} and w.created_at >= ${start} and w.created_at < ${end}
      ), guide_units as (
        select uu.unit_id from worry_authors wa
          join user_units uu on uu.user_id = wa.user_id and uu.tenant_id = ${tenantId}
        union
        select k.unit_id from next_of_kin_cases k
        where k.tenant_id = ${tenantId} and k.created_at >= ${start} and k.created_at < ${end}
        union
        select r.reporter_unit_id from child_welfare_reports r
        where r.tenant_id = ${tenantId} and r.reported_at >= ${start} and r.reported_at < ${end}
      ), network_units as (
        select distinct a.unit_id from bts_network_attendance a
          join bts_network_meetings m on m.id = a.meeting_id
        where a.tenant_id = ${tenantId} and a.present and m.status <> 'cancelled'
          and m.meets_on >= ${from}::date and m.meets_on <= ${to}::date
      )
      select u.id, u.name, u.service_type,
        (u.id in (select unit_id from log_units where unit_id is not null)) as logs,
        (u.id in (select unit_id from guide_units where unit_id is not null)) as guide,
        (u.id in (select unit_id from network_units where unit_id is not null)) as networks
      from units u
      where u.tenant_id = ${tenantId} and u.active
      order by u.name`,
  );
}

// ---------------------------------------------------------------------------------------------
// Putting the set together

interface Figures {
  open: Grouped<LevelRow>;
  worry: Grouped<WorryRow>;
  evaluations: Grouped<ShareRow>;
  goals: Grouped<GoalRow>;
  closed: Grouped<ShareRow>;
  transitions: Grouped<ShareRow>;
  training: Grouped<ShareRow>;
  feedback: ShareRow;
  units: UnitRow[];
}

const emptyLevels: LevelRow = { n: 0, l0: 0, l1: 0, l2: 0, l3: 0 };
const emptyShare: ShareRow = { n: 0, yes: 0 };

function groupIndicators(
  pick: <T>(grouped: Grouped<T>) => T | undefined,
  figures: Figures,
  extra: { adoption?: AdoptionStatus[]; feedback?: ShareRow },
): Indicator[] {
  const open = pick(figures.open) ?? emptyLevels;
  const worry = pick(figures.worry);
  const evaluations = pick(figures.evaluations) ?? emptyShare;
  const goals = pick(figures.goals);
  const closed = pick(figures.closed) ?? emptyShare;
  const transitions = pick(figures.transitions) ?? emptyShare;
  const training = pick(figures.training) ?? emptyShare;
  const goalCount = num(goals?.goals);
  const goalLogs = num(goals?.n);
  const first = numOrNull(goals?.first);
  const latest = numOrNull(goals?.latest);
  const indicators: Indicator[] = [
    ...openLogIndicators([num(open.l0), num(open.l1), num(open.l2), num(open.l3)]),
    valueIndicator("worry_decision_median_days", numOrNull(worry?.median), num(worry?.n), 1),
    percentIndicator("worry_decided_within_deadline", num(worry?.in_time), num(worry?.n)),
    percentIndicator("evaluations_on_time", num(evaluations.yes), num(evaluations.n)),
    valueIndicator("goal_score_first", first, goalLogs, 2, { goals: goalCount }),
    valueIndicator("goal_score_latest", latest, goalLogs, 2, { goals: goalCount }),
    valueIndicator(
      "goal_score_change",
      first === null || latest === null ? null : latest - first,
      goalLogs,
      2,
      { goals: goalCount },
    ),
    percentIndicator("closed_goals_reached", num(closed.yes), num(closed.n)),
    percentIndicator("transitions_carried_on", num(transitions.yes), num(transitions.n)),
  ];
  if (extra.adoption) indicators.push(...adoptionIndicators(extra.adoption));
  indicators.push(percentIndicator("training_coverage", num(training.yes), num(training.n)));
  if (extra.feedback) {
    indicators.push(
      percentIndicator("feedback_handled", num(extra.feedback.yes), num(extra.feedback.n)),
    );
  }
  return indicators;
}

/**
 * The number of cases behind each indicator of one group, before suppression: what
 * `protectIndicatorGroups` weighs. Mirrors the n that groupIndicators gives each indicator.
 */
function groupSizes(
  pick: <T>(grouped: Grouped<T>) => T | undefined,
  figures: Figures,
): Map<IndicatorKey, number> {
  const open = pick(figures.open) ?? emptyLevels;
  const worry = num(pick(figures.worry)?.n);
  const goals = num(pick(figures.goals)?.n);
  return new Map<IndicatorKey, number>([
    ["open_logs_total", num(open.l0) + num(open.l1) + num(open.l2) + num(open.l3)],
    ["open_logs_level_0", num(open.l0)],
    ["open_logs_level_1", num(open.l1)],
    ["open_logs_level_2", num(open.l2)],
    ["open_logs_level_3", num(open.l3)],
    ["worry_decision_median_days", worry],
    ["worry_decided_within_deadline", worry],
    ["evaluations_on_time", num((pick(figures.evaluations) ?? emptyShare).n)],
    ["goal_score_first", goals],
    ["goal_score_latest", goals],
    ["goal_score_change", goals],
    ["closed_goals_reached", num((pick(figures.closed) ?? emptyShare).n)],
    ["transitions_carried_on", num((pick(figures.transitions) ?? emptyShare).n)],
    ["training_coverage", num((pick(figures.training) ?? emptyShare).n)],
  ]);
}

async function readFigures(
  tx: Tx,
  tenantId: string,
  from: string,
  to: string,
  today: string,
): Promise<Figures> {
  // One after the other: a transaction has one connection.
  return {
    open: await openLogs(tx, tenantId, to),
    worry: await worryDecisions(tx, tenantId, from, to),
    evaluations: await evaluationsOnTime(tx, tenantId, from, to, today),
    goals: await goalAttainment(tx, tenantId, from, to),
    closed: await closedWithGoalsReached(tx, tenantId, from, to),
    transitions: await transitionsCarriedOn(tx, tenantId, from, to),
    training: await trainingCoverage(tx, tenantId, to),
    feedback: await feedbackHandled(tx, tenantId, from, to),
    units: await unitUse(tx, tenantId, from, to),
  };
}

function assertPeriod(scope: IndicatorScope): void {
  if (!isIsoDate(scope.from) || !isIsoDate(scope.to) || scope.to < scope.from) {
    throw new AppError("validation", "evaluation.indicators.errors.period", {
      fieldErrors: { period: "evaluation.indicators.errors.period" },
    });
  }
}

async function tenantName(tx: Tx, tenantId: string): Promise<string> {
  const [row] = await tx
    .select({ name: tenants.name })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  return row?.name ?? "";
}

/**
 * Every indicator for [from, to] for the municipality, per service type and per active unit in
 * scope (unitIds and/or serviceType narrow the unit and service type groups; the municipality
 * group is always the whole municipality). Plain JSON. Access is the caller's business: see
 * viewIndicators for the page (reports.view, a unit leader's own units, audit).
 */
export async function computeIndicators(
  tx: Tx,
  tenantId: string,
  scope: IndicatorScope,
  options: { today?: string } = {},
): Promise<IndicatorSet> {
  assertPeriod(scope);
  const today = options.today ?? osloDate();
  const figures = await readFigures(tx, tenantId, scope.from, scope.to, today);
  const wanted = scope.unitIds ? new Set(scope.unitIds) : null;
  const inScope = figures.units.filter(
    (unit) =>
      (!wanted || wanted.has(unit.id)) &&
      (!scope.serviceType || unit.service_type === scope.serviceType),
  );
  const adoptionUnits: AdoptionUnit[] = figures.units.map((unit) => {
    const uses = { usesRelayLogs: unit.logs, usesGuide: unit.guide, usesNetworks: unit.networks };
    return {
      unitId: unit.id,
      name: unit.name,
      serviceType: unit.service_type,
      ...uses,
      status: adoptionStatus(uses),
    };
  });
  const allStatuses = adoptionUnits.map((unit) => unit.status);
  const municipality: IndicatorGroup = {
    kind: "municipality",
    id: null,
    name: await tenantName(tx, tenantId),
    serviceType: null,
    indicators: groupIndicators((g) => g.all, figures, {
      adoption: allStatuses,
      feedback: figures.feedback,
    }),
  };
  // Every unit and service type is computed and protected, then narrowed to the scope.
  const allTypes = [...new Set(figures.units.map((unit) => unit.service_type))].sort((a, b) =>
    a.localeCompare(b),
  );
  const allByServiceType: IndicatorGroup[] = allTypes.map((type) => ({
    kind: "service_type",
    id: type,
    name: type,
    serviceType: type,
    indicators: groupIndicators((g) => g.types.get(type), figures, {
      adoption: adoptionUnits.filter((unit) => unit.serviceType === type).map((u) => u.status),
    }),
  }));
  const allByUnit: IndicatorGroup[] = figures.units.map((unit) => ({
    kind: "unit",
    id: unit.id,
    name: unit.name,
    serviceType: unit.service_type,
    indicators: groupIndicators((g) => g.units.get(unit.id), figures, {}),
  }));
  protectIndicatorGroups(
    allByServiceType,
    new Map(allTypes.map((type) => [type, groupSizes((g) => g.types.get(type), figures)])),
  );
  protectIndicatorGroups(
    allByUnit,
    new Map(
      figures.units.map((unit) => [unit.id, groupSizes((g) => g.units.get(unit.id), figures)]),
    ),
    (group) => group.serviceType,
  );
  const inScopeIds = new Set(inScope.map((unit) => unit.id));
  const inScopeTypes = new Set(inScope.map((unit) => unit.service_type));
  const byServiceType = wanted
    ? []
    : allByServiceType.filter((group) => inScopeTypes.has(group.id ?? ""));
  const byUnit = allByUnit.filter((group) => inScopeIds.has(group.id ?? ""));
  const scopeIds = new Set(inScope.map((unit) => unit.id));
  return {
    from: scope.from,
    to: scope.to,
    today,
    minGroupSize: MIN_GROUP_SIZE,
    evaluationGraceDays: EVALUATION_GRACE_DAYS,
    worryDeadlineDays: WORRY_DEADLINE_DAYS,
    scope: { unitIds: scope.unitIds ?? null, serviceType: scope.serviceType ?? null },
    municipality,
    byServiceType,
    byUnit,
    adoption: {
      units: allStatuses.length,
      shares: adoptionShares(allStatuses),
      reference: { ...adoptionReference },
      perUnit: adoptionUnits.filter((unit) => scopeIds.has(unit.unitId)),
    },
  };
}

/**
 * The indicators over the last `halfYears` half-years (4–6, default 6) up to and including the
 * one `today` is in, for the focus group: the one unit when the scope names exactly one, the
 * service type when it names one, else the municipality.
 */
export async function computeIndicatorSeries(
  tx: Tx,
  tenantId: string,
  scope: Omit<IndicatorScope, "from" | "to">,
  options: { today?: string; halfYears?: number } = {},
): Promise<IndicatorSeries> {
  const today = options.today ?? osloDate();
  const count = Math.min(6, Math.max(4, options.halfYears ?? 6));
  const periods = lastHalfYears(today, count);
  const points: IndicatorSeries["points"] = [];
  let focus: IndicatorSeries["focus"] = { kind: "municipality", id: null, name: "" };
  for (const period of periods) {
    const set = await computeIndicators(
      tx,
      tenantId,
      { ...scope, from: period.from, to: period.to },
      { today },
    );
    let group = set.municipality;
    if (scope.unitIds?.length === 1) {
      group = set.byUnit.find((unit) => unit.id === scope.unitIds![0]) ?? group;
    } else if (scope.serviceType) {
      group = set.byServiceType.find((type) => type.id === scope.serviceType) ?? group;
    }
    focus = { kind: group.kind, id: group.id, name: group.name };
    points.push({ label: period.label, from: period.from, to: period.to, group });
  }
  return { focus, points };
}

// ---------------------------------------------------------------------------------------------
// The page's use case: access and audit

export type StaffActor = Extract<Actor, { kind: "staff" }>;

/** The coordinator and sector leaders see every unit; a unit leader the municipality and their own units. */
export function seesAllIndicatorUnits(actor: StaffActor): boolean {
  return actor.roles.includes("coordinator") || actor.roles.includes("sector_leader");
}

export interface IndicatorView {
  set: IndicatorSet;
  series: IndicatorSeries;
  /** The units the actor may pick in the scope selector. */
  units: { id: string; name: string; serviceType: string }[];
  serviceTypes: string[];
  allUnits: boolean;
}

/**
 * What /evaluering/indikatorer shows (reports.view): the set for the period and the series for
 * the same scope. A unit leader's scope is cut to their own units (and has no service type
 * breakdown, which would mix in other units); a unit outside it is not found. Audited as
 * evaluation.indicators_viewed with the period and scope (ids only).
 */
export async function viewIndicators(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  scope: IndicatorScope;
  today?: string;
}): Promise<IndicatorView> {
  assertCan(input.actor, "reports.view");
  if (input.actor.kind !== "staff") throw new AppError("forbidden", "errors.forbidden");
  const actor = input.actor;
  assertPeriod(input.scope);
  const today = input.today ?? osloDate();
  const allUnits = seesAllIndicatorUnits(actor);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const unitRows = await rowsOf<{ id: string; name: string; service_type: string }>(
      tx,
      sql`select id, name, service_type from units
        where tenant_id = ${actor.tenantId} and active order by name`,
    );
    const visible = allUnits ? unitRows : unitRows.filter((u) => actor.unitIds.includes(u.id));
    const visibleIds = visible.map((unit) => unit.id);
    const requested = input.scope.unitIds;
    if (requested?.some((id) => !visibleIds.includes(id))) {
      throw new AppError("not_found", "errors.notFound");
    }
    let scope: IndicatorScope = { ...input.scope };
    if (!allUnits) {
      scope = {
        from: scope.from,
        to: scope.to,
        unitIds: requested && requested.length > 0 ? requested : visibleIds,
      };
    }
    const set = await computeIndicators(tx, actor.tenantId, scope, { today });
    const { from: _from, to: _to, ...rest } = scope;
    const series = await computeIndicatorSeries(tx, actor.tenantId, rest, { today });
    await recordAudit(tx, {
      type: "evaluation.indicators_viewed",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      details: {
        from: scope.from,
        to: scope.to,
        unitIds: scope.unitIds ?? null,
        serviceType: scope.serviceType ?? null,
      },
    });
    return {
      set,
      series,
      units: visible.map((unit) => ({
        id: unit.id,
        name: unit.name,
        serviceType: unit.service_type,
      })),
      serviceTypes: allUnits ? [...new Set(unitRows.map((unit) => unit.service_type))].sort() : [],
      allUnits,
    };
  });
}
