import type { Direction } from "./ordering.ts";
import { z } from "zod";
import type { Actor } from "../access/actor.ts";
import { assertCan, can } from "../access/policy.ts";
import { AppError } from "../errors.ts";
import { isIsoDate } from "../platform/dates.ts";
import { asStaff, type StaffActor } from "./scope.ts";

/**
 * What the plan area's use cases share: who may read (implementation.view: unit leaders, BTS
 * contacts, the coordinator, sector leaders) and who may write (implementation.manage: the
 * coordinator), id checks and the form field schemas.
 */

export function viewer(actor: Actor): StaffActor {
  const staff = asStaff(actor);
  assertCan(staff, "implementation.view");
  return staff;
}

export function manager(actor: Actor): StaffActor {
  const staff = asStaff(actor);
  assertCan(staff, "implementation.manage");
  return staff;
}

export function canManage(actor: Actor): boolean {
  return actor.kind === "staff" && can(actor, "implementation.manage");
}

/** A malformed id is simply not found (never a database error). */
export function assertId(id: string): void {
  if (!z.guid().safeParse(id).success) throw new AppError("not_found", "errors.notFound");
}

export function notFound(): AppError {
  return new AppError("not_found", "errors.notFound");
}

const blankToEmpty = (value: unknown) => (value === null || value === undefined ? "" : value);

/** Free text, trimmed; `requiredKey` makes it required with that message. */
export function textField(max: number, requiredKey?: string) {
  const base = z.string({ message: requiredKey ?? "errors.type" }).trim();
  return z.preprocess(
    blankToEmpty,
    requiredKey
      ? base.min(1, { message: requiredKey }).max(max, { message: "errors.tooLong" })
      : base.max(max, { message: "errors.tooLong" }),
  );
}

/** A required YYYY-MM-DD date; a missing or impossible one gets `messageKey`. */
export function dateField(messageKey: string) {
  return z.preprocess(
    blankToEmpty,
    z
      .string()
      .trim()
      .refine((value) => isIsoDate(value), { message: messageKey }),
  );
}

/** An optional date: empty becomes null. */
export function optionalDateField(messageKey: string) {
  return z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? null : (value ?? null)),
    z
      .string()
      .trim()
      .refine((value) => isIsoDate(value), { message: messageKey })
      .nullable(),
  );
}

/** An optional id from a select: empty becomes null, anything else must look like an id. */
export function optionalIdField(messageKey: string) {
  return z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? null : (value ?? null)),
    z.guid({ message: messageKey }).nullable(),
  );
}

/** A required id from a select. */
export function idField(messageKey: string) {
  return z.preprocess(
    blankToEmpty,
    z.string().refine((value) => z.guid().safeParse(value).success, {
      message: messageKey,
    }),
  );
}

/** A checkbox posts "on" when checked and nothing when not; the API may send a boolean. */
export const checkboxField = z.preprocess(
  (value) =>
    value === undefined || value === null || value === "" || value === "false" ? false : value,
  z.union([z.boolean(), z.enum(["on", "true"]).transform(() => true)]),
);

/** An integer 1–5 from a select or a number. */
export function scaleField(messageKey: string) {
  return z.preprocess(
    (value) => (typeof value === "string" && /^\s*\d+\s*$/.test(value) ? Number(value) : value),
    z
      .number({ message: messageKey })
      .int({ message: messageKey })
      .min(1, { message: messageKey })
      .max(5, { message: messageKey }),
  );
}

export function directionOf(value: unknown): Direction {
  if (value === "up" || value === "down") return value;
  throw new AppError("validation", "errors.validation", {
    fieldErrors: { direction: "errors.choice" },
  });
}

/** Field names whose values differ between two rows: what an update's audit row names. */
export function changedFields<T extends Record<string, unknown>>(
  before: T,
  after: T,
  fields: readonly (keyof T & string)[],
): string[] {
  return fields.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
}
