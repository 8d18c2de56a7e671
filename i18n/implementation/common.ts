import type { Widen } from "../widen.ts";

/**
 * Implementation catalog: common. Keys: implementation.common.*.
 * Bokmål is the source; nynorsk and English match it key for key.
 */
export const nb = {
  title: "Implementering",
  navLabel: "Implementering",
};

export const nn: Widen<typeof nb> = {
  title: "Implementering",
  navLabel: "Implementering",
};

export const en: Widen<typeof nb> = {
  title: "Implementation",
  navLabel: "Implementation",
};
