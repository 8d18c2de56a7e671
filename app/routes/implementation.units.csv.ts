import { redirect } from "react-router";
import { can } from "../../core/access/policy.ts";
import { httpStatusByCode, isAppError } from "../../core/errors.ts";
import { exportUnitOverview, overviewFiltersFrom } from "../../core/implementation/overview.ts";
import { translator, type Language } from "../../i18n/index.ts";
import type { Route } from "./+types/implementation.units.csv";

/**
 * GET /implementering/enheter.csv: the leaders' view as a CSV file for Norwegian Excel (UTF-8
 * with BOM, semicolons), with the same filters (`tjeneste`, `fase`) and the same units the
 * actor sees on /implementering. Audited as implementation.units_exported.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = context.actor;
  const url = new URL(request.url);
  if (!actor) {
    throw redirect(`/logg-inn?returnTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  if (actor.kind !== "staff" || !can(actor, "implementation.view")) {
    return errorPage(403, "errors.forbidden", context.language);
  }
  try {
    const file = await exportUnitOverview({
      database: context.services.database,
      actor,
      meta: context.meta,
      filters: overviewFiltersFrom(url.searchParams),
      language: context.language,
    });
    return new Response(file.content, {
      status: 200,
      headers: {
        "content-type": file.contentType,
        "content-disposition": `attachment; filename="${file.filename}"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    if (!isAppError(error)) throw error;
    return errorPage(httpStatusByCode[error.code], error.messageKey, context.language);
  }
}

function errorPage(status: number, messageKey: string, language: Language): Response {
  const t = translator(language);
  const message = escapeHtml(t(messageKey));
  const html = `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${message} – ${escapeHtml(t("app.name"))}</title></head><body><main><h1>${message}</h1><p><a href="/">${escapeHtml(t("errors.toStart"))}</a></p></main></body></html>`;
  return new Response(html, {
    status,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
  });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
