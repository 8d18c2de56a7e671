import {
  Button,
  Heading,
  Link as DsLink,
  Paragraph,
  Table,
  Tag,
} from "@digdir/designsystemet-react";
import { Link, useLoaderData, useSearchParams } from "react-router";
import { listDirectoryEntries } from "../../core/guide/directory.ts";
import { Notice } from "../components/forms.tsx";
import { useT } from "../lib/i18n.tsx";
import { requirePermission } from "../lib/route-helpers.ts";
import type { Route } from "./+types/admin.directory";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "guide.edit");
  const entries = await listDirectoryEntries({
    database: context.services.database,
    tenantId: actor.tenantId,
    viewer: actor,
    includeInactive: true,
  });
  return {
    entries: entries.map((entry) => ({
      id: entry.id,
      name: entry.name,
      ageFrom: entry.ageFrom,
      ageTo: entry.ageTo,
      public: entry.public,
      active: entry.active,
    })),
  };
}

export default function DirectoryAdminPage() {
  const t = useT();
  const { entries } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const notice = params.get("melding");
  return (
    <div className="page">
      <title>{`${t("directory.admin.title")} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {t("directory.admin.title")}
      </Heading>
      {notice?.startsWith("directory.admin.") ? (
        <Notice>{t(notice, { name: params.get("navn") ?? "" })}</Notice>
      ) : null}
      <Paragraph>{t("directory.admin.intro")}</Paragraph>
      <div className="actions">
        <Button asChild>
          <Link to="/admin/tjenester/ny">{t("directory.admin.new")}</Link>
        </Button>
        <DsLink asChild>
          <Link to="/hvem-kan-hjelpe">{t("directory.public.title")}</Link>
        </DsLink>
      </div>
      {entries.length === 0 ? (
        <Paragraph>{t("directory.admin.empty")}</Paragraph>
      ) : (
        <div className="table-wrapper">
          <Table>
            <caption className="visually-hidden">
              {t("directory.admin.count", { count: entries.length })}
            </caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t("directory.fields.name")}</Table.HeaderCell>
                <Table.HeaderCell>{t("directory.public.ages")}</Table.HeaderCell>
                <Table.HeaderCell>{t("directory.admin.visibility")}</Table.HeaderCell>
                <Table.HeaderCell>{t("directory.admin.status")}</Table.HeaderCell>
                <Table.HeaderCell>{t("directory.admin.actions")}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {entries.map((entry) => (
                <Table.Row key={entry.id}>
                  <Table.Cell>{entry.name}</Table.Cell>
                  <Table.Cell>
                    {t("directory.public.ageRange", { from: entry.ageFrom, to: entry.ageTo })}
                  </Table.Cell>
                  <Table.Cell>
                    {entry.public
                      ? t("directory.admin.shownPublic")
                      : t("directory.admin.shownInternal")}
                  </Table.Cell>
                  <Table.Cell>
                    <Tag data-color={entry.active ? "success" : "neutral"}>
                      {entry.active ? t("directory.admin.active") : t("directory.admin.inactive")}
                    </Tag>
                  </Table.Cell>
                  <Table.Cell>
                    <DsLink asChild>
                      <Link
                        to={`/admin/tjenester/${entry.id}`}
                        aria-label={t("directory.admin.editNamed", { name: entry.name })}
                      >
                        {t("directory.admin.edit")}
                      </Link>
                    </DsLink>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
    </div>
  );
}
