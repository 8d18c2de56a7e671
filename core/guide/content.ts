/**
 * The guide's content use cases: reading published pages by audience, editing with drafts,
 * review and publishing, version history and diffs, "Hva er nytt" and the yearly revision.
 */
import { and, asc, count, desc, eq, inArray, isNull, lte, ne, sql } from "drizzle-orm";
import { diffLines, diffWords, type ChangeObject } from "diff";
import { stringify } from "yaml";
import { z } from "zod";
import type { Database, Tx } from "../../db/client.ts";
import {
  contentPages,
  contentRevisions,
  contentVersions,
  tenants,
  users,
} from "../../db/schema/index.ts";
import { translator } from "../../i18n/index.ts";
import { systemActor, type Actor, type RequestMeta } from "../access/actor.ts";
import { assertCan, can } from "../access/policy.ts";
import { recordAudit } from "../audit/audit.ts";
import { AppError } from "../errors.ts";
import { parseInput } from "../platform/validation.ts";
import { cleanFields, fieldsSchemaFor } from "./fields.ts";
import { audiences, contentKinds, type Audience } from "./kinds.ts";
import { pagePath, slugPattern } from "./paths.ts";

export { pagePath, contentPathPrefixes, slugPattern } from "./paths.ts";

export type ContentPage = typeof contentPages.$inferSelect;
export type ContentVersion = typeof contentVersions.$inferSelect;
export type ContentRevision = typeof contentRevisions.$inferSelect;

/** Who reads: a signed-in actor, or null for an anonymous visitor. */
export type Viewer = Actor | null;

/** A page with the version shown for it, and its address on the site. */
export interface PageWithVersion {
  page: ContentPage;
  version: ContentVersion;
  path: string;
}

export interface Translation {
  language: string;
  slug: string;
  title: string;
  path: string;
}

export interface PublishedPage extends PageWithVersion {
  /** Published child pages the viewer may read, in order. */
  children: PageWithVersion[];
  parent: PageWithVersion | null;
  /** Other languages of this page (same translation key), published and readable. */
  translations: Translation[];
}

/** A page in the editor's list: its published version (if any) and its open draft (if any). */
export interface EditablePage {
  page: ContentPage;
  path: string;
  published: ContentVersion | null;
  /** The page's single open version: state draft or review. */
  draft: ContentVersion | null;
}

export interface DiffPart {
  kind: "added" | "removed" | "unchanged";
  text: string;
}

export interface VersionDiff {
  title: DiffPart[];
  summary: DiffPart[];
  body: DiffPart[];
  /** The kind-specific fields as YAML-like lines ("responsible: …"). */
  fields: DiffPart[];
}

export interface RecentlyPublished {
  items: PageWithVersion[];
  total: number;
  page: number;
  pageSize: number;
}

export interface DueRevision {
  revision: ContentRevision;
  /** Days from today to the due date (negative when overdue). */
  daysLeft: number;
  /** True when the due date is within 30 days (or past) and the revision is not completed. */
  dueSoon: boolean;
}

/**
 * Thrown by saveDraft when the page changed after the editor loaded it. Carries what is saved
 * now, so the UI can show both versions side by side and nothing is silently lost.
 */
export class ContentConflictError extends AppError {
  readonly current: { lockVersion: number; draft: ContentVersion | null };
  constructor(current: { lockVersion: number; draft: ContentVersion | null }) {
    super("conflict", "content.errors.conflict");
    this.current = current;
  }
}

export function isContentConflict(error: unknown): error is ContentConflictError {
  return error instanceof ContentConflictError;
}

// ---------------------------------------------------------------- helpers

/** Audiences a viewer may read: staff of this municipality see everything, anyone else public + youth. */
export function readableAudiences(viewer: Viewer, tenantId: string): Audience[] {
  if (
    viewer &&
    viewer.kind !== "citizen" &&
    (viewer.kind === "system" || viewer.tenantId === tenantId) &&
    can(viewer, "guide.read")
  ) {
    return [...audiences];
  }
  return ["public", "youth"];
}

function assertUuid(id: string): void {
  if (!z.guid().safeParse(id).success) throw new AppError("not_found", "errors.notFound");
}

function editorTenant(actor: Actor): string {
  assertCan(actor, "guide.edit");
  if (!actor.tenantId) throw new AppError("forbidden", "errors.forbidden");
  return actor.tenantId;
}

function userIdOf(actor: Actor): string | null {
  return actor.kind === "staff" ? actor.userId : null;
}

function withPath(page: ContentPage, version: ContentVersion): PageWithVersion {
  return { page, version, path: pagePath(page) };
}

const emptyToUndefined = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

const languageSchema = z.enum(["nb", "nn", "en"]);

const versionValuesSchema = z.strictObject({
  title: z.string().trim().min(1).max(200),
  summary: z.string().trim().max(600).default(""),
  body: z.string().max(200_000).default(""),
  fields: z.record(z.string(), z.unknown()).default({}),
  changeNote: z.string().trim().max(500).default(""),
});

const newPageSchema = z.strictObject({
  slug: z.string().trim().min(1).max(100).regex(slugPattern),
  kind: z.enum(contentKinds),
  audience: z.enum(audiences),
  language: languageSchema.default("nb"),
  parentId: z.preprocess(emptyToUndefined, z.guid().optional()),
  sortOrder: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(10_000).default(0)),
  translationKey: z.preprocess(
    emptyToUndefined,
    z.string().trim().max(100).regex(slugPattern).optional(),
  ),
  title: versionValuesSchema.shape.title,
  summary: versionValuesSchema.shape.summary,
  body: versionValuesSchema.shape.body,
  fields: versionValuesSchema.shape.fields,
});

/** parseInput, with the slug rule's own explanation instead of the generic "wrong format". */
function parsePageInput(values: unknown): z.infer<typeof newPageSchema> {
  try {
    return parseInput(newPageSchema, values);
  } catch (error) {
    if (error instanceof AppError && error.fieldErrors) {
      for (const field of ["slug", "translationKey"]) {
        if (error.fieldErrors[field] === "errors.format") {
          error.fieldErrors[field] = "content.errors.slug";
        }
      }
    }
    throw error;
  }
}

/** A kind's fields, validated and cleaned; errors are reported on `fields.<name>`. */
function parseFields(kind: string, fields: Record<string, unknown>): Record<string, unknown> {
  const parsed = parseInput(z.strictObject({ fields: fieldsSchemaFor(kind) }), { fields });
  return cleanFields(parsed.fields);
}

async function findPage(tx: Tx, tenantId: string, pageId: string, lock = false) {
  const query = tx
    .select()
    .from(contentPages)
    .where(and(eq(contentPages.tenantId, tenantId), eq(contentPages.id, pageId)));
  const [page] = lock ? await query.for("update") : await query;
  if (!page) throw new AppError("not_found", "errors.notFound");
  return page;
}

async function findVersion(tx: Tx, tenantId: string, versionId: string) {
  const [version] = await tx
    .select()
    .from(contentVersions)
    .where(and(eq(contentVersions.tenantId, tenantId), eq(contentVersions.id, versionId)));
  if (!version) throw new AppError("not_found", "errors.notFound");
  return version;
}

/** The page's single open version (draft or in review), if any. */
async function openDraft(tx: Tx, tenantId: string, pageId: string) {
  const [draft] = await tx
    .select()
    .from(contentVersions)
    .where(
      and(
        eq(contentVersions.tenantId, tenantId),
        eq(contentVersions.pageId, pageId),
        inArray(contentVersions.state, ["draft", "review"]),
      ),
    )
    .orderBy(desc(contentVersions.number))
    .limit(1);
  return draft ?? null;
}

async function nextVersionNumber(tx: Tx, pageId: string): Promise<number> {
  const [row] = await tx
    .select({ max: sql<number | null>`max(${contentVersions.number})` })
    .from(contentVersions)
    .where(eq(contentVersions.pageId, pageId));
  return Number(row?.max ?? 0) + 1;
}

async function bumpLock(tx: Tx, page: ContentPage): Promise<ContentPage> {
  const [updated] = await tx
    .update(contentPages)
    .set({ lockVersion: page.lockVersion + 1, updatedAt: new Date() })
    .where(eq(contentPages.id, page.id))
    .returning();
  return updated!;
}

const slugTaken = () =>
  new AppError("conflict", "content.errors.slugTaken", {
    fieldErrors: { slug: "content.errors.slugTaken" },
  });

function mapSlugClash(error: unknown): never {
  const code =
    (error as { cause?: { code?: string } })?.cause?.code ?? (error as { code?: string })?.code;
  if (code === "23505") throw slugTaken();
  throw error;
}

/** Published, non-archived pages with their published version. */
async function publishedRows(
  tx: Tx,
  tenantId: string,
  where: ReturnType<typeof and>,
): Promise<PageWithVersion[]> {
  const rows = await tx
    .select({ page: contentPages, version: contentVersions })
    .from(contentPages)
    .innerJoin(contentVersions, eq(contentVersions.id, contentPages.publishedVersionId))
    .where(and(eq(contentPages.tenantId, tenantId), eq(contentPages.archived, false), where))
    .orderBy(asc(contentPages.sortOrder), asc(contentVersions.title));
  return rows.map((row) => withPath(row.page, row.version));
}

// ---------------------------------------------------------------- reading

export async function listPublishedPages(input: {
  database: Database;
  tenantId: string;
  viewer: Viewer;
  kind?: string | string[];
  parentSlug?: string;
  language?: string;
}): Promise<PageWithVersion[]> {
  const { tenantId } = input;
  assertUuid(tenantId);
  const language = input.language ?? "nb";
  const kinds = input.kind === undefined ? undefined : [input.kind].flat();
  return input.database.tenant(tenantId, async (tx) => {
    let parentId: string | undefined;
    if (input.parentSlug !== undefined) {
      const [parent] = await tx
        .select({ id: contentPages.id })
        .from(contentPages)
        .where(
          and(
            eq(contentPages.tenantId, tenantId),
            eq(contentPages.language, language),
            eq(contentPages.slug, input.parentSlug),
          ),
        );
      if (!parent) return [];
      parentId = parent.id;
    }
    return publishedRows(
      tx,
      tenantId,
      and(
        eq(contentPages.language, language),
        inArray(contentPages.audience, readableAudiences(input.viewer, tenantId)),
        kinds ? inArray(contentPages.kind, kinds) : undefined,
        parentId ? eq(contentPages.parentId, parentId) : undefined,
      ),
    );
  });
}

/**
 * A published page by slug, with its parent, children and translations. An internal page asked
 * for by an anonymous visitor is "unauthenticated" (so the UI can offer login); for a citizen it
 * does not exist.
 */
export async function getPublishedPage(input: {
  database: Database;
  tenantId: string;
  viewer: Viewer;
  slug: string;
  language?: string;
}): Promise<PublishedPage> {
  const { tenantId } = input;
  assertUuid(tenantId);
  const language = input.language ?? "nb";
  const readable = readableAudiences(input.viewer, tenantId);
  return input.database.tenant(tenantId, async (tx) => {
    const [found] = await publishedRows(
      tx,
      tenantId,
      and(eq(contentPages.language, language), eq(contentPages.slug, input.slug)),
    );
    if (!found) throw new AppError("not_found", "errors.notFound");
    if (!readable.includes(found.page.audience as Audience)) {
      if (input.viewer === null) throw new AppError("unauthenticated", "errors.unauthenticated");
      throw new AppError("not_found", "errors.notFound");
    }
    const visible = inArray(contentPages.audience, readable);
    const children = await publishedRows(
      tx,
      tenantId,
      and(eq(contentPages.parentId, found.page.id), visible),
    );
    const [parent] = found.page.parentId
      ? await publishedRows(tx, tenantId, and(eq(contentPages.id, found.page.parentId), visible))
      : [];
    const translations = (
      await publishedRows(
        tx,
        tenantId,
        and(
          eq(contentPages.translationKey, found.page.translationKey),
          ne(contentPages.id, found.page.id),
          visible,
        ),
      )
    ).map(toTranslation);
    return { ...found, children, parent: parent ?? null, translations };
  });
}

function toTranslation(row: PageWithVersion): Translation {
  return {
    language: row.page.language,
    slug: row.page.slug,
    title: row.version.title,
    path: row.path,
  };
}

export async function listTranslations(input: {
  database: Database;
  tenantId: string;
  viewer: Viewer;
  translationKey: string;
}): Promise<Translation[]> {
  const { tenantId } = input;
  assertUuid(tenantId);
  return input.database.tenant(tenantId, async (tx) =>
    (
      await publishedRows(
        tx,
        tenantId,
        and(
          eq(contentPages.translationKey, input.translationKey),
          inArray(contentPages.audience, readableAudiences(input.viewer, tenantId)),
        ),
      )
    )
      .map(toTranslation)
      .sort((a, b) => a.language.localeCompare(b.language)),
  );
}

/** "Hva er nytt": published versions that carry a change note, newest first. */
export async function listRecentlyPublished(input: {
  database: Database;
  tenantId: string;
  viewer: Viewer;
  page?: number;
  pageSize?: number;
  language?: string;
}): Promise<RecentlyPublished> {
  const { tenantId } = input;
  assertUuid(tenantId);
  const pageSize = Math.min(Math.max(Math.trunc(input.pageSize ?? 20), 1), 100);
  const page = Math.max(Math.trunc(input.page ?? 1), 1);
  const where = and(
    eq(contentPages.tenantId, tenantId),
    eq(contentPages.archived, false),
    eq(contentPages.language, input.language ?? "nb"),
    inArray(contentPages.audience, readableAudiences(input.viewer, tenantId)),
    inArray(contentVersions.state, ["published", "superseded"]),
    ne(contentVersions.changeNote, ""),
  );
  return input.database.tenant(tenantId, async (tx) => {
    const [total] = await tx
      .select({ n: count() })
      .from(contentVersions)
      .innerJoin(contentPages, eq(contentPages.id, contentVersions.pageId))
      .where(where);
    const rows = await tx
      .select({ page: contentPages, version: contentVersions })
      .from(contentVersions)
      .innerJoin(contentPages, eq(contentPages.id, contentVersions.pageId))
      .where(where)
      .orderBy(desc(contentVersions.publishedAt), desc(contentVersions.number))
      .limit(pageSize)
      .offset((page - 1) * pageSize);
    return {
      items: rows.map((row) => withPath(row.page, row.version)),
      total: Number(total?.n ?? 0),
      page,
      pageSize,
    };
  });
}

// ---------------------------------------------------------------- editing (guide.edit)

export async function listPagesForEditing(input: {
  database: Database;
  actor: Actor;
  language?: string;
}): Promise<EditablePage[]> {
  const tenantId = editorTenant(input.actor);
  return input.database.tenant(tenantId, async (tx) => {
    const pages = await tx
      .select()
      .from(contentPages)
      .where(
        and(
          eq(contentPages.tenantId, tenantId),
          input.language ? eq(contentPages.language, input.language) : undefined,
        ),
      )
      .orderBy(asc(contentPages.language), asc(contentPages.sortOrder), asc(contentPages.slug));
    const versions = await tx
      .select()
      .from(contentVersions)
      .where(
        and(
          eq(contentVersions.tenantId, tenantId),
          inArray(contentVersions.state, ["draft", "review", "published"]),
        ),
      );
    const published = new Map<string, ContentVersion>();
    const drafts = new Map<string, ContentVersion>();
    for (const version of versions) {
      if (version.state === "published") published.set(version.id, version);
      else {
        const existing = drafts.get(version.pageId);
        if (!existing || existing.number < version.number) drafts.set(version.pageId, version);
      }
    }
    return pages.map((page) => ({
      page,
      path: pagePath(page),
      published: page.publishedVersionId ? (published.get(page.publishedVersionId) ?? null) : null,
      draft: drafts.get(page.id) ?? null,
    }));
  });
}

export async function getPageForEditing(input: {
  database: Database;
  actor: Actor;
  pageId: string;
}): Promise<EditablePage> {
  const tenantId = editorTenant(input.actor);
  assertUuid(input.pageId);
  return input.database.tenant(tenantId, async (tx) => {
    const page = await findPage(tx, tenantId, input.pageId);
    const published = page.publishedVersionId
      ? await findVersion(tx, tenantId, page.publishedVersionId)
      : null;
    return { page, path: pagePath(page), published, draft: await openDraft(tx, tenantId, page.id) };
  });
}

async function assertParent(
  tx: Tx,
  tenantId: string,
  language: string,
  parentId: string | undefined,
): Promise<void> {
  if (!parentId) return;
  const [parent] = await tx
    .select({ id: contentPages.id })
    .from(contentPages)
    .where(
      and(
        eq(contentPages.tenantId, tenantId),
        eq(contentPages.id, parentId),
        eq(contentPages.language, language),
      ),
    );
  if (!parent) {
    throw new AppError("validation", "errors.validation", {
      fieldErrors: { parentId: "content.errors.parent" },
    });
  }
}

/** Creates a page and its first version as a draft. */
export async function createPage(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  values: unknown;
}): Promise<{ page: ContentPage; draft: ContentVersion }> {
  const tenantId = editorTenant(input.actor);
  const values = parsePageInput(input.values);
  const fields = parseFields(values.kind, values.fields);
  return input.database
    .tenant(tenantId, async (tx) => {
      const [clash] = await tx
        .select({ id: contentPages.id })
        .from(contentPages)
        .where(
          and(
            eq(contentPages.tenantId, tenantId),
            eq(contentPages.language, values.language),
            eq(contentPages.slug, values.slug),
          ),
        );
      if (clash) throw slugTaken();
      await assertParent(tx, tenantId, values.language, values.parentId);
      const [page] = await tx
        .insert(contentPages)
        .values({
          tenantId,
          slug: values.slug,
          kind: values.kind,
          audience: values.audience,
          language: values.language,
          translationKey: values.translationKey ?? values.slug,
          parentId: values.parentId ?? null,
          sortOrder: values.sortOrder,
        })
        .returning();
      const [draft] = await tx
        .insert(contentVersions)
        .values({
          tenantId,
          pageId: page!.id,
          number: 1,
          state: "draft",
          title: values.title,
          summary: values.summary,
          body: values.body,
          fields,
          createdBy: userIdOf(input.actor),
        })
        .returning();
      await recordAudit(tx, {
        type: "content.page_created",
        tenantId,
        actor: input.actor,
        meta: input.meta,
        subject: { type: "content_page", id: page!.id },
        details: { slug: values.slug, kind: values.kind, versionId: draft!.id },
      });
      return { page: page!, draft: draft! };
    })
    .catch(mapSlugClash);
}

/**
 * Creates or updates the page's single open draft. The editor sends the lock version it loaded;
 * if anyone saved, submitted or published since, nothing is written and the current draft comes
 * back in a ContentConflictError so the UI can show both texts.
 */
export async function saveDraft(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  pageId: string;
  lockVersion: number;
  values: unknown;
}): Promise<{ page: ContentPage; draft: ContentVersion }> {
  const tenantId = editorTenant(input.actor);
  assertUuid(input.pageId);
  const values = parseInput(versionValuesSchema, input.values);
  return input.database.tenant(tenantId, async (tx) => {
    const page = await findPage(tx, tenantId, input.pageId, true);
    const existing = await openDraft(tx, tenantId, page.id);
    if (page.lockVersion !== Number(input.lockVersion)) {
      throw new ContentConflictError({ lockVersion: page.lockVersion, draft: existing });
    }
    const fields = parseFields(page.kind, values.fields);
    const text = {
      title: values.title,
      summary: values.summary,
      body: values.body,
      fields,
      changeNote: values.changeNote,
      // The last person to write the text counts as its author for the four-eyes rule.
      createdBy: userIdOf(input.actor),
    };
    let draft: ContentVersion;
    if (existing) {
      // Editing a version in review takes it back to draft: it must be submitted again.
      [draft] = (await tx
        .update(contentVersions)
        .set({ ...text, state: "draft", submittedBy: null, submittedAt: null })
        .where(eq(contentVersions.id, existing.id))
        .returning()) as [ContentVersion];
    } else {
      [draft] = (await tx
        .insert(contentVersions)
        .values({
          ...text,
          tenantId,
          pageId: page.id,
          number: await nextVersionNumber(tx, page.id),
          state: "draft",
        })
        .returning()) as [ContentVersion];
    }
    const updatedPage = await bumpLock(tx, page);
    await auditVersionEvent(tx, input, "content.draft_saved", page, draft);
    return { page: updatedPage, draft };
  });
}

async function versionAndPage(tx: Tx, tenantId: string, versionId: string) {
  const version = await findVersion(tx, tenantId, versionId);
  const page = await findPage(tx, tenantId, version.pageId, true);
  return { version, page };
}

const wrongState = () => new AppError("conflict", "content.errors.wrongState");

/** The audit event of a step in a version's life: ids and numbers only, never the text. */
async function auditVersionEvent(
  tx: Tx,
  input: { actor: Actor; meta: RequestMeta },
  type: "content.draft_saved" | "content.submitted" | "content.published" | "content.rejected",
  page: { id: string; tenantId: string },
  version: { id: string; number: number },
  extra: Record<string, unknown> = {},
): Promise<void> {
  await recordAudit(tx, {
    type,
    tenantId: page.tenantId,
    actor: input.actor,
    meta: input.meta,
    subject: { type: "content_page", id: page.id },
    details: { versionId: version.id, number: version.number, ...extra },
  });
}

export async function submitForReview(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  versionId: string;
}): Promise<ContentVersion> {
  const tenantId = editorTenant(input.actor);
  assertUuid(input.versionId);
  return input.database.tenant(tenantId, async (tx) => {
    const { version, page } = await versionAndPage(tx, tenantId, input.versionId);
    if (version.state !== "draft") throw wrongState();
    const [submitted] = await tx
      .update(contentVersions)
      .set({
        state: "review",
        submittedBy: userIdOf(input.actor),
        submittedAt: new Date(),
        reviewNote: "",
      })
      .where(eq(contentVersions.id, version.id))
      .returning();
    await bumpLock(tx, page);
    await auditVersionEvent(tx, input, "content.submitted", page, version);
    return submitted!;
  });
}

async function activeCoordinatorCount(tx: Tx, tenantId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(users)
    .where(
      and(
        eq(users.tenantId, tenantId),
        eq(users.active, true),
        sql`'coordinator' = any(${users.roles})`,
      ),
    );
  return Number(row?.n ?? 0);
}

/** Publishes a version in place of the page's current one (the only way a version goes live). */
async function publishVersion(
  tx: Tx,
  options: { tenantId: string; page: ContentPage; versionId: string; approvedBy: string | null },
): Promise<ContentVersion> {
  const now = new Date();
  if (options.page.publishedVersionId && options.page.publishedVersionId !== options.versionId) {
    await tx
      .update(contentVersions)
      .set({ state: "superseded" })
      .where(eq(contentVersions.id, options.page.publishedVersionId));
  }
  const [published] = await tx
    .update(contentVersions)
    .set({ state: "published", approvedBy: options.approvedBy, approvedAt: now, publishedAt: now })
    .where(eq(contentVersions.id, options.versionId))
    .returning();
  await tx
    .update(contentPages)
    .set({
      publishedVersionId: options.versionId,
      lockVersion: options.page.lockVersion + 1,
      updatedAt: now,
    })
    .where(eq(contentPages.id, options.page.id));
  return published!;
}

/**
 * Approves and publishes a draft or a version in review. With more than one active coordinator
 * in the municipality, the approver must be someone else than the version's author.
 */
export async function approveAndPublish(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  versionId: string;
}): Promise<ContentVersion> {
  const tenantId = editorTenant(input.actor);
  assertUuid(input.versionId);
  return input.database.tenant(tenantId, async (tx) => {
    const { version, page } = await versionAndPage(tx, tenantId, input.versionId);
    if (version.state !== "draft" && version.state !== "review") throw wrongState();
    const approver = userIdOf(input.actor);
    if (
      input.actor.kind === "staff" &&
      version.createdBy === approver &&
      (await activeCoordinatorCount(tx, tenantId)) > 1
    ) {
      throw new AppError("forbidden", "content.errors.ownVersion");
    }
    const published = await publishVersion(tx, {
      tenantId,
      page,
      versionId: version.id,
      approvedBy: approver,
    });
    await auditVersionEvent(tx, input, "content.published", page, version, {
      previousVersionId: page.publishedVersionId,
    });
    return published;
  });
}

const rejectSchema = z.strictObject({ note: z.string().trim().min(1).max(2000) });

/** Sends a version in review back to draft with the reviewer's note. */
export async function rejectVersion(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  versionId: string;
  note: string;
}): Promise<ContentVersion> {
  const tenantId = editorTenant(input.actor);
  assertUuid(input.versionId);
  const { note } = parseInput(rejectSchema, { note: input.note });
  return input.database.tenant(tenantId, async (tx) => {
    const { version, page } = await versionAndPage(tx, tenantId, input.versionId);
    if (version.state !== "review") throw wrongState();
    const [rejected] = await tx
      .update(contentVersions)
      .set({ state: "draft", reviewNote: note, submittedBy: null, submittedAt: null })
      .where(eq(contentVersions.id, version.id))
      .returning();
    await bumpLock(tx, page);
    await auditVersionEvent(tx, input, "content.rejected", page, version);
    return rejected!;
  });
}

/** Hides a page from readers; its versions are kept. */
export async function archivePage(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  pageId: string;
}): Promise<ContentPage> {
  const tenantId = editorTenant(input.actor);
  assertUuid(input.pageId);
  return input.database.tenant(tenantId, async (tx) => {
    const page = await findPage(tx, tenantId, input.pageId, true);
    const [archived] = await tx
      .update(contentPages)
      .set({ archived: true, lockVersion: page.lockVersion + 1, updatedAt: new Date() })
      .where(eq(contentPages.id, page.id))
      .returning();
    await recordAudit(tx, {
      type: "content.archived",
      tenantId,
      actor: input.actor,
      meta: input.meta,
      subject: { type: "content_page", id: page.id },
      details: { slug: page.slug },
    });
    return archived!;
  });
}

/** Newest first. */
export async function listVersions(input: {
  database: Database;
  actor: Actor;
  pageId: string;
}): Promise<ContentVersion[]> {
  const tenantId = editorTenant(input.actor);
  assertUuid(input.pageId);
  return input.database.tenant(tenantId, async (tx) => {
    await findPage(tx, tenantId, input.pageId);
    return tx
      .select()
      .from(contentVersions)
      .where(and(eq(contentVersions.tenantId, tenantId), eq(contentVersions.pageId, input.pageId)))
      .orderBy(desc(contentVersions.number));
  });
}

export async function getVersion(input: {
  database: Database;
  actor: Actor;
  versionId: string;
}): Promise<{ page: ContentPage; version: ContentVersion }> {
  const tenantId = editorTenant(input.actor);
  assertUuid(input.versionId);
  return input.database.tenant(tenantId, async (tx) => {
    const version = await findVersion(tx, tenantId, input.versionId);
    return { version, page: await findPage(tx, tenantId, version.pageId) };
  });
}

function parts(changes: ChangeObject<string>[]): DiffPart[] {
  return changes
    .filter((change) => change.value !== "")
    .map((change) => ({
      kind: change.added ? "added" : change.removed ? "removed" : "unchanged",
      text: change.value,
    }));
}

function fieldsText(fields: Record<string, unknown>): string {
  const cleaned = cleanFields(fields);
  return Object.keys(cleaned).length === 0 ? "" : stringify(cleaned);
}

/** A readable diff of two versions' texts: words for title and summary, lines for body and fields. */
export function diffVersionTexts(
  a: Pick<ContentVersion, "title" | "summary" | "body" | "fields">,
  b: Pick<ContentVersion, "title" | "summary" | "body" | "fields">,
): VersionDiff {
  const body = (text: string) => (text.endsWith("\n") || text === "" ? text : `${text}\n`);
  return {
    title: parts(diffWords(a.title, b.title)),
    summary: parts(diffWords(a.summary, b.summary)),
    body: parts(diffLines(body(a.body), body(b.body))),
    fields: parts(diffLines(fieldsText(a.fields), fieldsText(b.fields))),
  };
}

/** What changed from version a (older) to version b (newer); both must belong to the same page. */
export async function diffVersions(input: {
  database: Database;
  actor: Actor;
  a: string;
  b: string;
}): Promise<VersionDiff> {
  const tenantId = editorTenant(input.actor);
  assertUuid(input.a);
  assertUuid(input.b);
  const [a, b] = await input.database.tenant(tenantId, (tx) =>
    Promise.all([findVersion(tx, tenantId, input.a), findVersion(tx, tenantId, input.b)]),
  );
  if (a.pageId !== b.pageId) throw new AppError("not_found", "errors.notFound");
  return diffVersionTexts(a, b);
}

// ---------------------------------------------------------------- yearly revision

const revisionSchema = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100),
  dueDate: z.iso.date(),
  notes: z.string().trim().max(2000).default(""),
});

/** Sets (or moves) the municipality's revision date for a year; a moved date gets a new reminder. */
export async function setRevisionDate(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  values: unknown;
}): Promise<ContentRevision> {
  const tenantId = editorTenant(input.actor);
  const values = parseInput(revisionSchema, input.values);
  return input.database.tenant(tenantId, async (tx) => {
    const [revision] = await tx
      .insert(contentRevisions)
      .values({ tenantId, year: values.year, dueDate: values.dueDate, notes: values.notes })
      .onConflictDoUpdate({
        target: [contentRevisions.tenantId, contentRevisions.year],
        set: { dueDate: values.dueDate, notes: values.notes, reminderSentAt: null },
      })
      .returning();
    await recordAudit(tx, {
      type: "revision.set",
      tenantId,
      actor: input.actor,
      meta: input.meta,
      subject: { type: "content_revision", id: revision!.id },
      details: { year: values.year, dueDate: values.dueDate },
    });
    return revision!;
  });
}

/** Today's date in Norway as YYYY-MM-DD: revision dates are calendar days there. */
export function osloDate(now: Date): string {
  return new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Europe/Oslo",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export const REVISION_REMINDER_DAYS = 30;

/** The next revision not completed yet (earliest due date), or null when none is planned. */
export async function getDueRevision(input: {
  database: Database;
  actor: Actor;
  today?: Date;
}): Promise<DueRevision | null> {
  assertCan(input.actor, "guide.read");
  const tenantId = input.actor.tenantId;
  if (!tenantId) throw new AppError("forbidden", "errors.forbidden");
  const [revision] = await input.database.tenant(tenantId, (tx) =>
    tx
      .select()
      .from(contentRevisions)
      .where(and(eq(contentRevisions.tenantId, tenantId), isNull(contentRevisions.completedAt)))
      .orderBy(asc(contentRevisions.dueDate))
      .limit(1),
  );
  if (!revision) return null;
  const daysLeft = daysBetween(osloDate(input.today ?? new Date()), revision.dueDate);
  return { revision, daysLeft, dueSoon: daysLeft <= REVISION_REMINDER_DAYS };
}

/** What the reminder job needs to send mail (server/mail.ts's Mailer fits). */
export interface ReminderMailer {
  readonly configured: boolean;
  sendMail(message: { to: string; subject: string; text: string }): Promise<void>;
}

/**
 * The job behind the editor's reminder banner: marks revisions due within 30 days as reminded
 * (once per due date), audits it and, when mail is configured, tells the municipality's active
 * coordinators. Runs across municipalities, hence the system transaction. Mail goes out after
 * the commit, so a failed send never undoes the mark (the banner shows either way).
 */
export async function remindDueRevisions(
  database: Database,
  today: Date = new Date(),
  mailer?: ReminderMailer,
): Promise<number> {
  const limit = new Date(Date.parse(`${osloDate(today)}T00:00:00Z`));
  limit.setUTCDate(limit.getUTCDate() + REVISION_REMINDER_DAYS);
  const lastDay = limit.toISOString().slice(0, 10);
  const due = await database.system(async (tx) => {
    const marked = await tx
      .update(contentRevisions)
      .set({ reminderSentAt: new Date() })
      .where(
        and(
          isNull(contentRevisions.completedAt),
          isNull(contentRevisions.reminderSentAt),
          lte(contentRevisions.dueDate, lastDay),
        ),
      )
      .returning();
    for (const revision of marked) {
      await recordAudit(tx, {
        type: "revision.reminded",
        tenantId: revision.tenantId,
        actor: systemActor(revision.tenantId, "jobs"),
        meta: { ip: null, userAgent: null, requestId: null },
        subject: { type: "content_revision", id: revision.id },
        details: { year: revision.year, dueDate: revision.dueDate, mailed: !!mailer?.configured },
      });
    }
    return marked;
  });
  if (mailer?.configured && due.length > 0) await mailRevisionReminders(database, mailer, due);
  return due.length;
}

async function mailRevisionReminders(
  database: Database,
  mailer: ReminderMailer,
  due: ContentRevision[],
): Promise<void> {
  const t = translator("nb");
  const failures: unknown[] = [];
  for (const revision of due) {
    const [tenant] = await database.system((tx) =>
      tx.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, revision.tenantId)),
    );
    const recipients = await database.system((tx) =>
      tx
        .select({ email: users.email })
        .from(users)
        .where(
          and(
            eq(users.tenantId, revision.tenantId),
            eq(users.active, true),
            sql`'coordinator' = any(${users.roles})`,
          ),
        ),
    );
    const [year, month, day] = revision.dueDate.split("-");
    const values = {
      year: revision.year,
      municipality: tenant?.name ?? "",
      dueDate: `${day}.${month}.${year}`,
    };
    for (const { email } of recipients) {
      await mailer
        .sendMail({
          to: email,
          subject: t("content.revisionMail.subject", values),
          text: t("content.revisionMail.body", values),
        })
        .catch((error: unknown) => failures.push(error));
    }
  }
  // Every coordinator was tried; the job logger reports the first failure (never the address).
  if (failures.length > 0) throw failures[0];
}
