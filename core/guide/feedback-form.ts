/** Pure constants of the feedback form, shared by core/guide/feedback.ts and the UI. */

/** The honeypot's field name: a word bots fill in, with a label asking people not to. */
export const feedbackHoneypotField = "nettsted";

export const feedbackTextMin = 3;
export const feedbackTextMax = 2000;
export const feedbackTitleMax = 200;
export const feedbackPathMax = 500;

/**
 * The page a feedback is about, reduced to a local path without query string or fragment; null
 * when it is not one (another site, `//host`, not starting with /). Query strings are dropped
 * because they may carry search words or ids that are nobody's business in the inbox.
 */
export function feedbackPagePath(value: string | null | undefined): string | null {
  if (!value) return null;
  const path = value.split(/[?#]/, 1)[0]!.trim();
  if (!path.startsWith("/") || path.startsWith("//") || /[\s\\]/.test(path)) return null;
  if (path.length > feedbackPathMax) return null;
  return path;
}

/** Where the feedback form lives; `side` carries the page it is about. */
export function feedbackFormHref(pagePath: string): string {
  return `/tilbakemelding?side=${encodeURIComponent(pagePath)}`;
}

/** Orders of the coordinators' inbox: newest or oldest first, or grouped by page or by theme. */
export const feedbackSorts = ["newest", "oldest", "page", "theme"] as const;
export type FeedbackSort = (typeof feedbackSorts)[number];

/** The theme and "Hva ble gjort" the coordinator writes for the yearly revision report. */
export const feedbackThemeMax = 80;
export const feedbackActionNoteMax = 2000;
/** The theme filter's value for items not yet given a theme. */
export const feedbackNoTheme = "-";
