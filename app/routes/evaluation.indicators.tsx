import { Button, Heading, Link as DsLink, Paragraph, Table } from "@digdir/designsystemet-react";
import { Form, Link, useLoaderData } from "react-router";
import {
  adoptionStatuses,
  halfYearOf,
  indicatorKeys,
  lastHalfYears,
  periodFromQuery,
  type IndicatorKey,
  type IndicatorScope,
} from "../../core/evaluation/indicator-rules.ts";
import { viewIndicators } from "../../core/evaluation/indicators.ts";
import { osloDate } from "../../core/platform/dates.ts";
import {
  formatNumber,
  halfYearText,
  IndicatorTable,
  SeriesChart,
  SeriesTable,
} from "../components/evaluation-indicators.tsx";
import { SelectField, TextField } from "../components/forms.tsx";
import { Pager } from "../components/pager.tsx";
import { formatDay, useLanguage } from "../components/implementation-units.tsx";
import { useT } from "../lib/i18n.tsx";
import { loadOr404, requirePermission } from "../lib/route-helpers.ts";
import type { Route } from "./+types/evaluation.indicators";

const PATH = "/evaluering/indikatorer";
/** Units per page in the per-unit section. */
const UNITS_PER_PAGE = 10;

/** `utvalg=enhet:<id>` or `utvalg=tjeneste:<type>`; anything else is the whole municipality. */
function scopeFrom(value: string): Pick<IndicatorScope, "unitIds" | "serviceType"> {
  if (value.startsWith("enhet:")) return { unitIds: [value.slice("enhet:".length)] };
  if (value.startsWith("tjeneste:")) return { serviceType: value.slice("tjeneste:".length) };
  return {};
}

/**
 * /evaluering/indikatorer (reports.view): the indicators of effect for a half-year, a year or a
 * custom period, for the whole municipality or one unit or service type, with the last six
 * half-years as a chart and a table. A unit leader sees the municipality and their own units.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "reports.view");
  const url = new URL(request.url);
  const today = osloDate();
  const period = periodFromQuery(url.searchParams, today);
  const scopeValue = url.searchParams.get("utvalg") ?? "";
  const chartValue = url.searchParams.get("indikator") ?? "";
  const chartKey: IndicatorKey = (indicatorKeys as readonly string[]).includes(chartValue)
    ? (chartValue as IndicatorKey)
    : "goal_score_latest";
  const view = await loadOr404(() =>
    viewIndicators({
      database: context.services.database,
      actor,
      meta: context.meta,
      scope: { from: period.from, to: period.to, ...scopeFrom(scopeValue) },
      today,
    }),
  );
  const currentYear = Number(today.slice(0, 4));
  const pages = Math.max(1, Math.ceil(view.set.byUnit.length / UNITS_PER_PAGE));
  const requested = Number.parseInt(url.searchParams.get("side") ?? "1", 10);
  const page = Math.min(Math.max(Number.isInteger(requested) ? requested : 1, 1), pages);
  return {
    view: {
      ...view,
      set: {
        ...view.set,
        byUnit: view.set.byUnit.slice((page - 1) * UNITS_PER_PAGE, page * UNITS_PER_PAGE),
      },
    },
    page,
    pages,
    query: url.search,
    period,
    scopeValue,
    chartKey,
    halfYearOptions: lastHalfYears(today, 8)
      .reverse()
      .map((item) => item.label),
    yearOptions: [0, 1, 2, 3].map((back) => String(currentYear - back)),
    currentHalf: halfYearOf(today).label,
  };
}

export default function EvaluationIndicatorsPage() {
  const t = useT();
  const language = useLanguage();
  const data = useLoaderData<typeof loader>();
  const { view, period } = data;
  const set = view.set;
  const min = set.minGroupSize;
  const focusName =
    view.series.focus.kind === "service_type"
      ? t(`serviceType.${view.series.focus.id}`)
      : view.series.focus.name;
  const selectedUnit =
    set.scope.unitIds?.length === 1 && data.scopeValue.startsWith("enhet:")
      ? set.byUnit.find((unit) => unit.id === set.scope.unitIds![0])
      : undefined;
  const selectedType = set.scope.serviceType
    ? set.byServiceType.find((type) => type.id === set.scope.serviceType)
    : undefined;
  const pageHref = (page: number) => {
    const params = new URLSearchParams(data.query);
    if (page > 1) params.set("side", String(page));
    else params.delete("side");
    const text = params.toString();
    return `${PATH}${text ? `?${text}` : ""}`;
  };
  const unitLabel = (serviceType: string | null) =>
    serviceType ? t(`serviceType.${serviceType}`) : "";
  return (
    <div className="page">
      <title>{`${t("evaluation.indicators.title")} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {t("evaluation.indicators.title")}
      </Heading>
      <Paragraph>
        {view.allUnits
          ? t("evaluation.indicators.intro", { min })
          : t("evaluation.indicators.introOwn", { min })}
      </Paragraph>

      <Form method="get" className="filter-form" aria-labelledby="indicator-filter-heading">
        <Heading level={2} data-size="sm" id="indicator-filter-heading">
          {t("evaluation.indicators.filters.heading")}
        </Heading>
        <div className="filter-form__row">
          <SelectField
            name="periode"
            label={t("evaluation.indicators.filters.periodKind")}
            defaultValue={period.kind === "custom" ? "egen" : period.value}
            options={[
              ...data.halfYearOptions.map((label) => ({
                value: label,
                label: halfYearText(t, label),
              })),
              ...data.yearOptions.map((year) => ({
                value: year,
                label: `${t("evaluation.indicators.filters.year")} ${year}`,
              })),
              { value: "egen", label: t("evaluation.indicators.filters.custom") },
            ]}
          />
          <TextField
            name="fra"
            label={t("evaluation.indicators.filters.from")}
            help={t("evaluation.indicators.filters.dateHelp")}
            defaultValue={period.kind === "custom" ? period.from : ""}
          />
          <TextField
            name="til"
            label={t("evaluation.indicators.filters.to")}
            defaultValue={period.kind === "custom" ? period.to : ""}
          />
          <SelectField
            name="utvalg"
            label={t("evaluation.indicators.filters.scope")}
            defaultValue={data.scopeValue}
            options={[
              { value: "", label: t("evaluation.indicators.filters.all") },
              ...view.serviceTypes.map((type) => ({
                value: `tjeneste:${type}`,
                label: `${t("evaluation.indicators.filters.serviceType")}: ${t(`serviceType.${type}`)}`,
              })),
              ...view.units.map((unit) => ({
                value: `enhet:${unit.id}`,
                label: `${t("evaluation.indicators.filters.unit")}: ${unit.name}`,
              })),
            ]}
          />
          <SelectField
            name="indikator"
            label={t("evaluation.indicators.series.choose")}
            defaultValue={data.chartKey}
            options={indicatorKeys.map((key) => ({
              value: key,
              label: t(`evaluation.indicators.names.${key}`),
            }))}
          />
          <Button type="submit" variant="secondary">
            {t("evaluation.indicators.filters.apply")}
          </Button>
          <DsLink asChild>
            <Link to={PATH}>{t("evaluation.indicators.filters.reset")}</Link>
          </DsLink>
        </div>
      </Form>

      <Paragraph>
        <strong>
          {t("evaluation.indicators.period", {
            from: formatDay(set.from, language),
            to: formatDay(set.to, language),
          })}
        </strong>
      </Paragraph>

      <section aria-labelledby="municipality-heading" className="page">
        <Heading level={2} data-size="md" id="municipality-heading">
          {`${t("evaluation.indicators.sections.municipality")}: ${set.municipality.name}`}
        </Heading>
        <IndicatorTable
          caption={`${t("evaluation.indicators.sections.municipality")} – ${set.municipality.name}`}
          indicators={set.municipality.indicators}
          minGroupSize={min}
          graceDays={set.evaluationGraceDays}
          explain
        />
      </section>

      {selectedType ? (
        <section aria-labelledby="type-heading" className="page">
          <Heading level={2} data-size="md" id="type-heading">
            {`${t("evaluation.indicators.sections.selection")}: ${t(`serviceType.${selectedType.id}`)}`}
          </Heading>
          <IndicatorTable
            caption={t(`serviceType.${selectedType.id}`)}
            indicators={selectedType.indicators}
            minGroupSize={min}
            graceDays={set.evaluationGraceDays}
          />
        </section>
      ) : null}
      {selectedUnit ? (
        <section aria-labelledby="unit-heading" className="page">
          <Heading level={2} data-size="md" id="unit-heading">
            {`${t("evaluation.indicators.sections.selection")}: ${selectedUnit.name}`}
          </Heading>
          <IndicatorTable
            caption={selectedUnit.name}
            indicators={selectedUnit.indicators}
            minGroupSize={min}
            graceDays={set.evaluationGraceDays}
          />
        </section>
      ) : null}

      <section aria-labelledby="series-heading" className="page">
        <Heading level={2} data-size="md" id="series-heading">
          {t("evaluation.indicators.sections.series")}
        </Heading>
        <Paragraph>{t("evaluation.indicators.series.intro", { name: focusName })}</Paragraph>
        <SeriesChart
          points={view.series.points}
          indicatorKey={data.chartKey}
          caption={t("evaluation.indicators.series.caption", {
            indicator: t(`evaluation.indicators.names.${data.chartKey}`),
            name: focusName,
          })}
          minGroupSize={min}
        />
        <SeriesTable
          points={view.series.points}
          caption={t("evaluation.indicators.series.tableCaption", { name: focusName })}
          minGroupSize={min}
        />
      </section>

      <section aria-labelledby="adoption-heading" className="page">
        <Heading level={2} data-size="md" id="adoption-heading">
          {t("evaluation.indicators.sections.adoption")}
        </Heading>
        <Paragraph>{t("evaluation.indicators.adoption.intro")}</Paragraph>
        <Paragraph>
          {t("evaluation.indicators.adoption.units", { count: set.adoption.units })}
        </Paragraph>
        <div className="table-wrapper">
          <Table>
            <caption>{t("evaluation.indicators.adoption.caption")}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t("evaluation.indicators.adoption.status")}</Table.HeaderCell>
                <Table.HeaderCell>{t("evaluation.indicators.adoption.share")}</Table.HeaderCell>
                <Table.HeaderCell>{t("evaluation.indicators.adoption.reference")}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {adoptionStatuses.map((status) => {
                const share = set.adoption.shares[status];
                return (
                  <Table.Row key={status}>
                    <Table.HeaderCell scope="row">
                      {t(`evaluation.indicators.adoption.statuses.${status}`)}
                    </Table.HeaderCell>
                    <Table.Cell>
                      {share.suppressed
                        ? t("evaluation.indicators.suppressed", { min })
                        : `${formatNumber(share.value, language)} %`}
                    </Table.Cell>
                    <Table.Cell>{`${set.adoption.reference[status]} %`}</Table.Cell>
                  </Table.Row>
                );
              })}
            </Table.Body>
          </Table>
        </div>
        {set.adoption.perUnit.length > 0 ? (
          <div className="table-wrapper">
            <Table>
              <caption>{t("evaluation.indicators.adoption.perUnitCaption")}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t("evaluation.indicators.filters.unit")}</Table.HeaderCell>
                  <Table.HeaderCell>
                    {t("evaluation.indicators.adoption.relayLogs")}
                  </Table.HeaderCell>
                  <Table.HeaderCell>{t("evaluation.indicators.adoption.guide")}</Table.HeaderCell>
                  <Table.HeaderCell>
                    {t("evaluation.indicators.adoption.networks")}
                  </Table.HeaderCell>
                  <Table.HeaderCell>{t("evaluation.indicators.adoption.status")}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {set.adoption.perUnit.map((unit) => (
                  <Table.Row key={unit.unitId}>
                    <Table.HeaderCell scope="row">{unit.name}</Table.HeaderCell>
                    {[unit.usesRelayLogs, unit.usesGuide, unit.usesNetworks].map((used, index) => (
                      <Table.Cell key={index}>
                        {used
                          ? t("evaluation.indicators.adoption.yes")
                          : t("evaluation.indicators.adoption.no")}
                      </Table.Cell>
                    ))}
                    <Table.Cell>
                      {t(`evaluation.indicators.adoption.statuses.${unit.status}`)}
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        ) : null}
      </section>

      {set.byServiceType.length > 0 && !selectedType ? (
        <section aria-labelledby="types-heading" className="page">
          <Heading level={2} data-size="md" id="types-heading">
            {t("evaluation.indicators.sections.byServiceType")}
          </Heading>
          {set.byServiceType.map((group) => (
            <IndicatorTable
              key={group.id}
              caption={t(`serviceType.${group.id}`)}
              indicators={group.indicators}
              minGroupSize={min}
              graceDays={set.evaluationGraceDays}
            />
          ))}
        </section>
      ) : null}

      {!selectedUnit ? (
        <section aria-labelledby="units-heading" className="page">
          <Heading level={2} data-size="md" id="units-heading">
            {t("evaluation.indicators.sections.byUnit")}
          </Heading>
          {set.byUnit.length === 0 ? (
            <Paragraph>{t("evaluation.indicators.noUnits")}</Paragraph>
          ) : (
            set.byUnit.map((group) => (
              <IndicatorTable
                key={group.id}
                caption={`${group.name} (${unitLabel(group.serviceType)})`}
                indicators={group.indicators}
                minGroupSize={min}
                graceDays={set.evaluationGraceDays}
              />
            ))
          )}
          <Pager
            label={t("evaluation.indicators.pager.label")}
            page={data.page}
            pages={data.pages}
            href={pageHref}
            previousText={t("evaluation.indicators.pager.previous")}
            nextText={t("evaluation.indicators.pager.next")}
            positionText={t("evaluation.indicators.pager.position", {
              page: data.page,
              pages: data.pages,
            })}
          />
        </section>
      ) : null}
    </div>
  );
}
