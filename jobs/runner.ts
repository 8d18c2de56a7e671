import { sealAuditChains } from "../core/audit/audit.ts";
import { purgeExpiredSessions } from "../core/auth/sessions.ts";
import { remindDueRevisions, type ReminderMailer } from "../core/guide/content.ts";
import { sendWorryReminders } from "../core/guide/worry.ts";
import { deleteExpiredLogs } from "../core/relay-log/close.ts";
import { createRelayLogReminders } from "../core/relay-log/reminders.ts";
import { createOnboardingReminders } from "../core/implementation/onboarding-reminders.ts";
import { createNetworkMeetingReminders } from "../core/implementation/network-reminders.ts";
import { runSurveyReminders } from "../core/evaluation/surveys-reminders.ts";
import { createGrantReportReminders } from "../core/organisation/grants-reminders.ts";
import type { Config } from "../core/platform/config.ts";
import type { Database, DatabaseTarget } from "../db/client.ts";
import { startPgBossJobs, type PgBossTuning } from "./pg-boss.ts";

export interface JobLogger {
  error(fields: object, message: string): void;
}

export interface Job {
  name: string;
  /** How often, on the in-process runner (PGlite); also where the cron comes from on PostgreSQL. */
  everyMs: number;
  /**
   * The pg-boss schedule on PostgreSQL (minute resolution, Norwegian time). Left out, it is
   * derived from everyMs (every 15 min → "*\/15 * * * *"); a job more frequent than once a
   * minute stays on the in-process timer on every node.
   */
  cron?: string;
  run(): Promise<unknown>;
}

export interface JobRunner {
  stop(): Promise<void>;
}

/** The platform's recurring jobs. Later modules (reminders, retention deletion, reports) add theirs. */
export function platformJobs(database: Database, config: Config, mailer?: ReminderMailer): Job[] {
  return [
    { name: "audit.seal", everyMs: 5_000, run: () => sealAuditChains(database) },
    {
      name: "sessions.purge",
      everyMs: 10 * 60_000,
      run: () => purgeExpiredSessions(database, config.session),
    },
    // Marks yearly revisions due within 30 days; the editor shows the reminder banner.
    {
      name: "content.revision_reminder",
      everyMs: 60 * 60_000,
      run: () => remindDueRevisions(database, new Date(), mailer),
    },
    // Worry notes due within 2 days and undecided: "Frist om 2 dager" in the app, and a short
    // e-mail without any content of the note when mail is configured.
    {
      name: "worry.reminders",
      everyMs: 15 * 60_000,
      run: () => sendWorryReminders({ database, mailer }),
    },
    // Retention: closed relay logs whose deletion day has come are deleted for real (rows gone),
    // leaving one audit event per log without name or content.
    {
      name: "relaylog.retention",
      everyMs: 60 * 60_000,
      run: () => deleteExpiredLogs(database),
    },
    // Relay log reminders (evaluations, deadlines, consent, handovers, join requests, meetings,
    // archive before deletion, next-of-kin follow-ups) under «Varsler», and one short e-mail per
    // user without anything about the child when mail is configured.
    {
      name: "relaylog.reminders",
      everyMs: 15 * 60_000,
      run: () => createRelayLogReminders({ database, mailer, publicUrl: config.publicUrl }),
    },
    // Onboarding of new employees due within 7 days or overdue: the unit's BTS contacts (or its
    // leaders when it has none) get an «onboarding_due» notice under «Varsler».
    {
      name: "onboarding.reminders",
      everyMs: 15 * 60_000,
      run: () => createOnboardingReminders({ database }),
    },
    // BTS network meetings: the member units' BTS contacts are reminded 7 days ahead.
    {
      name: "network.reminders",
      everyMs: 60 * 60_000,
      run: () => createNetworkMeetingReminders({ database }),
    },
    // (evaluation jobs: add here)
    // Surveys: closes those past their closing day, and reminds invited staff who have not
    // answered, at most once per the survey's reminder interval («Varsler»).
    {
      name: "survey.reminders",
      everyMs: 60 * 60_000,
      run: () => runSurveyReminders({ database }),
    },
    // (organisation jobs: add here)
    // Grants: each reporting deadline not submitted is reminded once, from its due date minus
    // its reminder days: the grant's contact person, or else every coordinator («Varsler»).
    // Hourly, so a restart never skips a day; remindedAt keeps it to one reminder.
    {
      name: "grant.reminders",
      everyMs: 60 * 60_000,
      run: () => createGrantReportReminders({ database }),
    },
  ];
}

/** The pg-boss schedule of a job, or null when it runs more often than once a minute. */
export function cronOf(job: Job): string | null {
  if (job.cron) return job.cron;
  const minutes = job.everyMs / 60_000;
  if (minutes < 1) return null;
  if (Number.isInteger(minutes) && minutes < 60 && 60 % minutes === 0) {
    return minutes === 1 ? "* * * * *" : `*/${minutes} * * * *`;
  }
  const hours = minutes / 60;
  if (Number.isInteger(hours) && hours <= 24 && 24 % hours === 0) {
    return hours === 1 ? "0 * * * *" : hours === 24 ? "0 0 * * *" : `0 */${hours} * * *`;
  }
  throw new Error(`Job ${job.name}: every ${job.everyMs} ms has no cron; give the job one`);
}

/**
 * Starts the recurring jobs (ADR 0017). On PGlite they run on in-process timers. On PostgreSQL
 * they run through pg-boss (one run per schedule across all app nodes, retries with back-off),
 * except jobs more frequent than once a minute (audit sealing), which stay on the in-process
 * timer of every node: they are idempotent and take their own locks.
 */
export async function startJobs(
  jobs: Job[],
  logger: JobLogger,
  options: { database?: DatabaseTarget; pgBoss?: PgBossTuning } = {},
): Promise<JobRunner> {
  if (options.database?.kind !== "postgres") return startTimerJobs(jobs, logger);
  const scheduled = jobs.flatMap((job) => {
    const cron = cronOf(job);
    return cron ? [{ job, cron }] : [];
  });
  const timers = startTimerJobs(
    jobs.filter((job) => cronOf(job) === null),
    logger,
  );
  let boss: JobRunner;
  try {
    boss = await startPgBossJobs(scheduled, logger, options.database.url, options.pgBoss);
  } catch (error) {
    await timers.stop();
    throw error;
  }
  return {
    async stop() {
      await boss.stop();
      await timers.stop();
    },
  };
}

/**
 * Runs jobs in this process on timers. Each job is idempotent and safe to run on several app
 * nodes at once (sealing takes per-chain advisory locks). A run never overlaps the previous run
 * of the same job; a failure is logged and the job runs again at its next tick.
 */
export function startTimerJobs(jobs: Job[], logger: JobLogger): JobRunner {
  const running = new Map<string, Promise<unknown>>();
  const timers = jobs.map((job) => {
    const timer = setInterval(() => {
      if (running.has(job.name)) return;
      const run = job
        .run()
        .catch((error: unknown) =>
          logger.error({ job: job.name, err: (error as Error).message }, "job failed"),
        )
        .finally(() => running.delete(job.name));
      running.set(job.name, run);
    }, job.everyMs);
    timer.unref();
    return timer;
  });
  return {
    async stop() {
      for (const timer of timers) clearInterval(timer);
      await Promise.all(running.values());
    },
  };
}
