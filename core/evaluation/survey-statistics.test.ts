import { describe, expect, it } from "vitest";
import {
  choiceCounts,
  difference,
  likertFigures,
  mean,
  median,
  numberFigures,
  orderFreeText,
  percent,
  roundTo,
} from "./survey-statistics.ts";
import { protectBreakdown } from "./suppression.ts";

const sizes = (entries: Record<string, number>) => new Map(Object.entries(entries));
const sorted = (set: Set<string>) => [...set].sort();

describe("survey statistics: rounding, means, medians, percentages", () => {
  it("rounds half away from zero without floating-point surprises", () => {
    expect(roundTo(2.25, 1)).toBe(2.3);
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(-0.25, 1)).toBe(-0.3);
    expect(roundTo(12.5, 0)).toBe(13);
    expect(roundTo(-0.04, 1)).toBe(0);
  });

  it("computes means to one decimal (hand-computed)", () => {
    // (4 + 4 + 3 + 5 + 2) / 5 = 18 / 5 = 3.6
    expect(mean([4, 4, 3, 5, 2])).toBe(3.6);
    // (1 + 2 + 2) / 3 = 1.666… → 1.7
    expect(mean([1, 2, 2])).toBe(1.7);
    // (3 + 4 + 4 + 4 + 4 + 4) / 6 = 23 / 6 = 3.833… → 3.8
    expect(mean([3, 4, 4, 4, 4, 4])).toBe(3.8);
    // 9 / 4 = 2.25 → 2.3 (half away from zero)
    expect(mean([2, 2, 2, 3])).toBe(2.3);
    expect(() => mean([])).toThrow();
  });

  it("takes the middle value, or the mean of the two middle values", () => {
    expect(median([7, 1, 3])).toBe(3);
    expect(median([10, 2, 4, 8])).toBe(6);
    expect(median([1, 2, 3, 4, 5, 6])).toBe(3.5);
    expect(median([5])).toBe(5);
  });

  it("gives whole percentages, rounding halves up", () => {
    expect(percent(1, 8)).toBe(13); // 12.5
    expect(percent(1, 3)).toBe(33); // 33.33…
    expect(percent(2, 3)).toBe(67); // 66.66…
    expect(percent(5, 5)).toBe(100);
    expect(percent(0, 7)).toBe(0);
  });

  it("takes the difference between the means as shown", () => {
    // 3.86 is shown as 3.9 and 3.44 as 3.4: the page says +0.5, not +0.42 → 0.4.
    expect(difference(3.86, 3.44)).toBe(0.5);
    expect(difference(3.4, 3.9)).toBe(-0.5);
    expect(difference(4, 4)).toBe(0);
  });
});

describe("survey statistics: per question type", () => {
  it("counts single choice options with percentages of those who answered", () => {
    const options = [
      { key: "a", label: "Ja" },
      { key: "b", label: "Nei" },
      { key: "c", label: "Vet ikke" },
    ];
    const counts = choiceCounts(options, [["a"], ["a"], ["b"], ["a"], ["c"], ["a"], ["b"]]);
    // 4/7 = 57.1 % → 57, 2/7 = 28.6 % → 29, 1/7 = 14.3 % → 14
    expect(counts).toEqual([
      { key: "a", label: "Ja", count: 4, percent: 57 },
      { key: "b", label: "Nei", count: 2, percent: 29 },
      { key: "c", label: "Vet ikke", count: 1, percent: 14 },
    ]);
  });

  it("counts multiple choice per respondent (the percentages may add up to more than 100)", () => {
    const options = [
      { key: "x", label: "Tid" },
      { key: "y", label: "Kunnskap" },
    ];
    const counts = choiceCounts(options, [["x", "y"], ["x"], ["x", "x"], ["y"], ["zz"]]);
    expect(counts.map((c) => [c.count, c.percent])).toEqual([
      [3, 60],
      [2, 40],
    ]);
  });

  it("gives the Likert distribution and mean", () => {
    const figures = likertFigures([5, 4, 4, 3, 4, 2, 5, 4]);
    // 31 / 8 = 3.875 → 3.9; counts 1:0 2:1 3:1 4:4 5:2 of 8
    expect(figures.mean).toBe(3.9);
    expect(figures.distribution).toEqual([
      { value: 1, count: 0, percent: 0 },
      { value: 2, count: 1, percent: 13 },
      { value: 3, count: 1, percent: 13 },
      { value: 4, count: 4, percent: 50 },
      { value: 5, count: 2, percent: 25 },
    ]);
  });

  it("summarises number answers", () => {
    expect(numberFigures([12, 3, 7, 7, 40, 1])).toEqual({
      mean: 11.7, // 70 / 6 = 11.666…
      median: 7,
      min: 1,
      max: 40,
    });
  });

  it("orders free text alphabetically, never by when it was given, and drops blanks", () => {
    expect(
      orderFreeText([
        { id: "3", text: "Mer tid til samtaler" },
        { id: "1", text: "  " },
        { id: "2", text: "Bedre rutiner" },
        { id: "0", text: "ærlige svar" },
        { id: "4", text: "Bedre rutiner" },
      ]),
    ).toEqual(["Bedre rutiner", "Bedre rutiner", "Mer tid til samtaler", "ærlige svar"]);
  });
});

describe("survey statistics: suppressing groups in a breakdown", () => {
  it("hides a group of 4 and shows a group of 5", () => {
    // Two small groups that together hold 4 + 4 = 8 cover each other.
    expect(sorted(protectBreakdown(sizes({ a: 4, b: 5, c: 4, d: 9 })))).toEqual(["a", "c"]);
    expect(sorted(protectBreakdown(sizes({ a: 5, b: 5, c: 9 })))).toEqual([]);
  });

  it("hides the next-smallest group when exactly one group is hidden", () => {
    // a (4) alone would be total − b − c − d; c (6) is the smallest shown and goes too.
    expect(sorted(protectBreakdown(sizes({ a: 4, b: 12, c: 6, d: 7 })))).toEqual(["a", "c"]);
    // Ties go to the lowest key.
    expect(sorted(protectBreakdown(sizes({ a: 3, c: 6, b: 6 })))).toEqual(["a", "b"]);
  });

  it("keeps hiding until the hidden groups hold at least five answers", () => {
    // 1 + 2 = 3 could be read off the total; the next-smallest (8) makes 11.
    expect(sorted(protectBreakdown(sizes({ a: 1, b: 2, c: 8, d: 20 })))).toEqual(["a", "b", "c"]);
    // 2 + 3 = 5 is enough.
    expect(sorted(protectBreakdown(sizes({ a: 2, b: 3, c: 8, d: 20 })))).toEqual(["a", "b"]);
  });

  it("does not count groups without answers as cover", () => {
    expect(sorted(protectBreakdown(sizes({ empty: 0, a: 4, b: 7, c: 9 })))).toEqual([
      "a",
      "b",
      "empty",
    ]);
  });

  it("hides everything when only one other group can cover", () => {
    expect(sorted(protectBreakdown(sizes({ a: 4, b: 30 })))).toEqual(["a", "b"]);
    expect(sorted(protectBreakdown(sizes({ only: 30 })))).toEqual([]);
  });

  it("hides forced groups (cells of a hidden row) and covers them", () => {
    // b has 9 answers but its row is hidden: b alone would be total − a − c, so a goes too.
    expect(
      sorted(protectBreakdown(sizes({ a: 8, b: 9, c: 20 }), { forced: new Set(["b"]) })),
    ).toEqual(["a", "b"]);
  });

  it("protects each nested margin (units within a service type) on its own", () => {
    // Kindergartens: k1 (4) and k2 (10); schools s1 (6), s2 (7). Across all units k1 and s1 are
    // hidden (4 + 6), but the kindergarten total minus k2 would still reveal k1, so k2 is hidden;
    // and the school total minus s2 would reveal s1 (and through it k1), so s2 is hidden too.
    const all = sizes({ k1: 4, k2: 10, s1: 6, s2: 7 });
    const kindergartens = sizes({ k1: 4, k2: 10 });
    const schools = sizes({ s1: 6, s2: 7 });
    const hidden = protectBreakdown(all, { partitions: [kindergartens, schools] });
    expect(sorted(hidden)).toEqual(["k1", "k2", "s1", "s2"]);
  });

  it("hides nothing in a partition where every group is shown", () => {
    const all = sizes({ k1: 5, k2: 10, s1: 6 });
    expect(
      sorted(protectBreakdown(all, { partitions: [sizes({ k1: 5, k2: 10 }), sizes({ s1: 6 })] })),
    ).toEqual([]);
  });
});
