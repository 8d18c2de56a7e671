/**
 * The pure rules of the printed material (issue 8, ADR 0025): which documents there are and where
 * they live, the live guide's address, how guide text is shortened for paper, how a level's
 * number is found, and how a layout picks the roomiest variant that fits. No database, no
 * pdfkit: the page and the PDF writer import these at runtime.
 */

export const printedDocuments = ["poster", "staffLeaflet", "guardianLeaflet"] as const;
export type PrintedDocument = (typeof printedDocuments)[number];

export const PRINTED_PATH = "/organisering/trykksaker";

/** Where the staff guide and the guardians' pages live in Laget (app/routes.ts). */
export const STAFF_GUIDE_PATH = "/veileder";
export const GUARDIAN_PAGES_PATH = "/foresatte";

export interface PrintedDocumentSpec {
  /** The file name under PRINTED_PATH. */
  file: string;
  paper: "A3" | "A5";
  /** Always this many pages: the layout shortens the text rather than adding a page. */
  pages: number;
  /** The live pages the printed address and QR code point to. */
  livePath: string;
}

export const printedDocumentSpecs: Record<PrintedDocument, PrintedDocumentSpec> = {
  poster: { file: "plakat-a3.pdf", paper: "A3", pages: 1, livePath: STAFF_GUIDE_PATH },
  staffLeaflet: { file: "folder-ansatte.pdf", paper: "A5", pages: 4, livePath: STAFF_GUIDE_PATH },
  guardianLeaflet: {
    file: "folder-foresatte.pdf",
    paper: "A5",
    pages: 4,
    livePath: GUARDIAN_PAGES_PATH,
  },
};

/** Page sizes in PDF points (1/72 inch), portrait: ISO 216 A3 and A5. */
export const paperSizes: Record<PrintedDocumentSpec["paper"], { width: number; height: number }> = {
  A3: { width: 841.89, height: 1190.55 },
  A5: { width: 419.53, height: 595.28 },
};

export function printedHref(document: PrintedDocument): string {
  return `${PRINTED_PATH}/${printedDocumentSpecs[document].file}`;
}

/** The document a file name asks for, or null for anything else. */
export function printedDocumentFromFile(file: string): PrintedDocument | null {
  return printedDocuments.find((document) => printedDocumentSpecs[document].file === file) ?? null;
}

// --------------------------------------------------------------- the live address

/**
 * The address printed on paper: the configured public address (PUBLIC_URL) when there is one,
 * since that is the name the municipality publishes, otherwise the origin the request came to.
 */
export function liveAddress(input: {
  publicUrl: string | undefined;
  requestUrl: string;
  path: string;
}): string {
  const base = input.publicUrl?.trim() ? input.publicUrl.trim() : new URL(input.requestUrl).origin;
  return new URL(input.path, base).href;
}

/**
 * The address as people type it: without «https://» (browsers add it), without a trailing
 * slash. A plain http address keeps its scheme so nobody is sent to a port that is not there.
 */
export function displayAddress(url: string): string {
  return url.replace(/^https:\/\//i, "").replace(/\/+$/, "");
}

// --------------------------------------------------------------- text for paper

/** One line of plain text: Markdown emphasis, links and code marks removed, spaces collapsed. */
export function plainText(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/(\*\*|__)(.+?)\1/g, "$2")
    .replace(/(^|[\s(])[*_]([^*_\s][^*_]*?)[*_](?=[\s).,;:!?]|$)/g, "$1$2")
    .replace(/`([^`]*)`/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

/** Words before a full stop that do not end a sentence: «f.eks.», «bl.a.», «nr.», ordinals «14.». */
const abbreviation =
  /(^|\s)(f\.eks|bl\.a|dvs|osv|mv|m\.m|o\.l|jf|ca|nr|kl|tlf|pkt|e\.g|i\.e|etc|\d+)$/i;

/** The first sentence of a text (up to and including its . ! or ?), or the whole text. */
export function firstSentence(text: string): string {
  const clean = plainText(text);
  const pattern = /[.!?](?=\s+[A-ZÆØÅ0-9«"(]|$)/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(clean))) {
    const before = clean.slice(0, match.index);
    if (match[0] === "." && abbreviation.test(before)) continue;
    return clean.slice(0, match.index + 1);
  }
  return clean;
}

export const ELLIPSIS = "…";

/**
 * Text shortened for paper to at most `max` characters: the whole text when it fits, else its
 * first sentence when that fits and says enough, else cut at a word boundary with «…».
 */
export function shortenText(text: string, max: number): string {
  const clean = plainText(text);
  if (clean.length <= max) return clean;
  const sentence = firstSentence(clean);
  if (sentence.length <= max && sentence.length >= Math.min(40, max / 3)) return sentence;
  const room = Math.max(1, max - ELLIPSIS.length);
  let cut = clean.slice(0, room);
  const space = cut.lastIndexOf(" ");
  // A word boundary unless that throws away more than half the room (one very long word).
  if (clean[room] !== " " && space > room / 2) cut = cut.slice(0, space);
  cut = cut.replace(/[\s,;:.–—-]+$/u, "");
  return `${cut}${ELLIPSIS}`;
}

/** A short field (who, when) for paper, or null when empty or too long to print in passing. */
export function shortField(value: unknown, max: number): string | null {
  if (typeof value !== "string") return null;
  const clean = plainText(value);
  if (!clean || clean.length > max) return null;
  return clean;
}

// --------------------------------------------------------------- levels

/**
 * A level's number: written in its title («Nivå 2: …», «Level 2»), else the digits its slug ends
 * in («niva-2»), else its place in the order (0 for the first).
 */
export function levelNumber(page: { title: string; slug: string }, index: number): number {
  const fromTitle = /(?:niv[åa]|level)\s*(\d{1,2})\b/i.exec(page.title);
  if (fromTitle) return Number(fromTitle[1]);
  const fromSlug = /(?:^|-)(\d{1,2})$/.exec(page.slug);
  if (fromSlug) return Number(fromSlug[1]);
  return index;
}

/**
 * A level's heading on paper always says its number in words, so the level is never told by
 * colour alone: the title as it is when it names the number, else «Nivå N: title».
 */
export function levelHeading(title: string, number: number, label: string): string {
  const clean = plainText(title);
  if (new RegExp(`(^|\\D)${number}(\\D|$)`).test(clean)) return clean;
  return `${label}: ${clean}`;
}

// --------------------------------------------------------------- layout

/**
 * The first variant (from roomiest to most compact) whose measured height fits `available`,
 * or the last one, which the writer then draws clipped to the space it has.
 */
export function chooseVariant<T>(
  variants: readonly T[],
  measure: (variant: T) => number,
  available: number,
): { variant: T; index: number; fits: boolean } {
  if (variants.length === 0) throw new Error("chooseVariant needs at least one variant");
  for (let index = 0; index < variants.length; index += 1) {
    const variant = variants[index]!;
    if (measure(variant) <= available) return { variant, index, fits: true };
  }
  const index = variants.length - 1;
  return { variant: variants[index]!, index, fits: false };
}

/** Items split into columns read top to bottom, then left to right: the first column is the longest. */
export function splitColumns<T>(items: readonly T[], columns: number): T[][] {
  const count = Math.max(1, Math.floor(columns));
  const perColumn = Math.ceil(items.length / count);
  const result: T[][] = [];
  for (let column = 0; column < count; column += 1) {
    result.push(items.slice(column * perColumn, (column + 1) * perColumn));
  }
  return result;
}
