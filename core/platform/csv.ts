/**
 * CSV for Norwegian spreadsheets: semicolons, CRLF, UTF-8 with a BOM so Excel reads æøå.
 */

/**
 * One CSV cell: quoted when it holds the separator, a quote or a line break; a cell that a
 * spreadsheet would run as a formula (=, +, -, @, tab, CR first) is prefixed with an apostrophe,
 * so a typed name never becomes a formula.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(rows: readonly (readonly string[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(";")).join("\r\n")}\r\n`;
}
