import { Button, Heading, Link as DsLink, Paragraph, Tag } from "@digdir/designsystemet-react";
import { Form, Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { digitalConsentMonths } from "../../core/relay-log/consent-rules.ts";
import {
  decideGuardianAccess,
  getFamilyConsentPage,
  giveDigitalConsent,
  withdrawFamilyConsent,
} from "../../core/relay-log/family-consent.ts";
import { GUARDIAN_ACCESS_ANCHOR } from "../components/family-consent-notice.tsx";
import { FamilyLayout, familyPath } from "../components/family-layout.tsx";
import {
  CheckboxGroup,
  CsrfField,
  FormErrors,
  Notice,
  RadioGroup,
  valueOf,
  valuesOf,
} from "../components/forms.tsx";
import { ConfirmCheckbox } from "../components/relay-log-consent-fields.tsx";
import { formatDate } from "../components/worry-fields.tsx";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  isFailure,
  loadOr404,
  requireCitizen,
  runAction,
  withNotice,
} from "../lib/route-helpers.ts";
import type { Route } from "./+types/family.consent";

/**
 * /familie/:logId/samtykke: the family's consent page. Plain language about what the log is,
 * what is shared with which services, for how long and how to withdraw; the reader's own
 * consent per service and whether the other required givers have said yes (names only); the
 * form to give digital consent (a one-time token makes a double submit record once); withdrawal
 * with a confirmation step; and for the young person from the consent age, the question whether
 * their guardians keep access. Plain forms: works without JavaScript.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requireCitizen(context, request);
  const url = new URL(request.url);
  return loadOr404(() =>
    getFamilyConsentPage({
      database: context.services.database,
      actor,
      meta: context.meta,
      logId: params.logId,
      receiptId: url.searchParams.get("kvittering"),
    }),
  );
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requireCitizen(context, request);
  const form = await request.formData();
  const values = formToObject(form);
  const intent = form.get("intent");
  const common = {
    database: context.services.database,
    actor,
    meta: context.meta,
    logId: params.logId,
  };
  const path = familyPath(params.logId, "consent");
  return runAction(values, async () => {
    if (intent === "withdraw") {
      await withdrawFamilyConsent({ ...common, values: { confirm: values.confirm } });
      return redirect(withNotice(path, "family.consent.notices.withdrawn"));
    }
    if (intent === "access") {
      const { choice } = await decideGuardianAccess({
        ...common,
        values: { choice: values.choice },
      });
      return redirect(
        withNotice(
          path,
          choice === "keep"
            ? "family.consent.notices.accessKeep"
            : "family.consent.notices.accessEnd",
        ),
      );
    }
    const { id } = await giveDigitalConsent({
      ...common,
      values: {
        unitIds: values.unitIds,
        months: values.months,
        submissionKey: values.submissionKey,
      },
    });
    return redirect(withNotice(path, "family.consent.notices.given", { kvittering: id }));
  });
}

const pageNotices = [
  "family.consent.notices.given",
  "family.consent.notices.withdrawn",
  "family.consent.notices.accessKeep",
  "family.consent.notices.accessEnd",
];

export default function FamilyConsentPage() {
  const t = useT();
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const [params] = useSearchParams();
  const notice = params.get("melding");
  const { header } = page;
  const path = familyPath(header.id, "consent");
  const k = (key: string, options?: Record<string, unknown>) => t(`family.consent.${key}`, options);

  const withdrawFailure = failure?.values.step === "withdraw" ? failure : undefined;
  const accessFailure = failure?.values.step === "access" ? failure : undefined;
  const giveFailure = failure && !withdrawFailure && !accessFailure ? failure : undefined;
  const confirmingWithdraw =
    page.ownRecords.length > 0 && (params.get("trekk") !== null || withdrawFailure !== undefined);
  const accessPending = page.guardianAccess.asked && page.guardianAccess.answer === null;
  const changingAccess =
    page.guardianAccess.asked &&
    (accessPending || params.get("tilgang") !== null || accessFailure !== undefined);
  const serviceName = (type: string) => t(`serviceType.${type}`);
  const ownUnitIds = page.units.filter((unit) => unit.ownUntil !== null).map((unit) => unit.id);

  const accessForm = (
    <section
      aria-labelledby="access-heading"
      id={GUARDIAN_ACCESS_ANCHOR}
      className="family-consent-access"
    >
      <Heading level={2} data-size="md" id="access-heading">
        {k("access.heading")}
      </Heading>
      <Paragraph>{k("access.intro", { consentAge: page.consentAge })}</Paragraph>
      {accessFailure ? <FormErrors failure={accessFailure} /> : null}
      <Form method="post" className="form" noValidate>
        <CsrfField />
        <input type="hidden" name="step" value="access" />
        <RadioGroup
          name="choice"
          legend={k("access.legend")}
          description={k("access.help")}
          options={[
            { value: "keep", label: k("access.keep") },
            { value: "end", label: k("access.end") },
          ]}
          checked={valueOf(accessFailure, "choice", page.guardianAccess.answer)}
          error={accessFailure?.fieldErrors.choice}
          required
        />
        <div className="form__actions">
          <Button type="submit" name="intent" value="access">
            {k("access.submit")}
          </Button>
          {!accessPending ? (
            <Button asChild variant="tertiary">
              <Link to={path}>{k("withdraw.cancel")}</Link>
            </Button>
          ) : null}
        </div>
      </Form>
    </section>
  );

  return (
    <FamilyLayout header={header} current="consent">
      {notice && pageNotices.includes(notice) ? <Notice>{t(notice)}</Notice> : null}

      {accessPending ? accessForm : null}

      {page.receipt ? (
        <section aria-labelledby="receipt-heading" className="family-consent-receipt">
          <Heading level={2} data-size="md" id="receipt-heading">
            {k("receipt.heading")}
          </Heading>
          <Paragraph>
            {k("receipt.text", {
              date: formatDate(page.receipt.givenOn),
              units: page.receipt.unitNames.join(", "),
              expires: formatDate(page.receipt.expiresOn),
            })}
          </Paragraph>
        </section>
      ) : null}

      <Paragraph>{k("pageIntro", { name: header.childName })}</Paragraph>

      <section aria-labelledby="about-heading" className="family-consent-about">
        <Heading level={2} data-size="md" id="about-heading">
          {k("about.whatHeading")}
        </Heading>
        <Paragraph>{k("about.whatText", { name: header.childName })}</Paragraph>
        <Heading level={3} data-size="sm">
          {k("about.sharedHeading")}
        </Heading>
        <Paragraph>{k("about.sharedText", { name: header.childName })}</Paragraph>
        <Heading level={3} data-size="sm">
          {k("about.durationHeading")}
        </Heading>
        <Paragraph>{k("about.durationText")}</Paragraph>
        <Heading level={3} data-size="sm">
          {k("about.withdrawHeading")}
        </Heading>
        <Paragraph>{k("about.withdrawText")}</Paragraph>
        <Paragraph>{k("about.paperText", { holder: header.holderName })}</Paragraph>
        <Heading level={3} data-size="sm">
          {k("who.heading")}
        </Heading>
        <Paragraph>
          {page.as === "youth"
            ? k("who.youth", { consentAge: page.consentAge })
            : page.cannotConsent === "youth_decides"
              ? k("who.youthDecides", { name: header.childName, consentAge: page.consentAge })
              : k("who.guardians", { name: header.childName, consentAge: page.consentAge })}
        </Paragraph>
      </section>

      <section aria-labelledby="state-heading" className="family-consent-state">
        <Heading level={2} data-size="md" id="state-heading">
          {k("state.heading")}
        </Heading>
        <Paragraph>
          <strong>{k(`state.${page.consentState}`)}</strong>
        </Paragraph>
        <Heading level={3} data-size="sm">
          {k("about.unitsHeading")}
        </Heading>
        {page.units.length === 0 ? (
          <Paragraph>{k("about.unitsNone")}</Paragraph>
        ) : (
          <>
            <Paragraph>{k("about.unitsIntro")}</Paragraph>
            <ul className="family-consent-units">
              {page.units.map((unit) => (
                <li key={unit.id} className="family-consent-unit">
                  <strong>{unit.name}</strong>
                  <span>{k("unit.service", { service: serviceName(unit.serviceType) })}</span>
                  <span>
                    <Tag data-color={unit.covered ? "success" : "neutral"}>
                      {unit.covered ? k("unit.covered") : k("unit.notCovered")}
                    </Tag>
                  </span>
                  <span>
                    {unit.ownUntil
                      ? k("unit.ownUntil", { date: formatDate(unit.ownUntil) })
                      : k("unit.ownNone")}
                  </span>
                  {unit.waitingFor.length > 0 ? (
                    <span>{k("unit.waiting", { names: unit.waitingFor.join(", ") })}</span>
                  ) : null}
                </li>
              ))}
            </ul>
          </>
        )}
        {page.others.length > 0 ? (
          <>
            <Heading level={3} data-size="sm">
              {k("who.othersHeading")}
            </Heading>
            <ul>
              {page.others.map((other) => (
                <li key={other.name}>
                  {other.consented
                    ? k("who.otherConsented", { name: other.name })
                    : k("who.otherNotYet", { name: other.name })}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      {page.cannotConsent === null ? (
        <section aria-labelledby="give-heading" className="family-consent-form">
          <Heading level={2} data-size="md" id="give-heading">
            {page.ownRecords.some((record) => record.method === "digital")
              ? k("form.headingChange")
              : k("form.heading")}
          </Heading>
          {page.ownRecords.some((record) => record.method === "digital") ? (
            <Paragraph>{k("form.replaces")}</Paragraph>
          ) : null}
          <FormErrors failure={giveFailure} />
          <Form method="post" className="form" noValidate>
            <CsrfField />
            <input
              type="hidden"
              name="submissionKey"
              value={valueOf(giveFailure, "submissionKey", page.submissionKey)}
            />
            <CheckboxGroup
              name="unitIds"
              legend={k("form.unitsLegend")}
              description={k("form.unitsHelp")}
              options={page.units.map((unit) => ({
                value: unit.id,
                label: k("form.unitOption", {
                  name: unit.name,
                  service: serviceName(unit.serviceType),
                }),
              }))}
              checked={valuesOf(giveFailure, "unitIds", ownUnitIds)}
              error={giveFailure?.fieldErrors.unitIds}
              required
            />
            <RadioGroup
              name="months"
              legend={k("form.monthsLegend")}
              options={digitalConsentMonths.map((months) => ({
                value: String(months),
                label: k(`form.months.m${months}`),
              }))}
              checked={valueOf(giveFailure, "months", "12")}
              error={giveFailure?.fieldErrors.months}
            />
            <div className="form__actions">
              <Button type="submit" name="intent" value="give">
                {k("form.submit")}
              </Button>
            </div>
          </Form>
        </section>
      ) : (
        <Paragraph>{k(`cannot.${page.cannotConsent}`, { name: header.childName })}</Paragraph>
      )}

      <section aria-labelledby="own-heading" className="family-consent-own">
        <Heading level={2} data-size="md" id="own-heading">
          {k("own.heading")}
        </Heading>
        {page.ownRecords.length === 0 ? (
          <Paragraph>{k("own.none")}</Paragraph>
        ) : (
          <ul>
            {page.ownRecords.map((record) => (
              <li key={record.id}>
                {k("own.record", {
                  method: k(`method.${record.method}`),
                  given: formatDate(record.givenOn),
                  expires: formatDate(record.expiresOn),
                })}
                <br />
                {k("own.units", { units: record.unitNames.join(", ") })}
              </li>
            ))}
          </ul>
        )}
      </section>

      {page.ownRecords.length > 0 ? (
        <section aria-labelledby="withdraw-heading" id="trekk" className="family-consent-withdraw">
          <Heading level={2} data-size="md" id="withdraw-heading">
            {confirmingWithdraw ? k("withdraw.confirmHeading") : k("withdraw.heading")}
          </Heading>
          {confirmingWithdraw ? (
            <>
              <Paragraph>{k("withdraw.whatHappens")}</Paragraph>
              <ul>
                <li>{k("withdraw.step1")}</li>
                <li>{k("withdraw.step2")}</li>
                <li>{k("withdraw.step3")}</li>
              </ul>
              <FormErrors failure={withdrawFailure} />
              <Form method="post" action="?trekk=1" className="form" noValidate>
                <CsrfField />
                <input type="hidden" name="step" value="withdraw" />
                <ConfirmCheckbox
                  label={k("withdraw.confirm")}
                  error={withdrawFailure?.fieldErrors.confirm}
                />
                <div className="form__actions">
                  <Button type="submit" name="intent" value="withdraw" data-color="danger">
                    {k("withdraw.submit")}
                  </Button>
                  <Button asChild variant="tertiary">
                    <Link to={path}>{k("withdraw.cancel")}</Link>
                  </Button>
                </div>
              </Form>
            </>
          ) : (
            <>
              <Paragraph>{k("withdraw.intro")}</Paragraph>
              <Button asChild variant="secondary" data-color="danger">
                <Link to="?trekk=1#trekk">{k("withdraw.start")}</Link>
              </Button>
            </>
          )}
        </section>
      ) : null}

      {page.guardianAccess.asked && !accessPending ? (
        changingAccess ? (
          accessForm
        ) : (
          <section
            aria-labelledby="access-heading"
            id={GUARDIAN_ACCESS_ANCHOR}
            className="family-consent-access"
          >
            <Heading level={2} data-size="md" id="access-heading">
              {k("access.heading")}
            </Heading>
            <Paragraph>
              {page.guardianAccess.answer === "keep"
                ? k("access.answeredKeep")
                : k("access.answeredEnd")}
            </Paragraph>
            <Paragraph>
              <DsLink asChild>
                <Link to={`?tilgang=endre#${GUARDIAN_ACCESS_ANCHOR}`}>{k("access.change")}</Link>
              </DsLink>
            </Paragraph>
          </section>
        )
      ) : null}
    </FamilyLayout>
  );
}
