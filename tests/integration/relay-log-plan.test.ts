import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../core/access/actor.ts";
import { AppError } from "../../core/errors.ts";
import { addDays, osloDate } from "../../core/platform/dates.ts";
import { correctEntry, createEntry, getEntry, listEntries } from "../../core/relay-log/entries.ts";
import {
  commentField,
  getEvaluations,
  recordEvaluation,
  removeEvaluation,
  rescheduleEvaluation,
  scheduleEvaluation,
  scoreField,
} from "../../core/relay-log/evaluations.ts";
import {
  createArea,
  createGoal,
  createMeasure,
  getPlan,
  planRemovalImpact,
  removePlanItem,
  updateArea,
  updateGoal,
  updateMeasure,
} from "../../core/relay-log/plan.ts";
import {
  auditEvents,
  relayLogAreas,
  relayLogEntryVersions,
  relayLogEvaluations,
  relayLogGoals,
  relayLogGoalScores,
  relayLogMeasures,
} from "../../db/schema/index.ts";
import { databaseKinds, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { makeUnit } from "../support/fixtures.ts";
import { insertTestLog, relayLogWorld } from "../support/relay-log-fixtures.ts";

type Staff = Extract<Actor, { kind: "staff" }>;

const meta = { ip: "192.0.2.44", userAgent: "vitest", requestId: "req-relay-plan" };

async function failure(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the use case to fail");
}

describe.each(databaseKinds)("relay log plan, evaluations and entries on %s", (kind) => {
  let database: TestDatabase;
  let world: Awaited<ReturnType<typeof relayLogWorld>>;
  let other: Awaited<ReturnType<typeof relayLogWorld>>;
  let logId: string;
  let otherLogId: string;
  let frozenLogId: string;
  let closedLogId: string;
  let pptUnitId: string;
  const today = osloDate();

  beforeAll(async () => {
    database = await freshDatabase(kind);
    world = await relayLogWorld(database);
    other = await relayLogWorld(database);
    pptUnitId = (await makeUnit(database, world.tenant.id, "Testvik PPT")).id;
    const participants = [{ user: world.participant, unitId: world.healthStation.id }];
    const base = { tenantId: world.tenant.id, holder: world.holder, holderUnitId: world.school.id };
    logId = (await insertTestLog(database, { ...base, participants })).id;
    otherLogId = (await insertTestLog(database, { ...base, childName: "Annet Barn" })).id;
    frozenLogId = (await insertTestLog(database, { ...base, participants, consent: "expired" })).id;
    closedLogId = (await insertTestLog(database, { ...base, participants, status: "closed" })).id;
  });
  afterAll(() => database.drop());

  const common = (actor: Staff, id = logId) => ({ database, actor, meta, logId: id });

  async function auditFor(id: string, type: string) {
    return database.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.tenantId, world.tenant.id),
            eq(auditEvents.subjectId, id),
            eq(auditEvents.eventType, type),
          ),
        )
        .orderBy(auditEvents.id),
    );
  }

  async function newGoal(id = logId) {
    const area = await createArea({
      ...common(world.holder, id),
      values: { title: "Språk", description: "" },
    });
    const goal = await createGoal({
      ...common(world.holder, id),
      areaId: area.id,
      values: { text: "Snakker i samlingsstund", expectedOutcome: "Sier noe hver dag" },
    });
    return { area, goal };
  }

  const measureValues = (values: Record<string, string> = {}) => ({
    what: "Språkgruppe to ganger i uka",
    responsibleKind: "person",
    responsibleUserId: world.participant.userId,
    responsibleUnitId: "",
    responsibleText: "",
    place: "service",
    supportsMeasureId: "",
    startsOn: addDays(today, -10),
    dueOn: addDays(today, 30),
    status: "ongoing",
    ...values,
  });

  describe("plan", () => {
    it("builds areas → goals → measures, audited with ids and field names only", async () => {
      const area = await createArea({
        ...common(world.holder),
        values: {
          title: "  Trivsel i barnehagen ",
          description: "Trekker seg unna i frilek, ifølge personalet.",
        },
      });
      expect(area.title).toBe("Trivsel i barnehagen");
      const goal = await createGoal({
        ...common(world.participant),
        areaId: area.id,
        values: { text: "Leker med minst ett annet barn", expectedOutcome: "Tre dager i uka" },
      });
      const measure = await createMeasure({
        ...common(world.participant),
        goalId: goal.id,
        values: measureValues(),
      });
      const family = await createMeasure({
        ...common(world.holder),
        goalId: goal.id,
        values: measureValues({
          what: "Lekeavtale hjemme i helgene",
          responsibleKind: "family",
          responsibleUserId: world.participant.userId, // ignored: the kind is family
          responsibleText: "mor",
          place: "home",
        }),
      });
      expect(family).toMatchObject({
        responsibleKind: "family",
        responsibleUserId: null,
        responsibleText: "mor",
        status: "ongoing",
      });

      const plan = await getPlan(common(world.participant));
      const shown = plan.areas.find((item) => item.id === area.id)!;
      expect(shown.goals).toHaveLength(1);
      expect(shown.goals[0]!.measures.map((item) => item.id)).toEqual([measure.id, family.id]);
      expect(shown.goals[0]!.measures[0]).toMatchObject({
        responsibleUserName: "Del Taker",
        place: "service",
        overdue: false,
      });
      expect(plan.participants.map((p) => p.name).sort()).toEqual(["Del Taker", "Stafett Holder"]);
      expect(plan.units.map((u) => u.name).sort()).toEqual([
        "Testvik helsestasjon",
        "Testvik skole",
      ]);
      expect(plan.header.canWrite).toBe(true);

      const changes = await auditFor(logId, "relaylog.plan_changed");
      const created = changes.map((event) => event.details);
      expect(created).toContainEqual({
        part: "area",
        id: area.id,
        action: "created",
        fields: ["title", "description"],
      });
      expect(created).toContainEqual({
        part: "goal",
        id: goal.id,
        action: "created",
        fields: ["text", "expectedOutcome"],
      });
      for (const details of created) {
        expect(Object.keys(details).sort()).toEqual(["action", "fields", "id", "part"]);
      }
      const viewed = await auditFor(logId, "relaylog.viewed");
      expect(viewed.at(-1)?.details).toEqual({ view: "plan" });
      expect(viewed.at(-1)?.actor).toMatchObject({ id: world.participant.userId });
    });

    it("marks measures past their deadline that are not done as overdue", async () => {
      const { goal } = await newGoal();
      const late = await createMeasure({
        ...common(world.holder),
        goalId: goal.id,
        values: measureValues({ startsOn: addDays(today, -30), dueOn: addDays(today, -1) }),
      });
      const done = await createMeasure({
        ...common(world.holder),
        goalId: goal.id,
        values: measureValues({
          startsOn: addDays(today, -30),
          dueOn: addDays(today, -1),
          status: "done",
        }),
      });
      const plan = await getPlan(common(world.holder));
      const measures = plan.areas.flatMap((a) => a.goals.flatMap((g) => g.measures));
      expect(measures.find((m) => m.id === late.id)?.overdue).toBe(true);
      expect(measures.find((m) => m.id === done.id)?.overdue).toBe(false);
    });

    it("validates measures beside the field, all errors at once, and saves nothing", async () => {
      const { goal } = await newGoal();
      const attempt = (values: Record<string, string>) =>
        failure(createMeasure({ ...common(world.holder), goalId: goal.id, values }));

      const beforeStart = await attempt(
        measureValues({ startsOn: addDays(today, 5), dueOn: addDays(today, 4) }),
      );
      expect(beforeStart.code).toBe("validation");
      expect(beforeStart.fieldErrors).toEqual({ dueOn: "relayLog.plan.deadlineBeforeStart" });

      const noResponsible = await attempt(
        measureValues({ responsibleKind: "", responsibleUserId: "" }),
      );
      expect(noResponsible.fieldErrors).toEqual({
        responsibleKind: "relayLog.plan.responsibleRequired",
      });
      const missingKind = await attempt(
        (({ responsibleKind: _omit, ...rest }) => rest)(measureValues()),
      );
      expect(missingKind.fieldErrors).toEqual({
        responsibleKind: "relayLog.plan.responsibleRequired",
      });
      const noPerson = await attempt(measureValues({ responsibleUserId: "" }));
      expect(noPerson.fieldErrors).toEqual({
        responsibleUserId: "relayLog.plan.responsibleRequired",
      });
      const noFamily = await attempt(measureValues({ responsibleKind: "family" }));
      expect(noFamily.fieldErrors).toEqual({
        responsibleText: "relayLog.plan.responsibleRequired",
      });

      const notParticipant = await attempt(
        measureValues({ responsibleUserId: world.outsider.userId }),
      );
      expect(notParticipant.fieldErrors).toEqual({
        responsibleUserId: "relayLog.plan.responsibleNotParticipant",
      });
      const otherTenantPerson = await attempt(
        measureValues({ responsibleUserId: other.holder.userId }),
      );
      expect(otherTenantPerson.fieldErrors).toEqual({
        responsibleUserId: "relayLog.plan.responsibleNotParticipant",
      });

      const unitNotInLog = await attempt(
        measureValues({ responsibleKind: "service", responsibleUnitId: pptUnitId }),
      );
      expect(unitNotInLog.fieldErrors).toEqual({
        responsibleUnitId: "relayLog.plan.unitNotInLog",
      });
      const unitOk = await createMeasure({
        ...common(world.holder),
        goalId: goal.id,
        values: measureValues({
          responsibleKind: "service",
          responsibleUnitId: world.healthStation.id,
        }),
      });
      expect(unitOk).toMatchObject({
        responsibleUnitId: world.healthStation.id,
        responsibleUserId: null,
      });

      const everything = await attempt(
        measureValues({
          what: "x".repeat(501),
          responsibleKind: "",
          place: "",
          startsOn: addDays(today, 5),
          dueOn: addDays(today, 1),
        }),
      );
      expect(everything.fieldErrors).toEqual({
        what: "relayLog.plan.whatTooLong",
        responsibleKind: "relayLog.plan.responsibleRequired",
        place: "relayLog.plan.placeRequired",
        dueOn: "relayLog.plan.deadlineBeforeStart",
      });

      const badDate = await attempt(measureValues({ startsOn: "2026-02-30", dueOn: "" }));
      expect(badDate.fieldErrors).toEqual({
        startsOn: "relayLog.plan.dateFormat",
        dueOn: "relayLog.plan.dateRequired",
      });

      const stored = await database.tenant(world.tenant.id, (tx) =>
        tx.select().from(relayLogMeasures).where(eq(relayLogMeasures.goalId, goal.id)),
      );
      expect(stored.map((row) => row.id)).toEqual([unitOk.id]);
    });

    it("pairs a home measure with the service measure it supports, in the same log only", async () => {
      const { goal } = await newGoal();
      const service = await createMeasure({
        ...common(world.holder),
        goalId: goal.id,
        values: measureValues({ what: "Lesetrening på skolen" }),
      });
      const home = await createMeasure({
        ...common(world.holder),
        goalId: goal.id,
        values: measureValues({
          what: "Lese ti minutter hver kveld",
          responsibleKind: "family",
          responsibleText: "far",
          place: "home",
          supportsMeasureId: service.id,
        }),
      });
      expect(home.supportsMeasureId).toBe(service.id);
      const plan = await getPlan(common(world.holder));
      const measures = new Map(
        plan.areas.flatMap((a) => a.goals.flatMap((g) => g.measures.map((m) => [m.id, m]))),
      );
      expect(measures.get(service.id)?.supportedByIds).toEqual([home.id]);
      expect(measures.get(home.id)?.supportsMeasureId).toBe(service.id);

      // A home measure cannot support another home measure, nor a measure of another log.
      const homeToHome = await failure(
        createMeasure({
          ...common(world.holder),
          goalId: goal.id,
          values: measureValues({ place: "home", supportsMeasureId: home.id }),
        }),
      );
      expect(homeToHome.fieldErrors).toEqual({
        supportsMeasureId: "relayLog.plan.supportsInvalid",
      });
      const elsewhere = await newGoal(otherLogId);
      const foreign = await createMeasure({
        ...common(world.holder, otherLogId),
        goalId: elsewhere.goal.id,
        values: measureValues({ responsibleUserId: world.holder.userId }),
      });
      const crossLog = await failure(
        createMeasure({
          ...common(world.holder),
          goalId: goal.id,
          values: measureValues({ place: "home", supportsMeasureId: foreign.id }),
        }),
      );
      expect(crossLog.fieldErrors).toEqual({
        supportsMeasureId: "relayLog.plan.supportsInvalid",
      });
      // A service measure never keeps a pairing of its own.
      const serviceWithPair = await createMeasure({
        ...common(world.holder),
        goalId: goal.id,
        values: measureValues({ place: "service", supportsMeasureId: service.id }),
      });
      expect(serviceWithPair.supportsMeasureId).toBeNull();

      // Moving the service measure home unpairs the home measures that supported it.
      await updateMeasure({
        ...common(world.holder),
        measureId: service.id,
        values: measureValues({ what: "Lesetrening på skolen", place: "home", lockVersion: "0" }),
      });
      const [unpaired] = await database.tenant(world.tenant.id, (tx) =>
        tx.select().from(relayLogMeasures).where(eq(relayLogMeasures.id, home.id)),
      );
      expect(unpaired?.supportsMeasureId).toBeNull();

      // Removing a service measure unpairs too.
      const service2 = await createMeasure({
        ...common(world.holder),
        goalId: goal.id,
        values: measureValues({ what: "Leksehjelp" }),
      });
      const home2 = await createMeasure({
        ...common(world.holder),
        goalId: goal.id,
        values: measureValues({ place: "home", supportsMeasureId: service2.id }),
      });
      await removePlanItem({
        ...common(world.holder),
        itemId: service2.id,
        values: { lockVersion: "0" },
      });
      const [after] = await database.tenant(world.tenant.id, (tx) =>
        tx.select().from(relayLogMeasures).where(eq(relayLogMeasures.id, home2.id)),
      );
      expect(after?.supportsMeasureId).toBeNull();
    });

    it("refuses a stale save as a conflict and overwrites nothing", async () => {
      const { area, goal } = await newGoal();
      await updateArea({
        ...common(world.holder),
        areaId: area.id,
        values: { title: "Språk og samspill", description: "Første lagring", lockVersion: "0" },
      });
      const stale = await failure(
        updateArea({
          ...common(world.participant),
          areaId: area.id,
          values: { title: "Overskrevet?", description: "Andre lagring", lockVersion: "0" },
        }),
      );
      expect(stale.code).toBe("conflict");
      expect(stale.messageKey).toBe("relayLog.conflict");
      const [storedArea] = await database.tenant(world.tenant.id, (tx) =>
        tx.select().from(relayLogAreas).where(eq(relayLogAreas.id, area.id)),
      );
      expect(storedArea).toMatchObject({
        title: "Språk og samspill",
        description: "Første lagring",
        lockVersion: 1,
      });
      expect(
        (
          await failure(
            updateArea({
              ...common(world.holder),
              areaId: area.id,
              values: { title: "Uten versjon" },
            }),
          )
        ).code,
      ).toBe("conflict");

      await updateGoal({
        ...common(world.holder),
        goalId: goal.id,
        values: { text: "Nytt mål", expectedOutcome: "", lockVersion: "0" },
      });
      expect(
        (
          await failure(
            updateGoal({
              ...common(world.holder),
              goalId: goal.id,
              values: { text: "Gammelt skjema", lockVersion: "0" },
            }),
          )
        ).code,
      ).toBe("conflict");
      const [storedGoal] = await database.tenant(world.tenant.id, (tx) =>
        tx.select().from(relayLogGoals).where(eq(relayLogGoals.id, goal.id)),
      );
      expect(storedGoal).toMatchObject({ text: "Nytt mål", lockVersion: 1 });

      const measure = await createMeasure({
        ...common(world.holder),
        goalId: goal.id,
        values: measureValues(),
      });
      await updateMeasure({
        ...common(world.participant),
        measureId: measure.id,
        values: measureValues({ what: "Endret av deltaker", status: "done", lockVersion: "0" }),
      });
      // A stale form is a conflict even when it is also invalid: the user first sees the news.
      const staleMeasure = await failure(
        updateMeasure({
          ...common(world.holder),
          measureId: measure.id,
          values: measureValues({
            what: "Endret av holder",
            dueOn: "2000-01-01",
            lockVersion: "0",
          }),
        }),
      );
      expect(staleMeasure.code).toBe("conflict");
      const staleRemove = await failure(
        removePlanItem({
          ...common(world.holder),
          itemId: measure.id,
          values: { lockVersion: "0" },
        }),
      );
      expect(staleRemove.code).toBe("conflict");
      const [storedMeasure] = await database.tenant(world.tenant.id, (tx) =>
        tx.select().from(relayLogMeasures).where(eq(relayLogMeasures.id, measure.id)),
      );
      expect(storedMeasure).toMatchObject({
        what: "Endret av deltaker",
        status: "done",
        lockVersion: 1,
      });
      const changes = (await auditFor(logId, "relaylog.plan_changed")).map((e) => e.details);
      expect(changes).toContainEqual({
        part: "measure",
        id: measure.id,
        action: "updated",
        fields: ["what", "status"],
      });
    });

    it("removes an area with its goals, measures and scores after telling what goes", async () => {
      const { area, goal } = await newGoal();
      await createMeasure({ ...common(world.holder), goalId: goal.id, values: measureValues() });
      const impact = await planRemovalImpact({ ...common(world.holder), itemId: area.id });
      expect(impact).toEqual({ part: "area", goals: 1, measures: 1, scores: 0 });
      await removePlanItem({
        ...common(world.holder),
        itemId: area.id,
        values: { lockVersion: "0" },
      });
      const left = await database.tenant(world.tenant.id, async (tx) => ({
        areas: await tx.select().from(relayLogAreas).where(eq(relayLogAreas.id, area.id)),
        goals: await tx.select().from(relayLogGoals).where(eq(relayLogGoals.id, goal.id)),
        measures: await tx
          .select()
          .from(relayLogMeasures)
          .where(eq(relayLogMeasures.goalId, goal.id)),
      }));
      expect(left).toEqual({ areas: [], goals: [], measures: [] });
      const removed = (await auditFor(logId, "relaylog.plan_changed")).at(-1);
      expect(removed?.details).toEqual({
        part: "area",
        id: area.id,
        action: "removed",
        fields: [],
      });
      // An id from another log is not found.
      const elsewhere = await newGoal(otherLogId);
      expect(
        (
          await failure(
            removePlanItem({
              ...common(world.holder),
              itemId: elsewhere.goal.id,
              values: { lockVersion: "0" },
            }),
          )
        ).code,
      ).toBe("not_found");
    });
  });

  describe("evaluations", () => {
    it("rejects scores out of range and missing scores, and stores nothing", async () => {
      const evalLogId = (
        await insertTestLog(database, {
          tenantId: world.tenant.id,
          holder: world.holder,
          holderUnitId: world.school.id,
        })
      ).id;
      const { goal } = await newGoal(evalLogId);
      const second = await createGoal({
        ...common(world.holder, evalLogId),
        areaId: goal.areaId,
        values: { text: "Møter opp hver dag" },
      });
      const evaluation = await scheduleEvaluation({
        ...common(world.holder, evalLogId),
        values: { scheduledOn: addDays(today, -1) },
      });
      const record = (values: Record<string, string>) =>
        failure(
          recordEvaluation({
            ...common(world.holder, evalLogId),
            evaluationId: evaluation.id,
            values: { lockVersion: "0", heldOn: today, ...values },
          }),
        );
      const outOfRange = await record({
        [scoreField(goal.id)]: "3",
        [scoreField(second.id)]: "-3",
      });
      expect(outOfRange.fieldErrors).toEqual({
        [scoreField(goal.id)]: "relayLog.plan.evaluation.scoreRange",
        [scoreField(second.id)]: "relayLog.plan.evaluation.scoreRange",
      });
      const notNumbers = await record({
        [scoreField(goal.id)]: "1.5",
        [scoreField(second.id)]: "bra",
        [commentField(goal.id)]: "x".repeat(301),
      });
      expect(notNumbers.fieldErrors).toEqual({
        [scoreField(goal.id)]: "relayLog.plan.evaluation.scoreRange",
        [scoreField(second.id)]: "relayLog.plan.evaluation.scoreRange",
        [commentField(goal.id)]: "relayLog.plan.evaluation.commentTooLong",
      });
      const missing = await record({ [scoreField(goal.id)]: "0", heldOn: addDays(today, 1) });
      expect(missing.fieldErrors).toEqual({
        heldOn: "relayLog.plan.dateInFuture",
        [scoreField(second.id)]: "relayLog.plan.evaluation.scoreRequired",
      });
      // A goal of another log cannot be scored here.
      const { goal: foreignGoal } = await newGoal();
      const foreign = await record({
        [scoreField(goal.id)]: "0",
        [scoreField(second.id)]: "0",
        [scoreField(foreignGoal.id)]: "2",
      });
      expect(foreign.fieldErrors).toEqual({ [scoreField(foreignGoal.id)]: "errors.unknownField" });

      const stored = await database.tenant(world.tenant.id, async (tx) => ({
        scores: await tx
          .select()
          .from(relayLogGoalScores)
          .where(eq(relayLogGoalScores.evaluationId, evaluation.id)),
        evaluation: (
          await tx
            .select()
            .from(relayLogEvaluations)
            .where(eq(relayLogEvaluations.id, evaluation.id))
        )[0],
      }));
      expect(stored.scores).toEqual([]);
      expect(stored.evaluation).toMatchObject({ heldOn: null, lockVersion: 0 });
    });

    it("shows each goal's first and latest score and the change, per scorer kind", async () => {
      const logIdE = (
        await insertTestLog(database, {
          tenantId: world.tenant.id,
          holder: world.holder,
          holderUnitId: world.school.id,
          participants: [{ user: world.participant, unitId: world.healthStation.id }],
        })
      ).id;
      const { area, goal: g1 } = await newGoal(logIdE);
      const g2 = await createGoal({
        ...common(world.holder, logIdE),
        areaId: area.id,
        values: { text: "Sover hjemme hver natt" },
      });
      const schedule = (days: number) =>
        scheduleEvaluation({
          ...common(world.holder, logIdE),
          values: { scheduledOn: addDays(today, days) },
        });
      const e1 = await schedule(-120);
      const e2 = await schedule(-60);
      const e3 = await schedule(-90); // scheduled before e2 but held last
      const hold = (id: string, heldDays: number, s1: string, s2: string, by = world.holder) =>
        recordEvaluation({
          ...common(by, logIdE),
          evaluationId: id,
          values: {
            lockVersion: "0",
            heldOn: addDays(today, heldDays),
            summary: "Oppsummert i møtet.",
            [scoreField(g1.id)]: s1,
            [commentField(g1.id)]: "Kommentar om målet",
            [scoreField(g2.id)]: s2,
          },
        });
      await hold(e1.id, -120, "-1", "0");
      await hold(e2.id, -60, "1", "0", world.participant);
      await hold(e3.id, -10, "+2", "\u22121");
      // A guardian's score beside the staff's (the next issue writes these through its own flow).
      await database.tenant(world.tenant.id, (tx) =>
        tx.insert(relayLogGoalScores).values({
          tenantId: world.tenant.id,
          logId: logIdE,
          evaluationId: e1.id,
          goalId: g1.id,
          scorerKind: "guardian",
          score: -2,
        }),
      );
      const overdue = await schedule(-1);
      const upcoming = await schedule(14);

      const page = await getEvaluations(common(world.participant, logIdE));
      const effect1 = page.effect.find((goal) => goal.id === g1.id)!;
      const staff1 = effect1.series.find((series) => series.scorerKind === "staff")!;
      expect(staff1.points.map((point) => point.score)).toEqual([-1, 1, 2]);
      expect(staff1.first).toMatchObject({ score: -1, date: addDays(today, -120) });
      expect(staff1.latest).toMatchObject({ score: 2, date: addDays(today, -10) });
      expect(staff1.change).toBe(3);
      const guardian1 = effect1.series.find((series) => series.scorerKind === "guardian")!;
      expect(guardian1.points.map((point) => point.score)).toEqual([-2]);
      expect(guardian1.change).toBeNull();
      const effect2 = page.effect.find((goal) => goal.id === g2.id)!;
      expect(effect2.series).toHaveLength(1);
      expect(effect2.series[0]).toMatchObject({
        scorerKind: "staff",
        first: { score: 0 },
        latest: { score: -1 },
        change: -1,
      });
      expect(page.held.map((item) => item.id)).toEqual([e3.id, e2.id, e1.id]);
      expect(page.held[1]?.heldByName).toBe("Del Taker");
      expect(page.planned.map((item) => [item.id, item.overdue])).toEqual([
        [overdue.id, true],
        [upcoming.id, false],
      ]);

      // Correcting e1 replaces the staff scores and keeps the guardian's.
      await recordEvaluation({
        ...common(world.holder, logIdE),
        evaluationId: e1.id,
        values: {
          lockVersion: "1",
          heldOn: addDays(today, -120),
          [scoreField(g1.id)]: "0",
          [scoreField(g2.id)]: "0",
        },
      });
      const corrected = await getEvaluations(common(world.holder, logIdE));
      const after = corrected.effect.find((goal) => goal.id === g1.id)!;
      expect(after.series.find((s) => s.scorerKind === "staff")).toMatchObject({
        first: { score: 0 },
        change: 2,
      });
      expect(after.series.find((s) => s.scorerKind === "guardian")?.first.score).toBe(-2);
      // A stale correction is a conflict.
      const stale = await failure(
        recordEvaluation({
          ...common(world.holder, logIdE),
          evaluationId: e1.id,
          values: {
            lockVersion: "1",
            heldOn: today,
            [scoreField(g1.id)]: "2",
            [scoreField(g2.id)]: "2",
          },
        }),
      );
      expect(stale.code).toBe("conflict");

      // Held evaluations stay; planned ones can be moved and removed.
      const kept = await failure(
        removeEvaluation({
          ...common(world.holder, logIdE),
          evaluationId: e2.id,
          values: { lockVersion: "1" },
        }),
      );
      expect(kept.messageKey).toBe("relayLog.plan.evaluation.heldKept");
      await rescheduleEvaluation({
        ...common(world.holder, logIdE),
        evaluationId: upcoming.id,
        values: { scheduledOn: addDays(today, 21), lockVersion: "0" },
      });
      await removeEvaluation({
        ...common(world.holder, logIdE),
        evaluationId: upcoming.id,
        values: { lockVersion: "1" },
      });
      const final = await getEvaluations(common(world.holder, logIdE));
      expect(final.planned.map((item) => item.id)).toEqual([overdue.id]);

      const saved = (await auditFor(logIdE, "relaylog.evaluation_saved")).map((e) => e.details);
      expect(saved).toContainEqual({
        evaluationId: e1.id,
        action: "held",
        fields: ["heldOn", "scores", "summary"],
        goals: 2,
      });
      expect(saved).toContainEqual({
        evaluationId: upcoming.id,
        action: "removed",
        fields: [],
      });
      expect(JSON.stringify(saved)).not.toContain("Kommentar");
      expect(JSON.stringify(saved)).not.toContain("Oppsummert");
    });

    it("refuses to record an evaluation when the plan has no goals", async () => {
      const emptyLog = await insertTestLog(database, {
        tenantId: world.tenant.id,
        holder: world.holder,
        holderUnitId: world.school.id,
      });
      const evaluation = await scheduleEvaluation({
        ...common(world.holder, emptyLog.id),
        values: { scheduledOn: today },
      });
      const error = await failure(
        recordEvaluation({
          ...common(world.holder, emptyLog.id),
          evaluationId: evaluation.id,
          values: { lockVersion: "0", heldOn: today },
        }),
      );
      expect(error.fieldErrors).toEqual({ _form: "relayLog.plan.evaluation.noGoals" });
    });
  });

  describe("entries", () => {
    it("keeps notes and lysglimt dated, linked to an area, newest first, 25 a page", async () => {
      const entryLog = await insertTestLog(database, {
        tenantId: world.tenant.id,
        holder: world.holder,
        holderUnitId: world.school.id,
        participants: [{ user: world.participant, unitId: world.healthStation.id }],
      });
      const { area } = await newGoal(entryLog.id);
      const write = (values: Record<string, string>, by: Staff = world.holder) =>
        createEntry({ ...common(by, entryLog.id), values });
      for (let day = 30; day >= 1; day -= 1) {
        await write({ kind: "note", occurredOn: addDays(today, -day - 1), text: `Notat ${day}` });
      }
      const highlight = await write(
        {
          kind: "highlight",
          occurredOn: today,
          text: "Lekte med to andre i dag!",
          areaId: area.id,
        },
        world.participant,
      );

      const first = await listEntries({ ...common(world.holder, entryLog.id), page: 1 });
      expect(first.total).toBe(31);
      expect(first.pageCount).toBe(2);
      expect(first.entries).toHaveLength(25);
      expect(first.entries[0]).toMatchObject({
        id: highlight.id,
        kind: "highlight",
        areaTitle: "Språk",
        authorName: "Del Taker",
        isMine: false,
        text: "Lekte med to andre i dag!",
      });
      expect(first.entries[1]?.text).toBe("Notat 1");
      const second = await listEntries({ ...common(world.holder, entryLog.id), page: 2 });
      expect(second.entries.map((entry) => entry.text)).toEqual([
        "Notat 25",
        "Notat 26",
        "Notat 27",
        "Notat 28",
        "Notat 29",
        "Notat 30",
      ]);
      const beyond = await listEntries({ ...common(world.holder, entryLog.id), page: 9 });
      expect(beyond.page).toBe(2);
      const highlights = await listEntries({
        ...common(world.holder, entryLog.id),
        filter: { kind: "highlight", areaId: null },
      });
      expect(highlights.entries.map((entry) => entry.id)).toEqual([highlight.id]);
      const byArea = await listEntries({
        ...common(world.holder, entryLog.id),
        filter: { kind: "note", areaId: area.id },
      });
      expect(byArea.total).toBe(0);

      const future = await failure(
        write({ kind: "note", occurredOn: addDays(today, 1), text: "I morgen" }),
      );
      expect(future.fieldErrors).toEqual({ occurredOn: "relayLog.plan.dateInFuture" });
      const foreignArea = await newGoal(otherLogId);
      const wrongArea = await failure(
        write({
          kind: "note",
          occurredOn: today,
          text: "Feil område",
          areaId: foreignArea.area.id,
        }),
      );
      expect(wrongArea.fieldErrors).toEqual({ areaId: "relayLog.plan.entries.areaNotInLog" });
      const tooLong = await failure(
        write({ kind: "observation", occurredOn: today, text: "x".repeat(2001) }),
      );
      expect(tooLong.fieldErrors).toEqual({
        kind: "relayLog.plan.entries.kindRequired",
        text: "relayLog.plan.entries.textTooLong",
      });
    });

    it("corrects an entry as a new version by its author only, keeping the old text", async () => {
      const entry = await createEntry({
        ...common(world.participant),
        values: { kind: "note", occurredOn: today, text: "Møtte ikke opp mandag." },
      });
      const corrected = await correctEntry({
        ...common(world.participant),
        entryId: entry.id,
        values: { text: "Møtte ikke opp mandag (var syk).", currentVersion: "1" },
      });
      expect(corrected.currentVersion).toBe(2);

      const byHolder = await failure(
        correctEntry({
          ...common(world.holder),
          entryId: entry.id,
          values: { text: "Holder skriver om", currentVersion: "2" },
        }),
      );
      expect(byHolder.code).toBe("forbidden");
      expect(byHolder.messageKey).toBe("relayLog.plan.entries.onlyAuthor");
      const stale = await failure(
        correctEntry({
          ...common(world.participant),
          entryId: entry.id,
          values: { text: "Fra et gammelt skjema", currentVersion: "1" },
        }),
      );
      expect(stale.code).toBe("conflict");

      const versions = await database.tenant(world.tenant.id, (tx) =>
        tx
          .select()
          .from(relayLogEntryVersions)
          .where(eq(relayLogEntryVersions.entryId, entry.id))
          .orderBy(relayLogEntryVersions.version),
      );
      expect(versions.map((v) => [v.version, v.text, v.editedByName])).toEqual([
        [1, "Møtte ikke opp mandag.", "Del Taker"],
        [2, "Møtte ikke opp mandag (var syk).", "Del Taker"],
      ]);
      const page = await getEntry({ ...common(world.holder), entryId: entry.id });
      expect(page.entry).toMatchObject({ text: "Møtte ikke opp mandag (var syk).", isMine: false });
      expect(page.versions.map((v) => v.version)).toEqual([2, 1]);

      const saved = (await auditFor(logId, "relaylog.entry_saved")).map((e) => e.details);
      expect(saved).toContainEqual({ entryId: entry.id, version: 1, kind: "note" });
      expect(saved).toContainEqual({ entryId: entry.id, version: 2, kind: "note" });
      expect(saved.filter((d) => d.entryId === entry.id)).toHaveLength(2);
    });
  });

  describe("access", () => {
    it("tells a participant of a frozen log that it is frozen, for reads and writes", async () => {
      for (const work of [
        () => getPlan(common(world.participant, frozenLogId)),
        () => getEvaluations(common(world.participant, frozenLogId)),
        () => listEntries(common(world.participant, frozenLogId)),
        () => createArea({ ...common(world.participant, frozenLogId), values: { title: "Nei" } }),
        () =>
          createEntry({
            ...common(world.participant, frozenLogId),
            values: { kind: "note", occurredOn: today, text: "Nei" },
          }),
      ]) {
        const error = await failure(work());
        expect(error.code).toBe("forbidden");
        expect(error.messageKey).toBe("relayLog.frozen");
      }
      // The holder still works in it.
      expect((await getPlan(common(world.holder, frozenLogId))).header.canWrite).toBe(true);
    });

    it("answers not found to an outsider, a coordinator and another municipality", async () => {
      const { area, goal } = await newGoal();
      const entry = await createEntry({
        ...common(world.holder),
        values: { kind: "note", occurredOn: today, text: "Hemmelig" },
      });
      for (const actor of [world.outsider, world.coordinator, other.holder]) {
        for (const work of [
          () => getPlan(common(actor)),
          () => getEvaluations(common(actor)),
          () => listEntries(common(actor)),
          () => getEntry({ ...common(actor), entryId: entry.id }),
          () => createArea({ ...common(actor), values: { title: "Inn" } }),
          () =>
            updateArea({
              ...common(actor),
              areaId: area.id,
              values: { title: "Inn", lockVersion: "0" },
            }),
          () => createMeasure({ ...common(actor), goalId: goal.id, values: measureValues() }),
          () => removePlanItem({ ...common(actor), itemId: goal.id, values: { lockVersion: "0" } }),
          () => scheduleEvaluation({ ...common(actor), values: { scheduledOn: today } }),
          () =>
            correctEntry({
              ...common(actor),
              entryId: entry.id,
              values: { text: "Inn", currentVersion: "1" },
            }),
        ]) {
          const error = await failure(work());
          expect(error.code).toBe("not_found");
        }
      }
      const [stored] = await database.tenant(world.tenant.id, (tx) =>
        tx.select().from(relayLogAreas).where(eq(relayLogAreas.id, area.id)),
      );
      expect(stored?.title).toBe("Språk");
    });

    it("lets participants read a closed log but change nothing", async () => {
      const page = await getPlan(common(world.participant, closedLogId));
      expect(page.header.canWrite).toBe(false);
      for (const work of [
        () => createArea({ ...common(world.holder, closedLogId), values: { title: "Nei" } }),
        () =>
          scheduleEvaluation({
            ...common(world.holder, closedLogId),
            values: { scheduledOn: today },
          }),
        () =>
          createEntry({
            ...common(world.participant, closedLogId),
            values: { kind: "note", occurredOn: today, text: "Nei" },
          }),
      ]) {
        const error = await failure(work());
        expect(error.code).toBe("forbidden");
        expect(error.messageKey).toBe("relayLog.closedReadOnly");
      }
      await listEntries(common(world.participant, closedLogId));
      await getEvaluations(common(world.participant, closedLogId));
    });

    it("never writes typed text into audit details", async () => {
      const events = await database.system((tx) =>
        tx.select().from(auditEvents).where(eq(auditEvents.tenantId, world.tenant.id)),
      );
      const relayEvents = events.filter((event) =>
        [
          "relaylog.plan_changed",
          "relaylog.evaluation_saved",
          "relaylog.entry_saved",
          "relaylog.viewed",
        ].includes(event.eventType),
      );
      expect(relayEvents.length).toBeGreaterThan(20);
      const details = JSON.stringify(relayEvents.map((event) => event.details));
      for (const typed of [
        "Trivsel",
        "Språk",
        "Snakker",
        "Lesetrening",
        "mor",
        "far",
        "Møtte",
        "Lekte",
        "Notat",
        "Kommentar",
        "Oppsummert",
        "Hemmelig",
      ]) {
        expect(details).not.toContain(typed);
      }
    });
  });
});
