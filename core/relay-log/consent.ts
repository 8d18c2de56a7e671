import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "../../db/client.ts";
import {
  relayLogConsents,
  relayLogGuardians,
  relayLogParticipants,
  relayLogs,
  units,
  users,
  type ConsentGiver,
} from "../../db/schema/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import { digitalConsentProgress, type ConsentState } from "../access/relay-log.ts";
import { AppError, type FieldErrors } from "../errors.ts";
import { isIsoDate, osloDate } from "../platform/dates.ts";
import { parseInput } from "../platform/validation.ts";
import {
  guardianIdColumns,
  guardianNationalIdField,
  maskedGuardianId,
  type GuardianIdSecrets,
} from "./guardian-id.ts";
import {
  assertRelayLogUser,
  auditLogChange,
  requireLog,
  youthConsentAgeOf,
  type RelayLog,
} from "./access.ts";
import {
  addMonths,
  CONSENT_ATTACHMENT_MAX_BYTES,
  CONSENT_DEFAULT_MONTHS,
  CONSENT_MAX_MONTHS,
  consentMethods,
  consentRecordStatus,
  consentRequirement,
  missingGuardians,
  sniffAttachmentType,
  WITHDRAW_NOTE_MAX,
  WITNESS_MAX,
  type ConsentAttachmentType,
  type ConsentMethod,
  type ConsentRecordStatus,
  type ConsentRequirement,
} from "./consent-rules.ts";
import { logHeader, type LogHeader } from "./header.ts";

export * from "./consent-rules.ts";

/**
 * Consent (samtykke) in the relay log. Staff record a consent the family gave on paper (with the
 * scanned form) or orally (with a witness); guardians and young people give digital consent
 * themselves in the next issue, so recording "digital" here is refused. Who must consent follows
 * consentRequirement (consent-rules.ts): the young person from the municipality's consent age,
 * below it every guardian with parental responsibility.
 *
 * Design for the next issue (digital consent by the family): a citizen's consent becomes its own
 * record (method "digital", recordedByCitizen set, one giver: the citizen), per unit. Coverage of
 * a unit then needs the records of all required givers, so `consentedUnits` in the policy will
 * combine records per unit instead of taking any one valid record; `validateGivers` and
 * `insertConsent` below are the parts that flow reuses. A double-submitted digital consent must
 * record once (an idempotency key in the form).
 *
 * Every function opens a tenant transaction and passes the log's access gate (requireLog).
 * Audit details hold ids, the method and unit ids, never a guardian's or the child's name.
 */

export type ConsentRecord = typeof relayLogConsents.$inferSelect;
export type Guardian = typeof relayLogGuardians.$inferSelect;

export interface AttachmentInput {
  bytes: Uint8Array;
  name: string;
}

const checkbox = z
  .union([z.literal("on"), z.literal("true"), z.literal("yes"), z.literal(true), z.literal("")])
  .optional()
  .transform((value) => value === "on" || value === "true" || value === "yes" || value === true);

/** A form posts one checkbox as a string, several as an array, none as nothing. */
const stringList = z.preprocess(
  (value) => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value]),
  z.array(z.string().trim().max(100)).max(50),
);

export const recordConsentSchema = z.strictObject({
  /** "guardian:<id>" for each guardian who consented, "youth" for the young person. */
  givers: stringList,
  // Method and dates are checked with the rest below, so every error shows at once.
  method: z.string().trim().max(20).optional().default(""),
  witness: z.string().trim().max(WITNESS_MAX, "errors.tooLong").optional().default(""),
  unitIds: stringList,
  givenOn: z.string().trim().max(20).optional().default(""),
  /** Blank: 12 months after the given date. */
  expiresOn: z.string().trim().max(20).optional().default(""),
  /** The family agreed to a consent longer than 12 months (at most 24). */
  longValidity: checkbox,
  /** The form's one-time token: a double-submitted form records once. */
  submissionKey: z.string().trim().max(100).optional().default(""),
});

/** A "Jeg bekrefter …" checkbox that must be ticked. */
export const confirmed = (messageKey: string) => checkbox.refine((value) => value, messageKey);

export const withdrawConsentSchema = z.strictObject({
  note: z.string().trim().max(WITHDRAW_NOTE_MAX, "errors.tooLong").optional().default(""),
  confirm: confirmed("relayLog.consent.confirmWithdraw"),
});

export const guardianSchema = z.strictObject({
  name: z.string().trim().min(1).max(120, "errors.tooLong"),
  phone: z
    .string()
    .trim()
    .optional()
    .default("")
    .refine((value) => value === "" || /^\+?[\d ]{8,15}$/.test(value), "errors.phone"),
  email: z
    .string()
    .trim()
    .max(200, "errors.tooLong")
    .optional()
    .default("")
    .refine((value) => value === "" || z.email().safeParse(value).success, "errors.email"),
  parentalResponsibility: z.enum(["yes", "no"], { error: "relayLog.consent.responsibilityChoice" }),
  /** Blank keeps the number already recorded; removeNationalId removes it (guardian-id.ts). */
  nationalId: guardianNationalIdField,
  removeNationalId: checkbox,
});

const uuidSchema = z.guid();
const isUuid = (value: string) => uuidSchema.safeParse(value).success;

function assertId(id: string): void {
  if (!isUuid(id)) throw new AppError("not_found", "errors.notFound");
}

// ---------------------------------------------------------------------------------------------
// Helpers on the transaction (used by participants.ts too)
// ---------------------------------------------------------------------------------------------

export async function guardiansOf(tx: Tx, logId: string): Promise<Guardian[]> {
  return tx
    .select()
    .from(relayLogGuardians)
    .where(eq(relayLogGuardians.logId, logId))
    .orderBy(asc(relayLogGuardians.createdAt), asc(relayLogGuardians.id));
}

export async function requirementFor(
  tx: Tx,
  log: RelayLog,
  guardians: readonly Guardian[],
  today: string,
): Promise<ConsentRequirement> {
  return consentRequirement({
    birthDate: log.childBirthDate,
    today,
    consentAge: await youthConsentAgeOf(tx, log.tenantId),
    guardians,
  });
}

/**
 * Adds units to the log's list of units taking part, in one statement (no lost update when two
 * saves race), and bumps the log's lock version so a stale edit of the log's units conflicts.
 */
export async function addUnitsToLog(tx: Tx, logId: string, unitIds: readonly string[]) {
  const wanted = [...new Set(unitIds)].filter(isUuid);
  if (wanted.length === 0) return;
  const list = sql`array[${sql.join(
    wanted.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;
  await tx
    .update(relayLogs)
    .set({
      unitIds: sql`${relayLogs.unitIds} || array(select u from unnest(${list}) as u where not (u = any(${relayLogs.unitIds})))`,
      lockVersion: sql`${relayLogs.lockVersion} + 1`,
      updatedAt: new Date(),
    })
    .where(and(eq(relayLogs.id, logId), sql`not (${relayLogs.unitIds} @> ${list})`));
}

/** The tenant's active units, for choosing what a consent covers. */
export async function activeUnits(tx: Tx, tenantId: string) {
  return tx
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(and(eq(units.tenantId, tenantId), eq(units.active, true)))
    .orderBy(asc(units.name));
}

// ---------------------------------------------------------------------------------------------
// Recording a consent
// ---------------------------------------------------------------------------------------------

interface GiverCheck {
  givers: ConsentGiver[];
  guardianIds: string[];
  youth: boolean;
}

/**
 * Checks the chosen givers against the requirement. Errors go into `errors.givers`: the page
 * names the missing guardians itself with `missingGuardians` on the same facts.
 */
export function validateGivers(input: {
  chosen: readonly string[];
  guardians: readonly Guardian[];
  requirement: ConsentRequirement;
  childName: string;
  errors: FieldErrors;
}): GiverCheck {
  const { chosen, guardians, requirement, errors } = input;
  const youth = chosen.includes("youth");
  const guardianIds = [
    ...new Set(chosen.filter((value) => value.startsWith("guardian:")).map((v) => v.slice(9))),
  ];
  const unknown = chosen.some((value) => value !== "youth" && !value.startsWith("guardian:"));
  const byId = new Map(guardians.map((guardian) => [guardian.id, guardian]));
  const chosenGuardians = guardianIds.map((id) => byId.get(id));
  const givers: ConsentGiver[] = [];
  for (const guardian of chosenGuardians) {
    if (guardian) givers.push({ kind: "guardian", guardianId: guardian.id, name: guardian.name });
  }
  if (youth) givers.push({ kind: "youth", name: input.childName });

  if (unknown || chosenGuardians.some((guardian) => !guardian)) {
    errors.givers = "errors.choice";
  } else if (chosenGuardians.some((guardian) => guardian && !guardian.parentalResponsibility)) {
    errors.givers = "relayLog.consent.noResponsibility";
  } else if (givers.length === 0) {
    errors.givers = "relayLog.consent.noGiver";
  } else if (requirement.youthRequired) {
    if (!youth) errors.givers = "relayLog.consent.youthRequired";
  } else if (requirement.requiredGuardianIds.length === 0) {
    errors.givers = "relayLog.consent.noGuardianWithResponsibility";
  } else if (missingGuardians(requirement, guardians, guardianIds).length > 0) {
    errors.givers = "relayLog.consent.guardiansMissing";
  }
  return { givers, guardianIds, youth };
}

/** Checks the scanned form: present, at most 5 MB, and really a PDF, JPEG or PNG. */
function checkAttachment(
  attachment: AttachmentInput | null | undefined,
  errors: FieldErrors,
): { bytes: Buffer; name: string; type: ConsentAttachmentType } | null {
  if (!attachment || attachment.bytes.length === 0) {
    errors.attachment = "relayLog.consent.attachmentRequired";
    return null;
  }
  if (attachment.bytes.length > CONSENT_ATTACHMENT_MAX_BYTES) {
    errors.attachment = "relayLog.consent.attachmentTooLarge";
    return null;
  }
  const type = sniffAttachmentType(attachment.bytes);
  if (!type) {
    errors.attachment = "relayLog.consent.attachmentType";
    return null;
  }
  const extension = { "application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png" }[type];
  const base = attachment.name
    .replace(/\.[^.]*$/, "")
    .replace(/[^\p{L}\p{N} _-]/gu, "")
    .trim()
    .slice(0, 80);
  return {
    bytes: Buffer.from(attachment.bytes),
    name: `${base || "samtykke"}.${extension}`,
    type,
  };
}

/**
 * Records a consent the family gave (holder only, open log). Adds the units it names to the
 * log's units. Refuses digital consent (the family gives that themselves), oral consent without
 * a witness, paper consent without the scanned form, a consent that names no unit, a given date
 * in the future and an expiry that is not after it (or more than 12 months later without the
 * "longer" choice, or more than 24).
 */
export async function recordConsent(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  logId: string;
  values: unknown;
  attachment?: AttachmentInput | null;
  today?: string;
}): Promise<{ id: string }> {
  const actor = assertRelayLogUser(input.actor);
  const values = parseInput(recordConsentSchema, input.values);
  const today = input.today ?? osloDate();
  return input.database.tenant(actor.tenantId, async (tx) => {
    const { log } = await requireLog(tx, {
      actor,
      meta: input.meta,
      logId: input.logId,
      need: "holderWrite",
      today,
    });
    if (log.kind !== "log") throw new AppError("validation", "relayLog.consent.notForAnonymous");
    const submissionKey = values.submissionKey || null;
    if (submissionKey) {
      const earlier = await consentBySubmissionKey(tx, log, submissionKey);
      if (earlier) return { id: earlier };
    }
    const guardians = await guardiansOf(tx, log.id);
    const requirement = await requirementFor(tx, log, guardians, today);
    const errors: FieldErrors = {};

    const giverCheck = validateGivers({
      chosen: values.givers,
      guardians,
      requirement,
      childName: log.childName ?? "",
      errors,
    });

    const method = (consentMethods as readonly string[]).includes(values.method)
      ? (values.method as ConsentMethod)
      : null;
    if (!method) errors.method = "relayLog.consent.methodRequired";
    if (method === "digital") errors.method = "relayLog.consent.digitalByFamily";
    if (method === "oral" && values.witness === "") {
      errors.witness = "relayLog.consent.witnessRequired";
    }
    const attachment = method === "paper" ? checkAttachment(input.attachment, errors) : null;

    const unitIds = [...new Set(values.unitIds)];
    if (unitIds.length === 0) {
      errors.unitIds = "relayLog.consent.noUnit";
    } else if (!unitIds.every(isUuid)) {
      errors.unitIds = "errors.choice";
    } else {
      const found = await tx
        .select({ id: units.id })
        .from(units)
        .where(
          and(eq(units.tenantId, log.tenantId), eq(units.active, true), inArray(units.id, unitIds)),
        );
      if (found.length !== unitIds.length) errors.unitIds = "errors.choice";
    }

    const givenOn = values.givenOn;
    const expiresOn =
      values.expiresOn || (isIsoDate(givenOn) ? addMonths(givenOn, CONSENT_DEFAULT_MONTHS) : "");
    if (!isIsoDate(givenOn)) {
      errors.givenOn = givenOn === "" ? "errors.required" : "relayLog.consent.dateFormat";
    } else if (givenOn > today) {
      errors.givenOn = "relayLog.consent.givenInFuture";
    }
    if (!isIsoDate(expiresOn)) {
      if (values.expiresOn !== "") errors.expiresOn = "relayLog.consent.dateFormat";
    } else if (!isIsoDate(givenOn)) {
      // Compared once the given date is right.
    } else if (expiresOn <= givenOn) {
      errors.expiresOn = "relayLog.consent.expiryBeforeGiven";
    } else if (expiresOn > addMonths(givenOn, CONSENT_MAX_MONTHS)) {
      errors.expiresOn = "relayLog.consent.expiryOver24";
    } else if (!values.longValidity && expiresOn > addMonths(givenOn, CONSENT_DEFAULT_MONTHS)) {
      errors.expiresOn = "relayLog.consent.expiryOver12";
    } else if (expiresOn < today) {
      errors.expiresOn = "relayLog.consent.expiryInPast";
    }

    if (Object.keys(errors).length > 0 || !method) {
      throw new AppError("validation", "errors.validation", { fieldErrors: errors });
    }

    const id = await insertConsent(tx, {
      log,
      actor,
      meta: input.meta,
      givers: giverCheck.givers,
      guardianIds: giverCheck.guardianIds,
      youth: giverCheck.youth,
      method,
      witness: method === "oral" ? values.witness : null,
      unitIds,
      givenOn,
      expiresOn,
      attachment,
      submissionKey,
    });
    return { id };
  });
}

/** The consent an earlier submit of the same form recorded in this log (a double submit). */
export async function consentBySubmissionKey(
  tx: Tx,
  log: Pick<RelayLog, "id" | "tenantId">,
  submissionKey: string,
): Promise<string | null> {
  const [row] = await tx
    .select({ id: relayLogConsents.id, logId: relayLogConsents.logId })
    .from(relayLogConsents)
    .where(
      and(
        eq(relayLogConsents.tenantId, log.tenantId),
        eq(relayLogConsents.submissionKey, submissionKey),
      ),
    );
  if (!row) return null;
  if (row.logId !== log.id) throw new AppError("conflict", "relayLog.consent.reloadForm");
  return row.id;
}

/** Writes a consent record, adds its units to the log and audits it (ids only). */
export async function insertConsent(
  tx: Tx,
  input: {
    log: RelayLog;
    actor: Extract<Actor, { kind: "staff" }>;
    meta: RequestMeta;
    givers: ConsentGiver[];
    guardianIds: string[];
    youth: boolean;
    method: ConsentMethod;
    witness: string | null;
    unitIds: string[];
    givenOn: string;
    expiresOn: string;
    attachment: { bytes: Buffer; name: string; type: string } | null;
    /** The form's one-time token; a second insert with it records nothing. */
    submissionKey?: string | null;
  },
): Promise<string> {
  const [row] = await tx
    .insert(relayLogConsents)
    .values({
      tenantId: input.log.tenantId,
      logId: input.log.id,
      givers: input.givers,
      method: input.method,
      witness: input.witness,
      unitIds: input.unitIds,
      givenOn: input.givenOn,
      expiresOn: input.expiresOn,
      attachment: input.attachment?.bytes ?? null,
      attachmentName: input.attachment?.name ?? null,
      attachmentType: input.attachment?.type ?? null,
      recordedBy: input.actor.userId,
      submissionKey: input.submissionKey ?? null,
    })
    .onConflictDoNothing({ target: [relayLogConsents.tenantId, relayLogConsents.submissionKey] })
    .returning({ id: relayLogConsents.id });
  if (!row) {
    // The same form submitted twice at once: the first submit recorded it.
    const first = await consentBySubmissionKey(tx, input.log, input.submissionKey ?? "");
    if (!first) throw new AppError("conflict", "relayLog.consent.reloadForm");
    return first;
  }
  const addedUnitIds = input.unitIds.filter((id) => !input.log.unitIds.includes(id));
  await addUnitsToLog(tx, input.log.id, input.unitIds);
  await auditLogChange(tx, {
    type: "relaylog.consent_recorded",
    actor: input.actor,
    meta: input.meta,
    log: input.log,
    details: {
      consentId: row.id,
      method: input.method,
      unitIds: input.unitIds,
      addedUnitIds,
      guardianIds: input.guardianIds,
      youth: input.youth,
      givenOn: input.givenOn,
      expiresOn: input.expiresOn,
      attachment: input.attachment !== null,
    },
  });
  return row.id;
}

// ---------------------------------------------------------------------------------------------
// Withdrawing
// ---------------------------------------------------------------------------------------------

/**
 * Withdraws a consent (holder only, with confirmation; the note is optional and stays with the
 * record, never in the audit log). The policy then freezes the log for the participants whose
 * units no other valid consent covers.
 */
export async function withdrawConsent(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  logId: string;
  consentId: string;
  values: unknown;
  today?: string;
}): Promise<void> {
  const actor = assertRelayLogUser(input.actor);
  assertId(input.consentId);
  const values = parseInput(withdrawConsentSchema, input.values);
  await input.database.tenant(actor.tenantId, async (tx) => {
    const { log } = await requireLog(tx, {
      actor,
      meta: input.meta,
      logId: input.logId,
      need: "holderWrite",
      ...(input.today ? { today: input.today } : {}),
    });
    const [consent] = await tx
      .select({ id: relayLogConsents.id, unitIds: relayLogConsents.unitIds })
      .from(relayLogConsents)
      .where(and(eq(relayLogConsents.id, input.consentId), eq(relayLogConsents.logId, log.id)));
    if (!consent) throw new AppError("not_found", "errors.notFound");
    const updated = await tx
      .update(relayLogConsents)
      .set({
        withdrawnAt: new Date(),
        withdrawnNote: values.note || null,
        withdrawnBy: actor.userId,
      })
      .where(and(eq(relayLogConsents.id, consent.id), isNull(relayLogConsents.withdrawnAt)))
      .returning({ id: relayLogConsents.id });
    if (updated.length === 0) throw new AppError("conflict", "relayLog.consent.alreadyWithdrawn");
    await auditLogChange(tx, {
      type: "relaylog.consent_withdrawn",
      actor,
      meta: input.meta,
      log,
      details: { consentId: consent.id, unitIds: consent.unitIds, note: values.note !== "" },
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The consent page
// ---------------------------------------------------------------------------------------------

export interface GuardianView {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  parentalResponsibility: boolean;
  /** A national ID number is recorded: the guardian can log in and take part digitally. */
  hasNationalId: boolean;
  /** The number masked (birth date + *****), for the relay holder only; else null. */
  nationalIdMasked: string | null;
}

export interface ConsentRecordView {
  id: string;
  method: string;
  witness: string | null;
  givers: ConsentGiver[];
  units: { id: string; name: string }[];
  givenOn: string;
  expiresOn: string;
  withdrawnAt: string | null;
  withdrawnNote: string | null;
  hasAttachment: boolean;
  attachmentName: string | null;
  recordedByName: string | null;
  /** Given digitally by the family themselves (next issue). */
  recordedByFamily: boolean;
  status: ConsentRecordStatus;
}

export interface ConsentPage {
  header: LogHeader;
  today: string;
  consentState: ConsentState;
  records: ConsentRecordView[];
  /** Units a valid consent covers today. */
  consentedUnits: { id: string; name: string }[];
  /** Units taking part that no valid consent covers, with the participants frozen out. */
  uncoveredUnits: { id: string; name: string; frozenParticipants: string[] }[];
  guardians: GuardianView[];
  requirement: ConsentRequirement;
  /** The units a new consent may name (holder, open log only; otherwise empty). */
  unitOptions: { id: string; name: string }[];
  /** A one-time token for the record form (a double submit records once). */
  submissionKey: string;
  /** Required givers still missing for units named by the family's digital consent. */
  waitingFor: number;
  /** Digital consent per unit not covered otherwise: who has consented and who is missing. */
  digitalProgress: { id: string; name: string; given: string[]; missing: string[] }[];
}

/** `encryptionKey` only for the relay holder: it shows the masked national ID number. */
export function guardianView(guardian: Guardian, encryptionKey?: Buffer): GuardianView {
  return {
    id: guardian.id,
    name: guardian.name,
    phone: guardian.phone,
    email: guardian.email,
    parentalResponsibility: guardian.parentalResponsibility,
    hasNationalId: guardian.nationalIdHash !== null,
    nationalIdMasked: maskedGuardianId(encryptionKey, guardian.nationalIdEncrypted),
  };
}

/** Everything on the consent page; every reader of the log may see it (audited as a read). */
export async function getConsentPage(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  logId: string;
  today?: string;
}): Promise<ConsentPage> {
  const actor = assertRelayLogUser(input.actor);
  const today = input.today ?? osloDate();
  return input.database.tenant(actor.tenantId, async (tx) => {
    const context = await requireLog(tx, {
      actor,
      meta: input.meta,
      logId: input.logId,
      need: "read",
      view: "consent",
      today,
    });
    const { log, access } = context;
    const rows = await tx
      .select({
        id: relayLogConsents.id,
        method: relayLogConsents.method,
        witness: relayLogConsents.witness,
        givers: relayLogConsents.givers,
        unitIds: relayLogConsents.unitIds,
        givenOn: relayLogConsents.givenOn,
        expiresOn: relayLogConsents.expiresOn,
        withdrawnAt: relayLogConsents.withdrawnAt,
        withdrawnNote: relayLogConsents.withdrawnNote,
        hasAttachment: sql<boolean>`${relayLogConsents.attachment} is not null`,
        attachmentName: relayLogConsents.attachmentName,
        recordedByName: users.name,
        recordedByCitizen: relayLogConsents.recordedByCitizen,
      })
      .from(relayLogConsents)
      .leftJoin(users, eq(users.id, relayLogConsents.recordedBy))
      .where(eq(relayLogConsents.logId, log.id))
      .orderBy(desc(relayLogConsents.givenOn), desc(relayLogConsents.createdAt));

    const participants = await tx
      .select({
        userId: relayLogParticipants.userId,
        unitId: relayLogParticipants.unitId,
        name: users.name,
      })
      .from(relayLogParticipants)
      .innerJoin(users, eq(users.id, relayLogParticipants.userId))
      .where(and(eq(relayLogParticipants.logId, log.id), isNull(relayLogParticipants.leftAt)))
      .orderBy(asc(users.name));

    const participatingUnitIds = [
      ...new Set([...log.unitIds, ...participants.map((p) => p.unitId)]),
    ];
    const unitIds = [
      ...new Set([...participatingUnitIds, ...rows.flatMap((row) => row.unitIds)]),
    ].filter(isUuid);
    const unitNames = new Map(
      unitIds.length === 0
        ? []
        : (
            await tx
              .select({ id: units.id, name: units.name })
              .from(units)
              .where(inArray(units.id, unitIds))
          ).map((unit) => [unit.id, unit.name]),
    );
    const named = (id: string) => ({ id, name: unitNames.get(id) ?? "" });
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, "nb");

    const guardians = await guardiansOf(tx, log.id);
    const requirement = await requirementFor(tx, log, guardians, today);
    const anonymous = log.kind === "anonymous";
    const uncoveredUnits = anonymous
      ? []
      : participatingUnitIds
          .filter((id) => !context.consentedUnitIds.includes(id))
          .map((id) => ({
            ...named(id),
            frozenParticipants: participants
              .filter((p) => p.unitId === id && p.userId !== log.holderUserId)
              .map((p) => p.name),
          }))
          .sort(byName);

    const giverName = (key: string) =>
      key === "youth"
        ? (log.childName ?? "")
        : (guardians.find((guardian) => `guardian:${guardian.id}` === key)?.name ?? "");
    const digitalProgress = anonymous
      ? []
      : digitalConsentProgress(rows, today, requirement)
          .filter((unit) => !context.consentedUnitIds.includes(unit.unitId))
          .map((unit) => ({
            ...named(unit.unitId),
            given: unit.given.map(giverName),
            missing: unit.missing.map(giverName),
          }))
          .sort(byName);

    return {
      header: await logHeader(tx, context),
      today,
      consentState: context.consentState,
      submissionKey: crypto.randomUUID(),
      waitingFor: context.waitingFor,
      digitalProgress,
      records: rows.map((row) => ({
        id: row.id,
        method: row.method,
        witness: row.witness,
        givers: row.givers,
        units: row.unitIds.map(named).sort(byName),
        givenOn: row.givenOn,
        expiresOn: row.expiresOn,
        withdrawnAt: row.withdrawnAt ? new Date(row.withdrawnAt).toISOString() : null,
        withdrawnNote: row.withdrawnNote,
        hasAttachment: Boolean(row.hasAttachment),
        attachmentName: row.attachmentName,
        recordedByName: row.recordedByName,
        recordedByFamily: row.recordedByCitizen !== null,
        status: consentRecordStatus(row, today),
      })),
      consentedUnits: context.consentedUnitIds.map(named).sort(byName),
      uncoveredUnits,
      guardians: guardians.map((guardian) => guardianView(guardian)),
      requirement,
      unitOptions: access.holder && access.write ? await activeUnits(tx, log.tenantId) : [],
    };
  });
}

/**
 * The scanned consent form, for the relay holder only (audited). The caller serves it as a
 * download with the stored type, never inline.
 */
export async function getConsentAttachment(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  logId: string;
  consentId: string;
}): Promise<{ bytes: Buffer; name: string; type: string }> {
  const actor = assertRelayLogUser(input.actor);
  assertId(input.consentId);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const { log } = await requireLog(tx, {
      actor,
      meta: input.meta,
      logId: input.logId,
      need: "holder",
    });
    const [row] = await tx
      .select({
        attachment: relayLogConsents.attachment,
        name: relayLogConsents.attachmentName,
        type: relayLogConsents.attachmentType,
      })
      .from(relayLogConsents)
      .where(and(eq(relayLogConsents.id, input.consentId), eq(relayLogConsents.logId, log.id)));
    if (!row?.attachment || !row.type) throw new AppError("not_found", "errors.notFound");
    await auditLogChange(tx, {
      type: "relaylog.consent_attachment_viewed",
      actor,
      meta: input.meta,
      log,
      details: { consentId: input.consentId },
    });
    return { bytes: Buffer.from(row.attachment), name: row.name ?? "samtykke", type: row.type };
  });
}

// ---------------------------------------------------------------------------------------------
// Guardians
// ---------------------------------------------------------------------------------------------

/**
 * Adds a guardian (no guardianId) or changes one (holder only, open log). Whether they have
 * parental responsibility decides whose consent is required. Audited with the guardian's id and
 * the field names, never the name or contact details.
 */
export async function saveGuardian(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  logId: string;
  guardianId?: string | null;
  values: unknown;
  /** Needed to record a guardian's national ID number (logSecretsFrom(DATA_ENCRYPTION_KEY)). */
  secrets?: GuardianIdSecrets;
}): Promise<{ id: string }> {
  const actor = assertRelayLogUser(input.actor);
  if (input.guardianId) assertId(input.guardianId);
  const values = parseInput(guardianSchema, input.values);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const { log } = await requireLog(tx, {
      actor,
      meta: input.meta,
      logId: input.logId,
      need: "holderWrite",
    });
    if (log.kind !== "log") throw new AppError("validation", "relayLog.consent.notForAnonymous");
    const fields = {
      name: values.name,
      phone: values.phone || null,
      email: values.email || null,
      parentalResponsibility: values.parentalResponsibility === "yes",
    };
    if (values.nationalId && !input.secrets) throw new Error("saveGuardian needs the secrets");
    const idColumns =
      values.nationalId && input.secrets
        ? guardianIdColumns(input.secrets, values.nationalId)
        : values.removeNationalId
          ? { nationalIdHash: null, nationalIdEncrypted: null }
          : null;
    let id: string;
    let changed: string[];
    if (input.guardianId) {
      const [existing] = await tx
        .select()
        .from(relayLogGuardians)
        .where(
          and(eq(relayLogGuardians.id, input.guardianId), eq(relayLogGuardians.logId, log.id)),
        );
      if (!existing) throw new AppError("not_found", "errors.notFound");
      changed = (Object.keys(fields) as (keyof typeof fields)[]).filter(
        (key) => existing[key] !== fields[key],
      );
      // A blank field keeps the recorded number; a new one replaces it (the same number: no change).
      if (idColumns && idColumns.nationalIdHash !== existing.nationalIdHash) {
        changed.push("nationalId");
      }
      if (changed.length > 0) {
        await tx
          .update(relayLogGuardians)
          .set({ ...fields, ...(changed.includes("nationalId") ? idColumns : {}) })
          .where(eq(relayLogGuardians.id, existing.id));
      }
      id = existing.id;
    } else {
      const [row] = await tx
        .insert(relayLogGuardians)
        .values({ tenantId: log.tenantId, logId: log.id, ...fields, ...idColumns })
        .returning({ id: relayLogGuardians.id });
      id = row!.id;
      changed = [...Object.keys(fields), ...(idColumns?.nationalIdHash ? ["nationalId"] : [])];
    }
    await auditLogChange(tx, {
      type: "relaylog.guardian_saved",
      actor,
      meta: input.meta,
      log,
      details: {
        guardianId: id,
        action: input.guardianId ? "updated" : "created",
        fields: changed,
        parentalResponsibility: fields.parentalResponsibility,
      },
    });
    return { id };
  });
}

/**
 * Removes a guardian from the log (holder only, open log, with confirmation). Consent records
 * keep the giver's name as it was, so the history stays readable.
 */
export async function removeGuardian(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  logId: string;
  guardianId: string;
  values: unknown;
}): Promise<void> {
  const actor = assertRelayLogUser(input.actor);
  assertId(input.guardianId);
  parseInput(z.strictObject({ confirm: confirmed("relayLog.consent.confirmRemoveGuardian") }), {
    confirm: (input.values as Record<string, unknown> | null)?.confirm,
  });
  await input.database.tenant(actor.tenantId, async (tx) => {
    const { log } = await requireLog(tx, {
      actor,
      meta: input.meta,
      logId: input.logId,
      need: "holderWrite",
    });
    const removed = await tx
      .delete(relayLogGuardians)
      .where(and(eq(relayLogGuardians.id, input.guardianId), eq(relayLogGuardians.logId, log.id)))
      .returning({ id: relayLogGuardians.id });
    if (removed.length === 0) throw new AppError("not_found", "errors.notFound");
    await auditLogChange(tx, {
      type: "relaylog.guardian_saved",
      actor,
      meta: input.meta,
      log,
      details: { guardianId: input.guardianId, action: "removed" },
    });
  });
}
