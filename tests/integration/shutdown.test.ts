import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { openPglite } from "../../db/client.ts";
import { csrfTokenFor, CSRF_COOKIE } from "../../server/cookies.ts";
import { databaseKinds, freshPostgresUrl, type DatabaseKind } from "../support/databases.ts";

const root = path.resolve(import.meta.dirname, "../..");
// npm test builds the UI before the tests; a run on its own builds it here when it is missing.
const buildDir = process.env.LAGET_BUILD_DIR ?? "build";

interface Started {
  child: ChildProcess;
  port: number;
  stdout: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  sessionSecret: string;
  cleanup: () => Promise<void>;
}

async function startServer(kind: DatabaseKind): Promise<Started> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "laget-shutdown-"));
  const postgres = kind === "postgres" ? await freshPostgresUrl() : null;
  if (kind === "pglite") {
    // Start from the migrated snapshot so the server does not spend the test migrating.
    const database = await openPglite(path.join(dataDir, "pglite"), {
      loadDataDir: new Blob([readFileSync(inject("pgliteSnapshot"))]),
    });
    await database.close();
  }
  const sessionSecret = randomBytes(32).toString("hex");
  const child = spawn(process.execPath, [path.join(root, "bin/laget.js"), "serve"], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "test",
      PORT: "0",
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      LAGET_BUILD_DIR: buildDir,
      LOG_LEVEL: "warn",
      SEED_DEMO: "false",
      SESSION_SECRET: sessionSecret,
      DATA_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
      ...(postgres ? { DATABASE_URL: postgres.url } : {}),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const cleanup = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGKILL");
      await exit;
    }
    rmSync(dataDir, { recursive: true, force: true });
    await postgres?.drop();
  };
  try {
    const port = await waitFor(
      () => /Laget kjører på http:\/\/localhost:(\d+)/.exec(out)?.[1],
      exit,
      () => out,
    );
    return { child, port: Number(port), stdout: () => out, exit, sessionSecret, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/** Resolves with the first truthy value of `probe`, checked as output arrives; fails if the process ends first. */
function waitFor<T>(
  probe: () => T | undefined,
  exit: Promise<unknown>,
  output: () => string,
  timeoutMs = 20_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setInterval(check, 25);
    const limit = setTimeout(
      () => finish(new Error(`Timed out waiting; output so far:\n${output()}`)),
      timeoutMs,
    );
    void exit.then(() => {
      const value = probe();
      if (value) finish(undefined, value);
      else finish(new Error(`The server exited; output:\n${output()}`));
    });
    function check() {
      const value = probe();
      if (value) finish(undefined, value);
    }
    function finish(error?: Error, value?: T) {
      clearInterval(timer);
      clearTimeout(limit);
      if (error) reject(error);
      else resolve(value!);
    }
  });
}

/** A plain GET with its own connection (closed afterwards, so it is not left idle). */
function get(
  port: number,
  pathname: string,
): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: "127.0.0.1", port, path: pathname, agent: false, headers: { connection: "close" } },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

let server: Started | undefined;
afterEach(async () => {
  await server?.cleanup();
  server = undefined;
});

beforeAll(() => {
  if (existsSync(path.join(root, buildDir, "server", "index.js"))) return;
  const result = spawnSync("npx", ["react-router", "build"], {
    cwd: root,
    env: { ...process.env, LAGET_BUILD_DIR: buildDir },
    encoding: "utf8",
    timeout: 170_000,
  });
  if (result.status !== 0) throw new Error(`UI build failed:\n${result.stdout}\n${result.stderr}`);
}, 180_000);

describe.each(databaseKinds)("graceful shutdown on %s", (kind) => {
  it("finishes an in-flight request after SIGTERM, refuses new ones and exits 0", async () => {
    server = await startServer(kind);
    const { port } = server;

    // The real server puts the security headers on a rendered page too.
    const page = await get(port, "/");
    expect(page.status).toBe(200);
    expect(String(page.headers["content-security-policy"])).toContain("frame-ancestors 'none'");
    expect(page.headers["x-content-type-options"]).toBe("nosniff");

    // A language switch whose body arrives slowly. `Expect: 100-continue` makes the server
    // say when it has read the request head and handed the request on, so there is no guessing.
    const csrfSecret = "langsom-klient-csrf";
    const body = new URLSearchParams({
      language: "en",
      returnTo: "/",
      _csrf: csrfTokenFor(server.sessionSecret, csrfSecret),
    }).toString();
    const socket: Socket = connect({ host: "127.0.0.1", port });
    let response = "";
    socket.setEncoding("utf8").on("data", (chunk: string) => (response += chunk));
    const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
    socket.on("error", () => undefined);
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    socket.write(
      [
        "POST /sprak HTTP/1.1",
        `Host: 127.0.0.1:${port}`,
        "Content-Type: application/x-www-form-urlencoded",
        `Content-Length: ${Buffer.byteLength(body)}`,
        `Cookie: ${CSRF_COOKIE}=${csrfSecret}`,
        "Expect: 100-continue",
        // Keep-alive, as browsers do: the server must still let go of the connection afterwards.
        "Connection: keep-alive",
        "",
        "",
      ].join("\r\n"),
    );
    await waitFor(
      () => response.includes("100 Continue") || undefined,
      closed,
      () => response,
    );
    socket.write(body.slice(0, 10));

    server.child.kill("SIGTERM");
    await waitFor(
      () => server!.stdout().includes("SIGTERM: avslutter") || undefined,
      server.exit,
      server.stdout,
    );

    // No new connections once shutdown has begun.
    await expect(get(port, "/healthz")).rejects.toThrow(/ECONNREFUSED|ECONNRESET|socket hang up/);

    socket.write(body.slice(10));
    await closed;
    expect(response).toMatch(/HTTP\/1\.1 303 See Other\r\n/);
    expect(response.toLowerCase()).toContain("set-cookie: laget_lang=en");

    const exit = await server.exit;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(server.stdout()).not.toMatch(/error/i);
  }, 60_000);
});
