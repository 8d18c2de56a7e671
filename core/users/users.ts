import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "../../db/client.ts";
import { units, userUnits, users } from "../../db/schema/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
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
  z.preprocess((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]), z.array(item));

const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, "errors.passwordTooShort")
  .max(200, "errors.tooLong");

export const userInputSchema = z.strictObject({
  email: z.email("errors.email").trim().toLowerCase().max(200),
  name: z.string().trim().min(1).max(120),
  roles: formArray(z.enum(staffRoles)).pipe(z.array(z.enum(staffRoles)).min(1, "errors.rolesRequired")),
  unitIds: formArray(z.guid()),
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

export async function listUsers(input: {
  database: Database;
  actor: Actor;
  search?: string;
  page?: number;
  pageSize?: number;
}): Promise<UserListPage> {
  assertCan(input.actor, "users.manage");
  const tenantId = input.actor.tenantId!;
  const pageSize = Math.min(Math.max(input.pageSize ?? 25, 1), 100);
  const page = Math.max(input.page ?? 1, 1);
  const term = input.search?.trim().toLowerCase();
  const where = and(
    eq(users.tenantId, tenantId),
    term
      ? sql`(lower(${users.name}) like ${`%${term}%`} or lower(${users.email}) like ${`%${term}%`})`
      : undefined,
  );
  return input.database.tenant(tenantId, async (tx) => {
    const [count] = await tx.select({ total: sql<number>`count(*)::int` }).from(users).where(where);
    const rows = await tx
      .select()
      .from(users)
      .where(where)
      .orderBy(asc(users.name))
      .limit(pageSize)
      .offset((page - 1) * pageSize);
    const unitMap = await unitIdsByUser(tx, rows.map((row) => row.id));
    return {
      users: rows.map((row) => toStaffUser(row, unitMap.get(row.id) ?? [])),
      total: count?.total ?? 0,
      page,
      pageSize,
    };
  });
}

export async function getUser(input: { database: Database; actor: Actor; userId: string }): Promise<StaffUser> {
  assertCan(input.actor, "users.manage");
  const tenantId = input.actor.tenantId!;
  return input.database.tenant(tenantId, async (tx) => {
    const [row] = await tx
      .select()
      .from(users)
      .where(and(eq(users.tenantId, tenantId), eq(users.id, input.userId)));
    if (!row) throw new AppError("not_found", "errors.notFound");
    const unitMap = await unitIdsByUser(tx, [row.id]);
    return toStaffUser(row, unitMap.get(row.id) ?? []);
  });
}

async function assertEmailFree(tx: Tx, email: string, exceptId?: string) {
  // E-mail is unique across municipalities (ADR 0007), so this check cannot rely on RLS alone:
  // the unique index is the final word and is mapped to the same error below.
  const [clash] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(sql`lower(${users.email})`, email), exceptId ? ne(users.id, exceptId) : undefined));
  if (clash) throw emailTaken();
}

const emailTaken = () =>
  new AppError("conflict", "errors.emailTaken", { fieldErrors: { email: "errors.emailTaken" } });

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string; cause?: { code?: string } })?.cause?.code ?? (error as { code?: string })?.code;
  return code === "23505";
}

async function assertUnitsInTenant(tx: Tx, tenantId: string, unitIds: string[]) {
  if (unitIds.length === 0) return;
  const found = await tx
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.tenantId, tenantId), inArray(units.id, unitIds)));
  if (found.length !== new Set(unitIds).size) {
    throw new AppError("validation", "errors.validation", { fieldErrors: { unitIds: "errors.unknownUnit" } });
  }
}

export async function createUser(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  values: unknown;
}): Promise<StaffUser> {
  assertCan(input.actor, "users.manage");
  const tenantId = input.actor.tenantId!;
  const values = parseInput(createUserSchema, input.values);
  const passwordHash = values.password ? await hashPassword(values.password) : null;
  try {
    return await input.database.tenant(tenantId, async (tx) => {
      await assertEmailFree(tx, values.email);
      await assertUnitsInTenant(tx, tenantId, values.unitIds);
      const [row] = await tx
        .insert(users)
        .values({ tenantId, email: values.email, name: values.name, roles: values.roles, passwordHash })
        .returning();
      if (values.unitIds.length > 0) {
        await tx
          .insert(userUnits)
          .values([...new Set(values.unitIds)].map((unitId) => ({ tenantId, userId: row!.id, unitId })));
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
  const tenantId = input.actor.tenantId!;
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
      await assertEmailFree(tx, values.email, input.userId);
      await assertUnitsInTenant(tx, tenantId, values.unitIds);
      const [row] = await tx
        .update(users)
        .set({ email: values.email, name: values.name, roles: values.roles, updatedAt: new Date() })
        .where(eq(users.id, input.userId))
        .returning();
      const beforeUnits = (await unitIdsByUser(tx, [input.userId])).get(input.userId) ?? [];
      await tx.delete(userUnits).where(eq(userUnits.userId, input.userId));
      const unitIds = [...new Set(values.unitIds)];
      if (unitIds.length > 0) {
        await tx.insert(userUnits).values(unitIds.map((unitId) => ({ tenantId, userId: input.userId, unitId })));
      }
      const audit = { tenantId, actor: input.actor, meta: input.meta, subject: { type: "user", id: input.userId } };
      const changedFields = (["email", "name"] as const).filter((field) => before[0]![field] !== row![field]);
      if (changedFields.length > 0) {
        await recordAudit(tx, { ...audit, type: "user.updated", details: { fields: changedFields } });
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
        await recordAudit(tx, { ...audit, type: "user.units_changed", details: { from: beforeUnits, to: unitIds } });
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
  if (input.actor.kind === "staff" && input.actor.userId === input.userId && !input.active) {
    throw new AppError("validation", "errors.cannotDeactivateSelf");
  }
  const tenantId = input.actor.tenantId!;
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
  const tenantId = input.actor.tenantId!;
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
