import i18next, { type i18n, type TFunction } from "i18next";
import { en } from "./en.ts";
import { nb } from "./nb.ts";
import { nn } from "./nn.ts";

export const languages = ["nb", "nn", "en"] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = "nb";

/** The value for `<html lang>`: bokmål and nynorsk have their own BCP 47 tags. */
export const htmlLang: Record<Language, string> = { nb: "nb", nn: "nn", en: "en" };

export const resources = {
  nb: { translation: nb },
  nn: { translation: nn },
  en: { translation: en },
} as const;

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (languages as readonly string[]).includes(value);
}

/** An i18next instance fixed to one language (never switched: a language change is a new page). */
function createI18n(language: Language): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: language,
    fallbackLng: defaultLanguage,
    resources,
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}

const translators = new Map<Language, TFunction>();

/** The translator of a language, made once: for the pages (app/lib/i18n.tsx), API errors, e-mails, PDFs. */
export function translator(language: Language): TFunction {
  let t = translators.get(language);
  if (!t) {
    t = createI18n(language).t;
    translators.set(language, t);
  }
  return t;
}
