import "../styles/public-site.css";
import { Heading, Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { Link, useLoaderData } from "react-router";
import { useT } from "../lib/i18n.tsx";
import { loadPage } from "../lib/public-content.ts";
import type { Route } from "./+types/guardians.page";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const page = await loadPage(context, request, "guardian", params.slug);
  return { municipality: context.tenant?.name ?? "", page };
}

export default function GuardianPage() {
  const t = useT();
  const { municipality, page } = useLoaderData<typeof loader>();
  return (
    <div className="page content-body">
      <title>{`${page.title} – ${t("publicSite.guardiansTitle")} – ${municipality}`}</title>
      <Paragraph>
        <DsLink asChild>
          <Link to="/foresatte">{t("publicSite.backToGuardians")}</Link>
        </DsLink>
      </Paragraph>
      <Heading level={1} data-size="lg">
        {page.title}
      </Heading>
      {page.summary ? <Paragraph data-size="lg">{page.summary}</Paragraph> : null}
      <div className="markdown" dangerouslySetInnerHTML={{ __html: page.bodyHtml }} />
      {page.children.length > 0 ? (
        <ul className="entry-list">
          {page.children.map((child) => (
            <li key={child.slug}>
              <DsLink asChild>
                <Link to={child.path}>{child.title}</Link>
              </DsLink>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
