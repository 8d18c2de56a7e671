import {
  Alert,
  Button,
  Field,
  Fieldset,
  Heading,
  Input,
  Label,
  Link as DsLink,
  Paragraph,
  Table,
  Tag,
} from "@digdir/designsystemet-react";
import { Fragment } from "react";
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
  cancelNetworkMeeting,
  getNetworkMeeting,
  proposeAgendaItem,
  recordNetworkAttendance,
  removeAgendaItem,
  saveUnitNotes,
  updateNetworkMeeting,
  type MeetingUnit,
  type NetworkMeetingPage,
} from "../../core/implementation/networks-meetings.ts";
import {
  AGENDA_DETAIL_MAX,
  AGENDA_TITLE_MAX,
  MEETING_PLACE_MAX,
  MEETING_SUMMARY_MAX,
  MEETING_THEME_MAX,
  NOTE_MAX,
} from "../../core/implementation/networks-rules.ts";
import {
  CsrfField,
  FormErrors,
  Notice,
  SelectField,
  TextField,
  valueOf,
} from "../components/forms.tsx";
import {
  CheckField,
  ClockField,
  LongTextField,
  norwegianDate,
} from "../components/relay-log-meeting-fields.tsx";
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
import type { Route } from "./+types/implementation.networks.meeting";

/**
 * /implementering/nettverk/:networkId/moter/:meetingId: one network meeting — details, the
 * shared agenda (propose; remove with a confirmation step, `?fjern=<id>`), attendance (the
 * coordinator records it once the day has come, which marks the meeting held) and "gjort, lurt,
 * lært" per unit (a BTS contact writes their own unit's; the coordinator opens any unit's form
 * with `?enhet=<unitId>`). Each form posts a hidden `section`, so a failed post brings back the
 * right form with what was typed.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "implementation.view");
  return loadOr404(() =>
    getNetworkMeeting({
      database: context.services.database,
      actor,
      networkId: params.networkId,
      meetingId: params.meetingId,
    }),
  );
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "implementation.view");
  const form = await request.formData();
  const values = formToObject(form);
  const intent = String(form.get("intent") ?? "");
  const common = {
    database: context.services.database,
    actor,
    meta: context.meta,
    networkId: params.networkId,
    meetingId: params.meetingId,
  };
  const here = `/implementering/nettverk/${params.networkId}/moter/${params.meetingId}`;
  const done = (key: string) =>
    redirect(withNotice(here, `implementation.networks.notices.${key}`));
  return runAction(values, async () => {
    switch (intent) {
      case "agenda":
        await proposeAgendaItem({ ...common, values });
        return done("agendaAdded");
      case "removeAgenda":
        await removeAgendaItem({ ...common, agendaItemId: String(values.agendaItemId ?? "") });
        return done("agendaRemoved");
      case "attendance":
        await recordNetworkAttendance({ ...common, values });
        return done("attendanceSaved");
      case "notes":
        await saveUnitNotes({ ...common, unitId: String(values.unitId ?? ""), values });
        return done("notesSaved");
      case "cancel":
        await cancelNetworkMeeting({ ...common, values });
        return done("meetingCancelled");
      default:
        await updateNetworkMeeting({ ...common, values });
        return done("meetingUpdated");
    }
  });
}

const notices = new Set(
  [
    "meetingUpdated",
    "meetingCancelled",
    "attendanceSaved",
    "notesSaved",
    "agendaAdded",
    "agendaRemoved",
  ].map((key) => `implementation.networks.notices.${key}`),
);

/** The failure of the form a post came from, told by its hidden `section` field. */
function failureFor(failure: ActionFailure | undefined, section: string) {
  return failure && failure.values.section === section ? failure : undefined;
}

/** The same failure with its field names suffixed, for a form repeated once per unit. */
function suffixed(failure: ActionFailure | undefined, suffix: string) {
  if (!failure) return undefined;
  return {
    ...failure,
    fieldErrors: Object.fromEntries(
      Object.entries(failure.fieldErrors).map(([field, key]) => [`${field}-${suffix}`, key]),
    ),
  };
}

function StatusTag({ meeting }: { meeting: NetworkMeetingPage["meeting"] }) {
  const t = useT();
  if (meeting.overdue) {
    return <Tag data-color="warning">{t("implementation.networks.status.overdue")}</Tag>;
  }
  const color =
    meeting.status === "held" ? "success" : meeting.status === "cancelled" ? "neutral" : "info";
  return <Tag data-color={color}>{t(`implementation.networks.status.${meeting.status}`)}</Tag>;
}

function presenceText(t: ReturnType<typeof useT>, present: boolean | null): string {
  if (present === null) return t("implementation.networks.notRecorded");
  return present ? t("implementation.networks.attended") : t("implementation.networks.notAttended");
}

function AgendaSection({
  page,
  path,
  failure,
}: {
  page: NetworkMeetingPage;
  path: string;
  failure?: ActionFailure;
}) {
  const t = useT();
  const [params] = useSearchParams();
  const confirming = page.agenda.find((item) => item.id === params.get("fjern") && item.canRemove);
  const removeFailure = failureFor(failure, "removeAgenda");
  const proposeFailure = failureFor(failure, "agenda");
  const single = !page.canManage && page.proposeUnitOptions.length === 1;
  return (
    <section aria-labelledby="agenda-heading">
      <Heading level={2} data-size="md" id="agenda-heading">
        {t("implementation.networks.meeting.agendaHeading")}
      </Heading>
      <Paragraph>{t("implementation.networks.meeting.agendaIntro")}</Paragraph>
      <FormErrors failure={removeFailure} />
      {confirming ? (
        <Alert data-color="warning">
          <Paragraph>
            {t("implementation.networks.meeting.removeConfirm", { title: confirming.title })}
          </Paragraph>
          <Form method="post" className="form__actions">
            <CsrfField />
            <input type="hidden" name="section" value="removeAgenda" />
            <input type="hidden" name="agendaItemId" value={confirming.id} />
            <Button type="submit" name="intent" value="removeAgenda" data-color="danger">
              {t("implementation.networks.meeting.confirmRemove")}
            </Button>
            <Button asChild variant="tertiary">
              <Link to={path}>{t("implementation.networks.meeting.cancel")}</Link>
            </Button>
          </Form>
        </Alert>
      ) : null}
      {page.agenda.length === 0 ? (
        <Paragraph>{t("implementation.networks.meeting.noAgenda")}</Paragraph>
      ) : (
        <ul className="network-agenda">
          {page.agenda.map((item) => (
            <li key={item.id}>
              <Paragraph>
                <strong>{item.title}</strong>
              </Paragraph>
              {item.detail ? (
                <Paragraph className="relay-log-meetings__text">{item.detail}</Paragraph>
              ) : null}
              <Paragraph data-size="sm">
                {item.proposerName
                  ? item.unitName
                    ? t("implementation.networks.meeting.agendaByUnit", {
                        name: item.proposerName,
                        unit: item.unitName,
                      })
                    : t("implementation.networks.meeting.agendaBy", { name: item.proposerName })
                  : t("implementation.networks.meeting.agendaByUnknown")}
                {item.canRemove ? (
                  <>
                    {" · "}
                    <DsLink asChild>
                      <Link
                        to={`?fjern=${item.id}`}
                        aria-label={t("implementation.networks.meeting.removeNamed", {
                          title: item.title,
                        })}
                      >
                        {t("implementation.networks.meeting.remove")}
                      </Link>
                    </DsLink>
                  </>
                ) : null}
              </Paragraph>
            </li>
          ))}
        </ul>
      )}
      {page.canPropose ? (
        <>
          <Heading level={3} data-size="sm" id="propose-heading">
            {t("implementation.networks.meeting.proposeHeading")}
          </Heading>
          <Form method="post" className="form" noValidate aria-labelledby="propose-heading">
            <CsrfField />
            <input type="hidden" name="section" value="agenda" />
            <FormErrors failure={proposeFailure} />
            <TextField
              name="title"
              label={t("implementation.networks.meeting.agendaTitle")}
              help={t("implementation.networks.meeting.agendaTitleHelp")}
              required
              maxLength={AGENDA_TITLE_MAX}
              defaultValue={valueOf(proposeFailure, "title")}
              error={proposeFailure?.fieldErrors.title}
            />
            <LongTextField
              name="detail"
              label={t("implementation.networks.meeting.agendaDetail")}
              maxLength={AGENDA_DETAIL_MAX}
              rows={3}
              defaultValue={valueOf(proposeFailure, "detail")}
              error={proposeFailure?.fieldErrors.detail}
            />
            {single ? (
              <input type="hidden" name="unitId" value={page.proposeUnitOptions[0]!.id} />
            ) : (
              <SelectField
                name="unitId"
                label={t("implementation.networks.meeting.agendaUnit")}
                options={[
                  ...(page.canManage
                    ? [{ value: "", label: t("implementation.networks.meeting.agendaUnitNone") }]
                    : []),
                  ...page.proposeUnitOptions.map((unit) => ({ value: unit.id, label: unit.name })),
                ]}
                defaultValue={
                  valueOf(proposeFailure, "unitId") ??
                  (page.canManage ? "" : page.proposeUnitOptions[0]?.id)
                }
                error={proposeFailure?.fieldErrors.unitId}
              />
            )}
            <div className="form__actions">
              <Button type="submit" name="intent" value="agenda">
                {t("implementation.networks.meeting.propose")}
              </Button>
            </div>
          </Form>
        </>
      ) : null}
    </section>
  );
}

function AttendanceSection({
  page,
  failure,
}: {
  page: NetworkMeetingPage;
  failure?: ActionFailure;
}) {
  const t = useT();
  const attendanceFailure = failureFor(failure, "attendance");
  const held = page.meeting.status === "held";
  const anyContacts = page.units.some((unit) => unit.contacts.some((contact) => !contact.former));
  const shown = new Set<string>();
  const typed = attendanceFailure?.values.present;
  const typedPresent = typed === undefined ? [] : Array.isArray(typed) ? typed : [typed];
  return (
    <section aria-labelledby="attendance-heading">
      <Heading level={2} data-size="md" id="attendance-heading">
        {t("implementation.networks.meeting.attendanceHeading")}
      </Heading>
      {page.units.length > 0 ? (
        <div className="table-wrapper">
          <Table>
            <caption>{t("implementation.networks.meeting.attendanceCaption")}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>
                  {t("implementation.networks.meeting.unitColumn")}
                </Table.HeaderCell>
                <Table.HeaderCell>
                  {t("implementation.networks.meeting.contactColumn")}
                </Table.HeaderCell>
                <Table.HeaderCell>
                  {t("implementation.networks.meeting.attendanceColumn")}
                </Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {page.units.map((unit) => (
                <Table.Row key={unit.id}>
                  <Table.HeaderCell scope="row">{unit.name}</Table.HeaderCell>
                  <Table.Cell>
                    {unit.contacts.length === 0 ? (
                      t("implementation.networks.network.noContacts")
                    ) : (
                      <ul className="network-people">
                        {unit.contacts.map((contact) => (
                          <li key={contact.userId}>
                            {contact.former
                              ? t("implementation.networks.meeting.former", { name: contact.name })
                              : contact.name}
                            {": "}
                            {presenceText(t, contact.present)}
                          </li>
                        ))}
                      </ul>
                    )}
                  </Table.Cell>
                  <Table.Cell>
                    {held
                      ? unit.attended
                        ? t("implementation.networks.attended")
                        : t("implementation.networks.notAttended")
                      : t("implementation.networks.notRecorded")}
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      ) : null}
      {page.canManage && page.attendanceBlocked ? (
        <Paragraph>{t(page.attendanceBlocked)}</Paragraph>
      ) : null}
      {page.canManage && !page.attendanceBlocked ? (
        <Form method="post" className="form" noValidate aria-labelledby="attendance-heading">
          <CsrfField />
          <input type="hidden" name="section" value="attendance" />
          <FormErrors failure={attendanceFailure} />
          <Paragraph>{t("implementation.networks.meeting.attendanceIntro")}</Paragraph>
          {anyContacts ? null : (
            <Paragraph>{t("implementation.networks.meeting.noContactsAtAll")}</Paragraph>
          )}
          <div id="present">
            {page.units.map((unit) => {
              const contacts = unit.contacts.filter(
                (contact) => !contact.former && !shown.has(contact.userId),
              );
              for (const contact of contacts) shown.add(contact.userId);
              return (
                <Fieldset key={unit.id}>
                  <Fieldset.Legend>{unit.name}</Fieldset.Legend>
                  {contacts.length === 0 ? (
                    <Paragraph data-size="sm">
                      {t("implementation.networks.meeting.noContactsForUnit", { unit: unit.name })}
                    </Paragraph>
                  ) : (
                    contacts.map((contact) => {
                      const id = `present-${contact.userId}`;
                      return (
                        <Field key={contact.userId}>
                          <Input
                            type="checkbox"
                            id={id}
                            name="present"
                            value={contact.userId}
                            defaultChecked={
                              attendanceFailure
                                ? typedPresent.includes(contact.userId)
                                : contact.present === true
                            }
                          />
                          <Label htmlFor={id} weight="regular">
                            {t("implementation.networks.meeting.presentLabel", {
                              name: contact.name,
                            })}
                          </Label>
                        </Field>
                      );
                    })
                  )}
                </Fieldset>
              );
            })}
          </div>
          <div className="form__actions">
            <Button type="submit" name="intent" value="attendance">
              {t("implementation.networks.meeting.saveAttendance")}
            </Button>
          </div>
        </Form>
      ) : null}
    </section>
  );
}

function UnitNotes({
  unit,
  failure,
  open,
}: {
  unit: MeetingUnit;
  failure?: ActionFailure;
  open: boolean;
}) {
  const t = useT();
  const language = useRouteLoaderData<RootData>("root")?.language ?? "nb";
  const headingId = `notater-${unit.id}`;
  const mine = failure && failure.values.unitId === unit.id ? failure : undefined;
  const shownFailure = suffixed(mine, unit.id);
  const showForm = unit.canWriteNotes && (open || mine !== undefined);
  const field = (name: "done" | "wise" | "learned") => (
    <LongTextField
      name={name}
      id={`${name}-${unit.id}`}
      label={t(`implementation.networks.meeting.${name}`)}
      help={t(`implementation.networks.meeting.${name}Help`)}
      maxLength={NOTE_MAX}
      rows={3}
      defaultValue={valueOf(mine, name, unit.notes?.[name])}
      error={shownFailure?.fieldErrors[`${name}-${unit.id}`]}
    />
  );
  return (
    <section aria-labelledby={headingId} className="network-notes">
      <Heading level={3} data-size="sm" id={headingId}>
        {unit.name}
      </Heading>
      {unit.notes ? (
        <>
          <dl className="details-list">
            {(["done", "wise", "learned"] as const).map((name) => (
              <Fragment key={name}>
                <dt>{t(`implementation.networks.meeting.${name}`)}</dt>
                <dd className="relay-log-meetings__text">
                  {unit.notes![name] || t("implementation.networks.meeting.emptyField")}
                </dd>
              </Fragment>
            ))}
          </dl>
          {unit.notes.writtenByName ? (
            <Paragraph data-size="sm">
              {t("implementation.networks.meeting.writtenBy", {
                name: unit.notes.writtenByName,
                date: formatDateTime(unit.notes.updatedAt, language),
              })}
            </Paragraph>
          ) : null}
        </>
      ) : (
        <Paragraph>{t("implementation.networks.meeting.noNotes")}</Paragraph>
      )}
      {showForm ? (
        <Form method="post" className="form" noValidate aria-labelledby={headingId}>
          <CsrfField />
          <input type="hidden" name="section" value="notes" />
          <input type="hidden" name="unitId" value={unit.id} />
          <FormErrors failure={shownFailure} />
          {field("done")}
          {field("wise")}
          {field("learned")}
          <div className="form__actions">
            <Button type="submit" name="intent" value="notes">
              {t("implementation.networks.meeting.saveNotes", { unit: unit.name })}
            </Button>
          </div>
        </Form>
      ) : unit.canWriteNotes ? (
        <Paragraph>
          <DsLink asChild>
            <Link to={`?enhet=${unit.id}#${headingId}`}>
              {t("implementation.networks.meeting.writeFor", { unit: unit.name })}
            </Link>
          </DsLink>
        </Paragraph>
      ) : null}
    </section>
  );
}

function CoordinatorSections({
  page,
  failure,
}: {
  page: NetworkMeetingPage;
  failure?: ActionFailure;
}) {
  const t = useT();
  const { meeting } = page;
  const editFailure = failureFor(failure, "edit");
  const cancelFailure = failureFor(failure, "cancel");
  if (meeting.status === "cancelled") return null;
  return (
    <>
      <section aria-labelledby="edit-heading">
        <Heading level={2} data-size="md" id="edit-heading">
          {t("implementation.networks.meeting.editHeading")}
        </Heading>
        <Form method="post" className="form" noValidate aria-labelledby="edit-heading">
          <CsrfField />
          <input type="hidden" name="section" value="edit" />
          <FormErrors failure={editFailure} />
          <ClockField
            type="date"
            name="meetsOn"
            label={t("implementation.networks.network.meetsOn")}
            help={t("implementation.networks.network.meetsOnHelp")}
            required
            defaultValue={valueOf(editFailure, "meetsOn", meeting.meetsOn)}
            error={editFailure?.fieldErrors.meetsOn}
          />
          <ClockField
            type="time"
            name="startsAt"
            label={t("implementation.networks.network.startsAt")}
            help={t("implementation.networks.network.startsAtHelp")}
            defaultValue={valueOf(editFailure, "startsAt", meeting.startsAt)}
            error={editFailure?.fieldErrors.startsAt}
          />
          <TextField
            name="place"
            label={t("implementation.networks.network.place")}
            maxLength={MEETING_PLACE_MAX}
            defaultValue={valueOf(editFailure, "place", meeting.place)}
            error={editFailure?.fieldErrors.place}
          />
          <TextField
            name="theme"
            label={t("implementation.networks.network.theme")}
            maxLength={MEETING_THEME_MAX}
            defaultValue={valueOf(editFailure, "theme", meeting.theme)}
            error={editFailure?.fieldErrors.theme}
          />
          <LongTextField
            name="summary"
            label={t("implementation.networks.meeting.summary")}
            help={t("implementation.networks.meeting.summaryHelp")}
            maxLength={MEETING_SUMMARY_MAX}
            defaultValue={valueOf(editFailure, "summary", meeting.summary)}
            error={editFailure?.fieldErrors.summary}
          />
          <div className="form__actions">
            <Button type="submit" name="intent" value="edit">
              {t("implementation.networks.meeting.save")}
            </Button>
          </div>
        </Form>
      </section>
      {meeting.status === "planned" ? (
        <section aria-labelledby="cancel-heading">
          <Heading level={2} data-size="md" id="cancel-heading">
            {t("implementation.networks.meeting.cancelHeading")}
          </Heading>
          <Form method="post" className="form" noValidate aria-labelledby="cancel-heading">
            <CsrfField />
            <input type="hidden" name="section" value="cancel" />
            <FormErrors failure={cancelFailure} />
            <CheckField
              name="confirm"
              label={t("implementation.networks.meeting.cancelConfirm")}
              help={t("implementation.networks.meeting.cancelHelp")}
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
                {t("implementation.networks.meeting.cancelButton")}
              </Button>
            </div>
          </Form>
        </section>
      ) : null}
    </>
  );
}

export default function NetworkMeetingRoute() {
  const t = useT();
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const [params] = useSearchParams();
  const notice = params.get("melding");
  const { meeting, network } = page;
  const title = t("implementation.networks.meeting.title", {
    date: norwegianDate(meeting.meetsOn),
  });
  const notesFailure = failureFor(failure, "notes");
  const openUnit = params.get("enhet");
  return (
    <div className="page">
      <title>{`${title} – ${network.name} – ${t("app.name")}`}</title>
      <Paragraph data-size="sm">
        <DsLink asChild>
          <Link to={`/implementering/nettverk/${network.id}?ar=${meeting.meetsOn.slice(0, 4)}`}>
            {t("implementation.networks.backToNetwork", { name: network.name })}
          </Link>
        </DsLink>
      </Paragraph>
      <Heading level={1} data-size="lg">
        {title}
      </Heading>
      {notice && notices.has(notice) ? <Notice>{t(notice)}</Notice> : null}

      <section aria-labelledby="details-heading">
        <Heading level={2} data-size="md" id="details-heading">
          {t("implementation.networks.meeting.detailsHeading")}
        </Heading>
        <dl className="details-list">
          <dt>{t("implementation.networks.meeting.networkLabel")}</dt>
          <dd>{network.name}</dd>
          <dt>{t("implementation.networks.meeting.statusLabel")}</dt>
          <dd>
            <StatusTag meeting={meeting} />
          </dd>
          <dt>{t("implementation.networks.meeting.dateLabel")}</dt>
          <dd>{norwegianDate(meeting.meetsOn)}</dd>
          <dt>{t("implementation.networks.meeting.timeLabel")}</dt>
          <dd>{meeting.startsAt || t("implementation.networks.meeting.none")}</dd>
          <dt>{t("implementation.networks.meeting.placeLabel")}</dt>
          <dd>{meeting.place || t("implementation.networks.meeting.none")}</dd>
          <dt>{t("implementation.networks.meeting.themeLabel")}</dt>
          <dd>{meeting.theme || t("implementation.networks.meeting.none")}</dd>
          {meeting.summary ? (
            <>
              <dt>{t("implementation.networks.meeting.summaryLabel")}</dt>
              <dd className="relay-log-meetings__text">{meeting.summary}</dd>
            </>
          ) : null}
        </dl>
        <Alert data-color="info">{t("implementation.networks.meeting.privacy")}</Alert>
      </section>

      <AgendaSection
        page={page}
        path={`/implementering/nettverk/${network.id}/moter/${meeting.id}`}
        failure={failure}
      />
      <AttendanceSection page={page} failure={failure} />

      <section aria-labelledby="notes-heading">
        <Heading level={2} data-size="md" id="notes-heading">
          {t("implementation.networks.meeting.notesHeading")}
        </Heading>
        <Paragraph>{t("implementation.networks.meeting.notesIntro")}</Paragraph>
        {page.units.map((unit) => (
          <UnitNotes
            key={unit.id}
            unit={unit}
            failure={notesFailure}
            open={unit.own || openUnit === unit.id}
          />
        ))}
      </section>

      {page.canManage ? <CoordinatorSections page={page} failure={failure} /> : null}
    </div>
  );
}
