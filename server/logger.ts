import pino, { type Logger } from "pino";

/**
 * Structured JSON logs. Request logs carry the request id, method, route path, status and time;
 * never query strings, bodies, IP addresses, names or ID numbers.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: "laget" },
    redact: { paths: ["*.password", "*.token", "*.email", "*.nationalId"], censor: "[skjult]" },
  });
}
export type { Logger };
