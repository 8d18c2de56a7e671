import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Database, Tx } from "../../db/client.ts";
import {
  auditChain,
  auditEvents,
  auditUnsealed,
  type AuditActorSnapshot,
} from "../../db/schema/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import { sha256Hex } from "../platform/crypto.ts";
import { auditEventType, type AuditEventType } from "./events.ts";

export interface AuditInput {
  type: AuditEventType;
  tenantId: string | null;
  actor: Actor | AuditActorSnapshot;
  meta: RequestMeta;
  subject?: { type: string; id: string };
  /** Ids and changed field names only: never free text a user typed about a child. */
  details?: Record<string, unknown>;
}

export function actorSnapshot(actor: Actor | AuditActorSnapshot): AuditActorSnapshot {
  if ("id" in actor && "roles" in actor && !("userId" in actor)) return actor as AuditActorSnapshot;
  const a = actor as Actor;
  switch (a.kind) {
    case "staff":
      return { kind: "staff", id: a.userId, name: a.name, roles: [...a.roles] };
    case "citizen":
      return { kind: "citizen", id: a.citizenId, name: a.name, roles: [] };
    case "system":
      return { kind: "system", id: null, name: a.name, roles: [] };
  }
}

/** Writes an audit event inside the caller's transaction, so it commits or rolls back with the change. */
export async function recordAudit(tx: Tx, input: AuditInput): Promise<void> {
  await tx.insert(auditEvents).values({
    tenantId: input.tenantId,
    eventType: auditEventType.parse(input.type),
    actor: actorSnapshot(input.actor),
    subjectType: input.subject?.type ?? null,
    subjectId: input.subject?.id ?? null,
    ip: input.meta.ip,
    userAgent: input.meta.userAgent,
    requestId: input.meta.requestId,
    details: input.details ?? {},
  });
}

type AuditRow = typeof auditEvents.$inferSelect;

const GENESIS = "0".repeat(64);

export function chainKeyFor(tenantId: string | null): string {
  return tenantId ? `tenant:${tenantId}` : "platform";
}

/** The canonical text hashed for one event: every column, in a fixed order. */
export function canonicalEvent(row: AuditRow): string {
  return JSON.stringify([
    row.id,
    row.tenantId,
    new Date(row.occurredAt).toISOString(),
    row.eventType,
    row.actor,
    row.subjectType,
    row.subjectId,
    row.ip,
    row.userAgent,
    row.requestId,
    sortKeys(row.details),
  ]);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

export function linkHash(prevHash: string, row: AuditRow): string {
  return sha256Hex(`${prevHash}\n${canonicalEvent(row)}`);
}

/**
 * Links unsealed events into their chains, in id order, in batches. Writers never wait on this:
 * only sealers take the per-chain advisory lock, and a sealer that finds the lock taken skips
 * that chain (the holder will seal it).
 */
export async function sealAuditChains(database: Database, batchSize = 500): Promise<number> {
  let sealed = 0;
  for (;;) {
    const { linked, more } = await database.system(async (tx) => {
      // The queue (audit_unsealed, filled by a trigger on audit_events) is short; the audit log
      // is not, so neither query here touches more of audit_events than the batch it links.
      const pendingChains = await tx
        .selectDistinct({ tenantId: auditUnsealed.tenantId })
        .from(auditUnsealed);
      let linkedNow = 0;
      let moreNow = false;
      for (const { tenantId } of pendingChains) {
        const chainKey = chainKeyFor(tenantId);
        const locked = (await tx.execute(
          sql`select pg_try_advisory_xact_lock(hashtext(${chainKey})) as locked`,
        )) as unknown as { rows: { locked: boolean }[] };
        if (!locked.rows[0]?.locked) continue;
        // Read the queue only now, under the lock: a sealer that held it until a moment ago
        // has linked some of these events, and linking them twice would fork the chain.
        const rows = await tx
          .select({ event: auditEvents })
          .from(auditUnsealed)
          .innerJoin(auditEvents, eq(auditEvents.id, auditUnsealed.eventId))
          .where(tenantId ? eq(auditUnsealed.tenantId, tenantId) : isNull(auditUnsealed.tenantId))
          .orderBy(asc(auditUnsealed.eventId))
          .limit(batchSize);
        if (rows.length === 0) continue;
        const [last] = await tx
          .select({ seq: auditChain.seq, hash: auditChain.hash })
          .from(auditChain)
          .where(eq(auditChain.chainKey, chainKey))
          .orderBy(sql`${auditChain.seq} desc`)
          .limit(1);
        let seq = last?.seq ?? 0;
        let prevHash = last?.hash ?? GENESIS;
        const links = rows.map(({ event }) => {
          seq += 1;
          const hash = linkHash(prevHash, event);
          const link = { eventId: event.id, chainKey, seq, prevHash, hash };
          prevHash = hash;
          return link;
        });
        await tx.insert(auditChain).values(links);
        await tx.delete(auditUnsealed).where(
          inArray(
            auditUnsealed.eventId,
            links.map((link) => link.eventId),
          ),
        );
        linkedNow += links.length;
        if (rows.length === batchSize) moreNow = true;
      }
      return { linked: linkedNow, more: moreNow };
    });
    sealed += linked;
    if (!more) return sealed;
  }
}

export interface ChainVerification {
  chainKey: string;
  ok: boolean;
  checked: number;
  /** The first broken link: the sequence number, the event id and what is wrong. */
  firstBroken?: { seq: number; eventId: number | null; reason: string };
}

/** Walks one chain from the start and reports the first link that does not hold. */
export async function verifyAuditChain(
  database: Database,
  tenantId: string | null,
): Promise<ChainVerification> {
  const chainKey = chainKeyFor(tenantId);
  return database.system(async (tx) => {
    const links = await tx
      .select()
      .from(auditChain)
      .leftJoin(auditEvents, eq(auditEvents.id, auditChain.eventId))
      .where(eq(auditChain.chainKey, chainKey))
      .orderBy(asc(auditChain.seq));
    let prevHash = GENESIS;
    let expectedSeq = 1;
    for (const { audit_chain: link, audit_events: event } of links) {
      const broken = (reason: string): ChainVerification => ({
        chainKey,
        ok: false,
        checked: expectedSeq - 1,
        firstBroken: { seq: expectedSeq, eventId: link.eventId, reason },
      });
      if (link.seq !== expectedSeq) return broken("missing_link");
      if (link.prevHash !== prevHash) return broken("prev_hash_mismatch");
      if (!event) return broken("event_missing");
      if (chainKeyFor(event.tenantId) !== chainKey) return broken("event_moved");
      if (linkHash(prevHash, event) !== link.hash) return broken("event_changed");
      prevHash = link.hash;
      expectedSeq += 1;
    }
    const unsealedTenantFilter = tenantId
      ? eq(auditEvents.tenantId, tenantId)
      : isNull(auditEvents.tenantId);
    const [unsealed] = await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(auditEvents)
      .leftJoin(auditChain, eq(auditChain.eventId, auditEvents.id))
      .where(and(unsealedTenantFilter, isNull(auditChain.eventId)));
    if (unsealed && unsealed.count > 0) {
      return {
        chainKey,
        ok: false,
        checked: expectedSeq - 1,
        firstBroken: { seq: expectedSeq, eventId: null, reason: "unsealed_events" },
      };
    }
    return { chainKey, ok: true, checked: expectedSeq - 1 };
  });
}
