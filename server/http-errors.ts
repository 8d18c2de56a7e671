import type { Context } from "hono";
import { z } from "zod";
import { AppError, httpStatusByCode, isAppError, type FieldErrors } from "../core/errors.ts";
import { fieldErrorsFrom } from "../core/platform/validation.ts";
import { translator, type Language } from "../i18n/index.ts";

export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    requestId: string | null;
    fieldErrors?: Record<string, string>;
  };
}

/** Turns any thrown value into a status and a JSON body with translated, field-level messages. */
export function toApiError(
  error: unknown,
  language: Language,
  requestId: string | null,
): { status: number; body: ApiErrorBody } {
  const t = translator(language);
  let appError: AppError;
  if (isAppError(error)) appError = error;
  else if (error instanceof z.ZodError) {
    appError = new AppError("validation", "errors.validation", {
      fieldErrors: fieldErrorsFrom(error),
    });
  } else if (error instanceof SyntaxError)
    appError = new AppError("validation", "errors.invalidJson");
  else appError = new AppError("internal", "errors.internal");

  const fieldErrors = translateFieldErrors(appError.fieldErrors, language);
  return {
    status: httpStatusByCode[appError.code],
    body: {
      error: {
        code: appError.code,
        message: t(appError.messageKey),
        requestId,
        ...(fieldErrors ? { fieldErrors } : {}),
      },
    },
  };
}

export function translateFieldErrors(
  fieldErrors: FieldErrors | undefined,
  language: Language,
): Record<string, string> | undefined {
  if (!fieldErrors) return undefined;
  const t = translator(language);
  return Object.fromEntries(Object.entries(fieldErrors).map(([field, key]) => [field, t(key)]));
}

/**
 * The error response for requests that never reach a page (body too large, CSRF, API errors):
 * JSON for API clients, a small Norwegian HTML page for browsers.
 */
export function errorResponse(
  c: Context,
  error: unknown,
  language: Language,
  requestId: string | null,
) {
  const { status, body } = toApiError(error, language, requestId);
  const wantsHtml =
    !c.req.path.startsWith("/api/") && (c.req.header("accept") ?? "").includes("text/html");
  if (!wantsHtml) return c.json(body, status as 400);
  const t = translator(language);
  const html = `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(body.error.message)} – ${t("app.name")}</title></head><body><main><h1>${escapeHtml(body.error.message)}</h1><p><a href="/">${escapeHtml(t("errors.toStart"))}</a></p></main></body></html>`;
  return c.html(html, status as 400);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
