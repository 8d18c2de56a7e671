import { and, asc, count, desc, eq, gt, inArray, isNull, lte, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "../../db/client.ts";
import {
  coreComponents,
  notifications,
  trainingEvaluations,
  trainingEvents,
  trainingInvitations,
  trainingRegistrations,
  units,
  users,
  userUnits,
} from "../../db/schema/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import { assertCan, can } from "../access/policy.ts";
import { isStaffRole, rolePermissions } from "../access/roles.ts";
import { recordAudit } from "../audit/audit.ts";
import { AppError, type FieldErrors } from "../errors.ts";
import { isIsoDate, osloDate } from "../platform/dates.ts";
import { fieldErrorsFrom, parseInput } from "../platform/validation.ts";
import { isClockTime, osloLocalToUtc, utcToOsloLocal } from "../relay-log/meeting-time.ts";
import { asStaff, type StaffActor } from "./scope.ts";
import {
  averageScore,
  deadlinePassed,
  EVALUATION_TEXT_MAX,
  EVENT_CAPACITY_MAX,
  EVENT_DESCRIPTION_MAX,
  EVENT_PLACE_MAX,
  EVENT_TITLE_MAX,
  hasFreePlace,
  MIN_EVALUATION_ANSWERS,
  registrationState,
  TRAINING_EVENTS_PAGE_SIZE,
  trainingEventKinds,
  type RegistrationState,
  type TrainingEventKind,
} from "./training-rules.ts";
import { toCsv } from "../platform/csv.ts";

export * from "./training-rules.ts";

/**
 * Training (opplæring): the kick-off, the yearly seminar, the shared planning day and courses.
 *
 * - The coordinator (implementation.manage) creates, edits and cancels events, invites units,
 *   and records attendance afterwards; everyone with implementation.view reads the admin pages.
 * - Staff (competence.use) see the events a unit of theirs is invited to, register for one of
 *   their units, unregister before the start, and give an anonymous evaluation once after
 *   attending. An event no unit is invited to is not yet shown to staff.
 * - The evaluation is stored without any link to the person; the registration only records
 *   that they answered (evaluated_at), in the same transaction. Results are shown only from
 *   MIN_EVALUATION_ANSWERS answers.
 * - Audit details hold ids, field names and counts, never typed text.
 */

type EventRow = typeof trainingEvents.$inferSelect;

interface Base {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  /** The clock, for tests. */
  now?: Date;
}

const P = "implementation.training.errors";

// ---------------------------------------------------------------- validation

const blank = (value: unknown) =>
  value === undefined || value === null || (typeof value === "string" && value.trim() === "");

const requiredText = (max: number, key: string) =>
  z.preprocess(
    (value) => (value === undefined || value === null ? "" : value),
    z.string().trim().min(1, { message: key }).max(max, { message: "errors.tooLong" }),
  );

const optionalText = (max: number) =>
  z.preprocess(
    (value) => (value === undefined || value === null ? "" : value),
    z.string().trim().max(max, { message: "errors.tooLong" }),
  );

const eventSchema = z.object({
  title: requiredText(EVENT_TITLE_MAX, `${P}.title`),
  kind: z.enum(trainingEventKinds, { message: `${P}.kind` }),
  description: optionalText(EVENT_DESCRIPTION_MAX),
  date: z.preprocess(
    (value) => (typeof value === "string" ? value.trim() : ""),
    z.string().refine(isIsoDate, { message: `${P}.date` }),
  ),
  startTime: z.preprocess(
    (value) => (typeof value === "string" ? value.trim() : ""),
    z.string().refine(isClockTime, { message: `${P}.time` }),
  ),
  endTime: z.preprocess(
    (value) => (typeof value === "string" ? value.trim() : ""),
    z.string().refine(isClockTime, { message: `${P}.time` }),
  ),
  place: requiredText(EVENT_PLACE_MAX, `${P}.place`),
  capacity: z.preprocess(
    (value) =>
      blank(value)
        ? null
        : typeof value === "string" && /^\s*\d{1,6}\s*$/.test(value)
          ? Number(value)
          : value,
    z
      .number({ message: `${P}.capacity` })
      .int({ message: `${P}.capacity` })
      .min(1, { message: `${P}.capacity` })
      .max(EVENT_CAPACITY_MAX, { message: `${P}.capacity` })
      .nullable(),
  ),
  registrationDeadline: z.preprocess(
    (value) => (blank(value) ? null : typeof value === "string" ? value.trim() : value),
    z
      .string()
      .refine(isIsoDate, { message: `${P}.deadline` })
      .nullable(),
  ),
  componentId: z.preprocess(
    (value) => (blank(value) ? null : value),
    z.guid({ message: `${P}.component` }).nullable(),
  ),
});

export type TrainingEventInput = z.infer<typeof eventSchema>;

/**
 * The event form's values. The checks between fields (end after start, deadline not after the
 * event) run on what was typed even when another field is wrong, so every message comes at once.
 */
function parseEvent(input: unknown): TrainingEventInput {
  const result = eventSchema.safeParse(input, { reportInput: true });
  const fieldErrors: FieldErrors = result.success ? {} : fieldErrorsFrom(result.error);
  const raw = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  const typed = (key: string) => (typeof raw[key] === "string" ? (raw[key] as string).trim() : "");
  const [start, end, date, deadline] = [
    typed("startTime"),
    typed("endTime"),
    typed("date"),
    typed("registrationDeadline"),
  ];
  if (!fieldErrors.endTime && isClockTime(start) && isClockTime(end) && end <= start) {
    fieldErrors.endTime = `${P}.endBeforeStart`;
  }
  if (
    !fieldErrors.registrationDeadline &&
    isIsoDate(deadline) &&
    isIsoDate(date) &&
    deadline > date
  ) {
    fieldErrors.registrationDeadline = `${P}.deadlineAfterEvent`;
  }
  if (result.success && Object.keys(fieldErrors).length === 0) return result.data;
  throw new AppError("validation", "errors.validation", { fieldErrors });
}

const scoreSchema = (key: string) =>
  z.preprocess(
    (value) => (typeof value === "string" ? value.trim() : value),
    z.enum(["1", "2", "3", "4", "5"], { message: key }).transform(Number),
  );

const evaluationSchema = z.object({
  overall: scoreSchema(`${P}.score`),
  usefulness: scoreSchema(`${P}.score`),
  bestPart: optionalText(EVALUATION_TEXT_MAX),
  improve: optionalText(EVALUATION_TEXT_MAX),
});

// ---------------------------------------------------------------- shared reads

function assertId(id: string): void {
  if (!z.guid().safeParse(id).success) throw new AppError("not_found", "errors.notFound");
}

function viewer(actor: Actor): StaffActor {
  const staff = asStaff(actor);
  assertCan(staff, "implementation.view");
  return staff;
}

function manager(actor: Actor): StaffActor {
  const staff = asStaff(actor);
  assertCan(staff, "implementation.manage");
  return staff;
}

function learner(actor: Actor): StaffActor {
  const staff = asStaff(actor);
  assertCan(staff, "competence.use");
  return staff;
}

async function loadEvent(
  tx: Tx,
  tenantId: string,
  eventId: string,
  options: { lock?: boolean } = {},
): Promise<EventRow> {
  assertId(eventId);
  const query = tx
    .select()
    .from(trainingEvents)
    .where(and(eq(trainingEvents.tenantId, tenantId), eq(trainingEvents.id, eventId)));
  const [row] = options.lock ? await query.for("update") : await query;
  if (!row) throw new AppError("not_found", "errors.notFound");
  return row;
}

async function registeredCounts(tx: Tx, eventIds: string[]): Promise<Map<string, number>> {
  if (eventIds.length === 0) return new Map();
  const rows = await tx
    .select({ eventId: trainingRegistrations.eventId, total: count() })
    .from(trainingRegistrations)
    .where(inArray(trainingRegistrations.eventId, eventIds))
    .groupBy(trainingRegistrations.eventId);
  return new Map(rows.map((row) => [row.eventId, row.total]));
}

async function invitedUnitIdsOf(tx: Tx, eventId: string): Promise<string[]> {
  const rows = await tx
    .select({ unitId: trainingInvitations.unitId })
    .from(trainingInvitations)
    .where(eq(trainingInvitations.eventId, eventId));
  return rows.map((row) => row.unitId);
}

/** The municipality's core components in their order, for the event and material forms. */
export async function componentOptions(
  tx: Tx,
  tenantId: string,
): Promise<{ id: string; title: string }[]> {
  return tx
    .select({ id: coreComponents.id, title: coreComponents.title })
    .from(coreComponents)
    .where(eq(coreComponents.tenantId, tenantId))
    .orderBy(asc(coreComponents.position), asc(coreComponents.title));
}

async function componentOf(
  tx: Tx,
  tenantId: string,
  componentId: string | null,
): Promise<{ id: string; title: string } | null> {
  if (!componentId) return null;
  const [row] = await tx
    .select({ id: coreComponents.id, title: coreComponents.title })
    .from(coreComponents)
    .where(and(eq(coreComponents.tenantId, tenantId), eq(coreComponents.id, componentId)));
  return row ?? null;
}

export interface TrainingEventSummary {
  id: string;
  kind: TrainingEventKind;
  title: string;
  date: string;
  startTime: string;
  endTime: string;
  place: string;
  capacity: number | null;
  registrationDeadline: string | null;
  registeredCount: number;
  cancelled: boolean;
  /** Ended (endsAt passed). */
  over: boolean;
  /** Started (startsAt passed): attendance may be recorded. */
  started: boolean;
}

export interface TrainingEventDetails extends TrainingEventSummary {
  description: string;
  startsAt: string;
  endsAt: string;
  componentId: string | null;
  componentTitle: string | null;
}

function summaryOf(row: EventRow, registeredCount: number, now: Date): TrainingEventSummary {
  const start = utcToOsloLocal(row.startsAt);
  const end = utcToOsloLocal(row.endsAt);
  return {
    id: row.id,
    kind: row.kind as TrainingEventKind,
    title: row.title,
    date: start.date,
    startTime: start.time,
    endTime: end.time,
    place: row.place,
    capacity: row.capacity,
    registrationDeadline: row.registrationDeadline,
    registeredCount,
    cancelled: row.cancelledAt !== null,
    over: row.endsAt.getTime() <= now.getTime(),
    started: row.startsAt.getTime() <= now.getTime(),
  };
}

async function detailsOf(
  tx: Tx,
  row: EventRow,
  registeredCount: number,
  now: Date,
): Promise<TrainingEventDetails> {
  const component = await componentOf(tx, row.tenantId, row.componentId);
  return {
    ...summaryOf(row, registeredCount, now),
    description: row.description,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    componentId: component?.id ?? null,
    componentTitle: component?.title ?? null,
  };
}

// ---------------------------------------------------------------- the coordinator's pages

/**
 * The coordinator's list: upcoming events soonest first (all of them), and earlier ones newest
 * first, 25 a page.
 */
export async function listTrainingEvents(input: {
  database: Database;
  actor: Actor;
  page?: number;
  now?: Date;
}): Promise<{
  upcoming: TrainingEventSummary[];
  past: TrainingEventSummary[];
  page: number;
  pages: number;
  canManage: boolean;
}> {
  const actor = viewer(input.actor);
  const now = input.now ?? new Date();
  return input.database.tenant(actor.tenantId, async (tx) => {
    const upcomingRows = await tx
      .select()
      .from(trainingEvents)
      .where(and(eq(trainingEvents.tenantId, actor.tenantId), gt(trainingEvents.endsAt, now)))
      .orderBy(asc(trainingEvents.startsAt));
    const pastWhere = and(
      eq(trainingEvents.tenantId, actor.tenantId),
      lte(trainingEvents.endsAt, now),
    );
    const [totals] = await tx.select({ total: count() }).from(trainingEvents).where(pastWhere);
    const pages = Math.max(Math.ceil((totals?.total ?? 0) / TRAINING_EVENTS_PAGE_SIZE), 1);
    const requested = Number.isInteger(input.page) ? input.page! : 1;
    const page = Math.min(Math.max(requested, 1), pages);
    const pastRows = await tx
      .select()
      .from(trainingEvents)
      .where(pastWhere)
      .orderBy(desc(trainingEvents.startsAt), desc(trainingEvents.id))
      .limit(TRAINING_EVENTS_PAGE_SIZE)
      .offset((page - 1) * TRAINING_EVENTS_PAGE_SIZE);
    const counts = await registeredCounts(
      tx,
      [...upcomingRows, ...pastRows].map((r) => r.id),
    );
    return {
      upcoming: upcomingRows.map((row) => summaryOf(row, counts.get(row.id) ?? 0, now)),
      past: pastRows.map((row) => summaryOf(row, counts.get(row.id) ?? 0, now)),
      page,
      pages,
      canManage: can(actor, "implementation.manage"),
    };
  });
}

/** The core components to choose from on the new-event form. */
export async function trainingFormOptions(input: {
  database: Database;
  actor: Actor;
}): Promise<{ components: { id: string; title: string }[] }> {
  const actor = manager(input.actor);
  return input.database.tenant(actor.tenantId, async (tx) => ({
    components: await componentOptions(tx, actor.tenantId),
  }));
}

export interface RegistrationRow {
  id: string;
  userId: string;
  name: string;
  unitName: string | null;
  registeredAt: string;
  attended: boolean | null;
}

export type EvaluationResults =
  | { shown: false; answers: number }
  | {
      shown: true;
      answers: number;
      overall: number;
      usefulness: number;
      bestParts: string[];
      improvements: string[];
    };

async function registrationsOf(tx: Tx, eventId: string): Promise<RegistrationRow[]> {
  const rows = await tx
    .select({
      id: trainingRegistrations.id,
      userId: trainingRegistrations.userId,
      name: users.name,
      unitName: units.name,
      createdAt: trainingRegistrations.createdAt,
      attended: trainingRegistrations.attended,
    })
    .from(trainingRegistrations)
    .innerJoin(users, eq(users.id, trainingRegistrations.userId))
    .leftJoin(units, eq(units.id, trainingRegistrations.unitId))
    .where(eq(trainingRegistrations.eventId, eventId))
    .orderBy(asc(users.name), asc(trainingRegistrations.id));
  return rows.map((row) => ({
    id: row.id,
    userId: row.userId,
    name: row.name,
    unitName: row.unitName,
    registeredAt: row.createdAt.toISOString(),
    attended: row.attended,
  }));
}

async function evaluationResults(tx: Tx, eventId: string): Promise<EvaluationResults> {
  // In id order (random uuids), never by time: the order must not hint at who answered when.
  const rows = await tx
    .select({
      overall: trainingEvaluations.overall,
      usefulness: trainingEvaluations.usefulness,
      bestPart: trainingEvaluations.bestPart,
      improve: trainingEvaluations.improve,
    })
    .from(trainingEvaluations)
    .where(eq(trainingEvaluations.eventId, eventId))
    .orderBy(asc(trainingEvaluations.id));
  if (rows.length < MIN_EVALUATION_ANSWERS) return { shown: false, answers: rows.length };
  return {
    shown: true,
    answers: rows.length,
    overall: averageScore(rows.map((row) => row.overall))!,
    usefulness: averageScore(rows.map((row) => row.usefulness))!,
    bestParts: rows.map((row) => row.bestPart).filter((text) => text !== ""),
    improvements: rows.map((row) => row.improve).filter((text) => text !== ""),
  };
}

/** The coordinator's page of one event: details, invitations, registrations and results. */
export async function getTrainingEventAdmin(input: {
  database: Database;
  actor: Actor;
  eventId: string;
  now?: Date;
}): Promise<{
  event: TrainingEventDetails;
  units: { id: string; name: string }[];
  invitedUnitIds: string[];
  registrations: RegistrationRow[];
  results: EvaluationResults;
  components: { id: string; title: string }[];
  canManage: boolean;
}> {
  const actor = viewer(input.actor);
  const now = input.now ?? new Date();
  return input.database.tenant(actor.tenantId, async (tx) => {
    const row = await loadEvent(tx, actor.tenantId, input.eventId);
    const registrations = await registrationsOf(tx, row.id);
    const invitedUnitIds = await invitedUnitIdsOf(tx, row.id);
    const activeUnits = await tx
      .select({ id: units.id, name: units.name })
      .from(units)
      .where(and(eq(units.tenantId, actor.tenantId), eq(units.active, true)))
      .orderBy(asc(units.name));
    return {
      event: await detailsOf(tx, row, registrations.length, now),
      units: activeUnits,
      invitedUnitIds,
      registrations,
      results: await evaluationResults(tx, row.id),
      components: await componentOptions(tx, actor.tenantId),
      canManage: can(actor, "implementation.manage"),
    };
  });
}

async function assertComponent(tx: Tx, tenantId: string, componentId: string | null) {
  if (!componentId) return;
  if (!(await componentOf(tx, tenantId, componentId))) {
    throw new AppError("validation", "errors.validation", {
      fieldErrors: { componentId: `${P}.component` },
    });
  }
}

function eventValues(values: TrainingEventInput) {
  return {
    kind: values.kind,
    title: values.title,
    description: values.description,
    startsAt: osloLocalToUtc(values.date, values.startTime),
    endsAt: osloLocalToUtc(values.date, values.endTime),
    place: values.place,
    capacity: values.capacity,
    registrationDeadline: values.registrationDeadline,
    componentId: values.componentId,
  };
}

export async function createTrainingEvent(
  input: Base & { values: unknown },
): Promise<TrainingEventDetails> {
  const actor = manager(input.actor);
  const values = parseEvent(input.values);
  const now = input.now ?? new Date();
  return input.database.tenant(actor.tenantId, async (tx) => {
    await assertComponent(tx, actor.tenantId, values.componentId);
    const [row] = await tx
      .insert(trainingEvents)
      .values({ tenantId: actor.tenantId, ...eventValues(values), createdBy: actor.userId })
      .returning();
    await recordAudit(tx, {
      type: "training.event_saved",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "training_event", id: row!.id },
      details: { created: true, kind: row!.kind },
    });
    return detailsOf(tx, row!, 0, now);
  });
}

const auditedEventFields = [
  "kind",
  "title",
  "description",
  "startsAt",
  "endsAt",
  "place",
  "capacity",
  "registrationDeadline",
  "componentId",
] as const;

export async function updateTrainingEvent(
  input: Base & { eventId: string; values: unknown },
): Promise<TrainingEventDetails> {
  const actor = manager(input.actor);
  assertId(input.eventId);
  const values = parseEvent(input.values);
  const now = input.now ?? new Date();
  return input.database.tenant(actor.tenantId, async (tx) => {
    const before = await loadEvent(tx, actor.tenantId, input.eventId, { lock: true });
    if (before.cancelledAt) throw new AppError("conflict", `${P}.cancelled`);
    await assertComponent(tx, actor.tenantId, values.componentId);
    const registered = (await registeredCounts(tx, [before.id])).get(before.id) ?? 0;
    if (values.capacity !== null && values.capacity < registered) {
      throw new AppError("validation", "errors.validation", {
        fieldErrors: { capacity: `${P}.capacityBelowRegistered` },
      });
    }
    const [row] = await tx
      .update(trainingEvents)
      .set({ ...eventValues(values), updatedAt: new Date() })
      .where(eq(trainingEvents.id, before.id))
      .returning();
    const fields = auditedEventFields.filter(
      (field) => JSON.stringify(before[field]) !== JSON.stringify(row![field]),
    );
    if (fields.length > 0) {
      await recordAudit(tx, {
        type: "training.event_saved",
        tenantId: actor.tenantId,
        actor,
        meta: input.meta,
        subject: { type: "training_event", id: row!.id },
        details: { fields },
      });
    }
    return detailsOf(tx, row!, registered, now);
  });
}

/** Cancels an event (kept, marked «Avlyst»); registrations stay so people can see it. */
export async function cancelTrainingEvent(input: Base & { eventId: string }): Promise<void> {
  const actor = manager(input.actor);
  await input.database.tenant(actor.tenantId, async (tx) => {
    const row = await loadEvent(tx, actor.tenantId, input.eventId, { lock: true });
    if (row.cancelledAt) throw new AppError("conflict", `${P}.cancelled`);
    await tx
      .update(trainingEvents)
      .set({ cancelledAt: new Date(), updatedAt: new Date() })
      .where(eq(trainingEvents.id, row.id));
    const registered = (await registeredCounts(tx, [row.id])).get(row.id) ?? 0;
    await recordAudit(tx, {
      type: "training.event_cancelled",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "training_event", id: row.id },
      details: { registrations: registered },
    });
  });
}

/** Staff roles that use the training pages (every staff role but the administrator). */
function usesTraining(roles: readonly string[]): boolean {
  return roles.some((role) => isStaffRole(role) && rolePermissions[role]["competence.use"]);
}

/** The date an event's notifications carry in their dedupe key (its day in Norway). */
function eventDay(row: EventRow): string {
  return utcToOsloLocal(row.startsAt).date;
}

export const trainingEventPath = (eventId: string) => `/opplaering/${eventId}`;

/**
 * Sets which active units are invited (the checked boxes; `all` invites every active unit).
 * Units that are newly invited have their active staff told (a `training_invitation`
 * notification each, once per person and event date); removing a unit tells no one and keeps
 * its people's registrations. Invitations of units since deactivated are left as they are.
 */
export async function setTrainingInvitations(
  input: Base & { eventId: string; unitIds: unknown; all?: boolean },
): Promise<{ added: number; removed: number; notified: number }> {
  const actor = manager(input.actor);
  const requested = input.unitIds === undefined || input.unitIds === null ? [] : input.unitIds;
  const list = Array.isArray(requested) ? requested : [requested];
  if (!list.every((id) => typeof id === "string" && z.guid().safeParse(id).success)) {
    throw new AppError("validation", "errors.validation", {
      fieldErrors: { unitIds: `${P}.unit` },
    });
  }
  return input.database.tenant(actor.tenantId, async (tx) => {
    const row = await loadEvent(tx, actor.tenantId, input.eventId, { lock: true });
    if (row.cancelledAt) throw new AppError("conflict", `${P}.cancelled`);
    const activeUnits = await tx
      .select({ id: units.id })
      .from(units)
      .where(and(eq(units.tenantId, actor.tenantId), eq(units.active, true)));
    const activeIds = new Set(activeUnits.map((unit) => unit.id));
    const wanted = new Set(input.all ? activeIds : (list as string[]));
    for (const id of wanted) {
      if (!activeIds.has(id)) {
        throw new AppError("validation", "errors.validation", {
          fieldErrors: { unitIds: `${P}.unit` },
        });
      }
    }
    const current = new Set(await invitedUnitIdsOf(tx, row.id));
    const added = [...wanted].filter((id) => !current.has(id));
    const removed = [...current].filter((id) => activeIds.has(id) && !wanted.has(id));
    if (removed.length > 0) {
      await tx
        .delete(trainingInvitations)
        .where(
          and(
            eq(trainingInvitations.eventId, row.id),
            inArray(trainingInvitations.unitId, removed),
          ),
        );
    }
    let notified = 0;
    if (added.length > 0) {
      await tx
        .insert(trainingInvitations)
        .values(
          added.map((unitId) => ({
            tenantId: actor.tenantId,
            eventId: row.id,
            unitId,
            invitedBy: actor.userId,
          })),
        )
        .onConflictDoNothing();
      notified = await notifyInvited(tx, row, added, input.now ?? new Date());
    }
    if (added.length > 0 || removed.length > 0) {
      await recordAudit(tx, {
        type: "training.invited",
        tenantId: actor.tenantId,
        actor,
        meta: input.meta,
        subject: { type: "training_event", id: row.id },
        details: { addedUnitIds: added, removedUnitIds: removed, notified },
      });
    }
    return { added: added.length, removed: removed.length, notified };
  });
}

/** One `training_invitation` per active staff member of these units (not yet registered). */
async function notifyInvited(tx: Tx, row: EventRow, unitIds: string[], now: Date): Promise<number> {
  if (row.endsAt.getTime() <= now.getTime()) return 0;
  const staff = await tx
    .selectDistinct({ id: users.id, roles: users.roles })
    .from(userUnits)
    .innerJoin(users, eq(users.id, userUnits.userId))
    .where(
      and(
        eq(userUnits.tenantId, row.tenantId),
        inArray(userUnits.unitId, unitIds),
        eq(users.active, true),
      ),
    );
  const registered = new Set(
    (
      await tx
        .select({ userId: trainingRegistrations.userId })
        .from(trainingRegistrations)
        .where(eq(trainingRegistrations.eventId, row.id))
    ).map((r) => r.userId),
  );
  const recipients = staff.filter((user) => usesTraining(user.roles) && !registered.has(user.id));
  if (recipients.length === 0) return 0;
  const day = eventDay(row);
  const inserted = await tx
    .insert(notifications)
    .values(
      recipients.map((user) => ({
        tenantId: row.tenantId,
        userId: user.id,
        kind: "training_invitation",
        logId: null,
        link: trainingEventPath(row.id),
        dedupeKey: `training_invitation|${row.id}|${day}|${user.id}`,
      })),
    )
    .onConflictDoNothing({ target: [notifications.tenantId, notifications.dedupeKey] })
    .returning({ id: notifications.id });
  return inserted.length;
}

/**
 * Records who came (present/absent per registration), once the event has started. Those marked
 * present who have not yet evaluated are asked to (a `training_evaluation` notification each).
 */
export async function recordTrainingAttendance(
  input: Base & {
    eventId: string;
    attendance: { registrationId: string; present: boolean }[];
  },
): Promise<{ recorded: number; notified: number }> {
  const actor = manager(input.actor);
  const now = input.now ?? new Date();
  return input.database.tenant(actor.tenantId, async (tx) => {
    const row = await loadEvent(tx, actor.tenantId, input.eventId, { lock: true });
    if (row.cancelledAt) throw new AppError("conflict", `${P}.cancelled`);
    if (row.startsAt.getTime() > now.getTime()) {
      throw new AppError("conflict", `${P}.attendanceBeforeStart`);
    }
    const registrations = await tx
      .select({
        id: trainingRegistrations.id,
        userId: trainingRegistrations.userId,
        attended: trainingRegistrations.attended,
        evaluatedAt: trainingRegistrations.evaluatedAt,
      })
      .from(trainingRegistrations)
      .where(eq(trainingRegistrations.eventId, row.id));
    const byId = new Map(registrations.map((r) => [r.id, r]));
    if (input.attendance.some((entry) => !byId.has(entry.registrationId))) {
      throw new AppError("validation", "errors.validation", {
        fieldErrors: { attendance: `${P}.registrationUnknown` },
      });
    }
    if (input.attendance.length === 0) {
      throw new AppError("validation", "errors.validation", {
        fieldErrors: { attendance: `${P}.attendanceEmpty` },
      });
    }
    let recorded = 0;
    for (const entry of input.attendance) {
      const current = byId.get(entry.registrationId)!;
      if (current.attended === entry.present) continue;
      await tx
        .update(trainingRegistrations)
        .set({ attended: entry.present })
        .where(eq(trainingRegistrations.id, entry.registrationId));
      current.attended = entry.present;
      recorded += 1;
    }
    const toAsk = registrations.filter((r) => r.attended === true && r.evaluatedAt === null);
    let notified = 0;
    if (toAsk.length > 0) {
      const day = eventDay(row);
      const inserted = await tx
        .insert(notifications)
        .values(
          toAsk.map((r) => ({
            tenantId: row.tenantId,
            userId: r.userId,
            kind: "training_evaluation",
            logId: null,
            link: trainingEventPath(row.id),
            dedupeKey: `training_evaluation|${row.id}|${day}|${r.userId}`,
          })),
        )
        .onConflictDoNothing({ target: [notifications.tenantId, notifications.dedupeKey] })
        .returning({ id: notifications.id });
      notified = inserted.length;
    }
    await recordAudit(tx, {
      type: "training.attendance_recorded",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "training_event", id: row.id },
      details: {
        changed: recorded,
        present: registrations.filter((r) => r.attended === true).length,
        absent: registrations.filter((r) => r.attended === false).length,
        notified,
      },
    });
    return { recorded, notified };
  });
}

/** The registrations and attendance as CSV (name, unit, registered at, attendance). */
export async function exportTrainingRegistrations(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  eventId: string;
  texts: {
    headers: [string, string, string, string];
    present: string;
    absent: string;
    unknown: string;
    formatDateTime: (iso: string) => string;
  };
}): Promise<{ filename: string; content: string }> {
  const actor = viewer(input.actor);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const row = await loadEvent(tx, actor.tenantId, input.eventId);
    const registrations = await registrationsOf(tx, row.id);
    const { texts } = input;
    const content = toCsv([
      texts.headers,
      ...registrations.map((r) => [
        r.name,
        r.unitName ?? "",
        texts.formatDateTime(r.registeredAt),
        r.attended === null ? texts.unknown : r.attended ? texts.present : texts.absent,
      ]),
    ]);
    // The file names staff: who exported it, and how many rows, is on record (ids only).
    await recordAudit(tx, {
      type: "training.registrations_exported",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "training_event", id: row.id },
      details: { count: registrations.length },
    });
    return { filename: `pameldte-${eventDay(row)}.csv`, content };
  });
}

// ---------------------------------------------------------------- the staff pages

/** The events this person may see: a unit of theirs is invited, or they are registered. */
async function visibleEventIds(tx: Tx, actor: StaffActor): Promise<Set<string>> {
  const ids = new Set<string>();
  if (actor.unitIds.length > 0) {
    const invited = await tx
      .selectDistinct({ eventId: trainingInvitations.eventId })
      .from(trainingInvitations)
      .where(
        and(
          eq(trainingInvitations.tenantId, actor.tenantId),
          inArray(trainingInvitations.unitId, actor.unitIds),
        ),
      );
    for (const row of invited) ids.add(row.eventId);
  }
  const mine = await tx
    .select({ eventId: trainingRegistrations.eventId })
    .from(trainingRegistrations)
    .where(
      and(
        eq(trainingRegistrations.tenantId, actor.tenantId),
        eq(trainingRegistrations.userId, actor.userId),
      ),
    );
  for (const row of mine) ids.add(row.eventId);
  return ids;
}

export interface MyTrainingEvent extends TrainingEventSummary {
  state: RegistrationState;
  registered: boolean;
  attended: boolean | null;
  /** Attended and not yet evaluated. */
  mayEvaluate: boolean;
}

type MyRegistration = typeof trainingRegistrations.$inferSelect;

async function myRegistrations(
  tx: Tx,
  actor: StaffActor,
  eventIds: string[],
): Promise<Map<string, MyRegistration>> {
  if (eventIds.length === 0) return new Map();
  const rows = await tx
    .select()
    .from(trainingRegistrations)
    .where(
      and(
        eq(trainingRegistrations.userId, actor.userId),
        inArray(trainingRegistrations.eventId, eventIds),
      ),
    );
  return new Map(rows.map((row) => [row.eventId, row]));
}

function myEventOf(
  row: EventRow,
  registeredCount: number,
  mine: MyRegistration | undefined,
  now: Date,
): MyTrainingEvent {
  const summary = summaryOf(row, registeredCount, now);
  return {
    ...summary,
    state: registrationState(
      {
        cancelled: summary.cancelled,
        startsAt: row.startsAt,
        endsAt: row.endsAt,
        registrationDeadline: row.registrationDeadline,
        capacity: row.capacity,
        registeredCount,
        registered: mine !== undefined,
      },
      now,
      osloDate(now),
    ),
    registered: mine !== undefined,
    attended: mine?.attended ?? null,
    mayEvaluate: mine?.attended === true && mine.evaluatedAt === null && !summary.cancelled,
  };
}

/**
 * The staff page: upcoming events this person's units are invited to (or they are registered
 * for), soonest first, and earlier events they were registered for, newest first (at most 20).
 */
export async function listMyTraining(input: {
  database: Database;
  actor: Actor;
  now?: Date;
}): Promise<{ upcoming: MyTrainingEvent[]; past: MyTrainingEvent[] }> {
  const actor = learner(input.actor);
  const now = input.now ?? new Date();
  return input.database.tenant(actor.tenantId, async (tx) => {
    const ids = [...(await visibleEventIds(tx, actor))];
    if (ids.length === 0) return { upcoming: [], past: [] };
    const rows = await tx
      .select()
      .from(trainingEvents)
      .where(and(eq(trainingEvents.tenantId, actor.tenantId), inArray(trainingEvents.id, ids)))
      .orderBy(asc(trainingEvents.startsAt));
    const counts = await registeredCounts(
      tx,
      rows.map((row) => row.id),
    );
    const mine = await myRegistrations(
      tx,
      actor,
      rows.map((row) => row.id),
    );
    const upcoming = rows
      .filter((row) => row.endsAt.getTime() > now.getTime())
      .map((row) => myEventOf(row, counts.get(row.id) ?? 0, mine.get(row.id), now));
    const past = rows
      .filter((row) => row.endsAt.getTime() <= now.getTime() && mine.has(row.id))
      .reverse()
      .slice(0, 20)
      .map((row) => myEventOf(row, counts.get(row.id) ?? 0, mine.get(row.id), now));
    return { upcoming, past };
  });
}

export interface MyTrainingEventPage {
  event: TrainingEventDetails;
  me: MyTrainingEvent;
  /** The units this person may register for (their own units that are invited). */
  unitOptions: { id: string; name: string }[];
  /** Their unit is not invited (they see it as coordinator or through an old registration). */
  invited: boolean;
  registeredUnitName: string | null;
  evaluated: boolean;
}

/** Whether this person's units are invited, and which of their units they may register for. */
async function invitationFor(
  tx: Tx,
  actor: StaffActor,
  eventId: string,
): Promise<{ invited: boolean; unitIds: string[] }> {
  const invitedUnits = new Set(await invitedUnitIdsOf(tx, eventId));
  const unitIds = actor.unitIds.filter((id) => invitedUnits.has(id));
  return { invited: unitIds.length > 0, unitIds };
}

/**
 * One event for staff. Seen by those invited or registered, and by those with
 * implementation.view (who may look at any event); anyone else is told it does not exist.
 */
export async function getMyTrainingEvent(input: {
  database: Database;
  actor: Actor;
  eventId: string;
  now?: Date;
}): Promise<MyTrainingEventPage> {
  const actor = learner(input.actor);
  const now = input.now ?? new Date();
  return input.database.tenant(actor.tenantId, async (tx) => {
    const row = await loadEvent(tx, actor.tenantId, input.eventId);
    const invitation = await invitationFor(tx, actor, row.id);
    const mine = (await myRegistrations(tx, actor, [row.id])).get(row.id);
    if (!invitation.invited && !mine && !can(actor, "implementation.view")) {
      throw new AppError("not_found", "errors.notFound");
    }
    const registeredCount = (await registeredCounts(tx, [row.id])).get(row.id) ?? 0;
    const unitIds = [...invitation.unitIds, ...(mine?.unitId ? [mine.unitId] : [])];
    const unitRows =
      unitIds.length === 0
        ? []
        : await tx
            .select({ id: units.id, name: units.name })
            .from(units)
            .where(and(eq(units.tenantId, actor.tenantId), inArray(units.id, unitIds)))
            .orderBy(asc(units.name));
    return {
      event: await detailsOf(tx, row, registeredCount, now),
      me: myEventOf(row, registeredCount, mine, now),
      unitOptions: unitRows.filter((unit) => invitation.unitIds.includes(unit.id)),
      invited: invitation.invited,
      registeredUnitName: unitRows.find((unit) => unit.id === mine?.unitId)?.name ?? null,
      evaluated: mine?.evaluatedAt != null,
    };
  });
}

function isUniqueViolation(error: unknown): boolean {
  for (let current = error; current; current = (current as { cause?: unknown }).cause) {
    if ((current as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

const alreadyRegistered = () => new AppError("conflict", `${P}.alreadyRegistered`);

/**
 * Registers the person for an event, for one of their invited units (chosen when they have
 * several). Refused, each with its own message: already registered (also when the form is
 * posted twice at once: the unique index decides), cancelled, started, deadline passed, full.
 * The event row is locked while counting, so two people cannot take the last place.
 */
export async function registerForTraining(
  input: Base & { eventId: string; values: { unitId?: unknown } },
): Promise<{ registrationId: string }> {
  const actor = learner(input.actor);
  const now = input.now ?? new Date();
  try {
    return await input.database.tenant(actor.tenantId, async (tx) => {
      const row = await loadEvent(tx, actor.tenantId, input.eventId, { lock: true });
      const invitation = await invitationFor(tx, actor, row.id);
      const [existing] = await tx
        .select({ id: trainingRegistrations.id })
        .from(trainingRegistrations)
        .where(
          and(
            eq(trainingRegistrations.eventId, row.id),
            eq(trainingRegistrations.userId, actor.userId),
          ),
        );
      if (!invitation.invited && !existing && !can(actor, "implementation.view")) {
        throw new AppError("not_found", "errors.notFound");
      }
      if (existing) throw alreadyRegistered();
      if (row.cancelledAt) throw new AppError("conflict", `${P}.cancelled`);
      if (row.startsAt.getTime() <= now.getTime()) {
        throw new AppError("conflict", `${P}.started`);
      }
      if (!invitation.invited) throw new AppError("conflict", `${P}.notInvited`);
      if (deadlinePassed(row.registrationDeadline, osloDate(now))) {
        throw new AppError("conflict", `${P}.deadlinePassed`);
      }
      const registeredCount = (await registeredCounts(tx, [row.id])).get(row.id) ?? 0;
      if (!hasFreePlace({ capacity: row.capacity, registeredCount })) {
        throw new AppError("conflict", `${P}.full`);
      }
      const chosen = typeof input.values.unitId === "string" ? input.values.unitId.trim() : "";
      let unitId: string;
      if (invitation.unitIds.length === 1) unitId = invitation.unitIds[0]!;
      else if (invitation.unitIds.includes(chosen)) unitId = chosen;
      else {
        throw new AppError("validation", "errors.validation", {
          fieldErrors: { unitId: `${P}.unitRequired` },
        });
      }
      const [inserted] = await tx
        .insert(trainingRegistrations)
        .values({
          tenantId: actor.tenantId,
          eventId: row.id,
          userId: actor.userId,
          unitId,
          registeredBy: actor.userId,
        })
        .onConflictDoNothing({
          target: [trainingRegistrations.eventId, trainingRegistrations.userId],
        })
        .returning({ id: trainingRegistrations.id });
      if (!inserted) throw alreadyRegistered();
      // The invitation has been answered: its notification is read.
      await tx
        .update(notifications)
        .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
        .where(
          and(
            eq(notifications.tenantId, actor.tenantId),
            eq(
              notifications.dedupeKey,
              `training_invitation|${row.id}|${eventDay(row)}|${actor.userId}`,
            ),
          ),
        );
      await recordAudit(tx, {
        type: "training.registered",
        tenantId: actor.tenantId,
        actor,
        meta: input.meta,
        subject: { type: "training_event", id: row.id },
        details: { registrationId: inserted.id, unitId },
      });
      return { registrationId: inserted.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyRegistered();
    throw error;
  }
}

/** Withdraws the person's own registration, up to the start of the event. */
export async function unregisterFromTraining(input: Base & { eventId: string }): Promise<void> {
  const actor = learner(input.actor);
  const now = input.now ?? new Date();
  await input.database.tenant(actor.tenantId, async (tx) => {
    const row = await loadEvent(tx, actor.tenantId, input.eventId, { lock: true });
    const [mine] = await tx
      .select({ id: trainingRegistrations.id })
      .from(trainingRegistrations)
      .where(
        and(
          eq(trainingRegistrations.eventId, row.id),
          eq(trainingRegistrations.userId, actor.userId),
        ),
      );
    if (!mine) {
      const invitation = await invitationFor(tx, actor, row.id);
      if (!invitation.invited && !can(actor, "implementation.view")) {
        throw new AppError("not_found", "errors.notFound");
      }
      throw new AppError("conflict", `${P}.notRegistered`);
    }
    if (row.startsAt.getTime() <= now.getTime()) {
      throw new AppError("conflict", `${P}.unregisterStarted`);
    }
    await tx.delete(trainingRegistrations).where(eq(trainingRegistrations.id, mine.id));
    await recordAudit(tx, {
      type: "training.unregistered",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "training_event", id: row.id },
      details: { registrationId: mine.id },
    });
  });
}

/**
 * The anonymous evaluation, once per attendee: the answer is stored without the person, and
 * their registration is marked as answered in the same transaction (a second answer, even
 * posted at the same moment, finds it marked and is refused). The answer's time is kept to the
 * day only, so it cannot be matched to the moment a registration was marked.
 */
export async function evaluateTraining(
  input: Base & { eventId: string; values: unknown },
): Promise<void> {
  const actor = learner(input.actor);
  const values = parseInput(evaluationSchema, input.values);
  await input.database.tenant(actor.tenantId, async (tx) => {
    const row = await loadEvent(tx, actor.tenantId, input.eventId);
    const [mine] = await tx
      .select()
      .from(trainingRegistrations)
      .where(
        and(
          eq(trainingRegistrations.eventId, row.id),
          eq(trainingRegistrations.userId, actor.userId),
        ),
      );
    if (!mine) {
      const invitation = await invitationFor(tx, actor, row.id);
      if (!invitation.invited && !can(actor, "implementation.view")) {
        throw new AppError("not_found", "errors.notFound");
      }
      throw new AppError("conflict", `${P}.notAttended`);
    }
    if (mine.attended !== true || row.cancelledAt) {
      throw new AppError("conflict", `${P}.notAttended`);
    }
    const marked = await tx
      .update(trainingRegistrations)
      .set({ evaluatedAt: new Date() })
      .where(and(eq(trainingRegistrations.id, mine.id), isNull(trainingRegistrations.evaluatedAt)))
      .returning({ id: trainingRegistrations.id });
    if (marked.length === 0) throw new AppError("conflict", `${P}.alreadyEvaluated`);
    await tx.insert(trainingEvaluations).values({
      tenantId: actor.tenantId,
      eventId: row.id,
      overall: values.overall,
      usefulness: values.usefulness,
      bestPart: values.bestPart,
      improve: values.improve,
      createdAt: sql`date_trunc('day', now())`,
    });
    await tx
      .update(notifications)
      .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
      .where(
        and(
          eq(notifications.tenantId, actor.tenantId),
          eq(
            notifications.dedupeKey,
            `training_evaluation|${row.id}|${eventDay(row)}|${actor.userId}`,
          ),
        ),
      );
    await recordAudit(tx, {
      type: "training.evaluated",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "training_event", id: row.id },
    });
  });
}
