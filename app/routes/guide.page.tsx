import { Alert, Heading, Link as DsLink, Paragraph, Tag } from "@digdir/designsystemet-react";
import { Fragment } from "react";
import { redirect, useLoaderData } from "react-router";
import { legalNotes } from "../../core/guide/fields.ts";
import { useT } from "../lib/i18n.tsx";
import { listGuidePages, listView, loadGuidePage, readingView } from "../lib/guide-data.ts";
import type { Route } from "./+types/guide.page";

type LegalNote = (typeof legalNotes)[number];

/** Any page of the guide at /veileder/<slug>; a level shows its steps in order with their details. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const found = await loadGuidePage(context, request, params.slug);
  // Youth and guardian pages live elsewhere (/ung, /foresatte): send the visitor there.
  if (found.path !== `/veileder/${found.page.slug}`) throw redirect(found.path);
  const page = readingView(found);
  const steps = found.children.filter((child) => child.page.kind === "step").map(readingView);
  const others = found.children.filter((child) => child.page.kind !== "step").map(listView);
  const needsTools = page.kind === "step" || steps.length > 0;
  const tools = needsTools ? await listGuidePages(context, { kind: "tool" }) : [];
  const parent =
    found.parent && found.parent.page.slug !== "veileder" ? listView(found.parent) : null;
  return {
    page,
    steps,
    others,
    parent,
    toolTitles: Object.fromEntries(tools.map((tool) => [tool.page.slug, tool.version.title])),
  };
}

interface StepView {
  slug: string;
  path: string;
  title: string;
  html: string;
  language: string;
  fields: Record<string, unknown>;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === "string")
    : [];
}

/** What to do, who is responsible, by when, the tools and the legal notes of one step. */
function StepDetails({ step, toolTitles }: { step: StepView; toolTitles: Record<string, string> }) {
  const t = useT();
  const responsible = typeof step.fields.responsible === "string" ? step.fields.responsible : "";
  const deadline = typeof step.fields.deadline === "string" ? step.fields.deadline : "";
  const tools = stringList(step.fields.tools);
  const legal = stringList(step.fields.legal).filter((note): note is LegalNote =>
    (legalNotes as readonly string[]).includes(note),
  );
  return (
    <dl className="details-list">
      {responsible ? (
        <>
          <dt>{t("guide.responsible")}</dt>
          <dd lang={step.language}>{responsible}</dd>
        </>
      ) : null}
      {deadline ? (
        <>
          <dt>{t("guide.deadline")}</dt>
          <dd lang={step.language}>{deadline}</dd>
        </>
      ) : null}
      {tools.length > 0 ? (
        <>
          <dt>{t("guide.tools")}</dt>
          <dd>
            <ul>
              {tools.map((slug) => (
                <li key={slug}>
                  {toolTitles[slug] ? (
                    <DsLink href={`/veileder/${slug}`}>{toolTitles[slug]}</DsLink>
                  ) : (
                    slug
                  )}
                </li>
              ))}
            </ul>
          </dd>
        </>
      ) : null}
      {legal.length > 0 ? (
        <>
          <dt>{t("guide.legal")}</dt>
          <dd>
            <dl>
              {legal.map((note) => (
                <Fragment key={note}>
                  <dt>
                    <strong>{t(`guide.legalNotes.${note}`)}</strong>
                  </dt>
                  <dd>{t(`guide.legalExplain.${note}`)}</dd>
                </Fragment>
              ))}
            </dl>
          </dd>
        </>
      ) : null}
    </dl>
  );
}

export default function GuidePage() {
  const t = useT();
  const { page, steps, others, parent, toolTitles } = useLoaderData<typeof loader>();
  const synonyms = page.kind === "term" ? stringList(page.fields.synonyms) : [];
  return (
    <div className="page">
      <title>{`${page.title} – ${t("guide.indexTitle")} – ${t("app.name")}`}</title>
      <nav aria-label={t("guide.breadcrumbs")} className="breadcrumbs">
        <ol>
          <li>
            <DsLink href="/">{t("guide.home")}</DsLink>
          </li>
          <li>
            <DsLink href="/veileder">{t("guide.navLabel")}</DsLink>
          </li>
          {parent ? (
            <li lang={parent.language}>
              <DsLink href={parent.path}>{parent.title}</DsLink>
            </li>
          ) : null}
          <li aria-current="page" lang={page.language}>
            {page.title}
          </li>
        </ol>
      </nav>
      <div lang={page.language} className="page">
        <Heading level={1} data-size="lg">
          {page.title}
        </Heading>
        {page.verify ? (
          <Alert data-color="warning">
            <Paragraph>
              <Tag data-color="warning">{t("guide.verifyLabel")}</Tag> {t("guide.verifyNotice")}
            </Paragraph>
          </Alert>
        ) : null}
        {page.summary ? <Paragraph data-size="lg">{page.summary}</Paragraph> : null}
        {page.kind === "tool" ? (
          <Paragraph>
            <DsLink href={`${page.path}.pdf`}>{t("pdf.downloadTool")}</DsLink>
          </Paragraph>
        ) : null}
        {synonyms.length > 0 ? (
          <Paragraph>{t("guide.synonyms", { synonyms: synonyms.join(", ") })}</Paragraph>
        ) : null}
        {page.kind === "step" ? <StepDetails step={page} toolTitles={toolTitles} /> : null}
        {/* The only raw HTML on the page: renderMarkdown's output, which never passes raw HTML
            through and refuses unsafe URLs (core/guide/markdown.ts). */}
        <div className="guide-body" dangerouslySetInnerHTML={{ __html: page.html }} />

        {page.kind === "level" ? (
          <section aria-labelledby="steps-heading" className="page">
            <Heading level={2} data-size="md" id="steps-heading">
              {t("guide.stepsHeading")}
            </Heading>
            {steps.length === 0 ? (
              <Paragraph>{t("guide.stepsEmpty")}</Paragraph>
            ) : (
              <ol className="guide-path">
                {steps.map((step, index) => (
                  <li key={step.slug} className="guide-step" lang={step.language}>
                    <Heading level={3} data-size="sm" id={`steg-${step.slug}`}>
                      <span className="visually-hidden">
                        {t("guide.stepNumber", { number: index + 1 })}:{" "}
                      </span>
                      <DsLink href={step.path}>{step.title}</DsLink>
                    </Heading>
                    <Heading level={4} data-size="xs">
                      {t("guide.what")}
                    </Heading>
                    <div className="guide-body" dangerouslySetInnerHTML={{ __html: step.html }} />
                    <StepDetails step={step} toolTitles={toolTitles} />
                  </li>
                ))}
              </ol>
            )}
          </section>
        ) : null}

        {others.length > 0 ? (
          <section aria-labelledby="children-heading" className="page">
            <Heading level={2} data-size="md" id="children-heading">
              {t("guide.childrenHeading")}
            </Heading>
            <ul>
              {others.map((child) => (
                <li key={child.slug} lang={child.language}>
                  <DsLink href={child.path}>{child.title}</DsLink>
                  {child.summary ? ` – ${child.summary}` : null}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </div>
  );
}
