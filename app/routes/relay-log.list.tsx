import {
  Button,
  Heading,
  Link as DsLink,
  Paragraph,
  Table,
  Tag,
} from "@digdir/designsystemet-react";
import { Form, Link, useLoaderData, useSearchParams } from "react-router";
import { listMyLogs } from "../../core/relay-log/logs.ts";
import {
  allLevels,
  filtersFromSearchParams,
  HANDOVER_INBOX_PATH,
  myLogsPath,
  type MyLogFilters,
} from "../../core/relay-log/open-rules.ts";
import { listUnits } from "../../core/units/units.ts";
import { CheckboxGroup, Notice, SelectField } from "../components/forms.tsx";
import { logPath } from "../components/relay-log-layout.tsx";
import { formatDate } from "../components/worry-fields.tsx";
import { useT } from "../lib/i18n.tsx";
import { requirePermission } from "../lib/route-helpers.ts";
import type { Route } from "./+types/relay-log.list";

const knownNotices = new Set(["relayLog.open.joinRequested", "relayLog.consent.participants.left"]);

/** "Mine stafettlogger": the logs the employee holds or takes part in, filtered and paged. */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "relaylog.use");
  const { database } = context.services;
  const filters = filtersFromSearchParams(new URL(request.url).searchParams);
  // Independent reads: side by side on PostgreSQL's pool (PGlite runs them one after the other).
  const [result, units] = await Promise.all([
    listMyLogs({ database, actor, meta: context.meta, filters }),
    listUnits({ database, actor }),
  ]);
  return {
    ...result,
    pages: Math.max(Math.ceil(result.total / result.pageSize), 1),
    units: units.map((unit) => ({ id: unit.id, name: unit.name })),
  };
}

function hasFilters(filters: MyLogFilters): boolean {
  return Object.entries(filters).some(([key, value]) => key !== "page" && value !== undefined);
}

export default function RelayLogListPage() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const notice = params.get("melding");
  const { filters } = data;
  const filtered = hasFilters(filters);
  const pageLabel =
    data.pages > 1 ? t("relayLog.open.pageOf", { page: data.page, pages: data.pages }) : null;
  const needs = [
    filters.dueEvaluations ? "evaluering" : null,
    filters.overdueMeasures ? "tiltak" : null,
    filters.expiringConsent ? "samtykke" : null,
  ].filter((value): value is string => value !== null);
  return (
    <div className="page">
      <title>
        {`${t("relayLog.open.listTitle")}${pageLabel ? ` (${pageLabel})` : ""} – ${t("app.name")}`}
      </title>
      <Heading level={1} data-size="lg">
        {t("relayLog.open.listTitle")}
      </Heading>
      {notice && knownNotices.has(notice) ? <Notice>{t(notice)}</Notice> : null}
      <Paragraph>{t("relayLog.open.listIntro")}</Paragraph>
      <div className="actions">
        <Button asChild>
          <Link to="/stafettlogger/ny">{t("relayLog.open.newLink")}</Link>
        </Button>
        <Button asChild variant="secondary">
          <Link to="/stafettlogger/ny-drofting">{t("relayLog.cases.anonymous.title")}</Link>
        </Button>
        <Button asChild variant="tertiary">
          <Link to={HANDOVER_INBOX_PATH}>{t("relayLog.meetings.handover.toInbox")}</Link>
        </Button>
      </div>

      <section aria-labelledby="filters-heading">
        <Heading level={2} data-size="sm" id="filters-heading">
          {t("relayLog.open.filtersHeading")}
        </Heading>
        <Form method="get" className="relay-list-filters">
          <SelectField
            name="nivaa"
            label={t("relayLog.open.filterLevel")}
            defaultValue={filters.level === undefined ? "" : String(filters.level)}
            options={[
              { value: "", label: t("relayLog.open.filterLevelAll") },
              ...allLevels.map((level) => ({
                value: String(level),
                label: t("relayLog.levelLabel", { level }),
              })),
            ]}
          />
          <SelectField
            name="enhet"
            label={t("relayLog.open.filterUnit")}
            defaultValue={filters.unitId ?? ""}
            options={[
              { value: "", label: t("relayLog.open.filterUnitAll") },
              ...data.units.map((unit) => ({ value: unit.id, label: unit.name })),
            ]}
          />
          <SelectField
            name="rolle"
            label={t("relayLog.open.filterRole")}
            defaultValue={
              filters.role === "holder"
                ? "stafettholder"
                : filters.role === "participant"
                  ? "deltaker"
                  : ""
            }
            options={[
              { value: "", label: t("relayLog.open.filterRoleAll") },
              { value: "stafettholder", label: t("relayLog.open.roleHolder") },
              { value: "deltaker", label: t("relayLog.open.roleParticipant") },
            ]}
          />
          <SelectField
            name="status"
            label={t("relayLog.open.filterStatus")}
            defaultValue={filters.status === "closed" ? "avsluttet" : ""}
            options={[
              { value: "", label: t("relayLog.open.statusOpen") },
              { value: "avsluttet", label: t("relayLog.open.statusClosed") },
            ]}
          />
          <CheckboxGroup
            name="behov"
            legend={t("relayLog.open.filterNeeds")}
            checked={needs}
            options={[
              { value: "evaluering", label: t("relayLog.open.filterDueEvaluations") },
              { value: "tiltak", label: t("relayLog.open.filterOverdueMeasures") },
              { value: "samtykke", label: t("relayLog.open.filterExpiringConsent") },
            ]}
          />
          <div className="form__actions">
            <Button type="submit" variant="secondary">
              {t("relayLog.open.filterApply")}
            </Button>
            {filtered ? (
              <DsLink asChild>
                <Link to="/stafettlogger">{t("relayLog.open.filterReset")}</Link>
              </DsLink>
            ) : null}
          </div>
        </Form>
      </section>

      {data.total === 0 ? (
        <Paragraph role="status">
          {filtered ? t("relayLog.open.noHits") : t("relayLog.open.empty")}
        </Paragraph>
      ) : (
        <>
          <Paragraph role="status">{t("relayLog.open.total", { count: data.total })}</Paragraph>
          <div className="table-wrapper">
            <Table data-size="sm">
              <caption className="visually-hidden">
                {t("relayLog.open.listTitle")}
                {pageLabel ? `, ${pageLabel}` : ""}
              </caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t("relayLog.open.colName")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("relayLog.open.colLevel")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("relayLog.open.colRole")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("relayLog.open.colHolderUnit")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("relayLog.open.colNextEvaluation")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("relayLog.open.colAttention")}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {data.logs.map((log) =>
                  log.frozen ? (
                    <Table.Row key={log.id}>
                      <Table.Cell>
                        {log.name} <Tag data-color="warning">{t("relayLog.open.frozenTag")}</Tag>
                      </Table.Cell>
                      <Table.Cell colSpan={5}>{t("relayLog.open.frozenRow")}</Table.Cell>
                    </Table.Row>
                  ) : (
                    <Table.Row key={log.id}>
                      <Table.Cell>
                        <DsLink asChild>
                          <Link to={logPath(log.id)}>{log.name}</Link>
                        </DsLink>
                        {log.kind === "anonymous" ? (
                          <>
                            {" "}
                            <Tag data-color="neutral">{t("relayLog.open.anonymousTag")}</Tag>
                          </>
                        ) : null}
                      </Table.Cell>
                      <Table.Cell className="relay-list-level">
                        {t("relayLog.levelLabel", { level: log.level })}
                      </Table.Cell>
                      <Table.Cell>
                        {log.role === "holder"
                          ? t("relayLog.open.roleHolder")
                          : t("relayLog.open.roleParticipant")}
                      </Table.Cell>
                      <Table.Cell>{log.holderUnitName ?? t("relayLog.open.notSet")}</Table.Cell>
                      <Table.Cell>
                        {log.nextEvaluationOn
                          ? formatDate(log.nextEvaluationOn)
                          : t("relayLog.open.notSet")}
                      </Table.Cell>
                      <Table.Cell>
                        <AttentionFlags log={log} />
                      </Table.Cell>
                    </Table.Row>
                  ),
                )}
              </Table.Body>
            </Table>
          </div>
          {data.pages > 1 ? (
            <Pagination page={data.page} pages={data.pages} filters={filters} />
          ) : null}
        </>
      )}
    </div>
  );
}

/** What needs attention, in words (a tag's colour is never the only signal). */
function AttentionFlags({
  log,
}: {
  log: { evaluationDue: boolean; measuresOverdue: boolean; consentExpiring: boolean };
}) {
  const t = useT();
  const flags = [
    log.evaluationDue ? t("relayLog.open.flagEvaluation") : null,
    log.measuresOverdue ? t("relayLog.open.flagMeasures") : null,
    log.consentExpiring ? t("relayLog.open.flagConsent") : null,
  ].filter((flag): flag is string => flag !== null);
  if (flags.length === 0) return <>{t("relayLog.open.flagNone")}</>;
  return (
    <ul className="relay-list-flags">
      {flags.map((flag) => (
        <li key={flag}>
          <Tag data-color="warning">{flag}</Tag>
        </li>
      ))}
    </ul>
  );
}

/** Previous/next links that keep the filters: plain links, so they work without JavaScript. */
function Pagination(props: { page: number; pages: number; filters: MyLogFilters }) {
  const t = useT();
  const { page, pages, filters } = props;
  return (
    <nav aria-label={t("relayLog.open.pagination")} className="pager">
      <ul className="pager__list">
        {page > 1 ? (
          <li>
            <DsLink asChild>
              <Link to={myLogsPath({ ...filters, page: page - 1 })} rel="prev">
                {t("relayLog.open.previous")}
              </Link>
            </DsLink>
          </li>
        ) : null}
        <li className="pager__position">{t("relayLog.open.pageOf", { page, pages })}</li>
        {page < pages ? (
          <li>
            <DsLink asChild>
              <Link to={myLogsPath({ ...filters, page: page + 1 })} rel="next">
                {t("relayLog.open.next")}
              </Link>
            </DsLink>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
