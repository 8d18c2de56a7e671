/**
 * npm run bench (part 5) — the organisation module (issue 8) over HTTP on the demo municipality,
 * on the embedded database and on PostgreSQL, against the logged-in start page as the yardstick:
 *   (a) the start page (session, tenant, server rendering),
 *   (b) the hub /organisering (one figure per area, read from every organisation table),
 *   (c) the arena overlaps /organisering/arenaer/overlapp (every arena compared with every other),
 *   (d) the grant report PDF (budget, spending and deadlines through the tagged PDF writer),
 *   (e) the A3 poster and (f) the staff leaflet, drawn on each request from the published guide
 *       with text fitted to fixed pages (ADR 0025).
 * Ratio = p50 / p50 of (a): how many start pages one such request costs. The server's resident
 * memory (RSS) after the PDF scenarios shows whether drawing leaks. Nothing here is a test.
 *
 * Environment: BENCH_SECONDS (default 10), BENCH_PDF_CONNECTIONS (default 2: drawing is CPU work,
 * more connections only queue), BENCH_DATABASE_URL or TEST_DATABASE_URL (PostgreSQL server;
 * default postgres://postgres@127.0.0.1:5432/test). Needs a build (npm run build).
 */
import { readFileSync } from "node:fs";
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
const connections = Number(process.env.BENCH_PDF_CONNECTIONS ?? 2);
const postgresBase =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  "postgres://postgres@127.0.0.1:5432/test";
const COORDINATOR = "koordinator@fjordvik.example";

interface Row {
  database: string;
  scenario: string;
  result: LoadResult;
  rssMb?: number;
}

/** The server's resident memory in MB, from /proc (Linux only; NaN elsewhere). */
function rssMb(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return kb / 1024;
  } catch {
    return Number.NaN;
  }
}

async function firstGrantId(url: string, headers: Record<string, string>): Promise<string> {
  const html = await (await fetch(`${url}/organisering/tilskudd`, { headers })).text();
  const id = /\/organisering\/tilskudd\/([0-9a-f-]{36})/.exec(html)?.[1];
  if (!id) throw new Error("the demo has no grant to report on");
  return id;
}

async function measure(database: string, env: Record<string, string>): Promise<Row[]> {
  const server = await startLaget(env);
  try {
    const cookie = await login(server.url, COORDINATOR, DEMO_PASSWORD);
    const headers = { cookie };
    const grantId = await firstGrantId(server.url, headers);
    const scenarios: [string, string][] = [
      ["a start page", "/"],
      ["b hub", "/organisering"],
      ["c arena overlaps", "/organisering/arenaer/overlapp"],
      ["d grant report PDF", `/organisering/tilskudd/${grantId}/rapport.pdf`],
      ["e A3 poster PDF", "/organisering/trykksaker/plakat-a3.pdf"],
      ["f staff leaflet PDF", "/organisering/trykksaker/folder-ansatte.pdf"],
    ];
    // Warm up each path once so lazy imports, fonts and caches do not count.
    for (const [name, path] of scenarios) {
      const status = (await fetch(`${server.url}${path}`, { headers })).status;
      if (status !== 200) throw new Error(`${database}: ${name} (${path}) answered ${status}`);
    }
    const rows: Row[] = [];
    for (const [scenario, path] of scenarios) {
      const result = await load(`${server.url}${path}`, { seconds, connections, headers });
      rows.push({ database, scenario, result, rssMb: rssMb(server.pid) });
    }
    return rows;
  } finally {
    await server.stop();
  }
}

function print(rows: Row[]) {
  const line = (cells: string[]) =>
    console.log(cells.map((cell, i) => cell.padEnd(i === 0 ? 12 : 22)).join(""));
  line(["database", "scenario", "req/s", "p50 ms", "p95 ms", "errors/non-2xx", "ratio", "RSS MB"]);
  for (const row of rows) {
    const start = rows.find((r) => r.database === row.database && r.scenario.startsWith("a"))!;
    line([
      row.database,
      row.scenario,
      row.result.requestsPerSecond.toFixed(1),
      row.result.p50.toFixed(1),
      row.result.p95.toFixed(1),
      `${row.result.errors}/${row.result.non2xx}`,
      `${(row.result.p50 / start.result.p50).toFixed(2)}×`,
      row.rssMb === undefined || Number.isNaN(row.rssMb) ? "–" : row.rssMb.toFixed(0),
    ]);
  }
}

async function main() {
  console.log(
    `Laget organisation benchmark: ${seconds}s per scenario, ${connections} connections, Node ${process.version}`,
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
