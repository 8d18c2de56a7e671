import { Heading, Paragraph, Table } from "@digdir/designsystemet-react";
import { useLoaderData } from "react-router";
import { getAccessTrail } from "../../core/relay-log/trail.ts";
import type { TrailEntry } from "../../core/relay-log/trail.ts";
import { Pager } from "../components/pager.tsx";
import { logPath, RelayLogLayout } from "../components/relay-log-layout.tsx";
import { formatDateTime } from "../lib/format-date.ts";
import { useT } from "../lib/i18n.tsx";
import { loadOr404, requirePermission } from "../lib/route-helpers.ts";
import type { Route } from "./+types/relay-log.trail";

/**
 * The access trail of a log (tilgangslogg), for the relay holder: who read or changed the log
 * and when, newest first, 50 to a page. Viewing it is itself audited.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "relaylog.use");
  const url = new URL(request.url);
  const requested = Number.parseInt(url.searchParams.get("side") ?? "1", 10);
  const trail = await loadOr404(() =>
    getAccessTrail({
      database: context.services.database,
      actor,
      meta: context.meta,
      logId: params.logId,
      page: Number.isFinite(requested) ? requested : 1,
    }),
  );
  return { ...trail, language: context.language };
}

/** The catalog key of an event type: "relaylog.consent_recorded" → "relaylog_consent_recorded". */
function eventKey(eventType: string): string {
  return `relayLog.consent.trail.event.${eventType.replace(/\./g, "_")}`;
}

export default function RelayLogTrailPage() {
  const t = useT();
  const trail = useLoaderData<typeof loader>();
  const { header } = trail;
  const path = logPath(header.id, "trail");

  const what = (entry: TrailEntry) => {
    if (entry.eventType === "relaylog.viewed") {
      const part = t(`relayLog.consent.trail.view.${entry.view ?? "other"}`, {
        defaultValue: t("relayLog.consent.trail.view.other"),
      });
      return t("relayLog.consent.trail.viewed", { part });
    }
    return t(eventKey(entry.eventType), {
      defaultValue: t("relayLog.consent.trail.event.other"),
    });
  };
  const role = (entry: TrailEntry) => {
    const relation = t(`relayLog.consent.trail.relation.${entry.relation}`);
    if (entry.actorKind !== "staff" || entry.roles.length === 0) return relation;
    return `${relation} (${entry.roles.map((r) => t(`roles.${r}`)).join(", ")})`;
  };

  return (
    <RelayLogLayout header={header} current="trail">
      <Paragraph>{t("relayLog.consent.trail.intro")}</Paragraph>
      <section aria-labelledby="trail-heading">
        <Heading level={2} data-size="md" id="trail-heading">
          {t("relayLog.tabs.trail")}
        </Heading>
        {trail.entries.length === 0 ? (
          <Paragraph>{t("relayLog.consent.trail.empty")}</Paragraph>
        ) : (
          <>
            <Paragraph>{t("relayLog.consent.trail.total", { count: trail.total })}</Paragraph>
            <div className="table-wrapper">
              <Table data-size="sm">
                <caption className="visually-hidden">
                  {t("relayLog.consent.trail.caption")}
                  {trail.pageCount > 1
                    ? `, ${t("relayLog.consent.trail.page", { page: trail.page, count: trail.pageCount })}`
                    : ""}
                </caption>
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell>{t("relayLog.consent.trail.when")}</Table.HeaderCell>
                    <Table.HeaderCell>{t("relayLog.consent.trail.who")}</Table.HeaderCell>
                    <Table.HeaderCell>{t("relayLog.consent.trail.role")}</Table.HeaderCell>
                    <Table.HeaderCell>{t("relayLog.consent.trail.what")}</Table.HeaderCell>
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {trail.entries.map((entry) => (
                    <Table.Row key={entry.id}>
                      <Table.Cell>{formatDateTime(entry.occurredAt, trail.language)}</Table.Cell>
                      <Table.Cell>{entry.actorName}</Table.Cell>
                      <Table.Cell>{role(entry)}</Table.Cell>
                      <Table.Cell>{what(entry)}</Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            </div>
            <Pager
              label={t("relayLog.consent.trail.pagination")}
              page={trail.page}
              pages={trail.pageCount}
              href={(page) => `${path}?side=${page}`}
              previousText={t("relayLog.consent.trail.previous")}
              nextText={t("relayLog.consent.trail.next")}
              positionText={t("relayLog.consent.trail.page", {
                page: trail.page,
                count: trail.pageCount,
              })}
            />
          </>
        )}
      </section>
    </RelayLogLayout>
  );
}
