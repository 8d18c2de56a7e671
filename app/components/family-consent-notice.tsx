import { Alert, Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { Link } from "react-router";
import { useT } from "../lib/i18n.tsx";
import { familyPath } from "./family-layout.tsx";

/** The anchor of the guardian-access question on the consent page. */
export const GUARDIAN_ACCESS_ANCHOR = "tilgang";

/**
 * For the young person from the consent age who has not yet answered whether their guardians
 * keep access to the log: a notice that links to the question on the consent page. Render it
 * when `guardianAccessQuestionPending(context)` (core/relay-log/family-consent.ts) is true.
 */
export function GuardianAccessQuestionNotice(props: { logId: string; consentAge?: number | null }) {
  const t = useT();
  return (
    <Alert data-color="warning" className="family-consent-notice">
      <Paragraph>
        {props.consentAge
          ? t("family.consent.access.noticeText", { consentAge: props.consentAge })
          : t("family.consent.access.noticeTextNoAge")}
      </Paragraph>
      <Paragraph>
        <DsLink asChild>
          <Link to={`${familyPath(props.logId, "consent")}#${GUARDIAN_ACCESS_ANCHOR}`}>
            {t("family.consent.access.noticeLink")}
          </Link>
        </DsLink>
      </Paragraph>
    </Alert>
  );
}
