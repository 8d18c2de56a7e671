import { redirect } from "react-router";
import { can } from "../../core/access/policy.ts";
import { httpStatusByCode, isAppError } from "../../core/errors.ts";
import { archivePdf } from "../../core/relay-log/archive-pdf.ts";
import { translator, type Language } from "../../i18n/index.ts";
import type { Route } from "./+types/relay-log.archive-pdf";

/**
 * GET /stafettlogger/:logId/arkiv.pdf: the archive copy of the whole log, for the relay holder
 * to file in the unit's record system. A resource route: the PDF itself, or a small error page
 * with the status the policy gave (404 for anyone who may not know the log exists).
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = context.actor;
  if (!actor) {
    const url = new URL(request.url);
    throw redirect(`/logg-inn?returnTo=${encodeURIComponent(url.pathname)}`);
  }
  if (actor.kind !== "staff" || !can(actor, "relaylog.use")) {
    return errorPage(403, "errors.forbidden", context.language);
  }
  try {
    const { pdf, filename } = await archivePdf({
      database: context.services.database,
      actor,
      meta: context.meta,
      logId: params.logId,
      encryptionKey: context.services.config.dataEncryptionKey,
      language: context.language,
    });
    return new Response(new Uint8Array(pdf), {
      status: 200,
      headers: {
        "content-type": "application/pdf",
        "content-disposition": `attachment; filename="${filename}"`,
        // The child's whole log: never in any cache.
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
