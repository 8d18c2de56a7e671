import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";

export interface StartedServer {
  url: string;
  /** The server process, for reading its memory from /proc. */
  pid: number | undefined;
  stop(): Promise<void>;
}

/** Starts the built server in its own process, so the load generator does not share its event loop. */
export async function startLaget(env: Record<string, string>): Promise<StartedServer> {
  const child: ChildProcess = spawn(process.execPath, ["bin/laget.js", "serve"], {
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Laget kjører på (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!.replace("localhost", "127.0.0.1"));
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  // Request log lines keep coming; drain them so the pipe never blocks the server.
  child.stdout!.resume();
  child.stderr!.resume();
  return {
    url,
    pid: child.pid,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** Logs in through the real form (CSRF token and all) and returns the cookie header to reuse. */
export async function login(baseUrl: string, email: string, password: string): Promise<string> {
  const page = await fetch(`${baseUrl}/logg-inn`);
  const csrfCookie = page.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
  const html = await page.text();
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error("no CSRF token on the login page");
  const response = await fetch(`${baseUrl}/logg-inn`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ _csrf: token, intent: "password", email, password, returnTo: "/" }),
  });
  const session = response.headers
    .getSetCookie()
    .find((cookie) => cookie.startsWith("laget_session="));
  if (!session) throw new Error(`login failed with status ${response.status}`);
  return `${csrfCookie}; ${session.split(";")[0]}`;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p95: number;
  errors: number;
  non2xx: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Runs autocannon and computes p50/p95 from every response time (autocannon reports p97.5, not p95). */
export async function load(
  url: string,
  options: { headers?: Record<string, string>; seconds: number; connections: number },
): Promise<LoadResult> {
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: options.connections,
        duration: options.seconds,
        headers: options.headers,
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
  times.sort((a, b) => a - b);
  return {
    requestsPerSecond: result.requests.average,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

export function tempDataDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), "laget-bench-"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function tempPostgres(
  baseUrl: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `laget_bench_${randomBytes(4).toString("hex")}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: baseUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

export function secretsEnv(): Record<string, string> {
  return {
    SESSION_SECRET: randomBytes(32).toString("hex"),
    DATA_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
  };
}
