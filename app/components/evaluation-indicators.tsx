import "./evaluation-indicators.css";
import { Heading, Paragraph, Table } from "@digdir/designsystemet-react";
import type { TFunction } from "i18next";
import {
  indicatorCases,
  type Indicator,
  type IndicatorKey,
  type SeriesPoint,
} from "../../core/evaluation/indicator-rules.ts";
import { htmlLang, type Language } from "../../i18n/index.ts";
import { useT } from "../lib/i18n.tsx";
import { useLanguage } from "./implementation-units.tsx";

/**
 * Showing indicators of effect (issue 7): a value in words (suppressed → «Skjult (færre enn 5)»),
 * the n behind it, a table of a group's indicators, and a bar chart over half-years that is
 * always paired with a table of the same figures. Used by /evaluering/indikatorer; the reports
 * may use it too. Pure presentation: it receives plain IndicatorSet data.
 */

const numberFormats = new Map<string, Intl.NumberFormat>();

export function formatNumber(value: number, language: Language, decimals = 1): string {
  const key = `${language}:${decimals}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(htmlLang[language], { maximumFractionDigits: decimals });
    numberFormats.set(key, format);
  }
  return format.format(value);
}

/** The value as text: «80 %», «9,5 dager», «+0,5», or «Skjult (færre enn 5)». */
export function indicatorValueText(
  t: TFunction,
  indicator: Indicator,
  language: Language,
  minGroupSize: number,
): string {
  if (indicator.value.suppressed)
    return t("evaluation.indicators.suppressed", { min: minGroupSize });
  const value = indicator.value.value;
  const decimals = indicator.unit === "score" ? 2 : indicator.unit === "count" ? 0 : 1;
  let text = formatNumber(value, language, decimals);
  if (indicator.key === "goal_score_change" && value > 0) text = `+${text}`;
  return t(`evaluation.indicators.value.${indicator.unit}`, { value: text });
}

/** «n = 12 stafettlogger (9 mål)», or empty when suppressed. */
export function indicatorNText(t: TFunction, indicator: Indicator, language: Language): string {
  if (indicator.n === null) return "";
  const cases = t(`evaluation.indicators.cases.${indicatorCases[indicator.key]}`);
  const goals = indicator.detail?.goals;
  return `${t("evaluation.indicators.nCases", { n: formatNumber(indicator.n, language, 0) })} ${cases}${
    goals !== undefined ? ` (${t("evaluation.indicators.goalsDetail", { goals })})` : ""
  }`;
}

/** One group's indicators as a table: name with its explanation, value, n. */
export function IndicatorTable(props: {
  caption: string;
  indicators: Indicator[];
  minGroupSize: number;
  graceDays: number;
  explain?: boolean;
}) {
  const t = useT();
  const language = useLanguage();
  return (
    <div className="table-wrapper">
      <Table className="indicator-table">
        <caption>{props.caption}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{t("evaluation.indicators.columns.indicator")}</Table.HeaderCell>
            <Table.HeaderCell>{t("evaluation.indicators.columns.value")}</Table.HeaderCell>
            <Table.HeaderCell>{t("evaluation.indicators.columns.n")}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {props.indicators.map((indicator) => (
            <Table.Row key={indicator.key}>
              <Table.HeaderCell scope="row">
                <span className="indicator-table__name">
                  {t(`evaluation.indicators.names.${indicator.key}`)}
                </span>
                {props.explain ? (
                  <span className="indicator-table__explanation">
                    {t(`evaluation.indicators.explanations.${indicator.key}`, {
                      grace: props.graceDays,
                    })}
                  </span>
                ) : null}
              </Table.HeaderCell>
              <Table.Cell>
                {indicatorValueText(t, indicator, language, props.minGroupSize)}
              </Table.Cell>
              <Table.Cell>{indicatorNText(t, indicator, language)}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  );
}

/** «2025 1. halvår» from «2025-H1». */
export function halfYearText(t: TFunction, label: string): string {
  const [year, half] = label.split("-H");
  return t("evaluation.indicators.series.halfYear", { year, half });
}

/**
 * A bar per half-year for one indicator. The bars are drawn as SVG and hidden from screen
 * readers; each bar's label and value are printed as text beside it, and the same figures are
 * in the table that follows, so nothing is told by length or colour alone.
 */
export function SeriesChart(props: {
  points: SeriesPoint[];
  indicatorKey: IndicatorKey;
  caption: string;
  minGroupSize: number;
}) {
  const t = useT();
  const language = useLanguage();
  const values = props.points.map((point) =>
    point.group.indicators.find((indicator) => indicator.key === props.indicatorKey),
  );
  const numbers = values.map((indicator) =>
    indicator && !indicator.value.suppressed ? indicator.value.value : null,
  );
  const unit = values.find(Boolean)?.unit;
  const shown = numbers.filter((value): value is number => value !== null);
  // Scores run from −2 to +2: bars start at −2 so a negative mean still has a length.
  const min = unit === "score" ? -2 : 0;
  const max = unit === "percent" ? 100 : unit === "score" ? 2 : Math.max(1, ...shown);
  return (
    <figure className="indicator-chart">
      <figcaption>
        <Heading level={3} data-size="xs">
          {props.caption}
        </Heading>
      </figcaption>
      <ul className="indicator-chart__bars">
        {props.points.map((point, index) => {
          const indicator = values[index];
          const value = numbers[index] ?? null;
          const width = value === null ? 0 : Math.max(0, ((value - min) / (max - min)) * 100);
          return (
            <li key={point.label} className="indicator-chart__row">
              <span className="indicator-chart__label">{halfYearText(t, point.label)}</span>
              {/* An SVG bar: its width is an attribute, not an inline style (the CSP forbids those). */}
              <svg
                className="indicator-chart__track"
                viewBox="0 0 100 10"
                preserveAspectRatio="none"
                aria-hidden="true"
                focusable="false"
              >
                {value === null ? null : (
                  <rect className="indicator-chart__bar" x="0" y="0" width={width} height="10" />
                )}
              </svg>
              <span className="indicator-chart__value">
                {indicator
                  ? indicatorValueText(t, indicator, language, props.minGroupSize)
                  : t("evaluation.indicators.notApplicable")}
              </span>
            </li>
          );
        })}
      </ul>
    </figure>
  );
}

/** Every indicator (rows) per half-year (columns): the same figures as the chart and more. */
export function SeriesTable(props: {
  points: SeriesPoint[];
  caption: string;
  minGroupSize: number;
}) {
  const t = useT();
  const language = useLanguage();
  const keys = props.points[0]?.group.indicators.map((indicator) => indicator.key) ?? [];
  if (keys.length === 0) return <Paragraph>{t("evaluation.indicators.noUnits")}</Paragraph>;
  return (
    <div className="table-wrapper">
      <Table className="indicator-table">
        <caption>{props.caption}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{t("evaluation.indicators.columns.indicator")}</Table.HeaderCell>
            {props.points.map((point) => (
              <Table.HeaderCell key={point.label}>{halfYearText(t, point.label)}</Table.HeaderCell>
            ))}
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {keys.map((key) => (
            <Table.Row key={key}>
              <Table.HeaderCell scope="row">
                {t(`evaluation.indicators.names.${key}`)}
              </Table.HeaderCell>
              {props.points.map((point) => {
                const indicator = point.group.indicators.find((item) => item.key === key);
                return (
                  <Table.Cell key={point.label}>
                    {indicator
                      ? indicator.value.suppressed
                        ? t("evaluation.indicators.suppressedShort")
                        : `${indicatorValueText(t, indicator, language, props.minGroupSize)} (n = ${indicator.n ?? ""})`
                      : t("evaluation.indicators.notApplicable")}
                  </Table.Cell>
                );
              })}
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  );
}
