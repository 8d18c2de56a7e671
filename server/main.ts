import { existsSync } from "node:fs";
import type { Server as HttpServer } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { serve, type ServerType } from "@hono/node-server";
import type { ServerBuild } from "react-router";
import { sealAuditChains } from "../core/audit/audit.ts";
import type { Config } from "../core/platform/config.ts";
import { openDatabase, type Database } from "../db/client.ts";
import { DEMO_PASSWORD, demoUsers, seedDemo } from "../db/seed-demo.ts";
import { platformJobs, startJobs } from "../jobs/runner.ts";
import { createApp } from "./app.ts";
import { createLogger } from "./logger.ts";
import { createMailer } from "./mail.ts";
import { createOidcClients } from "./oidc.ts";
import type { Services } from "./services.ts";

export interface RunningServer {
  url: string;
  services: Services;
  stop(): Promise<void>;
}

/** Where `react-router build` put the UI (LAGET_BUILD_DIR lets parallel test runs keep their own). */
export const buildDir = path.resolve(process.env.LAGET_BUILD_DIR ?? "build");

/** Starts Laget: migrate, seed on first embedded start, load the UI build, listen, run jobs. */
export async function startServer(
  config: Config,
  options: { print?: (line: string) => void } = {},
): Promise<RunningServer> {
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const logger = createLogger(config.logLevel);
  const database: Database = await openDatabase(config.database);
  await database.migrate();
  const seeded = config.seedDemo
    ? await seedDemo(database, { dataEncryptionKey: config.dataEncryptionKey })
    : false;

  const serverBuildFile = path.join(buildDir, "server", "index.js");
  if (!existsSync(serverBuildFile)) {
    throw new Error(
      `Fant ikke ${serverBuildFile}. Kjør "npm run build" først (npm start gjør det).`,
    );
  }
  const build = (await import(pathToFileURL(serverBuildFile).href)) as ServerBuild;
  const services: Services = {
    config,
    database,
    logger,
    oidc: createOidcClients(config),
    mailer: createMailer(config),
  };
  const app = createApp(services, { build, clientDir: path.join(buildDir, "client") });

  const server: ServerType = await new Promise((resolve) => {
    const instance = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () =>
      resolve(instance),
    );
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const url = `http://localhost:${port}`;

  // PGlite: in-process timers; PostgreSQL: pg-boss (ADR 0017).
  const jobs = await startJobs(platformJobs(database, config, services.mailer), logger, {
    database: config.database,
  });

  print(
    `Laget kjører på ${url} (database: ${database.kind === "pglite" ? `innebygd PGlite i ${config.database.kind === "pglite" ? config.database.dataDir : ""}` : "PostgreSQL"})`,
  );
  if (config.demoLogin) {
    print(
      seeded
        ? "Demodata for Fjordvik kommune er lagt inn."
        : "Demodata for Fjordvik kommune finnes fra før.",
    );
    print(
      `Demo-innlogging (alle med passordet ${DEMO_PASSWORD}), eller velg bruker på innloggingssiden:`,
    );
    for (const user of demoUsers) print(`  ${user.email.padEnd(36)} ${user.roles.join(", ")}`);
  }

  let stopping: Promise<void> | undefined;
  return {
    url,
    services,
    stop() {
      stopping ??= (async () => {
        // Stop accepting, let in-flight requests finish, then close the database.
        const forceClose = setTimeout(() => {
          (server as HttpServer).closeAllConnections?.();
        }, 10_000);
        // server.close() drops only the connections idle at that moment; a keep-alive connection
        // whose request finishes later would otherwise hold the exit for the keep-alive timeout.
        const closeIdle = setInterval(() => (server as HttpServer).closeIdleConnections?.(), 200);
        await new Promise<void>((resolve) => server.close(() => resolve()));
        clearTimeout(forceClose);
        clearInterval(closeIdle);
        await jobs.stop();
        services.mailer.close();
        await sealAuditChains(database).catch(() => undefined);
        await database.close();
      })();
      return stopping;
    },
  };
}
