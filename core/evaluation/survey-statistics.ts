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
