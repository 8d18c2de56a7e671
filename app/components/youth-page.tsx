import { Heading, Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { Link } from "react-router";
import { useT } from "../lib/i18n.tsx";
import type { YouthPageData } from "../lib/youth.ts";
import { EntryCard } from "./directory-entry.tsx";

/** A page of "Ung i <kommune>": plain text, large tap targets, the emergency numbers always one tap away. */
export function YouthPage({ data }: { data: YouthPageData }) {
  const t = useT();
  const { page, municipality } = data;
  const portal = t("youth.portalTitle", { municipality });
  return (
    <div className="page youth content-body">
      <title>{data.isStart ? portal : `${page.title} – ${portal}`}</title>
      {!data.isStart ? (
        <Paragraph>
          <DsLink asChild className="youth-back">
            <Link to="/ung">{t("youth.backToStart")}</Link>
          </DsLink>
        </Paragraph>
      ) : null}
      {!data.isEmergency ? (
        <Link to={data.emergencyPath} className="youth-emergency">
          {t("youth.emergencyLinkLong")}
        </Link>
      ) : null}
      <Heading level={1} data-size="lg">
        {data.isStart ? portal : page.title}
      </Heading>
      {page.summary ? <Paragraph data-size="lg">{page.summary}</Paragraph> : null}
      {data.topicPages.length > 0 ? (
        <nav aria-labelledby="youth-topics-heading">
          <Heading level={2} data-size="md" id="youth-topics-heading">
            {t("youth.topicsHeading")}
          </Heading>
          <ul className="youth-topics">
            {data.topicPages.map((topic) => (
              <li key={topic.slug}>
                <Link to={topic.path}>{topic.title}</Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <div className="markdown" dangerouslySetInnerHTML={{ __html: page.bodyHtml }} />
      {data.help ? (
        <section aria-labelledby="youth-help-heading" className="page">
          <Heading level={2} data-size="md" id="youth-help-heading">
            {t("youth.helpHeading", { municipality })}
          </Heading>
          {data.help.length === 0 ? (
            <Paragraph>{t("youth.helpNone")}</Paragraph>
          ) : (
            <ul className="entry-list">
              {data.help.map((entry) => (
                <li key={entry.id}>
                  <EntryCard entry={entry} />
                </li>
              ))}
            </ul>
          )}
          <Paragraph>
            <DsLink asChild className="youth-back">
              <Link to="/hvem-kan-hjelpe">{t("youth.allHelp")}</Link>
            </DsLink>
          </Paragraph>
        </section>
      ) : null}
    </div>
  );
}
