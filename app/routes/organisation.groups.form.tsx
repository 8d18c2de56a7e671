import { Alert, Button, Heading, Paragraph } from "@digdir/designsystemet-react";
import { Form, Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import {
  createGroup,
  deleteGroup,
  groupForm,
  updateGroup,
} from "../../core/organisation/groups.ts";
import { CsrfField } from "../components/forms.tsx";
import {
  GROUPS_PATH,
  GroupForm,
  GroupsPage,
  noticeText,
} from "../components/organisation-groups.tsx";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  isFailure,
  loadOr404,
  requirePermission,
  runAction,
  withNotice,
} from "../lib/route-helpers.ts";
import type { Route } from "./+types/organisation.groups.form";

/**
 * /organisering/grupper/ny and /organisering/grupper/:groupId/endre: the coordinator creates or
 * changes a group (kind, name, mandate, decision authority, meeting plan, closed date), and
 * deletes one that has no decisions, after a confirmation.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  const groupId = "groupId" in params ? params.groupId : undefined;
  return loadOr404(() =>
    groupForm({ database: context.services.database, actor, meta: context.meta, groupId }),
  );
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  const form = await request.formData();
  const values = formToObject(form);
  const groupId = "groupId" in params ? params.groupId : undefined;
  const common = { database: context.services.database, actor, meta: context.meta };
  return runAction(values, async () => {
    if (groupId && form.get("intent") === "delete") {
      const removed = await deleteGroup({ ...common, groupId });
      return redirect(
        withNotice(GROUPS_PATH, "organisation.groups.notices.deleted", { navn: removed.name }),
      );
    }
    if (groupId) {
      await updateGroup({ ...common, groupId, values });
      return redirect(withNotice(`${GROUPS_PATH}/${groupId}`, "organisation.groups.notices.saved"));
    }
    const created = await createGroup({ ...common, values });
    return redirect(
      withNotice(`${GROUPS_PATH}/${created.id}`, "organisation.groups.notices.created", {
        navn: created.name,
      }),
    );
  });
}

const G = "organisation.groups";

export default function GroupFormPage() {
  const t = useT();
  const { group, singletons, decisionCount, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const [params] = useSearchParams();
  const title = group ? t(`${G}.form.editTitle`, { name: group.name }) : t(`${G}.form.newTitle`);
  const selfPath = group ? `${GROUPS_PATH}/${group.id}/endre` : `${GROUPS_PATH}/ny`;
  const back = group
    ? { to: `${GROUPS_PATH}/${group.id}`, text: t(`${G}.backToGroup`, { name: group.name }) }
    : { to: GROUPS_PATH, text: t(`${G}.backToList`) };
  const confirming = params.get("bekreft") === "slett";
  return (
    <GroupsPage title={title} back={back} notice={noticeText(t, params)}>
      <GroupForm
        failure={failure}
        stored={group}
        singletons={singletons}
        today={today}
        cancelTo={back.to}
      />
      {group ? (
        <section aria-labelledby="delete-heading" className="org-groups__section">
          <Heading level={2} data-size="sm" id="delete-heading">
            {t(`${G}.delete.heading`)}
          </Heading>
          {decisionCount > 0 ? (
            <Paragraph>{t(`${G}.delete.hasDecisions`, { count: decisionCount })}</Paragraph>
          ) : confirming ? (
            <Alert data-color="warning">
              <Paragraph>{t(`${G}.delete.question`, { name: group.name })}</Paragraph>
              <Form method="post" className="form__actions">
                <CsrfField />
                <Button type="submit" name="intent" value="delete" data-color="danger">
                  {t(`${G}.delete.confirm`)}
                </Button>
                <Button asChild variant="tertiary">
                  <Link to={selfPath}>{t(`${G}.cancel`)}</Link>
                </Button>
              </Form>
            </Alert>
          ) : (
            <div className="actions">
              <Button asChild variant="secondary" data-color="danger">
                <Link to="?bekreft=slett#delete-heading">{t(`${G}.delete.button`)}</Link>
              </Button>
            </div>
          )}
        </section>
      ) : null}
    </GroupsPage>
  );
}
