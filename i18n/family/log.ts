import type { Widen } from "../widen.ts";

/**
 * Family catalog (the family's view of one log (/familie/:logId) and what they write: notes, Min stemme per goal, agenda items, own scores).
 * Keys: family.log.*. Bokmål is the source; nynorsk and English match it key for key.
 * Plain language: the readers are parents and young people, not professionals.
 */
export const nb = {} as const;

export const nn: Widen<typeof nb> = {};

export const en: Widen<typeof nb> = {};
