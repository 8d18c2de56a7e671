import { and, count, desc, eq } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import type { Tx } from "../../db/client.ts";
import { auditEvents, relayLogParticipants, units } from "../../db/schema/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import { assertRelayLogUser, auditLogChange, requireLog, type RelayLog } from "./access.ts";
import { logHeader, type LogHeader } from "./header.ts";

/**
 * The access trail (tilgangslogg): who read or changed a log, and when, from the audit log.
 * Every read and change of a log and its parts is recorded against the log itself (subject
 * relay_log / log id), so this is one indexed query. Only the relay holder sees it here; the
 * family gets their own view of the same events in the next issue. Viewing it is audited too.
 */

export const TRAIL_PAGE_SIZE = 50;

/** How the person who acted stands to the log, as far as the log itself knows. */
export type TrailRelation = "holder" | "participant" | "former" | "family" | "system" | "other";

export interface TrailEntry {
  id: number;
  occurredAt: string;
  /** The audit event type, e.g. relaylog.viewed; the page turns it into catalog text. */
  eventType: string;
  /** For reads: which part of the log was read (overview, consent, plan …). */
  view: string | null;
  actorName: string;
  actorKind: "staff" | "citizen" | "system";
  /** The actor's roles in the municipality when it happened. */
  roles: string[];
  relation: TrailRelation;
  /** The audit snapshot's id: the staff user's or the citizen's id; null for the system. */
  actorId: string | null;
  /** A staff member's unit in this log (as participant or holder), when the log knows it. */
  unitName: string | null;
}

export interface AccessTrailPage {
  header: LogHeader;
  entries: TrailEntry[];
  page: number;
  pageCount: number;
  total: number;
}

export async function getAccessTrail(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  logId: string;
  /** 1-based. */
  page?: number;
}): Promise<AccessTrailPage> {
  const actor = assertRelayLogUser(input.actor);
  const requested = Number.isInteger(input.page) && input.page! > 0 ? input.page! : 1;
  return input.database.tenant(actor.tenantId, async (tx) => {
    const context = await requireLog(tx, {
      actor,
      meta: input.meta,
      logId: input.logId,
      need: "holder",
    });
    const { log } = context;
    await auditLogChange(tx, {
      type: "relaylog.access_trail_viewed",
      actor,
      meta: input.meta,
      log,
      details: { page: requested },
    });
    const trail = await readTrailPage(tx, log, requested);
    return { header: await logHeader(tx, context), ...trail };
  });
}

/**
 * One page (1-based, clamped) of a log's trail, newest first: the query the holder's trail and
 * the family's trail (family-trail.ts) share. The caller has passed the access gate.
 */
export async function readTrailPage(
  tx: Tx,
  log: Pick<RelayLog, "id" | "tenantId" | "holderUserId" | "holderUnitId">,
  requested: number,
): Promise<Omit<AccessTrailPage, "header">> {
  const where = and(
    eq(auditEvents.tenantId, log.tenantId),
    eq(auditEvents.subjectType, "relay_log"),
    eq(auditEvents.subjectId, log.id),
  );
  const [{ total } = { total: 0 }] = await tx
    .select({ total: count() })
    .from(auditEvents)
    .where(where);
  const pageCount = Math.max(1, Math.ceil(total / TRAIL_PAGE_SIZE));
  const page = Math.min(Math.max(1, requested), pageCount);
  const rows = await tx
    .select({
      id: auditEvents.id,
      occurredAt: auditEvents.occurredAt,
      eventType: auditEvents.eventType,
      actor: auditEvents.actor,
      details: auditEvents.details,
    })
    .from(auditEvents)
    .where(where)
    .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
    .limit(TRAIL_PAGE_SIZE)
    .offset((page - 1) * TRAIL_PAGE_SIZE);
  const participations = await tx
    .select({
      userId: relayLogParticipants.userId,
      leftAt: relayLogParticipants.leftAt,
      unitName: units.name,
    })
    .from(relayLogParticipants)
    .leftJoin(units, eq(units.id, relayLogParticipants.unitId))
    .where(eq(relayLogParticipants.logId, log.id));
  const active = new Set(participations.filter((p) => !p.leftAt).map((p) => p.userId));
  const former = new Set(participations.filter((p) => p.leftAt).map((p) => p.userId));
  const unitOf = new Map<string, string>();
  // An active participation's unit wins over a former one.
  for (const p of [...participations].sort((a, b) => Number(!a.leftAt) - Number(!b.leftAt))) {
    if (p.unitName) unitOf.set(p.userId, p.unitName);
  }
  if (log.holderUnitId) {
    const [holderUnit] = await tx
      .select({ name: units.name })
      .from(units)
      .where(eq(units.id, log.holderUnitId));
    if (holderUnit) unitOf.set(log.holderUserId, holderUnit.name);
  }
  const relationOf = (snapshot: { kind: string; id: string | null }): TrailRelation => {
    if (snapshot.kind === "citizen") return "family";
    if (snapshot.kind !== "staff" || !snapshot.id) return "system";
    if (snapshot.id === log.holderUserId) return "holder";
    if (active.has(snapshot.id)) return "participant";
    if (former.has(snapshot.id)) return "former";
    return "other";
  };
  return {
    entries: rows.map((row) => ({
      id: row.id,
      occurredAt: new Date(row.occurredAt).toISOString(),
      eventType: row.eventType,
      view: typeof row.details.view === "string" ? row.details.view : null,
      actorName: row.actor.name ?? "",
      actorKind: row.actor.kind as TrailEntry["actorKind"],
      roles: [...(row.actor.roles ?? [])],
      relation: relationOf(row.actor),
      actorId: row.actor.id ?? null,
      unitName:
        row.actor.kind === "staff" && row.actor.id ? (unitOf.get(row.actor.id) ?? null) : null,
    })),
    page,
    pageCount,
    total,
  };
}
