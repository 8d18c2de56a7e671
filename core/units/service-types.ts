/** The fixed list of service types; labels live in the message catalog under `serviceType.*`. */
export const serviceTypes = [
  "barnehage",
  "grunnskole",
  "videregaende_skole",
  "helsestasjon_skolehelsetjeneste",
  "ppt",
  "barneverntjenesten",
  "nav",
  "psykisk_helse_rus",
  "familiens_hus",
  "fastlege",
  "tannhelse",
  "kultur_fritid",
  "politi_slt",
  "bup_spesialisthelsetjeneste",
  "annet",
] as const;
export type ServiceType = (typeof serviceTypes)[number];
