/**
 * npm run bench (part 4) — the indicators of effect (issue 7) on the bench data sets of
 * bench/relay-log-data.ts (1,000 logs, and 100,000 logs over 50 municipalities on PostgreSQL):
 *   - computeIndicators() for one municipality and one half-year, in process, against
 *     the same statements replayed bare over one connection (role and tenant set as the app sets
 *     them, so row-level security applies): ratio = function p50 / SQL p50;
 *   - the page /evaluering/indikatorer over HTTP (the period's set plus six half-years of series),
 *     against the statements of viewIndicators() (the page's loader) replayed bare: ratio = page
 *     p50 / SQL p50 (the session and root loader's few statements are left out of the SQL side,
 *     so the ratio leans high);
 *   - a half-yearly report's generation (buildReportContent: every section of the report).
 *
 * The relay log generator has no worry notes, feedback, network meetings or training; addEvaluationData()
 * adds them set-based (idempotent, marked by a row count) to the bench database, and gives the
 * coordinator of municipality 1 (ansatt2@k9001.bench.example) the bench password.
 *
 * Environment: BENCH_SECONDS (default 10), BENCH_EVALUATION_SIZES (default "1000,100000"),
 * BENCH_EVALUATION_PGLITE (default "true"). Needs a build (npm run build, or LAGET_BUILD_DIR).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import pg from "pg";
import { hashPassword } from "../core/auth/passwords.ts";
import { computeIndicators, viewIndicators } from "../core/evaluation/indicators.ts";
import { buildReportContent } from "../core/evaluation/report-content.ts";
import { previousHalfYear } from "../core/evaluation/indicator-rules.ts";
import { loadStaffActor } from "../core/auth/sessions.ts";
import type { Actor } from "../core/access/actor.ts";
import { osloDate } from "../core/platform/dates.ts";
import { openPglite, openPostgres, type Database } from "../db/client.ts";
import {
  BENCH_DATA_ENCRYPTION_KEY,
  BENCH_PASSWORD,
  BENCH_SESSION_SECRET,
  defaultServerUrl,
  ensurePgliteBenchData,
  ensurePostgresBenchDatabase,
} from "./relay-log-data.ts";
import { load, login, startLaget } from "./support.ts";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const sizes = (process.env.BENCH_EVALUATION_SIZES ?? "1000,100000")
  .split(",")
  .map((value) => Number(value.trim()))
  .filter((value) => Number.isInteger(value) && value > 0);
const runPglite = (process.env.BENCH_EVALUATION_PGLITE ?? "true") !== "false";
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const COORDINATOR_EMAIL = "ansatt2@k9001.bench.example";

// ---------------------------------------------------------------------------------------------
// Extra data the indicators read

const ADDED_MARK = "bench-evaluation";

/** Worry notes, feedback, network meetings and attendance, training: per municipality, set-based. */
async function addEvaluationData(
  query: (text: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>,
) {
  const done = await query(`select count(*)::int as n from feedback_items where page_title = $1`, [
    ADDED_MARK,
  ]);
  if (Number(done.rows[0]!.n) > 0) return;
  const started = performance.now();
  await query("begin");
  // 150 worry notes per municipality over the last 900 days by workers 5…; 85 % decided.
  await query(`
    insert into worry_notes (tenant_id, user_id, pseudonym, deadline, decision, decided_at, created_at)
    select t.id, u.id, 'Benk ' || n, (x.created::date + 14),
      case when n % 7 <> 0 then 'close' end,
      case when n % 7 <> 0 then x.created + make_interval(days => (n * 37) % 25) end, x.created
    from tenants t
      cross join generate_series(1, 150) n
      join lateral (select id from users where tenant_id = t.id and email like 'ansatt%'
                    order by id offset (n * 13) % 400 limit 1) u on true
      cross join lateral (select now() - make_interval(days => (n * 6) % 900) as created) x`);
  // 40 feedback items per municipality, states spread.
  await query(
    `insert into feedback_items (tenant_id, page_path, page_title, kind, text, state, created_at)
     select t.id, '/veileder', $1, 'suggestion', 'Forslag ' || n,
       (array['ny','under_vurdering','tatt_inn','besvart','avvist'])[1 + n % 5],
       now() - make_interval(days => (n * 23) % 900)
     from tenants t cross join generate_series(1, 40) n`,
    [ADDED_MARK],
  );
  // One network per municipality over every unit, a meeting a month, two out of three units attend.
  await query(`
    insert into bts_networks (tenant_id, name)
    select t.id, 'Benknettverk' from tenants t
    on conflict do nothing`);
  await query(`
    insert into bts_network_meetings (tenant_id, network_id, meets_on, status)
    select n.tenant_id, n.id, (current_date - 30 * m), 'held'
    from bts_networks n cross join generate_series(1, 30) m where n.name = 'Benknettverk'`);
  await query(`
    insert into bts_network_attendance (tenant_id, meeting_id, user_id, unit_id, present)
    select m.tenant_id, m.id, uu.user_id, uu.unit_id, true
    from bts_network_meetings m
      join lateral (select distinct on (uu.unit_id) uu.user_id, uu.unit_id from user_units uu
                    where uu.tenant_id = m.tenant_id order by uu.unit_id, uu.user_id) uu on true
    where (hashtext(m.id::text || uu.unit_id::text) & 3) <> 0
    on conflict do nothing`);
  // Two training events per municipality; 40 % of staff attended the first.
  await query(`
    insert into training_events (tenant_id, kind, title, starts_at, ends_at)
    select t.id, 'course', 'Benkkurs ' || k, now() - make_interval(days => 200 * k),
      now() - make_interval(days => 200 * k) + interval '3 hours'
    from tenants t cross join generate_series(1, 2) k`);
  await query(`
    insert into training_registrations (tenant_id, event_id, user_id, attended)
    select e.tenant_id, e.id, u.id, (hashtext(u.id::text) & 7) < 3
    from training_events e join users u on u.tenant_id = e.tenant_id
    where e.title = 'Benkkurs 1'
    on conflict do nothing`);
  await query(`update users set password_hash = $1 where lower(email) = $2`, [
    await hashPassword(BENCH_PASSWORD),
    COORDINATOR_EMAIL,
  ]);
  await query("commit");
  console.log(`  evaluation data added in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

// ---------------------------------------------------------------------------------------------
// Capturing the SQL of one call, in process

interface Statement {
  text: string;
  params?: unknown[];
}

/** Runs `work` once with every statement of its transaction recorded (pg or PGlite). */
async function captureStatements(kind: "postgres" | "pglite", work: () => Promise<unknown>) {
  const statements: Statement[] = [];
  const record = (text: string, params?: unknown) => {
    statements.push({ text, params: Array.isArray(params) ? params : undefined });
  };
  // Monkey-patching the drivers for one call: loosely typed on purpose.
  /* eslint-disable @typescript-eslint/no-explicit-any */
  const target: any = kind === "postgres" ? pg.Client.prototype : PGlite.prototype;
  const original = target.query;
  const originalTx = target.transaction;
  target.query = function (this: unknown, config: any, values: any, callback: any) {
    const text = typeof config === "string" ? config : config?.text;
    if (typeof text === "string") {
      record(text, typeof config === "string" ? values : (config.values ?? values));
    }
    return original.call(this, config, values, callback);
  };
  if (kind === "pglite") {
    target.transaction = function (this: unknown, callback: (tx: any) => Promise<unknown>) {
      return originalTx.call(this, async (tx: any) => {
        const txQuery = tx.query;
        tx.query = (text: string, params?: unknown[], options?: unknown) => {
          record(text, params);
          return txQuery.call(tx, text, params, options);
        };
        return callback(tx);
      });
    };
  }
  /* eslint-enable @typescript-eslint/no-explicit-any */
  try {
    await work();
  } finally {
    target.query = original;
    if (kind === "pglite") target.transaction = originalTx;
  }
  // Keep the role/tenant setup (RLS as in the app) and the work; drop begin/commit.
  return statements.filter((s) => !/^\s*(begin|commit|rollback)/i.test(s.text));
}

function percentile(sorted: number[], p: number): number {
  return sorted[
    Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  ]!;
}

/** Repeats `run` for the bench duration (at least 5 times); p50 and p95 in ms. */
async function repeat(run: () => Promise<unknown>) {
  const times: number[] = [];
  await run();
  const deadline = performance.now() + seconds * 1000;
  while (performance.now() < deadline || times.length < 5) {
    const begun = performance.now();
    await run();
    times.push(performance.now() - begun);
  }
  times.sort((a, b) => a - b);
  return { count: times.length, p50: percentile(times, 50), p95: percentile(times, 95) };
}

interface Row {
  database: string;
  logs: number;
  what: string;
  p50: number;
  p95: number;
  sqlP50: number | null;
  statements: number | null;
}

async function measureTarget(input: {
  database: "postgres" | "pglite";
  logs: number;
  open: () => Promise<Database>;
  rawQuery: () => Promise<{
    query(text: string, params?: unknown[]): Promise<unknown>;
    close(): Promise<void>;
  }>;
  env: Record<string, string>;
}): Promise<Row[]> {
  const rows: Row[] = [];
  const today = osloDate();
  const period = previousHalfYear(today);
  const timings: Record<string, { p50: number; p95: number; statements: Statement[] }> = {};
  // 1. In process: capture each call's statements, then time the call. (One PGlite instance at
  //    a time: the database is closed before the bare replay opens the directory again.)
  const database = await input.open();
  let tenantId = "";
  try {
    const found = await database.system(async (tx) => {
      const result = (await tx.execute(
        sql`select id, tenant_id from users where lower(email) = ${COORDINATOR_EMAIL}`,
      )) as unknown as { rows: { id: string; tenant_id: string }[] };
      const row = result.rows[0];
      if (!row) throw new Error(`${COORDINATOR_EMAIL} is missing from the bench data`);
      return { tenantId: row.tenant_id, actor: await loadStaffActor(tx, row.id) };
    });
    tenantId = found.tenantId;
    const actor = found.actor as Actor;
    const calls: Record<string, () => Promise<unknown>> = {
      computeIndicators: () =>
        database.tenant(tenantId, (tx) => computeIndicators(tx, tenantId, period, { today })),
      "viewIndicators (page loader)": () =>
        viewIndicators({
          database,
          actor,
          meta: { ip: null, userAgent: "bench", requestId: null },
          scope: period,
          today,
        }),
    };
    // A half-yearly report's whole content (every section), as the report page and PDF build it.
    calls["report generation"] = () =>
      database.tenant(tenantId, (tx) =>
        buildReportContent(tx, tenantId, { kind: "half_year", ...period, surveyIds: [], today }),
      );
    for (const [name, call] of Object.entries(calls)) {
      const statements = await captureStatements(input.database, call);
      const timing = await repeat(call);
      timings[name] = { ...timing, statements };
    }
  } finally {
    await database.close();
  }
  // 2. The same statements bare, over one connection, each run rolled back (the audit insert of
  //    viewIndicators is left out: it writes).
  const raw = await input.rawQuery();
  try {
    for (const [name, timing] of Object.entries(timings)) {
      const statements = timing.statements.filter(
        (s) => !/insert into "audit_events"/i.test(s.text),
      );
      const replay = await repeat(async () => {
        await raw.query("begin");
        try {
          for (const s of statements) await raw.query(s.text, s.params);
        } finally {
          await raw.query("rollback");
        }
      });
      rows.push({
        database: input.database,
        logs: input.logs,
        what: name,
        p50: name.startsWith("viewIndicators") ? Number.NaN : timing.p50,
        p95: name.startsWith("viewIndicators") ? Number.NaN : timing.p95,
        sqlP50: replay.p50,
        statements: statements.length,
      });
    }
  } finally {
    await raw.close();
  }
  // 3. The page over HTTP.
  const server = await startLaget(input.env);
  try {
    const cookie = await login(server.url, COORDINATOR_EMAIL, BENCH_PASSWORD);
    const pagePath = `/evaluering/indikatorer?periode=${period.label}`;
    const probe = await fetch(`${server.url}${pagePath}`, { headers: { cookie } });
    await probe.arrayBuffer();
    if (probe.status !== 200) throw new Error(`${pagePath} answered ${probe.status}`);
    const result = await load(`${server.url}${pagePath}`, {
      headers: { cookie },
      seconds,
      connections: 1,
    });
    const loaderRow = rows.find((row) => row.what.startsWith("viewIndicators"))!;
    rows.push({
      database: input.database,
      logs: input.logs,
      what: "page /evaluering/indikatorer",
      p50: result.p50,
      p95: result.p95,
      sqlP50: loaderRow.sqlP50,
      statements: loaderRow.statements,
    });
  } finally {
    await server.stop();
  }
  return rows;
}

function print(rows: Row[]) {
  console.log("");
  console.log(
    ["database", "logs", "what", "p50 ms", "p95 ms", "SQL p50", "stmts", "ratio"]
      .map((cell, i) => cell.padEnd([10, 8, 32, 10, 10, 10, 7, 8][i]!))
      .join(""),
  );
  for (const row of rows) {
    const ratio = row.sqlP50 && Number.isFinite(row.p50) ? row.p50 / row.sqlP50 : null;
    console.log(
      [
        row.database,
        String(row.logs),
        row.what,
        Number.isFinite(row.p50) ? row.p50.toFixed(1) : "–",
        Number.isFinite(row.p95) ? row.p95.toFixed(1) : "–",
        row.sqlP50 === null ? "–" : row.sqlP50.toFixed(1),
        row.statements === null ? "–" : String(row.statements),
        ratio === null ? "–" : `${ratio.toFixed(2)}×`,
      ]
        .map((cell, i) => cell.padEnd([10, 8, 32, 10, 10, 10, 7, 8][i]!))
        .join(""),
    );
  }
  console.log(
    "ratio: time / the same statements replayed bare over one connection (role and tenant set, rolled back).\n" +
      "The page's SQL side is viewIndicators()' statements (period + 6 half-years), without the session and root loader.",
  );
}

async function main() {
  console.log(`Laget evaluation benchmark: ${sizes.join(", ")} logs, ${seconds} s per measurement`);
  const rows: Row[] = [];
  const commonEnv = {
    SESSION_SECRET: BENCH_SESSION_SECRET,
    DATA_ENCRYPTION_KEY: BENCH_DATA_ENCRYPTION_KEY,
    SEED_DEMO: "false",
    LOG_LEVEL: "warn",
  };
  for (const logs of sizes) {
    const filled = await ensurePostgresBenchDatabase({ serverUrl: defaultServerUrl, logs }).catch(
      (error: unknown) => {
        console.log(`PostgreSQL ${logs}: skipped: ${(error as Error).message}`);
        return null;
      },
    );
    if (!filled) continue;
    const client = new pg.Client({ connectionString: filled.url });
    await client.connect();
    await addEvaluationData((text, params) => client.query(text, params as unknown[]));
    await client.end();
    rows.push(
      ...(await measureTarget({
        database: "postgres",
        logs,
        open: async () => openPostgres(filled.url),
        rawQuery: async () => {
          const raw = new pg.Client({ connectionString: filled.url });
          await raw.connect();
          return {
            query: (text, params) => raw.query(text, params as unknown[]),
            close: () => raw.end(),
          };
        },
        env: { ...commonEnv, DATABASE_URL: filled.url },
      })),
    );
  }
  if (runPglite && sizes.includes(1000)) {
    const dataDir = path.join(root, "data", "bench", "pglite-1k");
    await ensurePgliteBenchData({ dataDir, logs: 1000 });
    const pgliteDir = path.join(dataDir, "pglite");
    const setup = await openPglite(pgliteDir);
    await addEvaluationData((text, params) => setup.pglite.query(text, params));
    await setup.close();
    rows.push(
      ...(await measureTarget({
        database: "pglite",
        logs: 1000,
        open: async () => openPglite(pgliteDir),
        rawQuery: async () => {
          const raw = await openPglite(pgliteDir);
          return {
            query: (text, params) => raw.pglite.query(text, params),
            close: () => raw.close(),
          };
        },
        env: { ...commonEnv, DATA_DIR: dataDir },
      })),
    );
  }
  print(rows);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
