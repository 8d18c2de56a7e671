import { Button, Field, Input, Label, ValidationMessage } from "@digdir/designsystemet-react";
import { Form, Link } from "react-router";
import {
  COMPONENT_DESCRIPTION_MAX,
  COMPONENT_TITLE_MAX,
  DOSING_NOTE_MAX,
  MILESTONE_DESCRIPTION_MAX,
  MILESTONE_RESPONSIBLE_MAX,
  MILESTONE_TITLE_MAX,
  milestoneKinds,
  RESPONSIBILITY_DUTY_MAX,
  RESPONSIBILITY_HOLDER_MAX,
  RESPONSIBILITY_HOW_MAX,
  RISK_DESCRIPTION_MAX,
  RISK_MEASURES_MAX,
  RISK_TITLE_MAX,
  riskLevels,
  riskScale,
  riskStatuses,
} from "../../core/implementation/plan-rules.ts";
import { useT } from "../lib/i18n.tsx";
import type { ActionFailure } from "../lib/route-helpers.ts";
import { CsrfField, FormErrors, RadioGroup, SelectField, TextField, valueOf } from "./forms.tsx";
import { DateField, TextAreaField } from "./relay-log-plan-fields.tsx";

/**
 * The forms of the implementation plan area. Each refills from what was typed after a failed
 * post (nothing is lost), else from the stored record; errors sit beside their fields and in
 * the summary at the top.
 */

function FormButtons(props: { cancelTo: string }) {
  const t = useT();
  return (
    <div className="form__actions">
      <Button type="submit">{t("implementation.plan.save")}</Button>
      <Button asChild variant="tertiary">
        <Link to={props.cancelTo}>{t("implementation.plan.cancel")}</Link>
      </Button>
    </div>
  );
}

/** One checkbox with its label, linked without JavaScript. */
function CheckboxField(props: {
  name: string;
  label: string;
  checked: boolean;
  error?: string | undefined;
}) {
  const t = useT();
  return (
    <Field>
      <Input
        type="checkbox"
        id={props.name}
        name={props.name}
        defaultChecked={props.checked}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${props.name}-feil` : undefined}
      />
      <Label htmlFor={props.name} weight="regular">
        {props.label}
      </Label>
      {props.error ? (
        <ValidationMessage id={`${props.name}-feil`}>{t(props.error)}</ValidationMessage>
      ) : null}
    </Field>
  );
}

export interface StoredMilestone {
  title: string;
  description: string;
  kind: string;
  startsOn: string;
  endsOn: string;
  continuous: boolean;
  responsible: string;
  doneOn: string | null;
  evaluationMilestoneId: string | null;
  componentId: string | null;
}

export function MilestoneForm(props: {
  failure: ActionFailure | undefined;
  stored?: StoredMilestone;
  evaluations: { id: string; title: string }[];
  components: { id: string; title: string }[];
  today: string;
  cancelTo: string;
}) {
  const t = useT();
  const { failure, stored } = props;
  const errors = failure?.fieldErrors ?? {};
  const value = (name: keyof StoredMilestone, storedValue?: string | null) =>
    valueOf(failure, name, storedValue ?? null);
  const continuous = failure
    ? failure.values.continuous !== undefined
    : (stored?.continuous ?? false);
  return (
    <>
      <FormErrors failure={failure} />
      <Form method="post" className="form" noValidate>
        <CsrfField />
        <input type="hidden" name="intent" value="save" />
        <TextField
          name="title"
          label={t("implementation.plan.milestones.fields.title")}
          help={t("implementation.plan.milestones.fields.titleHelp")}
          required
          maxLength={MILESTONE_TITLE_MAX}
          defaultValue={value("title", stored?.title)}
          error={errors.title}
        />
        <TextAreaField
          name="description"
          label={t("implementation.plan.milestones.fields.description")}
          maxLength={MILESTONE_DESCRIPTION_MAX}
          defaultValue={value("description", stored?.description)}
          error={errors.description}
        />
        <RadioGroup
          name="kind"
          legend={t("implementation.plan.milestones.fields.kind")}
          options={milestoneKinds.map((kind) => ({
            value: kind,
            label: t(`implementation.plan.milestones.kind.${kind}`),
          }))}
          checked={value("kind", stored?.kind) ?? "activity"}
          error={errors.kind}
          required
        />
        <DateField
          name="startsOn"
          label={t("implementation.plan.milestones.fields.startsOn")}
          required
          defaultValue={value("startsOn", stored?.startsOn)}
          error={errors.startsOn}
        />
        <DateField
          name="endsOn"
          label={t("implementation.plan.milestones.fields.endsOn")}
          help={t("implementation.plan.milestones.fields.endsOnHelp")}
          defaultValue={value("endsOn", stored && !stored.continuous ? stored.endsOn : null)}
          error={errors.endsOn}
        />
        <CheckboxField
          name="continuous"
          label={t("implementation.plan.milestones.fields.continuous")}
          checked={continuous}
          error={errors.continuous}
        />
        <TextField
          name="responsible"
          label={t("implementation.plan.milestones.fields.responsible")}
          help={t("implementation.plan.milestones.fields.responsibleHelp")}
          required
          maxLength={MILESTONE_RESPONSIBLE_MAX}
          defaultValue={value("responsible", stored?.responsible)}
          error={errors.responsible}
        />
        <DateField
          name="doneOn"
          label={t("implementation.plan.milestones.fields.doneOn")}
          help={t("implementation.plan.milestones.fields.doneOnHelp")}
          max={props.today}
          defaultValue={value("doneOn", stored?.doneOn)}
          error={errors.doneOn}
        />
        <SelectField
          name="evaluationMilestoneId"
          label={t("implementation.plan.milestones.fields.evaluation")}
          help={t("implementation.plan.milestones.fields.evaluationHelp")}
          options={[
            { value: "", label: t("implementation.plan.none") },
            ...props.evaluations.map((option) => ({ value: option.id, label: option.title })),
          ]}
          defaultValue={value("evaluationMilestoneId", stored?.evaluationMilestoneId) ?? ""}
          error={errors.evaluationMilestoneId}
        />
        <SelectField
          name="componentId"
          label={t("implementation.plan.milestones.fields.component")}
          options={[
            { value: "", label: t("implementation.plan.none") },
            ...props.components.map((option) => ({ value: option.id, label: option.title })),
          ]}
          defaultValue={value("componentId", stored?.componentId) ?? ""}
          error={errors.componentId}
        />
        <FormButtons cancelTo={props.cancelTo} />
      </Form>
    </>
  );
}

export function ComponentForm(props: {
  failure: ActionFailure | undefined;
  stored?: { title: string; description: string };
  cancelTo: string;
}) {
  const t = useT();
  const { failure, stored } = props;
  const errors = failure?.fieldErrors ?? {};
  return (
    <>
      <FormErrors failure={failure} />
      <Form method="post" className="form" noValidate>
        <CsrfField />
        <input type="hidden" name="intent" value="save" />
        <TextField
          name="title"
          label={t("implementation.plan.components.fields.title")}
          required
          maxLength={COMPONENT_TITLE_MAX}
          defaultValue={valueOf(failure, "title", stored?.title)}
          error={errors.title}
        />
        <TextAreaField
          name="description"
          label={t("implementation.plan.components.fields.description")}
          maxLength={COMPONENT_DESCRIPTION_MAX}
          rows={6}
          defaultValue={valueOf(failure, "description", stored?.description)}
          error={errors.description}
        />
        <FormButtons cancelTo={props.cancelTo} />
      </Form>
    </>
  );
}

export function DosingForm(props: {
  failure: ActionFailure | undefined;
  stored?: { componentId: string; startsOn: string; endsOn: string; note: string };
  components: { id: string; title: string }[];
  cancelTo: string;
}) {
  const t = useT();
  const { failure, stored } = props;
  const errors = failure?.fieldErrors ?? {};
  return (
    <>
      <FormErrors failure={failure} />
      <Form method="post" className="form" noValidate>
        <CsrfField />
        <input type="hidden" name="intent" value="save" />
        <SelectField
          name="componentId"
          label={t("implementation.plan.dosing.fields.component")}
          required
          placeholder={t("implementation.plan.dosing.choose")}
          options={props.components.map((option) => ({ value: option.id, label: option.title }))}
          defaultValue={valueOf(failure, "componentId", stored?.componentId) ?? ""}
          error={errors.componentId}
        />
        <DateField
          name="startsOn"
          label={t("implementation.plan.dosing.fields.startsOn")}
          required
          defaultValue={valueOf(failure, "startsOn", stored?.startsOn)}
          error={errors.startsOn}
        />
        <DateField
          name="endsOn"
          label={t("implementation.plan.dosing.fields.endsOn")}
          required
          defaultValue={valueOf(failure, "endsOn", stored?.endsOn)}
          error={errors.endsOn}
        />
        <TextAreaField
          name="note"
          label={t("implementation.plan.dosing.fields.note")}
          help={t("implementation.plan.dosing.fields.noteHelp")}
          maxLength={DOSING_NOTE_MAX}
          defaultValue={valueOf(failure, "note", stored?.note)}
          error={errors.note}
        />
        <FormButtons cancelTo={props.cancelTo} />
      </Form>
    </>
  );
}

export function ResponsibilityForm(props: {
  failure: ActionFailure | undefined;
  stored?: { holder: string; duty: string; how: string };
  cancelTo: string;
}) {
  const t = useT();
  const { failure, stored } = props;
  const errors = failure?.fieldErrors ?? {};
  return (
    <>
      <FormErrors failure={failure} />
      <Form method="post" className="form" noValidate>
        <CsrfField />
        <input type="hidden" name="intent" value="save" />
        <TextField
          name="holder"
          label={t("implementation.plan.responsibilities.fields.holder")}
          help={t("implementation.plan.responsibilities.fields.holderHelp")}
          required
          maxLength={RESPONSIBILITY_HOLDER_MAX}
          defaultValue={valueOf(failure, "holder", stored?.holder)}
          error={errors.holder}
        />
        <TextAreaField
          name="duty"
          label={t("implementation.plan.responsibilities.fields.duty")}
          required
          rows={3}
          maxLength={RESPONSIBILITY_DUTY_MAX}
          defaultValue={valueOf(failure, "duty", stored?.duty)}
          error={errors.duty}
        />
        <TextAreaField
          name="how"
          label={t("implementation.plan.responsibilities.fields.how")}
          help={t("implementation.plan.responsibilities.fields.howHelp")}
          rows={6}
          maxLength={RESPONSIBILITY_HOW_MAX}
          defaultValue={valueOf(failure, "how", stored?.how)}
          error={errors.how}
        />
        <FormButtons cancelTo={props.cancelTo} />
      </Form>
    </>
  );
}

export interface StoredRisk {
  level: string;
  title: string;
  description: string;
  likelihood: number;
  consequence: number;
  measures: string;
  ownerUserId: string | null;
  reviewOn: string;
  status: string;
}

export function RiskForm(props: {
  failure: ActionFailure | undefined;
  stored?: StoredRisk;
  owners: { id: string; name: string }[];
  cancelTo: string;
}) {
  const t = useT();
  const { failure, stored } = props;
  const errors = failure?.fieldErrors ?? {};
  const scaleOptions = (scale: "likelihood" | "consequence") =>
    riskScale.map((value) => ({
      value: String(value),
      label: t("implementation.plan.risks.scaleOption", {
        value,
        label: t(`implementation.plan.risks.${scale}.v${value}`),
      }),
    }));
  return (
    <>
      <FormErrors failure={failure} />
      <Form method="post" className="form" noValidate>
        <CsrfField />
        <input type="hidden" name="intent" value="save" />
        <RadioGroup
          name="level"
          legend={t("implementation.plan.risks.fields.level")}
          options={riskLevels.map((level) => ({
            value: level,
            label: t(`implementation.plan.risks.level.${level}`),
          }))}
          checked={valueOf(failure, "level", stored?.level)}
          error={errors.level}
          required
        />
        <TextField
          name="title"
          label={t("implementation.plan.risks.fields.title")}
          help={t("implementation.plan.risks.fields.titleHelp")}
          required
          maxLength={RISK_TITLE_MAX}
          defaultValue={valueOf(failure, "title", stored?.title)}
          error={errors.title}
        />
        <TextAreaField
          name="description"
          label={t("implementation.plan.risks.fields.description")}
          maxLength={RISK_DESCRIPTION_MAX}
          defaultValue={valueOf(failure, "description", stored?.description)}
          error={errors.description}
        />
        <SelectField
          name="likelihood"
          label={t("implementation.plan.risks.fields.likelihood")}
          required
          options={scaleOptions("likelihood")}
          defaultValue={valueOf(failure, "likelihood", stored ? String(stored.likelihood) : "3")}
          error={errors.likelihood}
        />
        <SelectField
          name="consequence"
          label={t("implementation.plan.risks.fields.consequence")}
          required
          options={scaleOptions("consequence")}
          defaultValue={valueOf(failure, "consequence", stored ? String(stored.consequence) : "3")}
          error={errors.consequence}
        />
        <TextAreaField
          name="measures"
          label={t("implementation.plan.risks.fields.measures")}
          help={t("implementation.plan.risks.fields.measuresHelp")}
          maxLength={RISK_MEASURES_MAX}
          rows={5}
          defaultValue={valueOf(failure, "measures", stored?.measures)}
          error={errors.measures}
        />
        <SelectField
          name="ownerUserId"
          label={t("implementation.plan.risks.fields.owner")}
          help={t("implementation.plan.risks.fields.ownerHelp")}
          required
          placeholder={t("implementation.plan.risks.fields.chooseOwner")}
          options={props.owners.map((owner) => ({ value: owner.id, label: owner.name }))}
          defaultValue={valueOf(failure, "ownerUserId", stored?.ownerUserId) ?? ""}
          error={errors.ownerUserId}
        />
        <DateField
          name="reviewOn"
          label={t("implementation.plan.risks.fields.reviewOn")}
          required
          defaultValue={valueOf(failure, "reviewOn", stored?.reviewOn)}
          error={errors.reviewOn}
        />
        <RadioGroup
          name="status"
          legend={t("implementation.plan.risks.fields.status")}
          options={riskStatuses.map((status) => ({
            value: status,
            label: t(`implementation.plan.risks.status.${status}`),
          }))}
          checked={valueOf(failure, "status", stored?.status) ?? "open"}
          error={errors.status}
        />
        <FormButtons cancelTo={props.cancelTo} />
      </Form>
    </>
  );
}
