import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "../../db/client.ts";
import {
  btsNetworkAgendaItems,
  btsNetworkAttendance,
  btsNetworkMeetings,
  btsNetworkUnitNotes,
  units,
  users,
} from "../../db/schema/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import { assertCan, can } from "../access/policy.ts";
import { recordAudit } from "../audit/audit.ts";
import { AppError } from "../errors.ts";
import { isIsoDate, osloDate } from "../platform/dates.ts";
import { parseInput } from "../platform/validation.ts";
import { loadVisibleNetwork, memberUnitsOf, type MemberUnit } from "./networks.ts";
import {
  AGENDA_DETAIL_MAX,
  AGENDA_TITLE_MAX,
  isClockTime,
  MEETING_PLACE_MAX,
  MEETING_SUMMARY_MAX,
  MEETING_THEME_MAX,
  NOTE_MAX,
  unitAttended,
  type NetworkMeetingStatus,
} from "./networks-rules.ts";
import { asStaff, btsContactUnitIds, type StaffActor } from "./scope.ts";

/**
 * One BTS network meeting: its details, the shared agenda (any member unit's BTS contact or the
 * coordinator proposes; the proposer or the coordinator removes), attendance (the coordinator
 * records who of the member units' BTS contacts came, once the meeting day has come, and the
 * meeting is then held) and the structured notes "gjort, lurt, lært" per unit (each unit's BTS
 * contacts write their own unit's, the coordinator any). Writes are audited with ids and field
 * names only, never the text.
 */

type MeetingRow = typeof btsNetworkMeetings.$inferSelect;

interface Base {
  database: Database;
  actor: Actor;
  networkId: string;
  meetingId: string;
  /** YYYY-MM-DD in Norway; today when left out (tests pass their own). */
  today?: string;
}

interface WriteBase extends Base {
  meta: RequestMeta;
}

// ---------------------------------------------------------------- validation

const text = (max: number) =>
  z.preprocess(
    (value) => (value === null || value === undefined ? "" : value),
    z.string().trim().max(max),
  );

const asArray = (value: unknown) =>
  value === undefined || value === null || value === ""
    ? []
    : Array.isArray(value)
      ? value
      : [value];

const meetingEditSchema = z.object({
  meetsOn: z
    .string({ message: "implementation.networks.errors.date" })
    .trim()
    .refine(isIsoDate, "implementation.networks.errors.date"),
  startsAt: z
    .preprocess((value) => (value === null || value === undefined ? "" : value), z.string().trim())
    .refine((value) => value === "" || isClockTime(value), "implementation.networks.errors.time"),
  place: text(MEETING_PLACE_MAX),
  theme: text(MEETING_THEME_MAX),
  summary: text(MEETING_SUMMARY_MAX),
});

const cancelSchema = z.object({
  confirm: z.literal("on", { message: "implementation.networks.errors.confirmCancel" }),
});

const agendaSchema = z.object({
  title: z.string().trim().min(1).max(AGENDA_TITLE_MAX),
  detail: text(AGENDA_DETAIL_MAX),
  unitId: z.preprocess(
    (value) => (value === "" || value === undefined ? null : value),
    z.guid({ message: "implementation.networks.errors.agendaUnit" }).nullable(),
  ),
});

const attendanceSchema = z.object({
  present: z.preprocess(
    asArray,
    z.array(z.guid({ message: "implementation.networks.errors.attendancePerson" })).max(1000),
  ),
});

const notesSchema = z
  .object({
    done: text(NOTE_MAX),
    wise: text(NOTE_MAX),
    learned: text(NOTE_MAX),
  })
  .superRefine((values, context) => {
    if (!values.done && !values.wise && !values.learned) {
      context.addIssue({
        code: "custom",
        path: ["done"],
        message: "implementation.networks.errors.notesEmpty",
      });
    }
  });

// ---------------------------------------------------------------- loading

interface MeetingContext {
  actor: StaffActor;
  network: { id: string; name: string; active: boolean };
  unitIds: string[];
  meeting: MeetingRow;
  /** The member units this actor is a BTS contact for. */
  ownUnitIds: string[];
  manages: boolean;
}

async function loadMeeting(tx: Tx, input: Base): Promise<MeetingContext> {
  const actor = asStaff(input.actor);
  const { network, unitIds } = await loadVisibleNetwork(tx, actor, input.networkId);
  if (!z.guid().safeParse(input.meetingId).success) {
    throw new AppError("not_found", "errors.notFound");
  }
  const [meeting] = await tx
    .select()
    .from(btsNetworkMeetings)
    .where(
      and(
        eq(btsNetworkMeetings.tenantId, actor.tenantId),
        eq(btsNetworkMeetings.networkId, network.id),
        eq(btsNetworkMeetings.id, input.meetingId),
      ),
    );
  if (!meeting) throw new AppError("not_found", "errors.notFound");
  const contactOf = await btsContactUnitIds(tx, actor);
  return {
    actor,
    network: { id: network.id, name: network.name, active: network.active },
    unitIds,
    meeting,
    ownUnitIds: unitIds.filter((id) => contactOf.includes(id)),
    manages: can(actor, "implementation.manage"),
  };
}

function audit(
  tx: Tx,
  context: MeetingContext,
  meta: RequestMeta,
  type:
    | "network.meeting_saved"
    | "network.attendance_recorded"
    | "network.notes_saved"
    | "network.agenda_item_added"
    | "network.agenda_item_removed",
  details: Record<string, unknown>,
) {
  return recordAudit(tx, {
    type,
    tenantId: context.actor.tenantId,
    actor: context.actor,
    meta,
    subject: { type: "bts_network_meeting", id: context.meeting.id },
    details: { networkId: context.network.id, ...details },
  });
}

// ---------------------------------------------------------------- the page

export interface ContactAttendance {
  userId: string;
  name: string;
  /** null: nothing recorded for this person. */
  present: boolean | null;
  /** Recorded for the unit, but no longer one of its BTS contacts. */
  former: boolean;
}

export interface MeetingUnit {
  id: string;
  name: string;
  contacts: ContactAttendance[];
  /** At least one of the unit's people was present (held meetings only). */
  attended: boolean;
  notes: {
    done: string;
    wise: string;
    learned: string;
    writtenByName: string | null;
    updatedAt: string;
  } | null;
  /** The actor may write this unit's "gjort, lurt, lært". */
  canWriteNotes: boolean;
  /** The actor is a BTS contact of this unit. */
  own: boolean;
}

export interface AgendaItem {
  id: string;
  title: string;
  detail: string;
  proposerName: string | null;
  unitName: string | null;
  createdAt: string;
  canRemove: boolean;
}

export interface NetworkMeetingPage {
  network: { id: string; name: string };
  meeting: {
    id: string;
    meetsOn: string;
    startsAt: string;
    place: string;
    theme: string;
    summary: string;
    status: NetworkMeetingStatus;
    /** The day has come (today or earlier). */
    dayReached: boolean;
    overdue: boolean;
  };
  units: MeetingUnit[];
  agenda: AgendaItem[];
  canManage: boolean;
  canPropose: boolean;
  /** The units the actor may propose for; the coordinator may also propose for none. */
  proposeUnitOptions: { id: string; name: string }[];
  /** Why attendance cannot be recorded now (a catalog key), or null when it can. */
  attendanceBlocked: string | null;
}

export async function getNetworkMeeting(input: Base): Promise<NetworkMeetingPage> {
  const actor = asStaff(input.actor);
  const today = input.today ?? osloDate();
  return input.database.tenant(actor.tenantId, async (tx) => {
    const context = await loadMeeting(tx, input);
    const { meeting } = context;
    const members = await memberUnitsOf(tx, actor.tenantId, context.unitIds);
    const facts = await tx
      .select({
        meetingId: btsNetworkAttendance.meetingId,
        userId: btsNetworkAttendance.userId,
        unitId: btsNetworkAttendance.unitId,
        present: btsNetworkAttendance.present,
        name: users.name,
      })
      .from(btsNetworkAttendance)
      .innerJoin(users, eq(users.id, btsNetworkAttendance.userId))
      .where(eq(btsNetworkAttendance.meetingId, meeting.id))
      .orderBy(asc(users.name));
    const noteRows = await tx
      .select({
        unitId: btsNetworkUnitNotes.unitId,
        done: btsNetworkUnitNotes.done,
        wise: btsNetworkUnitNotes.wise,
        learned: btsNetworkUnitNotes.learned,
        writtenByName: users.name,
        updatedAt: btsNetworkUnitNotes.updatedAt,
      })
      .from(btsNetworkUnitNotes)
      .leftJoin(users, eq(users.id, btsNetworkUnitNotes.writtenBy))
      .where(eq(btsNetworkUnitNotes.meetingId, meeting.id));
    const agendaRows = await tx
      .select({
        id: btsNetworkAgendaItems.id,
        title: btsNetworkAgendaItems.title,
        detail: btsNetworkAgendaItems.detail,
        proposedBy: btsNetworkAgendaItems.proposedBy,
        proposerName: users.name,
        unitName: units.name,
        createdAt: btsNetworkAgendaItems.createdAt,
      })
      .from(btsNetworkAgendaItems)
      .leftJoin(users, eq(users.id, btsNetworkAgendaItems.proposedBy))
      .leftJoin(units, eq(units.id, btsNetworkAgendaItems.unitId))
      .where(eq(btsNetworkAgendaItems.meetingId, meeting.id))
      .orderBy(asc(btsNetworkAgendaItems.createdAt), asc(btsNetworkAgendaItems.id));
    const cancelled = meeting.status === "cancelled";
    const unitsOut: MeetingUnit[] = members.map((unit) => {
      const contactIds = new Set(unit.contacts.map((contact) => contact.userId));
      const current = unit.contacts.map((contact) => ({
        userId: contact.userId,
        name: contact.name,
        present: facts.find((fact) => fact.userId === contact.userId)?.present ?? null,
        former: false,
      }));
      const former = facts
        .filter((fact) => fact.unitId === unit.id && !contactIds.has(fact.userId))
        .map((fact) => ({
          userId: fact.userId,
          name: fact.name,
          present: fact.present,
          former: true,
        }));
      const notes = noteRows.find((row) => row.unitId === unit.id);
      const own = context.ownUnitIds.includes(unit.id);
      return {
        id: unit.id,
        name: unit.name,
        contacts: [...current, ...former],
        attended: meeting.status === "held" && unitAttended(unit.id, contactIds, meeting.id, facts),
        notes: notes
          ? {
              done: notes.done,
              wise: notes.wise,
              learned: notes.learned,
              writtenByName: notes.writtenByName,
              updatedAt: notes.updatedAt.toISOString(),
            }
          : null,
        canWriteNotes: !cancelled && (context.manages || own),
        own,
      };
    });
    const canPropose = !cancelled && (context.manages || context.ownUnitIds.length > 0);
    const proposeUnitOptions = members
      .filter((unit) => context.manages || context.ownUnitIds.includes(unit.id))
      .map((unit) => ({ id: unit.id, name: unit.name }));
    return {
      network: { id: context.network.id, name: context.network.name },
      meeting: {
        id: meeting.id,
        meetsOn: meeting.meetsOn,
        startsAt: meeting.startsAt,
        place: meeting.place,
        theme: meeting.theme,
        summary: meeting.summary,
        status: meeting.status as NetworkMeetingStatus,
        dayReached: meeting.meetsOn <= today,
        overdue: meeting.status === "planned" && meeting.meetsOn < today,
      },
      units: unitsOut,
      agenda: agendaRows.map((row) => ({
        id: row.id,
        title: row.title,
        detail: row.detail,
        proposerName: row.proposerName,
        unitName: row.unitName,
        createdAt: row.createdAt.toISOString(),
        canRemove: context.manages || row.proposedBy === actor.userId,
      })),
      canManage: context.manages,
      canPropose,
      proposeUnitOptions: canPropose ? proposeUnitOptions : [],
      attendanceBlocked: !context.manages
        ? null
        : cancelled
          ? "implementation.networks.errors.attendanceCancelled"
          : meeting.meetsOn > today
            ? "implementation.networks.errors.attendanceFuture"
            : null,
    };
  });
}

// ---------------------------------------------------------------- the coordinator's writes

function assertManages(context: MeetingContext): void {
  if (!context.manages) throw new AppError("forbidden", "errors.forbidden");
}

/**
 * Changes a meeting's date, time, place, theme and summary (coordinator). A held meeting keeps
 * a date that has come; a cancelled one is not changed.
 */
export async function updateNetworkMeeting(input: WriteBase & { values: unknown }): Promise<void> {
  const actor = asStaff(input.actor);
  assertCan(actor, "implementation.manage");
  const values = parseInput(meetingEditSchema, input.values);
  const today = input.today ?? osloDate();
  await input.database.tenant(actor.tenantId, async (tx) => {
    const context = await loadMeeting(tx, input);
    assertManages(context);
    const { meeting } = context;
    if (meeting.status === "cancelled") {
      throw new AppError("conflict", "implementation.networks.errors.meetingCancelled");
    }
    if (meeting.status === "held" && values.meetsOn > today) {
      throw new AppError("validation", "errors.validation", {
        fieldErrors: { meetsOn: "implementation.networks.errors.heldInFuture" },
      });
    }
    const fields = (["meetsOn", "startsAt", "place", "theme", "summary"] as const).filter(
      (field) => meeting[field] !== values[field],
    );
    if (fields.length === 0) return;
    await tx
      .update(btsNetworkMeetings)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(btsNetworkMeetings.id, meeting.id));
    await audit(tx, context, input.meta, "network.meeting_saved", { action: "updated", fields });
  });
}

/** Cancels a planned meeting (coordinator), after a confirmation. Its reminders stop. */
export async function cancelNetworkMeeting(input: WriteBase & { values: unknown }): Promise<void> {
  const actor = asStaff(input.actor);
  assertCan(actor, "implementation.manage");
  parseInput(cancelSchema, input.values);
  await input.database.tenant(actor.tenantId, async (tx) => {
    const context = await loadMeeting(tx, input);
    assertManages(context);
    if (context.meeting.status !== "planned") {
      throw new AppError("conflict", "implementation.networks.errors.notPlanned");
    }
    await tx
      .update(btsNetworkMeetings)
      .set({ status: "cancelled", updatedAt: new Date() })
      .where(eq(btsNetworkMeetings.id, context.meeting.id));
    await audit(tx, context, input.meta, "network.meeting_saved", { action: "cancelled" });
  });
}

/**
 * Records who of the member units' BTS contacts came (coordinator) and marks the meeting held.
 * `present` lists the people who came; every other current BTS contact is recorded absent.
 * Refused before the meeting day ("Du kan ikke registrere oppmøte før møtet er holdt") and for a
 * cancelled meeting.
 */
export async function recordNetworkAttendance(
  input: WriteBase & { values: unknown },
): Promise<{ present: number; absent: number }> {
  const actor = asStaff(input.actor);
  assertCan(actor, "implementation.manage");
  const values = parseInput(attendanceSchema, input.values);
  const today = input.today ?? osloDate();
  return input.database.tenant(actor.tenantId, async (tx) => {
    const context = await loadMeeting(tx, input);
    assertManages(context);
    const { meeting } = context;
    if (meeting.status === "cancelled") {
      throw new AppError("conflict", "implementation.networks.errors.attendanceCancelled");
    }
    if (meeting.meetsOn > today) {
      throw new AppError("validation", "implementation.networks.errors.attendanceFuture");
    }
    const members: MemberUnit[] = await memberUnitsOf(tx, actor.tenantId, context.unitIds);
    // One row per person: someone who is contact for two member units is recorded for the first.
    const unitOf = new Map<string, string>();
    for (const unit of members) {
      for (const contact of unit.contacts) {
        if (!unitOf.has(contact.userId)) unitOf.set(contact.userId, unit.id);
      }
    }
    const present = new Set(values.present);
    if ([...present].some((userId) => !unitOf.has(userId))) {
      throw new AppError("validation", "errors.validation", {
        fieldErrors: { present: "implementation.networks.errors.attendancePerson" },
      });
    }
    const rows = [...unitOf].map(([userId, unitId]) => ({
      tenantId: actor.tenantId,
      meetingId: meeting.id,
      userId,
      unitId,
      present: present.has(userId),
      recordedBy: actor.userId,
    }));
    for (const row of rows) {
      await tx
        .insert(btsNetworkAttendance)
        .values(row)
        .onConflictDoUpdate({
          target: [btsNetworkAttendance.meetingId, btsNetworkAttendance.userId],
          set: { unitId: row.unitId, present: row.present, recordedBy: row.recordedBy },
        });
    }
    const markedHeld = meeting.status !== "held";
    if (markedHeld) {
      await tx
        .update(btsNetworkMeetings)
        .set({ status: "held", updatedAt: new Date() })
        .where(eq(btsNetworkMeetings.id, meeting.id));
    }
    const counts = { present: present.size, absent: rows.length - present.size };
    await audit(tx, context, input.meta, "network.attendance_recorded", {
      ...counts,
      presentUserIds: [...present],
      markedHeld,
    });
    return counts;
  });
}

// ---------------------------------------------------------------- members' writes

/**
 * Proposes an item for the shared agenda: the coordinator, or a BTS contact of a member unit
 * (for one of their own units). Not on a cancelled meeting.
 */
export async function proposeAgendaItem(
  input: WriteBase & { values: unknown },
): Promise<{ id: string }> {
  const actor = asStaff(input.actor);
  assertCan(actor, "implementation.view");
  const values = parseInput(agendaSchema, input.values);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const context = await loadMeeting(tx, input);
    if (!context.manages && context.ownUnitIds.length === 0) {
      throw new AppError("forbidden", "errors.forbidden");
    }
    if (context.meeting.status === "cancelled") {
      throw new AppError("conflict", "implementation.networks.errors.meetingCancelled");
    }
    // A BTS contact proposes for their own unit (the only one, when they have one here).
    let unitId = values.unitId;
    if (!context.manages && unitId === null && context.ownUnitIds.length === 1) {
      unitId = context.ownUnitIds[0]!;
    }
    const allowed = context.manages ? context.unitIds : context.ownUnitIds;
    if ((unitId === null && !context.manages) || (unitId !== null && !allowed.includes(unitId))) {
      throw new AppError("validation", "errors.validation", {
        fieldErrors: { unitId: "implementation.networks.errors.agendaUnit" },
      });
    }
    const [row] = await tx
      .insert(btsNetworkAgendaItems)
      .values({
        tenantId: actor.tenantId,
        meetingId: context.meeting.id,
        title: values.title,
        detail: values.detail,
        proposedBy: actor.userId,
        unitId,
      })
      .returning({ id: btsNetworkAgendaItems.id });
    await audit(tx, context, input.meta, "network.agenda_item_added", {
      agendaItemId: row!.id,
      unitId,
    });
    return { id: row!.id };
  });
}

/** Removes an agenda item: its proposer or the coordinator. */
export async function removeAgendaItem(input: WriteBase & { agendaItemId: string }): Promise<void> {
  const actor = asStaff(input.actor);
  assertCan(actor, "implementation.view");
  if (!z.guid().safeParse(input.agendaItemId).success) {
    throw new AppError("not_found", "errors.notFound");
  }
  await input.database.tenant(actor.tenantId, async (tx) => {
    const context = await loadMeeting(tx, input);
    const [item] = await tx
      .select()
      .from(btsNetworkAgendaItems)
      .where(
        and(
          eq(btsNetworkAgendaItems.meetingId, context.meeting.id),
          eq(btsNetworkAgendaItems.id, input.agendaItemId),
        ),
      );
    if (!item) throw new AppError("not_found", "errors.notFound");
    if (!context.manages && item.proposedBy !== actor.userId) {
      throw new AppError("forbidden", "errors.forbidden");
    }
    await tx.delete(btsNetworkAgendaItems).where(eq(btsNetworkAgendaItems.id, item.id));
    await audit(tx, context, input.meta, "network.agenda_item_removed", {
      agendaItemId: item.id,
      proposedBy: item.proposedBy,
    });
  });
}

/**
 * Saves a unit's "gjort, lurt, lært" for the meeting: a BTS contact for their own unit, the
 * coordinator for any member unit. At least one of the three must be filled in.
 */
export async function saveUnitNotes(
  input: WriteBase & { unitId: string; values: unknown },
): Promise<void> {
  const actor = asStaff(input.actor);
  assertCan(actor, "implementation.view");
  const values = parseInput(notesSchema, input.values);
  await input.database.tenant(actor.tenantId, async (tx) => {
    const context = await loadMeeting(tx, input);
    if (!context.unitIds.includes(input.unitId)) throw new AppError("not_found", "errors.notFound");
    if (!context.manages && !context.ownUnitIds.includes(input.unitId)) {
      throw new AppError("forbidden", "errors.forbidden");
    }
    if (context.meeting.status === "cancelled") {
      throw new AppError("conflict", "implementation.networks.errors.meetingCancelled");
    }
    const [before] = await tx
      .select()
      .from(btsNetworkUnitNotes)
      .where(
        and(
          eq(btsNetworkUnitNotes.meetingId, context.meeting.id),
          eq(btsNetworkUnitNotes.unitId, input.unitId),
        ),
      );
    const fields = (["done", "wise", "learned"] as const).filter(
      (field) => (before?.[field] ?? "") !== values[field],
    );
    if (before && fields.length === 0) return;
    await tx
      .insert(btsNetworkUnitNotes)
      .values({
        tenantId: actor.tenantId,
        meetingId: context.meeting.id,
        unitId: input.unitId,
        ...values,
        writtenBy: actor.userId,
      })
      .onConflictDoUpdate({
        target: [btsNetworkUnitNotes.meetingId, btsNetworkUnitNotes.unitId],
        set: { ...values, writtenBy: actor.userId, updatedAt: new Date() },
      });
    await audit(tx, context, input.meta, "network.notes_saved", {
      unitId: input.unitId,
      fields,
      created: !before,
    });
  });
}
