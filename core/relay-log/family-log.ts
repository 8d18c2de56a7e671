import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "../../db/client.ts";
import {
  citizens,
  notifications,
  relayLogAgendaItems,
  relayLogEntries,
  relayLogEntryVersions,
  relayLogEvaluations,
  relayLogGoals,
  relayLogGoalScores,
  relayLogGoalVoices,
  relayLogGuardians,
  relayLogMeetings,
  relayLogParticipants,
  units,
  users,
} from "../../db/schema/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import type { AuditEventType } from "../audit/events.ts";
import { AppError } from "../errors.ts";
import { parseInput } from "../platform/validation.ts";
import { auditLogChange } from "./access.ts";
import { familyHeader, requireFamilyLog, type Citizen, type FamilyHeader } from "./family.ts";
import { guardianAccessQuestionPending } from "./family-consent.ts";
import {
  FAMILY_AGENDA_ITEM_MAX,
  FAMILY_NOTE_MAX,
  FAMILY_SCORE_COMMENT_MAX,
  FAMILY_VOICE_MAX,
  familyEntryKinds,
  familyMayAddAgenda,
  familyMayScore,
  type FamilyEntryKind,
} from "./family-log-rules.ts";
import { utcToOsloLocal } from "./meeting-time.ts";
import { loadPlan } from "./plan.ts";
import type { MeasurePlace, MeasureStatus, ResponsibleKind } from "./plan-rules.ts";

export * from "./family-log-rules.ts";

/**
 * The family's view of one log (/familie/:logId): everything in the log, in plain terms, for a
 * guardian with parental responsibility or the young person from the consent age, and what
 * they write themselves: notes and lysglimt, their view on each goal ("Min stemme" for the young
 * person), agenda items before a planned meeting, and their own score at an evaluation beside
 * the professionals'.
 *
 * Every read and write passes requireFamilyLog (the one access policy; a citizen without access
 * gets not_found and nothing leaks). The staff use cases are not called with a citizen actor:
 * the reads here are the family's own queries after the gate (loadPlan is a plain query).
 * Writes need the log open, are audited as relaylog.family.* with ids only, and tell the relay
 * holder in Laget (a "family_contribution" notification, no text in it).
 */

interface Common {
  database: Database;
  actor: Actor | null;
  meta: RequestMeta;
  logId: string;
  /** For tests: "today" in Oslo. */
  today?: string;
  /** For tests: the current instant (whether a meeting has started). */
  now?: Date;
}

export interface FamilyMeasure {
  id: string;
  what: string;
  place: MeasurePlace;
  responsibleKind: ResponsibleKind;
  /** The person, the service or the family member responsible, as a name. */
  responsibleName: string;
  /** A home measure: the service measure it supports. */
  supports: { id: string; what: string } | null;
  /** A service measure: the home measures that support it. */
  supportedBy: { id: string; what: string }[];
  startsOn: string;
  dueOn: string;
  status: MeasureStatus;
}

export interface FamilyVoice {
  citizenId: string | null;
  voiceKind: "guardian" | "youth";
  authorName: string;
  text: string;
  updatedAt: Date;
  mine: boolean;
}

export interface FamilyGoal {
  id: string;
  text: string;
  expectedOutcome: string;
  homeMeasures: FamilyMeasure[];
  serviceMeasures: FamilyMeasure[];
  voices: FamilyVoice[];
  /** What the reader wrote about this goal (to fill the form). */
  myVoice: string | null;
}

export interface FamilyArea {
  id: string;
  title: string;
  description: string;
  goals: FamilyGoal[];
}

export interface FamilyScore {
  scorerKind: "staff" | "guardian" | "youth";
  scorerName: string;
  score: number;
  comment: string;
  mine: boolean;
}

export interface FamilyEvaluationGoal {
  goalId: string;
  goalText: string;
  staff: FamilyScore[];
  family: FamilyScore[];
  mine: FamilyScore | null;
}

export interface FamilyEvaluation {
  id: string;
  scheduledOn: string;
  heldOn: string | null;
  summary: string;
  /** The reader may give (or change) their own score now. */
  canScore: boolean;
  goals: FamilyEvaluationGoal[];
}

export interface FamilyAgendaItem {
  id: string;
  authorName: string;
  text: string;
  createdAt: Date;
  mine: boolean;
}

export interface FamilyMeeting {
  id: string;
  date: string;
  startTime: string;
  endTime: string;
  place: string;
  status: "planned" | "held" | "cancelled";
  agenda: string;
  agendaItems: FamilyAgendaItem[];
  canAddAgenda: boolean;
  minutesDecisions: string | null;
  minutesActions: string | null;
  nextEvaluationOn: string | null;
}

export interface FamilyEntry {
  id: string;
  kind: FamilyEntryKind;
  occurredOn: string;
  authorName: string;
  /** Written by a guardian or the young person (not by staff). */
  byFamily: boolean;
  mine: boolean;
  text: string;
  corrected: boolean;
}

export interface FamilyLog {
  header: FamilyHeader;
  today: string;
  participants: { name: string; unitName: string; isHolder: boolean }[];
  guardians: { name: string }[];
  areas: FamilyArea[];
  /** Not yet held, the earliest first. */
  plannedEvaluations: FamilyEvaluation[];
  /** Held, the latest first. */
  heldEvaluations: FamilyEvaluation[];
  /** Planned and not yet over, the soonest first. */
  upcomingMeetings: FamilyMeeting[];
  /** Held, cancelled, or over: the latest first. */
  earlierMeetings: FamilyMeeting[];
  /** Notes and lysglimt, the newest first. */
  entries: FamilyEntry[];
  /**
   * The young person from the consent age has not yet said whether their guardians keep access:
   * the page asks them to (with the consent age), null otherwise.
   */
  guardianAccessQuestion: { consentAge: number } | null;
}

function isUuid(value: unknown): value is string {
  return typeof value === "string" && z.guid().safeParse(value).success;
}

function notFound(): AppError {
  return new AppError("not_found", "errors.notFound");
}

function tenantOf(actor: Actor | null): string {
  if (!actor) throw new AppError("unauthenticated", "errors.unauthenticated");
  if (actor.kind !== "citizen") throw new AppError("forbidden", "errors.forbidden");
  return actor.tenantId;
}

function gate(tx: Tx, input: Common, need: "read" | "write", view?: string) {
  return requireFamilyLog(tx, {
    actor: input.actor,
    meta: input.meta,
    logId: input.logId,
    need,
    ...(view ? { view } : {}),
    ...(input.today ? { today: input.today } : {}),
  });
}

type FamilyContext = Awaited<ReturnType<typeof gate>>;

// ---------------------------------------------------------------- reading

/** The whole log as the family sees it. Audited as relaylog.viewed, view "family_log". */
export async function getFamilyLog(input: Common): Promise<FamilyLog> {
  const tenantId = tenantOf(input.actor);
  const now = input.now ?? new Date();
  return input.database.tenant(tenantId, async (tx) => {
    const context = await gate(tx, input, "read", "family_log");
    const logId = context.log.id;
    const me = context.citizen.citizenId;
    const write = context.access.write;

    const participantRows = await tx
      .select({ userId: users.id, name: users.name, unitName: units.name })
      .from(relayLogParticipants)
      .innerJoin(users, eq(users.id, relayLogParticipants.userId))
      .innerJoin(units, eq(units.id, relayLogParticipants.unitId))
      .where(and(eq(relayLogParticipants.logId, logId), isNull(relayLogParticipants.leftAt)))
      .orderBy(asc(users.name));
    const guardianRows = await tx
      .select({ name: relayLogGuardians.name })
      .from(relayLogGuardians)
      .where(
        and(eq(relayLogGuardians.logId, logId), eq(relayLogGuardians.parentalResponsibility, true)),
      )
      .orderBy(asc(relayLogGuardians.createdAt));

    // The plan: areas → goals → measures, with the family's voices per goal.
    const plan = await loadPlan(tx, logId, context.today);
    const voiceRows = await tx
      .select()
      .from(relayLogGoalVoices)
      .where(eq(relayLogGoalVoices.logId, logId))
      .orderBy(asc(relayLogGoalVoices.createdAt));
    const measureWhat = new Map<string, string>();
    for (const area of plan)
      for (const goal of area.goals)
        for (const measure of goal.measures) measureWhat.set(measure.id, measure.what);
    const areas: FamilyArea[] = plan.map((area) => ({
      id: area.id,
      title: area.title,
      description: area.description,
      goals: area.goals.map((goal) => {
        const measures: FamilyMeasure[] = goal.measures.map((measure) => ({
          id: measure.id,
          what: measure.what,
          place: measure.place,
          responsibleKind: measure.responsibleKind,
          responsibleName:
            measure.responsibleKind === "person"
              ? (measure.responsibleUserName ?? "")
              : measure.responsibleKind === "service"
                ? (measure.responsibleUnitName ?? "")
                : (measure.responsibleText ?? ""),
          supports:
            measure.supportsMeasureId && measureWhat.has(measure.supportsMeasureId)
              ? {
                  id: measure.supportsMeasureId,
                  what: measureWhat.get(measure.supportsMeasureId)!,
                }
              : null,
          supportedBy: measure.supportedByIds
            .filter((id) => measureWhat.has(id))
            .map((id) => ({ id, what: measureWhat.get(id)! })),
          startsOn: measure.startsOn,
          dueOn: measure.dueOn,
          status: measure.status,
        }));
        const voices = voiceRows
          .filter((voice) => voice.goalId === goal.id)
          .map((voice) => ({
            citizenId: voice.citizenId,
            voiceKind: voice.voiceKind as FamilyVoice["voiceKind"],
            authorName: voice.authorName,
            text: voice.text,
            updatedAt: voice.updatedAt,
            mine: voice.citizenId === me,
          }));
        return {
          id: goal.id,
          text: goal.text,
          expectedOutcome: goal.expectedOutcome,
          homeMeasures: measures.filter((measure) => measure.place === "home"),
          serviceMeasures: measures.filter((measure) => measure.place === "service"),
          voices,
          myVoice: voices.find((voice) => voice.mine)?.text ?? null,
        };
      }),
    }));
    const goals = plan.flatMap((area) => area.goals);

    // Evaluations with the staff's and the family's scores side by side.
    const evaluationRows = await tx
      .select()
      .from(relayLogEvaluations)
      .where(eq(relayLogEvaluations.logId, logId))
      .orderBy(asc(relayLogEvaluations.scheduledOn), asc(relayLogEvaluations.createdAt));
    const scoreRows = await tx
      .select({
        evaluationId: relayLogGoalScores.evaluationId,
        goalId: relayLogGoalScores.goalId,
        scorerKind: relayLogGoalScores.scorerKind,
        scorerCitizenId: relayLogGoalScores.scorerCitizenId,
        staffName: users.name,
        citizenName: citizens.name,
        score: relayLogGoalScores.score,
        comment: relayLogGoalScores.comment,
      })
      .from(relayLogGoalScores)
      .leftJoin(users, eq(users.id, relayLogGoalScores.scorerUserId))
      .leftJoin(citizens, eq(citizens.id, relayLogGoalScores.scorerCitizenId))
      .where(eq(relayLogGoalScores.logId, logId))
      .orderBy(asc(relayLogGoalScores.createdAt));
    const evaluations: FamilyEvaluation[] = evaluationRows.map((evaluation) => {
      const scores = scoreRows.filter((row) => row.evaluationId === evaluation.id);
      return {
        id: evaluation.id,
        scheduledOn: evaluation.scheduledOn,
        heldOn: evaluation.heldOn,
        summary: evaluation.summary,
        canScore: write && familyMayScore(evaluation, context.today),
        goals: goals.map((goal) => {
          const forGoal: FamilyScore[] = scores
            .filter((row) => row.goalId === goal.id)
            .map((row) => ({
              scorerKind: row.scorerKind as FamilyScore["scorerKind"],
              scorerName:
                (row.scorerKind === "staff" ? row.staffName : row.citizenName) ??
                (row.scorerKind === "youth" ? (context.log.childName ?? "") : ""),
              score: row.score,
              comment: row.comment,
              mine: row.scorerKind !== "staff" && row.scorerCitizenId === me,
            }));
          return {
            goalId: goal.id,
            goalText: goal.text,
            staff: forGoal.filter((score) => score.scorerKind === "staff"),
            family: forGoal.filter((score) => score.scorerKind !== "staff"),
            mine: forGoal.find((score) => score.mine) ?? null,
          };
        }),
      };
    });
    const heldEvaluations = evaluations
      .filter((evaluation) => evaluation.heldOn !== null)
      .sort((a, b) => (a.heldOn! < b.heldOn! ? 1 : a.heldOn! > b.heldOn! ? -1 : 0));

    // Meetings with the family's agenda items.
    const meetingRows = await tx
      .select()
      .from(relayLogMeetings)
      .where(eq(relayLogMeetings.logId, logId))
      .orderBy(asc(relayLogMeetings.startsAt));
    const agendaRows = await tx
      .select()
      .from(relayLogAgendaItems)
      .where(eq(relayLogAgendaItems.logId, logId))
      .orderBy(asc(relayLogAgendaItems.createdAt));
    const meetings: FamilyMeeting[] = meetingRows.map((meeting) => {
      const start = utcToOsloLocal(meeting.startsAt);
      const end = utcToOsloLocal(meeting.endsAt);
      return {
        id: meeting.id,
        date: start.date,
        startTime: start.time,
        endTime: end.time,
        place: meeting.place,
        status: meeting.status as FamilyMeeting["status"],
        agenda: meeting.agenda,
        agendaItems: agendaRows
          .filter((item) => item.meetingId === meeting.id)
          .map((item) => ({
            id: item.id,
            authorName: item.authorName,
            text: item.text,
            createdAt: item.createdAt,
            mine: item.citizenId === me,
          })),
        canAddAgenda: write && familyMayAddAgenda(meeting, now),
        minutesDecisions: meeting.minutesDecisions,
        minutesActions: meeting.minutesActions,
        nextEvaluationOn: meeting.nextEvaluationOn,
      };
    });
    const isUpcoming = (meeting: (typeof meetingRows)[number]) =>
      meeting.status === "planned" && meeting.endsAt.getTime() >= now.getTime();
    const upcomingIds = new Set(meetingRows.filter(isUpcoming).map((meeting) => meeting.id));

    // Notes and lysglimt, by staff and by the family.
    const entryRows = await tx
      .select({
        id: relayLogEntries.id,
        kind: relayLogEntries.kind,
        occurredOn: relayLogEntries.occurredOn,
        authorName: relayLogEntries.authorName,
        authorCitizenId: relayLogEntries.authorCitizenId,
        currentVersion: relayLogEntries.currentVersion,
        text: relayLogEntryVersions.text,
      })
      .from(relayLogEntries)
      .innerJoin(
        relayLogEntryVersions,
        and(
          eq(relayLogEntryVersions.entryId, relayLogEntries.id),
          eq(relayLogEntryVersions.version, relayLogEntries.currentVersion),
        ),
      )
      .where(eq(relayLogEntries.logId, logId))
      .orderBy(
        desc(relayLogEntries.occurredOn),
        desc(relayLogEntries.createdAt),
        desc(relayLogEntries.id),
      );

    return {
      header: await familyHeader(tx, context),
      today: context.today,
      guardianAccessQuestion: guardianAccessQuestionPending(context)
        ? { consentAge: context.requirement.consentAge }
        : null,
      participants: participantRows.map((row) => ({
        name: row.name,
        unitName: row.unitName,
        isHolder: row.userId === context.log.holderUserId,
      })),
      guardians: guardianRows,
      areas,
      plannedEvaluations: evaluations.filter((evaluation) => evaluation.heldOn === null),
      heldEvaluations,
      upcomingMeetings: meetings.filter((meeting) => upcomingIds.has(meeting.id)),
      earlierMeetings: meetings.filter((meeting) => !upcomingIds.has(meeting.id)).reverse(),
      entries: entryRows.map((row) => ({
        id: row.id,
        kind: row.kind as FamilyEntryKind,
        occurredOn: row.occurredOn,
        authorName: row.authorName,
        byFamily: row.authorCitizenId !== null,
        mine: row.authorCitizenId === me,
        text: row.text,
        corrected: row.currentVersion > 1,
      })),
    };
  });
}

// ---------------------------------------------------------------- writing

/** The name the family member writes under: their own, else as the relay holder recorded it. */
async function authorNameOf(tx: Tx, context: FamilyContext): Promise<string> {
  const citizen: Citizen = context.citizen;
  if (citizen.name) return citizen.name;
  const [row] = await tx
    .select({ name: citizens.name, nationalIdHash: citizens.nationalIdHash })
    .from(citizens)
    .where(eq(citizens.id, citizen.citizenId));
  if (row?.name) return row.name;
  if (context.as === "youth") return context.log.childName ?? "";
  if (row) {
    const [guardian] = await tx
      .select({ name: relayLogGuardians.name })
      .from(relayLogGuardians)
      .where(
        and(
          eq(relayLogGuardians.logId, context.log.id),
          eq(relayLogGuardians.nationalIdHash, row.nationalIdHash),
        ),
      );
    if (guardian) return guardian.name;
  }
  return "";
}

/** Staff pages the relay holder lands on for each kind of contribution. */
const holderPaths = {
  note: "/notater",
  voice: "/plan",
  agenda: "/moter",
  score: "/evaluering",
} as const;

/**
 * Tells the relay holder in Laget that the family wrote something: kind "family_contribution",
 * a link to the staff page, and no text. The dedupe key names the contribution, so one write
 * makes one notification (key: kind | log | day | part | object).
 */
async function notifyHolder(
  tx: Tx,
  context: FamilyContext,
  part: keyof typeof holderPaths,
  objectId: string,
): Promise<void> {
  const stamp = Date.now().toString(36);
  await tx
    .insert(notifications)
    .values({
      tenantId: context.log.tenantId,
      userId: context.log.holderUserId,
      kind: "family_contribution",
      logId: context.log.id,
      link:
        part === "agenda"
          ? `/stafettlogger/${context.log.id}/moter/${objectId}`
          : `/stafettlogger/${context.log.id}${holderPaths[part]}`,
      dedupeKey: [
        "family_contribution",
        context.log.id,
        context.today,
        part,
        objectId,
        context.citizen.citizenId,
        stamp,
      ].join("|"),
    })
    .onConflictDoNothing({ target: [notifications.tenantId, notifications.dedupeKey] });
}

async function audit(
  tx: Tx,
  input: Common,
  context: FamilyContext,
  type: AuditEventType,
  details: Record<string, unknown>,
): Promise<void> {
  await auditLogChange(tx, {
    type,
    actor: context.citizen,
    meta: input.meta,
    log: context.log,
    details: { ...details, as: context.as },
  });
}

const noteSchema = z.object({
  kind: z.enum(familyEntryKinds, { error: "family.log.errors.kindRequired" }),
  text: z
    .string({ error: "family.log.errors.noteRequired" })
    .trim()
    .min(1, "family.log.errors.noteRequired")
    .max(FAMILY_NOTE_MAX, "family.log.errors.noteTooLong"),
});

/** A note or a lysglimt by a guardian or the young person, dated today (version 1). */
export async function addFamilyNote(input: Common & { values: unknown }): Promise<{ id: string }> {
  const tenantId = tenantOf(input.actor);
  const values = parseInput(noteSchema, input.values);
  return input.database.tenant(tenantId, async (tx) => {
    const context = await gate(tx, input, "write");
    const name = await authorNameOf(tx, context);
    const [entry] = await tx
      .insert(relayLogEntries)
      .values({
        tenantId: context.log.tenantId,
        logId: context.log.id,
        kind: values.kind,
        occurredOn: context.today,
        authorCitizenId: context.citizen.citizenId,
        authorName: name,
        currentVersion: 1,
      })
      .returning({ id: relayLogEntries.id });
    await tx.insert(relayLogEntryVersions).values({
      tenantId: context.log.tenantId,
      logId: context.log.id,
      entryId: entry!.id,
      version: 1,
      text: values.text,
      editedByName: name,
    });
    await audit(tx, input, context, "relaylog.family.note_saved", {
      entryId: entry!.id,
      version: 1,
      kind: values.kind,
    });
    await notifyHolder(tx, context, "note", entry!.id);
    return { id: entry!.id };
  });
}

const voiceSchema = z.object({
  goalId: z.string({ error: "family.log.errors.goalUnknown" }).trim(),
  text: z
    .string({ error: "family.log.errors.voiceRequired" })
    .trim()
    .min(1, "family.log.errors.voiceRequired")
    .max(FAMILY_VOICE_MAX, "family.log.errors.voiceTooLong"),
});

async function goalOfLog(tx: Tx, context: FamilyContext, goalId: string) {
  if (!isUuid(goalId)) throw notFound();
  const [goal] = await tx
    .select({ id: relayLogGoals.id })
    .from(relayLogGoals)
    .where(and(eq(relayLogGoals.id, goalId), eq(relayLogGoals.logId, context.log.id)));
  if (!goal) throw notFound();
  return goal;
}

/**
 * The reader's view on one goal: "Min stemme" for the young person (voiceKind youth), "Vårt
 * syn" for a guardian (voiceKind guardian). One current text per goal and citizen: saving again
 * replaces it (each save is audited).
 */
export async function saveGoalVoice(input: Common & { values: unknown }): Promise<{ id: string }> {
  const tenantId = tenantOf(input.actor);
  const values = parseInput(voiceSchema, input.values);
  return input.database.tenant(tenantId, async (tx) => {
    const context = await gate(tx, input, "write");
    const goal = await goalOfLog(tx, context, values.goalId);
    const name = await authorNameOf(tx, context);
    const now = new Date();
    const [voice] = await tx
      .insert(relayLogGoalVoices)
      .values({
        tenantId: context.log.tenantId,
        logId: context.log.id,
        goalId: goal.id,
        citizenId: context.citizen.citizenId,
        voiceKind: context.as,
        authorName: name,
        text: values.text,
      })
      .onConflictDoUpdate({
        target: [relayLogGoalVoices.goalId, relayLogGoalVoices.citizenId],
        set: { text: values.text, authorName: name, voiceKind: context.as, updatedAt: now },
      })
      .returning({ id: relayLogGoalVoices.id });
    await audit(tx, input, context, "relaylog.family.voice_saved", {
      voiceId: voice!.id,
      goalId: goal.id,
      voiceKind: context.as,
    });
    await notifyHolder(tx, context, "voice", voice!.id);
    return { id: voice!.id };
  });
}

const agendaSchema = z.object({
  meetingId: z.string({ error: "family.log.errors.meetingUnknown" }).trim(),
  text: z
    .string({ error: "family.log.errors.agendaRequired" })
    .trim()
    .min(1, "family.log.errors.agendaRequired")
    .max(FAMILY_AGENDA_ITEM_MAX, "family.log.errors.agendaTooLong"),
});

/** Something the family wants discussed at a planned meeting that has not started yet. */
export async function addAgendaItem(input: Common & { values: unknown }): Promise<{ id: string }> {
  const tenantId = tenantOf(input.actor);
  const values = parseInput(agendaSchema, input.values);
  const now = input.now ?? new Date();
  return input.database.tenant(tenantId, async (tx) => {
    const context = await gate(tx, input, "write");
    if (!isUuid(values.meetingId)) throw notFound();
    const [meeting] = await tx
      .select({
        id: relayLogMeetings.id,
        status: relayLogMeetings.status,
        startsAt: relayLogMeetings.startsAt,
      })
      .from(relayLogMeetings)
      .where(
        and(eq(relayLogMeetings.id, values.meetingId), eq(relayLogMeetings.logId, context.log.id)),
      );
    if (!meeting) throw notFound();
    if (!familyMayAddAgenda(meeting, now)) {
      throw new AppError("validation", "family.log.errors.meetingNotPlanned", {
        fieldErrors: { text: "family.log.errors.meetingNotPlanned" },
      });
    }
    const [item] = await tx
      .insert(relayLogAgendaItems)
      .values({
        tenantId: context.log.tenantId,
        logId: context.log.id,
        meetingId: meeting.id,
        citizenId: context.citizen.citizenId,
        authorName: await authorNameOf(tx, context),
        text: values.text,
      })
      .returning({ id: relayLogAgendaItems.id });
    await audit(tx, input, context, "relaylog.family.agenda_item_added", {
      agendaItemId: item!.id,
      meetingId: meeting.id,
    });
    await notifyHolder(tx, context, "agenda", meeting.id);
    return { id: item!.id };
  });
}

const scoreSchema = z.object({
  evaluationId: z.string({ error: "family.log.errors.evaluationUnknown" }).trim(),
  goalId: z.string({ error: "family.log.errors.goalUnknown" }).trim(),
  score: z
    .string({ error: "family.log.errors.scoreRequired" })
    .trim()
    .refine(
      (value) => ["-2", "-1", "0", "1", "2"].includes(value),
      "family.log.errors.scoreRequired",
    ),
  comment: z
    .string()
    .trim()
    .max(FAMILY_SCORE_COMMENT_MAX, "family.log.errors.commentTooLong")
    .default(""),
});

/**
 * The reader's own score (−2 … +2) and comment for one goal at an evaluation that is held or
 * whose day has come, beside the professionals' score. Each guardian and the young person has
 * their own score (the unique index includes the scorer citizen, migration 0013); scoring again
 * replaces the reader's own score, and is audited.
 */
export async function saveFamilyScore(
  input: Common & { values: unknown },
): Promise<{ id: string }> {
  const tenantId = tenantOf(input.actor);
  const values = parseInput(scoreSchema, input.values);
  return input.database.tenant(tenantId, async (tx) => {
    const context = await gate(tx, input, "write");
    if (!isUuid(values.evaluationId)) throw notFound();
    const [evaluation] = await tx
      .select({
        id: relayLogEvaluations.id,
        scheduledOn: relayLogEvaluations.scheduledOn,
        heldOn: relayLogEvaluations.heldOn,
      })
      .from(relayLogEvaluations)
      .where(
        and(
          eq(relayLogEvaluations.id, values.evaluationId),
          eq(relayLogEvaluations.logId, context.log.id),
        ),
      );
    if (!evaluation) throw notFound();
    if (!familyMayScore(evaluation, context.today)) {
      throw new AppError("validation", "family.log.errors.evaluationNotDue", {
        fieldErrors: { score: "family.log.errors.evaluationNotDue" },
      });
    }
    const goal = await goalOfLog(tx, context, values.goalId);
    const scorer = and(
      eq(relayLogGoalScores.evaluationId, evaluation.id),
      eq(relayLogGoalScores.goalId, goal.id),
      eq(relayLogGoalScores.scorerKind, context.as),
      eq(relayLogGoalScores.scorerCitizenId, context.citizen.citizenId),
    );
    const score = Number(values.score);
    const [existing] = await tx
      .select({ id: relayLogGoalScores.id })
      .from(relayLogGoalScores)
      .where(scorer);
    let id: string;
    if (existing) {
      await tx
        .update(relayLogGoalScores)
        .set({ score, comment: values.comment })
        .where(eq(relayLogGoalScores.id, existing.id));
      id = existing.id;
    } else {
      const [row] = await tx
        .insert(relayLogGoalScores)
        .values({
          tenantId: context.log.tenantId,
          logId: context.log.id,
          evaluationId: evaluation.id,
          goalId: goal.id,
          scorerKind: context.as,
          scorerCitizenId: context.citizen.citizenId,
          score,
          comment: values.comment,
        })
        .returning({ id: relayLogGoalScores.id });
      id = row!.id;
    }
    await audit(tx, input, context, "relaylog.family.score_saved", {
      scoreId: id,
      evaluationId: evaluation.id,
      goalId: goal.id,
      scorerKind: context.as,
      replaced: existing !== undefined,
    });
    await notifyHolder(tx, context, "score", evaluation.id);
    return { id };
  });
}
