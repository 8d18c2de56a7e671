/**
 * The consent rules of the relay log as pure functions, shared by the use cases in consent.ts,
 * the pages (which show who is missing and what the form accepts) and, in the next issue, the
 * guardians' own digital consent. No database, no HTTP: safe to import from route modules.
 */

/** How a consent was given. "digital" is given by guardians and young people themselves (next issue). */
export const consentMethods = ["digital", "paper", "oral"] as const;
export type ConsentMethod = (typeof consentMethods)[number];

/** What staff may record on the family's behalf: a signed paper form, or an oral consent with a witness. */
export const staffConsentMethods = ["paper", "oral"] as const satisfies readonly ConsentMethod[];

/** The scanned paper form: at most 5 MB, PDF, JPEG or PNG as its first bytes say. */
export const CONSENT_ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;
export const consentAttachmentTypes = ["application/pdf", "image/jpeg", "image/png"] as const;
export type ConsentAttachmentType = (typeof consentAttachmentTypes)[number];

/**
 * The request size the consent page accepts (the form plus a file a little above the limit, so
 * a too-large file gets a message beside the field rather than the 413 page).
 */
export const CONSENT_UPLOAD_BODY_LIMIT = 2 * CONSENT_ATTACHMENT_MAX_BYTES + 256 * 1024;

/** The path the consent form posts to, for the server's body limit. */
export const consentUploadPathPattern = /^\/stafettlogger\/[^/]+\/samtykke\/?$/;

/** A consent lasts 12 months unless the holder says the family agreed to longer, at most 24. */
export const CONSENT_DEFAULT_MONTHS = 12;
export const CONSENT_MAX_MONTHS = 24;

export const WITNESS_MAX = 200;
export const WITHDRAW_NOTE_MAX = 1000;

/** The file's real type from its first bytes (never from its name or the browser's claim). */
export function sniffAttachmentType(bytes: Uint8Array): ConsentAttachmentType | null {
  const starts = (...signature: number[]) =>
    bytes.length >= signature.length && signature.every((byte, index) => bytes[index] === byte);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return "application/pdf"; // %PDF-
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  return null;
}

/** Whole years from `birthDate` to `today` (both YYYY-MM-DD). */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number) as [number, number, number];
  const [ty, tm, td] = today.split("-").map(Number) as [number, number, number];
  let age = ty - by;
  if (tm < bm || (tm === bm && td < bd)) age -= 1;
  return age;
}

/** Calendar months on YYYY-MM-DD; the 31st lands on the last day of a shorter month. */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

export interface GuardianFacts {
  id: string;
  name: string;
  parentalResponsibility: boolean;
}

export interface ConsentRequirement {
  /** The child's age today, or null when the log has no birth date. */
  age: number | null;
  /** The municipality's consent age (15 or 16). */
  consentAge: number;
  /** At or above the consent age the young person consents for themselves. */
  youthRequired: boolean;
  /** Below it, every guardian with parental responsibility must consent. */
  requiredGuardianIds: string[];
}

/**
 * Who must consent. From the consent age (tenant setting, 15 or 16) the young person's own
 * consent is required; below it, every guardian with parental responsibility. A log without a
 * birth date is treated as a child below the consent age.
 */
export function consentRequirement(input: {
  birthDate: string | null;
  today: string;
  consentAge: number;
  guardians: readonly GuardianFacts[];
}): ConsentRequirement {
  const age = input.birthDate ? ageOn(input.birthDate, input.today) : null;
  const youthRequired = age !== null && age >= input.consentAge;
  return {
    age,
    consentAge: input.consentAge,
    youthRequired,
    requiredGuardianIds: youthRequired
      ? []
      : input.guardians.filter((g) => g.parentalResponsibility).map((g) => g.id),
  };
}

/** The guardians whose consent the requirement asks for but the chosen givers lack. */
export function missingGuardians<G extends GuardianFacts>(
  requirement: ConsentRequirement,
  guardians: readonly G[],
  chosenGuardianIds: readonly string[],
): G[] {
  return guardians.filter(
    (guardian) =>
      requirement.requiredGuardianIds.includes(guardian.id) &&
      !chosenGuardianIds.includes(guardian.id),
  );
}

export type ConsentRecordStatus = "valid" | "expired" | "withdrawn" | "upcoming";

/** One record's status today; the same rule as consentStateOf in core/access/relay-log.ts. */
export function consentRecordStatus(
  record: { withdrawnAt: Date | string | null; givenOn: string; expiresOn: string },
  today: string,
): ConsentRecordStatus {
  if (record.withdrawnAt) return "withdrawn";
  if (record.expiresOn < today) return "expired";
  if (record.givenOn > today) return "upcoming";
  return "valid";
}

/**
 * Digital consent, given by a guardian with parental responsibility or the young person from the
 * consent age themselves: one record per person, naming the units they agree to. It lasts 12
 * months unless they choose another length, at most 24.
 */
export const digitalConsentMonths = [6, 12, 24] as const;
export type DigitalConsentMonths = (typeof digitalConsentMonths)[number];

/** The chosen length in months ("" or missing: 12), or null when it is not one on offer. */
export function parseDigitalConsentMonths(value: unknown): DigitalConsentMonths | null {
  if (value === undefined || value === null || value === "") return CONSENT_DEFAULT_MONTHS;
  const months = Number(value);
  return (digitalConsentMonths as readonly number[]).includes(months)
    ? (months as DigitalConsentMonths)
    : null;
}

/** The young person's answer on whether their guardians keep access to the log. */
export const guardianAccessChoices = ["keep", "end"] as const;
export type GuardianAccessChoice = (typeof guardianAccessChoices)[number];
