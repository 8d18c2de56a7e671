import { describe, expect, it } from "vitest";
import {
  anchoringAudienceKinds,
  anchoringChannels,
  anchoringModes,
  isAnchoringMode,
  isAudienceKind,
} from "./anchoring-kinds.ts";
import {
  anchoringTimeline,
  compareActivitiesNewestFirst,
  followUpState,
  hasOpenFollowUp,
  isFollowUpOverdue,
  isPlanned,
  milestoneAnchoring,
  timelineYears,
} from "./anchoring-rules.ts";

const today = "2026-03-15";
const followUp = (text: string, due: string | null, done: string | null) => ({
  followUp: text,
  followUpDueOn: due,
  followUpDoneOn: done,
});

describe("the anchoring codes", () => {
  it("match the schema's comments", () => {
    expect(anchoringAudienceKinds).toEqual([
      "top_management",
      "politicians",
      "mayor",
      "union",
      "unit_leaders",
      "staff",
      "citizens",
      "users",
      "other",
    ]);
    expect(anchoringModes).toEqual(["informed", "involved"]);
    expect(anchoringChannels).toEqual([
      "meeting",
      "presentation",
      "workshop",
      "newspaper",
      "website",
      "film",
      "letter",
      "other",
    ]);
    expect(isAudienceKind("mayor")).toBe(true);
    expect(isAudienceKind("ordfører")).toBe(false);
    expect(isAnchoringMode("involved")).toBe(true);
    expect(isAnchoringMode("")).toBe(false);
  });
});

describe("followUpState", () => {
  it("is none without anything to follow up", () => {
    expect(followUpState(followUp("", null, null), today)).toBe("none");
    expect(followUpState(followUp("   ", null, null), today)).toBe("none");
  });

  it("is done once it has a done date, even when the due date has passed", () => {
    expect(followUpState(followUp("Sende referat", "2026-01-01", "2026-02-01"), today)).toBe(
      "done",
    );
  });

  it("is overdue from the day after the due date (Oslo days), open until then", () => {
    expect(followUpState(followUp("Sende referat", "2026-03-14", null), today)).toBe("overdue");
    expect(followUpState(followUp("Sende referat", "2026-03-15", null), today)).toBe("open");
    expect(followUpState(followUp("Sende referat", "2026-03-16", null), today)).toBe("open");
    expect(followUpState(followUp("Sende referat", null, null), today)).toBe("open");
    expect(isFollowUpOverdue(followUp("Sende referat", "2026-03-14", null), today)).toBe(true);
    expect(isFollowUpOverdue(followUp("Sende referat", "2026-03-15", null), today)).toBe(false);
  });

  it("counts open and overdue, not done or none, as open follow-ups", () => {
    expect(hasOpenFollowUp(followUp("A", "2026-03-14", null), today)).toBe(true);
    expect(hasOpenFollowUp(followUp("A", null, null), today)).toBe(true);
    expect(hasOpenFollowUp(followUp("A", "2026-03-14", "2026-03-14"), today)).toBe(false);
    expect(hasOpenFollowUp(followUp("", null, null), today)).toBe(false);
  });
});

describe("the log's order and planned activities", () => {
  it("lists the newest first, then by audience", () => {
    const rows = [
      { occurredOn: "2025-09-15", audience: "Levekårsutvalget" },
      { occurredOn: "2025-09-16", audience: "Virksomhetsledere" },
      { occurredOn: "2025-09-15", audience: "Hovedtillitsvalgte" },
    ];
    expect(rows.sort(compareActivitiesNewestFirst).map((row) => row.audience)).toEqual([
      "Virksomhetsledere",
      "Hovedtillitsvalgte",
      "Levekårsutvalget",
    ]);
  });

  it("calls an activity after today planned", () => {
    expect(isPlanned({ occurredOn: "2026-03-16" }, today)).toBe(true);
    expect(isPlanned({ occurredOn: "2026-03-15" }, today)).toBe(false);
  });
});

describe("anchoringTimeline", () => {
  const milestones = [
    {
      id: "m-kickoff",
      title: "Kick-off",
      startsOn: "2025-10-01",
      endsOn: "2025-10-31",
      continuous: false,
    },
    {
      id: "m-pilot",
      title: "Pilotering",
      startsOn: "2025-01-01",
      endsOn: "2025-06-30",
      continuous: false,
    },
    {
      id: "m-onboarding",
      title: "Opplæring av nyansatte",
      startsOn: "2025-10-15",
      endsOn: "2025-10-15",
      continuous: true,
    },
  ];
  const activities = [
    { id: "a-paper", occurredOn: "2025-11-02", audience: "Lokalavisa", milestoneId: "m-kickoff" },
    { id: "a-mayor", occurredOn: "2024-08-17", audience: "Ordfører", milestoneId: null },
    {
      id: "a-leaders",
      occurredOn: "2024-12-16",
      audience: "Virksomhetsledere",
      milestoneId: "m-pilot",
    },
    { id: "a-web", occurredOn: "2025-10-01", audience: "Hjemmesiden", milestoneId: "m-kickoff" },
  ];

  it("puts milestones (by start) and activities in their quarters, in date order", () => {
    const quarters = anchoringTimeline(milestones, activities);
    expect(quarters.map((quarter) => quarter.key)).toEqual([
      "2024-Q3",
      "2024-Q4",
      "2025-Q1",
      "2025-Q4",
    ]);
    const [q3, q4, q1, last] = quarters;
    expect(q3!.milestones).toEqual([]);
    expect(q3!.activities.map((a) => a.id)).toEqual(["a-mayor"]);
    expect(q4!.activities.map((a) => a.id)).toEqual(["a-leaders"]);
    expect(q1!.milestones.map((m) => m.id)).toEqual(["m-pilot"]);
    expect(q1!.activities).toEqual([]);
    // A continuous milestone sits in the quarter it starts; activities oldest first.
    expect(last!.milestones.map((m) => m.id)).toEqual(["m-kickoff", "m-onboarding"]);
    expect(last!.activities.map((a) => a.id)).toEqual(["a-web", "a-paper"]);
    expect(last).toMatchObject({ year: 2025, quarter: 4 });
  });

  it("narrows to one year", () => {
    expect(anchoringTimeline(milestones, activities, 2024).map((q) => q.key)).toEqual([
      "2024-Q3",
      "2024-Q4",
    ]);
    expect(anchoringTimeline(milestones, activities, 2023)).toEqual([]);
    expect(anchoringTimeline([], [])).toEqual([]);
  });

  it("offers the years with a milestone or an activity", () => {
    expect(timelineYears(milestones, activities)).toEqual([2024, 2025]);
    expect(timelineYears([], [{ occurredOn: "2023-02-01" }])).toEqual([2023]);
  });

  it("tells whether linked anchoring came before a milestone's start", () => {
    expect(milestoneAnchoring(milestones[0]!, activities)).toEqual({
      count: 2,
      firstOn: "2025-10-01",
      beforeStart: true,
    });
    expect(milestoneAnchoring(milestones[1]!, activities)).toEqual({
      count: 1,
      firstOn: "2024-12-16",
      beforeStart: true,
    });
    expect(
      milestoneAnchoring({ id: "m-late", startsOn: "2025-01-01" }, [
        { occurredOn: "2025-02-01", milestoneId: "m-late" },
      ]),
    ).toEqual({ count: 1, firstOn: "2025-02-01", beforeStart: false });
    expect(milestoneAnchoring(milestones[2]!, activities)).toEqual({
      count: 0,
      firstOn: null,
      beforeStart: false,
    });
  });
});
