import { Alert, Heading, Link as DsLink, Paragraph, Tag } from "@digdir/designsystemet-react";
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { FamilyHeader } from "../../core/relay-log/family.ts";
import { useT } from "../lib/i18n.tsx";

export type FamilyTab = "log" | "consent" | "trail" | "data";

/** URL segment of each tab under /familie/:logId. */
export const familyTabPaths: Record<FamilyTab, string> = {
  log: "",
  consent: "/samtykke",
  trail: "/innsyn",
  data: "/mine-data",
};

export const FAMILY_HOME_PATH = "/familie";

export function familyPath(logId: string, tab: FamilyTab = "log"): string {
  return `${FAMILY_HOME_PATH}/${logId}${familyTabPaths[tab]}`;
}

const familyTabs: FamilyTab[] = ["log", "consent", "trail", "data"];

/**
 * The frame of every family page of one log (guardians and the young person): whose log, its
 * state, who holds the baton, and the tabs. Plain language; the page's own heading is level 2.
 * Works at 320 px: the tabs wrap, and every target is at least 44 px high (family.css).
 */
export function FamilyLayout(props: {
  header: FamilyHeader;
  current?: FamilyTab;
  /** The page's title for <title>; defaults to the tab's name. */
  pageTitle?: string;
  children: ReactNode;
}) {
  const t = useT();
  const { header } = props;
  const title = t("family.layout.title", { name: header.childName });
  const tabTitle =
    props.pageTitle ?? (props.current ? t(`family.layout.tabs.${props.current}`) : title);
  return (
    <div className="page family">
      <title>{`${tabTitle} – ${title} – ${t("app.name")}`}</title>
      <Paragraph data-size="sm">
        <DsLink asChild>
          <Link to={FAMILY_HOME_PATH}>{t("family.layout.back")}</Link>
        </DsLink>
      </Paragraph>
      <Heading level={1} data-size="lg">
        {title}
      </Heading>
      <div className="family-meta">
        <Tag data-color={header.status === "open" ? "success" : "neutral"}>
          {header.status === "open" ? t("family.layout.open") : t("family.layout.closed")}
        </Tag>{" "}
        <span>
          {t("family.layout.holder", { name: header.holderName })}
          {header.holderUnitName ? ` (${header.holderUnitName})` : ""}
        </span>
      </div>
      {header.status === "closed" ? (
        <Alert data-color="info">{t("family.layout.closedReadOnly")}</Alert>
      ) : null}
      <nav aria-label={t("family.layout.tabsLabel")} className="family-tabs">
        <ul>
          {familyTabs.map((tab) => (
            <li key={tab}>
              <Link
                to={familyPath(header.id, tab)}
                aria-current={tab === props.current ? "page" : undefined}
              >
                {t(`family.layout.tabs.${tab}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="family-body">{props.children}</div>
    </div>
  );
}
