import { Heading, Link as DsLink, Paragraph, Table } from "@digdir/designsystemet-react";
import { useLoaderData } from "react-router";
import { describeOperations } from "../../server/api/define.ts";
import { apiOperations } from "../../server/api/operations.ts";
import { useT } from "../lib/i18n.tsx";
import { requireStaff } from "../lib/route-helpers.ts";
import type { Route } from "./+types/api-docs";

const OPENAPI_URL = "/api/v1/openapi.json";

/** The operation list comes from the same definitions that serve the API and write openapi.json. */
export function loader({ context, request }: Route.LoaderArgs) {
  requireStaff(context, request);
  return { operations: describeOperations(apiOperations) };
}

export default function ApiDocsPage() {
  const t = useT();
  const { operations } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <title>{`${t("api.title")} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {t("api.title")}
      </Heading>
      <Paragraph>
        {t("api.intro")} <DsLink href={OPENAPI_URL}>{t("api.openApiLink")}</DsLink>
      </Paragraph>

      <section aria-labelledby="api-auth-heading">
        <Heading level={2} data-size="sm" id="api-auth-heading">
          {t("api.authTitle")}
        </Heading>
        <Paragraph>{t("api.authText")}</Paragraph>
      </section>

      <section aria-labelledby="api-errors-heading">
        <Heading level={2} data-size="sm" id="api-errors-heading">
          {t("api.errorsTitle")}
        </Heading>
        <Paragraph>{t("api.errorsText")}</Paragraph>
      </section>

      <section aria-labelledby="api-operations-heading">
        <Heading level={2} data-size="sm" id="api-operations-heading">
          {t("api.operationsTitle")}
        </Heading>
        <div className="table-wrapper">
          <Table>
            <caption className="visually-hidden">{t("api.operationsCaption")}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell scope="col">{t("api.method")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t("api.path")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t("api.summary")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t("api.permission")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t("api.tokenScope")}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {operations.map((operation) => (
                <Table.Row key={operation.operationId} id={operation.operationId}>
                  <Table.Cell>
                    <code>{operation.method}</code>
                  </Table.Cell>
                  <Table.Cell>
                    <code>{operation.path}</code>
                  </Table.Cell>
                  <Table.Cell>{t(operation.summaryKey)}</Table.Cell>
                  <Table.Cell>
                    {operation.permission ? <code>{operation.permission}</code> : t("api.signedIn")}
                  </Table.Cell>
                  <Table.Cell>
                    {operation.scope ? t(`profile.scope.${operation.scope}`) : t("api.anyScope")}
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      </section>
    </div>
  );
}
