import { Heading, Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { useT } from "../lib/i18n.tsx";

export interface GuideListItem {
  slug: string;
  path: string;
  title: string;
  summary: string;
  language: string;
}

/** An index page of the guide (routines, toolbox): breadcrumbs, heading, intro and the pages. */
export function GuideIndexPage(props: {
  titleKey: string;
  introKey: string;
  emptyKey: string;
  items: GuideListItem[];
}) {
  const t = useT();
  return (
    <div className="page">
      <title>{`${t(props.titleKey)} – ${t("app.name")}`}</title>
      <nav aria-label={t("guide.breadcrumbs")} className="breadcrumbs">
        <ol>
          <li>
            <DsLink href="/">{t("guide.home")}</DsLink>
          </li>
          <li>
            <DsLink href="/veileder">{t("guide.navLabel")}</DsLink>
          </li>
          <li aria-current="page">{t(props.titleKey)}</li>
        </ol>
      </nav>
      <Heading level={1} data-size="lg">
        {t(props.titleKey)}
      </Heading>
      <Paragraph>{t(props.introKey)}</Paragraph>
      {props.items.length === 0 ? (
        <Paragraph>{t(props.emptyKey)}</Paragraph>
      ) : (
        <ul className="page guide-list">
          {props.items.map((item) => (
            <li key={item.slug} lang={item.language}>
              <Heading level={2} data-size="xs">
                <DsLink href={item.path}>{item.title}</DsLink>
              </Heading>
              {item.summary ? <Paragraph>{item.summary}</Paragraph> : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
