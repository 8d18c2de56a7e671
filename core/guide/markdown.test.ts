import { describe, expect, it } from "vitest";
import { markdownLinks, renderMarkdown } from "./markdown.ts";

const payloads = [
  "<script>alert(1)</script>",
  '<img src=x onerror="alert(1)">',
  "[klikk](javascript:alert(1))",
  "[klikk](JaVaScRiPt:alert(1))",
  "[klikk](vbscript:msgbox(1))",
  "[klikk](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  '<svg onload="alert(1)"><circle /></svg>',
  '<a href="#" onclick="alert(1)">x</a>',
  "![x](javascript:alert(1))",
  '<iframe src="https://evil.example"></iframe>',
  "<style>body{display:none}</style>",
];

describe("renderMarkdown", () => {
  it.each(payloads)("leaves no executable markup from %s", (payload) => {
    const html = renderMarkdown(`Tekst før\n\n${payload}\n\nTekst etter`);
    // Only real tags count: an escaped payload (&lt;script&gt;) is harmless text.
    const tags = html.match(/<[a-z][^>]*>/gi) ?? [];
    const allowed = /^<(p|a|img|h[1-6]|ul|ol|li|em|strong|code|pre|blockquote|hr|br)[\s>]/i;
    for (const tag of tags) {
      expect(tag).toMatch(allowed);
      expect(tag).not.toMatch(/\son\w+\s*=/i);
      expect(tag).not.toMatch(/(href|src)="\s*(javascript|vbscript|data:text)/i);
    }
    expect(html).toContain("Tekst etter");
  });

  it("renders ordinary Markdown with safe links", () => {
    const html = renderMarkdown(
      "## Nivå 0\n\nSe [nivå 1](/veileder/niva-1) og [Bufdir](https://bufdir.no).",
    );
    expect(html).toContain("<h2>Nivå 0</h2>");
    expect(html).toContain('<a href="/veileder/niva-1">nivå 1</a>');
    expect(html).toContain('<a href="https://bufdir.no" rel="noopener noreferrer">Bufdir</a>');
  });

  it("finds links and images with their texts", () => {
    expect(markdownLinks("[a](/x) ![](bilde.png) ![Kart](kart.png)")).toEqual([
      { href: "/x", text: "a", image: false },
      { href: "bilde.png", text: "", image: true },
      { href: "kart.png", text: "Kart", image: true },
    ]);
  });
});
