import { redirect } from "react-router";
import { can } from "../../core/access/policy.ts";
import { httpStatusByCode, isAppError } from "../../core/errors.ts";
import { exportSurveyResults, type ResultsCsvTexts } from "../../core/evaluation/survey-results.ts";
import { translator, type Language } from "../../i18n/index.ts";
import type { Route } from "./+types/evaluation.survey-results.csv";

/**
 * GET /evaluering/undersokelser/:surveyId/resultater.csv: the results this reader may see as CSV
 * (semicolons, UTF-8 with BOM), hidden figures written as «Skjult (færre enn 5 svar)».
 * For evaluation.manage and reports.view; audited as survey.results_exported.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = context.actor;
  if (!actor) {
    const url = new URL(request.url);
    throw redirect(`/logg-inn?returnTo=${encodeURIComponent(url.pathname)}`);
  }
  if (actor.kind !== "staff" || (!can(actor, "evaluation.manage") && !can(actor, "reports.view"))) {
    return errorPage(403, "errors.forbidden", context.language);
  }
  try {
    const file = await exportSurveyResults({
      database: context.services.database,
      actor,
      meta: context.meta,
      surveyId: params.surveyId,
      texts: csvTexts(context.language),
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

const R = "evaluation.results";

/** Numbers as Norwegian spreadsheets read them: a decimal comma, no thousands separator. */
function formatNumber(value: number, decimals: number): string {
  return value.toFixed(decimals).replace(".", ",");
}

export function csvTexts(language: Language): ResultsCsvTexts {
  const t = translator(language);
  return {
    headers: {
      view: t(`${R}.csv.view`),
      group: t(`${R}.csv.group`),
      theme: t(`${R}.csv.theme`),
      question: t(`${R}.csv.question`),
      wording: t(`${R}.csv.wording`),
      measure: t(`${R}.csv.measure`),
      answers: t(`${R}.csv.answers`),
      value: t(`${R}.csv.value`),
      percent: t(`${R}.csv.percent`),
      previousValue: t(`${R}.csv.previousValue`),
      difference: t(`${R}.csv.difference`),
      previousAnswers: t(`${R}.csv.previousAnswers`),
    },
    views: {
      theme: t(`${R}.views.theme`),
      question: t(`${R}.views.question`),
      unit: t(`${R}.views.unit`),
      serviceType: t(`${R}.views.serviceType`),
    },
    wholeMunicipality: t(`${R}.csv.wholeMunicipality`),
    current: t(`${R}.csv.current`),
    older: t(`${R}.olderWording`),
    suppressed: t(`${R}.suppressed`),
    noTheme: t(`${R}.noTheme`),
    noUnit: t(`${R}.noUnit`),
    noServiceType: t(`${R}.noServiceType`),
    serviceType: (key) => t(`serviceType.${key}`, { defaultValue: key }),
    measures: {
      mean: t(`${R}.measures.mean`),
      median: t(`${R}.measures.median`),
      min: t(`${R}.measures.min`),
      max: t(`${R}.measures.max`),
      responses: t(`${R}.measures.responses`),
      freeText: t(`${R}.measures.freeText`),
      likertValue: (value, label) => t(`${R}.measures.likertValue`, { value, label }),
    },
    formatNumber,
  };
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
