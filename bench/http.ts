/**
 * npm run bench — HTTP throughput and latency of the built server, on the embedded database and
 * on PostgreSQL, measured side by side in one run:
 *   (a) a bare framework route returning a constant (/healthz: all middleware, no database),
 *   (b) the logged-in start page (session lookup, tenant, server rendering),
 *   (c) one authenticated API read (GET /api/v1/units),
 *   (d) a published public guide page served to an anonymous visitor (no session: public tenant,
 *       content query by audience, Markdown rendering).
 * Ratios b/a and c/a make the figures comparable across machines. Nothing here is a test.
 *
 * Environment: BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 10),
 * BENCH_DATABASE_URL or TEST_DATABASE_URL (PostgreSQL server; default postgres://postgres@127.0.0.1:5432/test).
 */
import { DEMO_PASSWORD } from "../db/seed-demo.ts";
import {
  load,
  login,
  secretsEnv,
  startLaget,
  tempDataDir,
  tempPostgres,
  type LoadResult,
} from "./support.ts";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
/** The demo content's public model page (content/nb/modell/bts-modellen.md). */
const GUIDE_PAGE = "/veileder/bts-modellen";
const postgresBase =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  "postgres://postgres@127.0.0.1:5432/test";

interface Row {
  database: string;
  scenario: string;
  result: LoadResult;
}

async function measure(database: string, env: Record<string, string>): Promise<Row[]> {
  const server = await startLaget(env);
  try {
    const cookie = await login(server.url, "admin@fjordvik.example", DEMO_PASSWORD);
    const headers = { cookie };
    // Warm up each path once so lazy imports and caches do not count.
    for (const path of ["/healthz", "/", "/api/v1/units"])
      await fetch(`${server.url}${path}`, { headers });
    const guideStatus = (await fetch(`${server.url}${GUIDE_PAGE}`)).status;
    if (guideStatus !== 200) console.log(`${database}: ${GUIDE_PAGE} answered ${guideStatus}`);
    const rows: Row[] = [];
    rows.push({
      database,
      scenario: "a bare route",
      result: await load(`${server.url}/healthz`, { seconds, connections }),
    });
    rows.push({
      database,
      scenario: "b start page",
      result: await load(`${server.url}/`, { seconds, connections, headers }),
    });
    rows.push({
      database,
      scenario: "c API read",
      result: await load(`${server.url}/api/v1/units`, { seconds, connections, headers }),
    });
    rows.push({
      database,
      scenario: "d guide (anon)",
      result: await load(`${server.url}${GUIDE_PAGE}`, { seconds, connections }),
    });
    return rows;
  } finally {
    await server.stop();
  }
}

function print(rows: Row[]) {
  const line = (cells: string[]) =>
    console.log(cells.map((cell, i) => cell.padEnd(i === 0 ? 12 : 16)).join(""));
  line(["database", "scenario", "req/s", "p50 ms", "p95 ms", "errors/non-2xx", "ratio to a"]);
  for (const row of rows) {
    const bare = rows.find((r) => r.database === row.database && r.scenario.startsWith("a"))!;
    line([
      row.database,
      row.scenario,
      row.result.requestsPerSecond.toFixed(0),
      row.result.p50.toFixed(1),
      row.result.p95.toFixed(1),
      `${row.result.errors}/${row.result.non2xx}`,
      (row.result.requestsPerSecond / bare.result.requestsPerSecond).toFixed(3),
    ]);
  }
}

async function main() {
  console.log(
    `Laget HTTP benchmark: ${seconds}s per scenario, ${connections} connections, Node ${process.version}`,
  );
  const rows: Row[] = [];
  const data = tempDataDir();
  try {
    rows.push(...(await measure("pglite", { DATA_DIR: data.dir })));
  } finally {
    data.remove();
  }
  const postgres = await tempPostgres(postgresBase).catch((error: unknown) => {
    console.log(`PostgreSQL skipped: ${(error as Error).message}`);
    return null;
  });
  if (postgres) {
    try {
      rows.push(
        ...(await measure("postgres", {
          DATABASE_URL: postgres.url,
          SEED_DEMO: "true",
          ...secretsEnv(),
        })),
      );
    } finally {
      await postgres.drop();
    }
  }
  print(rows);
}

await main();
