import { eq } from "drizzle-orm";
import { addDays } from "../core/platform/dates.ts";
import type { Tx } from "./client.ts";
import {
  coreComponents,
  dosingPeriods,
  milestones,
  responsibilities,
  risks,
} from "./schema/index.ts";
import type { DemoImplementationContext } from "./seed-demo-implementation.ts";

/**
 * The demo municipality's core components, in order. Other areas' demo seeds (training, the
 * competence portal) look components up by these titles.
 */
export const demoCoreComponents = [
  {
    key: "guide",
    title: "BTI-veilederen: fra uro til handling",
    description:
      "Rutinene som viser hvordan vi går fra bekymring eller uro for et barn til handling: handlingsveilederen, nivåene og stafettloggen. Grunnopplæringen alle ansatte får først.",
  },
  {
    key: "collaboration",
    title: "Samhandlingskompetanse",
    description:
      "Handlingskompetanse knyttet til samhandling på kommunenivå, tjenestenivå og individnivå: å se tilbudene til barn og unge i sammenheng, med barnets behov som utgangspunkt.",
  },
  {
    key: "observation",
    title: "Observasjon og oppdagelse",
    description:
      "Hvordan vi oppdager utsatte barn og unge: tegn, signaler og systematisk observasjon.",
  },
  {
    key: "conversation",
    title: "Undringssamtalen",
    description: "Hvordan vi tar opp uro med både barn og foresatte, og øver på samtalen med case.",
  },
  {
    key: "nextOfKin",
    title: "Barn som pårørende",
    description:
      "Rutinen for å identifisere og følge opp barn som pårørende til foreldre med psykisk sykdom, rusproblemer eller alvorlig somatisk sykdom.",
  },
] as const;

export type DemoComponentKey = (typeof demoCoreComponents)[number]["key"];

/** The first day of the month `offset` months from today's month. */
function monthStart(today: string, offset: number): string {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7)) - 1 + offset;
  const date = new Date(Date.UTC(year, month, 1));
  return date.toISOString().slice(0, 10);
}

/** The last day of the month `offset` months from today's month. */
function monthEnd(today: string, offset: number): string {
  return addDays(monthStart(today, offset + 1), -1);
}

const pilotTeam =
  "Koordinator, BTS-kontakter og virksomhetsledere ved Fjordvik skole, Solsikken barnehage og NAV Fjordvik";

/**
 * Demo data for the plan area (issue 6), shaped like the Strand seed's plan with Fjordvik's
 * names: five core components with dosing (the basic training first, then one theme at a time),
 * fourteen milestones laid out around today (done, in progress, two overdue, planned, one
 * continuous), the "Hvem gjør det?" table and the Nittedal seed's risk factors at three levels.
 */
export async function seedDemoImplementationPlan(
  tx: Tx,
  context: DemoImplementationContext,
): Promise<void> {
  const { tenantId, today } = context;
  const start = (offset: number) => monthStart(today, offset);
  const end = (offset: number) => monthEnd(today, offset);
  const coordinator = context.userIdByEmail.get("koordinator@fjordvik.example") ?? null;

  const componentRows = await tx
    .insert(coreComponents)
    .values(
      demoCoreComponents.map((component, index) => ({
        tenantId,
        position: index + 1,
        title: component.title,
        description: component.description,
      })),
    )
    .returning({ id: coreComponents.id, title: coreComponents.title });
  const componentId = (key: DemoComponentKey) => {
    const title = demoCoreComponents.find((component) => component.key === key)!.title;
    return componentRows.find((row) => row.title === title)!.id;
  };

  await tx.insert(dosingPeriods).values([
    {
      tenantId,
      componentId: componentId("guide"),
      startsOn: start(-8),
      endsOn: end(-4),
      note: "Grunnopplæring i BTS-modellen og BTI-veilederen for alle ansatte, startet på kick-off.",
    },
    {
      tenantId,
      componentId: componentId("collaboration"),
      startsOn: start(-3),
      endsOn: end(-1),
      note: "Tema på felles planleggingsdag for barnehage og skole.",
    },
    {
      tenantId,
      componentId: componentId("observation"),
      startsOn: start(0),
      endsOn: end(2),
      note: "Tegn og signaler: hver enhet går gjennom rutinen på et personalmøte.",
    },
    {
      tenantId,
      componentId: componentId("conversation"),
      startsOn: start(3),
      endsOn: end(5),
      note: "Øving på undringssamtalen med case i BTS-nettverkene.",
    },
    {
      tenantId,
      componentId: componentId("nextOfKin"),
      startsOn: start(6),
      endsOn: end(8),
      note: "Rutinen for barn som pårørende, sammen med Psykisk helse og rus.",
    },
  ]);

  type MilestoneSeed = {
    key: string;
    title: string;
    description?: string;
    kind?: "activity" | "evaluation";
    startsOn: string;
    endsOn?: string;
    continuous?: boolean;
    responsible: string;
    doneOn?: string;
    component?: DemoComponentKey;
    evaluatedIn?: string;
  };
  const plan: MilestoneSeed[] = [
    {
      key: "pilot",
      title: "Pilotering",
      description: "Tre pilotvirksomheter prøver ut første versjon av BTS-modellen.",
      startsOn: start(-14),
      endsOn: end(-9),
      responsible: pilotTeam,
      doneOn: addDays(end(-9), -3),
      component: "guide",
      evaluatedIn: "pilotFinal",
    },
    {
      key: "pilotMidway",
      title: "Underveisevaluering pilotering",
      kind: "evaluation",
      startsOn: start(-11),
      endsOn: end(-11),
      responsible: pilotTeam,
      doneOn: addDays(start(-11), 20),
    },
    {
      key: "pilotFinal",
      title: "Sluttevaluering pilotering",
      kind: "evaluation",
      startsOn: start(-9),
      endsOn: end(-9),
      responsible: pilotTeam,
      doneOn: addDays(end(-9), -1),
    },
    {
      key: "material",
      title: "Utarbeidelse av opplæringsmateriell: brosjyrer, plakater og informasjonsfilm",
      startsOn: start(-12),
      endsOn: end(-1),
      responsible: "Koordinator",
    },
    {
      key: "kickoff",
      title: "Oppvekstseminar: kick-off for BTS-modellen",
      description: "Felles oppstart for alle ansatte som jobber med barn og unge i Fjordvik.",
      startsOn: start(-8),
      endsOn: end(-8),
      responsible: "Koordinator og arbeidsgruppa",
      doneOn: addDays(start(-8), 14),
      component: "guide",
      evaluatedIn: "kickoffEvaluation",
    },
    {
      key: "kickoffEvaluation",
      title: "Evaluering av oppvekstseminaret og kick-off",
      kind: "evaluation",
      startsOn: start(-7),
      endsOn: end(-7),
      responsible: "Koordinator og arbeidsgruppa",
      doneOn: addDays(start(-7), 10),
    },
    {
      key: "networkStart",
      title: "Oppstart BTS-nettverk: mandat og ansvar for BTS-kontaktene",
      startsOn: start(-7),
      endsOn: end(-7),
      responsible: "Koordinator og BTS-kontakter",
      doneOn: addDays(start(-7), 18),
      evaluatedIn: "networkEvaluation",
    },
    {
      key: "networkSpring",
      title: "BTS-nettverk: gjort, lurt, lært siden sist, og planlegging av felles planleggingsdag",
      startsOn: start(-5),
      endsOn: end(-4),
      responsible: "Koordinator og BTS-kontakter",
      doneOn: addDays(start(-4), 12),
    },
    {
      key: "planningDay",
      title: "BTS som tema på felles planleggingsdag for barnehage og skole",
      startsOn: start(-3),
      endsOn: end(-3),
      responsible: "Koordinator og BTS-kontakter i barnehager og skoler",
      doneOn: addDays(start(-3), 9),
      component: "collaboration",
      evaluatedIn: "networkAutumn",
    },
    {
      key: "networkAutumn",
      title: "BTS-nettverk: gjort, lurt, lært, og evaluering av felles planleggingsdag",
      kind: "evaluation",
      startsOn: start(-2),
      endsOn: end(-1),
      responsible: "Koordinator og BTS-kontakter",
    },
    {
      key: "onboarding",
      title: "Opplæring av nyansatte",
      description: "Nyansatte går gjennom sjekklisten med BTS-kontakten i sin virksomhet.",
      startsOn: start(-8),
      continuous: true,
      responsible: "Koordinator og BTS-kontakt i virksomheten",
      component: "guide",
    },
    {
      key: "survey",
      title: "Årlig spørring til virksomhetene: hvordan fungerer BTS-modellen?",
      startsOn: start(0),
      endsOn: end(0),
      responsible: "Koordinator",
      evaluatedIn: "overallEvaluation",
    },
    {
      key: "networkEvaluation",
      title:
        "BTS-nettverk: gjort, lurt, lært, og evaluering av nettverkene: hva fortsetter vi med, og hva endrer vi?",
      kind: "evaluation",
      startsOn: start(0),
      endsOn: end(1),
      responsible: "Koordinator og BTS-kontakter",
    },
    {
      key: "overallEvaluation",
      title: "Overordnet evaluering av BTS-arbeidet fra forankring til implementering",
      description:
        "Prosessevaluering med utgangspunkt i spørringen til de ansatte. Rapporten drøftes i arbeidsgruppa og godkjennes av styringsgruppa.",
      kind: "evaluation",
      startsOn: start(1),
      endsOn: end(2),
      responsible: "Koordinator",
    },
    {
      key: "seminar",
      title: "Årlig oppvekstseminar: ett år etter oppstart, hvor er vi?",
      description:
        "Status for BTS-arbeidet og aktuelle tema for kompetanseheving, med et kveldstilbud for innbyggerne.",
      startsOn: start(3),
      endsOn: end(4),
      responsible: "Koordinator og kommunalsjef for oppvekst",
      component: "conversation",
    },
  ];
  const inserted = await tx
    .insert(milestones)
    .values(
      plan.map((item) => ({
        tenantId,
        title: item.title,
        description: item.description ?? "",
        kind: item.kind ?? "activity",
        startsOn: item.startsOn,
        endsOn: item.continuous ? item.startsOn : item.endsOn!,
        continuous: item.continuous ?? false,
        responsible: item.responsible,
        doneOn: item.doneOn ?? null,
        componentId: item.component ? componentId(item.component) : null,
        createdBy: coordinator,
      })),
    )
    .returning({ id: milestones.id, title: milestones.title });
  const milestoneId = (key: string) => {
    const title = plan.find((item) => item.key === key)!.title;
    return inserted.find((row) => row.title === title)!.id;
  };
  for (const item of plan) {
    if (!item.evaluatedIn) continue;
    await tx
      .update(milestones)
      .set({ evaluationMilestoneId: milestoneId(item.evaluatedIn) })
      .where(eq(milestones.id, milestoneId(item.key)));
  }

  await tx.insert(responsibilities).values(
    [
      {
        holder: "Kommunalsjefer",
        duty: "Følge opp BTS-arbeidet i sin sektor",
        how: [
          "Inkludere BTS i relevante kommunale planer",
          "Etterspørre fremdrift hos den enkelte virksomhetsleder",
        ],
      },
      {
        holder: "Virksomhetsledere",
        duty: "Sikre at egne ansatte bruker BTS-modellen i saker som handler om utsatte barn og unge, og at opplæring gis",
        how: [
          "Sette av tid og ressurser til opplæring",
          "Peke ut BTS-kontakter i sin virksomhet",
          "Ta opp BTS-arbeid på personalmøter og lignende med jevne mellomrom",
        ],
      },
      {
        holder: "BTS-kontakter",
        duty: "Ansvarlige for BTS-arbeidet på sin arbeidsplass, og kontaktperson inn mot koordinatoren og de andre BTS-kontaktene",
        how: [
          "Bidra med kompetansepåfyll knyttet til BTS-arbeidet",
          "Opplæring av nyansatte",
          "Dele erfaringer og komme med innspill til hvordan modell, veileder og hjemmeside kan videreutvikles i BTS-nettverket",
          "Bidra til tverretatlig kompetanseheving og felles arbeidsstruktur for arbeidet med utsatte barn og unge",
        ],
      },
      {
        holder: "Pilotvirksomhetene",
        duty: "Teste ut første versjon av BTS-modellen og være gode eksempler",
        how: [
          "Komme med innspill til hvordan BTS-modellen kan bli bedre",
          "Dele erfaringene sine på oppstartskonferansen",
        ],
      },
      {
        holder: "BTS-koordinator",
        duty: "Koordinere BTS-arbeidet",
        how: [
          "Søke om og rapportere på tilskudd",
          "Følge opp behov fra involverte parter",
          "Lede BTS-nettverkene",
          "Delta i regionalt samarbeid med andre BTI-kommuner",
          "Vedlikeholde og videreutvikle hjemmesiden",
          "Overordnet ansvar for årlig oppvekstseminar",
          "Arrangere felles opplæringsdager",
        ],
      },
    ].map((row, index) => ({
      tenantId,
      position: index + 1,
      holder: row.holder,
      duty: row.duty,
      how: row.how.join("\n"),
    })),
  );

  const owner = (email: string) => context.userIdByEmail.get(`${email}@fjordvik.example`) ?? null;
  await tx.insert(risks).values([
    {
      tenantId,
      level: "municipal",
      title: "Ikke godt nok forankret politisk og i ledelsen",
      description: "Forankringen må holde på politisk nivå, i ledelsen og hos mellomlederne.",
      likelihood: 3,
      consequence: 5,
      measures:
        "Fast sak i styringsgruppa to ganger i året\nÅrlig orientering til hovedutvalg for oppvekst",
      ownerUserId: owner("kommunalsjef"),
      reviewOn: addDays(today, 45),
      status: "open",
    },
    {
      tenantId,
      level: "municipal",
      title: "Manglende vedtak om varig finansiering",
      description: "Koordinatorstillingen og opplæringsdagene er delvis finansiert med tilskudd.",
      likelihood: 3,
      consequence: 4,
      measures: "Innarbeide BTS-arbeidet i budsjett og økonomiplan",
      ownerUserId: owner("kommunalsjef"),
      reviewOn: addDays(today, -20),
      status: "open",
    },
    {
      tenantId,
      level: "service",
      title: "Ikke god nok plan for implementering",
      likelihood: 2,
      consequence: 4,
      measures: "Implementeringsplanen gjennomgås i BTS-nettverket hvert halvår",
      ownerUserId: owner("koordinator"),
      reviewOn: addDays(today, 60),
      status: "open",
    },
    {
      tenantId,
      level: "service",
      title: "Ikke god nok opplæring",
      description: "Kunnskap og forståelse må sikres hos alle som jobber med barn og unge.",
      likelihood: 3,
      consequence: 4,
      measures: "Grunnopplæring for alle\nEtt tema om gangen etter doseringsplanen",
      ownerUserId: owner("koordinator"),
      reviewOn: addDays(today, 30),
      status: "open",
    },
    {
      tenantId,
      level: "service",
      title: "Mangler strukturer og avsatt tid til å følge opp",
      description: "For eksempel ledelse og avsatt tid til å gjennomføre tiltakene.",
      likelihood: 4,
      consequence: 3,
      measures: "BTS fast punkt på personalmøter\nBTS-kontaktene får avsatt tid i arbeidsplanen",
      ownerUserId: owner("leder"),
      reviewOn: addDays(today, 14),
      status: "open",
    },
    {
      tenantId,
      level: "service",
      title: "Kompetansen blir ikke vedlikeholdt over tid",
      description: "Turnover gjør at opparbeidet kompetanse forsvinner fra tjenesten.",
      likelihood: 4,
      consequence: 3,
      measures: "Sjekkliste for nyansatte som BTS-kontakten følger opp",
      ownerUserId: owner("bts"),
      reviewOn: addDays(today, -5),
      status: "open",
    },
    {
      tenantId,
      level: "service",
      title: "Praktiske problemer: datatrøbbel og manglende tilgang",
      likelihood: 2,
      consequence: 2,
      measures: "Stafettloggen er tatt i bruk, og alle BTS-kontakter har tilgang",
      ownerUserId: owner("koordinator"),
      reviewOn: addDays(today, -30),
      status: "closed",
    },
    {
      tenantId,
      level: "individual",
      title: "Usikkerhet, erfaringer og holdninger gir barrierer hos den enkelte",
      likelihood: 3,
      consequence: 3,
      measures: "Øving på undringssamtalen med case\nVeiledning fra BTS-kontakten",
      ownerUserId: owner("bts"),
      reviewOn: addDays(today, 21),
      status: "open",
    },
    {
      tenantId,
      level: "individual",
      title: "Nye rutiner blir ikke en del av egen praksis",
      likelihood: 3,
      consequence: 3,
      measures: "Gjort, lurt, lært fra nettverket deles på personalmøtene",
      ownerUserId: owner("leder"),
      reviewOn: addDays(today, 90),
      status: "open",
    },
    {
      tenantId,
      level: "individual",
      title: "Ikke god nok forståelse for hvorfor tiltakene trengs",
      description: "Endringene må oppleves som meningsfylte for at vaner og rutiner skal endres.",
      likelihood: 2,
      consequence: 3,
      measures: "Brukerhistorier på kick-off og årlig oppvekstseminar",
      ownerUserId: owner("koordinator"),
      reviewOn: addDays(today, 120),
      status: "open",
    },
  ]);
}
