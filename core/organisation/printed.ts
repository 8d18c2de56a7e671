import { sql } from "drizzle-orm";
import type { Database, Tx } from "../../db/client.ts";
import { htmlLang, translator, type Language } from "../../i18n/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import { can } from "../access/policy.ts";
import { recordAudit } from "../audit/audit.ts";
import { AppError } from "../errors.ts";
import { queryRows } from "../guide/search.ts";
import { getTenant } from "../tenants/tenants.ts";
import {
  renderGuardianLeaflet,
  renderPoster,
  renderStaffLeaflet,
  type PrintContext,
  type PrintedLevel,
  type PrintedPage,
} from "./printed-pdf.ts";
import {
  GUARDIAN_PAGES_PATH,
  levelNumber,
  liveAddress,
  printedDocuments,
  printedDocumentSpecs,
  printedHref,
  STAFF_GUIDE_PATH,
  type PrintedDocument,
} from "./printed-rules.ts";

/**
 * Printed material from the published guide (issue 8, ADR 0025): the page that tells what each
 * PDF holds and from which published versions, and the PDFs themselves, drawn on each request
 * from the versions in state «published» (never a draft or a version under review). Reading is
 * implementation.view, or guide.edit for those who write the guide; the page view and every
 * download are audited. No child's data is involved.
 */

type StaffActor = Extract<Actor, { kind: "staff" }>;

/** The guide's translation key of «Hva er BTI?», printed on the staff leaflet's cover when published. */
const BTI_INTRO_KEY = "hva-er-bti";

export function canPrint(actor: Actor | null): boolean {
  return actor?.kind === "staff" && (can(actor, "implementation.view") || can(actor, "guide.edit"));
}

function printer(actor: Actor): StaffActor {
  if (actor.kind !== "staff" || !canPrint(actor))
    throw new AppError("forbidden", "errors.forbidden");
  return actor;
}

// --------------------------------------------------------------- sources

const staffAudiences = ["public", "internal"];
const guardianAudiences = ["public"];

/**
 * The newest published version of each page of these kinds and audiences, in the language asked
 * for, bokmål where a page has no translation (as the guide PDF does). Drafts, versions under
 * review and archived pages are never read.
 */
async function publishedPages(
  tx: Tx,
  input: { tenantId: string; language: Language; kinds: string[]; audiences: string[] },
): Promise<PrintedPage[]> {
  const kinds = sql.join(
    input.kinds.map((kind) => sql`${kind}`),
    sql`, `,
  );
  const audiences = sql.join(
    input.audiences.map((audience) => sql`${audience}`),
    sql`, `,
  );
  const rows = await queryRows<Omit<PrintedPage, "publishedAt"> & { publishedAt: string | null }>(
    tx,
    sql`
    select p.id::text as id, p.parent_id::text as "parentId", p.slug, p.kind, p.audience,
      p.language, p.translation_key as "translationKey", p.sort_order as "sortOrder",
      v.title, v.summary, v.body, v.fields, v.number as version,
      to_char(v.published_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "publishedAt"
    from content_pages p
    join content_versions v on v.page_id = p.id and v.state = 'published'
    where p.tenant_id = ${input.tenantId} and not p.archived
      and p.kind in (${kinds}) and p.audience in (${audiences})
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
  return rows.map((row) => ({
    ...row,
    sortOrder: Number(row.sortOrder),
    version: Number(row.version),
    fields: row.fields ?? {},
    publishedAt: row.publishedAt ? new Date(row.publishedAt) : null,
  }));
}

export interface StaffSources {
  levels: PrintedLevel[];
  models: PrintedPage[];
  btiIntro: PrintedPage | null;
}

/** Levels in the guide's order with their steps; the model pages root first; «Hva er BTI?». */
export function staffSources(pages: PrintedPage[]): StaffSources {
  const levels = pages
    .filter((page) => page.kind === "level")
    .map((page, index) => ({
      number: levelNumber(page, index),
      page,
      steps: pages.filter((step) => step.kind === "step" && step.parentId === page.id),
    }));
  const modelPages = pages.filter((page) => page.kind === "model");
  const modelIds = new Set(modelPages.map((page) => page.id));
  const roots = modelPages.filter((page) => !page.parentId || !modelIds.has(page.parentId));
  const models = roots.flatMap((root) => [
    root,
    ...modelPages.filter((page) => page.parentId === root.id),
  ]);
  const btiIntro =
    pages.find((page) => page.kind === "article" && page.translationKey === BTI_INTRO_KEY) ?? null;
  return { levels, models, btiIntro };
}

/** The guardian pages depth first: each start page, then the pages under it, in the guide's order. */
export function guardianSources(pages: PrintedPage[]): PrintedPage[] {
  const guardian = pages.filter((page) => page.kind === "guardian");
  const ids = new Set(guardian.map((page) => page.id));
  const ordered: PrintedPage[] = [];
  const visit = (page: PrintedPage) => {
    ordered.push(page);
    for (const child of guardian.filter((other) => other.parentId === page.id)) visit(child);
  };
  for (const root of guardian.filter((page) => !page.parentId || !ids.has(page.parentId)))
    visit(root);
  return ordered;
}

interface Loaded {
  staff: StaffSources;
  guardians: PrintedPage[];
}

async function loadSources(
  tx: Tx,
  tenantId: string,
  language: Language,
  documents: readonly PrintedDocument[],
): Promise<Loaded> {
  const needsStaff = documents.some((document) => document !== "guardianLeaflet");
  const staffPages = needsStaff
    ? await publishedPages(tx, {
        tenantId,
        language,
        kinds: ["level", "step", "model", "article"],
        audiences: staffAudiences,
      })
    : [];
  const guardianPages = documents.includes("guardianLeaflet")
    ? await publishedPages(tx, {
        tenantId,
        language,
        kinds: ["guardian"],
        audiences: guardianAudiences,
      })
    : [];
  return {
    staff: staffSources(
      staffPages.filter((page) => page.kind !== "article" || page.translationKey === BTI_INTRO_KEY),
    ),
    guardians: guardianSources(guardianPages),
  };
}

/** The pages a document is built from, in the order it prints them. */
function sourcesOf(document: PrintedDocument, loaded: Loaded): PrintedPage[] {
  const { levels, models, btiIntro } = loaded.staff;
  switch (document) {
    case "poster":
      return levels.flatMap((level) => [level.page, ...level.steps]);
    case "staffLeaflet": {
      const first = levels.find((level) => level.steps.length > 0);
      return [
        ...(btiIntro ? [btiIntro] : []),
        ...models,
        ...levels.map((level) => level.page),
        ...(first?.steps ?? []),
      ];
    }
    case "guardianLeaflet":
      return loaded.guardians;
  }
}

/** Why a document cannot be made yet (a catalog key), or null when it can. */
function missingKey(document: PrintedDocument, loaded: Loaded): string | null {
  if (document === "guardianLeaflet")
    return loaded.guardians.length === 0 ? "organisation.printed.noGuardianPages" : null;
  return loaded.staff.levels.length === 0 ? "organisation.printed.noLevels" : null;
}

function newest(pages: PrintedPage[]): Date | null {
  let latest: Date | null = null;
  for (const page of pages) {
    if (page.publishedAt && (!latest || page.publishedAt > latest)) latest = page.publishedAt;
  }
  return latest;
}

/** The language the documents are written in: the reader's, when the guide has pages in it. */
function documentLanguage(pages: PrintedPage[], asked: Language): Language {
  return asked === "nb" || pages.some((page) => page.language === asked) ? asked : "nb";
}

const printDates = new Map<Language, Intl.DateTimeFormat>();

/** «3. mars 2026»: a day written out, in Norway's time zone. */
export function printDate(date: Date, language: Language): string {
  let format = printDates.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language === "en" ? "en-GB" : "nb-NO", {
      day: "numeric",
      month: "long",
      year: "numeric",
      timeZone: "Europe/Oslo",
    });
    printDates.set(language, format);
  }
  return format.format(date);
}

// --------------------------------------------------------------- the page

export interface PrintedSourceRow {
  id: string;
  title: string;
  kind: string;
  version: number;
  publishedAt: string | null;
}

export interface PrintedDocumentView {
  document: PrintedDocument;
  href: string;
  file: string;
  paper: "A3" | "A5";
  pages: number;
  livePath: string;
  /** Null when the PDF can be made; else the catalog key saying why not. */
  missingKey: string | null;
  sources: PrintedSourceRow[];
  lastPublished: string | null;
}

export interface PrintedOverview {
  documents: PrintedDocumentView[];
  addresses: { staff: string; guardians: string };
  addressFrom: "config" | "request";
  language: Language;
}

/** What each document holds, from which published versions, and the address it prints. */
export async function printedOverview(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  language: Language;
  publicUrl: string | undefined;
  requestUrl: string;
}): Promise<PrintedOverview> {
  const actor = printer(input.actor);
  const tenantId = actor.tenantId;
  return input.database.tenant(tenantId, async (tx) => {
    const loaded = await loadSources(tx, tenantId, input.language, printedDocuments);
    await recordAudit(tx, {
      type: "printed.viewed",
      tenantId,
      actor,
      meta: input.meta,
    });
    const documents = printedDocuments.map((document): PrintedDocumentView => {
      const spec = printedDocumentSpecs[document];
      const sources = sourcesOf(document, loaded);
      const latest = newest(sources);
      return {
        document,
        href: printedHref(document),
        file: spec.file,
        paper: spec.paper,
        pages: spec.pages,
        livePath: spec.livePath,
        missingKey: missingKey(document, loaded),
        sources: sources.map((page) => ({
          id: page.id,
          title: page.title,
          kind: page.kind,
          version: page.version,
          publishedAt: page.publishedAt?.toISOString() ?? null,
        })),
        lastPublished: latest?.toISOString() ?? null,
      };
    });
    const address = (path: string) =>
      liveAddress({ publicUrl: input.publicUrl, requestUrl: input.requestUrl, path });
    return {
      documents,
      addresses: { staff: address(STAFF_GUIDE_PATH), guardians: address(GUARDIAN_PAGES_PATH) },
      addressFrom: input.publicUrl?.trim() ? "config" : "request",
      language: input.language,
    };
  });
}

// --------------------------------------------------------------- the PDFs

export interface PrintedPdf {
  pdf: Buffer;
  filename: string;
  pages: number;
}

/**
 * One of the three PDFs, drawn now from the published versions. A guide without published levels
 * (or guardian pages, for the guardians' leaflet) gives a conflict with a message that says so,
 * never an empty PDF. The download is audited, with the versions it prints, in the transaction that
 * reads them.
 */
export async function printedPdf(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  document: PrintedDocument;
  language: Language;
  publicUrl: string | undefined;
  requestUrl: string;
}): Promise<PrintedPdf> {
  const actor = printer(input.actor);
  const tenantId = actor.tenantId;
  const spec = printedDocumentSpecs[input.document];
  const tenant = await getTenant(input.database, tenantId);
  // The read and its audit share one transaction: the versions recorded are the ones read. The
  // PDF is drawn after it, so no transaction stays open while it renders.
  const { loaded, sources, language } = await input.database.tenant(tenantId, async (tx) => {
    const loaded = await loadSources(tx, tenantId, input.language, [input.document]);
    const missing = missingKey(input.document, loaded);
    if (missing) throw new AppError("conflict", missing);
    const sources = sourcesOf(input.document, loaded);
    const language = documentLanguage(sources, input.language);
    await recordAudit(tx, {
      type: "printed.downloaded",
      tenantId,
      actor,
      meta: input.meta,
      subject: { type: "printed_material", id: input.document },
      details: {
        document: input.document,
        language,
        pages: sources.length,
        versions: sources.map((page) => `${page.id}:${page.version}`),
      },
    });
    return { loaded, sources, language };
  });
  const latest = newest(sources);
  const context: PrintContext = {
    t: translator(language),
    lang: htmlLang[language],
    municipality: tenant.name,
    address: liveAddress({
      publicUrl: input.publicUrl,
      requestUrl: input.requestUrl,
      path: spec.livePath,
    }),
    lastPublished: latest ? printDate(latest, language) : null,
    contact: {
      email: tenant.settings.contactEmail ?? null,
      phone: tenant.settings.contactPhone ?? null,
    },
  };
  let pdf: Buffer;
  switch (input.document) {
    case "poster":
      pdf = await renderPoster(context, loaded.staff.levels);
      break;
    case "staffLeaflet":
      pdf = await renderStaffLeaflet(context, loaded.staff);
      break;
    case "guardianLeaflet":
      pdf = await renderGuardianLeaflet(context, loaded.guardians);
      break;
  }
  return { pdf, filename: spec.file, pages: spec.pages };
}
