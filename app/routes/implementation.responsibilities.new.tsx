import { redirect, useActionData } from "react-router";
import { createResponsibility } from "../../core/implementation/responsibilities.ts";
import { ResponsibilityForm } from "../components/implementation-plan-forms.tsx";
import { planPaths, PlanLayout } from "../components/implementation-plan-ui.tsx";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  isFailure,
  requirePermission,
  runAction,
  withNotice,
} from "../lib/route-helpers.ts";
import type { Route } from "./+types/implementation.responsibilities.new";

/** A new row of the responsibility matrix, added last (the coordinator only). */
export function loader({ context, request }: Route.LoaderArgs) {
  requirePermission(context, request, "implementation.manage");
  return null;
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  const values = formToObject(await request.formData());
  return runAction(values, async () => {
    const row = await createResponsibility({
      database: context.services.database,
      actor,
      meta: context.meta,
      values,
    });
    return redirect(
      withNotice(planPaths.responsibilities, "implementation.plan.responsibilities.created", {
        hvem: row.holder,
      }),
    );
  });
}

export default function NewResponsibilityPage() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  return (
    <PlanLayout
      section="responsibilities"
      heading={t("implementation.plan.responsibilities.newTitle")}
    >
      <ResponsibilityForm
        failure={isFailure(actionData) ? actionData : undefined}
        cancelTo={planPaths.responsibilities}
      />
    </PlanLayout>
  );
}
