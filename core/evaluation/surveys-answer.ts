import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Database, Tx } from "../../db/client.ts";
import {
  surveyAnswers,
  surveyDrafts,
  surveyInvitations,
  surveyQuestions,
  surveyResponses,
  surveys,
  surveyTargets,
  units,
} from "../../db/schema/index.ts";
import { noRequestMeta, systemActor, type Actor, type RequestMeta } from "../access/actor.ts";
import { assertCan } from "../access/policy.ts";
import { recordAudit } from "../audit/audit.ts";
import { enforceRateLimit } from "../auth/rate-limit.ts";
import { AppError } from "../errors.ts";
import { asStaff, type StaffActor } from "../implementation/scope.ts";
import { randomToken, sha256Hex } from "../platform/crypto.ts";
import { osloDate } from "../platform/dates.ts";
import { currentQuestions, loadSurvey } from "./surveys.ts";
import {
  checkAnswers,
  draftFromForm,
  respondentGroupOf,
  type AnswerQuestion,
  type CheckedAnswer,
  type DraftValues,
  type QuestionType,
  type SurveyAudience,
  type SurveyStatus,
} from "./surveys-rules.ts";

/**
 * Answering a survey, anonymously (ADR 0022).
 *
 * Anonymity is decided here, in three rules:
 * 1. A response row holds no user, no invitation and no time of day: only the survey, the unit
 *    and service type it was given for, the respondent group and the day (submittedOn).
 * 2. That the person has answered is kept apart, as `survey_invitations.answered` (no time, no
 *    link to the response), so reminders go to the others. Both are written in one transaction.
 * 3. The audit event for an answer names neither the person nor the request (system actor, no
 *    IP): it says only that a response to this survey came in.
 * A draft belongs to its author (staff: the user id; link surveys: the SHA-256 of a random token
 * in the browser's HttpOnly cookie) until it is submitted; then it is deleted. Nobody but the
 * respondent reads a draft.
 */

const E = "evaluation.surveys.errors";
/** The key in a draft that holds the unit chosen (not a question id). */
const UNIT_KEY = "unitId";

export interface AnswerPageQuestion extends AnswerQuestion {
  theme: string;
  prompt: string;
  help: string;
}

export interface AnswerPageSurvey {
  id: string;
  title: string;
  introduction: string;
  plainLanguage: boolean;
  closesOn: string | null;
  status: SurveyStatus;
  audience: SurveyAudience;
}

function answerQuestionsOf(rows: (typeof surveyQuestions.$inferSelect)[]): AnswerPageQuestion[] {
  return rows.map((row) => ({
    id: row.id,
    type: row.type as QuestionType,
    options: row.options,
    required: row.required,
    minValue: row.minValue,
    maxValue: row.maxValue,
    theme: row.theme,
    prompt: row.prompt,
    help: row.help,
  }));
}

function pageSurveyOf(row: typeof surveys.$inferSelect): AnswerPageSurvey {
  return {
    id: row.id,
    title: row.title,
    introduction: row.introduction,
    plainLanguage: row.plainLanguage,
    closesOn: row.closesOn,
    status: row.status as SurveyStatus,
    audience: row.audience as SurveyAudience,
  };
}

/**
 * A stored draft for the questions in use: a value typed for a version since retired carries
 * over to the current version of the same question (same lineage).
 */
async function draftForCurrent(
  tx: Tx,
  surveyId: string,
  stored: DraftValues,
  questions: AnswerPageQuestion[],
): Promise<DraftValues> {
  const current = new Set(questions.map((question) => question.id));
  const stale = Object.keys(stored).filter((key) => key !== UNIT_KEY && !current.has(key));
  const result: DraftValues = {};
  for (const [key, value] of Object.entries(stored)) if (current.has(key)) result[key] = value;
  if (UNIT_KEY in stored) result[UNIT_KEY] = stored[UNIT_KEY]!;
  if (stale.length === 0) return result;
  const rows = await tx
    .select({ id: surveyQuestions.id, lineageId: surveyQuestions.lineageId })
    .from(surveyQuestions)
    .where(eq(surveyQuestions.surveyId, surveyId));
  const lineageOf = new Map(rows.map((row) => [row.id, row.lineageId]));
  const currentByLineage = new Map(
    rows.filter((row) => current.has(row.id)).map((row) => [row.lineageId, row.id]),
  );
  for (const key of stale) {
    const target = currentByLineage.get(lineageOf.get(key) ?? "");
    if (target && !(target in result)) result[target] = stored[key]!;
  }
  return result;
}

// ---------------------------------------------------------------- staff

function respondent(actor: Actor): StaffActor {
  const staff = asStaff(actor);
  assertCan(staff, "survey.answer");
  return staff;
}

export type MySurveyState = "notAnswered" | "draft" | "answered";

export interface MySurvey {
  id: string;
  title: string;
  closesOn: string | null;
  state: MySurveyState;
}

/** The open surveys this person is invited to, with where they stand, closing soonest first. */
export async function listMySurveys(input: {
  database: Database;
  actor: Actor;
}): Promise<{ items: MySurvey[] }> {
  const actor = respondent(input.actor);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const rows = await tx
      .select({
        id: surveys.id,
        title: surveys.title,
        closesOn: surveys.closesOn,
        answered: surveyInvitations.answered,
        openedAt: surveys.openedAt,
      })
      .from(surveyInvitations)
      .innerJoin(surveys, eq(surveys.id, surveyInvitations.surveyId))
      .where(
        and(
          eq(surveyInvitations.tenantId, actor.tenantId),
          eq(surveyInvitations.userId, actor.userId),
          eq(surveys.status, "open"),
        ),
      );
    const drafts =
      rows.length === 0
        ? []
        : await tx
            .select({ surveyId: surveyDrafts.surveyId })
            .from(surveyDrafts)
            .where(
              and(
                eq(surveyDrafts.userId, actor.userId),
                inArray(
                  surveyDrafts.surveyId,
                  rows.map((row) => row.id),
                ),
              ),
            );
    const withDraft = new Set(drafts.map((row) => row.surveyId));
    rows.sort(
      (a, b) =>
        (a.closesOn ?? "9999").localeCompare(b.closesOn ?? "9999") ||
        a.title.localeCompare(b.title, "nb"),
    );
    return {
      items: rows.map((row) => ({
        id: row.id,
        title: row.title,
        closesOn: row.closesOn,
        state: row.answered ? "answered" : withDraft.has(row.id) ? "draft" : "notAnswered",
      })),
    };
  });
}

async function myInvitation(tx: Tx, actor: StaffActor, surveyId: string, lock = false) {
  const query = tx
    .select()
    .from(surveyInvitations)
    .where(
      and(eq(surveyInvitations.surveyId, surveyId), eq(surveyInvitations.userId, actor.userId)),
    );
  const [row] = lock ? await query.for("update") : await query;
  return row;
}

/**
 * The units a person may answer for: their active units, narrowed to the survey's targeted units
 * when the targets name units and the person belongs to one of them.
 */
async function unitOptionsFor(
  tx: Tx,
  actor: StaffActor,
  surveyId: string,
): Promise<{ id: string; name: string; serviceType: string }[]> {
  if (actor.unitIds.length === 0) return [];
  const mine = await tx
    .select({ id: units.id, name: units.name, serviceType: units.serviceType })
    .from(units)
    .where(
      and(
        eq(units.tenantId, actor.tenantId),
        eq(units.active, true),
        inArray(units.id, actor.unitIds),
      ),
    )
    .orderBy(asc(units.name));
  const targeted = new Set(
    (
      await tx
        .select({ unitId: surveyTargets.unitId })
        .from(surveyTargets)
        .where(eq(surveyTargets.surveyId, surveyId))
    ).flatMap((row) => (row.unitId ? [row.unitId] : [])),
  );
  const narrowed = mine.filter((unit) => targeted.has(unit.id));
  return narrowed.length > 0 ? narrowed : mine;
}

export interface MySurveyPage {
  survey: AnswerPageSurvey;
  questions: AnswerPageQuestion[];
  draft: DraftValues;
  hasDraft: boolean;
  answered: boolean;
  unitOptions: { id: string; name: string }[];
}

/** One survey for an invited person (anyone else is told it does not exist). */
export async function getMySurvey(input: {
  database: Database;
  actor: Actor;
  surveyId: string;
}): Promise<MySurveyPage> {
  const actor = respondent(input.actor);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const row = await loadSurvey(tx, actor.tenantId, input.surveyId);
    const invitation = await myInvitation(tx, actor, row.id);
    if (!invitation || row.status === "draft") throw new AppError("not_found", "errors.notFound");
    const questions = answerQuestionsOf(await currentQuestions(tx, row.id));
    const [draftRow] = await tx
      .select()
      .from(surveyDrafts)
      .where(and(eq(surveyDrafts.surveyId, row.id), eq(surveyDrafts.userId, actor.userId)));
    const unitOptions = await unitOptionsFor(tx, actor, row.id);
    return {
      survey: pageSurveyOf(row),
      questions,
      draft: draftRow ? await draftForCurrent(tx, row.id, draftRow.answers, questions) : {},
      hasDraft: draftRow !== undefined,
      answered: invitation.answered,
      unitOptions: unitOptions.map(({ id, name }) => ({ id, name })),
    };
  });
}

function withUnit(draft: DraftValues, values: Record<string, unknown>): DraftValues {
  const unit = values[UNIT_KEY];
  return typeof unit === "string" && unit !== "" ? { ...draft, [UNIT_KEY]: unit } : draft;
}

async function upsertUserDraft(tx: Tx, actor: StaffActor, surveyId: string, draft: DraftValues) {
  await tx
    .insert(surveyDrafts)
    .values({ tenantId: actor.tenantId, surveyId, userId: actor.userId, answers: draft })
    .onConflictDoUpdate({
      target: [surveyDrafts.surveyId, surveyDrafts.userId],
      targetWhere: sql`user_id is not null`,
      set: { answers: draft, updatedAt: new Date() },
    });
}

async function openForStaff(tx: Tx, actor: StaffActor, surveyId: string, lock = false) {
  const row = await loadSurvey(tx, actor.tenantId, surveyId);
  const invitation = await myInvitation(tx, actor, row.id, lock);
  if (!invitation || row.status === "draft") throw new AppError("not_found", "errors.notFound");
  if (invitation.answered) throw new AppError("conflict", `${E}.alreadyAnswered`);
  if (row.status !== "open") throw new AppError("conflict", `${E}.surveyClosed`);
  return row;
}

/** Saves what the person has typed so far («Lagre utkast»). */
export async function saveMyDraft(input: {
  database: Database;
  actor: Actor;
  surveyId: string;
  values: Record<string, unknown>;
}): Promise<void> {
  const actor = respondent(input.actor);
  await input.database.tenant(actor.tenantId, async (tx) => {
    const row = await openForStaff(tx, actor, input.surveyId);
    const questions = answerQuestionsOf(await currentQuestions(tx, row.id));
    await upsertUserDraft(
      tx,
      actor,
      row.id,
      withUnit(draftFromForm(questions, input.values), input.values),
    );
  });
}

/**
 * Sends the answer in («Send inn»). Checked first; when something is missing or wrong, what was
 * typed is saved as the draft (nothing is lost) and the messages come back. Otherwise, in ONE
 * transaction: the response without any user link and its answers are written, the invitation
 * is marked answered (locked first, so two posts at once cannot both pass), and the draft goes.
 */
export async function submitMyAnswer(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  surveyId: string;
  values: Record<string, unknown>;
  now?: Date;
}): Promise<void> {
  const actor = respondent(input.actor);
  const now = input.now ?? new Date();
  const problem = await input.database.tenant(actor.tenantId, async (tx) => {
    const row = await openForStaff(tx, actor, input.surveyId, true);
    const questions = answerQuestionsOf(await currentQuestions(tx, row.id));
    const draft = withUnit(draftFromForm(questions, input.values), input.values);
    const { answers, fieldErrors } = checkAnswers(questions, draft);
    const unitOptions = await unitOptionsFor(tx, actor, row.id);
    const chosen = typeof draft[UNIT_KEY] === "string" ? draft[UNIT_KEY] : "";
    const unit =
      unitOptions.length === 1
        ? unitOptions[0]
        : unitOptions.find((option) => option.id === chosen);
    if (unitOptions.length > 1 && !unit) fieldErrors[UNIT_KEY] = `${E}.unitRequired`;
    if (Object.keys(fieldErrors).length > 0) {
      await upsertUserDraft(tx, actor, row.id, draft);
      return new AppError("validation", "errors.validation", { fieldErrors });
    }
    const marked = await tx
      .update(surveyInvitations)
      .set({ answered: true })
      .where(
        and(
          eq(surveyInvitations.surveyId, row.id),
          eq(surveyInvitations.userId, actor.userId),
          eq(surveyInvitations.answered, false),
        ),
      )
      .returning({ id: surveyInvitations.id });
    if (marked.length === 0) throw new AppError("conflict", `${E}.alreadyAnswered`);
    await writeResponse(tx, {
      tenantId: actor.tenantId,
      surveyId: row.id,
      unitId: unit?.id ?? null,
      serviceType: unit?.serviceType ?? null,
      respondentGroup: "staff",
      answers,
      today: osloDate(now),
    });
    await tx
      .delete(surveyDrafts)
      .where(and(eq(surveyDrafts.surveyId, row.id), eq(surveyDrafts.userId, actor.userId)));
    return null;
  });
  // The draft was saved in a committed transaction; only then the messages go back.
  if (problem) throw problem;
}

/** The anonymous response and its answers, and the audit event that names nobody. */
async function writeResponse(
  tx: Tx,
  input: {
    tenantId: string;
    surveyId: string;
    unitId: string | null;
    serviceType: string | null;
    respondentGroup: string | null;
    answers: CheckedAnswer[];
    today: string;
  },
): Promise<void> {
  // Anonymity: no user id, no invitation id, no time of day (see the module comment).
  const [response] = await tx
    .insert(surveyResponses)
    .values({
      tenantId: input.tenantId,
      surveyId: input.surveyId,
      unitId: input.unitId,
      serviceType: input.serviceType,
      respondentGroup: input.respondentGroup,
      submittedOn: input.today,
    })
    .returning({ id: surveyResponses.id });
  if (input.answers.length > 0) {
    await tx.insert(surveyAnswers).values(
      input.answers.map((answer) => ({
        tenantId: input.tenantId,
        surveyId: input.surveyId,
        responseId: response!.id,
        questionId: answer.questionId,
        choiceKeys: answer.choiceKeys,
        numberValue: answer.numberValue,
        textValue: answer.textValue,
      })),
    );
  }
  // The event holds the survey only: not the person, not the request, not the response.
  await recordAudit(tx, {
    type: "survey.answered",
    tenantId: input.tenantId,
    actor: systemActor(input.tenantId, "survey.answer"),
    meta: noRequestMeta,
    subject: { type: "survey", id: input.surveyId },
    details: {},
  });
}

// ---------------------------------------------------------------- link surveys

/** What the browser holds for a link survey: a draft token, or that it has answered. */
export interface BrowserState {
  draftToken: string | null;
  answered: boolean;
}

export const LINK_TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

/** Finds a link survey by its public token. The tenant is not known yet: read through system(). */
async function findLinkSurvey(
  database: Database,
  token: string,
): Promise<{ id: string; tenantId: string }> {
  if (!LINK_TOKEN_PATTERN.test(token)) throw new AppError("not_found", "errors.notFound");
  const [row] = await database.system((tx) =>
    tx
      .select({ id: surveys.id, tenantId: surveys.tenantId })
      .from(surveys)
      .where(and(eq(surveys.linkToken, token), eq(surveys.audience, "link"))),
  );
  if (!row) throw new AppError("not_found", "errors.notFound");
  return row;
}

export type LinkSurveyPage =
  | { state: "closed"; survey: AnswerPageSurvey }
  | { state: "answered"; survey: AnswerPageSurvey }
  | {
      state: "open";
      survey: AnswerPageSurvey;
      questions: AnswerPageQuestion[];
      draft: DraftValues;
      hasDraft: boolean;
    };

/** The public page of a link survey: open (with this browser's draft), closed, or answered. */
export async function getLinkSurvey(input: {
  database: Database;
  token: string;
  browser: BrowserState;
}): Promise<LinkSurveyPage> {
  const found = await findLinkSurvey(input.database, input.token);
  return input.database.tenant(found.tenantId, async (tx) => {
    const row = await loadSurvey(tx, found.tenantId, found.id);
    const survey = pageSurveyOf(row);
    if (row.status !== "open") return { state: "closed", survey };
    if (input.browser.answered) return { state: "answered", survey };
    const questions = answerQuestionsOf(await currentQuestions(tx, row.id));
    const draftRow = input.browser.draftToken
      ? (
          await tx
            .select()
            .from(surveyDrafts)
            .where(
              and(
                eq(surveyDrafts.surveyId, row.id),
                eq(surveyDrafts.tokenHash, sha256Hex(input.browser.draftToken)),
              ),
            )
        )[0]
      : undefined;
    return {
      state: "open",
      survey,
      questions,
      draft: draftRow ? await draftForCurrent(tx, row.id, draftRow.answers, questions) : {},
      hasDraft: draftRow !== undefined,
    };
  });
}

async function upsertTokenDraft(
  tx: Tx,
  tenantId: string,
  surveyId: string,
  draftToken: string,
  draft: DraftValues,
) {
  await tx
    .insert(surveyDrafts)
    .values({ tenantId, surveyId, tokenHash: sha256Hex(draftToken), answers: draft })
    .onConflictDoUpdate({
      target: [surveyDrafts.surveyId, surveyDrafts.tokenHash],
      targetWhere: sql`token_hash is not null`,
      set: { answers: draft, updatedAt: new Date() },
    });
}

async function openLinkSurvey(
  tx: Tx,
  found: { id: string; tenantId: string },
  browser: BrowserState,
) {
  const row = await loadSurvey(tx, found.tenantId, found.id);
  if (row.status !== "open") throw new AppError("conflict", `${E}.surveyClosed`);
  if (browser.answered) throw new AppError("conflict", `${E}.alreadyAnswered`);
  return row;
}

/**
 * Saves a link survey's draft under this browser's token (a new random token when it has none;
 * only its SHA-256 is stored). Returns the token for the cookie.
 */
export async function saveLinkDraft(input: {
  database: Database;
  token: string;
  browser: BrowserState;
  values: Record<string, unknown>;
  rateLimitPerMinute: number;
  ip: string | null;
}): Promise<{ draftToken: string }> {
  const found = await findLinkSurvey(input.database, input.token);
  await enforceRateLimit(
    input.database,
    `survey:${input.ip ?? "unknown"}`,
    input.rateLimitPerMinute,
  );
  const draftToken = input.browser.draftToken ?? randomToken(24);
  await input.database.tenant(found.tenantId, async (tx) => {
    const row = await openLinkSurvey(tx, found, input.browser);
    const questions = answerQuestionsOf(await currentQuestions(tx, row.id));
    await upsertTokenDraft(
      tx,
      found.tenantId,
      row.id,
      draftToken,
      draftFromForm(questions, input.values),
    );
  });
  return { draftToken };
}

/**
 * Sends a link survey's answer. A failed check saves the draft (returned token for the cookie)
 * and throws the messages; a good answer writes the anonymous response with the respondent group
 * from «Hvem svarer?», and deletes this browser's draft. The route then marks the browser as
 * answered, so the same browser cannot answer twice.
 */
export async function submitLinkAnswer(input: {
  database: Database;
  token: string;
  browser: BrowserState;
  values: Record<string, unknown>;
  rateLimitPerMinute: number;
  ip: string | null;
  now?: Date;
}): Promise<{ ok: true } | { ok: false; draftToken: string; error: AppError }> {
  const found = await findLinkSurvey(input.database, input.token);
  await enforceRateLimit(
    input.database,
    `survey:${input.ip ?? "unknown"}`,
    input.rateLimitPerMinute,
  );
  const today = osloDate(input.now ?? new Date());
  return input.database.tenant(found.tenantId, async (tx) => {
    const row = await openLinkSurvey(tx, found, input.browser);
    const questions = answerQuestionsOf(await currentQuestions(tx, row.id));
    const draft = draftFromForm(questions, input.values);
    const { answers, fieldErrors } = checkAnswers(questions, draft);
    if (Object.keys(fieldErrors).length > 0) {
      const draftToken = input.browser.draftToken ?? randomToken(24);
      await upsertTokenDraft(tx, found.tenantId, row.id, draftToken, draft);
      return {
        ok: false as const,
        draftToken,
        error: new AppError("validation", "errors.validation", { fieldErrors }),
      };
    }
    await writeResponse(tx, {
      tenantId: found.tenantId,
      surveyId: row.id,
      unitId: null,
      serviceType: null,
      respondentGroup: respondentGroupOf("link", questions, answers),
      answers,
      today,
    });
    if (input.browser.draftToken) {
      await tx
        .delete(surveyDrafts)
        .where(
          and(
            eq(surveyDrafts.surveyId, row.id),
            eq(surveyDrafts.tokenHash, sha256Hex(input.browser.draftToken)),
          ),
        );
    }
    return { ok: true as const };
  });
}
