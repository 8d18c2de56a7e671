import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor, type Actor, type RequestMeta } from "../../core/access/actor.ts";
import {
  listDemoUsers,
  loginDemoUser,
  loginWithPassword,
  logout,
  logoutEverywhere,
  type LoginPolicy,
} from "../../core/auth/login.ts";
import { enforceRateLimit, hitRateLimit } from "../../core/auth/rate-limit.ts";
import { resolveSession, type SessionTimeouts } from "../../core/auth/sessions.ts";
import { AppError } from "../../core/errors.ts";
import { loadConfig } from "../../core/platform/config.ts";
import { setUserActive } from "../../core/users/users.ts";
import { auditEvents, sessions, users } from "../../db/schema/index.ts";
import { databaseKinds, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { makeStaff, makeTenant, TEST_PASSWORD } from "../support/fixtures.ts";

const meta: RequestMeta = { ip: "192.0.2.20", userAgent: "vitest", requestId: "auth-test" };

// The policy and timeouts come from the same variables the server reads.
const config = loadConfig({
  NODE_ENV: "test",
  SESSION_SECRET: "x".repeat(40),
  DATA_ENCRYPTION_KEY: "ef".repeat(32),
  LOGIN_MAX_FAILURES: "3",
  LOGIN_LOCK_MINUTES: "15",
  SESSION_IDLE_MINUTES: "30",
  SESSION_ABSOLUTE_HOURS: "1",
});
const policy: LoginPolicy = config.login;
const timeouts: SessionTimeouts = config.session;

const minutes = (base: Date, count: number) => new Date(base.getTime() + count * 60_000);

/** Runs `work` and returns the AppError it throws; fails if it resolves or throws anything else. */
async function appError(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("expected an AppError");
}

describe.each(databaseKinds)("login and sessions on %s", (kind) => {
  let database: TestDatabase;
  let tenantId: string;

  beforeAll(async () => {
    database = await freshDatabase(kind);
    tenantId = (await makeTenant(database)).id;
  });
  afterAll(() => database.drop());

  const newUser = () => makeStaff(database, tenantId, { roles: ["employee"] });
  const email = (actor: Actor) => (actor as Extract<Actor, { kind: "staff" }>).email;
  const userId = (actor: Actor) => (actor as Extract<Actor, { kind: "staff" }>).userId;

  async function auditTypes(subjectUserId: string): Promise<string[]> {
    const rows = await database.system((tx) =>
      tx
        .select({ type: auditEvents.eventType })
        .from(auditEvents)
        .where(and(eq(auditEvents.subjectType, "user"), eq(auditEvents.subjectId, subjectUserId)))
        .orderBy(auditEvents.id),
    );
    return rows.map((row) => row.type);
  }

  const login = (address: string, password: string, now?: Date) =>
    loginWithPassword({ database, email: address, password, policy, timeouts, meta, now });

  it("logs in with the right password, creates a session and audits auth.login", async () => {
    const staff = await newUser();
    const result = await login(`  ${email(staff).toUpperCase()} `, TEST_PASSWORD);
    expect(result.actor).toMatchObject({ kind: "staff", userId: userId(staff), tenantId });
    expect(result.token.length).toBeGreaterThanOrEqual(40);

    const session = await resolveSession(database, result.token, timeouts, meta);
    expect(session?.actor).toMatchObject({ kind: "staff", userId: userId(staff) });
    // Only a hash of the token is stored.
    const stored = await database.system((tx) =>
      tx
        .select()
        .from(sessions)
        .where(eq(sessions.userId, userId(staff))),
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]!.id).not.toContain(result.token);

    const [event] = await database.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(
          and(eq(auditEvents.eventType, "auth.login"), eq(auditEvents.subjectId, userId(staff))),
        ),
    );
    expect(event).toMatchObject({
      tenantId,
      ip: "192.0.2.20",
      requestId: "auth-test",
      details: { method: "password" },
    });
    expect(event!.actor).toMatchObject({ kind: "staff", id: userId(staff) });

    const again = await login(email(staff), TEST_PASSWORD);
    expect(again.token).not.toBe(result.token);
  });

  it("gives unknown e-mail and wrong password the same error", async () => {
    const staff = await newUser();
    const unknown = await appError(login("finnes.ikke@testvik.example", TEST_PASSWORD));
    const wrong = await appError(login(email(staff), "Feil-passord-1234"));
    expect(unknown.messageKey).toBe("errors.loginFailed");
    expect(wrong.messageKey).toBe(unknown.messageKey);
    expect(wrong.code).toBe(unknown.code);
    expect(wrong.message).toBe(unknown.message);
    expect(await auditTypes(userId(staff))).toContain("auth.login_failed");
  });

  it("locks the account after LOGIN_MAX_FAILURES failures until the lock time has passed", async () => {
    const staff = await newUser();
    const start = new Date();
    for (let i = 0; i < policy.maxFailures; i += 1) {
      expect(
        (await appError(login(email(staff), `Feil-passord-${i}-xx`, minutes(start, i / 10))))
          .messageKey,
      ).toBe("errors.loginFailed");
    }
    // The right password fails too while locked, with the same message.
    const whileLocked = await appError(login(email(staff), TEST_PASSWORD, minutes(start, 1)));
    expect(whileLocked.messageKey).toBe("errors.loginFailed");
    const nearlyOver = await appError(
      login(email(staff), TEST_PASSWORD, minutes(start, policy.lockMinutes - 1)),
    );
    expect(nearlyOver.messageKey).toBe("errors.loginFailed");

    const types = await auditTypes(userId(staff));
    expect(types.filter((type) => type === "auth.locked")).toHaveLength(1);
    expect(types.filter((type) => type === "auth.login_failed")).toHaveLength(
      policy.maxFailures + 2,
    );

    const after = await login(email(staff), TEST_PASSWORD, minutes(start, policy.lockMinutes + 1));
    expect(after.actor).toMatchObject({ userId: userId(staff) });
    const [row] = await database.system((tx) =>
      tx
        .select()
        .from(users)
        .where(eq(users.id, userId(staff))),
    );
    expect(row).toMatchObject({ failedLoginCount: 0, lockedUntil: null });
  });

  it("a successful login clears earlier failures", async () => {
    const staff = await newUser();
    for (let i = 0; i < policy.maxFailures - 1; i += 1)
      await appError(login(email(staff), "Feil-passord-1234"));
    await login(email(staff), TEST_PASSWORD);
    for (let i = 0; i < policy.maxFailures - 1; i += 1)
      await appError(login(email(staff), "Feil-passord-1234"));
    // Not locked: the counter started again after the successful login.
    await expect(login(email(staff), TEST_PASSWORD)).resolves.toMatchObject({
      actor: { userId: userId(staff) },
    });
  });

  it("locks the account even when the wrong guesses arrive in parallel", async () => {
    const staff = await newUser();
    const guesses = Array.from({ length: policy.maxFailures * 2 }, (_, i) =>
      appError(login(email(staff), `Parallell-gjetning-${i}`)),
    );
    await Promise.all(guesses);
    const whileLocked = await appError(login(email(staff), TEST_PASSWORD));
    expect(whileLocked.messageKey).toBe("errors.loginFailed");
    expect(await auditTypes(userId(staff))).toContain("auth.locked");
  });

  it("refuses deactivated users with the same message, even with the right password", async () => {
    const staff = await newUser();
    await setUserActive({
      database,
      actor: systemActor(tenantId, "test"),
      meta,
      userId: userId(staff),
      active: false,
    });
    const error = await appError(login(email(staff), TEST_PASSWORD));
    expect(error.messageKey).toBe("errors.loginFailed");
    const rows = await database.system((tx) =>
      tx
        .select()
        .from(sessions)
        .where(eq(sessions.userId, userId(staff))),
    );
    expect(rows).toHaveLength(0);
  });

  it("ends a session at the idle timeout and audits auth.session_expired", async () => {
    const staff = await newUser();
    const long: SessionTimeouts = { idleMinutes: timeouts.idleMinutes, absoluteHours: 12 };
    const { token } = await loginWithPassword({
      database,
      email: email(staff),
      password: TEST_PASSWORD,
      policy,
      timeouts: long,
      meta,
    });
    const start = new Date();
    const idle = long.idleMinutes;
    // Requests within the idle limit keep the session alive and move the idle clock on:
    // the second one is past the idle limit counted from login, but not from the first.
    const first = minutes(start, idle - 10);
    const second = minutes(first, idle - 5);
    expect(await resolveSession(database, token, long, meta, first)).not.toBeNull();
    expect(await resolveSession(database, token, long, meta, second)).not.toBeNull();
    const idleEnd = minutes(second, idle + 1);
    const expired = await resolveSession(database, token, long, meta, idleEnd);
    expect(expired).toBeNull();
    expect(await resolveSession(database, token, long, meta)).toBeNull();

    const [event] = await database
      .system((tx) =>
        tx
          .select()
          .from(auditEvents)
          .where(
            and(
              eq(auditEvents.eventType, "auth.session_expired"),
              eq(auditEvents.tenantId, tenantId),
            ),
          )
          .orderBy(auditEvents.id),
      )
      .then((rows) => rows.filter((row) => row.actor.id === userId(staff)));
    expect(event?.details).toEqual({ reason: "idle" });
  });

  it("ends a session at the absolute timeout even when it is in use", async () => {
    const staff = await newUser();
    const { token } = await login(email(staff), TEST_PASSWORD);
    const start = new Date();
    const step = timeouts.idleMinutes - 5;
    let at = start;
    while (
      minutes(at, step).getTime() <
      start.getTime() + timeouts.absoluteHours * 3_600_000 - 60_000
    ) {
      at = minutes(at, step);
      expect(await resolveSession(database, token, timeouts, meta, at)).not.toBeNull();
    }
    const past = new Date(start.getTime() + timeouts.absoluteHours * 3_600_000 + 60_000);
    expect(await resolveSession(database, token, timeouts, meta, past)).toBeNull();
    const expiredEvents = await database.system((tx) =>
      tx.select().from(auditEvents).where(eq(auditEvents.eventType, "auth.session_expired")),
    );
    expect(
      expiredEvents.filter((row) => row.actor.id === userId(staff)).map((row) => row.details),
    ).toEqual([{ reason: "absolute" }]);
  });

  it("ignores unknown and absurd session tokens", async () => {
    expect(await resolveSession(database, "finnes-ikke", timeouts, meta)).toBeNull();
    expect(await resolveSession(database, "", timeouts, meta)).toBeNull();
    expect(await resolveSession(database, "x".repeat(5000), timeouts, meta)).toBeNull();
  });

  it("logout ends only that session and is audited", async () => {
    const staff = await newUser();
    const first = await login(email(staff), TEST_PASSWORD);
    const second = await login(email(staff), TEST_PASSWORD);
    await logout({ database, token: first.token, actor: first.actor, meta });
    expect(await resolveSession(database, first.token, timeouts, meta)).toBeNull();
    expect(await resolveSession(database, second.token, timeouts, meta)).not.toBeNull();
    const logouts = await database.system((tx) =>
      tx.select().from(auditEvents).where(eq(auditEvents.eventType, "auth.logout")),
    );
    expect(logouts.some((row) => row.actor.id === userId(staff))).toBe(true);
  });

  it("logoutEverywhere removes every session of that user and no one else's", async () => {
    const staff = await newUser();
    const colleague = await newUser();
    const tokens = [];
    for (let i = 0; i < 3; i += 1) tokens.push((await login(email(staff), TEST_PASSWORD)).token);
    const colleagueToken = (await login(email(colleague), TEST_PASSWORD)).token;

    expect(await logoutEverywhere({ database, actor: staff, meta })).toBe(3);
    for (const token of tokens)
      expect(await resolveSession(database, token, timeouts, meta)).toBeNull();
    expect((await resolveSession(database, colleagueToken, timeouts, meta))?.actor).toMatchObject({
      userId: userId(colleague),
    });
    const [event] = await database.system((tx) =>
      tx.select().from(auditEvents).where(eq(auditEvents.eventType, "auth.logout_everywhere")),
    );
    expect(event).toMatchObject({ tenantId, details: { sessions: 3 } });
    expect(event!.actor.id).toBe(userId(staff));
  });

  it("offers the demo login only when it is enabled", async () => {
    const staff = await newUser();
    expect(await listDemoUsers(database, false)).toEqual([]);
    expect((await listDemoUsers(database, true)).map((user) => user.id)).toContain(userId(staff));
    const refused = await appError(
      loginDemoUser({ database, enabled: false, userId: userId(staff), timeouts, meta }),
    );
    expect(refused.code).toBe("forbidden");
    const { token } = await loginDemoUser({
      database,
      enabled: true,
      userId: userId(staff),
      timeouts,
      meta,
    });
    expect((await resolveSession(database, token, timeouts, meta))?.authMethod).toBe("demo");
  });

  it("the rate limiter allows N per minute per bucket, then refuses until the next window", async () => {
    const window = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 5_000);
    const limit = 3;
    for (let i = 0; i < limit; i += 1) {
      expect(
        (
          await hitRateLimit(
            database,
            "login:192.0.2.1",
            limit,
            new Date(window.getTime() + i * 1000),
          )
        ).allowed,
      ).toBe(true);
    }
    const refused = await hitRateLimit(
      database,
      "login:192.0.2.1",
      limit,
      new Date(window.getTime() + 10_000),
    );
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterSeconds).toBe(45);
    // Another bucket has its own count.
    expect((await hitRateLimit(database, "login:192.0.2.2", limit, window)).allowed).toBe(true);
    // The next window starts afresh.
    expect(
      (await hitRateLimit(database, "login:192.0.2.1", limit, new Date(window.getTime() + 60_000)))
        .allowed,
    ).toBe(true);
  });

  it("the rate limiter counts parallel hits exactly", async () => {
    const bucket = `feedback:${kind}-parallel`;
    const now = new Date();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => hitRateLimit(database, bucket, 4, now)),
    );
    expect(results.filter((result) => result.allowed)).toHaveLength(4);
  });

  it("enforceRateLimit throws rate_limited past the limit", async () => {
    const bucket = `login:${kind}-enforce`;
    await enforceRateLimit(database, bucket, 1);
    const error = await appError(enforceRateLimit(database, bucket, 1));
    expect(error.code).toBe("rate_limited");
    expect(error.messageKey).toBe("errors.rateLimited");
  });
});
