import "./organisation-anchoring.css";
import { Tag } from "@digdir/designsystemet-react";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import type { FollowUpState } from "../../core/organisation/anchoring-kinds.ts";
import { useT } from "../lib/i18n.tsx";
import { OrganisationPage } from "./organisation-page.tsx";
import { formatDate } from "./worry-fields.tsx";

/**
 * The frame and small parts shared by the anchoring pages (the log, its form, the timeline
 * beside the implementation plan): the way back to Organisering, the sub-navigation, the flash
 * notice, the follow-up in words.
 */

export type AnchoringSection = "log" | "timeline";

export const anchoringPaths = {
  log: "/organisering/forankring",
  new: "/organisering/forankring/ny",
  timeline: "/organisering/forankring/tidslinje",
  hub: "/organisering",
  plan: "/implementering/plan",
  guide: "/veileder/rutine-forankring",
} as const;

export function activityPath(id: string): string {
  return `${anchoringPaths.log}/${id}`;
}

const sections: AnchoringSection[] = ["log", "timeline"];

/** One page of the area, with its sub-navigation (log, timeline). */
export function AnchoringLayout(props: {
  section: AnchoringSection;
  heading: string;
  notice?: string | null;
  children: ReactNode;
}) {
  const t = useT();
  return (
    <OrganisationPage
      className="anchoring-area"
      heading={props.heading}
      nav={{
        label: t("organisation.anchoring.nav.label"),
        items: sections.map((section) => ({
          to: anchoringPaths[section],
          text: t(`organisation.anchoring.nav.${section}`),
          current: section === props.section,
        })),
      }}
      notice={props.notice}
      help={{ to: anchoringPaths.guide, text: t("organisation.anchoring.help") }}
    >
      {props.children}
    </OrganisationPage>
  );
}

/** "15.09.2025: Levekårsutvalget" – how an activity is named in headings and links. */
export function activityName(
  t: TFunction,
  activity: { occurredOn: string; audience: string },
): string {
  return t("organisation.anchoring.list.itemHeading", {
    date: formatDate(activity.occurredOn),
    audience: activity.audience,
  });
}

/** "Levekårsutvalget – Informert, Presentasjon / orientering". */
export function activityLine(
  t: TFunction,
  activity: { audience: string; mode: string; channel: string },
): string {
  return t("organisation.anchoring.timeline.activityText", {
    audience: activity.audience,
    mode: t(`organisation.anchoring.mode.${activity.mode}`),
    channel: t(`organisation.anchoring.channel.${activity.channel}`),
  });
}

/** «Planlagt» for an activity dated after today: a word, not a colour. */
export function PlannedTag() {
  const t = useT();
  return <Tag data-color="info">{t("organisation.anchoring.planned")}</Tag>;
}

/** «Oppfølging forfalt» as a tag: the colour only repeats the words. */
export function OverdueTag() {
  const t = useT();
  return (
    <Tag data-color="danger" className="anchoring-overdue">
      {t("organisation.anchoring.followUpState.overdue")}
    </Tag>
  );
}

/** The follow-up's state and dates in words: «Oppfølging forfalt – frist 01.02.2026». */
export function followUpStatusText(
  t: TFunction,
  activity: {
    followUpState: FollowUpState;
    followUpDueOn: string | null;
    followUpDoneOn: string | null;
  },
): string {
  const due = activity.followUpDueOn
    ? t("organisation.anchoring.followUpDue", { date: formatDate(activity.followUpDueOn) })
    : null;
  switch (activity.followUpState) {
    case "done":
      return t("organisation.anchoring.followUpDone", {
        date: formatDate(activity.followUpDoneOn ?? ""),
      });
    case "overdue":
      return [t("organisation.anchoring.followUpState.overdue"), due?.toLowerCase()]
        .filter(Boolean)
        .join(" – ");
    case "open":
      return [t("organisation.anchoring.followUpState.open"), due?.toLowerCase()]
        .filter(Boolean)
        .join(" – ");
    default:
      return t("organisation.anchoring.followUpState.none");
  }
}

// The plan area's delete step, status tag, period text and notice check, shared as they are
// (importing them also brings the plan's styles: the sub-navigation, facts lists, filters).
export {
  DeleteSection,
  MilestoneStatusTag,
  noticeFrom,
  periodText,
  shortName,
} from "./implementation-plan-ui.tsx";
