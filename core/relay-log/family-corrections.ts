import { and, asc, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "../../db/client.ts";
import { notifications, relayLogCorrectionRequests, users } from "../../db/schema/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import { AppError } from "../errors.ts";
import { parseInput } from "../platform/validation.ts";
import { assertRelayLogUser, auditLogChange, requireLog } from "./access.ts";
import { assertCitizen, familyHeader, requireFamilyLog, type FamilyHeader } from "./family.ts";
import { notifyFamily } from "./family-notify.ts";

/**
 * Correction requests (GDPR right to rectification): a guardian or the young person says what
 * is wrong in the log and what it should say; the relay holder answers. The request is kept in
 * relay_log_correction_requests with its state and the answer. Audit details hold ids only.
 * The holder is told in Laget (a «Varsler» row, kind correction_requested); the family is told
 * when it is answered (notifyFamily).
 */
export const CORRECTION_TEXT_MAX = 4000;

const requestSchema = z.object({
  text: z
    .string()
    .trim()
    .min(1, "family.rights.correction.errors.textRequired")
    .max(CORRECTION_TEXT_MAX, "family.rights.correction.errors.textTooLong"),
});

const answerSchema = z.object({
  answer: z
    .string()
    .trim()
    .min(1, "family.rights.correction.errors.answerRequired")
    .max(CORRECTION_TEXT_MAX, "family.rights.correction.errors.textTooLong"),
});

export interface CorrectionRequest {
  id: string;
  text: string;
  authorName: string;
  state: "open" | "answered";
  answer: string | null;
  answeredByName: string | null;
  answeredAt: Date | null;
  createdAt: Date;
}

function isUuid(value: string): boolean {
  return z.guid().safeParse(value).success;
}

/** A citizen asks for a correction. Allowed on closed logs too: the right outlives the work. */
export async function requestCorrection(input: {
  database: Database;
  actor: Actor | null;
  meta: RequestMeta;
  logId: string;
  values: unknown;
}): Promise<{ id: string }> {
  const citizen = assertCitizen(input.actor);
  const values = parseInput(requestSchema, input.values);
  return input.database.tenant(citizen.tenantId, async (tx) => {
    const { log } = await requireFamilyLog(tx, {
      actor: citizen,
      meta: input.meta,
      logId: input.logId,
      need: "read",
    });
    const [row] = await tx
      .insert(relayLogCorrectionRequests)
      .values({
        tenantId: log.tenantId,
        logId: log.id,
        citizenId: citizen.citizenId,
        authorName: citizen.name ?? "",
        text: values.text,
      })
      .returning({ id: relayLogCorrectionRequests.id });
    await auditLogChange(tx, {
      type: "relaylog.family.correction_requested",
      actor: citizen,
      meta: input.meta,
      log,
      details: { requestId: row!.id },
    });
    // The relay holder is told in Laget; the row holds no text, and no due date (an empty
    // due part in the reminder key), so «Varsler» never calls it overdue.
    await tx
      .insert(notifications)
      .values({
        tenantId: log.tenantId,
        userId: log.holderUserId,
        kind: "correction_requested",
        logId: log.id,
        link: `/stafettlogger/${log.id}#retting`,
        dedupeKey: ["correction_requested", row!.id, "", log.holderUserId].join("|"),
      })
      .onConflictDoNothing();
    return { id: row!.id };
  });
}

async function requestsOf(
  tx: Tx,
  logId: string,
  filter?: { citizenId?: string; state?: "open" },
): Promise<CorrectionRequest[]> {
  const rows = await tx
    .select({
      id: relayLogCorrectionRequests.id,
      text: relayLogCorrectionRequests.text,
      authorName: relayLogCorrectionRequests.authorName,
      state: relayLogCorrectionRequests.state,
      answer: relayLogCorrectionRequests.answer,
      answeredByName: users.name,
      answeredAt: relayLogCorrectionRequests.answeredAt,
      createdAt: relayLogCorrectionRequests.createdAt,
    })
    .from(relayLogCorrectionRequests)
    .leftJoin(users, eq(users.id, relayLogCorrectionRequests.answeredBy))
    .where(
      and(
        eq(relayLogCorrectionRequests.logId, logId),
        filter?.citizenId ? eq(relayLogCorrectionRequests.citizenId, filter.citizenId) : undefined,
        filter?.state ? eq(relayLogCorrectionRequests.state, filter.state) : undefined,
      ),
    )
    .orderBy(
      filter?.state
        ? asc(relayLogCorrectionRequests.createdAt)
        : desc(relayLogCorrectionRequests.createdAt),
    );
  return rows.map((row) => ({ ...row, state: row.state as CorrectionRequest["state"] }));
}

/**
 * The open requests of a log for its relay holder (oldest first); an empty list for anyone else,
 * so the overview can always ask. The overview's own read is audited by the overview.
 */
export async function openCorrectionRequests(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  logId: string;
}): Promise<CorrectionRequest[]> {
  const actor = assertRelayLogUser(input.actor);
  return input.database.tenant(actor.tenantId, async (tx) => {
    try {
      const { log } = await requireLog(tx, {
        actor,
        meta: input.meta,
        logId: input.logId,
        need: "holder",
      });
      return await requestsOf(tx, log.id, { state: "open" });
    } catch (error) {
      if (error instanceof AppError) return [];
      throw error;
    }
  });
}

/** The relay holder answers a request (the log must be open); the family is notified. */
export async function answerCorrectionRequest(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  logId: string;
  requestId: string;
  values: unknown;
}): Promise<void> {
  const actor = assertRelayLogUser(input.actor);
  const values = parseInput(answerSchema, input.values);
  if (!isUuid(input.requestId)) throw new AppError("not_found", "errors.notFound");
  await input.database.tenant(actor.tenantId, async (tx) => {
    const { log } = await requireLog(tx, {
      actor,
      meta: input.meta,
      logId: input.logId,
      need: "holderWrite",
    });
    const updated = await tx
      .update(relayLogCorrectionRequests)
      .set({
        state: "answered",
        answer: values.answer,
        answeredBy: actor.userId,
        answeredAt: new Date(),
      })
      .where(
        and(
          eq(relayLogCorrectionRequests.id, input.requestId),
          eq(relayLogCorrectionRequests.logId, log.id),
          eq(relayLogCorrectionRequests.state, "open"),
        ),
      )
      .returning({ id: relayLogCorrectionRequests.id });
    if (updated.length === 0) {
      throw new AppError("conflict", "family.rights.correction.errors.alreadyAnswered");
    }
    await auditLogChange(tx, {
      type: "relaylog.family.correction_answered",
      actor,
      meta: input.meta,
      log,
      details: { requestId: input.requestId },
    });
    await notifyFamily(tx, { log, kind: "correction_answered", dedupeKey: input.requestId });
  });
}

/** The «Mine data» page: the header and the citizen's own correction requests (view family_data). */
export async function getFamilyDataPage(input: {
  database: Database;
  actor: Actor | null;
  meta: RequestMeta;
  logId: string;
  today?: string;
}): Promise<{ header: FamilyHeader; requests: CorrectionRequest[] }> {
  const citizen = assertCitizen(input.actor);
  return input.database.tenant(citizen.tenantId, async (tx) => {
    const context = await requireFamilyLog(tx, {
      actor: citizen,
      meta: input.meta,
      logId: input.logId,
      need: "read",
      view: "family_data",
      ...(input.today ? { today: input.today } : {}),
    });
    return {
      header: await familyHeader(tx, context),
      requests: await requestsOf(tx, context.log.id, { citizenId: citizen.citizenId }),
    };
  });
}
