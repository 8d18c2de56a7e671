import {
  Alert,
  Button,
  Heading,
  Link as DsLink,
  Paragraph,
  Tag,
} from "@digdir/designsystemet-react";
import { Form, Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import {
  addQuestion,
  closeSurvey,
  deleteSurvey,
  getSurveyBuilder,
  moveQuestion,
  openSurvey,
  removeQuestion,
  setSurveyTargets,
  startNewRound,
  surveyLinkPath,
  updateQuestion,
  updateSurveySettings,
} from "../../core/evaluation/surveys.ts";
import {
  REMINDER_INTERVAL_MAX,
  SURVEY_INTRO_MAX,
  SURVEY_TITLE_MAX,
  surveyAudiences,
} from "../../core/evaluation/surveys-rules.ts";
import {
  CheckboxGroup,
  CsrfField,
  FormErrors,
  Notice,
  RadioGroup,
  SelectField,
  TextField,
  valueOf,
  valuesOf,
} from "../components/forms.tsx";
import { QuestionForm, SurveyStatusTag } from "../components/evaluation-surveys.tsx";
import { formatDay, useLanguage } from "../components/implementation-training.tsx";
import { DateField, TextAreaField } from "../components/relay-log-plan-fields.tsx";
import { formatDateTime } from "../lib/format-date.ts";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  isFailure,
  loadOr404,
  requirePermission,
  runAction,
  withNotice,
  type ActionFailure,
} from "../lib/route-helpers.ts";
import type { Route } from "./+types/evaluation.surveys.survey";

/**
 * /evaluering/undersokelser/:surveyId: the builder. Settings (title, introduction, audience,
 * plain language, dates, reminders, a training event), the questions (add, edit, move, remove
 * behind a confirmation; an answered question is versioned, never changed), who gets it (units
 * and roles), and the actions: open (invitations go out), close, start a new round, delete a
 * draft (confirmed). Every form posts here with a hidden `section` so a failure comes back to
 * the right form with what was typed.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "evaluation.manage");
  const builder = await loadOr404(() =>
    getSurveyBuilder({ database: context.services.database, actor, surveyId: params.surveyId }),
  );
  const origin = context.services.config.publicUrl ?? new URL(request.url).origin;
  return {
    ...builder,
    linkUrl: builder.survey.linkToken
      ? new URL(surveyLinkPath(builder.survey.linkToken), origin).href
      : null,
  };
}

const S = "evaluation.surveys";

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "evaluation.manage");
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const values = formToObject(form);
  const common = {
    database: context.services.database,
    actor,
    meta: context.meta,
    surveyId: params.surveyId,
  };
  const path = `/evaluering/undersokelser/${params.surveyId}`;
  const questionId = typeof values.questionId === "string" ? values.questionId : "";
  return runAction(values, async () => {
    switch (intent) {
      case "settings":
        await updateSurveySettings({ ...common, values });
        return redirect(withNotice(path, `${S}.notices.settingsSaved`));
      case "addQuestion":
        await addQuestion({ ...common, values });
        return redirect(withNotice(`${path}#questions-heading`, `${S}.notices.questionAdded`));
      case "saveQuestion": {
        const result = await updateQuestion({ ...common, questionId, values });
        const key =
          result.decision === "new_version"
            ? "questionVersioned"
            : result.decision === "unchanged"
              ? "questionUnchanged"
              : "questionSaved";
        return redirect(withNotice(path, `${S}.notices.${key}`));
      }
      case "moveUp":
      case "moveDown":
        await moveQuestion({
          ...common,
          questionId,
          direction: intent === "moveUp" ? "up" : "down",
        });
        return redirect(withNotice(path, `${S}.notices.moved`));
      case "removeQuestion": {
        const result = await removeQuestion({ ...common, questionId });
        return redirect(
          withNotice(
            path,
            `${S}.notices.${result.decision === "retire" ? "questionRetired" : "questionRemoved"}`,
          ),
        );
      }
      case "targets": {
        const result = await setSurveyTargets({
          ...common,
          unitIds: values.unitIds,
          roles: values.roles,
        });
        return redirect(
          result.invited > 0
            ? withNotice(path, `${S}.notices.targetsSavedInvited`, {
                antall: String(result.invited),
              })
            : withNotice(path, `${S}.notices.targetsSaved`),
        );
      }
      case "open": {
        const result = await openSurvey(common);
        return redirect(
          result.linkToken
            ? withNotice(path, `${S}.notices.openedLink`)
            : withNotice(path, `${S}.notices.opened`, { antall: String(result.invited) }),
        );
      }
      case "close":
        await closeSurvey(common);
        return redirect(withNotice(path, `${S}.notices.closed`));
      case "newRound": {
        const copy = await startNewRound(common);
        return redirect(
          withNotice(`/evaluering/undersokelser/${copy.id}`, `${S}.notices.roundStarted`),
        );
      }
      case "delete":
        await deleteSurvey(common);
        return redirect(withNotice("/evaluering/undersokelser", `${S}.notices.deleted`));
      default:
        return redirect(path);
    }
  });
}

const pageNotices = new Set(
  [
    "created",
    "settingsSaved",
    "questionAdded",
    "questionSaved",
    "questionUnchanged",
    "questionVersioned",
    "questionRemoved",
    "questionRetired",
    "moved",
    "targetsSaved",
    "targetsSavedInvited",
    "opened",
    "openedLink",
    "closed",
    "roundStarted",
  ].map((key) => `${S}.notices.${key}`),
);

function failureFor(failure: ActionFailure | undefined, section: string) {
  return failure?.values.section === section ? failure : undefined;
}

export default function SurveyBuilderPage() {
  const t = useT();
  const language = useLanguage();
  const { survey, questions, targets, units, roles, trainingEvents, counts, linkUrl } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const [params] = useSearchParams();
  const notice = params.get("melding");
  const path = `/evaluering/undersokelser/${survey.id}`;
  const editable = survey.status !== "closed";
  const settingsFailure = failureFor(failure, "settings");
  const questionFailure = failureFor(failure, "question");
  const targetsFailure = failureFor(failure, "targets");
  const otherFailure =
    failure && !["settings", "question", "targets"].includes(String(failure.values.section ?? ""))
      ? failure
      : undefined;
  const editingId =
    (questionFailure && typeof questionFailure.values.questionId === "string"
      ? questionFailure.values.questionId
      : null) ?? params.get("endre");
  const removingId = params.get("fjern");
  const confirming = params.get("bekreft");
  const event = trainingEvents.find((item) => item.id === survey.trainingEventId);
  const b = (key: string, options?: Record<string, unknown>) => t(`${S}.builder.${key}`, options);

  return (
    <div className="page">
      <title>{`${survey.title} – ${t(`${S}.list.title`)} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {survey.title}
      </Heading>
      <Paragraph>
        <SurveyStatusTag status={survey.status} />{" "}
        {survey.status === "draft"
          ? null
          : survey.audience === "staff"
            ? b("countsLine", {
                responses: counts.responses,
                answered: counts.answered,
                invited: counts.invited,
              })
            : b("responsesLine", { responses: counts.responses })}
      </Paragraph>
      {survey.previousRoundTitle && survey.previousRoundId ? (
        <Paragraph>
          <DsLink asChild>
            <Link to={`/evaluering/undersokelser/${survey.previousRoundId}`}>
              {b("previousRound", { title: survey.previousRoundTitle })}
            </Link>
          </DsLink>
        </Paragraph>
      ) : null}
      {notice && pageNotices.has(notice) ? (
        <Notice>{t(notice, { count: Number(params.get("antall") ?? "0") })}</Notice>
      ) : null}
      <FormErrors failure={otherFailure} />
      {survey.status === "closed" ? <Paragraph>{b("closedNote")}</Paragraph> : null}
      {survey.status === "open" ? <Paragraph>{b("openNote")}</Paragraph> : null}
      <div className="actions">
        <DsLink asChild>
          <Link to="/evaluering/undersokelser">{b("backToList")}</Link>
        </DsLink>
        {survey.status !== "draft" ? (
          <DsLink asChild>
            <Link to={`/evaluering/undersokelser/${survey.id}/resultater`}>{b("resultsLink")}</Link>
          </DsLink>
        ) : null}
        {survey.status !== "draft" && survey.audience === "staff" ? (
          <DsLink asChild>
            <Link to={`/undersokelser/${survey.id}`}>{b("staffView")}</Link>
          </DsLink>
        ) : null}
      </div>

      {linkUrl ? (
        <section aria-labelledby="link-heading">
          <Heading level={2} data-size="md" id="link-heading">
            {b("linkHeading")}
          </Heading>
          <Paragraph>{b("linkHelp")}</Paragraph>
          <Paragraph>
            <code className="survey-link">{linkUrl}</code>
          </Paragraph>
        </section>
      ) : null}

      <section aria-labelledby="settings-heading">
        <Heading level={2} data-size="md" id="settings-heading">
          {b("settingsHeading")}
        </Heading>
        {editable ? (
          <>
            <FormErrors failure={settingsFailure} />
            <Form method="post" className="form" noValidate>
              <CsrfField />
              <input type="hidden" name="section" value="settings" />
              <TextField
                name="title"
                label={t(`${S}.fields.title`)}
                defaultValue={valueOf(settingsFailure, "title", survey.title)}
                error={settingsFailure?.fieldErrors.title}
                maxLength={SURVEY_TITLE_MAX}
                required
              />
              <TextAreaField
                name="introduction"
                label={t(`${S}.fields.introduction`)}
                help={t(`${S}.fields.introductionHelp`)}
                defaultValue={valueOf(settingsFailure, "introduction", survey.introduction)}
                error={settingsFailure?.fieldErrors.introduction}
                maxLength={SURVEY_INTRO_MAX}
                rows={6}
              />
              {survey.status === "draft" ? (
                <RadioGroup
                  name="audience"
                  legend={t(`${S}.fields.audience`)}
                  options={surveyAudiences.map((value) => ({
                    value,
                    label: t(`${S}.audiences.${value}`),
                  }))}
                  checked={valueOf(settingsFailure, "audience", survey.audience)}
                  error={settingsFailure?.fieldErrors.audience}
                  required
                />
              ) : (
                <>
                  <input type="hidden" name="audience" value={survey.audience} />
                  <Paragraph>
                    {t(`${S}.fields.audience`)} {t(`${S}.audiences.${survey.audience}`)}
                  </Paragraph>
                </>
              )}
              <CheckboxGroup
                name="plainLanguage"
                legend={t(`${S}.fields.plainLanguage`)}
                options={[{ value: "on", label: t(`${S}.fields.plainLanguage`) }]}
                checked={
                  (
                    settingsFailure
                      ? settingsFailure.values.plainLanguage !== undefined
                      : survey.plainLanguage
                  )
                    ? ["on"]
                    : []
                }
              />
              <DateField
                name="opensOn"
                label={t(`${S}.fields.opensOn`)}
                help={t(`${S}.fields.opensOnHelp`)}
                defaultValue={valueOf(settingsFailure, "opensOn", survey.opensOn)}
                error={settingsFailure?.fieldErrors.opensOn}
              />
              <DateField
                name="closesOn"
                label={t(`${S}.fields.closesOn`)}
                help={t(`${S}.fields.closesOnHelp`)}
                defaultValue={valueOf(settingsFailure, "closesOn", survey.closesOn)}
                error={settingsFailure?.fieldErrors.closesOn}
              />
              <TextField
                name="reminderIntervalDays"
                label={t(`${S}.fields.reminderIntervalDays`)}
                help={t(`${S}.fields.reminderHelp`)}
                defaultValue={valueOf(
                  settingsFailure,
                  "reminderIntervalDays",
                  survey.reminderIntervalDays?.toString(),
                )}
                error={settingsFailure?.fieldErrors.reminderIntervalDays}
                maxLength={String(REMINDER_INTERVAL_MAX).length + 1}
              />
              {survey.status === "draft" && trainingEvents.length > 0 ? (
                <SelectField
                  name="trainingEventId"
                  label={t(`${S}.fields.trainingEvent`)}
                  help={t(`${S}.fields.trainingEventHelp`)}
                  options={[
                    { value: "", label: t(`${S}.fields.trainingEventNone`) },
                    ...trainingEvents.map((item) => ({
                      value: item.id,
                      label: `${item.title} (${formatDateTime(item.startsAt, language)})`,
                    })),
                  ]}
                  defaultValue={valueOf(
                    settingsFailure,
                    "trainingEventId",
                    survey.trainingEventId ?? "",
                  )}
                  error={settingsFailure?.fieldErrors.trainingEventId}
                />
              ) : (
                <input type="hidden" name="trainingEventId" value={survey.trainingEventId ?? ""} />
              )}
              <div className="form__actions">
                <Button type="submit" name="intent" value="settings">
                  {b("saveSettings")}
                </Button>
              </div>
            </Form>
          </>
        ) : (
          <dl className="details-list">
            <dt>{t(`${S}.fields.audience`)}</dt>
            <dd>{t(`${S}.audiences.${survey.audience}`)}</dd>
            <dt>{t(`${S}.fields.opensOn`)}</dt>
            <dd>{survey.opensOn ? formatDay(survey.opensOn, language) : t(`${S}.list.notSet`)}</dd>
            <dt>{t(`${S}.fields.closesOn`)}</dt>
            <dd>
              {survey.closesOn ? formatDay(survey.closesOn, language) : t(`${S}.list.notSet`)}
            </dd>
          </dl>
        )}
      </section>

      <section aria-labelledby="questions-heading" id="questions">
        <Heading level={2} data-size="md" id="questions-heading">
          {b("questionsHeading")}
        </Heading>
        {questions.length === 0 ? (
          <Paragraph>{b("noQuestions")}</Paragraph>
        ) : (
          <ol className="survey-questions">
            {questions.map((question, index) => (
              <li key={question.id} id={`sporsmal-${question.id}`}>
                <Heading level={3} data-size="xs">
                  {question.prompt}
                </Heading>
                <Paragraph data-size="sm">
                  {b("questionType", { type: t(`${S}.types.${question.type}`) })} ·{" "}
                  {question.theme ? b("questionTheme", { theme: question.theme }) : b("noTheme")} ·{" "}
                  {question.required ? b("required") : b("optional")}
                  {question.type === "number" &&
                  (question.minValue !== null || question.maxValue !== null)
                    ? ` · ${b("rangeValue", { min: question.minValue ?? "–", max: question.maxValue ?? "–" })}`
                    : null}
                </Paragraph>
                {question.type === "single" || question.type === "multiple" ? (
                  <ul>
                    {question.options.map((option) => (
                      <li key={option.key}>{option.label}</li>
                    ))}
                  </ul>
                ) : null}
                {question.answered ? (
                  <Paragraph data-size="sm">
                    <Tag data-color="info">{b("answeredNote", { version: question.version })}</Tag>
                  </Paragraph>
                ) : null}
                {editable && editingId === question.id ? (
                  <section aria-labelledby="edit-question-heading">
                    <Heading level={4} data-size="xs" id="edit-question-heading">
                      {b("editHeading")}
                    </Heading>
                    <QuestionForm
                      failure={questionFailure}
                      stored={question}
                      questionId={question.id}
                      submitLabel={b("saveQuestion")}
                      cancelHref={`${path}#sporsmal-${question.id}`}
                    />
                  </section>
                ) : null}
                {editable && removingId === question.id ? (
                  <Alert data-color="warning">
                    <Paragraph>{b("removeQuestion", { prompt: question.prompt })}</Paragraph>
                    <Form method="post" className="form__actions">
                      <CsrfField />
                      <input type="hidden" name="questionId" value={question.id} />
                      <Button
                        type="submit"
                        name="intent"
                        value="removeQuestion"
                        data-color="danger"
                      >
                        {b("removeConfirm")}
                      </Button>
                      <Button asChild variant="tertiary">
                        <Link to={`${path}#sporsmal-${question.id}`}>{b("keep")}</Link>
                      </Button>
                    </Form>
                  </Alert>
                ) : null}
                {editable && editingId !== question.id && removingId !== question.id ? (
                  <Form method="post" className="actions">
                    <CsrfField />
                    <input type="hidden" name="questionId" value={question.id} />
                    <Button asChild variant="secondary" data-size="sm">
                      <Link
                        to={`?endre=${question.id}#sporsmal-${question.id}`}
                        aria-label={`${b("edit")}: ${b("questionNumber", { number: index + 1 })}`}
                      >
                        {b("edit")}
                      </Link>
                    </Button>
                    {index > 0 ? (
                      <Button
                        type="submit"
                        name="intent"
                        value="moveUp"
                        variant="tertiary"
                        data-size="sm"
                        aria-label={`${b("moveUp")}: ${b("questionNumber", { number: index + 1 })}`}
                      >
                        {b("moveUp")}
                      </Button>
                    ) : null}
                    {index < questions.length - 1 ? (
                      <Button
                        type="submit"
                        name="intent"
                        value="moveDown"
                        variant="tertiary"
                        data-size="sm"
                        aria-label={`${b("moveDown")}: ${b("questionNumber", { number: index + 1 })}`}
                      >
                        {b("moveDown")}
                      </Button>
                    ) : null}
                    <Button asChild variant="tertiary" data-color="danger" data-size="sm">
                      <Link
                        to={`?fjern=${question.id}#sporsmal-${question.id}`}
                        aria-label={`${b("remove")}: ${b("questionNumber", { number: index + 1 })}`}
                      >
                        {b("remove")}
                      </Link>
                    </Button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ol>
        )}
        {editable && !editingId ? (
          <section aria-labelledby="add-question-heading">
            <Heading level={3} data-size="sm" id="add-question-heading">
              {b("addHeading")}
            </Heading>
            <QuestionForm failure={questionFailure} submitLabel={b("addQuestion")} />
          </section>
        ) : null}
      </section>

      <section aria-labelledby="targets-heading" id="targets">
        <Heading level={2} data-size="md" id="targets-heading">
          {b("targetsHeading")}
        </Heading>
        {survey.audience === "link" ? (
          <Paragraph>{b("targetsLink")}</Paragraph>
        ) : survey.trainingEventId ? (
          <Paragraph>{b("targetsEvent", { title: event?.title ?? "" })}</Paragraph>
        ) : editable ? (
          <>
            <Paragraph>{b("targetsIntro")}</Paragraph>
            <FormErrors failure={targetsFailure} />
            <Form method="post" className="form" noValidate>
              <CsrfField />
              <input type="hidden" name="section" value="targets" />
              <CheckboxGroup
                name="unitIds"
                legend={b("unitsLegend")}
                options={units.map((unit) => ({ value: unit.id, label: unit.name }))}
                checked={valuesOf(targetsFailure, "unitIds", targets.unitIds)}
                error={targetsFailure?.fieldErrors.unitIds}
              />
              <CheckboxGroup
                name="roles"
                legend={b("rolesLegend")}
                options={roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
                checked={valuesOf(targetsFailure, "roles", targets.roles)}
                error={targetsFailure?.fieldErrors.roles}
              />
              <div className="form__actions">
                <Button type="submit" name="intent" value="targets">
                  {b("saveTargets")}
                </Button>
              </div>
            </Form>
          </>
        ) : (
          <ul>
            {units
              .filter((unit) => targets.unitIds.includes(unit.id))
              .map((unit) => (
                <li key={unit.id}>{unit.name}</li>
              ))}
            {targets.roles.map((role) => (
              <li key={role}>{t(`roles.${role}`)}</li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="actions-heading">
        <Heading level={2} data-size="md" id="actions-heading">
          {b("actionsHeading")}
        </Heading>
        {survey.status === "draft" ? (
          <>
            <Paragraph>{survey.audience === "link" ? b("openLinkHelp") : b("openHelp")}</Paragraph>
            <Form method="post" className="form__actions">
              <CsrfField />
              <Button type="submit" name="intent" value="open">
                {b("open")}
              </Button>
            </Form>
          </>
        ) : null}
        {survey.status === "open" ? (
          confirming === "avslutt" ? (
            <Alert data-color="warning">
              <Paragraph>{b("closeQuestion", { title: survey.title })}</Paragraph>
              <Form method="post" className="form__actions">
                <CsrfField />
                <Button type="submit" name="intent" value="close" data-color="danger">
                  {b("closeConfirm")}
                </Button>
                <Button asChild variant="tertiary">
                  <Link to={path}>{b("keep")}</Link>
                </Button>
              </Form>
            </Alert>
          ) : (
            <div className="actions">
              <Button asChild variant="secondary">
                <Link to="?bekreft=avslutt#actions-heading">{b("close")}</Link>
              </Button>
            </div>
          )
        ) : null}
        {survey.status !== "draft" ? (
          <>
            <Paragraph>{b("newRoundHelp")}</Paragraph>
            <Form method="post" className="form__actions">
              <CsrfField />
              <Button type="submit" name="intent" value="newRound" variant="secondary">
                {b("newRound")}
              </Button>
            </Form>
          </>
        ) : null}
      </section>

      {survey.status === "draft" ? (
        <section aria-labelledby="delete-heading">
          <Heading level={2} data-size="md" id="delete-heading">
            {b("deleteHeading")}
          </Heading>
          {confirming === "slett" ? (
            <Alert data-color="warning">
              <Paragraph>{b("deleteQuestion", { title: survey.title })}</Paragraph>
              <Form method="post" className="form__actions">
                <CsrfField />
                <Button type="submit" name="intent" value="delete" data-color="danger">
                  {b("deleteConfirm")}
                </Button>
                <Button asChild variant="tertiary">
                  <Link to={path}>{b("keep")}</Link>
                </Button>
              </Form>
            </Alert>
          ) : (
            <div className="actions">
              <Button asChild variant="secondary" data-color="danger">
                <Link to="?bekreft=slett#delete-heading">{b("delete")}</Link>
              </Button>
            </div>
          )}
        </section>
      ) : null}
    </div>
  );
}
