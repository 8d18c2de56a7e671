import { Heading, Link as DsLink, Paragraph, Tag } from "@digdir/designsystemet-react";
import { Link, useLoaderData } from "react-router";
import { can } from "../../core/access/policy.ts";
import { listMySurveys, type MySurveyState } from "../../core/evaluation/surveys-answer.ts";
import { formatDay, useLanguage } from "../components/implementation-training.tsx";
import { useT } from "../lib/i18n.tsx";
import { loadOr404, requirePermission } from "../lib/route-helpers.ts";
import type { Route } from "./+types/surveys";

/**
 * /undersokelser: the open surveys this person is invited to, each with where they stand in
 * words (Ikke besvart / Utkast lagret / Besvart) and its deadline.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "survey.answer");
  const result = await loadOr404(() =>
    listMySurveys({ database: context.services.database, actor }),
  );
  return { ...result, canManage: can(actor, "evaluation.manage") };
}

const S = "evaluation.surveys";

const stateColor: Record<MySurveyState, "warning" | "info" | "success"> = {
  notAnswered: "warning",
  draft: "info",
  answered: "success",
};

export default function MySurveysPage() {
  const t = useT();
  const language = useLanguage();
  const { items, canManage } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <title>{`${t(`${S}.staff.title`)} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {t(`${S}.staff.title`)}
      </Heading>
      <Paragraph>{t(`${S}.staff.intro`)}</Paragraph>
      {canManage ? (
        <Paragraph>
          <DsLink asChild>
            <Link to="/evaluering/undersokelser">{t(`${S}.staff.adminLink`)}</Link>
          </DsLink>
        </Paragraph>
      ) : null}
      {items.length === 0 ? (
        <Paragraph role="status">{t(`${S}.staff.empty`)}</Paragraph>
      ) : (
        <ul className="survey-list">
          {items.map((survey) => (
            <li key={survey.id}>
              <Heading level={2} data-size="xs">
                <DsLink asChild>
                  <Link to={`/undersokelser/${survey.id}`}>{survey.title}</Link>
                </DsLink>
              </Heading>
              <Paragraph data-size="sm">
                <Tag data-color={stateColor[survey.state]}>
                  {t(`${S}.staff.states.${survey.state}`)}
                </Tag>{" "}
                {survey.closesOn
                  ? t(`${S}.staff.closesOn`, { date: formatDay(survey.closesOn, language) })
                  : t(`${S}.staff.noDeadline`)}
              </Paragraph>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
