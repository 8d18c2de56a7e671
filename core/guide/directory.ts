import { and, arrayOverlaps, asc, desc, eq, gte, lte, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "../../db/client.ts";
import { directoryEntries, units } from "../../db/schema/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import { assertCan, can } from "../access/policy.ts";
import { recordAudit } from "../audit/audit.ts";
import { AppError, type FieldErrors } from "../errors.ts";
import { fieldErrorsFrom } from "../platform/validation.ts";
import { topics, type Topic } from "./kinds.ts";

export type DirectoryEntry = typeof directoryEntries.$inferSelect;

/** The youngest and oldest age the directory knows: children and young people up to 24. */
export const MIN_AGE = 0;
export const MAX_AGE = 24;

const emptyToUndefined = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

/** Optional free text: trimmed, empty becomes "". */
const optionalText = (max: number) =>
  z.preprocess(
    (value) => (value === null || value === undefined ? "" : value),
    z.string().trim().max(max),
  );

/** An optional contact field: empty or missing becomes null. */
const optionalContact = <T extends z.ZodType<string>>(schema: T) =>
  z.preprocess((value) => emptyToUndefined(value) ?? null, schema.nullable());

/** Digits with spaces, dots, hyphens or brackets, optionally a leading +; 3 digits allows 112/113, 15 the ITU maximum. */
const phoneSchema = z
  .string()
  .trim()
  .max(40, { message: "directory.errors.phone" })
  .refine(
    (value) => {
      if (!/^\+?[\d\s().-]+$/.test(value)) return false;
      const digits = value.replace(/\D/g, "").length;
      return digits >= 3 && digits <= 15;
    },
    { message: "directory.errors.phone" },
  );

const emailSchema = z
  .string()
  .trim()
  .max(254, { message: "directory.errors.email" })
  .pipe(z.email({ message: "directory.errors.email" }));

/** Only https: a link from the municipality's own pages must not send people over plain http. */
const websiteSchema = z
  .string()
  .trim()
  .max(500, { message: "directory.errors.website" })
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return url.protocol === "https:" && url.hostname.includes(".") && !url.username;
      } catch {
        return false;
      }
    },
    { message: "directory.errors.website" },
  );

const ageSchema = (fallback: number) =>
  z.preprocess(
    (value) => {
      const present = emptyToUndefined(value);
      if (present === undefined || present === null) return fallback;
      if (typeof present === "string" && /^\s*-?\d+\s*$/.test(present)) return Number(present);
      return present;
    },
    z
      .number({ message: "directory.errors.age" })
      .int({ message: "directory.errors.age" })
      .min(MIN_AGE, { message: "directory.errors.age" })
      .max(MAX_AGE, { message: "directory.errors.age" }),
  );

/** A form posts one checked box as a string and several as an array; the API posts an array. */
const topicsSchema = z.preprocess(
  (value) => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]),
  z
    .array(z.enum(topics, { message: "directory.errors.topic" }))
    .max(topics.length)
    .transform((list) => [...new Set(list)]),
);

/** A checkbox posts "on" when checked and nothing when not; the API sends a boolean. */
const checkboxSchema = z.preprocess(
  (value) =>
    value === undefined || value === null || value === "" || value === "false" ? false : value,
  z.union([z.boolean(), z.enum(["on", "true"]).transform(() => true)]),
);

export const directoryInputSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(120),
    description: optionalText(4000),
    offers: optionalText(2000),
    topics: topicsSchema,
    ageFrom: ageSchema(MIN_AGE),
    ageTo: ageSchema(MAX_AGE),
    phone: optionalContact(phoneSchema),
    email: optionalContact(emailSchema),
    website: optionalContact(websiteSchema),
    address: optionalContact(z.string().trim().max(300)),
    howToRefer: optionalText(2000),
    openingHours: optionalText(500),
    public: checkboxSchema,
    unitId: optionalContact(z.guid({ message: "directory.errors.unit" })),
  })
  .superRefine((values, context) => {
    if (values.ageFrom > values.ageTo) {
      context.addIssue({
        code: "custom",
        path: ["ageTo"],
        message: "directory.errors.ageOrder",
      });
    }
  });

export type DirectoryInput = z.infer<typeof directoryInputSchema>;

/**
 * parseInput with this module's own catalog keys: a schema message starting with
 * `directory.` names the exact text (phone, e-mail, https, ages), anything else gets the
 * platform's generic key.
 */
function parseDirectoryInput(input: unknown): DirectoryInput {
  const result = directoryInputSchema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  // Every field is top-level: a bad topic at topics.2 is reported on "topics", the form's field.
  const fieldErrors: FieldErrors = {};
  for (const [path, key] of Object.entries(fieldErrorsFrom(result.error))) {
    fieldErrors[path.split(".")[0]!] ??= key;
  }
  const seen = new Set<string>();
  for (const issue of result.error.issues) {
    const field = issue.path.length > 0 ? String(issue.path[0]) : "_form";
    if (seen.has(field) || issue.code === "unrecognized_keys") continue;
    seen.add(field);
    if (issue.message.startsWith("directory.")) fieldErrors[field] = issue.message;
  }
  throw new AppError("validation", "errors.validation", { fieldErrors });
}

/** Staff read internal entries too; anonymous visitors and citizens only public ones. */
function seesInternal(viewer: Actor | null): boolean {
  return viewer?.kind === "system" || (viewer?.kind === "staff" && can(viewer, "guide.read"));
}

function tenantOf(viewer: Actor | null, tenantId: string): string {
  // A signed-in actor reads their own municipality only, whatever the page asked for.
  if (viewer && viewer.kind !== "system" && viewer.tenantId !== tenantId) {
    throw new AppError("not_found", "errors.notFound");
  }
  return tenantId;
}

/** Escapes LIKE wildcards so a search for "50%" means the text, not a pattern. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (match) => `\\${match}`)}%`;
}

export interface DirectoryFilters {
  /** Free text over name, description and what the service offers; tolerant of typos. */
  query?: string | undefined;
  /** Entries with at least one of these topics. */
  topics?: readonly Topic[] | undefined;
  /** Entries whose age range includes this age. */
  age?: number | undefined;
}

/**
 * Parses the public search form's query string (`q`, repeated `tema`, `alder`). Unknown topics
 * and an age outside 0–24 are dropped rather than refused: a shared link should still show
 * something.
 */
export function filtersFromSearchParams(params: URLSearchParams): DirectoryFilters & {
  ageText: string;
  ageInvalid: boolean;
} {
  const query = (params.get("q") ?? "").trim().slice(0, 200);
  const chosen = params
    .getAll("tema")
    .filter((topic): topic is Topic => (topics as readonly string[]).includes(topic));
  const ageText = (params.get("alder") ?? "").trim().slice(0, 10);
  const age = /^\d{1,2}$/.test(ageText) ? Number(ageText) : undefined;
  const ageValid = age !== undefined && age >= MIN_AGE && age <= MAX_AGE;
  return {
    query: query || undefined,
    topics: [...new Set(chosen)],
    age: ageValid ? age : undefined,
    ageText,
    ageInvalid: ageText !== "" && !ageValid,
  };
}

/**
 * Lists directory entries the viewer may see, searched and filtered. Inactive entries are
 * listed only for editors who ask for them (the admin list).
 */
export async function listDirectoryEntries(input: {
  database: Database;
  tenantId: string;
  viewer: Actor | null;
  filters?: DirectoryFilters;
  /** Only public entries even for staff (the youth portal, the citizen landing page). */
  publicOnly?: boolean;
  includeInactive?: boolean;
}): Promise<DirectoryEntry[]> {
  const tenantId = tenantOf(input.viewer, input.tenantId);
  if (input.includeInactive) assertCan(input.viewer, "guide.edit");
  const filters = input.filters ?? {};
  const conditions: (SQL | undefined)[] = [eq(directoryEntries.tenantId, tenantId)];
  if (!input.includeInactive) conditions.push(eq(directoryEntries.active, true));
  if (input.publicOnly || !seesInternal(input.viewer)) {
    conditions.push(eq(directoryEntries.public, true));
  }
  if (filters.topics && filters.topics.length > 0) {
    conditions.push(arrayOverlaps(directoryEntries.topics, [...filters.topics]));
  }
  if (filters.age !== undefined) {
    conditions.push(lte(directoryEntries.ageFrom, filters.age));
    conditions.push(gte(directoryEntries.ageTo, filters.age));
  }
  const query = filters.query?.trim().slice(0, 200);
  const haystack = sql`${directoryEntries.name} || ' ' || ${directoryEntries.offers} || ' ' || ${directoryEntries.description}`;
  if (query) {
    const pattern = likePattern(query);
    conditions.push(
      or(
        sql`${directoryEntries.name} ilike ${pattern}`,
        sql`${directoryEntries.offers} ilike ${pattern}`,
        sql`${directoryEntries.description} ilike ${pattern}`,
        // Trigram word similarity forgives typos ("helsesøster" for "helsesykepleier" will not
        // match, but "helsestajon" finds "helsestasjon").
        sql`word_similarity(${query}, ${haystack}) >= 0.5`,
      ),
    );
  }
  return input.database.tenant(tenantId, (tx) =>
    tx
      .select()
      .from(directoryEntries)
      .where(and(...conditions))
      .orderBy(
        ...(query
          ? [
              desc(sql`(${directoryEntries.name} ilike ${likePattern(query)})`),
              desc(sql`word_similarity(${query}, ${haystack})`),
            ]
          : []),
        asc(directoryEntries.name),
      )
      .limit(500),
  );
}

function assertEntryId(entryId: string): void {
  if (!z.guid().safeParse(entryId).success) throw new AppError("not_found", "errors.notFound");
}

/** One entry. Internal entries are "not found" for the public; inactive ones for all but editors. */
export async function getDirectoryEntry(input: {
  database: Database;
  tenantId: string;
  viewer: Actor | null;
  entryId: string;
}): Promise<DirectoryEntry> {
  const tenantId = tenantOf(input.viewer, input.tenantId);
  assertEntryId(input.entryId);
  const [entry] = await input.database.tenant(tenantId, (tx) =>
    tx
      .select()
      .from(directoryEntries)
      .where(and(eq(directoryEntries.tenantId, tenantId), eq(directoryEntries.id, input.entryId))),
  );
  if (!entry) throw new AppError("not_found", "errors.notFound");
  if (!entry.public && !seesInternal(input.viewer)) {
    throw new AppError("not_found", "errors.notFound");
  }
  if (!entry.active && !can(input.viewer, "guide.edit")) {
    throw new AppError("not_found", "errors.notFound");
  }
  return entry;
}

async function assertUnitInTenant(tx: Tx, tenantId: string, unitId: string | null) {
  if (!unitId) return;
  const [unit] = await tx
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.tenantId, tenantId), eq(units.id, unitId)));
  if (!unit) {
    throw new AppError("validation", "errors.validation", {
      fieldErrors: { unitId: "directory.errors.unit" },
    });
  }
}

const auditedFields = [
  "name",
  "description",
  "offers",
  "topics",
  "ageFrom",
  "ageTo",
  "phone",
  "email",
  "website",
  "address",
  "howToRefer",
  "openingHours",
  "public",
  "unitId",
] as const;

function rowValues(values: DirectoryInput) {
  return {
    name: values.name,
    description: values.description,
    offers: values.offers,
    topics: values.topics,
    ageFrom: values.ageFrom,
    ageTo: values.ageTo,
    phone: values.phone,
    email: values.email,
    website: values.website,
    address: values.address,
    howToRefer: values.howToRefer,
    openingHours: values.openingHours,
    public: values.public,
    unitId: values.unitId,
  };
}

function editorTenant(actor: Actor): string {
  assertCan(actor, "guide.edit");
  if (!actor.tenantId) throw new AppError("forbidden", "errors.forbidden");
  return actor.tenantId;
}

export async function createDirectoryEntry(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  values: unknown;
}): Promise<DirectoryEntry> {
  const tenantId = editorTenant(input.actor);
  const values = parseDirectoryInput(input.values);
  return input.database.tenant(tenantId, async (tx) => {
    await assertUnitInTenant(tx, tenantId, values.unitId);
    const [entry] = await tx
      .insert(directoryEntries)
      .values({ tenantId, ...rowValues(values) })
      .returning();
    await recordAudit(tx, {
      type: "directory.created",
      tenantId,
      actor: input.actor,
      meta: input.meta,
      subject: { type: "directory_entry", id: entry!.id },
      details: { public: entry!.public },
    });
    return entry!;
  });
}

export async function updateDirectoryEntry(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  entryId: string;
  values: unknown;
}): Promise<DirectoryEntry> {
  const tenantId = editorTenant(input.actor);
  assertEntryId(input.entryId);
  const values = parseDirectoryInput(input.values);
  return input.database.tenant(tenantId, async (tx) => {
    const where = and(
      eq(directoryEntries.tenantId, tenantId),
      eq(directoryEntries.id, input.entryId),
    );
    const [before] = await tx.select().from(directoryEntries).where(where);
    if (!before) throw new AppError("not_found", "errors.notFound");
    await assertUnitInTenant(tx, tenantId, values.unitId);
    const [entry] = await tx
      .update(directoryEntries)
      .set({ ...rowValues(values), updatedAt: new Date() })
      .where(where)
      .returning();
    const fields = auditedFields.filter(
      (field) => JSON.stringify(before[field]) !== JSON.stringify(entry![field]),
    );
    if (fields.length > 0) {
      await recordAudit(tx, {
        type: "directory.updated",
        tenantId,
        actor: input.actor,
        meta: input.meta,
        subject: { type: "directory_entry", id: entry!.id },
        details: { fields },
      });
    }
    return entry!;
  });
}

/** Deactivating hides an entry everywhere but the admin list, and keeps it for reactivation. */
export async function setDirectoryEntryActive(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  entryId: string;
  active: boolean;
}): Promise<DirectoryEntry> {
  const tenantId = editorTenant(input.actor);
  assertEntryId(input.entryId);
  return input.database.tenant(tenantId, async (tx) => {
    const where = and(
      eq(directoryEntries.tenantId, tenantId),
      eq(directoryEntries.id, input.entryId),
    );
    const [before] = await tx.select().from(directoryEntries).where(where);
    if (!before) throw new AppError("not_found", "errors.notFound");
    if (before.active === input.active) return before;
    const [entry] = await tx
      .update(directoryEntries)
      .set({ active: input.active, updatedAt: new Date() })
      .where(where)
      .returning();
    await recordAudit(tx, {
      type: input.active ? "directory.reactivated" : "directory.deactivated",
      tenantId,
      actor: input.actor,
      meta: input.meta,
      subject: { type: "directory_entry", id: entry!.id },
    });
    return entry!;
  });
}
