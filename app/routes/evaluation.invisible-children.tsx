import {
  Alert,
  Button,
  Heading,
  Link as DsLink,
  Paragraph,
  Table,
} from "@digdir/designsystemet-react";
import { Form, Link, useLoaderData } from "react-router";
import { ageRanges } from "../../core/evaluation/ssb-csv.ts";
import { viewInvisibleChildren } from "../../core/evaluation/prevalence.ts";
import { formatNumber } from "../components/evaluation-indicators.tsx";
import { SelectField } from "../components/forms.tsx";
import { useLanguage } from "../components/implementation-units.tsx";
import { useT } from "../lib/i18n.tsx";
import { loadOr404, requirePermission } from "../lib/route-helpers.ts";
import type { Route } from "./+types/evaluation.invisible-children";

/**
 * /evaluering/usynlige-barn (reports.view): children 0–17 × each prevalence rate = the likely
 * number of children in the municipality, with the rate's source, and beside it how many
 * children Laget has helped that year (suppressed below five).
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "reports.view");
  const url = new URL(request.url);
  const yearText = url.searchParams.get("ar") ?? "";
  const year = /^\d{4}$/.test(yearText) ? Number(yearText) : undefined;
  const estimate = await loadOr404(() =>
    viewInvisibleChildren({ database: context.services.database, actor, year }),
  );
  return { estimate, canManage: context.permissions.includes("evaluation.manage") };
}

export default function InvisibleChildrenPage() {
  const t = useT();
  const language = useLanguage();
  const { estimate } = useLoaderData<typeof loader>();
  const min = estimate.minGroupSize;
  const count = (value: { suppressed: true } | { suppressed: false; value: number }) =>
    value.suppressed
      ? t("evaluation.indicators.suppressed", { min })
      : formatNumber(value.value, language, 0);
  const largest = Math.max(0, ...estimate.rates.map((rate) => rate.likely ?? 0));
  return (
    <div className="page">
      <title>{`${t("evaluation.indicators.invisible.title")} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {t("evaluation.indicators.invisible.title")}
      </Heading>
      <Paragraph>{t("evaluation.indicators.invisible.intro")}</Paragraph>

      <nav aria-labelledby="invisible-links-heading" className="evaluation-links">
        <Heading level={2} data-size="xs" id="invisible-links-heading">
          {t("evaluation.indicators.invisible.links.heading")}
        </Heading>
        <ul>
          <li>
            <DsLink asChild>
              <Link to="/evaluering/usynlige-barn/befolkning">
                {t("evaluation.indicators.invisible.links.population")}
              </Link>
            </DsLink>
          </li>
          <li>
            <DsLink asChild>
              <Link to="/evaluering/usynlige-barn/forekomst">
                {t("evaluation.indicators.invisible.links.prevalence")}
              </Link>
            </DsLink>
          </li>
        </ul>
      </nav>

      {estimate.year === null || estimate.children === null ? (
        <Alert data-color="info">{t("evaluation.indicators.invisible.noPopulation")}</Alert>
      ) : (
        <section aria-labelledby="estimate-heading" className="page">
          <Heading level={2} data-size="md" id="estimate-heading">
            {t("evaluation.indicators.invisible.population", {
              year: estimate.year,
              count: formatNumber(estimate.children, language, 0),
            })}
          </Heading>
          {estimate.populationSource ? (
            <Paragraph>
              {t("evaluation.indicators.invisible.populationSource", {
                source: t(`evaluation.indicators.population.sources.${estimate.populationSource}`),
              })}
            </Paragraph>
          ) : null}
          {estimate.missingAges.length > 0 ? (
            <Alert data-color="warning">
              {t("evaluation.indicators.population.missingAges", {
                ages: ageRanges(estimate.missingAges),
              })}
            </Alert>
          ) : null}
          {estimate.years.length > 1 ? (
            <Form method="get" className="filter-form">
              <div className="filter-form__row">
                <SelectField
                  name="ar"
                  label={t("evaluation.indicators.invisible.year")}
                  defaultValue={String(estimate.year)}
                  options={estimate.years.map((year) => ({
                    value: String(year),
                    label: String(year),
                  }))}
                />
                <Button type="submit" variant="secondary">
                  {t("evaluation.indicators.invisible.chooseYear")}
                </Button>
              </div>
            </Form>
          ) : null}
          <div className="table-wrapper">
            <Table>
              <caption>
                {t("evaluation.indicators.invisible.caption", { year: estimate.year })}
              </caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>
                    {t("evaluation.indicators.invisible.columns.situation")}
                  </Table.HeaderCell>
                  <Table.HeaderCell>
                    {t("evaluation.indicators.invisible.columns.rate")}
                  </Table.HeaderCell>
                  <Table.HeaderCell>
                    {t("evaluation.indicators.invisible.columns.likely")}
                  </Table.HeaderCell>
                  <Table.HeaderCell>
                    {t("evaluation.indicators.invisible.columns.source")}
                  </Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {estimate.rates.map((rate) => (
                  <Table.Row key={rate.id}>
                    <Table.HeaderCell scope="row">{rate.label}</Table.HeaderCell>
                    <Table.Cell>{`${formatNumber(rate.percent, language, 3)} %`}</Table.Cell>
                    <Table.Cell>
                      {rate.likely === null
                        ? t("evaluation.indicators.notApplicable")
                        : t("evaluation.indicators.invisible.likely", {
                            count: formatNumber(rate.likely, language, 0),
                          })}
                    </Table.Cell>
                    <Table.Cell>
                      {rate.sourceUrl ? (
                        <DsLink href={rate.sourceUrl}>{rate.source}</DsLink>
                      ) : (
                        rate.source
                      )}
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
          <Paragraph>{t("evaluation.indicators.invisible.note")}</Paragraph>
        </section>
      )}

      <section aria-labelledby="helped-heading" className="page">
        <Heading level={2} data-size="md" id="helped-heading">
          {t("evaluation.indicators.invisible.helpedHeading", { year: estimate.helped.year })}
        </Heading>
        <Paragraph>{t("evaluation.indicators.invisible.helpedIntro", { min })}</Paragraph>
        <div className="table-wrapper">
          <Table>
            <caption>
              {t("evaluation.indicators.invisible.helpedCaption", { year: estimate.helped.year })}
            </caption>
            <Table.Body>
              <Table.Row>
                <Table.HeaderCell scope="row">
                  {t("evaluation.indicators.invisible.helpedLogs")}
                </Table.HeaderCell>
                <Table.Cell>{count(estimate.helped.logs)}</Table.Cell>
              </Table.Row>
              <Table.Row>
                <Table.HeaderCell scope="row">
                  {t("evaluation.indicators.invisible.helpedNextOfKin")}
                </Table.HeaderCell>
                <Table.Cell>{count(estimate.helped.nextOfKin)}</Table.Cell>
              </Table.Row>
              <Table.Row>
                <Table.HeaderCell scope="row">
                  {t("evaluation.indicators.invisible.helpedTotal")}
                </Table.HeaderCell>
                <Table.Cell>{count(estimate.helped.total)}</Table.Cell>
              </Table.Row>
            </Table.Body>
          </Table>
        </div>
        {estimate.children !== null && largest > 0 ? (
          <Paragraph>
            {t("evaluation.indicators.invisible.comparison", {
              likely: formatNumber(largest, language, 0),
            })}
          </Paragraph>
        ) : null}
      </section>
    </div>
  );
}
