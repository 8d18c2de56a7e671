import { and, asc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import type { Database, Tx } from "../../db/client.ts";
import {
  grantReportingDeadlines,
  grants,
  notifications,
  tenants,
  users,
} from "../../db/schema/index.ts";
import { noRequestMeta, systemActor } from "../access/actor.ts";
import { recordAudit } from "../audit/audit.ts";
import { osloDate } from "../platform/dates.ts";
import { reminderKey } from "../relay-log/reminders.ts";
import { reminderDay, reminderDue } from "./grants-rules.ts";
import { grantPath, readsGrants } from "./grants.ts";

/**
 * The `grant.reminders` job, run every hour (jobs/runner.ts), per municipality: each reporting
 * deadline not submitted whose first reminder day (the due date minus remindDaysBefore, in
 * Norway's calendar) has come is reminded once. The grant's contact person gets a
 * `grant_report_due` notice under «Varsler» linking to the grant page — when they are active and
 * read the grants (implementation.view); otherwise every active coordinator is reminded instead,
 * so nobody is sent to a page they cannot open. The deadline's remindedAt then stops it.
 *
 * Changing the due date or the reminder days clears remindedAt (grants-deadlines.ts) and gives a
 * new reminder. The dedupe key `grant_report_due|<deadlineId>|<dueOn>|<userId>|<reminderDay>|
 * <version>` therefore names the reminder round: the due date (which the notice shows), the first
 * reminder day, and the deadline's updatedAt in milliseconds, which every such change renews —
 * so even a deadline moved and moved back is reminded again, while a re-run in the same round
 * never repeats a notice. A deadline is only marked reminded, and the reminder only audited,
 * when notices were actually written. Deadlines of rejected grants are not reminded. No child,
 * no log: logId is null.
 */
export async function createGrantReportReminders(input: {
  database: Database;
  now?: Date;
}): Promise<{ reminded: number; notified: number }> {
  const now = input.now ?? new Date();
  const tenantRows = await input.database.system((tx) =>
    tx.select({ id: tenants.id }).from(tenants).orderBy(asc(tenants.id)),
  );
  const total = { reminded: 0, notified: 0 };
  const failed: string[] = [];
  for (const { id: tenantId } of tenantRows) {
    // One municipality's failure must not hold back the others' reminders.
    try {
      const result = await input.database.tenant(tenantId, (tx) => remindTenant(tx, tenantId, now));
      total.reminded += result.reminded;
      total.notified += result.notified;
    } catch (error) {
      failed.push(`${tenantId}: ${(error as Error).message}`);
    }
  }
  if (failed.length > 0) throw new Error(`grant reminders failed for ${failed.join("; ")}`);
  return total;
}

async function remindTenant(
  tx: Tx,
  tenantId: string,
  now: Date,
): Promise<{ reminded: number; notified: number }> {
  const today = osloDate(now);
  const candidates = await tx
    .select({
      deadline: grantReportingDeadlines,
      grantId: grants.id,
      contactUserId: grants.contactUserId,
      contactActive: users.active,
      contactRoles: users.roles,
    })
    .from(grantReportingDeadlines)
    .innerJoin(grants, eq(grants.id, grantReportingDeadlines.grantId))
    .leftJoin(users, eq(users.id, grants.contactUserId))
    .where(
      and(
        eq(grantReportingDeadlines.tenantId, tenantId),
        isNull(grantReportingDeadlines.submittedOn),
        isNull(grantReportingDeadlines.remindedAt),
        ne(grants.status, "rejected"),
      ),
    )
    .for("update", { of: grantReportingDeadlines });
  // The first reminder day (dueOn − remindDaysBefore) has come, in Norway's calendar.
  const due = candidates.filter(({ deadline }) => reminderDue(deadline, today));
  if (due.length === 0) return { reminded: 0, notified: 0 };
  let coordinators: string[] | null = null;
  const coordinatorIds = async () => {
    coordinators ??= (
      await tx
        .select({ id: users.id })
        .from(users)
        .where(
          and(
            eq(users.tenantId, tenantId),
            eq(users.active, true),
            sql`'coordinator' = any(${users.roles})`,
          ),
        )
        .orderBy(asc(users.id))
    ).map((row) => row.id);
    return coordinators;
  };
  const actor = systemActor(tenantId, "grant.reminders");
  let notified = 0;
  const remindedIds: string[] = [];
  for (const { deadline, grantId, contactUserId, contactActive, contactRoles } of due) {
    // The contact only when they can open the grant page the notice links to.
    const toContact = Boolean(contactUserId && contactActive && readsGrants(contactRoles));
    const recipients = toContact ? [contactUserId!] : await coordinatorIds();
    // Nobody to tell (no contact, no coordinator): left unreminded until there is someone.
    if (recipients.length === 0) continue;
    const round = `${reminderDay(deadline)}|${deadline.updatedAt.getTime()}`;
    const keyOf = (userId: string) =>
      `${reminderKey("grant_report_due", deadline.id, deadline.dueOn, userId)}|${round}`;
    const inserted = await tx
      .insert(notifications)
      .values(
        recipients.map((userId) => ({
          tenantId,
          userId,
          kind: "grant_report_due",
          logId: null,
          link: grantPath(grantId),
          dedupeKey: keyOf(userId),
        })),
      )
      .onConflictDoNothing({ target: [notifications.tenantId, notifications.dedupeKey] })
      .returning({ id: notifications.id, userId: notifications.userId });
    // Nothing new written (this round's notices exist already): neither marked nor audited.
    if (inserted.length === 0) continue;
    remindedIds.push(deadline.id);
    notified += inserted.length;
    await recordAudit(tx, {
      type: "organisation.grant_reminder_sent",
      tenantId,
      actor,
      meta: noRequestMeta,
      subject: { type: "grant_reporting_deadline", id: deadline.id },
      details: {
        grantId,
        dueOn: deadline.dueOn,
        remindDaysBefore: deadline.remindDaysBefore,
        toContact,
        notificationIds: inserted.map((row) => row.id),
        userIds: inserted.map((row) => row.userId),
      },
    });
  }
  if (remindedIds.length > 0) {
    await tx
      .update(grantReportingDeadlines)
      .set({ remindedAt: now })
      .where(inArray(grantReportingDeadlines.id, remindedIds));
  }
  return { reminded: remindedIds.length, notified };
}
