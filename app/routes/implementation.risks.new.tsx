import { redirect, useActionData, useLoaderData } from "react-router";
import { createRisk, riskOwnerOptions } from "../../core/implementation/risks.ts";
import { RiskForm } from "../components/implementation-plan-forms.tsx";
import { planPaths, PlanLayout } from "../components/implementation-plan-ui.tsx";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  isFailure,
  requirePermission,
  runAction,
  withNotice,
} from "../lib/route-helpers.ts";
import type { Route } from "./+types/implementation.risks.new";

/** A new risk in the register (the coordinator only). */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  return { owners: await riskOwnerOptions({ database: context.services.database, actor }) };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  const values = formToObject(await request.formData());
  return runAction(values, async () => {
    const risk = await createRisk({
      database: context.services.database,
      actor,
      meta: context.meta,
      values,
    });
    return redirect(
      withNotice(planPaths.risks, "implementation.plan.risks.created", { tittel: risk.title }),
    );
  });
}

export default function NewRiskPage() {
  const t = useT();
  const { owners } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <PlanLayout section="risks" heading={t("implementation.plan.risks.newTitle")}>
      <RiskForm
        failure={isFailure(actionData) ? actionData : undefined}
        owners={owners}
        cancelTo={planPaths.risks}
      />
    </PlanLayout>
  );
}
