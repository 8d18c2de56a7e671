import {
  Alert,
  Button,
  Heading,
  Link as DsLink,
  Paragraph,
  Table,
  Tag,
} from "@digdir/designsystemet-react";
import { Form, Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import {
  addNetworkMeeting,
  getNetwork,
  type PlannedMeeting,
} from "../../core/implementation/networks.ts";
import {
  MEETING_PLACE_MAX,
  MEETING_THEME_MAX,
  MIN_MEETINGS_PER_YEAR,
  yearFrom,
} from "../../core/implementation/networks-rules.ts";
import { osloDate } from "../../core/platform/dates.ts";
import { CsrfField, FormErrors, Notice, TextField, valueOf } from "../components/forms.tsx";
import { ClockField, norwegianDate } from "../components/relay-log-meeting-fields.tsx";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  isFailure,
  loadOr404,
  requirePermission,
  runAction,
  withNotice,
} from "../lib/route-helpers.ts";
import type { Route } from "./+types/implementation.networks.network";

/**
 * /implementering/nettverk/:networkId: the network's members (units and their BTS contacts),
 * the yearly meeting plan (`?ar=2027`), the form where the coordinator plans a meeting (warning,
 * never refusing, when the year has fewer than four), and attendance per unit over the year's
 * held meetings.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "implementation.view");
  const thisYear = Number(osloDate().slice(0, 4));
  const year = yearFrom(new URL(request.url).searchParams.get("ar"), thisYear);
  return loadOr404(() =>
    getNetwork({
      database: context.services.database,
      actor,
      networkId: params.networkId,
      year,
    }),
  );
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  const values = formToObject(await request.formData());
  return runAction(values, async () => {
    const added = await addNetworkMeeting({
      database: context.services.database,
      actor,
      meta: context.meta,
      networkId: params.networkId,
      values,
    });
    const below = added.meetingsInYear < MIN_MEETINGS_PER_YEAR;
    return redirect(
      withNotice(
        `/implementering/nettverk/${params.networkId}`,
        below
          ? "implementation.networks.notices.meetingAddedBelow"
          : "implementation.networks.notices.meetingAdded",
        { ar: String(added.year), antall: String(added.meetingsInYear) },
      ),
    );
  });
}

const notices = new Set([
  "implementation.networks.notices.created",
  "implementation.networks.notices.updated",
  "implementation.networks.notices.meetingAdded",
  "implementation.networks.notices.meetingAddedBelow",
]);

function MeetingStatus({ meeting }: { meeting: PlannedMeeting }) {
  const t = useT();
  if (meeting.overdue) {
    return <Tag data-color="warning">{t("implementation.networks.status.overdue")}</Tag>;
  }
  const color =
    meeting.status === "held" ? "success" : meeting.status === "cancelled" ? "neutral" : "info";
  return <Tag data-color={color}>{t(`implementation.networks.status.${meeting.status}`)}</Tag>;
}

export default function NetworkPage() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const { network, members, year, years, meetings, attendance, heldMeetings, canManage } = data;
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const [params] = useSearchParams();
  const notice = params.get("melding");
  const base = `/implementering/nettverk/${network.id}`;
  const meetingPath = (id: string) => `${base}/moter/${id}`;
  const belowMinimum = t("implementation.networks.network.belowMinimum", {
    year,
    count: data.meetingsInYear,
  });
  return (
    <div className="page">
      <title>{`${network.name} – ${t("implementation.networks.title")} – ${t("app.name")}`}</title>
      <Paragraph data-size="sm">
        <DsLink asChild>
          <Link to="/implementering/nettverk">{t("implementation.networks.backToList")}</Link>
        </DsLink>
      </Paragraph>
      <Heading level={1} data-size="lg">
        {network.name}
      </Heading>
      {notice && notices.has(notice) ? (
        <Notice>
          {t(notice, {
            name: params.get("navn") ?? network.name,
            year: params.get("ar") ?? "",
            count: Number(params.get("antall") ?? 0),
          })}
        </Notice>
      ) : null}
      <dl className="details-list">
        <dt>{t("implementation.networks.network.leaderLabel")}</dt>
        <dd>{network.leaderName ?? t("implementation.networks.noLeader")}</dd>
        <dt>{t("implementation.networks.network.statusLabel")}</dt>
        <dd>
          {network.active
            ? t("implementation.networks.active")
            : t("implementation.networks.inactive")}
        </dd>
        {network.description ? (
          <>
            <dt>{t("implementation.networks.network.descriptionLabel")}</dt>
            <dd className="relay-log-meetings__text">{network.description}</dd>
          </>
        ) : null}
      </dl>
      {canManage ? (
        <div className="actions">
          <Button asChild variant="secondary">
            <Link to={`${base}/endre`}>{t("implementation.networks.network.edit")}</Link>
          </Button>
        </div>
      ) : null}

      <section aria-labelledby="members-heading">
        <Heading level={2} data-size="md" id="members-heading">
          {t("implementation.networks.network.membersHeading")}
        </Heading>
        <Paragraph>{t("implementation.networks.network.membersIntro")}</Paragraph>
        {members.length === 0 ? (
          <Paragraph>{t("implementation.networks.network.noMembers")}</Paragraph>
        ) : (
          <div className="table-wrapper">
            <Table>
              <caption>{t("implementation.networks.network.membersCaption")}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>
                    {t("implementation.networks.network.unitColumn")}
                  </Table.HeaderCell>
                  <Table.HeaderCell>
                    {t("implementation.networks.network.contactsColumn")}
                  </Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {members.map((unit) => (
                  <Table.Row key={unit.id}>
                    <Table.HeaderCell scope="row">{unit.name}</Table.HeaderCell>
                    <Table.Cell>
                      {unit.contacts.length === 0
                        ? t("implementation.networks.network.noContacts")
                        : unit.contacts.map((contact) => contact.name).join(", ")}
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        )}
      </section>

      <section aria-labelledby="plan-heading">
        <Heading level={2} data-size="md" id="plan-heading">
          {t("implementation.networks.network.planHeading", { year })}
        </Heading>
        <nav aria-label={t("implementation.networks.network.yearNav")}>
          <ul className="pager__list">
            {years.map((option) => (
              <li key={option}>
                {option === year ? (
                  <span aria-current="page">
                    <strong>{option}</strong>
                  </span>
                ) : (
                  <DsLink asChild>
                    <Link to={`${base}?ar=${option}`}>{option}</Link>
                  </DsLink>
                )}
              </li>
            ))}
          </ul>
        </nav>
        {meetings.length === 0 ? (
          <Paragraph>{t("implementation.networks.network.noMeetings", { year })}</Paragraph>
        ) : (
          <div className="table-wrapper">
            <Table>
              <caption>{t("implementation.networks.network.planCaption", { year })}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>
                    {t("implementation.networks.network.dateColumn")}
                  </Table.HeaderCell>
                  <Table.HeaderCell>
                    {t("implementation.networks.network.timeColumn")}
                  </Table.HeaderCell>
                  <Table.HeaderCell>
                    {t("implementation.networks.network.placeColumn")}
                  </Table.HeaderCell>
                  <Table.HeaderCell>
                    {t("implementation.networks.network.themeColumn")}
                  </Table.HeaderCell>
                  <Table.HeaderCell>
                    {t("implementation.networks.network.statusColumn")}
                  </Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {meetings.map((meeting) => (
                  <Table.Row key={meeting.id}>
                    <Table.Cell>
                      <DsLink asChild>
                        <Link
                          to={meetingPath(meeting.id)}
                          aria-label={t("implementation.networks.network.meetingLink", {
                            date: norwegianDate(meeting.meetsOn),
                          })}
                        >
                          {norwegianDate(meeting.meetsOn)}
                        </Link>
                      </DsLink>
                    </Table.Cell>
                    <Table.Cell>{meeting.startsAt}</Table.Cell>
                    <Table.Cell>{meeting.place}</Table.Cell>
                    <Table.Cell>{meeting.theme}</Table.Cell>
                    <Table.Cell>
                      <MeetingStatus meeting={meeting} />
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        )}
        {data.belowMinimum && !canManage ? <Paragraph>{belowMinimum}</Paragraph> : null}
      </section>

      {canManage ? (
        <section aria-labelledby="add-heading">
          <Heading level={3} data-size="sm" id="add-heading">
            {t("implementation.networks.network.addHeading")}
          </Heading>
          <Paragraph>{t("implementation.networks.network.addIntro")}</Paragraph>
          {data.belowMinimum ? <Alert data-color="warning">{belowMinimum}</Alert> : null}
          <Form method="post" className="form" noValidate>
            <CsrfField />
            <FormErrors failure={failure} />
            <ClockField
              type="date"
              name="meetsOn"
              label={t("implementation.networks.network.meetsOn")}
              help={t("implementation.networks.network.meetsOnHelp")}
              required
              defaultValue={valueOf(failure, "meetsOn")}
              error={failure?.fieldErrors.meetsOn}
            />
            <ClockField
              type="time"
              name="startsAt"
              label={t("implementation.networks.network.startsAt")}
              help={t("implementation.networks.network.startsAtHelp")}
              defaultValue={valueOf(failure, "startsAt")}
              error={failure?.fieldErrors.startsAt}
            />
            <TextField
              name="place"
              label={t("implementation.networks.network.place")}
              maxLength={MEETING_PLACE_MAX}
              defaultValue={valueOf(failure, "place")}
              error={failure?.fieldErrors.place}
            />
            <TextField
              name="theme"
              label={t("implementation.networks.network.theme")}
              help={t("implementation.networks.network.themeHelp")}
              maxLength={MEETING_THEME_MAX}
              defaultValue={valueOf(failure, "theme")}
              error={failure?.fieldErrors.theme}
            />
            <div className="form__actions">
              <Button type="submit">{t("implementation.networks.network.addMeeting")}</Button>
            </div>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="attendance-heading">
        <Heading level={2} data-size="md" id="attendance-heading">
          {t("implementation.networks.network.attendanceHeading", { year })}
        </Heading>
        <Paragraph>{t("implementation.networks.network.attendanceIntro")}</Paragraph>
        {heldMeetings.length === 0 || attendance.length === 0 ? (
          <Paragraph>{t("implementation.networks.network.noHeld", { year })}</Paragraph>
        ) : (
          <div className="table-wrapper">
            <Table>
              <caption>{t("implementation.networks.network.attendanceCaption", { year })}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>
                    {t("implementation.networks.network.unitColumn")}
                  </Table.HeaderCell>
                  {heldMeetings.map((meeting) => (
                    <Table.HeaderCell key={meeting.id}>
                      {norwegianDate(meeting.meetsOn)}
                    </Table.HeaderCell>
                  ))}
                  <Table.HeaderCell>
                    {t("implementation.networks.network.totalColumn")}
                  </Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {attendance.map((row) => (
                  <Table.Row key={row.unitId}>
                    <Table.HeaderCell scope="row">{row.unitName}</Table.HeaderCell>
                    {row.meetings.map((cell) => (
                      <Table.Cell key={cell.meetingId}>
                        {cell.attended
                          ? t("implementation.networks.attended")
                          : t("implementation.networks.notAttended")}
                      </Table.Cell>
                    ))}
                    <Table.Cell>
                      {t("implementation.networks.network.attendedTotal", {
                        attended: row.attended,
                        held: row.held,
                      })}
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        )}
      </section>
    </div>
  );
}
