import { Heading, Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { Fragment } from "react";
import { useLoaderData } from "react-router";
import { useT } from "../lib/i18n.tsx";
import { listGuidePages, readingView } from "../lib/guide-data.ts";
import type { Route } from "./+types/guide.glossary";

/** The glossary: every term alphabetically, each with an anchor named by its slug (/veileder/ordliste#<slug>). */
export async function loader({ context }: Route.LoaderArgs) {
  const terms = (await listGuidePages(context, { kind: "term" })).map(readingView);
  const collator = new Intl.Collator("nb");
  terms.sort((a, b) => collator.compare(a.title, b.title));
  return { terms };
}

function initial(title: string): string {
  return title.charAt(0).toLocaleUpperCase("nb");
}

export default function Glossary() {
  const t = useT();
  const { terms } = useLoaderData<typeof loader>();
  const letters = [...new Set(terms.map((term) => initial(term.title)))];
  return (
    <div className="page">
      <title>{`${t("guide.glossaryTitle")} – ${t("app.name")}`}</title>
      <nav aria-label={t("guide.breadcrumbs")} className="breadcrumbs">
        <ol>
          <li>
            <DsLink href="/">{t("guide.home")}</DsLink>
          </li>
          <li>
            <DsLink href="/veileder">{t("guide.navLabel")}</DsLink>
          </li>
          <li aria-current="page">{t("guide.glossaryTitle")}</li>
        </ol>
      </nav>
      <Heading level={1} data-size="lg">
        {t("guide.glossaryTitle")}
      </Heading>
      <Paragraph>{t("guide.glossaryIntro")}</Paragraph>
      {terms.length === 0 ? (
        <Paragraph>{t("guide.glossaryEmpty")}</Paragraph>
      ) : (
        <>
          <nav aria-label={t("guide.glossaryLetters")} className="breadcrumbs">
            <ul>
              {letters.map((letter) => (
                <li key={letter}>
                  <DsLink href={`#bokstav-${encodeURIComponent(letter)}`}>{letter}</DsLink>
                </li>
              ))}
            </ul>
          </nav>
          {letters.map((letter) => (
            <section key={letter} aria-labelledby={`bokstav-${letter}`} className="page">
              <Heading level={2} data-size="md" id={`bokstav-${letter}`}>
                {letter}
              </Heading>
              <dl className="glossary">
                {terms
                  .filter((term) => initial(term.title) === letter)
                  .map((term) => (
                    <Fragment key={term.slug}>
                      <dt id={term.slug} lang={term.language}>
                        <strong>{term.title}</strong>
                      </dt>
                      <dd lang={term.language}>
                        {term.summary ? <Paragraph>{term.summary}</Paragraph> : null}
                        <div
                          className="guide-body"
                          // renderMarkdown's sanitised output only (core/guide/markdown.ts).
                          dangerouslySetInnerHTML={{ __html: term.html }}
                        />
                      </dd>
                    </Fragment>
                  ))}
              </dl>
            </section>
          ))}
        </>
      )}
    </div>
  );
}
