import { sql, type SQL } from "drizzle-orm";
import {
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { tenants, units, users } from "./platform.ts";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/**
 * A page of the guide (handlingsveileder) and the public site: the model, a BTI level, a step of
 * a level, a routine, a tool, a glossary term, a youth or guardian page. The text lives in
 * versions; the page row holds identity, place and which version is published.
 */
export const contentPages = pgTable(
  "content_pages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id),
    /** URL name, unique per municipality and language, e.g. "niva-0". */
    slug: text("slug").notNull(),
    /** core/guide/kinds.ts: model, level, step, routine, tool, term, youth, guardian, article. */
    kind: text("kind").notNull(),
    /** public (anyone), internal (signed-in staff) or youth (the youth portal, public). */
    audience: text("audience").notNull(),
    language: text("language").notNull().default("nb"),
    /** Pages in other languages with the same translation key are translations of each other. */
    translationKey: text("translation_key").notNull(),
    parentId: uuid("parent_id"),
    sortOrder: integer("sort_order").notNull().default(0),
    publishedVersionId: uuid("published_version_id"),
    /** Bumped by every saved edit: an edit based on an older lock version is a conflict. */
    lockVersion: integer("lock_version").notNull().default(0),
    archived: boolean("archived").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex("content_pages_slug_unique").on(table.tenantId, table.language, table.slug),
    index("content_pages_parent_idx").on(table.tenantId, table.parentId, table.sortOrder),
  ],
);

export const contentVersions = pgTable(
  "content_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id),
    pageId: uuid("page_id")
      .notNull()
      .references(() => contentPages.id, { onDelete: "cascade" }),
    /** 1, 2, 3 … per page. */
    number: integer("number").notNull(),
    /** draft → review → published; a published version becomes superseded by the next. */
    state: text("state").notNull(),
    title: text("title").notNull(),
    summary: text("summary").notNull().default(""),
    /** Markdown. Rendered with raw HTML disabled (core/guide/markdown.ts). */
    body: text("body").notNull().default(""),
    /** Kind-specific fields (a step's responsible, deadline, tools and legal notes; a term's synonyms …). */
    fields: jsonb("fields").$type<Record<string, unknown>>().notNull().default({}),
    changeNote: text("change_note").notNull().default(""),
    /** The reviewer's note when a version is sent back to draft (rejectVersion). */
    reviewNote: text("review_note").notNull().default(""),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
    submittedBy: uuid("submitted_by").references(() => users.id),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    approvedBy: uuid("approved_by").references(() => users.id),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    searchVector: tsvector("search_vector").generatedAlwaysAs(
      (): SQL =>
        sql`setweight(to_tsvector('norwegian', coalesce(title, '')), 'A') || setweight(to_tsvector('norwegian', coalesce(summary, '')), 'B') || setweight(to_tsvector('norwegian', coalesce(body, '')), 'C')`,
    ),
  },
  (table) => [
    uniqueIndex("content_versions_page_number_unique").on(table.pageId, table.number),
    index("content_versions_search_idx").using("gin", table.searchVector),
    index("content_versions_title_trgm_idx").using("gin", sql`${table.title} gin_trgm_ops`),
  ],
);

/** The municipality's yearly revision of the guide; feedback items are linked to the revision that handled them. */
export const contentRevisions = pgTable(
  "content_revisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id),
    year: integer("year").notNull(),
    dueDate: date("due_date", { mode: "string" }).notNull(),
    status: text("status").notNull().default("planned"),
    notes: text("notes").notNull().default(""),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    reminderSentAt: timestamp("reminder_sent_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex("content_revisions_year_unique").on(table.tenantId, table.year)],
);

/** "Hvem kan hjelpe?": a service in the municipality, what it offers and how to reach it. */
export const directoryEntries = pgTable(
  "directory_entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id),
    unitId: uuid("unit_id").references(() => units.id),
    name: text("name").notNull(),
    /** Markdown. */
    description: text("description").notNull().default(""),
    offers: text("offers").notNull().default(""),
    /** core/guide/topics.ts: psykisk_helse, rus, vold, mobbing, familie, skole, penger, kropp_seksualitet … */
    topics: text("topics")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    ageFrom: integer("age_from").notNull().default(0),
    ageTo: integer("age_to").notNull().default(24),
    phone: text("phone"),
    email: text("email"),
    address: text("address"),
    website: text("website"),
    howToRefer: text("how_to_refer").notNull().default(""),
    openingHours: text("opening_hours").notNull().default(""),
    public: boolean("public").notNull().default(true),
    active: boolean("active").notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index("directory_entries_tenant_idx").on(table.tenantId, table.name)],
);

/**
 * An employee's private note while going from worry to a decision (level 0). No identity of
 * the child: initials or a pseudonym only. Visible to its author alone.
 */
export const worryNotes = pgTable(
  "worry_notes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    pseudonym: text("pseudonym").notNull(),
    /** Answers to the level-0 questions, keyed by question id. */
    answers: jsonb("answers").$type<Record<string, string>>().notNull().default({}),
    note: text("note").notNull().default(""),
    /** The day the 14-day level-0 deadline ends. */
    deadline: date("deadline", { mode: "string" }).notNull(),
    /** close | level1 | level2 | report, once decided. */
    decision: text("decision"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    reminderSentAt: timestamp("reminder_sent_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index("worry_notes_user_idx").on(table.tenantId, table.userId, table.deadline)],
);

/** Feedback from the button on every page, and its triage into the yearly revision. */
export const feedbackItems = pgTable(
  "feedback_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id),
    /** The page the feedback was sent from (path only, no query string). */
    pagePath: text("page_path").notNull(),
    pageTitle: text("page_title").notNull().default(""),
    /** error | missing | suggestion | good */
    kind: text("kind").notNull(),
    text: text("text").notNull(),
    /** Optional reply address, AES-GCM encrypted. */
    emailEncrypted: text("email_encrypted"),
    /** ny | under_vurdering | tatt_inn | besvart | avvist */
    state: text("state").notNull().default("ny"),
    revisionId: uuid("revision_id").references(() => contentRevisions.id),
    contentPageId: uuid("content_page_id").references(() => contentPages.id),
    reply: text("reply"),
    /** The theme the coordinator files it under for the yearly revision report (free text, e.g. "Nivå 1", "Språk"). */
    theme: text("theme"),
    /** What was done about it, in the revision report's words (issue 7). */
    actionNote: text("action_note").notNull().default(""),
    repliedAt: timestamp("replied_at", { withTimezone: true }),
    repliedBy: uuid("replied_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index("feedback_items_tenant_state_idx").on(table.tenantId, table.state, table.createdAt),
  ],
);
