import { Heading, Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { Link, useLoaderData, useRouteLoaderData } from "react-router";
import { listRecentlyPublished } from "../../core/guide/content.ts";
import { formatDateTime } from "../lib/format-date.ts";
import { useT } from "../lib/i18n.tsx";
import type { RootData } from "../root.tsx";
import type { Route } from "./+types/whats-new";

const pageSize = 20;

/**
 * "Hva er nytt": published changes with their change notes, newest first. Anyone sees changes to
 * public and youth pages; signed-in staff also see the internal ones (core readableAudiences).
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const tenant = context.tenant;
  const url = new URL(request.url);
  const requested = Number(url.searchParams.get("side") ?? "1");
  const page = Number.isInteger(requested) && requested > 0 ? requested : 1;
  if (!tenant) return { items: [], total: 0, page: 1, pages: 1 };
  const ask = (language: string) =>
    listRecentlyPublished({
      database: context.services.database,
      tenantId: tenant.id,
      viewer: context.actor,
      page,
      pageSize,
      language,
    });
  let result = await ask(context.language);
  // Most content exists in bokmål only: a reader of nynorsk or English still sees what changed.
  if (result.total === 0 && context.language !== "nb") result = await ask("nb");
  return {
    items: result.items.map((item) => ({
      id: item.version.id,
      title: item.version.title,
      path: item.path,
      number: item.version.number,
      changeNote: item.version.changeNote,
      publishedAt: item.version.publishedAt?.toISOString() ?? null,
      internal: item.page.audience === "internal",
      current: item.version.state === "published",
    })),
    total: result.total,
    page: result.page,
    pages: Math.max(1, Math.ceil(result.total / result.pageSize)),
  };
}

export default function WhatsNewPage() {
  const t = useT();
  const loaded = useLoaderData<typeof loader>();
  const root = useRouteLoaderData<RootData>("root");
  const language = root?.language ?? "nb";
  return (
    <div className="page">
      <title>{`${t("editor.whatsNew.title")} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {t("editor.whatsNew.title")}
      </Heading>
      <Paragraph>{t("editor.whatsNew.intro")}</Paragraph>
      {loaded.items.length === 0 ? (
        <Paragraph>
          {t(loaded.page > 1 ? "editor.whatsNew.pageTooHigh" : "editor.whatsNew.empty")}
        </Paragraph>
      ) : (
        <ol className="whats-new" aria-label={t("editor.whatsNew.listLabel")}>
          {loaded.items.map((item) => (
            <li key={item.id} className="whats-new__item">
              <Heading level={2} data-size="xs">
                <DsLink asChild>
                  <Link to={item.path}>{item.title}</Link>
                </DsLink>
              </Heading>
              <Paragraph data-size="sm">
                {item.publishedAt
                  ? t("editor.whatsNew.publishedAt", {
                      date: formatDateTime(item.publishedAt, language),
                      number: item.number,
                    })
                  : null}
                {item.internal ? ` · ${t("editor.whatsNew.internal")}` : null}
                {item.current ? null : ` · ${t("editor.whatsNew.superseded")}`}
              </Paragraph>
              <Paragraph>{item.changeNote}</Paragraph>
            </li>
          ))}
        </ol>
      )}
      {loaded.pages > 1 ? (
        <nav aria-label={t("editor.whatsNew.pagination")} className="pager">
          <ul className="pager__list">
            {loaded.page > 1 ? (
              <li>
                <DsLink asChild>
                  <Link to={`/hva-er-nytt?side=${loaded.page - 1}`}>
                    {t("editor.whatsNew.previous")}
                  </Link>
                </DsLink>
              </li>
            ) : null}
            <li className="pager__position">
              {t("editor.whatsNew.pageOf", { page: loaded.page, pages: loaded.pages })}
            </li>
            {loaded.page < loaded.pages ? (
              <li>
                <DsLink asChild>
                  <Link to={`/hva-er-nytt?side=${loaded.page + 1}`}>
                    {t("editor.whatsNew.next")}
                  </Link>
                </DsLink>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </div>
  );
}
