import {
  Alert,
  Field,
  Heading,
  Input,
  Label,
  Paragraph,
  ValidationMessage,
} from "@digdir/designsystemet-react";
import { useT } from "../lib/i18n.tsx";
import type { ActionFailure } from "../lib/route-helpers.ts";

/** Shared pieces of the relay log's special-case pages (anonymous, next of kin, child welfare). */

/** The identity check's warnings (`worry.warning.*`) among a failure's field errors. */
export function identityWarnings(failure: ActionFailure | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(failure?.fieldErrors ?? {}).filter(([, key]) =>
      key.startsWith("worry.warning."),
    ),
  );
}

/**
 * The warning shown when a text looks like a name, an ID number or a birth date: which fields,
 * why, and the checkbox to go on anyway. Texts come from the caller's catalog keys.
 */
export function IdentityCheck(props: {
  warnings: Record<string, string>;
  fieldLabel: (field: string) => string;
  headingKey: string;
  introKey: string;
  confirmKey: string;
}) {
  const t = useT();
  const entries = Object.entries(props.warnings);
  if (entries.length === 0) return null;
  return (
    <Alert data-color="warning" role="alert">
      <Heading level={2} data-size="xs">
        {t(props.headingKey)}
      </Heading>
      <Paragraph>{t(props.introKey)}</Paragraph>
      <ul>
        {entries.map(([field, key]) => (
          <li key={field}>
            <a href={`#${field}`}>{props.fieldLabel(field)}</a>: {t(key)}
          </li>
        ))}
      </ul>
      <Field>
        <Input type="checkbox" id="confirmedClean" name="confirmedClean" value="on" />
        <Label htmlFor="confirmedClean" weight="regular">
          {t(props.confirmKey)}
        </Label>
      </Field>
    </Alert>
  );
}

/** "2026-03-14" → "14.03.2026"; anything else is shown as it is. */
export function norwegianDate(value: string | null | undefined): string {
  if (!value) return "";
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return match ? `${match[3]}.${match[2]}.${match[1]}` : value;
}

/** One checkbox with its label and error, composed by hand so it works before hydration. */
export function CheckboxField(props: {
  name: string;
  label: string;
  defaultChecked?: boolean;
  error?: string | undefined;
}) {
  const t = useT();
  const errorId = `${props.name}-feil`;
  return (
    <Field>
      <Input
        type="checkbox"
        id={props.name}
        name={props.name}
        value="on"
        defaultChecked={props.defaultChecked}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? errorId : undefined}
      />
      <Label htmlFor={props.name} weight="regular">
        {props.label}
      </Label>
      {props.error ? <ValidationMessage id={errorId}>{t(props.error)}</ValidationMessage> : null}
    </Field>
  );
}
