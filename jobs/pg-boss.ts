import PgBoss from "pg-boss";
import type { Job, JobLogger, JobRunner } from "./runner.ts";

/** Knobs for tests: how often workers poll and the cron clock looks for due schedules. */
export interface PgBossTuning {
  pollingIntervalSeconds?: number;
  cronWorkerIntervalSeconds?: number;
  cronMonitorIntervalSeconds?: number;
}

/** Schedules are in Norwegian time, like the dates the jobs work on. */
const TIME_ZONE = "Europe/Oslo";

/**
 * Runs scheduled jobs through pg-boss 10 on PostgreSQL (ADR 0017). Each job gets its own queue
 * with the "stately" policy (at most one waiting and one running, across every app node), a cron
 * schedule (pg-boss puts one job in the queue per due minute, whichever node's clock sees it
 * first), retries with back-off, and a worker on every node that calls the same `run()` as the
 * in-process runner. pg-boss keeps its tables in its own schema `pgboss`, created on first start.
 */
export async function startPgBossJobs(
  jobs: { job: Job; cron: string }[],
  logger: JobLogger,
  connectionString: string,
  tuning: PgBossTuning = {},
): Promise<JobRunner> {
  const boss = new PgBoss({
    connectionString,
    application_name: "laget-jobs",
    max: 3,
    ...(tuning.cronWorkerIntervalSeconds
      ? { cronWorkerIntervalSeconds: tuning.cronWorkerIntervalSeconds }
      : {}),
    ...(tuning.cronMonitorIntervalSeconds
      ? { cronMonitorIntervalSeconds: tuning.cronMonitorIntervalSeconds }
      : {}),
  });
  // Without a listener an "error" event would crash the process; pg-boss retries by itself.
  boss.on("error", (error: Error) => logger.error({ err: error.message }, "job queue error"));
  await boss.start();

  const running = new Set<Promise<unknown>>();
  try {
    for (const { job, cron } of jobs) {
      const queue = {
        name: job.name,
        policy: "stately" as const,
        retryLimit: 2,
        retryDelay: 60,
        retryBackoff: true,
      };
      await boss.createQueue(job.name, queue);
      await boss.updateQueue(job.name, queue);
      await boss.schedule(job.name, cron, {}, { tz: TIME_ZONE });
      await boss.work(
        job.name,
        tuning.pollingIntervalSeconds
          ? { pollingIntervalSeconds: tuning.pollingIntervalSeconds }
          : {},
        async () => {
          const run = job.run();
          running.add(run);
          try {
            await run;
          } catch (error) {
            logger.error({ job: job.name, err: (error as Error).message }, "job failed");
            throw error; // pg-boss records the failure and retries
          } finally {
            running.delete(run);
          }
        },
      );
    }
    // A job that was removed from the list must not keep being queued by its old schedule.
    const names = new Set(jobs.map(({ job }) => job.name));
    for (const schedule of await boss.getSchedules()) {
      if (!names.has(schedule.name)) await boss.unschedule(schedule.name);
    }
  } catch (error) {
    await boss.stop({ graceful: false }).catch(() => undefined);
    throw error;
  }

  return {
    async stop() {
      // Stops fetching and the cron clock, waits for running jobs (up to 30 s), closes its pool.
      await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
      // A run that outlived pg-boss's wait still uses the app's database: let it finish first.
      await Promise.allSettled([...running]);
    },
  };
}
