import { existsSync } from "node:fs";
import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { serve, type ServerType } from "@hono/node-server";
import type { ServerBuild } from "react-router";
import { sealAuditChains } from "../core/audit/audit.ts";
import type { Config } from "../core/platform/config.ts";
import { openDatabase, type Database } from "../db/client.ts";
import { DEMO_MUNICIPALITY, DEMO_PASSWORD, demoUsers, seedDemo } from "../db/seed-demo.ts";
import { demoCitizensIn } from "../db/seed-demo-family.ts";
import { platformJobs, startJobs } from "../jobs/runner.ts";
import { createApp } from "./app.ts";
import { createDemoIdporten, DEMO_IDPORTEN_NAME } from "./demo-idporten.ts";
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
  // Demo mode without a citizen OIDC provider: the embedded demo ID-porten (ADR 0019) becomes
  // the citizen provider once the server listens. The services get their own copy of the config.
  const runtimeConfig: Config = { ...config, oidc: { ...config.oidc } };
  const demoIdporten = config.demoLogin && !config.oidc.citizen ? createDemoIdporten(logger) : null;
  const services: Services = {
    config: runtimeConfig,
    database,
    logger,
    oidc: createOidcClients(runtimeConfig),
    mailer: createMailer(config),
  };
  const app = createApp(services, { build, clientDir: path.join(buildDir, "client") });

  const server: ServerType = await new Promise((resolve) => {
    const instance = serve(
      {
        fetch: app.fetch,
        port: config.port,
        hostname: config.host,
        // The demo ID-porten answers its own paths before Laget's app (no session, CSRF, CSP).
        ...(demoIdporten
          ? {
              createServer: ((options, listener) =>
                createHttpServer(options, (req, res) =>
                  demoIdporten.handles(req) ? demoIdporten.handle(req, res) : listener?.(req, res),
                )) as typeof createHttpServer,
            }
          : {}),
      },
      () => resolve(instance),
    );
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const url = `http://localhost:${port}`;
  const demoCitizens = demoIdporten
    ? await demoCitizensIn(database, DEMO_MUNICIPALITY.municipalityNumber)
    : null;
  if (demoIdporten) {
    runtimeConfig.oidc.citizen = await demoIdporten.start({
      ...demoIdportenOrigins(config, port),
      citizens: demoCitizens,
    });
  }

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
    if (demoIdporten && demoCitizens) {
      print(
        `Demo-innlogging for foresatte og ungdom: «Logg inn med ${DEMO_IDPORTEN_NAME}» på innloggingssiden, velg person eller skriv fødselsnummer:`,
      );
      for (const citizen of demoCitizens) {
        print(`  ${citizen.name.padEnd(20)} ${citizen.pid}  ${citizen.what}`);
      }
    }
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

/**
 * Where the demo ID-porten lives: under PUBLIC_URL when set, else on the address Laget listens
 * on (localhost for a wildcard address); Laget's own calls go to its loopback socket.
 */
function demoIdportenOrigins(config: Config, port: number) {
  const wildcard = ["0.0.0.0", "::", "localhost", ""].includes(config.host);
  const hostLiteral = config.host.includes(":") ? `[${config.host}]` : config.host;
  const listening = wildcard ? `http://localhost:${port}` : `http://${hostLiteral}:${port}`;
  const internalHost = config.host === "::" ? "[::1]" : wildcard ? "127.0.0.1" : hostLiteral;
  const publicOrigin = config.publicUrl ? new URL(config.publicUrl).origin : listening;
  return {
    publicOrigin,
    internalOrigin: `http://${internalHost}:${port}`,
    callbackOrigins: [
      publicOrigin,
      listening,
      `http://localhost:${port}`,
      `http://127.0.0.1:${port}`,
    ],
  };
}
