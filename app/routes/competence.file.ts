import { redirect } from "react-router";
import { can } from "../../core/access/policy.ts";
import { httpStatusByCode, isAppError } from "../../core/errors.ts";
import { getCompetenceDocument } from "../../core/implementation/competence.ts";
import { translator, type Language } from "../../i18n/index.ts";
import type { Route } from "./+types/competence.file";

/**
 * GET /kompetanse/:materialId/fil: a document of the competence portal, for competence.use (the
 * download is audited). Always an attachment with the type its first bytes proved on upload,
 * never shown inline, so a crafted file cannot run in Laget's origin.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = context.actor;
  if (!actor) {
    const url = new URL(request.url);
    throw redirect(`/logg-inn?returnTo=${encodeURIComponent(url.pathname)}`);
  }
  if (actor.kind !== "staff" || !can(actor, "competence.use")) {
    return errorPage(403, "errors.forbidden", context.language);
  }
  try {
    const file = await getCompetenceDocument({
      database: context.services.database,
      actor,
      meta: context.meta,
      materialId: params.materialId,
    });
    return new Response(new Uint8Array(file.bytes), {
      status: 200,
      headers: {
        "content-type": file.type,
        "content-disposition": contentDisposition(file.name),
        "content-length": String(file.bytes.length),
        "x-content-type-options": "nosniff",
        "cache-control": "private, no-store",
      },
    });
  } catch (error) {
    if (!isAppError(error)) throw error;
    return errorPage(httpStatusByCode[error.code], error.messageKey, context.language);
  }
}

/** attachment; an ASCII fallback name and the real one (RFC 6266 / 5987). */
function contentDisposition(name: string): string {
  const ascii = name.normalize("NFKD").replace(/[^\w.-]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
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
