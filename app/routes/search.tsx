import {
  Button,
  Heading,
  Input,
  Label,
  Link as DsLink,
  Paragraph,
  Tag,
  ValidationMessage,
} from "@digdir/designsystemet-react";
import { Fragment } from "react";
import { data, Form, Link, useLoaderData } from "react-router";
import { isAppError } from "../../core/errors.ts";
import { maxQueryLength } from "../../core/guide/search-limits.ts";
import { searchSite, type SearchResult, type SnippetPart } from "../../core/guide/search.ts";
import { useT } from "../lib/i18n.tsx";
import type { Route } from "./+types/search";

interface SearchPageData {
  query: string;
  result: SearchResult | null;
  errorKey: string | null;
}

export async function loader({ context, request }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const query = url.searchParams.get("q") ?? "";
  const pageParam = Number(url.searchParams.get("side") ?? "1");
  const page = Number.isInteger(pageParam) && pageParam > 0 ? pageParam : 1;
  const tenantId = context.actor?.tenantId ?? context.tenant?.id ?? null;
  if (!tenantId)
    return { query: query.trim(), result: null, errorKey: null } satisfies SearchPageData;
  try {
    const result = await searchSite({
      database: context.services.database,
      tenantId,
      viewer: context.actor,
      query,
      page,
      language: context.language,
    });
    return { query: result.query, result, errorKey: null } satisfies SearchPageData;
  } catch (error) {
    if (!isAppError(error) || error.code !== "validation") throw error;
    // The form comes back with the message beside the field; the long text is not echoed whole.
    return data(
      {
        query: query.slice(0, maxQueryLength),
        result: null,
        errorKey: error.messageKey,
      } satisfies SearchPageData,
      { status: 400 },
    );
  }
}

function pageHref(query: string, page: number) {
  const params = new URLSearchParams({ q: query });
  if (page > 1) params.set("side", String(page));
  return `/sok?${params.toString()}`;
}

/** Matched words as <mark>: the snippet is text parts, so nothing from the database becomes HTML. */
function Snippet({ parts }: { parts: SnippetPart[] }) {
  return (
    <Paragraph className="search-result__snippet">
      {parts.map((part, index) =>
        part.mark ? (
          <mark key={index}>{part.text}</mark>
        ) : (
          <Fragment key={index}>{part.text}</Fragment>
        ),
      )}
    </Paragraph>
  );
}

export default function SearchPage() {
  const t = useT();
  const { query, result, errorKey } = useLoaderData<typeof loader>() as SearchPageData;
  const title = query ? `${t("search.title")}: ${query}` : t("search.title");
  return (
    <div className="page search-page">
      <title>{`${title} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {t("search.title")}
      </Heading>
      <Paragraph>{t("search.intro")}</Paragraph>
      <Form method="get" action="/sok" role="search" className="search-form">
        <Label htmlFor="search-q">{t("search.label")}</Label>
        <div className="search-form__row">
          <Input
            id="search-q"
            name="q"
            type="search"
            defaultValue={query}
            autoComplete="off"
            aria-invalid={errorKey ? true : undefined}
            aria-describedby={errorKey ? "search-q-feil" : undefined}
          />
          <Button type="submit">{t("search.submit")}</Button>
        </div>
        {errorKey ? (
          <ValidationMessage id="search-q-feil">
            {t(errorKey, { max: maxQueryLength })}
          </ValidationMessage>
        ) : null}
      </Form>
      {errorKey ? null : !query || !result ? (
        <Paragraph>{t("search.empty")}</Paragraph>
      ) : result.total === 0 ? (
        <NoHits result={result} />
      ) : (
        <Results result={result} />
      )}
    </div>
  );
}

function Results({ result }: { result: SearchResult }) {
  const t = useT();
  const first = (result.page - 1) * result.pageSize + 1;
  return (
    <section aria-labelledby="search-results-heading" className="search-results">
      <Heading level={2} data-size="sm" id="search-results-heading">
        {t("search.count", { count: result.total, query: result.query })}
      </Heading>
      {result.pageCount > 1 ? (
        <Paragraph data-size="sm">
          {t("search.pageOf", { page: result.page, pages: result.pageCount })}
        </Paragraph>
      ) : null}
      {result.hits.length > 0 ? (
        <ol className="search-results__list" start={first}>
          {result.hits.map((hit) => (
            <li key={`${hit.kind}-${hit.id}`} className="search-result">
              <Heading level={3} data-size="xs" className="search-result__title">
                <DsLink asChild>
                  <Link to={hit.path}>{hit.title}</Link>
                </DsLink>
              </Heading>
              <Tag data-color="neutral" data-size="sm" className="search-result__kind">
                {t(`search.kind.${hit.kind}`)}
              </Tag>
              {hit.snippet.length > 0 ? <Snippet parts={hit.snippet} /> : null}
            </li>
          ))}
        </ol>
      ) : (
        <Paragraph>{t("search.pageTooHigh")}</Paragraph>
      )}
      <Pagination result={result} />
    </section>
  );
}

function Pagination({ result }: { result: SearchResult }) {
  const t = useT();
  if (result.pageCount <= 1) return null;
  const { page, pageCount, query } = result;
  // A window of pages around the current one keeps the list short on long result sets.
  const from = Math.max(1, Math.min(page - 2, pageCount - 4));
  const to = Math.min(pageCount, from + 4);
  const numbers = Array.from({ length: to - from + 1 }, (_, index) => from + index);
  return (
    <nav aria-label={t("search.pagination")} className="pager">
      <ul className="pager__list search-pager">
        {page > 1 ? (
          <li>
            <DsLink asChild>
              <Link to={pageHref(query, Math.min(page - 1, pageCount))} rel="prev">
                {t("search.previous")}
              </Link>
            </DsLink>
          </li>
        ) : null}
        {numbers.map((number) => (
          <li key={number}>
            {number === page ? (
              <span className="pager__position" aria-current="page">
                <span className="visually-hidden">{t("search.pageNumber", { page: number })}</span>
                <span aria-hidden="true">{number}</span>
              </span>
            ) : (
              <DsLink asChild>
                <Link
                  to={pageHref(query, number)}
                  aria-label={t("search.pageNumber", { page: number })}
                >
                  {number}
                </Link>
              </DsLink>
            )}
          </li>
        ))}
        {page < pageCount ? (
          <li>
            <DsLink asChild>
              <Link to={pageHref(query, page + 1)} rel="next">
                {t("search.next")}
              </Link>
            </DsLink>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

function NoHits({ result }: { result: SearchResult }) {
  const t = useT();
  return (
    <section aria-labelledby="search-results-heading" className="search-results">
      <Heading level={2} data-size="sm" id="search-results-heading">
        {t("search.noHits", { query: result.query })}
      </Heading>
      {result.suggestions.length > 0 ? (
        <div>
          <Paragraph id="search-suggestions">{t("search.didYouMean")}</Paragraph>
          <ul aria-labelledby="search-suggestions">
            {result.suggestions.map((suggestion) => (
              <li key={suggestion.path}>
                <DsLink asChild>
                  <Link to={suggestion.path}>{suggestion.title}</Link>
                </DsLink>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <Heading level={3} data-size="xs">
        {t("search.tipsTitle")}
      </Heading>
      <ul>
        <li>{t("search.tipSpelling")}</li>
        <li>{t("search.tipFewer")}</li>
        <li>
          <DsLink asChild>
            <Link to="/veileder">{t("search.tipBrowse")}</Link>
          </DsLink>
        </li>
        <li>
          <DsLink asChild>
            <Link to="/hvem-kan-hjelpe">{t("search.tipDirectory")}</Link>
          </DsLink>
        </li>
      </ul>
    </section>
  );
}
