import { and, asc, eq, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../../db/client.ts";
import { units } from "../../db/schema/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import { assertCan } from "../access/policy.ts";
import { recordAudit } from "../audit/audit.ts";
import { AppError } from "../errors.ts";
import { parseInput } from "../platform/validation.ts";
import { serviceTypes } from "./service-types.ts";

export { serviceTypes, type ServiceType } from "./service-types.ts";

export type Unit = typeof units.$inferSelect;

export const unitInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  serviceType: z.enum(serviceTypes),
});

export async function listUnits(input: {
  database: Database;
  actor: Actor;
  includeInactive?: boolean;
}): Promise<Unit[]> {
  const tenantId = input.actor.tenantId;
  if (!tenantId) throw new AppError("forbidden", "errors.forbidden");
  if (input.includeInactive) assertCan(input.actor, "units.manage");
  // Unit names and types are not personal data: every signed-in staff member may list them.
  if (input.actor.kind !== "staff" && input.actor.kind !== "system") {
    throw new AppError("forbidden", "errors.forbidden");
  }
  return input.database.tenant(tenantId, (tx) =>
    tx
      .select()
      .from(units)
      .where(
        and(
          eq(units.tenantId, tenantId),
          input.includeInactive ? undefined : eq(units.active, true),
        ),
      )
      .orderBy(asc(units.name)),
  );
}

/** A malformed id names no unit: answer as for any unknown id instead of letting the uuid cast fail. */
function assertUnitId(unitId: string): void {
  if (!z.guid().safeParse(unitId).success) throw new AppError("not_found", "errors.notFound");
}

const nameTaken = () =>
  new AppError("conflict", "errors.unitNameTaken", {
    fieldErrors: { name: "errors.unitNameTaken" },
  });

/** Two saves racing past the name check meet the unique index; answer as the check would have. */
function mapNameClash(error: unknown): never {
  const code =
    (error as { cause?: { code?: string } })?.cause?.code ?? (error as { code?: string })?.code;
  if (code === "23505") throw nameTaken();
  throw error;
}

export async function getUnit(input: {
  database: Database;
  actor: Actor;
  unitId: string;
}): Promise<Unit> {
  assertCan(input.actor, "units.manage");
  const tenantId = input.actor.tenantId!;
  assertUnitId(input.unitId);
  const [unit] = await input.database.tenant(tenantId, (tx) =>
    tx
      .select()
      .from(units)
      .where(and(eq(units.tenantId, tenantId), eq(units.id, input.unitId))),
  );
  if (!unit) throw new AppError("not_found", "errors.notFound");
  return unit;
}

async function assertNameFree(
  tx: Parameters<Parameters<Database["tenant"]>[1]>[0],
  tenantId: string,
  name: string,
  exceptId?: string,
) {
  const [clash] = await tx
    .select({ id: units.id })
    .from(units)
    .where(
      and(
        eq(units.tenantId, tenantId),
        eq(sql`lower(${units.name})`, name.toLowerCase()),
        exceptId ? ne(units.id, exceptId) : undefined,
      ),
    );
  if (clash) throw nameTaken();
}

export async function createUnit(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  values: unknown;
}): Promise<Unit> {
  assertCan(input.actor, "units.manage");
  const tenantId = input.actor.tenantId!;
  const values = parseInput(unitInputSchema, input.values);
  return input.database
    .tenant(tenantId, async (tx) => {
      await assertNameFree(tx, tenantId, values.name);
      const [unit] = await tx
        .insert(units)
        .values({ tenantId, name: values.name, serviceType: values.serviceType })
        .returning();
      await recordAudit(tx, {
        type: "unit.created",
        tenantId,
        actor: input.actor,
        meta: input.meta,
        subject: { type: "unit", id: unit!.id },
      });
      return unit!;
    })
    .catch(mapNameClash);
}

export async function updateUnit(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  unitId: string;
  values: unknown;
}): Promise<Unit> {
  assertCan(input.actor, "units.manage");
  const tenantId = input.actor.tenantId!;
  assertUnitId(input.unitId);
  const values = parseInput(unitInputSchema, input.values);
  return input.database
    .tenant(tenantId, async (tx) => {
      // Existence first: another municipality's unit is "not found", never "name taken".
      const [before] = await tx
        .select()
        .from(units)
        .where(and(eq(units.tenantId, tenantId), eq(units.id, input.unitId)));
      if (!before) throw new AppError("not_found", "errors.notFound");
      await assertNameFree(tx, tenantId, values.name, input.unitId);
      const [unit] = await tx
        .update(units)
        .set({ name: values.name, serviceType: values.serviceType, updatedAt: new Date() })
        .where(and(eq(units.tenantId, tenantId), eq(units.id, input.unitId)))
        .returning();
      await recordAudit(tx, {
        type: "unit.updated",
        tenantId,
        actor: input.actor,
        meta: input.meta,
        subject: { type: "unit", id: input.unitId },
        details: {
          fields: (["name", "serviceType"] as const).filter(
            (field) => before[field] !== unit![field],
          ),
        },
      });
      return unit!;
    })
    .catch(mapNameClash);
}

export async function setUnitActive(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  unitId: string;
  active: boolean;
}): Promise<Unit> {
  assertCan(input.actor, "units.manage");
  const tenantId = input.actor.tenantId!;
  assertUnitId(input.unitId);
  return input.database.tenant(tenantId, async (tx) => {
    const [unit] = await tx
      .update(units)
      .set({ active: input.active, updatedAt: new Date() })
      .where(and(eq(units.tenantId, tenantId), eq(units.id, input.unitId)))
      .returning();
    if (!unit) throw new AppError("not_found", "errors.notFound");
    await recordAudit(tx, {
      type: input.active ? "unit.reactivated" : "unit.deactivated",
      tenantId,
      actor: input.actor,
      meta: input.meta,
      subject: { type: "unit", id: unit.id },
    });
    return unit;
  });
}

export const unitPatchSchema = z.strictObject({
  name: unitInputSchema.shape.name.optional(),
  serviceType: unitInputSchema.shape.serviceType.optional(),
  active: z.boolean().optional(),
});

/**
 * Changes any of a unit's name, service type and active flag in one transaction (the API's
 * PATCH). Each kind of change is audited as the admin pages audit it.
 */
export async function patchUnit(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  unitId: string;
  values: unknown;
}): Promise<Unit> {
  assertCan(input.actor, "units.manage");
  const tenantId = input.actor.tenantId!;
  assertUnitId(input.unitId);
  const values = parseInput(unitPatchSchema, input.values);
  return input.database
    .tenant(tenantId, async (tx) => {
      const where = and(eq(units.tenantId, tenantId), eq(units.id, input.unitId));
      const [before] = await tx.select().from(units).where(where);
      if (!before) throw new AppError("not_found", "errors.notFound");
      if (values.name !== undefined) await assertNameFree(tx, tenantId, values.name, before.id);
      const fields = (["name", "serviceType"] as const).filter(
        (field) => values[field] !== undefined && values[field] !== before[field],
      );
      const activeChanged = values.active !== undefined && values.active !== before.active;
      if (fields.length === 0 && !activeChanged) return before;
      const [unit] = await tx
        .update(units)
        .set({
          name: values.name ?? before.name,
          serviceType: values.serviceType ?? before.serviceType,
          active: values.active ?? before.active,
          updatedAt: new Date(),
        })
        .where(where)
        .returning();
      const audit = {
        tenantId,
        actor: input.actor,
        meta: input.meta,
        subject: { type: "unit", id: before.id },
      };
      if (fields.length > 0) {
        await recordAudit(tx, { ...audit, type: "unit.updated", details: { fields } });
      }
      if (activeChanged) {
        await recordAudit(tx, {
          ...audit,
          type: values.active ? "unit.reactivated" : "unit.deactivated",
        });
      }
      return unit!;
    })
    .catch(mapNameClash);
}
