import { Button, Heading, Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { Fragment, useEffect, useRef } from "react";
import { data, Form, redirect, useActionData, useLoaderData } from "react-router";
import { isAppError } from "../../core/errors.ts";
import { worryDecisions } from "../../core/guide/kinds.ts";
import { createWorryNote } from "../../core/guide/worry.ts";
import {
  identifyingWarnings,
  isIsoDate,
  osloDate,
  WORRY_PSEUDONYM_MAX,
  WORRY_TEXT_MAX,
  worryDeadline,
  worryQuestionIds,
  worryTextQuestionIds,
  type WorryQuestionId,
} from "../../core/guide/worry-rules.ts";
import { CsrfField, RadioGroup, TextField } from "../components/forms.tsx";
import { OpenLogFromWorryLink } from "../components/relay-log-attention.tsx";
import { formatDate, IdentifyingWarning, TextAreaField } from "../components/worry-fields.tsx";
import { useT } from "../lib/i18n.tsx";
import { requirePermission } from "../lib/route-helpers.ts";
import type { Route } from "./+types/worry";

/**
 * "Jeg er bekymret for et barn": the level-0 questions one at a time. Works without JavaScript:
 * each step posts every answer so far (hidden fields) and the server renders the next step, so
 * nothing about the child is kept on the server until the employee chooses to save a note, and
 * nothing ends up in a URL. Step 7 is the decision and the save form.
 */
type TextQuestion = (typeof worryTextQuestionIds)[number];

interface FlowState {
  /** 1–6: the questions; 7: the decision. */
  step: number;
  answers: Partial<Record<TextQuestion, string>>;
  /** The day of the first step: the 14-day deadline counts from it. */
  startedOn: string;
  /** Answers the employee confirmed are free of identifying data despite the warning. */
  cleared: TextQuestion[];
  warnings: Record<string, string>;
  fieldErrors: Record<string, string>;
  /** What was typed in the save form, after a refused save. */
  typed: { pseudonym?: string; note?: string; decision?: string };
}

const QUESTION_COUNT = worryQuestionIds.length;
const DECISION_STEP = QUESTION_COUNT + 1;

function initialState(): FlowState {
  return {
    step: 1,
    answers: {},
    startedOn: osloDate(),
    cleared: [],
    warnings: {},
    fieldErrors: {},
    typed: {},
  };
}

export function loader({ context, request }: Route.LoaderArgs) {
  requirePermission(context, request, "guide.read");
  return { state: initialState() };
}

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value.trim() : "";
}

function stateFrom(form: FormData): FlowState {
  const answers: FlowState["answers"] = {};
  for (const id of worryTextQuestionIds) {
    const value = text(form, id).slice(0, WORRY_TEXT_MAX);
    if (value) answers[id] = value;
  }
  const step = Number.parseInt(text(form, "step"), 10);
  const startedOn = text(form, "startedOn");
  const today = osloDate();
  return {
    step: Number.isInteger(step) ? Math.min(Math.max(step, 1), DECISION_STEP) : 1,
    answers,
    // A missing or tampered start day falls back to today: the deadline is never later than due.
    startedOn: isIsoDate(startedOn) && startedOn <= today ? startedOn : today,
    cleared: form
      .getAll("cleared")
      .filter((value): value is TextQuestion =>
        (worryTextQuestionIds as readonly string[]).includes(String(value)),
      ),
    warnings: {},
    fieldErrors: {},
    typed: {},
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "guide.read");
  const form = await request.formData();
  const intent = form.get("intent");
  const state = stateFrom(form);
  const confirmed = form.get("confirmedClean") === "on";

  if (intent === "back") {
    return { state: { ...state, step: Math.max(1, state.step - 1) } };
  }

  if (intent === "save") {
    const typed = {
      pseudonym: text(form, "pseudonym"),
      note: text(form, "note"),
      decision: text(form, "decision"),
    };
    const flagged = Object.keys(
      identifyingWarnings({ ...state.answers, pseudonym: typed.pseudonym, note: typed.note }),
    );
    // Answers already confirmed at their own step need no second tick; new findings do.
    const allCleared = flagged.every((field) => (state.cleared as string[]).includes(field));
    try {
      const note = await createWorryNote({
        database: context.services.database,
        actor,
        meta: context.meta,
        values: {
          ...state.answers,
          pseudonym: typed.pseudonym,
          note: typed.note,
          startedOn: state.startedOn,
          decision: typed.decision === "undecided" ? "" : typed.decision,
          serious: "no",
          confirmedClean: confirmed || allCleared ? "on" : "",
        },
      });
      return redirect(`/mine-bekymringer/${note.id}?melding=worry.saved`);
    } catch (error) {
      if (!isAppError(error) || error.code !== "validation") throw error;
      const fieldErrors = error.fieldErrors ?? {};
      const warnings = Object.fromEntries(
        Object.entries(fieldErrors).filter(([, key]) => key.startsWith("worry.warning.")),
      );
      return data(
        {
          state: {
            ...state,
            step: DECISION_STEP,
            warnings,
            fieldErrors: Object.fromEntries(
              Object.entries(fieldErrors).filter(([field]) => !(field in warnings)),
            ),
            typed,
          },
        },
        { status: 400 },
      );
    }
  }

  // "next": check the answer of this step, then move on.
  const questionId = worryQuestionIds[state.step - 1];
  if (questionId === "serious") {
    const serious = form.get("serious");
    if (serious === "yes") return redirect("/bekymring/meld-na");
    if (serious === "no") return { state: { ...state, step: DECISION_STEP } };
    return data(
      { state: { ...state, fieldErrors: { serious: "worry.seriousRequired" } } },
      { status: 400 },
    );
  }
  if (questionId === undefined) return { state };
  const answer = state.answers[questionId] ?? "";
  const warnings = identifyingWarnings({ [questionId]: answer });
  if (Object.keys(warnings).length > 0 && !confirmed) {
    return data({ state: { ...state, warnings } }, { status: 400 });
  }
  const cleared = state.cleared.filter((id) => id !== questionId);
  if (Object.keys(warnings).length > 0) cleared.push(questionId);
  return { state: { ...state, cleared, step: state.step + 1 } };
}

export default function WorryFlow() {
  const t = useT();
  const loaded = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  const state: FlowState = posted?.state ?? loaded.state;
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);

  // After a step posted with JavaScript, move focus to the new step's heading (a full page load
  // without JavaScript starts at the top anyway), so screen readers hear the next question.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    stepHeading.current?.focus();
  }, [state.step, posted]);

  const questionLabel = (field: string) =>
    (worryTextQuestionIds as readonly string[]).includes(field)
      ? t(`worry.question.${field}`)
      : t(`worry.${field}`);

  const hidden = (exclude: string | null) => (
    <>
      <CsrfField />
      <input type="hidden" name="step" value={state.step} />
      <input type="hidden" name="startedOn" value={state.startedOn} />
      {worryTextQuestionIds
        .filter((id) => id !== exclude && state.answers[id])
        .map((id) => (
          <input key={id} type="hidden" name={id} value={state.answers[id]} />
        ))}
      {state.cleared
        .filter((id) => id !== exclude)
        .map((id) => (
          <input key={`cleared-${id}`} type="hidden" name="cleared" value={id} />
        ))}
    </>
  );

  const title = t("worry.title");
  if (state.step === DECISION_STEP) {
    return (
      <div className="page">
        <title>{`${t("worry.decisionTitle")} – ${title} – ${t("app.name")}`}</title>
        <Heading level={1} data-size="lg">
          {title}
        </Heading>
        <Heading level={2} data-size="md" ref={stepHeading} tabIndex={-1}>
          {t("worry.decisionTitle")}
        </Heading>
        <Paragraph>
          {t("worry.deadlineLine", { date: formatDate(worryDeadline(state.startedOn)) })}
        </Paragraph>

        <Heading level={3} data-size="sm">
          {t("worry.summaryHeading")}
        </Heading>
        <dl className="details-list">
          {worryTextQuestionIds.map((id) => (
            <Fragment key={id}>
              <dt>{t(`worry.question.${id}`)}</dt>
              <dd>{state.answers[id] ?? t("worry.noAnswer")}</dd>
            </Fragment>
          ))}
        </dl>

        <Heading level={3} data-size="sm">
          {t("worry.decisionsHeading")}
        </Heading>
        <Paragraph>{t("worry.decisionsIntro")}</Paragraph>
        <dl className="worry-decisions">
          {worryDecisions.map((decision) => (
            <div key={decision}>
              <dt>{t(`worry.decision.${decision}`)}</dt>
              <dd>
                {t(`worry.decisionExplain.${decision}`)}
                {decision === "report" ? (
                  <>
                    {" "}
                    <DsLink href="/bekymring/meld-na">{t("worry.reportNowLink")}</DsLink>
                  </>
                ) : null}
                {decision === "level2" ? <OpenLogFromWorryLink /> : null}
              </dd>
            </div>
          ))}
        </dl>

        <Form method="post" className="form" noValidate>
          {hidden(null)}
          <input type="hidden" name="serious" value="no" />
          <Heading level={3} data-size="sm">
            {t("worry.saveHeading")}
          </Heading>
          <Paragraph>{t("worry.saveIntro")}</Paragraph>
          <IdentifyingWarning warnings={state.warnings} fieldLabel={questionLabel} />
          <TextField
            name="pseudonym"
            label={t("worry.pseudonym")}
            help={t("worry.pseudonymHelp")}
            required
            maxLength={WORRY_PSEUDONYM_MAX}
            autoComplete="off"
            defaultValue={state.typed.pseudonym}
            error={state.fieldErrors.pseudonym}
          />
          <TextAreaField
            name="note"
            label={t("worry.note")}
            defaultValue={state.typed.note}
            error={state.fieldErrors.note}
          />
          <RadioGroup
            name="decision"
            legend={t("worry.decisionLegend")}
            options={[...worryDecisions, "undecided"].map((value) => ({
              value,
              label: t(`worry.decision.${value}`),
            }))}
            checked={state.typed.decision || "undecided"}
            error={state.fieldErrors.decision}
          />
          <div className="form__actions">
            <Button type="submit" name="intent" value="save">
              {t("worry.save")}
            </Button>
            <Button type="submit" name="intent" value="back" variant="secondary">
              {t("worry.back")}
            </Button>
            <DsLink href="/">{t("worry.leaveWithoutSaving")}</DsLink>
          </div>
        </Form>
      </div>
    );
  }

  const questionId: WorryQuestionId = worryQuestionIds[state.step - 1] ?? "seen";
  return (
    <div className="page">
      <title>{`${t("worry.progress", { current: state.step, total: QUESTION_COUNT })} – ${title} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {title}
      </Heading>
      {state.step === 1 ? <Paragraph>{t("worry.intro")}</Paragraph> : null}
      <Form method="post" className="form" noValidate>
        {hidden(questionId)}
        <Heading level={2} data-size="sm" ref={stepHeading} tabIndex={-1}>
          {t("worry.progress", { current: state.step, total: QUESTION_COUNT })}
        </Heading>
        <IdentifyingWarning warnings={state.warnings} fieldLabel={questionLabel} />
        {questionId === "serious" ? (
          <RadioGroup
            key={questionId}
            name="serious"
            legend={t("worry.question.serious")}
            description={t("worry.seriousHint")}
            options={[
              { value: "yes", label: t("common.yes") },
              { value: "no", label: t("common.no") },
            ]}
            checked={undefined}
            error={state.fieldErrors.serious}
          />
        ) : (
          <TextAreaField
            key={questionId}
            name={questionId}
            label={t(`worry.question.${questionId}`)}
            help={t("worry.textHint")}
            defaultValue={state.answers[questionId]}
          />
        )}
        <div className="form__actions">
          {/* "Next" comes first, so Enter in a field goes forward. */}
          <Button type="submit" name="intent" value="next">
            {t("worry.next")}
          </Button>
          {state.step > 1 ? (
            <Button type="submit" name="intent" value="back" variant="secondary">
              {t("worry.back")}
            </Button>
          ) : null}
        </div>
      </Form>
      <Paragraph>
        <DsLink href="/veileder">{t("worry.readLevel0")}</DsLink>
      </Paragraph>
    </div>
  );
}
