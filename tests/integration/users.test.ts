import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../core/access/actor.ts";
import { loginWithPassword } from "../../core/auth/login.ts";
import { countSessions, createSession, resolveSession } from "../../core/auth/sessions.ts";
import { AppError } from "../../core/errors.ts";
import { setUnitActive } from "../../core/units/units.ts";
import {
  createUser,
  getUser,
  listUsers,
  resetPassword,
  setUserActive,
  updateUser,
} from "../../core/users/users.ts";
import { auditEvents, users } from "../../db/schema/index.ts";
import { databaseKinds, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { makeStaff, makeTenant, makeUnit, TEST_PASSWORD } from "../support/fixtures.ts";

type Staff = Extract<Actor, { kind: "staff" }>;

const policy = { maxFailures: 3, lockMinutes: 15 };
const timeouts = { idleMinutes: 30, absoluteHours: 12 };
const meta = { ip: "192.0.2.10", userAgent: "vitest", requestId: "req-users" };

/** Runs a use case that must fail and returns its AppError, so tests can assert code and field errors. */
async function failure(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the use case to fail");
}

let emailCounter = 0;
const freshEmail = (prefix = "bruker") =>
  `${prefix}${++emailCounter}-${Date.now().toString(36)}@testvik.example`;

describe.each(databaseKinds)("staff users on %s", (kind) => {
  let database: TestDatabase;
  let tenantA: string;
  let tenantB: string;
  let school: string;
  let kindergarten: string;
  let adminA: Staff;
  let adminB: Staff;

  beforeAll(async () => {
    database = await freshDatabase(kind);
    tenantA = (await makeTenant(database, "Avik kommune")).id;
    tenantB = (await makeTenant(database, "Bvik kommune")).id;
    school = (await makeUnit(database, tenantA, "Avik skole")).id;
    kindergarten = (await makeUnit(database, tenantA, "Avik barnehage")).id;
    adminA = await makeStaff(database, tenantA, { roles: ["admin"], name: "Admin Avik" });
    adminB = await makeStaff(database, tenantB, { roles: ["admin"], name: "Admin Bvik" });
  });
  afterAll(() => database.drop());

  async function auditRows(tenantId: string, type: string, subjectId: string) {
    return database.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.tenantId, tenantId),
            eq(auditEvents.eventType, type),
            eq(auditEvents.subjectId, subjectId),
          ),
        ),
    );
  }

  it("audits reading a user and listing users, without the search text", async () => {
    const target = await makeStaff(database, tenantA, { name: "Lest Person" });
    const meta = { ip: "192.0.2.7", userAgent: "test", requestId: "req-read" };
    await getUser({ database, actor: adminA, meta, userId: target.userId });
    const viewed = await auditRows(tenantA, "user.viewed", target.userId);
    expect(viewed).toHaveLength(1);
    expect(viewed[0]).toMatchObject({ ip: "192.0.2.7", requestId: "req-read" });
    expect(viewed[0]!.actor).toMatchObject({ kind: "staff", id: adminA.userId });

    await listUsers({ database, actor: adminA, meta, search: "Lest Person" });
    const listed = await database.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(
          and(eq(auditEvents.eventType, "user.list_viewed"), eq(auditEvents.requestId, "req-read")),
        ),
    );
    expect(listed).toHaveLength(1);
    expect(listed[0]!.details).toEqual({ page: 1, shown: 1, searched: true });
    expect(JSON.stringify(listed[0])).not.toContain("Lest");
  });

  it("creates a user with roles and units, normalises the e-mail and audits it", async () => {
    const email = freshEmail("Kari.Laerer");
    const created = await createUser({
      database,
      actor: adminA,
      meta,
      values: {
        name: "  Kari Lærer ",
        email: `  ${email.toUpperCase()} `,
        roles: ["employee", "bts_contact"],
        unitIds: [school, kindergarten],
        password: "",
      },
    });
    expect(created.email).toBe(email.toLowerCase());
    expect(created.name).toBe("Kari Lærer");
    expect(created.hasPassword).toBe(false);

    const stored = await getUser({ database, actor: adminA, userId: created.id });
    expect(stored.roles.sort()).toEqual(["bts_contact", "employee"]);
    expect(stored.unitIds.sort()).toEqual([school, kindergarten].sort());
    expect(stored.active).toBe(true);

    const [event] = await auditRows(tenantA, "user.created", created.id);
    expect(event?.actor).toMatchObject({ kind: "staff", id: adminA.userId });
    expect(event?.ip).toBe("192.0.2.10");
    expect(event?.details).toMatchObject({ roles: ["employee", "bts_contact"] });
  });

  it("accepts a single role and unit posted as plain strings (one checked box)", async () => {
    const created = await createUser({
      database,
      actor: adminA,
      meta,
      values: { name: "Enkel Rolle", email: freshEmail(), roles: "coordinator", unitIds: school },
    });
    expect(created.roles).toEqual(["coordinator"]);
    expect(created.unitIds).toEqual([school]);
  });

  it("requires a role and a valid e-mail, with errors per field", async () => {
    const error = await failure(
      createUser({
        database,
        actor: adminA,
        meta,
        values: { name: "", email: "ikke-epost", unitIds: [] },
      }),
    );
    expect(error.code).toBe("validation");
    expect(error.fieldErrors).toEqual({
      name: "errors.required",
      email: "errors.email",
      roles: "errors.rolesRequired",
    });
    const blank = await failure(
      createUser({
        database,
        actor: adminA,
        meta,
        values: { name: "Blank", email: "   ", roles: ["employee"] },
      }),
    );
    expect(blank.fieldErrors).toEqual({ email: "errors.required" });
  });

  it("rejects a too short initial password", async () => {
    const error = await failure(
      createUser({
        database,
        actor: adminA,
        meta,
        values: {
          name: "Kort Passord",
          email: freshEmail(),
          roles: ["employee"],
          password: "kort",
        },
      }),
    );
    expect(error.fieldErrors).toEqual({ password: "errors.passwordTooShort" });
  });

  it("refuses a duplicate e-mail in the same municipality, whatever the case", async () => {
    const email = freshEmail("dobbel");
    await createUser({
      database,
      actor: adminA,
      meta,
      values: { name: "Første", email, roles: ["employee"] },
    });
    const error = await failure(
      createUser({
        database,
        actor: adminA,
        meta,
        values: { name: "Andre", email: email.toUpperCase(), roles: ["employee"] },
      }),
    );
    expect(error.code).toBe("conflict");
    expect(error.fieldErrors).toEqual({ email: "errors.emailTaken" });
  });

  it("refuses an e-mail already used in another municipality, on create and on update", async () => {
    const email = freshEmail("tvers");
    await createUser({
      database,
      actor: adminB,
      meta,
      values: { name: "Bvik Bruker", email, roles: ["employee"] },
    });

    const onCreate = await failure(
      createUser({
        database,
        actor: adminA,
        meta,
        values: { name: "Avik Bruker", email, roles: ["employee"] },
      }),
    );
    expect(onCreate.code).toBe("conflict");
    expect(onCreate.fieldErrors).toEqual({ email: "errors.emailTaken" });

    const local = await makeStaff(database, tenantA);
    const onUpdate = await failure(
      updateUser({
        database,
        actor: adminA,
        meta,
        userId: local.userId,
        values: { name: local.name, email, roles: ["employee"], unitIds: [] },
      }),
    );
    expect(onUpdate.code).toBe("conflict");
    expect(onUpdate.fieldErrors).toEqual({ email: "errors.emailTaken" });
    const still = await getUser({ database, actor: adminA, userId: local.userId });
    expect(still.email).toBe(local.email);
  });

  it("rejects unknown fields by name", async () => {
    const email = freshEmail("ukjent");
    const error = await failure(
      createUser({
        database,
        actor: adminA,
        meta,
        values: { name: "Ukjent Felt", email, roles: ["employee"], tenantId: tenantB },
      }),
    );
    expect(error.code).toBe("validation");
    expect(error.fieldErrors).toEqual({ tenantId: "errors.unknownField" });
    const [row] = await database.system((tx) =>
      tx.select().from(users).where(eq(users.email, email)),
    );
    expect(row).toBeUndefined();
  });

  it("rejects units of another municipality and deactivated units", async () => {
    const foreignUnit = (await makeUnit(database, tenantB, "Bvik skole")).id;
    const foreign = await failure(
      createUser({
        database,
        actor: adminA,
        meta,
        values: {
          name: "Fremmed Enhet",
          email: freshEmail(),
          roles: ["employee"],
          unitIds: [foreignUnit],
        },
      }),
    );
    expect(foreign.fieldErrors).toEqual({ unitIds: "errors.unknownUnit" });

    const closed = (await makeUnit(database, tenantA, "Nedlagt skole")).id;
    await setUnitActive({ database, actor: adminA, meta, unitId: closed, active: false });
    const inactive = await failure(
      createUser({
        database,
        actor: adminA,
        meta,
        values: {
          name: "Nedlagt Enhet",
          email: freshEmail(),
          roles: ["employee"],
          unitIds: [closed],
        },
      }),
    );
    expect(inactive.fieldErrors).toEqual({ unitIds: "errors.unitInactive" });
  });

  it("keeps a unit that was deactivated after the user joined it when other fields change", async () => {
    const unit = (await makeUnit(database, tenantA, "Gammel skole")).id;
    const user = await makeStaff(database, tenantA, { unitIds: [unit] });
    await setUnitActive({ database, actor: adminA, meta, unitId: unit, active: false });
    const updated = await updateUser({
      database,
      actor: adminA,
      meta,
      userId: user.userId,
      values: { name: "Nytt Navn", email: user.email, roles: ["employee"], unitIds: [unit] },
    });
    expect(updated.unitIds).toEqual([unit]);
  });

  it("updates roles and units and writes user.roles_changed and user.units_changed", async () => {
    const user = await makeStaff(database, tenantA, { roles: ["employee"], unitIds: [school] });
    const updated = await updateUser({
      database,
      actor: adminA,
      meta,
      userId: user.userId,
      values: {
        name: user.name,
        email: user.email,
        roles: ["employee", "unit_leader"],
        unitIds: [kindergarten],
      },
    });
    expect(updated.roles.sort()).toEqual(["employee", "unit_leader"]);
    expect(updated.unitIds).toEqual([kindergarten]);
    const stored = await getUser({ database, actor: adminA, userId: user.userId });
    expect(stored.roles.sort()).toEqual(["employee", "unit_leader"]);
    expect(stored.unitIds).toEqual([kindergarten]);

    const roleEvents = await auditRows(tenantA, "user.roles_changed", user.userId);
    expect(roleEvents).toHaveLength(1);
    expect(roleEvents[0]!.details).toEqual({ from: ["employee"], to: ["employee", "unit_leader"] });
    expect(roleEvents[0]!.actor).toMatchObject({ id: adminA.userId });
    const unitEvents = await auditRows(tenantA, "user.units_changed", user.userId);
    expect(unitEvents).toHaveLength(1);
    expect(unitEvents[0]!.details).toEqual({ from: [school], to: [kindergarten] });
    // Name and e-mail were unchanged, so no user.updated event.
    expect(await auditRows(tenantA, "user.updated", user.userId)).toHaveLength(0);
  });

  it("writes no role or unit event when only the name changes", async () => {
    const user = await makeStaff(database, tenantA, { roles: ["employee"], unitIds: [school] });
    await updateUser({
      database,
      actor: adminA,
      meta,
      userId: user.userId,
      values: { name: "Omdøpt Ansatt", email: user.email, roles: ["employee"], unitIds: [school] },
    });
    expect(await auditRows(tenantA, "user.roles_changed", user.userId)).toHaveLength(0);
    expect(await auditRows(tenantA, "user.units_changed", user.userId)).toHaveLength(0);
    const [event] = await auditRows(tenantA, "user.updated", user.userId);
    expect(event?.details).toEqual({ fields: ["name"] });
  });

  it("deactivating signs the user out everywhere and blocks login; reactivating lets them in again", async () => {
    const user = await makeStaff(database, tenantA);
    const token = await database.system((tx) =>
      createSession(tx, {
        tenantId: tenantA,
        subject: { userId: user.userId },
        authMethod: "password",
        timeouts,
      }),
    );
    await loginWithPassword({
      database,
      email: user.email,
      password: TEST_PASSWORD,
      policy,
      timeouts,
      meta,
    });
    expect(await database.system((tx) => countSessions(tx, { userId: user.userId }))).toBe(2);

    await setUserActive({ database, actor: adminA, meta, userId: user.userId, active: false });
    expect(await database.system((tx) => countSessions(tx, { userId: user.userId }))).toBe(0);
    expect(await resolveSession(database, token, timeouts, meta)).toBeNull();
    const blocked = await failure(
      loginWithPassword({
        database,
        email: user.email,
        password: TEST_PASSWORD,
        policy,
        timeouts,
        meta,
      }),
    );
    expect(blocked.code).toBe("unauthenticated");
    expect((await getUser({ database, actor: adminA, userId: user.userId })).active).toBe(false);
    expect(await auditRows(tenantA, "user.deactivated", user.userId)).toHaveLength(1);

    await setUserActive({ database, actor: adminA, meta, userId: user.userId, active: true });
    expect(await auditRows(tenantA, "user.reactivated", user.userId)).toHaveLength(1);
    const again = await loginWithPassword({
      database,
      email: user.email,
      password: TEST_PASSWORD,
      policy,
      timeouts,
      meta,
    });
    expect(again.actor).toMatchObject({ kind: "staff", userId: user.userId });
  });

  it("resetPassword sets the new password, clears a lock-out and ends every session", async () => {
    const user = await makeStaff(database, tenantA);
    for (let attempt = 0; attempt < policy.maxFailures; attempt += 1) {
      await failure(
        loginWithPassword({
          database,
          email: user.email,
          password: "feil-passord-0000",
          policy,
          timeouts,
          meta,
        }),
      );
    }
    const locked = await getUser({ database, actor: adminA, userId: user.userId });
    expect(locked.lockedUntil).not.toBeNull();
    // Locked: even the right password is refused.
    await failure(
      loginWithPassword({
        database,
        email: user.email,
        password: TEST_PASSWORD,
        policy,
        timeouts,
        meta,
      }),
    );
    const token = await database.system((tx) =>
      createSession(tx, {
        tenantId: tenantA,
        subject: { userId: user.userId },
        authMethod: "password",
        timeouts,
      }),
    );

    const newPassword = "Nytt-passord-5678";
    await resetPassword({
      database,
      actor: adminA,
      meta,
      userId: user.userId,
      values: { password: newPassword },
    });

    const cleared = await getUser({ database, actor: adminA, userId: user.userId });
    expect(cleared.lockedUntil).toBeNull();
    expect(await resolveSession(database, token, timeouts, meta)).toBeNull();
    expect(await database.system((tx) => countSessions(tx, { userId: user.userId }))).toBe(0);
    const oldRefused = await failure(
      loginWithPassword({
        database,
        email: user.email,
        password: TEST_PASSWORD,
        policy,
        timeouts,
        meta,
      }),
    );
    expect(oldRefused.code).toBe("unauthenticated");
    const result = await loginWithPassword({
      database,
      email: user.email,
      password: newPassword,
      policy,
      timeouts,
      meta,
    });
    expect(result.actor).toMatchObject({ userId: user.userId });
    expect(await auditRows(tenantA, "auth.password_reset", user.userId)).toHaveLength(1);
  });

  it("rejects a too short new password without changing anything", async () => {
    const user = await makeStaff(database, tenantA);
    const error = await failure(
      resetPassword({
        database,
        actor: adminA,
        meta,
        userId: user.userId,
        values: { password: "kort" },
      }),
    );
    expect(error.fieldErrors).toEqual({ password: "errors.passwordTooShort" });
    const result = await loginWithPassword({
      database,
      email: user.email,
      password: TEST_PASSWORD,
      policy,
      timeouts,
      meta,
    });
    expect(result.actor).toMatchObject({ userId: user.userId });
  });

  it("an admin cannot remove their own admin role or deactivate themselves", async () => {
    const self = await makeStaff(database, tenantA, { roles: ["admin", "employee"] });
    const roleError = await failure(
      updateUser({
        database,
        actor: self,
        meta,
        userId: self.userId,
        values: { name: self.name, email: self.email, roles: ["employee"], unitIds: [] },
      }),
    );
    expect(roleError.code).toBe("validation");
    expect(roleError.fieldErrors).toEqual({ roles: "errors.cannotRemoveOwnAdmin" });

    const deactivateError = await failure(
      setUserActive({ database, actor: self, meta, userId: self.userId, active: false }),
    );
    expect(deactivateError.messageKey).toBe("errors.cannotDeactivateSelf");

    const stored = await getUser({ database, actor: adminA, userId: self.userId });
    expect(stored.roles.sort()).toEqual(["admin", "employee"]);
    expect(stored.active).toBe(true);
    expect(await auditRows(tenantA, "user.roles_changed", self.userId)).toHaveLength(0);

    // Another admin may still change this admin's roles.
    const changed = await updateUser({
      database,
      actor: adminA,
      meta,
      userId: self.userId,
      values: { name: self.name, email: self.email, roles: ["employee"], unitIds: [] },
    });
    expect(changed.roles).toEqual(["employee"]);
  });

  it("keeps municipality B's users out of reach for an admin of municipality A", async () => {
    const userB = await makeStaff(database, tenantB, { name: "Skjult Bvik" });
    const calls: [string, () => Promise<unknown>][] = [
      ["getUser", () => getUser({ database, actor: adminA, userId: userB.userId })],
      [
        "updateUser",
        () =>
          updateUser({
            database,
            actor: adminA,
            meta,
            userId: userB.userId,
            values: { name: "Kapret", email: freshEmail("kapret"), roles: ["admin"], unitIds: [] },
          }),
      ],
      [
        "setUserActive",
        () => setUserActive({ database, actor: adminA, meta, userId: userB.userId, active: false }),
      ],
      [
        "resetPassword",
        () =>
          resetPassword({
            database,
            actor: adminA,
            meta,
            userId: userB.userId,
            values: { password: "Kapret-passord-1" },
          }),
      ],
    ];
    for (const [name, call] of calls) {
      const error = await failure(call());
      expect(error.code, name).toBe("not_found");
    }
    const list = await listUsers({ database, actor: adminA, search: "Skjult" });
    expect(list.total).toBe(0);

    const untouched = await getUser({ database, actor: adminB, userId: userB.userId });
    expect(untouched).toMatchObject({ name: "Skjult Bvik", active: true, roles: ["employee"] });
    const login = await loginWithPassword({
      database,
      email: userB.email,
      password: TEST_PASSWORD,
      policy,
      timeouts,
      meta,
    });
    expect(login.actor).toMatchObject({ userId: userB.userId });
  });

  it("answers not_found for an id that is not a uuid", async () => {
    for (const userId of ["ikke-en-id", "1", ""]) {
      const error = await failure(getUser({ database, actor: adminA, userId }));
      expect(error.code).toBe("not_found");
    }
    const error = await failure(
      setUserActive({ database, actor: adminA, meta, userId: "x", active: true }),
    );
    expect(error.code).toBe("not_found");
  });

  it("forbids every user use case to a staff member without the admin role", async () => {
    const leader = await makeStaff(database, tenantA, {
      roles: ["unit_leader", "coordinator", "employee"],
    });
    const target = await makeStaff(database, tenantA);
    const calls: [string, () => Promise<unknown>][] = [
      ["listUsers", () => listUsers({ database, actor: leader })],
      ["getUser", () => getUser({ database, actor: leader, userId: target.userId })],
      [
        "createUser",
        () =>
          createUser({
            database,
            actor: leader,
            meta,
            values: { name: "Ny", email: freshEmail(), roles: ["admin"] },
          }),
      ],
      [
        "updateUser",
        () =>
          updateUser({
            database,
            actor: leader,
            meta,
            userId: leader.userId,
            values: { name: leader.name, email: leader.email, roles: ["admin"], unitIds: [] },
          }),
      ],
      [
        "setUserActive",
        () =>
          setUserActive({ database, actor: leader, meta, userId: target.userId, active: false }),
      ],
      [
        "resetPassword",
        () =>
          resetPassword({
            database,
            actor: leader,
            meta,
            userId: target.userId,
            values: { password: "Annet-passord-99" },
          }),
      ],
    ];
    for (const [name, call] of calls) {
      const error = await failure(call());
      expect(error.code, name).toBe("forbidden");
    }
    const stored = await getUser({ database, actor: adminA, userId: leader.userId });
    expect(stored.roles).not.toContain("admin");
    expect((await getUser({ database, actor: adminA, userId: target.userId })).active).toBe(true);
  });

  describe("listing", () => {
    let tenantC: string;
    let adminC: Staff;

    beforeAll(async () => {
      tenantC = (await makeTenant(database, "Cvik kommune")).id;
      adminC = await makeStaff(database, tenantC, {
        roles: ["admin"],
        name: "Aase Admin",
        email: freshEmail("aase"),
      });
      for (let index = 1; index <= 29; index += 1) {
        await makeStaff(database, tenantC, {
          name: `Person ${String(index).padStart(2, "0")}`,
          email: freshEmail(index === 7 ? "spesiell_100" : "person"),
        });
      }
    });

    it("pages through the municipality's users sorted by name", async () => {
      const first = await listUsers({ database, actor: adminC, page: 1, pageSize: 25 });
      expect(first.total).toBe(30);
      expect(first.users).toHaveLength(25);
      expect(first.users[0]!.name).toBe("Aase Admin");
      const second = await listUsers({ database, actor: adminC, page: 2, pageSize: 25 });
      expect(second.page).toBe(2);
      expect(second.users.map((user) => user.name)).toEqual([
        "Person 25",
        "Person 26",
        "Person 27",
        "Person 28",
        "Person 29",
      ]);
    });

    it("clamps a page past the end (or garbage) to a real page", async () => {
      const past = await listUsers({ database, actor: adminC, page: 9, pageSize: 25 });
      expect(past.page).toBe(2);
      expect(past.users).toHaveLength(5);
      const garbage = await listUsers({ database, actor: adminC, page: Number.NaN, pageSize: 25 });
      expect(garbage.page).toBe(1);
      expect(garbage.users).toHaveLength(25);
    });

    it("searches name and e-mail case-insensitively, treating % and _ literally", async () => {
      const byName = await listUsers({ database, actor: adminC, search: "  person 1" });
      expect(byName.users.map((user) => user.name)).toEqual([
        "Person 10",
        "Person 11",
        "Person 12",
        "Person 13",
        "Person 14",
        "Person 15",
        "Person 16",
        "Person 17",
        "Person 18",
        "Person 19",
      ]);
      const byEmail = await listUsers({ database, actor: adminC, search: "AASE" });
      expect(byEmail.users.map((user) => user.name)).toEqual(["Aase Admin"]);
      const literal = await listUsers({ database, actor: adminC, search: "_" });
      expect(literal.users.map((user) => user.name)).toEqual(["Person 07"]);
      const wildcard = await listUsers({ database, actor: adminC, search: "%" });
      expect(wildcard.total).toBe(0);
      const none = await listUsers({ database, actor: adminC, search: "finnes-ikke" });
      expect(none).toMatchObject({ total: 0, users: [], page: 1 });
    });
  });
});
