import { Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { Link, useLoaderData } from "react-router";
import { grantReport, grantReportBlocks } from "../../core/organisation/grant-report.ts";
import { translator } from "../../i18n/index.ts";
import { ReportBody } from "../components/evaluation-reports.tsx";
import { G, GRANTS_GUIDE_PATH, grantHref } from "../components/organisation-grants.tsx";
import { useT } from "../lib/i18n.tsx";
import { loadOr404, requirePermission } from "../lib/route-helpers.ts";
import type { Route } from "./+types/organisation.grants.report";

/**
 * /organisering/tilskudd/:grantId/rapport: the report for the grant giver as a web page, the
 * same blocks as the PDF (…/rapport.pdf) in the page's language. Audited as
 * organisation.grant_report_viewed.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "implementation.view");
  const report = await loadOr404(() =>
    grantReport({
      database: context.services.database,
      actor,
      meta: context.meta,
      grantId: params.grantId,
      municipality: context.tenant?.name ?? "",
      format: "html",
    }),
  );
  const t = translator(context.language);
  return {
    grant: { id: report.grant.id, name: report.grant.name },
    blocks: grantReportBlocks(report, t, context.language),
  };
}

export default function GrantReportPage() {
  const t = useT();
  const { grant, blocks } = useLoaderData<typeof loader>();
  const title = t(`${G}.report.title`, { name: grant.name });
  return (
    <div className="page grants-area">
      <title>{`${title} – ${t(`${G}.title`)} – ${t("app.name")}`}</title>
      <Paragraph data-size="sm">
        <DsLink asChild>
          <Link to={grantHref(grant.id)}>{t(`${G}.backToGrant`, { name: grant.name })}</Link>
        </DsLink>
      </Paragraph>
      <ReportBody blocks={blocks} />
      <Paragraph>
        <DsLink href={`${grantHref(grant.id)}/rapport.pdf`} download>
          {t(`${G}.report.pdf`)}
        </DsLink>
      </Paragraph>
      <Paragraph data-size="sm">{t(`${G}.report.print`)}</Paragraph>
      <Paragraph data-size="sm">
        <DsLink asChild>
          <Link to={GRANTS_GUIDE_PATH}>{t(`${G}.help`)}</Link>
        </DsLink>
      </Paragraph>
    </div>
  );
}
