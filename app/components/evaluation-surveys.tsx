import { Button, Heading, Paragraph, Tag } from "@digdir/designsystemet-react";
import { Form } from "react-router";
import {
  answerField,
  OPTIONS_MAX,
  QUESTION_HELP_MAX,
  QUESTION_PROMPT_MAX,
  QUESTION_THEME_MAX,
  questionTypes,
  TEXT_ANSWER_MAX,
  type DraftValues,
  type QuestionType,
  type SurveyStatus,
} from "../../core/evaluation/surveys-rules.ts";
import { useT } from "../lib/i18n.tsx";
import type { ActionFailure } from "../lib/route-helpers.ts";
import {
  CheckboxGroup,
  CsrfField,
  FormErrors,
  RadioGroup,
  SelectField,
  TextField,
  valueOf,
  valuesOf,
} from "./forms.tsx";
import { TextAreaField } from "./relay-log-plan-fields.tsx";

/**
 * Pieces shared by the survey pages: the coordinator's (evaluation.surveys*) and the answer pages
 * for staff and for link respondents (surveys*): the status in words, the question form, and the
 * answer form that works without JavaScript.
 */

const S = "evaluation.surveys";

const statusColor: Record<SurveyStatus, "neutral" | "success" | "info"> = {
  draft: "neutral",
  open: "success",
  closed: "info",
};

/** A survey's status in words (never colour alone). */
export function SurveyStatusTag({ status }: { status: SurveyStatus }) {
  const t = useT();
  return <Tag data-color={statusColor[status]}>{t(`${S}.statuses.${status}`)}</Tag>;
}

export interface QuestionFormValues {
  type: QuestionType;
  theme: string;
  prompt: string;
  help: string;
  options: { key: string; label: string }[];
  required: boolean;
  minValue: number | null;
  maxValue: number | null;
}

/** Add or edit one question; posts `section=question` with `intent` add or save. */
export function QuestionForm(props: {
  failure: ActionFailure | undefined;
  stored?: QuestionFormValues;
  questionId?: string;
  submitLabel: string;
  cancelHref?: string;
}) {
  const t = useT();
  const { failure, stored } = props;
  const f = (key: string) => t(`${S}.questionFields.${key}`);
  const storedOptions =
    stored && (stored.type === "single" || stored.type === "multiple")
      ? stored.options.map((option) => option.label).join("\n")
      : "";
  const requiredTyped = failure ? failure.values.required !== undefined : stored?.required;
  return (
    <>
      <FormErrors failure={failure} />
      <Form method="post" className="form" noValidate>
        <CsrfField />
        <input type="hidden" name="section" value="question" />
        {props.questionId ? (
          <input type="hidden" name="questionId" value={props.questionId} />
        ) : null}
        <SelectField
          name="type"
          label={f("type")}
          options={questionTypes.map((type) => ({ value: type, label: t(`${S}.types.${type}`) }))}
          defaultValue={valueOf(failure, "type", stored?.type ?? "likert")}
          error={failure?.fieldErrors.type}
          required
        />
        <TextField
          name="theme"
          label={f("theme")}
          help={f("themeHelp")}
          defaultValue={valueOf(failure, "theme", stored?.theme)}
          error={failure?.fieldErrors.theme}
          maxLength={QUESTION_THEME_MAX}
        />
        <TextAreaField
          name="prompt"
          label={f("prompt")}
          defaultValue={valueOf(failure, "prompt", stored?.prompt)}
          error={failure?.fieldErrors.prompt}
          maxLength={QUESTION_PROMPT_MAX}
          rows={2}
          required
        />
        <TextAreaField
          name="help"
          label={f("help")}
          help={f("helpHelp")}
          defaultValue={valueOf(failure, "help", stored?.help)}
          error={failure?.fieldErrors.help}
          maxLength={QUESTION_HELP_MAX}
          rows={2}
        />
        <TextAreaField
          name="options"
          label={f("options")}
          help={f("optionsHelp")}
          defaultValue={valueOf(failure, "options", storedOptions)}
          error={failure?.fieldErrors.options}
          maxLength={OPTIONS_MAX * 210}
          rows={5}
        />
        <TextField
          name="minValue"
          label={f("minValue")}
          help={f("numberHelp")}
          defaultValue={valueOf(failure, "minValue", stored?.minValue?.toString())}
          error={failure?.fieldErrors.minValue}
        />
        <TextField
          name="maxValue"
          label={f("maxValue")}
          defaultValue={valueOf(failure, "maxValue", stored?.maxValue?.toString())}
          error={failure?.fieldErrors.maxValue}
        />
        <CheckboxGroup
          name="required"
          legend={f("required")}
          options={[{ value: "on", label: f("required") }]}
          checked={requiredTyped ? ["on"] : []}
        />
        <div className="form__actions">
          <Button
            type="submit"
            name="intent"
            value={props.questionId ? "saveQuestion" : "addQuestion"}
          >
            {props.submitLabel}
          </Button>
          {props.cancelHref ? (
            <Button asChild variant="tertiary">
              <a href={props.cancelHref}>{t(`${S}.builder.cancelEdit`)}</a>
            </Button>
          ) : null}
        </div>
      </Form>
    </>
  );
}

export interface AnswerFormQuestion {
  id: string;
  type: QuestionType;
  theme: string;
  prompt: string;
  help: string;
  options: { key: string; label: string }[];
  required: boolean;
  minValue: number | null;
  maxValue: number | null;
}

function numberHelp(
  t: (key: string, options?: Record<string, unknown>) => string,
  question: AnswerFormQuestion,
): string {
  const { minValue: min, maxValue: max } = question;
  if (min !== null && max !== null) return t(`${S}.answer.numberRange`, { min, max });
  if (min !== null) return t(`${S}.answer.numberMin`, { min });
  if (max !== null) return t(`${S}.answer.numberMax`, { max });
  return t(`${S}.answer.numberAny`);
}

/**
 * The answer form: the questions in order, grouped under their theme as headings, filled in
 * with what was typed (after a failed post) or the saved draft; «Lagre utkast» and «Send inn».
 */
export function AnswerForm(props: {
  questions: AnswerFormQuestion[];
  draft: DraftValues;
  failure: ActionFailure | undefined;
  unitOptions?: { id: string; name: string }[];
  headingLevel?: 2 | 3;
}) {
  const t = useT();
  const { failure, draft } = props;
  const storedText = (id: string) => {
    const value = draft[id];
    return Array.isArray(value) ? value[0] : value;
  };
  const storedList = (id: string) => {
    const value = draft[id];
    return value === undefined ? [] : Array.isArray(value) ? value : [value];
  };
  const units = props.unitOptions ?? [];
  return (
    <>
      <FormErrors failure={failure} />
      <Form method="post" className="form" noValidate>
        <CsrfField />
        {units.length > 1 ? (
          <RadioGroup
            name="unitId"
            legend={t(`${S}.answer.unitLegend`)}
            description={t(`${S}.answer.unitHelp`)}
            options={units.map((unit) => ({ value: unit.id, label: unit.name }))}
            checked={valueOf(failure, "unitId", storedText("unitId"))}
            error={failure?.fieldErrors.unitId}
            required
          />
        ) : null}
        {props.questions.map((question, index) => {
          const previousTheme = index > 0 ? props.questions[index - 1]!.theme : "";
          const name = answerField(question.id);
          const error = failure?.fieldErrors[name];
          const themeHeading =
            question.theme && question.theme !== previousTheme ? (
              <Heading level={props.headingLevel ?? 2} data-size="sm">
                {question.theme}
              </Heading>
            ) : null;
          const options = question.options.map((option) => ({
            value: option.key,
            label: option.label,
          }));
          let field;
          switch (question.type) {
            case "single":
            case "likert":
              field = (
                <RadioGroup
                  name={name}
                  legend={question.prompt}
                  {...(question.help ? { description: question.help } : {})}
                  options={options}
                  checked={valueOf(failure, name, storedText(question.id))}
                  error={error}
                  required={question.required}
                />
              );
              break;
            case "multiple":
              field = (
                <CheckboxGroup
                  name={name}
                  legend={question.prompt}
                  {...(question.help ? { description: question.help } : {})}
                  options={options}
                  checked={valuesOf(failure, name, storedList(question.id))}
                  error={error}
                  required={question.required}
                />
              );
              break;
            case "number":
              field = (
                <TextField
                  name={name}
                  label={question.prompt}
                  help={[question.help, numberHelp(t, question)].filter(Boolean).join(" ")}
                  defaultValue={valueOf(failure, name, storedText(question.id))}
                  error={error}
                  required={question.required}
                />
              );
              break;
            case "text":
              field = (
                <TextAreaField
                  name={name}
                  label={question.prompt}
                  {...(question.help ? { help: question.help } : {})}
                  defaultValue={valueOf(failure, name, storedText(question.id))}
                  error={error}
                  maxLength={TEXT_ANSWER_MAX}
                  required={question.required}
                />
              );
              break;
          }
          return (
            <div key={question.id} className="survey-question">
              {themeHeading}
              {field}
            </div>
          );
        })}
        <div className="form__actions">
          <Button type="submit" name="intent" value="submit">
            {t(`${S}.answer.submit`)}
          </Button>
          <Button type="submit" name="intent" value="draft" variant="secondary">
            {t(`${S}.answer.saveDraft`)}
          </Button>
        </div>
      </Form>
    </>
  );
}

/** The survey's introduction as paragraphs (blank lines split them). */
export function Introduction({ text }: { text: string }) {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((part) => part.trim())
    .filter(Boolean);
  return (
    <>
      {paragraphs.map((part, index) => (
        <Paragraph key={index}>{part}</Paragraph>
      ))}
    </>
  );
}
