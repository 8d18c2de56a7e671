import { describe, expect, it } from "vitest";
import type { Actor } from "./actor.ts";
import {
  consentedUnits,
  consentStateOf,
  decideLogAccess,
  noLogAccess,
  type FamilyFacts,
  type LogAccessFacts,
} from "./relay-log.ts";
import { staffRoles, type StaffRole } from "./roles.ts";

const tenantId = "00000000-0000-4000-8000-000000000001";
const otherTenant = "00000000-0000-4000-8000-000000000002";
const unitA = "00000000-0000-4000-8000-00000000000a";
const unitB = "00000000-0000-4000-8000-00000000000b";
const holderId = "00000000-0000-4000-8000-0000000000f1";
const userId = "00000000-0000-4000-8000-0000000000f2";

function staff(
  roles: StaffRole[],
  overrides: Partial<Extract<Actor, { kind: "staff" }>> = {},
): Actor {
  return {
    kind: "staff",
    userId,
    tenantId,
    name: "Test Ansatt",
    email: "t@testvik.example",
    roles,
    unitIds: [unitA],
    ...overrides,
  };
}

function facts(overrides: Partial<LogAccessFacts> = {}): LogAccessFacts {
  return {
    tenantId,
    kind: "log",
    status: "open",
    holderUserId: holderId,
    actorParticipantUnitIds: [unitA],
    consentedUnitIds: [unitA],
    consentState: "valid",
    ...overrides,
  };
}

const relayLogRoles = staffRoles.filter((role) => role !== "sector_leader" && role !== "admin");

describe("relay log access policy", () => {
  it.each(relayLogRoles)(
    "a participant (%s) with consent for their unit reads and writes",
    (role) => {
      expect(decideLogAccess(staff([role]), facts())).toEqual({
        read: true,
        write: true,
        holder: false,
        frozen: false,
      });
    },
  );

  it.each(["sector_leader", "admin"] as StaffRole[])(
    "%s sees no log, even as a recorded participant",
    (role) => {
      expect(decideLogAccess(staff([role]), facts())).toEqual(noLogAccess);
    },
  );

  it.each(staffRoles)(
    "%s who is not a participant gets nothing (leaders see counts only)",
    (role) => {
      expect(decideLogAccess(staff([role]), facts({ actorParticipantUnitIds: [] }))).toEqual(
        noLogAccess,
      );
    },
  );

  it.each(["expired", "withdrawn", "none"] as const)(
    "consent %s freezes the log for participants but not for the holder",
    (state) => {
      const lapsed = facts({ consentState: state, consentedUnitIds: [] });
      expect(decideLogAccess(staff(["employee"]), lapsed)).toEqual({
        read: false,
        write: false,
        holder: false,
        frozen: true,
      });
      expect(decideLogAccess(staff(["employee"], { userId: holderId }), lapsed)).toEqual({
        read: true,
        write: true,
        holder: true,
        frozen: false,
      });
    },
  );

  it("consent for another unit does not cover a participant", () => {
    expect(decideLogAccess(staff(["employee"]), facts({ consentedUnitIds: [unitB] })).frozen).toBe(
      true,
    );
  });

  it("anonymous case discussions need no consent", () => {
    const anonymous = facts({ kind: "anonymous", consentState: "none", consentedUnitIds: [] });
    expect(decideLogAccess(staff(["employee"]), anonymous).read).toBe(true);
  });

  it("a closed log is read-only for everyone, holder included", () => {
    const closed = facts({ status: "closed" });
    expect(decideLogAccess(staff(["employee"]), closed)).toMatchObject({
      read: true,
      write: false,
    });
    expect(decideLogAccess(staff(["employee"], { userId: holderId }), closed)).toMatchObject({
      read: true,
      write: false,
      holder: true,
    });
  });

  it("another municipality's employee gets nothing, holder id or not", () => {
    const other = staff(["employee"], { tenantId: otherTenant, userId: holderId });
    expect(decideLogAccess(other, facts())).toEqual(noLogAccess);
  });

  it("citizens, system actors and anonymous visitors get nothing (for now)", () => {
    expect(decideLogAccess(null, facts())).toEqual(noLogAccess);
    expect(
      decideLogAccess({ kind: "citizen", citizenId: userId, tenantId, name: null }, facts()),
    ).toEqual(noLogAccess);
    expect(decideLogAccess({ kind: "system", tenantId, name: "job" }, facts())).toEqual(
      noLogAccess,
    );
  });

  it("a read-only API token cannot use the relay log", () => {
    expect(decideLogAccess(staff(["employee"], { tokenScopes: ["read"] }), facts())).toEqual(
      noLogAccess,
    );
  });
});

describe("consent state", () => {
  const today = "2026-11-22";
  const record = (givenOn: string, expiresOn: string, withdrawnAt: Date | null = null) => ({
    givenOn,
    expiresOn,
    withdrawnAt,
    unitIds: [unitA],
  });

  it("is valid from the given day through the expiry day", () => {
    expect(consentStateOf([record("2026-11-22", "2026-11-22")], today).state).toBe("valid");
    expect(consentStateOf([record("2026-11-23", "2027-01-01")], today).state).toBe("expired");
    expect(consentStateOf([record("2026-01-01", "2026-11-21")], today).state).toBe("expired");
  });

  it("reports withdrawal, and none when nothing is recorded", () => {
    expect(consentStateOf([record("2026-01-01", "2027-01-01", new Date())], today).state).toBe(
      "withdrawn",
    );
    expect(consentStateOf([], today).state).toBe("none");
  });

  it("covers the union of the units of valid records only", () => {
    const records = [
      { ...record("2026-01-01", "2027-01-01"), unitIds: [unitA] },
      { ...record("2026-01-01", "2026-02-01"), unitIds: [unitB] },
    ];
    expect(consentedUnits(records, today)).toEqual([unitA]);
  });
});

describe("relay log access policy for the family (citizens)", () => {
  const citizen: Actor = { kind: "citizen", citizenId: "c1", tenantId, name: "Forelder" };
  const family = (overrides: Partial<FamilyFacts> = {}): FamilyFacts => ({
    guardian: null,
    isChild: false,
    childAge: 9,
    consentAge: 15,
    youthGuardianAccess: null,
    ...overrides,
  });
  const guardianRead = {
    read: true,
    write: true,
    holder: false,
    frozen: false,
    family: "guardian",
  };

  it("lets a guardian with parental responsibility read and write while the log is open", () => {
    expect(
      decideLogAccess(citizen, facts({ family: family({ guardian: "responsible" }) })),
    ).toEqual(guardianRead);
    // Consent is about sharing with services: the family sees its log also without it.
    expect(
      decideLogAccess(
        citizen,
        facts({
          consentState: "none",
          consentedUnitIds: [],
          family: family({ guardian: "responsible" }),
        }),
      ),
    ).toEqual(guardianRead);
    expect(
      decideLogAccess(
        citizen,
        facts({ status: "closed", family: family({ guardian: "responsible" }) }),
      ),
    ).toEqual({ ...guardianRead, write: false });
  });

  it("gives nothing to a guardian without parental responsibility, or to a stranger", () => {
    expect(
      decideLogAccess(citizen, facts({ family: family({ guardian: "not_responsible" }) })),
    ).toEqual(noLogAccess);
    expect(decideLogAccess(citizen, facts({ family: family() }))).toEqual(noLogAccess);
    expect(decideLogAccess(citizen, facts())).toEqual(noLogAccess);
  });

  it("gives nothing across municipalities, and nothing in an anonymous case discussion", () => {
    const responsible = family({ guardian: "responsible" });
    expect(decideLogAccess(citizen, facts({ tenantId: otherTenant, family: responsible }))).toEqual(
      noLogAccess,
    );
    expect(decideLogAccess(citizen, facts({ kind: "anonymous", family: responsible }))).toEqual(
      noLogAccess,
    );
  });

  it("lets the young person in from the consent age, not a day before", () => {
    expect(
      decideLogAccess(citizen, facts({ family: family({ isChild: true, childAge: 14 }) })),
    ).toEqual(noLogAccess);
    expect(
      decideLogAccess(citizen, facts({ family: family({ isChild: true, childAge: 15 }) })),
    ).toEqual({ ...guardianRead, family: "youth" });
    expect(
      decideLogAccess(
        citizen,
        facts({ family: family({ isChild: true, childAge: 15, consentAge: 16 }) }),
      ),
    ).toEqual(noLogAccess);
    // Without a birth date Laget cannot know the age, and treats the child as below it.
    expect(
      decideLogAccess(citizen, facts({ family: family({ isChild: true, childAge: null }) })),
    ).toEqual(noLogAccess);
  });

  it("ends the guardians' access when the young person of age says so, and only then", () => {
    const guardianOf = (childAge: number, answer: FamilyFacts["youthGuardianAccess"]) =>
      decideLogAccess(
        citizen,
        facts({
          family: family({ guardian: "responsible", childAge, youthGuardianAccess: answer }),
        }),
      );
    expect(guardianOf(16, "end")).toEqual(noLogAccess);
    expect(guardianOf(16, "keep")).toEqual(guardianRead);
    expect(guardianOf(16, null)).toEqual(guardianRead);
    // An answer recorded before the consent age (it cannot be) carries no weight.
    expect(guardianOf(13, "end")).toEqual(guardianRead);
  });
});
