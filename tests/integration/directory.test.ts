import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../core/access/actor.ts";
import { AppError } from "../../core/errors.ts";
import {
  createDirectoryEntry,
  filtersFromSearchParams,
  getDirectoryEntry,
  listDirectoryEntries,
  setDirectoryEntryActive,
  updateDirectoryEntry,
} from "../../core/guide/directory.ts";
import { auditEvents } from "../../db/schema/index.ts";
import { databaseKinds, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { makeStaff, makeTenant, makeUnit } from "../support/fixtures.ts";

type Staff = Extract<Actor, { kind: "staff" }>;

const meta = { ip: "192.0.2.30", userAgent: "vitest", requestId: "req-directory" };

async function failure(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the use case to fail");
}

const validEntry = {
  name: "Helsestasjon for ungdom",
  description: "Gratis og uten timebestilling.",
  offers: "Samtaler om kropp, prevensjon og psykisk helse",
  topics: ["helse", "kropp_seksualitet"],
  ageFrom: "13",
  ageTo: "20",
  phone: "+47 12 34 56 78",
  email: "hfu@testvik.example",
  website: "https://testvik.example/hfu",
  address: "Storgata 1",
  howToRefer: "Kom innom, ingen henvisning.",
  openingHours: "Onsdager 14–18",
  public: "on",
};

describe.each(databaseKinds)("directory on %s", (kind) => {
  let database: TestDatabase;
  let tenantA: string;
  let tenantB: string;
  let coordinatorA: Staff;
  let coordinatorB: Staff;
  let employeeA: Staff;

  beforeAll(async () => {
    database = await freshDatabase(kind);
    tenantA = (await makeTenant(database, "Avik kommune")).id;
    tenantB = (await makeTenant(database, "Bvik kommune")).id;
    coordinatorA = await makeStaff(database, tenantA, { roles: ["coordinator"] });
    coordinatorB = await makeStaff(database, tenantB, { roles: ["coordinator"] });
    employeeA = await makeStaff(database, tenantA, { roles: ["employee"] });
  });
  afterAll(() => database.drop());

  const create = (actor: Staff, values: Record<string, unknown>) =>
    createDirectoryEntry({ database, actor, meta, values });

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

  it("creates an entry from form values, normalised and audited", async () => {
    const entry = await create(coordinatorA, { ...validEntry, name: "  Helsestasjon for ungdom " });
    expect(entry).toMatchObject({
      tenantId: tenantA,
      name: "Helsestasjon for ungdom",
      topics: ["helse", "kropp_seksualitet"],
      ageFrom: 13,
      ageTo: 20,
      phone: "+47 12 34 56 78",
      public: true,
      active: true,
      unitId: null,
    });
    const [event] = await auditRows(tenantA, "directory.created", entry.id);
    expect(event?.actor).toMatchObject({ kind: "staff", id: coordinatorA.userId });
    expect(event?.requestId).toBe("req-directory");
  });

  it("takes one topic as a string, empty contacts as null, a missing checkbox as not public", async () => {
    const entry = await create(coordinatorA, {
      name: "Intern samarbeidsgruppe",
      topics: "familie",
      phone: "",
      email: "",
      website: "",
      ageFrom: "",
      ageTo: "",
    });
    expect(entry).toMatchObject({
      topics: ["familie"],
      phone: null,
      email: null,
      website: null,
      ageFrom: 0,
      ageTo: 24,
      public: false,
    });
  });

  it("refuses bad input with field-specific catalog keys", async () => {
    const error = await failure(
      create(coordinatorA, {
        name: "",
        phone: "ring meg",
        email: "ikke-en-adresse",
        website: "http://testvik.example",
        topics: ["psykisk_helse", "astrologi"],
        ageFrom: "12",
        ageTo: "30",
      }),
    );
    expect(error.code).toBe("validation");
    expect(error.fieldErrors).toMatchObject({
      name: "errors.required",
      phone: "directory.errors.phone",
      email: "directory.errors.email",
      website: "directory.errors.website",
      topics: "directory.errors.topic",
      ageTo: "directory.errors.age",
    });

    const order = await failure(
      create(coordinatorA, { name: "Feil alder", ageFrom: "18", ageTo: "6" }),
    );
    expect(order.fieldErrors).toEqual({ ageTo: "directory.errors.ageOrder" });

    const negative = await failure(create(coordinatorA, { name: "Feil alder", ageFrom: "-1" }));
    expect(negative.fieldErrors).toEqual({ ageFrom: "directory.errors.age" });

    const javascript = await failure(
      create(coordinatorA, { name: "Lenke", website: "javascript:alert(1)" }),
    );
    expect(javascript.fieldErrors).toEqual({ website: "directory.errors.website" });

    const unknown = await failure(create(coordinatorA, { name: "Ukjent", colour: "rød" }));
    expect(unknown.fieldErrors).toEqual({ colour: "errors.unknownField" });
  });

  it("accepts short helpline numbers and links a unit of the same municipality only", async () => {
    const unitA = await makeUnit(database, tenantA, "Avik helsestasjon");
    const unitB = await makeUnit(database, tenantB, "Bvik helsestasjon");
    const entry = await create(coordinatorA, {
      name: "Alarmtelefonen",
      phone: "116 111",
      unitId: unitA.id,
    });
    expect(entry).toMatchObject({ phone: "116 111", unitId: unitA.id });
    const error = await failure(create(coordinatorA, { name: "Lånt enhet", unitId: unitB.id }));
    expect(error.fieldErrors).toEqual({ unitId: "directory.errors.unit" });
  });

  it("only coordinators may create, update or deactivate", async () => {
    expect((await failure(create(employeeA, validEntry))).code).toBe("forbidden");
    const entry = await create(coordinatorA, { ...validEntry, name: "Bare koordinator" });
    expect(
      (
        await failure(
          updateDirectoryEntry({
            database,
            actor: employeeA,
            meta,
            entryId: entry.id,
            values: validEntry,
          }),
        )
      ).code,
    ).toBe("forbidden");
    expect(
      (
        await failure(
          setDirectoryEntryActive({
            database,
            actor: employeeA,
            meta,
            entryId: entry.id,
            active: false,
          }),
        )
      ).code,
    ).toBe("forbidden");
    expect(
      (
        await failure(
          listDirectoryEntries({
            database,
            tenantId: tenantA,
            viewer: employeeA,
            includeInactive: true,
          }),
        )
      ).code,
    ).toBe("forbidden");
  });

  it("updates an entry, auditing the changed field names only", async () => {
    const entry = await create(coordinatorA, { ...validEntry, name: "Før endring" });
    const updated = await updateDirectoryEntry({
      database,
      actor: coordinatorA,
      meta,
      entryId: entry.id,
      values: { ...validEntry, name: "Etter endring", topics: ["helse"], public: "on" },
    });
    expect(updated).toMatchObject({ name: "Etter endring", topics: ["helse"] });
    const [event] = await auditRows(tenantA, "directory.updated", entry.id);
    expect(event?.details).toEqual({ fields: ["name", "topics"] });
  });

  it("searches name, offers and description, forgiving a typo, and filters by topic and age", async () => {
    const tenant = (await makeTenant(database, "Søkvik kommune")).id;
    const coordinator = await makeStaff(database, tenant, { roles: ["coordinator"] });
    const names = async (filters: Parameters<typeof listDirectoryEntries>[0]["filters"]) =>
      (await listDirectoryEntries({ database, tenantId: tenant, viewer: null, filters })).map(
        (entry) => entry.name,
      );
    await create(coordinator, {
      name: "Helsestasjonen",
      offers: "Vaksiner og samtaler",
      topics: ["helse"],
      ageFrom: "0",
      ageTo: "5",
      public: "on",
    });
    await create(coordinator, {
      name: "Ungdomskontakten",
      offers: "Samtaler om mobbing og rus",
      description: "Treffes på fritidsklubben.",
      topics: ["mobbing", "rus"],
      ageFrom: "13",
      ageTo: "18",
      public: "on",
    });
    await create(coordinator, {
      name: "Familievernet",
      offers: "Parsamtaler",
      topics: ["familie"],
      ageFrom: "0",
      ageTo: "18",
      public: "on",
    });

    expect(await names({})).toEqual(["Familievernet", "Helsestasjonen", "Ungdomskontakten"]);
    expect(await names({ query: "mobbing" })).toEqual(["Ungdomskontakten"]);
    expect(await names({ query: "fritidsklubben" })).toEqual(["Ungdomskontakten"]);
    expect(await names({ query: "helsestajonen" })).toEqual(["Helsestasjonen"]);
    expect(await names({ query: "100%_" })).toEqual([]);
    expect(await names({ topics: ["rus", "familie"] })).toEqual([
      "Familievernet",
      "Ungdomskontakten",
    ]);
    expect(await names({ age: 5 })).toEqual(["Familievernet", "Helsestasjonen"]);
    expect(await names({ age: 13 })).toEqual(["Familievernet", "Ungdomskontakten"]);
    expect(await names({ age: 19 })).toEqual([]);
    expect(await names({ topics: ["helse"], age: 10 })).toEqual([]);
  });

  it("shows internal entries to staff only and inactive entries to editors only", async () => {
    const tenant = (await makeTenant(database, "Synvik kommune")).id;
    const coordinator = await makeStaff(database, tenant, { roles: ["coordinator"] });
    const employee = await makeStaff(database, tenant, { roles: ["employee"] });
    const citizen = { kind: "citizen", citizenId: "c-1", tenantId: tenant, name: null } as const;
    const open = await create(coordinator, { name: "Åpent tilbud", public: "on" });
    const internal = await create(coordinator, { name: "Internt team" });
    const closed = await create(coordinator, { name: "Nedlagt tilbud", public: "on" });
    await setDirectoryEntryActive({
      database,
      actor: coordinator,
      meta,
      entryId: closed.id,
      active: false,
    });
    const [event] = await auditRows(tenant, "directory.deactivated", closed.id);
    expect(event?.actor).toMatchObject({ id: coordinator.userId });

    const list = async (viewer: Actor | null, includeInactive = false) =>
      (await listDirectoryEntries({ database, tenantId: tenant, viewer, includeInactive })).map(
        (entry) => entry.name,
      );
    expect(await list(null)).toEqual(["Åpent tilbud"]);
    expect(await list(citizen)).toEqual(["Åpent tilbud"]);
    expect(await list(employee)).toEqual(["Internt team", "Åpent tilbud"]);
    expect(await list(coordinator, true)).toEqual([
      "Internt team",
      "Nedlagt tilbud",
      "Åpent tilbud",
    ]);
    expect(
      (
        await listDirectoryEntries({
          database,
          tenantId: tenant,
          viewer: employee,
          publicOnly: true,
        })
      ).map((entry) => entry.name),
    ).toEqual(["Åpent tilbud"]);

    const get = (viewer: Actor | null, entryId: string) =>
      getDirectoryEntry({ database, tenantId: tenant, viewer, entryId });
    expect((await get(null, open.id)).name).toBe("Åpent tilbud");
    expect((await failure(get(null, internal.id))).code).toBe("not_found");
    expect((await failure(get(citizen, internal.id))).code).toBe("not_found");
    expect((await get(employee, internal.id)).name).toBe("Internt team");
    expect((await failure(get(employee, closed.id))).code).toBe("not_found");
    expect((await get(coordinator, closed.id)).active).toBe(false);
    expect((await failure(get(null, "ikke-en-id"))).code).toBe("not_found");

    await setDirectoryEntryActive({
      database,
      actor: coordinator,
      meta,
      entryId: closed.id,
      active: true,
    });
    expect((await get(null, closed.id)).active).toBe(true);
    expect(await auditRows(tenant, "directory.reactivated", closed.id)).toHaveLength(1);
  });

  it("keeps municipalities apart", async () => {
    const entry = await create(coordinatorA, { ...validEntry, name: "Bare i Avik" });
    expect(
      (
        await failure(
          getDirectoryEntry({ database, tenantId: tenantB, viewer: null, entryId: entry.id }),
        )
      ).code,
    ).toBe("not_found");
    // A signed-in actor from another municipality cannot read Avik's list by naming its id.
    expect(
      (await failure(listDirectoryEntries({ database, tenantId: tenantA, viewer: coordinatorB })))
        .code,
    ).toBe("not_found");
    expect(
      (
        await failure(
          updateDirectoryEntry({
            database,
            actor: coordinatorB,
            meta,
            entryId: entry.id,
            values: validEntry,
          }),
        )
      ).code,
    ).toBe("not_found");
    expect(
      (
        await failure(
          setDirectoryEntryActive({
            database,
            actor: coordinatorB,
            meta,
            entryId: entry.id,
            active: false,
          }),
        )
      ).code,
    ).toBe("not_found");
    const listedInB = await listDirectoryEntries({ database, tenantId: tenantB, viewer: null });
    expect(listedInB.map((item) => item.id)).not.toContain(entry.id);
  });
});

describe("filtersFromSearchParams", () => {
  it("reads q, repeated tema and alder, dropping unknown topics and bad ages", () => {
    const params = new URLSearchParams("q=+rus+&tema=rus&tema=astrologi&tema=rus&alder=14");
    expect(filtersFromSearchParams(params)).toEqual({
      query: "rus",
      topics: ["rus"],
      age: 14,
      ageText: "14",
      ageInvalid: false,
    });
    expect(filtersFromSearchParams(new URLSearchParams("alder=40"))).toMatchObject({
      age: undefined,
      ageInvalid: true,
    });
    expect(filtersFromSearchParams(new URLSearchParams("alder=tolv"))).toMatchObject({
      age: undefined,
      ageInvalid: true,
    });
  });
});
