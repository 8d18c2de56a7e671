import MarkdownIt from "markdown-it";

/**
 * Markdown for the guide. Raw HTML is disabled (typed tags come out escaped) and markdown-it's
 * link check refuses javascript:, vbscript:, file: and data: URLs (except images), so what a
 * coordinator writes can never run script. Internal links are plain paths ("/veileder/niva-0").
 * Pure: runs on the server and in the browser (live preview).
 */
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

// External links open in the same tab (WCAG: no surprise new windows) but carry rel safety.
const defaultLinkOpen =
  markdown.renderer.rules.link_open ??
  ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));
markdown.renderer.rules.link_open = (tokens, index, options, env, self) => {
  const href = tokens[index]!.attrGet("href") ?? "";
  if (/^https?:\/\//i.test(href)) tokens[index]!.attrSet("rel", "noopener noreferrer");
  return defaultLinkOpen(tokens, index, options, env, self);
};

export function renderMarkdown(source: string): string {
  return markdown.render(source);
}

/** Plain text of a Markdown source (for summaries, PDFs and search snippets). */
export function markdownToText(source: string): string {
  return renderMarkdown(source)
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

/** Links in a Markdown source, with their text, for `laget content check`. */
export function markdownLinks(source: string): { href: string; text: string; image: boolean }[] {
  const links: { href: string; text: string; image: boolean }[] = [];
  const walk = (tokens: ReturnType<typeof markdown.parse>) => {
    for (let i = 0; i < tokens.length; i += 1) {
      const token = tokens[i]!;
      if (token.children) walk(token.children);
      if (token.type === "link_open") {
        const text = tokens[i + 1]?.type === "text" ? tokens[i + 1]!.content : "";
        links.push({ href: token.attrGet("href") ?? "", text, image: false });
      }
      if (token.type === "image") {
        links.push({ href: token.attrGet("src") ?? "", text: token.content, image: true });
      }
    }
  };
  walk(markdown.parse(source, {}));
  return links;
}
