import { Button, Field, Heading, Input, Label, Paragraph } from "@digdir/designsystemet-react";
import { Form, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { AppError, isAppError } from "../../core/errors.ts";
import { getTenant, updateTenant } from "../../core/tenants/tenants.ts";
import {
  CsrfField,
  FormErrors,
  Notice,
  RadioGroup,
  TextField,
  valueOf,
} from "../components/forms.tsx";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  isFailure,
  requirePermission,
  runAction,
  withNotice,
} from "../lib/route-helpers.ts";
import type { Route } from "./+types/admin.settings";

const settingFields = [
  "youthConsentAge",
  "retentionMonthsAfterClose",
  "contactEmail",
  "contactPhone",
] as const;

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "tenant.manage");
  const tenant = await getTenant(context.services.database, actor.tenantId);
  return {
    name: tenant.name,
    municipalityNumber: tenant.municipalityNumber,
    settings: tenant.settings,
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "tenant.manage");
  const form = await request.formData();
  const values = formToObject(form);
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  // The form is flat; the domain takes the settings nested.
  const input = {
    name: text("name"),
    settings: Object.fromEntries(settingFields.map((field) => [field, text(field)])),
  };
  return runAction(values, async () => {
    try {
      await updateTenant({
        database: context.services.database,
        actor,
        meta: context.meta,
        tenantId: actor.tenantId,
        values: input,
      });
    } catch (error) {
      throw isAppError(error) ? flattenFieldErrors(error) : error;
    }
    return redirect(withNotice("/admin/innstillinger", "settings.saved"));
  });
}

/** `settings.contactEmail` → `contactEmail`, the name (and id) of the field on this page. */
function flattenFieldErrors(error: AppError): AppError {
  if (!error.fieldErrors) return error;
  const fieldErrors = Object.fromEntries(
    Object.entries(error.fieldErrors).map(([field, key]) => [
      field.replace(/^settings\./, ""),
      key,
    ]),
  );
  return new AppError(error.code, error.messageKey, { fieldErrors, cause: error });
}

export default function SettingsPage() {
  const t = useT();
  const stored = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const errors = failure?.fieldErrors ?? {};
  const [params] = useSearchParams();
  return (
    <div className="page">
      <title>{`${t("settings.title")} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {t("settings.title")}
      </Heading>
      {params.get("melding") === "settings.saved" ? <Notice>{t("settings.saved")}</Notice> : null}
      <Paragraph>{t("settings.intro")}</Paragraph>
      <FormErrors failure={failure} />
      <Form method="post" className="form" noValidate>
        <CsrfField />
        <Field>
          <Label htmlFor="municipalityNumber">{t("settings.municipalityNumber")}</Label>
          <Paragraph data-size="sm" id="municipalityNumber-hjelp">
            {t("settings.municipalityNumberHelp")}
          </Paragraph>
          {/* Read-only and without a name: shown for reference, never posted. */}
          <Input
            id="municipalityNumber"
            readOnly
            value={stored.municipalityNumber}
            aria-describedby="municipalityNumber-hjelp"
          />
        </Field>
        <TextField
          name="name"
          label={t("settings.name")}
          required
          maxLength={120}
          defaultValue={valueOf(failure, "name", stored.name)}
          error={errors.name}
        />
        <RadioGroup
          name="youthConsentAge"
          legend={t("settings.youthConsentAge")}
          description={t("settings.youthConsentAgeHelp")}
          required
          options={["15", "16"].map((age) => ({ value: age, label: t("settings.years", { age }) }))}
          checked={valueOf(failure, "youthConsentAge", String(stored.settings.youthConsentAge))}
          error={errors.youthConsentAge}
        />
        <TextField
          name="retentionMonthsAfterClose"
          label={t("settings.retention")}
          help={t("settings.retentionHelp")}
          type="number"
          required
          min={1}
          max={240}
          defaultValue={valueOf(
            failure,
            "retentionMonthsAfterClose",
            String(stored.settings.retentionMonthsAfterClose),
          )}
          error={errors.retentionMonthsAfterClose}
        />
        <TextField
          name="contactEmail"
          label={t("settings.contactEmail")}
          type="email"
          maxLength={200}
          autoComplete="off"
          defaultValue={valueOf(failure, "contactEmail", stored.settings.contactEmail)}
          error={errors.contactEmail}
        />
        <TextField
          name="contactPhone"
          label={t("settings.contactPhone")}
          type="tel"
          maxLength={20}
          autoComplete="off"
          defaultValue={valueOf(failure, "contactPhone", stored.settings.contactPhone)}
          error={errors.contactPhone}
        />
        <div className="form__actions">
          <Button type="submit">{t("settings.save")}</Button>
        </div>
      </Form>
    </div>
  );
}
