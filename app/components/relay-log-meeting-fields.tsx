import {
  Field,
  Input,
  Label,
  Paragraph,
  Tag,
  Textarea,
  ValidationMessage,
} from "@digdir/designsystemet-react";
import type { MeetingSummary } from "../../core/relay-log/meetings.ts";
import { useT } from "../lib/i18n.tsx";
import { Pager as GenericPager } from "./pager.tsx";

/**
 * Form fields of the meetings and handover pages, composed like forms.tsx's TextField (label,
 * help and error linked in the server HTML). `id` may differ from `name`, so the same field can
 * appear once per item on a page (the handover inbox) without duplicate ids.
 */
function describedBy(id: string, help?: string, error?: string): string | undefined {
  return (
    [help ? `${id}-hjelp` : null, error ? `${id}-feil` : null].filter(Boolean).join(" ") ||
    undefined
  );
}

function FieldLabel(props: { id: string; label: string; required?: boolean }) {
  const t = useT();
  return (
    <Label htmlFor={props.id}>
      {props.label}
      {props.required ? <span className="required-marker"> ({t("common.required")})</span> : null}
    </Label>
  );
}

/** A native date or time input (the browser's picker; posts YYYY-MM-DD or HH:MM). */
export function ClockField(props: {
  name: string;
  id?: string;
  type: "date" | "time";
  label: string;
  defaultValue?: string | undefined;
  error?: string | undefined;
  help?: string;
  required?: boolean;
}) {
  const t = useT();
  const id = props.id ?? props.name;
  return (
    <Field>
      <FieldLabel id={id} label={props.label} required={props.required} />
      {props.help ? (
        <Paragraph data-size="sm" id={`${id}-hjelp`}>
          {props.help}
        </Paragraph>
      ) : null}
      <Input
        id={id}
        name={props.name}
        type={props.type}
        defaultValue={props.defaultValue}
        required={props.required}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props.help, props.error)}
      />
      {props.error ? (
        <ValidationMessage id={`${id}-feil`}>{t(props.error)}</ValidationMessage>
      ) : null}
    </Field>
  );
}

export function LongTextField(props: {
  name: string;
  id?: string;
  label: string;
  defaultValue?: string | undefined;
  error?: string | undefined;
  help?: string;
  required?: boolean;
  maxLength: number;
  rows?: number;
}) {
  const t = useT();
  const id = props.id ?? props.name;
  return (
    <Field>
      <FieldLabel id={id} label={props.label} required={props.required} />
      {props.help ? (
        <Paragraph data-size="sm" id={`${id}-hjelp`}>
          {props.help}
        </Paragraph>
      ) : null}
      <Textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 4}
        defaultValue={props.defaultValue}
        maxLength={props.maxLength}
        required={props.required}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props.help, props.error)}
      />
      {props.error ? (
        <ValidationMessage id={`${id}-feil`}>{t(props.error)}</ValidationMessage>
      ) : null}
    </Field>
  );
}

/** A single checkbox with its label, e.g. "Jeg bekrefter …". */
export function CheckField(props: {
  name: string;
  id?: string;
  label: string;
  help?: string;
  defaultChecked?: boolean;
  error?: string | undefined;
}) {
  const t = useT();
  const id = props.id ?? props.name;
  return (
    <Field>
      <Input
        type="checkbox"
        id={id}
        name={props.name}
        defaultChecked={props.defaultChecked}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props.help, props.error)}
      />
      <Label htmlFor={id} weight="regular">
        {props.label}
      </Label>
      {props.help ? (
        <Paragraph data-size="sm" id={`${id}-hjelp`}>
          {props.help}
        </Paragraph>
      ) : null}
      {props.error ? (
        <ValidationMessage id={`${id}-feil`}>{t(props.error)}</ValidationMessage>
      ) : null}
    </Field>
  );
}

/** Previous/next links with the position in words: plain links, so they work without JavaScript. */
/** The generic Pager with the relay log's own texts (meetings, handovers). */
export function Pager(props: {
  label: string;
  page: number;
  pages: number;
  href: (page: number) => string;
}) {
  const t = useT();
  return (
    <GenericPager
      {...props}
      previousText={t("relayLog.meetings.previous")}
      nextText={t("relayLog.meetings.next")}
      positionText={t("relayLog.meetings.pageOf", { page: props.page, pages: props.pages })}
    />
  );
}

/** dd.mm.yyyy from YYYY-MM-DD. */
export function norwegianDate(isoDate: string): string {
  const [year, month, day] = isoDate.slice(0, 10).split("-");
  return `${day}.${month}.${year}`;
}

/** A meeting's status in words (the colour only repeats it). */
export function MeetingStatusTag(props: { meeting: Pick<MeetingSummary, "status" | "over"> }) {
  const t = useT();
  const { meeting } = props;
  if (meeting.status === "planned" && meeting.over) {
    return <Tag data-color="warning">{t("relayLog.meetings.status.missingMinutes")}</Tag>;
  }
  const color =
    meeting.status === "cancelled" ? "neutral" : meeting.status === "held" ? "success" : "info";
  return <Tag data-color={color}>{t(`relayLog.meetings.status.${meeting.status}`)}</Tag>;
}
