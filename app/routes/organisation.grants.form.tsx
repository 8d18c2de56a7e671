import { Paragraph } from "@digdir/designsystemet-react";
import { redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import {
  createGrant,
  deleteGrant,
  grantForm,
  updateGrant,
} from "../../core/organisation/grants.ts";
import {
  G,
  GRANTS_PATH,
  GrantForm,
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
import type { Route } from "./+types/organisation.grants.form";

/**
 * /organisering/tilskudd/ny and /organisering/tilskudd/:grantId/endre: the coordinator adds or
 * changes a grant; a failed save keeps what was typed. The edit page deletes the grant behind a
 * confirmation that warns that its budget, spending and deadlines go with it.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  const grantId = "grantId" in params ? params.grantId : undefined;
  return loadOr404(() =>
    grantForm({ database: context.services.database, actor, meta: context.meta, grantId }),
  );
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  const form = await request.formData();
  const values = formToObject(form);
  const grantId = "grantId" in params ? params.grantId : undefined;
  const common = { database: context.services.database, actor, meta: context.meta };
  return runAction(values, async () => {
    if (grantId && form.get("intent") === "delete") {
      const removed = await deleteGrant({ ...common, grantId });
      return redirect(withNotice(GRANTS_PATH, `${G}.notices.deleted`, { navn: removed.name }));
    }
    if (grantId) {
      await updateGrant({ ...common, grantId, values });
      return redirect(withNotice(grantHref(grantId), `${G}.notices.saved`));
    }
    const created = await createGrant({ ...common, values });
    return redirect(
      withNotice(grantHref(created.id), `${G}.notices.created`, { navn: created.name }),
    );
  });
}

export default function GrantFormPage() {
  const t = useT();
  const { grant, contacts, counts } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const [params] = useSearchParams();
  const heading = grant ? t(`${G}.editTitle`, { name: grant.name }) : t(`${G}.newTitle`);
  const back = grant
    ? { to: grantHref(grant.id), text: t(`${G}.backToGrant`, { name: grant.name }) }
    : { to: GRANTS_PATH, text: t(`${G}.backToList`) };
  return (
    <GrantsLayout heading={heading} back={back}>
      <GrantForm failure={failure} stored={grant} contacts={contacts} cancelTo={back.to} />
      {grant ? (
        <DeleteSection
          confirming={params.get("bekreft") === "slett"}
          selfPath={`${grantHref(grant.id)}/endre`}
          texts={{
            heading: t(`${G}.delete.heading`),
            button: t(`${G}.delete.button`),
            question: t(`${G}.delete.question`, { name: grant.name }),
            confirm: t(`${G}.delete.confirm`),
          }}
        >
          <Paragraph>{t(`${G}.delete.warning`, counts)}</Paragraph>
        </DeleteSection>
      ) : null}
    </GrantsLayout>
  );
}
