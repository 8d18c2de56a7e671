import { and, eq } from "drizzle-orm";
import { addDays, osloDate } from "../core/platform/dates.ts";
import type { GroupKind } from "../core/organisation/groups-rules.ts";
import type { Tx } from "./client.ts";
import {
  contentPages,
  contentVersions,
  milestones,
  orgGroupDecisions,
  orgGroupMeetings,
  orgGroupMembers,
  orgGroups,
  users,
} from "./schema/index.ts";

/**
 * Fjordvik's project organisation (issue 8), shaped like the Nittedal seed's: a steering group
 * (the deputy mayor, the heads of the two sectors, the BTI coordinator, the head of children,
 * youth and families), a driver group for the model, and five working groups, one of them for
 * the adult services' guide with the next-of-kin routine; a closed pilot group. Meetings are
 * laid out around today; decisions link a published guide version and plan milestones (looked
 * up by title inside the seed's transaction). Everyone is made up.
 */

/** The demo groups' names, for tests and other seeds. */
export const demoGroupNames = {
  steering: "Styringsgruppe for BTI",
  driver: "Pådrivergruppe for BTS-modellen",
  pregnancy: "Arbeidsgruppe: fra svangerskap til to år",
  involvement: "Arbeidsgruppe for brukermedvirkning",
  communication: "Arbeidsgruppe for kommunikasjon og informasjon",
  competence: "Arbeidsgruppe for kompetanseheving",
  adultServices: "Arbeidsgruppe for handlingsveileder i voksentjenestene",
  pilot: "Arbeidsgruppe for pilotering",
} as const;

/** The decision that links a published guide version, and the one that links a milestone. */
export const demoDecisionTitles = {
  version: "BTS-modellen godkjent etter årlig revisjon",
  milestone: "BTS blir tema på felles planleggingsdag for barnehage og skole",
} as const;

const planningDayTitle = "BTS som tema på felles planleggingsdag for barnehage og skole";
const surveyTitle = "Årlig spørring til virksomhetene: hvordan fungerer BTS-modellen?";

type MemberSeed = { email?: string; name?: string; role: string; chair?: boolean };
type MeetingSeed = { key?: string; offset: number; time: string; place: string; agenda: string };
type DecisionSeed = {
  offset: number;
  meeting?: string;
  title: string;
  description: string;
  version?: string;
  milestone?: string;
};
type GroupSeed = {
  kind: GroupKind;
  name: string;
  mandate: string;
  decisionAuthority?: string;
  meetingPlan?: string;
  closedOffset?: number;
  members: MemberSeed[];
  meetings?: MeetingSeed[];
  decisions?: DecisionSeed[];
};

const townHall = "Fjordvik rådhus, møterom Fjorden";

const groups: GroupSeed[] = [
  {
    kind: "steering",
    name: demoGroupNames.steering,
    mandate:
      "Styringsgruppen har det overordnede ansvaret for at Fjordvik kommune tar i bruk BTS-modellen og holder den i live. Den vedtar modellen og handlingsveilederen, implementeringsplanen og bruken av tilskuddsmidlene, og sørger for at arbeidet er forankret i kommunens planer.\n\nArbeidsgruppene utvikler, styringsgruppen beslutter.",
    decisionAuthority:
      "Vedtar handlingsveilederen og den årlige revisjonen av den, implementeringsplanen og budsjettet for tilskuddsmidlene. Saker som krever politisk behandling, legges fram for kommunestyret av kommunedirektøren.",
    meetingPlan: "Fire ganger i året, tirsdag 12:00–14:00",
    members: [
      { name: "Kari Nilsen", role: "Varaordfører", chair: true },
      { email: "kommunalsjef@fjordvik.example", role: "Kommunalsjef oppvekst og utdanning" },
      { name: "Per Holm", role: "Kommunalsjef helse og velferd" },
      { email: "koordinator@fjordvik.example", role: "BTI- og SLT-koordinator, sekretær" },
      { name: "Anne Fjeld", role: "Enhetsleder barn, unge og familier" },
    ],
    meetings: [
      {
        key: "spring",
        offset: -120,
        time: "12:00–14:00",
        place: townHall,
        agenda:
          "1. Status i implementeringsplanen\n2. Tema for felles planleggingsdag\n3. Søknad om tilskudd",
      },
      {
        key: "summer",
        offset: -30,
        time: "12:00–14:00",
        place: townHall,
        agenda:
          "1. Årlig revisjon av handlingsveilederen\n2. Budsjett og forbruk\n3. Risikoregisteret",
      },
      {
        offset: 60,
        time: "12:00–14:00",
        place: townHall,
        agenda: "1. Resultater fra den årlige spørringen\n2. Plan for neste år",
      },
    ],
    decisions: [
      {
        offset: -120,
        meeting: "spring",
        title: demoDecisionTitles.milestone,
        description:
          "Felles planleggingsdag for barnehager og skoler får BTS og samhandlingskompetanse som tema. Koordinatoren og BTS-kontaktene planlegger dagen.",
        milestone: planningDayTitle,
      },
      {
        offset: -30,
        meeting: "summer",
        title: "Tilskuddsmidlene fordeles på prosjektleder, opplæring og materiell",
        description:
          "Budsjettet for året følger søknaden: andel av prosjektlederstilling, eksterne foredragsholdere, lokaler og servering på samlinger, og opplæringsmateriell.",
      },
      {
        offset: 0,
        title: demoDecisionTitles.version,
        description:
          "Styringsgruppen godkjente den reviderte beskrivelsen av BTS-modellen slik den er publisert i veilederen.",
        version: "bts-modellen",
      },
    ],
  },
  {
    kind: "driver",
    name: demoGroupNames.driver,
    mandate:
      "Pådrivergruppen driver arbeidet med modellen framover i tjenestene: følger opp implementeringsplanen, tar opp det som stopper opp, og sørger for at erfaringer fra BTS-nettverkene når styringsgruppen.",
    decisionAuthority:
      "Bestemmer hvordan vedtatte tiltak gjennomføres i tjenestene. Endringer i modellen, planen eller budsjettet legges fram for styringsgruppen.",
    meetingPlan: "Hver måned, torsdag 09:00–11:00",
    members: [
      {
        email: "kommunalsjef@fjordvik.example",
        role: "Kommunalsjef oppvekst og utdanning",
        chair: true,
      },
      { name: "Mona Berg", role: "Enhetsleder barneverntjenesten" },
      { name: "Hilde Strand", role: "Enhetsleder barnehager" },
      { name: "Jon Vik", role: "Enhetsleder psykisk helse og rus" },
      { email: "leder@fjordvik.example", role: "Virksomhetsleder, Fjordvik skole" },
      { email: "helsesykepleier@fjordvik.example", role: "Jordmor- og helsesykepleiertjenesten" },
      { name: "Tor Aasen", role: "Avdelingsleder NAV" },
      { name: "Siri Dahl", role: "Ungdomskoordinator" },
      { email: "koordinator@fjordvik.example", role: "BTI- og SLT-koordinator" },
    ],
    meetings: [
      {
        offset: -45,
        time: "09:00–11:00",
        place: "Familiens hus Fjordvik",
        agenda: "1. Gjort, lurt, lært fra BTS-nettverkene\n2. Nyansatte og sjekklisten",
      },
      {
        key: "latest",
        offset: -14,
        time: "09:00–11:00",
        place: "Familiens hus Fjordvik",
        agenda: "1. Den årlige spørringen til virksomhetene\n2. Samhandlingsarenaene",
      },
      {
        offset: 16,
        time: "09:00–11:00",
        place: "Familiens hus Fjordvik",
        agenda: "1. Forberede styringsgruppens møte\n2. Status i arbeidsgruppene",
      },
    ],
    decisions: [
      {
        offset: -14,
        meeting: "latest",
        title: "Den årlige spørringen sendes til alle virksomhetene denne måneden",
        description:
          "Virksomhetslederne minner de ansatte om spørringen på personalmøtet. Resultatene legges fram for styringsgruppen.",
        milestone: surveyTitle,
      },
    ],
  },
  {
    kind: "working",
    name: demoGroupNames.pregnancy,
    mandate:
      "Utvikle rutiner for tidlig innsats fra svangerskap til barnet er to år: samarbeidet mellom jordmor, helsestasjon, fastlege og barnehage, og overgangen fra helsestasjon til barnehage.",
    meetingPlan: "Annenhver uke fram til rutinene er ferdige",
    members: [
      { email: "helsesykepleier@fjordvik.example", role: "Helsesykepleier", chair: true },
      { name: "Ingrid Lunde", role: "Jordmor" },
      { name: "Ola Brekke", role: "Fastlege, Fjordvik legesenter" },
    ],
    meetings: [
      {
        offset: 9,
        time: "13:00–14:30",
        place: "Helsestasjonen i Fjordvik",
        agenda: "Utkast til rutine for overgangen fra helsestasjon til barnehage",
      },
    ],
  },
  {
    kind: "working",
    name: demoGroupNames.involvement,
    mandate:
      "Foreslå hvordan barn, unge og foresatte skal medvirke i arbeidet med modellen: i stafettloggen, i evalueringen og i revisjonen av veilederen.",
    meetingPlan: "Hver sjette uke",
    members: [
      { email: "ansatt@fjordvik.example", role: "Lærer, Fjordvik skole", chair: true },
      { name: "Amir Hassan", role: "Leder i ungdomsrådet" },
      { name: "Nina Haug", role: "Foresatt, FAU Fjordvik skole" },
    ],
  },
  {
    kind: "working",
    name: demoGroupNames.communication,
    mandate:
      "Lage kommunikasjons- og informasjonsstrategien for modellen: informasjon til ansatte, foresatte og innbyggere, nettsidene, lokalavisen og trykksakene.",
    meetingPlan: "Ved behov, minst én gang i kvartalet",
    members: [
      { email: "koordinator@fjordvik.example", role: "BTI-koordinator", chair: true },
      { name: "Lars Moe", role: "Kommunikasjonsrådgiver" },
    ],
  },
  {
    kind: "working",
    name: demoGroupNames.competence,
    mandate:
      "Planlegge kompetansehevingen: grunnopplæring for alle ansatte, opplæring av BTS-kontaktene og nyansatte, og temaene i doseringen av kjernekomponentene.",
    meetingPlan: "Hver måned",
    members: [
      { email: "bts@fjordvik.example", role: "BTS-kontakt, Solsikken barnehage", chair: true },
      { email: "koordinator@fjordvik.example", role: "BTI-koordinator" },
      { name: "Eva Solheim", role: "PP-rådgiver, PPT Fjordvik" },
    ],
    meetings: [
      {
        offset: -21,
        time: "14:00–15:30",
        place: "Solsikken barnehage",
        agenda: "Evaluering av grunnopplæringen og plan for neste tema",
      },
    ],
  },
  {
    kind: "working",
    name: demoGroupNames.adultServices,
    mandate:
      "Lage handlingsveilederen for voksentjenestene, med rutinen for barn som pårørende: hvordan NAV, psykisk helse og rus og fastlegene oppdager og følger opp barna til de voksne de møter.",
    meetingPlan: "Hver tredje uke",
    members: [
      { name: "Jon Vik", role: "Enhetsleder psykisk helse og rus", chair: true },
      { name: "Tor Aasen", role: "Avdelingsleder NAV" },
      { name: "Ola Brekke", role: "Fastlege" },
    ],
  },
  {
    kind: "working",
    name: demoGroupNames.pilot,
    mandate:
      "Følge piloteringen i tre virksomheter og samle erfaringene til første versjon av modellen.",
    meetingPlan: "Hver måned i pilotperioden",
    closedOffset: -200,
    members: [
      { email: "koordinator@fjordvik.example", role: "BTI-koordinator", chair: true },
      { email: "leder@fjordvik.example", role: "Virksomhetsleder, Fjordvik skole" },
    ],
  },
];

export async function seedDemoOrganisationGroups(
  tx: Tx,
  input: { tenantId: string; today?: string },
): Promise<void> {
  const { tenantId } = input;
  const today = input.today ?? osloDate();
  const staff = await tx
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(eq(users.tenantId, tenantId));
  const coordinator = staff.find((user) => user.email === "koordinator@fjordvik.example")?.id;
  const milestoneRows = await tx
    .select({ id: milestones.id, title: milestones.title })
    .from(milestones)
    .where(eq(milestones.tenantId, tenantId));
  const versionOf = async (slug: string) => {
    const [row] = await tx
      .select({ id: contentVersions.id })
      .from(contentVersions)
      .innerJoin(contentPages, eq(contentPages.id, contentVersions.pageId))
      .where(
        and(
          eq(contentVersions.tenantId, tenantId),
          eq(contentPages.slug, slug),
          eq(contentVersions.state, "published"),
        ),
      );
    return row?.id ?? null;
  };

  for (const seed of groups) {
    const [group] = await tx
      .insert(orgGroups)
      .values({
        tenantId,
        kind: seed.kind,
        name: seed.name,
        mandate: seed.mandate,
        decisionAuthority: seed.decisionAuthority ?? "",
        meetingPlan: seed.meetingPlan ?? "",
        closedOn: seed.closedOffset === undefined ? null : addDays(today, seed.closedOffset),
      })
      .returning({ id: orgGroups.id });
    const groupId = group!.id;
    const members = seed.members.flatMap((member, index) => {
      const person = member.email ? staff.find((user) => user.email === member.email) : undefined;
      if (member.email && !person) return [];
      return [
        {
          tenantId,
          groupId,
          userId: person?.id ?? null,
          name: person?.name ?? member.name ?? "",
          role: member.role,
          isChair: member.chair ?? false,
          position: index + 1,
        },
      ];
    });
    if (members.length > 0) await tx.insert(orgGroupMembers).values(members);
    const meetingIds = new Map<string, string>();
    for (const meeting of seed.meetings ?? []) {
      const [row] = await tx
        .insert(orgGroupMeetings)
        .values({
          tenantId,
          groupId,
          meetsOn: addDays(today, meeting.offset),
          time: meeting.time,
          place: meeting.place,
          agenda: meeting.agenda,
        })
        .returning({ id: orgGroupMeetings.id });
      if (meeting.key) meetingIds.set(meeting.key, row!.id);
    }
    for (const decision of seed.decisions ?? []) {
      await tx.insert(orgGroupDecisions).values({
        tenantId,
        groupId,
        meetingId: decision.meeting ? (meetingIds.get(decision.meeting) ?? null) : null,
        decidedOn: addDays(today, decision.offset),
        title: decision.title,
        description: decision.description,
        contentVersionId: decision.version ? await versionOf(decision.version) : null,
        milestoneId: decision.milestone
          ? (milestoneRows.find((row) => row.title === decision.milestone)?.id ?? null)
          : null,
        recordedBy: coordinator ?? null,
      });
    }
  }
}
