import { Field, Input, Label, Paragraph, ValidationMessage } from "@digdir/designsystemet-react";
import { useT } from "../lib/i18n.tsx";

/**
 * Form fields of the relay log's consent and participants pages, composed like TextField in
 * forms.tsx (label, help and error linked in the server HTML, before any JavaScript runs).
 */

function describedBy(name: string, help: boolean, error: boolean): string | undefined {
  const ids = [help ? `${name}-hjelp` : null, error ? `${name}-feil` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

function FieldLabel(props: { name: string; label: string; required?: boolean | undefined }) {
  const t = useT();
  return (
    <Label htmlFor={props.name}>
      {props.label}
      {props.required ? <span className="required-marker"> ({t("common.required")})</span> : null}
    </Label>
  );
}

function Help(props: { name: string; help?: string | undefined }) {
  return props.help ? (
    <Paragraph data-size="sm" id={`${props.name}-hjelp`}>
      {props.help}
    </Paragraph>
  ) : null;
}

function FieldError(props: { name: string; error?: string | undefined }) {
  const t = useT();
  return props.error ? (
    <ValidationMessage id={`${props.name}-feil`}>{t(props.error)}</ValidationMessage>
  ) : null;
}

/** A native date input (the browser's own calendar; YYYY-MM-DD on the wire). */
export function ConsentDateField(props: {
  name: string;
  label: string;
  defaultValue?: string | undefined;
  error?: string | undefined;
  help?: string;
  required?: boolean;
  max?: string;
  min?: string;
}) {
  return (
    <Field>
      <FieldLabel name={props.name} label={props.label} required={props.required} />
      <Help name={props.name} help={props.help} />
      <Input
        id={props.name}
        name={props.name}
        type="date"
        defaultValue={props.defaultValue}
        required={props.required}
        max={props.max}
        min={props.min}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(props.name, Boolean(props.help), Boolean(props.error))}
      />
      <FieldError name={props.name} error={props.error} />
    </Field>
  );
}

/** A file input; the form around it must post multipart/form-data. */
export function FileField(props: {
  name: string;
  label: string;
  accept: string;
  error?: string | undefined;
  help?: string;
}) {
  return (
    <Field>
      <FieldLabel name={props.name} label={props.label} />
      <Help name={props.name} help={props.help} />
      <input
        id={props.name}
        name={props.name}
        type="file"
        accept={props.accept}
        className="relay-consent-file"
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(props.name, Boolean(props.help), Boolean(props.error))}
      />
      <FieldError name={props.name} error={props.error} />
    </Field>
  );
}

/** One "Jeg bekrefter …" checkbox that a destructive action needs ticked. */
export function ConfirmCheckbox(props: {
  name?: string;
  label: string;
  error?: string | undefined;
}) {
  const name = props.name ?? "confirm";
  return (
    <Field>
      <Input
        type="checkbox"
        id={name}
        name={name}
        value="on"
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${name}-feil` : undefined}
      />
      <Label htmlFor={name} weight="regular">
        {props.label}
      </Label>
      <FieldError name={name} error={props.error} />
    </Field>
  );
}

/** A single checkbox for a yes/no choice that is not a confirmation. */
export function SingleCheckbox(props: {
  name: string;
  label: string;
  checked: boolean;
  error?: string | undefined;
}) {
  return (
    <Field>
      <Input
        type="checkbox"
        id={props.name}
        name={props.name}
        value="on"
        defaultChecked={props.checked}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${props.name}-feil` : undefined}
      />
      <Label htmlFor={props.name} weight="regular">
        {props.label}
      </Label>
      <FieldError name={props.name} error={props.error} />
    </Field>
  );
}
