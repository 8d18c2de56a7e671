import {
  Alert,
  Button,
  ErrorSummary,
  Field,
  Fieldset,
  Heading,
  Input,
  Label,
  Paragraph,
  Tag,
  Textarea,
  ValidationMessage,
} from "@digdir/designsystemet-react";
import { Form, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { AppError } from "../../core/errors.ts";
import {
  addAgendaItem,
  addFamilyNote,
  getFamilyLog,
  saveFamilyScore,
  saveGoalVoice,
  type FamilyEvaluation,
  type FamilyGoal,
  type FamilyMeasure,
  type FamilyMeeting,
  type FamilyScore,
} from "../../core/relay-log/family-log.ts";
import {
  FAMILY_AGENDA_ITEM_MAX,
  FAMILY_NOTE_MAX,
  FAMILY_SCORE_COMMENT_MAX,
  FAMILY_VOICE_MAX,
  familyEntryKinds,
} from "../../core/relay-log/family-log-rules.ts";
import { formatScore, goalScores } from "../../core/relay-log/plan-rules.ts";
import { GuardianAccessQuestionNotice } from "../components/family-consent-notice.tsx";
import { FamilyLayout, familyPath } from "../components/family-layout.tsx";
import { CsrfField, Notice } from "../components/forms.tsx";
import { formatDate } from "../components/worry-fields.tsx";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  isFailure,
  loadOr404,
  requireCitizen,
  runAction,
  withNotice,
  type ActionFailure,
} from "../lib/route-helpers.ts";
import type { Route } from "./+types/family.log";

/**
 * /familie/:logId: the whole log in plain language for a guardian with parental responsibility
 * or the young person, and the family's own forms: a note or lysglimt, their view on each goal
 * ("Min stemme" / "Vårt syn"), an item for a planned meeting, and their own score at an
 * evaluation. One page, one form per contribution (the `intent` field says which); every form
 * works without JavaScript, keeps what was typed on errors and confirms with a notice.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requireCitizen(context, request);
  return loadOr404(() =>
    getFamilyLog({
      database: context.services.database,
      actor,
      meta: context.meta,
      logId: params.logId,
    }),
  );
}

const notices = {
  note: "family.log.notices.noteSaved",
  voice: "family.log.notices.voiceSaved",
  agenda: "family.log.notices.agendaSaved",
  score: "family.log.notices.scoreSaved",
} as const;

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requireCitizen(context, request);
  const form = await request.formData();
  const values = formToObject(form);
  const intent = String(form.get("intent") ?? "");
  const input = {
    database: context.services.database,
    actor,
    meta: context.meta,
    logId: params.logId,
    values,
  };
  const path = familyPath(params.logId);
  return runAction(values, async () => {
    switch (intent) {
      case "note": {
        const entry = await addFamilyNote(input);
        return redirect(`${withNotice(path, notices.note)}#entry-${entry.id}`);
      }
      case "voice":
        await saveGoalVoice(input);
        return redirect(`${withNotice(path, notices.voice)}#goal-${String(values.goalId)}`);
      case "agenda":
        await addAgendaItem(input);
        return redirect(`${withNotice(path, notices.agenda)}#meeting-${String(values.meetingId)}`);
      case "score":
        await saveFamilyScore(input);
        return redirect(
          `${withNotice(path, notices.score)}#evaluation-${String(values.evaluationId)}`,
        );
      default:
        throw new AppError("validation", "errors.validation");
    }
  });
}

type T = ReturnType<typeof useT>;

/** The failure of the form with this key (each form posts a hidden `formKey`), if it failed. */
function failureFor(failure: ActionFailure | undefined, formKey: string) {
  return failure && failure.values.formKey === formKey ? failure : undefined;
}

function typed(failure: ActionFailure | undefined, name: string, stored?: string | null) {
  const value = failure?.values[name];
  if (value !== undefined) return Array.isArray(value) ? value[0] : value;
  return stored ?? undefined;
}

/** Errors of one form, linking to that form's own fields (ids are `${formKey}-${field}`). */
function FormProblems(props: { failure: ActionFailure | undefined; formKey: string }) {
  const t = useT();
  if (!props.failure) return null;
  const entries = Object.entries(props.failure.fieldErrors);
  if (entries.length === 0) {
    return (
      <Alert data-color="danger" role="alert">
        {t(props.failure.messageKey)}
      </Alert>
    );
  }
  return (
    <ErrorSummary>
      <ErrorSummary.Heading>{t("family.log.errors.summary")}</ErrorSummary.Heading>
      <ErrorSummary.List>
        {entries.map(([field, key]) => (
          <ErrorSummary.Item key={field}>
            <ErrorSummary.Link href={`#${props.formKey}-${field}`}>{t(key)}</ErrorSummary.Link>
          </ErrorSummary.Item>
        ))}
      </ErrorSummary.List>
    </ErrorSummary>
  );
}

/** A labelled text area whose id is unique on the page (several forms share field names). */
function TextArea(props: {
  formKey: string;
  name: string;
  label: string;
  help?: string;
  maxLength: number;
  rows?: number;
  required?: boolean;
  defaultValue?: string | undefined;
  error?: string | undefined;
}) {
  const t = useT();
  const id = `${props.formKey}-${props.name}`;
  const describedBy = [props.help ? `${id}-hjelp` : null, props.error ? `${id}-feil` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <Field>
      <Label htmlFor={id}>
        {props.label}
        {props.required ? <span className="required-marker"> ({t("common.required")})</span> : null}
      </Label>
      {props.help ? (
        <Paragraph data-size="sm" id={`${id}-hjelp`}>
          {props.help}
        </Paragraph>
      ) : null}
      <Textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 3}
        maxLength={props.maxLength}
        required={props.required}
        defaultValue={props.defaultValue}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
      {props.error ? (
        <ValidationMessage id={`${id}-feil`}>{t(props.error)}</ValidationMessage>
      ) : null}
    </Field>
  );
}

function Radios(props: {
  formKey: string;
  name: string;
  legend: string;
  description?: string;
  options: { value: string; label: string; help?: string }[];
  checked: string | undefined;
  error?: string | undefined;
}) {
  const t = useT();
  const id = `${props.formKey}-${props.name}`;
  const describedBy = [props.description ? `${id}-hjelp` : null, props.error ? `${id}-feil` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <Fieldset id={id} aria-describedby={describedBy || undefined} className="family-choices">
      <Fieldset.Legend>
        {props.legend}
        <span className="required-marker"> ({t("common.required")})</span>
      </Fieldset.Legend>
      {props.description ? (
        <Fieldset.Description id={`${id}-hjelp`}>{props.description}</Fieldset.Description>
      ) : null}
      {props.options.map((option) => {
        const optionId = `${id}-${option.value}`;
        return (
          <Field key={option.value} className="family-choice">
            <Input
              type="radio"
              id={optionId}
              name={props.name}
              value={option.value}
              defaultChecked={props.checked === option.value}
              aria-invalid={props.error ? true : undefined}
            />
            <Label htmlFor={optionId} weight="regular">
              {option.label}
              {option.help ? <span className="family-choice__help"> – {option.help}</span> : null}
            </Label>
          </Field>
        );
      })}
      {props.error ? (
        <ValidationMessage id={`${id}-feil`}>{t(props.error)}</ValidationMessage>
      ) : null}
    </Fieldset>
  );
}

/** The hidden fields every family form posts. */
function Hidden(props: { intent: string; formKey: string; fields?: Record<string, string> }) {
  return (
    <>
      <CsrfField />
      <input type="hidden" name="intent" value={props.intent} />
      <input type="hidden" name="formKey" value={props.formKey} />
      {Object.entries(props.fields ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
    </>
  );
}

export default function FamilyLogPage() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const [params] = useSearchParams();
  const notice = params.get("melding");
  const { header } = data;
  const path = familyPath(header.id);
  const knownNotice =
    notice && (Object.values(notices) as string[]).includes(notice) ? notice : null;
  const parts = [
    { id: "people", label: t("family.log.people.heading") },
    { id: "plan", label: t("family.log.plan.heading") },
    { id: "evaluations", label: t("family.log.evaluations.heading") },
    { id: "meetings", label: t("family.log.meetings.heading") },
    { id: "entries", label: t("family.log.entries.heading") },
  ];
  return (
    <FamilyLayout header={header} current="log" pageTitle={t("family.log.pageTitle")}>
      {knownNotice ? <Notice>{t(knownNotice)}</Notice> : null}
      {data.guardianAccessQuestion ? (
        <GuardianAccessQuestionNotice
          logId={header.id}
          consentAge={data.guardianAccessQuestion.consentAge}
        />
      ) : null}
      <Paragraph>{header.canWrite ? t("family.log.intro") : t("family.log.introClosed")}</Paragraph>
      <nav aria-label={t("family.log.contents")} className="family-log-contents">
        <ul>
          {parts.map((part) => (
            <li key={part.id}>
              <a href={`#${part.id}`}>{part.label}</a>
            </li>
          ))}
        </ul>
      </nav>

      <section aria-labelledby="people" className="family-log-part">
        <Heading level={2} data-size="md" id="people">
          {t("family.log.people.heading")}
        </Heading>
        <Paragraph>{t("family.log.people.intro")}</Paragraph>
        {data.participants.length === 0 ? (
          <Paragraph>{t("family.log.people.none")}</Paragraph>
        ) : (
          <ul className="family-log-list">
            {data.participants.map((person, index) => (
              <li key={`${person.name}-${index}`}>
                {t("family.log.people.personUnit", { name: person.name, unit: person.unitName })}
                {person.isHolder ? (
                  <>
                    {" "}
                    <Tag data-color="info" data-size="sm">
                      {t("family.log.people.holder")}
                    </Tag>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        <Heading level={3} data-size="xs">
          {t("family.log.people.guardiansHeading")}
        </Heading>
        {data.guardians.length === 0 ? (
          <Paragraph>{t("family.log.people.none")}</Paragraph>
        ) : (
          <ul className="family-log-list">
            {data.guardians.map((guardian, index) => (
              <li key={`${guardian.name}-${index}`}>{guardian.name}</li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="plan" className="family-log-part">
        <Heading level={2} data-size="md" id="plan">
          {t("family.log.plan.heading")}
        </Heading>
        <Paragraph>{t("family.log.plan.intro")}</Paragraph>
        {data.areas.length === 0 ? <Paragraph>{t("family.log.plan.empty")}</Paragraph> : null}
        {data.areas.map((area) => (
          <div key={area.id} className="family-log-area">
            <Heading level={3} data-size="sm">
              {t("family.log.plan.areaLabel", { title: area.title })}
            </Heading>
            {area.description ? <Paragraph>{area.description}</Paragraph> : null}
            {area.goals.length === 0 ? <Paragraph>{t("family.log.plan.noGoals")}</Paragraph> : null}
            {area.goals.map((goal) => (
              <Goal
                key={goal.id}
                goal={goal}
                as={header.as}
                canWrite={header.canWrite}
                failure={failure}
                action={path}
              />
            ))}
          </div>
        ))}
      </section>

      <section aria-labelledby="evaluations" className="family-log-part">
        <Heading level={2} data-size="md" id="evaluations">
          {t("family.log.evaluations.heading")}
        </Heading>
        <Paragraph>{t("family.log.evaluations.intro")}</Paragraph>
        {data.plannedEvaluations.length + data.heldEvaluations.length === 0 ? (
          <Paragraph>{t("family.log.evaluations.none")}</Paragraph>
        ) : null}
        {[...data.plannedEvaluations, ...data.heldEvaluations].map((evaluation) => (
          <Evaluation key={evaluation.id} evaluation={evaluation} failure={failure} action={path} />
        ))}
      </section>

      <section aria-labelledby="meetings" className="family-log-part">
        <Heading level={2} data-size="md" id="meetings">
          {t("family.log.meetings.heading")}
        </Heading>
        <Paragraph>{t("family.log.meetings.intro")}</Paragraph>
        {data.upcomingMeetings.length + data.earlierMeetings.length === 0 ? (
          <Paragraph>{t("family.log.meetings.none")}</Paragraph>
        ) : null}
        {data.upcomingMeetings.length > 0 ? (
          <>
            <Heading level={3} data-size="sm">
              {t("family.log.meetings.upcomingHeading")}
            </Heading>
            {data.upcomingMeetings.map((meeting) => (
              <Meeting key={meeting.id} meeting={meeting} failure={failure} action={path} />
            ))}
          </>
        ) : null}
        {data.earlierMeetings.length > 0 ? (
          <>
            <Heading level={3} data-size="sm">
              {t("family.log.meetings.earlierHeading")}
            </Heading>
            {data.earlierMeetings.map((meeting) => (
              <Meeting key={meeting.id} meeting={meeting} failure={failure} action={path} />
            ))}
          </>
        ) : null}
      </section>

      <section aria-labelledby="entries" className="family-log-part">
        <Heading level={2} data-size="md" id="entries">
          {t("family.log.entries.heading")}
        </Heading>
        <Paragraph>{t("family.log.entries.intro")}</Paragraph>
        {header.canWrite ? <NoteForm failure={failure} action={path} /> : null}
        {data.entries.length === 0 ? (
          <Paragraph>{t("family.log.entries.none")}</Paragraph>
        ) : (
          <ol className="family-log-entries">
            {data.entries.map((entry) => (
              <li key={entry.id} id={`entry-${entry.id}`} className="family-log-card">
                <Paragraph className="family-log-entry__meta">
                  <Tag data-color={entry.kind === "highlight" ? "success" : "neutral"}>
                    {t(`family.log.entries.kind.${entry.kind}`)}
                  </Tag>{" "}
                  {t("family.log.entries.byOn", {
                    name: entry.authorName,
                    date: formatDate(entry.occurredOn),
                  })}{" "}
                  ({entry.byFamily ? t("family.log.entries.family") : t("family.log.entries.staff")}
                  ){entry.corrected ? ` · ${t("family.log.entries.corrected")}` : ""}
                </Paragraph>
                <p className="family-log-text">{entry.text}</p>
              </li>
            ))}
          </ol>
        )}
      </section>
    </FamilyLayout>
  );
}

function measureLines(t: T, measure: FamilyMeasure) {
  return (
    <li key={measure.id} className="family-log-card">
      <p className="family-log-text">
        <strong>{measure.what}</strong>
      </p>
      <Paragraph data-size="sm">
        {measure.responsibleKind === "family" && !measure.responsibleName
          ? t("family.log.plan.responsibleFamily")
          : t("family.log.plan.responsible", { name: measure.responsibleName })}
      </Paragraph>
      <Paragraph data-size="sm">
        {t("family.log.plan.period", {
          start: formatDate(measure.startsOn),
          due: formatDate(measure.dueOn),
        })}{" "}
        · {t(`family.log.plan.status.${measure.status}`)}
      </Paragraph>
      {measure.supports ? (
        <Paragraph data-size="sm">
          {t("family.log.plan.supports", { what: measure.supports.what })}
        </Paragraph>
      ) : null}
      {measure.supportedBy.length > 0 ? (
        <Paragraph data-size="sm">
          {t("family.log.plan.supportedBy", {
            list: measure.supportedBy.map((item) => item.what).join(", "),
          })}
        </Paragraph>
      ) : null}
    </li>
  );
}

function Goal(props: {
  goal: FamilyGoal;
  as: "guardian" | "youth";
  canWrite: boolean;
  failure: ActionFailure | undefined;
  action: string;
}) {
  const t = useT();
  const { goal } = props;
  const formKey = `voice-${goal.id}`;
  const failure = failureFor(props.failure, formKey);
  const youth = props.as === "youth";
  return (
    <article id={`goal-${goal.id}`} className="family-log-goal" aria-labelledby={`${formKey}-h`}>
      <Heading level={4} data-size="xs" id={`${formKey}-h`}>
        {t("family.log.plan.goal", { text: goal.text })}
      </Heading>
      {goal.expectedOutcome ? (
        <Paragraph data-size="sm">
          {t("family.log.plan.expected", { text: goal.expectedOutcome })}
        </Paragraph>
      ) : null}
      <Heading level={5} data-size="2xs">
        {t("family.log.plan.home")}
      </Heading>
      {goal.homeMeasures.length === 0 ? (
        <Paragraph data-size="sm">{t("family.log.plan.noMeasures")}</Paragraph>
      ) : (
        <ul className="family-log-cards">{goal.homeMeasures.map((m) => measureLines(t, m))}</ul>
      )}
      <Heading level={5} data-size="2xs">
        {t("family.log.plan.service")}
      </Heading>
      {goal.serviceMeasures.length === 0 ? (
        <Paragraph data-size="sm">{t("family.log.plan.noMeasures")}</Paragraph>
      ) : (
        <ul className="family-log-cards">{goal.serviceMeasures.map((m) => measureLines(t, m))}</ul>
      )}
      <Heading level={5} data-size="2xs">
        {t("family.log.plan.voicesHeading")}
      </Heading>
      {goal.voices.length === 0 ? (
        <Paragraph data-size="sm">{t("family.log.plan.noVoices")}</Paragraph>
      ) : (
        <ul className="family-log-cards">
          {goal.voices.map((voice, index) => (
            <li key={`${voice.authorName}-${index}`} className="family-log-card">
              <Paragraph data-size="sm">
                {voice.voiceKind === "youth"
                  ? t("family.log.plan.voiceByYouth", { name: voice.authorName })
                  : t("family.log.plan.voiceBy", { name: voice.authorName })}
              </Paragraph>
              <p className="family-log-text">{voice.text}</p>
            </li>
          ))}
        </ul>
      )}
      {props.canWrite ? (
        <Form method="post" action={props.action} className="form family-log-form" noValidate>
          <Hidden intent="voice" formKey={formKey} fields={{ goalId: goal.id }} />
          <FormProblems failure={failure} formKey={formKey} />
          <TextArea
            formKey={formKey}
            name="text"
            label={youth ? t("family.log.voice.youthLabel") : t("family.log.voice.guardianLabel")}
            help={youth ? t("family.log.voice.youthHelp") : t("family.log.voice.guardianHelp")}
            maxLength={FAMILY_VOICE_MAX}
            required
            defaultValue={typed(failure, "text", goal.myVoice)}
            error={failure?.fieldErrors.text}
          />
          <div className="form__actions">
            <Button type="submit" variant="secondary">
              {t("family.log.voice.save")}
            </Button>
          </div>
        </Form>
      ) : null}
    </article>
  );
}

function scoreText(t: T, score: FamilyScore) {
  return t("family.log.evaluations.scoreLine", {
    score: formatScore(score.score),
    label: t(`family.log.evaluations.scale.${score.score}`),
  });
}

function ScoreItems(props: { scores: FamilyScore[] }) {
  const t = useT();
  if (props.scores.length === 0) {
    return <Paragraph data-size="sm">{t("family.log.evaluations.noScore")}</Paragraph>;
  }
  return (
    <ul className="family-log-list">
      {props.scores.map((score, index) => (
        <li key={`${score.scorerName}-${index}`}>
          <strong>
            {score.scorerKind === "youth"
              ? t("family.log.evaluations.youth", { name: score.scorerName })
              : t("family.log.evaluations.scoreBy", { name: score.scorerName })}
          </strong>
          : {scoreText(t, score)}
          {score.comment ? (
            <>
              <br />
              {t("family.log.evaluations.comment", { text: score.comment })}
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function Evaluation(props: {
  evaluation: FamilyEvaluation;
  failure: ActionFailure | undefined;
  action: string;
}) {
  const t = useT();
  const { evaluation } = props;
  const held = evaluation.heldOn !== null;
  const headingId = `evaluation-${evaluation.id}-h`;
  return (
    <article
      id={`evaluation-${evaluation.id}`}
      className="family-log-area"
      aria-labelledby={headingId}
    >
      <Heading level={3} data-size="sm" id={headingId}>
        {held
          ? t("family.log.evaluations.heldHeading", { date: formatDate(evaluation.heldOn!) })
          : t("family.log.evaluations.plannedHeading", {
              date: formatDate(evaluation.scheduledOn),
            })}
      </Heading>
      {!held ? <Paragraph>{t("family.log.evaluations.plannedText")}</Paragraph> : null}
      {evaluation.summary ? (
        <Paragraph>{t("family.log.evaluations.summary", { text: evaluation.summary })}</Paragraph>
      ) : null}
      {held || evaluation.canScore
        ? evaluation.goals.map((goal) => {
            const formKey = `score-${evaluation.id}-${goal.goalId}`;
            const failure = failureFor(props.failure, formKey);
            return (
              <div key={goal.goalId} className="family-log-goal">
                <Heading level={4} data-size="xs">
                  {t("family.log.plan.goal", { text: goal.goalText })}
                </Heading>
                <Heading level={5} data-size="2xs">
                  {t("family.log.evaluations.staffScores")}
                </Heading>
                <ScoreItems scores={goal.staff} />
                <Heading level={5} data-size="2xs">
                  {t("family.log.evaluations.familyScores")}
                </Heading>
                <ScoreItems scores={goal.family} />
                {evaluation.canScore ? (
                  <Form
                    method="post"
                    action={props.action}
                    className="form family-log-form"
                    noValidate
                  >
                    <Hidden
                      intent="score"
                      formKey={formKey}
                      fields={{ evaluationId: evaluation.id, goalId: goal.goalId }}
                    />
                    <FormProblems failure={failure} formKey={formKey} />
                    <Radios
                      formKey={formKey}
                      name="score"
                      legend={t("family.log.evaluations.yourScoreLegend", { goal: goal.goalText })}
                      description={t("family.log.evaluations.yourScoreHelp")}
                      options={[...goalScores].reverse().map((score) => ({
                        value: String(score),
                        label: `${formatScore(score)}: ${t(`family.log.evaluations.scale.${score}`)}`,
                      }))}
                      checked={typed(
                        failure,
                        "score",
                        goal.mine ? String(goal.mine.score) : undefined,
                      )}
                      error={failure?.fieldErrors.score}
                    />
                    <TextArea
                      formKey={formKey}
                      name="comment"
                      label={t("family.log.evaluations.commentLabel")}
                      maxLength={FAMILY_SCORE_COMMENT_MAX}
                      rows={2}
                      defaultValue={typed(failure, "comment", goal.mine?.comment)}
                      error={failure?.fieldErrors.comment}
                    />
                    <div className="form__actions">
                      <Button type="submit" variant="secondary">
                        {t("family.log.evaluations.save")}
                      </Button>
                    </div>
                  </Form>
                ) : null}
              </div>
            );
          })
        : null}
    </article>
  );
}

function Meeting(props: {
  meeting: FamilyMeeting;
  failure: ActionFailure | undefined;
  action: string;
}) {
  const t = useT();
  const { meeting } = props;
  const formKey = `agenda-${meeting.id}`;
  const failure = failureFor(props.failure, formKey);
  const headingId = `meeting-${meeting.id}-h`;
  return (
    <article id={`meeting-${meeting.id}`} className="family-log-card" aria-labelledby={headingId}>
      <Heading level={4} data-size="xs" id={headingId}>
        {t("family.log.meetings.when", {
          date: formatDate(meeting.date),
          start: meeting.startTime,
          end: meeting.endTime,
        })}
      </Heading>
      <Paragraph data-size="sm">
        {t("family.log.meetings.place", { place: meeting.place })}
      </Paragraph>
      {meeting.agenda ? (
        <p className="family-log-text">
          {t("family.log.meetings.agenda", { text: meeting.agenda })}
        </p>
      ) : null}
      {meeting.status === "cancelled" ? (
        <Paragraph>{t("family.log.meetings.cancelled")}</Paragraph>
      ) : null}
      {meeting.agendaItems.length > 0 ? (
        <>
          <Heading level={5} data-size="2xs">
            {t("family.log.meetings.familyItems")}
          </Heading>
          <ul className="family-log-list">
            {meeting.agendaItems.map((item) => (
              <li key={item.id}>
                {t("family.log.meetings.itemBy", { name: item.authorName, text: item.text })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {meeting.minutesDecisions || meeting.minutesActions ? (
        <>
          {meeting.minutesDecisions ? (
            <>
              <Heading level={5} data-size="2xs">
                {t("family.log.meetings.decisions")}
              </Heading>
              <p className="family-log-text">{meeting.minutesDecisions}</p>
            </>
          ) : null}
          {meeting.minutesActions ? (
            <>
              <Heading level={5} data-size="2xs">
                {t("family.log.meetings.actions")}
              </Heading>
              <p className="family-log-text">{meeting.minutesActions}</p>
            </>
          ) : null}
          {meeting.nextEvaluationOn ? (
            <Paragraph data-size="sm">
              {t("family.log.meetings.nextEvaluation", {
                date: formatDate(meeting.nextEvaluationOn),
              })}
            </Paragraph>
          ) : null}
        </>
      ) : meeting.status !== "planned" || !meeting.canAddAgenda ? (
        meeting.status === "cancelled" ? null : (
          <Paragraph data-size="sm">{t("family.log.meetings.notHeldYet")}</Paragraph>
        )
      ) : null}
      {meeting.canAddAgenda ? (
        <Form method="post" action={props.action} className="form family-log-form" noValidate>
          <Hidden intent="agenda" formKey={formKey} fields={{ meetingId: meeting.id }} />
          <FormProblems failure={failure} formKey={formKey} />
          <TextArea
            formKey={formKey}
            name="text"
            label={t("family.log.meetings.addItemLabel")}
            help={t("family.log.meetings.addItemHelp")}
            maxLength={FAMILY_AGENDA_ITEM_MAX}
            rows={2}
            required
            defaultValue={typed(failure, "text")}
            error={failure?.fieldErrors.text}
          />
          <div className="form__actions">
            <Button type="submit" variant="secondary">
              {t("family.log.meetings.addItem")}
            </Button>
          </div>
        </Form>
      ) : null}
    </article>
  );
}

function NoteForm(props: { failure: ActionFailure | undefined; action: string }) {
  const t = useT();
  const formKey = "note";
  const failure = failureFor(props.failure, formKey);
  return (
    <div className="family-log-card">
      <Heading level={3} data-size="sm" id="new-note">
        {t("family.log.entries.newHeading")}
      </Heading>
      <Form method="post" action={props.action} className="form family-log-form" noValidate>
        <Hidden intent="note" formKey={formKey} />
        <FormProblems failure={failure} formKey={formKey} />
        <Radios
          formKey={formKey}
          name="kind"
          legend={t("family.log.entries.kindLegend")}
          options={familyEntryKinds.map((kind) => ({
            value: kind,
            label: t(`family.log.entries.kind.${kind}`),
            help: t(`family.log.entries.kindHelp.${kind}`),
          }))}
          checked={typed(failure, "kind", "note")}
          error={failure?.fieldErrors.kind}
        />
        <TextArea
          formKey={formKey}
          name="text"
          label={t("family.log.entries.textLabel")}
          help={t("family.log.entries.textHelp")}
          maxLength={FAMILY_NOTE_MAX}
          rows={4}
          required
          defaultValue={typed(failure, "text")}
          error={failure?.fieldErrors.text}
        />
        <div className="form__actions">
          <Button type="submit">{t("family.log.entries.save")}</Button>
        </div>
      </Form>
    </div>
  );
}
