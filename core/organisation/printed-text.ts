import MarkdownIt from "markdown-it";

/**
 * What the leaflets take from a guide page's Markdown body besides its title and summary: the
 * first paragraph and its key points, a bullet list of short statements. Pure; no database.
 */

type Token = ReturnType<MarkdownIt["parse"]>[number];

const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

export interface KeyPoint {
  /** The bold words an item starts with («**Det er frivillig.** Du kan si nei.»), or null. */
  lead: string | null;
  /** The rest of the item (or all of it when it has no bold lead). */
  text: string;
}

export interface BodyExcerpt {
  firstParagraph: string | null;
  /** The top-level bullet lists, links-only lists («Les mer») left out. */
  lists: KeyPoint[][];
}

function inlineText(tokens: Token[] | null): string {
  let text = "";
  for (const token of tokens ?? []) {
    if (token.type === "softbreak" || token.type === "hardbreak") text += " ";
    else if (token.type === "text" || token.type === "code_inline") text += token.content;
    else if (token.type === "image") text += token.content;
  }
  return text.replace(/\s+/g, " ").trim();
}

/** A list item that runs on as part of a sentence («skrive et notat,») ends without its comma. */
function tidy(text: string): string {
  return text.replace(/\s*[,;]$/, "");
}

/** An item made of a link only (a «read more» list), which says nothing on paper. */
function isLinkItem(tokens: Token[] | null): boolean {
  const first = (tokens ?? []).find((token) => token.type !== "text" || token.content.trim());
  return first?.type === "link_open";
}

function keyPoint(tokens: Token[] | null): KeyPoint {
  const all = tokens ?? [];
  // markdown-it may open an item with an empty text token before the bold lead.
  const start = all.findIndex((token) => token.type !== "text" || token.content.trim() !== "");
  const children = start > 0 ? all.slice(start) : all;
  if (children[0]?.type === "strong_open") {
    const close = children.findIndex((token) => token.type === "strong_close");
    if (close > 0) {
      const lead = inlineText(children.slice(1, close));
      // «**Familietjenester**, for eksempel …»: the rest as its own sentence.
      const rest = tidy(inlineText(children.slice(close + 1)).replace(/^[,;:–—-]\s*/u, ""));
      if (lead) return { lead, text: rest.charAt(0).toUpperCase() + rest.slice(1) };
    }
  }
  return { lead: null, text: tidy(inlineText(children)) };
}

export function bodyExcerpt(body: string): BodyExcerpt {
  const tokens = markdown.parse(body, {});
  let firstParagraph: string | null = null;
  const lists: KeyPoint[][] = [];
  let depth = 0;
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index]!;
    if (depth === 0 && token.type === "paragraph_open" && firstParagraph === null) {
      const text = inlineText(tokens[index + 1]?.children ?? null);
      if (text) firstParagraph = text;
    }
    if (depth === 0 && token.type === "bullet_list_open") {
      const items: KeyPoint[] = [];
      let linkItems = 0;
      let level = 0;
      for (let j = index; j < tokens.length; j += 1) {
        const inner = tokens[j]!;
        level += inner.nesting;
        // The first inline of each top-level item (level 2: inside list and item, paragraph hidden).
        if (inner.type === "inline" && level === 3 && tokens[j - 1]?.type === "paragraph_open") {
          const before = tokens[j - 2];
          if (before?.type === "list_item_open") {
            if (isLinkItem(inner.children)) linkItems += 1;
            else items.push(keyPoint(inner.children));
          }
        }
        if (level === 0) break;
      }
      if (items.length > 0 && linkItems < items.length) lists.push(items);
    }
    if (token.type.endsWith("_open") || token.type.endsWith("_close")) {
      if (
        !["paragraph_open", "paragraph_close", "heading_open", "heading_close"].includes(token.type)
      )
        depth += token.nesting;
    }
  }
  return { firstParagraph, lists };
}

/**
 * The key points a leaflet prints for a page: a list of bold-lead statements when the page has
 * one (they are written to be skimmed), else its first list.
 */
export function keyPoints(excerpt: BodyExcerpt): KeyPoint[] {
  const withLeads = excerpt.lists.find((list) => list.every((item) => item.lead !== null));
  return withLeads ?? excerpt.lists[0] ?? [];
}
