import {
  Button,
  Heading,
  Link as DsLink,
  Paragraph,
  Table,
  Tag,
} from "@digdir/designsystemet-react";
import { Form, Link, useLoaderData, useSearchParams } from "react-router";
import { listNextOfKinCases } from "../../core/relay-log/next-of-kin.ts";
import { Notice, RadioGroup } from "../components/forms.tsx";
import { norwegianDate } from "../components/relay-log-cases.tsx";
import { useT } from "../lib/i18n.tsx";
import { requirePermission } from "../lib/route-helpers.ts";
import type { Route } from "./+types/relay-log.cases.next-of-kin";

/**
 * /barn-som-parorende: the cases of the employee's own units, open ones first with the nearest
 * follow-up, due and overdue follow-ups marked in words. 25 a page.
 */
const statusByParam = { apne: "open", avsluttede: "closed", alle: "all" } as const;
type StatusParam = keyof typeof statusByParam;

function statusParam(value: string | null): StatusParam {
  return value === "avsluttede" || value === "alle" ? value : "apne";
}

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "relaylog.use");
  const url = new URL(request.url);
  const shown = statusParam(url.searchParams.get("vis"));
  const page = Number.parseInt(url.searchParams.get("side") ?? "1", 10);
  const list = await listNextOfKinCases({
    database: context.services.database,
    actor,
    status: statusByParam[shown],
    page: Number.isInteger(page) ? Math.min(page, 100_000) : 1,
  });
  return { ...list, shown };
}

export default function NextOfKinList() {
  const t = useT();
  const { items, page, pageCount, shown } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const notice = params.get("melding");
  const pagePath = (number: number) => {
    const query = new URLSearchParams();
    if (shown !== "apne") query.set("vis", shown);
    if (number > 1) query.set("side", String(number));
    const text = query.toString();
    return text ? `/barn-som-parorende?${text}` : "/barn-som-parorende";
  };
  return (
    <div className="page relay-log-cases">
      <title>{`${t("relayLog.cases.nextOfKin.listTitle")} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {t("relayLog.cases.nextOfKin.listTitle")}
      </Heading>
      {notice === "relayLog.cases.nextOfKin.created" ? <Notice>{t(notice)}</Notice> : null}
      <Paragraph>{t("relayLog.cases.nextOfKin.listIntro")}</Paragraph>
      <div className="actions">
        <Button asChild>
          <Link to="/barn-som-parorende/ny">{t("relayLog.cases.nextOfKin.new")}</Link>
        </Button>{" "}
        <DsLink asChild>
          <Link to="/veileder/rutine-barn-som-parorende">
            {t("relayLog.cases.nextOfKin.routineLink")}
          </Link>
        </DsLink>
      </div>
      <Form method="get" className="relay-log-cases__filter">
        <RadioGroup
          name="vis"
          legend={t("relayLog.cases.nextOfKin.filterLegend")}
          options={(["apne", "avsluttede", "alle"] as const).map((value) => ({
            value,
            label: t(`relayLog.cases.nextOfKin.filter.${statusByParam[value]}`),
          }))}
          checked={shown}
        />
        <Button type="submit" variant="secondary">
          {t("relayLog.cases.nextOfKin.filterSubmit")}
        </Button>
      </Form>
      {items.length === 0 ? (
        <Paragraph>{t("relayLog.cases.nextOfKin.empty")}</Paragraph>
      ) : (
        <Table className="relay-log-cases__table">
          <caption>{t("relayLog.cases.nextOfKin.tableCaption")}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t("relayLog.cases.nextOfKin.columns.parent")}</Table.HeaderCell>
              <Table.HeaderCell>{t("relayLog.cases.nextOfKin.columns.situation")}</Table.HeaderCell>
              <Table.HeaderCell>{t("relayLog.cases.nextOfKin.columns.children")}</Table.HeaderCell>
              <Table.HeaderCell>{t("relayLog.cases.nextOfKin.columns.followUp")}</Table.HeaderCell>
              <Table.HeaderCell>{t("relayLog.cases.nextOfKin.columns.status")}</Table.HeaderCell>
              <Table.HeaderCell>{t("relayLog.cases.nextOfKin.columns.unit")}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {items.map((item) => (
              <Table.Row key={item.id}>
                <Table.Cell>
                  <DsLink asChild>
                    <Link to={`/barn-som-parorende/${item.id}`}>{item.parentReference}</Link>
                  </DsLink>
                </Table.Cell>
                <Table.Cell>
                  {t(`relayLog.cases.nextOfKin.situation.${item.parentSituation}`)}
                </Table.Cell>
                <Table.Cell>
                  {t("relayLog.cases.nextOfKin.childCount", { count: item.childCount })}
                </Table.Cell>
                <Table.Cell>
                  {norwegianDate(item.followUpOn)}
                  {item.followUp === "due" || item.followUp === "overdue" ? (
                    <>
                      {" "}
                      <Tag data-color={item.followUp === "overdue" ? "danger" : "warning"}>
                        {t(`relayLog.cases.nextOfKin.followUpState.${item.followUp}`)}
                      </Tag>
                    </>
                  ) : null}
                </Table.Cell>
                <Table.Cell>{t(`relayLog.cases.nextOfKin.statusValue.${item.status}`)}</Table.Cell>
                <Table.Cell>{item.unitName}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      {pageCount > 1 ? (
        <nav aria-label={t("relayLog.cases.nextOfKin.pagination")} className="pager">
          <ul className="pager__list">
            {page > 1 ? (
              <li>
                <DsLink asChild>
                  <Link to={pagePath(page - 1)} rel="prev">
                    {t("relayLog.cases.nextOfKin.previous")}
                  </Link>
                </DsLink>
              </li>
            ) : null}
            <li className="pager__position">
              {t("relayLog.cases.nextOfKin.pageOf", { page, pages: pageCount })}
            </li>
            {page < pageCount ? (
              <li>
                <DsLink asChild>
                  <Link to={pagePath(page + 1)} rel="next">
                    {t("relayLog.cases.nextOfKin.next")}
                  </Link>
                </DsLink>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </div>
  );
}
