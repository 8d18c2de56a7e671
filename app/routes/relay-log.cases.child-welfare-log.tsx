import { Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { data, Link, useActionData, useLoaderData } from "react-router";
import { checkChildWelfareReport, childWelfareForm } from "../../core/relay-log/child-welfare.ts";
import { ChildWelfareReport } from "../components/child-welfare-form.tsx";
import { RelayLogLayout } from "../components/relay-log-layout.tsx";
import { useT } from "../lib/i18n.tsx";
import { formToObject, loadOr404, requirePermission, runAction } from "../lib/route-helpers.ts";
import type { Route } from "./+types/relay-log.cases.child-welfare-log";

/**
 * /stafettlogger/:logId/bekymringsmelding: the report to child welfare from a log. Never
 * blocked by consent or by the relay holder: anyone who may read the log gets the form with
 * the child's name and birth date filled in (inside the log's frame); a participant frozen out
 * by consent gets an empty form on a page of its own. Everyone else: 404.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "relaylog.use");
  const form = await loadOr404(() =>
    childWelfareForm({
      database: context.services.database,
      actor,
      meta: context.meta,
      logId: params.logId,
      municipality: context.tenant?.name ?? "",
    }),
  );
  return { ...form, logId: params.logId };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "relaylog.use");
  const form = await request.formData();
  const values = formToObject(form);
  if (form.get("intent") === "edit") return data({ ok: "edit" as const, values });
  return runAction(values, async () => {
    const review = await checkChildWelfareReport({
      database: context.services.database,
      actor,
      logId: params.logId,
      values,
    });
    return data({ ok: true as const, review });
  });
}

/** The report is not one of the log's tabs: no tab is marked as the current one. */

export default function ChildWelfareFromLog() {
  const t = useT();
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const title = t("relayLog.cases.childWelfare.title");
  if (loaderData.header) {
    return (
      <RelayLogLayout header={loaderData.header} pageTitle={title}>
        <ChildWelfareReport
          data={loaderData}
          actionData={actionData}
          level={2}
          logId={loaderData.logId}
        />
      </RelayLogLayout>
    );
  }
  // A participant frozen out by consent: no header (it names the child), but the form.
  return (
    <div className="page">
      <title>{`${title} – ${t("app.name")}`}</title>
      <Paragraph data-size="sm">
        <DsLink asChild>
          <Link to="/stafettlogger">{t("relayLog.backToList")}</Link>
        </DsLink>
      </Paragraph>
      <ChildWelfareReport
        data={loaderData}
        actionData={actionData}
        level={1}
        logId={loaderData.logId}
      />
    </div>
  );
}
