/**
 * The content file format (content/README.md): one page per Markdown file with YAML front
 * matter, a folder per language. Parsing, writing, import/export against the database and the
 * link check behind `laget content check`.
 */
import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { and, eq, inArray, sql } from "drizzle-orm";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { z } from "zod";
import type { Database, Tx } from "../../db/client.ts";
import { contentPages, contentVersions } from "../../db/schema/index.ts";
import { noRequestMeta, type Actor, type RequestMeta } from "../access/actor.ts";
import { assertCan } from "../access/policy.ts";
import { recordAudit } from "../audit/audit.ts";
import { AppError } from "../errors.ts";
import { cleanFields, fieldsSchemaFor } from "./fields.ts";
import { audiences, contentKinds, type ContentKind } from "./kinds.ts";
import { markdownLinks } from "./markdown.ts";
import { contentLanguages, contentPathPrefixes, pagePath, slugPattern } from "./paths.ts";

/** One page as written in a file. `verify` is kept in the version's fields in the database. */
export interface ContentFile {
  language: string;
  slug: string;
  kind: ContentKind;
  audience: (typeof audiences)[number];
  title: string;
  summary: string;
  order: number;
  parent?: string;
  translationKey: string;
  verify: boolean;
  fields: Record<string, unknown>;
  body: string;
}

/** Every problem found in a set of files, each naming the file and the field. */
export class ContentFileError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(problems.join("\n"));
    this.name = "ContentFileError";
    this.problems = problems;
  }
}

const frontMatterSchema = z.strictObject({
  slug: z.string().regex(slugPattern),
  kind: z.enum(contentKinds),
  audience: z.enum(audiences),
  title: z.string().trim().min(1).max(200),
  summary: z.string().trim().max(600).default(""),
  order: z.number().int().min(0).max(10_000).default(0),
  parent: z.string().regex(slugPattern).optional(),
  translationKey: z.string().regex(slugPattern).optional(),
  verify: z.boolean().default(false),
  fields: z.record(z.string(), z.unknown()).default({}),
});

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined ? "mangler" : `har feil type (skal være ${issue.expected})`;
    case "invalid_value":
      return `må være en av: ${issue.values.map(String).join(", ")}`;
    case "invalid_format":
      return "har feil format (bruk små bokstaver, tall og bindestrek)";
    case "too_small":
      return issue.origin === "string" ? "kan ikke være tomt" : "er for lite";
    case "too_big":
      return issue.origin === "string" ? "er for langt" : "er for stort";
    case "unrecognized_keys":
      return `har ukjente felt: ${issue.keys.join(", ")}`;
    default:
      return "er ugyldig";
  }
}

function issuesToProblems(file: string, prefix: string, error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const field = [prefix, ...issue.path.map(String)].filter(Boolean).join(".");
    return field
      ? `${file}: feltet «${field}» ${describeIssue(issue)}`
      : `${file}: ${describeIssue(issue)}`;
  });
}

/** Parses one file. Throws ContentFileError with Norwegian messages naming the file and field. */
export function parseContentFile(text: string, fileName: string, language = "nb"): ContentFile {
  const source = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const match = /^---\n([\s\S]*?)\n---(?:\n|$)([\s\S]*)$/.exec(source);
  if (!match) {
    throw new ContentFileError([`${fileName}: mangler front matter (--- øverst og nederst)`]);
  }
  let data: unknown;
  try {
    data = parseYaml(match[1]!);
  } catch (error) {
    throw new ContentFileError([
      `${fileName}: front matter er ikke gyldig YAML: ${(error as Error).message.split("\n")[0]}`,
    ]);
  }
  const front = frontMatterSchema.safeParse(data ?? {}, { reportInput: true });
  if (!front.success) throw new ContentFileError(issuesToProblems(fileName, "", front.error));
  const fields = fieldsSchemaFor(front.data.kind).safeParse(front.data.fields, {
    reportInput: true,
  });
  if (!fields.success) {
    throw new ContentFileError(issuesToProblems(fileName, "fields", fields.error));
  }
  if ("verify" in front.data.fields) {
    throw new ContentFileError([`${fileName}: feltet «verify» skal stå øverst, ikke i «fields»`]);
  }
  const { verify, fields: _fields, order, ...rest } = front.data;
  return {
    ...rest,
    language,
    order,
    translationKey: front.data.translationKey ?? front.data.slug,
    verify,
    fields: cleanFields(fields.data),
    body: match[2]!.replace(/^\n+/, "").trimEnd(),
  };
}

/** Writes one file; the same page always gives the same bytes. */
export function serialiseContentFile(file: ContentFile): string {
  const doc: Record<string, unknown> = {
    slug: file.slug,
    kind: file.kind,
    audience: file.audience,
    title: file.title,
    summary: file.summary,
    order: file.order,
  };
  if (file.parent) doc.parent = file.parent;
  doc.translationKey = file.translationKey;
  doc.verify = file.verify;
  const fields = cleanFields({ ...file.fields, verify: undefined });
  if (Object.keys(fields).length > 0) doc.fields = fields;
  const yaml = stringifyYaml(doc, { lineWidth: 0 });
  return `---\n${yaml}---\n\n${file.body}\n`;
}

const kindFolder: Record<ContentKind, string> = {
  model: "modell",
  level: "veileder",
  step: "veileder",
  routine: "rutiner",
  tool: "verktoy",
  term: "ordliste",
  youth: "ung",
  guardian: "foresatte",
  article: "om",
};

/** Where export writes a page, relative to the export folder: `<language>/<folder>/<slug>.md`. */
export function exportPath(file: Pick<ContentFile, "language" | "kind" | "slug" | "parent">) {
  const folder =
    file.kind === "step" && file.parent ? `veileder/${file.parent}` : kindFolder[file.kind];
  return `${file.language}/${folder}/${file.slug}.md`;
}

async function markdownFilesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const found: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await markdownFilesUnder(full)));
    else if (entry.isFile() && entry.name.endsWith(".md")) found.push(full);
  }
  return found;
}

export interface ReadContentFile {
  /** The path as found (dir joined with the file's place), for messages. */
  path: string;
  file: ContentFile;
}

/**
 * Reads every page under `dir`: either a content folder with one subfolder per language
 * (content/), or one language folder itself (content/nb). Other folders (content/demo) are skipped.
 */
export async function readContentFiles(dir: string): Promise<ReadContentFile[]> {
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) throw new ContentFileError([`${dir}: mappen finnes ikke`]);
  const own = path.basename(path.resolve(dir));
  const languageDirs: [string, string][] = (contentLanguages as readonly string[]).includes(own)
    ? [[own, dir]]
    : (
        await Promise.all(
          contentLanguages.map(async (language): Promise<[string, string] | null> => {
            const sub = path.join(dir, language);
            return (await stat(sub).catch(() => null))?.isDirectory() ? [language, sub] : null;
          }),
        )
      ).filter((entry): entry is [string, string] => entry !== null);
  const problems: string[] = [];
  const files: ReadContentFile[] = [];
  for (const [language, languageDir] of languageDirs) {
    for (const filePath of await markdownFilesUnder(languageDir)) {
      try {
        const text = await readFile(filePath, "utf8");
        files.push({ path: filePath, file: parseContentFile(text, filePath, language) });
      } catch (error) {
        if (error instanceof ContentFileError) problems.push(...error.problems);
        else throw error;
      }
    }
  }
  const seen = new Map<string, string>();
  for (const { path: filePath, file } of files) {
    const key = `${file.language}/${file.slug}`;
    const other = seen.get(key);
    if (other) {
      problems.push(`${filePath}: feltet «slug» (${file.slug}) er også brukt i ${other}`);
    }
    seen.set(key, filePath);
  }
  if (problems.length > 0) throw new ContentFileError(problems);
  return files;
}

// ---------------------------------------------------------------- database

function assertImportExport(actor: Actor, tenantId: string): void {
  assertCan(actor, "guide.edit");
  if (actor.tenantId !== null && actor.tenantId !== tenantId) {
    throw new AppError("not_found", "errors.notFound");
  }
}

function versionFields(file: ContentFile): Record<string, unknown> {
  return cleanFields({ ...file.fields, verify: file.verify || undefined });
}

const stableJson = (value: Record<string, unknown>) => JSON.stringify(cleanFields(value));

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * Creates or updates pages from files inside the caller's transaction. A file whose text
 * differs from the published version becomes a new published version ("Importert"); an
 * unchanged file changes nothing. One audit event with the counts, not one per file.
 */
export async function importContentFiles(
  tx: Tx,
  options: {
    tenantId: string;
    actor: Actor;
    meta?: RequestMeta;
    files: ReadContentFile[];
  },
): Promise<ImportResult> {
  const { tenantId, files } = options;
  const userId = options.actor.kind === "staff" ? options.actor.userId : null;
  const existingRows = await tx
    .select({ page: contentPages, version: contentVersions })
    .from(contentPages)
    .leftJoin(contentVersions, eq(contentVersions.id, contentPages.publishedVersionId))
    .where(eq(contentPages.tenantId, tenantId));
  const existing = new Map<string, (typeof existingRows)[number]>(
    existingRows.map((row) => [`${row.page.language}/${row.page.slug}`, row]),
  );
  const problems: string[] = [];
  for (const { path: filePath, file } of files) {
    if (
      file.parent &&
      !files.some(
        (other) => other.file.language === file.language && other.file.slug === file.parent,
      ) &&
      !existing.has(`${file.language}/${file.parent}`)
    ) {
      problems.push(`${filePath}: feltet «parent» peker på ${file.parent}, som ikke finnes`);
    }
    if (file.parent === file.slug) {
      problems.push(`${filePath}: feltet «parent» kan ikke peke på siden selv`);
    }
  }
  if (problems.length > 0) throw new ContentFileError(problems);

  const result: ImportResult = { created: 0, updated: 0, unchanged: 0 };
  const now = new Date();
  const idByKey = new Map<string, string>(
    existingRows.map((row) => [`${row.page.language}/${row.page.slug}`, row.page.id]),
  );
  const touched = new Set<string>();

  // New pages in two statements, whatever their number: seeding stays fast.
  const fresh = files.filter(({ file }) => !existing.has(`${file.language}/${file.slug}`));
  if (fresh.length > 0) {
    const pages = await tx
      .insert(contentPages)
      .values(
        fresh.map(({ file }) => ({
          tenantId,
          slug: file.slug,
          kind: file.kind,
          audience: file.audience,
          language: file.language,
          translationKey: file.translationKey,
          sortOrder: file.order,
        })),
      )
      .returning({ id: contentPages.id, slug: contentPages.slug, language: contentPages.language });
    for (const page of pages) idByKey.set(`${page.language}/${page.slug}`, page.id);
    await tx.insert(contentVersions).values(
      fresh.map(({ file }) => ({
        tenantId,
        pageId: idByKey.get(`${file.language}/${file.slug}`)!,
        number: 1,
        state: "published",
        title: file.title,
        summary: file.summary,
        body: file.body,
        fields: versionFields(file),
        createdBy: userId,
        approvedBy: userId,
        approvedAt: now,
        publishedAt: now,
      })),
    );
    await tx.execute(sql`
      update content_pages set published_version_id = v.id
      from content_versions v
      where v.page_id = content_pages.id and v.number = 1
        and content_pages.id in (${sql.join(
          pages.map((page) => sql`${page.id}::uuid`),
          sql`, `,
        )})`);
    result.created = fresh.length;
  }

  for (const { file } of files) {
    const key = `${file.language}/${file.slug}`;
    const row = existing.get(key);
    if (!row) continue;
    const { page, version } = row;
    const textChanged =
      !version ||
      version.title !== file.title ||
      version.summary !== file.summary ||
      version.body !== file.body ||
      stableJson(version.fields) !== stableJson(versionFields(file));
    const pageChanged =
      page.kind !== file.kind ||
      page.audience !== file.audience ||
      page.sortOrder !== file.order ||
      page.translationKey !== file.translationKey ||
      page.archived;
    if (!textChanged && !pageChanged) continue;
    touched.add(key);
    let publishedVersionId = page.publishedVersionId;
    if (textChanged) {
      const [max] = await tx
        .select({ n: sql<number>`coalesce(max(${contentVersions.number}), 0)` })
        .from(contentVersions)
        .where(eq(contentVersions.pageId, page.id));
      if (page.publishedVersionId) {
        await tx
          .update(contentVersions)
          .set({ state: "superseded" })
          .where(eq(contentVersions.id, page.publishedVersionId));
      }
      const [created] = await tx
        .insert(contentVersions)
        .values({
          tenantId,
          pageId: page.id,
          number: Number(max?.n ?? 0) + 1,
          state: "published",
          title: file.title,
          summary: file.summary,
          body: file.body,
          fields: versionFields(file),
          changeNote: "Importert",
          createdBy: userId,
          approvedBy: userId,
          approvedAt: now,
          publishedAt: now,
        })
        .returning({ id: contentVersions.id });
      publishedVersionId = created!.id;
    }
    await tx
      .update(contentPages)
      .set({
        kind: file.kind,
        audience: file.audience,
        sortOrder: file.order,
        translationKey: file.translationKey,
        archived: false,
        publishedVersionId,
        lockVersion: page.lockVersion + 1,
        updatedAt: now,
      })
      .where(eq(contentPages.id, page.id));
  }

  // Parents last: a file may name a parent that was only created above.
  const parentById = new Map(existingRows.map((row) => [row.page.id, row.page.parentId]));
  for (const { file } of files) {
    const key = `${file.language}/${file.slug}`;
    const id = idByKey.get(key)!;
    const parentId = file.parent ? idByKey.get(`${file.language}/${file.parent}`)! : null;
    if ((parentById.get(id) ?? null) === parentId) continue;
    await tx
      .update(contentPages)
      .set({ parentId, updatedAt: now })
      .where(and(eq(contentPages.tenantId, tenantId), eq(contentPages.id, id)));
    if (existing.has(key)) touched.add(key);
  }

  result.updated = touched.size;
  result.unchanged = files.length - result.created - result.updated;
  await recordAudit(tx, {
    type: "content.imported",
    tenantId,
    actor: options.actor,
    meta: options.meta ?? noRequestMeta,
    details: { ...result },
  });
  return result;
}

/** Imports a content folder (see readContentFiles) into a municipality in one transaction. */
export async function importContent(input: {
  database: Database;
  actor: Actor;
  tenantId: string;
  dir: string;
  meta?: RequestMeta;
}): Promise<ImportResult> {
  assertImportExport(input.actor, input.tenantId);
  const files = await readContentFiles(input.dir);
  return input.database.tenant(input.tenantId, (tx) =>
    importContentFiles(tx, {
      tenantId: input.tenantId,
      actor: input.actor,
      meta: input.meta,
      files,
    }),
  );
}

/** The published pages of a municipality as files (archived and unpublished pages are left out). */
export async function contentFilesOf(tx: Tx, tenantId: string): Promise<ContentFile[]> {
  const rows = await tx
    .select({ page: contentPages, version: contentVersions })
    .from(contentPages)
    .innerJoin(contentVersions, eq(contentVersions.id, contentPages.publishedVersionId))
    .where(and(eq(contentPages.tenantId, tenantId), eq(contentPages.archived, false)));
  const parents = await tx
    .select({ id: contentPages.id, slug: contentPages.slug })
    .from(contentPages)
    .where(
      and(
        eq(contentPages.tenantId, tenantId),
        inArray(
          contentPages.id,
          rows
            .map((row) => row.page.parentId)
            .filter((id): id is string => id !== null)
            .concat(["00000000-0000-0000-0000-000000000000"]),
        ),
      ),
    );
  const slugOf = new Map(parents.map((parent) => [parent.id, parent.slug]));
  return rows
    .map(({ page, version }): ContentFile => {
      const { verify, ...fields } = version.fields;
      const parent = page.parentId ? slugOf.get(page.parentId) : undefined;
      return {
        language: page.language,
        slug: page.slug,
        kind: page.kind as ContentKind,
        audience: page.audience as ContentFile["audience"],
        title: version.title,
        summary: version.summary,
        order: page.sortOrder,
        ...(parent ? { parent } : {}),
        translationKey: page.translationKey,
        verify: verify === true,
        fields: cleanFields(fields),
        body: version.body,
      };
    })
    .sort((a, b) => exportPath(a).localeCompare(exportPath(b)));
}

/** Writes every published page to `dir/<language>/<folder>/<slug>.md`. Returns the paths written. */
export async function exportContent(input: {
  database: Database;
  actor: Actor;
  tenantId: string;
  dir: string;
}): Promise<string[]> {
  assertImportExport(input.actor, input.tenantId);
  const files = await input.database.tenant(input.tenantId, (tx) =>
    contentFilesOf(tx, input.tenantId),
  );
  const written: string[] = [];
  for (const file of files) {
    const target = path.join(input.dir, exportPath(file));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, serialiseContentFile(file), "utf8");
    written.push(target);
  }
  return written;
}

// ---------------------------------------------------------------- link check

export interface CheckablePage {
  /** The file the page came from, for messages. */
  file?: string;
  slug: string;
  kind: string;
  language?: string;
  body: string;
  fields?: Record<string, unknown>;
}

export interface ContentProblem {
  file: string;
  slug: string;
  problem: "broken_link" | "missing_alt" | "unknown_tool";
  target: string;
}

/** Paths that are pages of the app, not content pages, and may be linked to. */
const appPaths = new Set(["/veileder/ordliste"]);

/**
 * Internal links that point to no page, images without alt text and step tools that name no
 * tool page. Links are checked within the page's own language.
 */
export function checkContent(input: { pages: CheckablePage[] }): ContentProblem[] {
  const languageOf = (page: CheckablePage) => page.language ?? "nb";
  const paths = new Set(input.pages.map((page) => `${languageOf(page)}:${pagePath(page)}`));
  const terms = new Set(
    input.pages.filter((page) => page.kind === "term").map((p) => `${languageOf(p)}:${p.slug}`),
  );
  const tools = new Set(
    input.pages.filter((page) => page.kind === "tool").map((p) => `${languageOf(p)}:${p.slug}`),
  );
  const problems: ContentProblem[] = [];
  for (const page of input.pages) {
    const language = languageOf(page);
    const report = (problem: ContentProblem["problem"], target: string) =>
      problems.push({
        file: page.file ?? `${language}/${page.slug}`,
        slug: page.slug,
        problem,
        target,
      });
    for (const link of markdownLinks(page.body)) {
      if (link.image) {
        if (link.text.trim() === "") report("missing_alt", link.href);
        continue;
      }
      if (!contentPathPrefixes.some((prefix) => link.href.startsWith(prefix))) continue;
      const [withoutQuery = ""] = link.href.split("?");
      const [target = "", anchor] = withoutQuery.split("#");
      const clean = target.replace(/\/+$/, "");
      if (clean === "/veileder" || clean === "/ung" || clean === "/foresatte") continue;
      if (clean === "/veileder/ordliste") {
        // The glossary index: an anchor names a term.
        if (anchor && !terms.has(`${language}:${anchor}`)) report("broken_link", link.href);
        continue;
      }
      if (appPaths.has(clean)) continue;
      if (!paths.has(`${language}:${clean}`)) report("broken_link", link.href);
    }
    const pageTools = page.kind === "step" ? page.fields?.tools : undefined;
    if (Array.isArray(pageTools)) {
      for (const tool of pageTools) {
        if (!tools.has(`${language}:${String(tool)}`)) report("unknown_tool", String(tool));
      }
    }
  }
  return problems;
}

/** A problem as one Norwegian line for the CLI. */
export function describeProblem(problem: ContentProblem): string {
  switch (problem.problem) {
    case "broken_link":
      return `${problem.file}: lenken ${problem.target} peker ikke på noen side`;
    case "missing_alt":
      return `${problem.file}: bildet ${problem.target} mangler alternativ tekst`;
    case "unknown_tool":
      return `${problem.file}: feltet «fields.tools» nevner ${problem.target}, som ikke er en verktøyside`;
  }
}

/** Reads a content folder and checks it: parse errors come first, as problems of their own. */
export async function checkContentDir(dir: string): Promise<string[]> {
  let files: ReadContentFile[];
  try {
    files = await readContentFiles(dir);
  } catch (error) {
    if (error instanceof ContentFileError) return error.problems;
    throw error;
  }
  return checkContent({
    pages: files.map(({ path: file, file: page }) => ({ ...page, file })),
  }).map(describeProblem);
}
