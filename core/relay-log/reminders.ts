import {
  and,
  asc,
  count,
  desc,
  eq,
  gte,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  ne,
  notInArray,
  sql,
} from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "../../db/client.ts";
import {
  nextOfKinCases,
  notifications,
  relayLogConsents,
  relayLogEvaluations,
  relayLogGuardians,
  relayLogHandovers,
  relayLogJoinRequests,
  relayLogMeasures,
  relayLogMeetings,
  relayLogParticipants,
  relayLogs,
  tenants,
  users,
} from "../../db/schema/index.ts";
import { translator } from "../../i18n/index.ts";
import { noRequestMeta, systemActor, type Actor, type RequestMeta } from "../access/actor.ts";
import { can } from "../access/policy.ts";
import {
  consentedUnits,
  consentStateOf,
  decideLogAccess,
  noLogAccess,
  type ConsentRecordFacts,
  type LogAccess,
} from "../access/relay-log.ts";
import type { StaffRole } from "../access/roles.ts";
import { recordAudit } from "../audit/audit.ts";
import { AppError } from "../errors.ts";
import { addDays, osloDate } from "../platform/dates.ts";
import { HANDOVER_INBOX_PATH } from "./open-rules.ts";
import { implementationReminderKinds, reminderKinds, type ReminderKind } from "./reminder-kinds.ts";
import { loadLogContext, youthConsentAgeOf, type LogContext, type Staff } from "./access.ts";
import { consentRequirement, type GuardianFacts } from "./consent-rules.ts";
import { mailFamilyNotifications } from "./family-notify.ts";

/**
 * Reminders for the relay log (stafettlogg): what needs attention becomes a row in
 * `notifications` for each user it concerns, shown under «Varsler» and mirrored by one short
 * e-mail per user and run when mail is configured.
 *
 * - A row's dedupe key is kind | object id | due date | user, unique per municipality, and rows
 *   are inserted with ON CONFLICT DO NOTHING: a re-run (or a second node) never duplicates a
 *   reminder, and a changed date reminds again.
 * - A row stores no text. What a notification says is built when it is shown, and the log's
 *   name only if the reader may read the log at that moment (core/access/relay-log.ts).
 * - Participants whom lapsed consent has frozen out get no reminder about that log.
 * - The e-mail says how many new reminders there are and where to see them, nothing else.
 */

export { implementationReminderKinds, reminderKinds, type ReminderKind };

/** An evaluation reminds from this many days before its date (and while it is overdue). */
export const EVALUATION_REMINDER_DAYS = 7;
export const CONSENT_REMINDER_DAYS = 30;
export const MEETING_REMINDER_HOURS = 48;
/** Days before a closed log is deleted that its holder is told to produce the archive PDF. */
export const RETENTION_REMINDER_DAYS = 14;
export const NEXT_OF_KIN_REMINDER_DAYS = 3;
/** New notifications not yet e-mailed are mailed by the next run within this window. */
const MAIL_WINDOW = sql`now() - interval '24 hours'`;

/** Kinds whose reader need not be able to read the log to be told (the name still needs it). */
const noLogAccessNeeded: ReadonlySet<ReminderKind> = new Set([
  "handover_pending",
  "next_of_kin_follow_up",
]);

export function reminderKey(
  kind: ReminderKind,
  objectId: string,
  due: string,
  userId: string,
): string {
  return [kind, objectId, due, userId].join("|");
}

/** The due date (or meeting time) a reminder was made for, read back from its key. */
export function reminderDue(dedupeKey: string): string | null {
  return dedupeKey.split("|")[2] ?? null;
}

const logPath = (logId: string, tab = "") => `/stafettlogger/${logId}${tab}`;
/** The page of one «barn som pårørende» case. */
export const nextOfKinCasePath = (caseId: string) => `/barn-som-parorende/${caseId}`;

/** What the job needs of server/mail.ts's Mailer. */
export interface RelayLogReminderMailer {
  readonly configured: boolean;
  sendMail(message: { to: string; subject: string; text: string }): Promise<void>;
}

interface Wanted {
  kind: ReminderKind;
  objectId: string;
  due: string;
  logId: string | null;
  link: string;
  userIds: (string | null)[];
  /** Also every participant of the log (the access check decides who of them is told). */
  participants?: boolean;
}

interface UserRow {
  id: string;
  name: string;
  email: string;
  roles: string[];
  active: boolean;
}

function staffActorOf(user: UserRow, tenantId: string): Staff {
  return {
    kind: "staff",
    userId: user.id,
    tenantId,
    name: user.name,
    email: user.email,
    roles: user.roles as StaffRole[],
    unitIds: [],
  };
}

function chunked<T>(values: readonly T[], size = 1000): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < values.length; start += size) {
    chunks.push(values.slice(start, start + size));
  }
  return chunks;
}

export interface RelayLogReminderRun {
  /** Notifications created in this run. */
  created: number;
  /** E-mails sent (one per user with new notifications). */
  emailed: number;
}

/**
 * The reminder job, across municipalities: one tenant transaction per municipality creates the
 * notifications (row-level security applies), then, when mail is configured, one e-mail per
 * user who has notifications not yet mailed. The mail rows are claimed (emailed_at set) before
 * sending, so two runs never mail twice; a failed send releases its claim for the next run and
 * is reported to the runner's log. The in-app notification stands either way.
 */
export async function createRelayLogReminders(input: {
  database: Database;
  mailer?: RelayLogReminderMailer;
  /** YYYY-MM-DD in Norway; from `now` when left out. */
  today?: string;
  now?: Date;
  /** PUBLIC_URL, for the link in the e-mail. */
  publicUrl?: string;
}): Promise<RelayLogReminderRun> {
  const now = input.now ?? new Date();
  const today = input.today ?? osloDate(now);
  const tenantRows = await input.database.system((tx) =>
    tx.select({ id: tenants.id }).from(tenants).orderBy(asc(tenants.id)),
  );
  const run: RelayLogReminderRun = { created: 0, emailed: 0 };
  let failures = 0;
  const failedTenants: string[] = [];
  for (const { id: tenantId } of tenantRows) {
    // One municipality's failure must not hold back the others' reminders.
    try {
      run.created += await input.database.tenant(tenantId, (tx) =>
        remindTenant(tx, tenantId, today, now),
      );
      if (input.mailer?.configured) {
        const mailed = await mailTenant(input.database, tenantId, input.mailer, input.publicUrl);
        run.emailed += mailed.sent;
        failures += mailed.failed;
        // The family's e-mails (core/relay-log/family-notify.ts): same claim-then-send pattern.
        const family = await mailFamilyNotifications(
          input.database,
          tenantId,
          input.mailer,
          input.publicUrl,
        );
        run.emailed += family.sent;
        failures += family.failed;
      }
    } catch (error) {
      failedTenants.push(`${tenantId}: ${(error as Error).message}`);
    }
  }
  if (failedTenants.length > 0) {
    throw new Error(`relay log reminders failed for ${failedTenants.join("; ")}`);
  }
  // Reported to the job runner's log (without addresses); the in-app notifications stand.
  if (failures > 0) throw new Error(`${failures} relay log reminder e-mail(s) failed`);
  return run;
}

async function remindTenant(tx: Tx, tenantId: string, today: string, now: Date): Promise<number> {
  const wanted: Wanted[] = [];
  // Evaluations due within 7 days or overdue, not held: the holder and the participants.
  const evaluations = await tx
    .select({
      id: relayLogEvaluations.id,
      logId: relayLogEvaluations.logId,
      due: relayLogEvaluations.scheduledOn,
      holder: relayLogs.holderUserId,
    })
    .from(relayLogEvaluations)
    .innerJoin(relayLogs, eq(relayLogs.id, relayLogEvaluations.logId))
    .where(
      and(
        eq(relayLogEvaluations.tenantId, tenantId),
        eq(relayLogs.tenantId, tenantId),
        eq(relayLogs.status, "open"),
        isNull(relayLogEvaluations.heldOn),
        lte(relayLogEvaluations.scheduledOn, addDays(today, EVALUATION_REMINDER_DAYS)),
      ),
    );
  for (const row of evaluations) {
    wanted.push({
      kind: "evaluation_due",
      objectId: row.id,
      due: row.due,
      logId: row.logId,
      link: logPath(row.logId, "/evaluering"),
      userIds: [row.holder],
      participants: true,
    });
  }

  // Measures past their deadline and neither done nor stopped: the holder and the person responsible.
  const measures = await tx
    .select({
      id: relayLogMeasures.id,
      logId: relayLogMeasures.logId,
      due: relayLogMeasures.dueOn,
      responsible: relayLogMeasures.responsibleUserId,
      holder: relayLogs.holderUserId,
    })
    .from(relayLogMeasures)
    .innerJoin(relayLogs, eq(relayLogs.id, relayLogMeasures.logId))
    .where(
      and(
        eq(relayLogMeasures.tenantId, tenantId),
        eq(relayLogs.tenantId, tenantId),
        eq(relayLogs.status, "open"),
        lt(relayLogMeasures.dueOn, today),
        notInArray(relayLogMeasures.status, ["done", "stopped"]),
      ),
    );
  for (const row of measures) {
    wanted.push({
      kind: "measure_overdue",
      objectId: row.id,
      due: row.due,
      logId: row.logId,
      link: logPath(row.logId, "/plan"),
      userIds: [row.holder, row.responsible],
    });
  }

  // Consent that expires within 30 days, or has expired: the holder. Only logs that have a
  // record not withdrawn and ending within the window can be in either state.
  const expiringLogIds = tx
    .select({ logId: relayLogConsents.logId })
    .from(relayLogConsents)
    .where(
      and(
        eq(relayLogConsents.tenantId, tenantId),
        isNull(relayLogConsents.withdrawnAt),
        lte(relayLogConsents.expiresOn, addDays(today, CONSENT_REMINDER_DAYS)),
      ),
    );
  const consentRows = await tx
    .select({
      id: relayLogConsents.id,
      logId: relayLogConsents.logId,
      givenOn: relayLogConsents.givenOn,
      expiresOn: relayLogConsents.expiresOn,
      withdrawnAt: relayLogConsents.withdrawnAt,
      holder: relayLogs.holderUserId,
    })
    .from(relayLogConsents)
    .innerJoin(relayLogs, eq(relayLogs.id, relayLogConsents.logId))
    .where(
      and(
        eq(relayLogConsents.tenantId, tenantId),
        eq(relayLogs.tenantId, tenantId),
        eq(relayLogs.status, "open"),
        eq(relayLogs.kind, "log"),
        inArray(relayLogConsents.logId, expiringLogIds),
      ),
    );
  const consentsByLog = new Map<string, typeof consentRows>();
  for (const row of consentRows) {
    const list = consentsByLog.get(row.logId) ?? [];
    list.push(row);
    consentsByLog.set(row.logId, list);
  }
  for (const [logId, records] of consentsByLog) {
    const { state } = consentStateOf(records, today);
    const holder = records[0]!.holder;
    if (state === "valid") {
      const valid = records.filter(
        (record) => !record.withdrawnAt && record.givenOn <= today && record.expiresOn >= today,
      );
      const last = valid.reduce((a, b) => (b.expiresOn > a.expiresOn ? b : a));
      if (last.expiresOn <= addDays(today, CONSENT_REMINDER_DAYS)) {
        wanted.push({
          kind: "consent_expiring",
          objectId: last.id,
          due: last.expiresOn,
          logId,
          link: logPath(logId, "/samtykke"),
          userIds: [holder],
        });
      }
    } else if (state === "expired") {
      const latest = [...records].sort((a, b) => (a.givenOn < b.givenOn ? 1 : -1))[0]!;
      wanted.push({
        kind: "consent_expired",
        objectId: latest.id,
        due: latest.expiresOn,
        logId,
        link: logPath(logId, "/samtykke"),
        userIds: [holder],
      });
    }
  }

  // Handovers waiting for the receiver's answer: the receiver.
  const handovers = await tx
    .select({
      id: relayLogHandovers.id,
      logId: relayLogHandovers.logId,
      createdAt: relayLogHandovers.createdAt,
      receiver: relayLogHandovers.toUserId,
    })
    .from(relayLogHandovers)
    .innerJoin(relayLogs, eq(relayLogs.id, relayLogHandovers.logId))
    .where(
      and(
        eq(relayLogHandovers.tenantId, tenantId),
        eq(relayLogs.tenantId, tenantId),
        eq(relayLogs.status, "open"),
        eq(relayLogHandovers.state, "pending"),
      ),
    );
  for (const row of handovers) {
    wanted.push({
      kind: "handover_pending",
      objectId: row.id,
      due: osloDate(row.createdAt),
      logId: row.logId,
      // The receiver's inbox: they are not a participant yet.
      link: HANDOVER_INBOX_PATH,
      userIds: [row.receiver],
    });
  }

  // Requests to join waiting for the holder's decision: the holder.
  const joinRequests = await tx
    .select({
      id: relayLogJoinRequests.id,
      logId: relayLogJoinRequests.logId,
      createdAt: relayLogJoinRequests.createdAt,
      holder: relayLogs.holderUserId,
    })
    .from(relayLogJoinRequests)
    .innerJoin(relayLogs, eq(relayLogs.id, relayLogJoinRequests.logId))
    .where(
      and(
        eq(relayLogJoinRequests.tenantId, tenantId),
        eq(relayLogs.tenantId, tenantId),
        eq(relayLogs.status, "open"),
        eq(relayLogJoinRequests.state, "pending"),
      ),
    );
  for (const row of joinRequests) {
    wanted.push({
      kind: "join_request",
      objectId: row.id,
      due: osloDate(row.createdAt),
      logId: row.logId,
      link: `${logPath(row.logId)}#join-requests`,
      userIds: [row.holder],
    });
  }

  // Planned meetings starting within the next two days: the meeting's participants.
  const meetings = await tx
    .select({
      id: relayLogMeetings.id,
      logId: relayLogMeetings.logId,
      startsAt: relayLogMeetings.startsAt,
      participants: relayLogMeetings.participantUserIds,
    })
    .from(relayLogMeetings)
    .innerJoin(relayLogs, eq(relayLogs.id, relayLogMeetings.logId))
    .where(
      and(
        eq(relayLogMeetings.tenantId, tenantId),
        eq(relayLogs.tenantId, tenantId),
        eq(relayLogs.status, "open"),
        eq(relayLogMeetings.status, "planned"),
        gte(relayLogMeetings.startsAt, now),
        lte(
          relayLogMeetings.startsAt,
          new Date(now.getTime() + MEETING_REMINDER_HOURS * 3_600_000),
        ),
      ),
    );
  for (const row of meetings) {
    wanted.push({
      kind: "meeting",
      objectId: row.id,
      due: row.startsAt.toISOString(),
      logId: row.logId,
      link: logPath(row.logId, "/moter"),
      userIds: row.participants,
    });
  }

  // Closed logs deleted within 14 days whose archive PDF has not been produced: the holder.
  const retention = await tx
    .select({ id: relayLogs.id, due: relayLogs.deleteAfter, holder: relayLogs.holderUserId })
    .from(relayLogs)
    .where(
      and(
        eq(relayLogs.tenantId, tenantId),
        eq(relayLogs.status, "closed"),
        isNull(relayLogs.archivedAt),
        isNotNull(relayLogs.deleteAfter),
        lte(relayLogs.deleteAfter, addDays(today, RETENTION_REMINDER_DAYS)),
      ),
    );
  for (const row of retention) {
    wanted.push({
      kind: "retention_due",
      objectId: row.id,
      due: row.due!,
      logId: row.id,
      link: logPath(row.id, "/avslutt"),
      userIds: [row.holder],
    });
  }

  // Barn som pårørende: a follow-up date within 3 days or past, on an open case: its creator.
  const followUps = await tx
    .select({
      id: nextOfKinCases.id,
      due: nextOfKinCases.followUpOn,
      creator: nextOfKinCases.createdBy,
    })
    .from(nextOfKinCases)
    .where(
      and(
        eq(nextOfKinCases.tenantId, tenantId),
        eq(nextOfKinCases.status, "open"),
        isNotNull(nextOfKinCases.createdBy),
        isNotNull(nextOfKinCases.followUpOn),
        lte(nextOfKinCases.followUpOn, addDays(today, NEXT_OF_KIN_REMINDER_DAYS)),
      ),
    );
  for (const row of followUps) {
    wanted.push({
      kind: "next_of_kin_follow_up",
      objectId: row.id,
      due: row.due!,
      logId: null,
      link: nextOfKinCasePath(row.id),
      userIds: [row.creator],
    });
  }

  if (wanted.length === 0) return 0;
  const access = await accessFacts(tx, tenantId, wanted, today);

  const rows: (typeof notifications.$inferInsert)[] = [];
  const keys = new Set<string>();
  for (const item of wanted) {
    const candidates = [
      ...item.userIds,
      ...(item.participants && item.logId ? (access.participants.get(item.logId) ?? []) : []),
    ];
    for (const userId of candidates) {
      if (!userId) continue;
      const user = access.users.get(userId);
      if (!user?.active) continue;
      const actor = staffActorOf(user, tenantId);
      if (!can(actor, "relaylog.use")) continue;
      if (item.logId) {
        const decided = access.decide(actor, item.logId);
        // Frozen out by lapsed consent: nothing about this log, whatever the kind.
        if (decided.frozen) continue;
        if (!decided.read && !noLogAccessNeeded.has(item.kind)) continue;
      }
      const dedupeKey = reminderKey(item.kind, item.objectId, item.due, userId);
      if (keys.has(dedupeKey)) continue;
      keys.add(dedupeKey);
      rows.push({
        tenantId,
        userId,
        kind: item.kind,
        logId: item.logId,
        link: item.link,
        dedupeKey,
      });
    }
  }

  const inserted: {
    id: string;
    userId: string | null;
    logId: string | null;
    kind: string;
    dedupeKey: string;
  }[] = [];
  for (const chunk of chunked(rows, 500)) {
    inserted.push(
      ...(await tx
        .insert(notifications)
        .values(chunk)
        .onConflictDoNothing({ target: [notifications.tenantId, notifications.dedupeKey] })
        .returning({
          id: notifications.id,
          userId: notifications.userId,
          logId: notifications.logId,
          kind: notifications.kind,
          dedupeKey: notifications.dedupeKey,
        })),
    );
  }
  if (inserted.length === 0) return 0;

  // One audit event per log (or case) reminded about: ids and kinds, nothing else.
  const actor = systemActor(tenantId, "relaylog.reminders");
  const bySubject = new Map<string, { type: string; id: string; rows: typeof inserted }>();
  for (const row of inserted) {
    const subject = row.logId
      ? { type: "relay_log", id: row.logId }
      : { type: "next_of_kin_case", id: row.dedupeKey.split("|")[1]! };
    const key = `${subject.type}:${subject.id}`;
    const entry = bySubject.get(key) ?? { ...subject, rows: [] };
    entry.rows.push(row);
    bySubject.set(key, entry);
  }
  for (const entry of bySubject.values()) {
    await recordAudit(tx, {
      type: "relaylog.reminder_sent",
      tenantId,
      actor,
      meta: noRequestMeta,
      subject: { type: entry.type, id: entry.id },
      details: {
        kinds: [...new Set(entry.rows.map((row) => row.kind))].sort(),
        notificationIds: entry.rows.map((row) => row.id),
        userIds: [...new Set(entry.rows.map((row) => row.userId))],
      },
    });
  }

  // The source rows remember when their first reminder went out.
  const objectIdsOf = (kind: ReminderKind) => [
    ...new Set(
      inserted.filter((row) => row.kind === kind).map((row) => row.dedupeKey.split("|")[1]!),
    ),
  ];
  const stamp = new Date();
  for (const ids of chunked(objectIdsOf("handover_pending"))) {
    await tx
      .update(relayLogHandovers)
      .set({ reminderSentAt: stamp })
      .where(and(inArray(relayLogHandovers.id, ids), isNull(relayLogHandovers.reminderSentAt)));
  }
  for (const ids of chunked(objectIdsOf("join_request"))) {
    await tx
      .update(relayLogJoinRequests)
      .set({ reminderSentAt: stamp })
      .where(
        and(inArray(relayLogJoinRequests.id, ids), isNull(relayLogJoinRequests.reminderSentAt)),
      );
  }
  for (const ids of chunked(objectIdsOf("next_of_kin_follow_up"))) {
    await tx
      .update(nextOfKinCases)
      .set({ reminderSentAt: stamp })
      .where(and(inArray(nextOfKinCases.id, ids), isNull(nextOfKinCases.reminderSentAt)));
  }
  return inserted.length;
}

/**
 * What the policy needs to decide, for every log and user the reminders concern, in a few bulk
 * queries: the log, its valid consents, its active participants, and the users themselves.
 */
async function accessFacts(tx: Tx, tenantId: string, wanted: Wanted[], today: string) {
  const logIds = [...new Set(wanted.map((item) => item.logId).filter((id): id is string => !!id))];
  const logs = new Map<
    string,
    { kind: string; status: string; holderUserId: string; childBirthDate: string | null }
  >();
  const consents = new Map<string, ConsentRecordFacts[]>();
  /** log → its guardians, for who must consent (digital consent covers a unit only when all have). */
  const guardiansByLog = new Map<string, GuardianFacts[]>();
  /** log → user → units the user takes part for. */
  const participantUnits = new Map<string, Map<string, string[]>>();
  for (const ids of chunked(logIds)) {
    for (const log of await tx
      .select({
        id: relayLogs.id,
        kind: relayLogs.kind,
        status: relayLogs.status,
        holderUserId: relayLogs.holderUserId,
        childBirthDate: relayLogs.childBirthDate,
      })
      .from(relayLogs)
      .where(and(eq(relayLogs.tenantId, tenantId), inArray(relayLogs.id, ids)))) {
      logs.set(log.id, log);
    }
    for (const guardian of await tx
      .select({
        logId: relayLogGuardians.logId,
        id: relayLogGuardians.id,
        name: relayLogGuardians.name,
        parentalResponsibility: relayLogGuardians.parentalResponsibility,
      })
      .from(relayLogGuardians)
      .where(
        and(eq(relayLogGuardians.tenantId, tenantId), inArray(relayLogGuardians.logId, ids)),
      )) {
      guardiansByLog.set(guardian.logId, [...(guardiansByLog.get(guardian.logId) ?? []), guardian]);
    }
    for (const consent of await tx
      .select({
        logId: relayLogConsents.logId,
        withdrawnAt: relayLogConsents.withdrawnAt,
        givenOn: relayLogConsents.givenOn,
        expiresOn: relayLogConsents.expiresOn,
        unitIds: relayLogConsents.unitIds,
        method: relayLogConsents.method,
        givers: relayLogConsents.givers,
      })
      .from(relayLogConsents)
      .where(and(eq(relayLogConsents.tenantId, tenantId), inArray(relayLogConsents.logId, ids)))) {
      const list = consents.get(consent.logId) ?? [];
      list.push(consent);
      consents.set(consent.logId, list);
    }
    for (const row of await tx
      .select({
        logId: relayLogParticipants.logId,
        userId: relayLogParticipants.userId,
        unitId: relayLogParticipants.unitId,
      })
      .from(relayLogParticipants)
      .where(
        and(
          eq(relayLogParticipants.tenantId, tenantId),
          inArray(relayLogParticipants.logId, ids),
          isNull(relayLogParticipants.leftAt),
        ),
      )) {
      const byUser = participantUnits.get(row.logId) ?? new Map<string, string[]>();
      byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row.unitId]);
      participantUnits.set(row.logId, byUser);
    }
  }

  const userIds = new Set<string>();
  for (const item of wanted) for (const id of item.userIds) if (id) userIds.add(id);
  for (const byUser of participantUnits.values()) for (const id of byUser.keys()) userIds.add(id);
  const userRows = new Map<string, UserRow>();
  for (const ids of chunked([...userIds])) {
    for (const user of await tx
      .select({
        id: users.id,
        name: users.name,
        email: users.email,
        roles: users.roles,
        active: users.active,
      })
      .from(users)
      .where(and(eq(users.tenantId, tenantId), inArray(users.id, ids)))) {
      userRows.set(user.id, user);
    }
  }

  const consentAge = await youthConsentAgeOf(tx, tenantId);
  const consentFacts = new Map<
    string,
    { units: string[]; state: ReturnType<typeof consentStateOf>["state"] }
  >();
  return {
    users: userRows,
    participants: new Map(
      [...participantUnits].map(([logId, byUser]) => [logId, [...byUser.keys()]]),
    ),
    decide(actor: Staff, logId: string): LogAccess {
      const log = logs.get(logId);
      if (!log) return noLogAccess;
      let facts = consentFacts.get(logId);
      if (!facts) {
        const records = consents.get(logId) ?? [];
        const requirement = consentRequirement({
          birthDate: log.childBirthDate,
          today,
          consentAge,
          guardians: guardiansByLog.get(logId) ?? [],
        });
        facts = {
          units: consentedUnits(records, today, requirement),
          state: consentStateOf(records, today, requirement).state,
        };
        consentFacts.set(logId, facts);
      }
      return decideLogAccess(actor, {
        tenantId,
        kind: log.kind as "log" | "anonymous",
        status: log.status as "open" | "closed",
        holderUserId: log.holderUserId,
        actorParticipantUnitIds: participantUnits.get(logId)?.get(actor.userId) ?? [],
        consentedUnitIds: facts.units,
        consentState: facts.state,
      });
    },
  };
}

/** Claims the tenant's unmailed reminders, sends one e-mail per user, and releases what failed. */
async function mailTenant(
  database: Database,
  tenantId: string,
  mailer: RelayLogReminderMailer,
  publicUrl: string | undefined,
): Promise<{ sent: number; failed: number }> {
  const claimed = await database.tenant(tenantId, async (tx) => {
    const eligible = tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.tenantId, tenantId), eq(users.active, true), ne(users.email, "")));
    const rows = await tx
      .update(notifications)
      .set({ emailedAt: new Date() })
      .where(
        and(
          eq(notifications.tenantId, tenantId),
          isNull(notifications.emailedAt),
          gte(notifications.createdAt, MAIL_WINDOW),
          inArray(notifications.kind, [...reminderKinds]),
          inArray(notifications.userId, eligible),
        ),
      )
      .returning({ id: notifications.id, userId: notifications.userId });
    if (rows.length === 0) return [];
    const recipients = new Map<string, { email: string; name: string; ids: string[] }>();
    const people = await tx
      .select({ id: users.id, email: users.email, name: users.name })
      .from(users)
      .where(
        and(
          eq(users.tenantId, tenantId),
          inArray(users.id, [...new Set(rows.map((row) => row.userId!))]),
        ),
      );
    for (const person of people) recipients.set(person.id, { ...person, ids: [] });
    for (const row of rows) recipients.get(row.userId!)?.ids.push(row.id);
    return [...recipients.values()].filter((recipient) => recipient.ids.length > 0);
  });
  const t = translator("nb");
  const link = publicUrl ? new URL("/varsler", publicUrl).href : null;
  let sent = 0;
  const failedIds: string[] = [];
  for (const recipient of claimed) {
    try {
      await mailer.sendMail({
        to: recipient.email,
        subject: t("relayLog.close.reminders.mail.subject"),
        text: t(
          link ? "relayLog.close.reminders.mail.bodyLink" : "relayLog.close.reminders.mail.body",
          {
            name: recipient.name,
            count: recipient.ids.length,
            link,
          },
        ),
      });
      sent += 1;
    } catch {
      failedIds.push(...recipient.ids);
    }
  }
  if (failedIds.length > 0) {
    await database.tenant(tenantId, async (tx) => {
      for (const ids of chunked(failedIds)) {
        await tx
          .update(notifications)
          .set({ emailedAt: null })
          .where(and(eq(notifications.tenantId, tenantId), inArray(notifications.id, ids)));
      }
    });
  }
  return { sent, failed: claimed.length - sent };
}

// ---------------------------------------------------------------------------------------------
// The reader's side: «Varsler». A user only ever sees and changes their own rows.

export const NOTIFICATIONS_PAGE_SIZE = 25;

export interface NotificationItem {
  id: string;
  kind: ReminderKind;
  /** The date (or, for meetings, the time) the reminder is about. */
  due: string | null;
  /** The due date has passed (evaluations, measures, follow-ups, expired consent). */
  overdue: boolean;
  createdAt: Date;
  read: boolean;
  /** The log's name (the child's, or the pseudonym) only while the reader may read the log. */
  logTitle: string | null;
  logKind: "log" | "anonymous" | null;
  /** Where the notification leads; null when it would lead nowhere the reader may go. */
  link: string | null;
}

export interface NotificationPage {
  items: NotificationItem[];
  page: number;
  pages: number;
  total: number;
  unread: number;
}

function mine(actor: Staff) {
  return and(eq(notifications.tenantId, actor.tenantId), eq(notifications.userId, actor.userId));
}

function asKind(kind: string): ReminderKind | null {
  return (reminderKinds as readonly string[]).includes(kind) ? (kind as ReminderKind) : null;
}

/**
 * The actor's notifications, newest first, 25 a page. Each log's name is looked up now, through
 * the access policy: a reader who has since lost access (or is frozen out) sees a neutral text.
 * Showing names is recorded as one `relaylog.list_viewed` event with the log ids.
 */
/**
 * «Varsler» belongs to every staff member, not only relay log users: survey invitations and the
 * implementation module's reminders reach sector leaders and others without relay log access.
 * Each notification about a log is still shown only as far as the log's own access allows.
 */
function assertNotificationReader(actor: Actor): Staff {
  if (actor.kind !== "staff") throw new AppError("forbidden", "errors.forbidden");
  return actor;
}

export async function listNotifications(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  page?: number;
  pageSize?: number;
}): Promise<NotificationPage> {
  const actor = assertNotificationReader(input.actor);
  const pageSize = input.pageSize ?? NOTIFICATIONS_PAGE_SIZE;
  return input.database.tenant(actor.tenantId, async (tx) => {
    const [totals] = await tx
      .select({
        total: count(),
        unread: sql<number>`count(*) filter (where ${notifications.readAt} is null)`.mapWith(
          Number,
        ),
      })
      .from(notifications)
      .where(and(mine(actor), inArray(notifications.kind, [...reminderKinds])));
    const total = totals?.total ?? 0;
    const pages = Math.max(Math.ceil(total / pageSize), 1);
    const requested = Number.isInteger(input.page) ? input.page! : 1;
    const page = Math.min(Math.max(requested, 1), pages);
    const rows = await tx
      .select()
      .from(notifications)
      .where(and(mine(actor), inArray(notifications.kind, [...reminderKinds])))
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize);
    const today = osloDate();
    const contexts = new Map<string, LogContext | null>();
    const items: NotificationItem[] = [];
    for (const row of rows) {
      const kind = asKind(row.kind);
      if (!kind) continue;
      let context: LogContext | null = null;
      if (row.logId) {
        if (!contexts.has(row.logId)) {
          contexts.set(row.logId, await loadLogContext(tx, actor, row.logId, today));
        }
        context = contexts.get(row.logId) ?? null;
      }
      const readable = context?.access.read === true;
      const due = reminderDue(row.dedupeKey);
      const dueDay = due && kind === "meeting" ? osloDate(new Date(due)) : due;
      const reachable =
        !row.logId || readable || context?.access.frozen === true || kind === "handover_pending";
      items.push({
        id: row.id,
        kind,
        due,
        overdue:
          kind !== "meeting" &&
          kind !== "handover_pending" &&
          kind !== "join_request" &&
          kind !== "family_contribution" &&
          !kind.startsWith("family_") &&
          (kind === "onboarding_due" ||
            kind === "grant_report_due" ||
            !implementationReminderKinds.has(kind)) &&
          !!dueDay &&
          dueDay < today,
        createdAt: row.createdAt,
        read: row.readAt !== null,
        logTitle: readable
          ? ((context!.log.kind === "anonymous"
              ? context!.log.pseudonym
              : context!.log.childName) ?? null)
          : null,
        logKind: readable ? (context!.log.kind as "log" | "anonymous") : null,
        link: reachable ? row.link : null,
      });
    }
    const shown = [...contexts].filter(([, context]) => context?.access.read).map(([id]) => id);
    if (shown.length > 0) {
      await recordAudit(tx, {
        type: "relaylog.list_viewed",
        tenantId: actor.tenantId,
        actor,
        meta: input.meta,
        details: { view: "notifications", logIds: shown },
      });
    }
    return { items, page, pages, total, unread: totals?.unread ?? 0 };
  });
}

export async function markNotificationRead(input: {
  database: Database;
  actor: Actor;
  notificationId: string;
}): Promise<void> {
  const actor = assertNotificationReader(input.actor);
  if (!z.guid().safeParse(input.notificationId).success) {
    throw new AppError("not_found", "errors.notFound");
  }
  const updated = await input.database.tenant(actor.tenantId, (tx) =>
    tx
      .update(notifications)
      .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
      .where(and(mine(actor), eq(notifications.id, input.notificationId)))
      .returning({ id: notifications.id }),
  );
  // Another user's notification is "not found", never "forbidden".
  if (updated.length === 0) throw new AppError("not_found", "errors.notFound");
}

/** Marks every unread notification of the actor read; returns how many. */
export async function markAllRead(input: { database: Database; actor: Actor }): Promise<number> {
  const actor = assertNotificationReader(input.actor);
  const updated = await input.database.tenant(actor.tenantId, (tx) =>
    tx
      .update(notifications)
      .set({ readAt: new Date() })
      .where(
        and(
          mine(actor),
          isNull(notifications.readAt),
          inArray(notifications.kind, [...reminderKinds]),
        ),
      )
      .returning({ id: notifications.id }),
  );
  return updated.length;
}

/** One indexed count (tenant, user, read_at): cheap enough for the navigation on every page. */
export async function unreadCount(input: { database: Database; actor: Actor }): Promise<number> {
  const actor = assertNotificationReader(input.actor);
  const [row] = await input.database.tenant(actor.tenantId, (tx) =>
    tx
      .select({ unread: count() })
      .from(notifications)
      .where(
        and(
          mine(actor),
          isNull(notifications.readAt),
          inArray(notifications.kind, [...reminderKinds]),
        ),
      ),
  );
  return row?.unread ?? 0;
}
