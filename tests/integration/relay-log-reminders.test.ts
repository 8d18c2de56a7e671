import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../core/access/actor.ts";
import { AppError } from "../../core/errors.ts";
import { addDays, osloDate } from "../../core/platform/dates.ts";
import {
  createRelayLogReminders,
  listNotifications,
  markAllRead,
  markNotificationRead,
  reminderKey,
  unreadCount,
} from "../../core/relay-log/reminders.ts";
import {
  auditEvents,
  nextOfKinCases,
  notifications,
  relayLogAreas,
  relayLogConsents,
  relayLogEvaluations,
  relayLogGoals,
  relayLogHandovers,
  relayLogJoinRequests,
  relayLogMeasures,
  relayLogMeetings,
  relayLogs,
  users,
} from "../../db/schema/index.ts";
import { createMailer } from "../../server/mail.ts";
import { testConfig } from "../support/app.ts";
import { databaseKinds, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { insertTestLog, relayLogWorld } from "../support/relay-log-fixtures.ts";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp.ts";

type Staff = Extract<Actor, { kind: "staff" }>;
type World = Awaited<ReturnType<typeof relayLogWorld>>;

const meta = { ip: "192.0.2.40", userAgent: "vitest", requestId: "req-reminders" };
const today = osloDate();

async function failure(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the use case to fail");
}

describe.each(databaseKinds)("relay log reminders on %s", (kind) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await freshDatabase(kind);
  });
  afterAll(async () => {
    await database.drop();
  });

  /** The notifications of these users, as "kind|objectId" per user id. */
  async function remindersOf(...people: Staff[]): Promise<Record<string, string[]>> {
    const rows = await database.system((tx) =>
      tx
        .select()
        .from(notifications)
        .where(
          inArray(
            notifications.userId,
            people.map((person) => person.userId),
          ),
        ),
    );
    const result: Record<string, string[]> = {};
    for (const person of people) result[person.userId] = [];
    for (const row of rows) {
      const person = people.find((candidate) => candidate.userId === row.userId)!;
      const [kind, objectId] = row.dedupeKey.split("|");
      result[person.userId]!.push(`${kind}|${objectId}`);
      expect(row.tenantId).toBe(person.tenantId);
    }
    for (const list of Object.values(result)) list.sort();
    return result;
  }

  const run = (input: Partial<Parameters<typeof createRelayLogReminders>[0]> = {}) =>
    createRelayLogReminders({ database, ...input });

  async function addEvaluation(
    tenantId: string,
    logId: string,
    scheduledOn: string,
    heldOn?: string,
  ) {
    const [row] = await database.tenant(tenantId, (tx) =>
      tx
        .insert(relayLogEvaluations)
        .values({ tenantId, logId, scheduledOn, heldOn: heldOn ?? null })
        .returning(),
    );
    return row!;
  }

  async function addMeasure(
    tenantId: string,
    logId: string,
    values: { dueOn: string; responsible?: Staff; status?: string },
  ) {
    return database.tenant(tenantId, async (tx) => {
      const [area] = await tx
        .insert(relayLogAreas)
        .values({ tenantId, logId, title: "Språk" })
        .returning();
      const [goal] = await tx
        .insert(relayLogGoals)
        .values({ tenantId, logId, areaId: area!.id, text: "Bedre språk" })
        .returning();
      const [measure] = await tx
        .insert(relayLogMeasures)
        .values({
          tenantId,
          logId,
          goalId: goal!.id,
          what: "Språkgruppe",
          responsibleKind: values.responsible ? "person" : "family",
          responsibleUserId: values.responsible?.userId ?? null,
          responsibleText: values.responsible ? null : "familien",
          place: "service",
          startsOn: addDays(values.dueOn, -30),
          dueOn: values.dueOn,
          status: values.status ?? "ongoing",
        })
        .returning();
      return measure!;
    });
  }

  async function addMeeting(
    tenantId: string,
    logId: string,
    startsAt: Date,
    participants: Staff[],
  ) {
    const [row] = await database.tenant(tenantId, (tx) =>
      tx
        .insert(relayLogMeetings)
        .values({
          tenantId,
          logId,
          startsAt,
          endsAt: new Date(startsAt.getTime() + 3_600_000),
          place: "Møterom 1",
          participantUserIds: participants.map((person) => person.userId),
        })
        .returning(),
    );
    return row!;
  }

  describe("who is reminded", () => {
    let world: World;
    let other: World;

    beforeAll(async () => {
      world = await relayLogWorld(database);
      other = await relayLogWorld(database);
    });

    it("reminds the holder and participants with access of evaluations and meetings, nobody else", async () => {
      const { tenant, school, healthStation, holder, participant, outsider, coordinator } = world;
      const log = await insertTestLog(database, {
        tenantId: tenant.id,
        holder,
        holderUnitId: school.id,
        participants: [{ user: participant, unitId: healthStation.id }],
      });
      // The participant's unit is not covered by the consent: frozen out of this log.
      const frozenLog = await insertTestLog(database, {
        tenantId: tenant.id,
        holder,
        holderUnitId: school.id,
        participants: [{ user: participant, unitId: healthStation.id }],
        consentUnitIds: [school.id],
      });
      const due = await addEvaluation(tenant.id, log.id, addDays(today, 3));
      const overdue = await addEvaluation(tenant.id, log.id, addDays(today, -2));
      await addEvaluation(tenant.id, log.id, addDays(today, 20)); // too far ahead
      await addEvaluation(tenant.id, log.id, addDays(today, -5), addDays(today, -5)); // held
      const frozenDue = await addEvaluation(tenant.id, frozenLog.id, addDays(today, 1));
      const meeting = await addMeeting(tenant.id, log.id, new Date(Date.now() + 24 * 3_600_000), [
        holder,
        participant,
        outsider,
      ]);
      await addMeeting(tenant.id, log.id, new Date(Date.now() + 5 * 24 * 3_600_000), [holder]);
      const frozenMeeting = await addMeeting(
        tenant.id,
        frozenLog.id,
        new Date(Date.now() + 3_600_000),
        [holder, participant],
      );
      // The same in another municipality: nothing of it reaches this one's users.
      const otherLog = await insertTestLog(database, {
        tenantId: other.tenant.id,
        holder: other.holder,
        holderUnitId: other.school.id,
      });
      const otherDue = await addEvaluation(other.tenant.id, otherLog.id, today);

      await run();

      const reminders = await remindersOf(holder, participant, outsider, coordinator, other.holder);
      expect(reminders[holder.userId]).toEqual(
        [
          `evaluation_due|${due.id}`,
          `evaluation_due|${overdue.id}`,
          `evaluation_due|${frozenDue.id}`,
          `meeting|${meeting.id}`,
          `meeting|${frozenMeeting.id}`,
        ].sort(),
      );
      expect(reminders[participant.userId]).toEqual(
        [
          `evaluation_due|${due.id}`,
          `evaluation_due|${overdue.id}`,
          `meeting|${meeting.id}`,
        ].sort(),
      );
      expect(reminders[outsider.userId]).toEqual([]);
      expect(reminders[coordinator.userId]).toEqual([]);
      expect(reminders[other.holder.userId]).toEqual([`evaluation_due|${otherDue.id}`]);
    });

    it("reminds the holder and the person responsible of overdue measures", async () => {
      const { tenant, school, healthStation, holder, participant, outsider } = world;
      const log = await insertTestLog(database, {
        tenantId: tenant.id,
        holder,
        holderUnitId: school.id,
        participants: [{ user: participant, unitId: healthStation.id }],
      });
      const frozenLog = await insertTestLog(database, {
        tenantId: tenant.id,
        holder,
        holderUnitId: school.id,
        participants: [{ user: participant, unitId: healthStation.id }],
        consentUnitIds: [school.id],
      });
      const overdue = await addMeasure(tenant.id, log.id, {
        dueOn: addDays(today, -1),
        responsible: participant,
      });
      const family = await addMeasure(tenant.id, log.id, { dueOn: addDays(today, -3) });
      await addMeasure(tenant.id, log.id, { dueOn: addDays(today, -3), status: "done" });
      await addMeasure(tenant.id, log.id, { dueOn: addDays(today, -3), status: "stopped" });
      await addMeasure(tenant.id, log.id, { dueOn: today, responsible: participant }); // not past
      // Responsible, but frozen out: the holder is told, the participant is not.
      const frozen = await addMeasure(tenant.id, frozenLog.id, {
        dueOn: addDays(today, -1),
        responsible: participant,
      });
      // Named as responsible without taking part in the log: no access, no reminder.
      const notTakingPart = await addMeasure(tenant.id, log.id, {
        dueOn: addDays(today, -1),
        responsible: outsider,
      });

      await run();

      const reminders = await remindersOf(holder, participant, outsider);
      const measuresOf = (userId: string) =>
        reminders[userId]!.filter((entry) => entry.startsWith("measure_overdue"));
      expect(measuresOf(holder.userId)).toEqual(
        [
          `measure_overdue|${overdue.id}`,
          `measure_overdue|${family.id}`,
          `measure_overdue|${frozen.id}`,
          `measure_overdue|${notTakingPart.id}`,
        ].sort(),
      );
      expect(measuresOf(participant.userId)).toEqual([`measure_overdue|${overdue.id}`]);
      expect(measuresOf(outsider.userId)).toEqual([]);
    });

    it("tells the holder alone about expiring and expired consent; the frozen participant hears nothing", async () => {
      const { tenant, school, healthStation, holder, participant } = world;
      const expiring = await insertTestLog(database, {
        tenantId: tenant.id,
        holder,
        holderUnitId: school.id,
        participants: [{ user: participant, unitId: healthStation.id }],
      });
      await database.tenant(tenant.id, (tx) =>
        tx
          .update(relayLogConsents)
          .set({ expiresOn: addDays(today, 10) })
          .where(eq(relayLogConsents.logId, expiring.id)),
      );
      const expired = await insertTestLog(database, {
        tenantId: tenant.id,
        holder,
        holderUnitId: school.id,
        participants: [{ user: participant, unitId: healthStation.id }],
        consent: "expired",
      });
      const expiredEvaluation = await addEvaluation(tenant.id, expired.id, addDays(today, 2));
      const withdrawn = await insertTestLog(database, {
        tenantId: tenant.id,
        holder,
        holderUnitId: school.id,
        consent: "withdrawn",
      });
      const [expiringConsent] = await database.tenant(tenant.id, (tx) =>
        tx.select().from(relayLogConsents).where(eq(relayLogConsents.logId, expiring.id)),
      );
      const [expiredConsent] = await database.tenant(tenant.id, (tx) =>
        tx.select().from(relayLogConsents).where(eq(relayLogConsents.logId, expired.id)),
      );

      await run();

      const rows = await database.system((tx) =>
        tx
          .select()
          .from(notifications)
          .where(inArray(notifications.logId, [expiring.id, expired.id, withdrawn.id])),
      );
      const keys = rows.map((row) => row.dedupeKey).sort();
      expect(keys).toEqual(
        [
          reminderKey("consent_expiring", expiringConsent!.id, addDays(today, 10), holder.userId),
          reminderKey("consent_expired", expiredConsent!.id, addDays(today, -1), holder.userId),
          reminderKey("evaluation_due", expiredEvaluation.id, addDays(today, 2), holder.userId),
        ].sort(),
      );
      expect(rows.some((row) => row.userId === participant.userId)).toBe(false);
    });

    it("reminds the receiver of a pending handover and the holder of a pending join request", async () => {
      const { tenant, school, healthStation, holder, participant, outsider } = world;
      const log = await insertTestLog(database, {
        tenantId: tenant.id,
        holder,
        holderUnitId: school.id,
        participants: [{ user: participant, unitId: healthStation.id }],
      });
      const { handover, request, declined } = await database.tenant(tenant.id, async (tx) => {
        const [handover] = await tx
          .insert(relayLogHandovers)
          .values({
            tenantId: tenant.id,
            logId: log.id,
            fromUserId: holder.userId,
            toUserId: outsider.userId,
            toUnitId: school.id,
          })
          .returning();
        const [request] = await tx
          .insert(relayLogJoinRequests)
          .values({
            tenantId: tenant.id,
            logId: log.id,
            userId: outsider.userId,
            unitId: school.id,
          })
          .returning();
        const [declined] = await tx
          .insert(relayLogJoinRequests)
          .values({
            tenantId: tenant.id,
            logId: log.id,
            userId: participant.userId,
            unitId: healthStation.id,
            state: "declined",
          })
          .returning();
        return { handover: handover!, request: request!, declined: declined! };
      });

      await run();

      const rows = await database.system((tx) =>
        tx
          .select()
          .from(notifications)
          .where(
            and(
              eq(notifications.logId, log.id),
              inArray(notifications.kind, ["handover_pending", "join_request"]),
            ),
          ),
      );
      expect(rows.map((row) => [row.kind, row.userId]).sort()).toEqual(
        [
          ["handover_pending", outsider.userId],
          ["join_request", holder.userId],
        ].sort(),
      );
      expect(rows.some((row) => row.dedupeKey.includes(declined.id))).toBe(false);
      const [stamped] = await database.system((tx) =>
        tx.select().from(relayLogHandovers).where(eq(relayLogHandovers.id, handover.id)),
      );
      expect(stamped!.reminderSentAt).not.toBeNull();
      const [stampedRequest] = await database.system((tx) =>
        tx.select().from(relayLogJoinRequests).where(eq(relayLogJoinRequests.id, request.id)),
      );
      expect(stampedRequest!.reminderSentAt).not.toBeNull();
    });

    it("asks the holder of a closed log for the archive PDF before deletion, and nothing else about closed logs", async () => {
      const { tenant, school, healthStation, holder, participant } = world;
      const closing = await insertTestLog(database, {
        tenantId: tenant.id,
        holder,
        holderUnitId: school.id,
        participants: [{ user: participant, unitId: healthStation.id }],
        status: "closed",
      });
      const archived = await insertTestLog(database, {
        tenantId: tenant.id,
        holder,
        holderUnitId: school.id,
        status: "closed",
      });
      const later = await insertTestLog(database, {
        tenantId: tenant.id,
        holder,
        holderUnitId: school.id,
        status: "closed",
      });
      await database.tenant(tenant.id, async (tx) => {
        await tx
          .update(relayLogs)
          .set({ deleteAfter: addDays(today, 10) })
          .where(inArray(relayLogs.id, [closing.id, archived.id]));
        await tx
          .update(relayLogs)
          .set({ archivedAt: new Date() })
          .where(eq(relayLogs.id, archived.id));
        await tx
          .update(relayLogs)
          .set({ deleteAfter: addDays(today, 30) })
          .where(eq(relayLogs.id, later.id));
      });
      await addEvaluation(tenant.id, closing.id, today);
      await addMeasure(tenant.id, closing.id, {
        dueOn: addDays(today, -3),
        responsible: participant,
      });

      await run();

      const rows = await database.system((tx) =>
        tx
          .select()
          .from(notifications)
          .where(inArray(notifications.logId, [closing.id, archived.id, later.id])),
      );
      expect(rows.map((row) => row.dedupeKey)).toEqual([
        reminderKey("retention_due", closing.id, addDays(today, 10), holder.userId),
      ]);
      expect(rows[0]!.link).toBe(`/stafettlogger/${closing.id}/avslutt`);
    });

    it("reminds the creator of a next-of-kin case of its follow-up date", async () => {
      const { tenant, healthStation, participant, holder } = world;
      const add = (followUpOn: string, status = "open") =>
        database.tenant(tenant.id, async (tx) => {
          const [row] = await tx
            .insert(nextOfKinCases)
            .values({
              tenantId: tenant.id,
              unitId: healthStation.id,
              createdBy: participant.userId,
              parentReference: "Klient A",
              parentSituation: "mental_illness",
              followUpOn,
              status,
            })
            .returning();
          return row!;
        });
      const soon = await add(addDays(today, 2));
      const past = await add(addDays(today, -4));
      await add(addDays(today, 10));
      await add(addDays(today, -1), "closed");

      await run();

      const reminders = await remindersOf(participant, holder);
      const followUps = (userId: string) =>
        reminders[userId]!.filter((entry) => entry.startsWith("next_of_kin_follow_up"));
      expect(followUps(participant.userId)).toEqual(
        [`next_of_kin_follow_up|${soon.id}`, `next_of_kin_follow_up|${past.id}`].sort(),
      );
      expect(followUps(holder.userId)).toEqual([]);
    });

    it("never duplicates on a re-run, and a changed date reminds again", async () => {
      const { tenant, school, holder } = world;
      const log = await insertTestLog(database, {
        tenantId: tenant.id,
        holder,
        holderUnitId: school.id,
      });
      const evaluation = await addEvaluation(tenant.id, log.id, addDays(today, 5));
      await run();
      const countFor = async () =>
        (
          await database.system((tx) =>
            tx.select().from(notifications).where(eq(notifications.logId, log.id)),
          )
        ).length;
      expect(await countFor()).toBe(1);

      const again = await run();
      expect(await countFor()).toBe(1);
      expect(again.created).toBe(0);

      await database.tenant(tenant.id, (tx) =>
        tx
          .update(relayLogEvaluations)
          .set({ scheduledOn: addDays(today, 6) })
          .where(eq(relayLogEvaluations.id, evaluation.id)),
      );
      await run();
      const keys = (
        await database.system((tx) =>
          tx.select().from(notifications).where(eq(notifications.logId, log.id)),
        )
      )
        .map((row) => row.dedupeKey)
        .sort();
      expect(keys).toEqual(
        [
          reminderKey("evaluation_due", evaluation.id, addDays(today, 5), holder.userId),
          reminderKey("evaluation_due", evaluation.id, addDays(today, 6), holder.userId),
        ].sort(),
      );
    });
  });

  describe("e-mail", () => {
    let smtp: TestSmtpServer;

    beforeAll(async () => {
      smtp = await startSmtpServer();
    });
    afterAll(async () => {
      await smtp.close();
    });

    it("sends one short e-mail per user and run without the child's name, and never twice", async () => {
      const world = await relayLogWorld(database);
      const { tenant, school, healthStation, holder, participant, outsider } = world;
      const childName = "Hemmelig Barnenavnsen";
      const log = await insertTestLog(database, {
        tenantId: tenant.id,
        holder,
        holderUnitId: school.id,
        participants: [
          { user: participant, unitId: healthStation.id },
          { user: outsider, unitId: school.id },
        ],
        childName,
      });
      await addEvaluation(tenant.id, log.id, addDays(today, 2));
      await addMeasure(tenant.id, log.id, { dueOn: addDays(today, -2), responsible: participant });
      await addMeeting(tenant.id, log.id, new Date(Date.now() + 3_600_000), [holder]);
      // An inactive user gets neither a notification nor an e-mail.
      await database.system((tx) =>
        tx.update(users).set({ active: false }).where(eq(users.id, outsider.userId)),
      );
      const mailer = createMailer(
        testConfig({ SMTP_URL: smtp.url, SMTP_FROM: "Laget <laget@testvik.example>" }),
      );
      const mailsTo = (person: Staff) =>
        smtp.received.filter((mail) => mail.rcptTo.includes(person.email));
      try {
        await run({ mailer, publicUrl: "https://laget.testvik.example" });

        const holderMails = mailsTo(holder);
        expect(holderMails).toHaveLength(1);
        expect(holderMails[0]!.subject).toBe("Nye påminnelser i Laget");
        expect(holderMails[0]!.text).toContain("Du har 3 nye påminnelser i Laget");
        expect(holderMails[0]!.text).toContain("https://laget.testvik.example/varsler");
        const participantMails = mailsTo(participant);
        expect(participantMails).toHaveLength(1);
        expect(participantMails[0]!.text).toContain("Du har 2 nye påminnelser i Laget");
        expect(mailsTo(outsider)).toHaveLength(0);
        for (const mail of [...holderMails, ...participantMails]) {
          expect(mail.raw).not.toContain("Hemmelig");
          expect(mail.raw).not.toContain("Barnenavnsen");
          expect(mail.raw).not.toContain(log.id);
        }
        const rows = await database.system((tx) =>
          tx.select().from(notifications).where(eq(notifications.logId, log.id)),
        );
        expect(rows).toHaveLength(5);
        expect(rows.every((row) => row.emailedAt !== null)).toBe(true);
        expect(rows.some((row) => row.userId === outsider.userId)).toBe(false);

        const before = smtp.received.length;
        await run({ mailer, publicUrl: "https://laget.testvik.example" });
        expect(smtp.received.length).toBe(before);
      } finally {
        mailer.close();
      }

      // One audit event for the log, with ids and kinds only.
      const events = await database.system((tx) =>
        tx
          .select()
          .from(auditEvents)
          .where(
            and(
              eq(auditEvents.eventType, "relaylog.reminder_sent"),
              eq(auditEvents.subjectId, log.id),
            ),
          ),
      );
      expect(events).toHaveLength(1);
      expect(JSON.stringify(events[0]!.details)).not.toContain("Hemmelig");
      expect((events[0]!.details as { kinds: string[] }).kinds).toEqual([
        "evaluation_due",
        "measure_overdue",
        "meeting",
      ]);
    });
  });

  describe("«Varsler»", () => {
    it("shows each user their own notifications only, and the name only while they may read the log", async () => {
      const world = await relayLogWorld(database);
      const { tenant, school, healthStation, holder, participant, outsider } = world;
      const log = await insertTestLog(database, {
        tenantId: tenant.id,
        holder,
        holderUnitId: school.id,
        participants: [{ user: participant, unitId: healthStation.id }],
        childName: "Synlig Navnesen",
      });
      await addEvaluation(tenant.id, log.id, addDays(today, 1));
      await addEvaluation(tenant.id, log.id, addDays(today, -1));
      await run();

      const holderPage = await listNotifications({ database, actor: holder, meta });
      expect(holderPage.total).toBe(2);
      expect(holderPage.unread).toBe(2);
      expect(holderPage.items.map((item) => item.logTitle)).toEqual([
        "Synlig Navnesen",
        "Synlig Navnesen",
      ]);
      expect(holderPage.items.map((item) => item.overdue).sort()).toEqual([false, true]);
      expect(holderPage.items[0]!.link).toBe(`/stafettlogger/${log.id}/evaluering`);
      const participantPage = await listNotifications({ database, actor: participant, meta });
      expect(participantPage.total).toBe(2);
      expect((await listNotifications({ database, actor: outsider, meta })).total).toBe(0);

      // Someone else's notification is not found, and stays unread.
      const holderItem = holderPage.items[0]!;
      const error = await failure(
        markNotificationRead({ database, actor: participant, notificationId: holderItem.id }),
      );
      expect(error.code).toBe("not_found");
      expect(
        (await failure(markNotificationRead({ database, actor: holder, notificationId: "x" })))
          .code,
      ).toBe("not_found");
      expect(await unreadCount({ database, actor: holder })).toBe(2);

      await markNotificationRead({ database, actor: holder, notificationId: holderItem.id });
      expect(await unreadCount({ database, actor: holder })).toBe(1);
      const afterOne = await listNotifications({ database, actor: holder, meta });
      expect(afterOne.items.find((item) => item.id === holderItem.id)!.read).toBe(true);

      expect(await markAllRead({ database, actor: holder })).toBe(1);
      expect(await unreadCount({ database, actor: holder })).toBe(0);
      expect(await unreadCount({ database, actor: participant })).toBe(2);

      // Consent withdrawn: the participant is frozen out and sees the notification without the name.
      await database.tenant(tenant.id, (tx) =>
        tx
          .update(relayLogConsents)
          .set({ withdrawnAt: new Date() })
          .where(eq(relayLogConsents.logId, log.id)),
      );
      const frozenPage = await listNotifications({ database, actor: participant, meta });
      expect(frozenPage.items).toHaveLength(2);
      expect(frozenPage.items.every((item) => item.logTitle === null)).toBe(true);
      // The holder still reads the log, and the names shown are recorded (ids only).
      const events = await database.system((tx) =>
        tx
          .select()
          .from(auditEvents)
          .where(
            and(
              eq(auditEvents.eventType, "relaylog.list_viewed"),
              eq(auditEvents.tenantId, tenant.id),
            ),
          ),
      );
      expect(events.length).toBeGreaterThan(0);
      expect(events.every((event) => !JSON.stringify(event.details).includes("Navnesen"))).toBe(
        true,
      );
      expect(
        events.some((event) =>
          ((event.details as { logIds?: string[] }).logIds ?? []).includes(log.id),
        ),
      ).toBe(true);
    });

    it("pages 25 at a time, newest first", async () => {
      const world = await relayLogWorld(database);
      const { tenant, school, holder } = world;
      const log = await insertTestLog(database, {
        tenantId: tenant.id,
        holder,
        holderUnitId: school.id,
      });
      await database.tenant(tenant.id, (tx) =>
        tx.insert(notifications).values(
          Array.from({ length: 30 }, (_, index) => ({
            tenantId: tenant.id,
            userId: holder.userId,
            kind: "evaluation_due",
            logId: log.id,
            link: `/stafettlogger/${log.id}/evaluering`,
            dedupeKey: reminderKey("evaluation_due", `e${index}`, today, holder.userId),
            createdAt: new Date(Date.now() - index * 60_000),
          })),
        ),
      );
      const first = await listNotifications({ database, actor: holder, meta });
      expect(first.pages).toBe(2);
      expect(first.items).toHaveLength(25);
      const second = await listNotifications({ database, actor: holder, meta, page: 2 });
      expect(second.items).toHaveLength(5);
      const times = [...first.items, ...second.items].map((item) => item.createdAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => b - a));
      const beyond = await listNotifications({ database, actor: holder, meta, page: 9 });
      expect(beyond.page).toBe(2);
    });
  });
});
