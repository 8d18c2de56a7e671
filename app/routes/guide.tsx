import { Card, Heading, Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { useLoaderData } from "react-router";
import { useT } from "../lib/i18n.tsx";
import { listGuidePages, listView } from "../lib/guide-data.ts";
import type { Route } from "./+types/guide";

/**
 * "Fra uro til handling": the four BTI levels as a path, level 0 first, and the ways into
 * routines, the toolbox and the glossary. Anonymous visitors see the public pages only.
 */
export async function loader({ context }: Route.LoaderArgs) {
  const staff = context.actor?.kind === "staff" && context.permissions.includes("guide.read");
  const levels = await listGuidePages(context, { kind: "level" });
  const publicPages = staff
    ? []
    : await listGuidePages(context, { kind: ["model", "article", "routine", "tool"] });
  return {
    staff,
    levels: levels.map(listView),
    publicPages: publicPages.map(listView),
  };
}

export default function GuideIndex() {
  const t = useT();
  const { staff, levels, publicPages } = useLoaderData<typeof loader>();
  const more = [
    ...(staff
      ? [{ to: "/bekymring", title: t("guide.worryLink"), text: t("guide.worryText") }]
      : []),
    { to: "/veileder/rutiner", title: t("guide.routinesLink"), text: t("guide.routinesText") },
    { to: "/veileder/verktoy", title: t("guide.toolsLink"), text: t("guide.toolsText") },
    { to: "/veileder/ordliste", title: t("guide.glossaryLink"), text: t("guide.glossaryText") },
  ];
  return (
    <div className="page">
      <title>{`${t("guide.indexTitle")} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {t("guide.indexTitle")}
      </Heading>
      <Paragraph data-size="lg">{t("guide.indexIntro")}</Paragraph>
      <Paragraph>
        <DsLink href="/veileder.pdf">{t("pdf.download")}</DsLink>
      </Paragraph>
      {staff ? null : (
        <Paragraph>
          {t("guide.anonymousIntro")}{" "}
          <DsLink href="/logg-inn?returnTo=%2Fveileder">{t("guide.loginForMore")}</DsLink>
        </Paragraph>
      )}

      {staff || levels.length > 0 ? (
        <section aria-labelledby="levels-heading" className="page">
          <Heading level={2} data-size="md" id="levels-heading">
            {t("guide.levelsHeading")}
          </Heading>
          {levels.length === 0 ? (
            <Paragraph>{t("guide.levelsEmpty")}</Paragraph>
          ) : (
            <ol className="guide-path">
              {levels.map((level) => (
                <li key={level.slug} lang={level.language}>
                  <Heading level={3} data-size="sm">
                    <DsLink href={level.path}>{level.title}</DsLink>
                  </Heading>
                  {level.summary ? <Paragraph>{level.summary}</Paragraph> : null}
                </li>
              ))}
            </ol>
          )}
        </section>
      ) : null}

      {publicPages.length > 0 ? (
        <section aria-labelledby="public-heading" className="page">
          <Heading level={2} data-size="md" id="public-heading">
            {t("guide.publicPagesHeading")}
          </Heading>
          <ul>
            {publicPages.map((page) => (
              <li key={page.slug} lang={page.language}>
                <DsLink href={page.path}>{page.title}</DsLink>
                {page.summary ? ` – ${page.summary}` : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="more-heading" className="page">
        <Heading level={2} data-size="md" id="more-heading">
          {t("guide.moreHeading")}
        </Heading>
        <ul className="cards">
          {more.map((item) => (
            <li key={item.to}>
              <Card data-color="neutral">
                <Heading level={3} data-size="xs">
                  <DsLink href={item.to}>{item.title}</DsLink>
                </Heading>
                <Paragraph>{item.text}</Paragraph>
              </Card>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
