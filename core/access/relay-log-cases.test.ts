import { describe, expect, it } from "vitest";
import type { Actor } from "./actor.ts";
import { mayAccessNextOfKinCase, mayReportToChildWelfare, noLogAccess } from "./relay-log.ts";

const staff = (overrides: Partial<Extract<Actor, { kind: "staff" }>> = {}): Actor => ({
  kind: "staff",
  userId: "u1",
  tenantId: "t1",
  name: "Test",
  email: "test@testvik.example",
  roles: ["employee"],
  unitIds: ["nav"],
  ...overrides,
});

describe("barn som pårørende: mayAccessNextOfKinCase", () => {
  const nextOfKinCase = { tenantId: "t1", unitId: "nav" };

  it("lets the employees of the registering unit in", () => {
    expect(mayAccessNextOfKinCase(staff(), nextOfKinCase)).toBe(true);
  });

  it("keeps out other units, other tenants, roles without the relay log, citizens and nobody", () => {
    expect(mayAccessNextOfKinCase(staff({ unitIds: ["school"] }), nextOfKinCase)).toBe(false);
    expect(mayAccessNextOfKinCase(staff({ tenantId: "t2" }), nextOfKinCase)).toBe(false);
    // A coordinator or leader elsewhere gets nothing by virtue of the role.
    expect(
      mayAccessNextOfKinCase(staff({ roles: ["coordinator"], unitIds: [] }), nextOfKinCase),
    ).toBe(false);
    expect(mayAccessNextOfKinCase(staff({ roles: ["sector_leader"] }), nextOfKinCase)).toBe(false);
    expect(
      mayAccessNextOfKinCase(
        { kind: "citizen", citizenId: "c1", tenantId: "t1", name: null },
        nextOfKinCase,
      ),
    ).toBe(false);
    expect(mayAccessNextOfKinCase(null, nextOfKinCase)).toBe(false);
  });
});

describe("bekymringsmelding: mayReportToChildWelfare", () => {
  it("from a log: readers and participants frozen out by consent, nobody else", () => {
    const read = { read: true, write: false, holder: false, frozen: false };
    const frozen = { read: false, write: false, holder: false, frozen: true };
    expect(mayReportToChildWelfare(staff(), read)).toBe(true);
    expect(mayReportToChildWelfare(staff(), frozen)).toBe(true);
    expect(mayReportToChildWelfare(staff(), noLogAccess)).toBe(false);
  });

  it("from the guide: any staff member who reads the guide", () => {
    expect(mayReportToChildWelfare(staff(), null)).toBe(true);
    expect(mayReportToChildWelfare(staff({ roles: ["sector_leader"] }), null)).toBe(true);
    expect(
      mayReportToChildWelfare(
        { kind: "citizen", citizenId: "c1", tenantId: "t1", name: null },
        null,
      ),
    ).toBe(false);
  });
});
