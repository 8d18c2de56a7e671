import { Heading, Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { getMySurvey, saveMyDraft, submitMyAnswer } from "../../core/evaluation/surveys-answer.ts";
import { FormErrors, Notice } from "../components/forms.tsx";
import { AnswerForm, Introduction } from "../components/evaluation-surveys.tsx";
import { formatDay, useLanguage } from "../components/implementation-training.tsx";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  isFailure,
  loadOr404,
  requirePermission,
  runAction,
  withNotice,
} from "../lib/route-helpers.ts";
import type { Route } from "./+types/surveys.answer";

/**
 * /undersokelser/:surveyId: an invited employee answers a survey. «Lagre utkast» keeps what is
 * typed; «Send inn» checks it and sends it in anonymously (a failed check keeps the typed values
 * and saves them as the draft). Someone not invited is told the survey does not exist.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "survey.answer");
  return loadOr404(() =>
    getMySurvey({ database: context.services.database, actor, surveyId: params.surveyId }),
  );
}

const S = "evaluation.surveys";

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "survey.answer");
  const form = await request.formData();
  const intent = form.get("intent");
  const values = formToObject(form);
  const common = {
    database: context.services.database,
    actor,
    surveyId: params.surveyId,
    values,
  };
  const path = `/undersokelser/${params.surveyId}`;
  return runAction(values, async () => {
    if (intent === "draft") {
      await saveMyDraft(common);
      return redirect(withNotice(path, `${S}.answer.draftSaved`));
    }
    await submitMyAnswer({ ...common, meta: context.meta });
    return redirect(`${path}?takk=1`);
  });
}

export default function AnswerSurveyPage() {
  const t = useT();
  const language = useLanguage();
  const { survey, questions, draft, hasDraft, answered, unitOptions } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const [params] = useSearchParams();
  const notice = params.get("melding");
  const thanks = params.get("takk") === "1" && answered;
  const heading = thanks ? t(`${S}.answer.thanksTitle`) : survey.title;
  return (
    <div className="page">
      <title>{`${heading} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {heading}
      </Heading>
      {answered || survey.status !== "open" ? <FormErrors failure={failure} /> : null}
      {thanks ? (
        <Paragraph role="status">{t(`${S}.answer.thanksText`)}</Paragraph>
      ) : answered ? (
        <Paragraph>{t(`${S}.answer.answeredText`)}</Paragraph>
      ) : survey.status !== "open" ? (
        <>
          <Paragraph>{t(`${S}.answer.closedTitle`)}</Paragraph>
          <Paragraph>{t(`${S}.answer.closedText`)}</Paragraph>
        </>
      ) : (
        <>
          {notice === `${S}.answer.draftSaved` ? <Notice>{t(notice)}</Notice> : null}
          {hasDraft && notice !== `${S}.answer.draftSaved` && !failure ? (
            <Paragraph>{t(`${S}.answer.draftLoaded`)}</Paragraph>
          ) : null}
          <Introduction text={survey.introduction} />
          {survey.closesOn ? (
            <Paragraph>
              {t(`${S}.answer.closesOn`, { date: formatDay(survey.closesOn, language) })}
            </Paragraph>
          ) : null}
          <Paragraph data-size="sm">{t(`${S}.answer.anonymity`)}</Paragraph>
          <Paragraph data-size="sm">{t(`${S}.answer.requiredNote`)}</Paragraph>
          {questions.length === 0 ? (
            <Paragraph>{t(`${S}.answer.noQuestions`)}</Paragraph>
          ) : (
            <AnswerForm
              questions={questions}
              draft={draft}
              failure={failure}
              unitOptions={unitOptions}
            />
          )}
        </>
      )}
      <Paragraph>
        <DsLink asChild>
          <Link to="/undersokelser">{t(`${S}.answer.backToList`)}</Link>
        </DsLink>
      </Paragraph>
    </div>
  );
}
