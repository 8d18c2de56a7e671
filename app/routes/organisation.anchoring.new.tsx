import { redirect, useActionData, useLoaderData } from "react-router";
import {
  anchoringFormOptions,
  createAnchoringActivity,
} from "../../core/organisation/anchoring.ts";
import { osloDate } from "../../core/platform/dates.ts";
import { AnchoringForm } from "../components/organisation-anchoring-form.tsx";
import { AnchoringLayout, anchoringPaths } from "../components/organisation-anchoring-ui.tsx";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  isFailure,
  loadOr404,
  requirePermission,
  runAction,
  withNotice,
} from "../lib/route-helpers.ts";
import type { Route } from "./+types/organisation.anchoring.new";

/** Registering an anchoring activity (the coordinator only). */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  const options = await loadOr404(() =>
    anchoringFormOptions({ database: context.services.database, actor }),
  );
  return { ...options, today: osloDate(), userId: actor.userId };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  const values = formToObject(await request.formData());
  return runAction(values, async () => {
    const activity = await createAnchoringActivity({
      database: context.services.database,
      actor,
      meta: context.meta,
      values,
    });
    return redirect(
      withNotice(anchoringPaths.log, "organisation.anchoring.created", {
        navn: activity.audience,
      }),
    );
  });
}

export default function NewAnchoringPage() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <AnchoringLayout section="log" heading={t("organisation.anchoring.newTitle")}>
      <AnchoringForm
        failure={isFailure(actionData) ? actionData : undefined}
        defaultResponsibleUserId={data.staff.some((p) => p.id === data.userId) ? data.userId : null}
        staff={data.staff}
        materials={data.materials}
        milestones={data.milestones}
        today={data.today}
        cancelTo={anchoringPaths.log}
      />
    </AnchoringLayout>
  );
}
