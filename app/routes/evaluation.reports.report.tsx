import { Button, Heading, Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { reportBlocks, reportSections } from "../../core/evaluation/report-document.ts";
import { deleteReport, getReport, publishReport } from "../../core/evaluation/reports.ts";
import { ConfirmSection, ReportBody } from "../components/evaluation-reports.tsx";
import { FormErrors, Notice } from "../components/forms.tsx";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  isFailure,
  loadOr404,
  requirePermission,
  requireStaff,
  runAction,
  withNotice,
} from "../lib/route-helpers.ts";
import type { Route } from "./+types/evaluation.reports.report";

/**
 * /evaluering/rapporter/:reportId: the report as a web page (the same blocks as the PDF). A
 * published report shows its frozen snapshot; a draft (the coordinator only) is computed now and
 * can be edited, published or deleted, each behind a confirmation.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requireStaff(context, request);
  const report = await loadOr404(() =>
    getReport({ database: context.services.database, actor, reportId: params.reportId }),
  );
  return { report };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "evaluation.manage");
  const form = await request.formData();
  const values = formToObject(form);
  const intent = form.get("intent");
  const common = {
    database: context.services.database,
    actor,
    meta: context.meta,
    reportId: params.reportId,
  };
  return runAction(values, async () => {
    if (intent === "delete") {
      const removed = await deleteReport(common);
      return redirect(
        withNotice("/evaluering/rapporter", "evaluation.reports.notices.deleted", {
          tittel: removed.title,
        }),
      );
    }
    await publishReport({ ...common, values });
    return redirect(
      withNotice(
        `/evaluering/rapporter/${params.reportId}`,
        "evaluation.reports.notices.published",
      ),
    );
  });
}

const R = "evaluation.reports";
const notices = new Set([`${R}.notices.created`, `${R}.notices.saved`, `${R}.notices.published`]);

export default function ReportPage() {
  const t = useT();
  const { report } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const [params] = useSearchParams();
  const notice = params.get("melding");
  const confirming = params.get("bekreft");
  const blocks = reportBlocks(report, report.content, t);
  const [title, ...body] = blocks;
  const selfPath = `/evaluering/rapporter/${report.id}`;
  const draft = report.status === "draft";
  return (
    <div className="page report-page">
      <title>{`${report.title} – ${t("app.name")}`}</title>
      <Paragraph>
        <DsLink asChild>
          <Link to="/evaluering/rapporter">{t(`${R}.backToList`)}</Link>
        </DsLink>
      </Paragraph>
      {title ? <ReportBody blocks={[title]} /> : null}
      {notice && notices.has(notice) ? <Notice>{t(notice)}</Notice> : null}
      {failure ? <FormErrors failure={failure} /> : null}
      <div className="actions">
        <DsLink href={`${selfPath}/pdf`} download>
          {t(`${R}.view.pdfNamed`, { title: report.title })}
        </DsLink>
        {draft && report.canManage ? (
          <Button asChild variant="secondary">
            <Link to={`${selfPath}/endre`}>{t(`${R}.view.edit`)}</Link>
          </Button>
        ) : null}
      </div>
      <nav aria-labelledby="report-contents">
        <Heading level={2} data-size="xs" id="report-contents">
          {t(`${R}.view.contents`)}
        </Heading>
        <ul>
          {reportSections(report.content).map((section) => (
            <li key={section.id}>
              <a href={`#${section.id}`}>{t(`${R}.sections.${section.key}`)}</a>
            </li>
          ))}
        </ul>
      </nav>
      <ReportBody blocks={body} />
      {draft && report.canManage ? (
        <>
          <ConfirmSection
            id="publish-heading"
            name="publiser"
            intent="publish"
            confirming={confirming === "publiser"}
            selfPath={selfPath}
            lockVersion={report.lockVersion}
            texts={{
              heading: t(`${R}.view.publishHeading`),
              intro: t(`${R}.view.publishIntro`),
              button: t(`${R}.view.publishButton`),
              question: t(`${R}.view.publishConfirm`, { title: report.title }),
              confirm: t(`${R}.view.publishConfirmButton`),
            }}
          />
          <ConfirmSection
            id="delete-heading"
            name="slett"
            intent="delete"
            danger
            confirming={confirming === "slett"}
            selfPath={selfPath}
            lockVersion={report.lockVersion}
            texts={{
              heading: t(`${R}.view.deleteHeading`),
              button: t(`${R}.view.deleteButton`),
              question: t(`${R}.view.deleteConfirm`, { title: report.title }),
              confirm: t(`${R}.view.deleteConfirmButton`),
            }}
          />
        </>
      ) : null}
    </div>
  );
}
