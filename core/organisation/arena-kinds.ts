import { serviceTypes, type ServiceType } from "../units/service-types.ts";

/**
 * The collaboration arenas' codes and limits (issue 8, tables collaboration_arenas and
 * collaboration_arena_reviews). Pure constants: safe for the UI to import. The words for each
 * code are in the catalog (organisation.arenas.targetGroup.*, .frequency.*, .needed.*, .works.*,
 * .decision.*); the services are the service type codes of core/units/service-types.ts, whose
 * words are serviceType.*.
 */

/** Who an arena is about, from pregnancy to young adults. */
export const arenaTargetGroups = [
  "pregnancy_infants",
  "kindergarten",
  "primary_school",
  "lower_secondary",
  "upper_secondary",
  "young_adults",
  "families",
  "all_children",
] as const;
export type ArenaTargetGroup = (typeof arenaTargetGroups)[number];

/** The services that can take part: the units' service types. */
export const arenaServices = serviceTypes;
export type ArenaService = ServiceType;

/** How often the arena meets; a note in words can say more ("Første tirsdag i måneden"). */
export const arenaFrequencies = [
  "weekly",
  "biweekly",
  "monthly",
  "termly",
  "yearly",
  "as_needed",
] as const;
export type ArenaFrequency = (typeof arenaFrequencies)[number];

/** The BTI levels an arena can serve. */
export const arenaBtiLevels = [0, 1, 2, 3] as const;
export type ArenaBtiLevel = (typeof arenaBtiLevels)[number];

/** «Er arenaen nødvendig?» */
export const reviewNeededAnswers = ["yes", "partly", "no"] as const;
export type ReviewNeeded = (typeof reviewNeededAnswers)[number];

/** «Fungerer den?» */
export const reviewWorksAnswers = ["well", "partly", "poorly"] as const;
export type ReviewWorks = (typeof reviewWorksAnswers)[number];

/** Beholde, endre, legge ned. A close decision closes the arena from the review date. */
export const reviewDecisions = ["keep", "change", "close"] as const;
export type ReviewDecision = (typeof reviewDecisions)[number];

export const ARENA_NAME_MAX = 200;
export const ARENA_PURPOSE_MAX = 2000;
export const ARENA_PARTICIPANTS_MAX = 2000;
export const ARENA_FREQUENCY_NOTE_MAX = 200;
export const ARENA_LEADER_NAME_MAX = 200;
export const REVIEW_REASONS_MAX = 4000;
export const REVIEW_CHANGES_MAX = 4000;
export const ARENAS_PAGE_SIZE = 25;
/** The earliest year a review can be for. */
export const FIRST_REVIEW_YEAR = 2000;

export function isTargetGroup(value: unknown): value is ArenaTargetGroup {
  return (arenaTargetGroups as readonly unknown[]).includes(value);
}

export function isArenaService(value: unknown): value is ArenaService {
  return (arenaServices as readonly unknown[]).includes(value);
}

export function isFrequency(value: unknown): value is ArenaFrequency {
  return (arenaFrequencies as readonly unknown[]).includes(value);
}

export function isBtiLevel(value: unknown): value is ArenaBtiLevel {
  return (arenaBtiLevels as readonly unknown[]).includes(value);
}

export function isReviewDecision(value: unknown): value is ReviewDecision {
  return (reviewDecisions as readonly unknown[]).includes(value);
}

/** Catalog keys of the words for each code. */
export const targetGroupKey = (code: string) => `organisation.arenas.targetGroup.${code}`;
export const serviceKey = (code: string) => `serviceType.${code}`;
export const frequencyKey = (code: string) => `organisation.arenas.frequency.${code}`;
export const neededKey = (code: string) => `organisation.arenas.needed.${code}`;
export const worksKey = (code: string) => `organisation.arenas.works.${code}`;
export const decisionKey = (code: string) => `organisation.arenas.decision.${code}`;

/** Codes in their list's order (the order the catalog and the forms use), unknown ones last. */
export function inCodeOrder<T extends string | number>(
  list: readonly T[],
  order: readonly T[],
): T[] {
  const position = (value: T) => {
    const index = order.indexOf(value);
    return index === -1 ? order.length : index;
  };
  return [...new Set(list)].sort((a, b) => position(a) - position(b));
}
