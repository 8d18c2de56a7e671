import { Paragraph } from "@digdir/designsystemet-react";
import { redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import {
  createLine,
  deleteLine,
  lineForm,
  updateLine,
} from "../../core/organisation/grants-budget.ts";
import { dateText } from "../../core/organisation/grants-rules.ts";
import {
  G,
  GrantsLayout,
  grantHref,
  LineForm,
  lineHref,
  useMoney,
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
import type { Route } from "./+types/organisation.grants.line-form";

/**
 * /organisering/tilskudd/:grantId/budsjett/ny and …/budsjett/:lineId/endre: a budget line's
 * category, description and planned amount (a negative or unreadable amount is refused with
 * what was typed kept). The edit page removes the line behind a confirmation that names the
 * expenses that go with it.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  const lineId = "lineId" in params ? params.lineId : undefined;
  return loadOr404(() =>
    lineForm({
      database: context.services.database,
      actor,
      meta: context.meta,
      grantId: params.grantId,
      lineId,
    }),
  );
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  const form = await request.formData();
  const values = formToObject(form);
  const lineId = "lineId" in params ? params.lineId : undefined;
  const common = {
    database: context.services.database,
    actor,
    meta: context.meta,
    grantId: params.grantId,
  };
  const grantPage = `${grantHref(params.grantId)}`;
  return runAction(values, async () => {
    if (lineId && form.get("intent") === "delete") {
      await deleteLine({ ...common, lineId });
      return redirect(withNotice(grantPage, `${G}.notices.lineDeleted`) + "#budsjett");
    }
    if (lineId) {
      await updateLine({ ...common, lineId, values });
      return redirect(withNotice(lineHref(params.grantId, lineId), `${G}.notices.lineSaved`));
    }
    await createLine({ ...common, values });
    return redirect(withNotice(grantPage, `${G}.notices.lineCreated`) + "#budsjett");
  });
}

export default function LineFormPage() {
  const t = useT();
  const money = useMoney();
  const { grant, line, expenses } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const [params] = useSearchParams();
  const name = line ? line.description || t(`${G}.category.${line.category}`) : "";
  const heading = line ? t(`${G}.line.editTitle`, { name }) : t(`${G}.line.newTitle`);
  const back = line
    ? { to: lineHref(grant.id, line.id), text: t(`${G}.backToGrant`, { name }) }
    : { to: grantHref(grant.id), text: t(`${G}.backToGrant`, { name: grant.name }) };
  return (
    <GrantsLayout heading={heading} back={back}>
      <Paragraph>{grant.name}</Paragraph>
      <LineForm failure={failure} stored={line} cancelTo={back.to} />
      {line ? (
        <DeleteSection
          confirming={params.get("bekreft") === "slett"}
          selfPath={`${lineHref(grant.id, line.id)}/endre`}
          texts={{
            heading: t(`${G}.line.delete.heading`),
            button: t(`${G}.line.delete.button`),
            question: t(`${G}.line.delete.question`, { name }),
            confirm: t(`${G}.line.delete.confirm`),
          }}
        >
          {expenses.length > 0 ? (
            <>
              <Paragraph>{t(`${G}.line.delete.withExpenses`)}</Paragraph>
              <ul>
                {expenses.map((expense) => (
                  <li key={expense.id}>
                    {t(`${G}.line.delete.expenseItem`, {
                      date: dateText(expense.spentOn),
                      description: expense.description,
                      amount: money(expense.amountOre),
                    })}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </DeleteSection>
      ) : null}
    </GrantsLayout>
  );
}
