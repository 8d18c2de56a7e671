import { Tag } from "@digdir/designsystemet-react";
import { useRouteLoaderData } from "react-router";
import { htmlLang, type Language } from "../../i18n/index.ts";
import { useT } from "../lib/i18n.tsx";
import type { RootData } from "../root.tsx";

/**
 * Small pieces shared by the implementation module's unit, overview and onboarding pages
 * (app/routes/implementation.overview|units|onboarding*.tsx, onboarding.mine.tsx).
 */

export function useLanguage(): Language {
  return useRouteLoaderData<RootData>("root")?.language ?? "nb";
}

const dayFormats = new Map<Language, Intl.DateTimeFormat>();

/** A calendar day (YYYY-MM-DD) as the reader's language writes it: «14. mars 2026». */
export function formatDay(isoDate: string, language: Language): string {
  let format = dayFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(htmlLang[language], { dateStyle: "medium", timeZone: "UTC" });
    dayFormats.set(language, format);
  }
  return format.format(new Date(`${isoDate}T00:00:00Z`));
}

export type OnboardingStateName = "not_started" | "in_progress" | "completed" | "overdue";

const stateColor: Record<OnboardingStateName, "neutral" | "info" | "success" | "danger"> = {
  not_started: "neutral",
  in_progress: "info",
  completed: "success",
  overdue: "danger",
};

/** The onboarding status in words («Forsinket (1 av 5)»), never by colour alone. */
export function OnboardingStateTag(props: {
  state: OnboardingStateName;
  done: number;
  total: number;
}) {
  const t = useT();
  return (
    <Tag data-color={stateColor[props.state]}>
      {t(`implementation.units.onboarding.states.${props.state}`, {
        done: props.done,
        total: props.total,
      })}
    </Tag>
  );
}
