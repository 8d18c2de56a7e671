import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "../../db/client.ts";
import { prevalenceRates } from "../../db/schema/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import { assertCan } from "../access/policy.ts";
import { recordAudit } from "../audit/audit.ts";
import { AppError } from "../errors.ts";
import { osloDate } from "../platform/dates.ts";
import { parseInput } from "../platform/validation.ts";
import { suppressCounts } from "./indicator-rules.ts";
import { populationYears } from "./population.ts";
import { MIN_GROUP_SIZE, suppressBelowMinimum, type Suppressible } from "./suppression.ts";

/**
 * The "invisible children" estimate (issue 7, the Nittedal seed's «Usynlige barn og unge?»):
 * the municipality's children 0–17 times national prevalence rates gives how many children are
 * likely to live with, e.g., a parent with mental illness; beside it, how many children Laget
 * has actually helped. The rates and their sources are the municipality's to edit
 * (evaluation.manage); the defaults below are created on first use.
 */

export interface DefaultRate {
  key: string;
  label: string;
  percent: number;
  source: string;
}

const SEED_SOURCE =
  "Nittedal kommune, «BTI – implementering», lysarket «Usynlige barn og unge?», med nasjonale tall. Kommunen må selv sjekke den opprinnelige kilden før tallet brukes.";

/** The Nittedal seed's five rates, in its own order and wording. */
export const defaultRates: DefaultRate[] = [
  {
    key: "parent_mental_illness",
    label: "Barn som lever i familier der en eller begge foreldrene har psykiske lidelser",
    percent: 11.7,
    source: `${SEED_SOURCE} Lysarket: «Mer enn 130.000 barn (11,7 %) i Norge».`,
  },
  {
    key: "parent_hospitalised",
    label: "Barn som lever i familier der mor eller far er innlagt på grunn av psykisk lidelse",
    percent: 1.3,
    source: `${SEED_SOURCE} Lysarket: «Mer enn 15.000 barn i Norge (1,3 %)».`,
  },
  {
    key: "parent_substance_use",
    label: "Barn som lever med foreldre som ruser seg i så stor grad at det påvirker omsorgsrollen",
    percent: 16.667,
    source: `${SEED_SOURCE} Lysarket: «Hvert 6. barn/unge» (1/6 = 16,7 %).`,
  },
  {
    key: "family_violence",
    label: "Barn og unge som lever med vold i familien",
    percent: 9,
    source: `${SEED_SOURCE} Lysarket: «Mer enn 100.000 barn/unge (9 %)».`,
  },
  {
    key: "sexual_abuse",
    label: "Barn som utsettes for gjentatte, grove seksuelle overgrep",
    percent: 5,
    source: `${SEED_SOURCE} Lysarket: «5 % av alle barn».`,
  },
];

export interface PrevalenceRate {
  id: string;
  key: string;
  label: string;
  percent: number;
  source: string;
  sourceUrl: string | null;
}

/** The likely number of children: children × percent / 100, rounded to a whole child. */
export function likelyChildren(children: number, percent: number): number {
  return Math.round((children * percent) / 100);
}

/** Creates the default rates for a municipality that has none yet (safe to run twice at once). */
export async function ensureDefaultRates(tx: Tx, tenantId: string): Promise<void> {
  const [existing] = await tx
    .select({ id: prevalenceRates.id })
    .from(prevalenceRates)
    .where(eq(prevalenceRates.tenantId, tenantId))
    .limit(1);
  if (existing) return;
  await tx
    .insert(prevalenceRates)
    .values(
      defaultRates.map((rate, index) => ({
        tenantId,
        key: rate.key,
        label: rate.label,
        percent: rate.percent.toFixed(3),
        source: rate.source,
        position: index,
      })),
    )
    .onConflictDoNothing();
}

export async function ratesOf(tx: Tx, tenantId: string): Promise<PrevalenceRate[]> {
  await ensureDefaultRates(tx, tenantId);
  const rows = await tx
    .select()
    .from(prevalenceRates)
    .where(eq(prevalenceRates.tenantId, tenantId))
    .orderBy(asc(prevalenceRates.position), asc(prevalenceRates.key));
  return rows.map((row) => ({
    id: row.id,
    key: row.key,
    label: row.label,
    percent: Number(row.percent),
    source: row.source,
    sourceUrl: row.sourceUrl,
  }));
}

type Base = { database: Database; actor: Actor };

function staff(actor: Actor) {
  if (actor.kind !== "staff") throw new AppError("forbidden", "errors.forbidden");
  return actor;
}

export async function listRates(input: Base): Promise<PrevalenceRate[]> {
  assertCan(input.actor, "reports.view");
  const actor = staff(input.actor);
  return input.database.tenant(actor.tenantId, (tx) => ratesOf(tx, actor.tenantId));
}

// ---------------------------------------------------------------------------------------------
// Editing a rate

const P = "evaluation.indicators.prevalence.errors";
export const RATE_LABEL_MAX = 300;
export const RATE_SOURCE_MAX = 1000;
export const RATE_URL_MAX = 500;

/** "11,7", "11.7", " 5 " → a number; anything else is left for the schema to refuse. */
export function parsePercent(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const text = value.trim().replace(/\s*%$/, "").replace(",", ".");
  if (text === "") return undefined;
  return /^-?\d{1,3}(\.\d{1,3})?$/.test(text) ? Number(text) : value;
}

const rateSchema = z.object({
  label: z.preprocess(
    (value) => (typeof value === "string" ? value : ""),
    z
      .string()
      .trim()
      .min(1, { message: `${P}.label` })
      .max(RATE_LABEL_MAX, { message: "errors.tooLong" }),
  ),
  percent: z.preprocess(
    parsePercent,
    z
      .number({ message: `${P}.percent` })
      .min(0, { message: `${P}.percent` })
      .max(100, { message: `${P}.percent` }),
  ),
  source: z.preprocess(
    (value) => (typeof value === "string" ? value : ""),
    z
      .string()
      .trim()
      .min(1, { message: `${P}.source` })
      .max(RATE_SOURCE_MAX, { message: "errors.tooLong" }),
  ),
  sourceUrl: z.preprocess(
    (value) => (typeof value === "string" && value.trim() !== "" ? value.trim() : null),
    z
      .string()
      .max(RATE_URL_MAX, { message: "errors.tooLong" })
      .refine((value) => /^https?:\/\/[^\s]+$/i.test(value), { message: `${P}.sourceUrl` })
      .nullable(),
  ),
});

export async function saveRate(
  input: Base & { meta: RequestMeta; rateId: string; values: Record<string, unknown> },
): Promise<void> {
  assertCan(input.actor, "evaluation.manage");
  const actor = staff(input.actor);
  if (!z.guid().safeParse(input.rateId).success) throw new AppError("not_found", "errors.notFound");
  const values = parseInput(rateSchema, input.values);
  await input.database.tenant(actor.tenantId, async (tx) => {
    const updated = await tx
      .update(prevalenceRates)
      .set({
        label: values.label,
        percent: values.percent.toFixed(3),
        source: values.source,
        sourceUrl: values.sourceUrl,
        updatedBy: actor.userId,
        updatedAt: new Date(),
      })
      .where(
        and(eq(prevalenceRates.tenantId, actor.tenantId), eq(prevalenceRates.id, input.rateId)),
      )
      .returning({ id: prevalenceRates.id, key: prevalenceRates.key });
    if (updated.length === 0) throw new AppError("not_found", "errors.notFound");
    await recordAudit(tx, {
      type: "evaluation.prevalence_saved",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "prevalence_rate", id: input.rateId },
      details: { key: updated[0]!.key, fields: ["label", "percent", "source", "sourceUrl"] },
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The estimate

export interface InvisibleChildrenEstimate {
  /** The population year used; null when no population has been entered. */
  year: number | null;
  /** Children 0–17 that year. */
  children: number | null;
  /** Ages 0–17 the population for that year does not cover (the estimate is then too low). */
  missingAges: number[];
  populationSource: "manual" | "ssb_import" | "mixed" | null;
  /** Years with population, newest first, for choosing another. */
  years: number[];
  rates: (PrevalenceRate & { likely: number | null })[];
  /** Children Laget has helped in `helpedYear` (the population year, or this year without one). */
  helped: {
    year: number;
    /** Distinct children with a relay log (kind 'log') open at some time in the year. */
    logs: Suppressible<number>;
    /** Children registered in next-of-kin cases (barn som pårørende) active in the year, not linked to a log. */
    nextOfKin: Suppressible<number>;
    total: Suppressible<number>;
  };
  minGroupSize: number;
}

async function scalar(tx: Tx, query: SQL): Promise<number> {
  const result = (await tx.execute(query)) as unknown as { rows: { n: unknown }[] };
  return Number(result.rows[0]?.n ?? 0);
}

/** Children helped in a calendar year: counts only, no identity leaves the database. */
export async function helpedChildren(
  tx: Tx,
  tenantId: string,
  year: number,
): Promise<{ logs: number; nextOfKin: number }> {
  const start = sql`(${`${year}-01-01`}::date::timestamp at time zone 'Europe/Oslo')`;
  const end = sql`(${`${year + 1}-01-01`}::date::timestamp at time zone 'Europe/Oslo')`;
  const logs = await scalar(
    tx,
    sql`select count(distinct coalesce(national_id_hash, id::text))::int as n from relay_logs
      where tenant_id = ${tenantId} and kind = 'log' and created_at < ${end}
        and (closed_at is null or closed_at >= ${start})`,
  );
  const nextOfKin = await scalar(
    tx,
    sql`select coalesce(sum((select count(*) from jsonb_array_elements(k.children) c
                              where coalesce(c->>'logId', '') = '')), 0)::int as n
      from next_of_kin_cases k
      where k.tenant_id = ${tenantId} and k.created_at < ${end}
        and (k.status = 'open' or k.updated_at >= ${start})`,
  );
  return { logs, nextOfKin };
}

/**
 * The estimate for `year` (default: the latest year with population). Plain data; the caller
 * checks access (reports.view). Rates are created from the defaults on first use.
 */
export async function invisibleChildrenEstimate(
  tx: Tx,
  tenantId: string,
  year?: number,
): Promise<InvisibleChildrenEstimate> {
  const years = await populationYears(tx, tenantId);
  const chosen = year === undefined ? years[0] : years.find((item) => item.year === year);
  const rates = await ratesOf(tx, tenantId);
  const helpedYear = chosen?.year ?? year ?? Number(osloDate().slice(0, 4));
  const helped = await helpedChildren(tx, tenantId, helpedYear);
  const [logs, nextOfKin] = suppressCounts([helped.logs, helped.nextOfKin]);
  const total = helped.logs + helped.nextOfKin;
  return {
    year: chosen?.year ?? null,
    children: chosen ? chosen.children : null,
    missingAges: chosen ? chosen.missingAges : [],
    populationSource: chosen?.source ?? null,
    years: years.map((item) => item.year),
    rates: rates.map((rate) => ({
      ...rate,
      likely: chosen ? likelyChildren(chosen.children, rate.percent) : null,
    })),
    helped: {
      year: helpedYear,
      logs: logs!,
      nextOfKin: nextOfKin!,
      total: suppressBelowMinimum(total, () => total),
    },
    minGroupSize: MIN_GROUP_SIZE,
  };
}

export async function viewInvisibleChildren(input: Base & { year?: number }) {
  assertCan(input.actor, "reports.view");
  const actor = staff(input.actor);
  return input.database.tenant(actor.tenantId, (tx) =>
    invisibleChildrenEstimate(tx, actor.tenantId, input.year),
  );
}
