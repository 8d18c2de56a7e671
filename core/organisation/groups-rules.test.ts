import { describe, expect, it } from "vitest";
import {
  compareDecisions,
  compareGroups,
  decisionSubjectKind,
  decisionYears,
  isDecisionDateAllowed,
  isGroupClosed,
  mandateSummary,
  memberChoice,
  nextMeeting,
  otherChair,
  pageOf,
  singletonConflict,
  splitMeetings,
} from "./groups-rules.ts";

const group = (id: string, kind: string, closedOn: string | null = null, name = id) => ({
  id,
  kind,
  name,
  closedOn,
});

describe("one active steering group and one active driver group", () => {
  const existing = [
    group("s1", "steering", null, "Styringsgruppe for BTI"),
    group("s0", "steering", "2025-06-30", "Gammel styringsgruppe"),
    group("d1", "driver", null, "Pådrivergruppe"),
    group("w1", "working"),
  ];

  it("names the active group a new one of the same kind would duplicate", () => {
    expect(singletonConflict(existing, { id: null, kind: "steering", closedOn: null })?.name).toBe(
      "Styringsgruppe for BTI",
    );
    expect(singletonConflict(existing, { id: null, kind: "driver", closedOn: null })?.id).toBe(
      "d1",
    );
  });

  it("lets a group keep its own place, and a closed group never counts", () => {
    expect(singletonConflict(existing, { id: "s1", kind: "steering", closedOn: null })).toBeNull();
    expect(
      singletonConflict([group("s0", "steering", "2025-06-30")], {
        id: null,
        kind: "steering",
        closedOn: null,
      }),
    ).toBeNull();
  });

  it("allows a closed steering group to be recorded, and any number of working groups", () => {
    expect(
      singletonConflict(existing, { id: null, kind: "steering", closedOn: "2024-01-01" }),
    ).toBeNull();
    expect(singletonConflict(existing, { id: null, kind: "working", closedOn: null })).toBeNull();
  });

  it("refuses reopening an old steering group while another is active", () => {
    expect(singletonConflict(existing, { id: "s0", kind: "steering", closedOn: null })?.id).toBe(
      "s1",
    );
  });

  it("refuses turning a working group into a second driver group", () => {
    expect(singletonConflict(existing, { id: "w1", kind: "driver", closedOn: null })?.id).toBe(
      "d1",
    );
  });
});

describe("groups", () => {
  it("are closed once they have a closed date", () => {
    expect(isGroupClosed({ closedOn: null })).toBe(false);
    expect(isGroupClosed({ closedOn: "2026-01-31" })).toBe(true);
  });

  it("sort the steering group first, then the driver group, then working groups by name", () => {
    const sorted = [
      { kind: "working", name: "Brukermedvirkning" },
      { kind: "driver", name: "Pådrivergruppe" },
      { kind: "working", name: "Arbeidsgruppe Å" },
      { kind: "working", name: "Arbeidsgruppe B" },
      { kind: "steering", name: "Styringsgruppe" },
    ].sort(compareGroups);
    expect(sorted.map((item) => item.name)).toEqual([
      "Styringsgruppe",
      "Pådrivergruppe",
      "Arbeidsgruppe B",
      "Arbeidsgruppe Å",
      "Brukermedvirkning",
    ]);
  });
});

describe("mandate summary", () => {
  it("keeps a short mandate whole and takes only the first paragraph", () => {
    expect(mandateSummary("Vedtar modellen.\n\nMøtes fire ganger i året.")).toBe(
      "Vedtar modellen.",
    );
  });

  it("cuts a long mandate at a word with an ellipsis", () => {
    const long = "Styringsgruppen har ansvaret for innføringen av modellen ".repeat(6);
    const summary = mandateSummary(long, 60);
    expect(summary.length).toBeLessThanOrEqual(60);
    expect(summary.endsWith("…")).toBe(true);
    expect(summary).toMatch(/^Styringsgruppen har ansvaret for innføringen av modellen/);
    expect(summary).not.toMatch(/\s…$/);
  });
});

describe("meetings", () => {
  const meetings = [
    { id: "a", meetsOn: "2026-01-10" },
    { id: "b", meetsOn: "2026-04-01" },
    { id: "c", meetsOn: "2026-03-15" },
    { id: "d", meetsOn: "2026-02-20" },
  ];

  it("splits upcoming (today included, soonest first) from past (latest first)", () => {
    const { upcoming, past } = splitMeetings(meetings, "2026-03-15");
    expect(upcoming.map((m) => m.id)).toEqual(["c", "b"]);
    expect(past.map((m) => m.id)).toEqual(["d", "a"]);
  });

  it("finds the next meeting, or none when all are past", () => {
    expect(nextMeeting(meetings, "2026-03-16")?.id).toBe("b");
    expect(nextMeeting(meetings, "2026-04-02")).toBeNull();
  });
});

describe("members", () => {
  it("are a staff member or an outside person by name, never both or neither", () => {
    expect(memberChoice({ userId: "u1", name: "" })).toEqual({
      ok: true,
      kind: "staff",
      userId: "u1",
    });
    expect(memberChoice({ userId: null, name: " Kari Nilsen " })).toEqual({
      ok: true,
      kind: "outside",
      name: "Kari Nilsen",
    });
    expect(memberChoice({ userId: "u1", name: "Kari Nilsen" })).toEqual({
      ok: false,
      field: "name",
      reason: "both",
    });
    expect(memberChoice({ userId: null, name: "  " })).toEqual({
      ok: false,
      field: "userId",
      reason: "missing",
    });
  });

  it("have at most one chair: the other chair is found, never oneself", () => {
    const members = [
      { id: "m1", isChair: false },
      { id: "m2", isChair: true },
    ];
    expect(otherChair(members)?.id).toBe("m2");
    expect(otherChair(members, "m2")).toBeNull();
    expect(otherChair([{ id: "m1", isChair: false }])).toBeNull();
  });
});

describe("decisions", () => {
  it("are made today or earlier, never in the future", () => {
    expect(isDecisionDateAllowed("2026-03-15", "2026-03-15")).toBe(true);
    expect(isDecisionDateAllowed("2026-03-14", "2026-03-15")).toBe(true);
    expect(isDecisionDateAllowed("2026-03-16", "2026-03-15")).toBe(false);
  });

  it("are about a guide version, a milestone or nothing, never both", () => {
    expect(decisionSubjectKind({ contentVersionId: "v", milestoneId: null })).toBe("version");
    expect(decisionSubjectKind({ contentVersionId: null, milestoneId: "m" })).toBe("milestone");
    expect(decisionSubjectKind({ contentVersionId: null, milestoneId: null })).toBe("none");
    expect(decisionSubjectKind({ contentVersionId: "v", milestoneId: "m" })).toBe("both");
  });

  it("list newest first, the one recorded last first on the same day", () => {
    const sorted = [
      { id: "old", decidedOn: "2025-11-01", createdAt: "2025-11-01T10:00:00Z" },
      { id: "first", decidedOn: "2026-02-01", createdAt: "2026-02-01T09:00:00Z" },
      { id: "second", decidedOn: "2026-02-01", createdAt: "2026-02-01T11:00:00Z" },
    ].sort(compareDecisions);
    expect(sorted.map((item) => item.id)).toEqual(["second", "first", "old"]);
  });

  it("give the filter's years newest first, each once", () => {
    expect(decisionYears(["2025-03-01", "2026-01-05", "2025-12-31", "2024-06-01"])).toEqual([
      2026, 2025, 2024,
    ]);
    expect(decisionYears([])).toEqual([]);
  });

  it("page 25 at a time, the page clamped to what exists", () => {
    const items = Array.from({ length: 30 }, (_, index) => index);
    expect(pageOf(items, 1)).toMatchObject({ page: 1, pages: 2, total: 30 });
    expect(pageOf(items, 2).items).toEqual([25, 26, 27, 28, 29]);
    expect(pageOf(items, 9).page).toBe(2);
    expect(pageOf(items, 0).page).toBe(1);
    expect(pageOf([], 3)).toMatchObject({ page: 1, pages: 1, items: [] });
  });
});
