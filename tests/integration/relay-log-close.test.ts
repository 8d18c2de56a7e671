import { and, eq, getTableName, sql } from "drizzle-orm";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../core/access/actor.ts";
import { AppError } from "../../core/errors.ts";
import { encryptText } from "../../core/platform/crypto.ts";
import { addDays, osloDate } from "../../core/platform/dates.ts";
import { syntheticNationalId } from "../../core/platform/national-id.ts";
import { requireLog } from "../../core/relay-log/access.ts";
import { archivePdf } from "../../core/relay-log/archive-pdf.ts";
import { addMonths } from "../../core/relay-log/close-rules.ts";
import { closeLog, deleteExpiredLogs, getCloseView } from "../../core/relay-log/close.ts";
import { testConfig } from "../support/app.ts";
import { platformJobs } from "../../jobs/runner.ts";
import type { Tx } from "../../db/client.ts";
import {
  auditEvents,
  childWelfareReports,
  notifications,
  relayLogAreas,
  relayLogConsents,
  relayLogEntries,
  relayLogEntryVersions,
  relayLogEvaluations,
  relayLogGoals,
  relayLogGoalScores,
  relayLogGuardians,
  relayLogHandovers,
  relayLogJoinRequests,
  relayLogLevelChanges,
  relayLogMeasures,
  relayLogMeetings,
  relayLogParticipants,
  relayLogs,
  tenants,
} from "../../db/schema/index.ts";
import { databaseKinds, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { insertTestLog, relayLogWorld } from "../support/relay-log-fixtures.ts";

type Staff = Extract<Actor, { kind: "staff" }>;
type World = Awaited<ReturnType<typeof relayLogWorld>>;

const meta = { ip: "192.0.2.44", userAgent: "vitest", requestId: "req-relay-close" };
const dataKey = Buffer.from("0123456789abcdef".repeat(4), "hex");

async function failure(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the use case to fail");
}

async function pdfText(bytes: Buffer) {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: true });
  const metadata = await pdf.getMetadata();
  return {
    text: text.replace(/\s+/g, " "),
    raw: bytes.toString("latin1"),
    title: (metadata.info as { Title?: string }).Title,
  };
}

/** Every table that holds a part of a log, with its log_id column, for counting what is left. */
const partTables = [
  relayLogGuardians,
  relayLogParticipants,
  relayLogConsents,
  relayLogAreas,
  relayLogGoals,
  relayLogMeasures,
  relayLogEvaluations,
  relayLogGoalScores,
  relayLogEntries,
  relayLogEntryVersions,
  relayLogMeetings,
  relayLogLevelChanges,
  relayLogHandovers,
  relayLogJoinRequests,
  notifications,
] as const;

const CHILD = "Testbarn Fiktivsen";
const GOAL = "Mona møter på skolen fire dager i uka";
const OLD_NOTE = "Første versjon: sliten i timene etter lunsj";
const NEW_NOTE = "Rettet: trøtt i timene etter lunsj";
const SCORE_COMMENT = "Bedre oppmøte etter nytt morgentiltak";
const CLOSE_NOTE = "Målene er nådd, avtalt med familien på møtet i juni.";

/**
 * Fills a log with a row in every part table, written as the municipality (RLS applies), so the
 * archive PDF has something in each section and the deletion job has something to delete.
 */
async function fillLog(
  database: TestDatabase,
  world: World,
  logId: string,
  options: { meetingState?: "planned" | "held" } = {},
) {
  const tenantId = world.tenant.id;
  return database.tenant(tenantId, async (tx: Tx) => {
    const [area] = await tx
      .insert(relayLogAreas)
      .values({ tenantId, logId, title: "Skolefravær", description: "Mye fravær i høst." })
      .returning();
    const [goal] = await tx
      .insert(relayLogGoals)
      .values({
        tenantId,
        logId,
        areaId: area!.id,
        text: GOAL,
        expectedOutcome: "Fire dager i uka",
      })
      .returning();
    const [serviceMeasure] = await tx
      .insert(relayLogMeasures)
      .values({
        tenantId,
        logId,
        goalId: goal!.id,
        what: "Fast voksen tar imot om morgenen",
        responsibleKind: "service",
        responsibleUnitId: world.school.id,
        place: "service",
        startsOn: "2025-01-06",
        dueOn: "2025-03-31",
        status: "ongoing",
      })
      .returning();
    await tx.insert(relayLogMeasures).values({
      tenantId,
      logId,
      goalId: goal!.id,
      what: "Leggetid kl. 21 på hverdager",
      responsibleKind: "family",
      responsibleText: "Mor og far",
      place: "home",
      supportsMeasureId: serviceMeasure!.id,
      startsOn: "2025-01-06",
      dueOn: "2025-03-31",
    });
    const [evaluation] = await tx
      .insert(relayLogEvaluations)
      .values({
        tenantId,
        logId,
        scheduledOn: "2025-03-01",
        heldOn: "2025-03-03",
        heldBy: world.holder.userId,
        summary: "God framgang.",
      })
      .returning();
    await tx.insert(relayLogGoalScores).values({
      tenantId,
      logId,
      evaluationId: evaluation!.id,
      goalId: goal!.id,
      scorerUserId: world.holder.userId,
      score: 1,
      comment: SCORE_COMMENT,
    });
    const [entry] = await tx
      .insert(relayLogEntries)
      .values({
        tenantId,
        logId,
        kind: "note",
        areaId: area!.id,
        occurredOn: "2025-02-10",
        authorUserId: world.participant.userId,
        authorName: world.participant.name,
        currentVersion: 2,
      })
      .returning();
    await tx.insert(relayLogEntryVersions).values([
      {
        tenantId,
        logId,
        entryId: entry!.id,
        version: 1,
        text: OLD_NOTE,
        editedBy: world.participant.userId,
        editedByName: world.participant.name,
      },
      {
        tenantId,
        logId,
        entryId: entry!.id,
        version: 2,
        text: NEW_NOTE,
        editedBy: world.participant.userId,
        editedByName: world.participant.name,
      },
    ]);
    await tx.insert(relayLogMeetings).values({
      tenantId,
      logId,
      startsAt: new Date("2025-03-03T08:00:00Z"),
      endsAt: new Date("2025-03-03T09:00:00Z"),
      place: "Møterom 2, Testvik skole",
      agenda: "Evaluering av tiltakene",
      participantUserIds: [world.holder.userId, world.participant.userId],
      otherParticipants: "Foresatte",
      status: options.meetingState ?? "held",
      minutesDecisions: "Tiltakene fortsetter ut skoleåret",
      minutesActions: "Skolen følger opp oppmøtet",
    });
    await tx.insert(relayLogHandovers).values({
      tenantId,
      logId,
      fromUserId: world.holder.userId,
      toUserId: world.participant.userId,
      toUnitId: world.healthStation.id,
      message: "Overtar du?",
      state: "pending",
    });
    await tx.insert(relayLogJoinRequests).values({
      tenantId,
      logId,
      userId: world.outsider.userId,
      unitId: world.school.id,
      state: "pending",
    });
    await tx.insert(relayLogLevelChanges).values({
      tenantId,
      logId,
      fromLevel: 2,
      toLevel: 1,
      reason: "Mindre behov etter vinterferien",
      changedBy: world.holder.userId,
    });
    await tx.insert(notifications).values([
      {
        tenantId,
        userId: world.holder.userId,
        kind: "join_request",
        logId,
        link: `/stafettlogger/${logId}/deltakere`,
        dedupeKey: `join:${logId}`,
      },
      {
        tenantId,
        userId: world.holder.userId,
        kind: "retention_due",
        logId: null,
        link: `/stafettlogger/${logId}/avslutt`,
        dedupeKey: `retention:${logId}`,
      },
    ]);
    await tx.insert(childWelfareReports).values({
      tenantId,
      logId,
      reportedBy: world.holder.userId,
      reporterUnitId: world.school.id,
      recipient: "Barneverntjenesten i Testvik",
    });
  });
}

async function countParts(database: TestDatabase, logId: string): Promise<Record<string, number>> {
  return database.system(async (tx) => {
    const counts: Record<string, number> = {};
    for (const table of partTables) {
      const [row] = await tx
        .select({ count: sql<number>`count(*)::int` })
        .from(table)
        .where(eq(table.logId, logId));
      counts[getTableName(table)] = Number(row!.count);
    }
    const [linked] = await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(notifications)
      .where(sql`${notifications.link} like ${`/stafettlogger/${logId}%`}`);
    counts.notifications_by_link = Number(linked!.count);
    const [log] = await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(relayLogs)
      .where(eq(relayLogs.id, logId));
    counts.relay_logs = Number(log!.count);
    return counts;
  });
}

async function setRetention(database: TestDatabase, tenantId: string, months: number) {
  await database.system(async (tx) => {
    const [tenant] = await tx.select().from(tenants).where(eq(tenants.id, tenantId));
    await tx
      .update(tenants)
      .set({ settings: { ...tenant!.settings, retentionMonthsAfterClose: months } })
      .where(eq(tenants.id, tenantId));
  });
}

async function logRow(database: TestDatabase, logId: string) {
  const [row] = await database.system((tx) =>
    tx.select().from(relayLogs).where(eq(relayLogs.id, logId)),
  );
  return row;
}

async function audits(database: TestDatabase, type: string, subjectId: string) {
  return database.system((tx) =>
    tx
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.eventType, type), eq(auditEvents.subjectId, subjectId))),
  );
}

describe("addMonths", () => {
  it("adds calendar months and falls back to the month's last day", () => {
    expect(addMonths("2025-01-15", 12)).toBe("2026-01-15");
    expect(addMonths("2025-01-31", 1)).toBe("2025-02-28");
    expect(addMonths("2027-11-30", 3)).toBe("2028-02-29");
    expect(addMonths("2025-08-31", 3)).toBe("2025-11-30");
    expect(addMonths("2025-12-31", 24)).toBe("2027-12-31");
  });
});

describe.each(databaseKinds)("closing relay logs on %s", (kind) => {
  let database: TestDatabase;
  let world: World;

  beforeAll(async () => {
    database = await freshDatabase(kind);
    world = await relayLogWorld(database);
  });
  afterAll(() => database.drop());

  const newLog = () =>
    insertTestLog(database, {
      tenantId: world.tenant.id,
      holder: world.holder,
      holderUnitId: world.school.id,
      participants: [{ user: world.participant, unitId: world.healthStation.id }],
      childName: CHILD,
    });

  const close = (actor: Staff, logId: string, values: Record<string, unknown>, now?: Date) =>
    closeLog({ database, actor, meta, logId, values, now });

  const valid = (lockVersion = 0) => ({
    reason: "goals_reached",
    note: CLOSE_NOTE,
    confirmed: "on",
    lockVersion: String(lockVersion),
  });

  it("asks for a reason, a note within 2000 characters and the confirmation, and keeps the log open", async () => {
    const log = await newLog();
    const empty = await failure(close(world.holder, log.id, { lockVersion: "0" }));
    expect(empty.code).toBe("validation");
    expect(empty.fieldErrors).toMatchObject({
      reason: "relayLog.close.errors.reason",
      note: "relayLog.close.errors.noteRequired",
      confirmed: "relayLog.close.errors.confirm",
    });
    const blankNote = await failure(close(world.holder, log.id, { ...valid(), note: "   " }));
    expect(blankNote.fieldErrors).toEqual({ note: "relayLog.close.errors.noteRequired" });
    const longNote = await failure(
      close(world.holder, log.id, { ...valid(), note: "x".repeat(2001) }),
    );
    expect(longNote.fieldErrors).toEqual({ note: "relayLog.close.errors.noteTooLong" });
    const badReason = await failure(close(world.holder, log.id, { ...valid(), reason: "bored" }));
    expect(badReason.fieldErrors).toEqual({ reason: "relayLog.close.errors.reason" });
    const unconfirmed = await failure(
      close(world.holder, log.id, { ...valid(), confirmed: undefined }),
    );
    expect(unconfirmed.fieldErrors).toEqual({ confirmed: "relayLog.close.errors.confirm" });
    expect((await logRow(database, log.id))!.status).toBe("open");
    expect(await audits(database, "relaylog.closed", log.id)).toHaveLength(0);
  });

  it("lets only the relay holder close: a participant is forbidden, others do not find the log", async () => {
    const log = await newLog();
    const participant = await failure(close(world.participant, log.id, valid()));
    expect(participant.code).toBe("forbidden");
    expect(participant.messageKey).toBe("relayLog.holderOnly");
    for (const actor of [world.outsider, world.coordinator]) {
      const error = await failure(close(actor, log.id, valid()));
      expect(error.code).toBe("not_found");
    }
    expect((await logRow(database, log.id))!.status).toBe("open");
  });

  it("refuses a stale version with a conflict", async () => {
    const log = await newLog();
    await database.system((tx) =>
      tx.update(relayLogs).set({ lockVersion: 3 }).where(eq(relayLogs.id, log.id)),
    );
    const stale = await failure(close(world.holder, log.id, valid(2)));
    expect(stale.code).toBe("conflict");
    expect(stale.messageKey).toBe("relayLog.conflict");
    expect((await logRow(database, log.id))!.status).toBe("open");
  });

  it("closes the log, cancels what waits, audits the reason, and refuses to close it again", async () => {
    const log = await newLog();
    await fillLog(database, world, log.id, { meetingState: "planned" });
    const now = new Date("2025-06-20T10:00:00Z");
    const result = await close(world.holder, log.id, valid(), now);
    const row = (await logRow(database, log.id))!;
    expect(row).toMatchObject({
      status: "closed",
      closeReason: "goals_reached",
      closeNote: CLOSE_NOTE,
      closedBy: world.holder.userId,
      lockVersion: 1,
    });
    expect(row.closedAt?.toISOString()).toBe(now.toISOString());
    // The default retention is 24 months.
    expect(row.deleteAfter).toBe("2027-06-20");
    expect(result).toEqual({ closedOn: "2025-06-20", deleteAfter: "2027-06-20" });

    const [handover] = await database.system((tx) =>
      tx.select().from(relayLogHandovers).where(eq(relayLogHandovers.logId, log.id)),
    );
    expect(handover!.state).toBe("cancelled");
    const [join] = await database.system((tx) =>
      tx.select().from(relayLogJoinRequests).where(eq(relayLogJoinRequests.logId, log.id)),
    );
    expect(join!.state).toBe("cancelled");
    const [meeting] = await database.system((tx) =>
      tx.select().from(relayLogMeetings).where(eq(relayLogMeetings.logId, log.id)),
    );
    expect(meeting).toMatchObject({ status: "cancelled", icsSequence: 1 });

    const [event] = await audits(database, "relaylog.closed", log.id);
    expect(event!.details).toMatchObject({ reason: "goals_reached", deleteAfter: "2027-06-20" });
    expect(JSON.stringify(event!.details)).not.toContain(CLOSE_NOTE);
    expect(event!.actor).toMatchObject({ kind: "staff", id: world.holder.userId });

    const again = await failure(close(world.holder, log.id, valid(1)));
    expect(again.code).toBe("forbidden");
    expect(again.messageKey).toBe("relayLog.closedReadOnly");
  });

  it("computes the deletion day from the municipality's months, in calendar months on the Oslo date", async () => {
    const cases: { months: number; now: string; expected: string }[] = [
      { months: 12, now: "2025-01-31T10:00:00Z", expected: "2026-01-31" },
      { months: 12, now: "2024-02-29T10:00:00Z", expected: "2025-02-28" },
      { months: 3, now: "2025-11-30T10:00:00Z", expected: "2026-02-28" },
      { months: 3, now: "2027-11-30T10:00:00Z", expected: "2028-02-29" },
      // 00:30 on 1 April in Oslo is still 31 March in UTC: the Oslo date counts.
      { months: 3, now: "2025-03-31T22:30:00Z", expected: "2025-07-01" },
    ];
    for (const item of cases) {
      await setRetention(database, world.tenant.id, item.months);
      const log = await newLog();
      const result = await close(world.holder, log.id, valid(), new Date(item.now));
      expect(result.deleteAfter, `${item.months} months from ${item.now}`).toBe(item.expected);
      expect((await logRow(database, log.id))!.deleteAfter).toBe(item.expected);
    }
    await setRetention(database, world.tenant.id, 24);
  });

  it("makes a closed log read-only for the participant and the holder, who can both still read it", async () => {
    const log = await newLog();
    await close(world.holder, log.id, valid());
    for (const actor of [world.participant, world.holder]) {
      await database.tenant(world.tenant.id, async (tx) => {
        const context = await requireLog(tx, { actor, meta, logId: log.id, need: "read" });
        expect(context.access).toMatchObject({ read: true, write: false });
      });
      const write = await failure(
        database.tenant(world.tenant.id, (tx) =>
          requireLog(tx, { actor, meta, logId: log.id, need: "write" }),
        ),
      );
      expect(write.code).toBe("forbidden");
      expect(write.messageKey).toBe("relayLog.closedReadOnly");
    }
    const holderWrite = await failure(
      database.tenant(world.tenant.id, (tx) =>
        requireLog(tx, { actor: world.holder, meta, logId: log.id, need: "holderWrite" }),
      ),
    );
    expect(holderWrite.messageKey).toBe("relayLog.closedReadOnly");
  });

  it("shows the holder the closing summary, and nobody else", async () => {
    const log = await newLog();
    const open = await getCloseView({ database, actor: world.holder, meta, logId: log.id });
    expect(open).toMatchObject({ status: "open", closing: null, retentionMonths: 24 });
    await fillLog(database, world, log.id, { meetingState: "planned" });
    const pending = await getCloseView({ database, actor: world.holder, meta, logId: log.id });
    expect(pending.pending).toEqual({ handovers: 1, joinRequests: 1, meetings: 1 });
    await close(world.holder, log.id, valid(), new Date("2025-05-02T09:00:00Z"));
    const closed = await getCloseView({ database, actor: world.holder, meta, logId: log.id });
    expect(closed).toMatchObject({
      status: "closed",
      archivedAt: null,
      closing: {
        reason: "goals_reached",
        note: CLOSE_NOTE,
        closedByName: world.holder.name,
        deleteAfter: "2027-05-02",
      },
    });
    expect(
      (await failure(getCloseView({ database, actor: world.participant, meta, logId: log.id })))
        .code,
    ).toBe("forbidden");
    expect(
      (await failure(getCloseView({ database, actor: world.outsider, meta, logId: log.id }))).code,
    ).toBe("not_found");
    const viewed = await audits(database, "relaylog.viewed", log.id);
    expect(viewed.some((event) => event.details.view === "close")).toBe(true);
  });

  it("produces the archive PDF of the whole log for the holder, with every section, and stamps archived_at", async () => {
    const log = await newLog();
    const nationalId = syntheticNationalId(new Date(Date.UTC(2016, 4, 4)), 123);
    await database.system((tx) =>
      tx
        .update(relayLogs)
        .set({ nationalIdEncrypted: encryptText(dataKey, nationalId) })
        .where(eq(relayLogs.id, log.id)),
    );
    await fillLog(database, world, log.id);
    await close(world.holder, log.id, valid(), new Date("2025-06-20T10:00:00Z"));

    const produced = new Date("2025-06-21T08:15:00Z");
    const { pdf, filename } = await archivePdf({
      database,
      actor: world.holder,
      meta,
      logId: log.id,
      encryptionKey: dataKey,
      now: produced,
    });
    expect(filename).toMatch(/^stafettlogg-[0-9a-f]{8}-arkiv\.pdf$/);
    expect(filename).not.toContain("Testbarn");
    const { text, raw, title } = await pdfText(pdf);
    expect(raw.startsWith("%PDF-")).toBe(true);
    expect(raw).toContain("/StructTreeRoot");
    expect(raw).toMatch(/\/Lang \(nb\)/);
    expect(title).toBe(`Arkivkopi av stafettlogg – ${CHILD}`);
    for (const expected of [
      CHILD,
      "Testvik kommune",
      "04.05.2016",
      `${nationalId.slice(0, 6)} ${nationalId.slice(6)}`,
      "Startet på nivå 2",
      "Fra nivå 2 til nivå 1",
      "Mindre behov etter vinterferien",
      "Foresatt Fiktivsen",
      world.participant.name,
      "Testvik helsestasjon",
      "På papir",
      "Skolefravær",
      GOAL,
      "Fast voksen tar imot om morgenen",
      "Leggetid kl. 21 på hverdager",
      "Mor og far",
      "Støtter tiltaket: Fast voksen tar imot om morgenen",
      "+1 (noe bedre enn forventet)",
      SCORE_COMMENT,
      "Tiltakene fortsetter ut skoleåret",
      "Skolen følger opp oppmøtet",
      OLD_NOTE,
      NEW_NOTE,
      "Versjon 1 (rettet senere)",
      "Versjon 2 (gjeldende)",
      "Overtar du?",
      "avbrutt",
      "Målene er nådd",
      CLOSE_NOTE,
      "20.06.2027",
      `21.06.2025 10:15 av ${world.holder.name}`,
    ]) {
      expect(text, expected).toContain(expected);
    }
    const row = (await logRow(database, log.id))!;
    expect(row.archivedAt?.toISOString()).toBe(produced.toISOString());
    const [event] = await audits(database, "relaylog.archive_produced", log.id);
    expect(event!.actor).toMatchObject({ kind: "staff", id: world.holder.userId });
    expect(JSON.stringify(event!.details)).not.toContain(CHILD);
    const viewed = await audits(database, "relaylog.viewed", log.id);
    expect(viewed.some((item) => item.details.view === "archive_pdf")).toBe(true);

    const view = await getCloseView({ database, actor: world.holder, meta, logId: log.id });
    expect(view.archivedAt).toBe(produced.toISOString());
  });

  it("gives the archive PDF to nobody but the holder", async () => {
    const log = await newLog();
    await close(world.holder, log.id, valid());
    const participant = await failure(
      archivePdf({
        database,
        actor: world.participant,
        meta,
        logId: log.id,
        encryptionKey: dataKey,
      }),
    );
    expect(participant.code).toBe("forbidden");
    for (const actor of [world.outsider, world.coordinator]) {
      const error = await failure(
        archivePdf({ database, actor, meta, logId: log.id, encryptionKey: dataKey }),
      );
      expect(error.code).toBe("not_found");
    }
    expect((await logRow(database, log.id))!.archivedAt).toBeNull();
    expect(await audits(database, "relaylog.archive_produced", log.id)).toHaveLength(0);
  });
});

describe.each(databaseKinds)("the retention job on %s", (kind) => {
  let database: TestDatabase;
  let world: World;
  let other: World;
  const today = osloDate();

  beforeAll(async () => {
    database = await freshDatabase(kind);
    world = await relayLogWorld(database);
    other = await relayLogWorld(database);
  });
  afterAll(() => database.drop());

  async function closedLog(target: World, deleteAfter: string | null, status = "closed") {
    const log = await insertTestLog(database, {
      tenantId: target.tenant.id,
      holder: target.holder,
      holderUnitId: target.school.id,
      participants: [{ user: target.participant, unitId: target.healthStation.id }],
      childName: CHILD,
    });
    await fillLog(database, target, log.id);
    await database.system((tx) =>
      tx
        .update(relayLogs)
        .set({
          status,
          closedAt: status === "closed" ? new Date("2023-05-10T10:00:00Z") : null,
          closeReason: status === "closed" ? "moved" : null,
          closeNote: status === "closed" ? CLOSE_NOTE : null,
          deleteAfter,
        })
        .where(eq(relayLogs.id, log.id)),
    );
    return log;
  }

  it("is registered with the job runner", () => {
    const names = platformJobs(database, testConfig()).map((job) => job.name);
    expect(names).toContain("relaylog.retention");
  });

  it("deletes due closed logs for real, every part with them, and leaves everything else", async () => {
    const dueToday = await closedLog(world, today);
    const overdue = await closedLog(world, addDays(today, -40));
    const notYet = await closedLog(world, addDays(today, 1));
    const open = await closedLog(world, null, "open");
    const otherTenant = await closedLog(other, addDays(today, 1));
    const otherOpen = await closedLog(other, null, "open");

    const before = await countParts(database, dueToday.id);
    for (const [table, count] of Object.entries(before)) {
      expect(count, `${table} has rows before the job`).toBeGreaterThan(0);
    }

    const deleted = await deleteExpiredLogs(database, today);
    expect(deleted.map((item) => item.logId).sort()).toEqual([dueToday.id, overdue.id].sort());

    for (const log of [dueToday, overdue]) {
      const after = await countParts(database, log.id);
      for (const [table, count] of Object.entries(after)) {
        expect(count, `${table} rows left for a deleted log`).toBe(0);
      }
    }
    for (const log of [notYet, open, otherTenant, otherOpen]) {
      const after = await countParts(database, log.id);
      for (const [table, count] of Object.entries(after)) {
        expect(count, `${table} rows of a log that is not due`).toBeGreaterThan(0);
      }
    }

    // The report to child welfare is kept, without the log.
    const reports = await database.system((tx) =>
      tx
        .select()
        .from(childWelfareReports)
        .where(eq(childWelfareReports.tenantId, world.tenant.id)),
    );
    expect(reports).toHaveLength(4);
    expect(reports.filter((report) => report.logId === null)).toHaveLength(2);

    // One audit event per deleted log, without any name or content.
    for (const log of [dueToday, overdue]) {
      const events = await audits(database, "relaylog.deleted", log.id);
      expect(events).toHaveLength(1);
      const event = events[0]!;
      expect(event.tenantId).toBe(world.tenant.id);
      expect(event.subjectType).toBe("relay_log");
      expect(event.actor).toMatchObject({ kind: "system" });
      expect(event.details).toEqual({ closedAt: "2023-05-10", reason: "moved" });
      const serialized = JSON.stringify(event);
      for (const secret of [CHILD, "Foresatt Fiktivsen", CLOSE_NOTE, GOAL, "Fiktivsen"]) {
        expect(serialized).not.toContain(secret);
      }
    }

    // Running again deletes nothing more and audits nothing more.
    expect(await deleteExpiredLogs(database, today)).toEqual([]);
    for (const log of [dueToday, overdue]) {
      expect(await audits(database, "relaylog.deleted", log.id)).toHaveLength(1);
    }
    for (const log of [notYet, open, otherTenant, otherOpen]) {
      expect(await logRow(database, log.id)).toBeDefined();
    }

    // Tomorrow, the logs due tomorrow go too, in both municipalities; open logs never.
    const later = await deleteExpiredLogs(database, addDays(today, 1));
    expect(later.map((item) => item.logId).sort()).toEqual([notYet.id, otherTenant.id].sort());
    expect(await logRow(database, open.id)).toBeDefined();
    expect(await logRow(database, otherOpen.id)).toBeDefined();
  });

  it("deletes each log once when two runs race", async () => {
    const logs = await Promise.all([
      closedLog(world, addDays(today, -1)),
      closedLog(world, addDays(today, -2)),
      closedLog(world, addDays(today, -3)),
    ]);
    const [first, second] = await Promise.all([
      deleteExpiredLogs(database, today),
      deleteExpiredLogs(database, today),
    ]);
    const all = [...first, ...second].map((item) => item.logId).sort();
    expect(all).toEqual(logs.map((log) => log.id).sort());
    for (const log of logs) {
      expect(await audits(database, "relaylog.deleted", log.id)).toHaveLength(1);
      expect(await logRow(database, log.id)).toBeUndefined();
    }
  });
});
