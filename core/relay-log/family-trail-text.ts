import type { TrailEntry } from "./trail.ts";

/**
 * Plain words for one access-trail event (catalog family.rights.trail), shared by the family's
 * trail page and the export PDF. No server code: the page's component imports it. Unknown
 * views and events get a neutral text.
 */
export function familyTrailAction(
  t: (key: string, options?: Record<string, unknown>) => string,
  entry: Pick<TrailEntry, "eventType" | "view">,
): string {
  if (entry.eventType === "relaylog.viewed") {
    return t(`family.rights.trail.view.${entry.view ?? "other"}`, {
      defaultValue: t("family.rights.trail.view.other"),
    });
  }
  return t(`family.rights.trail.event.${entry.eventType.replace(/\./g, "_")}`, {
    defaultValue: t("family.rights.trail.event.other"),
  });
}
