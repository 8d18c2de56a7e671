import { eq } from "drizzle-orm";
import { addDays, osloDate } from "../core/platform/dates.ts";
import type {
  AnchoringAudienceKind,
  AnchoringChannel,
  AnchoringMode,
} from "../core/organisation/anchoring-kinds.ts";
import type { Tx } from "./client.ts";
import { anchoringActivities, competenceMaterials, milestones, users } from "./schema/index.ts";

/**
 * Fjordvik's anchoring log (issue 8), after Strand's information tour (the Strand seed: the
 * chief executive's management group, the mayor and deputy mayor, the chief union
 * representatives, the living-conditions committee, all unit leaders, an information film to
 * staff, a workshop on the first draft of the BTI guide, the information item to the
 * politicians, and at the start of implementation the local paper, the website and a new film).
 * Moved to Fjordvik and laid out, like the demo implementation plan
 * (db/seed-demo-implementation-plan.ts), around today: the tour in the months before the pilot
 * (14 months ago), the local paper and the website at the kick-off (8 months ago), one open
 * follow-up past its due date, and one planned presentation ahead.
 */

/** The demo plan's milestone titles this log links to. */
const plan = {
  pilot: "Pilotering",
  pilotFinal: "Sluttevaluering pilotering",
  material: "Utarbeidelse av opplæringsmateriell: brosjyrer, plakater og informasjonsfilm",
  kickoff: "Oppvekstseminar: kick-off for BTS-modellen",
  networkStart: "Oppstart BTS-nettverk: mandat og ansvar for BTS-kontaktene",
  networkAutumn: "BTS-nettverk: gjort, lurt, lært, og evaluering av felles planleggingsdag",
  overallEvaluation: "Overordnet evaluering av BTS-arbeidet fra forankring til implementering",
} as const;

/** The competence portal's materials (db/seed-demo-implementation-training.ts) used here. */
const portal = {
  onePage: "BTS-modellen på én side",
  wonder: "Undringssamtalen – slik kan du starte",
} as const;

/** The activity the demo log's overdue follow-up belongs to (the browser test looks for it). */
export const DEMO_OVERDUE_AUDIENCE = "Virksomhetsledere i oppvekst";
/** The activity held in the same quarter as the kick-off (the browser test looks for it). */
export const DEMO_KICKOFF_AUDIENCE = "Innbyggerne (Fjordvik-posten)";
export const DEMO_KICKOFF_MILESTONE = plan.kickoff;

interface ActivitySeed {
  occurredOn: string;
  audienceKind: AnchoringAudienceKind;
  audience: string;
  mode: AnchoringMode;
  channel: AnchoringChannel;
  summary: string;
  material?: string;
  portalMaterial?: keyof typeof portal;
  followUp?: string;
  followUpDueOn?: string;
  followUpDoneOn?: string;
  milestone?: keyof typeof plan;
}

/** The first day of the month `offset` months from today's month. */
function monthStart(today: string, offset: number): string {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7)) - 1 + offset;
  return new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 10);
}

export async function seedDemoOrganisationAnchoring(
  tx: Tx,
  input: { tenantId: string; today?: string },
): Promise<void> {
  const { tenantId } = input;
  const today = input.today ?? osloDate();
  /** Day `day` (1–28) of the month `offset` months from today's. */
  const day = (offset: number, dayOfMonth: number) =>
    addDays(monthStart(today, offset), dayOfMonth - 1);

  const staff = await tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(eq(users.tenantId, tenantId));
  const coordinator = staff.find((user) => user.email === "koordinator@fjordvik.example")?.id;
  const sectorLeader = staff.find((user) => user.email === "kommunalsjef@fjordvik.example")?.id;
  const milestoneRows = await tx
    .select({ id: milestones.id, title: milestones.title })
    .from(milestones)
    .where(eq(milestones.tenantId, tenantId));
  const materialRows = await tx
    .select({ id: competenceMaterials.id, title: competenceMaterials.title })
    .from(competenceMaterials)
    .where(eq(competenceMaterials.tenantId, tenantId));
  const milestoneId = (key: keyof typeof plan | undefined) =>
    key ? (milestoneRows.find((row) => row.title === plan[key])?.id ?? null) : null;
  const materialId = (key: keyof typeof portal | undefined) =>
    key ? (materialRows.find((row) => row.title === portal[key])?.id ?? null) : null;

  const log: (ActivitySeed & { responsible?: string | undefined })[] = [
    {
      occurredOn: day(-18, 8),
      audienceKind: "top_management",
      audience: "Rådmannens ledergruppe",
      mode: "informed",
      channel: "presentation",
      summary:
        "Koordinatoren orienterte om BTS-prosjektet: bakgrunnen fra BTI-undersøkelsen, målet om tidlig innsats, organiseringen med styringsgruppe og arbeidsgruppe, og planen for informasjonsrunden.",
      material: "Presentasjon: Bedre tverrfaglig samhandling i Fjordvik",
      followUp: "Sette BTS på sakslista i ledergruppa hvert halvår.",
      followUpDueOn: day(-12, 1),
      followUpDoneOn: day(-12, 9),
      milestone: "pilot",
      responsible: sectorLeader,
    },
    {
      occurredOn: day(-16, 17),
      audienceKind: "mayor",
      audience: "Ordfører og varaordfører",
      mode: "informed",
      channel: "meeting",
      summary:
        "Orientering om prosjektet, hvorfor kommunen satser på tidlig innsats, og tidsplanen fram mot pilotering.",
      followUp: "Invitere ordføreren til å åpne oppvekstseminaret (kick-off).",
      followUpDueOn: day(-10, 1),
      followUpDoneOn: day(-10, 4),
      milestone: "kickoff",
    },
    {
      occurredOn: day(-15, 8),
      audienceKind: "union",
      audience: "Hovedtillitsvalgte",
      mode: "involved",
      channel: "meeting",
      summary:
        "Gjennomgang av prosjektplanen. De tillitsvalgte ba om at opplæringen legges i arbeidstiden, og at BTS-kontaktene får avsatt tid til oppgaven.",
      followUp: "Ta innspillet om avsatt tid inn i mandatet for BTS-kontaktene.",
      followUpDueOn: day(-8, 1),
      followUpDoneOn: day(-7, 15),
      milestone: "networkStart",
    },
    {
      occurredOn: day(-15, 15),
      audienceKind: "politicians",
      audience: "Levekårsutvalget",
      mode: "informed",
      channel: "presentation",
      summary:
        "Orientering om BTS-prosjektet: mål, tidsplan og pilotering i tre virksomheter. Utvalget tok orienteringen til etterretning.",
      material: "Saksframlegg og presentasjon",
      milestone: "pilot",
    },
    {
      occurredOn: day(-15, 16),
      audienceKind: "unit_leaders",
      audience: "Alle virksomhetsledere i Fjordvik kommune",
      mode: "informed",
      channel: "meeting",
      summary:
        "Presentasjon av BTS-modellen og BTI-veilederen, og invitasjon til å melde interesse for å være pilot.",
      material: "Presentasjon og én-siders oversikt over modellen",
      portalMaterial: "onePage",
      followUp: "Virksomhetslederne melder inn om de vil være pilot.",
      followUpDueOn: day(-15, 28),
      followUpDoneOn: day(-15, 28),
      milestone: "pilot",
    },
    {
      occurredOn: day(-14, 20),
      audienceKind: "staff",
      audience: "Alle ansatte som arbeider med barn og unge",
      mode: "informed",
      channel: "film",
      summary:
        "Arbeidsgruppa og styringsgruppa laget en kort informasjonsfilm om hvorfor Fjordvik tar i bruk BTS-modellen. Filmen ble vist på personalmøter i alle virksomhetene.",
      material: "Informasjonsfilm om BTS i Fjordvik (4 minutter)",
      milestone: "material",
    },
    {
      occurredOn: day(-12, 5),
      audienceKind: "users",
      audience: "Foreldrerådets arbeidsutvalg (FAU) ved Fjordvik skole",
      mode: "involved",
      channel: "meeting",
      summary:
        "Pilotskolen presenterte BTS-modellen og spurte foreldrene hvordan de vil bli tatt med når de ansatte er bekymret for et barn.",
      followUp: "Lage et kort informasjonsskriv til foresatte om BTS-modellen.",
      followUpDueOn: day(-10, 1),
      followUpDoneOn: day(-11, 20),
      milestone: "pilot",
    },
    {
      occurredOn: day(-11, 10),
      audienceKind: "staff",
      audience: "Utvalgte ansatte fra oppvekst, levekår og omsorg (32 deltakere)",
      mode: "involved",
      channel: "workshop",
      summary:
        "Digital workshop i BTI-veilederen: deltakerne brukte førsteutkastet til å løse case med I-G-P-metoden (først hver for seg, så i grupper, så i plenum). Mange innspill til hvordan veilederen kan bli bedre og mer tilpasset Fjordvik.",
      material: "Førsteutkast til BTI-veilederen og tre case",
      portalMaterial: "wonder",
      followUp: "Innspillene fra workshopen arbeides inn i veilederen før kick-off.",
      followUpDueOn: day(-9, 1),
      followUpDoneOn: day(-9, 14),
      milestone: "kickoff",
    },
    {
      occurredOn: day(-9, 8),
      audienceKind: "politicians",
      audience: "Levekårsutvalget",
      mode: "informed",
      channel: "letter",
      summary: "Referatsak med status for prosjektarbeidet og erfaringene fra piloteringen.",
      material: "Referatsak: status for BTS-prosjektet",
      milestone: "pilotFinal",
    },
    {
      occurredOn: day(-8, 10),
      audienceKind: "citizens",
      audience: DEMO_KICKOFF_AUDIENCE,
      mode: "informed",
      channel: "newspaper",
      summary:
        "Artikkel i lokalavisa om BTS-modellen og oppvekstseminaret: hva modellen betyr for barn, unge og foresatte i Fjordvik.",
      milestone: "kickoff",
    },
    {
      occurredOn: day(-8, 12),
      audienceKind: "citizens",
      audience: "Innbyggerne (kommunens hjemmeside)",
      mode: "informed",
      channel: "website",
      summary:
        "Nyhetssak på kommunens hjemmeside med lenke til BTS-modellen og handlingsveilederen.",
      followUp: "Holde BTS-siden på hjemmesiden oppdatert ved hver revisjon av modellen.",
      milestone: "kickoff",
    },
    {
      occurredOn: day(-8, 15),
      audienceKind: "staff",
      audience: "Ansatte på oppvekstseminaret",
      mode: "informed",
      channel: "film",
      summary:
        "Ny informasjonsfilm vist på kick-off, med intervjuer fra de tre pilotvirksomhetene.",
      material: "Informasjonsfilm: erfaringer fra piloteringen",
      milestone: "kickoff",
    },
    {
      occurredOn: addDays(today, -40),
      audienceKind: "unit_leaders",
      audience: DEMO_OVERDUE_AUDIENCE,
      mode: "involved",
      channel: "meeting",
      summary:
        "Status for implementeringen og erfaringer fra felles planleggingsdag. Lederne ba om en oversikt over hvem som har fått grunnopplæring i hver virksomhet.",
      followUp: "Sende oversikt over grunnopplæring per virksomhet til alle virksomhetsledere.",
      followUpDueOn: addDays(today, -10),
      milestone: "networkAutumn",
    },
    {
      occurredOn: day(1, 15),
      audienceKind: "politicians",
      audience: "Levekårsutvalget",
      mode: "informed",
      channel: "presentation",
      summary: "Orientering om status ett år etter oppstart, før den overordnede evalueringen.",
      milestone: "overallEvaluation",
    },
  ];

  await tx.insert(anchoringActivities).values(
    log.map((item) => ({
      tenantId,
      occurredOn: item.occurredOn,
      audienceKind: item.audienceKind,
      audience: item.audience,
      mode: item.mode,
      channel: item.channel,
      summary: item.summary,
      material: item.material ?? "",
      materialId: materialId(item.portalMaterial),
      followUp: item.followUp ?? "",
      followUpDueOn: item.followUpDueOn ?? null,
      followUpDoneOn: item.followUpDoneOn ?? null,
      responsibleUserId: item.followUp ? (item.responsible ?? coordinator ?? null) : null,
      milestoneId: milestoneId(item.milestone),
      createdBy: coordinator ?? null,
    })),
  );
}
