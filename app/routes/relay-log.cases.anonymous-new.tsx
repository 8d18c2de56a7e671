import { Alert, Button, Fieldset, Heading, Paragraph } from "@digdir/designsystemet-react";
import { Form, redirect, useActionData, useLoaderData } from "react-router";
import { anonymousCaseFormOptions, openAnonymousCase } from "../../core/relay-log/anonymous.ts";
import {
  ANONYMOUS_AREA_ROWS,
  AREA_DESCRIPTION_MAX,
  AREA_TITLE_MAX,
  openingLevels,
  PSEUDONYM_MAX,
} from "../../core/relay-log/cases-rules.ts";
import {
  CsrfField,
  FormErrors,
  RadioGroup,
  SelectField,
  TextField,
  valueOf,
} from "../components/forms.tsx";
import { identityWarnings } from "../components/relay-log-cases.tsx";
import { logPath } from "../components/relay-log-layout.tsx";
import { IdentifyingWarning, TextAreaField } from "../components/worry-fields.tsx";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  isFailure,
  requirePermission,
  runAction,
  withNotice,
} from "../lib/route-helpers.ts";
import type { Route } from "./+types/relay-log.cases.anonymous-new";

/**
 * /stafettlogger/ny-drofting: open an anonymous case discussion (pseudonym, the team's unit,
 * level, concern areas). No identity, so no consent; the opener becomes its relay holder.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "relaylog.use");
  return anonymousCaseFormOptions({ database: context.services.database, actor });
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "relaylog.use");
  const values = formToObject(await request.formData());
  return runAction(values, async () => {
    const log = await openAnonymousCase({
      database: context.services.database,
      actor,
      meta: context.meta,
      values,
    });
    return redirect(withNotice(logPath(log.id), "relayLog.cases.anonymous.opened"));
  });
}

const areaRows = Array.from({ length: ANONYMOUS_AREA_ROWS }, (_, index) => index + 1);

export default function NewAnonymousCase() {
  const t = useT();
  const { units } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const warnings = identityWarnings(failure);
  const otherErrors = failure
    ? {
        ...failure,
        fieldErrors: Object.fromEntries(
          Object.entries(failure.fieldErrors).filter(([field]) => !warnings[field]),
        ),
      }
    : undefined;
  const fieldError = (name: string) => otherErrors?.fieldErrors[name];
  const fieldLabel = (field: string) => {
    const area = /^area(\d)(Title|Description)$/.exec(field);
    if (!area) return t("relayLog.cases.anonymous.pseudonym");
    return area[2] === "Title"
      ? t("relayLog.cases.anonymous.areaTitle", { number: area[1] })
      : t("relayLog.cases.anonymous.areaDescription", { number: area[1] });
  };
  return (
    <div className="page relay-log-cases">
      <title>{`${t("relayLog.cases.anonymous.title")} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {t("relayLog.cases.anonymous.title")}
      </Heading>
      <Paragraph>{t("relayLog.cases.anonymous.intro")}</Paragraph>
      <Alert data-color="info">
        <Paragraph>{t("relayLog.cases.anonymous.identityRule")}</Paragraph>
      </Alert>
      {units.length === 0 ? (
        <Alert data-color="warning">{t("relayLog.cases.noUnits")}</Alert>
      ) : (
        <Form method="post" className="form" noValidate>
          <CsrfField />
          {Object.keys(warnings).length === 0 ||
          Object.keys(otherErrors?.fieldErrors ?? {}).length > 0 ? (
            <FormErrors failure={otherErrors} />
          ) : null}
          <IdentifyingWarning warnings={warnings} fieldLabel={fieldLabel} />
          <TextField
            name="pseudonym"
            label={t("relayLog.cases.anonymous.pseudonym")}
            help={t("relayLog.cases.anonymous.pseudonymHelp")}
            required
            maxLength={PSEUDONYM_MAX}
            autoComplete="off"
            defaultValue={valueOf(failure, "pseudonym")}
            error={fieldError("pseudonym")}
          />
          <SelectField
            name="holderUnitId"
            label={t("relayLog.cases.anonymous.unit")}
            help={t("relayLog.cases.anonymous.unitHelp")}
            required
            options={units.map((unit) => ({ value: unit.id, label: unit.name }))}
            defaultValue={valueOf(failure, "holderUnitId", units[0]?.id)}
            error={fieldError("holderUnitId")}
          />
          <RadioGroup
            name="level"
            legend={t("relayLog.cases.anonymous.level")}
            required
            options={openingLevels.map((level) => ({
              value: String(level),
              label: t(`relayLog.cases.levelOption.${level}`),
            }))}
            checked={valueOf(failure, "level", "1")}
            error={fieldError("level")}
          />
          <Fieldset>
            <Fieldset.Legend>{t("relayLog.cases.anonymous.areasLegend")}</Fieldset.Legend>
            <Fieldset.Description>{t("relayLog.cases.anonymous.areasHelp")}</Fieldset.Description>
            {areaRows.map((number) => (
              <div key={number} className="relay-log-cases__row">
                <TextField
                  name={`area${number}Title`}
                  label={t("relayLog.cases.anonymous.areaTitle", { number })}
                  required={number === 1}
                  maxLength={AREA_TITLE_MAX}
                  autoComplete="off"
                  defaultValue={valueOf(failure, `area${number}Title`)}
                  error={fieldError(`area${number}Title`)}
                />
                <TextAreaField
                  name={`area${number}Description`}
                  label={t("relayLog.cases.anonymous.areaDescription", { number })}
                  maxLength={AREA_DESCRIPTION_MAX}
                  defaultValue={valueOf(failure, `area${number}Description`)}
                  error={fieldError(`area${number}Description`)}
                />
              </div>
            ))}
          </Fieldset>
          <Paragraph data-size="sm">{t("relayLog.cases.anonymous.participantsInfo")}</Paragraph>
          <div className="form__actions">
            <Button type="submit">{t("relayLog.cases.anonymous.submit")}</Button>
          </div>
        </Form>
      )}
    </div>
  );
}
