import { and, asc, eq, inArray, isNull, ne } from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "../../db/client.ts";
import {
  citizens,
  notifications,
  relayLogConsents,
  relayLogGuardians,
  relayLogs,
  units,
  type ConsentGiver,
} from "../../db/schema/index.ts";
import type { RequestMeta } from "../access/actor.ts";
import {
  consentedUnits,
  digitalConsentProgress,
  giverKey,
  isConsentValidOn,
  requiredGiverKeys,
  type ConsentState,
} from "../access/relay-log.ts";
import type { Actor } from "../access/actor.ts";
import { AppError, type FieldErrors } from "../errors.ts";
import { osloDate } from "../platform/dates.ts";
import { parseInput } from "../platform/validation.ts";
import { auditLogChange, type LogContext, type RelayLog } from "./access.ts";
import {
  addMonths,
  guardianAccessChoices,
  parseDigitalConsentMonths,
  type GuardianAccessChoice,
} from "./consent-rules.ts";
import {
  assertCitizen,
  familyHeader,
  requireFamilyLog,
  type Citizen,
  type FamilyHeader,
} from "./family.ts";

/**
 * Digital consent by the family, its withdrawal, and the young person's answer on whether their
 * guardians keep access (issue 5). Each guardian with parental responsibility, or the young person
 * from the municipality's consent age, gives their own consent record (method "digital", one
 * giver: themselves) naming the units they agree to; the policy (consentedUnits) covers a unit
 * when every required giver has done so, or a staff-recorded paper/oral consent names it.
 *
 * Every use case goes through requireFamilyLog (a guardian without parental responsibility, a
 * child below the consent age and everyone else get not_found), and every change is audited
 * against the log (ids, method and unit ids only) and told to the relay holder in Laget.
 */

const stringList = z.preprocess(
  (value) => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value]),
  z.array(z.string().trim().max(100)).max(50),
);

const checkbox = z
  .union([z.literal("on"), z.literal("true"), z.literal(true), z.literal("")])
  .optional()
  .transform((value) => value === "on" || value === "true" || value === true);

export const giveDigitalConsentSchema = z.strictObject({
  unitIds: stringList,
  /** 6, 12 (default) or 24 months. */
  months: z.string().trim().max(3).optional().default(""),
  /** The form's one-time token: a second submit of the same form records nothing. */
  submissionKey: z.string().trim().min(1, "family.consent.errors.reload").max(100),
});

export const withdrawFamilyConsentSchema = z.strictObject({
  confirm: checkbox.refine((value) => value, "family.consent.errors.confirmWithdraw"),
});

export const guardianAccessSchema = z.strictObject({
  choice: z.enum(guardianAccessChoices, { error: "family.consent.errors.chooseAccess" }),
});

/** Notification kinds this module adds (labels in relayLog.close.reminders.kinds). */
export const familyConsentNotificationKinds = [
  "family_consent_given",
  "family_consent_withdrawn",
  "family_guardian_access",
] as const;

// ---------------------------------------------------------------------------------------------
// Who the reader is among the givers
// ---------------------------------------------------------------------------------------------

interface Reader {
  /** "youth" or "guardian:<id>" of the citizen's guardian row with parental responsibility. */
  key: string;
  giver: ConsentGiver;
  /** Every giver key that names this citizen (a citizen may be recorded twice by mistake). */
  keys: string[];
}

async function readerOf(
  tx: Tx,
  context: LogContext & { citizen: Citizen; as: "guardian" | "youth" },
): Promise<Reader> {
  const { log, citizen } = context;
  if (context.as === "youth") {
    return {
      key: "youth",
      giver: { kind: "youth", name: log.childName ?? "" },
      keys: ["youth"],
    };
  }
  const [row] = await tx
    .select({ hash: citizens.nationalIdHash })
    .from(citizens)
    .where(eq(citizens.id, citizen.citizenId));
  const guardians = row
    ? await tx
        .select({
          id: relayLogGuardians.id,
          name: relayLogGuardians.name,
          parentalResponsibility: relayLogGuardians.parentalResponsibility,
        })
        .from(relayLogGuardians)
        .where(
          and(eq(relayLogGuardians.logId, log.id), eq(relayLogGuardians.nationalIdHash, row.hash)),
        )
        .orderBy(asc(relayLogGuardians.createdAt))
    : [];
  const responsible = guardians.find((guardian) => guardian.parentalResponsibility);
  // The policy let a guardian in only with parental responsibility; anything else is not found.
  if (!responsible) throw new AppError("not_found", "errors.notFound");
  return {
    key: `guardian:${responsible.id}`,
    giver: { kind: "guardian", guardianId: responsible.id, name: responsible.name },
    keys: guardians.filter((g) => g.parentalResponsibility).map((g) => `guardian:${g.id}`),
  };
}

/** Why the reader cannot give consent now, or null when they can. */
export type CannotConsentReason = "youth_decides" | "closed" | "no_units" | null;

function cannotConsentReason(
  context: LogContext & { as: "guardian" | "youth" },
  reader: Reader,
): CannotConsentReason {
  if (!context.access.write) return "closed";
  if (!requiredGiverKeys(context.requirement).includes(reader.key)) return "youth_decides";
  if (context.log.unitIds.length === 0) return "no_units";
  return null;
}

/** The young person from the consent age has not yet answered whether their guardians keep access. */
export function guardianAccessQuestionPending(context: {
  as: "guardian" | "youth";
  log: Pick<RelayLog, "youthGuardianAccess">;
}): boolean {
  return context.as === "youth" && context.log.youthGuardianAccess === null;
}

async function notifyHolder(
  tx: Tx,
  input: {
    log: RelayLog;
    kind: (typeof familyConsentNotificationKinds)[number];
    objectId: string;
    today: string;
  },
): Promise<void> {
  const { log } = input;
  // The key's third part is the date the notice shows (reminderDue in reminders.ts).
  await tx
    .insert(notifications)
    .values({
      tenantId: log.tenantId,
      userId: log.holderUserId,
      kind: input.kind,
      logId: log.id,
      link: `/stafettlogger/${log.id}/samtykke`,
      dedupeKey: [input.kind, input.objectId, input.today, log.holderUserId].join("|"),
    })
    .onConflictDoNothing({ target: [notifications.tenantId, notifications.dedupeKey] });
}

// ---------------------------------------------------------------------------------------------
// The page
// ---------------------------------------------------------------------------------------------

export interface FamilyConsentUnit {
  id: string;
  name: string;
  serviceType: string;
  /** The reader's own valid consent naming this unit (digital or on paper/orally), if any. */
  ownUntil: string | null;
  /** Consent covers the unit today: its employees in the log may read it. */
  covered: boolean;
  /** The names of the required givers who have not consented to this unit yet (not the reader). */
  waitingFor: string[];
}

export interface FamilyConsentRecordView {
  id: string;
  method: string;
  unitNames: string[];
  givenOn: string;
  expiresOn: string;
}

export interface FamilyConsentPage {
  header: FamilyHeader;
  today: string;
  as: "guardian" | "youth";
  consentState: ConsentState;
  childAge: number | null;
  consentAge: number;
  /** The reader is a required giver and the log is open; otherwise why not. */
  cannotConsent: CannotConsentReason;
  units: FamilyConsentUnit[];
  /** The reader's own valid consent records. */
  ownRecords: FamilyConsentRecordView[];
  /** The other required givers: their name and whether they have consented, nothing else. */
  others: { name: string; consented: boolean }[];
  /** A one-time token for the consent form (double-submit guard). */
  submissionKey: string;
  /** The receipt of a consent just given (?kvittering=<id>), when it is the reader's own. */
  receipt: FamilyConsentRecordView | null;
  /** For the young person: the answer on the guardians' access (null: not answered yet). */
  guardianAccess: {
    asked: boolean;
    answer: GuardianAccessChoice | null;
    answeredAt: string | null;
  };
}

function giverKeysOf(record: { givers: ConsentGiver[] }): string[] {
  return record.givers.map(giverKey);
}

/**
 * The consent page of one log for a guardian or the young person: what they consent to, their
 * own consents, who else must consent (names only), and the guardian-access question. Audited as
 * a read (view "family_consent").
 */
export async function getFamilyConsentPage(input: {
  database: Database;
  actor: Actor | null;
  meta: RequestMeta;
  logId: string;
  receiptId?: string | null;
  today?: string;
}): Promise<FamilyConsentPage> {
  const citizen = assertCitizen(input.actor);
  const today = input.today ?? osloDate();
  return input.database.tenant(citizen.tenantId, async (tx) => {
    const context = await requireFamilyLog(tx, {
      actor: citizen,
      meta: input.meta,
      logId: input.logId,
      need: "read",
      view: "family_consent",
      today,
    });
    const { log, requirement } = context;
    const reader = await readerOf(tx, context);
    const records = await tx
      .select({
        id: relayLogConsents.id,
        method: relayLogConsents.method,
        givers: relayLogConsents.givers,
        unitIds: relayLogConsents.unitIds,
        givenOn: relayLogConsents.givenOn,
        expiresOn: relayLogConsents.expiresOn,
        withdrawnAt: relayLogConsents.withdrawnAt,
        recordedByCitizen: relayLogConsents.recordedByCitizen,
      })
      .from(relayLogConsents)
      .where(eq(relayLogConsents.logId, log.id));
    const unitRows =
      log.unitIds.length === 0
        ? []
        : await tx
            .select({ id: units.id, name: units.name, serviceType: units.serviceType })
            .from(units)
            .where(and(eq(units.tenantId, log.tenantId), inArray(units.id, log.unitIds)))
            .orderBy(asc(units.name));
    const unitNames = new Map(unitRows.map((unit) => [unit.id, unit.name]));
    const guardianNames = new Map(
      (
        await tx
          .select({ id: relayLogGuardians.id, name: relayLogGuardians.name })
          .from(relayLogGuardians)
          .where(eq(relayLogGuardians.logId, log.id))
      ).map((guardian) => [`guardian:${guardian.id}`, guardian.name]),
    );
    const nameOf = (key: string) =>
      key === "youth" ? (log.childName ?? "") : (guardianNames.get(key) ?? "");

    const valid = records.filter((record) => isConsentValidOn(record, today));
    const mine = (record: { givers: ConsentGiver[] }) =>
      giverKeysOf(record).some((key) => reader.keys.includes(key));
    const ownValid = valid.filter(mine);
    const covered = new Set(consentedUnits(records, today, requirement));
    const progress = new Map(
      digitalConsentProgress(records, today, requirement).map((unit) => [unit.unitId, unit]),
    );
    const required = requiredGiverKeys(requirement);
    const view = (record: (typeof records)[number]): FamilyConsentRecordView => ({
      id: record.id,
      method: record.method,
      unitNames: record.unitIds.map((id) => unitNames.get(id) ?? "").filter(Boolean),
      givenOn: record.givenOn,
      expiresOn: record.expiresOn,
    });

    const unitViews: FamilyConsentUnit[] = unitRows.map((unit) => {
      const own = ownValid
        .filter((record) => record.unitIds.includes(unit.id))
        .map((record) => record.expiresOn)
        .sort()
        .at(-1);
      const missing = covered.has(unit.id)
        ? []
        : (progress.get(unit.id)?.missing ?? required).filter((key) => !reader.keys.includes(key));
      return {
        id: unit.id,
        name: unit.name,
        serviceType: unit.serviceType,
        ownUntil: own ?? null,
        covered: covered.has(unit.id),
        waitingFor: missing.map(nameOf).filter(Boolean),
      };
    });
    const others = required
      .filter((key) => !reader.keys.includes(key))
      .map((key) => ({
        name: nameOf(key),
        consented: valid.some((record) => giverKeysOf(record).includes(key)),
      }));
    const receiptRow = input.receiptId
      ? records.find(
          (record) =>
            record.id === input.receiptId && record.recordedByCitizen === citizen.citizenId,
        )
      : undefined;

    return {
      header: await familyHeader(tx, context),
      today,
      as: context.as,
      consentState: context.consentState,
      childAge: requirement.age,
      consentAge: requirement.consentAge,
      cannotConsent: cannotConsentReason(context, reader),
      units: unitViews,
      ownRecords: ownValid.map(view),
      others,
      submissionKey: crypto.randomUUID(),
      receipt: receiptRow ? view(receiptRow) : null,
      guardianAccess: {
        asked: context.as === "youth",
        answer:
          log.youthGuardianAccess === "keep" || log.youthGuardianAccess === "end"
            ? log.youthGuardianAccess
            : null,
        answeredAt: log.youthGuardianAccessAt ? log.youthGuardianAccessAt.toISOString() : null,
      },
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Giving consent
// ---------------------------------------------------------------------------------------------

/**
 * Records the reader's own digital consent for the chosen units of the log (open log; the reader
 * must be a required giver today). It replaces the reader's earlier digital consent, so leaving a
 * unit unticked takes it out. A second submit of the same form (same submission key) records
 * nothing and returns the first record: the same receipt.
 */
export async function giveDigitalConsent(input: {
  database: Database;
  actor: Actor | null;
  meta: RequestMeta;
  logId: string;
  values: unknown;
  today?: string;
}): Promise<{ id: string; replayed: boolean }> {
  const citizen = assertCitizen(input.actor);
  const values = parseInput(giveDigitalConsentSchema, input.values);
  const today = input.today ?? osloDate();
  return input.database.tenant(citizen.tenantId, async (tx) => {
    const context = await requireFamilyLog(tx, {
      actor: citizen,
      meta: input.meta,
      logId: input.logId,
      need: "write",
      today,
    });
    const { log } = context;
    const earlier = await bySubmissionKey(tx, log, citizen, values.submissionKey);
    if (earlier) return { id: earlier, replayed: true };

    const reader = await readerOf(tx, context);
    const reason = cannotConsentReason(context, reader);
    if (reason === "youth_decides") {
      throw new AppError("forbidden", "family.consent.errors.youthDecides");
    }
    if (reason === "no_units") throw new AppError("validation", "family.consent.errors.noUnits");

    const errors: FieldErrors = {};
    const unitIds = [...new Set(values.unitIds)];
    if (unitIds.length === 0) errors.unitIds = "family.consent.errors.noUnit";
    else if (!unitIds.every((id) => log.unitIds.includes(id))) errors.unitIds = "errors.choice";
    const months = parseDigitalConsentMonths(values.months);
    if (months === null) errors.months = "errors.choice";
    if (Object.keys(errors).length > 0 || months === null) {
      throw new AppError("validation", "errors.validation", { fieldErrors: errors });
    }

    const expiresOn = addMonths(today, months);
    const [row] = await tx
      .insert(relayLogConsents)
      .values({
        tenantId: log.tenantId,
        logId: log.id,
        givers: [reader.giver],
        method: "digital",
        unitIds,
        givenOn: today,
        expiresOn,
        recordedByCitizen: citizen.citizenId,
        submissionKey: values.submissionKey,
      })
      .onConflictDoNothing({
        target: [relayLogConsents.tenantId, relayLogConsents.submissionKey],
      })
      .returning({ id: relayLogConsents.id });
    if (!row) {
      // The same form was submitted at the same moment: the first submit recorded it.
      const first = await bySubmissionKey(tx, log, citizen, values.submissionKey);
      if (!first) throw new AppError("conflict", "family.consent.errors.reload");
      return { id: first, replayed: true };
    }

    // The new record replaces the reader's earlier digital consent (their current choice).
    const replaced = await tx
      .update(relayLogConsents)
      .set({ withdrawnAt: new Date(), withdrawnByCitizen: citizen.citizenId })
      .where(
        and(
          eq(relayLogConsents.logId, log.id),
          eq(relayLogConsents.method, "digital"),
          eq(relayLogConsents.recordedByCitizen, citizen.citizenId),
          isNull(relayLogConsents.withdrawnAt),
          ne(relayLogConsents.id, row.id),
        ),
      )
      .returning({ id: relayLogConsents.id, unitIds: relayLogConsents.unitIds });
    const replacedOthers = replaced;
    for (const record of replacedOthers) {
      await auditLogChange(tx, {
        type: "relaylog.consent_withdrawn",
        actor: citizen,
        meta: input.meta,
        log,
        details: {
          consentId: record.id,
          method: "digital",
          unitIds: record.unitIds,
          byFamily: true,
          replacedBy: row.id,
        },
      });
    }
    await auditLogChange(tx, {
      type: "relaylog.consent_recorded",
      actor: citizen,
      meta: input.meta,
      log,
      details: {
        consentId: row.id,
        method: "digital",
        unitIds,
        giver: context.as,
        ...(reader.giver.guardianId ? { guardianId: reader.giver.guardianId } : {}),
        givenOn: today,
        expiresOn,
        replacedConsentIds: replacedOthers.map((record) => record.id),
      },
    });
    await notifyHolder(tx, { log, kind: "family_consent_given", objectId: row.id, today });
    return { id: row.id, replayed: false };
  });
}

async function bySubmissionKey(
  tx: Tx,
  log: RelayLog,
  citizen: Citizen,
  submissionKey: string,
): Promise<string | null> {
  const [row] = await tx
    .select({
      id: relayLogConsents.id,
      logId: relayLogConsents.logId,
      recordedByCitizen: relayLogConsents.recordedByCitizen,
    })
    .from(relayLogConsents)
    .where(
      and(
        eq(relayLogConsents.tenantId, log.tenantId),
        eq(relayLogConsents.submissionKey, submissionKey),
      ),
    );
  if (!row) return null;
  // Someone else's token: never reveal or reuse another record.
  if (row.logId !== log.id || row.recordedByCitizen !== citizen.citizenId) {
    throw new AppError("conflict", "family.consent.errors.reload");
  }
  return row.id;
}

// ---------------------------------------------------------------------------------------------
// Withdrawing
// ---------------------------------------------------------------------------------------------

/**
 * Withdraws, in one action, every valid consent the reader is a giver of: their digital consent
 * and any paper or oral consent that names them (a joint consent ends when one giver withdraws).
 * The services whose units no other valid consent covers can no longer read the log (the policy
 * freezes them); the relay holder is told in Laget. Allowed on a closed log too.
 */
export async function withdrawFamilyConsent(input: {
  database: Database;
  actor: Actor | null;
  meta: RequestMeta;
  logId: string;
  values: unknown;
  today?: string;
}): Promise<{ withdrawn: number }> {
  const citizen = assertCitizen(input.actor);
  parseInput(withdrawFamilyConsentSchema, input.values);
  const today = input.today ?? osloDate();
  return input.database.tenant(citizen.tenantId, async (tx) => {
    const context = await requireFamilyLog(tx, {
      actor: citizen,
      meta: input.meta,
      logId: input.logId,
      need: "read",
      today,
    });
    const { log } = context;
    const reader = await readerOf(tx, context);
    const records = await tx
      .select({
        id: relayLogConsents.id,
        method: relayLogConsents.method,
        givers: relayLogConsents.givers,
        unitIds: relayLogConsents.unitIds,
        expiresOn: relayLogConsents.expiresOn,
      })
      .from(relayLogConsents)
      .where(and(eq(relayLogConsents.logId, log.id), isNull(relayLogConsents.withdrawnAt)));
    const targets = records.filter(
      (record) =>
        record.expiresOn >= today && giverKeysOf(record).some((key) => reader.keys.includes(key)),
    );
    if (targets.length === 0) {
      throw new AppError("conflict", "family.consent.errors.nothingToWithdraw");
    }
    const now = new Date();
    let withdrawn = 0;
    for (const record of targets) {
      const updated = await tx
        .update(relayLogConsents)
        .set({ withdrawnAt: now, withdrawnByCitizen: citizen.citizenId })
        .where(and(eq(relayLogConsents.id, record.id), isNull(relayLogConsents.withdrawnAt)))
        .returning({ id: relayLogConsents.id });
      if (updated.length === 0) continue;
      withdrawn += 1;
      await auditLogChange(tx, {
        type: "relaylog.consent_withdrawn",
        actor: citizen,
        meta: input.meta,
        log,
        details: {
          consentId: record.id,
          method: record.method,
          unitIds: record.unitIds,
          byFamily: true,
          giver: context.as,
        },
      });
    }
    if (withdrawn > 0) {
      await notifyHolder(tx, {
        log,
        kind: "family_consent_withdrawn",
        objectId: targets[0]!.id,
        today,
      });
    }
    return { withdrawn };
  });
}

// ---------------------------------------------------------------------------------------------
// The young person's answer on the guardians' access
// ---------------------------------------------------------------------------------------------

/**
 * The young person (from the consent age) decides whether their guardians keep access to the
 * log: "keep" or "end". They can change their mind later. Audited, and told to the relay holder.
 */
export async function decideGuardianAccess(input: {
  database: Database;
  actor: Actor | null;
  meta: RequestMeta;
  logId: string;
  values: unknown;
  today?: string;
}): Promise<{ choice: GuardianAccessChoice }> {
  const citizen = assertCitizen(input.actor);
  const values = parseInput(guardianAccessSchema, input.values);
  const today = input.today ?? osloDate();
  return input.database.tenant(citizen.tenantId, async (tx) => {
    const context = await requireFamilyLog(tx, {
      actor: citizen,
      meta: input.meta,
      logId: input.logId,
      need: "read",
      today,
    });
    if (context.as !== "youth") throw new AppError("not_found", "errors.notFound");
    const { log } = context;
    const previous = log.youthGuardianAccess;
    const at = new Date();
    await tx
      .update(relayLogs)
      .set({ youthGuardianAccess: values.choice, youthGuardianAccessAt: at })
      .where(eq(relayLogs.id, log.id));
    await auditLogChange(tx, {
      type: "relaylog.family.guardian_access_decided",
      actor: citizen,
      meta: input.meta,
      log,
      details: { choice: values.choice, previous: previous ?? null },
    });
    if (previous !== values.choice) {
      await notifyHolder(tx, {
        log,
        kind: "family_guardian_access",
        objectId: `${log.id}:${at.getTime()}`,
        today,
      });
    }
    return { choice: values.choice };
  });
}
