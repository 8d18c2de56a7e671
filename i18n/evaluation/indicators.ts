import type { Widen } from "../widen.ts";

/**
 * Evaluation catalog: indicators of effect and the "invisible children" estimate.
 * Keys: evaluation.indicators.*. Bokmål is the source; nynorsk and English match it key for key.
 */
export const nb = {
  title: "Indikatorer",
  intro:
    "Indikatorene viser om modellen virker for barna, ikke bare hvor mye som gjøres: hvor raskt en uro fører til en avgjørelse, om målene for barnet nås, og om samarbeidet holder over overganger. Grupper med færre enn {{min}} saker vises ikke, og ingen barn kan kjennes igjen.",
  introOwn:
    "Du ser tallene for hele kommunen og for dine egne enheter. Grupper med færre enn {{min}} saker vises ikke.",
  filters: {
    heading: "Velg periode og utvalg",
    periodKind: "Periode",
    halfYear: "Halvår",
    year: "År",
    custom: "Egen periode",
    halfYearLabel: "{{year}}, {{half}}. halvår",
    from: "Fra dato",
    to: "Til dato",
    dateHelp: "Skriv datoen som åååå-mm-dd, for eksempel 2025-01-01.",
    scope: "Utvalg",
    all: "Hele kommunen",
    unit: "Enhet",
    serviceType: "Tjenestetype",
    chooseUnit: "Velg enhet",
    chooseServiceType: "Velg tjenestetype",
    apply: "Vis",
    reset: "Tilbake til standard",
  },
  period: "Periode: {{from}}–{{to}}",
  suppressed: "Skjult (færre enn {{min}})",
  suppressedShort: "skjult",
  notApplicable: "–",
  nCases: "n = {{n}}",
  value: {
    count: "{{value}}",
    percent: "{{value}} %",
    days: "{{value}} dager",
    score: "{{value}}",
  },
  goalsDetail: "{{goals}} mål",
  cases: {
    logs: "stafettlogger",
    worry_notes: "bekymringsnotater",
    evaluations: "evalueringer",
    closed_logs: "avsluttede logger",
    transitions: "overganger",
    units: "enheter",
    staff: "ansatte",
    feedback: "tilbakemeldinger",
  },
  columns: {
    indicator: "Indikator",
    value: "Verdi",
    n: "Antall bak tallet (n)",
    group: "Gruppe",
    period: "Halvår",
  },
  sections: {
    municipality: "Hele kommunen",
    selection: "Utvalget",
    byServiceType: "Per tjenestetype",
    byUnit: "Per enhet",
    adoption: "Er modellen tatt i bruk? (60-30-10)",
    series: "Over tid",
  },
  names: {
    open_logs_total: "Åpne stafettlogger ved periodens slutt",
    open_logs_level_0: "… på nivå 0",
    open_logs_level_1: "… på nivå 1",
    open_logs_level_2: "… på nivå 2",
    open_logs_level_3: "… på nivå 3",
    worry_decision_median_days: "Tid fra uro til avgjørelse (median)",
    worry_decided_within_deadline: "Uro avgjort innen 14 dager",
    evaluations_on_time: "Evalueringer holdt i tide",
    goal_score_first: "Måloppnåelse ved første evaluering",
    goal_score_latest: "Måloppnåelse ved siste evaluering",
    goal_score_change: "Endring i måloppnåelse",
    closed_goals_reached: "Logger avsluttet med målene nådd",
    transitions_carried_on: "Overganger der loggen ble ført videre",
    adoption_as_intended: "Enheter som bruker modellen som tenkt",
    adoption_not_as_intended: "Enheter som har tatt den inn, men ikke som tenkt",
    adoption_not_in_use: "Enheter som har tatt den inn, men ikke bruker den",
    training_coverage: "Ansatte med opplæring",
    feedback_handled: "Tilbakemeldinger som er behandlet",
  },
  explanations: {
    open_logs_total:
      "Hvor mange barn som har en åpen stafettlogg når perioden slutter. Fordelingen på nivå viser om hjelpen settes inn tidlig (nivå 1) eller først når mange tjenester må inn (nivå 3).",
    open_logs_level_0: "Åpne logger på nivå 0 ved periodens slutt.",
    open_logs_level_1: "Åpne logger på nivå 1 (tiltak i egen tjeneste) ved periodens slutt.",
    open_logs_level_2: "Åpne logger på nivå 2 (to tjenester sammen) ved periodens slutt.",
    open_logs_level_3: "Åpne logger på nivå 3 (bredt samarbeid) ved periodens slutt.",
    worry_decision_median_days:
      "Hvor mange dager det tar fra en ansatt noterer en uro til det er bestemt hva som skal skje, for notater avgjort i perioden. Kortere tid betyr raskere hjelp til barnet.",
    worry_decided_within_deadline:
      "Andelen bekymringsnotater som ble avgjort innen fristen på 14 dager. Den viser om handlingsveilederens frist holder i praksis.",
    evaluations_on_time:
      "Andelen evalueringer planlagt i perioden som ble holdt senest {{grace}} dager etter planlagt dato. Evalueringer som ennå ikke er forfalt, telles ikke.",
    goal_score_first:
      "Gjennomsnittlig måloppnåelse (−2 til +2) ved første evaluering, for mål som er evaluert minst to ganger og sist i perioden.",
    goal_score_latest:
      "Gjennomsnittlig måloppnåelse ved siste evaluering for de samme målene. Dette er effekten for barnet, ikke aktiviteten rundt det.",
    goal_score_change:
      "Siste minus første: et positivt tall betyr at det går bedre med målene for barna.",
    closed_goals_reached:
      "Andelen logger avsluttet i perioden fordi målene var nådd, av alle logger som ble avsluttet.",
    transitions_carried_on:
      "Andelen overganger (for eksempel barnehage til skole) der den nye tjenesten tok imot stafettpinnen, av alle overganger som ble avgjort i perioden. Den viser om hjelpen holder uten brudd.",
    adoption_as_intended:
      "Andelen aktive enheter som i perioden brukte både stafettloggen, handlingsveilederen og BTS-nettverket. Erfaringen (60-30-10) tilsier at bare 10 % av nye ideer brukes som tenkt.",
    adoption_not_as_intended:
      "Andelen enheter som brukte én eller to av de tre delene. Erfaringen tilsier 30 %.",
    adoption_not_in_use:
      "Andelen enheter som ikke brukte noen av de tre delene i perioden. Erfaringen tilsier 60 %.",
    training_coverage:
      "Andelen aktive ansatte i aktive enheter som har deltatt på minst én opplæring før periodens slutt, som «n av m» i implementeringsoversikten.",
    feedback_handled:
      "Andelen tilbakemeldinger mottatt i perioden som er tatt inn, besvart eller avvist. Den viser om ansattes erfaringer faktisk brukes til å forbedre modellen.",
  },
  adoption: {
    intro:
      "En enhet bruker modellen som tenkt når den i perioden har brukt alle tre delene: stafettloggen (en logg enheten har eller er med i, med aktivitet), handlingsveilederen (et bekymringsnotat fra en ansatt, en sak om barn som pårørende eller en bekymringsmelding) og BTS-nettverket (oppmøte på et nettverksmøte).",
    caption: "Enhetene fordelt etter bruk, sammenlignet med 60-30-10-regelen",
    status: "Bruk",
    share: "Andel i kommunen",
    reference: "Erfaringstall (60-30-10)",
    statuses: {
      as_intended: "I bruk som tenkt",
      not_as_intended: "Tatt inn, men ikke som tenkt",
      not_in_use: "Tatt inn, men ikke i bruk",
    },
    perUnitCaption: "Bruk per enhet i perioden",
    relayLogs: "Stafettlogg",
    guide: "Veileder",
    networks: "BTS-nettverk",
    yes: "Ja",
    no: "Nei",
    units: "{{count}} aktive enheter",
  },
  series: {
    intro:
      "Utviklingen de siste halvårene for {{name}}. Diagrammet viser de samme tallene som tabellen under.",
    choose: "Indikator i diagrammet",
    show: "Vis",
    chartLabel: "{{indicator}} per halvår",
    caption: "{{indicator}} per halvår for {{name}}",
    halfYear: "{{year}} {{half}}. halvår",
    tableCaption: "Alle indikatorer per halvår for {{name}}",
  },
  noUnits: "Det finnes ingen aktive enheter å vise.",
  pager: {
    label: "Sider med enheter",
    previous: "Forrige side",
    next: "Neste side",
    position: "Side {{page}} av {{pages}}",
  },
  errors: {
    period:
      "Perioden må ha en gyldig fra- og til-dato, og til-datoen kan ikke være før fra-datoen.",
  },
  population: {
    title: "Befolkning",
    intro:
      "Antall barn og unge i kommunen per år og aldersgruppe. Tallene brukes til å anslå hvor mange barn som lever i vanskelige situasjoner. Legg dem inn for hånd eller importer en CSV-fil fra SSB.",
    readOnly: "Bare koordinatoren kan endre befolkningstallene.",
    empty:
      "Ingen befolkningstall er lagt inn ennå. Koordinatoren kan legge dem inn for hånd eller importere dem fra SSB (tabell 07459).",
    yearHeading: "{{year}}",
    children: "Barn 0–17 år: {{count}}",
    missingAges:
      "Tallene dekker ikke alderen {{ages}} år. Anslaget blir for lavt til de er lagt inn.",
    caption: "Aldersgrupper i {{year}}",
    columns: { ages: "Alder", count: "Antall", source: "Kilde" },
    ages: "{{from}}–{{to}} år",
    age: "{{age}} år",
    sources: { manual: "Lagt inn for hånd", ssb_import: "Importert fra SSB", mixed: "Blandet" },
    deleteYear: "Slett tallene for {{year}}",
    deleteConfirm: "Slett alle befolkningstall for {{year}}? Dette kan ikke angres.",
    deleted: "Befolkningstallene for året er slettet.",
    cancel: "Avbryt",
    manual: {
      heading: "Legg inn tall for hånd",
      help: "Skriv antallet for én aldersgruppe og ett år. Samme aldersgruppe på nytt erstatter tallet. Aldersgrupper kan ikke overlappe.",
      year: "År",
      ageFrom: "Fra alder",
      ageTo: "Til alder",
      count: "Antall barn og unge",
      submit: "Lagre tallet",
      saved: "Befolkningstallet er lagret.",
    },
    import: {
      heading: "Importer fra SSB",
      help: "Last ned tabell 07459 «Befolkning, etter region, kjønn, alder, år» for kommunen din fra ssb.no/statbank som semikolonseparert CSV (med eller uten overskrift). Velg alder år for år (eller aldersgrupper) og ett eller flere år. Årene i fila erstatter tallene du har for de samme årene.",
      file: "CSV-fil fra SSB",
      submit: "Importer",
      done: "Importen er fullført",
      formLong: "Fila var på lang form (én rad per alder og år).",
      formWide: "Fila var på bred form (én kolonne per år).",
      region: "Region: {{region}}",
      yearLine:
        "{{year}}: {{bands}} aldersgrupper, {{total}} personer 0–24 år, av dem {{children}} barn 0–17 år",
      skippedMissing: "{{count}} celler uten tall (som «..») ble hoppet over.",
      skippedOlder: "{{count}} rader for personer over 24 år ble ikke tatt med.",
      nothingWritten: "Ingenting ble lagret. Rett fila og prøv igjen.",
      errors: {
        no_file: "Velg en CSV-fil å importere.",
        too_large: "Fila er for stor. En fil for én kommune er vanligvis under 100 kB.",
        not_text: "Fila er ikke en tekstfil (CSV). Last ned tabellen som CSV fra SSB.",
        empty: "Fila er tom.",
        columns:
          "Fila har ikke kolonnene vi trenger. Vi ventet kolonnene {{expected}} (enten «år» på lang form eller én kolonne per år, som «Personer 2025», på bred form), men fant {{found}}.",
        regions:
          "Fila har tall for flere regioner ({{regions}}). Last ned tabellen for bare din kommune.",
        age: "Linje {{line}}: «{{value}}» er ikke en alder vi kjenner igjen. Bruk alder som «5 år» eller «0-4 år».",
        number: "Linje {{line}}: «{{value}}» er ikke et helt tall.",
        year: "Linje {{line}}: «{{value}}» er ikke et årstall.",
        overlap:
          "Aldersgruppene for {{year}} overlapper (gruppen {{band}} år). Velg enten ett og ett år eller grupper som ikke overlapper.",
        no_rows: "Fila har ingen rader med tall for alder og år.",
      },
    },
    errors: {
      year: "Skriv et årstall mellom 1990 og 2100.",
      age: "Skriv en alder fra 0 til 24 år.",
      ageOrder: "«Til alder» kan ikke være lavere enn «Fra alder».",
      count: "Skriv antallet som et helt tall, 0 eller mer.",
      overlap:
        "Aldersgruppen overlapper en gruppe du allerede har for dette året. Slett eller endre den andre først.",
    },
  },
  prevalence: {
    title: "Forekomst",
    intro:
      "Nasjonale tall for hvor stor andel av alle barn som lever i ulike vanskelige situasjoner. Standardtallene er hentet fra Nittedal kommunes lysark om usynlige barn. Sjekk kildene og oppdater tallene når det kommer nyere forskning.",
    readOnly: "Bare koordinatoren kan endre forekomsttallene.",
    caption: "Forekomsttall og kilder",
    columns: { label: "Situasjon", percent: "Andel av alle barn", source: "Kilde" },
    edit: "Endre «{{label}}»",
    label: "Hva tallet gjelder",
    percent: "Andel i prosent",
    percentHelp:
      "Et tall fra 0 til 100. Bruk komma eller punktum for desimaler, for eksempel 11,7.",
    source: "Kilde",
    sourceHelp: "Hvem som har tallet, hvilken rapport og hvilket år.",
    sourceUrl: "Lenke til kilden (valgfritt)",
    submit: "Lagre",
    saved: "Forekomsttallet er lagret.",
    errors: {
      label: "Skriv hva tallet gjelder.",
      percent: "Skriv andelen som et tall fra 0 til 100, for eksempel 11,7.",
      source: "Skriv kilden til tallet.",
      sourceUrl: "Lenken må begynne med https:// eller http://.",
    },
  },
  invisible: {
    title: "Usynlige barn",
    intro:
      "Hvor mange barn i kommunen lever sannsynligvis i vanskelige situasjoner, og hvor mange har Laget faktisk hjulpet? Anslaget er antall barn 0–17 år ganger nasjonale forekomsttall.",
    noPopulation:
      "Det er ikke lagt inn befolkningstall ennå, så anslaget kan ikke regnes ut. Legg inn tallene under «Befolkning».",
    population: "Barn og unge 0–17 år i {{year}}: {{count}}",
    populationSource: "Kilde for befolkningstallene: {{source}}",
    year: "År",
    chooseYear: "Vis år",
    caption: "Sannsynlig antall barn i kommunen i {{year}}",
    columns: {
      situation: "Situasjon",
      rate: "Forekomst",
      likely: "Sannsynlig antall barn",
      source: "Kilde",
    },
    likely: "ca. {{count}}",
    helpedHeading: "Barn Laget har hjulpet i {{year}}",
    helpedIntro:
      "Barn med en stafettlogg som var åpen en gang i løpet av året, og barn registrert i saker om barn som pårørende som ikke har egen logg. Tall under {{min}} vises ikke.",
    helpedLogs: "Barn med stafettlogg",
    helpedNextOfKin: "Barn som pårørende uten egen logg",
    helpedTotal: "I alt",
    helpedCaption: "Barn Laget har hjulpet i {{year}}",
    comparison:
      "Til sammenligning: anslaget for den største gruppen er ca. {{likely}} barn. Forskjellen viser hvor mange barn som kan være usynlige for tjenestene.",
    note: "Tallene er anslag. Ett barn kan leve i flere av situasjonene, så tallene kan ikke legges sammen.",
    links: {
      population: "Befolkning",
      prevalence: "Forekomsttall og kilder",
      heading: "Grunnlaget for anslaget",
    },
  },
};

export const nn: Widen<typeof nb> = {
  title: "Indikatorar",
  intro:
    "Indikatorane viser om modellen verkar for barna, ikkje berre kor mykje som blir gjort: kor raskt ei uro fører til ei avgjerd, om måla for barnet blir nådde, og om samarbeidet held over overgangar. Grupper med færre enn {{min}} saker blir ikkje viste, og ingen barn kan kjennast att.",
  introOwn:
    "Du ser tala for heile kommunen og for dine eigne einingar. Grupper med færre enn {{min}} saker blir ikkje viste.",
  filters: {
    heading: "Vel periode og utval",
    periodKind: "Periode",
    halfYear: "Halvår",
    year: "År",
    custom: "Eigen periode",
    halfYearLabel: "{{year}}, {{half}}. halvår",
    from: "Frå dato",
    to: "Til dato",
    dateHelp: "Skriv datoen som åååå-mm-dd, til dømes 2025-01-01.",
    scope: "Utval",
    all: "Heile kommunen",
    unit: "Eining",
    serviceType: "Tenestetype",
    chooseUnit: "Vel eining",
    chooseServiceType: "Vel tenestetype",
    apply: "Vis",
    reset: "Tilbake til standard",
  },
  period: "Periode: {{from}}–{{to}}",
  suppressed: "Skjult (færre enn {{min}})",
  suppressedShort: "skjult",
  notApplicable: "–",
  nCases: "n = {{n}}",
  value: {
    count: "{{value}}",
    percent: "{{value}} %",
    days: "{{value}} dagar",
    score: "{{value}}",
  },
  goalsDetail: "{{goals}} mål",
  cases: {
    logs: "stafettloggar",
    worry_notes: "uronotat",
    evaluations: "evalueringar",
    closed_logs: "avslutta loggar",
    transitions: "overgangar",
    units: "einingar",
    staff: "tilsette",
    feedback: "tilbakemeldingar",
  },
  columns: {
    indicator: "Indikator",
    value: "Verdi",
    n: "Tal bak talet (n)",
    group: "Gruppe",
    period: "Halvår",
  },
  sections: {
    municipality: "Heile kommunen",
    selection: "Utvalet",
    byServiceType: "Per tenestetype",
    byUnit: "Per eining",
    adoption: "Er modellen teken i bruk? (60-30-10)",
    series: "Over tid",
  },
  names: {
    open_logs_total: "Opne stafettloggar ved slutten av perioden",
    open_logs_level_0: "… på nivå 0",
    open_logs_level_1: "… på nivå 1",
    open_logs_level_2: "… på nivå 2",
    open_logs_level_3: "… på nivå 3",
    worry_decision_median_days: "Tid frå uro til avgjerd (median)",
    worry_decided_within_deadline: "Uro avgjord innan 14 dagar",
    evaluations_on_time: "Evalueringar haldne i tide",
    goal_score_first: "Måloppnåing ved første evaluering",
    goal_score_latest: "Måloppnåing ved siste evaluering",
    goal_score_change: "Endring i måloppnåing",
    closed_goals_reached: "Loggar avslutta med måla nådde",
    transitions_carried_on: "Overgangar der loggen vart ført vidare",
    adoption_as_intended: "Einingar som brukar modellen som tenkt",
    adoption_not_as_intended: "Einingar som har teke han inn, men ikkje som tenkt",
    adoption_not_in_use: "Einingar som har teke han inn, men ikkje brukar han",
    training_coverage: "Tilsette med opplæring",
    feedback_handled: "Tilbakemeldingar som er behandla",
  },
  explanations: {
    open_logs_total:
      "Kor mange barn som har ein open stafettlogg når perioden sluttar. Fordelinga på nivå viser om hjelpa blir sett inn tidleg (nivå 1) eller først når mange tenester må inn (nivå 3).",
    open_logs_level_0: "Opne loggar på nivå 0 ved slutten av perioden.",
    open_logs_level_1: "Opne loggar på nivå 1 (tiltak i eiga teneste) ved slutten av perioden.",
    open_logs_level_2: "Opne loggar på nivå 2 (to tenester saman) ved slutten av perioden.",
    open_logs_level_3: "Opne loggar på nivå 3 (breitt samarbeid) ved slutten av perioden.",
    worry_decision_median_days:
      "Kor mange dagar det tek frå ein tilsett noterer ei uro til det er bestemt kva som skal skje, for notat avgjorde i perioden. Kortare tid tyder raskare hjelp til barnet.",
    worry_decided_within_deadline:
      "Delen uronotat som vart avgjorde innan fristen på 14 dagar. Han viser om fristen i handlingsrettleiaren held i praksis.",
    evaluations_on_time:
      "Delen evalueringar planlagde i perioden som vart haldne seinast {{grace}} dagar etter planlagd dato. Evalueringar som enno ikkje har forfalle, blir ikkje talde.",
    goal_score_first:
      "Gjennomsnittleg måloppnåing (−2 til +2) ved første evaluering, for mål som er evaluerte minst to gonger og sist i perioden.",
    goal_score_latest:
      "Gjennomsnittleg måloppnåing ved siste evaluering for dei same måla. Dette er effekten for barnet, ikkje aktiviteten rundt det.",
    goal_score_change:
      "Siste minus første: eit positivt tal tyder at det går betre med måla for barna.",
    closed_goals_reached:
      "Delen loggar avslutta i perioden fordi måla var nådde, av alle loggar som vart avslutta.",
    transitions_carried_on:
      "Delen overgangar (til dømes barnehage til skule) der den nye tenesta tok imot stafettpinnen, av alle overgangar som vart avgjorde i perioden. Han viser om hjelpa held utan brot.",
    adoption_as_intended:
      "Delen aktive einingar som i perioden brukte både stafettloggen, handlingsrettleiaren og BTS-nettverket. Erfaringa (60-30-10) tilseier at berre 10 % av nye idear blir brukte som tenkt.",
    adoption_not_as_intended:
      "Delen einingar som brukte éin eller to av dei tre delane. Erfaringa tilseier 30 %.",
    adoption_not_in_use:
      "Delen einingar som ikkje brukte nokon av dei tre delane i perioden. Erfaringa tilseier 60 %.",
    training_coverage:
      "Delen aktive tilsette i aktive einingar som har vore på minst éi opplæring før slutten av perioden, som «n av m» i implementeringsoversikta.",
    feedback_handled:
      "Delen tilbakemeldingar mottekne i perioden som er tekne inn, svarte på eller avviste. Han viser om erfaringane til dei tilsette faktisk blir brukte til å betre modellen.",
  },
  adoption: {
    intro:
      "Ei eining brukar modellen som tenkt når ho i perioden har brukt alle tre delane: stafettloggen (ein logg eininga har eller er med i, med aktivitet), handlingsrettleiaren (eit uronotat frå ein tilsett, ei sak om barn som pårørande eller ei bekymringsmelding) og BTS-nettverket (oppmøte på eit nettverksmøte).",
    caption: "Einingane fordelte etter bruk, samanlikna med 60-30-10-regelen",
    status: "Bruk",
    share: "Del i kommunen",
    reference: "Erfaringstal (60-30-10)",
    statuses: {
      as_intended: "I bruk som tenkt",
      not_as_intended: "Teke inn, men ikkje som tenkt",
      not_in_use: "Teke inn, men ikkje i bruk",
    },
    perUnitCaption: "Bruk per eining i perioden",
    relayLogs: "Stafettlogg",
    guide: "Rettleiar",
    networks: "BTS-nettverk",
    yes: "Ja",
    no: "Nei",
    units: "{{count}} aktive einingar",
  },
  series: {
    intro:
      "Utviklinga dei siste halvåra for {{name}}. Diagrammet viser dei same tala som tabellen under.",
    choose: "Indikator i diagrammet",
    show: "Vis",
    chartLabel: "{{indicator}} per halvår",
    caption: "{{indicator}} per halvår for {{name}}",
    halfYear: "{{year}} {{half}}. halvår",
    tableCaption: "Alle indikatorar per halvår for {{name}}",
  },
  noUnits: "Det finst ingen aktive einingar å vise.",
  pager: {
    label: "Sider med einingar",
    previous: "Førre side",
    next: "Neste side",
    position: "Side {{page}} av {{pages}}",
  },
  errors: {
    period:
      "Perioden må ha ein gyldig frå- og til-dato, og til-datoen kan ikkje vere før frå-datoen.",
  },
  population: {
    title: "Folketal",
    intro:
      "Talet på barn og unge i kommunen per år og aldersgruppe. Tala blir brukte til å anslå kor mange barn som lever i vanskelege situasjonar. Legg dei inn for hand eller importer ei CSV-fil frå SSB.",
    readOnly: "Berre koordinatoren kan endre folketala.",
    empty:
      "Ingen folketal er lagde inn enno. Koordinatoren kan leggje dei inn for hand eller importere dei frå SSB (tabell 07459).",
    yearHeading: "{{year}}",
    children: "Barn 0–17 år: {{count}}",
    missingAges:
      "Tala dekkjer ikkje alderen {{ages}} år. Anslaget blir for lågt til dei er lagde inn.",
    caption: "Aldersgrupper i {{year}}",
    columns: { ages: "Alder", count: "Tal", source: "Kjelde" },
    ages: "{{from}}–{{to}} år",
    age: "{{age}} år",
    sources: { manual: "Lagt inn for hand", ssb_import: "Importert frå SSB", mixed: "Blanda" },
    deleteYear: "Slett tala for {{year}}",
    deleteConfirm: "Slette alle folketal for {{year}}? Dette kan ikkje angrast.",
    deleted: "Folketala for året er sletta.",
    cancel: "Avbryt",
    manual: {
      heading: "Legg inn tal for hand",
      help: "Skriv talet for éi aldersgruppe og eitt år. Same aldersgruppe på nytt erstattar talet. Aldersgrupper kan ikkje overlappe.",
      year: "År",
      ageFrom: "Frå alder",
      ageTo: "Til alder",
      count: "Tal på barn og unge",
      submit: "Lagre talet",
      saved: "Folketalet er lagra.",
    },
    import: {
      heading: "Importer frå SSB",
      help: "Last ned tabell 07459 «Befolkning, etter region, kjønn, alder, år» for kommunen din frå ssb.no/statbank som semikolonseparert CSV (med eller utan overskrift). Vel alder år for år (eller aldersgrupper) og eitt eller fleire år. Åra i fila erstattar tala du har for dei same åra.",
      file: "CSV-fil frå SSB",
      submit: "Importer",
      done: "Importen er fullført",
      formLong: "Fila var på lang form (éi rad per alder og år).",
      formWide: "Fila var på brei form (éin kolonne per år).",
      region: "Region: {{region}}",
      yearLine:
        "{{year}}: {{bands}} aldersgrupper, {{total}} personar 0–24 år, av dei {{children}} barn 0–17 år",
      skippedMissing: "{{count}} celler utan tal (som «..») vart hoppa over.",
      skippedOlder: "{{count}} rader for personar over 24 år vart ikkje tekne med.",
      nothingWritten: "Ingenting vart lagra. Rett fila og prøv igjen.",
      errors: {
        no_file: "Vel ei CSV-fil å importere.",
        too_large: "Fila er for stor. Ei fil for éin kommune er vanlegvis under 100 kB.",
        not_text: "Fila er ikkje ei tekstfil (CSV). Last ned tabellen som CSV frå SSB.",
        empty: "Fila er tom.",
        columns:
          "Fila har ikkje kolonnane vi treng. Vi venta kolonnane {{expected}} (anten «år» på lang form eller éin kolonne per år, som «Personer 2025», på brei form), men fann {{found}}.",
        regions:
          "Fila har tal for fleire regionar ({{regions}}). Last ned tabellen for berre din kommune.",
        age: "Linje {{line}}: «{{value}}» er ikkje ein alder vi kjenner att. Bruk alder som «5 år» eller «0-4 år».",
        number: "Linje {{line}}: «{{value}}» er ikkje eit heilt tal.",
        year: "Linje {{line}}: «{{value}}» er ikkje eit årstal.",
        overlap:
          "Aldersgruppene for {{year}} overlappar (gruppa {{band}} år). Vel anten eitt og eitt år eller grupper som ikkje overlappar.",
        no_rows: "Fila har ingen rader med tal for alder og år.",
      },
    },
    errors: {
      year: "Skriv eit årstal mellom 1990 og 2100.",
      age: "Skriv ein alder frå 0 til 24 år.",
      ageOrder: "«Til alder» kan ikkje vere lågare enn «Frå alder».",
      count: "Skriv talet som eit heilt tal, 0 eller meir.",
      overlap:
        "Aldersgruppa overlappar ei gruppe du alt har for dette året. Slett eller endre den andre først.",
    },
  },
  prevalence: {
    title: "Førekomst",
    intro:
      "Nasjonale tal for kor stor del av alle barn som lever i ulike vanskelege situasjonar. Standardtala er henta frå lysarka til Nittedal kommune om usynlege barn. Sjekk kjeldene og oppdater tala når det kjem nyare forsking.",
    readOnly: "Berre koordinatoren kan endre førekomsttala.",
    caption: "Førekomsttal og kjelder",
    columns: { label: "Situasjon", percent: "Del av alle barn", source: "Kjelde" },
    edit: "Endre «{{label}}»",
    label: "Kva talet gjeld",
    percent: "Del i prosent",
    percentHelp: "Eit tal frå 0 til 100. Bruk komma eller punktum for desimalar, til dømes 11,7.",
    source: "Kjelde",
    sourceHelp: "Kven som har talet, kva rapport og kva år.",
    sourceUrl: "Lenkje til kjelda (valfritt)",
    submit: "Lagre",
    saved: "Førekomsttalet er lagra.",
    errors: {
      label: "Skriv kva talet gjeld.",
      percent: "Skriv delen som eit tal frå 0 til 100, til dømes 11,7.",
      source: "Skriv kjelda til talet.",
      sourceUrl: "Lenkja må byrje med https:// eller http://.",
    },
  },
  invisible: {
    title: "Usynlege barn",
    intro:
      "Kor mange barn i kommunen lever truleg i vanskelege situasjonar, og kor mange har Laget faktisk hjelpt? Anslaget er talet på barn 0–17 år gonger nasjonale førekomsttal.",
    noPopulation:
      "Det er ikkje lagt inn folketal enno, så anslaget kan ikkje reknast ut. Legg inn tala under «Folketal».",
    population: "Barn og unge 0–17 år i {{year}}: {{count}}",
    populationSource: "Kjelde for folketala: {{source}}",
    year: "År",
    chooseYear: "Vis år",
    caption: "Truleg tal på barn i kommunen i {{year}}",
    columns: {
      situation: "Situasjon",
      rate: "Førekomst",
      likely: "Truleg tal på barn",
      source: "Kjelde",
    },
    likely: "ca. {{count}}",
    helpedHeading: "Barn Laget har hjelpt i {{year}}",
    helpedIntro:
      "Barn med ein stafettlogg som var open ein gong i løpet av året, og barn registrerte i saker om barn som pårørande som ikkje har eigen logg. Tal under {{min}} blir ikkje viste.",
    helpedLogs: "Barn med stafettlogg",
    helpedNextOfKin: "Barn som pårørande utan eigen logg",
    helpedTotal: "I alt",
    helpedCaption: "Barn Laget har hjelpt i {{year}}",
    comparison:
      "Til samanlikning: anslaget for den største gruppa er ca. {{likely}} barn. Skilnaden viser kor mange barn som kan vere usynlege for tenestene.",
    note: "Tala er anslag. Eitt barn kan leve i fleire av situasjonane, så tala kan ikkje leggjast saman.",
    links: {
      population: "Folketal",
      prevalence: "Førekomsttal og kjelder",
      heading: "Grunnlaget for anslaget",
    },
  },
};

export const en: Widen<typeof nb> = {
  title: "Indicators",
  intro:
    "The indicators show whether the model works for the children, not just how much is done: how fast a worry leads to a decision, whether the child's goals are reached, and whether cooperation holds across transitions. Groups with fewer than {{min}} cases are not shown, and no child can be recognised.",
  introOwn:
    "You see the figures for the whole municipality and for your own units. Groups with fewer than {{min}} cases are not shown.",
  filters: {
    heading: "Choose period and selection",
    periodKind: "Period",
    halfYear: "Half-year",
    year: "Year",
    custom: "Custom period",
    halfYearLabel: "{{year}}, half-year {{half}}",
    from: "From date",
    to: "To date",
    dateHelp: "Write the date as yyyy-mm-dd, for example 2025-01-01.",
    scope: "Selection",
    all: "The whole municipality",
    unit: "Unit",
    serviceType: "Service type",
    chooseUnit: "Choose unit",
    chooseServiceType: "Choose service type",
    apply: "Show",
    reset: "Back to default",
  },
  period: "Period: {{from}}–{{to}}",
  suppressed: "Hidden (fewer than {{min}})",
  suppressedShort: "hidden",
  notApplicable: "–",
  nCases: "n = {{n}}",
  value: {
    count: "{{value}}",
    percent: "{{value}} %",
    days: "{{value}} days",
    score: "{{value}}",
  },
  goalsDetail: "{{goals}} goals",
  cases: {
    logs: "relay logs",
    worry_notes: "worry notes",
    evaluations: "evaluations",
    closed_logs: "closed logs",
    transitions: "transitions",
    units: "units",
    staff: "staff",
    feedback: "feedback items",
  },
  columns: {
    indicator: "Indicator",
    value: "Value",
    n: "Cases behind the figure (n)",
    group: "Group",
    period: "Half-year",
  },
  sections: {
    municipality: "The whole municipality",
    selection: "The selection",
    byServiceType: "By service type",
    byUnit: "By unit",
    adoption: "Is the model in use? (60-30-10)",
    series: "Over time",
  },
  names: {
    open_logs_total: "Open relay logs at the end of the period",
    open_logs_level_0: "… at level 0",
    open_logs_level_1: "… at level 1",
    open_logs_level_2: "… at level 2",
    open_logs_level_3: "… at level 3",
    worry_decision_median_days: "Time from worry to decision (median)",
    worry_decided_within_deadline: "Worries decided within 14 days",
    evaluations_on_time: "Evaluations held on time",
    goal_score_first: "Goal attainment at the first evaluation",
    goal_score_latest: "Goal attainment at the latest evaluation",
    goal_score_change: "Change in goal attainment",
    closed_goals_reached: "Logs closed with the goals reached",
    transitions_carried_on: "Transitions where the log was carried on",
    adoption_as_intended: "Units using the model as intended",
    adoption_not_as_intended: "Units that took it in, but not as intended",
    adoption_not_in_use: "Units that took it in, but do not use it",
    training_coverage: "Staff with training",
    feedback_handled: "Feedback handled",
  },
  explanations: {
    open_logs_total:
      "How many children have an open relay log when the period ends. The split by level shows whether help comes early (level 1) or only when many services must step in (level 3).",
    open_logs_level_0: "Open logs at level 0 at the end of the period.",
    open_logs_level_1:
      "Open logs at level 1 (measures in one's own service) at the end of the period.",
    open_logs_level_2: "Open logs at level 2 (two services together) at the end of the period.",
    open_logs_level_3: "Open logs at level 3 (broad cooperation) at the end of the period.",
    worry_decision_median_days:
      "How many days pass from an employee noting a worry to deciding what happens, for notes decided in the period. Less time means faster help for the child.",
    worry_decided_within_deadline:
      "The share of worry notes decided within the 14-day deadline. It shows whether the guide's deadline holds in practice.",
    evaluations_on_time:
      "The share of evaluations planned in the period that were held at most {{grace}} days after the planned date. Evaluations not yet due are not counted.",
    goal_score_first:
      "Mean goal attainment (−2 to +2) at the first evaluation, for goals evaluated at least twice and last in the period.",
    goal_score_latest:
      "Mean goal attainment at the latest evaluation for the same goals. This is the effect for the child, not the activity around it.",
    goal_score_change:
      "Latest minus first: a positive number means the children's goals are going better.",
    closed_goals_reached:
      "The share of logs closed in the period because the goals were reached, of all logs closed.",
    transitions_carried_on:
      "The share of transitions (for example kindergarten to school) where the new service accepted the baton, of all transitions decided in the period. It shows whether help continues without a break.",
    adoption_as_intended:
      "The share of active units that in the period used the relay log, the guide and the BTS network. Experience (60-30-10) says only 10 % of new ideas are used as intended.",
    adoption_not_as_intended:
      "The share of units that used one or two of the three parts. Experience says 30 %.",
    adoption_not_in_use:
      "The share of units that used none of the three parts in the period. Experience says 60 %.",
    training_coverage:
      "The share of active staff in active units who attended at least one training event before the end of the period, like «n of m» in the implementation overview.",
    feedback_handled:
      "The share of feedback received in the period that was taken in, answered or rejected. It shows whether staff experience is actually used to improve the model.",
  },
  adoption: {
    intro:
      "A unit uses the model as intended when in the period it used all three parts: the relay log (a log the unit holds or takes part in, with activity), the guide (a worry note by an employee, a children-as-next-of-kin case or a report to child welfare) and the BTS network (attending a network meeting).",
    caption: "Units by use, compared with the 60-30-10 rule",
    status: "Use",
    share: "Share in the municipality",
    reference: "Rule of thumb (60-30-10)",
    statuses: {
      as_intended: "In use as intended",
      not_as_intended: "Taken in, but not as intended",
      not_in_use: "Taken in, but not in use",
    },
    perUnitCaption: "Use per unit in the period",
    relayLogs: "Relay log",
    guide: "Guide",
    networks: "BTS network",
    yes: "Yes",
    no: "No",
    units: "{{count}} active units",
  },
  series: {
    intro:
      "The development over the last half-years for {{name}}. The chart shows the same figures as the table below.",
    choose: "Indicator in the chart",
    show: "Show",
    chartLabel: "{{indicator}} per half-year",
    caption: "{{indicator}} per half-year for {{name}}",
    halfYear: "{{year}} half-year {{half}}",
    tableCaption: "All indicators per half-year for {{name}}",
  },
  noUnits: "There are no active units to show.",
  pager: {
    label: "Pages of units",
    previous: "Previous page",
    next: "Next page",
    position: "Page {{page}} of {{pages}}",
  },
  errors: {
    period:
      "The period needs a valid from and to date, and the to date cannot be before the from date.",
  },
  population: {
    title: "Population",
    intro:
      "The number of children and young people in the municipality by year and age band. The figures are used to estimate how many children live in difficult situations. Enter them by hand or import a CSV file from Statistics Norway (SSB).",
    readOnly: "Only the coordinator can change the population figures.",
    empty:
      "No population figures have been entered yet. The coordinator can enter them by hand or import them from Statistics Norway (table 07459).",
    yearHeading: "{{year}}",
    children: "Children 0–17: {{count}}",
    missingAges:
      "The figures do not cover age {{ages}}. The estimate is too low until they are entered.",
    caption: "Age bands in {{year}}",
    columns: { ages: "Age", count: "Number", source: "Source" },
    ages: "{{from}}–{{to}} years",
    age: "{{age}} years",
    sources: { manual: "Entered by hand", ssb_import: "Imported from SSB", mixed: "Mixed" },
    deleteYear: "Delete the figures for {{year}}",
    deleteConfirm: "Delete all population figures for {{year}}? This cannot be undone.",
    deleted: "The population figures for the year have been deleted.",
    cancel: "Cancel",
    manual: {
      heading: "Enter figures by hand",
      help: "Write the number for one age band and one year. The same band again replaces the number. Age bands cannot overlap.",
      year: "Year",
      ageFrom: "From age",
      ageTo: "To age",
      count: "Number of children and young people",
      submit: "Save the figure",
      saved: "The population figure has been saved.",
    },
    import: {
      heading: "Import from Statistics Norway",
      help: "Download table 07459 «Befolkning, etter region, kjønn, alder, år» for your municipality from ssb.no/statbank as semicolon-separated CSV (with or without a heading). Choose age year by year (or age bands) and one or more years. The years in the file replace the figures you have for the same years.",
      file: "CSV file from SSB",
      submit: "Import",
      done: "The import is complete",
      formLong: "The file was in long form (one row per age and year).",
      formWide: "The file was in wide form (one column per year).",
      region: "Region: {{region}}",
      yearLine:
        "{{year}}: {{bands}} age bands, {{total}} people aged 0–24, of whom {{children}} children 0–17",
      skippedMissing: "{{count}} cells without a number (like «..») were skipped.",
      skippedOlder: "{{count}} rows for people over 24 were left out.",
      nothingWritten: "Nothing was saved. Correct the file and try again.",
      errors: {
        no_file: "Choose a CSV file to import.",
        too_large: "The file is too large. A file for one municipality is usually under 100 kB.",
        not_text: "The file is not a text (CSV) file. Download the table as CSV from SSB.",
        empty: "The file is empty.",
        columns:
          "The file does not have the columns we need. We expected the columns {{expected}} (either «år» in long form or one column per year, like «Personer 2025», in wide form), but found {{found}}.",
        regions:
          "The file has figures for several regions ({{regions}}). Download the table for your municipality only.",
        age: "Line {{line}}: «{{value}}» is not an age we recognise. Use ages like «5 år» or «0-4 år».",
        number: "Line {{line}}: «{{value}}» is not a whole number.",
        year: "Line {{line}}: «{{value}}» is not a year.",
        overlap:
          "The age bands for {{year}} overlap (the band {{band}}). Choose either single years or bands that do not overlap.",
        no_rows: "The file has no rows with figures for age and year.",
      },
    },
    errors: {
      year: "Write a year between 1990 and 2100.",
      age: "Write an age from 0 to 24.",
      ageOrder: "«To age» cannot be lower than «From age».",
      count: "Write the number as a whole number, 0 or more.",
      overlap:
        "The age band overlaps a band you already have for this year. Delete or change the other first.",
    },
  },
  prevalence: {
    title: "Prevalence",
    intro:
      "National figures for the share of all children living in different difficult situations. The defaults come from Nittedal municipality's slides on invisible children. Check the sources and update the figures when newer research appears.",
    readOnly: "Only the coordinator can change the prevalence figures.",
    caption: "Prevalence figures and sources",
    columns: { label: "Situation", percent: "Share of all children", source: "Source" },
    edit: "Change «{{label}}»",
    label: "What the figure is about",
    percent: "Share in percent",
    percentHelp: "A number from 0 to 100. Use a comma or a point for decimals, for example 11.7.",
    source: "Source",
    sourceHelp: "Who published the figure, which report and which year.",
    sourceUrl: "Link to the source (optional)",
    submit: "Save",
    saved: "The prevalence figure has been saved.",
    errors: {
      label: "Write what the figure is about.",
      percent: "Write the share as a number from 0 to 100, for example 11.7.",
      source: "Write the source of the figure.",
      sourceUrl: "The link must start with https:// or http://.",
    },
  },
  invisible: {
    title: "Invisible children",
    intro:
      "How many children in the municipality are likely to live in difficult situations, and how many has Laget actually helped? The estimate is the number of children aged 0–17 times national prevalence rates.",
    noPopulation:
      "No population figures have been entered yet, so the estimate cannot be computed. Enter them under «Population».",
    population: "Children and young people aged 0–17 in {{year}}: {{count}}",
    populationSource: "Source of the population figures: {{source}}",
    year: "Year",
    chooseYear: "Show year",
    caption: "Likely number of children in the municipality in {{year}}",
    columns: {
      situation: "Situation",
      rate: "Prevalence",
      likely: "Likely number of children",
      source: "Source",
    },
    likely: "about {{count}}",
    helpedHeading: "Children Laget has helped in {{year}}",
    helpedIntro:
      "Children with a relay log open at some time during the year, and children registered in children-as-next-of-kin cases without a log of their own. Figures under {{min}} are not shown.",
    helpedLogs: "Children with a relay log",
    helpedNextOfKin: "Children as next of kin without a log",
    helpedTotal: "In all",
    helpedCaption: "Children Laget has helped in {{year}}",
    comparison:
      "For comparison: the estimate for the largest group is about {{likely}} children. The gap shows how many children may be invisible to the services.",
    note: "The figures are estimates. One child can live in several of the situations, so the figures cannot be added up.",
    links: {
      population: "Population",
      prevalence: "Prevalence figures and sources",
      heading: "What the estimate is based on",
    },
  },
};
