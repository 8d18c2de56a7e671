/**
 * Wall-clock time in Norway ↔ instants. Meetings are typed as a date and start/end times as
 * people in Norway read them; the database stores instants (timestamptz) and calendars get UTC.
 * Pure: safe to import from UI components.
 */

export const OSLO = "Europe/Oslo";
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isClockTime(value: string): boolean {
  return TIME.test(value);
}

const partsFormatter = new Intl.DateTimeFormat("en-GB", {
  timeZone: OSLO,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

function osloParts(instant: Date): Record<string, number> {
  const parts: Record<string, number> = {};
  for (const part of partsFormatter.formatToParts(instant)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return parts;
}

/** Minutes Oslo is ahead of UTC at this instant (60 in winter, 120 in summer). */
function osloOffsetMinutes(instant: Date): number {
  const p = osloParts(instant);
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant of a date (YYYY-MM-DD) and time (HH:MM) on the clock in Norway. A time that does
 * not exist (the hour skipped when summer time starts) moves forward by that hour, as clocks do;
 * a time that exists twice (when summer time ends) is read as the first, summer-time one.
 */
export function osloLocalToUtc(date: string, time: string): Date {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const [hour, minute] = time.split(":").map(Number) as [number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // Try both offsets that occur around this wall time; keep one that reads back the same.
  const before = osloOffsetMinutes(new Date(wall - 3 * 3_600_000));
  const after = osloOffsetMinutes(new Date(wall + 3 * 3_600_000));
  for (const offset of [Math.max(before, after), Math.min(before, after)]) {
    const candidate = new Date(wall - offset * 60_000);
    if (osloOffsetMinutes(candidate) === offset) return candidate;
  }
  // In the skipped hour: the earlier offset, which lands one hour later on the clock.
  return new Date(wall - Math.min(before, after) * 60_000);
}

/** The Norwegian date (YYYY-MM-DD) and time (HH:MM) of an instant. */
export function utcToOsloLocal(instant: Date | string): { date: string; time: string } {
  const p = osloParts(typeof instant === "string" ? new Date(instant) : instant);
  const pad = (value: number) => String(value).padStart(2, "0");
  return {
    date: `${p.year}-${pad(p.month!)}-${pad(p.day!)}`,
    time: `${pad(p.hour!)}:${pad(p.minute!)}`,
  };
}
