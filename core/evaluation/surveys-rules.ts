import type { SurveyOption } from "../../db/schema/evaluation.ts";
import type { FieldErrors } from "../errors.ts";
import { isIsoDate } from "../platform/dates.ts";

/**
 * The survey area's rules as plain values and pure functions, shared by the use cases
 * (surveys.ts, surveys-answer.ts, surveys-reminders.ts) and the pages: statuses, question types,
 * field limits, how a question form is checked, when an edit makes a new version of a question,
 * and how an answer is checked. No database, no HTTP.
 */

export const surveyStatuses = ["draft", "open", "closed"] as const;
export type SurveyStatus = (typeof surveyStatuses)[number];

export const surveyAudiences = ["staff", "link"] as const;
export type SurveyAudience = (typeof surveyAudiences)[number];

export const questionTypes = ["single", "multiple", "likert", "number", "text"] as const;
export type QuestionType = (typeof questionTypes)[number];

/** Who gave a response: staff, or (link surveys that ask «Hvem svarer?») a guardian or youth. */
export const respondentGroups = ["staff", "guardian", "youth", "other"] as const;
export type RespondentGroup = (typeof respondentGroups)[number];

export const SURVEY_TITLE_MAX = 200;
export const SURVEY_INTRO_MAX = 4000;
export const QUESTION_PROMPT_MAX = 500;
export const QUESTION_HELP_MAX = 1000;
export const QUESTION_THEME_MAX = 100;
export const OPTION_LABEL_MAX = 200;
export const OPTIONS_MAX = 20;
export const TEXT_ANSWER_MAX = 4000;
export const NUMBER_LIMIT = 1_000_000;
export const REMINDER_INTERVAL_MAX = 60;
/** Surveys in the coordinator's list, per page. */
export const SURVEYS_PAGE_SIZE = 25;

/** The five points of a Likert question; the stored answer is the number. */
export const likertKeys = ["1", "2", "3", "4", "5"] as const;

/**
 * The Likert labels stored on the question (in bokmål, like the question's own wording: a survey's
 * content is written in the municipality's language, not translated with the interface).
 */
export const likertOptions: SurveyOption[] = [
  { key: "1", label: "Helt uenig" },
  { key: "2", label: "Litt uenig" },
  { key: "3", label: "Verken enig eller uenig" },
  { key: "4", label: "Litt enig" },
  { key: "5", label: "Helt enig" },
];

const E = "evaluation.surveys.errors";

// ---------------------------------------------------------------- the survey's settings

export interface SurveySettings {
  title: string;
  introduction: string;
  audience: SurveyAudience;
  plainLanguage: boolean;
  opensOn: string | null;
  closesOn: string | null;
  reminderIntervalDays: number | null;
  trainingEventId: string | null;
}

const text = (value: unknown) => (typeof value === "string" ? value.trim() : "");
const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const isGuid = (value: string) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
const isOn = (value: unknown) => ["on", "true", "1", "ja"].includes(text(first(value)));

/**
 * Checks the settings form. Every message comes at once (closes before opens is checked even
 * when the title is missing), each a catalog key beside its field.
 */
export function checkSurveySettings(raw: Record<string, unknown>): {
  values: SurveySettings;
  fieldErrors: FieldErrors;
} {
  const fieldErrors: FieldErrors = {};
  const title = text(first(raw.title));
  if (!title) fieldErrors.title = `${E}.title`;
  else if (title.length > SURVEY_TITLE_MAX) fieldErrors.title = "errors.tooLong";
  const introduction = text(first(raw.introduction));
  if (introduction.length > SURVEY_INTRO_MAX) fieldErrors.introduction = "errors.tooLong";
  const audienceText = text(first(raw.audience)) || "staff";
  if (!(surveyAudiences as readonly string[]).includes(audienceText)) {
    fieldErrors.audience = `${E}.audience`;
  }
  const opensOn = text(first(raw.opensOn)) || null;
  if (opensOn && !isIsoDate(opensOn)) fieldErrors.opensOn = `${E}.date`;
  const closesOn = text(first(raw.closesOn)) || null;
  if (closesOn && !isIsoDate(closesOn)) fieldErrors.closesOn = `${E}.date`;
  if (!fieldErrors.opensOn && !fieldErrors.closesOn && opensOn && closesOn && closesOn < opensOn) {
    fieldErrors.closesOn = `${E}.closesBeforeOpens`;
  }
  const reminderText = text(first(raw.reminderIntervalDays));
  let reminderIntervalDays: number | null = null;
  if (reminderText) {
    const days = /^\d{1,3}$/.test(reminderText) ? Number(reminderText) : NaN;
    if (!Number.isInteger(days) || days < 1 || days > REMINDER_INTERVAL_MAX) {
      fieldErrors.reminderIntervalDays = `${E}.reminderInterval`;
    } else reminderIntervalDays = days;
  }
  const eventText = text(first(raw.trainingEventId));
  if (eventText && !isGuid(eventText)) fieldErrors.trainingEventId = `${E}.trainingEvent`;
  return {
    values: {
      title,
      introduction,
      audience: audienceText as SurveyAudience,
      plainLanguage: isOn(raw.plainLanguage),
      opensOn,
      closesOn,
      reminderIntervalDays,
      trainingEventId: eventText || null,
    },
    fieldErrors,
  };
}

// ---------------------------------------------------------------- questions

export interface QuestionInput {
  type: QuestionType;
  theme: string;
  prompt: string;
  help: string;
  /** Single/multiple: the options; Likert: the five fixed points; otherwise none. */
  options: SurveyOption[];
  required: boolean;
  minValue: number | null;
  maxValue: number | null;
}

/** The text of the options field: one option per line, blank lines ignored. */
export function optionLines(value: unknown): string[] {
  return text(first(value))
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/**
 * Options from lines, keeping the key of an option whose label is unchanged (so an answer's key
 * means the same option in the next version and the next round); new labels get new keys.
 */
export function optionsFromLines(lines: string[], previous: SurveyOption[] = []): SurveyOption[] {
  const byLabel = new Map(previous.map((option) => [option.label.toLowerCase(), option.key]));
  const used = new Set<string>();
  let next =
    previous.reduce((highest, option) => {
      const match = /^o(\d+)$/.exec(option.key);
      return match ? Math.max(highest, Number(match[1])) : highest;
    }, 0) + 1;
  return lines.map((label) => {
    const kept = byLabel.get(label.toLowerCase());
    if (kept && !used.has(kept)) {
      used.add(kept);
      return { key: kept, label };
    }
    while (used.has(`o${next}`)) next += 1;
    const key = `o${next}`;
    next += 1;
    used.add(key);
    return { key, label };
  });
}

function wholeNumber(value: string): number | null {
  if (!/^-?\d{1,7}$/.test(value)) return null;
  const number = Number(value);
  return Math.abs(number) <= NUMBER_LIMIT ? number : null;
}

/**
 * Checks the question form. A choice question needs at least two different options; a number
 * question's least value may not be above its greatest. `previous` is the question being edited,
 * whose option keys are kept where the label is unchanged.
 */
export function checkQuestion(
  raw: Record<string, unknown>,
  previous: SurveyOption[] = [],
): { values: QuestionInput; fieldErrors: FieldErrors } {
  const fieldErrors: FieldErrors = {};
  const typeText = text(first(raw.type));
  const type = (questionTypes as readonly string[]).includes(typeText)
    ? (typeText as QuestionType)
    : null;
  if (!type) fieldErrors.type = `${E}.questionType`;
  const prompt = text(first(raw.prompt));
  if (!prompt) fieldErrors.prompt = `${E}.prompt`;
  else if (prompt.length > QUESTION_PROMPT_MAX) fieldErrors.prompt = "errors.tooLong";
  const theme = text(first(raw.theme));
  if (theme.length > QUESTION_THEME_MAX) fieldErrors.theme = "errors.tooLong";
  const help = text(first(raw.help));
  if (help.length > QUESTION_HELP_MAX) fieldErrors.help = "errors.tooLong";
  let options: SurveyOption[] = [];
  if (type === "single" || type === "multiple") {
    const lines = optionLines(raw.options);
    const distinct = new Set(lines.map((line) => line.toLowerCase()));
    if (lines.length < 2) fieldErrors.options = `${E}.optionsTooFew`;
    else if (lines.length > OPTIONS_MAX) fieldErrors.options = `${E}.optionsTooMany`;
    else if (distinct.size !== lines.length) fieldErrors.options = `${E}.optionsDuplicate`;
    else if (lines.some((line) => line.length > OPTION_LABEL_MAX)) {
      fieldErrors.options = `${E}.optionTooLong`;
    } else options = optionsFromLines(lines, previous);
  }
  if (type === "likert") options = likertOptions;
  let minValue: number | null = null;
  let maxValue: number | null = null;
  if (type === "number") {
    const minText = text(first(raw.minValue));
    const maxText = text(first(raw.maxValue));
    if (minText) {
      minValue = wholeNumber(minText);
      if (minValue === null) fieldErrors.minValue = `${E}.numberLimit`;
    }
    if (maxText) {
      maxValue = wholeNumber(maxText);
      if (maxValue === null) fieldErrors.maxValue = `${E}.numberLimit`;
    }
    if (minValue !== null && maxValue !== null && minValue > maxValue) {
      fieldErrors.maxValue = `${E}.minAboveMax`;
    }
  }
  return {
    values: {
      type: type ?? "text",
      theme,
      prompt,
      help,
      options,
      required: isOn(raw.required),
      minValue,
      maxValue,
    },
    fieldErrors,
  };
}

/** The parts of a question an answer depends on: a change to any of them is a new wording. */
const wordingFields = [
  "type",
  "theme",
  "prompt",
  "help",
  "options",
  "required",
  "minValue",
  "maxValue",
] as const;

export type StoredQuestion = Pick<QuestionInput, (typeof wordingFields)[number]>;

export function questionChanged(before: StoredQuestion, after: QuestionInput): boolean {
  return wordingFields.some(
    (field) => JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null),
  );
}

/**
 * What saving an edited question does. Nothing changed: nothing. No answers yet: the row is
 * edited in place. Answers given: the answered row is retired untouched and a new version with
 * the same lineage takes its place, so every stored answer keeps the wording it was given to.
 */
export function editDecision(input: {
  hasAnswers: boolean;
  changed: boolean;
}): "unchanged" | "in_place" | "new_version" {
  if (!input.changed) return "unchanged";
  return input.hasAnswers ? "new_version" : "in_place";
}

/** Removing a question: deleted when nobody has answered it, otherwise only retired. */
export function removalDecision(hasAnswers: boolean): "delete" | "retire" {
  return hasAnswers ? "retire" : "delete";
}

/** What prevents opening a survey, as catalog keys (empty: it may open). */
export function openingProblems(input: {
  status: string;
  audience: SurveyAudience;
  questionCount: number;
  targetCount: number;
  trainingEventId: string | null;
  closesOn: string | null;
  today: string;
}): FieldErrors {
  const problems: FieldErrors = {};
  if (input.status !== "draft") problems._form = `${E}.notDraft`;
  if (input.questionCount === 0) problems.questions = `${E}.noQuestions`;
  if (input.audience === "staff" && !input.trainingEventId && input.targetCount === 0) {
    problems.targets = `${E}.noTargets`;
  }
  if (input.closesOn && input.closesOn < input.today) problems.closesOn = `${E}.closesPassed`;
  return problems;
}

// ---------------------------------------------------------------- answers

/** The form field of a question on the answer page. */
export const answerField = (questionId: string) => `q_${questionId}`;

export interface AnswerQuestion {
  id: string;
  type: QuestionType;
  options: SurveyOption[];
  required: boolean;
  minValue: number | null;
  maxValue: number | null;
}

export interface CheckedAnswer {
  questionId: string;
  choiceKeys: string[] | null;
  numberValue: number | null;
  textValue: string | null;
}

/** A draft as typed: values by question id (strings, or lists for multiple choice). */
export type DraftValues = Record<string, string | string[]>;

/** The typed values of the answer form, by question id (what a draft stores). */
export function draftFromForm(
  questions: readonly AnswerQuestion[],
  form: Record<string, unknown>,
): DraftValues {
  const draft: DraftValues = {};
  for (const question of questions) {
    const value = form[answerField(question.id)];
    if (question.type === "multiple") {
      const list = (Array.isArray(value) ? value : value === undefined ? [] : [value])
        .filter((item): item is string => typeof item === "string")
        .slice(0, OPTIONS_MAX);
      if (list.length > 0) draft[question.id] = list;
    } else if (typeof first(value) === "string") {
      const typed = (first(value) as string).slice(0, TEXT_ANSWER_MAX);
      if (typed.trim() !== "") draft[question.id] = typed;
    }
  }
  return draft;
}

/**
 * Checks a response: required questions answered, choices among the question's options, Likert
 * 1–5, numbers whole and within the question's range, text not too long. Unanswered optional
 * questions give no answer row.
 */
export function checkAnswers(
  questions: readonly AnswerQuestion[],
  draft: DraftValues,
): { answers: CheckedAnswer[]; fieldErrors: FieldErrors } {
  const answers: CheckedAnswer[] = [];
  const fieldErrors: FieldErrors = {};
  for (const question of questions) {
    const field = answerField(question.id);
    const raw = draft[question.id];
    const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    const values = list.map((value) => value.trim()).filter(Boolean);
    if (values.length === 0) {
      if (question.required) {
        fieldErrors[field] =
          question.type === "multiple" || question.type === "single" || question.type === "likert"
            ? `${E}.answerChoose`
            : `${E}.answerRequired`;
      }
      continue;
    }
    const keys = new Set(question.options.map((option) => option.key));
    switch (question.type) {
      case "single":
      case "multiple": {
        const unique = [...new Set(values)];
        if (
          unique.some((value) => !keys.has(value)) ||
          (question.type === "single" && unique.length > 1)
        ) {
          fieldErrors[field] = `${E}.answerOption`;
        } else {
          answers.push({
            questionId: question.id,
            choiceKeys: unique,
            numberValue: null,
            textValue: null,
          });
        }
        break;
      }
      case "likert": {
        const value = values[0]!;
        if (values.length > 1 || !(likertKeys as readonly string[]).includes(value)) {
          fieldErrors[field] = `${E}.answerOption`;
        } else {
          answers.push({
            questionId: question.id,
            choiceKeys: null,
            numberValue: Number(value),
            textValue: null,
          });
        }
        break;
      }
      case "number": {
        const number = wholeNumber(values[0]!);
        if (number === null) fieldErrors[field] = `${E}.answerNumber`;
        else if (
          (question.minValue !== null && number < question.minValue) ||
          (question.maxValue !== null && number > question.maxValue)
        ) {
          fieldErrors[field] = `${E}.answerRange`;
        } else {
          answers.push({
            questionId: question.id,
            choiceKeys: null,
            numberValue: number,
            textValue: null,
          });
        }
        break;
      }
      case "text": {
        const value = values[0]!;
        if (value.length > TEXT_ANSWER_MAX) fieldErrors[field] = "errors.tooLong";
        else {
          answers.push({
            questionId: question.id,
            choiceKeys: null,
            numberValue: null,
            textValue: value,
          });
        }
        break;
      }
    }
  }
  return { answers, fieldErrors };
}

/**
 * The «Hvem svarer?» question of a link survey: a single choice whose option keys are respondent
 * groups (the user-evaluation template ships it with the keys guardian and youth). Its answer is
 * stored as the response's respondentGroup, so results can be split by who answered.
 */
export function isRespondentGroupQuestion(question: {
  type: string;
  options: SurveyOption[];
}): boolean {
  return (
    question.type === "single" &&
    question.options.length >= 2 &&
    question.options.every((option) =>
      (respondentGroups as readonly string[]).includes(option.key),
    ) &&
    question.options.some((option) => option.key === "guardian" || option.key === "youth")
  );
}

/** The respondent group of a response, from its answers (staff surveys: always staff). */
export function respondentGroupOf(
  audience: SurveyAudience,
  questions: readonly (AnswerQuestion & { options: SurveyOption[] })[],
  answers: readonly CheckedAnswer[],
): RespondentGroup | null {
  if (audience === "staff") return "staff";
  for (const question of questions) {
    if (!isRespondentGroupQuestion(question)) continue;
    const key = answers.find((answer) => answer.questionId === question.id)?.choiceKeys?.[0];
    if (key && (respondentGroups as readonly string[]).includes(key)) return key as RespondentGroup;
  }
  return null;
}

/** Whether a reminder is due: not answered, and nothing sent within the interval. */
export function reminderDue(input: {
  answered: boolean;
  invitedAt: Date;
  lastRemindedAt: Date | null;
  intervalDays: number;
  now: Date;
}): boolean {
  if (input.answered) return false;
  const since = (input.lastRemindedAt ?? input.invitedAt).getTime();
  return input.now.getTime() - since >= input.intervalDays * 24 * 3600_000;
}
