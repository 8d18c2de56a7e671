import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  char,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

/** Settings a municipality chooses; later modules read them (consent age, retention). */
export interface TenantSettings {
  youthConsentAge: 15 | 16;
  retentionMonthsAfterClose: number;
  contactEmail: string | null;
  contactPhone: string | null;
}

export const tenants = pgTable("tenants", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  municipalityNumber: char("municipality_number", { length: 4 }).notNull().unique(),
  settings: jsonb("settings").$type<TenantSettings>().notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const units = pgTable(
  "units",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id),
    name: text("name").notNull(),
    serviceType: text("service_type").notNull(),
    active: boolean("active").notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex("units_tenant_name_unique").on(table.tenantId, sql`lower(${table.name})`),
    index("units_tenant_idx").on(table.tenantId),
  ],
);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash"),
    roles: text("roles")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    active: boolean("active").notNull().default(true),
    failedLoginCount: integer("failed_login_count").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
    /** `issuer|sub` of the staff OIDC account bound at the first OIDC login (ADR 0011). */
    oidcSubject: text("oidc_subject"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex("users_oidc_subject_unique").on(table.oidcSubject),
    // E-mail is unique across municipalities so staff log in without choosing one (ADR 0007).
    uniqueIndex("users_email_unique").on(sql`lower(${table.email})`),
    index("users_tenant_idx").on(table.tenantId),
  ],
);

export const userUnits = pgTable(
  "user_units",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
  },
  (table) => [primaryKey({ columns: [table.userId, table.unitId] })],
);

/** Guardians and young people, known by their national ID number (hashed for lookup, encrypted for display). */
export const citizens = pgTable(
  "citizens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id),
    nationalIdHash: text("national_id_hash").notNull(),
    nationalIdEncrypted: text("national_id_encrypted").notNull(),
    name: text("name"),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex("citizens_tenant_pid_unique").on(table.tenantId, table.nationalIdHash)],
);

export const sessions = pgTable(
  "sessions",
  {
    /** SHA-256 of the cookie value; the raw token never reaches the database. */
    id: text("id").primaryKey(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id),
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    citizenId: uuid("citizen_id").references(() => citizens.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    authMethod: text("auth_method").notNull(),
  },
  (table) => [
    index("sessions_user_idx").on(table.userId),
    index("sessions_citizen_idx").on(table.citizenId),
    check("sessions_one_subject", sql`(${table.userId} is null) <> (${table.citizenId} is null)`),
  ],
);

export const personalAccessTokens = pgTable(
  "personal_access_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    scopes: text("scopes").array().notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (table) => [index("pat_user_idx").on(table.userId)],
);

/** Fixed-window counters shared by every app node (login and feedback rate limits). */
export const rateLimits = pgTable(
  "rate_limits",
  {
    bucket: text("bucket").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    hits: integer("hits").notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.bucket, table.windowStart] })],
);

/** Append-only. The app role may insert and select, never update or delete. */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: uuid("tenant_id").references(() => tenants.id),
    occurredAt: timestamp("occurred_at", { withTimezone: true, precision: 3 })
      .notNull()
      .defaultNow(),
    eventType: text("event_type").notNull(),
    actor: jsonb("actor").$type<AuditActorSnapshot>().notNull(),
    subjectType: text("subject_type"),
    subjectId: text("subject_id"),
    ip: text("ip"),
    userAgent: text("user_agent"),
    requestId: text("request_id"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
  },
  (table) => [
    index("audit_tenant_time_idx").on(table.tenantId, table.occurredAt),
    index("audit_subject_idx").on(table.tenantId, table.subjectType, table.subjectId),
  ],
);

/**
 * The hash chain over audit_events, written by the sealing step in batches (ADR 0006), so an
 * audit write never waits for another's lock. One chain per tenant plus one for the platform.
 */
export const auditChain = pgTable(
  "audit_chain",
  {
    eventId: bigint("event_id", { mode: "number" })
      .primaryKey()
      .references(() => auditEvents.id),
    chainKey: text("chain_key").notNull(),
    seq: bigint("seq", { mode: "number" }).notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
    sealedAt: timestamp("sealed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex("audit_chain_key_seq_unique").on(table.chainKey, table.seq)],
);

/**
 * The audit events not yet linked into the chain, queued by a trigger on audit_events in the
 * same transaction as the event, so the sealer reads a short queue instead of anti-joining the
 * whole audit log (millions of rows at national scale) every few seconds.
 */
export const auditUnsealed = pgTable(
  "audit_unsealed",
  {
    eventId: bigint("event_id", { mode: "number" })
      .primaryKey()
      .references(() => auditEvents.id),
    tenantId: uuid("tenant_id"),
  },
  (table) => [index("audit_unsealed_tenant_idx").on(table.tenantId, table.eventId)],
);

export interface AuditActorSnapshot {
  kind: "staff" | "citizen" | "system" | "anonymous";
  id: string | null;
  name: string | null;
  roles: string[];
}
