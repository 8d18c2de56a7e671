import { Card, Heading, Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { Link, useLoaderData } from "react-router";
import { organisationHub } from "../../core/organisation/hub.ts";
import "../components/organisation-groups.css";
import { formatDate } from "../components/worry-fields.tsx";
import { useT } from "../lib/i18n.tsx";
import { loadOr404, requirePermission } from "../lib/route-helpers.ts";
import type { Route } from "./+types/organisation";

/**
 * /organisering: the municipality's organisation of the model, one card per area with one live
 * figure read from its tables (implementation.view; the read is audited).
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "implementation.view");
  return loadOr404(() =>
    organisationHub({ database: context.services.database, actor, meta: context.meta }),
  );
}

const H = "organisation.common.hub";

export default function OrganisationHubPage() {
  const t = useT();
  const hub = useLoaderData<typeof loader>();
  const none = t("organisation.common.noneYet");
  const items: { to: string; key: string; figures: string[] }[] = [
    {
      to: "/organisering/grupper",
      key: "groups",
      figures: [
        hub.groups.active === 0 ? none : t(`${H}.groups.figure`, { count: hub.groups.active }),
      ],
    },
    {
      to: "/organisering/vedtak",
      key: "decisions",
      figures: [
        hub.decisions.latestOn
          ? t(`${H}.decisions.figure`, { date: formatDate(hub.decisions.latestOn) })
          : none,
      ],
    },
    {
      to: "/organisering/arenaer",
      key: "arenas",
      figures:
        hub.arenas.active === 0
          ? [none]
          : [
              t(`${H}.arenas.figure`, { count: hub.arenas.active }),
              hub.arenas.notReviewedThisYear === 0
                ? t(`${H}.arenas.allReviewed`, { year: hub.arenas.year })
                : t(`${H}.arenas.notReviewed`, {
                    count: hub.arenas.notReviewedThisYear,
                    year: hub.arenas.year,
                  }),
            ],
    },
    {
      to: "/organisering/forankring",
      key: "anchoring",
      figures:
        hub.anchoring.activities === 0
          ? [none]
          : [
              t(`${H}.anchoring.figure`, { count: hub.anchoring.activities }),
              t(`${H}.anchoring.followUps`, { count: hub.anchoring.openFollowUps }),
            ],
    },
    {
      to: "/organisering/tilskudd",
      key: "grants",
      figures: [
        hub.grants.next
          ? t(hub.grants.next.overdue ? `${H}.grants.overdue` : `${H}.grants.figure`, {
              date: formatDate(hub.grants.next.dueOn),
              title: hub.grants.next.title,
              grant: hub.grants.next.grantName,
            })
          : t(`${H}.grants.none`),
      ],
    },
    {
      to: "/organisering/trykksaker",
      key: "printed",
      figures: [
        hub.printed.guidePublishedOn
          ? t(`${H}.printed.figure`, { date: formatDate(hub.printed.guidePublishedOn) })
          : none,
      ],
    },
  ];
  return (
    <div className="page">
      <title>{`${t("organisation.common.title")} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {t("organisation.common.title")}
      </Heading>
      <Paragraph>{t(`${H}.intro`)}</Paragraph>
      <ul className="cards" aria-label={t(`${H}.listLabel`)}>
        {items.map((item) => (
          <li key={item.key}>
            <Card data-color="neutral">
              <Heading level={2} data-size="xs">
                <DsLink asChild>
                  <Link to={item.to}>{t(`${H}.${item.key}.title`)}</Link>
                </DsLink>
              </Heading>
              <Paragraph data-size="sm">{t(`${H}.${item.key}.text`)}</Paragraph>
              {item.figures.map((figure) => (
                <Paragraph key={figure} data-size="sm" className="org-hub__figure">
                  {figure}
                </Paragraph>
              ))}
            </Card>
          </li>
        ))}
      </ul>
    </div>
  );
}
