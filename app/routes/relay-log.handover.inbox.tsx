import { Alert, Button, Heading, Paragraph } from "@digdir/designsystemet-react";
import {
  Form,
  redirect,
  useActionData,
  useLoaderData,
  useRouteLoaderData,
  useSearchParams,
} from "react-router";
import { decideHandover, listHandoverInbox } from "../../core/relay-log/handover.ts";
import { HANDOVER_DECLINE_MAX } from "../../core/relay-log/meeting-rules.ts";
import { HANDOVER_INBOX_PATH } from "../../core/relay-log/open-rules.ts";
import { CsrfField, Notice, valueOf } from "../components/forms.tsx";
import { LongTextField } from "../components/relay-log-meeting-fields.tsx";
import { logPath } from "../components/relay-log-layout.tsx";
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
import type { Route } from "./+types/relay-log.handover.inbox";

/**
 * /stafettlogger/stafetter: the handovers addressed to the signed-in employee. The receiver is
 * not yet a participant, so this page shows only what they need to decide: the child's name,
 * from whom, the message and the date. Accepting leads to the log (to the consent page when
 * consent must be renewed for the new service); declining asks for a reason.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "relaylog.use");
  const items = await loadOr404(() =>
    listHandoverInbox({ database: context.services.database, actor, meta: context.meta }),
  );
  return { items };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "relaylog.use");
  const form = await request.formData();
  const values = formToObject(form);
  const intent = String(form.get("intent") ?? "");
  return runAction(values, async () => {
    const result = await decideHandover({
      database: context.services.database,
      actor,
      meta: context.meta,
      handoverId: String(values.handoverId ?? ""),
      values: {
        decision: intent === "accept" ? "accept" : "decline",
        declineReason: values.declineReason,
      },
    });
    if (result.decision === "declined") {
      return redirect(
        withNotice(HANDOVER_INBOX_PATH, "relayLog.meetings.handover.notices.declined"),
      );
    }
    if (result.consentNeeded) {
      return redirect(
        withNotice(
          logPath(result.logId, "consent"),
          "relayLog.meetings.handover.renewConsentNotice",
        ),
      );
    }
    return redirect(
      withNotice(logPath(result.logId, "handover"), "relayLog.meetings.handover.notices.accepted"),
    );
  });
}

export default function HandoverInboxPage() {
  const t = useT();
  const { items } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const [params] = useSearchParams();
  const notice = params.get("melding");
  const language = useRouteLoaderData<RootData>("root")?.language ?? "nb";
  const failedItem =
    failure && typeof failure.values.handoverId === "string" ? failure.values.handoverId : null;
  return (
    <div className="page relay-log-handover">
      <title>{`${t("relayLog.meetings.handover.inbox.title")} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {t("relayLog.meetings.handover.inbox.title")}
      </Heading>
      {notice === "relayLog.meetings.handover.notices.declined" ? (
        <Notice>{t(notice)}</Notice>
      ) : null}
      <Paragraph>{t("relayLog.meetings.handover.inbox.intro")}</Paragraph>
      {failure && !items.some((item) => item.id === failedItem) ? (
        <Alert data-color="danger" role="alert">
          {t(failure.messageKey)}
        </Alert>
      ) : null}
      {items.length === 0 ? (
        <Paragraph>{t("relayLog.meetings.handover.inbox.empty")}</Paragraph>
      ) : (
        <ul className="relay-log-handover__inbox">
          {items.map((item) => {
            const itemFailure = failedItem === item.id ? failure : undefined;
            const headingId = `stafett-${item.id}`;
            const title =
              item.kind === "anonymous"
                ? `${t("relayLog.anonymousTitle")}: ${item.title}`
                : item.title;
            return (
              <li key={item.id}>
                <section aria-labelledby={headingId} className="relay-log-handover__item">
                  <Heading level={2} data-size="sm" id={headingId}>
                    {title}
                  </Heading>
                  <dl className="details-list">
                    <dt>{t("relayLog.meetings.handover.inbox.from")}</dt>
                    <dd>{item.fromName ?? t("relayLog.meetings.handover.unknownPerson")}</dd>
                    <dt>{t("relayLog.meetings.handover.inbox.received")}</dt>
                    <dd>{formatDateTime(item.createdAt, language)}</dd>
                    <dt>{t("relayLog.meetings.handover.inbox.forUnit")}</dt>
                    <dd>{item.toUnitName}</dd>
                    <dt>{t("relayLog.meetings.handover.inbox.message")}</dt>
                    <dd className="relay-log-meetings__text">
                      {item.message || t("relayLog.meetings.handover.inbox.noMessage")}
                    </dd>
                  </dl>
                  {item.isTransition ? (
                    <Alert data-color="info">
                      {t("relayLog.meetings.handover.inbox.transition")}
                    </Alert>
                  ) : null}
                  {itemFailure ? (
                    <Alert data-color="danger" role="alert">
                      {itemFailure.fieldErrors.declineReason ? (
                        <a href={`#declineReason-${item.id}`}>
                          {t(itemFailure.fieldErrors.declineReason)}
                        </a>
                      ) : (
                        t(itemFailure.messageKey)
                      )}
                    </Alert>
                  ) : null}
                  <Form method="post" className="form">
                    <CsrfField />
                    <input type="hidden" name="handoverId" value={item.id} />
                    <div className="form__actions">
                      <Button type="submit" name="intent" value="accept">
                        {t("relayLog.meetings.handover.inbox.accept")}
                      </Button>
                    </div>
                  </Form>
                  <Form method="post" className="form" noValidate>
                    <CsrfField />
                    <input type="hidden" name="handoverId" value={item.id} />
                    <LongTextField
                      name="declineReason"
                      id={`declineReason-${item.id}`}
                      label={t("relayLog.meetings.handover.inbox.declineReason")}
                      help={t("relayLog.meetings.handover.inbox.declineHelp")}
                      maxLength={HANDOVER_DECLINE_MAX}
                      rows={3}
                      defaultValue={valueOf(itemFailure, "declineReason")}
                      error={itemFailure?.fieldErrors.declineReason}
                    />
                    <div className="form__actions">
                      <Button type="submit" name="intent" value="decline" variant="secondary">
                        {t("relayLog.meetings.handover.inbox.decline")}
                      </Button>
                    </div>
                  </Form>
                </section>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
