import { DateField } from "../components/relay-log-plan-fields.tsx";
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
import { coverageText } from "../../core/implementation/overview.ts";
import {
  appointBtsContact,
  changeUnitStage,
  getUnitDetail,
  MAX_BTS_CONTACTS,
  removeBtsContact,
  setUnitPilot,
  STAGE_REASON_MAX,
  stages,
} from "../../core/implementation/units.ts";
import { osloDate } from "../../core/platform/dates.ts";
import { CsrfField, FormErrors, Notice, SelectField, valueOf } from "../components/forms.tsx";
import { formatDay, useLanguage } from "../components/implementation-units.tsx";
import { TextAreaField } from "../components/relay-log-plan-fields.tsx";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  isFailure,
  loadOr404,
  requirePermission,
  runAction,
  withNotice,
} from "../lib/route-helpers.ts";
import type { Route } from "./+types/implementation.units.item";

const notices = new Set([
  "implementation.units.notices.appointed",
  "implementation.units.notices.removed",
  "implementation.units.notices.pilotOn",
  "implementation.units.notices.pilotOff",
  "implementation.units.notices.stageChanged",
]);

/** The stage form's fields: a failure carrying one of them belongs to that form. */
const stageFields = ["stage", "changedOn", "reason"];

/**
 * /implementering/enheter/:unitId: one unit — its BTS contacts (appoint, remove), pilot marking,
 * implementation stage with history, training coverage and onboarding status. Units outside the
 * actor's scope are not found.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "implementation.view");
  const unit = await loadOr404(() =>
    getUnitDetail({ database: context.services.database, actor, unitId: params.unitId }),
  );
  return {
    unit,
    coverageText: coverageText(unit.coverage, context.language),
    today: osloDate(),
    stages: [...stages],
    maxContacts: MAX_BTS_CONTACTS,
    reasonMax: STAGE_REASON_MAX,
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "implementation.view");
  const form = await request.formData();
  const values = formToObject(form);
  const intent = form.get("intent");
  const common = {
    database: context.services.database,
    actor,
    meta: context.meta,
    unitId: params.unitId,
  };
  const self = `/implementering/enheter/${params.unitId}`;
  return runAction(values, async () => {
    if (intent === "appoint") {
      await appointBtsContact({ ...common, values });
      return redirect(withNotice(self, "implementation.units.notices.appointed"));
    }
    if (intent === "remove") {
      await removeBtsContact({ ...common, userId: String(values.userId ?? "") });
      return redirect(withNotice(self, "implementation.units.notices.removed"));
    }
    if (intent === "pilot-on" || intent === "pilot-off") {
      await setUnitPilot({ ...common, pilot: intent === "pilot-on" });
      return redirect(
        withNotice(
          self,
          intent === "pilot-on"
            ? "implementation.units.notices.pilotOn"
            : "implementation.units.notices.pilotOff",
        ),
      );
    }
    if (intent === "stage") {
      await changeUnitStage({ ...common, values });
      return redirect(withNotice(self, "implementation.units.notices.stageChanged"));
    }
    throw new Response(null, { status: 400 });
  });
}

export default function UnitPage() {
  const t = useT();
  const language = useLanguage();
  const { unit, coverageText, today, stages, maxContacts, reasonMax } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const stageFailure =
    failure && Object.keys(failure.fieldErrors).some((field) => stageFields.includes(field))
      ? failure
      : undefined;
  const appointFailure = failure && !stageFailure ? failure : undefined;
  const [params] = useSearchParams();
  const notice = params.get("melding");
  const removing = unit.contacts.find((contact) => contact.userId === params.get("fjern"));
  const self = `/implementering/enheter/${unit.id}`;
  return (
    <div className="page">
      <title>{`${unit.name} – ${t("implementation.common.title")} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {unit.name}
      </Heading>
      <div className="actions">
        <DsLink asChild>
          <Link to="/implementering">{t("implementation.units.unit.back")}</Link>
        </DsLink>
      </div>
      {notice && notices.has(notice) ? <Notice>{t(notice)}</Notice> : null}

      <section aria-labelledby="status-heading" className="page">
        <Heading level={2} data-size="md" id="status-heading">
          {t("implementation.units.unit.statusHeading")}
        </Heading>
        <dl className="details-list">
          <dt>{t("implementation.units.unit.serviceType")}</dt>
          <dd>{t(`serviceType.${unit.serviceType}`)}</dd>
          <dt>{t("implementation.units.columns.pilot")}</dt>
          <dd>
            {unit.pilot ? t("implementation.units.pilot") : t("implementation.units.notPilot")}
          </dd>
          <dt>{t("implementation.units.unit.stage")}</dt>
          <dd>
            {unit.stage
              ? `${t(`implementation.units.stages.${unit.stage.stage}`)}, ${t(
                  "implementation.units.stageSince",
                  { date: formatDay(unit.stage.since, language) },
                )}`
              : t("implementation.units.noStage")}
          </dd>
          <dt>{t("implementation.units.columns.coverage")}</dt>
          <dd>
            {coverageText}
            <Paragraph data-size="sm">{t("implementation.units.coverageHelp")}</Paragraph>
          </dd>
          <dt>{t("implementation.units.columns.onboarding")}</dt>
          <dd>
            {t("implementation.units.onboardingSummary", unit.onboarding)}
            <br />
            <DsLink asChild>
              <Link to={`/implementering/nyansatte?enhet=${unit.id}`}>
                {t("implementation.units.unit.onboardingLink")}
              </Link>
            </DsLink>
          </dd>
        </dl>
      </section>

      <section aria-labelledby="contacts-heading" className="page">
        <Heading level={2} data-size="md" id="contacts-heading">
          {t("implementation.units.contacts.heading")}
        </Heading>
        <Paragraph>{t("implementation.units.contacts.intro")}</Paragraph>
        {unit.contacts.length === 0 ? (
          <Paragraph>
            <Tag data-color="warning">{t("implementation.units.noContact")}</Tag>
          </Paragraph>
        ) : (
          <ul>
            {unit.contacts.map((contact) => (
              <li key={contact.userId}>
                <strong>{contact.name}</strong>
                {contact.active ? "" : ` (${t("implementation.units.contacts.inactive")})`},{" "}
                {t("implementation.units.contacts.appointedOn", {
                  date: formatDay(contact.appointedOn, language),
                })}
                {unit.may.appoint && removing?.userId !== contact.userId ? (
                  <>
                    {" "}
                    <DsLink asChild>
                      <Link
                        to={`?fjern=${contact.userId}`}
                        aria-label={t("implementation.units.contacts.removeNamed", {
                          name: contact.name,
                        })}
                      >
                        {t("implementation.units.contacts.remove")}
                      </Link>
                    </DsLink>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {unit.may.appoint && removing ? (
          <Alert data-color="warning">
            <Paragraph>
              {t("implementation.units.contacts.removeConfirm", {
                name: removing.name,
                unit: unit.name,
              })}
            </Paragraph>
            <Form method="post" action={self} className="form__actions">
              <CsrfField />
              <input type="hidden" name="userId" value={removing.userId} />
              <Button type="submit" name="intent" value="remove" data-color="danger">
                {t("implementation.units.contacts.confirmRemove")}
              </Button>
              <Button asChild variant="tertiary">
                <Link to={self}>{t("implementation.units.contacts.cancel")}</Link>
              </Button>
            </Form>
          </Alert>
        ) : null}

        {unit.may.appoint ? (
          <section aria-labelledby="appoint-heading" className="page">
            <Heading level={3} data-size="sm" id="appoint-heading">
              {t("implementation.units.contacts.appointHeading")}
            </Heading>
            {unit.contacts.length >= maxContacts ? (
              <Paragraph>{t("implementation.units.contacts.full")}</Paragraph>
            ) : unit.candidates.length === 0 ? (
              <Paragraph>{t("implementation.units.contacts.noCandidates")}</Paragraph>
            ) : (
              <Form method="post" action={self} className="form" noValidate>
                <CsrfField />
                <FormErrors failure={appointFailure} />
                <SelectField
                  name="userId"
                  label={t("implementation.units.contacts.person")}
                  help={t("implementation.units.contacts.personHelp")}
                  placeholder={t("implementation.units.contacts.choose")}
                  required
                  options={unit.candidates.map((person) => ({
                    value: person.userId,
                    label: person.name,
                  }))}
                  defaultValue={valueOf(appointFailure, "userId")}
                  error={appointFailure?.fieldErrors.userId}
                />
                <div className="form__actions">
                  <Button type="submit" name="intent" value="appoint">
                    {t("implementation.units.contacts.appoint")}
                  </Button>
                </div>
              </Form>
            )}
          </section>
        ) : null}
      </section>

      {unit.may.setPilot ? (
        <section aria-labelledby="pilot-heading" className="page">
          <Heading level={2} data-size="md" id="pilot-heading">
            {t("implementation.units.pilotSection.heading")}
          </Heading>
          <Paragraph>
            {unit.pilot
              ? t("implementation.units.pilotSection.isPilot")
              : t("implementation.units.pilotSection.notPilot")}
          </Paragraph>
          <Form method="post" action={self} className="actions">
            <CsrfField />
            <Button
              type="submit"
              name="intent"
              value={unit.pilot ? "pilot-off" : "pilot-on"}
              variant="secondary"
            >
              {unit.pilot
                ? t("implementation.units.pilotSection.unmark")
                : t("implementation.units.pilotSection.mark")}
            </Button>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="stage-heading" className="page">
        <Heading level={2} data-size="md" id="stage-heading">
          {t("implementation.units.stage.heading")}
        </Heading>
        <Paragraph>
          {unit.stage
            ? t("implementation.units.stage.current", {
                stage: t(`implementation.units.stages.${unit.stage.stage}`),
                date: formatDay(unit.stage.since, language),
              })
            : t("implementation.units.stage.none")}
        </Paragraph>

        {unit.may.changeStage ? (
          <section aria-labelledby="stage-change-heading" className="page">
            <Heading level={3} data-size="sm" id="stage-change-heading">
              {t("implementation.units.stage.changeHeading")}
            </Heading>
            <Form method="post" action={self} className="form" noValidate>
              <CsrfField />
              <FormErrors failure={stageFailure} />
              <SelectField
                name="stage"
                label={t("implementation.units.stage.field")}
                placeholder={t("implementation.units.stage.choose")}
                required
                options={stages.map((stage) => ({
                  value: stage,
                  label: t(`implementation.units.stages.${stage}`),
                }))}
                defaultValue={valueOf(stageFailure, "stage")}
                error={stageFailure?.fieldErrors.stage}
              />
              <DateField
                id="changedOn"
                name="changedOn"
                label={t("implementation.units.stage.date")}
                help={t("implementation.units.stage.dateHelp")}
                required
                max={today}
                defaultValue={valueOf(stageFailure, "changedOn", today)}
                error={stageFailure?.fieldErrors.changedOn}
              />
              <TextAreaField
                name="reason"
                label={t("implementation.units.stage.reason")}
                help={t("implementation.units.stage.reasonHelp")}
                required
                maxLength={reasonMax}
                rows={3}
                defaultValue={valueOf(stageFailure, "reason")}
                error={stageFailure?.fieldErrors.reason}
              />
              <div className="form__actions">
                <Button type="submit" name="intent" value="stage">
                  {t("implementation.units.stage.save")}
                </Button>
              </div>
            </Form>
          </section>
        ) : null}

        <Heading level={3} data-size="sm" id="history-heading">
          {t("implementation.units.stage.historyHeading")}
        </Heading>
        {unit.history.length === 0 ? (
          <Paragraph>{t("implementation.units.stage.historyEmpty")}</Paragraph>
        ) : (
          <div className="table-wrapper">
            <Table>
              <caption className="visually-hidden">
                {t("implementation.units.stage.historyCaption", { unit: unit.name })}
              </caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t("implementation.units.columns.date")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("implementation.units.columns.stage")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("implementation.units.columns.reason")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("implementation.units.columns.changedBy")}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {unit.history.map((change) => (
                  <Table.Row key={change.id}>
                    <Table.Cell>{formatDay(change.changedOn, language)}</Table.Cell>
                    <Table.Cell>{t(`implementation.units.stages.${change.stage}`)}</Table.Cell>
                    <Table.Cell>{change.reason}</Table.Cell>
                    <Table.Cell>{change.changedByName ?? "–"}</Table.Cell>
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
