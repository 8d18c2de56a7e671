import type { Widen } from "../widen.ts";

/**
 * Organisation catalog: groups. Keys: organisation.groups.*.
 * Bokmål is the source; nynorsk and English match it key for key.
 */
export const nb = {
  title: "TODO",
};

export const nn: Widen<typeof nb> = {
  title: "TODO",
};

export const en: Widen<typeof nb> = {
  title: "TODO",
};
