import { data, redirect, type AppLoadContext } from "react-router";
import { getPublishedPage, listPublishedPages } from "../../core/guide/content.ts";
import { isAppError, httpStatusByCode } from "../../core/errors.ts";
import { renderMarkdown } from "../../core/guide/markdown.ts";

/**
 * Server-side helpers for the public content pages (guardians, youth): used only inside
 * loaders, so React Router keeps them out of the browser bundle.
 */

export interface PageSummary {
  slug: string;
  title: string;
  summary: string;
  path: string;
  fields: Record<string, unknown>;
  topLevel: boolean;
}

export interface ContentView extends PageSummary {
  bodyHtml: string;
  children: PageSummary[];
}

function tenantIdOf(context: AppLoadContext): string {
  if (!context.tenant) throw data({ messageKey: "errors.notFound" }, { status: 404 });
  return context.tenant.id;
}

function summaryOf(row: {
  page: { slug: string; parentId: string | null };
  version: { title: string; summary: string; fields: Record<string, unknown> };
  path: string;
}): PageSummary {
  return {
    slug: row.page.slug,
    title: row.version.title,
    summary: row.version.summary,
    path: row.path,
    fields: row.version.fields ?? {},
    topLevel: row.page.parentId === null,
  };
}

/** Published pages of a kind in the visitor's language, falling back to bokmål (the source). */
export async function listPages(context: AppLoadContext, kind: string): Promise<PageSummary[]> {
  const tenantId = tenantIdOf(context);
  const common = { database: context.services.database, tenantId, viewer: context.actor, kind };
  let rows = await listPublishedPages({ ...common, language: context.language });
  if (rows.length === 0 && context.language !== "nb") {
    rows = await listPublishedPages({ ...common, language: "nb" });
  }
  return rows.map(summaryOf);
}

/**
 * One published page of the given kind by slug, in the visitor's language or bokmål. A page
 * of another kind is "not found" here (a guardian page is not a youth page); an internal one
 * sends an anonymous visitor to log in.
 */
export async function loadPage(
  context: AppLoadContext,
  request: Request,
  kind: string,
  slug: string,
): Promise<ContentView> {
  const tenantId = tenantIdOf(context);
  const read = (language: string) =>
    getPublishedPage({
      database: context.services.database,
      tenantId,
      viewer: context.actor,
      slug,
      language,
    });
  try {
    let page;
    try {
      page = await read(context.language);
    } catch (error) {
      if (!isAppError(error) || error.code !== "not_found" || context.language === "nb") {
        throw error;
      }
      page = await read("nb");
    }
    if (page.page.kind !== kind) throw data({ messageKey: "errors.notFound" }, { status: 404 });
    return {
      ...summaryOf(page),
      // Rendered on the server with raw HTML off and unsafe URLs refused (core/guide/markdown.ts).
      bodyHtml: renderMarkdown(page.version.body),
      children: page.children.filter((child) => child.page.kind === kind).map(summaryOf),
    };
  } catch (error) {
    if (!isAppError(error)) throw error;
    if (error.code === "unauthenticated") {
      const url = new URL(request.url);
      throw redirect(`/logg-inn?returnTo=${encodeURIComponent(url.pathname + url.search)}`);
    }
    throw data({ messageKey: error.messageKey }, { status: httpStatusByCode[error.code] });
  }
}

/** The public page about the municipality's model (kind model), if one is published. */
export async function modelPagePath(context: AppLoadContext): Promise<string | null> {
  if (!context.tenant) return null;
  const pages = await listPages(context, "model");
  return (pages.find((page) => page.topLevel) ?? pages[0])?.path ?? null;
}
