import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "../../db/client.ts";
import { risks, users } from "../../db/schema/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import { recordAudit } from "../audit/audit.ts";
import { AppError } from "../errors.ts";
import { osloDate } from "../platform/dates.ts";
import { parseInput } from "../platform/validation.ts";
import {
  assertId,
  canManage,
  changedFields,
  dateField,
  idField,
  manager,
  notFound,
  scaleField,
  textField,
  viewer,
} from "./plan-common.ts";
import {
  isReviewOverdue,
  RISK_DESCRIPTION_MAX,
  RISK_MEASURES_MAX,
  RISK_TITLE_MAX,
  riskClass,
  riskLevels,
  riskScore,
  riskStatuses,
  RISKS_PAGE_SIZE,
  type RiskClass,
  type RiskLevel,
  type RiskStatus,
} from "./plan-rules.ts";

/**
 * The risk register: risk factors at municipal, service and individual level (as in the
 * Nittedal seed) with likelihood and consequence 1–5, their product as the score with a class
 * (lav, middels, høy), measures, an owner among the municipality's staff, a review date and
 * open/closed. Everyone with implementation.view reads; the coordinator writes.
 */

export type RiskRow = typeof risks.$inferSelect;

export interface RiskView {
  id: string;
  level: RiskLevel;
  title: string;
  description: string;
  likelihood: number;
  consequence: number;
  score: number;
  riskClass: RiskClass;
  measures: string;
  ownerUserId: string | null;
  ownerName: string | null;
  reviewOn: string;
  reviewOverdue: boolean;
  status: RiskStatus;
}

export const riskSorts = ["score", "review", "level"] as const;
export type RiskSort = (typeof riskSorts)[number];
export type RiskStatusFilter = RiskStatus | "all";

export interface RiskFilters {
  level?: RiskLevel | null;
  status?: RiskStatusFilter;
  sort?: RiskSort;
  page?: number;
}

interface Base {
  database: Database;
  actor: Actor;
}

interface Write extends Base {
  meta: RequestMeta;
}

const riskSchema = z.object({
  level: z.preprocess(
    (value) => (value === undefined || value === null ? "" : value),
    z.enum(riskLevels, { message: "implementation.plan.risks.errors.level" }),
  ),
  title: textField(RISK_TITLE_MAX, "implementation.plan.risks.errors.titleRequired"),
  description: textField(RISK_DESCRIPTION_MAX),
  likelihood: scaleField("implementation.plan.risks.errors.likelihood"),
  consequence: scaleField("implementation.plan.risks.errors.consequence"),
  measures: textField(RISK_MEASURES_MAX),
  ownerUserId: idField("implementation.plan.risks.errors.owner"),
  reviewOn: dateField("implementation.plan.risks.errors.reviewOn"),
  status: z.preprocess(
    (value) => (value === undefined || value === null || value === "" ? "open" : value),
    z.enum(riskStatuses, { message: "errors.choice" }),
  ),
});

const levelOrder: Record<RiskLevel, number> = { municipal: 0, service: 1, individual: 2 };

function viewOf(row: RiskRow, ownerName: string | null, today: string): RiskView {
  const score = riskScore(row.likelihood, row.consequence);
  return {
    id: row.id,
    level: row.level as RiskLevel,
    title: row.title,
    description: row.description,
    likelihood: row.likelihood,
    consequence: row.consequence,
    score,
    riskClass: riskClass(score),
    measures: row.measures,
    ownerUserId: row.ownerUserId,
    ownerName,
    reviewOn: row.reviewOn,
    reviewOverdue: isReviewOverdue(row, today),
    status: row.status as RiskStatus,
  };
}

function compareRisks(sort: RiskSort) {
  const byScore = (a: RiskView, b: RiskView) => b.score - a.score;
  const byReview = (a: RiskView, b: RiskView) =>
    a.reviewOn === b.reviewOn ? 0 : a.reviewOn < b.reviewOn ? -1 : 1;
  const byLevel = (a: RiskView, b: RiskView) => levelOrder[a.level] - levelOrder[b.level];
  const byTitle = (a: RiskView, b: RiskView) => a.title.localeCompare(b.title, "nb");
  const chain =
    sort === "review"
      ? [byReview, byScore, byTitle]
      : sort === "level"
        ? [byLevel, byScore, byTitle]
        : [byScore, byReview, byTitle];
  return (a: RiskView, b: RiskView) => {
    for (const compare of chain) {
      const result = compare(a, b);
      if (result !== 0) return result;
    }
    return 0;
  };
}

/** The register, filtered by level and status, sorted, RISKS_PAGE_SIZE a page. */
export async function listRisks(input: Base & { filters?: RiskFilters; today?: string }): Promise<{
  risks: RiskView[];
  total: number;
  page: number;
  pages: number;
  reviewOverdueCount: number;
  canManage: boolean;
  today: string;
}> {
  const actor = viewer(input.actor);
  const today = input.today ?? osloDate();
  const filters = input.filters ?? {};
  const status = filters.status ?? "open";
  const rows = await input.database.tenant(actor.tenantId, (tx) =>
    tx
      .select({ risk: risks, ownerName: users.name })
      .from(risks)
      .leftJoin(users, eq(users.id, risks.ownerUserId))
      .where(eq(risks.tenantId, actor.tenantId)),
  );
  const views = rows
    .map((row) => viewOf(row.risk, row.ownerName, today))
    .filter((view) => !filters.level || view.level === filters.level)
    .filter((view) => status === "all" || view.status === status)
    .sort(compareRisks(filters.sort ?? "score"));
  const pages = Math.max(1, Math.ceil(views.length / RISKS_PAGE_SIZE));
  const page = Math.min(Math.max(1, filters.page ?? 1), pages);
  return {
    risks: views.slice((page - 1) * RISKS_PAGE_SIZE, page * RISKS_PAGE_SIZE),
    total: views.length,
    page,
    pages,
    reviewOverdueCount: views.filter((view) => view.reviewOverdue).length,
    canManage: canManage(actor),
    today,
  };
}

export async function getRisk(input: Base & { riskId: string; today?: string }): Promise<RiskView> {
  const actor = viewer(input.actor);
  assertId(input.riskId);
  const today = input.today ?? osloDate();
  const [row] = await input.database.tenant(actor.tenantId, (tx) =>
    tx
      .select({ risk: risks, ownerName: users.name })
      .from(risks)
      .leftJoin(users, eq(users.id, risks.ownerUserId))
      .where(and(eq(risks.tenantId, actor.tenantId), eq(risks.id, input.riskId))),
  );
  if (!row) throw notFound();
  return viewOf(row.risk, row.ownerName, today);
}

/** Who may own a risk: the municipality's active staff, by name. */
export async function riskOwnerOptions(input: Base): Promise<{ id: string; name: string }[]> {
  const actor = manager(input.actor);
  return input.database.tenant(actor.tenantId, (tx) =>
    tx
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(and(eq(users.tenantId, actor.tenantId), eq(users.active, true)))
      .orderBy(asc(users.name)),
  );
}

/** The owner must be active staff of the same municipality (a kept, now inactive owner is fine). */
async function assertOwner(
  tx: Tx,
  tenantId: string,
  ownerUserId: string,
  keep: string | null,
): Promise<void> {
  const [owner] = await tx
    .select({ id: users.id, active: users.active })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, ownerUserId)));
  if (!owner || (!owner.active && owner.id !== keep)) {
    throw new AppError("validation", "errors.validation", {
      fieldErrors: { ownerUserId: "implementation.plan.risks.errors.owner" },
    });
  }
}

const auditedFields = [
  "level",
  "title",
  "description",
  "likelihood",
  "consequence",
  "measures",
  "ownerUserId",
  "reviewOn",
  "status",
] as const;

export async function createRisk(input: Write & { values: unknown }): Promise<RiskRow> {
  const actor = manager(input.actor);
  const values = parseInput(riskSchema, input.values);
  return input.database.tenant(actor.tenantId, async (tx) => {
    await assertOwner(tx, actor.tenantId, values.ownerUserId, null);
    const [row] = await tx
      .insert(risks)
      .values({ tenantId: actor.tenantId, ...values })
      .returning();
    await recordAudit(tx, {
      type: "implementation.risk_saved",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "implementation_risk", id: row!.id },
      details: {
        created: true,
        level: row!.level,
        score: riskScore(row!.likelihood, row!.consequence),
        status: row!.status,
      },
    });
    return row!;
  });
}

export async function updateRisk(
  input: Write & { riskId: string; values: unknown },
): Promise<RiskRow> {
  const actor = manager(input.actor);
  assertId(input.riskId);
  const values = parseInput(riskSchema, input.values);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const where = and(eq(risks.tenantId, actor.tenantId), eq(risks.id, input.riskId));
    const [before] = await tx.select().from(risks).where(where);
    if (!before) throw notFound();
    await assertOwner(tx, actor.tenantId, values.ownerUserId, before.ownerUserId);
    const [row] = await tx
      .update(risks)
      .set({ ...values, updatedAt: new Date() })
      .where(where)
      .returning();
    const fields = changedFields(before, row!, auditedFields);
    if (fields.length > 0) {
      await recordAudit(tx, {
        type: "implementation.risk_saved",
        tenantId: actor.tenantId,
        actor,
        meta: input.meta,
        subject: { type: "implementation_risk", id: row!.id },
        details: {
          created: false,
          fields,
          score: riskScore(row!.likelihood, row!.consequence),
          status: row!.status,
        },
      });
    }
    return row!;
  });
}

/** Closes (or reopens) a risk without touching the rest. */
export async function setRiskStatus(
  input: Write & { riskId: string; status: RiskStatus },
): Promise<RiskRow> {
  const actor = manager(input.actor);
  assertId(input.riskId);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const where = and(eq(risks.tenantId, actor.tenantId), eq(risks.id, input.riskId));
    const [before] = await tx.select().from(risks).where(where);
    if (!before) throw notFound();
    if (before.status === input.status) return before;
    const [row] = await tx
      .update(risks)
      .set({ status: input.status, updatedAt: new Date() })
      .where(where)
      .returning();
    await recordAudit(tx, {
      type: "implementation.risk_saved",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "implementation_risk", id: row!.id },
      details: { created: false, fields: ["status"], status: row!.status },
    });
    return row!;
  });
}

export async function deleteRisk(input: Write & { riskId: string }): Promise<RiskRow> {
  const actor = manager(input.actor);
  assertId(input.riskId);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const [row] = await tx
      .delete(risks)
      .where(and(eq(risks.tenantId, actor.tenantId), eq(risks.id, input.riskId)))
      .returning();
    if (!row) throw notFound();
    await recordAudit(tx, {
      type: "implementation.risk_deleted",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "implementation_risk", id: row.id },
      details: { level: row.level },
    });
    return row;
  });
}
