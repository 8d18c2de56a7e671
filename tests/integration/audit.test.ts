import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { noRequestMeta, systemActor, type RequestMeta } from "../../core/access/actor.ts";
import {
  chainKeyFor,
  recordAudit,
  sealAuditChains,
  verifyAuditChain,
} from "../../core/audit/audit.ts";
import { openPglite, type Database } from "../../db/client.ts";
import { auditChain, auditEvents, auditUnsealed } from "../../db/schema/index.ts";
import { databaseKinds, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { makeTenant } from "../support/fixtures.ts";

const root = path.resolve(import.meta.dirname, "../..");

function meta(requestId: string): RequestMeta {
  return { ip: "192.0.2.10", userAgent: "vitest", requestId };
}

/** Writes `count` audit events for a tenant, each in its own transaction as the app role. */
async function writeEvents(
  database: Database,
  tenantId: string,
  count: number,
  tag = "e",
): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    await database.tenant(tenantId, (tx) =>
      recordAudit(tx, {
        type: "audit.viewed",
        tenantId,
        actor: systemActor(tenantId, "test"),
        meta: meta(`${tag}-${i}`),
        subject: { type: "test", id: `${tag}-${i}` },
        details: { index: i, nested: { b: 2, a: 1 } },
      }),
    );
  }
}

async function chainOf(database: Database, tenantId: string | null) {
  return database.system((tx) =>
    tx
      .select()
      .from(auditChain)
      .where(eq(auditChain.chainKey, chainKeyFor(tenantId)))
      .orderBy(asc(auditChain.seq)),
  );
}

async function eventsOf(database: Database, tenantId: string) {
  return database.system((tx) =>
    tx
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.tenantId, tenantId))
      .orderBy(asc(auditEvents.id)),
  );
}

/** The PostgreSQL SQLSTATE of a failed query, looking through drizzle's wrapper. */
async function sqlState(work: Promise<unknown>): Promise<string | undefined> {
  try {
    await work;
  } catch (error) {
    let current: unknown = error;
    while (current && typeof current === "object") {
      const code = (current as { code?: unknown }).code;
      if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
      current = (current as { cause?: unknown }).cause;
    }
    return "unknown error";
  }
  return undefined;
}

describe.each(databaseKinds)("audit log on %s", (kind) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await freshDatabase(kind);
  });
  afterAll(() => database.drop());

  it("commits an audit event with its transaction and rolls it back with it", async () => {
    const tenant = await makeTenant(database);
    await database.tenant(tenant.id, (tx) =>
      recordAudit(tx, {
        type: "unit.created",
        tenantId: tenant.id,
        actor: systemActor(tenant.id, "test"),
        meta: meta("committed"),
      }),
    );
    await expect(
      database.tenant(tenant.id, async (tx) => {
        await recordAudit(tx, {
          type: "unit.created",
          tenantId: tenant.id,
          actor: systemActor(tenant.id, "test"),
          meta: meta("rolled-back"),
        });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");

    const rows = await eventsOf(database, tenant.id);
    const requestIds = rows.map((row) => row.requestId);
    expect(requestIds).toContain("committed");
    expect(requestIds).not.toContain("rolled-back");
    const committed = rows.find((row) => row.requestId === "committed")!;
    expect(committed).toMatchObject({
      eventType: "unit.created",
      ip: "192.0.2.10",
      userAgent: "vitest",
      actor: { kind: "system", id: null, name: "test", roles: [] },
    });
  });

  it("refuses an unknown event type", async () => {
    const tenant = await makeTenant(database);
    await expect(
      database.tenant(tenant.id, (tx) =>
        recordAudit(tx, {
          type: "made.up" as never,
          tenantId: tenant.id,
          actor: systemActor(tenant.id, "test"),
          meta: noRequestMeta,
        }),
      ),
    ).rejects.toThrow();
  });

  it("links events per tenant chain, in order, and continues the chain on the next sealing", async () => {
    const a = await makeTenant(database, "Akjede kommune");
    const b = await makeTenant(database, "Bkjede kommune");
    await writeEvents(database, a.id, 4, "a");
    await writeEvents(database, b.id, 3, "b");
    await writeEvents(database, a.id, 2, "a2");
    // A small batch makes the sealer go round its loop several times.
    expect(await sealAuditChains(database, 2)).toBeGreaterThanOrEqual(11);

    const chainA = await chainOf(database, a.id);
    const eventsA = await eventsOf(database, a.id);
    expect(chainA.map((link) => link.seq)).toEqual(eventsA.map((_, i) => i + 1));
    expect(chainA.map((link) => link.eventId)).toEqual(eventsA.map((event) => event.id));
    expect(chainA[0]!.prevHash).toBe("0".repeat(64));
    for (let i = 1; i < chainA.length; i += 1)
      expect(chainA[i]!.prevHash).toBe(chainA[i - 1]!.hash);
    const chainB = await chainOf(database, b.id);
    expect(chainB.map((link) => link.eventId)).toEqual(
      (await eventsOf(database, b.id)).map((event) => event.id),
    );
    expect(new Set(chainA.map((link) => link.hash)).size).toBe(chainA.length);

    await writeEvents(database, a.id, 2, "a3");
    await sealAuditChains(database);
    const longer = await chainOf(database, a.id);
    expect(longer.slice(0, chainA.length)).toEqual(chainA);
    expect(longer.map((link) => link.seq)).toEqual(longer.map((_, i) => i + 1));
    expect(longer[chainA.length]!.prevHash).toBe(chainA.at(-1)!.hash);

    expect(await verifyAuditChain(database, a.id)).toEqual({
      chainKey: `tenant:${a.id}`,
      ok: true,
      checked: longer.length,
    });
    expect((await verifyAuditChain(database, b.id)).ok).toBe(true);
  });

  it("queues each new event for the sealer, empties the queue on sealing, and keeps the app role out of it", async () => {
    const tenant = await makeTenant(database);
    await sealAuditChains(database);
    const sealedBefore = (await chainOf(database, tenant.id)).length;
    await writeEvents(database, tenant.id, 3);
    const queued = () =>
      database.system((tx) =>
        tx
          .select({ eventId: auditUnsealed.eventId })
          .from(auditUnsealed)
          .where(eq(auditUnsealed.tenantId, tenant.id)),
      );
    const events = (await eventsOf(database, tenant.id)).slice(sealedBefore);
    expect(events).toHaveLength(3);
    expect((await queued()).map((row) => row.eventId).sort()).toEqual(
      events.map((event) => event.id).sort(),
    );
    // Deleting a queued event from the app role would hide it from the chain.
    expect(
      await sqlState(
        database.tenant(tenant.id, (tx) =>
          tx.delete(auditUnsealed).where(eq(auditUnsealed.tenantId, tenant.id)),
        ),
      ),
    ).toBe("42501");
    expect(await sealAuditChains(database)).toBe(3);
    expect(await queued()).toEqual([]);
    expect(
      (await chainOf(database, tenant.id)).slice(sealedBefore).map((link) => link.eventId),
    ).toEqual(events.map((event) => event.id));
  });

  it("reports events not yet sealed", async () => {
    const tenant = await makeTenant(database);
    await sealAuditChains(database);
    await writeEvents(database, tenant.id, 1);
    const result = await verifyAuditChain(database, tenant.id);
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toMatchObject({ seq: 2, reason: "unsealed_events" });
  });

  it("reports the first changed event when an event row is modified", async () => {
    const tenant = await makeTenant(database);
    await writeEvents(database, tenant.id, 6);
    await sealAuditChains(database);
    const chain = await chainOf(database, tenant.id);
    expect((await verifyAuditChain(database, tenant.id)).ok).toBe(true);

    const third = chain[2]!;
    const fifth = chain[4]!;
    await database.system(async (tx) => {
      await tx.execute(
        sql`update audit_events set details = '{"index": 99}'::jsonb where id = ${fifth.eventId}`,
      );
      await tx.execute(
        sql`update audit_events set ip = '198.51.100.7' where id = ${third.eventId}`,
      );
    });
    const result = await verifyAuditChain(database, tenant.id);
    expect(result).toMatchObject({
      ok: false,
      checked: 2,
      firstBroken: { seq: 3, eventId: third.eventId, reason: "event_changed" },
    });
  });

  it("detects a changed time stamp and an event moved to another tenant", async () => {
    const tenant = await makeTenant(database);
    const other = await makeTenant(database);
    await writeEvents(database, tenant.id, 4);
    await sealAuditChains(database);
    const chain = await chainOf(database, tenant.id);

    await database.system((tx) =>
      tx.execute(
        sql`update audit_events set occurred_at = occurred_at - interval '1 day' where id = ${chain[3]!.eventId}`,
      ),
    );
    expect((await verifyAuditChain(database, tenant.id)).firstBroken).toMatchObject({
      seq: 4,
      reason: "event_changed",
    });

    await database.system((tx) =>
      tx.execute(
        sql`update audit_events set tenant_id = ${other.id} where id = ${chain[1]!.eventId}`,
      ),
    );
    expect((await verifyAuditChain(database, tenant.id)).firstBroken).toMatchObject({
      seq: 2,
      reason: "event_moved",
    });
  });

  it("reports a missing link when a chain row is deleted", async () => {
    const tenant = await makeTenant(database);
    await writeEvents(database, tenant.id, 5);
    await sealAuditChains(database);
    const chain = await chainOf(database, tenant.id);
    await database.system((tx) =>
      tx.execute(sql`delete from audit_chain where event_id = ${chain[2]!.eventId}`),
    );
    const result = await verifyAuditChain(database, tenant.id);
    expect(result).toMatchObject({
      ok: false,
      checked: 2,
      firstBroken: { seq: 3, reason: "missing_link" },
    });
  });

  it("reports a forged link whose hash was recomputed but whose predecessor changed", async () => {
    const tenant = await makeTenant(database);
    await writeEvents(database, tenant.id, 4);
    await sealAuditChains(database);
    const chain = await chainOf(database, tenant.id);
    await database.system((tx) =>
      tx.execute(
        sql`update audit_chain set hash = ${"f".repeat(64)} where event_id = ${chain[1]!.eventId}`,
      ),
    );
    const result = await verifyAuditChain(database, tenant.id);
    expect(result.firstBroken).toMatchObject({ seq: 2, reason: "event_changed" });
  });

  it("the app role cannot update or delete audit events, nor write the chain", async () => {
    const tenant = await makeTenant(database);
    await writeEvents(database, tenant.id, 1);
    await sealAuditChains(database);
    const [event] = await eventsOf(database, tenant.id);

    expect(
      await sqlState(
        database.tenant(tenant.id, (tx) =>
          tx.update(auditEvents).set({ ip: "198.51.100.1" }).where(eq(auditEvents.id, event!.id)),
        ),
      ),
    ).toBe("42501");
    expect(
      await sqlState(
        database.tenant(tenant.id, (tx) =>
          tx.delete(auditEvents).where(eq(auditEvents.id, event!.id)),
        ),
      ),
    ).toBe("42501");
    expect(
      await sqlState(
        database.tenant(tenant.id, (tx) =>
          tx.delete(auditChain).where(eq(auditChain.eventId, event!.id)),
        ),
      ),
    ).toBe("42501");
    expect(
      await sqlState(
        database.tenant(tenant.id, (tx) =>
          tx.update(auditChain).set({ hash: "0" }).where(eq(auditChain.eventId, event!.id)),
        ),
      ),
    ).toBe("42501");

    const [still] = await database.system((tx) =>
      tx.select().from(auditEvents).where(eq(auditEvents.id, event!.id)),
    );
    expect(still).toEqual(event);
    expect((await verifyAuditChain(database, tenant.id)).ok).toBe(true);
  });

  it("a tenant can neither read nor write another tenant's audit events", async () => {
    const a = await makeTenant(database);
    const b = await makeTenant(database);
    await writeEvents(database, a.id, 2, "a");
    await writeEvents(database, b.id, 2, "b");
    await sealAuditChains(database);

    const seenByA = await database.tenant(a.id, (tx) => tx.select().from(auditEvents));
    expect(seenByA.length).toBeGreaterThanOrEqual(2);
    expect(seenByA.every((row) => row.tenantId === a.id)).toBe(true);
    const chainSeenByA = await database.tenant(a.id, (tx) => tx.select().from(auditChain));
    expect(chainSeenByA.length).toBe(seenByA.length);
    expect(chainSeenByA.every((row) => row.chainKey === `tenant:${a.id}`)).toBe(true);

    await expect(
      database.tenant(a.id, (tx) =>
        recordAudit(tx, {
          type: "audit.viewed",
          tenantId: b.id,
          actor: systemActor(a.id, "test"),
          meta: meta("forged"),
        }),
      ),
    ).rejects.toThrow();
    await expect(
      database.tenant(a.id, (tx) =>
        recordAudit(tx, {
          type: "audit.viewed",
          tenantId: null,
          actor: systemActor(a.id, "test"),
          meta: meta("forged"),
        }),
      ),
    ).rejects.toThrow();
    const all = await database.system((tx) =>
      tx.select().from(auditEvents).where(eq(auditEvents.requestId, "forged")),
    );
    expect(all).toHaveLength(0);
  });

  it("keeps both chains intact under many parallel writers and sealers", async () => {
    const a = await makeTenant(database, "Parallellvik kommune");
    const b = await makeTenant(database, "Samtidig kommune");
    const before = {
      a: (await eventsOf(database, a.id)).length,
      b: (await eventsOf(database, b.id)).length,
    };
    const writes = Array.from({ length: 60 }, (_, i) => {
      const tenantId = i % 2 === 0 ? a.id : b.id;
      return database.tenant(tenantId, (tx) =>
        recordAudit(tx, {
          type: "audit.viewed",
          tenantId,
          actor: systemActor(tenantId, "test"),
          meta: meta(`parallel-${i}`),
          details: { i },
        }),
      );
    });
    const sealers = Array.from({ length: 4 }, () => sealAuditChains(database, 7));
    await Promise.all([...writes, ...sealers]);
    await sealAuditChains(database);

    for (const [tenantId, existing] of [
      [a.id, before.a],
      [b.id, before.b],
    ] as const) {
      const result = await verifyAuditChain(database, tenantId);
      expect(result).toEqual({ chainKey: `tenant:${tenantId}`, ok: true, checked: existing + 30 });
      const chain = await chainOf(database, tenantId);
      expect(new Set(chain.map((link) => link.eventId)).size).toBe(existing + 30);
    }
  });

  // Last in this database: it drops a foreign key, as an attacker with table rights could.
  it("reports the missing event when an event row is deleted", async () => {
    const tenant = await makeTenant(database);
    await writeEvents(database, tenant.id, 5);
    await sealAuditChains(database);
    const chain = await chainOf(database, tenant.id);
    await database.system(async (tx) => {
      await tx.execute(
        sql`alter table audit_chain drop constraint audit_chain_event_id_audit_events_id_fk`,
      );
      await tx.execute(sql`delete from audit_events where id = ${chain[3]!.eventId}`);
    });
    const result = await verifyAuditChain(database, tenant.id);
    expect(result).toMatchObject({
      ok: false,
      checked: 3,
      firstBroken: { seq: 4, eventId: chain[3]!.eventId, reason: "event_missing" },
    });
  });
});

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "bin/laget.js"), ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "silent", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Checks the CLI's verdict on an intact chain, then on one with a changed event. */
async function checkCli(
  env: Record<string, string>,
  withDatabase: <T>(work: (database: Database) => Promise<T>) => Promise<T>,
) {
  const { tenantId, chain } = await withDatabase(async (database) => {
    const tenant = await makeTenant(database, "Kommandovik kommune");
    await writeEvents(database, tenant.id, 4);
    return { tenantId: tenant.id, chain: [] as { eventId: number; seq: number }[] };
  });

  const intact = await runCli(["audit", "verify"], env);
  expect(intact.stderr).toBe("");
  expect(intact.code).toBe(0);
  // The CLI seals what is unsealed before it verifies: 1 tenant.created + 4 events.
  expect(intact.stdout).toContain(`OK      tenant:${tenantId}: 5 hendelser`);
  expect(intact.stdout).toMatch(/^OK {6}platform: \d+ hendelser$/m);
  expect(intact.stdout).not.toContain("BRUTT");

  const tampered = await withDatabase(async (database) => {
    chain.push(...(await chainOf(database, tenantId)));
    const target = chain[2]!;
    await database.system((tx) =>
      tx.execute(sql`update audit_events set subject_id = 'endret' where id = ${target.eventId}`),
    );
    return target;
  });

  const broken = await runCli(["audit", "verify"], env);
  expect(broken.code).toBe(2);
  expect(broken.stdout).toContain(
    `BRUTT   tenant:${tenantId}: første brudd ved ledd 3 (hendelse ${tampered.eventId}): event_changed`,
  );
  expect(broken.stdout).toMatch(/^OK {6}platform: /m);

  const [number] = await withDatabase((database) =>
    database.system((tx) =>
      tx.execute(sql`select municipality_number from tenants where id = ${tenantId}`),
    ),
  ).then((result) =>
    (result as unknown as { rows: { municipality_number: string }[] }).rows.map(
      (r) => r.municipality_number,
    ),
  );
  const onlyThisTenant = await runCli(["audit", "verify", "--tenant", number!], env);
  expect(onlyThisTenant.code).toBe(2);
  expect(onlyThisTenant.stdout.trim().split("\n")).toHaveLength(1);
  expect(onlyThisTenant.stdout).toContain("første brudd ved ledd 3");
}

describe.runIf(databaseKinds.includes("postgres"))("laget audit verify on PostgreSQL", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase("postgres");
  });
  afterAll(() => database.drop());

  it("prints OK for an intact chain and BRUTT with the first broken link (exit 2) for a tampered one", async () => {
    await checkCli(
      {
        DATABASE_URL: database.url!,
        SESSION_SECRET: "t".repeat(40),
        DATA_ENCRYPTION_KEY: "cd".repeat(32),
      },
      (work) => work(database),
    );
  }, 60_000);
});

describe("laget audit verify on PGlite", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "laget-audit-cli-"));
    // Start from the migrated snapshot, written to disk where the CLI will find it.
    const database = await openPglite(path.join(dataDir, "pglite"), {
      loadDataDir: new Blob([readFileSync(inject("pgliteSnapshot"))]),
    });
    await database.close();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("prints OK for an intact chain and BRUTT with the first broken link (exit 2) for a tampered one", async () => {
    // PGlite allows one process at a time, so the test opens the folder only between CLI runs.
    await checkCli({ DATA_DIR: dataDir }, async (work) => {
      const database = await openPglite(path.join(dataDir, "pglite"));
      try {
        return await work(database);
      } finally {
        await database.close();
      }
    });
  }, 90_000);
});
