import { and, asc, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "../../db/client.ts";
import { childPopulation } from "../../db/schema/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import { assertCan } from "../access/policy.ts";
import { recordAudit } from "../audit/audit.ts";
import { AppError } from "../errors.ts";
import { parseInput } from "../platform/validation.ts";
import {
  childrenFromBands,
  firstOverlap,
  MAX_AGE,
  parseSsbCsv,
  SSB_CSV_MAX_BYTES,
  type SsbCsvError,
} from "./ssb-csv.ts";

export * from "./ssb-csv.ts";

/**
 * The municipality's children and young people by year and age band (child_population), the
 * base of the "invisible children" estimate. The coordinator (evaluation.manage) enters a band
 * by hand or imports Statistics Norway's table 07459 as CSV; everyone with reports.view reads.
 * An import replaces the imported years in one transaction; a bad file writes nothing.
 */

export const POPULATION_MIN_YEAR = 1990;
export const POPULATION_MAX_YEAR = 2100;
export const POPULATION_MAX_COUNT = 10_000_000;

export interface PopulationBandRow {
  id: string;
  ageFrom: number;
  ageTo: number;
  count: number;
  source: string;
}

export interface PopulationYear {
  year: number;
  bands: PopulationBandRow[];
  /** Children 0–17: the bands within those ages. */
  children: number;
  /** Ages 0–17 no band covers. */
  missingAges: number[];
  /** manual | ssb_import | mixed */
  source: "manual" | "ssb_import" | "mixed";
}

type Base = { database: Database; actor: Actor };
type Write = Base & { meta: RequestMeta };

function staff(actor: Actor) {
  if (actor.kind !== "staff") throw new AppError("forbidden", "errors.forbidden");
  return actor;
}

/** Every year's bands, newest year first. */
export async function populationYears(tx: Tx, tenantId: string): Promise<PopulationYear[]> {
  const rows = await tx
    .select()
    .from(childPopulation)
    .where(eq(childPopulation.tenantId, tenantId))
    .orderBy(desc(childPopulation.year), asc(childPopulation.ageFrom), asc(childPopulation.ageTo));
  const byYear = new Map<number, PopulationBandRow[]>();
  for (const row of rows) {
    const list = byYear.get(row.year) ?? [];
    list.push({
      id: row.id,
      ageFrom: row.ageFrom,
      ageTo: row.ageTo,
      count: row.count,
      source: row.source,
    });
    byYear.set(row.year, list);
  }
  return [...byYear.entries()].map(([year, bands]) => {
    const sources = new Set(bands.map((band) => band.source));
    return {
      year,
      bands,
      ...childrenFromBands(bands),
      source: sources.size > 1 ? "mixed" : (bands[0]!.source as "manual" | "ssb_import"),
    };
  });
}

export async function listPopulation(input: Base): Promise<PopulationYear[]> {
  assertCan(input.actor, "reports.view");
  const actor = staff(input.actor);
  return input.database.tenant(actor.tenantId, (tx) => populationYears(tx, actor.tenantId));
}

// ---------------------------------------------------------------------------------------------
// Entering a band by hand

const P = "evaluation.indicators.population.errors";

const wholeNumber = (min: number, max: number, message: string) =>
  z.preprocess(
    (value) =>
      typeof value === "string" && /^\s*\d{1,9}\s*$/.test(value.replace(/[\s\u00a0]/g, ""))
        ? Number(value.replace(/[\s\u00a0]/g, ""))
        : value === "" || value === undefined
          ? undefined
          : value,
    z.number({ message }).int({ message }).min(min, { message }).max(max, { message }),
  );

const bandSchema = z
  .object({
    year: wholeNumber(POPULATION_MIN_YEAR, POPULATION_MAX_YEAR, `${P}.year`),
    ageFrom: wholeNumber(0, MAX_AGE, `${P}.age`),
    ageTo: wholeNumber(0, MAX_AGE, `${P}.age`),
    count: wholeNumber(0, POPULATION_MAX_COUNT, `${P}.count`),
  })
  .refine((value) => value.ageTo >= value.ageFrom, {
    message: `${P}.ageOrder`,
    path: ["ageTo"],
  });

/**
 * Saves one band for one year: the same band again replaces its count; a band that overlaps
 * another of that year (e.g. 0–17 beside 5 år) is refused, so no child is counted twice.
 */
export async function savePopulationBand(
  input: Write & { values: Record<string, unknown> },
): Promise<{ year: number }> {
  assertCan(input.actor, "evaluation.manage");
  const actor = staff(input.actor);
  const values = parseInput(bandSchema, input.values);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const existing = await tx
      .select()
      .from(childPopulation)
      .where(
        and(eq(childPopulation.tenantId, actor.tenantId), eq(childPopulation.year, values.year)),
      );
    const others = existing.filter(
      (row) => !(row.ageFrom === values.ageFrom && row.ageTo === values.ageTo),
    );
    if (firstOverlap([...others, { ageFrom: values.ageFrom, ageTo: values.ageTo }])) {
      throw new AppError("validation", "errors.validation", {
        fieldErrors: { ageFrom: `${P}.overlap` },
      });
    }
    await tx
      .insert(childPopulation)
      .values({
        tenantId: actor.tenantId,
        year: values.year,
        ageFrom: values.ageFrom,
        ageTo: values.ageTo,
        count: values.count,
        source: "manual",
        updatedBy: actor.userId,
      })
      .onConflictDoUpdate({
        target: [
          childPopulation.tenantId,
          childPopulation.year,
          childPopulation.ageFrom,
          childPopulation.ageTo,
        ],
        set: {
          count: values.count,
          source: "manual",
          updatedBy: actor.userId,
          updatedAt: new Date(),
        },
      });
    await recordAudit(tx, {
      type: "evaluation.population_saved",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      details: { year: values.year, ageFrom: values.ageFrom, ageTo: values.ageTo },
    });
    return { year: values.year };
  });
}

/** Removes every band of one year. */
export async function deletePopulationYear(input: Write & { year: unknown }): Promise<void> {
  assertCan(input.actor, "evaluation.manage");
  const actor = staff(input.actor);
  const year = Number(input.year);
  if (!Number.isInteger(year)) throw new AppError("not_found", "errors.notFound");
  await input.database.tenant(actor.tenantId, async (tx) => {
    const deleted = await tx
      .delete(childPopulation)
      .where(and(eq(childPopulation.tenantId, actor.tenantId), eq(childPopulation.year, year)))
      .returning({ id: childPopulation.id });
    if (deleted.length === 0) throw new AppError("not_found", "errors.notFound");
    await recordAudit(tx, {
      type: "evaluation.population_deleted",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      details: { year, bands: deleted.length },
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Importing SSB's CSV

export interface ImportSummary {
  form: "long" | "wide";
  region: string | null;
  years: { year: number; bands: number; children: number; total: number; missingAges: number[] }[];
  skippedMissing: number;
  skippedOlder: number;
}

export type ImportFailure =
  SsbCsvError | { reason: "no_file" } | { reason: "too_large" } | { reason: "not_text" };

export type ImportResult =
  { ok: true; summary: ImportSummary } | { ok: false; error: ImportFailure };

/**
 * Imports an SSB 07459 CSV: each year in the file replaces that year's bands (source
 * ssb_import), all in one transaction. A file that is missing, too large, not UTF-8 text or
 * has the wrong columns writes nothing and says why (the columns expected and found).
 */
export async function importPopulationCsv(
  input: Write & { file: { bytes: Uint8Array; name: string } | null },
): Promise<ImportResult> {
  assertCan(input.actor, "evaluation.manage");
  const actor = staff(input.actor);
  if (!input.file || input.file.bytes.length === 0)
    return { ok: false, error: { reason: "no_file" } };
  if (input.file.bytes.length > SSB_CSV_MAX_BYTES) {
    return { ok: false, error: { reason: "too_large" } };
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(input.file.bytes);
  } catch {
    // SSB also offers Windows-1252 (ANSI) files; æøå then are not UTF-8.
    try {
      text = new TextDecoder("windows-1252").decode(input.file.bytes);
    } catch {
      return { ok: false, error: { reason: "not_text" } };
    }
  }
  if (text.includes("\u0000")) return { ok: false, error: { reason: "not_text" } };
  const parsed = parseSsbCsv(text);
  if (!parsed.ok) return parsed;
  const data = parsed.data;
  await input.database.tenant(actor.tenantId, async (tx) => {
    for (const { year, bands } of data.years) {
      await tx
        .delete(childPopulation)
        .where(and(eq(childPopulation.tenantId, actor.tenantId), eq(childPopulation.year, year)));
      await tx.insert(childPopulation).values(
        bands.map((band) => ({
          tenantId: actor.tenantId,
          year,
          ageFrom: band.ageFrom,
          ageTo: band.ageTo,
          count: band.count,
          source: "ssb_import",
          updatedBy: actor.userId,
        })),
      );
    }
    await recordAudit(tx, {
      type: "evaluation.population_imported",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      details: {
        years: data.years.map((item) => item.year),
        bands: data.years.reduce((sum, item) => sum + item.bands.length, 0),
        form: data.form,
      },
    });
  });
  return {
    ok: true,
    summary: {
      form: data.form,
      region: data.region,
      years: data.years.map(({ year, bands }) => ({
        year,
        bands: bands.length,
        total: bands.reduce((sum, band) => sum + band.count, 0),
        ...childrenFromBands(bands),
      })),
      skippedMissing: data.skippedMissing,
      skippedOlder: data.skippedOlder,
    },
  };
}
