import { describe, expect, it } from "vitest";
import { MIN_GROUP_SIZE, isShown, suppressBelowMinimum } from "./suppression.ts";

describe("small-group suppression", () => {
  it("hides a group of four and shows a group of five", () => {
    expect(MIN_GROUP_SIZE).toBe(5);
    expect(isShown(4)).toBe(false);
    expect(isShown(5)).toBe(true);
    expect(suppressBelowMinimum(4, () => 3.5)).toEqual({ suppressed: true });
    expect(suppressBelowMinimum(5, () => 3.5)).toEqual({ suppressed: false, value: 3.5 });
  });

  it("does not compute a suppressed value at all", () => {
    let computed = false;
    suppressBelowMinimum(0, () => {
      computed = true;
      return 1;
    });
    expect(computed).toBe(false);
  });
});
