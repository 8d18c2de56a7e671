import { Button, Heading, Link as DsLink, Paragraph, Table } from "@digdir/designsystemet-react";
import { Form, Link, redirect, useLoaderData, useSearchParams } from "react-router";
import { markDeadlineSubmitted } from "../../core/organisation/grants-deadlines.ts";
import {
  budgetComparisonText,
  dateText,
  grantPeriodText,
  lineLabels,
} from "../../core/organisation/grants-rules.ts";
import { viewGrant } from "../../core/organisation/grants.ts";
import { CsrfField } from "../components/forms.tsx";
import { TableScroll } from "../components/implementation-plan-ui.tsx";
import {
  DeadlineStateTag,
  deadlineHref,
  G,
  GRANTS_PATH,
  GrantsLayout,
  GrantStatusTag,
  grantHref,
  grantNotice,
  lineHref,
  OverspentTag,
  useMoney,
} from "../components/organisation-grants.tsx";
import { useLanguage } from "../components/implementation-units.tsx";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  loadOr404,
  requirePermission,
  runAction,
  withNotice,
} from "../lib/route-helpers.ts";
import type { Route } from "./+types/organisation.grants.grant";

/**
 * /organisering/tilskudd/:grantId: the grant's facts, its budget lines (planned, spent, left,
 * «Overforbruk» in words) with totals and the budget against the granted amount, and the
 * reporting deadlines with their status. The coordinator marks a report submitted here; lines,
 * expenses and deadlines are added and changed on their own pages.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "implementation.view");
  return loadOr404(() =>
    viewGrant({
      database: context.services.database,
      actor,
      meta: context.meta,
      grantId: params.grantId,
    }),
  );
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  const form = await request.formData();
  const values = formToObject(form);
  return runAction(values, async () => {
    if (form.get("intent") !== "submitDeadline") {
      throw redirect(grantHref(params.grantId));
    }
    await markDeadlineSubmitted({
      database: context.services.database,
      actor,
      meta: context.meta,
      grantId: params.grantId,
      deadlineId: String(values.deadlineId ?? ""),
    });
    return redirect(
      withNotice(grantHref(params.grantId), `${G}.notices.deadlineSubmitted`) + "#frister",
    );
  });
}

export default function GrantPage() {
  const t = useT();
  const money = useMoney();
  const language = useLanguage();
  const { grant, lines, deadlines, totals, canManage } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const notice = grantNotice(params);
  const base = grantHref(grant.id);
  const labels = lineLabels(t, lines);
  return (
    <GrantsLayout
      heading={grant.name}
      back={{ to: GRANTS_PATH, text: t(`${G}.backToList`) }}
      notice={notice ? t(notice, { name: params.get("navn") ?? grant.name }) : null}
    >
      <section aria-label={t(`${G}.grant.factsLabel`)}>
        <dl className="details-list">
          <dt>{t(`${G}.fields.grantor`)}</dt>
          <dd>{grant.grantor}</dd>
          {grant.reference ? (
            <>
              <dt>{t(`${G}.fields.reference`)}</dt>
              <dd>{grant.reference}</dd>
            </>
          ) : null}
          <dt>{t(`${G}.fields.status`)}</dt>
          <dd>
            <GrantStatusTag status={grant.status} />
          </dd>
          <dt>{t(`${G}.grant.period`)}</dt>
          <dd>{grantPeriodText(t, grant.periodStart, grant.periodEnd)}</dd>
          <dt>{t(`${G}.fields.appliedOn`)}</dt>
          <dd>{grant.appliedOn ? dateText(grant.appliedOn) : t(`${G}.notSet`)}</dd>
          <dt>{t(`${G}.fields.appliedAmount`)}</dt>
          <dd>{money(grant.appliedOre)}</dd>
          <dt>{t(`${G}.fields.decidedOn`)}</dt>
          <dd>{grant.decidedOn ? dateText(grant.decidedOn) : t(`${G}.notSet`)}</dd>
          <dt>{t(`${G}.fields.grantedAmount`)}</dt>
          <dd>{money(grant.grantedOre)}</dd>
          <dt>{t(`${G}.fields.contact`)}</dt>
          <dd>{grant.contactName ?? t(`${G}.noContact`)}</dd>
          {grant.note ? (
            <>
              <dt>{t(`${G}.fields.note`)}</dt>
              <dd className="plan-pre-line">{grant.note}</dd>
            </>
          ) : null}
        </dl>
      </section>
      <div className="actions">
        {canManage ? (
          <Button asChild variant="secondary">
            <Link to={`${base}/endre`}>{t(`${G}.edit`)}</Link>
          </Button>
        ) : null}
        <Button asChild variant="secondary">
          <Link to={`${base}/rapport`}>{t(`${G}.grant.reportLink`)}</Link>
        </Button>
        <DsLink href={`${base}/rapport.pdf`} download>
          {t(`${G}.grant.pdfLink`)}
        </DsLink>
      </div>
      {canManage ? null : <Paragraph>{t(`${G}.readOnly`)}</Paragraph>}

      <section aria-labelledby="budsjett">
        <Heading level={2} data-size="md" id="budsjett">
          {t(`${G}.budget.heading`)}
        </Heading>
        {lines.length === 0 ? (
          <Paragraph>{t(`${G}.budget.empty`)}</Paragraph>
        ) : (
          <TableScroll label={t(`${G}.budget.caption`)}>
            <Table data-size="sm">
              <caption>{t(`${G}.budget.caption`)}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell scope="col">
                    {t(`${G}.budget.columns.category`)}
                  </Table.HeaderCell>
                  <Table.HeaderCell scope="col" className="grants-amount">
                    {t(`${G}.budget.columns.planned`)}
                  </Table.HeaderCell>
                  <Table.HeaderCell scope="col" className="grants-amount">
                    {t(`${G}.budget.columns.spent`)}
                  </Table.HeaderCell>
                  <Table.HeaderCell scope="col" className="grants-amount">
                    {t(`${G}.budget.columns.remaining`)}
                  </Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t(`${G}.budget.columns.remark`)}</Table.HeaderCell>
                  {canManage ? (
                    <Table.HeaderCell scope="col">
                      {t(`${G}.budget.columns.actions`)}
                    </Table.HeaderCell>
                  ) : null}
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {lines.map((line) => {
                  // «Bevertning: Lunsj på fagdagen»: unique, so two lines of one category never
                  // give two links (or two «Endre») the same name.
                  const name = labels.get(line.id)!;
                  return (
                    <Table.Row key={line.id}>
                      <Table.HeaderCell scope="row">
                        <DsLink asChild>
                          <Link to={lineHref(grant.id, line.id)}>{name}</Link>
                        </DsLink>
                      </Table.HeaderCell>
                      <Table.Cell className="grants-amount">{money(line.plannedOre)}</Table.Cell>
                      <Table.Cell className="grants-amount">{money(line.spentOre)}</Table.Cell>
                      <Table.Cell className="grants-amount">{money(line.remainingOre)}</Table.Cell>
                      <Table.Cell>{line.overspent ? <OverspentTag /> : null}</Table.Cell>
                      {canManage ? (
                        <Table.Cell>
                          <DsLink asChild>
                            <Link
                              to={`${lineHref(grant.id, line.id)}/endre`}
                              aria-label={t(`${G}.budget.editNamed`, { name })}
                            >
                              {t(`${G}.budget.edit`)}
                            </Link>
                          </DsLink>
                        </Table.Cell>
                      ) : null}
                    </Table.Row>
                  );
                })}
                <Table.Row className="grants-total">
                  <Table.HeaderCell scope="row">{t(`${G}.budget.total`)}</Table.HeaderCell>
                  <Table.Cell className="grants-amount">{money(totals.plannedOre)}</Table.Cell>
                  <Table.Cell className="grants-amount">{money(totals.spentOre)}</Table.Cell>
                  <Table.Cell className="grants-amount">{money(totals.leftOfBudgetOre)}</Table.Cell>
                  <Table.Cell>{totals.overBudget ? <OverspentTag /> : null}</Table.Cell>
                  {canManage ? <Table.Cell /> : null}
                </Table.Row>
              </Table.Body>
            </Table>
          </TableScroll>
        )}
        <Paragraph>
          <strong>{budgetComparisonText(t, totals.budget, language)}</strong>
        </Paragraph>
        {grant.grantedOre !== null ? (
          <Paragraph>
            {t(`${G}.report.spentOfGranted`, {
              spent: money(totals.spentOre),
              granted: money(grant.grantedOre),
              remaining: money(totals.leftOfGrantedOre),
            })}
            {totals.overGranted ? (
              <>
                {" "}
                <OverspentTag />
              </>
            ) : null}
          </Paragraph>
        ) : null}
        {canManage ? (
          <div className="actions">
            <Button asChild variant="secondary">
              <Link to={`${base}/budsjett/ny`}>{t(`${G}.budget.add`)}</Link>
            </Button>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="frister">
        <Heading level={2} data-size="md" id="frister">
          {t(`${G}.deadlines.heading`)}
        </Heading>
        {deadlines.length === 0 ? (
          <Paragraph>{t(`${G}.deadlines.empty`)}</Paragraph>
        ) : (
          <TableScroll label={t(`${G}.deadlines.caption`)}>
            <Table data-size="sm">
              <caption>{t(`${G}.deadlines.caption`)}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell scope="col">
                    {t(`${G}.deadlines.columns.title`)}
                  </Table.HeaderCell>
                  <Table.HeaderCell scope="col">
                    {t(`${G}.deadlines.columns.dueOn`)}
                  </Table.HeaderCell>
                  <Table.HeaderCell scope="col">
                    {t(`${G}.deadlines.columns.status`)}
                  </Table.HeaderCell>
                  <Table.HeaderCell scope="col">
                    {t(`${G}.deadlines.columns.reminder`)}
                  </Table.HeaderCell>
                  <Table.HeaderCell scope="col">
                    {t(`${G}.deadlines.columns.note`)}
                  </Table.HeaderCell>
                  {canManage ? (
                    <Table.HeaderCell scope="col">
                      {t(`${G}.deadlines.columns.actions`)}
                    </Table.HeaderCell>
                  ) : null}
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {deadlines.map((deadline) => (
                  <Table.Row key={deadline.id}>
                    <Table.HeaderCell scope="row">{deadline.title}</Table.HeaderCell>
                    <Table.Cell>{dateText(deadline.dueOn)}</Table.Cell>
                    <Table.Cell>
                      <DeadlineStateTag state={deadline.state} submittedOn={deadline.submittedOn} />
                    </Table.Cell>
                    <Table.Cell>
                      {t(`${G}.deadlines.reminderText`, { days: deadline.remindDaysBefore })}
                      {deadline.remindedAt && !deadline.submittedOn ? (
                        <>
                          <br />
                          {t(`${G}.deadlines.reminded`)}
                        </>
                      ) : null}
                    </Table.Cell>
                    <Table.Cell className="plan-pre-line">{deadline.note}</Table.Cell>
                    {canManage ? (
                      <Table.Cell>
                        <div className="grants-row-actions">
                          {deadline.submittedOn ? null : (
                            <Form method="post">
                              <CsrfField />
                              <input type="hidden" name="deadlineId" value={deadline.id} />
                              <Button
                                type="submit"
                                name="intent"
                                value="submitDeadline"
                                variant="secondary"
                                data-size="sm"
                                aria-label={t(`${G}.deadlines.markSubmittedNamed`, {
                                  title: deadline.title,
                                })}
                              >
                                {t(`${G}.deadlines.markSubmitted`)}
                              </Button>
                            </Form>
                          )}
                          <DsLink asChild>
                            <Link
                              to={deadlineHref(grant.id, deadline.id)}
                              aria-label={t(`${G}.deadlines.editNamed`, {
                                title: deadline.title,
                              })}
                            >
                              {t(`${G}.deadlines.edit`)}
                            </Link>
                          </DsLink>
                        </div>
                      </Table.Cell>
                    ) : null}
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </TableScroll>
        )}
        {canManage ? (
          <div className="actions">
            <Button asChild variant="secondary">
              <Link to={`${base}/frister/ny`}>{t(`${G}.deadlines.add`)}</Link>
            </Button>
          </div>
        ) : null}
      </section>
    </GrantsLayout>
  );
}
