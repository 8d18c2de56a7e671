import { redirect, useActionData, useLoaderData } from "react-router";
import { createMilestone, milestoneFormOptions } from "../../core/implementation/plan.ts";
import { osloDate } from "../../core/platform/dates.ts";
import { MilestoneForm } from "../components/implementation-plan-forms.tsx";
import { planPaths, PlanLayout } from "../components/implementation-plan-ui.tsx";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  isFailure,
  requirePermission,
  runAction,
  withNotice,
} from "../lib/route-helpers.ts";
import type { Route } from "./+types/implementation.plan.new";

/** A new milestone of the implementation plan (the coordinator only). */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  const options = await milestoneFormOptions({ database: context.services.database, actor });
  return { ...options, today: osloDate() };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  const values = formToObject(await request.formData());
  return runAction(values, async () => {
    const milestone = await createMilestone({
      database: context.services.database,
      actor,
      meta: context.meta,
      values,
    });
    return redirect(
      withNotice(planPaths.plan, "implementation.plan.milestones.created", {
        tittel: milestone.title,
      }),
    );
  });
}

export default function NewMilestonePage() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <PlanLayout section="plan" heading={t("implementation.plan.milestones.newTitle")}>
      <MilestoneForm
        failure={isFailure(actionData) ? actionData : undefined}
        evaluations={data.evaluations}
        components={data.components}
        today={data.today}
        cancelTo={planPaths.plan}
      />
    </PlanLayout>
  );
}
