import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

// No runtime import of vitest here: the e2e global setup uses this outside a test worker.

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface LagetServer {
  kind: "pglite" | "postgres";
  url: string;
  /** Everything the server printed so far, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/** A fresh temporary copy of a (seeded, stopped) data folder: the database and its secrets. */
export function copyDataDir(source: string, prefix = "laget-e2e-"): string {
  const dataDir = mkdtempSync(path.join(tmpdir(), prefix));
  cpSync(source, dataDir, { recursive: true });
  return dataDir;
}

/**
 * Runs `node bin/laget.js serve` on a free port with a fresh temporary DATA_DIR (empty, or a copy
 * of `dataDirFrom`), on PGlite or (with `databaseUrl`) on PostgreSQL with demo data seeded, and
 * waits for its "kjører på" line. The UI build is `build/` unless LAGET_BUILD_DIR says otherwise.
 * `dataDir` runs it on that folder instead, which is then kept when the server stops.
 */
export async function spawnLaget(
  options: {
    databaseUrl?: string;
    /** A data folder of a stopped Laget (the seeded one of the e2e global setup) to copy. */
    dataDirFrom?: string;
    dataDir?: string;
    env?: Record<string, string>;
    onStopped?: () => Promise<void>;
  } = {},
): Promise<LagetServer> {
  const dataDir =
    options.dataDir ??
    (options.dataDirFrom
      ? copyDataDir(options.dataDirFrom)
      : mkdtempSync(path.join(tmpdir(), "laget-e2e-")));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "test",
    PORT: "0",
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    LAGET_BUILD_DIR: process.env.LAGET_BUILD_DIR ?? "build",
    LOG_LEVEL: "warn",
    // Tests log in many times from one address; the rate limit has its own tests.
    RATE_LIMIT_LOGIN_PER_MINUTE: "10000",
    ...(options.databaseUrl
      ? {
          DATABASE_URL: options.databaseUrl,
          SEED_DEMO: "true",
          SESSION_SECRET: randomBytes(32).toString("hex"),
          DATA_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
        }
      : {}),
    ...options.env,
  };

  const child = spawn(process.execPath, [path.join(repoRoot, "bin/laget.js"), "serve"], {
    cwd: repoRoot,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  // If the test process dies without stopping the server, the server must not outlive it.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  let output = "";
  child.stdout.setEncoding("utf8");
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk: string) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      await stopChild(child, exited);
      process.removeListener("exit", killOnExit);
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
      await options.onStopped?.();
    })();
    return stopping;
  };

  let url: string;
  try {
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`Laget did not start within 90 s:\n${output}`)),
        90_000,
      );
      child.stdout.on("data", (chunk: string) => {
        output += chunk;
        const match = /Laget kjører på (http:\/\/localhost:\d+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`Laget exited with code ${code} before listening:\n${output}`));
      });
    });
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    kind: options.databaseUrl ? "postgres" : "pglite",
    // The server listens on 127.0.0.1 only; the browser should not try ::1 first.
    url: url.replace("localhost", "127.0.0.1"),
    output: () => output,
    stop,
  };
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const killTimer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  await exited;
  clearTimeout(killTimer);
}
