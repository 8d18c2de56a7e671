import type { TFunction } from "i18next";
import { createContext, useContext, type ReactNode } from "react";
import { translator, type Language } from "../../i18n/index.ts";

/**
 * The page's translate function. One i18next instance per language, made once: its language never
 * changes, so sharing it between requests shares no user's state, and a render no longer builds
 * an instance (and react-i18next's per-component wrapper) for every page.
 */
const TranslateContext = createContext<TFunction | null>(null);

export function I18nProvider({ language, children }: { language: Language; children: ReactNode }) {
  return (
    <TranslateContext.Provider value={translator(language)}>{children}</TranslateContext.Provider>
  );
}

/** The translate function for the current page. */
export function useT(): TFunction {
  const t = useContext(TranslateContext);
  if (!t) throw new Error("useT() is used outside I18nProvider");
  return t;
}
