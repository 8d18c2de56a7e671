import { Button } from "@digdir/designsystemet-react";
import { Form, Link } from "react-router";
import { serviceTypes } from "../../core/units/service-types.ts";
import { useT } from "../lib/i18n.tsx";
import type { ActionFailure } from "../lib/route-helpers.ts";
import { CsrfField, FormErrors, SelectField, TextField, valueOf } from "./forms.tsx";

export function UnitForm(props: {
  failure: ActionFailure | undefined;
  stored?: { name: string; serviceType: string };
}) {
  const t = useT();
  const { failure, stored } = props;
  return (
    <>
      <FormErrors failure={failure} />
      <Form method="post" className="form" noValidate>
        <CsrfField />
        <input type="hidden" name="intent" value="save" />
        <TextField
          name="name"
          label={t("units.name")}
          required
          maxLength={120}
          defaultValue={valueOf(failure, "name", stored?.name)}
          error={failure?.fieldErrors.name}
        />
        <SelectField
          name="serviceType"
          label={t("units.serviceType")}
          required
          placeholder={t("units.chooseServiceType")}
          options={serviceTypes.map((type) => ({ value: type, label: t(`serviceType.${type}`) }))}
          defaultValue={valueOf(failure, "serviceType", stored?.serviceType)}
          error={failure?.fieldErrors.serviceType}
        />
        <div className="form__actions">
          <Button type="submit">{t("units.save")}</Button>
          <Button asChild variant="tertiary">
            <Link to="/admin/enheter">{t("units.cancel")}</Link>
          </Button>
        </div>
      </Form>
    </>
  );
}
