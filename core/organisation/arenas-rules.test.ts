import { describe, expect, it } from "vitest";
import {
  belongsToReviewYear,
  closedOnAfterReview,
  countDecisions,
  findOverlaps,
  isArenaActive,
  latestReview,
  overlapsOf,
  reviewDateProblem,
  reviewYearFrom,
  reviewYearOptions,
  type RuleArena,
} from "./arenas-rules.ts";

const today = "2026-05-10";

function arena(
  id: string,
  targetGroups: string[],
  services: string[],
  closedOn: string | null = null,
  unitId: string | null = null,
): RuleArena {
  return { id, name: id, targetGroups, services, closedOn, unitId };
}

describe("findOverlaps", () => {
  it("finds two arenas with the same target group and the same services", () => {
    const a = arena("Oppvekstteam A", ["primary_school"], ["grunnskole", "ppt"]);
    const b = arena("Oppvekstteam B", ["primary_school"], ["ppt", "grunnskole"]);
    const [overlap, ...rest] = findOverlaps([b, a], today);
    expect(rest).toEqual([]);
    expect(overlap).toMatchObject({
      first: { id: "Oppvekstteam A" },
      second: { id: "Oppvekstteam B" },
      relation: "same",
      sharedTargetGroups: ["primary_school"],
      sharedServices: ["grunnskole", "ppt"],
    });
  });

  it("finds an arena whose services are all among another's, the narrower one first", () => {
    const wide = arena(
      "A Oppvekstteam ungdomsskole",
      ["lower_secondary", "young_adults"],
      ["grunnskole", "ppt", "barneverntjenesten", "nav", "politi_slt"],
    );
    const narrow = arena(
      "B Tverrfaglig team",
      ["lower_secondary"],
      ["barneverntjenesten", "grunnskole"],
    );
    const overlaps = findOverlaps([wide, narrow], today);
    expect(overlaps).toHaveLength(1);
    expect(overlaps[0]).toMatchObject({
      first: { id: "B Tverrfaglig team" },
      second: { id: "A Oppvekstteam ungdomsskole" },
      relation: "subset",
      sharedTargetGroups: ["lower_secondary"],
      // In the catalog's order of service types.
      sharedServices: ["grunnskole", "barneverntjenesten"],
    });
    const fromWide = overlapsOf(overlaps, wide.id);
    expect(fromWide).toMatchObject([
      { other: { id: narrow.id }, relation: "subset", otherIsWithin: true },
    ]);
    const fromNarrow = overlapsOf(overlaps, narrow.id);
    expect(fromNarrow).toMatchObject([
      { other: { id: wide.id }, relation: "subset", otherIsWithin: false },
    ]);
    expect(overlapsOf(overlaps, "someone else")).toEqual([]);
  });

  it("ignores arenas whose services are disjoint or only partly shared", () => {
    const a = arena("A", ["kindergarten"], ["barnehage", "ppt"]);
    const disjoint = arena("B", ["kindergarten"], ["nav", "politi_slt"]);
    const partly = arena("C", ["kindergarten"], ["barnehage", "helsestasjon_skolehelsetjeneste"]);
    expect(findOverlaps([a, disjoint, partly], today)).toEqual([]);
  });

  it("ignores arenas with the same services but no target group in common", () => {
    const a = arena("A", ["kindergarten"], ["barnehage", "ppt"]);
    const b = arena("B", ["primary_school", "families"], ["barnehage", "ppt"]);
    expect(findOverlaps([a, b], today)).toEqual([]);
  });

  it("names only the target groups the two share", () => {
    const a = arena("A", ["families", "kindergarten", "pregnancy_infants"], ["barnehage"]);
    const b = arena("B", ["pregnancy_infants", "families"], ["barnehage"]);
    expect(findOverlaps([a, b], today)[0]?.sharedTargetGroups).toEqual([
      "pregnancy_infants",
      "families",
    ]);
  });

  it("leaves closed arenas out, but counts one closed later than today as active", () => {
    const a = arena("A", ["kindergarten"], ["barnehage", "ppt"]);
    const closed = arena("B", ["kindergarten"], ["barnehage", "ppt"], "2026-01-15");
    const closedToday = arena("C", ["kindergarten"], ["barnehage"], today);
    expect(findOverlaps([a, closed, closedToday], today)).toEqual([]);
    const closingLater = arena("D", ["kindergarten"], ["ppt"], "2026-12-31");
    expect(findOverlaps([a, closingLater], today)).toHaveLength(1);
    expect(isArenaActive(closed, today)).toBe(false);
    expect(isArenaActive(closingLater, today)).toBe(true);
    expect(isArenaActive(a, today)).toBe(true);
  });

  it("ignores an arena with no services or no target groups", () => {
    const a = arena("A", ["kindergarten"], ["barnehage"]);
    expect(findOverlaps([a, arena("B", ["kindergarten"], [])], today)).toEqual([]);
    expect(findOverlaps([a, arena("C", [], ["barnehage"])], today)).toEqual([]);
  });

  it("does not pair the oppvekstteam of two different schools: they meet about different children", () => {
    const services = ["grunnskole", "ppt", "barneverntjenesten"];
    const teams = ["Avik skole", "Bvik skole", "Cvik skole"].map((school) =>
      arena(`Oppvekstteam ${school}`, ["primary_school"], services, null, school),
    );
    expect(findOverlaps(teams, today)).toEqual([]);
    // Also when one team's services are all among the other's.
    const narrow = arena("Team Bvik", ["primary_school"], ["ppt"], null, "Bvik skole");
    expect(findOverlaps([teams[0]!, narrow], today)).toEqual([]);
  });

  it("pairs two arenas of the same school", () => {
    const team = arena(
      "Oppvekstteam Avik skole",
      ["primary_school"],
      ["grunnskole", "ppt"],
      null,
      "Avik skole",
    );
    const other = arena("Tverrfaglig team Avik", ["primary_school"], ["ppt"], null, "Avik skole");
    expect(findOverlaps([team, other], today)).toMatchObject([
      { first: { id: other.id }, second: { id: team.id }, relation: "subset" },
    ]);
  });

  it("compares an arena without a unit (shared by the municipality) with one of a unit", () => {
    const shared = arena("Ressursteam", ["primary_school"], ["grunnskole", "ppt"]);
    const school = arena(
      "Oppvekstteam Avik skole",
      ["primary_school"],
      ["ppt", "grunnskole"],
      null,
      "Avik skole",
    );
    expect(findOverlaps([shared, school], today)).toMatchObject([
      { first: { id: school.id }, second: { id: shared.id }, relation: "same" },
    ]);
    expect(findOverlaps([school, shared], today)).toHaveLength(1);
  });

  it("lists every pair among several arenas, in name order", () => {
    const arenas = [
      arena("C", ["all_children"], ["ppt"]),
      arena("A", ["all_children"], ["ppt", "nav"]),
      arena("B", ["all_children"], ["ppt", "nav", "barnehage"]),
    ];
    const pairs = findOverlaps(arenas, today).map((o) => `${o.first.id}<${o.second.id}`);
    expect(pairs).toEqual(["A<B", "C<A", "C<B"]);
  });
});

describe("reviews", () => {
  const review = (id: string, year: number, reviewedOn: string, decision: string) => ({
    id,
    year,
    reviewedOn,
    decision,
  });

  it("takes the latest review by year, then date", () => {
    const reviews = [
      review("a", 2024, "2024-11-01", "keep"),
      review("b", 2025, "2025-10-01", "change"),
      review("c", 2025, "2025-03-01", "close"),
    ];
    expect(latestReview(reviews)?.id).toBe("b");
    expect(latestReview([])).toBeNull();
  });

  it("closes the arena from the date of a new latest «legge ned»", () => {
    const before = [review("a", 2024, "2024-11-01", "keep")];
    expect(
      closedOnAfterReview({
        currentClosedOn: null,
        before,
        after: [...before, review("b", 2025, "2025-11-20", "close")],
      }),
    ).toBe("2025-11-20");
    // A first review that closes it.
    expect(
      closedOnAfterReview({
        currentClosedOn: null,
        before: [],
        after: [review("a", 2024, "2024-11-01", "close")],
      }),
    ).toBe("2024-11-01");
  });

  it("reopens a closed arena when the new latest review keeps or changes it", () => {
    const before = [review("b", 2025, "2025-11-20", "close")];
    expect(
      closedOnAfterReview({
        currentClosedOn: "2025-11-20",
        before,
        after: [...before, review("c", 2026, "2026-02-01", "change")],
      }),
    ).toBeNull();
    // The latest «legge ned» itself changed to keep.
    expect(
      closedOnAfterReview({
        currentClosedOn: "2025-11-20",
        before,
        after: [review("b", 2025, "2025-11-20", "keep")],
      }),
    ).toBeNull();
  });

  it("moves the closed date with the latest «legge ned»'s date", () => {
    expect(
      closedOnAfterReview({
        currentClosedOn: "2025-11-20",
        before: [review("b", 2025, "2025-11-20", "close")],
        after: [review("b", 2025, "2025-11-25", "close")],
      }),
    ).toBe("2025-11-25");
  });

  it("reopens the arena when the latest «legge ned» is moved back a year behind a keep", () => {
    const keep = review("a", 2025, "2025-10-01", "keep");
    expect(
      closedOnAfterReview({
        currentClosedOn: "2026-03-01",
        before: [keep, review("b", 2026, "2026-03-01", "close")],
        after: [keep, review("b", 2024, "2026-03-01", "close")],
      }),
    ).toBeNull();
  });

  it("leaves an arena opened by hand open when only the latest «legge ned»'s text is fixed", () => {
    const close = review("b", 2026, "2026-03-01", "close");
    expect(
      closedOnAfterReview({
        currentClosedOn: null,
        before: [close],
        after: [{ ...close }],
      }),
    ).toBeNull();
    // Moved to another year but still the latest, same decision and date: nothing changes.
    expect(
      closedOnAfterReview({
        currentClosedOn: null,
        before: [close],
        after: [{ ...close, year: 2025 }],
      }),
    ).toBeNull();
  });

  it("leaves the date alone when an older year's review is saved", () => {
    const keptLatest = review("b", 2025, "2025-11-20", "keep");
    expect(
      closedOnAfterReview({
        currentClosedOn: null,
        before: [keptLatest],
        after: [review("a", 2024, "2024-11-01", "close"), keptLatest],
      }),
    ).toBeNull();
    const closedLatest = review("b", 2025, "2025-11-20", "close");
    expect(
      closedOnAfterReview({
        currentClosedOn: "2025-11-20",
        before: [review("a", 2024, "2024-11-01", "close"), closedLatest],
        after: [review("a", 2024, "2024-11-01", "keep"), closedLatest],
      }),
    ).toBe("2025-11-20");
  });

  it("leaves the date alone when a new latest keep follows a latest keep", () => {
    const before = [review("a", 2024, "2024-11-01", "keep")];
    expect(
      closedOnAfterReview({
        currentClosedOn: null,
        before,
        after: [...before, review("b", 2025, "2025-11-20", "keep")],
      }),
    ).toBeNull();
  });

  it("refuses a review date in the future or before the year", () => {
    expect(reviewDateProblem("2026-05-11", 2026, today)).toBe("future");
    expect(reviewDateProblem("2025-12-31", 2026, today)).toBe("beforeYear");
    expect(reviewDateProblem(today, 2026, today)).toBeNull();
    expect(reviewDateProblem("2026-01-10", 2025, today)).toBeNull();
  });

  it("offers this year and the years before, and reads ?ar= without future years", () => {
    expect(reviewYearOptions(today, 2)).toEqual([2026, 2025, 2024]);
    expect(reviewYearFrom("2025", today)).toBe(2025);
    expect(reviewYearFrom("2027", today)).toBe(2026);
    expect(reviewYearFrom("abc", today)).toBe(2026);
    expect(reviewYearFrom(null, today)).toBe(2026);
    expect(reviewYearFrom("1999", today)).toBe(2026);
  });

  it("puts an arena in a year's overview unless it was closed before or registered after it", () => {
    const since = "2024-03-01";
    expect(belongsToReviewYear({ closedOn: null, createdOn: since }, 2026, false)).toBe(true);
    expect(belongsToReviewYear({ closedOn: "2025-11-20", createdOn: since }, 2026, false)).toBe(
      false,
    );
    expect(belongsToReviewYear({ closedOn: "2025-11-20", createdOn: since }, 2025, true)).toBe(
      true,
    );
    expect(belongsToReviewYear({ closedOn: "2026-02-01", createdOn: since }, 2026, false)).toBe(
      true,
    );
    expect(belongsToReviewYear({ closedOn: null, createdOn: since }, 2023, false)).toBe(false);
    // Registered late, but reviewed for the year before: it is shown with that review.
    expect(belongsToReviewYear({ closedOn: null, createdOn: since }, 2023, true)).toBe(true);
  });

  it("counts the decisions and the arenas not reviewed", () => {
    expect(countDecisions(["keep", "keep", "change", "close", null, null, null])).toEqual({
      keep: 2,
      change: 1,
      close: 1,
      missing: 3,
    });
  });
});
