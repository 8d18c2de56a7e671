import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "../../db/client.ts";
import { units, userUnits, users } from "../../db/schema/index.ts";
import { noRequestMeta, type Actor, type RequestMeta } from "../access/actor.ts";
import { assertCan } from "../access/policy.ts";
import { staffRoles, type StaffRole } from "../access/roles.ts";
import { recordAudit } from "../audit/audit.ts";
import { deleteSessionsOf } from "../auth/sessions.ts";
import { hashPassword, MIN_PASSWORD_LENGTH } from "../auth/passwords.ts";
import { AppError } from "../errors.ts";
import { parseInput } from "../platform/validation.ts";

export interface StaffUser {
  id: string;
  email: string;
  name: string;
  roles: StaffRole[];
  unitIds: string[];
  active: boolean;
  hasPassword: boolean;
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
}

const formArray = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
    z.array(item),
  );

const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, "errors.passwordTooShort")
  .max(200, "errors.tooLong");

// Trimmed and lower-cased before the format check: a stray space pasted with an address is not an error.
const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "errors.required")
  .max(200)
  .pipe(z.email("errors.email"));

const unique = <T>(items: T[]) => [...new Set(items)];

export const userInputSchema = z.strictObject({
  email: emailSchema,
  name: z.string().trim().min(1).max(120),
  roles: formArray(z.enum(staffRoles))
    .pipe(z.array(z.enum(staffRoles)).min(1, "errors.rolesRequired"))
    .transform(unique),
  unitIds: formArray(z.guid()).transform(unique),
});

export const createUserSchema = userInputSchema.extend({
  password: z.union([z.literal("").transform(() => undefined), passwordSchema]).optional(),
});

function toStaffUser(row: typeof users.$inferSelect, unitIds: string[]): StaffUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    roles: row.roles as StaffRole[],
    unitIds,
    active: row.active,
    hasPassword: row.passwordHash !== null,
    lockedUntil: row.lockedUntil,
    lastLoginAt: row.lastLoginAt,
  };
}

/** The actor's municipality; an actor without one (a platform operator) has no users to manage. */
function tenantOf(actor: Actor): string {
  if (!actor.tenantId) throw new AppError("forbidden", "errors.forbidden");
  return actor.tenantId;
}

/** A malformed id names no user: answer as for any unknown id instead of letting the uuid cast fail. */
function assertUserId(userId: string): void {
  if (!z.guid().safeParse(userId).success) throw new AppError("not_found", "errors.notFound");
}

/** Escapes LIKE wildcards so a search for "_" or "%" matches those characters only. */
function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

async function unitIdsByUser(tx: Tx, userIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (userIds.length === 0) return map;
  const rows = await tx.select().from(userUnits).where(inArray(userUnits.userId, userIds));
  for (const row of rows) map.set(row.userId, [...(map.get(row.userId) ?? []), row.unitId]);
  return map;
}

export interface UserListPage {
  users: StaffUser[];
  total: number;
  page: number;
  pageSize: number;
}

/** Staff names and e-mail addresses are personal data: listing them is audited (never the search text). */
export async function listUsers(input: {
  database: Database;
  actor: Actor;
  meta?: RequestMeta;
  search?: string;
  page?: number;
  pageSize?: number;
}): Promise<UserListPage> {
  assertCan(input.actor, "users.manage");
  const tenantId = tenantOf(input.actor);
  const pageSize = Math.min(Math.max(Math.trunc(finiteOr(input.pageSize, 25)), 1), 100);
  const requestedPage = Math.max(Math.trunc(finiteOr(input.page, 1)), 1);
  const term = input.search?.trim().toLowerCase().slice(0, 200);
  const pattern = term ? likePattern(term) : null;
  const where = and(
    eq(users.tenantId, tenantId),
    pattern
      ? sql`(lower(${users.name}) like ${pattern} escape '\\' or lower(${users.email}) like ${pattern} escape '\\')`
      : undefined,
  );
  return input.database.tenant(tenantId, async (tx) => {
    const [count] = await tx
      .select({ total: sql<number>`count(*)::int` })
      .from(users)
      .where(where);
    const total = count?.total ?? 0;
    // A page past the end (an old link after users left) shows the last page instead of nothing.
    const page = Math.min(requestedPage, Math.max(Math.ceil(total / pageSize), 1));
    const rows = await tx
      .select()
      .from(users)
      .where(where)
      .orderBy(asc(users.name), asc(users.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize);
    const unitMap = await unitIdsByUser(
      tx,
      rows.map((row) => row.id),
    );
    await recordAudit(tx, {
      type: "user.list_viewed",
      tenantId,
      actor: input.actor,
      meta: input.meta ?? noRequestMeta,
      details: { page, shown: rows.length, searched: Boolean(pattern) },
    });
    return {
      users: rows.map((row) => toStaffUser(row, unitMap.get(row.id) ?? [])),
      total,
      page,
      pageSize,
    };
  });
}

const finiteOr = (value: number | undefined, fallback: number) =>
  value !== undefined && Number.isFinite(value) ? value : fallback;

export async function getUser(input: {
  database: Database;
  actor: Actor;
  meta?: RequestMeta;
  userId: string;
}): Promise<StaffUser> {
  assertCan(input.actor, "users.manage");
  const tenantId = tenantOf(input.actor);
  assertUserId(input.userId);
  return input.database.tenant(tenantId, async (tx) => {
    const [row] = await tx
      .select()
      .from(users)
      .where(and(eq(users.tenantId, tenantId), eq(users.id, input.userId)));
    if (!row) throw new AppError("not_found", "errors.notFound");
    const unitMap = await unitIdsByUser(tx, [row.id]);
    await recordAudit(tx, {
      type: "user.viewed",
      tenantId,
      actor: input.actor,
      meta: input.meta ?? noRequestMeta,
      subject: { type: "user", id: row.id },
    });
    return toStaffUser(row, unitMap.get(row.id) ?? []);
  });
}

async function assertEmailFree(tx: Tx, email: string, exceptId?: string) {
  // E-mail is unique across municipalities (ADR 0007), so this check cannot rely on RLS alone:
  // the unique index is the final word and is mapped to the same error below.
  const [clash] = await tx
    .select({ id: users.id })
    .from(users)
    .where(
      and(eq(sql`lower(${users.email})`, email), exceptId ? ne(users.id, exceptId) : undefined),
    );
  if (clash) throw emailTaken();
}

const emailTaken = () =>
  new AppError("conflict", "errors.emailTaken", { fieldErrors: { email: "errors.emailTaken" } });

function isUniqueViolation(error: unknown): boolean {
  const code =
    (error as { code?: string; cause?: { code?: string } })?.cause?.code ??
    (error as { code?: string })?.code;
  return code === "23505";
}

/**
 * Every unit must belong to the municipality, and new memberships must be in active units. A
 * membership the user already has survives the unit's deactivation, so saving another field
 * does not silently drop it.
 */
async function assertUnitsAssignable(
  tx: Tx,
  tenantId: string,
  unitIds: string[],
  alreadyMember: string[] = [],
) {
  if (unitIds.length === 0) return;
  const found = await tx
    .select({ id: units.id, active: units.active })
    .from(units)
    .where(and(eq(units.tenantId, tenantId), inArray(units.id, unitIds)));
  if (found.length !== new Set(unitIds).size) {
    throw new AppError("validation", "errors.validation", {
      fieldErrors: { unitIds: "errors.unknownUnit" },
    });
  }
  if (found.some((unit) => !unit.active && !alreadyMember.includes(unit.id))) {
    throw new AppError("validation", "errors.validation", {
      fieldErrors: { unitIds: "errors.unitInactive" },
    });
  }
}

export async function createUser(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  values: unknown;
}): Promise<StaffUser> {
  assertCan(input.actor, "users.manage");
  const tenantId = tenantOf(input.actor);
  const values = parseInput(createUserSchema, input.values);
  const passwordHash = values.password ? await hashPassword(values.password) : null;
  try {
    return await input.database.tenant(tenantId, async (tx) => {
      await assertEmailFree(tx, values.email);
      await assertUnitsAssignable(tx, tenantId, values.unitIds);
      const [row] = await tx
        .insert(users)
        .values({
          tenantId,
          email: values.email,
          name: values.name,
          roles: values.roles,
          passwordHash,
        })
        .returning();
      if (values.unitIds.length > 0) {
        await tx
          .insert(userUnits)
          .values(values.unitIds.map((unitId) => ({ tenantId, userId: row!.id, unitId })));
      }
      await recordAudit(tx, {
        type: "user.created",
        tenantId,
        actor: input.actor,
        meta: input.meta,
        subject: { type: "user", id: row!.id },
        details: { roles: values.roles, unitIds: values.unitIds },
      });
      return toStaffUser(row!, values.unitIds);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
}

export async function updateUser(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  userId: string;
  values: unknown;
}): Promise<StaffUser> {
  assertCan(input.actor, "users.manage");
  const tenantId = tenantOf(input.actor);
  assertUserId(input.userId);
  const values = parseInput(userInputSchema, input.values);
  if (
    input.actor.kind === "staff" &&
    input.actor.userId === input.userId &&
    !values.roles.includes("admin")
  ) {
    throw new AppError("validation", "errors.validation", {
      fieldErrors: { roles: "errors.cannotRemoveOwnAdmin" },
    });
  }
  try {
    return await input.database.tenant(tenantId, async (tx) => {
      const before = await tx
        .select()
        .from(users)
        .where(and(eq(users.tenantId, tenantId), eq(users.id, input.userId)));
      if (!before[0]) throw new AppError("not_found", "errors.notFound");
      const beforeUnits = (await unitIdsByUser(tx, [input.userId])).get(input.userId) ?? [];
      await assertEmailFree(tx, values.email, input.userId);
      await assertUnitsAssignable(tx, tenantId, values.unitIds, beforeUnits);
      const [row] = await tx
        .update(users)
        .set({ email: values.email, name: values.name, roles: values.roles, updatedAt: new Date() })
        .where(eq(users.id, input.userId))
        .returning();
      await tx.delete(userUnits).where(eq(userUnits.userId, input.userId));
      const unitIds = values.unitIds;
      if (unitIds.length > 0) {
        await tx
          .insert(userUnits)
          .values(unitIds.map((unitId) => ({ tenantId, userId: input.userId, unitId })));
      }
      const audit = {
        tenantId,
        actor: input.actor,
        meta: input.meta,
        subject: { type: "user", id: input.userId },
      };
      const changedFields = (["email", "name"] as const).filter(
        (field) => before[0]![field] !== row![field],
      );
      if (changedFields.length > 0) {
        await recordAudit(tx, {
          ...audit,
          type: "user.updated",
          details: { fields: changedFields },
        });
      }
      const sameRoles = [...before[0].roles].sort().join() === [...values.roles].sort().join();
      if (!sameRoles) {
        await recordAudit(tx, {
          ...audit,
          type: "user.roles_changed",
          details: { from: before[0].roles, to: values.roles },
        });
      }
      if ([...beforeUnits].sort().join() !== [...unitIds].sort().join()) {
        await recordAudit(tx, {
          ...audit,
          type: "user.units_changed",
          details: { from: beforeUnits, to: unitIds },
        });
      }
      return toStaffUser(row!, unitIds);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
}

export async function setUserActive(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  userId: string;
  active: boolean;
}): Promise<void> {
  assertCan(input.actor, "users.manage");
  const tenantId = tenantOf(input.actor);
  assertUserId(input.userId);
  if (input.actor.kind === "staff" && input.actor.userId === input.userId && !input.active) {
    throw new AppError("validation", "errors.cannotDeactivateSelf");
  }
  await input.database.tenant(tenantId, async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ active: input.active, updatedAt: new Date() })
      .where(and(eq(users.tenantId, tenantId), eq(users.id, input.userId)))
      .returning({ id: users.id });
    if (!row) throw new AppError("not_found", "errors.notFound");
    // A deactivated user is signed out on every device at once.
    if (!input.active) await deleteSessionsOf(tx, { userId: input.userId });
    await recordAudit(tx, {
      type: input.active ? "user.reactivated" : "user.deactivated",
      tenantId,
      actor: input.actor,
      meta: input.meta,
      subject: { type: "user", id: input.userId },
    });
  });
}

export const resetPasswordSchema = z.strictObject({ password: passwordSchema });

/** Sets a new password, clears any lock-out and signs the user out everywhere. */
export async function resetPassword(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  userId: string;
  values: unknown;
}): Promise<void> {
  assertCan(input.actor, "users.manage");
  const tenantId = tenantOf(input.actor);
  assertUserId(input.userId);
  const values = parseInput(resetPasswordSchema, input.values);
  const passwordHash = await hashPassword(values.password);
  await input.database.tenant(tenantId, async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ passwordHash, failedLoginCount: 0, lockedUntil: null, updatedAt: new Date() })
      .where(and(eq(users.tenantId, tenantId), eq(users.id, input.userId)))
      .returning({ id: users.id });
    if (!row) throw new AppError("not_found", "errors.notFound");
    await deleteSessionsOf(tx, { userId: input.userId });
    await recordAudit(tx, {
      type: "auth.password_reset",
      tenantId,
      actor: input.actor,
      meta: input.meta,
      subject: { type: "user", id: input.userId },
    });
  });
}

export const userPatchSchema = userInputSchema.partial().extend({ active: z.boolean().optional() });

/**
 * Changes some of a user's fields (the API's PATCH): the given fields are merged onto the stored
 * user and saved through updateUser and setUserActive, so the audit events are the same as on
 * the admin pages. Everything that can be refused is checked before the first write.
 */
export async function patchUser(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  userId: string;
  values: unknown;
}): Promise<StaffUser> {
  assertCan(input.actor, "users.manage");
  const { active, ...changes } = parseInput(userPatchSchema, input.values);
  if (input.actor.kind === "staff" && input.actor.userId === input.userId && active === false) {
    throw new AppError("validation", "errors.cannotDeactivateSelf", {
      fieldErrors: { active: "errors.cannotDeactivateSelf" },
    });
  }
  const common = {
    database: input.database,
    actor: input.actor,
    meta: input.meta,
    userId: input.userId,
  };
  let user = await getUser(common);
  if (Object.values(changes).some((value) => value !== undefined)) {
    user = await updateUser({
      ...common,
      values: {
        email: changes.email ?? user.email,
        name: changes.name ?? user.name,
        roles: changes.roles ?? user.roles,
        unitIds: changes.unitIds ?? user.unitIds,
      },
    });
  }
  if (active !== undefined && active !== user.active) {
    await setUserActive({ ...common, active });
    user = { ...user, active };
  }
  return user;
}
