import { data, useActionData, useLoaderData } from "react-router";
import { checkChildWelfareReport, childWelfareForm } from "../../core/relay-log/child-welfare.ts";
import { ChildWelfareReport } from "../components/child-welfare-form.tsx";
import { useT } from "../lib/i18n.tsx";
import { formToObject, loadOr404, requirePermission, runAction } from "../lib/route-helpers.ts";
import type { Route } from "./+types/relay-log.cases.child-welfare";

/**
 * /bekymringsmelding: the report to child welfare from the guide, for any staff member who
 * reads the guide. The form is checked here; the download (which records that the report was
 * made) is /bekymringsmelding/pdf.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "guide.read");
  const form = await loadOr404(() =>
    childWelfareForm({
      database: context.services.database,
      actor,
      meta: context.meta,
      municipality: context.tenant?.name ?? "",
    }),
  );
  return {
    frozen: form.frozen,
    prefill: form.prefill,
    reporter: form.reporter,
    recipientSuggestion: form.recipientSuggestion,
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "guide.read");
  const form = await request.formData();
  const values = formToObject(form);
  if (form.get("intent") === "edit") return data({ ok: "edit" as const, values });
  return runAction(values, async () => {
    const review = await checkChildWelfareReport({
      database: context.services.database,
      actor,
      values,
    });
    return data({ ok: true as const, review });
  });
}

export default function ChildWelfareFromGuide() {
  const t = useT();
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="page">
      <title>{`${t("relayLog.cases.childWelfare.title")} – ${t("app.name")}`}</title>
      <ChildWelfareReport data={loaderData} actionData={actionData} level={1} logId={null} />
    </div>
  );
}
