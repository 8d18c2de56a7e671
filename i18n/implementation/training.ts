import type { Widen } from "../widen.ts";

/**
 * Implementation catalog: training. Keys: implementation.training.*.
 * Bokmål is the source; nynorsk and English match it key for key.
 */
export const nb = {
  title: "Opplæring",
  navLabel: "Opplæring",
};

export const nn: Widen<typeof nb> = {
  title: "Opplæring",
  navLabel: "Opplæring",
};

export const en: Widen<typeof nb> = {
  title: "Training",
  navLabel: "Training",
};
