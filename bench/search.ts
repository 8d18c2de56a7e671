/**
 * npm run bench (part 2) — site search latency over 2,000 published pages, on the embedded
 * database and on PostgreSQL: p50/p95 of `searchSite` for full-text words, two-word phrases and
 * misspelt titles (trigram path), as an anonymous visitor and as staff. Nothing here is a test.
 *
 * Environment: BENCH_SEARCH_PAGES (default 2000), BENCH_SEARCH_ROUNDS (default 300),
 * BENCH_DATABASE_URL or TEST_DATABASE_URL (PostgreSQL server; default postgres://postgres@127.0.0.1:5432/test).
 */
import { sql } from "drizzle-orm";
import { noRequestMeta, systemActor, type Actor } from "../core/access/actor.ts";
import { searchSite } from "../core/guide/search.ts";
import { createTenant } from "../core/tenants/tenants.ts";
import { openPglite, openPostgres, type Database } from "../db/client.ts";
import { tempPostgres } from "./support.ts";

const pageCount = Number(process.env.BENCH_SEARCH_PAGES ?? 2000);
const rounds = Number(process.env.BENCH_SEARCH_ROUNDS ?? 300);
const postgresBase =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  "postgres://postgres@127.0.0.1:5432/test";

// Norwegian-like vocabulary: compounds are built from these, as the guide's own words are.
const stems = [
  "barn",
  "unge",
  "foresatte",
  "skole",
  "barnehage",
  "helse",
  "stasjon",
  "samtale",
  "undring",
  "bekymring",
  "melding",
  "tiltak",
  "plan",
  "stafett",
  "logg",
  "samarbeid",
  "tjeneste",
  "nivå",
  "rutine",
  "verktøy",
  "samtykke",
  "taushet",
  "plikt",
  "oppfølging",
  "kartlegging",
  "familie",
  "trivsel",
  "mestring",
  "overgang",
  "ansvar",
  "koordinator",
  "team",
  "møte",
  "evaluering",
  "lærer",
  "rektor",
  "fastlege",
  "barnevern",
  "psykisk",
  "fritid",
  "venner",
  "søvn",
  "mobbing",
  "vold",
  "rus",
  "sorg",
  "språk",
  "lek",
  "observasjon",
  "skjema",
  "drøfting",
  "refleksjon",
];
const fillers = ["og", "i", "på", "med", "for", "til", "som", "når", "det", "en", "et", "av", "om"];

function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

function pick<T>(items: readonly T[], next: () => number): T {
  return items[Math.floor(next() * items.length)]!;
}

function word(next: () => number): string {
  return next() < 0.4 ? `${pick(stems, next)}${pick(stems, next)}` : pick(stems, next);
}

function sentence(next: () => number, words: number): string {
  const parts: string[] = [];
  for (let i = 0; i < words; i += 1) parts.push(next() < 0.3 ? pick(fillers, next) : word(next));
  const text = parts.join(" ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

const kinds = ["routine", "tool", "term", "step", "article", "youth", "guardian"];
const audiences = ["public", "internal", "youth"];

async function seedPages(database: Database, tenantId: string) {
  const next = random(42);
  const batch = 200;
  for (let start = 0; start < pageCount; start += batch) {
    const rows = Array.from({ length: Math.min(batch, pageCount - start) }, (_, offset) => {
      const index = start + offset;
      const title = `${word(next).replace(/^./, (c) => c.toUpperCase())} ${pick(fillers, next)} ${word(next)} ${index}`;
      const body = Array.from({ length: 6 }, () => sentence(next, 14)).join("\n\n");
      return {
        slug: `side-${index}`,
        kind: pick(kinds, next),
        audience: pick(audiences, next),
        title,
        summary: sentence(next, 12),
        body: `## ${word(next)}\n\n${body}`,
      };
    });
    await database.tenant(tenantId, async (tx) => {
      await tx.execute(sql`
        with input as (
          select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
            as r(slug text, kind text, audience text, title text, summary text, body text)
        ), pages as (
          insert into content_pages (tenant_id, slug, kind, audience, language, translation_key)
          select ${tenantId}, slug, kind, audience, 'nb', slug from input
          returning id, slug
        )
        insert into content_versions (tenant_id, page_id, number, state, title, summary, body, published_at)
        select ${tenantId}, pages.id, 1, 'published', input.title, input.summary, input.body, now()
        from pages join input using (slug)`);
    });
  }
  await database.tenant(tenantId, (tx) =>
    tx.execute(sql`
      update content_pages p set published_version_id = v.id
      from content_versions v where v.page_id = p.id and p.tenant_id = ${tenantId}`),
  );
}

const queries = [
  "stafettlogg",
  "samtale med barn",
  "bekymringsmelding",
  "tiltaksplan",
  "taushetsplikt samtykke",
  "psykisk helse",
  "overgang skole",
  "undringsamtale", // typo: trigram path
  "stafetlog", // typo
  "kartleging", // typo
  "barnehage",
  "mobbing i skolen",
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface Row {
  database: string;
  viewer: string;
  p50: number;
  p95: number;
  meanHits: number;
}

async function measure(name: string, database: Database): Promise<Row[]> {
  await database.migrate();
  const tenant = await createTenant({
    database,
    actor: systemActor(null, "bench"),
    meta: noRequestMeta,
    values: { name: "Benchvik kommune", municipalityNumber: "9001" },
  });
  const seeded = performance.now();
  await seedPages(database, tenant.id);
  console.log(
    `${name}: ${pageCount} pages seeded in ${((performance.now() - seeded) / 1000).toFixed(1)} s`,
  );
  const staff: Actor = {
    kind: "staff",
    userId: "00000000-0000-0000-0000-000000000000",
    tenantId: tenant.id,
    name: "Bench",
    email: "bench@benchvik.example",
    roles: ["employee"],
    unitIds: [],
  };
  const rows: Row[] = [];
  for (const [label, viewer] of [
    ["anonymous", null],
    ["staff", staff],
  ] as const) {
    for (const query of queries) await searchSite({ database, tenantId: tenant.id, viewer, query });
    const times: number[] = [];
    let hits = 0;
    for (let i = 0; i < rounds; i += 1) {
      const query = queries[i % queries.length]!;
      const started = performance.now();
      const result = await searchSite({
        database,
        tenantId: tenant.id,
        viewer,
        query,
        page: i % 5 === 4 ? 2 : 1,
      });
      times.push(performance.now() - started);
      hits += result.total;
    }
    times.sort((a, b) => a - b);
    rows.push({
      database: name,
      viewer: label,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      meanHits: hits / rounds,
    });
  }
  return rows;
}

async function main() {
  console.log(
    `Laget search benchmark: ${pageCount} published pages, ${rounds} searches per viewer, Node ${process.version}`,
  );
  const rows: Row[] = [];
  const pglite = await openPglite(undefined);
  try {
    rows.push(...(await measure("pglite", pglite)));
  } finally {
    await pglite.close();
  }
  const postgres = await tempPostgres(postgresBase).catch((error: unknown) => {
    console.log(`PostgreSQL skipped: ${(error as Error).message}`);
    return null;
  });
  if (postgres) {
    const database = openPostgres(postgres.url, { max: 4 });
    try {
      rows.push(...(await measure("postgres", database)));
    } finally {
      await database.close();
      await postgres.drop();
    }
  }
  const line = (cells: string[]) => console.log(cells.map((cell) => cell.padEnd(14)).join(""));
  line(["database", "viewer", "p50 ms", "p95 ms", "mean hits"]);
  for (const row of rows) {
    line([
      row.database,
      row.viewer,
      row.p50.toFixed(1),
      row.p95.toFixed(1),
      row.meanHits.toFixed(0),
    ]);
  }
}

await main();
