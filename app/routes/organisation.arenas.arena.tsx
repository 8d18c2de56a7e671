import { Button, Heading, Link as DsLink, Paragraph, Table } from "@digdir/designsystemet-react";
import { Link, useLoaderData, useSearchParams } from "react-router";
import { serviceKey, targetGroupKey } from "../../core/organisation/arena-kinds.ts";
import { getArena } from "../../core/organisation/arenas.ts";
import { noticeFrom, TableScroll } from "../components/implementation-plan-ui.tsx";
import {
  arenaEditPath,
  arenaPath,
  arenaReviewPath,
  ARENAS_PATH,
  ArenasLayout,
  decisionText,
  frequencyText,
  lastReviewText,
  leaderText,
  levelsText,
  reviewStatusText,
  servicesText,
  statusText,
  targetGroupsText,
  WordList,
} from "../components/organisation-arenas.tsx";
import { formatDate } from "../components/worry-fields.tsx";
import { useT } from "../lib/i18n.tsx";
import { loadOr404, requirePermission } from "../lib/route-helpers.ts";
import type { Route } from "./+types/organisation.arenas.arena";

/**
 * /organisering/arenaer/:arenaId (implementation.view): everything about one arena, its yearly
 * reviews newest first, and the active arenas it overlaps with.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "implementation.view");
  return loadOr404(() =>
    getArena({
      database: context.services.database,
      actor,
      meta: context.meta,
      arenaId: params.arenaId,
    }),
  );
}

const notices = [
  "organisation.arenas.notices.created",
  "organisation.arenas.notices.updated",
  "organisation.arenas.notices.reopened",
  "organisation.arenas.notices.reviewSaved",
  "organisation.arenas.notices.reviewClosed",
  "organisation.arenas.notices.reviewReopened",
];

export default function ArenaPage() {
  const t = useT();
  const { arena, reviews, overlaps, year, canManage } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const notice = noticeFrom(params, notices);
  const thisYearsReview = reviews.find((review) => review.year === year);
  const last = lastReviewText(t, arena);
  return (
    <ArenasLayout
      section={null}
      heading={arena.name}
      back={{ to: ARENAS_PATH, text: t("organisation.arenas.backToList") }}
      notice={
        notice
          ? t(notice, {
              name: params.get("navn") ?? arena.name,
              year: params.get("ar") ?? "",
              date: params.get("dato") ? formatDate(params.get("dato")!) : "",
            })
          : null
      }
    >
      {canManage ? (
        <div className="actions">
          <Button asChild>
            <Link to={arenaReviewPath(arena.id, year)}>
              {thisYearsReview
                ? t("organisation.arenas.arena.editReview", { year })
                : t("organisation.arenas.arena.review", { year })}
            </Link>
          </Button>
          <Button asChild variant="secondary">
            <Link to={arenaEditPath(arena.id)}>{t("organisation.arenas.arena.edit")}</Link>
          </Button>
        </div>
      ) : null}
      <section aria-labelledby="arena-details-heading">
        <Heading level={2} data-size="sm" id="arena-details-heading">
          {t("organisation.arenas.arena.detailsHeading")}
        </Heading>
        <dl className="details-list">
          <dt>{t("organisation.arenas.arena.status")}</dt>
          <dd>{statusText(t, arena)}</dd>
          <dt>{t("organisation.arenas.arena.latest")}</dt>
          <dd>
            <div>{reviewStatusText(t, arena, year)}</div>
            {last ? <div>{last}</div> : null}
          </dd>
          <dt>{t("organisation.arenas.arena.purpose")}</dt>
          <dd className="arenas-pre-line">{arena.purpose}</dd>
          <dt>{t("organisation.arenas.arena.targetGroups")}</dt>
          <dd>
            <WordList items={arena.targetGroups.map((code) => t(targetGroupKey(code)))} />
          </dd>
          <dt>{t("organisation.arenas.arena.services")}</dt>
          <dd>
            <WordList items={arena.services.map((code) => t(serviceKey(code)))} />
          </dd>
          <dt>{t("organisation.arenas.arena.participants")}</dt>
          <dd className="arenas-pre-line">
            {arena.participants || t("organisation.arenas.arena.none")}
          </dd>
          <dt>{t("organisation.arenas.arena.frequency")}</dt>
          <dd>{frequencyText(t, arena)}</dd>
          <dt>{t("organisation.arenas.arena.leader")}</dt>
          <dd>{leaderText(t, arena)}</dd>
          <dt>{t("organisation.arenas.arena.levels")}</dt>
          <dd>{levelsText(t, arena.btiLevels)}</dd>
          <dt>{t("organisation.arenas.arena.unit")}</dt>
          <dd>{arena.unitName ?? t("organisation.arenas.arena.noUnit")}</dd>
        </dl>
      </section>
      <section aria-labelledby="arena-reviews-heading">
        <Heading level={2} data-size="sm" id="arena-reviews-heading">
          {t("organisation.arenas.arena.reviewsHeading")}
        </Heading>
        {reviews.length === 0 ? (
          <Paragraph>{t("organisation.arenas.arena.noReviews")}</Paragraph>
        ) : (
          <TableScroll label={t("organisation.arenas.arena.reviewsCaption")}>
            <Table>
              <caption>{t("organisation.arenas.arena.reviewsCaption")}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t("organisation.arenas.reviewColumns.year")}</Table.HeaderCell>
                  <Table.HeaderCell>
                    {t("organisation.arenas.reviewColumns.reviewedOn")}
                  </Table.HeaderCell>
                  <Table.HeaderCell>
                    {t("organisation.arenas.reviewColumns.needed")}
                  </Table.HeaderCell>
                  <Table.HeaderCell>
                    {t("organisation.arenas.reviewColumns.works")}
                  </Table.HeaderCell>
                  <Table.HeaderCell>
                    {t("organisation.arenas.reviewColumns.decision")}
                  </Table.HeaderCell>
                  <Table.HeaderCell>
                    {t("organisation.arenas.reviewColumns.reasons")}
                  </Table.HeaderCell>
                  <Table.HeaderCell>
                    {t("organisation.arenas.reviewColumns.changes")}
                  </Table.HeaderCell>
                  <Table.HeaderCell>
                    {t("organisation.arenas.reviewColumns.reviewedBy")}
                  </Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {reviews.map((review) => (
                  <Table.Row key={review.id}>
                    <Table.HeaderCell scope="row">
                      {canManage ? (
                        <DsLink asChild>
                          <Link
                            to={arenaReviewPath(arena.id, review.year)}
                            aria-label={t("organisation.arenas.arena.editReview", {
                              year: review.year,
                            })}
                          >
                            {review.year}
                          </Link>
                        </DsLink>
                      ) : (
                        review.year
                      )}
                    </Table.HeaderCell>
                    <Table.Cell>{formatDate(review.reviewedOn)}</Table.Cell>
                    <Table.Cell>{t(`organisation.arenas.needed.${review.needed}`)}</Table.Cell>
                    <Table.Cell>{t(`organisation.arenas.works.${review.works}`)}</Table.Cell>
                    <Table.Cell>
                      <strong>{decisionText(t, review.decision)}</strong>
                    </Table.Cell>
                    <Table.Cell className="arenas-pre-line">{review.reasons}</Table.Cell>
                    <Table.Cell className="arenas-pre-line">{review.changes || "–"}</Table.Cell>
                    <Table.Cell>{review.reviewedByName ?? "–"}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </TableScroll>
        )}
      </section>
      <section aria-labelledby="arena-overlaps-heading">
        <Heading level={2} data-size="sm" id="arena-overlaps-heading">
          {t("organisation.arenas.arena.overlapsHeading")}
        </Heading>
        {!arena.active ? (
          <Paragraph>{t("organisation.arenas.arena.closedNoOverlaps")}</Paragraph>
        ) : overlaps.length === 0 ? (
          <Paragraph>{t("organisation.arenas.arena.noOverlaps")}</Paragraph>
        ) : (
          <>
            <Paragraph>{t("organisation.arenas.arena.overlapsIntro")}</Paragraph>
            <ul className="arenas-pairs">
              {overlaps.map((overlap) => (
                <li key={overlap.other.id} className="arenas-pair">
                  <Heading level={3} data-size="xs">
                    <DsLink asChild>
                      <Link to={arenaPath(overlap.other.id)}>{overlap.other.name}</Link>
                    </DsLink>
                  </Heading>
                  <Paragraph>
                    {overlap.relation === "same"
                      ? t("organisation.arenas.arena.overlapSame")
                      : overlap.otherIsWithin
                        ? t("organisation.arenas.arena.overlapOtherWithin", {
                            other: overlap.other.name,
                          })
                        : t("organisation.arenas.arena.overlapThisWithin", {
                            other: overlap.other.name,
                          })}
                  </Paragraph>
                  <Paragraph data-size="sm">
                    {t("organisation.arenas.arena.sharedTargetGroups", {
                      list: targetGroupsText(t, overlap.sharedTargetGroups),
                    })}
                    <br />
                    {t("organisation.arenas.arena.sharedServices", {
                      list: servicesText(t, overlap.sharedServices),
                    })}
                  </Paragraph>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </ArenasLayout>
  );
}
