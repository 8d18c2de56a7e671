import type { Widen } from "../widen.ts";

/**
 * Organisation catalog: common. Keys: organisation.common.*.
 * Bokmål is the source; nynorsk and English match it key for key.
 */
export const nb = {
  title: "Organisering",
  navLabel: "Organisering",
};

export const nn: Widen<typeof nb> = {
  title: "Organisering",
  navLabel: "Organisering",
};

export const en: Widen<typeof nb> = {
  title: "Organisation",
  navLabel: "Organisation",
};
