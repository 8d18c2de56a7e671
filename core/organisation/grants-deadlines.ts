import { and, eq } from "drizzle-orm";
import type { Tx } from "../../db/client.ts";
import { grantReportingDeadlines } from "../../db/schema/index.ts";
import { recordAudit } from "../audit/audit.ts";
import { assertId, manager, notFound } from "../implementation/plan-common.ts";
import { osloDate } from "../platform/dates.ts";
import { asRecord, deadlineRuleErrors, deadlineSchema, parseWithRules } from "./grants-input.ts";
import { auditView, deadlineViewOf, loadGrant, type Audited, type DeadlineView } from "./grants.ts";
import type { GrantSummary } from "./grants-budget.ts";

/**
 * The reports a grant giver expects (issue 8): a title, a due date, how many days before it the
 * reminder goes (grants-reminders.ts), the date it was submitted and a note. Changing the due
 * date or the reminder days lets the reminder go again; marking it submitted stops it.
 * The coordinator writes (implementation.manage); every write is audited.
 */

export type DeadlineRow = typeof grantReportingDeadlines.$inferSelect;

async function loadDeadline(
  tx: Tx,
  tenantId: string,
  grantId: string,
  deadlineId: string,
): Promise<DeadlineRow> {
  assertId(deadlineId);
  const [row] = await tx
    .select()
    .from(grantReportingDeadlines)
    .where(
      and(
        eq(grantReportingDeadlines.tenantId, tenantId),
        eq(grantReportingDeadlines.grantId, grantId),
        eq(grantReportingDeadlines.id, deadlineId),
      ),
    );
  if (!row) throw notFound();
  return row;
}

/** The deadline form (new or edit); editing reads the deadline (audited). */
export async function deadlineForm(
  input: Audited & { grantId: string; deadlineId?: string | undefined; today?: string },
): Promise<{ grant: GrantSummary; deadline: DeadlineView | null; today: string }> {
  const actor = manager(input.actor);
  const today = input.today ?? osloDate();
  return input.database.tenant(actor.tenantId, async (tx) => {
    const { view } = await loadGrant(tx, actor.tenantId, input.grantId);
    const grant = { id: view.id, name: view.name, status: view.status };
    if (!input.deadlineId) {
      await auditView(tx, actor, input.meta, view.id, { view: "deadline_new" });
      return { grant, deadline: null, today };
    }
    const row = await loadDeadline(tx, actor.tenantId, view.id, input.deadlineId);
    await auditView(tx, actor, input.meta, view.id, { view: "deadline", deadlineId: row.id });
    return { grant, deadline: deadlineViewOf(row, today), today };
  });
}

function parseDeadline(values: unknown, today: string) {
  const record = asRecord(values);
  return parseWithRules(deadlineSchema, record, deadlineRuleErrors(record, today));
}

function auditDetails(row: DeadlineRow) {
  return {
    grantId: row.grantId,
    dueOn: row.dueOn,
    remindDaysBefore: row.remindDaysBefore,
    submitted: row.submittedOn !== null,
  };
}

export async function createDeadline(
  input: Audited & { grantId: string; values: unknown; today?: string },
): Promise<DeadlineRow> {
  const actor = manager(input.actor);
  const values = parseDeadline(input.values, input.today ?? osloDate());
  return input.database.tenant(actor.tenantId, async (tx) => {
    const { row: grant } = await loadGrant(tx, actor.tenantId, input.grantId);
    const [row] = await tx
      .insert(grantReportingDeadlines)
      .values({ tenantId: actor.tenantId, grantId: grant.id, ...values })
      .returning();
    await recordAudit(tx, {
      type: "organisation.grant_deadline_saved",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "grant_reporting_deadline", id: row!.id },
      details: { created: true, ...auditDetails(row!) },
    });
    return row!;
  });
}

export async function updateDeadline(
  input: Audited & { grantId: string; deadlineId: string; values: unknown; today?: string },
): Promise<DeadlineRow> {
  const actor = manager(input.actor);
  const values = parseDeadline(input.values, input.today ?? osloDate());
  return input.database.tenant(actor.tenantId, async (tx) => {
    const { row: grant } = await loadGrant(tx, actor.tenantId, input.grantId);
    const before = await loadDeadline(tx, actor.tenantId, grant.id, input.deadlineId);
    // A moved deadline (or a changed reminder) is reminded of again.
    const remindAgain =
      before.dueOn !== values.dueOn || before.remindDaysBefore !== values.remindDaysBefore;
    const [row] = await tx
      .update(grantReportingDeadlines)
      .set({
        ...values,
        ...(remindAgain ? { remindedAt: null } : {}),
        updatedAt: new Date(),
      })
      .where(eq(grantReportingDeadlines.id, before.id))
      .returning();
    const fields = (["title", "dueOn", "remindDaysBefore", "submittedOn", "note"] as const).filter(
      (field) => before[field] !== row![field],
    );
    if (fields.length > 0) {
      await recordAudit(tx, {
        type: "organisation.grant_deadline_saved",
        tenantId: actor.tenantId,
        actor,
        meta: input.meta,
        subject: { type: "grant_reporting_deadline", id: row!.id },
        details: { created: false, fields, ...auditDetails(row!) },
      });
    }
    return row!;
  });
}

/** «Merk som levert»: the report was submitted today (or on the given day). */
export async function markDeadlineSubmitted(
  input: Audited & { grantId: string; deadlineId: string; today?: string },
): Promise<DeadlineRow> {
  const actor = manager(input.actor);
  const today = input.today ?? osloDate();
  return input.database.tenant(actor.tenantId, async (tx) => {
    const { row: grant } = await loadGrant(tx, actor.tenantId, input.grantId);
    const before = await loadDeadline(tx, actor.tenantId, grant.id, input.deadlineId);
    if (before.submittedOn) return before;
    const [row] = await tx
      .update(grantReportingDeadlines)
      .set({ submittedOn: today, updatedAt: new Date() })
      .where(eq(grantReportingDeadlines.id, before.id))
      .returning();
    await recordAudit(tx, {
      type: "organisation.grant_deadline_saved",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "grant_reporting_deadline", id: row!.id },
      details: { created: false, fields: ["submittedOn"], ...auditDetails(row!) },
    });
    return row!;
  });
}

export async function deleteDeadline(
  input: Audited & { grantId: string; deadlineId: string },
): Promise<DeadlineRow> {
  const actor = manager(input.actor);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const { row: grant } = await loadGrant(tx, actor.tenantId, input.grantId);
    const row = await loadDeadline(tx, actor.tenantId, grant.id, input.deadlineId);
    await tx.delete(grantReportingDeadlines).where(eq(grantReportingDeadlines.id, row.id));
    await recordAudit(tx, {
      type: "organisation.grant_deadline_deleted",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "grant_reporting_deadline", id: row.id },
      details: auditDetails(row),
    });
    return row;
  });
}
