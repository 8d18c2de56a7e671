import { isIsoDate } from "../platform/dates.ts";

/**
 * Pure rules and constants of opening a relay log and of the "my logs" list: safe to import
 * from UI components (no database, no node: modules).
 */

/** The open form has fixed rows so it works without JavaScript; blank rows are ignored. */
export const GUARDIAN_ROWS = 4;
export const AREA_ROWS = 5;

export const CHILD_NAME_MAX = 120;
export const GUARDIAN_NAME_MAX = 120;
export const AREA_TITLE_MAX = 80;
export const AREA_DESCRIPTION_MAX = 1000;
export const LEVEL_REASON_MAX = 500;
export const JOIN_MESSAGE_MAX = 500;
/** BTI follows children and young people up to 24 years. */
export const MAX_AGE_YEARS = 25;

/** Levels a log can be opened at, and the levels it can be changed to. */
export const openLevels = [1, 2, 3] as const;
export const allLevels = [0, 1, 2, 3] as const;

export const LIST_PAGE_SIZE = 25;
/** "Due evaluations": scheduled within this many days and not held, or overdue. */
export const EVALUATION_DUE_DAYS = 14;
/** "Expiring consent": a valid consent that expires within this many days. */
export const CONSENT_EXPIRING_DAYS = 30;

export const logRoles = ["holder", "participant"] as const;
export type LogRole = (typeof logRoles)[number];
export const logStatuses = ["open", "closed"] as const;
export type LogStatus = (typeof logStatuses)[number];

/** The filters of "my logs", as the core use case takes them. */
export interface MyLogFilters {
  level?: number | undefined;
  unitId?: string | undefined;
  role?: LogRole | undefined;
  dueEvaluations?: boolean | undefined;
  overdueMeasures?: boolean | undefined;
  expiringConsent?: boolean | undefined;
  status?: LogStatus | undefined;
  page?: number | undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The list's query string (Norwegian names, as the filter form sends them) → filters. Values
 * that do not parse are dropped rather than refused: an old or hand-edited link still shows a list.
 */
export function filtersFromSearchParams(params: URLSearchParams): MyLogFilters {
  const filters: MyLogFilters = {};
  const level = params.get("nivaa");
  if (level && /^[0-3]$/.test(level)) filters.level = Number(level);
  const unit = params.get("enhet");
  if (unit && UUID.test(unit)) filters.unitId = unit;
  const role = params.get("rolle");
  if (role === "stafettholder") filters.role = "holder";
  if (role === "deltaker") filters.role = "participant";
  const needs = params.getAll("behov");
  if (needs.includes("evaluering")) filters.dueEvaluations = true;
  if (needs.includes("tiltak")) filters.overdueMeasures = true;
  if (needs.includes("samtykke")) filters.expiringConsent = true;
  if (params.get("status") === "avsluttet") filters.status = "closed";
  const page = Number.parseInt(params.get("side") ?? "", 10);
  if (Number.isInteger(page) && page > 1) filters.page = Math.min(page, 100_000);
  return filters;
}

/** Filters → the list's query string (the inverse of filtersFromSearchParams). */
export function searchParamsFromFilters(filters: MyLogFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.level !== undefined) params.set("nivaa", String(filters.level));
  if (filters.unitId) params.set("enhet", filters.unitId);
  if (filters.role) params.set("rolle", filters.role === "holder" ? "stafettholder" : "deltaker");
  if (filters.dueEvaluations) params.append("behov", "evaluering");
  if (filters.overdueMeasures) params.append("behov", "tiltak");
  if (filters.expiringConsent) params.append("behov", "samtykke");
  if (filters.status === "closed") params.set("status", "avsluttet");
  if (filters.page && filters.page > 1) params.set("side", String(filters.page));
  return params;
}

/** Where a receiver answers the handovers addressed to them (relay-log.handover.inbox.tsx). */
export const HANDOVER_INBOX_PATH = "/stafettlogger/stafetter";

export function myLogsPath(filters: MyLogFilters = {}): string {
  const query = searchParamsFromFilters(filters).toString();
  return query ? `/stafettlogger?${query}` : "/stafettlogger";
}

/** A date as typed: YYYY-MM-DD, or the Norwegian DD.MM.YYYY. Null when it is neither. */
export function isoDateFromInput(value: string): string | null {
  const trimmed = value.trim();
  if (isIsoDate(trimmed)) return trimmed;
  const match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(trimmed);
  if (!match) return null;
  const iso = `${match[3]}-${match[2]!.padStart(2, "0")}-${match[1]!.padStart(2, "0")}`;
  return isIsoDate(iso) ? iso : null;
}

/** Whole years from the birth date to `today` (both YYYY-MM-DD). */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number) as [number, number, number];
  const [ty, tm, td] = today.split("-").map(Number) as [number, number, number];
  let age = ty - by;
  if (tm < bm || (tm === bm && td < bd)) age -= 1;
  return age;
}

/**
 * Whether a (valid) national ID number can belong to someone born on `birthDate`: day, month
 * and two-digit year must match, after undoing the D-number (+40 on the day) and the synthetic
 * test number (+40 or +80 on the month) offsets.
 */
export function nationalIdMatchesBirthDate(nationalId: string, birthDate: string): boolean {
  let day = Number(nationalId.slice(0, 2));
  let month = Number(nationalId.slice(2, 4));
  const year = nationalId.slice(4, 6);
  if (day > 40) day -= 40;
  if (month > 80) month -= 80;
  else if (month > 40) month -= 40;
  const [by, bm, bd] = birthDate.split("-") as [string, string, string];
  return day === Number(bd) && month === Number(bm) && year === by.slice(2);
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function list(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter((item) => item !== "");
}

const guardianFields = ["name", "phone", "email", "parentalResponsibility"] as const;
const areaFields = ["title", "description"] as const;

function rows<F extends string>(
  form: Record<string, string | string[]>,
  prefix: string,
  count: number,
  fields: readonly F[],
): Record<F, string>[] {
  return Array.from(
    { length: count },
    (_, index) =>
      Object.fromEntries(
        fields.map((field) => [field, first(form[`${prefix}.${index}.${field}`]) ?? ""]),
      ) as Record<F, string>,
  );
}

/**
 * The open form's flat fields (`guardians.0.name`, `areas.2.title` …) → the values openLog
 * takes. Rows keep their position, so an error on row 3 is reported on row 3's fields.
 */
const origins = ["direct", "worry", "next_of_kin"] as const;

function originOf(value: string | undefined): (typeof origins)[number] {
  return origins.find((origin) => origin === value) ?? "direct";
}

export function openValuesFromForm(form: Record<string, string | string[]>) {
  return {
    childName: first(form.childName) ?? "",
    birthDate: first(form.birthDate) ?? "",
    nationalId: first(form.nationalId) ?? "",
    level: first(form.level) ?? "",
    holderUnitId: first(form.holderUnitId) ?? "",
    proposedHolderEmail: first(form.proposedHolderEmail) ?? "",
    origin: originOf(first(form.origin)),
    unitIds: list(form.unitIds),
    guardians: rows(form, "guardians", GUARDIAN_ROWS, guardianFields),
    areas: rows(form, "areas", AREA_ROWS, areaFields),
  };
}
