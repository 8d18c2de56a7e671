import { Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import {
  deleteResponsibility,
  getResponsibility,
  updateResponsibility,
} from "../../core/implementation/responsibilities.ts";
import { ResponsibilityForm } from "../components/implementation-plan-forms.tsx";
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
import type { Route } from "./+types/implementation.responsibilities.edit";

/** Editing a row of the responsibility matrix, and deleting it behind a confirmation. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  const row = await loadOr404(() =>
    getResponsibility({
      database: context.services.database,
      actor,
      responsibilityId: params.responsibilityId,
    }),
  );
  return { row };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  const form = await request.formData();
  const values = formToObject(form);
  const common = {
    database: context.services.database,
    actor,
    meta: context.meta,
    responsibilityId: params.responsibilityId,
  };
  return runAction(values, async () => {
    if (form.get("intent") === "delete") {
      const removed = await deleteResponsibility(common);
      return redirect(
        withNotice(planPaths.responsibilities, "implementation.plan.responsibilities.deleted", {
          hvem: removed.holder,
        }),
      );
    }
    await updateResponsibility({ ...common, values });
    return redirect(
      withNotice(
        `${planPaths.responsibilities}/${params.responsibilityId}`,
        "implementation.plan.responsibilities.saved",
      ),
    );
  });
}

export default function EditResponsibilityPage() {
  const t = useT();
  const { row } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const notice = noticeFrom(params, ["implementation.plan.responsibilities.saved"]);
  return (
    <PlanLayout
      section="responsibilities"
      heading={`${t("implementation.plan.responsibilities.editTitle")}: ${row.holder}`}
      notice={notice ? t(notice) : null}
    >
      <Paragraph>
        <DsLink asChild>
          <Link to={planPaths.responsibilities}>
            {t("implementation.plan.responsibilities.backToList")}
          </Link>
        </DsLink>
      </Paragraph>
      <ResponsibilityForm
        failure={isFailure(actionData) ? actionData : undefined}
        stored={row}
        cancelTo={planPaths.responsibilities}
      />
      <DeleteSection
        confirming={params.get("bekreft") === "slett"}
        selfPath={`${planPaths.responsibilities}/${row.id}`}
        texts={{
          heading: t("implementation.plan.responsibilities.deleteHeading"),
          button: t("implementation.plan.responsibilities.deleteButton"),
          question: t("implementation.plan.responsibilities.deleteConfirm", { holder: row.holder }),
          confirm: t("implementation.plan.responsibilities.confirmDelete"),
        }}
      />
    </PlanLayout>
  );
}
