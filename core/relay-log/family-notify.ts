import { and, count, desc, eq, gte, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "../../db/client.ts";
import { citizens, notifications, relayLogGuardians } from "../../db/schema/index.ts";
import { translator } from "../../i18n/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import { decideLogAccess } from "../access/relay-log.ts";
import { recordAudit } from "../audit/audit.ts";
import { AppError } from "../errors.ts";
import { osloDate } from "../platform/dates.ts";
import { loadLogContext, youthConsentAgeOf, type RelayLog } from "./access.ts";
import { ageOn } from "./consent-rules.ts";
import { assertCitizen, type Citizen } from "./family.ts";

/**
 * Notices to the family (guardians and the young person) when staff change something they take
 * part in: a meeting planned or changed, an evaluation scheduled, the plan changed, a new relay
 * holder, a correction request answered.
 *
 * - In Laget: one `notifications` row per citizen who may read the log now (the access policy
 *   decides, so a guardian without parental responsibility, or one the young person has ended
 *   access for, is never told), shown under «Varsler».
 * - By e-mail: one outbox row (kind `family_email`) per guardian with parental responsibility and
 *   a recorded e-mail address (relay_log_guardians.email). The reminder job mails them
 *   (`mailFamilyNotifications`), never the request. The young person has no e-mail in Laget.
 * - A row stores no text, and the e-mail says only that there is something new and where to log
 *   in: no child name, nothing about the child.
 * - Dedupe keys (unique per municipality, inserted with ON CONFLICT DO NOTHING, as reminders.ts):
 *   in Laget kind | log | object | Oslo day | citizen; e-mail family_email | log | Oslo day |
 *   guardian. Repeated changes on one day tell each person once, and mail each guardian once.
 */
export const familyNotificationKinds = [
  "family_meeting",
  "family_evaluation",
  "family_plan",
  "family_holder",
  "family_correction_answered",
] as const;
export type FamilyNotificationKind = (typeof familyNotificationKinds)[number];

/** The outbox row kind for the guardian's e-mail (never shown in «Varsler»). */
export const FAMILY_EMAIL_KIND = "family_email";

export const familyLogPath = (logId: string) => `/familie/${logId}`;

const kindByChange = {
  meeting: "family_meeting",
  evaluation: "family_evaluation",
  plan: "family_plan",
  holder: "family_holder",
  correction_answered: "family_correction_answered",
} as const satisfies Record<string, FamilyNotificationKind>;
export type FamilyChange = keyof typeof kindByChange;

/** The log row as the change's use case already holds it (context.log). */
export type FamilyNotifyLog = Pick<
  RelayLog,
  | "id"
  | "tenantId"
  | "kind"
  | "status"
  | "holderUserId"
  | "nationalIdHash"
  | "childBirthDate"
  | "youthGuardianAccess"
>;

/**
 * Tells the family of a log about a change staff made, inside the change's own transaction.
 * `dedupeKey` names the changed object (a meeting id, a request id …); the Oslo day is added.
 * Anonymous case discussions have no family and are skipped.
 */
export async function notifyFamily(
  tx: Tx,
  input: {
    log: FamilyNotifyLog;
    kind: FamilyChange;
    dedupeKey?: string;
    now?: Date;
  },
): Promise<number> {
  const { log } = input;
  if (log.kind !== "log") return 0;
  const now = input.now ?? new Date();
  const today = osloDate(now);
  const kind = kindByChange[input.kind];
  const object = input.dedupeKey ?? "-";
  const link = familyLogPath(log.id);
  let created = 0;

  // In Laget: citizens known to Laget whose national ID lookup hash is a guardian's or the
  // child's, and who may read the log now.
  const guardians = await tx
    .select({
      id: relayLogGuardians.id,
      email: relayLogGuardians.email,
      nationalIdHash: relayLogGuardians.nationalIdHash,
      parentalResponsibility: relayLogGuardians.parentalResponsibility,
    })
    .from(relayLogGuardians)
    .where(eq(relayLogGuardians.logId, log.id));
  const hashes = [
    ...new Set(
      [log.nationalIdHash, ...guardians.map((g) => g.nationalIdHash)].filter(
        (hash): hash is string => Boolean(hash),
      ),
    ),
  ];
  const people =
    hashes.length === 0
      ? []
      : await tx
          .select({ id: citizens.id, name: citizens.name })
          .from(citizens)
          .where(
            and(eq(citizens.tenantId, log.tenantId), inArray(citizens.nationalIdHash, hashes)),
          );
  for (const person of people) {
    const actor: Citizen = {
      kind: "citizen",
      citizenId: person.id,
      tenantId: log.tenantId,
      name: person.name,
    };
    const context = await loadLogContext(tx, actor, log.id, today);
    if (!context?.access.read || !context.access.family) continue;
    const rows = await tx
      .insert(notifications)
      .values({
        tenantId: log.tenantId,
        citizenId: person.id,
        kind,
        logId: log.id,
        link,
        dedupeKey: [kind, log.id, object, today, person.id].join("|"),
      })
      .onConflictDoNothing()
      .returning({ id: notifications.id });
    created += rows.length;
  }

  // E-mail: guardians with parental responsibility and an address, whom the policy lets read.
  const mailable = guardians.filter(
    (g) => g.parentalResponsibility && (g.email ?? "").trim() !== "",
  );
  if (mailable.length > 0 && (await guardiansMayRead(tx, log, today))) {
    for (const guardian of mailable) {
      const rows = await tx
        .insert(notifications)
        .values({
          tenantId: log.tenantId,
          kind: FAMILY_EMAIL_KIND,
          logId: log.id,
          link,
          dedupeKey: [FAMILY_EMAIL_KIND, log.id, today, guardian.id].join("|"),
        })
        .onConflictDoNothing()
        .returning({ id: notifications.id });
      created += rows.length;
    }
  }
  return created;
}

/**
 * Whether a guardian with parental responsibility may read the log today, by the one policy:
 * not when the young person, from the consent age, has ended their guardians' access.
 */
async function guardiansMayRead(tx: Tx, log: FamilyNotifyLog, today: string): Promise<boolean> {
  const access = decideLogAccess(
    { kind: "citizen", citizenId: "", tenantId: log.tenantId, name: null },
    {
      tenantId: log.tenantId,
      kind: log.kind as "log" | "anonymous",
      status: log.status as "open" | "closed",
      holderUserId: log.holderUserId,
      actorParticipantUnitIds: [],
      consentedUnitIds: [],
      consentState: "none",
      family: {
        guardian: "responsible",
        isChild: false,
        childAge: log.childBirthDate ? ageOn(log.childBirthDate, today) : null,
        consentAge: await youthConsentAgeOf(tx, log.tenantId),
        youthGuardianAccess:
          log.youthGuardianAccess === "keep" || log.youthGuardianAccess === "end"
            ? log.youthGuardianAccess
            : null,
      },
    },
  );
  return access.read;
}

/** What the job needs of server/mail.ts's Mailer. */
export interface FamilyMailer {
  readonly configured: boolean;
  sendMail(message: { to: string; subject: string; text: string }): Promise<void>;
}

/**
 * Mails the municipality's family outbox rows (kind family_email): claims them (emailed_at set)
 * first so two runs never mail twice, sends one e-mail per address, and releases what failed.
 * Called by the relay-log reminder job (reminders.ts), never inside a request.
 */
export async function mailFamilyNotifications(
  database: Database,
  tenantId: string,
  mailer: FamilyMailer,
  publicUrl: string | undefined,
): Promise<{ sent: number; failed: number }> {
  const claimed = await database.tenant(tenantId, async (tx) => {
    const rows = await tx
      .update(notifications)
      .set({ emailedAt: new Date() })
      .where(
        and(
          eq(notifications.tenantId, tenantId),
          eq(notifications.kind, FAMILY_EMAIL_KIND),
          isNull(notifications.emailedAt),
          gte(notifications.createdAt, sql`now() - interval '24 hours'`),
        ),
      )
      .returning({ id: notifications.id, dedupeKey: notifications.dedupeKey });
    if (rows.length === 0) return [];
    const guardianIdOf = (key: string) => key.split("|")[3] ?? "";
    const ids = [...new Set(rows.map((row) => guardianIdOf(row.dedupeKey)))].filter(
      (id) => z.guid().safeParse(id).success,
    );
    const guardians =
      ids.length === 0
        ? []
        : await tx
            .select({ id: relayLogGuardians.id, email: relayLogGuardians.email })
            .from(relayLogGuardians)
            .where(inArray(relayLogGuardians.id, ids));
    const emailOf = new Map(guardians.map((g) => [g.id, (g.email ?? "").trim()]));
    const byAddress = new Map<string, string[]>();
    for (const row of rows) {
      const email = emailOf.get(guardianIdOf(row.dedupeKey));
      if (!email) continue;
      byAddress.set(email, [...(byAddress.get(email) ?? []), row.id]);
    }
    return [...byAddress].map(([email, rowIds]) => ({ email, ids: rowIds }));
  });
  const t = translator("nb");
  const link = publicUrl ? new URL("/familie", publicUrl).href : null;
  let sent = 0;
  const failedIds: string[] = [];
  for (const recipient of claimed) {
    try {
      await mailer.sendMail({
        to: recipient.email,
        subject: t("family.rights.notify.mail.subject"),
        text: link
          ? t("family.rights.notify.mail.bodyLink", { link })
          : t("family.rights.notify.mail.body"),
      });
      sent += 1;
    } catch {
      failedIds.push(...recipient.ids);
    }
  }
  if (failedIds.length > 0) {
    await database.tenant(tenantId, (tx) =>
      tx
        .update(notifications)
        .set({ emailedAt: null })
        .where(and(eq(notifications.tenantId, tenantId), inArray(notifications.id, failedIds))),
    );
  }
  return { sent, failed: claimed.length - sent };
}

// ---------------------------------------------------------------------------------------------
// The family's «Varsler»: a citizen only ever sees and changes their own rows.

export const FAMILY_NOTIFICATIONS_PAGE_SIZE = 25;

export interface FamilyNotificationItem {
  id: string;
  kind: FamilyNotificationKind;
  createdAt: Date;
  read: boolean;
  /** The child's name, only while the citizen may read the log. */
  logTitle: string | null;
  /** Where it leads; null when the citizen may no longer read the log. */
  link: string | null;
}

export interface FamilyNotificationPage {
  items: FamilyNotificationItem[];
  page: number;
  pages: number;
  total: number;
  unread: number;
}

function mine(actor: Citizen) {
  return and(
    eq(notifications.tenantId, actor.tenantId),
    eq(notifications.citizenId, actor.citizenId),
    inArray(notifications.kind, [...familyNotificationKinds]),
  );
}

export async function listFamilyNotifications(input: {
  database: Database;
  actor: Actor | null;
  meta: RequestMeta;
  page?: number;
}): Promise<FamilyNotificationPage> {
  const actor = assertCitizen(input.actor);
  const pageSize = FAMILY_NOTIFICATIONS_PAGE_SIZE;
  return input.database.tenant(actor.tenantId, async (tx) => {
    const [totals] = await tx
      .select({
        total: count(),
        unread: sql<number>`count(*) filter (where ${notifications.readAt} is null)`.mapWith(
          Number,
        ),
      })
      .from(notifications)
      .where(mine(actor));
    const total = totals?.total ?? 0;
    const pages = Math.max(Math.ceil(total / pageSize), 1);
    const requested = Number.isInteger(input.page) ? input.page! : 1;
    const page = Math.min(Math.max(requested, 1), pages);
    const rows = await tx
      .select()
      .from(notifications)
      .where(mine(actor))
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize);
    const today = osloDate();
    const titles = new Map<string, string | null>();
    for (const row of rows) {
      if (!row.logId || titles.has(row.logId)) continue;
      const context = await loadLogContext(tx, actor, row.logId, today);
      titles.set(
        row.logId,
        context?.access.read && context.access.family ? (context.log.childName ?? "") : null,
      );
    }
    const shown = [...titles].filter(([, title]) => title !== null).map(([id]) => id);
    if (shown.length > 0) {
      await recordAudit(tx, {
        type: "relaylog.list_viewed",
        tenantId: actor.tenantId,
        actor,
        meta: input.meta,
        details: { view: "family_notifications", logIds: shown },
      });
    }
    return {
      items: rows.map((row) => {
        const title = row.logId ? (titles.get(row.logId) ?? null) : null;
        return {
          id: row.id,
          kind: row.kind as FamilyNotificationKind,
          createdAt: row.createdAt,
          read: row.readAt !== null,
          logTitle: title,
          link: title !== null ? row.link : null,
        };
      }),
      page,
      pages,
      total,
      unread: totals?.unread ?? 0,
    };
  });
}

export async function markFamilyNotificationRead(input: {
  database: Database;
  actor: Actor | null;
  notificationId: string;
}): Promise<void> {
  const actor = assertCitizen(input.actor);
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
  if (updated.length === 0) throw new AppError("not_found", "errors.notFound");
}

export async function markAllFamilyRead(input: {
  database: Database;
  actor: Actor | null;
}): Promise<number> {
  const actor = assertCitizen(input.actor);
  const updated = await input.database.tenant(actor.tenantId, (tx) =>
    tx
      .update(notifications)
      .set({ readAt: new Date() })
      .where(and(mine(actor), isNull(notifications.readAt)))
      .returning({ id: notifications.id }),
  );
  return updated.length;
}

export async function familyUnreadCount(input: {
  database: Database;
  actor: Actor;
}): Promise<number> {
  const actor = assertCitizen(input.actor);
  const [row] = await input.database.tenant(actor.tenantId, (tx) =>
    tx
      .select({ unread: count() })
      .from(notifications)
      .where(and(mine(actor), isNull(notifications.readAt))),
  );
  return row?.unread ?? 0;
}
