/**
 * The pure rules of the leadership reports and the yearly revision report: kinds, default
 * periods, the default title, and how a period is checked. No database, no React: the routes
 * import these at runtime (ADR 0021 on reports: the figures are frozen when published).
 */

/** half_year: to the leadership; year: to the municipal council; revision: the guide's yearly revision. */
export const reportKinds = ["half_year", "year", "revision"] as const;
export type ReportKind = (typeof reportKinds)[number];

export const reportStatuses = ["draft", "published"] as const;
export type ReportStatus = (typeof reportStatuses)[number];

export const REPORTS_PAGE_SIZE = 25;
export const REPORT_TITLE_MAX = 200;
export const REPORT_SUMMARY_MAX = 20_000;
/** Surveys a report may show; more would make a report nobody reads. */
export const REPORT_SURVEYS_MAX = 10;
/** The earliest period a report may cover. */
export const REPORT_EARLIEST = "2000-01-01";

export function isReportKind(value: unknown): value is ReportKind {
  return typeof value === "string" && (reportKinds as readonly string[]).includes(value);
}

export interface Period {
  from: string;
  to: string;
}

/**
 * The period a new report starts with, counted from `today` (YYYY-MM-DD, Oslo):
 * - half_year: the last full half-year (in July–December: January–June this year; in
 *   January–June: July–December last year);
 * - year: the last full calendar year;
 * - revision: the year being revised, i.e. this year from 1 January up to today (a revision is
 *   done in the year it concerns, before its due date).
 */
export function defaultPeriod(kind: ReportKind, today: string): Period {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  if (kind === "half_year") {
    return month >= 7
      ? { from: `${year}-01-01`, to: `${year}-06-30` }
      : { from: `${year - 1}-07-01`, to: `${year - 1}-12-31` };
  }
  if (kind === "year") return { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` };
  return { from: `${year}-01-01`, to: today };
}

/** Which half-year or year a period is, when it is exactly one; null for any other period. */
export function periodName(
  period: Period,
): { kind: "half"; half: 1 | 2; year: number } | { kind: "year"; year: number } | null {
  const year = Number(period.from.slice(0, 4));
  if (period.to.slice(0, 4) !== period.from.slice(0, 4)) return null;
  const from = period.from.slice(5);
  const to = period.to.slice(5);
  if (from === "01-01" && to === "12-31") return { kind: "year", year };
  if (from === "01-01" && to === "06-30") return { kind: "half", half: 1, year };
  if (from === "07-01" && to === "12-31") return { kind: "half", half: 2, year };
  return null;
}

/** A date as 31.12.2026. */
export function dayText(isoDate: string): string {
  const [year, month, day] = isoDate.split("-");
  return `${day}.${month}.${year}`;
}

/**
 * The title a report gets when the coordinator leaves it empty, in the words of `texts`
 * (the catalog's evaluation.reports.defaultTitle.*): "Halvårsrapport 1. halvår 2026",
 * "Årsrapport 2025", "Revisjonsrapport 2026", or the kind with the dates for other periods.
 */
export function defaultTitle(
  kind: ReportKind,
  period: Period,
  texts: (key: string, params: Record<string, string | number>) => string,
): string {
  const name = periodName(period);
  if (kind === "half_year" && name?.kind === "half")
    return texts("half", { half: name.half, year: name.year });
  if (kind === "year" && name?.kind === "year") return texts("year", { year: name.year });
  // A revision concerns one year: any period inside a single calendar year is "that year's".
  if (kind === "revision" && period.from.slice(0, 4) === period.to.slice(0, 4))
    return texts("revision", { year: Number(period.from.slice(0, 4)) });
  return texts(`${kind}Period`, { from: dayText(period.from), to: dayText(period.to) });
}

/**
 * The day a period's figures are read as of: its last day, or today when the period reaches
 * into today (a milestone due after today is not late yet).
 */
export function asOfDay(period: Period, today: string): string {
  return period.to < today ? period.to : today;
}

/** Field errors of a period, as catalog keys: both dates given, to on or after from, not after today. */
export function periodErrors(
  period: { from: string | null; to: string | null },
  today: string,
): Record<string, string> {
  const errors: Record<string, string> = {};
  const key = "evaluation.reports.errors";
  if (!period.from) errors.periodFrom = `${key}.fromRequired`;
  else if (period.from < REPORT_EARLIEST) errors.periodFrom = `${key}.fromTooEarly`;
  else if (period.from > today) errors.periodFrom = `${key}.fromFuture`;
  if (!period.to) errors.periodTo = `${key}.toRequired`;
  else if (period.to > today) errors.periodTo = `${key}.toFuture`;
  else if (period.from && period.to < period.from) errors.periodTo = `${key}.toBeforeFrom`;
  return errors;
}
