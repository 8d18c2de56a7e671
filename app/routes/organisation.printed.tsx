import { Alert, Heading, Link as DsLink, Paragraph, Table } from "@digdir/designsystemet-react";
import { Link, data, useLoaderData } from "react-router";
import { can } from "../../core/access/policy.ts";
import { canPrint, printedOverview } from "../../core/organisation/printed.ts";
import { displayAddress } from "../../core/organisation/printed-rules.ts";
import { osloDate } from "../../core/platform/dates.ts";
import { formatDay, useLanguage } from "../components/implementation-units.tsx";
import { TableScroll } from "../components/implementation-plan-ui.tsx";
import { OrganisationPage } from "../components/organisation-page.tsx";
import { useT } from "../lib/i18n.tsx";
import { loadOr404, requireStaff } from "../lib/route-helpers.ts";
import type { Route } from "./+types/organisation.printed";

const P = "organisation.printed";
const ROUTINE_PATH = "/veileder/rutine-trykksaker";

/**
 * /organisering/trykksaker (implementation.view or guide.edit): the A3 poster and the two A5
 * leaflets drawn from the published guide, with what each holds, from which published versions,
 * the address they print, and a download link each. The read is audited.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requireStaff(context, request);
  if (!canPrint(actor)) throw data({ messageKey: "errors.forbidden" }, { status: 403 });
  const overview = await loadOr404(() =>
    printedOverview({
      database: context.services.database,
      actor,
      meta: context.meta,
      language: context.language,
      publicUrl: context.services.config.publicUrl,
      requestUrl: request.url,
    }),
  );
  return {
    ...overview,
    canSeeHub: can(actor, "implementation.view"),
    canEditGuide: can(actor, "guide.edit"),
  };
}

export default function PrintedMaterialPage() {
  const t = useT();
  const language = useLanguage();
  const data = useLoaderData<typeof loader>();
  const day = (iso: string) => formatDay(osloDate(new Date(iso)), language);
  return (
    <OrganisationPage
      className="printed-area"
      heading={t(`${P}.title`)}
      back={data.canSeeHub ? undefined : { to: "/", text: t(`${P}.home`) }}
      help={{ to: ROUTINE_PATH, text: t(`${P}.help`) }}
    >
      <Paragraph>{t(`${P}.intro`)}</Paragraph>
      <Paragraph>{t(`${P}.publishedOnly`)}</Paragraph>
      <Paragraph>
        {data.language === "nb"
          ? t(`${P}.language.nb`)
          : t(`${P}.language.other`, { language: t(`${P}.languageName.${data.language}`) })}
      </Paragraph>

      <section aria-labelledby="printed-address-heading">
        <Heading level={2} data-size="sm" id="printed-address-heading">
          {t(`${P}.address.heading`)}
        </Heading>
        <Paragraph>{t(`${P}.address.intro`)}</Paragraph>
        <ul>
          <li>
            {t(`${P}.address.staff`)}:{" "}
            <DsLink href={data.addresses.staff}>{displayAddress(data.addresses.staff)}</DsLink>
          </li>
          <li>
            {t(`${P}.address.guardians`)}:{" "}
            <DsLink href={data.addresses.guardians}>
              {displayAddress(data.addresses.guardians)}
            </DsLink>
          </li>
        </ul>
        <Paragraph data-size="sm">
          {data.addressFrom === "config"
            ? t(`${P}.address.fromConfig`)
            : t(`${P}.address.fromRequest`)}
        </Paragraph>
      </section>

      {data.documents.map((document) => {
        const titleText = t(`${P}.documents.${document.document}.title`);
        const headingId = `printed-${document.document}-heading`;
        return (
          <section key={document.document} aria-labelledby={headingId}>
            <Heading level={2} data-size="sm" id={headingId}>
              {titleText}
            </Heading>
            <Paragraph>{t(`${P}.documents.${document.document}.description`)}</Paragraph>
            {document.missingKey ? (
              <Alert data-color="warning">
                <Paragraph>{t(document.missingKey)}</Paragraph>
                {data.canEditGuide ? (
                  <Paragraph>
                    <DsLink asChild>
                      <Link to="/admin/innhold">{t(`${P}.editGuide`)}</Link>
                    </DsLink>
                  </Paragraph>
                ) : null}
              </Alert>
            ) : (
              <>
                {document.lastPublished ? (
                  <Paragraph>
                    {t(`${P}.lastPublished`, { date: day(document.lastPublished) })}
                  </Paragraph>
                ) : null}
                <Paragraph>
                  <DsLink href={document.href} download={document.file}>
                    {t(`${P}.download`, { title: titleText })} (
                    {t(`${P}.fileHint`, { paper: document.paper, count: document.pages })})
                  </DsLink>
                </Paragraph>
                <Paragraph data-size="sm">
                  {t(`${P}.documents.${document.document}.print`)}
                </Paragraph>
                <details>
                  <summary>{t(`${P}.sources.summary`, { count: document.sources.length })}</summary>
                  <TableScroll label={t(`${P}.sources.caption`, { title: titleText })}>
                    <Table>
                      <caption>{t(`${P}.sources.caption`, { title: titleText })}</caption>
                      <Table.Head>
                        <Table.Row>
                          <Table.HeaderCell>{t(`${P}.sources.page`)}</Table.HeaderCell>
                          <Table.HeaderCell>{t(`${P}.sources.kind`)}</Table.HeaderCell>
                          <Table.HeaderCell>{t(`${P}.sources.version`)}</Table.HeaderCell>
                          <Table.HeaderCell>{t(`${P}.sources.published`)}</Table.HeaderCell>
                        </Table.Row>
                      </Table.Head>
                      <Table.Body>
                        {document.sources.map((source) => (
                          <Table.Row key={source.id}>
                            <Table.HeaderCell scope="row">{source.title}</Table.HeaderCell>
                            <Table.Cell>{t(`${P}.kind.${source.kind}`)}</Table.Cell>
                            <Table.Cell>{source.version}</Table.Cell>
                            <Table.Cell>
                              {source.publishedAt ? day(source.publishedAt) : ""}
                            </Table.Cell>
                          </Table.Row>
                        ))}
                      </Table.Body>
                    </Table>
                  </TableScroll>
                </details>
              </>
            )}
          </section>
        );
      })}
    </OrganisationPage>
  );
}
