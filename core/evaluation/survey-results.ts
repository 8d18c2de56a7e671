import { and, asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "../../db/client.ts";
import {
  surveyAnswers,
  surveyQuestions,
  surveyResponses,
  surveys,
  units,
  type SurveyOption,
} from "../../db/schema/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import { can } from "../access/policy.ts";
import { recordAudit } from "../audit/audit.ts";
import { AppError } from "../errors.ts";
import { toCsv } from "../platform/csv.ts";
import {
  NO_GROUP,
  choiceCounts,
  difference,
  likertFigures,
  mean,
  numberFigures,
  orderFreeText,
  type LikertFigures,
  type NumberFigures,
  type OptionCount,
} from "./survey-statistics.ts";
import {
  isShown,
  protectBreakdown,
  suppressBelowMinimum,
  type Suppressible,
} from "./suppression.ts";

/**
 * Survey results (issue 7): what one survey's anonymous answers add up to, per question, per
 * theme, per unit and per service type, compared with the round before (matched by lineageId).
 *
 * Who reads them: the coordinator (evaluation.manage) everything, including free text; the
 * sector leader (reports.view) every unit, no free text; a unit leader (reports.view) the
 * municipality's figures and only their own units in the unit breakdown, and no service-type
 * breakdown (a service type with one other unit in it would be that unit). Others: 403; another
 * municipality's survey: 404. Every reading and export is audited with the survey id only.
 *
 * Small groups (suppression.ts): every figure comes from a group of at least five answers or is
 * `{ suppressed: true }`, never computed. Three further rules keep hidden figures from being
 * worked out from shown ones:
 * - A theme's mean pools only the answers of its Likert questions (current wording) that are
 *   themselves shown; a hidden question never feeds a theme, so theme − question cannot reveal it.
 *   The previous round's theme mean does the same with that round's questions.
 * - An older wording of an edited question is shown apart («Tidligere formulering») with its own
 *   count and never pooled with the current wording.
 * - Breakdowns (units, service types) follow `protectBreakdown`: hidden groups always cover each
 *   other (at least two, five answers together), also within each service type, for the
 *   response counts and for every theme column.
 */

// ---------------------------------------------------------------- types (read by the reports)

export type SurveyStatusValue = "draft" | "open" | "closed";
export type QuestionKind = "single" | "multiple" | "likert" | "number" | "text";

/** What a report (reports helper, issue 7) shows of one survey: plain JSON. */
export interface SurveyReportSummary {
  surveyId: string;
  title: string;
  status: SurveyStatusValue;
  responses: number;
  previousRoundTitle: string | null;
  themes: Array<{
    theme: string;
    mean: Suppressible<number>;
    /** null when the previous round has no question of this theme (or there is no previous round). */
    previousMean: Suppressible<number> | null;
    /** Responses that answered at least one of the theme's Likert questions. */
    answers: number;
  }>;
}

export type QuestionFigures =
  | { type: "single" | "multiple"; options: OptionCount[] }
  | ({ type: "likert" } & LikertFigures)
  | ({ type: "number" } & NumberFigures)
  /** `texts` is null for readers who may not see free text (all but the coordinator). */
  | { type: "text"; texts: string[] | null };

export interface QuestionResult {
  questionId: string;
  lineageId: string;
  version: number;
  position: number;
  theme: string;
  type: QuestionKind;
  prompt: string;
  /** The options as stored on the question (choice options, or the Likert scale's labels). */
  options: SurveyOption[];
  /** A retired wording (an older version, or a question taken out after it had answers). */
  retired: boolean;
  /** How many responses answered this exact version. */
  answers: number;
  figures: Suppressible<QuestionFigures>;
  /** Likert and number questions when the previous round asked the same question (lineage). */
  previous: { answers: number; mean: Suppressible<number> } | null;
  /** Current − previous mean, only when both are shown. */
  difference: number | null;
}

export interface QuestionLineageResult extends QuestionResult {
  /** Older wordings of the same question, newest first, each with its own counts. */
  older: QuestionResult[];
}

export interface ThemeResult {
  theme: string;
  /** Likert questions (current wording) in the theme, and how many of them are pooled (shown). */
  questions: number;
  pooledQuestions: number;
  answers: number;
  mean: Suppressible<number>;
  previous: { answers: number; mean: Suppressible<number> } | null;
  difference: number | null;
}

export interface BreakdownRow {
  /** A unit id or service type; NO_GROUP for answers without a unit / service type. */
  key: string;
  /** The unit's name (unit breakdown); null for NO_GROUP and service types (translated by the page). */
  name: string | null;
  responses: Suppressible<number>;
  themes: { theme: string; mean: Suppressible<number> }[];
}

export { NO_GROUP };

export interface SurveyResults {
  survey: {
    id: string;
    title: string;
    status: SurveyStatusValue;
    audience: string;
    openedAt: string | null;
    closedAt: string | null;
    opensOn: string | null;
    closesOn: string | null;
  };
  responses: number;
  /** The survey as a whole has enough answers to show anything at all. */
  shown: boolean;
  previous: { id: string; title: string; responses: number } | null;
  themes: ThemeResult[];
  questions: QuestionLineageResult[];
  units: BreakdownRow[];
  /** null when this reader does not get the service-type breakdown (unit leaders). */
  serviceTypes: BreakdownRow[] | null;
  reader: {
    allUnits: boolean;
    freeText: boolean;
    canManage: boolean;
  };
}

// ---------------------------------------------------------------- loading

type QuestionRow = typeof surveyQuestions.$inferSelect;
type SurveyRow = typeof surveys.$inferSelect;

interface ResponseRow {
  id: string;
  unitId: string | null;
  serviceType: string | null;
}

interface AnswerRow {
  id: string;
  responseId: string;
  questionId: string;
  choiceKeys: string[] | null;
  numberValue: number | null;
  textValue: string | null;
}

interface RoundData {
  survey: SurveyRow;
  questions: QuestionRow[];
  responses: ResponseRow[];
  answersByQuestion: Map<string, AnswerRow[]>;
}

function assertId(id: string): void {
  if (!z.guid().safeParse(id).success) throw new AppError("not_found", "errors.notFound");
}

async function loadSurvey(tx: Tx, tenantId: string, surveyId: string): Promise<SurveyRow> {
  assertId(surveyId);
  const [row] = await tx
    .select()
    .from(surveys)
    .where(and(eq(surveys.tenantId, tenantId), eq(surveys.id, surveyId)));
  if (!row) throw new AppError("not_found", "errors.notFound");
  return row;
}

/** An answer counts when it holds something: a choice, a number, or non-blank text. */
function hasValue(answer: AnswerRow, type: string): boolean {
  switch (type) {
    case "single":
    case "multiple":
      return (answer.choiceKeys ?? []).length > 0;
    case "likert":
    case "number":
      return answer.numberValue !== null;
    default:
      return (answer.textValue ?? "").trim() !== "";
  }
}

async function loadRound(tx: Tx, survey: SurveyRow): Promise<RoundData> {
  const questions = await tx
    .select()
    .from(surveyQuestions)
    .where(
      and(eq(surveyQuestions.tenantId, survey.tenantId), eq(surveyQuestions.surveyId, survey.id)),
    )
    .orderBy(asc(surveyQuestions.position), asc(surveyQuestions.version));
  const responses = await tx
    .select({
      id: surveyResponses.id,
      unitId: surveyResponses.unitId,
      serviceType: surveyResponses.serviceType,
    })
    .from(surveyResponses)
    .where(
      and(eq(surveyResponses.tenantId, survey.tenantId), eq(surveyResponses.surveyId, survey.id)),
    );
  // By id (random uuids), never by time: nothing downstream may lean on the order of answering.
  const answers = await tx
    .select({
      id: surveyAnswers.id,
      responseId: surveyAnswers.responseId,
      questionId: surveyAnswers.questionId,
      choiceKeys: surveyAnswers.choiceKeys,
      numberValue: surveyAnswers.numberValue,
      textValue: surveyAnswers.textValue,
    })
    .from(surveyAnswers)
    .where(and(eq(surveyAnswers.tenantId, survey.tenantId), eq(surveyAnswers.surveyId, survey.id)))
    .orderBy(asc(surveyAnswers.id));
  const typeOf = new Map(questions.map((q) => [q.id, q.type]));
  const answersByQuestion = new Map<string, AnswerRow[]>();
  for (const answer of answers) {
    const type = typeOf.get(answer.questionId);
    if (!type || !hasValue(answer, type)) continue;
    const list = answersByQuestion.get(answer.questionId) ?? [];
    list.push(answer);
    answersByQuestion.set(answer.questionId, list);
  }
  return { survey, questions, responses, answersByQuestion };
}

// ---------------------------------------------------------------- computing

interface Reader {
  allUnits: boolean;
  unitIds: string[];
  freeText: boolean;
  serviceTypes: boolean;
}

const fullReader: Reader = { allUnits: true, unitIds: [], freeText: false, serviceTypes: true };

function figuresOf(
  question: QuestionRow,
  answers: AnswerRow[],
  freeText: boolean,
): Suppressible<QuestionFigures> {
  return suppressBelowMinimum(answers.length, (): QuestionFigures => {
    switch (question.type) {
      case "single":
      case "multiple":
        return {
          type: question.type,
          options: choiceCounts(
            (question.options as SurveyOption[]) ?? [],
            answers.map((a) => a.choiceKeys ?? []),
          ),
        };
      case "likert":
        return { type: "likert", ...likertFigures(answers.map((a) => a.numberValue!)) };
      case "number":
        return { type: "number", ...numberFigures(answers.map((a) => a.numberValue!)) };
      default:
        return {
          type: "text",
          texts: freeText
            ? orderFreeText(answers.map((a) => ({ id: a.id, text: a.textValue ?? "" })))
            : null,
        };
    }
  });
}

const hasMean = (type: string) => type === "likert" || type === "number";

/** The current version of each lineage in a round (retiredAt null), by lineage. */
function currentByLineage(round: RoundData): Map<string, QuestionRow> {
  return new Map(round.questions.filter((q) => !q.retiredAt).map((q) => [q.lineageId, q]));
}

function questionResult(
  round: RoundData,
  previous: RoundData | null,
  question: QuestionRow,
  reader: Reader,
): QuestionResult {
  const answers = round.answersByQuestion.get(question.id) ?? [];
  let previousFigures: QuestionResult["previous"] = null;
  let change: number | null = null;
  const retired = question.retiredAt !== null;
  if (previous && !retired && hasMean(question.type)) {
    const match = currentByLineage(previous).get(question.lineageId);
    if (match && match.type === question.type) {
      const earlier = previous.answersByQuestion.get(match.id) ?? [];
      previousFigures = {
        answers: earlier.length,
        mean: suppressBelowMinimum(earlier.length, () => mean(earlier.map((a) => a.numberValue!))),
      };
    }
  }
  const figures = figuresOf(question, answers, reader.freeText);
  if (previousFigures && !previousFigures.mean.suppressed && !figures.suppressed) {
    const current = figures.value;
    if (current.type === "likert" || current.type === "number") {
      change = difference(current.mean, previousFigures.mean.value);
    }
  }
  return {
    questionId: question.id,
    lineageId: question.lineageId,
    version: question.version,
    position: question.position,
    theme: question.theme,
    type: question.type as QuestionKind,
    prompt: question.prompt,
    options: (question.options as SurveyOption[]) ?? [],
    retired,
    answers: answers.length,
    figures,
    previous: previousFigures,
    difference: change,
  };
}

function questionResults(
  round: RoundData,
  previous: RoundData | null,
  reader: Reader,
): QuestionLineageResult[] {
  const byLineage = new Map<string, QuestionRow[]>();
  for (const question of round.questions) {
    const list = byLineage.get(question.lineageId) ?? [];
    list.push(question);
    byLineage.set(question.lineageId, list);
  }
  const results: QuestionLineageResult[] = [];
  for (const versions of byLineage.values()) {
    const newestFirst = [...versions].sort((a, b) => b.version - a.version);
    const head = newestFirst.find((q) => !q.retiredAt) ?? newestFirst[0]!;
    const older = newestFirst.filter((q) => q.id !== head.id);
    // A retired wording nobody answered tells the reader nothing: it is left out.
    const answered = (q: QuestionRow) => (round.answersByQuestion.get(q.id) ?? []).length > 0;
    if (head.retiredAt && !answered(head) && !older.some(answered)) continue;
    results.push({
      ...questionResult(round, previous, head, reader),
      older: older.filter(answered).map((q) => questionResult(round, previous, q, reader)),
    });
  }
  return results.sort((a, b) => a.position - b.position || a.version - b.version);
}

interface ThemePlan {
  theme: string;
  /** Current Likert questions of the theme. */
  questions: QuestionRow[];
  /** Those shown (enough answers) and so pooled into the theme's mean. */
  pooled: QuestionRow[];
}

function themePlans(round: RoundData): ThemePlan[] {
  const plans = new Map<string, ThemePlan>();
  for (const question of round.questions) {
    if (question.retiredAt || question.type !== "likert") continue;
    const plan = plans.get(question.theme) ?? {
      theme: question.theme,
      questions: [],
      pooled: [],
    };
    plan.questions.push(question);
    if (isShown((round.answersByQuestion.get(question.id) ?? []).length))
      plan.pooled.push(question);
    plans.set(question.theme, plan);
  }
  return [...plans.values()];
}

/** The pooled answers of some questions, and how many responses gave them. */
function pooledAnswers(
  round: RoundData,
  questions: QuestionRow[],
): { values: number[]; respondents: number } {
  const values: number[] = [];
  const respondents = new Set<string>();
  for (const question of questions) {
    for (const answer of round.answersByQuestion.get(question.id) ?? []) {
      values.push(answer.numberValue!);
      respondents.add(answer.responseId);
    }
  }
  return { values, respondents: respondents.size };
}

function themeResults(round: RoundData, previous: RoundData | null): ThemeResult[] {
  const previousCurrent = previous ? currentByLineage(previous) : null;
  return themePlans(round).map((plan) => {
    const all = pooledAnswers(round, plan.questions);
    const pooled = pooledAnswers(round, plan.pooled);
    const meanValue: Suppressible<number> =
      plan.pooled.length === 0
        ? { suppressed: true }
        : suppressBelowMinimum(pooled.respondents, () => mean(pooled.values));
    let previousFigures: ThemeResult["previous"] = null;
    if (previous && previousCurrent) {
      const matched = plan.questions
        .map((q) => previousCurrent.get(q.lineageId))
        .filter((q): q is QuestionRow => q !== undefined && q.type === "likert");
      if (matched.length > 0) {
        const shown = matched.filter((q) =>
          isShown((previous.answersByQuestion.get(q.id) ?? []).length),
        );
        const earlierAll = pooledAnswers(previous, matched);
        const earlier = pooledAnswers(previous, shown);
        previousFigures = {
          answers: earlierAll.respondents,
          mean:
            shown.length === 0
              ? { suppressed: true }
              : suppressBelowMinimum(earlier.respondents, () => mean(earlier.values)),
        };
      }
    }
    const change =
      previousFigures && !previousFigures.mean.suppressed && !meanValue.suppressed
        ? difference(meanValue.value, previousFigures.mean.value)
        : null;
    return {
      theme: plan.theme,
      questions: plan.questions.length,
      pooledQuestions: plan.pooled.length,
      answers: all.respondents,
      mean: meanValue,
      previous: previousFigures,
      difference: change,
    };
  });
}

/**
 * One breakdown: responses grouped by `groupOf`, with the response counts and each theme's mean
 * per group, hidden by `protectBreakdown` (see the file comment). `partitionOf` names the nested
 * margin a response belongs to (its service type, in the unit breakdown).
 */
function breakdown(
  round: RoundData,
  plans: ThemePlan[],
  groupOf: (response: ResponseRow) => string,
  partitionOf: ((response: ResponseRow) => string) | null,
): { key: string; responses: Suppressible<number>; themes: BreakdownRow["themes"] }[] {
  const groups = new Map<string, Set<string>>();
  const partitions = new Map<string, Map<string, Set<string>>>();
  for (const response of round.responses) {
    const key = groupOf(response);
    groups.set(key, (groups.get(key) ?? new Set()).add(response.id));
    if (partitionOf) {
      const part = partitionOf(response);
      const inPart = partitions.get(part) ?? new Map<string, Set<string>>();
      inPart.set(key, (inPart.get(key) ?? new Set()).add(response.id));
      partitions.set(part, inPart);
    }
  }
  const sizesOf = (map: Map<string, Set<string>>, measure: (ids: Set<string>) => number) =>
    new Map([...map].map(([key, ids]) => [key, measure(ids)]));
  const count = (ids: Set<string>) => ids.size;
  const hiddenRows = protectBreakdown(sizesOf(groups, count), {
    partitions: [...partitions.values()].map((part) => sizesOf(part, count)),
  });
  const themeCells = plans.map((plan) => {
    // Each response's answers to the theme's pooled questions, indexed once per theme.
    const byResponse = new Map<string, number[]>();
    for (const question of plan.pooled) {
      for (const answer of round.answersByQuestion.get(question.id) ?? []) {
        const list = byResponse.get(answer.responseId) ?? [];
        list.push(answer.numberValue!);
        byResponse.set(answer.responseId, list);
      }
    }
    const valuesOf = (ids: Set<string>) => [...ids].flatMap((id) => byResponse.get(id) ?? []);
    const respondents = (ids: Set<string>) => [...ids].filter((id) => byResponse.has(id)).length;
    const hidden =
      plan.pooled.length === 0
        ? new Set(groups.keys())
        : protectBreakdown(sizesOf(groups, respondents), {
            partitions: [...partitions.values()].map((part) => sizesOf(part, respondents)),
            forced: hiddenRows,
          });
    return { plan, hidden, valuesOf };
  });
  return [...groups].map(([key, ids]) => ({
    key,
    responses: hiddenRows.has(key)
      ? ({ suppressed: true } as const)
      : { suppressed: false as const, value: ids.size },
    themes: themeCells.map(({ plan, hidden, valuesOf }) => ({
      theme: plan.theme,
      mean: hidden.has(key)
        ? ({ suppressed: true } as const)
        : {
            suppressed: false as const,
            value: mean(valuesOf(ids)),
          },
    })),
  }));
}

async function computeResults(
  tx: Tx,
  survey: SurveyRow,
  reader: Reader,
): Promise<Omit<SurveyResults, "reader">> {
  const round = await loadRound(tx, survey);
  let previous: RoundData | null = null;
  if (survey.previousRoundId) {
    const [previousSurvey] = await tx
      .select()
      .from(surveys)
      .where(and(eq(surveys.tenantId, survey.tenantId), eq(surveys.id, survey.previousRoundId)));
    if (previousSurvey) previous = await loadRound(tx, previousSurvey);
  }
  const plans = themePlans(round);
  const unitRows = breakdown(
    round,
    plans,
    (r) => r.unitId ?? NO_GROUP,
    (r) => r.serviceType ?? NO_GROUP,
  );
  const unitIds = unitRows.map((row) => row.key).filter((key) => key !== NO_GROUP);
  const names =
    unitIds.length === 0
      ? new Map<string, string>()
      : new Map(
          (
            await tx
              .select({ id: units.id, name: units.name })
              .from(units)
              .where(and(eq(units.tenantId, survey.tenantId), inArray(units.id, unitIds)))
          ).map((unit) => [unit.id, unit.name]),
        );
  const collator = new Intl.Collator("nb", { sensitivity: "base", numeric: true });
  const unitsShown: BreakdownRow[] = unitRows
    // Computed over every unit (so hiding covers the whole municipality), then narrowed.
    .filter((row) => reader.allUnits || reader.unitIds.includes(row.key))
    .map((row) => ({ ...row, name: row.key === NO_GROUP ? null : (names.get(row.key) ?? null) }))
    .sort(
      (a, b) =>
        Number(a.key === NO_GROUP) - Number(b.key === NO_GROUP) ||
        collator.compare(a.name ?? "", b.name ?? ""),
    );
  const serviceTypeRows: BreakdownRow[] | null = reader.serviceTypes
    ? breakdown(round, plans, (r) => r.serviceType ?? NO_GROUP, null)
        .map((row) => ({ ...row, name: null }))
        .sort(
          (a, b) =>
            Number(a.key === NO_GROUP) - Number(b.key === NO_GROUP) || a.key.localeCompare(b.key),
        )
    : null;
  const responses = round.responses.length;
  return {
    survey: {
      id: survey.id,
      title: survey.title,
      status: survey.status as SurveyStatusValue,
      audience: survey.audience,
      openedAt: survey.openedAt?.toISOString() ?? null,
      closedAt: survey.closedAt?.toISOString() ?? null,
      opensOn: survey.opensOn,
      closesOn: survey.closesOn,
    },
    responses,
    shown: isShown(responses),
    previous: previous
      ? {
          id: previous.survey.id,
          title: previous.survey.title,
          responses: previous.responses.length,
        }
      : null,
    themes: themeResults(round, previous),
    questions: questionResults(round, previous, reader),
    units: unitsShown,
    serviceTypes: serviceTypeRows,
  };
}

// ---------------------------------------------------------------- use cases

type StaffActor = Extract<Actor, { kind: "staff" }>;

function readerOf(actor: Actor): { staff: StaffActor; reader: Reader; canManage: boolean } {
  if (actor.kind !== "staff") throw new AppError("forbidden", "errors.forbidden");
  const canManage = can(actor, "evaluation.manage");
  if (!canManage && !can(actor, "reports.view")) {
    throw new AppError("forbidden", "errors.forbidden");
  }
  const allUnits = canManage || actor.roles.includes("sector_leader");
  return {
    staff: actor,
    canManage,
    reader: {
      allUnits,
      unitIds: allUnits ? [] : [...actor.unitIds],
      freeText: canManage,
      serviceTypes: allUnits,
    },
  };
}

/** The results page: everything this reader may see of one survey. Audited. */
export async function getSurveyResults(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  surveyId: string;
}): Promise<SurveyResults> {
  const { staff, reader, canManage } = readerOf(input.actor);
  return input.database.tenant(staff.tenantId, async (tx) => {
    const survey = await loadSurvey(tx, staff.tenantId, input.surveyId);
    const results = await computeResults(tx, survey, reader);
    await recordAudit(tx, {
      type: "survey.results_viewed",
      tenantId: staff.tenantId,
      actor: staff,
      meta: input.meta,
      subject: { type: "survey", id: survey.id },
    });
    return {
      ...results,
      reader: { allUnits: reader.allUnits, freeText: reader.freeText, canManage },
    };
  });
}

/**
 * A survey's theme means for the leadership reports: the municipality's figures only (no
 * breakdown, no free text), so any report reader may see them. Throws not_found for a survey
 * outside the tenant. Not audited here: the report that shows it is.
 */
export async function surveySummaryForReport(
  tx: Tx,
  tenantId: string,
  surveyId: string,
): Promise<SurveyReportSummary> {
  const survey = await loadSurvey(tx, tenantId, surveyId);
  const results = await computeResults(tx, survey, { ...fullReader, serviceTypes: false });
  return {
    surveyId: survey.id,
    title: survey.title,
    status: results.survey.status,
    responses: results.responses,
    previousRoundTitle: results.previous?.title ?? null,
    themes: results.themes.map((theme) => ({
      theme: theme.theme,
      mean: theme.mean,
      previousMean: theme.previous?.mean ?? null,
      answers: theme.answers,
    })),
  };
}

// ---------------------------------------------------------------- CSV

/** The words and number formats of the CSV, from the catalog (core holds no interface text). */
export interface ResultsCsvTexts {
  headers: {
    view: string;
    group: string;
    theme: string;
    question: string;
    wording: string;
    measure: string;
    answers: string;
    value: string;
    percent: string;
    previousValue: string;
    difference: string;
    previousAnswers: string;
  };
  views: { theme: string; question: string; unit: string; serviceType: string };
  wholeMunicipality: string;
  current: string;
  older: string;
  suppressed: string;
  noTheme: string;
  noUnit: string;
  noServiceType: string;
  serviceType: (key: string) => string;
  measures: {
    mean: string;
    median: string;
    min: string;
    max: string;
    responses: string;
    freeText: string;
    likertValue: (value: number, label: string) => string;
  };
  formatNumber: (value: number, decimals: number) => string;
}

function cell<T>(value: Suppressible<T>, show: (value: T) => string, texts: ResultsCsvTexts) {
  return value.suppressed ? texts.suppressed : show(value.value);
}

/**
 * The results as rows for the CSV (and nothing a reader may not see): one row per figure, with
 * hidden figures written as the words («Skjult (færre enn 5 svar)»), never as a number. Free
 * text only for the coordinator and only per question, never per unit.
 */
export function resultsCsvRows(results: SurveyResults, texts: ResultsCsvTexts): string[][] {
  const h = texts.headers;
  const rows: string[][] = [
    [
      h.view,
      h.group,
      h.theme,
      h.question,
      h.wording,
      h.measure,
      h.answers,
      h.value,
      h.percent,
      h.previousValue,
      h.difference,
      h.previousAnswers,
    ],
  ];
  const one = (value: number) => texts.formatNumber(value, 1);
  const whole = (value: number) => texts.formatNumber(value, 0);
  const themeName = (theme: string) => (theme === "" ? texts.noTheme : theme);
  const signed = (value: number | null) =>
    value === null ? "" : `${value > 0 ? "+" : ""}${one(value)}`;
  const answersCell = (n: number, shownFigure: boolean) =>
    shownFigure ? whole(n) : texts.suppressed;

  for (const theme of results.themes) {
    rows.push([
      texts.views.theme,
      texts.wholeMunicipality,
      themeName(theme.theme),
      "",
      "",
      texts.measures.mean,
      answersCell(theme.answers, !theme.mean.suppressed),
      cell(theme.mean, one, texts),
      "",
      theme.previous ? cell(theme.previous.mean, one, texts) : "",
      signed(theme.difference),
      theme.previous ? answersCell(theme.previous.answers, !theme.previous.mean.suppressed) : "",
    ]);
  }

  const questionRows = (question: QuestionResult) => {
    const base = [
      texts.views.question,
      texts.wholeMunicipality,
      themeName(question.theme),
      question.prompt,
      question.retired ? texts.older : texts.current,
    ];
    const n = answersCell(question.answers, !question.figures.suppressed);
    if (question.figures.suppressed) {
      rows.push([...base, "", n, texts.suppressed, texts.suppressed, "", "", ""]);
      return;
    }
    const figures = question.figures.value;
    const previous = (meanRow: boolean) =>
      meanRow && question.previous
        ? [
            cell(question.previous.mean, one, texts),
            signed(question.difference),
            answersCell(question.previous.answers, !question.previous.mean.suppressed),
          ]
        : ["", "", ""];
    switch (figures.type) {
      case "single":
      case "multiple":
        for (const option of figures.options) {
          rows.push([
            ...base,
            option.label,
            n,
            whole(option.count),
            whole(option.percent),
            "",
            "",
            "",
          ]);
        }
        break;
      case "likert":
        for (const step of figures.distribution) {
          rows.push([
            ...base,
            texts.measures.likertValue(
              step.value,
              question.options.find((o) => o.key === String(step.value))?.label ?? "",
            ),
            n,
            whole(step.count),
            whole(step.percent),
            "",
            "",
            "",
          ]);
        }
        rows.push([...base, texts.measures.mean, n, one(figures.mean), "", ...previous(true)]);
        break;
      case "number":
        rows.push([...base, texts.measures.mean, n, one(figures.mean), "", ...previous(true)]);
        rows.push([...base, texts.measures.median, n, one(figures.median), "", "", "", ""]);
        rows.push([...base, texts.measures.min, n, one(figures.min), "", "", "", ""]);
        rows.push([...base, texts.measures.max, n, one(figures.max), "", "", "", ""]);
        break;
      case "text":
        for (const text of figures.texts ?? []) {
          rows.push([...base, texts.measures.freeText, n, text, "", "", "", ""]);
        }
        break;
    }
  };
  for (const question of results.questions) {
    questionRows(question);
    for (const older of question.older) questionRows(older);
  }

  const groupRows = (view: string, row: BreakdownRow, name: string) => {
    rows.push([
      view,
      name,
      "",
      "",
      "",
      texts.measures.responses,
      "",
      cell(row.responses, whole, texts),
      "",
      "",
      "",
      "",
    ]);
    for (const theme of row.themes) {
      rows.push([
        view,
        name,
        themeName(theme.theme),
        "",
        "",
        texts.measures.mean,
        "",
        cell(theme.mean, one, texts),
        "",
        "",
        "",
        "",
      ]);
    }
  };
  for (const row of results.units) {
    groupRows(texts.views.unit, row, row.key === NO_GROUP ? texts.noUnit : (row.name ?? ""));
  }
  for (const row of results.serviceTypes ?? []) {
    groupRows(
      texts.views.serviceType,
      row,
      row.key === NO_GROUP ? texts.noServiceType : texts.serviceType(row.key),
    );
  }
  return rows;
}

/** The results as CSV (semicolons, BOM): what the reader may see, hidden cells as words. Audited. */
export async function exportSurveyResults(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  surveyId: string;
  texts: ResultsCsvTexts;
}): Promise<{ filename: string; content: string }> {
  const { staff, reader, canManage } = readerOf(input.actor);
  return input.database.tenant(staff.tenantId, async (tx) => {
    const survey = await loadSurvey(tx, staff.tenantId, input.surveyId);
    const results: SurveyResults = {
      ...(await computeResults(tx, survey, reader)),
      reader: { allUnits: reader.allUnits, freeText: reader.freeText, canManage },
    };
    await recordAudit(tx, {
      type: "survey.results_exported",
      tenantId: staff.tenantId,
      actor: staff,
      meta: input.meta,
      subject: { type: "survey", id: survey.id },
    });
    const stamp = (survey.closedAt ?? survey.createdAt).toISOString().slice(0, 10);
    return {
      filename: `undersokelse-resultater-${stamp}.csv`,
      content: toCsv(resultsCsvRows(results, input.texts)),
    };
  });
}
