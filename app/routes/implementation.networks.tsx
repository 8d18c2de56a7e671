import {
  Button,
  Heading,
  Link as DsLink,
  Paragraph,
  Table,
  Tag,
} from "@digdir/designsystemet-react";
import { Link, useLoaderData } from "react-router";
import { listNetworks } from "../../core/implementation/networks.ts";
import { Pager } from "../components/pager.tsx";
import { norwegianDate } from "../components/relay-log-meeting-fields.tsx";
import { useT } from "../lib/i18n.tsx";
import { loadOr404, requirePermission } from "../lib/route-helpers.ts";
import type { Route } from "./+types/implementation.networks";

/**
 * /implementering/nettverk: the BTS networks the reader may see — name, member units, leader,
 * next meeting and meetings held this year. The coordinator creates networks from here.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "implementation.view");
  const page = Number.parseInt(new URL(request.url).searchParams.get("side") ?? "1", 10);
  return loadOr404(() =>
    listNetworks({
      database: context.services.database,
      actor,
      page: Number.isInteger(page) ? Math.min(page, 100_000) : 1,
    }),
  );
}

export default function NetworksPage() {
  const t = useT();
  const { networks, page, pages, total, year, canManage, seesAll } = useLoaderData<typeof loader>();
  const title = t("implementation.networks.title");
  return (
    <div className="page">
      <title>{`${title} – ${t("app.name")}`}</title>
      <Paragraph data-size="sm">
        <DsLink asChild>
          <Link to="/implementering">{t("implementation.networks.backToOverview")}</Link>
        </DsLink>
      </Paragraph>
      <Heading level={1} data-size="lg">
        {title}
      </Heading>
      <Paragraph>{t("implementation.networks.intro")}</Paragraph>
      {canManage ? (
        <div className="actions">
          <Button asChild>
            <Link to="/implementering/nettverk/ny">{t("implementation.networks.new")}</Link>
          </Button>
        </div>
      ) : null}
      {total === 0 ? (
        <Paragraph>
          {seesAll
            ? t("implementation.networks.empty")
            : t("implementation.networks.emptyNotMember")}
        </Paragraph>
      ) : (
        <>
          <div className="table-wrapper">
            <Table>
              <caption>{t("implementation.networks.tableCaption", { count: total })}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t("implementation.networks.columns.name")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("implementation.networks.columns.units")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("implementation.networks.columns.leader")}</Table.HeaderCell>
                  <Table.HeaderCell>
                    {t("implementation.networks.columns.nextMeeting")}
                  </Table.HeaderCell>
                  <Table.HeaderCell>
                    {t("implementation.networks.columns.heldThisYear", { year })}
                  </Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {networks.map((network) => (
                  <Table.Row key={network.id}>
                    <Table.Cell>
                      <DsLink asChild>
                        <Link to={`/implementering/nettverk/${network.id}`}>{network.name}</Link>
                      </DsLink>
                      {network.active ? null : (
                        <>
                          {" "}
                          <Tag data-color="neutral">{t("implementation.networks.inactive")}</Tag>
                        </>
                      )}
                    </Table.Cell>
                    <Table.Cell>
                      <span className="visually-hidden">
                        {t("implementation.networks.unitCount", { count: network.units.length })}
                        {": "}
                      </span>
                      {network.units.map((unit) => unit.name).join(", ")}
                    </Table.Cell>
                    <Table.Cell>
                      {network.leaderName ?? t("implementation.networks.noLeader")}
                    </Table.Cell>
                    <Table.Cell>
                      {network.nextMeeting ? (
                        <DsLink asChild>
                          <Link
                            to={`/implementering/nettverk/${network.id}/moter/${network.nextMeeting.id}`}
                          >
                            {network.nextMeeting.startsAt
                              ? t("implementation.networks.dateAt", {
                                  date: norwegianDate(network.nextMeeting.meetsOn),
                                  time: network.nextMeeting.startsAt,
                                })
                              : norwegianDate(network.nextMeeting.meetsOn)}
                          </Link>
                        </DsLink>
                      ) : (
                        t("implementation.networks.noNextMeeting")
                      )}
                    </Table.Cell>
                    <Table.Cell>{network.heldThisYear}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
          <Pager
            label={t("implementation.networks.pagination")}
            page={page}
            pages={pages}
            href={(number) =>
              number > 1 ? `/implementering/nettverk?side=${number}` : "/implementering/nettverk"
            }
            previousText={t("implementation.networks.previous")}
            nextText={t("implementation.networks.next")}
            positionText={t("implementation.networks.pageOf", { page, pages })}
          />
        </>
      )}
    </div>
  );
}
