import { describe, expect, it } from "vitest";
import { orderAfterMove } from "./ordering.ts";

describe("orderAfterMove", () => {
  const ids = ["a", "b", "c"];

  it("swaps with the neighbour above or below", () => {
    expect(orderAfterMove(ids, "b", "up")).toEqual(["b", "a", "c"]);
    expect(orderAfterMove(ids, "b", "down")).toEqual(["a", "c", "b"]);
    expect(ids).toEqual(["a", "b", "c"]);
  });

  it("does nothing at either end or for an unknown id", () => {
    expect(orderAfterMove(ids, "a", "up")).toBeNull();
    expect(orderAfterMove(ids, "c", "down")).toBeNull();
    expect(orderAfterMove(ids, "x", "up")).toBeNull();
  });
});
