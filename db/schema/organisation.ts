import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { contentVersions } from "./guide.ts";
import { competenceMaterials, milestones } from "./implementation.ts";
import { tenants, units, users } from "./platform.ts";

/**
 * The municipality's organisation of the model (issue 8): the project groups and their
 * decisions, the collaboration arenas and their yearly review, the anchoring log, and grants with
 * their budget. None of these tables holds a child's data; every one is tenant-scoped with RLS
 * (0019). Amounts are whole øre in a bigint, so sums are exact.
 */

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();
const tenantRef = () =>
  uuid("tenant_id")
    .notNull()
    .references(() => tenants.id);
const userRef = (name: string) => uuid(name).references(() => users.id, { onDelete: "set null" });
const ore = (name: string) => bigint(name, { mode: "number" });

/** A project group: the steering group, the driver group or a working group. */
export const orgGroups = pgTable(
  "org_groups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    /** steering | driver | working */
    kind: text("kind").notNull(),
    name: text("name").notNull(),
    mandate: text("mandate").notNull(),
    /** What the group may decide on its own, and what it must take to another group. */
    decisionAuthority: text("decision_authority").notNull().default(""),
    /** The meeting plan in words ("Hver sjette uke, tirsdag 09–11"); dated meetings below. */
    meetingPlan: text("meeting_plan").notNull().default(""),
    /** Set when the group is wound up; it stays for the history of its decisions. */
    closedOn: date("closed_on"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex("org_groups_tenant_name_unique").on(table.tenantId, sql`lower(${table.name})`),
    index("org_groups_tenant_idx").on(table.tenantId, table.kind),
    // One active steering group and one active driver group per municipality (0020; checked
    // in core too, this holds under concurrent saves).
    uniqueIndex("org_groups_one_active_steering_driver")
      .on(table.tenantId, table.kind)
      .where(sql`closed_on is null and kind in ('steering', 'driver')`),
  ],
);

/**
 * A member: a staff member in Laget (userId) or someone outside it, e.g. the deputy mayor
 * (name only). `role` is the member's role in the group or office ("Leder", "Kommunalsjef").
 */
export const orgGroupMembers = pgTable(
  "org_group_members",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => orgGroups.id, { onDelete: "cascade" }),
    userId: userRef("user_id"),
    name: text("name").notNull(),
    role: text("role").notNull().default(""),
    isChair: boolean("is_chair").notNull().default(false),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
  },
  (table) => [
    index("org_group_members_group_idx").on(table.groupId, table.position),
    index("org_group_members_user_idx").on(table.userId),
    // One chair per group (0020).
    uniqueIndex("org_group_members_one_chair")
      .on(table.groupId)
      .where(sql`is_chair`),
  ],
);

/** A planned or held meeting of a group. */
export const orgGroupMeetings = pgTable(
  "org_group_meetings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => orgGroups.id, { onDelete: "cascade" }),
    meetsOn: date("meets_on").notNull(),
    /** "09:00–11:00", as typed. */
    time: text("time").notNull().default(""),
    place: text("place").notNull().default(""),
    agenda: text("agenda").notNull().default(""),
    createdAt: createdAt(),
  },
  (table) => [index("org_group_meetings_group_idx").on(table.groupId, table.meetsOn)],
);

/**
 * A decision of a group, with what it decided on: a published version of a guide page (the
 * model), a milestone of the implementation plan, or nothing in Laget (`subject` then says what).
 */
export const orgGroupDecisions = pgTable(
  "org_group_decisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => orgGroups.id, { onDelete: "cascade" }),
    meetingId: uuid("meeting_id").references(() => orgGroupMeetings.id, { onDelete: "set null" }),
    decidedOn: date("decided_on").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    contentVersionId: uuid("content_version_id").references(() => contentVersions.id, {
      onDelete: "set null",
    }),
    milestoneId: uuid("milestone_id").references(() => milestones.id, { onDelete: "set null" }),
    recordedBy: userRef("recorded_by"),
    createdAt: createdAt(),
  },
  (table) => [
    index("org_group_decisions_group_idx").on(table.groupId, table.decidedOn),
    index("org_group_decisions_tenant_idx").on(table.tenantId, table.decidedOn),
    index("org_group_decisions_version_idx").on(table.contentVersionId),
    index("org_group_decisions_milestone_idx").on(table.milestoneId),
  ],
);

/**
 * A collaboration arena (samhandlingsarena): where services meet about children. Target groups
 * and services are codes, so overlaps can be found; `participants` says who in words.
 */
export const collaborationArenas = pgTable(
  "collaboration_arenas",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    name: text("name").notNull(),
    purpose: text("purpose").notNull(),
    /** Codes from core/organisation (e.g. "kindergarten", "primary_school"). */
    targetGroups: text("target_groups")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Service type codes (core/units/service-types.ts) of the services that take part. */
    services: text("services")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    participants: text("participants").notNull().default(""),
    /** weekly | biweekly | monthly | termly | yearly | as_needed */
    frequency: text("frequency").notNull(),
    frequencyNote: text("frequency_note").notNull().default(""),
    leaderUserId: userRef("leader_user_id"),
    /** When the leader is not a staff member in Laget, or a role ("Rektor"). */
    leaderName: text("leader_name").notNull().default(""),
    /** BTI levels 0–3 the arena serves. */
    btiLevels: smallint("bti_levels")
      .array()
      .notNull()
      .default(sql`'{}'::smallint[]`),
    /** The unit the arena belongs to, e.g. the school of an oppvekstteam. */
    unitId: uuid("unit_id").references(() => units.id, { onDelete: "set null" }),
    /** Set when a review decides to close the arena. */
    closedOn: date("closed_on"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex("collaboration_arenas_tenant_name_unique").on(
      table.tenantId,
      sql`lower(${table.name})`,
    ),
    index("collaboration_arenas_tenant_idx").on(table.tenantId),
    index("collaboration_arenas_unit_idx").on(table.unitId),
  ],
);

/** The yearly review of an arena: is it needed, does it work, keep / change / close, and why. */
export const collaborationArenaReviews = pgTable(
  "collaboration_arena_reviews",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    arenaId: uuid("arena_id")
      .notNull()
      .references(() => collaborationArenas.id, { onDelete: "cascade" }),
    year: smallint("year").notNull(),
    reviewedOn: date("reviewed_on").notNull(),
    /** yes | partly | no */
    needed: text("needed").notNull(),
    /** well | partly | poorly */
    works: text("works").notNull(),
    /** keep | change | close */
    decision: text("decision").notNull(),
    reasons: text("reasons").notNull(),
    /** What changes, for «endre». */
    changes: text("changes").notNull().default(""),
    reviewedBy: userRef("reviewed_by"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex("collaboration_arena_reviews_year_unique").on(table.arenaId, table.year),
    index("collaboration_arena_reviews_tenant_idx").on(table.tenantId, table.year),
  ],
);

/**
 * The anchoring log (forankring): who was informed or involved when, with what material, and
 * the follow-up agreed.
 */
export const anchoringActivities = pgTable(
  "anchoring_activities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    occurredOn: date("occurred_on").notNull(),
    /** top_management | politicians | mayor | union | unit_leaders | staff | citizens | users | other */
    audienceKind: text("audience_kind").notNull(),
    /** Who in words: "Levekårsutvalget", "Hovedtillitsvalgte". */
    audience: text("audience").notNull(),
    /** informed | involved */
    mode: text("mode").notNull(),
    /** meeting | presentation | workshop | newspaper | website | film | letter | other */
    channel: text("channel").notNull(),
    summary: text("summary").notNull().default(""),
    material: text("material").notNull().default(""),
    materialId: uuid("material_id").references(() => competenceMaterials.id, {
      onDelete: "set null",
    }),
    followUp: text("follow_up").notNull().default(""),
    followUpDueOn: date("follow_up_due_on"),
    followUpDoneOn: date("follow_up_done_on"),
    responsibleUserId: userRef("responsible_user_id"),
    milestoneId: uuid("milestone_id").references(() => milestones.id, { onDelete: "set null" }),
    createdBy: userRef("created_by"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index("anchoring_activities_tenant_idx").on(table.tenantId, table.occurredOn),
    index("anchoring_activities_material_idx").on(table.materialId),
    index("anchoring_activities_milestone_idx").on(table.milestoneId),
  ],
);

/** A grant applied for or received, e.g. Bufdir's grant for systematic identification. */
export const grants = pgTable(
  "grants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    name: text("name").notNull(),
    grantor: text("grantor").notNull(),
    /** The grantor's reference or scheme, e.g. "Rundskriv 19/2021". */
    reference: text("reference").notNull().default(""),
    /** planned | applied | granted | rejected | closed */
    status: text("status").notNull().default("planned"),
    appliedOn: date("applied_on"),
    decidedOn: date("decided_on"),
    appliedOre: ore("applied_ore"),
    grantedOre: ore("granted_ore"),
    periodStart: date("period_start"),
    periodEnd: date("period_end"),
    contactUserId: userRef("contact_user_id"),
    note: text("note").notNull().default(""),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index("grants_tenant_idx").on(table.tenantId),
    check("grants_applied_positive", sql`${table.appliedOre} is null or ${table.appliedOre} >= 0`),
    check("grants_granted_positive", sql`${table.grantedOre} is null or ${table.grantedOre} >= 0`),
    check(
      "grants_period_order",
      sql`${table.periodStart} is null or ${table.periodEnd} is null or ${table.periodEnd} >= ${table.periodStart}`,
    ),
  ],
);

/** A budget line of a grant: the seed's project leader share, speakers, venues, catering, material. */
export const grantBudgetLines = pgTable(
  "grant_budget_lines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    grantId: uuid("grant_id")
      .notNull()
      .references(() => grants.id, { onDelete: "cascade" }),
    /** project_leader | speakers | venues | catering | material | other */
    category: text("category").notNull(),
    description: text("description").notNull(),
    plannedOre: ore("planned_ore").notNull(),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index("grant_budget_lines_grant_idx").on(table.grantId, table.position),
    check("grant_budget_lines_planned_positive", sql`${table.plannedOre} >= 0`),
  ],
);

/** Money spent on a budget line. */
export const grantExpenses = pgTable(
  "grant_expenses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    lineId: uuid("line_id")
      .notNull()
      .references(() => grantBudgetLines.id, { onDelete: "cascade" }),
    spentOn: date("spent_on").notNull(),
    amountOre: ore("amount_ore").notNull(),
    description: text("description").notNull(),
    recordedBy: userRef("recorded_by"),
    createdAt: createdAt(),
  },
  (table) => [
    index("grant_expenses_line_idx").on(table.lineId, table.spentOn),
    check("grant_expenses_amount_positive", sql`${table.amountOre} > 0`),
  ],
);

/** A report the grant giver expects, with its deadline and the reminder before it. */
export const grantReportingDeadlines = pgTable(
  "grant_reporting_deadlines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    grantId: uuid("grant_id")
      .notNull()
      .references(() => grants.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    dueOn: date("due_on").notNull(),
    remindDaysBefore: smallint("remind_days_before").notNull().default(14),
    submittedOn: date("submitted_on"),
    note: text("note").notNull().default(""),
    remindedAt: timestamp("reminded_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index("grant_reporting_deadlines_grant_idx").on(table.grantId, table.dueOn),
    index("grant_reporting_deadlines_due_idx").on(table.tenantId, table.dueOn),
    check(
      "grant_reporting_deadlines_remind_range",
      sql`${table.remindDaysBefore} between 0 and 365`,
    ),
  ],
);
