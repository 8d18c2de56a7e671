import type { Widen } from "../widen.ts";

/**
 * Implementation catalog: units. Keys: implementation.units.*.
 * Bokmål is the source; nynorsk and English match it key for key.
 */
export const nb = {
  title: "Enheter og BTS-kontakter",
};

export const nn: Widen<typeof nb> = {
  title: "Einingar og BTS-kontaktar",
};

export const en: Widen<typeof nb> = {
  title: "Units and BTS contacts",
};
