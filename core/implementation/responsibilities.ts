import { orderAfterMove, type Direction } from "./ordering.ts";
import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "../../db/client.ts";
import { responsibilities } from "../../db/schema/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import { recordAudit } from "../audit/audit.ts";
import { parseInput } from "../platform/validation.ts";
import {
  assertId,
  canManage,
  changedFields,
  manager,
  notFound,
  textField,
  viewer,
} from "./plan-common.ts";
import {
  howPoints,
  RESPONSIBILITY_DUTY_MAX,
  RESPONSIBILITY_HOLDER_MAX,
  RESPONSIBILITY_HOW_MAX,
} from "./plan-rules.ts";

/**
 * The responsibility matrix ("Hvem gjør det?"): who (Kommunalsjefer, Virksomhetsledere,
 * BTS-kontakter …) → their duty → how, one point per line. In the municipality's order.
 */

export type ResponsibilityRow = typeof responsibilities.$inferSelect;

export interface ResponsibilityView {
  id: string;
  position: number;
  holder: string;
  duty: string;
  how: string;
  /** `how` split into its points, for a list. */
  points: string[];
}

interface Base {
  database: Database;
  actor: Actor;
}

interface Write extends Base {
  meta: RequestMeta;
}

const responsibilitySchema = z.object({
  holder: textField(
    RESPONSIBILITY_HOLDER_MAX,
    "implementation.plan.responsibilities.errors.holderRequired",
  ),
  duty: textField(
    RESPONSIBILITY_DUTY_MAX,
    "implementation.plan.responsibilities.errors.dutyRequired",
  ),
  how: textField(RESPONSIBILITY_HOW_MAX),
});

function viewOf(row: ResponsibilityRow): ResponsibilityView {
  return {
    id: row.id,
    position: row.position,
    holder: row.holder,
    duty: row.duty,
    how: row.how,
    points: howPoints(row.how),
  };
}

async function rowsOf(tx: Tx, tenantId: string): Promise<ResponsibilityRow[]> {
  return tx
    .select()
    .from(responsibilities)
    .where(eq(responsibilities.tenantId, tenantId))
    .orderBy(asc(responsibilities.position), asc(responsibilities.createdAt));
}

export async function listResponsibilities(
  input: Base,
): Promise<{ rows: ResponsibilityView[]; canManage: boolean }> {
  const actor = viewer(input.actor);
  return input.database.tenant(actor.tenantId, async (tx) => ({
    rows: (await rowsOf(tx, actor.tenantId)).map(viewOf),
    canManage: canManage(actor),
  }));
}

export async function getResponsibility(
  input: Base & { responsibilityId: string },
): Promise<ResponsibilityView> {
  const actor = viewer(input.actor);
  assertId(input.responsibilityId);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const [row] = await tx
      .select()
      .from(responsibilities)
      .where(
        and(
          eq(responsibilities.tenantId, actor.tenantId),
          eq(responsibilities.id, input.responsibilityId),
        ),
      );
    if (!row) throw notFound();
    return viewOf(row);
  });
}

/** Stores "how" with one point per line and no list markers or blank lines. */
function normalised(values: z.infer<typeof responsibilitySchema>) {
  return { ...values, how: howPoints(values.how).join("\n") };
}

export async function createResponsibility(
  input: Write & { values: unknown },
): Promise<ResponsibilityRow> {
  const actor = manager(input.actor);
  const values = normalised(parseInput(responsibilitySchema, input.values));
  return input.database.tenant(actor.tenantId, async (tx) => {
    const [last] = await tx
      .select({ max: sql<number | null>`max(${responsibilities.position})` })
      .from(responsibilities)
      .where(eq(responsibilities.tenantId, actor.tenantId));
    const [row] = await tx
      .insert(responsibilities)
      .values({ tenantId: actor.tenantId, position: (last?.max ?? 0) + 1, ...values })
      .returning();
    await recordAudit(tx, {
      type: "implementation.responsibility_saved",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "implementation_responsibility", id: row!.id },
      details: { created: true, points: howPoints(row!.how).length },
    });
    return row!;
  });
}

export async function updateResponsibility(
  input: Write & { responsibilityId: string; values: unknown },
): Promise<ResponsibilityRow> {
  const actor = manager(input.actor);
  assertId(input.responsibilityId);
  const values = normalised(parseInput(responsibilitySchema, input.values));
  return input.database.tenant(actor.tenantId, async (tx) => {
    const where = and(
      eq(responsibilities.tenantId, actor.tenantId),
      eq(responsibilities.id, input.responsibilityId),
    );
    const [before] = await tx.select().from(responsibilities).where(where);
    if (!before) throw notFound();
    const [row] = await tx
      .update(responsibilities)
      .set({ ...values, updatedAt: new Date() })
      .where(where)
      .returning();
    const fields = changedFields(before, row!, ["holder", "duty", "how"]);
    if (fields.length > 0) {
      await recordAudit(tx, {
        type: "implementation.responsibility_saved",
        tenantId: actor.tenantId,
        actor,
        meta: input.meta,
        subject: { type: "implementation_responsibility", id: row!.id },
        details: { created: false, fields },
      });
    }
    return row!;
  });
}

/** Swaps a row with its neighbour above or below; at either end nothing changes. */
export async function moveResponsibility(
  input: Write & { responsibilityId: string; direction: Direction },
): Promise<void> {
  const actor = manager(input.actor);
  assertId(input.responsibilityId);
  await input.database.tenant(actor.tenantId, async (tx) => {
    const rows = await rowsOf(tx, actor.tenantId);
    if (!rows.some((row) => row.id === input.responsibilityId)) throw notFound();
    const order = orderAfterMove(
      rows.map((row) => row.id),
      input.responsibilityId,
      input.direction,
    );
    if (!order) return;
    for (const [position, id] of order.entries()) {
      await tx
        .update(responsibilities)
        .set({ position: position + 1 })
        .where(and(eq(responsibilities.tenantId, actor.tenantId), eq(responsibilities.id, id)));
    }
    await recordAudit(tx, {
      type: "implementation.responsibility_saved",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "implementation_responsibility", id: input.responsibilityId },
      details: { created: false, fields: ["position"], direction: input.direction },
    });
  });
}

export async function deleteResponsibility(
  input: Write & { responsibilityId: string },
): Promise<ResponsibilityRow> {
  const actor = manager(input.actor);
  assertId(input.responsibilityId);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const [row] = await tx
      .delete(responsibilities)
      .where(
        and(
          eq(responsibilities.tenantId, actor.tenantId),
          eq(responsibilities.id, input.responsibilityId),
        ),
      )
      .returning();
    if (!row) throw notFound();
    await recordAudit(tx, {
      type: "implementation.responsibility_deleted",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "implementation_responsibility", id: row.id },
    });
    return row;
  });
}
