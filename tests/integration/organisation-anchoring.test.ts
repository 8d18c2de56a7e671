import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../core/access/actor.ts";
import { AppError } from "../../core/errors.ts";
import { createMilestone } from "../../core/implementation/plan.ts";
import {
  anchoringFormOptions,
  anchoringTimelineView,
  createAnchoringActivity,
  deleteAnchoringActivity,
  getAnchoringActivity,
  listAnchoring,
  updateAnchoringActivity,
} from "../../core/organisation/anchoring.ts";
import { addDays, osloDate } from "../../core/platform/dates.ts";
import { anchoringActivities, auditEvents, competenceMaterials } from "../../db/schema/index.ts";
import { nb } from "../../i18n/nb.ts";
import { browserHeaders, testAppWithUi } from "../support/app.ts";
import { databaseKinds, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { makeStaff, makeTenant, makeUnit } from "../support/fixtures.ts";

type Staff = Extract<Actor, { kind: "staff" }>;

const meta = { ip: "192.0.2.81", userAgent: "vitest", requestId: "req-anchoring" };
const a = nb.organisation.anchoring;

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

const valid = {
  occurredOn: "2025-09-15",
  audienceKind: "politicians",
  audience: "Levekårsutvalget",
  mode: "informed",
  channel: "presentation",
  summary: "Orientering om BTS-prosjektet",
  material: "Saksframlegg",
  materialId: "",
  followUp: "",
  followUpDueOn: "",
  followUpDoneOn: "",
  responsibleUserId: "",
  milestoneId: "",
};

describe.each(databaseKinds)("anchoring log on %s", (kind) => {
  let database: TestDatabase;
  let tenantA: string;
  let tenantB: string;
  let coordinator: Staff;
  let coordinatorB: Staff;
  let sectorLeader: Staff;
  let unitLeader: Staff;
  let btsContact: Staff;
  let employee: Staff;
  let materialA: string;
  let materialB: string;
  let milestoneA: string;
  let milestoneB: string;

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
    [materialA, materialB] = await database.system(async (tx) => {
      const [one] = await tx
        .insert(competenceMaterials)
        .values({ tenantId: tenantA, kind: "text", title: "BTS-modellen på én side" })
        .returning();
      const [two] = await tx
        .insert(competenceMaterials)
        .values({ tenantId: tenantB, kind: "text", title: "Bviks materiell" })
        .returning();
      return [one!.id, two!.id];
    });
    const milestone = {
      title: "Pilotering",
      kind: "activity",
      startsOn: "2025-10-01",
      endsOn: "2026-02-28",
      responsible: "Koordinator",
    };
    milestoneA = (
      await createMilestone({ database, actor: coordinator, meta, values: milestone, today })
    ).id;
    milestoneB = (
      await createMilestone({ database, actor: coordinatorB, meta, values: milestone, today })
    ).id;
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

  const create = (actor: Staff, values: Record<string, unknown>, day = today) =>
    createAnchoringActivity({ database, actor, meta, values, today: day });

  describe("writing", () => {
    it("lets the coordinator record an activity with material, follow-up and milestone, audited without text", async () => {
      const row = await create(coordinator, {
        ...valid,
        materialId: materialA,
        followUp: "Sende referatet til utvalget",
        followUpDueOn: "2025-10-01",
        responsibleUserId: coordinator.userId,
        milestoneId: milestoneA,
      });
      expect(row).toMatchObject({
        tenantId: tenantA,
        occurredOn: "2025-09-15",
        audienceKind: "politicians",
        audience: "Levekårsutvalget",
        mode: "informed",
        channel: "presentation",
        materialId: materialA,
        followUp: "Sende referatet til utvalget",
        followUpDueOn: "2025-10-01",
        followUpDoneOn: null,
        responsibleUserId: coordinator.userId,
        milestoneId: milestoneA,
        createdBy: coordinator.userId,
      });
      const [event] = await auditRows("anchoring.activity_saved", row.id);
      expect(event?.tenantId).toBe(tenantA);
      expect(event?.actor).toMatchObject({ kind: "staff", id: coordinator.userId });
      expect(event?.details).toEqual({
        created: true,
        audienceKind: "politicians",
        mode: "informed",
        channel: "presentation",
        followUp: "overdue",
        milestoneId: milestoneA,
        materialId: materialA,
      });
      const text = JSON.stringify(event?.details);
      expect(text).not.toContain("Levekårsutvalget");
      expect(text).not.toContain("referatet");

      const view = await getAnchoringActivity({
        database,
        actor: coordinator,
        meta,
        activityId: row.id,
        today,
      });
      expect(view).toMatchObject({
        followUpState: "overdue",
        materialTitle: "BTS-modellen på én side",
        milestoneTitle: "Pilotering",
        responsibleName: "Kari K",
        planned: false,
      });
      expect(await auditRows("anchoring.activity_viewed", row.id)).toHaveLength(1);
    });

    it("refuses missing date, audience, mode and channel with Norwegian messages", async () => {
      const error = await failure(
        create(coordinator, {
          ...valid,
          occurredOn: "",
          audienceKind: "",
          audience: "  ",
          mode: undefined,
          channel: "fax",
        }),
      );
      expect(error.code).toBe("validation");
      expect(error.fieldErrors).toEqual({
        occurredOn: "organisation.anchoring.errors.occurredOn",
        audienceKind: "organisation.anchoring.errors.audienceKind",
        audience: "organisation.anchoring.errors.audienceRequired",
        mode: "organisation.anchoring.errors.mode",
        channel: "organisation.anchoring.errors.channel",
      });
      expect(a.errors.audienceRequired).toContain("Levekårsutvalget");
      expect(
        (await failure(create(coordinator, { ...valid, occurredOn: "2025-02-30" }))).fieldErrors,
      ).toEqual({ occurredOn: "organisation.anchoring.errors.occurredOn" });
    });

    it("checks the follow-up: text for a due date, done date not in the future nor before the activity", async () => {
      expect(
        (await failure(create(coordinator, { ...valid, followUpDueOn: "2025-10-01" }))).fieldErrors,
      ).toEqual({ followUp: "organisation.anchoring.errors.followUpRequired" });
      expect(
        (await failure(create(coordinator, { ...valid, followUpDoneOn: "2025-10-01" })))
          .fieldErrors,
      ).toEqual({ followUp: "organisation.anchoring.errors.followUpRequired" });
      expect(
        (
          await failure(
            create(coordinator, { ...valid, followUp: "Referat", followUpDoneOn: "2026-03-16" }),
          )
        ).fieldErrors,
      ).toEqual({ followUpDoneOn: "organisation.anchoring.errors.doneInFuture" });
      expect(
        (
          await failure(
            create(coordinator, { ...valid, followUp: "Referat", followUpDoneOn: "2025-09-14" }),
          )
        ).fieldErrors,
      ).toEqual({ followUpDoneOn: "organisation.anchoring.errors.doneBeforeActivity" });
      expect(
        (
          await failure(
            create(coordinator, { ...valid, followUp: "Referat", followUpDueOn: "2025-09-01" }),
          )
        ).fieldErrors,
      ).toEqual({ followUpDueOn: "organisation.anchoring.errors.dueBeforeActivity" });
      // Done today, on the activity's own day, is fine; so is a planned activity ahead.
      const done = await create(coordinator, {
        ...valid,
        occurredOn: today,
        followUp: "Referat",
        followUpDoneOn: today,
      });
      expect(done.followUpDoneOn).toBe(today);
      const planned = await create(coordinator, { ...valid, occurredOn: "2026-05-01" });
      const view = await getAnchoringActivity({
        database,
        actor: coordinator,
        meta,
        activityId: planned.id,
        today,
      });
      expect(view.planned).toBe(true);
      expect(view.followUpState).toBe("none");
    });

    it("refuses another municipality's material, milestone or staff member", async () => {
      const error = await failure(
        create(coordinator, {
          ...valid,
          materialId: materialB,
          milestoneId: milestoneB,
          responsibleUserId: coordinatorB.userId,
        }),
      );
      expect(error.fieldErrors).toEqual({
        materialId: "organisation.anchoring.errors.material",
        milestoneId: "organisation.anchoring.errors.milestone",
        responsibleUserId: "organisation.anchoring.errors.responsible",
      });
      expect(
        (await failure(create(coordinator, { ...valid, milestoneId: "not-an-id" }))).fieldErrors,
      ).toEqual({ milestoneId: "organisation.anchoring.errors.milestone" });
    });

    it("updates with the changed field names audited, and deletes with an audit row", async () => {
      const row = await create(coordinator, valid);
      const updated = await updateAnchoringActivity({
        database,
        actor: coordinator,
        meta,
        activityId: row.id,
        today,
        values: { ...valid, mode: "involved", followUp: "Nytt møte", followUpDueOn: "2026-04-01" },
      });
      expect(updated).toMatchObject({ mode: "involved", followUpDueOn: "2026-04-01" });
      const saved = await auditRows("anchoring.activity_saved", row.id);
      expect(saved).toHaveLength(2);
      expect(saved.find((event) => event.details.created === false)?.details).toMatchObject({
        created: false,
        fields: ["mode", "followUp", "followUpDueOn"],
        followUp: "open",
      });
      // Saving the same again writes no audit row.
      await updateAnchoringActivity({
        database,
        actor: coordinator,
        meta,
        activityId: row.id,
        today,
        values: { ...valid, mode: "involved", followUp: "Nytt møte", followUpDueOn: "2026-04-01" },
      });
      expect(await auditRows("anchoring.activity_saved", row.id)).toHaveLength(2);

      await deleteAnchoringActivity({ database, actor: coordinator, meta, activityId: row.id });
      expect(
        (
          await failure(
            getAnchoringActivity({ database, actor: coordinator, meta, activityId: row.id }),
          )
        ).code,
      ).toBe("not_found");
      const [deleted] = await auditRows("anchoring.activity_deleted", row.id);
      expect(deleted?.details).toEqual({ audienceKind: "politicians", mode: "involved" });
    });

    it("lets sector leaders, unit leaders and BTS contacts read but not write; employees neither", async () => {
      const row = await create(coordinator, { ...valid, audience: "Lesbar aktivitet" });
      for (const reader of [sectorLeader, unitLeader, btsContact]) {
        const log = await listAnchoring({ database, actor: reader, meta, today });
        expect(log.canManage).toBe(false);
        expect(log.activities.map((item) => item.id)).toContain(row.id);
        const timeline = await anchoringTimelineView({ database, actor: reader, meta, today });
        expect(timeline.canManage).toBe(false);
        expect((await failure(create(reader, valid))).code).toBe("forbidden");
        expect(
          (
            await failure(
              updateAnchoringActivity({
                database,
                actor: reader,
                meta,
                activityId: row.id,
                values: valid,
              }),
            )
          ).code,
        ).toBe("forbidden");
        expect(
          (
            await failure(
              deleteAnchoringActivity({ database, actor: reader, meta, activityId: row.id }),
            )
          ).code,
        ).toBe("forbidden");
        expect((await failure(anchoringFormOptions({ database, actor: reader }))).code).toBe(
          "forbidden",
        );
      }
      expect((await failure(listAnchoring({ database, actor: employee, meta }))).code).toBe(
        "forbidden",
      );
      expect((await failure(anchoringTimelineView({ database, actor: employee, meta }))).code).toBe(
        "forbidden",
      );
    });
  });

  describe("reading", () => {
    it("filters by audience kind, mode, open follow-ups and year, 25 a page, newest first, audited", async () => {
      const fresh = await makeTenant(database, "Cvik kommune");
      const boss = await makeStaff(database, fresh.id, { roles: ["coordinator"] });
      const values: (typeof anchoringActivities.$inferInsert)[] = [];
      for (let index = 0; index < 27; index += 1) {
        values.push({
          tenantId: fresh.id,
          occurredOn: addDays("2025-01-01", index * 10),
          audienceKind: index % 3 === 0 ? "union" : "staff",
          audience: `Møte ${index + 1}`,
          mode: index % 2 === 0 ? "informed" : "involved",
          channel: "meeting",
          followUp: index < 3 ? "Følge opp" : "",
          followUpDueOn: index === 0 ? "2025-02-01" : null,
          followUpDoneOn: index === 1 ? addDays("2025-01-01", 15) : null,
        });
      }
      await database.system((tx) => tx.insert(anchoringActivities).values(values));
      const first = await listAnchoring({ database, actor: boss, meta, today });
      expect(first.total).toBe(27);
      expect(first.pages).toBe(2);
      expect(first.activities).toHaveLength(25);
      expect(first.activities[0]?.audience).toBe("Møte 27");
      expect(first.overdueCount).toBe(1);
      expect(first.years).toEqual([2025]);
      const second = await listAnchoring({
        database,
        actor: boss,
        meta,
        today,
        filters: { page: 2 },
      });
      expect(second.activities.map((item) => item.audience)).toEqual(["Møte 2", "Møte 1"]);
      const union = await listAnchoring({
        database,
        actor: boss,
        meta,
        today,
        filters: { audienceKind: "union", mode: "informed" },
      });
      // Union every third (0, 3, 6 …), informed every second: 0, 6, 12, 18, 24.
      expect(union.total).toBe(5);
      const open = await listAnchoring({
        database,
        actor: boss,
        meta,
        today,
        filters: { openFollowUp: true },
      });
      expect(open.activities.map((item) => [item.audience, item.followUpState])).toEqual([
        ["Møte 3", "open"],
        ["Møte 1", "overdue"],
      ]);
      const otherYear = await listAnchoring({
        database,
        actor: boss,
        meta,
        today,
        filters: { year: 2024 },
      });
      expect(otherYear.total).toBe(0);
      const events = (await auditRows("anchoring.log_viewed")).filter(
        (event) => event.tenantId === fresh.id,
      );
      expect(events).toHaveLength(5);
      expect(events.map((event) => event.details)).toContainEqual({
        audienceKind: "union",
        mode: "informed",
        openFollowUp: false,
        year: null,
        page: 1,
        shown: 5,
        total: 5,
      });
    });

    it("shows milestones and activities side by side by quarter, with a year filter, audited", async () => {
      const fresh = await makeTenant(database, "Dvik kommune");
      const boss = await makeStaff(database, fresh.id, { roles: ["coordinator"] });
      const kickoff = await createMilestone({
        database,
        actor: boss,
        meta,
        today,
        values: {
          title: "Kick-off",
          kind: "activity",
          startsOn: "2025-10-06",
          endsOn: "2025-10-06",
          responsible: "Koordinator",
        },
      });
      await createMilestone({
        database,
        actor: boss,
        meta,
        today,
        values: {
          title: "Evaluering",
          kind: "evaluation",
          startsOn: "2026-05-01",
          endsOn: "2026-06-30",
          responsible: "Koordinator",
        },
      });
      const mayor = await create(boss, {
        ...valid,
        occurredOn: "2025-08-17",
        audienceKind: "mayor",
        audience: "Ordfører og varaordfører",
        milestoneId: kickoff.id,
      });
      const paper = await create(boss, {
        ...valid,
        occurredOn: "2025-10-10",
        audienceKind: "citizens",
        audience: "Lokalavisa",
        channel: "newspaper",
        milestoneId: kickoff.id,
      });
      const view = await anchoringTimelineView({ database, actor: boss, meta, today });
      expect(view.years).toEqual([2025, 2026]);
      expect(view.quarters.map((quarter) => quarter.key)).toEqual([
        "2025-Q3",
        "2025-Q4",
        "2026-Q2",
      ]);
      const q4 = view.quarters[1]!;
      expect(q4.milestones.map((item) => item.title)).toEqual(["Kick-off"]);
      expect(q4.activities.map((item) => item.id)).toEqual([paper.id]);
      expect(q4.milestones[0]).toMatchObject({
        status: "overdue",
        anchoring: { count: 2, firstOn: "2025-08-17", beforeStart: true },
      });
      expect(view.quarters[0]!.activities[0]).toMatchObject({
        id: mayor.id,
        milestoneTitle: "Kick-off",
        mode: "informed",
      });
      expect(view.quarters[2]!.activities).toEqual([]);
      const only2026 = await anchoringTimelineView({
        database,
        actor: boss,
        meta,
        today,
        year: 2026,
      });
      expect(only2026.year).toBe(2026);
      expect(only2026.quarters.map((quarter) => quarter.key)).toEqual(["2026-Q2"]);
      const events = (await auditRows("anchoring.timeline_viewed")).filter(
        (event) => event.tenantId === fresh.id,
      );
      expect(events.map((event) => event.details)).toEqual([
        { year: null, quarters: 3 },
        { year: 2026, quarters: 1 },
      ]);
    });

    it("keeps each municipality to its own log", async () => {
      const own = await create(coordinator, { ...valid, audience: "Avik-aktivitet" });
      const foreign = await create(coordinatorB, { ...valid, audience: "Bvik-aktivitet" });
      const logB = await listAnchoring({ database, actor: coordinatorB, meta, today });
      expect(logB.activities.map((item) => item.id)).toEqual([foreign.id]);
      const timelineB = await anchoringTimelineView({ database, actor: coordinatorB, meta, today });
      const idsB = timelineB.quarters.flatMap((quarter) =>
        quarter.activities.map((item) => item.id),
      );
      expect(idsB).toEqual([foreign.id]);
      expect(timelineB.quarters.flatMap((quarter) => quarter.milestones.map((m) => m.id))).toEqual([
        milestoneB,
      ]);
      for (const work of [
        getAnchoringActivity({ database, actor: coordinatorB, meta, activityId: own.id }),
        updateAnchoringActivity({
          database,
          actor: coordinatorB,
          meta,
          activityId: own.id,
          values: valid,
        }),
        deleteAnchoringActivity({ database, actor: coordinatorB, meta, activityId: own.id }),
      ]) {
        expect((await failure(work)).code).toBe("not_found");
      }
      const options = await anchoringFormOptions({ database, actor: coordinatorB });
      expect(options.materials.map((item) => item.id)).toEqual([materialB]);
      expect(options.milestones.map((item) => item.id)).toEqual([milestoneB]);
      expect(options.staff.map((item) => item.id)).toEqual([coordinatorB.userId]);
      // Row-level security as the second line: B's transaction sees none of A's rows.
      const seen = await database.tenant(tenantB, (tx) =>
        tx.select({ id: anchoringActivities.id }).from(anchoringActivities),
      );
      expect(seen.map((row) => row.id)).not.toContain(own.id);
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

    it("shows the log and the timeline read-only to a sector leader and refuses the forms", async () => {
      await create(coordinator, { ...valid, audience: "Sidevisning-aktivitet" });
      const response = await get(sectorLeader, "/organisering/forankring");
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain(a.readOnly);
      expect(html).toContain("Sidevisning-aktivitet");
      expect(html).not.toContain(a.new);
      expect(html).not.toMatch(/href="\/organisering\/forankring\/[0-9a-f-]{36}"/);
      const timeline = await get(btsContact, "/organisering/forankring/tidslinje");
      expect(timeline.status).toBe(200);
      const timelineHtml = await timeline.text();
      expect(timelineHtml).toContain(a.timeline.planHeading);
      expect(timelineHtml).not.toMatch(/href="\/organisering\/forankring\/[0-9a-f-]{36}"/);
      expect(
        (
          await get(
            unitLeader,
            "/organisering/forankring?hvem=union&form=involvert&oppfolging=apne&ar=2025",
          )
        ).status,
      ).toBe(200);
      expect((await get(sectorLeader, "/organisering/forankring/ny")).status).toBe(403);
      expect((await get(employee, "/organisering/forankring")).status).toBe(403);
      expect((await get(employee, "/organisering/forankring/tidslinje")).status).toBe(403);
      const plan = await (await get(unitLeader, "/implementering/plan")).text();
      expect(plan).toContain('href="/organisering/forankring/tidslinje"');
      expect(plan).toContain(nb.implementation.plan.milestones.anchoringLink);
    });

    it("keeps what was typed and shows the messages when the form fails", async () => {
      const headers = await browserHeaders(database, services, coordinator);
      const future = addDays(osloDate(), 3);
      const body = new URLSearchParams({
        intent: "save",
        occurredOn: "",
        audienceKind: "union",
        audience: "Hovedtillitsvalgte",
        mode: "involved",
        channel: "meeting",
        summary: "Gjennomgang av prosjektplanen",
        followUp: "",
        followUpDueOn: "2026-01-01",
        followUpDoneOn: future,
      });
      const response = await app.request("/organisering/forankring/ny", {
        method: "POST",
        headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
        body,
      });
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain(a.errors.occurredOn);
      expect(html).toContain(a.errors.followUpRequired);
      expect(html).toContain(a.errors.doneInFuture);
      expect(html).toContain('value="Hovedtillitsvalgte"');
      expect(html).toContain("Gjennomgang av prosjektplanen");
      expect(html).toContain(`value="${future}"`);
      expect(html).toMatch(/value="union" selected=""|<option value="union" selected/);
    });

    it("creates, edits and deletes through the forms, with a confirmation before deleting", async () => {
      const headers = {
        ...(await browserHeaders(database, services, coordinator)),
        "content-type": "application/x-www-form-urlencoded",
      };
      const created = await app.request("/organisering/forankring/ny", {
        method: "POST",
        headers,
        body: new URLSearchParams({ ...valid, intent: "save", audience: "Skjemaaktivitet" }),
        redirect: "manual",
      });
      expect(created.status).toBe(302);
      expect(created.headers.get("location")).toMatch(
        /^\/organisering\/forankring\?melding=organisation\.anchoring\.created&navn=Skjemaaktivitet$/,
      );
      const [row] = await database.system((tx) =>
        tx
          .select()
          .from(anchoringActivities)
          .where(eq(anchoringActivities.audience, "Skjemaaktivitet")),
      );
      const edit = await app.request(`/organisering/forankring/${row!.id}`, { headers });
      expect(edit.status).toBe(200);
      expect(await edit.text()).toContain('value="Skjemaaktivitet"');
      const saved = await app.request(`/organisering/forankring/${row!.id}`, {
        method: "POST",
        headers,
        body: new URLSearchParams({ ...valid, intent: "save", audience: "Skjemaaktivitet 2" }),
        redirect: "manual",
      });
      expect(saved.status).toBe(302);
      const confirm = await app.request(`/organisering/forankring/${row!.id}?bekreft=slett`, {
        headers,
      });
      expect(await confirm.text()).toContain(
        a.deleteConfirm
          .replace("{{audience}}", "Skjemaaktivitet 2")
          .replace("{{date}}", "15.09.2025"),
      );
      const deleted = await app.request(`/organisering/forankring/${row!.id}`, {
        method: "POST",
        headers,
        body: new URLSearchParams({ intent: "delete" }),
        redirect: "manual",
      });
      expect(deleted.status).toBe(302);
      expect(await auditRows("anchoring.activity_deleted", row!.id)).toHaveLength(1);
      const refused = await app.request(`/organisering/forankring/${row!.id}`, {
        method: "POST",
        headers: {
          ...(await browserHeaders(database, services, btsContact)),
          "content-type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({ intent: "delete" }),
        redirect: "manual",
      });
      expect(refused.status).toBe(403);
    });

    it("answers 404 for another municipality's activity", async () => {
      const foreign = await create(coordinatorB, { ...valid, audience: "Bvik side" });
      expect((await get(coordinator, `/organisering/forankring/${foreign.id}`)).status).toBe(404);
      expect((await get(coordinator, "/organisering/forankring/ikke-en-id")).status).toBe(404);
    });
  });
});
