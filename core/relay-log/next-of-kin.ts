import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "../../db/client.ts";
import { nextOfKinCases, relayLogs, units } from "../../db/schema/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import { mayAccessNextOfKinCase } from "../access/relay-log.ts";
import { recordAudit } from "../audit/audit.ts";
import { AppError } from "../errors.ts";
import { osloDate } from "../platform/dates.ts";
import { parseInput } from "../platform/validation.ts";
import { isoDateFromInput } from "./open-rules.ts";
import { assertRelayLogUser, requireLog, type Staff } from "./access.ts";
import {
  actorUnits,
  assertNotIdentifying,
  assertOwnUnit,
  checkbox,
  isUuid,
  optionalChoice,
  optionalText,
  requireFilled,
  throwFieldErrors,
  type UnitChoice,
} from "./cases-common.ts";
import {
  followUpState,
  isAdultService,
  NEXT_OF_KIN_CHILD_NAME_MAX,
  NEXT_OF_KIN_CHILD_ROWS,
  NEXT_OF_KIN_PAGE_SIZE,
  NEXT_OF_KIN_TEXT_MAX,
  nextOfKinStatuses,
  PARENT_REFERENCE_MAX,
  parentSituations,
} from "./cases-rules.ts";

/**
 * Barn som pårørende: an adult service (NAV, mental health and substance use, the GP …) records
 * that a client has minor children, the conversation with the parent about the children's needs,
 * what was done and when to follow up. A case belongs to the unit that registered it and only
 * that unit's employees ever see it (`mayAccessNextOfKinCase`); anyone else gets "not found".
 * The parent is referred to by initials or a case number, never a full name.
 */

export type NextOfKinCase = typeof nextOfKinCases.$inferSelect;
export type NextOfKinChild = NextOfKinCase["children"][number];

const childFieldNames = Array.from({ length: NEXT_OF_KIN_CHILD_ROWS }, (_, index) => ({
  name: `child${index + 1}Name`,
  birthYear: `child${index + 1}BirthYear`,
}));
export { childFieldNames as nextOfKinChildFields };

/** A date as typed (YYYY-MM-DD or DD.MM.YYYY) → YYYY-MM-DD, or "" when left empty. */
const dateField = z
  .string()
  .trim()
  .optional()
  .default("")
  .refine((value) => value === "" || isoDateFromInput(value) !== null, "relayLog.cases.dateFormat")
  .transform((value) => (value === "" ? "" : isoDateFromInput(value)!));

const caseSchema = z.strictObject({
  parentReference: z
    .string()
    .trim()
    .max(PARENT_REFERENCE_MAX, "relayLog.cases.nextOfKin.parentReferenceTooLong")
    .optional()
    .default(""),
  parentSituation: optionalChoice(parentSituations),
  conversationOn: dateField,
  childrensNeeds: optionalText(NEXT_OF_KIN_TEXT_MAX),
  actionsTaken: optionalText(NEXT_OF_KIN_TEXT_MAX),
  followUpOn: dateField,
  status: z.enum(nextOfKinStatuses, "errors.choice").optional().default("open"),
  /** "Referansen identifiserer ikke forelderen utenfor enheten": accepts a flagged reference. */
  confirmedClean: checkbox,
  ...Object.fromEntries(
    childFieldNames.flatMap((names) => [
      [names.name, optionalText(NEXT_OF_KIN_CHILD_NAME_MAX)],
      [names.birthYear, optionalText(4)],
    ]),
  ),
});

const createSchema = caseSchema.extend({ unitId: optionalText(100) });
const updateSchema = caseSchema.extend({ lockVersion: z.string().trim().min(1) });

type CaseValues = z.infer<typeof caseSchema> & Record<string, unknown>;

/**
 * The checks zod cannot express: the children rows (1–6, each a name and, if given, the birth
 * year of a minor), the conversation not in the future, the follow-up not before it, a full
 * name in the parent reference. `previous` keeps each row's linked log by its position.
 */
function caseFields(
  values: CaseValues,
  today: string,
  previous: NextOfKinChild[] = [],
): {
  children: NextOfKinChild[];
  conversationOn: string | null;
  followUpOn: string | null;
} {
  const fieldErrors: Record<string, string> = {};
  requireFilled(fieldErrors, values, {
    parentReference: "errors.required",
    parentSituation: "errors.choice",
    ...("unitId" in values ? { unitId: "relayLog.cases.unitRequired" } : {}),
  });
  const thisYear = Number(today.slice(0, 4));
  const children: NextOfKinChild[] = [];
  childFieldNames.forEach((names, index) => {
    const name = String(values[names.name] ?? "");
    const birthYearText = String(values[names.birthYear] ?? "");
    const linked = previous[index]?.logId ?? null;
    if (!name) {
      if (birthYearText) fieldErrors[names.name] = "relayLog.cases.nextOfKin.childNameRequired";
      else if (linked) fieldErrors[names.name] = "relayLog.cases.nextOfKin.childLinked";
      return;
    }
    let birthYear: number | null = null;
    if (birthYearText) {
      birthYear = Number(birthYearText);
      if (!/^\d{4}$/.test(birthYearText) || birthYear > thisYear || birthYear < thisYear - 18) {
        fieldErrors[names.birthYear] = "relayLog.cases.nextOfKin.birthYearRange";
      }
    }
    children.push({ name, birthYear, logId: linked });
  });
  if (children.length === 0 && !fieldErrors[childFieldNames[0]!.name]) {
    fieldErrors[childFieldNames[0]!.name] = "relayLog.cases.nextOfKin.childRequired";
  }
  const conversationOn = values.conversationOn || null;
  const followUpOn = values.followUpOn || null;
  if (!conversationOn) {
    fieldErrors.conversationOn = "relayLog.cases.nextOfKin.conversationRequired";
  } else if (conversationOn > today) {
    fieldErrors.conversationOn = "relayLog.cases.nextOfKin.conversationInFuture";
  }
  if (values.status === "open" && !followUpOn) {
    fieldErrors.followUpOn = "relayLog.cases.nextOfKin.followUpRequired";
  } else if (followUpOn && conversationOn && followUpOn < conversationOn) {
    fieldErrors.followUpOn = "relayLog.cases.nextOfKin.followUpBeforeConversation";
  }
  throwFieldErrors(fieldErrors);
  assertNotIdentifying({ parentReference: values.parentReference }, values.confirmedClean);
  return { children, conversationOn, followUpOn };
}

export interface NextOfKinUnitChoice extends UnitChoice {
  /** A service for adults, where the routine matters most: suggested first. */
  adult: boolean;
}

/** The units an employee may register for (their own), adult services first. */
export async function nextOfKinFormOptions(input: {
  database: Database;
  actor: Actor;
}): Promise<{ units: NextOfKinUnitChoice[] }> {
  const actor = assertRelayLogUser(input.actor);
  const own = await input.database.tenant(actor.tenantId, (tx) => actorUnits(tx, actor));
  const choices = own.map((unit) => ({ ...unit, adult: isAdultService(unit.serviceType) }));
  choices.sort((a, b) => Number(b.adult) - Number(a.adult) || a.name.localeCompare(b.name, "nb"));
  return { units: choices };
}

function audit(
  tx: Tx,
  input: {
    type: "nextofkin.created" | "nextofkin.updated" | "nextofkin.viewed" | "nextofkin.log_opened";
    actor: Staff;
    meta: RequestMeta;
    caseRow: Pick<NextOfKinCase, "id" | "unitId">;
    details?: Record<string, unknown>;
  },
) {
  return recordAudit(tx, {
    type: input.type,
    tenantId: input.actor.tenantId,
    actor: input.actor,
    meta: input.meta,
    subject: { type: "next_of_kin_case", id: input.caseRow.id },
    details: { unitId: input.caseRow.unitId, ...input.details },
  });
}

/** Loads a case for the actor, or "not found" when the policy does not let them see it. */
async function requireCase(tx: Tx, actor: Staff, caseId: string): Promise<NextOfKinCase> {
  if (!isUuid(caseId)) throw new AppError("not_found", "errors.notFound");
  const [row] = await tx
    .select()
    .from(nextOfKinCases)
    .where(and(eq(nextOfKinCases.tenantId, actor.tenantId), eq(nextOfKinCases.id, caseId)));
  if (!row || !mayAccessNextOfKinCase(actor, row)) {
    throw new AppError("not_found", "errors.notFound");
  }
  return row;
}

export async function createNextOfKinCase(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  values: unknown;
}): Promise<NextOfKinCase> {
  const actor = assertRelayLogUser(input.actor);
  const values = parseInput(createSchema, input.values) as CaseValues & { unitId: string };
  const fields = caseFields(values, osloDate());
  return input.database.tenant(actor.tenantId, async (tx) => {
    await assertOwnUnit(tx, actor, values.unitId, "unitId");
    if (!mayAccessNextOfKinCase(actor, { tenantId: actor.tenantId, unitId: values.unitId })) {
      throw new AppError("forbidden", "errors.forbidden");
    }
    const [row] = await tx
      .insert(nextOfKinCases)
      .values({
        tenantId: actor.tenantId,
        unitId: values.unitId,
        createdBy: actor.userId,
        parentReference: values.parentReference,
        parentSituation: values.parentSituation,
        children: fields.children,
        conversationOn: fields.conversationOn,
        childrensNeeds: values.childrensNeeds,
        actionsTaken: values.actionsTaken,
        followUpOn: fields.followUpOn,
        status: values.status,
      })
      .returning();
    await audit(tx, {
      type: "nextofkin.created",
      actor,
      meta: input.meta,
      caseRow: row!,
      details: { children: fields.children.length, situation: values.parentSituation },
    });
    return row!;
  });
}

export interface NextOfKinListItem {
  id: string;
  unitName: string;
  parentReference: string;
  parentSituation: string;
  childCount: number;
  conversationOn: string | null;
  followUpOn: string | null;
  status: string;
  followUp: ReturnType<typeof followUpState>;
}

/**
 * The cases of the employee's own units, 25 a page: open ones with the nearest follow-up first
 * (due and overdue ones marked), or closed ones, or all.
 */
export async function listNextOfKinCases(input: {
  database: Database;
  actor: Actor;
  status?: "open" | "closed" | "all";
  page?: number;
  today?: string;
}): Promise<{ items: NextOfKinListItem[]; total: number; page: number; pageCount: number }> {
  const actor = assertRelayLogUser(input.actor);
  const today = input.today ?? osloDate();
  const status = input.status ?? "open";
  // The policy decides per unit: only the units whose cases this employee may see are queried.
  const unitIds = actor.unitIds.filter((unitId) =>
    mayAccessNextOfKinCase(actor, { tenantId: actor.tenantId, unitId }),
  );
  if (unitIds.length === 0) return { items: [], total: 0, page: 1, pageCount: 1 };
  return input.database.tenant(actor.tenantId, async (tx) => {
    const where = and(
      eq(nextOfKinCases.tenantId, actor.tenantId),
      inArray(nextOfKinCases.unitId, unitIds),
      status === "all" ? undefined : eq(nextOfKinCases.status, status),
    );
    const [{ total } = { total: 0 }] = await tx
      .select({ total: count() })
      .from(nextOfKinCases)
      .where(where);
    const pageCount = Math.max(1, Math.ceil(total / NEXT_OF_KIN_PAGE_SIZE));
    const page = Math.min(Math.max(1, Math.floor(input.page ?? 1)), pageCount);
    const rows = await tx
      .select({
        id: nextOfKinCases.id,
        unitName: units.name,
        parentReference: nextOfKinCases.parentReference,
        parentSituation: nextOfKinCases.parentSituation,
        childCount: sql<number>`jsonb_array_length(${nextOfKinCases.children})`.mapWith(Number),
        conversationOn: nextOfKinCases.conversationOn,
        followUpOn: nextOfKinCases.followUpOn,
        status: nextOfKinCases.status,
      })
      .from(nextOfKinCases)
      .innerJoin(units, eq(units.id, nextOfKinCases.unitId))
      .where(where)
      .orderBy(
        // Open before closed; then the nearest follow-up; cases without one last.
        desc(sql`${nextOfKinCases.status} = 'open'`),
        sql`${nextOfKinCases.followUpOn} asc nulls last`,
        desc(nextOfKinCases.createdAt),
        asc(nextOfKinCases.id),
      )
      .limit(NEXT_OF_KIN_PAGE_SIZE)
      .offset((page - 1) * NEXT_OF_KIN_PAGE_SIZE);
    return {
      items: rows.map((row) => ({ ...row, followUp: followUpState(row, today) })),
      total,
      page,
      pageCount,
    };
  });
}

export interface NextOfKinDetails {
  case: NextOfKinCase;
  unitName: string;
  followUp: ReturnType<typeof followUpState>;
}

/** One case, for an employee of its unit; the read is audited. */
export async function getNextOfKinCase(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  caseId: string;
  today?: string;
}): Promise<NextOfKinDetails> {
  const actor = assertRelayLogUser(input.actor);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const row = await requireCase(tx, actor, input.caseId);
    const [unit] = await tx
      .select({ name: units.name })
      .from(units)
      .where(eq(units.id, row.unitId));
    await audit(tx, { type: "nextofkin.viewed", actor, meta: input.meta, caseRow: row });
    return {
      case: row,
      unitName: unit?.name ?? "",
      followUp: followUpState(row, input.today ?? osloDate()),
    };
  });
}

/** JSON with sorted keys: jsonb hands objects back with its own key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(
          Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : inner,
  );
}

const trackedFields = [
  "parentReference",
  "parentSituation",
  "children",
  "conversationOn",
  "childrensNeeds",
  "actionsTaken",
  "followUpOn",
  "status",
] as const;

/** Saves an edited case; a stale version is a conflict (the form keeps what was typed). */
export async function updateNextOfKinCase(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  caseId: string;
  values: unknown;
}): Promise<NextOfKinCase> {
  const actor = assertRelayLogUser(input.actor);
  const values = parseInput(updateSchema, input.values) as CaseValues & { lockVersion: string };
  return input.database.tenant(actor.tenantId, async (tx) => {
    const before = await requireCase(tx, actor, input.caseId);
    if (Number(values.lockVersion) !== before.lockVersion) {
      throw new AppError("conflict", "relayLog.conflict");
    }
    const fields = caseFields(values, osloDate(), before.children);
    const next = {
      parentReference: values.parentReference,
      parentSituation: values.parentSituation,
      children: fields.children,
      conversationOn: fields.conversationOn,
      childrensNeeds: values.childrensNeeds,
      actionsTaken: values.actionsTaken,
      followUpOn: fields.followUpOn,
      status: values.status,
    };
    const [row] = await tx
      .update(nextOfKinCases)
      .set({
        ...next,
        lockVersion: before.lockVersion + 1,
        // A new follow-up date earns a new reminder.
        reminderSentAt: next.followUpOn === before.followUpOn ? before.reminderSentAt : null,
        updatedAt: new Date(),
      })
      .where(
        and(eq(nextOfKinCases.id, before.id), eq(nextOfKinCases.lockVersion, before.lockVersion)),
      )
      .returning();
    if (!row) throw new AppError("conflict", "relayLog.conflict");
    const changed = trackedFields.filter(
      (field) => canonical(before[field]) !== canonical(next[field]),
    );
    await audit(tx, {
      type: "nextofkin.updated",
      actor,
      meta: input.meta,
      caseRow: row,
      details: { fields: changed },
    });
    return row;
  });
}

/**
 * What the open-log form may prefill when it is started from a case ("open a relay log for
 * this child when consent is given"): the child's name and birth year, for the case's unit only.
 */
export async function nextOfKinChildForLog(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  caseId: string;
  childIndex: number;
}): Promise<{ name: string; birthYear: number | null }> {
  const actor = assertRelayLogUser(input.actor);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const row = await requireCase(tx, actor, input.caseId);
    const child = row.children[input.childIndex];
    if (!child) throw new AppError("not_found", "errors.notFound");
    await audit(tx, {
      type: "nextofkin.viewed",
      actor,
      meta: input.meta,
      caseRow: row,
      details: { view: "open_log", childIndex: input.childIndex },
    });
    return { name: child.name, birthYear: child.birthYear };
  });
}

/**
 * Links a relay log opened for one of the case's children, so the case shows it. The open-log
 * use case can call this when it was started from the case; the case page also lets an employee
 * pick the log. Both the case (its unit) and the log (read access) must be the actor's.
 */
export async function linkNextOfKinLog(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  caseId: string;
  childIndex: number;
  logId: string;
}): Promise<NextOfKinCase> {
  const actor = assertRelayLogUser(input.actor);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const row = await requireCase(tx, actor, input.caseId);
    if (!Number.isInteger(input.childIndex) || !row.children[input.childIndex]) {
      throw new AppError("not_found", "errors.notFound");
    }
    const log = await requireLog(tx, {
      actor,
      meta: input.meta,
      logId: input.logId,
      need: "read",
    }).catch((error: unknown) => {
      if (error instanceof AppError && (error.code === "not_found" || error.code === "forbidden")) {
        return null;
      }
      throw error;
    });
    if (!log || log.log.kind !== "log") {
      throw new AppError("validation", "errors.validation", {
        fieldErrors: { logId: "relayLog.cases.nextOfKin.logNotFound" },
      });
    }
    const children = row.children.map((child, index) =>
      index === input.childIndex ? { ...child, logId: log.log.id } : child,
    );
    const [updated] = await tx
      .update(nextOfKinCases)
      .set({ children, lockVersion: row.lockVersion + 1, updatedAt: new Date() })
      .where(and(eq(nextOfKinCases.id, row.id), eq(nextOfKinCases.lockVersion, row.lockVersion)))
      .returning();
    if (!updated) throw new AppError("conflict", "relayLog.conflict");
    await audit(tx, {
      type: "nextofkin.log_opened",
      actor,
      meta: input.meta,
      caseRow: row,
      details: { childIndex: input.childIndex, logId: log.log.id },
    });
    return updated;
  });
}

/**
 * The logs an employee can link to a child of a case: open logs they hold, newest first (the log
 * they just opened from the case is among them). Each goes through the log policy.
 */
export async function linkableLogs(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
}): Promise<{ id: string; childName: string; childBirthDate: string | null }[]> {
  const actor = assertRelayLogUser(input.actor);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const candidates = await tx
      .select({ id: relayLogs.id })
      .from(relayLogs)
      .where(
        and(
          eq(relayLogs.tenantId, actor.tenantId),
          eq(relayLogs.holderUserId, actor.userId),
          eq(relayLogs.kind, "log"),
          eq(relayLogs.status, "open"),
        ),
      )
      .orderBy(desc(relayLogs.createdAt))
      .limit(NEXT_OF_KIN_PAGE_SIZE);
    const logs: { id: string; childName: string; childBirthDate: string | null }[] = [];
    for (const candidate of candidates) {
      const { log } = await requireLog(tx, {
        actor,
        meta: input.meta,
        logId: candidate.id,
        need: "read",
      });
      logs.push({ id: log.id, childName: log.childName ?? "", childBirthDate: log.childBirthDate });
    }
    return logs;
  });
}
