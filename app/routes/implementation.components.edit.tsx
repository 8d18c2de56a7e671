import { Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import {
  deleteComponent,
  getComponent,
  updateComponent,
} from "../../core/implementation/components.ts";
import { ComponentForm } from "../components/implementation-plan-forms.tsx";
import {
  DeleteSection,
  noticeFrom,
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
import type { Route } from "./+types/implementation.components.edit";

/** Editing a core component, and deleting it (with its dosing periods) behind a confirmation. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  const component = await loadOr404(() =>
    getComponent({
      database: context.services.database,
      actor,
      componentId: params.componentId,
    }),
  );
  return { component };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  const form = await request.formData();
  const values = formToObject(form);
  const common = {
    database: context.services.database,
    actor,
    meta: context.meta,
    componentId: params.componentId,
  };
  return runAction(values, async () => {
    if (form.get("intent") === "delete") {
      const removed = await deleteComponent(common);
      return redirect(
        withNotice(planPaths.components, "implementation.plan.components.deleted", {
          tittel: removed.title,
        }),
      );
    }
    await updateComponent({ ...common, values });
    return redirect(
      withNotice(
        `${planPaths.components}/${params.componentId}`,
        "implementation.plan.components.saved",
      ),
    );
  });
}

export default function EditComponentPage() {
  const t = useT();
  const { component } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const notice = noticeFrom(params, ["implementation.plan.components.saved"]);
  return (
    <PlanLayout
      section="components"
      heading={`${t("implementation.plan.components.editTitle")}: ${component.title}`}
      notice={notice ? t(notice) : null}
    >
      <Paragraph>
        <DsLink asChild>
          <Link to={planPaths.components}>{t("implementation.plan.components.backToList")}</Link>
        </DsLink>
      </Paragraph>
      <ComponentForm
        failure={isFailure(actionData) ? actionData : undefined}
        stored={component}
        cancelTo={planPaths.components}
      />
      <DeleteSection
        confirming={params.get("bekreft") === "slett"}
        selfPath={`${planPaths.components}/${component.id}`}
        texts={{
          heading: t("implementation.plan.components.deleteHeading"),
          button: t("implementation.plan.components.deleteButton"),
          question: t("implementation.plan.components.deleteConfirm", {
            title: component.title,
            dosing: component.dosingCount,
            milestones: component.milestoneCount,
          }),
          confirm: t("implementation.plan.components.confirmDelete"),
        }}
      />
    </PlanLayout>
  );
}
