import "./organisation-grants.css";
import { Button, Tag } from "@digdir/designsystemet-react";
import type { ReactNode } from "react";
import { Form, Link } from "react-router";
import {
  budgetCategories,
  dateText,
  DEADLINE_NOTE_MAX,
  DEADLINE_TITLE_MAX,
  DEFAULT_REMIND_DAYS,
  EXPENSE_DESCRIPTION_MAX,
  GRANT_GRANTOR_MAX,
  GRANT_NAME_MAX,
  GRANT_NOTE_MAX,
  GRANT_REFERENCE_MAX,
  grantStatuses,
  LINE_DESCRIPTION_MAX,
  type DeadlineState,
  type GrantStatus,
} from "../../core/organisation/grants-rules.ts";
import { formatOre, formatOreInput } from "../../core/organisation/money.ts";
import { useLanguage } from "./implementation-units.tsx";
import { useT } from "../lib/i18n.tsx";
import { OrganisationPage } from "./organisation-page.tsx";
import type { ActionFailure } from "../lib/route-helpers.ts";
import { CsrfField, FormErrors, RadioGroup, SelectField, TextField, valueOf } from "./forms.tsx";
import { DateField, TextAreaField } from "./relay-log-plan-fields.tsx";

/**
 * The grants area's shared parts: the page frame, status words in tags (the colour only repeats
 * the word), amounts, the forms (grant, budget line, expense, reporting deadline) that refill
 * from what was typed after a failed post, and the confirm step before removing something.
 */

export const G = "organisation.grants";
export const GRANTS_PATH = "/organisering/tilskudd";
export const GRANTS_GUIDE_PATH = "/veileder/rutine-tilskudd-og-budsjett";
export const grantHref = (grantId: string) => `${GRANTS_PATH}/${grantId}`;
export const lineHref = (grantId: string, lineId: string) =>
  `${GRANTS_PATH}/${grantId}/budsjett/${lineId}`;
export const deadlineHref = (grantId: string, deadlineId: string) =>
  `${GRANTS_PATH}/${grantId}/frister/${deadlineId}`;

/** An amount as the page's language writes it. */
export function useMoney(): (ore: number | null | undefined) => string {
  const language = useLanguage();
  return (ore) => (ore === null || ore === undefined ? "–" : formatOre(ore, language));
}

/** One page of the area. */
export function GrantsLayout(props: {
  heading: string;
  back?: { to: string; text: string };
  notice?: string | null;
  children: ReactNode;
}) {
  const t = useT();
  return (
    <OrganisationPage
      className="grants-area"
      heading={props.heading}
      back={props.back}
      notice={props.notice}
      help={{ to: GRANTS_GUIDE_PATH, text: t(`${G}.help`) }}
    >
      {props.children}
    </OrganisationPage>
  );
}

/** The notice key from `?melding=` when it is one of the area's, else null. */
export function grantNotice(params: URLSearchParams): string | null {
  const key = params.get("melding");
  return key && key.startsWith(`${G}.notices.`) ? key : null;
}

const statusColor: Record<GrantStatus, "success" | "info" | "danger" | "neutral" | "warning"> = {
  planned: "neutral",
  applied: "info",
  granted: "success",
  rejected: "danger",
  closed: "neutral",
};

export function GrantStatusTag({ status }: { status: GrantStatus }) {
  const t = useT();
  return <Tag data-color={statusColor[status]}>{t(`${G}.status.${status}`)}</Tag>;
}

const deadlineColor: Record<DeadlineState, "success" | "info" | "danger" | "warning"> = {
  submitted: "success",
  overdue: "danger",
  due_soon: "warning",
  upcoming: "info",
};

/** The state in words; a submitted one with its date («Levert 28.04.2026»). */
export function DeadlineStateTag(props: { state: DeadlineState; submittedOn?: string | null }) {
  const t = useT();
  return (
    <Tag data-color={deadlineColor[props.state]}>
      {props.submittedOn
        ? t(`${G}.deadlines.submittedOnText`, { date: dateText(props.submittedOn) })
        : t(`${G}.deadlines.state.${props.state}`)}
    </Tag>
  );
}

/** «Overforbruk» in words (a tag whose colour only repeats it). */
export function OverspentTag() {
  const t = useT();
  return <Tag data-color="danger">{t(`${G}.overspent`)}</Tag>;
}

function FormButtons(props: { cancelTo: string; submit?: string }) {
  const t = useT();
  return (
    <div className="form__actions">
      <Button type="submit">{props.submit ?? t(`${G}.save`)}</Button>
      <Button asChild variant="tertiary">
        <Link to={props.cancelTo}>{t(`${G}.cancel`)}</Link>
      </Button>
    </div>
  );
}

export interface StoredGrant {
  name: string;
  grantor: string;
  reference: string;
  status: GrantStatus;
  appliedOn: string | null;
  decidedOn: string | null;
  appliedOre: number | null;
  grantedOre: number | null;
  periodStart: string | null;
  periodEnd: string | null;
  contactUserId: string | null;
  note: string;
}

export function GrantForm(props: {
  failure: ActionFailure | undefined;
  stored?: StoredGrant | null;
  contacts: { id: string; name: string }[];
  cancelTo: string;
}) {
  const t = useT();
  const { failure } = props;
  const stored = props.stored ?? undefined;
  const errors = failure?.fieldErrors ?? {};
  return (
    <>
      <FormErrors failure={failure} />
      <Form method="post" className="form" noValidate>
        <CsrfField />
        <input type="hidden" name="intent" value="save" />
        <TextField
          name="name"
          label={t(`${G}.fields.name`)}
          help={t(`${G}.fields.nameHelp`)}
          required
          maxLength={GRANT_NAME_MAX}
          defaultValue={valueOf(failure, "name", stored?.name)}
          error={errors.name}
        />
        <TextField
          name="grantor"
          label={t(`${G}.fields.grantor`)}
          help={t(`${G}.fields.grantorHelp`)}
          required
          maxLength={GRANT_GRANTOR_MAX}
          defaultValue={valueOf(failure, "grantor", stored?.grantor)}
          error={errors.grantor}
        />
        <TextField
          name="reference"
          label={t(`${G}.fields.reference`)}
          help={t(`${G}.fields.referenceHelp`)}
          maxLength={GRANT_REFERENCE_MAX}
          defaultValue={valueOf(failure, "reference", stored?.reference)}
          error={errors.reference}
        />
        <RadioGroup
          name="status"
          legend={t(`${G}.fields.status`)}
          options={grantStatuses.map((status) => ({
            value: status,
            label: t(`${G}.status.${status}`),
          }))}
          checked={valueOf(failure, "status", stored?.status) ?? "planned"}
          error={errors.status}
        />
        <DateField
          name="appliedOn"
          label={t(`${G}.fields.appliedOn`)}
          defaultValue={valueOf(failure, "appliedOn", stored?.appliedOn)}
          error={errors.appliedOn}
        />
        <TextField
          name="appliedAmount"
          label={t(`${G}.fields.appliedAmount`)}
          help={t(`${G}.fields.amountHelp`)}
          defaultValue={valueOf(failure, "appliedAmount", formatOreInput(stored?.appliedOre))}
          error={errors.appliedAmount}
        />
        <DateField
          name="decidedOn"
          label={t(`${G}.fields.decidedOn`)}
          help={t(`${G}.fields.decidedOnHelp`)}
          defaultValue={valueOf(failure, "decidedOn", stored?.decidedOn)}
          error={errors.decidedOn}
        />
        <TextField
          name="grantedAmount"
          label={t(`${G}.fields.grantedAmount`)}
          help={t(`${G}.fields.grantedAmountHelp`)}
          defaultValue={valueOf(failure, "grantedAmount", formatOreInput(stored?.grantedOre))}
          error={errors.grantedAmount}
        />
        <DateField
          name="periodStart"
          label={t(`${G}.fields.periodStart`)}
          defaultValue={valueOf(failure, "periodStart", stored?.periodStart)}
          error={errors.periodStart}
        />
        <DateField
          name="periodEnd"
          label={t(`${G}.fields.periodEnd`)}
          defaultValue={valueOf(failure, "periodEnd", stored?.periodEnd)}
          error={errors.periodEnd}
        />
        <SelectField
          name="contactUserId"
          label={t(`${G}.fields.contact`)}
          help={t(`${G}.fields.contactHelp`)}
          options={[
            { value: "", label: t(`${G}.fields.chooseContact`) },
            ...props.contacts.map((contact) => ({ value: contact.id, label: contact.name })),
          ]}
          defaultValue={valueOf(failure, "contactUserId", stored?.contactUserId) ?? ""}
          error={errors.contactUserId}
        />
        <TextAreaField
          name="note"
          label={t(`${G}.fields.note`)}
          help={t(`${G}.fields.noteHelp`)}
          maxLength={GRANT_NOTE_MAX}
          rows={5}
          defaultValue={valueOf(failure, "note", stored?.note)}
          error={errors.note}
        />
        <FormButtons cancelTo={props.cancelTo} />
      </Form>
    </>
  );
}

export function LineForm(props: {
  failure: ActionFailure | undefined;
  stored?: { category: string; description: string; plannedOre: number } | null;
  cancelTo: string;
}) {
  const t = useT();
  const { failure } = props;
  const stored = props.stored ?? undefined;
  const errors = failure?.fieldErrors ?? {};
  return (
    <>
      <FormErrors failure={failure} />
      <Form method="post" className="form" noValidate>
        <CsrfField />
        <input type="hidden" name="intent" value="save" />
        <SelectField
          name="category"
          label={t(`${G}.line.fields.category`)}
          required
          placeholder={t(`${G}.errors.category`)}
          options={budgetCategories.map((category) => ({
            value: category,
            label: t(`${G}.category.${category}`),
          }))}
          defaultValue={valueOf(failure, "category", stored?.category) ?? ""}
          error={errors.category}
        />
        <TextField
          name="description"
          label={t(`${G}.line.fields.description`)}
          help={t(`${G}.line.fields.descriptionHelp`)}
          maxLength={LINE_DESCRIPTION_MAX}
          defaultValue={valueOf(failure, "description", stored?.description)}
          error={errors.description}
        />
        <TextField
          name="planned"
          label={t(`${G}.line.fields.planned`)}
          help={t(`${G}.line.fields.plannedHelp`)}
          required
          defaultValue={valueOf(
            failure,
            "planned",
            stored ? formatOreInput(stored.plannedOre) : undefined,
          )}
          error={errors.planned}
        />
        <FormButtons cancelTo={props.cancelTo} />
      </Form>
    </>
  );
}

/** The expense form on a line's page. */
export function ExpenseForm(props: { failure: ActionFailure | undefined; today: string }) {
  const t = useT();
  const { failure } = props;
  const errors = failure?.fieldErrors ?? {};
  return (
    <>
      <FormErrors failure={failure} />
      <Form method="post" className="form" noValidate>
        <CsrfField />
        <input type="hidden" name="intent" value="addExpense" />
        <DateField
          name="spentOn"
          label={t(`${G}.expenses.fields.spentOn`)}
          required
          defaultValue={valueOf(failure, "spentOn", props.today)}
          error={errors.spentOn}
        />
        <TextField
          name="amount"
          label={t(`${G}.expenses.fields.amount`)}
          help={t(`${G}.expenses.fields.amountHelp`)}
          required
          defaultValue={valueOf(failure, "amount")}
          error={errors.amount}
        />
        <TextField
          name="description"
          label={t(`${G}.expenses.fields.description`)}
          required
          maxLength={EXPENSE_DESCRIPTION_MAX}
          defaultValue={valueOf(failure, "description")}
          error={errors.description}
        />
        <div className="form__actions">
          <Button type="submit">{t(`${G}.expenses.add`)}</Button>
        </div>
      </Form>
    </>
  );
}

export interface StoredDeadline {
  title: string;
  dueOn: string;
  remindDaysBefore: number;
  submittedOn: string | null;
  note: string;
}

export function DeadlineForm(props: {
  failure: ActionFailure | undefined;
  stored?: StoredDeadline | null;
  today: string;
  cancelTo: string;
}) {
  const t = useT();
  const { failure } = props;
  const stored = props.stored ?? undefined;
  const errors = failure?.fieldErrors ?? {};
  return (
    <>
      <FormErrors failure={failure} />
      <Form method="post" className="form" noValidate>
        <CsrfField />
        <input type="hidden" name="intent" value="save" />
        <TextField
          name="title"
          label={t(`${G}.deadlines.fields.title`)}
          help={t(`${G}.deadlines.fields.titleHelp`)}
          required
          maxLength={DEADLINE_TITLE_MAX}
          defaultValue={valueOf(failure, "title", stored?.title)}
          error={errors.title}
        />
        <DateField
          name="dueOn"
          label={t(`${G}.deadlines.fields.dueOn`)}
          required
          defaultValue={valueOf(failure, "dueOn", stored?.dueOn)}
          error={errors.dueOn}
        />
        <TextField
          name="remindDaysBefore"
          type="number"
          min={0}
          max={365}
          label={t(`${G}.deadlines.fields.remindDaysBefore`)}
          help={t(`${G}.deadlines.fields.remindHelp`)}
          defaultValue={valueOf(
            failure,
            "remindDaysBefore",
            String(stored?.remindDaysBefore ?? DEFAULT_REMIND_DAYS),
          )}
          error={errors.remindDaysBefore}
        />
        <DateField
          name="submittedOn"
          label={t(`${G}.deadlines.fields.submittedOn`)}
          help={t(`${G}.deadlines.fields.submittedHelp`)}
          max={props.today}
          defaultValue={valueOf(failure, "submittedOn", stored?.submittedOn)}
          error={errors.submittedOn}
        />
        <TextAreaField
          name="note"
          label={t(`${G}.deadlines.fields.note`)}
          maxLength={DEADLINE_NOTE_MAX}
          rows={3}
          defaultValue={valueOf(failure, "note", stored?.note)}
          error={errors.note}
        />
        <FormButtons cancelTo={props.cancelTo} />
      </Form>
    </>
  );
}
