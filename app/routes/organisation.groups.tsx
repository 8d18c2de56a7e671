import {
  Button,
  Card,
  Heading,
  Link as DsLink,
  Paragraph,
  Table,
} from "@digdir/designsystemet-react";
import { Link, useLoaderData, useSearchParams } from "react-router";
import { listGroups, type GroupSummary } from "../../core/organisation/groups.ts";
import { groupKinds } from "../../core/organisation/groups-rules.ts";
import {
  DECISIONS_PATH,
  GROUPS_PATH,
  GroupsPage,
  noticeText,
} from "../components/organisation-groups.tsx";
import { formatDate } from "../components/worry-fields.tsx";
import { useT } from "../lib/i18n.tsx";
import { loadOr404, requirePermission } from "../lib/route-helpers.ts";
import type { Route } from "./+types/organisation.groups";

/**
 * /organisering/grupper: the steering group, the driver group and the working groups, by kind,
 * each with its mandate in short, chair, member count and next meeting; closed groups apart.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "implementation.view");
  return loadOr404(() =>
    listGroups({ database: context.services.database, actor, meta: context.meta }),
  );
}

const G = "organisation.groups";

function GroupCard({ group }: { group: GroupSummary }) {
  const t = useT();
  const next = group.nextMeeting;
  const when = next
    ? next.time
      ? t(`${G}.meetingWhen`, { date: formatDate(next.meetsOn), time: next.time })
      : formatDate(next.meetsOn)
    : null;
  return (
    <Card data-color="neutral" className="org-groups__card">
      <Heading level={3} data-size="xs">
        <DsLink asChild>
          <Link to={`${GROUPS_PATH}/${group.id}`}>{group.name}</Link>
        </DsLink>
      </Heading>
      <dl className="details-list">
        <dt>{t(`${G}.list.mandate`)}</dt>
        <dd>{group.mandateSummary}</dd>
        <dt>{t(`${G}.list.chair`)}</dt>
        <dd>{group.chairName ?? t(`${G}.list.noChair`)}</dd>
        <dt>{t(`${G}.list.members`)}</dt>
        <dd>{t(`${G}.list.memberCount`, { count: group.memberCount })}</dd>
        <dt>{t(`${G}.list.nextMeeting`)}</dt>
        <dd>
          {next && when
            ? next.place
              ? t(`${G}.meetingWhere`, { when, place: next.place })
              : when
            : t(`${G}.list.noNextMeeting`)}
        </dd>
      </dl>
    </Card>
  );
}

export default function GroupsListPage() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <GroupsPage title={t(`${G}.title`)} notice={noticeText(t, params)}>
      <Paragraph>{t(`${G}.intro`)}</Paragraph>
      {data.canManage ? (
        <div className="actions">
          <Button asChild>
            <Link to={`${GROUPS_PATH}/ny`}>{t(`${G}.new`)}</Link>
          </Button>
        </div>
      ) : (
        <Paragraph>{t(`${G}.readOnly`)}</Paragraph>
      )}
      <Paragraph>
        <DsLink asChild>
          <Link to={DECISIONS_PATH}>{t(`${G}.decisionsLogLink`)}</Link>
        </DsLink>
      </Paragraph>
      {groupKinds.map((kind) => {
        const groups = data.active.filter((group) => group.kind === kind);
        return (
          <section key={kind} aria-labelledby={`kind-${kind}-heading`} className="org-groups__kind">
            <Heading level={2} data-size="sm" id={`kind-${kind}-heading`}>
              {t(`${G}.kindHeading.${kind}`)}
            </Heading>
            {groups.length === 0 ? (
              <Paragraph>{t(`${G}.list.emptyKind.${kind}`)}</Paragraph>
            ) : (
              <ul className="org-groups__cards">
                {groups.map((group) => (
                  <li key={group.id}>
                    <GroupCard group={group} />
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
      <section aria-labelledby="closed-heading" className="org-groups__kind">
        <Heading level={2} data-size="sm" id="closed-heading">
          {t(`${G}.list.closedHeading`)}
        </Heading>
        {data.closed.length === 0 ? (
          <Paragraph>{t(`${G}.list.noneClosed`)}</Paragraph>
        ) : (
          <>
            <Paragraph>{t(`${G}.list.closedIntro`)}</Paragraph>
            <div className="table-wrapper">
              <Table>
                <caption>{t(`${G}.list.closedCaption`)}</caption>
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell scope="col">{t(`${G}.list.columnName`)}</Table.HeaderCell>
                    <Table.HeaderCell scope="col">{t(`${G}.list.columnKind`)}</Table.HeaderCell>
                    <Table.HeaderCell scope="col">{t(`${G}.list.columnClosed`)}</Table.HeaderCell>
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {data.closed.map((group) => (
                    <Table.Row key={group.id}>
                      <Table.HeaderCell scope="row">
                        <DsLink asChild>
                          <Link to={`${GROUPS_PATH}/${group.id}`}>{group.name}</Link>
                        </DsLink>
                      </Table.HeaderCell>
                      <Table.Cell>{t(`${G}.kind.${group.kind}`)}</Table.Cell>
                      <Table.Cell>{group.closedOn ? formatDate(group.closedOn) : ""}</Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            </div>
          </>
        )}
      </section>
    </GroupsPage>
  );
}
