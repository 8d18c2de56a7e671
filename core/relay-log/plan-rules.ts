/**
 * The pure rules of the relay log's plan, evaluations and entries: limits, choices and the
 * effect computation. No database, no React: route modules import these at runtime.
 */

export const AREA_TITLE_MAX = 120;
export const AREA_DESCRIPTION_MAX = 1000;
export const GOAL_TEXT_MAX = 500;
export const GOAL_EXPECTED_MAX = 500;
export const MEASURE_WHAT_MAX = 500;
export const FAMILY_RESPONSIBLE_MAX = 120;
export const SCORE_COMMENT_MAX = 300;
export const EVALUATION_SUMMARY_MAX = 2000;
export const ENTRY_TEXT_MAX = 2000;
export const ENTRIES_PAGE_SIZE = 25;

export const responsibleKinds = ["person", "service", "family"] as const;
export type ResponsibleKind = (typeof responsibleKinds)[number];

export const measurePlaces = ["home", "service"] as const;
export type MeasurePlace = (typeof measurePlaces)[number];

export const measureStatuses = ["planned", "ongoing", "done", "stopped"] as const;
export type MeasureStatus = (typeof measureStatuses)[number];

/** The goal-attainment scale, −2 (much worse than expected) … +2 (much better). */
export const goalScores = [-2, -1, 0, 1, 2] as const;
export type GoalScore = (typeof goalScores)[number];

/** Who scored: staff today; guardians and the young person score beside them (next issue). */
export const scorerKinds = ["staff", "guardian", "youth"] as const;
export type ScorerKind = (typeof scorerKinds)[number];

export const entryKinds = ["note", "highlight"] as const;
export type EntryKind = (typeof entryKinds)[number];

/** The form field names of one goal's score and comment in the held-evaluation form. */
export function scoreField(goalId: string): string {
  return `score_${goalId}`;
}
export function commentField(goalId: string): string {
  return `comment_${goalId}`;
}

/** "+1", "0", "−2": the sign is always written, with a real minus sign. */
export function formatScore(score: number): string {
  if (score > 0) return `+${score}`;
  if (score < 0) return `\u2212${Math.abs(score)}`;
  return "0";
}

/** A measure is overdue when its deadline has passed and it is neither done nor stopped. */
export function isMeasureOverdue(
  measure: { dueOn: string; status: string },
  today: string,
): boolean {
  return measure.dueOn < today && (measure.status === "planned" || measure.status === "ongoing");
}

/** An evaluation is overdue when its date has passed and it has not been recorded as held. */
export function isEvaluationOverdue(
  evaluation: { scheduledOn: string; heldOn: string | null },
  today: string,
): boolean {
  return evaluation.heldOn === null && evaluation.scheduledOn < today;
}

export interface ScorePoint {
  evaluationId: string;
  /** The day the evaluation was held. */
  date: string;
  score: number;
  comment: string;
}

export interface ScoreSeries {
  scorerKind: ScorerKind;
  points: ScorePoint[];
  first: ScorePoint;
  latest: ScorePoint;
  /** latest − first; null with only one score. */
  change: number | null;
}

/**
 * One goal's scores over time for each scorer kind: oldest first, with the first and latest
 * score and the change between them. Kinds without scores are left out.
 */
export function scoreSeries(
  scores: readonly {
    evaluationId: string;
    date: string;
    scorerKind: string;
    score: number;
    comment: string;
  }[],
): ScoreSeries[] {
  const series: ScoreSeries[] = [];
  for (const scorerKind of scorerKinds) {
    const points = scores
      .filter((score) => score.scorerKind === scorerKind)
      .map(({ evaluationId, date, score, comment }) => ({ evaluationId, date, score, comment }))
      .sort((a, b) => (a.date === b.date ? 0 : a.date < b.date ? -1 : 1));
    if (points.length === 0) continue;
    const first = points[0]!;
    const latest = points[points.length - 1]!;
    series.push({
      scorerKind,
      points,
      first,
      latest,
      change: points.length > 1 ? latest.score - first.score : null,
    });
  }
  return series;
}
