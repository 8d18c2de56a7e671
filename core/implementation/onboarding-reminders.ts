import { and, asc, arrayContains, eq, inArray, isNull, lte } from "drizzle-orm";
import type { Database, Tx } from "../../db/client.ts";
import {
  btsContacts,
  notifications,
  onboardings,
  tenants,
  userUnits,
  users,
} from "../../db/schema/index.ts";
import { noRequestMeta, systemActor } from "../access/actor.ts";
import { recordAudit } from "../audit/audit.ts";
import { addDays, osloDate } from "../platform/dates.ts";
import { reminderKey } from "../relay-log/reminders.ts";

/**
 * Onboarding reminders: an incomplete onboarding due within 7 days, or overdue, becomes an
 * `onboarding_due` notification («Varsler») for each BTS contact of the unit, or, when the unit
 * has none, for its leaders. The dedupe key (kind | onboarding | due date | user) is unique per
 * municipality and rows go in with ON CONFLICT DO NOTHING: a re-run never duplicates, a moved
 * due date reminds again. A row holds no text and nothing about any child.
 */

export const ONBOARDING_REMINDER_DAYS = 7;

/** Where the reminder leads: the unit's onboarding list. */
export const onboardingListPath = (unitId: string) => `/implementering/nyansatte?enhet=${unitId}`;

export async function createOnboardingReminders(input: {
  database: Database;
  now?: Date;
}): Promise<{ created: number }> {
  const today = osloDate(input.now ?? new Date());
  const tenantRows = await input.database.system((tx) =>
    tx.select({ id: tenants.id }).from(tenants).orderBy(asc(tenants.id)),
  );
  let created = 0;
  const failed: string[] = [];
  for (const { id: tenantId } of tenantRows) {
    // One municipality's failure must not hold back the others' reminders.
    try {
      created += await input.database.tenant(tenantId, (tx) => remindTenant(tx, tenantId, today));
    } catch (error) {
      failed.push(`${tenantId}: ${(error as Error).message}`);
    }
  }
  if (failed.length > 0) throw new Error(`onboarding reminders failed for ${failed.join("; ")}`);
  return { created };
}

async function remindTenant(tx: Tx, tenantId: string, today: string): Promise<number> {
  const due = await tx
    .select({ id: onboardings.id, unitId: onboardings.unitId, dueOn: onboardings.dueOn })
    .from(onboardings)
    .innerJoin(users, eq(users.id, onboardings.userId))
    .where(
      and(
        eq(onboardings.tenantId, tenantId),
        isNull(onboardings.completedAt),
        eq(users.active, true),
        lte(onboardings.dueOn, addDays(today, ONBOARDING_REMINDER_DAYS)),
      ),
    );
  if (due.length === 0) return 0;
  const unitIds = [...new Set(due.map((row) => row.unitId))];
  const contacts = await tx
    .select({ unitId: btsContacts.unitId, userId: btsContacts.userId })
    .from(btsContacts)
    .innerJoin(users, eq(users.id, btsContacts.userId))
    .where(
      and(
        eq(btsContacts.tenantId, tenantId),
        eq(users.active, true),
        inArray(btsContacts.unitId, unitIds),
      ),
    );
  const leaders = await tx
    .select({ unitId: userUnits.unitId, userId: users.id })
    .from(userUnits)
    .innerJoin(users, eq(users.id, userUnits.userId))
    .where(
      and(
        eq(userUnits.tenantId, tenantId),
        eq(users.active, true),
        arrayContains(users.roles, ["unit_leader"]),
        inArray(userUnits.unitId, unitIds),
      ),
    );
  const recipientsOf = (unitId: string) => {
    const ofUnit = contacts.filter((row) => row.unitId === unitId);
    const chosen = ofUnit.length > 0 ? ofUnit : leaders.filter((row) => row.unitId === unitId);
    return [...new Set(chosen.map((row) => row.userId))];
  };
  let created = 0;
  for (const onboarding of due) {
    const userIds = recipientsOf(onboarding.unitId);
    if (userIds.length === 0) continue;
    const inserted = await tx
      .insert(notifications)
      .values(
        userIds.map((userId) => ({
          tenantId,
          userId,
          kind: "onboarding_due",
          logId: null,
          link: onboardingListPath(onboarding.unitId),
          dedupeKey: reminderKey("onboarding_due", onboarding.id, onboarding.dueOn, userId),
        })),
      )
      .onConflictDoNothing({ target: [notifications.tenantId, notifications.dedupeKey] })
      .returning({ id: notifications.id, userId: notifications.userId });
    if (inserted.length === 0) continue;
    created += inserted.length;
    await recordAudit(tx, {
      type: "onboarding.reminder_sent",
      tenantId,
      actor: systemActor(tenantId, "onboarding.reminders"),
      meta: noRequestMeta,
      subject: { type: "onboarding", id: onboarding.id },
      details: {
        dueOn: onboarding.dueOn,
        notificationIds: inserted.map((row) => row.id),
        userIds: inserted.map((row) => row.userId),
      },
    });
  }
  return created;
}
