import { Button, Paragraph } from "@digdir/designsystemet-react";
import { Form, Link } from "react-router";
import { staffRoles } from "../../core/access/roles.ts";
import { useT } from "../lib/i18n.tsx";
import type { ActionFailure } from "../lib/route-helpers.ts";
import { CheckboxGroup, CsrfField, FormErrors, TextField, valueOf, valuesOf } from "./forms.tsx";

export interface UnitOption {
  id: string;
  name: string;
  active: boolean;
}

/**
 * Create and edit form for a staff user. After a failed post it shows what was typed (never
 * the password); otherwise the stored values.
 */
export function UserForm(props: {
  failure: ActionFailure | undefined;
  units: UnitOption[];
  stored?: { name: string; email: string; roles: string[]; unitIds: string[] };
  /** Only when creating: an optional initial password. */
  withPassword?: boolean;
}) {
  const t = useT();
  const { failure, stored, units } = props;
  const errors = failure?.fieldErrors ?? {};
  return (
    <>
      <FormErrors failure={failure} />
      <Form method="post" className="form" noValidate>
        <CsrfField />
        <input type="hidden" name="intent" value="save" />
        <TextField
          name="name"
          label={t("users.name")}
          required
          maxLength={120}
          autoComplete="off"
          defaultValue={valueOf(failure, "name", stored?.name)}
          error={errors.name}
        />
        <TextField
          name="email"
          label={t("users.email")}
          type="email"
          required
          maxLength={200}
          autoComplete="off"
          defaultValue={valueOf(failure, "email", stored?.email)}
          error={errors.email}
        />
        <CheckboxGroup
          name="roles"
          legend={t("users.roles")}
          description={t("users.rolesHelp")}
          required
          options={staffRoles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
          checked={valuesOf(failure, "roles", stored?.roles ?? [])}
          error={errors.roles}
        />
        {units.length > 0 ? (
          <CheckboxGroup
            name="unitIds"
            legend={t("users.units")}
            description={t("users.unitsHelp")}
            options={units.map((unit) => ({
              value: unit.id,
              label: unit.active ? unit.name : t("users.inactiveUnit", { name: unit.name }),
            }))}
            checked={valuesOf(failure, "unitIds", stored?.unitIds ?? [])}
            error={errors.unitIds}
          />
        ) : (
          <Paragraph id="unitIds">{t("users.noActiveUnits")}</Paragraph>
        )}
        {props.withPassword ? (
          <TextField
            name="password"
            label={t("users.password")}
            help={t("users.passwordHelp")}
            type="password"
            autoComplete="new-password"
            maxLength={200}
            error={errors.password}
          />
        ) : null}
        <div className="form__actions">
          <Button type="submit">{t("users.save")}</Button>
          <Button asChild variant="tertiary">
            <Link to="/admin/brukere">{t("users.cancel")}</Link>
          </Button>
        </div>
      </Form>
    </>
  );
}
