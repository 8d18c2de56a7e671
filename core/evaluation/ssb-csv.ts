/**
 * Reads the municipality's population by age from a CSV file downloaded from Statistics Norway's
 * statbank (ssb.no/statbank), table 07459 «Befolkning, etter region, kjønn, alder, år» (or
 * 07459 with fewer variables chosen). Pure: text in, counts or a reason out.
 *
 * Supported forms (documented in the user guide, rutine-indikatorer-og-usynlige-barn.md):
 * - Separator `;` (SSB's «semikolonseparert»), `,` or tab, found from the header line; cells may
 *   be quoted ("…"), a UTF-8 BOM and a title line above the header (SSB's «med overskrift») are
 *   skipped, as are empty lines.
 * - Long form: columns «alder», «år» and a value column (the last column, whatever its heading,
 *   e.g. «07459: Befolkning, …» or «Personer»); optional «region», «kjønn»,
 *   «statistikkvariabel». Rows: "3030 Lillestrøm";"2 Kvinner";"005 5 år";"2025";"Personer";312
 * - Wide form: column «alder» and one column per year, headed «Personer 2025», «2025» or
 *   «Befolkning 2025»; optional «region», «kjønn», «statistikkvariabel».
 * - Ages: «005 5 år», «5 år», «5», «105 år eller eldre», bands «0-4 år» / «00-04 0-4 år».
 * - Sex: the rows are added up; if the file also has a total row («0 Begge kjønn», «I alt»),
 *   only the total rows are used. Only one region may be in the file.
 * - Missing values («..», «.», «:», «-», empty) are skipped and counted in the summary.
 * - Ages above MAX_AGE (24: BTI covers children and young people up to 24) are left out.
 */

export const MAX_AGE = 24;
/** The largest file accepted (one municipality, every age, many years, is far smaller). */
export const SSB_CSV_MAX_BYTES = 900_000;

export interface PopulationBand {
  ageFrom: number;
  ageTo: number;
  count: number;
}

export interface ParsedPopulation {
  /** Per year, bands sorted by age. */
  years: { year: number; bands: PopulationBand[] }[];
  region: string | null;
  form: "long" | "wide";
  /** Cells with SSB's missing-value marks, skipped. */
  skippedMissing: number;
  /** Rows for ages above MAX_AGE, left out. */
  skippedOlder: number;
}

export type SsbCsvError =
  | { reason: "empty" }
  | { reason: "columns"; expected: string[]; found: string[] }
  | { reason: "regions"; regions: string[] }
  | { reason: "age"; line: number; value: string }
  | { reason: "number"; line: number; value: string }
  | { reason: "year"; line: number; value: string }
  | { reason: "overlap"; year: number; band: string }
  | { reason: "no_rows" };

export type SsbCsvResult = { ok: true; data: ParsedPopulation } | { ok: false; error: SsbCsvError };

/** The columns named in the message when a file has the wrong ones. */
export const EXPECTED_COLUMNS = ["alder", "år", "Personer <år> (bred form)"];

const MISSING = new Set(["", ".", "..", "...", ":", "-"]);

/** Splits one CSV line (quotes with "" escapes). */
export function splitCsvLine(line: string, separator: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i]!;
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === separator) {
      cells.push(cell);
      cell = "";
    } else cell += char;
  }
  cells.push(cell);
  return cells.map((value) => value.trim());
}

function separatorOf(line: string): string {
  const counts = [";", "\t", ","].map((sep) => ({ sep, n: splitCsvLine(line, sep).length }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0]!.n > 1 ? counts[0]!.sep : ";";
}

const normalise = (value: string) => value.trim().toLowerCase().replace(/\s+/g, " ");

/** A year column of the wide form: «Personer 2025», «2025», «Befolkning 2025». */
function yearColumn(header: string): number | null {
  const match = /^(?:[\p{L} ]+\s)?(\d{4})$/u.exec(header.trim());
  return match ? Number(match[1]) : null;
}

/** An age or age band from SSB's labels; null when it is not one. */
export function parseAge(value: string): { from: number; to: number } | null {
  const text = value.trim().toLowerCase();
  const band =
    /(\d{1,3})\s*[-–]\s*(\d{1,3})\s*år/.exec(text) ?? /^(\d{1,3})\s*[-–]\s*(\d{1,3})$/.exec(text);
  if (band) {
    const from = Number(band[1]);
    const to = Number(band[2]);
    return to >= from ? { from, to } : null;
  }
  const single =
    /(\d{1,3})\s*år(?: eller eldre)?$/.exec(text) ??
    /^(\d{1,3})$/.exec(text) ??
    /^\d{3}\s+(\d{1,3})\b/.exec(text);
  if (single) {
    const age = Number(single[1]);
    return { from: age, to: age };
  }
  return null;
}

/** A whole non-negative number, allowing spaces (incl. non-breaking) as thousands separators. */
function parseCount(value: string): number | null {
  const text = value.replace(/[\s\u00a0\u202f]/g, "");
  return /^\d{1,9}$/.test(text) ? Number(text) : null;
}

const isTotalSex = (value: string) => /begge|i alt|alle|total|both/i.test(value);

export function parseSsbCsv(text: string): SsbCsvResult {
  const lines = text
    .replace(/^\uFEFF/, "")
    .split(/\r\n|\n|\r/)
    .map((line, index) => ({ line, number: index + 1 }))
    .filter((item) => item.line.trim() !== "");
  if (lines.length === 0) return { ok: false, error: { reason: "empty" } };
  // The header is the first line with more than one cell (a title line above it has one).
  const headerIndex = lines.findIndex(
    (item) => splitCsvLine(item.line, separatorOf(item.line)).length > 1,
  );
  if (headerIndex < 0) {
    return {
      ok: false,
      error: {
        reason: "columns",
        expected: EXPECTED_COLUMNS,
        found: splitCsvLine(lines[0]!.line, ";").filter(Boolean),
      },
    };
  }
  const separator = separatorOf(lines[headerIndex]!.line);
  const header = splitCsvLine(lines[headerIndex]!.line, separator);
  const names = header.map(normalise);
  const column = (name: string) => names.indexOf(name);
  const ageColumn = column("alder");
  const yearCol = column("år");
  const regionColumn = column("region");
  const sexColumn = column("kjønn");
  const variableColumn = column("statistikkvariabel");
  const yearColumns = header
    .map((name, index) => ({ index, year: yearColumn(name) }))
    .filter((item): item is { index: number; year: number } => item.year !== null);
  const form: "long" | "wide" | null =
    ageColumn >= 0 && yearCol >= 0 && header.length > Math.max(ageColumn, yearCol) + 1
      ? "long"
      : ageColumn >= 0 && yearColumns.length > 0
        ? "wide"
        : null;
  if (!form) {
    return {
      ok: false,
      error: { reason: "columns", expected: EXPECTED_COLUMNS, found: header.filter(Boolean) },
    };
  }
  const valueColumn = header.length - 1;

  const rows = lines.slice(headerIndex + 1).map((item) => ({
    cells: splitCsvLine(item.line, separator),
    number: item.number,
  }));
  const regions = new Set<string>();
  if (regionColumn >= 0) for (const row of rows) regions.add(row.cells[regionColumn] ?? "");
  if (regions.size > 1) {
    return { ok: false, error: { reason: "regions", regions: [...regions].slice(0, 5) } };
  }
  const onlyTotals = sexColumn >= 0 && rows.some((row) => isTotalSex(row.cells[sexColumn] ?? ""));
  const variables = new Set(
    variableColumn >= 0 ? rows.map((row) => row.cells[variableColumn] ?? "") : [],
  );
  const personsOnly = variables.size > 1 && [...variables].some((value) => /personer/i.test(value));

  const totals = new Map<number, Map<string, PopulationBand>>();
  let skippedMissing = 0;
  let skippedOlder = 0;
  const add = (year: number, age: { from: number; to: number }, count: number) => {
    const bands = totals.get(year) ?? new Map<string, PopulationBand>();
    totals.set(year, bands);
    const key = `${age.from}-${age.to}`;
    const band = bands.get(key) ?? { ageFrom: age.from, ageTo: age.to, count: 0 };
    band.count += count;
    bands.set(key, band);
  };
  for (const row of rows) {
    if (sexColumn >= 0 && onlyTotals && !isTotalSex(row.cells[sexColumn] ?? "")) continue;
    if (personsOnly && !/personer/i.test(row.cells[variableColumn] ?? "")) continue;
    const ageText = row.cells[ageColumn] ?? "";
    const age = parseAge(ageText);
    if (!age) return { ok: false, error: { reason: "age", line: row.number, value: ageText } };
    const cells =
      form === "long"
        ? [{ year: row.cells[yearCol] ?? "", value: row.cells[valueColumn] ?? "" }]
        : yearColumns.map((item) => ({
            year: String(item.year),
            value: row.cells[item.index] ?? "",
          }));
    for (const cell of cells) {
      if (!/^\d{4}$/.test(cell.year.trim())) {
        return { ok: false, error: { reason: "year", line: row.number, value: cell.year } };
      }
      if (MISSING.has(cell.value.trim())) {
        skippedMissing += 1;
        continue;
      }
      const count = parseCount(cell.value);
      if (count === null) {
        return { ok: false, error: { reason: "number", line: row.number, value: cell.value } };
      }
      if (age.from > MAX_AGE) {
        skippedOlder += 1;
        continue;
      }
      add(Number(cell.year.trim()), { from: age.from, to: Math.min(age.to, MAX_AGE) }, count);
    }
  }
  const years = [...totals.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, bands]) => ({
      year,
      bands: [...bands.values()].sort((a, b) => a.ageFrom - b.ageFrom || a.ageTo - b.ageTo),
    }));
  if (years.length === 0) return { ok: false, error: { reason: "no_rows" } };
  for (const { year, bands } of years) {
    const overlap = firstOverlap(bands);
    if (overlap) return { ok: false, error: { reason: "overlap", year, band: overlap } };
  }
  return {
    ok: true,
    data: {
      years,
      region: regions.size === 1 ? [...regions][0]! || null : null,
      form,
      skippedMissing,
      skippedOlder,
    },
  };
}

/** The first band (as "a–b") that overlaps the one before it, in bands sorted by age. */
export function firstOverlap(bands: { ageFrom: number; ageTo: number }[]): string | null {
  const sorted = [...bands].sort((a, b) => a.ageFrom - b.ageFrom || a.ageTo - b.ageTo);
  for (let i = 1; i < sorted.length; i += 1) {
    if (sorted[i]!.ageFrom <= sorted[i - 1]!.ageTo) {
      return `${sorted[i]!.ageFrom}–${sorted[i]!.ageTo}`;
    }
  }
  return null;
}

/**
 * Children 0–17 from a year's bands: the sum of the bands within 0–17, and the ages 0–17 that
 * no band covers (a band reaching past 17, e.g. 15–19, is not counted and its ages are missing).
 */
export function childrenFromBands(bands: { ageFrom: number; ageTo: number; count: number }[]): {
  children: number;
  missingAges: number[];
} {
  const covered = new Set<number>();
  let children = 0;
  for (const band of bands) {
    if (band.ageFrom >= 0 && band.ageTo <= 17) {
      children += band.count;
      for (let age = band.ageFrom; age <= band.ageTo; age += 1) covered.add(age);
    }
  }
  const missingAges = Array.from({ length: 18 }, (_, age) => age).filter(
    (age) => !covered.has(age),
  );
  return { children, missingAges };
}

/** Missing ages as ranges for a message: [3,4,5,9] → "3–5, 9". */
export function ageRanges(ages: number[]): string {
  const parts: string[] = [];
  let start: number | null = null;
  let previous: number | null = null;
  for (const age of [...ages].sort((a, b) => a - b)) {
    if (start === null) start = age;
    else if (previous !== null && age !== previous + 1) {
      parts.push(start === previous ? `${start}` : `${start}–${previous}`);
      start = age;
    }
    previous = age;
  }
  if (start !== null && previous !== null) {
    parts.push(start === previous ? `${start}` : `${start}–${previous}`);
  }
  return parts.join(", ");
}
