import {
  Alert,
  Button,
  Heading,
  Link as DsLink,
  Paragraph,
  Table,
  Tag,
} from "@digdir/designsystemet-react";
import {
  Form,
  Link,
  redirect,
  useActionData,
  useLoaderData,
  useLocation,
  useSearchParams,
} from "react-router";
import { AppError } from "../../core/errors.ts";
import { createDecision } from "../../core/organisation/groups-decisions.ts";
import {
  addMeeting,
  addMember,
  getGroupPage,
  removeMeeting,
  removeMember,
  setChair,
  type MeetingView,
} from "../../core/organisation/groups.ts";
import { CsrfField } from "../components/forms.tsx";
import {
  ConfirmRemove,
  DecisionForm,
  DecisionSubjectLink,
  GROUPS_PATH,
  GroupsPage,
  MeetingForm,
  MemberForm,
  noticeText,
} from "../components/organisation-groups.tsx";
import { formatDate } from "../components/worry-fields.tsx";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  isFailure,
  loadOr404,
  requirePermission,
  runAction,
  withNotice,
  type ActionFailure,
} from "../lib/route-helpers.ts";
import type { Route } from "./+types/organisation.groups.group";

/**
 * /organisering/grupper/:groupId: the group's mandate, decision authority and meeting plan; its
 * members (staff or outside people, one chair), meetings (upcoming and past) and decisions with
 * what they were about. The coordinator adds and removes members and meetings and records
 * decisions here; everyone with implementation.view reads (the read is audited).
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "implementation.view");
  return loadOr404(() =>
    getGroupPage({
      database: context.services.database,
      actor,
      meta: context.meta,
      groupId: params.groupId,
    }),
  );
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  const form = await request.formData();
  const values = formToObject(form);
  const intent = form.get("intent");
  const common = {
    database: context.services.database,
    actor,
    meta: context.meta,
    groupId: params.groupId,
  };
  const self = `${GROUPS_PATH}/${params.groupId}`;
  const back = (key: string, anchor: string, extra: Record<string, string> = {}) =>
    redirect(`${withNotice(self, `organisation.groups.notices.${key}`, extra)}#${anchor}`);
  const id = (name: string) => String(form.get(name) ?? "");
  return runAction(values, async () => {
    switch (intent) {
      case "addMember": {
        const member = await addMember({ ...common, values });
        return back("memberAdded", "members-heading", { navn: member.name });
      }
      case "chair": {
        const chair = form.get("chair") === "1";
        const member = await setChair({ ...common, memberId: id("memberId"), chair });
        return back(chair ? "chairSet" : "chairUnset", "members-heading", { navn: member.name });
      }
      case "removeMember": {
        const member = await removeMember({ ...common, memberId: id("memberId") });
        return back("memberRemoved", "members-heading", { navn: member.name });
      }
      case "addMeeting": {
        const meeting = await addMeeting({ ...common, values });
        return back("meetingAdded", "meetings-heading", { dato: meeting.meetsOn });
      }
      case "removeMeeting": {
        const meeting = await removeMeeting({ ...common, meetingId: id("meetingId") });
        return back("meetingRemoved", "meetings-heading", { dato: meeting.meetsOn });
      }
      case "addDecision": {
        await createDecision({ ...common, values });
        return back("decisionAdded", "decisions-heading");
      }
      default:
        // Shown on the page in the catalog's words, like any refused form.
        throw new AppError("validation", "errors.invalid");
    }
  });
}

const G = "organisation.groups";

function failureFor(failure: ActionFailure | undefined, form: string) {
  return failure && failure.values.form === form ? failure : undefined;
}

function MeetingsTable(props: {
  meetings: MeetingView[];
  caption: string;
  canManage: boolean;
  confirming: string | null;
  self: string;
}) {
  const t = useT();
  return (
    <div className="table-wrapper">
      <Table>
        <caption>{props.caption}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell scope="col">{t(`${G}.meetings.date`)}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t(`${G}.meetings.time`)}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t(`${G}.meetings.place`)}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t(`${G}.meetings.agenda`)}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t(`${G}.meetings.decisions`)}</Table.HeaderCell>
            {props.canManage ? (
              <Table.HeaderCell scope="col">{t(`${G}.meetings.actions`)}</Table.HeaderCell>
            ) : null}
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {props.meetings.map((meeting) => {
            const date = formatDate(meeting.meetsOn);
            return (
              <Table.Row key={meeting.id} id={`meeting-${meeting.id}`}>
                <Table.HeaderCell scope="row">{date}</Table.HeaderCell>
                <Table.Cell>{meeting.time || "–"}</Table.Cell>
                <Table.Cell>{meeting.place || "–"}</Table.Cell>
                <Table.Cell className="org-groups__text">{meeting.agenda || "–"}</Table.Cell>
                <Table.Cell>
                  {t(`${G}.meetings.decisionCount`, { count: meeting.decisionCount })}
                </Table.Cell>
                {props.canManage ? (
                  <Table.Cell>
                    <ConfirmRemove
                      confirming={props.confirming === `mote-${meeting.id}`}
                      askHref={`?bekreft=mote-${meeting.id}#meeting-${meeting.id}`}
                      cancelHref={`${props.self}#meeting-${meeting.id}`}
                      intent="removeMeeting"
                      idName="meetingId"
                      id={meeting.id}
                      texts={{
                        button: t(`${G}.meetings.remove`),
                        buttonLabel: t(`${G}.meetings.removeNamed`, { date }),
                        question: t(`${G}.meetings.removeQuestion`, { date }),
                        confirm: t(`${G}.meetings.confirmRemove`),
                      }}
                    />
                  </Table.Cell>
                ) : null}
              </Table.Row>
            );
          })}
        </Table.Body>
      </Table>
    </div>
  );
}

export default function GroupPage() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const { group, members, upcoming, past, decisions, canManage, canEditGuide } = data;
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const [params] = useSearchParams();
  // A new location (after a saved post) gives the forms a new key, so they come back empty.
  const formKey = useLocation().key;
  const confirming = params.get("bekreft");
  const self = `${GROUPS_PATH}/${group.id}`;
  const chair = members.find((member) => member.isChair) ?? null;
  const otherFailure = failure && !failure.values.form ? failure : undefined;
  return (
    <GroupsPage
      title={group.name}
      back={{ to: GROUPS_PATH, text: t(`${G}.backToList`) }}
      notice={noticeText(t, params)}
    >
      {otherFailure ? (
        <Alert data-color="danger" role="alert">
          {t(otherFailure.messageKey)}
        </Alert>
      ) : null}
      <dl className="details-list">
        <dt>{t(`${G}.page.kindLabel`)}</dt>
        <dd>{t(`${G}.kind.${group.kind}`)}</dd>
      </dl>
      {group.closedOn ? (
        <Paragraph>
          <strong>{t(`${G}.page.closedNotice`, { date: formatDate(group.closedOn) })}</strong>
        </Paragraph>
      ) : null}
      <section aria-labelledby="mandate-heading" className="org-groups__section">
        <Heading level={2} data-size="sm" id="mandate-heading">
          {t(`${G}.page.mandateHeading`)}
        </Heading>
        <Paragraph className="org-groups__text">{group.mandate}</Paragraph>
        <Heading level={3} data-size="xs">
          {t(`${G}.page.authorityHeading`)}
        </Heading>
        <Paragraph className="org-groups__text">
          {group.decisionAuthority || t(`${G}.notFilled`)}
        </Paragraph>
        <Heading level={3} data-size="xs">
          {t(`${G}.page.meetingPlanHeading`)}
        </Heading>
        <Paragraph>{group.meetingPlan || t(`${G}.notFilled`)}</Paragraph>
        {canManage ? (
          <div className="actions">
            <Button asChild variant="secondary">
              <Link to={`${self}/endre`}>{t(`${G}.page.edit`)}</Link>
            </Button>
          </div>
        ) : (
          <Paragraph>{t(`${G}.readOnly`)}</Paragraph>
        )}
      </section>

      <section aria-labelledby="members-heading" className="org-groups__section">
        <Heading level={2} data-size="sm" id="members-heading">
          {t(`${G}.members.heading`)}
        </Heading>
        {members.length === 0 ? (
          <Paragraph>{t(`${G}.members.empty`)}</Paragraph>
        ) : (
          <div className="table-wrapper">
            <Table>
              <caption>{t(`${G}.members.caption`, { name: group.name })}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell scope="col">{t(`${G}.members.name`)}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t(`${G}.members.role`)}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t(`${G}.members.who`)}</Table.HeaderCell>
                  {canManage ? (
                    <Table.HeaderCell scope="col">{t(`${G}.members.actions`)}</Table.HeaderCell>
                  ) : null}
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {members.map((member) => (
                  <Table.Row key={member.id} id={`member-${member.id}`}>
                    <Table.HeaderCell scope="row">
                      {member.name}
                      {member.isChair ? (
                        <>
                          {" "}
                          <Tag data-color="info">{t(`${G}.members.chairTag`)}</Tag>
                        </>
                      ) : null}
                    </Table.HeaderCell>
                    <Table.Cell>{member.role || "–"}</Table.Cell>
                    <Table.Cell>
                      {member.isStaff ? t(`${G}.members.staff`) : t(`${G}.members.outside`)}
                    </Table.Cell>
                    {canManage ? (
                      <Table.Cell>
                        <div className="actions">
                          <Form method="post">
                            <CsrfField />
                            <input type="hidden" name="intent" value="chair" />
                            <input type="hidden" name="memberId" value={member.id} />
                            <input type="hidden" name="chair" value={member.isChair ? "0" : "1"} />
                            <Button
                              type="submit"
                              variant="tertiary"
                              data-size="sm"
                              aria-label={
                                member.isChair
                                  ? t(`${G}.members.unsetChairNamed`, { name: member.name })
                                  : t(`${G}.members.makeChairNamed`, { name: member.name })
                              }
                            >
                              {member.isChair
                                ? t(`${G}.members.unsetChair`)
                                : t(`${G}.members.makeChair`)}
                            </Button>
                          </Form>
                          <ConfirmRemove
                            confirming={confirming === `medlem-${member.id}`}
                            askHref={`?bekreft=medlem-${member.id}#member-${member.id}`}
                            cancelHref={`${self}#member-${member.id}`}
                            intent="removeMember"
                            idName="memberId"
                            id={member.id}
                            texts={{
                              button: t(`${G}.members.remove`),
                              buttonLabel: t(`${G}.members.removeNamed`, { name: member.name }),
                              question: t(`${G}.members.removeQuestion`, { name: member.name }),
                              confirm: t(`${G}.members.confirmRemove`),
                            }}
                          />
                        </div>
                      </Table.Cell>
                    ) : null}
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        )}
        {canManage ? (
          <section aria-labelledby="add-member-heading" className="org-groups__section">
            <Heading level={3} data-size="xs" id="add-member-heading">
              {t(`${G}.members.addHeading`)}
            </Heading>
            <Paragraph data-size="sm">{t(`${G}.members.addIntro`)}</Paragraph>
            <MemberForm
              key={formKey}
              failure={failureFor(failure, "member")}
              staff={data.staffOptions}
              chairName={chair?.name ?? null}
            />
          </section>
        ) : null}
      </section>

      <section aria-labelledby="meetings-heading" className="org-groups__section">
        <Heading level={2} data-size="sm" id="meetings-heading">
          {t(`${G}.meetings.heading`)}
        </Heading>
        <Heading level={3} data-size="xs">
          {t(`${G}.meetings.upcomingHeading`)}
        </Heading>
        {upcoming.length === 0 ? (
          <Paragraph>{t(`${G}.meetings.noneUpcoming`)}</Paragraph>
        ) : (
          <MeetingsTable
            meetings={upcoming}
            caption={t(`${G}.meetings.upcomingCaption`, { name: group.name })}
            canManage={canManage}
            confirming={confirming}
            self={self}
          />
        )}
        <Heading level={3} data-size="xs">
          {t(`${G}.meetings.pastHeading`)}
        </Heading>
        {past.length === 0 ? (
          <Paragraph>{t(`${G}.meetings.nonePast`)}</Paragraph>
        ) : (
          <MeetingsTable
            meetings={past}
            caption={t(`${G}.meetings.pastCaption`, { name: group.name })}
            canManage={canManage}
            confirming={confirming}
            self={self}
          />
        )}
        {canManage ? (
          <section aria-labelledby="add-meeting-heading" className="org-groups__section">
            <Heading level={3} data-size="xs" id="add-meeting-heading">
              {t(`${G}.meetings.addHeading`)}
            </Heading>
            <MeetingForm key={formKey} failure={failureFor(failure, "meeting")} />
          </section>
        ) : null}
      </section>

      <section aria-labelledby="decisions-heading" className="org-groups__section">
        <Heading level={2} data-size="sm" id="decisions-heading">
          {t(`${G}.decisions.heading`)}
        </Heading>
        {decisions.length === 0 ? (
          <Paragraph>{t(`${G}.decisions.empty`)}</Paragraph>
        ) : (
          <ul
            className="org-groups__decisions"
            aria-label={t(`${G}.decisions.listLabel`, { name: group.name })}
          >
            {decisions.map((decision) => (
              <li key={decision.id} className="org-groups__decision">
                <Heading level={3} data-size="xs">
                  {decision.title}
                </Heading>
                <Paragraph data-size="sm">
                  {t(`${G}.decisions.decidedOn`, { date: formatDate(decision.decidedOn) })}
                  {decision.meeting
                    ? ` ${t(`${G}.decisions.inMeeting`, { date: formatDate(decision.meeting.meetsOn) })}`
                    : ""}
                </Paragraph>
                {decision.description ? (
                  <Paragraph className="org-groups__text">{decision.description}</Paragraph>
                ) : null}
                <Paragraph data-size="sm">
                  {t(`${G}.decisions.about`)}:{" "}
                  <DecisionSubjectLink
                    subject={decision.subject}
                    canEditGuide={canEditGuide}
                    canManage={canManage}
                  />
                </Paragraph>
                {canManage ? (
                  <Paragraph data-size="sm">
                    <DsLink asChild>
                      <Link
                        to={`${self}/vedtak/${decision.id}`}
                        aria-label={t(`${G}.decisions.correctNamed`, { title: decision.title })}
                      >
                        {t(`${G}.decisions.correct`)}
                      </Link>
                    </DsLink>
                  </Paragraph>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {canManage ? (
          <section aria-labelledby="add-decision-heading" className="org-groups__section">
            <Heading level={3} data-size="xs" id="add-decision-heading">
              {t(`${G}.decisions.addHeading`)}
            </Heading>
            <Paragraph data-size="sm">{t(`${G}.decisions.addIntro`)}</Paragraph>
            <DecisionForm
              key={formKey}
              failure={failureFor(failure, "decision")}
              stored={null}
              options={data.options}
              today={data.today}
              intent="addDecision"
              submitText={t(`${G}.decisions.add`)}
            />
          </section>
        ) : null}
      </section>
    </GroupsPage>
  );
}
