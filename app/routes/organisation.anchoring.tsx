import { Button, Heading, Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { Form, Link, useLoaderData, useSearchParams } from "react-router";
import {
  anchoringAudienceKinds,
  isAudienceKind,
  type AnchoringMode,
} from "../../core/organisation/anchoring-kinds.ts";
import { listAnchoring, type AnchoringActivityView } from "../../core/organisation/anchoring.ts";
import { SelectField } from "../components/forms.tsx";
import {
  activityName,
  activityPath,
  AnchoringLayout,
  anchoringPaths,
  followUpStatusText,
  noticeFrom,
  OverdueTag,
  PlannedTag,
  shortName,
} from "../components/organisation-anchoring-ui.tsx";
import { Pager } from "../components/pager.tsx";
import { formatDate } from "../components/worry-fields.tsx";
import { useT } from "../lib/i18n.tsx";
import { loadOr404, requirePermission } from "../lib/route-helpers.ts";
import type { Route } from "./+types/organisation.anchoring";

/**
 * The anchoring log (/organisering/forankring): who was informed or involved when, newest
 * first, filtered by audience kind, mode, open follow-ups and year, 25 a page. An overdue
 * follow-up says «Oppfølging forfalt» in words. Everyone with implementation.view reads; the
 * coordinator sees the new and edit links. The read is audited (anchoring.log_viewed).
 */

const modeParam: Record<string, AnchoringMode> = {
  informert: "informed",
  involvert: "involved",
};

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "implementation.view");
  const search = new URL(request.url).searchParams;
  const kindKey = search.get("hvem") ?? "";
  const modeKey = search.get("form") ?? "";
  const openKey = search.get("oppfolging") === "apne" ? "apne" : "";
  const yearKey = search.get("ar") ?? "";
  const year = /^\d{4}$/.test(yearKey) ? Number(yearKey) : null;
  const page = Number.parseInt(search.get("side") ?? "1", 10);
  const result = await loadOr404(() =>
    listAnchoring({
      database: context.services.database,
      actor,
      meta: context.meta,
      filters: {
        audienceKind: isAudienceKind(kindKey) ? kindKey : null,
        mode: modeParam[modeKey] ?? null,
        openFollowUp: openKey === "apne",
        year,
        page: Number.isFinite(page) ? page : 1,
      },
    }),
  );
  return {
    ...result,
    query: {
      hvem: isAudienceKind(kindKey) ? kindKey : "",
      form: modeParam[modeKey] ? modeKey : "",
      oppfolging: openKey,
      ar: year ? String(year) : "",
    },
  };
}

const notices = ["organisation.anchoring.created", "organisation.anchoring.deleted"];

export default function AnchoringLogPage() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const notice = noticeFrom(params, notices);
  const filtered = Object.values(data.query).some((value) => value !== "");
  const pageHref = (page: number) => {
    const entries = Object.entries(data.query).filter(([, value]) => value !== "");
    const next = new URLSearchParams([...entries, ["side", String(page)]]);
    return `${anchoringPaths.log}?${next.toString()}`;
  };
  const years =
    data.query.ar && !data.years.includes(Number(data.query.ar))
      ? [Number(data.query.ar), ...data.years]
      : data.years;
  return (
    <AnchoringLayout
      section="log"
      heading={t("organisation.anchoring.title")}
      notice={notice ? t(notice, { audience: params.get("navn") ?? "" }) : null}
    >
      <Paragraph>{t("organisation.anchoring.intro")}</Paragraph>
      {data.canManage ? (
        <div className="actions">
          <Button asChild>
            <Link to={anchoringPaths.new}>{t("organisation.anchoring.new")}</Link>
          </Button>
        </div>
      ) : (
        <Paragraph>{t("organisation.anchoring.readOnly")}</Paragraph>
      )}
      <Paragraph>
        <strong>
          {data.overdueCount > 0
            ? t("organisation.anchoring.overdueSummary", { count: data.overdueCount })
            : t("organisation.anchoring.noneOverdue")}
        </strong>
      </Paragraph>
      <section aria-labelledby="anchoring-filter-heading">
        <Heading level={2} data-size="xs" id="anchoring-filter-heading">
          {t("organisation.anchoring.filter.heading")}
        </Heading>
        <Form method="get" className="plan-filter">
          <SelectField
            name="hvem"
            label={t("organisation.anchoring.filter.audienceKind")}
            defaultValue={data.query.hvem}
            options={[
              { value: "", label: t("organisation.anchoring.filter.allAudienceKinds") },
              ...anchoringAudienceKinds.map((kind) => ({
                value: kind,
                label: t(`organisation.anchoring.audienceKind.${kind}`),
              })),
            ]}
          />
          <SelectField
            name="form"
            label={t("organisation.anchoring.filter.mode")}
            defaultValue={data.query.form}
            options={[
              { value: "", label: t("organisation.anchoring.filter.allModes") },
              { value: "informert", label: t("organisation.anchoring.mode.informed") },
              { value: "involvert", label: t("organisation.anchoring.mode.involved") },
            ]}
          />
          <SelectField
            name="oppfolging"
            label={t("organisation.anchoring.filter.followUp")}
            defaultValue={data.query.oppfolging}
            options={[
              { value: "", label: t("organisation.anchoring.filter.allFollowUps") },
              { value: "apne", label: t("organisation.anchoring.filter.openFollowUps") },
            ]}
          />
          <SelectField
            name="ar"
            label={t("organisation.anchoring.filter.year")}
            defaultValue={data.query.ar}
            options={[
              { value: "", label: t("organisation.anchoring.filter.allYears") },
              ...years.map((year) => ({ value: String(year), label: String(year) })),
            ]}
          />
          <div>
            <Button type="submit" variant="secondary">
              {t("organisation.anchoring.filter.submit")}
            </Button>
          </div>
        </Form>
      </section>
      <section aria-labelledby="anchoring-list-heading">
        <Heading level={2} data-size="sm" id="anchoring-list-heading">
          {t("organisation.anchoring.list.heading")}
        </Heading>
        {data.activities.length === 0 ? (
          <Paragraph>
            {filtered
              ? t("organisation.anchoring.list.emptyFiltered")
              : t("organisation.anchoring.list.empty")}
          </Paragraph>
        ) : (
          <>
            <Paragraph>{t("organisation.anchoring.list.count", { count: data.total })}</Paragraph>
            <ol className="anchoring-log" aria-label={t("organisation.anchoring.list.label")}>
              {data.activities.map((activity) => (
                <LogEntry key={activity.id} activity={activity} canManage={data.canManage} />
              ))}
            </ol>
          </>
        )}
      </section>
      <Pager
        label={t("organisation.anchoring.pager.label")}
        page={data.page}
        pages={data.pages}
        href={pageHref}
        previousText={t("organisation.anchoring.pager.previous")}
        nextText={t("organisation.anchoring.pager.next")}
        positionText={t("organisation.anchoring.pager.position", {
          page: data.page,
          pages: data.pages,
        })}
      />
    </AnchoringLayout>
  );
}

function LogEntry(props: { activity: AnchoringActivityView; canManage: boolean }) {
  const t = useT();
  const { activity } = props;
  const headingId = `aktivitet-${activity.id}`;
  const name = activityName(t, activity);
  return (
    <li
      className={`anchoring-log__item${
        activity.followUpState === "overdue" ? " anchoring-log__item--overdue" : ""
      }`}
    >
      <article aria-labelledby={headingId}>
        <Heading level={3} data-size="2xs" className="anchoring-log__title">
          <span id={headingId}>{name}</span>
          {activity.planned ? <PlannedTag /> : null}
          {activity.followUpState === "overdue" ? <OverdueTag /> : null}
        </Heading>
        <dl className="anchoring-facts">
          <dt>{t("organisation.anchoring.facts.audienceKind")}</dt>
          <dd>{t(`organisation.anchoring.audienceKind.${activity.audienceKind}`)}</dd>
          <dt>{t("organisation.anchoring.facts.mode")}</dt>
          <dd>{t(`organisation.anchoring.mode.${activity.mode}`)}</dd>
          <dt>{t("organisation.anchoring.facts.channel")}</dt>
          <dd>{t(`organisation.anchoring.channel.${activity.channel}`)}</dd>
          {activity.summary ? (
            <>
              <dt>{t("organisation.anchoring.facts.summary")}</dt>
              <dd className="anchoring-pre-line">{activity.summary}</dd>
            </>
          ) : null}
          {activity.material || activity.materialId ? (
            <>
              <dt>{t("organisation.anchoring.facts.material")}</dt>
              <dd>
                {activity.material ? (
                  <span className="anchoring-pre-line">{activity.material}</span>
                ) : null}
                {activity.material && activity.materialId ? <br /> : null}
                {activity.materialId ? (
                  <>
                    {t("organisation.anchoring.facts.portalMaterial")}:{" "}
                    <DsLink asChild>
                      <Link to={`/kompetanse/${activity.materialId}`}>
                        {activity.materialTitle}
                      </Link>
                    </DsLink>
                  </>
                ) : null}
              </dd>
            </>
          ) : null}
          {activity.followUpState !== "none" ? (
            <>
              <dt>{t("organisation.anchoring.facts.followUp")}</dt>
              <dd>
                {activity.followUp ? (
                  <span className="anchoring-pre-line">{activity.followUp}</span>
                ) : null}
                {activity.followUp ? <br /> : null}
                <strong>{followUpStatusText(t, activity)}</strong>
              </dd>
            </>
          ) : null}
          {activity.responsibleName ? (
            <>
              <dt>{t("organisation.anchoring.facts.responsible")}</dt>
              <dd>{activity.responsibleName}</dd>
            </>
          ) : null}
          {activity.milestoneTitle ? (
            <>
              <dt>{t("organisation.anchoring.facts.milestone")}</dt>
              <dd>{activity.milestoneTitle}</dd>
            </>
          ) : null}
        </dl>
        {props.canManage ? (
          <Paragraph>
            <DsLink asChild>
              <Link
                to={activityPath(activity.id)}
                aria-label={t("organisation.anchoring.editNamed", {
                  audience: shortName(activity.audience),
                  date: formatDate(activity.occurredOn),
                })}
              >
                {t("organisation.anchoring.edit")}
              </Link>
            </DsLink>
          </Paragraph>
        ) : null}
      </article>
    </li>
  );
}
