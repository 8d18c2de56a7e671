import { and, eq, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "../../db/client.ts";
import {
  relayLogAreas,
  relayLogGuardians,
  relayLogLevelChanges,
  relayLogParticipants,
  relayLogs,
} from "../../db/schema/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import { nationalIdLookupHash } from "../auth/login.ts";
import { recordAudit } from "../audit/audit.ts";
import { AppError } from "../errors.ts";
import { encryptText } from "../platform/crypto.ts";
import { addDays, isIsoDate, osloDate } from "../platform/dates.ts";
import { isValidNationalId } from "../platform/national-id.ts";
import { parseInput } from "../platform/validation.ts";
import { assertRelayLogUser, auditLogChange, requireLog, type RelayLog } from "./access.ts";
import {
  actorUnits,
  assertNotIdentifying,
  assertOwnUnit,
  checkbox,
  optionalChoice,
  optionalText,
  requireFilled,
  throwFieldErrors,
  type UnitChoice,
} from "./cases-common.ts";
import {
  anonymousAreaFields,
  AREA_DESCRIPTION_MAX,
  AREA_TITLE_MAX,
  CHILD_NAME_MAX,
  GUARDIAN_CONTACT_MAX,
  GUARDIAN_NAME_MAX,
  convertGuardianFields,
  openingLevels,
  PSEUDONYM_MAX,
} from "./cases-rules.ts";
import { logHeader, type LogHeader } from "./header.ts";
import { isoDateFromInput } from "./open-rules.ts";

/**
 * Anonymous case discussion (anonym drøfting): a team (a school's oppvekstteam, a kindergarten's
 * resource team) discusses and plans for a child known only by a pseudonym. It is a relay_logs
 * row of kind "anonymous": no name, no birth date, no ID number, so no consent is needed and
 * participants may be added without one (the policy in core/access/relay-log.ts allows it).
 * When the guardians consent, the relay holder converts it into a real log (kind "log").
 */

/** The secrets that turn a national ID number into its lookup hash and its sealed form. */
export interface IdentitySecrets {
  /** HMAC key of the lookup hash (the same derivation as citizens' `pid` lookup). */
  lookupSecret: string;
  /** AES-256-GCM key the number itself is sealed with. */
  encryptionKey: Buffer;
}

const areaFieldNames = anonymousAreaFields;
const guardianFieldNames = convertGuardianFields;

const openSchema = z.strictObject({
  pseudonym: z
    .string()
    .trim()
    .max(PSEUDONYM_MAX, "relayLog.cases.anonymous.pseudonymTooLong")
    .optional()
    .default(""),
  holderUnitId: optionalText(100),
  level: optionalChoice(openingLevels.map(String) as ["1", "2", "3"]),
  /** "Det som står her, identifiserer ikke barnet": accepts texts the identity check flags. */
  confirmedClean: checkbox,
  ...Object.fromEntries(
    areaFieldNames.flatMap((names) => [
      [names.title, optionalText(AREA_TITLE_MAX)],
      [names.description, optionalText(AREA_DESCRIPTION_MAX)],
    ]),
  ),
});

/** The choices on the form: the employee's own units (the team the case belongs to). */
export async function anonymousCaseFormOptions(input: {
  database: Database;
  actor: Actor;
}): Promise<{ units: UnitChoice[] }> {
  const actor = assertRelayLogUser(input.actor);
  return input.database.tenant(actor.tenantId, async (tx) => ({
    units: await actorUnits(tx, actor),
  }));
}

/**
 * Opens an anonymous case discussion. The opener becomes its relay holder for the chosen unit
 * (one of their own), with 1–5 concern areas. Texts that look like a name, an ID number or a
 * birth date are refused unless the employee confirms they identify nobody.
 */
export async function openAnonymousCase(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  values: unknown;
}): Promise<RelayLog> {
  const actor = assertRelayLogUser(input.actor);
  const values = parseInput(openSchema, input.values) as z.infer<typeof openSchema> &
    Record<string, string>;
  const fieldErrors: Record<string, string> = {};
  requireFilled(fieldErrors, values, {
    pseudonym: "errors.required",
    holderUnitId: "relayLog.cases.unitRequired",
    level: "relayLog.cases.levelRequired",
  });
  const areas: { title: string; description: string }[] = [];
  for (const names of areaFieldNames) {
    const title = values[names.title] ?? "";
    const description = values[names.description] ?? "";
    if (!title && description)
      fieldErrors[names.title] = "relayLog.cases.anonymous.areaTitleRequired";
    if (title) areas.push({ title, description });
  }
  if (areas.length === 0 && !fieldErrors[areaFieldNames[0]!.title]) {
    fieldErrors[areaFieldNames[0]!.title] = "relayLog.cases.anonymous.areaRequired";
  }
  throwFieldErrors(fieldErrors);
  const texts: Record<string, string> = { pseudonym: values.pseudonym };
  for (const names of areaFieldNames) {
    texts[names.title] = values[names.title] ?? "";
    texts[names.description] = values[names.description] ?? "";
  }
  assertNotIdentifying(texts, values.confirmedClean);
  const level = Number(values.level);
  return input.database.tenant(actor.tenantId, async (tx) => {
    await assertOwnUnit(tx, actor, values.holderUnitId, "holderUnitId");
    const [log] = await tx
      .insert(relayLogs)
      .values({
        tenantId: actor.tenantId,
        kind: "anonymous",
        level,
        pseudonym: values.pseudonym,
        childName: null,
        childBirthDate: null,
        holderUserId: actor.userId,
        holderUnitId: values.holderUnitId,
        unitIds: [values.holderUnitId],
        openedBy: actor.userId,
        origin: "direct",
      })
      .returning();
    await tx.insert(relayLogParticipants).values({
      tenantId: actor.tenantId,
      logId: log!.id,
      userId: actor.userId,
      unitId: values.holderUnitId,
      addedBy: actor.userId,
    });
    await tx.insert(relayLogLevelChanges).values({
      tenantId: actor.tenantId,
      logId: log!.id,
      fromLevel: null,
      toLevel: level,
      reason: "",
      changedBy: actor.userId,
    });
    await tx.insert(relayLogAreas).values(
      areas.map((area, index) => ({
        tenantId: actor.tenantId,
        logId: log!.id,
        title: area.title,
        description: area.description,
        sortOrder: index,
        createdBy: actor.userId,
      })),
    );
    await auditLogChange(tx, {
      type: "relaylog.opened",
      actor,
      meta: input.meta,
      log: log!,
      details: { kind: "anonymous", level, unitId: values.holderUnitId, areas: areas.length },
    });
    return log!;
  });
}

// ------------------------------------------------------------ converting into a log

const phonePattern = /^\+?[\d ()-]{8,20}$/;

const convertFixed = {
  childName: optionalText(CHILD_NAME_MAX),
  childBirthDate: z
    .string()
    .trim()
    .optional()
    .default("")
    .transform((value) => isoDateFromInput(value) ?? value),
  nationalId: z
    .string()
    .optional()
    .default("")
    .transform((value) => value.replace(/\s/g, "")),
  lockVersion: z.string().trim().min(1),
  /** "Jeg bekrefter at foresatte har samtykket …": the conversion cannot be undone. */
  confirmed: checkbox,
};
const convertSchema = z.strictObject({
  ...convertFixed,
  ...Object.fromEntries(
    guardianFieldNames.flatMap((names) => [
      [names.name, optionalText(GUARDIAN_NAME_MAX)],
      [names.phone, optionalText(GUARDIAN_CONTACT_MAX)],
      [names.email, optionalText(GUARDIAN_CONTACT_MAX)],
      [names.responsibility, checkbox],
    ]),
  ),
});
/** The fixed fields typed; the guardian rows are read by name. */
type ConvertValues = z.infer<z.ZodObject<typeof convertFixed>> & Record<string, unknown>;

export interface ConvertPage {
  header: LogHeader;
  /** The case is already a log (converted from an anonymous discussion). */
  converted: boolean;
  lockVersion: number;
}

/** The convert page: the relay holder of an anonymous case (or of the log it became). */
export async function getConvertPage(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  logId: string;
}): Promise<ConvertPage> {
  const actor = assertRelayLogUser(input.actor);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const context = await requireLog(tx, {
      actor,
      meta: input.meta,
      logId: input.logId,
      need: "holder",
      view: "convert",
    });
    const { log } = context;
    // A log that never was anonymous has nothing to convert: nothing to show either.
    if (log.kind !== "anonymous" && log.origin !== "anonymous") {
      throw new AppError("not_found", "errors.notFound");
    }
    return {
      header: await logHeader(tx, context),
      converted: log.kind === "log",
      lockVersion: log.lockVersion,
    };
  });
}

/** Lookup hash and sealed form of a national ID number, as every log stores them. */
export function sealNationalId(
  secrets: IdentitySecrets,
  nationalId: string,
): { hash: string; encrypted: string } {
  return {
    hash: nationalIdLookupHash(secrets.lookupSecret, nationalId),
    encrypted: encryptText(secrets.encryptionKey, nationalId),
  };
}

/**
 * One log per child: another open log in the municipality with the same ID number hash, or the
 * same name and birth date (when that log has no ID number to tell them apart). The same rule
 * as opening a log (core/relay-log/logs.ts). Only the id and how it matched leave this function;
 * the caller must not show either to the user.
 */
export async function findOpenLogFor(
  tx: Tx,
  input: {
    tenantId: string;
    nationalIdHash: string | null;
    childName: string;
    childBirthDate: string;
    exceptLogId?: string;
  },
): Promise<{ id: string; matchedBy: "national_id" | "name_birth_date" } | null> {
  const hash = input.nationalIdHash;
  const sameChild = hash
    ? sql`(${relayLogs.nationalIdHash} = ${hash} or (lower(${relayLogs.childName}) = lower(${input.childName}) and ${relayLogs.childBirthDate} = ${input.childBirthDate} and ${relayLogs.nationalIdHash} is null))`
    : sql`(lower(${relayLogs.childName}) = lower(${input.childName}) and ${relayLogs.childBirthDate} = ${input.childBirthDate})`;
  const [row] = await tx
    .select({ id: relayLogs.id, nationalIdHash: relayLogs.nationalIdHash })
    .from(relayLogs)
    .where(
      and(
        eq(relayLogs.tenantId, input.tenantId),
        eq(relayLogs.status, "open"),
        eq(relayLogs.kind, "log"),
        input.exceptLogId ? ne(relayLogs.id, input.exceptLogId) : undefined,
        sameChild,
      ),
    )
    .limit(1);
  if (!row) return null;
  return {
    id: row.id,
    matchedBy: hash && row.nationalIdHash === hash ? "national_id" : "name_birth_date",
  };
}

function isUniqueViolation(error: unknown): boolean {
  for (let current = error; current; current = (current as { cause?: unknown }).cause) {
    if ((current as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

/**
 * Turns an anonymous case into a real log once the guardians consent: the relay holder adds the
 * child's identity (name, birth date, optional national ID number) and the guardians. A log that
 * already exists for the same child stops it, without revealing anything of that log. After the
 * conversion the log has no consent yet, so every participant but the holder is frozen out
 * until the holder records one.
 */
export async function convertToLog(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  logId: string;
  values: unknown;
  secrets: IdentitySecrets;
}): Promise<RelayLog> {
  const actor = assertRelayLogUser(input.actor);
  const values = parseInput(convertSchema, input.values) as ConvertValues;
  const today = osloDate();
  const fieldErrors: Record<string, string> = {};
  requireFilled(fieldErrors, values, {
    childName: "errors.required",
    childBirthDate: "errors.required",
  });
  if (
    values.childBirthDate &&
    (!isIsoDate(values.childBirthDate) ||
      values.childBirthDate > today ||
      values.childBirthDate < addDays(today, -25 * 366))
  ) {
    fieldErrors.childBirthDate = "relayLog.cases.convert.birthDateInvalid";
  }
  if (values.nationalId && !isValidNationalId(values.nationalId)) {
    fieldErrors.nationalId = "relayLog.cases.convert.nationalIdInvalid";
  }
  const guardians: {
    name: string;
    phone: string | null;
    email: string | null;
    parentalResponsibility: boolean;
  }[] = [];
  for (const names of guardianFieldNames) {
    const name = String(values[names.name] ?? "");
    const phone = String(values[names.phone] ?? "");
    const email = String(values[names.email] ?? "");
    if (!name && (phone || email))
      fieldErrors[names.name] = "relayLog.cases.convert.guardianNameRequired";
    if (phone && !phonePattern.test(phone)) fieldErrors[names.phone] = "errors.phone";
    if (email && !z.email().safeParse(email).success) fieldErrors[names.email] = "errors.email";
    if (name) {
      guardians.push({
        name,
        phone: phone || null,
        email: email || null,
        parentalResponsibility: values[names.responsibility] === true,
      });
    }
  }
  if (guardians.length === 0 && !fieldErrors[guardianFieldNames[0]!.name]) {
    fieldErrors[guardianFieldNames[0]!.name] = "relayLog.cases.convert.guardianRequired";
  }
  if (!values.confirmed) fieldErrors.confirmed = "relayLog.cases.convert.confirmRequired";
  throwFieldErrors(fieldErrors);
  const sealed = values.nationalId ? sealNationalId(input.secrets, values.nationalId) : null;
  try {
    return await input.database
      .tenant(actor.tenantId, async (tx) => {
        const context = await requireLog(tx, {
          actor,
          meta: input.meta,
          logId: input.logId,
          need: "holderWrite",
        });
        if (context.log.kind !== "anonymous") throw new AppError("not_found", "errors.notFound");
        if (Number(values.lockVersion) !== context.log.lockVersion) {
          throw new AppError("conflict", "relayLog.conflict");
        }
        // Openings and conversions in a municipality take turns (the same lock as opening a
        // log), so two of them for the same child cannot both get past the check.
        await tx.execute(
          sql`select pg_advisory_xact_lock(hashtext(${`laget:relaylog-open:${actor.tenantId}`}))`,
        );
        const existing = await findOpenLogFor(tx, {
          tenantId: actor.tenantId,
          nationalIdHash: sealed?.hash ?? null,
          childName: values.childName,
          childBirthDate: values.childBirthDate,
          exceptLogId: context.log.id,
        });
        if (existing) {
          // On the existing log's trail, as when opening a log; the user learns nothing of it.
          await recordAudit(tx, {
            type: "relaylog.duplicate_found",
            tenantId: actor.tenantId,
            actor,
            meta: input.meta,
            subject: { type: "relay_log", id: existing.id },
            details: { matchedBy: existing.matchedBy, during: "convert" },
          });
          return null;
        }
        const [log] = await tx
          .update(relayLogs)
          .set({
            kind: "log",
            origin: "anonymous",
            pseudonym: null,
            childName: values.childName,
            childBirthDate: values.childBirthDate,
            nationalIdHash: sealed?.hash ?? null,
            nationalIdEncrypted: sealed?.encrypted ?? null,
            lockVersion: context.log.lockVersion + 1,
            updatedAt: new Date(),
          })
          .where(
            and(
              eq(relayLogs.id, context.log.id),
              eq(relayLogs.kind, "anonymous"),
              eq(relayLogs.lockVersion, context.log.lockVersion),
            ),
          )
          .returning();
        if (!log) throw new AppError("conflict", "relayLog.conflict");
        await tx
          .insert(relayLogGuardians)
          .values(
            guardians.map((guardian) => ({ tenantId: actor.tenantId, logId: log.id, ...guardian })),
          );
        await auditLogChange(tx, {
          type: "relaylog.converted",
          actor,
          meta: input.meta,
          log,
          details: {
            fields: ["childName", "childBirthDate", ...(sealed ? ["nationalId"] : [])],
            guardians: guardians.length,
          },
        });
        return log;
      })
      .then((log) => {
        if (!log) throw logExists();
        return log;
      });
  } catch (error) {
    // Two conversions (or an open and a conversion) racing on the same ID number.
    if (isUniqueViolation(error)) throw logExists();
    throw error;
  }
}

function logExists(): AppError {
  return new AppError("conflict", "relayLog.cases.convert.logExists", {
    fieldErrors: { childName: "relayLog.cases.convert.logExistsField" },
  });
}
