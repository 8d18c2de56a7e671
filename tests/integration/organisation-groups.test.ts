import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../core/access/actor.ts";
import { AppError } from "../../core/errors.ts";
import {
  createDecision,
  decisionForm,
  deleteDecision,
  listDecisions,
  updateDecision,
} from "../../core/organisation/groups-decisions.ts";
import {
  addMeeting,
  addMember,
  createGroup,
  deleteGroup,
  getGroupPage,
  groupConflictError,
  groupForm,
  listGroups,
  removeMeeting,
  removeMember,
  setChair,
  updateGroup,
} from "../../core/organisation/groups.ts";
import { organisationHub } from "../../core/organisation/hub.ts";
import { addDays, osloDate } from "../../core/platform/dates.ts";
import {
  auditEvents,
  contentPages,
  contentVersions,
  milestones,
  orgGroupDecisions,
  orgGroupMembers,
  orgGroups,
  users,
} from "../../db/schema/index.ts";
import type { Tx } from "../../db/client.ts";
import { nb } from "../../i18n/nb.ts";
import { browserHeaders, testAppWithUi } from "../support/app.ts";
import { databaseKinds, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { makeStaff, makeTenant, makeUnit } from "../support/fixtures.ts";

type Staff = Extract<Actor, { kind: "staff" }>;

const requestMeta = { ip: "192.0.2.80", userAgent: "vitest", requestId: "req-org-groups" };
/**
 * The test's own today, passed to every use case (they all take one), so a run that spans Oslo
 * midnight compares with the same day throughout.
 */
const today = osloDate();
const at = { meta: requestMeta, today };
/** A date the future-date checks refuse, with a margin. */
const inTwoDays = addDays(today, 2);

async function failure(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the use case to fail");
}

const steering = {
  kind: "steering",
  name: "Styringsgruppe for BTI",
  mandate: "Vedtar modellen, planen og ressursene.",
  decisionAuthority: "Vedtar handlingsveilederen.",
  meetingPlan: "Fire ganger i året",
  closedOn: "",
};

describe.each(databaseKinds)("project groups on %s", (kind) => {
  let database: TestDatabase;
  let tenantA: string;
  let tenantB: string;
  let coordinator: Staff;
  let coordinatorB: Staff;
  let sectorLeader: Staff;
  let unitLeader: Staff;
  let btsContact: Staff;
  let employee: Staff;
  let staffB: Staff;
  let publishedVersionId: string;
  let draftVersionId: string;
  let pageId: string;
  let milestoneId: string;
  let milestoneB: string;

  beforeAll(async () => {
    database = await freshDatabase(kind);
    tenantA = (await makeTenant(database, "Avik kommune")).id;
    tenantB = (await makeTenant(database, "Bvik kommune")).id;
    const school = await makeUnit(database, tenantA, "Avik skole");
    coordinator = await makeStaff(database, tenantA, { roles: ["coordinator"], name: "Kari K" });
    coordinatorB = await makeStaff(database, tenantB, { roles: ["coordinator"] });
    staffB = await makeStaff(database, tenantB, { roles: ["employee"], name: "Bvik Ansatt" });
    sectorLeader = await makeStaff(database, tenantA, {
      roles: ["sector_leader"],
      name: "Sverre S",
    });
    unitLeader = await makeStaff(database, tenantA, {
      roles: ["unit_leader"],
      unitIds: [school.id],
      name: "Lise L",
    });
    btsContact = await makeStaff(database, tenantA, {
      roles: ["bts_contact", "employee"],
      unitIds: [school.id],
    });
    employee = await makeStaff(database, tenantA, { roles: ["employee"], unitIds: [school.id] });
    await database.system(async (tx) => {
      const [page] = await tx
        .insert(contentPages)
        .values({
          tenantId: tenantA,
          slug: "niva-1",
          kind: "level",
          audience: "internal",
          translationKey: "niva-1",
        })
        .returning();
      pageId = page!.id;
      const [published] = await tx
        .insert(contentVersions)
        .values({
          tenantId: tenantA,
          pageId,
          number: 3,
          state: "published",
          title: "Nivå 1",
          publishedAt: new Date("2026-03-12T10:00:00Z"),
        })
        .returning();
      publishedVersionId = published!.id;
      const [draft] = await tx
        .insert(contentVersions)
        .values({ tenantId: tenantA, pageId, number: 4, state: "draft", title: "Nivå 1" })
        .returning();
      draftVersionId = draft!.id;
      const [milestone] = await tx
        .insert(milestones)
        .values({
          tenantId: tenantA,
          title: "Pilotering",
          startsOn: "2026-01-01",
          endsOn: "2026-06-30",
          responsible: "Koordinator",
        })
        .returning();
      milestoneId = milestone!.id;
      const [foreign] = await tx
        .insert(milestones)
        .values({
          tenantId: tenantB,
          title: "Bvik-milepæl",
          startsOn: "2026-01-01",
          endsOn: "2026-06-30",
          responsible: "Koordinator",
        })
        .returning();
      milestoneB = foreign!.id;
    });
  });
  afterAll(() => database.drop());

  async function auditRows(type: string, subjectId?: string) {
    return database.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(
          subjectId
            ? and(eq(auditEvents.eventType, type), eq(auditEvents.subjectId, subjectId))
            : eq(auditEvents.eventType, type),
        ),
    );
  }

  const create = (actor: Staff, values: Record<string, unknown>) =>
    createGroup({ database, actor, ...at, values });

  let steeringId: string;
  let workingId: string;

  describe("groups", () => {
    it("shows sensible empty figures on the hub before anything exists", async () => {
      const hub = await organisationHub({ database, actor: coordinatorB, ...at });
      expect(hub.groups.active).toBe(0);
      expect(hub.decisions).toEqual({ count: 0, latestOn: null });
      expect(hub.arenas.active).toBe(0);
      expect(hub.anchoring).toEqual({ activities: 0, openFollowUps: 0 });
      expect(hub.grants.next).toBeNull();
      expect((await auditRows("organisation.hub_viewed")).length).toBeGreaterThanOrEqual(1);
    });

    it("lets the coordinator create a steering group, audited with ids only", async () => {
      const row = await create(coordinator, steering);
      steeringId = row.id;
      expect(row).toMatchObject({
        tenantId: tenantA,
        kind: "steering",
        name: "Styringsgruppe for BTI",
        closedOn: null,
      });
      const [event] = await auditRows("organisation.group_saved", row.id);
      expect(event?.details).toEqual({ created: true, kind: "steering", closed: false });
      expect(event?.actor).toMatchObject({ id: coordinator.userId });
      expect(JSON.stringify(event?.details)).not.toContain("Vedtar");
    });

    it("refuses a group without a mandate, and an unknown kind", async () => {
      const error = await failure(
        create(coordinator, { ...steering, kind: "other", name: "Uten mandat", mandate: "  " }),
      );
      expect(error.code).toBe("validation");
      expect(error.fieldErrors).toMatchObject({
        mandate: "organisation.groups.errors.mandateRequired",
        kind: "organisation.groups.errors.kind",
      });
      expect(nb.organisation.groups.errors.mandateRequired).toBe("Skriv gruppens mandat.");
    });

    it("allows one active steering group and one active driver group, naming the field", async () => {
      const second = await failure(create(coordinator, { ...steering, name: "Ny styringsgruppe" }));
      expect(second.fieldErrors).toEqual({ kind: "organisation.groups.errors.steeringExists" });
      const driver = await create(coordinator, {
        ...steering,
        kind: "driver",
        name: "Pådrivergruppe",
      });
      const secondDriver = await failure(
        create(coordinator, { ...steering, kind: "driver", name: "Pådrivergruppe 2" }),
      );
      expect(secondDriver.fieldErrors).toEqual({ kind: "organisation.groups.errors.driverExists" });
      // A closed steering group may be recorded for the history.
      const old = await create(coordinator, {
        ...steering,
        name: "Gammel styringsgruppe",
        closedOn: addDays(today, -400),
      });
      // Reopening it while another is active is refused.
      const reopen = await failure(
        updateGroup({
          database,
          actor: coordinator,
          ...at,
          groupId: old.id,
          values: { ...steering, name: "Gammel styringsgruppe" },
        }),
      );
      expect(reopen.fieldErrors).toEqual({ kind: "organisation.groups.errors.steeringExists" });
      // The form names the active ones, for the message.
      const form = await groupForm({ database, actor: coordinator, ...at });
      expect(form.singletons.steering).toEqual({ id: steeringId, name: "Styringsgruppe for BTI" });
      expect(form.singletons.driver?.id).toBe(driver.id);
    });

    it("refuses a taken name (any case) and a closed date in the future", async () => {
      const taken = await failure(
        create(coordinator, { ...steering, kind: "working", name: "STYRINGSGRUPPE FOR BTI" }),
      );
      expect(taken.fieldErrors).toEqual({ name: "organisation.groups.errors.nameTaken" });
      const future = await failure(
        create(coordinator, {
          ...steering,
          kind: "working",
          name: "Framtidig",
          closedOn: inTwoDays,
        }),
      );
      expect(future.fieldErrors).toEqual({ closedOn: "organisation.groups.errors.closedInFuture" });
    });

    it("lets the readers read, the read audited, and refuses them every write", async () => {
      const working = await create(coordinator, {
        kind: "working",
        name: "Arbeidsgruppe for brukermedvirkning",
        mandate: "Foreslå hvordan barn og foresatte medvirker.",
      });
      workingId = working.id;
      for (const reader of [sectorLeader, unitLeader, btsContact]) {
        const list = await listGroups({ database, actor: reader, ...at });
        expect(list.canManage).toBe(false);
        expect(list.active.map((group) => group.name)).toEqual([
          "Styringsgruppe for BTI",
          "Pådrivergruppe",
          "Arbeidsgruppe for brukermedvirkning",
        ]);
        expect(list.closed.map((group) => group.name)).toEqual(["Gammel styringsgruppe"]);
        const page = await getGroupPage({ database, actor: reader, ...at, groupId: steeringId });
        expect(page.canManage).toBe(false);
        expect(page.staffOptions).toEqual([]);
        expect((await failure(create(reader, { ...steering, kind: "working" }))).code).toBe(
          "forbidden",
        );
        expect(
          (
            await failure(
              addMember({
                database,
                actor: reader,
                ...at,
                groupId: steeringId,
                values: { name: "X" },
              }),
            )
          ).code,
        ).toBe("forbidden");
        expect(
          (await failure(deleteGroup({ database, actor: reader, ...at, groupId: workingId }))).code,
        ).toBe("forbidden");
        expect((await failure(groupForm({ database, actor: reader, ...at }))).code).toBe(
          "forbidden",
        );
      }
      expect((await failure(listGroups({ database, actor: employee, ...at }))).code).toBe(
        "forbidden",
      );
      expect((await failure(organisationHub({ database, actor: employee, ...at }))).code).toBe(
        "forbidden",
      );
      const views = await auditRows("organisation.group_viewed", steeringId);
      expect(views.map((row) => (row.actor as { id: string }).id)).toEqual(
        expect.arrayContaining([sectorLeader.userId, unitLeader.userId, btsContact.userId]),
      );
      expect((await auditRows("organisation.groups_viewed")).length).toBeGreaterThanOrEqual(3);
    });
  });

  describe("members", () => {
    it("adds a staff member by choice (name kept) and an outside person by name", async () => {
      const staff = await addMember({
        database,
        actor: coordinator,
        ...at,
        groupId: steeringId,
        values: { userId: sectorLeader.userId, name: "", role: "Kommunalsjef oppvekst" },
      });
      expect(staff).toMatchObject({
        userId: sectorLeader.userId,
        name: "Sverre S",
        isChair: false,
      });
      const outside = await addMember({
        database,
        actor: coordinator,
        ...at,
        groupId: steeringId,
        values: { userId: "", name: "Kari Nilsen", role: "Varaordfører", isChair: "on" },
      });
      expect(outside).toMatchObject({ userId: null, name: "Kari Nilsen", isChair: true });
      const [event] = await auditRows("organisation.member_added", steeringId);
      expect(event?.details).toMatchObject({ outside: false, userId: sectorLeader.userId });
      const page = await getGroupPage({ database, actor: unitLeader, ...at, groupId: steeringId });
      // The chair first.
      expect(page.members.map((member) => [member.name, member.isChair, member.isStaff])).toEqual([
        ["Kari Nilsen", true, false],
        ["Sverre S", false, true],
      ]);
    });

    it("refuses neither, both, a staff member twice, a second chair, and foreign or inactive staff", async () => {
      const add = (values: Record<string, unknown>) =>
        failure(addMember({ database, actor: coordinator, ...at, groupId: steeringId, values }));
      expect((await add({ userId: "", name: " " })).fieldErrors).toEqual({
        userId: "organisation.groups.errors.memberMissing",
      });
      expect((await add({ userId: unitLeader.userId, name: "Kari" })).fieldErrors).toEqual({
        name: "organisation.groups.errors.memberBoth",
      });
      expect((await add({ userId: sectorLeader.userId })).fieldErrors).toEqual({
        userId: "organisation.groups.errors.memberTwice",
      });
      expect((await add({ name: "Per Holm", isChair: "on" })).fieldErrors).toEqual({
        isChair: "organisation.groups.errors.chairTaken",
      });
      expect((await add({ userId: staffB.userId })).fieldErrors).toEqual({
        userId: "organisation.groups.errors.memberUser",
      });
      const leaving = await makeStaff(database, tenantA, { roles: ["employee"] });
      await database.system((tx) =>
        tx.update(users).set({ active: false }).where(eq(users.id, leaving.userId)),
      );
      expect((await add({ userId: leaving.userId })).fieldErrors).toEqual({
        userId: "organisation.groups.errors.memberUser",
      });
    });

    it("moves the chair, keeping one, and removes a member, audited", async () => {
      const page = await getGroupPage({ database, actor: coordinator, ...at, groupId: steeringId });
      const sverre = page.members.find((member) => member.name === "Sverre S")!;
      await setChair({
        database,
        actor: coordinator,
        ...at,
        groupId: steeringId,
        memberId: sverre.id,
        chair: true,
      });
      const chairs = await database.system((tx) =>
        tx
          .select()
          .from(orgGroupMembers)
          .where(and(eq(orgGroupMembers.groupId, steeringId), eq(orgGroupMembers.isChair, true))),
      );
      expect(chairs.map((row) => row.name)).toEqual(["Sverre S"]);
      const kari = page.members.find((member) => member.name === "Kari Nilsen")!;
      await removeMember({
        database,
        actor: coordinator,
        ...at,
        groupId: steeringId,
        memberId: kari.id,
      });
      const [event] = await auditRows("organisation.member_removed", steeringId);
      expect(event?.details).toMatchObject({ memberId: kari.id, userId: null });
      // A member id of another group is not found.
      const other = await failure(
        removeMember({
          database,
          actor: coordinator,
          ...at,
          groupId: workingId,
          memberId: sverre.id,
        }),
      );
      expect(other.code).toBe("not_found");
    });
  });

  describe("the database's own rules (one active steering/driver group, one chair, names)", () => {
    let tenantC: string;
    let coordinatorC: Staff;
    let steeringC: string;

    beforeAll(async () => {
      tenantC = (await makeTenant(database, "Cvik kommune")).id;
      coordinatorC = await makeStaff(database, tenantC, { roles: ["coordinator"] });
      steeringC = (await create(coordinatorC, steering)).id;
      await addMember({
        database,
        actor: coordinatorC,
        ...at,
        groupId: steeringC,
        values: { name: "Leder C", isChair: "on" },
      });
    });

    /** What a write straight into the tables (past the use cases' checks) is answered with. */
    const refusal = (work: (tx: Tx) => Promise<unknown>) =>
      database.tenant(tenantC, work).then(
        () => {
          throw new Error("expected the database to refuse the row");
        },
        (error: unknown) => error,
      );

    const group = (values: Partial<typeof orgGroups.$inferInsert>) => ({
      tenantId: tenantC,
      kind: "working",
      name: "Gruppe",
      mandate: "Forbi sjekken.",
      ...values,
    });

    it("refuses a second active steering group and a second chair written past the checks", async () => {
      const second = await refusal((tx) =>
        tx.insert(orgGroups).values(group({ kind: "steering", name: "Direkte styringsgruppe" })),
      );
      expect(groupConflictError(second, "steering")?.fieldErrors).toEqual({
        kind: "organisation.groups.errors.steeringExists",
      });
      const chair = await refusal((tx) =>
        tx
          .insert(orgGroupMembers)
          .values({ tenantId: tenantC, groupId: steeringC, name: "Leder nr. 2", isChair: true }),
      );
      expect(groupConflictError(chair)?.fieldErrors).toEqual({
        isChair: "organisation.groups.errors.chairTaken",
      });
      const name = await refusal((tx) =>
        tx.insert(orgGroups).values(group({ name: "styringsgruppe for bti" })),
      );
      expect(groupConflictError(name)?.fieldErrors).toEqual({
        name: "organisation.groups.errors.nameTaken",
      });
      expect(groupConflictError(new Error("noe annet"))).toBeNull();
      // Closed steering groups, one active driver group and many working groups are fine.
      const allowed = await database.tenant(tenantC, (tx) =>
        tx
          .insert(orgGroups)
          .values([
            group({ kind: "steering", name: "Gammel C 1", closedOn: "2020-01-01" }),
            group({ kind: "steering", name: "Gammel C 2", closedOn: "2021-01-01" }),
            group({ kind: "driver", name: "Pådriver C" }),
            group({ name: "Arbeid C 1" }),
            group({ name: "Arbeid C 2" }),
          ])
          .returning(),
      );
      expect(allowed).toHaveLength(5);
      const secondDriver = await refusal((tx) =>
        tx.insert(orgGroups).values(group({ kind: "driver", name: "Pådriver C 2" })),
      );
      expect(groupConflictError(secondDriver, "driver")?.fieldErrors).toEqual({
        kind: "organisation.groups.errors.driverExists",
      });
      // One chair in each group, not one in all.
      const [otherChair] = await database.tenant(tenantC, (tx) =>
        tx
          .insert(orgGroupMembers)
          .values({
            tenantId: tenantC,
            groupId: allowed[3]!.id,
            name: "Leder arbeid",
            isChair: true,
          })
          .returning(),
      );
      expect(otherChair?.isChair).toBe(true);
      await database.tenant(tenantC, (tx) =>
        tx.delete(orgGroups).where(
          inArray(
            orgGroups.id,
            allowed.map((row) => row.id),
          ),
        ),
      );
    });

    // Only PostgreSQL runs transactions side by side: hold a row in an open transaction, so the
    // use case's check cannot see it and its write waits for it, then commit the held row.
    it.runIf(kind === "postgres")(
      "answers a save that loses a race with the field error, not a crash",
      async () => {
        const race = async (hold: (tx: Tx) => Promise<unknown>, work: () => Promise<unknown>) => {
          let release!: () => void;
          const gate = new Promise<void>((resolve) => {
            release = resolve;
          });
          let held!: () => void;
          const heldNow = new Promise<void>((resolve) => {
            held = resolve;
          });
          const holder = database.system(async (tx) => {
            await hold(tx);
            held();
            await gate;
          });
          await heldNow;
          const outcome = failure(work());
          // Wait until the use case's insert waits for the held row (its check has passed).
          for (let tries = 0; ; tries += 1) {
            const result = (await database.db.execute(
              sql`select count(*)::int as waiting from pg_stat_activity
                  where datname = current_database() and wait_event_type = 'Lock'`,
            )) as unknown as { rows: { waiting: number }[] };
            if (result.rows[0]!.waiting > 0) break;
            if (tries > 200) throw new Error("the use case never waited for the held row");
            await new Promise((resolve) => setTimeout(resolve, 25));
          }
          release();
          await holder;
          return outcome;
        };
        const name = await race(
          (tx) => tx.insert(orgGroups).values(group({ name: "Samtidig gruppe" })),
          () => create(coordinatorC, { kind: "working", name: "Samtidig gruppe", mandate: "M." }),
        );
        expect(name.fieldErrors).toEqual({ name: "organisation.groups.errors.nameTaken" });
        const driver = await race(
          (tx) => tx.insert(orgGroups).values(group({ kind: "driver", name: "Pådriver først" })),
          () => create(coordinatorC, { kind: "driver", name: "Pådriver sist", mandate: "M." }),
        );
        expect(driver.fieldErrors).toEqual({ kind: "organisation.groups.errors.driverExists" });
        const [working] = await database.tenant(tenantC, (tx) =>
          tx.select().from(orgGroups).where(eq(orgGroups.name, "Samtidig gruppe")),
        );
        const chair = await race(
          (tx) =>
            tx
              .insert(orgGroupMembers)
              .values({ tenantId: tenantC, groupId: working!.id, name: "Først", isChair: true }),
          () =>
            addMember({
              database,
              actor: coordinatorC,
              ...at,
              groupId: working!.id,
              values: { name: "Sist", isChair: "on" },
            }),
        );
        expect(chair.fieldErrors).toEqual({ isChair: "organisation.groups.errors.chairTaken" });
        const names = await database.tenant(tenantC, (tx) =>
          tx.select({ name: orgGroups.name }).from(orgGroups),
        );
        expect(names.map((row) => row.name)).not.toContain("Pådriver sist");
      },
    );
  });

  describe("meetings and decisions", () => {
    let pastMeetingId: string;
    let versionDecisionId: string;

    it("keeps upcoming and past meetings apart, and the next one on the list", async () => {
      const past = await addMeeting({
        database,
        actor: coordinator,
        ...at,
        groupId: steeringId,
        values: {
          meetsOn: addDays(today, -10),
          time: "12:00–14:00",
          place: "Rådhuset",
          agenda: "",
        },
      });
      pastMeetingId = past.id;
      await addMeeting({
        database,
        actor: coordinator,
        ...at,
        groupId: steeringId,
        values: { meetsOn: addDays(today, 20), time: "12:00–14:00", place: "Rådhuset" },
      });
      const bad = await failure(
        addMeeting({
          database,
          actor: coordinator,
          ...at,
          groupId: steeringId,
          values: { meetsOn: "2026-02-30" },
        }),
      );
      expect(bad.fieldErrors).toEqual({ meetsOn: "organisation.groups.errors.meetsOn" });
      const page = await getGroupPage({ database, actor: btsContact, ...at, groupId: steeringId });
      expect(page.upcoming.map((meeting) => meeting.meetsOn)).toEqual([addDays(today, 20)]);
      expect(page.past.map((meeting) => meeting.meetsOn)).toEqual([addDays(today, -10)]);
      const list = await listGroups({ database, actor: btsContact, ...at });
      expect(list.active[0]?.nextMeeting?.meetsOn).toBe(addDays(today, 20));
      expect(list.active[0]?.chairName).toBe("Sverre S");
      expect(list.active[0]?.memberCount).toBe(1);
    });

    it("records a decision on a published guide version, shown with its page and number", async () => {
      const row = await createDecision({
        database,
        actor: coordinator,
        ...at,
        groupId: steeringId,
        values: {
          decidedOn: addDays(today, -10),
          title: "Handlingsveilederen vedtatt",
          description: "Nivå 1 godkjent.",
          meetingId: pastMeetingId,
          contentVersionId: publishedVersionId,
          milestoneId: "",
        },
      });
      versionDecisionId = row.id;
      expect(row.recordedBy).toBe(coordinator.userId);
      const page = await getGroupPage({
        database,
        actor: sectorLeader,
        ...at,
        groupId: steeringId,
      });
      expect(page.canEditGuide).toBe(false);
      expect(page.decisions[0]).toMatchObject({
        title: "Handlingsveilederen vedtatt",
        meeting: { id: pastMeetingId, meetsOn: addDays(today, -10) },
        subject: {
          kind: "version",
          pageId,
          slug: "niva-1",
          title: "Nivå 1",
          number: 3,
          publishedOn: "2026-03-12",
        },
      });
      expect(page.past[0]?.decisionCount).toBe(1);
      const [event] = await auditRows("organisation.decision_saved", row.id);
      expect(event?.details).toMatchObject({
        created: true,
        groupId: steeringId,
        contentVersionId: publishedVersionId,
      });
    });

    it("refuses a future date, no title, both links, a draft version, and foreign references", async () => {
      const base = { decidedOn: today, title: "Vedtak" };
      const refuse = (values: Record<string, unknown>, groupId = steeringId) =>
        failure(createDecision({ database, actor: coordinator, ...at, groupId, values }));
      expect((await refuse({ ...base, decidedOn: inTwoDays, title: "" })).fieldErrors).toEqual({
        decidedOn: "organisation.groups.errors.decidedInFuture",
        title: "organisation.groups.errors.decisionTitle",
      });
      expect(
        (await refuse({ ...base, contentVersionId: publishedVersionId, milestoneId })).fieldErrors,
      ).toEqual({ milestoneId: "organisation.groups.errors.subjectBoth" });
      expect((await refuse({ ...base, contentVersionId: draftVersionId })).fieldErrors).toEqual({
        contentVersionId: "organisation.groups.errors.decisionVersion",
      });
      expect((await refuse({ ...base, milestoneId: milestoneB })).fieldErrors).toEqual({
        milestoneId: "organisation.groups.errors.decisionMilestone",
      });
      // The meeting must be the group's own.
      expect((await refuse({ ...base, meetingId: pastMeetingId }, workingId)).fieldErrors).toEqual({
        meetingId: "organisation.groups.errors.decisionMeeting",
      });
      expect((await refuse({ ...base, decidedOn: "i går" })).fieldErrors).toEqual({
        decidedOn: "organisation.groups.errors.decidedOn",
      });
    });

    it("corrects a decision (audited with the fields) and keeps a superseded version", async () => {
      await database.system((tx) =>
        tx
          .update(contentVersions)
          .set({ state: "superseded" })
          .where(eq(contentVersions.id, publishedVersionId)),
      );
      const form = await decisionForm({
        database,
        actor: coordinator,
        ...at,
        groupId: steeringId,
        decisionId: versionDecisionId,
      });
      expect(form.options.versions.map((version) => version.id)).toContain(publishedVersionId);
      await updateDecision({
        database,
        actor: coordinator,
        ...at,
        groupId: steeringId,
        decisionId: versionDecisionId,
        values: {
          decidedOn: addDays(today, -9),
          title: "Handlingsveilederen vedtatt",
          description: "Nivå 1 godkjent.",
          meetingId: pastMeetingId,
          contentVersionId: publishedVersionId,
        },
      });
      const saved = await auditRows("organisation.decision_saved", versionDecisionId);
      expect(saved.find((row) => row.details.created === false)?.details).toMatchObject({
        fields: ["decidedOn"],
      });
      expect(
        (await auditRows("organisation.decision_viewed", versionDecisionId)).length,
      ).toBeGreaterThanOrEqual(1);
      await database.system((tx) =>
        tx
          .update(contentVersions)
          .set({ state: "published" })
          .where(eq(contentVersions.id, publishedVersionId)),
      );
    });

    it("removes a meeting, keeping its decisions without the link", async () => {
      await removeMeeting({
        database,
        actor: coordinator,
        ...at,
        groupId: steeringId,
        meetingId: pastMeetingId,
      });
      const [decision] = await database.system((tx) =>
        tx.select().from(orgGroupDecisions).where(eq(orgGroupDecisions.id, versionDecisionId)),
      );
      expect(decision?.meetingId).toBeNull();
      expect(await auditRows("organisation.meeting_removed", steeringId)).toHaveLength(1);
    });

    it("lists every decision newest first, by group and year, 25 a page, audited", async () => {
      await createDecision({
        database,
        actor: coordinator,
        ...at,
        groupId: workingId,
        values: { decidedOn: today, title: "Pilotering i tre virksomheter", milestoneId },
      });
      for (let index = 0; index < 25; index += 1) {
        await createDecision({
          database,
          actor: coordinator,
          ...at,
          groupId: workingId,
          values: {
            decidedOn: `2024-05-${String(index + 1).padStart(2, "0")}`,
            title: `Eldre ${index}`,
          },
        });
      }
      const first = await listDecisions({ database, actor: unitLeader, ...at });
      expect(first.total).toBe(27);
      expect(first.pages).toBe(2);
      expect(first.decisions).toHaveLength(25);
      expect(first.decisions[0]).toMatchObject({
        title: "Pilotering i tre virksomheter",
        groupName: "Arbeidsgruppe for brukermedvirkning",
        subject: { kind: "milestone", milestoneId, title: "Pilotering" },
      });
      expect(first.canManage).toBe(false);
      // The years of the dates recorded above (early January, today-9 is in the year before).
      const years = [today, addDays(today, -9), "2024-05-01"].map((date) =>
        Number(date.slice(0, 4)),
      );
      expect(first.years).toEqual([...new Set(years)].sort((a, b) => b - a));
      const second = await listDecisions({
        database,
        actor: unitLeader,
        ...at,
        filters: { page: 2 },
      });
      expect(second.decisions.map((decision) => decision.title)).toEqual(["Eldre 1", "Eldre 0"]);
      const byGroup = await listDecisions({
        database,
        actor: unitLeader,
        ...at,
        filters: { groupId: steeringId },
      });
      expect(byGroup.decisions.map((decision) => decision.title)).toEqual([
        "Handlingsveilederen vedtatt",
      ]);
      const byYear = await listDecisions({
        database,
        actor: unitLeader,
        ...at,
        filters: { year: 2024, groupId: workingId },
      });
      expect(byYear.total).toBe(25);
      const [event] = (await auditRows("organisation.decisions_viewed")).filter(
        (row) =>
          (row.actor as { id: string }).id === unitLeader.userId && row.details.year === 2024,
      );
      expect(event?.details).toMatchObject({ groupId: workingId, year: 2024, page: 1 });
      // The hub reads the latest date and the active groups.
      const hub = await organisationHub({ database, actor: sectorLeader, ...at });
      expect(hub.groups.active).toBe(3);
      expect(hub.decisions).toEqual({ count: 27, latestOn: today });
    });

    it("deletes a group only while it has no decisions, then with its members and meetings", async () => {
      const refused = await failure(
        deleteGroup({ database, actor: coordinator, ...at, groupId: workingId }),
      );
      expect(refused.code).toBe("conflict");
      expect(refused.messageKey).toBe("organisation.groups.errors.hasDecisions");
      const decisions = await listDecisions({
        database,
        actor: coordinator,
        ...at,
        filters: { groupId: workingId, year: Number(today.slice(0, 4)) },
      });
      await deleteDecision({
        database,
        actor: coordinator,
        ...at,
        groupId: workingId,
        decisionId: decisions.decisions[0]!.id,
      });
      expect(
        await auditRows("organisation.decision_deleted", decisions.decisions[0]!.id),
      ).toHaveLength(1);
      const empty = await create(coordinator, {
        kind: "working",
        name: "Kortvarig gruppe",
        mandate: "Prøve.",
      });
      await addMember({
        database,
        actor: coordinator,
        ...at,
        groupId: empty.id,
        values: { name: "Ola" },
      });
      await deleteGroup({ database, actor: coordinator, ...at, groupId: empty.id });
      const left = await database.system((tx) =>
        tx.select().from(orgGroupMembers).where(eq(orgGroupMembers.groupId, empty.id)),
      );
      expect(left).toEqual([]);
      expect(await auditRows("organisation.group_deleted", empty.id)).toHaveLength(1);
    });
  });

  describe("tenant isolation", () => {
    it("never shows or changes another municipality's groups", async () => {
      const listB = await listGroups({ database, actor: coordinatorB, ...at });
      expect(listB.active).toEqual([]);
      expect(
        (await failure(getGroupPage({ database, actor: coordinatorB, ...at, groupId: steeringId })))
          .code,
      ).toBe("not_found");
      expect(
        (
          await failure(
            addMember({
              database,
              actor: coordinatorB,
              ...at,
              groupId: steeringId,
              values: { name: "Inntrenger" },
            }),
          )
        ).code,
      ).toBe("not_found");
      expect(
        (
          await failure(
            createDecision({
              database,
              actor: coordinatorB,
              ...at,
              groupId: steeringId,
              values: { decidedOn: today, title: "Nei" },
            }),
          )
        ).code,
      ).toBe("not_found");
      expect(
        (
          await failure(
            updateGroup({
              database,
              actor: coordinatorB,
              ...at,
              groupId: steeringId,
              values: steering,
            }),
          )
        ).code,
      ).toBe("not_found");
      const logB = await listDecisions({ database, actor: coordinatorB, ...at });
      expect(logB.total).toBe(0);
      // Tenant B may have its own steering group: the rule is per municipality.
      await create(coordinatorB, steering);
      // And a guide version of tenant A is not B's to decide on.
      const foreignVersion = await failure(
        createDecision({
          database,
          actor: coordinatorB,
          ...at,
          groupId: (await listGroups({ database, actor: coordinatorB, ...at })).active[0]!.id,
          values: { decidedOn: today, title: "Vedtak", contentVersionId: publishedVersionId },
        }),
      );
      expect(foreignVersion.fieldErrors).toEqual({
        contentVersionId: "organisation.groups.errors.decisionVersion",
      });
      // Row-level security as the second line: B's transaction sees none of A's rows.
      const seen = await database.tenant(tenantB, (tx) =>
        tx.select().from(orgGroups).where(eq(orgGroups.tenantId, tenantA)),
      );
      expect(seen).toEqual([]);
    });
  });

  describe("pages over HTTP", () => {
    let app: Awaited<ReturnType<typeof testAppWithUi>>["app"];
    let services: Awaited<ReturnType<typeof testAppWithUi>>["services"];

    beforeAll(async () => {
      ({ app, services } = await testAppWithUi(database));
    });

    const get = async (actor: Staff, path: string) =>
      app.request(path, { headers: await browserHeaders(database, services, actor) });

    it("shows a sector leader the groups without edit buttons, and refuses the forms", async () => {
      const g = nb.organisation.groups;
      const list = await get(sectorLeader, "/organisering/grupper");
      expect(list.status).toBe(200);
      const html = await list.text();
      expect(html).toContain("Styringsgruppe for BTI");
      expect(html).toContain(g.readOnly);
      expect(html).not.toContain(g.new);
      const page = await (await get(sectorLeader, `/organisering/grupper/${steeringId}`)).text();
      expect(page).not.toContain(g.page.edit);
      expect(page).not.toContain(g.members.add);
      expect(page).not.toContain(g.decisions.add);
      // The guide link for a reader goes to the guide page, not the editor's history.
      expect(page).toContain('href="/veileder/niva-1"');
      expect((await get(sectorLeader, "/organisering/grupper/ny")).status).toBe(403);
      expect((await get(sectorLeader, `/organisering/grupper/${steeringId}/endre`)).status).toBe(
        403,
      );
      expect((await get(employee, "/organisering")).status).toBe(403);
      expect((await get(coordinatorB, `/organisering/grupper/${steeringId}`)).status).toBe(404);
      const hub = await (await get(sectorLeader, "/organisering")).text();
      expect(hub).toContain(nb.organisation.common.hub.groups.title);
      const log = await (await get(coordinator, "/organisering/vedtak")).text();
      expect(log).toContain(`href="/admin/innhold/${pageId}/historikk"`);
    });

    it("answers an unknown intent with the catalog's message, not English", async () => {
      const response = await app.request(`/organisering/grupper/${steeringId}`, {
        method: "POST",
        headers: {
          ...(await browserHeaders(database, services, coordinator)),
          "content-type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({ intent: "nonsense" }),
      });
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain(nb.errors.invalid);
      expect(html).not.toContain("Unknown intent");
    });

    it("keeps what was typed when the mandate is missing", async () => {
      const response = await app.request("/organisering/grupper/ny", {
        method: "POST",
        headers: {
          ...(await browserHeaders(database, services, coordinator)),
          "content-type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({
          intent: "save",
          kind: "working",
          name: "Arbeidsgruppe for kompetanseheving",
          mandate: "",
          meetingPlan: "Hver måned",
        }),
      });
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain(nb.organisation.groups.errors.mandateRequired);
      expect(html).toContain('value="Arbeidsgruppe for kompetanseheving"');
      expect(html).toContain('value="Hver måned"');
    });
  });
});
