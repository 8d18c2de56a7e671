import { Button, Link as DsLink, Paragraph, Tag } from "@digdir/designsystemet-react";
import { Form, Link, useRouteLoaderData } from "react-router";
import {
  documentAccept,
  fileSizeText,
  materialKinds,
  MATERIAL_TEXT_MAX,
  MATERIAL_TITLE_MAX,
  MATERIAL_URL_MAX,
  type MaterialKind,
} from "../../core/implementation/competence-rules.ts";
import {
  EVENT_DESCRIPTION_MAX,
  EVENT_PLACE_MAX,
  EVENT_TITLE_MAX,
  trainingEventKinds,
  type RegistrationState,
} from "../../core/implementation/training-rules.ts";
import { htmlLang, type Language } from "../../i18n/index.ts";
import { useT } from "../lib/i18n.tsx";
import type { ActionFailure } from "../lib/route-helpers.ts";
import type { RootData } from "../root.tsx";
import { CsrfField, FormErrors, RadioGroup, SelectField, TextField, valueOf } from "./forms.tsx";
import { ClockField, LongTextField } from "./relay-log-meeting-fields.tsx";
import { FileField } from "./relay-log-consent-fields.tsx";

/**
 * Pieces shared by the training pages (implementation.training.*, training.*) and the
 * competence portal (implementation.competence.*, competence.*): the event and material
 * forms, an event's facts, and how dates and states are written.
 */

const T = "implementation.training";

export function useLanguage(): Language {
  return useRouteLoaderData<RootData>("root")?.language ?? "nb";
}

const dateFormats = new Map<Language, Intl.DateTimeFormat>();

/** A calendar day as the reader's language writes it: "tirsdag 14. april 2026". */
export function formatDay(isoDate: string, language: Language): string {
  let format = dateFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(htmlLang[language], {
      weekday: "long",
      day: "numeric",
      month: "long",
      year: "numeric",
      timeZone: "UTC",
    });
    dateFormats.set(language, format);
  }
  const [year, month, day] = isoDate.split("-").map(Number) as [number, number, number];
  return format.format(new Date(Date.UTC(year, month - 1, day)));
}

/** Plain text typed in a form, shown as paragraphs (blank lines split them). */
export function PlainText({ text }: { text: string }) {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((part) => part.trim())
    .filter(Boolean);
  return (
    <>
      {paragraphs.map((part, index) => (
        <Paragraph key={index}>
          {part.split("\n").map((line, lineIndex) => (
            <span key={lineIndex}>
              {lineIndex > 0 ? <br /> : null}
              {line}
            </span>
          ))}
        </Paragraph>
      ))}
    </>
  );
}

const stateColor: Record<RegistrationState, "success" | "warning" | "neutral" | "info" | "danger"> =
  {
    cancelled: "danger",
    over: "neutral",
    started: "info",
    registered: "success",
    full: "warning",
    deadlinePassed: "warning",
    open: "info",
  };

/** The person's state with an event, in words (never colour alone). */
export function StateTag({ state }: { state: RegistrationState }) {
  const t = useT();
  return <Tag data-color={stateColor[state]}>{t(`${T}.state.${state}`)}</Tag>;
}

export interface EventFactsData {
  kind: string;
  date: string;
  startTime: string;
  endTime: string;
  place: string;
  capacity: number | null;
  registeredCount: number;
  registrationDeadline: string | null;
  componentId: string | null;
  componentTitle: string | null;
}

/** When, where, how many places, the deadline and the core component (with its material). */
export function EventFacts({ event }: { event: EventFactsData }) {
  const t = useT();
  const language = useLanguage();
  return (
    <dl className="details-list">
      <dt>{t(`${T}.fields.kind`)}</dt>
      <dd>{t(`${T}.kinds.${event.kind}`)}</dd>
      <dt>{t(`${T}.facts.when`)}</dt>
      <dd>
        {t(`${T}.facts.whenValue`, {
          date: formatDay(event.date, language),
          from: event.startTime,
          to: event.endTime,
        })}
      </dd>
      <dt>{t(`${T}.fields.place`)}</dt>
      <dd>{event.place}</dd>
      <dt>{t(`${T}.facts.places`)}</dt>
      <dd>
        {event.capacity === null
          ? t(`${T}.facts.placesUnlimited`, { count: event.registeredCount })
          : t(`${T}.facts.placesTaken`, {
              count: event.registeredCount,
              capacity: event.capacity,
            })}
      </dd>
      <dt>{t(`${T}.fields.registrationDeadline`)}</dt>
      <dd>
        {event.registrationDeadline
          ? formatDay(event.registrationDeadline, language)
          : t(`${T}.facts.noDeadline`)}
      </dd>
      <dt>{t(`${T}.fields.component`)}</dt>
      <dd>
        {event.componentId && event.componentTitle ? (
          <>
            {event.componentTitle}{" "}
            <DsLink asChild>
              <Link to={`/kompetanse#komponent-${event.componentId}`}>
                {t(`${T}.facts.componentMaterial`, { component: event.componentTitle })}
              </Link>
            </DsLink>
          </>
        ) : (
          t(`${T}.facts.noComponent`)
        )}
      </dd>
    </dl>
  );
}

export interface StoredEvent {
  title: string;
  kind: string;
  description: string;
  date: string;
  startTime: string;
  endTime: string;
  place: string;
  capacity: number | null;
  registrationDeadline: string | null;
  componentId: string | null;
}

/** The event form (new and edit). Works without JavaScript; keeps what was typed on errors. */
export function EventForm(props: {
  failure: ActionFailure | undefined;
  stored?: StoredEvent;
  components: { id: string; title: string }[];
  submitLabel: string;
  cancelHref: string;
}) {
  const t = useT();
  const { failure, stored } = props;
  const errors = failure?.fieldErrors ?? {};
  const value = (name: keyof StoredEvent) => {
    const saved = stored?.[name];
    return valueOf(
      failure,
      name,
      saved === null || saved === undefined ? undefined : String(saved),
    );
  };
  return (
    <>
      <FormErrors failure={failure} />
      <Form method="post" className="form" noValidate>
        <CsrfField />
        <input type="hidden" name="section" value="event" />
        <TextField
          name="title"
          label={t(`${T}.fields.title`)}
          required
          maxLength={EVENT_TITLE_MAX}
          defaultValue={value("title")}
          error={errors.title}
        />
        <SelectField
          name="kind"
          label={t(`${T}.fields.kind`)}
          required
          placeholder={t(`${T}.fields.kindChoose`)}
          options={trainingEventKinds.map((kind) => ({
            value: kind,
            label: t(`${T}.kinds.${kind}`),
          }))}
          defaultValue={value("kind")}
          error={errors.kind}
        />
        <LongTextField
          name="description"
          label={t(`${T}.fields.description`)}
          help={t(`${T}.fields.descriptionHelp`)}
          maxLength={EVENT_DESCRIPTION_MAX}
          rows={6}
          defaultValue={value("description")}
          error={errors.description}
        />
        <ClockField
          name="date"
          type="date"
          label={t(`${T}.fields.date`)}
          required
          defaultValue={value("date")}
          error={errors.date}
        />
        <ClockField
          name="startTime"
          type="time"
          label={t(`${T}.fields.startTime`)}
          required
          defaultValue={value("startTime")}
          error={errors.startTime}
        />
        <ClockField
          name="endTime"
          type="time"
          label={t(`${T}.fields.endTime`)}
          required
          defaultValue={value("endTime")}
          error={errors.endTime}
        />
        <TextField
          name="place"
          label={t(`${T}.fields.place`)}
          required
          maxLength={EVENT_PLACE_MAX}
          defaultValue={value("place")}
          error={errors.place}
        />
        <TextField
          name="capacity"
          type="number"
          min={1}
          label={t(`${T}.fields.capacity`)}
          help={t(`${T}.fields.capacityHelp`)}
          defaultValue={value("capacity")}
          error={errors.capacity}
        />
        <ClockField
          name="registrationDeadline"
          type="date"
          label={t(`${T}.fields.registrationDeadline`)}
          help={t(`${T}.fields.registrationDeadlineHelp`)}
          defaultValue={value("registrationDeadline")}
          error={errors.registrationDeadline}
        />
        <SelectField
          name="componentId"
          label={t(`${T}.fields.component`)}
          help={t(`${T}.fields.componentHelp`)}
          options={[
            { value: "", label: t(`${T}.fields.componentNone`) },
            ...props.components.map((component) => ({
              value: component.id,
              label: component.title,
            })),
          ]}
          defaultValue={value("componentId") ?? ""}
          error={errors.componentId}
        />
        <div className="form__actions">
          <Button type="submit">{props.submitLabel}</Button>
          <Button asChild variant="tertiary">
            <Link to={props.cancelHref}>{t(`${T}.admin.cancelEdit`)}</Link>
          </Button>
        </div>
      </Form>
    </>
  );
}

export interface StoredMaterial {
  title: string;
  kind: string;
  body: string;
  url: string | null;
  componentId: string | null;
  fileName: string | null;
  fileSize: number | null;
}

/** The material form (multipart, for the document); works without JavaScript. */
export function MaterialForm(props: {
  failure: ActionFailure | undefined;
  stored?: StoredMaterial;
  components: { id: string; title: string }[];
  submitLabel: string;
  cancelHref: string;
}) {
  const t = useT();
  const language = useLanguage();
  const { failure, stored } = props;
  const errors = failure?.fieldErrors ?? {};
  const value = (name: keyof StoredMaterial) => {
    const saved = stored?.[name];
    return valueOf(
      failure,
      name,
      saved === null || saved === undefined ? undefined : String(saved),
    );
  };
  const M = `${T}.materials`;
  return (
    <>
      <FormErrors failure={failure} />
      <Form method="post" encType="multipart/form-data" className="form" noValidate>
        <CsrfField />
        <TextField
          name="title"
          label={t(`${M}.fields.title`)}
          required
          maxLength={MATERIAL_TITLE_MAX}
          defaultValue={value("title")}
          error={errors.title}
        />
        <RadioGroup
          name="kind"
          legend={t(`${M}.fields.kind`)}
          required
          options={materialKinds.map((kind: MaterialKind) => ({
            value: kind,
            label: t(`${M}.kinds.${kind}`),
          }))}
          checked={value("kind") ?? "text"}
          error={errors.kind}
        />
        <SelectField
          name="componentId"
          label={t(`${M}.fields.component`)}
          options={[
            { value: "", label: t(`${M}.general`) },
            ...props.components.map((component) => ({
              value: component.id,
              label: component.title,
            })),
          ]}
          defaultValue={value("componentId") ?? ""}
          error={errors.componentId}
        />
        <LongTextField
          name="body"
          label={t(`${M}.fields.body`)}
          help={t(`${M}.fields.bodyHelp`)}
          maxLength={MATERIAL_TEXT_MAX}
          rows={10}
          defaultValue={value("body")}
          error={errors.body}
        />
        <TextField
          name="url"
          label={t(`${M}.fields.url`)}
          help={t(`${M}.fields.urlHelp`)}
          maxLength={MATERIAL_URL_MAX}
          defaultValue={value("url")}
          error={errors.url}
        />
        {stored?.fileName ? (
          <Paragraph data-size="sm">
            {t(`${M}.fields.currentFile`, {
              name: stored.fileName,
              size: fileSizeText(stored.fileSize ?? 0, htmlLang[language]),
            })}
          </Paragraph>
        ) : null}
        <FileField
          name="file"
          label={t(`${M}.fields.file`)}
          help={t(stored?.fileName ? `${M}.fields.fileReplaceHelp` : `${M}.fields.fileHelp`)}
          accept={documentAccept}
          error={errors.file}
        />
        <div className="form__actions">
          <Button type="submit">{props.submitLabel}</Button>
          <Button asChild variant="tertiary">
            <Link to={props.cancelHref}>{t(`${M}.cancelEdit`)}</Link>
          </Button>
        </div>
      </Form>
    </>
  );
}

/** The type of a document in words: "PDF", "Word", "PowerPoint". */
export function documentTypeName(type: string | null): string {
  if (type === "application/pdf") return "PDF";
  if (type?.includes("wordprocessingml")) return "Word";
  if (type?.includes("presentationml")) return "PowerPoint";
  return "";
}
