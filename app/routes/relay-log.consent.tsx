import {
  Alert,
  Button,
  Heading,
  Link as DsLink,
  Paragraph,
  Tag,
} from "@digdir/designsystemet-react";
import { Form, Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { getConsentPage, recordConsent, withdrawConsent } from "../../core/relay-log/consent.ts";
import {
  consentAttachmentTypes,
  missingGuardians,
  staffConsentMethods,
  WITHDRAW_NOTE_MAX,
  WITNESS_MAX,
  type ConsentRecordStatus,
} from "../../core/relay-log/consent-rules.ts";
import {
  CheckboxGroup,
  CsrfField,
  FormErrors,
  Notice,
  RadioGroup,
  TextField,
  valueOf,
  valuesOf,
} from "../components/forms.tsx";
import {
  ConfirmCheckbox,
  ConsentDateField,
  FileField,
  SingleCheckbox,
} from "../components/relay-log-consent-fields.tsx";
import { logPath, RelayLogLayout } from "../components/relay-log-layout.tsx";
import { formatDate, TextAreaField } from "../components/worry-fields.tsx";
import { formatDateTime } from "../lib/format-date.ts";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  isFailure,
  loadOr404,
  requirePermission,
  runAction,
  withNotice,
} from "../lib/route-helpers.ts";
import type { Route } from "./+types/relay-log.consent";

/**
 * The consent page of a log (samtykke): its state, which units are covered and which are frozen
 * out, every consent record, and for the relay holder the form to record a consent (multipart,
 * with the scanned paper form) and a confirm step to withdraw one. Works without JavaScript.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "relaylog.use");
  const page = await loadOr404(() =>
    getConsentPage({
      database: context.services.database,
      actor,
      meta: context.meta,
      logId: params.logId,
    }),
  );
  return { ...page, language: context.language };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "relaylog.use");
  const form = await request.formData();
  const values = formToObject(form);
  const common = {
    database: context.services.database,
    actor,
    meta: context.meta,
    logId: params.logId,
  };
  const path = logPath(params.logId, "consent");
  return runAction(values, async () => {
    if (form.get("intent") === "withdraw") {
      const { consentId, ...rest } = values;
      await withdrawConsent({ ...common, consentId: String(consentId ?? ""), values: rest });
      return redirect(withNotice(path, "relayLog.consent.withdrawn"));
    }
    const file = form.get("attachment");
    const attachment =
      file && typeof file !== "string" && file.size > 0
        ? { bytes: new Uint8Array(await file.arrayBuffer()), name: file.name }
        : null;
    await recordConsent({ ...common, values, attachment });
    return redirect(withNotice(path, "relayLog.consent.recorded"));
  });
}

const statusColor: Record<ConsentRecordStatus, "success" | "warning" | "neutral" | "info"> = {
  valid: "success",
  expired: "warning",
  withdrawn: "neutral",
  upcoming: "info",
};

/**
 * Notices this page shows: its own, and those of the pages that lead here (a log just opened,
 * a handover accepted where consent must be renewed).
 */
const consentPageNotices = [
  "relayLog.consent.recorded",
  "relayLog.consent.withdrawn",
  "relayLog.open.opened",
  "relayLog.open.openedWithHandover",
  "relayLog.meetings.handover.renewConsentNotice",
];

export default function RelayLogConsentPage() {
  const t = useT();
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const [params] = useSearchParams();
  const notice = params.get("melding");
  const { header, requirement } = page;
  const canRecord = header.isHolder && header.canWrite && header.kind === "log";
  const withdrawing = canRecord
    ? page.records.find(
        (record) =>
          record.id === params.get("trekk") &&
          (record.status === "valid" || record.status === "upcoming"),
      )
    : undefined;
  const withdrawFailure = failure?.values.consentId !== undefined ? failure : undefined;
  const recordFailure = failure && !withdrawFailure ? failure : undefined;

  const giverLabel = (giver: { kind: string; name: string }) =>
    giver.kind === "youth" ? t("relayLog.consent.youthGiver", { name: giver.name }) : giver.name;
  const chosenGivers = valuesOf(recordFailure, "givers", []);
  const missing =
    recordFailure?.fieldErrors.givers === "relayLog.consent.guardiansMissing"
      ? missingGuardians(
          requirement,
          page.guardians,
          chosenGivers.filter((v) => v.startsWith("guardian:")).map((v) => v.slice(9)),
        )
      : [];
  const participatingUnitIds = [
    ...page.consentedUnits.map((unit) => unit.id),
    ...page.uncoveredUnits.map((unit) => unit.id),
  ];

  return (
    <RelayLogLayout header={header} current="consent">
      {notice && consentPageNotices.includes(notice) ? <Notice>{t(notice)}</Notice> : null}
      <Paragraph>{t("relayLog.consent.intro")}</Paragraph>

      {header.kind === "anonymous" ? (
        <Alert data-color="info">{t("relayLog.consent.anonymousNoConsent")}</Alert>
      ) : (
        <>
          <section aria-labelledby="consent-state-heading" className="relay-consent-state">
            <Heading level={2} data-size="md" id="consent-state-heading">
              {t("relayLog.consent.stateHeading")}
            </Heading>
            <Paragraph>
              <strong>{t(`relayLog.consent.state.${page.consentState}`)}</strong>
              {page.waitingFor > 0
                ? ` (${t("relayLog.consent.digitalWaiting", { count: page.waitingFor })})`
                : null}
            </Paragraph>
            {page.digitalProgress.length > 0 ? (
              <>
                <Heading level={3} data-size="xs">
                  {t("relayLog.consent.digitalHeading")}
                </Heading>
                <ul>
                  {page.digitalProgress.map((unit) => (
                    <li key={unit.id}>
                      {t("relayLog.consent.digitalUnit", {
                        unit: unit.name,
                        given: unit.given.join(", ") || t("relayLog.consent.digitalNobody"),
                        missing: unit.missing.join(", "),
                      })}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            <Heading level={3} data-size="xs">
              {t("relayLog.consent.consentedUnits")}
            </Heading>
            {page.consentedUnits.length > 0 ? (
              <ul>
                {page.consentedUnits.map((unit) => (
                  <li key={unit.id}>{unit.name}</li>
                ))}
              </ul>
            ) : (
              <Paragraph>{t("relayLog.consent.consentedNone")}</Paragraph>
            )}
            {page.uncoveredUnits.length > 0 ? (
              <>
                <Heading level={3} data-size="xs">
                  {t("relayLog.consent.uncoveredHeading")}
                </Heading>
                <Paragraph>{t("relayLog.consent.uncoveredIntro")}</Paragraph>
                <ul>
                  {page.uncoveredUnits.map((unit) => (
                    <li key={unit.id}>
                      <strong>{unit.name}</strong>
                      {": "}
                      {unit.frozenParticipants.length > 0
                        ? t("relayLog.consent.uncoveredParticipants", {
                            names: unit.frozenParticipants.join(", "),
                          })
                        : t("relayLog.consent.uncoveredNoParticipants")}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </section>

          {withdrawing ? (
            <section
              aria-labelledby="withdraw-heading"
              id="trekk"
              className="relay-consent-withdraw"
            >
              <Heading level={2} data-size="md" id="withdraw-heading">
                {t("relayLog.consent.withdrawHeading", { date: formatDate(withdrawing.givenOn) })}
              </Heading>
              <Alert data-color="warning">
                <Paragraph>{t("relayLog.consent.withdrawIntro")}</Paragraph>
              </Alert>
              <FormErrors failure={withdrawFailure} />
              <Form method="post" action={`?trekk=${withdrawing.id}`} className="form" noValidate>
                <CsrfField />
                <input type="hidden" name="consentId" value={withdrawing.id} />
                <TextAreaField
                  name="note"
                  label={t("relayLog.consent.withdrawNote")}
                  help={t("relayLog.consent.withdrawNoteHelp")}
                  maxLength={WITHDRAW_NOTE_MAX}
                  defaultValue={valueOf(withdrawFailure, "note")}
                  error={withdrawFailure?.fieldErrors.note}
                />
                <ConfirmCheckbox
                  label={t("relayLog.consent.withdrawConfirm")}
                  error={withdrawFailure?.fieldErrors.confirm}
                />
                <div className="form__actions">
                  <Button type="submit" name="intent" value="withdraw" data-color="danger">
                    {t("relayLog.consent.withdrawSubmit")}
                  </Button>
                  <Button asChild variant="tertiary">
                    <Link to={logPath(header.id, "consent")}>{t("relayLog.consent.cancel")}</Link>
                  </Button>
                </div>
              </Form>
            </section>
          ) : null}

          <section aria-labelledby="consent-records-heading">
            <Heading level={2} data-size="md" id="consent-records-heading">
              {t("relayLog.consent.recordsHeading")}
            </Heading>
            {page.records.length === 0 ? (
              <Paragraph>{t("relayLog.consent.noRecords")}</Paragraph>
            ) : (
              <ul className="relay-consent-records">
                {page.records.map((record) => (
                  <li key={record.id} className="relay-consent-record">
                    <Heading level={3} data-size="xs">
                      {t("relayLog.consent.recordTitle", { date: formatDate(record.givenOn) })}{" "}
                      <Tag data-color={statusColor[record.status]}>
                        {t(`relayLog.consent.status.${record.status}`)}
                      </Tag>
                    </Heading>
                    <dl className="details-list">
                      <dt>{t("relayLog.consent.fields.givers")}</dt>
                      <dd>{record.givers.map(giverLabel).join(", ")}</dd>
                      <dt>{t("relayLog.consent.fields.method")}</dt>
                      <dd>{t(`relayLog.consent.method.${record.method}`)}</dd>
                      {record.witness ? (
                        <>
                          <dt>{t("relayLog.consent.fields.witness")}</dt>
                          <dd>{record.witness}</dd>
                        </>
                      ) : null}
                      <dt>{t("relayLog.consent.fields.units")}</dt>
                      <dd>{record.units.map((unit) => unit.name).join(", ")}</dd>
                      <dt>{t("relayLog.consent.fields.givenOn")}</dt>
                      <dd>{formatDate(record.givenOn)}</dd>
                      <dt>{t("relayLog.consent.fields.expiresOn")}</dt>
                      <dd>{formatDate(record.expiresOn)}</dd>
                      <dt>{t("relayLog.consent.fields.recordedBy")}</dt>
                      <dd>
                        {record.recordedByFamily
                          ? t("relayLog.consent.recordedByFamily")
                          : (record.recordedByName ?? "–")}
                      </dd>
                      {record.withdrawnAt ? (
                        <>
                          <dt>{t("relayLog.consent.fields.withdrawn")}</dt>
                          <dd>{formatDateTime(record.withdrawnAt, page.language)}</dd>
                        </>
                      ) : null}
                      {record.withdrawnNote ? (
                        <>
                          <dt>{t("relayLog.consent.fields.withdrawnNote")}</dt>
                          <dd className="relay-consent-note">{record.withdrawnNote}</dd>
                        </>
                      ) : null}
                      {record.hasAttachment ? (
                        <>
                          <dt>{t("relayLog.consent.fields.attachment")}</dt>
                          <dd>
                            {header.isHolder ? (
                              <DsLink
                                href={`${logPath(header.id, "consent")}/${record.id}/skjema`}
                                download
                              >
                                {t("relayLog.consent.downloadAttachment", {
                                  name: record.attachmentName ?? "",
                                })}
                              </DsLink>
                            ) : (
                              t("relayLog.consent.attachmentOnFile")
                            )}
                          </dd>
                        </>
                      ) : null}
                    </dl>
                    {canRecord &&
                    (record.status === "valid" || record.status === "upcoming") &&
                    withdrawing?.id !== record.id ? (
                      <Button asChild variant="secondary" data-color="danger" data-size="sm">
                        <Link to={`?trekk=${record.id}#trekk`}>
                          {t("relayLog.consent.withdraw")}
                          <span className="visually-hidden">
                            {" "}
                            (
                            {t("relayLog.consent.recordTitle", {
                              date: formatDate(record.givenOn),
                            })}
                            )
                          </span>
                        </Link>
                      </Button>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </section>

          {header.isHolder && !header.canWrite ? (
            <Paragraph>{t("relayLog.consent.closedNoRecord")}</Paragraph>
          ) : null}

          {canRecord ? (
            <section aria-labelledby="record-heading" className="relay-consent-form">
              <Heading level={2} data-size="md" id="record-heading">
                {t("relayLog.consent.recordHeading")}
              </Heading>
              <Paragraph>{t("relayLog.consent.recordIntro")}</Paragraph>
              <Paragraph>
                {requirement.age === null
                  ? t("relayLog.consent.requirementNoBirthDate")
                  : requirement.youthRequired
                    ? t("relayLog.consent.requirementYouth", {
                        age: requirement.age,
                        consentAge: requirement.consentAge,
                      })
                    : t("relayLog.consent.requirementGuardians", {
                        age: requirement.age,
                        consentAge: requirement.consentAge,
                      })}
              </Paragraph>
              {page.guardians.length === 0 ? (
                <Paragraph>{t("relayLog.consent.noGuardiansYet")}</Paragraph>
              ) : null}
              <Paragraph>
                <DsLink asChild>
                  <Link to={`${logPath(header.id, "participants")}#foresatte`}>
                    {t("relayLog.consent.manageGuardians")}
                  </Link>
                </DsLink>
              </Paragraph>
              <FormErrors failure={recordFailure} />
              <Form method="post" encType="multipart/form-data" className="form" noValidate>
                <CsrfField />
                <input
                  type="hidden"
                  name="submissionKey"
                  value={valueOf(recordFailure, "submissionKey", page.submissionKey)}
                />
                <CheckboxGroup
                  name="givers"
                  legend={t("relayLog.consent.giversLegend")}
                  options={[
                    ...page.guardians.map((guardian) => ({
                      value: `guardian:${guardian.id}`,
                      label: guardian.parentalResponsibility
                        ? guardian.name
                        : t("relayLog.consent.giverNoResponsibility", { name: guardian.name }),
                    })),
                    {
                      value: "youth",
                      label: t("relayLog.consent.giverYouth", { name: header.title }),
                    },
                  ]}
                  checked={chosenGivers}
                  error={recordFailure?.fieldErrors.givers}
                  required
                />
                {missing.length > 0 ? (
                  <Paragraph className="relay-consent-missing">
                    <strong>
                      {t("relayLog.consent.missingNames", {
                        names: missing.map((guardian) => guardian.name).join(", "),
                      })}
                    </strong>
                  </Paragraph>
                ) : null}
                <RadioGroup
                  name="method"
                  legend={t("relayLog.consent.methodLegend")}
                  description={t("relayLog.consent.methodHelp")}
                  options={staffConsentMethods.map((method) => ({
                    value: method,
                    label: t(`relayLog.consent.method.${method}`),
                  }))}
                  checked={valueOf(recordFailure, "method")}
                  error={recordFailure?.fieldErrors.method}
                  required
                />
                <TextField
                  name="witness"
                  label={t("relayLog.consent.witness")}
                  help={t("relayLog.consent.witnessHelp")}
                  maxLength={WITNESS_MAX}
                  autoComplete="off"
                  defaultValue={valueOf(recordFailure, "witness")}
                  error={recordFailure?.fieldErrors.witness}
                />
                <FileField
                  name="attachment"
                  label={t("relayLog.consent.attachment")}
                  help={t("relayLog.consent.attachmentHelp")}
                  accept={[".pdf", ".jpg", ".jpeg", ".png", ...consentAttachmentTypes].join(",")}
                  error={recordFailure?.fieldErrors.attachment}
                />
                <CheckboxGroup
                  name="unitIds"
                  legend={t("relayLog.consent.unitsLegend")}
                  description={t("relayLog.consent.unitsHelp")}
                  options={page.unitOptions.map((unit) => ({ value: unit.id, label: unit.name }))}
                  checked={valuesOf(recordFailure, "unitIds", participatingUnitIds)}
                  error={recordFailure?.fieldErrors.unitIds}
                  required
                />
                <ConsentDateField
                  name="givenOn"
                  label={t("relayLog.consent.givenOn")}
                  defaultValue={valueOf(recordFailure, "givenOn", page.today)}
                  max={page.today}
                  error={recordFailure?.fieldErrors.givenOn}
                  required
                />
                <ConsentDateField
                  name="expiresOn"
                  label={t("relayLog.consent.expiresOn")}
                  help={t("relayLog.consent.expiresOnHelp")}
                  defaultValue={valueOf(recordFailure, "expiresOn")}
                  error={recordFailure?.fieldErrors.expiresOn}
                />
                <SingleCheckbox
                  name="longValidity"
                  label={t("relayLog.consent.longValidity")}
                  checked={valueOf(recordFailure, "longValidity") === "on"}
                  error={recordFailure?.fieldErrors.longValidity}
                />
                <div className="form__actions">
                  <Button type="submit" name="intent" value="record">
                    {t("relayLog.consent.submit")}
                  </Button>
                </div>
              </Form>
            </section>
          ) : null}
        </>
      )}
    </RelayLogLayout>
  );
}
