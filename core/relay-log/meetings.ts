import { and, asc, count, desc, eq, gte, inArray, isNull, ne, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "../../db/client.ts";
import {
  relayLogEvaluations,
  relayLogMeetings,
  relayLogParticipants,
  units,
  users,
} from "../../db/schema/index.ts";
import { translator, type Language } from "../../i18n/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import { AppError } from "../errors.ts";
import { isIsoDate } from "../platform/dates.ts";
import { parseInput } from "../platform/validation.ts";
import { assertLockVersion, auditLogChange, requireLog, type LogContext } from "./access.ts";
import { notifyFamily } from "./family-notify.ts";
import { logHeader, type LogHeader } from "./header.ts";
import { agendaItemsOf, type FamilyAgendaNote } from "./family-contributions.ts";
import { ICS_CONTENT_TYPE, icsMethod, meetingToIcs, type IcsPerson } from "./ics.ts";
import { isClockTime, osloLocalToUtc, utcToOsloLocal } from "./meeting-time.ts";
import {
  MEETING_AGENDA_MAX,
  MEETING_MINUTES_MAX,
  MEETING_OTHERS_MAX,
  MEETING_PLACE_MAX,
  MEETINGS_PAGE_SIZE,
} from "./meeting-rules.ts";

export * from "./meeting-rules.ts";

/**
 * Collaboration meetings (samarbeidsmøter) of a relay log: scheduled with participants, agenda
 * and place; a calendar invitation (.ics) to download or to e-mail to the staff taking part;
 * short minutes (decisions, who does what, next evaluation) that become part of the log.
 * Every read and write goes through requireLog; writes need "write" and are audited with ids
 * and field names only.
 */

export type MeetingStatus = "planned" | "held" | "cancelled";

interface Base {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  logId: string;
}

export interface MeetingPerson {
  userId: string;
  name: string;
  /** Still an active participant of the log (a later leaver keeps their name on old meetings). */
  active: boolean;
}

export interface MeetingSummary {
  id: string;
  startsAt: string;
  endsAt: string;
  date: string;
  startTime: string;
  endTime: string;
  place: string;
  status: MeetingStatus;
  hasMinutes: boolean;
  participantCount: number;
  /** The meeting has ended (a planned one that is over still needs its minutes). */
  over: boolean;
}

export interface MeetingDetails extends MeetingSummary {
  agenda: string;
  participants: MeetingPerson[];
  otherParticipants: string;
  minutesDecisions: string | null;
  minutesActions: string | null;
  nextEvaluationOn: string | null;
  minutesByName: string | null;
  minutesAt: string | null;
  createdByName: string | null;
  icsSequence: number;
  lockVersion: number;
}

/** The log's active participants, for choosing who takes part in a meeting. */
export interface ParticipantOption {
  userId: string;
  name: string;
  unitName: string;
}

// ---------------------------------------------------------------- validation

const asArray = (value: unknown) =>
  value === undefined || value === null || value === ""
    ? []
    : Array.isArray(value)
      ? value
      : [value];

const meetingSchema = z
  .object({
    date: z.string().trim().refine(isIsoDate, "relayLog.meetings.errors.date"),
    startTime: z.string().trim().refine(isClockTime, "relayLog.meetings.errors.time"),
    endTime: z.string().trim().refine(isClockTime, "relayLog.meetings.errors.time"),
    place: z.string().trim().min(1).max(MEETING_PLACE_MAX),
    agenda: z.string().trim().max(MEETING_AGENDA_MAX).default(""),
    participantUserIds: z.preprocess(
      asArray,
      z.array(z.guid("relayLog.meetings.errors.participantNotInLog")).max(100),
    ),
    otherParticipants: z.string().trim().max(MEETING_OTHERS_MAX).default(""),
  })
  .superRefine((value, context) => {
    if (isClockTime(value.startTime) && isClockTime(value.endTime)) {
      if (value.endTime <= value.startTime) {
        context.addIssue({
          code: "custom",
          path: ["endTime"],
          message: "relayLog.meetings.errors.endBeforeStart",
        });
      }
    }
  });

const minutesSchema = z
  .object({
    minutesDecisions: z.string().trim().max(MEETING_MINUTES_MAX).default(""),
    minutesActions: z.string().trim().max(MEETING_MINUTES_MAX).default(""),
    nextEvaluationOn: z
      .string()
      .trim()
      .default("")
      .refine((value) => value === "" || isIsoDate(value), "relayLog.meetings.errors.date"),
  })
  .superRefine((value, context) => {
    if (!value.minutesDecisions && !value.minutesActions) {
      context.addIssue({
        code: "custom",
        path: ["minutesDecisions"],
        message: "relayLog.meetings.errors.minutesEmpty",
      });
    }
  });

const cancelSchema = z.object({
  confirm: z.literal("on", { message: "relayLog.meetings.errors.confirmCancel" }),
});

function lockVersionOf(values: unknown): unknown {
  return typeof values === "object" && values !== null
    ? (values as Record<string, unknown>).lockVersion
    : undefined;
}

// ---------------------------------------------------------------- reads

async function activeParticipants(tx: Tx, logId: string): Promise<ParticipantOption[]> {
  const rows = await tx
    .select({ userId: relayLogParticipants.userId, name: users.name, unitName: units.name })
    .from(relayLogParticipants)
    .innerJoin(users, eq(users.id, relayLogParticipants.userId))
    .innerJoin(units, eq(units.id, relayLogParticipants.unitId))
    .where(and(eq(relayLogParticipants.logId, logId), isNull(relayLogParticipants.leftAt)))
    .orderBy(asc(users.name));
  return rows;
}

async function namesOf(tx: Tx, userIds: readonly string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, [...new Set(userIds)]));
  return new Map(rows.map((row) => [row.id, row.name]));
}

type MeetingRow = typeof relayLogMeetings.$inferSelect;

function summaryOf(row: MeetingRow, now: Date = new Date()): MeetingSummary {
  const start = utcToOsloLocal(row.startsAt);
  const end = utcToOsloLocal(row.endsAt);
  return {
    id: row.id,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    date: start.date,
    startTime: start.time,
    endTime: end.time,
    place: row.place,
    status: row.status as MeetingStatus,
    hasMinutes: row.minutesAt !== null,
    participantCount: row.participantUserIds.length,
    over: row.endsAt.getTime() < now.getTime(),
  };
}

async function loadMeeting(tx: Tx, logId: string, meetingId: string): Promise<MeetingRow> {
  if (!z.guid().safeParse(meetingId).success) throw new AppError("not_found", "errors.notFound");
  const [row] = await tx
    .select()
    .from(relayLogMeetings)
    .where(and(eq(relayLogMeetings.id, meetingId), eq(relayLogMeetings.logId, logId)));
  if (!row) throw new AppError("not_found", "errors.notFound");
  return row;
}

async function detailsOf(tx: Tx, row: MeetingRow): Promise<MeetingDetails> {
  const active = new Set((await activeParticipants(tx, row.logId)).map((p) => p.userId));
  const names = await namesOf(tx, [
    ...row.participantUserIds,
    ...(row.minutesBy ? [row.minutesBy] : []),
    ...(row.createdBy ? [row.createdBy] : []),
  ]);
  return {
    ...summaryOf(row),
    agenda: row.agenda,
    participants: row.participantUserIds.map((userId) => ({
      userId,
      name: names.get(userId) ?? "",
      active: active.has(userId),
    })),
    otherParticipants: row.otherParticipants,
    minutesDecisions: row.minutesDecisions,
    minutesActions: row.minutesActions,
    nextEvaluationOn: row.nextEvaluationOn,
    minutesByName: row.minutesBy ? (names.get(row.minutesBy) ?? null) : null,
    minutesAt: row.minutesAt?.toISOString() ?? null,
    createdByName: row.createdBy ? (names.get(row.createdBy) ?? null) : null,
    icsSequence: row.icsSequence,
    lockVersion: row.lockVersion,
  };
}

/**
 * The meetings page: upcoming meetings (planned, not yet over) soonest first, and earlier ones
 * (held, cancelled, or over without minutes) newest first, 25 per page.
 */
export async function listMeetings(input: Base & { page?: number; now?: Date }): Promise<{
  header: LogHeader;
  upcoming: MeetingSummary[];
  past: MeetingSummary[];
  page: number;
  pages: number;
  participantOptions: ParticipantOption[];
  /** What the family wants discussed, per upcoming meeting id. */
  familyAgendaItems: Record<string, FamilyAgendaNote[]>;
}> {
  const now = input.now ?? new Date();
  return input.database.tenant(tenantOf(input.actor), async (tx) => {
    const context = await requireLog(tx, { ...input, need: "read", view: "meetings" });
    const isUpcoming = and(
      eq(relayLogMeetings.status, "planned"),
      gte(relayLogMeetings.endsAt, now),
    );
    const upcoming = await tx
      .select()
      .from(relayLogMeetings)
      .where(and(eq(relayLogMeetings.logId, input.logId), isUpcoming))
      .orderBy(asc(relayLogMeetings.startsAt))
      .limit(MEETINGS_PAGE_SIZE);
    const isPast = and(
      eq(relayLogMeetings.logId, input.logId),
      or(ne(relayLogMeetings.status, "planned"), sql`${relayLogMeetings.endsAt} < ${now}`),
    );
    const [total] = await tx.select({ value: count() }).from(relayLogMeetings).where(isPast);
    const pages = Math.max(1, Math.ceil((total?.value ?? 0) / MEETINGS_PAGE_SIZE));
    const page = Math.min(Math.max(1, Math.floor(input.page ?? 1)), pages);
    const past = await tx
      .select()
      .from(relayLogMeetings)
      .where(isPast)
      .orderBy(desc(relayLogMeetings.startsAt), desc(relayLogMeetings.id))
      .limit(MEETINGS_PAGE_SIZE)
      .offset((page - 1) * MEETINGS_PAGE_SIZE);
    return {
      header: await logHeader(tx, context),
      upcoming: upcoming.map((row) => summaryOf(row, now)),
      past: past.map((row) => summaryOf(row, now)),
      page,
      pages,
      participantOptions: context.access.write ? await activeParticipants(tx, input.logId) : [],
      familyAgendaItems: Object.fromEntries(
        await agendaItemsOf(
          tx,
          input.logId,
          upcoming.map((row) => row.id),
        ),
      ),
    };
  });
}

/** One meeting with its minutes, and who may be chosen when it is edited. */
export async function getMeeting(input: Base & { meetingId: string }): Promise<{
  header: LogHeader;
  meeting: MeetingDetails;
  participantOptions: ParticipantOption[];
  /** What the family wants discussed at this meeting. */
  familyAgendaItems: FamilyAgendaNote[];
}> {
  return input.database.tenant(tenantOf(input.actor), async (tx) => {
    const context = await requireLog(tx, { ...input, need: "read", view: "meeting" });
    const row = await loadMeeting(tx, input.logId, input.meetingId);
    return {
      header: await logHeader(tx, context),
      meeting: await detailsOf(tx, row),
      participantOptions: context.access.write ? await activeParticipants(tx, input.logId) : [],
      familyAgendaItems: (await agendaItemsOf(tx, input.logId, [row.id])).get(row.id) ?? [],
    };
  });
}

// ---------------------------------------------------------------- writes

function tenantOf(actor: Actor): string {
  if (actor.kind === "system" || !actor.tenantId)
    throw new AppError("not_found", "errors.notFound");
  return actor.tenantId;
}

function staffId(actor: Actor): string | null {
  return actor.kind === "staff" ? actor.userId : null;
}

/** Checks the chosen staff against the log's participants (and, on edit, those already invited). */
async function checkedMeeting(
  tx: Tx,
  context: LogContext,
  values: z.infer<typeof meetingSchema>,
  alreadyInvited: readonly string[] = [],
) {
  const allowed = new Set([
    ...(await activeParticipants(tx, context.log.id)).map((p) => p.userId),
    ...alreadyInvited,
  ]);
  const participantUserIds = [...new Set(values.participantUserIds)];
  if (participantUserIds.some((userId) => !allowed.has(userId))) {
    throw new AppError("validation", "errors.validation", {
      fieldErrors: { participantUserIds: "relayLog.meetings.errors.participantNotInLog" },
    });
  }
  return {
    startsAt: osloLocalToUtc(values.date, values.startTime),
    endsAt: osloLocalToUtc(values.date, values.endTime),
    place: values.place,
    agenda: values.agenda,
    participantUserIds,
    otherParticipants: values.otherParticipants,
  };
}

/** Schedules a meeting. The times are Norwegian clock times on the given date. */
export async function scheduleMeeting(input: Base & { values: unknown }): Promise<{ id: string }> {
  const values = parseInput(meetingSchema, input.values);
  return input.database.tenant(tenantOf(input.actor), async (tx) => {
    const context = await requireLog(tx, { ...input, need: "write" });
    const fields = await checkedMeeting(tx, context, values);
    const [row] = await tx
      .insert(relayLogMeetings)
      .values({
        tenantId: context.log.tenantId,
        logId: context.log.id,
        ...fields,
        createdBy: staffId(input.actor),
      })
      .returning({ id: relayLogMeetings.id });
    await auditLogChange(tx, {
      type: "relaylog.meeting_saved",
      actor: input.actor,
      meta: input.meta,
      log: context.log,
      details: { meetingId: row!.id, action: "scheduled", participants: fields.participantUserIds },
    });
    await notifyFamily(tx, { log: context.log, kind: "meeting", dedupeKey: row!.id });
    return { id: row!.id };
  });
}

const meetingFields = [
  "startsAt",
  "endsAt",
  "place",
  "agenda",
  "participantUserIds",
  "otherParticipants",
] as const;

/**
 * Changes a planned meeting. A stale form (lockVersion) is a conflict; every saved change bumps
 * the calendar SEQUENCE so an invitation sent again replaces the earlier one.
 */
export async function updateMeeting(
  input: Base & { meetingId: string; values: unknown },
): Promise<void> {
  const values = parseInput(meetingSchema, input.values);
  await input.database.tenant(tenantOf(input.actor), async (tx) => {
    const context = await requireLog(tx, { ...input, need: "write" });
    const row = await loadMeeting(tx, input.logId, input.meetingId);
    assertLockVersion(row.lockVersion, lockVersionOf(input.values));
    if (row.status !== "planned") {
      throw new AppError("conflict", "relayLog.meetings.errors.notPlanned");
    }
    const fields = await checkedMeeting(tx, context, values, row.participantUserIds);
    const changed = meetingFields.filter((field) => {
      const before = row[field];
      const after = fields[field];
      if (before instanceof Date && after instanceof Date)
        return before.getTime() !== after.getTime();
      if (Array.isArray(before) && Array.isArray(after)) return before.join() !== after.join();
      return before !== after;
    });
    const updated = await tx
      .update(relayLogMeetings)
      .set({
        ...fields,
        icsSequence: sql`${relayLogMeetings.icsSequence} + 1`,
        lockVersion: sql`${relayLogMeetings.lockVersion} + 1`,
        updatedAt: new Date(),
      })
      .where(
        and(eq(relayLogMeetings.id, row.id), eq(relayLogMeetings.lockVersion, row.lockVersion)),
      )
      .returning({ id: relayLogMeetings.id });
    if (updated.length === 0) throw new AppError("conflict", "relayLog.conflict");
    await auditLogChange(tx, {
      type: "relaylog.meeting_saved",
      actor: input.actor,
      meta: input.meta,
      log: context.log,
      details: { meetingId: row.id, action: "updated", fields: changed },
    });
    await notifyFamily(tx, { log: context.log, kind: "meeting", dedupeKey: row.id });
  });
}

/** Cancels a planned meeting once the user has ticked the confirmation. */
export async function cancelMeeting(
  input: Base & { meetingId: string; values: unknown },
): Promise<void> {
  parseInput(cancelSchema, input.values);
  await input.database.tenant(tenantOf(input.actor), async (tx) => {
    const context = await requireLog(tx, { ...input, need: "write" });
    const row = await loadMeeting(tx, input.logId, input.meetingId);
    assertLockVersion(row.lockVersion, lockVersionOf(input.values));
    if (row.status !== "planned") {
      throw new AppError("conflict", "relayLog.meetings.errors.notPlanned");
    }
    const updated = await tx
      .update(relayLogMeetings)
      .set({
        status: "cancelled",
        icsSequence: sql`${relayLogMeetings.icsSequence} + 1`,
        lockVersion: sql`${relayLogMeetings.lockVersion} + 1`,
        updatedAt: new Date(),
      })
      .where(
        and(eq(relayLogMeetings.id, row.id), eq(relayLogMeetings.lockVersion, row.lockVersion)),
      )
      .returning({ id: relayLogMeetings.id });
    if (updated.length === 0) throw new AppError("conflict", "relayLog.conflict");
    await auditLogChange(tx, {
      type: "relaylog.meeting_saved",
      actor: input.actor,
      meta: input.meta,
      log: context.log,
      details: { meetingId: row.id, action: "cancelled" },
    });
    await notifyFamily(tx, { log: context.log, kind: "meeting", dedupeKey: row.id });
  });
}

/**
 * Writes (or corrects) the minutes: decisions, who does what, and the next evaluation. The
 * meeting counts as held. A next evaluation date also plans an evaluation in the log for that
 * day, unless one is already planned then.
 */
export async function saveMinutes(
  input: Base & { meetingId: string; values: unknown },
): Promise<{ evaluationId: string | null }> {
  const values = parseInput(minutesSchema, input.values);
  return input.database.tenant(tenantOf(input.actor), async (tx) => {
    const context = await requireLog(tx, { ...input, need: "write" });
    const row = await loadMeeting(tx, input.logId, input.meetingId);
    assertLockVersion(row.lockVersion, lockVersionOf(input.values));
    if (row.status === "cancelled") {
      throw new AppError("conflict", "relayLog.meetings.errors.cancelledNoMinutes");
    }
    const nextEvaluationOn = values.nextEvaluationOn || null;
    if (nextEvaluationOn && nextEvaluationOn < utcToOsloLocal(row.startsAt).date) {
      throw new AppError("validation", "errors.validation", {
        fieldErrors: { nextEvaluationOn: "relayLog.meetings.errors.evaluationBeforeMeeting" },
      });
    }
    const updated = await tx
      .update(relayLogMeetings)
      .set({
        status: "held",
        minutesDecisions: values.minutesDecisions,
        minutesActions: values.minutesActions,
        nextEvaluationOn,
        minutesBy: staffId(input.actor),
        minutesAt: new Date(),
        lockVersion: sql`${relayLogMeetings.lockVersion} + 1`,
        updatedAt: new Date(),
      })
      .where(
        and(eq(relayLogMeetings.id, row.id), eq(relayLogMeetings.lockVersion, row.lockVersion)),
      )
      .returning({ id: relayLogMeetings.id });
    if (updated.length === 0) throw new AppError("conflict", "relayLog.conflict");
    let evaluationId: string | null = null;
    if (nextEvaluationOn) {
      const [existing] = await tx
        .select({ id: relayLogEvaluations.id })
        .from(relayLogEvaluations)
        .where(
          and(
            eq(relayLogEvaluations.logId, context.log.id),
            eq(relayLogEvaluations.scheduledOn, nextEvaluationOn),
          ),
        )
        .limit(1);
      if (!existing) {
        const [created] = await tx
          .insert(relayLogEvaluations)
          .values({
            tenantId: context.log.tenantId,
            logId: context.log.id,
            scheduledOn: nextEvaluationOn,
          })
          .returning({ id: relayLogEvaluations.id });
        evaluationId = created!.id;
      }
    }
    await auditLogChange(tx, {
      type: "relaylog.minutes_saved",
      actor: input.actor,
      meta: input.meta,
      log: context.log,
      details: {
        meetingId: row.id,
        first: row.minutesAt === null,
        fields: ["minutesDecisions", "minutesActions", "nextEvaluationOn"].filter(
          (field) => values[field as keyof typeof values],
        ),
        evaluationScheduled: evaluationId,
      },
    });
    return { evaluationId };
  });
}

// ---------------------------------------------------------------- calendar invitation

/** What sending an invitation needs of server/mail.ts's Mailer. */
export interface InvitationMailer {
  readonly configured: boolean;
  sendMail(message: {
    to: string;
    subject: string;
    text: string;
    attachments?: { filename: string; content: string; contentType: string }[];
  }): Promise<void>;
}

export const ICS_FILENAME = "samarbeidsmote.ics";

function meetingUrl(baseUrl: string, logId: string, meetingId: string): string {
  return new URL(`/stafettlogger/${logId}/moter/${meetingId}`, baseUrl).toString();
}

/** The staff taking part who can receive mail: invited, still in the log, active accounts. */
async function invitees(tx: Tx, row: MeetingRow): Promise<IcsPerson[]> {
  if (row.participantUserIds.length === 0) return [];
  const rows = await tx
    .select({ name: users.name, email: users.email })
    .from(users)
    .innerJoin(
      relayLogParticipants,
      and(
        eq(relayLogParticipants.userId, users.id),
        eq(relayLogParticipants.logId, row.logId),
        isNull(relayLogParticipants.leftAt),
      ),
    )
    .where(and(inArray(users.id, row.participantUserIds), eq(users.active, true)))
    .orderBy(asc(users.name));
  return rows;
}

/** Who sends the invitation organises it; a downloaded copy names the one who scheduled it. */
async function organizerOf(tx: Tx, row: MeetingRow, sender?: Actor): Promise<IcsPerson | null> {
  if (sender?.kind === "staff") return { name: sender.name, email: sender.email };
  if (!row.createdBy) return null;
  const [creator] = await tx
    .select({ name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, row.createdBy));
  return creator ?? null;
}

function icsOf(
  row: MeetingRow,
  people: { organizer: IcsPerson | null; attendees: IcsPerson[] },
  baseUrl: string,
  language: Language,
): string {
  return meetingToIcs({
    id: row.id,
    sequence: row.icsSequence,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    cancelled: row.status === "cancelled",
    summary: translator(language)("relayLog.meetings.ics.summary"),
    location: row.place,
    url: meetingUrl(baseUrl, row.logId, row.id),
    organizer: people.organizer,
    attendees: people.attendees,
  });
}

/** The .ics file to download (read access; the download is audited as a read). */
export async function meetingCalendarFile(
  input: Base & { meetingId: string; baseUrl: string; language?: Language },
): Promise<{ filename: string; contentType: string; content: string }> {
  return input.database.tenant(tenantOf(input.actor), async (tx) => {
    await requireLog(tx, { ...input, need: "read", view: "meeting_ics" });
    const row = await loadMeeting(tx, input.logId, input.meetingId);
    const attendees = await invitees(tx, row);
    const organizer = await organizerOf(tx, row);
    return {
      filename: ICS_FILENAME,
      contentType: `${ICS_CONTENT_TYPE}; method=${icsMethod({ cancelled: row.status === "cancelled" })}`,
      content: icsOf(row, { organizer, attendees }, input.baseUrl, input.language ?? "nb"),
    };
  });
}

/**
 * E-mails the invitation (or, for a cancelled meeting, the cancellation) to the staff taking
 * part, with the .ics attached. Subject and body say only that there is a meeting in Laget and
 * link to it: nothing about the child. Sent outside the transaction (an SMTP round trip must
 * not hold one open); the audit event records how many went out.
 */
export async function sendMeetingInvitation(
  input: Base & { meetingId: string; mailer: InvitationMailer; baseUrl: string },
): Promise<{ sent: number }> {
  if (!input.mailer.configured) {
    throw new AppError("unavailable", "relayLog.meetings.mail.notConfigured");
  }
  const tenantId = tenantOf(input.actor);
  const prepared = await input.database.tenant(tenantId, async (tx) => {
    await requireLog(tx, { ...input, need: "write" });
    const row = await loadMeeting(tx, input.logId, input.meetingId);
    if (row.status === "held") {
      throw new AppError("conflict", "relayLog.meetings.errors.notPlanned");
    }
    const attendees = await invitees(tx, row);
    if (attendees.length === 0) {
      throw new AppError("validation", "relayLog.meetings.errors.noRecipients");
    }
    const organizer = await organizerOf(tx, row, input.actor);
    return { row, attendees, ics: icsOf(row, { organizer, attendees }, input.baseUrl, "nb") };
  });
  const { row, attendees, ics } = prepared;
  const t = translator("nb");
  const cancelled = row.status === "cancelled";
  const link = meetingUrl(input.baseUrl, row.logId, row.id);
  let sent = 0;
  for (const attendee of attendees) {
    try {
      await input.mailer.sendMail({
        to: attendee.email,
        subject: t(
          cancelled ? "relayLog.meetings.mail.cancelSubject" : "relayLog.meetings.mail.subject",
        ),
        text: t(cancelled ? "relayLog.meetings.mail.cancelBody" : "relayLog.meetings.mail.body", {
          link,
        }),
        attachments: [
          {
            filename: ICS_FILENAME,
            content: ics,
            contentType: `${ICS_CONTENT_TYPE}; method=${icsMethod({ cancelled })}`,
          },
        ],
      });
      sent += 1;
    } catch {
      // Counted below; the address stays out of every log.
    }
  }
  await input.database.tenant(tenantId, async (tx) => {
    const context = await requireLog(tx, { ...input, need: "write" });
    await auditLogChange(tx, {
      type: "relaylog.invitation_sent",
      actor: input.actor,
      meta: input.meta,
      log: context.log,
      details: {
        meetingId: row.id,
        sequence: row.icsSequence,
        cancellation: cancelled,
        recipients: sent,
        failed: attendees.length - sent,
      },
    });
  });
  if (sent < attendees.length) {
    throw new AppError("unavailable", "relayLog.meetings.mail.failed");
  }
  return { sent };
}
