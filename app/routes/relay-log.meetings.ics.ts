import { redirect } from "react-router";
import { can } from "../../core/access/policy.ts";
import { httpStatusByCode, isAppError } from "../../core/errors.ts";
import { meetingCalendarFile } from "../../core/relay-log/meetings.ts";
import { translator, type Language } from "../../i18n/index.ts";
import type { Route } from "./+types/relay-log.meetings.ics";

/**
 * GET /stafettlogger/:logId/moter/:meetingId/invitasjon.ics: the meeting's calendar invitation
 * for anyone who may read the log (the download is audited as a read). A resource route: the
 * file itself, or a small error page with the status the policy gave (404 when the log or the
 * meeting may not be known).
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
    const file = await meetingCalendarFile({
      database: context.services.database,
      actor,
      meta: context.meta,
      logId: params.logId,
      meetingId: params.meetingId,
      baseUrl: new URL(context.services.config.publicUrl ?? request.url).origin,
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
