import { redirect } from "react-router";
import { can } from "../../core/access/policy.ts";
import { httpStatusByCode, isAppError } from "../../core/errors.ts";
import { exportTrainingRegistrations } from "../../core/implementation/training.ts";
import { translator, type Language } from "../../i18n/index.ts";
import { formatDateTime } from "../lib/format-date.ts";
import type { Route } from "./+types/implementation.training.export";

/**
 * GET /implementering/opplaering/:eventId/pameldte.csv: the event's registrations and
 * attendance as CSV (semicolons, UTF-8 with BOM, for spreadsheets), for implementation.view.
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
  const t = translator(context.language);
  const A = "implementation.training.admin";
  try {
    const file = await exportTrainingRegistrations({
      database: context.services.database,
      actor,
      meta: context.meta,
      eventId: params.eventId,
      texts: {
        headers: [
          t(`${A}.columns.name`),
          t(`${A}.columns.unit`),
          t(`${A}.columns.registeredAt`),
          t(`${A}.columns.attendance`),
        ],
        present: t(`${A}.present`),
        absent: t(`${A}.absent`),
        unknown: t(`${A}.attendanceUnknown`),
        formatDateTime: (iso) => formatDateTime(iso, context.language),
      },
    });
    return new Response(file.content, {
      status: 200,
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${file.filename}"`,
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
