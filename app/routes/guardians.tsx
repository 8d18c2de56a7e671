import "../styles/public-site.css";
import { Heading, Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { Link, useLoaderData } from "react-router";
import { useT } from "../lib/i18n.tsx";
import { listPages } from "../lib/public-content.ts";
import type { Route } from "./+types/guardians";

export async function loader({ context }: Route.LoaderArgs) {
  const pages = await listPages(context, "guardian");
  return { municipality: context.tenant?.name ?? "", pages };
}

export default function GuardiansPage() {
  const t = useT();
  const { municipality, pages } = useLoaderData<typeof loader>();
  return (
    <div className="page content-body">
      <title>{`${t("publicSite.guardiansTitle")} – ${municipality}`}</title>
      <Heading level={1} data-size="lg">
        {t("publicSite.guardiansTitle")}
      </Heading>
      <Paragraph>{t("publicSite.guardiansIntro")}</Paragraph>
      {pages.length === 0 ? (
        <Paragraph>{t("publicSite.guardiansEmpty")}</Paragraph>
      ) : (
        <ul className="entry-list">
          {pages.map((page) => (
            <li key={page.slug} className="entry">
              <Heading level={2} data-size="sm">
                <DsLink asChild>
                  <Link to={page.path}>{page.title}</Link>
                </DsLink>
              </Heading>
              {page.summary ? <Paragraph>{page.summary}</Paragraph> : null}
            </li>
          ))}
        </ul>
      )}
      <Paragraph>
        <DsLink asChild>
          <Link to="/hvem-kan-hjelpe">{t("publicSite.helpLink")}</Link>
        </DsLink>
      </Paragraph>
    </div>
  );
}
