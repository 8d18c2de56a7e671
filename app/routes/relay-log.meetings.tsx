import { Button, Heading, Link as DsLink, Paragraph, Table } from "@digdir/designsystemet-react";
import { Form, Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import {
  MEETING_AGENDA_MAX,
  MEETING_OTHERS_MAX,
  MEETING_PLACE_MAX,
} from "../../core/relay-log/meeting-rules.ts";
import {
  listMeetings,
  scheduleMeeting,
  type MeetingSummary,
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
  ClockField,
  LongTextField,
  MeetingStatusTag,
  norwegianDate,
  Pager,
} from "../components/relay-log-meeting-fields.tsx";
import { logPath, RelayLogLayout } from "../components/relay-log-layout.tsx";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  isFailure,
  loadOr404,
  requirePermission,
  runAction,
  withNotice,
} from "../lib/route-helpers.ts";
import type { Route } from "./+types/relay-log.meetings";

/** /stafettlogger/:logId/moter: upcoming and earlier meetings, and the form to schedule one. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "relaylog.use");
  const page = Number.parseInt(new URL(request.url).searchParams.get("side") ?? "1", 10);
  return loadOr404(() =>
    listMeetings({
      database: context.services.database,
      actor,
      meta: context.meta,
      logId: params.logId,
      page: Number.isInteger(page) ? Math.min(page, 100_000) : 1,
    }),
  );
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "relaylog.use");
  const values = formToObject(await request.formData());
  return runAction(values, async () => {
    const { id } = await scheduleMeeting({
      database: context.services.database,
      actor,
      meta: context.meta,
      logId: params.logId,
      values,
    });
    return redirect(
      withNotice(
        `${logPath(params.logId, "meetings")}/${id}`,
        "relayLog.meetings.notices.scheduled",
      ),
    );
  });
}

function MeetingTable(props: { logId: string; meetings: MeetingSummary[]; caption: string }) {
  const t = useT();
  return (
    <div className="table-wrapper">
      <Table>
        <caption className="visually-hidden">{props.caption}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{t("relayLog.meetings.columns.when")}</Table.HeaderCell>
            <Table.HeaderCell>{t("relayLog.meetings.columns.place")}</Table.HeaderCell>
            <Table.HeaderCell>{t("relayLog.meetings.columns.participants")}</Table.HeaderCell>
            <Table.HeaderCell>{t("relayLog.meetings.columns.status")}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {props.meetings.map((meeting) => {
            const when = t("relayLog.meetings.when", {
              date: norwegianDate(meeting.date),
              start: meeting.startTime,
              end: meeting.endTime,
            });
            return (
              <Table.Row key={meeting.id}>
                <Table.Cell>
                  <DsLink asChild>
                    <Link to={`${logPath(props.logId, "meetings")}/${meeting.id}`}>{when}</Link>
                  </DsLink>
                </Table.Cell>
                <Table.Cell>{meeting.place}</Table.Cell>
                <Table.Cell>{meeting.participantCount}</Table.Cell>
                <Table.Cell>
                  <MeetingStatusTag meeting={meeting} />
                </Table.Cell>
              </Table.Row>
            );
          })}
        </Table.Body>
      </Table>
    </div>
  );
}

export default function MeetingsPage() {
  const t = useT();
  const { header, upcoming, past, page, pages, participantOptions, familyAgendaItems } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const [params] = useSearchParams();
  const notice = params.get("melding");
  const base = logPath(header.id, "meetings");
  return (
    <RelayLogLayout header={header} current="meetings">
      <section aria-labelledby="meetings-heading" className="relay-log-meetings">
        <Heading level={2} data-size="md" id="meetings-heading">
          {t("relayLog.meetings.heading")}
        </Heading>
        {notice === "relayLog.meetings.notices.cancelled" ? <Notice>{t(notice)}</Notice> : null}
        <Paragraph>{t("relayLog.meetings.intro")}</Paragraph>

        <Heading level={3} data-size="sm">
          {t("relayLog.meetings.upcomingHeading")}
        </Heading>
        {upcoming.length === 0 ? (
          <Paragraph>{t("relayLog.meetings.noUpcoming")}</Paragraph>
        ) : (
          <MeetingTable
            logId={header.id}
            meetings={upcoming}
            caption={t("relayLog.meetings.tableCaptionUpcoming")}
          />
        )}
        {upcoming
          .filter((meeting) => (familyAgendaItems[meeting.id] ?? []).length > 0)
          .map((meeting) => (
            <div key={meeting.id} className="relay-log-meetings__family">
              <Paragraph data-size="sm">
                <strong>{t("relayLog.plan.familyView.agendaHeading")}</strong> (
                {norwegianDate(meeting.date)} {meeting.startTime})
              </Paragraph>
              <ul>
                {familyAgendaItems[meeting.id]!.map((item, index) => (
                  <li key={index} className="relay-log-meetings__text">
                    {t("relayLog.plan.familyView.agendaItem", {
                      name: item.authorName,
                      text: item.text,
                    })}
                  </li>
                ))}
              </ul>
            </div>
          ))}

        <Heading level={3} data-size="sm">
          {t("relayLog.meetings.pastHeading")}
        </Heading>
        {past.length === 0 ? (
          <Paragraph>{t("relayLog.meetings.noPast")}</Paragraph>
        ) : (
          <>
            <MeetingTable
              logId={header.id}
              meetings={past}
              caption={t("relayLog.meetings.tableCaptionPast")}
            />
            <Pager
              label={t("relayLog.meetings.pagination")}
              page={page}
              pages={pages}
              href={(number) => (number > 1 ? `${base}?side=${number}` : base)}
            />
          </>
        )}
      </section>

      {header.canWrite ? (
        <section aria-labelledby="schedule-heading" className="relay-log-meetings">
          <Heading level={3} data-size="sm" id="schedule-heading">
            {t("relayLog.meetings.scheduleHeading")}
          </Heading>
          <Form method="post" className="form" noValidate>
            <CsrfField />
            <FormErrors failure={failure} />
            <ClockField
              type="date"
              name="date"
              label={t("relayLog.meetings.fields.date")}
              help={t("relayLog.meetings.fields.dateHelp")}
              required
              defaultValue={valueOf(failure, "date")}
              error={failure?.fieldErrors.date}
            />
            <div className="relay-log-meetings__times">
              <ClockField
                type="time"
                name="startTime"
                label={t("relayLog.meetings.fields.startTime")}
                help={t("relayLog.meetings.fields.timeHelp")}
                required
                defaultValue={valueOf(failure, "startTime")}
                error={failure?.fieldErrors.startTime}
              />
              <ClockField
                type="time"
                name="endTime"
                label={t("relayLog.meetings.fields.endTime")}
                required
                defaultValue={valueOf(failure, "endTime")}
                error={failure?.fieldErrors.endTime}
              />
            </div>
            <TextField
              name="place"
              label={t("relayLog.meetings.fields.place")}
              help={t("relayLog.meetings.fields.placeHelp")}
              required
              maxLength={MEETING_PLACE_MAX}
              defaultValue={valueOf(failure, "place")}
              error={failure?.fieldErrors.place}
            />
            <LongTextField
              name="agenda"
              label={t("relayLog.meetings.fields.agenda")}
              help={t("relayLog.meetings.fields.agendaHelp")}
              maxLength={MEETING_AGENDA_MAX}
              defaultValue={valueOf(failure, "agenda")}
              error={failure?.fieldErrors.agenda}
            />
            {participantOptions.length > 0 ? (
              <CheckboxGroup
                name="participantUserIds"
                legend={t("relayLog.meetings.fields.participants")}
                description={t("relayLog.meetings.fields.participantsHelp")}
                options={participantOptions.map((option) => ({
                  value: option.userId,
                  label: `${option.name} (${option.unitName})`,
                }))}
                checked={valuesOf(failure, "participantUserIds", [])}
                error={failure?.fieldErrors.participantUserIds}
              />
            ) : (
              <Paragraph>{t("relayLog.meetings.fields.noParticipants")}</Paragraph>
            )}
            <TextField
              name="otherParticipants"
              label={t("relayLog.meetings.fields.otherParticipants")}
              help={t("relayLog.meetings.fields.otherParticipantsHelp")}
              maxLength={MEETING_OTHERS_MAX}
              defaultValue={valueOf(failure, "otherParticipants")}
              error={failure?.fieldErrors.otherParticipants}
            />
            <div className="form__actions">
              <Button type="submit">{t("relayLog.meetings.schedule")}</Button>
            </div>
          </Form>
        </section>
      ) : null}
    </RelayLogLayout>
  );
}
