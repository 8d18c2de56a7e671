import { htmlLang, type Language } from "../../i18n/index.ts";

/**
 * Dates as the reader's language writes them. The time zone is fixed to Norway's so the server
 * HTML and the hydrated page print the same text, whatever zone the server or browser is in.
 */
export function formatDateTime(value: Date | string, language: Language): string {
  return new Intl.DateTimeFormat(htmlLang[language], {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Europe/Oslo",
  }).format(typeof value === "string" ? new Date(value) : value);
}
