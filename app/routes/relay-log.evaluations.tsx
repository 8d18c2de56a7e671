import {
  Alert,
  Button,
  Heading,
  Link as DsLink,
  Paragraph,
  Table,
  Tag,
} from "@digdir/designsystemet-react";
import { Fragment } from "react";
import { Form, Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import {
  getEvaluations,
  recordEvaluation,
  removeEvaluation,
  rescheduleEvaluation,
  scheduleEvaluation,
  type EvaluationView,
  type GoalEffect,
} from "../../core/relay-log/evaluations.ts";
import {
  commentField,
  EVALUATION_SUMMARY_MAX,
  formatScore,
  goalScores,
  SCORE_COMMENT_MAX,
  scoreField,
} from "../../core/relay-log/plan-rules.ts";
import { CsrfField, FormErrors, Notice, valueOf } from "../components/forms.tsx";
import { logPath, RelayLogLayout } from "../components/relay-log-layout.tsx";
import {
  DateField,
  scaleKey,
  ScoreFieldset,
  ScoreTrail,
  TextAreaField,
} from "../components/relay-log-plan-fields.tsx";
import { formatDate } from "../components/worry-fields.tsx";
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
import type { Route } from "./+types/relay-log.evaluations";

/**
 * Evaluering: schedule evaluations, record them as held with a score −2 … +2 and a comment per
 * goal, and see each goal's effect over time. Recording, changing the date and removing are
 * separate GET states (?registrer=, ?endre=, ?slett=) with one plain form each.
 */
type EvaluationState =
  | { mode: "view" }
  | { mode: "record"; id: string }
  | { mode: "reschedule"; id: string }
  | { mode: "remove"; id: string };

function stateFrom(params: URLSearchParams): EvaluationState {
  if (params.get("registrer")) return { mode: "record", id: params.get("registrer")! };
  if (params.get("endre")) return { mode: "reschedule", id: params.get("endre")! };
  if (params.get("slett")) return { mode: "remove", id: params.get("slett")! };
  return { mode: "view" };
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "relaylog.use");
  const page = await loadOr404(() =>
    getEvaluations({
      database: context.services.database,
      actor,
      meta: context.meta,
      logId: params.logId,
    }),
  );
  let state = page.header.canWrite
    ? stateFrom(new URL(request.url).searchParams)
    : ({ mode: "view" } as EvaluationState);
  if (state.mode !== "view") {
    const id = state.id;
    const evaluation = [...page.planned, ...page.held].find((item) => item.id === id);
    // Only planned evaluations can be moved or removed; a held one can be corrected.
    if (!evaluation || (state.mode !== "record" && evaluation.heldOn)) state = { mode: "view" };
    if (state.mode === "record" && page.goals.length === 0) state = { mode: "view" };
  }
  return { ...page, state };
}

const notices = [
  "relayLog.plan.evaluation.scheduled",
  "relayLog.plan.evaluation.recorded",
  "relayLog.plan.evaluation.rescheduled",
  "relayLog.plan.evaluation.removed",
];

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "relaylog.use");
  const form = await request.formData();
  const values = formToObject(form);
  const intent = String(form.get("intent") ?? "");
  const { evaluationId, ...fields } = values;
  const id = typeof evaluationId === "string" ? evaluationId : "";
  const common = {
    database: context.services.database,
    actor,
    meta: context.meta,
    logId: params.logId,
  };
  const path = logPath(params.logId, "evaluations");
  return runAction(values, async () => {
    switch (intent) {
      case "schedule":
        await scheduleEvaluation({ ...common, values: fields });
        return redirect(withNotice(path, "relayLog.plan.evaluation.scheduled"));
      case "record":
        await recordEvaluation({ ...common, evaluationId: id, values: fields });
        return redirect(withNotice(path, "relayLog.plan.evaluation.recorded") + `#eval-${id}`);
      case "reschedule":
        await rescheduleEvaluation({ ...common, evaluationId: id, values: fields });
        return redirect(withNotice(path, "relayLog.plan.evaluation.rescheduled"));
      case "remove":
        await removeEvaluation({ ...common, evaluationId: id, values: fields });
        return redirect(withNotice(path, "relayLog.plan.evaluation.removed"));
      default:
        return redirect(path);
    }
  });
}

type LoaderData = Awaited<ReturnType<typeof loader>>;

export default function RelayLogEvaluationsPage() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const [params] = useSearchParams();
  const notice = params.get("melding");
  const { header, state } = data;
  const evaluation =
    state.mode === "view"
      ? undefined
      : [...data.planned, ...data.held].find((item) => item.id === state.id);
  return (
    <RelayLogLayout header={header} current="evaluations">
      {notice && notices.includes(notice) ? <Notice>{t(notice)}</Notice> : null}
      {state.mode === "record" && evaluation ? (
        <RecordForm data={data} evaluation={evaluation} failure={failure} />
      ) : state.mode === "reschedule" && evaluation ? (
        <RescheduleForm data={data} evaluation={evaluation} failure={failure} />
      ) : state.mode === "remove" && evaluation ? (
        <RemoveStep data={data} evaluation={evaluation} failure={failure} />
      ) : (
        <Overview data={data} failure={failure} />
      )}
    </RelayLogLayout>
  );
}

function Overview({ data, failure }: { data: LoaderData; failure: ActionFailure | undefined }) {
  const t = useT();
  const { header } = data;
  const path = logPath(header.id, "evaluations");
  return (
    <>
      <section aria-labelledby="evaluation-heading" className="relay-plan-section">
        <Heading level={2} data-size="md" id="evaluation-heading">
          {t("relayLog.plan.evaluation.heading")}
        </Heading>
        <Paragraph>{t("relayLog.plan.evaluation.intro")}</Paragraph>
        <Heading level={3} data-size="xs">
          {t("relayLog.plan.evaluation.scaleHeading")}
        </Heading>
        <ul className="relay-eval-scale">
          {[...goalScores].reverse().map((score) => (
            <li key={score}>{t(scaleKey(score))}</li>
          ))}
        </ul>
        {data.goals.length === 0 ? (
          <Paragraph>
            {t("relayLog.plan.evaluation.noGoalsYet")}{" "}
            <DsLink asChild>
              <Link to={logPath(header.id, "plan")}>{t("relayLog.plan.evaluation.toPlan")}</Link>
            </DsLink>
          </Paragraph>
        ) : null}
      </section>

      <section aria-labelledby="planned-heading" className="relay-plan-section">
        <Heading level={3} data-size="sm" id="planned-heading">
          {t("relayLog.plan.evaluation.plannedHeading")}
        </Heading>
        {data.planned.length === 0 ? (
          <Paragraph>{t("relayLog.plan.evaluation.noPlanned")}</Paragraph>
        ) : (
          <ul className="relay-eval-planned">
            {data.planned.map((evaluation) => {
              const date = formatDate(evaluation.scheduledOn);
              return (
                <li key={evaluation.id} id={`eval-${evaluation.id}`}>
                  <span>{t("relayLog.plan.evaluation.scheduledFor", { date })}</span>
                  {evaluation.overdue ? (
                    <>
                      {" "}
                      <Tag data-color="warning">{t("relayLog.plan.evaluation.overdue")}</Tag>
                    </>
                  ) : null}
                  {header.canWrite ? (
                    <ul className="relay-plan-actions">
                      {data.goals.length > 0 ? (
                        <li>
                          <DsLink asChild>
                            <Link
                              to={`${path}?registrer=${evaluation.id}`}
                              aria-label={t("relayLog.plan.evaluation.recordFor", { date })}
                            >
                              {t("relayLog.plan.evaluation.record")}
                            </Link>
                          </DsLink>
                        </li>
                      ) : null}
                      <li>
                        <DsLink asChild>
                          <Link
                            to={`${path}?endre=${evaluation.id}`}
                            aria-label={t("relayLog.plan.evaluation.rescheduleFor", { date })}
                          >
                            {t("relayLog.plan.evaluation.reschedule")}
                          </Link>
                        </DsLink>
                      </li>
                      <li>
                        <DsLink asChild>
                          <Link
                            to={`${path}?slett=${evaluation.id}`}
                            aria-label={t("relayLog.plan.evaluation.removeFor", { date })}
                          >
                            {t("relayLog.plan.evaluation.remove")}
                          </Link>
                        </DsLink>
                      </li>
                    </ul>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
        {header.canWrite ? (
          <Form method="post" action={path} className="form relay-eval-schedule" noValidate>
            <CsrfField />
            <Heading level={4} data-size="xs">
              {t("relayLog.plan.evaluation.scheduleHeading")}
            </Heading>
            <FormErrors failure={failure} />
            <DateField
              name="scheduledOn"
              label={t("relayLog.plan.evaluation.scheduledOn")}
              required
              defaultValue={valueOf(failure, "scheduledOn")}
              error={failure?.fieldErrors.scheduledOn}
            />
            <div className="form__actions">
              <Button type="submit" name="intent" value="schedule" variant="secondary">
                {t("relayLog.plan.evaluation.schedule")}
              </Button>
            </div>
          </Form>
        ) : null}
      </section>

      <EffectTable effect={data.effect} />

      <section aria-labelledby="held-heading" className="relay-plan-section">
        <Heading level={3} data-size="sm" id="held-heading">
          {t("relayLog.plan.evaluation.heldHeading")}
        </Heading>
        {data.held.length === 0 ? (
          <Paragraph>{t("relayLog.plan.evaluation.noHeld")}</Paragraph>
        ) : (
          data.held.map((evaluation) => (
            <HeldEvaluation key={evaluation.id} data={data} evaluation={evaluation} />
          ))
        )}
      </section>
    </>
  );
}

function changeText(t: ReturnType<typeof useT>, change: number | null): string {
  if (change === null) return t("relayLog.plan.evaluation.oneScore");
  if (change > 0)
    return t("relayLog.plan.evaluation.changeBetter", { change: formatScore(change) });
  if (change < 0) return t("relayLog.plan.evaluation.changeWorse", { change: formatScore(change) });
  return t("relayLog.plan.evaluation.changeSame");
}

/** Each goal's scores from first to latest, one row per scorer kind. */
function EffectTable({ effect }: { effect: GoalEffect[] }) {
  const t = useT();
  const anyScores = effect.some((goal) => goal.series.length > 0);
  return (
    <section aria-labelledby="effect-heading" className="relay-plan-section">
      <Heading level={3} data-size="sm" id="effect-heading">
        {t("relayLog.plan.evaluation.effectHeading")}
      </Heading>
      {!anyScores ? (
        <Paragraph>{t("relayLog.plan.evaluation.noEffect")}</Paragraph>
      ) : (
        <>
          <Paragraph>{t("relayLog.plan.evaluation.effectIntro")}</Paragraph>
          <div className="table-wrapper">
            <Table className="relay-effect-table">
              <caption className="visually-hidden">
                {t("relayLog.plan.evaluation.effectCaption")}
              </caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t("relayLog.plan.evaluation.goalColumn")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("relayLog.plan.evaluation.scorerColumn")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("relayLog.plan.evaluation.firstColumn")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("relayLog.plan.evaluation.latestColumn")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("relayLog.plan.evaluation.changeColumn")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("relayLog.plan.evaluation.allColumn")}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {effect.map((goal) =>
                  goal.series.length === 0 ? (
                    <Table.Row key={goal.id}>
                      <Table.HeaderCell scope="row">
                        {goal.areaTitle}: {goal.text}
                      </Table.HeaderCell>
                      <Table.Cell colSpan={5}>{t("relayLog.plan.evaluation.notScored")}</Table.Cell>
                    </Table.Row>
                  ) : (
                    goal.series.map((series, index) => (
                      <Table.Row key={`${goal.id}-${series.scorerKind}`}>
                        {index === 0 ? (
                          <Table.HeaderCell scope="row" rowSpan={goal.series.length}>
                            {goal.areaTitle}: {goal.text}
                          </Table.HeaderCell>
                        ) : null}
                        <Table.Cell>
                          {t(`relayLog.plan.evaluation.scorer.${series.scorerKind}`)}
                        </Table.Cell>
                        <Table.Cell>
                          {t("relayLog.plan.evaluation.scoreOn", {
                            score: formatScore(series.first.score),
                            date: formatDate(series.first.date),
                          })}
                        </Table.Cell>
                        <Table.Cell>
                          {t("relayLog.plan.evaluation.scoreOn", {
                            score: formatScore(series.latest.score),
                            date: formatDate(series.latest.date),
                          })}
                        </Table.Cell>
                        <Table.Cell>{changeText(t, series.change)}</Table.Cell>
                        <Table.Cell>
                          <span className="visually-hidden">
                            {series.points.map((point) => formatScore(point.score)).join(", ")}
                          </span>
                          <ScoreTrail scores={series.points.map((point) => point.score)} />
                        </Table.Cell>
                      </Table.Row>
                    ))
                  ),
                )}
              </Table.Body>
            </Table>
          </div>
        </>
      )}
    </section>
  );
}

function HeldEvaluation({ data, evaluation }: { data: LoaderData; evaluation: EvaluationView }) {
  const t = useT();
  const date = formatDate(evaluation.heldOn!);
  const path = logPath(data.header.id, "evaluations");
  const goalsById = new Map(data.goals.map((goal) => [goal.id, goal]));
  const ordered = data.goals.flatMap((goal) =>
    evaluation.scores.filter((score) => score.goalId === goal.id),
  );
  return (
    <article
      id={`eval-${evaluation.id}`}
      className="relay-eval-held"
      aria-labelledby={`held-${evaluation.id}`}
    >
      <Heading level={4} data-size="xs" id={`held-${evaluation.id}`}>
        {evaluation.heldByName
          ? t("relayLog.plan.evaluation.heldOnBy", { date, name: evaluation.heldByName })
          : t("relayLog.plan.evaluation.heldOn", { date })}
      </Heading>
      {evaluation.summary ? (
        <Paragraph>
          <strong>{t("relayLog.plan.evaluation.summaryLabel")}:</strong> {evaluation.summary}
        </Paragraph>
      ) : null}
      {ordered.length > 0 ? (
        <div className="table-wrapper">
          <Table data-size="sm">
            <caption className="visually-hidden">
              {t("relayLog.plan.evaluation.scoresCaption")}
            </caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t("relayLog.plan.evaluation.goalColumn")}</Table.HeaderCell>
                <Table.HeaderCell>{t("relayLog.plan.evaluation.scorerColumn")}</Table.HeaderCell>
                <Table.HeaderCell>{t("relayLog.plan.evaluation.scoreColumn")}</Table.HeaderCell>
                <Table.HeaderCell>{t("relayLog.plan.evaluation.commentColumn")}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {ordered.map((score, index) => (
                <Table.Row key={`${score.goalId}-${score.scorerKind}-${index}`}>
                  <Table.Cell>{goalsById.get(score.goalId)?.text}</Table.Cell>
                  <Table.Cell>
                    {t(`relayLog.plan.evaluation.scorer.${score.scorerKind}`)}
                    {score.scorerName ? ` (${score.scorerName})` : ""}
                  </Table.Cell>
                  <Table.Cell>{t(scaleKey(score.score))}</Table.Cell>
                  <Table.Cell>{score.comment}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      ) : null}
      {data.header.canWrite && data.goals.length > 0 ? (
        <Paragraph data-size="sm">
          <DsLink asChild>
            <Link
              to={`${path}?registrer=${evaluation.id}`}
              aria-label={t("relayLog.plan.evaluation.correctFor", { date })}
            >
              {t("relayLog.plan.evaluation.correct")}
            </Link>
          </DsLink>
        </Paragraph>
      ) : null}
    </article>
  );
}

function RecordForm(props: {
  data: LoaderData;
  evaluation: EvaluationView;
  failure: ActionFailure | undefined;
}) {
  const t = useT();
  const { data, evaluation, failure } = props;
  const path = logPath(data.header.id, "evaluations");
  const errors = failure?.fieldErrors ?? {};
  const staffScore = (goalId: string) =>
    evaluation.scores.find((score) => score.goalId === goalId && score.scorerKind === "staff");
  const heading = evaluation.heldOn
    ? t("relayLog.plan.evaluation.correctHeading", { date: formatDate(evaluation.heldOn) })
    : t("relayLog.plan.evaluation.recordHeading", { date: formatDate(evaluation.scheduledOn) });
  return (
    <section aria-labelledby="record-heading" className="relay-plan-section">
      <Heading level={2} data-size="md" id="record-heading">
        {heading}
      </Heading>
      <Form method="post" action={`${path}?registrer=${evaluation.id}`} className="form" noValidate>
        <CsrfField />
        <FormErrors failure={failure} />
        <input type="hidden" name="evaluationId" value={evaluation.id} />
        <input type="hidden" name="lockVersion" value={String(evaluation.lockVersion)} />
        <DateField
          name="heldOn"
          label={t("relayLog.plan.evaluation.heldOnField")}
          required
          max={data.today}
          defaultValue={valueOf(
            failure,
            "heldOn",
            evaluation.heldOn ??
              (evaluation.scheduledOn <= data.today ? evaluation.scheduledOn : data.today),
          )}
          error={errors.heldOn}
        />
        {data.goals.map((goal) => {
          const stored = staffScore(goal.id);
          return (
            <Fragment key={goal.id}>
              <ScoreFieldset
                name={scoreField(goal.id)}
                legend={t("relayLog.plan.evaluation.goalLegend", {
                  area: goal.areaTitle,
                  goal: goal.text,
                })}
                description={
                  goal.expectedOutcome
                    ? t("relayLog.plan.evaluation.expected", { text: goal.expectedOutcome })
                    : null
                }
                checked={valueOf(
                  failure,
                  scoreField(goal.id),
                  stored ? String(stored.score) : undefined,
                )}
                error={errors[scoreField(goal.id)]}
              >
                <TextAreaField
                  name={commentField(goal.id)}
                  label={t("relayLog.plan.evaluation.comment")}
                  help={t("relayLog.plan.evaluation.commentHelp")}
                  maxLength={SCORE_COMMENT_MAX}
                  defaultValue={valueOf(failure, commentField(goal.id), stored?.comment)}
                  error={errors[commentField(goal.id)]}
                />
              </ScoreFieldset>
            </Fragment>
          );
        })}
        <TextAreaField
          name="summary"
          label={t("relayLog.plan.evaluation.summary")}
          help={t("relayLog.plan.evaluation.summaryHelp")}
          maxLength={EVALUATION_SUMMARY_MAX}
          defaultValue={valueOf(failure, "summary", evaluation.summary)}
          error={errors.summary}
        />
        <div className="form__actions">
          <Button type="submit" name="intent" value="record">
            {t("relayLog.plan.evaluation.save")}
          </Button>
          <Button asChild variant="tertiary">
            <Link to={path}>{t("relayLog.plan.cancel")}</Link>
          </Button>
        </div>
      </Form>
    </section>
  );
}

function RescheduleForm(props: {
  data: LoaderData;
  evaluation: EvaluationView;
  failure: ActionFailure | undefined;
}) {
  const t = useT();
  const { data, evaluation, failure } = props;
  const path = logPath(data.header.id, "evaluations");
  return (
    <section aria-labelledby="reschedule-heading" className="relay-plan-section">
      <Heading level={2} data-size="md" id="reschedule-heading">
        {t("relayLog.plan.evaluation.rescheduleHeading", {
          date: formatDate(evaluation.scheduledOn),
        })}
      </Heading>
      <Form method="post" action={`${path}?endre=${evaluation.id}`} className="form" noValidate>
        <CsrfField />
        <FormErrors failure={failure} />
        <input type="hidden" name="evaluationId" value={evaluation.id} />
        <input type="hidden" name="lockVersion" value={String(evaluation.lockVersion)} />
        <DateField
          name="scheduledOn"
          label={t("relayLog.plan.evaluation.scheduledOn")}
          required
          defaultValue={valueOf(failure, "scheduledOn", evaluation.scheduledOn)}
          error={failure?.fieldErrors.scheduledOn}
        />
        <div className="form__actions">
          <Button type="submit" name="intent" value="reschedule">
            {t("relayLog.plan.save")}
          </Button>
          <Button asChild variant="tertiary">
            <Link to={path}>{t("relayLog.plan.cancel")}</Link>
          </Button>
        </div>
      </Form>
    </section>
  );
}

function RemoveStep(props: {
  data: LoaderData;
  evaluation: EvaluationView;
  failure: ActionFailure | undefined;
}) {
  const t = useT();
  const { data, evaluation, failure } = props;
  const path = logPath(data.header.id, "evaluations");
  return (
    <section aria-labelledby="remove-heading" className="relay-plan-section">
      <Heading level={2} data-size="md" id="remove-heading">
        {t("relayLog.plan.evaluation.removeHeading")}
      </Heading>
      {failure ? <Alert data-color="danger">{t(failure.messageKey)}</Alert> : null}
      <Alert data-color="warning">
        <Paragraph>
          {t("relayLog.plan.evaluation.removeConfirm", {
            date: formatDate(evaluation.scheduledOn),
          })}
        </Paragraph>
        <Form method="post" action={`${path}?slett=${evaluation.id}`} className="form__actions">
          <CsrfField />
          <input type="hidden" name="evaluationId" value={evaluation.id} />
          <input type="hidden" name="lockVersion" value={String(evaluation.lockVersion)} />
          <Button type="submit" name="intent" value="remove" data-color="danger">
            {t("relayLog.plan.evaluation.confirmRemove")}
          </Button>
          <Button asChild variant="tertiary">
            <Link to={path}>{t("relayLog.plan.cancel")}</Link>
          </Button>
        </Form>
      </Alert>
    </section>
  );
}
