import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loginWithPassword } from "../../core/auth/login.ts";
import { noRequestMeta } from "../../core/access/actor.ts";
import { openDatabase, type Database, type DatabaseTarget } from "../../db/client.ts";
import { auditEvents, tenants, users } from "../../db/schema/index.ts";
import { databaseKinds, freshPostgresUrl } from "../support/databases.ts";

const run = promisify(execFile);

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

describe.each(databaseKinds)("laget CLI on %s", (kind) => {
  let env: Record<string, string>;
  let target: DatabaseTarget;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const secrets = {
      SESSION_SECRET: randomBytes(32).toString("hex"),
      DATA_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
    };
    if (kind === "pglite") {
      const dir = mkdtempSync(path.join(tmpdir(), "laget-cli-"));
      env = { DATA_DIR: dir, ...secrets };
      target = { kind: "pglite", dataDir: path.join(dir, "pglite") };
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    } else {
      const postgres = (await freshPostgresUrl())!;
      env = { DATABASE_URL: postgres.url, ...secrets };
      target = { kind: "postgres", url: postgres.url };
      cleanup = postgres.drop;
    }
  });
  afterAll(() => cleanup());

  async function laget(...args: string[]): Promise<CliResult> {
    try {
      const { stdout, stderr } = await run(process.execPath, ["bin/laget.js", ...args], {
        env: { ...process.env, ...env, DATABASE_URL: env.DATABASE_URL ?? "" },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  /** Opens the CLI's database only between CLI runs: PGlite allows one process at a time. */
  async function inspect<T>(work: (database: Database) => Promise<T>): Promise<T> {
    const database = await openDatabase(target);
    try {
      return await work(database);
    } finally {
      await database.close();
    }
  }

  it("migrates, adds a municipality and refuses a malformed kommunenummer", async () => {
    expect((await laget("migrate")).stdout).toContain("Databasen er migrert");
    const added = await laget("tenant", "add", "--name", "Testby kommune", "--number", "9876");
    expect(added.code).toBe(0);
    expect(added.stdout).toContain("Opprettet Testby kommune (9876)");

    const bad = await laget("tenant", "add", "--name", "Feil kommune", "--number", "98");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("Kommunenummeret må være fire sifre.");
    const duplicate = await laget("tenant", "add", "--name", "Kopi kommune", "--number", "9876");
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain("Det finnes allerede en kommune med dette kommunenummeret.");

    const rows = await inspect((database) => database.system((tx) => tx.select().from(tenants)));
    expect(rows.map((row) => row.municipalityNumber)).toEqual(["9876"]);
  });

  it("adds a user who can then log in, and resets the password", async () => {
    const unknownRole = await laget(
      "user",
      "add",
      "--tenant",
      "9876",
      "--email",
      "x@testby.example",
      "--name",
      "X",
      "--roles",
      "boss",
    );
    expect(unknownRole.code).toBe(1);
    expect(unknownRole.stderr).toContain("Ukjent rolle: boss");

    const added = await laget(
      "user",
      "add",
      "--tenant",
      "9876",
      "--email",
      "Admin@Testby.example",
      "--name",
      "Ada Admin",
      "--roles",
      "admin,coordinator",
      "--password",
      "Et-langt-passord-1",
    );
    expect(added.stdout).toContain("Opprettet admin@testby.example med roller admin, coordinator");

    const short = await laget(
      "user",
      "reset-password",
      "--email",
      "admin@testby.example",
      "--password",
      "kort",
    );
    expect(short.code).toBe(1);
    expect(short.stderr).toContain("Passordet må ha minst 12 tegn.");

    const reset = await laget(
      "user",
      "reset-password",
      "--email",
      "admin@testby.example",
      "--password",
      "Et-nytt-passord-2",
    );
    expect(reset.code).toBe(0);

    await inspect(async (database) => {
      const policy = { maxFailures: 5, lockMinutes: 15 };
      const timeouts = { idleMinutes: 30, absoluteHours: 12 };
      await expect(
        loginWithPassword({
          database,
          email: "admin@testby.example",
          password: "Et-langt-passord-1",
          policy,
          timeouts,
          meta: noRequestMeta,
        }),
      ).rejects.toMatchObject({ messageKey: "errors.loginFailed" });
      const result = await loginWithPassword({
        database,
        email: "admin@testby.example",
        password: "Et-nytt-passord-2",
        policy,
        timeouts,
        meta: noRequestMeta,
      });
      expect(result.actor).toMatchObject({
        kind: "staff",
        name: "Ada Admin",
        roles: ["admin", "coordinator"],
      });
      const [user] = await database.system((tx) =>
        tx.select().from(users).where(eq(users.email, "admin@testby.example")),
      );
      const events = await database.system((tx) =>
        tx
          .select({ type: auditEvents.eventType })
          .from(auditEvents)
          .where(eq(auditEvents.subjectId, user!.id)),
      );
      expect(events.map((event) => event.type)).toEqual(
        expect.arrayContaining([
          "user.created",
          "auth.password_reset",
          "auth.login_failed",
          "auth.login",
        ]),
      );
    });
  });

  it("prints usage for --help and fails on an unknown command", async () => {
    expect((await laget("--help")).stdout).toContain("Bruk: laget <kommando>");
    const unknown = await laget("fly");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("Ukjent kommando: fly");
  });
});
