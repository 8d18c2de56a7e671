import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "../../db/client.ts";
import { btsContacts, units } from "../../db/schema/index.ts";
import type { Actor } from "../access/actor.ts";
import { assertCan } from "../access/policy.ts";
import { AppError } from "../errors.ts";

/**
 * Who sees and changes which unit in the implementation module. The coordinator and sector
 * leaders see every unit; a unit leader sees the units they belong to; a BTS contact sees the
 * units they are appointed to. No rule here ever reads a child's data.
 */
export type StaffActor = Extract<Actor, { kind: "staff" }>;

export function asStaff(actor: Actor): StaffActor {
  if (actor.kind !== "staff") throw new AppError("forbidden", "errors.forbidden");
  return actor;
}

/** Coordinator and sector leaders see all units side by side. */
export function seesAllUnits(actor: StaffActor): boolean {
  return actor.roles.includes("coordinator") || actor.roles.includes("sector_leader");
}

export function isCoordinator(actor: StaffActor): boolean {
  return actor.roles.includes("coordinator");
}

/** A unit leader leads the units they belong to: they appoint its BTS contacts. */
export function leadsUnit(actor: StaffActor, unitId: string): boolean {
  return actor.roles.includes("unit_leader") && actor.unitIds.includes(unitId);
}

/** The units this actor is appointed BTS contact for. */
export async function btsContactUnitIds(tx: Tx, actor: StaffActor): Promise<string[]> {
  const rows = await tx
    .select({ unitId: btsContacts.unitId })
    .from(btsContacts)
    .where(and(eq(btsContacts.tenantId, actor.tenantId), eq(btsContacts.userId, actor.userId)));
  return rows.map((row) => row.unitId);
}

/**
 * The unit ids this actor may see in the implementation views: all of the tenant's units for
 * the coordinator and sector leaders, otherwise the units they lead or are BTS contact for.
 */
export async function visibleUnitIds(tx: Tx, actor: StaffActor): Promise<string[]> {
  assertCan(actor, "implementation.view");
  if (seesAllUnits(actor)) {
    const rows = await tx
      .select({ id: units.id })
      .from(units)
      .where(eq(units.tenantId, actor.tenantId));
    return rows.map((row) => row.id);
  }
  const led = actor.roles.includes("unit_leader") ? actor.unitIds : [];
  const contactOf = await btsContactUnitIds(tx, actor);
  return [...new Set([...led, ...contactOf])];
}

/** Throws not_found (never forbidden: a unit outside one's scope is not shown to exist). */
export async function assertUnitVisible(tx: Tx, actor: StaffActor, unitId: string): Promise<void> {
  const visible = await visibleUnitIds(tx, actor);
  if (!visible.includes(unitId)) throw new AppError("not_found", "errors.notFound");
}

/** The coordinator, the unit's leader, or one of its BTS contacts: who follows the unit up. */
export async function followsUpUnit(tx: Tx, actor: StaffActor, unitId: string): Promise<boolean> {
  if (isCoordinator(actor) || leadsUnit(actor, unitId)) return true;
  const contactOf = await btsContactUnitIds(tx, actor);
  return contactOf.includes(unitId);
}

/** Units by id, restricted to the tenant (a foreign id simply does not come back). */
export async function unitsByIds(
  tx: Tx,
  tenantId: string,
  ids: string[],
): Promise<{ id: string; name: string; serviceType: string; active: boolean }[]> {
  if (ids.length === 0) return [];
  return tx
    .select({
      id: units.id,
      name: units.name,
      serviceType: units.serviceType,
      active: units.active,
    })
    .from(units)
    .where(and(eq(units.tenantId, tenantId), inArray(units.id, ids)));
}
