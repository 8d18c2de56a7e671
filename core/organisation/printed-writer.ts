/**
 * The writer behind the printed material (printed-pdf.ts): a tagged pdfkit document of fixed
 * pages, and blocks (headings, paragraphs, lists, a QR code) that are measured before they are
 * drawn and never drawn below the bottom of their box. Text goes through `pdfSafeText`, each
 * block becomes a structure element (H1–H3, P, L/LI/Lbl/LBody, Figure), decoration is an artifact.
 */
import PDFDocument from "pdfkit";
import { pdfSafeText } from "../guide/pdf.ts";
import { paperSizes, splitColumns } from "./printed-rules.ts";
import { QR_QUIET_ZONE, qrMatrix, qrRuns } from "./qr.ts";

export type Doc = InstanceType<typeof PDFDocument>;
export type Struct = ReturnType<Doc["struct"]>;

export const FONT = "Helvetica";
export const BOLD = "Helvetica-Bold";
export const INK = "#1a1a1a";
export const WHITE = "#ffffff";

/** One colour pair per level: the column head (white text on it passes 4.5:1) and its tint. */
const levelColours = [
  { strong: "#1d5aa6", tint: "#e9f0f9" },
  { strong: "#1d6e45", tint: "#e6f3eb" },
  { strong: "#8f4700", tint: "#fbefe1" },
  { strong: "#82276a", tint: "#f7e9f3" },
];

export function colourOf(index: number) {
  return levelColours[index % levelColours.length]!;
}

// --------------------------------------------------------------- blocks

export interface Style {
  font: string;
  size: number;
  lineGap?: number;
  color?: string;
}

export interface ListItem {
  title: string;
  bold: boolean;
  details: string[];
  lang?: string;
}

export type Block =
  | {
      kind: "text";
      tag: "H1" | "H2" | "H3" | "P";
      text: string;
      style: Style;
      before?: number;
      after?: number;
      lang?: string;
    }
  | {
      kind: "list";
      ordered: boolean;
      items: ListItem[];
      columns: number;
      title: Style;
      detail: Style;
      itemGap: number;
      columnGap?: number;
      after?: number;
    }
  | { kind: "qr"; url: string; alt: string; size: number; after?: number };

/** A group is kept together: a heading with what it introduces. */
export type Group = Block[];

// --------------------------------------------------------------- the writer

export class PrintWriter {
  readonly doc: Doc;
  readonly width: number;
  readonly height: number;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;
  readonly root: Struct;
  private readonly docLang: string;

  constructor(options: {
    paper: "A3" | "A5";
    title: string;
    subject: string;
    lang: string;
    author: string;
  }) {
    const size = paperSizes[options.paper];
    this.width = size.width;
    this.height = size.height;
    this.docLang = options.lang;
    this.doc = new PDFDocument({
      size: [size.width, size.height],
      margin: 0,
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

  newPage() {
    this.doc.addPage({ size: [this.width, this.height], margin: 0 });
  }

  section(): Struct {
    const sect = this.doc.struct("Sect");
    this.root.add(sect);
    return sect;
  }

  /** Element options: a language only where the text's differs from the document's. */
  private langOf(lang: string | undefined) {
    return lang && lang !== this.docLang ? { lang } : {};
  }

  /** Decoration drawn outside the structure tree. */
  artifact(draw: (doc: Doc) => void, type: "Layout" | "Pagination" = "Layout") {
    this.doc.markContent("Artifact", { type });
    this.doc.save();
    draw(this.doc);
    this.doc.restore();
    this.doc.endMarkedContent();
  }

  textHeight(text: string, style: Style, width: number): number {
    if (!text) return 0;
    this.doc.font(style.font).fontSize(style.size);
    return this.doc.heightOfString(pdfSafeText(text), { width, lineGap: style.lineGap ?? 0 });
  }

  lineHeight(style: Style): number {
    this.doc.font(style.font).fontSize(style.size);
    return this.doc.currentLineHeight(true) + (style.lineGap ?? 0);
  }

  /** The largest size from `max` down to `min` at which the text fits on one line. */
  fitOneLine(text: string, font: string, max: number, min: number, width: number): number {
    for (let size = max; size > min; size -= 1) {
      this.doc.font(font).fontSize(size);
      if (this.doc.widthOfString(pdfSafeText(text)) <= width) return size;
    }
    return min;
  }

  private listGeometry(block: Extract<Block, { kind: "list" }>, width: number) {
    const columns = Math.max(1, Math.min(block.columns, block.items.length));
    const gap = block.columnGap ?? 18;
    const columnWidth = (width - gap * (columns - 1)) / columns;
    const labelWidth = block.title.size * (block.ordered ? 1.7 : 1.1);
    return { columns, gap, columnWidth, labelWidth, bodyWidth: columnWidth - labelWidth };
  }

  private itemHeight(block: Extract<Block, { kind: "list" }>, item: ListItem, bodyWidth: number) {
    const title = item.bold ? block.title : { ...block.title, font: FONT };
    let height = this.textHeight(item.title, title, bodyWidth);
    for (const detail of item.details) height += this.textHeight(detail, block.detail, bodyWidth);
    return height;
  }

  measure(block: Block, width: number): number {
    switch (block.kind) {
      case "text":
        return (
          (block.before ?? 0) + this.textHeight(block.text, block.style, width) + (block.after ?? 0)
        );
      case "list": {
        if (block.items.length === 0) return block.after ?? 0;
        const geometry = this.listGeometry(block, width);
        const heights = splitColumns(block.items, geometry.columns).map((column) =>
          column.reduce(
            (sum, item, index) =>
              sum +
              this.itemHeight(block, item, geometry.bodyWidth) +
              (index < column.length - 1 ? block.itemGap : 0),
            0,
          ),
        );
        return Math.max(...heights) + (block.after ?? 0);
      }
      case "qr":
        return block.size + (block.after ?? 0);
    }
  }

  measureAll(blocks: Block[], width: number): number {
    return blocks.reduce((sum, block) => sum + this.measure(block, width), 0);
  }

  /**
   * Draws blocks from `y` down, never below `bottom`: text that does not fit is cut with «…»
   * and the rest of the frame is left out. Returns the y after the last block drawn.
   */
  frame(parent: Struct, blocks: Block[], x: number, y: number, width: number, bottom: number) {
    let top = y;
    for (const block of blocks) {
      const drawn = this.draw(parent, block, x, top, width, bottom);
      top += drawn.height;
      if (!drawn.complete) break;
    }
    return top;
  }

  draw(
    parent: Struct,
    block: Block,
    x: number,
    y: number,
    width: number,
    bottom: number,
  ): { height: number; complete: boolean } {
    const doc = this.doc;
    switch (block.kind) {
      case "text": {
        const top = y + (block.before ?? 0);
        if (!block.text) return { height: 0, complete: true };
        if (top + this.lineHeight(block.style) > bottom + 0.01)
          return { height: 0, complete: false };
        const full = this.textHeight(block.text, block.style, width);
        const room = bottom - top;
        parent.add(
          doc.struct(block.tag, this.langOf(block.lang), () => {
            doc
              .font(block.style.font)
              .fontSize(block.style.size)
              .fillColor(block.style.color ?? INK)
              .text(pdfSafeText(block.text), x, top, {
                width,
                lineGap: block.style.lineGap ?? 0,
                height: room,
                ellipsis: true,
              });
          }),
        );
        const complete = full <= room + 0.01;
        return {
          height: (block.before ?? 0) + Math.min(full, room) + (complete ? (block.after ?? 0) : 0),
          complete,
        };
      }
      case "list":
        return this.drawList(parent, block, x, y, width, bottom);
      case "qr": {
        if (y + block.size > bottom + 0.01) return { height: 0, complete: false };
        this.qr(parent, block.url, block.alt, x, y, block.size);
        return { height: block.size + (block.after ?? 0), complete: true };
      }
    }
  }

  private drawList(
    parent: Struct,
    block: Extract<Block, { kind: "list" }>,
    x: number,
    y: number,
    width: number,
    bottom: number,
  ): { height: number; complete: boolean } {
    const doc = this.doc;
    if (block.items.length === 0) return { height: block.after ?? 0, complete: true };
    const geometry = this.listGeometry(block, width);
    const list = doc.struct("L");
    parent.add(list);
    let number = 0;
    let used = 0;
    let complete = true;
    splitColumns(block.items, geometry.columns).forEach((column, columnIndex) => {
      if (!complete) return;
      const columnX = x + columnIndex * (geometry.columnWidth + geometry.gap);
      let top = y;
      column.forEach((item, index) => {
        if (!complete) return;
        const height = this.itemHeight(block, item, geometry.bodyWidth);
        if (top + height > bottom + 0.01) {
          complete = false;
          return;
        }
        number += 1;
        const label = block.ordered ? `${number}.` : "\u2022";
        const li = doc.struct("LI");
        list.add(li);
        const itemTop = top;
        li.add(
          doc.struct("Lbl", {}, () => {
            doc.font(BOLD).fontSize(block.title.size).fillColor(INK).text(label, columnX, itemTop, {
              width: geometry.labelWidth,
              lineBreak: false,
            });
          }),
        );
        const body = doc.struct("LBody", this.langOf(item.lang));
        li.add(body);
        let bodyTop = itemTop;
        const bodyX = columnX + geometry.labelWidth;
        const title = item.bold ? block.title : { ...block.title, font: FONT };
        const lines: { text: string; style: Style }[] = [
          { text: item.title, style: title },
          ...item.details.map((text) => ({ text, style: block.detail })),
        ];
        for (const line of lines) {
          if (!line.text) continue;
          const lineTop = bodyTop;
          body.add(() => {
            doc
              .font(line.style.font)
              .fontSize(line.style.size)
              .fillColor(line.style.color ?? INK)
              .text(pdfSafeText(line.text), bodyX, lineTop, {
                width: geometry.bodyWidth,
                lineGap: line.style.lineGap ?? 0,
              });
          });
          bodyTop += this.textHeight(line.text, line.style, geometry.bodyWidth);
        }
        body.end();
        li.end();
        top += height + (index < column.length - 1 ? block.itemGap : 0);
      });
      used = Math.max(used, top - y);
    });
    list.end();
    return { height: used + (complete ? (block.after ?? 0) : 0), complete };
  }

  /** The QR code as vector squares inside a Figure with alt text; its quiet zone left white. */
  qr(parent: Struct, url: string, alt: string, x: number, y: number, size: number) {
    const doc = this.doc;
    const matrix = qrMatrix(url);
    const module = size / (matrix.size + QR_QUIET_ZONE * 2);
    parent.add(
      doc.struct("Figure", { alt: pdfSafeText(alt) }, () => {
        doc.save();
        doc.rect(x, y, size, size).fill(WHITE);
        for (const run of qrRuns(matrix)) {
          doc.rect(
            x + (QR_QUIET_ZONE + run.column) * module,
            y + (QR_QUIET_ZONE + run.row) * module,
            run.length * module,
            module,
          );
        }
        doc.fill("#000000");
        doc.restore();
      }),
    );
  }

  pageNumber(text: string, y: number) {
    this.artifact((doc) => {
      doc
        .font(FONT)
        .fontSize(8.5)
        .fillColor(INK)
        .text(pdfSafeText(text), 0, y, { width: this.width, align: "center", lineBreak: false });
    }, "Pagination");
  }

  finish(): Promise<Buffer> {
    this.root.end();
    this.doc.end();
    return this.done;
  }
}
