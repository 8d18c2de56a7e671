import {
  Button,
  Field,
  Heading,
  Input,
  Label,
  Link as DsLink,
  Paragraph,
  Table,
  ValidationMessage,
} from "@digdir/designsystemet-react";
import { Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import { listRates, saveRate } from "../../core/evaluation/prevalence.ts";
import { formatNumber } from "../components/evaluation-indicators.tsx";
import { CsrfField, FormErrors, Notice, valueOf } from "../components/forms.tsx";
import { useLanguage } from "../components/implementation-units.tsx";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  isFailure,
  loadOr404,
  requirePermission,
  runAction,
  withNotice,
} from "../lib/route-helpers.ts";
import type { Route } from "./+types/evaluation.invisible-children.prevalence";

const PATH = "/evaluering/usynlige-barn/forekomst";

/**
 * /evaluering/usynlige-barn/forekomst: the prevalence rates behind the estimate and their
 * sources. reports.view reads; the coordinator (evaluation.manage) edits one rate at a time
 * (0–100 %, a source required); an error keeps what was typed beside that rate's fields.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "reports.view");
  const url = new URL(request.url);
  const rates = await loadOr404(() => listRates({ database: context.services.database, actor }));
  const notice = url.searchParams.get("melding");
  return {
    rates,
    canManage: context.permissions.includes("evaluation.manage"),
    notice: notice === "evaluation.indicators.prevalence.saved" ? notice : null,
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "evaluation.manage");
  const form = await request.formData();
  const values = formToObject(form);
  const { rateId, ...rest } = values;
  return runAction(values, async () => {
    await saveRate({
      database: context.services.database,
      actor,
      meta: context.meta,
      rateId: String(rateId ?? ""),
      values: rest,
    });
    return redirect(withNotice(PATH, "evaluation.indicators.prevalence.saved"));
  });
}

export default function PrevalencePage() {
  const t = useT();
  const language = useLanguage();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const failedRate = failure ? String(failure.values.rateId ?? "") : "";
  const P = "evaluation.indicators.prevalence";
  return (
    <div className="page">
      <title>{`${t(`${P}.title`)} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {t(`${P}.title`)}
      </Heading>
      <Paragraph>{t(`${P}.intro`)}</Paragraph>
      <Paragraph>
        <DsLink asChild>
          <Link to="/evaluering/usynlige-barn">{t("evaluation.indicators.invisible.title")}</Link>
        </DsLink>
      </Paragraph>
      {data.notice ? <Notice>{t(data.notice)}</Notice> : null}
      {!data.canManage ? <Paragraph>{t(`${P}.readOnly`)}</Paragraph> : null}
      <div className="table-wrapper">
        <Table>
          <caption>{t(`${P}.caption`)}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t(`${P}.columns.label`)}</Table.HeaderCell>
              <Table.HeaderCell>{t(`${P}.columns.percent`)}</Table.HeaderCell>
              <Table.HeaderCell>{t(`${P}.columns.source`)}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {data.rates.map((rate) => (
              <Table.Row key={rate.id}>
                <Table.HeaderCell scope="row">{rate.label}</Table.HeaderCell>
                <Table.Cell>{`${formatNumber(rate.percent, language, 3)} %`}</Table.Cell>
                <Table.Cell>
                  {rate.sourceUrl ? (
                    <DsLink href={rate.sourceUrl}>{rate.source}</DsLink>
                  ) : (
                    rate.source
                  )}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </div>
      {data.canManage
        ? data.rates.map((rate) => {
            const own = failedRate === rate.id ? failure : undefined;
            const id = (name: string) => `${name}-${rate.key}`;
            const errors = own
              ? {
                  ...own,
                  fieldErrors: Object.fromEntries(
                    Object.entries(own.fieldErrors).map(([field, key]) => [id(field), key]),
                  ),
                }
              : undefined;
            return (
              <section key={rate.id} aria-labelledby={`rate-${rate.key}`} className="rate-form">
                <Heading level={2} data-size="sm" id={`rate-${rate.key}`}>
                  {t(`${P}.edit`, { label: rate.label })}
                </Heading>
                <FormErrors failure={errors} />
                <Form method="post" className="rate-form">
                  <CsrfField />
                  <input type="hidden" name="rateId" value={rate.id} />
                  <RateField
                    id={id("label")}
                    name="label"
                    label={t(`${P}.label`)}
                    value={valueOf(own, "label", rate.label)}
                    error={own?.fieldErrors.label}
                  />
                  <RateField
                    id={id("percent")}
                    name="percent"
                    label={t(`${P}.percent`)}
                    help={t(`${P}.percentHelp`)}
                    value={valueOf(own, "percent", formatNumber(rate.percent, language, 3))}
                    error={own?.fieldErrors.percent}
                  />
                  <RateField
                    id={id("source")}
                    name="source"
                    label={t(`${P}.source`)}
                    help={t(`${P}.sourceHelp`)}
                    value={valueOf(own, "source", rate.source)}
                    error={own?.fieldErrors.source}
                  />
                  <RateField
                    id={id("sourceUrl")}
                    name="sourceUrl"
                    label={t(`${P}.sourceUrl`)}
                    value={valueOf(own, "sourceUrl", rate.sourceUrl ?? "")}
                    error={own?.fieldErrors.sourceUrl}
                    optional
                  />
                  <div>
                    <Button type="submit">{t(`${P}.submit`)}</Button>
                  </div>
                </Form>
              </section>
            );
          })
        : null}
    </div>
  );
}

/** A text field whose id is unique on the page (five forms share the field names). */
function RateField(props: {
  id: string;
  name: string;
  label: string;
  help?: string;
  value: string | undefined;
  error: string | undefined;
  optional?: boolean;
}) {
  const t = useT();
  const describedBy = [
    props.help ? `${props.id}-hjelp` : null,
    props.error ? `${props.id}-feil` : null,
  ]
    .filter(Boolean)
    .join(" ");
  return (
    <Field>
      <Label htmlFor={props.id}>
        {props.label}
        {props.optional ? null : <span className="required-marker"> ({t("common.required")})</span>}
      </Label>
      {props.help ? (
        <Paragraph data-size="sm" id={`${props.id}-hjelp`}>
          {props.help}
        </Paragraph>
      ) : null}
      <Input
        id={props.id}
        name={props.name}
        type="text"
        defaultValue={props.value}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
      {props.error ? (
        <ValidationMessage id={`${props.id}-feil`}>{t(props.error)}</ValidationMessage>
      ) : null}
    </Field>
  );
}
