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
  cancelTrainingEvent,
  getTrainingEventAdmin,
  recordTrainingAttendance,
  setTrainingInvitations,
  updateTrainingEvent,
} from "../../core/implementation/training.ts";
import { MIN_EVALUATION_ANSWERS } from "../../core/implementation/training-rules.ts";
import { htmlLang } from "../../i18n/index.ts";
import {
  CheckboxGroup,
  CsrfField,
  FormErrors,
  Notice,
  RadioGroup,
  valuesOf,
} from "../components/forms.tsx";
import {
  EventFacts,
  EventForm,
  PlainText,
  useLanguage,
} from "../components/implementation-training.tsx";
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
import type { Route } from "./+types/implementation.training.event";

/**
 * /implementering/opplaering/:eventId: one event for the coordinator — its facts and edit form,
 * the units invited, who registered, attendance after the start, the anonymous evaluation's
 * results (from five answers), a CSV export, and cancelling behind a confirmation step.
 * Readers with implementation.view see everything but the forms.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "implementation.view");
  return loadOr404(() =>
    getTrainingEventAdmin({
      database: context.services.database,
      actor,
      eventId: params.eventId,
    }),
  );
}

const T = "implementation.training";
const ATTENDANCE_PREFIX = "oppmote-";

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  const form = await request.formData();
  const intent = form.get("intent");
  const values = formToObject(form);
  const common = {
    database: context.services.database,
    actor,
    meta: context.meta,
    eventId: params.eventId,
  };
  const path = `/implementering/opplaering/${params.eventId}`;
  return runAction(values, async () => {
    if (intent === "cancel") {
      await cancelTrainingEvent(common);
      return redirect(withNotice(path, `${T}.admin.cancelledNotice`));
    }
    if (intent === "invite" || intent === "inviteAll") {
      const result = await setTrainingInvitations({
        ...common,
        unitIds: values.unitIds,
        all: intent === "inviteAll",
      });
      return redirect(
        withNotice(path, `${T}.admin.invitationsSaved`, {
          lagt: String(result.added),
          fjernet: String(result.removed),
          varslet: String(result.notified),
        }),
      );
    }
    if (intent === "attendance") {
      const attendance = Object.entries(values)
        .filter(([key]) => key.startsWith(ATTENDANCE_PREFIX))
        .map(([key, value]) => ({
          registrationId: key.slice(ATTENDANCE_PREFIX.length),
          present: value === "present",
        }));
      await recordTrainingAttendance({ ...common, attendance });
      return redirect(withNotice(path, `${T}.admin.attendanceSaved`));
    }
    const { section: _section, ...eventValues } = values;
    await updateTrainingEvent({ ...common, values: eventValues });
    return redirect(withNotice(path, `${T}.admin.saved`));
  });
}

const pageNotices = [
  `${T}.admin.created`,
  `${T}.admin.saved`,
  `${T}.admin.cancelledNotice`,
  `${T}.admin.invitationsSaved`,
  `${T}.admin.attendanceSaved`,
];

/** Which form a failed post came from (each form posts a hidden `section`). */
function failureFor(failure: ActionFailure | undefined, section: string) {
  return failure?.values.section === section ? failure : undefined;
}

export default function TrainingEventAdminPage() {
  const t = useT();
  const language = useLanguage();
  const { event, units, invitedUnitIds, registrations, results, components, canManage } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const otherFailure =
    failure && !["event", "invite", "attendance"].includes(String(failure.values.section ?? ""))
      ? failure
      : undefined;
  const [params] = useSearchParams();
  const notice = params.get("melding");
  const confirmingCancel = params.get("bekreft") === "avlys" && canManage && !event.cancelled;
  const path = `/implementering/opplaering/${event.id}`;
  const invitedNames = units.filter((unit) => invitedUnitIds.includes(unit.id));
  const attendanceFailure = failureFor(failure, "attendance");

  return (
    <div className="page">
      <title>{`${event.title} – ${t(`${T}.admin.title`)} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {event.title}
      </Heading>
      {event.cancelled ? (
        <Paragraph>
          <Tag data-color="danger">{t(`${T}.state.cancelled`)}</Tag>
        </Paragraph>
      ) : null}
      {notice && pageNotices.includes(notice) ? (
        <Notice>
          {t(notice, {
            added: params.get("lagt") ?? "0",
            removed: params.get("fjernet") ?? "0",
            notified: params.get("varslet") ?? "0",
          })}
        </Notice>
      ) : null}
      <FormErrors failure={otherFailure} />
      <div className="actions">
        <DsLink asChild>
          <Link to="/implementering/opplaering">{t(`${T}.admin.backToList`)}</Link>
        </DsLink>
        <DsLink asChild>
          <Link to={`/opplaering/${event.id}`}>{t(`${T}.admin.viewAsStaff`)}</Link>
        </DsLink>
      </div>

      <section aria-labelledby="facts-heading">
        <Heading level={2} data-size="md" id="facts-heading">
          {t(`${T}.admin.factsHeading`)}
        </Heading>
        <EventFacts event={event} />
        {event.description ? <PlainText text={event.description} /> : null}
      </section>

      <section aria-labelledby="invitations-heading">
        <Heading level={2} data-size="md" id="invitations-heading">
          {t(`${T}.admin.invitationsHeading`)}
        </Heading>
        {invitedUnitIds.length === 0 ? (
          <Paragraph>{t(`${T}.admin.noInvitations`)}</Paragraph>
        ) : (
          <Paragraph>
            {t(`${T}.admin.invitedCount`, { count: invitedUnitIds.length, total: units.length })}
          </Paragraph>
        )}
        {canManage && !event.cancelled && !event.over ? (
          <>
            <FormErrors failure={failureFor(failure, "invite")} />
            <Form method="post" className="form" noValidate>
              <CsrfField />
              <input type="hidden" name="section" value="invite" />
              <CheckboxGroup
                name="unitIds"
                legend={t(`${T}.admin.invitationsLegend`)}
                description={t(`${T}.admin.invitationsHelp`)}
                options={units.map((unit) => ({ value: unit.id, label: unit.name }))}
                checked={valuesOf(failureFor(failure, "invite"), "unitIds", invitedUnitIds)}
                error={failureFor(failure, "invite")?.fieldErrors.unitIds}
              />
              <div className="form__actions">
                <Button type="submit" name="intent" value="invite">
                  {t(`${T}.admin.saveInvitations`)}
                </Button>
                <Button type="submit" name="intent" value="inviteAll" variant="secondary">
                  {t(`${T}.admin.inviteAll`)}
                </Button>
              </div>
            </Form>
          </>
        ) : invitedNames.length > 0 ? (
          <ul>
            {invitedNames.map((unit) => (
              <li key={unit.id}>{unit.name}</li>
            ))}
          </ul>
        ) : null}
      </section>

      <section aria-labelledby="registrations-heading">
        <Heading level={2} data-size="md" id="registrations-heading">
          {t(`${T}.admin.registrationsHeading`)}
        </Heading>
        <Paragraph>
          {event.capacity === null
            ? t(`${T}.admin.registeredUnlimited`, { count: registrations.length })
            : t(`${T}.admin.registeredOf`, {
                count: registrations.length,
                capacity: event.capacity,
              })}
        </Paragraph>
        {registrations.length === 0 ? (
          <Paragraph>{t(`${T}.admin.noRegistrations`)}</Paragraph>
        ) : (
          <>
            <div className="table-wrapper">
              <Table>
                <caption className="visually-hidden">
                  {t(`${T}.admin.registrationsHeading`)}
                </caption>
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell>{t(`${T}.admin.columns.name`)}</Table.HeaderCell>
                    <Table.HeaderCell>{t(`${T}.admin.columns.unit`)}</Table.HeaderCell>
                    <Table.HeaderCell>{t(`${T}.admin.columns.registeredAt`)}</Table.HeaderCell>
                    <Table.HeaderCell>{t(`${T}.admin.columns.attendance`)}</Table.HeaderCell>
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {registrations.map((registration) => (
                    <Table.Row key={registration.id}>
                      <Table.Cell>{registration.name}</Table.Cell>
                      <Table.Cell>{registration.unitName ?? "–"}</Table.Cell>
                      <Table.Cell>{formatDateTime(registration.registeredAt, language)}</Table.Cell>
                      <Table.Cell>
                        {registration.attended === null
                          ? t(`${T}.admin.attendanceUnknown`)
                          : registration.attended
                            ? t(`${T}.admin.present`)
                            : t(`${T}.admin.absent`)}
                      </Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            </div>
            <div className="actions">
              <DsLink asChild>
                <a href={`${path}/pameldte.csv`} download>
                  {t(`${T}.admin.exportCsv`)}
                </a>
              </DsLink>
            </div>
          </>
        )}
      </section>

      {canManage && !event.cancelled && registrations.length > 0 ? (
        <section aria-labelledby="attendance-heading">
          <Heading level={2} data-size="md" id="attendance-heading">
            {t(`${T}.admin.attendanceHeading`)}
          </Heading>
          {!event.started ? (
            <Paragraph>{t(`${T}.admin.attendanceLater`)}</Paragraph>
          ) : (
            <>
              <Paragraph>{t(`${T}.admin.attendanceIntro`)}</Paragraph>
              <FormErrors failure={attendanceFailure} />
              <Form method="post" className="form" noValidate id="attendance">
                <CsrfField />
                <input type="hidden" name="section" value="attendance" />
                {registrations.map((registration) => {
                  const name = `${ATTENDANCE_PREFIX}${registration.id}`;
                  const typed = attendanceFailure?.values[name];
                  const stored =
                    registration.attended === null
                      ? undefined
                      : registration.attended
                        ? "present"
                        : "absent";
                  return (
                    <RadioGroup
                      key={registration.id}
                      name={name}
                      legend={
                        registration.unitName
                          ? `${registration.name} (${registration.unitName})`
                          : registration.name
                      }
                      options={[
                        { value: "present", label: t(`${T}.admin.present`) },
                        { value: "absent", label: t(`${T}.admin.absent`) },
                      ]}
                      checked={typeof typed === "string" ? typed : stored}
                    />
                  );
                })}
                <div className="form__actions">
                  <Button type="submit" name="intent" value="attendance">
                    {t(`${T}.admin.saveAttendance`)}
                  </Button>
                </div>
              </Form>
            </>
          )}
        </section>
      ) : null}

      <section aria-labelledby="results-heading">
        <Heading level={2} data-size="md" id="results-heading">
          {t(`${T}.admin.resultsHeading`)}
        </Heading>
        {!results.shown ? (
          <Paragraph>
            {t(`${T}.admin.resultsHidden`, { min: MIN_EVALUATION_ANSWERS })}{" "}
            {t(`${T}.admin.answersSoFar`, { count: results.answers })}
          </Paragraph>
        ) : (
          <>
            <Paragraph>{t(`${T}.admin.answers`, { count: results.answers })}</Paragraph>
            <dl className="details-list">
              <dt>{t(`${T}.evaluation.overall`)}</dt>
              <dd>
                {t(`${T}.admin.average`, {
                  value: results.overall.toLocaleString(htmlLang[language]),
                })}
              </dd>
              <dt>{t(`${T}.evaluation.usefulness`)}</dt>
              <dd>
                {t(`${T}.admin.average`, {
                  value: results.usefulness.toLocaleString(htmlLang[language]),
                })}
              </dd>
            </dl>
            <Heading level={3} data-size="sm">
              {t(`${T}.evaluation.bestPart`)}
            </Heading>
            {results.bestParts.length === 0 ? (
              <Paragraph>{t(`${T}.admin.noTexts`)}</Paragraph>
            ) : (
              <ul>
                {results.bestParts.map((text, index) => (
                  <li key={index}>{text}</li>
                ))}
              </ul>
            )}
            <Heading level={3} data-size="sm">
              {t(`${T}.evaluation.improve`)}
            </Heading>
            {results.improvements.length === 0 ? (
              <Paragraph>{t(`${T}.admin.noTexts`)}</Paragraph>
            ) : (
              <ul>
                {results.improvements.map((text, index) => (
                  <li key={index}>{text}</li>
                ))}
              </ul>
            )}
          </>
        )}
      </section>

      {canManage && !event.cancelled ? (
        <section aria-labelledby="edit-heading">
          <Heading level={2} data-size="md" id="edit-heading">
            {t(`${T}.admin.editHeading`)}
          </Heading>
          <EventForm
            failure={failureFor(failure, "event")}
            stored={event}
            components={components}
            submitLabel={t(`${T}.admin.save`)}
            cancelHref={path}
          />
        </section>
      ) : null}

      {canManage && !event.cancelled ? (
        <section aria-labelledby="cancel-heading">
          <Heading level={2} data-size="md" id="cancel-heading">
            {t(`${T}.admin.cancelHeading`)}
          </Heading>
          {confirmingCancel ? (
            <Alert data-color="warning">
              <Paragraph>
                {t(`${T}.admin.cancelQuestion`, {
                  title: event.title,
                  count: registrations.length,
                })}
              </Paragraph>
              <Form method="post" className="form__actions">
                <CsrfField />
                <Button type="submit" name="intent" value="cancel" data-color="danger">
                  {t(`${T}.admin.cancelConfirm`)}
                </Button>
                <Button asChild variant="tertiary">
                  <Link to={path}>{t(`${T}.admin.cancelKeep`)}</Link>
                </Button>
              </Form>
            </Alert>
          ) : (
            <div className="actions">
              <Button asChild variant="secondary" data-color="danger">
                <Link to="?bekreft=avlys">{t(`${T}.admin.cancelEvent`)}</Link>
              </Button>
            </div>
          )}
        </section>
      ) : null}
    </div>
  );
}
