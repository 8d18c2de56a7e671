import { Heading } from "@digdir/designsystemet-react";
import { redirect, useActionData } from "react-router";
import { createUnit } from "../../core/units/units.ts";
import { UnitForm } from "../components/unit-form.tsx";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  isFailure,
  requirePermission,
  runAction,
  withNotice,
} from "../lib/route-helpers.ts";
import type { Route } from "./+types/admin.units.new";

export function loader({ context, request }: Route.LoaderArgs) {
  requirePermission(context, request, "units.manage");
  return null;
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "units.manage");
  const values = formToObject(await request.formData());
  return runAction(values, async () => {
    const unit = await createUnit({
      database: context.services.database,
      actor,
      meta: context.meta,
      values,
    });
    return redirect(withNotice("/admin/enheter", "units.created", { navn: unit.name }));
  });
}

export default function NewUnitPage() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  return (
    <div className="page">
      <title>{`${t("units.newTitle")} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {t("units.newTitle")}
      </Heading>
      <UnitForm failure={isFailure(actionData) ? actionData : undefined} />
    </div>
  );
}
