import { AppError } from "../errors.ts";
import type { Actor } from "./actor.ts";
import { rolePermissions, type Permission, type TokenScope } from "./roles.ts";

/** Which token scope a permission needs when the actor came in with a personal access token. */
export const scopeForPermission: Record<Permission, TokenScope> = {
  "start.view": "read",
  "guide.read": "read",
  "guide.edit": "write",
  "relaylog.use": "write",
  "units.manage": "admin",
  "users.manage": "admin",
  "tenant.manage": "admin",
  "implementation.view": "read",
  "implementation.manage": "write",
  "competence.use": "read",
  "survey.answer": "write",
  "evaluation.manage": "write",
  "reports.view": "read",
  "audit.view": "admin",
  "api.tokens": "admin",
};

/** Scopes nest: a write token may also read, an admin token may do both. */
const scopeRank: Record<TokenScope, number> = { read: 0, write: 1, admin: 2 };

/**
 * The one place that decides what an actor may do. Later modules add child-data rules here
 * (relay log membership, consent), never in routes.
 */
export function can(actor: Actor | null, permission: Permission): boolean {
  if (!actor) return false;
  if (actor.kind === "system") return true;
  if (actor.kind === "citizen") return false;
  const granted = actor.roles.some((role) => rolePermissions[role][permission]);
  if (!granted) return false;
  if (actor.tokenScopes) {
    const needed = scopeRank[scopeForPermission[permission]];
    return actor.tokenScopes.some((scope) => scopeRank[scope] >= needed);
  }
  return true;
}

export function assertCan(actor: Actor | null, permission: Permission): void {
  if (!actor) throw new AppError("unauthenticated", "errors.unauthenticated");
  if (!can(actor, permission)) throw new AppError("forbidden", "errors.forbidden");
}

/** Tenant isolation at the domain layer; RLS is the second line behind it. */
export function assertSameTenant(actor: Actor, tenantId: string): void {
  if (actor.tenantId !== tenantId) throw new AppError("not_found", "errors.notFound");
}

export function permissionsOf(actor: Actor | null): Permission[] {
  if (!actor) return [];
  return (Object.keys(scopeForPermission) as Permission[]).filter((p) => can(actor, p));
}
