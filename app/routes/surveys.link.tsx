import { Heading, Paragraph } from "@digdir/designsystemet-react";
import { data, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import {
  getLinkSurvey,
  saveLinkDraft,
  submitLinkAnswer,
} from "../../core/evaluation/surveys-answer.ts";
import {
  answeredCookie,
  draftCookie,
  surveyBrowserState,
} from "../lib/survey-link-cookie.server.ts";
import { Notice } from "../components/forms.tsx";
import { AnswerForm, Introduction } from "../components/evaluation-surveys.tsx";
import { formatDay, useLanguage } from "../components/implementation-training.tsx";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  isFailure,
  loadOr404,
  runAction,
  withNotice,
  type ActionFailure,
} from "../lib/route-helpers.ts";
import type { Route } from "./+types/surveys.link";

/**
 * /undersokelse/:token: a link survey, answered without logging in (guardians, young people,
 * partners). The browser keeps one HttpOnly cookie per survey: a random draft token (only its
 * SHA-256 is stored with the draft) until the answer is sent, then the mark that this browser
 * has answered, so it cannot answer twice. An unknown token is a 404; a closed survey says so.
 */

const S = "evaluation.surveys";
export async function loader({ context, request, params }: Route.LoaderArgs) {
  return loadOr404(() =>
    getLinkSurvey({
      database: context.services.database,
      token: params.token,
      browser: surveyBrowserState(request, params.token),
    }),
  );
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const form = await request.formData();
  const intent = form.get("intent");
  const values = formToObject(form);
  const browser = surveyBrowserState(request, params.token);
  const path = `/undersokelse/${params.token}`;
  const common = {
    database: context.services.database,
    token: params.token,
    browser,
    values,
    rateLimitPerMinute: context.services.config.rateLimit.feedbackPerMinute,
    ip: context.meta.ip,
  };
  return runAction(values, async () => {
    if (intent === "draft") {
      const { draftToken } = await saveLinkDraft(common);
      return redirect(withNotice(path, `${S}.answer.draftSaved`), {
        headers: {
          "Set-Cookie": draftCookie(params.token, draftToken, context.secureCookies),
        },
      });
    }
    const result = await submitLinkAnswer(common);
    if (!result.ok) {
      // The typed values come back in the form and are saved as this browser's draft.
      return data<ActionFailure>(
        {
          ok: false,
          messageKey: result.error.messageKey,
          fieldErrors: result.error.fieldErrors ?? {},
          values,
        },
        {
          status: 400,
          headers: {
            "Set-Cookie": draftCookie(params.token, result.draftToken, context.secureCookies),
          },
        },
      );
    }
    return redirect(`${path}?takk=1`, {
      headers: {
        "Set-Cookie": answeredCookie(params.token, context.secureCookies),
      },
    });
  });
}

export default function LinkSurveyPage() {
  const t = useT();
  const language = useLanguage();
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const [params] = useSearchParams();
  const notice = params.get("melding");
  const heading =
    page.state === "closed"
      ? t(`${S}.link.closedTitle`)
      : page.state === "answered"
        ? t(`${S}.link.answeredTitle`)
        : page.survey.title;
  return (
    <div className="page">
      <title>{`${heading} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {heading}
      </Heading>
      {page.state === "closed" ? (
        <Paragraph>{t(`${S}.link.closedText`)}</Paragraph>
      ) : page.state === "answered" ? (
        <Paragraph role="status">
          {params.get("takk") === "1" ? t(`${S}.answer.thanksText`) : t(`${S}.link.answeredText`)}
        </Paragraph>
      ) : (
        <>
          {notice === `${S}.answer.draftSaved` ? <Notice>{t(notice)}</Notice> : null}
          {page.hasDraft && notice !== `${S}.answer.draftSaved` && !failure ? (
            <Paragraph>{t(`${S}.answer.draftLoaded`)}</Paragraph>
          ) : null}
          <Introduction text={page.survey.introduction} />
          {page.survey.closesOn ? (
            <Paragraph>
              {t(`${S}.answer.closesOn`, { date: formatDay(page.survey.closesOn, language) })}
            </Paragraph>
          ) : null}
          <Paragraph data-size="sm">{t(`${S}.link.draftHelp`)}</Paragraph>
          <AnswerForm questions={page.questions} draft={page.draft} failure={failure} />
        </>
      )}
    </div>
  );
}
