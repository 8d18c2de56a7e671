/**
 * A report as a list of blocks (headings, paragraphs, tables, the Markdown summary), built from
 * `ReportContent` with the catalog's words. The web page and the PDF both render these blocks,
 * so they say the same, and this is the one place a figure becomes text: a suppressed figure
 * becomes "Skjult (færre enn 5)" and its value is never read. Pure: no database, no React.
 */
import type { FeedbackKind, FeedbackState } from "../guide/kinds.ts";
import { feedbackStates } from "../guide/kinds.ts";
import type { Indicator } from "./indicator-rules.ts";
import type { ReportContent } from "./report-content.ts";
import { dayText, type ReportKind, type ReportStatus } from "./report-rules.ts";
import type { Suppressible } from "./suppression.ts";

type T = (key: string, params?: Record<string, unknown>) => string;

export type ReportBlock =
  | { type: "heading"; level: 1 | 2 | 3 | 4; text: string; id?: string }
  | { type: "paragraph"; text: string }
  | { type: "markdown"; source: string }
  | { type: "table"; caption: string; columns: string[]; rows: string[][] }
  | { type: "list"; items: string[] };

export interface ReportMeta {
  title: string;
  kind: ReportKind;
  status: ReportStatus;
  periodFrom: string;
  periodTo: string;
  summary: string;
  publishedAt: Date | string | null;
}

const R = "evaluation.reports";

/** A number the Norwegian way: 1 234,5 (one decimal at most). */
export function numberText(value: number, language = "nb"): string {
  return new Intl.NumberFormat(language === "en" ? "en-GB" : "nb-NO", {
    maximumFractionDigits: 1,
  })
    .format(value)
    .replace(/\u2212/g, "-");
}

/** A suppressible figure as text: the value, or "Skjult (færre enn 5)". */
export function figureText(
  t: T,
  figure: Suppressible<number>,
  unit: "count" | "percent" | "days" | "score",
  language = "nb",
): string {
  if (figure.suppressed) return t(`${R}.suppressed`);
  const value = numberText(figure.value, language);
  return t(`${R}.indicators.units.${unit}`, {
    value: unit === "score" && figure.value > 0 ? `+${value}` : value,
  });
}

function indicatorRow(t: T, indicator: Indicator, language: string): string[] {
  return [
    t(`${R}.indicatorText.${indicator.key}.label`),
    figureText(t, indicator.value, indicator.unit, language),
    indicator.n === null ? t(`${R}.suppressed`) : numberText(indicator.n, language),
    t(`${R}.indicatorText.${indicator.key}.explanation`),
  ];
}

/** The indicators shown per service type in the report: a few that tell most. */
const serviceTypeIndicators = [
  "open_logs_total",
  "evaluations_on_time",
  "goal_score_change",
  "training_coverage",
] as const;

/** The section headings in order, with their anchors, for a table of contents. */
export function reportSections(content: ReportContent): { id: string; key: string }[] {
  const leadership = content.kind !== "revision";
  return [
    { id: "sammendrag", key: "summary" },
    ...(leadership
      ? [
          { id: "indikatorer", key: "indicators" },
          { id: "undersokelser", key: "surveys" },
          { id: "implementering", key: "implementation" },
          { id: "usynlige-barn", key: "invisibleChildren" },
        ]
      : []),
    { id: "tilbakemeldinger", key: "feedback" },
  ];
}

/**
 * The report's body as blocks: the title (H1), the kind and period, the coordinator's summary
 * first, then each section (H2) with its tables.
 */
export function reportBlocks(
  meta: ReportMeta,
  content: ReportContent,
  t: T,
  language = "nb",
): ReportBlock[] {
  const blocks: ReportBlock[] = [];
  const heading = (level: 1 | 2 | 3 | 4, text: string, id?: string) =>
    blocks.push(id ? { type: "heading", level, text, id } : { type: "heading", level, text });
  const paragraph = (text: string) => blocks.push({ type: "paragraph", text });
  const table = (caption: string, columns: string[], rows: string[][]) =>
    blocks.push({ type: "table", caption, columns, rows });
  const num = (value: number) => numberText(value, language);

  heading(1, meta.title);
  paragraph(
    t(`${R}.view.kindAndPeriod`, {
      kind: t(`${R}.kind.${meta.kind}`),
      from: dayText(meta.periodFrom),
      to: dayText(meta.periodTo),
    }),
  );
  if (meta.status === "published" && meta.publishedAt) {
    const published =
      typeof meta.publishedAt === "string" ? new Date(meta.publishedAt) : meta.publishedAt;
    paragraph(t(`${R}.view.publishedOn`, { date: dayText(published.toISOString().slice(0, 10)) }));
  } else {
    paragraph(t(`${R}.view.draftNotice`));
  }

  heading(2, t(`${R}.sections.summary`), "sammendrag");
  if (meta.summary.trim()) blocks.push({ type: "markdown", source: meta.summary });
  else paragraph(t(`${R}.view.noSummary`));

  if (content.kind !== "revision") {
    // ---------------------------------------------------------------- indicators
    heading(2, t(`${R}.sections.indicators`), "indikatorer");
    const indicators = content.indicators;
    if (!indicators || !indicators.available) paragraph(t(`${R}.notAvailable`));
    else {
      paragraph(t(`${R}.indicators.intro`));
      table(
        t(`${R}.indicators.caption`),
        [
          t(`${R}.indicators.indicator`),
          t(`${R}.indicators.value`),
          t(`${R}.indicators.basis`),
          t(`${R}.indicators.explanation`),
        ],
        indicators.municipality.indicators.map((indicator) => indicatorRow(t, indicator, language)),
      );
      if (indicators.byServiceType.length > 0) {
        heading(3, t(`${R}.indicators.byServiceType`));
        table(
          t(`${R}.indicators.byServiceTypeCaption`),
          [
            t(`${R}.indicators.serviceType`),
            ...serviceTypeIndicators.map((key) => t(`${R}.indicatorText.${key}.label`)),
          ],
          indicators.byServiceType.map((group) => [
            t(`serviceType.${group.serviceType ?? group.name}`),
            ...serviceTypeIndicators.map((key) => {
              const found = group.indicators.find((indicator) => indicator.key === key);
              return found
                ? figureText(t, found.value, found.unit, language)
                : t(`${R}.suppressed`);
            }),
          ]),
        );
      }
      heading(3, t(`${R}.indicators.adoption`));
      paragraph(t(`${R}.indicators.adoptionIntro`, { count: indicators.adoption.units }));
      table(
        t(`${R}.indicators.adoptionCaption`),
        [
          t(`${R}.indicators.adoptionClass`),
          t(`${R}.indicators.adoptionShare`),
          t(`${R}.indicators.adoptionReference`),
        ],
        (["as_intended", "not_as_intended", "not_in_use"] as const).map((status) => [
          t(`${R}.indicators.adoptionStatus.${status}`),
          figureText(t, indicators.adoption.shares[status], "percent", language),
          t(`${R}.indicators.units.percent`, { value: num(indicators.adoption.reference[status]) }),
        ]),
      );
      paragraph(t(`${R}.suppressedNote`));
    }

    // ---------------------------------------------------------------- surveys
    heading(2, t(`${R}.sections.surveys`), "undersokelser");
    if (content.surveys.length === 0) paragraph(t(`${R}.surveys.none`));
    for (const survey of content.surveys) {
      heading(3, survey.title);
      paragraph(t(`${R}.surveys.responses`, { count: survey.responses }));
      if (survey.previousRoundTitle) {
        paragraph(t(`${R}.surveys.previousRound`, { title: survey.previousRoundTitle }));
      }
      if (survey.themes.length === 0) paragraph(t(`${R}.surveys.notShown`));
      else {
        table(
          t(`${R}.surveys.caption`, { title: survey.title }),
          [
            t(`${R}.surveys.theme`),
            t(`${R}.surveys.mean`),
            ...(survey.previousRoundTitle ? [t(`${R}.surveys.previousMean`)] : []),
          ],
          survey.themes.map((theme) => [
            theme.theme || t(`${R}.surveys.noTheme`),
            figureText(t, theme.mean, "count", language),
            ...(survey.previousRoundTitle
              ? [
                  theme.previousMean === null
                    ? t(`${R}.surveys.noPrevious`)
                    : figureText(t, theme.previousMean, "count", language),
                ]
              : []),
          ]),
        );
      }
    }

    // ---------------------------------------------------------------- implementation
    heading(2, t(`${R}.sections.implementation`), "implementering");
    const implementation = content.implementation;
    if (implementation) {
      const I = `${R}.implementation`;
      paragraph(t(`${I}.asOf`, { date: dayText(implementation.asOf) }));
      heading(3, t(`${I}.milestones`));
      if (implementation.milestones.items.length === 0) paragraph(t(`${I}.milestonesNone`));
      else {
        table(
          t(`${I}.milestonesCaption`),
          [t(`${I}.status`), t(`${I}.count`)],
          (["done", "ongoing", "overdue", "planned"] as const).map((status) => [
            t(`${I}.milestoneStatus.${status}`),
            num(implementation.milestones.counts[status]),
          ]),
        );
        table(
          t(`${I}.milestonesListCaption`),
          [t(`${I}.milestone`), t(`${I}.endsOn`), t(`${I}.status`)],
          implementation.milestones.items.map((item) => [
            item.title,
            dayText(item.endsOn),
            t(`${I}.milestoneStatus.${item.status}`),
          ]),
        );
      }
      heading(3, t(`${I}.stages`));
      table(
        t(`${I}.stagesCaption`),
        [t(`${I}.stage`), t(`${I}.units`)],
        implementation.stages.map((row) => [t(`${I}.stageName.${row.stage}`), num(row.units)]),
      );
      heading(3, t(`${I}.networks`));
      if (implementation.networks.items.length === 0) paragraph(t(`${I}.networksNone`));
      else {
        table(
          t(`${I}.networksCaption`),
          [t(`${I}.network`), t(`${I}.planned`), t(`${I}.held`), t(`${I}.cancelled`)],
          [
            ...implementation.networks.items.map((item) => [
              item.name,
              num(item.planned),
              num(item.held),
              num(item.cancelled),
            ]),
            [
              t(`${I}.total`),
              num(implementation.networks.planned),
              num(implementation.networks.held),
              num(implementation.networks.cancelled),
            ],
          ],
        );
      }
      heading(3, t(`${I}.training`));
      const training = implementation.training;
      blocks.push({
        type: "list",
        items: [
          t(`${I}.trainingEvents`, { count: training.events }),
          t(`${I}.trainingAttendances`, { count: training.attendances }),
          training.coveragePercent === null
            ? t(`${I}.trainingCoverageNone`)
            : t(`${I}.trainingCoverage`, {
                trained: num(training.trained),
                staff: num(training.staff),
                percent: t(`${R}.indicators.units.percent`, {
                  value: num(training.coveragePercent),
                }),
              }),
        ],
      });
    }

    // ---------------------------------------------------------------- invisible children
    heading(2, t(`${R}.sections.invisibleChildren`), "usynlige-barn");
    const invisible = content.invisibleChildren;
    if (!invisible || !invisible.available) paragraph(t(`${R}.notAvailable`));
    else {
      const V = `${R}.invisible`;
      paragraph(t(`${V}.intro`));
      if (invisible.year === null || invisible.children === null) {
        paragraph(t(`${V}.childrenMissingAny`));
      } else {
        paragraph(t(`${V}.children`, { year: invisible.year, count: num(invisible.children) }));
        if (invisible.missingAges.length > 0) {
          paragraph(t(`${V}.missingAges`, { ages: invisible.missingAges.join(", ") }));
        }
      }
      table(
        t(`${V}.caption`),
        [t(`${V}.burden`), t(`${V}.percent`), t(`${V}.estimate`), t(`${V}.source`)],
        invisible.rates.map((rate) => [
          rate.label,
          t(`${R}.indicators.units.percent`, { value: num(rate.percent) }),
          rate.likely === null ? "–" : num(rate.likely),
          rate.sourceUrl ? `${rate.source} (${rate.sourceUrl})` : rate.source,
        ]),
      );
      paragraph(
        t(`${V}.helped`, {
          year: invisible.helped.year,
          count: figureText(t, invisible.helped.total, "count", language),
        }),
      );
    }
  }

  // ---------------------------------------------------------------- feedback and revisions
  const F = `${R}.feedback`;
  const feedback = content.feedback;
  heading(2, t(`${R}.sections.feedback`), "tilbakemeldinger");
  paragraph(t(`${F}.intro`));
  paragraph(t(`${F}.total`, { count: feedback.total }));
  table(
    t(`${F}.byStateCaption`),
    [t(`${F}.state`), t(`${F}.count`)],
    feedbackStates.map((state: FeedbackState) => [
      t(`feedback.state.${state}`),
      num(feedback.byState[state] ?? 0),
    ]),
  );
  if (feedback.byTheme.length > 0) {
    table(
      t(`${F}.byThemeCaption`),
      [t(`${F}.theme`), t(`${F}.count`)],
      feedback.byTheme.map((row) => [row.theme ?? t(`${F}.noTheme`), num(row.count)]),
    );
  }
  blocks.push({
    type: "list",
    items: [
      t(`${F}.linked`, { count: feedback.linked }),
      t(`${F}.replied`, { count: feedback.replied }),
      t(`${F}.versionsPublished`, { count: feedback.versionsPublished }),
    ],
  });
  heading(3, t(`${F}.revisions`));
  if (feedback.revisions.length === 0) paragraph(t(`${F}.revisionsNone`));
  else {
    table(
      t(`${F}.revisionsCaption`),
      [
        t(`${F}.year`),
        t(`${F}.dueDate`),
        t(`${F}.revisionStatus`),
        t(`${F}.completedOn`),
        t(`${F}.linkedItems`),
      ],
      feedback.revisions.map((revision) => [
        String(revision.year),
        dayText(revision.dueDate),
        revision.completedOn
          ? t(`${F}.revisionState.done`)
          : revision.status === "planned"
            ? t(`${F}.revisionState.planned`)
            : revision.status,
        revision.completedOn ? dayText(revision.completedOn) : "–",
        num(revision.linkedItems),
      ]),
    );
  }
  if (content.kind === "revision") {
    heading(3, t(`${F}.byPage`));
    if (feedback.pages.length === 0) paragraph(t(`${F}.none`));
    for (const page of feedback.pages) {
      const pageName = page.title ? `${page.title} (${page.path})` : page.path;
      heading(4, t(`${F}.pageHeading`, { page: pageName }));
      paragraph(t(`${F}.pageCount`, { count: page.total }));
      for (const group of page.themes) {
        const theme = group.theme ?? t(`${F}.noTheme`);
        table(
          t(`${F}.itemsCaption`, { page: page.path, theme }),
          [
            t(`${F}.theme`),
            t(`${F}.received`),
            t(`${F}.kind`),
            t(`${F}.state`),
            t(`${F}.actionNote`),
            t(`${F}.revision`),
            t(`${F}.reply`),
          ],
          group.items.map((item) => [
            theme,
            dayText(item.receivedOn),
            t(`feedback.kind.${item.kind satisfies FeedbackKind}`),
            t(`feedback.state.${item.state}`),
            item.actionNote || t(`${F}.noAction`),
            item.revisionYear === null ? t(`${F}.noRevision`) : String(item.revisionYear),
            item.replied ? t(`${F}.replyGiven`) : t(`${F}.replyNone`),
          ]),
        );
      }
    }
  }
  paragraph(t(`${R}.view.generatedAt`, { date: dayText(content.generatedAt.slice(0, 10)) }));
  return blocks;
}
