/**
 * npm run bench (part 3) — the relay log at municipality scale (1,000 logs) and national scale
 * (100,000 logs, ~20 million audit events), filled by bench/relay-log-data.ts:
 *   - the log page /stafettlogger/:logId (cycling over the bench user's 40 logs) and
 *   - the "my logs" list /stafettlogger (first page of the bench user's 40 logs),
 * each measured over HTTP with autocannon (p50/p95) and as its raw SQL: the exact statements the
 * server issued for that request (session, tenant, root loader, the page's loader; captured from
 * the running server's pg client or PGlite), replayed over a bare connection beside the idle
 * server (and again with no server, to show what its background jobs cost). Ratios: page/raw SQL
 * (target ≤ 3×) and 100k/1k (target ≤ 1.5×). Missed targets print MISSED; the exit code stays 0.
 * Then EXPLAIN ANALYZE of every captured statement at each size, slowest first.
 *
 * PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432)
 * runs both sizes in the databases laget_bench_1k and laget_bench_100k, filled on first use and
 * reused afterwards (`npm run bench -- --fresh` rebuilds them); PGlite runs the 1k case only, in
 * data/bench/pglite-1k (kept, like the PostgreSQL databases). Nothing here is a test.
 *
 * Environment: BENCH_SECONDS (default 10), BENCH_RELAY_CONNECTIONS (default 1: latency, not
 * throughput), BENCH_RELAY_SIZES (default "1000,100000"), BENCH_RELAY_PGLITE (default "true").
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import pg from "pg";
import { sha256Hex } from "../core/platform/crypto.ts";
import { openPglite } from "../db/client.ts";
import {
  BENCH_DATA_ENCRYPTION_KEY,
  BENCH_HELD_LOGS,
  BENCH_PARTICIPANT_LOGS,
  BENCH_PASSWORD,
  BENCH_SESSION_SECRET,
  BENCH_USER_EMAIL,
  benchDatabaseName,
  defaultServerUrl,
  ensurePgliteBenchData,
  ensurePostgresBenchDatabase,
  printRows,
} from "./relay-log-data.ts";
import { login, startLaget, type StartedServer } from "./support.ts";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_RELAY_CONNECTIONS ?? 1);
const sizes = (process.env.BENCH_RELAY_SIZES ?? "1000,100000")
  .split(",")
  .map((value) => Number(value.trim()))
  .filter((value) => Number.isInteger(value) && value > 0);
const runPglite = (process.env.BENCH_RELAY_PGLITE ?? "true") !== "false";
const fresh = process.argv.includes("--fresh");
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * The first query of every sealAuditChains run (core/audit/audit.ts), which the server's job
 * runner repeats every 5 seconds: which chains have unsealed events. Timed at each size, since
 * it runs beside the pages being measured.
 */
/** The sealing job's first query (core/audit/audit.ts sealAuditChains): the chains with queued events. */
const SEAL_PENDING_SQL = `select distinct "tenant_id" from "audit_unsealed"`;
const background: { database: string; logs: number; ms: number; plan: string }[] = [];

const PAGE_TARGET = 3;
const SCALE_TARGET = 1.5;
const LIST_PATH = "/stafettlogger";

/** One statement as the server sent it, and on which connection (backend pid; PGlite has one). */
interface Statement {
  text: string;
  params?: unknown[];
  conn?: number | string;
}

/** One transaction (begin … commit on one connection), or one statement outside a transaction. */
type Block = Statement[];
/**
 * One request's SQL in the order it ran: stages one after the other, and within a stage the
 * blocks that overlapped in time (the root loader and the page's loader run side by side on two
 * pooled connections), replayed side by side as well.
 */
type Sequence = Block[][];

interface Timing {
  count: number;
  p50: number;
  p95: number;
  perSecond: number;
  errors: number;
}

interface Row {
  database: "postgres" | "pglite";
  logs: number;
  page: "log page" | "my logs";
  http: Timing;
  /** The raw SQL beside the running (idle) server on PostgreSQL; alone on PGlite. */
  raw: Timing;
  /** The raw SQL with no server running (no background jobs). */
  quiet: Timing;
  statements: number;
  explain: { ms: number; text: string; plan: string }[];
}

// ---------------------------------------------------------------------------------------------
// Capturing the server's SQL
// ---------------------------------------------------------------------------------------------

/**
 * A preload module for the server process: it wraps pg's Client.prototype.query and PGlite's
 * query and transaction, and appends every statement (text and parameters) to a file. Only the
 * capture run uses it; the measured server runs without it. It lives under node_modules/.cache
 * so that "pg" and "@electric-sql/pglite" resolve to the very modules the server loads.
 */
function writeCaptureModule(): { file: string; remove(): void } {
  const dir = path.join(root, "node_modules", ".cache", "laget-bench");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `capture-sql-${process.pid}.mjs`);
  writeFileSync(
    file,
    `import { appendFileSync } from "node:fs";
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
const out = process.env.BENCH_CAPTURE_FILE;
const record = (text, params, conn) => {
  try {
    appendFileSync(out, JSON.stringify({ text, params: Array.isArray(params) ? params : undefined, conn }) + "\\n");
  } catch {}
};
const pgQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (config, values, callback) {
  const text = typeof config === "string" ? config : config && config.text;
  // drizzle calls query({ text, rowMode, types }, params); others query(text, params) or query({ text, values }).
  if (typeof text === "string") record(text, typeof config === "string" ? values : (config.values ?? values), this.processID);
  return pgQuery.call(this, config, values, callback);
};
const pgliteQuery = PGlite.prototype.query;
PGlite.prototype.query = function (text, params, options) {
  record(text, params, "pglite");
  return pgliteQuery.call(this, text, params, options);
};
const pgliteTransaction = PGlite.prototype.transaction;
PGlite.prototype.transaction = function (callback) {
  return pgliteTransaction.call(this, async (tx) => {
    record("begin", undefined, "pglite");
    const txQuery = tx.query;
    tx.query = (text, params, options) => {
      record(text, params, "pglite");
      return txQuery.call(tx, text, params, options);
    };
    try {
      const result = await callback(tx);
      record("commit", undefined, "pglite");
      return result;
    } catch (error) {
      record("rollback", undefined, "pglite");
      throw error;
    }
  });
};
`,
  );
  return { file, remove: () => rmSync(file, { force: true }) };
}

/** Statements of the server's background jobs (audit sealing, pg-boss), not of a page. */
function isBackground(statement: Statement): boolean {
  return /pgboss|audit_chain|audit_unsealed|pg_try_advisory|advisory_xact_lock/i.test(
    statement.text,
  );
}

const isBegin = (statement: Statement) => /^\s*begin/i.test(statement.text);
const isEnd = (statement: Statement) => /^\s*(commit|rollback)/i.test(statement.text);
const isSetup = (statement: Statement) => /set_config\(/i.test(statement.text);

/** Groups captured statements into transactions per connection, and overlapping transactions into stages. */
function toSequence(statements: Statement[]): Sequence {
  const blocks: { start: number; end: number; statements: Block }[] = [];
  const open = new Map<unknown, { start: number; end: number; statements: Block }>();
  statements.forEach((statement, index) => {
    let block = open.get(statement.conn);
    if (!block) {
      block = { start: index, end: index, statements: [] };
      blocks.push(block);
      if (isBegin(statement)) open.set(statement.conn, block);
    }
    block.statements.push(statement);
    block.end = index;
    if (isEnd(statement)) open.delete(statement.conn);
  });
  const stages: Sequence = [];
  let stageEnd = -1;
  for (const block of blocks) {
    // A background job's transaction is not the page's.
    if (block.statements.some(isBackground)) continue;
    if (stages.length > 0 && block.start <= stageEnd)
      stages[stages.length - 1]!.push(block.statements);
    else stages.push([block.statements]);
    stageEnd = Math.max(stageEnd, block.end);
  }
  return stages;
}

/** The statements that do work: not begin/commit or the role and tenant settings. */
function queriesOf(sequence: Sequence): Statement[] {
  return sequence
    .flat(2)
    .filter((statement) => !isBegin(statement) && !isEnd(statement) && !isSetup(statement));
}

/** Requests a path once and returns the SQL the server issued for it. */
async function capture(
  server: StartedServer,
  captureFile: string,
  pathName: string,
  cookie: string,
): Promise<Sequence> {
  const before = statSync(captureFile).size;
  const response = await fetch(`${server.url}${pathName}`, { headers: { cookie } });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${pathName} answered ${response.status}`);
  // Appends are synchronous in the server, before the response is sent.
  const added = readFileSync(captureFile).subarray(before).toString("utf8");
  return toSequence(
    added
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Statement),
  );
}

/** The fewest statements of two tries: anything else that ran alongside shows up as extra. */
async function captureStable(
  server: StartedServer,
  captureFile: string,
  pathName: string,
  cookie: string,
): Promise<Sequence> {
  const first = await capture(server, captureFile, pathName, cookie);
  const second = await capture(server, captureFile, pathName, cookie);
  return first.flat(2).length <= second.flat(2).length ? first : second;
}

// ---------------------------------------------------------------------------------------------
// Measuring
// ---------------------------------------------------------------------------------------------

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function timing(times: number[], elapsedMs: number, errors: number): Timing {
  times.sort((a, b) => a - b);
  return {
    count: times.length,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    perSecond: times.length / (elapsedMs / 1000),
    errors,
  };
}

/** autocannon over the paths (each connection walks them in turn); every 2xx response time counts. */
async function measureHttp(baseUrl: string, paths: string[], cookie: string): Promise<Timing> {
  const times: number[] = [];
  let errors = 0;
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: baseUrl,
        connections,
        duration: seconds,
        headers: { cookie },
        requests: paths.map((pathName) => ({ method: "GET", path: pathName })),
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on("response", (_client, status, _bytes, responseTime) => {
      if (status >= 200 && status < 300) times.push(responseTime);
      else errors += 1;
    });
  });
  return timing(times, performance.now() - started, errors + result.errors + result.timeouts);
}

interface Runner {
  query(text: string, params?: unknown[]): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * Replays the sequences (one per page request) in turn for the bench duration, one time per
 * sequence. Each virtual client has as many connections as the widest stage needs; `parallel`
 * false (PGlite, one connection) runs a stage's blocks one after the other.
 */
async function measureRaw(
  openRunner: () => Promise<Runner>,
  sequences: Sequence[],
  clients: number,
  parallel: boolean,
) {
  const width = parallel
    ? Math.max(1, ...sequences.flatMap((sequence) => sequence.map((stage) => stage.length)))
    : 1;
  const runners = await Promise.all(
    Array.from({ length: clients }, () =>
      Promise.all(Array.from({ length: width }, () => openRunner())),
    ),
  );
  const times: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  try {
    // A short warm-up, as the HTTP run has.
    for (const sequence of sequences.slice(0, 5)) await replay(runners[0]!, sequence, parallel);
    await Promise.all(
      runners.map(async (connections, index) => {
        for (let i = index; performance.now() < deadline; i += 1) {
          const sequence = sequences[i % sequences.length]!;
          const begun = performance.now();
          try {
            await replay(connections, sequence, parallel);
            times.push(performance.now() - begun);
          } catch {
            errors += 1;
            for (const runner of connections) await runner.query("rollback").catch(() => undefined);
          }
        }
      }),
    );
  } finally {
    for (const runner of runners.flat()) await runner.close();
  }
  return timing(times, performance.now() - started, errors);
}

async function replay(connections: Runner[], sequence: Sequence, parallel: boolean) {
  const run = async (runner: Runner, block: Block) => {
    for (const statement of block) await runner.query(statement.text, statement.params);
  };
  for (const stage of sequence) {
    if (parallel) await Promise.all(stage.map((block, index) => run(connections[index]!, block)));
    else for (const block of stage) await run(connections[0]!, block);
  }
}

function pgRunner(url: string): () => Promise<Runner> {
  return async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return {
      query: (text, params) => client.query(text, params as unknown[]),
      close: () => client.end(),
    };
  };
}

/**
 * EXPLAIN ANALYZE of each statement of one request, inside its transaction's settings (role and
 * tenant, so row-level security applies as in the app), rolled back.
 */
async function explainSequence(runner: Runner, sequence: Sequence) {
  const results: { ms: number; text: string; plan: string }[] = [];
  for (const block of sequence.flat()) {
    const setup = block.filter(isSetup);
    for (const statement of block) {
      if (isBegin(statement) || isEnd(statement) || isSetup(statement)) continue;
      await runner.query("begin");
      try {
        for (const step of setup) await runner.query(step.text, step.params);
        const result = (await runner.query(
          `explain (analyze, buffers, format json) ${statement.text}`,
          statement.params,
        )) as { rows: { "QUERY PLAN": unknown }[] };
        const raw = result.rows[0]!["QUERY PLAN"];
        const plan = (typeof raw === "string" ? JSON.parse(raw) : raw) as {
          Plan: Record<string, unknown>;
          "Execution Time": number;
        }[];
        results.push({
          ms: plan[0]!["Execution Time"],
          text: statement.text.trim().replace(/\s+/g, " "),
          plan: describePlan(plan[0]!.Plan),
        });
      } finally {
        await runner.query("rollback");
      }
    }
  }
  return results;
}

/** The plan's scans in one line: Seq Scan on x (rows), Index Scan using y … */
function describePlan(node: Record<string, unknown>): string {
  const parts: string[] = [];
  const walk = (current: Record<string, unknown>) => {
    const type = String(current["Node Type"]);
    if (/Scan/.test(type) && (current["Relation Name"] || current["Index Name"])) {
      const target = current["Index Name"]
        ? `${type} using ${String(current["Index Name"])}`
        : `${type} on ${String(current["Relation Name"])}`;
      const rows = Number(current["Actual Rows"] ?? 0) * Number(current["Actual Loops"] ?? 1);
      const removed = Number(current["Rows Removed by Filter"] ?? 0);
      parts.push(`${target} (${rows} rows${removed ? `, ${removed} filtered` : ""})`);
    }
    for (const child of (current.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
  };
  walk(node);
  return parts.join("; ");
}

// ---------------------------------------------------------------------------------------------
// One database
// ---------------------------------------------------------------------------------------------

interface Target {
  database: "postgres" | "pglite";
  logs: number;
  env: Record<string, string>;
  /** The bench user's log paths, read before the server starts (PGlite allows one process). */
  logPaths: string[];
  /** Opens raw connections; for PGlite only after the server has stopped. */
  openRunner: () => Promise<Runner>;
  /** Virtual clients of the raw replay, and whether a stage's transactions run side by side. */
  rawClients: number;
  rawParallel: boolean;
  /** Replay the raw SQL while the measured server is still up (PostgreSQL; PGlite allows one process). */
  rawWhileServing: boolean;
}

async function benchLogPaths(runner: Runner): Promise<string[]> {
  const names = Array.from(
    { length: BENCH_HELD_LOGS + BENCH_PARTICIPANT_LOGS },
    (_, index) => `Barn ${100_001 + index}`,
  );
  const result = (await runner.query(
    "select id, child_name from relay_logs where child_name = any($1::text[]) order by child_name",
    [names],
  )) as { rows: { id: string }[] };
  return result.rows.map((row) => `/stafettlogger/${row.id}`);
}

const commonEnv = {
  SESSION_SECRET: BENCH_SESSION_SECRET,
  DATA_ENCRYPTION_KEY: BENCH_DATA_ENCRYPTION_KEY,
  SEED_DEMO: "false",
  LOG_LEVEL: "warn",
};

/**
 * Captures each page's statements with a capturing server, measures the pages on a plain server,
 * replays the statements raw beside it (PostgreSQL) and again with no server running, and
 * explains them.
 */
async function measureTarget(target: Target, work: string): Promise<Row[]> {
  const captureFile = path.join(work, `capture-${target.database}-${target.logs}.jsonl`);
  writeFileSync(captureFile, "");
  const preload = writeCaptureModule();
  const captured: { list: Sequence; logs: Sequence[] } = { list: [], logs: [] };
  let captureToken = "";

  const capturing = await startLaget({
    ...target.env,
    BENCH_CAPTURE_FILE: captureFile,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import ${preload.file}`.trim(),
  }).catch((error: unknown) => {
    preload.remove();
    throw error;
  });
  try {
    const cookie = await login(capturing.url, BENCH_USER_EMAIL, BENCH_PASSWORD);
    captureToken = /laget_session=([^;]+)/.exec(cookie)?.[1] ?? "";
    // Warm up (lazy imports, caches) before capturing.
    for (const pathName of [LIST_PATH, ...target.logPaths.slice(0, 3)])
      await capture(capturing, captureFile, pathName, cookie);
    captured.list = await captureStable(capturing, captureFile, LIST_PATH, cookie);
    for (const pathName of target.logPaths) {
      captured.logs.push(await captureStable(capturing, captureFile, pathName, cookie));
    }
  } finally {
    await capturing.stop();
    preload.remove();
  }

  const rows: Row[] = [];
  // The captured statements name the capture run's session; replay with the measured run's.
  let sessionToken = "";
  const swap = (sequence: Sequence): Sequence =>
    sequence.map((stage) =>
      stage.map((block) =>
        block.map((statement) => ({
          ...statement,
          params: statement.params?.map((value) =>
            value === sha256Hex(captureToken) ? sha256Hex(sessionToken) : value,
          ),
        })),
      ),
    );
  let listSequence: Sequence = [];
  let logSequences: Sequence[] = [];
  let raw: { list: Timing; log: Timing } | null = null;
  let quiet: { list: Timing; log: Timing } | null = null;
  const measureSql = async () => {
    listSequence = swap(captured.list);
    logSequences = captured.logs.map(swap);
    if (process.env.BENCH_RELAY_DUMP) {
      writeFileSync(
        process.env.BENCH_RELAY_DUMP,
        JSON.stringify({ list: listSequence, log: logSequences[0] }, null, 2),
      );
    }
    raw = {
      log: await measureRaw(target.openRunner, logSequences, target.rawClients, target.rawParallel),
      list: await measureRaw(
        target.openRunner,
        [listSequence],
        target.rawClients,
        target.rawParallel,
      ),
    };
  };

  const server = await startLaget(target.env);
  let http: { list: Timing; log: Timing };
  try {
    const cookie = await login(server.url, BENCH_USER_EMAIL, BENCH_PASSWORD);
    sessionToken = /laget_session=([^;]+)/.exec(cookie)?.[1] ?? "";
    for (let i = 0; i < 2; i += 1) {
      for (const pathName of [LIST_PATH, ...target.logPaths]) {
        const response = await fetch(`${server.url}${pathName}`, { headers: { cookie } });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`${pathName} answered ${response.status}`);
      }
    }
    http = {
      log: await measureHttp(server.url, target.logPaths, cookie),
      list: await measureHttp(server.url, [LIST_PATH], cookie),
    };
    // On PostgreSQL the raw SQL runs while the (now idle) server still runs its background jobs,
    // so both sides of the ratio share the same machine and database load.
    if (target.rawWhileServing) await measureSql();
  } finally {
    await server.stop();
  }
  const servingTimes = raw as { list: Timing; log: Timing } | null;
  // Again with no server running: what the SQL costs without the server's background jobs.
  await measureSql();
  quiet = raw as unknown as { list: Timing; log: Timing };
  const rawTimes = servingTimes ?? quiet;

  const runner = await target.openRunner();
  let explainLog: Row["explain"] = [];
  let explainList: Row["explain"] = [];
  try {
    explainLog = await explainSequence(runner, logSequences[0]!);
    explainList = await explainSequence(runner, listSequence);
    background.push({
      database: target.database,
      logs: target.logs,
      ...(await explainSequence(runner, [[[{ text: SEAL_PENDING_SQL }]]]))[0]!,
    });
  } finally {
    await runner.close();
  }
  rows.push({
    database: target.database,
    logs: target.logs,
    page: "log page",
    http: http.log,
    raw: rawTimes.log,
    quiet: quiet.log,
    statements: Math.round(
      logSequences.reduce((sum, sequence) => sum + queriesOf(sequence).length, 0) /
        logSequences.length,
    ),
    explain: explainLog,
  });
  rows.push({
    database: target.database,
    logs: target.logs,
    page: "my logs",
    http: http.list,
    raw: rawTimes.list,
    quiet: quiet.list,
    statements: queriesOf(listSequence).length,
    explain: explainList,
  });
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------

function sizeLabel(logs: number): string {
  return logs % 1000 === 0 ? `${logs / 1000}k` : String(logs);
}

function print(rows: Row[]) {
  const widths = [10, 6, 10, 7, 9, 9, 9, 9, 10, 7, 10, 12, 11];
  const line = (cells: string[]) =>
    console.log(cells.map((cell, i) => cell.padEnd(widths[i] ?? 10)).join(""));
  console.log("");
  line([
    "database",
    "logs",
    "page",
    "req/s",
    "p50 ms",
    "p95 ms",
    "SQL p50",
    "SQL p95",
    "alone p50",
    "stmts",
    "page/SQL",
    "vs 1k page",
    "vs 1k SQL",
  ]);
  const missed: string[] = [];
  for (const row of rows) {
    const ratio = row.http.p50 / row.raw.p50;
    const base = rows.find(
      (other) => other.database === row.database && other.page === row.page && other.logs === 1000,
    );
    const scale = base && base !== row ? row.http.p50 / base.http.p50 : null;
    const scaleRaw = base && base !== row ? row.raw.p50 / base.raw.p50 : null;
    const label = `${row.database} ${sizeLabel(row.logs)} ${row.page}`;
    if (ratio > PAGE_TARGET)
      missed.push(`${label}: page/SQL ${ratio.toFixed(2)}× > ${PAGE_TARGET}×`);
    if (scale !== null && scale > SCALE_TARGET) {
      missed.push(`${label}: ${scale.toFixed(2)}× slower than at 1k > ${SCALE_TARGET}×`);
    }
    if (row.http.errors > 0 || row.raw.errors > 0) {
      missed.push(`${label}: ${row.http.errors} HTTP and ${row.raw.errors} SQL errors`);
    }
    line([
      row.database,
      sizeLabel(row.logs),
      row.page,
      row.http.perSecond.toFixed(0),
      row.http.p50.toFixed(1),
      row.http.p95.toFixed(1),
      row.raw.p50.toFixed(2),
      row.raw.p95.toFixed(2),
      row.quiet.p50.toFixed(2),
      String(row.statements),
      `${ratio.toFixed(2)}×${ratio > PAGE_TARGET ? "!" : ""}`,
      scale === null ? "–" : `${scale.toFixed(2)}×${scale > SCALE_TARGET ? "!" : ""}`,
      scaleRaw === null ? "–" : `${scaleRaw.toFixed(2)}×`,
    ]);
  }
  console.log(
    `SQL: the page's captured statements replayed with pg beside the idle server (PGlite: alone); ` +
      `alone: with no server running, so without its background jobs. stmts: queries per page.\n` +
      `Targets: page p50 ≤ ${PAGE_TARGET}× its SQL p50; p50 at 100k ≤ ${SCALE_TARGET}× p50 at 1k. ` +
      `${connections} connection(s), ${seconds} s per measurement.`,
  );
  if (missed.length === 0) console.log("All targets met.");
  for (const entry of missed) console.log(`MISSED: ${entry}`);

  console.log(
    "\nBackground: the audit sealing job's pending-chain query (runs every 5 s in the server):",
  );
  for (const item of background) {
    console.log(
      `  ${item.database} ${sizeLabel(item.logs)}: ${item.ms.toFixed(1)} ms  ${item.plan.slice(0, 200)}`,
    );
  }
  console.log("\nSlowest statements (EXPLAIN ANALYZE, first log and the list):");
  for (const row of rows) {
    const top = [...row.explain].sort((a, b) => b.ms - a.ms).slice(0, 3);
    console.log(
      `  ${row.database} ${sizeLabel(row.logs)} ${row.page}: ${row.explain.length} statements, ` +
        `${row.explain.reduce((sum, item) => sum + item.ms, 0).toFixed(2)} ms in all`,
    );
    for (const item of top) {
      console.log(`    ${item.ms.toFixed(2)} ms  ${item.text.slice(0, 140)}`);
      if (item.plan) console.log(`             ${item.plan.slice(0, 220)}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------

async function main() {
  console.log(
    `Laget relay log benchmark: ${sizes.map(sizeLabel).join(" and ")} logs, ${seconds} s per measurement, ` +
      `${connections} connection(s), Node ${process.version}`,
  );
  const work = mkdtempSync(path.join(tmpdir(), "laget-bench-relay-"));
  const rows: Row[] = [];
  try {
    for (const logs of sizes) {
      const started = performance.now();
      const filled = await ensurePostgresBenchDatabase({
        serverUrl: defaultServerUrl,
        logs,
        fresh,
      }).catch((error: unknown) => {
        console.log(`PostgreSQL ${benchDatabaseName(logs)} skipped: ${(error as Error).message}`);
        return null;
      });
      if (!filled) continue;
      if (filled.filled) printRows(filled.filled);
      const openRunner = pgRunner(filled.url);
      const probe = await openRunner();
      const logPaths = await benchLogPaths(probe).finally(() => probe.close());
      rows.push(
        ...(await measureTarget(
          {
            database: "postgres",
            logs,
            env: { ...commonEnv, DATABASE_URL: filled.url },
            logPaths,
            openRunner,
            rawClients: connections,
            rawParallel: true,
            rawWhileServing: true,
          },
          work,
        )),
      );
      console.log(
        `postgres ${sizeLabel(logs)}: ${((performance.now() - started) / 1000).toFixed(0)} s (data ${filled.filled ? `generated in ${filled.filled.seconds.toFixed(0)} s` : "reused"})`,
      );
    }
    if (runPglite && sizes.includes(1000)) {
      const started = performance.now();
      // Kept between runs like the PostgreSQL databases (data/ is not in git); --fresh rebuilds.
      const dataDir = path.join(root, "data", "bench", "pglite-1k");
      try {
        const filled = await ensurePgliteBenchData({ dataDir, logs: 1000, fresh });
        if (filled.filled) printRows(filled.filled);
        const pgliteDir = path.join(dataDir, "pglite");
        const openRunner = async (): Promise<Runner> => {
          const database = await openPglite(pgliteDir);
          return {
            query: (text, params) => database.pglite.query(text, params),
            close: () => database.close(),
          };
        };
        const probe = await openRunner();
        const logPaths = await benchLogPaths(probe).finally(() => probe.close());
        rows.push(
          ...(await measureTarget(
            {
              database: "pglite",
              logs: 1000,
              env: { ...commonEnv, DATA_DIR: dataDir },
              logPaths,
              openRunner,
              rawClients: 1,
              rawParallel: false,
              rawWhileServing: false,
            },
            work,
          )),
        );
      } catch (error) {
        console.log(`PGlite skipped: ${(error as Error).message}`);
      }
      console.log(`pglite 1k: ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  print(rows);
}

await main();
