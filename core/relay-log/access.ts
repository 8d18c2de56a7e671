import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "../../db/client.ts";
import {
  citizens,
  relayLogConsents,
  relayLogGuardians,
  relayLogParticipants,
  relayLogs,
  tenants,
} from "../../db/schema/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import {
  consentedUnits,
  consentStateOf,
  decideLogAccess,
  type ConsentState,
  type ConsentRecordFacts,
  type FamilyFacts,
  type LogAccess,
} from "../access/relay-log.ts";
import { assertCan } from "../access/policy.ts";
import { recordAudit } from "../audit/audit.ts";
import type { AuditEventType } from "../audit/events.ts";
import { AppError } from "../errors.ts";
import { osloDate } from "../platform/dates.ts";
import { defaultTenantSettings } from "../tenants/tenants.ts";
import { ageOn, consentRequirement, type ConsentRequirement } from "./consent-rules.ts";

export type RelayLog = typeof relayLogs.$inferSelect;
export type Staff = Extract<Actor, { kind: "staff" }>;

/** A log as the acting user may see it, with the facts the policy decided on. */
export interface LogContext {
  log: RelayLog;
  access: LogAccess;
  consentState: ConsentState;
  consentedUnitIds: string[];
  /** Who must consent today: the young person from the consent age, below it the guardians. */
  requirement: ConsentRequirement;
  /** Required givers still missing for units named by digital consent so far. */
  waitingFor: number;
  today: string;
}

export type LogNeed = "read" | "write" | "holder" | "holderWrite";

/** The municipality's consent age: from it, the young person consents and takes part themselves. */
export async function youthConsentAgeOf(tx: Tx, tenantId: string): Promise<number> {
  const [tenant] = await tx
    .select({ settings: tenants.settings })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  return tenant?.settings.youthConsentAge ?? defaultTenantSettings.youthConsentAge;
}

/**
 * A citizen's relation to the child of one log, by the lookup hash of their national ID number:
 * are they a recorded guardian (with or without parental responsibility), or the child?
 */
async function familyFactsOf(
  tx: Tx,
  citizenId: string,
  log: RelayLog,
  today: string,
): Promise<FamilyFacts | undefined> {
  const [citizen] = await tx
    .select({ nationalIdHash: citizens.nationalIdHash })
    .from(citizens)
    .where(eq(citizens.id, citizenId));
  if (!citizen) return undefined;
  const guardianRows = await tx
    .select({ parentalResponsibility: relayLogGuardians.parentalResponsibility })
    .from(relayLogGuardians)
    .where(
      and(
        eq(relayLogGuardians.logId, log.id),
        eq(relayLogGuardians.nationalIdHash, citizen.nationalIdHash),
      ),
    );
  const guardian =
    guardianRows.length === 0
      ? null
      : guardianRows.some((row) => row.parentalResponsibility)
        ? "responsible"
        : "not_responsible";
  return {
    guardian,
    isChild: log.nationalIdHash !== null && log.nationalIdHash === citizen.nationalIdHash,
    childAge: log.childBirthDate ? ageOn(log.childBirthDate, today) : null,
    consentAge: await youthConsentAgeOf(tx, log.tenantId),
    youthGuardianAccess:
      log.youthGuardianAccess === "keep" || log.youthGuardianAccess === "end"
        ? log.youthGuardianAccess
        : null,
  };
}

/**
 * A log's consent records with what the policy needs of them, and who must consent today (the
 * guardians with parental responsibility, or the young person from the consent age): digital
 * consent covers a unit only when every required giver has given it.
 */
export async function consentFactsOf(
  tx: Tx,
  log: Pick<RelayLog, "id" | "tenantId" | "childBirthDate">,
  today: string,
): Promise<{ records: ConsentRecordFacts[]; requirement: ConsentRequirement }> {
  const records = await tx
    .select({
      withdrawnAt: relayLogConsents.withdrawnAt,
      givenOn: relayLogConsents.givenOn,
      expiresOn: relayLogConsents.expiresOn,
      unitIds: relayLogConsents.unitIds,
      method: relayLogConsents.method,
      givers: relayLogConsents.givers,
    })
    .from(relayLogConsents)
    .where(eq(relayLogConsents.logId, log.id));
  const guardians = await tx
    .select({
      id: relayLogGuardians.id,
      name: relayLogGuardians.name,
      parentalResponsibility: relayLogGuardians.parentalResponsibility,
    })
    .from(relayLogGuardians)
    .where(eq(relayLogGuardians.logId, log.id));
  const requirement = consentRequirement({
    birthDate: log.childBirthDate,
    today,
    consentAge: await youthConsentAgeOf(tx, log.tenantId),
    guardians,
  });
  return { records, requirement };
}

function isUuid(value: string): boolean {
  return z.guid().safeParse(value).success;
}

/** Loads the log and decides access; null when the log does not exist in the actor's tenant. */
export async function loadLogContext(
  tx: Tx,
  actor: Actor,
  logId: string,
  today: string = osloDate(),
): Promise<LogContext | null> {
  if (!isUuid(logId) || actor.kind === "system" || !actor.tenantId) return null;
  const [log] = await tx.select().from(relayLogs).where(eq(relayLogs.id, logId));
  if (!log || log.tenantId !== actor.tenantId) return null;
  const { records: consents, requirement } = await consentFactsOf(tx, log, today);
  const participantUnits =
    actor.kind === "staff"
      ? await tx
          .select({ unitId: relayLogParticipants.unitId })
          .from(relayLogParticipants)
          .where(
            and(
              eq(relayLogParticipants.logId, logId),
              eq(relayLogParticipants.userId, actor.userId),
              isNull(relayLogParticipants.leftAt),
            ),
          )
      : [];
  const consentedUnitIds = consentedUnits(consents, today, requirement);
  const { state, waitingFor } = consentStateOf(consents, today, requirement);
  const access = decideLogAccess(actor, {
    tenantId: log.tenantId,
    kind: log.kind as "log" | "anonymous",
    status: log.status as "open" | "closed",
    holderUserId: log.holderUserId,
    actorParticipantUnitIds: participantUnits.map((row) => row.unitId),
    consentedUnitIds,
    consentState: state,
    family:
      actor.kind === "citizen" ? await familyFactsOf(tx, actor.citizenId, log, today) : undefined,
  });
  return { log, access, consentState: state, consentedUnitIds, requirement, waitingFor, today };
}

/**
 * The gate every relay-log use case passes: it loads the log, applies the policy, and records
 * the read in the audit log when `view` names what was read. No access → not found (nothing
 * leaks); a participant without valid consent → "frozen"; a closed log → read only.
 */
export async function requireLog(
  tx: Tx,
  input: {
    actor: Actor;
    meta: RequestMeta;
    logId: string;
    need: LogNeed;
    /** Records `relaylog.viewed` with this view name (overview, plan, pdf …). */
    view?: string;
    today?: string;
    /**
     * Set only by the family's gate (requireFamilyLog): every other use case is the staff's, and
     * a citizen with access to the log must still not reach it.
     */
    asFamily?: boolean;
  },
): Promise<LogContext> {
  if (input.actor.kind === "citizen" && !input.asFamily) {
    throw new AppError("not_found", "errors.notFound");
  }
  const context = await loadLogContext(tx, input.actor, input.logId, input.today);
  if (!context) throw new AppError("not_found", "errors.notFound");
  const { access, log } = context;
  if (access.frozen) throw new AppError("forbidden", "relayLog.frozen");
  if (!access.read) throw new AppError("not_found", "errors.notFound");
  const needsHolder = input.need === "holder" || input.need === "holderWrite";
  if (needsHolder && !access.holder) throw new AppError("forbidden", "relayLog.holderOnly");
  const needsWrite = input.need === "write" || input.need === "holderWrite";
  if (needsWrite && !access.write) throw new AppError("forbidden", "relayLog.closedReadOnly");
  if (input.view) {
    await recordAudit(tx, {
      type: "relaylog.viewed",
      tenantId: log.tenantId,
      actor: input.actor,
      meta: input.meta,
      subject: { type: "relay_log", id: log.id },
      details: { view: input.view },
    });
  }
  return context;
}

/** Every change to a log is audited against the log itself, so the access trail is one query. */
export async function auditLogChange(
  tx: Tx,
  input: {
    type: AuditEventType;
    actor: Actor;
    meta: RequestMeta;
    log: Pick<RelayLog, "id" | "tenantId">;
    /** Ids and field names only, never text a user typed about the child. */
    details?: Record<string, unknown>;
  },
): Promise<void> {
  await recordAudit(tx, {
    type: input.type,
    tenantId: input.log.tenantId,
    actor: input.actor,
    meta: input.meta,
    subject: { type: "relay_log", id: input.log.id },
    details: input.details ?? {},
  });
}

/** The staff actor with the relay-log permission, or a 403. */
export function assertRelayLogUser(actor: Actor): Staff {
  assertCan(actor, "relaylog.use");
  if (actor.kind !== "staff") throw new AppError("forbidden", "errors.forbidden");
  return actor;
}

/**
 * Bumps a row's lock version only when the caller saw the current one; a stale save gets a
 * conflict with the user's text kept by the route (runAction echoes the values).
 */
export function assertLockVersion(current: number, submitted: unknown): void {
  const seen = Number(submitted);
  if (!Number.isInteger(seen) || seen !== current) {
    throw new AppError("conflict", "relayLog.conflict");
  }
}
