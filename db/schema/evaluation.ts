import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { trainingEvents } from "./implementation.ts";
import { tenants, units, users } from "./platform.ts";

/**
 * The evaluation module (issue 7): surveys, the child population and prevalence rates behind the
 * "invisible children" estimate, and the leadership reports. No table here holds a child's data;
 * survey answers hold no link to the person who gave them (ADR 0022). Every table is
 * tenant-scoped with RLS (0017).
 */

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();
const tenantRef = () =>
  uuid("tenant_id")
    .notNull()
    .references(() => tenants.id);
const userRef = (name: string) => uuid(name).references(() => users.id, { onDelete: "set null" });
const surveyRef = () =>
  uuid("survey_id")
    .notNull()
    .references(() => surveys.id, { onDelete: "cascade" });

/** An option of a single or multiple choice question; the key is what an answer stores. */
export type SurveyOption = { key: string; label: string };

/**
 * A survey. A new round of the same survey (the yearly repeat, "before and after") is a copy
 * that names the round before it, so results can be compared question by question.
 */
export const surveys = pgTable(
  "surveys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    title: text("title").notNull(),
    /** Shown above the questions: why we ask, how the answers are used, that they are anonymous. */
    introduction: text("introduction").notNull().default(""),
    /** The shipped template it started from: bti_staff | yearly_model | event | user | null (built from scratch). */
    template: text("template"),
    /** staff (invited by unit and role) | link (anyone with the link: guardians, youth, partners). */
    audience: text("audience").notNull().default("staff"),
    /** Written in plain language (klarspråk) for guardians and young people. */
    plainLanguage: boolean("plain_language").notNull().default(false),
    /** draft | open | closed */
    status: text("status").notNull().default("draft"),
    opensOn: date("opens_on", { mode: "string" }),
    closesOn: date("closes_on", { mode: "string" }),
    /** For audience "link": the random token in the public address /undersokelse/:token. */
    linkToken: text("link_token"),
    /** The earlier round this one is compared with. */
    previousRoundId: uuid("previous_round_id").references((): AnyPgColumn => surveys.id, {
      onDelete: "set null",
    }),
    /** An event evaluation: the training event whose attendees are asked. */
    trainingEventId: uuid("training_event_id").references(() => trainingEvents.id, {
      onDelete: "set null",
    }),
    /** Days between reminders to those who have not answered; null = no reminders. */
    reminderIntervalDays: smallint("reminder_interval_days"),
    openedAt: timestamp("opened_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    createdBy: userRef("created_by"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index("surveys_tenant_idx").on(table.tenantId, table.status, table.createdAt),
    uniqueIndex("surveys_link_token_unique").on(table.linkToken),
    check(
      "surveys_dates",
      sql`${table.closesOn} is null or ${table.opensOn} is null or ${table.closesOn} >= ${table.opensOn}`,
    ),
  ],
);

/**
 * A question. Questions are versioned: once a question has answers, editing it retires this row
 * (retiredAt) and adds a new row with the same lineageId, so every stored answer keeps pointing
 * at the exact wording and options it was given to.
 */
export const surveyQuestions = pgTable(
  "survey_questions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    surveyId: surveyRef(),
    /** The same for every version of one question; matches questions across rounds too (copied). */
    lineageId: uuid("lineage_id").notNull(),
    version: integer("version").notNull().default(1),
    position: integer("position").notNull(),
    /** The theme results are grouped by, e.g. "Kunnskap", "Samarbeid". */
    theme: text("theme").notNull().default(""),
    /** single | multiple | likert | number | text */
    type: text("type").notNull(),
    prompt: text("prompt").notNull(),
    help: text("help").notNull().default(""),
    options: jsonb("options").$type<SurveyOption[]>().notNull().default([]),
    required: boolean("required").notNull().default(false),
    /** Number questions: the allowed range. */
    minValue: integer("min_value"),
    maxValue: integer("max_value"),
    retiredAt: timestamp("retired_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [
    index("survey_questions_survey_idx").on(table.surveyId, table.position),
    uniqueIndex("survey_questions_lineage_version_unique").on(
      table.surveyId,
      table.lineageId,
      table.version,
    ),
    check(
      "survey_questions_type",
      sql`${table.type} in ('single', 'multiple', 'likert', 'number', 'text')`,
    ),
  ],
);

/** Who a staff survey is sent to: a unit, a role, or both (null = any). */
export const surveyTargets = pgTable(
  "survey_targets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    surveyId: surveyRef(),
    unitId: uuid("unit_id").references(() => units.id, { onDelete: "cascade" }),
    role: text("role"),
  },
  (table) => [index("survey_targets_survey_idx").on(table.surveyId)],
);

/**
 * Who was asked and whether they have answered, kept apart from the answers: it holds no link
 * to a response and no time of answering, only that the person has answered, so reminders go
 * to the others and nobody can match an answer to a person.
 */
export const surveyInvitations = pgTable(
  "survey_invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    surveyId: surveyRef(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    invitedAt: timestamp("invited_at", { withTimezone: true }).notNull().defaultNow(),
    answered: boolean("answered").notNull().default(false),
    remindersSent: smallint("reminders_sent").notNull().default(0),
    lastRemindedAt: timestamp("last_reminded_at", { withTimezone: true }),
  },
  (table) => [
    uniqueIndex("survey_invitations_survey_user_unique").on(table.surveyId, table.userId),
    index("survey_invitations_user_idx").on(table.tenantId, table.userId),
  ],
);

/**
 * A half-finished answer, so nothing typed is lost. It belongs to the person (staff) or to a
 * random token kept in the respondent's browser (link surveys) until it is submitted; then it is
 * deleted and an anonymous response is written. Nobody but the respondent ever reads a draft.
 */
export const surveyDrafts = pgTable(
  "survey_drafts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    surveyId: surveyRef(),
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    /** SHA-256 of the browser's draft token (link surveys). */
    tokenHash: text("token_hash"),
    /** Answers keyed by question id, as typed. */
    answers: jsonb("answers").$type<Record<string, string | string[]>>().notNull().default({}),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex("survey_drafts_user_unique")
      .on(table.surveyId, table.userId)
      .where(sql`user_id is not null`),
    uniqueIndex("survey_drafts_token_unique")
      .on(table.surveyId, table.tokenHash)
      .where(sql`token_hash is not null`),
    check(
      "survey_drafts_owner",
      sql`${table.userId} is not null or ${table.tokenHash} is not null`,
    ),
  ],
);

/**
 * A submitted answer: no user, no time of day. The unit and its service type are kept for the
 * breakdowns, which suppress any group below five responses.
 */
export const surveyResponses = pgTable(
  "survey_responses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    surveyId: surveyRef(),
    unitId: uuid("unit_id").references(() => units.id, { onDelete: "set null" }),
    serviceType: text("service_type"),
    /** staff | guardian | youth | other (link surveys ask who answers). */
    respondentGroup: text("respondent_group"),
    submittedOn: date("submitted_on", { mode: "string" }).notNull(),
  },
  (table) => [
    index("survey_responses_survey_idx").on(table.surveyId),
    index("survey_responses_unit_idx").on(table.surveyId, table.unitId),
  ],
);

/** One answer to one question (the exact question version it was given to). */
export const surveyAnswers = pgTable(
  "survey_answers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    surveyId: surveyRef(),
    responseId: uuid("response_id")
      .notNull()
      .references(() => surveyResponses.id, { onDelete: "cascade" }),
    questionId: uuid("question_id")
      .notNull()
      .references(() => surveyQuestions.id, { onDelete: "cascade" }),
    /** single/multiple: the option keys chosen. */
    choiceKeys: text("choice_keys").array(),
    /** likert (1–5) and number. */
    numberValue: integer("number_value"),
    textValue: text("text_value"),
  },
  (table) => [
    index("survey_answers_response_idx").on(table.responseId),
    index("survey_answers_question_idx").on(table.questionId),
    index("survey_answers_survey_idx").on(table.surveyId),
  ],
);

/**
 * The municipality's children and young people by year and age band, entered by hand or imported
 * from Statistics Norway's table 07459 as CSV.
 */
export const childPopulation = pgTable(
  "child_population",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    year: integer("year").notNull(),
    ageFrom: smallint("age_from").notNull(),
    ageTo: smallint("age_to").notNull(),
    count: integer("count").notNull(),
    /** manual | ssb_import */
    source: text("source").notNull().default("manual"),
    updatedBy: userRef("updated_by"),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex("child_population_band_unique").on(
      table.tenantId,
      table.year,
      table.ageFrom,
      table.ageTo,
    ),
    check("child_population_count", sql`${table.count} >= 0`),
    check(
      "child_population_ages",
      sql`${table.ageTo} >= ${table.ageFrom} and ${table.ageFrom} >= 0`,
    ),
  ],
);

/**
 * A national prevalence rate behind the "invisible children" estimate, with its source. The
 * Nittedal seed's five rates are the defaults; the coordinator may edit them.
 */
export const prevalenceRates = pgTable(
  "prevalence_rates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    /** parent_mental_illness | parent_hospitalised | parent_substance_use | family_violence | sexual_abuse | custom key */
    key: text("key").notNull(),
    label: text("label").notNull(),
    /** Percent of all children, e.g. 11.70. */
    percent: numeric("percent", { precision: 6, scale: 3 }).notNull(),
    source: text("source").notNull().default(""),
    sourceUrl: text("source_url"),
    position: integer("position").notNull().default(0),
    updatedBy: userRef("updated_by"),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex("prevalence_rates_key_unique").on(table.tenantId, table.key),
    check("prevalence_rates_percent", sql`${table.percent} >= 0 and ${table.percent} <= 100`),
  ],
);

/**
 * A report to the leadership (half-yearly), the municipal council (yearly) or the yearly revision.
 * While a draft it is computed when read; publishing freezes the figures in `snapshot` so the
 * published report never changes under its readers.
 */
export const evaluationReports = pgTable(
  "evaluation_reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    /** half_year | year | revision */
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    periodFrom: date("period_from", { mode: "string" }).notNull(),
    periodTo: date("period_to", { mode: "string" }).notNull(),
    /** The coordinator's written summary (Markdown without raw HTML). */
    summary: text("summary").notNull().default(""),
    /** draft | published */
    status: text("status").notNull().default("draft"),
    /** Surveys whose results the report shows. */
    surveyIds: uuid("survey_ids")
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    snapshot: jsonb("snapshot"),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    publishedBy: userRef("published_by"),
    createdBy: userRef("created_by"),
    lockVersion: integer("lock_version").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index("evaluation_reports_tenant_idx").on(table.tenantId, table.periodTo),
    check("evaluation_reports_period", sql`${table.periodTo} >= ${table.periodFrom}`),
    check("evaluation_reports_kind", sql`${table.kind} in ('half_year', 'year', 'revision')`),
  ],
);
