import { Button, Heading, Link as DsLink, Paragraph, Table } from "@digdir/designsystemet-react";
import { Form, Link, useLoaderData, useSearchParams } from "react-router";
import { listGrants, type GrantStatusFilter } from "../../core/organisation/grants.ts";
import { dateText, grantStatuses, isGrantStatus } from "../../core/organisation/grants-rules.ts";
import { SelectField } from "../components/forms.tsx";
import {
  DeadlineStateTag,
  G,
  GRANTS_PATH,
  GrantsLayout,
  GrantStatusTag,
  grantHref,
  grantNotice,
  OverspentTag,
  useMoney,
} from "../components/organisation-grants.tsx";
import { TableScroll } from "../components/implementation-plan-ui.tsx";
import { Pager } from "../components/pager.tsx";
import { useT } from "../lib/i18n.tsx";
import { loadOr404, requirePermission } from "../lib/route-helpers.ts";
import type { Route } from "./+types/organisation.grants";

/**
 * /organisering/tilskudd: every grant with its status in words, the amounts applied for and
 * granted, the budget (sum of the lines), what is spent and left, and the next reporting
 * deadline («Forfalt» in words when it has passed). Filter by status; 25 a page.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "implementation.view");
  const search = new URL(request.url).searchParams;
  const statusParam = search.get("status") ?? "";
  const status: GrantStatusFilter = isGrantStatus(statusParam) ? statusParam : "all";
  const page = Number.parseInt(search.get("side") ?? "1", 10);
  const result = await loadOr404(() =>
    listGrants({
      database: context.services.database,
      actor,
      meta: context.meta,
      status,
      page: Number.isFinite(page) ? page : 1,
    }),
  );
  return { ...result, status };
}

export default function GrantsPage() {
  const t = useT();
  const money = useMoney();
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const notice = grantNotice(params);
  const pageHref = (page: number) => {
    const next = new URLSearchParams({ side: String(page) });
    if (data.status !== "all") next.set("status", data.status);
    return `${GRANTS_PATH}?${next.toString()}`;
  };
  const caption = t(`${G}.caption`, { count: data.total });
  return (
    <GrantsLayout
      heading={t(`${G}.title`)}
      notice={notice ? t(notice, { name: params.get("navn") ?? "" }) : null}
    >
      <Paragraph>{t(`${G}.intro`)}</Paragraph>
      {data.canManage ? (
        <div className="actions">
          <Button asChild>
            <Link to={`${GRANTS_PATH}/ny`}>{t(`${G}.new`)}</Link>
          </Button>
        </div>
      ) : (
        <Paragraph>{t(`${G}.readOnly`)}</Paragraph>
      )}
      <section aria-labelledby="grants-filter-heading">
        <Heading level={2} data-size="xs" id="grants-filter-heading">
          {t(`${G}.filter.heading`)}
        </Heading>
        <Form method="get" className="plan-filter">
          <SelectField
            name="status"
            label={t(`${G}.filter.status`)}
            defaultValue={data.status === "all" ? "" : data.status}
            options={[
              { value: "", label: t(`${G}.filter.all`) },
              ...grantStatuses.map((status) => ({
                value: status,
                label: t(`${G}.status.${status}`),
              })),
            ]}
          />
          <div>
            <Button type="submit" variant="secondary">
              {t(`${G}.filter.submit`)}
            </Button>
          </div>
        </Form>
      </section>
      {data.grants.length === 0 ? (
        <Paragraph>{data.status === "all" ? t(`${G}.empty`) : t(`${G}.emptyFiltered`)}</Paragraph>
      ) : (
        <TableScroll label={t(`${G}.tableLabel`)}>
          <Table data-size="sm">
            <caption>{caption}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell scope="col">{t(`${G}.columns.name`)}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t(`${G}.columns.status`)}</Table.HeaderCell>
                <Table.HeaderCell scope="col" className="grants-amount">
                  {t(`${G}.columns.applied`)}
                </Table.HeaderCell>
                <Table.HeaderCell scope="col" className="grants-amount">
                  {t(`${G}.columns.granted`)}
                </Table.HeaderCell>
                <Table.HeaderCell scope="col" className="grants-amount">
                  {t(`${G}.columns.planned`)}
                </Table.HeaderCell>
                <Table.HeaderCell scope="col" className="grants-amount">
                  {t(`${G}.columns.spent`)}
                </Table.HeaderCell>
                <Table.HeaderCell scope="col" className="grants-amount">
                  {t(`${G}.columns.remaining`)}
                </Table.HeaderCell>
                <Table.HeaderCell scope="col">{t(`${G}.columns.nextDeadline`)}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {data.grants.map((grant) => (
                <Table.Row key={grant.id}>
                  <Table.HeaderCell scope="row">
                    <DsLink asChild>
                      <Link to={grantHref(grant.id)}>{grant.name}</Link>
                    </DsLink>
                    <Paragraph data-size="sm">
                      {t(`${G}.columns.grantor`)}: {grant.grantor}
                    </Paragraph>
                  </Table.HeaderCell>
                  <Table.Cell>
                    <GrantStatusTag status={grant.status} />
                  </Table.Cell>
                  <Table.Cell className="grants-amount">{money(grant.appliedOre)}</Table.Cell>
                  <Table.Cell className="grants-amount">{money(grant.grantedOre)}</Table.Cell>
                  <Table.Cell className="grants-amount">
                    {money(grant.totals.plannedOre)}
                  </Table.Cell>
                  <Table.Cell className="grants-amount">{money(grant.totals.spentOre)}</Table.Cell>
                  <Table.Cell className="grants-amount">
                    {money(grant.totals.leftOfGrantedOre)}
                    {grant.totals.overGranted ? (
                      <>
                        {" "}
                        <OverspentTag />
                      </>
                    ) : null}
                  </Table.Cell>
                  <Table.Cell>
                    {grant.nextDeadline ? (
                      <>
                        {dateText(grant.nextDeadline.dueOn)}: {grant.nextDeadline.title}
                        {grant.nextDeadline.state === "overdue" ? (
                          <>
                            {" "}
                            <DeadlineStateTag state="overdue" />
                          </>
                        ) : null}
                      </>
                    ) : (
                      t(`${G}.noDeadline`)
                    )}
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </TableScroll>
      )}
      <Pager
        label={t(`${G}.pager.label`)}
        page={data.page}
        pages={data.pages}
        href={pageHref}
        previousText={t(`${G}.pager.previous`)}
        nextText={t(`${G}.pager.next`)}
        positionText={t(`${G}.pager.position`, { page: data.page, pages: data.pages })}
      />
    </GrantsLayout>
  );
}
