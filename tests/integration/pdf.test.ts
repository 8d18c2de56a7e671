import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../core/access/actor.ts";
import { pdfSafeText } from "../../core/guide/pdf.ts";
import { databaseKinds, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { browserHeaders, testApp } from "../support/app.ts";
import { makeStaff, makeTenant } from "../support/fixtures.ts";
import { publishPage } from "../support/search-content.ts";

type Staff = Extract<Actor, { kind: "staff" }>;

interface StructNode {
  role?: string;
  children?: StructNode[];
}

async function readPdf(bytes: Uint8Array) {
  const raw = Buffer.from(bytes).toString("latin1");
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: true });
  const roles = new Set<string>();
  for (let number = 1; number <= pdf.numPages; number += 1) {
    const tree = (await (await pdf.getPage(number)).getStructTree()) as StructNode | null;
    const walk = (node: StructNode) => {
      if (node.role) roles.add(node.role);
      node.children?.forEach(walk);
    };
    if (tree) walk(tree);
  }
  const outline = ((await pdf.getOutline()) ?? []) as {
    title: string;
    items: { title: string }[];
  }[];
  const titles: string[] = [];
  const collect = (items: { title: string; items?: unknown[] }[]) => {
    for (const item of items) {
      titles.push(item.title);
      collect((item.items ?? []) as { title: string; items?: unknown[] }[]);
    }
  };
  collect(outline);
  const metadata = await pdf.getMetadata();
  return {
    raw,
    text: text.replace(/\s+/g, " "),
    roles,
    outline: titles,
    metadata,
    pages: pdf.numPages,
  };
}

describe("pdfSafeText", () => {
  it("keeps Norwegian letters and maps what the standard fonts lack", () => {
    expect(pdfSafeText("Blåbær på øya – «ÆØÅ» …")).toBe("Blåbær på øya – «ÆØÅ» …");
    expect(pdfSafeText("Čáhcegáddi → Đ ŋ")).toBe("Cáhcegáddi -> D n");
    expect(pdfSafeText("smile 😀")).toBe("smile ?");
  });
});

describe.each(databaseKinds)("guide PDF on %s", (kind) => {
  let database: TestDatabase;
  let tenantId: string;
  let staff: Staff;
  let app: ReturnType<typeof testApp>["app"];
  let services: ReturnType<typeof testApp>["services"];

  beforeAll(async () => {
    database = await freshDatabase(kind);
    const tenant = await makeTenant(database, "Pdfvik kommune");
    tenantId = tenant.id;
    staff = await makeStaff(database, tenantId);
    ({ app, services } = testApp(database, { PUBLIC_MUNICIPALITY: tenant.municipalityNumber }));
    await publishPage(database, tenantId, {
      slug: "modellen",
      kind: "model",
      audience: "public",
      title: "Modellen for bedre tverrfaglig innsats",
      summary: "Slik jobber vi sammen rundt barn og unge i kommunen.",
      body: "## Tre nivåer\n\nKommunen, tjenesten og individet.\n\n- Første punkt om åpenhet\n- Andre punkt om ærlighet\n\nLes mer på [Helsedirektoratet](https://www.helsedirektoratet.example/bti).",
    });
    await publishPage(database, tenantId, {
      slug: "niva-0",
      kind: "level",
      audience: "public",
      title: "Nivå 0: Undring og bekymring",
      body: "Når du blir bekymret for et barn, starter du her.",
      sortOrder: 0,
    });
    await publishPage(database, tenantId, {
      slug: "niva-0-konkretiser",
      kind: "step",
      audience: "internal",
      title: "Gjør uroen konkret",
      body: "Skriv ned hva du har sett og hørt.\n\n1. Hva\n2. Når",
      parentSlug: "niva-0",
      fields: {
        responsible: "Den ansatte som er bekymret",
        deadline: "Så snart som mulig",
        tools: ["observasjonsskjema"],
        legal: ["taushetsplikt"],
      },
    });
    await publishPage(database, tenantId, {
      slug: "niva-1",
      kind: "level",
      audience: "public",
      title: "Nivå 1: Tiltak i egen tjeneste",
      body: "Tiltak prøves ut i tjenesten der barnet er.",
      sortOrder: 1,
    });
    await publishPage(database, tenantId, {
      slug: "barn-som-parorende",
      kind: "routine",
      audience: "public",
      title: "Rutine for barn som pårørende",
      body: "| Hvem | Gjør hva |\n| --- | --- |\n| Lærer | Følger opp |",
    });
    await publishPage(database, tenantId, {
      slug: "observasjonsskjema",
      kind: "tool",
      audience: "public",
      title: "Observasjonsskjema",
      summary: "Et skjema for å skrive ned det du ser, uten å tolke.",
      body: "# Slik bruker du skjemaet\n\nFyll ut én rad for hver observasjon. Skriv **hva** du så, ikke hva du tror.\n\n> Vær konkret.",
    });
    await publishPage(database, tenantId, {
      slug: "samtaleguide-internt",
      kind: "tool",
      audience: "internal",
      title: "Intern samtaleguide for ansatte",
      body: "Denne guiden er kun for ansatte i kommunen.",
    });
    await publishPage(database, tenantId, {
      slug: "stafettlogg",
      kind: "term",
      audience: "public",
      title: "Stafettlogg",
      body: "Et verktøy for å følge opp tiltak rundt et barn over tid.",
      fields: { synonyms: ["Stafettloggen"] },
    });
  });

  afterAll(async () => {
    await database?.drop();
  });

  it("serves the whole public guide as a tagged PDF to anonymous visitors", async () => {
    const response = await app.request("/veileder.pdf");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    const pdf = await readPdf(new Uint8Array(await response.arrayBuffer()));
    expect(pdf.raw.startsWith("%PDF-")).toBe(true);
    expect(pdf.raw).toContain("/StructTreeRoot");
    expect(pdf.raw).toMatch(/\/MarkInfo \d+ 0 R/);
    expect(pdf.raw).toMatch(/\/Marked true/);
    expect(pdf.raw).toMatch(/\/Lang \(nb\)/);
    expect(pdf.raw).toContain("/DisplayDocTitle true");
    expect((pdf.metadata.info as { Title?: string }).Title).toBe(
      "Handlingsveileder – Pdfvik kommune",
    );
    for (const text of [
      "Handlingsveileder – Pdfvik kommune",
      "Modellen for bedre tverrfaglig innsats",
      "Første punkt om åpenhet",
      "Andre punkt om ærlighet",
      "(https://www.helsedirektoratet.example/bti)",
      "Nivå 0: Undring og bekymring",
      "Rutine for barn som pårørende",
      "Følger opp",
      "Observasjonsskjema",
      "Stafettlogg",
      "Også kalt: Stafettloggen",
    ]) {
      expect(pdf.text).toContain(text);
    }
    // Internal pages never reach anonymous visitors.
    expect(pdf.text).not.toContain("Gjør uroen konkret");
    expect(pdf.text).not.toContain("Intern samtaleguide");
    for (const role of [
      "Document",
      "Sect",
      "H1",
      "H2",
      "H3",
      "P",
      "L",
      "LI",
      "Lbl",
      "LBody",
      "Table",
      "TR",
      "TD",
      "TH",
    ]) {
      expect(pdf.roles, `structure element ${role}`).toContain(role);
    }
    expect(pdf.outline).toEqual(
      expect.arrayContaining([
        "Modellen",
        "Nivåene",
        "Nivå 0: Undring og bekymring",
        "Verktøykassen",
        "Ordliste",
      ]),
    );
  });

  it("includes internal steps and tools for signed-in staff", async () => {
    const headers = await browserHeaders(database, services, staff);
    const response = await app.request("/veileder.pdf", { headers });
    expect(response.status).toBe(200);
    const pdf = await readPdf(new Uint8Array(await response.arrayBuffer()));
    expect(pdf.text).toContain("Gjør uroen konkret");
    expect(pdf.text).toContain("Ansvarlig: Den ansatte som er bekymret");
    expect(pdf.text).toContain("Frist: Så snart som mulig");
    expect(pdf.text).toContain("Verktøy: Observasjonsskjema");
    expect(pdf.text).toContain("Lovgrunnlag: Taushetsplikt");
    expect(pdf.text).toContain("Intern samtaleguide for ansatte");
    // A step sits under its level in the bookmarks.
    expect(pdf.outline).toContain("Gjør uroen konkret");
  });

  it("serves one toolbox document as its own PDF", async () => {
    const response = await app.request("/veileder/observasjonsskjema.pdf");
    expect(response.status).toBe(200);
    const pdf = await readPdf(new Uint8Array(await response.arrayBuffer()));
    expect(pdf.raw.startsWith("%PDF-")).toBe(true);
    expect(pdf.raw).toContain("/StructTreeRoot");
    expect(pdf.raw).toMatch(/\/Lang \(nb\)/);
    expect(pdf.text).toContain("Observasjonsskjema");
    expect(pdf.text).toContain("Fyll ut én rad for hver observasjon.");
    expect(pdf.text).toContain("Vær konkret.");
    expect(pdf.text).not.toContain("Stafettlogg");
    expect(pdf.roles).toContain("H1");
    expect(pdf.roles).toContain("BlockQuote");
  });

  it("keeps internal documents from anonymous visitors and unknown ones 404", async () => {
    const anonymous = await app.request("/veileder/samtaleguide-internt.pdf");
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get("location")).toBe(
      "/logg-inn?returnTo=%2Fveileder%2Fsamtaleguide-internt.pdf",
    );
    const headers = await browserHeaders(database, services, staff);
    const asStaff = await app.request("/veileder/samtaleguide-internt.pdf", { headers });
    expect(asStaff.status).toBe(200);
    const pdf = await readPdf(new Uint8Array(await asStaff.arrayBuffer()));
    expect(pdf.text).toContain("Denne guiden er kun for ansatte i kommunen.");
    expect((await app.request("/veileder/finnes-ikke.pdf")).status).toBe(404);
    expect((await app.request("/veileder/..%2Fetc.pdf")).status).toBe(404);
  });
});
