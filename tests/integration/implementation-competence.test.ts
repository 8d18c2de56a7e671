import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../core/access/actor.ts";
import { AppError } from "../../core/errors.ts";
import {
  cleanFileName,
  COMPETENCE_DOCUMENT_MAX_BYTES,
  competenceUploadPathPattern,
  createCompetenceMaterial,
  deleteCompetenceMaterial,
  getCompetenceDocument,
  getCompetenceMaterial,
  listCompetenceMaterials,
  listCompetencePortal,
  sniffDocument,
  updateCompetenceMaterial,
} from "../../core/implementation/competence.ts";
import { createTrainingEvent, getMyTrainingEvent } from "../../core/implementation/training.ts";
import { addDays, osloDate } from "../../core/platform/dates.ts";
import { auditEvents, competenceMaterials, coreComponents } from "../../db/schema/index.ts";
import { nb } from "../../i18n/nb.ts";
import { browserHeaders, testAppWithUi } from "../support/app.ts";
import { databaseKinds, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { makeStaff, makeTenant, makeUnit } from "../support/fixtures.ts";

type Staff = Extract<Actor, { kind: "staff" }>;

const meta = { ip: "192.0.2.62", userAgent: "vitest", requestId: "req-competence" };
const E = "implementation.training.materials.errors";

async function failure(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the use case to fail");
}

const ascii = (text: string) => new TextEncoder().encode(text);
const PDF = ascii("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n");
/** The start of a ZIP archive as Word writes it: a local header naming word/document.xml. */
const DOCX = Uint8Array.from([
  0x50,
  0x4b,
  0x03,
  0x04,
  ...ascii("....[Content_Types].xml word/document.xml"),
]);
const PPTX = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...ascii("....ppt/presentation.xml")]);
const PLAIN_ZIP = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...ascii("....bilde.png")]);

describe("document rules", () => {
  it("recognises PDF, DOCX and PPTX by their bytes, never by the name alone", () => {
    expect(sniffDocument(PDF, "plan.txt")?.type).toBe("application/pdf");
    expect(sniffDocument(DOCX, "Veileder.DOCX")?.extension).toBe("docx");
    expect(sniffDocument(PPTX, "lysark.pptx")?.extension).toBe("pptx");
    expect(sniffDocument(DOCX, "veileder.pdf")).toBeNull();
    expect(sniffDocument(PLAIN_ZIP, "arkiv.docx")).toBeNull();
    expect(sniffDocument(ascii("<html>%PDF-"), "side.pdf")).toBeNull();
    expect(sniffDocument(ascii("MZ\x90\x00"), "program.pdf")).toBeNull();
    expect(cleanFileName("C:\\Users\\kari\\Plan<1>.pdf", "pdf")).toBe("Plan1.pdf");
    expect(cleanFileName("plan", "pdf")).toBe("plan.pdf");
    expect(competenceUploadPathPattern.test("/implementering/kompetanse/ny")).toBe(true);
    expect(competenceUploadPathPattern.test("/kompetanse/ny")).toBe(false);
  });
});

describe.each(databaseKinds)("the competence portal on %s", (kind) => {
  let database: TestDatabase;
  let tenantA: string;
  let tenantB: string;
  let coordinator: Staff;
  let coordinatorB: Staff;
  let employee: Staff;
  let admin: Staff;
  let wonder: string;
  let collaboration: string;

  beforeAll(async () => {
    database = await freshDatabase(kind);
    tenantA = (await makeTenant(database, "Avik kommune")).id;
    tenantB = (await makeTenant(database, "Bvik kommune")).id;
    const school = (await makeUnit(database, tenantA, "Avik skole")).id;
    coordinator = await makeStaff(database, tenantA, { roles: ["coordinator"] });
    coordinatorB = await makeStaff(database, tenantB, { roles: ["coordinator"] });
    employee = await makeStaff(database, tenantA, { roles: ["employee"], unitIds: [school] });
    admin = await makeStaff(database, tenantA, { roles: ["admin"] });
    const rows = await database.tenant(tenantA, (tx) =>
      tx
        .insert(coreComponents)
        .values([
          { tenantId: tenantA, position: 2, title: "Undringssamtale" },
          { tenantId: tenantA, position: 1, title: "Tverrfaglig samhandling" },
        ])
        .returning(),
    );
    wonder = rows.find((row) => row.title === "Undringssamtale")!.id;
    collaboration = rows.find((row) => row.title === "Tverrfaglig samhandling")!.id;
  });
  afterAll(() => database.drop());

  const create = (
    values: Record<string, string>,
    file: { bytes: Uint8Array; name: string } | null = null,
    actor: Staff = coordinator,
  ) => createCompetenceMaterial({ database, actor, meta, values, file });

  async function auditRows(type: string, subjectId: string) {
    return database.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.eventType, type), eq(auditEvents.subjectId, subjectId))),
    );
  }

  it("keeps texts, links, videos and documents per core component, grouped in the components' order", async () => {
    const text = await create({
      title: "Slik starter du en undringssamtale",
      kind: "text",
      body: "## Før samtalen\n\nSkriv ned hva du har sett.\n\n<script>alert(1)</script> [lenke](javascript:alert(1))",
      componentId: wonder,
    });
    const link = await create({
      title: "Bufdir om samarbeid",
      kind: "link",
      body: "Fagstoff.",
      url: "https://www.bufdir.no/",
      componentId: collaboration,
    });
    await create({
      title: "Film om samtalen",
      kind: "video",
      url: "https://example.org/film",
      componentId: wonder,
    });
    const pdf = await create(
      { title: "Modellen på én side", kind: "document", body: "Til utskrift.", componentId: "" },
      { bytes: PDF, name: "modellen.pdf" },
    );
    const [audit] = await auditRows("competence.material_saved", pdf.id);
    expect(audit?.details).toEqual({
      created: true,
      kind: "document",
      fileType: "application/pdf",
      fileSize: PDF.length,
    });

    const portal = await listCompetencePortal({ database, actor: employee });
    expect(portal.canManage).toBe(false);
    expect(portal.groups.map((group) => group.title)).toEqual([
      "Tverrfaglig samhandling",
      "Undringssamtale",
      null,
    ]);
    expect(portal.groups[1]!.materials.map((m) => m.kind).sort()).toEqual(["text", "video"]);
    expect(portal.groups[2]!.materials[0]).toMatchObject({ id: pdf.id, kind: "document" });

    // Markdown rendered with raw HTML escaped and the javascript: link refused.
    const shown = await getCompetenceMaterial({ database, actor: employee, materialId: text.id });
    expect(shown.material.bodyHtml).toContain("<h2>Før samtalen</h2>");
    expect(shown.material.bodyHtml).not.toContain("<script>");
    expect(shown.material.bodyHtml).toContain("&lt;script&gt;");
    expect(shown.material.bodyHtml).not.toContain('href="javascript:');
    expect(shown.material.componentTitle).toBe("Undringssamtale");
    const linked = await getCompetenceMaterial({ database, actor: employee, materialId: link.id });
    expect(linked.material).toMatchObject({ url: "https://www.bufdir.no/", bodyHtml: null });

    // The download, audited.
    const file = await getCompetenceDocument({
      database,
      actor: employee,
      meta,
      materialId: pdf.id,
    });
    expect(file).toMatchObject({ name: "modellen.pdf", type: "application/pdf" });
    expect(Buffer.from(file.bytes).equals(Buffer.from(PDF))).toBe(true);
    const viewed = await auditRows("competence.document_viewed", pdf.id);
    expect(viewed).toHaveLength(1);
    expect(viewed[0]?.actor).toMatchObject({ id: employee.userId });
    // A link has no file to download.
    expect(
      (
        await failure(
          getCompetenceDocument({ database, actor: employee, meta, materialId: link.id }),
        )
      ).code,
    ).toBe("not_found");
  });

  it("refuses bad links, wrong file types, too large files and a document without a file", async () => {
    const http = await failure(
      create({ title: "Usikker lenke", kind: "link", url: "http://example.org/side" }),
    );
    expect(http.fieldErrors).toEqual({ url: `${E}.url` });
    const script = await failure(
      create({ title: "Skript", kind: "video", url: "javascript:alert(1)" }),
    );
    expect(script.fieldErrors).toEqual({ url: `${E}.url` });
    const empty = await failure(create({ title: "", kind: "text", body: "" }));
    expect(empty.fieldErrors).toEqual({ title: `${E}.title`, body: `${E}.textRequired` });
    const noKind = await failure(create({ title: "Noe", kind: "lydbok" }));
    expect(noKind.fieldErrors).toEqual({ kind: `${E}.kind` });
    const noFile = await failure(create({ title: "Dokument", kind: "document" }));
    expect(noFile.fieldErrors).toEqual({ file: `${E}.fileRequired` });
    const exe = await failure(
      create(
        { title: "Program", kind: "document" },
        { bytes: ascii("MZ\x90\x00rest"), name: "a.pdf" },
      ),
    );
    expect(exe.fieldErrors).toEqual({ file: `${E}.fileType` });
    const zip = await failure(
      create({ title: "Arkiv", kind: "document" }, { bytes: PLAIN_ZIP, name: "arkiv.docx" }),
    );
    expect(zip.fieldErrors).toEqual({ file: `${E}.fileType` });
    const big = new Uint8Array(COMPETENCE_DOCUMENT_MAX_BYTES + 1);
    big.set(PDF);
    const tooLarge = await failure(
      create({ title: "Stor fil", kind: "document" }, { bytes: big, name: "stor.pdf" }),
    );
    expect(tooLarge.fieldErrors).toEqual({ file: `${E}.fileTooLarge` });
    const exact = new Uint8Array(COMPETENCE_DOCUMENT_MAX_BYTES);
    exact.set(PDF);
    await create({ title: "Akkurat 10 MB", kind: "document" }, { bytes: exact, name: "full.pdf" });
    const docx = await create(
      { title: "Veileder i Word", kind: "document" },
      { bytes: DOCX, name: "veileder.docx" },
    );
    const stored = await getCompetenceMaterial({ database, actor: employee, materialId: docx.id });
    expect(stored.material.fileType).toBe(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    const foreign = await database.tenant(tenantB, (tx) =>
      tx
        .insert(coreComponents)
        .values({ tenantId: tenantB, position: 1, title: "Annen kommunes komponent" })
        .returning(),
    );
    const wrongComponent = await failure(
      create({ title: "Tekst", kind: "text", body: "Hei", componentId: foreign[0]!.id }),
    );
    expect(wrongComponent.fieldErrors).toEqual({ componentId: `${E}.component` });
  });

  it("edits (keeping or replacing the file, clearing what the new kind does not use) and deletes", async () => {
    const material = await create(
      { title: "Lysark fra kick-off", kind: "document" },
      { bytes: PPTX, name: "kickoff.pptx" },
    );
    // Saving without a new file keeps the old one.
    await updateCompetenceMaterial({
      database,
      actor: coordinator,
      meta,
      materialId: material.id,
      values: { title: "Lysark fra oppstartskonferansen", kind: "document", componentId: wonder },
      file: null,
    });
    let row = (
      await database.system((tx) =>
        tx.select().from(competenceMaterials).where(eq(competenceMaterials.id, material.id)),
      )
    )[0]!;
    expect(row).toMatchObject({
      title: "Lysark fra oppstartskonferansen",
      fileName: "kickoff.pptx",
    });
    // Turning it into a link drops the file.
    await updateCompetenceMaterial({
      database,
      actor: coordinator,
      meta,
      materialId: material.id,
      values: { title: "Lysark på nett", kind: "link", url: "https://example.org/lysark" },
      file: null,
    });
    row = (
      await database.system((tx) =>
        tx.select().from(competenceMaterials).where(eq(competenceMaterials.id, material.id)),
      )
    )[0]!;
    expect(row).toMatchObject({ kind: "link", fileData: null, fileName: null, fileSize: null });
    const audits = await auditRows("competence.material_saved", material.id);
    expect(audits.map((a) => a.details)).toContainEqual({
      fields: ["kind", "title", "url", "componentId", "file"],
    });

    for (const actor of [employee, admin]) {
      expect(
        (
          await failure(
            deleteCompetenceMaterial({ database, actor, meta, materialId: material.id }),
          )
        ).code,
      ).toBe("forbidden");
    }
    expect(
      (
        await failure(
          deleteCompetenceMaterial({
            database,
            actor: coordinatorB,
            meta,
            materialId: material.id,
          }),
        )
      ).code,
    ).toBe("not_found");
    const deleted = await deleteCompetenceMaterial({
      database,
      actor: coordinator,
      meta,
      materialId: material.id,
    });
    expect(deleted.title).toBe("Lysark på nett");
    expect(await auditRows("competence.material_deleted", material.id)).toHaveLength(1);
    expect(
      (await failure(getCompetenceMaterial({ database, actor: employee, materialId: material.id })))
        .code,
    ).toBe("not_found");
  });

  it("is for staff with competence.use in their own municipality; only the coordinator keeps it", async () => {
    const material = await create({ title: "Bare for Avik", kind: "text", body: "Innhold" });
    expect((await failure(listCompetencePortal({ database, actor: admin }))).code).toBe(
      "forbidden",
    );
    expect(
      (
        await failure(
          getCompetenceMaterial({ database, actor: coordinatorB, materialId: material.id }),
        )
      ).code,
    ).toBe("not_found");
    expect(
      (
        await failure(
          getCompetenceDocument({ database, actor: coordinatorB, meta, materialId: material.id }),
        )
      ).code,
    ).toBe("not_found");
    expect((await listCompetencePortal({ database, actor: coordinatorB })).groups).toEqual([]);
    expect(
      (await failure(create({ title: "Ansatt", kind: "text", body: "x" }, null, employee))).code,
    ).toBe("forbidden");
    expect((await failure(listCompetenceMaterials({ database, actor: employee }))).code).toBe(
      "forbidden",
    );
    const list = await listCompetenceMaterials({ database, actor: coordinator });
    expect(list.items.map((item) => item.title)).toContain("Bare for Avik");
  });

  it("shows an event's core component, linked to its material", async () => {
    const event = await createTrainingEvent({
      database,
      actor: coordinator,
      meta,
      values: {
        title: "Kurs om undring",
        kind: "course",
        date: addDays(osloDate(), 5),
        startTime: "09:00",
        endTime: "11:00",
        place: "Rådhuset",
        componentId: wonder,
      },
    });
    const page = await getMyTrainingEvent({ database, actor: coordinator, eventId: event.id });
    expect(page.event).toMatchObject({ componentId: wonder, componentTitle: "Undringssamtale" });
  });

  describe("over HTTP", () => {
    let app: Awaited<ReturnType<typeof testAppWithUi>>["app"];
    let services: Awaited<ReturnType<typeof testAppWithUi>>["services"];

    beforeAll(async () => {
      // The default 1 MB body limit: the material form's path has its own, larger one.
      ({ app, services } = await testAppWithUi(database));
    });

    it("uploads a document through the multipart form and serves it as an attachment", async () => {
      const headers = await browserHeaders(database, services, coordinator);
      // 3 MB: above the general body limit, within the material form's.
      const document = Buffer.concat([Buffer.from(PDF), Buffer.alloc(3_000_000, 0x20)]);
      const tooBigElsewhere = new FormData();
      tooBigElsewhere.set("file", new File([document], "x.pdf", { type: "application/pdf" }));
      expect(
        (await app.request("/tilbakemelding", { method: "POST", headers, body: tooBigElsewhere }))
          .status,
      ).toBe(413);
      const form = new FormData();
      form.set("title", "Plan for kompetanseheving");
      form.set("kind", "document");
      form.set("componentId", collaboration);
      form.set("body", "");
      form.set("url", "");
      form.set(
        "file",
        new File([document], "Kompetanseplan 2026.pdf", { type: "application/pdf" }),
      );
      const created = await app.request("/implementering/kompetanse/ny", {
        method: "POST",
        headers,
        body: form,
      });
      expect(created.status).toBe(302);
      const location = created.headers.get("location")!;
      expect(location).toContain("melding=implementation.training.materials.saved");
      const id = /kompetanse\/([0-9a-f-]{36})/.exec(location)![1]!;

      const employeeHeaders = await browserHeaders(database, services, employee);
      const page = await app.request(`/kompetanse/${id}`, { headers: employeeHeaders });
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain("Plan for kompetanseheving");
      expect(html).toContain(`/kompetanse/${id}/fil`);

      const download = await app.request(`/kompetanse/${id}/fil`, { headers: employeeHeaders });
      expect(download.status).toBe(200);
      expect(download.headers.get("content-type")).toBe("application/pdf");
      expect(download.headers.get("content-disposition")).toBe(
        `attachment; filename="Kompetanseplan_2026.pdf"; filename*=UTF-8''Kompetanseplan%202026.pdf`,
      );
      expect(download.headers.get("x-content-type-options")).toBe("nosniff");
      expect(Buffer.from(await download.arrayBuffer()).equals(document)).toBe(true);

      const adminHeaders = await browserHeaders(database, services, admin);
      expect((await app.request(`/kompetanse/${id}/fil`, { headers: adminHeaders })).status).toBe(
        403,
      );
      expect((await app.request("/kompetanse", { headers: adminHeaders })).status).toBe(403);
      expect(
        (await app.request("/implementering/kompetanse", { headers: employeeHeaders })).status,
      ).toBe(403);
    });

    it("puts a wrong file type beside the field and keeps the title", async () => {
      const headers = await browserHeaders(database, services, coordinator);
      const form = new FormData();
      form.set("title", "Et bilde som dokument");
      form.set("kind", "document");
      form.set(
        "file",
        new File([ascii("\x89PNG\r\n\x1a\nxxxx")], "bilde.pdf", { type: "application/pdf" }),
      );
      const response = await app.request("/implementering/kompetanse/ny", {
        method: "POST",
        headers,
        body: form,
      });
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain(nb.implementation.training.materials.errors.fileType);
      expect(html).toContain('value="Et bilde som dokument"');
    });
  });
});
