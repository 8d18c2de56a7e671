import "../styles/public-site.css";
import { Heading, Link as DsLink, Paragraph, Tag } from "@digdir/designsystemet-react";
import { Link, useLoaderData } from "react-router";
import { getDirectoryEntry } from "../../core/guide/directory.ts";
import { renderMarkdown } from "../../core/guide/markdown.ts";
import { EntryContact, toEntryView } from "../components/directory-entry.tsx";
import { useT } from "../lib/i18n.tsx";
import { loadOr404 } from "../lib/route-helpers.ts";
import type { Route } from "./+types/directory.entry";

export async function loader({ context, params }: Route.LoaderArgs) {
  const tenant = context.tenant;
  if (!tenant) throw new Response(null, { status: 404 });
  const entry = await loadOr404(() =>
    getDirectoryEntry({
      database: context.services.database,
      tenantId: tenant.id,
      viewer: context.actor,
      entryId: params.entryId,
    }),
  );
  return {
    municipality: tenant.name,
    entry: toEntryView(entry),
    // Rendered on the server with raw HTML off and unsafe URLs refused (core/guide/markdown.ts).
    descriptionHtml: entry.description ? renderMarkdown(entry.description) : "",
  };
}

export default function DirectoryEntryPage() {
  const t = useT();
  const { municipality, entry, descriptionHtml } = useLoaderData<typeof loader>();
  return (
    <div className="page content-body">
      <title>{`${entry.name} – ${t("directory.public.title")} – ${municipality}`}</title>
      <Paragraph>
        <DsLink asChild>
          <Link to="/hvem-kan-hjelpe">{t("directory.public.back")}</Link>
        </DsLink>
      </Paragraph>
      <Heading level={1} data-size="lg">
        {entry.name}
      </Heading>
      {!entry.public ? (
        <Paragraph>
          <Tag data-color="warning">{t("directory.public.internal")}</Tag>
        </Paragraph>
      ) : null}
      {!entry.active ? (
        <Paragraph>
          <Tag data-color="neutral">{t("directory.public.inactive")}</Tag>
        </Paragraph>
      ) : null}
      {entry.offers ? (
        <section aria-labelledby="offers-heading">
          <Heading level={2} data-size="sm" id="offers-heading">
            {t("directory.public.offers")}
          </Heading>
          <Paragraph>{entry.offers}</Paragraph>
        </section>
      ) : null}
      {descriptionHtml ? (
        <div className="markdown" dangerouslySetInnerHTML={{ __html: descriptionHtml }} />
      ) : null}
      <Paragraph>
        <strong>{t("directory.public.ages")}:</strong>{" "}
        {t("directory.public.ageRange", { from: entry.ageFrom, to: entry.ageTo })}
      </Paragraph>
      {entry.topics.length > 0 ? (
        <Paragraph>
          <strong>{t("directory.public.topicsLabel")}:</strong>{" "}
          {entry.topics.map((topic) => t(`guide.topic.${topic}`)).join(", ")}
        </Paragraph>
      ) : null}
      {entry.howToRefer ? (
        <section aria-labelledby="refer-heading">
          <Heading level={2} data-size="sm" id="refer-heading">
            {t("directory.public.howToRefer")}
          </Heading>
          <Paragraph>{entry.howToRefer}</Paragraph>
        </section>
      ) : null}
      <section aria-labelledby="contact-heading">
        <Heading level={2} data-size="sm" id="contact-heading">
          {t("directory.public.contact")}
        </Heading>
        <EntryContact entry={entry} />
      </section>
    </div>
  );
}
