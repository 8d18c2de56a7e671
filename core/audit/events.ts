import { z } from "zod";

/** Every audit event type. Later modules add theirs here. */
export const auditEventType = z.enum([
  "auth.login",
  "auth.login_failed",
  "auth.locked",
  "auth.logout",
  "auth.logout_everywhere",
  "auth.session_expired",
  "auth.password_reset",
  "tenant.created",
  "tenant.updated",
  "unit.created",
  "unit.updated",
  "unit.deactivated",
  "unit.reactivated",
  "user.created",
  "user.updated",
  "user.roles_changed",
  "user.units_changed",
  "user.deactivated",
  "user.reactivated",
  "user.viewed",
  "user.list_viewed",
  "citizen.created",
  "citizen.viewed",
  "token.created",
  "token.revoked",
  "audit.viewed",
]);
export type AuditEventType = z.infer<typeof auditEventType>;
