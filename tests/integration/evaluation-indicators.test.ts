import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { noRequestMeta, systemActor, type Actor } from "../../core/access/actor.ts";
import { AppError } from "../../core/errors.ts";
import {
  computeIndicators,
  computeIndicatorSeries,
  findIndicator,
  viewIndicators,
  type IndicatorGroup,
  type IndicatorKey,
} from "../../core/evaluation/indicators.ts";
import {
  importPopulationCsv,
  listPopulation,
  savePopulationBand,
} from "../../core/evaluation/population.ts";
import {
  invisibleChildrenEstimate,
  listRates,
  saveRate,
} from "../../core/evaluation/prevalence.ts";
import { createUnit } from "../../core/units/units.ts";
import {
  auditEvents,
  btsNetworkAttendance,
  btsNetworkMeetings,
  btsNetworks,
  childPopulation,
  feedbackItems,
  nextOfKinCases,
  prevalenceRates,
  relayLogEvaluations,
  relayLogGoalScores,
  relayLogGoals,
  relayLogAreas,
  relayLogHandovers,
  relayLogLevelChanges,
  relayLogs,
  trainingEvents,
  trainingRegistrations,
  worryNotes,
} from "../../db/schema/index.ts";
import { nb } from "../../i18n/nb.ts";
import { browserHeaders, testAppWithUi } from "../support/app.ts";
import { databaseKinds, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { makeStaff, makeTenant } from "../support/fixtures.ts";

type Staff = Extract<Actor, { kind: "staff" }>;

const meta = { ip: "192.0.2.77", userAgent: "vitest", requestId: "req-indicators" };
const PERIOD = { from: "2025-01-01", to: "2025-06-30" };
const TODAY = "2025-09-01";
/** Names that must never appear in any output. */
const CHILD_NAME = "Hemmelig Barnesen";
const PSEUDONYM = "Anonym Pseudonymsen";
const WORRY_PSEUDONYM = "Uro Pseudonym Xq";
const WORRY_TEXT = "HEMMELIG-UROTEKST";
const NEXT_OF_KIN_CHILD = "Pårørende Barnesen";

const at = (date: string, time = "12:00") => new Date(`${date}T${time}:00+02:00`);

const shown = (value: number) => ({ suppressed: false, value });
const hidden = { suppressed: true };

function value(group: IndicatorGroup | undefined, key: IndicatorKey) {
  return findIndicator(group!, key)!.value;
}

describe.each(databaseKinds)("indicators of effect and invisible children (%s)", (kind) => {
  let database: TestDatabase;
  let tenantId: string;
  let otherTenantId: string;
  const unit: Record<"school" | "kindergarten" | "health" | "ppt" | "nav" | "closed", string> = {
    school: "",
    kindergarten: "",
    health: "",
    ppt: "",
    nav: "",
    closed: "",
  };
  let teacher1: Staff;
  let teacher2: Staff;
  let leader1: Staff;
  let coordinator: Staff;
  let sectorLeader: Staff;
  let employee: Staff;
  let otherCoordinator: Staff;
  const logIds: string[] = [];

  async function makeUnitOf(tenant: string, name: string, serviceType: string, active = true) {
    const created = await createUnit({
      database,
      actor: systemActor(tenant, "test"),
      meta: noRequestMeta,
      values: { name, serviceType },
    });
    if (!active) {
      await database.system((tx) =>
        tx.execute(
          // A deactivated unit is left out of every per-unit figure.
          sql`update units set active = false where id = ${created.id}`,
        ),
      );
    }
    return created.id;
  }

  async function insertLog(input: {
    tenant?: string;
    holder: Staff;
    unitId: string;
    level: number;
    createdOn: string;
    closedOn?: string;
    closeReason?: string;
    kind?: "log" | "anonymous";
    levelChanges?: { on: string; to: number }[];
  }) {
    const tenant = input.tenant ?? tenantId;
    return database.tenant(tenant, async (tx) => {
      const kindOf = input.kind ?? "log";
      const current = input.levelChanges?.at(-1)?.to ?? input.level;
      const [log] = await tx
        .insert(relayLogs)
        .values({
          tenantId: tenant,
          kind: kindOf,
          status: input.closedOn ? "closed" : "open",
          level: current,
          pseudonym: kindOf === "anonymous" ? PSEUDONYM : null,
          childName: kindOf === "log" ? CHILD_NAME : null,
          childBirthDate: kindOf === "log" ? "2016-05-04" : null,
          holderUserId: input.holder.userId,
          holderUnitId: input.unitId,
          unitIds: [input.unitId],
          openedBy: input.holder.userId,
          closedAt: input.closedOn ? at(input.closedOn) : null,
          closeReason: input.closedOn ? (input.closeReason ?? "other") : null,
          createdAt: at(input.createdOn),
        })
        .returning();
      await tx.insert(relayLogLevelChanges).values([
        {
          tenantId: tenant,
          logId: log!.id,
          fromLevel: null,
          toLevel: input.level,
          reason: "Opprettet",
          changedAt: at(input.createdOn),
        },
        ...(input.levelChanges ?? []).map((change) => ({
          tenantId: tenant,
          logId: log!.id,
          fromLevel: input.level,
          toLevel: change.to,
          reason: "Endret",
          changedAt: at(change.on),
        })),
      ]);
      logIds.push(log!.id);
      return log!;
    });
  }

  /** One goal with staff scores at evaluations [scheduled, held | null, score | null]. */
  async function goalWithEvaluations(
    logId: string,
    evaluations: [string, string | null, number | null][],
  ) {
    await database.tenant(tenantId, async (tx) => {
      const [area] = await tx
        .insert(relayLogAreas)
        .values({ tenantId, logId, title: "Område" })
        .returning();
      const [goal] = await tx
        .insert(relayLogGoals)
        .values({ tenantId, logId, areaId: area!.id, text: "Mål" })
        .returning();
      for (const [scheduled, held, score] of evaluations) {
        const [evaluation] = await tx
          .insert(relayLogEvaluations)
          .values({ tenantId, logId, scheduledOn: scheduled, heldOn: held })
          .returning();
        if (held && score !== null) {
          await tx.insert(relayLogGoalScores).values({
            tenantId,
            logId,
            evaluationId: evaluation!.id,
            goalId: goal!.id,
            scorerKind: "staff",
            score,
          });
        }
      }
    });
  }

  beforeAll(async () => {
    database = await freshDatabase(kind);
    const tenant = await makeTenant(database, "Indikatorvik kommune");
    tenantId = tenant.id;
    unit.school = await makeUnitOf(tenantId, "Indikatorvik skole", "grunnskole");
    unit.kindergarten = await makeUnitOf(tenantId, "Indikatorvik barnehage", "barnehage");
    unit.health = await makeUnitOf(tenantId, "Helsestasjonen", "helsestasjon_skolehelsetjeneste");
    unit.ppt = await makeUnitOf(tenantId, "PPT Indikatorvik", "ppt");
    unit.nav = await makeUnitOf(tenantId, "NAV Indikatorvik", "nav");
    unit.closed = await makeUnitOf(tenantId, "Nedlagt barnehage", "barnehage", false);
    teacher1 = await makeStaff(database, tenantId, { unitIds: [unit.school] });
    teacher2 = await makeStaff(database, tenantId, { unitIds: [unit.kindergarten] });
    leader1 = await makeStaff(database, tenantId, {
      roles: ["unit_leader"],
      unitIds: [unit.school],
    });
    const nurse = await makeStaff(database, tenantId, { unitIds: [unit.health] });
    const pptWorker = await makeStaff(database, tenantId, { unitIds: [unit.ppt] });
    const navWorker = await makeStaff(database, tenantId, { unitIds: [unit.nav] });
    coordinator = await makeStaff(database, tenantId, { roles: ["coordinator"] });
    sectorLeader = await makeStaff(database, tenantId, { roles: ["sector_leader"] });
    employee = await makeStaff(database, tenantId, { roles: ["employee"] });

    // (a) 5 open logs at level 2 in the school (one moved to level 3 after the period), 4 at
    // level 1 in the kindergarten, an anonymous discussion (never counted).
    const schoolLogs: (typeof relayLogs.$inferSelect)[] = [];
    for (let i = 0; i < 5; i += 1) {
      schoolLogs.push(
        await insertLog({
          holder: teacher1,
          unitId: unit.school,
          level: 2,
          createdOn: "2025-02-01",
          levelChanges: i === 0 ? [{ on: "2025-07-15", to: 3 }] : [],
        }),
      );
    }
    for (let i = 0; i < 4; i += 1) {
      await insertLog({
        holder: teacher2,
        unitId: unit.kindergarten,
        level: 1,
        createdOn: "2025-02-01",
      });
    }
    await insertLog({
      holder: teacher1,
      unitId: unit.school,
      level: 1,
      createdOn: "2025-02-01",
      kind: "anonymous",
    });
    // (e) closed in the period: one school log with goals reached, four kindergarten logs moved.
    const closedSchool = await insertLog({
      holder: teacher1,
      unitId: unit.school,
      level: 2,
      createdOn: "2024-10-01",
      closedOn: "2025-05-01",
      closeReason: "goals_reached",
    });
    for (let i = 0; i < 4; i += 1) {
      await insertLog({
        holder: teacher2,
        unitId: unit.kindergarten,
        level: 1,
        createdOn: "2024-10-01",
        closedOn: "2025-03-01",
        closeReason: "moved",
      });
    }

    // (c) and (d): each school log has a first evaluation before the period and one in it.
    const plans: [string, string | null, number | null][][] = [
      [
        ["2024-12-01", "2024-12-01", -2],
        ["2025-03-01", "2025-03-01", 1],
        ["2025-06-28", null, null],
      ],
      [
        ["2024-12-01", "2024-12-01", -1],
        ["2025-03-10", "2025-03-17", 1],
      ],
      [
        ["2024-12-01", "2024-12-01", -1],
        ["2025-04-01", "2025-04-09", 0],
      ],
      [
        ["2024-12-01", "2024-12-01", 0],
        ["2025-05-01", null, null],
      ],
      [
        ["2024-12-01", "2024-12-01", -1],
        ["2025-06-01", "2025-06-02", 2],
      ],
    ];
    for (const [index, plan] of plans.entries())
      await goalWithEvaluations(schoolLogs[index]!.id, plan);
    await goalWithEvaluations(closedSchool.id, [
      ["2024-12-01", "2024-12-01", -1],
      ["2025-04-15", "2025-04-15", 2],
    ]);
    await database.tenant(tenantId, async (tx) => {
      // A guardian's score is the family's voice, not the staff score the indicator uses.
      const [evaluation] = await tx
        .select()
        .from(relayLogEvaluations)
        .where(
          and(
            eq(relayLogEvaluations.logId, schoolLogs[0]!.id),
            eq(relayLogEvaluations.scheduledOn, "2025-03-01"),
          ),
        );
      const [goal] = await tx
        .select()
        .from(relayLogGoals)
        .where(eq(relayLogGoals.logId, schoolLogs[0]!.id));
      await tx.insert(relayLogGoalScores).values({
        tenantId,
        logId: schoolLogs[0]!.id,
        evaluationId: evaluation!.id,
        goalId: goal!.id,
        scorerKind: "guardian",
        score: -2,
      });

      // (b) worry notes decided in the period: five by the teacher in the school (2, 4, 6, 10
      // and 20 days; the last past its deadline), four by the kindergarten teacher (1 day).
      const worry = (user: Staff, created: string, days: number) => {
        const createdAt = at(created);
        const decidedAt = new Date(createdAt.getTime() + days * 86_400_000);
        const deadline = new Date(createdAt.getTime() + 14 * 86_400_000).toISOString().slice(0, 10);
        return {
          tenantId,
          userId: user.userId,
          pseudonym: WORRY_PSEUDONYM,
          note: WORRY_TEXT,
          deadline,
          decision: "close",
          decidedAt,
          createdAt,
        };
      };
      await tx.insert(worryNotes).values([
        worry(teacher1, "2025-02-01", 2),
        worry(teacher1, "2025-02-03", 4),
        worry(teacher1, "2025-02-05", 6),
        worry(teacher1, "2025-02-07", 10),
        worry(teacher1, "2025-02-09", 20),
        worry(teacher2, "2025-03-01", 1),
        worry(teacher2, "2025-03-02", 1),
        worry(teacher2, "2025-03-03", 1),
        worry(teacher2, "2025-03-04", 1),
        // Decided after the period: not counted.
        worry(teacher2, "2025-06-29", 5),
      ]);

      // (f) transitions to the kindergarten decided in the period: 4 accepted, 1 declined; a
      // cancelled one, a plain handover and a pending one are not counted.
      const handover = (state: string, isTransition: boolean, decided: string | null) => ({
        tenantId,
        logId: schoolLogs[1]!.id,
        fromUserId: teacher1.userId,
        toUserId: teacher2.userId,
        toUnitId: unit.kindergarten,
        isTransition,
        state,
        decidedAt: decided ? at(decided) : null,
        createdAt: at("2025-01-10"),
      });
      await tx
        .insert(relayLogHandovers)
        .values([
          handover("accepted", true, "2025-02-01"),
          handover("accepted", true, "2025-02-02"),
          handover("accepted", true, "2025-02-03"),
          handover("accepted", true, "2025-02-04"),
          handover("declined", true, "2025-02-05"),
          handover("cancelled", true, "2025-02-06"),
          handover("accepted", false, "2025-02-07"),
          handover("pending", true, null),
        ]);

      // (g) network attendance for the school and NAV in the period; the PPT's meeting was cancelled.
      const [network] = await tx
        .insert(btsNetworks)
        .values({ tenantId, name: "Nettverk 1" })
        .returning();
      const [held, cancelled] = await tx
        .insert(btsNetworkMeetings)
        .values([
          { tenantId, networkId: network!.id, meetsOn: "2025-03-15", status: "held" },
          { tenantId, networkId: network!.id, meetsOn: "2025-04-15", status: "cancelled" },
        ])
        .returning();
      await tx.insert(btsNetworkAttendance).values([
        {
          tenantId,
          meetingId: held!.id,
          userId: teacher1.userId,
          unitId: unit.school,
          present: true,
        },
        {
          tenantId,
          meetingId: held!.id,
          userId: navWorker.userId,
          unitId: unit.nav,
          present: true,
        },
        {
          tenantId,
          meetingId: held!.id,
          userId: teacher2.userId,
          unitId: unit.kindergarten,
          present: false,
        },
        {
          tenantId,
          meetingId: cancelled!.id,
          userId: pptWorker.userId,
          unitId: unit.ppt,
          present: true,
        },
      ]);
      // The health station used the guide's next-of-kin routine.
      await tx.insert(nextOfKinCases).values({
        tenantId,
        unitId: unit.health,
        createdBy: nurse.userId,
        parentReference: "Klient 1",
        parentSituation: "mental_illness",
        children: [
          { name: NEXT_OF_KIN_CHILD, birthYear: 2015 },
          { name: `${NEXT_OF_KIN_CHILD} 2`, birthYear: 2017 },
          { name: `${NEXT_OF_KIN_CHILD} 3`, birthYear: 2012, logId: schoolLogs[2]!.id },
        ],
        createdAt: at("2025-03-01"),
      });

      // (h) training: three of the six staff in active units attended before the period ended.
      const [early, late] = await tx
        .insert(trainingEvents)
        .values([
          {
            tenantId,
            kind: "course",
            title: "Kurs",
            startsAt: at("2025-02-01"),
            endsAt: at("2025-02-01", "15:00"),
          },
          {
            tenantId,
            kind: "course",
            title: "Kurs 2",
            startsAt: at("2025-08-01"),
            endsAt: at("2025-08-01", "15:00"),
          },
        ])
        .returning();
      await tx.insert(trainingRegistrations).values([
        { tenantId, eventId: early!.id, userId: teacher1.userId, attended: true },
        { tenantId, eventId: early!.id, userId: teacher2.userId, attended: true },
        { tenantId, eventId: early!.id, userId: nurse.userId, attended: true },
        { tenantId, eventId: early!.id, userId: leader1.userId, attended: false },
        { tenantId, eventId: late!.id, userId: pptWorker.userId, attended: true },
      ]);

      // (i) feedback: six in the period, four of them handled; one after the period.
      const feedback = (state: string, created: string) => ({
        tenantId,
        pagePath: "/veileder",
        kind: "suggestion",
        text: "Forslag",
        state,
        createdAt: at(created),
      });
      await tx
        .insert(feedbackItems)
        .values([
          feedback("ny", "2025-02-01"),
          feedback("under_vurdering", "2025-02-02"),
          feedback("tatt_inn", "2025-02-03"),
          feedback("besvart", "2025-02-04"),
          feedback("avvist", "2025-02-05"),
          feedback("besvart", "2025-02-06"),
          feedback("besvart", "2025-07-06"),
        ]);
    });

    // Another municipality: five open logs at level 3 that must never show up in the first.
    const other = await makeTenant(database, "Annenvik kommune");
    otherTenantId = other.id;
    const otherUnit = await makeUnitOf(otherTenantId, "Annenvik skole", "grunnskole");
    const otherTeacher = await makeStaff(database, otherTenantId, { unitIds: [otherUnit] });
    otherCoordinator = await makeStaff(database, otherTenantId, { roles: ["coordinator"] });
    for (let i = 0; i < 5; i += 1) {
      await insertLog({
        tenant: otherTenantId,
        holder: otherTeacher,
        unitId: otherUnit,
        level: 3,
        createdOn: "2025-02-01",
      });
    }
  });

  afterAll(async () => {
    await database?.close();
  });

  const compute = (
    scope: Partial<typeof PERIOD> & { unitIds?: string[]; serviceType?: string } = {},
    today = TODAY,
  ) =>
    database.tenant(tenantId, (tx) =>
      computeIndicators(tx, tenantId, { ...PERIOD, ...scope }, { today }),
    );

  it("counts open logs by their level at the period's end, hiding a unit with four", async () => {
    const set = await compute();
    const all = set.municipality;
    expect(all.name).toBe("Indikatorvik kommune");
    expect(value(all, "open_logs_total")).toEqual(shown(9));
    expect(findIndicator(all, "open_logs_total")!.n).toBe(9);
    // Level 2 = 5 is shown; levels 0, 1 (4) and 3 are below five and hidden.
    expect(value(all, "open_logs_level_2")).toEqual(shown(5));
    expect(value(all, "open_logs_level_1")).toEqual(hidden);
    expect(value(all, "open_logs_level_3")).toEqual(hidden);
    const school = set.byUnit.find((group) => group.id === unit.school);
    const kindergarten = set.byUnit.find((group) => group.id === unit.kindergarten);
    // The school's 5 is hidden as well: the municipality's 9 minus the school's 5 would give
    // the kindergarten's hidden 4 away. Level 2 (5 at the school, none in the kindergarten) stays.
    expect(value(school, "open_logs_total")).toEqual(hidden);
    expect(findIndicator(school!, "open_logs_total")!.n).toBeNull();
    expect(value(school, "open_logs_level_2")).toEqual(shown(5));
    expect(value(kindergarten, "open_logs_total")).toEqual(hidden);
    expect(findIndicator(kindergarten!, "open_logs_total")!.n).toBeNull();
    // At the end of July the first school log is at level 3: the school's level 2 drops to 4.
    const july = await compute({ from: "2025-07-01", to: "2025-07-31" });
    const schoolJuly = july.byUnit.find((group) => group.id === unit.school);
    expect(value(schoolJuly, "open_logs_level_2")).toEqual(hidden);
    expect(value(schoolJuly, "open_logs_total")).toEqual(hidden);
  });

  it("measures worry notes from first step to decision: median and share within 14 days", async () => {
    const set = await compute();
    // All nine: 1,1,1,1,2,4,6,10,20 days → median 2; 8 of 9 within the deadline.
    expect(value(set.municipality, "worry_decision_median_days")).toEqual(shown(2));
    expect(value(set.municipality, "worry_decided_within_deadline")).toEqual(shown(88.9));
    const school = set.byUnit.find((group) => group.id === unit.school);
    // Four notes in the kindergarten: hidden. The school's five (median 6, 4 of 5 in time) are
    // hidden with them, or the municipality's nine would give the kindergarten's four away.
    const kindergarten = set.byUnit.find((group) => group.id === unit.kindergarten);
    expect(value(kindergarten, "worry_decision_median_days")).toEqual(hidden);
    expect(value(school, "worry_decision_median_days")).toEqual(hidden);
    expect(value(school, "worry_decided_within_deadline")).toEqual(hidden);
  });

  it("counts evaluations held on time with a grace of 7 days, leaving out those not yet due", async () => {
    // Scheduled in the period: 03-01 ✓, 03-10→03-17 ✓ (7 days), 04-01→04-09 ✗ (8), 05-01 ✗,
    // 06-01→06-02 ✓, 04-15 ✓ (closed log), 06-28 not held ✗ → 4 of 7.
    const set = await compute();
    expect(value(set.municipality, "evaluations_on_time")).toEqual(shown(57.1));
    expect(findIndicator(set.municipality, "evaluations_on_time")!.n).toBe(7);
    // On 2 July the 06-28 evaluation is still inside its grace: left out → 4 of 6.
    const early = await compute({}, "2025-07-02");
    expect(value(early.municipality, "evaluations_on_time")).toEqual(shown(66.7));
  });

  it("gives the mean staff goal score at the first and latest evaluation, from five logs", async () => {
    const set = await compute();
    // Logs with two scored evaluations: first −2, −1, −1, −1, −1; latest 1, 1, 0, 2, 2.
    expect(value(set.municipality, "goal_score_first")).toEqual(shown(-1.2));
    expect(value(set.municipality, "goal_score_latest")).toEqual(shown(1.2));
    expect(value(set.municipality, "goal_score_change")).toEqual(shown(2.4));
    expect(findIndicator(set.municipality, "goal_score_first")).toMatchObject({
      n: 5,
      detail: { goals: 5 },
    });
    // Only four of those goals had their latest evaluation in April–June: hidden.
    const spring = await compute({ from: "2025-03-02", to: "2025-06-30" });
    expect(value(spring.municipality, "goal_score_first")).toEqual(hidden);
  });

  it("gives the share of logs closed with goals reached and of transitions carried on", async () => {
    const set = await compute();
    expect(value(set.municipality, "closed_goals_reached")).toEqual(shown(20));
    expect(findIndicator(set.municipality, "closed_goals_reached")!.n).toBe(5);
    expect(
      value(
        set.byUnit.find((g) => g.id === unit.kindergarten),
        "closed_goals_reached",
      ),
    ).toEqual(hidden);
    expect(value(set.municipality, "transitions_carried_on")).toEqual(shown(80));
    expect(
      value(
        set.byUnit.find((g) => g.id === unit.kindergarten),
        "transitions_carried_on",
      ),
    ).toEqual(shown(80));
  });

  it("classifies each active unit against 60-30-10", async () => {
    const set = await compute();
    const status = Object.fromEntries(set.adoption.perUnit.map((u) => [u.unitId, u]));
    expect(status[unit.school]).toMatchObject({
      usesRelayLogs: true,
      usesGuide: true,
      usesNetworks: true,
      status: "as_intended",
    });
    expect(status[unit.kindergarten]).toMatchObject({
      usesNetworks: false,
      status: "not_as_intended",
    });
    expect(status[unit.health]).toMatchObject({
      usesRelayLogs: false,
      usesGuide: true,
      status: "not_as_intended",
    });
    expect(status[unit.nav]).toMatchObject({ usesNetworks: true, status: "not_as_intended" });
    expect(status[unit.ppt]).toMatchObject({ usesNetworks: false, status: "not_in_use" });
    expect(status[unit.closed]).toBeUndefined();
    expect(set.adoption.units).toBe(5);
    expect(set.adoption.shares).toEqual({
      as_intended: shown(20),
      not_as_intended: shown(60),
      not_in_use: shown(20),
    });
    expect(set.adoption.reference).toEqual({
      as_intended: 10,
      not_as_intended: 30,
      not_in_use: 60,
    });
    // One service type with one unit: four or fewer units, hidden.
    const ppt = set.byServiceType.find((group) => group.id === "ppt");
    expect(value(ppt, "adoption_not_in_use")).toEqual(hidden);
  });

  it("gives training coverage and feedback handled for the municipality", async () => {
    const set = await compute();
    expect(value(set.municipality, "training_coverage")).toEqual(shown(50));
    expect(findIndicator(set.municipality, "training_coverage")!.n).toBe(6);
    expect(value(set.municipality, "feedback_handled")).toEqual(shown(66.7));
    expect(findIndicator(set.municipality, "feedback_handled")!.n).toBe(6);
    // Feedback has no unit: no per-unit figure.
    expect(findIndicator(set.byUnit[0]!, "feedback_handled")).toBeUndefined();
  });

  it("narrows the units and service types to the scope", async () => {
    const byType = await compute({ serviceType: "barnehage" });
    expect(byType.byServiceType.map((g) => g.id)).toEqual(["barnehage"]);
    expect(byType.byUnit.map((g) => g.id)).toEqual([unit.kindergarten]);
    expect(value(byType.byServiceType[0], "transitions_carried_on")).toEqual(shown(80));
    // The municipality group is always the whole municipality.
    expect(value(byType.municipality, "open_logs_total")).toEqual(shown(9));
    // The school's service type holds its 5 open logs; hidden, because the kindergartens' 4
    // would follow from the municipality's 9. Narrowing the scope does not undo that.
    const grunnskole = (await compute()).byServiceType.find((g) => g.id === "grunnskole");
    expect(value(grunnskole, "open_logs_total")).toEqual(hidden);
    const schoolOnly = await compute({ serviceType: "grunnskole" });
    expect(value(schoolOnly.byServiceType[0], "open_logs_total")).toEqual(hidden);
    const one = await compute({ unitIds: [unit.school] });
    expect(one.byUnit.map((g) => g.id)).toEqual([unit.school]);
    expect(one.byServiceType).toEqual([]);
  });

  it("builds a series of half-years for the focus group", async () => {
    const series = await database.tenant(tenantId, (tx) =>
      computeIndicatorSeries(
        tx,
        tenantId,
        { unitIds: [unit.school] },
        { today: TODAY, halfYears: 4 },
      ),
    );
    expect(series.focus).toMatchObject({ kind: "unit", id: unit.school });
    expect(series.points.map((p) => p.label)).toEqual(["2024-H1", "2024-H2", "2025-H1", "2025-H2"]);
    const h1 = series.points[2]!.group;
    // Level 2 has five at the school and none elsewhere: shown. The total is hidden beside the
    // kindergarten's four (see the open-log test).
    expect(value(h1, "open_logs_level_2")).toEqual(shown(5));
    expect(value(h1, "open_logs_total")).toEqual(hidden);
    // In 2024-H2 the school had one open log (the one closed in May): hidden.
    expect(value(series.points[1]!.group, "open_logs_total")).toEqual(hidden);
  });

  it("keeps each municipality's figures apart", async () => {
    const other = await database.tenant(otherTenantId, (tx) =>
      computeIndicators(tx, otherTenantId, PERIOD, { today: TODAY }),
    );
    expect(value(other.municipality, "open_logs_total")).toEqual(shown(5));
    expect(value(other.municipality, "open_logs_level_3")).toEqual(shown(5));
    expect(JSON.stringify(other)).not.toContain(unit.school);
    // The first municipality still counts nine, none at level 3.
    const mine = await compute();
    expect(value(mine.municipality, "open_logs_total")).toEqual(shown(9));
    // Reading another tenant's data through this tenant's transaction finds nothing (RLS).
    const leaked = await database.tenant(tenantId, (tx) =>
      computeIndicators(tx, otherTenantId, PERIOD, { today: TODAY }),
    );
    expect(value(leaked.municipality, "open_logs_total")).toEqual(hidden);
  });

  it("never puts a child's name, id or pseudonym in the result", async () => {
    const text = JSON.stringify(await compute());
    for (const secret of [
      CHILD_NAME,
      PSEUDONYM,
      WORRY_PSEUDONYM,
      WORRY_TEXT,
      NEXT_OF_KIN_CHILD,
      ...logIds,
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it("lets a unit leader see the municipality and their own units only, and audits the view", async () => {
    const view = await viewIndicators({
      database,
      actor: leader1,
      meta,
      scope: PERIOD,
      today: TODAY,
    });
    expect(view.allUnits).toBe(false);
    expect(view.units.map((u) => u.id)).toEqual([unit.school]);
    expect(view.set.byUnit.map((g) => g.id)).toEqual([unit.school]);
    expect(view.set.byServiceType).toEqual([]);
    expect(view.set.adoption.perUnit.map((u) => u.unitId)).toEqual([unit.school]);
    expect(value(view.set.municipality, "open_logs_total")).toEqual(shown(9));
    await expect(
      viewIndicators({
        database,
        actor: leader1,
        meta,
        scope: { ...PERIOD, unitIds: [unit.kindergarten] },
      }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      viewIndicators({ database, actor: employee, meta, scope: PERIOD }),
    ).rejects.toBeInstanceOf(AppError);
    const sector = await viewIndicators({
      database,
      actor: sectorLeader,
      meta,
      scope: PERIOD,
      today: TODAY,
    });
    expect(sector.set.byUnit).toHaveLength(5);
    const events = await database.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.tenantId, tenantId),
            eq(auditEvents.eventType, "evaluation.indicators_viewed"),
          ),
        ),
    );
    expect(events.length).toBeGreaterThanOrEqual(2);
    expect(events[0]!.details).toMatchObject({ from: PERIOD.from, to: PERIOD.to });
  });

  it("refuses a period that ends before it starts", async () => {
    await expect(compute({ from: "2025-06-30", to: "2025-01-01" })).rejects.toMatchObject({
      code: "validation",
    });
  });

  describe("population, rates and the invisible children estimate", () => {
    it("saves a band by hand, refuses an overlapping one and keeps the typed values' errors", async () => {
      await savePopulationBand({
        database,
        actor: coordinator,
        meta,
        values: { year: "2024", ageFrom: "0", ageTo: "17", count: "1 000" },
      });
      const overlap = await savePopulationBand({
        database,
        actor: coordinator,
        meta,
        values: { year: "2024", ageFrom: "5", ageTo: "5", count: "10" },
      }).catch((error: AppError) => error);
      expect(overlap).toMatchObject({
        fieldErrors: { ageFrom: "evaluation.indicators.population.errors.overlap" },
      });
      const bad = await savePopulationBand({
        database,
        actor: coordinator,
        meta,
        values: { year: "1800", ageFrom: "9", ageTo: "3", count: "-1" },
      }).catch((error: AppError) => error);
      expect(bad).toMatchObject({
        fieldErrors: {
          year: "evaluation.indicators.population.errors.year",
          count: "evaluation.indicators.population.errors.count",
        },
      });
      await expect(
        savePopulationBand({
          database,
          actor: leader1,
          meta,
          values: { year: "2024", ageFrom: "0", ageTo: "17", count: "5" },
        }),
      ).rejects.toMatchObject({ code: "forbidden" });
      const years = await listPopulation({ database, actor: leader1 });
      expect(years).toEqual([
        expect.objectContaining({ year: 2024, children: 1000, missingAges: [], source: "manual" }),
      ]);
    });

    it("imports an SSB CSV, and a file with wrong columns names them and writes nothing", async () => {
      const good = [
        '"Befolkning, etter region, kjønn, alder, statistikkvariabel og år"',
        "",
        '"region";"kjønn";"alder";"statistikkvariabel";"år";"07459: Befolkning"',
        ...Array.from({ length: 18 }, (_, age) => [
          `"9001 Indikatorvik";"1 Menn";"${age} år";"Personer";"2025";30`,
          `"9001 Indikatorvik";"2 Kvinner";"${age} år";"Personer";"2025";"${age === 17 ? ".." : "25"}"`,
        ]).flat(),
      ].join("\r\n");
      const result = await importPopulationCsv({
        database,
        actor: coordinator,
        meta,
        file: { bytes: new TextEncoder().encode(good), name: "07459.csv" },
      });
      expect(result).toMatchObject({
        ok: true,
        summary: {
          form: "long",
          years: [{ year: 2025, bands: 18, children: 18 * 55 - 25 }],
          skippedMissing: 1,
        },
      });
      const count = async () =>
        (
          await database.tenant(tenantId, (tx) =>
            tx.select().from(childPopulation).where(eq(childPopulation.tenantId, tenantId)),
          )
        ).length;
      const before = await count();
      const wrong = await importPopulationCsv({
        database,
        actor: coordinator,
        meta,
        file: {
          bytes: new TextEncoder().encode('"kommune";"aldersgruppe";"antall"\n"X";"0-17";"5"'),
          name: "feil.csv",
        },
      });
      expect(wrong).toEqual({
        ok: false,
        error: {
          reason: "columns",
          expected: ["alder", "år", "Personer <år> (bred form)"],
          found: ["kommune", "aldersgruppe", "antall"],
        },
      });
      expect(await count()).toBe(before);
      expect(await importPopulationCsv({ database, actor: coordinator, meta, file: null })).toEqual(
        {
          ok: false,
          error: { reason: "no_file" },
        },
      );
    });

    it("creates the default rates on first use and validates edits", async () => {
      const rates = await listRates({ database, actor: leader1 });
      expect(rates.map((rate) => [rate.key, rate.percent])).toEqual([
        ["parent_mental_illness", 11.7],
        ["parent_hospitalised", 1.3],
        ["parent_substance_use", 16.667],
        ["family_violence", 9],
        ["sexual_abuse", 5],
      ]);
      const first = rates[0]!;
      const edit = (percent: string, actor: Staff = coordinator) =>
        saveRate({
          database,
          actor,
          meta,
          rateId: first.id,
          values: { label: first.label, percent, source: "FHI 2011", sourceUrl: "" },
        });
      for (const bad of ["-1", "100,5", "mye"]) {
        await expect(edit(bad)).rejects.toMatchObject({
          fieldErrors: { percent: "evaluation.indicators.prevalence.errors.percent" },
        });
      }
      await expect(edit("12", leader1)).rejects.toMatchObject({ code: "forbidden" });
      await edit("12,5");
      const [saved] = await database.tenant(tenantId, (tx) =>
        tx.select().from(prevalenceRates).where(eq(prevalenceRates.id, first.id)),
      );
      expect(saved).toMatchObject({ percent: "12.500", source: "FHI 2011" });
      // The other municipality gets its own defaults, untouched by this edit.
      const others = await listRates({ database, actor: otherCoordinator });
      expect(others[0]!.percent).toBe(11.7);
    });

    it("estimates the likely number of children and places the children helped beside it", async () => {
      const estimate = await database.tenant(tenantId, (tx) =>
        invisibleChildrenEstimate(tx, tenantId),
      );
      // 2025 (imported): 18 ages × 55 minus the missing 25 = 965 children 0–17.
      expect(estimate.year).toBe(2025);
      expect(estimate.children).toBe(965);
      expect(estimate.years).toEqual([2025, 2024]);
      expect(estimate.rates.map((rate) => rate.likely)).toEqual([
        Math.round(965 * 0.125),
        Math.round(965 * 0.013),
        Math.round(965 * 0.16667),
        Math.round(965 * 0.09),
        Math.round(965 * 0.05),
      ]);
      // Logs open some time in 2025: 5 + 4 open and 1 + 4 closed in the period = 14 children;
      // two next-of-kin children without a log: hidden, and so is the count beside it.
      expect(estimate.helped).toEqual({
        year: 2025,
        logs: hidden,
        nextOfKin: hidden,
        total: shown(16),
      });
      const y2024 = await database.tenant(tenantId, (tx) =>
        invisibleChildrenEstimate(tx, tenantId, 2024),
      );
      expect(y2024.children).toBe(1000);
      expect(y2024.rates[0]!.likely).toBe(125);
      // 2024: the five logs opened in October 2024 → five children; no next-of-kin case yet.
      expect(y2024.helped.total).toEqual(shown(5));
      expect(JSON.stringify(estimate)).not.toContain(NEXT_OF_KIN_CHILD);
    });
  });

  describe("over HTTP", () => {
    let app: Awaited<ReturnType<typeof testAppWithUi>>["app"];
    let services: Awaited<ReturnType<typeof testAppWithUi>>["services"];

    beforeAll(async () => {
      ({ app, services } = await testAppWithUi(database));
    });

    it("shows the indicators page with suppression in words and no child identity", async () => {
      const headers = await browserHeaders(database, services, coordinator);
      const response = await app.request("/evaluering/indikatorer?periode=2025-H1", { headers });
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain(nb.evaluation.indicators.names.open_logs_total);
      expect(html).toContain("Skjult (færre enn 5)");
      expect(html).toContain("Indikatorvik barnehage");
      for (const secret of [
        CHILD_NAME,
        PSEUDONYM,
        WORRY_PSEUDONYM,
        WORRY_TEXT,
        NEXT_OF_KIN_CHILD,
        ...logIds,
      ]) {
        expect(html).not.toContain(secret);
      }
      const leader = await browserHeaders(database, services, leader1);
      const own = await (
        await app.request("/evaluering/indikatorer?periode=2025-H1", { headers: leader })
      ).text();
      expect(own).not.toContain("Indikatorvik barnehage");
      const forbidden = await app.request("/evaluering/indikatorer", {
        headers: await browserHeaders(database, services, employee),
      });
      expect(forbidden.status).toBe(403);
    });

    it("rejects a CSV with wrong columns with a message naming them, then imports a good one", async () => {
      const headers = await browserHeaders(database, services, coordinator);
      const post = (content: string) => {
        const form = new FormData();
        form.set("intent", "import");
        form.set("file", new File([content], "ssb.csv", { type: "text/csv" }));
        return app.request("/evaluering/usynlige-barn/befolkning", {
          method: "POST",
          headers,
          body: form,
        });
      };
      const bad = await post('"kommune";"aldersgruppe";"antall"\n"X";"0-17";"5"');
      expect(bad.status).toBe(400);
      const html = await bad.text();
      expect(html).toContain("«kommune», «aldersgruppe», «antall»");
      expect(html).toContain("«alder», «år»");
      const good = await post(
        '"region";"alder";"Personer 2023"\n"9001 Indikatorvik";"0-17 år";"2 000"',
      );
      expect(good.status).toBe(200);
      expect(await good.text()).toContain(nb.evaluation.indicators.population.import.done);
      const estimate = await (
        await app.request("/evaluering/usynlige-barn?ar=2023", { headers })
      ).text();
      const [first] = await listRates({ database, actor: coordinator });
      expect(estimate).toContain(`ca. ${Math.round((2000 * first!.percent) / 100)}`);
      expect(estimate).not.toContain(NEXT_OF_KIN_CHILD);
    });

    it("keeps the typed rate when it is refused", async () => {
      const headers = await browserHeaders(database, services, coordinator);
      const rates = await listRates({ database, actor: coordinator });
      const body = new URLSearchParams({
        rateId: rates[1]!.id,
        label: "Min egen etikett",
        percent: "150",
        source: "Min kilde",
        sourceUrl: "",
      });
      const response = await app.request("/evaluering/usynlige-barn/forekomst", {
        method: "POST",
        headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
        body,
      });
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain(nb.evaluation.indicators.prevalence.errors.percent);
      expect(html).toContain('value="150"');
      expect(html).toContain('value="Min egen etikett"');
    });
  });
});
