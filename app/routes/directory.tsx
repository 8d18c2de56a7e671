import "../styles/public-site.css";
import { Button, Heading, Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { Form, Link, useLoaderData } from "react-router";
import { filtersFromSearchParams, listDirectoryEntries } from "../../core/guide/directory.ts";
import { topics } from "../../core/guide/kinds.ts";
import { EntryCard, toEntryView } from "../components/directory-entry.tsx";
import { CheckboxGroup, TextField } from "../components/forms.tsx";
import { useT } from "../lib/i18n.tsx";
import type { Route } from "./+types/directory";

export async function loader({ context, request }: Route.LoaderArgs) {
  const tenant = context.tenant;
  if (!tenant) throw new Response(null, { status: 404 });
  const filters = filtersFromSearchParams(new URL(request.url).searchParams);
  const entries = await listDirectoryEntries({
    database: context.services.database,
    tenantId: tenant.id,
    viewer: context.actor,
    filters,
  });
  return {
    municipality: tenant.name,
    entries: entries.map(toEntryView),
    form: {
      q: filters.query ?? "",
      topics: [...(filters.topics ?? [])] as string[],
      age: filters.ageText,
      ageInvalid: filters.ageInvalid,
    },
    searched: Boolean(filters.query || filters.topics?.length || filters.ageText),
  };
}

export default function DirectoryPage() {
  const t = useT();
  const { municipality, entries, form, searched } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <title>{`${t("directory.public.title")} – ${municipality}`}</title>
      <Heading level={1} data-size="lg">
        {t("directory.public.title")}
      </Heading>
      <Paragraph>{t("directory.public.intro", { municipality })}</Paragraph>

      <section aria-labelledby="search-heading">
        {/* A GET form: the search is a plain link that works without JavaScript and can be shared. */}
        <Form
          method="get"
          className="directory-search"
          role="search"
          aria-labelledby="search-heading"
        >
          <Heading level={2} data-size="sm" id="search-heading">
            {t("directory.public.searchHeading")}
          </Heading>
          <TextField
            name="q"
            type="search"
            label={t("directory.public.query")}
            help={t("directory.public.queryHelp")}
            maxLength={200}
            defaultValue={form.q}
          />
          <div className="directory-search__topics">
            <CheckboxGroup
              name="tema"
              legend={t("directory.public.topics")}
              options={topics.map((topic) => ({
                value: topic,
                label: t(`guide.topic.${topic}`),
              }))}
              checked={form.topics}
            />
          </div>
          <TextField
            name="alder"
            type="number"
            min={0}
            max={24}
            label={t("directory.public.age")}
            help={t("directory.public.ageHelp")}
            defaultValue={form.age}
            error={form.ageInvalid ? "directory.public.ageInvalid" : undefined}
          />
          <div className="form__actions">
            <Button type="submit">{t("directory.public.submit")}</Button>
            {searched ? (
              <DsLink asChild>
                <Link to="/hvem-kan-hjelpe">{t("directory.public.reset")}</Link>
              </DsLink>
            ) : null}
          </div>
        </Form>
      </section>

      <section aria-labelledby="results-heading" className="page">
        <Heading level={2} data-size="md" id="results-heading">
          {t("directory.public.resultsHeading")}
        </Heading>
        <Paragraph role="status">
          {t("directory.public.results", { count: entries.length })}
        </Paragraph>
        {entries.length === 0 ? (
          <Paragraph>{t("directory.public.none")}</Paragraph>
        ) : (
          <ul className="entry-list">
            {entries.map((entry) => (
              <li key={entry.id}>
                <EntryCard entry={entry} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
