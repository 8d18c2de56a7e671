/**
 * The pure rules of closing a relay log: the reasons, the note's limit and the retention date.
 * No database, no React: route modules import these at runtime.
 */

export const closeReasons = [
  "goals_reached",
  "guardians_withdrew",
  "moved",
  "individual_plan",
  "other",
] as const;
export type CloseReason = (typeof closeReasons)[number];

export const CLOSE_NOTE_MAX = 2000;

/**
 * YYYY-MM-DD plus whole calendar months. A day the target month lacks falls back to its last day
 * (31 January + 1 month = 28 or 29 February), so a log is never kept for less than the months.
 */
export function addMonths(isoDate: string, months: number): string {
  const [year, month, day] = isoDate.split("-").map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  const targetDay = Math.min(day, lastDay);
  return [
    String(targetYear).padStart(4, "0"),
    String(targetMonth + 1).padStart(2, "0"),
    String(targetDay).padStart(2, "0"),
  ].join("-");
}
