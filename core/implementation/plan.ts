import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "../../db/client.ts";
import { coreComponents, milestones } from "../../db/schema/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import { recordAudit } from "../audit/audit.ts";
import { AppError } from "../errors.ts";
import { isIsoDate, osloDate } from "../platform/dates.ts";
import { parseInput } from "../platform/validation.ts";
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
} from "./plan-common.ts";
import {
  compareMilestones,
  MILESTONE_DESCRIPTION_MAX,
  MILESTONE_RESPONSIBLE_MAX,
  MILESTONE_TITLE_MAX,
  milestoneKinds,
  milestoneStatus,
  type MilestoneKind,
  type MilestoneStatus,
} from "./plan-rules.ts";

/**
 * The implementation plan's milestones (issue 6): what, the period (or "continuous"), who is
 * responsible, the done date, the evaluation milestone that evaluates an activity and the core
 * component it belongs to. Everyone with implementation.view reads; the coordinator writes.
 * Every write is audited with ids and field names only.
 */

export type MilestoneRow = typeof milestones.$inferSelect;

export interface MilestoneView {
  id: string;
  title: string;
  description: string;
  kind: MilestoneKind;
  startsOn: string;
  endsOn: string;
  continuous: boolean;
  responsible: string;
  doneOn: string | null;
  status: MilestoneStatus;
  evaluationMilestoneId: string | null;
  evaluationTitle: string | null;
  /** For an evaluation: the activities it evaluates. */
  evaluates: { id: string; title: string }[];
  componentId: string | null;
  componentTitle: string | null;
}

export interface Option {
  id: string;
  title: string;
}

interface Base {
  database: Database;
  actor: Actor;
}

interface Write extends Base {
  meta: RequestMeta;
}

function milestoneSchema(today: string) {
  return z
    .object({
      title: textField(MILESTONE_TITLE_MAX, "implementation.plan.errors.titleRequired"),
      description: textField(MILESTONE_DESCRIPTION_MAX),
      kind: z.preprocess(
        (value) => (value === undefined || value === null || value === "" ? "activity" : value),
        z.enum(milestoneKinds, { message: "implementation.plan.errors.kind" }),
      ),
      startsOn: dateField("implementation.plan.errors.startsOn"),
      endsOn: optionalDateField("implementation.plan.errors.endsOn"),
      continuous: checkboxField,
      responsible: textField(
        MILESTONE_RESPONSIBLE_MAX,
        "implementation.plan.errors.responsibleRequired",
      ),
      doneOn: optionalDateField("implementation.plan.errors.doneOn"),
      evaluationMilestoneId: optionalIdField("implementation.plan.errors.evaluationNotEvaluation"),
      componentId: optionalIdField("implementation.plan.errors.component"),
    })
    .superRefine((values, context) => {
      const validStart = isIsoDate(values.startsOn);
      if (!values.continuous && !values.endsOn) {
        context.addIssue({
          code: "custom",
          path: ["endsOn"],
          message: "implementation.plan.errors.endsOnRequired",
        });
      }
      if (!values.continuous && values.endsOn && validStart && values.endsOn < values.startsOn) {
        context.addIssue({
          code: "custom",
          path: ["endsOn"],
          message: "implementation.plan.errors.endBeforeStart",
        });
      }
      if (values.doneOn && values.doneOn > today) {
        context.addIssue({
          code: "custom",
          path: ["doneOn"],
          message: "implementation.plan.errors.doneInFuture",
        });
      }
      if (values.kind === "evaluation" && values.evaluationMilestoneId) {
        context.addIssue({
          code: "custom",
          path: ["evaluationMilestoneId"],
          message: "implementation.plan.errors.evaluationOnlyForActivities",
        });
      }
    });
}

type MilestoneInput = z.infer<ReturnType<typeof milestoneSchema>>;

function rowValues(values: MilestoneInput) {
  return {
    title: values.title,
    description: values.description,
    kind: values.kind,
    startsOn: values.startsOn,
    // A continuous milestone has no end: the end column holds its start.
    endsOn: values.continuous ? values.startsOn : values.endsOn!,
    continuous: values.continuous,
    responsible: values.responsible,
    doneOn: values.doneOn,
    evaluationMilestoneId: values.evaluationMilestoneId,
    componentId: values.componentId,
  };
}

const auditedFields = [
  "title",
  "description",
  "kind",
  "startsOn",
  "endsOn",
  "continuous",
  "responsible",
  "doneOn",
  "evaluationMilestoneId",
  "componentId",
] as const;

/** The linked evaluation must be an evaluation milestone of the same municipality, not itself. */
async function assertReferences(
  tx: Tx,
  tenantId: string,
  values: MilestoneInput,
  selfId: string | null,
): Promise<void> {
  const fieldErrors: Record<string, string> = {};
  if (values.evaluationMilestoneId) {
    const [target] = await tx
      .select({ id: milestones.id, kind: milestones.kind })
      .from(milestones)
      .where(
        and(eq(milestones.tenantId, tenantId), eq(milestones.id, values.evaluationMilestoneId)),
      );
    if (!target || target.kind !== "evaluation" || target.id === selfId) {
      fieldErrors.evaluationMilestoneId = "implementation.plan.errors.evaluationNotEvaluation";
    }
  }
  if (values.componentId) {
    const [component] = await tx
      .select({ id: coreComponents.id })
      .from(coreComponents)
      .where(and(eq(coreComponents.tenantId, tenantId), eq(coreComponents.id, values.componentId)));
    if (!component) fieldErrors.componentId = "implementation.plan.errors.component";
  }
  if (Object.keys(fieldErrors).length > 0) {
    throw new AppError("validation", "errors.validation", { fieldErrors });
  }
}

function viewsOf(
  rows: MilestoneRow[],
  componentTitles: Map<string, string>,
  today: string,
): MilestoneView[] {
  const titles = new Map(rows.map((row) => [row.id, row.title]));
  return [...rows].sort(compareMilestones).map((row) => ({
    id: row.id,
    title: row.title,
    description: row.description,
    kind: row.kind as MilestoneKind,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    continuous: row.continuous,
    responsible: row.responsible,
    doneOn: row.doneOn,
    status: milestoneStatus(row, today),
    evaluationMilestoneId: row.evaluationMilestoneId,
    evaluationTitle: row.evaluationMilestoneId
      ? (titles.get(row.evaluationMilestoneId) ?? null)
      : null,
    evaluates: rows
      .filter((other) => other.evaluationMilestoneId === row.id)
      .sort(compareMilestones)
      .map((other) => ({ id: other.id, title: other.title })),
    componentId: row.componentId,
    componentTitle: row.componentId ? (componentTitles.get(row.componentId) ?? null) : null,
  }));
}

async function componentOptions(tx: Tx, tenantId: string): Promise<Option[]> {
  return tx
    .select({ id: coreComponents.id, title: coreComponents.title })
    .from(coreComponents)
    .where(eq(coreComponents.tenantId, tenantId))
    .orderBy(asc(coreComponents.position), asc(coreComponents.title));
}

/** The plan: every milestone in date order with its status on `today` (Oslo). */
export async function listPlan(input: Base & { today?: string }): Promise<{
  milestones: MilestoneView[];
  today: string;
  canManage: boolean;
  overdueCount: number;
}> {
  const actor = viewer(input.actor);
  const today = input.today ?? osloDate();
  return input.database.tenant(actor.tenantId, async (tx) => {
    const rows = await tx.select().from(milestones).where(eq(milestones.tenantId, actor.tenantId));
    const components = await componentOptions(tx, actor.tenantId);
    const views = viewsOf(rows, new Map(components.map((c) => [c.id, c.title])), today);
    return {
      milestones: views,
      today,
      canManage: canManage(actor),
      overdueCount: views.filter((view) => view.status === "overdue").length,
    };
  });
}

/** What the milestone form chooses from: evaluation milestones (not the one edited) and components. */
export async function milestoneFormOptions(
  input: Base & { excludeId?: string },
): Promise<{ evaluations: Option[]; components: Option[] }> {
  const actor = manager(input.actor);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const evaluations = await tx
      .select({ id: milestones.id, title: milestones.title, startsOn: milestones.startsOn })
      .from(milestones)
      .where(and(eq(milestones.tenantId, actor.tenantId), eq(milestones.kind, "evaluation")))
      .orderBy(asc(milestones.startsOn), asc(milestones.title));
    return {
      evaluations: evaluations
        .filter((row) => row.id !== input.excludeId)
        .map((row) => ({ id: row.id, title: row.title })),
      components: await componentOptions(tx, actor.tenantId),
    };
  });
}

export async function getMilestone(
  input: Base & { milestoneId: string; today?: string },
): Promise<MilestoneView> {
  const actor = viewer(input.actor);
  assertId(input.milestoneId);
  const today = input.today ?? osloDate();
  return input.database.tenant(actor.tenantId, async (tx) => {
    const rows = await tx.select().from(milestones).where(eq(milestones.tenantId, actor.tenantId));
    const components = await componentOptions(tx, actor.tenantId);
    const view = viewsOf(rows, new Map(components.map((c) => [c.id, c.title])), today).find(
      (candidate) => candidate.id === input.milestoneId,
    );
    if (!view) throw notFound();
    return view;
  });
}

export async function createMilestone(
  input: Write & { values: unknown; today?: string },
): Promise<MilestoneRow> {
  const actor = manager(input.actor);
  const values = parseInput(milestoneSchema(input.today ?? osloDate()), input.values);
  return input.database.tenant(actor.tenantId, async (tx) => {
    await assertReferences(tx, actor.tenantId, values, null);
    const [row] = await tx
      .insert(milestones)
      .values({ tenantId: actor.tenantId, ...rowValues(values), createdBy: actor.userId })
      .returning();
    await recordAudit(tx, {
      type: "implementation.milestone_saved",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "implementation_milestone", id: row!.id },
      details: { created: true, kind: row!.kind, done: row!.doneOn !== null },
    });
    return row!;
  });
}

export async function updateMilestone(
  input: Write & { milestoneId: string; values: unknown; today?: string },
): Promise<MilestoneRow> {
  const actor = manager(input.actor);
  assertId(input.milestoneId);
  const values = parseInput(milestoneSchema(input.today ?? osloDate()), input.values);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const where = and(
      eq(milestones.tenantId, actor.tenantId),
      eq(milestones.id, input.milestoneId),
    );
    const [before] = await tx.select().from(milestones).where(where);
    if (!before) throw notFound();
    await assertReferences(tx, actor.tenantId, values, before.id);
    if (values.kind === "activity" && before.kind === "evaluation") {
      // Activities that named this milestone as their evaluation lose the link.
      await tx
        .update(milestones)
        .set({ evaluationMilestoneId: null, updatedAt: new Date() })
        .where(
          and(
            eq(milestones.tenantId, actor.tenantId),
            eq(milestones.evaluationMilestoneId, before.id),
          ),
        );
    }
    const [row] = await tx
      .update(milestones)
      .set({ ...rowValues(values), updatedAt: new Date() })
      .where(where)
      .returning();
    const fields = changedFields(before, row!, auditedFields);
    if (fields.length > 0) {
      await recordAudit(tx, {
        type: "implementation.milestone_saved",
        tenantId: actor.tenantId,
        actor,
        meta: input.meta,
        subject: { type: "implementation_milestone", id: row!.id },
        details: { created: false, fields },
      });
    }
    return row!;
  });
}

/** Deletes a milestone; activities evaluated by it keep going without a linked evaluation. */
export async function deleteMilestone(
  input: Write & { milestoneId: string },
): Promise<MilestoneRow> {
  const actor = manager(input.actor);
  assertId(input.milestoneId);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const [row] = await tx
      .delete(milestones)
      .where(and(eq(milestones.tenantId, actor.tenantId), eq(milestones.id, input.milestoneId)))
      .returning();
    if (!row) throw notFound();
    await recordAudit(tx, {
      type: "implementation.milestone_deleted",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "implementation_milestone", id: row.id },
      details: { kind: row.kind },
    });
    return row;
  });
}
