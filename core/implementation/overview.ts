import type { Database } from "../../db/client.ts";
import { translator, type Language } from "../../i18n/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import { recordAudit } from "../audit/audit.ts";
import { toCsv } from "../platform/csv.ts";
import { osloDate } from "../platform/dates.ts";
import { serviceTypes, type ServiceType } from "../units/service-types.ts";
import { asStaff, seesAllUnits, unitsByIds, visibleUnitIds } from "./scope.ts";
import {
  activeStaffByUnit,
  contactsByUnit,
  coverageByUnit,
  coveragePercent,
  currentStages,
  isStage,
  onboardingCountsByUnit,
  pilotUnitIds,
  type Coverage,
  type CurrentStage,
  type OnboardingCounts,
  type Person,
  type Stage,
} from "./units.ts";

/**
 * The leaders' view (/implementering): every unit the actor may see side by side — service
 * type, pilot, stage, BTS contacts, training coverage and onboarding status — with filters and
 * a CSV export of the same columns. The coordinator and sector leaders see all units; a unit
 * leader or BTS contact their own. Nothing about any child.
 */

export interface UnitOverviewRow {
  unitId: string;
  name: string;
  serviceType: string;
  pilot: boolean;
  stage: CurrentStage | null;
  contacts: Person[];
  coverage: Coverage;
  onboarding: OnboardingCounts;
}

/** `none` picks the units whose stage has not been set. */
export type StageFilter = Stage | "none";

export interface OverviewFilters {
  serviceType?: ServiceType | undefined;
  stage?: StageFilter | undefined;
}

/** The filters from the query string (`tjeneste`, `fase`); unknown values are ignored. */
export function overviewFiltersFrom(params: URLSearchParams): OverviewFilters {
  const serviceType = params.get("tjeneste") ?? "";
  const stage = params.get("fase") ?? "";
  return {
    serviceType: (serviceTypes as readonly string[]).includes(serviceType)
      ? (serviceType as ServiceType)
      : undefined,
    stage: isStage(stage) || stage === "none" ? (stage as StageFilter) : undefined,
  };
}

/** The same filters as a query string, for links (the CSV export keeps the page's filters). */
export function overviewQuery(filters: OverviewFilters): string {
  const params = new URLSearchParams();
  if (filters.serviceType) params.set("tjeneste", filters.serviceType);
  if (filters.stage) params.set("fase", filters.stage);
  const text = params.toString();
  return text ? `?${text}` : "";
}

export interface UnitOverview {
  rows: UnitOverviewRow[];
  /** Service types among the visible units, for the filter. */
  serviceTypes: string[];
  /** Whether the actor sees every unit (coordinator, sector leader). */
  allUnits: boolean;
  /** Visible units before filtering. */
  totalUnits: number;
}

/** The visible, active units with their figures, filtered, sorted by name. */
export async function listUnitOverview(input: {
  database: Database;
  actor: Actor;
  filters?: OverviewFilters;
  today?: string;
}): Promise<UnitOverview> {
  const actor = asStaff(input.actor);
  const today = input.today ?? osloDate();
  const filters = input.filters ?? {};
  return input.database.tenant(actor.tenantId, async (tx) => {
    const ids = await visibleUnitIds(tx, actor);
    const visible = (await unitsByIds(tx, actor.tenantId, ids))
      .filter((unit) => unit.active)
      .sort((a, b) => a.name.localeCompare(b.name, "nb"));
    const unitIds = visible.map((unit) => unit.id);
    const stagesByUnit = await currentStages(tx, actor.tenantId, unitIds);
    const shown = visible.filter((unit) => {
      if (filters.serviceType && unit.serviceType !== filters.serviceType) return false;
      if (filters.stage) {
        const stage = stagesByUnit.get(unit.id)?.stage ?? "none";
        if (stage !== filters.stage) return false;
      }
      return true;
    });
    const shownIds = shown.map((unit) => unit.id);
    const staffByUnit = await activeStaffByUnit(tx, actor.tenantId, shownIds);
    const contacts = await contactsByUnit(tx, actor.tenantId, shownIds);
    const pilots = await pilotUnitIds(tx, actor.tenantId, shownIds);
    const coverage = await coverageByUnit(tx, actor.tenantId, staffByUnit);
    const onboarding = await onboardingCountsByUnit(tx, actor.tenantId, staffByUnit, today);
    return {
      rows: shown.map((unit) => ({
        unitId: unit.id,
        name: unit.name,
        serviceType: unit.serviceType,
        pilot: pilots.has(unit.id),
        stage: stagesByUnit.get(unit.id) ?? null,
        contacts: (contacts.get(unit.id) ?? []).map(({ userId, name }) => ({ userId, name })),
        coverage: coverage.get(unit.id)!,
        onboarding: onboarding.get(unit.id)!,
      })),
      serviceTypes: [...new Set(visible.map((unit) => unit.serviceType))],
      allUnits: seesAllUnits(actor),
      totalUnits: visible.length,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// CSV export.

/** A date (YYYY-MM-DD) as Norwegian spreadsheets read it: 14.03.2026. */
function norwegianDate(isoDate: string): string {
  const [year, month, day] = isoDate.split("-");
  return `${day}.${month}.${year}`;
}

/** The text of the coverage column: "n av m (p %)". */
export function coverageText(coverage: Coverage, language: Language): string {
  const t = translator(language);
  const percent = coveragePercent(coverage);
  return percent === null
    ? t("implementation.units.coverageNoStaff", {
        trained: coverage.trained,
        staff: coverage.staff,
      })
    : t("implementation.units.coverage", {
        trained: coverage.trained,
        staff: coverage.staff,
        percent,
      });
}

/** The rows as CSV for Norwegian Excel: UTF-8 with BOM, semicolons, CRLF. */
export function unitOverviewCsv(rows: UnitOverviewRow[], language: Language): string {
  const t = translator(language);
  const header = [
    t("implementation.units.columns.unit"),
    t("implementation.units.columns.serviceType"),
    t("implementation.units.columns.pilot"),
    t("implementation.units.columns.stage"),
    t("implementation.units.columns.stageSince"),
    t("implementation.units.columns.contacts"),
    t("implementation.units.columns.coverage"),
    t("implementation.units.columns.onboardingCompleted"),
    t("implementation.units.columns.onboardingInProgress"),
    t("implementation.units.columns.onboardingOverdue"),
  ];
  const lines = rows.map((row) => [
    row.name,
    t(`serviceType.${row.serviceType}`),
    row.pilot ? t("implementation.units.pilot") : t("implementation.units.notPilot"),
    row.stage
      ? t(`implementation.units.stages.${row.stage.stage}`)
      : t("implementation.units.noStage"),
    row.stage ? norwegianDate(row.stage.since) : "",
    row.contacts.length > 0
      ? row.contacts.map((contact) => contact.name).join(", ")
      : t("implementation.units.noContact"),
    coverageText(row.coverage, language),
    String(row.onboarding.completed),
    String(row.onboarding.inProgress),
    String(row.onboarding.overdue),
  ]);
  return toCsv([header, ...lines]);
}

export const UNITS_CSV_FILENAME = "enheter.csv";

/** The overview as a CSV file, audited as implementation.units_exported (ids and counts only). */
export async function exportUnitOverview(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  filters?: OverviewFilters;
  language: Language;
  today?: string;
}): Promise<{ content: string; filename: string; contentType: string }> {
  const actor = asStaff(input.actor);
  const overview = await listUnitOverview(input);
  await input.database.tenant(actor.tenantId, (tx) =>
    recordAudit(tx, {
      type: "implementation.units_exported",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      details: {
        count: overview.rows.length,
        unitIds: overview.rows.map((row) => row.unitId),
        filters: {
          serviceType: input.filters?.serviceType ?? null,
          stage: input.filters?.stage ?? null,
        },
      },
    }),
  );
  return {
    content: unitOverviewCsv(overview.rows, input.language),
    filename: UNITS_CSV_FILENAME,
    contentType: "text/csv; charset=utf-8",
  };
}
