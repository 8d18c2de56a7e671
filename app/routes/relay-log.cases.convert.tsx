import { Alert, Button, Fieldset, Heading, Paragraph } from "@digdir/designsystemet-react";
import { Form, Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { citizenLookupSecret } from "../../core/auth/login.ts";
import { convertToLog, getConvertPage } from "../../core/relay-log/anonymous.ts";
import {
  CHILD_NAME_MAX,
  convertGuardianFields,
  GUARDIAN_CONTACT_MAX,
  GUARDIAN_NAME_MAX,
} from "../../core/relay-log/cases-rules.ts";
import { CsrfField, FormErrors, Notice, TextField, valueOf } from "../components/forms.tsx";
import { CheckboxField } from "../components/relay-log-cases.tsx";
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
import type { Route } from "./+types/relay-log.cases.convert";

/**
 * /stafettlogger/:logId/konverter: the relay holder turns an anonymous case discussion into a
 * relay log (the child's identity and guardians) once the guardians consent. Afterwards the page
 * says that the log has no consent yet and sends the holder to record it.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "relaylog.use");
  return loadOr404(() =>
    getConvertPage({
      database: context.services.database,
      actor,
      meta: context.meta,
      logId: params.logId,
    }),
  );
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "relaylog.use");
  const values = formToObject(await request.formData());
  const { config } = context.services;
  return runAction(values, async () => {
    await convertToLog({
      database: context.services.database,
      actor,
      meta: context.meta,
      logId: params.logId,
      values,
      // The same lookup hash as every other national ID number in Laget (citizens, logs).
      secrets: {
        lookupSecret: citizenLookupSecret(config.dataEncryptionKey),
        encryptionKey: config.dataEncryptionKey,
      },
    });
    return redirect(
      withNotice(`/stafettlogger/${params.logId}/konverter`, "relayLog.cases.convert.done"),
    );
  });
}

/** The convert page is not one of the log's tabs: no tab is marked as the current one. */

export default function ConvertToLog() {
  const t = useT();
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const [params] = useSearchParams();
  const error = (name: string) => failure?.fieldErrors[name];
  const title = t("relayLog.cases.convert.title");
  return (
    <RelayLogLayout header={page.header} pageTitle={title}>
      {page.converted ? (
        <section aria-labelledby="converted-heading" className="relay-log-cases">
          {params.get("melding") === "relayLog.cases.convert.done" ? (
            <Notice>{t("relayLog.cases.convert.done")}</Notice>
          ) : null}
          <Heading level={2} data-size="md" id="converted-heading">
            {t("relayLog.cases.convert.doneHeading")}
          </Heading>
          <Alert data-color="warning">
            <Paragraph>{t("relayLog.cases.convert.doneText")}</Paragraph>
          </Alert>
          <div className="form__actions">
            <Button asChild>
              <Link to={logPath(page.header.id, "consent")}>
                {t("relayLog.cases.convert.consentLink")}
              </Link>
            </Button>
          </div>
        </section>
      ) : (
        <section aria-labelledby="convert-heading" className="relay-log-cases">
          <Heading level={2} data-size="md" id="convert-heading">
            {title}
          </Heading>
          <Paragraph>{t("relayLog.cases.convert.intro")}</Paragraph>
          <Alert data-color="warning">
            <Paragraph>{t("relayLog.cases.convert.frozenWarning")}</Paragraph>
          </Alert>
          <Form method="post" className="form" noValidate>
            <CsrfField />
            <input type="hidden" name="lockVersion" value={page.lockVersion} />
            <FormErrors failure={failure} />
            <Fieldset>
              <Fieldset.Legend>{t("relayLog.cases.convert.childHeading")}</Fieldset.Legend>
              <TextField
                name="childName"
                label={t("relayLog.cases.convert.childName")}
                required
                maxLength={CHILD_NAME_MAX}
                autoComplete="off"
                defaultValue={valueOf(failure, "childName")}
                error={error("childName")}
              />
              <TextField
                name="childBirthDate"
                label={t("relayLog.cases.convert.childBirthDate")}
                help={t("relayLog.cases.dateHelp")}
                required
                autoComplete="off"
                defaultValue={valueOf(failure, "childBirthDate")}
                error={error("childBirthDate")}
              />
              <TextField
                name="nationalId"
                label={t("relayLog.cases.convert.nationalId")}
                help={t("relayLog.cases.convert.nationalIdHelp")}
                autoComplete="off"
                maxLength={13}
                defaultValue={valueOf(failure, "nationalId")}
                error={error("nationalId")}
              />
            </Fieldset>
            <Fieldset>
              <Fieldset.Legend>{t("relayLog.cases.convert.guardiansHeading")}</Fieldset.Legend>
              <Fieldset.Description>
                {t("relayLog.cases.convert.guardiansHelp")}
              </Fieldset.Description>
              {convertGuardianFields.map((names, index) => (
                <Fieldset key={names.name} className="relay-log-cases__row">
                  <Fieldset.Legend>
                    {t("relayLog.cases.convert.guardianLegend", { number: index + 1 })}
                  </Fieldset.Legend>
                  <TextField
                    name={names.name}
                    label={t("relayLog.cases.convert.guardianName")}
                    required={index === 0}
                    maxLength={GUARDIAN_NAME_MAX}
                    autoComplete="off"
                    defaultValue={valueOf(failure, names.name)}
                    error={error(names.name)}
                  />
                  <TextField
                    name={names.phone}
                    type="tel"
                    label={t("relayLog.cases.convert.guardianPhone")}
                    maxLength={GUARDIAN_CONTACT_MAX}
                    autoComplete="off"
                    defaultValue={valueOf(failure, names.phone)}
                    error={error(names.phone)}
                  />
                  <TextField
                    name={names.email}
                    type="email"
                    label={t("relayLog.cases.convert.guardianEmail")}
                    maxLength={GUARDIAN_CONTACT_MAX}
                    autoComplete="off"
                    defaultValue={valueOf(failure, names.email)}
                    error={error(names.email)}
                  />
                  <CheckboxField
                    name={names.responsibility}
                    label={t("relayLog.cases.convert.guardianResponsibility")}
                    defaultChecked={
                      failure ? valueOf(failure, names.responsibility) === "on" : index === 0
                    }
                  />
                </Fieldset>
              ))}
            </Fieldset>
            <CheckboxField
              name="confirmed"
              label={t("relayLog.cases.convert.confirm")}
              error={error("confirmed")}
            />
            <div className="form__actions">
              <Button type="submit">{t("relayLog.cases.convert.submit")}</Button>
            </div>
          </Form>
        </section>
      )}
    </RelayLogLayout>
  );
}
