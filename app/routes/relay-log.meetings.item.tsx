import { Alert, Button, Heading, Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import {
  Form,
  Link,
  redirect,
  useActionData,
  useLoaderData,
  useRouteLoaderData,
  useSearchParams,
} from "react-router";
import {
  MEETING_AGENDA_MAX,
  MEETING_MINUTES_MAX,
  MEETING_OTHERS_MAX,
  MEETING_PLACE_MAX,
} from "../../core/relay-log/meeting-rules.ts";
import {
  cancelMeeting,
  getMeeting,
  saveMinutes,
  sendMeetingInvitation,
  updateMeeting,
} from "../../core/relay-log/meetings.ts";
import {
  CheckboxGroup,
  CsrfField,
  FormErrors,
  Notice,
  TextField,
  valueOf,
  valuesOf,
} from "../components/forms.tsx";
import {
  CheckField,
  ClockField,
  LongTextField,
  MeetingStatusTag,
  norwegianDate,
} from "../components/relay-log-meeting-fields.tsx";
import { logPath, RelayLogLayout } from "../components/relay-log-layout.tsx";
import { formatDateTime } from "../lib/format-date.ts";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  isFailure,
  loadOr404,
  requirePermission,
  runAction,
  withNotice,
  type ActionFailure,
} from "../lib/route-helpers.ts";
import type { RootData } from "../root.tsx";
import type { Route } from "./+types/relay-log.meetings.item";

/**
 * /stafettlogger/:logId/moter/:meetingId: one meeting. Details, the minutes, the calendar
 * invitation (download, or e-mail to the staff taking part), and for a planned meeting the
 * forms to change or cancel it. Each form posts a hidden `section`, so a failed post brings
 * back the right form with what was typed.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "relaylog.use");
  const page = await loadOr404(() =>
    getMeeting({
      database: context.services.database,
      actor,
      meta: context.meta,
      logId: params.logId,
      meetingId: params.meetingId,
    }),
  );
  return { ...page, mailConfigured: context.services.mailer.configured };
}

/** Where links in e-mails and calendars point: PUBLIC_URL when set, else this request's origin. */
function baseUrlOf(publicUrl: string | undefined, request: Request): string {
  return new URL(publicUrl ?? request.url).origin;
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "relaylog.use");
  const form = await request.formData();
  const values = formToObject(form);
  const intent = String(form.get("intent") ?? "");
  const { services } = context;
  const common = {
    database: services.database,
    actor,
    meta: context.meta,
    logId: params.logId,
    meetingId: params.meetingId,
  };
  const here = `${logPath(params.logId, "meetings")}/${params.meetingId}`;
  return runAction(values, async () => {
    switch (intent) {
      case "minutes": {
        const { evaluationId } = await saveMinutes({ ...common, values });
        return redirect(
          withNotice(
            here,
            evaluationId
              ? "relayLog.meetings.notices.minutesSavedEvaluation"
              : "relayLog.meetings.notices.minutesSaved",
          ),
        );
      }
      case "cancel":
        await cancelMeeting({ ...common, values });
        return redirect(withNotice(here, "relayLog.meetings.notices.cancelled"));
      case "send":
        await sendMeetingInvitation({
          ...common,
          mailer: services.mailer,
          baseUrl: baseUrlOf(services.config.publicUrl, request),
        });
        return redirect(withNotice(here, "relayLog.meetings.notices.invitationSent"));
      default:
        await updateMeeting({ ...common, values });
        return redirect(withNotice(here, "relayLog.meetings.notices.updated"));
    }
  });
}

const notices = new Set([
  "relayLog.meetings.notices.scheduled",
  "relayLog.meetings.notices.updated",
  "relayLog.meetings.notices.cancelled",
  "relayLog.meetings.notices.minutesSaved",
  "relayLog.meetings.notices.minutesSavedEvaluation",
  "relayLog.meetings.notices.invitationSent",
]);

/** The failure of the form a post came from, told by its hidden `section` field. */
function failureFor(failure: ActionFailure | undefined, section: string) {
  return failure && failure.values.section === section ? failure : undefined;
}

export default function MeetingPage() {
  const t = useT();
  const { header, meeting, participantOptions, mailConfigured, familyAgendaItems } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const [params] = useSearchParams();
  const notice = params.get("melding");
  const language = useRouteLoaderData<RootData>("root")?.language ?? "nb";
  const editFailure = failureFor(failure, "edit");
  const minutesFailure = failureFor(failure, "minutes");
  const cancelFailure = failureFor(failure, "cancel");
  const sendFailure = failureFor(failure, "send");
  const planned = meeting.status === "planned";
  const cancelled = meeting.status === "cancelled";
  const title = t("relayLog.meetings.meetingTitle", { date: norwegianDate(meeting.date) });
  const when = t("relayLog.meetings.when", {
    date: norwegianDate(meeting.date),
    start: meeting.startTime,
    end: meeting.endTime,
  });
  const base = logPath(header.id, "meetings");
  const icsHref = `${base}/${meeting.id}/invitasjon.ics`;
  const options = [
    ...participantOptions.map((option) => ({
      value: option.userId,
      label: `${option.name} (${option.unitName})`,
    })),
    // Someone invited who has since left the log can stay on the meeting, never be added.
    ...meeting.participants
      .filter((person) => !participantOptions.some((option) => option.userId === person.userId))
      .map((person) => ({
        value: person.userId,
        label: t("relayLog.meetings.leftLog", { name: person.name }),
      })),
  ];
  return (
    <RelayLogLayout header={header} current="meetings" pageTitle={title}>
      <Paragraph data-size="sm">
        <DsLink asChild>
          <Link to={base}>{t("relayLog.meetings.backToMeetings")}</Link>
        </DsLink>
      </Paragraph>
      <section aria-labelledby="meeting-heading" className="relay-log-meetings">
        <Heading level={2} data-size="md" id="meeting-heading">
          {title}
        </Heading>
        {notice && notices.has(notice) ? <Notice>{t(notice)}</Notice> : null}
        <dl className="details-list">
          <dt>{t("relayLog.meetings.statusLabel")}</dt>
          <dd>
            <MeetingStatusTag meeting={meeting} />
          </dd>
          <dt>{t("relayLog.meetings.whenLabel")}</dt>
          <dd>{when}</dd>
          <dt>{t("relayLog.meetings.placeLabel")}</dt>
          <dd>{meeting.place}</dd>
          <dt>{t("relayLog.meetings.participantsLabel")}</dt>
          <dd>
            {meeting.participants.length === 0 ? (
              t("relayLog.meetings.none")
            ) : (
              <ul className="relay-log-meetings__people">
                {meeting.participants.map((person) => (
                  <li key={person.userId}>
                    {person.active
                      ? person.name
                      : t("relayLog.meetings.leftLog", { name: person.name })}
                  </li>
                ))}
              </ul>
            )}
          </dd>
          <dt>{t("relayLog.meetings.otherParticipantsLabel")}</dt>
          <dd>{meeting.otherParticipants || t("relayLog.meetings.none")}</dd>
          <dt>{t("relayLog.meetings.agendaLabel")}</dt>
          <dd className="relay-log-meetings__text">
            {meeting.agenda || t("relayLog.meetings.none")}
          </dd>
          {familyAgendaItems.length > 0 ? (
            <>
              <dt>{t("relayLog.plan.familyView.agendaHeading")}</dt>
              <dd>
                <ul className="relay-log-meetings__people">
                  {familyAgendaItems.map((item, index) => (
                    <li key={index} className="relay-log-meetings__text">
                      {t("relayLog.plan.familyView.agendaItem", {
                        name: item.authorName,
                        text: item.text,
                      })}
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          ) : null}
        </dl>
        {meeting.createdByName ? (
          <Paragraph data-size="sm">
            {t("relayLog.meetings.createdBy", { name: meeting.createdByName })}
          </Paragraph>
        ) : null}
      </section>

      <section aria-labelledby="minutes-heading" className="relay-log-meetings">
        <Heading level={3} data-size="sm" id="minutes-heading">
          {t("relayLog.meetings.minutesHeading")}
        </Heading>
        {meeting.minutesAt ? (
          <>
            <dl className="details-list">
              <dt>{t("relayLog.meetings.minutesDecisions")}</dt>
              <dd className="relay-log-meetings__text">
                {meeting.minutesDecisions || t("relayLog.meetings.none")}
              </dd>
              <dt>{t("relayLog.meetings.minutesActions")}</dt>
              <dd className="relay-log-meetings__text">
                {meeting.minutesActions || t("relayLog.meetings.none")}
              </dd>
              <dt>{t("relayLog.meetings.nextEvaluationOn")}</dt>
              <dd>
                {meeting.nextEvaluationOn
                  ? norwegianDate(meeting.nextEvaluationOn)
                  : t("relayLog.meetings.none")}
              </dd>
            </dl>
            <Paragraph data-size="sm">
              {t("relayLog.meetings.minutesBy", {
                name: meeting.minutesByName ?? "",
                date: formatDateTime(meeting.minutesAt, language),
              })}
            </Paragraph>
          </>
        ) : (
          <Paragraph>{t("relayLog.meetings.noMinutes")}</Paragraph>
        )}
        {header.canWrite && !cancelled ? (
          <Form method="post" className="form" noValidate>
            <CsrfField />
            <input type="hidden" name="section" value="minutes" />
            <input type="hidden" name="lockVersion" value={meeting.lockVersion} />
            <FormErrors failure={minutesFailure} />
            <Paragraph>{t("relayLog.meetings.minutesIntro")}</Paragraph>
            <LongTextField
              name="minutesDecisions"
              label={t("relayLog.meetings.minutesDecisions")}
              maxLength={MEETING_MINUTES_MAX}
              defaultValue={valueOf(minutesFailure, "minutesDecisions", meeting.minutesDecisions)}
              error={minutesFailure?.fieldErrors.minutesDecisions}
            />
            <LongTextField
              name="minutesActions"
              label={t("relayLog.meetings.minutesActions")}
              maxLength={MEETING_MINUTES_MAX}
              defaultValue={valueOf(minutesFailure, "minutesActions", meeting.minutesActions)}
              error={minutesFailure?.fieldErrors.minutesActions}
            />
            <ClockField
              type="date"
              name="nextEvaluationOn"
              label={t("relayLog.meetings.nextEvaluationOn")}
              help={t("relayLog.meetings.nextEvaluationHelp")}
              defaultValue={valueOf(minutesFailure, "nextEvaluationOn", meeting.nextEvaluationOn)}
              error={minutesFailure?.fieldErrors.nextEvaluationOn}
            />
            <div className="form__actions">
              <Button type="submit" name="intent" value="minutes">
                {t("relayLog.meetings.saveMinutes")}
              </Button>
            </div>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="invitation-heading" className="relay-log-meetings">
        <Heading level={3} data-size="sm" id="invitation-heading">
          {t("relayLog.meetings.invitationHeading")}
        </Heading>
        <Paragraph>{t("relayLog.meetings.invitationHelp")}</Paragraph>
        <Paragraph>
          <DsLink href={icsHref} download>
            {cancelled
              ? t("relayLog.meetings.downloadCancellation")
              : t("relayLog.meetings.downloadIcs")}
          </DsLink>
        </Paragraph>
        {header.canWrite && meeting.status !== "held" ? (
          mailConfigured ? (
            <Form method="post" className="form">
              <CsrfField />
              <input type="hidden" name="section" value="send" />
              <FormErrors failure={sendFailure} />
              <div className="form__actions">
                <Button type="submit" name="intent" value="send" variant="secondary">
                  {cancelled
                    ? t("relayLog.meetings.sendCancellation")
                    : t("relayLog.meetings.sendInvitation")}
                </Button>
              </div>
            </Form>
          ) : (
            <Alert data-color="info">{t("relayLog.meetings.mailNotConfiguredPage")}</Alert>
          )
        ) : null}
      </section>

      {header.canWrite && planned ? (
        <section aria-labelledby="edit-heading" className="relay-log-meetings">
          <Heading level={3} data-size="sm" id="edit-heading">
            {t("relayLog.meetings.editHeading")}
          </Heading>
          <Paragraph>{t("relayLog.meetings.editHelp")}</Paragraph>
          <Form method="post" className="form" noValidate>
            <CsrfField />
            <input type="hidden" name="section" value="edit" />
            <input type="hidden" name="lockVersion" value={meeting.lockVersion} />
            <FormErrors failure={editFailure} />
            <ClockField
              type="date"
              name="date"
              label={t("relayLog.meetings.fields.date")}
              help={t("relayLog.meetings.fields.dateHelp")}
              required
              defaultValue={valueOf(editFailure, "date", meeting.date)}
              error={editFailure?.fieldErrors.date}
            />
            <div className="relay-log-meetings__times">
              <ClockField
                type="time"
                name="startTime"
                label={t("relayLog.meetings.fields.startTime")}
                help={t("relayLog.meetings.fields.timeHelp")}
                required
                defaultValue={valueOf(editFailure, "startTime", meeting.startTime)}
                error={editFailure?.fieldErrors.startTime}
              />
              <ClockField
                type="time"
                name="endTime"
                label={t("relayLog.meetings.fields.endTime")}
                required
                defaultValue={valueOf(editFailure, "endTime", meeting.endTime)}
                error={editFailure?.fieldErrors.endTime}
              />
            </div>
            <TextField
              name="place"
              label={t("relayLog.meetings.fields.place")}
              required
              maxLength={MEETING_PLACE_MAX}
              defaultValue={valueOf(editFailure, "place", meeting.place)}
              error={editFailure?.fieldErrors.place}
            />
            <LongTextField
              name="agenda"
              label={t("relayLog.meetings.fields.agenda")}
              help={t("relayLog.meetings.fields.agendaHelp")}
              maxLength={MEETING_AGENDA_MAX}
              defaultValue={valueOf(editFailure, "agenda", meeting.agenda)}
              error={editFailure?.fieldErrors.agenda}
            />
            {options.length > 0 ? (
              <CheckboxGroup
                name="participantUserIds"
                legend={t("relayLog.meetings.fields.participants")}
                description={t("relayLog.meetings.fields.participantsHelp")}
                options={options}
                checked={valuesOf(
                  editFailure,
                  "participantUserIds",
                  meeting.participants.map((person) => person.userId),
                )}
                error={editFailure?.fieldErrors.participantUserIds}
              />
            ) : null}
            <TextField
              name="otherParticipants"
              label={t("relayLog.meetings.fields.otherParticipants")}
              help={t("relayLog.meetings.fields.otherParticipantsHelp")}
              maxLength={MEETING_OTHERS_MAX}
              defaultValue={valueOf(editFailure, "otherParticipants", meeting.otherParticipants)}
              error={editFailure?.fieldErrors.otherParticipants}
            />
            <div className="form__actions">
              <Button type="submit" name="intent" value="edit">
                {t("relayLog.meetings.save")}
              </Button>
            </div>
          </Form>
        </section>
      ) : null}

      {header.canWrite && planned ? (
        <section aria-labelledby="cancel-heading" className="relay-log-meetings">
          <Heading level={3} data-size="sm" id="cancel-heading">
            {t("relayLog.meetings.cancelHeading")}
          </Heading>
          <Form method="post" className="form" noValidate>
            <CsrfField />
            <input type="hidden" name="section" value="cancel" />
            <input type="hidden" name="lockVersion" value={meeting.lockVersion} />
            <FormErrors failure={cancelFailure} />
            <CheckField
              name="confirm"
              label={t("relayLog.meetings.cancelConfirm")}
              help={t("relayLog.meetings.cancelHelp")}
              error={cancelFailure?.fieldErrors.confirm}
            />
            <div className="form__actions">
              <Button
                type="submit"
                name="intent"
                value="cancel"
                data-color="danger"
                variant="secondary"
              >
                {t("relayLog.meetings.cancelButton")}
              </Button>
            </div>
          </Form>
        </section>
      ) : null}
    </RelayLogLayout>
  );
}
