import { and, asc, count, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "../../db/client.ts";
import {
  notifications,
  surveyAnswers,
  surveyDrafts,
  surveyInvitations,
  surveyQuestions,
  surveyResponses,
  surveys,
  surveyTargets,
  trainingEvents,
  trainingRegistrations,
  units,
  users,
  userUnits,
} from "../../db/schema/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import { assertCan } from "../access/policy.ts";
import { isStaffRole, rolePermissions, staffRoles, type StaffRole } from "../access/roles.ts";
import { recordAudit } from "../audit/audit.ts";
import { AppError, type FieldErrors } from "../errors.ts";
import { asStaff, type StaffActor } from "../implementation/scope.ts";
import { randomToken } from "../platform/crypto.ts";
import { osloDate } from "../platform/dates.ts";
import { reminderKey } from "../relay-log/reminders.ts";
import {
  isSurveyTemplateKey,
  surveyTemplates,
  type SurveyTemplateKey,
} from "./survey-templates.ts";
import {
  checkQuestion,
  checkSurveySettings,
  editDecision,
  openingProblems,
  questionChanged,
  removalDecision,
  SURVEYS_PAGE_SIZE,
  surveyStatuses,
  type QuestionType,
  type SurveyAudience,
  type SurveyStatus,
} from "./surveys-rules.ts";

export * from "./surveys-rules.ts";

/**
 * Surveys: the coordinator (evaluation.manage) builds, opens, closes and repeats them.
 *
 * - A survey starts blank or from a shipped template (survey-templates.ts), is built while a
 *   draft, and is opened: a staff survey then invites every active staff member the targets
 *   match (unit and role), or the attendees of its training event; a link survey gets its
 *   random public address. Each invited person gets one `survey_invitation` notice.
 * - Questions are versioned (db/schema/evaluation.ts): an edit or removal of a question with
 *   answers retires the answered row and, for an edit, adds the next version of its lineage.
 * - A new round copies the survey (same lineages) as a draft that names the round before it.
 * - Audit details hold ids, field names and counts, never typed text or answers.
 *
 * Answering is in surveys-answer.ts, reminders and closing on the due date in surveys-reminders.ts.
 */

type SurveyRow = typeof surveys.$inferSelect;
type QuestionRow = typeof surveyQuestions.$inferSelect;

interface Base {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  /** The clock, for tests. */
  now?: Date;
}

const E = "evaluation.surveys.errors";

function manager(actor: Actor): StaffActor {
  const staff = asStaff(actor);
  assertCan(staff, "evaluation.manage");
  return staff;
}

function assertId(id: string): void {
  if (!z.guid().safeParse(id).success) throw new AppError("not_found", "errors.notFound");
}

function invalid(fieldErrors: FieldErrors): AppError {
  return new AppError("validation", "errors.validation", { fieldErrors });
}

export async function loadSurvey(
  tx: Tx,
  tenantId: string,
  surveyId: string,
  options: { lock?: boolean } = {},
): Promise<SurveyRow> {
  assertId(surveyId);
  const query = tx
    .select()
    .from(surveys)
    .where(and(eq(surveys.tenantId, tenantId), eq(surveys.id, surveyId)));
  const [row] = options.lock ? await query.for("update") : await query;
  if (!row) throw new AppError("not_found", "errors.notFound");
  return row;
}

/** The survey's questions in use (not retired), in their order. */
export async function currentQuestions(tx: Tx, surveyId: string): Promise<QuestionRow[]> {
  return tx
    .select()
    .from(surveyQuestions)
    .where(and(eq(surveyQuestions.surveyId, surveyId), isNull(surveyQuestions.retiredAt)))
    .orderBy(asc(surveyQuestions.position), asc(surveyQuestions.createdAt));
}

async function responseCounts(tx: Tx, surveyIds: string[]): Promise<Map<string, number>> {
  if (surveyIds.length === 0) return new Map();
  const rows = await tx
    .select({ surveyId: surveyResponses.surveyId, total: count() })
    .from(surveyResponses)
    .where(inArray(surveyResponses.surveyId, surveyIds))
    .groupBy(surveyResponses.surveyId);
  return new Map(rows.map((row) => [row.surveyId, row.total]));
}

async function answeredQuestionIds(tx: Tx, questionIds: string[]): Promise<Set<string>> {
  if (questionIds.length === 0) return new Set();
  const rows = await tx
    .selectDistinct({ questionId: surveyAnswers.questionId })
    .from(surveyAnswers)
    .where(inArray(surveyAnswers.questionId, questionIds));
  return new Set(rows.map((row) => row.questionId));
}

/** Staff roles that answer surveys (every staff role but the administrator). */
export const answeringRoles: StaffRole[] = staffRoles.filter(
  (role) => rolePermissions[role]["survey.answer"],
);

function answersSurveys(roles: readonly string[]): boolean {
  return roles.some((role) => isStaffRole(role) && rolePermissions[role]["survey.answer"]);
}

export const surveyAdminPath = (surveyId: string) => `/evaluering/undersokelser/${surveyId}`;
export const surveyAnswerPath = (surveyId: string) => `/undersokelser/${surveyId}`;
export const surveyLinkPath = (token: string) => `/undersokelse/${token}`;

// ---------------------------------------------------------------- the list

export interface SurveySummary {
  id: string;
  title: string;
  status: SurveyStatus;
  audience: SurveyAudience;
  template: string | null;
  opensOn: string | null;
  closesOn: string | null;
  responses: number;
  createdAt: string;
}

function summaryOf(row: SurveyRow, responses: number): SurveySummary {
  return {
    id: row.id,
    title: row.title,
    status: row.status as SurveyStatus,
    audience: row.audience as SurveyAudience,
    template: row.template,
    opensOn: row.opensOn,
    closesOn: row.closesOn,
    responses,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The coordinator's list, newest first, 25 a page, optionally one status only. */
export async function listSurveys(input: {
  database: Database;
  actor: Actor;
  page?: number;
  status?: string | null;
}): Promise<{
  items: SurveySummary[];
  page: number;
  pages: number;
  total: number;
  status: SurveyStatus | null;
}> {
  const actor = manager(input.actor);
  const status = (surveyStatuses as readonly string[]).includes(input.status ?? "")
    ? (input.status as SurveyStatus)
    : null;
  return input.database.tenant(actor.tenantId, async (tx) => {
    const where = and(
      eq(surveys.tenantId, actor.tenantId),
      status ? eq(surveys.status, status) : undefined,
    );
    const [totals] = await tx.select({ total: count() }).from(surveys).where(where);
    const total = totals?.total ?? 0;
    const pages = Math.max(Math.ceil(total / SURVEYS_PAGE_SIZE), 1);
    const requested = Number.isInteger(input.page) ? input.page! : 1;
    const page = Math.min(Math.max(requested, 1), pages);
    const rows = await tx
      .select()
      .from(surveys)
      .where(where)
      .orderBy(desc(surveys.createdAt), desc(surveys.id))
      .limit(SURVEYS_PAGE_SIZE)
      .offset((page - 1) * SURVEYS_PAGE_SIZE);
    const counts = await responseCounts(
      tx,
      rows.map((row) => row.id),
    );
    return {
      items: rows.map((row) => summaryOf(row, counts.get(row.id) ?? 0)),
      page,
      pages,
      total,
      status,
    };
  });
}

// ---------------------------------------------------------------- creating

async function trainingEventOptions(
  tx: Tx,
  tenantId: string,
): Promise<{ id: string; title: string; startsAt: string }[]> {
  const rows = await tx
    .select({
      id: trainingEvents.id,
      title: trainingEvents.title,
      startsAt: trainingEvents.startsAt,
    })
    .from(trainingEvents)
    .where(and(eq(trainingEvents.tenantId, tenantId), isNull(trainingEvents.cancelledAt)))
    .orderBy(desc(trainingEvents.startsAt))
    .limit(100);
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    startsAt: row.startsAt.toISOString(),
  }));
}

/** What the new-survey form offers: the templates and the training events to tie one to. */
export async function newSurveyOptions(input: { database: Database; actor: Actor }): Promise<{
  trainingEvents: { id: string; title: string; startsAt: string }[];
}> {
  const actor = manager(input.actor);
  return input.database.tenant(actor.tenantId, async (tx) => ({
    trainingEvents: await trainingEventOptions(tx, actor.tenantId),
  }));
}

async function assertTrainingEvent(tx: Tx, tenantId: string, eventId: string | null) {
  if (!eventId) return;
  const [row] = await tx
    .select({ id: trainingEvents.id })
    .from(trainingEvents)
    .where(and(eq(trainingEvents.tenantId, tenantId), eq(trainingEvents.id, eventId)));
  if (!row) throw invalid({ trainingEventId: `${E}.trainingEvent` });
}

/**
 * Starts a survey as a draft: blank (a title is needed) or from a template (its title unless
 * another is typed, its introduction, audience and questions). The event template may be tied
 * to a training event, whose attendees are then the ones asked.
 */
export async function createSurvey(
  input: Base & { values: Record<string, unknown> },
): Promise<{ id: string }> {
  const actor = manager(input.actor);
  const start = typeof input.values.start === "string" ? input.values.start : "";
  const template = isSurveyTemplateKey(start) ? surveyTemplates[start] : null;
  if (!template && start !== "blank") throw invalid({ start: `${E}.start` });
  const typedTitle = typeof input.values.title === "string" ? input.values.title.trim() : "";
  const eventText =
    typeof input.values.trainingEventId === "string" ? input.values.trainingEventId.trim() : "";
  const fieldErrors: FieldErrors = {};
  if (!template && !typedTitle) fieldErrors.title = `${E}.title`;
  if (typedTitle.length > 200) fieldErrors.title = "errors.tooLong";
  if (eventText && !z.guid().safeParse(eventText).success) {
    fieldErrors.trainingEventId = `${E}.trainingEvent`;
  }
  if (Object.keys(fieldErrors).length > 0) throw invalid(fieldErrors);
  const trainingEventId = eventText || null;
  return input.database.tenant(actor.tenantId, async (tx) => {
    await assertTrainingEvent(tx, actor.tenantId, trainingEventId);
    const [row] = await tx
      .insert(surveys)
      .values({
        tenantId: actor.tenantId,
        title: typedTitle || template!.title,
        introduction: template?.introduction ?? "",
        template: template?.key ?? null,
        audience: template?.audience ?? "staff",
        plainLanguage: template?.plainLanguage ?? false,
        trainingEventId,
        createdBy: actor.userId,
      })
      .returning();
    if (template) {
      await tx.insert(surveyQuestions).values(
        template.questions.map((question, index) => ({
          tenantId: actor.tenantId,
          surveyId: row!.id,
          lineageId: crypto.randomUUID(),
          version: 1,
          position: index + 1,
          theme: question.theme,
          type: question.type,
          prompt: question.prompt,
          help: question.help ?? "",
          options: question.options ?? [],
          required: question.required ?? false,
          minValue: question.minValue ?? null,
          maxValue: question.maxValue ?? null,
        })),
      );
    }
    await recordAudit(tx, {
      type: "survey.created",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "survey", id: row!.id },
      details: {
        template: template?.key ?? null,
        questions: template?.questions.length ?? 0,
        trainingEventId,
      },
    });
    return { id: row!.id };
  });
}

// ---------------------------------------------------------------- the builder

export interface BuilderQuestion {
  id: string;
  lineageId: string;
  version: number;
  position: number;
  theme: string;
  type: QuestionType;
  prompt: string;
  help: string;
  options: { key: string; label: string }[];
  required: boolean;
  minValue: number | null;
  maxValue: number | null;
  /** Answers were given to this version: an edit makes a new version. */
  answered: boolean;
}

export interface SurveyDetails {
  id: string;
  title: string;
  introduction: string;
  template: SurveyTemplateKey | null;
  audience: SurveyAudience;
  plainLanguage: boolean;
  status: SurveyStatus;
  opensOn: string | null;
  closesOn: string | null;
  reminderIntervalDays: number | null;
  trainingEventId: string | null;
  linkToken: string | null;
  previousRoundId: string | null;
  previousRoundTitle: string | null;
  openedAt: string | null;
  closedAt: string | null;
}

function detailsOf(row: SurveyRow, previousRoundTitle: string | null): SurveyDetails {
  return {
    id: row.id,
    title: row.title,
    introduction: row.introduction,
    template: isSurveyTemplateKey(row.template) ? row.template : null,
    audience: row.audience as SurveyAudience,
    plainLanguage: row.plainLanguage,
    status: row.status as SurveyStatus,
    opensOn: row.opensOn,
    closesOn: row.closesOn,
    reminderIntervalDays: row.reminderIntervalDays,
    trainingEventId: row.trainingEventId,
    linkToken: row.status === "draft" ? null : row.linkToken,
    previousRoundId: row.previousRoundId,
    previousRoundTitle,
    openedAt: row.openedAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
  };
}

async function targetsOf(
  tx: Tx,
  surveyId: string,
): Promise<{ unitIds: string[]; roles: string[] }> {
  const rows = await tx
    .select({ unitId: surveyTargets.unitId, role: surveyTargets.role })
    .from(surveyTargets)
    .where(eq(surveyTargets.surveyId, surveyId));
  return {
    unitIds: [...new Set(rows.flatMap((row) => (row.unitId ? [row.unitId] : [])))],
    roles: [...new Set(rows.flatMap((row) => (row.role ? [row.role] : [])))],
  };
}

/** The builder page: the survey, its current questions, targets and what to choose from. */
export async function getSurveyBuilder(input: {
  database: Database;
  actor: Actor;
  surveyId: string;
}): Promise<{
  survey: SurveyDetails;
  questions: BuilderQuestion[];
  targets: { unitIds: string[]; roles: string[] };
  units: { id: string; name: string }[];
  roles: StaffRole[];
  trainingEvents: { id: string; title: string; startsAt: string }[];
  counts: { responses: number; invited: number; answered: number };
}> {
  const actor = manager(input.actor);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const row = await loadSurvey(tx, actor.tenantId, input.surveyId);
    const questions = await currentQuestions(tx, row.id);
    const answered = await answeredQuestionIds(
      tx,
      questions.map((question) => question.id),
    );
    const previous = row.previousRoundId
      ? (
          await tx
            .select({ title: surveys.title })
            .from(surveys)
            .where(eq(surveys.id, row.previousRoundId))
        )[0]
      : undefined;
    const [invitationTotals] = await tx
      .select({
        invited: count(),
        answered: sql<number>`count(*) filter (where ${surveyInvitations.answered})`.mapWith(
          Number,
        ),
      })
      .from(surveyInvitations)
      .where(eq(surveyInvitations.surveyId, row.id));
    const activeUnits = await tx
      .select({ id: units.id, name: units.name })
      .from(units)
      .where(and(eq(units.tenantId, actor.tenantId), eq(units.active, true)))
      .orderBy(asc(units.name));
    return {
      survey: detailsOf(row, previous?.title ?? null),
      questions: questions.map((question) => ({
        id: question.id,
        lineageId: question.lineageId,
        version: question.version,
        position: question.position,
        theme: question.theme,
        type: question.type as QuestionType,
        prompt: question.prompt,
        help: question.help,
        options: question.options,
        required: question.required,
        minValue: question.minValue,
        maxValue: question.maxValue,
        answered: answered.has(question.id),
      })),
      targets: await targetsOf(tx, row.id),
      units: activeUnits,
      roles: answeringRoles,
      trainingEvents: await trainingEventOptions(tx, actor.tenantId),
      counts: {
        responses: (await responseCounts(tx, [row.id])).get(row.id) ?? 0,
        invited: invitationTotals?.invited ?? 0,
        answered: invitationTotals?.answered ?? 0,
      },
    };
  });
}

function assertEditable(row: SurveyRow): void {
  if (row.status === "closed") throw new AppError("conflict", `${E}.closed`);
}

const auditedSettings = [
  "title",
  "introduction",
  "audience",
  "plainLanguage",
  "opensOn",
  "closesOn",
  "reminderIntervalDays",
  "trainingEventId",
] as const;

/**
 * Saves the settings. The audience cannot change once the survey is open (invitations or a
 * public address are already out).
 */
export async function updateSurveySettings(
  input: Base & { surveyId: string; values: Record<string, unknown> },
): Promise<void> {
  const actor = manager(input.actor);
  assertId(input.surveyId);
  const { values, fieldErrors } = checkSurveySettings(input.values);
  if (Object.keys(fieldErrors).length > 0) throw invalid(fieldErrors);
  await input.database.tenant(actor.tenantId, async (tx) => {
    const before = await loadSurvey(tx, actor.tenantId, input.surveyId, { lock: true });
    assertEditable(before);
    if (before.status !== "draft" && values.audience !== before.audience) {
      throw invalid({ audience: `${E}.audienceLocked` });
    }
    if (before.status !== "draft" && values.trainingEventId !== before.trainingEventId) {
      throw invalid({ trainingEventId: `${E}.trainingEventLocked` });
    }
    await assertTrainingEvent(tx, actor.tenantId, values.trainingEventId);
    const [row] = await tx
      .update(surveys)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(surveys.id, before.id))
      .returning();
    const fields = auditedSettings.filter(
      (field) => JSON.stringify(before[field]) !== JSON.stringify(row![field]),
    );
    if (fields.length > 0) {
      await recordAudit(tx, {
        type: "survey.updated",
        tenantId: actor.tenantId,
        actor,
        meta: input.meta,
        subject: { type: "survey", id: before.id },
        details: { fields },
      });
    }
  });
}

async function loadQuestion(tx: Tx, survey: SurveyRow, questionId: string): Promise<QuestionRow> {
  assertId(questionId);
  const [row] = await tx
    .select()
    .from(surveyQuestions)
    .where(
      and(
        eq(surveyQuestions.surveyId, survey.id),
        eq(surveyQuestions.id, questionId),
        isNull(surveyQuestions.retiredAt),
      ),
    );
  if (!row) throw new AppError("not_found", `${E}.questionGone`);
  return row;
}

export async function addQuestion(
  input: Base & { surveyId: string; values: Record<string, unknown> },
): Promise<{ questionId: string }> {
  const actor = manager(input.actor);
  assertId(input.surveyId);
  const { values, fieldErrors } = checkQuestion(input.values);
  if (Object.keys(fieldErrors).length > 0) throw invalid(fieldErrors);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const survey = await loadSurvey(tx, actor.tenantId, input.surveyId, { lock: true });
    assertEditable(survey);
    const [last] = await tx
      .select({
        position: sql<number>`coalesce(max(${surveyQuestions.position}), 0)`.mapWith(Number),
      })
      .from(surveyQuestions)
      .where(eq(surveyQuestions.surveyId, survey.id));
    const [row] = await tx
      .insert(surveyQuestions)
      .values({
        tenantId: actor.tenantId,
        surveyId: survey.id,
        lineageId: crypto.randomUUID(),
        version: 1,
        position: (last?.position ?? 0) + 1,
        ...values,
      })
      .returning({ id: surveyQuestions.id });
    await recordAudit(tx, {
      type: "survey.question_saved",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "survey", id: survey.id },
      details: { questionId: row!.id, added: true, type: values.type },
    });
    return { questionId: row!.id };
  });
}

/**
 * Saves an edited question. Without answers the row is edited; with answers the answered row is
 * retired untouched and the next version of the lineage is added in its place (editDecision).
 */
export async function updateQuestion(
  input: Base & { surveyId: string; questionId: string; values: Record<string, unknown> },
): Promise<{ questionId: string; decision: "unchanged" | "in_place" | "new_version" }> {
  const actor = manager(input.actor);
  assertId(input.surveyId);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const survey = await loadSurvey(tx, actor.tenantId, input.surveyId, { lock: true });
    assertEditable(survey);
    const before = await loadQuestion(tx, survey, input.questionId);
    const { values, fieldErrors } = checkQuestion(input.values, before.options);
    if (Object.keys(fieldErrors).length > 0) throw invalid(fieldErrors);
    const hasAnswers = (await answeredQuestionIds(tx, [before.id])).has(before.id);
    const decision = editDecision({
      hasAnswers,
      changed: questionChanged({ ...before, type: before.type as QuestionType }, values),
    });
    let questionId = before.id;
    if (decision === "in_place") {
      await tx.update(surveyQuestions).set(values).where(eq(surveyQuestions.id, before.id));
    } else if (decision === "new_version") {
      const now = input.now ?? new Date();
      await tx
        .update(surveyQuestions)
        .set({ retiredAt: now })
        .where(eq(surveyQuestions.id, before.id));
      const [latest] = await tx
        .select({ version: sql<number>`max(${surveyQuestions.version})`.mapWith(Number) })
        .from(surveyQuestions)
        .where(
          and(
            eq(surveyQuestions.surveyId, survey.id),
            eq(surveyQuestions.lineageId, before.lineageId),
          ),
        );
      const [row] = await tx
        .insert(surveyQuestions)
        .values({
          tenantId: actor.tenantId,
          surveyId: survey.id,
          lineageId: before.lineageId,
          version: (latest?.version ?? before.version) + 1,
          position: before.position,
          ...values,
        })
        .returning({ id: surveyQuestions.id });
      questionId = row!.id;
    }
    if (decision !== "unchanged") {
      await recordAudit(tx, {
        type: "survey.question_saved",
        tenantId: actor.tenantId,
        actor,
        meta: input.meta,
        subject: { type: "survey", id: survey.id },
        details: { questionId, previousVersionId: before.id, decision },
      });
    }
    return { questionId, decision };
  });
}

/** Removes a question: deleted without answers, retired (answers kept) with them. */
export async function removeQuestion(
  input: Base & { surveyId: string; questionId: string },
): Promise<{ decision: "delete" | "retire" }> {
  const actor = manager(input.actor);
  assertId(input.surveyId);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const survey = await loadSurvey(tx, actor.tenantId, input.surveyId, { lock: true });
    assertEditable(survey);
    const question = await loadQuestion(tx, survey, input.questionId);
    const decision = removalDecision(
      (await answeredQuestionIds(tx, [question.id])).has(question.id),
    );
    if (decision === "delete") {
      await tx.delete(surveyQuestions).where(eq(surveyQuestions.id, question.id));
    } else {
      await tx
        .update(surveyQuestions)
        .set({ retiredAt: input.now ?? new Date() })
        .where(eq(surveyQuestions.id, question.id));
    }
    await recordAudit(tx, {
      type: "survey.question_removed",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "survey", id: survey.id },
      details: { questionId: question.id, decision },
    });
    return { decision };
  });
}

/**
 * Moves a question one place up or down among the questions in use. Only the order changes: the
 * wording an answer was given to is untouched, so this is never a new version.
 */
export async function moveQuestion(
  input: Base & { surveyId: string; questionId: string; direction: "up" | "down" },
): Promise<void> {
  const actor = manager(input.actor);
  assertId(input.surveyId);
  await input.database.tenant(actor.tenantId, async (tx) => {
    const survey = await loadSurvey(tx, actor.tenantId, input.surveyId, { lock: true });
    assertEditable(survey);
    await loadQuestion(tx, survey, input.questionId);
    const list = await currentQuestions(tx, survey.id);
    const index = list.findIndex((question) => question.id === input.questionId);
    const other = input.direction === "up" ? index - 1 : index + 1;
    if (other < 0 || other >= list.length) return;
    [list[index], list[other]] = [list[other]!, list[index]!];
    for (const [position, question] of list.entries()) {
      if (question.position === position + 1) continue;
      await tx
        .update(surveyQuestions)
        .set({ position: position + 1 })
        .where(eq(surveyQuestions.id, question.id));
    }
  });
}

// ---------------------------------------------------------------- targets and invitations

/**
 * Sets who a staff survey goes to: the checked units and roles. Rows are unit × role (null =
 * any), so "these units, these roles" matches staff in one of the units with one of the roles.
 * While the survey is open, people newly matched are invited at once; nobody is un-invited.
 */
export async function setSurveyTargets(
  input: Base & { surveyId: string; unitIds: unknown; roles: unknown },
): Promise<{ invited: number }> {
  const actor = manager(input.actor);
  assertId(input.surveyId);
  const list = (value: unknown) =>
    (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]).filter(
      (item): item is string => typeof item === "string" && item !== "",
    );
  const unitIds = [...new Set(list(input.unitIds))];
  const roles = [...new Set(list(input.roles))];
  if (!unitIds.every((id) => z.guid().safeParse(id).success)) {
    throw invalid({ unitIds: `${E}.unit` });
  }
  if (!roles.every((role) => (answeringRoles as string[]).includes(role))) {
    throw invalid({ roles: `${E}.role` });
  }
  return input.database.tenant(actor.tenantId, async (tx) => {
    const survey = await loadSurvey(tx, actor.tenantId, input.surveyId, { lock: true });
    assertEditable(survey);
    if (unitIds.length > 0) {
      const found = await tx
        .select({ id: units.id })
        .from(units)
        .where(and(eq(units.tenantId, actor.tenantId), inArray(units.id, unitIds)));
      if (found.length !== unitIds.length) throw invalid({ unitIds: `${E}.unit` });
    }
    await tx.delete(surveyTargets).where(eq(surveyTargets.surveyId, survey.id));
    const rows =
      unitIds.length > 0 && roles.length > 0
        ? unitIds.flatMap((unitId) => roles.map((role) => ({ unitId, role })))
        : unitIds.length > 0
          ? unitIds.map((unitId) => ({ unitId, role: null }))
          : roles.map((role) => ({ unitId: null, role }));
    if (rows.length > 0) {
      await tx
        .insert(surveyTargets)
        .values(rows.map((row) => ({ ...row, tenantId: actor.tenantId, surveyId: survey.id })));
    }
    const invited =
      survey.status === "open" && survey.audience === "staff" && !survey.trainingEventId
        ? await inviteRecipients(tx, survey, input.now ?? new Date())
        : 0;
    await recordAudit(tx, {
      type: "survey.targets_set",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "survey", id: survey.id },
      details: { unitIds, roles, invited },
    });
    return { invited };
  });
}

/** The active staff a survey is meant for: its training event's attendees, or its targets. */
async function recipientsOf(tx: Tx, survey: SurveyRow): Promise<string[]> {
  if (survey.trainingEventId) {
    const rows = await tx
      .selectDistinct({ id: users.id, roles: users.roles })
      .from(trainingRegistrations)
      .innerJoin(users, eq(users.id, trainingRegistrations.userId))
      .where(
        and(
          eq(trainingRegistrations.tenantId, survey.tenantId),
          eq(trainingRegistrations.eventId, survey.trainingEventId),
          eq(trainingRegistrations.attended, true),
          eq(users.active, true),
        ),
      );
    return rows.filter((row) => answersSurveys(row.roles)).map((row) => row.id);
  }
  const targets = await tx
    .select({ unitId: surveyTargets.unitId, role: surveyTargets.role })
    .from(surveyTargets)
    .where(eq(surveyTargets.surveyId, survey.id));
  if (targets.length === 0) return [];
  const staff = await tx
    .select({ id: users.id, roles: users.roles })
    .from(users)
    .where(and(eq(users.tenantId, survey.tenantId), eq(users.active, true)));
  const memberships = await tx
    .select({ userId: userUnits.userId, unitId: userUnits.unitId })
    .from(userUnits)
    .where(eq(userUnits.tenantId, survey.tenantId));
  const unitsOf = new Map<string, Set<string>>();
  for (const row of memberships) {
    if (!unitsOf.has(row.userId)) unitsOf.set(row.userId, new Set());
    unitsOf.get(row.userId)!.add(row.unitId);
  }
  return staff
    .filter((user) => answersSurveys(user.roles))
    .filter((user) =>
      targets.some(
        (target) =>
          (target.unitId === null || (unitsOf.get(user.id)?.has(target.unitId) ?? false)) &&
          (target.role === null || user.roles.includes(target.role)),
      ),
    )
    .map((user) => user.id);
}

/**
 * Invites whoever the survey is meant for and is not invited yet: one `survey_invitations` row
 * each (answered = false) and one `survey_invitation` notice under «Varsler». Returns how many.
 */
async function inviteRecipients(tx: Tx, survey: SurveyRow, now: Date): Promise<number> {
  const recipients = await recipientsOf(tx, survey);
  if (recipients.length === 0) return 0;
  const inserted = await tx
    .insert(surveyInvitations)
    .values(
      recipients.map((userId) => ({
        tenantId: survey.tenantId,
        surveyId: survey.id,
        userId,
        invitedAt: now,
      })),
    )
    .onConflictDoNothing({ target: [surveyInvitations.surveyId, surveyInvitations.userId] })
    .returning({ userId: surveyInvitations.userId });
  if (inserted.length === 0) return 0;
  const day = osloDate(now);
  await tx
    .insert(notifications)
    .values(
      inserted.map(({ userId }) => ({
        tenantId: survey.tenantId,
        userId,
        kind: "survey_invitation",
        logId: null,
        link: surveyAnswerPath(survey.id),
        dedupeKey: reminderKey("survey_invitation", survey.id, day, userId),
      })),
    )
    .onConflictDoNothing({ target: [notifications.tenantId, notifications.dedupeKey] });
  return inserted.length;
}

// ---------------------------------------------------------------- open, close, rounds, delete

/**
 * Opens a draft. Refused, with every reason at once, without questions, without targets (a
 * staff survey not tied to an event), with its closing day passed, or when an event survey's
 * event has no attendees yet. The opening day becomes today if it was later or empty.
 */
export async function openSurvey(
  input: Base & { surveyId: string },
): Promise<{ invited: number; linkToken: string | null }> {
  const actor = manager(input.actor);
  const now = input.now ?? new Date();
  const today = osloDate(now);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const survey = await loadSurvey(tx, actor.tenantId, input.surveyId, { lock: true });
    const questions = await currentQuestions(tx, survey.id);
    const [targets] = await tx
      .select({ total: count() })
      .from(surveyTargets)
      .where(eq(surveyTargets.surveyId, survey.id));
    const problems = openingProblems({
      status: survey.status,
      audience: survey.audience as SurveyAudience,
      questionCount: questions.length,
      targetCount: targets?.total ?? 0,
      trainingEventId: survey.trainingEventId,
      closesOn: survey.closesOn,
      today,
    });
    if (problems._form) throw new AppError("conflict", problems._form);
    if (survey.audience === "staff" && Object.keys(problems).length === 0) {
      if ((await recipientsOf(tx, survey)).length === 0) {
        problems.targets = survey.trainingEventId ? `${E}.noAttendees` : `${E}.noRecipients`;
      }
    }
    if (Object.keys(problems).length > 0) throw invalid(problems);
    const linkToken = survey.audience === "link" ? (survey.linkToken ?? randomToken(18)) : null;
    const [opened] = await tx
      .update(surveys)
      .set({
        status: "open",
        openedAt: now,
        opensOn: survey.opensOn && survey.opensOn <= today ? survey.opensOn : today,
        linkToken,
        updatedAt: now,
      })
      .where(eq(surveys.id, survey.id))
      .returning();
    const invited = survey.audience === "staff" ? await inviteRecipients(tx, opened!, now) : 0;
    await recordAudit(tx, {
      type: "survey.opened",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "survey", id: survey.id },
      details: { invited, questions: questions.length, audience: survey.audience },
    });
    return { invited, linkToken };
  });
}

/** Closes an open survey: no more answers; drafts are deleted (nothing to finish any more). */
export async function closeSurvey(input: Base & { surveyId: string }): Promise<void> {
  const actor = manager(input.actor);
  await input.database.tenant(actor.tenantId, async (tx) => {
    const survey = await loadSurvey(tx, actor.tenantId, input.surveyId, { lock: true });
    if (survey.status !== "open") throw new AppError("conflict", `${E}.notOpen`);
    await closeSurveyRow(tx, survey, input.now ?? new Date());
    await recordAudit(tx, {
      type: "survey.closed",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "survey", id: survey.id },
      details: { automatic: false },
    });
  });
}

/** Sets a survey closed and removes its drafts (shared with the job that closes on the due date). */
export async function closeSurveyRow(tx: Tx, survey: SurveyRow, now: Date): Promise<void> {
  await tx
    .update(surveys)
    .set({ status: "closed", closedAt: now, updatedAt: now })
    .where(eq(surveys.id, survey.id));
  await tx.delete(surveyDrafts).where(eq(surveyDrafts.surveyId, survey.id));
}

/**
 * Starts the next round: a draft copy with the same title, introduction, audience, targets and
 * questions (current versions, same lineageIds, so results can be compared question by question),
 * naming this survey as its previous round. Dates are left for the coordinator to set.
 */
export async function startNewRound(input: Base & { surveyId: string }): Promise<{ id: string }> {
  const actor = manager(input.actor);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const survey = await loadSurvey(tx, actor.tenantId, input.surveyId);
    if (survey.status === "draft") throw new AppError("conflict", `${E}.roundFromDraft`);
    const [copy] = await tx
      .insert(surveys)
      .values({
        tenantId: actor.tenantId,
        title: survey.title,
        introduction: survey.introduction,
        template: survey.template,
        audience: survey.audience,
        plainLanguage: survey.plainLanguage,
        reminderIntervalDays: survey.reminderIntervalDays,
        trainingEventId: survey.trainingEventId,
        previousRoundId: survey.id,
        createdBy: actor.userId,
      })
      .returning({ id: surveys.id });
    const questions = await currentQuestions(tx, survey.id);
    if (questions.length > 0) {
      await tx.insert(surveyQuestions).values(
        questions.map((question, index) => ({
          tenantId: actor.tenantId,
          surveyId: copy!.id,
          lineageId: question.lineageId,
          version: 1,
          position: index + 1,
          theme: question.theme,
          type: question.type,
          prompt: question.prompt,
          help: question.help,
          options: question.options,
          required: question.required,
          minValue: question.minValue,
          maxValue: question.maxValue,
        })),
      );
    }
    const targets = await tx
      .select({ unitId: surveyTargets.unitId, role: surveyTargets.role })
      .from(surveyTargets)
      .where(eq(surveyTargets.surveyId, survey.id));
    if (targets.length > 0) {
      await tx
        .insert(surveyTargets)
        .values(
          targets.map((target) => ({ ...target, tenantId: actor.tenantId, surveyId: copy!.id })),
        );
    }
    await recordAudit(tx, {
      type: "survey.round_started",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "survey", id: copy!.id },
      details: { previousRoundId: survey.id, questions: questions.length },
    });
    return { id: copy!.id };
  });
}

/** Deletes a draft nobody has answered (a survey with answers is closed, never deleted). */
export async function deleteSurvey(input: Base & { surveyId: string }): Promise<void> {
  const actor = manager(input.actor);
  await input.database.tenant(actor.tenantId, async (tx) => {
    const survey = await loadSurvey(tx, actor.tenantId, input.surveyId, { lock: true });
    const responses = (await responseCounts(tx, [survey.id])).get(survey.id) ?? 0;
    if (survey.status !== "draft" || responses > 0) {
      throw new AppError("conflict", `${E}.deleteNotDraft`);
    }
    await tx.delete(surveys).where(eq(surveys.id, survey.id));
    await recordAudit(tx, {
      type: "survey.deleted",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "survey", id: survey.id },
      details: {},
    });
  });
}
