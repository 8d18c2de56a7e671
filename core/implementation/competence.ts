import { and, asc, count, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "../../db/client.ts";
import { competenceMaterials, coreComponents } from "../../db/schema/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import { assertCan, can } from "../access/policy.ts";
import { recordAudit } from "../audit/audit.ts";
import { AppError } from "../errors.ts";
import { markdownToText, renderMarkdown } from "../guide/markdown.ts";
import { parseInput } from "../platform/validation.ts";
import {
  cleanFileName,
  COMPETENCE_DOCUMENT_MAX_BYTES,
  isHttpsUrl,
  MATERIAL_DESCRIPTION_MAX,
  MATERIAL_TEXT_MAX,
  MATERIAL_TITLE_MAX,
  MATERIAL_URL_MAX,
  materialKinds,
  MATERIALS_PAGE_SIZE,
  sniffDocument,
  type MaterialKind,
} from "./competence-rules.ts";
import { asStaff, type StaffActor } from "./scope.ts";
import { componentOptions } from "./training.ts";

export * from "./competence-rules.ts";

/**
 * The competence portal (kompetanseportal): learning material per core component — texts
 * (Markdown), links, video links and documents (PDF, Word, PowerPoint) — for staff to refresh
 * what they know and for new employees' training (the Strand plan's "Videre satsingsområder",
 * point 3). Everyone with competence.use reads it; the coordinator (implementation.manage)
 * keeps it. Downloading a document is audited; a document is always served as a download.
 */

const P = "implementation.training.materials.errors";

export interface UploadedFile {
  bytes: Uint8Array;
  name: string;
}

// ---------------------------------------------------------------- validation

const blank = (value: unknown) =>
  value === undefined || value === null || (typeof value === "string" && value.trim() === "");

const text = (max: number) =>
  z.preprocess(
    (value) => (value === undefined || value === null ? "" : value),
    z.string().trim().max(max, { message: "errors.tooLong" }),
  );

const materialSchema = z
  .object({
    title: z.preprocess(
      (value) => (value === undefined || value === null ? "" : value),
      z
        .string()
        .trim()
        .min(1, { message: `${P}.title` })
        .max(MATERIAL_TITLE_MAX, { message: "errors.tooLong" }),
    ),
    kind: z.enum(materialKinds, { message: `${P}.kind` }),
    body: text(MATERIAL_TEXT_MAX),
    url: z.preprocess(
      (value) => (blank(value) ? null : typeof value === "string" ? value.trim() : value),
      z
        .string()
        .max(MATERIAL_URL_MAX, { message: `${P}.url` })
        .nullable(),
    ),
    componentId: z.preprocess(
      (value) => (blank(value) ? null : value),
      z.guid({ message: `${P}.component` }).nullable(),
    ),
  })
  .superRefine((value, context) => {
    if (value.kind === "text" && value.body === "") {
      context.addIssue({ code: "custom", path: ["body"], message: `${P}.textRequired` });
    }
    if (value.kind !== "text" && value.body.length > MATERIAL_DESCRIPTION_MAX) {
      context.addIssue({ code: "custom", path: ["body"], message: "errors.tooLong" });
    }
    if (value.kind === "link" || value.kind === "video") {
      if (!value.url || !isHttpsUrl(value.url)) {
        context.addIssue({ code: "custom", path: ["url"], message: `${P}.url` });
      }
    }
  });

type MaterialInput = z.infer<typeof materialSchema>;

function assertId(id: string): void {
  if (!z.guid().safeParse(id).success) throw new AppError("not_found", "errors.notFound");
}

function reader(actor: Actor): StaffActor {
  const staff = asStaff(actor);
  assertCan(staff, "competence.use");
  return staff;
}

function keeper(actor: Actor): StaffActor {
  const staff = asStaff(actor);
  assertCan(staff, "implementation.manage");
  return staff;
}

/** Checks an uploaded document; returns what to store. */
function checkDocument(file: UploadedFile): {
  fileData: Buffer;
  fileName: string;
  fileType: string;
  fileSize: number;
} {
  if (file.bytes.length > COMPETENCE_DOCUMENT_MAX_BYTES) {
    throw new AppError("validation", "errors.validation", {
      fieldErrors: { file: `${P}.fileTooLarge` },
    });
  }
  const sniffed = sniffDocument(file.bytes, file.name);
  if (!sniffed) {
    throw new AppError("validation", "errors.validation", {
      fieldErrors: { file: `${P}.fileType` },
    });
  }
  return {
    fileData: Buffer.from(file.bytes),
    fileName: cleanFileName(file.name, sniffed.extension),
    fileType: sniffed.type,
    fileSize: file.bytes.length,
  };
}

async function assertComponent(tx: Tx, tenantId: string, componentId: string | null) {
  if (!componentId) return;
  const [row] = await tx
    .select({ id: coreComponents.id })
    .from(coreComponents)
    .where(and(eq(coreComponents.tenantId, tenantId), eq(coreComponents.id, componentId)));
  if (!row) {
    throw new AppError("validation", "errors.validation", {
      fieldErrors: { componentId: `${P}.component` },
    });
  }
}

/** The columns a save writes: fields that do not belong to the kind are cleared. */
function rowValues(values: MaterialInput) {
  const isLink = values.kind === "link" || values.kind === "video";
  return {
    kind: values.kind,
    title: values.title,
    body: values.body,
    url: isLink ? values.url : null,
    componentId: values.componentId,
  };
}

const noFile = { fileData: null, fileName: null, fileType: null, fileSize: null };

// ---------------------------------------------------------------- reading

/** Columns without the file's bytes: lists never load documents. */
const listColumns = {
  id: competenceMaterials.id,
  kind: competenceMaterials.kind,
  title: competenceMaterials.title,
  body: competenceMaterials.body,
  url: competenceMaterials.url,
  fileName: competenceMaterials.fileName,
  fileType: competenceMaterials.fileType,
  fileSize: competenceMaterials.fileSize,
  componentId: competenceMaterials.componentId,
  updatedAt: competenceMaterials.updatedAt,
};

export interface MaterialSummary {
  id: string;
  kind: MaterialKind;
  title: string;
  /** The description (or, for a text, its start) as plain text, at most 200 characters. */
  summary: string;
  fileType: string | null;
  fileSize: number | null;
}

export interface PortalGroup {
  /** null: "Generelt", material not tied to a core component. */
  componentId: string | null;
  title: string | null;
  description: string;
  materials: MaterialSummary[];
}

function plainSummary(row: { kind: string; body: string }): string {
  const plain = (row.kind === "text" ? markdownToText(row.body) : row.body)
    .replace(/\s+/g, " ")
    .trim();
  return plain.length > 200 ? `${plain.slice(0, 197).trimEnd()}…` : plain;
}

function summaryOf(row: {
  id: string;
  kind: string;
  title: string;
  body: string;
  fileType: string | null;
  fileSize: number | null;
}): MaterialSummary {
  return {
    id: row.id,
    kind: row.kind as MaterialKind,
    title: row.title,
    summary: plainSummary(row),
    fileType: row.fileType,
    fileSize: row.fileSize,
  };
}

/**
 * The portal: material grouped per core component in the components' order, then "Generelt"
 * for material tied to none. Components without material are left out.
 */
export async function listCompetencePortal(input: {
  database: Database;
  actor: Actor;
}): Promise<{ groups: PortalGroup[]; canManage: boolean }> {
  const actor = reader(input.actor);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const components = await tx
      .select({
        id: coreComponents.id,
        title: coreComponents.title,
        description: coreComponents.description,
      })
      .from(coreComponents)
      .where(eq(coreComponents.tenantId, actor.tenantId))
      .orderBy(asc(coreComponents.position), asc(coreComponents.title));
    const rows = await tx
      .select(listColumns)
      .from(competenceMaterials)
      .where(eq(competenceMaterials.tenantId, actor.tenantId))
      .orderBy(
        asc(competenceMaterials.position),
        asc(competenceMaterials.title),
        asc(competenceMaterials.id),
      );
    const groups: PortalGroup[] = components.map((component) => ({
      componentId: component.id,
      title: component.title,
      description: component.description,
      materials: rows.filter((row) => row.componentId === component.id).map(summaryOf),
    }));
    groups.push({
      componentId: null,
      title: null,
      description: "",
      materials: rows.filter((row) => row.componentId === null).map(summaryOf),
    });
    return {
      groups: groups.filter((group) => group.materials.length > 0),
      canManage: can(actor, "implementation.manage"),
    };
  });
}

export interface MaterialDetails extends MaterialSummary {
  body: string;
  /** The rendered Markdown of a text material (raw HTML disabled, unsafe links refused). */
  bodyHtml: string | null;
  url: string | null;
  fileName: string | null;
  componentId: string | null;
  componentTitle: string | null;
  updatedAt: string;
}

async function loadMaterial(tx: Tx, tenantId: string, materialId: string) {
  assertId(materialId);
  const [row] = await tx
    .select(listColumns)
    .from(competenceMaterials)
    .where(and(eq(competenceMaterials.tenantId, tenantId), eq(competenceMaterials.id, materialId)));
  if (!row) throw new AppError("not_found", "errors.notFound");
  return row;
}

async function detailsOf(
  tx: Tx,
  tenantId: string,
  row: Awaited<ReturnType<typeof loadMaterial>>,
): Promise<MaterialDetails> {
  let componentTitle: string | null = null;
  if (row.componentId) {
    const [component] = await tx
      .select({ title: coreComponents.title })
      .from(coreComponents)
      .where(and(eq(coreComponents.tenantId, tenantId), eq(coreComponents.id, row.componentId)));
    componentTitle = component?.title ?? null;
  }
  return {
    ...summaryOf(row),
    body: row.body,
    bodyHtml: row.kind === "text" ? renderMarkdown(row.body) : null,
    url: row.url,
    fileName: row.fileName,
    componentId: row.componentId,
    componentTitle,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** One material, for the portal's material page. */
export async function getCompetenceMaterial(input: {
  database: Database;
  actor: Actor;
  materialId: string;
}): Promise<{ material: MaterialDetails; canManage: boolean }> {
  const actor = reader(input.actor);
  return input.database.tenant(actor.tenantId, async (tx) => ({
    material: await detailsOf(
      tx,
      actor.tenantId,
      await loadMaterial(tx, actor.tenantId, input.materialId),
    ),
    canManage: can(actor, "implementation.manage"),
  }));
}

/** A document's bytes, to download; the read is audited (competence.document_viewed). */
export async function getCompetenceDocument(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  materialId: string;
}): Promise<{ bytes: Buffer; name: string; type: string }> {
  const actor = reader(input.actor);
  assertId(input.materialId);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const [row] = await tx
      .select({
        id: competenceMaterials.id,
        kind: competenceMaterials.kind,
        fileData: competenceMaterials.fileData,
        fileName: competenceMaterials.fileName,
        fileType: competenceMaterials.fileType,
      })
      .from(competenceMaterials)
      .where(
        and(
          eq(competenceMaterials.tenantId, actor.tenantId),
          eq(competenceMaterials.id, input.materialId),
        ),
      );
    if (!row || row.kind !== "document" || !row.fileData || !row.fileName || !row.fileType) {
      throw new AppError("not_found", "errors.notFound");
    }
    await recordAudit(tx, {
      type: "competence.document_viewed",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "competence_material", id: row.id },
    });
    return { bytes: Buffer.from(row.fileData), name: row.fileName, type: row.fileType };
  });
}

// ---------------------------------------------------------------- keeping the portal

export interface MaterialListItem extends MaterialSummary {
  componentTitle: string | null;
}

/** The coordinator's list of all material, by component order then title, 25 a page. */
export async function listCompetenceMaterials(input: {
  database: Database;
  actor: Actor;
  page?: number;
}): Promise<{ items: MaterialListItem[]; page: number; pages: number; total: number }> {
  const actor = keeper(input.actor);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const where = eq(competenceMaterials.tenantId, actor.tenantId);
    const [totals] = await tx.select({ total: count() }).from(competenceMaterials).where(where);
    const total = totals?.total ?? 0;
    const pages = Math.max(Math.ceil(total / MATERIALS_PAGE_SIZE), 1);
    const requested = Number.isInteger(input.page) ? input.page! : 1;
    const page = Math.min(Math.max(requested, 1), pages);
    const rows = await tx
      .select({ ...listColumns, componentTitle: coreComponents.title })
      .from(competenceMaterials)
      .leftJoin(coreComponents, eq(coreComponents.id, competenceMaterials.componentId))
      .where(where)
      .orderBy(
        sql`${coreComponents.position} asc nulls last`,
        asc(competenceMaterials.title),
        asc(competenceMaterials.id),
      )
      .limit(MATERIALS_PAGE_SIZE)
      .offset((page - 1) * MATERIALS_PAGE_SIZE);
    return {
      items: rows.map((row) => ({ ...summaryOf(row), componentTitle: row.componentTitle })),
      page,
      pages,
      total,
    };
  });
}

/** The core components to choose from on the material form. */
export async function materialFormOptions(input: {
  database: Database;
  actor: Actor;
}): Promise<{ components: { id: string; title: string }[] }> {
  const actor = keeper(input.actor);
  return input.database.tenant(actor.tenantId, async (tx) => ({
    components: await componentOptions(tx, actor.tenantId),
  }));
}

/** One material with the form's options, for the edit page. */
export async function getCompetenceMaterialForEdit(input: {
  database: Database;
  actor: Actor;
  materialId: string;
}): Promise<{ material: MaterialDetails; components: { id: string; title: string }[] }> {
  const actor = keeper(input.actor);
  return input.database.tenant(actor.tenantId, async (tx) => ({
    material: await detailsOf(
      tx,
      actor.tenantId,
      await loadMaterial(tx, actor.tenantId, input.materialId),
    ),
    components: await componentOptions(tx, actor.tenantId),
  }));
}

interface WriteInput {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  values: unknown;
  /** The uploaded document, or null when no file was chosen. */
  file: UploadedFile | null;
}

export async function createCompetenceMaterial(input: WriteInput): Promise<{ id: string }> {
  const actor = keeper(input.actor);
  const values = parseInput(materialSchema, input.values);
  let file = noFile as ReturnType<typeof checkDocument> | typeof noFile;
  if (values.kind === "document") {
    if (!input.file) {
      throw new AppError("validation", "errors.validation", {
        fieldErrors: { file: `${P}.fileRequired` },
      });
    }
    file = checkDocument(input.file);
  }
  return input.database.tenant(actor.tenantId, async (tx) => {
    await assertComponent(tx, actor.tenantId, values.componentId);
    const [row] = await tx
      .insert(competenceMaterials)
      .values({
        tenantId: actor.tenantId,
        ...rowValues(values),
        ...file,
        createdBy: actor.userId,
      })
      .returning({ id: competenceMaterials.id });
    await recordAudit(tx, {
      type: "competence.material_saved",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "competence_material", id: row!.id },
      details: {
        created: true,
        kind: values.kind,
        ...(file.fileSize !== null ? { fileType: file.fileType, fileSize: file.fileSize } : {}),
      },
    });
    return { id: row!.id };
  });
}

const auditedFields = ["kind", "title", "body", "url", "componentId"] as const;

/** Saves a material; a document keeps its file unless a new one is uploaded. */
export async function updateCompetenceMaterial(
  input: WriteInput & { materialId: string },
): Promise<void> {
  const actor = keeper(input.actor);
  assertId(input.materialId);
  const values = parseInput(materialSchema, input.values);
  const replacement = values.kind === "document" && input.file ? checkDocument(input.file) : null;
  await input.database.tenant(actor.tenantId, async (tx) => {
    const before = await loadMaterial(tx, actor.tenantId, input.materialId);
    if (values.kind === "document" && !replacement && before.kind !== "document") {
      throw new AppError("validation", "errors.validation", {
        fieldErrors: { file: `${P}.fileRequired` },
      });
    }
    if (values.kind === "document" && !replacement && !before.fileName) {
      throw new AppError("validation", "errors.validation", {
        fieldErrors: { file: `${P}.fileRequired` },
      });
    }
    await assertComponent(tx, actor.tenantId, values.componentId);
    const next = rowValues(values);
    await tx
      .update(competenceMaterials)
      .set({
        ...next,
        ...(values.kind !== "document" ? noFile : (replacement ?? {})),
        updatedAt: new Date(),
      })
      .where(eq(competenceMaterials.id, before.id));
    const fields: string[] = auditedFields.filter(
      (field) => JSON.stringify(before[field]) !== JSON.stringify(next[field]),
    );
    if (replacement || (values.kind !== "document" && before.fileName)) fields.push("file");
    if (fields.length > 0) {
      await recordAudit(tx, {
        type: "competence.material_saved",
        tenantId: actor.tenantId,
        actor,
        meta: input.meta,
        subject: { type: "competence_material", id: before.id },
        details: {
          fields,
          ...(replacement
            ? { fileType: replacement.fileType, fileSize: replacement.fileSize }
            : {}),
        },
      });
    }
  });
}

export async function deleteCompetenceMaterial(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  materialId: string;
}): Promise<{ title: string }> {
  const actor = keeper(input.actor);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const before = await loadMaterial(tx, actor.tenantId, input.materialId);
    await tx.delete(competenceMaterials).where(eq(competenceMaterials.id, before.id));
    await recordAudit(tx, {
      type: "competence.material_deleted",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "competence_material", id: before.id },
      details: { kind: before.kind },
    });
    return { title: before.title };
  });
}
