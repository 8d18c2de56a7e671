import { parseArgs } from "node:util";
import { eq, sql } from "drizzle-orm";
import { systemActor, noRequestMeta } from "../core/access/actor.ts";
import { isStaffRole, staffRoles } from "../core/access/roles.ts";
import { sealAuditChains, verifyAuditChain } from "../core/audit/audit.ts";
import { isAppError } from "../core/errors.ts";
import { ConfigError, loadConfig, type Config } from "../core/platform/config.ts";
import { createTenant } from "../core/tenants/tenants.ts";
import { createUser, resetPassword } from "../core/users/users.ts";
import { openDatabase, type Database } from "../db/client.ts";
import { tenants, users } from "../db/schema/index.ts";
import { seedDemo } from "../db/seed-demo.ts";
import { translator } from "../i18n/index.ts";

const usage = `Bruk: laget <kommando> [valg]

Kommandoer:
  serve                              Start Laget (migrerer databasen først)
  migrate                            Kjør databasemigreringer
  seed                               Legg inn demodata for Fjordvik kommune (fiktiv)
  tenant add --name N --number NNNN  Opprett en kommune
  user add --tenant NNNN --email E --name N --roles r1,r2 [--password P]
                                     Opprett en ansatt (roller: ${staffRoles.join(", ")})
  user reset-password --email E --password P
                                     Sett nytt passord og logg brukeren ut overalt
  audit verify [--tenant NNNN]       Forsegl og kontroller hash-kjeden i revisjonsloggen
  content export <mappe> --tenant NNNN
                                     Skriv kommunens publiserte sider til filer (én mappe per språk)
  content import <mappe> --tenant NNNN
                                     Les sider fra filer; endrede filer blir nye publiserte versjoner
  content check [mappe]              Finn lenker som ikke peker på noen side og bilder uten
                                     alternativ tekst (standard: content); avslutter med kode 1 ved funn

Databasen er innebygd PGlite i ./data, eller PostgreSQL når DATABASE_URL er satt.`;

const t = translator("nb");

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function withDatabase<T>(
  config: Config,
  work: (database: Database) => Promise<T>,
): Promise<T> {
  const database = await openDatabase(config.database);
  try {
    await database.migrate();
    return await work(database);
  } finally {
    await database.close();
  }
}

async function tenantIdFor(database: Database, number: string | undefined): Promise<string> {
  if (!number) fail("Mangler --tenant (kommunenummer).");
  const [tenant] = await database.system((tx) =>
    tx.select().from(tenants).where(eq(tenants.municipalityNumber, number)),
  );
  if (!tenant) fail(`Fant ingen kommune med kommunenummer ${number}.`);
  return tenant.id;
}

function describeError(error: unknown): string {
  if (!isAppError(error)) return (error as Error).message;
  const fields = Object.entries(error.fieldErrors ?? {})
    .map(([field, key]) => `  ${field}: ${t(key)}`)
    .join("\n");
  return [t(error.messageKey), fields].filter(Boolean).join("\n");
}

export async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: "string" },
      number: { type: "string" },
      tenant: { type: "string" },
      email: { type: "string" },
      roles: { type: "string" },
      password: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [command, sub] = positionals;
  if (!command || values.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }

  // The check reads files only: it needs no configuration or database.
  if (command === "content" && sub === "check") {
    const dir = positionals[2] ?? "content";
    const { checkContentDir } = await import("../core/guide/files.ts");
    const problems = await checkContentDir(dir);
    for (const problem of problems) process.stdout.write(`${problem}\n`);
    process.stdout.write(
      problems.length === 0
        ? `Ingen feil funnet i ${dir}.\n`
        : `${problems.length} feil funnet i ${dir}.\n`,
    );
    if (problems.length > 0) process.exitCode = 1;
    return;
  }

  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }

  switch (`${command}${sub ? ` ${sub}` : ""}`) {
    case "serve": {
      // The UI is always a production build, so React on the server must be the production
      // build too (the development build renders several times slower and differs from the
      // browser's). Laget's own mode (demo login, required secrets) was read into `config` above.
      process.env.NODE_ENV ??= "production";
      const { startServer } = await import("../server/main.ts");
      const server = await startServer(config);
      const shutdown = (signal: string) => {
        process.stdout.write(`${signal}: avslutter, venter på pågående forespørsler …\n`);
        server.stop().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once("SIGTERM", () => shutdown("SIGTERM"));
      process.once("SIGINT", () => shutdown("SIGINT"));
      return;
    }
    case "migrate":
      await withDatabase(config, async () => undefined);
      process.stdout.write("Databasen er migrert.\n");
      return;
    case "seed":
      await withDatabase(config, async (database) => {
        const seeded = await seedDemo(database, { dataEncryptionKey: config.dataEncryptionKey });
        process.stdout.write(seeded ? "Demodata er lagt inn.\n" : "Demodata fantes fra før.\n");
      });
      return;
    case "tenant add":
      await withDatabase(config, async (database) => {
        const tenant = await createTenant({
          database,
          actor: systemActor(null, "cli"),
          meta: noRequestMeta,
          values: { name: values.name ?? "", municipalityNumber: values.number ?? "" },
        });
        process.stdout.write(`Opprettet ${tenant.name} (${tenant.municipalityNumber}).\n`);
      });
      return;
    case "user add":
      await withDatabase(config, async (database) => {
        const tenantId = await tenantIdFor(database, values.tenant);
        const roles = (values.roles ?? "")
          .split(",")
          .map((role) => role.trim())
          .filter(Boolean);
        const unknown = roles.filter((role) => !isStaffRole(role));
        if (unknown.length > 0)
          fail(`Ukjent rolle: ${unknown.join(", ")}. Gyldige: ${staffRoles.join(", ")}.`);
        const user = await createUser({
          database,
          actor: systemActor(tenantId, "cli"),
          meta: noRequestMeta,
          values: {
            email: values.email ?? "",
            name: values.name ?? "",
            roles,
            unitIds: [],
            password: values.password ?? "",
          },
        });
        process.stdout.write(`Opprettet ${user.email} med roller ${user.roles.join(", ")}.\n`);
      });
      return;
    case "user reset-password":
      await withDatabase(config, async (database) => {
        const email = (values.email ?? "").trim().toLowerCase();
        const [user] = await database.system((tx) =>
          tx
            .select()
            .from(users)
            .where(eq(sql`lower(${users.email})`, email)),
        );
        if (!user) fail(`Fant ingen bruker med e-post ${email || "(tom)"}.`);
        await resetPassword({
          database,
          actor: systemActor(user.tenantId, "cli"),
          meta: noRequestMeta,
          userId: user.id,
          values: { password: values.password ?? "" },
        });
        process.stdout.write(
          `Nytt passord er satt for ${user.email}, og brukeren er logget ut overalt.\n`,
        );
      });
      return;
    case "audit verify":
      await withDatabase(config, async (database) => {
        await sealAuditChains(database);
        const chains: (string | null)[] = values.tenant
          ? [await tenantIdFor(database, values.tenant)]
          : [
              null,
              ...(await database.system((tx) => tx.select({ id: tenants.id }).from(tenants))).map(
                (row) => row.id,
              ),
            ];
        let broken = false;
        for (const tenantId of chains) {
          const result = await verifyAuditChain(database, tenantId);
          if (result.ok) {
            process.stdout.write(`OK      ${result.chainKey}: ${result.checked} hendelser\n`);
          } else {
            broken = true;
            const link = result.firstBroken!;
            process.stdout.write(
              `BRUTT   ${result.chainKey}: første brudd ved ledd ${link.seq} (hendelse ${link.eventId ?? "–"}): ${link.reason}\n`,
            );
          }
        }
        if (broken) process.exitCode = 2;
      });
      return;
    case "content export":
    case "content import": {
      const dir = positionals[2];
      if (!dir) fail(`Mangler mappe: laget content ${sub} <mappe> --tenant NNNN`);
      const { exportContent, importContent } = await import("../core/guide/files.ts");
      await withDatabase(config, async (database) => {
        const tenantId = await tenantIdFor(database, values.tenant);
        const actor = systemActor(tenantId, "cli");
        if (sub === "export") {
          const written = await exportContent({ database, actor, tenantId, dir });
          process.stdout.write(`Skrev ${written.length} sider til ${dir}.\n`);
        } else {
          const result = await importContent({ database, actor, tenantId, dir });
          process.stdout.write(
            `Importert: ${result.created} nye, ${result.updated} endrede, ${result.unchanged} uendrede sider.\n`,
          );
        }
      });
      return;
    }
    default:
      fail(`Ukjent kommando: ${positionals.join(" ")}\n\n${usage}`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  fail(describeError(error));
});
