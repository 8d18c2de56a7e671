import type { Widen } from "../widen.ts";

/**
 * Implementation catalog: common. Keys: implementation.common.*.
 * Bokmål is the source; nynorsk and English match it key for key.
 */
export const nb = {
  title: "Implementering",
  navLabel: "Implementering",
  links: {
    heading: "Implementeringsarbeidet",
    plan: "Implementeringsplan",
    components: "Kjernekomponenter",
    responsibilities: "Hvem gjør hva",
    risks: "Risiko",
    networks: "BTS-nettverk",
    training: "Opplæringsarrangementer",
    competence: "Kompetanseportalen",
    onboarding: "Nyansatte",
  },
};

export const nn: Widen<typeof nb> = {
  title: "Implementering",
  navLabel: "Implementering",
  links: {
    heading: "Implementeringsarbeidet",
    plan: "Implementeringsplan",
    components: "Kjernekomponentar",
    responsibilities: "Kven gjer kva",
    risks: "Risiko",
    networks: "BTS-nettverk",
    training: "Opplæringsarrangement",
    competence: "Kompetanseportalen",
    onboarding: "Nytilsette",
  },
};

export const en: Widen<typeof nb> = {
  title: "Implementation",
  navLabel: "Implementation",
  links: {
    heading: "The implementation work",
    plan: "Implementation plan",
    components: "Core components",
    responsibilities: "Who does what",
    risks: "Risks",
    networks: "BTS networks",
    training: "Training events",
    competence: "Competence portal",
    onboarding: "New employees",
  },
};
