import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../core/access/actor.ts";
import { AppError } from "../../core/errors.ts";
import { requireLog } from "../../core/relay-log/access.ts";
import { addDays, osloDate } from "../../core/platform/dates.ts";
import { listEntries } from "../../core/relay-log/entries.ts";
import { getEvaluations } from "../../core/relay-log/evaluations.ts";
import {
  addAgendaItem,
  addFamilyNote,
  getFamilyLog,
  saveFamilyScore,
  saveGoalVoice,
} from "../../core/relay-log/family-log.ts";
import { listMeetings } from "../../core/relay-log/meetings.ts";
import { getPlan } from "../../core/relay-log/plan.ts";
import type { Database } from "../../db/client.ts";
import {
  auditEvents,
  citizens,
  notifications,
  relayLogAgendaItems,
  relayLogAreas,
  relayLogEntries,
  relayLogEntryVersions,
  relayLogEvaluations,
  relayLogGoals,
  relayLogGoalScores,
  relayLogGoalVoices,
  relayLogGuardians,
  relayLogMeasures,
  relayLogMeetings,
  relayLogs,
} from "../../db/schema/index.ts";
import { databaseKinds, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { insertTestLog, relayLogWorld } from "../support/relay-log-fixtures.ts";

type Citizen = Extract<Actor, { kind: "citizen" }>;

const meta = { ip: "192.0.2.55", userAgent: "vitest", requestId: "req-family-log" };

async function failure(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the use case to fail");
}

async function makeCitizen(
  database: Database,
  tenantId: string,
  name: string,
  hash: string,
): Promise<Citizen> {
  const [row] = await database.system((tx) =>
    tx
      .insert(citizens)
      .values({ tenantId, nationalIdHash: hash, nationalIdEncrypted: "v1.test", name })
      .returning(),
  );
  return { kind: "citizen", citizenId: row!.id, tenantId, name };
}

async function addGuardian(
  database: Database,
  tenantId: string,
  logId: string,
  name: string,
  hash: string,
  parentalResponsibility = true,
) {
  await database.tenant(tenantId, (tx) =>
    tx
      .insert(relayLogGuardians)
      .values({ tenantId, logId, name, parentalResponsibility, nationalIdHash: hash }),
  );
}

describe.each(databaseKinds)("the family's view of a log on %s", (kind) => {
  let database: TestDatabase;
  let world: Awaited<ReturnType<typeof relayLogWorld>>;
  let elsewhere: Awaited<ReturnType<typeof relayLogWorld>>;
  let logId: string;
  let closedLogId: string;
  let goalId: string;
  let homeMeasureId: string;
  let serviceMeasureId: string;
  let heldEvaluationId: string;
  let futureEvaluationId: string;
  let plannedMeetingId: string;
  let pastMeetingId: string;
  let silje: Citizen;
  let tor: Citizen;
  let lars: Citizen;
  let child: Citizen;
  let stranger: Citizen;
  let foreign: Citizen;
  const today = osloDate();

  beforeAll(async () => {
    database = await freshDatabase(kind);
    world = await relayLogWorld(database);
    elsewhere = await relayLogWorld(database);
    const tenantId = world.tenant.id;
    const participants = [{ user: world.participant, unitId: world.healthStation.id }];
    const base = { tenantId, holder: world.holder, holderUnitId: world.school.id };
    logId = (await insertTestLog(database, { ...base, participants, childName: "Emil Test" })).id;
    closedLogId = (await insertTestLog(database, { ...base, status: "closed" })).id;
    const otherLogId = (await insertTestLog(database, { ...base, childName: "Annen Familie" })).id;
    const foreignLogId = (
      await insertTestLog(database, {
        tenantId: elsewhere.tenant.id,
        holder: elsewhere.holder,
        holderUnitId: elsewhere.school.id,
      })
    ).id;

    silje = await makeCitizen(database, tenantId, "Silje Test", "hash-silje");
    tor = await makeCitizen(database, tenantId, "Tor Test", "hash-tor");
    lars = await makeCitizen(database, tenantId, "Lars Test", "hash-lars");
    child = await makeCitizen(database, tenantId, "Emil Test", "hash-child");
    stranger = await makeCitizen(database, tenantId, "Annen Forelder", "hash-stranger");
    // The same person (same national ID) in another municipality: a different citizen row.
    foreign = await makeCitizen(database, elsewhere.tenant.id, "Silje Test", "hash-silje");

    await addGuardian(database, tenantId, logId, "Silje Test", "hash-silje");
    await addGuardian(database, tenantId, logId, "Tor Test", "hash-tor");
    await addGuardian(database, tenantId, logId, "Lars Test", "hash-lars", false);
    await addGuardian(database, tenantId, closedLogId, "Silje Test", "hash-silje");
    await addGuardian(database, tenantId, otherLogId, "Annen Forelder", "hash-stranger");
    await addGuardian(database, elsewhere.tenant.id, foreignLogId, "Silje Test", "hash-silje");

    await database.tenant(tenantId, async (tx) => {
      await tx
        .update(relayLogs)
        .set({ nationalIdHash: "hash-child" })
        .where(eq(relayLogs.id, logId));
      const [area] = await tx
        .insert(relayLogAreas)
        .values({ tenantId, logId, title: "Søvn", description: "Sovner sent" })
        .returning();
      const [goal] = await tx
        .insert(relayLogGoals)
        .values({ tenantId, logId, areaId: area!.id, text: "Sover før ti", expectedOutcome: "" })
        .returning();
      goalId = goal!.id;
      const [service] = await tx
        .insert(relayLogMeasures)
        .values({
          tenantId,
          logId,
          goalId,
          what: "Samtaler på helsestasjonen",
          responsibleKind: "service",
          responsibleUnitId: world.healthStation.id,
          place: "service",
          startsOn: addDays(today, -30),
          dueOn: addDays(today, 60),
        })
        .returning();
      serviceMeasureId = service!.id;
      const [home] = await tx
        .insert(relayLogMeasures)
        .values({
          tenantId,
          logId,
          goalId,
          what: "Fast leggetid",
          responsibleKind: "family",
          responsibleText: "mor og far",
          place: "home",
          supportsMeasureId: serviceMeasureId,
          startsOn: addDays(today, -30),
          dueOn: addDays(today, 60),
        })
        .returning();
      homeMeasureId = home!.id;
      const [held] = await tx
        .insert(relayLogEvaluations)
        .values({
          tenantId,
          logId,
          scheduledOn: addDays(today, -10),
          heldOn: addDays(today, -10),
          heldBy: world.holder.userId,
          summary: "Bedre",
        })
        .returning();
      heldEvaluationId = held!.id;
      await tx.insert(relayLogGoalScores).values({
        tenantId,
        logId,
        evaluationId: heldEvaluationId,
        goalId,
        scorerKind: "staff",
        scorerUserId: world.holder.userId,
        score: 1,
        comment: "Litt bedre",
      });
      const [future] = await tx
        .insert(relayLogEvaluations)
        .values({ tenantId, logId, scheduledOn: addDays(today, 20) })
        .returning();
      futureEvaluationId = future!.id;
      const inTenDays = new Date(Date.now() + 10 * 86_400_000);
      const [planned] = await tx
        .insert(relayLogMeetings)
        .values({
          tenantId,
          logId,
          startsAt: inTenDays,
          endsAt: new Date(inTenDays.getTime() + 3_600_000),
          place: "Skolen, møterom 2",
          agenda: "Søvn og skole",
        })
        .returning();
      plannedMeetingId = planned!.id;
      const tenDaysAgo = new Date(Date.now() - 10 * 86_400_000);
      const [past] = await tx
        .insert(relayLogMeetings)
        .values({
          tenantId,
          logId,
          startsAt: tenDaysAgo,
          endsAt: new Date(tenDaysAgo.getTime() + 3_600_000),
          place: "Helsestasjonen",
          status: "held",
          minutesDecisions: "Fast leggetid",
          minutesActions: "Mor lager plan",
          nextEvaluationOn: addDays(today, 20),
          minutesAt: tenDaysAgo,
          minutesBy: world.holder.userId,
        })
        .returning();
      pastMeetingId = past!.id;
      const [entry] = await tx
        .insert(relayLogEntries)
        .values({
          tenantId,
          logId,
          kind: "highlight",
          occurredOn: addDays(today, -3),
          authorUserId: world.holder.userId,
          authorName: "Stafett Holder",
        })
        .returning();
      await tx.insert(relayLogEntryVersions).values({
        tenantId,
        logId,
        entryId: entry!.id,
        version: 1,
        text: "Emil lo i friminuttet",
        editedBy: world.holder.userId,
        editedByName: "Stafett Holder",
      });
    });
  });
  afterAll(() => database.drop());

  const common = (actor: Citizen, id = logId) => ({ database, actor, meta, logId: id });

  async function counts() {
    return database.tenant(world.tenant.id, async (tx) => ({
      entries: (await tx.select().from(relayLogEntries)).length,
      voices: (await tx.select().from(relayLogGoalVoices)).length,
      agenda: (await tx.select().from(relayLogAgendaItems)).length,
      scores: (await tx.select().from(relayLogGoalScores)).length,
      notifications: (await tx.select().from(notifications)).length,
    }));
  }

  async function auditOf(type: string, citizenId: string) {
    const rows = await database.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.tenantId, world.tenant.id), eq(auditEvents.eventType, type))),
    );
    return rows.filter((row) => row.actor.kind === "citizen" && row.actor.id === citizenId);
  }

  it("shows a guardian with parental responsibility the whole log in plain terms", async () => {
    const view = await getFamilyLog(common(silje));
    expect(view.header).toMatchObject({
      childName: "Emil Test",
      status: "open",
      holderName: "Stafett Holder",
      as: "guardian",
      canWrite: true,
    });
    expect(view.participants).toEqual(
      expect.arrayContaining([
        { name: "Stafett Holder", unitName: "Testvik skole", isHolder: true },
        { name: "Del Taker", unitName: "Testvik helsestasjon", isHolder: false },
      ]),
    );
    const guardianNames = view.guardians.map((guardian) => guardian.name);
    expect(guardianNames).toEqual(expect.arrayContaining(["Silje Test", "Tor Test"]));
    expect(guardianNames).not.toContain("Lars Test");
    const goal = view.areas[0]!.goals[0]!;
    expect(view.areas[0]).toMatchObject({ title: "Søvn", description: "Sovner sent" });
    expect(goal.text).toBe("Sover før ti");
    expect(goal.serviceMeasures[0]).toMatchObject({
      id: serviceMeasureId,
      responsibleName: "Testvik helsestasjon",
      supportedBy: [{ id: homeMeasureId, what: "Fast leggetid" }],
    });
    expect(goal.homeMeasures[0]).toMatchObject({
      id: homeMeasureId,
      responsibleName: "mor og far",
      supports: { id: serviceMeasureId, what: "Samtaler på helsestasjonen" },
      dueOn: addDays(today, 60),
    });
    expect(view.heldEvaluations[0]).toMatchObject({ id: heldEvaluationId, canScore: true });
    expect(view.heldEvaluations[0]!.goals[0]!.staff[0]).toMatchObject({
      scorerKind: "staff",
      scorerName: "Stafett Holder",
      score: 1,
      comment: "Litt bedre",
    });
    expect(view.plannedEvaluations[0]).toMatchObject({ id: futureEvaluationId, canScore: false });
    expect(view.upcomingMeetings[0]).toMatchObject({
      id: plannedMeetingId,
      place: "Skolen, møterom 2",
      agenda: "Søvn og skole",
      canAddAgenda: true,
    });
    expect(view.earlierMeetings[0]).toMatchObject({
      id: pastMeetingId,
      minutesDecisions: "Fast leggetid",
      minutesActions: "Mor lager plan",
      canAddAgenda: false,
    });
    expect(view.entries[0]).toMatchObject({
      authorName: "Stafett Holder",
      byFamily: false,
      kind: "highlight",
      text: "Emil lo i friminuttet",
    });
    const viewed = await auditOf("relaylog.viewed", silje.citizenId);
    expect(viewed.some((event) => event.details.view === "family_log")).toBe(true);
  });

  it("lets the guardian write a note, a view, an agenda item and a score, each audited", async () => {
    const before = await counts();
    const note = await addFamilyNote({
      ...common(silje),
      values: { kind: "note", text: "  Emil sov godt i helgen  " },
    });
    const voice = await saveGoalVoice({
      ...common(silje),
      values: { goalId, text: "Vi synes leggetiden hjelper" },
    });
    const item = await addAgendaItem({
      ...common(silje),
      values: { meetingId: plannedMeetingId, text: "Skoleveien" },
    });
    const score = await saveFamilyScore({
      ...common(silje),
      values: { evaluationId: heldEvaluationId, goalId, score: "2", comment: "Mye bedre" },
    });
    const after = await counts();
    expect(after).toEqual({
      entries: before.entries + 1,
      voices: before.voices + 1,
      agenda: before.agenda + 1,
      scores: before.scores + 1,
      notifications: before.notifications + 4,
    });

    await database.tenant(world.tenant.id, async (tx) => {
      const [entry] = await tx
        .select()
        .from(relayLogEntries)
        .where(eq(relayLogEntries.id, note.id));
      expect(entry).toMatchObject({
        authorCitizenId: silje.citizenId,
        authorUserId: null,
        authorName: "Silje Test",
        kind: "note",
        occurredOn: today,
        currentVersion: 1,
      });
      const versions = await tx
        .select()
        .from(relayLogEntryVersions)
        .where(eq(relayLogEntryVersions.entryId, note.id));
      expect(versions).toMatchObject([{ version: 1, text: "Emil sov godt i helgen" }]);
      const [storedScore] = await tx
        .select()
        .from(relayLogGoalScores)
        .where(eq(relayLogGoalScores.id, score.id));
      expect(storedScore).toMatchObject({
        scorerKind: "guardian",
        scorerCitizenId: silje.citizenId,
        score: 2,
        comment: "Mye bedre",
      });
      const holderNotices = await tx
        .select()
        .from(notifications)
        .where(eq(notifications.userId, world.holder.userId));
      expect(holderNotices.filter((row) => row.kind === "family_contribution")).toHaveLength(4);
      expect(holderNotices.every((row) => row.logId === logId)).toBe(true);
    });

    for (const [type, id] of [
      ["relaylog.family.note_saved", note.id],
      ["relaylog.family.voice_saved", voice.id],
      ["relaylog.family.agenda_item_added", item.id],
      ["relaylog.family.score_saved", score.id],
    ] as const) {
      const events = await auditOf(type, silje.citizenId);
      expect(events).toHaveLength(1);
      const details = JSON.stringify(events[0]!.details);
      expect(details).toContain(id);
      // Ids only: nothing the guardian typed reaches the audit log.
      for (const typed of ["Emil sov", "leggetiden", "Skoleveien", "Mye bedre"]) {
        expect(details).not.toContain(typed);
      }
      expect(events[0]!.subjectId).toBe(logId);
    }

    const view = await getFamilyLog(common(silje));
    const goal = view.areas[0]!.goals[0]!;
    expect(goal.myVoice).toBe("Vi synes leggetiden hjelper");
    expect(goal.voices[0]).toMatchObject({ voiceKind: "guardian", authorName: "Silje Test" });
    expect(view.upcomingMeetings[0]!.agendaItems).toMatchObject([
      { text: "Skoleveien", authorName: "Silje Test", mine: true },
    ]);
    expect(view.heldEvaluations[0]!.goals[0]!.mine).toMatchObject({ score: 2, mine: true });
    expect(view.entries.find((entry) => entry.id === note.id)).toMatchObject({
      byFamily: true,
      mine: true,
    });

    // Saving the view again replaces it: one voice per goal and citizen.
    await saveGoalVoice({ ...common(silje), values: { goalId, text: "Nå går det bra" } });
    const voices = await database.tenant(world.tenant.id, (tx) =>
      tx.select().from(relayLogGoalVoices).where(eq(relayLogGoalVoices.goalId, goalId)),
    );
    expect(voices).toHaveLength(1);
    expect(voices[0]!.text).toBe("Nå går det bra");
  });

  it("gives each guardian their own score, shown to staff beside theirs", async () => {
    await saveFamilyScore({
      ...common(tor),
      values: { evaluationId: heldEvaluationId, goalId, score: "-1", comment: "" },
    });
    // Silje changes hers: still one score of hers.
    await saveFamilyScore({
      ...common(silje),
      values: { evaluationId: heldEvaluationId, goalId, score: "1", comment: "" },
    });
    const rows = await database.tenant(world.tenant.id, (tx) =>
      tx
        .select()
        .from(relayLogGoalScores)
        .where(
          and(
            eq(relayLogGoalScores.evaluationId, heldEvaluationId),
            eq(relayLogGoalScores.scorerKind, "guardian"),
          ),
        ),
    );
    expect(rows.map((row) => [row.scorerCitizenId, row.score]).sort()).toEqual(
      [
        [silje.citizenId, 1],
        [tor.citizenId, -1],
      ].sort(),
    );
    const view = await getFamilyLog(common(tor));
    const family = view.heldEvaluations[0]!.goals[0]!.family;
    expect(family.map((score) => score.scorerName).sort()).toEqual(["Silje Test", "Tor Test"]);
    const staffView = await getEvaluations({ database, actor: world.holder, meta, logId });
    const effect = staffView.effect.find((goal) => goal.id === goalId)!;
    expect(effect.series.map((series) => series.scorerKind)).toEqual(["staff", "guardian"]);
    const held = staffView.held.find((evaluation) => evaluation.id === heldEvaluationId)!;
    expect(
      held.scores
        .filter((score) => score.scorerKind === "guardian")
        .map((score) => score.scorerName)
        .sort(),
    ).toEqual(["Silje Test", "Tor Test"]);
    expect(held.scores.find((score) => score.scorerKind === "staff")!.scorerName).toBeNull();
  });

  it("shows staff the family's voices on the plan and agenda items on the meetings", async () => {
    const plan = await getPlan({ database, actor: world.holder, meta, logId });
    expect(plan.familyVoices[goalId]).toEqual([
      { voiceKind: "guardian", authorName: "Silje Test", text: "Nå går det bra" },
    ]);
    const meetings = await listMeetings({ database, actor: world.holder, meta, logId });
    expect(meetings.familyAgendaItems[plannedMeetingId]).toMatchObject([
      { authorName: "Silje Test", text: "Skoleveien" },
    ]);
    const entries = await listEntries({ database, actor: world.holder, meta, logId });
    expect(entries.entries.filter((entry) => entry.byFamily).map((entry) => entry.text)).toEqual([
      "Emil sov godt i helgen",
    ]);
    expect(entries.entries.find((entry) => !entry.byFamily)!.authorName).toBe("Stafett Holder");
  });

  it("refuses what the rules do not allow, with a message and nothing saved", async () => {
    const before = await counts();
    const empty = await failure(addFamilyNote({ ...common(silje), values: { kind: "note" } }));
    expect(empty.code).toBe("validation");
    expect(empty.fieldErrors).toMatchObject({ text: "family.log.errors.noteRequired" });
    const long = await failure(
      saveGoalVoice({ ...common(silje), values: { goalId, text: "x".repeat(1001) } }),
    );
    expect(long.fieldErrors).toMatchObject({ text: "family.log.errors.voiceTooLong" });
    const pastMeeting = await failure(
      addAgendaItem({ ...common(silje), values: { meetingId: pastMeetingId, text: "Sent" } }),
    );
    expect(pastMeeting.fieldErrors).toMatchObject({ text: "family.log.errors.meetingNotPlanned" });
    const notDue = await failure(
      saveFamilyScore({
        ...common(silje),
        values: { evaluationId: futureEvaluationId, goalId, score: "1" },
      }),
    );
    expect(notDue.fieldErrors).toMatchObject({ score: "family.log.errors.evaluationNotDue" });
    const badScore = await failure(
      saveFamilyScore({
        ...common(silje),
        values: { evaluationId: heldEvaluationId, goalId, score: "3" },
      }),
    );
    expect(badScore.fieldErrors).toMatchObject({ score: "family.log.errors.scoreRequired" });
    expect(await counts()).toEqual(before);
  });

  it("gives everyone else not found, and writes nothing", async () => {
    const before = await counts();
    for (const outsider of [lars, child, stranger, foreign]) {
      expect((await failure(getFamilyLog(common(outsider)))).code).toBe("not_found");
      const writes = [
        () => addFamilyNote({ ...common(outsider), values: { kind: "note", text: "Hei" } }),
        () => saveGoalVoice({ ...common(outsider), values: { goalId, text: "Hei" } }),
        () =>
          addAgendaItem({
            ...common(outsider),
            values: { meetingId: plannedMeetingId, text: "Hei" },
          }),
        () =>
          saveFamilyScore({
            ...common(outsider),
            values: { evaluationId: heldEvaluationId, goalId, score: "0" },
          }),
      ];
      for (const write of writes) expect((await failure(write())).code).toBe("not_found");
    }
    // A guardian with access is still no employee: the staff's use cases refuse them.
    await expect(
      database.tenant(world.tenant.id, (tx) =>
        requireLog(tx, { actor: silje, meta, logId, need: "read" }),
      ),
    ).rejects.toMatchObject({ code: "not_found" });
    // Staff are not citizens: the family's use cases refuse them.
    expect((await failure(getFamilyLog({ database, actor: world.holder, meta, logId }))).code).toBe(
      "forbidden",
    );
    expect(await counts()).toEqual(before);
  });

  it("lets the young person from the consent age write 'Min stemme'", async () => {
    await database.tenant(world.tenant.id, (tx) =>
      tx.update(relayLogs).set({ childBirthDate: "2008-01-01" }).where(eq(relayLogs.id, logId)),
    );
    try {
      const view = await getFamilyLog(common(child));
      expect(view.header.as).toBe("youth");
      await saveGoalVoice({ ...common(child), values: { goalId, text: "Jeg vil legge meg selv" } });
      await saveFamilyScore({
        ...common(child),
        values: { evaluationId: heldEvaluationId, goalId, score: "0" },
      });
      const voices = await database.tenant(world.tenant.id, (tx) =>
        tx
          .select()
          .from(relayLogGoalVoices)
          .where(eq(relayLogGoalVoices.citizenId, child.citizenId)),
      );
      expect(voices).toMatchObject([{ voiceKind: "youth", text: "Jeg vil legge meg selv" }]);
      const scores = await database.tenant(world.tenant.id, (tx) =>
        tx
          .select()
          .from(relayLogGoalScores)
          .where(eq(relayLogGoalScores.scorerCitizenId, child.citizenId)),
      );
      expect(scores).toMatchObject([{ scorerKind: "youth", score: 0 }]);
    } finally {
      await database.tenant(world.tenant.id, (tx) =>
        tx.update(relayLogs).set({ childBirthDate: "2016-05-04" }).where(eq(relayLogs.id, logId)),
      );
    }
  });

  it("lets the family read a closed log but refuses every write", async () => {
    const view = await getFamilyLog(common(silje, closedLogId));
    expect(view.header).toMatchObject({ status: "closed", canWrite: false });
    const before = await counts();
    const writes = [
      () => addFamilyNote({ ...common(silje, closedLogId), values: { kind: "note", text: "Hei" } }),
      () => saveGoalVoice({ ...common(silje, closedLogId), values: { goalId, text: "Hei" } }),
      () =>
        addAgendaItem({
          ...common(silje, closedLogId),
          values: { meetingId: plannedMeetingId, text: "Hei" },
        }),
      () =>
        saveFamilyScore({
          ...common(silje, closedLogId),
          values: { evaluationId: heldEvaluationId, goalId, score: "0" },
        }),
    ];
    for (const write of writes) {
      const error = await failure(write());
      expect(error.code).toBe("forbidden");
      expect(error.messageKey).toBe("relayLog.closedReadOnly");
    }
    expect(await counts()).toEqual(before);
  });
});
