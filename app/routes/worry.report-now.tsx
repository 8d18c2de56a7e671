import { Alert, Heading, Link as DsLink, Paragraph, Tag } from "@digdir/designsystemet-react";
import { Fragment } from "react";
import { useLoaderData } from "react-router";
import { childWelfareContact } from "../../core/guide/worry.ts";
import { useT } from "../lib/i18n.tsx";
import { requirePermission } from "../lib/route-helpers.ts";
import type { Route } from "./+types/worry.report-now";

/**
 * Where the worry flow sends an employee at once when violence, sexual abuse or serious neglect
 * is suspected: what to do, whom to call, and not to tell guardians who may be involved first.
 * Nothing from the flow is kept.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "guide.read");
  const contact = await childWelfareContact({ database: context.services.database, actor });
  return { contact, municipality: context.tenant?.name ?? "" };
}

/** "02800" → "tel:02800": digits and a leading + only. */
function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, "")}`;
}

export default function ReportNow() {
  const t = useT();
  const { contact, municipality } = useLoaderData<typeof loader>();
  const numbers = [
    {
      label: t("worry.reportNow.childWelfare", { municipality }),
      value: contact.phone ? (
        <>
          <DsLink href={telHref(contact.phone)}>{contact.phone}</DsLink>{" "}
          <span>
            (
            {contact.source === "directory"
              ? t("worry.reportNow.sourceDirectory")
              : t("worry.reportNow.sourceMunicipality")}
            )
          </span>
        </>
      ) : (
        t("worry.reportNow.childWelfareUnknown")
      ),
    },
    {
      label: t("worry.reportNow.police"),
      value: (
        <>
          <DsLink href="tel:02800">02800</DsLink> / <DsLink href="tel:112">112</DsLink>
          {" – "}
          {t("worry.reportNow.policeNumbers")}
        </>
      ),
    },
    {
      label: t("worry.reportNow.alarm"),
      value: <DsLink href="tel:116111">116 111</DsLink>,
    },
  ];
  return (
    <div className="page">
      <title>{`${t("worry.reportNow.title")} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {t("worry.reportNow.title")}
      </Heading>
      <Paragraph data-size="lg">{t("worry.reportNow.intro")}</Paragraph>
      <Alert data-color="danger">
        <Paragraph>
          <strong>{t("worry.reportNow.guardiansRule")}</strong>
        </Paragraph>
      </Alert>

      <section aria-labelledby="do-heading" className="page">
        <Heading level={2} data-size="md" id="do-heading">
          {t("worry.reportNow.doHeading")}
        </Heading>
        <ol>
          <li>{t("worry.reportNow.do1")}</li>
          <li>{t("worry.reportNow.do2")}</li>
          <li>{t("worry.reportNow.do3")}</li>
          <li>{t("worry.reportNow.do4")}</li>
        </ol>
        <Paragraph>
          <DsLink href="/bekymringsmelding">{t("relayLog.cases.childWelfare.guideLink")}</DsLink>
        </Paragraph>
      </section>

      <section aria-labelledby="numbers-heading" className="page">
        <Heading level={2} data-size="md" id="numbers-heading">
          {t("worry.reportNow.numbersHeading")}
        </Heading>
        <Paragraph>
          <Tag data-color="warning">{t("guide.verifyLabel")}</Tag>{" "}
          {t("worry.reportNow.verifyNotice")}
        </Paragraph>
        <dl className="details-list">
          {numbers.map((number) => (
            <Fragment key={number.label}>
              <dt>{number.label}</dt>
              <dd>{number.value}</dd>
            </Fragment>
          ))}
        </dl>
      </section>

      <section aria-labelledby="legal-heading" className="page">
        <Heading level={2} data-size="md" id="legal-heading">
          {t("worry.reportNow.legalHeading")}
        </Heading>
        <Paragraph>{t("worry.reportNow.legalText")}</Paragraph>
        <Paragraph>
          <DsLink href="/veileder/rutiner">{t("worry.reportNow.routinesLink")}</DsLink>
        </Paragraph>
      </section>
    </div>
  );
}
