import {
  Alert,
  ErrorSummary,
  Field,
  Fieldset,
  Input,
  Label,
  Paragraph,
  Select,
  ValidationMessage,
} from "@digdir/designsystemet-react";
import type { ReactNode } from "react";
import { useRouteLoaderData } from "react-router";
import { useT } from "../lib/i18n.tsx";
import type { ActionFailure } from "../lib/route-helpers.ts";
import type { RootData } from "../root.tsx";

/** The hidden CSRF field every POST form carries. */
export function CsrfField() {
  const root = useRouteLoaderData<RootData>("root");
  return <input type="hidden" name="_csrf" value={root?.csrfToken ?? ""} />;
}

function errorId(name: string) {
  return `${name}-feil`;
}

function helpId(name: string) {
  return `${name}-hjelp`;
}

/**
 * Label, input, help text and error composed by hand (not Textfield), so the label and the
 * error are linked in the server HTML too, before any JavaScript runs (STACK-NOTES trap 4).
 */
export function TextField(props: {
  name: string;
  label: string;
  defaultValue?: string | undefined;
  error?: string | undefined;
  help?: string;
  type?: "text" | "email" | "password" | "number" | "search" | "tel";
  required?: boolean;
  autoComplete?: string;
  maxLength?: number;
  min?: number;
  max?: number;
}) {
  const t = useT();
  const describedBy = [
    props.help ? helpId(props.name) : null,
    props.error ? errorId(props.name) : null,
  ]
    .filter(Boolean)
    .join(" ");
  return (
    <Field>
      <Label htmlFor={props.name}>
        {props.label}
        {props.required ? <span className="required-marker"> ({t("common.required")})</span> : null}
      </Label>
      {props.help ? (
        <Paragraph data-size="sm" id={helpId(props.name)}>
          {props.help}
        </Paragraph>
      ) : null}
      <Input
        id={props.name}
        name={props.name}
        type={props.type ?? "text"}
        defaultValue={props.defaultValue}
        required={props.required}
        autoComplete={props.autoComplete}
        maxLength={props.maxLength}
        min={props.min}
        max={props.max}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
      {props.error ? (
        <ValidationMessage id={errorId(props.name)}>{t(props.error)}</ValidationMessage>
      ) : null}
    </Field>
  );
}

export function SelectField(props: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  defaultValue?: string | undefined;
  error?: string | undefined;
  help?: string;
  placeholder?: string;
  required?: boolean;
}) {
  const t = useT();
  const describedBy = [
    props.help ? helpId(props.name) : null,
    props.error ? errorId(props.name) : null,
  ]
    .filter(Boolean)
    .join(" ");
  return (
    <Field>
      <Label htmlFor={props.name}>
        {props.label}
        {props.required ? <span className="required-marker"> ({t("common.required")})</span> : null}
      </Label>
      {props.help ? (
        <Paragraph data-size="sm" id={helpId(props.name)}>
          {props.help}
        </Paragraph>
      ) : null}
      <Select
        id={props.name}
        name={props.name}
        defaultValue={props.defaultValue ?? ""}
        required={props.required}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy || undefined}
      >
        {props.placeholder ? (
          <option value="" disabled>
            {props.placeholder}
          </option>
        ) : null}
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </Select>
      {props.error ? (
        <ValidationMessage id={errorId(props.name)}>{t(props.error)}</ValidationMessage>
      ) : null}
    </Field>
  );
}

/**
 * A group of checkboxes posting repeated values under one name. Each box gets `Label htmlFor`
 * by hand (not Designsystemet's Checkbox, whose label is linked only once JavaScript runs).
 */
export function CheckboxGroup(props: {
  name: string;
  legend: string;
  description?: string;
  options: { value: string; label: string }[];
  checked: string[];
  error?: string | undefined;
  required?: boolean;
}) {
  return <ChoiceGroup {...props} type="checkbox" />;
}

/** Radio buttons for one choice, composed like CheckboxGroup so they work before hydration. */
export function RadioGroup(props: {
  name: string;
  legend: string;
  description?: string;
  options: { value: string; label: string }[];
  checked: string | undefined;
  error?: string | undefined;
  required?: boolean;
}) {
  return (
    <ChoiceGroup
      {...props}
      checked={props.checked === undefined ? [] : [props.checked]}
      type="radio"
    />
  );
}

function ChoiceGroup(props: {
  type: "checkbox" | "radio";
  name: string;
  legend: string;
  description?: string;
  options: { value: string; label: string }[];
  checked: string[];
  error?: string | undefined;
  required?: boolean;
}) {
  const t = useT();
  const describedBy = [
    props.description ? helpId(props.name) : null,
    props.error ? errorId(props.name) : null,
  ]
    .filter(Boolean)
    .join(" ");
  return (
    <Fieldset id={props.name} aria-describedby={describedBy || undefined}>
      <Fieldset.Legend>
        {props.legend}
        {props.required ? <span className="required-marker"> ({t("common.required")})</span> : null}
      </Fieldset.Legend>
      {props.description ? (
        <Fieldset.Description id={helpId(props.name)}>{props.description}</Fieldset.Description>
      ) : null}
      {props.options.map((option) => {
        const id = `${props.name}-${option.value}`;
        return (
          <Field key={option.value}>
            <Input
              type={props.type}
              id={id}
              name={props.name}
              value={option.value}
              defaultChecked={props.checked.includes(option.value)}
              aria-invalid={props.error ? true : undefined}
            />
            <Label htmlFor={id} weight="regular">
              {option.label}
            </Label>
          </Field>
        );
      })}
      {props.error ? (
        <ValidationMessage id={errorId(props.name)}>{t(props.error)}</ValidationMessage>
      ) : null}
    </Fieldset>
  );
}

/** Lists every field error at the top of the form, each linking to its field. */
export function FormErrors({ failure }: { failure: ActionFailure | undefined }) {
  const t = useT();
  if (!failure) return null;
  const entries = Object.entries(failure.fieldErrors);
  if (entries.length === 0) {
    return (
      <Alert data-color="danger" role="alert">
        {t(failure.messageKey)}
      </Alert>
    );
  }
  return (
    <ErrorSummary>
      <ErrorSummary.Heading>{t("common.errorSummary")}</ErrorSummary.Heading>
      <ErrorSummary.List>
        {entries.map(([field, key]) => (
          <ErrorSummary.Item key={field}>
            <ErrorSummary.Link href={`#${field}`}>{t(key)}</ErrorSummary.Link>
          </ErrorSummary.Item>
        ))}
      </ErrorSummary.List>
    </ErrorSummary>
  );
}

/** A success notice after a redirect (`?melding=key`). */
export function Notice({ children }: { children: ReactNode }) {
  return (
    <Alert data-color="success" role="status">
      {children}
    </Alert>
  );
}

/** Reads the value the user typed (after a failed post) or the stored one. */
export function valueOf(
  failure: ActionFailure | undefined,
  name: string,
  stored?: string | null,
): string | undefined {
  const typed = failure?.values[name];
  if (typed !== undefined) return Array.isArray(typed) ? typed[0] : typed;
  return stored ?? undefined;
}

export function valuesOf(
  failure: ActionFailure | undefined,
  name: string,
  stored: string[],
): string[] {
  if (!failure) return stored;
  const typed = failure.values[name];
  if (typed === undefined) return [];
  return Array.isArray(typed) ? typed : [typed];
}
