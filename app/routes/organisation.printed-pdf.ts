import { redirect } from "react-router";
import { httpStatusByCode, isAppError } from "../../core/errors.ts";
import { canPrint, printedPdf } from "../../core/organisation/printed.ts";
import { printedDocumentFromFile } from "../../core/organisation/printed-rules.ts";
import { translator, type Language } from "../../i18n/index.ts";
import type { Route } from "./+types/organisation.printed-pdf";

/**
 * GET /organisering/trykksaker/plakat-a3.pdf, folder-ansatte.pdf and folder-foresatte.pdf: the
 * printed material drawn now from the published guide (implementation.view or guide.edit). A
 * guide with nothing to print gives a small page with the reason and status 409, never an
 * empty PDF.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const actor = context.actor;
  if (!actor) throw redirect(`/logg-inn?returnTo=${encodeURIComponent(url.pathname)}`);
  if (!canPrint(actor)) return errorPage(403, "errors.forbidden", context.language);
  const document = printedDocumentFromFile(url.pathname.split("/").pop() ?? "");
  if (!document) return errorPage(404, "errors.notFound", context.language);
  try {
    const { pdf, filename } = await printedPdf({
      database: context.services.database,
      actor,
      meta: context.meta,
      document,
      language: context.language,
      publicUrl: context.services.config.publicUrl,
      requestUrl: request.url,
    });
    return new Response(new Uint8Array(pdf), {
      status: 200,
      headers: {
        "content-type": "application/pdf",
        "content-disposition": `attachment; filename="${filename}"`,
        "content-length": String(pdf.length),
        "cache-control": "private, no-store",
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
  const back = escapeHtml(t("organisation.printed.title"));
  const html = `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${back} – ${escapeHtml(t("app.name"))}</title></head><body><main><h1>${back}</h1><p>${message}</p><p><a href="/organisering/trykksaker">${back}</a></p></main></body></html>`;
  return new Response(html, {
    status,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
  });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
