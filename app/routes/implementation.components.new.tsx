import { redirect, useActionData } from "react-router";
import { createComponent } from "../../core/implementation/components.ts";
import { ComponentForm } from "../components/implementation-plan-forms.tsx";
import { planPaths, PlanLayout } from "../components/implementation-plan-ui.tsx";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  isFailure,
  requirePermission,
  runAction,
  withNotice,
} from "../lib/route-helpers.ts";
import type { Route } from "./+types/implementation.components.new";

/** A new core component, added last in the list (the coordinator only). */
export function loader({ context, request }: Route.LoaderArgs) {
  requirePermission(context, request, "implementation.manage");
  return null;
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  const values = formToObject(await request.formData());
  return runAction(values, async () => {
    const component = await createComponent({
      database: context.services.database,
      actor,
      meta: context.meta,
      values,
    });
    return redirect(
      withNotice(planPaths.components, "implementation.plan.components.created", {
        tittel: component.title,
      }),
    );
  });
}

export default function NewComponentPage() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  return (
    <PlanLayout section="components" heading={t("implementation.plan.components.newTitle")}>
      <ComponentForm
        failure={isFailure(actionData) ? actionData : undefined}
        cancelTo={planPaths.components}
      />
    </PlanLayout>
  );
}
