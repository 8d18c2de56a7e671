import { describe, expect, it } from "vitest";
import {
  adoptionIndicators,
  adoptionShares,
  adoptionStatus,
  halfYearOf,
  lastHalfYears,
  openLogIndicators,
  percentIndicator,
  periodFromQuery,
  previousHalfYear,
  protectIndicatorGroups,
  suppressCounts,
  valueIndicator,
  type IndicatorGroup,
  type IndicatorKey,
} from "./indicator-rules.ts";

const shown = (value: number) => ({ suppressed: false, value });
const hidden = { suppressed: true };

describe("percentIndicator", () => {
  it("shows the share from five cases and hides it (and its n) at four", () => {
    expect(percentIndicator("evaluations_on_time", 4, 5)).toEqual({
      key: "evaluations_on_time",
      value: shown(80),
      n: 5,
      unit: "percent",
    });
    expect(percentIndicator("evaluations_on_time", 4, 4)).toEqual({
      key: "evaluations_on_time",
      value: hidden,
      n: null,
      unit: "percent",
    });
  });

  it("rounds to one decimal: 2 of 3 … 1 of 6", () => {
    expect(percentIndicator("closed_goals_reached", 1, 6).value).toEqual(shown(16.7));
    expect(percentIndicator("closed_goals_reached", 5, 7).value).toEqual(shown(71.4));
  });

  it("hides an empty group (0 cases)", () => {
    expect(percentIndicator("feedback_handled", 0, 0).value).toEqual(hidden);
  });
});

describe("valueIndicator", () => {
  it("rounds a median to one decimal and keeps detail only when shown", () => {
    expect(valueIndicator("worry_decision_median_days", 9.25, 5, 1)).toMatchObject({
      value: shown(9.3),
      n: 5,
      unit: "days",
    });
    const goals = valueIndicator("goal_score_first", -0.5, 5, 2, { goals: 9 });
    expect(goals).toMatchObject({ value: shown(-0.5), detail: { goals: 9 } });
    const small = valueIndicator("goal_score_first", -0.5, 4, 2, { goals: 9 });
    expect(small).toEqual({ key: "goal_score_first", value: hidden, n: null, unit: "score" });
  });

  it("hides a missing value even in a big group", () => {
    expect(valueIndicator("goal_score_change", null, 10, 2).value).toEqual(hidden);
  });
});

describe("suppressCounts", () => {
  it("shows counts of five and more", () => {
    expect(suppressCounts([5, 6, 7])).toEqual([shown(5), shown(6), shown(7)]);
  });

  it("hides a count of four and, when it is the only one, the smallest other as well", () => {
    expect(suppressCounts([4, 20, 8, 30])).toEqual([hidden, shown(20), hidden, shown(30)]);
  });

  it("needs no second cell when two are hidden already", () => {
    expect(suppressCounts([4, 3, 8, 30])).toEqual([hidden, hidden, shown(8), shown(30)]);
  });

  it("hides everything when the total itself is below five", () => {
    expect(suppressCounts([1, 2, 0])).toEqual([hidden, hidden, hidden]);
  });
});

describe("openLogIndicators", () => {
  it("gives the total and each level, hiding small levels", () => {
    const indicators = openLogIndicators([0, 12, 7, 3]);
    expect(indicators.map((i) => [i.key, i.value, i.n])).toEqual([
      ["open_logs_total", shown(22), 22],
      ["open_logs_level_0", hidden, null],
      ["open_logs_level_1", shown(12), 12],
      ["open_logs_level_2", shown(7), 7],
      ["open_logs_level_3", hidden, null],
    ]);
  });

  it("hides the total and every level at four logs, shows them at five", () => {
    expect(openLogIndicators([0, 4, 0, 0]).every((i) => i.value.suppressed)).toBe(true);
    const five = openLogIndicators([0, 5, 0, 0]);
    expect(five[0]!.value).toEqual(shown(5));
    expect(five[2]!.value).toEqual(shown(5));
  });
});

describe("adoption (60-30-10)", () => {
  it("classifies a unit by how many of the three parts it uses", () => {
    const all = { usesRelayLogs: true, usesGuide: true, usesNetworks: true };
    expect(adoptionStatus(all)).toBe("as_intended");
    expect(adoptionStatus({ ...all, usesNetworks: false })).toBe("not_as_intended");
    expect(adoptionStatus({ usesRelayLogs: false, usesGuide: true, usesNetworks: false })).toBe(
      "not_as_intended",
    );
    expect(adoptionStatus({ usesRelayLogs: false, usesGuide: false, usesNetworks: false })).toBe(
      "not_in_use",
    );
  });

  it("gives shares over five units and hides them over four", () => {
    expect(
      adoptionShares(["as_intended", "not_as_intended", "not_in_use", "not_in_use", "not_in_use"]),
    ).toEqual({ as_intended: shown(20), not_as_intended: shown(20), not_in_use: shown(60) });
    expect(adoptionShares(["as_intended", "not_in_use", "not_in_use", "not_in_use"])).toEqual({
      as_intended: hidden,
      not_as_intended: hidden,
      not_in_use: hidden,
    });
    expect(adoptionIndicators(["as_intended"]).map((i) => i.n)).toEqual([null, null, null]);
  });
});

describe("periods", () => {
  it("finds the half-year of a date", () => {
    expect(halfYearOf("2025-06-30")).toEqual({
      from: "2025-01-01",
      to: "2025-06-30",
      label: "2025-H1",
    });
    expect(halfYearOf("2025-07-01")).toEqual({
      from: "2025-07-01",
      to: "2025-12-31",
      label: "2025-H2",
    });
  });

  it("lists the last half-years oldest first, including the current one", () => {
    expect(lastHalfYears("2026-03-10", 4).map((p) => p.label)).toEqual([
      "2024-H2",
      "2025-H1",
      "2025-H2",
      "2026-H1",
    ]);
    expect(previousHalfYear("2026-03-10").label).toBe("2025-H2");
  });

  it("reads the period from the query string, falling back to the last complete half-year", () => {
    const today = "2026-03-10";
    const q = (text: string) => periodFromQuery(new URLSearchParams(text), today);
    expect(q("periode=2025-H1")).toEqual({
      kind: "half_year",
      value: "2025-H1",
      from: "2025-01-01",
      to: "2025-06-30",
    });
    expect(q("periode=2024")).toEqual({
      kind: "year",
      value: "2024",
      from: "2024-01-01",
      to: "2024-12-31",
    });
    expect(q("periode=egen&fra=2025-03-01&til=2025-02-01")).toEqual({
      kind: "custom",
      value: "",
      from: "2025-02-01",
      to: "2025-03-01",
    });
    expect(q("periode=egen&fra=2025-02-30&til=2025-03-01")).toMatchObject({ value: "2025-H2" });
    expect(q("periode=tull")).toMatchObject({
      kind: "half_year",
      from: "2025-07-01",
      to: "2025-12-31",
    });
  });
});

describe("protectIndicatorGroups: no hidden unit can be worked out from the others", () => {
  // Units with the share of closed logs with goals reached: `closed` cases behind each figure.
  function units(closed: Record<string, [number, string]>): {
    groups: IndicatorGroup[];
    sizes: Map<string, Map<IndicatorKey, number>>;
  } {
    const groups = Object.entries(closed).map(([id, [n, serviceType]]) => ({
      kind: "unit" as const,
      id,
      name: id,
      serviceType,
      indicators: [percentIndicator("closed_goals_reached", Math.min(n, 2), n)],
    }));
    const sizes = new Map(
      Object.entries(closed).map(([id, [n]]) => [
        id,
        new Map<IndicatorKey, number>([["closed_goals_reached", n]]),
      ]),
    );
    return { groups, sizes };
  }
  const valueOf = (groups: IndicatorGroup[], id: string) =>
    groups.find((group) => group.id === id)!.indicators[0]!;

  it("hides the smallest shown unit too when one unit alone is hidden (4 | 5 | 9)", () => {
    const { groups, sizes } = units({ a: [4, "skole"], b: [5, "skole"], c: [9, "skole"] });
    protectIndicatorGroups(groups, sizes);
    expect(valueOf(groups, "a").value).toEqual(hidden);
    // 5 − 2 of 5 would otherwise give a's 4 away as the total minus b and c.
    expect(valueOf(groups, "b")).toMatchObject({ value: hidden, n: null });
    expect(valueOf(groups, "c").value).toEqual(shown(22.2));
  });

  it("leaves every figure when two hidden units hold five together (4 | 1 | 5)", () => {
    const { groups, sizes } = units({ a: [4, "skole"], b: [1, "skole"], c: [5, "skole"] });
    protectIndicatorGroups(groups, sizes);
    expect(valueOf(groups, "a").value).toEqual(hidden);
    expect(valueOf(groups, "b").value).toEqual(hidden);
    expect(valueOf(groups, "c")).toMatchObject({ value: shown(40), n: 5 });
  });

  it("protects units within their service type, whose figure is shown too", () => {
    const { groups, sizes } = units({
      a: [4, "skole"],
      b: [6, "skole"],
      c: [3, "barnehage"],
      d: [9, "barnehage"],
    });
    protectIndicatorGroups(groups, sizes, (group) => group.serviceType);
    // Across the municipality a (4) and c (3) cover each other, but each is alone in its service
    // type: b and d are hidden as well.
    expect(groups.map((group) => group.indicators[0]!.value.suppressed)).toEqual([
      true,
      true,
      true,
      true,
    ]);
  });

  it("shows every unit with five or more when none is hidden", () => {
    const { groups, sizes } = units({ a: [5, "skole"], b: [7, "skole"] });
    protectIndicatorGroups(groups, sizes, (group) => group.serviceType);
    expect(valueOf(groups, "a").value).toEqual(shown(40));
    expect(valueOf(groups, "b").value).toEqual(shown(28.6));
  });
});
