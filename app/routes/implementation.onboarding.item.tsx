import { DateField } from "../components/relay-log-plan-fields.tsx";
import { Button, Heading, Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { Form, Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import {
  completeOnboardingStep,
  getOnboarding,
  undoOnboardingStep,
} from "../../core/implementation/onboarding.ts";
import { osloDate } from "../../core/platform/dates.ts";
import { CsrfField, FormErrors, Notice, valueOf } from "../components/forms.tsx";
import { formatDay, OnboardingStateTag, useLanguage } from "../components/implementation-units.tsx";
import { formatDateTime } from "../lib/format-date.ts";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  isFailure,
  loadOr404,
  requirePermission,
  runAction,
  withNotice,
} from "../lib/route-helpers.ts";
import type { Route } from "./+types/implementation.onboarding.item";

const notices = new Set([
  "implementation.units.onboarding.notices.stepDone",
  "implementation.units.onboarding.notices.completed",
  "implementation.units.onboarding.notices.undone",
]);

/**
 * /implementering/nyansatte/:onboardingId: one new employee's checklist. Those who follow the
 * unit up tick a step done (with the date, not in the future) or undo a tick; when every step is
 * done the onboarding is completed.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "implementation.view");
  const onboarding = await loadOr404(() =>
    getOnboarding({
      database: context.services.database,
      actor,
      onboardingId: params.onboardingId,
    }),
  );
  return {
    onboarding: {
      ...onboarding,
      completedAt: onboarding.completedAt
        ? formatDateTime(onboarding.completedAt, context.language)
        : null,
    },
    today: osloDate(),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "implementation.view");
  const form = await request.formData();
  const values = formToObject(form);
  const intent = form.get("intent");
  const common = {
    database: context.services.database,
    actor,
    meta: context.meta,
    onboardingId: params.onboardingId,
  };
  const self = `/implementering/nyansatte/${params.onboardingId}`;
  return runAction(values, async () => {
    if (intent === "undo") {
      await undoOnboardingStep({ ...common, stepId: String(values.stepId ?? "") });
      return redirect(withNotice(self, "implementation.units.onboarding.notices.undone"));
    }
    const { completed } = await completeOnboardingStep({ ...common, values });
    return redirect(
      withNotice(
        self,
        completed
          ? "implementation.units.onboarding.notices.completed"
          : "implementation.units.onboarding.notices.stepDone",
      ),
    );
  });
}

export default function OnboardingItemPage() {
  const t = useT();
  const language = useLanguage();
  const { onboarding, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const failedStep = failure ? valueOf(failure, "stepId") : undefined;
  const [params] = useSearchParams();
  const notice = params.get("melding");
  const self = `/implementering/nyansatte/${onboarding.id}`;
  const title = t("implementation.units.onboarding.item.title", { name: onboarding.person.name });
  return (
    <div className="page">
      <title>{`${title} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {title}
      </Heading>
      <div className="actions">
        <DsLink asChild>
          <Link to={`/implementering/nyansatte?enhet=${onboarding.unit.id}`}>
            {t("implementation.units.onboarding.item.back", { unit: onboarding.unit.name })}
          </Link>
        </DsLink>
      </div>
      {notice && notices.has(notice) ? <Notice>{t(notice)}</Notice> : null}
      <dl className="details-list">
        <dt>{t("implementation.units.onboarding.item.unit")}</dt>
        <dd>{onboarding.unit.name}</dd>
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
        {onboarding.completedAt ? (
          <>
            <dt>{t("implementation.units.onboarding.item.completedAt")}</dt>
            <dd>{onboarding.completedAt}</dd>
          </>
        ) : null}
      </dl>

      <section aria-labelledby="steps-heading" className="page">
        <Heading level={2} data-size="md" id="steps-heading">
          {t("implementation.units.onboarding.item.stepsHeading")}
        </Heading>
        <ol className="page">
          {onboarding.steps.map((step) => {
            const failing = failedStep === step.id ? failure : undefined;
            const fieldId = failing ? "completedOn" : `completedOn-${step.id}`;
            return (
              <li key={step.id}>
                <Heading level={3} data-size="xs">
                  {step.title}
                </Heading>
                {step.description ? <Paragraph>{step.description}</Paragraph> : null}
                <Paragraph>
                  <strong>
                    {step.doneOn
                      ? step.confirmedByName
                        ? t("implementation.units.onboarding.item.doneBy", {
                            date: formatDay(step.doneOn, language),
                            name: step.confirmedByName,
                          })
                        : t("implementation.units.onboarding.item.done", {
                            date: formatDay(step.doneOn, language),
                          })
                      : t("implementation.units.onboarding.item.notDone")}
                  </strong>
                </Paragraph>
                {onboarding.mayFollowUp ? (
                  step.doneOn ? (
                    <Form method="post" action={self} className="actions">
                      <CsrfField />
                      <input type="hidden" name="stepId" value={step.id} />
                      <Button
                        type="submit"
                        name="intent"
                        value="undo"
                        variant="secondary"
                        aria-label={t("implementation.units.onboarding.item.undoNamed", {
                          title: step.title,
                        })}
                      >
                        {t("implementation.units.onboarding.item.undo")}
                      </Button>
                    </Form>
                  ) : (
                    <Form method="post" action={self} className="form" noValidate>
                      <CsrfField />
                      <FormErrors failure={failing} />
                      <input type="hidden" name="stepId" value={step.id} />
                      <DateField
                        id={fieldId}
                        name="completedOn"
                        label={
                          <>
                            {t("implementation.units.onboarding.item.doneOn")}
                            <span className="visually-hidden">
                              {" "}
                              {t("implementation.units.onboarding.item.doneOnFor", {
                                title: step.title,
                              })}
                            </span>
                          </>
                        }
                        max={today}
                        defaultValue={valueOf(failing, "completedOn", today)}
                        error={failing?.fieldErrors.completedOn}
                      />
                      <div className="form__actions">
                        <Button
                          type="submit"
                          name="intent"
                          value="done"
                          aria-label={t("implementation.units.onboarding.item.markDoneNamed", {
                            title: step.title,
                          })}
                        >
                          {t("implementation.units.onboarding.item.markDone")}
                        </Button>
                      </div>
                    </Form>
                  )
                ) : null}
              </li>
            );
          })}
        </ol>
      </section>
    </div>
  );
}
