import { Button, Heading, Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import { surveyTemplateKeys } from "../../core/evaluation/survey-templates.ts";
import { createSurvey, newSurveyOptions } from "../../core/evaluation/surveys.ts";
import {
  CsrfField,
  FormErrors,
  RadioGroup,
  SelectField,
  TextField,
  valueOf,
} from "../components/forms.tsx";
import { formatDateTime } from "../lib/format-date.ts";
import { useLanguage } from "../components/implementation-training.tsx";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  isFailure,
  loadOr404,
  requirePermission,
  runAction,
  withNotice,
} from "../lib/route-helpers.ts";
import type { Route } from "./+types/evaluation.surveys.new";

/**
 * /evaluering/undersokelser/ny: start a survey blank or from a shipped template (the BTI staff
 * survey, the yearly "how does the model work" survey, an event evaluation that may be tied to a
 * training event, the plain-language user evaluation). It opens in the builder as a draft.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "evaluation.manage");
  return loadOr404(() => newSurveyOptions({ database: context.services.database, actor }));
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "evaluation.manage");
  const values = formToObject(await request.formData());
  return runAction(values, async () => {
    const survey = await createSurvey({
      database: context.services.database,
      actor,
      meta: context.meta,
      values,
    });
    return redirect(
      withNotice(`/evaluering/undersokelser/${survey.id}`, "evaluation.surveys.notices.created"),
    );
  });
}

const S = "evaluation.surveys";

export default function NewSurveyPage() {
  const t = useT();
  const language = useLanguage();
  const { trainingEvents } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const starts = ["blank", ...surveyTemplateKeys];
  return (
    <div className="page">
      <title>{`${t(`${S}.create.title`)} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {t(`${S}.create.title`)}
      </Heading>
      <div className="actions">
        <DsLink asChild>
          <Link to="/evaluering/undersokelser">{t(`${S}.builder.backToList`)}</Link>
        </DsLink>
      </div>
      <Paragraph>{t(`${S}.create.intro`)}</Paragraph>
      <FormErrors failure={failure} />
      <Form method="post" className="form" noValidate>
        <CsrfField />
        <RadioGroup
          name="start"
          legend={t(`${S}.create.startLegend`)}
          options={starts.map((key) => ({
            value: key,
            label: `${t(`${S}.templates.${key}.name`)}: ${t(`${S}.templates.${key}.description`)}`,
          }))}
          checked={valueOf(failure, "start", "bti_staff")}
          error={failure?.fieldErrors.start}
          required
        />
        <TextField
          name="title"
          label={t(`${S}.create.titleLabel`)}
          help={t(`${S}.create.titleHelp`)}
          defaultValue={valueOf(failure, "title")}
          error={failure?.fieldErrors.title}
          maxLength={200}
        />
        {trainingEvents.length > 0 ? (
          <SelectField
            name="trainingEventId"
            label={t(`${S}.fields.trainingEvent`)}
            help={t(`${S}.fields.trainingEventHelp`)}
            options={[
              { value: "", label: t(`${S}.fields.trainingEventNone`) },
              ...trainingEvents.map((event) => ({
                value: event.id,
                label: `${event.title} (${formatDateTime(event.startsAt, language)})`,
              })),
            ]}
            defaultValue={valueOf(failure, "trainingEventId", "")}
            error={failure?.fieldErrors.trainingEventId}
          />
        ) : null}
        <div className="form__actions">
          <Button type="submit">{t(`${S}.create.submit`)}</Button>
          <Button asChild variant="tertiary">
            <Link to="/evaluering/undersokelser">{t(`${S}.create.cancel`)}</Link>
          </Button>
        </div>
      </Form>
    </div>
  );
}
