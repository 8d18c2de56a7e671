import { Button, Heading, Link as DsLink, Paragraph, Table } from "@digdir/designsystemet-react";
import { Form, Link, useLoaderData } from "react-router";
import { reviewYearFrom } from "../../core/organisation/arenas-rules.ts";
import { listReviewYear } from "../../core/organisation/arenas.ts";
import { osloDate } from "../../core/platform/dates.ts";
import { SelectField } from "../components/forms.tsx";
import { shortName, TableScroll } from "../components/implementation-plan-ui.tsx";
import {
  arenaPath,
  arenaReviewPath,
  ArenasLayout,
  decisionText,
} from "../components/organisation-arenas.tsx";
import { formatDate } from "../components/worry-fields.tsx";
import { useT } from "../lib/i18n.tsx";
import { loadOr404, requirePermission } from "../lib/route-helpers.ts";
import type { Route } from "./+types/organisation.arenas.reviews";

/**
 * /organisering/arenaer/gjennomgang?ar=2026 (implementation.view): every arena active in the
 * year with its review of that year or «Ikke gjennomgått», and the decisions counted in words.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "implementation.view");
  const today = osloDate();
  const year = reviewYearFrom(new URL(request.url).searchParams.get("ar"), today);
  return loadOr404(() =>
    listReviewYear({
      database: context.services.database,
      actor,
      meta: context.meta,
      year,
      today,
    }),
  );
}

export default function ArenaReviewsPage() {
  const t = useT();
  const { year, years, rows, counts, canManage } = useLoaderData<typeof loader>();
  const caption = t("organisation.arenas.reviews.caption", { year });
  const countItems = [
    t("organisation.arenas.reviews.countKeep", { count: counts.keep }),
    t("organisation.arenas.reviews.countChange", { count: counts.change }),
    t("organisation.arenas.reviews.countClose", { count: counts.close }),
    t("organisation.arenas.reviews.countMissing", { count: counts.missing }),
  ];
  return (
    <ArenasLayout section="reviews" heading={t("organisation.arenas.reviews.title")}>
      <Paragraph>{t("organisation.arenas.reviews.intro")}</Paragraph>
      <section aria-labelledby="reviews-year-heading">
        <Heading level={2} data-size="xs" id="reviews-year-heading">
          {t("organisation.arenas.reviews.yearHeading")}
        </Heading>
        <Form method="get" className="arenas-filter">
          <SelectField
            name="ar"
            label={t("organisation.arenas.reviews.yearLabel")}
            defaultValue={String(year)}
            options={years.map((option) => ({ value: String(option), label: String(option) }))}
          />
          <div>
            <Button type="submit" variant="secondary">
              {t("organisation.arenas.reviews.submit")}
            </Button>
          </div>
        </Form>
      </section>
      <section aria-labelledby="reviews-summary-heading">
        <Heading level={2} data-size="sm" id="reviews-summary-heading">
          {t("organisation.arenas.reviews.summaryHeading", { year })}
        </Heading>
        {rows.length === 0 ? (
          <Paragraph>{t("organisation.arenas.reviews.empty", { year })}</Paragraph>
        ) : (
          <>
            <Paragraph>
              {t("organisation.arenas.reviews.total", { count: rows.length, year })}
            </Paragraph>
            <ul className="arenas-counts">
              {countItems.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ul>
          </>
        )}
      </section>
      {rows.length > 0 ? (
        <TableScroll label={caption}>
          <Table>
            <caption>{caption}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>
                  {t("organisation.arenas.reviews.columns.arena")}
                </Table.HeaderCell>
                <Table.HeaderCell>
                  {t("organisation.arenas.reviews.columns.decision")}
                </Table.HeaderCell>
                <Table.HeaderCell>
                  {t("organisation.arenas.reviews.columns.reviewedOn")}
                </Table.HeaderCell>
                <Table.HeaderCell>
                  {t("organisation.arenas.reviews.columns.needed")}
                </Table.HeaderCell>
                <Table.HeaderCell>
                  {t("organisation.arenas.reviews.columns.works")}
                </Table.HeaderCell>
                {canManage ? (
                  <Table.HeaderCell>
                    {t("organisation.arenas.reviews.columns.action")}
                  </Table.HeaderCell>
                ) : null}
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {rows.map(({ arena, review }) => (
                <Table.Row key={arena.id}>
                  <Table.HeaderCell scope="row">
                    <DsLink asChild>
                      <Link to={arenaPath(arena.id)}>{arena.name}</Link>
                    </DsLink>
                    {arena.unitName ? (
                      <Paragraph data-size="sm">
                        {t("organisation.arenas.unitName", { name: arena.unitName })}
                      </Paragraph>
                    ) : null}
                  </Table.HeaderCell>
                  <Table.Cell>
                    {review ? (
                      <strong>{decisionText(t, review.decision)}</strong>
                    ) : (
                      t("organisation.arenas.reviews.notReviewed")
                    )}
                  </Table.Cell>
                  <Table.Cell>{review ? formatDate(review.reviewedOn) : "–"}</Table.Cell>
                  <Table.Cell>
                    {review ? t(`organisation.arenas.needed.${review.needed}`) : "–"}
                  </Table.Cell>
                  <Table.Cell>
                    {review ? t(`organisation.arenas.works.${review.works}`) : "–"}
                  </Table.Cell>
                  {canManage ? (
                    <Table.Cell>
                      <DsLink asChild>
                        <Link
                          to={arenaReviewPath(arena.id, year)}
                          aria-label={
                            review
                              ? t("organisation.arenas.reviews.editNamed", {
                                  name: shortName(arena.name),
                                  year,
                                })
                              : t("organisation.arenas.reviews.reviewNamed", {
                                  name: shortName(arena.name),
                                  year,
                                })
                          }
                        >
                          {review
                            ? t("organisation.arenas.reviews.editAction")
                            : t("organisation.arenas.reviews.reviewAction")}
                        </Link>
                      </DsLink>
                    </Table.Cell>
                  ) : null}
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </TableScroll>
      ) : null}
    </ArenasLayout>
  );
}
