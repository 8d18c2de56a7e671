import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { citizens, tenants, units, users } from "./platform.ts";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();
const bytea = customType<{ data: Buffer }>({ dataType: () => "bytea" });

const tenantRef = () =>
  uuid("tenant_id")
    .notNull()
    .references(() => tenants.id);
/**
 * Every part of a log goes with it when the retention job deletes the log (real deletion).
 * Each table has an index that starts with log_id (and each cascading parent id), or deleting one
 * log scans the whole table.
 */
const logRef = () =>
  uuid("log_id")
    .notNull()
    .references(() => relayLogs.id, { onDelete: "cascade" });

/**
 * A relay log (stafettlogg) for one child, or an anonymous case discussion (kind "anonymous":
 * a pseudonym, no identity, no consent needed) that can later become a real log.
 * Access is decided in core/access/relay-log.ts, never by a query alone.
 */
export const relayLogs = pgTable(
  "relay_logs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    /** "log" (identified child, consent-based) | "anonymous" (pseudonym only). */
    kind: text("kind").notNull().default("log"),
    /** open | closed */
    status: text("status").notNull().default("open"),
    level: smallint("level").notNull(),
    /** Anonymous discussions only: the pseudonym the team uses. */
    pseudonym: text("pseudonym"),
    childName: text("child_name"),
    childBirthDate: date("child_birth_date", { mode: "string" }),
    /** HMAC of the national ID number for the one-log-per-child check; the number itself is AES-GCM encrypted. */
    nationalIdHash: text("national_id_hash"),
    nationalIdEncrypted: text("national_id_encrypted"),
    /** The relay holder (stafettholder) and the unit they hold the baton for. */
    holderUserId: uuid("holder_user_id")
      .notNull()
      .references(() => users.id),
    holderUnitId: uuid("holder_unit_id").references(() => units.id),
    /** The units taking part, as named when the log was opened or later; a consent must name a unit before its employees can join. */
    unitIds: uuid("unit_ids")
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    openedBy: uuid("opened_by").references(() => users.id, { onDelete: "set null" }),
    /** Where the log came from: direct | worry | next_of_kin | anonymous. */
    origin: text("origin").notNull().default("direct"),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    /** goals_reached | guardians_withdrew | moved | individual_plan | other */
    closeReason: text("close_reason"),
    closeNote: text("close_note"),
    closedBy: uuid("closed_by").references(() => users.id, { onDelete: "set null" }),
    /** When the archive PDF was last produced for the unit's own records. */
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    /** The day the retention job deletes the log: closed date + the municipality's retention months. */
    deleteAfter: date("delete_after", { mode: "string" }),
    /**
     * The young person's answer, once they reach the consent age, to whether their guardians keep
     * access to the log: "keep" | "end"; null until they answer (guardians keep access meanwhile).
     */
    youthGuardianAccess: text("youth_guardian_access"),
    youthGuardianAccessAt: timestamp("youth_guardian_access_at", { withTimezone: true }),
    /** Bumped by every saved change of the log's own fields: a stale save is a conflict. */
    lockVersion: integer("lock_version").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    // One open log per child per municipality (the name + birth date check is done in core).
    uniqueIndex("relay_logs_open_national_id_unique")
      .on(table.tenantId, table.nationalIdHash)
      .where(sql`status = 'open' and national_id_hash is not null`),
    index("relay_logs_name_birth_idx").on(
      table.tenantId,
      sql`lower(${table.childName})`,
      table.childBirthDate,
    ),
    index("relay_logs_holder_idx").on(table.tenantId, table.holderUserId, table.status),
    index("relay_logs_delete_after_idx")
      .on(table.deleteAfter)
      .where(sql`status = 'closed'`),
    check("relay_logs_level_range", sql`${table.level} between 0 and 3`),
  ],
);

/** The child's guardians as the relay holder recorded them; citizenId links a guardian who logs in (issue 5). */
export const relayLogGuardians = pgTable(
  "relay_log_guardians",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    logId: logRef(),
    name: text("name").notNull(),
    phone: text("phone"),
    email: text("email"),
    parentalResponsibility: boolean("parental_responsibility").notNull(),
    citizenId: uuid("citizen_id").references(() => citizens.id, { onDelete: "set null" }),
    /**
     * HMAC of the guardian's national ID (the same lookup hash as citizens.national_id_hash), so
     * a guardian who logs in with ID-porten finds the logs of their children. Optional: without
     * it the guardian takes part on paper only. The number itself is AES-GCM encrypted.
     */
    nationalIdHash: text("national_id_hash"),
    nationalIdEncrypted: text("national_id_encrypted"),
    createdAt: createdAt(),
  },
  (table) => [
    index("relay_log_guardians_log_idx").on(table.logId),
    index("relay_log_guardians_national_id_idx").on(table.tenantId, table.nationalIdHash),
  ],
);

/** Employees taking part, each for one unit. The relay holder is on the log row and also a participant. */
export const relayLogParticipants = pgTable(
  "relay_log_participants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    logId: logRef(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    addedBy: uuid("added_by").references(() => users.id, { onDelete: "set null" }),
    joinedAt: timestamp("joined_at", { withTimezone: true }).notNull().defaultNow(),
    leftAt: timestamp("left_at", { withTimezone: true }),
  },
  (table) => [
    uniqueIndex("relay_log_participants_active_unique")
      .on(table.logId, table.userId)
      .where(sql`left_at is null`),
    index("relay_log_participants_user_idx").on(table.tenantId, table.userId),
    index("relay_log_participants_log_idx").on(table.logId),
  ],
);

export interface ConsentGiver {
  /** guardian (a row of relay_log_guardians) or youth (the young person). */
  kind: "guardian" | "youth";
  guardianId?: string;
  name: string;
}

/**
 * A consent to share the log with the named units. Consent is per record: renewing (e.g. at a
 * transition) adds a new record; withdrawing stamps withdrawnAt. Digital consent by guardians
 * themselves (next issue) adds records with method "digital" and a citizen as recorder.
 */
export const relayLogConsents = pgTable(
  "relay_log_consents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    logId: logRef(),
    givers: jsonb("givers").$type<ConsentGiver[]>().notNull(),
    /** digital | paper | oral */
    method: text("method").notNull(),
    /** Oral consent: who witnessed it. */
    witness: text("witness"),
    unitIds: uuid("unit_ids").array().notNull(),
    givenOn: date("given_on", { mode: "string" }).notNull(),
    expiresOn: date("expires_on", { mode: "string" }).notNull(),
    /** Paper consent: the scanned form. */
    attachment: bytea("attachment"),
    attachmentName: text("attachment_name"),
    attachmentType: text("attachment_type"),
    recordedBy: uuid("recorded_by").references(() => users.id, { onDelete: "set null" }),
    recordedByCitizen: uuid("recorded_by_citizen").references(() => citizens.id, {
      onDelete: "set null",
    }),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
    withdrawnNote: text("withdrawn_note"),
    withdrawnBy: uuid("withdrawn_by").references(() => users.id, { onDelete: "set null" }),
    /** A guardian or the young person who withdrew it themselves. */
    withdrawnByCitizen: uuid("withdrawn_by_citizen").references(() => citizens.id, {
      onDelete: "set null",
    }),
    /**
     * The one-time token of the form that submitted it: a double-submitted form (a second click,
     * a reload) hits the unique index and records once.
     */
    submissionKey: text("submission_key"),
    createdAt: createdAt(),
  },
  (table) => [
    index("relay_log_consents_log_idx").on(table.logId, table.expiresOn),
    uniqueIndex("relay_log_consents_submission_unique").on(table.tenantId, table.submissionKey),
  ],
);

/** Oppmerksomhetsområder: what the services are concerned about, described briefly. */
export const relayLogAreas = pgTable(
  "relay_log_areas",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    logId: logRef(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    sortOrder: integer("sort_order").notNull().default(0),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    lockVersion: integer("lock_version").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index("relay_log_areas_log_idx").on(table.logId, table.sortOrder)],
);

export const relayLogGoals = pgTable(
  "relay_log_goals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    logId: logRef(),
    areaId: uuid("area_id")
      .notNull()
      .references(() => relayLogAreas.id, { onDelete: "cascade" }),
    text: text("text").notNull(),
    /** What "as expected" (0) on the goal-attainment scale means for this goal. */
    expectedOutcome: text("expected_outcome").notNull().default(""),
    sortOrder: integer("sort_order").notNull().default(0),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    lockVersion: integer("lock_version").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index("relay_log_goals_log_idx").on(table.logId, table.areaId),
    // Deleting an area cascades to its goals; without this the delete scans every goal.
    index("relay_log_goals_area_idx").on(table.areaId),
  ],
);

/** Tiltak: what, who is responsible, where (home or service), when. */
export const relayLogMeasures = pgTable(
  "relay_log_measures",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    logId: logRef(),
    goalId: uuid("goal_id")
      .notNull()
      .references(() => relayLogGoals.id, { onDelete: "cascade" }),
    what: text("what").notNull(),
    /** person | service | family */
    responsibleKind: text("responsible_kind").notNull(),
    responsibleUserId: uuid("responsible_user_id").references(() => users.id, {
      onDelete: "set null",
    }),
    responsibleUnitId: uuid("responsible_unit_id").references(() => units.id),
    /** Free text for the family ("mor", "far", "familien"). */
    responsibleText: text("responsible_text"),
    /** home | service */
    place: text("place").notNull(),
    /** A home measure names the service measure it supports. */
    supportsMeasureId: uuid("supports_measure_id"),
    startsOn: date("starts_on", { mode: "string" }).notNull(),
    dueOn: date("due_on", { mode: "string" }).notNull(),
    /** planned | ongoing | done | stopped */
    status: text("status").notNull().default("planned"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    lockVersion: integer("lock_version").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index("relay_log_measures_log_idx").on(table.logId, table.goalId),
    index("relay_log_measures_goal_idx").on(table.goalId),
    index("relay_log_measures_due_idx").on(table.tenantId, table.dueOn),
    check("relay_log_measures_dates", sql`${table.dueOn} >= ${table.startsOn}`),
  ],
);

/** An evaluation planned for a date; when held, each goal gets a score −2 … +2. */
export const relayLogEvaluations = pgTable(
  "relay_log_evaluations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    logId: logRef(),
    scheduledOn: date("scheduled_on", { mode: "string" }).notNull(),
    heldOn: date("held_on", { mode: "string" }),
    heldBy: uuid("held_by").references(() => users.id, { onDelete: "set null" }),
    summary: text("summary").notNull().default(""),
    lockVersion: integer("lock_version").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index("relay_log_evaluations_log_idx").on(table.logId, table.scheduledOn)],
);

export const relayLogGoalScores = pgTable(
  "relay_log_goal_scores",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    logId: logRef(),
    evaluationId: uuid("evaluation_id")
      .notNull()
      .references(() => relayLogEvaluations.id, { onDelete: "cascade" }),
    goalId: uuid("goal_id")
      .notNull()
      .references(() => relayLogGoals.id, { onDelete: "cascade" }),
    /** staff | guardian | youth: families score beside the professionals (next issue). */
    scorerKind: text("scorer_kind").notNull().default("staff"),
    scorerUserId: uuid("scorer_user_id").references(() => users.id, { onDelete: "set null" }),
    scorerCitizenId: uuid("scorer_citizen_id").references(() => citizens.id, {
      onDelete: "set null",
    }),
    score: smallint("score").notNull(),
    comment: text("comment").notNull().default(""),
    createdAt: createdAt(),
  },
  (table) => [
    // One score per goal, evaluation and scorer: staff score once (no citizen), and each
    // guardian and the young person score on their own (issue 5; migration 0013).
    uniqueIndex("relay_log_goal_scores_unique").on(
      table.evaluationId,
      table.goalId,
      table.scorerKind,
      sql`coalesce(${table.scorerCitizenId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
    ),
    check("relay_log_goal_scores_range", sql`${table.score} between -2 and 2`),
    index("relay_log_goal_scores_log_idx").on(table.logId),
    index("relay_log_goal_scores_goal_idx").on(table.goalId),
  ],
);

/** Notes and positive observations (lysglimt). The text lives in versions: a correction is a new version. */
export const relayLogEntries = pgTable(
  "relay_log_entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    logId: logRef(),
    /** note | highlight (lysglimt) */
    kind: text("kind").notNull(),
    areaId: uuid("area_id").references(() => relayLogAreas.id, { onDelete: "set null" }),
    occurredOn: date("occurred_on", { mode: "string" }).notNull(),
    authorUserId: uuid("author_user_id").references(() => users.id, { onDelete: "set null" }),
    authorCitizenId: uuid("author_citizen_id").references(() => citizens.id, {
      onDelete: "set null",
    }),
    authorName: text("author_name").notNull(),
    currentVersion: integer("current_version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index("relay_log_entries_log_idx").on(table.logId, table.occurredOn),
    index("relay_log_entries_area_idx").on(table.areaId),
  ],
);

export const relayLogEntryVersions = pgTable(
  "relay_log_entry_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    logId: logRef(),
    entryId: uuid("entry_id")
      .notNull()
      .references(() => relayLogEntries.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    text: text("text").notNull(),
    editedBy: uuid("edited_by").references(() => users.id, { onDelete: "set null" }),
    editedByName: text("edited_by_name").notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex("relay_log_entry_versions_unique").on(table.entryId, table.version),
    index("relay_log_entry_versions_log_idx").on(table.logId),
  ],
);

/** Samarbeidsmøter: planned with participants, agenda and place; minutes become part of the log. */
export const relayLogMeetings = pgTable(
  "relay_log_meetings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    logId: logRef(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    place: text("place").notNull(),
    agenda: text("agenda").notNull().default(""),
    participantUserIds: uuid("participant_user_ids")
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    /** Others invited (e.g. the guardians), as names. */
    otherParticipants: text("other_participants").notNull().default(""),
    /** planned | held | cancelled */
    status: text("status").notNull().default("planned"),
    minutesDecisions: text("minutes_decisions"),
    minutesActions: text("minutes_actions"),
    nextEvaluationOn: date("next_evaluation_on", { mode: "string" }),
    minutesBy: uuid("minutes_by").references(() => users.id, { onDelete: "set null" }),
    minutesAt: timestamp("minutes_at", { withTimezone: true }),
    /** iCalendar SEQUENCE: bumped when the meeting changes, so calendars update the invitation. */
    icsSequence: integer("ics_sequence").notNull().default(0),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    lockVersion: integer("lock_version").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index("relay_log_meetings_log_idx").on(table.logId, table.startsAt),
    check("relay_log_meetings_times", sql`${table.endsAt} > ${table.startsAt}`),
  ],
);

/** Level changes 0–3 with the reason; the first row is the level the log opened at. */
export const relayLogLevelChanges = pgTable(
  "relay_log_level_changes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    logId: logRef(),
    fromLevel: smallint("from_level"),
    toLevel: smallint("to_level").notNull(),
    reason: text("reason").notNull(),
    changedBy: uuid("changed_by").references(() => users.id, { onDelete: "set null" }),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("relay_log_level_changes_log_idx").on(table.logId, table.changedAt)],
);

/**
 * Handing the baton to another employee. The receiver accepts or declines; until then the
 * current holder keeps it. A transition (kindergarten → school) asks for renewed consent and
 * may let the old unit leave.
 */
export const relayLogHandovers = pgTable(
  "relay_log_handovers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    logId: logRef(),
    fromUserId: uuid("from_user_id").references(() => users.id, { onDelete: "set null" }),
    toUserId: uuid("to_user_id")
      .notNull()
      .references(() => users.id),
    toUnitId: uuid("to_unit_id")
      .notNull()
      .references(() => units.id),
    isTransition: boolean("is_transition").notNull().default(false),
    /** On a transition: the unit that leaves the log when the receiver accepts. */
    leavingUnitId: uuid("leaving_unit_id").references(() => units.id),
    message: text("message").notNull().default(""),
    /** pending | accepted | declined | cancelled */
    state: text("state").notNull().default("pending"),
    declineReason: text("decline_reason"),
    createdAt: createdAt(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    reminderSentAt: timestamp("reminder_sent_at", { withTimezone: true }),
  },
  (table) => [
    uniqueIndex("relay_log_handovers_pending_unique")
      .on(table.logId)
      .where(sql`state = 'pending'`),
    index("relay_log_handovers_to_idx").on(table.tenantId, table.toUserId, table.state),
    index("relay_log_handovers_log_idx").on(table.logId),
  ],
);

/** "A log exists for this child": the employee asks to join; the relay holder decides. */
export const relayLogJoinRequests = pgTable(
  "relay_log_join_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    logId: logRef(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    message: text("message").notNull().default(""),
    /** pending | accepted | declined | cancelled (the log was closed) */
    state: text("state").notNull().default("pending"),
    decidedBy: uuid("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    reminderSentAt: timestamp("reminder_sent_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex("relay_log_join_requests_pending_unique")
      .on(table.logId, table.userId)
      .where(sql`state = 'pending'`),
    index("relay_log_join_requests_log_idx").on(table.logId),
  ],
);

/**
 * That a report to child welfare (bekymringsmelding) was made, and by whom. The report's text is
 * never stored: the employee downloads the filled-in document and sends it themselves. logId is
 * kept (set null on deletion) so the record survives the log, without content.
 */
export const childWelfareReports = pgTable(
  "child_welfare_reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    logId: uuid("log_id").references(() => relayLogs.id, { onDelete: "set null" }),
    reportedBy: uuid("reported_by")
      .notNull()
      .references(() => users.id),
    reporterUnitId: uuid("reporter_unit_id").references(() => units.id),
    /** The child welfare office it is addressed to. */
    recipient: text("recipient").notNull(),
    reportedAt: timestamp("reported_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("child_welfare_reports_tenant_idx").on(table.tenantId, table.reportedAt),
    index("child_welfare_reports_log_idx").on(table.logId),
  ],
);

/**
 * Barn som pårørende: in an adult service, a client has minor children. Records the
 * conversation with the parent about the children's needs and what was done, with a follow-up
 * date. Visible to the employees of the unit that registered it.
 */
export const nextOfKinCases = pgTable(
  "next_of_kin_cases",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    /** The client (the parent) as the unit refers to them, e.g. initials or a case number. */
    parentReference: text("parent_reference").notNull(),
    /** mental_illness | substance_use | serious_illness | death | other */
    parentSituation: text("parent_situation").notNull(),
    children: jsonb("children")
      .$type<{ name: string; birthYear: number | null; logId?: string | null }[]>()
      .notNull()
      .default([]),
    conversationOn: date("conversation_on", { mode: "string" }),
    childrensNeeds: text("childrens_needs").notNull().default(""),
    actionsTaken: text("actions_taken").notNull().default(""),
    followUpOn: date("follow_up_on", { mode: "string" }),
    /** open | closed */
    status: text("status").notNull().default("open"),
    lockVersion: integer("lock_version").notNull().default(0),
    reminderSentAt: timestamp("reminder_sent_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index("next_of_kin_cases_unit_idx").on(table.tenantId, table.unitId, table.status)],
);

/**
 * What needs attention, shown in Laget (and mirrored by e-mail when mail is configured). The
 * dedupe key makes every reminder job idempotent: the same reminder is never created twice.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    citizenId: uuid("citizen_id").references(() => citizens.id, { onDelete: "cascade" }),
    /** evaluation_due | measure_overdue | consent_expiring | consent_expired | handover_pending | join_request | meeting | retention_due | next_of_kin_follow_up … */
    kind: text("kind").notNull(),
    logId: uuid("log_id").references(() => relayLogs.id, { onDelete: "cascade" }),
    /** Where the notice leads, a path inside Laget. */
    link: text("link").notNull(),
    dedupeKey: text("dedupe_key").notNull(),
    emailedAt: timestamp("emailed_at", { withTimezone: true }),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex("notifications_dedupe_unique").on(table.tenantId, table.dedupeKey),
    index("notifications_user_idx").on(table.tenantId, table.userId, table.readAt),
    index("notifications_log_idx").on(table.logId),
  ],
);

/**
 * The family's voice on a goal: a guardian's view, or the young person's own ("Min stemme").
 * One current text per citizen and goal; a change replaces it and is audited.
 */
export const relayLogGoalVoices = pgTable(
  "relay_log_goal_voices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    logId: logRef(),
    goalId: uuid("goal_id")
      .notNull()
      .references(() => relayLogGoals.id, { onDelete: "cascade" }),
    citizenId: uuid("citizen_id").references(() => citizens.id, { onDelete: "set null" }),
    /** guardian | youth */
    voiceKind: text("voice_kind").notNull(),
    authorName: text("author_name").notNull(),
    text: text("text").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex("relay_log_goal_voices_unique").on(table.goalId, table.citizenId),
    index("relay_log_goal_voices_log_idx").on(table.logId),
  ],
);

/** What a guardian or the young person wants discussed at a planned meeting. */
export const relayLogAgendaItems = pgTable(
  "relay_log_agenda_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    logId: logRef(),
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => relayLogMeetings.id, { onDelete: "cascade" }),
    citizenId: uuid("citizen_id").references(() => citizens.id, { onDelete: "set null" }),
    authorName: text("author_name").notNull(),
    text: text("text").notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    index("relay_log_agenda_items_meeting_idx").on(table.meetingId),
    index("relay_log_agenda_items_log_idx").on(table.logId),
  ],
);

/**
 * A guardian's or young person's request to correct what the log says (GDPR art. 16). The relay
 * holder answers; the request and answer stay with the log.
 */
export const relayLogCorrectionRequests = pgTable(
  "relay_log_correction_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    logId: logRef(),
    citizenId: uuid("citizen_id").references(() => citizens.id, { onDelete: "set null" }),
    authorName: text("author_name").notNull(),
    text: text("text").notNull(),
    /** open | answered */
    state: text("state").notNull().default("open"),
    answer: text("answer"),
    answeredBy: uuid("answered_by").references(() => users.id, { onDelete: "set null" }),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [index("relay_log_correction_requests_log_idx").on(table.logId, table.state)],
);
