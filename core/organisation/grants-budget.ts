import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Tx } from "../../db/client.ts";
import { grantBudgetLines, grantExpenses, users } from "../../db/schema/index.ts";
import { recordAudit } from "../audit/audit.ts";
import { assertId, canManage, manager, notFound, viewer } from "../implementation/plan-common.ts";
import type { StaffActor } from "../implementation/scope.ts";
import { asRecord, expenseSchema, lineSchema, parseWithRules } from "./grants-input.ts";
import { lineSummary, type BudgetCategory, type GrantStatus } from "./grants-rules.ts";
import { auditView, loadGrant, type Audited, type LineView } from "./grants.ts";

/**
 * A grant's budget lines and the money spent on each (issue 8). A line has a category (the
 * seed's project leader share, speakers, venues, catering, material, or other), a description
 * and a planned amount ≥ 0; an expense has a date, an amount > 0 and a description. Removing a
 * line removes its expenses (the page asks first, naming them). Reads need implementation.view,
 * writes implementation.manage; all audited with ids and amounts only.
 */

export type LineRow = typeof grantBudgetLines.$inferSelect;
export type ExpenseRow = typeof grantExpenses.$inferSelect;

export interface ExpenseView {
  id: string;
  spentOn: string;
  amountOre: number;
  description: string;
  recordedByName: string | null;
}

export interface GrantSummary {
  id: string;
  name: string;
  status: GrantStatus;
}

async function loadLine(
  tx: Tx,
  tenantId: string,
  grantId: string,
  lineId: string,
): Promise<LineRow> {
  assertId(lineId);
  const [line] = await tx
    .select()
    .from(grantBudgetLines)
    .where(
      and(
        eq(grantBudgetLines.tenantId, tenantId),
        eq(grantBudgetLines.grantId, grantId),
        eq(grantBudgetLines.id, lineId),
      ),
    );
  if (!line) throw notFound();
  return line;
}

async function expensesOf(tx: Tx, tenantId: string, lineId: string): Promise<ExpenseView[]> {
  const rows = await tx
    .select({ expense: grantExpenses, recordedByName: users.name })
    .from(grantExpenses)
    .leftJoin(users, eq(users.id, grantExpenses.recordedBy))
    .where(and(eq(grantExpenses.tenantId, tenantId), eq(grantExpenses.lineId, lineId)))
    .orderBy(asc(grantExpenses.spentOn), asc(grantExpenses.createdAt));
  return rows.map(({ expense, recordedByName }) => ({
    id: expense.id,
    spentOn: expense.spentOn,
    amountOre: expense.amountOre,
    description: expense.description,
    recordedByName,
  }));
}

function lineViewOf(line: LineRow, expenses: ExpenseView[]): LineView {
  const spentOre = expenses.reduce((sum, expense) => sum + expense.amountOre, 0);
  return {
    id: line.id,
    category: line.category as BudgetCategory,
    description: line.description,
    ...lineSummary({ plannedOre: line.plannedOre, spentOre }),
    expenseCount: expenses.length,
  };
}

async function lineData(tx: Tx, actor: StaffActor, grantId: string, lineId: string) {
  const { view } = await loadGrant(tx, actor.tenantId, grantId);
  const line = await loadLine(tx, actor.tenantId, view.id, lineId);
  const expenses = await expensesOf(tx, actor.tenantId, line.id);
  return {
    grant: { id: view.id, name: view.name, status: view.status },
    line: lineViewOf(line, expenses),
    expenses,
  };
}

/**
 * /organisering/tilskudd/:grantId/budsjett/:lineId: the line with planned, spent and left, and
 * its expenses. Audited as organisation.grant_viewed (view "line").
 */
export async function viewLine(input: Audited & { grantId: string; lineId: string }): Promise<{
  grant: GrantSummary;
  line: LineView;
  expenses: ExpenseView[];
  canManage: boolean;
}> {
  const actor = viewer(input.actor);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const data = await lineData(tx, actor, input.grantId, input.lineId);
    await auditView(tx, actor, input.meta, data.grant.id, { view: "line", lineId: data.line.id });
    return { ...data, canManage: canManage(actor) };
  });
}

/**
 * The line form (new or edit). Editing reads the line and its expenses (audited), so the
 * delete step can name what goes with it.
 */
export async function lineForm(
  input: Audited & { grantId: string; lineId?: string | undefined },
): Promise<{ grant: GrantSummary; line: LineView | null; expenses: ExpenseView[] }> {
  const actor = manager(input.actor);
  return input.database.tenant(actor.tenantId, async (tx) => {
    if (input.lineId) {
      const data = await lineData(tx, actor, input.grantId, input.lineId);
      await auditView(tx, actor, input.meta, data.grant.id, {
        view: "line_edit",
        lineId: data.line.id,
      });
      return data;
    }
    const { view } = await loadGrant(tx, actor.tenantId, input.grantId);
    await auditView(tx, actor, input.meta, view.id, { view: "line_new" });
    return {
      grant: { id: view.id, name: view.name, status: view.status },
      line: null,
      expenses: [],
    };
  });
}

function parseLine(values: unknown) {
  const parsed = parseWithRules(lineSchema, asRecord(values), {});
  return { category: parsed.category, description: parsed.description, plannedOre: parsed.planned };
}

export async function createLine(
  input: Audited & { grantId: string; values: unknown },
): Promise<LineRow> {
  const actor = manager(input.actor);
  const values = parseLine(input.values);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const { row: grant } = await loadGrant(tx, actor.tenantId, input.grantId);
    const [last] = await tx
      .select({ position: sql<number>`coalesce(max(${grantBudgetLines.position}), -1)` })
      .from(grantBudgetLines)
      .where(
        and(eq(grantBudgetLines.tenantId, actor.tenantId), eq(grantBudgetLines.grantId, grant.id)),
      );
    const [line] = await tx
      .insert(grantBudgetLines)
      .values({
        tenantId: actor.tenantId,
        grantId: grant.id,
        ...values,
        position: Number(last?.position ?? -1) + 1,
      })
      .returning();
    await recordAudit(tx, {
      type: "organisation.grant_line_saved",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "grant_budget_line", id: line!.id },
      details: {
        created: true,
        grantId: grant.id,
        category: line!.category,
        plannedOre: line!.plannedOre,
      },
    });
    return line!;
  });
}

export async function updateLine(
  input: Audited & { grantId: string; lineId: string; values: unknown },
): Promise<LineRow> {
  const actor = manager(input.actor);
  const values = parseLine(input.values);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const { row: grant } = await loadGrant(tx, actor.tenantId, input.grantId);
    const before = await loadLine(tx, actor.tenantId, grant.id, input.lineId);
    const [line] = await tx
      .update(grantBudgetLines)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(grantBudgetLines.id, before.id))
      .returning();
    const fields = (["category", "description", "plannedOre"] as const).filter(
      (field) => before[field] !== line![field],
    );
    if (fields.length > 0) {
      await recordAudit(tx, {
        type: "organisation.grant_line_saved",
        tenantId: actor.tenantId,
        actor,
        meta: input.meta,
        subject: { type: "grant_budget_line", id: line!.id },
        details: {
          created: false,
          grantId: grant.id,
          fields,
          category: line!.category,
          plannedOre: line!.plannedOre,
        },
      });
    }
    return line!;
  });
}

/** Removes a line and the expenses on it. */
export async function deleteLine(
  input: Audited & { grantId: string; lineId: string },
): Promise<{ line: LineRow; expenses: number }> {
  const actor = manager(input.actor);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const { row: grant } = await loadGrant(tx, actor.tenantId, input.grantId);
    const line = await loadLine(tx, actor.tenantId, grant.id, input.lineId);
    const expenses = await expensesOf(tx, actor.tenantId, line.id);
    await tx.delete(grantBudgetLines).where(eq(grantBudgetLines.id, line.id));
    await recordAudit(tx, {
      type: "organisation.grant_line_deleted",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "grant_budget_line", id: line.id },
      details: {
        grantId: grant.id,
        category: line.category,
        plannedOre: line.plannedOre,
        expenses: expenses.length,
        spentOre: expenses.reduce((sum, expense) => sum + expense.amountOre, 0),
      },
    });
    return { line, expenses: expenses.length };
  });
}

export async function addExpense(
  input: Audited & { grantId: string; lineId: string; values: unknown },
): Promise<ExpenseRow> {
  const actor = manager(input.actor);
  const parsed = parseWithRules(expenseSchema, asRecord(input.values), {});
  return input.database.tenant(actor.tenantId, async (tx) => {
    const { row: grant } = await loadGrant(tx, actor.tenantId, input.grantId);
    const line = await loadLine(tx, actor.tenantId, grant.id, input.lineId);
    const [expense] = await tx
      .insert(grantExpenses)
      .values({
        tenantId: actor.tenantId,
        lineId: line.id,
        spentOn: parsed.spentOn,
        amountOre: parsed.amount,
        description: parsed.description,
        recordedBy: actor.userId,
      })
      .returning();
    await recordAudit(tx, {
      type: "organisation.grant_expense_saved",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "grant_expense", id: expense!.id },
      details: { grantId: grant.id, lineId: line.id, amountOre: expense!.amountOre },
    });
    return expense!;
  });
}

export async function deleteExpense(
  input: Audited & { grantId: string; lineId: string; expenseId: string },
): Promise<ExpenseRow> {
  const actor = manager(input.actor);
  assertId(input.expenseId);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const { row: grant } = await loadGrant(tx, actor.tenantId, input.grantId);
    const line = await loadLine(tx, actor.tenantId, grant.id, input.lineId);
    const [expense] = await tx
      .delete(grantExpenses)
      .where(
        and(
          eq(grantExpenses.tenantId, actor.tenantId),
          eq(grantExpenses.lineId, line.id),
          eq(grantExpenses.id, input.expenseId),
        ),
      )
      .returning();
    if (!expense) throw notFound();
    await recordAudit(tx, {
      type: "organisation.grant_expense_deleted",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "grant_expense", id: expense.id },
      details: { grantId: grant.id, lineId: line.id, amountOre: expense.amountOre },
    });
    return expense;
  });
}

/** Every expense of a grant, newest last, with the line it belongs to (for the report). */
export async function grantExpensesOf(
  tx: Tx,
  tenantId: string,
  grantId: string,
): Promise<(ExpenseView & { lineId: string })[]> {
  const rows = await tx
    .select({ expense: grantExpenses })
    .from(grantExpenses)
    .innerJoin(grantBudgetLines, eq(grantBudgetLines.id, grantExpenses.lineId))
    .where(and(eq(grantExpenses.tenantId, tenantId), eq(grantBudgetLines.grantId, grantId)))
    .orderBy(asc(grantExpenses.spentOn), desc(grantExpenses.amountOre));
  return rows.map(({ expense }) => ({
    id: expense.id,
    lineId: expense.lineId,
    spentOn: expense.spentOn,
    amountOre: expense.amountOre,
    description: expense.description,
    recordedByName: null,
  }));
}
