import { and, asc, eq, gte, inArray, lte } from "drizzle-orm";
import type { Database, Tx } from "../../db/client.ts";
import {
  btsContacts,
  btsNetworkMeetings,
  btsNetworks,
  btsNetworkUnits,
  notifications,
  tenants,
  users,
} from "../../db/schema/index.ts";
import { noRequestMeta, systemActor } from "../access/actor.ts";
import { recordAudit } from "../audit/audit.ts";
import { addDays, osloDate } from "../platform/dates.ts";
import { reminderKey } from "../relay-log/reminders.ts";
import { NETWORK_REMINDER_DAYS } from "./networks-rules.ts";

/**
 * Reminders of BTS network meetings: from 7 days before a planned meeting of an active network,
 * each BTS contact of its member units gets one `network_meeting` notification (shown under
 * «Varsler», linking to the meeting page). The dedupe key is
 * `network_meeting|<meetingId>|<meetsOn>|<userId>`, inserted with ON CONFLICT DO NOTHING: a
 * re-run never repeats a reminder, a moved meeting reminds again. No log, no child: logId is null.
 */

export const networkMeetingPath = (networkId: string, meetingId: string) =>
  `/implementering/nettverk/${networkId}/moter/${meetingId}`;

export async function createNetworkMeetingReminders(input: {
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
  if (failed.length > 0) {
    throw new Error(`network meeting reminders failed for ${failed.join("; ")}`);
  }
  return { created };
}

async function remindTenant(tx: Tx, tenantId: string, today: string): Promise<number> {
  const meetings = await tx
    .select({
      id: btsNetworkMeetings.id,
      networkId: btsNetworkMeetings.networkId,
      meetsOn: btsNetworkMeetings.meetsOn,
    })
    .from(btsNetworkMeetings)
    .innerJoin(btsNetworks, eq(btsNetworks.id, btsNetworkMeetings.networkId))
    .where(
      and(
        eq(btsNetworkMeetings.tenantId, tenantId),
        eq(btsNetworkMeetings.status, "planned"),
        eq(btsNetworks.active, true),
        gte(btsNetworkMeetings.meetsOn, today),
        lte(btsNetworkMeetings.meetsOn, addDays(today, NETWORK_REMINDER_DAYS)),
      ),
    );
  if (meetings.length === 0) return 0;
  const networkIds = [...new Set(meetings.map((meeting) => meeting.networkId))];
  const contacts = await tx
    .selectDistinct({ networkId: btsNetworkUnits.networkId, userId: btsContacts.userId })
    .from(btsNetworkUnits)
    .innerJoin(btsContacts, eq(btsContacts.unitId, btsNetworkUnits.unitId))
    .innerJoin(users, eq(users.id, btsContacts.userId))
    .where(
      and(
        eq(btsNetworkUnits.tenantId, tenantId),
        inArray(btsNetworkUnits.networkId, networkIds),
        eq(users.active, true),
      ),
    );
  const rows = meetings.flatMap((meeting) =>
    [
      ...new Set(
        contacts
          .filter((contact) => contact.networkId === meeting.networkId)
          .map((contact) => contact.userId),
      ),
    ].map((userId) => ({
      tenantId,
      userId,
      kind: "network_meeting",
      logId: null,
      link: networkMeetingPath(meeting.networkId, meeting.id),
      dedupeKey: reminderKey("network_meeting", meeting.id, meeting.meetsOn, userId),
    })),
  );
  if (rows.length === 0) return 0;
  const inserted = await tx
    .insert(notifications)
    .values(rows)
    .onConflictDoNothing({ target: [notifications.tenantId, notifications.dedupeKey] })
    .returning({ id: notifications.id, userId: notifications.userId, link: notifications.link });
  // One event per meeting reminded, naming who was told (ids only), as the relay log's job does.
  for (const meeting of meetings) {
    const told = inserted.filter(
      (row) => row.link === networkMeetingPath(meeting.networkId, meeting.id),
    );
    if (told.length === 0) continue;
    await recordAudit(tx, {
      type: "network.reminder_sent",
      tenantId,
      actor: systemActor(tenantId, "network.reminders"),
      meta: noRequestMeta,
      subject: { type: "bts_network_meeting", id: meeting.id },
      details: {
        notificationIds: told.map((row) => row.id),
        userIds: told.map((row) => row.userId),
      },
    });
  }
  return inserted.length;
}
