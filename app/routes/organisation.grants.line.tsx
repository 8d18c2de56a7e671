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
  useLocation,
  useSearchParams,
} from "react-router";
import { addExpense, deleteExpense, viewLine } from "../../core/organisation/grants-budget.ts";
import { dateText } from "../../core/organisation/grants-rules.ts";
import { osloDate } from "../../core/platform/dates.ts";
import { CsrfField } from "../components/forms.tsx";
import { TableScroll } from "../components/implementation-plan-ui.tsx";
import {
  ExpenseForm,
  G,
  GrantsLayout,
  grantHref,
  grantNotice,
  lineHref,
  OverspentTag,
  useMoney,
} from "../components/organisation-grants.tsx";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  isFailure,
  loadOr404,
  requirePermission,
  runAction,
  withNotice,
} from "../lib/route-helpers.ts";
import type { Route } from "./+types/organisation.grants.line";

/**
 * /organisering/tilskudd/:grantId/budsjett/:lineId: one budget line — planned, spent, left
 * («Overforbruk» in words) — and the expenses on it. The coordinator records an expense (date,
 * amount above 0, what it was for) and removes one after a confirmation (`?fjern=<id>`).
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "implementation.view");
  const data = await loadOr404(() =>
    viewLine({
      database: context.services.database,
      actor,
      meta: context.meta,
      grantId: params.grantId,
      lineId: params.lineId,
    }),
  );
  return { ...data, today: osloDate() };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  const form = await request.formData();
  const values = formToObject(form);
  const common = {
    database: context.services.database,
    actor,
    meta: context.meta,
    grantId: params.grantId,
    lineId: params.lineId,
  };
  const self = lineHref(params.grantId, params.lineId);
  return runAction(values, async () => {
    if (form.get("intent") === "removeExpense") {
      await deleteExpense({ ...common, expenseId: String(values.expenseId ?? "") });
      return redirect(withNotice(self, `${G}.notices.expenseDeleted`));
    }
    await addExpense({ ...common, values });
    return redirect(withNotice(self, `${G}.notices.expenseAdded`));
  });
}

export default function LinePage() {
  const t = useT();
  const money = useMoney();
  const { grant, line, expenses, canManage, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const [params] = useSearchParams();
  const notice = grantNotice(params);
  const category = t(`${G}.category.${line.category}`);
  const heading = line.description ? `${category}: ${line.description}` : category;
  const self = lineHref(grant.id, line.id);
  const removing = expenses.find((expense) => expense.id === params.get("fjern"));
  // A saved expense redirects back here: the new location key gives an empty form, so nothing
  // is entered twice. A refused one refills the form from what was typed (the failure's values).
  const formKey = useLocation().key;
  return (
    <GrantsLayout
      heading={heading}
      back={{ to: grantHref(grant.id), text: t(`${G}.backToGrant`, { name: grant.name }) }}
      notice={notice ? t(notice) : null}
    >
      <Paragraph>
        {t(`${G}.line.summary`, {
          planned: money(line.plannedOre),
          spent: money(line.spentOre),
          remaining: money(line.remainingOre),
        })}
        {line.overspent ? (
          <>
            {" "}
            <OverspentTag />
          </>
        ) : null}
      </Paragraph>
      {canManage ? (
        <div className="actions">
          <Button asChild variant="secondary">
            <Link to={`${self}/endre`}>{t(`${G}.line.edit`)}</Link>
          </Button>
        </div>
      ) : null}
      <section aria-labelledby="utgifter">
        <Heading level={2} data-size="md" id="utgifter">
          {t(`${G}.expenses.heading`)}
        </Heading>
        {removing ? (
          <Alert data-color="warning">
            <Paragraph>
              {t(`${G}.expenses.removeQuestion`, {
                description: removing.description,
                amount: money(removing.amountOre),
              })}
            </Paragraph>
            <Form method="post" action={self} className="form__actions">
              <CsrfField />
              <input type="hidden" name="expenseId" value={removing.id} />
              <Button type="submit" name="intent" value="removeExpense" data-color="danger">
                {t(`${G}.expenses.removeConfirm`)}
              </Button>
              <Button asChild variant="tertiary">
                <Link to={self}>{t(`${G}.cancel`)}</Link>
              </Button>
            </Form>
          </Alert>
        ) : null}
        {expenses.length === 0 ? (
          <Paragraph>{t(`${G}.expenses.empty`)}</Paragraph>
        ) : (
          <TableScroll label={t(`${G}.expenses.caption`, { name: heading })}>
            <Table>
              <caption>{t(`${G}.expenses.caption`, { name: heading })}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell scope="col">
                    {t(`${G}.expenses.columns.spentOn`)}
                  </Table.HeaderCell>
                  <Table.HeaderCell scope="col">
                    {t(`${G}.expenses.columns.description`)}
                  </Table.HeaderCell>
                  <Table.HeaderCell scope="col" className="grants-amount">
                    {t(`${G}.expenses.columns.amount`)}
                  </Table.HeaderCell>
                  <Table.HeaderCell scope="col">
                    {t(`${G}.expenses.columns.recordedBy`)}
                  </Table.HeaderCell>
                  {canManage ? (
                    <Table.HeaderCell scope="col">
                      {t(`${G}.expenses.columns.actions`)}
                    </Table.HeaderCell>
                  ) : null}
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {expenses.map((expense) => (
                  <Table.Row key={expense.id}>
                    <Table.Cell>{dateText(expense.spentOn)}</Table.Cell>
                    <Table.HeaderCell scope="row">{expense.description}</Table.HeaderCell>
                    <Table.Cell className="grants-amount">{money(expense.amountOre)}</Table.Cell>
                    <Table.Cell>{expense.recordedByName ?? "–"}</Table.Cell>
                    {canManage ? (
                      <Table.Cell>
                        <DsLink asChild>
                          <Link
                            to={`${self}?fjern=${expense.id}#utgifter`}
                            aria-label={t(`${G}.expenses.removeNamed`, {
                              description: expense.description,
                            })}
                          >
                            {t(`${G}.expenses.remove`)}
                          </Link>
                        </DsLink>
                      </Table.Cell>
                    ) : null}
                  </Table.Row>
                ))}
                <Table.Row className="grants-total">
                  <Table.Cell />
                  <Table.HeaderCell scope="row">{t(`${G}.expenses.total`)}</Table.HeaderCell>
                  <Table.Cell className="grants-amount">{money(line.spentOre)}</Table.Cell>
                  <Table.Cell />
                  {canManage ? <Table.Cell /> : null}
                </Table.Row>
              </Table.Body>
            </Table>
          </TableScroll>
        )}
      </section>
      {canManage ? (
        <section aria-labelledby="ny-utgift">
          <Heading level={2} data-size="sm" id="ny-utgift">
            {t(`${G}.expenses.addHeading`)}
          </Heading>
          <ExpenseForm key={formKey} failure={failure} today={today} />
        </section>
      ) : null}
    </GrantsLayout>
  );
}
