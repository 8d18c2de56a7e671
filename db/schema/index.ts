export * from "./platform.ts";
export * from "./guide.ts";
export * from "./relay-log.ts";
export * from "./implementation.ts";
export * from "./evaluation.ts";
export * from "./organisation.ts";
