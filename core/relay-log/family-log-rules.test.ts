import { describe, expect, it } from "vitest";
import { familyMayAddAgenda, familyMayScore } from "./family-log-rules.ts";

describe("what the family may write to", () => {
  it("scores an evaluation that is held, or whose day has come", () => {
    const today = "2026-11-22";
    expect(familyMayScore({ scheduledOn: "2026-11-01", heldOn: "2026-11-01" }, today)).toBe(true);
    expect(familyMayScore({ scheduledOn: "2026-11-22", heldOn: null }, today)).toBe(true);
    expect(familyMayScore({ scheduledOn: "2026-11-20", heldOn: null }, today)).toBe(true);
    expect(familyMayScore({ scheduledOn: "2026-11-23", heldOn: null }, today)).toBe(false);
  });

  it("adds agenda items only to a planned meeting that has not started", () => {
    const now = new Date("2026-11-22T12:00:00Z");
    const later = new Date("2026-11-22T12:00:01Z");
    const earlier = new Date("2026-11-22T11:59:59Z");
    expect(familyMayAddAgenda({ status: "planned", startsAt: later }, now)).toBe(true);
    expect(familyMayAddAgenda({ status: "planned", startsAt: later.toISOString() }, now)).toBe(
      true,
    );
    expect(familyMayAddAgenda({ status: "planned", startsAt: now }, now)).toBe(false);
    expect(familyMayAddAgenda({ status: "planned", startsAt: earlier }, now)).toBe(false);
    expect(familyMayAddAgenda({ status: "held", startsAt: later }, now)).toBe(false);
    expect(familyMayAddAgenda({ status: "cancelled", startsAt: later }, now)).toBe(false);
  });
});
