import type { Actor } from "./actor.ts";
import { can } from "./policy.ts";
import { isStaffRole, rolePermissions } from "./roles.ts";

/**
 * The access policy of the relay log (stafettlogg), in one pure function so every read and
 * write of a child's log goes through the same rules, and the matrix tests can enumerate them.
 *
 * - The relay holder (stafettholder) may always read, and write while the log is open, also when
 *   consent has lapsed: they are the one told what to do about it.
 * - A participant may read and write when a valid consent names the unit they take part for. An
 *   anonymous case discussion has no identity, so its participants need no consent.
 * - A participant whose unit no valid consent names sees that the log is frozen, nothing else.
 * - Everyone else, including leaders and coordinators by virtue of their role, gets nothing:
 *   the route answers 404, so not even the log's existence leaks.
 * - The family (citizens, logged in with ID-porten): a guardian with parental responsibility reads
 *   the whole log and writes their own contributions while it is open; so does the young person
 *   from the municipality's consent age (15 or 16). When the young person has reached that age
 *   and answered that their guardians shall no longer have access, the guardians get nothing. A
 *   guardian without parental responsibility, a child below the consent age, and everyone of
 *   another family or municipality get nothing: the route answers 404. An anonymous case
 *   discussion has no family.
 */
export type ConsentState = "none" | "valid" | "partial" | "expired" | "withdrawn";

export interface LogAccessFacts {
  tenantId: string;
  kind: "log" | "anonymous";
  status: "open" | "closed";
  holderUserId: string;
  /** The units the acting employee takes part for (active participant rows). */
  actorParticipantUnitIds: readonly string[];
  /** The units a consent covers that is neither withdrawn nor expired today. */
  consentedUnitIds: readonly string[];
  consentState: ConsentState;
  /** Only for a citizen actor: their relation to the child. */
  family?: FamilyFacts;
}

/** What the policy needs to know about a citizen's relation to the child of one log. */
export interface FamilyFacts {
  /** The citizen is recorded as a guardian: with parental responsibility or without. */
  guardian: "responsible" | "not_responsible" | null;
  /** The citizen is the child (their national ID number is the log's). */
  isChild: boolean;
  /** The child's age today, or null when the log has no birth date. */
  childAge: number | null;
  /** The municipality's consent age, 15 or 16. */
  consentAge: number;
  /** The young person's answer on whether the guardians keep access (null: not answered). */
  youthGuardianAccess: "keep" | "end" | null;
}

export interface LogAccess {
  read: boolean;
  write: boolean;
  /** The relay holder's rights: participants, consent, level, handover, close, access trail. */
  holder: boolean;
  /** The actor takes part, but no valid consent covers them: they are told the log is frozen. */
  frozen: boolean;
  /** For a citizen with access: whether they are a guardian of the child or the young person. */
  family?: "guardian" | "youth";
}

export const noLogAccess: LogAccess = { read: false, write: false, holder: false, frozen: false };

export function decideLogAccess(actor: Actor | null, facts: LogAccessFacts): LogAccess {
  if (actor?.kind === "citizen") return decideFamilyAccess(actor, facts);
  if (!actor || actor.kind !== "staff") return noLogAccess;
  if (actor.tenantId !== facts.tenantId) return noLogAccess;
  if (!can(actor, "relaylog.use")) return noLogAccess;
  const open = facts.status === "open";
  if (facts.holderUserId === actor.userId) {
    return { read: true, write: open, holder: true, frozen: false };
  }
  if (facts.actorParticipantUnitIds.length === 0) return noLogAccess;
  const covered =
    facts.kind === "anonymous" ||
    facts.actorParticipantUnitIds.some((unitId) => facts.consentedUnitIds.includes(unitId));
  if (!covered) return { read: false, write: false, holder: false, frozen: true };
  return { read: true, write: open, holder: false, frozen: false };
}

function decideFamilyAccess(
  actor: Extract<Actor, { kind: "citizen" }>,
  facts: LogAccessFacts,
): LogAccess {
  const family = facts.family;
  if (!family || actor.tenantId !== facts.tenantId || facts.kind !== "log") return noLogAccess;
  const write = facts.status === "open";
  const childOfAge = family.childAge !== null && family.childAge >= family.consentAge;
  if (family.isChild) {
    return childOfAge
      ? { read: true, write, holder: false, frozen: false, family: "youth" }
      : noLogAccess;
  }
  if (family.guardian !== "responsible") return noLogAccess;
  if (childOfAge && family.youthGuardianAccess === "end") return noLogAccess;
  return { read: true, write, holder: false, frozen: false, family: "guardian" };
}

/**
 * One consent record as the policy sees it. Staff record what the family gave on paper or orally:
 * one record with every giver, validated complete when recorded, so a valid staff record covers
 * the units it names on its own. Digital consent is given per person (method "digital", one
 * giver: the guardian or the young person themselves), so a unit is covered only when every
 * required giver has a valid digital record naming it. A record without a method is a staff
 * record (older callers select no method).
 */
export interface ConsentRecordFacts {
  withdrawnAt: Date | null;
  givenOn: string;
  expiresOn: string;
  /** Needed for coverage; consentStateOf reads it only for digital records. */
  unitIds?: readonly string[];
  method?: string;
  givers?: readonly { kind: string; guardianId?: string | undefined }[];
}

/** Who must consent today (consentRequirement in core/relay-log/consent-rules.ts). */
export interface RequiredGivers {
  youthRequired: boolean;
  requiredGuardianIds: readonly string[];
}

/** A giver as a key: "youth" or "guardian:<id>". */
export function giverKey(giver: { kind: string; guardianId?: string | undefined }): string {
  return giver.kind === "youth" ? "youth" : `guardian:${giver.guardianId ?? ""}`;
}

/** The keys of the givers the requirement asks for. */
export function requiredGiverKeys(requirement: RequiredGivers): string[] {
  return requirement.youthRequired
    ? ["youth"]
    : requirement.requiredGuardianIds.map((id) => `guardian:${id}`);
}

/** Valid today: not withdrawn, given on or before today, expiring on or after it. */
export function isConsentValidOn(record: ConsentRecordFacts, today: string): boolean {
  return !record.withdrawnAt && record.givenOn <= today && record.expiresOn >= today;
}

const isDigital = (record: ConsentRecordFacts) => record.method === "digital";

/** For one unit named by valid digital consent: which required givers have consented, and who is missing. */
export interface UnitConsentProgress {
  unitId: string;
  given: string[];
  missing: string[];
  /** Every required giver has consented (and someone is required). */
  complete: boolean;
}

/**
 * The progress of digital consent per unit, for the units a valid digital record names. The
 * requirement is today's: a guardian's digital consent does not count once the young person has
 * reached the consent age (then their own is required).
 */
export function digitalConsentProgress(
  records: readonly ConsentRecordFacts[],
  today: string,
  requirement: RequiredGivers,
): UnitConsentProgress[] {
  const required = requiredGiverKeys(requirement);
  const givenByUnit = new Map<string, Set<string>>();
  for (const record of records) {
    if (!isDigital(record) || !isConsentValidOn(record, today)) continue;
    for (const unitId of record.unitIds ?? []) {
      const given = givenByUnit.get(unitId) ?? new Set<string>();
      for (const giver of record.givers ?? []) given.add(giverKey(giver));
      givenByUnit.set(unitId, given);
    }
  }
  return [...givenByUnit].map(([unitId, given]) => {
    const missing = required.filter((key) => !given.has(key));
    return {
      unitId,
      given: required.filter((key) => given.has(key)),
      missing,
      complete: required.length > 0 && missing.length === 0,
    };
  });
}

/**
 * The units consent covers today: every unit a valid staff record names, and every unit each
 * required giver has named in their own valid digital record. Without the requirement (callers
 * that do not know the family), digital records cover nothing: the safe side.
 */
export function consentedUnits(
  records: readonly ConsentRecordFacts[],
  today: string,
  requirement?: RequiredGivers,
): string[] {
  const units = new Set<string>();
  for (const record of records) {
    if (!isDigital(record) && isConsentValidOn(record, today)) {
      for (const unitId of record.unitIds ?? []) units.add(unitId);
    }
  }
  if (requirement) {
    for (const progress of digitalConsentProgress(records, today, requirement)) {
      if (progress.complete) units.add(progress.unitId);
    }
  }
  return [...units];
}

/**
 * Which consent state a set of consent records gives today. "valid": a valid staff record, or a
 * unit every required giver has consented to digitally. "partial": some, but not all, required
 * givers have consented digitally; `waitingFor` counts the required givers still missing for
 * the units named so far (the family sees "partial", staff "waiting for N").
 */
export function consentStateOf(
  records: readonly ConsentRecordFacts[],
  today: string,
  requirement?: RequiredGivers,
): { state: ConsentState; validRecords: number; waitingFor: number } {
  const valid = records.filter((record) => isConsentValidOn(record, today));
  const progress = requirement ? digitalConsentProgress(records, today, requirement) : [];
  const waitingFor = new Set(progress.flatMap((unit) => unit.missing)).size;
  const covered =
    valid.some((record) => !isDigital(record)) || progress.some((unit) => unit.complete);
  if (covered) return { state: "valid", validRecords: valid.length, waitingFor };
  if (valid.length > 0) return { state: "partial", validRecords: valid.length, waitingFor };
  if (records.length === 0) return { state: "none", validRecords: 0, waitingFor: 0 };
  const latest = [...records].sort((a, b) => (a.givenOn < b.givenOn ? 1 : -1))[0]!;
  return { state: latest.withdrawnAt ? "withdrawn" : "expired", validRecords: 0, waitingFor: 0 };
}

/**
 * Barn som pårørende: a case is seen and changed only by the employees of the unit that
 * registered it (an adult service's own record of the conversation with a parent). Membership
 * of that unit grants it, never a role: a leader or coordinator elsewhere gets nothing, and the
 * route answers 404 so not even the case's existence leaks.
 */
export function mayAccessNextOfKinCase(
  actor: Actor | null,
  nextOfKinCase: { tenantId: string; unitId: string },
): boolean {
  if (!actor || actor.kind !== "staff") return false;
  if (actor.tenantId !== nextOfKinCase.tenantId) return false;
  if (!can(actor, "relaylog.use")) return false;
  return actor.unitIds.includes(nextOfKinCase.unitId);
}

/**
 * A report to child welfare (bekymringsmelding) is never blocked by consent or by the relay
 * holder: from a log, anyone who may read the log or takes part but is frozen out by consent may
 * make one; from the guide, any staff member who reads the guide (`guide.read`). What the form
 * may be filled in with is a separate question: only a reader of the log gets the child's name.
 */
export function mayReportToChildWelfare(actor: Actor | null, fromLog: LogAccess | null): boolean {
  if (!actor || actor.kind !== "staff") return false;
  if (fromLog) return fromLog.read || fromLog.frozen;
  return can(actor, "guide.read");
}

/**
 * Who may accept or decline a handover of the baton: only the employee it is addressed to, in
 * the same municipality, with the relay-log permission, while it is still pending. The receiver
 * is not yet a participant, so this is the one rule that lets them see the child's name and
 * the holder's message before they decide.
 */
export function mayDecideHandover(
  actor: Actor | null,
  handover: { tenantId: string; toUserId: string; state: string },
): boolean {
  if (!actor || actor.kind !== "staff") return false;
  if (actor.tenantId !== handover.tenantId) return false;
  if (!can(actor, "relaylog.use")) return false;
  return handover.toUserId === actor.userId && handover.state === "pending";
}

/**
 * Who may be handed the baton: an active employee of the same municipality whose roles give
 * the relay-log permission (leaders and administrators without it cannot hold a log).
 */
export function mayReceiveBaton(
  receiver: { tenantId: string; active: boolean; roles: readonly string[] },
  tenantId: string,
): boolean {
  if (!receiver.active || receiver.tenantId !== tenantId) return false;
  return receiver.roles.some((role) => isStaffRole(role) && rolePermissions[role]["relaylog.use"]);
}
