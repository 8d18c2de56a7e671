import { redirect } from "react-router";
import { httpStatusByCode, isAppError } from "../../core/errors.ts";
import { makeChildWelfareReport } from "../../core/relay-log/child-welfare.ts";
import { translator, type Language } from "../../i18n/index.ts";
import { formToObject } from "../lib/route-helpers.ts";
import type { Route } from "./+types/relay-log.cases.child-welfare-pdf";

/**
 * POST /bekymringsmelding/pdf: records that a report to child welfare was made and answers with
 * the filled-in report as a download. A resource route posted to natively from the review step
 * (the values were checked there and are checked again here). The text is never stored, and
 * the response is never cached.
 */
export async function action({ context, request }: Route.ActionArgs) {
  const actor = context.actor;
  if (!actor) throw redirect("/logg-inn?returnTo=%2Fbekymringsmelding");
  if (actor.kind !== "staff") return errorPage(403, "errors.forbidden", context.language);
  const values = formToObject(await request.formData());
  const { logId, ...report } = values;
  try {
    const { pdf, filename } = await makeChildWelfareReport({
      database: context.services.database,
      actor,
      meta: context.meta,
      logId: typeof logId === "string" && logId ? logId : null,
      values: report,
      language: context.language,
      municipality: context.tenant?.name ?? "",
    });
    return new Response(new Uint8Array(pdf), {
      status: 200,
      headers: {
        "content-type": "application/pdf",
        "content-disposition": `attachment; filename="${filename}"`,
        // What the employee wrote about a child: never in any cache.
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    if (!isAppError(error)) throw error;
    // The review step checked the values; a failure here is a tampered or stale post.
    return errorPage(httpStatusByCode[error.code], error.messageKey, context.language);
  }
}

/** GET has nothing to show: the form is at /bekymringsmelding. */
export function loader() {
  return redirect("/bekymringsmelding");
}

function errorPage(status: number, messageKey: string, language: Language): Response {
  const t = translator(language);
  const message = escapeHtml(t(messageKey));
  const html = `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${message} – ${escapeHtml(t("app.name"))}</title></head><body><main><h1>${message}</h1><p><a href="/bekymringsmelding">${escapeHtml(t("relayLog.cases.childWelfare.title"))}</a></p></main></body></html>`;
  return new Response(html, {
    status,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
  });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
