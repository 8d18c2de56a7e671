import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../core/access/actor.ts";
import { loadStaffActor } from "../../core/auth/sessions.ts";
import { AppError } from "../../core/errors.ts";
import {
  completeOnboardingStep,
  DEFAULT_ONBOARDING_STEPS,
  getMyOnboardings,
  getOnboarding,
  listChecklistSteps,
  listUnitOnboarding,
  moveChecklistStep,
  saveChecklistStep,
  setChecklistStepActive,
  startOnboarding,
  undoOnboardingStep,
} from "../../core/implementation/onboarding.ts";
import { createOnboardingReminders } from "../../core/implementation/onboarding-reminders.ts";
import { appointBtsContact, removeBtsContact } from "../../core/implementation/units.ts";
import { addDays, osloDate } from "../../core/platform/dates.ts";
import { auditEvents, notifications, onboardings, onboardingSteps } from "../../db/schema/index.ts";
import { browserHeaders, testAppWithUi } from "../support/app.ts";
import { databaseKinds, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { makeStaff, makeTenant, makeUnit } from "../support/fixtures.ts";

type Staff = Extract<Actor, { kind: "staff" }>;

const meta = { ip: "192.0.2.61", userAgent: "vitest", requestId: "req-impl-onboarding" };

async function failure(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the use case to fail");
}

describe.each(databaseKinds)("onboarding of new employees on %s", (kind) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof testAppWithUi>>["app"];
  let services: Awaited<ReturnType<typeof testAppWithUi>>["services"];
  let tenantA: string;
  let tenantB: string;
  let school: string;
  let kinder: string;
  let coordinator: Staff;
  let sectorLeader: Staff;
  let leader: Staff;
  let kinderLeader: Staff;
  let contact: Staff;
  let newcomer: Staff;
  let second: Staff;
  let kid: Staff;
  let coordinatorB: Staff;
  const today = osloDate();

  const reload = (actor: Staff) =>
    database.system(async (tx) => (await loadStaffActor(tx, actor.userId)) as Staff);

  beforeAll(async () => {
    database = await freshDatabase(kind);
    ({ app, services } = await testAppWithUi(database));
    tenantA = (await makeTenant(database, "Avik kommune")).id;
    tenantB = (await makeTenant(database, "Bvik kommune")).id;
    school = (await makeUnit(database, tenantA, "Avik skole")).id;
    kinder = (await makeUnit(database, tenantA, "Avik oppvekstsenter")).id;
    coordinator = await makeStaff(database, tenantA, { roles: ["coordinator"] });
    sectorLeader = await makeStaff(database, tenantA, { roles: ["sector_leader"] });
    leader = await makeStaff(database, tenantA, { roles: ["unit_leader"], unitIds: [school] });
    kinderLeader = await makeStaff(database, tenantA, {
      roles: ["unit_leader"],
      unitIds: [kinder],
      name: "Olga Oppvekst",
    });
    contact = await makeStaff(database, tenantA, { unitIds: [school], name: "Bea Kontakt" });
    newcomer = await makeStaff(database, tenantA, { unitIds: [school], name: "Nils Ny" });
    second = await makeStaff(database, tenantA, { unitIds: [school], name: "Siv Ny" });
    kid = await makeStaff(database, tenantA, { unitIds: [kinder], name: "Kim Oppvekst" });
    coordinatorB = await makeStaff(database, tenantB, { roles: ["coordinator"] });
    await appointBtsContact({
      database,
      actor: leader,
      meta,
      unitId: school,
      values: { userId: contact.userId },
    });
    contact = await reload(contact);
  }, 120_000);
  afterAll(() => database?.drop());

  it("gives a municipality without a checklist the five default steps on first use", async () => {
    const count = () =>
      database.system((tx) =>
        tx.select().from(onboardingSteps).where(eq(onboardingSteps.tenantId, tenantA)),
      );
    expect(await count()).toHaveLength(0);
    const steps = await listChecklistSteps({ database, actor: contact });
    expect(steps.map((step) => step.title)).toEqual(
      DEFAULT_ONBOARDING_STEPS.map((step) => step.title),
    );
    expect(steps.every((step) => step.active)).toBe(true);
    await listChecklistSteps({ database, actor: coordinator });
    expect(await count()).toHaveLength(5);
    // The other municipality gets its own five on its own first use.
    expect(await listChecklistSteps({ database, actor: coordinatorB })).toHaveLength(5);
  });

  it("lists the unit's staff, not started, for those who see the unit", async () => {
    const list = await listUnitOnboarding({ database, actor: contact, today });
    expect(list.unit?.id).toBe(school);
    expect(list.units.map((unit) => unit.id)).toEqual([school]);
    expect(list.mayFollowUp).toBe(true);
    expect(list.rows.every((row) => row.state === "not_started")).toBe(true);
    expect(list.totalSteps).toBe(5);
    const viewer = await listUnitOnboarding({ database, actor: sectorLeader, unitId: school });
    expect(viewer.mayFollowUp).toBe(false);
    const hidden = await failure(
      listUnitOnboarding({ database, actor: contact, unitId: kinder, today }),
    );
    expect(hidden.code).toBe("not_found");
    const foreign = await failure(
      listUnitOnboarding({ database, actor: coordinatorB, unitId: school }),
    );
    expect(foreign.code).toBe("not_found");
  });

  it("starts an onboarding: due 30 days after the start unless given, validated", async () => {
    const start = (actor: Staff, values: Record<string, string>, unitId = school) =>
      startOnboarding({ database, actor, meta, unitId, values });

    const none = await failure(start(contact, { userId: "", startedOn: today, dueOn: "" }));
    expect(none.fieldErrors).toEqual({
      userId: "implementation.units.onboarding.errors.chooseEmployee",
    });
    const order = await failure(
      start(contact, {
        userId: newcomer.userId,
        startedOn: today,
        dueOn: addDays(today, -1),
      }),
    );
    expect(order.fieldErrors).toEqual({
      dueOn: "implementation.units.onboarding.errors.dueBeforeStart",
    });
    const outsider = await failure(
      start(contact, { userId: kid.userId, startedOn: today, dueOn: "" }),
    );
    expect(outsider.fieldErrors).toEqual({
      userId: "implementation.units.onboarding.errors.notUnitStaff",
    });
    expect(
      (await failure(start(sectorLeader, { userId: newcomer.userId, startedOn: today, dueOn: "" })))
        .code,
    ).toBe("forbidden");
    expect(
      (await failure(start(newcomer, { userId: second.userId, startedOn: today, dueOn: "" }))).code,
    ).toBe("forbidden");
    expect(
      (await failure(start(kinderLeader, { userId: newcomer.userId, startedOn: today, dueOn: "" })))
        .code,
    ).toBe("not_found");

    const { id } = await start(contact, { userId: newcomer.userId, startedOn: today, dueOn: "" });
    const detail = await getOnboarding({ database, actor: leader, onboardingId: id, today });
    expect(detail).toMatchObject({
      startedOn: today,
      dueOn: addDays(today, 30),
      state: "in_progress",
      done: 0,
      mayFollowUp: true,
      person: { name: "Nils Ny" },
    });
    const twice = await failure(
      start(leader, { userId: newcomer.userId, startedOn: today, dueOn: "" }),
    );
    expect(twice.code).toBe("conflict");
    expect(twice.fieldErrors?.userId).toBe("implementation.units.onboarding.errors.alreadyStarted");

    // The coordinator starts one with its own due date, already passed: overdue.
    const late = await start(coordinator, {
      userId: second.userId,
      startedOn: addDays(today, -40),
      dueOn: addDays(today, -10),
    });
    expect(
      (await getOnboarding({ database, actor: contact, onboardingId: late.id, today })).state,
    ).toBe("overdue");
    const [event] = await database.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.eventType, "onboarding.started"), eq(auditEvents.subjectId, id))),
    );
    expect(event?.details).toMatchObject({ userId: newcomer.userId, unitId: school });
  });

  it("ticks steps off until the onboarding is completed; an undo opens it again", async () => {
    const list = await listUnitOnboarding({ database, actor: contact, unitId: school, today });
    const row = list.rows.find((candidate) => candidate.userId === newcomer.userId)!;
    const onboardingId = row.onboardingId!;
    const detail = await getOnboarding({ database, actor: contact, onboardingId, today });
    const tick = (stepId: string, completedOn = today, actor: Staff = contact) =>
      completeOnboardingStep({
        database,
        actor,
        meta,
        onboardingId,
        values: { stepId, completedOn },
        today,
      });

    const future = await failure(tick(detail.steps[0]!.id, addDays(today, 1)));
    expect(future.fieldErrors).toEqual({
      completedOn: "implementation.units.onboarding.errors.doneInFuture",
    });
    const missing = await failure(tick(detail.steps[0]!.id, ""));
    expect(missing.fieldErrors).toEqual({
      completedOn: "implementation.units.errors.dateRequired",
    });
    expect((await failure(tick(detail.steps[0]!.id, today, sectorLeader))).code).toBe("forbidden");
    expect((await failure(tick(detail.steps[0]!.id, today, newcomer))).code).toBe("forbidden");

    for (const [index, step] of detail.steps.entries()) {
      const result = await tick(step.id, addDays(today, -index));
      expect(result.completed).toBe(index === detail.steps.length - 1);
    }
    const done = await getOnboarding({ database, actor: contact, onboardingId, today });
    expect(done.state).toBe("completed");
    expect(done.completedAt).not.toBeNull();
    expect(done.steps.map((step) => step.doneOn)).toEqual(
      detail.steps.map((_, index) => addDays(today, -index)),
    );

    // The employee sees their own checklist, read-only.
    const mine = await getMyOnboardings({ database, actor: newcomer, today });
    expect(mine.onboardings).toHaveLength(1);
    expect(mine.onboardings[0]).toMatchObject({
      unitName: "Avik skole",
      state: "completed",
      done: 5,
    });
    expect((await getMyOnboardings({ database, actor: kid, today })).onboardings).toEqual([]);

    await undoOnboardingStep({
      database,
      actor: leader,
      meta,
      onboardingId,
      stepId: detail.steps[2]!.id,
    });
    const reopened = await getOnboarding({ database, actor: contact, onboardingId, today });
    expect(reopened).toMatchObject({ state: "in_progress", done: 4, completedAt: null });
    const undoneAgain = await failure(
      undoOnboardingStep({
        database,
        actor: leader,
        meta,
        onboardingId,
        stepId: detail.steps[2]!.id,
      }),
    );
    expect(undoneAgain.code).toBe("not_found");
    expect((await tick(detail.steps[2]!.id)).completed).toBe(true);

    const counts = (await listUnitOnboarding({ database, actor: leader, unitId: school, today }))
      .counts;
    // The leader and the BTS contact have not started; Nils is done, Siv overdue.
    expect(counts).toEqual({ not_started: 2, in_progress: 0, completed: 1, overdue: 1 });
  });

  it("lets the coordinator edit, reorder and deactivate steps; others may not", async () => {
    const refused = await failure(
      saveChecklistStep({
        database,
        actor: leader,
        meta,
        values: { title: "Nytt", description: "" },
      }),
    );
    expect(refused.code).toBe("forbidden");
    const empty = await failure(
      saveChecklistStep({
        database,
        actor: coordinator,
        meta,
        values: { title: " ", description: "" },
      }),
    );
    expect(empty.fieldErrors).toEqual({
      title: "implementation.units.onboarding.errors.titleRequired",
    });
    const { id: added } = await saveChecklistStep({
      database,
      actor: coordinator,
      meta,
      values: { title: "Gå gjennom taushetsplikt og samtykke", description: "" },
    });
    let steps = await listChecklistSteps({ database, actor: coordinator });
    expect(steps.at(-1)).toMatchObject({ id: added, position: 6, active: true });

    // A completed onboarding stays completed; an open one now has six steps.
    const list = await listUnitOnboarding({ database, actor: contact, unitId: school, today });
    const nils = list.rows.find((row) => row.userId === newcomer.userId)!;
    expect(nils).toMatchObject({ state: "completed", done: 5, total: 6 });
    const siv = list.rows.find((row) => row.userId === second.userId)!;
    expect(siv).toMatchObject({ state: "overdue", total: 6 });

    await moveChecklistStep({ database, actor: coordinator, meta, stepId: added, direction: "up" });
    steps = await listChecklistSteps({ database, actor: coordinator });
    expect(steps.map((step) => step.id).indexOf(added)).toBe(4);
    await moveChecklistStep({
      database,
      actor: coordinator,
      meta,
      stepId: added,
      direction: "down",
    });
    await moveChecklistStep({
      database,
      actor: coordinator,
      meta,
      stepId: added,
      direction: "down",
    });
    steps = await listChecklistSteps({ database, actor: coordinator });
    expect(steps.map((step) => step.position)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(steps.at(-1)!.id).toBe(added);

    await saveChecklistStep({
      database,
      actor: coordinator,
      meta,
      stepId: added,
      values: { title: "Taushetsplikt", description: "Kort gjennomgang." },
    });
    steps = await listChecklistSteps({ database, actor: coordinator });
    expect(steps.at(-1)).toMatchObject({
      title: "Taushetsplikt",
      description: "Kort gjennomgang.",
    });

    // Siv has done the five old steps; when the sixth is deactivated she is completed.
    const sivId = siv.onboardingId!;
    for (const step of steps.slice(0, 5)) {
      await completeOnboardingStep({
        database,
        actor: contact,
        meta,
        onboardingId: sivId,
        values: { stepId: step.id, completedOn: today },
        today,
      });
    }
    expect(
      (await getOnboarding({ database, actor: contact, onboardingId: sivId, today })).state,
    ).toBe("overdue");
    await setChecklistStepActive({
      database,
      actor: coordinator,
      meta,
      stepId: added,
      active: false,
    });
    expect(
      (await getOnboarding({ database, actor: contact, onboardingId: sivId, today })).state,
    ).toBe("completed");

    // The last active step cannot be deactivated.
    for (const step of steps.slice(1, 5)) {
      await setChecklistStepActive({
        database,
        actor: coordinator,
        meta,
        stepId: step.id,
        active: false,
      });
    }
    const last = await failure(
      setChecklistStepActive({
        database,
        actor: coordinator,
        meta,
        stepId: steps[0]!.id,
        active: false,
      }),
    );
    expect(last.messageKey).toBe("implementation.units.onboarding.errors.lastStep");
    for (const step of steps.slice(1, 5)) {
      await setChecklistStepActive({
        database,
        actor: coordinator,
        meta,
        stepId: step.id,
        active: true,
      });
    }
    expect(
      (await listChecklistSteps({ database, actor: coordinator })).filter((step) => step.active),
    ).toHaveLength(5);
  });

  describe("reminders", () => {
    let dueSoon: string;
    let farOff: string;
    let kinderDue: string;

    beforeAll(async () => {
      // A second contact in the school, and an onboarding due in 3 days there; one due in a
      // month; one in the kindergarten-like unit, which has no BTS contact.
      const other = await makeStaff(database, tenantA, { unitIds: [school], name: "Tor Kontakt" });
      await appointBtsContact({
        database,
        actor: leader,
        meta,
        unitId: school,
        values: { userId: other.userId },
      });
      const fresh = await makeStaff(database, tenantA, { unitIds: [school], name: "Per Fersk" });
      const later = await makeStaff(database, tenantA, { unitIds: [school], name: "Lars Senere" });
      dueSoon = (
        await startOnboarding({
          database,
          actor: contact,
          meta,
          unitId: school,
          values: {
            userId: fresh.userId,
            startedOn: addDays(today, -27),
            dueOn: addDays(today, 3),
          },
        })
      ).id;
      farOff = (
        await startOnboarding({
          database,
          actor: contact,
          meta,
          unitId: school,
          values: { userId: later.userId, startedOn: today, dueOn: "" },
        })
      ).id;
      kinderDue = (
        await startOnboarding({
          database,
          actor: kinderLeader,
          meta,
          unitId: kinder,
          values: { userId: kid.userId, startedOn: addDays(today, -30), dueOn: addDays(today, -2) },
        })
      ).id;
    });

    const rowsFor = (onboardingId: string) =>
      database.system((tx) =>
        tx
          .select()
          .from(notifications)
          .where(like(notifications.dedupeKey, `onboarding_due|${onboardingId}|%`)),
      );

    it("reminds the unit's BTS contacts once, or its leaders when it has none", async () => {
      const first = await createOnboardingReminders({ database });
      expect(first.created).toBeGreaterThanOrEqual(3);
      // Both of the school's BTS contacts, nobody else.
      const soon = await rowsFor(dueSoon);
      expect(soon).toHaveLength(2);
      expect(soon.map((row) => row.userId)).toContain(contact.userId);
      expect(soon.map((row) => row.userId)).not.toContain(leader.userId);
      for (const row of soon) {
        expect(row).toMatchObject({
          kind: "onboarding_due",
          logId: null,
          tenantId: tenantA,
          link: `/implementering/nyansatte?enhet=${school}`,
          dedupeKey: `onboarding_due|${dueSoon}|${addDays(today, 3)}|${row.userId}`,
        });
      }
      const kinderRows = await rowsFor(kinderDue);
      expect(kinderRows.map((row) => row.userId)).toEqual([kinderLeader.userId]);
      expect(kinderRows[0]!.link).toBe(`/implementering/nyansatte?enhet=${kinder}`);
      // Not due within 7 days, and not completed ones (Nils and Siv are completed).
      expect(await rowsFor(farOff)).toHaveLength(0);
      const completed = await database.system((tx) =>
        tx
          .select({ id: onboardings.id })
          .from(onboardings)
          .where(eq(onboardings.tenantId, tenantA)),
      );
      for (const { id } of completed) {
        if ([dueSoon, farOff, kinderDue].includes(id)) continue;
        expect(await rowsFor(id)).toHaveLength(0);
      }
      const [audit] = await database.system((tx) =>
        tx
          .select()
          .from(auditEvents)
          .where(
            and(
              eq(auditEvents.eventType, "onboarding.reminder_sent"),
              eq(auditEvents.subjectId, dueSoon),
            ),
          ),
      );
      expect(audit?.details).toMatchObject({ dueOn: addDays(today, 3) });

      // Run again: nothing new.
      const again = await createOnboardingReminders({ database });
      expect(again.created).toBe(0);
      expect(await rowsFor(dueSoon)).toHaveLength(2);
    });

    it("goes to the leaders once the unit has no BTS contact, and shows on «Varsler»", async () => {
      // A month later the far-off one is overdue too; the school's contacts are removed first.
      const contactIds = await database.system((tx) =>
        tx
          .select({ userId: notifications.userId })
          .from(notifications)
          .where(like(notifications.dedupeKey, `onboarding_due|${dueSoon}|%`)),
      );
      for (const { userId } of contactIds) {
        await removeBtsContact({ database, actor: leader, meta, unitId: school, userId: userId! });
      }
      const result = await createOnboardingReminders({
        database,
        now: new Date(`${addDays(today, 28)}T10:00:00Z`),
      });
      expect(result.created).toBeGreaterThanOrEqual(1);
      expect((await rowsFor(farOff)).map((row) => row.userId)).toEqual([leader.userId]);

      const page = await app.request("/varsler", {
        headers: await browserHeaders(database, services, kinderLeader),
      });
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain("Opplæring av en nyansatt skal være fullført");
      expect(html).toContain(`href="/implementering/nyansatte?enhet=${kinder}"`);
    });
  });

  describe("over HTTP", () => {
    it("serves the pages and runs the start form without JavaScript", async () => {
      // The contacts were removed above: the unit's leader follows up now.
      const headers = await browserHeaders(database, services, leader);
      const list = await app.request(`/implementering/nyansatte?enhet=${school}`, { headers });
      expect(list.status).toBe(200);
      const html = await list.text();
      expect(html).toContain("Fullført");
      expect(html).toContain("Pågår (0 av 5)");
      expect(html).toContain("Ikke startet");
      const checklist = await app.request("/implementering/nyansatte/sjekkliste", { headers });
      expect(checklist.status).toBe(200);
      expect(
        (await app.request(`/implementering/nyansatte?enhet=${kinder}`, { headers })).status,
      ).toBe(404);

      const mine = await app.request("/opplaering/min-sjekkliste", {
        headers: await browserHeaders(database, services, newcomer),
      });
      expect(mine.status).toBe(200);
      expect(await mine.text()).toContain(DEFAULT_ONBOARDING_STEPS[0]!.title);

      const extra = await makeStaff(database, tenantA, { unitIds: [school], name: "Eva Ekstra" });
      const refused = await app.request(`/implementering/nyansatte?enhet=${school}`, {
        method: "POST",
        headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          unitId: school,
          userId: extra.userId,
          startedOn: today,
          dueOn: addDays(today, -3),
        }),
      });
      expect(refused.status).toBe(400);
      const refusedHtml = await refused.text();
      expect(refusedHtml).toContain("Fristen kan ikke være før startdatoen.");
      expect(refusedHtml).toContain(`value="${addDays(today, -3)}"`);
      const started = await app.request(`/implementering/nyansatte?enhet=${school}`, {
        method: "POST",
        headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          unitId: school,
          userId: extra.userId,
          startedOn: today,
          dueOn: "",
        }),
      });
      expect(started.status).toBe(302);
      expect(started.headers.get("location")).toContain("/implementering/nyansatte?melding=");
    });
  });
});
