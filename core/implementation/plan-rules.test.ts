import { describe, expect, it } from "vitest";
import {
  barGeometry,
  howPoints,
  isInFocus,
  isMilestoneOverdue,
  isReviewOverdue,
  milestoneStatus,
  quarterOf,
  riskClass,
  riskScore,
  timelineGroups,
  timelineWindow,
  windowPosition,
  windowQuarters,
} from "./plan-rules.ts";

const today = "2026-03-15";
const milestone = (
  startsOn: string,
  endsOn: string,
  extra: { continuous?: boolean; doneOn?: string | null; title?: string } = {},
) => ({
  title: extra.title ?? `${startsOn}–${endsOn}`,
  startsOn,
  endsOn,
  continuous: extra.continuous ?? false,
  doneOn: extra.doneOn ?? null,
});

describe("milestone status", () => {
  it("is overdue only after the end day: the end day itself is on time", () => {
    expect(milestoneStatus(milestone("2026-03-01", "2026-03-15"), today)).toBe("ongoing");
    expect(milestoneStatus(milestone("2026-03-01", "2026-03-14"), today)).toBe("overdue");
    expect(isMilestoneOverdue(milestone("2026-03-01", "2026-03-14"), today)).toBe(true);
    expect(isMilestoneOverdue(milestone("2026-03-01", "2026-03-15"), today)).toBe(false);
  });

  it("is done whenever a done date is set, even after the end", () => {
    expect(
      milestoneStatus(milestone("2026-01-01", "2026-01-31", { doneOn: "2026-02-10" }), today),
    ).toBe("done");
  });

  it("is planned before the start, ongoing from the start day", () => {
    expect(milestoneStatus(milestone("2026-03-16", "2026-04-30"), today)).toBe("planned");
    expect(milestoneStatus(milestone("2026-03-15", "2026-04-30"), today)).toBe("ongoing");
  });

  it("never makes a continuous milestone late", () => {
    expect(
      milestoneStatus(milestone("2025-01-01", "2025-01-01", { continuous: true }), today),
    ).toBe("ongoing");
  });
});

describe("timeline", () => {
  it("groups by the quarter of the start, continuous ones last", () => {
    const groups = timelineGroups([
      milestone("2026-05-01", "2026-05-31", { title: "B" }),
      milestone("2026-01-10", "2026-02-01", { title: "A" }),
      milestone("2025-06-01", "2025-06-01", { title: "C", continuous: true }),
      milestone("2026-04-01", "2026-04-30", { title: "D" }),
    ]);
    expect(groups.map((group) => [group.key, group.items.map((item) => item.title)])).toEqual([
      ["2026-Q1", ["A"]],
      ["2026-Q2", ["D", "B"]],
      ["continuous", ["C"]],
    ]);
    expect(quarterOf("2026-12-31")).toEqual({ key: "2026-Q4", year: 2026, quarter: 4 });
  });

  it("spans whole quarters from the first start to the last end, including today", () => {
    const window = timelineWindow(
      [
        milestone("2026-02-10", "2026-08-01"),
        milestone("2025-11-01", "2025-11-01", { continuous: true }),
      ],
      today,
    );
    expect(window.from).toBe("2025-10-01");
    expect(window.until).toBe("2026-10-01");
    expect(window.months).toHaveLength(12);
    expect(windowQuarters(window)).toEqual([
      { year: 2025, quarter: 4 },
      { year: 2026, quarter: 1 },
      { year: 2026, quarter: 2 },
      { year: 2026, quarter: 3 },
    ]);
  });

  it("places bars in month units, and runs continuous bars to the end", () => {
    const window = timelineWindow([milestone("2026-01-01", "2026-12-31")], today);
    expect(windowPosition(window, "2026-07-01")).toBeCloseTo(0.5);
    expect(barGeometry(window, milestone("2026-01-01", "2026-03-31"))).toEqual({
      start: 0,
      width: 0.25,
    });
    const continuous = barGeometry(
      window,
      milestone("2026-04-01", "2026-04-01", { continuous: true }),
    );
    expect(continuous.start).toBeCloseTo(0.25);
    expect(continuous.start + continuous.width).toBeCloseTo(1);
  });
});

describe("dosing, risks and the responsibility matrix", () => {
  it("has a period in focus from its first to its last day", () => {
    expect(isInFocus({ startsOn: "2026-03-15", endsOn: "2026-03-15" }, today)).toBe(true);
    expect(isInFocus({ startsOn: "2026-03-16", endsOn: "2026-04-15" }, today)).toBe(false);
    expect(isInFocus({ startsOn: "2026-02-01", endsOn: "2026-03-14" }, today)).toBe(false);
  });

  it("classes the score: lav up to 4, middels 5–9, høy from 10", () => {
    expect(riskScore(3, 5)).toBe(15);
    expect([1, 4, 5, 9, 10, 25].map(riskClass)).toEqual([
      "low",
      "low",
      "medium",
      "medium",
      "high",
      "high",
    ]);
  });

  it("marks the review overdue the day after the review date, for open risks only", () => {
    expect(isReviewOverdue({ reviewOn: "2026-03-15", status: "open" }, today)).toBe(false);
    expect(isReviewOverdue({ reviewOn: "2026-03-14", status: "open" }, today)).toBe(true);
    expect(isReviewOverdue({ reviewOn: "2026-03-14", status: "closed" }, today)).toBe(false);
  });

  it("splits how into points, one per line, without list markers or blank lines", () => {
    expect(howPoints("- Sette av tid\n\n•  Peke ut BTS-kontakter\r\n* Ta opp BTS  \n  ")).toEqual([
      "Sette av tid",
      "Peke ut BTS-kontakter",
      "Ta opp BTS",
    ]);
  });
});
