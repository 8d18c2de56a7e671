import { eq, sql, type SQL } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { addDays, osloDate } from "../../core/platform/dates.ts";
import { createRelayLogReminders } from "../../core/relay-log/reminders.ts";
import { notifications, relayLogEvaluations } from "../../db/schema/index.ts";
import { startJobs, type Job } from "../../jobs/runner.ts";
import { freshDatabase, type TestDatabase } from "../support/databases.ts";
import { insertTestLog, relayLogWorld } from "../support/relay-log-fixtures.ts";

/** Fast polling and schedule checks, so a schedule that is due now runs within seconds. */
const tuning = {
  pollingIntervalSeconds: 0.5,
  cronWorkerIntervalSeconds: 1,
  cronMonitorIntervalSeconds: 2,
};

async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs = 30_000) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

// pg-boss needs PostgreSQL: PGlite runs the same jobs on in-process timers (jobs/runner.test.ts).
describe.skipIf(!process.env.TEST_DATABASE_URL)("jobs on pg-boss (PostgreSQL)", () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await freshDatabase("postgres");
  });
  afterAll(async () => {
    await database?.drop();
  });

  /** Rows of a raw query (pg-boss's tables and pg_stat_activity are not in the Drizzle schema). */
  async function query<T>(statement: SQL): Promise<{ rows: T[] }> {
    return (await database.db.execute(statement)) as unknown as { rows: T[] };
  }

  const jobConnections = async () => {
    const result = await query<{ count: number }>(
      sql`select count(*)::int as count from pg_stat_activity
          where datname = current_database() and application_name = 'laget-jobs'`,
    );
    return result.rows[0]!.count;
  };

  it("runs a scheduled job's handler through pg-boss once across two nodes, and stops cleanly", async () => {
    const { tenant, school, holder } = await relayLogWorld(database);
    const log = await insertTestLog(database, {
      tenantId: tenant.id,
      holder,
      holderUnitId: school.id,
    });
    await database.tenant(tenant.id, (tx) =>
      tx
        .insert(relayLogEvaluations)
        .values({ tenantId: tenant.id, logId: log.id, scheduledOn: addDays(osloDate(), 2) }),
    );

    // The real reminder handler, scheduled every minute (due at once) instead of every 15.
    let runs = 0;
    const reminders: Job = {
      name: "relaylog.reminders",
      everyMs: 15 * 60_000,
      cron: "* * * * *",
      run: async () => {
        runs += 1;
        return createRelayLogReminders({ database });
      },
    };
    // More frequent than a minute: stays on the in-process timer.
    let ticks = 0;
    const fast: Job = { name: "test.fast", everyMs: 200, run: async () => (ticks += 1) };
    const logger = { error: vi.fn() };
    const target = { kind: "postgres" as const, url: database.url! };

    const nodeA = await startJobs([reminders, fast], logger, { database: target, pgBoss: tuning });
    const nodeB = await startJobs([reminders], logger, { database: target, pgBoss: tuning });
    try {
      await waitFor(async () => {
        const rows = await database.system((tx) =>
          tx.select().from(notifications).where(eq(notifications.logId, log.id)),
        );
        return rows.length > 0;
      });
      // pg-boss recorded the run as its own job, queued by the schedule.
      await waitFor(async () => {
        const result = await query<{ state: string }>(
          sql`select state from pgboss.job where name = 'relaylog.reminders'`,
        );
        return result.rows.some((row) => row.state === "completed");
      });
      const schedules = await query<{ name: string; cron: string; timezone: string }>(
        sql`select name, cron, timezone from pgboss.schedule`,
      );
      expect(schedules.rows).toEqual([
        { name: "relaylog.reminders", cron: "* * * * *", timezone: "Europe/Oslo" },
      ]);
      // Both nodes work the queue, but the schedule queues one job per due minute, and each
      // queued job runs on one node only.
      const startedMinute = Math.floor(Date.now() / 60_000);
      await new Promise((resolve) => setTimeout(resolve, 4_000));
      const queued = await query<{ count: number }>(
        sql`select count(*)::int as count from pgboss.job where name = 'relaylog.reminders'`,
      );
      const minutes = Math.floor(Date.now() / 60_000) - startedMinute + 1;
      expect(queued.rows[0]!.count).toBeGreaterThanOrEqual(1);
      expect(queued.rows[0]!.count).toBeLessThanOrEqual(minutes);
      await waitFor(async () => {
        const done = await query<{ count: number }>(
          sql`select count(*)::int as count from pgboss.job
              where name = 'relaylog.reminders' and state = 'completed'`,
        );
        return done.rows[0]!.count === queued.rows[0]!.count;
      });
      expect(runs).toBe(queued.rows[0]!.count);
      expect(ticks).toBeGreaterThan(3);
      expect(await jobConnections()).toBeGreaterThan(0);
    } finally {
      const started = Date.now();
      await nodeA.stop();
      await nodeB.stop();
      expect(Date.now() - started).toBeLessThan(15_000);
    }
    // Stopped: pg-boss's pool is closed and the timer does not tick any more.
    await waitFor(async () => (await jobConnections()) === 0, 5_000);
    const ticksAtStop = ticks;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(ticks).toBe(ticksAtStop);
    expect(logger.error).not.toHaveBeenCalled();
  }, 60_000);

  it("logs a failing job and leaves it to pg-boss to retry", async () => {
    const logger = { error: vi.fn() };
    const failing: Job = {
      name: "test.failing",
      everyMs: 60_000,
      run: async () => {
        throw new Error("boom");
      },
    };
    const runner = await startJobs([failing], logger, {
      database: { kind: "postgres", url: database.url! },
      pgBoss: tuning,
    });
    try {
      await waitFor(() => logger.error.mock.calls.length > 0);
      expect(logger.error).toHaveBeenCalledWith({ job: "test.failing", err: "boom" }, "job failed");
      await waitFor(async () => {
        const result = await query<{ state: string }>(
          sql`select state from pgboss.job where name = 'test.failing'`,
        );
        return result.rows.some((row) => row.state === "retry");
      });
      // The schedule of the job that is no longer in the list was removed.
      const schedules = await query<{ name: string }>(sql`select name from pgboss.schedule`);
      expect(schedules.rows.map((row) => row.name)).toEqual(["test.failing"]);
    } finally {
      await runner.stop();
    }
  }, 60_000);
});
