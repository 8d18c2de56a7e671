import { describe, expect, it } from "vitest";
import {
  averageScore,
  deadlinePassed,
  registrationState,
  type RegistrationFacts,
} from "./training-rules.ts";
import { csvCell, toCsv } from "../platform/csv.ts";

const base: RegistrationFacts = {
  cancelled: false,
  startsAt: new Date("2026-05-10T07:00:00Z"),
  endsAt: new Date("2026-05-10T10:00:00Z"),
  registrationDeadline: "2026-05-05",
  capacity: 2,
  registeredCount: 1,
  registered: false,
};
const before = new Date("2026-05-01T08:00:00Z");

describe("registration state", () => {
  it("puts cancelled first, then over and started, then the person's own registration", () => {
    expect(
      registrationState({ ...base, cancelled: true, registered: true }, before, "2026-05-01"),
    ).toBe("cancelled");
    expect(registrationState(base, new Date("2026-05-10T10:00:00Z"), "2026-05-10")).toBe("over");
    expect(registrationState(base, new Date("2026-05-10T08:00:00Z"), "2026-05-10")).toBe("started");
    expect(
      registrationState({ ...base, registered: true, registeredCount: 2 }, before, "2026-05-09"),
    ).toBe("registered");
  });

  it("closes after the deadline day and when every place is taken", () => {
    expect(registrationState(base, before, "2026-05-05")).toBe("open");
    expect(registrationState(base, before, "2026-05-06")).toBe("deadlinePassed");
    expect(registrationState({ ...base, registeredCount: 2 }, before, "2026-05-01")).toBe("full");
    expect(
      registrationState({ ...base, capacity: null, registeredCount: 500 }, before, "2026-05-01"),
    ).toBe("open");
    expect(deadlinePassed(null, "2099-01-01")).toBe(false);
  });
});

describe("results and export", () => {
  it("averages to one decimal", () => {
    expect(averageScore([5, 4, 4, 3, 5])).toBe(4.2);
    expect(averageScore([4, 4, 5, 2, 3])).toBe(3.6);
    expect(averageScore([1, 2])).toBe(1.5);
    expect(averageScore([])).toBeNull();
  });

  it("writes CSV cells a spreadsheet will not run as formulas", () => {
    expect(csvCell("Kari Nordmann")).toBe("Kari Nordmann");
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell("-1")).toBe("'-1");
    expect(csvCell('Skole; "Nord"')).toBe('"Skole; ""Nord"""');
    expect(
      toCsv([
        ["a", "b"],
        ["c", "d"],
      ]),
    ).toBe("\uFEFFa;b\r\nc;d\r\n");
  });
});
