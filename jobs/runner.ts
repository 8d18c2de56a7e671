import { sealAuditChains } from "../core/audit/audit.ts";
import { purgeExpiredSessions } from "../core/auth/sessions.ts";
import { remindDueRevisions, type ReminderMailer } from "../core/guide/content.ts";
import { sendWorryReminders } from "../core/guide/worry.ts";
import type { Config } from "../core/platform/config.ts";
import type { Database } from "../db/client.ts";

export interface JobLogger {
  error(fields: object, message: string): void;
}

export interface Job {
  name: string;
  everyMs: number;
  run(): Promise<unknown>;
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
  ];
}

/**
 * Runs jobs in this process on timers (ADR 0012). Each job is idempotent and safe to run on
 * several app nodes at once (sealing takes per-chain advisory locks), so no leader is needed yet.
 * A run never overlaps the previous run of the same job.
 */
export function startJobs(jobs: Job[], logger: JobLogger): { stop(): Promise<void> } {
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
