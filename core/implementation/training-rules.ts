/**
 * The training area's rules as plain values and pure functions, shared by the use cases
 * (training.ts) and the pages: the kinds of event, the limits of each field, when a person may
 * register, and the small-group rule for evaluation results. No database, no HTTP.
 */

/** Kick-off (oppstartskonferanse), the yearly seminar, the shared planning day, a course. */
export const trainingEventKinds = ["kickoff", "seminar", "planning_day", "course"] as const;
export type TrainingEventKind = (typeof trainingEventKinds)[number];

export const EVENT_TITLE_MAX = 200;
export const EVENT_DESCRIPTION_MAX = 4000;
export const EVENT_PLACE_MAX = 200;
export const EVENT_CAPACITY_MAX = 10_000;
export const EVALUATION_TEXT_MAX = 2000;
/** Past events in the coordinator's list, per page. */
export const TRAINING_EVENTS_PAGE_SIZE = 25;

/**
 * Results of an anonymous evaluation are shown only when at least this many have answered, so
 * that no one answer can be traced to the few who attended (small-group suppression).
 */
export const MIN_EVALUATION_ANSWERS = 5;

/** A score on the evaluation form: 1 (poor) to 5 (very good). */
export const evaluationScores = ["1", "2", "3", "4", "5"] as const;

/** What a staff member sees about an event and their place on it. */
export type RegistrationState =
  "cancelled" | "over" | "started" | "registered" | "full" | "deadlinePassed" | "open";

export interface RegistrationFacts {
  cancelled: boolean;
  startsAt: Date;
  endsAt: Date;
  /** YYYY-MM-DD or null: registration closes at the end of this day in Norway. */
  registrationDeadline: string | null;
  capacity: number | null;
  registeredCount: number;
  registered: boolean;
}

/** Whether the event has a free place (no capacity means no limit). */
export function hasFreePlace(facts: Pick<RegistrationFacts, "capacity" | "registeredCount">) {
  return facts.capacity === null || facts.registeredCount < facts.capacity;
}

/** The registration deadline has passed when today (in Norway) is after it. */
export function deadlinePassed(deadline: string | null, today: string): boolean {
  return deadline !== null && today > deadline;
}

/**
 * Where a person stands with an event, in the order that matters to them: a cancelled event is
 * cancelled whatever else; after that, being registered comes before "full" or "deadline passed".
 */
export function registrationState(
  facts: RegistrationFacts,
  now: Date,
  today: string,
): RegistrationState {
  if (facts.cancelled) return "cancelled";
  if (facts.endsAt.getTime() <= now.getTime()) return "over";
  if (facts.startsAt.getTime() <= now.getTime()) return "started";
  if (facts.registered) return "registered";
  if (deadlinePassed(facts.registrationDeadline, today)) return "deadlinePassed";
  if (!hasFreePlace(facts)) return "full";
  return "open";
}

/** The mean of some scores to one decimal, or null for none. */
export function averageScore(scores: readonly number[]): number | null {
  if (scores.length === 0) return null;
  const sum = scores.reduce((total, score) => total + score, 0);
  return Math.round((sum / scores.length) * 10) / 10;
}
