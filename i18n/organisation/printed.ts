import type { Widen } from "../widen.ts";

/**
 * Organisation catalog: printed. Keys: organisation.printed.*: the page /organisering/trykksaker
 * and every text printed on the A3 poster and the two A5 leaflets (pdf.*).
 * Bokmål is the source; nynorsk and English match it key for key.
 */
export const nb = {
  title: "Trykksaker",
  intro:
    "Plakaten og foldene lages fra den publiserte handlingsveilederen hver gang du laster dem ned. Når en ny versjon er publisert, er trykksakene oppdatert med en gang, uten at kommunen må betale en designer.",
  publishedOnly:
    "Bare publiserte versjoner kommer med. Utkast og versjoner som venter på godkjenning, kommer ikke med før de er publisert.",
  help: "Brukerveiledning: Plakat og brosjyrer",
  home: "Tilbake til startsiden",
  editGuide: "Gå til innholdet i veilederen",
  address: {
    heading: "Adressen på trykksakene",
    intro: "Adressen og QR-koden på trykksakene peker hit:",
    staff: "Veilederen for ansatte",
    guardians: "Sidene for foresatte",
    fromConfig: "Dette er Lagets offentlige adresse, slik den er satt opp for kommunen.",
    fromRequest:
      "Laget har ingen fast offentlig adresse satt opp, så adressen du bruker nå, er brukt. Be systemansvarlig sette PUBLIC_URL hvis trykksakene skal vise en annen adresse.",
  },
  language: {
    nb: "Trykksakene lages på bokmål.",
    other: "Trykksakene lages på {{language}} der veilederen er oversatt, ellers på bokmål.",
  },
  languageName: {
    nb: "bokmål",
    nn: "nynorsk",
    en: "engelsk",
  },
  documents: {
    poster: {
      title: "Plakat A3: nivåene i BTI",
      description:
        "Nivå 0 til 3 i hver sin kolonne med nummeret skrevet stort, tittel, kort oppsummering og stegene, med hvem og når der det er kort nok. Nederst står adressen til veilederen og en QR-kode.",
      print: "Skriv ut på A3 stående, eller send filen til et trykkeri.",
    },
    staffLeaflet: {
      title: "Folder A5 for ansatte",
      description:
        "Hva BTI og BTS er, nivåene kort, stegene fra bekymring til handling, hvem du kan kontakte, og adressen til veilederen med QR-kode.",
      print:
        "Fire A5-sider i lesrekkefølge: forside, innside venstre, innside høyre og bakside. Skriv ut som hefte (brosjyre) på A4 tosidig og brett på midten.",
    },
    guardianLeaflet: {
      title: "Folder A5 for foresatte",
      description:
        "På enkelt språk: hva kommunen gjør når noen er bekymret for et barn, stafettloggen, samtykke og rettighetene dine, og hvor du kan lese mer, med QR-kode til sidene for foresatte.",
      print:
        "Fire A5-sider i lesrekkefølge. Skriv ut som hefte (brosjyre) på A4 tosidig og brett på midten.",
    },
  },
  download: "Last ned {{title}}",
  fileHint_one: "PDF, {{paper}}, {{count}} side",
  fileHint_other: "PDF, {{paper}}, {{count}} sider",
  lastPublished: "Sist publisert {{date}}",
  sources: {
    summary_one: "Bygger på {{count}} publisert side",
    summary_other: "Bygger på {{count}} publiserte sider",
    caption: "Publiserte sider i {{title}}",
    page: "Side",
    kind: "Type",
    version: "Versjon",
    published: "Publisert",
  },
  kind: {
    model: "Modell",
    level: "Nivå",
    step: "Steg",
    article: "Side",
    guardian: "For foresatte",
  },
  noLevels:
    "Veilederen har ingen publiserte nivåer ennå. Publiser nivåene i handlingsveilederen først, så kan plakaten og folderen for ansatte lages.",
  noGuardianPages:
    "Veilederen har ingen publiserte sider for foresatte ennå. Publiser sidene for foresatte først, så kan folderen for foresatte lages.",
  pdf: {
    programme: "Bedre tverrfaglig innsats",
    docTitle: "{{programme}} – {{municipality}}",
    posterSubject: "Plakat: nivå 0 til 3 i handlingsveilederen",
    posterSubtitle: "Fra bekymring til handling: nivåene i handlingsveilederen",
    levelLabel: "Nivå {{number}}",
    who: "Hvem",
    when: "Når",
    readMoreStaff: "Les hele veilederen",
    readMoreGuardians: "Les mer på nett",
    scan: "Skann QR-koden med kameraet på mobilen, eller skriv adressen i nettleseren.",
    qrAlt: "QR-kode til {{address}}",
    madeFrom: "Laget fra den publiserte handlingsveilederen. Sist publisert {{date}}.",
    pageNumber: "Side {{number}} av {{count}}",
    staffTitle: "{{programme}} – folder for ansatte – {{municipality}}",
    staffSubject: "Folder for ansatte om BTI og handlingsveilederen",
    staffSubtitle: "Fra bekymring til handling, for deg som jobber med barn, unge og familier",
    whatIsBti: "Hva er BTI?",
    whatIsBts: "Hva er BTS?",
    btiFallback:
      "BTI står for bedre tverrfaglig innsats. Det er måten kommunens ansatte jobber på når de er bekymret for et barn: tidlig, sammen med familien og samordnet mellom tjenestene.",
    levelsHeading: "Nivåene i BTI",
    worryToAction: "Fra bekymring til handling",
    urgentHeading: "Haster det?",
    urgent:
      "Er barnet i akutt fare, ring 112. Mistenker du vold, seksuelle overgrep eller alvorlig omsorgssvikt, skal du melde fra til barneverntjenesten med en gang.",
    contactHeading: "Hvem kan du kontakte?",
    contactIntro: "{{municipality}}:",
    email: "E-post: {{email}}",
    phone: "Telefon: {{phone}}",
    contactStaffFallback:
      "Spør nærmeste leder eller BTS-kontakten i virksomheten din. BTI-koordinatoren i kommunen hjelper deg også.",
    guardianHeading: "Når noen er bekymret for barnet ditt",
    guardianTitle: "{{heading}} – folder for foresatte – {{municipality}}",
    guardianSubject: "Folder for foresatte om hva kommunen gjør når noen er bekymret for et barn",
    guardianSubtitle: "Informasjon til foreldre og foresatte",
    contactGuardiansFallback:
      "Snakk med barnehagen, skolen eller helsestasjonen. De hjelper deg videre.",
    emergency: "Er barnet i akutt fare, ring 112.",
  },
};

export const nn: Widen<typeof nb> = {
  title: "Trykksaker",
  intro:
    "Plakaten og faldarane blir laga frå den publiserte handlingsrettleiaren kvar gong du lastar dei ned. Når ein ny versjon er publisert, er trykksakene oppdaterte med ein gong, utan at kommunen må betale ein designar.",
  publishedOnly:
    "Berre publiserte versjonar kjem med. Utkast og versjonar som ventar på godkjenning, kjem ikkje med før dei er publiserte.",
  help: "Brukarrettleiing: Plakat og brosjyrar",
  home: "Tilbake til startsida",
  editGuide: "Gå til innhaldet i rettleiaren",
  address: {
    heading: "Adressa på trykksakene",
    intro: "Adressa og QR-koden på trykksakene peikar hit:",
    staff: "Rettleiaren for tilsette",
    guardians: "Sidene for føresette",
    fromConfig: "Dette er den offentlege adressa til Laget, slik ho er sett opp for kommunen.",
    fromRequest:
      "Laget har inga fast offentleg adresse sett opp, så adressa du brukar no, er brukt. Be systemansvarleg setje PUBLIC_URL viss trykksakene skal vise ei anna adresse.",
  },
  language: {
    nb: "Trykksakene blir laga på bokmål.",
    other: "Trykksakene blir laga på {{language}} der rettleiaren er omsett, elles på bokmål.",
  },
  languageName: {
    nb: "bokmål",
    nn: "nynorsk",
    en: "engelsk",
  },
  documents: {
    poster: {
      title: "Plakat A3: nivåa i BTI",
      description:
        "Nivå 0 til 3 i kvar sin kolonne med nummeret skrive stort, tittel, kort samandrag og stega, med kven og når der det er kort nok. Nedst står adressa til rettleiaren og ein QR-kode.",
      print: "Skriv ut på A3 ståande, eller send fila til eit trykkeri.",
    },
    staffLeaflet: {
      title: "Faldar A5 for tilsette",
      description:
        "Kva BTI og BTS er, nivåa kort, stega frå uro til handling, kven du kan kontakte, og adressa til rettleiaren med QR-kode.",
      print:
        "Fire A5-sider i lesefølgje: framside, innside venstre, innside høgre og bakside. Skriv ut som hefte (brosjyre) på A4 tosidig og brett på midten.",
    },
    guardianLeaflet: {
      title: "Faldar A5 for føresette",
      description:
        "På enkelt språk: kva kommunen gjer når nokon er uroa for eit barn, stafettloggen, samtykke og rettane dine, og kvar du kan lese meir, med QR-kode til sidene for føresette.",
      print:
        "Fire A5-sider i lesefølgje. Skriv ut som hefte (brosjyre) på A4 tosidig og brett på midten.",
    },
  },
  download: "Last ned {{title}}",
  fileHint_one: "PDF, {{paper}}, {{count}} side",
  fileHint_other: "PDF, {{paper}}, {{count}} sider",
  lastPublished: "Sist publisert {{date}}",
  sources: {
    summary_one: "Byggjer på {{count}} publisert side",
    summary_other: "Byggjer på {{count}} publiserte sider",
    caption: "Publiserte sider i {{title}}",
    page: "Side",
    kind: "Type",
    version: "Versjon",
    published: "Publisert",
  },
  kind: {
    model: "Modell",
    level: "Nivå",
    step: "Steg",
    article: "Side",
    guardian: "For føresette",
  },
  noLevels:
    "Rettleiaren har ingen publiserte nivå enno. Publiser nivåa i handlingsrettleiaren først, så kan plakaten og faldaren for tilsette lagast.",
  noGuardianPages:
    "Rettleiaren har ingen publiserte sider for føresette enno. Publiser sidene for føresette først, så kan faldaren for føresette lagast.",
  pdf: {
    programme: "Betre tverrfagleg innsats",
    docTitle: "{{programme}} – {{municipality}}",
    posterSubject: "Plakat: nivå 0 til 3 i handlingsrettleiaren",
    posterSubtitle: "Frå uro til handling: nivåa i handlingsrettleiaren",
    levelLabel: "Nivå {{number}}",
    who: "Kven",
    when: "Når",
    readMoreStaff: "Les heile rettleiaren",
    readMoreGuardians: "Les meir på nett",
    scan: "Skann QR-koden med kameraet på mobilen, eller skriv adressa i nettlesaren.",
    qrAlt: "QR-kode til {{address}}",
    madeFrom: "Laga frå den publiserte handlingsrettleiaren. Sist publisert {{date}}.",
    pageNumber: "Side {{number}} av {{count}}",
    staffTitle: "{{programme}} – faldar for tilsette – {{municipality}}",
    staffSubject: "Faldar for tilsette om BTI og handlingsrettleiaren",
    staffSubtitle: "Frå uro til handling, for deg som arbeider med barn, unge og familiar",
    whatIsBti: "Kva er BTI?",
    whatIsBts: "Kva er BTS?",
    btiFallback:
      "BTI står for betre tverrfagleg innsats. Det er måten dei tilsette i kommunen arbeider på når dei er uroa for eit barn: tidleg, saman med familien og samordna mellom tenestene.",
    levelsHeading: "Nivåa i BTI",
    worryToAction: "Frå uro til handling",
    urgentHeading: "Hastar det?",
    urgent:
      "Er barnet i akutt fare, ring 112. Mistenkjer du vald, seksuelle overgrep eller alvorleg omsorgssvikt, skal du melde frå til barnevernstenesta med ein gong.",
    contactHeading: "Kven kan du kontakte?",
    contactIntro: "{{municipality}}:",
    email: "E-post: {{email}}",
    phone: "Telefon: {{phone}}",
    contactStaffFallback:
      "Spør næraste leiar eller BTS-kontakten i verksemda di. BTI-koordinatoren i kommunen hjelper deg òg.",
    guardianHeading: "Når nokon er uroa for barnet ditt",
    guardianTitle: "{{heading}} – faldar for føresette – {{municipality}}",
    guardianSubject: "Faldar for føresette om kva kommunen gjer når nokon er uroa for eit barn",
    guardianSubtitle: "Informasjon til foreldre og føresette",
    contactGuardiansFallback:
      "Snakk med barnehagen, skulen eller helsestasjonen. Dei hjelper deg vidare.",
    emergency: "Er barnet i akutt fare, ring 112.",
  },
};

export const en: Widen<typeof nb> = {
  title: "Printed material",
  intro:
    "The poster and the leaflets are made from the published action guide every time you download them. When a new version is published, the printed material is up to date at once, without the municipality paying a designer.",
  publishedOnly:
    "Only published versions are used. Drafts and versions waiting for approval are left out until they are published.",
  help: "User guide: Poster and leaflets",
  home: "Back to the start page",
  editGuide: "Go to the guide's content",
  address: {
    heading: "The address on the printed material",
    intro: "The address and the QR code on the printed material point here:",
    staff: "The guide for staff",
    guardians: "The pages for guardians",
    fromConfig: "This is Laget's public address, as set up for the municipality.",
    fromRequest:
      "Laget has no fixed public address set up, so the address you are using now is used. Ask the system administrator to set PUBLIC_URL if the printed material should show another address.",
  },
  language: {
    nb: "The printed material is made in Norwegian Bokmål.",
    other:
      "The printed material is made in {{language}} where the guide is translated, otherwise in Norwegian Bokmål.",
  },
  languageName: {
    nb: "Norwegian Bokmål",
    nn: "Norwegian Nynorsk",
    en: "English",
  },
  documents: {
    poster: {
      title: "A3 poster: the BTI levels",
      description:
        "Levels 0 to 3, each in its own column with its number written large, its title, a short summary and its steps, with who and when where they are short enough. At the bottom, the guide's address and a QR code.",
      print: "Print on A3 portrait, or send the file to a print shop.",
    },
    staffLeaflet: {
      title: "A5 leaflet for staff",
      description:
        "What BTI and BTS are, the levels in short, the steps from worry to action, whom to contact, and the guide's address with a QR code.",
      print:
        "Four A5 pages in reading order: cover, inside left, inside right and back. Print as a booklet on A4, double-sided, and fold in the middle.",
    },
    guardianLeaflet: {
      title: "A5 leaflet for guardians",
      description:
        "In plain language: what the municipality does when someone is worried about a child, the relay log, consent and your rights, and where to read more, with a QR code to the guardians' pages.",
      print:
        "Four A5 pages in reading order. Print as a booklet on A4, double-sided, and fold in the middle.",
    },
  },
  download: "Download {{title}}",
  fileHint_one: "PDF, {{paper}}, {{count}} page",
  fileHint_other: "PDF, {{paper}}, {{count}} pages",
  lastPublished: "Last published {{date}}",
  sources: {
    summary_one: "Built from {{count}} published page",
    summary_other: "Built from {{count}} published pages",
    caption: "Published pages in {{title}}",
    page: "Page",
    kind: "Type",
    version: "Version",
    published: "Published",
  },
  kind: {
    model: "Model",
    level: "Level",
    step: "Step",
    article: "Page",
    guardian: "For guardians",
  },
  noLevels:
    "The guide has no published levels yet. Publish the levels of the action guide first; then the poster and the staff leaflet can be made.",
  noGuardianPages:
    "The guide has no published pages for guardians yet. Publish the guardians' pages first; then the guardians' leaflet can be made.",
  pdf: {
    programme: "Better interdisciplinary efforts",
    docTitle: "{{programme}} – {{municipality}}",
    posterSubject: "Poster: levels 0 to 3 of the action guide",
    posterSubtitle: "From worry to action: the levels of the action guide",
    levelLabel: "Level {{number}}",
    who: "Who",
    when: "When",
    readMoreStaff: "Read the whole guide",
    readMoreGuardians: "Read more online",
    scan: "Scan the QR code with your phone's camera, or type the address into your browser.",
    qrAlt: "QR code to {{address}}",
    madeFrom: "Made from the published action guide. Last published {{date}}.",
    pageNumber: "Page {{number}} of {{count}}",
    staffTitle: "{{programme}} – leaflet for staff – {{municipality}}",
    staffSubject: "Leaflet for staff about BTI and the action guide",
    staffSubtitle:
      "From worry to action, for you who work with children, young people and families",
    whatIsBti: "What is BTI?",
    whatIsBts: "What is BTS?",
    btiFallback:
      "BTI stands for better interdisciplinary efforts. It is how the municipality's staff work when they are worried about a child: early, together with the family and coordinated between the services.",
    levelsHeading: "The BTI levels",
    worryToAction: "From worry to action",
    urgentHeading: "Is it urgent?",
    urgent:
      "If the child is in immediate danger, call 112. If you suspect violence, sexual abuse or serious neglect, report to the child welfare service at once.",
    contactHeading: "Whom can you contact?",
    contactIntro: "{{municipality}}:",
    email: "Email: {{email}}",
    phone: "Phone: {{phone}}",
    contactStaffFallback:
      "Ask your manager or the BTS contact in your unit. The municipality's BTI coordinator will also help you.",
    guardianHeading: "When someone is worried about your child",
    guardianTitle: "{{heading}} – leaflet for guardians – {{municipality}}",
    guardianSubject:
      "Leaflet for guardians about what the municipality does when someone is worried about a child",
    guardianSubtitle: "Information for parents and guardians",
    contactGuardiansFallback:
      "Talk to the kindergarten, the school or the health centre. They will help you further.",
    emergency: "If the child is in immediate danger, call 112.",
  },
};
