import { Alert, Button, Heading, Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { Link, useLoaderData } from "react-router";
import { getChildWelfareReceipt } from "../../core/relay-log/child-welfare.ts";
import { logPath } from "../components/relay-log-layout.tsx";
import { formatDateTime } from "../lib/format-date.ts";
import { useT } from "../lib/i18n.tsx";
import { requireStaff } from "../lib/route-helpers.ts";
import type { Route } from "./+types/relay-log.cases.child-welfare-receipt";

/**
 * /bekymringsmelding/kvittering/:reportId: the reporter's confirmation that Laget recorded the
 * report (to whom, when, for which unit). Only the reporter sees their receipt.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requireStaff(context, request);
  const receipt = await getChildWelfareReceipt({
    database: context.services.database,
    actor,
    reportId: params.reportId,
  });
  return { receipt, language: context.language };
}

export default function ChildWelfareReceiptPage() {
  const t = useT();
  const { receipt, language } = useLoaderData<typeof loader>();
  const k = (key: string, options?: Record<string, string>) =>
    t(`relayLog.cases.childWelfare.${key}`, options);
  return (
    <div className="page relay-log-cases">
      <title>{`${k("receiptTitle")} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {k("receiptTitle")}
      </Heading>
      {receipt ? (
        <>
          <Alert data-color="success" role="status">
            <Paragraph>
              {k("receiptRecorded", {
                recipient: receipt.recipient,
                date: formatDateTime(receipt.reportedAt, language),
              })}
            </Paragraph>
            {receipt.unitName ? (
              <Paragraph>{k("receiptUnit", { unit: receipt.unitName })}</Paragraph>
            ) : null}
          </Alert>
          <Paragraph>{k("receiptSend")}</Paragraph>
        </>
      ) : (
        <Alert data-color="warning">
          <Paragraph>{k("receiptNotFound")}</Paragraph>
        </Alert>
      )}
      <div className="actions">
        {receipt?.logId ? (
          <Button asChild variant="secondary">
            <Link to={logPath(receipt.logId)}>{k("backToLog")}</Link>
          </Button>
        ) : null}{" "}
        <DsLink asChild>
          <Link to="/bekymringsmelding">{k("newReport")}</Link>
        </DsLink>
      </div>
    </div>
  );
}
