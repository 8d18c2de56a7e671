import {
  Button,
  Heading,
  Link as DsLink,
  Paragraph,
  Table,
  Tag,
} from "@digdir/designsystemet-react";
import { Link, useLoaderData, useSearchParams } from "react-router";
import { dayText, isReportKind } from "../../core/evaluation/report-rules.ts";
import { listReports } from "../../core/evaluation/reports.ts";
import { Notice } from "../components/forms.tsx";
import { Pager } from "../components/pager.tsx";
import { useT } from "../lib/i18n.tsx";
import { loadOr404, requireStaff } from "../lib/route-helpers.ts";
import type { Route } from "./+types/evaluation.reports";

/**
 * /evaluering/rapporter: the reports, 25 a page, newest period first. The coordinator sees
 * drafts too and makes new ones; other readers (reports.view) the published ones. `?type=revision`
 * shows the revision reports only (the link from the guide's editor and the hub).
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requireStaff(context, request);
  const url = new URL(request.url);
  const page = Number.parseInt(url.searchParams.get("side") ?? "1", 10);
  const type = url.searchParams.get("type");
  const kind = isReportKind(type) ? type : undefined;
  const list = await loadOr404(() =>
    listReports({ database: context.services.database, actor, page, kind }),
  );
  return { ...list, kind: kind ?? null };
}

const R = "evaluation.reports";

export default function ReportsPage() {
  const t = useT();
  const { reports, page, pages, total, canManage, kind } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const deleted = params.get("melding") === `${R}.notices.deleted` ? params.get("tittel") : null;
  const heading = kind ? t(`${R}.kind.${kind}`) : t(`${R}.title`);
  const query = (next: number) => {
    const search = new URLSearchParams();
    if (kind) search.set("type", kind);
    if (next > 1) search.set("side", String(next));
    const text = search.toString();
    return text ? `/evaluering/rapporter?${text}` : "/evaluering/rapporter";
  };
  return (
    <div className="page">
      <title>{`${heading} – ${t("app.name")}`}</title>
      <Paragraph>
        <DsLink asChild>
          <Link to="/evaluering">{t(`${R}.backToHub`)}</Link>
        </DsLink>
      </Paragraph>
      <Heading level={1} data-size="lg">
        {heading}
      </Heading>
      {deleted !== null ? <Notice>{t(`${R}.notices.deleted`, { title: deleted })}</Notice> : null}
      <Paragraph>{kind ? t(`${R}.kindHelp.${kind}`) : t(`${R}.intro`)}</Paragraph>
      <div className="actions">
        {canManage ? (
          <Button asChild>
            <Link to={kind ? `/evaluering/rapporter/ny?type=${kind}` : "/evaluering/rapporter/ny"}>
              {t(`${R}.new`)}
            </Link>
          </Button>
        ) : null}
        {kind ? (
          <DsLink asChild>
            <Link to="/evaluering/rapporter">{t(`${R}.allReports`)}</Link>
          </DsLink>
        ) : null}
      </div>
      <Paragraph role="status">{t(`${R}.count`, { count: total })}</Paragraph>
      {reports.length === 0 ? (
        <Paragraph>{canManage ? t(`${R}.emptyManage`) : t(`${R}.emptyReader`)}</Paragraph>
      ) : (
        <div className="table-wrapper">
          <Table>
            <caption className="visually-hidden">{t(`${R}.listCaption`)}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t(`${R}.columns.title`)}</Table.HeaderCell>
                <Table.HeaderCell>{t(`${R}.columns.kind`)}</Table.HeaderCell>
                <Table.HeaderCell>{t(`${R}.columns.period`)}</Table.HeaderCell>
                <Table.HeaderCell>{t(`${R}.columns.status`)}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {reports.map((report) => (
                <Table.Row key={report.id}>
                  <Table.Cell>
                    <DsLink asChild>
                      <Link to={`/evaluering/rapporter/${report.id}`}>{report.title}</Link>
                    </DsLink>
                  </Table.Cell>
                  <Table.Cell>{t(`${R}.kind.${report.kind}`)}</Table.Cell>
                  <Table.Cell>
                    {t(`${R}.period`, {
                      from: dayText(report.periodFrom),
                      to: dayText(report.periodTo),
                    })}
                  </Table.Cell>
                  <Table.Cell>
                    <Tag data-color={report.status === "published" ? "success" : "neutral"}>
                      {t(`${R}.status.${report.status}`)}
                    </Tag>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
      <Pager
        label={t(`${R}.pagerLabel`)}
        page={page}
        pages={pages}
        href={query}
        previousText={t(`${R}.previous`)}
        nextText={t(`${R}.next`)}
        positionText={t(`${R}.position`, { page, pages })}
      />
    </div>
  );
}
