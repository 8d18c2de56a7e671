import {
  Alert,
  Button,
  Heading,
  Link as DsLink,
  Paragraph,
  Table,
} from "@digdir/designsystemet-react";
import {
  Form,
  Link,
  redirect,
  useActionData,
  useLoaderData,
  useRouteLoaderData,
  useSearchParams,
} from "react-router";
import { cancelHandover, getHandoverPage, requestHandover } from "../../core/relay-log/handover.ts";
import { HANDOVER_MESSAGE_MAX } from "../../core/relay-log/meeting-rules.ts";
import { HANDOVER_INBOX_PATH } from "../../core/relay-log/open-rules.ts";
import {
  CsrfField,
  FormErrors,
  Notice,
  RadioGroup,
  SelectField,
  TextField,
  valueOf,
} from "../components/forms.tsx";
import { CheckField, LongTextField, Pager } from "../components/relay-log-meeting-fields.tsx";
import { logPath, RelayLogLayout } from "../components/relay-log-layout.tsx";
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
import type { RootData } from "../root.tsx";
import type { Route } from "./+types/relay-log.handover";

/**
 * /stafettlogger/:logId/stafett: who holds the baton, a handover waiting for an answer, the
 * holder's form to hand it over (find the receiver with a plain GET search, then post), and
 * the history of earlier handovers.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "relaylog.use");
  const url = new URL(request.url);
  const page = Number.parseInt(url.searchParams.get("side") ?? "1", 10);
  const query = (url.searchParams.get("mottaker") ?? "").slice(0, 100);
  const data = await loadOr404(() =>
    getHandoverPage({
      database: context.services.database,
      actor,
      meta: context.meta,
      logId: params.logId,
      page: Number.isInteger(page) ? Math.min(page, 100_000) : 1,
      query,
    }),
  );
  return { ...data, query, pendingForMe: data.pending?.toUserId === actor.userId };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "relaylog.use");
  const form = await request.formData();
  const values = formToObject(form);
  const intent = String(form.get("intent") ?? "");
  const common = {
    database: context.services.database,
    actor,
    meta: context.meta,
    logId: params.logId,
  };
  const here = logPath(params.logId, "handover");
  return runAction(values, async () => {
    if (intent === "cancel") {
      await cancelHandover({ ...common, handoverId: String(values.handoverId ?? "") });
      return redirect(withNotice(here, "relayLog.meetings.handover.notices.cancelled"));
    }
    await requestHandover({ ...common, values });
    return redirect(withNotice(here, "relayLog.meetings.handover.notices.requested"));
  });
}

const notices = new Set([
  "relayLog.meetings.handover.notices.requested",
  "relayLog.meetings.handover.notices.cancelled",
  "relayLog.meetings.handover.notices.accepted",
]);

export default function HandoverPage() {
  const t = useT();
  const { header, pending, history, page, pages, logUnits, candidates, query, pendingForMe } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const [params] = useSearchParams();
  const notice = params.get("melding");
  const language = useRouteLoaderData<RootData>("root")?.language ?? "nb";
  const here = logPath(header.id, "handover");
  const holderCanAct = header.isHolder && header.canWrite;
  const candidateUnits = [
    ...new Map(
      candidates.flatMap((candidate) => candidate.units).map((unit) => [unit.id, unit]),
    ).values(),
  ];
  const submittedQuery =
    query || (typeof failure?.values.mottaker === "string" ? failure.values.mottaker : "");
  return (
    <RelayLogLayout header={header} current="handover">
      <section aria-labelledby="handover-heading" className="relay-log-handover">
        <Heading level={2} data-size="md" id="handover-heading">
          {t("relayLog.meetings.handover.heading")}
        </Heading>
        {notice && notices.has(notice) ? <Notice>{t(notice)}</Notice> : null}
        <Paragraph>{t("relayLog.meetings.handover.intro")}</Paragraph>
        <dl className="details-list">
          <dt>{t("relayLog.meetings.handover.currentHolder")}</dt>
          <dd>
            {header.holderUnitName
              ? t("relayLog.meetings.handover.holderLine", {
                  name: header.holderName,
                  unit: header.holderUnitName,
                })
              : header.holderName}
          </dd>
        </dl>
      </section>

      {pending ? (
        <section aria-labelledby="pending-heading" className="relay-log-handover">
          <Heading level={3} data-size="sm" id="pending-heading">
            {t("relayLog.meetings.handover.pendingHeading")}
          </Heading>
          <Paragraph>
            {t("relayLog.meetings.handover.pendingText", {
              name: pending.toName,
              unit: pending.toUnitName,
              date: formatDateTime(pending.createdAt, language),
            })}
          </Paragraph>
          {pending.isTransition && pending.leavingUnitName ? (
            <Paragraph>
              {t("relayLog.meetings.handover.pendingTransition", {
                unit: pending.leavingUnitName,
              })}
            </Paragraph>
          ) : null}
          {pending.message ? (
            <dl className="details-list">
              <dt>{t("relayLog.meetings.handover.pendingMessage")}</dt>
              <dd className="relay-log-meetings__text">{pending.message}</dd>
            </dl>
          ) : null}
          {pendingForMe ? (
            <Alert data-color="info">
              <Paragraph>{t("relayLog.meetings.handover.pendingForYou")}</Paragraph>
              <Paragraph>
                <DsLink asChild>
                  <Link to={HANDOVER_INBOX_PATH}>{t("relayLog.meetings.handover.toInbox")}</Link>
                </DsLink>
              </Paragraph>
            </Alert>
          ) : null}
          {holderCanAct ? (
            <Form method="post" className="form">
              <CsrfField />
              <input type="hidden" name="handoverId" value={pending.id} />
              <FormErrors failure={failure?.values.handoverId ? failure : undefined} />
              <div className="form__actions">
                <Button type="submit" name="intent" value="cancel" variant="secondary">
                  {t("relayLog.meetings.handover.cancelPending")}
                </Button>
              </div>
            </Form>
          ) : null}
        </section>
      ) : null}

      {holderCanAct && !pending ? (
        <section aria-labelledby="handover-form-heading" className="relay-log-handover">
          <Heading level={3} data-size="sm" id="handover-form-heading">
            {t("relayLog.meetings.handover.formHeading")}
          </Heading>
          <Form
            method="get"
            className="form relay-log-handover__search"
            role="search"
            aria-label={t("relayLog.meetings.handover.searchLabel")}
          >
            <TextField
              name="mottaker"
              type="search"
              label={t("relayLog.meetings.handover.searchLabel")}
              help={t("relayLog.meetings.handover.searchHelp")}
              autoComplete="off"
              maxLength={100}
              defaultValue={submittedQuery}
            />
            <div className="form__actions">
              <Button type="submit" variant="secondary">
                {t("relayLog.meetings.handover.searchButton")}
              </Button>
            </div>
          </Form>
          {submittedQuery && candidates.length === 0 && !failure ? (
            <Paragraph>{t("relayLog.meetings.handover.noCandidates")}</Paragraph>
          ) : null}
          {candidates.length > 0 || failure ? (
            <Form method="post" className="form" noValidate>
              <CsrfField />
              <input type="hidden" name="mottaker" value={submittedQuery} />
              <FormErrors failure={failure} />
              {candidates.length > 0 ? (
                <RadioGroup
                  name="toUserId"
                  legend={t("relayLog.meetings.handover.candidatesLegend")}
                  required
                  options={candidates.map((candidate) => ({
                    value: candidate.userId,
                    label: t("relayLog.meetings.handover.candidateLabel", {
                      name: candidate.name,
                      email: candidate.email,
                      units:
                        candidate.units.map((unit) => unit.name).join(", ") ||
                        t("relayLog.meetings.handover.noUnits"),
                    }),
                  }))}
                  checked={valueOf(failure, "toUserId")}
                  error={failure?.fieldErrors.toUserId}
                />
              ) : (
                <input type="hidden" name="toUserId" value={valueOf(failure, "toUserId") ?? ""} />
              )}
              {candidateUnits.length > 1 ? (
                <SelectField
                  name="toUnitId"
                  label={t("relayLog.meetings.handover.toUnit")}
                  help={t("relayLog.meetings.handover.toUnitHelp")}
                  options={[
                    { value: "", label: t("relayLog.meetings.handover.chooseUnit") },
                    ...candidateUnits.map((unit) => ({ value: unit.id, label: unit.name })),
                  ]}
                  defaultValue={valueOf(failure, "toUnitId")}
                  error={failure?.fieldErrors.toUnitId}
                />
              ) : null}
              <LongTextField
                name="message"
                label={t("relayLog.meetings.handover.message")}
                help={t("relayLog.meetings.handover.messageHelp")}
                maxLength={HANDOVER_MESSAGE_MAX}
                defaultValue={valueOf(failure, "message")}
                error={failure?.fieldErrors.message}
              />
              <CheckField
                name="isTransition"
                label={t("relayLog.meetings.handover.isTransition")}
                help={t("relayLog.meetings.handover.isTransitionHelp")}
                defaultChecked={valueOf(failure, "isTransition") === "on"}
                error={failure?.fieldErrors.isTransition}
              />
              {logUnits.length > 0 ? (
                <SelectField
                  name="leavingUnitId"
                  label={t("relayLog.meetings.handover.leavingUnit")}
                  options={[
                    { value: "", label: t("relayLog.meetings.handover.chooseUnit") },
                    ...logUnits.map((unit) => ({ value: unit.id, label: unit.name })),
                  ]}
                  defaultValue={valueOf(failure, "leavingUnitId")}
                  error={failure?.fieldErrors.leavingUnitId}
                />
              ) : null}
              <div className="form__actions">
                <Button type="submit" name="intent" value="request">
                  {t("relayLog.meetings.handover.submit")}
                </Button>
              </div>
            </Form>
          ) : null}
        </section>
      ) : null}
      {!header.isHolder ? (
        <Paragraph data-size="sm">{t("relayLog.meetings.handover.onlyHolder")}</Paragraph>
      ) : null}

      <section aria-labelledby="history-heading" className="relay-log-handover">
        <Heading level={3} data-size="sm" id="history-heading">
          {t("relayLog.meetings.handover.historyHeading")}
        </Heading>
        {history.length === 0 ? (
          <Paragraph>{t("relayLog.meetings.handover.noHistory")}</Paragraph>
        ) : (
          <>
            <div className="table-wrapper">
              <Table>
                <caption className="visually-hidden">
                  {t("relayLog.meetings.handover.historyCaption")}
                </caption>
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell>
                      {t("relayLog.meetings.handover.columns.date")}
                    </Table.HeaderCell>
                    <Table.HeaderCell>
                      {t("relayLog.meetings.handover.columns.from")}
                    </Table.HeaderCell>
                    <Table.HeaderCell>
                      {t("relayLog.meetings.handover.columns.to")}
                    </Table.HeaderCell>
                    <Table.HeaderCell>
                      {t("relayLog.meetings.handover.columns.kind")}
                    </Table.HeaderCell>
                    <Table.HeaderCell>
                      {t("relayLog.meetings.handover.columns.state")}
                    </Table.HeaderCell>
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {history.map((item) => (
                    <Table.Row key={item.id}>
                      <Table.Cell>
                        {formatDateTime(item.decidedAt ?? item.createdAt, language)}
                      </Table.Cell>
                      <Table.Cell>
                        {item.fromName ?? t("relayLog.meetings.handover.unknownPerson")}
                      </Table.Cell>
                      <Table.Cell>
                        {t("relayLog.meetings.handover.holderLine", {
                          name: item.toName,
                          unit: item.toUnitName,
                        })}
                      </Table.Cell>
                      <Table.Cell>
                        {item.isTransition
                          ? t("relayLog.meetings.handover.kindTransition", {
                              unit: item.leavingUnitName ?? "",
                            })
                          : t("relayLog.meetings.handover.kindHandover")}
                      </Table.Cell>
                      <Table.Cell>
                        {item.state === "declined" && item.declineReason
                          ? t("relayLog.meetings.handover.declinedBecause", {
                              reason: item.declineReason,
                            })
                          : t(`relayLog.meetings.handover.state.${item.state}`)}
                      </Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            </div>
            <Pager
              label={t("relayLog.meetings.handover.historyCaption")}
              page={page}
              pages={pages}
              href={(number) => (number > 1 ? `${here}?side=${number}` : here)}
            />
          </>
        )}
      </section>
    </RelayLogLayout>
  );
}
