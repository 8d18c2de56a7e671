import { eq, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { contentPages, contentVersions, directoryEntries } from "../../db/schema/index.ts";

export interface PageSpec {
  slug: string;
  kind: string;
  audience: "public" | "internal" | "youth";
  title: string;
  summary?: string;
  body?: string;
  language?: string;
  translationKey?: string;
  parentSlug?: string;
  sortOrder?: number;
  archived?: boolean;
  fields?: Record<string, unknown>;
  /** Leave as a draft only (never published). */
  draftOnly?: boolean;
}

/**
 * Writes a page with one published version straight into the tables (as publishing would leave
 * them), so the search and PDF tests do not depend on the editing workflow.
 */
export async function publishPage(
  database: Database,
  tenantId: string,
  spec: PageSpec,
): Promise<{ pageId: string; versionId: string }> {
  return database.tenant(tenantId, async (tx) => {
    let parentId: string | null = null;
    if (spec.parentSlug) {
      const [parent] = await tx
        .select({ id: contentPages.id })
        .from(contentPages)
        .where(
          sql`${contentPages.slug} = ${spec.parentSlug} and ${contentPages.language} = ${spec.language ?? "nb"}`,
        );
      parentId = parent?.id ?? null;
    }
    const [page] = await tx
      .insert(contentPages)
      .values({
        tenantId,
        slug: spec.slug,
        kind: spec.kind,
        audience: spec.audience,
        language: spec.language ?? "nb",
        translationKey: spec.translationKey ?? spec.slug,
        parentId,
        sortOrder: spec.sortOrder ?? 0,
        archived: spec.archived ?? false,
      })
      .returning({ id: contentPages.id });
    const [version] = await tx
      .insert(contentVersions)
      .values({
        tenantId,
        pageId: page!.id,
        number: 1,
        state: spec.draftOnly ? "draft" : "published",
        title: spec.title,
        summary: spec.summary ?? "",
        body: spec.body ?? "",
        fields: spec.fields ?? {},
        publishedAt: spec.draftOnly ? null : new Date(),
      })
      .returning({ id: contentVersions.id });
    if (!spec.draftOnly) {
      await tx
        .update(contentPages)
        .set({ publishedVersionId: version!.id })
        .where(eq(contentPages.id, page!.id));
    }
    return { pageId: page!.id, versionId: version!.id };
  });
}

/** Adds a newer version to a page: published (the old one superseded) or a draft beside it. */
export async function addVersion(
  database: Database,
  tenantId: string,
  pageId: string,
  values: { title: string; body?: string; state: "published" | "draft" },
): Promise<void> {
  await database.tenant(tenantId, async (tx) => {
    const [latest] = await tx
      .select({ number: sql<number>`max(${contentVersions.number})` })
      .from(contentVersions)
      .where(eq(contentVersions.pageId, pageId));
    if (values.state === "published") {
      await tx
        .update(contentVersions)
        .set({ state: "superseded" })
        .where(
          sql`${contentVersions.pageId} = ${pageId} and ${contentVersions.state} = 'published'`,
        );
    }
    const [version] = await tx
      .insert(contentVersions)
      .values({
        tenantId,
        pageId,
        number: Number(latest?.number ?? 0) + 1,
        state: values.state,
        title: values.title,
        body: values.body ?? "",
      })
      .returning({ id: contentVersions.id });
    if (values.state === "published") {
      await tx
        .update(contentPages)
        .set({ publishedVersionId: version!.id })
        .where(eq(contentPages.id, pageId));
    }
  });
}

export async function addDirectoryEntry(
  database: Database,
  tenantId: string,
  values: {
    name: string;
    description?: string;
    offers?: string;
    public?: boolean;
    active?: boolean;
  },
): Promise<string> {
  return database.tenant(tenantId, async (tx) => {
    const [entry] = await tx
      .insert(directoryEntries)
      .values({
        tenantId,
        name: values.name,
        description: values.description ?? "",
        offers: values.offers ?? "",
        public: values.public ?? true,
        active: values.active ?? true,
      })
      .returning({ id: directoryEntries.id });
    return entry!.id;
  });
}
