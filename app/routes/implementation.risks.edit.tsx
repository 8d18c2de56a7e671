import { Button, Heading, Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { Form, Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import {
  deleteRisk,
  getRisk,
  riskOwnerOptions,
  setRiskStatus,
  updateRisk,
} from "../../core/implementation/risks.ts";
import { CsrfField } from "../components/forms.tsx";
import { RiskForm } from "../components/implementation-plan-forms.tsx";
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
import type { Route } from "./+types/implementation.risks.edit";

/** Editing a risk, closing or reopening it, and deleting it behind a confirmation. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  const database = context.services.database;
  const risk = await loadOr404(() => getRisk({ database, actor, riskId: params.riskId }));
  const owners = await riskOwnerOptions({ database, actor });
  // A deactivated owner stays choosable on their own risk, so saving does not fail on it.
  if (risk.ownerUserId && !owners.some((owner) => owner.id === risk.ownerUserId)) {
    owners.push({ id: risk.ownerUserId, name: risk.ownerName ?? "" });
  }
  return { risk, owners };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  const form = await request.formData();
  const values = formToObject(form);
  const intent = form.get("intent");
  const common = {
    database: context.services.database,
    actor,
    meta: context.meta,
    riskId: params.riskId,
  };
  const selfPath = `${planPaths.risks}/${params.riskId}`;
  return runAction(values, async () => {
    if (intent === "delete") {
      const removed = await deleteRisk(common);
      return redirect(
        withNotice(planPaths.risks, "implementation.plan.risks.deleted", { tittel: removed.title }),
      );
    }
    if (intent === "close" || intent === "reopen") {
      await setRiskStatus({ ...common, status: intent === "close" ? "closed" : "open" });
      return redirect(
        withNotice(
          selfPath,
          intent === "close"
            ? "implementation.plan.risks.closedNotice"
            : "implementation.plan.risks.reopenedNotice",
        ),
      );
    }
    await updateRisk({ ...common, values });
    return redirect(withNotice(selfPath, "implementation.plan.risks.saved"));
  });
}

const notices = [
  "implementation.plan.risks.saved",
  "implementation.plan.risks.closedNotice",
  "implementation.plan.risks.reopenedNotice",
];

export default function EditRiskPage() {
  const t = useT();
  const { risk, owners } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const notice = noticeFrom(params, notices);
  return (
    <PlanLayout
      section="risks"
      heading={`${t("implementation.plan.risks.editTitle")}: ${risk.title}`}
      notice={notice ? t(notice) : null}
    >
      <Paragraph>
        <DsLink asChild>
          <Link to={planPaths.risks}>{t("implementation.plan.risks.backToList")}</Link>
        </DsLink>
      </Paragraph>
      <Paragraph>
        {t("implementation.plan.risks.columns.score")}:{" "}
        <strong>
          {t("implementation.plan.risks.scoreText", {
            riskClass: t(`implementation.plan.risks.class.${risk.riskClass}`),
            score: risk.score,
          })}
        </strong>{" "}
        ({t("implementation.plan.risks.scoreExplained", risk)})
        {risk.reviewOverdue ? (
          <>
            {" – "}
            <strong>{t("implementation.plan.risks.reviewOverdue")}</strong>
          </>
        ) : null}
      </Paragraph>
      <RiskForm
        failure={isFailure(actionData) ? actionData : undefined}
        stored={risk}
        owners={owners}
        cancelTo={planPaths.risks}
      />
      <section aria-labelledby="risk-status-heading" className="plan-delete">
        <Heading level={2} data-size="sm" id="risk-status-heading">
          {t("implementation.plan.risks.statusHeading")}:{" "}
          {t(`implementation.plan.risks.status.${risk.status}`)}
        </Heading>
        <Form method="post" className="actions">
          <CsrfField />
          <Button
            type="submit"
            name="intent"
            value={risk.status === "open" ? "close" : "reopen"}
            variant="secondary"
          >
            {risk.status === "open"
              ? t("implementation.plan.risks.close")
              : t("implementation.plan.risks.reopen")}
          </Button>
        </Form>
      </section>
      <DeleteSection
        confirming={params.get("bekreft") === "slett"}
        selfPath={`${planPaths.risks}/${risk.id}`}
        texts={{
          heading: t("implementation.plan.risks.deleteHeading"),
          button: t("implementation.plan.risks.deleteButton"),
          question: t("implementation.plan.risks.deleteConfirm", { title: risk.title }),
          confirm: t("implementation.plan.risks.confirmDelete"),
        }}
      />
    </PlanLayout>
  );
}
