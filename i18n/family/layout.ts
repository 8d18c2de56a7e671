import type { Widen } from "../widen.ts";

/** Family catalog: the frame of every family page of one log. Keys: family.layout.* */
export const nb = {
  title: "Stafettloggen til {{name}}",
  back: "Alle loggene dine",
  open: "Åpen",
  closed: "Avsluttet",
  holder: "Stafettholder: {{name}}",
  closedReadOnly: "Loggen er avsluttet. Du kan lese den, men ikke skrive mer i den.",
  tabsLabel: "Deler av loggen",
  tabs: {
    log: "Loggen",
    consent: "Samtykke",
    trail: "Hvem har sett loggen",
    data: "Dine data",
  },
} as const;

export const nn: Widen<typeof nb> = {
  title: "Stafettloggen til {{name}}",
  back: "Alle loggane dine",
  open: "Open",
  closed: "Avslutta",
  holder: "Stafetthaldar: {{name}}",
  closedReadOnly: "Loggen er avslutta. Du kan lese han, men ikkje skrive meir i han.",
  tabsLabel: "Delar av loggen",
  tabs: {
    log: "Loggen",
    consent: "Samtykke",
    trail: "Kven har sett loggen",
    data: "Dine data",
  },
};

export const en: Widen<typeof nb> = {
  title: "{{name}}'s relay log",
  back: "All your logs",
  open: "Open",
  closed: "Closed",
  holder: "Relay holder: {{name}}",
  closedReadOnly: "The log is closed. You can read it, but not write in it any more.",
  tabsLabel: "Parts of the log",
  tabs: {
    log: "The log",
    consent: "Consent",
    trail: "Who has seen the log",
    data: "Your data",
  },
};
