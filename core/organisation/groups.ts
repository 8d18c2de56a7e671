import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "../../db/client.ts";
import {
  orgGroupDecisions,
  orgGroupMeetings,
  orgGroupMembers,
  orgGroups,
  users,
} from "../../db/schema/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import { can } from "../access/policy.ts";
import { recordAudit } from "../audit/audit.ts";
import { AppError } from "../errors.ts";
import {
  assertId,
  canManage,
  changedFields,
  checkboxField,
  dateField,
  manager,
  notFound,
  optionalDateField,
  optionalIdField,
  textField,
  viewer,
} from "../implementation/plan-common.ts";
import { osloDate } from "../platform/dates.ts";
import { parseInput } from "../platform/validation.ts";
import {
  decisionOptions,
  decisionsOf,
  type DecisionOptions,
  type DecisionView,
} from "./groups-decisions.ts";
import {
  compareGroups,
  GROUP_AUTHORITY_MAX,
  GROUP_MANDATE_MAX,
  GROUP_MEETING_PLAN_MAX,
  GROUP_NAME_MAX,
  groupKinds,
  isGroupClosed,
  mandateSummary,
  MEETING_AGENDA_MAX,
  MEETING_PLACE_MAX,
  MEETING_TIME_MAX,
  MEMBER_NAME_MAX,
  MEMBER_ROLE_MAX,
  memberChoice,
  nextMeeting,
  otherChair,
  singletonConflict,
  splitMeetings,
  type GroupKind,
} from "./groups-rules.ts";

/**
 * The project groups (issue 8): the steering group (styringsgruppe), the driver group
 * (pådrivergruppe) and working groups, each with mandate, decision authority, meeting plan,
 * members (staff or outside people), dated meetings and decisions (groups-decisions.ts).
 * Everyone with implementation.view reads, and each page read is audited; the coordinator
 * (implementation.manage) writes, audited with ids and field names only.
 */

export type GroupRow = typeof orgGroups.$inferSelect;
export type MemberRow = typeof orgGroupMembers.$inferSelect;
export type MeetingRow = typeof orgGroupMeetings.$inferSelect;

interface Base {
  database: Database;
  actor: Actor;
}

interface Read extends Base {
  meta: RequestMeta;
  today?: string;
}

interface Write extends Base {
  meta: RequestMeta;
  today?: string;
}

export interface GroupRef {
  id: string;
  name: string;
}

export interface GroupSummary {
  id: string;
  kind: GroupKind;
  name: string;
  mandateSummary: string;
  chairName: string | null;
  memberCount: number;
  nextMeeting: { meetsOn: string; time: string; place: string } | null;
  closedOn: string | null;
}

export interface MemberView {
  id: string;
  userId: string | null;
  name: string;
  role: string;
  isChair: boolean;
  /** A staff member in Laget (false: someone outside it, e.g. the deputy mayor). */
  isStaff: boolean;
}

export interface MeetingView {
  id: string;
  meetsOn: string;
  time: string;
  place: string;
  agenda: string;
  decisionCount: number;
}

export interface GroupDetails {
  id: string;
  kind: GroupKind;
  name: string;
  mandate: string;
  decisionAuthority: string;
  meetingPlan: string;
  closedOn: string | null;
}

export interface GroupPage {
  group: GroupDetails;
  members: MemberView[];
  upcoming: MeetingView[];
  past: MeetingView[];
  decisions: DecisionView[];
  canManage: boolean;
  /** Whether the actor may open a guide page's history (guide.edit), for the decision links. */
  canEditGuide: boolean;
  today: string;
  /** For the coordinator's forms; empty lists for readers. */
  staffOptions: { id: string; name: string }[];
  options: DecisionOptions;
}

function groupSchema(today: string) {
  return z
    .object({
      kind: z.preprocess(
        (value) => (value === undefined || value === null ? "" : value),
        z.enum(groupKinds, { message: "organisation.groups.errors.kind" }),
      ),
      name: textField(GROUP_NAME_MAX, "organisation.groups.errors.nameRequired"),
      mandate: textField(GROUP_MANDATE_MAX, "organisation.groups.errors.mandateRequired"),
      decisionAuthority: textField(GROUP_AUTHORITY_MAX),
      meetingPlan: textField(GROUP_MEETING_PLAN_MAX),
      closedOn: optionalDateField("organisation.groups.errors.closedOn"),
    })
    .superRefine((values, context) => {
      if (values.closedOn && values.closedOn > today) {
        context.addIssue({
          code: "custom",
          path: ["closedOn"],
          message: "organisation.groups.errors.closedInFuture",
        });
      }
    });
}

const memberSchema = z.object({
  userId: optionalIdField("organisation.groups.errors.memberUser"),
  name: textField(MEMBER_NAME_MAX),
  role: textField(MEMBER_ROLE_MAX),
  isChair: checkboxField,
});

const meetingSchema = z.object({
  meetsOn: dateField("organisation.groups.errors.meetsOn"),
  time: textField(MEETING_TIME_MAX),
  place: textField(MEETING_PLACE_MAX),
  agenda: textField(MEETING_AGENDA_MAX),
});

const auditedGroupFields = [
  "kind",
  "name",
  "mandate",
  "decisionAuthority",
  "meetingPlan",
  "closedOn",
] as const;

function detailsOf(row: GroupRow): GroupDetails {
  return {
    id: row.id,
    kind: row.kind as GroupKind,
    name: row.name,
    mandate: row.mandate,
    decisionAuthority: row.decisionAuthority,
    meetingPlan: row.meetingPlan,
    closedOn: row.closedOn,
  };
}

async function groupRow(tx: Tx, tenantId: string, groupId: string): Promise<GroupRow> {
  const [row] = await tx
    .select()
    .from(orgGroups)
    .where(and(eq(orgGroups.tenantId, tenantId), eq(orgGroups.id, groupId)));
  if (!row) throw notFound();
  return row;
}

function validation(fieldErrors: Record<string, string>): AppError {
  return new AppError("validation", "errors.validation", { fieldErrors });
}

/**
 * The name of the unique index a statement broke (Postgres 23505), looked for along the error's
 * cause chain (the driver's error may be wrapped); "" when the index is not named, null when the
 * error is no unique violation.
 */
function brokenUniqueIndex(error: unknown): string | null {
  for (let current = error; current; current = (current as { cause?: unknown }).cause) {
    const { code, constraint, message } = current as {
      code?: unknown;
      constraint?: unknown;
      message?: unknown;
    };
    if (code !== "23505") continue;
    if (typeof constraint === "string" && constraint) return constraint;
    const named = typeof message === "string" ? /"([^"]+)"/.exec(message) : null;
    return named?.[1] ?? "";
  }
  return null;
}

/**
 * The field error for a save the database refused because it broke one of the groups' unique
 * indexes: a name another group has, a second active steering or driver group (`kind` is the
 * kind the coordinator chose), or a second chair. These are checked before writing, so this only
 * happens when two saves race; null for any other error.
 */
export function groupConflictError(error: unknown, kind?: unknown): AppError | null {
  switch (brokenUniqueIndex(error)) {
    case "org_groups_tenant_name_unique":
      return validation({ name: "organisation.groups.errors.nameTaken" });
    case "org_groups_one_active_steering_driver":
      return validation({
        kind:
          kind === "driver"
            ? "organisation.groups.errors.driverExists"
            : "organisation.groups.errors.steeringExists",
      });
    case "org_group_members_one_chair":
      return validation({ isChair: "organisation.groups.errors.chairTaken" });
    default:
      return null;
  }
}

/** Runs a write, turning a unique index the database enforced into the matching field error. */
async function mappingConflicts<T>(work: () => Promise<T>, kind?: unknown): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw groupConflictError(error, kind) ?? error;
  }
}

/** The kind typed in the group form, for the message of a refused second steering/driver group. */
function formKind(values: unknown): unknown {
  return (values as { kind?: unknown } | null | undefined)?.kind;
}

/** The active steering and driver groups, for the form's "one of each" message. */
export async function activeSingletons(
  tx: Tx,
  tenantId: string,
): Promise<Record<"steering" | "driver", GroupRef | null>> {
  const rows = await tx
    .select({ id: orgGroups.id, name: orgGroups.name, kind: orgGroups.kind })
    .from(orgGroups)
    .where(and(eq(orgGroups.tenantId, tenantId), sql`${orgGroups.closedOn} is null`));
  const find = (kind: string) => {
    const row = rows.find((candidate) => candidate.kind === kind);
    return row ? { id: row.id, name: row.name } : null;
  };
  return { steering: find("steering"), driver: find("driver") };
}

/**
 * The rules that need the other groups: the name is unique (case-insensitive) and steering and
 * driver groups are one active of each. Returns field errors (empty when all is well).
 */
async function groupRuleErrors(
  tx: Tx,
  tenantId: string,
  values: { kind: string; name: string; closedOn: string | null },
  selfId: string | null,
): Promise<Record<string, string>> {
  const rows = await tx
    .select({
      id: orgGroups.id,
      kind: orgGroups.kind,
      name: orgGroups.name,
      closedOn: orgGroups.closedOn,
    })
    .from(orgGroups)
    .where(eq(orgGroups.tenantId, tenantId));
  const fieldErrors: Record<string, string> = {};
  const lower = values.name.toLocaleLowerCase("nb");
  if (
    lower &&
    rows.some((row) => row.id !== selfId && row.name.toLocaleLowerCase("nb") === lower)
  ) {
    fieldErrors.name = "organisation.groups.errors.nameTaken";
  }
  const conflict = singletonConflict(rows, { id: selfId, ...values });
  if (conflict) {
    fieldErrors.kind =
      conflict.kind === "steering"
        ? "organisation.groups.errors.steeringExists"
        : "organisation.groups.errors.driverExists";
  }
  return fieldErrors;
}

/**
 * Parses the group form and checks its rules in the transaction. When the form itself has
 * errors, the rule errors are added to them, so the coordinator sees every problem at once.
 */
async function parseGroup(
  tx: Tx,
  tenantId: string,
  raw: unknown,
  selfId: string | null,
  today: string,
): Promise<z.infer<ReturnType<typeof groupSchema>>> {
  let values: z.infer<ReturnType<typeof groupSchema>> | null = null;
  let formErrors: Record<string, string> = {};
  try {
    values = parseInput(groupSchema(today), raw);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "validation") throw error;
    formErrors = error.fieldErrors ?? {};
  }
  const loose = (raw ?? {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === "string" ? value.trim() : "");
  const ruleErrors = await groupRuleErrors(
    tx,
    tenantId,
    values ?? {
      kind: text(loose.kind),
      name: text(loose.name),
      closedOn: formErrors.closedOn || !text(loose.closedOn) ? null : text(loose.closedOn),
    },
    selfId,
  );
  const fieldErrors = { ...ruleErrors, ...formErrors };
  if (!values || Object.keys(fieldErrors).length > 0) throw validation(fieldErrors);
  return values;
}

/** /organisering/grupper: the active groups by kind and the closed ones apart. */
export async function listGroups(input: Read): Promise<{
  active: GroupSummary[];
  closed: GroupSummary[];
  canManage: boolean;
  today: string;
}> {
  const actor = viewer(input.actor);
  const today = input.today ?? osloDate();
  return input.database.tenant(actor.tenantId, async (tx) => {
    const groups = await tx.select().from(orgGroups).where(eq(orgGroups.tenantId, actor.tenantId));
    const members = await tx
      .select({
        groupId: orgGroupMembers.groupId,
        name: orgGroupMembers.name,
        isChair: orgGroupMembers.isChair,
      })
      .from(orgGroupMembers)
      .where(eq(orgGroupMembers.tenantId, actor.tenantId));
    const meetings = await tx
      .select({
        groupId: orgGroupMeetings.groupId,
        meetsOn: orgGroupMeetings.meetsOn,
        time: orgGroupMeetings.time,
        place: orgGroupMeetings.place,
      })
      .from(orgGroupMeetings)
      .where(
        and(
          eq(orgGroupMeetings.tenantId, actor.tenantId),
          sql`${orgGroupMeetings.meetsOn} >= ${today}`,
        ),
      );
    const summaries = [...groups].sort(compareGroups).map((group): GroupSummary => {
      const own = members.filter((member) => member.groupId === group.id);
      const next = nextMeeting(
        meetings.filter((meeting) => meeting.groupId === group.id),
        today,
      );
      return {
        id: group.id,
        kind: group.kind as GroupKind,
        name: group.name,
        mandateSummary: mandateSummary(group.mandate),
        chairName: own.find((member) => member.isChair)?.name ?? null,
        memberCount: own.length,
        nextMeeting: next ? { meetsOn: next.meetsOn, time: next.time, place: next.place } : null,
        closedOn: group.closedOn,
      };
    });
    await recordAudit(tx, {
      type: "organisation.groups_viewed",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      details: { groups: groups.length },
    });
    return {
      active: summaries.filter((group) => !isGroupClosed(group)),
      closed: summaries
        .filter((group) => isGroupClosed(group))
        .sort((a, b) => (b.closedOn ?? "").localeCompare(a.closedOn ?? "")),
      canManage: canManage(actor),
      today,
    };
  });
}

/** The active staff of the municipality, by name: who may be chosen as a member. */
async function staffOptions(tx: Tx, tenantId: string): Promise<{ id: string; name: string }[]> {
  return tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.active, true)))
    .orderBy(asc(users.name));
}

/** /organisering/grupper/:groupId: the whole group, audited as a read. */
export async function getGroupPage(input: Read & { groupId: string }): Promise<GroupPage> {
  const actor = viewer(input.actor);
  assertId(input.groupId);
  const today = input.today ?? osloDate();
  const manage = canManage(actor);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const group = await groupRow(tx, actor.tenantId, input.groupId);
    const members = await membersOf(tx, actor.tenantId, group.id);
    const meetingRows = await tx
      .select()
      .from(orgGroupMeetings)
      .where(
        and(eq(orgGroupMeetings.tenantId, actor.tenantId), eq(orgGroupMeetings.groupId, group.id)),
      );
    const decisions = await decisionsOf(tx, actor.tenantId, { groupId: group.id });
    const meetings = meetingRows.map((row): MeetingView => ({
      id: row.id,
      meetsOn: row.meetsOn,
      time: row.time,
      place: row.place,
      agenda: row.agenda,
      decisionCount: decisions.filter((decision) => decision.meeting?.id === row.id).length,
    }));
    const { upcoming, past } = splitMeetings(meetings, today);
    await recordAudit(tx, {
      type: "organisation.group_viewed",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "org_group", id: group.id },
    });
    return {
      group: detailsOf(group),
      members,
      upcoming,
      past,
      decisions,
      canManage: manage,
      canEditGuide: can(actor, "guide.edit"),
      today,
      staffOptions: manage ? await staffOptions(tx, actor.tenantId) : [],
      options: manage
        ? await decisionOptions(tx, actor.tenantId, group.id, {})
        : { versions: [], milestones: [], meetings: [] },
    };
  });
}

async function membersOf(tx: Tx, tenantId: string, groupId: string): Promise<MemberView[]> {
  const rows = await tx
    .select()
    .from(orgGroupMembers)
    .where(and(eq(orgGroupMembers.tenantId, tenantId), eq(orgGroupMembers.groupId, groupId)))
    .orderBy(asc(orgGroupMembers.position), asc(orgGroupMembers.createdAt));
  // The chair first, then in the order they were added.
  return [...rows]
    .sort((a, b) => Number(b.isChair) - Number(a.isChair))
    .map((row) => ({
      id: row.id,
      userId: row.userId,
      name: row.name,
      role: row.role,
      isChair: row.isChair,
      isStaff: row.userId !== null,
    }));
}

/** The group form: the stored group when editing (a read, audited), and the active singletons. */
export async function groupForm(input: Read & { groupId?: string | undefined }): Promise<{
  group: GroupDetails | null;
  singletons: Record<"steering" | "driver", GroupRef | null>;
  decisionCount: number;
  today: string;
}> {
  const actor = manager(input.actor);
  if (input.groupId !== undefined) assertId(input.groupId);
  const today = input.today ?? osloDate();
  return input.database.tenant(actor.tenantId, async (tx) => {
    const singletons = await activeSingletons(tx, actor.tenantId);
    if (input.groupId === undefined) return { group: null, singletons, decisionCount: 0, today };
    const group = await groupRow(tx, actor.tenantId, input.groupId);
    const [decisions] = await tx
      .select({ value: count() })
      .from(orgGroupDecisions)
      .where(
        and(
          eq(orgGroupDecisions.tenantId, actor.tenantId),
          eq(orgGroupDecisions.groupId, group.id),
        ),
      );
    await recordAudit(tx, {
      type: "organisation.group_viewed",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "org_group", id: group.id },
      details: { form: true },
    });
    return { group: detailsOf(group), singletons, decisionCount: decisions?.value ?? 0, today };
  });
}

export async function createGroup(input: Write & { values: unknown }): Promise<GroupRow> {
  const actor = manager(input.actor);
  const today = input.today ?? osloDate();
  return mappingConflicts(
    () =>
      input.database.tenant(actor.tenantId, async (tx) => {
        const values = await parseGroup(tx, actor.tenantId, input.values, null, today);
        const [row] = await tx
          .insert(orgGroups)
          .values({ tenantId: actor.tenantId, ...values })
          .returning();
        await recordAudit(tx, {
          type: "organisation.group_saved",
          tenantId: actor.tenantId,
          actor,
          meta: input.meta,
          subject: { type: "org_group", id: row!.id },
          details: { created: true, kind: row!.kind, closed: row!.closedOn !== null },
        });
        return row!;
      }),
    formKind(input.values),
  );
}

export async function updateGroup(
  input: Write & { groupId: string; values: unknown },
): Promise<GroupRow> {
  const actor = manager(input.actor);
  assertId(input.groupId);
  const today = input.today ?? osloDate();
  return mappingConflicts(
    () =>
      input.database.tenant(actor.tenantId, async (tx) => {
        const before = await groupRow(tx, actor.tenantId, input.groupId);
        const values = await parseGroup(tx, actor.tenantId, input.values, before.id, today);
        const [row] = await tx
          .update(orgGroups)
          .set({ ...values, updatedAt: new Date() })
          .where(and(eq(orgGroups.tenantId, actor.tenantId), eq(orgGroups.id, before.id)))
          .returning();
        const fields = changedFields(before, row!, auditedGroupFields);
        if (fields.length > 0) {
          await recordAudit(tx, {
            type: "organisation.group_saved",
            tenantId: actor.tenantId,
            actor,
            meta: input.meta,
            subject: { type: "org_group", id: row!.id },
            details: { created: false, fields, kind: row!.kind, closed: row!.closedOn !== null },
          });
        }
        return row!;
      }),
    formKind(input.values),
  );
}

/**
 * Deletes a group with its members and meetings, only while it has no decisions: a group that
 * has decided something is closed instead, so the decisions log keeps its history.
 */
export async function deleteGroup(input: Write & { groupId: string }): Promise<GroupRow> {
  const actor = manager(input.actor);
  assertId(input.groupId);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const group = await groupRow(tx, actor.tenantId, input.groupId);
    const [decisions] = await tx
      .select({ value: count() })
      .from(orgGroupDecisions)
      .where(
        and(
          eq(orgGroupDecisions.tenantId, actor.tenantId),
          eq(orgGroupDecisions.groupId, group.id),
        ),
      );
    if ((decisions?.value ?? 0) > 0) {
      throw new AppError("conflict", "organisation.groups.errors.hasDecisions");
    }
    await tx
      .delete(orgGroups)
      .where(and(eq(orgGroups.tenantId, actor.tenantId), eq(orgGroups.id, group.id)));
    await recordAudit(tx, {
      type: "organisation.group_deleted",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "org_group", id: group.id },
      details: { kind: group.kind },
    });
    return group;
  });
}

/**
 * Adds a member: a staff member chosen from the municipality's active staff (once per group),
 * or an outside person by name; with a role in words and the chair flag (one chair a group).
 */
export async function addMember(
  input: Write & { groupId: string; values: unknown },
): Promise<MemberRow> {
  const actor = manager(input.actor);
  assertId(input.groupId);
  const values = parseInput(memberSchema, input.values);
  const choice = memberChoice(values);
  if (!choice.ok) {
    throw validation({
      [choice.field]:
        choice.reason === "both"
          ? "organisation.groups.errors.memberBoth"
          : "organisation.groups.errors.memberMissing",
    });
  }
  return mappingConflicts(() =>
    input.database.tenant(actor.tenantId, async (tx) => {
      const group = await groupRow(tx, actor.tenantId, input.groupId);
      const existing = await tx
        .select()
        .from(orgGroupMembers)
        .where(
          and(eq(orgGroupMembers.tenantId, actor.tenantId), eq(orgGroupMembers.groupId, group.id)),
        );
      const fieldErrors: Record<string, string> = {};
      let name = choice.kind === "outside" ? choice.name : "";
      if (choice.kind === "staff") {
        const [person] = await tx
          .select({ id: users.id, name: users.name })
          .from(users)
          .where(
            and(
              eq(users.tenantId, actor.tenantId),
              eq(users.id, choice.userId),
              eq(users.active, true),
            ),
          );
        if (!person) fieldErrors.userId = "organisation.groups.errors.memberUser";
        else if (existing.some((member) => member.userId === person.id)) {
          fieldErrors.userId = "organisation.groups.errors.memberTwice";
        } else name = person.name;
      }
      if (values.isChair && otherChair(existing)) {
        fieldErrors.isChair = "organisation.groups.errors.chairTaken";
      }
      if (Object.keys(fieldErrors).length > 0) throw validation(fieldErrors);
      const position = existing.reduce((max, member) => Math.max(max, member.position), 0) + 1;
      const [row] = await tx
        .insert(orgGroupMembers)
        .values({
          tenantId: actor.tenantId,
          groupId: group.id,
          userId: choice.kind === "staff" ? choice.userId : null,
          name,
          role: values.role,
          isChair: values.isChair,
          position,
        })
        .returning();
      await recordAudit(tx, {
        type: "organisation.member_added",
        tenantId: actor.tenantId,
        actor,
        meta: input.meta,
        subject: { type: "org_group", id: group.id },
        details: {
          memberId: row!.id,
          userId: row!.userId,
          outside: row!.userId === null,
          chair: row!.isChair,
        },
      });
      return row!;
    }),
  );
}

async function memberRow(
  tx: Tx,
  tenantId: string,
  groupId: string,
  memberId: string,
): Promise<MemberRow> {
  assertId(memberId);
  const [row] = await tx
    .select()
    .from(orgGroupMembers)
    .where(
      and(
        eq(orgGroupMembers.tenantId, tenantId),
        eq(orgGroupMembers.groupId, groupId),
        eq(orgGroupMembers.id, memberId),
      ),
    );
  if (!row) throw notFound();
  return row;
}

/**
 * Makes a member the chair (the previous chair steps down: still one chair), or takes the chair
 * flag away.
 */
export async function setChair(
  input: Write & { groupId: string; memberId: string; chair: boolean },
): Promise<MemberRow> {
  const actor = manager(input.actor);
  assertId(input.groupId);
  try {
    return await input.database.tenant(actor.tenantId, async (tx) => {
      const member = await memberRow(tx, actor.tenantId, input.groupId, input.memberId);
      if (member.isChair === input.chair) return member;
      if (input.chair) {
        await tx
          .update(orgGroupMembers)
          .set({ isChair: false })
          .where(
            and(
              eq(orgGroupMembers.tenantId, actor.tenantId),
              eq(orgGroupMembers.groupId, input.groupId),
              eq(orgGroupMembers.isChair, true),
            ),
          );
      }
      const [row] = await tx
        .update(orgGroupMembers)
        .set({ isChair: input.chair })
        .where(eq(orgGroupMembers.id, member.id))
        .returning();
      await recordAudit(tx, {
        type: "organisation.member_changed",
        tenantId: actor.tenantId,
        actor,
        meta: input.meta,
        subject: { type: "org_group", id: input.groupId },
        details: { memberId: member.id, fields: ["isChair"], chair: input.chair },
      });
      return row!;
    });
  } catch (error) {
    // Another chair was set at the same moment (one chair per group, 0020): nothing is changed,
    // and the page shows who the chair is now.
    if (groupConflictError(error)) throw new AppError("conflict", "errors.conflict");
    throw error;
  }
}

export async function removeMember(
  input: Write & { groupId: string; memberId: string },
): Promise<MemberRow> {
  const actor = manager(input.actor);
  assertId(input.groupId);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const member = await memberRow(tx, actor.tenantId, input.groupId, input.memberId);
    await tx.delete(orgGroupMembers).where(eq(orgGroupMembers.id, member.id));
    await recordAudit(tx, {
      type: "organisation.member_removed",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "org_group", id: input.groupId },
      details: { memberId: member.id, userId: member.userId, chair: member.isChair },
    });
    return member;
  });
}

export async function addMeeting(
  input: Write & { groupId: string; values: unknown },
): Promise<MeetingRow> {
  const actor = manager(input.actor);
  assertId(input.groupId);
  const values = parseInput(meetingSchema, input.values);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const group = await groupRow(tx, actor.tenantId, input.groupId);
    const [row] = await tx
      .insert(orgGroupMeetings)
      .values({ tenantId: actor.tenantId, groupId: group.id, ...values })
      .returning();
    await recordAudit(tx, {
      type: "organisation.meeting_saved",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "org_group", id: group.id },
      details: { created: true, meetingId: row!.id, meetsOn: row!.meetsOn },
    });
    return row!;
  });
}

/** Removes a meeting; decisions made in it keep their date and lose only the meeting link. */
export async function removeMeeting(
  input: Write & { groupId: string; meetingId: string },
): Promise<MeetingRow> {
  const actor = manager(input.actor);
  assertId(input.groupId);
  assertId(input.meetingId);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const [row] = await tx
      .delete(orgGroupMeetings)
      .where(
        and(
          eq(orgGroupMeetings.tenantId, actor.tenantId),
          eq(orgGroupMeetings.groupId, input.groupId),
          eq(orgGroupMeetings.id, input.meetingId),
        ),
      )
      .returning();
    if (!row) throw notFound();
    await recordAudit(tx, {
      type: "organisation.meeting_removed",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "org_group", id: input.groupId },
      details: { meetingId: row.id, meetsOn: row.meetsOn },
    });
    return row;
  });
}

/** Group names by id within the tenant (for the decisions log's filter). */
export async function groupRefs(tx: Tx, tenantId: string, ids?: string[]): Promise<GroupRef[]> {
  const rows = await tx
    .select({ id: orgGroups.id, name: orgGroups.name, kind: orgGroups.kind })
    .from(orgGroups)
    .where(
      ids
        ? and(eq(orgGroups.tenantId, tenantId), inArray(orgGroups.id, ids))
        : eq(orgGroups.tenantId, tenantId),
    );
  return rows.sort(compareGroups).map((row) => ({ id: row.id, name: row.name }));
}
