import { Heading, Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { Link, redirect, useActionData, useLoaderData } from "react-router";
import { defaultPeriod, isReportKind } from "../../core/evaluation/report-rules.ts";
import { createReport, reportSurveyChoices } from "../../core/evaluation/reports.ts";
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
import type { Route } from "./+types/evaluation.reports.new";

/**
 * /evaluering/rapporter/ny: the coordinator starts a report. The period starts as the last full
 * half-year (or year; the revision report: this year so far), and `?type=` picks the kind.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "evaluation.manage");
  const url = new URL(request.url);
  const type = url.searchParams.get("type");
  const kind = isReportKind(type) ? type : "half_year";
  const today = osloDate();
  const surveys = await loadOr404(() =>
    reportSurveyChoices({ database: context.services.database, actor }),
  );
  const periods = {
    half_year: defaultPeriod("half_year", today),
    year: defaultPeriod("year", today),
    revision: defaultPeriod("revision", today),
  };
  return { kind, today, surveys, period: periods[kind] };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "evaluation.manage");
  const values = formToObject(await request.formData());
  return runAction(values, async () => {
    const report = await createReport({
      database: context.services.database,
      actor,
      meta: context.meta,
      values,
    });
    return redirect(
      withNotice(`/evaluering/rapporter/${report.id}`, "evaluation.reports.notices.created"),
    );
  });
}

const R = "evaluation.reports";

export default function NewReportPage() {
  const t = useT();
  const { kind, today, surveys, period } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="page">
      <title>{`${t(`${R}.form.newTitle`)} – ${t("app.name")}`}</title>
      <Paragraph>
        <DsLink asChild>
          <Link to="/evaluering/rapporter">{t(`${R}.backToList`)}</Link>
        </DsLink>
      </Paragraph>
      <Heading level={1} data-size="lg">
        {t(`${R}.form.newTitle`)}
      </Heading>
      <ReportForm
        failure={isFailure(actionData) ? actionData : undefined}
        defaults={{
          kind,
          title: "",
          periodFrom: period.from,
          periodTo: period.to,
          summary: "",
          surveyIds: [],
        }}
        surveys={surveys}
        today={today}
        submitLabel={t(`${R}.form.create`)}
        cancelTo="/evaluering/rapporter"
      />
    </div>
  );
}
