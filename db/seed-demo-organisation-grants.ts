import { and, eq } from "drizzle-orm";
import type { BudgetCategory, GrantStatus } from "../core/organisation/grants-rules.ts";
import { addDays, osloDate } from "../core/platform/dates.ts";
import type { Tx } from "./client.ts";
import {
  grantBudgetLines,
  grantExpenses,
  grantReportingDeadlines,
  grants,
  users,
} from "./schema/index.ts";

/**
 * Fjordvik's grants (issue 8). The first follows the budget in Strand's application for a grant
 * to implement the BTS model (the Strand seed, «Budsjett implementering BTS-modellen»: project
 * leader 30 % 262 470 kr, external speakers 150 000, venues 15 000, catering 5 000, training
 * material 70 000; 502 470 kr in all), granted by Bufdir with 500 000 kr, so the budget is
 * 2 470 kr over the grant. It has expenses from the three training days (catering overspent), one
 * report submitted and the next due in three weeks. The second is an application still pending.
 * Dates are laid out around today, like the demo implementation plan.
 */

export const DEMO_GRANT = {
  name: "Tilskudd til implementering av BTS-modellen",
  grantor: "Bufdir",
  reference: "Tilskudd til systematisk identifikasjon og oppfølging av utsatte barn og unge",
} as const;

export const DEMO_PENDING_GRANT = {
  name: "Tilskudd til informasjonsfilm om BTS-modellen",
  grantor: "Statsforvalteren",
} as const;

/** The report due in three weeks (the browser test looks for it). */
export const DEMO_NEXT_REPORT = "Rapport om bruk av midlene, første år";

const kr = (kroner: number) => Math.round(kroner * 100);

interface DemoLine {
  category: BudgetCategory;
  description: string;
  planned: number;
  /** Days from today, amount in kroner, what for. */
  expenses: [number, number, string][];
}

const strandBudget: DemoLine[] = [
  {
    category: "project_leader",
    description: "Frikjøp av prosjektleder 30 %",
    planned: 262_470,
    expenses: [[-100, 131_235, "Frikjøp av prosjektleder, første halvår"]],
  },
  {
    category: "speakers",
    description: "Eksterne foredragsholdere og opplæringsprogrammer til opplæringsdagene",
    planned: 150_000,
    expenses: [
      [-150, 45_000, "Foredragsholder til kick-off for BTS-modellen"],
      [-80, 40_000, "Foredragsholder til felles planleggingsdag"],
    ],
  },
  {
    category: "venues",
    description: "Leie av lokaler til opplæringsdager x 3",
    planned: 15_000,
    expenses: [
      [-150, 5_500, "Leie av Fjordvik kulturhus, kick-off"],
      [-80, 5_000, "Leie av lokaler, felles planleggingsdag"],
    ],
  },
  {
    category: "catering",
    description: "Bevertning til opplæringsdagene (lunsj, kaffe, frukt)",
    planned: 5_000,
    expenses: [
      [-150, 3_200, "Lunsj og kaffe, kick-off"],
      [-80, 2_150, "Kaffe og frukt, felles planleggingsdag"],
    ],
  },
  {
    category: "material",
    description: "Opplæringsmateriell, informasjonsvideo, BTS-brosjyre og faglitteratur",
    planned: 70_000,
    expenses: [[-40, 12_400.5, "Trykking av BTS-brosjyrer"]],
  },
];

export async function seedDemoOrganisationGrants(
  tx: Tx,
  input: { tenantId: string; today?: string },
): Promise<void> {
  const { tenantId } = input;
  const today = input.today ?? osloDate();
  const day = (offset: number) => addDays(today, offset);
  const [coordinator] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.email, "koordinator@fjordvik.example")));
  const coordinatorId = coordinator?.id ?? null;

  const [granted] = await tx
    .insert(grants)
    .values({
      tenantId,
      ...DEMO_GRANT,
      status: "granted" satisfies GrantStatus,
      appliedOn: day(-320),
      decidedOn: day(-250),
      appliedOre: kr(502_470),
      grantedOre: kr(500_000),
      periodStart: day(-200),
      periodEnd: day(165),
      contactUserId: coordinatorId,
      note:
        "Tilskuddet dekker en del av prosjektlederens stilling, de tre opplæringsdagene (kick-off, " +
        "felles planleggingsdag og første oppvekstseminar) og opplæringsmateriell. Resten av " +
        "implementeringen, BTS-kontaktene og ressursteamet for barnehagene dekker kommunen selv.",
    })
    .returning({ id: grants.id });
  for (const [position, line] of strandBudget.entries()) {
    const [row] = await tx
      .insert(grantBudgetLines)
      .values({
        tenantId,
        grantId: granted!.id,
        category: line.category,
        description: line.description,
        plannedOre: kr(line.planned),
        position,
      })
      .returning({ id: grantBudgetLines.id });
    if (line.expenses.length > 0) {
      await tx.insert(grantExpenses).values(
        line.expenses.map(([offset, amount, description]) => ({
          tenantId,
          lineId: row!.id,
          spentOn: day(offset),
          amountOre: kr(amount),
          description,
          recordedBy: coordinatorId,
        })),
      );
    }
  }
  await tx.insert(grantReportingDeadlines).values([
    {
      tenantId,
      grantId: granted!.id,
      title: "Delrapport etter oppstart",
      dueOn: day(-60),
      remindDaysBefore: 14,
      submittedOn: day(-64),
      remindedAt: new Date(`${day(-74)}T08:00:00Z`),
      note: "Sendt i Bufdirs søknadsportal.",
    },
    {
      tenantId,
      grantId: granted!.id,
      title: DEMO_NEXT_REPORT,
      dueOn: day(21),
      remindDaysBefore: 14,
      note: "Regnskap for hver budsjettpost og kort om hva som er gjort.",
    },
    {
      tenantId,
      grantId: granted!.id,
      title: "Sluttrapport med regnskap",
      dueOn: day(225),
      remindDaysBefore: 30,
    },
  ]);

  const [pending] = await tx
    .insert(grants)
    .values({
      tenantId,
      ...DEMO_PENDING_GRANT,
      reference: "Skjønnsmidler til fornyings- og innovasjonsprosjekter",
      status: "applied" satisfies GrantStatus,
      appliedOn: day(-20),
      appliedOre: kr(120_000),
      periodStart: day(60),
      periodEnd: day(425),
      note: "En kort film om BTS-modellen til nyansatte og foreldre, med teksting.",
    })
    .returning({ id: grants.id });
  await tx.insert(grantBudgetLines).values([
    {
      tenantId,
      grantId: pending!.id,
      category: "material",
      description: "Informasjonsfilm om BTS-modellen",
      plannedOre: kr(90_000),
      position: 0,
    },
    {
      tenantId,
      grantId: pending!.id,
      category: "other",
      description: "Teksting og universell utforming av filmen",
      plannedOre: kr(30_000),
      position: 1,
    },
  ]);
}
