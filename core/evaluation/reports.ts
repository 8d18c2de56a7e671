/**
 * The reports (issue 7): the half-yearly report to the leadership, the yearly report to the
 * municipal council and the guide's yearly revision report. The coordinator (evaluation.manage)
 * creates a draft for a period, writes a summary, picks surveys, and publishes; publishing
 * freezes the content (`buildReportContent`) in `snapshot`, so a published report never changes.
 * Readers with reports.view (unit leaders, the sector leader) see published reports only; a
 * draft is "not found" to them. Audit events name ids and fields, never the summary's words.
 */
import { and, count, desc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "../../db/client.ts";
import { evaluationReports, surveys } from "../../db/schema/index.ts";
import { translator } from "../../i18n/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import { can } from "../access/policy.ts";
import { recordAudit } from "../audit/audit.ts";
import { AppError } from "../errors.ts";
import { isIsoDate, osloDate } from "../platform/dates.ts";
import { fieldErrorsFrom } from "../platform/validation.ts";
import { buildReportContent, type ReportContent } from "./report-content.ts";
import {
  defaultTitle,
  periodErrors,
  REPORT_SUMMARY_MAX,
  REPORT_SURVEYS_MAX,
  REPORT_TITLE_MAX,
  REPORTS_PAGE_SIZE,
  reportKinds,
  type ReportKind,
  type ReportStatus,
} from "./report-rules.ts";

type Staff = Extract<Actor, { kind: "staff" }>;
type Row = typeof evaluationReports.$inferSelect;

export interface ReportSummaryRow {
  id: string;
  kind: ReportKind;
  title: string;
  periodFrom: string;
  periodTo: string;
  status: ReportStatus;
  publishedAt: Date | null;
  updatedAt: Date;
}

export interface ReportView extends ReportSummaryRow {
  summary: string;
  surveyIds: string[];
  lockVersion: number;
  /** The published snapshot, or the draft's content computed now. */
  content: ReportContent;
  canManage: boolean;
}

/** A survey the coordinator may pick: any survey that has been opened. */
export interface SurveyChoice {
  id: string;
  title: string;
  status: string;
}

const E = "evaluation.reports.errors";

function reader(actor: Actor): Staff {
  if (actor.kind !== "staff") throw new AppError("forbidden", "errors.forbidden");
  if (!can(actor, "reports.view") && !can(actor, "evaluation.manage"))
    throw new AppError("forbidden", "errors.forbidden");
  return actor;
}

function manager(actor: Actor): Staff {
  if (actor.kind !== "staff" || !can(actor, "evaluation.manage"))
    throw new AppError("forbidden", "errors.forbidden");
  return actor;
}

function assertId(id: string): void {
  if (!z.guid().safeParse(id).success) throw new AppError("not_found", "errors.notFound");
}

function summaryRow(row: Row): ReportSummaryRow {
  return {
    id: row.id,
    kind: row.kind as ReportKind,
    title: row.title,
    periodFrom: row.periodFrom,
    periodTo: row.periodTo,
    status: row.status as ReportStatus,
    publishedAt: row.publishedAt,
    updatedAt: row.updatedAt,
  };
}

// ---------------------------------------------------------------------------------------------
// Input.

const textField = (max: number, tooLong: string) =>
  z.string().trim().max(max, tooLong).optional().default("");

const reportSchema = z.object({
  kind: z.enum(reportKinds, { error: `${E}.kind` }),
  title: textField(REPORT_TITLE_MAX, `${E}.titleTooLong`),
  periodFrom: z.string().trim().optional().default(""),
  periodTo: z.string().trim().optional().default(""),
  summary: textField(REPORT_SUMMARY_MAX, `${E}.summaryTooLong`),
  surveyIds: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]))
    .transform((ids) => [...new Set(ids.map((id) => id.trim()).filter(Boolean))])
    .pipe(z.array(z.guid({ error: `${E}.survey` })).max(REPORT_SURVEYS_MAX, `${E}.tooManySurveys`)),
});

type ReportInput = {
  kind: ReportKind;
  title: string;
  periodFrom: string;
  periodTo: string;
  summary: string;
  surveyIds: string[];
};

/**
 * Parses the report form: kind, title (empty → the default title), period (both dates, to on
 * or after from, neither after today), summary and surveys (the municipality's own, opened ones).
 * All field errors come at once, so the form shows every one beside its field.
 */
async function parseReport(
  tx: Tx,
  tenantId: string,
  values: unknown,
  today: string,
  options: { kind?: ReportKind } = {},
): Promise<ReportInput> {
  const raw = { ...(values && typeof values === "object" ? values : {}) } as Record<
    string,
    unknown
  >;
  if (options.kind) raw.kind = options.kind;
  const result = reportSchema.safeParse(raw, { reportInput: true });
  const fieldErrors = result.success ? {} : fieldErrorsFrom(result.error);
  // Unknown fields (a stray form field) are ignored rather than refused.
  for (const [field, key] of Object.entries(fieldErrors)) {
    if (key === "errors.unknownField") delete fieldErrors[field];
  }
  const from = typeof raw.periodFrom === "string" ? raw.periodFrom.trim() : "";
  const to = typeof raw.periodTo === "string" ? raw.periodTo.trim() : "";
  const dates = periodErrors(
    { from: isIsoDate(from) ? from : null, to: isIsoDate(to) ? to : null },
    today,
  );
  if (from && !isIsoDate(from)) dates.periodFrom = `${E}.dateFormat`;
  if (to && !isIsoDate(to)) dates.periodTo = `${E}.dateFormat`;
  Object.assign(fieldErrors, dates);
  if (result.success && result.data.surveyIds.length > 0 && !fieldErrors.surveyIds) {
    const found = await tx
      .select({ id: surveys.id })
      .from(surveys)
      .where(
        and(
          eq(surveys.tenantId, tenantId),
          inArray(surveys.id, result.data.surveyIds),
          sql`${surveys.status} <> 'draft'`,
        ),
      );
    if (found.length !== result.data.surveyIds.length) fieldErrors.surveyIds = `${E}.survey`;
  }
  if (!result.success || Object.keys(fieldErrors).length > 0) {
    throw new AppError("validation", "errors.validation", { fieldErrors });
  }
  const data = result.data;
  const t = translator("nb");
  const title =
    data.title ||
    defaultTitle(data.kind, { from, to }, (key, params) =>
      t(`evaluation.reports.defaultTitle.${key}`, params),
    );
  return { ...data, title, periodFrom: from, periodTo: to };
}

// ---------------------------------------------------------------------------------------------
// Reading.

/**
 * The reports a page at a time, newest period first. The coordinator sees drafts and published
 * reports; other readers the published ones only.
 */
export async function listReports(input: {
  database: Database;
  actor: Actor;
  page?: number;
  /** Only reports of this kind (the revision reports, reached from the guide's editor). */
  kind?: ReportKind | undefined;
}): Promise<{
  reports: ReportSummaryRow[];
  page: number;
  pages: number;
  total: number;
  canManage: boolean;
}> {
  const actor = reader(input.actor);
  const canManage = can(actor, "evaluation.manage");
  const requested = Number.isInteger(input.page) && input.page! > 0 ? input.page! : 1;
  return input.database.tenant(actor.tenantId, async (tx) => {
    const where = and(
      eq(evaluationReports.tenantId, actor.tenantId),
      canManage ? undefined : eq(evaluationReports.status, "published"),
      input.kind ? eq(evaluationReports.kind, input.kind) : undefined,
    );
    const [{ total } = { total: 0 }] = await tx
      .select({ total: count() })
      .from(evaluationReports)
      .where(where);
    const pages = Math.max(1, Math.ceil(Number(total) / REPORTS_PAGE_SIZE));
    const page = Math.min(requested, pages);
    const rows = await tx
      .select()
      .from(evaluationReports)
      .where(where)
      .orderBy(
        desc(evaluationReports.periodTo),
        desc(evaluationReports.createdAt),
        desc(evaluationReports.id),
      )
      .limit(REPORTS_PAGE_SIZE)
      .offset((page - 1) * REPORTS_PAGE_SIZE);
    return { reports: rows.map(summaryRow), page, pages, total: Number(total), canManage };
  });
}

async function loadRow(tx: Tx, actor: Staff, reportId: string): Promise<Row> {
  assertId(reportId);
  const [row] = await tx
    .select()
    .from(evaluationReports)
    .where(and(eq(evaluationReports.tenantId, actor.tenantId), eq(evaluationReports.id, reportId)));
  // A draft is the coordinator's work in progress: to other readers it does not exist.
  if (!row || (row.status !== "published" && !can(actor, "evaluation.manage"))) {
    throw new AppError("not_found", "errors.notFound");
  }
  return row;
}

/** One report with its content: the frozen snapshot when published, computed now when a draft. */
export async function getReport(input: {
  database: Database;
  actor: Actor;
  reportId: string;
  today?: string;
}): Promise<ReportView> {
  const actor = reader(input.actor);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const row = await loadRow(tx, actor, input.reportId);
    const content =
      row.status === "published" && row.snapshot
        ? (row.snapshot as ReportContent)
        : await buildReportContent(tx, actor.tenantId, {
            kind: row.kind as ReportKind,
            from: row.periodFrom,
            to: row.periodTo,
            surveyIds: row.surveyIds,
            today: input.today,
          });
    return {
      ...summaryRow(row),
      summary: row.summary,
      surveyIds: row.surveyIds,
      lockVersion: row.lockVersion,
      content,
      canManage: can(actor, "evaluation.manage"),
    };
  });
}

/** Surveys the coordinator may pick for a report: opened or closed ones, newest first. */
export async function reportSurveyChoices(input: {
  database: Database;
  actor: Actor;
}): Promise<SurveyChoice[]> {
  const actor = manager(input.actor);
  return input.database.tenant(actor.tenantId, (tx) =>
    tx
      .select({ id: surveys.id, title: surveys.title, status: surveys.status })
      .from(surveys)
      .where(and(eq(surveys.tenantId, actor.tenantId), sql`${surveys.status} <> 'draft'`))
      .orderBy(desc(surveys.createdAt))
      .limit(100),
  );
}

// ---------------------------------------------------------------------------------------------
// Writing.

/** Creates a draft report (evaluation.manage). */
export async function createReport(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  values: unknown;
  today?: string;
}): Promise<{ id: string }> {
  const actor = manager(input.actor);
  const today = input.today ?? osloDate();
  return input.database.tenant(actor.tenantId, async (tx) => {
    const values = await parseReport(tx, actor.tenantId, input.values, today);
    const [row] = await tx
      .insert(evaluationReports)
      .values({
        tenantId: actor.tenantId,
        kind: values.kind,
        title: values.title,
        periodFrom: values.periodFrom,
        periodTo: values.periodTo,
        summary: values.summary,
        surveyIds: values.surveyIds,
        createdBy: actor.userId,
      })
      .returning({ id: evaluationReports.id });
    await recordAudit(tx, {
      type: "evaluation.report_created",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "evaluation_report", id: row!.id },
      details: { kind: values.kind, surveyIds: values.surveyIds },
    });
    return { id: row!.id };
  });
}

function assertDraft(row: Row): void {
  if (row.status === "published") throw new AppError("conflict", `${E}.published`);
}

function assertLock(row: Row, submitted: unknown): void {
  const seen = Number(submitted);
  if (
    submitted === undefined ||
    submitted === "" ||
    !Number.isInteger(seen) ||
    seen !== row.lockVersion
  ) {
    throw new AppError("conflict", `${E}.conflict`);
  }
}

/**
 * Saves a draft's title, period, summary and surveys (the kind stays). `lockVersion` must be the
 * one the form was read with: a save on top of someone else's is a conflict, nothing is lost.
 */
export async function updateReport(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  reportId: string;
  values: unknown;
  today?: string;
}): Promise<{ id: string; lockVersion: number }> {
  const actor = manager(input.actor);
  const today = input.today ?? osloDate();
  return input.database.tenant(actor.tenantId, async (tx) => {
    const row = await loadRow(tx, actor, input.reportId);
    assertDraft(row);
    const raw = (input.values ?? {}) as Record<string, unknown>;
    assertLock(row, raw.lockVersion);
    const { lockVersion: _lock, ...rest } = raw;
    const values = await parseReport(tx, actor.tenantId, rest, today, {
      kind: row.kind as ReportKind,
    });
    const changed = (
      [
        ["title", values.title !== row.title],
        ["period", values.periodFrom !== row.periodFrom || values.periodTo !== row.periodTo],
        ["summary", values.summary !== row.summary],
        ["surveyIds", values.surveyIds.join(",") !== row.surveyIds.join(",")],
      ] as const
    )
      .filter(([, differs]) => differs)
      .map(([field]) => field);
    const updated = await tx
      .update(evaluationReports)
      .set({
        title: values.title,
        periodFrom: values.periodFrom,
        periodTo: values.periodTo,
        summary: values.summary,
        surveyIds: values.surveyIds,
        lockVersion: sql`${evaluationReports.lockVersion} + 1`,
        updatedAt: new Date(),
      })
      .where(
        and(
          eq(evaluationReports.id, row.id),
          eq(evaluationReports.lockVersion, row.lockVersion),
          eq(evaluationReports.status, "draft"),
        ),
      )
      .returning({ lockVersion: evaluationReports.lockVersion });
    if (updated.length === 0) throw new AppError("conflict", `${E}.conflict`);
    await recordAudit(tx, {
      type: "evaluation.report_updated",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "evaluation_report", id: row.id },
      details: { fields: changed },
    });
    return { id: row.id, lockVersion: updated[0]!.lockVersion };
  });
}

/**
 * Publishes a draft: computes its content once more and freezes it in `snapshot`. After this the
 * report never changes; it cannot be edited or deleted. Asks for the lockVersion the coordinator
 * confirmed on, so a report changed meanwhile is not published unseen.
 */
export async function publishReport(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  reportId: string;
  values: unknown;
  today?: string;
  now?: Date;
}): Promise<{ id: string }> {
  const actor = manager(input.actor);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const row = await loadRow(tx, actor, input.reportId);
    assertDraft(row);
    assertLock(row, (input.values as Record<string, unknown> | null)?.lockVersion);
    const now = input.now ?? new Date();
    const content = await buildReportContent(tx, actor.tenantId, {
      kind: row.kind as ReportKind,
      from: row.periodFrom,
      to: row.periodTo,
      surveyIds: row.surveyIds,
      today: input.today,
      now,
    });
    const updated = await tx
      .update(evaluationReports)
      .set({
        status: "published",
        snapshot: content,
        publishedAt: now,
        publishedBy: actor.userId,
        lockVersion: sql`${evaluationReports.lockVersion} + 1`,
        updatedAt: now,
      })
      .where(
        and(
          eq(evaluationReports.id, row.id),
          eq(evaluationReports.lockVersion, row.lockVersion),
          eq(evaluationReports.status, "draft"),
        ),
      )
      .returning({ id: evaluationReports.id });
    if (updated.length === 0) throw new AppError("conflict", `${E}.conflict`);
    await recordAudit(tx, {
      type: "evaluation.report_published",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "evaluation_report", id: row.id },
      details: { kind: row.kind, surveyIds: row.surveyIds },
    });
    return { id: row.id };
  });
}

/** Deletes a draft (published reports stay: they were sent to their readers). */
export async function deleteReport(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  reportId: string;
}): Promise<{ title: string }> {
  const actor = manager(input.actor);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const row = await loadRow(tx, actor, input.reportId);
    assertDraft(row);
    await tx
      .delete(evaluationReports)
      .where(and(eq(evaluationReports.id, row.id), eq(evaluationReports.status, "draft")));
    await recordAudit(tx, {
      type: "evaluation.report_deleted",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "evaluation_report", id: row.id },
      details: { kind: row.kind },
    });
    return { title: row.title };
  });
}
