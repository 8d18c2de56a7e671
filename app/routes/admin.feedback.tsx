import { Button, Heading, Link as DsLink, Paragraph, Table } from "@digdir/designsystemet-react";
import { Form, Link, useLoaderData, useRouteLoaderData } from "react-router";
import {
  feedbackNoTheme,
  feedbackPathMax,
  feedbackSorts,
  feedbackThemeMax,
  type FeedbackSort,
} from "../../core/guide/feedback-form.ts";
import { listFeedback, type FeedbackItem } from "../../core/guide/feedback.ts";
import { feedbackKinds, feedbackStates } from "../../core/guide/kinds.ts";
import { StateTag } from "../components/feedback.tsx";
import { SelectField } from "../components/forms.tsx";
import { formatDateTime } from "../lib/format-date.ts";
import { useT } from "../lib/i18n.tsx";
import { requirePermission } from "../lib/route-helpers.ts";
import type { RootData } from "../root.tsx";
import type { Route } from "./+types/admin.feedback";

function pick<T extends string>(options: readonly T[], value: string | null): T | undefined {
  return options.find((option) => option === value);
}

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "guide.edit");
  const url = new URL(request.url);
  // Unknown values in the address are ignored rather than answered with an error page.
  const filter = {
    state: pick(feedbackStates, url.searchParams.get("status")),
    kind: pick(feedbackKinds, url.searchParams.get("type")),
    sort: pick(feedbackSorts, url.searchParams.get("sortering")) ?? "newest",
    theme: url.searchParams.get("tema")?.trim().slice(0, feedbackThemeMax) || undefined,
    page: url.searchParams.get("side")?.trim().slice(0, feedbackPathMax) || undefined,
  };
  const inbox = await listFeedback({ database: context.services.database, actor, filter });
  return { ...inbox, filter };
}

function excerpt(text: string): string {
  return text.length > 140 ? `${text.slice(0, 140)}…` : text;
}

function FeedbackTable({ items, caption }: { items: FeedbackItem[]; caption: string }) {
  const t = useT();
  const language = useRouteLoaderData<RootData>("root")?.language ?? "nb";
  return (
    <div className="table-wrapper">
      <Table>
        <caption className="visually-hidden">{caption}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{t("feedback.inbox.received")}</Table.HeaderCell>
            <Table.HeaderCell>{t("feedback.inbox.page")}</Table.HeaderCell>
            <Table.HeaderCell>{t("feedback.inbox.kind")}</Table.HeaderCell>
            <Table.HeaderCell>{t("feedback.inbox.state")}</Table.HeaderCell>
            <Table.HeaderCell>{t("feedback.inbox.text")}</Table.HeaderCell>
            <Table.HeaderCell>{t("feedback.inbox.actions")}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {items.map((item) => {
            const received = formatDateTime(item.createdAt, language);
            return (
              <Table.Row key={item.id}>
                <Table.Cell>{received}</Table.Cell>
                <Table.Cell>
                  {item.pageTitle ? (
                    <>
                      {item.pageTitle}
                      <br />
                    </>
                  ) : null}
                  <code>{item.pagePath}</code>
                </Table.Cell>
                <Table.Cell>
                  {t(`feedback.kind.${item.kind}`)}
                  {item.theme ? (
                    <Paragraph data-size="xs">
                      {t("evaluation.reports.feedback.themeGroup", { theme: item.theme })}
                    </Paragraph>
                  ) : null}
                </Table.Cell>
                <Table.Cell>
                  <StateTag state={item.state} />
                  {item.hasEmail ? (
                    <Paragraph data-size="xs">{t("feedback.inbox.hasEmail")}</Paragraph>
                  ) : null}
                </Table.Cell>
                <Table.Cell>{excerpt(item.text)}</Table.Cell>
                <Table.Cell>
                  <DsLink asChild>
                    <Link
                      to={`/admin/tilbakemeldinger/${item.id}`}
                      aria-label={t("feedback.inbox.openNamed", { date: received })}
                    >
                      {t("feedback.inbox.open")}
                    </Link>
                  </DsLink>
                </Table.Cell>
              </Table.Row>
            );
          })}
        </Table.Body>
      </Table>
    </div>
  );
}

function groupBy(
  items: FeedbackItem[],
  keyOf: (item: FeedbackItem) => string,
): [string, FeedbackItem[]][] {
  const groups = new Map<string, FeedbackItem[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key) ?? [];
    group.push(item);
    groups.set(key, group);
  }
  return [...groups.entries()];
}

export default function FeedbackInboxPage() {
  const t = useT();
  const { items, counts, filter, themes, pages } = useLoaderData<typeof loader>();
  const sortLabels: Record<FeedbackSort, string> = {
    newest: t("feedback.inbox.sortNewest"),
    oldest: t("feedback.inbox.sortOldest"),
    page: t("feedback.inbox.sortPage"),
    theme: t("evaluation.reports.feedback.sortTheme"),
  };
  const noTheme = t("evaluation.reports.feedback.themeNone");
  const countText = t("feedback.inbox.count", { count: items.length });
  return (
    <div className="page">
      <title>{`${t("feedback.inbox.title")} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {t("feedback.inbox.title")}
      </Heading>
      <Paragraph>{t("feedback.inbox.intro")}</Paragraph>
      <Paragraph>
        <DsLink asChild>
          <Link to="/evaluering/rapporter?type=revision">
            {t("evaluation.reports.feedback.revisionReportLink")}
          </Link>
        </DsLink>
      </Paragraph>

      <section aria-labelledby="filter-heading">
        <Heading level={2} data-size="xs" id="filter-heading">
          {t("feedback.inbox.filterHeading")}
        </Heading>
        <Form method="get" className="feedback-filter">
          <SelectField
            name="status"
            label={t("feedback.inbox.state")}
            defaultValue={filter.state ?? ""}
            options={[
              { value: "", label: t("feedback.inbox.all") },
              ...feedbackStates.map((state) => ({
                value: state,
                label: t("feedback.inbox.stateOption", {
                  state: t(`feedback.state.${state}`),
                  count: counts[state],
                }),
              })),
            ]}
          />
          <SelectField
            name="type"
            label={t("feedback.inbox.kind")}
            defaultValue={filter.kind ?? ""}
            options={[
              { value: "", label: t("feedback.inbox.all") },
              ...feedbackKinds.map((kind) => ({ value: kind, label: t(`feedback.kind.${kind}`) })),
            ]}
          />
          <SelectField
            name="tema"
            label={t("evaluation.reports.feedback.themeFilter")}
            defaultValue={filter.theme ?? ""}
            options={[
              { value: "", label: t("evaluation.reports.feedback.themeAll") },
              ...themes.map((theme) => ({ value: theme, label: theme })),
              { value: feedbackNoTheme, label: noTheme },
            ]}
          />
          <SelectField
            name="side"
            label={t("evaluation.reports.feedback.pageFilter")}
            defaultValue={filter.page ?? ""}
            options={[
              { value: "", label: t("evaluation.reports.feedback.pageAll") },
              ...pages.map((page) => ({
                value: page.path,
                label: page.title ? `${page.title} (${page.path})` : page.path,
              })),
            ]}
          />
          <SelectField
            name="sortering"
            label={t("feedback.inbox.sort")}
            defaultValue={filter.sort}
            options={feedbackSorts.map((sort) => ({ value: sort, label: sortLabels[sort] }))}
          />
          <Button type="submit" variant="secondary">
            {t("feedback.inbox.apply")}
          </Button>
        </Form>
      </section>

      <Paragraph role="status">{countText}</Paragraph>
      {items.length === 0 ? (
        <Paragraph>{t("feedback.inbox.empty")}</Paragraph>
      ) : filter.sort === "theme" ? (
        groupBy(items, (item) => item.theme ?? "").map(([theme, group]) => (
          <section key={theme} className="feedback-group" aria-label={theme || noTheme}>
            <Heading level={2} data-size="xs">
              {t("evaluation.reports.feedback.themeGroup", { theme: theme || noTheme })}
            </Heading>
            <FeedbackTable
              items={group}
              caption={t("feedback.inbox.count", { count: group.length })}
            />
          </section>
        ))
      ) : filter.sort === "page" ? (
        groupBy(items, (item) => item.pagePath).map(([pagePath, group]) => (
          <section key={pagePath} className="feedback-group" aria-label={pagePath}>
            <Heading level={2} data-size="xs">
              {t("feedback.inbox.pageGroup", { page: pagePath })}
              {group[0]?.pageTitle ? ` (${group[0].pageTitle})` : ""}
            </Heading>
            <FeedbackTable
              items={group}
              caption={t("feedback.inbox.count", { count: group.length })}
            />
          </section>
        ))
      ) : (
        <FeedbackTable items={items} caption={countText} />
      )}
    </div>
  );
}
