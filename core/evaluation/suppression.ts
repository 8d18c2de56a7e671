import { MIN_EVALUATION_ANSWERS } from "../implementation/training-rules.ts";

/**
 * The one small-group rule of Laget's statistics (ADR 0021, ADR 0022): a group with fewer than
 * five answers or cases is never shown, in any view, chart, report or export, because a small
 * count can point at a person. Training evaluations, survey results and indicators all use it.
 */
export const MIN_GROUP_SIZE = MIN_EVALUATION_ANSWERS;

/** A figure that is either shown or suppressed because its group is too small. */
export type Suppressible<T> = { suppressed: true } | { suppressed: false; value: T };

export function isShown(groupSize: number): boolean {
  return groupSize >= MIN_GROUP_SIZE;
}

/** Shows `value()` only when the group behind it has at least MIN_GROUP_SIZE members. */
export function suppressBelowMinimum<T>(groupSize: number, value: () => T): Suppressible<T> {
  return isShown(groupSize) ? { suppressed: false, value: value() } : { suppressed: true };
}
