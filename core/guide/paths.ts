/** Pure URL helpers for content pages: safe to import from UI components. */
import type { ContentKind } from "./kinds.ts";

/** Paths that name a content page; links starting with these are checked by `laget content check`. */
export const contentPathPrefixes = ["/veileder/", "/ung/", "/foresatte/"] as const;

/** Where a page lives on the site (content/README.md): `/veileder/<slug>`, `/ung/<slug>`, `/foresatte/<slug>`. */
export function pagePath(page: { kind: string; slug: string }): string {
  const kind = page.kind as ContentKind;
  if (kind === "youth") return `/ung/${page.slug}`;
  if (kind === "guardian") return `/foresatte/${page.slug}`;
  return `/veileder/${page.slug}`;
}

/** Slugs: lowercase letters (æøå too), digits and single hyphens, e.g. "niva-0-konkretiser". */
export const slugPattern = /^[a-z0-9æøå]+(?:-[a-z0-9æøå]+)*$/;

/** Languages content can be written in; folders in content/ are named after them. */
export const contentLanguages = ["nb", "nn", "en"] as const;
export type ContentLanguage = (typeof contentLanguages)[number];
