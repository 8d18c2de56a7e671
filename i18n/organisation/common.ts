import type { Widen } from "../widen.ts";

/**
 * Organisation catalog: common. Keys: organisation.common.*: the module's name and the hub
 * /organisering with one live figure per area.
 * Bokmål is the source; nynorsk and English match it key for key.
 */
export const nb = {
  title: "Organisering",
  navLabel: "Organisering",
  backToHub: "Tilbake til Organisering",
  noneYet: "Ingen ennå",
  hub: {
    intro:
      "Hvordan kommunen organiserer arbeidet med BTI-modellen: prosjektgruppene og vedtakene deres, samhandlingsarenaene, forankringen, tilskudd og budsjett, og trykksaker laget fra veilederen.",
    listLabel: "Områdene i organiseringen",
    groups: {
      title: "Prosjektgrupper",
      text: "Styringsgruppe, pådrivergruppe og arbeidsgrupper med mandat, medlemmer og møter.",
      figure_one: "{{count}} aktiv gruppe",
      figure_other: "{{count}} aktive grupper",
    },
    decisions: {
      title: "Vedtak",
      text: "Vedtaksloggen: alle gruppenes vedtak, og hva de gjaldt.",
      figure: "Siste vedtak {{date}}",
    },
    arenas: {
      title: "Samhandlingsarenaer",
      text: "Arenaene der tjenestene møtes om barn, og den årlige gjennomgangen av dem.",
      figure_one: "{{count}} aktiv arena",
      figure_other: "{{count}} aktive arenaer",
      notReviewed_one: "{{count}} ikke gjennomgått i {{year}}",
      notReviewed_other: "{{count}} ikke gjennomgått i {{year}}",
      allReviewed: "Alle gjennomgått i {{year}}",
    },
    anchoring: {
      title: "Forankring",
      text: "Hvem som er informert eller involvert, når, og hva som skal følges opp.",
      figure_one: "{{count}} aktivitet",
      figure_other: "{{count}} aktiviteter",
      followUps_one: "{{count}} åpen oppfølging",
      followUps_other: "{{count}} åpne oppfølginger",
    },
    grants: {
      title: "Tilskudd og budsjett",
      text: "Søknader, budsjettlinjer, forbruk og rapporteringsfrister.",
      figure: "Neste rapportering {{date}}: {{title}} ({{grant}})",
      overdue: "Rapporteringen forfalt {{date}}: {{title}} ({{grant}})",
      none: "Ingen rapporteringsfrister som venter",
    },
    printed: {
      title: "Trykksaker",
      text: "Plakat og brosjyrer laget fra den publiserte veilederen, som PDF.",
      figure: "Veilederen sist publisert {{date}}",
    },
  },
};

export const nn: Widen<typeof nb> = {
  title: "Organisering",
  navLabel: "Organisering",
  backToHub: "Tilbake til Organisering",
  noneYet: "Ingen enno",
  hub: {
    intro:
      "Korleis kommunen organiserer arbeidet med BTI-modellen: prosjektgruppene og vedtaka deira, samhandlingsarenaene, forankringa, tilskot og budsjett, og trykksaker laga frå rettleiaren.",
    listLabel: "Områda i organiseringa",
    groups: {
      title: "Prosjektgrupper",
      text: "Styringsgruppe, pådrivargruppe og arbeidsgrupper med mandat, medlemmer og møte.",
      figure_one: "{{count}} aktiv gruppe",
      figure_other: "{{count}} aktive grupper",
    },
    decisions: {
      title: "Vedtak",
      text: "Vedtaksloggen: alle vedtaka til gruppene, og kva dei gjaldt.",
      figure: "Siste vedtak {{date}}",
    },
    arenas: {
      title: "Samhandlingsarenaer",
      text: "Arenaene der tenestene møtest om barn, og den årlege gjennomgangen av dei.",
      figure_one: "{{count}} aktiv arena",
      figure_other: "{{count}} aktive arenaer",
      notReviewed_one: "{{count}} ikkje gjennomgått i {{year}}",
      notReviewed_other: "{{count}} ikkje gjennomgått i {{year}}",
      allReviewed: "Alle gjennomgått i {{year}}",
    },
    anchoring: {
      title: "Forankring",
      text: "Kven som er informert eller involvert, når, og kva som skal følgjast opp.",
      figure_one: "{{count}} aktivitet",
      figure_other: "{{count}} aktivitetar",
      followUps_one: "{{count}} open oppfølging",
      followUps_other: "{{count}} opne oppfølgingar",
    },
    grants: {
      title: "Tilskot og budsjett",
      text: "Søknader, budsjettliner, forbruk og rapporteringsfristar.",
      figure: "Neste rapportering {{date}}: {{title}} ({{grant}})",
      overdue: "Rapporteringa forfall {{date}}: {{title}} ({{grant}})",
      none: "Ingen rapporteringsfristar som ventar",
    },
    printed: {
      title: "Trykksaker",
      text: "Plakat og brosjyrar laga frå den publiserte rettleiaren, som PDF.",
      figure: "Rettleiaren sist publisert {{date}}",
    },
  },
};

export const en: Widen<typeof nb> = {
  title: "Organisation",
  navLabel: "Organisation",
  backToHub: "Back to Organisation",
  noneYet: "None yet",
  hub: {
    intro:
      "How the municipality organises its work with the BTI model: the project groups and their decisions, the collaboration arenas, anchoring, grants and budget, and printed material made from the guide.",
    listLabel: "The areas of the organisation",
    groups: {
      title: "Project groups",
      text: "Steering group, driver group and working groups with mandate, members and meetings.",
      figure_one: "{{count}} active group",
      figure_other: "{{count}} active groups",
    },
    decisions: {
      title: "Decisions",
      text: "The decisions log: every group's decisions, and what they were about.",
      figure: "Latest decision {{date}}",
    },
    arenas: {
      title: "Collaboration arenas",
      text: "Where the services meet about children, and the yearly review of each arena.",
      figure_one: "{{count}} active arena",
      figure_other: "{{count}} active arenas",
      notReviewed_one: "{{count}} not reviewed in {{year}}",
      notReviewed_other: "{{count}} not reviewed in {{year}}",
      allReviewed: "All reviewed in {{year}}",
    },
    anchoring: {
      title: "Anchoring",
      text: "Who has been informed or involved, when, and what is to be followed up.",
      figure_one: "{{count}} activity",
      figure_other: "{{count}} activities",
      followUps_one: "{{count}} open follow-up",
      followUps_other: "{{count}} open follow-ups",
    },
    grants: {
      title: "Grants and budget",
      text: "Applications, budget lines, spending and reporting deadlines.",
      figure: "Next report due {{date}}: {{title}} ({{grant}})",
      overdue: "Report was due {{date}}: {{title}} ({{grant}})",
      none: "No reporting deadlines waiting",
    },
    printed: {
      title: "Printed material",
      text: "A poster and leaflets made from the published guide, as PDF.",
      figure: "Guide last published {{date}}",
    },
  },
};
