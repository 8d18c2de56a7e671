/**
 * The printed material as tagged, accessible PDFs (pdfkit): the A3 poster of the BTI levels and
 * the two four-page A5 leaflets (ADR 0025). Everything is drawn at fixed places on a fixed number
 * of pages: each area tries its roomiest variant first (large type, longer summaries, who/when)
 * and steps down until the content fits, and the last variant is drawn clipped to its box, so
 * nothing ever spills onto an extra page or off the paper.
 *
 * Tagging follows core/guide/pdf.ts: a Document root with Sect, H1–H3, P and L/LI/Lbl/LBody in
 * reading order, the document language and title, text passed through `pdfSafeText`. Column
 * boxes, stripes, rules and page numbers are artifacts; the QR code is a Figure with alt text, and the
 * address it encodes is always printed as real text beside it.
 */
import { pdfSafeText, type GuidePage } from "../guide/pdf.ts";
import type { translator } from "../../i18n/index.ts";
import {
  chooseVariant,
  displayAddress,
  levelHeading,
  shortenText,
  shortField,
} from "./printed-rules.ts";
import { bodyExcerpt, keyPoints } from "./printed-text.ts";
import {
  BOLD,
  colourOf,
  FONT,
  INK,
  PrintWriter,
  WHITE,
  type Block,
  type Group,
  type ListItem,
  type Struct,
  type Style,
} from "./printed-writer.ts";

type T = ReturnType<typeof translator>;

// --------------------------------------------------------------- shared input

export interface PrintedPage extends GuidePage {
  sortOrder: number;
  translationKey: string;
  version: number;
  publishedAt: Date | null;
}

export interface PrintedLevel {
  number: number;
  page: PrintedPage;
  steps: PrintedPage[];
}

export interface PrintContext {
  t: T;
  /** The document language (BCP 47), `/Lang` of the catalog; content in another gets its own. */
  lang: string;
  municipality: string;
  /** The live address the QR code encodes. */
  address: string;
  /** The newest publish date of the pages used, already written out («3. mars 2026»), or null. */
  lastPublished: string | null;
  contact: { email: string | null; phone: string | null };
}

function madeFrom(context: PrintContext): string {
  return context.lastPublished
    ? context.t("organisation.printed.pdf.madeFrom", { date: context.lastPublished })
    : "";
}

function title(context: PrintContext, page: PrintedPage, number: number): string {
  return levelHeading(
    page.title,
    number,
    context.t("organisation.printed.pdf.levelLabel", { number }),
  );
}

// --------------------------------------------------------------- the A3 poster

interface PosterDensity {
  scale: number;
  summary: number;
  details: boolean;
}

const posterDensities: PosterDensity[] = [
  { scale: 1.2, summary: 170, details: true },
  { scale: 1.1, summary: 160, details: true },
  { scale: 1, summary: 150, details: true },
  { scale: 0.92, summary: 130, details: true },
  { scale: 0.85, summary: 110, details: true },
  { scale: 0.85, summary: 110, details: false },
  { scale: 0.76, summary: 90, details: false },
  { scale: 0.66, summary: 70, details: false },
];

/** Who and when are printed on the poster only when they are this short. */
const POSTER_FIELD_MAX = 80;

/** «Nivå 0: Uro og undring» → the label «Nivå 0» and the rest «Uro og undring». */
function splitLevelTitle(heading: string, label: string): { label: string; rest: string } {
  const match = /^((?:niv[åa]|level)\s*\d{1,2})\s*[:.,–—-]?\s*(.*)$/i.exec(heading);
  if (match) return { label: match[1]!, rest: match[2]! };
  return {
    label,
    rest: heading.startsWith(`${label}: `) ? heading.slice(label.length + 2) : heading,
  };
}

/**
 * The A3 poster: the municipality's name and «Bedre tverrfaglig innsats», then one column per
 * level (0–3) headed by its number written large, with its title, summary and steps, and at the
 * foot the live guide's address in text beside its QR code.
 */
export async function renderPoster(context: PrintContext, levels: PrintedLevel[]): Promise<Buffer> {
  const { t } = context;
  const programme = t("organisation.printed.pdf.programme");
  const writer = new PrintWriter({
    paper: "A3",
    title: t("organisation.printed.pdf.docTitle", {
      programme,
      municipality: context.municipality,
    }),
    subject: t("organisation.printed.pdf.posterSubject"),
    lang: context.lang,
    author: context.municipality,
  });
  const doc = writer.doc;
  const margin = 42;
  const contentWidth = writer.width - margin * 2;

  // Header.
  const header = writer.section();
  let y = writer.frame(
    header,
    [
      {
        kind: "text",
        tag: "P",
        text: context.municipality,
        style: { font: BOLD, size: 22 },
        after: 2,
      },
      { kind: "text", tag: "H1", text: programme, style: { font: BOLD, size: 48 }, after: 6 },
      {
        kind: "text",
        tag: "P",
        text: t("organisation.printed.pdf.posterSubtitle"),
        style: { font: FONT, size: 19 },
      },
    ],
    margin,
    margin,
    contentWidth,
    margin + 200,
  );
  header.end();
  y += 14;
  writer.artifact((d) => {
    d.moveTo(margin, y)
      .lineTo(margin + contentWidth, y)
      .lineWidth(2)
      .strokeColor(INK)
      .stroke();
  });
  const columnsTop = y + 16;

  // The footer's place first: the level columns take the height left between.
  const footerHeight = 176;
  const footerTop = writer.height - margin - footerHeight;
  const columnsBottom = footerTop - 16;
  const columnHeight = columnsBottom - columnsTop;
  const count = Math.max(1, levels.length);
  const gap = 12;
  const columnWidth = (contentWidth - gap * (count - 1)) / count;
  const pad = 10;
  const innerWidth = columnWidth - pad * 2;

  const labelOf = (level: PrintedLevel) =>
    splitLevelTitle(
      title(context, level.page, level.number),
      t("organisation.printed.pdf.levelLabel", { number: level.number }),
    );
  const labelStyle = (s: number): Style => ({ font: BOLD, size: 30 * s });
  const restStyle = (s: number): Style => ({ font: BOLD, size: 18 * s, lineGap: 1 });
  const bodyBlocks = (level: PrintedLevel, density: PosterDensity): Block[] => {
    const s = density.scale;
    const lang = level.page.language;
    const blocks: Block[] = [];
    const summary = shortenText(level.page.summary, density.summary);
    if (summary)
      blocks.push({
        kind: "text",
        tag: "P",
        text: summary,
        style: { font: FONT, size: 12.5 * s, lineGap: 1 },
        after: 10 * s,
        lang,
      });
    const who = t("organisation.printed.pdf.who");
    const when = t("organisation.printed.pdf.when");
    blocks.push({
      kind: "list",
      ordered: true,
      columns: 1,
      title: { font: BOLD, size: 13 * s, lineGap: 0.5 },
      detail: { font: FONT, size: 11 * s, lineGap: 0.5 },
      itemGap: 9 * s,
      items: level.steps.map((step) => {
        const fields = step.fields as { responsible?: unknown; deadline?: unknown };
        const details: string[] = [];
        if (density.details) {
          const responsible = shortField(fields.responsible, POSTER_FIELD_MAX);
          const deadline = shortField(fields.deadline, POSTER_FIELD_MAX);
          if (responsible) details.push(`${who}: ${responsible}`);
          if (deadline) details.push(`${when}: ${deadline}`);
        }
        return { title: shortenText(step.title, 90), bold: true, details, lang: step.language };
      }),
    });
    return blocks;
  };
  const boxHeight = (s: number) => writer.lineHeight(labelStyle(s)) + 16;
  const naturalHeight = (level: PrintedLevel, density: PosterDensity) =>
    boxHeight(density.scale) +
    pad +
    writer.textHeight(labelOf(level).rest, restStyle(density.scale), innerWidth) +
    8 * density.scale +
    writer.measureAll(bodyBlocks(level, density), innerWidth) +
    pad;
  const chosen = chooseVariant(
    posterDensities,
    (density) => Math.max(0, ...levels.map((level) => naturalHeight(level, density))),
    columnHeight,
  );
  const density = chosen.variant;
  const s = density.scale;

  levels.forEach((level, index) => {
    const x = margin + index * (columnWidth + gap);
    const colour = colourOf(index);
    const box = boxHeight(s);
    writer.artifact((d) => {
      d.roundedRect(x, columnsTop, columnWidth, columnHeight, 8).fill(colour.tint);
      d.roundedRect(x, columnsTop, columnWidth, columnHeight, 8)
        .lineWidth(1.5)
        .strokeColor(colour.strong)
        .stroke();
      d.roundedRect(x, columnsTop, columnWidth, box, 8).fill(colour.strong);
    });
    const { label, rest } = labelOf(level);
    const sect = writer.section();
    const restTop = columnsTop + box + pad;
    const bottom = columnsTop + columnHeight - pad;
    const lang = level.page.language !== context.lang ? { lang: level.page.language } : {};
    // The heading is the number written large in the coloured head and the title under it.
    sect.add(
      doc.struct("H2", lang, [
        () => {
          doc
            .font(BOLD)
            .fontSize(labelStyle(s).size)
            .fillColor(WHITE)
            .text(pdfSafeText(label), x + pad, columnsTop + 9, {
              width: innerWidth,
              lineBreak: false,
            });
        },
        () => {
          doc
            .font(BOLD)
            .fontSize(restStyle(s).size)
            .fillColor(INK)
            .text(pdfSafeText(rest), x + pad, restTop, {
              width: innerWidth,
              lineGap: 1,
              height: Math.max(0, bottom - restTop),
              ellipsis: true,
            });
        },
      ]),
    );
    const bodyTop = restTop + writer.textHeight(rest, restStyle(s), innerWidth) + 8 * density.scale;
    writer.frame(sect, bodyBlocks(level, density), x + pad, bodyTop, innerWidth, bottom);
    sect.end();
  });

  // Footer: the address in words, the QR code beside it.
  writer.artifact((d) => {
    d.moveTo(margin, footerTop)
      .lineTo(margin + contentWidth, footerTop)
      .lineWidth(2)
      .strokeColor(INK)
      .stroke();
  });
  const qrSize = 150;
  const qrX = margin + contentWidth - qrSize;
  const qrY = footerTop + (footerHeight - qrSize) / 2 + 4;
  const footerTextWidth = contentWidth - qrSize - 30;
  const shown = displayAddress(context.address);
  const addressSize = writer.fitOneLine(shown, BOLD, 32, 14, footerTextWidth);
  const footer = writer.section();
  const footerBottom = writer.height - margin;
  const footerY = writer.frame(
    footer,
    [
      {
        kind: "text",
        tag: "H2",
        text: t("organisation.printed.pdf.readMoreStaff"),
        style: { font: BOLD, size: 24 },
        before: 16,
        after: 6,
      },
      {
        kind: "text",
        tag: "P",
        text: shown,
        style: { font: BOLD, size: addressSize },
        after: 10,
      },
    ],
    margin,
    footerTop,
    footerTextWidth,
    footerBottom,
  );
  writer.qr(
    footer,
    context.address,
    t("organisation.printed.pdf.qrAlt", { address: shown }),
    qrX,
    qrY,
    qrSize,
  );
  writer.frame(
    footer,
    [
      {
        kind: "text",
        tag: "P",
        text: t("organisation.printed.pdf.scan"),
        style: { font: FONT, size: 15, lineGap: 1 },
        after: 10,
      },
      { kind: "text", tag: "P", text: madeFrom(context), style: { font: FONT, size: 11 } },
    ],
    margin,
    footerY,
    footerTextWidth,
    footerBottom,
  );
  footer.end();
  return writer.finish();
}

// --------------------------------------------------------------- the A5 leaflets

interface LeafletDensity {
  scale: number;
  summary: number;
  details: boolean;
  points: number;
  pointText: number;
}

/** Roomiest first: the details go before the type gets small, the type shrinks last. */
const leafletDensities: LeafletDensity[] = [
  { scale: 1.25, summary: 320, details: true, points: 5, pointText: 140 },
  { scale: 1.15, summary: 300, details: true, points: 5, pointText: 130 },
  { scale: 1.07, summary: 260, details: true, points: 5, pointText: 110 },
  { scale: 1, summary: 220, details: true, points: 4, pointText: 100 },
  { scale: 1, summary: 180, details: true, points: 4, pointText: 80 },
  { scale: 0.94, summary: 160, details: true, points: 4, pointText: 70 },
  { scale: 0.88, summary: 140, details: true, points: 3, pointText: 60 },
  { scale: 1, summary: 140, details: false, points: 3, pointText: 60 },
  { scale: 0.94, summary: 120, details: false, points: 3, pointText: 50 },
  { scale: 0.88, summary: 120, details: false, points: 3, pointText: 50 },
  { scale: 0.82, summary: 100, details: false, points: 2, pointText: 45 },
  { scale: 0.76, summary: 80, details: false, points: 0, pointText: 0 },
];

const A5_MARGIN = 30;

interface LeafletFrame {
  top: number;
  bottom: number;
}

const styles = (s: number) => ({
  h1: { font: BOLD, size: 25 * s, lineGap: 1 },
  h2: { font: BOLD, size: 14.5 * s },
  h3: { font: BOLD, size: 12 * s },
  body: { font: FONT, size: 10.5 * s, lineGap: 1.2 },
  bodyBold: { font: BOLD, size: 10.5 * s, lineGap: 1.2 },
  item: { font: BOLD, size: 10.5 * s },
  detail: { font: FONT, size: 9.5 * s, lineGap: 0.6 },
  small: { font: FONT, size: 8.5 * s },
});

/**
 * Places groups (each kept whole) into the frames in order; null when they do not all fit.
 * The last density is drawn anyway, clipped to the last frame.
 */
function flow(
  writer: PrintWriter,
  groups: Group[],
  frames: LeafletFrame[],
  width: number,
): number[] | null {
  const placement: number[] = [];
  let frame = 0;
  let used = 0;
  for (const group of groups) {
    const height = writer.measureAll(group, width);
    while (frame < frames.length && used + height > frames[frame]!.bottom - frames[frame]!.top) {
      frame += 1;
      used = 0;
    }
    if (frame >= frames.length) return null;
    placement.push(frame);
    used += height;
  }
  return placement;
}

/** Puts pages 2 and 3 of a leaflet: the densest variant that fits, drawn in reading order. */
function insidePages(
  writer: PrintWriter,
  context: PrintContext,
  groupsFor: (density: LeafletDensity) => Group[],
) {
  const width = writer.width - A5_MARGIN * 2;
  const frames: LeafletFrame[] = [
    { top: A5_MARGIN, bottom: writer.height - 44 },
    { top: A5_MARGIN, bottom: writer.height - 44 },
  ];
  // Which page each group goes on: the roomiest density at which they all fit.
  let placement: number[] | null = null;
  let placedAt = leafletDensities.length - 1;
  for (let index = 0; index < leafletDensities.length && !placement; index += 1) {
    placement = flow(writer, groupsFor(leafletDensities[index]!), frames, width);
    if (placement) placedAt = index;
  }
  if (!placement) {
    // Nothing fits: the most compact variant, split evenly, each page clipped to its box.
    const count = groupsFor(leafletDensities[placedAt]!).length;
    placement = Array.from({ length: count }, (_, index) => (index < Math.ceil(count / 2) ? 0 : 1));
  }
  const placed = placement;
  for (let page = 0; page < frames.length; page += 1) {
    const frame = frames[page]!;
    // A page whose groups have room is set larger than the placement needed, on its own.
    const onPage = (density: LeafletDensity) =>
      groupsFor(density).filter((_, index) => placed[index] === page);
    const chosen = chooseVariant(
      leafletDensities.slice(0, placedAt + 1),
      (density) => onPage(density).reduce((sum, group) => sum + writer.measureAll(group, width), 0),
      frame.bottom - frame.top,
    );
    leafletPage(writer, context, page + 2);
    const sect = writer.section();
    let y = frame.top;
    for (const group of onPage(chosen.variant)) {
      y = writer.frame(sect, group, A5_MARGIN, y, width, frame.bottom);
    }
    sect.end();
  }
}

/** A page with the densest variant of its blocks that fits between `top` and `bottom`. */
function fittedPage(
  writer: PrintWriter,
  sect: Struct,
  blocksFor: (density: LeafletDensity) => Block[],
  top: number,
  bottom: number,
) {
  const width = writer.width - A5_MARGIN * 2;
  const chosen = chooseVariant(
    leafletDensities,
    (density) => writer.measureAll(blocksFor(density), width),
    bottom - top,
  );
  return writer.frame(sect, blocksFor(chosen.variant), A5_MARGIN, top, width, bottom);
}

/** Every leaflet has exactly four pages: cover, inside left, inside right, back. */
const LEAFLET_PAGES = 4;

/** A new leaflet page with its number at the foot (the cover has none). */
function leafletPage(writer: PrintWriter, context: PrintContext, number: number) {
  writer.newPage();
  writer.pageNumber(
    context.t("organisation.printed.pdf.pageNumber", { number, count: LEAFLET_PAGES }),
    writer.height - 26,
  );
}

function contactBlocks(
  context: PrintContext,
  fallbackKey: string,
  s: ReturnType<typeof styles>,
): Block[] {
  const { t } = context;
  const blocks: Block[] = [
    {
      kind: "text",
      tag: "H2",
      text: t("organisation.printed.pdf.contactHeading"),
      style: s.h2,
      after: 4,
    },
  ];
  const lines: string[] = [];
  if (context.contact.phone)
    lines.push(t("organisation.printed.pdf.phone", { phone: context.contact.phone }));
  if (context.contact.email)
    lines.push(t("organisation.printed.pdf.email", { email: context.contact.email }));
  if (lines.length > 0) {
    blocks.push({
      kind: "text",
      tag: "P",
      text: t("organisation.printed.pdf.contactIntro", { municipality: context.municipality }),
      style: s.bodyBold,
      after: 2,
    });
    for (const line of lines) blocks.push({ kind: "text", tag: "P", text: line, style: s.body });
  }
  blocks.push({
    kind: "text",
    tag: "P",
    text: t(fallbackKey),
    style: s.body,
    before: lines.length > 0 ? 4 : 0,
    after: 12,
  });
  return blocks;
}

function readMoreBlocks(
  writer: PrintWriter,
  context: PrintContext,
  headingKey: string,
  s: ReturnType<typeof styles>,
): Block[] {
  const { t } = context;
  const width = writer.width - A5_MARGIN * 2;
  const shown = displayAddress(context.address);
  return [
    { kind: "text", tag: "H2", text: t(headingKey), style: s.h2, after: 4 },
    {
      kind: "text",
      tag: "P",
      text: shown,
      style: {
        font: BOLD,
        size: writer.fitOneLine(shown, BOLD, 15 * (s.h2.size / 14.5), 8, width),
      },
      after: 8,
    },
    {
      kind: "qr",
      url: context.address,
      alt: t("organisation.printed.pdf.qrAlt", { address: shown }),
      size: Math.round(118 * (s.h2.size / 14.5)),
      after: 8,
    },
    { kind: "text", tag: "P", text: t("organisation.printed.pdf.scan"), style: s.body, after: 12 },
  ];
}

/** A page's key points as list items: a bold lead with the rest under it, or plain statements. */
function pointItems(page: PrintedPage, density: LeafletDensity, max = density.points): ListItem[] {
  return keyPoints(bodyExcerpt(page.body))
    .slice(0, max)
    .map((point) =>
      point.lead
        ? {
            title: point.lead,
            bold: true,
            details:
              point.text && density.pointText > 0
                ? [shortenText(point.text, density.pointText)]
                : [],
            lang: page.language,
          }
        : {
            title: shortenText(point.text, Math.max(density.pointText, 60)),
            bold: false,
            details: [],
            lang: page.language,
          },
    );
}

/** The level stripe on the staff leaflet's cover: the four numbers in their colours (decoration). */
function levelStripe(writer: PrintWriter, numbers: number[], y: number) {
  const width = writer.width - A5_MARGIN * 2;
  const count = Math.max(1, numbers.length);
  const gap = 6;
  const box = (width - gap * (count - 1)) / count;
  writer.artifact((d) => {
    numbers.forEach((number, index) => {
      const x = A5_MARGIN + index * (box + gap);
      d.roundedRect(x, y, box, 34, 5).fill(colourOf(index).strong);
      d.font(BOLD)
        .fontSize(20)
        .fillColor(WHITE)
        .text(String(number), x, y + 8, { width: box, align: "center", lineBreak: false });
    });
  });
}

export interface StaffLeafletInput {
  levels: PrintedLevel[];
  /** The model pages: the root (the BTS model) first, then its parts. */
  models: PrintedPage[];
  /** «Hva er BTI?» when the guide has it. */
  btiIntro: PrintedPage | null;
}

/**
 * The staff leaflet, four A5 pages in reading order: cover (what BTI is), inside left and right
 * (the BTS model, the levels in short, from worry to action), back (contact, address, QR).
 */
export async function renderStaffLeaflet(
  context: PrintContext,
  input: StaffLeafletInput,
): Promise<Buffer> {
  const { t } = context;
  const programme = t("organisation.printed.pdf.programme");
  const writer = new PrintWriter({
    paper: "A5",
    title: t("organisation.printed.pdf.staffTitle", {
      programme,
      municipality: context.municipality,
    }),
    subject: t("organisation.printed.pdf.staffSubject"),
    lang: context.lang,
    author: context.municipality,
  });
  const bottom = writer.height - 44;

  // 1. Cover.
  levelStripe(
    writer,
    input.levels.map((level) => level.number),
    A5_MARGIN,
  );
  const cover = writer.section();
  fittedPage(
    writer,
    cover,
    (density) => {
      const s = styles(density.scale);
      const bti = input.btiIntro;
      const text = bti
        ? shortenText(
            bti.summary || bodyExcerpt(bti.body).firstParagraph || "",
            density.summary + 80,
          )
        : t("organisation.printed.pdf.btiFallback");
      return [
        {
          kind: "text",
          tag: "P",
          text: context.municipality,
          style: { ...s.bodyBold, size: 13 * density.scale },
          before: 16,
          after: 4,
        },
        { kind: "text", tag: "H1", text: programme, style: s.h1, after: 6 },
        {
          kind: "text",
          tag: "P",
          text: t("organisation.printed.pdf.staffSubtitle"),
          style: { ...s.body, size: 12.5 * density.scale },
          after: 22,
        },
        {
          kind: "text",
          tag: "H2",
          text: bti ? bti.title : t("organisation.printed.pdf.whatIsBti"),
          style: s.h2,
          after: 4,
          lang: bti?.language,
        },
        { kind: "text", tag: "P", text, style: s.body, after: 6, lang: bti?.language },
        {
          kind: "list",
          ordered: false,
          columns: 1,
          title: s.body,
          detail: s.detail,
          itemGap: 3,
          items: bti ? pointItems(bti, density, Math.min(density.points, 4)) : [],
        },
      ];
    },
    A5_MARGIN + 34,
    bottom,
  );
  cover.end();

  // 2–3. Inside: the model, the levels, from worry to action.
  const [rootModel, ...modelParts] = input.models;
  const firstWithSteps = input.levels.find((level) => level.steps.length > 0) ?? null;
  insidePages(writer, context, (density) => {
    const s = styles(density.scale);
    const groups: Group[] = [];
    if (rootModel) {
      const group: Block[] = [
        {
          kind: "text",
          tag: "H2",
          text: t("organisation.printed.pdf.whatIsBts"),
          style: s.h2,
          after: 4,
        },
      ];
      const summary = shortenText(rootModel.summary, density.summary);
      if (summary)
        group.push({
          kind: "text",
          tag: "P",
          text: summary,
          style: s.body,
          after: 6,
          lang: rootModel.language,
        });
      group.push({
        kind: "list",
        ordered: false,
        columns: 1,
        title: s.item,
        detail: s.detail,
        itemGap: 4,
        after: 12,
        items: modelParts.map((page) => ({
          title: page.title,
          bold: true,
          details:
            density.details && page.summary ? [shortenText(page.summary, density.pointText)] : [],
          lang: page.language,
        })),
      });
      groups.push(group);
    }
    groups.push([
      {
        kind: "text",
        tag: "H2",
        text: t("organisation.printed.pdf.levelsHeading"),
        style: s.h2,
        after: 4,
      },
      {
        kind: "list",
        ordered: false,
        columns: 1,
        title: s.item,
        detail: s.detail,
        itemGap: 4,
        after: 12,
        items: input.levels.map((level) => ({
          title: title(context, level.page, level.number),
          bold: true,
          details: level.page.summary
            ? [shortenText(level.page.summary, Math.max(density.pointText, 60))]
            : [],
          lang: level.page.language,
        })),
      },
    ]);
    if (firstWithSteps) {
      const who = t("organisation.printed.pdf.who");
      const when = t("organisation.printed.pdf.when");
      const group: Block[] = [
        {
          kind: "text",
          tag: "H2",
          text: t("organisation.printed.pdf.worryToAction"),
          style: s.h2,
          after: 4,
        },
      ];
      const summary = shortenText(firstWithSteps.page.summary, density.summary);
      if (summary)
        group.push({
          kind: "text",
          tag: "P",
          text: summary,
          style: s.body,
          after: 6,
          lang: firstWithSteps.page.language,
        });
      group.push({
        kind: "list",
        ordered: true,
        columns: 1,
        title: s.item,
        detail: s.detail,
        itemGap: 5,
        after: 12,
        items: firstWithSteps.steps.map((step) => {
          const fields = step.fields as { responsible?: unknown; deadline?: unknown };
          const details: string[] = [];
          if (density.details && step.summary)
            details.push(shortenText(step.summary, density.pointText));
          const responsible = shortField(fields.responsible, density.details ? 90 : 50);
          const deadline = shortField(fields.deadline, density.details ? 90 : 50);
          if (responsible && density.details) details.push(`${who}: ${responsible}`);
          if (deadline) details.push(`${when}: ${deadline}`);
          return { title: step.title, bold: true, details, lang: step.language };
        }),
      });
      groups.push(group);
    }
    groups.push([
      {
        kind: "text",
        tag: "H3",
        text: t("organisation.printed.pdf.urgentHeading"),
        style: s.h3,
        after: 3,
      },
      { kind: "text", tag: "P", text: t("organisation.printed.pdf.urgent"), style: s.body },
    ]);
    return groups;
  });

  // 4. Back: whom to contact, the address and QR code.
  leafletPage(writer, context, 4);
  const back = writer.section();
  fittedPage(
    writer,
    back,
    (density) => {
      const s = styles(density.scale);
      return [
        ...contactBlocks(context, "organisation.printed.pdf.contactStaffFallback", s),
        ...readMoreBlocks(writer, context, "organisation.printed.pdf.readMoreStaff", s),
        { kind: "text", tag: "P", text: madeFrom(context), style: s.small },
      ];
    },
    A5_MARGIN,
    bottom,
  );
  back.end();
  return writer.finish();
}

/**
 * The guardians' leaflet in plain language, four A5 pages in reading order: cover (what this is
 * about), inside (the guardian pages: what the municipality does, the relay log, consent and
 * rights, when you are worried yourself), back (where to read more with QR, contact, 112).
 */
export async function renderGuardianLeaflet(
  context: PrintContext,
  pages: PrintedPage[],
): Promise<Buffer> {
  const { t } = context;
  const heading = t("organisation.printed.pdf.guardianHeading");
  const writer = new PrintWriter({
    paper: "A5",
    title: t("organisation.printed.pdf.guardianTitle", {
      heading,
      municipality: context.municipality,
    }),
    subject: t("organisation.printed.pdf.guardianSubject"),
    lang: context.lang,
    author: context.municipality,
  });
  const bottom = writer.height - 44;
  const [root, ...children] = pages;

  // 1. Cover.
  writer.artifact((d) => {
    d.roundedRect(A5_MARGIN, A5_MARGIN, writer.width - A5_MARGIN * 2, 12, 4).fill(
      colourOf(0).strong,
    );
  });
  const cover = writer.section();
  fittedPage(
    writer,
    cover,
    (density) => {
      const s = styles(density.scale);
      const blocks: Block[] = [
        {
          kind: "text",
          tag: "P",
          text: context.municipality,
          style: { ...s.bodyBold, size: 13 * density.scale },
          before: 10,
          after: 4,
        },
        { kind: "text", tag: "H1", text: heading, style: s.h1, after: 6 },
        {
          kind: "text",
          tag: "P",
          text: t("organisation.printed.pdf.guardianSubtitle"),
          style: { ...s.body, size: 12.5 * density.scale },
          after: 22,
        },
      ];
      if (root) {
        const summary = shortenText(root.summary, density.summary + 80);
        if (summary)
          blocks.push({
            kind: "text",
            tag: "P",
            text: summary,
            style: { ...s.body, size: 12 * density.scale },
            after: 10,
            lang: root.language,
          });
        blocks.push({
          kind: "list",
          ordered: false,
          columns: 1,
          title: s.item,
          detail: s.detail,
          itemGap: 5,
          items: pointItems(root, density),
        });
      }
      return blocks;
    },
    A5_MARGIN + 12,
    bottom,
  );
  cover.end();

  // 2–3. Inside: each guardian page under the start page, in short, with its key points.
  insidePages(writer, context, (density) => {
    const s = styles(density.scale);
    const groups: Group[] = [];
    if (root && children.length === 0) {
      // Only a start page: its first paragraph inside, as the cover has its key points.
      const paragraph = bodyExcerpt(root.body).firstParagraph;
      if (paragraph)
        groups.push([
          { kind: "text", tag: "H2", text: root.title, style: s.h2, after: 4, lang: root.language },
          {
            kind: "text",
            tag: "P",
            text: shortenText(paragraph, density.summary * 2),
            style: s.body,
            lang: root.language,
          },
        ]);
    }
    for (const page of children) {
      const group: Block[] = [
        { kind: "text", tag: "H2", text: page.title, style: s.h2, after: 4, lang: page.language },
      ];
      const summary = shortenText(page.summary, density.summary);
      if (summary)
        group.push({
          kind: "text",
          tag: "P",
          text: summary,
          style: s.body,
          after: 6,
          lang: page.language,
        });
      group.push({
        kind: "list",
        ordered: false,
        columns: 1,
        title: s.item,
        detail: s.detail,
        itemGap: 3,
        after: 12,
        items: pointItems(page, density),
      });
      groups.push(group);
    }
    return groups;
  });

  // 4. Back: read more (QR), contact, emergency number.
  leafletPage(writer, context, 4);
  const back = writer.section();
  fittedPage(
    writer,
    back,
    (density) => {
      const s = styles(density.scale);
      return [
        ...readMoreBlocks(writer, context, "organisation.printed.pdf.readMoreGuardians", s),
        ...contactBlocks(context, "organisation.printed.pdf.contactGuardiansFallback", s),
        {
          kind: "text",
          tag: "P",
          text: t("organisation.printed.pdf.emergency"),
          style: s.bodyBold,
          after: 12,
        },
        { kind: "text", tag: "P", text: madeFrom(context), style: s.small },
      ];
    },
    A5_MARGIN,
    bottom,
  );
  back.end();
  return writer.finish();
}
