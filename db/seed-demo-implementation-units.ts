import { eq } from "drizzle-orm";
import { DEFAULT_ONBOARDING_STEPS } from "../core/implementation/onboarding.ts";
import { addDays } from "../core/platform/dates.ts";
import type { Tx } from "./client.ts";
import {
  btsContacts,
  onboardings,
  onboardingStepCompletions,
  onboardingSteps,
  unitImplementation,
  unitStageChanges,
  userUnits,
  users,
} from "./schema/index.ts";
import type { DemoImplementationContext } from "./seed-demo-implementation.ts";

/**
 * Demo data for the implementation module's units area (issue 6): BTS contacts for most units
 * (three left without, on purpose), the three pilot units shaped like the Strand seed's school,
 * kindergarten and NAV, implementation stages with history, the onboarding checklist, and new
 * employees in Solsikken barnehage and Fjordvik skole in every state (one overdue). Every
 * person is made up; they log in with the demo password.
 */

/** Extra demo staff: BTS contacts for units without other staff, and new employees. */
export const demoUnitStaff: { name: string; email: string; unit: string }[] = [
  { name: "Siri Sandvik", email: "siri.sandvik@fjordvik.example", unit: "Fjordvik skole" },
  {
    name: "Hanne Haugland",
    email: "hanne.haugland@fjordvik.example",
    unit: "Måkeberget barnehage",
  },
  {
    name: "Vegard Vikøren",
    email: "vegard.vikoren@fjordvik.example",
    unit: "Fjordvik videregående skole",
  },
  {
    name: "Berit Bergheim",
    email: "berit.bergheim@fjordvik.example",
    unit: "Barneverntjenesten i Fjordvik",
  },
  {
    name: "Kaja Kvamme",
    email: "kaja.kvamme@fjordvik.example",
    unit: "Fjordvik kulturskole og fritid",
  },
  // New employees (nyansatte) whose onboarding the BTS contacts follow up.
  { name: "Nora Nyberg", email: "nora.nyberg@fjordvik.example", unit: "Solsikken barnehage" },
  { name: "Ida Isaksen", email: "ida.isaksen@fjordvik.example", unit: "Solsikken barnehage" },
  { name: "Elias Engen", email: "elias.engen@fjordvik.example", unit: "Solsikken barnehage" },
  { name: "Tobias Tangen", email: "tobias.tangen@fjordvik.example", unit: "Solsikken barnehage" },
  { name: "Jonas Jakobsen", email: "jonas.jakobsen@fjordvik.example", unit: "Fjordvik skole" },
  { name: "Maja Moen", email: "maja.moen@fjordvik.example", unit: "Fjordvik skole" },
];

/** Unit → its BTS contacts (e-mail). Legesenter, Tannhelsetjenesten and SLT have none. */
const contacts: Record<string, string[]> = {
  "Solsikken barnehage": ["bts@fjordvik.example", "pedagog@fjordvik.example"],
  "Fjordvik skole": ["siri.sandvik@fjordvik.example"],
  "Måkeberget barnehage": ["hanne.haugland@fjordvik.example"],
  "Nordstrand ungdomsskole": ["miljo@fjordvik.example"],
  "Fjordvik videregående skole": ["vegard.vikoren@fjordvik.example"],
  "Helsestasjonen i Fjordvik": ["helsesykepleier@fjordvik.example"],
  "PPT Fjordvik": ["ppt@fjordvik.example"],
  "Barneverntjenesten i Fjordvik": ["berit.bergheim@fjordvik.example"],
  "NAV Fjordvik": ["nav@fjordvik.example"],
  "Psykisk helse og rus": ["rus@fjordvik.example"],
  "Familiens hus Fjordvik": ["familie@fjordvik.example"],
  "Fjordvik kulturskole og fritid": ["kaja.kvamme@fjordvik.example"],
};

const pilots = ["Fjordvik skole", "Solsikken barnehage", "NAV Fjordvik"];

type StageName = "exploration" | "installation" | "initial" | "full";

/** Each unit's stage history: [stage, days from today, reason]. The last one is current. */
const history: Record<string, [StageName, number, string][]> = {
  "Solsikken barnehage": [
    [
      "exploration",
      -560,
      "Barnehagen meldte seg som pilot og gikk gjennom BTS-modellen i ledergruppa.",
    ],
    [
      "installation",
      -470,
      "BTS-kontakter er utnevnt og personalet har fått opplæring i handlingsveilederen.",
    ],
    ["initial", -360, "Pilotering startet: stafettloggen er tatt i bruk i de første sakene."],
    [
      "full",
      -75,
      "Sluttevalueringen av piloten viste at modellen brukes som rutine i alle avdelinger.",
    ],
  ],
  "Fjordvik skole": [
    ["exploration", -540, "Skolen ble valgt som pilotskole og drøftet modellen på personalmøte."],
    ["installation", -450, "BTS-kontakt er utnevnt og tid til opplæring er satt av i årshjulet."],
    ["initial", -330, "Pilotering startet med stafettlogg i samarbeid med helsestasjonen."],
  ],
  "NAV Fjordvik": [
    ["exploration", -520, "NAV ble med som pilot for unge voksne mellom 18 og 24 år."],
    ["installation", -430, "Veilederne har fått opplæring, og BTS-kontakt er på plass."],
    ["initial", -300, "De første stafettloggene er åpnet sammen med videregående skole."],
  ],
  "Måkeberget barnehage": [
    ["exploration", -200, "Barnehagen har startet å gjøre seg kjent med BTS-modellen."],
    [
      "installation",
      -45,
      "BTS-kontakt er utnevnt og felles planleggingsdag er brukt til opplæring.",
    ],
  ],
  "Nordstrand ungdomsskole": [
    ["exploration", -220, "Skolen har gått gjennom handlingsveilederen i ledergruppa."],
    [
      "installation",
      -90,
      "Miljøarbeideren er BTS-kontakt, og personalet har hatt første opplæring.",
    ],
  ],
  "Fjordvik videregående skole": [
    ["exploration", -120, "Skolen har startet forankringen i ledelsen."],
  ],
  "Helsestasjonen i Fjordvik": [
    ["exploration", -300, "Helsestasjonen deltok i arbeidsgruppa som utformet modellen."],
    ["installation", -150, "Alle helsesykepleiere har fått opplæring i stafettloggen."],
  ],
  "PPT Fjordvik": [["exploration", -180, "PPT har drøftet sin rolle i modellen."]],
  "Barneverntjenesten i Fjordvik": [
    ["exploration", -160, "Barneverntjenesten har gått gjennom rutinen for bekymringsmelding."],
  ],
  "Psykisk helse og rus": [
    ["exploration", -240, "Tjenesten har kartlagt hvordan barn som pårørende fanges opp."],
    ["installation", -60, "BTS-kontakt er utnevnt og rutinen for barn som pårørende er oppdatert."],
  ],
  "Familiens hus Fjordvik": [
    ["exploration", -280, "Familiens hus har deltatt i utformingen av modellen."],
    ["installation", -130, "Ansatte har hatt opplæring i samtaler med foresatte."],
  ],
  "Fjordvik kulturskole og fritid": [
    ["exploration", -100, "Kulturskolen har fått presentert modellen."],
  ],
  "Fjordvik legesenter": [
    [
      "exploration",
      -60,
      "Legesenteret har fått presentert modellen og vurderer hvordan det kan delta.",
    ],
  ],
  Tannhelsetjenesten: [
    ["exploration", -45, "Tannhelsetjenesten har drøftet hvordan tegn på omsorgssvikt fanges opp."],
  ],
  "SLT-koordinator": [["exploration", -30, "SLT-koordinatoren er orientert om modellen."]],
};

/** Onboardings: [e-mail, unit, started (days from today), due (days from today), steps done]. */
const onboardingPlan: [string, string, number, number, number][] = [
  ["nora.nyberg@fjordvik.example", "Solsikken barnehage", -25, 5, 2],
  ["ida.isaksen@fjordvik.example", "Solsikken barnehage", -45, -15, 1],
  ["elias.engen@fjordvik.example", "Solsikken barnehage", -70, -40, 5],
  ["jonas.jakobsen@fjordvik.example", "Fjordvik skole", -10, 20, 3],
  ["maja.moen@fjordvik.example", "Fjordvik skole", -90, -60, 5],
];

/** Who ticks steps off in each unit: its first BTS contact. */
const followUpBy: Record<string, string> = {
  "Solsikken barnehage": "bts@fjordvik.example",
  "Fjordvik skole": "siri.sandvik@fjordvik.example",
};

export async function seedDemoImplementationUnits(
  tx: Tx,
  context: DemoImplementationContext,
): Promise<void> {
  const { tenantId, today, unitIdByName, userIdByEmail } = context;
  const unitId = (name: string) => {
    const id = unitIdByName.get(name);
    if (!id) throw new Error(`Demo implementation: unknown unit «${name}»`);
    return id;
  };

  // The extra staff log in with the demo password: the hash is copied from a demo user.
  const [template] = await tx
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, "ansatt@fjordvik.example"));
  for (const person of demoUnitStaff) {
    const [user] = await tx
      .insert(users)
      .values({
        tenantId,
        name: person.name,
        email: person.email,
        roles: ["employee"],
        passwordHash: template?.passwordHash ?? null,
      })
      .returning({ id: users.id });
    await tx.insert(userUnits).values({ tenantId, userId: user!.id, unitId: unitId(person.unit) });
    userIdByEmail.set(person.email, user!.id);
  }
  const userId = (email: string) => {
    const id = userIdByEmail.get(email);
    if (!id) throw new Error(`Demo implementation: unknown user «${email}»`);
    return id;
  };
  const coordinator = userIdByEmail.get("koordinator@fjordvik.example") ?? null;

  // BTS contacts, appointed a year ago by the coordinator; they get the bts_contact role.
  for (const [unit, emails] of Object.entries(contacts)) {
    for (const email of emails) {
      await tx.insert(btsContacts).values({
        tenantId,
        unitId: unitId(unit),
        userId: userId(email),
        appointedBy: coordinator,
        appointedOn: addDays(today, -365),
      });
    }
  }
  const appointed = [...new Set(Object.values(contacts).flat())];
  for (const email of appointed) {
    const [user] = await tx
      .select({ roles: users.roles })
      .from(users)
      .where(eq(users.id, userId(email)));
    if (user && !user.roles.includes("bts_contact")) {
      await tx
        .update(users)
        .set({ roles: [...user.roles, "bts_contact"] })
        .where(eq(users.id, userId(email)));
    }
  }

  await tx
    .insert(unitImplementation)
    .values(pilots.map((name) => ({ tenantId, unitId: unitId(name), pilot: true })));

  for (const [unit, changes] of Object.entries(history)) {
    for (const [stage, offset, reason] of changes) {
      await tx.insert(unitStageChanges).values({
        tenantId,
        unitId: unitId(unit),
        stage,
        changedOn: addDays(today, offset),
        reason,
        changedBy: coordinator,
      });
    }
  }

  // The checklist: the seed's five steps.
  const steps = await tx
    .insert(onboardingSteps)
    .values(
      DEFAULT_ONBOARDING_STEPS.map((step, index) => ({
        tenantId,
        position: index + 1,
        title: step.title,
        description: step.description,
      })),
    )
    .returning({ id: onboardingSteps.id, position: onboardingSteps.position });
  steps.sort((a, b) => a.position - b.position);

  for (const [email, unit, started, due, done] of onboardingPlan) {
    const startedOn = addDays(today, started);
    const confirmedBy = userId(followUpBy[unit]!);
    const complete = done >= steps.length;
    const [row] = await tx
      .insert(onboardings)
      .values({
        tenantId,
        userId: userId(email),
        unitId: unitId(unit),
        startedOn,
        dueOn: addDays(today, due),
        completedAt: complete ? new Date(`${addDays(startedOn, 3 * done)}T12:00:00Z`) : null,
        createdBy: confirmedBy,
      })
      .returning({ id: onboardings.id });
    if (done > 0) {
      await tx.insert(onboardingStepCompletions).values(
        steps.slice(0, done).map((step, index) => ({
          tenantId,
          onboardingId: row!.id,
          stepId: step.id,
          completedOn: addDays(startedOn, 3 * (index + 1)),
          confirmedBy,
        })),
      );
    }
  }
}
