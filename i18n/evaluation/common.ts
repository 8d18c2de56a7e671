import type { Widen } from "../widen.ts";

/**
 * Evaluation catalog: common. Keys: evaluation.common.*.
 * Bokmål is the source; nynorsk and English match it key for key.
 */
export const nb = {
  title: "Evaluering",
  navLabel: "Evaluering",
};

export const nn: Widen<typeof nb> = {
  title: "Evaluering",
  navLabel: "Evaluering",
};

export const en: Widen<typeof nb> = {
  title: "Evaluation",
  navLabel: "Evaluation",
};
