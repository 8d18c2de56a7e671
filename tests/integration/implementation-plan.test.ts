import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../core/access/actor.ts";
import { AppError } from "../../core/errors.ts";
import {
  createComponent,
  createDosingPeriod,
  deleteComponent,
  getComponent,
  listComponents,
  moveComponent,
  updateComponent,
} from "../../core/implementation/components.ts";
import {
  createMilestone,
  deleteMilestone,
  getMilestone,
  listPlan,
  milestoneFormOptions,
  updateMilestone,
} from "../../core/implementation/plan.ts";
import {
  createResponsibility,
  deleteResponsibility,
  listResponsibilities,
  moveResponsibility,
  updateResponsibility,
} from "../../core/implementation/responsibilities.ts";
import {
  createRisk,
  getRisk,
  listRisks,
  setRiskStatus,
  updateRisk,
} from "../../core/implementation/risks.ts";
import { addDays, osloDate } from "../../core/platform/dates.ts";
import { auditEvents, dosingPeriods, milestones } from "../../db/schema/index.ts";
import { nb } from "../../i18n/nb.ts";
import { browserHeaders, testAppWithUi } from "../support/app.ts";
import { databaseKinds, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { makeStaff, makeTenant, makeUnit } from "../support/fixtures.ts";

type Staff = Extract<Actor, { kind: "staff" }>;

const meta = { ip: "192.0.2.66", userAgent: "vitest", requestId: "req-impl-plan" };

async function failure(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the use case to fail");
}

const today = "2026-03-15";

const validMilestone = {
  title: "Oppstart BTS-nettverk",
  description: "Mandat og ansvar",
  kind: "activity",
  startsOn: "2026-04-01",
  endsOn: "2026-04-30",
  responsible: "Koordinator og BTS-kontakter",
  doneOn: "",
  evaluationMilestoneId: "",
  componentId: "",
};

describe.each(databaseKinds)("implementation plan on %s", (kind) => {
  let database: TestDatabase;
  let tenantA: string;
  let tenantB: string;
  let coordinator: Staff;
  let coordinatorB: Staff;
  let sectorLeader: Staff;
  let unitLeader: Staff;
  let btsContact: Staff;
  let employee: Staff;

  beforeAll(async () => {
    database = await freshDatabase(kind);
    tenantA = (await makeTenant(database, "Avik kommune")).id;
    tenantB = (await makeTenant(database, "Bvik kommune")).id;
    const school = await makeUnit(database, tenantA, "Avik skole");
    coordinator = await makeStaff(database, tenantA, { roles: ["coordinator"], name: "Kari K" });
    coordinatorB = await makeStaff(database, tenantB, { roles: ["coordinator"] });
    sectorLeader = await makeStaff(database, tenantA, { roles: ["sector_leader"] });
    unitLeader = await makeStaff(database, tenantA, {
      roles: ["unit_leader"],
      unitIds: [school.id],
    });
    btsContact = await makeStaff(database, tenantA, {
      roles: ["bts_contact", "employee"],
      unitIds: [school.id],
    });
    employee = await makeStaff(database, tenantA, { roles: ["employee"], unitIds: [school.id] });
  });
  afterAll(() => database.drop());

  async function auditRows(type: string, subjectId: string) {
    return database.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.eventType, type), eq(auditEvents.subjectId, subjectId))),
    );
  }

  const create = (actor: Staff, values: Record<string, unknown>, day = today) =>
    createMilestone({ database, actor, meta, values, today: day });

  describe("milestones", () => {
    it("lets the coordinator create one, audited without free text", async () => {
      const row = await create(coordinator, validMilestone);
      expect(row).toMatchObject({
        tenantId: tenantA,
        title: "Oppstart BTS-nettverk",
        kind: "activity",
        startsOn: "2026-04-01",
        endsOn: "2026-04-30",
        continuous: false,
        responsible: "Koordinator og BTS-kontakter",
        doneOn: null,
        createdBy: coordinator.userId,
      });
      const [event] = await auditRows("implementation.milestone_saved", row.id);
      expect(event?.tenantId).toBe(tenantA);
      expect(event?.actor).toMatchObject({ kind: "staff", id: coordinator.userId });
      expect(event?.details).toEqual({ created: true, kind: "activity", done: false });
      expect(JSON.stringify(event?.details)).not.toContain("BTS-kontakter");
    });

    it("lets BTS contacts, unit leaders and sector leaders read but not write", async () => {
      const row = await create(coordinator, { ...validMilestone, title: "Lesbar milepæl" });
      for (const reader of [btsContact, unitLeader, sectorLeader]) {
        const plan = await listPlan({ database, actor: reader, today });
        expect(plan.canManage).toBe(false);
        expect(plan.milestones.map((item) => item.id)).toContain(row.id);
        expect((await getMilestone({ database, actor: reader, milestoneId: row.id })).title).toBe(
          "Lesbar milepæl",
        );
        expect((await failure(create(reader, validMilestone))).code).toBe("forbidden");
        expect(
          (
            await failure(
              updateMilestone({
                database,
                actor: reader,
                meta,
                milestoneId: row.id,
                values: validMilestone,
              }),
            )
          ).code,
        ).toBe("forbidden");
        expect(
          (await failure(deleteMilestone({ database, actor: reader, meta, milestoneId: row.id })))
            .code,
        ).toBe("forbidden");
        expect((await failure(milestoneFormOptions({ database, actor: reader }))).code).toBe(
          "forbidden",
        );
      }
      expect((await failure(listPlan({ database, actor: employee }))).code).toBe("forbidden");
      expect((await listPlan({ database, actor: coordinator, today })).canManage).toBe(true);
    });

    it("hides another municipality's milestones (not found, never forbidden)", async () => {
      const row = await create(coordinator, { ...validMilestone, title: "Bare Avik" });
      const plan = await listPlan({ database, actor: coordinatorB, today });
      expect(plan.milestones.map((item) => item.id)).not.toContain(row.id);
      expect(
        (await failure(getMilestone({ database, actor: coordinatorB, milestoneId: row.id }))).code,
      ).toBe("not_found");
      expect(
        (
          await failure(
            updateMilestone({
              database,
              actor: coordinatorB,
              meta,
              milestoneId: row.id,
              values: validMilestone,
            }),
          )
        ).code,
      ).toBe("not_found");
      expect(
        (
          await failure(
            deleteMilestone({ database, actor: coordinatorB, meta, milestoneId: row.id }),
          )
        ).code,
      ).toBe("not_found");
      expect(
        (await failure(getMilestone({ database, actor: coordinator, milestoneId: "not-an-id" })))
          .code,
      ).toBe("not_found");
    });

    it("refuses a done date in the future, a missing responsible and an end before the start", async () => {
      const error = await failure(
        create(coordinator, {
          ...validMilestone,
          responsible: "   ",
          doneOn: addDays(today, 1),
          startsOn: "2026-05-01",
          endsOn: "2026-04-01",
        }),
      );
      expect(error.code).toBe("validation");
      expect(error.fieldErrors).toEqual({
        responsible: "implementation.plan.errors.responsibleRequired",
        doneOn: "implementation.plan.errors.doneInFuture",
        endsOn: "implementation.plan.errors.endBeforeStart",
      });
      expect(nb.implementation.plan.errors.doneInFuture).toBe(
        "Fullført dato kan ikke være fram i tid",
      );
      expect(nb.implementation.plan.errors.responsibleRequired).toBe("Skriv hvem som har ansvaret");
      // Today itself is not in the future.
      const done = await create(coordinator, {
        ...validMilestone,
        startsOn: "2026-03-01",
        endsOn: "2026-03-10",
        doneOn: today,
      });
      expect(done.doneOn).toBe(today);
    });

    it("needs an end date unless continuous, and stores a continuous one without an end", async () => {
      expect(
        (await failure(create(coordinator, { ...validMilestone, endsOn: "" }))).fieldErrors,
      ).toEqual({ endsOn: "implementation.plan.errors.endsOnRequired" });
      const row = await create(coordinator, {
        ...validMilestone,
        title: "Opplæring av nyansatte",
        endsOn: "",
        continuous: "on",
      });
      expect(row).toMatchObject({ continuous: true, startsOn: "2026-04-01", endsOn: "2026-04-01" });
      expect(
        (
          await failure(
            create(coordinator, { ...validMilestone, title: "", startsOn: "31.02.2026" }),
          )
        ).fieldErrors,
      ).toMatchObject({
        title: "implementation.plan.errors.titleRequired",
        startsOn: "implementation.plan.errors.startsOn",
      });
    });

    it("links an activity only to an evaluation milestone of the same municipality", async () => {
      const evaluation = await create(coordinator, {
        ...validMilestone,
        title: "Evaluering av nettverket",
        kind: "evaluation",
      });
      const activity = await create(coordinator, { ...validMilestone, title: "Nettverksmøte" });
      const foreignEvaluation = await create(coordinatorB, {
        ...validMilestone,
        kind: "evaluation",
      });
      for (const wrong of [activity.id, foreignEvaluation.id]) {
        const error = await failure(
          create(coordinator, { ...validMilestone, evaluationMilestoneId: wrong }),
        );
        expect(error.fieldErrors).toEqual({
          evaluationMilestoneId: "implementation.plan.errors.evaluationNotEvaluation",
        });
      }
      expect(
        (
          await failure(
            create(coordinator, {
              ...validMilestone,
              kind: "evaluation",
              evaluationMilestoneId: evaluation.id,
            }),
          )
        ).fieldErrors,
      ).toEqual({
        evaluationMilestoneId: "implementation.plan.errors.evaluationOnlyForActivities",
      });
      const linked = await create(coordinator, {
        ...validMilestone,
        title: "Nettverksmøte vår",
        evaluationMilestoneId: evaluation.id,
      });
      const view = await getMilestone({ database, actor: btsContact, milestoneId: linked.id });
      expect(view.evaluationTitle).toBe("Evaluering av nettverket");
      const evaluationView = await getMilestone({
        database,
        actor: btsContact,
        milestoneId: evaluation.id,
      });
      expect(evaluationView.evaluates.map((item) => item.id)).toEqual([linked.id]);
      const options = await milestoneFormOptions({
        database,
        actor: coordinator,
        excludeId: evaluation.id,
      });
      expect(options.evaluations.map((item) => item.id)).not.toContain(evaluation.id);
      expect(options.evaluations.map((item) => item.id)).not.toContain(foreignEvaluation.id);
    });

    it("marks overdue only when not done and the end is before today (Oslo)", async () => {
      const fresh = await freshDatabase(kind);
      try {
        const tenant = (await makeTenant(fresh, "Cvik kommune")).id;
        const boss = await makeStaff(fresh, tenant, { roles: ["coordinator"] });
        const add = (title: string, values: Record<string, unknown>) =>
          createMilestone({
            database: fresh,
            actor: boss,
            meta,
            values: { ...validMilestone, title, ...values },
            today,
          });
        await add("Slutter i dag", { startsOn: "2026-03-01", endsOn: today });
        await add("Sluttet i går", { startsOn: "2026-03-01", endsOn: addDays(today, -1) });
        await add("Fullført sent", {
          startsOn: "2026-02-01",
          endsOn: "2026-02-10",
          doneOn: "2026-03-01",
        });
        await add("Kommer", { startsOn: addDays(today, 1), endsOn: "2026-06-30" });
        await add("Kontinuerlig", { startsOn: "2025-01-01", endsOn: "", continuous: "on" });
        const plan = await listPlan({ database: fresh, actor: boss, today });
        const status = Object.fromEntries(plan.milestones.map((item) => [item.title, item.status]));
        expect(status).toEqual({
          "Slutter i dag": "ongoing",
          "Sluttet i går": "overdue",
          "Fullført sent": "done",
          Kommer: "planned",
          Kontinuerlig: "ongoing",
        });
        expect(plan.overdueCount).toBe(1);
        // Without an explicit day the plan uses today's date in Oslo.
        expect((await listPlan({ database: fresh, actor: boss })).today).toBe(osloDate());
      } finally {
        await fresh.drop();
      }
    });

    it("audits updates by field name and deletes, and unlinks activities of a deleted evaluation", async () => {
      const evaluation = await create(coordinator, {
        ...validMilestone,
        title: "Sluttevaluering",
        kind: "evaluation",
      });
      const activity = await create(coordinator, {
        ...validMilestone,
        title: "Pilotering",
        evaluationMilestoneId: evaluation.id,
      });
      await updateMilestone({
        database,
        actor: coordinator,
        meta,
        milestoneId: activity.id,
        values: {
          ...validMilestone,
          title: "Pilotering",
          evaluationMilestoneId: evaluation.id,
          doneOn: "2026-03-01",
        },
        today,
      });
      const events = await auditRows("implementation.milestone_saved", activity.id);
      expect(events.map((event) => event.details)).toContainEqual({
        created: false,
        fields: ["doneOn"],
      });
      await deleteMilestone({ database, actor: coordinator, meta, milestoneId: evaluation.id });
      expect(await auditRows("implementation.milestone_deleted", evaluation.id)).toHaveLength(1);
      const [after] = await database.system((tx) =>
        tx.select().from(milestones).where(eq(milestones.id, activity.id)),
      );
      expect(after?.evaluationMilestoneId).toBeNull();
    });
  });

  describe("core components and dosing", () => {
    it("creates components in order, refuses a duplicate name and moves them", async () => {
      const first = await createComponent({
        database,
        actor: coordinator,
        meta,
        values: { title: "BTI-veilederen", description: "Grunnopplæring" },
      });
      const second = await createComponent({
        database,
        actor: coordinator,
        meta,
        values: { title: "Barn som pårørende" },
      });
      const duplicate = await failure(
        createComponent({
          database,
          actor: coordinator,
          meta,
          values: { title: "bti-VEILEDEREN" },
        }),
      );
      expect(duplicate.code).toBe("conflict");
      expect(duplicate.fieldErrors).toEqual({
        title: "implementation.plan.components.errors.duplicate",
      });
      expect(
        (
          await failure(
            createComponent({ database, actor: coordinator, meta, values: { title: " " } }),
          )
        ).fieldErrors,
      ).toEqual({ title: "implementation.plan.components.errors.titleRequired" });
      // Another municipality may use the same name.
      await createComponent({
        database,
        actor: coordinatorB,
        meta,
        values: { title: "BTI-veilederen" },
      });

      await moveComponent({
        database,
        actor: coordinator,
        meta,
        componentId: second.id,
        direction: "up",
      });
      const { components } = await listComponents({ database, actor: btsContact, today });
      expect(components.map((component) => component.title).slice(0, 2)).toEqual([
        "Barn som pårørende",
        "BTI-veilederen",
      ]);
      // Moving the first one up changes nothing.
      await moveComponent({
        database,
        actor: coordinator,
        meta,
        componentId: second.id,
        direction: "up",
      });
      expect(
        (await listComponents({ database, actor: coordinator, today })).components[0]?.id,
      ).toBe(second.id);
      expect(
        (
          await failure(
            moveComponent({
              database,
              actor: btsContact,
              meta,
              componentId: first.id,
              direction: "up",
            }),
          )
        ).code,
      ).toBe("forbidden");
      expect(
        (
          await failure(
            updateComponent({
              database,
              actor: coordinatorB,
              meta,
              componentId: first.id,
              values: { title: "Overtatt" },
            }),
          )
        ).code,
      ).toBe("not_found");
      const moved = await auditRows("implementation.component_saved", second.id);
      expect(moved.map((event) => event.details)).toContainEqual({
        created: false,
        fields: ["position"],
        direction: "up",
      });
    });

    it("marks the dosing period in focus today and deletes periods with their component", async () => {
      const component = await createComponent({
        database,
        actor: coordinator,
        meta,
        values: { title: "Undringssamtalen" },
      });
      const now = await createDosingPeriod({
        database,
        actor: coordinator,
        meta,
        values: { componentId: component.id, startsOn: "2026-03-01", endsOn: today, note: "" },
      });
      const later = await createDosingPeriod({
        database,
        actor: coordinator,
        meta,
        values: { componentId: component.id, startsOn: addDays(today, 1), endsOn: "2026-06-30" },
      });
      const { dosing } = await listComponents({ database, actor: unitLeader, today });
      expect(dosing.find((period) => period.id === now.id)?.inFocus).toBe(true);
      expect(dosing.find((period) => period.id === later.id)?.inFocus).toBe(false);
      expect(dosing.find((period) => period.id === now.id)?.componentTitle).toBe(
        "Undringssamtalen",
      );

      const foreign = await createComponent({
        database,
        actor: coordinatorB,
        meta,
        values: { title: "Bvik-komponent" },
      });
      const error = await failure(
        createDosingPeriod({
          database,
          actor: coordinator,
          meta,
          values: { componentId: foreign.id, startsOn: "2026-04-01", endsOn: "2026-03-01" },
        }),
      );
      expect(error.fieldErrors).toEqual({
        endsOn: "implementation.plan.dosing.errors.endBeforeStart",
      });
      expect(
        (
          await failure(
            createDosingPeriod({
              database,
              actor: coordinator,
              meta,
              values: { componentId: foreign.id, startsOn: "2026-04-01", endsOn: "2026-05-01" },
            }),
          )
        ).fieldErrors,
      ).toEqual({ componentId: "implementation.plan.dosing.errors.component" });

      const details = await getComponent({
        database,
        actor: coordinator,
        componentId: component.id,
      });
      expect(details.dosingCount).toBe(2);
      await deleteComponent({ database, actor: coordinator, meta, componentId: component.id });
      const left = await database.system((tx) =>
        tx.select().from(dosingPeriods).where(eq(dosingPeriods.componentId, component.id)),
      );
      expect(left).toEqual([]);
      expect(await auditRows("implementation.component_deleted", component.id)).toHaveLength(1);
      expect(await auditRows("implementation.dosing_saved", now.id)).toHaveLength(1);
    });
  });

  describe("responsibility matrix", () => {
    it("keeps how as one point per line, orders rows and audits", async () => {
      const first = await createResponsibility({
        database,
        actor: coordinator,
        meta,
        values: {
          holder: "Virksomhetsledere",
          duty: "Sikre at opplæring gis",
          how: "- Sette av tid\n\n- Peke ut BTS-kontakter\n",
        },
      });
      expect(first.how).toBe("Sette av tid\nPeke ut BTS-kontakter");
      const second = await createResponsibility({
        database,
        actor: coordinator,
        meta,
        values: { holder: "BTS-kontakter", duty: "Ansvarlige på arbeidsplassen", how: "" },
      });
      await moveResponsibility({
        database,
        actor: coordinator,
        meta,
        responsibilityId: second.id,
        direction: "up",
      });
      const { rows, canManage } = await listResponsibilities({ database, actor: btsContact });
      expect(canManage).toBe(false);
      expect(rows.map((row) => row.holder)).toEqual(["BTS-kontakter", "Virksomhetsledere"]);
      expect(rows[1]?.points).toEqual(["Sette av tid", "Peke ut BTS-kontakter"]);
      expect(
        (
          await failure(
            createResponsibility({
              database,
              actor: coordinator,
              meta,
              values: { holder: "", duty: "" },
            }),
          )
        ).fieldErrors,
      ).toEqual({
        holder: "implementation.plan.responsibilities.errors.holderRequired",
        duty: "implementation.plan.responsibilities.errors.dutyRequired",
      });
      expect(
        (
          await failure(
            updateResponsibility({
              database,
              actor: unitLeader,
              meta,
              responsibilityId: first.id,
              values: { holder: "X", duty: "Y" },
            }),
          )
        ).code,
      ).toBe("forbidden");
      expect(
        (
          await failure(
            deleteResponsibility({
              database,
              actor: coordinatorB,
              meta,
              responsibilityId: first.id,
            }),
          )
        ).code,
      ).toBe("not_found");
      await deleteResponsibility({
        database,
        actor: coordinator,
        meta,
        responsibilityId: first.id,
      });
      expect(await auditRows("implementation.responsibility_saved", first.id)).toHaveLength(1);
      expect(await auditRows("implementation.responsibility_deleted", first.id)).toHaveLength(1);
    });
  });

  describe("risk register", () => {
    const validRisk = (ownerUserId: string) => ({
      level: "service",
      title: "Ikke god nok opplæring",
      description: "",
      likelihood: "3",
      consequence: "4",
      measures: "Grunnopplæring for alle",
      ownerUserId,
      reviewOn: "2026-04-01",
      status: "open",
    });

    it("stores a risk with its score and class, owned by staff of the same municipality", async () => {
      const risk = await createRisk({
        database,
        actor: coordinator,
        meta,
        values: validRisk(unitLeader.userId),
      });
      const view = await getRisk({ database, actor: btsContact, riskId: risk.id, today });
      expect(view).toMatchObject({
        score: 12,
        riskClass: "high",
        ownerName: unitLeader.name,
        reviewOverdue: false,
        status: "open",
      });
      const [event] = await auditRows("implementation.risk_saved", risk.id);
      expect(event?.details).toEqual({
        created: true,
        level: "service",
        score: 12,
        status: "open",
      });

      const foreignOwner = await failure(
        createRisk({ database, actor: coordinator, meta, values: validRisk(coordinatorB.userId) }),
      );
      expect(foreignOwner.fieldErrors).toEqual({
        ownerUserId: "implementation.plan.risks.errors.owner",
      });
      const bad = await failure(
        createRisk({
          database,
          actor: coordinator,
          meta,
          values: { ...validRisk(""), level: "planet", likelihood: "6", title: "" },
        }),
      );
      expect(bad.fieldErrors).toMatchObject({
        level: "implementation.plan.risks.errors.level",
        likelihood: "implementation.plan.risks.errors.likelihood",
        title: "implementation.plan.risks.errors.titleRequired",
        ownerUserId: "implementation.plan.risks.errors.owner",
      });
      expect(
        (
          await failure(
            createRisk({ database, actor: btsContact, meta, values: validRisk(btsContact.userId) }),
          )
        ).code,
      ).toBe("forbidden");
      expect(
        (await failure(getRisk({ database, actor: coordinatorB, riskId: risk.id }))).code,
      ).toBe("not_found");
    });

    it("filters by level and status, sorts, and marks a passed review date", async () => {
      const fresh = await freshDatabase(kind);
      try {
        const tenant = (await makeTenant(fresh, "Dvik kommune")).id;
        const boss = await makeStaff(fresh, tenant, { roles: ["coordinator"] });
        const add = (values: Record<string, unknown>) =>
          createRisk({
            database: fresh,
            actor: boss,
            meta,
            values: { ...validRisk(boss.userId), ...values },
          });
        const low = await add({
          title: "Lav",
          level: "individual",
          likelihood: "1",
          consequence: "4",
        });
        const high = await add({
          title: "Høy",
          level: "municipal",
          likelihood: "5",
          consequence: "5",
        });
        const due = await add({
          title: "Forfalt",
          level: "service",
          likelihood: "2",
          consequence: "3",
          reviewOn: addDays(today, -1),
        });
        const onTime = await add({ title: "I dag", level: "service", reviewOn: today });
        await setRiskStatus({
          database: fresh,
          actor: boss,
          meta,
          riskId: low.id,
          status: "closed",
        });

        const open = await listRisks({ database: fresh, actor: boss, today });
        expect(open.risks.map((risk) => risk.title)).toEqual(["Høy", "I dag", "Forfalt"]);
        expect(open.reviewOverdueCount).toBe(1);
        expect(open.risks.find((risk) => risk.id === due.id)?.reviewOverdue).toBe(true);
        expect(open.risks.find((risk) => risk.id === onTime.id)?.reviewOverdue).toBe(false);
        expect(open.risks.find((risk) => risk.id === due.id)?.riskClass).toBe("medium");

        const service = await listRisks({
          database: fresh,
          actor: boss,
          today,
          filters: { level: "service", sort: "review" },
        });
        expect(service.risks.map((risk) => risk.title)).toEqual(["Forfalt", "I dag"]);
        const closed = await listRisks({
          database: fresh,
          actor: boss,
          today,
          filters: { status: "closed" },
        });
        expect(closed.risks.map((risk) => risk.id)).toEqual([low.id]);
        expect(closed.risks[0]?.reviewOverdue).toBe(false);
        const all = await listRisks({
          database: fresh,
          actor: boss,
          today,
          filters: { status: "all", sort: "level" },
        });
        expect(all.risks.map((risk) => risk.level)).toEqual([
          "municipal",
          "service",
          "service",
          "individual",
        ]);
        expect(high.id).toBeTruthy();

        await updateRisk({
          database: fresh,
          actor: boss,
          meta,
          riskId: due.id,
          values: {
            ...validRisk(boss.userId),
            title: "Forfalt",
            level: "service",
            reviewOn: "2026-06-01",
          },
        });
        const events = await fresh.system((tx) =>
          tx.select().from(auditEvents).where(eq(auditEvents.subjectId, due.id)),
        );
        expect(events.map((event) => event.details)).toContainEqual(
          expect.objectContaining({
            created: false,
            fields: ["likelihood", "consequence", "reviewOn"],
          }),
        );
        const closing = await fresh.system((tx) =>
          tx.select().from(auditEvents).where(eq(auditEvents.subjectId, low.id)),
        );
        expect(closing.map((event) => event.details)).toContainEqual({
          created: false,
          fields: ["status"],
          status: "closed",
        });
      } finally {
        await fresh.drop();
      }
    });
  });

  describe("pages", () => {
    let app: Awaited<ReturnType<typeof testAppWithUi>>["app"];
    let services: Awaited<ReturnType<typeof testAppWithUi>>["services"];

    beforeAll(async () => {
      ({ app, services } = await testAppWithUi(database));
    });

    const get = async (actor: Staff, path: string) =>
      app.request(path, { headers: await browserHeaders(database, services, actor) });

    it("shows the plan read-only to a BTS contact and refuses the forms", async () => {
      const response = await get(btsContact, "/implementering/plan");
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain(nb.implementation.plan.readOnly);
      expect(html).not.toContain(nb.implementation.plan.milestones.new);
      expect(html).not.toContain('href="/implementering/plan/');
      expect((await get(btsContact, "/implementering/plan/ny")).status).toBe(403);
      expect((await get(unitLeader, "/implementering/risiko/ny")).status).toBe(403);
      expect((await get(employee, "/implementering/plan")).status).toBe(403);
      for (const path of [
        "/implementering/kjernekomponenter",
        "/implementering/ansvar",
        "/implementering/risiko",
        "/implementering/plan?visning=tabell",
      ]) {
        expect((await get(unitLeader, path)).status, path).toBe(200);
      }
    });

    it("keeps what was typed and shows the messages when a form fails", async () => {
      const headers = await browserHeaders(database, services, coordinator);
      const body = new URLSearchParams({
        intent: "save",
        title: "Felles planleggingsdag",
        kind: "activity",
        startsOn: "2026-08-01",
        endsOn: "2026-08-31",
        responsible: "",
        doneOn: addDays(osloDate(), 2),
        evaluationMilestoneId: "",
        componentId: "",
      });
      const response = await app.request("/implementering/plan/ny", {
        method: "POST",
        headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
        body,
      });
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain(nb.implementation.plan.errors.doneInFuture);
      expect(html).toContain(nb.implementation.plan.errors.responsibleRequired);
      expect(html).toContain('value="Felles planleggingsdag"');
      expect(html).toContain(`value="${addDays(osloDate(), 2)}"`);
    });

    it("moves a component and deletes a milestone through the forms", async () => {
      const headers = {
        ...(await browserHeaders(database, services, coordinator)),
        "content-type": "application/x-www-form-urlencoded",
      };
      for (const title of ["Sidekomponent A", "Sidekomponent B"]) {
        await createComponent({ database, actor: coordinator, meta, values: { title } });
      }
      const { components } = await listComponents({ database, actor: coordinator, today });
      const [top, next] = components;
      const moved = await app.request("/implementering/kjernekomponenter", {
        method: "POST",
        headers,
        body: new URLSearchParams({ intent: "move", id: top!.id, direction: "down" }),
        redirect: "manual",
      });
      expect(moved.status).toBe(302);
      expect(moved.headers.get("location")).toBe(
        "/implementering/kjernekomponenter?melding=implementation.plan.moved",
      );
      const after = await listComponents({ database, actor: coordinator, today });
      expect(after.components.slice(0, 2).map((component) => component.id)).toEqual([
        next!.id,
        top!.id,
      ]);
      const refused = await app.request("/implementering/kjernekomponenter", {
        method: "POST",
        headers: {
          ...(await browserHeaders(database, services, btsContact)),
          "content-type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({ intent: "move", id: next!.id, direction: "down" }),
        redirect: "manual",
      });
      expect(refused.status).toBe(403);

      const doomed = await create(coordinator, { ...validMilestone, title: "Slettes" });
      const confirm = await app.request(`/implementering/plan/${doomed.id}?bekreft=slett`, {
        headers,
      });
      expect(await confirm.text()).toContain(
        nb.implementation.plan.milestones.deleteConfirm.replace("{{title}}", "Slettes"),
      );
      const deleted = await app.request(`/implementering/plan/${doomed.id}`, {
        method: "POST",
        headers,
        body: new URLSearchParams({ intent: "delete" }),
        redirect: "manual",
      });
      expect(deleted.status).toBe(302);
      expect(
        (await failure(getMilestone({ database, actor: coordinator, milestoneId: doomed.id })))
          .code,
      ).toBe("not_found");
      expect(await auditRows("implementation.milestone_deleted", doomed.id)).toHaveLength(1);
    });

    it("answers 404 for another municipality's milestone", async () => {
      const foreign = await create(coordinatorB, { ...validMilestone, title: "Bvik" });
      expect((await get(coordinator, `/implementering/plan/${foreign.id}`)).status).toBe(404);
    });
  });
});
