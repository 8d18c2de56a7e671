export * from "./platform.ts";
export * from "./guide.ts";
