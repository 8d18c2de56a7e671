import { and, arrayOverlaps, asc, eq, inArray, sql } from "drizzle-orm";
import type { Database, Tx } from "../../db/client.ts";
import {
  grantBudgetLines,
  grantExpenses,
  grantReportingDeadlines,
  grants,
  users,
} from "../../db/schema/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import { isStaffRole, rolePermissions, staffRoles } from "../access/roles.ts";
import { recordAudit } from "../audit/audit.ts";
import { AppError } from "../errors.ts";
import {
  assertId,
  canManage,
  changedFields,
  manager,
  notFound,
  viewer,
} from "../implementation/plan-common.ts";
import type { StaffActor } from "../implementation/scope.ts";
import { osloDate } from "../platform/dates.ts";
import { asRecord, grantSchema, parseWithRules } from "./grants-input.ts";
import {
  deadlineState,
  grantRuleErrors,
  grantTotals,
  GRANTS_PAGE_SIZE,
  isGrantStatus,
  lineSummary,
  nextDeadline,
  type BudgetCategory,
  type DeadlineState,
  type GrantStatus,
  type GrantTotals,
} from "./grants-rules.ts";

/**
 * Grants and their budget (issue 8): the grants the municipality has applied for or received,
 * with budget lines, what is spent on each line, and the reports the grant giver expects.
 * Everyone with implementation.view (coordinator, sector leaders, unit leaders, BTS contacts)
 * reads; the coordinator (implementation.manage) writes. Every page read and every write is
 * audited with ids, statuses and amounts only. No child's data anywhere here.
 */

export type GrantRow = typeof grants.$inferSelect;

export interface Base {
  database: Database;
  actor: Actor;
}

export interface Audited extends Base {
  meta: RequestMeta;
}

export interface GrantView {
  id: string;
  name: string;
  grantor: string;
  reference: string;
  status: GrantStatus;
  appliedOn: string | null;
  decidedOn: string | null;
  appliedOre: number | null;
  grantedOre: number | null;
  periodStart: string | null;
  periodEnd: string | null;
  contactUserId: string | null;
  contactName: string | null;
  note: string;
}

export interface LineView {
  id: string;
  category: BudgetCategory;
  description: string;
  plannedOre: number;
  spentOre: number;
  remainingOre: number;
  overspent: boolean;
  expenseCount: number;
}

export interface DeadlineView {
  id: string;
  title: string;
  dueOn: string;
  remindDaysBefore: number;
  submittedOn: string | null;
  note: string;
  state: DeadlineState;
  remindedAt: string | null;
}

export interface GrantListItem extends GrantView {
  totals: GrantTotals;
  nextDeadline: DeadlineView | null;
}

export const grantPath = (grantId: string) => `/organisering/tilskudd/${grantId}`;

export function grantViewOf(row: GrantRow, contactName: string | null): GrantView {
  return {
    id: row.id,
    name: row.name,
    grantor: row.grantor,
    reference: row.reference,
    status: isGrantStatus(row.status) ? row.status : "planned",
    appliedOn: row.appliedOn,
    decidedOn: row.decidedOn,
    appliedOre: row.appliedOre,
    grantedOre: row.grantedOre,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    contactUserId: row.contactUserId,
    contactName,
    note: row.note,
  };
}

export function deadlineViewOf(
  row: typeof grantReportingDeadlines.$inferSelect,
  today: string,
): DeadlineView {
  return {
    id: row.id,
    title: row.title,
    dueOn: row.dueOn,
    remindDaysBefore: row.remindDaysBefore,
    submittedOn: row.submittedOn,
    note: row.note,
    state: deadlineState(row, today),
    remindedAt: row.remindedAt ? new Date(row.remindedAt).toISOString() : null,
  };
}

/** The grant with its contact's name, in the actor's municipality; not found otherwise. */
export async function loadGrant(
  tx: Tx,
  tenantId: string,
  grantId: string,
): Promise<{ row: GrantRow; view: GrantView }> {
  assertId(grantId);
  const [found] = await tx
    .select({ grant: grants, contactName: users.name })
    .from(grants)
    .leftJoin(users, eq(users.id, grants.contactUserId))
    .where(and(eq(grants.tenantId, tenantId), eq(grants.id, grantId)));
  if (!found) throw notFound();
  return { row: found.grant, view: grantViewOf(found.grant, found.contactName) };
}

/** The budget lines of some grants with what is spent on each, in their order. */
export async function linesOf(
  tx: Tx,
  tenantId: string,
  grantIds: string[],
): Promise<(LineView & { grantId: string })[]> {
  if (grantIds.length === 0) return [];
  const rows = await tx
    .select({
      line: grantBudgetLines,
      spentOre: sql<string>`coalesce(sum(${grantExpenses.amountOre}), 0)`,
      expenseCount: sql<string>`count(${grantExpenses.id})`,
    })
    .from(grantBudgetLines)
    .leftJoin(grantExpenses, eq(grantExpenses.lineId, grantBudgetLines.id))
    .where(
      and(eq(grantBudgetLines.tenantId, tenantId), inArray(grantBudgetLines.grantId, grantIds)),
    )
    .groupBy(grantBudgetLines.id)
    .orderBy(asc(grantBudgetLines.position), asc(grantBudgetLines.createdAt));
  return rows.map(({ line, spentOre, expenseCount }) => ({
    id: line.id,
    grantId: line.grantId,
    category: line.category as BudgetCategory,
    description: line.description,
    ...lineSummary({ plannedOre: line.plannedOre, spentOre: Number(spentOre) }),
    expenseCount: Number(expenseCount),
  }));
}

export async function deadlinesOf(
  tx: Tx,
  tenantId: string,
  grantIds: string[],
  today: string,
): Promise<(DeadlineView & { grantId: string })[]> {
  if (grantIds.length === 0) return [];
  const rows = await tx
    .select()
    .from(grantReportingDeadlines)
    .where(
      and(
        eq(grantReportingDeadlines.tenantId, tenantId),
        inArray(grantReportingDeadlines.grantId, grantIds),
      ),
    )
    .orderBy(asc(grantReportingDeadlines.dueOn), asc(grantReportingDeadlines.createdAt));
  return rows.map((row) => ({ ...deadlineViewOf(row, today), grantId: row.grantId }));
}

export type GrantStatusFilter = GrantStatus | "all";

/**
 * /organisering/tilskudd: every grant with its amounts, the budget (sum of lines), what is spent
 * and left, and the next reporting deadline; filtered by status, newest period first,
 * GRANTS_PAGE_SIZE a page. Audited as organisation.grants_listed.
 */
export async function listGrants(
  input: Audited & { status?: GrantStatusFilter; page?: number; today?: string },
): Promise<{
  grants: GrantListItem[];
  total: number;
  page: number;
  pages: number;
  canManage: boolean;
  today: string;
}> {
  const actor = viewer(input.actor);
  const today = input.today ?? osloDate();
  const status = input.status ?? "all";
  return input.database.tenant(actor.tenantId, async (tx) => {
    const rows = await tx
      .select({ grant: grants, contactName: users.name })
      .from(grants)
      .leftJoin(users, eq(users.id, grants.contactUserId))
      .where(
        status === "all"
          ? eq(grants.tenantId, actor.tenantId)
          : and(eq(grants.tenantId, actor.tenantId), eq(grants.status, status)),
      );
    const sorted = rows.map((row) => grantViewOf(row.grant, row.contactName)).sort(compareGrants);
    const pages = Math.max(1, Math.ceil(sorted.length / GRANTS_PAGE_SIZE));
    const page = Math.min(Math.max(1, Math.trunc(input.page ?? 1) || 1), pages);
    const shown = sorted.slice((page - 1) * GRANTS_PAGE_SIZE, page * GRANTS_PAGE_SIZE);
    const ids = shown.map((grant) => grant.id);
    const lines = await linesOf(tx, actor.tenantId, ids);
    const deadlines = await deadlinesOf(tx, actor.tenantId, ids, today);
    const items = shown.map((grant) => ({
      ...grant,
      totals: grantTotals(
        lines.filter((line) => line.grantId === grant.id),
        grant.grantedOre,
      ),
      nextDeadline: nextDeadline(deadlines.filter((deadline) => deadline.grantId === grant.id)),
    }));
    await recordAudit(tx, {
      type: "organisation.grants_listed",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      details: { status, page, count: items.length, total: sorted.length },
    });
    return { grants: items, total: sorted.length, page, pages, canManage: canManage(actor), today };
  });
}

const statusOrder: Record<GrantStatus, number> = {
  granted: 0,
  applied: 1,
  planned: 2,
  closed: 3,
  rejected: 4,
};

/** Running grants first (granted, applied, planned), then closed and rejected; then by period. */
function compareGrants(a: GrantView, b: GrantView): number {
  const byStatus = statusOrder[a.status] - statusOrder[b.status];
  if (byStatus !== 0) return byStatus;
  const aStart = a.periodStart ?? a.appliedOn ?? "";
  const bStart = b.periodStart ?? b.appliedOn ?? "";
  if (aStart !== bStart) return aStart < bStart ? 1 : -1;
  return a.name.localeCompare(b.name, "nb");
}

export interface GrantPage {
  grant: GrantView;
  lines: LineView[];
  deadlines: DeadlineView[];
  totals: GrantTotals;
  canManage: boolean;
  today: string;
}

/** What the grant page and the report share: the grant, its lines and deadlines, the totals. */
export async function grantPageData(
  tx: Tx,
  actor: StaffActor,
  grantId: string,
  today: string,
): Promise<GrantPage> {
  const { view } = await loadGrant(tx, actor.tenantId, grantId);
  const lines = (await linesOf(tx, actor.tenantId, [view.id])).map(
    ({ grantId: _grantId, ...line }) => line,
  );
  const deadlines = (await deadlinesOf(tx, actor.tenantId, [view.id], today)).map(
    ({ grantId: _grantId, ...deadline }) => deadline,
  );
  return {
    grant: view,
    lines,
    deadlines,
    totals: grantTotals(lines, view.grantedOre),
    canManage: canManage(actor),
    today,
  };
}

/** /organisering/tilskudd/:grantId, audited as organisation.grant_viewed. */
export async function viewGrant(
  input: Audited & { grantId: string; today?: string },
): Promise<GrantPage> {
  const actor = viewer(input.actor);
  const today = input.today ?? osloDate();
  return input.database.tenant(actor.tenantId, async (tx) => {
    const page = await grantPageData(tx, actor, input.grantId, today);
    await auditView(tx, actor, input.meta, page.grant.id, { view: "grant" });
    return page;
  });
}

/** A page read of a grant's data (the grant page, a line, a form filled from it). */
export async function auditView(
  tx: Tx,
  actor: StaffActor,
  meta: RequestMeta,
  grantId: string,
  details: Record<string, unknown>,
): Promise<void> {
  await recordAudit(tx, {
    type: "organisation.grant_viewed",
    tenantId: actor.tenantId,
    actor,
    meta,
    subject: { type: "grant", id: grantId },
    details,
  });
}

export interface StaffOption {
  id: string;
  name: string;
}

/**
 * The staff roles that read the grants (implementation.view): coordinator, sector leader, unit
 * leader, BTS contact. Only they may be a grant's contact person, since the reminder links to the
 * grant page; an employee or an administrator would get «no access» there.
 */
export const grantReaderRoles = staffRoles.filter(
  (role) => rolePermissions[role]["implementation.view"],
);

/** Whether someone with these roles reads the grants, so may be a grant's contact person. */
export function readsGrants(roles: readonly string[] | null | undefined): boolean {
  return (roles ?? []).some(
    (role) => isStaffRole(role) && rolePermissions[role]["implementation.view"],
  );
}

/** Who may be a grant's contact person: active staff who read the grants, by name. */
async function contactOptions(tx: Tx, tenantId: string): Promise<StaffOption[]> {
  return tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(
      and(
        eq(users.tenantId, tenantId),
        eq(users.active, true),
        arrayOverlaps(users.roles, grantReaderRoles),
      ),
    )
    .orderBy(asc(users.name));
}

/**
 * The new and edit forms: the contact person choices and, when editing, the grant (audited as
 * a read) with what deleting it would take along.
 */
export async function grantForm(input: Audited & { grantId?: string | undefined }): Promise<{
  grant: GrantView | null;
  contacts: StaffOption[];
  counts: { lines: number; expenses: number; deadlines: number };
}> {
  const actor = manager(input.actor);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const contacts = await contactOptions(tx, actor.tenantId);
    if (!input.grantId) {
      return { grant: null, contacts, counts: { lines: 0, expenses: 0, deadlines: 0 } };
    }
    const { view } = await loadGrant(tx, actor.tenantId, input.grantId);
    // The grant's own contact stays in the list even when they have left or lost access to the
    // grants, so the form shows who it is: a left one may be kept (the reminder then goes to the
    // coordinators); one without access is refused on saving with a message to choose another.
    if (view.contactUserId && !contacts.some((contact) => contact.id === view.contactUserId)) {
      contacts.push({ id: view.contactUserId, name: view.contactName ?? "" });
    }
    const counts = await dependentCounts(tx, actor.tenantId, view.id);
    await auditView(tx, actor, input.meta, view.id, { view: "edit" });
    return { grant: view, contacts, counts };
  });
}

async function dependentCounts(
  tx: Tx,
  tenantId: string,
  grantId: string,
): Promise<{ lines: number; expenses: number; deadlines: number }> {
  const lines = await linesOf(tx, tenantId, [grantId]);
  const [deadlines] = await tx
    .select({ count: sql<string>`count(*)` })
    .from(grantReportingDeadlines)
    .where(
      and(
        eq(grantReportingDeadlines.tenantId, tenantId),
        eq(grantReportingDeadlines.grantId, grantId),
      ),
    );
  return {
    lines: lines.length,
    expenses: lines.reduce((sum, line) => sum + line.expenseCount, 0),
    deadlines: Number(deadlines?.count ?? 0),
  };
}

/**
 * The contact must be staff of the same municipality who reads the grants (implementation.view),
 * and active — a kept contact who has since left may stay, the reminder then goes to the
 * coordinators. Someone else's user, or a left one newly chosen, is «choose a staff member»;
 * an employee or administrator without access to the grant pages is told so.
 */
async function assertContact(
  tx: Tx,
  tenantId: string,
  contactUserId: string | null,
  keep: string | null,
): Promise<void> {
  if (!contactUserId) return;
  const [user] = await tx
    .select({ id: users.id, active: users.active, roles: users.roles })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, contactUserId)));
  if (!user || (!user.active && user.id !== keep)) {
    throw new AppError("validation", "errors.validation", {
      fieldErrors: { contactUserId: "organisation.grants.errors.contact" },
    });
  }
  if (!readsGrants(user.roles)) {
    throw new AppError("validation", "errors.validation", {
      fieldErrors: { contactUserId: "organisation.grants.errors.contactAccess" },
    });
  }
}

function parseGrant(values: unknown) {
  const parsed = parseWithRules(grantSchema, values, grantRuleErrors(asRecord(values)));
  return {
    name: parsed.name,
    grantor: parsed.grantor,
    reference: parsed.reference,
    status: parsed.status,
    appliedOn: parsed.appliedOn,
    decidedOn: parsed.decidedOn,
    appliedOre: parsed.appliedAmount,
    grantedOre: parsed.grantedAmount,
    periodStart: parsed.periodStart,
    periodEnd: parsed.periodEnd,
    contactUserId: parsed.contactUserId,
    note: parsed.note,
  };
}

const auditedFields = [
  "name",
  "grantor",
  "reference",
  "status",
  "appliedOn",
  "decidedOn",
  "appliedOre",
  "grantedOre",
  "periodStart",
  "periodEnd",
  "contactUserId",
  "note",
] as const;

export async function createGrant(input: Audited & { values: unknown }): Promise<GrantRow> {
  const actor = manager(input.actor);
  const values = parseGrant(input.values);
  return input.database.tenant(actor.tenantId, async (tx) => {
    await assertContact(tx, actor.tenantId, values.contactUserId, null);
    const [row] = await tx
      .insert(grants)
      .values({ tenantId: actor.tenantId, ...values })
      .returning();
    await recordAudit(tx, {
      type: "organisation.grant_saved",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "grant", id: row!.id },
      details: {
        created: true,
        status: row!.status,
        appliedOre: row!.appliedOre,
        grantedOre: row!.grantedOre,
      },
    });
    return row!;
  });
}

export async function updateGrant(
  input: Audited & { grantId: string; values: unknown },
): Promise<GrantRow> {
  const actor = manager(input.actor);
  assertId(input.grantId);
  const values = parseGrant(input.values);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const where = and(eq(grants.tenantId, actor.tenantId), eq(grants.id, input.grantId));
    const [before] = await tx.select().from(grants).where(where).for("update");
    if (!before) throw notFound();
    await assertContact(tx, actor.tenantId, values.contactUserId, before.contactUserId);
    const [row] = await tx
      .update(grants)
      .set({ ...values, updatedAt: new Date() })
      .where(where)
      .returning();
    const fields = changedFields(before, row!, auditedFields);
    if (fields.length > 0) {
      await recordAudit(tx, {
        type: "organisation.grant_saved",
        tenantId: actor.tenantId,
        actor,
        meta: input.meta,
        subject: { type: "grant", id: row!.id },
        details: {
          created: false,
          fields,
          status: row!.status,
          appliedOre: row!.appliedOre,
          grantedOre: row!.grantedOre,
        },
      });
    }
    return row!;
  });
}

/** Deletes a grant and with it its budget lines, their expenses and its deadlines. */
export async function deleteGrant(input: Audited & { grantId: string }): Promise<GrantRow> {
  const actor = manager(input.actor);
  assertId(input.grantId);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const where = and(eq(grants.tenantId, actor.tenantId), eq(grants.id, input.grantId));
    const [before] = await tx.select({ id: grants.id }).from(grants).where(where);
    if (!before) throw notFound();
    const counts = await dependentCounts(tx, actor.tenantId, before.id);
    const [row] = await tx.delete(grants).where(where).returning();
    await recordAudit(tx, {
      type: "organisation.grant_deleted",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "grant", id: row!.id },
      details: { status: row!.status, ...counts },
    });
    return row!;
  });
}
