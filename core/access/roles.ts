/** Global staff roles. The relay holder is a per-log role and lives with the relay log. */
export const staffRoles = [
  "employee",
  "unit_leader",
  "bts_contact",
  "coordinator",
  "sector_leader",
  "admin",
] as const;
export type StaffRole = (typeof staffRoles)[number];

export function isStaffRole(value: string): value is StaffRole {
  return (staffRoles as readonly string[]).includes(value);
}

/** Every permission in Laget. Add a permission here and the compiler asks where it belongs. */
export const permissions = [
  "start.view",
  "guide.read",
  "guide.edit",
  "relaylog.use",
  "units.manage",
  "users.manage",
  "tenant.manage",
  "implementation.view",
  "implementation.manage",
  "competence.use",
  "survey.answer",
  "evaluation.manage",
  "reports.view",
  "audit.view",
  "api.tokens",
] as const;
export type Permission = (typeof permissions)[number];

/**
 * The exhaustive role → permission map. A role missing here is a compile error, and each
 * permission is spelt out per role (true/false) so reviewers see the whole matrix.
 */
export const rolePermissions: Record<StaffRole, Record<Permission, boolean>> = {
  employee: {
    "start.view": true,
    "guide.read": true,
    "guide.edit": false,
    "relaylog.use": true,
    "units.manage": false,
    "users.manage": false,
    "tenant.manage": false,
    "implementation.view": false,
    "implementation.manage": false,
    "competence.use": true,
    "survey.answer": true,
    "evaluation.manage": false,
    "reports.view": false,
    "audit.view": false,
    "api.tokens": true,
  },
  unit_leader: {
    "start.view": true,
    "guide.read": true,
    "guide.edit": false,
    "relaylog.use": true,
    "units.manage": false,
    "users.manage": false,
    "tenant.manage": false,
    "implementation.view": true,
    "implementation.manage": false,
    "competence.use": true,
    "survey.answer": true,
    "evaluation.manage": false,
    "reports.view": true,
    "audit.view": false,
    "api.tokens": true,
  },
  bts_contact: {
    "start.view": true,
    "guide.read": true,
    "guide.edit": false,
    "relaylog.use": true,
    "units.manage": false,
    "users.manage": false,
    "tenant.manage": false,
    "implementation.view": true,
    "implementation.manage": false,
    "competence.use": true,
    "survey.answer": true,
    "evaluation.manage": false,
    "reports.view": false,
    "audit.view": false,
    "api.tokens": true,
  },
  coordinator: {
    "start.view": true,
    "guide.read": true,
    "guide.edit": true,
    "relaylog.use": true,
    "units.manage": false,
    "users.manage": false,
    "tenant.manage": false,
    "implementation.view": true,
    "implementation.manage": true,
    "competence.use": true,
    "survey.answer": true,
    "evaluation.manage": true,
    "reports.view": true,
    "audit.view": false,
    "api.tokens": true,
  },
  sector_leader: {
    "start.view": true,
    "guide.read": true,
    "guide.edit": false,
    "relaylog.use": false,
    "units.manage": false,
    "users.manage": false,
    "tenant.manage": false,
    "implementation.view": true,
    "implementation.manage": false,
    "competence.use": true,
    "survey.answer": true,
    "evaluation.manage": false,
    "reports.view": true,
    "audit.view": false,
    "api.tokens": true,
  },
  admin: {
    "start.view": true,
    "guide.read": true,
    "guide.edit": false,
    "relaylog.use": false,
    "units.manage": true,
    "users.manage": true,
    "tenant.manage": true,
    "implementation.view": false,
    "implementation.manage": false,
    "competence.use": false,
    "survey.answer": false,
    "evaluation.manage": false,
    "reports.view": false,
    "audit.view": true,
    "api.tokens": true,
  },
};

/** Scopes a personal access token can carry; each maps onto the permissions it lends. */
export const tokenScopes = ["read", "write", "admin"] as const;
export type TokenScope = (typeof tokenScopes)[number];
