import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "../../db/client.ts";
import {
  citizens,
  relayLogAreas,
  relayLogEvaluations,
  relayLogGoals,
  relayLogGoalScores,
  users,
} from "../../db/schema/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import { AppError } from "../errors.ts";
import { isIsoDate } from "../platform/dates.ts";
import { parseInput } from "../platform/validation.ts";
import {
  assertLockVersion,
  assertRelayLogUser,
  auditLogChange,
  requireLog,
  type LogContext,
} from "./access.ts";
import { notifyFamily } from "./family-notify.ts";
import { logHeader, type LogHeader } from "./header.ts";
import {
  commentField,
  EVALUATION_SUMMARY_MAX,
  goalScores,
  isEvaluationOverdue,
  SCORE_COMMENT_MAX,
  scoreField,
  scoreSeries,
  type ScorerKind,
  type ScoreSeries,
} from "./plan-rules.ts";

export { commentField, scoreField } from "./plan-rules.ts";

/**
 * Evaluations of a relay log's plan: scheduled for a date, then recorded as held with a
 * goal-attainment score (−2 … +2) and a short comment per goal, and a summary. Scores are kept
 * per scorer kind (staff today; guardians and the young person score beside them later), so the
 * effect view shows each kind's scores over time side by side. Audited as
 * relaylog.evaluation_saved with ids, the action and field names, never the comments.
 */

interface Common {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  logId: string;
  /** For tests: "today" in Oslo. */
  today?: string;
}

export interface EvaluationScore {
  goalId: string;
  scorerKind: ScorerKind;
  /** A guardian's or the young person's name (each scores on their own); null for staff. */
  scorerName: string | null;
  score: number;
  comment: string;
}

export interface EvaluationView {
  id: string;
  scheduledOn: string;
  heldOn: string | null;
  heldByName: string | null;
  summary: string;
  overdue: boolean;
  lockVersion: number;
  scores: EvaluationScore[];
}

export interface EvaluationGoal {
  id: string;
  areaTitle: string;
  text: string;
  expectedOutcome: string;
}

export interface GoalEffect extends EvaluationGoal {
  /** One series per scorer kind that has scored the goal, oldest score first. */
  series: ScoreSeries[];
}

export interface EvaluationsPage {
  header: LogHeader;
  today: string;
  goals: EvaluationGoal[];
  /** Not yet held, the earliest first. */
  planned: EvaluationView[];
  /** Held, the latest first. */
  held: EvaluationView[];
  effect: GoalEffect[];
}

function isUuid(value: unknown): value is string {
  return typeof value === "string" && z.guid().safeParse(value).success;
}

function notFound(): AppError {
  return new AppError("not_found", "errors.notFound");
}

function gate(tx: Tx, input: Common, need: "read" | "write", view?: string) {
  return requireLog(tx, {
    actor: input.actor,
    meta: input.meta,
    logId: input.logId,
    need,
    ...(view ? { view } : {}),
    ...(input.today ? { today: input.today } : {}),
  });
}

/** The log's goals in plan order, with the title of their area. */
async function loadGoals(tx: Tx, logId: string): Promise<EvaluationGoal[]> {
  return tx
    .select({
      id: relayLogGoals.id,
      areaTitle: relayLogAreas.title,
      text: relayLogGoals.text,
      expectedOutcome: relayLogGoals.expectedOutcome,
    })
    .from(relayLogGoals)
    .innerJoin(relayLogAreas, eq(relayLogAreas.id, relayLogGoals.areaId))
    .where(eq(relayLogGoals.logId, logId))
    .orderBy(
      asc(relayLogAreas.sortOrder),
      asc(relayLogAreas.createdAt),
      asc(relayLogGoals.sortOrder),
      asc(relayLogGoals.createdAt),
    );
}

/** The evaluations page: planned and held evaluations and each goal's scores over time. */
export async function getEvaluations(input: Common): Promise<EvaluationsPage> {
  const actor = assertRelayLogUser(input.actor);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const context = await gate(tx, { ...input, actor }, "read", "evaluations");
    const logId = context.log.id;
    const goals = await loadGoals(tx, logId);
    const rows = await tx
      .select({ evaluation: relayLogEvaluations, heldByName: users.name })
      .from(relayLogEvaluations)
      .leftJoin(users, eq(users.id, relayLogEvaluations.heldBy))
      .where(eq(relayLogEvaluations.logId, logId))
      .orderBy(asc(relayLogEvaluations.scheduledOn), asc(relayLogEvaluations.createdAt));
    const scores = await tx
      .select({
        evaluationId: relayLogGoalScores.evaluationId,
        goalId: relayLogGoalScores.goalId,
        scorerKind: relayLogGoalScores.scorerKind,
        scorerName: citizens.name,
        score: relayLogGoalScores.score,
        comment: relayLogGoalScores.comment,
      })
      .from(relayLogGoalScores)
      .leftJoin(citizens, eq(citizens.id, relayLogGoalScores.scorerCitizenId))
      .where(eq(relayLogGoalScores.logId, logId))
      .orderBy(asc(relayLogGoalScores.createdAt));
    const scoresByEvaluation = new Map<string, EvaluationScore[]>();
    for (const score of scores) {
      const list = scoresByEvaluation.get(score.evaluationId) ?? [];
      list.push({
        goalId: score.goalId,
        scorerKind: score.scorerKind as ScorerKind,
        scorerName: score.scorerKind === "staff" ? null : score.scorerName,
        score: score.score,
        comment: score.comment,
      });
      scoresByEvaluation.set(score.evaluationId, list);
    }
    const views: EvaluationView[] = rows.map(({ evaluation, heldByName }) => ({
      id: evaluation.id,
      scheduledOn: evaluation.scheduledOn,
      heldOn: evaluation.heldOn,
      heldByName: evaluation.heldOn ? heldByName : null,
      summary: evaluation.summary,
      overdue: isEvaluationOverdue(evaluation, context.today),
      lockVersion: evaluation.lockVersion,
      scores: scoresByEvaluation.get(evaluation.id) ?? [],
    }));
    const held = views
      .filter((view) => view.heldOn !== null)
      .sort((a, b) => (a.heldOn! === b.heldOn! ? 0 : a.heldOn! < b.heldOn! ? -1 : 1));
    return {
      header: await logHeader(tx, context),
      today: context.today,
      goals,
      planned: views.filter((view) => view.heldOn === null),
      held: [...held].reverse(),
      effect: effectOf(goals, held),
    };
  });
}

/** Each goal's scores from held evaluations (given oldest first), per scorer kind. */
function effectOf(goals: EvaluationGoal[], heldOldestFirst: EvaluationView[]): GoalEffect[] {
  return goals.map((goal) => ({
    ...goal,
    series: scoreSeries(
      heldOldestFirst.flatMap((evaluation) =>
        evaluation.scores
          .filter((score) => score.goalId === goal.id)
          .map((score) => ({
            evaluationId: evaluation.id,
            date: evaluation.heldOn!,
            scorerKind: score.scorerKind,
            score: score.score,
            comment: score.comment,
          })),
      ),
    ),
  }));
}

const dateField = z
  .string({ error: "relayLog.plan.dateRequired" })
  .trim()
  .min(1, "relayLog.plan.dateRequired")
  .refine(isIsoDate, "relayLog.plan.dateFormat");

const scheduleSchema = z.strictObject({
  scheduledOn: dateField,
  lockVersion: z.unknown().optional(),
});

async function auditEvaluation(
  tx: Tx,
  input: Common,
  context: LogContext,
  details: {
    evaluationId: string;
    action: "scheduled" | "rescheduled" | "held" | "removed";
    fields: string[];
    goals?: number;
  },
): Promise<void> {
  await auditLogChange(tx, {
    type: "relaylog.evaluation_saved",
    actor: input.actor,
    meta: input.meta,
    log: context.log,
    details,
  });
}

export async function scheduleEvaluation(input: Common & { values: unknown }) {
  const actor = assertRelayLogUser(input.actor);
  const values = parseInput(scheduleSchema, input.values);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const context = await gate(tx, input, "write");
    const [evaluation] = await tx
      .insert(relayLogEvaluations)
      .values({
        tenantId: context.log.tenantId,
        logId: context.log.id,
        scheduledOn: values.scheduledOn,
      })
      .returning();
    await auditEvaluation(tx, input, context, {
      evaluationId: evaluation!.id,
      action: "scheduled",
      fields: ["scheduledOn"],
    });
    await notifyFamily(tx, { log: context.log, kind: "evaluation", dedupeKey: evaluation!.id });
    return evaluation!;
  });
}

async function storedEvaluation(tx: Tx, logId: string, evaluationId: string) {
  const [stored] = await tx
    .select()
    .from(relayLogEvaluations)
    .where(and(eq(relayLogEvaluations.logId, logId), eq(relayLogEvaluations.id, evaluationId)));
  if (!stored) throw notFound();
  return stored;
}

/** Moves an evaluation that has not been held to another date. */
export async function rescheduleEvaluation(
  input: Common & { evaluationId: string; values: unknown },
) {
  const actor = assertRelayLogUser(input.actor);
  if (!isUuid(input.evaluationId)) throw notFound();
  const values = parseInput(scheduleSchema, input.values);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const context = await gate(tx, input, "write");
    const stored = await storedEvaluation(tx, context.log.id, input.evaluationId);
    assertLockVersion(stored.lockVersion, values.lockVersion);
    if (stored.heldOn) throw new AppError("validation", "relayLog.plan.evaluation.alreadyHeld");
    const [evaluation] = await tx
      .update(relayLogEvaluations)
      .set({
        scheduledOn: values.scheduledOn,
        lockVersion: stored.lockVersion + 1,
        updatedAt: new Date(),
      })
      .where(
        and(
          eq(relayLogEvaluations.id, stored.id),
          eq(relayLogEvaluations.lockVersion, stored.lockVersion),
        ),
      )
      .returning();
    if (!evaluation) throw new AppError("conflict", "relayLog.conflict");
    await auditEvaluation(tx, input, context, {
      evaluationId: evaluation.id,
      action: "rescheduled",
      fields: stored.scheduledOn === values.scheduledOn ? [] : ["scheduledOn"],
    });
    await notifyFamily(tx, { log: context.log, kind: "evaluation", dedupeKey: evaluation.id });
    return evaluation;
  });
}

/** Removes an evaluation that has not been held (held ones keep the effect history). */
export async function removeEvaluation(input: Common & { evaluationId: string; values: unknown }) {
  const actor = assertRelayLogUser(input.actor);
  if (!isUuid(input.evaluationId)) throw notFound();
  const seen = (input.values as { lockVersion?: unknown } | null)?.lockVersion;
  return input.database.tenant(actor.tenantId, async (tx) => {
    const context = await gate(tx, input, "write");
    const stored = await storedEvaluation(tx, context.log.id, input.evaluationId);
    assertLockVersion(stored.lockVersion, seen);
    if (stored.heldOn) throw new AppError("validation", "relayLog.plan.evaluation.heldKept");
    const deleted = await tx
      .delete(relayLogEvaluations)
      .where(
        and(
          eq(relayLogEvaluations.id, stored.id),
          eq(relayLogEvaluations.lockVersion, stored.lockVersion),
        ),
      )
      .returning({ id: relayLogEvaluations.id });
    if (deleted.length === 0) throw new AppError("conflict", "relayLog.conflict");
    await auditEvaluation(tx, input, context, {
      evaluationId: stored.id,
      action: "removed",
      fields: [],
    });
  });
}

interface RecordValues {
  heldOn: string;
  summary: string;
  scores: { goalId: string; score: number; comment: string }[];
}

/**
 * Checks a held evaluation against the log's goals: every goal has a score in −2 … +2 and a
 * comment of at most 300 characters; fields for goals of another log are refused.
 */
function parseRecord(raw: unknown, goals: EvaluationGoal[], today: string): RecordValues {
  const source = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
  const fieldErrors: Record<string, string> = {};
  const known = new Set(["lockVersion", "heldOn", "summary"]);
  for (const goal of goals) {
    known.add(scoreField(goal.id));
    known.add(commentField(goal.id));
  }
  for (const key of Object.keys(source)) {
    if (!known.has(key)) fieldErrors[key] = "errors.unknownField";
  }
  const heldOn = typeof source.heldOn === "string" ? source.heldOn.trim() : "";
  if (!heldOn) fieldErrors.heldOn = "relayLog.plan.dateRequired";
  else if (!isIsoDate(heldOn)) fieldErrors.heldOn = "relayLog.plan.dateFormat";
  else if (heldOn > today) fieldErrors.heldOn = "relayLog.plan.dateInFuture";
  const summary = typeof source.summary === "string" ? source.summary.trim() : "";
  if (summary.length > EVALUATION_SUMMARY_MAX) {
    fieldErrors.summary = "relayLog.plan.evaluation.summaryTooLong";
  }
  if (goals.length === 0) fieldErrors._form = "relayLog.plan.evaluation.noGoals";
  const scores: RecordValues["scores"] = [];
  for (const goal of goals) {
    const rawScore = source[scoreField(goal.id)];
    const text =
      typeof rawScore === "number"
        ? String(rawScore)
        : typeof rawScore === "string"
          ? rawScore
          : "";
    const normalised = text.trim().replace("\u2212", "-");
    const score = Number(normalised);
    if (normalised === "") {
      fieldErrors[scoreField(goal.id)] = "relayLog.plan.evaluation.scoreRequired";
    } else if (
      !/^[+-]?\d+$/.test(normalised) ||
      !(goalScores as readonly number[]).includes(score)
    ) {
      fieldErrors[scoreField(goal.id)] = "relayLog.plan.evaluation.scoreRange";
    }
    const rawComment = source[commentField(goal.id)];
    const comment = typeof rawComment === "string" ? rawComment.trim() : "";
    if (comment.length > SCORE_COMMENT_MAX) {
      fieldErrors[commentField(goal.id)] = "relayLog.plan.evaluation.commentTooLong";
    }
    scores.push({ goalId: goal.id, score, comment });
  }
  if (Object.keys(fieldErrors).length > 0) {
    throw new AppError("validation", "errors.validation", { fieldErrors });
  }
  return { heldOn, summary, scores };
}

/**
 * Records an evaluation as held: the staff's score and comment for every goal, and a summary.
 * Recording again (a correction) replaces the staff scores; other scorer kinds are kept.
 */
export async function recordEvaluation(input: Common & { evaluationId: string; values: unknown }) {
  const actor = assertRelayLogUser(input.actor);
  if (!isUuid(input.evaluationId)) throw notFound();
  return input.database.tenant(actor.tenantId, async (tx) => {
    const context = await gate(tx, input, "write");
    const stored = await storedEvaluation(tx, context.log.id, input.evaluationId);
    assertLockVersion(stored.lockVersion, (input.values as { lockVersion?: unknown })?.lockVersion);
    const goals = await loadGoals(tx, context.log.id);
    const values = parseRecord(input.values, goals, context.today);
    const [evaluation] = await tx
      .update(relayLogEvaluations)
      .set({
        heldOn: values.heldOn,
        heldBy: actor.userId,
        summary: values.summary,
        lockVersion: stored.lockVersion + 1,
        updatedAt: new Date(),
      })
      .where(
        and(
          eq(relayLogEvaluations.id, stored.id),
          eq(relayLogEvaluations.lockVersion, stored.lockVersion),
        ),
      )
      .returning();
    if (!evaluation) throw new AppError("conflict", "relayLog.conflict");
    await tx
      .delete(relayLogGoalScores)
      .where(
        and(
          eq(relayLogGoalScores.evaluationId, stored.id),
          eq(relayLogGoalScores.scorerKind, "staff"),
        ),
      );
    await tx.insert(relayLogGoalScores).values(
      values.scores.map((score) => ({
        tenantId: context.log.tenantId,
        logId: context.log.id,
        evaluationId: stored.id,
        goalId: score.goalId,
        scorerKind: "staff",
        scorerUserId: actor.userId,
        score: score.score,
        comment: score.comment,
      })),
    );
    await auditEvaluation(tx, input, context, {
      evaluationId: stored.id,
      action: "held",
      fields: ["heldOn", "scores", ...(values.summary ? ["summary"] : [])],
      goals: values.scores.length,
    });
    return evaluation;
  });
}
