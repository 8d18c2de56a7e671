import type { Widen } from "../widen.ts";

/**
 * Family catalog (the family's front door: citizen login (demo ID-porten), the list of logs (/familie), nothing-to-show page, guardian national ID on the staff side).
 * Keys: family.home.*. Bokmål is the source; nynorsk and English match it key for key.
 * Plain language: the readers are parents and young people, not professionals.
 */
export const nb = {} as const;

export const nn: Widen<typeof nb> = {};

export const en: Widen<typeof nb> = {};
