import { Button, Fieldset } from "@digdir/designsystemet-react";
import { Form, Link } from "react-router";
import {
  ANCHORING_AUDIENCE_MAX,
  ANCHORING_FOLLOW_UP_MAX,
  ANCHORING_MATERIAL_MAX,
  ANCHORING_SUMMARY_MAX,
  anchoringAudienceKinds,
  anchoringChannels,
  anchoringModes,
} from "../../core/organisation/anchoring-kinds.ts";
import { useT } from "../lib/i18n.tsx";
import type { ActionFailure } from "../lib/route-helpers.ts";
import { CsrfField, FormErrors, RadioGroup, SelectField, TextField, valueOf } from "./forms.tsx";
import { periodText } from "./implementation-plan-ui.tsx";
import { DateField, TextAreaField } from "./relay-log-plan-fields.tsx";

/**
 * The anchoring activity form (new and edit). After a failed post it refills from what was
 * typed (nothing is lost), else from the stored activity; errors sit beside their fields and in
 * the summary at the top, each linking to its field.
 */

export interface StoredActivity {
  occurredOn: string;
  audienceKind: string;
  audience: string;
  mode: string;
  channel: string;
  summary: string;
  material: string;
  materialId: string | null;
  followUp: string;
  followUpDueOn: string | null;
  followUpDoneOn: string | null;
  responsibleUserId: string | null;
  milestoneId: string | null;
}

export function AnchoringForm(props: {
  failure: ActionFailure | undefined;
  stored?: StoredActivity;
  /** For a new activity: who is suggested as responsible. */
  defaultResponsibleUserId?: string | null;
  staff: { id: string; title: string }[];
  materials: { id: string; title: string }[];
  milestones: {
    id: string;
    title: string;
    startsOn: string;
    endsOn: string;
    continuous: boolean;
  }[];
  today: string;
  cancelTo: string;
}) {
  const t = useT();
  const { failure, stored } = props;
  const errors = failure?.fieldErrors ?? {};
  const value = (name: keyof StoredActivity, storedValue?: string | null) =>
    valueOf(failure, name, storedValue ?? null);
  const k = "organisation.anchoring";
  return (
    <>
      <FormErrors failure={failure} />
      <Form method="post" className="form" noValidate>
        <CsrfField />
        <input type="hidden" name="intent" value="save" />
        <DateField
          name="occurredOn"
          label={t(`${k}.fields.occurredOn`)}
          help={t(`${k}.fields.occurredOnHelp`)}
          required
          defaultValue={value("occurredOn", stored?.occurredOn)}
          error={errors.occurredOn}
        />
        <SelectField
          name="audienceKind"
          label={t(`${k}.fields.audienceKind`)}
          required
          options={[
            { value: "", label: t(`${k}.fields.audienceKindPlaceholder`) },
            ...anchoringAudienceKinds.map((kind) => ({
              value: kind,
              label: t(`${k}.audienceKind.${kind}`),
            })),
          ]}
          defaultValue={value("audienceKind", stored?.audienceKind) ?? ""}
          error={errors.audienceKind}
        />
        <TextField
          name="audience"
          label={t(`${k}.fields.audience`)}
          help={t(`${k}.fields.audienceHelp`)}
          required
          maxLength={ANCHORING_AUDIENCE_MAX}
          defaultValue={value("audience", stored?.audience)}
          error={errors.audience}
        />
        <RadioGroup
          name="mode"
          legend={t(`${k}.fields.mode`)}
          required
          options={anchoringModes.map((mode) => ({
            value: mode,
            label: t(`${k}.modeHelp.${mode}`),
          }))}
          checked={value("mode", stored?.mode)}
          error={errors.mode}
        />
        <SelectField
          name="channel"
          label={t(`${k}.fields.channel`)}
          required
          options={[
            { value: "", label: t(`${k}.fields.channelPlaceholder`) },
            ...anchoringChannels.map((channel) => ({
              value: channel,
              label: t(`${k}.channel.${channel}`),
            })),
          ]}
          defaultValue={value("channel", stored?.channel) ?? ""}
          error={errors.channel}
        />
        <TextAreaField
          name="summary"
          label={t(`${k}.fields.summary`)}
          help={t(`${k}.fields.summaryHelp`)}
          maxLength={ANCHORING_SUMMARY_MAX}
          rows={5}
          defaultValue={value("summary", stored?.summary)}
          error={errors.summary}
        />
        <TextAreaField
          name="material"
          label={t(`${k}.fields.material`)}
          help={t(`${k}.fields.materialHelp`)}
          maxLength={ANCHORING_MATERIAL_MAX}
          rows={2}
          defaultValue={value("material", stored?.material)}
          error={errors.material}
        />
        <SelectField
          name="materialId"
          label={t(`${k}.fields.materialId`)}
          help={t(`${k}.fields.materialIdHelp`)}
          options={[
            { value: "", label: t(`${k}.none`) },
            ...props.materials.map((material) => ({ value: material.id, label: material.title })),
          ]}
          defaultValue={value("materialId", stored?.materialId) ?? ""}
          error={errors.materialId}
        />
        <Fieldset className="anchoring-follow-up">
          <Fieldset.Legend>{t(`${k}.fields.followUpLegend`)}</Fieldset.Legend>
          <Fieldset.Description>{t(`${k}.fields.followUpDescription`)}</Fieldset.Description>
          <TextAreaField
            name="followUp"
            label={t(`${k}.fields.followUp`)}
            maxLength={ANCHORING_FOLLOW_UP_MAX}
            rows={3}
            defaultValue={value("followUp", stored?.followUp)}
            error={errors.followUp}
          />
          <DateField
            name="followUpDueOn"
            label={t(`${k}.fields.followUpDueOn`)}
            defaultValue={value("followUpDueOn", stored?.followUpDueOn)}
            error={errors.followUpDueOn}
          />
          <DateField
            name="followUpDoneOn"
            label={t(`${k}.fields.followUpDoneOn`)}
            help={t(`${k}.fields.followUpDoneOnHelp`)}
            max={props.today}
            defaultValue={value("followUpDoneOn", stored?.followUpDoneOn)}
            error={errors.followUpDoneOn}
          />
          <SelectField
            name="responsibleUserId"
            label={t(`${k}.fields.responsibleUserId`)}
            options={[
              { value: "", label: t(`${k}.none`) },
              ...props.staff.map((person) => ({ value: person.id, label: person.title })),
            ]}
            defaultValue={
              value(
                "responsibleUserId",
                stored ? stored.responsibleUserId : props.defaultResponsibleUserId,
              ) ?? ""
            }
            error={errors.responsibleUserId}
          />
        </Fieldset>
        <SelectField
          name="milestoneId"
          label={t(`${k}.fields.milestoneId`)}
          help={t(`${k}.fields.milestoneIdHelp`)}
          options={[
            { value: "", label: t(`${k}.none`) },
            ...props.milestones.map((milestone) => ({
              value: milestone.id,
              label: t(`${k}.fields.milestoneOption`, {
                title: milestone.title,
                period: periodText(t, milestone),
              }),
            })),
          ]}
          defaultValue={value("milestoneId", stored?.milestoneId) ?? ""}
          error={errors.milestoneId}
        />
        <div className="form__actions">
          <Button type="submit">{t(`${k}.save`)}</Button>
          <Button asChild variant="tertiary">
            <Link to={props.cancelTo}>{t(`${k}.cancel`)}</Link>
          </Button>
        </div>
      </Form>
    </>
  );
}
