import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { noRequestMeta } from "../../core/access/actor.ts";
import { loginStaffWithOidc } from "../../core/auth/login.ts";
import { auditEvents, users } from "../../db/schema/index.ts";
import { databaseKinds, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { makeStaff, makeTenant } from "../support/fixtures.ts";

const timeouts = { idleMinutes: 30, absoluteHours: 12 };
const issuer = "https://login.example/tenant";

describe.each(databaseKinds)("staff OIDC accounts are bound to their subject on %s", (kind) => {
  let database: TestDatabase;
  let userId: string;

  beforeAll(async () => {
    database = await freshDatabase(kind);
    const tenant = await makeTenant(database);
    userId = (await makeStaff(database, tenant.id, { email: "kari@testvik.example" })).userId;
  });
  afterAll(() => database.drop());

  const login = (email: string, sub: string) =>
    loginStaffWithOidc({
      database,
      email,
      subject: `${issuer}|${sub}`,
      provider: "Entra ID",
      timeouts,
      meta: noRequestMeta,
    });

  it("binds the first OIDC account that presents the user's e-mail", async () => {
    const result = await login("Kari@Testvik.example", "sub-kari");
    expect(result.actor).toMatchObject({ kind: "staff", userId });
    const [row] = await database.system((tx) =>
      tx.select().from(users).where(eq(users.id, userId)),
    );
    expect(row!.oidcSubject).toBe(`${issuer}|sub-kari`);
  });

  it("refuses another account that presents the same e-mail, and audits why", async () => {
    await expect(login("kari@testvik.example", "sub-impostor")).rejects.toMatchObject({
      messageKey: "errors.oidcNoStaffUser",
    });
    const failures = await database.system((tx) =>
      tx.select().from(auditEvents).where(eq(auditEvents.eventType, "auth.login_failed")),
    );
    expect(failures.map((event) => event.details)).toContainEqual({
      reason: "subject_mismatch",
      method: "oidc",
    });
  });

  it("keeps recognising the bound account when its e-mail claim changes", async () => {
    const result = await login("kari.ny@testvik.example", "sub-kari");
    expect(result.actor).toMatchObject({ kind: "staff", userId });
  });
});
