import {
  Button,
  Heading,
  Link as DsLink,
  Paragraph,
  Table,
  Tag,
} from "@digdir/designsystemet-react";
import { Form, Link, useLoaderData } from "react-router";
import {
  coverageText,
  listUnitOverview,
  overviewFiltersFrom,
  overviewQuery,
} from "../../core/implementation/overview.ts";
import { stages } from "../../core/implementation/units.ts";
import { SelectField } from "../components/forms.tsx";
import { formatDay, useLanguage } from "../components/implementation-units.tsx";
import { Pager } from "../components/pager.tsx";
import { useT } from "../lib/i18n.tsx";
import { loadOr404, requirePermission } from "../lib/route-helpers.ts";
import type { Route } from "./+types/implementation.overview";

const PAGE_SIZE = 50;

/** The other pages of the implementation module (built by their areas), linked from here. */
const moduleLinks = [
  { to: "/implementering/plan", key: "plan" },
  { to: "/implementering/kjernekomponenter", key: "components" },
  { to: "/implementering/ansvar", key: "responsibilities" },
  { to: "/implementering/risiko", key: "risks" },
  { to: "/implementering/nettverk", key: "networks" },
  { to: "/implementering/opplaering", key: "training" },
  { to: "/kompetanse", key: "competence" },
  { to: "/implementering/nyansatte", key: "onboarding" },
] as const;

/**
 * /implementering: the leaders' view. The coordinator and sector leaders see every unit side by
 * side; a unit leader or BTS contact their own units. Filters by service type and stage, and the
 * same table as CSV.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "implementation.view");
  const url = new URL(request.url);
  const filters = overviewFiltersFrom(url.searchParams);
  const overview = await loadOr404(() =>
    listUnitOverview({ database: context.services.database, actor, filters }),
  );
  const pages = Math.max(1, Math.ceil(overview.rows.length / PAGE_SIZE));
  const requested = Number.parseInt(url.searchParams.get("side") ?? "1", 10);
  const page = Math.min(Math.max(Number.isInteger(requested) ? requested : 1, 1), pages);
  return {
    rows: overview.rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((row) => ({
      ...row,
      coverageText: coverageText(row.coverage, context.language),
    })),
    stages: [...stages],
    shown: overview.rows.length,
    pilots: overview.rows.filter((row) => row.pilot).length,
    missing: overview.rows.filter((row) => row.contacts.length === 0).length,
    serviceTypes: overview.serviceTypes,
    allUnits: overview.allUnits,
    totalUnits: overview.totalUnits,
    filters: { serviceType: filters.serviceType ?? "", stage: filters.stage ?? "" },
    query: overviewQuery(filters),
    page,
    pages,
  };
}

export default function ImplementationOverviewPage() {
  const t = useT();
  const language = useLanguage();
  const data = useLoaderData<typeof loader>();
  const filtered = data.filters.serviceType !== "" || data.filters.stage !== "";
  const pageHref = (page: number) => {
    const params = new URLSearchParams(data.query.replace(/^\?/, ""));
    if (page > 1) params.set("side", String(page));
    const text = params.toString();
    return `/implementering${text ? `?${text}` : ""}`;
  };
  return (
    <div className="page">
      <title>{`${t("implementation.common.title")} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {t("implementation.common.title")}
      </Heading>
      <Paragraph>
        {data.allUnits
          ? t("implementation.units.overview.introAll")
          : t("implementation.units.overview.introOwn")}
      </Paragraph>

      <nav aria-labelledby="implementation-links-heading">
        <Heading level={2} data-size="sm" id="implementation-links-heading">
          {t("implementation.common.links.heading")}
        </Heading>
        <ul>
          {moduleLinks.map((link) => (
            <li key={link.to}>
              <DsLink asChild>
                <Link to={link.to}>{t(`implementation.common.links.${link.key}`)}</Link>
              </DsLink>
            </li>
          ))}
        </ul>
      </nav>

      <section aria-labelledby="units-heading" className="page">
        <Heading level={2} data-size="md" id="units-heading">
          {t("implementation.units.overview.heading")}
        </Heading>
        {data.totalUnits === 0 ? (
          <Paragraph>{t("implementation.units.overview.noUnits")}</Paragraph>
        ) : (
          <>
            <Form method="get" className="filter-form" aria-labelledby="filter-heading">
              <Heading level={3} data-size="xs" id="filter-heading">
                {t("implementation.units.filters.heading")}
              </Heading>
              <div className="filter-form__row">
                <SelectField
                  name="tjeneste"
                  label={t("implementation.units.filters.serviceType")}
                  defaultValue={data.filters.serviceType}
                  options={[
                    { value: "", label: t("implementation.units.filters.allServiceTypes") },
                    ...data.serviceTypes
                      .map((type) => ({ value: type, label: t(`serviceType.${type}`) }))
                      .sort((a, b) => a.label.localeCompare(b.label, language)),
                  ]}
                />
                <SelectField
                  name="fase"
                  label={t("implementation.units.filters.stage")}
                  defaultValue={data.filters.stage}
                  options={[
                    { value: "", label: t("implementation.units.filters.allStages") },
                    ...data.stages.map((stage) => ({
                      value: stage,
                      label: t(`implementation.units.stages.${stage}`),
                    })),
                    { value: "none", label: t("implementation.units.noStage") },
                  ]}
                />
                <Button type="submit" variant="secondary">
                  {t("implementation.units.filters.apply")}
                </Button>
                {filtered ? (
                  <DsLink asChild>
                    <Link to="/implementering">{t("implementation.units.filters.reset")}</Link>
                  </DsLink>
                ) : null}
              </div>
            </Form>

            <Paragraph>
              {t("implementation.units.overview.summary", {
                units: data.shown,
                pilots: data.pilots,
                missing: data.missing,
              })}
            </Paragraph>
            <div className="actions">
              <Button asChild variant="secondary">
                <a href={`/implementering/enheter.csv${data.query}`} download>
                  {t("implementation.units.overview.exportCsv")}
                </a>
              </Button>
            </div>

            {data.shown === 0 ? (
              <Paragraph>{t("implementation.units.overview.emptyFiltered")}</Paragraph>
            ) : (
              <div className="table-wrapper">
                <Table>
                  <caption>
                    {t("implementation.units.overview.caption", { count: data.shown })}
                  </caption>
                  <Table.Head>
                    <Table.Row>
                      <Table.HeaderCell>{t("implementation.units.columns.unit")}</Table.HeaderCell>
                      <Table.HeaderCell>
                        {t("implementation.units.columns.serviceType")}
                      </Table.HeaderCell>
                      <Table.HeaderCell>{t("implementation.units.columns.pilot")}</Table.HeaderCell>
                      <Table.HeaderCell>{t("implementation.units.columns.stage")}</Table.HeaderCell>
                      <Table.HeaderCell>
                        {t("implementation.units.columns.contacts")}
                      </Table.HeaderCell>
                      <Table.HeaderCell>
                        {t("implementation.units.columns.coverage")}
                      </Table.HeaderCell>
                      <Table.HeaderCell>
                        {t("implementation.units.columns.onboarding")}
                      </Table.HeaderCell>
                    </Table.Row>
                  </Table.Head>
                  <Table.Body>
                    {data.rows.map((row) => (
                      <Table.Row key={row.unitId}>
                        <Table.HeaderCell scope="row">
                          <DsLink asChild>
                            <Link to={`/implementering/enheter/${row.unitId}`}>{row.name}</Link>
                          </DsLink>
                        </Table.HeaderCell>
                        <Table.Cell>{t(`serviceType.${row.serviceType}`)}</Table.Cell>
                        <Table.Cell>
                          {row.pilot ? (
                            <Tag data-color="info">{t("implementation.units.pilot")}</Tag>
                          ) : (
                            t("implementation.units.notPilot")
                          )}
                        </Table.Cell>
                        <Table.Cell>
                          {row.stage ? (
                            <>
                              {t(`implementation.units.stages.${row.stage.stage}`)}
                              <br />
                              {t("implementation.units.stageSince", {
                                date: formatDay(row.stage.since, language),
                              })}
                            </>
                          ) : (
                            t("implementation.units.noStage")
                          )}
                        </Table.Cell>
                        <Table.Cell>
                          {row.contacts.length > 0 ? (
                            row.contacts.map((contact) => contact.name).join(", ")
                          ) : (
                            <Tag data-color="warning">{t("implementation.units.noContact")}</Tag>
                          )}
                        </Table.Cell>
                        <Table.Cell>{row.coverageText}</Table.Cell>
                        <Table.Cell>
                          {t("implementation.units.onboardingCompleted", {
                            count: row.onboarding.completed,
                          })}
                          <br />
                          {t("implementation.units.onboardingInProgress", {
                            count: row.onboarding.inProgress,
                          })}
                          <br />
                          {row.onboarding.overdue > 0 ? (
                            <Tag data-color="danger">
                              {t("implementation.units.onboardingOverdue", {
                                count: row.onboarding.overdue,
                              })}
                            </Tag>
                          ) : (
                            t("implementation.units.onboardingOverdue", { count: 0 })
                          )}
                        </Table.Cell>
                      </Table.Row>
                    ))}
                  </Table.Body>
                </Table>
              </div>
            )}
            <Pager
              label={t("implementation.units.overview.pagination")}
              page={data.page}
              pages={data.pages}
              href={pageHref}
              previousText={t("implementation.units.overview.previous")}
              nextText={t("implementation.units.overview.next")}
              positionText={t("implementation.units.overview.position", {
                page: data.page,
                pages: data.pages,
              })}
            />
          </>
        )}
      </section>
    </div>
  );
}
