/**
 * The content of a report as plain JSON data: one function, `buildReportContent`, reads every
 * section for a period; the web page and the PDF both render from what it returns, and
 * publishing freezes it in `evaluation_reports.snapshot`. Nothing here names a child or a
 * person, and every figure from a small group arrives already suppressed from the data
 * functions (core/evaluation/suppression.ts) as `{ suppressed: true }` and is never printed.
 * Feedback is shown by its page, theme, state and what was done, never with the sender's address
 * or own words (the text may name someone; it stays in the inbox).
 */
import { and, asc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { Tx } from "../../db/client.ts";
import {
  btsNetworkMeetings,
  btsNetworks,
  contentRevisions,
  contentVersions,
  feedbackItems,
  milestones,
  trainingEvents,
  trainingRegistrations,
  unitStageChanges,
  units,
  userUnits,
  users,
} from "../../db/schema/index.ts";
import {
  feedbackKinds,
  feedbackStates,
  type FeedbackKind,
  type FeedbackState,
} from "../guide/kinds.ts";
import { milestoneStatus, type MilestoneStatus } from "../implementation/plan-rules.ts";
import { isStage, stages, type Stage } from "../implementation/units.ts";
import { addDays, osloDate } from "../platform/dates.ts";
import { osloLocalToUtc } from "../relay-log/meeting-time.ts";
import { asOfDay, type Period, type ReportKind } from "./report-rules.ts";
import {
  indicatorSection,
  invisibleChildrenSection,
  surveySections,
  type IndicatorSection,
  type InvisibleChildrenSection,
  type SurveySection,
} from "./report-sources.ts";

export type {
  IndicatorSection,
  InvisibleChildrenSection,
  SurveySection,
} from "./report-sources.ts";

/** Bumped when the shape changes, so a renderer can read older snapshots. */
export const REPORT_CONTENT_VERSION = 1;

export interface ImplementationSection {
  /** The day the statuses are read as of (the period's end, or today). */
  asOf: string;
  milestones: {
    counts: Record<MilestoneStatus, number>;
    /** Milestones that overlap the period, by end date. */
    items: { title: string; startsOn: string; endsOn: string; status: MilestoneStatus }[];
  };
  /** Active units by their stage at the period's end; `none` = no stage set yet. */
  stages: { stage: Stage | "none"; units: number }[];
  networks: {
    items: { name: string; planned: number; held: number; cancelled: number }[];
    planned: number;
    held: number;
    cancelled: number;
  };
  training: {
    /** Events held in the period (not cancelled). */
    events: number;
    /** Attendances recorded at those events. */
    attendances: number;
    /** Active staff, and how many of them had attended at least one event by the period's end. */
    staff: number;
    trained: number;
    coveragePercent: number | null;
  };
}

export interface FeedbackReportItem {
  id: string;
  receivedOn: string;
  kind: FeedbackKind;
  state: FeedbackState;
  actionNote: string;
  revisionYear: number | null;
  replied: boolean;
}

export interface FeedbackSection {
  total: number;
  byState: Record<FeedbackState, number>;
  byKind: Record<FeedbackKind, number>;
  /** Items per theme, most first; theme null = not given a theme yet. */
  byTheme: { theme: string | null; count: number }[];
  /** Items linked to a revision, and those with a reply sent. */
  linked: number;
  replied: number;
  /** Grouped by page, then by theme (pages by path, themes alphabetically, no theme last). */
  pages: {
    path: string;
    title: string;
    total: number;
    themes: { theme: string | null; items: FeedbackReportItem[] }[];
  }[];
  /** The guide's yearly revisions of the period's years. */
  revisions: {
    year: number;
    dueDate: string;
    status: string;
    completedOn: string | null;
    linkedItems: number;
  }[];
  /** Guide page versions published in the period. */
  versionsPublished: number;
}

export interface ReportContent {
  version: number;
  kind: ReportKind;
  period: Period;
  /** When the figures were read (ISO instant). */
  generatedAt: string;
  /** Leadership reports only (half_year, year); null in the revision report. */
  indicators: IndicatorSection | null;
  surveys: SurveySection[];
  implementation: ImplementationSection | null;
  invisibleChildren: InvisibleChildrenSection | null;
  feedback: FeedbackSection;
}

export interface ReportContentInput {
  kind: ReportKind;
  from: string;
  to: string;
  surveyIds: string[];
  /** The Oslo day the report is read on; defaults to today (tests pin it). */
  today?: string;
  /** The instant recorded as generatedAt; defaults to now. */
  now?: Date;
}

/** The period as instants: from 00:00 on `from` to 00:00 the day after `to`, Norwegian time. */
function instants(period: Period): { start: Date; end: Date } {
  return {
    start: osloLocalToUtc(period.from, "00:00"),
    end: osloLocalToUtc(addDays(period.to, 1), "00:00"),
  };
}

/**
 * The whole report for a period, as plain data. The leadership reports (half_year, year) hold
 * every section; the revision report holds the feedback and revisions only. Runs inside the
 * caller's tenant transaction (`database.tenant(tenantId, tx => …)`).
 */
export async function buildReportContent(
  tx: Tx,
  tenantId: string,
  input: ReportContentInput,
): Promise<ReportContent> {
  const period = { from: input.from, to: input.to };
  const today = input.today ?? osloDate();
  const leadership = input.kind !== "revision";
  return {
    version: REPORT_CONTENT_VERSION,
    kind: input.kind,
    period,
    generatedAt: (input.now ?? new Date()).toISOString(),
    indicators: leadership ? await indicatorSection(tx, tenantId, period, today) : null,
    surveys: leadership ? await surveySections(tx, tenantId, input.surveyIds) : [],
    implementation: leadership ? await implementationSection(tx, tenantId, period, today) : null,
    invisibleChildren: leadership
      ? await invisibleChildrenSection(tx, tenantId, Number(period.to.slice(0, 4)))
      : null,
    feedback: await feedbackSection(tx, tenantId, period),
  };
}

// ---------------------------------------------------------------------------------------------
// Implementation status.

export async function implementationSection(
  tx: Tx,
  tenantId: string,
  period: Period,
  today: string,
): Promise<ImplementationSection> {
  const asOf = asOfDay(period, today);
  const { start, end } = instants(period);

  const milestoneRows = await tx
    .select({
      title: milestones.title,
      startsOn: milestones.startsOn,
      endsOn: milestones.endsOn,
      continuous: milestones.continuous,
      doneOn: milestones.doneOn,
    })
    .from(milestones)
    .where(
      and(
        eq(milestones.tenantId, tenantId),
        sql`${milestones.startsOn} <= ${period.to}`,
        sql`(${milestones.continuous} or ${milestones.endsOn} >= ${period.from})`,
      ),
    )
    .orderBy(asc(milestones.endsOn), asc(milestones.title));
  const counts: Record<MilestoneStatus, number> = { done: 0, ongoing: 0, overdue: 0, planned: 0 };
  const items = milestoneRows.map((row) => {
    // Done after the period's end counts as not done yet in this period.
    const doneOn = row.doneOn && row.doneOn <= asOf ? row.doneOn : null;
    const status = milestoneStatus({ ...row, doneOn }, asOf);
    counts[status] += 1;
    return { title: row.title, startsOn: row.startsOn, endsOn: row.endsOn, status };
  });

  const activeUnits = await tx
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.tenantId, tenantId), eq(units.active, true)));
  const unitIds = activeUnits.map((unit) => unit.id);
  const stageCounts = new Map<Stage | "none", number>();
  if (unitIds.length > 0) {
    const stageRows = await tx
      .selectDistinctOn([unitStageChanges.unitId], {
        unitId: unitStageChanges.unitId,
        stage: unitStageChanges.stage,
      })
      .from(unitStageChanges)
      .where(
        and(
          eq(unitStageChanges.tenantId, tenantId),
          inArray(unitStageChanges.unitId, unitIds),
          sql`${unitStageChanges.changedOn} <= ${asOf}`,
        ),
      )
      .orderBy(
        unitStageChanges.unitId,
        sql`${unitStageChanges.changedOn} desc`,
        sql`${unitStageChanges.createdAt} desc`,
      );
    for (const row of stageRows) {
      const stage = isStage(row.stage) ? row.stage : "none";
      stageCounts.set(stage, (stageCounts.get(stage) ?? 0) + 1);
    }
    const withStage = [...stageCounts.values()].reduce((sum, value) => sum + value, 0);
    stageCounts.set("none", (stageCounts.get("none") ?? 0) + unitIds.length - withStage);
  }

  const meetingRows = await tx
    .select({
      name: btsNetworks.name,
      status: btsNetworkMeetings.status,
      total: sql<number>`count(*)::int`,
    })
    .from(btsNetworkMeetings)
    .innerJoin(btsNetworks, eq(btsNetworks.id, btsNetworkMeetings.networkId))
    .where(
      and(
        eq(btsNetworkMeetings.tenantId, tenantId),
        sql`${btsNetworkMeetings.meetsOn} between ${period.from} and ${period.to}`,
      ),
    )
    .groupBy(btsNetworks.name, btsNetworkMeetings.status);
  const byNetwork = new Map<string, { planned: number; held: number; cancelled: number }>();
  for (const row of meetingRows) {
    const entry = byNetwork.get(row.name) ?? { planned: 0, held: 0, cancelled: 0 };
    const total = Number(row.total);
    if (row.status === "cancelled") entry.cancelled += total;
    else {
      // The plan is every meeting not cancelled; those marked held were held.
      entry.planned += total;
      if (row.status === "held") entry.held += total;
    }
    byNetwork.set(row.name, entry);
  }
  const networkItems = [...byNetwork.entries()]
    .map(([name, entry]) => ({ name, ...entry }))
    .sort((a, b) => a.name.localeCompare(b.name, "nb"));

  const [eventRow] = await tx
    .select({
      events: sql<number>`count(distinct ${trainingEvents.id})::int`,
      attendances: sql<number>`count(${trainingRegistrations.id}) filter (where ${trainingRegistrations.attended})::int`,
    })
    .from(trainingEvents)
    .leftJoin(trainingRegistrations, eq(trainingRegistrations.eventId, trainingEvents.id))
    .where(
      and(
        eq(trainingEvents.tenantId, tenantId),
        sql`${trainingEvents.cancelledAt} is null`,
        gte(trainingEvents.startsAt, start),
        lt(trainingEvents.startsAt, end),
      ),
    );
  const staffRows = await tx
    .selectDistinct({ userId: users.id })
    .from(users)
    .innerJoin(userUnits, eq(userUnits.userId, users.id))
    .where(and(eq(users.tenantId, tenantId), eq(users.active, true)));
  const staffIds = staffRows.map((row) => row.userId);
  let trained = 0;
  if (staffIds.length > 0) {
    const [row] = await tx
      .select({ total: sql<number>`count(distinct ${trainingRegistrations.userId})::int` })
      .from(trainingRegistrations)
      .innerJoin(trainingEvents, eq(trainingEvents.id, trainingRegistrations.eventId))
      .where(
        and(
          eq(trainingRegistrations.tenantId, tenantId),
          eq(trainingRegistrations.attended, true),
          inArray(trainingRegistrations.userId, staffIds),
          lt(trainingEvents.startsAt, end),
        ),
      );
    trained = Number(row?.total ?? 0);
  }

  return {
    asOf,
    milestones: { counts, items },
    stages: [...stages, "none" as const].map((stage) => ({
      stage,
      units: stageCounts.get(stage) ?? 0,
    })),
    networks: {
      items: networkItems,
      planned: networkItems.reduce((sum, item) => sum + item.planned, 0),
      held: networkItems.reduce((sum, item) => sum + item.held, 0),
      cancelled: networkItems.reduce((sum, item) => sum + item.cancelled, 0),
    },
    training: {
      events: Number(eventRow?.events ?? 0),
      attendances: Number(eventRow?.attendances ?? 0),
      staff: staffIds.length,
      trained,
      coveragePercent: staffIds.length === 0 ? null : Math.round((trained / staffIds.length) * 100),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Feedback and revisions.

/** Themes alphabetically, the items without a theme last. */
function compareThemes(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a.localeCompare(b, "nb");
}

export async function feedbackSection(
  tx: Tx,
  tenantId: string,
  period: Period,
): Promise<FeedbackSection> {
  const { start, end } = instants(period);
  const rows = await tx
    .select({
      id: feedbackItems.id,
      createdAt: feedbackItems.createdAt,
      pagePath: feedbackItems.pagePath,
      pageTitle: feedbackItems.pageTitle,
      kind: feedbackItems.kind,
      state: feedbackItems.state,
      theme: feedbackItems.theme,
      actionNote: feedbackItems.actionNote,
      revisionYear: contentRevisions.year,
      repliedAt: feedbackItems.repliedAt,
    })
    .from(feedbackItems)
    .leftJoin(contentRevisions, eq(contentRevisions.id, feedbackItems.revisionId))
    .where(
      and(
        eq(feedbackItems.tenantId, tenantId),
        gte(feedbackItems.createdAt, start),
        lt(feedbackItems.createdAt, end),
      ),
    )
    .orderBy(asc(feedbackItems.pagePath), asc(feedbackItems.createdAt), asc(feedbackItems.id));

  const byState = Object.fromEntries(feedbackStates.map((state) => [state, 0])) as Record<
    FeedbackState,
    number
  >;
  const byKind = Object.fromEntries(feedbackKinds.map((kind) => [kind, 0])) as Record<
    FeedbackKind,
    number
  >;
  const themeCounts = new Map<string | null, number>();
  const pages = new Map<
    string,
    { path: string; title: string; total: number; themes: Map<string | null, FeedbackReportItem[]> }
  >();
  let linked = 0;
  let replied = 0;
  for (const row of rows) {
    const state = row.state as FeedbackState;
    const kind = row.kind as FeedbackKind;
    if (state in byState) byState[state] += 1;
    if (kind in byKind) byKind[kind] += 1;
    const theme = row.theme?.trim() ? row.theme.trim() : null;
    themeCounts.set(theme, (themeCounts.get(theme) ?? 0) + 1);
    if (row.revisionYear !== null) linked += 1;
    if (row.repliedAt) replied += 1;
    const page = pages.get(row.pagePath) ?? {
      path: row.pagePath,
      title: "",
      total: 0,
      themes: new Map<string | null, FeedbackReportItem[]>(),
    };
    if (!page.title && row.pageTitle) page.title = row.pageTitle;
    page.total += 1;
    const list = page.themes.get(theme) ?? [];
    list.push({
      id: row.id,
      receivedOn: osloDate(row.createdAt),
      kind,
      state,
      actionNote: row.actionNote,
      revisionYear: row.revisionYear,
      replied: row.repliedAt !== null,
    });
    page.themes.set(theme, list);
    pages.set(row.pagePath, page);
  }

  const fromYear = Number(period.from.slice(0, 4));
  const toYear = Number(period.to.slice(0, 4));
  const revisionRows = await tx
    .select({
      id: contentRevisions.id,
      year: contentRevisions.year,
      dueDate: contentRevisions.dueDate,
      status: contentRevisions.status,
      completedAt: contentRevisions.completedAt,
    })
    .from(contentRevisions)
    .where(
      and(
        eq(contentRevisions.tenantId, tenantId),
        sql`${contentRevisions.year} between ${fromYear} and ${toYear}`,
      ),
    )
    .orderBy(asc(contentRevisions.year));
  const linkedCounts = new Map<string, number>();
  if (revisionRows.length > 0) {
    const linkedRows = await tx
      .select({ revisionId: feedbackItems.revisionId, total: sql<number>`count(*)::int` })
      .from(feedbackItems)
      .where(
        and(
          eq(feedbackItems.tenantId, tenantId),
          inArray(
            feedbackItems.revisionId,
            revisionRows.map((row) => row.id),
          ),
        ),
      )
      .groupBy(feedbackItems.revisionId);
    for (const row of linkedRows) linkedCounts.set(row.revisionId!, Number(row.total));
  }

  const [versions] = await tx
    .select({ total: sql<number>`count(*)::int` })
    .from(contentVersions)
    .where(
      and(
        eq(contentVersions.tenantId, tenantId),
        gte(contentVersions.publishedAt, start),
        lt(contentVersions.publishedAt, end),
      ),
    );

  return {
    total: rows.length,
    byState,
    byKind,
    byTheme: [...themeCounts.entries()]
      .map(([theme, count]) => ({ theme, count }))
      .sort((a, b) => b.count - a.count || compareThemes(a.theme, b.theme)),
    linked,
    replied,
    pages: [...pages.values()].map((page) => ({
      path: page.path,
      title: page.title,
      total: page.total,
      themes: [...page.themes.entries()]
        .sort(([a], [b]) => compareThemes(a, b))
        .map(([theme, items]) => ({ theme, items })),
    })),
    revisions: revisionRows.map((row) => ({
      year: row.year,
      dueDate: row.dueDate,
      status: row.status,
      completedOn: row.completedAt ? osloDate(row.completedAt) : null,
      linkedItems: linkedCounts.get(row.id) ?? 0,
    })),
    versionsPublished: Number(versions?.total ?? 0),
  };
}
