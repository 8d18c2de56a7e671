import { Card, Heading, Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { Link, useRouteLoaderData } from "react-router";
import { HANDOVER_INBOX_PATH, myLogsPath } from "../../core/relay-log/open-rules.ts";
import type { Attention } from "../../core/relay-log/logs.ts";
import { useT } from "../lib/i18n.tsx";
import type { RootData } from "../root.tsx";
import { logPath } from "./relay-log-layout.tsx";

/**
 * The start page's "needs attention this week" panel: counts that link to the filtered list,
 * and the handovers and join requests waiting for the employee. It names colleagues, never a child.
 */
export function AttentionPanel({ attention }: { attention: Attention | null }) {
  const t = useT();
  if (!attention) return null;
  const items: { key: string; to: string; text: string }[] = [];
  if (attention.evaluationsDue > 0) {
    items.push({
      key: "evaluations",
      to: myLogsPath({ dueEvaluations: true }),
      text: t("relayLog.open.attentionEvaluations", { count: attention.evaluationsDue }),
    });
  }
  if (attention.measuresOverdue > 0) {
    items.push({
      key: "measures",
      to: myLogsPath({ overdueMeasures: true }),
      text: t("relayLog.open.attentionMeasures", { count: attention.measuresOverdue }),
    });
  }
  if (attention.consentExpiring > 0) {
    items.push({
      key: "consent",
      to: myLogsPath({ role: "holder", expiringConsent: true }),
      text: t("relayLog.open.attentionConsent", { count: attention.consentExpiring }),
    });
  }
  // One line per colleague: two handovers from the same person would read as the same link twice.
  const handoversByGiver = new Map<string, number>();
  for (const handover of attention.handovers) {
    handoversByGiver.set(handover.fromName, (handoversByGiver.get(handover.fromName) ?? 0) + 1);
  }
  for (const [name, count] of handoversByGiver) {
    items.push({
      key: `handover-${name}`,
      to: HANDOVER_INBOX_PATH,
      text:
        count === 1
          ? t("relayLog.open.attentionHandover", { name })
          : t("relayLog.open.attentionHandovers", { name, count }),
    });
  }
  for (const request of attention.joinRequests) {
    items.push({
      key: `join-${request.id}`,
      to: `${logPath(request.logId)}#join-requests`,
      text: t("relayLog.open.attentionJoin", { name: request.requesterName }),
    });
  }
  return (
    <section aria-labelledby="attention-heading" className="relay-attention">
      <Card data-color="neutral">
        <Heading level={2} data-size="sm" id="attention-heading">
          {t("relayLog.open.attentionHeading")}
        </Heading>
        {items.length === 0 ? (
          <Paragraph>{t("relayLog.open.attentionNone")}</Paragraph>
        ) : (
          <ul className="relay-attention__list">
            {items.map((item) => (
              <li key={item.key}>
                <DsLink asChild>
                  <Link to={item.to}>{item.text}</Link>
                </DsLink>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </section>
  );
}

/** "Åpne stafettlogg" from the worry flow's level-2 decision, for those who may use relay logs. */
export function OpenLogFromWorryLink() {
  const t = useT();
  const root = useRouteLoaderData<RootData>("root");
  if (!root?.permissions.includes("relaylog.use")) return null;
  return (
    <>
      {" "}
      <DsLink asChild>
        <Link to="/stafettlogger/ny?fra=bekymring">{t("relayLog.open.fromWorryLink")}</Link>
      </DsLink>
    </>
  );
}
