import { Heading, Paragraph } from "@digdir/designsystemet-react";
import { useLoaderData } from "react-router";
import { getMyOnboardings } from "../../core/implementation/onboarding.ts";
import { formatDay, OnboardingStateTag, useLanguage } from "../components/implementation-units.tsx";
import { useT } from "../lib/i18n.tsx";
import { loadOr404, requirePermission } from "../lib/route-helpers.ts";
import type { Route } from "./+types/onboarding.mine";

/**
 * /opplaering/min-sjekkliste: the signed-in employee's own onboarding checklist, read-only —
 * which steps their BTS contact has ticked off and when. Without an onboarding, the checklist
 * itself so they know what to expect.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "competence.use");
  return loadOr404(() => getMyOnboardings({ database: context.services.database, actor }));
}

export default function MyChecklistPage() {
  const t = useT();
  const language = useLanguage();
  const { onboardings, steps } = useLoaderData<typeof loader>();
  const title = t("implementation.units.onboarding.mine.title");
  return (
    <div className="page">
      <title>{`${title} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {title}
      </Heading>
      <Paragraph>{t("implementation.units.onboarding.mine.intro")}</Paragraph>
      {onboardings.length === 0 ? (
        <>
          <Paragraph>{t("implementation.units.onboarding.mine.none")}</Paragraph>
          <ol className="page">
            {steps.map((step) => (
              <li key={step.id}>
                <strong>{step.title}</strong>
                {step.description ? <Paragraph data-size="sm">{step.description}</Paragraph> : null}
              </li>
            ))}
          </ol>
        </>
      ) : (
        onboardings.map((onboarding) => (
          <section
            key={onboarding.id}
            aria-labelledby={`onboarding-${onboarding.id}`}
            className="page"
          >
            <Heading level={2} data-size="md" id={`onboarding-${onboarding.id}`}>
              {t("implementation.units.onboarding.mine.heading", { unit: onboarding.unitName })}
            </Heading>
            <dl className="details-list">
              <dt>{t("implementation.units.onboarding.item.started")}</dt>
              <dd>{formatDay(onboarding.startedOn, language)}</dd>
              <dt>{t("implementation.units.onboarding.item.due")}</dt>
              <dd>{formatDay(onboarding.dueOn, language)}</dd>
              <dt>{t("implementation.units.onboarding.item.status")}</dt>
              <dd>
                <OnboardingStateTag
                  state={onboarding.state}
                  done={onboarding.done}
                  total={onboarding.steps.length}
                />
              </dd>
            </dl>
            <ol className="page">
              {onboarding.steps.map((step) => (
                <li key={step.id}>
                  <strong>{step.title}</strong>
                  {step.description ? (
                    <Paragraph data-size="sm">{step.description}</Paragraph>
                  ) : null}
                  <Paragraph data-size="sm">
                    {step.doneOn
                      ? t("implementation.units.onboarding.item.done", {
                          date: formatDay(step.doneOn, language),
                        })
                      : t("implementation.units.onboarding.item.notDone")}
                  </Paragraph>
                </li>
              ))}
            </ol>
          </section>
        ))
      )}
    </div>
  );
}
