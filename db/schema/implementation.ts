import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { tenants, units, users } from "./platform.ts";

/**
 * The implementation module (issue 6): the plan, units' BTS contacts and stages, BTS networks,
 * training, the competence portal, onboarding of new employees and the risk register.
 * None of these tables holds a child's data; every one is tenant-scoped with RLS (0015).
 */

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();
const bytea = customType<{ data: Buffer }>({ dataType: () => "bytea" });
const tenantRef = () =>
  uuid("tenant_id")
    .notNull()
    .references(() => tenants.id);
const userRef = (name: string) => uuid(name).references(() => users.id);

/** A core component (kjernekomponent) of the model, in the order the municipality lists them. */
export const coreComponents = pgTable(
  "implementation_core_components",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex("core_components_tenant_title_unique").on(
      table.tenantId,
      sql`lower(${table.title})`,
    ),
    index("core_components_tenant_idx").on(table.tenantId, table.position),
  ],
);

/** Dosing (dosering): which core component is in focus in which period. */
export const dosingPeriods = pgTable(
  "implementation_dosing_periods",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    componentId: uuid("component_id")
      .notNull()
      .references(() => coreComponents.id, { onDelete: "cascade" }),
    startsOn: date("starts_on").notNull(),
    endsOn: date("ends_on").notNull(),
    note: text("note").notNull().default(""),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index("dosing_periods_tenant_idx").on(table.tenantId, table.startsOn),
    index("dosing_periods_component_idx").on(table.componentId),
    check("dosing_periods_order", sql`${table.endsOn} >= ${table.startsOn}`),
  ],
);

/**
 * A milestone of the implementation plan: what, the period, who is responsible (free text as in
 * the seed's table, e.g. "Prosjektleder og BTS-kontakter"), the done date and, for an activity,
 * the milestone that evaluates it. `continuous` is the seed's "Kontinuerlig" (no end).
 */
export const milestones = pgTable(
  "implementation_milestones",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    /** activity | evaluation */
    kind: text("kind").notNull().default("activity"),
    startsOn: date("starts_on").notNull(),
    endsOn: date("ends_on").notNull(),
    continuous: boolean("continuous").notNull().default(false),
    responsible: text("responsible").notNull(),
    doneOn: date("done_on"),
    evaluationMilestoneId: uuid("evaluation_milestone_id").references(
      (): AnyPgColumn => milestones.id,
      { onDelete: "set null" },
    ),
    componentId: uuid("component_id").references(() => coreComponents.id, {
      onDelete: "set null",
    }),
    createdBy: userRef("created_by"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index("milestones_tenant_idx").on(table.tenantId, table.startsOn),
    index("milestones_evaluation_idx").on(table.evaluationMilestoneId),
    index("milestones_component_idx").on(table.componentId),
    check("milestones_order", sql`${table.endsOn} >= ${table.startsOn}`),
  ],
);

/** A row of the responsibility matrix ("Hvem gjør det?"): role → duties → how. */
export const responsibilities = pgTable(
  "implementation_responsibilities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    position: integer("position").notNull(),
    /** Who, as the municipality names them: "Kommunalsjefer", "BTS-kontakter" … */
    holder: text("holder").notNull(),
    duty: text("duty").notNull(),
    /** How, one point per line. */
    how: text("how").notNull().default(""),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index("responsibilities_tenant_idx").on(table.tenantId, table.position)],
);

/** The risk register: the Nittedal seed's risk factors at municipal, service and individual level. */
export const risks = pgTable(
  "implementation_risks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    /** municipal | service | individual */
    level: text("level").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    likelihood: smallint("likelihood").notNull(),
    consequence: smallint("consequence").notNull(),
    measures: text("measures").notNull().default(""),
    ownerUserId: userRef("owner_user_id"),
    reviewOn: date("review_on").notNull(),
    /** open | closed */
    status: text("status").notNull().default("open"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index("risks_tenant_idx").on(table.tenantId, table.reviewOn),
    check("risks_likelihood", sql`${table.likelihood} between 1 and 5`),
    check("risks_consequence", sql`${table.consequence} between 1 and 5`),
  ],
);

/** A unit's place in the implementation: pilot or not. One row per unit that has been touched. */
export const unitImplementation = pgTable(
  "unit_implementation",
  {
    unitId: uuid("unit_id")
      .primaryKey()
      .references(() => units.id, { onDelete: "cascade" }),
    tenantId: tenantRef(),
    pilot: boolean("pilot").notNull().default(false),
    updatedAt: updatedAt(),
  },
  (table) => [index("unit_implementation_tenant_idx").on(table.tenantId)],
);

/**
 * Each change of a unit's implementation stage (exploration, installation, initial, full) with
 * the date it changed and why; the latest by changed_on (then created_at) is the current stage.
 */
export const unitStageChanges = pgTable(
  "unit_stage_changes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id, { onDelete: "cascade" }),
    /** exploration | installation | initial | full */
    stage: text("stage").notNull(),
    changedOn: date("changed_on").notNull(),
    reason: text("reason").notNull(),
    changedBy: userRef("changed_by"),
    createdAt: createdAt(),
  },
  (table) => [index("unit_stage_changes_unit_idx").on(table.unitId, table.changedOn)],
);

/** A unit's BTS contacts: one or two, appointed by the unit's leader. */
export const btsContacts = pgTable(
  "unit_bts_contacts",
  {
    tenantId: tenantRef(),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    appointedBy: userRef("appointed_by"),
    appointedOn: date("appointed_on").notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    primaryKey({ columns: [table.unitId, table.userId] }),
    index("unit_bts_contacts_user_idx").on(table.userId),
    index("unit_bts_contacts_tenant_idx").on(table.tenantId),
  ],
);

/** A BTS network: a learning network of BTS contacts from a set of units, led by the coordinator. */
export const btsNetworks = pgTable(
  "bts_networks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    leaderUserId: userRef("leader_user_id"),
    active: boolean("active").notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex("bts_networks_tenant_name_unique").on(table.tenantId, sql`lower(${table.name})`),
  ],
);

export const btsNetworkUnits = pgTable(
  "bts_network_units",
  {
    tenantId: tenantRef(),
    networkId: uuid("network_id")
      .notNull()
      .references(() => btsNetworks.id, { onDelete: "cascade" }),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id, { onDelete: "cascade" }),
  },
  (table) => [
    primaryKey({ columns: [table.networkId, table.unitId] }),
    index("bts_network_units_unit_idx").on(table.unitId),
  ],
);

/** A network meeting; the planned ones of a year are the yearly meeting plan. */
export const btsNetworkMeetings = pgTable(
  "bts_network_meetings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    networkId: uuid("network_id")
      .notNull()
      .references(() => btsNetworks.id, { onDelete: "cascade" }),
    meetsOn: date("meets_on").notNull(),
    /** "HH:MM" or empty */
    startsAt: text("starts_at").notNull().default(""),
    place: text("place").notNull().default(""),
    theme: text("theme").notNull().default(""),
    /** planned | held | cancelled */
    status: text("status").notNull().default("planned"),
    summary: text("summary").notNull().default(""),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index("bts_network_meetings_network_idx").on(table.networkId, table.meetsOn)],
);

/** A shared agenda item for a network meeting, proposed by any member. */
export const btsNetworkAgendaItems = pgTable(
  "bts_network_agenda_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => btsNetworkMeetings.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    detail: text("detail").notNull().default(""),
    proposedBy: userRef("proposed_by"),
    unitId: uuid("unit_id").references(() => units.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (table) => [index("bts_network_agenda_meeting_idx").on(table.meetingId)],
);

/** Who attended a meeting, and for which unit. */
export const btsNetworkAttendance = pgTable(
  "bts_network_attendance",
  {
    tenantId: tenantRef(),
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => btsNetworkMeetings.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    unitId: uuid("unit_id").references(() => units.id, { onDelete: "set null" }),
    present: boolean("present").notNull(),
    recordedBy: userRef("recorded_by"),
    createdAt: createdAt(),
  },
  (table) => [
    primaryKey({ columns: [table.meetingId, table.userId] }),
    index("bts_network_attendance_unit_idx").on(table.unitId),
    index("bts_network_attendance_user_idx").on(table.userId),
  ],
);

/** The structured notes per unit and meeting: "gjort, lurt, lært" (done, wise, learned). */
export const btsNetworkUnitNotes = pgTable(
  "bts_network_unit_notes",
  {
    tenantId: tenantRef(),
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => btsNetworkMeetings.id, { onDelete: "cascade" }),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id, { onDelete: "cascade" }),
    done: text("done").notNull().default(""),
    wise: text("wise").notNull().default(""),
    learned: text("learned").notNull().default(""),
    writtenBy: userRef("written_by"),
    updatedAt: updatedAt(),
  },
  (table) => [
    primaryKey({ columns: [table.meetingId, table.unitId] }),
    index("bts_network_unit_notes_unit_idx").on(table.unitId),
  ],
);

/** A training event: kick-off, the yearly seminar, the shared planning day, a course. */
export const trainingEvents = pgTable(
  "training_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    /** kickoff | seminar | planning_day | course */
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    place: text("place").notNull().default(""),
    capacity: integer("capacity"),
    registrationDeadline: date("registration_deadline"),
    componentId: uuid("component_id").references(() => coreComponents.id, {
      onDelete: "set null",
    }),
    milestoneId: uuid("milestone_id").references(() => milestones.id, { onDelete: "set null" }),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    createdBy: userRef("created_by"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index("training_events_tenant_idx").on(table.tenantId, table.startsAt),
    check("training_events_order", sql`${table.endsAt} >= ${table.startsAt}`),
  ],
);

/** A unit invited to an event: its staff are told and may register. */
export const trainingInvitations = pgTable(
  "training_invitations",
  {
    tenantId: tenantRef(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => trainingEvents.id, { onDelete: "cascade" }),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id, { onDelete: "cascade" }),
    invitedBy: userRef("invited_by"),
    createdAt: createdAt(),
  },
  (table) => [
    primaryKey({ columns: [table.eventId, table.unitId] }),
    index("training_invitations_unit_idx").on(table.unitId),
  ],
);

/** One person's registration for an event; attendance is recorded on it afterwards. */
export const trainingRegistrations = pgTable(
  "training_registrations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => trainingEvents.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    unitId: uuid("unit_id").references(() => units.id, { onDelete: "set null" }),
    registeredBy: userRef("registered_by"),
    /** null until recorded after the event */
    attended: boolean("attended"),
    /** Set when the person has answered the evaluation; the answer itself is not linked to them. */
    evaluatedAt: timestamp("evaluated_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex("training_registrations_event_user_unique").on(table.eventId, table.userId),
    index("training_registrations_user_idx").on(table.userId),
    index("training_registrations_unit_idx").on(table.unitId),
  ],
);

/** An anonymous evaluation of an event: no link to the person who answered. */
export const trainingEvaluations = pgTable(
  "training_evaluations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => trainingEvents.id, { onDelete: "cascade" }),
    /** 1–5 */
    overall: smallint("overall").notNull(),
    /** 1–5: how useful for one's own work */
    usefulness: smallint("usefulness").notNull(),
    bestPart: text("best_part").notNull().default(""),
    improve: text("improve").notNull().default(""),
    createdAt: createdAt(),
  },
  (table) => [
    index("training_evaluations_event_idx").on(table.eventId),
    check("training_evaluations_overall", sql`${table.overall} between 1 and 5`),
    check("training_evaluations_usefulness", sql`${table.usefulness} between 1 and 5`),
  ],
);

/** Learning material in the competence portal, per core component. */
export const competenceMaterials = pgTable(
  "competence_materials",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    componentId: uuid("component_id").references(() => coreComponents.id, {
      onDelete: "set null",
    }),
    /** text | link | video | document */
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    /** Markdown for text; a short description for the others. */
    body: text("body").notNull().default(""),
    url: text("url"),
    fileData: bytea("file_data"),
    fileName: text("file_name"),
    fileType: text("file_type"),
    fileSize: integer("file_size"),
    position: integer("position").notNull().default(0),
    createdBy: userRef("created_by"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index("competence_materials_component_idx").on(table.tenantId, table.componentId)],
);

/** The municipality's onboarding checklist for new employees (the seed's five steps). */
export const onboardingSteps = pgTable(
  "onboarding_steps",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    active: boolean("active").notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index("onboarding_steps_tenant_idx").on(table.tenantId, table.position)],
);

/** A new employee's onboarding in a unit, followed up by the unit's BTS contact. */
export const onboardings = pgTable(
  "onboardings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id, { onDelete: "cascade" }),
    startedOn: date("started_on").notNull(),
    dueOn: date("due_on").notNull(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    createdBy: userRef("created_by"),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex("onboardings_user_unit_unique").on(table.userId, table.unitId),
    index("onboardings_unit_idx").on(table.tenantId, table.unitId),
  ],
);

export const onboardingStepCompletions = pgTable(
  "onboarding_step_completions",
  {
    tenantId: tenantRef(),
    onboardingId: uuid("onboarding_id")
      .notNull()
      .references(() => onboardings.id, { onDelete: "cascade" }),
    stepId: uuid("step_id")
      .notNull()
      .references(() => onboardingSteps.id, { onDelete: "cascade" }),
    completedOn: date("completed_on").notNull(),
    confirmedBy: userRef("confirmed_by"),
    createdAt: createdAt(),
  },
  (table) => [
    primaryKey({ columns: [table.onboardingId, table.stepId] }),
    index("onboarding_step_completions_step_idx").on(table.stepId),
  ],
);
