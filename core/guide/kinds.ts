/** Pure constants of the guide, safe to import from UI components. */

/** What a content page is. Labels: catalog `guide.kind.*`. */
export const contentKinds = [
  "model", // the municipality's BTS model and its three levels (kommune, tjeneste, individ)
  "level", // a BTI level 0–3; its steps are child pages
  "step", // one step of a level: what, who, by when, tools, legal notes (fields)
  "routine", // barn som pårørende, bekymringsmelding, vold og overgrep …
  "tool", // toolbox documents: observation form, conversation guide, consent form, report template
  "term", // one glossary term
  "youth", // the youth portal ("Ung i <kommune>")
  "guardian", // pages for guardians
  "article", // any other page (about the model, contact, what's new …)
] as const;
export type ContentKind = (typeof contentKinds)[number];

/** Who may read a published page. */
export const audiences = ["public", "internal", "youth"] as const;
export type Audience = (typeof audiences)[number];

/** draft → review → published; the previous published version becomes superseded. */
export const versionStates = ["draft", "review", "published", "superseded", "rejected"] as const;
export type VersionState = (typeof versionStates)[number];

/** Topics for the directory and the youth portal. Labels: catalog `guide.topic.*`. */
export const topics = [
  "psykisk_helse",
  "rus",
  "vold_overgrep",
  "mobbing",
  "familie",
  "skole",
  "penger",
  "kropp_seksualitet",
  "helse",
  "fritid",
  "barn_som_parorende",
] as const;
export type Topic = (typeof topics)[number];

/** The level-0 decision within 14 days. Labels: catalog `worry.decision.*`. */
export const worryDecisions = ["close", "level1", "level2", "report"] as const;
export type WorryDecision = (typeof worryDecisions)[number];

/** Feedback kinds and triage states. Labels: catalog `feedback.kind.*`, `feedback.state.*`. */
export const feedbackKinds = ["error", "missing", "suggestion", "good"] as const;
export type FeedbackKind = (typeof feedbackKinds)[number];
export const feedbackStates = ["ny", "under_vurdering", "tatt_inn", "besvart", "avvist"] as const;
export type FeedbackState = (typeof feedbackStates)[number];

/**
 * Kind-specific fields kept in `content_versions.fields`. A step says what to do in its body and
 * here who is responsible, by when, which tools (slugs of tool pages) and which legal notes apply.
 */
export interface StepFields {
  responsible?: string;
  deadline?: string;
  tools?: string[];
  legal?: ("taushetsplikt" | "samtykke" | "opplysningsplikt" | "avvergeplikt")[];
}

export interface TermFields {
  synonyms?: string[];
}
