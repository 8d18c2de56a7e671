/**
 * A report as an accessible, tagged PDF (pdfkit), rendered from the same blocks as the web page
 * (report-document.ts): document language nb, title in the metadata and shown in the title bar,
 * headings as H1–H4 structure with bookmarks, tables as Table/TR/TH/TD, lists as L/LI/Lbl/LBody,
 * page numbers as artifacts, and every word as text (no images). The coordinator's summary comes
 * first. Same conventions as core/guide/pdf.ts and core/relay-log/archive-pdf.ts.
 */
import MarkdownIt from "markdown-it";
import PDFDocument from "pdfkit";
import type { Database } from "../../db/client.ts";
import { htmlLang, translator } from "../../i18n/index.ts";
import type { Actor } from "../access/actor.ts";
import { pdfSafeText } from "../guide/pdf.ts";
import { reportBlocks, type ReportBlock } from "./report-document.ts";
import { getReport } from "./reports.ts";

type Doc = InstanceType<typeof PDFDocument>;
type Struct = ReturnType<Doc["struct"]>;
type Outline = Doc["outline"];
type Token = ReturnType<MarkdownIt["parse"]>[number];

const FONT = "Helvetica";
const FONT_BOLD = "Helvetica-Bold";
const BODY_SIZE = 10.5;
const TABLE_SIZE = 9;
const headingSizes: Record<number, number> = { 1: 20, 2: 15, 3: 12.5, 4: 11 };

// Same settings as the site (raw HTML off); used only to read the summary's structure.
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

class ReportWriter {
  readonly doc: Doc;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;
  readonly root: Struct;
  private section: Struct;
  private outline: Outline | undefined;

  constructor(options: { title: string; subject: string; lang: string; author: string }) {
    this.doc = new PDFDocument({
      size: "A4",
      margins: { top: 56, bottom: 64, left: 56, right: 56 },
      tagged: true,
      lang: options.lang,
      displayTitle: true,
      pdfVersion: "1.7",
      bufferPages: true,
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
    this.section = this.root;
  }

  private get left() {
    return this.doc.page.margins.left;
  }

  private get width() {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  private get bottom() {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  private room(height: number) {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  heading(level: number, text: string) {
    // Each H2 opens a section of its own (Sect), so the structure follows the report's parts.
    if (level === 2) {
      if (this.section !== this.root) this.section.end();
      this.section = this.doc.struct("Sect");
      this.root.add(this.section);
    }
    const size = headingSizes[level] ?? BODY_SIZE;
    this.room(size * 5);
    this.doc.moveDown(level <= 2 ? 0.8 : 0.4);
    const safe = pdfSafeText(text);
    this.section.add(
      this.doc.struct(`H${level}`, {}, () => {
        this.doc.font(FONT_BOLD).fontSize(size).text(safe, this.left, this.doc.y, {
          width: this.width,
        });
      }),
    );
    this.doc.moveDown(0.3);
    if (level === 1) this.outline = this.doc.outline.addItem(safe);
    else if (level === 2) (this.outline ?? this.doc.outline).addItem(safe);
  }

  paragraph(text: string, options: { bold?: boolean; x?: number; parent?: Struct } = {}) {
    if (!text.trim()) return;
    const x = options.x ?? this.left;
    this.room(BODY_SIZE * 2);
    (options.parent ?? this.section).add(
      this.doc.struct("P", {}, () => {
        this.doc
          .font(options.bold ? FONT_BOLD : FONT)
          .fontSize(BODY_SIZE)
          .text(pdfSafeText(text), x, this.doc.y, {
            width: this.width - (x - this.left),
            lineGap: 2,
          });
      }),
    );
    this.doc.moveDown(0.4);
  }

  list(items: string[], parent: Struct = this.section, depth = 0, ordered = false) {
    const list = this.doc.struct("L");
    parent.add(list);
    items.forEach((text, index) => {
      this.room(BODY_SIZE * 2);
      const item = this.doc.struct("LI");
      list.add(item);
      const labelX = this.left + depth * 16;
      const bodyX = labelX + 16;
      const y = this.doc.y;
      item.add(
        this.doc.struct("Lbl", {}, () => {
          this.doc
            .font(FONT)
            .fontSize(BODY_SIZE)
            .text(ordered ? `${index + 1}.` : "\u2022", labelX, y, { width: 14, lineBreak: false });
        }),
      );
      item.add(
        this.doc.struct("LBody", {}, () => {
          this.doc
            .font(FONT)
            .fontSize(BODY_SIZE)
            .text(pdfSafeText(text), bodyX, y, {
              width: this.width - (bodyX - this.left),
              lineGap: 2,
            });
        }),
      );
      item.end();
    });
    list.end();
    this.doc.x = this.left;
    this.doc.moveDown(0.4);
  }

  /**
   * A real table: a caption, a header row of TH and body rows of TD, each cell in its column.
   * A row that does not fit moves to the next page, where the header row is printed again.
   */
  table(caption: string, columns: string[], rows: string[][]) {
    const table = this.doc.struct("Table");
    this.section.add(table);
    this.room(BODY_SIZE * 5);
    table.add(
      this.doc.struct("Caption", {}, () => {
        this.doc
          .font(FONT_BOLD)
          .fontSize(TABLE_SIZE + 0.5)
          .text(pdfSafeText(caption), this.left, this.doc.y, { width: this.width });
      }),
    );
    this.doc.moveDown(0.2);
    const widths = this.columnWidths(columns, rows);
    const padding = 3;
    const rowHeight = (cells: string[], font: string) => {
      this.doc.font(font).fontSize(TABLE_SIZE);
      return (
        Math.max(
          ...cells.map((cell, index) =>
            this.doc.heightOfString(pdfSafeText(cell || " "), {
              width: widths[index]! - padding * 2,
            }),
          ),
        ) +
        padding * 2
      );
    };
    const drawRow = (cells: string[], header: boolean) => {
      const font = header ? FONT_BOLD : FONT;
      const height = rowHeight(cells, font);
      if (this.doc.y + height > this.bottom) {
        this.doc.addPage();
        if (!header) drawRow(columns, true);
      }
      const y = this.doc.y;
      const row = this.doc.struct("TR");
      table.add(row);
      let x = this.left;
      cells.forEach((cell, index) => {
        const width = widths[index]!;
        const cellX = x;
        row.add(
          this.doc.struct(header ? "TH" : "TD", {}, () => {
            this.doc
              .font(font)
              .fontSize(TABLE_SIZE)
              .text(pdfSafeText(cell || " "), cellX + padding, y + padding, {
                width: width - padding * 2,
              });
          }),
        );
        x += width;
      });
      row.end();
      // The rule under the row is decoration, not content.
      this.doc.markContent("Artifact", { type: "Layout" });
      this.doc
        .moveTo(this.left, y + height)
        .lineTo(this.left + this.width, y + height)
        .lineWidth(header ? 0.8 : 0.3)
        .strokeColor("#666666")
        .stroke();
      this.doc.endMarkedContent();
      this.doc.x = this.left;
      this.doc.y = y + height;
    };
    drawRow(columns, true);
    for (const cells of rows) drawRow(cells, false);
    table.end();
    this.doc.x = this.left;
    this.doc.moveDown(0.8);
  }

  /** Column widths by the longest text in each column, within limits, filling the page width. */
  private columnWidths(columns: string[], rows: string[][]): number[] {
    const weights = columns.map((column, index) => {
      const longest = Math.max(column.length, ...rows.map((row) => (row[index] ?? "").length));
      return Math.min(Math.max(longest, 6), 60);
    });
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    return weights.map((weight) => (weight / total) * this.width);
  }

  /** The coordinator's summary: its headings sit below H2, its lists and paragraphs as structure. */
  markdown(source: string) {
    const tokens = markdown.parse(source, {});
    let i = 0;
    while (i < tokens.length) {
      const token = tokens[i]!;
      const close = closingIndex(tokens, i);
      if (token.type === "heading_open") {
        const level = Math.min(4, 2 + Number(token.tag.slice(1)));
        this.heading(Math.max(3, level), inlineText(tokens[i + 1]!));
      } else if (token.type === "paragraph_open") {
        this.paragraph(inlineText(tokens[i + 1]!));
      } else if (token.type === "bullet_list_open" || token.type === "ordered_list_open") {
        const items: string[] = [];
        for (let j = i + 1; j < close; j += 1) {
          if (tokens[j]!.type === "inline") items.push(inlineText(tokens[j]!));
        }
        this.list(items, this.section, 0, token.type === "ordered_list_open");
      } else if (token.type === "blockquote_open" || token.type === "table_open") {
        for (let j = i + 1; j < close; j += 1) {
          if (tokens[j]!.type === "inline") this.paragraph(inlineText(tokens[j]!));
        }
      } else if (token.type === "fence" || token.type === "code_block") {
        this.paragraph(token.content);
      }
      i = close + 1;
    }
  }

  /** Page numbers and the title at the foot of every page, as artifacts. */
  private footers(label: string) {
    const range = this.doc.bufferedPageRange();
    for (let index = 0; index < range.count; index += 1) {
      this.doc.switchToPage(range.start + index);
      const bottom = this.doc.page.margins.bottom;
      this.doc.page.margins.bottom = 0;
      this.doc.markContent("Artifact", { type: "Pagination" });
      this.doc
        .font(FONT)
        .fontSize(8.5)
        .text(
          pdfSafeText(`${label} – ${index + 1}/${range.count}`),
          this.left,
          this.doc.page.height - 40,
          {
            width: this.width,
            align: "center",
            lineBreak: false,
          },
        );
      this.doc.endMarkedContent();
      this.doc.page.margins.bottom = bottom;
    }
  }

  finish(footerLabel: string): Promise<Buffer> {
    if (this.section !== this.root) this.section.end();
    this.root.end();
    this.footers(footerLabel);
    this.doc.end();
    return this.done;
  }
}

function inlineText(token: Token): string {
  return (token.children ?? [])
    .map((child) => {
      if (child.type === "softbreak" || child.type === "hardbreak") return " ";
      if (child.type === "link_open") return "";
      return child.content;
    })
    .join("");
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

/** Renders report blocks as a tagged PDF. */
export function renderReportPdf(input: {
  blocks: ReportBlock[];
  title: string;
  subject: string;
  municipality: string;
}): Promise<Buffer> {
  const writer = new ReportWriter({
    title: input.title,
    subject: input.subject,
    lang: htmlLang.nb,
    author: input.municipality,
  });
  for (const block of input.blocks) {
    switch (block.type) {
      case "heading":
        writer.heading(block.level, block.text);
        break;
      case "paragraph":
        writer.paragraph(block.text);
        break;
      case "markdown":
        writer.markdown(block.source);
        break;
      case "list":
        writer.list(block.items);
        break;
      case "table":
        writer.table(block.caption, block.columns, block.rows);
        break;
    }
  }
  return writer.finish(input.title);
}

/**
 * The PDF of one report, for whoever may read it (a draft only for the coordinator). The report
 * is written in bokmål (the document language nb), as it goes to the leadership and the council.
 */
export async function reportPdf(input: {
  database: Database;
  actor: Actor;
  reportId: string;
  municipality: string;
  today?: string;
}): Promise<{ pdf: Buffer; title: string }> {
  const report = await getReport(input);
  const t = translator("nb");
  const blocks = reportBlocks(report, report.content, t, "nb");
  const pdf = await renderReportPdf({
    blocks,
    title: report.title,
    subject: t(`evaluation.reports.kind.${report.kind}`),
    municipality: input.municipality,
  });
  return { pdf, title: report.title };
}
