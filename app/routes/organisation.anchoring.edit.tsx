import { Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import {
  anchoringFormOptions,
  deleteAnchoringActivity,
  getAnchoringActivity,
  updateAnchoringActivity,
} from "../../core/organisation/anchoring.ts";
import { osloDate } from "../../core/platform/dates.ts";
import { AnchoringForm } from "../components/organisation-anchoring-form.tsx";
import {
  activityName,
  activityPath,
  AnchoringLayout,
  anchoringPaths,
  DeleteSection,
  followUpStatusText,
  noticeFrom,
} from "../components/organisation-anchoring-ui.tsx";
import { formatDate } from "../components/worry-fields.tsx";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  isFailure,
  loadOr404,
  requirePermission,
  runAction,
  withNotice,
} from "../lib/route-helpers.ts";
import type { Route } from "./+types/organisation.anchoring.edit";

/**
 * Editing an anchoring activity, and deleting it behind a confirmation (the coordinator only).
 * Reading it is audited (anchoring.activity_viewed).
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  const database = context.services.database;
  const activity = await loadOr404(() =>
    getAnchoringActivity({ database, actor, meta: context.meta, activityId: params.activityId }),
  );
  const options = await anchoringFormOptions({ database, actor });
  // A deactivated responsible stays choosable on their own activity, so saving does not fail.
  if (
    activity.responsibleUserId &&
    !options.staff.some((person) => person.id === activity.responsibleUserId)
  ) {
    options.staff.push({ id: activity.responsibleUserId, title: activity.responsibleName ?? "" });
  }
  return { activity, ...options, today: osloDate() };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  const form = await request.formData();
  const values = formToObject(form);
  const common = {
    database: context.services.database,
    actor,
    meta: context.meta,
    activityId: params.activityId,
  };
  return runAction(values, async () => {
    if (form.get("intent") === "delete") {
      const removed = await deleteAnchoringActivity(common);
      return redirect(
        withNotice(anchoringPaths.log, "organisation.anchoring.deleted", {
          navn: removed.audience,
        }),
      );
    }
    await updateAnchoringActivity({ ...common, values });
    return redirect(withNotice(activityPath(params.activityId), "organisation.anchoring.saved"));
  });
}

export default function EditAnchoringPage() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const notice = noticeFrom(params, ["organisation.anchoring.saved"]);
  const { activity } = data;
  return (
    <AnchoringLayout
      section="log"
      heading={`${t("organisation.anchoring.editTitle")}: ${activityName(t, activity)}`}
      notice={notice ? t(notice) : null}
    >
      <Paragraph>
        <DsLink asChild>
          <Link to={anchoringPaths.log}>{t("organisation.anchoring.backToLog")}</Link>
        </DsLink>
      </Paragraph>
      {activity.followUpState !== "none" ? (
        <Paragraph>
          {t("organisation.anchoring.facts.followUp")}:{" "}
          <strong>{followUpStatusText(t, activity)}</strong>
        </Paragraph>
      ) : null}
      <AnchoringForm
        failure={isFailure(actionData) ? actionData : undefined}
        stored={activity}
        staff={data.staff}
        materials={data.materials}
        milestones={data.milestones}
        today={data.today}
        cancelTo={anchoringPaths.log}
      />
      <DeleteSection
        confirming={params.get("bekreft") === "slett"}
        selfPath={activityPath(activity.id)}
        texts={{
          heading: t("organisation.anchoring.deleteHeading"),
          button: t("organisation.anchoring.deleteButton"),
          question: t("organisation.anchoring.deleteConfirm", {
            audience: activity.audience,
            date: formatDate(activity.occurredOn),
          }),
          confirm: t("organisation.anchoring.confirmDelete"),
        }}
      />
    </AnchoringLayout>
  );
}
