import {
  Button,
  Field,
  Heading,
  Input,
  Label,
  Link as DsLink,
  Paragraph,
  Table,
} from "@digdir/designsystemet-react";
import { Form, Link, useLoaderData, useSearchParams } from "react-router";
import {
  arenaBtiLevels,
  arenaServices,
  arenaTargetGroups,
  isArenaService,
  isBtiLevel,
  isTargetGroup,
  serviceKey,
  targetGroupKey,
} from "../../core/organisation/arena-kinds.ts";
import { listArenas, type ArenaStatusFilter } from "../../core/organisation/arenas.ts";
import { SelectField } from "../components/forms.tsx";
import { noticeFrom, TableScroll } from "../components/implementation-plan-ui.tsx";
import {
  arenaPath,
  ARENAS_PATH,
  ArenasLayout,
  frequencyText,
  lastReviewText,
  leaderText,
  levelsText,
  reviewStatusText,
  servicesText,
  statusText,
  WordList,
} from "../components/organisation-arenas.tsx";
import { Pager } from "../components/pager.tsx";
import { useT } from "../lib/i18n.tsx";
import { loadOr404, requirePermission } from "../lib/route-helpers.ts";
import type { Route } from "./+types/organisation.arenas";

/**
 * /organisering/arenaer (implementation.view): the register of collaboration arenas, filtered by
 * target group, service, BTI level, active/closed and "not reviewed this year", 25 a page.
 */

const statusParam: Record<string, ArenaStatusFilter> = {
  aktive: "active",
  nedlagt: "closed",
  alle: "all",
};

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "implementation.view");
  const search = new URL(request.url).searchParams;
  const targetGroup = search.get("malgruppe") ?? "";
  const service = search.get("tjeneste") ?? "";
  const levelValue = search.get("niva") ?? "";
  const level = /^\d$/.test(levelValue) ? Number(levelValue) : null;
  const statusKey = search.get("status") ?? "aktive";
  const notReviewed = search.get("gjennomgang") === "mangler";
  const page = Number.parseInt(search.get("side") ?? "1", 10);
  const result = await loadOr404(() =>
    listArenas({
      database: context.services.database,
      actor,
      meta: context.meta,
      filters: {
        targetGroup: isTargetGroup(targetGroup) ? targetGroup : null,
        service: isArenaService(service) ? service : null,
        btiLevel: isBtiLevel(level) ? level : null,
        status: statusParam[statusKey] ?? "active",
        notReviewed,
        page: Number.isFinite(page) ? page : 1,
      },
    }),
  );
  return {
    ...result,
    query: {
      malgruppe: isTargetGroup(targetGroup) ? targetGroup : "",
      tjeneste: isArenaService(service) ? service : "",
      niva: isBtiLevel(level) ? String(level) : "",
      status: statusParam[statusKey] ? statusKey : "aktive",
      gjennomgang: notReviewed ? "mangler" : "",
    },
  };
}

const notices = ["organisation.arenas.notices.deleted"];

export default function ArenasPage() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const notice = noticeFrom(params, notices);
  const query = Object.fromEntries(Object.entries(data.query).filter(([, value]) => value !== ""));
  const pageHref = (page: number) =>
    `${ARENAS_PATH}?${new URLSearchParams({ ...query, side: String(page) }).toString()}`;
  const caption = t("organisation.arenas.caption", { count: data.total });
  return (
    <ArenasLayout
      section="register"
      heading={t("organisation.arenas.title")}
      notice={notice ? t(notice, { name: params.get("navn") ?? "" }) : null}
    >
      <Paragraph>{t("organisation.arenas.intro")}</Paragraph>
      {data.canManage ? (
        <div className="actions">
          <Button asChild>
            <Link to={`${ARENAS_PATH}/ny`}>{t("organisation.arenas.new")}</Link>
          </Button>
        </div>
      ) : (
        <Paragraph>{t("organisation.arenas.readOnly")}</Paragraph>
      )}
      {data.notReviewedCount > 0 ? (
        <Paragraph>
          <strong>
            {t("organisation.arenas.notReviewedSummary", {
              count: data.notReviewedCount,
              year: data.year,
            })}
          </strong>{" "}
          <DsLink asChild>
            <Link to={`${ARENAS_PATH}?gjennomgang=mangler`}>
              {t("organisation.arenas.showNotReviewed")}
            </Link>
          </DsLink>
        </Paragraph>
      ) : null}
      <section aria-labelledby="arena-filter-heading">
        <Heading level={2} data-size="xs" id="arena-filter-heading">
          {t("organisation.arenas.filter.heading")}
        </Heading>
        <Form method="get" className="arenas-filter">
          <SelectField
            name="malgruppe"
            label={t("organisation.arenas.filter.targetGroup")}
            defaultValue={data.query.malgruppe}
            options={[
              { value: "", label: t("organisation.arenas.filter.allTargetGroups") },
              ...arenaTargetGroups.map((code) => ({ value: code, label: t(targetGroupKey(code)) })),
            ]}
          />
          <SelectField
            name="tjeneste"
            label={t("organisation.arenas.filter.service")}
            defaultValue={data.query.tjeneste}
            options={[
              { value: "", label: t("organisation.arenas.filter.allServices") },
              ...arenaServices.map((code) => ({ value: code, label: t(serviceKey(code)) })),
            ]}
          />
          <SelectField
            name="niva"
            label={t("organisation.arenas.filter.level")}
            defaultValue={data.query.niva}
            options={[
              { value: "", label: t("organisation.arenas.filter.allLevels") },
              ...arenaBtiLevels.map((level) => ({
                value: String(level),
                label: t("organisation.arenas.filter.levelOption", { level }),
              })),
            ]}
          />
          <SelectField
            name="status"
            label={t("organisation.arenas.filter.status")}
            defaultValue={data.query.status}
            options={[
              { value: "aktive", label: t("organisation.arenas.filter.statusActive") },
              { value: "nedlagt", label: t("organisation.arenas.filter.statusClosed") },
              { value: "alle", label: t("organisation.arenas.filter.statusAll") },
            ]}
          />
          <Field>
            <Input
              type="checkbox"
              id="gjennomgang"
              name="gjennomgang"
              value="mangler"
              defaultChecked={data.query.gjennomgang === "mangler"}
            />
            <Label htmlFor="gjennomgang" weight="regular">
              {t("organisation.arenas.filter.notReviewed", { year: data.year })}
            </Label>
          </Field>
          <div>
            <Button type="submit" variant="secondary">
              {t("organisation.arenas.filter.submit")}
            </Button>
          </div>
        </Form>
      </section>
      {data.total === 0 ? (
        <Paragraph>
          {data.allCount === 0
            ? t("organisation.arenas.empty")
            : t("organisation.arenas.emptyFiltered")}
        </Paragraph>
      ) : (
        <TableScroll label={caption}>
          <Table>
            <caption>{caption}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t("organisation.arenas.columns.name")}</Table.HeaderCell>
                <Table.HeaderCell>{t("organisation.arenas.columns.targetGroups")}</Table.HeaderCell>
                <Table.HeaderCell>{t("organisation.arenas.columns.services")}</Table.HeaderCell>
                <Table.HeaderCell>{t("organisation.arenas.columns.frequency")}</Table.HeaderCell>
                <Table.HeaderCell>{t("organisation.arenas.columns.leader")}</Table.HeaderCell>
                <Table.HeaderCell>{t("organisation.arenas.columns.levels")}</Table.HeaderCell>
                <Table.HeaderCell>{t("organisation.arenas.columns.review")}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {data.arenas.map((arena) => {
                const last = lastReviewText(t, arena);
                return (
                  <Table.Row key={arena.id}>
                    <Table.HeaderCell scope="row">
                      <DsLink asChild>
                        <Link to={arenaPath(arena.id)}>{arena.name}</Link>
                      </DsLink>
                      {arena.active ? null : (
                        <Paragraph data-size="sm">
                          <strong>{statusText(t, arena)}</strong>
                        </Paragraph>
                      )}
                      {arena.unitName ? (
                        <Paragraph data-size="sm">
                          {t("organisation.arenas.unitName", { name: arena.unitName })}
                        </Paragraph>
                      ) : null}
                      <Paragraph data-size="sm" className="arenas-pre-line">
                        {arena.purpose}
                      </Paragraph>
                    </Table.HeaderCell>
                    <Table.Cell>
                      <WordList items={arena.targetGroups.map((code) => t(targetGroupKey(code)))} />
                    </Table.Cell>
                    <Table.Cell>
                      {servicesText(t, arena.services)}
                      {arena.participants ? (
                        <Paragraph data-size="sm" className="arenas-pre-line">
                          {arena.participants}
                        </Paragraph>
                      ) : null}
                    </Table.Cell>
                    <Table.Cell>{frequencyText(t, arena)}</Table.Cell>
                    <Table.Cell>{leaderText(t, arena)}</Table.Cell>
                    <Table.Cell>{levelsText(t, arena.btiLevels)}</Table.Cell>
                    <Table.Cell>
                      <Paragraph data-size="sm">{reviewStatusText(t, arena, data.year)}</Paragraph>
                      {last ? <Paragraph data-size="sm">{last}</Paragraph> : null}
                    </Table.Cell>
                  </Table.Row>
                );
              })}
            </Table.Body>
          </Table>
        </TableScroll>
      )}
      <Pager
        label={t("organisation.arenas.pager.label")}
        page={data.page}
        pages={data.pages}
        href={pageHref}
        previousText={t("organisation.arenas.pager.previous")}
        nextText={t("organisation.arenas.pager.next")}
        positionText={t("organisation.arenas.pager.position", {
          page: data.page,
          pages: data.pages,
        })}
      />
    </ArenasLayout>
  );
}
