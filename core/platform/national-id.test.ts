import { describe, expect, it } from "vitest";
import { isValidNationalId, syntheticNationalId } from "./national-id.ts";

// Control digits worked out by hand from the mod-11 weights. Born 1860 (individual number 5xx),
// so no living person has any of these numbers.
describe("isValidNationalId", () => {
  it("accepts an ordinary fødselsnummer", () => {
    expect(isValidNationalId("01016050012")).toBe(true);
    expect(isValidNationalId("15076050160")).toBe(true);
    expect(isValidNationalId("29126050095")).toBe(true);
  });

  it("accepts a D-number (day + 40)", () => {
    expect(isValidNationalId("41016050006")).toBe(true);
  });

  it("accepts synthetic test numbers (month + 80 and month + 40)", () => {
    expect(isValidNationalId("01816050088")).toBe(true);
    expect(isValidNationalId("01416050186")).toBe(true);
  });

  it("rejects a wrong first or second control digit", () => {
    expect(isValidNationalId("01016050022")).toBe(false);
    expect(isValidNationalId("01016050013")).toBe(false);
    expect(isValidNationalId("41016050007")).toBe(false);
    expect(isValidNationalId("01816050089")).toBe(false);
  });

  it("rejects a wrong length or non-digits", () => {
    expect(isValidNationalId("")).toBe(false);
    expect(isValidNationalId("0101605001")).toBe(false);
    expect(isValidNationalId("010160500121")).toBe(false);
    expect(isValidNationalId("0101605001a")).toBe(false);
    expect(isValidNationalId("010160 50012")).toBe(false);
  });

  it("rejects dates that do not exist even when the control digits add up", () => {
    expect(isValidNationalId("00136050001")).toBe(false); // month 13, day 0
    expect(isValidNationalId("01006050022")).toBe(false); // month 0
    expect(isValidNationalId("31026050025")).toBe(false); // 31 February
    expect(isValidNationalId("31046050005")).toBe(false); // 31 April
  });
});

describe("syntheticNationalId", () => {
  it("always produces a valid synthetic number (month + 80) for the given birth date", () => {
    const start = Date.UTC(2005, 0, 1);
    for (let day = 0; day < 366 * 3; day += 7) {
      const birth = new Date(start + day * 86_400_000);
      for (const individual of [0, 1, 250, 499, 998]) {
        const id = syntheticNationalId(birth, individual);
        expect(isValidNationalId(id), id).toBe(true);
        expect(id.slice(0, 2)).toBe(String(birth.getUTCDate()).padStart(2, "0"));
        expect(Number(id.slice(2, 4))).toBe(birth.getUTCMonth() + 1 + 80);
        expect(id.slice(4, 6)).toBe(String(birth.getUTCFullYear() % 100).padStart(2, "0"));
      }
    }
  });

  it("gives different numbers for different individual numbers on the same day", () => {
    const birth = new Date(Date.UTC(2012, 5, 15));
    const ids = new Set([0, 10, 20, 30, 40, 50].map((n) => syntheticNationalId(birth, n)));
    expect(ids.size).toBeGreaterThan(1);
  });
});
