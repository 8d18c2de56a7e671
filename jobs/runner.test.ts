import { afterEach, describe, expect, it, vi } from "vitest";
import type { Config } from "../core/platform/config.ts";
import type { Database } from "../db/client.ts";
import { cronOf, platformJobs, startJobs, startTimerJobs } from "./runner.ts";

describe("startTimerJobs", () => {
  afterEach(() => vi.useRealTimers());

  it("runs a job on its interval, never overlapping its previous run, and stop waits for a run in progress", async () => {
    vi.useFakeTimers();
    let started = 0;
    let finished = 0;
    let release: () => void = () => undefined;
    const job = {
      name: "slow",
      everyMs: 1_000,
      run: () => {
        started += 1;
        return new Promise<void>((resolve) => {
          release = () => {
            finished += 1;
            resolve();
          };
        });
      },
    };
    const runner = startTimerJobs([job], { error: vi.fn() });
    await vi.advanceTimersByTimeAsync(3_500);
    expect(started).toBe(1); // ticks at 2 s and 3 s were skipped: the first run had not finished
    const stopped = runner.stop();
    release();
    await stopped;
    expect(finished).toBe(1);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(started).toBe(1);
  });

  it("logs a failing job and keeps running it", async () => {
    vi.useFakeTimers();
    const error = vi.fn();
    let runs = 0;
    const runner = startTimerJobs(
      [
        {
          name: "flaky",
          everyMs: 100,
          run: async () => {
            runs += 1;
            throw new Error("boom");
          },
        },
      ],
      { error },
    );
    await vi.advanceTimersByTimeAsync(350);
    await runner.stop();
    expect(runs).toBe(3);
    expect(error).toHaveBeenCalledWith({ job: "flaky", err: "boom" }, "job failed");
  });
});

describe("startJobs", () => {
  afterEach(() => vi.useRealTimers());

  it("runs every job on in-process timers on PGlite", async () => {
    vi.useFakeTimers();
    let runs = 0;
    const runner = await startJobs(
      [{ name: "every-15-min", everyMs: 15 * 60_000, run: async () => (runs += 1) }],
      { error: vi.fn() },
      { database: { kind: "pglite", dataDir: "/tmp/unused" } },
    );
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    await runner.stop();
    expect(runs).toBe(2);
  });
});

describe("cronOf", () => {
  const job = (everyMs: number, cron?: string) => ({
    name: "x",
    everyMs,
    cron,
    run: async () => undefined,
  });

  it("derives a cron from whole minutes or hours that divide the hour or the day", () => {
    expect(cronOf(job(60_000))).toBe("* * * * *");
    expect(cronOf(job(15 * 60_000))).toBe("*/15 * * * *");
    expect(cronOf(job(60 * 60_000))).toBe("0 * * * *");
    expect(cronOf(job(6 * 60 * 60_000))).toBe("0 */6 * * *");
    expect(cronOf(job(24 * 60 * 60_000))).toBe("0 0 * * *");
    expect(cronOf(job(7 * 60_000, "3 4 * * *"))).toBe("3 4 * * *");
  });

  it("keeps jobs more frequent than a minute on the timer and refuses intervals without a cron", () => {
    expect(cronOf(job(5_000))).toBeNull();
    expect(() => cronOf(job(7 * 60_000))).toThrow(/no cron/);
  });

  it("gives every platform job a schedule or a timer", () => {
    const jobs = platformJobs(
      {} as Database,
      { session: {}, publicUrl: undefined } as unknown as Config,
    );
    expect(jobs.map((entry) => entry.name)).toContain("relaylog.reminders");
    const schedules = Object.fromEntries(jobs.map((entry) => [entry.name, cronOf(entry)]));
    expect(schedules["audit.seal"]).toBeNull();
    expect(schedules["relaylog.reminders"]).toBe("*/15 * * * *");
  });
});
