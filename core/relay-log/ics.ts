/**
 * A calendar invitation (RFC 5545 iCalendar, with the RFC 5546 iTIP method) for one
 * collaboration meeting. Written by hand rather than with ical-generator: one VEVENT with a
 * dozen properties is a page of code, and owning it keeps the privacy rule visible here — the
 * invitation travels to mail servers and calendars outside Laget, so it carries the time, the
 * place and a link to the log, never the child's name or the agenda.
 */

export interface IcsPerson {
  name: string;
  email: string;
}

export interface IcsMeeting {
  /** The meeting's id; the UID is `<id>@laget`, stable across updates. */
  id: string;
  /** Bumped on every change of the meeting, so calendars replace the earlier copy. */
  sequence: number;
  startsAt: Date;
  endsAt: Date;
  cancelled: boolean;
  summary: string;
  location: string;
  /** A link to the meeting in Laget: the only description. */
  url: string;
  organizer: IcsPerson | null;
  attendees: readonly IcsPerson[];
  /** DTSTAMP: when this copy was made. */
  stamp?: Date;
}

export const ICS_CONTENT_TYPE = "text/calendar; charset=utf-8";

/** The iTIP method: a request, or a cancellation once the meeting is called off. */
export function icsMethod(meeting: Pick<IcsMeeting, "cancelled">): "REQUEST" | "CANCEL" {
  return meeting.cancelled ? "CANCEL" : "REQUEST";
}

/** The calendar file: CRLF line ends, lines folded at 75 octets. */
export function meetingToIcs(meeting: IcsMeeting): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Laget//Stafettlogg//NB",
    "CALSCALE:GREGORIAN",
    `METHOD:${icsMethod(meeting)}`,
    "BEGIN:VEVENT",
    `UID:${meeting.id}@laget`,
    `SEQUENCE:${meeting.sequence}`,
    `DTSTAMP:${icsUtc(meeting.stamp ?? new Date())}`,
    `DTSTART:${icsUtc(meeting.startsAt)}`,
    `DTEND:${icsUtc(meeting.endsAt)}`,
    `SUMMARY:${escapeText(meeting.summary)}`,
    `LOCATION:${escapeText(meeting.location)}`,
    `DESCRIPTION:${escapeText(meeting.url)}`,
    `STATUS:${meeting.cancelled ? "CANCELLED" : "CONFIRMED"}`,
    "TRANSP:OPAQUE",
  ];
  if (meeting.organizer) {
    lines.push(`ORGANIZER;CN=${paramValue(meeting.organizer.name)}:${mailto(meeting.organizer)}`);
  }
  for (const attendee of meeting.attendees) {
    lines.push(
      `ATTENDEE;CN=${paramValue(attendee.name)};CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;` +
        `PARTSTAT=NEEDS-ACTION;RSVP=FALSE:${mailto(attendee)}`,
    );
  }
  lines.push("END:VEVENT", "END:VCALENDAR");
  return lines.map(foldLine).join("\r\n") + "\r\n";
}

/** A UTC DATE-TIME: 20260315T083000Z. */
export function icsUtc(instant: Date): string {
  return instant
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}

/** TEXT values (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks are escaped. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/**
 * A parameter value (CN=…) is always quoted; a quote cannot occur inside one (RFC 5545 §3.2),
 * and control characters have no place in a name, so both are dropped.
 */
function paramValue(value: string): string {
  // eslint-disable-next-line no-control-regex
  return `"${value.replace(/["\u0000-\u001f\u007f]/g, "")}"`;
}

function mailto(person: IcsPerson): string {
  // eslint-disable-next-line no-control-regex
  return `mailto:${person.email.replace(/[\s\u0000-\u001f\u007f]/g, "")}`;
}

/**
 * Folds a content line so no physical line is longer than 75 octets (RFC 5545 §3.1): the break
 * is CRLF followed by one space, and never falls inside a UTF-8 character.
 */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  if (encoder.encode(line).length <= 75) return line;
  const out: string[] = [];
  let current = "";
  let currentOctets = 0;
  // The first line holds 75 octets; each continuation holds 74 after its leading space.
  let limit = 75;
  for (const char of line) {
    const octets = encoder.encode(char).length;
    if (currentOctets + octets > limit) {
      out.push(current);
      current = "";
      currentOctets = 0;
      limit = 74;
    }
    current += char;
    currentOctets += octets;
  }
  out.push(current);
  return out.join("\r\n ");
}
