/**
 * Site search: published guide pages (by audience) and active directory entries, found by
 * PostgreSQL full text search (the `norwegian` configuration) and by trigram similarity on
 * titles, so a misspelt word ("stafetlog") still finds its page ("Stafettlogg").
 */
import { sql, type SQL } from "drizzle-orm";
import type { Database, Tx } from "../../db/client.ts";
import type { Actor } from "../access/actor.ts";
import { can } from "../access/policy.ts";
import { AppError } from "../errors.ts";
import type { Audience, ContentKind } from "./kinds.ts";
import { markdownToText } from "./markdown.ts";
import { pagePath } from "./paths.ts";

import { maxQueryLength, maxSearchPage, searchPageSize } from "./search-limits.ts";

export { maxQueryLength, maxSearchPage, searchPageSize };

/** The rows of a raw query; both drivers (node-postgres, PGlite) return them as `rows`. */
export async function queryRows<T>(tx: Tx, query: SQL): Promise<T[]> {
  const result = (await tx.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export type SearchHitKind = ContentKind | "directory";

/** A piece of a snippet; `mark` pieces matched the query. Rendered as text, never as HTML. */
export interface SnippetPart {
  text: string;
  mark: boolean;
}

export interface SearchHit {
  id: string;
  kind: SearchHitKind;
  title: string;
  path: string;
  language: string;
  snippet: SnippetPart[];
  score: number;
}

export interface SearchSuggestion {
  title: string;
  path: string;
}

export interface SearchResult {
  /** The query as searched (trimmed); "" when nothing was asked. */
  query: string;
  page: number;
  pageSize: number;
  total: number;
  pageCount: number;
  hits: SearchHit[];
  /** Near titles when nothing matched ("Mente du …?"). */
  suggestions: SearchSuggestion[];
}

/**
 * Markers ts_headline puts around matches. Private-use code points never occur in real text (and
 * are stripped from it before highlighting), so they cannot be forged by page content or the query.
 */
export const HIGHLIGHT_START = "\uE000";
export const HIGHLIGHT_STOP = "\uE001";
const markerPattern = /[\uE000\uE001]/g;

const headlineOptions = `StartSel="${HIGHLIGHT_START}", StopSel="${HIGHLIGHT_STOP}", MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;

/** Who may read which audience: anonymous visitors and citizens the public site and the youth portal, staff everything. */
export function visibleAudiences(viewer: Actor | null): Audience[] {
  if (viewer && (viewer.kind === "system" || can(viewer, "guide.read")))
    return ["public", "internal", "youth"];
  return ["public", "youth"];
}

/** Staff see every active directory entry; others only the public ones. */
function seesInternalDirectory(viewer: Actor | null): boolean {
  return visibleAudiences(viewer).includes("internal");
}

/** Splits ts_headline output at the markers into plain and matched parts. Unbalanced markers are dropped. */
export function parseHighlight(value: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let mark = false;
  let current = "";
  const flush = () => {
    if (current) {
      const last = parts[parts.length - 1];
      if (last && last.mark === mark) last.text += current;
      else parts.push({ text: current, mark });
    }
    current = "";
  };
  for (const char of value) {
    if (char === HIGHLIGHT_START) {
      flush();
      mark = true;
    } else if (char === HIGHLIGHT_STOP) {
      flush();
      mark = false;
    } else current += char;
  }
  flush();
  return parts;
}

export interface SearchInput {
  database: Database;
  tenantId: string;
  viewer: Actor | null;
  query: string;
  page?: number;
  /** The reader's language: its pages come first, with bokmål pages standing in for missing translations. */
  language?: string;
}

/** Normalises the query: trimmed, markers and control characters removed, whitespace collapsed. */
export function normaliseQuery(query: string): string {
  return (
    query
      .replace(markerPattern, " ")
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f]/g, " ")
      .replace(/\s+/g, " ")
      .trim()
  );
}

export async function searchSite(input: SearchInput): Promise<SearchResult> {
  const query = normaliseQuery(input.query);
  const page = Number.isInteger(input.page) && input.page! > 0 ? input.page! : 1;
  if (query.length > maxQueryLength)
    throw new AppError("validation", "search.tooLong", { fieldErrors: { q: "search.tooLong" } });
  if (page > maxSearchPage)
    throw new AppError("validation", "search.pageTooHigh", {
      fieldErrors: { side: "search.pageTooHigh" },
    });
  const empty: SearchResult = {
    query,
    page,
    pageSize: searchPageSize,
    total: 0,
    pageCount: 0,
    hits: [],
    suggestions: [],
  };
  if (!query) return empty;

  const audiences = visibleAudiences(input.viewer);
  const staffDirectory = seesInternalDirectory(input.viewer);
  const language = input.language ?? "nb";

  return input.database.tenant(input.tenantId, async (tx) => {
    // Local to this transaction: a lower bar than the default 0.6 lets one typo in a long word through.
    await tx.execute(sql`select set_config('pg_trgm.word_similarity_threshold', '0.5', true)`);
    const candidates = candidatesSql({
      tenantId: input.tenantId,
      query,
      audiences,
      staffDirectory,
      language,
      condition: "match",
    });
    const rows = await queryRows<CandidateRow>(
      tx,
      sql`
        select *, count(*) over ()::int as total from (${candidates}) hits
        order by score desc, title asc, id asc
        limit ${searchPageSize} offset ${(page - 1) * searchPageSize}`,
    );

    const total = rows[0]?.total ?? (page > 1 ? await countHits(tx, candidates) : 0);
    const snippets = await headlines(
      tx,
      query,
      rows.map((row) => snippetSource(row)),
    );
    const hits: SearchHit[] = rows.map((row, index) => ({
      id: row.id,
      kind: row.kind,
      title: row.title,
      path: hitPath(row),
      language: row.language,
      snippet: trimSnippet(parseHighlight(snippets[index] ?? "")),
      score: Number(row.score),
    }));
    const suggestions =
      total === 0
        ? await suggest(tx, {
            tenantId: input.tenantId,
            query,
            audiences,
            staffDirectory,
            language,
          })
        : [];
    return {
      ...empty,
      total,
      pageCount: Math.ceil(total / searchPageSize),
      hits,
      suggestions,
    };
  });
}

interface CandidateRow {
  id: string;
  kind: SearchHitKind;
  slug: string | null;
  language: string;
  title: string;
  summary: string;
  body: string;
  score: number;
  total: number;
}

interface CandidateOptions {
  tenantId: string;
  query: string;
  audiences: Audience[];
  staffDirectory: boolean;
  language: string;
  /** "match": full text or trigram hits; "near": anything with a somewhat similar title. */
  condition: "match" | "near";
}

/**
 * One row per readable thing: the latest published version of each non-archived page the viewer
 * may read, in the reader's language or in bokmål where that page has no published translation,
 * and the active directory entries the viewer may see.
 */
function candidatesSql(options: CandidateOptions): SQL {
  const { tenantId, query, language } = options;
  const tsq = sql`websearch_to_tsquery('norwegian', ${query})`;
  const audienceList = sql.join(
    options.audiences.map((audience) => sql`${audience}`),
    sql`, `,
  );
  const pageMatch =
    options.condition === "match"
      ? sql`(v.search_vector @@ ${tsq} or v.title %> ${query} or v.title % ${query})`
      : sql`(word_similarity(${query}, v.title) > 0.3 or similarity(${query}, v.title) > 0.15)`;
  const directoryVector = sql`(setweight(to_tsvector('norwegian', d.name), 'A') || setweight(to_tsvector('norwegian', d.offers), 'B') || setweight(to_tsvector('norwegian', d.description || ' ' || d.how_to_refer), 'C'))`;
  const directoryMatch =
    options.condition === "match"
      ? sql`(${directoryVector} @@ ${tsq} or d.name %> ${query} or d.name % ${query})`
      : sql`(word_similarity(${query}, d.name) > 0.3 or similarity(${query}, d.name) > 0.15)`;
  const titleScore = (column: SQL) =>
    // Word similarity finds the title; whole-title similarity ranks the closest title first.
    sql`0.35 * word_similarity(${query}, ${column}) + 0.35 * similarity(${query}, ${column})`;
  return sql`
    select p.id::text as id, p.kind as kind, p.slug as slug, p.language as language,
      v.title as title, v.summary as summary, v.body as body,
      (ts_rank(v.search_vector, ${tsq}) + ${titleScore(sql`v.title`)})::float8 as score
    from content_pages p
    join content_versions v on v.page_id = p.id and v.state = 'published'
    where p.tenant_id = ${tenantId}
      and not p.archived
      and p.audience in (${audienceList})
      and not exists (
        select 1 from content_versions newer
        where newer.page_id = v.page_id and newer.state = 'published' and newer.number > v.number)
      and (p.language = ${language} or (p.language = 'nb' and not exists (
        select 1 from content_pages translated
        join content_versions tv on tv.page_id = translated.id and tv.state = 'published'
        where translated.tenant_id = p.tenant_id and translated.translation_key = p.translation_key
          and translated.language = ${language} and not translated.archived
          and translated.audience in (${audienceList}))))
      and ${pageMatch}
    union all
    select d.id::text, 'directory', null, 'nb', d.name, d.offers, d.description || E'\n\n' || d.how_to_refer,
      (ts_rank(${directoryVector}, ${tsq}) + ${titleScore(sql`d.name`)})::float8
    from directory_entries d
    where d.tenant_id = ${tenantId} and d.active
      and (d.public or ${options.staffDirectory})
      and ${directoryMatch}`;
}

async function countHits(tx: Tx, candidates: SQL): Promise<number> {
  const [row] = await queryRows<{ total: number }>(
    tx,
    sql`select count(*)::int as total from (${candidates}) hits`,
  );
  return Number(row?.total ?? 0);
}

async function suggest(
  tx: Tx,
  options: Omit<CandidateOptions, "condition">,
): Promise<SearchSuggestion[]> {
  const rows = await queryRows<Pick<CandidateRow, "kind" | "slug" | "id" | "title">>(
    tx,
    sql`
      select kind, slug, id, title from (${candidatesSql({ ...options, condition: "near" })}) near
      order by score desc, title asc limit 3`,
  );
  return rows.map((row) => ({ title: row.title, path: hitPath(row) }));
}

function hitPath(row: Pick<CandidateRow, "kind" | "slug" | "id">): string {
  if (row.kind === "directory") return `/hvem-kan-hjelpe/${row.id}`;
  return pagePath({ kind: row.kind, slug: row.slug ?? "" });
}

/** The text a snippet is cut from: plain text, never Markdown syntax, with no marker characters in it. */
function snippetSource(row: CandidateRow): string {
  const text = `${row.summary} ${markdownToText(row.body)}`;
  return text.replace(markerPattern, " ").replace(/\s+/g, " ").trim();
}

/** ts_headline for the hits of one page in one round trip (never for every candidate: it is costly). */
async function headlines(tx: Tx, query: string, texts: string[]): Promise<string[]> {
  if (texts.length === 0) return [];
  const rows = await queryRows<{ headline: string }>(
    tx,
    sql`
    select ts_headline('norwegian', t.value, websearch_to_tsquery('norwegian', ${query}), ${headlineOptions}) as headline
    from jsonb_array_elements_text(${JSON.stringify(texts)}::jsonb) with ordinality as t(value, position)
    order by t.position`,
  );
  return rows.map((row) => row.headline);
}

/** A snippet without a match (a trigram hit on the title) is cut to a readable length. */
function trimSnippet(parts: SnippetPart[]): SnippetPart[] {
  if (parts.some((part) => part.mark)) return parts;
  const text = parts.map((part) => part.text).join("");
  if (text.length <= 240) return text ? [{ text, mark: false }] : [];
  const cut = text.slice(0, 240);
  return [
    {
      text: `${cut.slice(0, cut.lastIndexOf(" ") > 0 ? cut.lastIndexOf(" ") : 240)} …`,
      mark: false,
    },
  ];
}
