import {
  Alert,
  Field,
  Heading,
  Input,
  Label,
  Link as DsLink,
  Paragraph,
  Textarea,
  ValidationMessage,
} from "@digdir/designsystemet-react";
import { daysLeft, WORRY_TEXT_MAX } from "../../core/guide/worry-rules.ts";
import { useT } from "../lib/i18n.tsx";

/** A labelled textarea composed by hand (like TextField), so label and error link without JavaScript. */
export function TextAreaField(props: {
  name: string;
  label: string;
  defaultValue?: string | undefined;
  error?: string | undefined;
  help?: string;
  maxLength?: number;
}) {
  const t = useT();
  const helpId = `${props.name}-hjelp`;
  const errorId = `${props.name}-feil`;
  const describedBy = [props.help ? helpId : null, props.error ? errorId : null]
    .filter(Boolean)
    .join(" ");
  return (
    <Field>
      <Label htmlFor={props.name}>{props.label}</Label>
      {props.help ? (
        <Paragraph data-size="sm" id={helpId}>
          {props.help}
        </Paragraph>
      ) : null}
      <Textarea
        id={props.name}
        name={props.name}
        rows={4}
        defaultValue={props.defaultValue}
        maxLength={props.maxLength ?? WORRY_TEXT_MAX}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
      {props.error ? <ValidationMessage id={errorId}>{t(props.error)}</ValidationMessage> : null}
    </Field>
  );
}

/**
 * The warning shown when a text looks like it names the child: which fields, why, and the
 * checkbox to go on anyway once the employee has removed what identifies the child.
 */
export function IdentifyingWarning(props: {
  warnings: Record<string, string>;
  fieldLabel: (field: string) => string;
}) {
  const t = useT();
  const entries = Object.entries(props.warnings);
  if (entries.length === 0) return null;
  return (
    <Alert data-color="warning" role="alert">
      <Heading level={2} data-size="xs">
        {t("worry.warning.heading")}
      </Heading>
      <Paragraph>{t("worry.warning.intro")}</Paragraph>
      <ul>
        {entries.map(([field, key]) => (
          <li key={field}>
            <a href={`#${field}`}>{props.fieldLabel(field)}</a>: {t(key)}
          </li>
        ))}
      </ul>
      <Field>
        <Input
          type="checkbox"
          id="confirmedClean"
          name="confirmedClean"
          value="on"
          aria-describedby="confirmedClean-hjelp"
        />
        <Label htmlFor="confirmedClean" weight="regular">
          {t("worry.confirmClean")}
        </Label>
        <Paragraph data-size="sm" id="confirmedClean-hjelp">
          {t("worry.confirmCleanHelp")}
        </Paragraph>
      </Field>
    </Alert>
  );
}

/** "Frist om 3 dager", "Frist i dag" or "Fristen gikk ut for 2 dager siden": always as text. */
export function useDeadlineLabel(): (deadline: string, today: string) => string {
  const t = useT();
  return (deadline, today) => {
    const left = daysLeft(deadline, today);
    if (left === 0) return t("worry.dueToday");
    if (left > 0) return t("worry.daysLeft", { count: left });
    return t("worry.overdue", { count: -left });
  };
}

/** "Frist om 2 dager" for each open note whose reminder has gone out (start page, Mine bekymringer). */
export function WorryReminders({
  reminders,
  today,
}: {
  reminders: { id: string; pseudonym: string; deadline: string }[];
  today: string;
}) {
  const t = useT();
  const deadlineLabel = useDeadlineLabel();
  if (reminders.length === 0) return null;
  return (
    <Alert data-color="warning">
      <Heading level={2} data-size="xs">
        {t("worry.reminderHeading")}
      </Heading>
      <ul>
        {reminders.map((note) => (
          <li key={note.id}>
            <DsLink href={`/mine-bekymringer/${note.id}`}>
              {t("worry.reminderLine", {
                pseudonym: note.pseudonym,
                due: deadlineLabel(note.deadline, today),
              })}
            </DsLink>
          </li>
        ))}
      </ul>
    </Alert>
  );
}

/** A date (YYYY-MM-DD) as Norwegian people write it: 14.03.2026. */
export function formatDate(isoDate: string): string {
  const [year, month, day] = isoDate.split("-");
  return `${day}.${month}.${year}`;
}
