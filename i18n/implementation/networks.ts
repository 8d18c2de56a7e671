import type { Widen } from "../widen.ts";

/**
 * Implementation catalog: networks. Keys: implementation.networks.*.
 * Bokmål is the source; nynorsk and English match it key for key.
 */
export const nb = {
  title: "BTS-nettverk",
};

export const nn: Widen<typeof nb> = {
  title: "BTS-nettverk",
};

export const en: Widen<typeof nb> = {
  title: "BTS networks",
};
