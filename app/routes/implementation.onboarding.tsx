import { DateField } from "../components/relay-log-plan-fields.tsx";
import { Button, Heading, Link as DsLink, Paragraph, Table } from "@digdir/designsystemet-react";
import { Form, Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { can } from "../../core/access/policy.ts";
import { listUnitOnboarding, ONBOARDING_DAYS } from "../../core/implementation/onboarding.ts";
import { addDays, osloDate } from "../../core/platform/dates.ts";
import { CsrfField, FormErrors, Notice, SelectField, valueOf } from "../components/forms.tsx";
import { formatDay, OnboardingStateTag, useLanguage } from "../components/implementation-units.tsx";
import { Pager } from "../components/pager.tsx";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  isFailure,
  loadOr404,
  requirePermission,
  runAction,
  withNotice,
} from "../lib/route-helpers.ts";
import { startOnboarding } from "../../core/implementation/onboarding.ts";
import type { Route } from "./+types/implementation.onboarding";

const PATH = "/implementering/nyansatte";

/**
 * /implementering/nyansatte?enhet=…: one unit's staff and how far each has come with the
 * onboarding checklist; the unit's BTS contact (or its leader, or the coordinator) starts an
 * onboarding for a new employee here.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "implementation.view");
  const url = new URL(request.url);
  const page = Number.parseInt(url.searchParams.get("side") ?? "1", 10);
  const list = await loadOr404(() =>
    listUnitOnboarding({
      database: context.services.database,
      actor,
      unitId: url.searchParams.get("enhet") || null,
      page: Number.isInteger(page) ? Math.min(page, 100_000) : 1,
    }),
  );
  const today = osloDate();
  return {
    ...list,
    today,
    defaultDue: addDays(today, ONBOARDING_DAYS),
    mayEditChecklist: can(actor, "implementation.manage"),
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "implementation.view");
  const values = formToObject(await request.formData());
  const { unitId, ...fields } = values;
  const unit = typeof unitId === "string" ? unitId : "";
  return runAction(values, async () => {
    await startOnboarding({
      database: context.services.database,
      actor,
      meta: context.meta,
      unitId: unit,
      values: fields,
    });
    return redirect(
      withNotice(PATH, "implementation.units.onboarding.notices.started", { enhet: unit }),
    );
  });
}

export default function OnboardingPage() {
  const t = useT();
  const language = useLanguage();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const [params] = useSearchParams();
  const notice = params.get("melding");
  const unit = data.unit;
  const pageHref = (page: number) =>
    `${PATH}?enhet=${unit?.id ?? ""}${page > 1 ? `&side=${page}` : ""}`;
  return (
    <div className="page">
      <title>{`${t("implementation.units.onboarding.title")} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {t("implementation.units.onboarding.title")}
      </Heading>
      {notice === "implementation.units.onboarding.notices.started" ? (
        <Notice>{t(notice)}</Notice>
      ) : null}
      <Paragraph>{t("implementation.units.onboarding.intro")}</Paragraph>
      <div className="actions">
        <DsLink asChild>
          <Link to={`${PATH}/sjekkliste`}>
            {data.mayEditChecklist
              ? t("implementation.units.onboarding.checklistEdit")
              : t("implementation.units.onboarding.checklistView")}
          </Link>
        </DsLink>
        <DsLink asChild>
          <Link to="/implementering">{t("implementation.common.title")}</Link>
        </DsLink>
      </div>

      {data.units.length === 0 || !unit ? (
        <Paragraph>{t("implementation.units.onboarding.noUnits")}</Paragraph>
      ) : (
        <>
          {data.units.length > 1 ? (
            <Form method="get" action={PATH} className="filter-form">
              <div className="filter-form__row">
                <SelectField
                  name="enhet"
                  label={t("implementation.units.onboarding.unitPicker")}
                  defaultValue={unit.id}
                  options={data.units.map((option) => ({ value: option.id, label: option.name }))}
                />
                <Button type="submit" variant="secondary">
                  {t("implementation.units.onboarding.show")}
                </Button>
              </div>
            </Form>
          ) : null}

          <section aria-labelledby="staff-heading" className="page">
            <Heading level={2} data-size="md" id="staff-heading">
              {t("implementation.units.onboarding.listHeading", { unit: unit.name })}
            </Heading>
            <Paragraph>
              {t("implementation.units.onboarding.summary", {
                completed: data.counts.completed,
                inProgress: data.counts.in_progress,
                overdue: data.counts.overdue,
                notStarted: data.counts.not_started,
              })}
            </Paragraph>
            {data.rows.length === 0 ? (
              <Paragraph>{t("implementation.units.onboarding.empty")}</Paragraph>
            ) : (
              <div className="table-wrapper">
                <Table>
                  <caption className="visually-hidden">
                    {t("implementation.units.onboarding.caption", { unit: unit.name })}
                  </caption>
                  <Table.Head>
                    <Table.Row>
                      <Table.HeaderCell>
                        {t("implementation.units.onboarding.columns.name")}
                      </Table.HeaderCell>
                      <Table.HeaderCell>
                        {t("implementation.units.onboarding.columns.status")}
                      </Table.HeaderCell>
                      <Table.HeaderCell>
                        {t("implementation.units.onboarding.columns.started")}
                      </Table.HeaderCell>
                      <Table.HeaderCell>
                        {t("implementation.units.onboarding.columns.due")}
                      </Table.HeaderCell>
                      <Table.HeaderCell>
                        {t("implementation.units.onboarding.columns.checklist")}
                      </Table.HeaderCell>
                    </Table.Row>
                  </Table.Head>
                  <Table.Body>
                    {data.rows.map((row) => (
                      <Table.Row key={row.userId}>
                        <Table.HeaderCell scope="row">{row.name}</Table.HeaderCell>
                        <Table.Cell>
                          <OnboardingStateTag state={row.state} done={row.done} total={row.total} />
                        </Table.Cell>
                        <Table.Cell>
                          {row.startedOn ? formatDay(row.startedOn, language) : "–"}
                        </Table.Cell>
                        <Table.Cell>{row.dueOn ? formatDay(row.dueOn, language) : "–"}</Table.Cell>
                        <Table.Cell>
                          {row.onboardingId ? (
                            <DsLink asChild>
                              <Link
                                to={`${PATH}/${row.onboardingId}`}
                                aria-label={t("implementation.units.onboarding.openNamed", {
                                  name: row.name,
                                })}
                              >
                                {t("implementation.units.onboarding.open")}
                              </Link>
                            </DsLink>
                          ) : (
                            "–"
                          )}
                        </Table.Cell>
                      </Table.Row>
                    ))}
                  </Table.Body>
                </Table>
              </div>
            )}
            <Pager
              label={t("implementation.units.onboarding.pagination")}
              page={data.page}
              pages={data.pages}
              href={pageHref}
              previousText={t("implementation.units.overview.previous")}
              nextText={t("implementation.units.overview.next")}
              positionText={t("implementation.units.overview.position", {
                page: data.page,
                pages: data.pages,
              })}
            />
          </section>

          {data.mayFollowUp ? (
            <section aria-labelledby="start-heading" className="page">
              <Heading level={2} data-size="md" id="start-heading">
                {t("implementation.units.onboarding.start.heading")}
              </Heading>
              {data.candidates.length === 0 ? (
                <Paragraph>{t("implementation.units.onboarding.start.noCandidates")}</Paragraph>
              ) : (
                <Form method="post" action={`${PATH}?enhet=${unit.id}`} className="form" noValidate>
                  <CsrfField />
                  <input type="hidden" name="unitId" value={unit.id} />
                  <FormErrors failure={failure} />
                  <SelectField
                    name="userId"
                    label={t("implementation.units.onboarding.start.employee")}
                    help={t("implementation.units.onboarding.start.employeeHelp")}
                    placeholder={t("implementation.units.onboarding.start.choose")}
                    required
                    options={data.candidates.map((person) => ({
                      value: person.userId,
                      label: person.name,
                    }))}
                    defaultValue={valueOf(failure, "userId")}
                    error={failure?.fieldErrors.userId}
                  />
                  <DateField
                    id="startedOn"
                    name="startedOn"
                    label={t("implementation.units.onboarding.start.startedOn")}
                    required
                    defaultValue={valueOf(failure, "startedOn", data.today)}
                    error={failure?.fieldErrors.startedOn}
                  />
                  <DateField
                    id="dueOn"
                    name="dueOn"
                    label={t("implementation.units.onboarding.start.dueOn")}
                    help={t("implementation.units.onboarding.start.dueHelp")}
                    defaultValue={valueOf(failure, "dueOn", data.defaultDue)}
                    error={failure?.fieldErrors.dueOn}
                  />
                  <div className="form__actions">
                    <Button type="submit">
                      {t("implementation.units.onboarding.start.submit")}
                    </Button>
                  </div>
                </Form>
              )}
            </section>
          ) : null}
        </>
      )}
    </div>
  );
}
