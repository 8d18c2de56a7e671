import * as anchoring from "./anchoring.ts";
import * as arenas from "./arenas.ts";
import * as common from "./common.ts";
import * as grants from "./grants.ts";
import * as groups from "./groups.ts";
import * as printed from "./printed.ts";

/**
 * The organisation module's part of the catalog (issue 8), one file per area. Keys:
 * organisation.common.* (the hub and shared words), organisation.groups.* (project groups, their
 * meetings and decisions), organisation.arenas.* (collaboration arenas and their yearly review),
 * organisation.anchoring.* (the anchoring log and its timeline), organisation.grants.* (grants,
 * budget lines, spending, reporting deadlines), organisation.printed.* (posters and leaflets).
 */
type Section = "nb" | "nn" | "en";

function compose<L extends Section>(language: L) {
  return {
    common: common[language],
    groups: groups[language],
    arenas: arenas[language],
    anchoring: anchoring[language],
    grants: grants[language],
    printed: printed[language],
  };
}

export const organisationNb = {
  common: common.nb,
  groups: groups.nb,
  arenas: arenas.nb,
  anchoring: anchoring.nb,
  grants: grants.nb,
  printed: printed.nb,
} as const;
export const organisationNn = compose("nn");
export const organisationEn = compose("en");
