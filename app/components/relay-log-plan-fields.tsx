import {
  Field,
  Fieldset,
  Input,
  Label,
  Paragraph,
  Textarea,
  ValidationMessage,
} from "@digdir/designsystemet-react";
import type { ReactNode } from "react";
import { formatScore, goalScores } from "../../core/relay-log/plan-rules.ts";
import { useT } from "../lib/i18n.tsx";

/** The catalog key of a point on the goal-attainment scale. */
export function scaleKey(score: number): string {
  const names: Record<number, string> = { [-2]: "m2", [-1]: "m1", 0: "zero", 1: "p1", 2: "p2" };
  return `relayLog.plan.evaluation.scale.${names[score] ?? "zero"}`;
}

/**
 * A native date input composed like TextField, so label, help and error link without JavaScript.
 * `id` defaults to the name; forms repeated on one page (one per row) give each its own.
 */
export function DateField(props: {
  name: string;
  id?: string;
  label: ReactNode;
  defaultValue?: string | undefined;
  error?: string | undefined;
  help?: string | undefined;
  required?: boolean;
  max?: string | undefined;
}) {
  const t = useT();
  const id = props.id ?? props.name;
  const helpId = `${id}-hjelp`;
  const errorId = `${id}-feil`;
  const describedBy = [props.help ? helpId : null, props.error ? errorId : null]
    .filter(Boolean)
    .join(" ");
  return (
    <Field>
      <Label htmlFor={id}>
        {props.label}
        {props.required ? <span className="required-marker"> ({t("common.required")})</span> : null}
      </Label>
      {props.help ? (
        <Paragraph data-size="sm" id={helpId}>
          {props.help}
        </Paragraph>
      ) : null}
      <Input
        id={id}
        name={props.name}
        type="date"
        defaultValue={props.defaultValue}
        required={props.required}
        max={props.max}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
      {props.error ? <ValidationMessage id={errorId}>{t(props.error)}</ValidationMessage> : null}
    </Field>
  );
}

/** A labelled textarea (like TextField) that can be marked required; links label and error without JavaScript. */
export function TextAreaField(props: {
  name: string;
  label: string;
  defaultValue?: string | undefined;
  error?: string | undefined;
  help?: string;
  maxLength: number;
  required?: boolean;
  rows?: number;
}) {
  const t = useT();
  const helpId = `${props.name}-hjelp`;
  const errorId = `${props.name}-feil`;
  const describedBy = [props.help ? helpId : null, props.error ? errorId : null]
    .filter(Boolean)
    .join(" ");
  return (
    <Field>
      <Label htmlFor={props.name}>
        {props.label}
        {props.required ? <span className="required-marker"> ({t("common.required")})</span> : null}
      </Label>
      {props.help ? (
        <Paragraph data-size="sm" id={helpId}>
          {props.help}
        </Paragraph>
      ) : null}
      <Textarea
        id={props.name}
        name={props.name}
        rows={props.rows ?? 4}
        defaultValue={props.defaultValue}
        maxLength={props.maxLength}
        required={props.required}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
      {props.error ? <ValidationMessage id={errorId}>{t(props.error)}</ValidationMessage> : null}
    </Field>
  );
}

/**
 * One goal in the held-evaluation form: a fieldset whose legend is the goal, the expected
 * outcome as its description, the five scale points as radio buttons and the comment.
 */
export function ScoreFieldset(props: {
  name: string;
  legend: string;
  description: string | null;
  checked: string | undefined;
  error?: string | undefined;
  children?: ReactNode;
}) {
  const t = useT();
  const descriptionId = `${props.name}-hjelp`;
  const errorId = `${props.name}-feil`;
  const describedBy = [props.description ? descriptionId : null, props.error ? errorId : null]
    .filter(Boolean)
    .join(" ");
  return (
    <Fieldset
      id={props.name}
      aria-describedby={describedBy || undefined}
      className="relay-eval-goal"
    >
      <Fieldset.Legend>{props.legend}</Fieldset.Legend>
      {props.description ? (
        <Fieldset.Description id={descriptionId}>{props.description}</Fieldset.Description>
      ) : null}
      {goalScores.map((score) => {
        const id = `${props.name}-${score < 0 ? `m${-score}` : `p${score}`}`;
        return (
          <Field key={score}>
            <Input
              type="radio"
              id={id}
              name={props.name}
              value={String(score)}
              defaultChecked={props.checked === String(score)}
              aria-invalid={props.error ? true : undefined}
            />
            <Label htmlFor={id} weight="regular">
              {t(scaleKey(score))}
            </Label>
          </Field>
        );
      })}
      {props.error ? <ValidationMessage id={errorId}>{t(props.error)}</ValidationMessage> : null}
      {props.children}
    </Fieldset>
  );
}

/**
 * A small picture of scores over time: one bar per score, up for better than expected and down
 * for worse, each with its number printed beside it. Decoration only (aria-hidden): the table
 * cell beside it says the same in words, so nothing depends on the picture or on colour.
 */
export function ScoreTrail({ scores }: { scores: number[] }) {
  return (
    <span className="relay-score-trail" aria-hidden="true">
      {scores.map((score, index) => (
        <span
          key={index}
          className={`relay-score-bar relay-score-bar--${score < 0 ? `m${-score}` : `p${score}`}`}
        >
          <span className="relay-score-bar__value">{formatScore(score)}</span>
        </span>
      ))}
    </span>
  );
}
