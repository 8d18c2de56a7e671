import {
  Button,
  Heading,
  Link as DsLink,
  Paragraph,
  Table,
  Tag,
} from "@digdir/designsystemet-react";
import { Link, useLoaderData, useSearchParams } from "react-router";
import { listPlan, type MilestoneView } from "../../core/implementation/plan.ts";
import {
  barGeometry,
  timelineGroups,
  timelineWindow,
  windowPosition,
  windowQuarters,
  type TimelineWindow,
} from "../../core/implementation/plan-rules.ts";
import {
  MilestoneStatusTag,
  noticeFrom,
  periodText,
  planPaths,
  PlanLayout,
  TableScroll,
  shortName,
} from "../components/implementation-plan-ui.tsx";
import { formatDate } from "../components/worry-fields.tsx";
import { useT } from "../lib/i18n.tsx";
import { loadOr404, requirePermission } from "../lib/route-helpers.ts";
import type { Route } from "./+types/implementation.plan";

/**
 * The implementation plan: milestones as a timeline (quarters as an ordered list, each milestone
 * with its period, responsible, status in words and a bar) or as a table (`?visning=tabell`).
 * Everyone with implementation.view reads; the coordinator sees the edit links.
 */

type View = "timeline" | "table";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "implementation.view");
  const plan = await loadOr404(() => listPlan({ database: context.services.database, actor }));
  const view: View =
    new URL(request.url).searchParams.get("visning") === "tabell" ? "table" : "timeline";
  return { ...plan, view };
}

const notices = [
  "implementation.plan.milestones.created",
  "implementation.plan.milestones.saved",
  "implementation.plan.milestones.deleted",
];

export default function ImplementationPlanPage() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const notice = noticeFrom(params, notices);
  return (
    <PlanLayout
      section="plan"
      heading={t("implementation.plan.title")}
      notice={notice ? t(notice, { title: params.get("tittel") ?? "" }) : null}
    >
      <Paragraph>{t("implementation.plan.milestones.intro")}</Paragraph>
      <Paragraph>
        <DsLink asChild>
          <Link to="/organisering/forankring/tidslinje">
            {t("implementation.plan.milestones.anchoringLink")}
          </Link>
        </DsLink>
      </Paragraph>
      {data.canManage ? (
        <div className="actions">
          <Button asChild>
            <Link to={`${planPaths.plan}/ny`}>{t("implementation.plan.milestones.new")}</Link>
          </Button>
        </div>
      ) : (
        <Paragraph>{t("implementation.plan.readOnly")}</Paragraph>
      )}
      {data.milestones.length === 0 ? (
        <Paragraph>{t("implementation.plan.milestones.empty")}</Paragraph>
      ) : (
        <>
          <Paragraph>
            <strong>
              {data.overdueCount > 0
                ? t("implementation.plan.milestones.overdueSummary", { count: data.overdueCount })
                : t("implementation.plan.milestones.noneOverdue")}
            </strong>
          </Paragraph>
          <nav
            aria-label={t("implementation.plan.milestones.viewLabel")}
            className="plan-view-toggle"
          >
            <ul>
              <li>
                <Link
                  to={planPaths.plan}
                  aria-current={data.view === "timeline" ? "page" : undefined}
                >
                  {t("implementation.plan.milestones.timeline")}
                </Link>
              </li>
              <li>
                <Link
                  to={`${planPaths.plan}?visning=tabell`}
                  aria-current={data.view === "table" ? "page" : undefined}
                >
                  {t("implementation.plan.milestones.table")}
                </Link>
              </li>
            </ul>
          </nav>
          {data.view === "table" ? (
            <PlanTable milestones={data.milestones} canManage={data.canManage} />
          ) : (
            <PlanTimeline
              milestones={data.milestones}
              today={data.today}
              canManage={data.canManage}
            />
          )}
        </>
      )}
    </PlanLayout>
  );
}

function PlanTimeline(props: { milestones: MilestoneView[]; today: string; canManage: boolean }) {
  const t = useT();
  const span = timelineWindow(props.milestones, props.today);
  const groups = timelineGroups(props.milestones);
  return (
    <section aria-labelledby="timeline-heading">
      <Heading level={2} data-size="md" id="timeline-heading">
        {t("implementation.plan.milestones.timeline")}
      </Heading>
      <Paragraph>{t("implementation.plan.milestones.timelineIntro")}</Paragraph>
      <div className="plan-scale" aria-hidden="true">
        {windowQuarters(span).map((quarter) => (
          <span key={`${quarter.year}-${quarter.quarter}`} className="plan-scale__quarter">
            {t("implementation.plan.milestones.quarter", quarter)}
          </span>
        ))}
      </div>
      <ol className="plan-timeline" aria-label={t("implementation.plan.milestones.timelineLabel")}>
        {groups.map((group) => (
          <li key={group.key}>
            <Heading level={3} data-size="xs">
              {group.key === "continuous"
                ? t("implementation.plan.milestones.continuousGroup")
                : t("implementation.plan.milestones.quarter", {
                    quarter: group.quarter,
                    year: group.year,
                  })}
            </Heading>
            <ol className="plan-timeline__items">
              {group.items.map((milestone) => (
                <TimelineItem
                  key={milestone.id}
                  milestone={milestone}
                  span={span}
                  today={props.today}
                  canManage={props.canManage}
                />
              ))}
            </ol>
          </li>
        ))}
      </ol>
    </section>
  );
}

function TimelineItem(props: {
  milestone: MilestoneView;
  span: TimelineWindow;
  today: string;
  canManage: boolean;
}) {
  const t = useT();
  const { milestone, span } = props;
  const bar = barGeometry(span, milestone);
  const todayX = windowPosition(span, props.today) * 1000;
  return (
    <li className={`plan-timeline__item plan-timeline__item--${milestone.status}`}>
      <Heading level={4} data-size="2xs" className="plan-timeline__title">
        <span>{milestone.title}</span>
        <MilestoneStatusTag status={milestone.status} />
        {milestone.kind === "evaluation" ? (
          <Tag data-color="neutral">{t("implementation.plan.milestones.kind.evaluation")}</Tag>
        ) : null}
      </Heading>
      <dl className="plan-timeline__facts">
        <dt>{t("implementation.plan.milestones.periodLabel")}</dt>
        <dd>{periodText(t, milestone)}</dd>
        <dt>{t("implementation.plan.milestones.responsibleLabel")}</dt>
        <dd>{milestone.responsible}</dd>
        {milestone.doneOn ? (
          <>
            <dt>{t("implementation.plan.milestones.doneLabel")}</dt>
            <dd>{formatDate(milestone.doneOn)}</dd>
          </>
        ) : null}
        {milestone.evaluationTitle ? (
          <>
            <dt>{t("implementation.plan.milestones.evaluatedBy")}</dt>
            <dd>{milestone.evaluationTitle}</dd>
          </>
        ) : null}
        {milestone.evaluates.length > 0 ? (
          <>
            <dt>{t("implementation.plan.milestones.evaluates")}</dt>
            <dd>{milestone.evaluates.map((item) => item.title).join(", ")}</dd>
          </>
        ) : null}
        {milestone.componentTitle ? (
          <>
            <dt>{t("implementation.plan.milestones.componentLabel")}</dt>
            <dd>{milestone.componentTitle}</dd>
          </>
        ) : null}
      </dl>
      <svg
        className="plan-bar"
        viewBox="0 0 1000 14"
        preserveAspectRatio="none"
        aria-hidden="true"
        focusable="false"
      >
        <rect className="plan-bar__track" x={0} y={0} width={1000} height={14} />
        <rect
          className={`plan-bar__fill plan-bar__fill--${milestone.status}`}
          x={bar.start * 1000}
          y={2}
          width={bar.width * 1000}
          height={10}
        />
        <line className="plan-bar__today" x1={todayX} x2={todayX} y1={0} y2={14} />
      </svg>
      {props.canManage ? (
        <div>
          <DsLink asChild>
            <Link
              to={`${planPaths.plan}/${milestone.id}`}
              aria-label={t("implementation.plan.milestones.editNamed", {
                title: shortName(milestone.title),
              })}
            >
              {t("implementation.plan.edit")}
            </Link>
          </DsLink>
        </div>
      ) : null}
    </li>
  );
}

function PlanTable(props: { milestones: MilestoneView[]; canManage: boolean }) {
  const t = useT();
  return (
    <section aria-labelledby="table-heading">
      <Heading level={2} data-size="md" id="table-heading">
        {t("implementation.plan.milestones.table")}
      </Heading>
      <TableScroll label={t("implementation.plan.milestones.tableCaption")}>
        <Table>
          <caption>{t("implementation.plan.milestones.tableCaption")}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>
                {t("implementation.plan.milestones.columns.period")}
              </Table.HeaderCell>
              <Table.HeaderCell>
                {t("implementation.plan.milestones.columns.title")}
              </Table.HeaderCell>
              <Table.HeaderCell>
                {t("implementation.plan.milestones.columns.kind")}
              </Table.HeaderCell>
              <Table.HeaderCell>
                {t("implementation.plan.milestones.columns.responsible")}
              </Table.HeaderCell>
              <Table.HeaderCell>
                {t("implementation.plan.milestones.columns.status")}
              </Table.HeaderCell>
              <Table.HeaderCell>
                {t("implementation.plan.milestones.columns.doneOn")}
              </Table.HeaderCell>
              <Table.HeaderCell>
                {t("implementation.plan.milestones.columns.evaluation")}
              </Table.HeaderCell>
              <Table.HeaderCell>
                {t("implementation.plan.milestones.columns.component")}
              </Table.HeaderCell>
              {props.canManage ? (
                <Table.HeaderCell>
                  {t("implementation.plan.milestones.columns.actions")}
                </Table.HeaderCell>
              ) : null}
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {props.milestones.map((milestone) => (
              <Table.Row key={milestone.id}>
                <Table.Cell>{periodText(t, milestone)}</Table.Cell>
                <Table.Cell>{milestone.title}</Table.Cell>
                <Table.Cell>
                  {t(`implementation.plan.milestones.kind.${milestone.kind}`)}
                </Table.Cell>
                <Table.Cell>{milestone.responsible}</Table.Cell>
                <Table.Cell>
                  <MilestoneStatusTag status={milestone.status} />
                </Table.Cell>
                <Table.Cell>{milestone.doneOn ? formatDate(milestone.doneOn) : "–"}</Table.Cell>
                <Table.Cell>
                  {milestone.evaluationTitle
                    ? `${t("implementation.plan.milestones.evaluatedBy")}: ${milestone.evaluationTitle}`
                    : milestone.evaluates.length > 0
                      ? `${t("implementation.plan.milestones.evaluates")}: ${milestone.evaluates
                          .map((item) => item.title)
                          .join(", ")}`
                      : "–"}
                </Table.Cell>
                <Table.Cell>{milestone.componentTitle ?? "–"}</Table.Cell>
                {props.canManage ? (
                  <Table.Cell>
                    <DsLink asChild>
                      <Link
                        to={`${planPaths.plan}/${milestone.id}`}
                        aria-label={t("implementation.plan.milestones.editNamed", {
                          title: shortName(milestone.title),
                        })}
                      >
                        {t("implementation.plan.edit")}
                      </Link>
                    </DsLink>
                  </Table.Cell>
                ) : null}
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </TableScroll>
    </section>
  );
}
