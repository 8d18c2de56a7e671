import { and, asc, eq, isNotNull, lt, sql } from "drizzle-orm";
import type { Database, Tx } from "../../db/client.ts";
import { notifications, surveyInvitations, surveys, tenants } from "../../db/schema/index.ts";
import { noRequestMeta, systemActor } from "../access/actor.ts";
import { recordAudit } from "../audit/audit.ts";
import { osloDate } from "../platform/dates.ts";
import { reminderKey } from "../relay-log/reminders.ts";
import { closeSurveyRow, surveyAnswerPath } from "./surveys.ts";
import { reminderDue } from "./surveys-rules.ts";

/**
 * The hourly `survey.reminders` job, per municipality:
 * 1. Open surveys whose closing day (closesOn) has passed are closed.
 * 2. For open staff surveys with a reminder interval, each invitation not answered and not
 *    reminded within the interval (counted from the invitation when never reminded) gets one
 *    `survey_reminder` notice under «Varsler» (mailed by the relay log reminder job like every
 *    notice), and its remindersSent and lastRemindedAt are updated. The notice's dedupe key holds
 *    the day, so a re-run the same day never repeats it.
 * The invitations say only whether someone has answered, never what: nothing here reads answers.
 */
export async function runSurveyReminders(input: {
  database: Database;
  now?: Date;
}): Promise<{ closed: number; reminded: number }> {
  const now = input.now ?? new Date();
  const tenantRows = await input.database.system((tx) =>
    tx.select({ id: tenants.id }).from(tenants).orderBy(asc(tenants.id)),
  );
  const total = { closed: 0, reminded: 0 };
  const failed: string[] = [];
  for (const { id: tenantId } of tenantRows) {
    // One municipality's failure must not hold back the others.
    try {
      const result = await input.database.tenant(tenantId, (tx) => runTenant(tx, tenantId, now));
      total.closed += result.closed;
      total.reminded += result.reminded;
    } catch (error) {
      failed.push(`${tenantId}: ${(error as Error).message}`);
    }
  }
  if (failed.length > 0) throw new Error(`survey reminders failed for ${failed.join("; ")}`);
  return total;
}

async function runTenant(
  tx: Tx,
  tenantId: string,
  now: Date,
): Promise<{ closed: number; reminded: number }> {
  const today = osloDate(now);
  const actor = systemActor(tenantId, "survey.reminders");
  const overdue = await tx
    .select()
    .from(surveys)
    .where(
      and(
        eq(surveys.tenantId, tenantId),
        eq(surveys.status, "open"),
        isNotNull(surveys.closesOn),
        lt(surveys.closesOn, today),
      ),
    )
    .for("update");
  for (const survey of overdue) {
    await closeSurveyRow(tx, survey, now);
    await recordAudit(tx, {
      type: "survey.closed",
      tenantId,
      actor,
      meta: noRequestMeta,
      subject: { type: "survey", id: survey.id },
      details: { automatic: true },
    });
  }
  const open = await tx
    .select({ id: surveys.id, interval: surveys.reminderIntervalDays })
    .from(surveys)
    .where(
      and(
        eq(surveys.tenantId, tenantId),
        eq(surveys.status, "open"),
        eq(surveys.audience, "staff"),
        isNotNull(surveys.reminderIntervalDays),
      ),
    );
  let reminded = 0;
  for (const survey of open) {
    const interval = survey.interval ?? 0;
    if (interval < 1) continue;
    const waiting = await tx
      .select()
      .from(surveyInvitations)
      .where(and(eq(surveyInvitations.surveyId, survey.id), eq(surveyInvitations.answered, false)))
      .for("update");
    const due = waiting.filter((invitation) =>
      reminderDue({
        answered: invitation.answered,
        invitedAt: invitation.invitedAt,
        lastRemindedAt: invitation.lastRemindedAt,
        intervalDays: interval,
        now,
      }),
    );
    if (due.length === 0) continue;
    const inserted = await tx
      .insert(notifications)
      .values(
        due.map((invitation) => ({
          tenantId,
          userId: invitation.userId,
          kind: "survey_reminder",
          logId: null,
          link: surveyAnswerPath(survey.id),
          dedupeKey: reminderKey("survey_reminder", survey.id, today, invitation.userId),
        })),
      )
      .onConflictDoNothing({ target: [notifications.tenantId, notifications.dedupeKey] })
      .returning({ userId: notifications.userId });
    const told = new Set(inserted.map((row) => row.userId));
    const updated = due.filter((invitation) => told.has(invitation.userId));
    for (const invitation of updated) {
      await tx
        .update(surveyInvitations)
        .set({
          remindersSent: sql`${surveyInvitations.remindersSent} + 1`,
          lastRemindedAt: now,
        })
        .where(eq(surveyInvitations.id, invitation.id));
    }
    if (updated.length > 0) {
      await recordAudit(tx, {
        type: "survey.reminder_sent",
        tenantId,
        actor,
        meta: noRequestMeta,
        subject: { type: "survey", id: survey.id },
        details: { reminded: updated.length },
      });
      reminded += updated.length;
    }
  }
  return { closed: overdue.length, reminded };
}
