/**
 * The report's sections that come from the other evaluation areas: the indicators of effect and
 * the "invisible children" estimate (core/evaluation/indicators.ts, prevalence.ts) and survey
 * results (core/evaluation/survey-results.ts). This file is the only place the reports read them.
 * What they return is already plain JSON and is kept as it is. Suppression happens in those data
 * functions: a suppressed figure arrives as `{ suppressed: true }`, which every renderer prints as
 * "hidden (fewer than 5)", never as a number.
 */
import type { Tx } from "../../db/client.ts";
import { computeIndicators } from "./indicators.ts";
import type { AdoptionStatus, IndicatorGroup } from "./indicator-rules.ts";
import { invisibleChildrenEstimate, type InvisibleChildrenEstimate } from "./prevalence.ts";
import { surveySummaryForReport, type SurveyReportSummary } from "./survey-results.ts";
import type { Suppressible } from "./suppression.ts";

export type IndicatorSection =
  | { available: false }
  | {
      available: true;
      from: string;
      to: string;
      minGroupSize: number;
      municipality: IndicatorGroup;
      byServiceType: IndicatorGroup[];
      adoption: {
        units: number;
        shares: Record<AdoptionStatus, Suppressible<number>>;
        reference: Record<AdoptionStatus, number>;
      };
    };

/** One survey's theme means (municipality only, no free text), as survey-results.ts gives them. */
export type SurveySection = SurveyReportSummary;

export type InvisibleChildrenSection =
  { available: false } | ({ available: true } & Omit<InvisibleChildrenEstimate, "years">);

/** The indicators for the period: the municipality, each service type, and 60-30-10 adoption. */
export async function indicatorSection(
  tx: Tx,
  tenantId: string,
  period: { from: string; to: string },
  today?: string,
): Promise<IndicatorSection> {
  const set = await computeIndicators(tx, tenantId, period, today ? { today } : {});
  return {
    available: true,
    from: set.from,
    to: set.to,
    minGroupSize: set.minGroupSize,
    municipality: set.municipality,
    byServiceType: set.byServiceType,
    // Units by name are left out: the leadership report shows the classes, not a list of units.
    adoption: {
      units: set.adoption.units,
      shares: set.adoption.shares,
      reference: set.adoption.reference,
    },
  };
}

/** Results of the chosen surveys, in the order chosen; a survey deleted since is left out. */
export async function surveySections(
  tx: Tx,
  tenantId: string,
  surveyIds: string[],
): Promise<SurveySection[]> {
  const sections: SurveySection[] = [];
  for (const surveyId of surveyIds) {
    try {
      sections.push(await surveySummaryForReport(tx, tenantId, surveyId));
    } catch (error) {
      if ((error as { code?: string }).code !== "not_found") throw error;
    }
  }
  return sections;
}

/** The estimate for the period's last year (the latest year with population when it has none). */
export async function invisibleChildrenSection(
  tx: Tx,
  tenantId: string,
  year: number,
): Promise<InvisibleChildrenSection> {
  let estimate = await invisibleChildrenEstimate(tx, tenantId, year);
  if (estimate.year === null && estimate.years.length > 0) {
    estimate = await invisibleChildrenEstimate(tx, tenantId);
  }
  const { years: _years, ...rest } = estimate;
  return { available: true, ...rest };
}
