import type { Widen } from "../widen.ts";

/**
 * Evaluation catalog: surveys. Keys: evaluation.surveys.*.
 * Bokmål is the source; nynorsk and English match it key for key.
 */
export const nb = {
  navLabel: "Undersøkelser",
};

export const nn: Widen<typeof nb> = {
  navLabel: "Undersøkingar",
};

export const en: Widen<typeof nb> = {
  navLabel: "Surveys",
};
