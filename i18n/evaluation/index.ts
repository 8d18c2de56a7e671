import * as common from "./common.ts";
import * as indicators from "./indicators.ts";
import * as reports from "./reports.ts";
import * as results from "./results.ts";
import * as surveys from "./surveys.ts";

/**
 * The evaluation module's part of the catalog (issue 7), one file per area. Keys:
 * evaluation.common.* (the evaluation hub and shared words), evaluation.surveys.* (building,
 * sending and answering surveys), evaluation.results.* (survey results and their export),
 * evaluation.indicators.* (indicators of effect and the "invisible children" estimate),
 * evaluation.reports.* (the leadership reports and the yearly revision report).
 */
type Section = "nb" | "nn" | "en";

function compose<L extends Section>(language: L) {
  return {
    common: common[language],
    surveys: surveys[language],
    results: results[language],
    indicators: indicators[language],
    reports: reports[language],
  };
}

export const evaluationNb = {
  common: common.nb,
  surveys: surveys.nb,
  results: results.nb,
  indicators: indicators.nb,
  reports: reports.nb,
} as const;
export const evaluationNn = compose("nn");
export const evaluationEn = compose("en");
