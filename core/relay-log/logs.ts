import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { listChildWelfareReports, type ChildWelfareReportLine } from "./child-welfare.ts";
import { z } from "zod";
import type { Database, Tx } from "../../db/client.ts";
import {
  relayLogAreas,
  relayLogGuardians,
  relayLogHandovers,
  relayLogJoinRequests,
  relayLogLevelChanges,
  relayLogParticipants,
  relayLogs,
  units,
  userUnits,
  users,
} from "../../db/schema/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import { mayReceiveBaton } from "../access/relay-log.ts";
import { recordAudit } from "../audit/audit.ts";
import { citizenLookupSecret, nationalIdLookupHash } from "../auth/login.ts";
import { AppError, type FieldErrors } from "../errors.ts";
import { encryptText } from "../platform/crypto.ts";
import { addDays, osloDate } from "../platform/dates.ts";
import { isValidNationalId } from "../platform/national-id.ts";
import { parseInput } from "../platform/validation.ts";
import { guardianIdColumns, guardianNationalIdField } from "./guardian-id.ts";
import {
  assertLockVersion,
  assertRelayLogUser,
  auditLogChange,
  loadLogContext,
  requireLog,
  youthConsentAgeOf,
  type RelayLog,
  type Staff,
} from "./access.ts";
import { logHeader, type LogHeader } from "./header.ts";
import {
  ageOn,
  allLevels,
  AREA_DESCRIPTION_MAX,
  AREA_ROWS,
  AREA_TITLE_MAX,
  CHILD_NAME_MAX,
  CONSENT_EXPIRING_DAYS,
  EVALUATION_DUE_DAYS,
  GUARDIAN_NAME_MAX,
  GUARDIAN_ROWS,
  isoDateFromInput,
  JOIN_MESSAGE_MAX,
  LEVEL_REASON_MAX,
  LIST_PAGE_SIZE,
  logRoles,
  logStatuses,
  MAX_AGE_YEARS,
  nationalIdMatchesBirthDate,
  openLevels,
  type LogRole,
  type LogStatus,
  type MyLogFilters,
} from "./open-rules.ts";

export * from "./open-rules.ts";

/**
 * Opening a relay log, one log per child, joining an existing log, the "my logs" list, a log's
 * overview, level changes and the start page's "needs attention" panel.
 *
 * Every read of a log's content goes through requireLog; the list and the start-page counts are
 * queries limited to the logs the actor holds or takes part in, with the same consent rule as
 * core/access/relay-log.ts (a participant whose unit no valid consent names sees the name only).
 */

/** The keys the national ID number is hashed and encrypted with (from the route's config). */
export interface LogSecrets {
  /** HMAC key of the lookup hash: the same one citizens are found by (core/auth/login.ts). */
  lookupSecret: string;
  /** AES-256-GCM key (DATA_ENCRYPTION_KEY). */
  encryptionKey: Buffer;
}

export function logSecretsFrom(dataEncryptionKey: Buffer): LogSecrets {
  return {
    lookupSecret: citizenLookupSecret(dataEncryptionKey),
    encryptionKey: dataEncryptionKey,
  };
}

/**
 * "A log already exists for this child." It carries the existing log's id (to ask to join) and
 * whether the actor already takes part, and nothing else: no holder, level, name or unit.
 */
export class LogExistsError extends AppError {
  readonly existingLogId: string;
  readonly alreadyParticipant: boolean;

  constructor(existingLogId: string, alreadyParticipant: boolean) {
    super("conflict", alreadyParticipant ? "relayLog.open.existsYours" : "relayLog.open.exists");
    this.existingLogId = existingLogId;
    this.alreadyParticipant = alreadyParticipant;
  }
}

export function isLogExistsError(error: unknown): error is LogExistsError {
  return error instanceof LogExistsError;
}

// ---------------------------------------------------------------------------------------------
// Input schemas
// ---------------------------------------------------------------------------------------------

const text = (max: number) => z.string().trim().max(max, "errors.tooLong");
const optionalText = (max: number) => text(max).optional().default("");
const PHONE = /^\+?[\d ]{8,15}$/;
const emailCheck = z.email();

const yesNo = z.preprocess(
  (value) => (value === true ? "yes" : value === false ? "no" : value),
  z.enum(["", "yes", "no"], { message: "relayLog.open.parentalResponsibilityRequired" }),
);

const guardianRow = z.strictObject({
  name: optionalText(GUARDIAN_NAME_MAX),
  phone: optionalText(40),
  email: optionalText(200),
  parentalResponsibility: yesNo.optional().default(""),
  /** Lets the guardian log in with ID-porten and take part digitally (optional). */
  nationalId: guardianNationalIdField,
});

const areaRow = z.strictObject({
  title: optionalText(AREA_TITLE_MAX),
  description: optionalText(AREA_DESCRIPTION_MAX),
});

const toArray = (value: unknown) =>
  value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value];

const guidOrEmpty = z.union([z.literal(""), z.guid({ message: "errors.unknownUnit" })]);

/**
 * The open form's rules. Every check reports at once, beside its field: the rule that needs the
 * municipality's consent age (a guardian with parental responsibility for a younger child) and
 * the check that the ID number fits the birth date run even when other fields are wrong.
 */
export function openLogSchemaFor(youthConsentAge: number) {
  return z
    .strictObject({
      childName: z.string().trim().min(1, "errors.required").max(CHILD_NAME_MAX, "errors.tooLong"),
      birthDate: z
        .string()
        .trim()
        .min(1, "errors.required")
        .transform((value, ctx) => {
          const iso = isoDateFromInput(value);
          const today = osloDate();
          const problem = !iso
            ? "relayLog.open.birthDateFormat"
            : iso > today
              ? "relayLog.open.birthDateFuture"
              : ageOn(iso, today) >= MAX_AGE_YEARS
                ? "relayLog.open.birthDateTooOld"
                : null;
          if (problem || !iso) {
            ctx.addIssue({ code: "custom", message: problem ?? "relayLog.open.birthDateFormat" });
            return z.NEVER;
          }
          return iso;
        }),
      nationalId: z
        .string()
        .optional()
        .default("")
        .transform((value) => value.replace(/[\s.-]/g, ""))
        .refine((value) => value === "" || isValidNationalId(value), {
          message: "relayLog.open.invalidNationalId",
        }),
      level: z.preprocess(
        (value) => (typeof value === "number" ? String(value) : value),
        z.enum(
          openLevels.map((level) => String(level)) as [string, ...string[]],
          "relayLog.open.levelChoice",
        ),
      ),
      holderUnitId: guidOrEmpty.optional().default(""),
      proposedHolderEmail: z
        .string()
        .trim()
        .max(200, "errors.tooLong")
        .optional()
        .default("")
        .refine((value) => value === "" || emailCheck.safeParse(value).success, "errors.email"),
      origin: z.enum(["direct", "worry", "next_of_kin"]).optional().default("direct"),
      unitIds: z.preprocess(
        toArray,
        z
          .array(z.guid({ message: "errors.unknownUnit" }))
          .min(1, "relayLog.open.unitsRequired")
          .max(50),
      ),
      guardians: z
        .array(guardianRow)
        .max(GUARDIAN_ROWS, "relayLog.open.tooManyGuardians")
        .superRefine((rows, ctx) => {
          let filled = 0;
          rows.forEach((row, index) => {
            if (
              !row.name &&
              !row.phone &&
              !row.email &&
              !row.parentalResponsibility &&
              !row.nationalId
            ) {
              return;
            }
            filled += 1;
            const issue = (field: string, message: string) =>
              ctx.addIssue({ code: "custom", path: [index, field], message });
            if (!row.name) issue("name", "relayLog.open.guardianNameRequired");
            if (row.phone && !PHONE.test(row.phone)) issue("phone", "errors.phone");
            if (row.email && !emailCheck.safeParse(row.email).success) {
              issue("email", "errors.email");
            }
            if (!row.parentalResponsibility) {
              issue("parentalResponsibility", "relayLog.open.parentalResponsibilityRequired");
            }
          });
          if (filled === 0) {
            ctx.addIssue({ code: "custom", message: "relayLog.open.guardianRequired" });
          }
        }),
      areas: z
        .array(areaRow)
        .max(AREA_ROWS, "relayLog.open.tooManyAreas")
        .superRefine((rows, ctx) => {
          let filled = 0;
          rows.forEach((row, index) => {
            if (!row.title && !row.description) return;
            filled += 1;
            if (!row.title) {
              ctx.addIssue({
                code: "custom",
                path: [index, "title"],
                message: "relayLog.open.areaTitleRequired",
              });
            }
          });
          if (filled === 0) {
            ctx.addIssue({ code: "custom", message: "relayLog.open.areaRequired" });
          }
        }),
    })
    .superRefine(
      (values, ctx) => {
        // The values may be half-parsed here (other fields failed): read them defensively.
        const raw = values as unknown as Record<string, unknown>;
        const birthDate =
          typeof raw.birthDate === "string" ? isoDateFromInput(raw.birthDate) : null;
        const nationalId =
          typeof raw.nationalId === "string" ? raw.nationalId.replace(/[\s.-]/g, "") : "";
        if (
          birthDate &&
          isValidNationalId(nationalId) &&
          !nationalIdMatchesBirthDate(nationalId, birthDate)
        ) {
          ctx.addIssue({
            code: "custom",
            path: ["nationalId"],
            message: "relayLog.open.nationalIdBirthDateMismatch",
          });
        }
        const rows = (Array.isArray(raw.guardians) ? raw.guardians : []) as Record<
          string,
          unknown
        >[];
        const filled = rows.filter(
          (row) =>
            row &&
            (row.name || row.phone || row.email || row.parentalResponsibility || row.nationalId),
        );
        const underAge = birthDate !== null && ageOn(birthDate, osloDate()) < youthConsentAge;
        if (
          underAge &&
          filled.length > 0 &&
          !filled.some(
            (row) => row.parentalResponsibility === "yes" || row.parentalResponsibility === true,
          )
        ) {
          ctx.addIssue({
            code: "custom",
            path: ["guardians"],
            message: "relayLog.open.parentalResponsibilityMissing",
          });
        }
      },
      { when: () => true },
    );
}

export type OpenLogValues = z.input<ReturnType<typeof openLogSchemaFor>>;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

function throwFieldErrors(fieldErrors: FieldErrors): void {
  if (Object.keys(fieldErrors).length > 0) {
    throw new AppError("validation", "errors.validation", { fieldErrors });
  }
}

/** The actor's own active units, read now (not from the session, which may be older). */
async function activeUnitsOf(tx: Tx, tenantId: string, userId: string) {
  return tx
    .select({ id: units.id, name: units.name })
    .from(userUnits)
    .innerJoin(units, eq(units.id, userUnits.unitId))
    .where(
      and(eq(userUnits.tenantId, tenantId), eq(userUnits.userId, userId), eq(units.active, true)),
    )
    .orderBy(asc(units.name));
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

type Row = Record<string, unknown>;

async function rowsOf<T extends Row>(tx: Tx, query: SQL): Promise<T[]> {
  const result = (await tx.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

// ---------------------------------------------------------------------------------------------
// Open a log
// ---------------------------------------------------------------------------------------------

/** What the open form needs: the actor's units, the municipality's units and consent age. */
export async function openLogFormData(input: { database: Database; actor: Actor }) {
  const actor = assertRelayLogUser(input.actor);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const myUnits = await activeUnitsOf(tx, actor.tenantId, actor.userId);
    const allUnits = await tx
      .select({ id: units.id, name: units.name })
      .from(units)
      .where(and(eq(units.tenantId, actor.tenantId), eq(units.active, true)))
      .orderBy(asc(units.name));
    return {
      myUnits,
      units: allUnits,
      youthConsentAge: await youthConsentAgeOf(tx, actor.tenantId),
    };
  });
}

type DuplicateCheck =
  | { kind: "created"; log: RelayLog; handoverId: string | null }
  | { kind: "exists"; logId: string; alreadyParticipant: boolean };

/**
 * Opens a log for a child. The opener becomes relay holder for one of their units (and a
 * participant); a proposed other holder gets a pending handover to accept. Before anything is
 * written, an open log for the same child (same national ID number, or same name and birth
 * date) is looked for: if there is one, nothing is created and LogExistsError says only that it
 * exists (and its id, to ask to join), and the finding is audited.
 */
export async function openLog(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  secrets: LogSecrets;
  values: unknown;
}): Promise<{ log: RelayLog; handoverId: string | null }> {
  const actor = assertRelayLogUser(input.actor);
  const today = osloDate();

  const outcome: DuplicateCheck = await input.database.tenant(actor.tenantId, async (tx) => {
    // The consent age decides whether a guardian with parental responsibility is required.
    const consentAge = await youthConsentAgeOf(tx, actor.tenantId);
    const values = parseInput(openLogSchemaFor(consentAge), input.values);
    const guardians = values.guardians.filter(
      (row) => row.name || row.phone || row.email || row.parentalResponsibility || row.nationalId,
    );
    const areas = values.areas.filter((row) => row.title || row.description);
    const nationalIdHash = values.nationalId
      ? nationalIdLookupHash(input.secrets.lookupSecret, values.nationalId)
      : null;
    const fieldErrors: FieldErrors = {};

    const myUnits = await activeUnitsOf(tx, actor.tenantId, actor.userId);
    let holderUnitId = values.holderUnitId;
    if (myUnits.length === 0) fieldErrors.holderUnitId = "relayLog.open.noUnitOfYours";
    else if (!holderUnitId && myUnits.length === 1) holderUnitId = myUnits[0]!.id;
    else if (!holderUnitId) fieldErrors.holderUnitId = "relayLog.open.holderUnitRequired";
    else if (!myUnits.some((unit) => unit.id === holderUnitId)) {
      fieldErrors.holderUnitId = "relayLog.open.holderUnitRequired";
    }

    const chosen = unique(values.unitIds);
    const found = chosen.length
      ? await tx
          .select({ id: units.id, active: units.active })
          .from(units)
          .where(and(eq(units.tenantId, actor.tenantId), inArray(units.id, chosen)))
      : [];
    if (found.length !== chosen.length) fieldErrors.unitIds = "errors.unknownUnit";
    else if (found.some((unit) => !unit.active)) fieldErrors.unitIds = "errors.unitInactive";
    // The holder's unit always takes part.
    const unitIds = unique([...(holderUnitId ? [holderUnitId] : []), ...chosen]);

    let proposed: { userId: string; unitId: string } | null = null;
    if (values.proposedHolderEmail) {
      const [colleague] = await tx
        .select({
          id: users.id,
          tenantId: users.tenantId,
          active: users.active,
          roles: users.roles,
        })
        .from(users)
        .where(
          and(
            eq(users.tenantId, actor.tenantId),
            eq(users.active, true),
            sql`lower(${users.email}) = lower(${values.proposedHolderEmail})`,
          ),
        );
      if (!colleague || !mayReceiveBaton(colleague, actor.tenantId)) {
        fieldErrors.proposedHolderEmail = "relayLog.open.proposedHolderUnknown";
      } else if (colleague.id === actor.userId) {
        fieldErrors.proposedHolderEmail = "relayLog.open.proposedHolderSelf";
      } else {
        const theirUnits = await activeUnitsOf(tx, actor.tenantId, colleague.id);
        // They hold the baton for the first of the units taking part that they belong to.
        const unitId = unitIds.find((id) => theirUnits.some((unit) => unit.id === id));
        if (!unitId) fieldErrors.proposedHolderEmail = "relayLog.open.proposedHolderNoUnit";
        else proposed = { userId: colleague.id, unitId };
      }
    }
    throwFieldErrors(fieldErrors);

    // One open log per child: openings in a municipality take turns, so two employees opening
    // a log for the same child at the same moment cannot both get past the check.
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtext(${`laget:relaylog-open:${actor.tenantId}`}))`,
    );
    const [existing] = await tx
      .select({ id: relayLogs.id, nationalIdHash: relayLogs.nationalIdHash })
      .from(relayLogs)
      .where(
        and(
          eq(relayLogs.tenantId, actor.tenantId),
          eq(relayLogs.status, "open"),
          eq(relayLogs.kind, "log"),
          nationalIdHash
            ? sql`(${relayLogs.nationalIdHash} = ${nationalIdHash} or (lower(${relayLogs.childName}) = lower(${values.childName}) and ${relayLogs.childBirthDate} = ${values.birthDate} and ${relayLogs.nationalIdHash} is null))`
            : sql`lower(${relayLogs.childName}) = lower(${values.childName}) and ${relayLogs.childBirthDate} = ${values.birthDate}`,
        ),
      )
      .orderBy(
        // A match on the ID number is the stronger one.
        sql`(${relayLogs.nationalIdHash} is not distinct from ${nationalIdHash}) desc`,
      )
      .limit(1);
    if (existing) {
      const context = await loadLogContext(tx, actor, existing.id, today);
      const alreadyParticipant = Boolean(context && (context.access.read || context.access.frozen));
      await recordAudit(tx, {
        type: "relaylog.duplicate_found",
        tenantId: actor.tenantId,
        actor,
        meta: input.meta,
        subject: { type: "relay_log", id: existing.id },
        details: {
          matchedBy:
            nationalIdHash && existing.nationalIdHash === nationalIdHash
              ? "national_id"
              : "name_birth_date",
          alreadyParticipant,
        },
      });
      return { kind: "exists", logId: existing.id, alreadyParticipant };
    }

    const level = Number(values.level);
    const [log] = await tx
      .insert(relayLogs)
      .values({
        tenantId: actor.tenantId,
        kind: "log",
        status: "open",
        level,
        childName: values.childName,
        childBirthDate: values.birthDate,
        nationalIdHash,
        nationalIdEncrypted: values.nationalId
          ? encryptText(input.secrets.encryptionKey, values.nationalId)
          : null,
        holderUserId: actor.userId,
        holderUnitId,
        unitIds,
        openedBy: actor.userId,
        origin: values.origin,
      })
      .returning();
    await tx.insert(relayLogParticipants).values({
      tenantId: actor.tenantId,
      logId: log!.id,
      userId: actor.userId,
      unitId: holderUnitId,
      addedBy: actor.userId,
    });
    await tx.insert(relayLogGuardians).values(
      guardians.map((row) => ({
        tenantId: actor.tenantId,
        logId: log!.id,
        name: row.name,
        phone: row.phone || null,
        email: row.email || null,
        parentalResponsibility: row.parentalResponsibility === "yes",
        ...guardianIdColumns(input.secrets, row.nationalId),
      })),
    );
    await tx.insert(relayLogAreas).values(
      areas.map((row, index) => ({
        tenantId: actor.tenantId,
        logId: log!.id,
        title: row.title,
        description: row.description,
        sortOrder: index,
        createdBy: actor.userId,
      })),
    );
    await tx.insert(relayLogLevelChanges).values({
      tenantId: actor.tenantId,
      logId: log!.id,
      fromLevel: null,
      toLevel: level,
      reason: "",
      changedBy: actor.userId,
    });
    await auditLogChange(tx, {
      type: "relaylog.opened",
      actor,
      meta: input.meta,
      log: log!,
      details: {
        level,
        origin: values.origin,
        holderUnitId,
        unitIds,
        guardians: guardians.length,
        guardiansWithNationalId: guardians.filter((row) => row.nationalId).length,
        areas: areas.length,
        nationalId: nationalIdHash !== null,
      },
    });
    let handoverId: string | null = null;
    if (proposed) {
      const [handover] = await tx
        .insert(relayLogHandovers)
        .values({
          tenantId: actor.tenantId,
          logId: log!.id,
          fromUserId: actor.userId,
          toUserId: proposed.userId,
          toUnitId: proposed.unitId,
          isTransition: false,
        })
        .returning({ id: relayLogHandovers.id });
      handoverId = handover!.id;
      await auditLogChange(tx, {
        type: "relaylog.handover_requested",
        actor,
        meta: input.meta,
        log: log!,
        details: {
          handoverId,
          toUserId: proposed.userId,
          toUnitId: proposed.unitId,
          isTransition: false,
        },
      });
    }
    return { kind: "created", log: log!, handoverId };
  });
  if (outcome.kind === "exists") {
    throw new LogExistsError(outcome.logId, outcome.alreadyParticipant);
  }
  return { log: outcome.log, handoverId: outcome.handoverId };
}

// ---------------------------------------------------------------------------------------------
// Join requests
// ---------------------------------------------------------------------------------------------

export const joinRequestSchema = z.strictObject({
  unitId: z.guid({ message: "relayLog.open.joinUnitNotYours" }),
  message: optionalText(JOIN_MESSAGE_MAX),
});

/**
 * Asks the relay holder to be let into a log found by the one-log-per-child check. Nothing of
 * the log is read or returned: the answer is the request's id, or an error that says no more
 * than "not found", "you already take part" or "you already asked".
 */
export async function requestToJoin(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  logId: string;
  values: unknown;
}): Promise<{ requestId: string }> {
  const actor = assertRelayLogUser(input.actor);
  const values = parseInput(joinRequestSchema, input.values);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const context = await loadLogContext(tx, actor, input.logId);
    if (!context || context.log.status !== "open" || context.log.kind !== "log") {
      throw new AppError("not_found", "errors.notFound");
    }
    if (context.access.read || context.access.frozen) {
      throw new AppError("conflict", "relayLog.open.alreadyParticipant");
    }
    const myUnits = await activeUnitsOf(tx, actor.tenantId, actor.userId);
    if (!myUnits.some((unit) => unit.id === values.unitId)) {
      throw new AppError("validation", "errors.validation", {
        fieldErrors: { unitId: "relayLog.open.joinUnitNotYours" },
      });
    }
    const [pending] = await tx
      .select({ id: relayLogJoinRequests.id })
      .from(relayLogJoinRequests)
      .where(
        and(
          eq(relayLogJoinRequests.logId, context.log.id),
          eq(relayLogJoinRequests.userId, actor.userId),
          eq(relayLogJoinRequests.state, "pending"),
        ),
      );
    if (pending) throw new AppError("conflict", "relayLog.open.joinAlreadyRequested");
    const [request] = await tx
      .insert(relayLogJoinRequests)
      .values({
        tenantId: actor.tenantId,
        logId: context.log.id,
        userId: actor.userId,
        unitId: values.unitId,
        message: values.message,
      })
      .returning({ id: relayLogJoinRequests.id });
    await auditLogChange(tx, {
      type: "relaylog.join_requested",
      actor,
      meta: input.meta,
      log: context.log,
      details: { requestId: request!.id, unitId: values.unitId },
    });
    return { requestId: request!.id };
  });
}

export const joinDecisionSchema = z.strictObject({
  decision: z.enum(["accept", "decline"], "errors.choice"),
});

/**
 * The relay holder lets a requester in, or not. Letting in needs a valid consent that names the
 * requester's unit: without it the holder is told to record consent for that unit first.
 */
export async function decideJoinRequest(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  logId: string;
  requestId: string;
  values: unknown;
}): Promise<{ decision: "accept" | "decline" }> {
  const actor = assertRelayLogUser(input.actor);
  const { decision } = parseInput(joinDecisionSchema, input.values);
  if (!z.guid().safeParse(input.requestId).success) {
    throw new AppError("not_found", "errors.notFound");
  }
  return input.database.tenant(actor.tenantId, async (tx) => {
    const context = await requireLog(tx, {
      actor,
      meta: input.meta,
      logId: input.logId,
      need: "holderWrite",
    });
    const { log } = context;
    const [request] = await tx
      .select()
      .from(relayLogJoinRequests)
      .where(
        and(eq(relayLogJoinRequests.id, input.requestId), eq(relayLogJoinRequests.logId, log.id)),
      );
    if (!request) throw new AppError("not_found", "errors.notFound");
    if (request.state !== "pending") throw new AppError("conflict", "relayLog.open.joinNotPending");
    let added = false;
    if (decision === "accept") {
      if (log.kind === "log" && !context.consentedUnitIds.includes(request.unitId)) {
        throw new AppError("conflict", "relayLog.open.joinNeedsConsent");
      }
      const [active] = await tx
        .select({ id: relayLogParticipants.id })
        .from(relayLogParticipants)
        .where(
          and(
            eq(relayLogParticipants.logId, log.id),
            eq(relayLogParticipants.userId, request.userId),
            isNull(relayLogParticipants.leftAt),
          ),
        );
      if (!active) {
        await tx.insert(relayLogParticipants).values({
          tenantId: log.tenantId,
          logId: log.id,
          userId: request.userId,
          unitId: request.unitId,
          addedBy: actor.userId,
        });
        added = true;
      }
      if (!log.unitIds.includes(request.unitId)) {
        await tx
          .update(relayLogs)
          .set({
            unitIds: [...log.unitIds, request.unitId],
            lockVersion: sql`${relayLogs.lockVersion} + 1`,
            updatedAt: new Date(),
          })
          .where(eq(relayLogs.id, log.id));
      }
    }
    await tx
      .update(relayLogJoinRequests)
      .set({
        state: decision === "accept" ? "accepted" : "declined",
        decidedBy: actor.userId,
        decidedAt: new Date(),
      })
      .where(eq(relayLogJoinRequests.id, request.id));
    await auditLogChange(tx, {
      type: "relaylog.join_decided",
      actor,
      meta: input.meta,
      log,
      details: {
        requestId: request.id,
        decision,
        userId: request.userId,
        unitId: request.unitId,
      },
    });
    if (added) {
      await auditLogChange(tx, {
        type: "relaylog.participant_added",
        actor,
        meta: input.meta,
        log,
        details: { userId: request.userId, unitId: request.unitId, via: "join_request" },
      });
    }
    return { decision };
  });
}

// ---------------------------------------------------------------------------------------------
// My logs
// ---------------------------------------------------------------------------------------------

const flag = z.preprocess(
  (value) =>
    value === "true" || value === "1" || value === "on"
      ? true
      : value === "false" || value === "0"
        ? false
        : value,
  z.boolean(),
);

export const myLogFiltersSchema = z.strictObject({
  level: z.coerce.number().int().min(0).max(3).optional(),
  unitId: z.guid().optional(),
  role: z.enum(logRoles).optional(),
  dueEvaluations: flag.optional(),
  overdueMeasures: flag.optional(),
  expiringConsent: flag.optional(),
  status: z.enum(logStatuses).optional(),
  page: z.coerce.number().int().min(1).max(100_000).optional(),
});

export interface MyLogRow {
  id: string;
  kind: "log" | "anonymous";
  /** The child's name, or the pseudonym of an anonymous case discussion. */
  name: string;
  role: LogRole;
  /** The actor takes part, but no valid consent names their unit: the name is all they see. */
  frozen: boolean;
  status: LogStatus;
  level: number | null;
  holderUnitName: string | null;
  nextEvaluationOn: string | null;
  evaluationDue: boolean;
  measuresOverdue: boolean;
  consentExpiring: boolean;
}

export interface MyLogsPage {
  logs: MyLogRow[];
  total: number;
  page: number;
  pageSize: number;
  filters: MyLogFilters;
}

/**
 * The logs the actor holds or takes part in (active participant rows), with the consent rule of
 * the access policy computed in SQL: `frozen` when the actor is not the holder, the log is not an
 * anonymous discussion, and no valid consent names any unit they take part for. Starts from the
 * holder index and the participant index, so it reads only the actor's own logs however many
 * the municipality has.
 */
function visibleLogsCte(tenantId: string, userId: string, today: string, status: LogStatus): SQL {
  return sql`
    with mine as (
      select l.id as log_id, true as is_holder, null::uuid as unit_id
        from relay_logs l
       where l.tenant_id = ${tenantId} and l.holder_user_id = ${userId} and l.status = ${status}
      union all
      select p.log_id, false, p.unit_id
        from relay_log_participants p
       where p.tenant_id = ${tenantId} and p.user_id = ${userId} and p.left_at is null
    ),
    my_logs as (
      select log_id, bool_or(is_holder) as is_holder,
             coalesce(array_agg(unit_id) filter (where unit_id is not null), '{}'::uuid[]) as my_units
        from mine
       group by log_id
    ),
    visible as (
      select l.id, l.kind, l.level, l.status, l.holder_unit_id, l.unit_ids,
             coalesce(l.child_name, l.pseudonym, '') as name,
             m.is_holder,
             (not m.is_holder and l.kind <> 'anonymous' and not exists (
                select 1 from relay_log_consents c
                 where c.log_id = l.id and c.tenant_id = l.tenant_id and c.withdrawn_at is null
                   and c.given_on <= ${today} and c.expires_on >= ${today}
                   and c.unit_ids && m.my_units)) as frozen
        from my_logs m
        join relay_logs l on l.id = m.log_id and l.tenant_id = ${tenantId}
       where l.status = ${status}
    )`;
}

/** Conditions on one log of `visible`, referred to by its alias (v or p). */
const evaluationDueSql = (today: string, alias = "v") => sql`exists (
  select 1 from relay_log_evaluations e
   where e.log_id = ${sql.raw(alias)}.id and e.held_on is null
     and e.scheduled_on <= ${addDays(today, EVALUATION_DUE_DAYS)})`;
const measuresOverdueSql = (today: string, alias = "v") => sql`exists (
  select 1 from relay_log_measures ms
   where ms.log_id = ${sql.raw(alias)}.id and ms.due_on < ${today} and ms.status not in ('done', 'stopped'))`;
const consentExpiringSql = (today: string, alias = "v") => sql`exists (
  select 1 from relay_log_consents c
   where c.log_id = ${sql.raw(alias)}.id and c.withdrawn_at is null and c.given_on <= ${today}
     and c.expires_on >= ${today} and c.expires_on <= ${addDays(today, CONSENT_EXPIRING_DAYS)})`;

function filterConditions(filters: MyLogFilters, today: string): SQL {
  const conditions: SQL[] = [sql`true`];
  // Filters on a log's content never match a frozen log: its row shows the name only.
  const contentFilter =
    filters.level !== undefined ||
    filters.unitId !== undefined ||
    filters.dueEvaluations ||
    filters.overdueMeasures ||
    filters.expiringConsent;
  if (contentFilter) conditions.push(sql`not v.frozen`);
  if (filters.level !== undefined) conditions.push(sql`v.level = ${filters.level}`);
  if (filters.unitId) conditions.push(sql`${filters.unitId}::uuid = any(v.unit_ids)`);
  if (filters.role === "holder") conditions.push(sql`v.is_holder`);
  if (filters.role === "participant") conditions.push(sql`not v.is_holder`);
  if (filters.dueEvaluations) conditions.push(evaluationDueSql(today));
  if (filters.overdueMeasures) conditions.push(measuresOverdueSql(today));
  if (filters.expiringConsent) conditions.push(consentExpiringSql(today));
  return sql.join(conditions, sql` and `);
}

interface ListRow extends Row {
  id: string;
  kind: string;
  level: number;
  status: string;
  name: string;
  is_holder: boolean;
  frozen: boolean;
  holder_unit_name: string | null;
  next_evaluation_on: string | null;
  evaluation_due: boolean;
  measures_overdue: boolean;
  consent_expiring: boolean;
}

export async function listMyLogs(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  filters?: unknown;
  today?: string;
}): Promise<MyLogsPage> {
  const actor = assertRelayLogUser(input.actor);
  const parsed = parseInput(myLogFiltersSchema, input.filters ?? {});
  const filters: MyLogFilters = Object.fromEntries(
    Object.entries(parsed).filter(([, value]) => value !== undefined && value !== false),
  );
  const today = input.today ?? osloDate();
  const status = filters.status ?? "open";
  const requestedPage = filters.page ?? 1;
  return input.database.tenant(actor.tenantId, async (tx) => {
    const cte = visibleLogsCte(actor.tenantId, actor.userId, today, status);
    const where = filterConditions(filters, today);
    const [count] = await rowsOf<{ total: number }>(
      tx,
      sql`${cte} select count(*)::int as total from visible v where ${where}`,
    );
    const total = Number(count?.total ?? 0);
    const page = Math.min(requestedPage, Math.max(Math.ceil(total / LIST_PAGE_SIZE), 1));
    const rows = await rowsOf<ListRow>(
      tx,
      sql`${cte}
      select p.id, p.kind, p.level, p.status, p.name, p.is_holder, p.frozen,
             case when p.frozen then null else u.name end as holder_unit_name,
             case when p.frozen then null else (
               select min(e.scheduled_on)::text from relay_log_evaluations e
                where e.log_id = p.id and e.held_on is null) end as next_evaluation_on,
             (not p.frozen and ${evaluationDueSql(today, "p")}) as evaluation_due,
             (not p.frozen and ${measuresOverdueSql(today, "p")}) as measures_overdue,
             (not p.frozen and ${consentExpiringSql(today, "p")}) as consent_expiring
        from (select v.* from visible v where ${where}
               order by lower(v.name), v.id
               limit ${LIST_PAGE_SIZE} offset ${(page - 1) * LIST_PAGE_SIZE}) p
        left join units u on u.id = p.holder_unit_id
       order by lower(p.name), p.id`,
    );
    await recordAudit(tx, {
      type: "relaylog.list_viewed",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      details: { filters: { ...filters, status }, page, total },
    });
    return {
      logs: rows.map((row) => rowOf(row)),
      total,
      page,
      pageSize: LIST_PAGE_SIZE,
      filters: { ...filters, page },
    };
  });
}

function rowOf(row: ListRow): MyLogRow {
  const frozen = Boolean(row.frozen);
  return {
    id: row.id,
    kind: row.kind as MyLogRow["kind"],
    name: row.name,
    role: row.is_holder ? "holder" : "participant",
    frozen,
    status: row.status as LogStatus,
    level: frozen ? null : Number(row.level),
    holderUnitName: frozen ? null : row.holder_unit_name,
    nextEvaluationOn: frozen ? null : row.next_evaluation_on,
    evaluationDue: !frozen && Boolean(row.evaluation_due),
    measuresOverdue: !frozen && Boolean(row.measures_overdue),
    consentExpiring: !frozen && Boolean(row.consent_expiring),
  };
}

// ---------------------------------------------------------------------------------------------
// The start page: what needs attention this week
// ---------------------------------------------------------------------------------------------

export interface Attention {
  evaluationsDue: number;
  measuresOverdue: number;
  /** Logs the actor holds whose consent expires within 30 days. */
  consentExpiring: number;
  /** Handovers waiting for the actor to accept: who offers the baton (no child data). */
  handovers: { id: string; logId: string; fromName: string }[];
  /** Join requests on logs the actor holds: who asks (no child data). */
  joinRequests: { id: string; logId: string; requesterName: string }[];
}

/**
 * Counts and links for the start page. It shows no child's name (only counts, and the names of
 * colleagues), so it reads no log's content and is not an audited read; the lists it links to are.
 */
export async function attentionThisWeek(input: {
  database: Database;
  actor: Actor;
  today?: string;
}): Promise<Attention> {
  const actor = assertRelayLogUser(input.actor);
  const today = input.today ?? osloDate();
  return input.database.tenant(actor.tenantId, async (tx) => {
    const cte = visibleLogsCte(actor.tenantId, actor.userId, today, "open");
    const [counts] = await rowsOf<{
      evaluations_due: number;
      measures_overdue: number;
      consent_expiring: number;
    }>(
      tx,
      sql`${cte}
      select count(*) filter (where ${evaluationDueSql(today)})::int as evaluations_due,
             count(*) filter (where ${measuresOverdueSql(today)})::int as measures_overdue,
             count(*) filter (where v.is_holder and ${consentExpiringSql(today)})::int as consent_expiring
        from visible v
       where not v.frozen`,
    );
    const handovers = await tx
      .select({ id: relayLogHandovers.id, logId: relayLogHandovers.logId, fromName: users.name })
      .from(relayLogHandovers)
      .innerJoin(
        relayLogs,
        and(eq(relayLogs.id, relayLogHandovers.logId), eq(relayLogs.status, "open")),
      )
      .leftJoin(users, eq(users.id, relayLogHandovers.fromUserId))
      .where(
        and(
          eq(relayLogHandovers.tenantId, actor.tenantId),
          eq(relayLogHandovers.toUserId, actor.userId),
          eq(relayLogHandovers.state, "pending"),
        ),
      )
      .orderBy(asc(relayLogHandovers.createdAt));
    const joinRequests = await tx
      .select({
        id: relayLogJoinRequests.id,
        logId: relayLogJoinRequests.logId,
        requesterName: users.name,
      })
      .from(relayLogJoinRequests)
      .innerJoin(
        relayLogs,
        and(
          eq(relayLogs.id, relayLogJoinRequests.logId),
          eq(relayLogs.tenantId, actor.tenantId),
          eq(relayLogs.holderUserId, actor.userId),
          eq(relayLogs.status, "open"),
        ),
      )
      .innerJoin(users, eq(users.id, relayLogJoinRequests.userId))
      .where(eq(relayLogJoinRequests.state, "pending"))
      .orderBy(asc(relayLogJoinRequests.createdAt));
    return {
      evaluationsDue: Number(counts?.evaluations_due ?? 0),
      measuresOverdue: Number(counts?.measures_overdue ?? 0),
      consentExpiring: Number(counts?.consent_expiring ?? 0),
      handovers: handovers.map((row) => ({ ...row, fromName: row.fromName ?? "" })),
      joinRequests,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Overview
// ---------------------------------------------------------------------------------------------

export interface LogOverview {
  header: LogHeader;
  /** Reports to child welfare made from this log: that one was made, when and by whom (staff only). */
  childWelfareReports: ChildWelfareReportLine[];
  childBirthDate: string | null;
  areas: { id: string; title: string; description: string; goals: number }[];
  nextEvaluation: { id: string; scheduledOn: string } | null;
  nextMeeting: { id: string; startsAt: Date; place: string } | null;
  measures: { open: number; overdue: number };
  latestEntries: {
    id: string;
    kind: "note" | "highlight";
    occurredOn: string;
    authorName: string;
    areaTitle: string | null;
    text: string;
  }[];
  participants: { userId: string; name: string; unitName: string; isHolder: boolean }[];
  /** The holder only: requests to join, and whether consent already covers the unit. */
  joinRequests: {
    id: string;
    requesterName: string;
    unitId: string;
    unitName: string;
    message: string;
    createdAt: Date;
    consentCovers: boolean;
  }[];
  /** The holder only: a handover waiting for the receiver. */
  pendingHandover: { toName: string; toUnitName: string } | null;
  levelHistory: {
    id: string;
    fromLevel: number | null;
    toLevel: number;
    reason: string;
    changedByName: string | null;
    changedAt: Date;
  }[];
}

export async function getLogOverview(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  logId: string;
}): Promise<LogOverview> {
  const actor = assertRelayLogUser(input.actor);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const context = await requireLog(tx, {
      actor,
      meta: input.meta,
      logId: input.logId,
      need: "read",
      view: "overview",
    });
    const { log, today } = context;
    const header = await logHeader(tx, context);
    const areas = await tx
      .select({
        id: relayLogAreas.id,
        title: relayLogAreas.title,
        description: relayLogAreas.description,
        goals: sql<number>`(select count(*)::int from relay_log_goals g where g.log_id = relay_log_areas.log_id and g.area_id = relay_log_areas.id)`,
      })
      .from(relayLogAreas)
      .where(eq(relayLogAreas.logId, log.id))
      .orderBy(asc(relayLogAreas.sortOrder), asc(relayLogAreas.createdAt));
    const [status] = await rowsOf<{
      evaluation_id: string | null;
      evaluation_on: string | null;
      meeting_id: string | null;
      meeting_starts: string | Date | null;
      meeting_place: string | null;
      measures_open: number;
      measures_overdue: number;
    }>(
      tx,
      sql`select e.id as evaluation_id, e.scheduled_on::text as evaluation_on,
                 m.id as meeting_id, m.starts_at as meeting_starts, m.place as meeting_place,
                 (select count(*)::int from relay_log_measures ms
                   where ms.log_id = ${log.id} and ms.status not in ('done', 'stopped')) as measures_open,
                 (select count(*)::int from relay_log_measures ms
                   where ms.log_id = ${log.id} and ms.status not in ('done', 'stopped')
                     and ms.due_on < ${today}) as measures_overdue
            from (select 1) one
            left join lateral (select id, scheduled_on from relay_log_evaluations
                                where log_id = ${log.id} and held_on is null
                                order by scheduled_on, id limit 1) e on true
            left join lateral (select id, starts_at, place from relay_log_meetings
                                where log_id = ${log.id} and status = 'planned' and starts_at >= now()
                                order by starts_at, id limit 1) m on true`,
    );
    const latestEntries = await rowsOf<{
      id: string;
      kind: string;
      occurred_on: string;
      author_name: string;
      area_title: string | null;
      text: string;
    }>(
      tx,
      sql`select en.id, en.kind, en.occurred_on::text as occurred_on, en.author_name,
                 a.title as area_title, v.text
            from relay_log_entries en
            join relay_log_entry_versions v on v.entry_id = en.id and v.version = en.current_version
            left join relay_log_areas a on a.id = en.area_id
           where en.log_id = ${log.id}
           order by en.occurred_on desc, en.created_at desc
           limit 5`,
    );
    const participants = await tx
      .select({ userId: users.id, name: users.name, unitName: units.name })
      .from(relayLogParticipants)
      .innerJoin(users, eq(users.id, relayLogParticipants.userId))
      .innerJoin(units, eq(units.id, relayLogParticipants.unitId))
      .where(and(eq(relayLogParticipants.logId, log.id), isNull(relayLogParticipants.leftAt)))
      .orderBy(asc(users.name));
    const joinRequests = context.access.holder
      ? await tx
          .select({
            id: relayLogJoinRequests.id,
            requesterName: users.name,
            unitId: relayLogJoinRequests.unitId,
            unitName: units.name,
            message: relayLogJoinRequests.message,
            createdAt: relayLogJoinRequests.createdAt,
          })
          .from(relayLogJoinRequests)
          .innerJoin(users, eq(users.id, relayLogJoinRequests.userId))
          .innerJoin(units, eq(units.id, relayLogJoinRequests.unitId))
          .where(
            and(eq(relayLogJoinRequests.logId, log.id), eq(relayLogJoinRequests.state, "pending")),
          )
          .orderBy(asc(relayLogJoinRequests.createdAt))
      : [];
    const [handover] = context.access.holder
      ? await tx
          .select({ toName: users.name, toUnitName: units.name })
          .from(relayLogHandovers)
          .innerJoin(users, eq(users.id, relayLogHandovers.toUserId))
          .innerJoin(units, eq(units.id, relayLogHandovers.toUnitId))
          .where(and(eq(relayLogHandovers.logId, log.id), eq(relayLogHandovers.state, "pending")))
      : [];
    const levelHistory = await tx
      .select({
        id: relayLogLevelChanges.id,
        fromLevel: relayLogLevelChanges.fromLevel,
        toLevel: relayLogLevelChanges.toLevel,
        reason: relayLogLevelChanges.reason,
        changedByName: users.name,
        changedAt: relayLogLevelChanges.changedAt,
      })
      .from(relayLogLevelChanges)
      .leftJoin(users, eq(users.id, relayLogLevelChanges.changedBy))
      .where(eq(relayLogLevelChanges.logId, log.id))
      .orderBy(desc(relayLogLevelChanges.changedAt), desc(relayLogLevelChanges.id));
    return {
      header,
      childBirthDate: log.kind === "log" ? log.childBirthDate : null,
      areas: areas.map((area) => ({ ...area, goals: Number(area.goals) })),
      nextEvaluation:
        status?.evaluation_id && status.evaluation_on
          ? { id: status.evaluation_id, scheduledOn: status.evaluation_on }
          : null,
      nextMeeting:
        status?.meeting_id && status.meeting_starts
          ? {
              id: status.meeting_id,
              startsAt: new Date(status.meeting_starts),
              place: status.meeting_place ?? "",
            }
          : null,
      measures: {
        open: Number(status?.measures_open ?? 0),
        overdue: Number(status?.measures_overdue ?? 0),
      },
      latestEntries: latestEntries.map((row) => ({
        id: row.id,
        kind: row.kind === "highlight" ? "highlight" : "note",
        occurredOn: row.occurred_on,
        authorName: row.author_name,
        areaTitle: row.area_title,
        text: row.text,
      })),
      participants: participants.map((row) => ({
        ...row,
        isHolder: row.userId === log.holderUserId,
      })),
      joinRequests: joinRequests.map((row) => ({
        ...row,
        consentCovers: log.kind === "anonymous" || context.consentedUnitIds.includes(row.unitId),
      })),
      pendingHandover: handover ?? null,
      levelHistory,
      childWelfareReports: await listChildWelfareReports(tx, log.id),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Level
// ---------------------------------------------------------------------------------------------

export const changeLevelSchema = z.strictObject({
  level: z.preprocess(
    (value) => (typeof value === "number" ? String(value) : value),
    z.enum(allLevels.map((level) => String(level)) as [string, ...string[]], "errors.choice"),
  ),
  reason: z.string().trim().min(1, "errors.required").max(LEVEL_REASON_MAX, "errors.tooLong"),
  lockVersion: z.coerce.number().int().min(0),
});

/** The holder changes the level (0–3) with a reason; the history keeps every change. */
export async function changeLevel(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  logId: string;
  values: unknown;
}): Promise<{ level: number; lockVersion: number }> {
  const actor: Staff = assertRelayLogUser(input.actor);
  const values = parseInput(changeLevelSchema, input.values);
  const level = Number(values.level);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const { log } = await requireLog(tx, {
      actor,
      meta: input.meta,
      logId: input.logId,
      need: "holderWrite",
    });
    assertLockVersion(log.lockVersion, values.lockVersion);
    if (level === log.level) {
      throw new AppError("validation", "errors.validation", {
        fieldErrors: { level: "relayLog.open.levelUnchanged" },
      });
    }
    const updated = await tx
      .update(relayLogs)
      .set({ level, lockVersion: sql`${relayLogs.lockVersion} + 1`, updatedAt: new Date() })
      .where(and(eq(relayLogs.id, log.id), eq(relayLogs.lockVersion, values.lockVersion)))
      .returning({ lockVersion: relayLogs.lockVersion });
    if (updated.length === 0) throw new AppError("conflict", "relayLog.conflict");
    await tx.insert(relayLogLevelChanges).values({
      tenantId: log.tenantId,
      logId: log.id,
      fromLevel: log.level,
      toLevel: level,
      reason: values.reason,
      changedBy: actor.userId,
    });
    await auditLogChange(tx, {
      type: "relaylog.level_changed",
      actor,
      meta: input.meta,
      log,
      details: { fromLevel: log.level, toLevel: level },
    });
    return { level, lockVersion: updated[0]!.lockVersion };
  });
}
