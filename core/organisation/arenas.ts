import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "../../db/client.ts";
import {
  collaborationArenaReviews,
  collaborationArenas,
  units,
  users,
} from "../../db/schema/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import { recordAudit } from "../audit/audit.ts";
import { AppError, type FieldErrors } from "../errors.ts";
import {
  assertId,
  canManage,
  changedFields,
  dateField,
  manager,
  notFound,
  optionalIdField,
  textField,
  viewer,
} from "../implementation/plan-common.ts";
import type { StaffActor } from "../implementation/scope.ts";
import { osloDate } from "../platform/dates.ts";
import { fieldErrorsFrom } from "../platform/validation.ts";
import {
  ARENA_FREQUENCY_NOTE_MAX,
  ARENA_LEADER_NAME_MAX,
  ARENA_NAME_MAX,
  ARENA_PARTICIPANTS_MAX,
  ARENA_PURPOSE_MAX,
  arenaBtiLevels,
  arenaFrequencies,
  arenaServices,
  arenaTargetGroups,
  ARENAS_PAGE_SIZE,
  FIRST_REVIEW_YEAR,
  inCodeOrder,
  REVIEW_CHANGES_MAX,
  REVIEW_REASONS_MAX,
  reviewDecisions,
  reviewNeededAnswers,
  reviewWorksAnswers,
  type ArenaFrequency,
  type ArenaTargetGroup,
  type ReviewDecision,
  type ReviewNeeded,
  type ReviewWorks,
} from "./arena-kinds.ts";
import {
  belongsToReviewYear,
  closedOnAfterReview,
  countDecisions,
  findOverlaps,
  isArenaActive,
  latestReview,
  overlapsOf,
  reviewDateProblem,
  reviewYearOptions,
  type DecisionCounts,
  type OverlapRelation,
} from "./arenas-rules.ts";

/**
 * Collaboration arenas (samhandlingsarenaer, issue 8): the municipality's arenas where services
 * meet about children — oppvekstteam at each school, ressursteam barnehage, BTS networks,
 * leader networks, SLT — with purpose, target groups, services, how often, who leads, the BTI
 * levels served, and a yearly review (is it needed, does it work, keep / change / close, why).
 * Overlaps (the same target group and the same services, not across two different units) come
 * from arenas-rules.ts.
 *
 * Everyone with implementation.view (coordinator, sector leaders, unit leaders, BTS contacts)
 * reads every arena of the municipality; only the coordinator (implementation.manage) writes.
 * No arena holds a child's data. Every page read and every write is audited (ids, codes and
 * field names only).
 */

interface Base {
  database: Database;
  actor: Actor;
}

interface Read extends Base {
  meta: RequestMeta;
  today?: string;
}

interface Write extends Base {
  meta: RequestMeta;
}

export type ArenaRow = typeof collaborationArenas.$inferSelect;
export type ArenaReviewRow = typeof collaborationArenaReviews.$inferSelect;

export interface ArenaReviewView {
  id: string;
  year: number;
  reviewedOn: string;
  needed: ReviewNeeded;
  works: ReviewWorks;
  decision: ReviewDecision;
  reasons: string;
  changes: string;
  reviewedByName: string | null;
}

export interface ArenaView {
  id: string;
  name: string;
  purpose: string;
  targetGroups: ArenaTargetGroup[];
  services: string[];
  participants: string;
  frequency: ArenaFrequency;
  frequencyNote: string;
  leaderUserId: string | null;
  /** The staff member's name when the leader is one. */
  leaderUserName: string | null;
  /** A name or role in words ("Rektor"). */
  leaderName: string;
  btiLevels: number[];
  unitId: string | null;
  unitName: string | null;
  closedOn: string | null;
  active: boolean;
  /** The latest review of any year (year and decision). */
  latestReview: { year: number; decision: ReviewDecision; reviewedOn: string } | null;
  /** This year's review, when there is one. */
  reviewedThisYear: { decision: ReviewDecision; reviewedOn: string } | null;
}

// ---------------------------------------------------------------- loading

interface Loaded {
  rows: { arena: ArenaRow; leaderUserName: string | null; unitName: string | null }[];
  reviews: ArenaReviewRow[];
}

async function loadArenas(tx: Tx, tenantId: string, arenaId?: string): Promise<Loaded> {
  const rows = await tx
    .select({ arena: collaborationArenas, leaderUserName: users.name, unitName: units.name })
    .from(collaborationArenas)
    .leftJoin(users, eq(users.id, collaborationArenas.leaderUserId))
    .leftJoin(units, eq(units.id, collaborationArenas.unitId))
    .where(
      and(
        eq(collaborationArenas.tenantId, tenantId),
        arenaId ? eq(collaborationArenas.id, arenaId) : undefined,
      ),
    );
  const reviews = await tx
    .select()
    .from(collaborationArenaReviews)
    .where(
      and(
        eq(collaborationArenaReviews.tenantId, tenantId),
        arenaId ? eq(collaborationArenaReviews.arenaId, arenaId) : undefined,
      ),
    );
  return { rows, reviews };
}

function viewOf(row: Loaded["rows"][number], reviews: ArenaReviewRow[], today: string): ArenaView {
  const { arena } = row;
  const own = reviews.filter((review) => review.arenaId === arena.id);
  const latest = latestReview(own);
  const year = Number(today.slice(0, 4));
  const thisYear = own.find((review) => review.year === year);
  return {
    id: arena.id,
    name: arena.name,
    purpose: arena.purpose,
    targetGroups: inCodeOrder(arena.targetGroups, arenaTargetGroups as readonly string[]).filter(
      (code): code is ArenaTargetGroup => (arenaTargetGroups as readonly string[]).includes(code),
    ),
    services: inCodeOrder(arena.services, arenaServices as readonly string[]),
    participants: arena.participants,
    frequency: arena.frequency as ArenaFrequency,
    frequencyNote: arena.frequencyNote,
    leaderUserId: arena.leaderUserId,
    leaderUserName: row.leaderUserName,
    leaderName: arena.leaderName,
    btiLevels: [...new Set(arena.btiLevels)].sort((a, b) => a - b),
    unitId: arena.unitId,
    unitName: row.unitName,
    closedOn: arena.closedOn,
    active: isArenaActive(arena, today),
    latestReview: latest
      ? {
          year: latest.year,
          decision: latest.decision as ReviewDecision,
          reviewedOn: latest.reviewedOn,
        }
      : null,
    reviewedThisYear: thisYear
      ? { decision: thisYear.decision as ReviewDecision, reviewedOn: thisYear.reviewedOn }
      : null,
  };
}

const byName = (a: { name: string }, b: { name: string }) =>
  a.name.localeCompare(b.name, "nb", { sensitivity: "base" });

async function reviewViews(tx: Tx, reviews: ArenaReviewRow[]): Promise<ArenaReviewView[]> {
  const reviewerIds = [
    ...new Set(reviews.map((review) => review.reviewedBy).filter((id): id is string => !!id)),
  ];
  const names = new Map(
    reviewerIds.length === 0
      ? []
      : (
          await tx
            .select({ id: users.id, name: users.name })
            .from(users)
            .where(inArray(users.id, reviewerIds))
        ).map((user) => [user.id, user.name] as const),
  );
  return reviews
    .map((review) => ({
      id: review.id,
      year: review.year,
      reviewedOn: review.reviewedOn,
      needed: review.needed as ReviewNeeded,
      works: review.works as ReviewWorks,
      decision: review.decision as ReviewDecision,
      reasons: review.reasons,
      changes: review.changes,
      reviewedByName: review.reviewedBy ? (names.get(review.reviewedBy) ?? null) : null,
    }))
    .sort((a, b) => b.year - a.year || (a.reviewedOn < b.reviewedOn ? 1 : -1));
}

// ---------------------------------------------------------------- the register

export type ArenaStatusFilter = "active" | "closed" | "all";

export interface ArenaFilters {
  targetGroup?: string | null;
  service?: string | null;
  btiLevel?: number | null;
  status?: ArenaStatusFilter;
  /** Only arenas without a review this year. */
  notReviewed?: boolean;
  page?: number;
}

/**
 * /organisering/arenaer: the register, filtered by target group, service, BTI level, active or
 * closed, and "not reviewed this year"; by name, ARENAS_PAGE_SIZE a page. Audited as
 * arena.list_viewed with the filters.
 */
export async function listArenas(input: Read & { filters?: ArenaFilters }): Promise<{
  arenas: ArenaView[];
  total: number;
  page: number;
  pages: number;
  year: number;
  /** Active arenas without this year's review (whatever the filters). */
  notReviewedCount: number;
  /** How many arenas the municipality has at all (an empty register says so). */
  allCount: number;
  canManage: boolean;
}> {
  const actor = viewer(input.actor);
  const today = input.today ?? osloDate();
  const year = Number(today.slice(0, 4));
  const filters = input.filters ?? {};
  const status = filters.status ?? "active";
  return input.database.tenant(actor.tenantId, async (tx) => {
    const loaded = await loadArenas(tx, actor.tenantId);
    const views = loaded.rows.map((row) => viewOf(row, loaded.reviews, today)).sort(byName);
    const filtered = views
      .filter(
        (view) =>
          !filters.targetGroup ||
          view.targetGroups.includes(filters.targetGroup as ArenaTargetGroup),
      )
      .filter((view) => !filters.service || view.services.includes(filters.service))
      .filter(
        (view) =>
          filters.btiLevel === null ||
          filters.btiLevel === undefined ||
          view.btiLevels.includes(filters.btiLevel),
      )
      .filter((view) => status === "all" || (status === "active" ? view.active : !view.active))
      .filter((view) => !filters.notReviewed || view.reviewedThisYear === null);
    const pages = Math.max(1, Math.ceil(filtered.length / ARENAS_PAGE_SIZE));
    const requested = Number.isInteger(filters.page) ? filters.page! : 1;
    const page = Math.min(Math.max(1, requested), pages);
    await recordAudit(tx, {
      type: "arena.list_viewed",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      details: {
        targetGroup: filters.targetGroup ?? null,
        service: filters.service ?? null,
        btiLevel: filters.btiLevel ?? null,
        status,
        notReviewed: filters.notReviewed ?? false,
        page,
        total: filtered.length,
      },
    });
    return {
      arenas: filtered.slice((page - 1) * ARENAS_PAGE_SIZE, page * ARENAS_PAGE_SIZE),
      total: filtered.length,
      page,
      pages,
      year,
      notReviewedCount: views.filter((view) => view.active && view.reviewedThisYear === null)
        .length,
      allCount: views.length,
      canManage: canManage(actor),
    };
  });
}

// ---------------------------------------------------------------- one arena

export interface ArenaOverlapView {
  other: { id: string; name: string };
  relation: OverlapRelation;
  /** For a subset: whether the other arena's services are all among this one's. */
  otherIsWithin: boolean;
  sharedTargetGroups: string[];
  sharedServices: string[];
}

async function loadOne(
  tx: Tx,
  actor: StaffActor,
  arenaId: string,
  today: string,
): Promise<{ view: ArenaView; reviews: ArenaReviewRow[] }> {
  assertId(arenaId);
  const loaded = await loadArenas(tx, actor.tenantId, arenaId);
  const row = loaded.rows[0];
  if (!row) throw notFound();
  return { view: viewOf(row, loaded.reviews, today), reviews: loaded.reviews };
}

/**
 * /organisering/arenaer/:arenaId: the arena, its reviews newest first, and the active arenas it
 * overlaps with (none when it is closed). Audited as arena.viewed.
 */
export async function getArena(input: Read & { arenaId: string }): Promise<{
  arena: ArenaView;
  reviews: ArenaReviewView[];
  overlaps: ArenaOverlapView[];
  year: number;
  canManage: boolean;
}> {
  const actor = viewer(input.actor);
  const today = input.today ?? osloDate();
  return input.database.tenant(actor.tenantId, async (tx) => {
    const { view, reviews } = await loadOne(tx, actor, input.arenaId, today);
    const all = await tx
      .select({
        id: collaborationArenas.id,
        name: collaborationArenas.name,
        targetGroups: collaborationArenas.targetGroups,
        services: collaborationArenas.services,
        unitId: collaborationArenas.unitId,
        closedOn: collaborationArenas.closedOn,
      })
      .from(collaborationArenas)
      .where(eq(collaborationArenas.tenantId, actor.tenantId));
    const overlaps = overlapsOf(findOverlaps(all, today), view.id).map((entry) => ({
      other: { id: entry.other.id, name: entry.other.name },
      relation: entry.relation,
      otherIsWithin: entry.otherIsWithin,
      sharedTargetGroups: entry.shared.sharedTargetGroups,
      sharedServices: entry.shared.sharedServices,
    }));
    await recordAudit(tx, {
      type: "arena.viewed",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "collaboration_arena", id: view.id },
      details: { page: "arena", reviews: reviews.length, overlaps: overlaps.length },
    });
    return {
      arena: view,
      reviews: await reviewViews(tx, reviews),
      overlaps,
      year: Number(today.slice(0, 4)),
      canManage: canManage(actor),
    };
  });
}

// ---------------------------------------------------------------- the form

export interface ArenaFormData {
  arena: ArenaView | null;
  reviewCount: number;
  leaderOptions: { id: string; name: string }[];
  unitOptions: { id: string; name: string; active: boolean }[];
}

/**
 * What the new and edit forms offer: the arena (when editing; audited as arena.viewed), the
 * municipality's active staff as leaders and its active units (a current inactive one stays).
 */
export async function arenaForm(
  input: Read & { arenaId?: string | undefined },
): Promise<ArenaFormData> {
  const actor = manager(input.actor);
  const today = input.today ?? osloDate();
  return input.database.tenant(actor.tenantId, async (tx) => {
    let arena: ArenaView | null = null;
    let reviewCount = 0;
    if (input.arenaId !== undefined) {
      const loaded = await loadOne(tx, actor, input.arenaId, today);
      arena = loaded.view;
      reviewCount = loaded.reviews.length;
      await recordAudit(tx, {
        type: "arena.viewed",
        tenantId: actor.tenantId,
        actor,
        meta: input.meta,
        subject: { type: "collaboration_arena", id: arena.id },
        details: { page: "edit" },
      });
    }
    const staff = await tx
      .select({ id: users.id, name: users.name, active: users.active })
      .from(users)
      .where(eq(users.tenantId, actor.tenantId))
      .orderBy(asc(users.name));
    const unitRows = await tx
      .select({ id: units.id, name: units.name, active: units.active })
      .from(units)
      .where(eq(units.tenantId, actor.tenantId))
      .orderBy(asc(units.name));
    return {
      arena,
      reviewCount,
      leaderOptions: staff
        .filter((user) => user.active || user.id === arena?.leaderUserId)
        .map(({ id, name }) => ({ id, name })),
      unitOptions: unitRows.filter((unit) => unit.active || unit.id === arena?.unitId),
    };
  });
}

const asArray = (value: unknown) =>
  value === undefined || value === null || value === ""
    ? []
    : Array.isArray(value)
      ? value
      : [value];

const codeList = <T extends readonly [string, ...string[]]>(
  codes: T,
  invalidKey: string,
  requiredKey: string,
) =>
  z.preprocess(
    asArray,
    z
      .array(z.enum(codes, { message: invalidKey }), { message: invalidKey })
      .min(1, { message: requiredKey })
      .max(codes.length * 2, { message: invalidKey })
      .transform((list) => [...new Set(list)]),
  );

export const arenaInputSchema = z.object({
  name: textField(ARENA_NAME_MAX, "organisation.arenas.errors.nameRequired"),
  purpose: textField(ARENA_PURPOSE_MAX, "organisation.arenas.errors.purposeRequired"),
  targetGroups: codeList(
    arenaTargetGroups,
    "organisation.arenas.errors.targetGroups",
    "organisation.arenas.errors.targetGroupsRequired",
  ),
  services: codeList(
    arenaServices,
    "organisation.arenas.errors.services",
    "organisation.arenas.errors.servicesRequired",
  ),
  participants: textField(ARENA_PARTICIPANTS_MAX),
  frequency: z.preprocess(
    (value) => (value === undefined || value === null ? "" : value),
    z.enum(arenaFrequencies, { message: "organisation.arenas.errors.frequency" }),
  ),
  frequencyNote: textField(ARENA_FREQUENCY_NOTE_MAX),
  leaderUserId: optionalIdField("organisation.arenas.errors.leader"),
  leaderName: textField(ARENA_LEADER_NAME_MAX),
  btiLevels: z.preprocess(
    (value) =>
      asArray(value).map((item) =>
        typeof item === "string" && /^\s*\d\s*$/.test(item) ? Number(item) : item,
      ),
    z
      .array(
        z
          .number({ message: "organisation.arenas.errors.btiLevels" })
          .int({ message: "organisation.arenas.errors.btiLevels" })
          .min(arenaBtiLevels[0], { message: "organisation.arenas.errors.btiLevels" })
          .max(arenaBtiLevels[arenaBtiLevels.length - 1]!, {
            message: "organisation.arenas.errors.btiLevels",
          }),
        { message: "organisation.arenas.errors.btiLevels" },
      )
      .min(1, { message: "organisation.arenas.errors.btiLevelsRequired" })
      .max(8, { message: "organisation.arenas.errors.btiLevels" })
      .transform((list) => [...new Set(list)].sort((a, b) => a - b)),
  ),
  unitId: optionalIdField("organisation.arenas.errors.unit"),
});
export type ArenaInput = z.infer<typeof arenaInputSchema>;

function validationError(fieldErrors: FieldErrors): AppError {
  return new AppError("validation", "errors.validation", { fieldErrors });
}

/** A bad item of a list ("targetGroups.2") is reported on the list's own field. */
function topLevel(fieldErrors: FieldErrors): FieldErrors {
  const result: FieldErrors = {};
  for (const [field, key] of Object.entries(fieldErrors)) {
    const name = field.replace(/\.\d+$/, "");
    result[name] ??= key;
  }
  return result;
}

function isUniqueViolation(error: unknown): boolean {
  for (let current = error; current; current = (current as { cause?: unknown }).cause) {
    if ((current as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

const nameTaken = () => validationError({ name: "organisation.arenas.errors.nameTaken" });

/**
 * Every problem with the input at once: the schema's, a name another arena of the municipality
 * has (case-insensitively), and a leader or unit that is not the municipality's (or no longer
 * active, unless it is the arena's current one).
 */
async function checkArenaInput(
  tx: Tx,
  tenantId: string,
  raw: unknown,
  current: ArenaRow | null,
): Promise<ArenaInput> {
  const parsed = arenaInputSchema.safeParse(raw, { reportInput: true });
  const fieldErrors: FieldErrors = parsed.success ? {} : topLevel(fieldErrorsFrom(parsed.error));
  const rawName =
    typeof (raw as { name?: unknown } | null)?.name === "string"
      ? ((raw as { name: string }).name.trim() as string)
      : "";
  if (rawName && !fieldErrors.name) {
    const [clash] = await tx
      .select({ id: collaborationArenas.id })
      .from(collaborationArenas)
      .where(
        and(
          eq(collaborationArenas.tenantId, tenantId),
          sql`lower(${collaborationArenas.name}) = lower(${rawName})`,
          current ? ne(collaborationArenas.id, current.id) : undefined,
        ),
      );
    if (clash) fieldErrors.name = "organisation.arenas.errors.nameTaken";
  }
  if (parsed.success) {
    const values = parsed.data;
    if (values.leaderUserId) {
      const [leader] = await tx
        .select({ id: users.id, active: users.active })
        .from(users)
        .where(and(eq(users.tenantId, tenantId), eq(users.id, values.leaderUserId)));
      if (!leader || (!leader.active && leader.id !== current?.leaderUserId)) {
        fieldErrors.leaderUserId = "organisation.arenas.errors.leader";
      }
    }
    if (values.unitId) {
      const [unit] = await tx
        .select({ id: units.id, active: units.active })
        .from(units)
        .where(and(eq(units.tenantId, tenantId), eq(units.id, values.unitId)));
      if (!unit || (!unit.active && unit.id !== current?.unitId)) {
        fieldErrors.unitId = "organisation.arenas.errors.unit";
      }
    }
  }
  if (!parsed.success || Object.keys(fieldErrors).length > 0) throw validationError(fieldErrors);
  return parsed.data;
}

const auditedFields = [
  "name",
  "purpose",
  "targetGroups",
  "services",
  "participants",
  "frequency",
  "frequencyNote",
  "leaderUserId",
  "leaderName",
  "btiLevels",
  "unitId",
] as const;

/** Registers an arena (coordinator). Names are unique in the municipality. */
export async function createArena(input: Write & { values: unknown }): Promise<ArenaRow> {
  const actor = manager(input.actor);
  try {
    return await input.database.tenant(actor.tenantId, async (tx) => {
      const values = await checkArenaInput(tx, actor.tenantId, input.values, null);
      const [row] = await tx
        .insert(collaborationArenas)
        .values({ tenantId: actor.tenantId, ...values })
        .returning();
      await recordAudit(tx, {
        type: "arena.saved",
        tenantId: actor.tenantId,
        actor,
        meta: input.meta,
        subject: { type: "collaboration_arena", id: row!.id },
        details: {
          action: "created",
          targetGroups: row!.targetGroups,
          services: row!.services,
          btiLevels: row!.btiLevels,
          unitId: row!.unitId,
        },
      });
      return row!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken();
    throw error;
  }
}

/** Changes an arena (coordinator). A closed arena stays closed; reopen it with reopenArena. */
export async function updateArena(
  input: Write & { arenaId: string; values: unknown },
): Promise<ArenaRow> {
  const actor = manager(input.actor);
  assertId(input.arenaId);
  try {
    return await input.database.tenant(actor.tenantId, async (tx) => {
      const where = and(
        eq(collaborationArenas.tenantId, actor.tenantId),
        eq(collaborationArenas.id, input.arenaId),
      );
      const [before] = await tx.select().from(collaborationArenas).where(where);
      if (!before) throw notFound();
      const values = await checkArenaInput(tx, actor.tenantId, input.values, before);
      const [row] = await tx
        .update(collaborationArenas)
        .set({ ...values, updatedAt: new Date() })
        .where(where)
        .returning();
      const fields = changedFields(before, row!, auditedFields);
      if (fields.length > 0) {
        await recordAudit(tx, {
          type: "arena.saved",
          tenantId: actor.tenantId,
          actor,
          meta: input.meta,
          subject: { type: "collaboration_arena", id: row!.id },
          details: { action: "updated", fields },
        });
      }
      return row!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken();
    throw error;
  }
}

/** Opens a closed arena again (coordinator), e.g. when it was closed by mistake. */
export async function reopenArena(input: Write & { arenaId: string }): Promise<ArenaRow> {
  const actor = manager(input.actor);
  assertId(input.arenaId);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const where = and(
      eq(collaborationArenas.tenantId, actor.tenantId),
      eq(collaborationArenas.id, input.arenaId),
    );
    const [before] = await tx.select().from(collaborationArenas).where(where);
    if (!before) throw notFound();
    if (before.closedOn === null) return before;
    const [row] = await tx
      .update(collaborationArenas)
      .set({ closedOn: null, updatedAt: new Date() })
      .where(where)
      .returning();
    await recordAudit(tx, {
      type: "arena.saved",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "collaboration_arena", id: row!.id },
      details: { action: "reopened", fields: ["closedOn"], closedOnBefore: before.closedOn },
    });
    return row!;
  });
}

/**
 * Deletes an arena (coordinator) — only one without reviews: an arena that has been reviewed is
 * part of the history and is closed through a review instead.
 */
export async function deleteArena(input: Write & { arenaId: string }): Promise<ArenaRow> {
  const actor = manager(input.actor);
  assertId(input.arenaId);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const where = and(
      eq(collaborationArenas.tenantId, actor.tenantId),
      eq(collaborationArenas.id, input.arenaId),
    );
    const [before] = await tx.select().from(collaborationArenas).where(where);
    if (!before) throw notFound();
    const [review] = await tx
      .select({ id: collaborationArenaReviews.id })
      .from(collaborationArenaReviews)
      .where(eq(collaborationArenaReviews.arenaId, before.id))
      .limit(1);
    if (review) throw new AppError("conflict", "organisation.arenas.errors.hasReviews");
    const [row] = await tx.delete(collaborationArenas).where(where).returning();
    await recordAudit(tx, {
      type: "arena.deleted",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "collaboration_arena", id: row!.id },
      details: { targetGroups: row!.targetGroups, services: row!.services },
    });
    return row!;
  });
}

// ---------------------------------------------------------------- the yearly review

const toYear = (value: unknown) =>
  typeof value === "string" && /^\s*\d{4}\s*$/.test(value) ? Number(value) : value;

const choice = <T extends readonly [string, ...string[]]>(codes: T, messageKey: string) =>
  z.preprocess(
    (value) => (value === undefined || value === null ? "" : value),
    z.enum(codes, { message: messageKey }),
  );

function reviewInputSchema(today: string) {
  const current = Number(today.slice(0, 4));
  return z.object({
    reviewId: optionalIdField("errors.notFound"),
    year: z.preprocess(
      toYear,
      z
        .number({ message: "organisation.arenas.errors.year" })
        .int({ message: "organisation.arenas.errors.year" })
        .min(FIRST_REVIEW_YEAR, { message: "organisation.arenas.errors.year" })
        .max(current, { message: "organisation.arenas.errors.year" }),
    ),
    reviewedOn: dateField("organisation.arenas.errors.reviewedOn"),
    needed: choice(reviewNeededAnswers, "organisation.arenas.errors.needed"),
    works: choice(reviewWorksAnswers, "organisation.arenas.errors.works"),
    decision: choice(reviewDecisions, "organisation.arenas.errors.decision"),
    reasons: textField(REVIEW_REASONS_MAX, "organisation.arenas.errors.reasons"),
    changes: textField(REVIEW_CHANGES_MAX),
  });
}
export type ArenaReviewInput = z.infer<ReturnType<typeof reviewInputSchema>>;

/** Every problem with a review at once: the fields, the date, and «Hva endres?» for endre. */
function checkReviewInput(raw: unknown, today: string): ArenaReviewInput {
  const parsed = reviewInputSchema(today).safeParse(raw, { reportInput: true });
  const fieldErrors: FieldErrors = parsed.success ? {} : fieldErrorsFrom(parsed.error);
  const record = (raw ?? {}) as Record<string, unknown>;
  const decision = typeof record.decision === "string" ? record.decision : "";
  const changes = typeof record.changes === "string" ? record.changes.trim() : "";
  if (decision === "change" && changes === "" && !fieldErrors.changes) {
    fieldErrors.changes = "organisation.arenas.errors.changes";
  }
  if (parsed.success) {
    const problem = reviewDateProblem(parsed.data.reviewedOn, parsed.data.year, today);
    if (problem === "future")
      fieldErrors.reviewedOn = "organisation.arenas.errors.reviewedOnFuture";
    if (problem === "beforeYear") {
      fieldErrors.reviewedOn = "organisation.arenas.errors.reviewedOnBeforeYear";
    }
  }
  if (!parsed.success || Object.keys(fieldErrors).length > 0) throw validationError(fieldErrors);
  return parsed.data;
}

const yearTaken = () => validationError({ year: "organisation.arenas.errors.yearTaken" });

/**
 * The review form of an arena for a year (`?ar=`): the year's review when there is one (the
 * form then edits it), else an empty form. Audited as arena.viewed.
 */
export async function arenaReviewForm(input: Read & { arenaId: string; year: number }): Promise<{
  arena: ArenaView;
  review: ArenaReviewView | null;
  year: number;
  years: number[];
  reviewedYears: number[];
  today: string;
}> {
  const actor = manager(input.actor);
  const today = input.today ?? osloDate();
  return input.database.tenant(actor.tenantId, async (tx) => {
    const { view, reviews } = await loadOne(tx, actor, input.arenaId, today);
    const views = await reviewViews(tx, reviews);
    await recordAudit(tx, {
      type: "arena.viewed",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "collaboration_arena", id: view.id },
      details: { page: "review", year: input.year },
    });
    return {
      arena: view,
      review: views.find((review) => review.year === input.year) ?? null,
      year: input.year,
      years: reviewYearOptions(today),
      reviewedYears: views.map((review) => review.year),
      today,
    };
  });
}

/**
 * Saves an arena's review for a year (coordinator): one per arena and year. With `reviewId` it
 * changes that review (its year only to a year without one); without, it adds the year's review
 * and refuses when the year already has one. When the save changes the latest review, that
 * review decides whether the arena is closed (arenas-rules.closedOnAfterReview). Audited as arena.review_saved (codes only).
 */
export async function saveArenaReview(
  input: Write & { arenaId: string; values: unknown; today?: string },
): Promise<{
  id: string;
  year: number;
  created: boolean;
  closedOn: string | null;
  closedOnBefore: string | null;
}> {
  const actor = manager(input.actor);
  assertId(input.arenaId);
  const today = input.today ?? osloDate();
  const values = checkReviewInput(input.values, today);
  try {
    return await input.database.tenant(actor.tenantId, async (tx) => {
      const [arena] = await tx
        .select()
        .from(collaborationArenas)
        .where(
          and(
            eq(collaborationArenas.tenantId, actor.tenantId),
            eq(collaborationArenas.id, input.arenaId),
          ),
        );
      if (!arena) throw notFound();
      const existing = await tx
        .select()
        .from(collaborationArenaReviews)
        .where(eq(collaborationArenaReviews.arenaId, arena.id));
      const sameYear = existing.find((review) => review.year === values.year);
      const fields = {
        year: values.year,
        reviewedOn: values.reviewedOn,
        needed: values.needed,
        works: values.works,
        decision: values.decision,
        reasons: values.reasons,
        changes: values.changes,
      };
      let saved: ArenaReviewRow;
      let created: boolean;
      if (values.reviewId) {
        const before = existing.find((review) => review.id === values.reviewId);
        if (!before) throw notFound();
        if (sameYear && sameYear.id !== before.id) throw yearTaken();
        [saved] = (await tx
          .update(collaborationArenaReviews)
          .set({ ...fields, reviewedBy: actor.userId, updatedAt: new Date() })
          .where(eq(collaborationArenaReviews.id, before.id))
          .returning()) as [ArenaReviewRow];
        created = false;
      } else {
        if (sameYear) throw yearTaken();
        [saved] = (await tx
          .insert(collaborationArenaReviews)
          .values({
            tenantId: actor.tenantId,
            arenaId: arena.id,
            ...fields,
            reviewedBy: actor.userId,
          })
          .returning()) as [ArenaReviewRow];
        created = true;
      }
      const after = [...existing.filter((review) => review.id !== saved.id), saved];
      const closedOn = closedOnAfterReview({
        currentClosedOn: arena.closedOn,
        before: existing,
        after,
      });
      if (closedOn !== arena.closedOn) {
        await tx
          .update(collaborationArenas)
          .set({ closedOn, updatedAt: new Date() })
          .where(eq(collaborationArenas.id, arena.id));
      }
      await recordAudit(tx, {
        type: "arena.review_saved",
        tenantId: actor.tenantId,
        actor,
        meta: input.meta,
        subject: { type: "collaboration_arena_review", id: saved.id },
        details: {
          arenaId: arena.id,
          created,
          year: saved.year,
          needed: saved.needed,
          works: saved.works,
          decision: saved.decision,
          closedOn,
          closedOnBefore: arena.closedOn,
        },
      });
      return { id: saved.id, year: saved.year, created, closedOn, closedOnBefore: arena.closedOn };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw yearTaken();
    throw error;
  }
}

export interface ReviewYearRow {
  arena: { id: string; name: string; unitName: string | null; closedOn: string | null };
  review: ArenaReviewView | null;
}

/**
 * /organisering/arenaer/gjennomgang?ar=2026: every arena of the year (registered by its end, not
 * closed before it) with its review of that year or none, and the decisions counted. Audited as
 * arena.reviews_viewed.
 */
export async function listReviewYear(input: Read & { year: number }): Promise<{
  year: number;
  years: number[];
  rows: ReviewYearRow[];
  counts: DecisionCounts;
  canManage: boolean;
}> {
  const actor = viewer(input.actor);
  const today = input.today ?? osloDate();
  return input.database.tenant(actor.tenantId, async (tx) => {
    const loaded = await loadArenas(tx, actor.tenantId);
    const yearReviews = await reviewViews(
      tx,
      loaded.reviews.filter((review) => review.year === input.year),
    );
    const byArena = new Map(
      loaded.reviews
        .filter((review) => review.year === input.year)
        .map((review) => [review.arenaId, yearReviews.find((view) => view.id === review.id)!]),
    );
    const rows: ReviewYearRow[] = loaded.rows
      .filter((row) =>
        belongsToReviewYear(
          { closedOn: row.arena.closedOn, createdOn: osloDate(row.arena.createdAt) },
          input.year,
          byArena.has(row.arena.id),
        ),
      )
      .map((row) => ({
        arena: {
          id: row.arena.id,
          name: row.arena.name,
          unitName: row.unitName,
          closedOn: row.arena.closedOn,
        },
        review: byArena.get(row.arena.id) ?? null,
      }))
      .sort((a, b) => byName(a.arena, b.arena));
    const counts = countDecisions(rows.map((row) => row.review?.decision ?? null));
    await recordAudit(tx, {
      type: "arena.reviews_viewed",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      details: { year: input.year, arenas: rows.length, ...counts },
    });
    const years = reviewYearOptions(today);
    return {
      year: input.year,
      years: years.includes(input.year) ? years : [...years, input.year],
      rows,
      counts,
      canManage: canManage(actor),
    };
  });
}

// ---------------------------------------------------------------- overlaps

export interface OverlapPairView {
  first: { id: string; name: string };
  second: { id: string; name: string };
  relation: OverlapRelation;
  sharedTargetGroups: string[];
  sharedServices: string[];
}

/**
 * /organisering/arenaer/overlapp: pairs of active arenas (not of two different units) with a
 * target group in common where one arena's services are all among the other's. Audited as arena.overlaps_viewed.
 */
export async function listArenaOverlaps(input: Read): Promise<{
  overlaps: OverlapPairView[];
  activeCount: number;
  canManage: boolean;
}> {
  const actor = viewer(input.actor);
  const today = input.today ?? osloDate();
  return input.database.tenant(actor.tenantId, async (tx) => {
    const all = await tx
      .select({
        id: collaborationArenas.id,
        name: collaborationArenas.name,
        targetGroups: collaborationArenas.targetGroups,
        services: collaborationArenas.services,
        unitId: collaborationArenas.unitId,
        closedOn: collaborationArenas.closedOn,
      })
      .from(collaborationArenas)
      .where(eq(collaborationArenas.tenantId, actor.tenantId));
    const overlaps = findOverlaps(all, today).map((overlap) => ({
      first: { id: overlap.first.id, name: overlap.first.name },
      second: { id: overlap.second.id, name: overlap.second.name },
      relation: overlap.relation,
      sharedTargetGroups: overlap.sharedTargetGroups,
      sharedServices: overlap.sharedServices,
    }));
    await recordAudit(tx, {
      type: "arena.overlaps_viewed",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      details: { pairs: overlaps.length },
    });
    return {
      overlaps,
      activeCount: all.filter((arena) => isArenaActive(arena, today)).length,
      canManage: canManage(actor),
    };
  });
}
