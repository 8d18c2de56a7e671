import { Button, Heading, Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { Form, Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { correctEntry, getEntry } from "../../core/relay-log/entries.ts";
import { ENTRY_TEXT_MAX } from "../../core/relay-log/plan-rules.ts";
import { CsrfField, FormErrors, Notice, valueOf } from "../components/forms.tsx";
import { logPath, RelayLogLayout } from "../components/relay-log-layout.tsx";
import { TextAreaField } from "../components/relay-log-plan-fields.tsx";
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
import type { Route } from "./+types/relay-log.entry";

/** One note or lysglimt: every version, newest first; its author can correct it (a new version). */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "relaylog.use");
  const page = await loadOr404(() =>
    getEntry({
      database: context.services.database,
      actor,
      meta: context.meta,
      logId: params.logId,
      entryId: params.entryId,
    }),
  );
  return {
    ...page,
    versions: page.versions.map((version) => ({
      ...version,
      createdAt: version.createdAt.toISOString(),
    })),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "relaylog.use");
  const form = await request.formData();
  const values = formToObject(form);
  return runAction(values, async () => {
    await correctEntry({
      database: context.services.database,
      actor,
      meta: context.meta,
      logId: params.logId,
      entryId: params.entryId,
      values,
    });
    return redirect(
      withNotice(
        `${logPath(params.logId, "entries")}/${params.entryId}`,
        "relayLog.plan.entries.correctedNotice",
      ),
    );
  });
}

/** "12.03.2026 kl. 14:05" in Norwegian time. */
function formatTime(iso: string): string {
  return new Intl.DateTimeFormat("nb-NO", {
    timeZone: "Europe/Oslo",
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(iso));
}

export default function RelayLogEntryPage() {
  const t = useT();
  const { header, entry, versions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const [params] = useSearchParams();
  const notice = params.get("melding");
  const listPath = logPath(header.id, "entries");
  const kind = t(`relayLog.plan.entries.kind.${entry.kind}`);
  const title = t("relayLog.plan.entries.entryHeading", {
    kind,
    date: formatDate(entry.occurredOn),
  });
  const current = versions[0];
  return (
    <RelayLogLayout header={header} current="entries" pageTitle={title}>
      {notice === "relayLog.plan.entries.correctedNotice" ? <Notice>{t(notice)}</Notice> : null}
      <Paragraph data-size="sm">
        <DsLink asChild>
          <Link to={listPath}>{t("relayLog.plan.entries.backToList")}</Link>
        </DsLink>
      </Paragraph>
      <section aria-labelledby="entry-heading" className="relay-plan-section">
        <Heading level={2} data-size="md" id="entry-heading">
          {title}
        </Heading>
        <Paragraph>
          {t(
            entry.byFamily
              ? "relayLog.plan.familyView.entryByFamily"
              : "relayLog.plan.entries.byOn",
            { author: entry.authorName, date: formatDate(entry.occurredOn) },
          )}
        </Paragraph>
        {entry.areaTitle ? (
          <Paragraph data-size="sm">
            {t("relayLog.plan.entries.areaLine", { title: entry.areaTitle })}
          </Paragraph>
        ) : null}
      </section>

      <section aria-labelledby="versions-heading" className="relay-plan-section">
        <Heading level={3} data-size="sm" id="versions-heading">
          {t("relayLog.plan.entries.versionsHeading")}
        </Heading>
        <ol className="relay-entry-versions">
          {versions.map((version) => (
            <li key={version.version}>
              <Heading level={4} data-size="2xs">
                {version.version === entry.currentVersion
                  ? t("relayLog.plan.entries.versionCurrent", { version: version.version })
                  : t("relayLog.plan.entries.versionLabel", { version: version.version })}
              </Heading>
              <Paragraph data-size="sm">
                {t("relayLog.plan.entries.versionBy", {
                  name: version.editedByName,
                  time: formatTime(version.createdAt),
                })}
              </Paragraph>
              <p className="relay-entry__text">{version.text}</p>
            </li>
          ))}
        </ol>
      </section>

      {header.canWrite ? (
        <section aria-labelledby="correct-heading" className="relay-plan-section">
          <Heading level={3} data-size="sm" id="correct-heading">
            {t("relayLog.plan.entries.correctHeading")}
          </Heading>
          {entry.isMine ? (
            <Form method="post" action={`${listPath}/${entry.id}`} className="form" noValidate>
              <CsrfField />
              <FormErrors failure={failure} />
              <input type="hidden" name="currentVersion" value={String(entry.currentVersion)} />
              <TextAreaField
                name="text"
                label={t("relayLog.plan.entries.text")}
                required
                help={t("relayLog.plan.entries.correctHelp", {
                  version: entry.currentVersion + 1,
                })}
                maxLength={ENTRY_TEXT_MAX}
                defaultValue={valueOf(failure, "text", current?.text)}
                error={failure?.fieldErrors.text}
              />
              <div className="form__actions">
                <Button type="submit">{t("relayLog.plan.entries.saveCorrection")}</Button>
              </div>
            </Form>
          ) : (
            <Paragraph>{t("relayLog.plan.entries.onlyAuthorInfo")}</Paragraph>
          )}
        </section>
      ) : null}
    </RelayLogLayout>
  );
}
