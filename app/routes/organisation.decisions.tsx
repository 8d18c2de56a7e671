import { Button, Heading, Link as DsLink, Paragraph, Table } from "@digdir/designsystemet-react";
import { Form, Link, useLoaderData } from "react-router";
import { listDecisions } from "../../core/organisation/groups-decisions.ts";
import { SelectField } from "../components/forms.tsx";
import {
  DECISIONS_PATH,
  DecisionSubjectLink,
  GROUPS_PATH,
  GroupsPage,
} from "../components/organisation-groups.tsx";
import { Pager } from "../components/pager.tsx";
import { formatDate } from "../components/worry-fields.tsx";
import { useT } from "../lib/i18n.tsx";
import { loadOr404, requirePermission } from "../lib/route-helpers.ts";
import type { Route } from "./+types/organisation.decisions";

/**
 * /organisering/vedtak: the decisions log — every group's decisions newest first, filtered by
 * group (`?gruppe=`) and year (`?ar=`), 25 a page (`?side=`). Each shows what it was about, with
 * a link; the coordinator can open a decision to correct or remove it.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "implementation.view");
  const search = new URL(request.url).searchParams;
  const year = Number.parseInt(search.get("ar") ?? "", 10);
  const page = Number.parseInt(search.get("side") ?? "1", 10);
  return loadOr404(() =>
    listDecisions({
      database: context.services.database,
      actor,
      meta: context.meta,
      filters: {
        groupId: search.get("gruppe") || null,
        year: Number.isFinite(year) ? year : null,
        page: Number.isFinite(page) ? page : 1,
      },
    }),
  );
}

const G = "organisation.groups";

export default function DecisionsLogPage() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const query: Record<string, string> = {};
  if (data.groupId) query.gruppe = data.groupId;
  if (data.year) query.ar = String(data.year);
  const pageHref = (page: number) =>
    `${DECISIONS_PATH}?${new URLSearchParams({ ...query, side: String(page) }).toString()}`;
  const filtered = Boolean(data.groupId || data.year);
  return (
    <GroupsPage title={t(`${G}.log.title`)}>
      <Paragraph>{t(`${G}.log.intro`)}</Paragraph>
      <section aria-labelledby="filter-heading" className="org-groups__section">
        <Heading level={2} data-size="xs" id="filter-heading">
          {t(`${G}.log.filterHeading`)}
        </Heading>
        <Form method="get" className="org-groups__filter">
          <SelectField
            name="gruppe"
            label={t(`${G}.log.group`)}
            defaultValue={data.groupId ?? ""}
            options={[
              { value: "", label: t(`${G}.log.allGroups`) },
              ...data.groups.map((group) => ({ value: group.id, label: group.name })),
            ]}
          />
          <SelectField
            name="ar"
            label={t(`${G}.log.year`)}
            defaultValue={data.year ? String(data.year) : ""}
            options={[
              { value: "", label: t(`${G}.log.allYears`) },
              ...data.years.map((year) => ({ value: String(year), label: String(year) })),
            ]}
          />
          <div>
            <Button type="submit" variant="secondary">
              {t(`${G}.log.submit`)}
            </Button>
          </div>
        </Form>
      </section>
      {data.decisions.length === 0 ? (
        <Paragraph>{filtered ? t(`${G}.log.emptyFiltered`) : t(`${G}.log.empty`)}</Paragraph>
      ) : (
        <div className="table-wrapper">
          <Table>
            <caption>{t(`${G}.log.caption`, { count: data.total })}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell scope="col">{t(`${G}.log.date`)}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t(`${G}.log.decision`)}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t(`${G}.log.groupColumn`)}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t(`${G}.log.about`)}</Table.HeaderCell>
                {data.canManage ? (
                  <Table.HeaderCell scope="col">{t(`${G}.log.actions`)}</Table.HeaderCell>
                ) : null}
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {data.decisions.map((decision) => (
                <Table.Row key={decision.id}>
                  <Table.Cell>{formatDate(decision.decidedOn)}</Table.Cell>
                  <Table.HeaderCell scope="row">
                    {decision.title}
                    {decision.description ? (
                      <Paragraph data-size="sm" className="org-groups__text">
                        {decision.description}
                      </Paragraph>
                    ) : null}
                  </Table.HeaderCell>
                  <Table.Cell>
                    <DsLink asChild>
                      <Link to={`${GROUPS_PATH}/${decision.groupId}`}>{decision.groupName}</Link>
                    </DsLink>
                  </Table.Cell>
                  <Table.Cell>
                    <DecisionSubjectLink
                      subject={decision.subject}
                      canEditGuide={data.canEditGuide}
                      canManage={data.canManage}
                    />
                  </Table.Cell>
                  {data.canManage ? (
                    <Table.Cell>
                      <DsLink asChild>
                        <Link
                          to={`${GROUPS_PATH}/${decision.groupId}/vedtak/${decision.id}`}
                          aria-label={t(`${G}.decisions.correctNamed`, { title: decision.title })}
                        >
                          {t(`${G}.decisions.correct`)}
                        </Link>
                      </DsLink>
                    </Table.Cell>
                  ) : null}
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
      <Pager
        label={t(`${G}.log.pager.label`)}
        page={data.page}
        pages={data.pages}
        href={pageHref}
        previousText={t(`${G}.log.pager.previous`)}
        nextText={t(`${G}.log.pager.next`)}
        positionText={t(`${G}.log.pager.position`, { page: data.page, pages: data.pages })}
      />
    </GroupsPage>
  );
}
