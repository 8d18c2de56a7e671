import { describe, expect, it } from "vitest";
import { escapeText, foldLine, icsUtc, meetingToIcs, type IcsMeeting } from "./ics.ts";
import { isClockTime, osloLocalToUtc, utcToOsloLocal } from "./meeting-time.ts";

const octets = (value: string) => new TextEncoder().encode(value).length;

/** Undoes folding (RFC 5545 §3.1): a CRLF followed by one space or tab joins the lines. */
const unfold = (value: string) => value.replace(/\r\n[ \t]/g, "");

function meeting(overrides: Partial<IcsMeeting> = {}): IcsMeeting {
  return {
    id: "3f2b8a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b",
    sequence: 2,
    startsAt: osloLocalToUtc("2026-01-15", "08:30"),
    endsAt: osloLocalToUtc("2026-01-15", "09:30"),
    cancelled: false,
    summary: "Samarbeidsmøte – stafettlogg",
    location: "Møterom 2, rådhuset; inngang B",
    url: "https://laget.fjordvik.example/stafettlogger/abc/moter/def",
    organizer: { name: "Emma Holder", email: "emma@fjordvik.example" },
    attendees: [
      { name: "Helga Sykepleier", email: "helga@fjordvik.example" },
      { name: 'Per "PP" Tjeneste', email: "ppt@fjordvik.example" },
    ],
    stamp: new Date("2026-01-10T12:00:00Z"),
    ...overrides,
  };
}

describe("Oslo clock time ↔ UTC", () => {
  it("reads winter time as UTC+1 and summer time as UTC+2", () => {
    expect(osloLocalToUtc("2026-01-15", "08:30").toISOString()).toBe("2026-01-15T07:30:00.000Z");
    expect(osloLocalToUtc("2026-06-15", "08:30").toISOString()).toBe("2026-06-15T06:30:00.000Z");
  });

  it("crosses the change to and from summer time", () => {
    // Summer time starts 2026-03-29 at 02:00 (clocks jump to 03:00), ends 2026-10-25 at 03:00.
    expect(osloLocalToUtc("2026-03-28", "10:00").toISOString()).toBe("2026-03-28T09:00:00.000Z");
    expect(osloLocalToUtc("2026-03-29", "10:00").toISOString()).toBe("2026-03-29T08:00:00.000Z");
    expect(osloLocalToUtc("2026-10-24", "10:00").toISOString()).toBe("2026-10-24T08:00:00.000Z");
    expect(osloLocalToUtc("2026-10-25", "10:00").toISOString()).toBe("2026-10-25T09:00:00.000Z");
    // The skipped hour moves forward as clocks do; the doubled hour is read as the first one.
    expect(osloLocalToUtc("2026-03-29", "02:30").toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(osloLocalToUtc("2026-10-25", "02:30").toISOString()).toBe("2026-10-25T00:30:00.000Z");
  });

  it("reads instants back as Norwegian date and time", () => {
    expect(utcToOsloLocal(new Date("2026-06-15T06:30:00Z"))).toEqual({
      date: "2026-06-15",
      time: "08:30",
    });
    expect(utcToOsloLocal("2026-12-31T23:30:00.000Z")).toEqual({
      date: "2027-01-01",
      time: "00:30",
    });
  });

  it("accepts only hh:mm clock times", () => {
    expect(isClockTime("08:30")).toBe(true);
    expect(isClockTime("23:59")).toBe(true);
    expect(isClockTime("24:00")).toBe(false);
    expect(isClockTime("8:30")).toBe(false);
    expect(isClockTime("08.30")).toBe(false);
  });
});

describe("the calendar invitation", () => {
  it("is a VCALENDAR with one VEVENT, CRLF line ends and the iTIP request method", () => {
    const ics = meetingToIcs(meeting());
    expect(ics.endsWith("\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const lines = unfold(ics).split("\r\n");
    expect(lines[0]).toBe("BEGIN:VCALENDAR");
    expect(lines).toContain("VERSION:2.0");
    expect(lines).toContain("METHOD:REQUEST");
    expect(lines).toContain("BEGIN:VEVENT");
    expect(lines).toContain("UID:3f2b8a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b@laget");
    expect(lines).toContain("SEQUENCE:2");
    expect(lines).toContain("DTSTAMP:20260110T120000Z");
    expect(lines).toContain("STATUS:CONFIRMED");
    expect(lines).toContain("SUMMARY:Samarbeidsmøte – stafettlogg");
    expect(lines).toContain(
      "DESCRIPTION:https://laget.fjordvik.example/stafettlogger/abc/moter/def",
    );
    expect(lines).toContain('ORGANIZER;CN="Emma Holder":mailto:emma@fjordvik.example');
    expect(lines).toContain(
      'ATTENDEE;CN="Helga Sykepleier";CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:helga@fjordvik.example',
    );
    // A quote cannot be inside a quoted parameter value: it is dropped.
    expect(lines.some((line) => line.startsWith('ATTENDEE;CN="Per PP Tjeneste";'))).toBe(true);
    expect(lines.at(-2)).toBe("END:VCALENDAR");
  });

  it("gives start and end in UTC, in winter and in summer", () => {
    const winter = unfold(meetingToIcs(meeting()));
    expect(winter).toContain("DTSTART:20260115T073000Z");
    expect(winter).toContain("DTEND:20260115T083000Z");
    const summer = unfold(
      meetingToIcs(
        meeting({
          startsAt: osloLocalToUtc("2026-06-15", "08:30"),
          endsAt: osloLocalToUtc("2026-06-15", "09:30"),
        }),
      ),
    );
    expect(summer).toContain("DTSTART:20260615T063000Z");
    expect(summer).toContain("DTEND:20260615T073000Z");
    // A meeting on the morning summer time ends keeps its Norwegian clock time.
    const autumn = unfold(
      meetingToIcs(
        meeting({
          startsAt: osloLocalToUtc("2026-10-25", "08:00"),
          endsAt: osloLocalToUtc("2026-10-25", "09:00"),
        }),
      ),
    );
    expect(autumn).toContain("DTSTART:20261025T070000Z");
    expect(icsUtc(new Date("2026-03-29T01:00:00.123Z"))).toBe("20260329T010000Z");
  });

  it("marks a cancelled meeting as cancelled with the iTIP cancel method", () => {
    const lines = unfold(meetingToIcs(meeting({ cancelled: true, sequence: 3 }))).split("\r\n");
    expect(lines).toContain("STATUS:CANCELLED");
    expect(lines).toContain("METHOD:CANCEL");
    expect(lines).toContain("SEQUENCE:3");
  });

  it("escapes commas, semicolons, backslashes and line breaks in text", () => {
    expect(escapeText("a,b;c\\d\ne\r\nf")).toBe("a\\,b\\;c\\\\d\\ne\\nf");
    const lines = unfold(
      meetingToIcs(meeting({ location: "Rom 1, 2. etg; C:\\bygg\nInngang B" })),
    ).split("\r\n");
    expect(lines).toContain("LOCATION:Rom 1\\, 2. etg\\; C:\\\\bygg\\nInngang B");
  });

  it("folds lines longer than 75 octets without splitting a character", () => {
    const long = `LOCATION:${"Møterom æøå ".repeat(20)}`;
    const folded = foldLine(long);
    const physical = folded.split("\r\n");
    expect(physical.length).toBeGreaterThan(1);
    for (const line of physical) expect(octets(line)).toBeLessThanOrEqual(75);
    for (const line of physical.slice(1)) expect(line.startsWith(" ")).toBe(true);
    expect(unfold(folded)).toBe(long);
    // Every physical line is valid UTF-8 on its own (no character cut in half).
    for (const line of physical) {
      expect(new TextDecoder("utf-8", { fatal: true }).decode(new TextEncoder().encode(line))).toBe(
        line,
      );
    }
    expect(foldLine("SHORT:line")).toBe("SHORT:line");
    const exactly75 = `X:${"a".repeat(73)}`;
    expect(foldLine(exactly75)).toBe(exactly75);

    const ics = meetingToIcs(
      meeting({
        location: "Fjordvik barneskole, møterom «Utsikten» i andre etasje, ved biblioteket",
      }),
    );
    for (const line of ics.split("\r\n")) expect(octets(line)).toBeLessThanOrEqual(75);
  });

  it("carries no child's name: only what the caller hands in, and no agenda field at all", () => {
    const ics = meetingToIcs(meeting());
    expect(ics).not.toContain("Testbarn");
    const properties = unfold(ics)
      .split("\r\n")
      .filter(Boolean)
      .map((line) => line.split(/[:;]/)[0]);
    expect(new Set(properties)).toEqual(
      new Set([
        "BEGIN",
        "VERSION",
        "PRODID",
        "CALSCALE",
        "METHOD",
        "UID",
        "SEQUENCE",
        "DTSTAMP",
        "DTSTART",
        "DTEND",
        "SUMMARY",
        "LOCATION",
        "DESCRIPTION",
        "STATUS",
        "TRANSP",
        "ORGANIZER",
        "ATTENDEE",
        "END",
      ]),
    );
  });
});
