import { describe, expect, it } from "vitest";
import { formatOre, formatOreInput, MAX_ORE, parseKroner } from "./money.ts";

const amount = (text: string) => {
  const parsed = parseKroner(text);
  return parsed.kind === "amount" ? parsed.ore : parsed.kind;
};

describe("parseKroner", () => {
  it("reads whole kroner with or without spaces of any kind", () => {
    expect(amount("262 470")).toBe(26_247_000);
    expect(amount("262470")).toBe(26_247_000);
    expect(amount("262\u00a0470")).toBe(26_247_000);
    expect(amount("262\u202f470")).toBe(26_247_000);
    expect(amount("  15 000  ")).toBe(1_500_000);
    expect(amount("0")).toBe(0);
  });

  it("reads a comma as the decimal sign", () => {
    expect(amount("5 000,50")).toBe(500_050);
    expect(amount("5000,5")).toBe(500_050);
    expect(amount("0,99")).toBe(99);
    expect(amount("5 000,-")).toBe(500_000);
  });

  it("reads dots between groups of three as thousands, otherwise as the decimal sign", () => {
    expect(amount("5.000")).toBe(500_000);
    expect(amount("1.250.000")).toBe(125_000_000);
    expect(amount("5.000,50")).toBe(500_050);
    expect(amount("99.50")).toBe(9_950);
    expect(amount("99.5")).toBe(9_950);
  });

  it("leaves out kr and NOK before or after", () => {
    expect(amount("kr 5 000")).toBe(500_000);
    expect(amount("kr. 5 000")).toBe(500_000);
    expect(amount("5 000 kr")).toBe(500_000);
    expect(amount("5000kr")).toBe(500_000);
    expect(amount("NOK 150 000")).toBe(15_000_000);
  });

  it("refuses negative amounts, whichever minus sign is used", () => {
    expect(amount("-5 000")).toBe("negative");
    expect(amount("\u22125 000")).toBe("negative");
    expect(amount("\u2013 200")).toBe("negative");
    expect(amount("kr -5 000")).toBe("negative");
    expect(amount("-kr 5 000")).toBe("negative");
    expect(amount("-0")).toBe(0);
  });

  it("refuses what is not an amount", () => {
    for (const text of [
      "abc",
      "5 000 kroner",
      "5,505",
      "5..000",
      "1.5.0",
      "0.500",
      "12,3,4",
      "-",
    ]) {
      expect(amount(text), text).toBe("format");
    }
    expect(amount("")).toBe("empty");
    expect(amount("   ")).toBe("empty");
  });

  it("refuses amounts past the limit", () => {
    expect(amount("100 000 000 000")).toBe(MAX_ORE);
    expect(amount("100 000 000 001")).toBe("tooLarge");
    expect(amount("99999999999999999999")).toBe("tooLarge");
  });
});

describe("formatOre", () => {
  it("groups thousands with no-break spaces and writes kr after", () => {
    expect(formatOre(26_247_000)).toBe("262\u00a0470\u00a0kr");
    expect(formatOre(500_050)).toBe("5\u00a0000,50\u00a0kr");
    expect(formatOre(500)).toBe("5\u00a0kr");
    expect(formatOre(0)).toBe("0\u00a0kr");
    expect(formatOre(-247_000)).toBe("-2\u00a0470\u00a0kr");
    expect(formatOre(1_000_000_000)).toBe("10\u00a0000\u00a0000\u00a0kr");
  });

  it("matches Intl's nb-NO grouping", () => {
    const intl = new Intl.NumberFormat("nb-NO").format(262_470);
    expect(formatOre(26_247_000)).toBe(`${intl}\u00a0kr`);
  });

  it("writes English amounts as NOK, grouped with spaces, never with commas", () => {
    expect(formatOre(26_247_000, "en")).toBe("NOK\u00a0262\u00a0470");
    expect(formatOre(500_050, "en")).toBe("NOK\u00a05\u00a0000.50");
    expect(formatOre(-247_000, "en")).toBe("-NOK\u00a02\u00a0470");
    expect(formatOre(1_000_000_000, "en")).not.toContain(",");
  });

  it("reads back every amount it shows, in every language", () => {
    for (const language of ["nb", "nn", "en"]) {
      for (const ore of [0, 99, 500_050, 26_247_000, 50_247_000, 1_000_000_000]) {
        expect(amount(formatOre(ore, language)), `${language} ${ore}`).toBe(ore);
      }
    }
    // As an English user would retype what the page shows, with plain spaces.
    expect(amount("NOK 262 470")).toBe(26_247_000);
    expect(amount("5 000.50")).toBe(500_050);
  });

  it("gives form fields an amount that reads back the same", () => {
    for (const ore of [0, 99, 500_050, 26_247_000, 50_247_000]) {
      expect(amount(formatOreInput(ore))).toBe(ore);
    }
    expect(formatOreInput(26_247_000)).toBe("262 470");
    expect(formatOreInput(null)).toBe("");
  });
});
