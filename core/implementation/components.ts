import { orderAfterMove, type Direction } from "./ordering.ts";
import { and, asc, eq, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "../../db/client.ts";
import { coreComponents, dosingPeriods, milestones } from "../../db/schema/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import { recordAudit } from "../audit/audit.ts";
import { AppError } from "../errors.ts";
import { isIsoDate, osloDate } from "../platform/dates.ts";
import { parseInput } from "../platform/validation.ts";
import {
  assertId,
  canManage,
  changedFields,
  dateField,
  idField,
  manager,
  notFound,
  textField,
  viewer,
} from "./plan-common.ts";
import {
  COMPONENT_DESCRIPTION_MAX,
  COMPONENT_TITLE_MAX,
  DOSING_NOTE_MAX,
  isInFocus,
} from "./plan-rules.ts";

/**
 * Core components (kjernekomponenter) in the municipality's order, and dosing (dosering): which
 * component is in focus in which period. Overlapping periods are allowed (a theme may start
 * before the last one ends). Everyone with implementation.view reads; the coordinator writes.
 */

export type ComponentRow = typeof coreComponents.$inferSelect;
export type DosingRow = typeof dosingPeriods.$inferSelect;

export interface ComponentView {
  id: string;
  position: number;
  title: string;
  description: string;
}

export interface DosingView {
  id: string;
  componentId: string;
  componentTitle: string;
  startsOn: string;
  endsOn: string;
  note: string;
  inFocus: boolean;
}

interface Base {
  database: Database;
  actor: Actor;
}

interface Write extends Base {
  meta: RequestMeta;
}

const componentSchema = z.object({
  title: textField(COMPONENT_TITLE_MAX, "implementation.plan.components.errors.titleRequired"),
  description: textField(COMPONENT_DESCRIPTION_MAX),
});

const dosingSchema = z
  .object({
    componentId: idField("implementation.plan.dosing.errors.component"),
    startsOn: dateField("implementation.plan.dosing.errors.startsOn"),
    endsOn: dateField("implementation.plan.dosing.errors.endsOn"),
    note: textField(DOSING_NOTE_MAX),
  })
  .superRefine((values, context) => {
    if (isIsoDate(values.startsOn) && isIsoDate(values.endsOn) && values.endsOn < values.startsOn) {
      context.addIssue({
        code: "custom",
        path: ["endsOn"],
        message: "implementation.plan.dosing.errors.endBeforeStart",
      });
    }
  });

async function componentRows(tx: Tx, tenantId: string): Promise<ComponentRow[]> {
  return tx
    .select()
    .from(coreComponents)
    .where(eq(coreComponents.tenantId, tenantId))
    .orderBy(asc(coreComponents.position), asc(coreComponents.createdAt));
}

/** The components in order, the dosing periods by start, and which ones are in focus today. */
export async function listComponents(input: Base & { today?: string }): Promise<{
  components: ComponentView[];
  dosing: DosingView[];
  today: string;
  canManage: boolean;
}> {
  const actor = viewer(input.actor);
  const today = input.today ?? osloDate();
  return input.database.tenant(actor.tenantId, async (tx) => {
    const components = await componentRows(tx, actor.tenantId);
    const periods = await tx
      .select({
        id: dosingPeriods.id,
        componentId: dosingPeriods.componentId,
        componentTitle: coreComponents.title,
        startsOn: dosingPeriods.startsOn,
        endsOn: dosingPeriods.endsOn,
        note: dosingPeriods.note,
      })
      .from(dosingPeriods)
      .innerJoin(coreComponents, eq(coreComponents.id, dosingPeriods.componentId))
      .where(eq(dosingPeriods.tenantId, actor.tenantId))
      .orderBy(
        asc(dosingPeriods.startsOn),
        asc(dosingPeriods.endsOn),
        asc(coreComponents.position),
      );
    return {
      components: components.map(({ id, position, title, description }) => ({
        id,
        position,
        title,
        description,
      })),
      dosing: periods.map((period) => ({ ...period, inFocus: isInFocus(period, today) })),
      today,
      canManage: canManage(actor),
    };
  });
}

export async function getComponent(
  input: Base & { componentId: string },
): Promise<ComponentView & { dosingCount: number; milestoneCount: number }> {
  const actor = viewer(input.actor);
  assertId(input.componentId);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const [row] = await tx
      .select()
      .from(coreComponents)
      .where(
        and(eq(coreComponents.tenantId, actor.tenantId), eq(coreComponents.id, input.componentId)),
      );
    if (!row) throw notFound();
    const [dosing] = await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(dosingPeriods)
      .where(eq(dosingPeriods.componentId, row.id));
    const [linked] = await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(milestones)
      .where(eq(milestones.componentId, row.id));
    return {
      id: row.id,
      position: row.position,
      title: row.title,
      description: row.description,
      dosingCount: dosing?.count ?? 0,
      milestoneCount: linked?.count ?? 0,
    };
  });
}

/** Titles are unique per municipality, whatever the case. */
async function assertTitleFree(
  tx: Tx,
  tenantId: string,
  title: string,
  selfId: string | null,
): Promise<void> {
  const [clash] = await tx
    .select({ id: coreComponents.id })
    .from(coreComponents)
    .where(
      and(
        eq(coreComponents.tenantId, tenantId),
        sql`lower(${coreComponents.title}) = lower(${title})`,
        ...(selfId ? [ne(coreComponents.id, selfId)] : []),
      ),
    );
  if (clash) {
    throw new AppError("conflict", "implementation.plan.components.errors.duplicate", {
      fieldErrors: { title: "implementation.plan.components.errors.duplicate" },
    });
  }
}

export async function createComponent(input: Write & { values: unknown }): Promise<ComponentRow> {
  const actor = manager(input.actor);
  const values = parseInput(componentSchema, input.values);
  return input.database.tenant(actor.tenantId, async (tx) => {
    await assertTitleFree(tx, actor.tenantId, values.title, null);
    const [last] = await tx
      .select({ max: sql<number | null>`max(${coreComponents.position})` })
      .from(coreComponents)
      .where(eq(coreComponents.tenantId, actor.tenantId));
    const [row] = await tx
      .insert(coreComponents)
      .values({ tenantId: actor.tenantId, position: (last?.max ?? 0) + 1, ...values })
      .returning();
    await recordAudit(tx, {
      type: "implementation.component_saved",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "implementation_core_component", id: row!.id },
      details: { created: true, position: row!.position },
    });
    return row!;
  });
}

export async function updateComponent(
  input: Write & { componentId: string; values: unknown },
): Promise<ComponentRow> {
  const actor = manager(input.actor);
  assertId(input.componentId);
  const values = parseInput(componentSchema, input.values);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const where = and(
      eq(coreComponents.tenantId, actor.tenantId),
      eq(coreComponents.id, input.componentId),
    );
    const [before] = await tx.select().from(coreComponents).where(where);
    if (!before) throw notFound();
    await assertTitleFree(tx, actor.tenantId, values.title, before.id);
    const [row] = await tx
      .update(coreComponents)
      .set({ ...values, updatedAt: new Date() })
      .where(where)
      .returning();
    const fields = changedFields(before, row!, ["title", "description"]);
    if (fields.length > 0) {
      await recordAudit(tx, {
        type: "implementation.component_saved",
        tenantId: actor.tenantId,
        actor,
        meta: input.meta,
        subject: { type: "implementation_core_component", id: row!.id },
        details: { created: false, fields },
      });
    }
    return row!;
  });
}

/** Swaps a component with its neighbour above or below; at either end nothing changes. */
export async function moveComponent(
  input: Write & { componentId: string; direction: Direction },
): Promise<void> {
  const actor = manager(input.actor);
  assertId(input.componentId);
  await input.database.tenant(actor.tenantId, async (tx) => {
    const rows = await componentRows(tx, actor.tenantId);
    if (!rows.some((row) => row.id === input.componentId)) throw notFound();
    const order = orderAfterMove(
      rows.map((row) => row.id),
      input.componentId,
      input.direction,
    );
    if (!order) return;
    for (const [position, id] of order.entries()) {
      await tx
        .update(coreComponents)
        .set({ position: position + 1 })
        .where(and(eq(coreComponents.tenantId, actor.tenantId), eq(coreComponents.id, id)));
    }
    await recordAudit(tx, {
      type: "implementation.component_saved",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "implementation_core_component", id: input.componentId },
      details: { created: false, fields: ["position"], direction: input.direction },
    });
  });
}

/**
 * Deletes a component with its dosing periods; milestones, training and learning material that
 * named it keep going without a component.
 */
export async function deleteComponent(
  input: Write & { componentId: string },
): Promise<ComponentRow> {
  const actor = manager(input.actor);
  assertId(input.componentId);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const [row] = await tx
      .delete(coreComponents)
      .where(
        and(eq(coreComponents.tenantId, actor.tenantId), eq(coreComponents.id, input.componentId)),
      )
      .returning();
    if (!row) throw notFound();
    await recordAudit(tx, {
      type: "implementation.component_deleted",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "implementation_core_component", id: row.id },
    });
    return row;
  });
}

// ---------------------------------------------------------------- dosing

async function assertComponentInTenant(tx: Tx, tenantId: string, componentId: string) {
  const [component] = await tx
    .select({ id: coreComponents.id })
    .from(coreComponents)
    .where(and(eq(coreComponents.tenantId, tenantId), eq(coreComponents.id, componentId)));
  if (!component) {
    throw new AppError("validation", "errors.validation", {
      fieldErrors: { componentId: "implementation.plan.dosing.errors.component" },
    });
  }
}

export async function getDosingPeriod(input: Base & { periodId: string }): Promise<DosingRow> {
  const actor = viewer(input.actor);
  assertId(input.periodId);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const [row] = await tx
      .select()
      .from(dosingPeriods)
      .where(and(eq(dosingPeriods.tenantId, actor.tenantId), eq(dosingPeriods.id, input.periodId)));
    if (!row) throw notFound();
    return row;
  });
}

export async function createDosingPeriod(input: Write & { values: unknown }): Promise<DosingRow> {
  const actor = manager(input.actor);
  const values = parseInput(dosingSchema, input.values);
  return input.database.tenant(actor.tenantId, async (tx) => {
    await assertComponentInTenant(tx, actor.tenantId, values.componentId);
    const [row] = await tx
      .insert(dosingPeriods)
      .values({ tenantId: actor.tenantId, ...values })
      .returning();
    await recordAudit(tx, {
      type: "implementation.dosing_saved",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "implementation_dosing_period", id: row!.id },
      details: { created: true, componentId: row!.componentId },
    });
    return row!;
  });
}

export async function updateDosingPeriod(
  input: Write & { periodId: string; values: unknown },
): Promise<DosingRow> {
  const actor = manager(input.actor);
  assertId(input.periodId);
  const values = parseInput(dosingSchema, input.values);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const where = and(
      eq(dosingPeriods.tenantId, actor.tenantId),
      eq(dosingPeriods.id, input.periodId),
    );
    const [before] = await tx.select().from(dosingPeriods).where(where);
    if (!before) throw notFound();
    await assertComponentInTenant(tx, actor.tenantId, values.componentId);
    const [row] = await tx
      .update(dosingPeriods)
      .set({ ...values, updatedAt: new Date() })
      .where(where)
      .returning();
    const fields = changedFields(before, row!, ["componentId", "startsOn", "endsOn", "note"]);
    if (fields.length > 0) {
      await recordAudit(tx, {
        type: "implementation.dosing_saved",
        tenantId: actor.tenantId,
        actor,
        meta: input.meta,
        subject: { type: "implementation_dosing_period", id: row!.id },
        details: { created: false, fields },
      });
    }
    return row!;
  });
}

export async function deleteDosingPeriod(input: Write & { periodId: string }): Promise<DosingRow> {
  const actor = manager(input.actor);
  assertId(input.periodId);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const [row] = await tx
      .delete(dosingPeriods)
      .where(and(eq(dosingPeriods.tenantId, actor.tenantId), eq(dosingPeriods.id, input.periodId)))
      .returning();
    if (!row) throw notFound();
    await recordAudit(tx, {
      type: "implementation.dosing_deleted",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "implementation_dosing_period", id: row.id },
      details: { componentId: row.componentId },
    });
    return row;
  });
}
