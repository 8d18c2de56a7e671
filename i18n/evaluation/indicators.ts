import type { Widen } from "../widen.ts";

/**
 * Evaluation catalog: indicators. Keys: evaluation.indicators.*.
 * Bokmål is the source; nynorsk and English match it key for key.
 */
export const nb = {
  title: "Indikatorer",
};

export const nn: Widen<typeof nb> = {
  title: "Indikatorar",
};

export const en: Widen<typeof nb> = {
  title: "Indicators",
};
