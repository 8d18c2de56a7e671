import { Alert, Button, Heading, Paragraph } from "@digdir/designsystemet-react";
import { Form, Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import {
  decisionForm,
  deleteDecision,
  updateDecision,
} from "../../core/organisation/groups-decisions.ts";
import { CsrfField } from "../components/forms.tsx";
import { DecisionForm, GROUPS_PATH, GroupsPage } from "../components/organisation-groups.tsx";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  isFailure,
  loadOr404,
  requirePermission,
  runAction,
  withNotice,
} from "../lib/route-helpers.ts";
import type { Route } from "./+types/organisation.groups.decision";

/**
 * /organisering/grupper/:groupId/vedtak/:decisionId: the coordinator corrects a decision, or
 * removes it after a confirmation. Both are audited.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  return loadOr404(() =>
    decisionForm({
      database: context.services.database,
      actor,
      meta: context.meta,
      groupId: params.groupId,
      decisionId: params.decisionId,
    }),
  );
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  const form = await request.formData();
  const values = formToObject(form);
  const common = {
    database: context.services.database,
    actor,
    meta: context.meta,
    groupId: params.groupId,
    decisionId: params.decisionId,
  };
  const groupPath = `${GROUPS_PATH}/${params.groupId}`;
  return runAction(values, async () => {
    if (form.get("intent") === "delete") {
      await deleteDecision(common);
      return redirect(
        `${withNotice(groupPath, "organisation.groups.notices.decisionDeleted")}#decisions-heading`,
      );
    }
    await updateDecision({ ...common, values });
    return redirect(
      `${withNotice(groupPath, "organisation.groups.notices.decisionSaved")}#decisions-heading`,
    );
  });
}

const G = "organisation.groups";

export default function DecisionEditPage() {
  const t = useT();
  const { decision, group, options, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const [params] = useSearchParams();
  const groupPath = `${GROUPS_PATH}/${group.id}`;
  const selfPath = `${groupPath}/vedtak/${decision.id}`;
  return (
    <GroupsPage
      title={t(`${G}.decisions.edit.title`)}
      back={{ to: groupPath, text: t(`${G}.backToGroup`, { name: group.name }) }}
    >
      <DecisionForm
        failure={failure}
        stored={decision}
        options={options}
        today={today}
        intent="save"
        submitText={t(`${G}.save`)}
        cancelTo={groupPath}
      />
      <section aria-labelledby="delete-heading" className="org-groups__section">
        <Heading level={2} data-size="sm" id="delete-heading">
          {t(`${G}.decisions.edit.deleteHeading`)}
        </Heading>
        {params.get("bekreft") === "slett" ? (
          <Alert data-color="warning">
            <Paragraph>
              {t(`${G}.decisions.edit.deleteQuestion`, { title: decision.title })}
            </Paragraph>
            <Form method="post" className="form__actions">
              <CsrfField />
              <Button type="submit" name="intent" value="delete" data-color="danger">
                {t(`${G}.decisions.edit.confirmDelete`)}
              </Button>
              <Button asChild variant="tertiary">
                <Link to={selfPath}>{t(`${G}.cancel`)}</Link>
              </Button>
            </Form>
          </Alert>
        ) : (
          <div className="actions">
            <Button asChild variant="secondary" data-color="danger">
              <Link to="?bekreft=slett#delete-heading">
                {t(`${G}.decisions.edit.deleteButton`)}
              </Link>
            </Button>
          </div>
        )}
      </section>
    </GroupsPage>
  );
}
