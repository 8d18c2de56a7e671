import * as common from "./common.ts";
import * as networks from "./networks.ts";
import * as plan from "./plan.ts";
import * as training from "./training.ts";
import * as units from "./units.ts";

/**
 * The implementation module's part of the catalog (issue 6), one file per area. Keys:
 * implementation.common.* (the overview and shared words), implementation.plan.* (milestones,
 * core components, dosing, responsibilities, risks), implementation.units.* (units, BTS
 * contacts, stages, leaders' view, onboarding), implementation.networks.*, implementation.training.*
 * (events and the competence portal).
 */
type Section = "nb" | "nn" | "en";

function compose<L extends Section>(language: L) {
  return {
    common: common[language],
    plan: plan[language],
    units: units[language],
    networks: networks[language],
    training: training[language],
  };
}

export const implementationNb = {
  common: common.nb,
  plan: plan.nb,
  units: units.nb,
  networks: networks.nb,
  training: training.nb,
} as const;
export const implementationNn = compose("nn");
export const implementationEn = compose("en");
