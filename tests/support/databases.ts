import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import pg from "pg";
import { inject } from "vitest";
import { openPglite, openPostgres, type Database } from "../../db/client.ts";
import { withDatabase } from "./global-setup.ts";

export type DatabaseKind = "pglite" | "postgres";

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL is set (as in CI). */
export const databaseKinds: DatabaseKind[] = process.env.TEST_DATABASE_URL
  ? ["pglite", "postgres"]
  : ["pglite"];

export interface TestDatabase extends Database {
  /** Connection URL (PostgreSQL only), e.g. for starting a server process on the same database. */
  url: string | null;
  drop(): Promise<void>;
}

/** A fresh, migrated, empty database of the given kind, private to the caller. */
export async function freshDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === "pglite") {
    const snapshot = readFileSync(inject("pgliteSnapshot"));
    const database = await openPglite(undefined, { loadDataDir: new Blob([snapshot]) });
    return Object.assign(database, { url: null, drop: () => database.close() });
  }
  const template = inject("postgresTemplate");
  const base = process.env.TEST_DATABASE_URL;
  if (!template || !base) throw new Error("PostgreSQL tests need TEST_DATABASE_URL");
  const name = `laget_t_${randomBytes(6).toString("hex")}`;
  await adminQuery(base, `create database ${name} template ${template}`);
  const url = withDatabase(base, name);
  const database = openPostgres(url, { max: 4 });
  return Object.assign(database, {
    url,
    async drop() {
      await database.close();
      await adminQuery(base, `drop database if exists ${name} with (force)`);
    },
  });
}

/** A fresh PostgreSQL database name and URL only (no client), for a server started in another process. */
export async function freshPostgresUrl(): Promise<{ url: string; drop(): Promise<void> } | null> {
  const template = inject("postgresTemplate");
  const base = process.env.TEST_DATABASE_URL;
  if (!template || !base) return null;
  const name = `laget_t_${randomBytes(6).toString("hex")}`;
  await adminQuery(base, `create database ${name} template ${template}`);
  return {
    url: withDatabase(base, name),
    drop: () => adminQuery(base, `drop database if exists ${name} with (force)`),
  };
}

// Cloning a template fails while anything else is connected to it, so clones are serialised.
let queue: Promise<unknown> = Promise.resolve();
async function adminQuery(url: string, statement: string): Promise<void> {
  const run = queue.then(async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  });
  queue = run.catch(() => undefined);
  await run;
}
