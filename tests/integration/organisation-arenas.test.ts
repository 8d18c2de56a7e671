import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../core/access/actor.ts";
import { AppError } from "../../core/errors.ts";
import {
  arenaForm,
  arenaReviewForm,
  createArena,
  deleteArena,
  getArena,
  listArenaOverlaps,
  listArenas,
  listReviewYear,
  reopenArena,
  saveArenaReview,
  updateArena,
} from "../../core/organisation/arenas.ts";
import { addDays, osloDate } from "../../core/platform/dates.ts";
import {
  auditEvents,
  collaborationArenaReviews,
  collaborationArenas,
} from "../../db/schema/index.ts";
import { nb } from "../../i18n/nb.ts";
import { browserHeaders, testAppWithUi } from "../support/app.ts";
import { databaseKinds, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { makeStaff, makeTenant, makeUnit } from "../support/fixtures.ts";

type Staff = Extract<Actor, { kind: "staff" }>;

const meta = { ip: "192.0.2.88", userAgent: "vitest", requestId: "req-org-arenas" };
const today = "2026-05-10";
const lastYear = 2025;

async function failure(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the use case to fail");
}

const valid = {
  name: "Oppvekstteam Avik skole",
  purpose: "Avdekke sosiale og faglige vansker tidlig",
  targetGroups: ["primary_school"],
  services: ["grunnskole", "ppt", "barneverntjenesten"],
  participants: "Rektor, PPT og barneverntjenesten",
  frequency: "monthly",
  frequencyNote: "Første tirsdag",
  leaderUserId: "",
  leaderName: "Rektor",
  btiLevels: ["1", "2"],
  unitId: "",
};

const review = (values: Record<string, unknown> = {}) => ({
  reviewId: "",
  year: "2026",
  reviewedOn: "2026-04-02",
  needed: "yes",
  works: "well",
  decision: "keep",
  reasons: "Arenaen fungerer godt.",
  changes: "",
  ...values,
});

describe.each(databaseKinds)("collaboration arenas on %s", (kind) => {
  let database: TestDatabase;
  let tenantA: string;
  let tenantB: string;
  let schoolId: string;
  let foreignUnitId: string;
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
    schoolId = (await makeUnit(database, tenantA, "Avik skole")).id;
    foreignUnitId = (await makeUnit(database, tenantB, "Bvik skole")).id;
    coordinator = await makeStaff(database, tenantA, { roles: ["coordinator"], name: "Kari K" });
    coordinatorB = await makeStaff(database, tenantB, { roles: ["coordinator"] });
    sectorLeader = await makeStaff(database, tenantA, { roles: ["sector_leader"] });
    unitLeader = await makeStaff(database, tenantA, {
      roles: ["unit_leader"],
      unitIds: [schoolId],
    });
    btsContact = await makeStaff(database, tenantA, {
      roles: ["bts_contact", "employee"],
      unitIds: [schoolId],
    });
    employee = await makeStaff(database, tenantA, { roles: ["employee"], unitIds: [schoolId] });
  });
  afterAll(() => database.drop());

  async function auditRows(type: string, subjectId?: string) {
    return database.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.eventType, type),
            subjectId ? eq(auditEvents.subjectId, subjectId) : undefined,
          ),
        ),
    );
  }

  const create = (actor: Staff, values: Record<string, unknown>) =>
    createArena({ database, actor, meta, values });
  const saveReview = (actor: Staff, arenaId: string, values: Record<string, unknown>) =>
    saveArenaReview({ database, actor, meta, arenaId, values, today });

  describe("the register", () => {
    it("lets the coordinator register an arena, audited with codes and no free text", async () => {
      const row = await create(coordinator, { ...valid, unitId: schoolId });
      expect(row).toMatchObject({
        tenantId: tenantA,
        name: "Oppvekstteam Avik skole",
        targetGroups: ["primary_school"],
        services: ["grunnskole", "ppt", "barneverntjenesten"],
        frequency: "monthly",
        frequencyNote: "Første tirsdag",
        leaderName: "Rektor",
        btiLevels: [1, 2],
        unitId: schoolId,
        closedOn: null,
      });
      const [event] = await auditRows("arena.saved", row.id);
      expect(event?.actor).toMatchObject({ kind: "staff", id: coordinator.userId });
      expect(event?.details).toMatchObject({ action: "created", btiLevels: [1, 2] });
      expect(JSON.stringify(event?.details)).not.toContain("Avdekke");

      const { arena } = await getArena({
        database,
        actor: coordinator,
        meta,
        arenaId: row.id,
        today,
      });
      expect(arena).toMatchObject({
        unitName: "Avik skole",
        active: true,
        latestReview: null,
        reviewedThisYear: null,
        btiLevels: [1, 2],
      });
    });

    it("reports every missing field at once, with its own message", async () => {
      const error = await failure(
        create(coordinator, {
          name: " ",
          purpose: "",
          targetGroups: [],
          frequency: "",
          btiLevels: [],
        }),
      );
      expect(error.code).toBe("validation");
      expect(error.fieldErrors).toEqual({
        name: "organisation.arenas.errors.nameRequired",
        purpose: "organisation.arenas.errors.purposeRequired",
        targetGroups: "organisation.arenas.errors.targetGroupsRequired",
        services: "organisation.arenas.errors.servicesRequired",
        frequency: "organisation.arenas.errors.frequency",
        btiLevels: "organisation.arenas.errors.btiLevelsRequired",
      });
      const bad = await failure(
        create(coordinator, {
          ...valid,
          name: "Ukjente koder",
          targetGroups: ["teenagers"],
          services: ["ppt", "hospital"],
          btiLevels: ["4"],
        }),
      );
      expect(bad.fieldErrors).toEqual({
        targetGroups: "organisation.arenas.errors.targetGroups",
        services: "organisation.arenas.errors.services",
        btiLevels: "organisation.arenas.errors.btiLevels",
      });
      // The catalog has the words for each message.
      expect(nb.organisation.arenas.errors.targetGroupsRequired).toBe("Velg minst én målgruppe.");
    });

    it("keeps names unique in the municipality, whatever the case, also beside other errors", async () => {
      const error = await failure(
        create(coordinator, { ...valid, name: "OPPVEKSTTEAM avik SKOLE", purpose: "" }),
      );
      expect(error.fieldErrors).toEqual({
        name: "organisation.arenas.errors.nameTaken",
        purpose: "organisation.arenas.errors.purposeRequired",
      });
      const other = await create(coordinator, { ...valid, name: "Ressursteam barnehage" });
      const renamed = await failure(
        updateArena({
          database,
          actor: coordinator,
          meta,
          arenaId: other.id,
          values: { ...valid, name: "Oppvekstteam avik skole" },
        }),
      );
      expect(renamed.fieldErrors).toEqual({ name: "organisation.arenas.errors.nameTaken" });
      // Another municipality may use the same name.
      const elsewhere = await create(coordinatorB, { ...valid });
      expect(elsewhere.tenantId).toBe(tenantB);
    });

    it("refuses a leader or unit of another municipality", async () => {
      const error = await failure(
        create(coordinator, {
          ...valid,
          name: "Fremmed leder",
          leaderUserId: coordinatorB.userId,
          unitId: foreignUnitId,
        }),
      );
      expect(error.fieldErrors).toEqual({
        leaderUserId: "organisation.arenas.errors.leader",
        unitId: "organisation.arenas.errors.unit",
      });
      const led = await create(coordinator, {
        ...valid,
        name: "Ledet av koordinatoren",
        leaderUserId: coordinator.userId,
        leaderName: "",
      });
      const { arena } = await getArena({
        database,
        actor: btsContact,
        meta,
        arenaId: led.id,
        today,
      });
      expect(arena).toMatchObject({ leaderUserName: "Kari K", leaderName: "" });
    });

    it("updates an arena and audits the changed field names only", async () => {
      const row = await create(coordinator, { ...valid, name: "Endres senere" });
      await updateArena({
        database,
        actor: coordinator,
        meta,
        arenaId: row.id,
        values: { ...valid, name: "Endres senere", frequency: "weekly", btiLevels: ["0", "1"] },
      });
      const events = await auditRows("arena.saved", row.id);
      expect(events.map((event) => event.details)).toContainEqual({
        action: "updated",
        fields: ["frequency", "btiLevels"],
      });
    });

    it("lets sector leaders, unit leaders and BTS contacts read but never write; employees not even read", async () => {
      const row = await create(coordinator, { ...valid, name: "Lesbar arena" });
      for (const reader of [sectorLeader, unitLeader, btsContact]) {
        const list = await listArenas({ database, actor: reader, meta, today });
        expect(list.canManage).toBe(false);
        expect(list.arenas.map((arena) => arena.id)).toContain(row.id);
        const page = await getArena({ database, actor: reader, meta, arenaId: row.id, today });
        expect(page.canManage).toBe(false);
        expect(
          (await listReviewYear({ database, actor: reader, meta, year: 2026, today })).canManage,
        ).toBe(false);
        expect((await listArenaOverlaps({ database, actor: reader, meta, today })).canManage).toBe(
          false,
        );
        for (const work of [
          () => create(reader, { ...valid, name: "Ikke lov" }),
          () => updateArena({ database, actor: reader, meta, arenaId: row.id, values: valid }),
          () => deleteArena({ database, actor: reader, meta, arenaId: row.id }),
          () => reopenArena({ database, actor: reader, meta, arenaId: row.id }),
          () => saveReview(reader, row.id, review()),
          () => arenaForm({ database, actor: reader, meta, arenaId: row.id }),
          () =>
            arenaReviewForm({ database, actor: reader, meta, arenaId: row.id, year: 2026, today }),
        ]) {
          expect((await failure(work())).code).toBe("forbidden");
        }
      }
      for (const work of [
        () => listArenas({ database, actor: employee, meta, today }),
        () => getArena({ database, actor: employee, meta, arenaId: row.id, today }),
        () => listReviewYear({ database, actor: employee, meta, year: 2026, today }),
        () => listArenaOverlaps({ database, actor: employee, meta, today }),
      ]) {
        expect((await failure(work())).code).toBe("forbidden");
      }
    });

    it("audits every page read", async () => {
      const row = await create(coordinator, { ...valid, name: "Revidert lesing" });
      const reader = await makeStaff(database, tenantA, {
        roles: ["unit_leader"],
        unitIds: [schoolId],
      });
      await listArenas({
        database,
        actor: reader,
        meta,
        today,
        filters: { targetGroup: "primary_school", notReviewed: true },
      });
      await getArena({ database, actor: reader, meta, arenaId: row.id, today });
      await listReviewYear({ database, actor: reader, meta, year: 2026, today });
      await listArenaOverlaps({ database, actor: reader, meta, today });
      await arenaForm({ database, actor: coordinator, meta, arenaId: row.id });
      await arenaReviewForm({
        database,
        actor: coordinator,
        meta,
        arenaId: row.id,
        year: 2026,
        today,
      });
      const mine = (rows: (typeof auditEvents.$inferSelect)[], userId: string) =>
        rows.filter((event) => (event.actor as { id: string }).id === userId);
      const listed = mine(await auditRows("arena.list_viewed"), reader.userId);
      expect(listed.at(-1)?.details).toMatchObject({
        targetGroup: "primary_school",
        notReviewed: true,
        status: "active",
      });
      expect(mine(await auditRows("arena.viewed", row.id), reader.userId)).toHaveLength(1);
      expect(
        mine(await auditRows("arena.viewed", row.id), coordinator.userId).map(
          (event) => (event.details as { page: string }).page,
        ),
      ).toEqual(["edit", "review"]);
      expect(mine(await auditRows("arena.reviews_viewed"), reader.userId)).toHaveLength(1);
      expect(mine(await auditRows("arena.overlaps_viewed"), reader.userId)).toHaveLength(1);
      expect(listed[0]?.tenantId).toBe(tenantA);
    });
  });

  describe("filters and pages", () => {
    let tenantC: string;
    let coordinatorC: Staff;

    beforeAll(async () => {
      tenantC = (await makeTenant(database, "Cvik kommune")).id;
      coordinatorC = await makeStaff(database, tenantC, { roles: ["coordinator"] });
      // 26 school teams (two pages), one kindergarten team reviewed this year, one closed.
      for (let index = 1; index <= 26; index += 1) {
        await create(coordinatorC, {
          ...valid,
          name: `Team ${String(index).padStart(2, "0")}`,
          btiLevels: ["1"],
        });
      }
      const kindergarten = await create(coordinatorC, {
        ...valid,
        name: "Barnehageteam",
        targetGroups: ["kindergarten"],
        services: ["barnehage", "ppt"],
        btiLevels: ["3"],
      });
      await saveReview(coordinatorC, kindergarten.id, review());
      const closed = await create(coordinatorC, {
        ...valid,
        name: "Nedlagt team",
        services: ["nav"],
      });
      await saveReview(coordinatorC, closed.id, review({ decision: "close" }));
      // Registered early in the year the tests pretend it is (the clock may be in another year).
      await database.system((tx) =>
        tx
          .update(collaborationArenas)
          .set({ createdAt: new Date("2026-01-05T10:00:00Z") })
          .where(eq(collaborationArenas.tenantId, tenantC)),
      );
    });

    const list = (filters: Parameters<typeof listArenas>[0]["filters"]) =>
      listArenas({ database, actor: coordinatorC, meta, today, filters });

    it("shows 25 active arenas a page, by name", async () => {
      const first = await list({});
      expect(first.total).toBe(27);
      expect(first.pages).toBe(2);
      expect(first.arenas).toHaveLength(25);
      expect(first.arenas[0]?.name).toBe("Barnehageteam");
      const second = await list({ page: 2 });
      expect(second.arenas.map((arena) => arena.name)).toEqual(["Team 25", "Team 26"]);
      expect((await list({ page: 99 })).page).toBe(2);
      expect(first.notReviewedCount).toBe(26);
      expect(first.allCount).toBe(28);
    });

    it("filters by target group, service, level, status and «not reviewed this year»", async () => {
      const names = async (filters: Parameters<typeof list>[0]) =>
        (await list(filters)).arenas.map((arena) => arena.name);
      expect(await names({ targetGroup: "kindergarten" })).toEqual(["Barnehageteam"]);
      expect(await names({ service: "barnehage" })).toEqual(["Barnehageteam"]);
      expect(await names({ btiLevel: 3 })).toEqual(["Barnehageteam"]);
      expect(await names({ status: "closed" })).toEqual(["Nedlagt team"]);
      expect((await list({ status: "all" })).total).toBe(28);
      expect((await list({ notReviewed: true })).total).toBe(26);
      expect(await names({ notReviewed: true, targetGroup: "kindergarten" })).toEqual([]);
      const [kindergarten] = (await list({ targetGroup: "kindergarten" })).arenas;
      expect(kindergarten?.reviewedThisYear).toEqual({
        decision: "keep",
        reviewedOn: "2026-04-02",
      });
    });

    it("counts the year's decisions in the yearly overview", async () => {
      const overview = await listReviewYear({
        database,
        actor: coordinatorC,
        meta,
        year: 2026,
        today,
      });
      expect(overview.rows).toHaveLength(28);
      expect(overview.counts).toEqual({ keep: 1, change: 0, close: 1, missing: 26 });
      // Last year: none of them was registered yet, and none was reviewed for it.
      const before = await listReviewYear({
        database,
        actor: coordinatorC,
        meta,
        year: 2025,
        today,
      });
      expect(before.rows).toEqual([]);
      expect(before.counts).toEqual({ keep: 0, change: 0, close: 0, missing: 0 });
      // A review for last year puts that arena in last year's overview.
      const [team] = (await list({ status: "all" })).arenas;
      await saveReview(
        coordinatorC,
        team!.id,
        review({ year: "2025", reviewedOn: "2025-12-01", decision: "change", changes: "Færre" }),
      );
      const withReview = await listReviewYear({
        database,
        actor: coordinatorC,
        meta,
        year: 2025,
        today,
      });
      expect(withReview.rows.map((row) => row.arena.id)).toEqual([team!.id]);
      expect(withReview.counts).toEqual({ keep: 0, change: 1, close: 0, missing: 0 });
      // Next year's overview would leave out the arena closed this year.
      const next = await listReviewYear({
        database,
        actor: coordinatorC,
        meta,
        year: 2027,
        today: "2027-02-01",
      });
      expect(next.rows).toHaveLength(27);
    });
  });

  describe("the yearly review", () => {
    it("refuses a review without a decision, reasons or date, all at once", async () => {
      const arena = await create(coordinator, { ...valid, name: "Uten beslutning" });
      const error = await failure(
        saveReview(coordinator, arena.id, review({ decision: "", reasons: " ", reviewedOn: "" })),
      );
      expect(error.code).toBe("validation");
      expect(error.fieldErrors).toEqual({
        decision: "organisation.arenas.errors.decision",
        reasons: "organisation.arenas.errors.reasons",
        reviewedOn: "organisation.arenas.errors.reviewedOn",
      });
      expect(nb.organisation.arenas.errors.decision).toBe(
        "Velg om arenaen skal beholdes, endres eller legges ned.",
      );
      const noAnswers = await failure(
        saveReview(coordinator, arena.id, review({ needed: "maybe", works: undefined })),
      );
      expect(noAnswers.fieldErrors).toEqual({
        needed: "organisation.arenas.errors.needed",
        works: "organisation.arenas.errors.works",
      });
      const stored = await database.system((tx) =>
        tx
          .select()
          .from(collaborationArenaReviews)
          .where(eq(collaborationArenaReviews.arenaId, arena.id)),
      );
      expect(stored).toEqual([]);
    });

    it("requires «Hva endres?» when the arena is to be changed, also beside other errors", async () => {
      const arena = await create(coordinator, { ...valid, name: "Skal endres" });
      const error = await failure(
        saveReview(coordinator, arena.id, review({ decision: "change", reasons: "" })),
      );
      expect(error.fieldErrors).toEqual({
        reasons: "organisation.arenas.errors.reasons",
        changes: "organisation.arenas.errors.changes",
      });
      const saved = await saveReview(
        coordinator,
        arena.id,
        review({ decision: "change", reasons: "For lange møter", changes: "Fast saksliste" }),
      );
      expect(saved).toMatchObject({ year: 2026, created: true, closedOn: null });
    });

    it("refuses a date in the future, before the year, or a future year", async () => {
      const arena = await create(coordinator, { ...valid, name: "Datoer" });
      expect(
        (
          await failure(
            saveReview(coordinator, arena.id, review({ reviewedOn: addDays(today, 1) })),
          )
        ).fieldErrors,
      ).toEqual({ reviewedOn: "organisation.arenas.errors.reviewedOnFuture" });
      expect(
        (await failure(saveReview(coordinator, arena.id, review({ reviewedOn: "2025-12-31" }))))
          .fieldErrors,
      ).toEqual({ reviewedOn: "organisation.arenas.errors.reviewedOnBeforeYear" });
      expect(
        (await failure(saveReview(coordinator, arena.id, review({ year: "2027" })))).fieldErrors,
      ).toEqual({ year: "organisation.arenas.errors.year" });
      // A review of last year held early this year is fine.
      const early = await saveReview(
        coordinator,
        arena.id,
        review({ year: String(lastYear), reviewedOn: "2026-01-15" }),
      );
      expect(early.year).toBe(lastYear);
    });

    it("keeps one review per arena and year, and edits it with its id", async () => {
      const arena = await create(coordinator, { ...valid, name: "Én per år" });
      const first = await saveReview(coordinator, arena.id, review());
      const twice = await failure(saveReview(coordinator, arena.id, review({ reasons: "Igjen" })));
      expect(twice.fieldErrors).toEqual({ year: "organisation.arenas.errors.yearTaken" });
      const older = await saveReview(
        coordinator,
        arena.id,
        review({ year: String(lastYear), reviewedOn: "2025-11-01" }),
      );
      // Moving this year's review onto last year, which has one, is refused too.
      const moved = await failure(
        saveReview(
          coordinator,
          arena.id,
          review({ reviewId: first.id, year: String(lastYear), reviewedOn: "2025-11-02" }),
        ),
      );
      expect(moved.fieldErrors).toEqual({ year: "organisation.arenas.errors.yearTaken" });
      const edited = await saveReview(
        coordinator,
        arena.id,
        review({ reviewId: first.id, works: "partly", reasons: "Fungerer delvis" }),
      );
      expect(edited).toMatchObject({ id: first.id, created: false, year: 2026 });
      const form = await arenaReviewForm({
        database,
        actor: coordinator,
        meta,
        arenaId: arena.id,
        year: 2026,
        today,
      });
      expect(form.review).toMatchObject({
        id: first.id,
        works: "partly",
        reasons: "Fungerer delvis",
      });
      expect(form.reviewedYears.sort()).toEqual([lastYear, 2026]);
      const page = await getArena({
        database,
        actor: sectorLeader,
        meta,
        arenaId: arena.id,
        today,
      });
      expect(page.reviews.map((entry) => entry.id)).toEqual([first.id, older.id]);
      expect(page.reviews[0]?.reviewedByName).toBe("Kari K");
      const events = await auditRows("arena.review_saved", first.id);
      expect(events.map((event) => (event.details as { created: boolean }).created)).toEqual([
        true,
        false,
      ]);
      expect(JSON.stringify(events.map((event) => event.details))).not.toContain("Fungerer delvis");
    });

    it("closes the arena from the date of a «legge ned», and a later keep opens it again", async () => {
      const arena = await create(coordinator, { ...valid, name: "Legges ned" });
      const closing = await saveReview(
        coordinator,
        arena.id,
        review({
          year: String(lastYear),
          reviewedOn: "2025-11-20",
          needed: "no",
          works: "poorly",
          decision: "close",
          reasons: "Få saker",
        }),
      );
      expect(closing).toMatchObject({ closedOn: "2025-11-20", closedOnBefore: null });
      const page = await getArena({ database, actor: coordinator, meta, arenaId: arena.id, today });
      expect(page.arena).toMatchObject({ active: false, closedOn: "2025-11-20" });
      expect(page.arena.latestReview).toMatchObject({ year: lastYear, decision: "close" });
      const kept = await saveReview(coordinator, arena.id, review({ decision: "keep" }));
      expect(kept).toMatchObject({ closedOn: null, closedOnBefore: "2025-11-20" });
      // Editing last year's review now leaves the arena open: this year's review is the latest.
      await saveReview(
        coordinator,
        arena.id,
        review({
          reviewId: closing.id,
          year: String(lastYear),
          reviewedOn: "2025-11-21",
          decision: "close",
          reasons: "Få saker",
        }),
      );
      const [row] = await database.system((tx) =>
        tx.select().from(collaborationArenas).where(eq(collaborationArenas.id, arena.id)),
      );
      expect(row?.closedOn).toBeNull();
    });

    const closedOnOf = async (arenaId: string) =>
      (
        await database.system((tx) =>
          tx
            .select({ closedOn: collaborationArenas.closedOn })
            .from(collaborationArenas)
            .where(eq(collaborationArenas.id, arenaId)),
        )
      )[0]?.closedOn;

    it("opens the arena again when its latest «legge ned» is moved back a year behind a newer keep", async () => {
      const arena = await create(coordinator, { ...valid, name: "Flyttet år" });
      await saveReview(
        coordinator,
        arena.id,
        review({ year: String(lastYear), reviewedOn: "2025-10-01", decision: "keep" }),
      );
      const closing = await saveReview(
        coordinator,
        arena.id,
        review({ reviewedOn: "2026-03-01", decision: "close", reasons: "Få saker" }),
      );
      expect(closing.closedOn).toBe("2026-03-01");
      // The «legge ned» was really for 2024: last year's keep is now the latest review.
      const moved = await saveReview(
        coordinator,
        arena.id,
        review({
          reviewId: closing.id,
          year: "2024",
          reviewedOn: "2026-03-01",
          decision: "close",
          reasons: "Få saker",
        }),
      );
      expect(moved).toMatchObject({ closedOn: null, closedOnBefore: "2026-03-01" });
      expect(await closedOnOf(arena.id)).toBeNull();
      const page = await getArena({ database, actor: coordinator, meta, arenaId: arena.id, today });
      expect(page.arena).toMatchObject({ active: true, closedOn: null });
      expect(page.arena.latestReview).toMatchObject({ year: lastYear, decision: "keep" });
    });

    it("leaves an arena opened again by hand open when a typo in its latest «legge ned» is fixed", async () => {
      const arena = await create(coordinator, { ...valid, name: "Åpnet for hånd" });
      const closing = await saveReview(
        coordinator,
        arena.id,
        review({ decision: "close", reasons: "Få sakr" }),
      );
      expect(closing.closedOn).toBe("2026-04-02");
      await reopenArena({ database, actor: coordinator, meta, arenaId: arena.id });
      expect(await closedOnOf(arena.id)).toBeNull();
      const fixed = await saveReview(
        coordinator,
        arena.id,
        review({ reviewId: closing.id, decision: "close", reasons: "Få saker" }),
      );
      expect(fixed).toMatchObject({ closedOn: null, closedOnBefore: null });
      expect(await closedOnOf(arena.id)).toBeNull();
      const [saved] = await database.system((tx) =>
        tx
          .select()
          .from(collaborationArenaReviews)
          .where(eq(collaborationArenaReviews.id, closing.id)),
      );
      expect(saved?.reasons).toBe("Få saker");
      // A new decision in the latest review still counts: «legge ned» on another date closes it.
      const redated = await saveReview(
        coordinator,
        arena.id,
        review({
          reviewId: closing.id,
          reviewedOn: "2026-04-03",
          decision: "close",
          reasons: "Få saker",
        }),
      );
      expect(redated.closedOn).toBe("2026-04-03");
    });

    it("reopens a closed arena on the edit page", async () => {
      const arena = await create(coordinator, { ...valid, name: "Gjenåpnes" });
      await saveReview(coordinator, arena.id, review({ decision: "close" }));
      const reopened = await reopenArena({ database, actor: coordinator, meta, arenaId: arena.id });
      expect(reopened.closedOn).toBeNull();
      const events = await auditRows("arena.saved", arena.id);
      expect(events.at(-1)?.details).toMatchObject({
        action: "reopened",
        closedOnBefore: "2026-04-02",
      });
    });
  });

  describe("deleting", () => {
    it("deletes an arena without reviews, audited", async () => {
      const arena = await create(coordinator, { ...valid, name: "Slettes" });
      const removed = await deleteArena({ database, actor: coordinator, meta, arenaId: arena.id });
      expect(removed.id).toBe(arena.id);
      expect(await auditRows("arena.deleted", arena.id)).toHaveLength(1);
      expect(
        (await failure(getArena({ database, actor: coordinator, meta, arenaId: arena.id, today })))
          .code,
      ).toBe("not_found");
    });

    it("refuses to delete an arena with reviews: it is closed through a review instead", async () => {
      const arena = await create(coordinator, { ...valid, name: "Har gjennomgang" });
      await saveReview(coordinator, arena.id, review());
      const error = await failure(
        deleteArena({ database, actor: coordinator, meta, arenaId: arena.id }),
      );
      expect(error).toMatchObject({
        code: "conflict",
        messageKey: "organisation.arenas.errors.hasReviews",
      });
      expect(
        (await arenaForm({ database, actor: coordinator, meta, arenaId: arena.id })).reviewCount,
      ).toBe(1);
    });
  });

  describe("overlaps", () => {
    let tenantD: string;
    let coordinatorD: Staff;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      tenantD = (await makeTenant(database, "Dvik kommune")).id;
      coordinatorD = await makeStaff(database, tenantD, { roles: ["coordinator"] });
      const arenas: [string, string[], string[]][] = [
        [
          "Oppvekstteam ungdomsskolen",
          ["lower_secondary"],
          ["grunnskole", "ppt", "nav", "politi_slt"],
        ],
        ["Tverrfaglig team", ["lower_secondary"], ["grunnskole", "ppt"]],
        ["Elevteam", ["lower_secondary", "upper_secondary"], ["ppt", "grunnskole"]],
        ["Barnehageteam", ["kindergarten"], ["grunnskole", "ppt"]],
        ["Annet team", ["lower_secondary"], ["nav", "tannhelse"]],
        ["Nedlagt team", ["lower_secondary"], ["grunnskole"]],
      ];
      for (const [name, targetGroups, services] of arenas) {
        ids[name] = (await create(coordinatorD, { ...valid, name, targetGroups, services })).id;
      }
      await saveReview(coordinatorD, ids["Nedlagt team"]!, review({ decision: "close" }));
    });

    it("pairs active arenas with a target group in common and the same or fewer services", async () => {
      const { overlaps, activeCount } = await listArenaOverlaps({
        database,
        actor: coordinatorD,
        meta,
        today,
      });
      expect(activeCount).toBe(5);
      expect(
        overlaps.map((o) => [o.first.name, o.relation, o.second.name, o.sharedTargetGroups]),
      ).toEqual([
        ["Elevteam", "subset", "Oppvekstteam ungdomsskolen", ["lower_secondary"]],
        ["Elevteam", "same", "Tverrfaglig team", ["lower_secondary"]],
        ["Tverrfaglig team", "subset", "Oppvekstteam ungdomsskolen", ["lower_secondary"]],
      ]);
      expect(overlaps[0]?.sharedServices).toEqual(["grunnskole", "ppt"]);
    });

    it("shows an arena's overlaps on its page, none for a closed one", async () => {
      const page = await getArena({
        database,
        actor: coordinatorD,
        meta,
        arenaId: ids["Oppvekstteam ungdomsskolen"]!,
        today,
      });
      expect(page.overlaps.map((o) => [o.other.name, o.relation, o.otherIsWithin])).toEqual([
        ["Elevteam", "subset", true],
        ["Tverrfaglig team", "subset", true],
      ]);
      const closed = await getArena({
        database,
        actor: coordinatorD,
        meta,
        arenaId: ids["Nedlagt team"]!,
        today,
      });
      expect(closed.overlaps).toEqual([]);
      const other = await getArena({
        database,
        actor: coordinatorD,
        meta,
        arenaId: ids["Annet team"]!,
        today,
      });
      expect(other.overlaps).toEqual([]);
    });
  });

  describe("overlaps across units", () => {
    it("does not pair the oppvekstteam of two schools, but pairs two arenas of one school and a shared one", async () => {
      const tenantE = (await makeTenant(database, "Evik kommune")).id;
      const coordinatorE = await makeStaff(database, tenantE, { roles: ["coordinator"] });
      const north = (await makeUnit(database, tenantE, "Nord skole")).id;
      const south = (await makeUnit(database, tenantE, "Sør skole")).id;
      const team = (name: string, unitId: string, services = valid.services) =>
        create(coordinatorE, { ...valid, name, unitId, services });
      await team("Oppvekstteam Nord skole", north);
      await team("Oppvekstteam Sør skole", south);
      const overlaps = async () =>
        (await listArenaOverlaps({ database, actor: coordinatorE, meta, today })).overlaps.map(
          (o) => [o.first.name, o.relation, o.second.name],
        );
      expect(await overlaps()).toEqual([]);
      await team("Tverrfaglig team Nord skole", north, ["grunnskole", "ppt"]);
      expect(await overlaps()).toEqual([
        ["Tverrfaglig team Nord skole", "subset", "Oppvekstteam Nord skole"],
      ]);
      await team("Ressursteam skole", "");
      expect(await overlaps()).toEqual([
        ["Oppvekstteam Nord skole", "same", "Ressursteam skole"],
        ["Oppvekstteam Sør skole", "same", "Ressursteam skole"],
        ["Tverrfaglig team Nord skole", "subset", "Oppvekstteam Nord skole"],
        ["Tverrfaglig team Nord skole", "subset", "Ressursteam skole"],
      ]);
    });
  });

  describe("tenant isolation", () => {
    it("keeps one municipality's arenas and reviews from another", async () => {
      const arena = await create(coordinator, { ...valid, name: "Bare i Avik" });
      await saveReview(coordinator, arena.id, review());
      const listB = await listArenas({
        database,
        actor: coordinatorB,
        meta,
        today,
        filters: { status: "all" },
      });
      expect(listB.arenas.map((row) => row.id)).not.toContain(arena.id);
      expect(listB.arenas.every((row) => row.name === valid.name)).toBe(true);
      for (const work of [
        () => getArena({ database, actor: coordinatorB, meta, arenaId: arena.id, today }),
        () => arenaForm({ database, actor: coordinatorB, meta, arenaId: arena.id }),
        () =>
          updateArena({ database, actor: coordinatorB, meta, arenaId: arena.id, values: valid }),
        () => deleteArena({ database, actor: coordinatorB, meta, arenaId: arena.id }),
        () => reopenArena({ database, actor: coordinatorB, meta, arenaId: arena.id }),
        () =>
          saveReview(
            coordinatorB,
            arena.id,
            review({ year: String(lastYear), reviewedOn: "2025-06-01" }),
          ),
        () =>
          arenaReviewForm({
            database,
            actor: coordinatorB,
            meta,
            arenaId: arena.id,
            year: 2026,
            today,
          }),
      ]) {
        expect((await failure(work())).code).toBe("not_found");
      }
      const yearB = await listReviewYear({
        database,
        actor: coordinatorB,
        meta,
        year: 2026,
        today,
      });
      expect(yearB.rows.map((row) => row.arena.id)).not.toContain(arena.id);
      const overlapsB = await listArenaOverlaps({ database, actor: coordinatorB, meta, today });
      expect(overlapsB.overlaps.flatMap((o) => [o.first.id, o.second.id])).not.toContain(arena.id);
      // Row-level security: Bvik's transaction sees none of Avik's rows, even unfiltered.
      const seen = await database.tenant(tenantB, async (tx) => ({
        arenas: await tx.select().from(collaborationArenas),
        reviews: await tx.select().from(collaborationArenaReviews),
      }));
      expect(seen.arenas.every((row) => row.tenantId === tenantB)).toBe(true);
      expect(seen.reviews.every((row) => row.tenantId === tenantB)).toBe(true);
      expect(seen.arenas.length).toBeGreaterThan(0);
      // Nothing changed in Avik.
      const [row] = await database.system((tx) =>
        tx.select().from(collaborationArenas).where(eq(collaborationArenas.id, arena.id)),
      );
      expect(row?.name).toBe("Bare i Avik");
    });
  });

  describe("the pages", () => {
    let app: Awaited<ReturnType<typeof testAppWithUi>>["app"];
    let services: Awaited<ReturnType<typeof testAppWithUi>>["services"];
    let arenaId: string;

    beforeAll(async () => {
      ({ app, services } = await testAppWithUi(database));
      arenaId = (await create(coordinator, { ...valid, name: "Arena på sidene" })).id;
    });

    const get = async (actor: Staff, path: string) =>
      app.request(path, { headers: await browserHeaders(database, services, actor) });

    it("shows the register read-only to a unit leader and refuses the forms", async () => {
      const response = await get(unitLeader, "/organisering/arenaer");
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain(nb.organisation.arenas.readOnly);
      expect(html).toContain("Arena på sidene");
      expect(html).not.toContain(`href="/organisering/arenaer/ny"`);
      for (const path of [
        "/organisering/arenaer/ny",
        `/organisering/arenaer/${arenaId}/endre`,
        `/organisering/arenaer/${arenaId}/gjennomgang`,
      ]) {
        expect((await get(unitLeader, path)).status).toBe(403);
        expect((await get(sectorLeader, path)).status).toBe(403);
      }
      for (const path of [
        `/organisering/arenaer/${arenaId}`,
        "/organisering/arenaer/gjennomgang?ar=2026",
        "/organisering/arenaer/overlapp",
      ]) {
        expect((await get(sectorLeader, path)).status).toBe(200);
        expect((await get(employee, path)).status).toBe(403);
      }
      expect((await get(coordinatorB, `/organisering/arenaer/${arenaId}`)).status).toBe(404);
      expect((await get(coordinator, "/organisering/arenaer/ikke-en-id")).status).toBe(404);
    });

    it("refuses a review without a decision with the Norwegian message, keeping the typed reasons", async () => {
      const headers = await browserHeaders(database, services, coordinator);
      const response = await app.request(`/organisering/arenaer/${arenaId}/gjennomgang`, {
        method: "POST",
        headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          reviewId: "",
          year: String(Number(osloDate().slice(0, 4))),
          reviewedOn: osloDate(),
          needed: "partly",
          works: "well",
          reasons: "Møtene overlapper med ressursteamet",
          changes: "",
        }),
      });
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain(nb.organisation.arenas.errors.decision);
      expect(html).toContain("Møtene overlapper med ressursteamet");
      const neededPartly = /<input[^>]*id="needed-partly"[^>]*>/.exec(html)?.[0] ?? "";
      expect(neededPartly).toContain("checked");
    });

    it("deletes only after the confirmation step", async () => {
      const doomed = await create(coordinator, { ...valid, name: "Slettes via skjema" });
      const headers = await browserHeaders(database, services, coordinator);
      const confirm = await app.request(`/organisering/arenaer/${doomed.id}/endre?bekreft=slett`, {
        headers,
      });
      expect(await confirm.text()).toContain(
        nb.organisation.arenas.deleteSection.question.replace("{{name}}", "Slettes via skjema"),
      );
      const deleted = await app.request(`/organisering/arenaer/${doomed.id}/endre`, {
        method: "POST",
        headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ intent: "delete" }),
        redirect: "manual",
      });
      expect(deleted.status).toBe(302);
      expect(deleted.headers.get("location")).toContain("organisation.arenas.notices.deleted");
    });
  });
});
