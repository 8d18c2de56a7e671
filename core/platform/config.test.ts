import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";

const SECRET = "s".repeat(40);
const KEY = "ab".repeat(32);

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "laget-config-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Runs loadConfig and returns the ConfigError it throws (fails the test if it does not). */
function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error("loadConfig accepted the environment");
}

describe("loadConfig", () => {
  it("has sensible defaults for a local embedded start", () => {
    const dataDir = tempDir();
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config.env).toBe("development");
    expect(config.production).toBe(false);
    expect(config.port).toBe(3000);
    expect(config.host).toBe("0.0.0.0");
    expect(config.database).toEqual({ kind: "pglite", dataDir: path.join(dataDir, "pglite") });
    expect(config.session).toEqual({ idleMinutes: 30, absoluteHours: 12 });
    expect(config.login).toEqual({ maxFailures: 5, lockMinutes: 15 });
    expect(config.bodyLimitBytes).toBe(1_000_000);
    expect(config.logLevel).toBe("info");
    expect(config.trustProxy).toBe(false);
    expect(config.demoLogin).toBe(true);
    expect(config.seedDemo).toBe(true);
    expect(config.oidc.staff).toBeUndefined();
    expect(config.oidc.citizen).toBeUndefined();
    expect(config.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(config.dataEncryptionKey).toHaveLength(32);
  });

  it("reads given values", () => {
    const config = loadConfig({
      PORT: "3456",
      DATABASE_URL: "postgres://laget@db.example:5432/laget",
      SESSION_SECRET: SECRET,
      DATA_ENCRYPTION_KEY: KEY,
      SESSION_IDLE_MINUTES: "10",
      LOGIN_MAX_FAILURES: "3",
      TRUST_PROXY: "true",
      LOG_LEVEL: "warn",
    });
    expect(config.port).toBe(3456);
    expect(config.database).toEqual({
      kind: "postgres",
      url: "postgres://laget@db.example:5432/laget",
    });
    expect(config.sessionSecret).toBe(SECRET);
    expect(config.dataEncryptionKey.toString("hex")).toBe(KEY);
    expect(config.session.idleMinutes).toBe(10);
    expect(config.login.maxFailures).toBe(3);
    expect(config.trustProxy).toBe(true);
    expect(config.logLevel).toBe("warn");
  });

  it.each([
    ["PORT", "abc"],
    ["PORT", "70000"],
    ["DATABASE_URL", "mysql://x"],
    ["LOG_LEVEL", "loud"],
    ["SESSION_SECRET", "short"],
    ["DATA_ENCRYPTION_KEY", "not-hex"],
    ["TRUST_PROXY", "yes please"],
    ["PUBLIC_URL", "not a url"],
    ["NODE_ENV", "staging"],
  ])("refuses %s=%s with one line naming the variable", (variable, value) => {
    const error = configError({
      DATA_DIR: tempDir(),
      SESSION_SECRET: SECRET,
      DATA_ENCRYPTION_KEY: KEY,
      [variable]: value,
    });
    expect(error.message).toContain(variable);
    expect(error.message).not.toContain("\n");
  });

  it("requires SESSION_SECRET and DATA_ENCRYPTION_KEY in production", () => {
    const noSecret = configError({
      NODE_ENV: "production",
      DATA_ENCRYPTION_KEY: KEY,
      DATA_DIR: tempDir(),
    });
    expect(noSecret.message).toContain("SESSION_SECRET");
    const noKey = configError({
      NODE_ENV: "production",
      SESSION_SECRET: SECRET,
      DATA_DIR: tempDir(),
    });
    expect(noKey.message).toContain("DATA_ENCRYPTION_KEY");
  });

  it("does not write generated secrets when production refuses to start", () => {
    const dataDir = tempDir();
    configError({ NODE_ENV: "production", DATA_DIR: dataDir });
    expect(() => statSync(path.join(dataDir, "secrets.json"))).toThrow();
  });

  it("requires the secrets with DATABASE_URL, where there is no data folder to keep them", () => {
    const error = configError({ DATABASE_URL: "postgres://localhost/laget", DATA_DIR: tempDir() });
    expect(error.message).toContain("SESSION_SECRET");
  });

  it("generates secrets on the first embedded start and reuses them on the next", () => {
    const dataDir = tempDir();
    const first = loadConfig({ DATA_DIR: dataDir });
    const file = path.join(dataDir, "secrets.json");
    const stored = JSON.parse(readFileSync(file, "utf8")) as {
      sessionSecret: string;
      dataEncryptionKey: string;
    };
    expect(stored.sessionSecret).toBe(first.sessionSecret);
    expect(stored.dataEncryptionKey).toBe(first.dataEncryptionKey.toString("hex"));
    expect(statSync(file).mode & 0o077).toBe(0);

    const second = loadConfig({ DATA_DIR: dataDir });
    expect(second.sessionSecret).toBe(first.sessionSecret);
    expect(second.dataEncryptionKey.equals(first.dataEncryptionKey)).toBe(true);

    const elsewhere = loadConfig({ DATA_DIR: tempDir() });
    expect(elsewhere.sessionSecret).not.toBe(first.sessionSecret);
  });

  it("prefers secrets from the environment over stored ones", () => {
    const dataDir = tempDir();
    loadConfig({ DATA_DIR: dataDir });
    const config = loadConfig({
      DATA_DIR: dataDir,
      SESSION_SECRET: SECRET,
      DATA_ENCRYPTION_KEY: KEY,
    });
    expect(config.sessionSecret).toBe(SECRET);
    expect(config.dataEncryptionKey.toString("hex")).toBe(KEY);
  });

  it("turns a damaged secrets file into a clear configuration error", () => {
    const dataDir = tempDir();
    loadConfig({ DATA_DIR: dataDir });
    const file = path.join(dataDir, "secrets.json");
    writeFileSync(file, "{ not json");
    const error = configError({ DATA_DIR: dataDir });
    expect(error.message).toContain("secrets.json");
    expect(error.message).not.toContain("\n");
  });

  it("offers the demo login only on the embedded database outside production", () => {
    expect(loadConfig({ DATA_DIR: tempDir() }).demoLogin).toBe(true);
    expect(loadConfig({ DATA_DIR: tempDir(), DEMO_LOGIN: "false" }).demoLogin).toBe(false);
    const production = loadConfig({
      NODE_ENV: "production",
      DATA_DIR: tempDir(),
      SESSION_SECRET: SECRET,
      DATA_ENCRYPTION_KEY: KEY,
      DEMO_LOGIN: "true",
    });
    expect(production.demoLogin).toBe(false);
    expect(production.seedDemo).toBe(false);
    const postgres = loadConfig({
      DATABASE_URL: "postgres://localhost/laget",
      SESSION_SECRET: SECRET,
      DATA_ENCRYPTION_KEY: KEY,
      DEMO_LOGIN: "true",
    });
    expect(postgres.demoLogin).toBe(false);
    expect(postgres.seedDemo).toBe(false);
  });

  it("needs both issuer and client id for an OIDC provider", () => {
    const base = { DATA_DIR: tempDir(), SESSION_SECRET: SECRET, DATA_ENCRYPTION_KEY: KEY };
    expect(configError({ ...base, OIDC_STAFF_CLIENT_ID: "laget" }).message).toContain(
      "OIDC_STAFF_ISSUER",
    );
    expect(
      configError({ ...base, OIDC_CITIZEN_ISSUER: "https://idporten.example" }).message,
    ).toContain("OIDC_CITIZEN_CLIENT_ID");
    const config = loadConfig({
      ...base,
      OIDC_STAFF_ISSUER: "https://login.example",
      OIDC_STAFF_CLIENT_ID: "laget",
    });
    expect(config.oidc.staff).toMatchObject({
      issuer: "https://login.example",
      clientId: "laget",
      displayName: "Entra ID",
    });
  });

  it("refuses OIDC_ALLOW_INSECURE in production", () => {
    const error = configError({
      NODE_ENV: "production",
      SESSION_SECRET: SECRET,
      DATA_ENCRYPTION_KEY: KEY,
      OIDC_ALLOW_INSECURE: "true",
    });
    expect(error.message).toContain("OIDC_ALLOW_INSECURE");
  });
});

describe("laget serve with a malformed environment", () => {
  it.each([
    ["PORT", "abc"],
    ["DATABASE_URL", "mysql://x"],
  ])("exits non-zero with one line naming %s and no stack trace", (variable, value) => {
    const root = path.resolve(import.meta.dirname, "../..");
    const result = spawnSync(process.execPath, [path.join(root, "bin/laget.js"), "serve"], {
      cwd: root,
      env: { PATH: process.env.PATH, DATA_DIR: tempDir(), [variable]: value },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(result.status).not.toBe(0);
    expect(result.status).not.toBeNull();
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(variable);
    expect(result.stderr).not.toMatch(/\bat .+:\d+:\d+/);
    expect(result.stdout).not.toContain("Laget kjører");
  });
});
