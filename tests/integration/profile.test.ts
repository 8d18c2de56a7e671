import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { noRequestMeta, type Actor } from "../../core/access/actor.ts";
import { logoutEverywhere } from "../../core/auth/login.ts";
import { createSession, resolveSession } from "../../core/auth/sessions.ts";
import { sha256Hex } from "../../core/platform/crypto.ts";
import { getOwnProfile } from "../../core/users/profile.ts";
import { auditEvents, citizens, sessions } from "../../db/schema/index.ts";
import { databaseKinds, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { makeStaff, makeTenant, makeUnit } from "../support/fixtures.ts";

const timeouts = { idleMinutes: 30, absoluteHours: 12 };

describe.each(databaseKinds)("own profile (Min side) on %s", (kind) => {
  let database: TestDatabase;
  let tenantId: string;
  let otherTenantId: string;

  async function sessionFor(
    subject: { userId: string } | { citizenId: string },
    tenant = tenantId,
  ) {
    return database.system((tx) =>
      createSession(tx, { tenantId: tenant, subject, authMethod: "test", timeouts }),
    );
  }

  beforeAll(async () => {
    database = await freshDatabase(kind);
    tenantId = (await makeTenant(database, "Profilvik kommune")).id;
    otherTenantId = (await makeTenant(database, "Annenvik kommune")).id;
  });
  afterAll(() => database.drop());

  it("shows a staff member's name, e-mail, roles, units and live sessions only", async () => {
    const school = await makeUnit(database, tenantId, "Profilvik skole");
    const kindergarten = await makeUnit(database, tenantId, "Alfa barnehage");
    const actor = await makeStaff(database, tenantId, {
      name: "Pia Profil",
      email: "pia.profil@profilvik.example",
      roles: ["employee", "bts_contact"],
      unitIds: [school.id, kindergarten.id],
    });
    await sessionFor({ userId: actor.userId });
    const idle = await sessionFor({ userId: actor.userId });
    await sessionFor({ userId: actor.userId });
    // One session went idle an hour ago: it is waiting for the purge, not signed in.
    await database.system(
      (tx) =>
        tx
          .update(sessions)
          .set({ lastSeenAt: new Date(Date.now() - 3_600_000) })
          .where(eq(sessions.id, sha256Hex(idle))), // session ids are the SHA-256 of the token
    );

    const profile = await getOwnProfile({ database, actor, timeouts });
    expect(profile).toEqual({
      kind: "staff",
      name: "Pia Profil",
      email: "pia.profil@profilvik.example",
      roles: ["employee", "bts_contact"],
      units: [
        { id: kindergarten.id, name: "Alfa barnehage" },
        { id: school.id, name: "Profilvik skole" },
      ],
      activeSessions: 2,
    });
  });

  it("shows a citizen only their name and sessions", async () => {
    const [citizen] = await database.system((tx) =>
      tx
        .insert(citizens)
        .values({
          tenantId,
          nationalIdHash: "test-hash-profile",
          nationalIdEncrypted: "v1.test",
          name: "Frida Foresatt",
        })
        .returning(),
    );
    const actor: Actor = {
      kind: "citizen",
      citizenId: citizen!.id,
      tenantId,
      name: "Frida Foresatt",
    };
    await sessionFor({ citizenId: citizen!.id });
    expect(await getOwnProfile({ database, actor, timeouts })).toEqual({
      kind: "citizen",
      name: "Frida Foresatt",
      activeSessions: 1,
    });
  });

  it("log out everywhere ends every session of the user, and only theirs, and is audited", async () => {
    const actor = await makeStaff(database, tenantId);
    const bystander = await makeStaff(database, tenantId);
    const elsewhere = await makeStaff(database, otherTenantId);
    const mine = [
      await sessionFor({ userId: actor.userId }),
      await sessionFor({ userId: actor.userId }),
    ];
    const theirs = await sessionFor({ userId: bystander.userId });
    const foreign = await sessionFor({ userId: elsewhere.userId }, otherTenantId);

    expect(await logoutEverywhere({ database, actor, meta: noRequestMeta })).toBe(2);
    for (const token of mine) {
      expect(await resolveSession(database, token, timeouts, noRequestMeta)).toBeNull();
    }
    expect(await resolveSession(database, theirs, timeouts, noRequestMeta)).not.toBeNull();
    expect(await resolveSession(database, foreign, timeouts, noRequestMeta)).not.toBeNull();
    expect((await getOwnProfile({ database, actor, timeouts })).activeSessions).toBe(0);

    const events = await database.system((tx) =>
      tx.select().from(auditEvents).where(eq(auditEvents.eventType, "auth.logout_everywhere")),
    );
    expect(events).toContainEqual(
      expect.objectContaining({
        tenantId,
        actor: expect.objectContaining({ id: actor.userId }),
        details: { sessions: 2 },
      }),
    );
  });
});
