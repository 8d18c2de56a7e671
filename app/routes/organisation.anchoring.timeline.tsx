import { Button, Heading, Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { Form, Link, useLoaderData } from "react-router";
import {
  anchoringTimelineView,
  type TimelineActivityView,
  type TimelineMilestoneView,
} from "../../core/organisation/anchoring.ts";
import { SelectField } from "../components/forms.tsx";
import {
  activityLine,
  activityPath,
  AnchoringLayout,
  anchoringPaths,
  MilestoneStatusTag,
  OverdueTag,
  periodText,
  PlannedTag,
  shortName,
} from "../components/organisation-anchoring-ui.tsx";
import { formatDate } from "../components/worry-fields.tsx";
import { useT } from "../lib/i18n.tsx";
import { loadOr404, requirePermission } from "../lib/route-helpers.ts";
import type { Route } from "./+types/organisation.anchoring.timeline";

/**
 * The anchoring beside the implementation plan (/organisering/forankring/tidslinje): quarters
 * as an ordered list; in each, a heading, then the plan's milestones that start in it
 * («Implementeringsplan»), then the anchoring held in it («Forankring»). A screen reader gets
 * exactly that order; the two lists stand side by side only on wide screens. A year filter.
 * The read is audited (anchoring.timeline_viewed).
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "implementation.view");
  const yearKey = new URL(request.url).searchParams.get("ar") ?? "";
  const year = /^\d{4}$/.test(yearKey) ? Number(yearKey) : null;
  return loadOr404(() =>
    anchoringTimelineView({
      database: context.services.database,
      actor,
      meta: context.meta,
      year,
    }),
  );
}

export default function AnchoringTimelinePage() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const k = "organisation.anchoring.timeline";
  return (
    <AnchoringLayout section="timeline" heading={t(`${k}.title`)}>
      <Paragraph>{t(`${k}.intro`)}</Paragraph>
      <Paragraph>
        <DsLink asChild>
          <Link to={anchoringPaths.plan}>{t(`${k}.toPlan`)}</Link>
        </DsLink>
      </Paragraph>
      {data.years.length > 0 ? (
        <section aria-labelledby="anchoring-year-heading">
          <Heading level={2} data-size="xs" id="anchoring-year-heading">
            {t(`${k}.filterHeading`)}
          </Heading>
          <Form method="get" className="plan-filter">
            <SelectField
              name="ar"
              label={t(`${k}.year`)}
              defaultValue={data.year ? String(data.year) : ""}
              options={[
                { value: "", label: t(`${k}.allYears`) },
                ...data.years.map((year) => ({ value: String(year), label: String(year) })),
              ]}
            />
            <div>
              <Button type="submit" variant="secondary">
                {t(`${k}.submit`)}
              </Button>
            </div>
          </Form>
        </section>
      ) : null}
      {data.quarters.length === 0 ? (
        <Paragraph>
          {data.year ? t(`${k}.emptyYear`, { year: data.year }) : t(`${k}.empty`)}
        </Paragraph>
      ) : (
        <ol className="anchoring-timeline" aria-label={t(`${k}.label`)}>
          {data.quarters.map((quarter) => {
            const id = `kvartal-${quarter.key}`;
            return (
              <li key={quarter.key} className="anchoring-timeline__quarter">
                <Heading level={2} data-size="sm" id={id}>
                  {t(`${k}.quarter`, { quarter: quarter.quarter, year: quarter.year })}
                </Heading>
                <div className="anchoring-timeline__columns">
                  <div className="anchoring-timeline__column">
                    <Heading level={3} data-size="xs" id={`${id}-plan`}>
                      {t(`${k}.planHeading`)}
                    </Heading>
                    {quarter.milestones.length === 0 ? (
                      <Paragraph data-size="sm">{t(`${k}.noMilestones`)}</Paragraph>
                    ) : (
                      <ul className="anchoring-timeline__items" aria-labelledby={`${id}-plan`}>
                        {quarter.milestones.map((milestone) => (
                          <MilestoneItem key={milestone.id} milestone={milestone} />
                        ))}
                      </ul>
                    )}
                  </div>
                  <div className="anchoring-timeline__column">
                    <Heading level={3} data-size="xs" id={`${id}-forankring`}>
                      {t(`${k}.anchoringHeading`)}
                    </Heading>
                    {quarter.activities.length === 0 ? (
                      <Paragraph data-size="sm">{t(`${k}.noActivities`)}</Paragraph>
                    ) : (
                      <ul
                        className="anchoring-timeline__items"
                        aria-labelledby={`${id}-forankring`}
                      >
                        {quarter.activities.map((activity) => (
                          <ActivityItem
                            key={activity.id}
                            activity={activity}
                            canManage={data.canManage}
                          />
                        ))}
                      </ul>
                    )}
                  </div>
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </AnchoringLayout>
  );
}

function MilestoneItem({ milestone }: { milestone: TimelineMilestoneView }) {
  const t = useT();
  const k = "organisation.anchoring.timeline";
  const { anchoring } = milestone;
  const modifier =
    milestone.status === "overdue"
      ? " anchoring-timeline__item--overdue"
      : milestone.status === "done"
        ? " anchoring-timeline__item--done"
        : "";
  return (
    <li className={`anchoring-timeline__item${modifier}`}>
      <p className="anchoring-timeline__title">
        <strong>{milestone.title}</strong>
        <MilestoneStatusTag status={milestone.status} />
      </p>
      <p>
        {t(`${k}.period`)}: {periodText(t, milestone)}
      </p>
      {anchoring.count > 0 && anchoring.firstOn ? (
        <p>
          {t(`${k}.linkedCount`, { count: anchoring.count })}.{" "}
          {anchoring.beforeStart
            ? t(`${k}.anchoredBefore`, { date: formatDate(anchoring.firstOn) })
            : t(`${k}.anchoredAfter`, { date: formatDate(anchoring.firstOn) })}
        </p>
      ) : null}
    </li>
  );
}

function ActivityItem(props: { activity: TimelineActivityView; canManage: boolean }) {
  const t = useT();
  const k = "organisation.anchoring";
  const { activity } = props;
  const overdue = activity.followUpState === "overdue";
  return (
    <li
      className={`anchoring-timeline__item anchoring-timeline__item--activity${
        overdue ? " anchoring-timeline__item--overdue" : ""
      }`}
    >
      <p className="anchoring-timeline__title">
        <strong>{formatDate(activity.occurredOn)}</strong>
        {activity.planned ? <PlannedTag /> : null}
        {overdue ? <OverdueTag /> : null}
      </p>
      <p>{activityLine(t, activity)}</p>
      <p>{t(`${k}.audienceKind.${activity.audienceKind}`)}</p>
      {activity.milestoneTitle ? (
        <p>{t(`${k}.timeline.linkedTo`, { title: activity.milestoneTitle })}</p>
      ) : null}
      {props.canManage ? (
        <p>
          <DsLink asChild>
            <Link
              to={activityPath(activity.id)}
              aria-label={t(`${k}.editNamed`, {
                audience: shortName(activity.audience),
                date: formatDate(activity.occurredOn),
              })}
            >
              {t(`${k}.edit`)}
            </Link>
          </DsLink>
        </p>
      ) : null}
    </li>
  );
}
