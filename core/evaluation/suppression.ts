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

/**
 * Which groups of a breakdown are hidden (the keys returned).
 *
 * 1. Primary rule: a group with fewer than MIN_GROUP_SIZE answers is hidden (as are `forced`
 *    groups, e.g. the cells of a hidden row).
 * 2. Differencing rule: the total is shown, so the hidden groups' sum is always total − shown
 *    groups. That sum must not point at a small group either. Whenever some group with answers
 *    is hidden, the hidden groups with answers must be at least TWO and hold at least
 *    MIN_GROUP_SIZE answers together; until they do, the smallest shown group (ties: the lowest
 *    key) is hidden too. With exactly one small group this hides the next-smallest group as
 *    well; with two groups of 1 and 2 answers it keeps hiding until the hidden ones hold five.
 *    Groups with no answers carry nothing and are never counted as cover.
 * 3. Nested margins: `partitions` are further breakdowns of the same groups whose own totals
 *    are shown (e.g. units within one service type, whose total the service-type view shows).
 *    Each partition must satisfy rule 2 on its own; a group hidden anywhere is hidden everywhere.
 *    Hiding more never breaks a rule already met, so one pass over the partitions is enough.
 */
export function protectBreakdown(
  sizes: ReadonlyMap<string, number>,
  options: {
    partitions?: readonly ReadonlyMap<string, number>[];
    forced?: ReadonlySet<string>;
  } = {},
): Set<string> {
  const hidden = new Set<string>();
  for (const [key, size] of sizes) {
    if (size < MIN_GROUP_SIZE || options.forced?.has(key)) hidden.add(key);
  }
  for (const key of options.forced ?? []) if (sizes.has(key)) hidden.add(key);
  coverHidden(sizes, hidden);
  for (const partition of options.partitions ?? []) {
    const inPartition = new Set([...hidden].filter((key) => partition.has(key)));
    for (const [key, size] of partition) if (size < MIN_GROUP_SIZE) inPartition.add(key);
    coverHidden(partition, inPartition);
    for (const key of inPartition) hidden.add(key);
  }
  // Groups hidden in a partition may leave the whole breakdown with a single small hidden group.
  coverHidden(sizes, hidden);
  return hidden;
}

/** Rule 2 on one margin: hides the smallest shown groups until the hidden ones cover each other. */
function coverHidden(sizes: ReadonlyMap<string, number>, hidden: Set<string>): void {
  const weight = () => {
    const withAnswers = [...hidden].filter((key) => (sizes.get(key) ?? 0) > 0);
    return {
      groups: withAnswers.length,
      answers: withAnswers.reduce((sum, key) => sum + (sizes.get(key) ?? 0), 0),
    };
  };
  let current = weight();
  while (current.groups > 0 && (current.groups < 2 || current.answers < MIN_GROUP_SIZE)) {
    const next = [...sizes]
      .filter(([key, size]) => !hidden.has(key) && size > 0)
      .sort(([ka, a], [kb, b]) => a - b || (ka < kb ? -1 : ka > kb ? 1 : 0))[0];
    if (!next) return;
    hidden.add(next[0]);
    current = weight();
  }
}
