import { eq, lt, or, sql } from "drizzle-orm";
import type { Database, Tx } from "../../db/client.ts";
import { citizens, sessions, userUnits, users } from "../../db/schema/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import { isStaffRole } from "../access/roles.ts";
import { recordAudit } from "../audit/audit.ts";
import { randomToken, sha256Hex } from "../platform/crypto.ts";

export interface SessionTimeouts {
  idleMinutes: number;
  absoluteHours: number;
}

export type SessionSubject = { userId: string } | { citizenId: string };

export interface ResolvedSession {
  id: string;
  tenantId: string;
  actor: Actor;
  createdAt: Date;
  authMethod: string;
}

/** Creates a session with a fresh id (never reuses one from before login). Returns the cookie token. */
export async function createSession(
  tx: Tx,
  input: {
    tenantId: string;
    subject: SessionSubject;
    authMethod: string;
    timeouts: SessionTimeouts;
  },
): Promise<string> {
  const token = randomToken(32);
  const now = Date.now();
  await tx.insert(sessions).values({
    id: sha256Hex(token),
    tenantId: input.tenantId,
    userId: "userId" in input.subject ? input.subject.userId : null,
    citizenId: "citizenId" in input.subject ? input.subject.citizenId : null,
    authMethod: input.authMethod,
    expiresAt: new Date(now + input.timeouts.absoluteHours * 3_600_000),
  });
  return token;
}

export async function loadStaffActor(tx: Tx, userId: string): Promise<Actor | null> {
  const [user] = await tx.select().from(users).where(eq(users.id, userId));
  if (!user || !user.active) return null;
  const unitRows = await tx
    .select({ unitId: userUnits.unitId })
    .from(userUnits)
    .where(eq(userUnits.userId, userId));
  return {
    kind: "staff",
    userId: user.id,
    tenantId: user.tenantId,
    name: user.name,
    email: user.email,
    roles: user.roles.filter(isStaffRole),
    unitIds: unitRows.map((row) => row.unitId),
  };
}

async function loadCitizenActor(tx: Tx, citizenId: string): Promise<Actor | null> {
  const [citizen] = await tx.select().from(citizens).where(eq(citizens.id, citizenId));
  if (!citizen) return null;
  return { kind: "citizen", citizenId: citizen.id, tenantId: citizen.tenantId, name: citizen.name };
}

/**
 * Finds the session for a cookie token. Idle and absolute timeouts end it (and the end is
 * audited); otherwise the idle clock is moved on, at most once a minute to spare writes.
 */
export async function resolveSession(
  database: Database,
  token: string,
  timeouts: SessionTimeouts,
  meta: RequestMeta,
  now = new Date(),
): Promise<ResolvedSession | null> {
  if (!token || token.length > 200) return null;
  const id = sha256Hex(token);
  return database.system(async (tx) => {
    const [session] = await tx.select().from(sessions).where(eq(sessions.id, id));
    if (!session) return null;
    const idleLimit = new Date(now.getTime() - timeouts.idleMinutes * 60_000);
    if (session.expiresAt <= now || session.lastSeenAt <= idleLimit) {
      await tx.delete(sessions).where(eq(sessions.id, id));
      const actor = session.userId
        ? await loadStaffActor(tx, session.userId)
        : await loadCitizenActor(tx, session.citizenId!);
      await recordAudit(tx, {
        type: "auth.session_expired",
        tenantId: session.tenantId,
        actor: actor ?? { kind: "anonymous", id: null, name: null, roles: [] },
        meta,
        details: { reason: session.expiresAt <= now ? "absolute" : "idle" },
      });
      return null;
    }
    const actor = session.userId
      ? await loadStaffActor(tx, session.userId)
      : await loadCitizenActor(tx, session.citizenId!);
    if (!actor) {
      await tx.delete(sessions).where(eq(sessions.id, id));
      return null;
    }
    if (now.getTime() - session.lastSeenAt.getTime() > 60_000) {
      await tx.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
    }
    return {
      id,
      tenantId: session.tenantId,
      actor,
      createdAt: session.createdAt,
      authMethod: session.authMethod,
    };
  });
}

export async function destroySession(database: Database, token: string): Promise<void> {
  await database.system((tx) => tx.delete(sessions).where(eq(sessions.id, sha256Hex(token))));
}

export async function countSessions(tx: Tx, subject: SessionSubject): Promise<number> {
  const [row] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(sessions)
    .where(
      "userId" in subject
        ? eq(sessions.userId, subject.userId)
        : eq(sessions.citizenId, subject.citizenId),
    );
  return row?.count ?? 0;
}

export async function deleteSessionsOf(tx: Tx, subject: SessionSubject): Promise<number> {
  const deleted = await tx
    .delete(sessions)
    .where(
      "userId" in subject
        ? eq(sessions.userId, subject.userId)
        : eq(sessions.citizenId, subject.citizenId),
    )
    .returning({ id: sessions.id });
  return deleted.length;
}

/** Removes sessions past their absolute or idle limit (run by the jobs runner). */
export async function purgeExpiredSessions(
  database: Database,
  timeouts: SessionTimeouts,
  now = new Date(),
): Promise<number> {
  const idleLimit = new Date(now.getTime() - timeouts.idleMinutes * 60_000);
  return database.system(async (tx) => {
    const deleted = await tx
      .delete(sessions)
      .where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, idleLimit)))
      .returning({ id: sessions.id });
    return deleted.length;
  });
}
