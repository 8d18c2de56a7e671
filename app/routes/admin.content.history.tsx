import { Button, Heading, Link as DsLink, Paragraph, Table } from "@digdir/designsystemet-react";
import { Form, Link, useLoaderData, useRouteLoaderData } from "react-router";
import { diffVersions, getPageForEditing, listVersions } from "../../core/guide/content.ts";
import { loadEditorPeople } from "../../core/guide/editor.ts";
import { DiffView } from "../components/content-editor.tsx";
import { SelectField } from "../components/forms.tsx";
import { formatDateTime } from "../lib/format-date.ts";
import { useT } from "../lib/i18n.tsx";
import { loadOr404, requirePermission } from "../lib/route-helpers.ts";
import type { RootData } from "../root.tsx";
import type { Route } from "./+types/admin.content.history";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "guide.edit");
  const database = context.services.database;
  const editable = await loadOr404(() =>
    getPageForEditing({ database, actor, pageId: params.pageId }),
  );
  const versions = await listVersions({ database, actor, pageId: params.pageId });
  const people = await loadEditorPeople({
    database,
    actor,
    userIds: versions.flatMap((version) => [
      version.createdBy,
      version.submittedBy,
      version.approvedBy,
    ]),
  });
  const nameOf = (id: string | null) => (id ? (people.names[id] ?? null) : null);
  const iso = (date: Date | null) => (date ? date.toISOString() : null);

  // Versions are chosen by number ("?fra=1&til=3"): readable, and stable for a page.
  const url = new URL(request.url);
  const byNumber = (name: string) => {
    const number = Number(url.searchParams.get(name));
    return versions.find((version) => version.number === number) ?? null;
  };
  const from = byNumber("fra");
  const to = byNumber("til");
  const asked = url.searchParams.has("fra") || url.searchParams.has("til");
  const diff =
    from && to && from.id !== to.id
      ? await diffVersions({ database, actor, a: from.id, b: to.id })
      : null;
  const current = editable.draft ?? editable.published;
  return {
    pageId: editable.page.id,
    title: current?.title ?? editable.page.slug,
    versions: versions.map((version) => ({
      id: version.id,
      number: version.number,
      state: version.state,
      changeNote: version.changeNote,
      author: nameOf(version.createdBy),
      createdAt: iso(version.createdAt),
      submittedBy: nameOf(version.submittedBy),
      submittedAt: iso(version.submittedAt),
      approver: nameOf(version.approvedBy),
      approvedAt: iso(version.approvedAt),
      publishedAt: iso(version.publishedAt),
    })),
    // Defaults: the newest version against the one before it.
    from: from?.number ?? versions[1]?.number ?? versions[0]?.number ?? null,
    to: to?.number ?? versions[0]?.number ?? null,
    compare: from && to ? { from: from.number, to: to.number, same: from.id === to.id } : null,
    invalidChoice: asked && (!from || !to),
    diff,
  };
}

const sections = ["title", "summary", "body", "fields"] as const;

export default function ContentHistoryPage() {
  const t = useT();
  const loaded = useLoaderData<typeof loader>();
  const root = useRouteLoaderData<RootData>("root");
  const language = root?.language ?? "nb";
  const date = (value: string | null) => (value ? formatDateTime(value, language) : "–");
  const by = (name: string | null, at: string | null) =>
    name && at ? t("editor.byAt", { name, date: date(at) }) : at ? date(at) : "–";
  const options = loaded.versions.map((version) => ({
    value: String(version.number),
    label: t("editor.versionOption", {
      number: version.number,
      state: t(`content.state.${version.state}`),
    }),
  }));
  const { diff, compare } = loaded;

  return (
    <div className="page">
      <title>{`${t("editor.historyTitle", { title: loaded.title })} – ${t("app.name")}`}</title>
      <Paragraph>
        <DsLink asChild>
          <Link to={`/admin/innhold/${loaded.pageId}`}>{t("editor.backToEditor")}</Link>
        </DsLink>
      </Paragraph>
      <Heading level={1} data-size="lg">
        {t("editor.historyTitle", { title: loaded.title })}
      </Heading>
      <Paragraph>{t("editor.historyIntro")}</Paragraph>

      <div className="table-wrapper">
        <Table>
          <caption className="visually-hidden">
            {t("editor.versionCount", { count: loaded.versions.length })}
          </caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t("editor.colNumber")}</Table.HeaderCell>
              <Table.HeaderCell>{t("editor.colState")}</Table.HeaderCell>
              <Table.HeaderCell>{t("editor.colWrittenBy")}</Table.HeaderCell>
              <Table.HeaderCell>{t("editor.colSubmitted")}</Table.HeaderCell>
              <Table.HeaderCell>{t("editor.colApprovedBy")}</Table.HeaderCell>
              <Table.HeaderCell>{t("editor.colPublished")}</Table.HeaderCell>
              <Table.HeaderCell>{t("editor.colChangeNote")}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {loaded.versions.map((version) => (
              <Table.Row key={version.id}>
                <Table.Cell>{version.number}</Table.Cell>
                <Table.Cell>{t(`content.state.${version.state}`)}</Table.Cell>
                <Table.Cell>{by(version.author, version.createdAt)}</Table.Cell>
                <Table.Cell>{by(version.submittedBy, version.submittedAt)}</Table.Cell>
                <Table.Cell>{by(version.approver, version.approvedAt)}</Table.Cell>
                <Table.Cell>{date(version.publishedAt)}</Table.Cell>
                <Table.Cell>{version.changeNote || "–"}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </div>

      <section aria-labelledby="sammenlign-heading" className="page">
        <Heading level={2} data-size="md" id="sammenlign-heading">
          {t("editor.compareHeading")}
        </Heading>
        {loaded.versions.length < 2 ? (
          <Paragraph>{t("editor.compareOnlyOne")}</Paragraph>
        ) : (
          <Form method="get" className="filter-form">
            <div className="filter-form__row">
              <SelectField
                name="fra"
                label={t("editor.compareFrom")}
                options={options}
                defaultValue={loaded.from === null ? undefined : String(loaded.from)}
              />
              <SelectField
                name="til"
                label={t("editor.compareTo")}
                options={options}
                defaultValue={loaded.to === null ? undefined : String(loaded.to)}
              />
              <Button type="submit" variant="secondary">
                {t("editor.compareSubmit")}
              </Button>
            </div>
          </Form>
        )}
        {loaded.invalidChoice ? <Paragraph>{t("editor.compareInvalid")}</Paragraph> : null}
        {compare?.same ? <Paragraph>{t("editor.compareSame")}</Paragraph> : null}
      </section>

      {diff && compare ? (
        <section aria-labelledby="endringer-heading" className="page">
          <Heading level={2} data-size="md" id="endringer-heading">
            {t("editor.diffHeading", { from: compare.from, to: compare.to })}
          </Heading>
          <Paragraph>{t("editor.diffLegend")}</Paragraph>
          {sections.map((section) => {
            const parts = diff[section];
            const changed = parts.some((part) => part.kind !== "unchanged");
            return (
              <section key={section} aria-labelledby={`diff-${section}`} className="diff-section">
                <Heading level={3} data-size="xs" id={`diff-${section}`}>
                  {t(`editor.diffSection.${section}`)}
                </Heading>
                {changed ? (
                  <DiffView parts={parts} block={section === "body" || section === "fields"} />
                ) : (
                  <Paragraph>{t("editor.diffNoChange")}</Paragraph>
                )}
              </section>
            );
          })}
        </section>
      ) : null}
    </div>
  );
}
