import { redirect, type AppLoadContext } from "react-router";
import {
  getPublishedPage,
  listPublishedPages,
  type PageWithVersion,
  type PublishedPage,
} from "../../core/guide/content.ts";
import { renderMarkdown } from "../../core/guide/markdown.ts";
import { isAppError } from "../../core/errors.ts";
import { loadOr404 } from "./route-helpers.ts";

/**
 * Server-only helpers for the guide's reading pages (used inside loaders only). Pages are read
 * in the visitor's language and fall back to bokmål, the language every page exists in.
 */
function tenantOf(context: AppLoadContext): string {
  const tenantId = context.tenant?.id;
  if (!tenantId) throw new Response(null, { status: 404 });
  return tenantId;
}

export async function listGuidePages(
  context: AppLoadContext,
  options: { kind?: string | string[]; parentSlug?: string },
): Promise<PageWithVersion[]> {
  const common = {
    database: context.services.database,
    tenantId: tenantOf(context),
    viewer: context.actor,
    ...options,
  };
  const pages = await listPublishedPages({ ...common, language: context.language });
  if (pages.length > 0 || context.language === "nb") return pages;
  return listPublishedPages({ ...common, language: "nb" });
}

/**
 * A published page for the visitor. An internal page asked for by an anonymous visitor sends
 * them to the login page (and back here after); anything else unreadable is a plain 404.
 */
export async function loadGuidePage(
  context: AppLoadContext,
  request: Request,
  slug: string,
): Promise<PublishedPage> {
  const common = {
    database: context.services.database,
    tenantId: tenantOf(context),
    viewer: context.actor,
    slug,
  };
  const read = (language: string) => getPublishedPage({ ...common, language });
  try {
    try {
      return await read(context.language);
    } catch (error) {
      if (context.language === "nb" || !isAppError(error) || error.code !== "not_found")
        throw error;
      return await read("nb");
    }
  } catch (error) {
    if (isAppError(error) && error.code === "unauthenticated") {
      const url = new URL(request.url);
      throw redirect(`/logg-inn?returnTo=${encodeURIComponent(url.pathname + url.search)}`);
    }
    return loadOr404(() => Promise.reject(error));
  }
}

/** The parts of a page a reading view needs, with its Markdown rendered (sanitised) to HTML. */
export function readingView(item: PageWithVersion) {
  return {
    slug: item.page.slug,
    kind: item.page.kind,
    language: item.page.language,
    path: item.path,
    title: item.version.title,
    summary: item.version.summary,
    html: renderMarkdown(item.version.body),
    fields: item.version.fields,
    verify: item.version.fields.verify === true,
  };
}

/** Without the body: for lists. */
export function listView(item: PageWithVersion) {
  return {
    slug: item.page.slug,
    kind: item.page.kind,
    language: item.page.language,
    path: item.path,
    title: item.version.title,
    summary: item.version.summary,
  };
}
