import { redirect, useActionData, useLoaderData } from "react-router";
import { createDosingPeriod, listComponents } from "../../core/implementation/components.ts";
import { DosingForm } from "../components/implementation-plan-forms.tsx";
import { planPaths, PlanLayout } from "../components/implementation-plan-ui.tsx";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  isFailure,
  requirePermission,
  runAction,
  withNotice,
} from "../lib/route-helpers.ts";
import type { Route } from "./+types/implementation.components.dosing-new";

/** A new dosing period: a core component in focus from–to (the coordinator only). */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  const { components } = await listComponents({ database: context.services.database, actor });
  return { components: components.map(({ id, title }) => ({ id, title })) };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  const values = formToObject(await request.formData());
  return runAction(values, async () => {
    await createDosingPeriod({
      database: context.services.database,
      actor,
      meta: context.meta,
      values,
    });
    return redirect(withNotice(planPaths.components, "implementation.plan.dosing.created"));
  });
}

export default function NewDosingPage() {
  const t = useT();
  const { components } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <PlanLayout section="components" heading={t("implementation.plan.dosing.newTitle")}>
      <DosingForm
        failure={isFailure(actionData) ? actionData : undefined}
        components={components}
        cancelTo={planPaths.components}
      />
    </PlanLayout>
  );
}
