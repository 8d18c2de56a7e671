import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "../../core/access/actor.ts";
import { AppError } from "../../core/errors.ts";
import { addDays, osloDate } from "../../core/platform/dates.ts";
import {
  cancelHandover,
  countPendingHandovers,
  decideHandover,
  getHandoverPage,
  listHandoverInbox,
  requestHandover,
} from "../../core/relay-log/handover.ts";
import {
  cancelMeeting,
  getMeeting,
  listMeetings,
  meetingCalendarFile,
  saveMinutes,
  scheduleMeeting,
  sendMeetingInvitation,
  updateMeeting,
  type InvitationMailer,
} from "../../core/relay-log/meetings.ts";
import {
  auditEvents,
  relayLogEvaluations,
  relayLogHandovers,
  relayLogMeetings,
  relayLogParticipants,
  relayLogs,
} from "../../db/schema/index.ts";
import { createMailer } from "../../server/mail.ts";
import { databaseKinds, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { makeStaff, makeTenant, makeUnit } from "../support/fixtures.ts";
import { insertTestLog, relayLogWorld } from "../support/relay-log-fixtures.ts";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp.ts";

type Staff = Extract<Actor, { kind: "staff" }>;
type World = Awaited<ReturnType<typeof relayLogWorld>>;

const meta = { ip: "192.0.2.44", userAgent: "vitest", requestId: "req-relay-meetings" };
const CHILD = "Testbarn Fiktivsen";
const baseUrl = "https://laget.testvik.example";

async function failure(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the use case to fail");
}

/** A meeting a week ahead, 08:30–09:30 Norwegian time. */
function meetingValues(overrides: Record<string, unknown> = {}) {
  return {
    date: addDays(osloDate(), 7),
    startTime: "08:30",
    endTime: "09:30",
    place: "Møterom 2, rådhuset",
    agenda: "1. Status\n2. Tiltak",
    participantUserIds: [] as string[],
    otherParticipants: "mor og far",
    ...overrides,
  };
}

/** The parts of a multipart MIME mail, decoded: enough for nodemailer's text + attachment mails. */
function mimeParts(raw: string): { headers: string; body: string }[] {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)?.[1];
  if (!boundary) return [];
  return raw
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((part) => {
      const split = part.indexOf("\r\n\r\n");
      const headers = part.slice(0, split).replace(/\r\n[ \t]+/g, " ");
      const encoded = part.slice(split + 4).replace(/\r\n$/, "");
      const encoding = /content-transfer-encoding:\s*([\w-]+)/i.exec(headers)?.[1]?.toLowerCase();
      let body = encoded;
      if (encoding === "base64") body = Buffer.from(encoded, "base64").toString("utf8");
      if (encoding === "quoted-printable") {
        body = Buffer.from(
          encoded
            .replace(/=\r\n/g, "")
            .replace(/=([0-9A-F]{2})/gi, (_, hex: string) =>
              String.fromCharCode(parseInt(hex, 16)),
            ),
          "latin1",
        ).toString("utf8");
      }
      return { headers, body };
    });
}

describe.each(databaseKinds)("relay log meetings and handovers on %s", (kind) => {
  let database: TestDatabase;
  let world: World;
  let holder: Staff;
  let participant: Staff;
  let outsider: Staff;
  let logId: string;

  beforeAll(async () => {
    database = await freshDatabase(kind);
    world = await relayLogWorld(database);
    ({ holder, participant, outsider } = world);
  });
  afterAll(() => database.drop());

  beforeEach(async () => {
    const log = await insertTestLog(database, {
      tenantId: world.tenant.id,
      holder,
      holderUnitId: world.school.id,
      participants: [{ user: participant, unitId: world.healthStation.id }],
      childName: CHILD,
    });
    logId = log.id;
  });

  const common = (actor: Actor) => ({ database, actor, meta, logId });

  /** The inbox, limited to this test's log (earlier tests leave handovers on their own logs). */
  async function inboxOf(actor: Staff) {
    return (await listHandoverInbox({ database, actor, meta })).filter(
      (item) => item.logId === logId,
    );
  }

  async function auditOf(type: string) {
    return database.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.eventType, type), eq(auditEvents.subjectId, logId))),
    );
  }

  async function meetingRow(id: string) {
    const [row] = await database.system((tx) =>
      tx.select().from(relayLogMeetings).where(eq(relayLogMeetings.id, id)),
    );
    return row!;
  }

  async function logRow() {
    const [row] = await database.system((tx) =>
      tx.select().from(relayLogs).where(eq(relayLogs.id, logId)),
    );
    return row!;
  }

  describe("meetings", () => {
    it("schedules a meeting at the Norwegian clock time and audits it without text", async () => {
      const { id } = await scheduleMeeting({
        ...common(holder),
        values: meetingValues({
          date: "2030-06-14",
          participantUserIds: [holder.userId, participant.userId],
        }),
      });
      const row = await meetingRow(id);
      expect(row.startsAt.toISOString()).toBe("2030-06-14T06:30:00.000Z");
      expect(row.endsAt.toISOString()).toBe("2030-06-14T07:30:00.000Z");
      expect(row.status).toBe("planned");
      expect(row.otherParticipants).toBe("mor og far");
      expect(row.participantUserIds.sort()).toEqual([holder.userId, participant.userId].sort());
      const [event] = await auditOf("relaylog.meeting_saved");
      expect(event!.details).toMatchObject({ meetingId: id, action: "scheduled" });
      expect(JSON.stringify(event!.details)).not.toContain("Møterom");

      const list = await listMeetings({ ...common(participant), now: new Date("2030-01-01") });
      expect(list.upcoming.map((m) => m.id)).toEqual([id]);
      expect(list.upcoming[0]).toMatchObject({ date: "2030-06-14", startTime: "08:30" });
      expect(list.past).toEqual([]);
      expect(list.header.title).toBe(CHILD);
    });

    it("refuses an end before the start, a missing place, a long agenda and staff outside the log", async () => {
      const error = await failure(
        scheduleMeeting({
          ...common(holder),
          values: meetingValues({
            startTime: "10:00",
            endTime: "09:00",
            place: "  ",
            agenda: "x".repeat(2001),
          }),
        }),
      );
      expect(error.code).toBe("validation");
      expect(error.fieldErrors).toMatchObject({
        endTime: "relayLog.meetings.errors.endBeforeStart",
        place: "errors.required",
        agenda: "errors.tooLong",
      });
      const sameTime = await failure(
        scheduleMeeting({
          ...common(holder),
          values: meetingValues({ startTime: "09:00", endTime: "09:00" }),
        }),
      );
      expect(sameTime.fieldErrors?.endTime).toBe("relayLog.meetings.errors.endBeforeStart");
      const badDate = await failure(
        scheduleMeeting({ ...common(holder), values: meetingValues({ date: "2030-02-30" }) }),
      );
      expect(badDate.fieldErrors?.date).toBe("relayLog.meetings.errors.date");

      const notInLog = await failure(
        scheduleMeeting({
          ...common(holder),
          values: meetingValues({ participantUserIds: [holder.userId, outsider.userId] }),
        }),
      );
      expect(notInLog.code).toBe("validation");
      expect(notInLog.fieldErrors?.participantUserIds).toBe(
        "relayLog.meetings.errors.participantNotInLog",
      );
      const rows = await database.system((tx) =>
        tx.select().from(relayLogMeetings).where(eq(relayLogMeetings.logId, logId)),
      );
      expect(rows).toEqual([]);
    });

    it("lets only those with access read and write; a frozen participant gets neither", async () => {
      const error = await failure(listMeetings(common(outsider)));
      expect(error.code).toBe("not_found");
      const coordinator = await failure(listMeetings(common(world.coordinator)));
      expect(coordinator.code).toBe("not_found");
      const outsiderWrite = await failure(
        scheduleMeeting({ ...common(outsider), values: meetingValues() }),
      );
      expect(outsiderWrite.code).toBe("not_found");

      const frozenLog = await insertTestLog(database, {
        tenantId: world.tenant.id,
        holder,
        holderUnitId: world.school.id,
        participants: [{ user: participant, unitId: world.healthStation.id }],
        consent: "expired",
      });
      const frozen = await failure(
        scheduleMeeting({
          database,
          actor: participant,
          meta,
          logId: frozenLog.id,
          values: meetingValues(),
        }),
      );
      expect(frozen.code).toBe("forbidden");
      expect(frozen.messageKey).toBe("relayLog.frozen");
      // The holder still works in a frozen log.
      await scheduleMeeting({
        database,
        actor: holder,
        meta,
        logId: frozenLog.id,
        values: meetingValues(),
      });

      const otherTenant = await makeTenant(database, "Annenvik kommune");
      const stranger = await makeStaff(database, otherTenant.id);
      expect((await failure(listMeetings(common(stranger)))).code).toBe("not_found");
    });

    it("edits with the lock version, bumps the calendar sequence, and refuses a stale form", async () => {
      const { id } = await scheduleMeeting({ ...common(holder), values: meetingValues() });
      await updateMeeting({
        ...common(participant),
        meetingId: id,
        values: meetingValues({ place: "Helsestasjonen", lockVersion: "0" }),
      });
      const row = await meetingRow(id);
      expect(row.place).toBe("Helsestasjonen");
      expect(row.icsSequence).toBe(1);
      expect(row.lockVersion).toBe(1);
      const stale = await failure(
        updateMeeting({
          ...common(holder),
          meetingId: id,
          values: meetingValues({ place: "Skolen", lockVersion: "0" }),
        }),
      );
      expect(stale.code).toBe("conflict");
      expect(stale.messageKey).toBe("relayLog.conflict");
      expect((await meetingRow(id)).place).toBe("Helsestasjonen");
      const events = await auditOf("relaylog.meeting_saved");
      expect(events.find((e) => e.details.action === "updated")!.details.fields).toEqual(["place"]);
    });

    it("cancels only when confirmed, and a cancelled meeting cannot be edited or get minutes", async () => {
      const { id } = await scheduleMeeting({ ...common(holder), values: meetingValues() });
      const unconfirmed = await failure(
        cancelMeeting({ ...common(holder), meetingId: id, values: { lockVersion: "0" } }),
      );
      expect(unconfirmed.fieldErrors?.confirm).toBe("relayLog.meetings.errors.confirmCancel");
      await cancelMeeting({
        ...common(holder),
        meetingId: id,
        values: { confirm: "on", lockVersion: "0" },
      });
      const row = await meetingRow(id);
      expect(row.status).toBe("cancelled");
      expect(row.icsSequence).toBe(1);
      const edit = await failure(
        updateMeeting({
          ...common(holder),
          meetingId: id,
          values: meetingValues({ lockVersion: "1" }),
        }),
      );
      expect(edit.messageKey).toBe("relayLog.meetings.errors.notPlanned");
      const minutes = await failure(
        saveMinutes({
          ...common(holder),
          meetingId: id,
          values: { minutesDecisions: "Noe", lockVersion: "1" },
        }),
      );
      expect(minutes.messageKey).toBe("relayLog.meetings.errors.cancelledNoMinutes");
      const list = await listMeetings(common(holder));
      expect(list.past.map((m) => [m.id, m.status])).toEqual([[id, "cancelled"]]);
    });

    it("writes minutes, marks the meeting held and schedules the next evaluation once", async () => {
      const { id } = await scheduleMeeting({ ...common(holder), values: meetingValues() });
      const next = addDays(osloDate(), 60);
      const empty = await failure(
        saveMinutes({ ...common(holder), meetingId: id, values: { lockVersion: "0" } }),
      );
      expect(empty.fieldErrors?.minutesDecisions).toBe("relayLog.meetings.errors.minutesEmpty");
      const early = await failure(
        saveMinutes({
          ...common(holder),
          meetingId: id,
          values: { minutesDecisions: "Ok", nextEvaluationOn: osloDate(), lockVersion: "0" },
        }),
      );
      expect(early.fieldErrors?.nextEvaluationOn).toBe(
        "relayLog.meetings.errors.evaluationBeforeMeeting",
      );

      const first = await saveMinutes({
        ...common(participant),
        meetingId: id,
        values: {
          minutesDecisions: "Vi starter med leselekser.",
          minutesActions: "Helsesykepleier ringer foresatte.",
          nextEvaluationOn: next,
          lockVersion: "0",
        },
      });
      expect(first.evaluationId).toBeTruthy();
      const row = await meetingRow(id);
      expect(row.status).toBe("held");
      expect(row.minutesBy).toBe(participant.userId);
      expect(row.nextEvaluationOn).toBe(next);
      const again = await saveMinutes({
        ...common(holder),
        meetingId: id,
        values: { minutesDecisions: "Rettet.", nextEvaluationOn: next, lockVersion: "1" },
      });
      expect(again.evaluationId).toBeNull();
      const evaluations = await database.system((tx) =>
        tx.select().from(relayLogEvaluations).where(eq(relayLogEvaluations.logId, logId)),
      );
      expect(evaluations.map((e) => e.scheduledOn)).toEqual([next]);
      const events = await auditOf("relaylog.minutes_saved");
      expect(events).toHaveLength(2);
      expect(events[0]!.details).toMatchObject({
        meetingId: id,
        evaluationScheduled: first.evaluationId,
      });
      expect(JSON.stringify(events.map((e) => e.details))).not.toContain("leselekser");

      const details = await getMeeting({ ...common(holder), meetingId: id });
      expect(details.meeting.minutesDecisions).toBe("Rettet.");
      expect(details.meeting.minutesByName).toBe(holder.name);
      // Held meetings cannot be moved.
      const move = await failure(
        updateMeeting({
          ...common(holder),
          meetingId: id,
          values: meetingValues({ lockVersion: "2" }),
        }),
      );
      expect(move.messageKey).toBe("relayLog.meetings.errors.notPlanned");
    });

    it("gives a calendar file without the child's name, and 404 for a meeting of another log", async () => {
      const { id } = await scheduleMeeting({
        ...common(holder),
        values: meetingValues({
          date: "2030-01-15",
          participantUserIds: [holder.userId, participant.userId],
          agenda: `Om ${CHILD}`,
        }),
      });
      const file = await meetingCalendarFile({ ...common(participant), meetingId: id, baseUrl });
      expect(file.contentType).toContain("text/calendar");
      const unfolded = file.content.replace(/\r\n[ \t]/g, "");
      expect(unfolded).toContain(`UID:${id}@laget`);
      expect(unfolded).toContain("SEQUENCE:0");
      expect(unfolded).toContain("DTSTART:20300115T073000Z");
      expect(unfolded).toContain(`DESCRIPTION:${baseUrl}/stafettlogger/${logId}/moter/${id}`);
      expect(unfolded).toContain(`mailto:${participant.email}`);
      expect(unfolded).not.toContain("Testbarn");
      expect(unfolded).not.toContain("Fiktivsen");
      const viewed = await auditOf("relaylog.viewed");
      expect(viewed.some((e) => e.details.view === "meeting_ics")).toBe(true);

      const other = await insertTestLog(database, {
        tenantId: world.tenant.id,
        holder,
        holderUnitId: world.school.id,
      });
      const wrongLog = await failure(
        meetingCalendarFile({
          database,
          actor: holder,
          meta,
          logId: other.id,
          meetingId: id,
          baseUrl,
        }),
      );
      expect(wrongLog.code).toBe("not_found");
      expect(
        (await failure(meetingCalendarFile({ ...common(outsider), meetingId: id, baseUrl }))).code,
      ).toBe("not_found");
    });

    it("says so when e-mail is not configured", async () => {
      const { id } = await scheduleMeeting({
        ...common(holder),
        values: meetingValues({ participantUserIds: [participant.userId] }),
      });
      const mailer = createMailer({
        mail: { url: undefined, from: "Laget <laget@testvik.example>" },
      });
      const error = await failure(
        sendMeetingInvitation({ ...common(holder), meetingId: id, mailer, baseUrl }),
      );
      expect(error.code).toBe("unavailable");
      expect(error.messageKey).toBe("relayLog.meetings.mail.notConfigured");
    });

    describe("e-mail through an SMTP server", () => {
      let smtp: TestSmtpServer;
      let mailer: InvitationMailer & { close(): void };
      beforeAll(async () => {
        smtp = await startSmtpServer();
        mailer = createMailer({ mail: { url: smtp.url, from: "Laget <laget@testvik.example>" } });
      });
      afterAll(async () => {
        mailer.close();
        await smtp.close();
      });

      it("sends each staff participant the .ics, with nothing about the child in subject or body", async () => {
        const { id } = await scheduleMeeting({
          ...common(holder),
          values: meetingValues({
            date: "2030-07-01",
            participantUserIds: [holder.userId, participant.userId],
          }),
        });
        const before = smtp.received.length;
        const result = await sendMeetingInvitation({
          ...common(holder),
          meetingId: id,
          mailer,
          baseUrl,
        });
        expect(result.sent).toBe(2);
        const mails = smtp.received.slice(before);
        expect(mails.flatMap((mail) => mail.rcptTo).sort()).toEqual(
          [holder.email, participant.email].sort(),
        );
        for (const mail of mails) {
          expect(mail.subject).toBe("Invitasjon til samarbeidsmøte i Laget");
          const parts = mimeParts(mail.raw);
          const text = parts.find((part) => /content-type:\s*text\/plain/i.test(part.headers));
          const calendar = parts.find((part) =>
            /content-type:\s*text\/calendar/i.test(part.headers),
          );
          expect(text!.body).toContain("Du er invitert til et samarbeidsmøte i Laget");
          expect(text!.body).toContain(`${baseUrl}/stafettlogger/${logId}/moter/${id}`);
          expect(calendar!.headers).toMatch(/filename="?samarbeidsmote\.ics/);
          expect(calendar!.headers).toMatch(/method=REQUEST/i);
          const ics = calendar!.body.replace(/\r\n[ \t]/g, "");
          expect(ics).toContain("BEGIN:VCALENDAR");
          expect(ics).toContain(`UID:${id}@laget`);
          expect(ics).toContain("DTSTART:20300701T063000Z");
          expect(ics).toContain(`ORGANIZER;CN="${holder.name}":mailto:${holder.email}`);
          for (const content of [mail.subject, mail.raw, text!.body, ics]) {
            expect(content).not.toContain("Testbarn");
            expect(content).not.toContain("Fiktivsen");
            expect(content).not.toContain("2016-05-04");
          }
        }
        const [event] = await auditOf("relaylog.invitation_sent");
        expect(event!.details).toMatchObject({
          meetingId: id,
          recipients: 2,
          failed: 0,
          sequence: 0,
        });
        expect(JSON.stringify(event!.details)).not.toContain("@");

        // After a cancellation, the mail says so and the calendar gets STATUS:CANCELLED.
        await cancelMeeting({
          ...common(holder),
          meetingId: id,
          values: { confirm: "on", lockVersion: "0" },
        });
        const beforeCancel = smtp.received.length;
        await sendMeetingInvitation({ ...common(participant), meetingId: id, mailer, baseUrl });
        const cancelled = smtp.received.slice(beforeCancel);
        expect(cancelled).toHaveLength(2);
        const ics = mimeParts(cancelled[0]!.raw)
          .find((part) => /text\/calendar/i.test(part.headers))!
          .body.replace(/\r\n[ \t]/g, "");
        expect(ics).toContain("STATUS:CANCELLED");
        expect(ics).toContain("SEQUENCE:1");
      });

      it("refuses when no staff participant can be reached, and leaves out those who left the log", async () => {
        const { id } = await scheduleMeeting({
          ...common(holder),
          values: meetingValues({ participantUserIds: [participant.userId] }),
        });
        await database.system((tx) =>
          tx
            .update(relayLogParticipants)
            .set({ leftAt: new Date() })
            .where(
              and(
                eq(relayLogParticipants.logId, logId),
                eq(relayLogParticipants.userId, participant.userId),
              ),
            ),
        );
        const before = smtp.received.length;
        const error = await failure(
          sendMeetingInvitation({ ...common(holder), meetingId: id, mailer, baseUrl }),
        );
        expect(error.messageKey).toBe("relayLog.meetings.errors.noRecipients");
        expect(smtp.received.length).toBe(before);
      });
    });
  });

  describe("handovers", () => {
    it("keeps the holder until the receiver accepts, and refuses a second pending handover", async () => {
      const { id } = await requestHandover({
        ...common(holder),
        values: { toUserId: participant.userId, message: "Kan du ta over?" },
      });
      const log = await logRow();
      expect(log.holderUserId).toBe(holder.userId);
      const page = await getHandoverPage(common(holder));
      expect(page.pending).toMatchObject({
        id,
        toName: participant.name,
        toUnitName: world.healthStation.name,
      });
      // The receiver's one unit was chosen for them.
      const [row] = await database.system((tx) =>
        tx.select().from(relayLogHandovers).where(eq(relayLogHandovers.id, id)),
      );
      expect(row!.toUnitId).toBe(world.healthStation.id);
      const [event] = await auditOf("relaylog.handover_requested");
      expect(event!.details).toMatchObject({ handoverId: id, toUserId: participant.userId });
      expect(JSON.stringify(event!.details)).not.toContain("ta over");

      const second = await failure(
        requestHandover({ ...common(holder), values: { toUserId: outsider.userId } }),
      );
      expect(second.code).toBe("conflict");
      expect(second.messageKey).toBe("relayLog.meetings.handover.errors.pendingExists");
      // The unique index holds even past the check.
      await expect(
        database.system((tx) =>
          tx.insert(relayLogHandovers).values({
            tenantId: world.tenant.id,
            logId,
            fromUserId: holder.userId,
            toUserId: outsider.userId,
            toUnitId: world.school.id,
          }),
        ),
      ).rejects.toThrow();
    });

    it("lets only the holder hand over, to an employee who may hold a log, for one of their units", async () => {
      const notHolder = await failure(
        requestHandover({ ...common(participant), values: { toUserId: outsider.userId } }),
      );
      expect(notHolder.code).toBe("forbidden");
      expect(notHolder.messageKey).toBe("relayLog.holderOnly");
      const toSelf = await failure(
        requestHandover({ ...common(holder), values: { toUserId: holder.userId } }),
      );
      expect(toSelf.fieldErrors?.toUserId).toBe("relayLog.meetings.handover.errors.toSelf");
      const admin = await makeStaff(database, world.tenant.id, {
        roles: ["admin"],
        unitIds: [world.school.id],
      });
      const notAllowed = await failure(
        requestHandover({ ...common(holder), values: { toUserId: admin.userId } }),
      );
      expect(notAllowed.fieldErrors?.toUserId).toBe(
        "relayLog.meetings.handover.errors.receiverNotAllowed",
      );
      const wrongUnit = await failure(
        requestHandover({
          ...common(holder),
          values: { toUserId: outsider.userId, toUnitId: world.healthStation.id },
        }),
      );
      expect(wrongUnit.fieldErrors?.toUnitId).toBe(
        "relayLog.meetings.handover.errors.unitNotReceivers",
      );
      const noLeaving = await failure(
        requestHandover({
          ...common(holder),
          values: { toUserId: outsider.userId, isTransition: "on" },
        }),
      );
      expect(noLeaving.fieldErrors?.leavingUnitId).toBe(
        "relayLog.meetings.handover.errors.chooseLeavingUnit",
      );
      const otherTenant = await makeTenant(database, "Annenvik kommune");
      const foreigner = await makeStaff(database, otherTenant.id);
      const foreign = await failure(
        requestHandover({ ...common(holder), values: { toUserId: foreigner.userId } }),
      );
      expect(foreign.fieldErrors?.toUserId).toBe(
        "relayLog.meetings.handover.errors.receiverNotAllowed",
      );
    });

    it("shows the receiver only their own pending handovers, and only the receiver decides", async () => {
      const newcomer = await makeStaff(database, world.tenant.id, {
        name: "Ny Mottaker",
        unitIds: [world.school.id],
      });
      const { id } = await requestHandover({
        ...common(holder),
        values: { toUserId: newcomer.userId, message: "Hei!" },
      });
      const inbox = await listHandoverInbox({ database, actor: newcomer, meta });
      expect(inbox).toEqual([
        expect.objectContaining({
          id,
          logId,
          title: CHILD,
          fromName: holder.name,
          message: "Hei!",
          toUnitName: world.school.name,
        }),
      ]);
      const viewed = await auditOf("relaylog.viewed");
      expect(
        viewed.some((e) => e.details.view === "handover_inbox" && e.details.handoverId === id),
      ).toBe(true);
      expect(await countPendingHandovers({ database, actor: newcomer, meta })).toBe(1);
      expect(await inboxOf(participant)).toEqual([]);
      expect(await inboxOf(holder)).toEqual([]);
      // Not a participant yet: the log itself stays closed to the receiver.
      expect((await failure(listMeetings(common(newcomer)))).code).toBe("not_found");

      const otherTenant = await makeTenant(database, "Annenvik kommune");
      const stranger = await makeStaff(database, otherTenant.id);
      for (const actor of [holder, participant, outsider, world.coordinator, stranger]) {
        const error = await failure(
          decideHandover({ database, actor, meta, handoverId: id, values: { decision: "accept" } }),
        );
        expect(error.code).toBe("not_found");
      }
      expect((await logRow()).holderUserId).toBe(holder.userId);
    });

    it("keeps the holder when the receiver declines, with a reason", async () => {
      const { id } = await requestHandover({
        ...common(holder),
        values: { toUserId: participant.userId },
      });
      const noReason = await failure(
        decideHandover({
          database,
          actor: participant,
          meta,
          handoverId: id,
          values: { decision: "decline", declineReason: " " },
        }),
      );
      expect(noReason.fieldErrors?.declineReason).toBe(
        "relayLog.meetings.handover.errors.declineReason",
      );
      const result = await decideHandover({
        database,
        actor: participant,
        meta,
        handoverId: id,
        values: { decision: "decline", declineReason: "Jeg slutter snart." },
      });
      expect(result).toEqual({ logId, decision: "declined", consentNeeded: false });
      expect((await logRow()).holderUserId).toBe(holder.userId);
      const page = await getHandoverPage(common(holder));
      expect(page.pending).toBeNull();
      expect(page.history[0]).toMatchObject({
        id,
        state: "declined",
        declineReason: "Jeg slutter snart.",
      });
      const again = await failure(
        decideHandover({
          database,
          actor: participant,
          meta,
          handoverId: id,
          values: { decision: "accept" },
        }),
      );
      expect(again.code).toBe("conflict");
      const [event] = await auditOf("relaylog.handover_decided");
      expect(event!.details).toEqual({ handoverId: id, decision: "declined" });
      // A new handover can be asked for once the first is answered.
      await requestHandover({ ...common(holder), values: { toUserId: outsider.userId } });
    });

    it("lets the holder withdraw a pending handover", async () => {
      const { id } = await requestHandover({
        ...common(holder),
        values: { toUserId: outsider.userId },
      });
      await cancelHandover({ ...common(holder), handoverId: id });
      expect(await inboxOf(outsider)).toEqual([]);
      const late = await failure(
        decideHandover({
          database,
          actor: outsider,
          meta,
          handoverId: id,
          values: { decision: "accept" },
        }),
      );
      expect(late.code).toBe("conflict");
      expect((await failure(cancelHandover({ ...common(holder), handoverId: id }))).code).toBe(
        "conflict",
      );
    });

    it("accepting makes the receiver holder and participant for their unit; the old holder stays", async () => {
      const newcomer = await makeStaff(database, world.tenant.id, {
        name: "Ny Holder",
        unitIds: [world.school.id],
      });
      const { id } = await requestHandover({
        ...common(holder),
        values: { toUserId: newcomer.userId },
      });
      const result = await decideHandover({
        database,
        actor: newcomer,
        meta,
        handoverId: id,
        values: { decision: "accept" },
      });
      // The school is covered by the valid consent: no new consent needed.
      expect(result).toEqual({ logId, decision: "accepted", consentNeeded: false });
      const log = await logRow();
      expect(log.holderUserId).toBe(newcomer.userId);
      expect(log.holderUnitId).toBe(world.school.id);
      const page = await getHandoverPage(common(newcomer));
      expect(page.header.isHolder).toBe(true);
      // The previous holder still takes part, now as a participant.
      const holderView = await getHandoverPage(common(holder));
      expect(holderView.header.isHolder).toBe(false);
      const previousHolderAttempt = await failure(
        requestHandover({ ...common(holder), values: { toUserId: outsider.userId } }),
      );
      expect(previousHolderAttempt.messageKey).toBe("relayLog.holderOnly");
      const events = await auditOf("relaylog.handover_decided");
      expect(events[0]!.details).toMatchObject({
        handoverId: id,
        decision: "accepted",
        isTransition: false,
      });
    });

    it("a transition removes the leaving unit's participants and unit, who then lose access", async () => {
      const kindergarten = await makeUnit(
        database,
        world.tenant.id,
        `Testvik barnehage ${Date.now()}`,
      );
      const teacher = await makeStaff(database, world.tenant.id, {
        name: "Barnehage Lærer",
        unitIds: [kindergarten.id],
      });
      const colleague = await makeStaff(database, world.tenant.id, {
        name: "Barnehage Kollega",
        unitIds: [kindergarten.id],
      });
      const log = await insertTestLog(database, {
        tenantId: world.tenant.id,
        holder: teacher,
        holderUnitId: kindergarten.id,
        participants: [
          { user: colleague, unitId: kindergarten.id },
          { user: participant, unitId: world.healthStation.id },
        ],
        childName: CHILD,
      });
      logId = log.id;
      const { id: meetingId } = await scheduleMeeting({
        ...common(colleague),
        values: meetingValues(),
      });
      const { id } = await requestHandover({
        ...common(teacher),
        values: {
          toUserId: outsider.userId,
          toUnitId: world.school.id,
          isTransition: "on",
          leavingUnitId: kindergarten.id,
          message: "Overgang til skolen.",
        },
      });
      const result = await decideHandover({
        database,
        actor: outsider,
        meta,
        handoverId: id,
        values: { decision: "accept" },
      });
      expect(result).toEqual({ logId, decision: "accepted", consentNeeded: true });
      const after = await logRow();
      expect(after.holderUserId).toBe(outsider.userId);
      expect(after.holderUnitId).toBe(world.school.id);
      expect([...after.unitIds].sort()).toEqual([world.healthStation.id, world.school.id].sort());
      const active = await database.system((tx) =>
        tx
          .select({ userId: relayLogParticipants.userId, unitId: relayLogParticipants.unitId })
          .from(relayLogParticipants)
          .where(and(eq(relayLogParticipants.logId, logId), isNull(relayLogParticipants.leftAt))),
      );
      expect(active.map((row) => row.userId).sort()).toEqual(
        [outsider.userId, participant.userId].sort(),
      );
      for (const gone of [teacher, colleague]) {
        expect((await failure(listMeetings(common(gone)))).code).toBe("not_found");
        expect((await failure(getMeeting({ ...common(gone), meetingId }))).code).toBe("not_found");
      }
      // The health station is still covered by consent and keeps working; the new holder too.
      await listMeetings(common(participant));
      await getMeeting({ ...common(outsider), meetingId });
      const left = await auditOf("relaylog.participant_left");
      expect((left[0]!.details.userIds as string[]).sort()).toEqual(
        [teacher.userId, colleague.userId].sort(),
      );
      const page = await getHandoverPage(common(outsider));
      expect(page.history[0]).toMatchObject({
        id,
        state: "accepted",
        isTransition: true,
        leavingUnitName: kindergarten.name,
      });
    });

    it("handles the pending handover the open-log step writes when another holder is chosen", async () => {
      const chosen = await makeStaff(database, world.tenant.id, {
        name: "Valgt Holder",
        unitIds: [world.healthStation.id, world.school.id],
      });
      const [row] = await database.system((tx) =>
        tx
          .insert(relayLogHandovers)
          .values({
            tenantId: world.tenant.id,
            logId,
            fromUserId: holder.userId,
            toUserId: chosen.userId,
            toUnitId: world.healthStation.id,
            isTransition: false,
            message: "",
          })
          .returning(),
      );
      const inbox = await listHandoverInbox({ database, actor: chosen, meta });
      expect(inbox.map((item) => item.id)).toEqual([row!.id]);
      expect(inbox[0]!.message).toBe("");
      const result = await decideHandover({
        database,
        actor: chosen,
        meta,
        handoverId: row!.id,
        values: { decision: "accept" },
      });
      expect(result.consentNeeded).toBe(false);
      const log = await logRow();
      expect(log.holderUserId).toBe(chosen.userId);
      expect(log.holderUnitId).toBe(world.healthStation.id);
      const participants = await database.system((tx) =>
        tx
          .select()
          .from(relayLogParticipants)
          .where(
            and(
              eq(relayLogParticipants.logId, logId),
              eq(relayLogParticipants.userId, chosen.userId),
              isNull(relayLogParticipants.leftAt),
            ),
          ),
      );
      expect(participants.map((p) => p.unitId)).toEqual([world.healthStation.id]);
    });

    it("asks which unit when the receiver belongs to several", async () => {
      const chosen = await makeStaff(database, world.tenant.id, {
        unitIds: [world.healthStation.id, world.school.id],
      });
      const error = await failure(
        requestHandover({ ...common(holder), values: { toUserId: chosen.userId } }),
      );
      expect(error.fieldErrors?.toUnitId).toBe("relayLog.meetings.handover.errors.chooseUnit");
      await requestHandover({
        ...common(holder),
        values: { toUserId: chosen.userId, toUnitId: world.school.id },
      });
    });

    it("finds receivers by name for the holder only", async () => {
      const page = await getHandoverPage({ ...common(holder), query: "Del Tak" });
      expect(page.candidates.map((c) => c.userId)).toEqual([participant.userId]);
      expect(page.candidates[0]!.units.map((u) => u.id)).toEqual([world.healthStation.id]);
      const wildcard = await getHandoverPage({ ...common(holder), query: "%%" });
      expect(wildcard.candidates).toEqual([]);
      const asParticipant = await getHandoverPage({ ...common(participant), query: "Uten" });
      expect(asParticipant.candidates).toEqual([]);
      expect(asParticipant.logUnits).toEqual([]);
    });
  });
});
