import { afterEach, describe, expect, it, vi } from "vitest";
import { startJobs } from "./runner.ts";

describe("startJobs", () => {
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
    const runner = startJobs([job], { error: vi.fn() });
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
    const runner = startJobs(
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
