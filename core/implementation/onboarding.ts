import { orderAfterMove } from "./ordering.ts";
import { and, asc, count, eq, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "../../db/client.ts";
import {
  onboardings,
  onboardingStepCompletions,
  onboardingSteps,
  units,
  users,
} from "../../db/schema/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import { assertCan } from "../access/policy.ts";
import { recordAudit } from "../audit/audit.ts";
import { AppError } from "../errors.ts";
import { addDays, isIsoDate, osloDate } from "../platform/dates.ts";
import { parseInput } from "../platform/validation.ts";
import {
  asStaff,
  assertUnitVisible,
  btsContactUnitIds,
  followsUpUnit,
  unitsByIds,
  visibleUnitIds,
} from "./scope.ts";
import { activeStaffByUnit, assertId, type Person } from "./units.ts";

/**
 * Onboarding of new employees (the Strand seed's «Opplæring av nyansatte»): the municipality's
 * checklist, kept by the coordinator; each new employee's onboarding in a unit, started and
 * ticked off by the unit's BTS contact (or the unit's leader, or the coordinator); and the
 * employee's own read-only view. A tenant without a checklist gets the five default steps on
 * first use, so a new municipality works at once.
 */

/** Days from the start date to the default due date. */
export const ONBOARDING_DAYS = 30;
export const STEP_TITLE_MAX = 200;
export const STEP_DESCRIPTION_MAX = 2000;
/** Staff rows per page in the per-unit list. */
export const ONBOARDING_PAGE_SIZE = 50;

/** The seed's five steps, worded for any municipality; the coordinator edits them. */
export const DEFAULT_ONBOARDING_STEPS: { title: string; description: string }[] = [
  {
    title: "Introduser den nyansatte for BTS-modellen",
    description:
      "Gå gjennom kommunens rutine for arbeid med barn og unge (handlingsveilederen) sammen med den nyansatte.",
  },
  {
    title: "Informer om rollen som stafettholder",
    description:
      "Forklar hva en stafettholder gjør, og hvordan stafettloggen brukes når det er uro for et barn.",
  },
  {
    title: "Vis opplæringsfilmen i handlingsveilederen",
    description: "Vis filmen sammen, eller gi lenke til den slik at den nyansatte kan se den selv.",
  },
  {
    title: "Avklar opplæringen med BTS-koordinatoren",
    description:
      "Koordinatoren følger opp BTS-kontaktene og sjekker at nødvendig opplæring er gitt. Ved behov kan koordinatoren bli med i opplæringen.",
  },
  {
    title: "Meld på felles kurs for nyansatte",
    description:
      "Når det er flere nyansatte, arrangerer koordinatoren felles kurs, gjerne hver høst ved oppstart av nytt barnehage- og skoleår.",
  },
];

export type OnboardingState = "not_started" | "in_progress" | "completed" | "overdue";

export function onboardingState(
  onboarding: { completedAt: Date | string | null; dueOn: string } | null,
  today: string,
): OnboardingState {
  if (!onboarding) return "not_started";
  if (onboarding.completedAt) return "completed";
  return onboarding.dueOn < today ? "overdue" : "in_progress";
}

type Base = { database: Database; actor: Actor };
type Write = Base & { meta: RequestMeta };

// ---------------------------------------------------------------------------------------------
// The checklist.

export interface ChecklistStep {
  id: string;
  position: number;
  title: string;
  description: string;
  active: boolean;
}

/** Gives a tenant without any checklist step the five default steps (once, under a lock). */
export async function ensureOnboardingSteps(tx: Tx, tenantId: string): Promise<void> {
  const [existing] = await tx
    .select({ n: count() })
    .from(onboardingSteps)
    .where(eq(onboardingSteps.tenantId, tenantId));
  if ((existing?.n ?? 0) > 0) return;
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtext(${`laget:onboarding-steps:${tenantId}`}))`,
  );
  const [again] = await tx
    .select({ n: count() })
    .from(onboardingSteps)
    .where(eq(onboardingSteps.tenantId, tenantId));
  if ((again?.n ?? 0) > 0) return;
  await tx.insert(onboardingSteps).values(
    DEFAULT_ONBOARDING_STEPS.map((step, index) => ({
      tenantId,
      position: index + 1,
      title: step.title,
      description: step.description,
    })),
  );
}

async function allSteps(tx: Tx, tenantId: string): Promise<ChecklistStep[]> {
  await ensureOnboardingSteps(tx, tenantId);
  return tx
    .select({
      id: onboardingSteps.id,
      position: onboardingSteps.position,
      title: onboardingSteps.title,
      description: onboardingSteps.description,
      active: onboardingSteps.active,
    })
    .from(onboardingSteps)
    .where(eq(onboardingSteps.tenantId, tenantId))
    .orderBy(asc(onboardingSteps.position), asc(onboardingSteps.createdAt));
}

async function activeSteps(tx: Tx, tenantId: string): Promise<ChecklistStep[]> {
  return (await allSteps(tx, tenantId)).filter((step) => step.active);
}

/** Completed steps (active ones only) per onboarding. */
async function doneCounts(
  tx: Tx,
  tenantId: string,
  onboardingIds: string[],
  activeIds: string[],
): Promise<Map<string, number>> {
  const result = new Map<string, number>();
  if (onboardingIds.length === 0 || activeIds.length === 0) return result;
  const rows = await tx
    .select({ onboardingId: onboardingStepCompletions.onboardingId, n: count() })
    .from(onboardingStepCompletions)
    .where(
      and(
        eq(onboardingStepCompletions.tenantId, tenantId),
        inArray(onboardingStepCompletions.onboardingId, onboardingIds),
        inArray(onboardingStepCompletions.stepId, activeIds),
      ),
    )
    .groupBy(onboardingStepCompletions.onboardingId);
  for (const row of rows) result.set(row.onboardingId, row.n);
  return result;
}

/**
 * Marks as completed every given incomplete onboarding whose active steps are all done (after a
 * tick, or after the coordinator deactivates a step), and returns the ids it completed.
 */
async function completeWhereDone(
  tx: Tx,
  tenantId: string,
  onboardingIds?: string[],
): Promise<string[]> {
  const steps = await activeSteps(tx, tenantId);
  if (steps.length === 0) return [];
  const open = await tx
    .select({ id: onboardings.id })
    .from(onboardings)
    .where(
      and(
        eq(onboardings.tenantId, tenantId),
        isNull(onboardings.completedAt),
        onboardingIds ? inArray(onboardings.id, onboardingIds) : undefined,
      ),
    );
  const ids = open.map((row) => row.id);
  const done = await doneCounts(
    tx,
    tenantId,
    ids,
    steps.map((step) => step.id),
  );
  const finished = ids.filter((id) => (done.get(id) ?? 0) >= steps.length);
  if (finished.length > 0) {
    await tx
      .update(onboardings)
      .set({ completedAt: new Date() })
      .where(and(eq(onboardings.tenantId, tenantId), inArray(onboardings.id, finished)));
  }
  return finished;
}

/** The checklist as the coordinator edits it (inactive steps too). */
export async function listChecklistSteps(input: Base): Promise<ChecklistStep[]> {
  const actor = asStaff(input.actor);
  assertCan(actor, "implementation.view");
  return input.database.tenant(actor.tenantId, (tx) => allSteps(tx, actor.tenantId));
}

const blankToEmpty = (value: unknown) => (value === undefined || value === null ? "" : value);

export const stepSchema = z.strictObject({
  title: z.preprocess(
    blankToEmpty,
    z
      .string()
      .trim()
      .min(1, { message: "implementation.units.onboarding.errors.titleRequired" })
      .max(STEP_TITLE_MAX, { message: "errors.tooLong" }),
  ),
  description: z.preprocess(
    blankToEmpty,
    z.string().trim().max(STEP_DESCRIPTION_MAX, { message: "errors.tooLong" }),
  ),
});

async function loadStep(tx: Tx, tenantId: string, stepId: string) {
  assertId(stepId);
  const [step] = await tx
    .select()
    .from(onboardingSteps)
    .where(and(eq(onboardingSteps.tenantId, tenantId), eq(onboardingSteps.id, stepId)));
  if (!step) throw new AppError("not_found", "errors.notFound");
  return step;
}

/** Adds a step at the end, or edits one (stepId): the coordinator only. */
export async function saveChecklistStep(
  input: Write & { stepId?: string; values: unknown },
): Promise<{ id: string }> {
  const actor = asStaff(input.actor);
  assertCan(actor, "implementation.manage");
  const values = parseInput(stepSchema, input.values);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const steps = await allSteps(tx, actor.tenantId);
    let id: string;
    let fields: string[];
    if (input.stepId) {
      const before = await loadStep(tx, actor.tenantId, input.stepId);
      fields = (["title", "description"] as const).filter(
        (field) => before[field] !== values[field],
      );
      await tx
        .update(onboardingSteps)
        .set({ ...values, updatedAt: new Date() })
        .where(eq(onboardingSteps.id, before.id));
      id = before.id;
    } else {
      const position = Math.max(0, ...steps.map((step) => step.position)) + 1;
      const [row] = await tx
        .insert(onboardingSteps)
        .values({ tenantId: actor.tenantId, position, ...values })
        .returning({ id: onboardingSteps.id });
      id = row!.id;
      fields = ["title", "description"];
    }
    await recordAudit(tx, {
      type: "onboarding.step_saved",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "onboarding_step", id },
      details: { action: input.stepId ? "updated" : "created", fields },
    });
    return { id };
  });
}

/** Moves a step one place up or down (the order new employees see): the coordinator only. */
export async function moveChecklistStep(
  input: Write & { stepId: string; direction: "up" | "down" },
): Promise<void> {
  const actor = asStaff(input.actor);
  assertCan(actor, "implementation.manage");
  await input.database.tenant(actor.tenantId, async (tx) => {
    await loadStep(tx, actor.tenantId, input.stepId);
    const steps = await allSteps(tx, actor.tenantId);
    const order = orderAfterMove(
      steps.map((step) => step.id),
      input.stepId,
      input.direction,
    );
    if (!order) return;
    for (const [position, id] of order.entries()) {
      await tx
        .update(onboardingSteps)
        .set({ position: position + 1, updatedAt: new Date() })
        .where(eq(onboardingSteps.id, id));
    }
    await recordAudit(tx, {
      type: "onboarding.step_saved",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "onboarding_step", id: input.stepId },
      details: {
        action: "moved",
        direction: input.direction,
        position: order.indexOf(input.stepId) + 1,
      },
    });
  });
}

/**
 * Deactivates (hides from new checklists) or reactivates a step: the coordinator only. The last
 * active step cannot go. Onboardings whose remaining active steps are all done are completed.
 */
export async function setChecklistStepActive(
  input: Write & { stepId: string; active: boolean },
): Promise<void> {
  const actor = asStaff(input.actor);
  assertCan(actor, "implementation.manage");
  await input.database.tenant(actor.tenantId, async (tx) => {
    const step = await loadStep(tx, actor.tenantId, input.stepId);
    if (step.active === input.active) return;
    if (!input.active) {
      const active = await activeSteps(tx, actor.tenantId);
      if (active.length <= 1) {
        throw new AppError("validation", "implementation.units.onboarding.errors.lastStep");
      }
    }
    await tx
      .update(onboardingSteps)
      .set({ active: input.active, updatedAt: new Date() })
      .where(eq(onboardingSteps.id, step.id));
    const completed = input.active ? [] : await completeWhereDone(tx, actor.tenantId);
    await recordAudit(tx, {
      type: "onboarding.step_saved",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "onboarding_step", id: step.id },
      details: {
        action: input.active ? "reactivated" : "deactivated",
        completedOnboardingIds: completed,
      },
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Per unit: who has and has not completed onboarding.

export interface StaffOnboardingRow extends Person {
  onboardingId: string | null;
  state: OnboardingState;
  done: number;
  total: number;
  startedOn: string | null;
  dueOn: string | null;
}

export interface UnitOnboardingList {
  units: { id: string; name: string }[];
  unit: { id: string; name: string } | null;
  rows: StaffOnboardingRow[];
  /** Staff without an onboarding in the unit: whom one may start it for. */
  candidates: Person[];
  totalSteps: number;
  counts: Record<OnboardingState, number>;
  page: number;
  pages: number;
  mayFollowUp: boolean;
}

/**
 * The staff of one visible unit with their onboarding status. Without a unit asked for, the
 * first unit the actor is BTS contact for or belongs to, else the first visible one.
 */
export async function listUnitOnboarding(
  input: Base & { unitId?: string | null; page?: number; today?: string },
): Promise<UnitOnboardingList> {
  const actor = asStaff(input.actor);
  const today = input.today ?? osloDate();
  if (input.unitId) assertId(input.unitId);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const visible = (await unitsByIds(tx, actor.tenantId, await visibleUnitIds(tx, actor)))
      .filter((unit) => unit.active || unit.id === input.unitId)
      .sort((a, b) => a.name.localeCompare(b.name, "nb"));
    const steps = await activeSteps(tx, actor.tenantId);
    const empty: UnitOnboardingList = {
      units: visible.map(({ id, name }) => ({ id, name })),
      unit: null,
      rows: [],
      candidates: [],
      totalSteps: steps.length,
      counts: { not_started: 0, in_progress: 0, completed: 0, overdue: 0 },
      page: 1,
      pages: 1,
      mayFollowUp: false,
    };
    let unit = input.unitId ? visible.find((candidate) => candidate.id === input.unitId) : null;
    if (input.unitId && !unit) throw new AppError("not_found", "errors.notFound");
    if (!unit) {
      const mine = new Set([...(await btsContactUnitIds(tx, actor)), ...actor.unitIds]);
      unit = visible.find((candidate) => mine.has(candidate.id)) ?? visible[0];
    }
    if (!unit) return empty;
    const staff = (await activeStaffByUnit(tx, actor.tenantId, [unit.id])).get(unit.id)!;
    const rows = await tx
      .select({
        id: onboardings.id,
        userId: onboardings.userId,
        startedOn: onboardings.startedOn,
        dueOn: onboardings.dueOn,
        completedAt: onboardings.completedAt,
      })
      .from(onboardings)
      .where(and(eq(onboardings.tenantId, actor.tenantId), eq(onboardings.unitId, unit.id)));
    const byUser = new Map(rows.map((row) => [row.userId, row]));
    const done = await doneCounts(
      tx,
      actor.tenantId,
      rows.map((row) => row.id),
      steps.map((step) => step.id),
    );
    const all: StaffOnboardingRow[] = staff.map((person) => {
      const onboarding = byUser.get(person.userId) ?? null;
      return {
        ...person,
        onboardingId: onboarding?.id ?? null,
        state: onboardingState(onboarding, today),
        done: onboarding ? (done.get(onboarding.id) ?? 0) : 0,
        total: steps.length,
        startedOn: onboarding?.startedOn ?? null,
        dueOn: onboarding?.dueOn ?? null,
      };
    });
    const counts = { ...empty.counts };
    for (const row of all) counts[row.state] += 1;
    const pages = Math.max(1, Math.ceil(all.length / ONBOARDING_PAGE_SIZE));
    const page = Math.min(Math.max(Number.isInteger(input.page) ? input.page! : 1, 1), pages);
    return {
      ...empty,
      unit: { id: unit.id, name: unit.name },
      rows: all.slice((page - 1) * ONBOARDING_PAGE_SIZE, page * ONBOARDING_PAGE_SIZE),
      candidates: staff.filter((person) => !byUser.has(person.userId)),
      counts,
      page,
      pages,
      mayFollowUp: await followsUpUnit(tx, actor, unit.id),
    };
  });
}

export function startSchema() {
  const date = (required: string) =>
    z.preprocess(
      blankToEmpty,
      z
        .string()
        .trim()
        .min(1, { message: required })
        .refine((value) => isIsoDate(value), {
          message: "implementation.units.errors.dateInvalid",
        }),
    );
  return z
    .strictObject({
      userId: z.preprocess(
        blankToEmpty,
        z
          .string()
          .trim()
          .min(1, { message: "implementation.units.onboarding.errors.chooseEmployee" })
          .pipe(z.guid({ message: "implementation.units.onboarding.errors.notUnitStaff" })),
      ),
      startedOn: date("implementation.units.errors.dateRequired"),
      dueOn: z.preprocess(
        blankToEmpty,
        z
          .string()
          .trim()
          .refine((value) => value === "" || isIsoDate(value), {
            message: "implementation.units.errors.dateInvalid",
          }),
      ),
    })
    .superRefine((values, context) => {
      if (values.dueOn && isIsoDate(values.startedOn) && values.dueOn < values.startedOn) {
        context.addIssue({
          code: "custom",
          path: ["dueOn"],
          message: "implementation.units.onboarding.errors.dueBeforeStart",
        });
      }
    })
    .transform((values) => ({
      ...values,
      dueOn: values.dueOn || addDays(values.startedOn, ONBOARDING_DAYS),
    }));
}

/**
 * Starts a new employee's onboarding in a unit: the unit's BTS contact, its leader or the
 * coordinator, for one of the unit's active staff. Due 30 days after the start unless given.
 */
export async function startOnboarding(
  input: Write & { unitId: string; values: unknown },
): Promise<{ id: string }> {
  const actor = asStaff(input.actor);
  assertId(input.unitId);
  return input.database.tenant(actor.tenantId, async (tx) => {
    await assertUnitVisible(tx, actor, input.unitId);
    if (!(await followsUpUnit(tx, actor, input.unitId))) {
      throw new AppError("forbidden", "errors.forbidden");
    }
    const values = parseInput(startSchema(), input.values);
    const staff = (await activeStaffByUnit(tx, actor.tenantId, [input.unitId])).get(input.unitId)!;
    if (!staff.some((person) => person.userId === values.userId)) {
      throw new AppError("validation", "errors.validation", {
        fieldErrors: { userId: "implementation.units.onboarding.errors.notUnitStaff" },
      });
    }
    await ensureOnboardingSteps(tx, actor.tenantId);
    const [row] = await tx
      .insert(onboardings)
      .values({
        tenantId: actor.tenantId,
        userId: values.userId,
        unitId: input.unitId,
        startedOn: values.startedOn,
        dueOn: values.dueOn,
        createdBy: actor.userId,
      })
      .onConflictDoNothing()
      .returning({ id: onboardings.id });
    if (!row) {
      throw new AppError("conflict", "implementation.units.onboarding.errors.alreadyStarted", {
        fieldErrors: { userId: "implementation.units.onboarding.errors.alreadyStarted" },
      });
    }
    await recordAudit(tx, {
      type: "onboarding.started",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "onboarding", id: row.id },
      details: {
        userId: values.userId,
        unitId: input.unitId,
        startedOn: values.startedOn,
        dueOn: values.dueOn,
      },
    });
    return { id: row.id };
  });
}

// ---------------------------------------------------------------------------------------------
// One onboarding: its checklist, ticked off step by step.

export interface OnboardingStepView {
  id: string;
  title: string;
  description: string;
  doneOn: string | null;
  confirmedByName: string | null;
}

export interface OnboardingDetail {
  id: string;
  unit: { id: string; name: string };
  person: Person;
  startedOn: string;
  dueOn: string;
  completedAt: Date | null;
  state: OnboardingState;
  steps: OnboardingStepView[];
  done: number;
  mayFollowUp: boolean;
}

async function loadOnboarding(tx: Tx, tenantId: string, onboardingId: string) {
  assertId(onboardingId);
  const [row] = await tx
    .select({
      id: onboardings.id,
      unitId: onboardings.unitId,
      unitName: units.name,
      userId: onboardings.userId,
      userName: users.name,
      startedOn: onboardings.startedOn,
      dueOn: onboardings.dueOn,
      completedAt: onboardings.completedAt,
    })
    .from(onboardings)
    .innerJoin(units, eq(units.id, onboardings.unitId))
    .innerJoin(users, eq(users.id, onboardings.userId))
    .where(and(eq(onboardings.tenantId, tenantId), eq(onboardings.id, onboardingId)));
  if (!row) throw new AppError("not_found", "errors.notFound");
  return row;
}

async function stepViews(tx: Tx, tenantId: string, onboardingId: string) {
  const steps = await activeSteps(tx, tenantId);
  const completions = await tx
    .select({
      stepId: onboardingStepCompletions.stepId,
      completedOn: onboardingStepCompletions.completedOn,
      confirmedByName: users.name,
    })
    .from(onboardingStepCompletions)
    .leftJoin(users, eq(users.id, onboardingStepCompletions.confirmedBy))
    .where(
      and(
        eq(onboardingStepCompletions.tenantId, tenantId),
        eq(onboardingStepCompletions.onboardingId, onboardingId),
      ),
    );
  const byStep = new Map(completions.map((row) => [row.stepId, row]));
  return steps.map((step) => ({
    id: step.id,
    title: step.title,
    description: step.description,
    doneOn: byStep.get(step.id)?.completedOn ?? null,
    confirmedByName: byStep.get(step.id)?.confirmedByName ?? null,
  }));
}

/** One onboarding with its checklist, for those who see its unit. */
export async function getOnboarding(
  input: Base & { onboardingId: string; today?: string },
): Promise<OnboardingDetail> {
  const actor = asStaff(input.actor);
  const today = input.today ?? osloDate();
  return input.database.tenant(actor.tenantId, async (tx) => {
    const row = await loadOnboarding(tx, actor.tenantId, input.onboardingId);
    await assertUnitVisible(tx, actor, row.unitId);
    const steps = await stepViews(tx, actor.tenantId, row.id);
    return {
      id: row.id,
      unit: { id: row.unitId, name: row.unitName },
      person: { userId: row.userId, name: row.userName },
      startedOn: row.startedOn,
      dueOn: row.dueOn,
      completedAt: row.completedAt,
      state: onboardingState(row, today),
      steps,
      done: steps.filter((step) => step.doneOn).length,
      mayFollowUp: await followsUpUnit(tx, actor, row.unitId),
    };
  });
}

export function tickSchema(today: string) {
  return z.strictObject({
    stepId: z.preprocess(blankToEmpty, z.string().trim()),
    completedOn: z.preprocess(
      blankToEmpty,
      z
        .string()
        .trim()
        .min(1, { message: "implementation.units.errors.dateRequired" })
        .refine((value) => isIsoDate(value), {
          message: "implementation.units.errors.dateInvalid",
        })
        .refine((value) => value <= today, {
          message: "implementation.units.onboarding.errors.doneInFuture",
        }),
    ),
  });
}

async function assertFollowsUp(tx: Tx, actor: ReturnType<typeof asStaff>, unitId: string) {
  await assertUnitVisible(tx, actor, unitId);
  if (!(await followsUpUnit(tx, actor, unitId))) {
    throw new AppError("forbidden", "errors.forbidden");
  }
}

/**
 * Ticks a step done on a date (not in the future). When every active step is done, the
 * onboarding is completed. Returns whether it is completed now.
 */
export async function completeOnboardingStep(
  input: Write & { onboardingId: string; values: unknown; today?: string },
): Promise<{ completed: boolean }> {
  const actor = asStaff(input.actor);
  const today = input.today ?? osloDate();
  return input.database.tenant(actor.tenantId, async (tx) => {
    const onboarding = await loadOnboarding(tx, actor.tenantId, input.onboardingId);
    await assertFollowsUp(tx, actor, onboarding.unitId);
    const values = parseInput(tickSchema(today), input.values);
    const steps = await activeSteps(tx, actor.tenantId);
    if (!steps.some((step) => step.id === values.stepId)) {
      throw new AppError("not_found", "errors.notFound");
    }
    await tx
      .insert(onboardingStepCompletions)
      .values({
        tenantId: actor.tenantId,
        onboardingId: onboarding.id,
        stepId: values.stepId,
        completedOn: values.completedOn,
        confirmedBy: actor.userId,
      })
      .onConflictDoUpdate({
        target: [onboardingStepCompletions.onboardingId, onboardingStepCompletions.stepId],
        set: { completedOn: values.completedOn, confirmedBy: actor.userId },
      });
    const completed = (await completeWhereDone(tx, actor.tenantId, [onboarding.id])).length > 0;
    await recordAudit(tx, {
      type: "onboarding.step_completed",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "onboarding", id: onboarding.id },
      details: { stepId: values.stepId, completedOn: values.completedOn, completed },
    });
    return { completed: completed || onboarding.completedAt !== null };
  });
}

/** Undoes a tick; a completed onboarding is open again. */
export async function undoOnboardingStep(
  input: Write & { onboardingId: string; stepId: string },
): Promise<void> {
  const actor = asStaff(input.actor);
  assertId(input.stepId);
  await input.database.tenant(actor.tenantId, async (tx) => {
    const onboarding = await loadOnboarding(tx, actor.tenantId, input.onboardingId);
    await assertFollowsUp(tx, actor, onboarding.unitId);
    const removed = await tx
      .delete(onboardingStepCompletions)
      .where(
        and(
          eq(onboardingStepCompletions.tenantId, actor.tenantId),
          eq(onboardingStepCompletions.onboardingId, onboarding.id),
          eq(onboardingStepCompletions.stepId, input.stepId),
        ),
      )
      .returning({ stepId: onboardingStepCompletions.stepId });
    if (removed.length === 0) throw new AppError("not_found", "errors.notFound");
    const reopened = onboarding.completedAt !== null;
    if (reopened) {
      await tx
        .update(onboardings)
        .set({ completedAt: null })
        .where(eq(onboardings.id, onboarding.id));
    }
    await recordAudit(tx, {
      type: "onboarding.step_undone",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "onboarding", id: onboarding.id },
      details: { stepId: input.stepId, reopened },
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The employee's own checklist.

export interface MyOnboarding {
  id: string;
  unitName: string;
  startedOn: string;
  dueOn: string;
  state: OnboardingState;
  steps: OnboardingStepView[];
  done: number;
}

/** The signed-in employee's own onboardings with their checklists, read-only. */
export async function getMyOnboardings(
  input: Base & { today?: string },
): Promise<{ onboardings: MyOnboarding[]; steps: ChecklistStep[] }> {
  const actor = asStaff(input.actor);
  assertCan(actor, "competence.use");
  const today = input.today ?? osloDate();
  return input.database.tenant(actor.tenantId, async (tx) => {
    const steps = await activeSteps(tx, actor.tenantId);
    const rows = await tx
      .select({
        id: onboardings.id,
        unitName: units.name,
        startedOn: onboardings.startedOn,
        dueOn: onboardings.dueOn,
        completedAt: onboardings.completedAt,
      })
      .from(onboardings)
      .innerJoin(units, eq(units.id, onboardings.unitId))
      .where(and(eq(onboardings.tenantId, actor.tenantId), eq(onboardings.userId, actor.userId)))
      .orderBy(asc(onboardings.startedOn));
    const result: MyOnboarding[] = [];
    for (const row of rows) {
      const views = await stepViews(tx, actor.tenantId, row.id);
      result.push({
        id: row.id,
        unitName: row.unitName,
        startedOn: row.startedOn,
        dueOn: row.dueOn,
        state: onboardingState(row, today),
        steps: views,
        done: views.filter((step) => step.doneOn).length,
      });
    }
    return { onboardings: result, steps };
  });
}
