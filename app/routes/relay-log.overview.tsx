import {
  Alert,
  Button,
  Heading,
  Link as DsLink,
  Paragraph,
  Table,
} from "@digdir/designsystemet-react";
import { Form, Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { changeLevel, decideJoinRequest, getLogOverview } from "../../core/relay-log/logs.ts";
import {
  answerCorrectionRequest,
  openCorrectionRequests,
} from "../../core/relay-log/family-corrections.ts";
import {
  ANSWER_CORRECTION_INTENT,
  CORRECTION_ID_FIELD,
  FamilyRightsHolderPanel,
} from "../components/family-rights-holder.tsx";
import { allLevels, LEVEL_REASON_MAX } from "../../core/relay-log/open-rules.ts";
import { CsrfField, FormErrors, Notice, SelectField, valueOf } from "../components/forms.tsx";
import { logPath, RelayLogLayout } from "../components/relay-log-layout.tsx";
import { formatDate, TextAreaField } from "../components/worry-fields.tsx";
import { formatDateTime } from "../lib/format-date.ts";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  isFailure,
  loadOr404,
  requirePermission,
  runAction,
  withNotice,
} from "../lib/route-helpers.ts";
import type { Route } from "./+types/relay-log.overview";

const knownNotices = new Set([
  "relayLog.open.levelChanged",
  "relayLog.open.joinAccepted",
  "relayLog.open.joinDeclined",
  "relayLog.cases.anonymous.opened",
  "family.rights.correction.staff.answered",
]);

/** A log's overview: status, concern areas, latest entries, participants, level and its history. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "relaylog.use");
  const overview = await loadOr404(() =>
    getLogOverview({
      database: context.services.database,
      actor,
      meta: context.meta,
      logId: params.logId,
    }),
  );
  const when = (value: Date) => formatDateTime(value, context.language);
  // The family's open correction requests: the holder's only (an empty list for others).
  const corrections = overview.header.isHolder
    ? await openCorrectionRequests({
        database: context.services.database,
        actor,
        meta: context.meta,
        logId: params.logId,
      })
    : [];
  return {
    ...overview,
    correctionRequests: corrections.map((row) => ({
      id: row.id,
      text: row.text,
      authorName: row.authorName,
      createdAt: when(row.createdAt),
    })),
    nextMeeting: overview.nextMeeting
      ? { ...overview.nextMeeting, startsAt: when(overview.nextMeeting.startsAt) }
      : null,
    joinRequests: overview.joinRequests.map((row) => ({ ...row, createdAt: when(row.createdAt) })),
    levelHistory: overview.levelHistory.map((row) => ({ ...row, changedAt: when(row.changedAt) })),
    childWelfareReports: overview.childWelfareReports.map((row) => ({
      id: row.id,
      name: row.reporterName,
      reportedAt: when(row.reportedAt),
    })),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "relaylog.use");
  const form = await request.formData();
  const values = formToObject(form);
  const intent = form.get("intent");
  const common = {
    database: context.services.database,
    actor,
    meta: context.meta,
    logId: params.logId,
  };
  const path = logPath(params.logId);
  return runAction(values, async () => {
    if (intent === ANSWER_CORRECTION_INTENT) {
      await answerCorrectionRequest({
        ...common,
        requestId: String(values[CORRECTION_ID_FIELD] ?? ""),
        values,
      });
      return redirect(withNotice(path, "family.rights.correction.staff.answered"));
    }
    if (intent === "accept" || intent === "decline") {
      await decideJoinRequest({
        ...common,
        requestId: String(values.requestId ?? ""),
        values: { decision: intent },
      });
      return redirect(
        withNotice(
          path,
          intent === "accept" ? "relayLog.open.joinAccepted" : "relayLog.open.joinDeclined",
        ),
      );
    }
    await changeLevel({ ...common, values });
    return redirect(withNotice(path, "relayLog.open.levelChanged"));
  });
}

export default function RelayLogOverviewPage() {
  const t = useT();
  const view = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const joinFailure = failure && typeof failure.values.requestId === "string" ? failure : undefined;
  const correctionFailure =
    failure && typeof failure.values[CORRECTION_ID_FIELD] === "string" ? failure : undefined;
  const levelFailure = failure && !joinFailure && !correctionFailure ? failure : undefined;
  const [params] = useSearchParams();
  const notice = params.get("melding");
  const { header } = view;
  return (
    <RelayLogLayout header={header} current="overview">
      {notice && knownNotices.has(notice) ? <Notice>{t(notice)}</Notice> : null}
      {header.kind === "anonymous" && header.isHolder && header.canWrite ? (
        <Paragraph>
          <DsLink asChild>
            <Link to={`/stafettlogger/${header.id}/konverter`}>
              {t("relayLog.cases.convert.title")}
            </Link>
          </DsLink>
        </Paragraph>
      ) : null}
      {view.childWelfareReports.length > 0 ? (
        <ul className="relay-log-reports">
          {view.childWelfareReports.map((report) => (
            <li key={report.id}>
              {t("relayLog.cases.childWelfare.overviewLine", {
                date: report.reportedAt,
                name: report.name,
              })}
            </li>
          ))}
        </ul>
      ) : null}
      {view.pendingHandover ? (
        <Alert data-color="info">
          {t("relayLog.open.pendingHandover", {
            name: view.pendingHandover.toName,
            unit: view.pendingHandover.toUnitName,
          })}
        </Alert>
      ) : null}

      {view.joinRequests.length > 0 ? (
        <section
          aria-labelledby="join-requests-heading"
          id="join-requests"
          className="relay-overview__section"
        >
          <Heading level={2} data-size="md" id="join-requests-heading">
            {t("relayLog.open.joinRequestsHeading")}
          </Heading>
          {joinFailure ? (
            <Alert data-color="danger" role="alert">
              {t(joinFailure.messageKey)}
            </Alert>
          ) : null}
          <ul className="relay-overview__list">
            {view.joinRequests.map((request) => (
              <li key={request.id}>
                <Paragraph>
                  <strong>
                    {t("relayLog.open.joinRequestFrom", {
                      name: request.requesterName,
                      unit: request.unitName,
                    })}
                  </strong>{" "}
                  ({request.createdAt})
                </Paragraph>
                {request.message ? (
                  <Paragraph>
                    {t("relayLog.open.joinRequestMessage", { message: request.message })}
                  </Paragraph>
                ) : null}
                <Paragraph>
                  {request.consentCovers ? (
                    t("relayLog.open.joinCovered")
                  ) : (
                    <>
                      {t("relayLog.open.joinNotCovered")}{" "}
                      <DsLink asChild>
                        <Link to={logPath(header.id, "consent")}>
                          {t("relayLog.open.joinToConsent")}
                        </Link>
                      </DsLink>
                    </>
                  )}
                </Paragraph>
                {header.canWrite ? (
                  <Form method="post" className="form__actions">
                    <CsrfField />
                    <input type="hidden" name="requestId" value={request.id} />
                    <Button
                      type="submit"
                      name="intent"
                      value="accept"
                      aria-label={`${t("relayLog.open.accept")}: ${request.requesterName}`}
                    >
                      {t("relayLog.open.accept")}
                    </Button>
                    <Button
                      type="submit"
                      name="intent"
                      value="decline"
                      variant="secondary"
                      aria-label={`${t("relayLog.open.decline")}: ${request.requesterName}`}
                    >
                      {t("relayLog.open.decline")}
                    </Button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="status-heading" className="relay-overview__section">
        <Heading level={2} data-size="md" id="status-heading">
          {t("relayLog.open.statusHeading")}
        </Heading>
        <dl className="details-list">
          {view.childBirthDate ? (
            <>
              <dt>{t("relayLog.open.birthDate")}</dt>
              <dd>{formatDate(view.childBirthDate)}</dd>
            </>
          ) : null}
          <dt>{t("relayLog.open.nextEvaluation")}</dt>
          <dd>
            {view.nextEvaluation ? (
              <DsLink asChild>
                <Link to={logPath(header.id, "evaluations")}>
                  {formatDate(view.nextEvaluation.scheduledOn)}
                </Link>
              </DsLink>
            ) : (
              t("relayLog.open.noEvaluation")
            )}
          </dd>
          <dt>{t("relayLog.open.nextMeeting")}</dt>
          <dd>
            {view.nextMeeting ? (
              <DsLink asChild>
                <Link to={logPath(header.id, "meetings")}>
                  {t("relayLog.open.meetingLine", {
                    date: view.nextMeeting.startsAt,
                    place: view.nextMeeting.place,
                  })}
                </Link>
              </DsLink>
            ) : (
              t("relayLog.open.noMeeting")
            )}
          </dd>
          <dt>{t("relayLog.open.measuresOpen")}</dt>
          <dd>{view.measures.open}</dd>
          <dt>{t("relayLog.open.measuresOverdue")}</dt>
          <dd>{view.measures.overdue}</dd>
        </dl>
      </section>

      <section aria-labelledby="areas-heading" className="relay-overview__section">
        <Heading level={2} data-size="md" id="areas-heading">
          {t("relayLog.open.areasOverviewHeading")}
        </Heading>
        {view.areas.length === 0 ? (
          <Paragraph>{t("relayLog.open.noAreas")}</Paragraph>
        ) : (
          <ul className="relay-overview__list">
            {view.areas.map((area) => (
              <li key={area.id}>
                <Heading level={3} data-size="xs">
                  {area.title}
                </Heading>
                {area.description ? <Paragraph>{area.description}</Paragraph> : null}
                <Paragraph data-size="sm">
                  <DsLink asChild>
                    <Link to={logPath(header.id, "plan")}>
                      {t("relayLog.open.goalsCount", { count: area.goals })}
                    </Link>
                  </DsLink>
                </Paragraph>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="entries-heading" className="relay-overview__section">
        <Heading level={2} data-size="md" id="entries-heading">
          {t("relayLog.open.entriesHeading")}
        </Heading>
        {view.latestEntries.length === 0 ? (
          <Paragraph>{t("relayLog.open.noEntries")}</Paragraph>
        ) : (
          <ul className="relay-overview__list">
            {view.latestEntries.map((entry) => (
              <li key={entry.id}>
                <Paragraph data-size="sm">
                  <strong>
                    {entry.kind === "highlight"
                      ? t("relayLog.open.entryHighlight")
                      : t("relayLog.open.entryNote")}
                  </strong>{" "}
                  {t("relayLog.open.entryBy", {
                    name: entry.authorName,
                    date: formatDate(entry.occurredOn),
                  })}
                  {entry.areaTitle
                    ? ` – ${t("relayLog.open.entryArea", { area: entry.areaTitle })}`
                    : ""}
                </Paragraph>
                <Paragraph className="relay-overview__text">{entry.text}</Paragraph>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="participants-heading" className="relay-overview__section">
        <Heading level={2} data-size="md" id="participants-heading">
          {t("relayLog.open.participantsHeading")}
        </Heading>
        {view.participants.length === 0 ? (
          <Paragraph>{t("relayLog.open.noParticipants")}</Paragraph>
        ) : (
          <ul>
            {view.participants.map((participant) => (
              <li key={participant.userId}>
                {participant.name}, {participant.unitName}
                {participant.isHolder ? ` (${t("relayLog.open.participantHolder")})` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="level-heading" className="relay-overview__section">
        <Heading level={2} data-size="md" id="level-heading">
          {t("relayLog.open.levelHistoryHeading")}
        </Heading>
        <div className="table-wrapper">
          <Table data-size="sm">
            <caption className="visually-hidden">{t("relayLog.open.levelHistoryHeading")}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t("relayLog.open.colDate")}</Table.HeaderCell>
                <Table.HeaderCell>{t("relayLog.open.colChange")}</Table.HeaderCell>
                <Table.HeaderCell>{t("relayLog.open.colReason")}</Table.HeaderCell>
                <Table.HeaderCell>{t("relayLog.open.colBy")}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {view.levelHistory.map((row) => (
                <Table.Row key={row.id}>
                  <Table.Cell>{row.changedAt}</Table.Cell>
                  <Table.Cell>
                    {row.fromLevel === null
                      ? t("relayLog.open.levelOpened", { level: row.toLevel })
                      : t("relayLog.open.levelChange", { from: row.fromLevel, to: row.toLevel })}
                  </Table.Cell>
                  <Table.Cell>{row.reason}</Table.Cell>
                  <Table.Cell>{row.changedByName ?? ""}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>

        {header.isHolder && header.canWrite ? (
          <>
            <Heading level={3} data-size="sm" id="change-level-heading">
              {t("relayLog.open.changeLevelHeading")}
            </Heading>
            <Form method="post" className="form" noValidate aria-labelledby="change-level-heading">
              <CsrfField />
              <input type="hidden" name="lockVersion" value={header.lockVersion} />
              <FormErrors failure={levelFailure} />
              <SelectField
                name="level"
                label={t("relayLog.open.newLevel")}
                required
                placeholder={t("relayLog.open.chooseLevel")}
                defaultValue={valueOf(levelFailure, "level", "")}
                options={allLevels.map((level) => ({
                  value: String(level),
                  label: t(`relayLog.open.levelOption.${level}`),
                }))}
                error={levelFailure?.fieldErrors.level}
              />
              <TextAreaField
                name="reason"
                label={t("relayLog.open.reason")}
                help={t("relayLog.open.reasonHelp")}
                maxLength={LEVEL_REASON_MAX}
                defaultValue={valueOf(levelFailure, "reason")}
                error={levelFailure?.fieldErrors.reason}
              />
              <div className="form__actions">
                <Button type="submit" name="intent" value="level">
                  {t("relayLog.open.changeLevelSubmit")}
                </Button>
              </div>
            </Form>
          </>
        ) : null}
      </section>
      {header.isHolder ? (
        <FamilyRightsHolderPanel
          logId={header.id}
          kind={header.kind}
          canWrite={header.canWrite}
          requests={view.correctionRequests}
          failure={correctionFailure}
        />
      ) : null}
    </RelayLogLayout>
  );
}
