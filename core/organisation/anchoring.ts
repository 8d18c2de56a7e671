import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "../../db/client.ts";
import {
  anchoringActivities,
  competenceMaterials,
  milestones,
  users,
} from "../../db/schema/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import { recordAudit } from "../audit/audit.ts";
import { AppError } from "../errors.ts";
import {
  assertId,
  canManage,
  changedFields,
  dateField,
  manager,
  notFound,
  optionalDateField,
  optionalIdField,
  textField,
  viewer,
} from "../implementation/plan-common.ts";
import {
  compareMilestones,
  milestoneStatus,
  type MilestoneStatus,
} from "../implementation/plan-rules.ts";
import { isIsoDate, osloDate } from "../platform/dates.ts";
import { parseInput } from "../platform/validation.ts";
import {
  ANCHORING_AUDIENCE_MAX,
  ANCHORING_FOLLOW_UP_MAX,
  ANCHORING_MATERIAL_MAX,
  ANCHORING_PAGE_SIZE,
  ANCHORING_SUMMARY_MAX,
  anchoringAudienceKinds,
  anchoringChannels,
  anchoringModes,
  type AnchoringAudienceKind,
  type AnchoringChannel,
  type AnchoringMode,
  type FollowUpState,
} from "./anchoring-kinds.ts";
import {
  anchoringTimeline,
  compareActivitiesNewestFirst,
  followUpState,
  hasOpenFollowUp,
  isPlanned,
  milestoneAnchoring,
  timelineYears,
  type AnchoringQuarter,
  type MilestoneAnchoring,
} from "./anchoring-rules.ts";

/**
 * The anchoring log (forankring, issue 8): who was informed or involved when, how, with what
 * material, and the follow-up agreed; and the timeline that shows it beside the implementation
 * plan's milestones. Everyone with implementation.view reads (coordinator, sector leaders, unit
 * leaders, BTS contacts); the coordinator (implementation.manage) writes. Every write and every
 * read of a page's data is audited, with ids, codes and field names only (never the text).
 */

export type AnchoringActivityRow = typeof anchoringActivities.$inferSelect;

export interface AnchoringActivityView {
  id: string;
  occurredOn: string;
  /** Dated after today: planned, not yet held. */
  planned: boolean;
  audienceKind: AnchoringAudienceKind;
  audience: string;
  mode: AnchoringMode;
  channel: AnchoringChannel;
  summary: string;
  material: string;
  materialId: string | null;
  materialTitle: string | null;
  followUp: string;
  followUpDueOn: string | null;
  followUpDoneOn: string | null;
  followUpState: FollowUpState;
  responsibleUserId: string | null;
  responsibleName: string | null;
  milestoneId: string | null;
  milestoneTitle: string | null;
}

export interface AnchoringFilters {
  audienceKind?: AnchoringAudienceKind | null;
  mode?: AnchoringMode | null;
  /** Only activities whose follow-up is open or overdue. */
  openFollowUp?: boolean;
  year?: number | null;
  page?: number;
}

export interface Option {
  id: string;
  title: string;
}

export interface MilestoneOption extends Option {
  startsOn: string;
  endsOn: string;
  continuous: boolean;
}

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

const E = "organisation.anchoring.errors";

function choiceField<T extends readonly [string, ...string[]]>(choices: T, messageKey: string) {
  return z.preprocess(
    (value) => (value === undefined || value === null ? "" : value),
    z.enum(choices, { message: messageKey }),
  );
}

function activitySchema(today: string) {
  return z
    .object({
      occurredOn: dateField(`${E}.occurredOn`),
      audienceKind: choiceField(anchoringAudienceKinds, `${E}.audienceKind`),
      audience: textField(ANCHORING_AUDIENCE_MAX, `${E}.audienceRequired`),
      mode: choiceField(anchoringModes, `${E}.mode`),
      channel: choiceField(anchoringChannels, `${E}.channel`),
      summary: textField(ANCHORING_SUMMARY_MAX),
      material: textField(ANCHORING_MATERIAL_MAX),
      materialId: optionalIdField(`${E}.material`),
      followUp: textField(ANCHORING_FOLLOW_UP_MAX),
      followUpDueOn: optionalDateField(`${E}.followUpDueOn`),
      followUpDoneOn: optionalDateField(`${E}.followUpDoneOn`),
      responsibleUserId: optionalIdField(`${E}.responsible`),
      milestoneId: optionalIdField(`${E}.milestone`),
    })
    .superRefine((values, context) => {
      const occurredOn = isIsoDate(values.occurredOn) ? values.occurredOn : null;
      const issue = (path: string, message: string) =>
        context.addIssue({ code: "custom", path: [path], message });
      if (values.followUp === "" && (values.followUpDueOn || values.followUpDoneOn)) {
        issue("followUp", `${E}.followUpRequired`);
      }
      if (values.followUpDueOn && occurredOn && values.followUpDueOn < occurredOn) {
        issue("followUpDueOn", `${E}.dueBeforeActivity`);
      }
      if (values.followUpDoneOn && values.followUpDoneOn > today) {
        issue("followUpDoneOn", `${E}.doneInFuture`);
      } else if (values.followUpDoneOn && occurredOn && values.followUpDoneOn < occurredOn) {
        issue("followUpDoneOn", `${E}.doneBeforeActivity`);
      }
    });
}

type ActivityInput = z.infer<ReturnType<typeof activitySchema>>;

const auditedFields = [
  "occurredOn",
  "audienceKind",
  "audience",
  "mode",
  "channel",
  "summary",
  "material",
  "materialId",
  "followUp",
  "followUpDueOn",
  "followUpDoneOn",
  "responsibleUserId",
  "milestoneId",
] as const;

type Joined = {
  activity: AnchoringActivityRow;
  responsibleName: string | null;
  materialTitle: string | null;
  milestoneTitle: string | null;
};

function viewOf(row: Joined, today: string): AnchoringActivityView {
  const { activity } = row;
  return {
    id: activity.id,
    occurredOn: activity.occurredOn,
    planned: isPlanned(activity, today),
    audienceKind: activity.audienceKind as AnchoringAudienceKind,
    audience: activity.audience,
    mode: activity.mode as AnchoringMode,
    channel: activity.channel as AnchoringChannel,
    summary: activity.summary,
    material: activity.material,
    materialId: row.materialTitle === null ? null : activity.materialId,
    materialTitle: row.materialTitle,
    followUp: activity.followUp,
    followUpDueOn: activity.followUpDueOn,
    followUpDoneOn: activity.followUpDoneOn,
    followUpState: followUpState(activity, today),
    responsibleUserId: activity.responsibleUserId,
    responsibleName: row.responsibleName,
    milestoneId: row.milestoneTitle === null ? null : activity.milestoneId,
    milestoneTitle: row.milestoneTitle,
  };
}

/** Every activity of the municipality with the names it points to (RLS hides other tenants'). */
async function joinedActivities(tx: Tx, tenantId: string, activityId?: string): Promise<Joined[]> {
  const where = activityId
    ? and(eq(anchoringActivities.tenantId, tenantId), eq(anchoringActivities.id, activityId))
    : eq(anchoringActivities.tenantId, tenantId);
  return tx
    .select({
      activity: anchoringActivities,
      responsibleName: users.name,
      materialTitle: competenceMaterials.title,
      milestoneTitle: milestones.title,
    })
    .from(anchoringActivities)
    .leftJoin(
      users,
      and(eq(users.id, anchoringActivities.responsibleUserId), eq(users.tenantId, tenantId)),
    )
    .leftJoin(
      competenceMaterials,
      and(
        eq(competenceMaterials.id, anchoringActivities.materialId),
        eq(competenceMaterials.tenantId, tenantId),
      ),
    )
    .leftJoin(
      milestones,
      and(eq(milestones.id, anchoringActivities.milestoneId), eq(milestones.tenantId, tenantId)),
    )
    .where(where);
}

/**
 * The log: filtered by audience kind, mode, open follow-ups and year, newest first,
 * ANCHORING_PAGE_SIZE a page. Audited as anchoring.log_viewed with the filters (codes only).
 */
export async function listAnchoring(input: Read & { filters?: AnchoringFilters }): Promise<{
  activities: AnchoringActivityView[];
  total: number;
  page: number;
  pages: number;
  /** Across the whole log, not only the filtered part. */
  overdueCount: number;
  /** Years with activities, newest first, for the year filter. */
  years: number[];
  canManage: boolean;
  today: string;
}> {
  const actor = viewer(input.actor);
  const today = input.today ?? osloDate();
  const filters = input.filters ?? {};
  return input.database.tenant(actor.tenantId, async (tx) => {
    const all = (await joinedActivities(tx, actor.tenantId))
      .map((row) => viewOf(row, today))
      .sort(compareActivitiesNewestFirst);
    const shown = all
      .filter((view) => !filters.audienceKind || view.audienceKind === filters.audienceKind)
      .filter((view) => !filters.mode || view.mode === filters.mode)
      .filter((view) => !filters.openFollowUp || hasOpenFollowUp(view, today))
      .filter((view) => !filters.year || Number(view.occurredOn.slice(0, 4)) === filters.year);
    const pages = Math.max(1, Math.ceil(shown.length / ANCHORING_PAGE_SIZE));
    const page = Math.min(Math.max(1, filters.page ?? 1), pages);
    const activities = shown.slice((page - 1) * ANCHORING_PAGE_SIZE, page * ANCHORING_PAGE_SIZE);
    await recordAudit(tx, {
      type: "anchoring.log_viewed",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      details: {
        audienceKind: filters.audienceKind ?? null,
        mode: filters.mode ?? null,
        openFollowUp: filters.openFollowUp ?? false,
        year: filters.year ?? null,
        page,
        shown: activities.length,
        total: shown.length,
      },
    });
    return {
      activities,
      total: shown.length,
      page,
      pages,
      overdueCount: all.filter((view) => view.followUpState === "overdue").length,
      years: [...new Set(all.map((view) => Number(view.occurredOn.slice(0, 4))))].sort(
        (a, b) => b - a,
      ),
      canManage: canManage(actor),
      today,
    };
  });
}

/** One activity (the edit page). Audited as anchoring.activity_viewed. */
export async function getAnchoringActivity(
  input: Read & { activityId: string },
): Promise<AnchoringActivityView> {
  const actor = viewer(input.actor);
  assertId(input.activityId);
  const today = input.today ?? osloDate();
  return input.database.tenant(actor.tenantId, async (tx) => {
    const [row] = await joinedActivities(tx, actor.tenantId, input.activityId);
    if (!row) throw notFound();
    await recordAudit(tx, {
      type: "anchoring.activity_viewed",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "anchoring_activity", id: row.activity.id },
    });
    return viewOf(row, today);
  });
}

/**
 * What the form chooses from: the municipality's active staff (responsible), the competence
 * portal's materials and the implementation plan's milestones (in the plan's order).
 */
export async function anchoringFormOptions(input: Base): Promise<{
  staff: Option[];
  materials: Option[];
  milestones: MilestoneOption[];
}> {
  const actor = manager(input.actor);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const staff = await tx
      .select({ id: users.id, title: users.name })
      .from(users)
      .where(and(eq(users.tenantId, actor.tenantId), eq(users.active, true)))
      .orderBy(asc(users.name));
    const materials = await tx
      .select({ id: competenceMaterials.id, title: competenceMaterials.title })
      .from(competenceMaterials)
      .where(eq(competenceMaterials.tenantId, actor.tenantId))
      .orderBy(asc(competenceMaterials.title));
    const plan = await tx
      .select({
        id: milestones.id,
        title: milestones.title,
        startsOn: milestones.startsOn,
        endsOn: milestones.endsOn,
        continuous: milestones.continuous,
      })
      .from(milestones)
      .where(eq(milestones.tenantId, actor.tenantId));
    return { staff, materials, milestones: plan.sort(compareMilestones) };
  });
}

/**
 * The material, the milestone and the responsible person must be the same municipality's; the
 * responsible must be active staff (a kept, now inactive one is fine).
 */
async function assertReferences(
  tx: Tx,
  tenantId: string,
  values: ActivityInput,
  keepResponsible: string | null,
): Promise<void> {
  const fieldErrors: Record<string, string> = {};
  if (values.materialId) {
    const [material] = await tx
      .select({ id: competenceMaterials.id })
      .from(competenceMaterials)
      .where(
        and(
          eq(competenceMaterials.tenantId, tenantId),
          eq(competenceMaterials.id, values.materialId),
        ),
      );
    if (!material) fieldErrors.materialId = `${E}.material`;
  }
  if (values.milestoneId) {
    const [milestone] = await tx
      .select({ id: milestones.id })
      .from(milestones)
      .where(and(eq(milestones.tenantId, tenantId), eq(milestones.id, values.milestoneId)));
    if (!milestone) fieldErrors.milestoneId = `${E}.milestone`;
  }
  if (values.responsibleUserId) {
    const [person] = await tx
      .select({ id: users.id, active: users.active })
      .from(users)
      .where(and(eq(users.tenantId, tenantId), eq(users.id, values.responsibleUserId)));
    if (!person || (!person.active && person.id !== keepResponsible)) {
      fieldErrors.responsibleUserId = `${E}.responsible`;
    }
  }
  if (Object.keys(fieldErrors).length > 0) {
    throw new AppError("validation", "errors.validation", { fieldErrors });
  }
}

function savedDetails(row: AnchoringActivityRow, today: string) {
  return {
    audienceKind: row.audienceKind,
    mode: row.mode,
    channel: row.channel,
    followUp: followUpState(row, today),
    milestoneId: row.milestoneId,
    materialId: row.materialId,
  };
}

export async function createAnchoringActivity(
  input: Write & { values: unknown },
): Promise<AnchoringActivityRow> {
  const actor = manager(input.actor);
  const today = input.today ?? osloDate();
  const values = parseInput(activitySchema(today), input.values);
  return input.database.tenant(actor.tenantId, async (tx) => {
    await assertReferences(tx, actor.tenantId, values, null);
    const [row] = await tx
      .insert(anchoringActivities)
      .values({ tenantId: actor.tenantId, ...values, createdBy: actor.userId })
      .returning();
    await recordAudit(tx, {
      type: "anchoring.activity_saved",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "anchoring_activity", id: row!.id },
      details: { created: true, ...savedDetails(row!, today) },
    });
    return row!;
  });
}

export async function updateAnchoringActivity(
  input: Write & { activityId: string; values: unknown },
): Promise<AnchoringActivityRow> {
  const actor = manager(input.actor);
  assertId(input.activityId);
  const today = input.today ?? osloDate();
  const values = parseInput(activitySchema(today), input.values);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const where = and(
      eq(anchoringActivities.tenantId, actor.tenantId),
      eq(anchoringActivities.id, input.activityId),
    );
    const [before] = await tx.select().from(anchoringActivities).where(where);
    if (!before) throw notFound();
    await assertReferences(tx, actor.tenantId, values, before.responsibleUserId);
    const [row] = await tx
      .update(anchoringActivities)
      .set({ ...values, updatedAt: new Date() })
      .where(where)
      .returning();
    const fields = changedFields(before, row!, auditedFields);
    if (fields.length > 0) {
      await recordAudit(tx, {
        type: "anchoring.activity_saved",
        tenantId: actor.tenantId,
        actor,
        meta: input.meta,
        subject: { type: "anchoring_activity", id: row!.id },
        details: { created: false, fields, ...savedDetails(row!, today) },
      });
    }
    return row!;
  });
}

export async function deleteAnchoringActivity(
  input: Write & { activityId: string },
): Promise<AnchoringActivityRow> {
  const actor = manager(input.actor);
  assertId(input.activityId);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const [row] = await tx
      .delete(anchoringActivities)
      .where(
        and(
          eq(anchoringActivities.tenantId, actor.tenantId),
          eq(anchoringActivities.id, input.activityId),
        ),
      )
      .returning();
    if (!row) throw notFound();
    await recordAudit(tx, {
      type: "anchoring.activity_deleted",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "anchoring_activity", id: row.id },
      details: { audienceKind: row.audienceKind, mode: row.mode },
    });
    return row;
  });
}

export interface TimelineMilestoneView {
  id: string;
  title: string;
  kind: string;
  startsOn: string;
  endsOn: string;
  continuous: boolean;
  status: MilestoneStatus;
  anchoring: MilestoneAnchoring;
}

export interface TimelineActivityView {
  id: string;
  occurredOn: string;
  planned: boolean;
  audienceKind: AnchoringAudienceKind;
  audience: string;
  mode: AnchoringMode;
  channel: AnchoringChannel;
  milestoneId: string | null;
  milestoneTitle: string | null;
  followUpState: FollowUpState;
}

/**
 * The timeline beside the plan: quarter by quarter, the milestones that start in it (with their
 * status and whether anchoring linked to them came before their start) and the activities held
 * in it. `year` narrows it to one year (null: all). Audited as anchoring.timeline_viewed.
 */
export async function anchoringTimelineView(input: Read & { year?: number | null }): Promise<{
  quarters: AnchoringQuarter<TimelineMilestoneView, TimelineActivityView>[];
  years: number[];
  year: number | null;
  canManage: boolean;
  today: string;
}> {
  const actor = viewer(input.actor);
  const today = input.today ?? osloDate();
  return input.database.tenant(actor.tenantId, async (tx) => {
    const activities: TimelineActivityView[] = (await joinedActivities(tx, actor.tenantId)).map(
      (row) => {
        const view = viewOf(row, today);
        return {
          id: view.id,
          occurredOn: view.occurredOn,
          planned: view.planned,
          audienceKind: view.audienceKind,
          audience: view.audience,
          mode: view.mode,
          channel: view.channel,
          milestoneId: view.milestoneId,
          milestoneTitle: view.milestoneTitle,
          followUpState: view.followUpState,
        };
      },
    );
    const plan = await tx.select().from(milestones).where(eq(milestones.tenantId, actor.tenantId));
    const milestoneViews: TimelineMilestoneView[] = plan.map((row) => ({
      id: row.id,
      title: row.title,
      kind: row.kind,
      startsOn: row.startsOn,
      endsOn: row.endsOn,
      continuous: row.continuous,
      status: milestoneStatus(row, today),
      anchoring: milestoneAnchoring(row, activities),
    }));
    const years = timelineYears(milestoneViews, activities);
    const year = input.year && years.includes(input.year) ? input.year : null;
    const quarters = anchoringTimeline(milestoneViews, activities, year);
    await recordAudit(tx, {
      type: "anchoring.timeline_viewed",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      details: { year, quarters: quarters.length },
    });
    return { quarters, years, year, canManage: canManage(actor), today };
  });
}
