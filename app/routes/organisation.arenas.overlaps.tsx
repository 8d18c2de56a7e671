import { Heading, Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { Link, useLoaderData } from "react-router";
import { serviceKey, targetGroupKey } from "../../core/organisation/arena-kinds.ts";
import { listArenaOverlaps } from "../../core/organisation/arenas.ts";
import { osloDate } from "../../core/platform/dates.ts";
import {
  arenaPath,
  arenaReviewPath,
  ArenasLayout,
  WordList,
} from "../components/organisation-arenas.tsx";
import { useT } from "../lib/i18n.tsx";
import { loadOr404, requirePermission } from "../lib/route-helpers.ts";
import type { Route } from "./+types/organisation.arenas.overlaps";

/**
 * /organisering/arenaer/overlapp (implementation.view): pairs of active arenas that share a
 * target group where one arena's services are all among the other's («the same target group
 * and the same services»), never two arenas of different units, with what they share and a link
 * to review each arena.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "implementation.view");
  const today = osloDate();
  const result = await loadOr404(() =>
    listArenaOverlaps({ database: context.services.database, actor, meta: context.meta, today }),
  );
  return { ...result, year: Number(today.slice(0, 4)) };
}

export default function ArenaOverlapsPage() {
  const t = useT();
  const { overlaps, canManage, year } = useLoaderData<typeof loader>();
  const reviewLink = (arena: { id: string; name: string }) => (
    <DsLink asChild>
      {canManage ? (
        <Link to={arenaReviewPath(arena.id, year)}>
          {t("organisation.arenas.overlaps.review", { name: arena.name })}
        </Link>
      ) : (
        <Link to={arenaPath(arena.id)}>
          {t("organisation.arenas.overlaps.open", { name: arena.name })}
        </Link>
      )}
    </DsLink>
  );
  return (
    <ArenasLayout section="overlaps" heading={t("organisation.arenas.overlaps.title")}>
      <Paragraph>{t("organisation.arenas.overlaps.intro")}</Paragraph>
      {overlaps.length === 0 ? (
        <Paragraph>{t("organisation.arenas.overlaps.empty")}</Paragraph>
      ) : (
        <>
          <Paragraph>
            <strong>{t("organisation.arenas.overlaps.count", { count: overlaps.length })}</strong>
          </Paragraph>
          <ul className="arenas-pairs">
            {overlaps.map((overlap) => {
              const names = { first: overlap.first.name, second: overlap.second.name };
              const headingId = `overlap-${overlap.first.id}-${overlap.second.id}`;
              return (
                <li key={`${overlap.first.id}-${overlap.second.id}`} className="arenas-pair">
                  <Heading level={2} data-size="xs" id={headingId}>
                    {t("organisation.arenas.overlaps.pairHeading", names)}
                  </Heading>
                  <Paragraph>
                    {overlap.relation === "same"
                      ? t("organisation.arenas.overlaps.same")
                      : t("organisation.arenas.overlaps.subset", names)}
                  </Paragraph>
                  <Heading level={3} data-size="2xs">
                    {t("organisation.arenas.overlaps.sharedTargetGroups")}
                  </Heading>
                  <WordList
                    items={overlap.sharedTargetGroups.map((code) => t(targetGroupKey(code)))}
                  />
                  <Heading level={3} data-size="2xs">
                    {t("organisation.arenas.overlaps.sharedServices")}
                  </Heading>
                  <WordList items={overlap.sharedServices.map((code) => t(serviceKey(code)))} />
                  <ul className="arenas-links">
                    <li>{reviewLink(overlap.first)}</li>
                    <li>{reviewLink(overlap.second)}</li>
                  </ul>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </ArenasLayout>
  );
}
