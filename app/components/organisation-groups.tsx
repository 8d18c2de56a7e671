import "./organisation-groups.css";
import {
  Button,
  ErrorSummary,
  Field,
  Fieldset,
  Input,
  Label,
  Link as DsLink,
  Paragraph,
  ValidationMessage,
} from "@digdir/designsystemet-react";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { Form, Link } from "react-router";
import type { DecisionSubject, VersionOption } from "../../core/organisation/groups-decisions.ts";
import {
  DECISION_DESCRIPTION_MAX,
  DECISION_TITLE_MAX,
  GROUP_AUTHORITY_MAX,
  GROUP_MANDATE_MAX,
  GROUP_MEETING_PLAN_MAX,
  GROUP_NAME_MAX,
  groupKinds,
  MEETING_AGENDA_MAX,
  MEETING_PLACE_MAX,
  MEETING_TIME_MAX,
  MEMBER_NAME_MAX,
  MEMBER_ROLE_MAX,
} from "../../core/organisation/groups-rules.ts";
import { useT } from "../lib/i18n.tsx";
import { OrganisationPage } from "./organisation-page.tsx";
import type { ActionFailure } from "../lib/route-helpers.ts";
import { CsrfField, SelectField, TextField, valueOf } from "./forms.tsx";
import { DateField, TextAreaField } from "./relay-log-plan-fields.tsx";
import { formatDate } from "./worry-fields.tsx";

/**
 * The parts of the project group pages (/organisering/grupper…, /organisering/vedtak): the page
 * frame, the group, member, meeting and decision forms (each refills from what was typed after
 * a failed post), and the words and link for what a decision was about.
 */

export const GROUPS_PATH = "/organisering/grupper";
export const DECISIONS_PATH = "/organisering/vedtak";
export const GROUPS_GUIDE_PATH = "/veileder/rutine-prosjektorganisering";

const G = "organisation.groups";

/** One page of the area. */
export function GroupsPage(props: {
  title: string;
  back?: { to: string; text: string };
  notice?: string | null;
  children: ReactNode;
}) {
  const t = useT();
  return (
    <OrganisationPage
      className="org-groups"
      heading={props.title}
      back={props.back}
      notice={props.notice}
      help={{ to: GROUPS_GUIDE_PATH, text: t(`${G}.help`) }}
    >
      {props.children}
    </OrganisationPage>
  );
}

/** The notice key from `?melding=` when it is one of this area's, else null. */
export function groupsNotice(params: URLSearchParams): string | null {
  const key = params.get("melding");
  return key && key.startsWith(`${G}.notices.`) ? key : null;
}

/** The notice text with its parameters (`navn`, `dato`). */
export function noticeText(t: TFunction, params: URLSearchParams): string | null {
  const key = groupsNotice(params);
  if (!key) return null;
  const date = params.get("dato");
  return t(key, { name: params.get("navn") ?? "", date: date ? formatDate(date) : "" });
}

/**
 * The error summary at the top of a form, each error linking to its field; `message` turns a
 * field's catalog key into text (with parameters, e.g. the name of the existing group).
 */
export function ErrorList(props: {
  failure: ActionFailure | undefined;
  message: (field: string, key: string) => string;
}) {
  const t = useT();
  if (!props.failure) return null;
  const entries = Object.entries(props.failure.fieldErrors);
  if (entries.length === 0) {
    return (
      <ErrorSummary>
        <ErrorSummary.Heading>{t("common.errorSummary")}</ErrorSummary.Heading>
        <Paragraph>{t(props.failure.messageKey)}</Paragraph>
      </ErrorSummary>
    );
  }
  return (
    <ErrorSummary>
      <ErrorSummary.Heading>{t("common.errorSummary")}</ErrorSummary.Heading>
      <ErrorSummary.List>
        {entries.map(([field, key]) => (
          <ErrorSummary.Item key={field}>
            <ErrorSummary.Link href={`#${field}`}>{props.message(field, key)}</ErrorSummary.Link>
          </ErrorSummary.Item>
        ))}
      </ErrorSummary.List>
    </ErrorSummary>
  );
}

/** One checkbox with its label and an already translated error, linked without JavaScript. */
function CheckboxField(props: {
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
        defaultChecked={props.checked}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${props.name}-feil` : undefined}
      />
      <Label htmlFor={props.name} weight="regular">
        {props.label}
      </Label>
      {props.error ? (
        <ValidationMessage id={`${props.name}-feil`}>{props.error}</ValidationMessage>
      ) : null}
    </Field>
  );
}

/** The kind as radio buttons with a line on what each kind does; the error is already text. */
function KindField(props: { checked: string | undefined; error: string | undefined }) {
  const t = useT();
  const describedBy = ["kind-hjelp", props.error ? "kind-feil" : null].filter(Boolean).join(" ");
  return (
    <Fieldset id="kind" aria-describedby={describedBy}>
      <Fieldset.Legend>
        {t(`${G}.fields.kind`)}
        <span className="required-marker"> ({t("common.required")})</span>
      </Fieldset.Legend>
      <Fieldset.Description id="kind-hjelp">{t(`${G}.fields.kindRule`)}</Fieldset.Description>
      {groupKinds.map((kind) => (
        <Field key={kind}>
          <Input
            type="radio"
            id={`kind-${kind}`}
            name="kind"
            value={kind}
            defaultChecked={props.checked === kind}
            aria-invalid={props.error ? true : undefined}
            aria-describedby={`kind-${kind}-hjelp`}
          />
          <Label htmlFor={`kind-${kind}`} weight="regular">
            {t(`${G}.kind.${kind}`)}
          </Label>
          <Paragraph data-size="sm" id={`kind-${kind}-hjelp`}>
            {t(`${G}.kindHelp.${kind}`)}
          </Paragraph>
        </Field>
      ))}
      {props.error ? <ValidationMessage id="kind-feil">{props.error}</ValidationMessage> : null}
    </Fieldset>
  );
}

export interface StoredGroup {
  kind: string;
  name: string;
  mandate: string;
  decisionAuthority: string;
  meetingPlan: string;
  closedOn: string | null;
}

/** New and edit group: kind, name, mandate (required), decision authority, meeting plan, closed. */
export function GroupForm(props: {
  failure: ActionFailure | undefined;
  stored: StoredGroup | null;
  singletons: Record<"steering" | "driver", { id: string; name: string } | null>;
  today: string;
  cancelTo: string;
}) {
  const t = useT();
  const { failure, stored } = props;
  const errors = failure?.fieldErrors ?? {};
  const typedKind = valueOf(failure, "kind", stored?.kind ?? null);
  const message = (field: string, key: string) => {
    if (field === "kind" && (typedKind === "steering" || typedKind === "driver")) {
      return t(key, { name: props.singletons[typedKind]?.name ?? "" });
    }
    return t(key);
  };
  return (
    <>
      <ErrorList failure={failure} message={message} />
      <Form method="post" className="form" noValidate>
        <CsrfField />
        <input type="hidden" name="intent" value="save" />
        <KindField
          checked={typedKind}
          error={errors.kind ? message("kind", errors.kind) : undefined}
        />
        <TextField
          name="name"
          label={t(`${G}.fields.name`)}
          help={t(`${G}.fields.nameHelp`)}
          required
          maxLength={GROUP_NAME_MAX}
          defaultValue={valueOf(failure, "name", stored?.name)}
          error={errors.name}
        />
        <TextAreaField
          name="mandate"
          label={t(`${G}.fields.mandate`)}
          help={t(`${G}.fields.mandateHelp`)}
          required
          rows={6}
          maxLength={GROUP_MANDATE_MAX}
          defaultValue={valueOf(failure, "mandate", stored?.mandate)}
          error={errors.mandate}
        />
        <TextAreaField
          name="decisionAuthority"
          label={t(`${G}.fields.decisionAuthority`)}
          help={t(`${G}.fields.decisionAuthorityHelp`)}
          maxLength={GROUP_AUTHORITY_MAX}
          defaultValue={valueOf(failure, "decisionAuthority", stored?.decisionAuthority)}
          error={errors.decisionAuthority}
        />
        <TextField
          name="meetingPlan"
          label={t(`${G}.fields.meetingPlan`)}
          help={t(`${G}.fields.meetingPlanHelp`)}
          maxLength={GROUP_MEETING_PLAN_MAX}
          defaultValue={valueOf(failure, "meetingPlan", stored?.meetingPlan)}
          error={errors.meetingPlan}
        />
        <DateField
          name="closedOn"
          label={t(`${G}.fields.closedOn`)}
          help={t(`${G}.fields.closedOnHelp`)}
          max={props.today}
          defaultValue={valueOf(failure, "closedOn", stored?.closedOn)}
          error={errors.closedOn}
        />
        <div className="form__actions">
          <Button type="submit">{t(`${G}.save`)}</Button>
          <Button asChild variant="tertiary">
            <Link to={props.cancelTo}>{t(`${G}.cancel`)}</Link>
          </Button>
        </div>
      </Form>
    </>
  );
}

/** Adding a member: a staff member or an outside person's name, a role, the chair flag. */
export function MemberForm(props: {
  failure: ActionFailure | undefined;
  staff: { id: string; name: string }[];
  chairName: string | null;
}) {
  const t = useT();
  const { failure } = props;
  const errors = failure?.fieldErrors ?? {};
  const message = (field: string, key: string) =>
    field === "isChair" ? t(key, { name: props.chairName ?? "" }) : t(key);
  return (
    <>
      <ErrorList failure={failure} message={message} />
      <Form method="post" className="form" noValidate>
        <CsrfField />
        <input type="hidden" name="intent" value="addMember" />
        <input type="hidden" name="form" value="member" />
        <SelectField
          name="userId"
          label={t(`${G}.members.userId`)}
          options={[
            { value: "", label: t(`${G}.members.chooseStaff`) },
            ...props.staff.map((person) => ({ value: person.id, label: person.name })),
          ]}
          defaultValue={valueOf(failure, "userId", "")}
          error={errors.userId}
        />
        <TextField
          name="name"
          label={t(`${G}.members.outsideName`)}
          maxLength={MEMBER_NAME_MAX}
          defaultValue={valueOf(failure, "name", "")}
          error={errors.name}
        />
        <TextField
          name="role"
          label={t(`${G}.members.roleField`)}
          help={t(`${G}.members.roleHelp`)}
          maxLength={MEMBER_ROLE_MAX}
          defaultValue={valueOf(failure, "role", "")}
          error={errors.role}
        />
        <CheckboxField
          name="isChair"
          label={t(`${G}.members.isChair`)}
          checked={failure ? failure.values.isChair !== undefined : false}
          error={errors.isChair ? message("isChair", errors.isChair) : undefined}
        />
        <div className="form__actions">
          <Button type="submit" variant="secondary">
            {t(`${G}.members.add`)}
          </Button>
        </div>
      </Form>
    </>
  );
}

/** Adding a meeting: date, time in words, place, agenda. */
export function MeetingForm(props: { failure: ActionFailure | undefined }) {
  const t = useT();
  const { failure } = props;
  const errors = failure?.fieldErrors ?? {};
  return (
    <>
      <ErrorList failure={failure} message={(_field, key) => t(key)} />
      <Form method="post" className="form" noValidate>
        <CsrfField />
        <input type="hidden" name="intent" value="addMeeting" />
        <input type="hidden" name="form" value="meeting" />
        <DateField
          name="meetsOn"
          label={t(`${G}.meetings.meetsOn`)}
          required
          defaultValue={valueOf(failure, "meetsOn", "")}
          error={errors.meetsOn}
        />
        <TextField
          name="time"
          label={t(`${G}.meetings.timeField`)}
          help={t(`${G}.meetings.timeHelp`)}
          maxLength={MEETING_TIME_MAX}
          defaultValue={valueOf(failure, "time", "")}
          error={errors.time}
        />
        <TextField
          name="place"
          label={t(`${G}.meetings.placeField`)}
          maxLength={MEETING_PLACE_MAX}
          defaultValue={valueOf(failure, "place", "")}
          error={errors.place}
        />
        <TextAreaField
          name="agenda"
          label={t(`${G}.meetings.agendaField`)}
          maxLength={MEETING_AGENDA_MAX}
          defaultValue={valueOf(failure, "agenda", "")}
          error={errors.agenda}
        />
        <div className="form__actions">
          <Button type="submit" variant="secondary">
            {t(`${G}.meetings.add`)}
          </Button>
        </div>
      </Form>
    </>
  );
}

/** A guide version as the choice list and the decisions show it. */
export function versionOptionLabel(t: TFunction, version: VersionOption): string {
  return version.publishedOn
    ? t(`${G}.decisions.fields.versionOption`, {
        title: version.title,
        number: version.number,
        date: formatDate(version.publishedOn),
      })
    : t(`${G}.decisions.fields.versionOptionUnpublished`, {
        title: version.title,
        number: version.number,
      });
}

export interface StoredDecision {
  decidedOn: string;
  title: string;
  description: string;
  meetingId: string | null;
  contentVersionId: string | null;
  milestoneId: string | null;
}

/** Recording or correcting a decision: date, title, description, meeting, what it was about. */
export function DecisionForm(props: {
  failure: ActionFailure | undefined;
  stored: StoredDecision | null;
  options: {
    versions: VersionOption[];
    milestones: { id: string; title: string }[];
    meetings: { id: string; meetsOn: string; time: string }[];
  };
  today: string;
  intent: string;
  submitText: string;
  cancelTo?: string;
}) {
  const t = useT();
  const { failure, stored } = props;
  const errors = failure?.fieldErrors ?? {};
  const value = (name: keyof StoredDecision) => valueOf(failure, name, stored?.[name] ?? "");
  return (
    <>
      <ErrorList failure={failure} message={(_field, key) => t(key)} />
      <Form method="post" className="form" noValidate>
        <CsrfField />
        <input type="hidden" name="intent" value={props.intent} />
        <input type="hidden" name="form" value="decision" />
        <DateField
          name="decidedOn"
          label={t(`${G}.decisions.fields.decidedOn`)}
          required
          max={props.today}
          defaultValue={value("decidedOn")}
          error={errors.decidedOn}
        />
        <TextField
          name="title"
          label={t(`${G}.decisions.fields.title`)}
          help={t(`${G}.decisions.fields.titleHelp`)}
          required
          maxLength={DECISION_TITLE_MAX}
          defaultValue={value("title")}
          error={errors.title}
        />
        <TextAreaField
          name="description"
          label={t(`${G}.decisions.fields.description`)}
          maxLength={DECISION_DESCRIPTION_MAX}
          defaultValue={value("description")}
          error={errors.description}
        />
        <SelectField
          name="meetingId"
          label={t(`${G}.decisions.fields.meetingId`)}
          options={[
            { value: "", label: t(`${G}.decisions.fields.noMeeting`) },
            ...props.options.meetings.map((meeting) => ({
              value: meeting.id,
              label: meeting.time
                ? t(`${G}.meetingWhen`, { date: formatDate(meeting.meetsOn), time: meeting.time })
                : formatDate(meeting.meetsOn),
            })),
          ]}
          defaultValue={value("meetingId")}
          error={errors.meetingId}
        />
        <SelectField
          name="contentVersionId"
          label={t(`${G}.decisions.fields.contentVersionId`)}
          help={t(`${G}.decisions.fields.contentVersionHelp`)}
          options={[
            { value: "", label: t(`${G}.decisions.fields.none`) },
            ...props.options.versions.map((version) => ({
              value: version.id,
              label: versionOptionLabel(t, version),
            })),
          ]}
          defaultValue={value("contentVersionId")}
          error={errors.contentVersionId}
        />
        <SelectField
          name="milestoneId"
          label={t(`${G}.decisions.fields.milestoneId`)}
          options={[
            { value: "", label: t(`${G}.decisions.fields.none`) },
            ...props.options.milestones.map((milestone) => ({
              value: milestone.id,
              label: milestone.title,
            })),
          ]}
          defaultValue={value("milestoneId")}
          error={errors.milestoneId}
        />
        <div className="form__actions">
          <Button type="submit" variant={props.cancelTo ? "primary" : "secondary"}>
            {props.submitText}
          </Button>
          {props.cancelTo ? (
            <Button asChild variant="tertiary">
              <Link to={props.cancelTo}>{t(`${G}.cancel`)}</Link>
            </Button>
          ) : null}
        </div>
      </Form>
    </>
  );
}

/**
 * What a decision was about, in words and as a link: a guide version to its page's history for
 * those who edit the guide (else to the page in the guide), a milestone to its edit page for the
 * coordinator (else to the plan).
 */
export function DecisionSubjectLink(props: {
  subject: DecisionSubject | null;
  canEditGuide: boolean;
  canManage: boolean;
}) {
  const t = useT();
  const { subject } = props;
  if (!subject) return <>{t(`${G}.decisions.aboutNothing`)}</>;
  if (subject.kind === "milestone") {
    return (
      <DsLink asChild>
        <Link
          to={
            props.canManage ? `/implementering/plan/${subject.milestoneId}` : "/implementering/plan"
          }
        >
          {t(`${G}.decisions.aboutMilestone`, { title: subject.title })}
        </Link>
      </DsLink>
    );
  }
  const text = subject.publishedOn
    ? t(`${G}.decisions.aboutVersion`, {
        title: subject.title,
        number: subject.number,
        date: formatDate(subject.publishedOn),
      })
    : t(`${G}.decisions.aboutVersionUnpublished`, {
        title: subject.title,
        number: subject.number,
      });
  return (
    <DsLink asChild>
      <Link
        to={
          props.canEditGuide
            ? `/admin/innhold/${subject.pageId}/historikk`
            : `/veileder/${subject.slug}`
        }
      >
        {text}
      </Link>
    </DsLink>
  );
}

/**
 * A remove step inside a list: the link asks (`?bekreft=…`), then the question with the real
 * button (a post with the intent and id) and "Avbryt". Works without JavaScript.
 */
export function ConfirmRemove(props: {
  confirming: boolean;
  askHref: string;
  cancelHref: string;
  intent: string;
  idName: string;
  id: string;
  texts: { button: string; buttonLabel: string; question: string; confirm: string };
}) {
  const t = useT();
  if (!props.confirming) {
    return (
      <DsLink asChild>
        <Link to={props.askHref} aria-label={props.texts.buttonLabel}>
          {props.texts.button}
        </Link>
      </DsLink>
    );
  }
  return (
    <div className="org-groups__confirm" role="group" aria-label={props.texts.buttonLabel}>
      <Paragraph data-size="sm">{props.texts.question}</Paragraph>
      <Form method="post" className="form__actions">
        <CsrfField />
        <input type="hidden" name="intent" value={props.intent} />
        <input type="hidden" name={props.idName} value={props.id} />
        <Button type="submit" data-size="sm" data-color="danger">
          {props.texts.confirm}
        </Button>
        <Button asChild variant="tertiary" data-size="sm">
          <Link to={props.cancelHref}>{t(`${G}.cancel`)}</Link>
        </Button>
      </Form>
    </div>
  );
}
