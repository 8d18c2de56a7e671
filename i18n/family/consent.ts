import type { Widen } from "../widen.ts";

/**
 * Family catalog (digital consent and its withdrawal by the family, and the young person's answer on the guardians' access).
 * Keys: family.consent.*. Bokmål is the source; nynorsk and English match it key for key.
 * Plain language: the readers are parents and young people, not professionals.
 */
export const nb = {} as const;

export const nn: Widen<typeof nb> = {};

export const en: Widen<typeof nb> = {};
