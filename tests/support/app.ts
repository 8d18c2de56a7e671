import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "react-router";
import type { Actor } from "../../core/access/actor.ts";
import { createSession } from "../../core/auth/sessions.ts";
import { loadConfig, type Config } from "../../core/platform/config.ts";
import type { Database } from "../../db/client.ts";
import { createApp } from "../../server/app.ts";
import { createLogger } from "../../server/logger.ts";
import { createMailer } from "../../server/mail.ts";
import { createOidcClients } from "../../server/oidc.ts";
import type { Services } from "../../server/services.ts";
import { CSRF_COOKIE, csrfTokenFor, newCsrfSecret, SESSION_COOKIE } from "../../server/cookies.ts";

/** Fixed test secrets: never used outside tests. */
export const TEST_SESSION_SECRET = "test-session-secret-0123456789abcdef";
export const TEST_DATA_KEY = "0123456789abcdef".repeat(4);

/** A Config for in-process tests; `env` overrides any variable (e.g. BODY_LIMIT_BYTES). */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: "test",
    SESSION_SECRET: TEST_SESSION_SECRET,
    DATA_ENCRYPTION_KEY: TEST_DATA_KEY,
    // Both secrets are given, so the config never writes into DATA_DIR: no folder is needed.
    DATA_DIR: path.join(tmpdir(), "laget-app-unused"),
    LOG_LEVEL: "silent",
    SEED_DEMO: "false",
    ...env,
  });
}

/** The Services a request needs, around a test database (no UI build, no OIDC provider). */
export function testServices(database: Database, env: Record<string, string> = {}): Services {
  const config = testConfig(env);
  return {
    config,
    database,
    logger: createLogger(config.logLevel),
    oidc: createOidcClients(config),
    mailer: createMailer(config),
  };
}

/** The name the platform tests use for `testServices`. */
export const createTestServices = testServices;

/** The Hono app without a UI build: the API, health, CSRF, sessions and the rest of the edge. */
export function testApp(database: Database, env: Record<string, string> = {}) {
  const services = testServices(database, env);
  return { app: createApp(services), services };
}

/**
 * Headers of a browser signed in as `actor`: the session cookie, the CSRF cookie and the matching
 * `x-csrf-token` header (leave it out with `csrf: false` to test the rejection).
 */
export async function browserHeaders(
  database: Database,
  services: Services,
  actor: Extract<Actor, { kind: "staff" }>,
  options: { csrf?: boolean } = {},
): Promise<Record<string, string>> {
  const token = await database.system((tx) =>
    createSession(tx, {
      tenantId: actor.tenantId,
      subject: { userId: actor.userId },
      authMethod: "test",
      timeouts: services.config.session,
    }),
  );
  const csrfSecret = newCsrfSecret();
  return {
    cookie: `${SESSION_COOKIE}=${token}; ${CSRF_COOKIE}=${csrfSecret}`,
    ...(options.csrf === false
      ? {}
      : { "x-csrf-token": csrfTokenFor(services.config.sessionSecret, csrfSecret) }),
  };
}

/**
 * The whole app with the React Router build, in process, around a test database: for tests that
 * must reach every page (the relay log's access matrix). `npm test` builds before it runs the
 * integration tests; run `npm run build` first when running such a file alone.
 */
export async function testAppWithUi(database: Database, env: Record<string, string> = {}) {
  const buildDir = path.resolve(process.env.LAGET_BUILD_DIR ?? "build");
  const serverFile = path.join(buildDir, "server", "index.js");
  if (!existsSync(serverFile)) {
    throw new Error(`${serverFile} is missing: run "npm run build" before this test.`);
  }
  const build = (await import(pathToFileURL(serverFile).href)) as ServerBuild;
  const services = testServices(database, env);
  return {
    app: createApp(services, { build, clientDir: path.join(buildDir, "client") }),
    services,
  };
}
