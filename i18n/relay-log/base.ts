import type { Widen } from "../widen.ts";

/** Relay log catalog: what every relay-log page shares (header, tabs, access messages). */
export const nb = {
  title: "Stafettlogg",
  anonymousTitle: "Anonym drøfting",
  levelLabel: "Nivå {{level}}",
  holder: "Stafettholder: {{name}}",
  statusOpen: "Åpen",
  statusClosed: "Avsluttet",
  frozen:
    "Loggen er frosset fordi samtykket som dekker din enhet er utløpt eller trukket tilbake. Bare stafettholderen har tilgang til loggen til samtykket er fornyet.",
  frozenHolder:
    "Samtykket er utløpt eller trukket tilbake, så loggen er frosset for alle andre enn deg. Snakk med foresatte og registrer et nytt samtykke, eller avslutt loggen.",
  noConsentHolder:
    "Loggen har ikke registrert samtykke ennå. Ingen andre enn deg kan se den før samtykket er registrert.",
  holderOnly: "Bare stafettholderen kan gjøre dette.",
  closedReadOnly: "Loggen er avsluttet og kan bare leses.",
  conflict:
    "Noen andre har lagret en endring mens du skrev. Teksten din er tatt vare på nedenfor. Se over den nye versjonen og lagre på nytt.",
  tabsLabel: "Deler av stafettloggen",
  tabs: {
    overview: "Oversikt",
    plan: "Plan og tiltak",
    evaluations: "Evaluering",
    entries: "Notater og lysglimt",
    meetings: "Møter",
    participants: "Deltakere",
    consent: "Samtykke",
    handover: "Stafettholder",
    trail: "Tilgangslogg",
    close: "Avslutt",
  },
  backToList: "Til mine stafettlogger",
  childWelfareReport: "Send bekymringsmelding til barnevernet",
  help: "Slik bruker du stafettloggen",
} as const;

export const nn: Widen<typeof nb> = {
  title: "Stafettlogg",
  anonymousTitle: "Anonym drøfting",
  levelLabel: "Nivå {{level}}",
  holder: "Stafetthaldar: {{name}}",
  statusOpen: "Open",
  statusClosed: "Avslutta",
  frozen:
    "Loggen er frosen fordi samtykket som dekkjer eininga di, er gått ut eller trekt tilbake. Berre stafetthaldaren har tilgang til loggen til samtykket er fornya.",
  frozenHolder:
    "Samtykket er gått ut eller trekt tilbake, så loggen er frosen for alle andre enn deg. Snakk med føresette og registrer eit nytt samtykke, eller avslutt loggen.",
  noConsentHolder:
    "Loggen har ikkje registrert samtykke enno. Ingen andre enn deg kan sjå han før samtykket er registrert.",
  holderOnly: "Berre stafetthaldaren kan gjere dette.",
  closedReadOnly: "Loggen er avslutta og kan berre lesast.",
  conflict:
    "Nokon andre har lagra ei endring medan du skreiv. Teksten din er teken vare på nedanfor. Sjå over den nye versjonen og lagre på nytt.",
  tabsLabel: "Delar av stafettloggen",
  tabs: {
    overview: "Oversikt",
    plan: "Plan og tiltak",
    evaluations: "Evaluering",
    entries: "Notat og lysglimt",
    meetings: "Møte",
    participants: "Deltakarar",
    consent: "Samtykke",
    handover: "Stafetthaldar",
    trail: "Tilgangslogg",
    close: "Avslutt",
  },
  backToList: "Til stafettloggane mine",
  childWelfareReport: "Send bekymringsmelding til barnevernet",
  help: "Slik brukar du stafettloggen",
};

export const en: Widen<typeof nb> = {
  title: "Relay log",
  anonymousTitle: "Anonymous case discussion",
  levelLabel: "Level {{level}}",
  holder: "Relay holder: {{name}}",
  statusOpen: "Open",
  statusClosed: "Closed",
  frozen:
    "The log is frozen because the consent covering your unit has expired or been withdrawn. Only the relay holder can open the log until consent is renewed.",
  frozenHolder:
    "Consent has expired or been withdrawn, so the log is frozen for everyone but you. Talk to the guardians and record a new consent, or close the log.",
  noConsentHolder:
    "No consent is recorded for this log yet. Nobody but you can see it until consent is recorded.",
  holderOnly: "Only the relay holder can do this.",
  closedReadOnly: "The log is closed and can only be read.",
  conflict:
    "Someone else saved a change while you were writing. Your text is kept below. Look over the new version and save again.",
  tabsLabel: "Parts of the relay log",
  tabs: {
    overview: "Overview",
    plan: "Plan and measures",
    evaluations: "Evaluation",
    entries: "Notes and highlights",
    meetings: "Meetings",
    participants: "Participants",
    consent: "Consent",
    handover: "Relay holder",
    trail: "Access log",
    close: "Close",
  },
  backToList: "To my relay logs",
  childWelfareReport: "Report to child welfare",
  help: "How to use the relay log (in Norwegian)",
};
