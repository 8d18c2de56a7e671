/**
 * The guide as a tagged, accessible PDF (pdfkit): the whole published guide, or one toolbox
 * document. Headings, paragraphs and lists are structure elements (H1–H6, P, L/LI/Lbl/LBody),
 * the document language and title are set, and bookmarks mirror the headings.
 */
import { sql } from "drizzle-orm";
import MarkdownIt from "markdown-it";
import PDFDocument from "pdfkit";
import type { Database } from "../../db/client.ts";
import { htmlLang, isLanguage, translator, type Language } from "../../i18n/index.ts";
import type { Actor } from "../access/actor.ts";
import { AppError } from "../errors.ts";
import type { StepFields, TermFields } from "./kinds.ts";
import { queryRows, visibleAudiences } from "./search.ts";

type Token = ReturnType<MarkdownIt["parse"]>[number];
type Doc = InstanceType<typeof PDFDocument>;
type Struct = ReturnType<Doc["struct"]>;
type Outline = Doc["outline"];

// Same settings as the site's renderer (raw HTML off), used here only to read the structure.
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

export interface GuidePage {
  id: string;
  parentId: string | null;
  slug: string;
  kind: string;
  audience: string;
  language: string;
  title: string;
  summary: string;
  body: string;
  fields: Record<string, unknown>;
}

/** Published pages the viewer may read, in the language asked for, bokmål where a page has no translation. */
export async function loadPublishedGuide(input: {
  database: Database;
  tenantId: string;
  viewer: Actor | null;
  language: string;
  kinds: string[];
  slug?: string;
}): Promise<GuidePage[]> {
  const audiences = sql.join(
    visibleAudiences(input.viewer).map((audience) => sql`${audience}`),
    sql`, `,
  );
  const kinds = sql.join(
    input.kinds.map((kind) => sql`${kind}`),
    sql`, `,
  );
  return input.database.tenant(input.tenantId, async (tx) => {
    return queryRows<GuidePage>(
      tx,
      sql`
      select p.id::text as id, p.parent_id::text as "parentId", p.slug, p.kind, p.audience, p.language,
        v.title, v.summary, v.body, v.fields
      from content_pages p
      join content_versions v on v.page_id = p.id and v.state = 'published'
      where p.tenant_id = ${input.tenantId} and not p.archived
        and p.kind in (${kinds}) and p.audience in (${audiences})
        ${input.slug ? sql`and p.slug = ${input.slug}` : sql``}
        and not exists (
          select 1 from content_versions newer
          where newer.page_id = v.page_id and newer.state = 'published' and newer.number > v.number)
        and (p.language = ${input.language} or (p.language = 'nb' and not exists (
          select 1 from content_pages translated
          join content_versions tv on tv.page_id = translated.id and tv.state = 'published'
          where translated.tenant_id = p.tenant_id and translated.translation_key = p.translation_key
            and translated.language = ${input.language} and not translated.archived
            and translated.audience in (${audiences}))))
      order by p.sort_order, v.title`,
    );
  });
}

// --------------------------------------------------------------- text

/**
 * The standard PDF fonts cover WinAnsi (all of Norwegian, æøå included). Anything else is mapped
 * to a close character so nothing prints as garbage: accents are dropped (Sámi č → c), dashes and
 * arrows become ASCII.
 */
const winAnsiExtra = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ".split(""));
const replacements: Record<string, string> = {
  "\u2011": "-",
  "\u2010": "-",
  "\u2212": "-",
  "\u2192": "->",
  "\u2190": "<-",
  "\u2264": "<=",
  "\u2265": ">=",
  "\u00a0": " ",
  "\u202f": " ",
  đ: "d",
  Đ: "D",
  ŋ: "n",
  Ŋ: "N",
  ŧ: "t",
  Ŧ: "T",
};

export function pdfSafeText(text: string): string {
  let out = "";
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if ((code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) || char === "\n") {
      out += char;
    } else if (winAnsiExtra.has(char)) out += char;
    else if (replacements[char] !== undefined) out += replacements[char];
    else {
      const base = char.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
      out += base && base.codePointAt(0)! < 0x100 ? base : "?";
    }
  }
  return out;
}

// --------------------------------------------------------------- layout

const FONT = "Helvetica";
const FONT_BOLD = "Helvetica-Bold";
const FONT_ITALIC = "Helvetica-Oblique";
const FONT_MONO = "Courier";
const headingSizes: Record<number, number> = { 1: 22, 2: 17, 3: 14, 4: 12.5, 5: 11.5, 6: 11 };
const BODY_SIZE = 11;

interface Run {
  text: string;
  bold: boolean;
  italic: boolean;
  mono: boolean;
}

/** Inline tokens as styled runs; external links keep their address in brackets, as on paper. */
function inlineRuns(tokens: Token[] | null): Run[] {
  const runs: Run[] = [];
  let bold = 0;
  let italic = 0;
  let href: string | null = null;
  const push = (text: string, mono = false) => {
    if (text) runs.push({ text, bold: bold > 0, italic: italic > 0, mono });
  };
  for (const token of tokens ?? []) {
    switch (token.type) {
      case "text":
        push(token.content);
        break;
      case "code_inline":
        push(token.content, true);
        break;
      case "softbreak":
        push(" ");
        break;
      case "hardbreak":
        push("\n");
        break;
      case "strong_open":
        bold += 1;
        break;
      case "strong_close":
        bold -= 1;
        break;
      case "em_open":
        italic += 1;
        break;
      case "em_close":
        italic -= 1;
        break;
      case "link_open":
        href = token.attrGet("href");
        break;
      case "link_close":
        if (href && /^(https?:|mailto:)/i.test(href)) push(` (${href.replace(/^mailto:/i, "")})`);
        href = null;
        break;
      case "image":
        push(token.content ? `[${token.content}]` : "");
        break;
      default:
        if (token.content) push(token.content);
    }
  }
  return runs;
}

class GuideWriter {
  readonly doc: Doc;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;
  private readonly root: Struct;

  constructor(options: { title: string; subject: string; lang: string; author: string }) {
    this.doc = new PDFDocument({
      size: "A4",
      margins: { top: 56, bottom: 56, left: 62, right: 62 },
      tagged: true,
      lang: options.lang,
      displayTitle: true,
      pdfVersion: "1.7",
      info: {
        Title: pdfSafeText(options.title),
        Subject: pdfSafeText(options.subject),
        Author: pdfSafeText(options.author),
        Creator: "Laget",
      },
    });
    this.doc.on("data", (chunk: Buffer) => this.chunks.push(chunk));
    this.done = new Promise((resolve, reject) => {
      this.doc.on("end", () => resolve(Buffer.concat(this.chunks)));
      this.doc.on("error", reject);
    });
    this.root = this.doc.struct("Document");
    this.doc.addStructure(this.root);
  }

  private get left() {
    return this.doc.page.margins.left;
  }

  private get width() {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  section(parent: Struct | null): Struct {
    const sect = this.doc.struct("Sect");
    (parent ?? this.root).add(sect);
    return sect;
  }

  heading(parent: Struct, level: number, text: string, outline?: Outline): Outline | undefined {
    const clamped = Math.max(1, Math.min(6, level));
    const size = headingSizes[clamped]!;
    // Keep a heading with the text under it: start a new page when it would sit at the bottom.
    if (this.doc.y + size * 4 > this.doc.page.height - this.doc.page.margins.bottom)
      this.doc.addPage();
    this.doc.moveDown(clamped <= 2 ? 0.8 : 0.5);
    const safe = pdfSafeText(text);
    parent.add(
      this.doc.struct(`H${clamped}`, {}, () => {
        this.doc.font(FONT_BOLD).fontSize(size).text(safe, this.left, this.doc.y, {
          width: this.width,
        });
      }),
    );
    this.doc.moveDown(0.3);
    return outline?.addItem(safe);
  }

  paragraph(
    parent: Struct,
    runs: Run[] | string,
    options: { x?: number; type?: "P" | "LBody" } = {},
  ) {
    const list =
      typeof runs === "string" ? [{ text: runs, bold: false, italic: false, mono: false }] : runs;
    if (list.every((run) => !run.text.trim())) return;
    const x = options.x ?? this.left;
    const width = this.width - (x - this.left);
    parent.add(
      this.doc.struct(options.type ?? "P", {}, () => {
        this.writeRuns(list, x, width);
      }),
    );
    this.doc.moveDown(0.5);
  }

  /**
   * Writes styled runs as one flowing text. `continuing` picks up where the previous text stopped
   * (a table cell after the one before it); `keepOpen` leaves the line open for the next cell.
   */
  private writeRuns(
    runs: Run[],
    x: number,
    width: number,
    options: { continuing?: boolean; keepOpen?: boolean } = {},
  ) {
    this.doc.fontSize(BODY_SIZE);
    runs.forEach((run, index) => {
      const font = run.mono ? FONT_MONO : run.bold ? FONT_BOLD : run.italic ? FONT_ITALIC : FONT;
      const continued = index < runs.length - 1 || Boolean(options.keepOpen);
      this.doc.font(font);
      if (index === 0 && !options.continuing) {
        this.doc.text(pdfSafeText(run.text), x, this.doc.y, { width, continued, lineGap: 2 });
      } else {
        this.doc.text(pdfSafeText(run.text), { width, continued, lineGap: 2 });
      }
    });
  }

  /** A list item: the label (bullet or number) and its body, hanging beside it. */
  listItem(list: Struct, label: string, depth: number, body: (item: Struct, x: number) => void) {
    const item = this.doc.struct("LI");
    list.add(item);
    const labelX = this.left + depth * 16;
    const bodyX = labelX + 18;
    if (this.doc.y + 30 > this.doc.page.height - this.doc.page.margins.bottom) this.doc.addPage();
    const y = this.doc.y;
    item.add(
      this.doc.struct("Lbl", {}, () => {
        this.doc
          .font(FONT)
          .fontSize(BODY_SIZE)
          .text(label, labelX, y, { width: 16, lineBreak: false });
      }),
    );
    this.doc.y = y;
    body(item, bodyX);
    item.end();
  }

  /** Renders a Markdown body; its headings start below `baseLevel`. */
  markdown(parent: Struct, source: string, baseLevel: number, outline?: Outline) {
    const tokens = markdown.parse(source, {});
    this.blocks(parent, tokens, 0, tokens.length, { baseLevel, depth: 0, outline });
  }

  private blocks(
    parent: Struct,
    tokens: Token[],
    start: number,
    end: number,
    context: {
      baseLevel: number;
      depth: number;
      outline?: Outline;
      x?: number;
      listBody?: boolean;
    },
  ) {
    let i = start;
    while (i < end) {
      const token = tokens[i]!;
      const close = closingIndex(tokens, i);
      switch (token.type) {
        case "heading_open": {
          const level = context.baseLevel + Number(token.tag.slice(1));
          const text = inlineRuns(tokens[i + 1]!.children)
            .map((run) => run.text)
            .join("");
          this.heading(
            parent,
            level,
            text,
            level <= context.baseLevel + 1 ? context.outline : undefined,
          );
          break;
        }
        case "paragraph_open":
          this.paragraph(parent, inlineRuns(tokens[i + 1]!.children), {
            x: context.x,
            type: context.listBody ? "LBody" : "P",
          });
          break;
        case "bullet_list_open":
        case "ordered_list_open": {
          const list = this.doc.struct("L");
          parent.add(list);
          let number = Number(token.attrGet("start") ?? 1);
          let j = i + 1;
          while (j < close) {
            const itemClose = closingIndex(tokens, j);
            const label = token.type === "ordered_list_open" ? `${number}.` : "\u2022";
            this.listItem(list, label, context.depth, (item, x) => {
              // A list item's paragraphs are its body; nested lists hang further in.
              const body = this.doc.struct("LBody");
              item.add(body);
              this.blocks(body, tokens, j + 1, itemClose, {
                ...context,
                depth: context.depth + 1,
                x,
                listBody: false,
              });
              body.end();
            });
            number += 1;
            j = itemClose + 1;
          }
          list.end();
          this.doc.x = this.left;
          break;
        }
        case "blockquote_open": {
          const quote = this.doc.struct("BlockQuote");
          parent.add(quote);
          this.blocks(quote, tokens, i + 1, close, {
            ...context,
            x: (context.x ?? this.left) + 14,
          });
          quote.end();
          break;
        }
        case "fence":
        case "code_block":
          this.paragraph(
            parent,
            [{ text: token.content.replace(/\n$/, ""), bold: false, italic: false, mono: true }],
            {
              x: context.x,
            },
          );
          break;
        case "table_open":
          this.table(parent, tokens, i, close, context.x);
          break;
        default:
          break;
      }
      i = close + 1;
    }
  }

  /** Tables print row by row, cells separated, inside Table/TR/TH/TD structure. */
  private table(parent: Struct, tokens: Token[], start: number, end: number, x?: number) {
    const table = this.doc.struct("Table");
    parent.add(table);
    let row: Struct | null = null;
    let cells: { runs: Run[]; header: boolean }[] = [];
    for (let i = start + 1; i < end; i += 1) {
      const token = tokens[i]!;
      if (token.type === "tr_open") cells = [];
      if (token.type === "th_open" || token.type === "td_open")
        cells.push({ runs: inlineRuns(tokens[i + 1]!.children), header: token.type === "th_open" });
      if (token.type === "tr_close") {
        row = this.doc.struct("TR");
        table.add(row);
        const currentRow = row;
        const left = x ?? this.left;
        const width = this.width - (left - this.left);
        cells.forEach((cell, index) => {
          const runs = cell.runs.map((run) => ({ ...run, bold: run.bold || cell.header }));
          const last = index === cells.length - 1;
          if (!last) runs.push({ text: " | ", bold: false, italic: false, mono: false });
          if (runs.length === 0) runs.push({ text: " ", bold: false, italic: false, mono: false });
          currentRow.add(
            this.doc.struct(cell.header ? "TH" : "TD", {}, () => {
              this.writeRuns(runs, left, width, { continuing: index > 0, keepOpen: !last });
            }),
          );
        });
        row.end();
        this.doc.moveDown(0.3);
      }
    }
    table.end();
  }

  /** Label: value lines (a step's responsible, deadline …) as a definition-like list. */
  facts(parent: Struct, facts: { label: string; value: string }[]) {
    if (facts.length === 0) return;
    const list = this.doc.struct("L");
    parent.add(list);
    for (const fact of facts) {
      const item = this.doc.struct("LI");
      list.add(item);
      item.add(
        this.doc.struct("Lbl", {}, () => {
          this.doc
            .font(FONT_BOLD)
            .fontSize(BODY_SIZE)
            .text(`${pdfSafeText(fact.label)}: `, this.left, this.doc.y, {
              continued: true,
              width: this.width,
            });
        }),
      );
      item.add(
        this.doc.struct("LBody", {}, () => {
          this.doc.font(FONT).text(pdfSafeText(fact.value), { width: this.width });
        }),
      );
      item.end();
    }
    list.end();
    this.doc.moveDown(0.5);
  }

  newPage() {
    this.doc.addPage();
  }

  finish(): Promise<Buffer> {
    this.root.end();
    this.doc.end();
    return this.done;
  }
}

function closingIndex(tokens: Token[], index: number): number {
  const token = tokens[index]!;
  if (token.nesting !== 1) return index;
  let depth = 0;
  for (let i = index; i < tokens.length; i += 1) {
    depth += tokens[i]!.nesting;
    if (depth === 0) return i;
  }
  return tokens.length - 1;
}

// --------------------------------------------------------------- documents

export interface PdfInput {
  database: Database;
  tenantId: string;
  viewer: Actor | null;
  language: Language;
  municipality: string;
  /** The day shown in the intro; defaults to today. */
  date?: Date;
}

function documentLanguage(pages: GuidePage[], asked: Language): Language {
  const found = pages.find((page) => page.language === asked);
  return found ? asked : "nb";
}

function formatDate(date: Date, language: Language) {
  return new Intl.DateTimeFormat(language === "en" ? "en-GB" : "nb-NO", {
    day: "numeric",
    month: "long",
    year: "numeric",
  }).format(date);
}

/** The whole published guide: the model, the levels with their steps, routines, tools and the glossary. */
export async function guidePdf(input: PdfInput): Promise<Buffer> {
  const pages = await loadPublishedGuide({
    database: input.database,
    tenantId: input.tenantId,
    viewer: input.viewer,
    language: input.language,
    kinds: ["model", "level", "step", "routine", "tool", "term"],
  });
  const language = documentLanguage(pages, input.language);
  const t = translator(language);
  const title = t("pdf.titleFor", { municipality: input.municipality });
  const writer = new GuideWriter({
    title,
    subject: t("pdf.subject"),
    lang: htmlLang[language],
    author: input.municipality,
  });
  const doc = writer.doc;
  const top = writer.section(null);
  const outlineTop = writer.heading(top, 1, title, doc.outline);
  writer.paragraph(top, t("pdf.intro", { date: formatDate(input.date ?? new Date(), language) }));
  top.end();

  const byKind = (kind: string) => pages.filter((page) => page.kind === kind);
  const childrenOf = (page: GuidePage) => pages.filter((child) => child.parentId === page.id);
  const groups: { kind: string; heading: string }[] = [
    { kind: "model", heading: t("pdf.model") },
    { kind: "level", heading: t("pdf.levels") },
    { kind: "routine", heading: t("pdf.routines") },
    { kind: "tool", heading: t("pdf.tools") },
    { kind: "term", heading: t("pdf.glossary") },
  ];
  const toolTitles = new Map(byKind("tool").map((tool) => [tool.slug, tool.title]));

  for (const group of groups) {
    const members = byKind(group.kind);
    if (members.length === 0) continue;
    writer.newPage();
    const sect = writer.section(null);
    const groupOutline = writer.heading(sect, 1, group.heading, outlineTop ?? doc.outline);
    members.forEach((page, index) => {
      // Each level starts on a new page, as in the printed web page.
      if (group.kind === "level" && index > 0) writer.newPage();
      const pageSect = writer.section(sect);
      if (group.kind === "term") {
        writePage(writer, pageSect, page, 2, groupOutline, t, toolTitles, false);
      } else {
        const pageOutline = writePage(writer, pageSect, page, 2, groupOutline, t, toolTitles);
        for (const step of childrenOf(page).filter((child) => child.kind === "step")) {
          const stepSect = writer.section(pageSect);
          writePage(writer, stepSect, step, 3, pageOutline, t, toolTitles);
          stepSect.end();
        }
      }
      pageSect.end();
    });
    sect.end();
  }
  return writer.finish();
}

function writePage(
  writer: GuideWriter,
  sect: Struct,
  page: GuidePage,
  level: number,
  outline: Outline | undefined,
  t: ReturnType<typeof translator>,
  toolTitles: Map<string, string>,
  withOutline = true,
): Outline | undefined {
  const item = writer.heading(sect, level, page.title, withOutline ? outline : undefined);
  if (page.summary)
    writer.paragraph(sect, [{ text: page.summary, bold: false, italic: true, mono: false }]);
  if (page.kind === "step") {
    const fields = page.fields as StepFields;
    const facts: { label: string; value: string }[] = [];
    if (fields.responsible) facts.push({ label: t("pdf.responsible"), value: fields.responsible });
    if (fields.deadline) facts.push({ label: t("pdf.deadline"), value: fields.deadline });
    if (fields.tools?.length)
      facts.push({
        label: t("pdf.toolsUsed"),
        value: fields.tools.map((slug) => toolTitles.get(slug) ?? slug).join(", "),
      });
    if (fields.legal?.length)
      facts.push({
        label: t("pdf.legal"),
        value: fields.legal.map((note) => t(`pdf.legalNote.${note}`)).join(", "),
      });
    writer.facts(sect, facts);
  }
  if (page.kind === "term") {
    const synonyms = (page.fields as TermFields).synonyms;
    if (synonyms?.length)
      writer.facts(sect, [{ label: t("pdf.synonyms"), value: synonyms.join(", ") }]);
  }
  writer.markdown(sect, page.body, level, item);
  return item;
}

/** One toolbox document (or another guide page) as its own PDF. */
export async function pagePdf(input: PdfInput & { slug: string }): Promise<Buffer> {
  const [page] = await loadPublishedGuide({
    database: input.database,
    tenantId: input.tenantId,
    viewer: input.viewer,
    language: input.language,
    kinds: ["tool", "routine", "model", "level", "step", "term", "article"],
    slug: input.slug,
  });
  if (!page) throw new AppError("not_found", "errors.notFound");
  const language: Language = isLanguage(page.language) ? page.language : "nb";
  const t = translator(language);
  const writer = new GuideWriter({
    title: `${page.title} – ${input.municipality}`,
    subject: t("pdf.subject"),
    lang: htmlLang[language],
    author: input.municipality,
  });
  const sect = writer.section(null);
  writePage(writer, sect, { ...page, title: page.title }, 1, writer.doc.outline, t, new Map());
  writer.paragraph(sect, [
    {
      text: `${input.municipality} – ${t("pdf.intro", { date: formatDate(input.date ?? new Date(), language) })}`,
      bold: false,
      italic: true,
      mono: false,
    },
  ]);
  sect.end();
  return writer.finish();
}

/** Whether a page with this slug exists at all (any audience): anonymous visitors are then sent to log in. */
export async function guidePageExists(input: {
  database: Database;
  tenantId: string;
  slug: string;
}): Promise<boolean> {
  return input.database.tenant(input.tenantId, async (tx) => {
    const rows = await queryRows<{ found: number }>(
      tx,
      sql`
      select 1 as found from content_pages p
      where p.tenant_id = ${input.tenantId} and p.slug = ${input.slug} and not p.archived
        and exists (select 1 from content_versions v where v.page_id = p.id and v.state = 'published')
      limit 1`,
    );
    return rows.length > 0;
  });
}
