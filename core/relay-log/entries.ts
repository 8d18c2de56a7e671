import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "../../db/client.ts";
import { relayLogAreas, relayLogEntries, relayLogEntryVersions } from "../../db/schema/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import { AppError } from "../errors.ts";
import { isIsoDate } from "../platform/dates.ts";
import { parseInput } from "../platform/validation.ts";
import { assertRelayLogUser, auditLogChange, requireLog, type LogContext } from "./access.ts";
import { logHeader, type LogHeader } from "./header.ts";
import { ENTRIES_PAGE_SIZE, ENTRY_TEXT_MAX, entryKinds, type EntryKind } from "./plan-rules.ts";

/**
 * Notes and positive observations (lysglimt) in a relay log: short dated entries, linkable to a
 * concern area. The text lives in versions: a correction by the author adds a new version and
 * bumps current_version (checked optimistically), never overwriting what was written. Audited as
 * relaylog.entry_saved with the entry id, the version and the kind, never the text.
 */

interface Common {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  logId: string;
  /** For tests: "today" in Oslo. */
  today?: string;
}

export interface EntryView {
  id: string;
  kind: EntryKind;
  areaId: string | null;
  areaTitle: string | null;
  occurredOn: string;
  authorName: string;
  /** A guardian or the young person wrote it (on the family's page). */
  byFamily: boolean;
  /** The acting user wrote it, so they may correct it. */
  isMine: boolean;
  currentVersion: number;
  text: string;
  /** When the current version was written. */
  editedAt: Date;
}

export interface EntryFilter {
  kind: EntryKind | null;
  areaId: string | null;
}

export interface EntriesPage {
  header: LogHeader;
  today: string;
  entries: EntryView[];
  total: number;
  page: number;
  pageCount: number;
  filter: EntryFilter;
  areas: { id: string; title: string }[];
}

export interface EntryVersion {
  version: number;
  text: string;
  editedByName: string;
  createdAt: Date;
}

export interface EntryPage {
  header: LogHeader;
  today: string;
  entry: EntryView;
  /** Every version, the newest first. */
  versions: EntryVersion[];
}

function isUuid(value: unknown): value is string {
  return typeof value === "string" && z.guid().safeParse(value).success;
}

function notFound(): AppError {
  return new AppError("not_found", "errors.notFound");
}

function gate(tx: Tx, input: Common, need: "read" | "write", view?: string) {
  return requireLog(tx, {
    actor: input.actor,
    meta: input.meta,
    logId: input.logId,
    need,
    ...(view ? { view } : {}),
    ...(input.today ? { today: input.today } : {}),
  });
}

/** Reads a filter from query values; anything unknown means "all". */
export function entryFilterFrom(values: { kind?: unknown; area?: unknown }): EntryFilter {
  const kind = (entryKinds as readonly unknown[]).includes(values.kind)
    ? (values.kind as EntryKind)
    : null;
  return { kind, areaId: isUuid(values.area) ? values.area : null };
}

function entrySelect() {
  return {
    id: relayLogEntries.id,
    kind: relayLogEntries.kind,
    areaId: relayLogEntries.areaId,
    areaTitle: relayLogAreas.title,
    occurredOn: relayLogEntries.occurredOn,
    authorName: relayLogEntries.authorName,
    authorUserId: relayLogEntries.authorUserId,
    authorCitizenId: relayLogEntries.authorCitizenId,
    currentVersion: relayLogEntries.currentVersion,
    text: relayLogEntryVersions.text,
    editedAt: relayLogEntryVersions.createdAt,
  };
}

type EntryRow = {
  id: string;
  kind: string;
  areaId: string | null;
  areaTitle: string | null;
  occurredOn: string;
  authorName: string;
  authorUserId: string | null;
  authorCitizenId: string | null;
  currentVersion: number;
  text: string;
  editedAt: Date;
};

function toView(row: EntryRow, actor: Extract<Actor, { kind: "staff" }>): EntryView {
  return {
    id: row.id,
    kind: row.kind as EntryKind,
    areaId: row.areaId,
    areaTitle: row.areaTitle,
    occurredOn: row.occurredOn,
    authorName: row.authorName,
    byFamily: row.authorCitizenId !== null,
    isMine: row.authorUserId === actor.userId,
    currentVersion: row.currentVersion,
    text: row.text,
    editedAt: row.editedAt,
  };
}

async function loadAreas(tx: Tx, logId: string) {
  return tx
    .select({ id: relayLogAreas.id, title: relayLogAreas.title })
    .from(relayLogAreas)
    .where(eq(relayLogAreas.logId, logId))
    .orderBy(asc(relayLogAreas.sortOrder), asc(relayLogAreas.createdAt));
}

/** The entries of a log, the newest first, 25 a page, filtered by kind and concern area. */
export async function listEntries(
  input: Common & { page?: number; filter?: EntryFilter },
): Promise<EntriesPage> {
  const actor = assertRelayLogUser(input.actor);
  const filter = input.filter ?? { kind: null, areaId: null };
  return input.database.tenant(actor.tenantId, async (tx) => {
    const context = await gate(tx, input, "read", "entries");
    const conditions: SQL[] = [eq(relayLogEntries.logId, context.log.id)];
    if (filter.kind) conditions.push(eq(relayLogEntries.kind, filter.kind));
    if (filter.areaId) conditions.push(eq(relayLogEntries.areaId, filter.areaId));
    const where = and(...conditions);
    const [count] = await tx
      .select({ total: sql<number>`count(*)::int` })
      .from(relayLogEntries)
      .where(where);
    const total = count?.total ?? 0;
    const pageCount = Math.max(1, Math.ceil(total / ENTRIES_PAGE_SIZE));
    const requested = Number.isInteger(input.page) && input.page! > 0 ? input.page! : 1;
    const page = Math.min(requested, pageCount);
    const rows = await tx
      .select(entrySelect())
      .from(relayLogEntries)
      .innerJoin(
        relayLogEntryVersions,
        and(
          eq(relayLogEntryVersions.entryId, relayLogEntries.id),
          eq(relayLogEntryVersions.version, relayLogEntries.currentVersion),
        ),
      )
      .leftJoin(relayLogAreas, eq(relayLogAreas.id, relayLogEntries.areaId))
      .where(where)
      .orderBy(
        desc(relayLogEntries.occurredOn),
        desc(relayLogEntries.createdAt),
        desc(relayLogEntries.id),
      )
      .limit(ENTRIES_PAGE_SIZE)
      .offset((page - 1) * ENTRIES_PAGE_SIZE);
    return {
      header: await logHeader(tx, context),
      today: context.today,
      entries: rows.map((row) => toView(row, actor)),
      total,
      page,
      pageCount,
      filter,
      areas: await loadAreas(tx, context.log.id),
    };
  });
}

/** One entry with every version, the newest first (the history of corrections). */
export async function getEntry(input: Common & { entryId: string }): Promise<EntryPage> {
  const actor = assertRelayLogUser(input.actor);
  if (!isUuid(input.entryId)) throw notFound();
  return input.database.tenant(actor.tenantId, async (tx) => {
    const context = await gate(tx, input, "read", "entry");
    const entry = await loadEntry(tx, context, input.entryId);
    const versions = await tx
      .select({
        version: relayLogEntryVersions.version,
        text: relayLogEntryVersions.text,
        editedByName: relayLogEntryVersions.editedByName,
        createdAt: relayLogEntryVersions.createdAt,
      })
      .from(relayLogEntryVersions)
      .where(eq(relayLogEntryVersions.entryId, entry.id))
      .orderBy(desc(relayLogEntryVersions.version));
    return {
      header: await logHeader(tx, context),
      today: context.today,
      entry: toView(entry, actor),
      versions,
    };
  });
}

async function loadEntry(tx: Tx, context: LogContext, entryId: string): Promise<EntryRow> {
  const [row] = await tx
    .select(entrySelect())
    .from(relayLogEntries)
    .innerJoin(
      relayLogEntryVersions,
      and(
        eq(relayLogEntryVersions.entryId, relayLogEntries.id),
        eq(relayLogEntryVersions.version, relayLogEntries.currentVersion),
      ),
    )
    .leftJoin(relayLogAreas, eq(relayLogAreas.id, relayLogEntries.areaId))
    .where(and(eq(relayLogEntries.logId, context.log.id), eq(relayLogEntries.id, entryId)));
  if (!row) throw notFound();
  return row;
}

const textField = z
  .string({ error: "errors.required" })
  .trim()
  .min(1, "errors.required")
  .max(ENTRY_TEXT_MAX, "relayLog.plan.entries.textTooLong");

const createSchema = z.strictObject({
  kind: z.enum(entryKinds, { error: "relayLog.plan.entries.kindRequired" }),
  occurredOn: z
    .string({ error: "relayLog.plan.dateRequired" })
    .trim()
    .min(1, "relayLog.plan.dateRequired")
    .refine(isIsoDate, "relayLog.plan.dateFormat"),
  text: textField,
  areaId: z.string().trim().optional().default(""),
});

const correctSchema = z.strictObject({
  text: textField,
  currentVersion: z.unknown().optional(),
});

export async function createEntry(input: Common & { values: unknown }) {
  const actor = assertRelayLogUser(input.actor);
  const values = parseInput(createSchema, input.values);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const context = await gate(tx, input, "write");
    const fieldErrors: Record<string, string> = {};
    if (values.occurredOn > context.today) fieldErrors.occurredOn = "relayLog.plan.dateInFuture";
    let areaId: string | null = null;
    if (values.areaId) {
      const [area] = isUuid(values.areaId)
        ? await tx
            .select({ id: relayLogAreas.id })
            .from(relayLogAreas)
            .where(
              and(eq(relayLogAreas.logId, context.log.id), eq(relayLogAreas.id, values.areaId)),
            )
        : [];
      if (!area) fieldErrors.areaId = "relayLog.plan.entries.areaNotInLog";
      else areaId = area.id;
    }
    if (Object.keys(fieldErrors).length > 0) {
      throw new AppError("validation", "errors.validation", { fieldErrors });
    }
    const [entry] = await tx
      .insert(relayLogEntries)
      .values({
        tenantId: context.log.tenantId,
        logId: context.log.id,
        kind: values.kind,
        areaId,
        occurredOn: values.occurredOn,
        authorUserId: actor.userId,
        authorName: actor.name,
        currentVersion: 1,
      })
      .returning();
    await tx.insert(relayLogEntryVersions).values({
      tenantId: context.log.tenantId,
      logId: context.log.id,
      entryId: entry!.id,
      version: 1,
      text: values.text,
      editedBy: actor.userId,
      editedByName: actor.name,
    });
    await auditLogChange(tx, {
      type: "relaylog.entry_saved",
      actor,
      meta: input.meta,
      log: context.log,
      details: { entryId: entry!.id, version: 1, kind: values.kind },
    });
    return entry!;
  });
}

/**
 * A correction by the entry's author: a new version with the new text. The form sends the
 * version it showed; if another correction came first, it is a conflict and nothing is saved.
 */
export async function correctEntry(input: Common & { entryId: string; values: unknown }) {
  const actor = assertRelayLogUser(input.actor);
  if (!isUuid(input.entryId)) throw notFound();
  const values = parseInput(correctSchema, input.values);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const context = await gate(tx, input, "write");
    const entry = await loadEntry(tx, context, input.entryId);
    if (entry.authorUserId !== actor.userId) {
      throw new AppError("forbidden", "relayLog.plan.entries.onlyAuthor");
    }
    const seen = Number(values.currentVersion);
    if (!Number.isInteger(seen) || seen !== entry.currentVersion) {
      throw new AppError("conflict", "relayLog.conflict");
    }
    const version = seen + 1;
    const [updated] = await tx
      .update(relayLogEntries)
      .set({ currentVersion: version, updatedAt: new Date() })
      .where(and(eq(relayLogEntries.id, entry.id), eq(relayLogEntries.currentVersion, seen)))
      .returning();
    if (!updated) throw new AppError("conflict", "relayLog.conflict");
    await tx.insert(relayLogEntryVersions).values({
      tenantId: context.log.tenantId,
      logId: context.log.id,
      entryId: entry.id,
      version,
      text: values.text,
      editedBy: actor.userId,
      editedByName: actor.name,
    });
    await auditLogChange(tx, {
      type: "relaylog.entry_saved",
      actor,
      meta: input.meta,
      log: context.log,
      details: { entryId: entry.id, version, kind: entry.kind },
    });
    return updated;
  });
}
