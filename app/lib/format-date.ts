import { htmlLang, type Language } from "../../i18n/index.ts";

/**
 * Dates as the reader's language writes them. The time zone is fixed to Norway's so the server
 * HTML and the hydrated page print the same text, whatever zone the server or browser is in.
 */
export function formatDateTime(value: Date | string, language: Language): string {
  let format = dateTimeFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(htmlLang[language], {
      dateStyle: "medium",
      timeStyle: "short",
      timeZone: "Europe/Oslo",
    });
    dateTimeFormats.set(language, format);
  }
  return format.format(typeof value === "string" ? new Date(value) : value);
}

/** One formatter per language: building one costs far more than formatting with it. */
const dateTimeFormats = new Map<Language, Intl.DateTimeFormat>();
