import { describe, expect, it } from "vitest";
import {
  addDays,
  daysLeft,
  identifyingKinds,
  identifyingWarnings,
  isIsoDate,
  osloDate,
  worryDeadline,
} from "./worry-rules.ts";

describe("identifying data in worry texts", () => {
  it.each([
    ["Kari Nordmann gråter ofte", ["name"]],
    ["Han sa at Per-Ivar Hansen slo ham", ["name"]],
    ["Mamma Åse kom ikke", ["name"]],
    ["fnr 12345678901", ["idNumber"]],
    ["nummeret er 010190 12345", ["idNumber"]],
    ["født 01.02.2015", ["birthDate"]],
    ["fødselsdag 3/4/16", ["birthDate"]],
    ["2015-02-01", ["birthDate"]],
    ["født 3. mars 2016", ["birthDate"]],
    ["født i 2016", ["birthDate"]],
    ["Ole Olsen, 01019012345", ["name", "idNumber"]],
  ])("flags %j", (text, kinds) => {
    expect(identifyingKinds(text)).toEqual(kinds);
  });

  it.each([
    "Han gråter ofte i friminuttene",
    "K.N.",
    "i tre uker, siden 12. uke",
    "Gutten i 3B",
    "telefon 02800 eller 112",
    "Vi så det 4 ganger på 2 uker",
    "",
  ])("leaves %j alone", (text) => {
    expect(identifyingKinds(text)).toEqual([]);
  });

  it("names the field and the first kind found", () => {
    expect(
      identifyingWarnings({ pseudonym: "K.N.", seen: "Kari Nordmann", note: "12345678901" }),
    ).toEqual({ seen: "worry.warning.name", note: "worry.warning.idNumber" });
  });
});

describe("the 14-day deadline", () => {
  it("counts 14 calendar days from the first step, across month ends and summer time", () => {
    expect(worryDeadline("2026-03-20")).toBe("2026-04-03");
    expect(worryDeadline("2026-10-20")).toBe("2026-11-03");
    expect(worryDeadline("2024-02-20")).toBe("2024-03-05");
  });

  it("counts days left, negative when overdue", () => {
    expect(daysLeft("2026-04-03", "2026-04-01")).toBe(2);
    expect(daysLeft("2026-04-03", "2026-04-03")).toBe(0);
    expect(daysLeft("2026-04-03", "2026-04-06")).toBe(-3);
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });

  it("takes today's date in Norway, not in UTC", () => {
    expect(osloDate(new Date("2026-03-31T22:30:00Z"))).toBe("2026-04-01");
    expect(osloDate(new Date("2026-01-15T23:30:00Z"))).toBe("2026-01-16");
    expect(osloDate(new Date("2026-01-15T22:30:00Z"))).toBe("2026-01-15");
  });

  it("accepts real dates only", () => {
    expect(isIsoDate("2026-02-28")).toBe(true);
    expect(isIsoDate("2026-02-30")).toBe(false);
    expect(isIsoDate("28.02.2026")).toBe(false);
  });
});
