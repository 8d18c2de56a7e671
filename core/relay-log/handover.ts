import {
  aliasedTable,
  and,
  asc,
  count,
  desc,
  eq,
  ilike,
  inArray,
  isNull,
  ne,
  or,
  sql,
} from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "../../db/client.ts";
import {
  relayLogHandovers,
  relayLogParticipants,
  relayLogs,
  units,
  userUnits,
  users,
} from "../../db/schema/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import { consentedUnits, mayDecideHandover, mayReceiveBaton } from "../access/relay-log.ts";
import { rolePermissions, staffRoles } from "../access/roles.ts";
import { recordAudit } from "../audit/audit.ts";
import { AppError } from "../errors.ts";
import { osloDate } from "../platform/dates.ts";
import { parseInput } from "../platform/validation.ts";
import { assertRelayLogUser, auditLogChange, consentFactsOf, requireLog } from "./access.ts";
import { logHeader, type LogHeader } from "./header.ts";
import { notifyFamily } from "./family-notify.ts";
import {
  HANDOVER_DECLINE_MAX,
  HANDOVER_MESSAGE_MAX,
  HANDOVERS_PAGE_SIZE,
} from "./meeting-rules.ts";

/**
 * Handing over the baton (stafetten). The relay holder asks another employee to take over,
 * optionally as a transition between services (kindergarten → school) where one unit leaves
 * the log. Until the receiver accepts, the current holder keeps the baton and may cancel; the
 * receiver decides from their inbox. One pending handover per log (a unique index). Accepting
 * changes holder, participants and units in one transaction; a transition (or a unit no valid
 * consent covers) then asks the new holder to record consent for the new service.
 */

export type HandoverState = "pending" | "accepted" | "declined" | "cancelled";

interface Base {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
}

export interface HandoverView {
  id: string;
  fromName: string | null;
  toUserId: string;
  toName: string;
  toUnitName: string;
  isTransition: boolean;
  leavingUnitName: string | null;
  message: string;
  state: HandoverState;
  declineReason: string | null;
  createdAt: string;
  decidedAt: string | null;
}

export interface HandoverCandidate {
  userId: string;
  name: string;
  email: string;
  units: { id: string; name: string }[];
}

export interface InboxItem {
  id: string;
  logId: string;
  kind: "log" | "anonymous";
  /** The child's name, or the pseudonym of an anonymous case discussion. */
  title: string;
  fromName: string | null;
  toUnitName: string;
  isTransition: boolean;
  message: string;
  createdAt: string;
}

function tenantOf(actor: Actor): string {
  if (actor.kind === "system" || !actor.tenantId)
    throw new AppError("not_found", "errors.notFound");
  return actor.tenantId;
}

const isGuid = (value: string) => z.guid().safeParse(value).success;

/** The roles that may hold a log, for finding receivers in SQL. */
const relayLogRoles = staffRoles.filter((role) => rolePermissions[role]["relaylog.use"]);

// ---------------------------------------------------------------- the handover page

const fromUser = aliasedTable(users, "from_user");
const toUser = aliasedTable(users, "to_user");
const toUnit = aliasedTable(units, "to_unit");
const leavingUnit = aliasedTable(units, "leaving_unit");

function handoverColumns() {
  return {
    id: relayLogHandovers.id,
    fromName: fromUser.name,
    toUserId: relayLogHandovers.toUserId,
    toName: toUser.name,
    toUnitName: toUnit.name,
    isTransition: relayLogHandovers.isTransition,
    leavingUnitName: leavingUnit.name,
    message: relayLogHandovers.message,
    state: relayLogHandovers.state,
    declineReason: relayLogHandovers.declineReason,
    createdAt: relayLogHandovers.createdAt,
    decidedAt: relayLogHandovers.decidedAt,
  };
}

function handoverQuery(tx: Tx) {
  return tx
    .select(handoverColumns())
    .from(relayLogHandovers)
    .leftJoin(fromUser, eq(fromUser.id, relayLogHandovers.fromUserId))
    .innerJoin(toUser, eq(toUser.id, relayLogHandovers.toUserId))
    .innerJoin(toUnit, eq(toUnit.id, relayLogHandovers.toUnitId))
    .leftJoin(leavingUnit, eq(leavingUnit.id, relayLogHandovers.leavingUnitId));
}

type HandoverRow = Omit<HandoverView, "state" | "createdAt" | "decidedAt"> & {
  state: string;
  createdAt: Date;
  decidedAt: Date | null;
};

function viewOf(row: HandoverRow): HandoverView {
  return {
    ...row,
    state: row.state as HandoverState,
    createdAt: row.createdAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
  };
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** Employees who may receive the baton, found by name or e-mail (at least two characters). */
async function findCandidates(
  tx: Tx,
  tenantId: string,
  query: string,
  excludeUserId: string,
): Promise<HandoverCandidate[]> {
  const term = query.trim();
  if (term.length < 2) return [];
  const pattern = `%${escapeLike(term)}%`;
  const found = await tx
    .select({ userId: users.id, name: users.name, email: users.email })
    .from(users)
    .where(
      and(
        eq(users.tenantId, tenantId),
        eq(users.active, true),
        ne(users.id, excludeUserId),
        sql`${users.roles} && ARRAY[${sql.join(
          relayLogRoles.map((role) => sql`${role}`),
          sql`, `,
        )}]::text[]`,
        or(ilike(users.name, pattern), ilike(users.email, pattern)),
      ),
    )
    .orderBy(asc(users.name))
    .limit(20);
  if (found.length === 0) return [];
  const memberships = await tx
    .select({ userId: userUnits.userId, id: units.id, name: units.name })
    .from(userUnits)
    .innerJoin(units, eq(units.id, userUnits.unitId))
    .where(
      and(
        inArray(
          userUnits.userId,
          found.map((user) => user.userId),
        ),
        eq(units.active, true),
      ),
    )
    .orderBy(asc(units.name));
  return found.map((user) => ({
    ...user,
    units: memberships
      .filter((row) => row.userId === user.userId)
      .map(({ id, name }) => ({ id, name })),
  }));
}

/**
 * The handover page: the current holder, a pending handover, the history (25 per page) and,
 * for the holder, the log's units (which may leave on a transition) and receivers matching
 * `query`.
 */
export async function getHandoverPage(
  input: Base & { logId: string; page?: number; query?: string },
): Promise<{
  header: LogHeader;
  pending: HandoverView | null;
  history: HandoverView[];
  page: number;
  pages: number;
  logUnits: { id: string; name: string }[];
  candidates: HandoverCandidate[];
}> {
  return input.database.tenant(tenantOf(input.actor), async (tx) => {
    const context = await requireLog(tx, { ...input, need: "read", view: "handover" });
    const { log } = context;
    const [pending] = await handoverQuery(tx).where(
      and(eq(relayLogHandovers.logId, log.id), eq(relayLogHandovers.state, "pending")),
    );
    const decided = and(
      eq(relayLogHandovers.logId, log.id),
      ne(relayLogHandovers.state, "pending"),
    );
    const [total] = await tx.select({ value: count() }).from(relayLogHandovers).where(decided);
    const pages = Math.max(1, Math.ceil((total?.value ?? 0) / HANDOVERS_PAGE_SIZE));
    const page = Math.min(Math.max(1, Math.floor(input.page ?? 1)), pages);
    const history = await handoverQuery(tx)
      .where(decided)
      .orderBy(desc(relayLogHandovers.createdAt), desc(relayLogHandovers.id))
      .limit(HANDOVERS_PAGE_SIZE)
      .offset((page - 1) * HANDOVERS_PAGE_SIZE);
    const holderCanAct = context.access.holder && context.access.write;
    const logUnits =
      holderCanAct && log.unitIds.length > 0
        ? await tx
            .select({ id: units.id, name: units.name })
            .from(units)
            .where(inArray(units.id, log.unitIds))
            .orderBy(asc(units.name))
        : [];
    const candidates =
      holderCanAct && !pending && input.query
        ? await findCandidates(tx, log.tenantId, input.query, log.holderUserId)
        : [];
    return {
      header: await logHeader(tx, context),
      pending: pending ? viewOf(pending) : null,
      history: history.map(viewOf),
      page,
      pages,
      logUnits,
      candidates,
    };
  });
}

// ---------------------------------------------------------------- request and cancel

const checkbox = z.preprocess(
  (value) => value === "on" || value === "true" || value === true,
  z.boolean(),
);

const requestSchema = z.object({
  toUserId: z.guid("relayLog.meetings.handover.errors.chooseReceiver"),
  toUnitId: z.string().trim().default(""),
  message: z.string().trim().max(HANDOVER_MESSAGE_MAX).default(""),
  isTransition: checkbox.default(false),
  leavingUnitId: z.string().trim().default(""),
});

function fieldError(field: string, key: string): AppError {
  return new AppError("validation", "errors.validation", { fieldErrors: { [field]: key } });
}

function isUniqueViolation(error: unknown): boolean {
  for (let current: unknown = error; current; current = (current as { cause?: unknown }).cause) {
    if ((current as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

/**
 * The holder asks another employee to take over the baton, for one of the receiver's units.
 * With one unit the receiver's unit is chosen for them. A transition names the unit that leaves
 * the log when the receiver accepts. A second pending handover is refused.
 */
export async function requestHandover(
  input: Base & { logId: string; values: unknown },
): Promise<{ id: string }> {
  const values = parseInput(requestSchema, input.values);
  const actor = assertRelayLogUser(input.actor);
  try {
    return await input.database.tenant(actor.tenantId, async (tx) => {
      const { log } = await requireLog(tx, { ...input, need: "holderWrite" });
      if (values.toUserId === log.holderUserId) {
        throw fieldError("toUserId", "relayLog.meetings.handover.errors.toSelf");
      }
      const [receiver] = await tx
        .select({
          id: users.id,
          tenantId: users.tenantId,
          active: users.active,
          roles: users.roles,
        })
        .from(users)
        .where(eq(users.id, values.toUserId));
      if (!receiver || !mayReceiveBaton(receiver, log.tenantId)) {
        throw fieldError("toUserId", "relayLog.meetings.handover.errors.receiverNotAllowed");
      }
      const receiverUnits = await tx
        .select({ id: units.id })
        .from(userUnits)
        .innerJoin(units, eq(units.id, userUnits.unitId))
        .where(and(eq(userUnits.userId, receiver.id), eq(units.active, true)));
      let toUnitId = values.toUnitId;
      if (!toUnitId) {
        if (receiverUnits.length === 0) {
          throw fieldError("toUserId", "relayLog.meetings.handover.errors.receiverNoUnit");
        }
        if (receiverUnits.length > 1) {
          throw fieldError("toUnitId", "relayLog.meetings.handover.errors.chooseUnit");
        }
        toUnitId = receiverUnits[0]!.id;
      } else if (!isGuid(toUnitId) || !receiverUnits.some((unit) => unit.id === toUnitId)) {
        throw fieldError("toUnitId", "relayLog.meetings.handover.errors.unitNotReceivers");
      }
      let leavingUnitId: string | null = null;
      if (values.isTransition) {
        if (!values.leavingUnitId) {
          throw fieldError("leavingUnitId", "relayLog.meetings.handover.errors.chooseLeavingUnit");
        }
        if (!isGuid(values.leavingUnitId) || !log.unitIds.includes(values.leavingUnitId)) {
          throw fieldError("leavingUnitId", "relayLog.meetings.handover.errors.leavingNotInLog");
        }
        if (values.leavingUnitId === toUnitId) {
          throw fieldError("leavingUnitId", "relayLog.meetings.handover.errors.leavingIsReceiving");
        }
        leavingUnitId = values.leavingUnitId;
      }
      const [pending] = await tx
        .select({ id: relayLogHandovers.id })
        .from(relayLogHandovers)
        .where(and(eq(relayLogHandovers.logId, log.id), eq(relayLogHandovers.state, "pending")));
      if (pending)
        throw new AppError("conflict", "relayLog.meetings.handover.errors.pendingExists");
      const [created] = await tx
        .insert(relayLogHandovers)
        .values({
          tenantId: log.tenantId,
          logId: log.id,
          fromUserId: actor.userId,
          toUserId: receiver.id,
          toUnitId,
          isTransition: values.isTransition,
          leavingUnitId,
          message: values.message,
        })
        .returning({ id: relayLogHandovers.id });
      await auditLogChange(tx, {
        type: "relaylog.handover_requested",
        actor,
        meta: input.meta,
        log,
        details: {
          handoverId: created!.id,
          toUserId: receiver.id,
          toUnitId,
          isTransition: values.isTransition,
          leavingUnitId,
        },
      });
      return { id: created!.id };
    });
  } catch (error) {
    // Two holders' tabs racing past the check meet the unique index.
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", "relayLog.meetings.handover.errors.pendingExists");
    }
    throw error;
  }
}

/** The holder takes back a handover the receiver has not decided on yet. */
export async function cancelHandover(
  input: Base & { logId: string; handoverId: string },
): Promise<void> {
  const actor = assertRelayLogUser(input.actor);
  if (!isGuid(input.handoverId)) throw new AppError("not_found", "errors.notFound");
  await input.database.tenant(actor.tenantId, async (tx) => {
    const { log } = await requireLog(tx, { ...input, need: "holderWrite" });
    const updated = await tx
      .update(relayLogHandovers)
      .set({ state: "cancelled", decidedAt: new Date() })
      .where(
        and(
          eq(relayLogHandovers.id, input.handoverId),
          eq(relayLogHandovers.logId, log.id),
          eq(relayLogHandovers.state, "pending"),
        ),
      )
      .returning({ id: relayLogHandovers.id });
    if (updated.length === 0) {
      throw new AppError("conflict", "relayLog.meetings.handover.errors.notPending");
    }
    await auditLogChange(tx, {
      type: "relaylog.handover_decided",
      actor,
      meta: input.meta,
      log,
      details: { handoverId: input.handoverId, decision: "cancelled" },
    });
  });
}

// ---------------------------------------------------------------- the receiver's inbox

/**
 * Pending handovers addressed to the acting employee, newest first. The receiver is not a
 * participant yet: mayDecideHandover lets them see what they need to decide (the child's name,
 * from whom, the message and the date) and nothing else of the log. Each log shown is audited.
 */
export async function listHandoverInbox(input: Base): Promise<InboxItem[]> {
  const actor = assertRelayLogUser(input.actor);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const rows = await tx
      .select({
        id: relayLogHandovers.id,
        tenantId: relayLogHandovers.tenantId,
        toUserId: relayLogHandovers.toUserId,
        state: relayLogHandovers.state,
        logId: relayLogs.id,
        kind: relayLogs.kind,
        childName: relayLogs.childName,
        pseudonym: relayLogs.pseudonym,
        fromName: fromUser.name,
        toUnitName: toUnit.name,
        isTransition: relayLogHandovers.isTransition,
        message: relayLogHandovers.message,
        createdAt: relayLogHandovers.createdAt,
      })
      .from(relayLogHandovers)
      .innerJoin(relayLogs, eq(relayLogs.id, relayLogHandovers.logId))
      .leftJoin(fromUser, eq(fromUser.id, relayLogHandovers.fromUserId))
      .innerJoin(toUnit, eq(toUnit.id, relayLogHandovers.toUnitId))
      .where(
        and(
          eq(relayLogHandovers.tenantId, actor.tenantId),
          eq(relayLogHandovers.toUserId, actor.userId),
          eq(relayLogHandovers.state, "pending"),
          eq(relayLogs.status, "open"),
        ),
      )
      .orderBy(desc(relayLogHandovers.createdAt))
      .limit(HANDOVERS_PAGE_SIZE);
    const items: InboxItem[] = [];
    for (const row of rows.filter((candidate) => mayDecideHandover(actor, candidate))) {
      await recordAudit(tx, {
        type: "relaylog.viewed",
        tenantId: row.tenantId,
        actor,
        meta: input.meta,
        subject: { type: "relay_log", id: row.logId },
        details: { view: "handover_inbox", handoverId: row.id },
      });
      items.push({
        id: row.id,
        logId: row.logId,
        kind: row.kind as InboxItem["kind"],
        title: (row.kind === "anonymous" ? row.pseudonym : row.childName) ?? "",
        fromName: row.fromName,
        toUnitName: row.toUnitName,
        isTransition: row.isTransition,
        message: row.message,
        createdAt: row.createdAt.toISOString(),
      });
    }
    return items;
  });
}

/** How many handovers wait for the acting employee (for a badge or a start-page panel). */
export async function countPendingHandovers(input: Base): Promise<number> {
  if (input.actor.kind !== "staff") return 0;
  const actor = input.actor;
  return input.database.tenant(actor.tenantId, async (tx) => {
    const [row] = await tx
      .select({ value: count() })
      .from(relayLogHandovers)
      .innerJoin(relayLogs, eq(relayLogs.id, relayLogHandovers.logId))
      .where(
        and(
          eq(relayLogHandovers.toUserId, actor.userId),
          eq(relayLogHandovers.state, "pending"),
          eq(relayLogs.status, "open"),
        ),
      );
    return row?.value ?? 0;
  });
}

// ---------------------------------------------------------------- accept or decline

const decisionSchema = z
  .object({
    decision: z.enum(["accept", "decline"], { message: "errors.choice" }),
    declineReason: z.string().trim().max(HANDOVER_DECLINE_MAX).default(""),
  })
  .superRefine((value, context) => {
    if (value.decision === "decline" && !value.declineReason) {
      context.addIssue({
        code: "custom",
        path: ["declineReason"],
        message: "relayLog.meetings.handover.errors.declineReason",
      });
    }
  });

export interface HandoverDecision {
  logId: string;
  decision: "accepted" | "declined";
  /**
   * Accepted, and the new holder must record consent for the new service: always after a
   * transition, and whenever no valid consent covers the unit they now hold the log for.
   */
  consentNeeded: boolean;
}

/**
 * The receiver accepts or declines. Accepting, in one transaction: the receiver becomes holder
 * for their unit, takes part for it, and the unit joins the log; on a transition the leaving
 * unit's participants (the previous holder too, if they are in it) leave and the unit is taken
 * off the log. Declining keeps everything as it was, with the reason for the holder to read.
 */
export async function decideHandover(
  input: Base & { handoverId: string; values: unknown },
): Promise<HandoverDecision> {
  const actor = assertRelayLogUser(input.actor);
  if (!isGuid(input.handoverId)) throw new AppError("not_found", "errors.notFound");
  const values = parseInput(decisionSchema, input.values);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const [handover] = await tx
      .select()
      .from(relayLogHandovers)
      .where(eq(relayLogHandovers.id, input.handoverId))
      .for("update");
    if (!handover || handover.tenantId !== actor.tenantId || handover.toUserId !== actor.userId) {
      throw new AppError("not_found", "errors.notFound");
    }
    if (!mayDecideHandover(actor, handover)) {
      throw new AppError("conflict", "relayLog.meetings.handover.errors.notPending");
    }
    const [log] = await tx
      .select()
      .from(relayLogs)
      .where(eq(relayLogs.id, handover.logId))
      .for("update");
    if (!log) throw new AppError("not_found", "errors.notFound");
    if (log.status !== "open") throw new AppError("conflict", "relayLog.closedReadOnly");
    const now = new Date();

    if (values.decision === "decline") {
      await tx
        .update(relayLogHandovers)
        .set({ state: "declined", declineReason: values.declineReason, decidedAt: now })
        .where(eq(relayLogHandovers.id, handover.id));
      await auditLogChange(tx, {
        type: "relaylog.handover_decided",
        actor,
        meta: input.meta,
        log,
        details: { handoverId: handover.id, decision: "declined" },
      });
      return { logId: log.id, decision: "declined", consentNeeded: false };
    }

    // The receiver takes part for the unit they hold the log for.
    const [current] = await tx
      .select()
      .from(relayLogParticipants)
      .where(
        and(
          eq(relayLogParticipants.logId, log.id),
          eq(relayLogParticipants.userId, actor.userId),
          isNull(relayLogParticipants.leftAt),
        ),
      );
    if (!current || current.unitId !== handover.toUnitId) {
      if (current) {
        await tx
          .update(relayLogParticipants)
          .set({ leftAt: now })
          .where(eq(relayLogParticipants.id, current.id));
      }
      await tx.insert(relayLogParticipants).values({
        tenantId: log.tenantId,
        logId: log.id,
        userId: actor.userId,
        unitId: handover.toUnitId,
        addedBy: handover.fromUserId,
      });
      await auditLogChange(tx, {
        type: "relaylog.participant_added",
        actor,
        meta: input.meta,
        log,
        details: { userId: actor.userId, unitId: handover.toUnitId, via: "handover" },
      });
    }

    let unitIds = [...new Set([...log.unitIds, handover.toUnitId])];
    let leftUserIds: string[] = [];
    const leaving = handover.isTransition ? handover.leavingUnitId : null;
    if (leaving && leaving !== handover.toUnitId) {
      const left = await tx
        .update(relayLogParticipants)
        .set({ leftAt: now })
        .where(
          and(
            eq(relayLogParticipants.logId, log.id),
            eq(relayLogParticipants.unitId, leaving),
            isNull(relayLogParticipants.leftAt),
            ne(relayLogParticipants.userId, actor.userId),
          ),
        )
        .returning({ userId: relayLogParticipants.userId });
      leftUserIds = left.map((row) => row.userId);
      unitIds = unitIds.filter((unitId) => unitId !== leaving);
      if (leftUserIds.length > 0) {
        await auditLogChange(tx, {
          type: "relaylog.participant_left",
          actor,
          meta: input.meta,
          log,
          details: { userIds: leftUserIds, unitId: leaving, via: "transition" },
        });
      }
    }

    await tx
      .update(relayLogs)
      .set({
        holderUserId: actor.userId,
        holderUnitId: handover.toUnitId,
        unitIds,
        lockVersion: sql`${relayLogs.lockVersion} + 1`,
        updatedAt: now,
      })
      .where(eq(relayLogs.id, log.id));
    await tx
      .update(relayLogHandovers)
      .set({ state: "accepted", decidedAt: now })
      .where(eq(relayLogHandovers.id, handover.id));
    await auditLogChange(tx, {
      type: "relaylog.handover_decided",
      actor,
      meta: input.meta,
      log,
      details: {
        handoverId: handover.id,
        decision: "accepted",
        fromUserId: log.holderUserId,
        toUnitId: handover.toUnitId,
        isTransition: handover.isTransition,
        leavingUnitId: leaving,
      },
    });
    await notifyFamily(tx, { log, kind: "holder", dedupeKey: handover.id });

    let consentNeeded = false;
    if (log.kind === "log") {
      const today = osloDate(now);
      const { records, requirement } = await consentFactsOf(tx, log, today);
      const covered = consentedUnits(records, today, requirement).includes(handover.toUnitId);
      consentNeeded = handover.isTransition || !covered;
    }
    return { logId: log.id, decision: "accepted", consentNeeded };
  });
}
