import { ensureDefaultRates } from "../core/evaluation/prevalence.ts";
import { osloDate } from "../core/platform/dates.ts";
import type { Tx } from "./client.ts";
import { childPopulation } from "./schema/index.ts";

/**
 * Demo data for the "invisible children" estimate (issue 7): Fjordvik's children and young
 * people 0–24 year by year for the last two years, as if imported from Statistics Norway's table
 * 07459 (made-up numbers: about 2 500 children 0–17), and the default prevalence rates.
 */

/** The made-up number of people of one age in one year: a little fewer of the youngest each year. */
export function demoPopulationCount(year: number, age: number): number {
  const base = age <= 17 ? 128 + ((age * 7) % 19) : 118 + ((age * 5) % 23);
  return base + ((year + age) % 5) - (age < 3 ? year % 3 : 0);
}

export async function seedDemoEvaluationPopulation(
  tx: Tx,
  input: { tenantId: string; today?: string },
): Promise<void> {
  const year = Number((input.today ?? osloDate()).slice(0, 4));
  for (const y of [year - 1, year]) {
    await tx.insert(childPopulation).values(
      Array.from({ length: 25 }, (_, age) => ({
        tenantId: input.tenantId,
        year: y,
        ageFrom: age,
        ageTo: age,
        count: demoPopulationCount(y, age),
        source: "ssb_import",
      })),
    );
  }
  await ensureDefaultRates(tx, input.tenantId);
}
