import {
  Button,
  Heading,
  Link as DsLink,
  Paragraph,
  Table,
  Tag,
} from "@digdir/designsystemet-react";
import { Form, Link, useLoaderData, useSearchParams } from "react-router";
import type { RiskLevel } from "../../core/implementation/plan-rules.ts";
import {
  listRisks,
  type RiskSort,
  type RiskStatusFilter,
} from "../../core/implementation/risks.ts";
import { SelectField } from "../components/forms.tsx";
import {
  noticeFrom,
  planPaths,
  PlanLayout,
  TableScroll,
  shortName,
} from "../components/implementation-plan-ui.tsx";
import { Pager } from "../components/pager.tsx";
import { formatDate } from "../components/worry-fields.tsx";
import { useT } from "../lib/i18n.tsx";
import { loadOr404, requirePermission } from "../lib/route-helpers.ts";
import type { Route } from "./+types/implementation.risks";

/**
 * The risk register: filter by level and status, sort by risk, review date or level. The score
 * is written as a class in words with the number ("Høy (15)"); a passed review date says
 * "Gjennomgang forfalt" in text.
 */

const levelParam: Record<string, RiskLevel> = {
  kommune: "municipal",
  tjeneste: "service",
  individ: "individual",
};
const statusParam: Record<string, RiskStatusFilter> = {
  apne: "open",
  lukket: "closed",
  alle: "all",
};
const sortParam: Record<string, RiskSort> = {
  risiko: "score",
  gjennomgang: "review",
  niva: "level",
};

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "implementation.view");
  const search = new URL(request.url).searchParams;
  const levelKey = search.get("niva") ?? "";
  const statusKey = search.get("status") ?? "apne";
  const sortKey = search.get("sorter") ?? "risiko";
  const page = Number.parseInt(search.get("side") ?? "1", 10);
  const result = await loadOr404(() =>
    listRisks({
      database: context.services.database,
      actor,
      filters: {
        level: levelParam[levelKey] ?? null,
        status: statusParam[statusKey] ?? "open",
        sort: sortParam[sortKey] ?? "score",
        page: Number.isFinite(page) ? page : 1,
      },
    }),
  );
  return {
    ...result,
    query: {
      niva: levelParam[levelKey] ? levelKey : "",
      status: statusParam[statusKey] ? statusKey : "apne",
      sorter: sortParam[sortKey] ? sortKey : "risiko",
    },
  };
}

const notices = [
  "implementation.plan.risks.created",
  "implementation.plan.risks.deleted",
  "implementation.plan.risks.closedNotice",
  "implementation.plan.risks.reopenedNotice",
];

const classColor = { low: "success", medium: "warning", high: "danger" } as const;

export default function RisksPage() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const notice = noticeFrom(params, notices);
  const pageHref = (page: number) => {
    const next = new URLSearchParams({ ...data.query, side: String(page) });
    return `${planPaths.risks}?${next.toString()}`;
  };
  return (
    <PlanLayout
      section="risks"
      heading={t("implementation.plan.risks.title")}
      notice={notice ? t(notice, { title: params.get("tittel") ?? "" }) : null}
    >
      <Paragraph>{t("implementation.plan.risks.intro")}</Paragraph>
      {data.canManage ? (
        <div className="actions">
          <Button asChild>
            <Link to={`${planPaths.risks}/ny`}>{t("implementation.plan.risks.new")}</Link>
          </Button>
        </div>
      ) : (
        <Paragraph>{t("implementation.plan.readOnly")}</Paragraph>
      )}
      <section aria-labelledby="risk-filter-heading">
        <Heading level={2} data-size="xs" id="risk-filter-heading">
          {t("implementation.plan.risks.filter.heading")}
        </Heading>
        <Form method="get" className="plan-filter">
          <SelectField
            name="niva"
            label={t("implementation.plan.risks.filter.level")}
            defaultValue={data.query.niva}
            options={[
              { value: "", label: t("implementation.plan.risks.filter.allLevels") },
              { value: "kommune", label: t("implementation.plan.risks.level.municipal") },
              { value: "tjeneste", label: t("implementation.plan.risks.level.service") },
              { value: "individ", label: t("implementation.plan.risks.level.individual") },
            ]}
          />
          <SelectField
            name="status"
            label={t("implementation.plan.risks.filter.status")}
            defaultValue={data.query.status}
            options={[
              { value: "apne", label: t("implementation.plan.risks.filter.statusOpen") },
              { value: "lukket", label: t("implementation.plan.risks.filter.statusClosed") },
              { value: "alle", label: t("implementation.plan.risks.filter.statusAll") },
            ]}
          />
          <SelectField
            name="sorter"
            label={t("implementation.plan.risks.filter.sort")}
            defaultValue={data.query.sorter}
            options={[
              { value: "risiko", label: t("implementation.plan.risks.filter.sortScore") },
              { value: "gjennomgang", label: t("implementation.plan.risks.filter.sortReview") },
              { value: "niva", label: t("implementation.plan.risks.filter.sortLevel") },
            ]}
          />
          <div>
            <Button type="submit" variant="secondary">
              {t("implementation.plan.risks.filter.submit")}
            </Button>
          </div>
        </Form>
      </section>
      {data.reviewOverdueCount > 0 ? (
        <Paragraph>
          <strong>
            {t("implementation.plan.risks.reviewOverdueSummary", {
              count: data.reviewOverdueCount,
            })}
          </strong>
        </Paragraph>
      ) : null}
      {data.risks.length === 0 ? (
        <Paragraph>{t("implementation.plan.risks.empty")}</Paragraph>
      ) : (
        <TableScroll label={t("implementation.plan.risks.caption", { count: data.total })}>
          <Table>
            <caption>{t("implementation.plan.risks.caption", { count: data.total })}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t("implementation.plan.risks.columns.title")}</Table.HeaderCell>
                <Table.HeaderCell>{t("implementation.plan.risks.columns.level")}</Table.HeaderCell>
                <Table.HeaderCell>{t("implementation.plan.risks.columns.score")}</Table.HeaderCell>
                <Table.HeaderCell>
                  {t("implementation.plan.risks.columns.measures")}
                </Table.HeaderCell>
                <Table.HeaderCell>{t("implementation.plan.risks.columns.owner")}</Table.HeaderCell>
                <Table.HeaderCell>
                  {t("implementation.plan.risks.columns.reviewOn")}
                </Table.HeaderCell>
                <Table.HeaderCell>{t("implementation.plan.risks.columns.status")}</Table.HeaderCell>
                {data.canManage ? (
                  <Table.HeaderCell>
                    {t("implementation.plan.risks.columns.actions")}
                  </Table.HeaderCell>
                ) : null}
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {data.risks.map((risk) => (
                <Table.Row key={risk.id}>
                  <Table.HeaderCell scope="row">
                    {risk.title}
                    {risk.description ? (
                      <Paragraph data-size="sm" className="plan-pre-line">
                        {risk.description}
                      </Paragraph>
                    ) : null}
                  </Table.HeaderCell>
                  <Table.Cell>{t(`implementation.plan.risks.level.${risk.level}`)}</Table.Cell>
                  <Table.Cell>
                    <Tag data-color={classColor[risk.riskClass]}>
                      {t("implementation.plan.risks.scoreText", {
                        riskClass: t(`implementation.plan.risks.class.${risk.riskClass}`),
                        score: risk.score,
                      })}
                    </Tag>
                    <Paragraph data-size="sm">
                      {t("implementation.plan.risks.columns.likelihood")}: {risk.likelihood}
                      <br />
                      {t("implementation.plan.risks.columns.consequence")}: {risk.consequence}
                    </Paragraph>
                  </Table.Cell>
                  <Table.Cell className="plan-pre-line">{risk.measures || "–"}</Table.Cell>
                  <Table.Cell>
                    {risk.ownerName ?? t("implementation.plan.risks.noOwner")}
                  </Table.Cell>
                  <Table.Cell>
                    {formatDate(risk.reviewOn)}
                    {risk.reviewOverdue ? (
                      <>
                        {" "}
                        <Tag data-color="danger">
                          {t("implementation.plan.risks.reviewOverdue")}
                        </Tag>
                      </>
                    ) : null}
                  </Table.Cell>
                  <Table.Cell>{t(`implementation.plan.risks.status.${risk.status}`)}</Table.Cell>
                  {data.canManage ? (
                    <Table.Cell>
                      <DsLink asChild>
                        <Link
                          to={`${planPaths.risks}/${risk.id}`}
                          aria-label={t("implementation.plan.risks.editNamed", {
                            title: shortName(risk.title),
                          })}
                        >
                          {t("implementation.plan.edit")}
                        </Link>
                      </DsLink>
                    </Table.Cell>
                  ) : null}
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </TableScroll>
      )}
      <Pager
        label={t("implementation.plan.risks.pager.label")}
        page={data.page}
        pages={data.pages}
        href={pageHref}
        previousText={t("implementation.plan.risks.pager.previous")}
        nextText={t("implementation.plan.risks.pager.next")}
        positionText={t("implementation.plan.risks.pager.position", {
          page: data.page,
          pages: data.pages,
        })}
      />
    </PlanLayout>
  );
}
