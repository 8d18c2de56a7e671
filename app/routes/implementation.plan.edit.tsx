import { Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import {
  deleteMilestone,
  getMilestone,
  milestoneFormOptions,
  updateMilestone,
} from "../../core/implementation/plan.ts";
import { osloDate } from "../../core/platform/dates.ts";
import { MilestoneForm } from "../components/implementation-plan-forms.tsx";
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
import type { Route } from "./+types/implementation.plan.edit";

/** Editing one milestone, and deleting it behind a confirmation (the coordinator only). */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  const database = context.services.database;
  const milestone = await loadOr404(() =>
    getMilestone({ database, actor, milestoneId: params.milestoneId }),
  );
  const options = await milestoneFormOptions({ database, actor, excludeId: milestone.id });
  return { milestone, ...options, today: osloDate() };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  const form = await request.formData();
  const values = formToObject(form);
  const common = {
    database: context.services.database,
    actor,
    meta: context.meta,
    milestoneId: params.milestoneId,
  };
  return runAction(values, async () => {
    if (form.get("intent") === "delete") {
      const removed = await deleteMilestone(common);
      return redirect(
        withNotice(planPaths.plan, "implementation.plan.milestones.deleted", {
          tittel: removed.title,
        }),
      );
    }
    await updateMilestone({ ...common, values });
    return redirect(
      withNotice(`${planPaths.plan}/${params.milestoneId}`, "implementation.plan.milestones.saved"),
    );
  });
}

export default function EditMilestonePage() {
  const t = useT();
  const { milestone, evaluations, components, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const notice = noticeFrom(params, ["implementation.plan.milestones.saved"]);
  const selfPath = `${planPaths.plan}/${milestone.id}`;
  return (
    <PlanLayout
      section="plan"
      heading={`${t("implementation.plan.milestones.editTitle")}: ${milestone.title}`}
      notice={notice ? t(notice) : null}
    >
      <Paragraph>
        <DsLink asChild>
          <Link to={planPaths.plan}>{t("implementation.plan.milestones.backToPlan")}</Link>
        </DsLink>
      </Paragraph>
      <MilestoneForm
        failure={isFailure(actionData) ? actionData : undefined}
        stored={milestone}
        evaluations={evaluations}
        components={components}
        today={today}
        cancelTo={planPaths.plan}
      />
      <DeleteSection
        confirming={params.get("bekreft") === "slett"}
        selfPath={selfPath}
        texts={{
          heading: t("implementation.plan.milestones.deleteHeading"),
          button: t("implementation.plan.milestones.deleteButton"),
          question: t("implementation.plan.milestones.deleteConfirm", { title: milestone.title }),
          confirm: t("implementation.plan.milestones.confirmDelete"),
        }}
      />
    </PlanLayout>
  );
}
