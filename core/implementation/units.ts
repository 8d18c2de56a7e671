import { and, count, desc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "../../db/client.ts";
import {
  btsContacts,
  onboardings,
  trainingRegistrations,
  unitImplementation,
  units,
  unitStageChanges,
  userUnits,
  users,
} from "../../db/schema/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import { recordAudit } from "../audit/audit.ts";
import { AppError } from "../errors.ts";
import { osloDate } from "../platform/dates.ts";
import { parseInput } from "../platform/validation.ts";
import { asStaff, assertUnitVisible, isCoordinator, leadsUnit, type StaffActor } from "./scope.ts";

/**
 * Units in the implementation: their BTS contacts (one or two, appointed by the unit's leader or
 * the coordinator among the unit's own staff), pilot marking, implementation stage with history,
 * and the per-unit figures the leaders' view shows (training coverage, onboarding status).
 * Nothing here reads or shows a child's data.
 */

/** The implementation stages, in order (Utforskning → Full implementering). */
export const stages = ["exploration", "installation", "initial", "full"] as const;
export type Stage = (typeof stages)[number];

export function isStage(value: unknown): value is Stage {
  return typeof value === "string" && (stages as readonly string[]).includes(value);
}

/** A unit has at most this many BTS contacts. */
export const MAX_BTS_CONTACTS = 2;
export const STAGE_REASON_MAX = 1000;

export interface Person {
  userId: string;
  name: string;
}

export interface Coverage {
  /** Active staff of the unit who attended at least one training event. */
  trained: number;
  /** Active staff of the unit. */
  staff: number;
}

export interface OnboardingCounts {
  completed: number;
  inProgress: number;
  overdue: number;
}

export interface CurrentStage {
  stage: Stage;
  since: string;
}

type Base = { database: Database; actor: Actor };
type Write = Base & { meta: RequestMeta };

/** A malformed id names nothing: answer as for an unknown one instead of failing the uuid cast. */
export function assertId(id: string): void {
  if (!z.guid().safeParse(id).success) throw new AppError("not_found", "errors.notFound");
}

/** Coverage as "n av m (p %)"'s numbers: the percent is rounded, and null when nobody works there. */
export function coveragePercent(coverage: Coverage): number | null {
  if (coverage.staff === 0) return null;
  return Math.round((coverage.trained / coverage.staff) * 100);
}

// ---------------------------------------------------------------------------------------------
// Per-unit facts, read in bulk for a set of units (the overview reads them for every unit).

/** The unit's active staff (user_units, users.active), by unit, sorted by name. */
export async function activeStaffByUnit(
  tx: Tx,
  tenantId: string,
  unitIds: string[],
): Promise<Map<string, Person[]>> {
  const result = new Map<string, Person[]>(unitIds.map((id) => [id, []]));
  if (unitIds.length === 0) return result;
  const rows = await tx
    .select({ unitId: userUnits.unitId, userId: users.id, name: users.name })
    .from(userUnits)
    .innerJoin(users, eq(users.id, userUnits.userId))
    .where(
      and(
        eq(userUnits.tenantId, tenantId),
        eq(users.tenantId, tenantId),
        eq(users.active, true),
        inArray(userUnits.unitId, unitIds),
      ),
    );
  for (const row of rows) result.get(row.unitId)?.push({ userId: row.userId, name: row.name });
  for (const list of result.values()) list.sort((a, b) => a.name.localeCompare(b.name, "nb"));
  return result;
}

/** BTS contacts by unit, with when they were appointed, sorted by name. */
export async function contactsByUnit(
  tx: Tx,
  tenantId: string,
  unitIds: string[],
): Promise<Map<string, (Person & { appointedOn: string; active: boolean })[]>> {
  const result = new Map<string, (Person & { appointedOn: string; active: boolean })[]>(
    unitIds.map((id) => [id, []]),
  );
  if (unitIds.length === 0) return result;
  const rows = await tx
    .select({
      unitId: btsContacts.unitId,
      userId: users.id,
      name: users.name,
      active: users.active,
      appointedOn: btsContacts.appointedOn,
    })
    .from(btsContacts)
    .innerJoin(users, eq(users.id, btsContacts.userId))
    .where(and(eq(btsContacts.tenantId, tenantId), inArray(btsContacts.unitId, unitIds)));
  for (const row of rows) {
    result.get(row.unitId)?.push({
      userId: row.userId,
      name: row.name,
      active: row.active,
      appointedOn: row.appointedOn,
    });
  }
  for (const list of result.values()) list.sort((a, b) => a.name.localeCompare(b.name, "nb"));
  return result;
}

/** The current stage of each unit: its latest change by date, then by when it was recorded. */
export async function currentStages(
  tx: Tx,
  tenantId: string,
  unitIds: string[],
): Promise<Map<string, CurrentStage>> {
  const result = new Map<string, CurrentStage>();
  if (unitIds.length === 0) return result;
  const rows = await tx
    .selectDistinctOn([unitStageChanges.unitId], {
      unitId: unitStageChanges.unitId,
      stage: unitStageChanges.stage,
      changedOn: unitStageChanges.changedOn,
    })
    .from(unitStageChanges)
    .where(and(eq(unitStageChanges.tenantId, tenantId), inArray(unitStageChanges.unitId, unitIds)))
    .orderBy(
      unitStageChanges.unitId,
      desc(unitStageChanges.changedOn),
      desc(unitStageChanges.createdAt),
    );
  for (const row of rows) {
    if (isStage(row.stage)) result.set(row.unitId, { stage: row.stage, since: row.changedOn });
  }
  return result;
}

export async function pilotUnitIds(tx: Tx, tenantId: string, unitIds: string[]) {
  if (unitIds.length === 0) return new Set<string>();
  const rows = await tx
    .select({ unitId: unitImplementation.unitId })
    .from(unitImplementation)
    .where(
      and(
        eq(unitImplementation.tenantId, tenantId),
        eq(unitImplementation.pilot, true),
        inArray(unitImplementation.unitId, unitIds),
      ),
    );
  return new Set(rows.map((row) => row.unitId));
}

/**
 * Training coverage per unit: of the unit's active staff, how many have at least one
 * registration marked attended (any event, any unit they registered for).
 */
export async function coverageByUnit(
  tx: Tx,
  tenantId: string,
  staffByUnit: Map<string, Person[]>,
): Promise<Map<string, Coverage>> {
  const everyone = [...new Set([...staffByUnit.values()].flat().map((person) => person.userId))];
  const trained = new Set<string>();
  if (everyone.length > 0) {
    const rows = await tx
      .selectDistinct({ userId: trainingRegistrations.userId })
      .from(trainingRegistrations)
      .where(
        and(
          eq(trainingRegistrations.tenantId, tenantId),
          eq(trainingRegistrations.attended, true),
          inArray(trainingRegistrations.userId, everyone),
        ),
      );
    for (const row of rows) trained.add(row.userId);
  }
  const result = new Map<string, Coverage>();
  for (const [unitId, staff] of staffByUnit) {
    result.set(unitId, {
      staff: staff.length,
      trained: staff.filter((person) => trained.has(person.userId)).length,
    });
  }
  return result;
}

/**
 * Onboarding status per unit, counting the onboardings of the unit's current active staff:
 * completed, in progress (not completed, due today or later) and overdue (due date passed).
 */
export async function onboardingCountsByUnit(
  tx: Tx,
  tenantId: string,
  staffByUnit: Map<string, Person[]>,
  today: string,
): Promise<Map<string, OnboardingCounts>> {
  const result = new Map<string, OnboardingCounts>();
  for (const unitId of staffByUnit.keys()) {
    result.set(unitId, { completed: 0, inProgress: 0, overdue: 0 });
  }
  const unitIds = [...staffByUnit.keys()];
  if (unitIds.length === 0) return result;
  const rows = await tx
    .select({
      unitId: onboardings.unitId,
      userId: onboardings.userId,
      dueOn: onboardings.dueOn,
      completedAt: onboardings.completedAt,
    })
    .from(onboardings)
    .where(and(eq(onboardings.tenantId, tenantId), inArray(onboardings.unitId, unitIds)));
  for (const row of rows) {
    const staff = staffByUnit.get(row.unitId) ?? [];
    if (!staff.some((person) => person.userId === row.userId)) continue;
    const counts = result.get(row.unitId)!;
    if (row.completedAt) counts.completed += 1;
    else if (row.dueOn < today) counts.overdue += 1;
    else counts.inProgress += 1;
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// The unit page.

export interface StageChange {
  id: string;
  stage: Stage;
  changedOn: string;
  reason: string;
  changedByName: string | null;
}

export interface UnitDetail {
  id: string;
  name: string;
  serviceType: string;
  active: boolean;
  pilot: boolean;
  stage: CurrentStage | null;
  history: StageChange[];
  contacts: (Person & { appointedOn: string; active: boolean })[];
  /** Active staff of the unit who are not its BTS contacts yet: whom one may appoint. */
  candidates: Person[];
  coverage: Coverage;
  onboarding: OnboardingCounts;
  may: { appoint: boolean; setPilot: boolean; changeStage: boolean; followUp: boolean };
}

/** The unit's leader or the coordinator: who appoints BTS contacts and changes the stage. */
function managesUnit(actor: StaffActor, unitId: string): boolean {
  return isCoordinator(actor) || leadsUnit(actor, unitId);
}

async function loadUnit(tx: Tx, tenantId: string, unitId: string) {
  const [unit] = await tx
    .select()
    .from(units)
    .where(and(eq(units.tenantId, tenantId), eq(units.id, unitId)));
  if (!unit) throw new AppError("not_found", "errors.notFound");
  return unit;
}

/** One unit as its page shows it; a unit outside the actor's scope is not found. */
export async function getUnitDetail(
  input: Base & { unitId: string; today?: string },
): Promise<UnitDetail> {
  const actor = asStaff(input.actor);
  assertId(input.unitId);
  const today = input.today ?? osloDate();
  return input.database.tenant(actor.tenantId, async (tx) => {
    await assertUnitVisible(tx, actor, input.unitId);
    const unit = await loadUnit(tx, actor.tenantId, input.unitId);
    const ids = [unit.id];
    const staffByUnit = await activeStaffByUnit(tx, actor.tenantId, ids);
    const contacts = (await contactsByUnit(tx, actor.tenantId, ids)).get(unit.id) ?? [];
    const history = await tx
      .select({
        id: unitStageChanges.id,
        stage: unitStageChanges.stage,
        changedOn: unitStageChanges.changedOn,
        reason: unitStageChanges.reason,
        changedByName: users.name,
      })
      .from(unitStageChanges)
      .leftJoin(users, eq(users.id, unitStageChanges.changedBy))
      .where(
        and(eq(unitStageChanges.tenantId, actor.tenantId), eq(unitStageChanges.unitId, unit.id)),
      )
      .orderBy(desc(unitStageChanges.changedOn), desc(unitStageChanges.createdAt));
    const contactIds = new Set(contacts.map((contact) => contact.userId));
    const staff = staffByUnit.get(unit.id) ?? [];
    const followUp =
      managesUnit(actor, unit.id) || contacts.some((contact) => contact.userId === actor.userId);
    return {
      id: unit.id,
      name: unit.name,
      serviceType: unit.serviceType,
      active: unit.active,
      pilot: (await pilotUnitIds(tx, actor.tenantId, ids)).has(unit.id),
      stage: (await currentStages(tx, actor.tenantId, ids)).get(unit.id) ?? null,
      history: history.flatMap((row) =>
        isStage(row.stage) ? [{ ...row, stage: row.stage, changedByName: row.changedByName }] : [],
      ),
      contacts,
      candidates: staff.filter((person) => !contactIds.has(person.userId)),
      coverage: (await coverageByUnit(tx, actor.tenantId, staffByUnit)).get(unit.id)!,
      onboarding: (await onboardingCountsByUnit(tx, actor.tenantId, staffByUnit, today)).get(
        unit.id,
      )!,
      may: {
        appoint: managesUnit(actor, unit.id),
        setPilot: isCoordinator(actor),
        changeStage: managesUnit(actor, unit.id),
        followUp,
      },
    };
  });
}

// ---------------------------------------------------------------------------------------------
// BTS contacts.

const appointSchema = z.strictObject({
  userId: z.preprocess(
    (value) => (value === undefined || value === null ? "" : value),
    z
      .string()
      .trim()
      .min(1, { message: "implementation.units.errors.chooseContact" })
      .pipe(z.guid({ message: "implementation.units.errors.notUnitStaff" })),
  ),
});

/** Serialises appointments to one unit, so two at once cannot both take the last place. */
async function lockUnit(tx: Tx, unitId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`laget:bts-contacts:${unitId}`}))`);
}

async function setRole(
  tx: Tx,
  input: { actor: StaffActor; meta: RequestMeta; userId: string },
  change: "add" | "remove",
): Promise<void> {
  const [user] = await tx
    .select({ roles: users.roles })
    .from(users)
    .where(and(eq(users.tenantId, input.actor.tenantId), eq(users.id, input.userId)));
  if (!user) return;
  const has = user.roles.includes("bts_contact");
  if (change === "add" ? has : !has) return;
  const roles =
    change === "add"
      ? [...user.roles, "bts_contact"]
      : user.roles.filter((role) => role !== "bts_contact");
  await tx
    .update(users)
    .set({ roles, updatedAt: new Date() })
    .where(and(eq(users.tenantId, input.actor.tenantId), eq(users.id, input.userId)));
  await recordAudit(tx, {
    type: "user.roles_changed",
    tenantId: input.actor.tenantId,
    actor: input.actor,
    meta: input.meta,
    subject: { type: "user", id: input.userId },
    details: { from: user.roles, to: roles, reason: "bts_contact_appointment" },
  });
}

/**
 * Appoints a BTS contact for a unit: the unit's leader or the coordinator, choosing among the
 * unit's active staff, at most two per unit. The person gets the bts_contact role if they lack it.
 */
export async function appointBtsContact(
  input: Write & { unitId: string; values: unknown; today?: string },
): Promise<void> {
  const actor = asStaff(input.actor);
  assertId(input.unitId);
  const today = input.today ?? osloDate();
  await input.database.tenant(actor.tenantId, async (tx) => {
    await assertUnitVisible(tx, actor, input.unitId);
    if (!managesUnit(actor, input.unitId)) throw new AppError("forbidden", "errors.forbidden");
    const values = parseInput(appointSchema, input.values);
    await lockUnit(tx, input.unitId);
    const staff = (await activeStaffByUnit(tx, actor.tenantId, [input.unitId])).get(input.unitId)!;
    if (!staff.some((person) => person.userId === values.userId)) {
      throw new AppError("validation", "implementation.units.errors.notUnitStaff", {
        fieldErrors: { userId: "implementation.units.errors.notUnitStaff" },
      });
    }
    const current = await tx
      .select({ userId: btsContacts.userId })
      .from(btsContacts)
      .where(and(eq(btsContacts.tenantId, actor.tenantId), eq(btsContacts.unitId, input.unitId)));
    if (current.some((row) => row.userId === values.userId)) {
      throw new AppError("conflict", "implementation.units.errors.alreadyContact", {
        fieldErrors: { userId: "implementation.units.errors.alreadyContact" },
      });
    }
    if (current.length >= MAX_BTS_CONTACTS) {
      throw new AppError("conflict", "implementation.units.errors.maxContacts", {
        fieldErrors: { userId: "implementation.units.errors.maxContacts" },
      });
    }
    await tx.insert(btsContacts).values({
      tenantId: actor.tenantId,
      unitId: input.unitId,
      userId: values.userId,
      appointedBy: actor.userId,
      appointedOn: today,
    });
    await recordAudit(tx, {
      type: "implementation.bts_contact_appointed",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "unit", id: input.unitId },
      details: { userId: values.userId, contacts: current.length + 1 },
    });
    await setRole(tx, { actor, meta: input.meta, userId: values.userId }, "add");
  });
}

/**
 * Removes a BTS contact from a unit (the unit's leader or the coordinator). When it was the
 * person's last appointment anywhere, the bts_contact role goes too.
 */
export async function removeBtsContact(
  input: Write & { unitId: string; userId: string },
): Promise<void> {
  const actor = asStaff(input.actor);
  assertId(input.unitId);
  assertId(input.userId);
  await input.database.tenant(actor.tenantId, async (tx) => {
    await assertUnitVisible(tx, actor, input.unitId);
    if (!managesUnit(actor, input.unitId)) throw new AppError("forbidden", "errors.forbidden");
    await lockUnit(tx, input.unitId);
    const removed = await tx
      .delete(btsContacts)
      .where(
        and(
          eq(btsContacts.tenantId, actor.tenantId),
          eq(btsContacts.unitId, input.unitId),
          eq(btsContacts.userId, input.userId),
        ),
      )
      .returning({ userId: btsContacts.userId });
    if (removed.length === 0) throw new AppError("not_found", "errors.notFound");
    await recordAudit(tx, {
      type: "implementation.bts_contact_removed",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "unit", id: input.unitId },
      details: { userId: input.userId },
    });
    const [left] = await tx
      .select({ n: count() })
      .from(btsContacts)
      .where(and(eq(btsContacts.tenantId, actor.tenantId), eq(btsContacts.userId, input.userId)));
    if ((left?.n ?? 0) === 0) {
      await setRole(tx, { actor, meta: input.meta, userId: input.userId }, "remove");
    }
  });
}

/** Marks a unit as pilot or not: the coordinator only. */
export async function setUnitPilot(
  input: Write & { unitId: string; pilot: boolean },
): Promise<void> {
  const actor = asStaff(input.actor);
  assertId(input.unitId);
  await input.database.tenant(actor.tenantId, async (tx) => {
    await assertUnitVisible(tx, actor, input.unitId);
    if (!isCoordinator(actor)) throw new AppError("forbidden", "errors.forbidden");
    await loadUnit(tx, actor.tenantId, input.unitId);
    await tx
      .insert(unitImplementation)
      .values({ tenantId: actor.tenantId, unitId: input.unitId, pilot: input.pilot })
      .onConflictDoUpdate({
        target: unitImplementation.unitId,
        set: { pilot: input.pilot, updatedAt: new Date() },
      });
    await recordAudit(tx, {
      type: "implementation.unit_pilot_changed",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "unit", id: input.unitId },
      details: { pilot: input.pilot },
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Stage.

const blankToEmpty = (value: unknown) => (value === undefined || value === null ? "" : value);

export function stageSchema(today: string) {
  return z.strictObject({
    stage: z.preprocess(
      blankToEmpty,
      z.enum(stages, { message: "implementation.units.errors.stageRequired" }),
    ),
    changedOn: z.preprocess(
      blankToEmpty,
      z
        .string()
        .trim()
        .min(1, { message: "implementation.units.errors.dateRequired" })
        .refine((value) => /^\d{4}-\d{2}-\d{2}$/.test(value) && isRealDate(value), {
          message: "implementation.units.errors.dateInvalid",
        })
        .refine((value) => value <= today, {
          message: "implementation.units.errors.dateInFuture",
        }),
    ),
    reason: z.preprocess(
      blankToEmpty,
      z
        .string()
        .trim()
        .min(1, { message: "implementation.units.errors.reasonRequired" })
        .max(STAGE_REASON_MAX, { message: "errors.tooLong" }),
    ),
  });
}

function isRealDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * Records a change of the unit's implementation stage with the date it changed (not in the
 * future) and why (required). The unit's leader or the coordinator.
 */
export async function changeUnitStage(
  input: Write & { unitId: string; values: unknown; today?: string },
): Promise<void> {
  const actor = asStaff(input.actor);
  assertId(input.unitId);
  const today = input.today ?? osloDate();
  await input.database.tenant(actor.tenantId, async (tx) => {
    await assertUnitVisible(tx, actor, input.unitId);
    if (!managesUnit(actor, input.unitId)) throw new AppError("forbidden", "errors.forbidden");
    const values = parseInput(stageSchema(today), input.values);
    const [row] = await tx
      .insert(unitStageChanges)
      .values({
        tenantId: actor.tenantId,
        unitId: input.unitId,
        stage: values.stage,
        changedOn: values.changedOn,
        reason: values.reason,
        changedBy: actor.userId,
      })
      .returning({ id: unitStageChanges.id });
    await recordAudit(tx, {
      type: "implementation.unit_stage_changed",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "unit", id: input.unitId },
      details: { stageChangeId: row!.id, stage: values.stage, changedOn: values.changedOn },
    });
  });
}
