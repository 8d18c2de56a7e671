import { z } from "zod";
import type { Actor } from "../../core/access/actor.ts";
import { permissionsOf } from "../../core/access/policy.ts";
import { permissions, staffRoles, tokenScopes } from "../../core/access/roles.ts";
import { MAX_TOKEN_DAYS, type AccessTokenSummary } from "../../core/auth/tokens.ts";
import { serviceTypes } from "../../core/units/service-types.ts";
import type { Unit } from "../../core/units/units.ts";
import type { StaffUser } from "../../core/users/users.ts";

/**
 * Request and response schemas of /api/v1. Requests are strict (an unknown field is a 400 naming
 * it) and typed as JSON, not as form posts; the use cases in core/ validate again behind them.
 */

const id = z.guid();
const timestamp = z.iso.datetime();
const iso = (date: Date | null) => (date ? date.toISOString() : null);

export const idParams = z.strictObject({ id });

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    requestId: z.string().nullable(),
    fieldErrors: z.record(z.string(), z.string()).optional(),
  }),
});

export const meSchema = z.object({
  kind: z.enum(["staff", "citizen"]),
  id,
  tenantId: id,
  name: z.string().nullable(),
  email: z.string().nullable(),
  roles: z.array(z.enum(staffRoles)),
  unitIds: z.array(id),
  permissions: z.array(z.enum(permissions)),
  tokenScopes: z.array(z.enum(tokenScopes)).nullable(),
});

export function meOf(actor: Actor): z.input<typeof meSchema> {
  const common = { tenantId: actor.tenantId!, name: actor.name, permissions: permissionsOf(actor) };
  switch (actor.kind) {
    case "staff":
      return {
        ...common,
        kind: "staff",
        id: actor.userId,
        email: actor.email,
        roles: actor.roles,
        unitIds: actor.unitIds,
        tokenScopes: actor.tokenScopes ?? null,
      };
    case "citizen":
      return {
        ...common,
        kind: "citizen",
        id: actor.citizenId,
        email: null,
        roles: [],
        unitIds: [],
        tokenScopes: null,
      };
    case "system":
      throw new Error("A system actor has no API identity");
  }
}

export const unitSchema = z.object({
  id,
  name: z.string(),
  serviceType: z.enum(serviceTypes),
  active: z.boolean(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export function unitOf(unit: Unit): z.input<typeof unitSchema> {
  return {
    id: unit.id,
    name: unit.name,
    serviceType: unit.serviceType as (typeof serviceTypes)[number],
    active: unit.active,
    createdAt: unit.createdAt.toISOString(),
    updatedAt: unit.updatedAt.toISOString(),
  };
}

const unitName = z.string().min(1).max(120);

export const unitListQuery = z.strictObject({
  includeInactive: z
    .enum(["true", "false"])
    .optional()
    .describe("true: include deactivated units (needs units.manage)"),
});
export const unitListSchema = z.object({ units: z.array(unitSchema) });
export const unitCreateBody = z.strictObject({ name: unitName, serviceType: z.enum(serviceTypes) });
export const unitPatchBody = z.strictObject({
  name: unitName.optional(),
  serviceType: z.enum(serviceTypes).optional(),
  active: z.boolean().optional(),
});

export const userSchema = z.object({
  id,
  email: z.string(),
  name: z.string(),
  roles: z.array(z.enum(staffRoles)),
  unitIds: z.array(id),
  active: z.boolean(),
  hasPassword: z.boolean(),
  lockedUntil: timestamp.nullable(),
  lastLoginAt: timestamp.nullable(),
});

export function userOf(user: StaffUser): z.input<typeof userSchema> {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    roles: user.roles,
    unitIds: user.unitIds,
    active: user.active,
    hasPassword: user.hasPassword,
    lockedUntil: iso(user.lockedUntil),
    lastLoginAt: iso(user.lastLoginAt),
  };
}

export const userListQuery = z.strictObject({
  search: z.string().max(200).optional().describe("Part of a name or an e-mail address"),
  page: z.coerce.number().int().min(1).max(100_000).optional(),
  pageSize: z.coerce.number().int().min(1).max(100).optional(),
});
export const userListSchema = z.object({
  users: z.array(userSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

const userFields = {
  email: z.email().max(200),
  name: z.string().min(1).max(120),
  roles: z.array(z.enum(staffRoles)).min(1),
  unitIds: z.array(id),
};
export const userCreateBody = z.strictObject({
  ...userFields,
  unitIds: userFields.unitIds.optional(),
  password: z.string().min(12).max(200).optional().describe("Leave out for OIDC-only users"),
});
export const userPatchBody = z.strictObject({
  email: userFields.email.optional(),
  name: userFields.name.optional(),
  roles: userFields.roles.optional(),
  unitIds: userFields.unitIds.optional(),
  active: z.boolean().optional(),
});

export const tokenSchema = z.object({
  id,
  name: z.string(),
  scopes: z.array(z.enum(tokenScopes)),
  createdAt: timestamp,
  lastUsedAt: timestamp.nullable(),
  expiresAt: timestamp.nullable(),
  revokedAt: timestamp.nullable(),
  status: z.enum(["active", "expired", "revoked"]),
});

export function tokenOf(token: AccessTokenSummary): z.input<typeof tokenSchema> {
  return {
    id: token.id,
    name: token.name,
    scopes: token.scopes,
    createdAt: token.createdAt.toISOString(),
    lastUsedAt: iso(token.lastUsedAt),
    expiresAt: iso(token.expiresAt),
    revokedAt: iso(token.revokedAt),
    status: token.status,
  };
}

export const tokenListSchema = z.object({ tokens: z.array(tokenSchema) });
export const tokenCreateBody = z.strictObject({
  name: z.string().min(1).max(100),
  scopes: z.array(z.enum(tokenScopes)).min(1),
  expiresInDays: z.number().int().min(1).max(MAX_TOKEN_DAYS).nullable().optional(),
});
export const tokenCreatedSchema = z.object({
  token: tokenSchema,
  secret: z.string().describe("The raw token. It is shown only in this response."),
});
