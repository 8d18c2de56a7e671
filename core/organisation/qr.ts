import QRCode from "qrcode";

/**
 * The QR code of the live guide's address as a matrix of modules, and the dark runs the PDF
 * writer draws as vector squares (no image, so it stays sharp at any print size). Error
 * correction M survives a scratched or folded poster.
 */

export interface QrMatrix {
  /** Modules per side (21 for version 1, +4 per version). */
  size: number;
  version: number;
  /** Row-major: dark[row * size + column]. */
  dark: boolean[];
}

/** The light margin every QR code needs around it, in modules (ISO/IEC 18004). */
export const QR_QUIET_ZONE = 4;

/** Smallest module we print, in points: 1.5 pt ≈ 0.53 mm, which phone cameras read at arm's length. */
export const MIN_QR_MODULE_PT = 1.5;

export function qrMatrix(text: string): QrMatrix {
  const code = QRCode.create(text, { errorCorrectionLevel: "M" });
  const { size, data } = code.modules;
  const dark: boolean[] = [];
  for (let index = 0; index < size * size; index += 1) dark.push(Boolean(data[index]));
  return { size, version: code.version, dark };
}

export function isDark(matrix: QrMatrix, row: number, column: number): boolean {
  return matrix.dark[row * matrix.size + column] === true;
}

/** Horizontal runs of dark modules, so a row of five squares is drawn as one rectangle. */
export function qrRuns(matrix: QrMatrix): { row: number; column: number; length: number }[] {
  const runs: { row: number; column: number; length: number }[] = [];
  for (let row = 0; row < matrix.size; row += 1) {
    let column = 0;
    while (column < matrix.size) {
      if (!isDark(matrix, row, column)) {
        column += 1;
        continue;
      }
      const start = column;
      while (column < matrix.size && isDark(matrix, row, column)) column += 1;
      runs.push({ row, column: start, length: column - start });
    }
  }
  return runs;
}

/** The side of one module when the code and its quiet zone are drawn `drawSize` points wide. */
export function qrModuleSize(matrix: QrMatrix, drawSize: number): number {
  return drawSize / (matrix.size + QR_QUIET_ZONE * 2);
}
