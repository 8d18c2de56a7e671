import { describe, expect, it } from "vitest";
import { defaultRates, likelyChildren, parsePercent } from "./prevalence.ts";

describe("the invisible children estimate", () => {
  it("multiplies the children by each default rate, rounded to whole children (Nittedal: 5 637)", () => {
    // The seed slide shows 73, 939 and 282 for three of these; its 620 and 563 do not match
    // 11.7 % and 9 % of 5 637 (they are ~11 % and ~10 %), so Laget shows the product of the rate.
    expect(defaultRates.map((rate) => likelyChildren(5637, rate.percent))).toEqual([
      660, 73, 940, 507, 282,
    ]);
  });

  it("has the five seed rates with a source each", () => {
    expect(defaultRates.map((rate) => [rate.key, rate.percent])).toEqual([
      ["parent_mental_illness", 11.7],
      ["parent_hospitalised", 1.3],
      ["parent_substance_use", 16.667],
      ["family_violence", 9],
      ["sexual_abuse", 5],
    ]);
    expect(defaultRates.every((rate) => rate.source.includes("Nittedal"))).toBe(true);
  });

  it("reads percents with a comma or a percent sign", () => {
    expect(parsePercent("11,7")).toBe(11.7);
    expect(parsePercent(" 5 % ")).toBe(5);
    expect(parsePercent("-1")).toBe(-1);
    expect(parsePercent("mye")).toBe("mye");
    expect(parsePercent("")).toBeUndefined();
  });
});
