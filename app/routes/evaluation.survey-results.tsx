import "../styles/evaluation-results.css";
import { Heading, Link as DsLink, Paragraph, Table, Tag } from "@digdir/designsystemet-react";
import type { TFunction } from "i18next";
import { useId, type ReactNode } from "react";
import { data, Link, useLoaderData, useRouteLoaderData } from "react-router";
import { NO_GROUP } from "../../core/evaluation/survey-statistics.ts";
import {
  getSurveyResults,
  type BreakdownRow,
  type QuestionResult,
  type SurveyResults,
} from "../../core/evaluation/survey-results.ts";
import type { Suppressible } from "../../core/evaluation/suppression.ts";
import { htmlLang, type Language } from "../../i18n/index.ts";
import { useT } from "../lib/i18n.tsx";
import { loadOr404, requireStaff } from "../lib/route-helpers.ts";
import type { RootData } from "../root.tsx";
import type { Route } from "./+types/evaluation.survey-results";

/**
 * /evaluering/undersokelser/:surveyId/resultater: one survey's results for the coordinator
 * (evaluation.manage) and report readers (reports.view), by theme, question, unit or service
 * type (`?visning=`), compared with the previous round when there is one. Every chart has the
 * same figures as a table beside it; hidden groups are written as words, never drawn.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requireStaff(context, request);
  if (
    !context.permissions.includes("evaluation.manage") &&
    !context.permissions.includes("reports.view")
  ) {
    throw data({ messageKey: "errors.forbidden" }, { status: 403 });
  }
  const url = new URL(request.url);
  const results = await loadOr404(() =>
    getSurveyResults({
      database: context.services.database,
      actor,
      meta: context.meta,
      surveyId: params.surveyId,
    }),
  );
  return { results, view: viewFrom(url.searchParams.get("visning")) };
}

const views = ["tema", "sporsmal", "enhet", "tjenestetype"] as const;
type View = (typeof views)[number];
const viewKeys: Record<View, string> = {
  tema: "theme",
  sporsmal: "question",
  enhet: "unit",
  tjenestetype: "serviceType",
};

function viewFrom(value: string | null): View {
  return (views as readonly string[]).includes(value ?? "") ? (value as View) : "tema";
}

const R = "evaluation.results";

// ---------------------------------------------------------------- formatting

interface Format {
  one: (value: number) => string;
  whole: (value: number) => string;
  signed: (value: number) => string;
}

function formats(language: Language): Format {
  const locale = htmlLang[language];
  const one = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  return {
    one: (value) => one.format(value),
    whole: (value) => whole.format(value),
    // Written out, so the sign never depends on colour or on the locale's minus sign.
    signed: (value) =>
      value === 0 ? one.format(0) : `${value > 0 ? "+" : "−"}${one.format(Math.abs(value))}`,
  };
}

function shownText<T>(value: Suppressible<T>, show: (value: T) => string, t: TFunction): string {
  return value.suppressed ? t(`${R}.suppressed`) : show(value.value);
}

// ---------------------------------------------------------------- the chart

interface Bar {
  /** null: hidden, written as text and not drawn. */
  value: number | null;
  text: string;
  previous?: boolean;
}

interface ChartRow {
  key: string;
  name: string;
  bars: Bar[];
}

/**
 * Horizontal bars with their value written at the end. The chart is one image to assistive
 * technology (role="img"), named by a label that holds every figure; the table beside it holds
 * the same figures.
 */
function BarChart({
  label,
  rows,
  max,
  legend,
}: {
  label: string;
  rows: ChartRow[];
  max: number;
  legend?: { current: string; previous: string };
}) {
  const stripes = `stripes-${useId().replace(/[^a-zA-Z0-9-]/g, "")}`;
  // Widths as SVG attributes, not inline styles: the content security policy allows no style="".
  const bar = (previous: boolean, width: string) => (
    <svg
      className={`result-chart__bar${previous ? " result-chart__bar--previous" : ""}`}
      width={width}
      height="20"
      aria-hidden="true"
      focusable="false"
    >
      <rect width="100%" height="100%" fill={previous ? `url(#${stripes})` : undefined} />
    </svg>
  );
  return (
    <figure className="result-chart">
      <svg width="0" height="0" className="result-chart__defs" aria-hidden="true" focusable="false">
        <defs>
          <pattern
            id={stripes}
            width="8"
            height="8"
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(45)"
          >
            <rect width="8" height="8" className="result-chart__stripe-ground" />
            <rect width="3" height="8" className="result-chart__stripe" />
          </pattern>
        </defs>
      </svg>
      <div role="img" aria-label={label} className="result-chart__bars">
        {rows.map((row) => (
          <div key={row.key} className="result-chart__row">
            <span className="result-chart__name">{row.name}</span>
            <span className="result-chart__track">
              {row.bars.map((item, index) => (
                <span key={index} className="result-chart__line">
                  {item.value === null
                    ? null
                    : bar(
                        Boolean(item.previous),
                        `${(Math.max(0, Math.min(100, (item.value / max) * 100)) * 0.8).toFixed(1)}%`,
                      )}
                  <span className="result-chart__value">{item.text}</span>
                </span>
              ))}
            </span>
          </div>
        ))}
      </div>
      {legend ? (
        <div className="result-chart__legend" aria-hidden="true">
          <span>
            {bar(false, "24")}
            {legend.current}
          </span>
          <span>
            {bar(true, "24")}
            {legend.previous}
          </span>
        </div>
      ) : null}
    </figure>
  );
}

/** A table that may scroll sideways: a named region the keyboard can reach and scroll. */
function TableRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrapper" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

const chartValues = (rows: ChartRow[]) =>
  rows.map((row) => `${row.name}: ${row.bars.map((bar) => bar.text).join(", ")}`).join("; ");

// ---------------------------------------------------------------- the views

function ThemeView({ results, f }: { results: SurveyResults; f: Format }) {
  const t = useT();
  const compare = results.previous !== null;
  const themeName = (theme: string) => (theme === "" ? t(`${R}.noTheme`) : theme);
  if (results.themes.length === 0) return <Paragraph>{t(`${R}.themes.none`)}</Paragraph>;
  const rows: ChartRow[] = results.themes.map((theme) => ({
    key: theme.theme,
    name: themeName(theme.theme),
    bars: [
      {
        value: theme.mean.suppressed ? null : theme.mean.value,
        text: `${compare ? `${t(`${R}.legend.current`)} ` : ""}${shownText(theme.mean, f.one, t)}`,
      },
      ...(compare && theme.previous
        ? [
            {
              value: theme.previous.mean.suppressed ? null : theme.previous.mean.value,
              text: `${t(`${R}.columns.previousMean`)} ${shownText(theme.previous.mean, f.one, t)}`,
              previous: true,
            },
          ]
        : []),
    ],
  }));
  return (
    <>
      <Paragraph>{t(`${R}.themes.help`)}</Paragraph>
      <BarChart
        label={t(compare ? `${R}.themes.chartCompare` : `${R}.themes.chart`, {
          values: chartValues(rows),
        })}
        rows={rows}
        max={5}
        legend={
          compare
            ? { current: t(`${R}.legend.current`), previous: t(`${R}.legend.previous`) }
            : undefined
        }
      />
      <TableRegion label={t(`${R}.themes.heading`)}>
        <Table className="results-table">
          <caption className="visually-hidden">{t(`${R}.themes.heading`)}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t(`${R}.columns.theme`)}</Table.HeaderCell>
              <Table.HeaderCell className="results-number">
                {t(`${R}.columns.mean`)}
              </Table.HeaderCell>
              <Table.HeaderCell className="results-number">
                {t(`${R}.columns.answers`)}
              </Table.HeaderCell>
              {compare ? (
                <>
                  <Table.HeaderCell className="results-number">
                    {t(`${R}.columns.previousMean`)}
                  </Table.HeaderCell>
                  <Table.HeaderCell className="results-number">
                    {t(`${R}.columns.difference`)}
                  </Table.HeaderCell>
                  <Table.HeaderCell className="results-number">
                    {t(`${R}.columns.previousAnswers`)}
                  </Table.HeaderCell>
                </>
              ) : null}
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {results.themes.map((theme) => (
              <Table.Row key={theme.theme}>
                <Table.HeaderCell scope="row">{themeName(theme.theme)}</Table.HeaderCell>
                <Table.Cell className="results-number">
                  {shownText(theme.mean, f.one, t)}
                </Table.Cell>
                <Table.Cell className="results-number">
                  {theme.mean.suppressed ? t(`${R}.suppressed`) : f.whole(theme.answers)}
                </Table.Cell>
                {compare ? (
                  <>
                    <Table.Cell className="results-number">
                      {theme.previous ? shownText(theme.previous.mean, f.one, t) : "–"}
                    </Table.Cell>
                    <Table.Cell className="results-number">
                      {theme.difference === null ? "–" : f.signed(theme.difference)}
                    </Table.Cell>
                    <Table.Cell className="results-number">
                      {theme.previous
                        ? theme.previous.mean.suppressed
                          ? t(`${R}.suppressed`)
                          : f.whole(theme.previous.answers)
                        : "–"}
                    </Table.Cell>
                  </>
                ) : null}
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </TableRegion>
    </>
  );
}

function QuestionFiguresView({
  question,
  f,
  headingLevel,
}: {
  question: QuestionResult;
  f: Format;
  headingLevel: 3 | 4;
}) {
  const t = useT();
  const caption = `${question.prompt}${question.retired ? ` (${t(`${R}.olderWording`)})` : ""}`;
  const answers = (
    <Paragraph data-size="sm">
      {question.figures.suppressed
        ? t(`${R}.suppressed`)
        : t(`${R}.questions.answers`, { count: question.answers })}
    </Paragraph>
  );
  const heading = (
    <Heading level={headingLevel} data-size="xs">
      {question.retired && headingLevel === 4 ? `${t(`${R}.olderWording`)}: ` : ""}
      {question.prompt}
    </Heading>
  );
  if (question.figures.suppressed) {
    return (
      <>
        {heading}
        {answers}
      </>
    );
  }
  const figures = question.figures.value;
  const previousCells =
    question.previous !== null ? (
      <>
        <Table.Cell className="results-number">
          {shownText(question.previous.mean, f.one, t)}
        </Table.Cell>
        <Table.Cell className="results-number">
          {question.difference === null ? "–" : f.signed(question.difference)}
        </Table.Cell>
        <Table.Cell className="results-number">
          {question.previous.mean.suppressed
            ? t(`${R}.suppressed`)
            : f.whole(question.previous.answers)}
        </Table.Cell>
      </>
    ) : null;
  const previousHeaders =
    question.previous !== null ? (
      <>
        <Table.HeaderCell className="results-number">
          {t(`${R}.columns.previousMean`)}
        </Table.HeaderCell>
        <Table.HeaderCell className="results-number">
          {t(`${R}.columns.difference`)}
        </Table.HeaderCell>
        <Table.HeaderCell className="results-number">
          {t(`${R}.columns.previousAnswers`)}
        </Table.HeaderCell>
      </>
    ) : null;

  if (figures.type === "text") {
    return (
      <>
        {heading}
        {answers}
        {figures.texts === null ? (
          <Paragraph>{t(`${R}.questions.freeTextCoordinatorOnly`)}</Paragraph>
        ) : figures.texts.length === 0 ? (
          <Paragraph>{t(`${R}.questions.freeTextNone`)}</Paragraph>
        ) : (
          <ul
            className="results-freetext"
            aria-label={`${t(`${R}.questions.freeText`)}: ${question.prompt}`}
          >
            {figures.texts.map((text, index) => (
              <li key={index}>{text}</li>
            ))}
          </ul>
        )}
      </>
    );
  }

  if (figures.type === "number") {
    const measures: [string, number][] = [
      [t(`${R}.measures.mean`), figures.mean],
      [t(`${R}.measures.median`), figures.median],
      [t(`${R}.measures.min`), figures.min],
      [t(`${R}.measures.max`), figures.max],
    ];
    return (
      <>
        {heading}
        {answers}
        <TableRegion label={caption}>
          <Table className="results-table">
            <caption className="visually-hidden">{caption}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t(`${R}.columns.measure`)}</Table.HeaderCell>
                <Table.HeaderCell className="results-number">
                  {t(`${R}.columns.value`)}
                </Table.HeaderCell>
                {previousHeaders}
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {measures.map(([name, value], index) => (
                <Table.Row key={name}>
                  <Table.HeaderCell scope="row">{name}</Table.HeaderCell>
                  <Table.Cell className="results-number">{f.one(value)}</Table.Cell>
                  {question.previous !== null ? (
                    index === 0 ? (
                      previousCells
                    ) : (
                      <>
                        <Table.Cell />
                        <Table.Cell />
                        <Table.Cell />
                      </>
                    )
                  ) : null}
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </TableRegion>
      </>
    );
  }

  const lines =
    figures.type === "likert"
      ? figures.distribution.map((step) => ({
          key: String(step.value),
          name: t(`${R}.measures.likertValue`, {
            value: step.value,
            label: question.options.find((o) => o.key === String(step.value))?.label ?? "",
          }),
          count: step.count,
          percent: step.percent,
        }))
      : figures.options.map((option) => ({
          key: option.key,
          name: option.label,
          count: option.count,
          percent: option.percent,
        }));
  const rows: ChartRow[] = lines.map((line) => ({
    key: line.key,
    name: line.name,
    bars: [{ value: line.percent, text: `${f.whole(line.percent)} % (${f.whole(line.count)})` }],
  }));
  return (
    <>
      {heading}
      {answers}
      <BarChart
        label={t(`${R}.questions.chart`, { prompt: question.prompt, values: chartValues(rows) })}
        rows={rows}
        max={100}
      />
      <TableRegion label={caption}>
        <Table className="results-table">
          <caption className="visually-hidden">{caption}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t(`${R}.columns.option`)}</Table.HeaderCell>
              <Table.HeaderCell className="results-number">
                {t(`${R}.columns.count`)}
              </Table.HeaderCell>
              <Table.HeaderCell className="results-number">
                {t(`${R}.columns.percent`)}
              </Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {lines.map((line) => (
              <Table.Row key={line.key}>
                <Table.HeaderCell scope="row">{line.name}</Table.HeaderCell>
                <Table.Cell className="results-number">{f.whole(line.count)}</Table.Cell>
                <Table.Cell className="results-number">{`${f.whole(line.percent)} %`}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </TableRegion>
      {figures.type === "likert" ? (
        <TableRegion label={`${caption}: ${t(`${R}.columns.mean`)}`}>
          <Table className="results-table">
            <caption className="visually-hidden">{`${caption}: ${t(`${R}.columns.mean`)}`}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t(`${R}.columns.measure`)}</Table.HeaderCell>
                <Table.HeaderCell className="results-number">
                  {t(`${R}.columns.value`)}
                </Table.HeaderCell>
                {previousHeaders}
              </Table.Row>
            </Table.Head>
            <Table.Body>
              <Table.Row>
                <Table.HeaderCell scope="row">{t(`${R}.measures.mean`)}</Table.HeaderCell>
                <Table.Cell className="results-number">{f.one(figures.mean)}</Table.Cell>
                {previousCells}
              </Table.Row>
            </Table.Body>
          </Table>
        </TableRegion>
      ) : null}
    </>
  );
}

function QuestionView({ results, f }: { results: SurveyResults; f: Format }) {
  const t = useT();
  if (results.questions.length === 0) return <Paragraph>{t(`${R}.questions.none`)}</Paragraph>;
  return (
    <>
      {results.questions.map((question) => (
        <section key={question.lineageId} className="results-question">
          {question.theme ? (
            <Paragraph data-size="sm">
              <Tag data-color="neutral">{question.theme}</Tag>
            </Paragraph>
          ) : null}
          {question.retired ? <Paragraph>{t(`${R}.retiredQuestion`)}</Paragraph> : null}
          <QuestionFiguresView question={question} f={f} headingLevel={3} />
          {question.older.map((older) => (
            <div key={older.questionId} className="results-older">
              <QuestionFiguresView question={older} f={f} headingLevel={4} />
            </div>
          ))}
        </section>
      ))}
    </>
  );
}

function BreakdownView({
  rows,
  results,
  kind,
  f,
}: {
  rows: BreakdownRow[];
  results: SurveyResults;
  kind: "unit" | "serviceType";
  f: Format;
}) {
  const t = useT();
  const section = kind === "unit" ? "units" : "serviceTypes";
  const nameOf = (row: BreakdownRow) =>
    row.key === NO_GROUP
      ? t(kind === "unit" ? `${R}.noUnit` : `${R}.noServiceType`)
      : kind === "unit"
        ? (row.name ?? t(`${R}.noUnit`))
        : t(`serviceType.${row.key}`, { defaultValue: row.key });
  const themeName = (theme: string) => (theme === "" ? t(`${R}.noTheme`) : theme);
  if (rows.length === 0) {
    return (
      <Paragraph>
        {kind === "unit" && !results.reader.allUnits
          ? t(`${R}.units.noneOwn`)
          : t(`${R}.${section}.none`)}
      </Paragraph>
    );
  }
  const max = Math.max(
    1,
    ...rows.map((row) => (row.responses.suppressed ? 0 : row.responses.value)),
  );
  const chartRows: ChartRow[] = rows.map((row) => ({
    key: row.key,
    name: nameOf(row),
    bars: [
      {
        value: row.responses.suppressed ? null : row.responses.value,
        text: shownText(row.responses, f.whole, t),
      },
    ],
  }));
  return (
    <>
      <Paragraph>{t(`${R}.${section}.help`)}</Paragraph>
      {kind === "unit" && !results.reader.allUnits ? (
        <Paragraph>{t(`${R}.units.ownOnly`)}</Paragraph>
      ) : null}
      <BarChart
        label={t(`${R}.${section}.chart`, { values: chartValues(chartRows) })}
        rows={chartRows}
        max={max}
      />
      <TableRegion label={t(`${R}.${section}.heading`)}>
        <Table className="results-table">
          <caption className="visually-hidden">{t(`${R}.${section}.heading`)}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>
                {t(kind === "unit" ? `${R}.columns.unit` : `${R}.columns.serviceType`)}
              </Table.HeaderCell>
              <Table.HeaderCell className="results-number">
                {t(`${R}.columns.responses`)}
              </Table.HeaderCell>
              {results.themes.map((theme) => (
                <Table.HeaderCell key={theme.theme} className="results-number">
                  {themeName(theme.theme)}
                </Table.HeaderCell>
              ))}
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {rows.map((row) => (
              <Table.Row key={row.key}>
                <Table.HeaderCell scope="row">{nameOf(row)}</Table.HeaderCell>
                <Table.Cell className="results-number">
                  {shownText(row.responses, f.whole, t)}
                </Table.Cell>
                {row.themes.map((theme) => (
                  <Table.Cell key={theme.theme} className="results-number">
                    {shownText(theme.mean, f.one, t)}
                  </Table.Cell>
                ))}
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </TableRegion>
      <Paragraph data-size="sm">{t(`${R}.coverNote`)}</Paragraph>
    </>
  );
}

// ---------------------------------------------------------------- the page

export default function SurveyResultsPage() {
  const t = useT();
  const language = useRouteLoaderData<RootData>("root")?.language ?? "nb";
  const f = formats(language);
  const { results, view } = useLoaderData<typeof loader>();
  const path = `/evaluering/undersokelser/${results.survey.id}/resultater`;
  const viewHeading = t(`${R}.views.${viewKeys[view]}`);
  return (
    <div className="page">
      <title>{`${t(`${R}.pageTitle`, { title: results.survey.title })} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {t(`${R}.pageTitle`, { title: results.survey.title })}
      </Heading>
      <Paragraph>{t(`${R}.intro`)}</Paragraph>
      <dl className="details-list">
        <dt>{t(`${R}.facts.status`)}</dt>
        <dd>{t(`${R}.status.${results.survey.status}`)}</dd>
        <dt>{t(`${R}.facts.responses`)}</dt>
        <dd>{f.whole(results.responses)}</dd>
        <dt>{t(`${R}.facts.previous`)}</dt>
        <dd>
          {results.previous
            ? t(`${R}.facts.previousValue`, {
                title: results.previous.title,
                count: results.previous.responses,
              })
            : t(`${R}.facts.noPrevious`)}
        </dd>
      </dl>
      <div className="actions">
        {results.reader.canManage ? (
          <DsLink asChild>
            <Link to={`/evaluering/undersokelser/${results.survey.id}`}>
              {t(`${R}.links.survey`)}
            </Link>
          </DsLink>
        ) : null}
        <DsLink asChild>
          <Link to="/evaluering">{t(`${R}.links.hub`)}</Link>
        </DsLink>
        {results.shown ? (
          <DsLink href={`${path}.csv`} download>
            {t(`${R}.links.csv`)}
          </DsLink>
        ) : null}
      </div>

      {!results.shown ? (
        <Paragraph>
          {results.responses === 0
            ? t(`${R}.noResponses`)
            : t(`${R}.tooFew`, { count: results.responses })}
        </Paragraph>
      ) : (
        <>
          <nav className="results-views" aria-label={t(`${R}.views.label`)}>
            <ul>
              {views.map((key) => (
                <li key={key}>
                  <DsLink asChild>
                    <Link
                      to={`${path}?visning=${key}`}
                      aria-current={key === view ? "page" : undefined}
                    >
                      {t(`${R}.views.${viewKeys[key]}`)}
                    </Link>
                  </DsLink>
                </li>
              ))}
            </ul>
          </nav>
          <section aria-labelledby="results-view-heading" className="page">
            <Heading level={2} data-size="md" id="results-view-heading">
              {viewHeading}
            </Heading>
            {view === "tema" ? <ThemeView results={results} f={f} /> : null}
            {view === "sporsmal" ? <QuestionView results={results} f={f} /> : null}
            {view === "enhet" ? (
              <BreakdownView rows={results.units} results={results} kind="unit" f={f} />
            ) : null}
            {view === "tjenestetype" ? (
              results.serviceTypes === null ? (
                <Paragraph>{t(`${R}.serviceTypes.hidden`)}</Paragraph>
              ) : (
                <BreakdownView
                  rows={results.serviceTypes}
                  results={results}
                  kind="serviceType"
                  f={f}
                />
              )
            ) : null}
          </section>
        </>
      )}
    </div>
  );
}
