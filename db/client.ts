import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { sql, type ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/node-postgres";
import { migrate as migratePostgres } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import * as schema from "./schema/index.ts";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export const APP_ROLE = "laget_app";
export const migrationsFolder = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  "migrations",
);

export type DatabaseTarget =
  { kind: "pglite"; dataDir: string } | { kind: "postgres"; url: string };

/**
 * The one way the app reaches its store. `tenant()` is what domain code uses: it runs as the
 * app role with the tenant set, so PostgreSQL row-level security applies as a second line.
 * `system()` bypasses RLS and is kept for the few places that cannot know the tenant yet
 * (login, session lookup, audit sealing) and for the CLI.
 */
export interface Database {
  readonly kind: "pglite" | "postgres";
  readonly db: Db;
  tenant<T>(tenantId: string, work: (tx: Tx) => Promise<T>): Promise<T>;
  system<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  migrate(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

function buildDatabase(
  kind: Database["kind"],
  db: Db,
  runMigrations: () => Promise<void>,
  close: () => Promise<void>,
): Database {
  return {
    kind,
    db,
    async tenant(tenantId, work) {
      return db.transaction(async (tx) => {
        // One round trip: set_config('role', …, true) is SET LOCAL ROLE.
        await tx.execute(
          sql`select set_config('role', ${APP_ROLE}, true), set_config('app.tenant_id', ${tenantId}, true)`,
        );
        return work(tx);
      });
    },
    async system(work) {
      return db.transaction(work);
    },
    migrate: runMigrations,
    async ping() {
      await db.execute(sql`select 1`);
    },
    close,
  };
}

export async function openPglite(
  dataDir: string | undefined,
  options: { loadDataDir?: Blob } = {},
) {
  if (dataDir) mkdirSync(path.dirname(dataDir), { recursive: true });
  const client = await PGlite.create(dataDir, {
    loadDataDir: options.loadDataDir,
    extensions: { pg_trgm },
  });
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  const database = buildDatabase(
    "pglite",
    db,
    async () => {
      await migratePglite(db as never, { migrationsFolder });
    },
    async () => {
      await client.close();
    },
  );
  return Object.assign(database, { pglite: client });
}

export function openPostgres(url: string, options: { max?: number } = {}): Database {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on("error", () => undefined);
  const db = drizzlePostgres({ client: pool, schema }) as unknown as Db;
  return buildDatabase(
    "postgres",
    db,
    async () => {
      await migratePostgres(db as never, { migrationsFolder });
    },
    async () => {
      await pool.end();
    },
  );
}

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return target.kind === "pglite" ? openPglite(target.dataDir) : openPostgres(target.url);
}
