/**
 * The anchoring log's codes and limits (issue 8, table anchoring_activities). Pure constants:
 * safe for the UI to import. The words for each code are in the catalog
 * (organisation.anchoring.audienceKind.*, .mode.*, .channel.*).
 */

/** Who was informed or involved, as a kind; the audience in words says exactly who. */
export const anchoringAudienceKinds = [
  "top_management",
  "politicians",
  "mayor",
  "union",
  "unit_leaders",
  "staff",
  "citizens",
  "users",
  "other",
] as const;
export type AnchoringAudienceKind = (typeof anchoringAudienceKinds)[number];

/** Informert (they were told) or involvert (they took part and could influence). */
export const anchoringModes = ["informed", "involved"] as const;
export type AnchoringMode = (typeof anchoringModes)[number];

/** How it happened. */
export const anchoringChannels = [
  "meeting",
  "presentation",
  "workshop",
  "newspaper",
  "website",
  "film",
  "letter",
  "other",
] as const;
export type AnchoringChannel = (typeof anchoringChannels)[number];

/** The state of an activity's follow-up on a given day. */
export const followUpStates = ["none", "open", "overdue", "done"] as const;
export type FollowUpState = (typeof followUpStates)[number];

export const ANCHORING_AUDIENCE_MAX = 200;
export const ANCHORING_SUMMARY_MAX = 4000;
export const ANCHORING_MATERIAL_MAX = 1000;
export const ANCHORING_FOLLOW_UP_MAX = 2000;
export const ANCHORING_PAGE_SIZE = 25;

export function isAudienceKind(value: unknown): value is AnchoringAudienceKind {
  return (anchoringAudienceKinds as readonly unknown[]).includes(value);
}

export function isAnchoringMode(value: unknown): value is AnchoringMode {
  return (anchoringModes as readonly unknown[]).includes(value);
}
