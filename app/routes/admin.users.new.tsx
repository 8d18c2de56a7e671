import { Heading } from "@digdir/designsystemet-react";
import { redirect, useActionData, useLoaderData } from "react-router";
import { listUnits } from "../../core/units/units.ts";
import { createUser } from "../../core/users/users.ts";
import { UserForm } from "../components/user-form.tsx";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  isFailure,
  requirePermission,
  runAction,
  withNotice,
} from "../lib/route-helpers.ts";
import type { Route } from "./+types/admin.users.new";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "users.manage");
  const units = await listUnits({ database: context.services.database, actor });
  return { units: units.map((unit) => ({ id: unit.id, name: unit.name, active: unit.active })) };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "users.manage");
  const values = formToObject(await request.formData());
  return runAction(values, async () => {
    const user = await createUser({
      database: context.services.database,
      actor,
      meta: context.meta,
      values,
    });
    return redirect(withNotice("/admin/brukere", "users.created", { navn: user.name }));
  });
}

export default function NewUserPage() {
  const t = useT();
  const { units } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="page">
      <title>{`${t("users.newTitle")} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {t("users.newTitle")}
      </Heading>
      <UserForm
        failure={isFailure(actionData) ? actionData : undefined}
        units={units}
        withPassword
      />
    </div>
  );
}
