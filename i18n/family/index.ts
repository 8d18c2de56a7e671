import * as consent from "./consent.ts";
import * as layout from "./layout.ts";
import * as home from "./home.ts";
import * as log from "./log.ts";
import * as rights from "./rights.ts";

/**
 * The family's part of the catalog (guardians and young people in the relay log), one file per
 * area. Keys: family.layout.*, family.home.*, family.log.*, family.consent.*, family.rights.*.
 */
type Section = "nb" | "nn" | "en";

function compose<L extends Section>(language: L) {
  return {
    layout: layout[language],
    home: home[language],
    log: log[language],
    consent: consent[language],
    rights: rights[language],
  };
}

export const familyNb = {
  layout: layout.nb,
  home: home.nb,
  log: log.nb,
  consent: consent.nb,
  rights: rights.nb,
} as const;
export const familyNn = compose("nn");
export const familyEn = compose("en");
