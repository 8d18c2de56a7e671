import {
  Button,
  Heading,
  Link as DsLink,
  Paragraph,
  Table,
  Tag,
} from "@digdir/designsystemet-react";
import { Link, useLoaderData, useSearchParams } from "react-router";
import { listUnits } from "../../core/units/units.ts";
import { Notice } from "../components/forms.tsx";
import { useT } from "../lib/i18n.tsx";
import { requirePermission } from "../lib/route-helpers.ts";
import type { Route } from "./+types/admin.units";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "units.manage");
  const units = await listUnits({
    database: context.services.database,
    actor,
    includeInactive: true,
  });
  return { units };
}

export default function UnitsPage() {
  const t = useT();
  const { units } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const notice = params.get("melding");
  return (
    <div className="page">
      <title>{`${t("units.title")} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {t("units.title")}
      </Heading>
      {notice?.startsWith("units.") ? (
        <Notice>{t(notice, { name: params.get("navn") ?? "" })}</Notice>
      ) : null}
      <Paragraph>{t("units.intro")}</Paragraph>
      <div className="actions">
        <Button asChild>
          <Link to="/admin/enheter/ny">{t("units.new")}</Link>
        </Button>
      </div>
      {units.length === 0 ? (
        <Paragraph>{t("units.empty")}</Paragraph>
      ) : (
        <div className="table-wrapper">
          <Table>
            <caption className="visually-hidden">
              {t("units.count", { count: units.length })}
            </caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t("units.name")}</Table.HeaderCell>
                <Table.HeaderCell>{t("units.serviceType")}</Table.HeaderCell>
                <Table.HeaderCell>{t("units.status")}</Table.HeaderCell>
                <Table.HeaderCell>{t("units.actions")}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {units.map((unit) => (
                <Table.Row key={unit.id}>
                  <Table.Cell>{unit.name}</Table.Cell>
                  <Table.Cell>{t(`serviceType.${unit.serviceType}`)}</Table.Cell>
                  <Table.Cell>
                    <Tag data-color={unit.active ? "success" : "neutral"}>
                      {unit.active ? t("units.active") : t("units.inactive")}
                    </Tag>
                  </Table.Cell>
                  <Table.Cell>
                    <DsLink asChild>
                      <Link
                        to={`/admin/enheter/${unit.id}`}
                        aria-label={t("units.editNamed", { name: unit.name })}
                      >
                        {t("units.edit")}
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
