import { describe, expect, it } from "vitest";
import { ageRanges, childrenFromBands, parseAge, parseSsbCsv, splitCsvLine } from "./ssb-csv.ts";

const longForm = [
  '"Befolkning, etter region, kjønn, alder, statistikkvariabel og år"',
  "",
  '"region";"kjønn";"alder";"statistikkvariabel";"år";"07459: Befolkning, etter region, kjønn, alder, statistikkvariabel og år"',
  '"9999 Fjordvik";"1 Menn";"000 0 år";"Personer";"2025";30',
  '"9999 Fjordvik";"2 Kvinner";"000 0 år";"Personer";"2025";28',
  '"9999 Fjordvik";"1 Menn";"017 17 år";"Personer";"2025";"1 001"',
  '"9999 Fjordvik";"2 Kvinner";"017 17 år";"Personer";"2025";..',
  '"9999 Fjordvik";"1 Menn";"030 30 år";"Personer";"2025";50',
].join("\r\n");

describe("parseSsbCsv", () => {
  it("reads SSB's long form with a title line, adding up the sexes", () => {
    const result = parseSsbCsv(`\uFEFF${longForm}`);
    expect(result).toEqual({
      ok: true,
      data: {
        form: "long",
        region: "9999 Fjordvik",
        years: [
          {
            year: 2025,
            bands: [
              { ageFrom: 0, ageTo: 0, count: 58 },
              { ageFrom: 17, ageTo: 17, count: 1001 },
            ],
          },
        ],
        skippedMissing: 1,
        skippedOlder: 1,
      },
    });
  });

  it("reads the wide form with a column per year", () => {
    const text = [
      '"region";"alder";"Personer 2024";"Personer 2025"',
      '"9999 Fjordvik";"0-5 år";300;310',
      '"9999 Fjordvik";"6-17 år";700;705',
    ].join("\n");
    const result = parseSsbCsv(text);
    expect(result.ok && result.data.years).toEqual([
      {
        year: 2024,
        bands: [
          { ageFrom: 0, ageTo: 5, count: 300 },
          { ageFrom: 6, ageTo: 17, count: 700 },
        ],
      },
      {
        year: 2025,
        bands: [
          { ageFrom: 0, ageTo: 5, count: 310 },
          { ageFrom: 6, ageTo: 17, count: 705 },
        ],
      },
    ]);
  });

  it("uses only the total rows when the file has both sexes and «Begge kjønn»", () => {
    const text = [
      "region;kjønn;alder;år;Personer",
      "9999 Fjordvik;0 Begge kjønn;5 år;2025;40",
      "9999 Fjordvik;1 Menn;5 år;2025;21",
      "9999 Fjordvik;2 Kvinner;5 år;2025;19",
    ].join("\n");
    const result = parseSsbCsv(text);
    expect(result.ok && result.data.years[0]!.bands).toEqual([{ ageFrom: 5, ageTo: 5, count: 40 }]);
  });

  it("names the columns expected and found when they are wrong", () => {
    const result = parseSsbCsv('"kommune";"aldersgruppe";"antall"\n"Fjordvik";"0-17";"5637"');
    expect(result).toEqual({
      ok: false,
      error: {
        reason: "columns",
        expected: ["alder", "år", "Personer <år> (bred form)"],
        found: ["kommune", "aldersgruppe", "antall"],
      },
    });
  });

  it("refuses several regions, a bad age, a bad number, overlapping bands and an empty file", () => {
    expect(parseSsbCsv("region;alder;år;x\nA;5 år;2025;1\nB;5 år;2025;1")).toMatchObject({
      ok: false,
      error: { reason: "regions" },
    });
    expect(parseSsbCsv("alder;år;x\nalle;2025;1")).toEqual({
      ok: false,
      error: { reason: "age", line: 2, value: "alle" },
    });
    expect(parseSsbCsv("alder;år;x\n5 år;2025;mange")).toEqual({
      ok: false,
      error: { reason: "number", line: 2, value: "mange" },
    });
    expect(parseSsbCsv("alder;år;x\n0-17 år;2025;100\n5 år;2025;10")).toEqual({
      ok: false,
      error: { reason: "overlap", year: 2025, band: "5–5" },
    });
    expect(parseSsbCsv(" \n")).toEqual({ ok: false, error: { reason: "empty" } });
  });
});

describe("helpers", () => {
  it("splits quoted cells", () => {
    expect(splitCsvLine('"a;b";"c""d";5', ";")).toEqual(["a;b", 'c"d', "5"]);
  });

  it("reads SSB's age labels", () => {
    expect(parseAge("000 0 år")).toEqual({ from: 0, to: 0 });
    expect(parseAge("17 år")).toEqual({ from: 17, to: 17 });
    expect(parseAge("105 år eller eldre")).toEqual({ from: 105, to: 105 });
    expect(parseAge("00-04 0-4 år")).toEqual({ from: 0, to: 4 });
    expect(parseAge("12")).toEqual({ from: 12, to: 12 });
    expect(parseAge("alle aldre")).toBeNull();
  });

  it("adds up children 0–17 and names the ages missing", () => {
    expect(
      childrenFromBands([
        { ageFrom: 0, ageTo: 5, count: 300 },
        { ageFrom: 9, ageTo: 17, count: 500 },
        { ageFrom: 16, ageTo: 19, count: 999 },
      ]),
    ).toEqual({ children: 800, missingAges: [6, 7, 8] });
    expect(ageRanges([6, 7, 8, 12])).toBe("6–8, 12");
  });
});
