import { Paragraph } from "@digdir/designsystemet-react";
import { redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import {
  createDeadline,
  deadlineForm,
  deleteDeadline,
  updateDeadline,
} from "../../core/organisation/grants-deadlines.ts";
import {
  deadlineHref,
  DeadlineForm,
  DeadlineStateTag,
  G,
  GrantsLayout,
  grantHref,
} from "../components/organisation-grants.tsx";
import { DeleteSection } from "../components/implementation-plan-ui.tsx";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  isFailure,
  loadOr404,
  requirePermission,
  runAction,
  withNotice,
} from "../lib/route-helpers.ts";
import type { Route } from "./+types/organisation.grants.deadline";

/**
 * /organisering/tilskudd/:grantId/frister/ny and …/frister/:deadlineId: a report the grant giver
 * expects — what, when, the reminder days before, when it was submitted, a note. The edit page
 * removes the deadline behind a confirmation.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  const deadlineId = "deadlineId" in params ? params.deadlineId : undefined;
  return loadOr404(() =>
    deadlineForm({
      database: context.services.database,
      actor,
      meta: context.meta,
      grantId: params.grantId,
      deadlineId,
    }),
  );
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  const form = await request.formData();
  const values = formToObject(form);
  const deadlineId = "deadlineId" in params ? params.deadlineId : undefined;
  const common = {
    database: context.services.database,
    actor,
    meta: context.meta,
    grantId: params.grantId,
  };
  const grantPage = grantHref(params.grantId);
  return runAction(values, async () => {
    if (deadlineId && form.get("intent") === "delete") {
      await deleteDeadline({ ...common, deadlineId });
      return redirect(withNotice(grantPage, `${G}.notices.deadlineDeleted`) + "#frister");
    }
    if (deadlineId) {
      await updateDeadline({ ...common, deadlineId, values });
      return redirect(withNotice(grantPage, `${G}.notices.deadlineSaved`) + "#frister");
    }
    await createDeadline({ ...common, values });
    return redirect(withNotice(grantPage, `${G}.notices.deadlineCreated`) + "#frister");
  });
}

export default function DeadlinePage() {
  const t = useT();
  const { grant, deadline, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const [params] = useSearchParams();
  const heading = deadline
    ? t(`${G}.deadlines.editTitle`, { title: deadline.title })
    : t(`${G}.deadlines.newTitle`);
  const back = { to: grantHref(grant.id), text: t(`${G}.backToGrant`, { name: grant.name }) };
  return (
    <GrantsLayout heading={heading} back={back}>
      {deadline ? (
        <Paragraph>
          {t(`${G}.deadlines.columns.status`)}:{" "}
          <DeadlineStateTag state={deadline.state} submittedOn={deadline.submittedOn} />
        </Paragraph>
      ) : (
        <Paragraph>{grant.name}</Paragraph>
      )}
      <DeadlineForm failure={failure} stored={deadline} today={today} cancelTo={back.to} />
      {deadline ? (
        <DeleteSection
          confirming={params.get("bekreft") === "slett"}
          selfPath={deadlineHref(grant.id, deadline.id)}
          texts={{
            heading: t(`${G}.deadlines.delete.heading`),
            button: t(`${G}.deadlines.delete.button`),
            question: t(`${G}.deadlines.delete.question`, { title: deadline.title }),
            confirm: t(`${G}.deadlines.delete.confirm`),
          }}
        />
      ) : null}
    </GrantsLayout>
  );
}
