import { and, asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "../../db/client.ts";
import { units } from "../../db/schema/index.ts";
import type { Actor } from "../access/actor.ts";
import { identifyingWarnings } from "../guide/worry-rules.ts";
import { AppError } from "../errors.ts";

/** Shared helpers of the relay log's special cases (anonymous, next of kin, child welfare). */

export interface UnitChoice {
  id: string;
  name: string;
  serviceType: string;
}

/** The active units the employee belongs to, by name. */
export async function actorUnits(
  tx: Tx,
  actor: Extract<Actor, { kind: "staff" }>,
): Promise<UnitChoice[]> {
  if (actor.unitIds.length === 0) return [];
  return tx
    .select({ id: units.id, name: units.name, serviceType: units.serviceType })
    .from(units)
    .where(
      and(
        eq(units.tenantId, actor.tenantId),
        inArray(units.id, actor.unitIds),
        eq(units.active, true),
      ),
    )
    .orderBy(asc(units.name));
}

/** A unit the employee picked must be one of their own active units. */
export async function assertOwnUnit(
  tx: Tx,
  actor: Extract<Actor, { kind: "staff" }>,
  unitId: string,
  field: string,
): Promise<UnitChoice> {
  const unit = (await actorUnits(tx, actor)).find((candidate) => candidate.id === unitId);
  if (!unit)
    throw new AppError("validation", "errors.validation", {
      fieldErrors: { [field]: "errors.choice" },
    });
  return unit;
}

/** A form checkbox: "on"/"true" when ticked, absent or "" when not. */
export const checkbox = z
  .union([z.literal("on"), z.literal("true"), z.literal(true), z.literal("")])
  .optional()
  .transform((value) => value === "on" || value === "true" || value === true);

/** An optional trimmed text: "" when left out. */
export function optionalText(max: number) {
  return z.string().trim().max(max, "errors.tooLong").optional().default("");
}

/**
 * Refuses texts that look like a name, an ID number or a birth date unless the employee has
 * confirmed that nothing in them identifies the child (the same check as the worry flow). The
 * field errors are `worry.warning.*` keys, so the form shows the shared warning with its checkbox.
 */
export function assertNotIdentifying(fields: Record<string, string>, confirmed: boolean): void {
  if (confirmed) return;
  const warnings = identifyingWarnings(fields);
  if (Object.keys(warnings).length > 0) {
    throw new AppError("validation", "worry.identifyingFound", { fieldErrors: warnings });
  }
}

export function isUuid(value: string): boolean {
  return z.guid().safeParse(value).success;
}

/** Merges field errors found after parsing into one validation error, or does nothing. */
export function throwFieldErrors(fieldErrors: Record<string, string>): void {
  if (Object.keys(fieldErrors).length > 0) {
    throw new AppError("validation", "errors.validation", { fieldErrors });
  }
}

/**
 * A choice that may be left empty ("" when none is picked): the use case reports a missing
 * choice together with every other error, instead of zod stopping at the first.
 */
export function optionalChoice<const T extends readonly [string, ...string[]]>(options: T) {
  return z
    .union([z.enum(options), z.literal("")], { message: "errors.choice" })
    .optional()
    .default("");
}

/** Adds `messageKey` for each field whose value is empty. */
export function requireFilled(
  fieldErrors: Record<string, string>,
  values: Record<string, unknown>,
  required: Record<string, string>,
): void {
  for (const [field, messageKey] of Object.entries(required)) {
    if (!values[field]) fieldErrors[field] ??= messageKey;
  }
}
