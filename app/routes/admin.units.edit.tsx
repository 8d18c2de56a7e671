import { Heading } from "@digdir/designsystemet-react";
import { ActiveStatusSection } from "../components/active-status.tsx";
import { redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { getUnit, setUnitActive, updateUnit } from "../../core/units/units.ts";
import { Notice } from "../components/forms.tsx";
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

      <ActiveStatusSection
        active={unit.active}
        confirming={confirming}
        selfPath={`/admin/enheter/${unit.id}`}
        texts={{
          heading: `${t("units.status")}: ${unit.active ? t("units.active") : t("units.inactive")}`,
          confirmQuestion: t("units.deactivateConfirm", { name: unit.name }),
          confirm: t("units.confirmDeactivate"),
          cancel: t("units.cancel"),
          deactivate: t("units.deactivate"),
          reactivate: t("units.reactivate"),
        }}
      />
    </div>
  );
}
