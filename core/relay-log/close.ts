/**
 * Closing a relay log, and the retention job that deletes closed logs for real.
 *
 * The relay holder closes the log with a reason and a closing note agreed with the family. The
 * log then becomes read-only for everyone (the policy in core/access/relay-log.ts sees to that);
 * the holder can still read it and produce the archive PDF (archive-pdf.ts) for the unit's own
 * record system. On the municipality's retention schedule (closed date + its retention months)
 * `deleteExpiredLogs` deletes the log row, and with it every part of the log by cascade, leaving
 * one audit event without any name or content.
 */
import { and, eq, inArray, like, lte, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "../../db/client.ts";
import {
  notifications,
  relayLogHandovers,
  relayLogJoinRequests,
  relayLogMeetings,
  relayLogs,
  tenants,
  users,
} from "../../db/schema/index.ts";
import { noRequestMeta, systemActor, type Actor, type RequestMeta } from "../access/actor.ts";
import { recordAudit } from "../audit/audit.ts";
import { AppError } from "../errors.ts";
import { osloDate } from "../platform/dates.ts";
import { parseInput } from "../platform/validation.ts";
import { defaultTenantSettings } from "../tenants/tenants.ts";
import { assertLockVersion, auditLogChange, requireLog } from "./access.ts";
import { addMonths, CLOSE_NOTE_MAX, closeReasons, type CloseReason } from "./close-rules.ts";
import { logHeader, type LogHeader } from "./header.ts";

/** What the close form posts: the reason, the closing note, the confirmation box and the version seen. */
export const closeLogSchema = z.object({
  reason: z.enum(closeReasons, { error: "relayLog.close.errors.reason" }),
  note: z
    .string({ error: "relayLog.close.errors.noteRequired" })
    .trim()
    .min(1, "relayLog.close.errors.noteRequired")
    .max(CLOSE_NOTE_MAX, "relayLog.close.errors.noteTooLong"),
  confirmed: z.literal("on", { error: "relayLog.close.errors.confirm" }),
  /** The log's version the form saw; a stale one is a conflict (checked by assertLockVersion). */
  lockVersion: z.unknown().optional(),
});

async function retentionMonths(tx: Tx, tenantId: string): Promise<number> {
  const [tenant] = await tx
    .select({ settings: tenants.settings })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  const months = Number(tenant?.settings?.retentionMonthsAfterClose);
  return Number.isInteger(months) && months > 0
    ? months
    : defaultTenantSettings.retentionMonthsAfterClose;
}

/**
 * The relay holder closes an open log. Pending handovers and join requests are cancelled and
 * planned meetings called off, so nothing is left waiting on a log nobody can change.
 */
export async function closeLog(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  logId: string;
  values: unknown;
  now?: Date;
}): Promise<{ closedOn: string; deleteAfter: string }> {
  const { actor } = input;
  if (actor.kind !== "staff") throw new AppError("forbidden", "errors.forbidden");
  const now = input.now ?? new Date();
  const closedOn = osloDate(now);
  return input.database.tenant(actor.tenantId, async (tx) => {
    // Access first: someone who may not close the log learns nothing from validation messages.
    const { log } = await requireLog(tx, {
      actor,
      meta: input.meta,
      logId: input.logId,
      need: "holderWrite",
      today: closedOn,
    });
    const values = parseInput(closeLogSchema, input.values);
    assertLockVersion(log.lockVersion, values.lockVersion);
    const deleteAfter = addMonths(closedOn, await retentionMonths(tx, log.tenantId));
    const closed = await tx
      .update(relayLogs)
      .set({
        status: "closed",
        closedAt: now,
        closeReason: values.reason,
        closeNote: values.note,
        closedBy: actor.userId,
        deleteAfter,
        lockVersion: sql`${relayLogs.lockVersion} + 1`,
        updatedAt: now,
      })
      .where(
        and(
          eq(relayLogs.id, log.id),
          eq(relayLogs.status, "open"),
          eq(relayLogs.lockVersion, log.lockVersion),
        ),
      )
      .returning({ id: relayLogs.id });
    if (closed.length === 0) throw new AppError("conflict", "relayLog.conflict");

    const handovers = await tx
      .update(relayLogHandovers)
      .set({ state: "cancelled", decidedAt: now })
      .where(and(eq(relayLogHandovers.logId, log.id), eq(relayLogHandovers.state, "pending")))
      .returning({ id: relayLogHandovers.id });
    const joinRequests = await tx
      .update(relayLogJoinRequests)
      .set({ state: "cancelled", decidedBy: actor.userId, decidedAt: now })
      .where(and(eq(relayLogJoinRequests.logId, log.id), eq(relayLogJoinRequests.state, "pending")))
      .returning({ id: relayLogJoinRequests.id });
    const meetings = await tx
      .update(relayLogMeetings)
      .set({
        status: "cancelled",
        // Calendars replace the invitation when the sequence goes up.
        icsSequence: sql`${relayLogMeetings.icsSequence} + 1`,
        lockVersion: sql`${relayLogMeetings.lockVersion} + 1`,
        updatedAt: now,
      })
      .where(and(eq(relayLogMeetings.logId, log.id), eq(relayLogMeetings.status, "planned")))
      .returning({ id: relayLogMeetings.id });

    await auditLogChange(tx, {
      type: "relaylog.closed",
      actor,
      meta: input.meta,
      log,
      details: {
        reason: values.reason,
        deleteAfter,
        cancelledHandoverIds: handovers.map((row) => row.id),
        cancelledJoinRequestIds: joinRequests.map((row) => row.id),
        cancelledMeetingIds: meetings.map((row) => row.id),
      },
    });
    return { closedOn, deleteAfter };
  });
}

/** What the close page shows: the form's consequences for an open log, the summary for a closed one. */
export interface CloseView {
  header: LogHeader;
  status: "open" | "closed";
  retentionMonths: number;
  /** Open log: what closing would cancel. */
  pending: { handovers: number; joinRequests: number; meetings: number };
  /** Closed log only. */
  closing: {
    closedAt: string;
    reason: CloseReason;
    note: string;
    closedByName: string | null;
    deleteAfter: string | null;
  } | null;
  archivedAt: string | null;
}

export async function getCloseView(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  logId: string;
}): Promise<CloseView> {
  const { actor } = input;
  if (actor.kind !== "staff") throw new AppError("forbidden", "errors.forbidden");
  return input.database.tenant(actor.tenantId, async (tx) => {
    const context = await requireLog(tx, {
      actor,
      meta: input.meta,
      logId: input.logId,
      need: "holder",
      view: "close",
    });
    const { log } = context;
    const header = await logHeader(tx, context);
    const count = async (query: Promise<{ count: number }[]>) =>
      Number((await query)[0]?.count ?? 0);
    const pending =
      log.status === "open"
        ? {
            handovers: await count(
              tx
                .select({ count: sql<number>`count(*)::int` })
                .from(relayLogHandovers)
                .where(
                  and(eq(relayLogHandovers.logId, log.id), eq(relayLogHandovers.state, "pending")),
                ),
            ),
            joinRequests: await count(
              tx
                .select({ count: sql<number>`count(*)::int` })
                .from(relayLogJoinRequests)
                .where(
                  and(
                    eq(relayLogJoinRequests.logId, log.id),
                    eq(relayLogJoinRequests.state, "pending"),
                  ),
                ),
            ),
            meetings: await count(
              tx
                .select({ count: sql<number>`count(*)::int` })
                .from(relayLogMeetings)
                .where(
                  and(eq(relayLogMeetings.logId, log.id), eq(relayLogMeetings.status, "planned")),
                ),
            ),
          }
        : { handovers: 0, joinRequests: 0, meetings: 0 };
    let closing: CloseView["closing"] = null;
    if (log.status === "closed" && log.closedAt) {
      const [closer] = log.closedBy
        ? await tx.select({ name: users.name }).from(users).where(eq(users.id, log.closedBy))
        : [];
      closing = {
        closedAt: log.closedAt.toISOString(),
        reason: (closeReasons as readonly string[]).includes(log.closeReason ?? "")
          ? (log.closeReason as CloseReason)
          : "other",
        note: log.closeNote ?? "",
        closedByName: closer?.name ?? null,
        deleteAfter: log.deleteAfter,
      };
    }
    return {
      header,
      status: log.status as CloseView["status"],
      retentionMonths: await retentionMonths(tx, log.tenantId),
      pending,
      closing,
      archivedAt: log.archivedAt ? log.archivedAt.toISOString() : null,
    };
  });
}

export interface DeletedLog {
  tenantId: string;
  logId: string;
}

/** How many logs one transaction deletes, so a large backlog never holds locks for long. */
const DELETE_BATCH = 200;

/**
 * The retention job: for every municipality, deletes the closed logs whose deletion day has come
 * (delete_after <= today, Oslo date). The relay_logs row goes, and every part of the log with it
 * (ON DELETE CASCADE: guardians, participants, consents, plan, evaluations, entries, meetings,
 * level history, handovers, join requests, notifications); a report to child welfare keeps its
 * record without the log. One `relaylog.deleted` audit event per log names only the log's id,
 * the closed date and the reason. Safe to run twice or on several nodes at once: a log is
 * audited only by the run whose DELETE removed it.
 */
export async function deleteExpiredLogs(
  database: Database,
  today: string = osloDate(),
): Promise<DeletedLog[]> {
  const tenantIds = await database.system(async (tx) =>
    (await tx.select({ id: tenants.id }).from(tenants)).map((row) => row.id),
  );
  const deleted: DeletedLog[] = [];
  for (const tenantId of tenantIds) {
    for (;;) {
      const batch = await database.tenant(tenantId, async (tx) => {
        const due = await tx
          .select({ id: relayLogs.id })
          .from(relayLogs)
          .where(
            and(
              eq(relayLogs.tenantId, tenantId),
              eq(relayLogs.status, "closed"),
              lte(relayLogs.deleteAfter, today),
            ),
          )
          .limit(DELETE_BATCH);
        if (due.length === 0) return [];
        const removed = await tx
          .delete(relayLogs)
          .where(
            and(
              eq(relayLogs.tenantId, tenantId),
              eq(relayLogs.status, "closed"),
              lte(relayLogs.deleteAfter, today),
              inArray(
                relayLogs.id,
                due.map((row) => row.id),
              ),
            ),
          )
          .returning({
            id: relayLogs.id,
            closedAt: relayLogs.closedAt,
            closeReason: relayLogs.closeReason,
          });
        const actor = systemActor(tenantId, "relaylog.retention");
        for (const row of removed) {
          // Notifications with log_id went with the cascade; any that only link to the log go too.
          await tx
            .delete(notifications)
            .where(
              and(
                eq(notifications.tenantId, tenantId),
                like(notifications.link, `/stafettlogger/${row.id}%`),
              ),
            );
          await recordAudit(tx, {
            type: "relaylog.deleted",
            tenantId,
            actor,
            meta: noRequestMeta,
            subject: { type: "relay_log", id: row.id },
            // No name, no content: only when it was closed and why.
            details: {
              closedAt: row.closedAt ? osloDate(row.closedAt) : null,
              reason: row.closeReason,
            },
          });
        }
        return removed.map((row) => ({ tenantId, logId: row.id }));
      });
      deleted.push(...batch);
      if (batch.length < DELETE_BATCH) break;
    }
  }
  return deleted;
}
