import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../core/access/actor.ts";
import { AppError } from "../../core/errors.ts";
import {
  createUnit,
  getUnit,
  listUnits,
  setUnitActive,
  updateUnit,
} from "../../core/units/units.ts";
import { auditEvents } from "../../db/schema/index.ts";
import { databaseKinds, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { makeStaff, makeTenant } from "../support/fixtures.ts";

type Staff = Extract<Actor, { kind: "staff" }>;

const meta = { ip: "192.0.2.20", userAgent: "vitest", requestId: "req-units" };

async function failure(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the use case to fail");
}

describe.each(databaseKinds)("units on %s", (kind) => {
  let database: TestDatabase;
  let tenantA: string;
  let tenantB: string;
  let adminA: Staff;
  let adminB: Staff;
  let employeeA: Staff;

  beforeAll(async () => {
    database = await freshDatabase(kind);
    tenantA = (await makeTenant(database, "Avik kommune")).id;
    tenantB = (await makeTenant(database, "Bvik kommune")).id;
    adminA = await makeStaff(database, tenantA, { roles: ["admin"] });
    adminB = await makeStaff(database, tenantB, { roles: ["admin"] });
    employeeA = await makeStaff(database, tenantA, { roles: ["employee", "unit_leader"] });
  });
  afterAll(() => database.drop());

  const create = (actor: Staff, name: string, serviceType = "barnehage") =>
    createUnit({ database, actor, meta, values: { name, serviceType } });

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

  it("creates an active unit with a trimmed name and audits it", async () => {
    const unit = await create(adminA, "  Solsikken barnehage ");
    expect(unit).toMatchObject({
      name: "Solsikken barnehage",
      serviceType: "barnehage",
      active: true,
      tenantId: tenantA,
    });
    expect(await getUnit({ database, actor: adminA, unitId: unit.id })).toMatchObject({
      name: "Solsikken barnehage",
    });
    const [event] = await auditRows(tenantA, "unit.created", unit.id);
    expect(event?.actor).toMatchObject({ kind: "staff", id: adminA.userId });
    expect(event?.requestId).toBe("req-units");
  });

  it("validates name, service type and unknown fields", async () => {
    const error = await failure(
      createUnit({
        database,
        actor: adminA,
        meta,
        values: { name: " ", serviceType: "sirkus", extra: "x" },
      }),
    );
    expect(error.code).toBe("validation");
    expect(error.fieldErrors).toEqual({
      name: "errors.required",
      serviceType: "errors.choice",
      extra: "errors.unknownField",
    });
  });

  it("refuses a duplicate name in the same municipality, whatever the case", async () => {
    await create(adminA, "Fjellstua skole", "grunnskole");
    const error = await failure(create(adminA, "FJELLSTUA SKOLE ", "grunnskole"));
    expect(error.code).toBe("conflict");
    expect(error.fieldErrors).toEqual({ name: "errors.unitNameTaken" });
    const names = (await listUnits({ database, actor: adminA })).map((unit) =>
      unit.name.toLowerCase(),
    );
    expect(names.filter((name) => name === "fjellstua skole")).toHaveLength(1);
  });

  it("allows the same name in another municipality", async () => {
    await create(adminA, "Helsestasjonen", "helsestasjon_skolehelsetjeneste");
    const other = await create(adminB, "Helsestasjonen", "helsestasjon_skolehelsetjeneste");
    expect(other.tenantId).toBe(tenantB);
  });

  it("updates name and service type, allows a change of case only, refuses another unit's name", async () => {
    const unit = await create(adminA, "Gamle navnet", "ppt");
    await create(adminA, "Opptatt navn", "ppt");

    const updated = await updateUnit({
      database,
      actor: adminA,
      meta,
      unitId: unit.id,
      values: { name: "Nye navnet", serviceType: "familiens_hus" },
    });
    expect(updated).toMatchObject({ name: "Nye navnet", serviceType: "familiens_hus" });
    expect(await auditRows(tenantA, "unit.updated", unit.id)).toHaveLength(1);

    const recased = await updateUnit({
      database,
      actor: adminA,
      meta,
      unitId: unit.id,
      values: { name: "NYE navnet", serviceType: "familiens_hus" },
    });
    expect(recased.name).toBe("NYE navnet");

    const clash = await failure(
      updateUnit({
        database,
        actor: adminA,
        meta,
        unitId: unit.id,
        values: { name: "opptatt NAVN", serviceType: "ppt" },
      }),
    );
    expect(clash.code).toBe("conflict");
    expect(clash.fieldErrors).toEqual({ name: "errors.unitNameTaken" });
    expect((await getUnit({ database, actor: adminA, unitId: unit.id })).name).toBe("NYE navnet");
  });

  it("deactivates and reactivates a unit, audited, and hides it from the active list meanwhile", async () => {
    const unit = await create(adminA, "Ungdomsklubben", "kultur_fritid");
    const deactivated = await setUnitActive({
      database,
      actor: adminA,
      meta,
      unitId: unit.id,
      active: false,
    });
    expect(deactivated.active).toBe(false);
    expect(await auditRows(tenantA, "unit.deactivated", unit.id)).toHaveLength(1);
    expect((await listUnits({ database, actor: employeeA })).map((u) => u.id)).not.toContain(
      unit.id,
    );
    const all = await listUnits({ database, actor: adminA, includeInactive: true });
    expect(all.find((u) => u.id === unit.id)?.active).toBe(false);

    const reactivated = await setUnitActive({
      database,
      actor: adminA,
      meta,
      unitId: unit.id,
      active: true,
    });
    expect(reactivated.active).toBe(true);
    expect(await auditRows(tenantA, "unit.reactivated", unit.id)).toHaveLength(1);
    expect((await listUnits({ database, actor: employeeA })).map((u) => u.id)).toContain(unit.id);
  });

  it("answers not_found for another municipality's unit and leaves it untouched", async () => {
    const unitB = await create(adminB, "Bvik barneskole", "grunnskole");
    await create(adminA, "Avik barneskole", "grunnskole");
    const calls: [string, () => Promise<unknown>][] = [
      ["getUnit", () => getUnit({ database, actor: adminA, unitId: unitB.id })],
      [
        "updateUnit",
        () =>
          updateUnit({
            database,
            actor: adminA,
            meta,
            unitId: unitB.id,
            values: { name: "Kapret", serviceType: "annet" },
          }),
      ],
      [
        // A name that clashes in A must not reveal anything either: the unit is simply not there.
        "updateUnit with a name taken in A",
        () =>
          updateUnit({
            database,
            actor: adminA,
            meta,
            unitId: unitB.id,
            values: { name: "Avik barneskole", serviceType: "annet" },
          }),
      ],
      [
        "setUnitActive",
        () => setUnitActive({ database, actor: adminA, meta, unitId: unitB.id, active: false }),
      ],
    ];
    for (const [name, call] of calls) {
      const error = await failure(call());
      expect(error.code, name).toBe("not_found");
    }
    const listed = await listUnits({ database, actor: adminA, includeInactive: true });
    expect(listed.map((unit) => unit.id)).not.toContain(unitB.id);
    expect(await getUnit({ database, actor: adminB, unitId: unitB.id })).toMatchObject({
      name: "Bvik barneskole",
      serviceType: "grunnskole",
      active: true,
    });
  });

  it("answers not_found for an id that is not a uuid", async () => {
    expect((await failure(getUnit({ database, actor: adminA, unitId: "ikke-en-id" }))).code).toBe(
      "not_found",
    );
    expect(
      (await failure(setUnitActive({ database, actor: adminA, meta, unitId: "1", active: false })))
        .code,
    ).toBe("not_found");
  });

  it("lets staff without the admin role list active units but change nothing", async () => {
    const unit = await create(adminA, "Tannklinikken", "tannhelse");
    expect((await listUnits({ database, actor: employeeA })).map((u) => u.id)).toContain(unit.id);
    const calls: [string, () => Promise<unknown>][] = [
      [
        "listUnits inactive",
        () => listUnits({ database, actor: employeeA, includeInactive: true }),
      ],
      ["getUnit", () => getUnit({ database, actor: employeeA, unitId: unit.id })],
      ["createUnit", () => create(employeeA, "Ny enhet")],
      [
        "updateUnit",
        () =>
          updateUnit({
            database,
            actor: employeeA,
            meta,
            unitId: unit.id,
            values: { name: "X", serviceType: "annet" },
          }),
      ],
      [
        "setUnitActive",
        () => setUnitActive({ database, actor: employeeA, meta, unitId: unit.id, active: false }),
      ],
    ];
    for (const [name, call] of calls) {
      const error = await failure(call());
      expect(error.code, name).toBe("forbidden");
    }
    expect(await getUnit({ database, actor: adminA, unitId: unit.id })).toMatchObject({
      name: "Tannklinikken",
      active: true,
    });
  });
});
