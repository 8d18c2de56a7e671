import { describe, expect, it } from "vitest";
import { isDark, MIN_QR_MODULE_PT, qrMatrix, qrModuleSize, qrRuns, QR_QUIET_ZONE } from "./qr.ts";

/** The three finder patterns: a dark 7×7 ring with a dark 3×3 centre, a light ring between. */
function hasFinder(matrix: ReturnType<typeof qrMatrix>, top: number, left: number): boolean {
  for (let row = 0; row < 7; row += 1) {
    for (let column = 0; column < 7; column += 1) {
      const ring = row === 0 || row === 6 || column === 0 || column === 6;
      const centre = row >= 2 && row <= 4 && column >= 2 && column <= 4;
      if (isDark(matrix, top + row, left + column) !== (ring || centre)) return false;
    }
  }
  return true;
}

describe("the QR code of the live address", () => {
  const url = "https://laget.fjordvik.kommune.no/veileder";

  it("is a valid, non-empty QR symbol", () => {
    const matrix = qrMatrix(url);
    expect(matrix.version).toBeGreaterThanOrEqual(1);
    expect(matrix.version).toBeLessThanOrEqual(40);
    expect(matrix.size).toBe(17 + 4 * matrix.version);
    expect(matrix.dark).toHaveLength(matrix.size * matrix.size);
    const dark = matrix.dark.filter(Boolean).length;
    // Real data: neither empty nor solid, roughly half dark after masking.
    expect(dark / matrix.dark.length).toBeGreaterThan(0.3);
    expect(dark / matrix.dark.length).toBeLessThan(0.7);
    expect(hasFinder(matrix, 0, 0)).toBe(true);
    expect(hasFinder(matrix, 0, matrix.size - 7)).toBe(true);
    expect(hasFinder(matrix, matrix.size - 7, 0)).toBe(true);
  });

  it("changes with the address and is the same for the same address", () => {
    expect(qrMatrix(url).dark).toEqual(qrMatrix(url).dark);
    expect(qrMatrix(`${url}x`).dark).not.toEqual(qrMatrix(url).dark);
  });

  it("draws every dark module exactly once as horizontal runs", () => {
    const matrix = qrMatrix(url);
    const covered = new Set<number>();
    for (const run of qrRuns(matrix)) {
      for (let column = run.column; column < run.column + run.length; column += 1) {
        expect(isDark(matrix, run.row, column)).toBe(true);
        const key = run.row * matrix.size + column;
        expect(covered.has(key)).toBe(false);
        covered.add(key);
      }
    }
    expect(covered.size).toBe(matrix.dark.filter(Boolean).length);
  });

  it("is printed large enough to scan, even for a long address", () => {
    // The sizes the writer uses: 150 pt on the poster, 118 pt × 0.76 at the leaflet's smallest.
    for (const address of [
      url,
      `https://laget.fjordvik.kommune.no/${"lang-sti/".repeat(8)}foresatte`,
    ]) {
      const matrix = qrMatrix(address);
      expect(qrModuleSize(matrix, 150)).toBeGreaterThanOrEqual(MIN_QR_MODULE_PT);
      expect(qrModuleSize(matrix, Math.round(118 * 0.76))).toBeGreaterThanOrEqual(MIN_QR_MODULE_PT);
    }
    expect(QR_QUIET_ZONE).toBe(4);
  });
});
