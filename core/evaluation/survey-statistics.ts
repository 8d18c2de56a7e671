import { MIN_GROUP_SIZE } from "./suppression.ts";

/**
 * The arithmetic behind survey results (issue 7), pure and tested against hand-computed
 * examples (survey-statistics.test.ts). Callers only pass groups that are already shown
 * (MIN_GROUP_SIZE or more answers); `protectBreakdown` decides which groups of a breakdown are
 * hidden, including the ones that would otherwise give a hidden group away by subtraction.
 *
 * Rounding: means, medians and differences to one decimal, percentages to whole numbers, always
 * half away from zero (2.25 → 2.3, 12.5 % → 13 %). A difference is taken between the rounded
 * means, so the figures on the page always add up (3.9 − 3.4 = 0.5).
 */

/** The group of answers without a unit or service type in a breakdown. */
export const NO_GROUP = "none";

export const LIKERT_VALUES = [1, 2, 3, 4, 5] as const;

/** Rounds half away from zero to `decimals` places, without binary floating-point surprises. */
export function roundTo(value: number, decimals: number): number {
  const sign = value < 0 ? -1 : 1;
  const shifted = Number(`${Math.abs(value)}e${decimals}`);
  const rounded = Number(`${Math.round(shifted)}e-${decimals}`);
  return rounded === 0 ? 0 : sign * rounded;
}

function assertSome(values: readonly number[]): void {
  if (values.length === 0) throw new Error("statistics of an empty group");
}

/** The arithmetic mean, one decimal. */
export function mean(values: readonly number[]): number {
  assertSome(values);
  return roundTo(values.reduce((sum, value) => sum + value, 0) / values.length, 1);
}

/** The middle value (the mean of the two middle values for an even count), one decimal. */
export function median(values: readonly number[]): number {
  assertSome(values);
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value =
    sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return roundTo(value, 1);
}

/** `count` of `total` as a whole percentage. */
export function percent(count: number, total: number): number {
  if (total <= 0) throw new Error("percentage of an empty group");
  return roundTo((count * 100) / total, 0);
}

/** The change from the previous round: current − previous, both as shown (one decimal). */
export function difference(current: number, previous: number): number {
  return roundTo(roundTo(current, 1) - roundTo(previous, 1), 1);
}

export interface OptionCount {
  key: string;
  label: string;
  count: number;
  /** Of those who answered the question (multiple choice may add up to more than 100). */
  percent: number;
}

/**
 * Counts per option of a single or multiple choice question, in the question's option order.
 * `answers` holds each respondent's chosen keys; a key that is not an option is ignored, and a
 * key chosen twice by one respondent counts once.
 */
export function choiceCounts(
  options: readonly { key: string; label: string }[],
  answers: readonly (readonly string[])[],
): OptionCount[] {
  assertSome(answers.map(() => 0));
  return options.map((option) => {
    const count = answers.filter((keys) => keys.includes(option.key)).length;
    return { ...option, count, percent: percent(count, answers.length) };
  });
}

export interface LikertFigures {
  distribution: { value: number; count: number; percent: number }[];
  mean: number;
}

/** The 1–5 distribution and the mean of a Likert question's answers (values outside 1–5 are left out). */
export function likertFigures(values: readonly number[]): LikertFigures {
  const valid = values.filter((value) => (LIKERT_VALUES as readonly number[]).includes(value));
  assertSome(valid);
  return {
    distribution: LIKERT_VALUES.map((value) => {
      const count = valid.filter((answer) => answer === value).length;
      return { value, count, percent: percent(count, valid.length) };
    }),
    mean: mean(valid),
  };
}

export interface NumberFigures {
  mean: number;
  median: number;
  min: number;
  max: number;
}

export function numberFigures(values: readonly number[]): NumberFigures {
  assertSome(values);
  return {
    mean: mean(values),
    median: median(values),
    min: Math.min(...values),
    max: Math.max(...values),
  };
}

const collator = new Intl.Collator("nb", { sensitivity: "base", numeric: true });

/**
 * Free-text answers in a stable order that says nothing about who wrote what or when:
 * alphabetical (Norwegian collation), ties by the answer's random id. Blank answers are left out.
 */
export function orderFreeText(answers: readonly { id: string; text: string }[]): string[] {
  return answers
    .map((answer) => ({ id: answer.id, text: answer.text.trim() }))
    .filter((answer) => answer.text !== "")
    .sort((a, b) => collator.compare(a.text, b.text) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((answer) => answer.text);
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
