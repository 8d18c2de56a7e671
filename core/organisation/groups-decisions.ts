import { and, asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "../../db/client.ts";
import {
  contentPages,
  contentVersions,
  milestones,
  orgGroupDecisions,
  orgGroupMeetings,
  orgGroups,
} from "../../db/schema/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import { can } from "../access/policy.ts";
import { recordAudit } from "../audit/audit.ts";
import { AppError } from "../errors.ts";
import {
  assertId,
  canManage,
  changedFields,
  dateField,
  manager,
  notFound,
  optionalIdField,
  textField,
  viewer,
} from "../implementation/plan-common.ts";
import { isIsoDate, osloDate } from "../platform/dates.ts";
import { parseInput } from "../platform/validation.ts";
import {
  compareDecisions,
  compareGroups,
  DECISION_DESCRIPTION_MAX,
  DECISION_TITLE_MAX,
  decisionSubjectKind,
  decisionYears,
  isDecisionDateAllowed,
  pageOf,
  type GroupKind,
} from "./groups-rules.ts";

/**
 * A project group's decisions (issue 8): date (never in the future), title, description, the
 * meeting it was made in, and what it decided on — a published version of a guide page, a
 * milestone of the implementation plan, or nothing in Laget. Recorded on the group's page, all
 * listed newest first in the decisions log (/organisering/vedtak). Reading is
 * implementation.view (each page read audited); the coordinator records, corrects and removes.
 */

export type DecisionRow = typeof orgGroupDecisions.$inferSelect;

export type DecisionSubject =
  | {
      kind: "version";
      versionId: string;
      pageId: string;
      slug: string;
      title: string;
      number: number;
      /** The day it was published (Oslo), or null for a version never published. */
      publishedOn: string | null;
    }
  | { kind: "milestone"; milestoneId: string; title: string };

export interface DecisionView {
  id: string;
  groupId: string;
  groupName: string;
  groupKind: GroupKind;
  decidedOn: string;
  title: string;
  description: string;
  meeting: { id: string; meetsOn: string } | null;
  subject: DecisionSubject | null;
  contentVersionId: string | null;
  milestoneId: string | null;
  meetingId: string | null;
}

export interface VersionOption {
  id: string;
  title: string;
  number: number;
  publishedOn: string | null;
}

export interface DecisionOptions {
  versions: VersionOption[];
  milestones: { id: string; title: string }[];
  meetings: { id: string; meetsOn: string; time: string }[];
}

interface Base {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  today?: string;
}

function decisionSchema(today: string) {
  return z
    .object({
      decidedOn: dateField("organisation.groups.errors.decidedOn"),
      title: textField(DECISION_TITLE_MAX, "organisation.groups.errors.decisionTitle"),
      description: textField(DECISION_DESCRIPTION_MAX),
      meetingId: optionalIdField("organisation.groups.errors.decisionMeeting"),
      contentVersionId: optionalIdField("organisation.groups.errors.decisionVersion"),
      milestoneId: optionalIdField("organisation.groups.errors.decisionMilestone"),
    })
    .superRefine((values, context) => {
      if (isIsoDate(values.decidedOn) && !isDecisionDateAllowed(values.decidedOn, today)) {
        context.addIssue({
          code: "custom",
          path: ["decidedOn"],
          message: "organisation.groups.errors.decidedInFuture",
        });
      }
      if (decisionSubjectKind(values) === "both") {
        context.addIssue({
          code: "custom",
          path: ["milestoneId"],
          message: "organisation.groups.errors.subjectBoth",
        });
      }
    });
}

type DecisionInput = z.infer<ReturnType<typeof decisionSchema>>;

const auditedFields = [
  "decidedOn",
  "title",
  "description",
  "meetingId",
  "contentVersionId",
  "milestoneId",
] as const;

function dayOf(value: Date | null): string | null {
  return value ? osloDate(value) : null;
}

/** The decisions of one group, or of all the tenant's groups, newest first, with their links. */
export async function decisionsOf(
  tx: Tx,
  tenantId: string,
  filter: { groupId?: string } = {},
): Promise<DecisionView[]> {
  const rows = await tx
    .select({
      decision: orgGroupDecisions,
      groupName: orgGroups.name,
      groupKind: orgGroups.kind,
      meetsOn: orgGroupMeetings.meetsOn,
    })
    .from(orgGroupDecisions)
    .innerJoin(orgGroups, eq(orgGroups.id, orgGroupDecisions.groupId))
    .leftJoin(orgGroupMeetings, eq(orgGroupMeetings.id, orgGroupDecisions.meetingId))
    .where(
      filter.groupId
        ? and(
            eq(orgGroupDecisions.tenantId, tenantId),
            eq(orgGroupDecisions.groupId, filter.groupId),
          )
        : eq(orgGroupDecisions.tenantId, tenantId),
    );
  const versionIds = [
    ...new Set(rows.map((row) => row.decision.contentVersionId).filter((id) => id !== null)),
  ];
  const milestoneIds = [
    ...new Set(rows.map((row) => row.decision.milestoneId).filter((id) => id !== null)),
  ];
  const versions =
    versionIds.length === 0
      ? []
      : await tx
          .select({
            id: contentVersions.id,
            pageId: contentVersions.pageId,
            title: contentVersions.title,
            number: contentVersions.number,
            publishedAt: contentVersions.publishedAt,
            slug: contentPages.slug,
          })
          .from(contentVersions)
          .innerJoin(contentPages, eq(contentPages.id, contentVersions.pageId))
          .where(
            and(eq(contentVersions.tenantId, tenantId), inArray(contentVersions.id, versionIds)),
          );
  const milestoneRows =
    milestoneIds.length === 0
      ? []
      : await tx
          .select({ id: milestones.id, title: milestones.title })
          .from(milestones)
          .where(and(eq(milestones.tenantId, tenantId), inArray(milestones.id, milestoneIds)));
  const subjectOf = (row: DecisionRow): DecisionSubject | null => {
    if (row.contentVersionId) {
      const version = versions.find((candidate) => candidate.id === row.contentVersionId);
      if (version) {
        return {
          kind: "version",
          versionId: version.id,
          pageId: version.pageId,
          slug: version.slug,
          title: version.title,
          number: version.number,
          publishedOn: dayOf(version.publishedAt),
        };
      }
    }
    if (row.milestoneId) {
      const milestone = milestoneRows.find((candidate) => candidate.id === row.milestoneId);
      if (milestone)
        return { kind: "milestone", milestoneId: milestone.id, title: milestone.title };
    }
    return null;
  };
  return rows
    .sort((a, b) => compareDecisions(a.decision, b.decision))
    .map(({ decision, groupName, groupKind, meetsOn }) => ({
      id: decision.id,
      groupId: decision.groupId,
      groupName,
      groupKind: groupKind as GroupKind,
      decidedOn: decision.decidedOn,
      title: decision.title,
      description: decision.description,
      meeting: decision.meetingId && meetsOn ? { id: decision.meetingId, meetsOn } : null,
      subject: subjectOf(decision),
      contentVersionId: decision.contentVersionId,
      milestoneId: decision.milestoneId,
      meetingId: decision.meetingId,
    }));
}

/**
 * What a decision can be about and made in: the tenant's published guide versions (by page
 * title and number), the plan's milestones, and the group's meetings. A decision being edited
 * keeps its own version even when a newer one has been published since.
 */
export async function decisionOptions(
  tx: Tx,
  tenantId: string,
  groupId: string,
  keep: { contentVersionId?: string | null },
): Promise<DecisionOptions> {
  const versionRows = await tx
    .select({
      id: contentVersions.id,
      title: contentVersions.title,
      number: contentVersions.number,
      state: contentVersions.state,
      publishedAt: contentVersions.publishedAt,
    })
    .from(contentVersions)
    .innerJoin(contentPages, eq(contentPages.id, contentVersions.pageId))
    .where(eq(contentVersions.tenantId, tenantId));
  const versions = versionRows
    .filter(
      (row) =>
        row.state === "published" ||
        (keep.contentVersionId !== undefined && row.id === keep.contentVersionId),
    )
    .map((row) => ({
      id: row.id,
      title: row.title,
      number: row.number,
      publishedOn: dayOf(row.publishedAt),
    }))
    .sort((a, b) => a.title.localeCompare(b.title, "nb") || b.number - a.number);
  const milestoneOptions = await tx
    .select({ id: milestones.id, title: milestones.title })
    .from(milestones)
    .where(eq(milestones.tenantId, tenantId))
    .orderBy(asc(milestones.startsOn), asc(milestones.title));
  const meetings = await tx
    .select({
      id: orgGroupMeetings.id,
      meetsOn: orgGroupMeetings.meetsOn,
      time: orgGroupMeetings.time,
    })
    .from(orgGroupMeetings)
    .where(and(eq(orgGroupMeetings.tenantId, tenantId), eq(orgGroupMeetings.groupId, groupId)))
    .orderBy(asc(orgGroupMeetings.meetsOn));
  return { versions, milestones: milestoneOptions, meetings: meetings.reverse() };
}

async function assertGroup(tx: Tx, tenantId: string, groupId: string): Promise<void> {
  assertId(groupId);
  const [group] = await tx
    .select({ id: orgGroups.id })
    .from(orgGroups)
    .where(and(eq(orgGroups.tenantId, tenantId), eq(orgGroups.id, groupId)));
  if (!group) throw notFound();
}

/** The meeting is the group's, the version is published (or kept), the milestone the tenant's. */
async function assertReferences(
  tx: Tx,
  tenantId: string,
  groupId: string,
  values: DecisionInput,
  keep: DecisionRow | null,
): Promise<void> {
  const fieldErrors: Record<string, string> = {};
  if (values.meetingId) {
    const [meeting] = await tx
      .select({ id: orgGroupMeetings.id })
      .from(orgGroupMeetings)
      .where(
        and(
          eq(orgGroupMeetings.tenantId, tenantId),
          eq(orgGroupMeetings.groupId, groupId),
          eq(orgGroupMeetings.id, values.meetingId),
        ),
      );
    if (!meeting) fieldErrors.meetingId = "organisation.groups.errors.decisionMeeting";
  }
  if (values.contentVersionId) {
    const [version] = await tx
      .select({ id: contentVersions.id, state: contentVersions.state })
      .from(contentVersions)
      .where(
        and(
          eq(contentVersions.tenantId, tenantId),
          eq(contentVersions.id, values.contentVersionId),
        ),
      );
    const kept = keep !== null && keep.contentVersionId === values.contentVersionId;
    if (!version || (version.state !== "published" && !kept)) {
      fieldErrors.contentVersionId = "organisation.groups.errors.decisionVersion";
    }
  }
  if (values.milestoneId) {
    const [milestone] = await tx
      .select({ id: milestones.id })
      .from(milestones)
      .where(and(eq(milestones.tenantId, tenantId), eq(milestones.id, values.milestoneId)));
    if (!milestone) fieldErrors.milestoneId = "organisation.groups.errors.decisionMilestone";
  }
  if (Object.keys(fieldErrors).length > 0) {
    throw new AppError("validation", "errors.validation", { fieldErrors });
  }
}

function auditDetails(row: DecisionRow) {
  return {
    groupId: row.groupId,
    decidedOn: row.decidedOn,
    meetingId: row.meetingId,
    contentVersionId: row.contentVersionId,
    milestoneId: row.milestoneId,
  };
}

/** Records a decision of a group (on the group's page). */
export async function createDecision(
  input: Base & { groupId: string; values: unknown },
): Promise<DecisionRow> {
  const actor = manager(input.actor);
  assertId(input.groupId);
  const values = parseInput(decisionSchema(input.today ?? osloDate()), input.values);
  return input.database.tenant(actor.tenantId, async (tx) => {
    await assertGroup(tx, actor.tenantId, input.groupId);
    await assertReferences(tx, actor.tenantId, input.groupId, values, null);
    const [row] = await tx
      .insert(orgGroupDecisions)
      .values({
        tenantId: actor.tenantId,
        groupId: input.groupId,
        ...values,
        recordedBy: actor.userId,
      })
      .returning();
    await recordAudit(tx, {
      type: "organisation.decision_saved",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "org_group_decision", id: row!.id },
      details: { created: true, ...auditDetails(row!) },
    });
    return row!;
  });
}

async function decisionRow(
  tx: Tx,
  tenantId: string,
  groupId: string,
  decisionId: string,
): Promise<DecisionRow> {
  assertId(groupId);
  assertId(decisionId);
  const [row] = await tx
    .select()
    .from(orgGroupDecisions)
    .where(
      and(
        eq(orgGroupDecisions.tenantId, tenantId),
        eq(orgGroupDecisions.groupId, groupId),
        eq(orgGroupDecisions.id, decisionId),
      ),
    );
  if (!row) throw notFound();
  return row;
}

/** The decision form for a correction: the decision, its group, the options (a read, audited). */
export async function decisionForm(input: Base & { groupId: string; decisionId: string }): Promise<{
  decision: DecisionView;
  group: { id: string; name: string };
  options: DecisionOptions;
  today: string;
}> {
  const actor = manager(input.actor);
  const today = input.today ?? osloDate();
  return input.database.tenant(actor.tenantId, async (tx) => {
    const row = await decisionRow(tx, actor.tenantId, input.groupId, input.decisionId);
    const decision = (await decisionsOf(tx, actor.tenantId, { groupId: row.groupId })).find(
      (candidate) => candidate.id === row.id,
    )!;
    const options = await decisionOptions(tx, actor.tenantId, row.groupId, {
      contentVersionId: row.contentVersionId,
    });
    await recordAudit(tx, {
      type: "organisation.decision_viewed",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "org_group_decision", id: row.id },
      details: { groupId: row.groupId },
    });
    return {
      decision,
      group: { id: row.groupId, name: decision.groupName },
      options,
      today,
    };
  });
}

/** Corrects a decision: every field may change but the group. */
export async function updateDecision(
  input: Base & { groupId: string; decisionId: string; values: unknown },
): Promise<DecisionRow> {
  const actor = manager(input.actor);
  const values = parseInput(decisionSchema(input.today ?? osloDate()), input.values);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const before = await decisionRow(tx, actor.tenantId, input.groupId, input.decisionId);
    await assertReferences(tx, actor.tenantId, before.groupId, values, before);
    const [row] = await tx
      .update(orgGroupDecisions)
      .set(values)
      .where(eq(orgGroupDecisions.id, before.id))
      .returning();
    const fields = changedFields(before, row!, auditedFields);
    if (fields.length > 0) {
      await recordAudit(tx, {
        type: "organisation.decision_saved",
        tenantId: actor.tenantId,
        actor,
        meta: input.meta,
        subject: { type: "org_group_decision", id: row!.id },
        details: { created: false, fields, ...auditDetails(row!) },
      });
    }
    return row!;
  });
}

export async function deleteDecision(
  input: Base & { groupId: string; decisionId: string },
): Promise<DecisionRow> {
  const actor = manager(input.actor);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const row = await decisionRow(tx, actor.tenantId, input.groupId, input.decisionId);
    await tx.delete(orgGroupDecisions).where(eq(orgGroupDecisions.id, row.id));
    await recordAudit(tx, {
      type: "organisation.decision_deleted",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "org_group_decision", id: row.id },
      details: auditDetails(row),
    });
    return row;
  });
}

export interface DecisionLogFilters {
  groupId?: string | null;
  year?: number | null;
  page?: number;
}

/** /organisering/vedtak: every group's decisions newest first, by group and year, 25 a page. */
export async function listDecisions(input: Base & { filters?: DecisionLogFilters }): Promise<{
  decisions: DecisionView[];
  total: number;
  page: number;
  pages: number;
  groups: { id: string; name: string }[];
  years: number[];
  groupId: string | null;
  year: number | null;
  canManage: boolean;
  canEditGuide: boolean;
}> {
  const actor = viewer(input.actor);
  const filters = input.filters ?? {};
  return input.database.tenant(actor.tenantId, async (tx) => {
    const groupRows = await tx
      .select({ id: orgGroups.id, name: orgGroups.name, kind: orgGroups.kind })
      .from(orgGroups)
      .where(eq(orgGroups.tenantId, actor.tenantId));
    const groups = groupRows.sort(compareGroups).map((row) => ({ id: row.id, name: row.name }));
    const all = await decisionsOf(tx, actor.tenantId);
    const groupId =
      filters.groupId && groups.some((group) => group.id === filters.groupId)
        ? filters.groupId
        : null;
    const year = filters.year && Number.isInteger(filters.year) ? filters.year : null;
    const filtered = all
      .filter((decision) => !groupId || decision.groupId === groupId)
      .filter((decision) => !year || Number(decision.decidedOn.slice(0, 4)) === year);
    const paged = pageOf(filtered, filters.page ?? 1);
    await recordAudit(tx, {
      type: "organisation.decisions_viewed",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      details: { groupId, year, page: paged.page, shown: paged.items.length },
    });
    return {
      decisions: paged.items,
      total: paged.total,
      page: paged.page,
      pages: paged.pages,
      groups,
      years: decisionYears(all.map((decision) => decision.decidedOn)),
      groupId,
      year,
      canManage: canManage(actor),
      canEditGuide: can(actor, "guide.edit"),
    };
  });
}
