import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../core/access/actor.ts";
import { AppError } from "../../core/errors.ts";
import {
  cancelTrainingEvent,
  createTrainingEvent,
  evaluateTraining,
  exportTrainingRegistrations,
  getMyTrainingEvent,
  getTrainingEventAdmin,
  listMyTraining,
  listTrainingEvents,
  recordTrainingAttendance,
  registerForTraining,
  setTrainingInvitations,
  unregisterFromTraining,
  updateTrainingEvent,
} from "../../core/implementation/training.ts";
import { addDays, osloDate } from "../../core/platform/dates.ts";
import { osloLocalToUtc } from "../../core/relay-log/meeting-time.ts";
import { DEMO_MUNICIPALITY, seedDemo } from "../../db/seed-demo.ts";
import {
  auditEvents,
  coreComponents,
  notifications,
  tenants,
  trainingEvaluations,
  trainingEvents,
  trainingRegistrations,
  users,
} from "../../db/schema/index.ts";
import { nb } from "../../i18n/nb.ts";
import { browserHeaders, testAppWithUi } from "../support/app.ts";
import { databaseKinds, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { makeStaff, makeTenant, makeUnit } from "../support/fixtures.ts";

type Staff = Extract<Actor, { kind: "staff" }>;

const meta = { ip: "192.0.2.61", userAgent: "vitest", requestId: "req-training" };
const E = "implementation.training.errors";

async function failure(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the use case to fail");
}

const today = osloDate();
const inDays = (days: number) => addDays(today, days);

function eventValues(overrides: Record<string, string> = {}) {
  return {
    title: "Kurs i undringssamtalen",
    kind: "course",
    description: "Praktisk øving i å ta opp uro.",
    date: inDays(10),
    startTime: "09:00",
    endTime: "12:00",
    place: "Rådhuset, møterom Fjorden",
    capacity: "",
    registrationDeadline: "",
    componentId: "",
    ...overrides,
  };
}

/** An instant after the event of `eventValues()` on `date` has started (10:00 in Norway). */
const duringEvent = (date: string) => osloLocalToUtc(date, "10:00");

describe.each(databaseKinds)("implementation training on %s", (kind) => {
  let database: TestDatabase;
  let tenantA: string;
  let tenantB: string;
  let school: string;
  let kindergarten: string;
  let coordinator: Staff;
  let coordinatorB: Staff;
  let leader: Staff;
  let teacher: Staff;
  let teacher2: Staff;
  let preschool: Staff;
  let bothUnits: Staff;
  let admin: Staff;
  let componentId: string;

  beforeAll(async () => {
    database = await freshDatabase(kind);
    tenantA = (await makeTenant(database, "Avik kommune")).id;
    tenantB = (await makeTenant(database, "Bvik kommune")).id;
    school = (await makeUnit(database, tenantA, "Avik skole")).id;
    kindergarten = (await makeUnit(database, tenantA, "Avik barnehage")).id;
    coordinator = await makeStaff(database, tenantA, { roles: ["coordinator"] });
    coordinatorB = await makeStaff(database, tenantB, { roles: ["coordinator"] });
    leader = await makeStaff(database, tenantA, { roles: ["unit_leader"], unitIds: [school] });
    teacher = await makeStaff(database, tenantA, {
      roles: ["employee"],
      unitIds: [school],
      name: "Anne Lærer",
    });
    teacher2 = await makeStaff(database, tenantA, { roles: ["employee"], unitIds: [school] });
    preschool = await makeStaff(database, tenantA, {
      roles: ["employee"],
      unitIds: [kindergarten],
    });
    bothUnits = await makeStaff(database, tenantA, {
      roles: ["employee"],
      unitIds: [school, kindergarten],
    });
    admin = await makeStaff(database, tenantA, { roles: ["admin"], unitIds: [school] });
    const [component] = await database.tenant(tenantA, (tx) =>
      tx
        .insert(coreComponents)
        .values({ tenantId: tenantA, position: 1, title: "Undringssamtale" })
        .returning(),
    );
    componentId = component!.id;
  });
  afterAll(() => database.drop());

  const create = (values = eventValues(), actor: Staff = coordinator) =>
    createTrainingEvent({ database, actor, meta, values });
  const invite = (eventId: string, unitIds: string[], now?: Date) =>
    setTrainingInvitations({ database, actor: coordinator, meta, eventId, unitIds, now });
  const register = (actor: Staff, eventId: string, unitId?: string, now?: Date) =>
    registerForTraining({ database, actor, meta, eventId, values: { unitId }, now });

  async function auditRows(type: string, subjectId: string) {
    return database.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.eventType, type), eq(auditEvents.subjectId, subjectId))),
    );
  }

  async function registrationRows(eventId: string) {
    return database.system((tx) =>
      tx.select().from(trainingRegistrations).where(eq(trainingRegistrations.eventId, eventId)),
    );
  }

  async function notificationRows(kindOf: string, eventId: string) {
    const rows = await database.system((tx) =>
      tx.select().from(notifications).where(eq(notifications.kind, kindOf)),
    );
    return rows.filter((row) => row.dedupeKey.includes(`|${eventId}|`));
  }

  it("lets the coordinator create an event, audited; refuses those without implementation.manage", async () => {
    const event = await create(eventValues({ componentId, capacity: "30" }));
    expect(event).toMatchObject({
      title: "Kurs i undringssamtalen",
      kind: "course",
      date: inDays(10),
      startTime: "09:00",
      endTime: "12:00",
      capacity: 30,
      registrationDeadline: null,
      componentId,
      componentTitle: "Undringssamtale",
      registeredCount: 0,
      cancelled: false,
    });
    const [row] = await database.system((tx) =>
      tx.select().from(trainingEvents).where(eq(trainingEvents.id, event.id)),
    );
    expect(row!.startsAt.toISOString()).toBe(osloLocalToUtc(inDays(10), "09:00").toISOString());
    const [audit] = await auditRows("training.event_saved", event.id);
    expect(audit?.actor).toMatchObject({ kind: "staff", id: coordinator.userId });
    expect(audit?.details).toEqual({ created: true, kind: "course" });

    for (const actor of [teacher, leader, admin]) {
      expect((await failure(create(eventValues(), actor))).code).toBe("forbidden");
    }
    // The unit leader reads the admin pages (implementation.view) but does not write.
    const listed = await listTrainingEvents({ database, actor: leader });
    expect(listed.upcoming.map((e) => e.id)).toContain(event.id);
    expect(listed.canManage).toBe(false);
    expect(
      (
        await failure(
          setTrainingInvitations({ database, actor: leader, meta, eventId: event.id, unitIds: [] }),
        )
      ).code,
    ).toBe("forbidden");
    // An employee has no implementation.view; the administrator not even competence.use.
    expect((await failure(listTrainingEvents({ database, actor: teacher }))).code).toBe(
      "forbidden",
    );
    expect((await failure(listMyTraining({ database, actor: admin }))).code).toBe("forbidden");
    expect(
      (await failure(getMyTrainingEvent({ database, actor: admin, eventId: event.id }))).code,
    ).toBe("forbidden");
  });

  it("refuses bad input with field messages: a deadline after the event, times, capacity, component", async () => {
    const error = await failure(
      create(
        eventValues({
          title: " ",
          place: "",
          kind: "fest",
          startTime: "14:00",
          endTime: "13:00",
          capacity: "0",
          registrationDeadline: inDays(11),
          componentId: "ikke-en-id",
        }),
      ),
    );
    expect(error.code).toBe("validation");
    expect(error.fieldErrors).toEqual({
      title: `${E}.title`,
      place: `${E}.place`,
      kind: `${E}.kind`,
      endTime: `${E}.endBeforeStart`,
      capacity: `${E}.capacity`,
      registrationDeadline: `${E}.deadlineAfterEvent`,
      componentId: `${E}.component`,
    });
    const dates = await failure(
      create(eventValues({ date: "2026-02-30", startTime: "9", capacity: "tolv" })),
    );
    expect(dates.fieldErrors).toMatchObject({
      date: `${E}.date`,
      startTime: `${E}.time`,
      capacity: `${E}.capacity`,
    });
    // The deadline may be the day of the event itself.
    const sameDay = await create(eventValues({ registrationDeadline: inDays(10) }));
    expect(sameDay.registrationDeadline).toBe(inDays(10));
    // A core component of another municipality is not one to choose.
    const [foreign] = await database.tenant(tenantB, (tx) =>
      tx
        .insert(coreComponents)
        .values({ tenantId: tenantB, position: 1, title: "Samhandling" })
        .returning(),
    );
    const otherTenant = await failure(create(eventValues({ componentId: foreign!.id })));
    expect(otherTenant.fieldErrors).toEqual({ componentId: `${E}.component` });
  });

  it("hides an event from another municipality and from staff whose unit is not invited", async () => {
    const event = await create();
    for (const work of [
      () => getTrainingEventAdmin({ database, actor: coordinatorB, eventId: event.id }),
      () => getMyTrainingEvent({ database, actor: coordinatorB, eventId: event.id }),
      () =>
        updateTrainingEvent({
          database,
          actor: coordinatorB,
          meta,
          eventId: event.id,
          values: eventValues(),
        }),
      () =>
        setTrainingInvitations({
          database,
          actor: coordinatorB,
          meta,
          eventId: event.id,
          unitIds: [],
        }),
      () => cancelTrainingEvent({ database, actor: coordinatorB, meta, eventId: event.id }),
      () => register(coordinatorB, event.id),
      () => getTrainingEventAdmin({ database, actor: coordinator, eventId: "ikke-en-id" }),
    ]) {
      expect((await failure(work())).code).toBe("not_found");
    }
    // Not invited yet: staff neither see nor find it; the coordinator may look at it.
    expect(
      (await listMyTraining({ database, actor: teacher })).upcoming.map((e) => e.id),
    ).not.toContain(event.id);
    expect(
      (await failure(getMyTrainingEvent({ database, actor: teacher, eventId: event.id }))).code,
    ).toBe("not_found");
    expect((await failure(register(teacher, event.id))).code).toBe("not_found");
    const preview = await getMyTrainingEvent({ database, actor: coordinator, eventId: event.id });
    expect(preview.invited).toBe(false);
    expect((await failure(register(coordinator, event.id))).messageKey).toBe(`${E}.notInvited`);
  });

  it("invites units and notifies their active staff once each, never the administrator", async () => {
    const event = await create();
    const first = await invite(event.id, [school]);
    expect(first).toEqual({ added: 1, removed: 0, notified: 4 });
    const invited = await notificationRows("training_invitation", event.id);
    expect(invited.map((row) => row.userId).sort()).toEqual(
      [leader.userId, teacher.userId, teacher2.userId, bothUnits.userId].sort(),
    );
    for (const row of invited) {
      expect(row).toMatchObject({
        link: `/opplaering/${event.id}`,
        logId: null,
        tenantId: tenantA,
      });
      expect(row.dedupeKey).toBe(`training_invitation|${event.id}|${inDays(10)}|${row.userId}`);
    }
    // Adding the kindergarten tells its staff; bothUnits, already told, is not told twice.
    const second = await invite(event.id, [school, kindergarten]);
    expect(second).toEqual({ added: 1, removed: 0, notified: 1 });
    const after = await notificationRows("training_invitation", event.id);
    expect(after).toHaveLength(5);
    expect(after.filter((row) => row.userId === bothUnits.userId)).toHaveLength(1);
    expect(after.some((row) => row.userId === admin.userId)).toBe(false);
    // Removing a unit tells no one; its staff no longer see the event.
    const third = await invite(event.id, [school]);
    expect(third).toEqual({ added: 0, removed: 1, notified: 0 });
    expect(
      (await failure(getMyTrainingEvent({ database, actor: preschool, eventId: event.id }))).code,
    ).toBe("not_found");
    const audits = await auditRows("training.invited", event.id);
    expect(audits).toHaveLength(3);
    expect(audits.map((a) => a.details)).toContainEqual({
      addedUnitIds: [kindergarten],
      removedUnitIds: [],
      notified: 1,
    });
    // A unit of another municipality (or no id at all) is refused.
    const otherUnit = (await makeUnit(database, tenantB, "Bvik skole")).id;
    expect((await failure(invite(event.id, [otherUnit]))).fieldErrors).toEqual({
      unitIds: `${E}.unit`,
    });
    // "Alle enheter" invites every active unit.
    const all = await setTrainingInvitations({
      database,
      actor: coordinator,
      meta,
      eventId: event.id,
      unitIds: [],
      all: true,
    });
    expect(all.added).toBe(1);
    const page = await getTrainingEventAdmin({ database, actor: coordinator, eventId: event.id });
    expect(page.invitedUnitIds.sort()).toEqual([school, kindergarten].sort());
  });

  it("registers once: a repeated post gets the conflict message, and two posts at once leave one row", async () => {
    const event = await create();
    await invite(event.id, [school, kindergarten]);
    const { registrationId } = await register(teacher, event.id);
    const rows = await registrationRows(event.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: registrationId,
      userId: teacher.userId,
      unitId: school,
      registeredBy: teacher.userId,
      attended: null,
      evaluatedAt: null,
    });
    const again = await failure(register(teacher, event.id));
    expect(again.code).toBe("conflict");
    expect(again.messageKey).toBe(`${E}.alreadyRegistered`);
    expect(nb.implementation.training.errors.alreadyRegistered).toContain("Du er allerede påmeldt");

    // The same form posted twice at the same moment.
    const results = await Promise.allSettled([
      register(teacher2, event.id),
      register(teacher2, event.id),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(AppError);
    expect((rejected.reason as AppError).messageKey).toBe(`${E}.alreadyRegistered`);
    expect(
      (await registrationRows(event.id)).filter((row) => row.userId === teacher2.userId),
    ).toHaveLength(1);

    // Someone in two invited units chooses which one.
    expect((await failure(register(bothUnits, event.id))).fieldErrors).toEqual({
      unitId: `${E}.unitRequired`,
    });
    await register(bothUnits, event.id, kindergarten);
    const chosen = (await registrationRows(event.id)).find((r) => r.userId === bothUnits.userId);
    expect(chosen?.unitId).toBe(kindergarten);

    const audits = await auditRows("training.registered", event.id);
    expect(audits).toHaveLength(3);
    expect(Object.keys(audits[0]!.details as object).sort()).toEqual(["registrationId", "unitId"]);

    const mine = await listMyTraining({ database, actor: teacher });
    expect(mine.upcoming.find((e) => e.id === event.id)).toMatchObject({
      state: "registered",
      registered: true,
      registeredCount: 3,
    });
    // Registering reads the invitation notice.
    const [notice] = (await notificationRows("training_invitation", event.id)).filter(
      (row) => row.userId === teacher.userId,
    );
    expect(notice?.readAt).not.toBeNull();
  });

  it("refuses a full event, a passed deadline, a started or cancelled event", async () => {
    const full = await create(eventValues({ capacity: "1" }));
    await invite(full.id, [school]);
    await register(teacher, full.id);
    const refused = await failure(register(teacher2, full.id));
    expect(refused.code).toBe("conflict");
    expect(refused.messageKey).toBe(`${E}.full`);
    expect(nb.implementation.training.errors.full).toContain("Kurset er fullt");
    expect(await registrationRows(full.id)).toHaveLength(1);
    expect(
      (await getMyTrainingEvent({ database, actor: teacher2, eventId: full.id })).me.state,
    ).toBe("full");
    // Editing keeps a capacity equal to those registered.
    const stillOne = await updateTrainingEvent({
      database,
      actor: coordinator,
      meta,
      eventId: full.id,
      values: eventValues({ capacity: "1", title: "Nytt navn" }),
    });
    expect(stillOne.title).toBe("Nytt navn");

    const late = await create(eventValues({ registrationDeadline: inDays(-1) }));
    await invite(late.id, [school]);
    expect((await failure(register(teacher, late.id))).messageKey).toBe(`${E}.deadlinePassed`);
    // The deadline day itself still counts.
    const lastDay = await create(eventValues({ registrationDeadline: today }));
    await invite(lastDay.id, [school]);
    await register(teacher, lastDay.id);

    const soon = await create();
    await invite(soon.id, [school]);
    expect(
      (await failure(register(teacher, soon.id, undefined, duringEvent(inDays(10))))).messageKey,
    ).toBe(`${E}.started`);

    await cancelTrainingEvent({ database, actor: coordinator, meta, eventId: soon.id });
    expect((await failure(register(teacher, soon.id))).messageKey).toBe(`${E}.cancelled`);
    expect(
      (await failure(cancelTrainingEvent({ database, actor: coordinator, meta, eventId: soon.id })))
        .messageKey,
    ).toBe(`${E}.cancelled`);
    expect(
      (
        await failure(
          updateTrainingEvent({
            database,
            actor: coordinator,
            meta,
            eventId: soon.id,
            values: eventValues(),
          }),
        )
      ).messageKey,
    ).toBe(`${E}.cancelled`);
    expect(await auditRows("training.event_cancelled", soon.id)).toHaveLength(1);
  });

  it("capacity below the registered count is refused on edit", async () => {
    const event = await create(eventValues({ capacity: "5" }));
    await invite(event.id, [school]);
    await register(teacher, event.id);
    await register(teacher2, event.id);
    const error = await failure(
      updateTrainingEvent({
        database,
        actor: coordinator,
        meta,
        eventId: event.id,
        values: eventValues({ capacity: "1" }),
      }),
    );
    expect(error.code).toBe("validation");
    expect(error.fieldErrors).toEqual({ capacity: `${E}.capacityBelowRegistered` });
  });

  it("lets a person unregister before the start only", async () => {
    const event = await create();
    await invite(event.id, [school]);
    await register(teacher, event.id);
    expect(
      (
        await failure(
          unregisterFromTraining({
            database,
            actor: teacher,
            meta,
            eventId: event.id,
            now: duringEvent(inDays(10)),
          }),
        )
      ).messageKey,
    ).toBe(`${E}.unregisterStarted`);
    await unregisterFromTraining({ database, actor: teacher, meta, eventId: event.id });
    expect(await registrationRows(event.id)).toHaveLength(0);
    expect(await auditRows("training.unregistered", event.id)).toHaveLength(1);
    expect(
      (await failure(unregisterFromTraining({ database, actor: teacher, meta, eventId: event.id })))
        .messageKey,
    ).toBe(`${E}.notRegistered`);
  });

  it("records attendance only after the start, and asks those present to evaluate, once each", async () => {
    const event = await create();
    await invite(event.id, [school]);
    await register(teacher, event.id);
    await register(teacher2, event.id);
    const rows = await registrationRows(event.id);
    const byUser = new Map(rows.map((row) => [row.userId, row.id]));
    const attendance = [
      { registrationId: byUser.get(teacher.userId)!, present: true },
      { registrationId: byUser.get(teacher2.userId)!, present: false },
    ];
    const early = await failure(
      recordTrainingAttendance({
        database,
        actor: coordinator,
        meta,
        eventId: event.id,
        attendance,
      }),
    );
    expect(early.code).toBe("conflict");
    expect(early.messageKey).toBe(`${E}.attendanceBeforeStart`);
    expect(nb.implementation.training.errors.attendanceBeforeStart).toMatch(/startet/);
    expect(
      (
        await failure(
          recordTrainingAttendance({
            database,
            actor: teacher,
            meta,
            eventId: event.id,
            attendance,
            now: duringEvent(inDays(10)),
          }),
        )
      ).code,
    ).toBe("forbidden");

    const now = duringEvent(inDays(10));
    const result = await recordTrainingAttendance({
      database,
      actor: coordinator,
      meta,
      eventId: event.id,
      attendance,
      now,
    });
    expect(result).toEqual({ recorded: 2, notified: 1 });
    const again = await recordTrainingAttendance({
      database,
      actor: coordinator,
      meta,
      eventId: event.id,
      attendance,
      now,
    });
    expect(again).toEqual({ recorded: 0, notified: 0 });
    const asked = await notificationRows("training_evaluation", event.id);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({
      userId: teacher.userId,
      link: `/opplaering/${event.id}`,
      dedupeKey: `training_evaluation|${event.id}|${inDays(10)}|${teacher.userId}`,
    });
    const stored = await registrationRows(event.id);
    expect(stored.find((r) => r.userId === teacher.userId)?.attended).toBe(true);
    expect(stored.find((r) => r.userId === teacher2.userId)?.attended).toBe(false);
    const audits = await auditRows("training.attendance_recorded", event.id);
    expect(audits[0]?.details).toEqual({ changed: 2, present: 1, absent: 1, notified: 1 });
    // A registration of another event is refused.
    const other = await create();
    expect(
      (
        await failure(
          recordTrainingAttendance({
            database,
            actor: coordinator,
            meta,
            eventId: other.id,
            attendance,
            now,
          }),
        )
      ).fieldErrors,
    ).toEqual({ attendance: `${E}.registrationUnknown` });
  });

  it("takes the evaluation once, anonymously, from those who attended", async () => {
    const event = await create();
    await invite(event.id, [school]);
    await register(teacher, event.id);
    await register(teacher2, event.id);
    const answer = { overall: "4", usefulness: "5", bestPart: "Casene", improve: "Mer tid" };
    const evaluate = (actor: Staff, values: Record<string, string> = answer) =>
      evaluateTraining({ database, actor, meta, eventId: event.id, values });
    // Not yet marked present.
    expect((await failure(evaluate(teacher))).messageKey).toBe(`${E}.notAttended`);
    const rows = await registrationRows(event.id);
    const id = (user: Staff) => rows.find((r) => r.userId === user.userId)!.id;
    await recordTrainingAttendance({
      database,
      actor: coordinator,
      meta,
      eventId: event.id,
      attendance: [
        { registrationId: id(teacher), present: true },
        { registrationId: id(teacher2), present: false },
      ],
      now: duringEvent(inDays(10)),
    });
    expect((await failure(evaluate(teacher2))).messageKey).toBe(`${E}.notAttended`);
    expect((await failure(evaluate(preschool))).code).toBe("not_found");
    const bad = await failure(evaluate(teacher, { overall: "6", usefulness: "" }));
    expect(bad.fieldErrors).toEqual({ overall: `${E}.score`, usefulness: `${E}.score` });

    await evaluate(teacher);
    const evaluations = await database.system((tx) =>
      tx.select().from(trainingEvaluations).where(eq(trainingEvaluations.eventId, event.id)),
    );
    expect(evaluations).toHaveLength(1);
    expect(evaluations[0]).toMatchObject({
      overall: 4,
      usefulness: 5,
      bestPart: "Casene",
      improve: "Mer tid",
    });
    // Nothing in the answer points to the person: no user column, and the time is the day only.
    const columns = Object.keys(evaluations[0]!);
    expect(columns.sort()).toEqual(
      [
        "bestPart",
        "createdAt",
        "eventId",
        "id",
        "improve",
        "overall",
        "tenantId",
        "usefulness",
      ].sort(),
    );
    expect(JSON.stringify(evaluations[0])).not.toContain(teacher.userId);
    const created = evaluations[0]!.createdAt;
    expect([
      created.getUTCMinutes(),
      created.getUTCSeconds(),
      created.getUTCMilliseconds(),
    ]).toEqual([0, 0, 0]);
    const marked = (await registrationRows(event.id)).find((r) => r.userId === teacher.userId);
    expect(marked?.evaluatedAt).toBeInstanceOf(Date);
    expect(marked!.evaluatedAt!.getTime()).not.toBe(created.getTime());

    const twice = await failure(evaluate(teacher));
    expect(twice.code).toBe("conflict");
    expect(twice.messageKey).toBe(`${E}.alreadyEvaluated`);
    expect(
      await database.system((tx) =>
        tx.select().from(trainingEvaluations).where(eq(trainingEvaluations.eventId, event.id)),
      ),
    ).toHaveLength(1);
    const [audit] = await auditRows("training.evaluated", event.id);
    expect(audit?.actor).toMatchObject({ id: teacher.userId });
    expect(JSON.stringify(audit?.details ?? {})).not.toMatch(/Casene|Mer tid/);
    const page = await getMyTrainingEvent({ database, actor: teacher, eventId: event.id });
    expect(page.evaluated).toBe(true);
    expect(page.me.mayEvaluate).toBe(false);
  });

  it("shows results only from five answers: suppressed at four, hand-computed averages at five", async () => {
    const people = [teacher, teacher2, leader, bothUnits];
    const fifth = await makeStaff(database, tenantA, { roles: ["employee"], unitIds: [school] });
    people.push(fifth);
    const event = await create();
    await invite(event.id, [school]);
    for (const person of people) await register(person, event.id, school);
    const rows = await registrationRows(event.id);
    await recordTrainingAttendance({
      database,
      actor: coordinator,
      meta,
      eventId: event.id,
      attendance: rows.map((row) => ({ registrationId: row.id, present: true })),
      now: duringEvent(inDays(10)),
    });
    const scores = [
      [5, 4],
      [4, 4],
      [4, 5],
      [3, 2],
      [5, 3],
    ];
    for (const [index, person] of people.slice(0, 4).entries()) {
      await evaluateTraining({
        database,
        actor: person,
        meta,
        eventId: event.id,
        values: {
          overall: String(scores[index]![0]),
          usefulness: String(scores[index]![1]),
          bestPart: index === 0 ? "Gruppearbeidet" : "",
          improve: index === 1 ? "Bedre lyd" : "",
        },
      });
    }
    const four = await getTrainingEventAdmin({ database, actor: coordinator, eventId: event.id });
    expect(four.results).toEqual({ shown: false, answers: 4 });
    expect(nb.implementation.training.admin.resultsHidden).toBe(
      "Resultatene vises når minst {{min}} har svart.",
    );
    await evaluateTraining({
      database,
      actor: fifth,
      meta,
      eventId: event.id,
      values: { overall: "5", usefulness: "3" },
    });
    const five = await getTrainingEventAdmin({ database, actor: leader, eventId: event.id });
    // (5+4+4+3+5)/5 = 4.2 and (4+4+5+2+3)/5 = 3.6
    expect(five.results).toEqual({
      shown: true,
      answers: 5,
      overall: 4.2,
      usefulness: 3.6,
      bestParts: ["Gruppearbeidet"],
      improvements: ["Bedre lyd"],
    });
  });

  it("exports registrations and attendance as CSV, safe for spreadsheets", async () => {
    const event = await create();
    await invite(event.id, [school]);
    const tricky = await makeStaff(database, tenantA, {
      roles: ["employee"],
      unitIds: [school],
      name: '=Ola; "Nordmann"',
    });
    await register(tricky, event.id);
    await register(teacher, event.id);
    const file = await exportTrainingRegistrations({
      database,
      actor: leader,
      meta,
      eventId: event.id,
      texts: {
        headers: ["Navn", "Enhet", "Påmeldt", "Oppmøte"],
        present: "Møtt",
        absent: "Ikke møtt",
        unknown: "Ikke registrert",
        formatDateTime: () => "i dag",
      },
    });
    expect(file.filename).toBe(`pameldte-${inDays(10)}.csv`);
    const lines = file.content
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toBe("Navn;Enhet;Påmeldt;Oppmøte");
    expect(lines).toContain(`"'=Ola; ""Nordmann""";Avik skole;i dag;Ikke registrert`);
    expect(lines).toContain("Anne Lærer;Avik skole;i dag;Ikke registrert");
    const exported = await database.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.eventType, "training.registrations_exported"),
            eq(auditEvents.subjectId, event.id),
          ),
        ),
    );
    expect(exported.map((row) => row.details)).toEqual([{ count: 2 }]);
    expect(
      (
        await failure(
          exportTrainingRegistrations({
            database,
            actor: teacher,
            meta,
            eventId: event.id,
            texts: {
              headers: ["", "", "", ""],
              present: "",
              absent: "",
              unknown: "",
              formatDateTime: () => "",
            },
          }),
        )
      ).code,
    ).toBe("forbidden");
  });

  it("lists the staff member's upcoming events and the past ones to evaluate", async () => {
    const past = await create(eventValues({ date: inDays(2), title: "Tidligere kurs" }));
    await invite(past.id, [kindergarten]);
    await register(preschool, past.id);
    const [registration] = await registrationRows(past.id);
    await recordTrainingAttendance({
      database,
      actor: coordinator,
      meta,
      eventId: past.id,
      attendance: [{ registrationId: registration!.id, present: true }],
      now: duringEvent(inDays(2)),
    });
    const later = osloLocalToUtc(inDays(3), "08:00");
    const mine = await listMyTraining({ database, actor: preschool, now: later });
    expect(mine.past.map((e) => e.id)).toContain(past.id);
    expect(mine.past.find((e) => e.id === past.id)).toMatchObject({
      state: "over",
      mayEvaluate: true,
      attended: true,
    });
    expect(mine.upcoming.map((e) => e.id)).not.toContain(past.id);
  });

  describe("over HTTP", () => {
    let app: Awaited<ReturnType<typeof testAppWithUi>>["app"];
    let services: Awaited<ReturnType<typeof testAppWithUi>>["services"];

    beforeAll(async () => {
      ({ app, services } = await testAppWithUi(database));
    });

    it("refuses a second registration posted by the browser with the conflict message, not a 500", async () => {
      const event = await create(eventValues({ title: "Kurs over HTTP" }));
      await invite(event.id, [school]);
      const headers = await browserHeaders(database, services, teacher2);
      const page = await app.request(`/opplaering/${event.id}`, { headers });
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain("Kurs over HTTP");
      expect(html).toContain(nb.implementation.training.staff.register);
      const post = () =>
        app.request(`/opplaering/${event.id}`, {
          method: "POST",
          headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ intent: "register" }).toString(),
        });
      const first = await post();
      expect(first.status).toBe(302);
      expect(first.headers.get("location")).toContain(
        "melding=implementation.training.staff.registered",
      );
      const second = await post();
      expect(second.status).toBe(409);
      expect(await second.text()).toContain("Du er allerede påmeldt");
      expect(
        (await registrationRows(event.id)).filter((r) => r.userId === teacher2.userId),
      ).toHaveLength(1);

      // The coordinator's pages and the CSV; the employee gets 403 there.
      const coordinatorHeaders = await browserHeaders(database, services, coordinator);
      const adminPage = await app.request(`/implementering/opplaering/${event.id}`, {
        headers: coordinatorHeaders,
      });
      expect(adminPage.status).toBe(200);
      expect(await adminPage.text()).toContain(
        nb.implementation.training.admin.registrationsHeading,
      );
      const csv = await app.request(`/implementering/opplaering/${event.id}/pameldte.csv`, {
        headers: coordinatorHeaders,
      });
      expect(csv.status).toBe(200);
      expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(csv.headers.get("content-disposition")).toMatch(/^attachment; filename="pameldte-/);
      expect(
        (await app.request(`/implementering/opplaering/${event.id}`, { headers })).status,
      ).toBe(403);
      expect(
        (await app.request(`/implementering/opplaering/${event.id}/pameldte.csv`, { headers }))
          .status,
      ).toBe(403);
      const adminHeaders = await browserHeaders(database, services, admin);
      expect((await app.request("/opplaering", { headers: adminHeaders })).status).toBe(403);
    });

    it("keeps what was typed when the deadline is after the event", async () => {
      const headers = await browserHeaders(database, services, coordinator);
      const response = await app.request("/implementering/opplaering/ny", {
        method: "POST",
        headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          ...eventValues({ title: "Seminar med feil frist", registrationDeadline: inDays(12) }),
          section: "event",
        }).toString(),
      });
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain(nb.implementation.training.errors.deadlineAfterEvent);
      expect(html).toContain('value="Seminar med feil frist"');
      expect(html).toContain(`value="${inDays(12)}"`);
    });
  });
});

describe.each(databaseKinds)("the training demo data on %s", (kind) => {
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
  }, 120_000);
  afterAll(() => database.drop());

  async function staff(email: string): Promise<Staff> {
    const { loadStaffActor } = await import("../../core/auth/sessions.ts");
    const [user] = await database.system((tx) =>
      tx.select({ id: users.id }).from(users).where(eq(users.email, email)),
    );
    return (await database.system((tx) => loadStaffActor(tx, user!.id))) as Staff;
  }

  it("has a past kick-off with shown results, and upcoming events open for registration", async () => {
    const coordinator = await staff("koordinator@fjordvik.example");
    const list = await listTrainingEvents({ database, actor: coordinator });
    expect(list.past.map((e) => e.kind)).toContain("kickoff");
    expect(list.upcoming.map((e) => e.kind).sort()).toEqual(["course", "planning_day", "seminar"]);
    const kickoff = list.past.find((e) => e.kind === "kickoff")!;
    const page = await getTrainingEventAdmin({ database, actor: coordinator, eventId: kickoff.id });
    expect(page.results.shown).toBe(true);
    expect(page.results.answers).toBeGreaterThanOrEqual(5);
    expect(page.registrations.map((r) => r.name)).toEqual(
      expect.arrayContaining(["Bjørn Bakken", "Emma Eksempel"]),
    );

    const employee = await staff("ansatt@fjordvik.example");
    const mine = await listMyTraining({ database, actor: employee });
    expect(mine.past.find((e) => e.kind === "kickoff")).toMatchObject({ mayEvaluate: true });
    const seminar = mine.upcoming.find((e) => e.kind === "seminar");
    expect(seminar?.state).toBe("open");
    expect(mine.upcoming.find((e) => e.kind === "course")?.state).toBe("open");
    const evaluationNotices = await database.tenant(tenantId, (tx) =>
      tx
        .select()
        .from(notifications)
        .where(
          and(
            eq(notifications.userId, employee.userId),
            eq(notifications.kind, "training_evaluation"),
          ),
        ),
    );
    expect(evaluationNotices).toHaveLength(1);
  });
});
