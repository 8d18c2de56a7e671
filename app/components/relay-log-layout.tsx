import { Alert, Heading, Link as DsLink, Paragraph, Tag } from "@digdir/designsystemet-react";
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { LogHeader } from "../../core/relay-log/header.ts";
import { useT } from "../lib/i18n.tsx";

export type LogTab =
  | "overview"
  | "plan"
  | "evaluations"
  | "entries"
  | "meetings"
  | "participants"
  | "consent"
  | "handover"
  | "trail"
  | "close";

/** URL segment of each tab under /stafettlogger/:logId. */
export const logTabPaths: Record<LogTab, string> = {
  overview: "",
  plan: "/plan",
  evaluations: "/evaluering",
  entries: "/notater",
  meetings: "/moter",
  participants: "/deltakere",
  consent: "/samtykke",
  handover: "/stafett",
  trail: "/tilgangslogg",
  close: "/avslutt",
};

export function logPath(logId: string, tab: LogTab = "overview"): string {
  return `/stafettlogger/${logId}${logTabPaths[tab]}`;
}

function visibleTabs(header: LogHeader): LogTab[] {
  const tabs: LogTab[] = ["overview", "plan", "evaluations", "entries", "meetings", "participants"];
  if (header.kind === "log") tabs.push("consent");
  tabs.push("handover");
  if (header.isHolder) tabs.push("trail", "close");
  return tabs;
}

/**
 * The frame of every page of a log: who it is about, level, holder and state, what the holder
 * must do about consent, and the tabs. The page's own heading is level 2 inside it.
 */
export function RelayLogLayout(props: {
  header: LogHeader;
  /** The tab the page belongs to; pages outside the tabs (convert, report) leave it out. */
  current?: LogTab;
  /** The page's title for <title>, e.g. the tab's name. */
  pageTitle?: string;
  children: ReactNode;
}) {
  const t = useT();
  const { header } = props;
  const kindTitle =
    header.kind === "anonymous" ? t("relayLog.anonymousTitle") : t("relayLog.title");
  const tabTitle =
    props.pageTitle ?? (props.current ? t(`relayLog.tabs.${props.current}`) : kindTitle);
  return (
    <div className="page relay-log">
      <title>{`${tabTitle} – ${kindTitle}: ${header.title} – ${t("app.name")}`}</title>
      <Paragraph data-size="sm">
        <DsLink asChild>
          <Link to="/stafettlogger">{t("relayLog.backToList")}</Link>
        </DsLink>
      </Paragraph>
      <Heading level={1} data-size="lg">
        {kindTitle}: {header.title}
      </Heading>
      <div className="relay-log-meta">
        <Tag data-color="info">{t("relayLog.levelLabel", { level: header.level })}</Tag>{" "}
        <Tag data-color={header.status === "open" ? "success" : "neutral"}>
          {header.status === "open" ? t("relayLog.statusOpen") : t("relayLog.statusClosed")}
        </Tag>{" "}
        <span>
          {t("relayLog.holder", { name: header.holderName })}
          {header.holderUnitName ? ` (${header.holderUnitName})` : ""}
        </span>
      </div>
      {header.isHolder && header.kind === "log" && header.status === "open" ? (
        header.consentState === "expired" || header.consentState === "withdrawn" ? (
          <Alert data-color="warning">{t("relayLog.frozenHolder")}</Alert>
        ) : header.consentState === "none" ? (
          <Alert data-color="info">{t("relayLog.noConsentHolder")}</Alert>
        ) : null
      ) : null}
      {header.status === "closed" ? (
        <Alert data-color="info">{t("relayLog.closedReadOnly")}</Alert>
      ) : null}
      <nav aria-label={t("relayLog.tabsLabel")} className="relay-log-tabs">
        <ul>
          {visibleTabs(header).map((tab) => (
            <li key={tab}>
              <Link
                to={logPath(header.id, tab)}
                aria-current={tab === props.current ? "page" : undefined}
              >
                {t(`relayLog.tabs.${tab}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="relay-log-body">{props.children}</div>
      <Paragraph data-size="sm" className="relay-log-report">
        <DsLink asChild>
          <Link to="/veileder/rutine-stafettloggen">{t("relayLog.help")}</Link>
        </DsLink>
        {" · "}
        <DsLink asChild>
          <Link to={`/stafettlogger/${header.id}/bekymringsmelding`}>
            {t("relayLog.childWelfareReport")}
          </Link>
        </DsLink>
      </Paragraph>
    </div>
  );
}
