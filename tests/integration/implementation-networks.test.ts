import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../core/access/actor.ts";
import { AppError } from "../../core/errors.ts";
import { createNetworkMeetingReminders } from "../../core/implementation/network-reminders.ts";
import {
  addNetworkMeeting,
  createNetwork,
  getNetwork,
  listNetworks,
  networkForm,
  updateNetwork,
} from "../../core/implementation/networks.ts";
import {
  cancelNetworkMeeting,
  getNetworkMeeting,
  proposeAgendaItem,
  recordNetworkAttendance,
  removeAgendaItem,
  saveUnitNotes,
  updateNetworkMeeting,
} from "../../core/implementation/networks-meetings.ts";
import { addDays, osloDate } from "../../core/platform/dates.ts";
import {
  auditEvents,
  btsContacts,
  btsNetworkMeetings,
  btsNetworkUnitNotes,
  notifications,
} from "../../db/schema/index.ts";
import { databaseKinds, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { makeStaff, makeTenant, makeUnit } from "../support/fixtures.ts";

type Staff = Extract<Actor, { kind: "staff" }>;

const meta = { ip: "192.0.2.66", userAgent: "vitest", requestId: "req-networks" };
const now = new Date();
const today = osloDate(now);
const year = Number(today.slice(0, 4));

async function failure(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the use case to fail");
}

describe.each(databaseKinds)("BTS networks on %s", (kind) => {
  let database: TestDatabase;
  let tenantA: string;
  let tenantB: string;
  /** In the network: school (two BTS contacts), kindergarten (one), health (none). */
  let school: string;
  let kindergarten: string;
  let health: string;
  /** Not in the network. */
  let nav: string;
  let coordinator: Staff;
  let sectorLeader: Staff;
  let schoolContact: Staff;
  let schoolContact2: Staff;
  let kindergartenContact: Staff;
  let navContact: Staff;
  let schoolLeader: Staff;
  let employee: Staff;
  let coordinatorB: Staff;
  let networkId: string;

  async function appoint(tenantId: string, unitId: string, userId: string) {
    await database.system((tx) =>
      tx.insert(btsContacts).values({ tenantId, unitId, userId, appointedOn: today }),
    );
  }

  async function auditRows(type: string, subjectId?: string) {
    return database.system((tx) =>
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
  }

  const network = (actor: Staff, extra: Record<string, unknown> = {}) =>
    getNetwork({ database, actor, networkId, today, ...extra });

  async function meeting(offset: number, extra: Record<string, string> = {}) {
    const { id } = await addNetworkMeeting({
      database,
      actor: coordinator,
      meta,
      networkId,
      values: { meetsOn: addDays(today, offset), startsAt: "12:30", ...extra },
    });
    return id;
  }

  beforeAll(async () => {
    database = await freshDatabase(kind);
    tenantA = (await makeTenant(database, "Avik kommune")).id;
    tenantB = (await makeTenant(database, "Bvik kommune")).id;
    school = (await makeUnit(database, tenantA, "Avik skole")).id;
    kindergarten = (await makeUnit(database, tenantA, "Avik barnehage")).id;
    health = (await makeUnit(database, tenantA, "Avik helsestasjon")).id;
    nav = (await makeUnit(database, tenantA, "NAV Avik")).id;
    coordinator = await makeStaff(database, tenantA, {
      roles: ["coordinator"],
      name: "Kari Koordinator",
    });
    sectorLeader = await makeStaff(database, tenantA, { roles: ["sector_leader"] });
    schoolContact = await makeStaff(database, tenantA, {
      roles: ["bts_contact", "employee"],
      unitIds: [school],
      name: "Sara Skole",
    });
    schoolContact2 = await makeStaff(database, tenantA, {
      roles: ["bts_contact", "employee"],
      unitIds: [school],
      name: "Sindre Skole",
    });
    kindergartenContact = await makeStaff(database, tenantA, {
      roles: ["bts_contact", "employee"],
      unitIds: [kindergarten],
      name: "Bente Barnehage",
    });
    navContact = await makeStaff(database, tenantA, {
      roles: ["bts_contact", "employee"],
      unitIds: [nav],
    });
    schoolLeader = await makeStaff(database, tenantA, {
      roles: ["unit_leader"],
      unitIds: [school],
    });
    employee = await makeStaff(database, tenantA, { roles: ["employee"], unitIds: [school] });
    coordinatorB = await makeStaff(database, tenantB, { roles: ["coordinator"] });
    await appoint(tenantA, school, schoolContact.userId);
    await appoint(tenantA, school, schoolContact2.userId);
    await appoint(tenantA, kindergarten, kindergartenContact.userId);
    await appoint(tenantA, nav, navContact.userId);
  });
  afterAll(() => database.drop());

  describe("networks", () => {
    it("the coordinator creates a network, audited; the form offers leaders and units", async () => {
      const form = await networkForm({ database, actor: coordinator });
      expect(form.leaderOptions.map((option) => option.id)).toContain(coordinator.userId);
      // Plain employees cannot open these pages, so they cannot lead a network.
      expect(form.leaderOptions.map((option) => option.id)).not.toContain(employee.userId);
      expect(form.unitOptions.map((option) => option.id).sort()).toEqual(
        [school, kindergarten, health, nav].sort(),
      );

      const created = await createNetwork({
        database,
        actor: coordinator,
        meta,
        values: {
          name: "  Nettverk oppvekst ",
          description: "Lærende nettverk",
          leaderUserId: coordinator.userId,
          unitIds: [school, kindergarten, health],
        },
      });
      networkId = created.id;
      const [event] = await auditRows("network.saved", networkId);
      expect(event?.actor).toMatchObject({ kind: "staff", id: coordinator.userId });
      expect(event?.details).toMatchObject({ action: "created" });
      expect(JSON.stringify(event?.details)).not.toContain("Lærende nettverk");

      const list = await listNetworks({ database, actor: coordinator, today });
      expect(list.canManage).toBe(true);
      expect(list.networks).toHaveLength(1);
      expect(list.networks[0]).toMatchObject({
        name: "Nettverk oppvekst",
        leaderName: "Kari Koordinator",
        nextMeeting: null,
        heldThisYear: 0,
      });
      expect(list.networks[0]!.units.map((unit) => unit.name)).toEqual([
        "Avik barnehage",
        "Avik helsestasjon",
        "Avik skole",
      ]);
    });

    it("refuses a duplicate name (any case) with a message on the name field", async () => {
      const error = await failure(
        createNetwork({
          database,
          actor: coordinator,
          meta,
          values: { name: "NETTVERK OPPVEKST", leaderUserId: coordinator.userId, unitIds: [nav] },
        }),
      );
      expect(error.code).toBe("conflict");
      expect(error.fieldErrors).toEqual({ name: "implementation.networks.errors.nameTaken" });
      // Another municipality may use the same name.
      await createNetwork({
        database,
        actor: coordinatorB,
        meta,
        values: {
          name: "Nettverk oppvekst",
          leaderUserId: coordinatorB.userId,
          unitIds: [(await makeUnit(database, tenantB, "Bvik skole")).id],
        },
      });
    });

    it("validates the form: name, leader and at least one unit of this municipality", async () => {
      const empty = await failure(
        createNetwork({ database, actor: coordinator, meta, values: { name: "" } }),
      );
      expect(empty.fieldErrors).toMatchObject({
        name: "errors.required",
        leaderUserId: "implementation.networks.errors.leader",
        unitIds: "implementation.networks.errors.unitsRequired",
      });
      const foreignUnit = await failure(
        createNetwork({
          database,
          actor: coordinator,
          meta,
          values: {
            name: "Utenbys",
            leaderUserId: coordinator.userId,
            unitIds: [(await makeUnit(database, tenantB, "Bvik barnehage")).id],
          },
        }),
      );
      expect(foreignUnit.fieldErrors).toEqual({
        unitIds: "implementation.networks.errors.units",
      });
      const plainLeader = await failure(
        createNetwork({
          database,
          actor: coordinator,
          meta,
          values: { name: "Ansattledet", leaderUserId: employee.userId, unitIds: [nav] },
        }),
      );
      expect(plainLeader.fieldErrors).toEqual({
        leaderUserId: "implementation.networks.errors.leader",
      });
    });

    it("only the coordinator creates and changes networks", async () => {
      const values = { name: "Eget nettverk", leaderUserId: coordinator.userId, unitIds: [school] };
      for (const actor of [sectorLeader, schoolContact, schoolLeader, employee]) {
        const error = await failure(createNetwork({ database, actor, meta, values }));
        expect(error.code).toBe("forbidden");
      }
      const error = await failure(
        updateNetwork({ database, actor: schoolContact, meta, networkId, values }),
      );
      expect(error.code).toBe("forbidden");
    });

    it("changes name and members, auditing field names and unit ids", async () => {
      await updateNetwork({
        database,
        actor: coordinator,
        meta,
        networkId,
        values: {
          name: "BTS-nettverk oppvekst",
          description: "Lærende nettverk",
          leaderUserId: coordinator.userId,
          unitIds: [school, kindergarten, health, nav],
          active: "true",
        },
      });
      let details = await network(coordinator);
      expect(details.network.name).toBe("BTS-nettverk oppvekst");
      expect(details.members.map((unit) => unit.id)).toContain(nav);
      await updateNetwork({
        database,
        actor: coordinator,
        meta,
        networkId,
        values: {
          name: "BTS-nettverk oppvekst",
          description: "Lærende nettverk",
          leaderUserId: coordinator.userId,
          unitIds: [school, kindergarten, health],
        },
      });
      details = await network(coordinator);
      expect(details.members.map((unit) => unit.id)).not.toContain(nav);
      expect(details.network.active).toBe(true);
      const events = await auditRows("network.saved", networkId);
      const updates = events.filter((event) => event.details.action === "updated");
      expect(updates.map((event) => event.details)).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ fields: ["name"], addedUnitIds: [nav], removedUnitIds: [] }),
          expect.objectContaining({ fields: [], addedUnitIds: [], removedUnitIds: [nav] }),
        ]),
      );
    });

    it("shows members with their BTS contacts", async () => {
      const details = await network(coordinator);
      const byName = Object.fromEntries(
        details.members.map((unit) => [unit.name, unit.contacts.map((contact) => contact.name)]),
      );
      expect(byName).toEqual({
        "Avik barnehage": ["Bente Barnehage"],
        "Avik helsestasjon": [],
        "Avik skole": ["Sara Skole", "Sindre Skole"],
      });
    });

    it("lets those of member units and sector leaders read; hides it from others", async () => {
      for (const actor of [sectorLeader, schoolContact, kindergartenContact, schoolLeader]) {
        const list = await listNetworks({ database, actor, today });
        expect(list.networks.map((entry) => entry.id)).toEqual([networkId]);
        expect(list.canManage).toBe(false);
        expect((await network(actor)).canManage).toBe(false);
      }
      // NAV left the network: its BTS contact no longer sees it.
      expect((await listNetworks({ database, actor: navContact, today })).networks).toEqual([]);
      expect((await failure(network(navContact))).code).toBe("not_found");
      expect((await failure(listNetworks({ database, actor: employee }))).code).toBe("forbidden");
      expect((await failure(network(employee))).code).toBe("forbidden");
      expect((await failure(network(coordinatorB))).code).toBe("not_found");
      expect(
        (await failure(getNetwork({ database, actor: coordinator, networkId: "x" }))).code,
      ).toBe("not_found");
    });
  });

  describe("meetings and attendance", () => {
    let held1: string;
    let held2: string;
    let held3: string;
    let future: string;

    it("plans meetings (coordinator only) and counts the year against the minimum of four", async () => {
      const first = await addNetworkMeeting({
        database,
        actor: coordinator,
        meta,
        networkId,
        values: { meetsOn: `${year}-01-02`, startsAt: "", place: "Rådhuset", theme: "Oppstart" },
      });
      expect(first).toMatchObject({ year, meetingsInYear: 1 });
      const [event] = await auditRows("network.meeting_saved", first.id);
      expect(event?.details).toMatchObject({ action: "created", networkId });
      expect(
        (
          await failure(
            addNetworkMeeting({
              database,
              actor: schoolContact,
              meta,
              networkId,
              values: { meetsOn: today },
            }),
          )
        ).code,
      ).toBe("forbidden");
      const invalid = await failure(
        addNetworkMeeting({
          database,
          actor: coordinator,
          meta,
          networkId,
          values: { meetsOn: "2027-02-30", startsAt: "25:00" },
        }),
      );
      expect(invalid.fieldErrors).toEqual({
        meetsOn: "implementation.networks.errors.date",
        startsAt: "implementation.networks.errors.time",
      });
      const details = await network(coordinator, { year });
      expect(details.meetingsInYear).toBe(1);
      expect(details.belowMinimum).toBe(true);
      await cancelNetworkMeeting({
        database,
        actor: coordinator,
        meta,
        networkId,
        meetingId: first.id,
        values: { confirm: "on" },
      });
    });

    it("refuses attendance before the meeting day, and on a cancelled meeting", async () => {
      future = await meeting(3);
      const early = await failure(
        recordNetworkAttendance({
          database,
          actor: coordinator,
          meta,
          networkId,
          meetingId: future,
          today,
          values: { present: [schoolContact.userId] },
        }),
      );
      expect(early.messageKey).toBe("implementation.networks.errors.attendanceFuture");
      const page = await getNetworkMeeting({
        database,
        actor: coordinator,
        networkId,
        meetingId: future,
        today,
      });
      expect(page.attendanceBlocked).toBe("implementation.networks.errors.attendanceFuture");

      const cancelled = await meeting(-1);
      const unconfirmed = await failure(
        cancelNetworkMeeting({
          database,
          actor: coordinator,
          meta,
          networkId,
          meetingId: cancelled,
          values: {},
        }),
      );
      expect(unconfirmed.fieldErrors).toEqual({
        confirm: "implementation.networks.errors.confirmCancel",
      });
      await cancelNetworkMeeting({
        database,
        actor: coordinator,
        meta,
        networkId,
        meetingId: cancelled,
        values: { confirm: "on" },
      });
      const refused = await failure(
        recordNetworkAttendance({
          database,
          actor: coordinator,
          meta,
          networkId,
          meetingId: cancelled,
          today,
          values: { present: [] },
        }),
      );
      expect(refused.messageKey).toBe("implementation.networks.errors.attendanceCancelled");
    });

    it("records attendance per BTS contact (coordinator only), marks the meeting held, audited", async () => {
      held1 = await meeting(-30);
      held2 = await meeting(-20);
      held3 = await meeting(-10);
      const record = (meetingId: string, present: string[], actor = coordinator) =>
        recordNetworkAttendance({
          database,
          actor,
          meta,
          networkId,
          meetingId,
          today,
          values: { present },
        });
      expect((await failure(record(held1, [], schoolContact))).code).toBe("forbidden");
      const stranger = await failure(record(held1, [navContact.userId]));
      expect(stranger.fieldErrors).toEqual({
        present: "implementation.networks.errors.attendancePerson",
      });

      expect(await record(held1, [schoolContact.userId, kindergartenContact.userId])).toEqual({
        present: 2,
        absent: 1,
      });
      // One of the school's two contacts is enough for the school to have attended.
      await record(held2, [schoolContact2.userId]);
      await record(held3, []);
      // A correction replaces the earlier record.
      await record(held3, [kindergartenContact.userId]);
      await record(held3, []);

      const [event] = await auditRows("network.attendance_recorded", held1);
      expect(event?.details).toMatchObject({ present: 2, absent: 1, markedHeld: true, networkId });
    });

    it("counts attendance per unit over the year's held meetings", async () => {
      // Hand-computed: school came to 1 and 2 (3 held), kindergarten to 1, health has no
      // contacts. The planned meeting on day +3 and the cancelled ones do not count.
      const yearOf = (meetingId: string) =>
        database.system(async (tx) => {
          const [row] = await tx
            .select({ meetsOn: btsNetworkMeetings.meetsOn })
            .from(btsNetworkMeetings)
            .where(eq(btsNetworkMeetings.id, meetingId));
          return Number(row!.meetsOn.slice(0, 4));
        });
      const heldIds = [held1, held2, held3];
      const years = await Promise.all(heldIds.map(yearOf));
      // Attendance is per year: only count the held meetings in the year of the latest one.
      const chosen = years[2]!;
      const inYear = heldIds.filter((_, index) => years[index] === chosen);
      const details = await network(coordinator, { year: chosen });
      expect(details.heldMeetings.map((entry) => entry.id)).toEqual(inYear);
      const totals = Object.fromEntries(
        details.attendance.map((row) => [row.unitName, `${row.attended} av ${row.held}`]),
      );
      const expected = (ids: string[]) => inYear.filter((id) => ids.includes(id)).length;
      expect(totals).toEqual({
        "Avik barnehage": `${expected([held1])} av ${inYear.length}`,
        "Avik helsestasjon": `0 av ${inYear.length}`,
        "Avik skole": `${expected([held1, held2])} av ${inYear.length}`,
      });
      if (inYear.length === 3) {
        expect(totals["Avik skole"]).toBe("2 av 3");
        expect(totals["Avik barnehage"]).toBe("1 av 3");
        const school = details.attendance.find((row) => row.unitName === "Avik skole")!;
        expect(school.meetings.map((cell) => cell.attended)).toEqual([true, true, false]);
      }
      const meetingPage = await getNetworkMeeting({
        database,
        actor: sectorLeader,
        networkId,
        meetingId: held1,
        today,
      });
      expect(meetingPage.meeting.status).toBe("held");
      const schoolUnit = meetingPage.units.find((unit) => unit.id === school)!;
      expect(schoolUnit.attended).toBe(true);
      expect(
        Object.fromEntries(schoolUnit.contacts.map((contact) => [contact.name, contact.present])),
      ).toEqual({ "Sara Skole": true, "Sindre Skole": false });
      expect(meetingPage.attendanceBlocked).toBeNull();
      expect(meetingPage.canManage).toBe(false);

      const list = await listNetworks({ database, actor: coordinator, today });
      const entry = list.networks.find((item) => item.id === networkId)!;
      expect(entry.nextMeeting?.id).toBe(future);
      expect(entry.heldThisYear).toBe(years.filter((value) => value === year).length);
    });

    it("the coordinator edits a meeting; a held meeting cannot move into the future", async () => {
      await updateNetworkMeeting({
        database,
        actor: coordinator,
        meta,
        networkId,
        meetingId: held1,
        today,
        values: {
          meetsOn: addDays(today, -30),
          startsAt: "13:00",
          place: "Biblioteket",
          theme: "Gjort, lurt, lært",
          summary: "Enige om fagdag",
        },
      });
      const [event] = (await auditRows("network.meeting_saved", held1)).filter(
        (row) => row.details.action === "updated",
      );
      expect(event?.details.fields).toEqual(["startsAt", "place", "theme", "summary"]);
      const moved = await failure(
        updateNetworkMeeting({
          database,
          actor: coordinator,
          meta,
          networkId,
          meetingId: held1,
          today,
          values: { meetsOn: addDays(today, 2) },
        }),
      );
      expect(moved.fieldErrors).toEqual({ meetsOn: "implementation.networks.errors.heldInFuture" });
      expect(
        (
          await failure(
            updateNetworkMeeting({
              database,
              actor: schoolContact,
              meta,
              networkId,
              meetingId: held1,
              values: { meetsOn: today },
            }),
          )
        ).code,
      ).toBe("forbidden");
    });
  });

  describe("gjort, lurt, lært and the agenda", () => {
    let meetingId: string;
    const notes = (actor: Staff, unitId: string, values: Record<string, unknown>) =>
      saveUnitNotes({ database, actor, meta, networkId, meetingId, unitId, values });

    beforeAll(async () => {
      meetingId = await meeting(-5);
    });

    it("a BTS contact writes their own unit's notes only; the coordinator any unit's", async () => {
      await notes(schoolContact, school, {
        done: " Presenterte modellen ",
        wise: "",
        learned: "Øve mer",
      });
      const forbidden = await failure(notes(schoolContact, kindergarten, { done: "Noe" }));
      expect(forbidden.code).toBe("forbidden");
      // A unit leader reads but is not the unit's BTS contact.
      expect((await failure(notes(schoolLeader, school, { done: "Noe" }))).code).toBe("forbidden");
      expect((await failure(notes(navContact, school, { done: "Noe" }))).code).toBe("not_found");
      expect((await failure(notes(coordinator, nav, { done: "Noe" }))).code).toBe("not_found");
      await notes(coordinator, kindergarten, { done: "", wise: "Lurt", learned: "" });

      const rows = await database.system((tx) =>
        tx.select().from(btsNetworkUnitNotes).where(eq(btsNetworkUnitNotes.meetingId, meetingId)),
      );
      expect(
        Object.fromEntries(rows.map((row) => [row.unitId, [row.done, row.wise, row.learned]])),
      ).toEqual({
        [school]: ["Presenterte modellen", "", "Øve mer"],
        [kindergarten]: ["", "Lurt", ""],
      });
      const page = await getNetworkMeeting({
        database,
        actor: schoolContact,
        networkId,
        meetingId,
        today,
      });
      const flags = Object.fromEntries(page.units.map((unit) => [unit.id, unit.canWriteNotes]));
      expect(flags).toEqual({ [school]: true, [kindergarten]: false, [health]: false });
      expect(page.units.find((unit) => unit.id === school)!.notes).toMatchObject({
        done: "Presenterte modellen",
        writtenByName: "Sara Skole",
      });
      const events = await auditRows("network.notes_saved", meetingId);
      expect(events.map((event) => event.details)).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ unitId: school, fields: ["done", "learned"], created: true }),
        ]),
      );
      expect(JSON.stringify(events.map((event) => event.details))).not.toContain("Presenterte");
    });

    it("needs at least one of the three fields, within the length limit", async () => {
      const empty = await failure(
        notes(schoolContact, school, { done: " ", wise: "", learned: "" }),
      );
      expect(empty.code).toBe("validation");
      expect(empty.fieldErrors).toEqual({ done: "implementation.networks.errors.notesEmpty" });
      const long = await failure(notes(schoolContact, school, { wise: "x".repeat(2001) }));
      expect(long.fieldErrors).toEqual({ wise: "errors.tooLong" });
    });

    it("members propose agenda items for their own units; proposer or coordinator removes", async () => {
      const propose = (actor: Staff, values: Record<string, unknown>) =>
        proposeAgendaItem({ database, actor, meta, networkId, meetingId, values });
      const own = await propose(schoolContact, { title: "Nyansatte", detail: "Hvordan?" });
      const wrongUnit = await failure(
        propose(schoolContact, { title: "For barnehagen", unitId: kindergarten }),
      );
      expect(wrongUnit.fieldErrors).toEqual({
        unitId: "implementation.networks.errors.agendaUnit",
      });
      expect((await failure(propose(schoolLeader, { title: "Leder" }))).code).toBe("forbidden");
      expect((await failure(propose(navContact, { title: "NAV" }))).code).toBe("not_found");
      const empty = await failure(propose(kindergartenContact, { title: " " }));
      expect(empty.fieldErrors).toEqual({ title: "errors.required" });
      const other = await propose(kindergartenContact, { title: "Fagdag" });
      const general = await propose(coordinator, { title: "Evaluering", unitId: "" });

      const page = await getNetworkMeeting({
        database,
        actor: schoolContact,
        networkId,
        meetingId,
        today,
      });
      expect(
        page.agenda.map((item) => [item.title, item.unitName, item.proposerName, item.canRemove]),
      ).toEqual([
        ["Nyansatte", "Avik skole", "Sara Skole", true],
        ["Fagdag", "Avik barnehage", "Bente Barnehage", false],
        ["Evaluering", null, "Kari Koordinator", false],
      ]);

      const remove = (actor: Staff, agendaItemId: string) =>
        removeAgendaItem({ database, actor, meta, networkId, meetingId, agendaItemId });
      expect((await failure(remove(schoolContact, other.id))).code).toBe("forbidden");
      await remove(schoolContact, own.id);
      await remove(coordinator, other.id);
      expect((await failure(remove(coordinator, own.id))).code).toBe("not_found");
      const after = await getNetworkMeeting({
        database,
        actor: coordinator,
        networkId,
        meetingId,
        today,
      });
      expect(after.agenda.map((item) => item.id)).toEqual([general.id]);
      expect((await auditRows("network.agenda_item_added", meetingId)).length).toBe(3);
      const removed = await auditRows("network.agenda_item_removed", meetingId);
      expect(removed.map((event) => event.details.agendaItemId).sort()).toEqual(
        [own.id, other.id].sort(),
      );
    });

    it("another municipality's coordinator finds no meeting", async () => {
      const error = await failure(
        getNetworkMeeting({ database, actor: coordinatorB, networkId, meetingId, today }),
      );
      expect(error.code).toBe("not_found");
      const foreign = await failure(
        saveUnitNotes({
          database,
          actor: coordinatorB,
          meta,
          networkId,
          meetingId,
          unitId: school,
          values: { done: "x" },
        }),
      );
      expect(foreign.code).toBe("not_found");
    });
  });

  describe("reminders", () => {
    it("reminds the member units' BTS contacts once, 7 days ahead, with a link to the meeting", async () => {
      const soon = await meeting(6);
      const later = await meeting(9);
      const cancelled = await meeting(2);
      await cancelNetworkMeeting({
        database,
        actor: coordinator,
        meta,
        networkId,
        meetingId: cancelled,
        values: { confirm: "on" },
      });
      const first = await createNetworkMeetingReminders({ database, now });
      const rows = await database.system((tx) =>
        tx
          .select()
          .from(notifications)
          .where(
            and(eq(notifications.tenantId, tenantA), eq(notifications.kind, "network_meeting")),
          ),
      );
      // The meeting on day +3 (planned earlier in this file) is within the 7 days too.
      const soonRows = rows.filter((row) => row.dedupeKey.includes(soon));
      expect(soonRows.map((row) => row.userId).sort()).toEqual(
        [schoolContact.userId, schoolContact2.userId, kindergartenContact.userId].sort(),
      );
      for (const row of soonRows) {
        expect(row.logId).toBeNull();
        expect(row.link).toBe(`/implementering/nettverk/${networkId}/moter/${soon}`);
        expect(row.dedupeKey).toBe(`network_meeting|${soon}|${addDays(today, 6)}|${row.userId}`);
      }
      expect(rows.some((row) => row.dedupeKey.includes(later))).toBe(false);
      expect(rows.some((row) => row.dedupeKey.includes(cancelled))).toBe(false);
      expect(rows.some((row) => row.userId === navContact.userId)).toBe(false);
      expect(first.created).toBe(rows.length);
      expect(rows.length).toBe(6);
      const sent = await database.system((tx) =>
        tx
          .select()
          .from(auditEvents)
          .where(
            and(
              eq(auditEvents.tenantId, tenantA),
              eq(auditEvents.eventType, "network.reminder_sent"),
              eq(auditEvents.subjectId, soon),
            ),
          ),
      );
      expect(sent).toHaveLength(1);
      expect(((sent[0]!.details as { userIds: string[] }).userIds ?? []).slice().sort()).toEqual(
        soonRows.map((row) => row.userId).sort(),
      );

      const again = await createNetworkMeetingReminders({ database, now });
      expect(again.created).toBe(0);

      // A closed network reminds no one.
      await updateNetwork({
        database,
        actor: coordinator,
        meta,
        networkId,
        values: {
          name: "BTS-nettverk oppvekst",
          leaderUserId: coordinator.userId,
          unitIds: [school, kindergarten, health],
          active: "false",
        },
      });
      const closed = await createNetworkMeetingReminders({
        database,
        now: new Date(now.getTime() + 3 * 86_400_000),
      });
      expect(closed.created).toBe(0);
    });
  });
});
