import { eq } from "drizzle-orm";
import type { ArenaFrequency, ArenaTargetGroup } from "../core/organisation/arena-kinds.ts";
import type {
  ReviewDecision,
  ReviewNeeded,
  ReviewWorks,
} from "../core/organisation/arena-kinds.ts";
import { osloDate } from "../core/platform/dates.ts";
import type { ServiceType } from "../core/units/service-types.ts";
import type { Tx } from "./client.ts";
import { collaborationArenaReviews, collaborationArenas, users } from "./schema/index.ts";

/**
 * Fjordvik's collaboration arenas (issue 8), after the Strand seed: an oppvekstteam at each
 * school (school, PPT, child welfare, the school nurse and the SLT coordinator; NAV and the police
 * too at the lower secondary school), the kindergartens' resource team, the BTS network, the
 * leader network, SLT, the family team and the transition meetings. One older team at the lower
 * secondary school overlaps on purpose with its oppvekstteam (the same unit and target group,
 * its services all among the oppvekstteam's), and last year's reviews include one «legge ned»: the
 * old meeting between the child health centre and the kindergartens, now closed.
 */

/** The names the tests look for. */
export const DEMO_ARENAS = {
  schoolTeam: "Oppvekstteam Fjordvik skole",
  lowerSecondaryTeam: "Oppvekstteam Nordstrand ungdomsskole",
  /** Overlaps with lowerSecondaryTeam: same unit and target group, services among the team's. */
  overlapping: "Tverrfaglig team Nordstrand ungdomsskole",
  resourceTeam: "Ressursteam barnehage",
  /** Closed by last year's review («legge ned»). */
  closed: "Samarbeidsmøte helsestasjon og barnehager",
} as const;

interface DemoReview {
  /** 0 = this year, -1 = last year. */
  yearOffset: 0 | -1;
  /** MM-DD of the review (this year's is never after today). */
  day: string;
  needed: ReviewNeeded;
  works: ReviewWorks;
  decision: ReviewDecision;
  reasons: string;
  changes?: string;
}

interface DemoArena {
  name: string;
  purpose: string;
  targetGroups: ArenaTargetGroup[];
  services: ServiceType[];
  participants: string;
  frequency: ArenaFrequency;
  frequencyNote?: string;
  leaderEmail?: string;
  leaderName?: string;
  btiLevels: number[];
  unit?: string;
  reviews: DemoReview[];
}

const schoolTeamServices: ServiceType[] = [
  "grunnskole",
  "helsestasjon_skolehelsetjeneste",
  "ppt",
  "barneverntjenesten",
  "politi_slt",
];

const demoArenas: DemoArena[] = [
  {
    name: DEMO_ARENAS.schoolTeam,
    purpose:
      "Avdekke sosiale og faglige vansker hos elevene på et tidlig stadium, og avtale hvem som følger opp. Saker drøftes anonymt med mindre foresatte har samtykket.",
    targetGroups: ["primary_school"],
    services: schoolTeamServices,
    participants:
      "Rektor, representant fra PPT, barneverntjenesten, helsesykepleier og oppvekstkoordinator/SLT-koordinator.",
    frequency: "monthly",
    frequencyNote: "Første tirsdag i måneden",
    leaderEmail: "leder@fjordvik.example",
    leaderName: "Rektor",
    btiLevels: [1, 2],
    unit: "Fjordvik skole",
    reviews: [
      {
        yearOffset: -1,
        day: "11-18",
        needed: "yes",
        works: "well",
        decision: "keep",
        reasons:
          "Teamet fanger opp elever tidlig, og lærerne opplever at de får raske svar. Oppmøtet fra alle tjenestene har vært godt.",
      },
    ],
  },
  {
    name: DEMO_ARENAS.lowerSecondaryTeam,
    purpose:
      "Avdekke sosiale og faglige vansker tidlig, også rus og kriminalitet, og samordne innsatsen rundt elever som trenger det.",
    targetGroups: ["lower_secondary"],
    services: [...schoolTeamServices, "nav"],
    participants:
      "Rektor, PPT, barneverntjenesten, helsesykepleier, SLT-koordinator, NAV og politiets forebyggende kontakt.",
    frequency: "monthly",
    leaderName: "Rektor ved Nordstrand ungdomsskole",
    btiLevels: [1, 2],
    unit: "Nordstrand ungdomsskole",
    reviews: [
      {
        yearOffset: -1,
        day: "11-20",
        needed: "yes",
        works: "partly",
        decision: "change",
        reasons:
          "Møtene blir lange fordi sakene ikke er forberedt, og politiet og NAV møter sjelden når de ikke har saker.",
        changes:
          "Fast saksliste sendt ut en uke før. Politiet og NAV deltar på første halvtime og ellers ved behov.",
      },
    ],
  },
  {
    name: DEMO_ARENAS.overlapping,
    purpose:
      "Drøfte elever med sammensatte behov mellom skolen, helsesykepleier og barneverntjenesten.",
    targetGroups: ["lower_secondary"],
    services: ["grunnskole", "helsestasjon_skolehelsetjeneste", "barneverntjenesten"],
    participants: "Sosiallærer, helsesykepleier og kontaktperson i barneverntjenesten.",
    frequency: "biweekly",
    leaderName: "Sosiallærer",
    btiLevels: [2],
    unit: "Nordstrand ungdomsskole",
    reviews: [],
  },
  {
    name: DEMO_ARENAS.resourceTeam,
    purpose:
      "Ivareta barn med rett på spesialpedagogisk hjelp eller tilrettelegging for barn med nedsatt funksjonsevne (barnehageloven §§ 35 og 37), så tidlig som mulig.",
    targetGroups: ["kindergarten"],
    services: ["barnehage", "ppt"],
    participants:
      "Rådgiver opplæring, virksomhetsleder i styrket barnehage, PPT og styrerne ved behov.",
    frequency: "monthly",
    leaderName: "Rådgiver opplæring",
    btiLevels: [1, 2, 3],
    reviews: [
      {
        yearOffset: -1,
        day: "12-05",
        needed: "yes",
        works: "well",
        decision: "keep",
        reasons:
          "Prøveordningen har fungert etter hensikten: barna får hjelp tidligere, og styrerne vet hvor de skal henvende seg.",
      },
      {
        yearOffset: 0,
        day: "01-20",
        needed: "yes",
        works: "well",
        decision: "keep",
        reasons: "Teamet fortsetter som før. Alle barnehagene har brukt teamet det siste året.",
      },
    ],
  },
  {
    name: "BTS-nettverk oppvekst",
    purpose:
      "Lærende nettverk der BTS-kontaktene deler erfaringer, utfordringer og problemstillinger med prosjektlederen: gjort, lurt, lært.",
    targetGroups: ["all_children"],
    services: [
      "barnehage",
      "grunnskole",
      "videregaende_skole",
      "helsestasjon_skolehelsetjeneste",
      "ppt",
      "barneverntjenesten",
      "nav",
    ],
    participants: "BTS-kontaktene i virksomhetene og prosjektlederen.",
    frequency: "termly",
    frequencyNote: "Minst to ganger i halvåret",
    leaderEmail: "koordinator@fjordvik.example",
    btiLevels: [0],
    reviews: [
      {
        yearOffset: -1,
        day: "11-25",
        needed: "yes",
        works: "well",
        decision: "keep",
        reasons:
          "Nettverket holder trykket oppe på BTS-modellen i virksomhetene og er særlig viktig mens modellen implementeres.",
      },
    ],
  },
  {
    name: "Ledernettverk oppvekst",
    purpose:
      "Virksomhetslederne i oppvekst følger opp BTS-arbeidet, tar opp felles utfordringer og forankrer endringer i modellen.",
    targetGroups: ["all_children"],
    services: [
      "barnehage",
      "grunnskole",
      "helsestasjon_skolehelsetjeneste",
      "ppt",
      "barneverntjenesten",
      "psykisk_helse_rus",
      "familiens_hus",
    ],
    participants: "Kommunalsjef, virksomhetslederne i oppvekst og prosjektlederen.",
    frequency: "monthly",
    leaderEmail: "kommunalsjef@fjordvik.example",
    leaderName: "Kommunalsjef",
    btiLevels: [0],
    reviews: [
      {
        yearOffset: -1,
        day: "12-10",
        needed: "yes",
        works: "partly",
        decision: "change",
        reasons: "BTS-arbeidet drukner i andre saker på møtene.",
        changes: "BTS settes fast som første sak på hvert andre møte.",
      },
    ],
  },
  {
    name: "SLT-koordineringsgruppe",
    purpose:
      "Samordne lokale rus- og kriminalitetsforebyggende tiltak for barn og unge mellom kommunen og politiet.",
    targetGroups: ["lower_secondary", "upper_secondary", "young_adults"],
    services: [
      "politi_slt",
      "grunnskole",
      "videregaende_skole",
      "nav",
      "barneverntjenesten",
      "psykisk_helse_rus",
      "kultur_fritid",
    ],
    participants:
      "SLT-koordinator, politiet, ungdomsskolen, den videregående skolen, NAV, barneverntjenesten, psykisk helse og rus og fritidstilbudet.",
    frequency: "termly",
    leaderName: "SLT-koordinator",
    btiLevels: [0, 1, 2],
    unit: "SLT-koordinator",
    reviews: [
      {
        yearOffset: -1,
        day: "10-30",
        needed: "yes",
        works: "well",
        decision: "keep",
        reasons: "Gruppen er den eneste arenaen der politiet og kommunen planlegger sammen.",
      },
    ],
  },
  {
    name: "Familieteam Familiens hus",
    purpose:
      "Gi gravide og småbarnsfamilier som trenger ekstra støtte, et samordnet tilbud fra helsestasjonen, psykisk helse og barneverntjenesten.",
    targetGroups: ["pregnancy_infants", "families"],
    services: [
      "familiens_hus",
      "helsestasjon_skolehelsetjeneste",
      "psykisk_helse_rus",
      "barneverntjenesten",
    ],
    participants: "Jordmor, helsesykepleier, familieterapeut og barneverntjenesten.",
    frequency: "biweekly",
    leaderName: "Leder for Familiens hus",
    btiLevels: [1, 2, 3],
    unit: "Familiens hus Fjordvik",
    reviews: [],
  },
  {
    name: "Overgangsmøter barnehage–skole",
    purpose:
      "Sikre en god overgang fra barnehage til skole for barn det er knyttet uro til, med samtykke fra foresatte.",
    targetGroups: ["kindergarten", "primary_school"],
    services: ["barnehage", "grunnskole", "helsestasjon_skolehelsetjeneste"],
    participants:
      "Pedagogisk leder i barnehagen, kontaktlærer eller SFO-leder, og helsesykepleier.",
    frequency: "yearly",
    frequencyNote: "Våren før skolestart",
    leaderName: "Styrer",
    btiLevels: [0, 1],
    reviews: [],
  },
  {
    name: DEMO_ARENAS.closed,
    purpose: "Jevnlige møter mellom helsestasjonen og barnehagene om småbarn det er uro rundt.",
    targetGroups: ["pregnancy_infants", "kindergarten"],
    services: ["helsestasjon_skolehelsetjeneste", "barnehage"],
    participants: "Helsesykepleier og styrerne.",
    frequency: "termly",
    leaderName: "Helsesykepleier",
    btiLevels: [1],
    unit: "Helsestasjonen i Fjordvik",
    reviews: [
      {
        yearOffset: -1,
        day: "11-12",
        needed: "no",
        works: "poorly",
        decision: "close",
        reasons:
          "Få saker og lavt oppmøte. Sakene tas nå i ressursteam barnehage og i overgangsmøtene, så arenaen er ikke lenger nødvendig.",
      },
    ],
  },
];

export async function seedDemoOrganisationArenas(
  tx: Tx,
  input: { tenantId: string; unitIdByName: Map<string, string>; today?: string },
): Promise<void> {
  const today = input.today ?? osloDate();
  const year = Number(today.slice(0, 4));
  const staff = await tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(eq(users.tenantId, input.tenantId));
  const userIdByEmail = new Map(staff.map((user) => [user.email, user.id]));
  const coordinatorId = userIdByEmail.get("koordinator@fjordvik.example") ?? null;
  for (const arena of demoArenas) {
    const reviews = arena.reviews.map((review) => {
      const reviewYear = year + review.yearOffset;
      const day = `${reviewYear}-${review.day}`;
      return { ...review, year: reviewYear, reviewedOn: day > today ? today : day };
    });
    const closing = reviews.find((review) => review.decision === "close");
    const [row] = await tx
      .insert(collaborationArenas)
      .values({
        tenantId: input.tenantId,
        name: arena.name,
        purpose: arena.purpose,
        targetGroups: arena.targetGroups,
        services: arena.services,
        participants: arena.participants,
        frequency: arena.frequency,
        frequencyNote: arena.frequencyNote ?? "",
        leaderUserId: arena.leaderEmail ? (userIdByEmail.get(arena.leaderEmail) ?? null) : null,
        leaderName: arena.leaderName ?? "",
        btiLevels: arena.btiLevels,
        unitId: arena.unit ? (input.unitIdByName.get(arena.unit) ?? null) : null,
        closedOn: closing?.reviewedOn ?? null,
        // Registered when the model was introduced, two years back, so they belong in last
        // year's review overview too.
        createdAt: new Date(Date.UTC(year - 2, 7, 15, 10)),
        updatedAt: new Date(Date.UTC(year - 2, 7, 15, 10)),
      })
      .returning({ id: collaborationArenas.id });
    if (reviews.length > 0) {
      await tx.insert(collaborationArenaReviews).values(
        reviews.map((review) => ({
          tenantId: input.tenantId,
          arenaId: row!.id,
          year: review.year,
          reviewedOn: review.reviewedOn,
          needed: review.needed,
          works: review.works,
          decision: review.decision,
          reasons: review.reasons,
          changes: review.changes ?? "",
          reviewedBy: coordinatorId,
        })),
      );
    }
  }
}
