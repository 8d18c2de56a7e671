import { Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import {
  deleteDosingPeriod,
  getDosingPeriod,
  listComponents,
  updateDosingPeriod,
} from "../../core/implementation/components.ts";
import { DosingForm } from "../components/implementation-plan-forms.tsx";
import {
  DeleteSection,
  periodText,
  planPaths,
  PlanLayout,
} from "../components/implementation-plan-ui.tsx";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  isFailure,
  loadOr404,
  requirePermission,
  runAction,
  withNotice,
} from "../lib/route-helpers.ts";
import type { Route } from "./+types/implementation.components.dosing-edit";

/** Editing a dosing period, and deleting it behind a confirmation (the coordinator only). */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  const database = context.services.database;
  const period = await loadOr404(() =>
    getDosingPeriod({ database, actor, periodId: params.periodId }),
  );
  const { components } = await listComponents({ database, actor });
  return {
    period: {
      id: period.id,
      componentId: period.componentId,
      startsOn: period.startsOn,
      endsOn: period.endsOn,
      note: period.note,
    },
    components: components.map(({ id, title }) => ({ id, title })),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  const form = await request.formData();
  const values = formToObject(form);
  const common = {
    database: context.services.database,
    actor,
    meta: context.meta,
    periodId: params.periodId,
  };
  return runAction(values, async () => {
    if (form.get("intent") === "delete") {
      await deleteDosingPeriod(common);
      return redirect(withNotice(planPaths.components, "implementation.plan.dosing.deleted"));
    }
    await updateDosingPeriod({ ...common, values });
    return redirect(withNotice(planPaths.components, "implementation.plan.dosing.saved"));
  });
}

export default function EditDosingPage() {
  const t = useT();
  const { period, components } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const title = components.find((component) => component.id === period.componentId)?.title ?? "";
  return (
    <PlanLayout section="components" heading={t("implementation.plan.dosing.editTitle")}>
      <Paragraph>
        <DsLink asChild>
          <Link to={planPaths.components}>{t("implementation.plan.components.backToList")}</Link>
        </DsLink>
      </Paragraph>
      <DosingForm
        failure={isFailure(actionData) ? actionData : undefined}
        stored={period}
        components={components}
        cancelTo={planPaths.components}
      />
      <DeleteSection
        confirming={params.get("bekreft") === "slett"}
        selfPath={`${planPaths.components}/dosering/${period.id}`}
        texts={{
          heading: t("implementation.plan.dosing.deleteHeading"),
          button: t("implementation.plan.dosing.deleteButton"),
          question: t("implementation.plan.dosing.deleteConfirm", {
            title,
            period: periodText(t, period),
          }),
          confirm: t("implementation.plan.dosing.confirmDelete"),
        }}
      />
    </PlanLayout>
  );
}
