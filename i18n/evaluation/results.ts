import type { Widen } from "../widen.ts";

/**
 * Evaluation catalog: results. Keys: evaluation.results.*.
 * Bokmål is the source; nynorsk and English match it key for key.
 */
export const nb = {
  title: "Resultater",
};

export const nn: Widen<typeof nb> = {
  title: "Resultat",
};

export const en: Widen<typeof nb> = {
  title: "Results",
};
