import type { Widen } from "../widen.ts";

/**
 * Family catalog (digital consent and its withdrawal by the family, and the young person's answer on the guardians' access).
 * Keys: family.consent.*. Bokmål is the source; nynorsk and English match it key for key.
 * Plain language: the readers are parents and young people, not professionals.
 *
 * The consent texts are one block per language (`nb`, `nn`, `en`) with the same keys; the
 * `Widen<typeof nb>` type makes a missing key a type error. A new language adds one more block
 * here (and in the other catalog files) – see docs/ARCHITECTURE.md, "Languages".
 */
export const nb = {
  title: "Samtykke",
  pageIntro:
    "Her bestemmer du om tjenestene som hjelper {{name}}, kan dele opplysninger med hverandre i stafettloggen.",
  about: {
    whatHeading: "Hva er stafettloggen?",
    whatText:
      "Stafettloggen er en kort, felles plan for {{name}}. Den hjelper de som jobber med barnet – for eksempel skole, barnehage og helsestasjon – å samarbeide med dere og med hverandre.",
    sharedHeading: "Hva deles?",
    sharedText:
      "Navnet og fødselsdatoen til {{name}}, hva dere og tjenestene er opptatt av, mål og tiltak, møter, evalueringer og notater. Bare de ansatte som er med i loggen for en tjeneste det er sagt ja til, kan lese den.",
    unitsHeading: "Hvilke tjenester?",
    unitsIntro: "Disse tjenestene er med i loggen. Du velger selv hvilke av dem som kan lese den.",
    unitsNone: "Ingen tjenester er med i loggen ennå.",
    durationHeading: "Hvor lenge?",
    durationText:
      "Samtykket gjelder i 12 måneder hvis du ikke velger noe annet, og aldri mer enn 24 måneder. Før det går ut, spør stafettholderen om dere vil fornye det.",
    withdrawHeading: "Du kan ombestemme deg",
    withdrawText:
      "Du kan når som helst trekke samtykket ditt her på siden. Da kan tjenestene ikke lese loggen lenger, og stafettholderen tar kontakt med deg.",
    paperText: "Vil du heller samtykke på papir? Spør stafettholderen, {{holder}}.",
  },
  who: {
    heading: "Hvem må si ja?",
    guardians:
      "{{name}} er under {{consentAge}} år. Derfor må alle foreldre med foreldreansvar si ja hver for seg. En tjeneste kan lese loggen først når alle har sagt ja.",
    youth:
      "Du har fylt {{consentAge}} år. Da bestemmer du selv om tjenestene kan dele opplysninger om deg.",
    youthDecides:
      "{{name}} har fylt {{consentAge}} år og bestemmer nå selv over samtykket. Du kan fortsatt trekke et samtykke du har gitt.",
    othersHeading: "De andre som må si ja",
    otherConsented: "{{name}} har sagt ja.",
    otherNotYet: "{{name}} har ikke sagt ja ennå.",
  },
  state: {
    heading: "Slik er det nå",
    none: "Ingen har samtykket ennå.",
    valid: "Det er gitt samtykke. Tjenestene som har fått ja, kan lese loggen.",
    partial: "Noen har sagt ja, men vi venter på flere før tjenestene kan lese loggen.",
    expired: "Samtykket har gått ut. Tjenestene kan ikke lese loggen.",
    withdrawn: "Samtykket er trukket. Tjenestene kan ikke lese loggen.",
  },
  unit: {
    service: "Type tjeneste: {{service}}",
    covered: "Kan lese loggen",
    notCovered: "Kan ikke lese loggen",
    ownUntil: "Du har sagt ja til og med {{date}}.",
    ownNone: "Du har ikke sagt ja.",
    waiting: "Venter på ja fra {{names}}.",
  },
  form: {
    heading: "Gi samtykke",
    headingChange: "Endre samtykket ditt",
    replaces: "Når du sender inn, erstatter det samtykket du ga digitalt før.",
    unitsLegend: "Hvilke tjenester kan lese loggen?",
    unitsHelp:
      "Kryss av for hver tjeneste du sier ja til. Tjenester du ikke krysser av for, kan ikke lese loggen.",
    unitOption: "{{name}} ({{service}})",
    monthsLegend: "Hvor lenge skal samtykket gjelde?",
    months: {
      m6: "6 måneder",
      m12: "12 måneder (vanlig)",
      m24: "24 måneder",
    },
    submit: "Gi samtykke",
  },
  receipt: {
    heading: "Takk! Samtykket ditt er registrert",
    text: "Du sa ja {{date}} til: {{units}}. Samtykket gjelder til og med {{expires}}. Stafettholderen har fått beskjed.",
  },
  own: {
    heading: "Samtykkene dine",
    none: "Du har ikke noe gyldig samtykke nå.",
    record: "{{method}} – gitt {{given}}, gjelder til og med {{expires}}",
    units: "Tjenester: {{units}}",
  },
  method: {
    digital: "Digitalt",
    paper: "På papir",
    oral: "Muntlig",
  },
  cannot: {
    closed: "Loggen er avsluttet. Du kan ikke gi nytt samtykke, men du kan trekke et samtykke.",
    youth_decides: "Du kan ikke gi samtykke her nå, fordi {{name}} bestemmer selv.",
    no_units: "Ingen tjenester er med i loggen ennå, så det er ikke noe å si ja til.",
  },
  withdraw: {
    heading: "Trekke samtykket",
    intro: "Du kan trekke alle samtykkene du har gitt for denne loggen, med én handling.",
    start: "Trekk samtykket",
    confirmHeading: "Vil du trekke samtykket?",
    whatHappens: "Dette skjer når du trekker samtykket:",
    step1: "Tjenestene som ikke lenger har samtykke, kan ikke lese loggen.",
    step2: "Stafettholderen får beskjed og tar kontakt med deg.",
    step3: "Det du og tjenestene har skrevet, blir liggende i loggen. Du kan fortsatt lese den.",
    confirm: "Jeg forstår hva som skjer, og vil trekke samtykket",
    submit: "Ja, trekk samtykket",
    cancel: "Nei, gå tilbake",
  },
  access: {
    heading: "Skal foreldrene dine fortsatt se loggen?",
    intro:
      "Du har fylt {{consentAge}} år. Nå bestemmer du om foreldrene dine fortsatt skal kunne lese stafettloggen din og skrive i den.",
    legend: "Skal foreldrene dine fortsatt ha tilgang?",
    keep: "Ja, de skal fortsatt ha tilgang",
    end: "Nei, de skal ikke lenger ha tilgang",
    help: "Du kan ombestemme deg senere. Stafettholderen får beskjed.",
    submit: "Lagre svaret",
    answeredKeep: "Du har svart at foreldrene dine fortsatt har tilgang.",
    answeredEnd: "Du har svart at foreldrene dine ikke lenger har tilgang.",
    change: "Endre svaret",
    noticeText:
      "Du har fylt {{consentAge}} år. Svar på om foreldrene dine fortsatt skal se loggen.",
    noticeTextNoAge: "Svar på om foreldrene dine fortsatt skal se loggen.",
    noticeLink: "Svar nå",
  },
  notices: {
    given: "Samtykket ditt er registrert.",
    withdrawn:
      "Samtykket ditt er trukket tilbake. Stafettholderen har fått beskjed og tar kontakt med deg.",
    accessKeep: "Svaret er lagret: foreldrene dine har fortsatt tilgang.",
    accessEnd: "Svaret er lagret: foreldrene dine har ikke lenger tilgang.",
  },
  errors: {
    noUnit: "Velg minst én tjeneste",
    reload: "Skjemaet er for gammelt. Last inn siden på nytt og prøv igjen.",
    youthDecides: "Du kan ikke gi samtykke her, fordi den unge bestemmer selv.",
    noUnits: "Ingen tjenester er med i loggen ennå.",
    confirmWithdraw: "Kryss av for at du vil trekke samtykket",
    nothingToWithdraw: "Du har ikke noe gyldig samtykke å trekke.",
    chooseAccess: "Velg ett av svarene",
  },
} as const;

export const nn: Widen<typeof nb> = {
  title: "Samtykke",
  pageIntro:
    "Her bestemmer du om tenestene som hjelper {{name}}, kan dele opplysningar med kvarandre i stafettloggen.",
  about: {
    whatHeading: "Kva er stafettloggen?",
    whatText:
      "Stafettloggen er ein kort, felles plan for {{name}}. Han hjelper dei som jobbar med barnet – til dømes skule, barnehage og helsestasjon – å samarbeide med dykk og med kvarandre.",
    sharedHeading: "Kva blir delt?",
    sharedText:
      "Namnet og fødselsdatoen til {{name}}, kva de og tenestene er opptekne av, mål og tiltak, møte, evalueringar og notat. Berre dei tilsette som er med i loggen for ei teneste det er sagt ja til, kan lese han.",
    unitsHeading: "Kva tenester?",
    unitsIntro:
      "Desse tenestene er med i loggen. Du vel sjølv kva for nokre av dei som kan lese han.",
    unitsNone: "Ingen tenester er med i loggen enno.",
    durationHeading: "Kor lenge?",
    durationText:
      "Samtykket gjeld i 12 månader om du ikkje vel noko anna, og aldri meir enn 24 månader. Før det går ut, spør stafetthaldaren om de vil fornye det.",
    withdrawHeading: "Du kan ombestemme deg",
    withdrawText:
      "Du kan når som helst trekkje samtykket ditt her på sida. Då kan ikkje tenestene lese loggen lenger, og stafetthaldaren tek kontakt med deg.",
    paperText: "Vil du heller samtykke på papir? Spør stafetthaldaren, {{holder}}.",
  },
  who: {
    heading: "Kven må seie ja?",
    guardians:
      "{{name}} er under {{consentAge}} år. Difor må alle foreldre med foreldreansvar seie ja kvar for seg. Ei teneste kan lese loggen først når alle har sagt ja.",
    youth:
      "Du har fylt {{consentAge}} år. Då bestemmer du sjølv om tenestene kan dele opplysningar om deg.",
    youthDecides:
      "{{name}} har fylt {{consentAge}} år og bestemmer no sjølv over samtykket. Du kan framleis trekkje eit samtykke du har gitt.",
    othersHeading: "Dei andre som må seie ja",
    otherConsented: "{{name}} har sagt ja.",
    otherNotYet: "{{name}} har ikkje sagt ja enno.",
  },
  state: {
    heading: "Slik er det no",
    none: "Ingen har samtykt enno.",
    valid: "Det er gitt samtykke. Tenestene som har fått ja, kan lese loggen.",
    partial: "Nokre har sagt ja, men vi ventar på fleire før tenestene kan lese loggen.",
    expired: "Samtykket har gått ut. Tenestene kan ikkje lese loggen.",
    withdrawn: "Samtykket er trekt. Tenestene kan ikkje lese loggen.",
  },
  unit: {
    service: "Type teneste: {{service}}",
    covered: "Kan lese loggen",
    notCovered: "Kan ikkje lese loggen",
    ownUntil: "Du har sagt ja til og med {{date}}.",
    ownNone: "Du har ikkje sagt ja.",
    waiting: "Ventar på ja frå {{names}}.",
  },
  form: {
    heading: "Gi samtykke",
    headingChange: "Endre samtykket ditt",
    replaces: "Når du sender inn, erstattar det samtykket du gav digitalt før.",
    unitsLegend: "Kva tenester kan lese loggen?",
    unitsHelp:
      "Kryss av for kvar teneste du seier ja til. Tenester du ikkje kryssar av for, kan ikkje lese loggen.",
    unitOption: "{{name}} ({{service}})",
    monthsLegend: "Kor lenge skal samtykket gjelde?",
    months: {
      m6: "6 månader",
      m12: "12 månader (vanleg)",
      m24: "24 månader",
    },
    submit: "Gi samtykke",
  },
  receipt: {
    heading: "Takk! Samtykket ditt er registrert",
    text: "Du sa ja {{date}} til: {{units}}. Samtykket gjeld til og med {{expires}}. Stafetthaldaren har fått beskjed.",
  },
  own: {
    heading: "Samtykka dine",
    none: "Du har ikkje noko gyldig samtykke no.",
    record: "{{method}} – gitt {{given}}, gjeld til og med {{expires}}",
    units: "Tenester: {{units}}",
  },
  method: {
    digital: "Digitalt",
    paper: "På papir",
    oral: "Munnleg",
  },
  cannot: {
    closed: "Loggen er avslutta. Du kan ikkje gi nytt samtykke, men du kan trekkje eit samtykke.",
    youth_decides: "Du kan ikkje gi samtykke her no, fordi {{name}} bestemmer sjølv.",
    no_units: "Ingen tenester er med i loggen enno, så det er ikkje noko å seie ja til.",
  },
  withdraw: {
    heading: "Trekkje samtykket",
    intro: "Du kan trekkje alle samtykka du har gitt for denne loggen, med éi handling.",
    start: "Trekk samtykket",
    confirmHeading: "Vil du trekkje samtykket?",
    whatHappens: "Dette skjer når du trekkjer samtykket:",
    step1: "Tenestene som ikkje lenger har samtykke, kan ikkje lese loggen.",
    step2: "Stafetthaldaren får beskjed og tek kontakt med deg.",
    step3: "Det du og tenestene har skrive, blir liggjande i loggen. Du kan framleis lese han.",
    confirm: "Eg forstår kva som skjer, og vil trekkje samtykket",
    submit: "Ja, trekk samtykket",
    cancel: "Nei, gå tilbake",
  },
  access: {
    heading: "Skal foreldra dine framleis sjå loggen?",
    intro:
      "Du har fylt {{consentAge}} år. No bestemmer du om foreldra dine framleis skal kunne lese stafettloggen din og skrive i han.",
    legend: "Skal foreldra dine framleis ha tilgang?",
    keep: "Ja, dei skal framleis ha tilgang",
    end: "Nei, dei skal ikkje lenger ha tilgang",
    help: "Du kan ombestemme deg seinare. Stafetthaldaren får beskjed.",
    submit: "Lagre svaret",
    answeredKeep: "Du har svart at foreldra dine framleis har tilgang.",
    answeredEnd: "Du har svart at foreldra dine ikkje lenger har tilgang.",
    change: "Endre svaret",
    noticeText: "Du har fylt {{consentAge}} år. Svar på om foreldra dine framleis skal sjå loggen.",
    noticeTextNoAge: "Svar på om foreldra dine framleis skal sjå loggen.",
    noticeLink: "Svar no",
  },
  notices: {
    given: "Samtykket ditt er registrert.",
    withdrawn:
      "Samtykket ditt er trekt tilbake. Stafetthaldaren har fått beskjed og tek kontakt med deg.",
    accessKeep: "Svaret er lagra: foreldra dine har framleis tilgang.",
    accessEnd: "Svaret er lagra: foreldra dine har ikkje lenger tilgang.",
  },
  errors: {
    noUnit: "Vel minst éi teneste",
    reload: "Skjemaet er for gammalt. Last inn sida på nytt og prøv igjen.",
    youthDecides: "Du kan ikkje gi samtykke her, fordi den unge bestemmer sjølv.",
    noUnits: "Ingen tenester er med i loggen enno.",
    confirmWithdraw: "Kryss av for at du vil trekkje samtykket",
    nothingToWithdraw: "Du har ikkje noko gyldig samtykke å trekkje.",
    chooseAccess: "Vel eitt av svara",
  },
};

export const en: Widen<typeof nb> = {
  title: "Consent",
  pageIntro:
    "Here you decide whether the services helping {{name}} may share information with each other in the relay log.",
  about: {
    whatHeading: "What is the relay log?",
    whatText:
      "The relay log is a short, shared plan for {{name}}. It helps the people who work with the child – for example the school, the kindergarten and the health centre – work together with you and with each other.",
    sharedHeading: "What is shared?",
    sharedText:
      "The name and date of birth of {{name}}, what you and the services are concerned about, goals and measures, meetings, evaluations and notes. Only the staff taking part in the log for a service that has been given consent can read it.",
    unitsHeading: "Which services?",
    unitsIntro: "These services take part in the log. You choose which of them may read it.",
    unitsNone: "No services take part in the log yet.",
    durationHeading: "For how long?",
    durationText:
      "The consent lasts 12 months unless you choose otherwise, and never more than 24 months. Before it runs out, the relay holder will ask whether you want to renew it.",
    withdrawHeading: "You can change your mind",
    withdrawText:
      "You can withdraw your consent on this page at any time. The services can then no longer read the log, and the relay holder will contact you.",
    paperText: "Would you rather consent on paper? Ask the relay holder, {{holder}}.",
  },
  who: {
    heading: "Who must say yes?",
    guardians:
      "{{name}} is under {{consentAge}}. So every parent with parental responsibility must say yes, each on their own. A service can read the log only when all of them have said yes.",
    youth:
      "You are {{consentAge}} or older. You decide yourself whether the services may share information about you.",
    youthDecides:
      "{{name}} is {{consentAge}} or older and now decides about consent. You can still withdraw a consent you gave.",
    othersHeading: "The others who must say yes",
    otherConsented: "{{name}} has said yes.",
    otherNotYet: "{{name}} has not said yes yet.",
  },
  state: {
    heading: "Where things stand",
    none: "Nobody has consented yet.",
    valid: "Consent has been given. The services that were given a yes can read the log.",
    partial:
      "Some have said yes, but we are waiting for more before the services can read the log.",
    expired: "The consent has run out. The services cannot read the log.",
    withdrawn: "The consent has been withdrawn. The services cannot read the log.",
  },
  unit: {
    service: "Kind of service: {{service}}",
    covered: "Can read the log",
    notCovered: "Cannot read the log",
    ownUntil: "You have said yes until {{date}}.",
    ownNone: "You have not said yes.",
    waiting: "Waiting for a yes from {{names}}.",
  },
  form: {
    heading: "Give consent",
    headingChange: "Change your consent",
    replaces: "When you send this, it replaces the consent you gave digitally before.",
    unitsLegend: "Which services may read the log?",
    unitsHelp: "Tick each service you say yes to. Services you do not tick cannot read the log.",
    unitOption: "{{name}} ({{service}})",
    monthsLegend: "How long should the consent last?",
    months: {
      m6: "6 months",
      m12: "12 months (usual)",
      m24: "24 months",
    },
    submit: "Give consent",
  },
  receipt: {
    heading: "Thank you! Your consent is recorded",
    text: "On {{date}} you said yes to: {{units}}. The consent lasts until {{expires}}. The relay holder has been told.",
  },
  own: {
    heading: "Your consents",
    none: "You have no valid consent now.",
    record: "{{method}} – given {{given}}, lasts until {{expires}}",
    units: "Services: {{units}}",
  },
  method: {
    digital: "Digitally",
    paper: "On paper",
    oral: "Orally",
  },
  cannot: {
    closed: "The log is closed. You cannot give new consent, but you can withdraw a consent.",
    youth_decides: "You cannot give consent here now, because {{name}} decides.",
    no_units: "No services take part in the log yet, so there is nothing to say yes to.",
  },
  withdraw: {
    heading: "Withdraw consent",
    intro: "You can withdraw every consent you have given for this log in one step.",
    start: "Withdraw consent",
    confirmHeading: "Do you want to withdraw your consent?",
    whatHappens: "This is what happens when you withdraw:",
    step1: "The services that no longer have consent cannot read the log.",
    step2: "The relay holder is told and will contact you.",
    step3: "What you and the services have written stays in the log. You can still read it.",
    confirm: "I understand what happens, and I want to withdraw my consent",
    submit: "Yes, withdraw my consent",
    cancel: "No, go back",
  },
  access: {
    heading: "Should your parents still see the log?",
    intro:
      "You are {{consentAge}} or older. You now decide whether your parents may still read your relay log and write in it.",
    legend: "Should your parents keep access?",
    keep: "Yes, they keep access",
    end: "No, they should no longer have access",
    help: "You can change your mind later. The relay holder is told.",
    submit: "Save my answer",
    answeredKeep: "You have answered that your parents keep access.",
    answeredEnd: "You have answered that your parents no longer have access.",
    change: "Change my answer",
    noticeText:
      "You are {{consentAge}} or older. Tell us whether your parents should still see the log.",
    noticeTextNoAge: "Tell us whether your parents should still see the log.",
    noticeLink: "Answer now",
  },
  notices: {
    given: "Your consent is recorded.",
    withdrawn: "Your consent is withdrawn. The relay holder has been told and will contact you.",
    accessKeep: "Your answer is saved: your parents keep access.",
    accessEnd: "Your answer is saved: your parents no longer have access.",
  },
  errors: {
    noUnit: "Choose at least one service",
    reload: "The form is out of date. Reload the page and try again.",
    youthDecides: "You cannot give consent here, because the young person decides.",
    noUnits: "No services take part in the log yet.",
    confirmWithdraw: "Tick the box to confirm that you want to withdraw",
    nothingToWithdraw: "You have no valid consent to withdraw.",
    chooseAccess: "Choose one of the answers",
  },
};
