/**
 * The filled-in report to child welfare (bekymringsmelding) as a tagged, accessible PDF
 * (pdfkit, like the guide's PDF): headings, paragraphs and label/value lists are structure
 * elements, the document language and title are set. The document is built from what the
 * employee typed and handed to them; Laget keeps no copy of it.
 */
import PDFDocument from "pdfkit";
import { htmlLang, translator, type Language } from "../../i18n/index.ts";
import { pdfSafeText } from "../guide/pdf.ts";

type Doc = InstanceType<typeof PDFDocument>;
type Struct = ReturnType<Doc["struct"]>;

export interface ChildWelfareReportContent {
  childName: string;
  childBirthDate: string;
  childAddress: string;
  guardiansContact: string;
  observations: string;
  childSaid: string;
  actionsTaken: string;
  guardiansInformed: "yes" | "no";
  guardiansNotInformedReason: string;
  urgency: "acute" | "serious";
  reporterName: string;
  reporterRole: string;
  reporterUnitName: string;
  reporterPhone: string;
  recipient: string;
}

const FONT = "Helvetica";
const FONT_BOLD = "Helvetica-Bold";
const BODY_SIZE = 11;

/** "2026-03-14" → "14.03.2026" */
function norwegianDate(isoDate: string): string {
  const [year, month, day] = isoDate.split("-");
  return `${day}.${month}.${year}`;
}

class ReportWriter {
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

  heading(level: 1 | 2, text: string) {
    const size = level === 1 ? 19 : 14;
    if (this.doc.y + size * 4 > this.doc.page.height - this.doc.page.margins.bottom) {
      this.doc.addPage();
    }
    this.doc.moveDown(level === 1 ? 0 : 0.8);
    this.root.add(
      this.doc.struct(`H${level}`, {}, () => {
        this.doc.font(FONT_BOLD).fontSize(size).text(pdfSafeText(text), this.left, this.doc.y, {
          width: this.width,
        });
      }),
    );
    this.doc.moveDown(0.3);
  }

  paragraph(text: string) {
    if (!text.trim()) return;
    this.root.add(
      this.doc.struct("P", {}, () => {
        this.doc
          .font(FONT)
          .fontSize(BODY_SIZE)
          .text(pdfSafeText(text), this.left, this.doc.y, { width: this.width, lineGap: 2 });
      }),
    );
    this.doc.moveDown(0.5);
  }

  /** Label: value lines as a list; an empty value prints as the "not given" text. */
  facts(facts: { label: string; value: string }[]) {
    const list = this.doc.struct("L");
    this.root.add(list);
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
          this.doc.font(FONT).text(pdfSafeText(fact.value), { width: this.width, lineGap: 2 });
        }),
      );
      item.end();
    }
    list.end();
    this.doc.moveDown(0.5);
  }

  finish(): Promise<Buffer> {
    this.root.end();
    this.doc.end();
    return this.done;
  }
}

/** The report as the employee sends it to the child welfare office, with guidance at the end. */
export function childWelfareReportPdf(input: {
  content: ChildWelfareReportContent;
  language: Language;
  municipality: string;
  /** The day the report was made, YYYY-MM-DD (Oslo). */
  date: string;
}): Promise<Buffer> {
  // The report goes to a Norwegian child welfare office: an English UI still gets bokmål.
  const language: Language = input.language === "nn" ? "nn" : "nb";
  const t = translator(language);
  const k = (key: string, options?: Record<string, string>) =>
    t(`relayLog.cases.childWelfare.pdf.${key}`, options);
  const c = input.content;
  const none = k("notGiven");
  const writer = new ReportWriter({
    title: k("title"),
    subject: k("subject"),
    lang: htmlLang[language],
    author: input.municipality,
  });
  writer.heading(1, k("title"));
  writer.facts([
    { label: k("recipient"), value: c.recipient },
    { label: k("date"), value: norwegianDate(input.date) },
    { label: k("urgency"), value: k(`urgencyValue.${c.urgency}`) },
  ]);

  writer.heading(2, k("childHeading"));
  writer.facts([
    { label: k("childName"), value: c.childName },
    {
      label: k("childBirthDate"),
      value: c.childBirthDate ? norwegianDate(c.childBirthDate) : none,
    },
    { label: k("childAddress"), value: c.childAddress || none },
  ]);

  writer.heading(2, k("guardiansHeading"));
  writer.paragraph(c.guardiansContact || none);
  writer.facts([
    {
      label: k("guardiansInformed"),
      value: c.guardiansInformed === "yes" ? k("yes") : k("no"),
    },
    ...(c.guardiansInformed === "no"
      ? [{ label: k("guardiansNotInformedReason"), value: c.guardiansNotInformedReason }]
      : []),
  ]);

  writer.heading(2, k("observationsHeading"));
  writer.paragraph(c.observations);
  writer.heading(2, k("childSaidHeading"));
  writer.paragraph(c.childSaid || none);
  writer.heading(2, k("actionsHeading"));
  writer.paragraph(c.actionsTaken || none);

  writer.heading(2, k("reporterHeading"));
  writer.facts([
    { label: k("reporterName"), value: c.reporterName },
    { label: k("reporterRole"), value: c.reporterRole || none },
    { label: k("reporterUnit"), value: c.reporterUnitName || none },
    { label: k("municipality"), value: input.municipality },
    { label: k("reporterPhone"), value: c.reporterPhone },
  ]);

  // The duty to report, as the municipality's routine puts it. Verify the paragraph numbers
  // (barnevernsloven § 13-2, helsepersonelloven § 33, barnehageloven § 46, opplæringslova) against
  // the law in force before each release: they live in the catalog, relayLog.cases.childWelfare.duty*.
  writer.heading(2, k("dutyHeading"));
  writer.paragraph(t("relayLog.cases.childWelfare.dutyText"));
  writer.paragraph(t("relayLog.cases.childWelfare.dutyLaw"));
  writer.paragraph(k("sendGuidance"));
  writer.paragraph(k("recordedNote"));
  return writer.finish();
}
