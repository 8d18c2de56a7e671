import { Alert, Button, Heading, Paragraph } from "@digdir/designsystemet-react";
import { Form, Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { getUnit, setUnitActive, updateUnit } from "../../core/units/units.ts";
import { CsrfField, Notice } from "../components/forms.tsx";
import { UnitForm } from "../components/unit-form.tsx";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  isFailure,
  loadOr404,
  requirePermission,
  runAction,
  withNotice,
} from "../lib/route-helpers.ts";
import type { Route } from "./+types/admin.units.edit";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "units.manage");
  const unit = await loadOr404(() =>
    getUnit({ database: context.services.database, actor, unitId: params.unitId }),
  );
  return { unit };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "units.manage");
  const form = await request.formData();
  const values = formToObject(form);
  const intent = form.get("intent");
  const common = {
    database: context.services.database,
    actor,
    meta: context.meta,
    unitId: params.unitId,
  };
  return runAction(values, async () => {
    if (intent === "deactivate" || intent === "reactivate") {
      const unit = await setUnitActive({ ...common, active: intent === "reactivate" });
      const key = intent === "reactivate" ? "units.reactivated" : "units.deactivated";
      return redirect(withNotice("/admin/enheter", key, { navn: unit.name }));
    }
    await updateUnit({ ...common, values });
    return redirect(withNotice(`/admin/enheter/${params.unitId}`, "units.saved"));
  });
}

export default function EditUnitPage() {
  const t = useT();
  const { unit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const confirming = params.get("bekreft") === "deaktiver";
  return (
    <div className="page">
      <title>{`${t("units.editTitle")} – ${unit.name} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {t("units.editTitle")}: {unit.name}
      </Heading>
      {params.get("melding") === "units.saved" ? <Notice>{t("units.saved")}</Notice> : null}
      <UnitForm failure={isFailure(actionData) ? actionData : undefined} stored={unit} />

      <section aria-labelledby="status-heading" className="page">
        <Heading level={2} data-size="sm" id="status-heading">
          {t("units.status")}: {unit.active ? t("units.active") : t("units.inactive")}
        </Heading>
        {unit.active && confirming ? (
          <Alert data-color="warning">
            <Paragraph>{t("units.deactivateConfirm", { name: unit.name })}</Paragraph>
            <Form method="post" className="form__actions">
              <CsrfField />
              <Button type="submit" name="intent" value="deactivate" data-color="danger">
                {t("units.confirmDeactivate")}
              </Button>
              <Button asChild variant="tertiary">
                <Link to={`/admin/enheter/${unit.id}`}>{t("units.cancel")}</Link>
              </Button>
            </Form>
          </Alert>
        ) : unit.active ? (
          <div className="actions">
            <Button asChild variant="secondary" data-color="danger">
              <Link to="?bekreft=deaktiver">{t("units.deactivate")}</Link>
            </Button>
          </div>
        ) : (
          <Form method="post" className="actions">
            <CsrfField />
            <Button type="submit" name="intent" value="reactivate" variant="secondary">
              {t("units.reactivate")}
            </Button>
          </Form>
        )}
      </section>
    </div>
  );
}
