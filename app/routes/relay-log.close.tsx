import {
  Alert,
  Button,
  Field,
  Heading,
  Input,
  Label,
  Link as DsLink,
  Paragraph,
  ValidationMessage,
} from "@digdir/designsystemet-react";
import { Form, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { CLOSE_NOTE_MAX, closeReasons } from "../../core/relay-log/close-rules.ts";
import { closeLog, getCloseView } from "../../core/relay-log/close.ts";
import { CsrfField, FormErrors, Notice, RadioGroup, valueOf } from "../components/forms.tsx";
import { logPath, RelayLogLayout } from "../components/relay-log-layout.tsx";
import { TextAreaField } from "../components/worry-fields.tsx";
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
import type { Route } from "./+types/relay-log.close";

/**
 * Closing a log (relay holder only): the close form while the log is open; once closed, the
 * closing summary, the archive PDF to file in the unit's record system, and the deletion date.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "relaylog.use");
  const view = await loadOr404(() =>
    getCloseView({
      database: context.services.database,
      actor,
      meta: context.meta,
      logId: params.logId,
    }),
  );
  return { ...view, language: context.language };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "relaylog.use");
  const form = await request.formData();
  const values = formToObject(form);
  return runAction(values, async () => {
    await closeLog({
      database: context.services.database,
      actor,
      meta: context.meta,
      logId: params.logId,
      values,
    });
    return redirect(withNotice(logPath(params.logId, "close"), "relayLog.close.closedNotice"));
  });
}

function isoDateText(value: string): string {
  const [year, month, day] = value.split("-");
  return `${day}.${month}.${year}`;
}

export default function RelayLogClosePage() {
  const t = useT();
  const view = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const [params] = useSearchParams();
  const notice = params.get("melding");
  const { header, closing } = view;
  return (
    <RelayLogLayout header={header} current="close">
      {notice === "relayLog.close.closedNotice" ? <Notice>{t(notice)}</Notice> : null}
      {view.status === "open" ? (
        <section aria-labelledby="close-heading" className="relay-log-close">
          <Heading level={2} data-size="md" id="close-heading">
            {t("relayLog.close.heading")}
          </Heading>
          <Paragraph>{t("relayLog.close.intro")}</Paragraph>
          <Heading level={3} data-size="xs">
            {t("relayLog.close.effectsHeading")}
          </Heading>
          <ul>
            <li>{t("relayLog.close.effectReadOnly")}</li>
            {view.pending.handovers + view.pending.joinRequests + view.pending.meetings > 0 ? (
              <li>{t("relayLog.close.effectCancel", view.pending)}</li>
            ) : null}
            <li>{t("relayLog.close.effectDelete", { months: view.retentionMonths })}</li>
          </ul>
          <Alert data-color="info">{t("relayLog.close.archiveAdvice")}</Alert>
          <FormErrors failure={failure} />
          <Form method="post" className="form">
            <CsrfField />
            <input type="hidden" name="lockVersion" value={header.lockVersion} />
            <RadioGroup
              name="reason"
              legend={t("relayLog.close.reasonLegend")}
              options={closeReasons.map((reason) => ({
                value: reason,
                label: t(`relayLog.close.reasons.${reason}`),
              }))}
              checked={valueOf(failure, "reason")}
              error={failure?.fieldErrors.reason}
              required
            />
            <TextAreaField
              name="note"
              label={`${t("relayLog.close.note")} (${t("common.required")})`}
              help={t("relayLog.close.noteHelp")}
              defaultValue={valueOf(failure, "note")}
              error={failure?.fieldErrors.note}
              maxLength={CLOSE_NOTE_MAX}
            />
            <Field>
              <Input
                type="checkbox"
                id="confirmed"
                name="confirmed"
                defaultChecked={valueOf(failure, "confirmed") === "on"}
                aria-invalid={failure?.fieldErrors.confirmed ? true : undefined}
                aria-describedby={failure?.fieldErrors.confirmed ? "confirmed-feil" : undefined}
              />
              <Label htmlFor="confirmed" weight="regular">
                {t("relayLog.close.confirm")}
              </Label>
              {failure?.fieldErrors.confirmed ? (
                <ValidationMessage id="confirmed-feil">
                  {t(failure.fieldErrors.confirmed)}
                </ValidationMessage>
              ) : null}
            </Field>
            <div>
              <Button type="submit" data-color="danger">
                {t("relayLog.close.submit")}
              </Button>
            </div>
          </Form>
        </section>
      ) : (
        <>
          <section aria-labelledby="closing-heading" className="relay-log-close">
            <Heading level={2} data-size="md" id="closing-heading">
              {t("relayLog.close.summaryHeading")}
            </Heading>
            {closing ? (
              <dl className="details-list">
                <dt>{t("relayLog.close.closedAt")}</dt>
                <dd>{formatDateTime(closing.closedAt, view.language)}</dd>
                {closing.closedByName ? (
                  <>
                    <dt>{t("relayLog.close.closedBy")}</dt>
                    <dd>{closing.closedByName}</dd>
                  </>
                ) : null}
                <dt>{t("relayLog.close.reason")}</dt>
                <dd>{t(`relayLog.close.reasons.${closing.reason}`)}</dd>
                <dt>{t("relayLog.close.closeNote")}</dt>
                <dd className="relay-log-close-note">{closing.note}</dd>
              </dl>
            ) : null}
            {closing?.deleteAfter ? (
              <Paragraph>
                <strong>
                  {t("relayLog.close.deletion", { date: isoDateText(closing.deleteAfter) })}
                </strong>
              </Paragraph>
            ) : null}
          </section>
          <section aria-labelledby="archive-heading" className="relay-log-close">
            <Heading level={2} data-size="md" id="archive-heading">
              {t("relayLog.close.archiveHeading")}
            </Heading>
            <Paragraph>{t("relayLog.close.archiveIntro")}</Paragraph>
            <Paragraph>
              {view.archivedAt === null
                ? t("relayLog.close.archiveNotProduced")
                : closing && view.archivedAt < closing.closedAt
                  ? t("relayLog.close.archiveProducedBeforeClose", {
                      date: formatDateTime(view.archivedAt, view.language),
                    })
                  : t("relayLog.close.archiveProduced", {
                      date: formatDateTime(view.archivedAt, view.language),
                    })}
            </Paragraph>
            <Paragraph>
              <DsLink href={`/stafettlogger/${header.id}/arkiv.pdf`} download>
                {t("relayLog.close.downloadArchive")}
              </DsLink>
            </Paragraph>
          </section>
        </>
      )}
    </RelayLogLayout>
  );
}
