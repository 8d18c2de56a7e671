/**
 * Feedback from the button on every page, and the coordinators' inbox: triage, linking to the
 * yearly revision that handled it, and a reply by e-mail when the sender left an address.
 */
import { and, asc, count, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "../../db/client.ts";
import {
  contentPages,
  contentRevisions,
  contentVersions,
  feedbackItems,
  users,
} from "../../db/schema/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import { assertCan } from "../access/policy.ts";
import { recordAudit } from "../audit/audit.ts";
import { hitRateLimit } from "../auth/rate-limit.ts";
import { AppError, type FieldErrors } from "../errors.ts";
import { decryptText, encryptText } from "../platform/crypto.ts";
import { fieldErrorsFrom, parseInput } from "../platform/validation.ts";
import {
  feedbackHoneypotField,
  feedbackPagePath,
  feedbackActionNoteMax,
  feedbackNoTheme,
  feedbackPathMax,
  feedbackSorts,
  feedbackTextMax,
  feedbackTextMin,
  feedbackThemeMax,
  feedbackTitleMax,
} from "./feedback-form.ts";
import { feedbackKinds, feedbackStates, type FeedbackKind, type FeedbackState } from "./kinds.ts";

export * from "./feedback-form.ts";

type FeedbackRow = typeof feedbackItems.$inferSelect;

/** A feedback item as coordinators see it: never the reply address itself, only whether there is one. */
export interface FeedbackItem {
  id: string;
  pagePath: string;
  pageTitle: string;
  kind: FeedbackKind;
  text: string;
  state: FeedbackState;
  hasEmail: boolean;
  revision: { id: string; year: number } | null;
  /** The coordinator's theme for the yearly revision report; null until one is given. */
  theme: string | null;
  /** What was done about it ("Hva ble gjort"), in the revision report's words. */
  actionNote: string;
  reply: string | null;
  repliedAt: Date | null;
  repliedByName: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What sends the reply: server/mail.ts in the app, anything with this shape in tests. */
export interface FeedbackMailer {
  readonly configured: boolean;
  sendMail(message: { to: string; subject: string; text: string }): Promise<void>;
}

// ---------------------------------------------------------------- submit

export const feedbackInputSchema = z.strictObject({
  kind: z.enum(feedbackKinds),
  text: z.string().trim().min(feedbackTextMin).max(feedbackTextMax),
  email: z
    .string()
    .trim()
    .max(254)
    .optional()
    .transform((value) => (value ? value : undefined))
    .pipe(z.email().optional()),
  pagePath: z
    .string()
    .max(feedbackPathMax)
    .refine((value) => feedbackPagePath(value) === value, "errors.format"),
  pageTitle: z.string().trim().max(feedbackTitleMax).optional().default(""),
});

/** Field errors worded for this form rather than the generic ones (`errors.tooShort` says no limit). */
const feedbackMessages: Record<string, string> = {
  "kind:errors.required": "feedback.errors.kind",
  "kind:errors.choice": "feedback.errors.kind",
  "text:errors.required": "feedback.errors.textRequired",
  "text:errors.tooShort": "feedback.errors.textTooShort",
  "text:errors.tooLong": "feedback.errors.textTooLong",
  "email:errors.email": "feedback.errors.email",
  "email:errors.tooLong": "feedback.errors.email",
};

function parseFeedback(values: Record<string, unknown>) {
  const result = feedbackInputSchema.safeParse(values, { reportInput: true });
  if (result.success) return result.data;
  const fieldErrors: FieldErrors = {};
  for (const [field, key] of Object.entries(fieldErrorsFrom(result.error))) {
    fieldErrors[field] = feedbackMessages[`${field}:${key}`] ?? key;
  }
  // Nothing written at all asks for the text rather than for "at least 3 characters".
  if (fieldErrors.text && typeof values.text === "string" && values.text.trim() === "") {
    fieldErrors.text = "feedback.errors.textRequired";
  }
  throw new AppError("validation", "errors.validation", { fieldErrors });
}

/**
 * Anyone may send feedback, also without logging in. A filled honeypot is accepted without
 * storing anything (a bot learns nothing); a burst from one address is refused with
 * AppError("rate_limited") before anything is stored, so what was sent earlier stays.
 */
export async function submitFeedback(input: {
  database: Database;
  /** The signed-in actor, or null for an anonymous visitor. */
  actor: Actor | null;
  /** The municipality the page belongs to (the public one for anonymous visitors). */
  tenantId: string;
  meta: RequestMeta;
  encryptionKey: Buffer;
  rateLimitPerMinute: number;
  values: unknown;
  /** The clock for the rate-limit window (tests pin it so a burst never straddles two minutes). */
  now?: Date;
}): Promise<{ stored: boolean; id: string | null }> {
  const tenantId = input.actor?.tenantId ?? input.tenantId;
  if (!z.guid().safeParse(tenantId).success) throw new AppError("not_found", "errors.notFound");
  const raw =
    input.values && typeof input.values === "object"
      ? { ...(input.values as Record<string, unknown>) }
      : {};
  const honeypot = raw[feedbackHoneypotField];
  delete raw[feedbackHoneypotField];
  if (typeof honeypot === "string" && honeypot.trim() !== "") return { stored: false, id: null };

  const values = parseFeedback(raw);
  // Counted after validation: a person correcting a typo is not a burst; a bot passing it is.
  const limit = await hitRateLimit(
    input.database,
    `feedback:${input.meta.ip ?? "unknown"}`,
    input.rateLimitPerMinute,
    input.now,
  );
  if (!limit.allowed) throw new AppError("rate_limited", "feedback.errors.rateLimited");

  return input.database.tenant(tenantId, async (tx) => {
    const page = await contentPageFor(tx, tenantId, values.pagePath);
    const [row] = await tx
      .insert(feedbackItems)
      .values({
        tenantId,
        pagePath: values.pagePath,
        // A form sent without JavaScript knows only the path; the guide knows its pages' titles.
        pageTitle: values.pageTitle || page?.title || "",
        kind: values.kind,
        text: values.text,
        emailEncrypted: values.email ? encryptText(input.encryptionKey, values.email) : null,
        contentPageId: page?.id ?? null,
      })
      .returning({ id: feedbackItems.id });
    await recordAudit(tx, {
      type: "feedback.received",
      tenantId,
      actor: input.actor ?? { kind: "anonymous", id: null, name: null, roles: [] },
      meta: input.meta,
      subject: { type: "feedback", id: row!.id },
      // Never the text or the address: the text is free text about anything, even a child.
      details: { kind: values.kind, pagePath: values.pagePath, hasEmail: Boolean(values.email) },
    });
    return { stored: true, id: row!.id };
  });
}

/** The guide page behind a path like /veileder/<slug>, /ung/<slug> or /foresatte/<slug>, if any. */
async function contentPageFor(
  tx: Tx,
  tenantId: string,
  path: string,
): Promise<{ id: string; title: string | null } | null> {
  const match = /^\/(?:veileder|ung|foresatte)\/([^/]+)$/.exec(path);
  if (!match) return null;
  let slug: string;
  try {
    slug = decodeURIComponent(match[1]!);
  } catch {
    return null;
  }
  const [page] = await tx
    .select({ id: contentPages.id, title: contentVersions.title })
    .from(contentPages)
    .leftJoin(contentVersions, eq(contentVersions.id, contentPages.publishedVersionId))
    .where(and(eq(contentPages.tenantId, tenantId), eq(contentPages.slug, slug)))
    .orderBy(desc(sql`${contentPages.language} = 'nb'`))
    .limit(1);
  return page ?? null;
}

// ---------------------------------------------------------------- inbox

const listFilterSchema = z.strictObject({
  state: z.enum(feedbackStates).optional(),
  kind: z.enum(feedbackKinds).optional(),
  /** A theme already used, or feedbackNoTheme for the items without one. */
  theme: z.string().trim().min(1).max(feedbackThemeMax).optional(),
  /** One page's path. */
  page: z.string().max(feedbackPathMax).optional(),
  sort: z.enum(feedbackSorts).default("newest"),
});

export interface FeedbackInbox {
  items: FeedbackItem[];
  /** Items per state, regardless of the filter, for the filter's labels. */
  counts: Record<FeedbackState, number>;
  /** Themes already used, alphabetically: the theme filter and the theme field's suggestions. */
  themes: string[];
  /** Pages feedback came from, by path, for the page filter. */
  pages: { path: string; title: string }[];
}

/** Themes already used in the municipality, alphabetically (Norwegian order). */
export async function feedbackThemes(tx: Tx, tenantId: string): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ theme: feedbackItems.theme })
    .from(feedbackItems)
    .where(and(eq(feedbackItems.tenantId, tenantId), sql`${feedbackItems.theme} is not null`));
  return rows
    .map((row) => row.theme!)
    .filter((theme) => theme.trim() !== "")
    .sort((a, b) => a.localeCompare(b, "nb"));
}

function coordinatorTenant(actor: Actor): string {
  assertCan(actor, "guide.edit");
  if (!actor.tenantId) throw new AppError("forbidden", "errors.forbidden");
  return actor.tenantId;
}

function assertFeedbackId(feedbackId: string): void {
  if (!z.guid().safeParse(feedbackId).success) throw new AppError("not_found", "errors.notFound");
}

const itemColumns = {
  item: feedbackItems,
  revisionYear: contentRevisions.year,
  repliedByName: users.name,
};

function toItem(row: {
  item: FeedbackRow;
  revisionYear: number | null;
  repliedByName: string | null;
}): FeedbackItem {
  const { item } = row;
  return {
    id: item.id,
    pagePath: item.pagePath,
    pageTitle: item.pageTitle,
    kind: item.kind as FeedbackKind,
    text: item.text,
    state: item.state as FeedbackState,
    hasEmail: item.emailEncrypted !== null,
    revision:
      item.revisionId && row.revisionYear !== null
        ? { id: item.revisionId, year: row.revisionYear }
        : null,
    theme: item.theme,
    actionNote: item.actionNote,
    reply: item.reply,
    repliedAt: item.repliedAt,
    repliedByName: row.repliedByName,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}

/** The inbox (guide.edit): filtered by state and kind, newest or oldest first, or grouped by page. */
export async function listFeedback(input: {
  database: Database;
  actor: Actor;
  filter?: unknown;
}): Promise<FeedbackInbox> {
  const tenantId = coordinatorTenant(input.actor);
  const filter = parseInput(listFilterSchema, input.filter ?? {});
  return input.database.tenant(tenantId, async (tx) => {
    const order =
      filter.sort === "page"
        ? [asc(feedbackItems.pagePath), desc(feedbackItems.createdAt)]
        : filter.sort === "theme"
          ? [sql`${feedbackItems.theme} asc nulls last`, desc(feedbackItems.createdAt)]
          : filter.sort === "oldest"
            ? [asc(feedbackItems.createdAt)]
            : [desc(feedbackItems.createdAt)];
    const rows = await tx
      .select(itemColumns)
      .from(feedbackItems)
      .leftJoin(contentRevisions, eq(contentRevisions.id, feedbackItems.revisionId))
      .leftJoin(users, eq(users.id, feedbackItems.repliedBy))
      .where(
        and(
          eq(feedbackItems.tenantId, tenantId),
          filter.state ? eq(feedbackItems.state, filter.state) : undefined,
          filter.kind ? eq(feedbackItems.kind, filter.kind) : undefined,
          filter.theme === feedbackNoTheme
            ? sql`coalesce(${feedbackItems.theme}, '') = ''`
            : filter.theme
              ? eq(feedbackItems.theme, filter.theme)
              : undefined,
          filter.page ? eq(feedbackItems.pagePath, filter.page) : undefined,
        ),
      )
      .orderBy(...order, asc(feedbackItems.id));
    const perState = await tx
      .select({ state: feedbackItems.state, total: count() })
      .from(feedbackItems)
      .where(eq(feedbackItems.tenantId, tenantId))
      .groupBy(feedbackItems.state);
    const counts = Object.fromEntries(feedbackStates.map((state) => [state, 0])) as Record<
      FeedbackState,
      number
    >;
    for (const { state, total } of perState) {
      if (state in counts) counts[state as FeedbackState] = Number(total);
    }
    const pageRows = await tx
      .select({ path: feedbackItems.pagePath, title: sql<string>`max(${feedbackItems.pageTitle})` })
      .from(feedbackItems)
      .where(eq(feedbackItems.tenantId, tenantId))
      .groupBy(feedbackItems.pagePath)
      .orderBy(asc(feedbackItems.pagePath));
    return {
      items: rows.map(toItem),
      counts,
      themes: await feedbackThemes(tx, tenantId),
      pages: pageRows.map((row) => ({ path: row.path, title: row.title ?? "" })),
    };
  });
}

async function loadItem(tx: Tx, tenantId: string, feedbackId: string): Promise<FeedbackItem> {
  const [row] = await tx
    .select(itemColumns)
    .from(feedbackItems)
    .leftJoin(contentRevisions, eq(contentRevisions.id, feedbackItems.revisionId))
    .leftJoin(users, eq(users.id, feedbackItems.repliedBy))
    .where(and(eq(feedbackItems.tenantId, tenantId), eq(feedbackItems.id, feedbackId)));
  if (!row) throw new AppError("not_found", "errors.notFound");
  return toItem(row);
}

/** One item with its full text. The text is free text that may name someone: the read is audited. */
export async function getFeedback(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  feedbackId: string;
}): Promise<FeedbackItem> {
  const tenantId = coordinatorTenant(input.actor);
  assertFeedbackId(input.feedbackId);
  return input.database.tenant(tenantId, async (tx) => {
    const item = await loadItem(tx, tenantId, input.feedbackId);
    await recordAudit(tx, {
      type: "feedback.viewed",
      tenantId,
      actor: input.actor,
      meta: input.meta,
      subject: { type: "feedback", id: item.id },
    });
    return item;
  });
}

/** The themes already used, for the theme field's suggestions on an item's page. */
export async function listFeedbackThemes(input: {
  database: Database;
  actor: Actor;
}): Promise<string[]> {
  const tenantId = coordinatorTenant(input.actor);
  return input.database.tenant(tenantId, (tx) => feedbackThemes(tx, tenantId));
}

/** The municipality's revisions, newest year first, for the "link to revision" choice. */
export async function listRevisionsForFeedback(input: {
  database: Database;
  actor: Actor;
}): Promise<{ id: string; year: number; dueDate: string; status: string }[]> {
  const tenantId = coordinatorTenant(input.actor);
  return input.database.tenant(tenantId, (tx) =>
    tx
      .select({
        id: contentRevisions.id,
        year: contentRevisions.year,
        dueDate: contentRevisions.dueDate,
        status: contentRevisions.status,
      })
      .from(contentRevisions)
      .where(eq(contentRevisions.tenantId, tenantId))
      .orderBy(desc(contentRevisions.year)),
  );
}

const stateSchema = z.strictObject({ state: z.enum(feedbackStates) });

export async function updateFeedbackState(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  feedbackId: string;
  values: unknown;
}): Promise<FeedbackItem> {
  const tenantId = coordinatorTenant(input.actor);
  assertFeedbackId(input.feedbackId);
  const { state } = parseInput(stateSchema, input.values);
  return input.database.tenant(tenantId, async (tx) => {
    const before = await loadItem(tx, tenantId, input.feedbackId);
    if (before.state === state) return before;
    await tx
      .update(feedbackItems)
      .set({ state, updatedAt: new Date() })
      .where(and(eq(feedbackItems.tenantId, tenantId), eq(feedbackItems.id, input.feedbackId)));
    await recordAudit(tx, {
      type: "feedback.state_changed",
      tenantId,
      actor: input.actor,
      meta: input.meta,
      subject: { type: "feedback", id: input.feedbackId },
      details: { from: before.state, to: state },
    });
    return loadItem(tx, tenantId, input.feedbackId);
  });
}

const linkSchema = z.strictObject({
  /** The revision's year; empty removes the link. */
  year: z.union([
    z.literal("").transform(() => null),
    z.null(),
    z.coerce.number({ error: "errors.choice" }).int().min(2000).max(2100),
  ]),
});

/**
 * Links an item to the municipality's revision of a year, creating that year's revision (due at
 * the year's end until a coordinator sets the date) when there is none. An item still new or
 * under consideration becomes "tatt inn": linking is how it is taken into the revision.
 */
export async function linkToRevision(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  feedbackId: string;
  values: unknown;
}): Promise<FeedbackItem> {
  const tenantId = coordinatorTenant(input.actor);
  assertFeedbackId(input.feedbackId);
  const { year } = parseInput(linkSchema, input.values);
  return input.database.tenant(tenantId, async (tx) => {
    const before = await loadItem(tx, tenantId, input.feedbackId);
    let revisionId: string | null = null;
    let createdRevision = false;
    if (year !== null) {
      // Same row setRevisionDate (core/guide/content.ts) keeps per year: unique on (tenant, year).
      const inserted = await tx
        .insert(contentRevisions)
        .values({ tenantId, year, dueDate: `${year}-12-31` })
        .onConflictDoNothing({ target: [contentRevisions.tenantId, contentRevisions.year] })
        .returning({ id: contentRevisions.id });
      createdRevision = inserted.length > 0;
      const [revision] = await tx
        .select({ id: contentRevisions.id })
        .from(contentRevisions)
        .where(and(eq(contentRevisions.tenantId, tenantId), eq(contentRevisions.year, year)));
      revisionId = revision!.id;
    }
    if (before.revision?.id === revisionId) return before;
    const state: FeedbackState =
      revisionId && (before.state === "ny" || before.state === "under_vurdering")
        ? "tatt_inn"
        : before.state;
    await tx
      .update(feedbackItems)
      .set({ revisionId, state, updatedAt: new Date() })
      .where(and(eq(feedbackItems.tenantId, tenantId), eq(feedbackItems.id, input.feedbackId)));
    await recordAudit(tx, {
      type: "feedback.linked",
      tenantId,
      actor: input.actor,
      meta: input.meta,
      subject: { type: "feedback", id: input.feedbackId },
      details: { revisionId, year, createdRevision },
    });
    if (state !== before.state) {
      await recordAudit(tx, {
        type: "feedback.state_changed",
        tenantId,
        actor: input.actor,
        meta: input.meta,
        subject: { type: "feedback", id: input.feedbackId },
        details: { from: before.state, to: state },
      });
    }
    return loadItem(tx, tenantId, input.feedbackId);
  });
}

// ---------------------------------------------------------------- theme and what was done

const noteSchema = z.strictObject({
  theme: z
    .string()
    .trim()
    .max(feedbackThemeMax, "evaluation.reports.feedback.errors.themeTooLong")
    .optional()
    .default(""),
  actionNote: z
    .string()
    .trim()
    .max(feedbackActionNoteMax, "evaluation.reports.feedback.errors.actionNoteTooLong")
    .optional()
    .default(""),
});

/**
 * Files an item under a theme (free text; the inbox suggests the themes already used) and says
 * what was done about it, for the yearly revision report. An empty theme removes it. The audit
 * names only which of the two changed, never what was written.
 */
export async function saveFeedbackNote(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  feedbackId: string;
  values: unknown;
}): Promise<FeedbackItem> {
  const tenantId = coordinatorTenant(input.actor);
  assertFeedbackId(input.feedbackId);
  const values = parseInput(noteSchema, input.values);
  // One spelling per theme: a theme typed with other capitals joins the one already used.
  return input.database.tenant(tenantId, async (tx) => {
    const before = await loadItem(tx, tenantId, input.feedbackId);
    const known = await feedbackThemes(tx, tenantId);
    const theme = values.theme
      ? (known.find(
          (existing) => existing.toLocaleLowerCase("nb") === values.theme.toLocaleLowerCase("nb"),
        ) ?? values.theme)
      : null;
    const changed = {
      theme: theme !== before.theme,
      actionNote: values.actionNote !== before.actionNote,
    };
    if (!changed.theme && !changed.actionNote) return before;
    await tx
      .update(feedbackItems)
      .set({ theme, actionNote: values.actionNote, updatedAt: new Date() })
      .where(and(eq(feedbackItems.tenantId, tenantId), eq(feedbackItems.id, input.feedbackId)));
    await recordAudit(tx, {
      type: "feedback.noted",
      tenantId,
      actor: input.actor,
      meta: input.meta,
      subject: { type: "feedback", id: input.feedbackId },
      // Which fields changed, never the words.
      details: {
        fields: Object.keys(changed).filter((key) => changed[key as keyof typeof changed]),
      },
    });
    return loadItem(tx, tenantId, input.feedbackId);
  });
}

// ---------------------------------------------------------------- reply

const replySchema = z.strictObject({
  subject: z.string().trim().min(1).max(200),
  text: z.string().trim().min(1).max(10_000),
});

/**
 * Replies by e-mail to the address the sender left: decrypted only to send, never shown or
 * logged. The reply text is kept on the item and the item becomes "besvart". Fails with
 * AppError("unavailable") when no SMTP server is configured or it refuses the mail; then
 * nothing is stored, so the coordinator can try again.
 */
export async function replyToFeedback(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  encryptionKey: Buffer;
  mailer: FeedbackMailer;
  feedbackId: string;
  values: unknown;
}): Promise<FeedbackItem> {
  const tenantId = coordinatorTenant(input.actor);
  assertFeedbackId(input.feedbackId);
  const values = parseInput(replySchema, input.values);
  const sealed = await input.database.tenant(tenantId, async (tx) => {
    const [row] = await tx
      .select({ emailEncrypted: feedbackItems.emailEncrypted })
      .from(feedbackItems)
      .where(and(eq(feedbackItems.tenantId, tenantId), eq(feedbackItems.id, input.feedbackId)));
    if (!row) throw new AppError("not_found", "errors.notFound");
    return row.emailEncrypted;
  });
  if (!sealed) throw new AppError("conflict", "feedback.errors.noEmail");
  if (!input.mailer.configured) throw new AppError("unavailable", "feedback.mail.notConfigured");

  // Sent outside the transaction: an SMTP round trip must not hold a database transaction open.
  await input.mailer.sendMail({
    to: decryptText(input.encryptionKey, sealed),
    subject: values.subject,
    text: values.text,
  });

  return input.database.tenant(tenantId, async (tx) => {
    const before = await loadItem(tx, tenantId, input.feedbackId);
    const now = new Date();
    await tx
      .update(feedbackItems)
      .set({
        reply: values.text,
        repliedAt: now,
        repliedBy: input.actor.kind === "staff" ? input.actor.userId : null,
        state: "besvart",
        updatedAt: now,
      })
      .where(and(eq(feedbackItems.tenantId, tenantId), eq(feedbackItems.id, input.feedbackId)));
    await recordAudit(tx, {
      type: "feedback.replied",
      tenantId,
      actor: input.actor,
      meta: input.meta,
      subject: { type: "feedback", id: input.feedbackId },
      // Neither the address nor the text.
      details: { from: before.state, to: "besvart" },
    });
    return loadItem(tx, tenantId, input.feedbackId);
  });
}
