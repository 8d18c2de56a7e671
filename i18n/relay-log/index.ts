import * as base from "./base.ts";
import * as cases from "./cases.ts";
import * as close from "./close.ts";
import * as consent from "./consent.ts";
import * as meetings from "./meetings.ts";
import * as open from "./open.ts";
import * as plan from "./plan.ts";

/**
 * The relay log's part of the catalog, one file per area so the areas can change independently.
 * Keys: relayLog.<base key>, relayLog.open.*, relayLog.consent.*, relayLog.plan.*,
 * relayLog.meetings.*, relayLog.close.*, relayLog.cases.*.
 */
export const relayLogNb = {
  ...base.nb,
  open: open.nb,
  consent: consent.nb,
  plan: plan.nb,
  meetings: meetings.nb,
  close: close.nb,
  cases: cases.nb,
} as const;

type Section = "nb" | "nn" | "en";

function compose(language: Section) {
  return {
    ...base[language],
    open: open[language],
    consent: consent[language],
    plan: plan[language],
    meetings: meetings[language],
    close: close[language],
    cases: cases[language],
  };
}

export const relayLogNn = compose("nn");
export const relayLogEn = compose("en");
