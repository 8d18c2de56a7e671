import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { noRequestMeta, systemActor, type Actor } from "../../core/access/actor.ts";
import { loadStaffActor } from "../../core/auth/sessions.ts";
import { AppError } from "../../core/errors.ts";
import {
  exportUnitOverview,
  listUnitOverview,
  overviewFiltersFrom,
} from "../../core/implementation/overview.ts";
import {
  appointBtsContact,
  changeUnitStage,
  getUnitDetail,
  removeBtsContact,
  setUnitPilot,
} from "../../core/implementation/units.ts";
import { csvCell } from "../../core/platform/csv.ts";
import { addDays, osloDate } from "../../core/platform/dates.ts";
import { verifyPassword } from "../../core/auth/passwords.ts";
import { createUnit } from "../../core/units/units.ts";
import { DEMO_MUNICIPALITY, DEMO_PASSWORD, seedDemo } from "../../db/seed-demo.ts";
import {
  auditEvents,
  onboardings,
  tenants,
  trainingEvents,
  trainingRegistrations,
  users,
} from "../../db/schema/index.ts";
import { browserHeaders, testAppWithUi } from "../support/app.ts";
import { databaseKinds, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { makeStaff, makeTenant, makeUnit } from "../support/fixtures.ts";

type Staff = Extract<Actor, { kind: "staff" }>;

const meta = { ip: "192.0.2.60", userAgent: "vitest", requestId: "req-impl-units" };

async function failure(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the use case to fail");
}

describe.each(databaseKinds)("implementation units on %s", (kind) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof testAppWithUi>>["app"];
  let services: Awaited<ReturnType<typeof testAppWithUi>>["services"];
  let tenantA: string;
  let tenantB: string;
  let school: string;
  let kinder: string;
  let otherUnit: string;
  let coordinator: Staff;
  let sectorLeader: Staff;
  let schoolLeader: Staff;
  let kinderLeader: Staff;
  let anna: Staff;
  let bo: Staff;
  let cato: Staff;
  let both: Staff;
  let kid: Staff;
  let gone: Staff;
  let coordinatorB: Staff;
  const today = osloDate();

  const reload = (actor: Staff) =>
    database.system(async (tx) => (await loadStaffActor(tx, actor.userId)) as Staff);

  const rolesOf = async (actor: Staff) =>
    (
      await database.system((tx) =>
        tx.select({ roles: users.roles }).from(users).where(eq(users.id, actor.userId)),
      )
    )[0]!.roles;

  const audits = (type: string, subjectId?: string) =>
    database.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.tenantId, tenantA),
            eq(auditEvents.eventType, type),
            subjectId ? eq(auditEvents.subjectId, subjectId) : undefined,
          ),
        ),
    );

  beforeAll(async () => {
    database = await freshDatabase(kind);
    ({ app, services } = await testAppWithUi(database));
    tenantA = (await makeTenant(database, "Avik kommune")).id;
    tenantB = (await makeTenant(database, "Bvik kommune")).id;
    school = (await makeUnit(database, tenantA, "Avik skole")).id;
    kinder = (
      await createUnit({
        database,
        actor: systemActor(tenantA, "test"),
        meta: noRequestMeta,
        values: { name: "Avik barnehage", serviceType: "barnehage" },
      })
    ).id;
    otherUnit = (await makeUnit(database, tenantB, "Bvik skole")).id;
    coordinator = await makeStaff(database, tenantA, { roles: ["coordinator"], name: "Kari K" });
    sectorLeader = await makeStaff(database, tenantA, { roles: ["sector_leader"] });
    schoolLeader = await makeStaff(database, tenantA, {
      roles: ["unit_leader"],
      unitIds: [school],
      name: "Lise Leder",
    });
    kinderLeader = await makeStaff(database, tenantA, {
      roles: ["unit_leader"],
      unitIds: [kinder],
      name: "Berit Barnehageleder",
    });
    anna = await makeStaff(database, tenantA, { unitIds: [school], name: "Anna Ansatt" });
    bo = await makeStaff(database, tenantA, { unitIds: [school], name: "Bo Ansatt" });
    cato = await makeStaff(database, tenantA, { unitIds: [school], name: "Cato Ansatt" });
    both = await makeStaff(database, tenantA, { unitIds: [school, kinder], name: "Dina Begge" });
    kid = await makeStaff(database, tenantA, { unitIds: [kinder], name: "Kim Barnehage" });
    gone = await makeStaff(database, tenantA, { unitIds: [school], name: "Gunn Sluttet" });
    await database.system((tx) =>
      tx.update(users).set({ active: false }).where(eq(users.id, gone.userId)),
    );
    coordinatorB = await makeStaff(database, tenantB, { roles: ["coordinator"] });
  }, 120_000);
  afterAll(() => database?.drop());

  it("shows the coordinator and the sector leader every unit, a unit leader only their own", async () => {
    for (const actor of [coordinator, sectorLeader]) {
      const overview = await listUnitOverview({ database, actor });
      expect(overview.rows.map((row) => row.name)).toEqual(["Avik barnehage", "Avik skole"]);
      expect(overview.allUnits).toBe(true);
    }
    const mine = await listUnitOverview({ database, actor: schoolLeader });
    expect(mine.rows.map((row) => row.name)).toEqual(["Avik skole"]);
    expect(mine.allUnits).toBe(false);
    expect((await listUnitOverview({ database, actor: kinderLeader })).rows).toHaveLength(1);
    expect((await failure(listUnitOverview({ database, actor: anna }))).code).toBe("forbidden");
    // The other municipality's coordinator sees only theirs.
    const other = await listUnitOverview({ database, actor: coordinatorB });
    expect(other.rows.map((row) => row.unitId)).toEqual([otherUnit]);
  });

  it("answers not found for a unit outside one's scope or municipality", async () => {
    expect((await getUnitDetail({ database, actor: schoolLeader, unitId: school })).name).toBe(
      "Avik skole",
    );
    const outside = await failure(getUnitDetail({ database, actor: schoolLeader, unitId: kinder }));
    expect(outside.code).toBe("not_found");
    const foreign = await failure(getUnitDetail({ database, actor: coordinatorB, unitId: school }));
    expect(foreign.code).toBe("not_found");
    const bogus = await failure(getUnitDetail({ database, actor: coordinator, unitId: "nope" }));
    expect(bogus.code).toBe("not_found");
  });

  it("lets the unit leader appoint up to two BTS contacts among the unit's staff", async () => {
    const appoint = (actor: Staff, unitId: string, userId: string) =>
      appointBtsContact({ database, actor, meta, unitId, values: { userId } });

    const detail = await getUnitDetail({ database, actor: schoolLeader, unitId: school });
    expect(detail.may).toMatchObject({ appoint: true, setPilot: false, changeStage: true });
    // Inactive staff cannot be chosen; the candidates are the unit's active staff.
    expect(detail.candidates.map((person) => person.name)).toEqual([
      "Anna Ansatt",
      "Bo Ansatt",
      "Cato Ansatt",
      "Dina Begge",
      "Lise Leder",
    ]);

    const missing = await failure(
      appointBtsContact({ database, actor: schoolLeader, meta, unitId: school, values: {} }),
    );
    expect(missing.fieldErrors).toEqual({ userId: "implementation.units.errors.chooseContact" });

    await appoint(schoolLeader, school, anna.userId);
    expect(await rolesOf(anna)).toEqual(["employee", "bts_contact"]);
    const [roleEvent] = await audits("user.roles_changed", anna.userId);
    expect(roleEvent?.details).toMatchObject({
      from: ["employee"],
      to: ["employee", "bts_contact"],
    });
    const [appointed] = await audits("implementation.bts_contact_appointed", school);
    expect(appointed?.details).toMatchObject({ userId: anna.userId, contacts: 1 });

    const twice = await failure(appoint(schoolLeader, school, anna.userId));
    expect(twice.code).toBe("conflict");
    expect(twice.fieldErrors?.userId).toBe("implementation.units.errors.alreadyContact");

    const outsider = await failure(appoint(schoolLeader, school, kid.userId));
    expect(outsider.code).toBe("validation");
    expect(outsider.fieldErrors?.userId).toBe("implementation.units.errors.notUnitStaff");
    const inactive = await failure(appoint(schoolLeader, school, gone.userId));
    expect(inactive.fieldErrors?.userId).toBe("implementation.units.errors.notUnitStaff");

    await appoint(schoolLeader, school, both.userId);
    const third = await failure(appoint(schoolLeader, school, bo.userId));
    expect(third.code).toBe("conflict");
    expect(third.messageKey).toBe("implementation.units.errors.maxContacts");
    expect(third.fieldErrors?.userId).toBe("implementation.units.errors.maxContacts");
    expect(await rolesOf(bo)).toEqual(["employee"]);

    // Another unit's leader does not see the school; a sector leader sees it but may not appoint.
    expect((await failure(appoint(kinderLeader, school, bo.userId))).code).toBe("not_found");
    expect((await failure(appoint(sectorLeader, school, bo.userId))).code).toBe("forbidden");
    expect((await failure(appoint(coordinatorB, school, bo.userId))).code).toBe("not_found");

    // The coordinator appoints anywhere.
    await appoint(coordinator, kinder, both.userId);
    const overview = await listUnitOverview({ database, actor: coordinator });
    const contactsOf = (name: string) =>
      overview.rows.find((row) => row.name === name)!.contacts.map((person) => person.name);
    expect(contactsOf("Avik skole")).toEqual(["Anna Ansatt", "Dina Begge"]);
    expect(contactsOf("Avik barnehage")).toEqual(["Dina Begge"]);
  });

  it("lets a BTS contact see only the units they are appointed to", async () => {
    const contact = await reload(anna);
    expect(contact.roles).toContain("bts_contact");
    const overview = await listUnitOverview({ database, actor: contact });
    expect(overview.rows.map((row) => row.name)).toEqual(["Avik skole"]);
    const detail = await getUnitDetail({ database, actor: contact, unitId: school });
    expect(detail.may).toMatchObject({ appoint: false, changeStage: false, followUp: true });
    expect((await failure(getUnitDetail({ database, actor: contact, unitId: kinder }))).code).toBe(
      "not_found",
    );
    const dina = await reload(both);
    expect((await listUnitOverview({ database, actor: dina })).rows.map((row) => row.name)).toEqual(
      ["Avik barnehage", "Avik skole"],
    );
    // A BTS contact may not appoint.
    const refused = await failure(
      appointBtsContact({
        database,
        actor: contact,
        meta,
        unitId: school,
        values: { userId: bo.userId },
      }),
    );
    expect(refused.code).toBe("forbidden");
  });

  it("removes the bts_contact role only with the person's last appointment", async () => {
    await removeBtsContact({
      database,
      actor: schoolLeader,
      meta,
      unitId: school,
      userId: both.userId,
    });
    expect(await rolesOf(both)).toContain("bts_contact");
    await removeBtsContact({
      database,
      actor: kinderLeader,
      meta,
      unitId: kinder,
      userId: both.userId,
    });
    expect(await rolesOf(both)).toEqual(["employee"]);
    const events = await audits("user.roles_changed", both.userId);
    expect(events.map((event) => event.details)).toEqual([
      expect.objectContaining({ from: ["employee"], to: ["employee", "bts_contact"] }),
      expect.objectContaining({ from: ["employee", "bts_contact"], to: ["employee"] }),
    ]);
    expect(await audits("implementation.bts_contact_removed", kinder)).toHaveLength(1);
    const again = await failure(
      removeBtsContact({
        database,
        actor: kinderLeader,
        meta,
        unitId: kinder,
        userId: both.userId,
      }),
    );
    expect(again.code).toBe("not_found");
    // Now there is room again.
    await appointBtsContact({
      database,
      actor: schoolLeader,
      meta,
      unitId: school,
      values: { userId: bo.userId },
    });
    expect(await rolesOf(bo)).toContain("bts_contact");
  });

  it("validates a stage change: the date not in the future, a reason required", async () => {
    const change = (actor: Staff, values: Record<string, string>) =>
      changeUnitStage({ database, actor, meta, unitId: school, values, today });
    const future = await failure(
      change(schoolLeader, { stage: "installation", changedOn: addDays(today, 1), reason: "" }),
    );
    expect(future.code).toBe("validation");
    expect(future.fieldErrors).toEqual({
      changedOn: "implementation.units.errors.dateInFuture",
      reason: "implementation.units.errors.reasonRequired",
    });
    const noStage = await failure(change(schoolLeader, { changedOn: today, reason: "Klar" }));
    expect(noStage.fieldErrors).toEqual({ stage: "implementation.units.errors.stageRequired" });
    const badStage = await failure(
      change(schoolLeader, { stage: "done", changedOn: today, reason: "Klar" }),
    );
    expect(badStage.fieldErrors).toEqual({ stage: "implementation.units.errors.stageRequired" });
    const badDate = await failure(
      change(schoolLeader, { stage: "initial", changedOn: "2025-02-30", reason: "Klar" }),
    );
    expect(badDate.fieldErrors).toEqual({ changedOn: "implementation.units.errors.dateInvalid" });

    await change(schoolLeader, {
      stage: "exploration",
      changedOn: addDays(today, -100),
      reason: "Ledergruppa har drøftet modellen.",
    });
    await change(coordinator, {
      stage: "installation",
      changedOn: addDays(today, -10),
      reason: "BTS-kontakter er utnevnt.",
    });
    // Recorded later but dated earlier: not the current stage.
    await change(schoolLeader, {
      stage: "initial",
      changedOn: addDays(today, -50),
      reason: "Etterregistrert.",
    });
    const detail = await getUnitDetail({ database, actor: schoolLeader, unitId: school });
    expect(detail.stage).toEqual({ stage: "installation", since: addDays(today, -10) });
    expect(detail.history.map((row) => [row.stage, row.changedOn, row.changedByName])).toEqual([
      ["installation", addDays(today, -10), "Kari K"],
      ["initial", addDays(today, -50), "Lise Leder"],
      ["exploration", addDays(today, -100), "Lise Leder"],
    ]);
    const events = await audits("implementation.unit_stage_changed", school);
    expect(events).toHaveLength(3);
    expect(JSON.stringify(events.map((event) => event.details))).not.toContain("Etterregistrert");

    expect(
      (await failure(change(sectorLeader, { stage: "full", changedOn: today, reason: "x" }))).code,
    ).toBe("forbidden");
    expect(
      (await failure(change(await reload(anna), { stage: "full", changedOn: today, reason: "x" })))
        .code,
    ).toBe("forbidden");
    const byStage = await listUnitOverview({
      database,
      actor: coordinator,
      filters: overviewFiltersFrom(new URLSearchParams("fase=installation")),
    });
    expect(byStage.rows.map((row) => row.name)).toEqual(["Avik skole"]);
    const unset = await listUnitOverview({
      database,
      actor: coordinator,
      filters: overviewFiltersFrom(new URLSearchParams("fase=none")),
    });
    expect(unset.rows.map((row) => row.name)).toEqual(["Avik barnehage"]);
    const byType = await listUnitOverview({
      database,
      actor: coordinator,
      filters: overviewFiltersFrom(new URLSearchParams("tjeneste=barnehage&fase=ukjent")),
    });
    expect(byType.rows.map((row) => row.name)).toEqual(["Avik barnehage"]);
  });

  it("marks pilots: the coordinator only", async () => {
    const refused = await failure(
      setUnitPilot({ database, actor: schoolLeader, meta, unitId: school, pilot: true }),
    );
    expect(refused.code).toBe("forbidden");
    await setUnitPilot({ database, actor: coordinator, meta, unitId: school, pilot: true });
    await setUnitPilot({ database, actor: coordinator, meta, unitId: kinder, pilot: true });
    await setUnitPilot({ database, actor: coordinator, meta, unitId: kinder, pilot: false });
    const overview = await listUnitOverview({ database, actor: coordinator });
    expect(overview.rows.map((row) => [row.name, row.pilot])).toEqual([
      ["Avik barnehage", false],
      ["Avik skole", true],
    ]);
    expect(await audits("implementation.unit_pilot_changed", kinder)).toHaveLength(2);
  });

  it("counts training coverage and onboarding status per unit (hand-computed fixture)", async () => {
    await database.tenant(tenantA, async (tx) => {
      const [event] = await tx
        .insert(trainingEvents)
        .values({
          tenantId: tenantA,
          kind: "course",
          title: "Kurs i BTS-modellen",
          startsAt: new Date("2025-09-01T08:00:00Z"),
          endsAt: new Date("2025-09-01T12:00:00Z"),
        })
        .returning();
      const [second] = await tx
        .insert(trainingEvents)
        .values({
          tenantId: tenantA,
          kind: "seminar",
          title: "Oppvekstseminar",
          startsAt: new Date("2025-10-01T08:00:00Z"),
          endsAt: new Date("2025-10-01T12:00:00Z"),
        })
        .returning();
      await tx.insert(trainingRegistrations).values([
        {
          tenantId: tenantA,
          eventId: event!.id,
          userId: anna.userId,
          unitId: school,
          attended: true,
        },
        {
          tenantId: tenantA,
          eventId: second!.id,
          userId: anna.userId,
          unitId: school,
          attended: true,
        },
        {
          tenantId: tenantA,
          eventId: event!.id,
          userId: bo.userId,
          unitId: school,
          attended: false,
        },
        {
          tenantId: tenantA,
          eventId: event!.id,
          userId: cato.userId,
          unitId: school,
          attended: null,
        },
        // Registered for the kindergarten, counts for both units she works in.
        {
          tenantId: tenantA,
          eventId: event!.id,
          userId: both.userId,
          unitId: kinder,
          attended: true,
        },
        // No longer active: not staff, not counted.
        {
          tenantId: tenantA,
          eventId: event!.id,
          userId: gone.userId,
          unitId: school,
          attended: true,
        },
      ]);
      await tx.insert(onboardings).values([
        // Completed, in progress, overdue in the school; one for the inactive employee, not counted.
        {
          tenantId: tenantA,
          userId: anna.userId,
          unitId: school,
          startedOn: addDays(today, -60),
          dueOn: addDays(today, -30),
          completedAt: new Date(),
        },
        {
          tenantId: tenantA,
          userId: bo.userId,
          unitId: school,
          startedOn: addDays(today, -5),
          dueOn: addDays(today, 25),
        },
        {
          tenantId: tenantA,
          userId: cato.userId,
          unitId: school,
          startedOn: addDays(today, -40),
          dueOn: addDays(today, -1),
        },
        {
          tenantId: tenantA,
          userId: gone.userId,
          unitId: school,
          startedOn: addDays(today, -40),
          dueOn: addDays(today, -10),
        },
        // Due today: still in progress.
        {
          tenantId: tenantA,
          userId: kid.userId,
          unitId: kinder,
          startedOn: addDays(today, -30),
          dueOn: today,
        },
      ]);
    });
    const overview = await listUnitOverview({ database, actor: coordinator, today });
    const row = (name: string) => overview.rows.find((candidate) => candidate.name === name)!;
    // School: Lise, Anna, Bo, Cato, Dina active (Gunn inactive) → Anna and Dina attended: 2 of 5.
    expect(row("Avik skole").coverage).toEqual({ trained: 2, staff: 5 });
    // Kindergarten: Berit, Kim, Dina → Dina: 1 of 3.
    expect(row("Avik barnehage").coverage).toEqual({ trained: 1, staff: 3 });
    expect(row("Avik skole").onboarding).toEqual({ completed: 1, inProgress: 1, overdue: 1 });
    expect(row("Avik barnehage").onboarding).toEqual({ completed: 0, inProgress: 1, overdue: 0 });
    const detail = await getUnitDetail({ database, actor: schoolLeader, unitId: school, today });
    expect(detail.coverage).toEqual({ trained: 2, staff: 5 });
  });

  it("exports the same columns as CSV for Norwegian Excel, audited", async () => {
    const file = await exportUnitOverview({ database, actor: coordinator, meta, language: "nb" });
    expect(file.contentType).toBe("text/csv; charset=utf-8");
    expect(file.content.charCodeAt(0)).toBe(0xfeff);
    const lines = file.content.slice(1).split("\r\n");
    expect(lines[0]).toBe(
      "Enhet;Tjenestetype;Pilot;Fase;Fase siden;BTS-kontakter;Opplæringsdekning;Nyansatte fullført;Nyansatte pågår;Nyansatte forsinket",
    );
    const [day, month, year] = [
      addDays(today, -10).slice(8, 10),
      addDays(today, -10).slice(5, 7),
      addDays(today, -10).slice(0, 4),
    ];
    expect(lines[1]).toBe(
      "Avik barnehage;Barnehage;Nei;Ikke satt;;Mangler BTS-kontakt;1 av 3 (33 %);0;1;0",
    );
    expect(lines[2]).toBe(
      `Avik skole;Grunnskole;Pilot;Installasjon;${day}.${month}.${year};Anna Ansatt, Bo Ansatt;2 av 5 (40 %);1;1;1`,
    );
    expect(lines[3]).toBe("");
    const [event] = await audits("implementation.units_exported");
    expect(event?.details).toMatchObject({ count: 2, filters: { serviceType: null, stage: null } });
    // A unit leader's export holds only their own unit.
    const own = await exportUnitOverview({ database, actor: schoolLeader, meta, language: "en" });
    expect(own.content).toContain("Unit;Service type;");
    expect(own.content).not.toContain("Avik barnehage");
    expect(own.content).toContain("2 of 5 (40 %)");
  });

  it("escapes CSV cells: separators, quotes, and what a spreadsheet would run", () => {
    expect(csvCell("Avik skole")).toBe("Avik skole");
    expect(csvCell("A;B")).toBe('"A;B"');
    expect(csvCell('Si "hei"')).toBe('"Si ""hei"""');
    expect(csvCell("=SUM(A1:A2)")).toBe("'=SUM(A1:A2)");
    expect(csvCell("@cmd")).toBe("'@cmd");
  });

  describe("over HTTP", () => {
    const get = async (actor: Staff, path: string) =>
      app.request(path, { headers: await browserHeaders(database, services, actor) });

    it("serves the overview, the unit page and the CSV to those who may see them", async () => {
      const page = await get(coordinator, "/implementering");
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain("Avik barnehage");
      expect(html).toContain("Mangler BTS-kontakt");
      expect(html).toContain("2 av 5 (40 %)");
      expect(html).toContain('href="/implementering/nettverk"');

      const own = await (await get(schoolLeader, "/implementering")).text();
      expect(own).toContain("Avik skole");
      expect(own).not.toContain("Avik barnehage");

      expect((await get(schoolLeader, `/implementering/enheter/${school}`)).status).toBe(200);
      expect((await get(schoolLeader, `/implementering/enheter/${kinder}`)).status).toBe(404);
      expect((await get(coordinatorB, `/implementering/enheter/${school}`)).status).toBe(404);
      expect((await get(anna, "/implementering")).status).toBe(200);
      expect((await get(kid, "/implementering")).status).toBe(403);

      const csv = await get(sectorLeader, "/implementering/enheter.csv?tjeneste=grunnskole");
      expect(csv.status).toBe(200);
      expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(csv.headers.get("content-disposition")).toContain("enheter.csv");
      const bytes = new Uint8Array(await csv.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder().decode(bytes.slice(3));
      expect(text.split("\r\n")).toHaveLength(3);
      expect(text).toContain("Avik skole;Grunnskole;Pilot;");
      expect((await get(kid, "/implementering/enheter.csv")).status).toBe(403);
    });

    it("appoints through the form and keeps what was typed when the stage form fails", async () => {
      const headers = await browserHeaders(database, services, schoolLeader);
      const form = new URLSearchParams({
        intent: "stage",
        stage: "initial",
        changedOn: addDays(today, 3),
        reason: "",
      });
      const response = await app.request(`/implementering/enheter/${school}`, {
        method: "POST",
        headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
        body: form,
      });
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain("Datoen kan ikke være fram i tid.");
      expect(html).toContain("Skriv hvorfor fasen endres.");
      expect(html).toContain(`value="${addDays(today, 3)}"`);
    });
  });
});

describe.each(databaseKinds)("the units demo data on %s", (kind) => {
  let database: TestDatabase;
  let tenantId: string;

  beforeAll(async () => {
    database = await freshDatabase(kind);
    expect(await seedDemo(database)).toBe(true);
    const [tenant] = await database.system((tx) =>
      tx
        .select({ id: tenants.id })
        .from(tenants)
        .where(eq(tenants.municipalityNumber, DEMO_MUNICIPALITY.municipalityNumber)),
    );
    tenantId = tenant!.id;
  }, 180_000);
  afterAll(() => database?.drop());

  const staff = async (email: string) => {
    const [user] = await database.system((tx) =>
      tx.select().from(users).where(eq(users.email, email)),
    );
    return {
      user: user!,
      actor: (await database.system((tx) => loadStaffActor(tx, user!.id))) as Staff,
    };
  };

  it("has pilots, stages, BTS contacts (a few units without) and onboarding in every state", async () => {
    const { actor: coordinator } = await staff("koordinator@fjordvik.example");
    expect(coordinator.tenantId).toBe(tenantId);
    const overview = await listUnitOverview({ database, actor: coordinator });
    const row = (name: string) => overview.rows.find((candidate) => candidate.name === name)!;
    expect(overview.rows).toHaveLength(15);
    expect(
      overview.rows
        .filter((candidate) => candidate.pilot)
        .map((r) => r.name)
        .sort(),
    ).toEqual(["Fjordvik skole", "NAV Fjordvik", "Solsikken barnehage"]);
    expect(row("Solsikken barnehage").contacts.map((person) => person.name)).toContain(
      "Bjørn Bakken",
    );
    expect(row("Solsikken barnehage").stage?.stage).toBe("full");
    expect(["initial", "full"]).toContain(row("NAV Fjordvik").stage?.stage);
    expect(["initial", "full"]).toContain(row("Fjordvik skole").stage?.stage);
    const withoutContacts = overview.rows.filter((candidate) => candidate.contacts.length === 0);
    expect(withoutContacts.length).toBeGreaterThanOrEqual(2);
    expect(withoutContacts.length).toBeLessThanOrEqual(4);
    for (const candidate of overview.rows.filter((r) => !r.pilot)) {
      expect(["exploration", "installation"]).toContain(candidate.stage?.stage);
    }
    // At most two contacts anywhere, each with the role.
    for (const candidate of overview.rows) expect(candidate.contacts.length).toBeLessThanOrEqual(2);
    const { actor: bjorn } = await staff("bts@fjordvik.example");
    expect(bjorn.roles).toContain("bts_contact");
    expect(row("Solsikken barnehage").onboarding).toEqual({
      completed: 1,
      inProgress: 1,
      overdue: 1,
    });
    expect(row("Fjordvik skole").onboarding.overdue).toBe(0);
    expect(
      row("Fjordvik skole").onboarding.completed + row("Fjordvik skole").onboarding.inProgress,
    ).toBe(2);

    // Bjørn sees his unit only; the new employees log in with the demo password.
    expect(
      (await listUnitOverview({ database, actor: bjorn })).rows.map((candidate) => candidate.name),
    ).toEqual(["Solsikken barnehage"]);
    const { user: nora } = await staff("nora.nyberg@fjordvik.example");
    expect(nora.roles).toEqual(["employee"]);
    expect(await verifyPassword(nora.passwordHash!, DEMO_PASSWORD)).toBe(true);
  });
});
