import { Card, Heading, Link as DsLink, Paragraph, Tag } from "@digdir/designsystemet-react";
import { Link, useLoaderData } from "react-router";
import { listFamilyLogs } from "../../core/relay-log/family.ts";
import { familyPath } from "../components/family-layout.tsx";
import { formatDateTime } from "../lib/format-date.ts";
import { useT } from "../lib/i18n.tsx";
import { requireCitizen } from "../lib/route-helpers.ts";
import type { Route } from "./+types/family";

/**
 * The family's start page: the relay logs a guardian (with parental responsibility) or a young
 * person (from the consent age) may see. When there are none, a friendly page says so, explains
 * what a relay log is and who to contact: never an error (issue 5, bad input).
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requireCitizen(context, request);
  const logs = await listFamilyLogs({
    database: context.services.database,
    actor,
    meta: context.meta,
  });
  return {
    logs: logs.map((log) => ({
      id: log.id,
      childName: log.childName,
      status: log.status,
      level: log.level,
      as: log.as,
      updatedAt: log.updatedAt.toISOString(),
    })),
    contactEmail: context.tenant?.settings.contactEmail ?? null,
    language: context.language,
  };
}

export default function FamilyHome() {
  const t = useT();
  const { logs, contactEmail, language } = useLoaderData<typeof loader>();

  if (logs.length === 0) {
    return (
      <div className="page family family-home">
        <title>{`${t("family.home.empty.title")} – ${t("app.name")}`}</title>
        <Heading level={1} data-size="lg">
          {t("family.home.empty.title")}
        </Heading>
        <Paragraph data-size="lg">{t("family.home.empty.lead")}</Paragraph>
        <section aria-labelledby="family-what">
          <Heading level={2} data-size="sm" id="family-what">
            {t("family.home.empty.whatHeading")}
          </Heading>
          <Paragraph>{t("family.home.empty.what")}</Paragraph>
        </section>
        <section aria-labelledby="family-why">
          <Heading level={2} data-size="sm" id="family-why">
            {t("family.home.empty.whyHeading")}
          </Heading>
          <ul>
            <li>{t("family.home.empty.why1")}</li>
            <li>{t("family.home.empty.why2")}</li>
            <li>{t("family.home.empty.why3")}</li>
            <li>{t("family.home.empty.why4")}</li>
          </ul>
        </section>
        <section aria-labelledby="family-contact">
          <Heading level={2} data-size="sm" id="family-contact">
            {t("family.home.empty.contactHeading")}
          </Heading>
          <Paragraph>{t("family.home.empty.contact")}</Paragraph>
          <ul className="family-home__links">
            <li>
              {contactEmail ? (
                <DsLink href={`mailto:${contactEmail}`}>
                  {t("family.home.empty.contactEmail", { email: contactEmail })}
                </DsLink>
              ) : (
                t("family.home.empty.contactNone")
              )}
            </li>
            <li>
              <DsLink asChild>
                <Link to="/hvem-kan-hjelpe">{t("family.home.empty.whoCanHelp")}</Link>
              </DsLink>
            </li>
          </ul>
        </section>
      </div>
    );
  }

  return (
    <div className="page family family-home">
      <title>{`${t("family.home.title")} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {t("family.home.title")}
      </Heading>
      <Paragraph>{t("family.home.intro")}</Paragraph>
      <Heading level={2} data-size="sm">
        {t("family.home.listHeading")}
      </Heading>
      <ul className="family-home__list">
        {logs.map((log) => {
          const status =
            log.status === "open" ? t("family.home.statusOpen") : t("family.home.statusClosed");
          return (
            <li key={log.id}>
              <Card data-color="neutral">
                <Heading level={3} data-size="xs">
                  <DsLink asChild>
                    <Link to={familyPath(log.id)}>
                      {t("family.home.childLog", { name: log.childName })}
                    </Link>
                  </DsLink>
                </Heading>
                <div className="family-meta">
                  <Tag data-color={log.status === "open" ? "success" : "neutral"}>
                    {t("family.home.statusLabel", { status })}
                  </Tag>
                  <span>{t("family.home.level", { level: log.level })}</span>
                </div>
                <Paragraph>
                  {log.as === "youth" ? t("family.home.asYouth") : t("family.home.asGuardian")}
                </Paragraph>
                <Paragraph data-size="sm">
                  {t("family.home.updated", { date: formatDateTime(log.updatedAt, language) })}
                </Paragraph>
              </Card>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
