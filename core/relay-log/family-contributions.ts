import { and, asc, eq, inArray } from "drizzle-orm";
import type { Tx } from "../../db/client.ts";
import { relayLogAgendaItems, relayLogGoalVoices } from "../../db/schema/index.ts";

/**
 * What the family wrote, for the staff pages (plan, meetings). Plain queries: callers pass a log
 * they have already opened through requireLog. No React, no HTTP.
 */

export interface FamilyGoalVoice {
  voiceKind: "guardian" | "youth";
  authorName: string;
  text: string;
}

export interface FamilyAgendaNote {
  authorName: string;
  text: string;
  createdAt: Date;
}

/** The family's voices on the goals of a log, for the staff plan page (after requireLog). */
export async function goalVoicesOf(
  tx: Tx,
  logId: string,
): Promise<Map<string, { voiceKind: "guardian" | "youth"; authorName: string; text: string }[]>> {
  const rows = await tx
    .select()
    .from(relayLogGoalVoices)
    .where(eq(relayLogGoalVoices.logId, logId))
    .orderBy(asc(relayLogGoalVoices.createdAt));
  const byGoal = new Map<
    string,
    { voiceKind: "guardian" | "youth"; authorName: string; text: string }[]
  >();
  for (const row of rows) {
    const list = byGoal.get(row.goalId) ?? [];
    list.push({
      voiceKind: row.voiceKind as "guardian" | "youth",
      authorName: row.authorName,
      text: row.text,
    });
    byGoal.set(row.goalId, list);
  }
  return byGoal;
}

/** The family's agenda items of some meetings, for the staff meeting pages (after requireLog). */
export async function agendaItemsOf(
  tx: Tx,
  logId: string,
  meetingIds: readonly string[],
): Promise<Map<string, { authorName: string; text: string; createdAt: Date }[]>> {
  if (meetingIds.length === 0) return new Map();
  const rows = await tx
    .select()
    .from(relayLogAgendaItems)
    .where(
      and(
        eq(relayLogAgendaItems.logId, logId),
        inArray(relayLogAgendaItems.meetingId, [...meetingIds]),
      ),
    )
    .orderBy(asc(relayLogAgendaItems.createdAt));
  const byMeeting = new Map<string, { authorName: string; text: string; createdAt: Date }[]>();
  for (const row of rows) {
    const list = byMeeting.get(row.meetingId) ?? [];
    list.push({ authorName: row.authorName, text: row.text, createdAt: row.createdAt });
    byMeeting.set(row.meetingId, list);
  }
  return byMeeting;
}
