import { redirect } from "react-router";
import { can } from "../../core/access/policy.ts";
import { httpStatusByCode, isAppError } from "../../core/errors.ts";
import { archivePdf } from "../../core/relay-log/archive-pdf.ts";
import { blankConsentForm } from "../../core/relay-log/blank-consent-form.ts";
import { translator, type Language } from "../../i18n/index.ts";
import type { Route } from "./+types/relay-log.print-pdf";

/**
 * The paper fallback, for the relay holder:
 * - GET /stafettlogger/:logId/utskrift.pdf: the whole log as it is now (the archive copy's
 *   document marked as a print; no archive stamp), audited relaylog.printed.
 * - GET /stafettlogger/:logId/samtykkeskjema.pdf?sprak=nb|nn|en: a blank consent form listing
 *   the log's units, audited relaylog.blank_consent_form_printed.
 * A resource route: the PDF, or a small error page with the status the policy gave.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = context.actor;
  const url = new URL(request.url);
  if (!actor) {
    throw redirect(`/logg-inn?returnTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  if (actor.kind !== "staff" || !can(actor, "relaylog.use")) {
    return errorPage(403, "errors.forbidden", context.language);
  }
  try {
    const database = context.services.database;
    const { pdf, filename } = url.pathname.endsWith("/samtykkeskjema.pdf")
      ? await blankConsentForm({
          database,
          actor,
          meta: context.meta,
          logId: params.logId,
          formLanguage: url.searchParams.get("sprak") ?? context.language,
        })
      : await archivePdf({
          database,
          actor,
          meta: context.meta,
          logId: params.logId,
          encryptionKey: context.services.config.dataEncryptionKey,
          language: context.language,
          purpose: "print",
        });
    return new Response(new Uint8Array(pdf), {
      status: 200,
      headers: {
        "content-type": "application/pdf",
        "content-disposition": `inline; filename="${filename}"`,
        "x-content-type-options": "nosniff",
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
