import { and, asc, eq, inArray, isNull, max, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "../../db/client.ts";
import {
  relayLogAreas,
  relayLogGoals,
  relayLogGoalScores,
  relayLogMeasures,
  relayLogParticipants,
  units,
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
import { goalVoicesOf, type FamilyGoalVoice } from "./family-contributions.ts";
import {
  AREA_DESCRIPTION_MAX,
  AREA_TITLE_MAX,
  FAMILY_RESPONSIBLE_MAX,
  GOAL_EXPECTED_MAX,
  GOAL_TEXT_MAX,
  isMeasureOverdue,
  MEASURE_WHAT_MAX,
  measurePlaces,
  measureStatuses,
  responsibleKinds,
  type MeasurePlace,
  type MeasureStatus,
  type ResponsibleKind,
} from "./plan-rules.ts";

export * from "./plan-rules.ts";

/**
 * The plan of a relay log: concern areas (oppmerksomhetsområder) → goals → measures (tiltak).
 * Every read and write passes requireLog; every change is audited as relaylog.plan_changed with
 * the part, its id, the action and the names of the changed fields, never the text itself.
 * Edits carry the lock version the form saw: a stale save is a conflict, nothing is overwritten.
 */

interface Common {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  logId: string;
  /** For tests: "today" in Oslo. */
  today?: string;
}

export type PlanPart = "area" | "goal" | "measure";

export interface PlanMeasure {
  id: string;
  goalId: string;
  what: string;
  responsibleKind: ResponsibleKind;
  responsibleUserId: string | null;
  responsibleUserName: string | null;
  responsibleUnitId: string | null;
  responsibleUnitName: string | null;
  responsibleText: string | null;
  place: MeasurePlace;
  supportsMeasureId: string | null;
  /** Home measures that name this (service) measure as the one they support. */
  supportedByIds: string[];
  startsOn: string;
  dueOn: string;
  status: MeasureStatus;
  overdue: boolean;
  lockVersion: number;
}

export interface PlanGoal {
  id: string;
  areaId: string;
  text: string;
  expectedOutcome: string;
  lockVersion: number;
  measures: PlanMeasure[];
}

export interface PlanArea {
  id: string;
  title: string;
  description: string;
  lockVersion: number;
  goals: PlanGoal[];
}

export interface PlanChoices {
  /** Active participants: who a measure can name as the responsible person. */
  participants: { userId: string; name: string; unitName: string }[];
  /** The units taking part (relay_logs.unit_ids): who a measure can name as the responsible service. */
  units: { id: string; name: string }[];
}

export interface PlanPage extends PlanChoices {
  header: LogHeader;
  today: string;
  areas: PlanArea[];
  /** The family's view on each goal (by goal id): guardians' and the young person's "Min stemme". */
  familyVoices: Record<string, FamilyGoalVoice[]>;
}

function isUuid(value: unknown): value is string {
  return typeof value === "string" && z.guid().safeParse(value).success;
}

function notFound(): AppError {
  return new AppError("not_found", "errors.notFound");
}

/** The areas, goals and measures of a log, in plan order. */
export async function loadPlan(tx: Tx, logId: string, today: string): Promise<PlanArea[]> {
  const areaRows = await tx
    .select()
    .from(relayLogAreas)
    .where(eq(relayLogAreas.logId, logId))
    .orderBy(asc(relayLogAreas.sortOrder), asc(relayLogAreas.createdAt));
  const goalRows = await tx
    .select()
    .from(relayLogGoals)
    .where(eq(relayLogGoals.logId, logId))
    .orderBy(asc(relayLogGoals.sortOrder), asc(relayLogGoals.createdAt));
  const measureRows = await tx
    .select({
      measure: relayLogMeasures,
      userName: users.name,
      unitName: units.name,
    })
    .from(relayLogMeasures)
    .leftJoin(users, eq(users.id, relayLogMeasures.responsibleUserId))
    .leftJoin(units, eq(units.id, relayLogMeasures.responsibleUnitId))
    .where(eq(relayLogMeasures.logId, logId))
    .orderBy(
      asc(relayLogMeasures.startsOn),
      asc(relayLogMeasures.createdAt),
      asc(relayLogMeasures.id),
    );
  const supportedBy = new Map<string, string[]>();
  for (const { measure } of measureRows) {
    if (measure.supportsMeasureId) {
      const list = supportedBy.get(measure.supportsMeasureId) ?? [];
      list.push(measure.id);
      supportedBy.set(measure.supportsMeasureId, list);
    }
  }
  const measuresByGoal = new Map<string, PlanMeasure[]>();
  for (const { measure, userName, unitName } of measureRows) {
    const list = measuresByGoal.get(measure.goalId) ?? [];
    list.push({
      id: measure.id,
      goalId: measure.goalId,
      what: measure.what,
      responsibleKind: measure.responsibleKind as ResponsibleKind,
      responsibleUserId: measure.responsibleUserId,
      responsibleUserName: userName,
      responsibleUnitId: measure.responsibleUnitId,
      responsibleUnitName: unitName,
      responsibleText: measure.responsibleText,
      place: measure.place as MeasurePlace,
      supportsMeasureId: measure.supportsMeasureId,
      supportedByIds: supportedBy.get(measure.id) ?? [],
      startsOn: measure.startsOn,
      dueOn: measure.dueOn,
      status: measure.status as MeasureStatus,
      overdue: isMeasureOverdue(measure, today),
      lockVersion: measure.lockVersion,
    });
    measuresByGoal.set(measure.goalId, list);
  }
  const goalsByArea = new Map<string, PlanGoal[]>();
  for (const goal of goalRows) {
    const list = goalsByArea.get(goal.areaId) ?? [];
    list.push({
      id: goal.id,
      areaId: goal.areaId,
      text: goal.text,
      expectedOutcome: goal.expectedOutcome,
      lockVersion: goal.lockVersion,
      measures: measuresByGoal.get(goal.id) ?? [],
    });
    goalsByArea.set(goal.areaId, list);
  }
  return areaRows.map((area) => ({
    id: area.id,
    title: area.title,
    description: area.description,
    lockVersion: area.lockVersion,
    goals: goalsByArea.get(area.id) ?? [],
  }));
}

async function loadChoices(tx: Tx, context: LogContext): Promise<PlanChoices> {
  const participants = await tx
    .select({ userId: relayLogParticipants.userId, name: users.name, unitName: units.name })
    .from(relayLogParticipants)
    .innerJoin(users, eq(users.id, relayLogParticipants.userId))
    .innerJoin(units, eq(units.id, relayLogParticipants.unitId))
    .where(and(eq(relayLogParticipants.logId, context.log.id), isNull(relayLogParticipants.leftAt)))
    .orderBy(asc(users.name));
  const logUnits =
    context.log.unitIds.length > 0
      ? await tx
          .select({ id: units.id, name: units.name })
          .from(units)
          .where(inArray(units.id, context.log.unitIds))
          .orderBy(asc(units.name))
      : [];
  // One person may take part for two units; the choice is the person.
  const seen = new Set<string>();
  return {
    participants: participants.filter((row) =>
      seen.has(row.userId) ? false : (seen.add(row.userId), true),
    ),
    units: logUnits,
  };
}

/** The plan page: the log's header, its areas with goals and measures, and the form choices. */
export async function getPlan(input: Common): Promise<PlanPage> {
  const actor = assertRelayLogUser(input.actor);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const context = await requireLog(tx, {
      actor,
      meta: input.meta,
      logId: input.logId,
      need: "read",
      view: "plan",
      ...(input.today ? { today: input.today } : {}),
    });
    return {
      header: await logHeader(tx, context),
      today: context.today,
      areas: await loadPlan(tx, context.log.id, context.today),
      familyVoices: Object.fromEntries(await goalVoicesOf(tx, context.log.id)),
      ...(await loadChoices(tx, context)),
    };
  });
}

/** What removing an item takes with it, for the confirmation step. */
export interface RemovalImpact {
  part: PlanPart;
  goals: number;
  measures: number;
  scores: number;
}

export async function planRemovalImpact(
  input: Common & { itemId: string },
): Promise<RemovalImpact> {
  const actor = assertRelayLogUser(input.actor);
  if (!isUuid(input.itemId)) throw notFound();
  return input.database.tenant(actor.tenantId, async (tx) => {
    const context = await requireLog(tx, {
      actor,
      meta: input.meta,
      logId: input.logId,
      need: "write",
      ...(input.today ? { today: input.today } : {}),
    });
    const logId = context.log.id;
    const part = await partOf(tx, logId, input.itemId);
    if (!part) throw notFound();
    if (part === "measure") return { part, goals: 0, measures: 1, scores: 0 };
    const goalIds =
      part === "goal"
        ? [input.itemId]
        : (
            await tx
              .select({ id: relayLogGoals.id })
              .from(relayLogGoals)
              .where(and(eq(relayLogGoals.logId, logId), eq(relayLogGoals.areaId, input.itemId)))
          ).map((row) => row.id);
    if (goalIds.length === 0) return { part, goals: 0, measures: 0, scores: 0 };
    const [measures] = await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(relayLogMeasures)
      .where(inArray(relayLogMeasures.goalId, goalIds));
    const [scores] = await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(relayLogGoalScores)
      .where(inArray(relayLogGoalScores.goalId, goalIds));
    return {
      part,
      goals: goalIds.length,
      measures: measures?.count ?? 0,
      scores: scores?.count ?? 0,
    };
  });
}

/** Which part of the plan an id names, within this log. */
async function partOf(tx: Tx, logId: string, itemId: string): Promise<PlanPart | null> {
  const [area] = await tx
    .select({ id: relayLogAreas.id })
    .from(relayLogAreas)
    .where(and(eq(relayLogAreas.logId, logId), eq(relayLogAreas.id, itemId)));
  if (area) return "area";
  const [goal] = await tx
    .select({ id: relayLogGoals.id })
    .from(relayLogGoals)
    .where(and(eq(relayLogGoals.logId, logId), eq(relayLogGoals.id, itemId)));
  if (goal) return "goal";
  const [measure] = await tx
    .select({ id: relayLogMeasures.id })
    .from(relayLogMeasures)
    .where(and(eq(relayLogMeasures.logId, logId), eq(relayLogMeasures.id, itemId)));
  return measure ? "measure" : null;
}

// --- Validation ---------------------------------------------------------------------------

const lockVersionField = z.unknown().optional();

const areaSchema = z.strictObject({
  title: z
    .string()
    .trim()
    .min(1, "errors.required")
    .max(AREA_TITLE_MAX, "relayLog.plan.titleTooLong"),
  description: z
    .string()
    .trim()
    .max(AREA_DESCRIPTION_MAX, "relayLog.plan.descriptionTooLong")
    .optional()
    .default(""),
  lockVersion: lockVersionField,
});

const goalSchema = z.strictObject({
  text: z.string().trim().min(1, "errors.required").max(GOAL_TEXT_MAX, "relayLog.plan.goalTooLong"),
  expectedOutcome: z
    .string()
    .trim()
    .max(GOAL_EXPECTED_MAX, "relayLog.plan.expectedTooLong")
    .optional()
    .default(""),
  lockVersion: lockVersionField,
});

const optionalText = z.string().trim().optional().default("");
const dateField = z
  .string({ error: "relayLog.plan.dateRequired" })
  .trim()
  .min(1, "relayLog.plan.dateRequired")
  .refine(isIsoDate, "relayLog.plan.dateFormat");

const measureSchema = z.strictObject({
  what: z
    .string()
    .trim()
    .min(1, "errors.required")
    .max(MEASURE_WHAT_MAX, "relayLog.plan.whatTooLong"),
  responsibleKind: z
    .enum(["", ...responsibleKinds], { error: "relayLog.plan.responsibleRequired" })
    .optional()
    .default(""),
  responsibleUserId: optionalText,
  responsibleUnitId: optionalText,
  responsibleText: z
    .string()
    .trim()
    .max(FAMILY_RESPONSIBLE_MAX, "relayLog.plan.familyTooLong")
    .optional()
    .default(""),
  place: z.enum(measurePlaces, { error: "relayLog.plan.placeRequired" }),
  supportsMeasureId: optionalText,
  startsOn: dateField,
  dueOn: dateField,
  status: z.enum(measureStatuses, { error: "errors.choice" }).optional().default("planned"),
  lockVersion: lockVersionField,
});

type MeasureValues = z.infer<typeof measureSchema>;

/** The typed values as plain strings, for checking the rest of a measure that failed parsing. */
function looseMeasure(raw: unknown): MeasureValues {
  const source = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
  const text = (key: string) => (typeof source[key] === "string" ? source[key].trim() : "");
  const oneOf = <T extends string>(key: string, choices: readonly T[]): T | undefined =>
    (choices as readonly string[]).includes(text(key)) ? (text(key) as T) : undefined;
  const date = (key: string) => (isIsoDate(text(key)) ? text(key) : "");
  return {
    what: text("what"),
    responsibleKind: oneOf("responsibleKind", responsibleKinds) ?? "",
    responsibleUserId: text("responsibleUserId"),
    responsibleUnitId: text("responsibleUnitId"),
    responsibleText: text("responsibleText").slice(0, FAMILY_RESPONSIBLE_MAX),
    place: oneOf("place", measurePlaces) as MeasurePlace,
    supportsMeasureId: text("supportsMeasureId"),
    startsOn: date("startsOn"),
    dueOn: date("dueOn"),
    status: oneOf("status", measureStatuses) ?? "planned",
    lockVersion: source.lockVersion,
  };
}

interface ResolvedMeasure {
  what: string;
  responsibleKind: ResponsibleKind;
  responsibleUserId: string | null;
  responsibleUnitId: string | null;
  responsibleText: string | null;
  place: MeasurePlace;
  supportsMeasureId: string | null;
  startsOn: string;
  dueOn: string;
  status: MeasureStatus;
}

/**
 * Parses a measure and checks it against the log: the responsible person takes part, the
 * responsible service is one of the log's units, the supported measure is a service measure of
 * the same log, and the deadline is not before the start. All failures come back together.
 */
async function resolveMeasure(
  tx: Tx,
  context: LogContext,
  raw: unknown,
  existing?: typeof relayLogMeasures.$inferSelect,
): Promise<ResolvedMeasure> {
  let values: MeasureValues;
  const fieldErrors: Record<string, string> = {};
  try {
    values = parseInput(measureSchema, raw);
  } catch (error) {
    if (!(error instanceof AppError) || !error.fieldErrors) throw error;
    Object.assign(fieldErrors, error.fieldErrors);
    // Keep checking what can be checked, so every error shows at once.
    values = looseMeasure(raw);
  }
  const kind = values.responsibleKind || "";
  let responsibleUserId: string | null = null;
  let responsibleUnitId: string | null = null;
  let responsibleText: string | null = null;
  if (kind === "") {
    fieldErrors.responsibleKind ??= "relayLog.plan.responsibleRequired";
  } else if (kind === "person") {
    const userId = values.responsibleUserId ?? "";
    if (!userId) fieldErrors.responsibleUserId ??= "relayLog.plan.responsibleRequired";
    else if (!isUuid(userId))
      fieldErrors.responsibleUserId ??= "relayLog.plan.responsibleNotParticipant";
    else if (existing?.responsibleKind === "person" && existing.responsibleUserId === userId) {
      responsibleUserId = userId; // unchanged: still valid even if they have since left
    } else {
      const [participant] = await tx
        .select({ id: relayLogParticipants.id })
        .from(relayLogParticipants)
        .where(
          and(
            eq(relayLogParticipants.logId, context.log.id),
            eq(relayLogParticipants.userId, userId),
            isNull(relayLogParticipants.leftAt),
          ),
        )
        .limit(1);
      if (!participant) fieldErrors.responsibleUserId ??= "relayLog.plan.responsibleNotParticipant";
      else responsibleUserId = userId;
    }
  } else if (kind === "service") {
    const unitId = values.responsibleUnitId ?? "";
    if (!unitId) fieldErrors.responsibleUnitId ??= "relayLog.plan.responsibleRequired";
    else if (
      context.log.unitIds.includes(unitId) ||
      (existing?.responsibleKind === "service" && existing.responsibleUnitId === unitId)
    ) {
      responsibleUnitId = unitId;
    } else fieldErrors.responsibleUnitId ??= "relayLog.plan.unitNotInLog";
  } else {
    const text = values.responsibleText ?? "";
    if (!text) fieldErrors.responsibleText ??= "relayLog.plan.responsibleRequired";
    else responsibleText = text;
  }

  let supportsMeasureId: string | null = null;
  const supports = values.supportsMeasureId ?? "";
  if (supports && values.place === "home") {
    if (!isUuid(supports) || supports === existing?.id) {
      fieldErrors.supportsMeasureId ??= "relayLog.plan.supportsInvalid";
    } else {
      const [target] = await tx
        .select({ place: relayLogMeasures.place })
        .from(relayLogMeasures)
        .where(and(eq(relayLogMeasures.logId, context.log.id), eq(relayLogMeasures.id, supports)));
      if (!target || target.place !== "service") {
        fieldErrors.supportsMeasureId ??= "relayLog.plan.supportsInvalid";
      } else supportsMeasureId = supports;
    }
  }

  if (
    values.startsOn &&
    values.dueOn &&
    !fieldErrors.startsOn &&
    !fieldErrors.dueOn &&
    values.dueOn < values.startsOn
  ) {
    fieldErrors.dueOn = "relayLog.plan.deadlineBeforeStart";
  }
  if (Object.keys(fieldErrors).length > 0) {
    throw new AppError("validation", "errors.validation", { fieldErrors });
  }
  return {
    what: values.what,
    responsibleKind: kind as ResponsibleKind,
    responsibleUserId,
    responsibleUnitId,
    responsibleText,
    place: values.place,
    supportsMeasureId,
    startsOn: values.startsOn,
    dueOn: values.dueOn,
    status: values.status,
  };
}

/** The names of the fields whose value differs between the stored row and the new values. */
function changedFields<T extends Record<string, unknown>>(stored: T, next: Partial<T>): string[] {
  return Object.keys(next).filter((key) => stored[key] !== next[key as keyof T]);
}

async function writeContext(tx: Tx, input: Common, actor: Actor): Promise<LogContext> {
  return requireLog(tx, {
    actor,
    meta: input.meta,
    logId: input.logId,
    need: "write",
    ...(input.today ? { today: input.today } : {}),
  });
}

async function auditPlan(
  tx: Tx,
  input: Common,
  context: LogContext,
  details: {
    part: PlanPart;
    id: string;
    action: "created" | "updated" | "removed";
    fields: string[];
  },
): Promise<void> {
  await auditLogChange(tx, {
    type: "relaylog.plan_changed",
    actor: input.actor,
    meta: input.meta,
    log: context.log,
    details,
  });
  await notifyFamily(tx, { log: context.log, kind: "plan" });
}

// --- Areas -------------------------------------------------------------------------------

export async function createArea(input: Common & { values: unknown }) {
  const actor = assertRelayLogUser(input.actor);
  const values = parseInput(areaSchema, input.values);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const context = await writeContext(tx, input, actor);
    const [last] = await tx
      .select({ sort: max(relayLogAreas.sortOrder) })
      .from(relayLogAreas)
      .where(eq(relayLogAreas.logId, context.log.id));
    const [area] = await tx
      .insert(relayLogAreas)
      .values({
        tenantId: context.log.tenantId,
        logId: context.log.id,
        title: values.title,
        description: values.description,
        sortOrder: (last?.sort ?? -1) + 1,
        createdBy: actor.userId,
      })
      .returning();
    await auditPlan(tx, input, context, {
      part: "area",
      id: area!.id,
      action: "created",
      fields: values.description ? ["title", "description"] : ["title"],
    });
    return area!;
  });
}

export async function updateArea(input: Common & { areaId: string; values: unknown }) {
  const actor = assertRelayLogUser(input.actor);
  if (!isUuid(input.areaId)) throw notFound();
  const values = parseInput(areaSchema, input.values);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const context = await writeContext(tx, input, actor);
    const [stored] = await tx
      .select()
      .from(relayLogAreas)
      .where(and(eq(relayLogAreas.logId, context.log.id), eq(relayLogAreas.id, input.areaId)));
    if (!stored) throw notFound();
    assertLockVersion(stored.lockVersion, values.lockVersion);
    const next = { title: values.title, description: values.description };
    const [area] = await tx
      .update(relayLogAreas)
      .set({ ...next, lockVersion: stored.lockVersion + 1, updatedAt: new Date() })
      .where(
        and(eq(relayLogAreas.id, stored.id), eq(relayLogAreas.lockVersion, stored.lockVersion)),
      )
      .returning();
    if (!area) throw new AppError("conflict", "relayLog.conflict");
    await auditPlan(tx, input, context, {
      part: "area",
      id: area.id,
      action: "updated",
      fields: changedFields(stored, next),
    });
    return area;
  });
}

// --- Goals -------------------------------------------------------------------------------

export async function createGoal(input: Common & { areaId: string; values: unknown }) {
  const actor = assertRelayLogUser(input.actor);
  if (!isUuid(input.areaId)) throw notFound();
  const values = parseInput(goalSchema, input.values);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const context = await writeContext(tx, input, actor);
    const [area] = await tx
      .select({ id: relayLogAreas.id })
      .from(relayLogAreas)
      .where(and(eq(relayLogAreas.logId, context.log.id), eq(relayLogAreas.id, input.areaId)));
    if (!area) throw notFound();
    const [last] = await tx
      .select({ sort: max(relayLogGoals.sortOrder) })
      .from(relayLogGoals)
      .where(and(eq(relayLogGoals.logId, context.log.id), eq(relayLogGoals.areaId, area.id)));
    const [goal] = await tx
      .insert(relayLogGoals)
      .values({
        tenantId: context.log.tenantId,
        logId: context.log.id,
        areaId: area.id,
        text: values.text,
        expectedOutcome: values.expectedOutcome,
        sortOrder: (last?.sort ?? -1) + 1,
        createdBy: actor.userId,
      })
      .returning();
    await auditPlan(tx, input, context, {
      part: "goal",
      id: goal!.id,
      action: "created",
      fields: values.expectedOutcome ? ["text", "expectedOutcome"] : ["text"],
    });
    return goal!;
  });
}

export async function updateGoal(input: Common & { goalId: string; values: unknown }) {
  const actor = assertRelayLogUser(input.actor);
  if (!isUuid(input.goalId)) throw notFound();
  const values = parseInput(goalSchema, input.values);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const context = await writeContext(tx, input, actor);
    const [stored] = await tx
      .select()
      .from(relayLogGoals)
      .where(and(eq(relayLogGoals.logId, context.log.id), eq(relayLogGoals.id, input.goalId)));
    if (!stored) throw notFound();
    assertLockVersion(stored.lockVersion, values.lockVersion);
    const next = { text: values.text, expectedOutcome: values.expectedOutcome };
    const [goal] = await tx
      .update(relayLogGoals)
      .set({ ...next, lockVersion: stored.lockVersion + 1, updatedAt: new Date() })
      .where(
        and(eq(relayLogGoals.id, stored.id), eq(relayLogGoals.lockVersion, stored.lockVersion)),
      )
      .returning();
    if (!goal) throw new AppError("conflict", "relayLog.conflict");
    await auditPlan(tx, input, context, {
      part: "goal",
      id: goal.id,
      action: "updated",
      fields: changedFields(stored, next),
    });
    return goal;
  });
}

// --- Measures ----------------------------------------------------------------------------

export async function createMeasure(input: Common & { goalId: string; values: unknown }) {
  const actor = assertRelayLogUser(input.actor);
  if (!isUuid(input.goalId)) throw notFound();
  return input.database.tenant(actor.tenantId, async (tx) => {
    const context = await writeContext(tx, input, actor);
    const [goal] = await tx
      .select({ id: relayLogGoals.id })
      .from(relayLogGoals)
      .where(and(eq(relayLogGoals.logId, context.log.id), eq(relayLogGoals.id, input.goalId)));
    if (!goal) throw notFound();
    const values = await resolveMeasure(tx, context, input.values);
    const [measure] = await tx
      .insert(relayLogMeasures)
      .values({
        tenantId: context.log.tenantId,
        logId: context.log.id,
        goalId: goal.id,
        ...values,
        createdBy: actor.userId,
      })
      .returning();
    await auditPlan(tx, input, context, {
      part: "measure",
      id: measure!.id,
      action: "created",
      fields: Object.entries(values)
        .filter(([, value]) => value !== null && value !== "")
        .map(([key]) => key),
    });
    return measure!;
  });
}

export async function updateMeasure(input: Common & { measureId: string; values: unknown }) {
  const actor = assertRelayLogUser(input.actor);
  if (!isUuid(input.measureId)) throw notFound();
  return input.database.tenant(actor.tenantId, async (tx) => {
    const context = await writeContext(tx, input, actor);
    const [stored] = await tx
      .select()
      .from(relayLogMeasures)
      .where(
        and(eq(relayLogMeasures.logId, context.log.id), eq(relayLogMeasures.id, input.measureId)),
      );
    if (!stored) throw notFound();
    // A stale form is a conflict before anything else: the user must see the new version.
    assertLockVersion(stored.lockVersion, (input.values as { lockVersion?: unknown })?.lockVersion);
    const next = await resolveMeasure(tx, context, input.values, stored);
    const [measure] = await tx
      .update(relayLogMeasures)
      .set({ ...next, lockVersion: stored.lockVersion + 1, updatedAt: new Date() })
      .where(
        and(
          eq(relayLogMeasures.id, stored.id),
          eq(relayLogMeasures.lockVersion, stored.lockVersion),
        ),
      )
      .returning();
    if (!measure) throw new AppError("conflict", "relayLog.conflict");
    // A measure that moved home is no longer a service measure anything can support.
    if (stored.place === "service" && next.place === "home") {
      await unpair(tx, context.log.id, [stored.id]);
    }
    await auditPlan(tx, input, context, {
      part: "measure",
      id: measure.id,
      action: "updated",
      fields: changedFields(stored, next),
    });
    return measure;
  });
}

/** Home measures that supported the given service measures lose the pairing (no FK does it). */
async function unpair(tx: Tx, logId: string, measureIds: string[]): Promise<void> {
  if (measureIds.length === 0) return;
  await tx
    .update(relayLogMeasures)
    .set({
      supportsMeasureId: null,
      lockVersion: sql`${relayLogMeasures.lockVersion} + 1`,
      updatedAt: new Date(),
    })
    .where(
      and(
        eq(relayLogMeasures.logId, logId),
        inArray(relayLogMeasures.supportsMeasureId, measureIds),
      ),
    );
}

// --- Removal -----------------------------------------------------------------------------

/**
 * Removes an area (with its goals, measures and their scores), a goal (with its measures and
 * scores) or a measure. The route asks for confirmation first; the lock version guards against
 * removing something another user just changed.
 */
export async function removePlanItem(
  input: Common & { itemId: string; values: unknown },
): Promise<{ part: PlanPart }> {
  const actor = assertRelayLogUser(input.actor);
  if (!isUuid(input.itemId)) throw notFound();
  const seen = (input.values as { lockVersion?: unknown } | null)?.lockVersion;
  return input.database.tenant(actor.tenantId, async (tx) => {
    const context = await writeContext(tx, input, actor);
    const logId = context.log.id;
    const part = await partOf(tx, logId, input.itemId);
    if (!part) throw notFound();
    const table =
      part === "area" ? relayLogAreas : part === "goal" ? relayLogGoals : relayLogMeasures;
    const [stored] = await tx
      .select({ lockVersion: table.lockVersion })
      .from(table)
      .where(eq(table.id, input.itemId));
    assertLockVersion(stored!.lockVersion, seen);
    // The measures that go with it: home measures elsewhere that supported them are unpaired.
    const goneMeasures =
      part === "measure"
        ? [input.itemId]
        : (
            await tx
              .select({ id: relayLogMeasures.id })
              .from(relayLogMeasures)
              .innerJoin(relayLogGoals, eq(relayLogGoals.id, relayLogMeasures.goalId))
              .where(
                part === "goal"
                  ? eq(relayLogGoals.id, input.itemId)
                  : eq(relayLogGoals.areaId, input.itemId),
              )
          ).map((row) => row.id);
    const deleted = await tx
      .delete(table)
      .where(and(eq(table.id, input.itemId), eq(table.lockVersion, stored!.lockVersion)))
      .returning({ id: table.id });
    if (deleted.length === 0) throw new AppError("conflict", "relayLog.conflict");
    await unpair(tx, logId, goneMeasures);
    await auditPlan(tx, input, context, { part, id: input.itemId, action: "removed", fields: [] });
    return { part };
  });
}
