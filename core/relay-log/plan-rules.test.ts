import { describe, expect, it } from "vitest";
import { formatScore, isEvaluationOverdue, isMeasureOverdue, scoreSeries } from "./plan-rules.ts";

describe("plan rules", () => {
  it("writes scores with their sign and a real minus", () => {
    expect([-2, -1, 0, 1, 2].map(formatScore)).toEqual(["\u22122", "\u22121", "0", "+1", "+2"]);
  });

  it("marks a measure overdue only while it is planned or ongoing", () => {
    const today = "2026-03-10";
    expect(isMeasureOverdue({ dueOn: "2026-03-09", status: "ongoing" }, today)).toBe(true);
    expect(isMeasureOverdue({ dueOn: "2026-03-09", status: "planned" }, today)).toBe(true);
    expect(isMeasureOverdue({ dueOn: "2026-03-10", status: "ongoing" }, today)).toBe(false);
    expect(isMeasureOverdue({ dueOn: "2026-03-09", status: "done" }, today)).toBe(false);
    expect(isMeasureOverdue({ dueOn: "2026-03-09", status: "stopped" }, today)).toBe(false);
  });

  it("marks an evaluation overdue when its date has passed and it is not held", () => {
    const today = "2026-03-10";
    expect(isEvaluationOverdue({ scheduledOn: "2026-03-09", heldOn: null }, today)).toBe(true);
    expect(isEvaluationOverdue({ scheduledOn: "2026-03-10", heldOn: null }, today)).toBe(false);
    expect(isEvaluationOverdue({ scheduledOn: "2026-03-01", heldOn: "2026-03-02" }, today)).toBe(
      false,
    );
  });

  it("orders each scorer kind's scores by date, with first, latest and the change", () => {
    const point = (evaluationId: string, date: string, scorerKind: string, score: number) => ({
      evaluationId,
      date,
      scorerKind,
      score,
      comment: "",
    });
    const series = scoreSeries([
      point("c", "2026-05-01", "staff", 2),
      point("a", "2026-01-01", "staff", -1),
      point("a", "2026-01-01", "youth", 0),
      point("b", "2026-03-01", "staff", 0),
    ]);
    expect(series.map((item) => item.scorerKind)).toEqual(["staff", "youth"]);
    expect(series[0]).toMatchObject({
      first: { evaluationId: "a", score: -1 },
      latest: { evaluationId: "c", score: 2 },
      change: 3,
    });
    expect(series[0]!.points.map((item) => item.score)).toEqual([-1, 0, 2]);
    expect(series[1]).toMatchObject({ first: { score: 0 }, latest: { score: 0 }, change: null });
    expect(scoreSeries([])).toEqual([]);
  });
});
