import { and, desc, eq, inArray, or } from "drizzle-orm";
import type { Database, Tx } from "../../db/client.ts";
import { citizens, relayLogGuardians, relayLogs } from "../../db/schema/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import { recordAudit } from "../audit/audit.ts";
import { AppError } from "../errors.ts";
import { osloDate } from "../platform/dates.ts";
import { loadLogContext, requireLog, type LogContext, type LogNeed } from "./access.ts";
import { logHeader } from "./header.ts";

/**
 * The family's side of the relay log: the guardians with parental responsibility and the young
 * person from the consent age, logged in with ID-porten (a citizen actor). Which logs a citizen
 * may see is decided by the one policy (decideLogAccess, via loadLogContext); this module only
 * finds the candidate logs by the lookup hash of the citizen's national ID number.
 */
export type Citizen = Extract<Actor, { kind: "citizen" }>;

export function assertCitizen(actor: Actor | null): Citizen {
  if (!actor) throw new AppError("unauthenticated", "errors.unauthenticated");
  if (actor.kind !== "citizen") throw new AppError("forbidden", "errors.forbidden");
  return actor;
}

export interface FamilyLogSummary {
  id: string;
  childName: string;
  status: "open" | "closed";
  level: number;
  /** How the citizen takes part: as a guardian of the child, or as the young person. */
  as: "guardian" | "youth";
  updatedAt: Date;
}

/** The logs a citizen may see, newest first. Each candidate passes the access policy. */
export async function listFamilyLogs(input: {
  database: Database;
  actor: Actor | null;
  meta: RequestMeta;
  today?: string;
}): Promise<FamilyLogSummary[]> {
  const actor = assertCitizen(input.actor);
  const today = input.today ?? osloDate();
  return input.database.tenant(actor.tenantId, async (tx) => {
    const candidates = await candidateLogIds(tx, actor);
    const visible: FamilyLogSummary[] = [];
    for (const logId of candidates) {
      const context = await loadLogContext(tx, actor, logId, today);
      if (!context?.access.read || !context.access.family) continue;
      visible.push({
        id: context.log.id,
        childName: context.log.childName ?? "",
        status: context.log.status as FamilyLogSummary["status"],
        level: context.log.level,
        as: context.access.family,
        updatedAt: context.log.updatedAt,
      });
    }
    await recordAudit(tx, {
      type: "relaylog.family.listed",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "citizen", id: actor.citizenId },
      details: { logIds: visible.map((log) => log.id) },
    });
    return visible;
  });
}

/** Logs where the citizen is a recorded guardian or the child, by national ID lookup hash. */
async function candidateLogIds(tx: Tx, actor: Citizen): Promise<string[]> {
  const [citizen] = await tx
    .select({ nationalIdHash: citizens.nationalIdHash })
    .from(citizens)
    .where(eq(citizens.id, actor.citizenId));
  if (!citizen) return [];
  const asGuardian = tx
    .select({ logId: relayLogGuardians.logId })
    .from(relayLogGuardians)
    .where(
      and(
        eq(relayLogGuardians.tenantId, actor.tenantId),
        eq(relayLogGuardians.nationalIdHash, citizen.nationalIdHash),
      ),
    );
  const rows = await tx
    .select({ id: relayLogs.id })
    .from(relayLogs)
    .where(
      and(
        eq(relayLogs.tenantId, actor.tenantId),
        eq(relayLogs.kind, "log"),
        or(eq(relayLogs.nationalIdHash, citizen.nationalIdHash), inArray(relayLogs.id, asGuardian)),
      ),
    )
    .orderBy(desc(relayLogs.updatedAt));
  return rows.map((row) => row.id);
}

/**
 * The gate of every family page: the log as the citizen may see it (404 otherwise, nothing
 * leaks), with the read audited under `view`. Writes need the log to be open.
 */
export async function requireFamilyLog(
  tx: Tx,
  input: {
    actor: Actor | null;
    meta: RequestMeta;
    logId: string;
    need: Extract<LogNeed, "read" | "write">;
    view?: string;
    today?: string;
  },
): Promise<LogContext & { citizen: Citizen; as: "guardian" | "youth" }> {
  const citizen = assertCitizen(input.actor);
  const context = await requireLog(tx, { ...input, actor: citizen, asFamily: true });
  if (!context.access.family) throw new AppError("not_found", "errors.notFound");
  return { ...context, citizen, as: context.access.family };
}

/** What every family page shows at the top: whose log, its state, and who holds the baton. */
export interface FamilyHeader {
  id: string;
  childName: string;
  status: "open" | "closed";
  level: number;
  holderName: string;
  holderUnitName: string | null;
  /** How the reader takes part: as a guardian of the child, or as the young person. */
  as: "guardian" | "youth";
  /** The log is open: the family may write their own contributions. */
  canWrite: boolean;
}

export async function familyHeader(
  tx: Tx,
  context: LogContext & { as: "guardian" | "youth" },
): Promise<FamilyHeader> {
  const header = await logHeader(tx, context);
  return {
    id: header.id,
    childName: header.title,
    status: header.status,
    level: header.level,
    holderName: header.holderName,
    holderUnitName: header.holderUnitName,
    as: context.as,
    canWrite: context.access.write,
  };
}
