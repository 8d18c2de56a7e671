import { and, eq, isNull, lte, or, sql } from "drizzle-orm";
import type { Database, Tx } from "../../db/client.ts";
import { citizens, users } from "../../db/schema/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import { recordAudit } from "../audit/audit.ts";
import { AppError } from "../errors.ts";
import { encryptText, hmacHex } from "../platform/crypto.ts";
import { isValidNationalId } from "../platform/national-id.ts";
import { dummyPasswordHash, verifyPassword } from "./passwords.ts";
import {
  createSession,
  deleteSessionsOf,
  destroySession,
  loadStaffActor,
  type SessionTimeouts,
} from "./sessions.ts";

type StaffActor = Extract<Actor, { kind: "staff" }>;

export interface LoginPolicy {
  maxFailures: number;
  lockMinutes: number;
}

export interface LoginResult {
  token: string;
  actor: Actor;
}

const anonymous = { kind: "anonymous" as const, id: null, name: null, roles: [] };

/** One message for unknown user, wrong password, deactivated and locked account: it tells an attacker nothing. */
const loginFailed = () => new AppError("unauthenticated", "errors.loginFailed");

export async function loginWithPassword(input: {
  database: Database;
  email: string;
  password: string;
  policy: LoginPolicy;
  timeouts: SessionTimeouts;
  meta: RequestMeta;
  now?: Date;
}): Promise<LoginResult> {
  const now = input.now ?? new Date();
  const email = input.email.trim().toLowerCase();
  const [user] = await input.database.system((tx) =>
    tx
      .select()
      .from(users)
      .where(eq(sql`lower(${users.email})`, email)),
  );

  if (!user || !user.passwordHash) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    await input.database.system((tx) =>
      recordAudit(tx, {
        type: "auth.login_failed",
        tenantId: user?.tenantId ?? null,
        actor: anonymous,
        meta: input.meta,
        details: { reason: user ? "no_password" : "unknown_user" },
      }),
    );
    throw loginFailed();
  }

  const locked = user.lockedUntil !== null && user.lockedUntil > now;
  const passwordOk = await verifyPassword(user.passwordHash, input.password);
  const userSnapshot = { kind: "staff" as const, id: user.id, name: user.name, roles: user.roles };

  if (!passwordOk || locked || !user.active) {
    await input.database.system(async (tx) => {
      let lockNow = false;
      if (!passwordOk) {
        // Counted in one statement on the row, not from the value read before the (slow)
        // password check: parallel guesses must not overwrite each other's count and so
        // never reach the limit.
        const lockUntil = new Date(now.getTime() + input.policy.lockMinutes * 60_000);
        const reachesLimit = sql`(${users.lockedUntil} is null or ${users.lockedUntil} <= ${now}) and ${users.failedLoginCount} + 1 >= ${input.policy.maxFailures}`;
        const [after] = await tx
          .update(users)
          .set({
            failedLoginCount: sql`case when ${reachesLimit} then 0 else ${users.failedLoginCount} + 1 end`,
            lockedUntil: sql`case when ${reachesLimit} then ${lockUntil}::timestamptz else ${users.lockedUntil} end`,
          })
          .where(eq(users.id, user.id))
          .returning({ lockedUntil: users.lockedUntil });
        lockNow = after?.lockedUntil?.getTime() === lockUntil.getTime();
      }
      await recordAudit(tx, {
        type: "auth.login_failed",
        tenantId: user.tenantId,
        actor: userSnapshot,
        meta: input.meta,
        subject: { type: "user", id: user.id },
        details: { reason: locked ? "locked" : !user.active ? "inactive" : "wrong_password" },
      });
      if (lockNow) {
        await recordAudit(tx, {
          type: "auth.locked",
          tenantId: user.tenantId,
          actor: userSnapshot,
          meta: input.meta,
          subject: { type: "user", id: user.id },
          details: { minutes: input.policy.lockMinutes },
        });
      }
    });
    throw loginFailed();
  }

  const result = await input.database.system(async (tx) => {
    // The lock is checked again on the row itself: guesses running in parallel with this one
    // may have locked the account since it was read.
    const [unlocked] = await tx
      .update(users)
      .set({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: now })
      .where(
        and(
          eq(users.id, user.id),
          eq(users.active, true),
          or(isNull(users.lockedUntil), lte(users.lockedUntil, now)),
        ),
      )
      .returning({ id: users.id });
    if (!unlocked) {
      await recordAudit(tx, {
        type: "auth.login_failed",
        tenantId: user.tenantId,
        actor: userSnapshot,
        meta: input.meta,
        subject: { type: "user", id: user.id },
        details: { reason: "locked" },
      });
      return null;
    }
    const actor = (await loadStaffActor(tx, user.id)) as StaffActor;
    return startSession(tx, {
      actor,
      authMethod: "password",
      timeouts: input.timeouts,
      meta: input.meta,
      details: { method: "password" },
    });
  });
  if (!result) throw loginFailed();
  return result;
}

/** Staff signing in through their organisation's OIDC provider must already be a user here (invited by an admin). */
export async function loginStaffWithOidc(input: {
  database: Database;
  email: string;
  /** The provider's stable id for the account: `issuer|sub`. */
  subject: string;
  provider: string;
  timeouts: SessionTimeouts;
  meta: RequestMeta;
}): Promise<LoginResult> {
  const email = input.email.trim().toLowerCase();
  // The account is bound to its OIDC subject at the first login. After that the subject decides,
  // so another account that presents the same e-mail address cannot take the user over.
  const [bySubject] = await input.database.system((tx) =>
    tx.select().from(users).where(eq(users.oidcSubject, input.subject)),
  );
  const [byEmail] = bySubject
    ? [bySubject]
    : await input.database.system((tx) =>
        tx
          .select()
          .from(users)
          .where(eq(sql`lower(${users.email})`, email)),
      );
  const user = byEmail;
  const subjectTaken = !bySubject && user?.oidcSubject != null;
  if (!user || !user.active || subjectTaken) {
    // Its own transaction: the error thrown next must not roll the audit event back.
    await input.database.system((tx) =>
      recordAudit(tx, {
        type: "auth.login_failed",
        tenantId: user?.tenantId ?? null,
        actor: anonymous,
        meta: input.meta,
        subject: user ? { type: "user", id: user.id } : undefined,
        details: {
          reason: !user ? "unknown_user" : subjectTaken ? "subject_mismatch" : "inactive",
          method: "oidc",
        },
      }),
    );
    throw new AppError("forbidden", "errors.oidcNoStaffUser");
  }
  return input.database.system(async (tx) => {
    await tx
      .update(users)
      .set({ lastLoginAt: new Date(), oidcSubject: input.subject })
      .where(eq(users.id, user.id));
    const actor = (await loadStaffActor(tx, user.id)) as StaffActor;
    return startSession(tx, {
      actor,
      authMethod: `oidc:${input.provider}`,
      timeouts: input.timeouts,
      meta: input.meta,
      details: {
        method: "oidc",
        provider: input.provider,
        firstBinding: user.oidcSubject === null,
      },
    });
  });
}

/**
 * The key for citizens' lookup hashes, derived from the data encryption key rather than the
 * session secret: rotating SESSION_SECRET must not make every citizen unfindable (a new, duplicate
 * citizen would be created at their next login).
 */
export function citizenLookupSecret(dataEncryptionKey: Buffer): string {
  return hmacHex(dataEncryptionKey, "laget:citizen-national-id-lookup");
}

export function nationalIdLookupHash(secret: string, nationalId: string): string {
  return hmacHex(secret, `pid:${nationalId}`);
}

/**
 * Citizens (guardians, young people) sign in only through OIDC (ID-porten); the `pid` claim is
 * their identity. A first login creates the citizen in the municipality that serves the login.
 */
export async function loginCitizenWithOidc(input: {
  database: Database;
  tenantId: string;
  nationalId: string;
  name: string | null;
  secrets: { lookupSecret: string; encryptionKey: Buffer };
  timeouts: SessionTimeouts;
  meta: RequestMeta;
}): Promise<LoginResult> {
  if (!isValidNationalId(input.nationalId)) {
    await input.database.tenant(input.tenantId, (tx) =>
      recordAudit(tx, {
        type: "auth.login_failed",
        tenantId: input.tenantId,
        actor: anonymous,
        meta: input.meta,
        details: { reason: "invalid_pid", method: "oidc" },
      }),
    );
    throw new AppError("validation", "errors.oidcInvalidPid");
  }
  const lookup = nationalIdLookupHash(input.secrets.lookupSecret, input.nationalId);
  return input.database.tenant(input.tenantId, async (tx) => {
    let [citizen] = await tx.select().from(citizens).where(eq(citizens.nationalIdHash, lookup));
    if (!citizen) {
      [citizen] = await tx
        .insert(citizens)
        .values({
          tenantId: input.tenantId,
          nationalIdHash: lookup,
          nationalIdEncrypted: encryptText(input.secrets.encryptionKey, input.nationalId),
          name: input.name,
        })
        .returning();
      await recordAudit(tx, {
        type: "citizen.created",
        tenantId: input.tenantId,
        actor: { kind: "citizen", id: citizen!.id, name: input.name, roles: [] },
        meta: input.meta,
        subject: { type: "citizen", id: citizen!.id },
      });
    }
    await tx
      .update(citizens)
      .set({ lastLoginAt: new Date(), name: input.name ?? citizen!.name })
      .where(eq(citizens.id, citizen!.id));
    const actor: Extract<Actor, { kind: "citizen" }> = {
      kind: "citizen",
      citizenId: citizen!.id,
      tenantId: input.tenantId,
      name: input.name ?? citizen!.name,
    };
    return startSession(tx, {
      actor,
      authMethod: "oidc:citizen",
      timeouts: input.timeouts,
      meta: input.meta,
      details: { method: "oidc" },
    });
  });
}

export async function logout(input: {
  database: Database;
  token: string;
  actor: Actor;
  meta: RequestMeta;
}): Promise<void> {
  await destroySession(input.database, input.token);
  await input.database.tenant(input.actor.tenantId!, (tx) =>
    recordAudit(tx, {
      type: "auth.logout",
      tenantId: input.actor.tenantId,
      actor: input.actor,
      meta: input.meta,
    }),
  );
}

/** Ends every session of the actor, on every device. */
export async function logoutEverywhere(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
}): Promise<number> {
  const actor = input.actor;
  if (actor.kind === "system") return 0;
  return input.database.tenant(actor.tenantId, async (tx) => {
    const count = await deleteSessionsOf(
      tx,
      actor.kind === "staff" ? { userId: actor.userId } : { citizenId: actor.citizenId },
    );
    await recordAudit(tx, {
      type: "auth.logout_everywhere",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      details: { sessions: count },
    });
    return count;
  });
}

/**
 * The demo login picker: only the caller knows whether it is allowed (embedded database,
 * not production), so it must pass `enabled` explicitly.
 */
export async function listDemoUsers(
  database: Database,
  enabled: boolean,
): Promise<{ id: string; name: string; roles: string[] }[]> {
  if (!enabled) return [];
  return database.system((tx) =>
    tx
      .select({ id: users.id, name: users.name, roles: users.roles })
      .from(users)
      .where(eq(users.active, true))
      .orderBy(users.name)
      .limit(50),
  );
}

export async function loginDemoUser(input: {
  database: Database;
  enabled: boolean;
  userId: string;
  timeouts: SessionTimeouts;
  meta: RequestMeta;
}): Promise<LoginResult> {
  if (!input.enabled) throw new AppError("forbidden", "errors.forbidden");
  return input.database.system(async (tx) => {
    const actor = await loadStaffActor(tx, input.userId);
    if (!actor || actor.kind !== "staff") throw loginFailed();
    await tx.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, actor.userId));
    return startSession(tx, {
      actor,
      authMethod: "demo",
      timeouts: input.timeouts,
      meta: input.meta,
      details: { method: "demo" },
    });
  });
}

/** Opens a session for an authenticated actor and audits the login, in the caller's transaction. */
async function startSession(
  tx: Tx,
  input: {
    actor: Extract<Actor, { kind: "staff" | "citizen" }>;
    authMethod: string;
    timeouts: SessionTimeouts;
    meta: RequestMeta;
    details: Record<string, unknown>;
  },
): Promise<LoginResult> {
  const { actor } = input;
  const token = await createSession(tx, {
    tenantId: actor.tenantId,
    subject: actor.kind === "staff" ? { userId: actor.userId } : { citizenId: actor.citizenId },
    authMethod: input.authMethod,
    timeouts: input.timeouts,
  });
  await recordAudit(tx, {
    type: "auth.login",
    tenantId: actor.tenantId,
    actor,
    meta: input.meta,
    subject:
      actor.kind === "staff"
        ? { type: "user", id: actor.userId }
        : { type: "citizen", id: actor.citizenId },
    details: input.details,
  });
  return { token, actor };
}
