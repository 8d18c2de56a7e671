import type { SurveyOption } from "../../db/schema/evaluation.ts";
import { likertOptions, type QuestionType, type SurveyAudience } from "./surveys-rules.ts";

/**
 * The shipped survey templates. They are content, not interface text: a survey is written once,
 * in the municipality's own language, and every respondent answers the same wording (answers are
 * compared across units and rounds, which needs one wording). So the texts stay here in bokmål
 * and are copied into the survey when the coordinator starts from a template; the coordinator
 * may then edit them like any other question (in nynorsk too).
 *
 * (a) The BTI staff self-assessment ("BTI-undersøkelsen"), built on the themes the Strand and
 *     Nittedal plans name: knowledge, identifying, the conversation with children and parents,
 *     worry and wondering, children as next of kin, cooperation, routines, barriers,
 *     involvement, implementation; 2–3 Likert statements per theme and a background question.
 * (b) The yearly "Hvordan fungerer modellen?" survey to staff, before the yearly revision.
 * (c) An event evaluation, sent to those who attended a training event.
 * (d) A user evaluation for guardians and young people, in plain language, answered by link.
 */

export const surveyTemplateKeys = ["bti_staff", "yearly_model", "event", "user"] as const;
export type SurveyTemplateKey = (typeof surveyTemplateKeys)[number];

export interface TemplateQuestion {
  theme: string;
  type: QuestionType;
  prompt: string;
  help?: string;
  options?: SurveyOption[];
  required?: boolean;
  minValue?: number;
  maxValue?: number;
}

export interface SurveyTemplate {
  key: SurveyTemplateKey;
  title: string;
  introduction: string;
  audience: SurveyAudience;
  plainLanguage: boolean;
  questions: TemplateQuestion[];
}

const likert = (theme: string, prompt: string): TemplateQuestion => ({
  theme,
  type: "likert",
  prompt,
  options: likertOptions,
  required: true,
});

const anonymousNote =
  "Svarene er anonyme: de lagres uten navn, og vi viser aldri resultater for grupper med færre enn fem svar.";

const btiStaff: SurveyTemplate = {
  key: "bti_staff",
  title: "BTI-undersøkelsen: egenvurdering for ansatte",
  introduction: [
    "Denne undersøkelsen går til alle som jobber direkte eller indirekte med barn, unge og familier. Du vurderer selv din egen kunnskap og erfaring med å oppdage, følge opp og samarbeide rundt barn og unge som trenger hjelp.",
    "Vi bruker svarene til å se hva kommunen trenger mer opplæring i, og til å sammenligne med neste runde. Det tar omtrent ti minutter.",
    anonymousNote,
  ].join("\n\n"),
  audience: "staff",
  plainLanguage: false,
  questions: [
    {
      theme: "Bakgrunn",
      type: "single",
      prompt: "Hvor lenge har du jobbet med barn, unge eller familier?",
      options: [
        { key: "o1", label: "Mindre enn 2 år" },
        { key: "o2", label: "2–5 år" },
        { key: "o3", label: "6–10 år" },
        { key: "o4", label: "Mer enn 10 år" },
      ],
      required: true,
    },
    likert("Kunnskap", "Jeg kjenner til tegn på at et barn ikke har det bra."),
    likert("Kunnskap", "Jeg vet hva BTI-modellen (bedre tverrfaglig innsats) går ut på."),
    likert(
      "Kunnskap",
      "Jeg kjenner til hvilke tjenester i kommunen som kan hjelpe barn og familier.",
    ),
    likert("Å identifisere", "Jeg oppdager tidlig når et barn eller en ungdom trenger hjelp."),
    likert(
      "Å identifisere",
      "Jeg vet hvordan jeg kan gjøre en uro konkret: hva jeg har sett og hørt.",
    ),
    likert(
      "Samtalen med barn og foreldre",
      "Jeg er trygg på å snakke med barn om det jeg er bekymret for.",
    ),
    likert(
      "Samtalen med barn og foreldre",
      "Jeg er trygg på å ta opp en uro med foreldre eller foresatte.",
    ),
    likert("Samtalen med barn og foreldre", "Jeg vet hvordan jeg forbereder en undringssamtale."),
    likert("Bekymring og undring", "Jeg vet hva jeg skal gjøre når jeg er bekymret for et barn."),
    likert("Bekymring og undring", "Jeg vet når jeg har plikt til å melde fra til barnevernet."),
    likert(
      "Barn som pårørende",
      "Jeg spør om barn og unge er pårørende når en forelder er syk eller ruser seg.",
    ),
    likert("Barn som pårørende", "Jeg vet hvordan jeg kan støtte barn som er pårørende."),
    likert("Samarbeid", "Jeg vet hvem jeg kan samarbeide med i andre tjenester."),
    likert("Samarbeid", "Samarbeidet med andre tjenester rundt barn og unge fungerer godt."),
    likert("Rutiner", "Jeg kjenner rutinene i min tjeneste for å følge opp en uro."),
    likert("Rutiner", "Rutinene hjelper meg i det daglige arbeidet."),
    likert("Barrierer", "Jeg har nok tid til å følge opp barn og unge jeg er bekymret for."),
    likert("Barrierer", "Taushetsplikten er sjelden et hinder for et godt samarbeid."),
    likert("Medvirkning", "Barn og unge får si sin mening om det som gjelder dem."),
    likert("Medvirkning", "Foreldre blir involvert i planer og tiltak for barnet sitt."),
    likert("Implementering", "Lederen min legger til rette for at vi bruker BTI-modellen."),
    likert("Implementering", "Jeg har fått nok opplæring i BTI-modellen og verktøyene."),
    {
      theme: "Implementering",
      type: "text",
      prompt: "Hva trenger du mer kunnskap om eller opplæring i?",
    },
  ],
};

const yearlyModel: SurveyTemplate = {
  key: "yearly_model",
  title: "Hvordan fungerer modellen?",
  introduction: [
    "Hvert år reviderer vi BTS-modellen og veilederen. Før revisjonen vil vi høre hvordan modellen fungerer i hverdagen din: hva som er til hjelp, og hva vi bør endre.",
    anonymousNote,
  ].join("\n\n"),
  audience: "staff",
  plainLanguage: false,
  questions: [
    {
      theme: "Bruk",
      type: "single",
      prompt: "Hvor ofte har du brukt BTS-modellen eller veilederen det siste året?",
      options: [
        { key: "o1", label: "Aldri" },
        { key: "o2", label: "1–2 ganger" },
        { key: "o3", label: "3–10 ganger" },
        { key: "o4", label: "Mer enn 10 ganger" },
      ],
      required: true,
    },
    {
      theme: "Bruk",
      type: "multiple",
      prompt: "Hvilke deler av modellen har du brukt?",
      options: [
        { key: "o1", label: "Handlingsveilederen (nivå 0–3)" },
        { key: "o2", label: "Stafettloggen" },
        { key: "o3", label: "Undringssamtalen" },
        { key: "o4", label: "Tjenesteoversikten (hvem kan hjelpe)" },
        { key: "o5", label: "BTS-nettverket" },
        { key: "o6", label: "Rutinen for barn som pårørende" },
      ],
    },
    likert("Nytte", "Modellen gjør det lettere å vite hva jeg skal gjøre når jeg er bekymret."),
    likert("Nytte", "Modellen hjelper oss å samarbeide på tvers av tjenestene."),
    likert("Veilederen", "Veilederen er lett å finne fram i."),
    likert("Veilederen", "Rutinene og skjemaene i veilederen er oppdatert."),
    likert("Opplæring", "Jeg har fått nok opplæring til å bruke modellen."),
    likert("Ledelse", "Lederen min følger opp at vi bruker modellen."),
    {
      theme: "Forbedring",
      type: "text",
      prompt: "Hva fungerer godt med modellen?",
    },
    {
      theme: "Forbedring",
      type: "text",
      prompt: "Hva bør vi endre ved neste revisjon?",
    },
  ],
};

const eventEvaluation: SurveyTemplate = {
  key: "event",
  title: "Evaluering av opplæringen",
  introduction: [
    "Takk for at du deltok. Vi vil gjerne vite hva du syntes, så neste opplæring blir bedre.",
    anonymousNote,
  ].join("\n\n"),
  audience: "staff",
  plainLanguage: false,
  questions: [
    likert("Helhet", "Alt i alt var opplæringen god."),
    likert("Nytte", "Jeg kan bruke det jeg lærte i arbeidet mitt."),
    likert("Nytte", "Jeg er tryggere på å følge opp en uro etter opplæringen."),
    { theme: "Tilbakemelding", type: "text", prompt: "Hva var best?" },
    { theme: "Tilbakemelding", type: "text", prompt: "Hva kan vi gjøre bedre?" },
  ],
};

// Plain language (klarspråk): short sentences, "du", everyday words; read aloud before use.
const userEvaluation: SurveyTemplate = {
  key: "user",
  title: "Hva synes du om hjelpen du fikk?",
  introduction: [
    "Vi vil gjerne vite hva du synes om hjelpen fra kommunen.",
    "Det tar fem minutter. Du skriver ikke navnet ditt. Ingen kan se hva akkurat du har svart.",
    "Du kan lagre og fortsette senere på samme maskin.",
  ].join("\n\n"),
  audience: "link",
  plainLanguage: true,
  questions: [
    {
      theme: "Om deg",
      type: "single",
      prompt: "Hvem svarer?",
      options: [
        { key: "guardian", label: "Jeg er forelder eller foresatt" },
        { key: "youth", label: "Jeg er ungdom" },
      ],
      required: true,
    },
    likert("Å bli hørt", "De lyttet til meg."),
    likert("Å bli hørt", "Jeg fikk være med og bestemme."),
    likert("Informasjon", "Jeg forsto hva som skulle skje."),
    likert("Samarbeid", "De som hjalp meg, snakket sammen."),
    likert("Samarbeid", "Jeg slapp å fortelle det samme mange ganger."),
    likert("Hjelpen", "Hjelpen kom tidsnok."),
    likert("Hjelpen", "Hjelpen gjorde ting bedre for meg eller familien min."),
    { theme: "Dine ord", type: "text", prompt: "Hva var bra?" },
    { theme: "Dine ord", type: "text", prompt: "Hva kan vi gjøre bedre?" },
  ],
};

export const surveyTemplates: Record<SurveyTemplateKey, SurveyTemplate> = {
  bti_staff: btiStaff,
  yearly_model: yearlyModel,
  event: eventEvaluation,
  user: userEvaluation,
};

export function isSurveyTemplateKey(value: unknown): value is SurveyTemplateKey {
  return typeof value === "string" && (surveyTemplateKeys as readonly string[]).includes(value);
}
