import { Alert, Button, Heading, Paragraph } from "@digdir/designsystemet-react";
import { Form, redirect, useActionData, useLoaderData } from "react-router";
import { reviewYearFrom } from "../../core/organisation/arenas-rules.ts";
import { arenaReviewForm, saveArenaReview } from "../../core/organisation/arenas.ts";
import { osloDate } from "../../core/platform/dates.ts";
import { SelectField } from "../components/forms.tsx";
import { arenaPath, ArenasLayout, ReviewForm } from "../components/organisation-arenas.tsx";
import { formatDate } from "../components/worry-fields.tsx";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  isFailure,
  loadOr404,
  requirePermission,
  runAction,
  withNotice,
} from "../lib/route-helpers.ts";
import type { Route } from "./+types/organisation.arenas.review";

/**
 * /organisering/arenaer/:arenaId/gjennomgang?ar=2026 (implementation.manage): the yearly review of
 * an arena — one per arena and year; when the year has one, the form changes it. A review
 * without a decision is refused with a message, keeping what was typed.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  const today = osloDate();
  const year = reviewYearFrom(new URL(request.url).searchParams.get("ar"), today);
  return loadOr404(() =>
    arenaReviewForm({
      database: context.services.database,
      actor,
      meta: context.meta,
      arenaId: params.arenaId,
      year,
      today,
    }),
  );
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  const values = formToObject(await request.formData());
  return runAction(values, async () => {
    const saved = await saveArenaReview({
      database: context.services.database,
      actor,
      meta: context.meta,
      arenaId: params.arenaId,
      values,
    });
    const closed = saved.closedOn !== null && saved.closedOn !== saved.closedOnBefore;
    const reopened = saved.closedOn === null && saved.closedOnBefore !== null;
    return redirect(
      withNotice(
        arenaPath(params.arenaId),
        closed
          ? "organisation.arenas.notices.reviewClosed"
          : reopened
            ? "organisation.arenas.notices.reviewReopened"
            : "organisation.arenas.notices.reviewSaved",
        { ar: String(saved.year), ...(closed ? { dato: saved.closedOn! } : {}) },
      ),
    );
  });
}

export default function ArenaReviewPage() {
  const t = useT();
  const { arena, review, year, years, reviewedYears, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  return (
    <ArenasLayout
      section={null}
      heading={t("organisation.arenas.review.title", { name: arena.name })}
      back={{
        to: arenaPath(arena.id),
        text: t("organisation.arenas.backToArena", { name: arena.name }),
      }}
    >
      <Paragraph>{t("organisation.arenas.review.intro")}</Paragraph>
      <section aria-labelledby="review-year-heading">
        <Heading level={2} data-size="xs" id="review-year-heading">
          {t("organisation.arenas.review.yearPickerHeading")}
        </Heading>
        <Form method="get" className="arenas-filter">
          <SelectField
            name="ar"
            label={t("organisation.arenas.review.yearPicker")}
            defaultValue={String(year)}
            options={years.map((option) => ({ value: String(option), label: String(option) }))}
          />
          <div>
            <Button type="submit" variant="secondary">
              {t("organisation.arenas.review.yearPickerSubmit")}
            </Button>
          </div>
        </Form>
        {reviewedYears.length > 0 ? (
          <Paragraph data-size="sm">
            {t("organisation.arenas.review.reviewedYears", { years: reviewedYears.join(", ") })}
          </Paragraph>
        ) : null}
      </section>
      {review ? (
        <Alert data-color="info">
          <Paragraph>{t("organisation.arenas.review.existing", { year })}</Paragraph>
        </Alert>
      ) : null}
      {!arena.active && arena.closedOn ? (
        <Paragraph>
          {t("organisation.arenas.review.closedNote", { date: formatDate(arena.closedOn) })}
        </Paragraph>
      ) : null}
      <ReviewForm
        failure={failure}
        stored={review}
        year={year}
        years={years}
        today={today}
        cancelTo={arenaPath(arena.id)}
      />
    </ArenasLayout>
  );
}
