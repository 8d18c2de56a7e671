import { Button, Heading, Link as DsLink, Paragraph, Tag } from "@digdir/designsystemet-react";
import { Form, Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { createEntry, entryFilterFrom, listEntries } from "../../core/relay-log/entries.ts";
import { ENTRY_TEXT_MAX, entryKinds } from "../../core/relay-log/plan-rules.ts";
import {
  CsrfField,
  FormErrors,
  Notice,
  RadioGroup,
  SelectField,
  valueOf,
} from "../components/forms.tsx";
import { logPath, RelayLogLayout } from "../components/relay-log-layout.tsx";
import { DateField, TextAreaField } from "../components/relay-log-plan-fields.tsx";
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
import type { Route } from "./+types/relay-log.entries";

/**
 * Notater og lysglimt: write a dated note or positive observation, list them newest first
 * (25 a page) with a filter by kind and concern area. Each entry links to its history, where
 * the author can correct it (a new version).
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "relaylog.use");
  const search = new URL(request.url).searchParams;
  const page = Number(search.get("side") ?? "1");
  return loadOr404(() =>
    listEntries({
      database: context.services.database,
      actor,
      meta: context.meta,
      logId: params.logId,
      page: Number.isInteger(page) ? page : 1,
      filter: entryFilterFrom({ kind: search.get("type"), area: search.get("omrade") }),
    }),
  );
}

const notices = ["relayLog.plan.entries.saved"];

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "relaylog.use");
  const form = await request.formData();
  const values = formToObject(form);
  return runAction(values, async () => {
    const entry = await createEntry({
      database: context.services.database,
      actor,
      meta: context.meta,
      logId: params.logId,
      values,
    });
    return redirect(
      withNotice(logPath(params.logId, "entries"), "relayLog.plan.entries.saved") +
        `#entry-${entry.id}`,
    );
  });
}

function pageHref(
  base: string,
  page: number,
  filter: { kind: string | null; areaId: string | null },
) {
  const params = new URLSearchParams();
  if (filter.kind) params.set("type", filter.kind);
  if (filter.areaId) params.set("omrade", filter.areaId);
  if (page > 1) params.set("side", String(page));
  const query = params.toString();
  return query ? `${base}?${query}` : base;
}

export default function RelayLogEntriesPage() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const [params] = useSearchParams();
  const notice = params.get("melding");
  const { header, filter } = data;
  const path = logPath(header.id, "entries");
  const filtered = filter.kind !== null || filter.areaId !== null;
  const areaOptions = data.areas.map((area) => ({ value: area.id, label: area.title }));
  return (
    <RelayLogLayout header={header} current="entries">
      {notice && notices.includes(notice) ? <Notice>{t(notice)}</Notice> : null}
      <section aria-labelledby="entries-heading" className="relay-plan-section">
        <Heading level={2} data-size="md" id="entries-heading">
          {t("relayLog.plan.entries.heading")}
        </Heading>
        <Paragraph>{t("relayLog.plan.entries.intro")}</Paragraph>
      </section>

      {header.canWrite ? (
        <section aria-labelledby="new-entry-heading" className="relay-plan-section">
          <Heading level={3} data-size="sm" id="new-entry-heading">
            {t("relayLog.plan.entries.newHeading")}
          </Heading>
          <Form method="post" action={path} className="form" noValidate>
            <CsrfField />
            <FormErrors failure={failure} />
            <RadioGroup
              name="kind"
              legend={t("relayLog.plan.entries.kindLegend")}
              required
              options={entryKinds.map((kind) => ({
                value: kind,
                label: t(`relayLog.plan.entries.kind.${kind}`),
              }))}
              checked={valueOf(failure, "kind", "note")}
              error={failure?.fieldErrors.kind}
            />
            <DateField
              name="occurredOn"
              label={t("relayLog.plan.entries.occurredOn")}
              help={t("relayLog.plan.entries.occurredOnHelp")}
              required
              max={data.today}
              defaultValue={valueOf(failure, "occurredOn", data.today)}
              error={failure?.fieldErrors.occurredOn}
            />
            <TextAreaField
              name="text"
              label={t("relayLog.plan.entries.text")}
              required
              help={t("relayLog.plan.entries.textHelp")}
              maxLength={ENTRY_TEXT_MAX}
              defaultValue={valueOf(failure, "text")}
              error={failure?.fieldErrors.text}
            />
            {data.areas.length > 0 ? (
              <SelectField
                name="areaId"
                label={t("relayLog.plan.entries.area")}
                options={[{ value: "", label: t("relayLog.plan.entries.noArea") }, ...areaOptions]}
                defaultValue={valueOf(failure, "areaId", "")}
                error={failure?.fieldErrors.areaId}
              />
            ) : null}
            <div className="form__actions">
              <Button type="submit">{t("relayLog.plan.entries.save")}</Button>
            </div>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="entry-list-heading" className="relay-plan-section">
        <Heading level={3} data-size="sm" id="entry-list-heading">
          {t("relayLog.plan.entries.listHeading", { total: data.total })}
        </Heading>
        <Form method="get" action={path} className="relay-entries-filter">
          <SelectField
            name="type"
            label={t("relayLog.plan.entries.filterKind")}
            options={[
              { value: "", label: t("relayLog.plan.entries.allKinds") },
              ...entryKinds.map((kind) => ({
                value: kind,
                label: t(`relayLog.plan.entries.kind.${kind}`),
              })),
            ]}
            defaultValue={filter.kind ?? ""}
          />
          {data.areas.length > 0 ? (
            <SelectField
              name="omrade"
              label={t("relayLog.plan.entries.filterArea")}
              options={[{ value: "", label: t("relayLog.plan.entries.allAreas") }, ...areaOptions]}
              defaultValue={filter.areaId ?? ""}
            />
          ) : null}
          <div className="form__actions">
            <Button type="submit" variant="secondary">
              {t("relayLog.plan.entries.applyFilter")}
            </Button>
          </div>
        </Form>
        {data.entries.length === 0 ? (
          <Paragraph>
            {filtered ? t("relayLog.plan.entries.emptyFiltered") : t("relayLog.plan.entries.empty")}
          </Paragraph>
        ) : (
          <ol className="relay-entries-list">
            {data.entries.map((entry) => (
              <li key={entry.id} id={`entry-${entry.id}`} className="relay-entry">
                <article aria-labelledby={`entry-title-${entry.id}`}>
                  <Heading level={4} data-size="2xs" id={`entry-title-${entry.id}`}>
                    <Tag data-color={entry.kind === "highlight" ? "success" : "neutral"}>
                      {t(`relayLog.plan.entries.kind.${entry.kind}`)}
                    </Tag>{" "}
                    {t(
                      entry.byFamily
                        ? "relayLog.plan.familyView.entryByFamily"
                        : "relayLog.plan.entries.byOn",
                      { author: entry.authorName, date: formatDate(entry.occurredOn) },
                    )}
                  </Heading>
                  <p className="relay-entry__text">{entry.text}</p>
                  {entry.areaTitle ? (
                    <Paragraph data-size="sm">
                      {t("relayLog.plan.entries.areaLine", { title: entry.areaTitle })}
                    </Paragraph>
                  ) : null}
                  <Paragraph data-size="sm">
                    {entry.currentVersion > 1 ? (
                      <>
                        {t("relayLog.plan.entries.corrected", { version: entry.currentVersion })}{" "}
                        ·{" "}
                      </>
                    ) : null}
                    <DsLink asChild>
                      <Link to={`${path}/${entry.id}`}>
                        {entry.isMine && header.canWrite
                          ? t("relayLog.plan.entries.history")
                          : t("relayLog.plan.entries.historyOnly")}
                      </Link>
                    </DsLink>
                  </Paragraph>
                </article>
              </li>
            ))}
          </ol>
        )}
        {data.pageCount > 1 ? (
          <nav aria-label={t("relayLog.plan.entries.paginationLabel")} className="pager">
            <ul className="pager__list">
              {data.page > 1 ? (
                <li>
                  <DsLink asChild>
                    <Link to={pageHref(path, data.page - 1, filter)} rel="prev">
                      {t("relayLog.plan.entries.previous")}
                    </Link>
                  </DsLink>
                </li>
              ) : null}
              <li className="pager__position">
                {t("relayLog.plan.entries.pageOf", { page: data.page, count: data.pageCount })}
              </li>
              {data.page < data.pageCount ? (
                <li>
                  <DsLink asChild>
                    <Link to={pageHref(path, data.page + 1, filter)} rel="next">
                      {t("relayLog.plan.entries.next")}
                    </Link>
                  </DsLink>
                </li>
              ) : null}
            </ul>
          </nav>
        ) : null}
      </section>
    </RelayLogLayout>
  );
}
