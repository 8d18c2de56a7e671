import { describe, expect, it } from "vitest";
import { translator } from "../../i18n/index.ts";
import type { ReportContent } from "./report-content.ts";
import { figureText, reportBlocks, reportSections } from "./report-document.ts";
import { asOfDay, defaultPeriod, defaultTitle, periodErrors, periodName } from "./report-rules.ts";

const t = translator("nb");
const titles = (key: string, params: Record<string, string | number>) =>
  t(`evaluation.reports.defaultTitle.${key}`, params);

describe("defaultPeriod", () => {
  it("offers the last full half-year", () => {
    // In the autumn: January–June this year; in the spring: July–December last year.
    expect(defaultPeriod("half_year", "2026-11-23")).toEqual({
      from: "2026-01-01",
      to: "2026-06-30",
    });
    expect(defaultPeriod("half_year", "2026-07-01")).toEqual({
      from: "2026-01-01",
      to: "2026-06-30",
    });
    expect(defaultPeriod("half_year", "2026-06-30")).toEqual({
      from: "2025-07-01",
      to: "2025-12-31",
    });
    expect(defaultPeriod("half_year", "2026-01-01")).toEqual({
      from: "2025-07-01",
      to: "2025-12-31",
    });
  });

  it("offers the last full year, and the revision's own year up to today", () => {
    expect(defaultPeriod("year", "2026-11-23")).toEqual({ from: "2025-01-01", to: "2025-12-31" });
    expect(defaultPeriod("year", "2026-01-01")).toEqual({ from: "2025-01-01", to: "2025-12-31" });
    expect(defaultPeriod("revision", "2026-11-23")).toEqual({
      from: "2026-01-01",
      to: "2026-11-23",
    });
  });
});

describe("periodName and defaultTitle", () => {
  it("names whole half-years and years", () => {
    expect(periodName({ from: "2026-01-01", to: "2026-06-30" })).toEqual({
      kind: "half",
      half: 1,
      year: 2026,
    });
    expect(periodName({ from: "2025-07-01", to: "2025-12-31" })).toEqual({
      kind: "half",
      half: 2,
      year: 2025,
    });
    expect(periodName({ from: "2025-01-01", to: "2025-12-31" })).toEqual({
      kind: "year",
      year: 2025,
    });
    expect(periodName({ from: "2025-01-02", to: "2025-12-31" })).toBeNull();
    expect(periodName({ from: "2025-07-01", to: "2026-06-30" })).toBeNull();
  });

  it("titles a report by its kind and period", () => {
    expect(defaultTitle("half_year", { from: "2026-01-01", to: "2026-06-30" }, titles)).toBe(
      "Halvårsrapport 1. halvår 2026",
    );
    expect(defaultTitle("year", { from: "2025-01-01", to: "2025-12-31" }, titles)).toBe(
      "Årsrapport 2025",
    );
    expect(defaultTitle("revision", { from: "2026-01-01", to: "2026-11-23" }, titles)).toBe(
      "Revisjonsrapport 2026",
    );
    // Any other period: the kind with the dates.
    expect(defaultTitle("half_year", { from: "2026-02-01", to: "2026-07-31" }, titles)).toBe(
      "Halvårsrapport 01.02.2026–31.07.2026",
    );
    expect(defaultTitle("year", { from: "2025-01-01", to: "2025-06-30" }, titles)).toBe(
      "Årsrapport 01.01.2025–30.06.2025",
    );
  });
});

describe("periodErrors", () => {
  const today = "2026-11-23";
  it("accepts a period ending today", () => {
    expect(periodErrors({ from: "2026-01-01", to: today }, today)).toEqual({});
    expect(periodErrors({ from: today, to: today }, today)).toEqual({});
  });

  it("asks for both dates, to on or after from, and nothing after today", () => {
    expect(periodErrors({ from: null, to: null }, today)).toEqual({
      periodFrom: "evaluation.reports.errors.fromRequired",
      periodTo: "evaluation.reports.errors.toRequired",
    });
    expect(periodErrors({ from: "2026-06-30", to: "2026-06-29" }, today)).toEqual({
      periodTo: "evaluation.reports.errors.toBeforeFrom",
    });
    expect(periodErrors({ from: "2026-01-01", to: "2026-11-24" }, today)).toEqual({
      periodTo: "evaluation.reports.errors.toFuture",
    });
    expect(periodErrors({ from: "2026-11-24", to: "2026-11-25" }, today)).toEqual({
      periodFrom: "evaluation.reports.errors.fromFuture",
      periodTo: "evaluation.reports.errors.toFuture",
    });
    expect(periodErrors({ from: "1999-12-31", to: "2000-01-31" }, today).periodFrom).toBe(
      "evaluation.reports.errors.fromTooEarly",
    );
  });

  it("reads the figures as of the period's end, or today while the period runs", () => {
    expect(asOfDay({ from: "2026-01-01", to: "2026-06-30" }, today)).toBe("2026-06-30");
    expect(asOfDay({ from: "2026-01-01", to: today }, today)).toBe(today);
  });
});

function content(overrides: Partial<ReportContent> = {}): ReportContent {
  return {
    version: 1,
    kind: "revision",
    period: { from: "2026-01-01", to: "2026-06-30" },
    generatedAt: "2026-07-02T08:00:00.000Z",
    indicators: null,
    surveys: [],
    implementation: null,
    invisibleChildren: null,
    feedback: {
      total: 3,
      byState: { ny: 1, under_vurdering: 0, tatt_inn: 1, besvart: 1, avvist: 0 },
      byKind: { error: 2, missing: 1, suggestion: 0, good: 0 },
      byTheme: [
        { theme: "Språk", count: 2 },
        { theme: null, count: 1 },
      ],
      linked: 1,
      replied: 1,
      pages: [
        {
          path: "/veileder/niva-1",
          title: "Nivå 1",
          total: 3,
          themes: [
            {
              theme: "Språk",
              items: [
                {
                  id: "a",
                  receivedOn: "2026-02-03",
                  kind: "error",
                  state: "tatt_inn",
                  actionNote: "Rettet ordlyden",
                  revisionYear: 2026,
                  replied: false,
                },
                {
                  id: "b",
                  receivedOn: "2026-03-04",
                  kind: "error",
                  state: "besvart",
                  actionNote: "",
                  revisionYear: null,
                  replied: true,
                },
              ],
            },
            {
              theme: null,
              items: [
                {
                  id: "c",
                  receivedOn: "2026-04-05",
                  kind: "missing",
                  state: "ny",
                  actionNote: "",
                  revisionYear: null,
                  replied: false,
                },
              ],
            },
          ],
        },
      ],
      revisions: [],
      versionsPublished: 0,
    },
    ...overrides,
  };
}

const meta = {
  title: "Revisjonsrapport 2026",
  kind: "revision" as const,
  status: "draft" as const,
  periodFrom: "2026-01-01",
  periodTo: "2026-06-30",
  summary: "## Hovedfunn\n\nSpråket er **rettet**.",
  publishedAt: null,
};

describe("reportBlocks", () => {
  it("puts the title first and the coordinator's summary before the sections", () => {
    const blocks = reportBlocks(meta, content(), t);
    expect(blocks[0]).toEqual({ type: "heading", level: 1, text: "Revisjonsrapport 2026" });
    const summaryAt = blocks.findIndex((block) => block.type === "markdown");
    const feedbackAt = blocks.findIndex(
      (block) => block.type === "heading" && block.id === "tilbakemeldinger",
    );
    expect(summaryAt).toBeGreaterThan(0);
    expect(feedbackAt).toBeGreaterThan(summaryAt);
    // A revision report has no leadership sections.
    expect(reportSections(content()).map((section) => section.id)).toEqual([
      "sammendrag",
      "tilbakemeldinger",
    ]);
  });

  it("lists the feedback by page, then theme, with what was done and no sender text", () => {
    const blocks = reportBlocks(meta, content(), t);
    const tables = blocks.filter((block) => block.type === "table");
    const items = tables.filter((table) => table.caption.startsWith("Tilbakemeldinger på"));
    expect(items.map((table) => table.caption)).toEqual([
      "Tilbakemeldinger på /veileder/niva-1 med tema Språk",
      "Tilbakemeldinger på /veileder/niva-1 med tema Uten tema",
    ]);
    expect(items[0]!.rows).toEqual([
      [
        "Språk",
        "03.02.2026",
        "Noe er feil",
        "Tatt inn i revisjon",
        "Rettet ordlyden",
        "2026",
        "Ikke besvart",
      ],
      ["Språk", "04.03.2026", "Noe er feil", "Besvart", "Ikke fylt ut", "Ingen", "Besvart"],
    ]);
    const byState = tables.find((table) => table.caption === "Tilbakemeldinger etter status")!;
    expect(byState.rows).toContainEqual(["Ny", "1"]);
    expect(byState.rows).toContainEqual(["Avvist", "0"]);
  });

  it("prints a suppressed figure as hidden, never its value", () => {
    expect(figureText(t, { suppressed: true }, "percent")).toBe("Skjult (færre enn 5)");
    expect(figureText(t, { suppressed: false, value: 12.5 }, "percent")).toBe("12,5 %");
    expect(figureText(t, { suppressed: false, value: 0.4 }, "score")).toBe("+0,4");
  });
});
