import type { Widen } from "../widen.ts";

/**
 * Implementation catalog: plan. Keys: implementation.plan.*.
 * Bokmål is the source; nynorsk and English match it key for key.
 */
export const nb = {
  title: "Implementeringsplan",
};

export const nn: Widen<typeof nb> = {
  title: "Implementeringsplan",
};

export const en: Widen<typeof nb> = {
  title: "Implementation plan",
};
