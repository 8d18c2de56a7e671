import { describe, expect, it } from "vitest";
import { consentRequirement, parseDigitalConsentMonths } from "../relay-log/consent-rules.ts";
import {
  consentedUnits,
  consentStateOf,
  digitalConsentProgress,
  type ConsentRecordFacts,
  type RequiredGivers,
} from "./relay-log.ts";

const today = "2026-11-22";
const unitA = "00000000-0000-4000-8000-00000000000a";
const unitB = "00000000-0000-4000-8000-00000000000b";
const both: RequiredGivers = { youthRequired: false, requiredGuardianIds: ["g1", "g2"] };
const youth: RequiredGivers = { youthRequired: true, requiredGuardianIds: [] };

const digital = (
  giver: { kind: "guardian"; guardianId: string } | { kind: "youth" },
  unitIds: string[],
  overrides: Partial<ConsentRecordFacts> = {},
): ConsentRecordFacts => ({
  method: "digital",
  givers: [giver],
  unitIds,
  givenOn: "2026-11-01",
  expiresOn: "2027-11-01",
  withdrawnAt: null,
  ...overrides,
});
const g1 = { kind: "guardian" as const, guardianId: "g1" };
const g2 = { kind: "guardian" as const, guardianId: "g2" };

describe("digital consent coverage", () => {
  it("covers a unit only when every guardian with parental responsibility consented to it", () => {
    const one = [digital(g1, [unitA, unitB])];
    expect(consentedUnits(one, today, both)).toEqual([]);
    const twoOnA = [...one, digital(g2, [unitA])];
    expect(consentedUnits(twoOnA, today, both)).toEqual([unitA]);
  });

  it("counts nothing digital without the requirement (callers that do not know the family)", () => {
    expect(consentedUnits([digital(g1, [unitA]), digital(g2, [unitA])], today)).toEqual([]);
  });

  it("keeps staff records covering on their own, with or without method", () => {
    const paper: ConsentRecordFacts = {
      method: "paper",
      givers: [g1],
      unitIds: [unitB],
      givenOn: "2026-01-01",
      expiresOn: "2027-01-01",
      withdrawnAt: null,
    };
    const { method: _m, givers: _g, ...legacy } = paper;
    expect(consentedUnits([paper], today, both)).toEqual([unitB]);
    expect(consentedUnits([legacy], today)).toEqual([unitB]);
    expect(consentedUnits([paper, digital(g1, [unitA])], today, both)).toEqual([unitB]);
  });

  it("needs the young person's own consent from the consent age; the guardians' no longer count", () => {
    const guardians = [digital(g1, [unitA]), digital(g2, [unitA])];
    expect(consentedUnits(guardians, today, youth)).toEqual([]);
    expect(
      consentedUnits([...guardians, digital({ kind: "youth" }, [unitA])], today, youth),
    ).toEqual([unitA]);
  });

  it("covers nothing digitally when nobody is required (no guardian with parental responsibility)", () => {
    const none: RequiredGivers = { youthRequired: false, requiredGuardianIds: [] };
    expect(consentedUnits([digital(g1, [unitA])], today, none)).toEqual([]);
  });

  it("uses the validity boundaries: from the given day through the expiry day, not withdrawn", () => {
    const onExpiryDay = [digital(g1, [unitA], { expiresOn: today }), digital(g2, [unitA])];
    expect(consentedUnits(onExpiryDay, today, both)).toEqual([unitA]);
    const dayAfter = [digital(g1, [unitA], { expiresOn: "2026-11-21" }), digital(g2, [unitA])];
    expect(consentedUnits(dayAfter, today, both)).toEqual([]);
    const givenTomorrow = [digital(g1, [unitA], { givenOn: "2026-11-23" }), digital(g2, [unitA])];
    expect(consentedUnits(givenTomorrow, today, both)).toEqual([]);
    const withdrawn = [digital(g1, [unitA], { withdrawnAt: new Date() }), digital(g2, [unitA])];
    expect(consentedUnits(withdrawn, today, both)).toEqual([]);
  });

  it("combines one giver's several records per unit", () => {
    const records = [digital(g1, [unitA]), digital(g1, [unitB]), digital(g2, [unitA, unitB])];
    expect(consentedUnits(records, today, both).sort()).toEqual([unitA, unitB]);
  });
});

describe("digital consent state", () => {
  it("is partial, waiting for the missing giver, when only some have consented", () => {
    expect(consentStateOf([digital(g1, [unitA])], today, both)).toEqual({
      state: "partial",
      validRecords: 1,
      waitingFor: 1,
    });
    expect(
      digitalConsentProgress([digital(g1, [unitA])], today, both).map((unit) => unit.missing),
    ).toEqual([["guardian:g2"]]);
  });

  it("is valid when every required giver consented to a unit", () => {
    const records = [digital(g1, [unitA, unitB]), digital(g2, [unitA])];
    const state = consentStateOf(records, today, both);
    expect(state.state).toBe("valid");
    // unit B still waits for the second guardian
    expect(state.waitingFor).toBe(1);
  });

  it("is withdrawn or expired as before when no digital record is valid", () => {
    expect(
      consentStateOf([digital(g1, [unitA], { withdrawnAt: new Date() })], today, both).state,
    ).toBe("withdrawn");
    expect(
      consentStateOf([digital(g1, [unitA], { expiresOn: "2026-01-01" })], today, both).state,
    ).toBe("expired");
  });

  it("follows the requirement at the consent-age boundary (the birthday itself)", () => {
    const guardians = [
      { id: "g1", name: "A", parentalResponsibility: true },
      { id: "g2", name: "B", parentalResponsibility: true },
      { id: "g3", name: "C", parentalResponsibility: false },
    ];
    const dayBefore = consentRequirement({
      birthDate: "2011-11-23",
      today,
      consentAge: 15,
      guardians,
    });
    expect(dayBefore.youthRequired).toBe(false);
    expect(dayBefore.requiredGuardianIds).toEqual(["g1", "g2"]);
    const birthday = consentRequirement({
      birthDate: "2011-11-22",
      today,
      consentAge: 15,
      guardians,
    });
    expect(birthday.youthRequired).toBe(true);
    const records = [digital(g1, [unitA]), digital(g2, [unitA])];
    expect(consentedUnits(records, today, dayBefore)).toEqual([unitA]);
    expect(consentedUnits(records, today, birthday)).toEqual([]);
  });
});

describe("digital consent length", () => {
  it("is 12 months unless 6 or 24 is chosen; anything else is refused", () => {
    expect(parseDigitalConsentMonths("")).toBe(12);
    expect(parseDigitalConsentMonths(undefined)).toBe(12);
    expect(parseDigitalConsentMonths("6")).toBe(6);
    expect(parseDigitalConsentMonths("24")).toBe(24);
    expect(parseDigitalConsentMonths("25")).toBeNull();
    expect(parseDigitalConsentMonths("abc")).toBeNull();
  });
});
