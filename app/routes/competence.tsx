import { Heading, Link as DsLink, Paragraph, Tag } from "@digdir/designsystemet-react";
import { Link, useLoaderData } from "react-router";
import { listCompetencePortal } from "../../core/implementation/competence.ts";
import { useT } from "../lib/i18n.tsx";
import { loadOr404, requirePermission } from "../lib/route-helpers.ts";
import type { Route } from "./+types/competence";

/**
 * /kompetanse: the competence portal — learning material per core component, in the order the
 * municipality lists the components, then "Generelt". Each group has an anchor
 * (#komponent-<id>) that events and milestones link to.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "competence.use");
  return loadOr404(() => listCompetencePortal({ database: context.services.database, actor }));
}

const M = "implementation.training.materials";

export default function CompetencePortalPage() {
  const t = useT();
  const { groups, canManage } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <title>{`${t(`${M}.portalTitle`)} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {t(`${M}.portalTitle`)}
      </Heading>
      <Paragraph>{t(`${M}.portalIntro`)}</Paragraph>
      <div className="actions">
        <DsLink asChild>
          <Link to="/opplaering">{t(`${M}.toTraining`)}</Link>
        </DsLink>
        {canManage ? (
          <DsLink asChild>
            <Link to="/implementering/kompetanse">{t(`${M}.manageLink`)}</Link>
          </DsLink>
        ) : null}
      </div>
      {groups.length === 0 ? <Paragraph>{t(`${M}.portalEmpty`)}</Paragraph> : null}
      {groups.length > 1 ? (
        <nav aria-label={t(`${M}.contents`)}>
          <ul>
            {groups.map((group) => (
              <li key={group.componentId ?? "generelt"}>
                <DsLink href={`#komponent-${group.componentId ?? "generelt"}`}>
                  {group.title ?? t(`${M}.general`)}
                </DsLink>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {groups.map((group) => {
        const anchor = `komponent-${group.componentId ?? "generelt"}`;
        return (
          <section key={anchor} aria-labelledby={`${anchor}-heading`} id={anchor}>
            <Heading level={2} data-size="md" id={`${anchor}-heading`}>
              {group.title ?? t(`${M}.general`)}
            </Heading>
            {group.description ? <Paragraph>{group.description}</Paragraph> : null}
            <ul>
              {group.materials.map((material) => (
                <li key={material.id}>
                  <DsLink asChild>
                    <Link to={`/kompetanse/${material.id}`}>{material.title}</Link>
                  </DsLink>{" "}
                  <Tag data-color="neutral" data-size="sm">
                    {t(`${M}.kinds.${material.kind}`)}
                  </Tag>
                  {material.summary ? (
                    <Paragraph data-size="sm">{material.summary}</Paragraph>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
