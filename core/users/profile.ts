import { and, asc, eq, gt, inArray } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { sessions, units } from "../../db/schema/index.ts";
import type { Actor } from "../access/actor.ts";
import type { StaffRole } from "../access/roles.ts";
import { AppError } from "../errors.ts";
import type { SessionTimeouts } from "../auth/sessions.ts";

/** What "Min side" shows the signed-in person about themselves. */
export type Profile =
  | {
      kind: "staff";
      name: string;
      email: string;
      roles: StaffRole[];
      units: { id: string; name: string }[];
      activeSessions: number;
    }
  | { kind: "citizen"; name: string | null; activeSessions: number };

/**
 * The acting person's own profile. Only sessions still within their idle and absolute limits
 * count: expired rows wait for the purge job and must not be shown as signed-in devices.
 */
export async function getOwnProfile(input: {
  database: Database;
  actor: Actor;
  timeouts: SessionTimeouts;
  now?: Date;
}): Promise<Profile> {
  const actor = input.actor;
  if (actor.kind === "system") throw new AppError("forbidden", "errors.forbidden");
  const now = input.now ?? new Date();
  const idleLimit = new Date(now.getTime() - input.timeouts.idleMinutes * 60_000);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const live = and(
      eq(sessions.tenantId, actor.tenantId),
      actor.kind === "staff"
        ? eq(sessions.userId, actor.userId)
        : eq(sessions.citizenId, actor.citizenId),
      gt(sessions.expiresAt, now),
      gt(sessions.lastSeenAt, idleLimit),
    );
    const activeSessions = (await tx.select({ id: sessions.id }).from(sessions).where(live)).length;
    if (actor.kind === "citizen") return { kind: "citizen", name: actor.name, activeSessions };
    const unitRows =
      actor.unitIds.length === 0
        ? []
        : await tx
            .select({ id: units.id, name: units.name })
            .from(units)
            .where(and(eq(units.tenantId, actor.tenantId), inArray(units.id, actor.unitIds)))
            .orderBy(asc(units.name));
    return {
      kind: "staff",
      name: actor.name,
      email: actor.email,
      roles: actor.roles,
      units: unitRows,
      activeSessions,
    };
  });
}
