/**
 * The pure rules of the family's own contributions to a log (notes, their view per goal, agenda
 * items, their own scores): limits and choices shared by the use cases and the forms. No
 * database, no React: route modules import these at runtime.
 */
export const FAMILY_NOTE_MAX = 2000;
export const FAMILY_VOICE_MAX = 1000;
export const FAMILY_AGENDA_ITEM_MAX = 500;
export const FAMILY_SCORE_COMMENT_MAX = 300;

/** A family note is a plain note or a lysglimt (something that went well). */
export const familyEntryKinds = ["note", "highlight"] as const;
export type FamilyEntryKind = (typeof familyEntryKinds)[number];

/** What the family's page posts: one form per intent. */
export const familyIntents = ["note", "voice", "agenda", "score"] as const;
export type FamilyIntent = (typeof familyIntents)[number];

/** The family may score an evaluation that has been held, or whose day has come. */
export function familyMayScore(
  evaluation: { scheduledOn: string; heldOn: string | null },
  today: string,
): boolean {
  return evaluation.heldOn !== null || evaluation.scheduledOn <= today;
}

/** Agenda items can be added to a planned meeting that has not started yet. */
export function familyMayAddAgenda(
  meeting: { status: string; startsAt: Date | string },
  now: Date,
): boolean {
  return meeting.status === "planned" && new Date(meeting.startsAt).getTime() > now.getTime();
}
