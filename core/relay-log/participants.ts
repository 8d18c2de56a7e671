import { and, asc, desc, eq, ilike, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "../../db/client.ts";
import { relayLogParticipants, units, userUnits, users } from "../../db/schema/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import { rolePermissions, type StaffRole } from "../access/roles.ts";
import { AppError } from "../errors.ts";
import { parseInput } from "../platform/validation.ts";
import { assertRelayLogUser, auditLogChange, requireLog, type LogContext } from "./access.ts";
import {
  addUnitsToLog,
  confirmed,
  guardiansOf,
  guardianView,
  type GuardianView,
} from "./consent.ts";
import { logHeader, type LogHeader } from "./header.ts";

/**
 * Who takes part in a relay log. The relay holder adds employees, each for one unit; in a log
 * with identity the unit must be covered by a valid consent (the family decides which services
 * see the log). An anonymous case discussion needs no consent. A participant may leave; the
 * holder may remove others but not themselves (hand the baton over first). Leaving stamps
 * left_at, so the history of who took part stays.
 */

/** The roles that may use relay logs at all (from the one role map). */
export const relayLogRoles = (Object.keys(rolePermissions) as StaffRole[]).filter(
  (role) => rolePermissions[role]["relaylog.use"],
);

export const CANDIDATES_MAX = 25;

const uuid = z.guid({ error: "errors.choice" });

export const addParticipantSchema = z.strictObject({
  userId: uuid,
  unitId: uuid,
});

const confirmSchema = z.strictObject({
  confirm: confirmed("relayLog.consent.participants.confirmRequired"),
});

export interface ParticipantView {
  id: string;
  userId: string;
  name: string;
  unitId: string;
  unitName: string;
  joinedAt: string;
  isHolder: boolean;
  isMe: boolean;
}

export interface FormerParticipantView {
  id: string;
  name: string;
  unitName: string;
  joinedAt: string;
  leftAt: string;
}

export interface CandidateView {
  userId: string;
  name: string;
  unitId: string;
  unitName: string;
}

export interface ParticipantsPage {
  header: LogHeader;
  participants: ParticipantView[];
  former: FormerParticipantView[];
  guardians: GuardianView[];
  /** The units whose employees may be added: consented units (any unit in an anonymous log). */
  addableUnits: { id: string; name: string }[];
  /** Employees the holder may add, matching `query` (holder and open log only). */
  candidates: CandidateView[];
  candidatesTruncated: boolean;
  query: string;
  /** The actor's own active participation, for "leave the log". */
  myParticipantId: string | null;
}

function iso(value: Date | string): string {
  return new Date(value).toISOString();
}

/** Units whose employees may join: consented units, or every active unit in an anonymous log. */
async function addableUnits(tx: Tx, context: LogContext) {
  const { log } = context;
  const base = and(eq(units.tenantId, log.tenantId), eq(units.active, true));
  if (log.kind === "anonymous") {
    return tx
      .select({ id: units.id, name: units.name })
      .from(units)
      .where(base)
      .orderBy(asc(units.name));
  }
  if (context.consentedUnitIds.length === 0) return [];
  return tx
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(and(base, inArray(units.id, context.consentedUnitIds)))
    .orderBy(asc(units.name));
}

const hasRelayLogRole = () =>
  sql`${users.roles} && array[${sql.join(
    relayLogRoles.map((role) => sql`${role}`),
    sql`, `,
  )}]::text[]`;

/** Employees of the given units who may use relay logs and do not take part already. */
async function findCandidates(
  tx: Tx,
  input: { logId: string; tenantId: string; unitIds: string[]; query: string },
): Promise<{ candidates: CandidateView[]; truncated: boolean }> {
  if (input.unitIds.length === 0) return { candidates: [], truncated: false };
  const pattern = `%${input.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await tx
    .select({
      userId: users.id,
      name: users.name,
      unitId: units.id,
      unitName: units.name,
    })
    .from(userUnits)
    .innerJoin(users, eq(users.id, userUnits.userId))
    .innerJoin(units, eq(units.id, userUnits.unitId))
    .where(
      and(
        eq(users.tenantId, input.tenantId),
        eq(users.active, true),
        hasRelayLogRole(),
        inArray(userUnits.unitId, input.unitIds),
        input.query ? ilike(users.name, pattern) : undefined,
        sql`not exists (select 1 from ${relayLogParticipants} p where p.log_id = ${input.logId} and p.user_id = ${users.id} and p.left_at is null)`,
      ),
    )
    .orderBy(asc(users.name), asc(units.name))
    .limit(CANDIDATES_MAX + 1);
  return { candidates: rows.slice(0, CANDIDATES_MAX), truncated: rows.length > CANDIDATES_MAX };
}

/**
 * The participants page: who takes part and for which unit, who took part before, the
 * guardians, and (for the holder) the employees that can be added, searched by name.
 */
export async function listParticipants(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  logId: string;
  query?: string;
  today?: string;
  /** Shows the relay holder the guardians' masked national ID numbers. */
  dataEncryptionKey?: Buffer;
}): Promise<ParticipantsPage> {
  const actor = assertRelayLogUser(input.actor);
  const query = (input.query ?? "").trim().slice(0, 100);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const context = await requireLog(tx, {
      actor,
      meta: input.meta,
      logId: input.logId,
      need: "read",
      view: "participants",
      ...(input.today ? { today: input.today } : {}),
    });
    const { log, access } = context;
    const select = {
      id: relayLogParticipants.id,
      userId: relayLogParticipants.userId,
      name: users.name,
      unitId: relayLogParticipants.unitId,
      unitName: units.name,
      joinedAt: relayLogParticipants.joinedAt,
      leftAt: relayLogParticipants.leftAt,
    };
    const active = await tx
      .select(select)
      .from(relayLogParticipants)
      .innerJoin(users, eq(users.id, relayLogParticipants.userId))
      .innerJoin(units, eq(units.id, relayLogParticipants.unitId))
      .where(and(eq(relayLogParticipants.logId, log.id), isNull(relayLogParticipants.leftAt)))
      .orderBy(asc(users.name));
    const former = await tx
      .select(select)
      .from(relayLogParticipants)
      .innerJoin(users, eq(users.id, relayLogParticipants.userId))
      .innerJoin(units, eq(units.id, relayLogParticipants.unitId))
      .where(and(eq(relayLogParticipants.logId, log.id), isNotNull(relayLogParticipants.leftAt)))
      .orderBy(desc(relayLogParticipants.leftAt))
      .limit(50);
    const participants = active
      .map((row) => ({
        id: row.id,
        userId: row.userId,
        name: row.name,
        unitId: row.unitId,
        unitName: row.unitName,
        joinedAt: iso(row.joinedAt),
        isHolder: row.userId === log.holderUserId,
        isMe: row.userId === actor.userId,
      }))
      .sort((a, b) => Number(b.isHolder) - Number(a.isHolder));
    const canAdd = access.holder && access.write;
    const unitsToAdd = canAdd ? await addableUnits(tx, context) : [];
    const found = canAdd
      ? await findCandidates(tx, {
          logId: log.id,
          tenantId: log.tenantId,
          unitIds: unitsToAdd.map((unit) => unit.id),
          query,
        })
      : { candidates: [], truncated: false };
    return {
      header: await logHeader(tx, context),
      participants,
      former: former.map((row) => ({
        id: row.id,
        name: row.name,
        unitName: row.unitName,
        joinedAt: iso(row.joinedAt),
        leftAt: iso(row.leftAt!),
      })),
      // Only the relay holder, who records them, sees the guardians' masked ID numbers.
      guardians:
        log.kind === "log"
          ? (await guardiansOf(tx, log.id)).map((guardian) =>
              guardianView(guardian, access.holder ? input.dataEncryptionKey : undefined),
            )
          : [],
      addableUnits: unitsToAdd,
      candidates: found.candidates,
      candidatesTruncated: found.truncated,
      query,
      myParticipantId: participants.find((p) => p.isMe)?.id ?? null,
    };
  });
}

/**
 * Adds an employee for one unit (holder only, open log). The employee must be an active user of
 * the municipality who may use relay logs and belongs to the unit; in a log with identity a
 * valid consent must cover the unit.
 */
export async function addParticipant(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  logId: string;
  values: unknown;
  today?: string;
}): Promise<{ id: string }> {
  const actor = assertRelayLogUser(input.actor);
  const values = parseInput(addParticipantSchema, input.values);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const context = await requireLog(tx, {
      actor,
      meta: input.meta,
      logId: input.logId,
      need: "holderWrite",
      ...(input.today ? { today: input.today } : {}),
    });
    const { log } = context;
    const [user] = await tx
      .select({ id: users.id })
      .from(users)
      .where(
        and(
          eq(users.id, values.userId),
          eq(users.tenantId, log.tenantId),
          eq(users.active, true),
          hasRelayLogRole(),
        ),
      );
    if (!user) {
      throw new AppError("validation", "relayLog.consent.participants.notEligible", {
        fieldErrors: { userId: "relayLog.consent.participants.notEligible" },
      });
    }
    const [membership] = await tx
      .select({ unitId: userUnits.unitId })
      .from(userUnits)
      .innerJoin(units, eq(units.id, userUnits.unitId))
      .where(
        and(
          eq(userUnits.userId, values.userId),
          eq(userUnits.unitId, values.unitId),
          eq(units.tenantId, log.tenantId),
          eq(units.active, true),
        ),
      );
    if (!membership) {
      throw new AppError("validation", "relayLog.consent.participants.notInUnit", {
        fieldErrors: { unitId: "relayLog.consent.participants.notInUnit" },
      });
    }
    if (log.kind === "log" && !context.consentedUnitIds.includes(values.unitId)) {
      throw new AppError("validation", "relayLog.consent.unitNotConsented", {
        fieldErrors: { unitId: "relayLog.consent.unitNotConsented" },
      });
    }
    const [existing] = await tx
      .select({ id: relayLogParticipants.id })
      .from(relayLogParticipants)
      .where(
        and(
          eq(relayLogParticipants.logId, log.id),
          eq(relayLogParticipants.userId, values.userId),
          isNull(relayLogParticipants.leftAt),
        ),
      );
    if (existing) {
      throw new AppError("conflict", "relayLog.consent.participants.alreadyParticipant", {
        fieldErrors: { userId: "relayLog.consent.participants.alreadyParticipant" },
      });
    }
    const [row] = await tx
      .insert(relayLogParticipants)
      .values({
        tenantId: log.tenantId,
        logId: log.id,
        userId: values.userId,
        unitId: values.unitId,
        addedBy: actor.userId,
      })
      .returning({ id: relayLogParticipants.id });
    await addUnitsToLog(tx, log.id, [values.unitId]);
    await auditLogChange(tx, {
      type: "relaylog.participant_added",
      actor,
      meta: input.meta,
      log,
      details: { participantId: row!.id, userId: values.userId, unitId: values.unitId },
    });
    return { id: row!.id };
  });
}

async function endParticipation(
  tx: Tx,
  input: {
    actor: Extract<Actor, { kind: "staff" }>;
    meta: RequestMeta;
    context: LogContext;
    participantId: string;
    by: "self" | "holder";
  },
): Promise<void> {
  const { log } = input.context;
  const [row] = await tx
    .select({
      id: relayLogParticipants.id,
      userId: relayLogParticipants.userId,
      unitId: relayLogParticipants.unitId,
    })
    .from(relayLogParticipants)
    .where(
      and(
        eq(relayLogParticipants.id, input.participantId),
        eq(relayLogParticipants.logId, log.id),
        isNull(relayLogParticipants.leftAt),
      ),
    );
  if (!row) throw new AppError("not_found", "errors.notFound");
  if (input.by === "self" && row.userId !== input.actor.userId) {
    throw new AppError("not_found", "errors.notFound");
  }
  if (row.userId === log.holderUserId) {
    throw new AppError("validation", "relayLog.consent.participants.holderCannotLeave");
  }
  await tx
    .update(relayLogParticipants)
    .set({ leftAt: new Date() })
    .where(and(eq(relayLogParticipants.id, row.id), isNull(relayLogParticipants.leftAt)));
  await auditLogChange(tx, {
    type: "relaylog.participant_left",
    actor: input.actor,
    meta: input.meta,
    log,
    details: { participantId: row.id, userId: row.userId, unitId: row.unitId, by: input.by },
  });
}

/** The acting participant leaves the log (open log, with confirmation). The holder cannot. */
export async function leaveLog(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  logId: string;
  values: unknown;
}): Promise<void> {
  const actor = assertRelayLogUser(input.actor);
  parseInput(confirmSchema, input.values);
  await input.database.tenant(actor.tenantId, async (tx) => {
    const context = await requireLog(tx, {
      actor,
      meta: input.meta,
      logId: input.logId,
      need: "write",
    });
    if (context.access.holder) {
      throw new AppError("validation", "relayLog.consent.participants.holderCannotLeave");
    }
    const [mine] = await tx
      .select({ id: relayLogParticipants.id })
      .from(relayLogParticipants)
      .where(
        and(
          eq(relayLogParticipants.logId, context.log.id),
          eq(relayLogParticipants.userId, actor.userId),
          isNull(relayLogParticipants.leftAt),
        ),
      );
    if (!mine) throw new AppError("not_found", "errors.notFound");
    await endParticipation(tx, {
      actor,
      meta: input.meta,
      context,
      participantId: mine.id,
      by: "self",
    });
  });
}

/** The holder removes another participant (open log, with confirmation); never themselves. */
export async function removeParticipant(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  logId: string;
  participantId: string;
  values: unknown;
}): Promise<void> {
  const actor = assertRelayLogUser(input.actor);
  if (!z.guid().safeParse(input.participantId).success) {
    throw new AppError("not_found", "errors.notFound");
  }
  parseInput(confirmSchema, input.values);
  await input.database.tenant(actor.tenantId, async (tx) => {
    const context = await requireLog(tx, {
      actor,
      meta: input.meta,
      logId: input.logId,
      need: "holderWrite",
    });
    await endParticipation(tx, {
      actor,
      meta: input.meta,
      context,
      participantId: input.participantId,
      by: "holder",
    });
  });
}
