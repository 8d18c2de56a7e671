import { Alert, Button, Heading, Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { Fragment } from "react";
import { Form, Link } from "react-router";
import {
  CHILD_NAME_MAX,
  guardiansInformedChoices,
  REPORT_SHORT_MAX,
  REPORT_TEXT_MAX,
  urgencyChoices,
} from "../../core/relay-log/cases-rules.ts";
import { CsrfField, FormErrors, RadioGroup, SelectField, TextField, valueOf } from "./forms.tsx";
import { norwegianDate } from "./relay-log-cases.tsx";
import { TextAreaField } from "./worry-fields.tsx";
import { useT } from "../lib/i18n.tsx";
import { isFailure, type ActionFailure } from "../lib/route-helpers.ts";

/**
 * The report to child welfare (bekymringsmelding) as a page: the form, then a review step whose
 * download button posts the same values to /bekymringsmelding/pdf (a native form post, so the
 * browser downloads the PDF), and a link to the receipt. Used from the guide and from a log.
 */

/** The form's fields, in the order the review lists them. */
export const childWelfareFormFields = [
  "childName",
  "childBirthDate",
  "childAddress",
  "guardiansContact",
  "observations",
  "childSaid",
  "actionsTaken",
  "guardiansInformed",
  "guardiansNotInformedReason",
  "urgency",
  "reporterName",
  "reporterRole",
  "reporterUnitId",
  "reporterPhone",
  "recipient",
] as const;

export interface ChildWelfareLoaderData {
  frozen: boolean;
  prefill: { childName: string; childBirthDate: string };
  reporter: { name: string; units: { id: string; name: string }[] };
  recipientSuggestion: string;
}

/** What the page's action answers: a failure (the form again), the review, or "edit again". */
export type ChildWelfareActionData =
  | ActionFailure
  | { ok: true; review: Record<string, string> & { reportId: string; reporterUnitName: string } }
  | { ok: "edit"; values: Record<string, string | string[]> };

export function isReview(value: unknown): value is Extract<ChildWelfareActionData, { ok: true }> {
  return typeof value === "object" && value !== null && (value as { ok?: unknown }).ok === true;
}

export function isEdit(value: unknown): value is Extract<ChildWelfareActionData, { ok: "edit" }> {
  return typeof value === "object" && value !== null && (value as { ok?: unknown }).ok === "edit";
}

export function ChildWelfareReport(props: {
  data: ChildWelfareLoaderData;
  actionData: unknown;
  /** Heading level of the page's own title: 1 on a page of its own, 2 inside a log's frame. */
  level: 1 | 2;
  logId: string | null;
}) {
  const t = useT();
  const { data, actionData, level, logId } = props;
  const sub = (level + 1) as 2 | 3;
  if (isReview(actionData)) {
    return <Review review={actionData.review} level={level} logId={logId} />;
  }
  const failure = isFailure(actionData) ? actionData : undefined;
  // "Edit again" from the review brings the typed values back like a failure without errors.
  const typed: ActionFailure | undefined = failure
    ? failure
    : isEdit(actionData)
      ? { ok: false, messageKey: "", fieldErrors: {}, values: actionData.values }
      : undefined;
  const error = (name: string) => failure?.fieldErrors[name];
  const k = (key: string) => t(`relayLog.cases.childWelfare.${key}`);
  return (
    <div className="relay-log-cases child-welfare">
      <Heading level={level} data-size="lg">
        {k("title")}
      </Heading>
      <Paragraph>{k("intro")}</Paragraph>
      <Alert data-color="danger">
        <Paragraph>
          {k("urgent")}{" "}
          <DsLink asChild>
            <Link to="/bekymring/meld-na">{k("urgentLink")}</Link>
          </DsLink>
        </Paragraph>
      </Alert>
      {data.frozen ? (
        <Alert data-color="info">
          <Paragraph>{k("frozen")}</Paragraph>
        </Alert>
      ) : null}
      <section aria-labelledby="duty-heading">
        <Heading level={sub} data-size="sm" id="duty-heading">
          {k("dutyHeading")}
        </Heading>
        <Paragraph>{k("dutyText")}</Paragraph>
        <Paragraph>{k("dutyLaw")}</Paragraph>
        <Paragraph>
          <DsLink asChild>
            <Link to="/veileder/rutine-bekymringsmelding">{k("routineLink")}</Link>
          </DsLink>
        </Paragraph>
      </section>
      <Form method="post" className="form" noValidate>
        <CsrfField />
        {/* Back from the review: the same report keeps its id, so it is recorded once. */}
        {typeof typed?.values.reportId === "string" && typed.values.reportId ? (
          <input type="hidden" name="reportId" value={typed.values.reportId} />
        ) : null}
        {failure ? <FormErrors failure={failure} /> : null}
        <Heading level={sub} data-size="sm">
          {k("childHeading")}
        </Heading>
        <TextField
          name="childName"
          label={k("childName")}
          required
          maxLength={CHILD_NAME_MAX}
          autoComplete="off"
          defaultValue={valueOf(typed, "childName", data.prefill.childName)}
          error={error("childName")}
        />
        <TextField
          name="childBirthDate"
          label={k("childBirthDate")}
          help={t("relayLog.cases.dateHelp")}
          autoComplete="off"
          defaultValue={valueOf(
            typed,
            "childBirthDate",
            norwegianDate(data.prefill.childBirthDate),
          )}
          error={error("childBirthDate")}
        />
        <TextField
          name="childAddress"
          label={k("childAddress")}
          maxLength={REPORT_SHORT_MAX}
          autoComplete="off"
          defaultValue={valueOf(typed, "childAddress")}
          error={error("childAddress")}
        />
        <TextAreaField
          name="guardiansContact"
          label={k("guardiansContact")}
          help={k("guardiansContactHelp")}
          maxLength={REPORT_TEXT_MAX}
          defaultValue={valueOf(typed, "guardiansContact")}
          error={error("guardiansContact")}
        />
        <Heading level={sub} data-size="sm">
          {k("concernHeading")}
        </Heading>
        <TextAreaField
          name="observations"
          label={`${k("observations")} (${t("common.required")})`}
          help={k("observationsHelp")}
          maxLength={REPORT_TEXT_MAX}
          defaultValue={valueOf(typed, "observations")}
          error={error("observations")}
        />
        <TextAreaField
          name="childSaid"
          label={k("childSaid")}
          help={k("childSaidHelp")}
          maxLength={REPORT_TEXT_MAX}
          defaultValue={valueOf(typed, "childSaid")}
          error={error("childSaid")}
        />
        <TextAreaField
          name="actionsTaken"
          label={k("actionsTaken")}
          help={k("actionsTakenHelp")}
          maxLength={REPORT_TEXT_MAX}
          defaultValue={valueOf(typed, "actionsTaken")}
          error={error("actionsTaken")}
        />
        <RadioGroup
          name="guardiansInformed"
          legend={k("guardiansInformed")}
          required
          options={guardiansInformedChoices.map((value) => ({
            value,
            label: t(`relayLog.cases.childWelfare.informed.${value}`),
          }))}
          checked={valueOf(typed, "guardiansInformed")}
          error={error("guardiansInformed")}
        />
        <TextAreaField
          name="guardiansNotInformedReason"
          label={k("guardiansNotInformedReason")}
          help={k("reasonHelp")}
          maxLength={REPORT_TEXT_MAX}
          defaultValue={valueOf(typed, "guardiansNotInformedReason")}
          error={error("guardiansNotInformedReason")}
        />
        <RadioGroup
          name="urgency"
          legend={k("urgency")}
          required
          options={urgencyChoices.map((value) => ({
            value,
            label: t(`relayLog.cases.childWelfare.urgencyOption.${value}`),
          }))}
          checked={valueOf(typed, "urgency")}
          error={error("urgency")}
        />
        <Heading level={sub} data-size="sm">
          {k("reporterHeading")}
        </Heading>
        <TextField
          name="reporterName"
          label={k("reporterName")}
          required
          maxLength={REPORT_SHORT_MAX}
          autoComplete="name"
          defaultValue={valueOf(typed, "reporterName", data.reporter.name)}
          error={error("reporterName")}
        />
        <TextField
          name="reporterRole"
          label={k("reporterRole")}
          maxLength={REPORT_SHORT_MAX}
          autoComplete="organization-title"
          defaultValue={valueOf(typed, "reporterRole")}
          error={error("reporterRole")}
        />
        <SelectField
          name="reporterUnitId"
          label={k("reporterUnitId")}
          options={[
            ...data.reporter.units.map((unit) => ({ value: unit.id, label: unit.name })),
            { value: "", label: k("reporterUnitNone") },
          ]}
          defaultValue={valueOf(typed, "reporterUnitId", data.reporter.units[0]?.id ?? "")}
          error={error("reporterUnitId")}
        />
        <TextField
          name="reporterPhone"
          type="tel"
          label={k("reporterPhone")}
          required
          maxLength={40}
          autoComplete="tel"
          defaultValue={valueOf(typed, "reporterPhone")}
          error={error("reporterPhone")}
        />
        <TextField
          name="recipient"
          label={k("recipient")}
          help={k("recipientHelp")}
          required
          maxLength={REPORT_SHORT_MAX}
          autoComplete="off"
          defaultValue={valueOf(typed, "recipient", data.recipientSuggestion)}
          error={error("recipient")}
        />
        <div className="form__actions">
          <Button type="submit" name="intent" value="check">
            {k("check")}
          </Button>
        </div>
      </Form>
    </div>
  );
}

function Review(props: {
  review: Record<string, string> & { reportId: string; reporterUnitName: string };
  level: 1 | 2;
  logId: string | null;
}) {
  const t = useT();
  const { review, level, logId } = props;
  const k = (key: string) => t(`relayLog.cases.childWelfare.${key}`);
  const notGiven = k("notGiven");
  const rows: { label: string; value: string }[] = [
    { label: k("recipient"), value: review.recipient ?? "" },
    {
      label: k("urgency"),
      value: t(`relayLog.cases.childWelfare.urgencyOption.${review.urgency}`),
    },
    { label: k("childName"), value: review.childName ?? "" },
    { label: k("childBirthDate"), value: norwegianDate(review.childBirthDate) || notGiven },
    { label: k("childAddress"), value: review.childAddress || notGiven },
    { label: k("guardiansContact"), value: review.guardiansContact || notGiven },
    { label: k("observations"), value: review.observations ?? "" },
    { label: k("childSaid"), value: review.childSaid || notGiven },
    { label: k("actionsTaken"), value: review.actionsTaken || notGiven },
    {
      label: k("guardiansInformed"),
      value: t(`relayLog.cases.childWelfare.informed.${review.guardiansInformed}`),
    },
    ...(review.guardiansInformed === "no"
      ? [{ label: k("guardiansNotInformedReason"), value: review.guardiansNotInformedReason ?? "" }]
      : []),
    { label: k("reporterName"), value: review.reporterName ?? "" },
    { label: k("reporterRole"), value: review.reporterRole || notGiven },
    { label: k("reporterUnitId"), value: review.reporterUnitName || notGiven },
    { label: k("reporterPhone"), value: review.reporterPhone ?? "" },
  ];
  const hidden = (
    <>
      <CsrfField />
      {childWelfareFormFields.map((name) => (
        <input key={name} type="hidden" name={name} value={review[name] ?? ""} />
      ))}
    </>
  );
  return (
    <div className="relay-log-cases child-welfare">
      <Heading level={level} data-size="lg">
        {k("reviewHeading")}
      </Heading>
      <Paragraph>{k("reviewIntro")}</Paragraph>
      <dl className="details-list relay-log-cases__review">
        {rows.map((row) => (
          <Fragment key={row.label}>
            <dt>{row.label}</dt>
            <dd className="relay-log-cases__text">{row.value}</dd>
          </Fragment>
        ))}
      </dl>
      <div className="form__actions">
        {/* A native post (no client-side navigation), so the browser saves the PDF it answers with. */}
        <Form method="post" action="/bekymringsmelding/pdf" reloadDocument>
          {hidden}
          <input type="hidden" name="reportId" value={review.reportId} />
          {logId ? <input type="hidden" name="logId" value={logId} /> : null}
          <Button type="submit">{k("download")}</Button>
        </Form>
        <Form method="post">
          {hidden}
          <input type="hidden" name="reportId" value={review.reportId} />
          <Button type="submit" name="intent" value="edit" variant="secondary">
            {k("edit")}
          </Button>
        </Form>
      </div>
      <Paragraph>
        <DsLink asChild>
          <Link to={`/bekymringsmelding/kvittering/${review.reportId}`}>{k("receiptLink")}</Link>
        </DsLink>
      </Paragraph>
    </div>
  );
}
