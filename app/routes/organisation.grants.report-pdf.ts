import { redirect } from "react-router";
import { can } from "../../core/access/policy.ts";
import { httpStatusByCode, isAppError } from "../../core/errors.ts";
import { grantReportPdf } from "../../core/organisation/grant-report.ts";
import { translator, type Language } from "../../i18n/index.ts";
import type { Route } from "./+types/organisation.grants.report-pdf";

/**
 * GET /organisering/tilskudd/:grantId/rapport.pdf: the report for the grant giver as a tagged
 * PDF in bokmål (core/organisation/grant-report.ts). A resource route: the PDF itself, or a small
 * error page with the status the domain gave (another municipality's grant is 404).
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = context.actor;
  if (!actor) {
    const url = new URL(request.url);
    throw redirect(`/logg-inn?returnTo=${encodeURIComponent(url.pathname)}`);
  }
  if (actor.kind !== "staff" || !can(actor, "implementation.view")) {
    return errorPage(403, "errors.forbidden", context.language);
  }
  try {
    const { pdf, title } = await grantReportPdf({
      database: context.services.database,
      actor,
      meta: context.meta,
      grantId: params.grantId,
      municipality: context.tenant?.name ?? "",
    });
    return new Response(new Uint8Array(pdf), {
      status: 200,
      headers: {
        "content-type": "application/pdf",
        "content-disposition": `attachment; filename="${fileName(title)}"`,
        "cache-control": "private, no-store",
      },
    });
  } catch (error) {
    if (!isAppError(error)) throw error;
    return errorPage(httpStatusByCode[error.code], error.messageKey, context.language);
  }
}

/** The title as a safe ASCII file name: "Rapport-for-Tilskudd-til-BTS.pdf". */
function fileName(title: string): string {
  const ascii = title
    .replace(/[æÆ]/g, "ae")
    .replace(/[øØ]/g, "o")
    .replace(/[åÅ]/g, "a")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
  return `${ascii || "rapport"}.pdf`;
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
