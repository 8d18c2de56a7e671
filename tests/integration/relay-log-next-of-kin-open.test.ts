import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, osloDate } from "../../core/platform/dates.ts";
import { createNextOfKinCase } from "../../core/relay-log/next-of-kin.ts";
import { nextOfKinCases, relayLogs } from "../../db/schema/index.ts";
import { browserHeaders, testAppWithUi } from "../support/app.ts";
import { databaseKinds, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { makeStaff, makeTenant, makeUnit } from "../support/fixtures.ts";

const meta = { ip: null, userAgent: "vitest", requestId: "req-nok-open" };

/** Barn som pårørende → "open a relay log for this child": the form is prefilled and the case linked. */
describe.each(databaseKinds)("opening a log from a next-of-kin case on %s", (kind) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await freshDatabase(kind);
  });

  afterAll(async () => {
    await database?.drop();
  });

  it("prefills the child's name, records the origin and links the case to the new log", async () => {
    const { app, services } = await testAppWithUi(database);
    const today = osloDate();
    const tenant = await makeTenant(database);
    const nav = await makeUnit(database, tenant.id, "NAV Testvik");
    const employee = await makeStaff(database, tenant.id, { unitIds: [nav.id] });
    const created = await createNextOfKinCase({
      database,
      actor: employee,
      meta,
      values: {
        unitId: nav.id,
        parentReference: "Sak 2026-7",
        parentSituation: "substance_use",
        child1Name: "Prefill Barnesen",
        child1BirthYear: String(Number(today.slice(0, 4)) - 9),
        conversationOn: addDays(today, -1),
        childrensNeeds: "",
        actionsTaken: "",
        followUpOn: addDays(today, 7),
        status: "open",
      },
    });
    const headers = await browserHeaders(database, services, employee);
    const path = `/stafettlogger/ny?fra=parorende&sak=${created.id}&barn=0`;
    const page = await (await app.request(path, { headers })).text();
    expect(page).toContain('value="Prefill Barnesen"');
    expect(page).toContain('name="nextOfKinCase"');

    const form = new URLSearchParams({
      origin: "next_of_kin",
      nextOfKinCase: created.id,
      nextOfKinChild: "0",
      childName: "Prefill Barnesen",
      birthDate: addDays(today, -9 * 365),
      nationalId: "",
      holderUnitId: nav.id,
      unitIds: nav.id,
      level: "2",
      "guardians.0.name": "Mor Barnesen",
      "guardians.0.parentalResponsibility": "yes",
      "areas.0.title": "Trivsel",
    });
    const response = await app.request("/stafettlogger/ny", {
      method: "POST",
      headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
      body: form.toString(),
    });
    expect(
      response.status,
      await response
        .clone()
        .text()
        .then((t) => t.slice(0, 300)),
    ).toBe(302);
    const [log] = await database.system((tx) =>
      tx.select().from(relayLogs).where(eq(relayLogs.childName, "Prefill Barnesen")),
    );
    expect(log?.origin).toBe("next_of_kin");
    const [stored] = await database.system((tx) =>
      tx.select().from(nextOfKinCases).where(eq(nextOfKinCases.id, created.id)),
    );
    expect(stored?.children[0]?.logId).toBe(log!.id);
  }, 120_000);
});
