import { redirect } from "react-router";
import { httpStatusByCode, isAppError } from "../../core/errors.ts";
import { familyExport } from "../../core/relay-log/family-export.ts";
import { translator, type Language } from "../../i18n/index.ts";
import type { Route } from "./+types/family.export";

/**
 * GET /familie/:logId/eksport.json and /familie/:logId/eksport.pdf: everything Laget holds about
 * the citizen and the child in one log (the right of access). A resource route: the file, or a
 * small error page with the status the policy gave (404 for a log the citizen may not see).
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = context.actor;
  if (!actor) {
    const url = new URL(request.url);
    throw redirect(`/logg-inn?returnTo=${encodeURIComponent(url.pathname)}`);
  }
  if (actor.kind !== "citizen") return errorPage(403, "errors.forbidden", context.language);
  const format = new URL(request.url).pathname.endsWith(".pdf") ? "pdf" : "json";
  try {
    const file = await familyExport({
      database: context.services.database,
      actor,
      meta: context.meta,
      logId: params.logId,
      format,
      encryptionKey: context.services.config.dataEncryptionKey,
      language: context.language,
    });
    return new Response(new Uint8Array(file.body), {
      status: 200,
      headers: {
        "content-type": file.contentType,
        "content-disposition": `attachment; filename="${file.filename}"`,
        "x-content-type-options": "nosniff",
        // Everything about a child: never in any cache.
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
