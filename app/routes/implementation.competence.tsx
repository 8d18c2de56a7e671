import { Button, Heading, Link as DsLink, Paragraph, Table } from "@digdir/designsystemet-react";
import { Link, useLoaderData, useSearchParams } from "react-router";
import { listCompetenceMaterials } from "../../core/implementation/competence.ts";
import { Notice } from "../components/forms.tsx";
import { Pager } from "../components/pager.tsx";
import { useT } from "../lib/i18n.tsx";
import { loadOr404, requirePermission } from "../lib/route-helpers.ts";
import type { Route } from "./+types/implementation.competence";

/** /implementering/kompetanse: the coordinator keeps the competence portal's material. */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  const url = new URL(request.url);
  const page = Number.parseInt(url.searchParams.get("side") ?? "1", 10);
  return loadOr404(() =>
    listCompetenceMaterials({ database: context.services.database, actor, page }),
  );
}

const M = "implementation.training.materials";

export default function CompetenceAdminPage() {
  const t = useT();
  const { items, page, pages, total } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const notice = params.get("melding");
  return (
    <div className="page">
      <title>{`${t(`${M}.adminTitle`)} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {t(`${M}.adminTitle`)}
      </Heading>
      {notice === `${M}.deleted` ? (
        <Notice>{t(notice, { title: params.get("navn") ?? "" })}</Notice>
      ) : null}
      <Paragraph>{t(`${M}.adminIntro`)}</Paragraph>
      <div className="actions">
        <Button asChild>
          <Link to="/implementering/kompetanse/ny">{t(`${M}.new`)}</Link>
        </Button>
        <DsLink asChild>
          <Link to="/kompetanse">{t(`${M}.portalLink`)}</Link>
        </DsLink>
        <DsLink asChild>
          <Link to="/implementering/opplaering">{t(`${M}.eventsLink`)}</Link>
        </DsLink>
      </div>
      {items.length === 0 ? (
        <Paragraph>{t(`${M}.adminEmpty`)}</Paragraph>
      ) : (
        <div className="table-wrapper">
          <Table>
            <caption className="visually-hidden">{t(`${M}.count`, { count: total })}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t(`${M}.fields.title`)}</Table.HeaderCell>
                <Table.HeaderCell>{t(`${M}.fields.kind`)}</Table.HeaderCell>
                <Table.HeaderCell>{t(`${M}.fields.component`)}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {items.map((item) => (
                <Table.Row key={item.id}>
                  <Table.Cell>
                    <DsLink asChild>
                      <Link to={`/implementering/kompetanse/${item.id}`}>{item.title}</Link>
                    </DsLink>
                  </Table.Cell>
                  <Table.Cell>{t(`${M}.kinds.${item.kind}`)}</Table.Cell>
                  <Table.Cell>{item.componentTitle ?? t(`${M}.general`)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
      <Pager
        label={t(`${M}.pager.label`)}
        page={page}
        pages={pages}
        href={(number) =>
          number > 1 ? `/implementering/kompetanse?side=${number}` : "/implementering/kompetanse"
        }
        previousText={t(`${M}.pager.previous`)}
        nextText={t(`${M}.pager.next`)}
        positionText={t(`${M}.pager.position`, { page, pages })}
      />
    </div>
  );
}
