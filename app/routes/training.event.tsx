import { Alert, Button, Heading, Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { Form, Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { can } from "../../core/access/policy.ts";
import {
  evaluateTraining,
  getMyTrainingEvent,
  registerForTraining,
  unregisterFromTraining,
} from "../../core/implementation/training.ts";
import { EVALUATION_TEXT_MAX, evaluationScores } from "../../core/implementation/training-rules.ts";
import { CsrfField, FormErrors, Notice, RadioGroup, valueOf } from "../components/forms.tsx";
import { EventFacts, PlainText, StateTag } from "../components/implementation-training.tsx";
import { LongTextField } from "../components/relay-log-meeting-fields.tsx";
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
import type { Route } from "./+types/training.event";

/**
 * /opplaering/:eventId: one event for staff — what, when and where, the core component and its
 * material, registering (for one of one's units) and unregistering before the start (with a
 * confirmation step), and after attending the anonymous evaluation, once.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "competence.use");
  const page = await loadOr404(() =>
    getMyTrainingEvent({
      database: context.services.database,
      actor,
      eventId: params.eventId,
    }),
  );
  return { ...page, canView: can(actor, "implementation.view") };
}

const T = "implementation.training";

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "competence.use");
  const form = await request.formData();
  const intent = form.get("intent");
  const values = formToObject(form);
  const common = {
    database: context.services.database,
    actor,
    meta: context.meta,
    eventId: params.eventId,
  };
  const path = `/opplaering/${params.eventId}`;
  return runAction(values, async () => {
    if (intent === "unregister") {
      await unregisterFromTraining(common);
      return redirect(withNotice(path, `${T}.staff.unregistered`));
    }
    if (intent === "evaluate") {
      const { section: _section, ...answers } = values;
      await evaluateTraining({ ...common, values: answers });
      return redirect(withNotice(path, `${T}.evaluation.thanks`));
    }
    await registerForTraining({ ...common, values: { unitId: values.unitId } });
    return redirect(withNotice(path, `${T}.staff.registered`));
  });
}

const pageNotices = [`${T}.staff.registered`, `${T}.staff.unregistered`, `${T}.evaluation.thanks`];

function failureFor(failure: ActionFailure | undefined, section: string) {
  return failure?.values.section === section ? failure : undefined;
}

export default function TrainingEventPage() {
  const t = useT();
  const page = useLoaderData<typeof loader>();
  const { event, me, unitOptions } = page;
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const evaluationFailure = failureFor(failure, "evaluation");
  const registerFailure = failure && !evaluationFailure ? failure : undefined;
  const [params] = useSearchParams();
  const notice = params.get("melding");
  const path = `/opplaering/${event.id}`;
  const confirmingUnregister = params.get("bekreft") === "avmeld" && me.state === "registered";

  return (
    <div className="page">
      <title>{`${event.title} – ${t(`${T}.title`)} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {event.title}
      </Heading>
      <Paragraph>
        <StateTag state={me.state} />
      </Paragraph>
      {notice && pageNotices.includes(notice) ? <Notice>{t(notice)}</Notice> : null}
      <div className="actions">
        <DsLink asChild>
          <Link to="/opplaering">{t(`${T}.staff.backToList`)}</Link>
        </DsLink>
        {page.canView ? (
          <DsLink asChild>
            <Link to={`/implementering/opplaering/${event.id}`}>{t(`${T}.staff.adminView`)}</Link>
          </DsLink>
        ) : null}
      </div>

      <section aria-labelledby="about-heading">
        <Heading level={2} data-size="md" id="about-heading">
          {t(`${T}.staff.about`)}
        </Heading>
        <EventFacts event={event} />
        {event.description ? <PlainText text={event.description} /> : null}
      </section>

      <section aria-labelledby="registration-heading">
        <Heading level={2} data-size="md" id="registration-heading">
          {t(`${T}.staff.registrationHeading`)}
        </Heading>
        <FormErrors failure={registerFailure} />
        {me.registered ? (
          <Paragraph>
            {page.registeredUnitName
              ? t(`${T}.staff.youAreRegisteredFor`, { unit: page.registeredUnitName })
              : t(`${T}.staff.youAreRegistered`)}
          </Paragraph>
        ) : null}
        {me.state === "registered" ? (
          confirmingUnregister ? (
            <Alert data-color="warning">
              <Paragraph>{t(`${T}.staff.unregisterQuestion`, { title: event.title })}</Paragraph>
              <Form method="post" className="form__actions">
                <CsrfField />
                <Button type="submit" name="intent" value="unregister" data-color="danger">
                  {t(`${T}.staff.unregisterConfirm`)}
                </Button>
                <Button asChild variant="tertiary">
                  <Link to={path}>{t(`${T}.staff.unregisterKeep`)}</Link>
                </Button>
              </Form>
            </Alert>
          ) : (
            <div className="actions">
              <Button asChild variant="secondary">
                <Link to="?bekreft=avmeld">{t(`${T}.staff.unregister`)}</Link>
              </Button>
            </div>
          )
        ) : me.state === "open" && page.invited ? (
          <Form method="post" className="form" noValidate>
            <CsrfField />
            {unitOptions.length > 1 ? (
              <RadioGroup
                name="unitId"
                legend={t(`${T}.staff.unitLegend`)}
                description={t(`${T}.staff.unitHelp`)}
                required
                options={unitOptions.map((unit) => ({ value: unit.id, label: unit.name }))}
                checked={valueOf(registerFailure, "unitId")}
                error={registerFailure?.fieldErrors.unitId}
              />
            ) : unitOptions.length === 1 ? (
              <Paragraph>{t(`${T}.staff.registerFor`, { unit: unitOptions[0]!.name })}</Paragraph>
            ) : null}
            <div className="form__actions">
              <Button type="submit" name="intent" value="register">
                {t(`${T}.staff.register`)}
              </Button>
            </div>
          </Form>
        ) : me.state === "open" ? (
          <Paragraph>{t(`${T}.staff.notInvited`)}</Paragraph>
        ) : me.registered ? null : (
          <Paragraph>{t(`${T}.staff.closed.${me.state}`)}</Paragraph>
        )}
      </section>

      {me.registered && (me.state === "over" || me.state === "started") ? (
        <section aria-labelledby="evaluation-heading">
          <Heading level={2} data-size="md" id="evaluation-heading">
            {t(`${T}.evaluation.heading`)}
          </Heading>
          {page.evaluated ? (
            <Paragraph>{t(`${T}.evaluation.done`)}</Paragraph>
          ) : me.mayEvaluate ? (
            <>
              <Paragraph>{t(`${T}.evaluation.intro`)}</Paragraph>
              <FormErrors failure={evaluationFailure} />
              <Form method="post" className="form" noValidate>
                <CsrfField />
                <input type="hidden" name="section" value="evaluation" />
                <RadioGroup
                  name="overall"
                  legend={t(`${T}.evaluation.overall`)}
                  required
                  options={evaluationScores.map((score) => ({
                    value: score,
                    label: t(`${T}.evaluation.overallScale.${score}`),
                  }))}
                  checked={valueOf(evaluationFailure, "overall")}
                  error={evaluationFailure?.fieldErrors.overall}
                />
                <RadioGroup
                  name="usefulness"
                  legend={t(`${T}.evaluation.usefulness`)}
                  required
                  options={evaluationScores.map((score) => ({
                    value: score,
                    label: t(`${T}.evaluation.usefulnessScale.${score}`),
                  }))}
                  checked={valueOf(evaluationFailure, "usefulness")}
                  error={evaluationFailure?.fieldErrors.usefulness}
                />
                <LongTextField
                  name="bestPart"
                  label={t(`${T}.evaluation.bestPart`)}
                  help={t(`${T}.evaluation.textHelp`)}
                  maxLength={EVALUATION_TEXT_MAX}
                  defaultValue={valueOf(evaluationFailure, "bestPart")}
                  error={evaluationFailure?.fieldErrors.bestPart}
                />
                <LongTextField
                  name="improve"
                  label={t(`${T}.evaluation.improve`)}
                  maxLength={EVALUATION_TEXT_MAX}
                  defaultValue={valueOf(evaluationFailure, "improve")}
                  error={evaluationFailure?.fieldErrors.improve}
                />
                <div className="form__actions">
                  <Button type="submit" name="intent" value="evaluate">
                    {t(`${T}.evaluation.submit`)}
                  </Button>
                </div>
              </Form>
            </>
          ) : me.attended === false ? (
            <Paragraph>{t(`${T}.evaluation.notAttended`)}</Paragraph>
          ) : (
            <Paragraph>{t(`${T}.evaluation.waiting`)}</Paragraph>
          )}
        </section>
      ) : null}
    </div>
  );
}
