import { Heading, Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { data, Link, redirect, useActionData, useLoaderData } from "react-router";
import { getReport, reportSurveyChoices, updateReport } from "../../core/evaluation/reports.ts";
import { osloDate } from "../../core/platform/dates.ts";
import { ReportForm } from "../components/evaluation-reports.tsx";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  isFailure,
  loadOr404,
  requirePermission,
  runAction,
  withNotice,
} from "../lib/route-helpers.ts";
import type { Route } from "./+types/evaluation.reports.edit";

/**
 * /evaluering/rapporter/:reportId/endre: the coordinator edits a draft's title, period, summary
 * and surveys. The form carries the lockVersion it was read with; a save on top of someone
 * else's is refused with the typed text kept. A published report cannot be edited (409).
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "evaluation.manage");
  const database = context.services.database;
  const report = await loadOr404(() => getReport({ database, actor, reportId: params.reportId }));
  if (report.status !== "draft") {
    throw data({ messageKey: "evaluation.reports.errors.published" }, { status: 409 });
  }
  const surveys = await reportSurveyChoices({ database, actor });
  const { content: _content, ...rest } = report;
  return { report: rest, surveys, today: osloDate() };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "evaluation.manage");
  const values = formToObject(await request.formData());
  return runAction(values, async () => {
    await updateReport({
      database: context.services.database,
      actor,
      meta: context.meta,
      reportId: params.reportId,
      values,
    });
    return redirect(
      withNotice(`/evaluering/rapporter/${params.reportId}`, "evaluation.reports.notices.saved"),
    );
  });
}

const R = "evaluation.reports";

export default function EditReportPage() {
  const t = useT();
  const { report, surveys, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const selfPath = `/evaluering/rapporter/${report.id}`;
  return (
    <div className="page">
      <title>{`${t(`${R}.form.editTitle`)}: ${report.title} – ${t("app.name")}`}</title>
      <Paragraph>
        <DsLink asChild>
          <Link to={selfPath}>{report.title}</Link>
        </DsLink>
      </Paragraph>
      <Heading level={1} data-size="lg">
        {t(`${R}.form.editTitle`)}: {report.title}
      </Heading>
      <Paragraph>{t(`${R}.kind.${report.kind}`)}</Paragraph>
      <ReportForm
        failure={isFailure(actionData) ? actionData : undefined}
        kind={report.kind}
        defaults={{
          kind: report.kind,
          title: report.title,
          periodFrom: report.periodFrom,
          periodTo: report.periodTo,
          summary: report.summary,
          surveyIds: report.surveyIds,
        }}
        surveys={surveys}
        today={today}
        lockVersion={report.lockVersion}
        submitLabel={t(`${R}.form.save`)}
        cancelTo={selfPath}
      />
    </div>
  );
}
