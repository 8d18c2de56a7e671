import path from "node:path";
import { and, eq, inArray } from "drizzle-orm";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor, type Actor } from "../../core/access/actor.ts";
import { AppError } from "../../core/errors.ts";
import { importContent } from "../../core/guide/files.ts";
import { printedOverview, printedPdf } from "../../core/organisation/printed.ts";
import type { PrintedDocument } from "../../core/organisation/printed-rules.ts";
import { updateTenant } from "../../core/tenants/tenants.ts";
import { auditEvents, contentPages } from "../../db/schema/index.ts";
import type { Language } from "../../i18n/index.ts";
import { nb } from "../../i18n/nb.ts";
import { browserHeaders, testAppWithUi } from "../support/app.ts";
import { databaseKinds, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { makeStaff, makeTenant } from "../support/fixtures.ts";
import { addVersion, publishPage } from "../support/search-content.ts";

type Staff = Extract<Actor, { kind: "staff" }>;

const P = nb.organisation.printed;
const meta = { ip: "192.0.2.88", userAgent: "vitest", requestId: "req-printed" };
const CONTENT_DIR = path.resolve("content/nb");
const PUBLIC_URL = "https://laget.fjordvik.kommune.no";

interface StructNode {
  role?: string;
  alt?: string;
  lang?: string;
  children?: StructNode[];
}

/** Reads a PDF the way a checker would: text, structure, page sizes and where text was drawn. */
async function readPdf(bytes: Uint8Array) {
  const raw = Buffer.from(bytes).toString("latin1");
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: true });
  const roles: string[] = [];
  const figures: StructNode[] = [];
  const sizes: number[][] = [];
  const outside: string[] = [];
  for (let number = 1; number <= pdf.numPages; number += 1) {
    const page = await pdf.getPage(number);
    const [x0, y0, width, height] = page.view as [number, number, number, number];
    sizes.push([width - x0, height - y0]);
    const tree = (await page.getStructTree()) as StructNode | null;
    const walk = (node: StructNode) => {
      if (node.role) roles.push(node.role);
      if (node.role === "Figure") figures.push(node);
      node.children?.forEach(walk);
    };
    if (tree) walk(tree);
    // Every piece of text sits inside the paper, clear of its edges.
    const content = await page.getTextContent();
    for (const item of content.items as {
      str: string;
      transform: number[];
      width: number;
      height: number;
    }[]) {
      if (!item.str.trim()) continue;
      const x = item.transform[4]!;
      const y = item.transform[5]!;
      if (x < 10 || x + item.width > width - 10 || y < 10 || y + item.height > height - 10)
        outside.push(`${number}: ${item.str}`);
    }
  }
  return {
    raw,
    text: text.replace(/\s+/g, " "),
    roles,
    figures,
    sizes,
    outside,
    pages: pdf.numPages,
    metadata: await pdf.getMetadata(),
  };
}

function expectInOrder(text: string, parts: string[]) {
  let from = 0;
  for (const part of parts) {
    const at = text.indexOf(part, from);
    expect(at, `«${part}» after position ${from}`).toBeGreaterThanOrEqual(0);
    from = at + part.length;
  }
}

async function failure(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the use case to fail");
}

describe.each(databaseKinds)("printed material on %s", (kind) => {
  let database: TestDatabase;
  let tenantId: string;
  let emptyTenantId: string;
  let longTenantId: string;
  let coordinator: Staff;
  let sectorLeader: Staff;
  let employee: Staff;
  let emptyCoordinator: Staff;
  let longCoordinator: Staff;
  let app: Awaited<ReturnType<typeof testAppWithUi>>["app"];
  let services: Awaited<ReturnType<typeof testAppWithUi>>["services"];

  beforeAll(async () => {
    database = await freshDatabase(kind);
    tenantId = (await makeTenant(database, "Trykkvik kommune")).id;
    emptyTenantId = (await makeTenant(database, "Tomvik kommune")).id;
    longTenantId = (await makeTenant(database, "Langvik kommune")).id;
    coordinator = await makeStaff(database, tenantId, { roles: ["coordinator"] });
    sectorLeader = await makeStaff(database, tenantId, { roles: ["sector_leader"] });
    employee = await makeStaff(database, tenantId, { roles: ["employee"] });
    emptyCoordinator = await makeStaff(database, emptyTenantId, { roles: ["coordinator"] });
    longCoordinator = await makeStaff(database, longTenantId, { roles: ["coordinator"] });
    // The guide Laget ships, published, as the demo municipality has it.
    await importContent({
      database,
      actor: systemActor(tenantId, "test"),
      tenantId,
      dir: CONTENT_DIR,
    });
    await updateTenant({
      database,
      actor: systemActor(tenantId, "test"),
      meta,
      tenantId,
      values: {
        name: "Trykkvik kommune",
        settings: {
          youthConsentAge: 15,
          retentionMonthsAfterClose: 24,
          contactEmail: "bti@trykkvik.example",
          contactPhone: "+47 12 34 56 78",
        },
      },
    });
    ({ app, services } = await testAppWithUi(database, { PUBLIC_URL }));
  });
  afterAll(() => database?.drop());

  const pdfOf = async (
    document: PrintedDocument,
    options: { actor?: Staff; language?: Language; publicUrl?: string } = {},
  ) => {
    const result = await printedPdf({
      database,
      actor: options.actor ?? coordinator,
      meta,
      document,
      language: options.language ?? "nb",
      publicUrl: "publicUrl" in options ? options.publicUrl : PUBLIC_URL,
      requestUrl: "http://10.0.0.5:3000/organisering/trykksaker",
    });
    return { ...result, read: await readPdf(new Uint8Array(result.pdf)) };
  };

  function expectTagged(read: Awaited<ReturnType<typeof readPdf>>, lang = "nb") {
    expect(read.raw.startsWith("%PDF-")).toBe(true);
    expect(read.raw).toContain("/StructTreeRoot");
    expect(read.raw).toMatch(/\/MarkInfo \d+ 0 R/);
    expect(read.raw).toMatch(/\/Marked true/);
    expect(read.raw).toMatch(new RegExp(`/Lang \\(${lang}\\)`));
    expect(read.raw).toContain("/DisplayDocTitle true");
    for (const role of ["Document", "Sect", "H1", "H2", "P", "L", "LI", "Lbl", "LBody", "Figure"])
      expect(read.roles, `structure element ${role}`).toContain(role);
    expect(read.outside, "text drawn outside the page").toEqual([]);
  }

  it("draws the A3 poster of levels 0–3 with their steps in order, the address and its QR code", async () => {
    const { read, filename } = await pdfOf("poster");
    expect(filename).toBe("plakat-a3.pdf");
    expect(read.pages).toBe(1);
    expect(read.sizes[0]![0]).toBeCloseTo(841.89, 1);
    expect(read.sizes[0]![1]).toBeCloseTo(1190.55, 1);
    expectTagged(read);
    expect((read.metadata.info as { Title?: string }).Title).toBe(
      "Bedre tverrfaglig innsats – Trykkvik kommune",
    );
    expectInOrder(read.text, [
      "Trykkvik kommune",
      "Bedre tverrfaglig innsats",
      "Nivå 0",
      "Uro og undring",
      "Gjør uroen konkret",
      "Drøft med en kollega eller leder",
      "Undringssamtale med barnet",
      "Samtale med foresatte",
      "Bestem veien videre innen 14 dager",
      "Nivå 1",
      "Tiltak i egen tjeneste",
      "Beskriv utfordringen sammen med familien",
      "Nivå 2",
      "To tjenester samarbeider",
      "Samtykke og stafettlogg",
      "Nivå 3",
      "Bredt samarbeid",
      "Avklar koordinator",
      "Les hele veilederen",
      "laget.fjordvik.kommune.no/veileder",
    ]);
    // Who and when where they are short.
    expect(read.text).toContain("Hvem: Den ansatte som er uroet");
    expect(read.text).toMatch(/Når: Senest 14 dager etter at uroen/);
    // The QR code is a figure that says where it leads.
    expect(read.figures).toHaveLength(1);
    expect(read.figures[0]!.alt).toBe("QR-kode til laget.fjordvik.kommune.no/veileder");
    expect(read.roles.filter((role) => role === "H1")).toHaveLength(1);
    // Four level headings and the footer's.
    expect(read.roles.filter((role) => role === "H2")).toHaveLength(5);
  });

  it("draws the staff leaflet as four A5 pages in reading order", async () => {
    const { read, filename } = await pdfOf("staffLeaflet");
    expect(filename).toBe("folder-ansatte.pdf");
    expect(read.pages).toBe(4);
    for (const size of read.sizes) {
      expect(size[0]).toBeCloseTo(419.53, 1);
      expect(size[1]).toBeCloseTo(595.28, 1);
    }
    expectTagged(read);
    expectInOrder(read.text, [
      "Trykkvik kommune",
      "Bedre tverrfaglig innsats",
      "Hva er BTI?",
      P.pdf.whatIsBts,
      "Kommunenivået",
      P.pdf.levelsHeading,
      "Nivå 0: Uro og undring",
      "Nivå 3: Bredt samarbeid",
      P.pdf.worryToAction,
      "Gjør uroen konkret",
      "Bestem veien videre innen 14 dager",
      P.pdf.urgentHeading,
      "ring 112",
      P.pdf.contactHeading,
      "Telefon: +47 12 34 56 78",
      "E-post: bti@trykkvik.example",
      "Les hele veilederen",
      "laget.fjordvik.kommune.no/veileder",
    ]);
    // Page numbers are artifacts, outside the structure, on the pages after the cover.
    for (const number of [2, 3, 4]) expect(read.text).toContain(`Side ${number} av 4`);
    expect(read.text).not.toContain("Side 1 av 4");
    expect(read.figures.map((figure) => figure.alt)).toEqual([
      "QR-kode til laget.fjordvik.kommune.no/veileder",
    ]);
  });

  it("draws the guardians' leaflet from the public guardian pages only", async () => {
    const { read } = await pdfOf("guardianLeaflet");
    expect(read.pages).toBe(4);
    expect(read.sizes[3]![0]).toBeCloseTo(419.53, 1);
    expectTagged(read);
    expectInOrder(read.text, [
      P.pdf.guardianHeading,
      "Vi snakker med deg.",
      "Hva er en stafettlogg?",
      "Samtykke og dine rettigheter",
      "Det er frivillig.",
      "Når du selv er bekymret for barnet ditt",
      "Les mer på nett",
      "laget.fjordvik.kommune.no/foresatte",
      P.pdf.contactHeading,
      "Er barnet i akutt fare, ring 112.",
    ]);
    expect(read.figures.map((figure) => figure.alt)).toEqual([
      "QR-kode til laget.fjordvik.kommune.no/foresatte",
    ]);
    // Nothing of the internal staff guide.
    expect(read.text).not.toContain("Gjør uroen konkret");
    expect(read.text).not.toContain("laget.fjordvik.kommune.no/veileder");
  });

  it("leaves guardian pages for staff or for youth out of the guardians' leaflet", async () => {
    // An internal note under a public guardian page (the likely leak), a youth page, and a public
    // page as the control that pages written this way are printed at all.
    const added = [
      await publishPage(database, tenantId, {
        slug: "foresatte-intern-merknad",
        kind: "guardian",
        audience: "internal",
        parentSlug: "foresatte-si-fra",
        title: "Intern merknad om foresatte",
        summary: "Hemmelig rutinenotat for ansatte Kvitsymre.",
        body: "Hemmelig rutinenotat for ansatte Kvitsymre.",
        sortOrder: 1,
      }),
      await publishPage(database, tenantId, {
        slug: "foresatte-for-ungdom",
        kind: "guardian",
        audience: "youth",
        title: "Til ungdom om foresatte",
        summary: "Bare for ungdom Blåklokke.",
        body: "Bare for ungdom Blåklokke.",
        sortOrder: 2,
      }),
      await publishPage(database, tenantId, {
        slug: "foresatte-offentlig-kontroll",
        kind: "guardian",
        audience: "public",
        parentSlug: "foresatte-si-fra",
        title: "Åpen side for foresatte",
        summary: "Offentlig for alle Hestehov.",
        body: "Offentlig for alle Hestehov.",
        sortOrder: 99,
      }),
    ];
    try {
      const { read } = await pdfOf("guardianLeaflet");
      expect(read.text).toContain("Hestehov");
      expect(read.text).not.toContain("Kvitsymre");
      expect(read.text).not.toContain("Intern merknad om foresatte");
      expect(read.text).not.toContain("Blåklokke");
      expect(read.text).not.toContain("Til ungdom om foresatte");
      // Guardian pages are no source of the staff material either.
      for (const document of ["poster", "staffLeaflet"] as const) {
        const other = (await pdfOf(document)).read.text;
        for (const phrase of ["Kvitsymre", "Blåklokke", "Hestehov"])
          expect(other, `${document}: ${phrase}`).not.toContain(phrase);
      }
      // The overview lists only the public one as a source of the leaflet.
      const overview = await printedOverview({
        database,
        actor: coordinator,
        meta,
        language: "nb",
        publicUrl: PUBLIC_URL,
        requestUrl: "http://10.0.0.5/",
      });
      const titles = overview.documents
        .find((document) => document.document === "guardianLeaflet")!
        .sources.map((source) => source.title);
      expect(titles).toContain("Åpen side for foresatte");
      expect(titles).not.toContain("Intern merknad om foresatte");
      expect(titles).not.toContain("Til ungdom om foresatte");
    } finally {
      // The later tests print the shipped guide as it was.
      await database.tenant(tenantId, (tx) =>
        tx
          .update(contentPages)
          .set({ archived: true })
          .where(
            inArray(
              contentPages.id,
              added.map((page) => page.pageId),
            ),
          ),
      );
    }
  });

  it("prints only published versions: a draft never shows, a new published version does", async () => {
    const [levelZero] = await database.tenant(tenantId, (tx) =>
      tx
        .select({ id: contentPages.id })
        .from(contentPages)
        .where(and(eq(contentPages.tenantId, tenantId), eq(contentPages.slug, "niva-0"))),
    );
    await addVersion(database, tenantId, levelZero!.id, {
      title: "Nivå 0: UTKAST som ikke er godkjent",
      state: "draft",
    });
    await publishPage(database, tenantId, {
      slug: "niva-4-utkast",
      kind: "level",
      audience: "internal",
      title: "Nivå 4: Et nivå som bare er utkast",
      sortOrder: 9,
      draftOnly: true,
    });
    const [guardianStart] = await database.tenant(tenantId, (tx) =>
      tx
        .select({ id: contentPages.id })
        .from(contentPages)
        .where(eq(contentPages.slug, "foresatte-si-fra")),
    );
    await addVersion(database, tenantId, guardianStart!.id, {
      title: "Utkast for foresatte som ikke skal trykkes",
      state: "draft",
    });
    for (const document of ["poster", "staffLeaflet", "guardianLeaflet"] as const) {
      const { read } = await pdfOf(document);
      expect(read.text).not.toContain("UTKAST");
      expect(read.text).not.toContain("bare er utkast");
      expect(read.text).not.toContain("som ikke skal trykkes");
    }
    const overview = await printedOverview({
      database,
      actor: coordinator,
      meta,
      language: "nb",
      publicUrl: PUBLIC_URL,
      requestUrl: "http://10.0.0.5/",
    });
    const poster = overview.documents.find((document) => document.document === "poster")!;
    expect(poster.sources.find((source) => source.title.startsWith("Nivå 0"))).toMatchObject({
      title: "Nivå 0: Uro og undring",
      kind: "level",
      version: 1,
    });

    // Publishing a new version changes the poster at once.
    const [step] = await database.tenant(tenantId, (tx) =>
      tx
        .select({ id: contentPages.id })
        .from(contentPages)
        .where(eq(contentPages.slug, "niva-3-koordinator")),
    );
    await addVersion(database, tenantId, step!.id, {
      title: "Avklar hvem som koordinerer",
      state: "published",
    });
    const { read } = await pdfOf("poster");
    expect(read.text).toContain("Avklar hvem som koordinerer");
    expect(read.text).not.toContain("Avklar koordinator");
    const after = await printedOverview({
      database,
      actor: coordinator,
      meta,
      language: "nb",
      publicUrl: PUBLIC_URL,
      requestUrl: "http://10.0.0.5/",
    });
    const row = after.documents
      .find((document) => document.document === "poster")!
      .sources.find((source) => source.title === "Avklar hvem som koordinerer");
    expect(row?.version).toBe(2);
  });

  it("uses the request's origin when no public address is set", async () => {
    const { read } = await pdfOf("poster", { publicUrl: undefined });
    expect(read.text).toContain("http://10.0.0.5:3000/veileder");
    expect(read.figures[0]!.alt).toBe("QR-kode til http://10.0.0.5:3000/veileder");
  });

  it("writes the catalog text in the reader's language and marks content in another", async () => {
    await publishPage(database, tenantId, {
      slug: "to-guardians",
      kind: "guardian",
      audience: "public",
      language: "en",
      translationKey: "til-deg-som-er-foresatt",
      title: "To you who are a guardian",
      summary: "What it means for your family when someone is worried about your child.",
      sortOrder: 1,
    });
    const { read } = await pdfOf("guardianLeaflet", { language: "en" });
    expect(read.pages).toBe(4);
    expect(read.raw).toMatch(/\/Lang \(en\)/);
    expect(read.text).toContain("When someone is worried about your child");
    expect(read.text).toContain("What it means for your family");
    // The pages with no English version print in bokmål, marked as such.
    expect(read.text).toContain("Hva er en stafettlogg?");
    expect(read.raw).toMatch(/\/Lang \(nb\)/);
    // The staff guide has no English pages: the whole poster is in bokmål.
    const poster = await pdfOf("poster", { language: "en" });
    expect(poster.read.raw).toMatch(/\/Lang \(nb\)/);
    expect(poster.read.text).toContain("Bedre tverrfaglig innsats");
  });

  it("keeps long content on one A3 page and four A5 pages, inside the paper", async () => {
    const long = (text: string, times: number) => Array(times).fill(text).join(" ");
    for (let level = 0; level < 4; level += 1) {
      await publishPage(database, longTenantId, {
        slug: `niva-${level}`,
        kind: "level",
        audience: "internal",
        title: `Nivå ${level}: ${long("Et svært langt nivånavn", 3)}`,
        summary: long("Dette er en lang oppsummering som fortsetter og fortsetter.", 8),
        sortOrder: level,
      });
      for (let step = 1; step <= 9; step += 1) {
        await publishPage(database, longTenantId, {
          slug: `niva-${level}-steg-${step}`,
          kind: "step",
          audience: "internal",
          title: `Steg ${step} på nivå ${level}: ${long("med en lang tittel", 4)}`,
          summary: long("En lang forklaring av steget.", 10),
          parentSlug: `niva-${level}`,
          sortOrder: step,
          fields: {
            responsible: long("Den ansatte og lederen", 3),
            deadline: long("Innen fjorten dager", 2),
          },
        });
      }
    }
    await publishPage(database, longTenantId, {
      slug: "modellen",
      kind: "model",
      audience: "public",
      title: long("Modellen", 10),
      summary: long("En veldig lang forklaring av modellen.", 15),
    });
    await publishPage(database, longTenantId, {
      slug: "start-foresatte",
      kind: "guardian",
      audience: "public",
      title: "Til deg som er foresatt",
      summary: long("En lang innledning for foresatte.", 15),
      body: Array.from(
        { length: 12 },
        (_, i) => `- **Punkt ${i + 1}.** ${long("Forklaring.", 12)}`,
      ).join("\n"),
      sortOrder: 1,
    });
    for (let page = 1; page <= 8; page += 1) {
      await publishPage(database, longTenantId, {
        slug: `foresatte-${page}`,
        kind: "guardian",
        audience: "public",
        title: `Side ${page} for foresatte ${long("med lang tittel", 3)}`,
        summary: long("En lang oppsummering av siden.", 12),
        body: `Første avsnitt. ${long("Mer tekst.", 30)}\n\n${Array.from({ length: 8 }, (_, i) => `- **Rett ${i + 1}.** ${long("Tekst.", 10)}`).join("\n")}`,
        parentSlug: "start-foresatte",
        sortOrder: page + 1,
      });
    }
    const poster = await pdfOf("poster", { actor: longCoordinator });
    expect(poster.read.pages).toBe(1);
    expect(poster.read.outside).toEqual([]);
    expect(poster.read.text).toContain("…");
    expect(poster.read.text).toContain("Nivå 3");
    for (const document of ["staffLeaflet", "guardianLeaflet"] as const) {
      const leaflet = await pdfOf(document, { actor: longCoordinator });
      expect(leaflet.read.pages, document).toBe(4);
      expect(leaflet.read.outside, document).toEqual([]);
      expect(leaflet.read.sizes.every(([width]) => Math.abs(width! - 419.53) < 0.1)).toBe(true);
    }
    // Without contact settings the leaflets point to the nearest leader instead.
    const staff = await pdfOf("staffLeaflet", { actor: longCoordinator });
    expect(staff.read.text).toContain("Spør nærmeste leder");
    expect(staff.read.text).not.toContain("Telefon:");
  });

  it("refuses to make a PDF from a guide with no published levels, and says why", async () => {
    const error = await failure(
      printedPdf({
        database,
        actor: emptyCoordinator,
        meta,
        document: "poster",
        language: "nb",
        publicUrl: undefined,
        requestUrl: "http://localhost/",
      }),
    );
    expect(error.code).toBe("conflict");
    expect(error.messageKey).toBe("organisation.printed.noLevels");
    const guardians = await failure(
      printedPdf({
        database,
        actor: emptyCoordinator,
        meta,
        document: "guardianLeaflet",
        language: "nb",
        publicUrl: undefined,
        requestUrl: "http://localhost/",
      }),
    );
    expect(guardians.messageKey).toBe("organisation.printed.noGuardianPages");
    // A refused download is no download: the read and its audit are one transaction.
    const downloads = await database.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.eventType, "printed.downloaded"),
            eq(auditEvents.tenantId, emptyTenantId),
          ),
        ),
    );
    expect(downloads).toEqual([]);
    const overview = await printedOverview({
      database,
      actor: emptyCoordinator,
      meta,
      language: "nb",
      publicUrl: undefined,
      requestUrl: "http://localhost/",
    });
    expect(overview.documents.map((document) => document.missingKey)).toEqual([
      "organisation.printed.noLevels",
      "organisation.printed.noLevels",
      "organisation.printed.noGuardianPages",
    ]);
    expect(overview.addressFrom).toBe("request");
    expect(overview.addresses.staff).toBe("http://localhost/veileder");
  });

  it("lets readers of the implementation print, not other staff, and audits each download", async () => {
    const refused = await failure(
      printedPdf({
        database,
        actor: employee,
        meta,
        document: "poster",
        language: "nb",
        publicUrl: undefined,
        requestUrl: "http://localhost/",
      }),
    );
    expect(refused.code).toBe("forbidden");
    const { read } = await pdfOf("staffLeaflet", { actor: sectorLeader });
    expect(read.pages).toBe(4);
    const events = await database.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.eventType, "printed.downloaded"),
            eq(auditEvents.tenantId, tenantId),
            eq(auditEvents.subjectId, "staffLeaflet"),
          ),
        ),
    );
    const mine = events.filter(
      (event) => (event.actor as { id: string }).id === sectorLeader.userId,
    );
    expect(mine).toHaveLength(1);
    expect(mine[0]!.requestId).toBe("req-printed");
    expect(mine[0]!.details).toMatchObject({ document: "staffLeaflet", language: "nb" });
    expect((mine[0]!.details as { versions: string[] }).versions.length).toBeGreaterThan(5);
    // The versions recorded are the ones printed.
    const overview = await printedOverview({
      database,
      actor: sectorLeader,
      meta,
      language: "nb",
      publicUrl: PUBLIC_URL,
      requestUrl: "http://10.0.0.5/",
    });
    const printed = overview.documents.find((document) => document.document === "staffLeaflet")!;
    expect((mine[0]!.details as { versions: string[] }).versions).toEqual(
      printed.sources.map((source) => `${source.id}:${source.version}`),
    );
  });

  describe("over HTTP", () => {
    const get = async (actor: Staff | null, target: string) =>
      app.request(target, {
        headers: actor ? await browserHeaders(database, services, actor) : {},
        redirect: "manual",
      });

    it("shows the page with sources, the address and download links, and audits the read", async () => {
      const response = await get(sectorLeader, "/organisering/trykksaker");
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain(P.title);
      expect(html).toContain(P.documents.poster.title);
      expect(html).toContain("laget.fjordvik.kommune.no/veileder");
      expect(html).toContain("laget.fjordvik.kommune.no/foresatte");
      expect(html).toContain(P.address.fromConfig);
      expect(html).toMatch(
        /href="\/organisering\/trykksaker\/plakat-a3\.pdf" download="plakat-a3\.pdf"/,
      );
      expect(html).toContain('href="/organisering/trykksaker/folder-ansatte.pdf"');
      expect(html).toContain('href="/organisering/trykksaker/folder-foresatte.pdf"');
      expect(html).toContain("PDF, A5, 4 sider");
      expect(html).toContain("PDF, A3, 1 side");
      expect(html).toContain("Sist publisert");
      expect(html).toContain("Nivå 0: Uro og undring");
      const views = await database.system((tx) =>
        tx
          .select()
          .from(auditEvents)
          .where(
            and(eq(auditEvents.eventType, "printed.viewed"), eq(auditEvents.tenantId, tenantId)),
          ),
      );
      expect(views.length).toBeGreaterThanOrEqual(1);
    });

    it("serves each PDF as a download", async () => {
      for (const file of ["plakat-a3.pdf", "folder-ansatte.pdf", "folder-foresatte.pdf"]) {
        const response = await get(coordinator, `/organisering/trykksaker/${file}`);
        expect(response.status, file).toBe(200);
        expect(response.headers.get("content-type")).toBe("application/pdf");
        expect(response.headers.get("content-disposition")).toBe(`attachment; filename="${file}"`);
        expect(response.headers.get("cache-control")).toBe("private, no-store");
        const read = await readPdf(new Uint8Array(await response.arrayBuffer()));
        expect(read.text).toContain("laget.fjordvik.kommune.no");
      }
    });

    it("answers an empty guide with a clear message instead of an empty PDF", async () => {
      const response = await get(emptyCoordinator, "/organisering/trykksaker/plakat-a3.pdf");
      expect(response.status).toBe(409);
      expect(response.headers.get("content-type")).toContain("text/html");
      expect(await response.text()).toContain(P.noLevels.slice(0, 50));
      const page = await get(emptyCoordinator, "/organisering/trykksaker");
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain(P.noLevels.slice(0, 50));
      expect(html).not.toContain('href="/organisering/trykksaker/plakat-a3.pdf"');
    });

    it("sends visitors to log in and refuses staff without the permission", async () => {
      const anonymous = await get(null, "/organisering/trykksaker/plakat-a3.pdf");
      expect(anonymous.status).toBe(302);
      expect(anonymous.headers.get("location")).toContain("/logg-inn?returnTo=");
      expect((await get(employee, "/organisering/trykksaker")).status).toBe(403);
      expect((await get(employee, "/organisering/trykksaker/folder-ansatte.pdf")).status).toBe(403);
    });
  });
});
