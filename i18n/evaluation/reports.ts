import type { Widen } from "../widen.ts";

/**
 * Evaluation catalog: reports. Keys: evaluation.reports.*.
 * Bokmål is the source; nynorsk and English match it key for key.
 */
export const nb = {
  title: "Rapporter",
};

export const nn: Widen<typeof nb> = {
  title: "Rapportar",
};

export const en: Widen<typeof nb> = {
  title: "Reports",
};
