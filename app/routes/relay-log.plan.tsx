import {
  Alert,
  Button,
  Heading,
  Link as DsLink,
  Paragraph,
  Tag,
} from "@digdir/designsystemet-react";
import type { ReactNode } from "react";
import { Form, Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import {
  createArea,
  createGoal,
  createMeasure,
  getPlan,
  planRemovalImpact,
  removePlanItem,
  updateArea,
  updateGoal,
  updateMeasure,
  type PlanArea,
  type PlanGoal,
  type PlanMeasure,
} from "../../core/relay-log/plan.ts";
import {
  AREA_DESCRIPTION_MAX,
  AREA_TITLE_MAX,
  FAMILY_RESPONSIBLE_MAX,
  GOAL_EXPECTED_MAX,
  GOAL_TEXT_MAX,
  MEASURE_WHAT_MAX,
  measurePlaces,
  measureStatuses,
  responsibleKinds,
} from "../../core/relay-log/plan-rules.ts";
import {
  CsrfField,
  FormErrors,
  Notice,
  RadioGroup,
  SelectField,
  TextField,
  valueOf,
} from "../components/forms.tsx";
import { logPath, RelayLogLayout } from "../components/relay-log-layout.tsx";
import { DateField, TextAreaField } from "../components/relay-log-plan-fields.tsx";
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
import type { Route } from "./+types/relay-log.plan";

/**
 * Plan og tiltak: concern areas → goals → measures. The page shows the plan; adding, editing
 * and removing are separate GET states (?ny=…, ?rediger=<id>, ?slett=<id>) with one plain form
 * each, so everything works without JavaScript and the page stays simple.
 */
type PlanState =
  | { mode: "view" }
  | { mode: "newArea" }
  | { mode: "newGoal"; areaId: string }
  | { mode: "newMeasure"; goalId: string }
  | { mode: "edit"; id: string }
  | { mode: "remove"; id: string };

function stateFrom(params: URLSearchParams): PlanState {
  const created = params.get("ny");
  if (created === "omrade") return { mode: "newArea" };
  if (created === "mal" && params.get("omrade")) {
    return { mode: "newGoal", areaId: params.get("omrade")! };
  }
  if (created === "tiltak" && params.get("mal")) {
    return { mode: "newMeasure", goalId: params.get("mal")! };
  }
  if (params.get("rediger")) return { mode: "edit", id: params.get("rediger")! };
  if (params.get("slett")) return { mode: "remove", id: params.get("slett")! };
  return { mode: "view" };
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "relaylog.use");
  const common = {
    database: context.services.database,
    actor,
    meta: context.meta,
    logId: params.logId,
  };
  const plan = await loadOr404(() => getPlan(common));
  let state = plan.header.canWrite
    ? stateFrom(new URL(request.url).searchParams)
    : ({ mode: "view" } as PlanState);
  const impact =
    state.mode === "remove"
      ? await planRemovalImpact({ ...common, itemId: state.id }).catch(() => null)
      : null;
  if (state.mode === "remove" && !impact) state = { mode: "view" };
  return { ...plan, state, impact };
}

const notices = ["relayLog.plan.saved", "relayLog.plan.created", "relayLog.plan.removed"];

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "relaylog.use");
  const form = await request.formData();
  const values = formToObject(form);
  const intent = String(form.get("intent") ?? "");
  const { itemId, ...fields } = values;
  const id = typeof itemId === "string" ? itemId : "";
  const common = {
    database: context.services.database,
    actor,
    meta: context.meta,
    logId: params.logId,
  };
  const planPath = logPath(params.logId, "plan");
  const done = (notice: string, anchor?: string) =>
    redirect(withNotice(planPath, notice) + (anchor ? `#plan-${anchor}` : ""));
  return runAction(values, async () => {
    switch (intent) {
      case "createArea": {
        const area = await createArea({ ...common, values: fields });
        return done("relayLog.plan.created", area.id);
      }
      case "updateArea":
        await updateArea({ ...common, areaId: id, values: fields });
        return done("relayLog.plan.saved", id);
      case "createGoal": {
        const goal = await createGoal({ ...common, areaId: id, values: fields });
        return done("relayLog.plan.created", goal.id);
      }
      case "updateGoal":
        await updateGoal({ ...common, goalId: id, values: fields });
        return done("relayLog.plan.saved", id);
      case "createMeasure": {
        const measure = await createMeasure({ ...common, goalId: id, values: fields });
        return done("relayLog.plan.created", measure.id);
      }
      case "updateMeasure":
        await updateMeasure({ ...common, measureId: id, values: fields });
        return done("relayLog.plan.saved", id);
      case "remove":
        await removePlanItem({ ...common, itemId: id, values: fields });
        return done("relayLog.plan.removed");
      default:
        return redirect(planPath);
    }
  });
}

type LoaderData = Awaited<ReturnType<typeof loader>>;

interface Found {
  area?: PlanArea;
  goal?: PlanGoal;
  measure?: PlanMeasure;
}

function find(areas: PlanArea[], id: string): Found {
  for (const area of areas) {
    if (area.id === id) return { area };
    for (const goal of area.goals) {
      if (goal.id === id) return { area, goal };
      for (const measure of goal.measures) {
        if (measure.id === id) return { area, goal, measure };
      }
    }
  }
  return {};
}

export default function RelayLogPlanPage() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const [params] = useSearchParams();
  const notice = params.get("melding");
  const { header, state } = data;
  return (
    <RelayLogLayout header={header} current="plan">
      {notice && notices.includes(notice) ? <Notice>{t(notice)}</Notice> : null}
      {state.mode === "view" ? (
        <PlanView data={data} />
      ) : state.mode === "remove" ? (
        <RemoveStep data={data} id={state.id} />
      ) : (
        <PlanForm data={data} state={state} failure={failure} />
      )}
    </RelayLogLayout>
  );
}

function PlanView({ data }: { data: LoaderData }) {
  const t = useT();
  const { header, areas } = data;
  const planPath = logPath(header.id, "plan");
  const allMeasures = new Map(
    areas.flatMap((area) => area.goals.flatMap((goal) => goal.measures.map((m) => [m.id, m]))),
  );
  return (
    <section aria-labelledby="plan-heading" className="relay-plan-section">
      <Heading level={2} data-size="md" id="plan-heading">
        {t("relayLog.plan.heading")}
      </Heading>
      <Paragraph>{t("relayLog.plan.intro")}</Paragraph>
      {areas.length === 0 ? <Paragraph>{t("relayLog.plan.empty")}</Paragraph> : null}
      {areas.map((area) => (
        <section
          key={area.id}
          id={`plan-${area.id}`}
          aria-labelledby={`area-${area.id}`}
          className="relay-plan-area"
        >
          <Heading level={3} data-size="sm" id={`area-${area.id}`}>
            <span className="relay-plan-kicker">{t("relayLog.plan.areaLabel")}: </span>
            {area.title}
          </Heading>
          {area.description ? <Paragraph>{area.description}</Paragraph> : null}
          {header.canWrite ? (
            <ItemActions
              planPath={planPath}
              id={area.id}
              name={area.title}
              add={{
                href: `${planPath}?ny=mal&omrade=${area.id}`,
                label: "addGoal",
                to: "addGoalTo",
              }}
            />
          ) : null}
          {area.goals.length === 0 ? <Paragraph>{t("relayLog.plan.noGoals")}</Paragraph> : null}
          {area.goals.map((goal) => (
            <div key={goal.id} id={`plan-${goal.id}`} className="relay-plan-goal">
              <Heading level={4} data-size="xs">
                <span className="relay-plan-kicker">{t("relayLog.plan.goalLabel")}: </span>
                {goal.text}
              </Heading>
              {goal.expectedOutcome ? (
                <Paragraph data-size="sm">
                  <strong>{t("relayLog.plan.expectedLabel")}:</strong> {goal.expectedOutcome}
                </Paragraph>
              ) : null}
              {header.canWrite ? (
                <ItemActions
                  planPath={planPath}
                  id={goal.id}
                  name={goal.text}
                  add={{
                    href: `${planPath}?ny=tiltak&mal=${goal.id}`,
                    label: "addMeasure",
                    to: "addMeasureTo",
                  }}
                />
              ) : null}
              <MeasureList
                goal={goal}
                allMeasures={allMeasures}
                canWrite={header.canWrite}
                planPath={planPath}
              />
              <FamilyVoices voices={data.familyVoices[goal.id] ?? []} />
            </div>
          ))}
        </section>
      ))}
      {header.canWrite ? (
        <div className="actions">
          <Button asChild variant="secondary">
            <Link to={`${planPath}?ny=omrade`}>{t("relayLog.plan.addArea")}</Link>
          </Button>
        </div>
      ) : null}
    </section>
  );
}

/** What the guardians and the young person wrote about a goal (from the family's page). */
function FamilyVoices(props: { voices: LoaderData["familyVoices"][string] }) {
  const t = useT();
  if (props.voices.length === 0) return null;
  return (
    <div className="relay-plan-voices">
      <Heading level={5} data-size="2xs">
        {t("relayLog.plan.familyView.voicesHeading")}
      </Heading>
      <ul>
        {props.voices.map((voice, index) => (
          <li key={index}>
            <strong>
              {t(`relayLog.plan.familyView.voice.${voice.voiceKind}`, { name: voice.authorName })}
            </strong>
            : <span className="relay-entry__text">{voice.text}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function ItemActions(props: {
  planPath: string;
  id: string;
  name: string;
  add?: { href: string; label: string; to: string };
}) {
  const t = useT();
  const short = props.name.length > 60 ? `${props.name.slice(0, 57)}…` : props.name;
  return (
    <ul className="relay-plan-actions">
      {props.add ? (
        <li>
          <DsLink asChild>
            <Link
              to={props.add.href}
              aria-label={t(`relayLog.plan.${props.add.to}`, { name: short })}
            >
              {t(`relayLog.plan.${props.add.label}`)}
            </Link>
          </DsLink>
        </li>
      ) : null}
      <li>
        <DsLink asChild>
          <Link
            to={`${props.planPath}?rediger=${props.id}`}
            aria-label={t("relayLog.plan.editNamed", { name: short })}
          >
            {t("relayLog.plan.edit")}
          </Link>
        </DsLink>
      </li>
      <li>
        <DsLink asChild>
          <Link
            to={`${props.planPath}?slett=${props.id}`}
            aria-label={t("relayLog.plan.removeNamed", { name: short })}
          >
            {t("relayLog.plan.remove")}
          </Link>
        </DsLink>
      </li>
    </ul>
  );
}

/**
 * A goal's measures. A service measure and the home measures of the same goal that support it
 * are shown together as a pair; a pairing across goals is named on both measures.
 */
function MeasureList(props: {
  goal: PlanGoal;
  allMeasures: Map<string, PlanMeasure>;
  canWrite: boolean;
  planPath: string;
}) {
  const t = useT();
  const { goal } = props;
  if (goal.measures.length === 0) {
    return <Paragraph data-size="sm">{t("relayLog.plan.noMeasures")}</Paragraph>;
  }
  const inGoal = new Set(goal.measures.map((measure) => measure.id));
  const groups: PlanMeasure[][] = [];
  for (const measure of goal.measures) {
    if (
      measure.place === "home" &&
      measure.supportsMeasureId &&
      inGoal.has(measure.supportsMeasureId)
    ) {
      continue; // shown with the service measure it supports
    }
    groups.push(
      measure.place === "service"
        ? [measure, ...goal.measures.filter((home) => home.supportsMeasureId === measure.id)]
        : [measure],
    );
  }
  return (
    <ul className="relay-plan-measures" aria-label={t("relayLog.plan.measuresLabel")}>
      {groups.map((group) =>
        group.length > 1 ? (
          <li key={group[0]!.id} className="relay-plan-pair">
            <Paragraph data-size="sm" className="relay-plan-pair__label">
              {t("relayLog.plan.pairLabel")}
            </Paragraph>
            <ul>
              {group.map((measure) => (
                <li key={measure.id}>
                  <MeasureCard {...props} measure={measure} />
                </li>
              ))}
            </ul>
          </li>
        ) : (
          <li key={group[0]!.id}>
            <MeasureCard {...props} measure={group[0]!} />
          </li>
        ),
      )}
    </ul>
  );
}

function MeasureCard(props: {
  measure: PlanMeasure;
  allMeasures: Map<string, PlanMeasure>;
  canWrite: boolean;
  planPath: string;
}) {
  const t = useT();
  const { measure, allMeasures } = props;
  const supports = measure.supportsMeasureId ? allMeasures.get(measure.supportsMeasureId) : null;
  const supportedBy = measure.supportedByIds
    .map((id) => allMeasures.get(id))
    .filter((item): item is PlanMeasure => Boolean(item));
  return (
    <div id={`plan-${measure.id}`} className="relay-plan-measure">
      <Paragraph className="relay-plan-measure__what">
        <strong>{measure.what}</strong>
      </Paragraph>
      <dl className="relay-plan-measure__facts">
        <dt>{t("relayLog.plan.responsible")}</dt>
        <dd>{responsibleText(t, measure)}</dd>
        <dt>{t("relayLog.plan.placeLabel")}</dt>
        <dd>{t(`relayLog.plan.place.${measure.place}`)}</dd>
        <dt>{t("relayLog.plan.period")}</dt>
        <dd>
          {t("relayLog.plan.periodValue", {
            start: formatDate(measure.startsOn),
            due: formatDate(measure.dueOn),
          })}
        </dd>
        <dt>{t("relayLog.plan.statusLabel")}</dt>
        <dd>
          {t(`relayLog.plan.status.${measure.status}`)}
          {measure.overdue ? (
            <>
              {" "}
              <Tag data-color="warning">{t("relayLog.plan.overdue")}</Tag>
            </>
          ) : null}
        </dd>
      </dl>
      {supports ? (
        <Paragraph data-size="sm">
          {t("relayLog.plan.supportsLine", { what: supports.what })}
        </Paragraph>
      ) : null}
      {supportedBy.length > 0 ? (
        <Paragraph data-size="sm">
          {t("relayLog.plan.supportedByLine", {
            what: supportedBy.map((home) => home.what).join("; "),
          })}
        </Paragraph>
      ) : null}
      {props.canWrite ? (
        <ItemActions planPath={props.planPath} id={measure.id} name={measure.what} />
      ) : null}
    </div>
  );
}

function responsibleText(t: ReturnType<typeof useT>, measure: PlanMeasure): string {
  if (measure.responsibleKind === "person") return measure.responsibleUserName ?? "";
  if (measure.responsibleKind === "service") return measure.responsibleUnitName ?? "";
  return t("relayLog.plan.responsibleFamily", { text: measure.responsibleText ?? "" });
}

function RemoveStep({ data, id }: { data: LoaderData; id: string }) {
  const t = useT();
  const planPath = logPath(data.header.id, "plan");
  const found = find(data.areas, id);
  const impact = data.impact!;
  const item = found.measure ?? found.goal ?? found.area;
  if (!item) return null;
  const name = found.measure?.what ?? found.goal?.text ?? found.area?.title ?? "";
  const question =
    impact.part === "area"
      ? "relayLog.plan.removeArea"
      : impact.part === "goal"
        ? "relayLog.plan.removeGoal"
        : "relayLog.plan.removeMeasure";
  return (
    <section aria-labelledby="remove-heading" className="relay-plan-section">
      <Heading level={2} data-size="md" id="remove-heading">
        {t("relayLog.plan.removeHeading")}
      </Heading>
      <Alert data-color="warning">
        <Paragraph>{t(question, { name })}</Paragraph>
        {impact.part !== "measure" ? (
          <Paragraph>
            {t("relayLog.plan.removeImpact", {
              goals: impact.part === "area" ? impact.goals : 0,
              measures: impact.measures,
              scores: impact.scores,
            })}
          </Paragraph>
        ) : null}
        <Paragraph>{t("relayLog.plan.removeNoUndo")}</Paragraph>
        <Form method="post" action={`${planPath}?slett=${id}`} className="form__actions">
          <CsrfField />
          <input type="hidden" name="itemId" value={id} />
          <input type="hidden" name="lockVersion" value={String(item.lockVersion)} />
          <Button type="submit" name="intent" value="remove" data-color="danger">
            {t("relayLog.plan.confirmRemove")}
          </Button>
          <Button asChild variant="tertiary">
            <Link to={`${planPath}#plan-${id}`}>{t("relayLog.plan.cancel")}</Link>
          </Button>
        </Form>
      </Alert>
    </section>
  );
}

function PlanForm(props: {
  data: LoaderData;
  state: Exclude<PlanState, { mode: "view" } | { mode: "remove" }>;
  failure: ActionFailure | undefined;
}) {
  const t = useT();
  const { data, state, failure } = props;
  const planPath = logPath(data.header.id, "plan");
  const search =
    state.mode === "newArea"
      ? "?ny=omrade"
      : state.mode === "newGoal"
        ? `?ny=mal&omrade=${state.areaId}`
        : state.mode === "newMeasure"
          ? `?ny=tiltak&mal=${state.goalId}`
          : `?rediger=${state.id}`;
  const found =
    state.mode === "edit"
      ? find(data.areas, state.id)
      : state.mode === "newGoal"
        ? find(data.areas, state.areaId)
        : state.mode === "newMeasure"
          ? find(data.areas, state.goalId)
          : {};
  const conflict = failure?.messageKey === "relayLog.conflict";
  const cancel = (
    <Button asChild variant="tertiary">
      <Link to={planPath}>{t("relayLog.plan.cancel")}</Link>
    </Button>
  );

  let heading: string;
  let intent: string;
  let itemId = "";
  let lockVersion: number | null = null;
  let fields: ReactNode;
  let stored: ReactNode = null;

  if (state.mode === "newArea" || (state.mode === "edit" && found.area && !found.goal)) {
    const area = state.mode === "edit" ? found.area : undefined;
    heading = area ? t("relayLog.plan.editAreaHeading") : t("relayLog.plan.newAreaHeading");
    intent = area ? "updateArea" : "createArea";
    itemId = area?.id ?? "";
    lockVersion = area?.lockVersion ?? null;
    fields = <AreaFields area={area} failure={failure} />;
    if (area) stored = <StoredText lines={[area.title, area.description]} />;
  } else if (
    (state.mode === "newGoal" && found.area && !found.goal) ||
    (state.mode === "edit" && found.goal && !found.measure)
  ) {
    const goal = state.mode === "edit" ? found.goal : undefined;
    heading = goal
      ? t("relayLog.plan.editGoalHeading")
      : t("relayLog.plan.newGoalHeading", { area: found.area!.title });
    intent = goal ? "updateGoal" : "createGoal";
    itemId = goal?.id ?? found.area!.id;
    lockVersion = goal?.lockVersion ?? null;
    fields = <GoalFields goal={goal} failure={failure} />;
    if (goal) stored = <StoredText lines={[goal.text, goal.expectedOutcome]} />;
  } else if (
    (state.mode === "newMeasure" && found.goal && !found.measure) ||
    (state.mode === "edit" && found.measure)
  ) {
    const measure = state.mode === "edit" ? found.measure : undefined;
    heading = measure
      ? t("relayLog.plan.editMeasureHeading")
      : t("relayLog.plan.newMeasureHeading", { goal: found.goal!.text });
    intent = measure ? "updateMeasure" : "createMeasure";
    itemId = measure?.id ?? found.goal!.id;
    lockVersion = measure?.lockVersion ?? null;
    fields = <MeasureFields data={data} measure={measure} failure={failure} />;
    if (measure) {
      stored = (
        <StoredText
          lines={[
            measure.what,
            `${t("relayLog.plan.responsible")}: ${responsibleText(t, measure)}`,
            `${t("relayLog.plan.period")}: ${t("relayLog.plan.periodValue", {
              start: formatDate(measure.startsOn),
              due: formatDate(measure.dueOn),
            })}`,
            `${t("relayLog.plan.statusLabel")}: ${t(`relayLog.plan.status.${measure.status}`)}`,
          ]}
        />
      );
    }
  } else {
    // The item is gone (removed by someone else) or the link was wrong: back to the plan.
    return (
      <Paragraph>
        <DsLink asChild>
          <Link to={planPath}>{t("relayLog.plan.heading")}</Link>
        </DsLink>
      </Paragraph>
    );
  }

  return (
    <section aria-labelledby="plan-form-heading" className="relay-plan-section">
      <Heading level={2} data-size="md" id="plan-form-heading">
        {heading}
      </Heading>
      {conflict && stored ? (
        <section aria-labelledby="stored-heading" className="relay-plan-stored">
          <Heading level={3} data-size="xs" id="stored-heading">
            {t("relayLog.plan.storedNow")}
          </Heading>
          {stored}
        </section>
      ) : null}
      <Form method="post" action={`${planPath}${search}`} className="form" noValidate>
        <CsrfField />
        <FormErrors failure={failure} />
        <input type="hidden" name="itemId" value={itemId} />
        {lockVersion !== null ? (
          <input type="hidden" name="lockVersion" value={String(lockVersion)} />
        ) : null}
        {fields}
        <div className="form__actions">
          <Button type="submit" name="intent" value={intent}>
            {intent.startsWith("create") ? t("relayLog.plan.create") : t("relayLog.plan.save")}
          </Button>
          {cancel}
        </div>
      </Form>
    </section>
  );
}

function StoredText({ lines }: { lines: string[] }) {
  return (
    <>
      {lines
        .filter((line) => line)
        .map((line, index) => (
          <Paragraph key={index} data-size="sm">
            {line}
          </Paragraph>
        ))}
    </>
  );
}

function AreaFields({ area, failure }: { area: PlanArea | undefined; failure?: ActionFailure }) {
  const t = useT();
  return (
    <>
      <TextField
        name="title"
        label={t("relayLog.plan.areaTitle")}
        help={t("relayLog.plan.areaTitleHelp")}
        required
        maxLength={AREA_TITLE_MAX}
        autoComplete="off"
        defaultValue={valueOf(failure, "title", area?.title)}
        error={failure?.fieldErrors.title}
      />
      <TextAreaField
        name="description"
        label={t("relayLog.plan.areaDescription")}
        help={t("relayLog.plan.areaDescriptionHelp")}
        maxLength={AREA_DESCRIPTION_MAX}
        defaultValue={valueOf(failure, "description", area?.description)}
        error={failure?.fieldErrors.description}
      />
    </>
  );
}

function GoalFields({ goal, failure }: { goal: PlanGoal | undefined; failure?: ActionFailure }) {
  const t = useT();
  return (
    <>
      <TextAreaField
        name="text"
        label={t("relayLog.plan.goalText")}
        required
        help={t("relayLog.plan.goalTextHelp")}
        maxLength={GOAL_TEXT_MAX}
        defaultValue={valueOf(failure, "text", goal?.text)}
        error={failure?.fieldErrors.text}
      />
      <TextAreaField
        name="expectedOutcome"
        label={t("relayLog.plan.expectedOutcome")}
        help={t("relayLog.plan.expectedOutcomeHelp")}
        maxLength={GOAL_EXPECTED_MAX}
        defaultValue={valueOf(failure, "expectedOutcome", goal?.expectedOutcome)}
        error={failure?.fieldErrors.expectedOutcome}
      />
    </>
  );
}

function MeasureFields(props: {
  data: LoaderData;
  measure: PlanMeasure | undefined;
  failure?: ActionFailure;
}) {
  const t = useT();
  const { data, measure, failure } = props;
  const errors = failure?.fieldErrors ?? {};
  const serviceMeasures = data.areas.flatMap((area) =>
    area.goals.flatMap((goal) =>
      goal.measures.filter((item) => item.place === "service" && item.id !== measure?.id),
    ),
  );
  const short = (text: string) => (text.length > 80 ? `${text.slice(0, 77)}…` : text);
  return (
    <>
      <TextAreaField
        name="what"
        label={t("relayLog.plan.what")}
        required
        help={t("relayLog.plan.whatHelp")}
        maxLength={MEASURE_WHAT_MAX}
        defaultValue={valueOf(failure, "what", measure?.what)}
        error={errors.what}
      />
      <RadioGroup
        name="responsibleKind"
        legend={t("relayLog.plan.responsibleLegend")}
        required
        options={responsibleKinds.map((kind) => ({
          value: kind,
          label: t(`relayLog.plan.responsibleKind.${kind}`),
        }))}
        checked={valueOf(failure, "responsibleKind", measure?.responsibleKind)}
        error={errors.responsibleKind}
      />
      <SelectField
        name="responsibleUserId"
        label={t("relayLog.plan.responsibleUser")}
        help={t("relayLog.plan.responsibleUserHelp")}
        options={[
          { value: "", label: t("relayLog.plan.choose") },
          ...data.participants.map((person) => ({
            value: person.userId,
            label: `${person.name} (${person.unitName})`,
          })),
        ]}
        defaultValue={valueOf(failure, "responsibleUserId", measure?.responsibleUserId)}
        error={errors.responsibleUserId}
      />
      <SelectField
        name="responsibleUnitId"
        label={t("relayLog.plan.responsibleUnit")}
        help={t("relayLog.plan.responsibleUnitHelp")}
        options={[
          { value: "", label: t("relayLog.plan.choose") },
          ...data.units.map((unit) => ({ value: unit.id, label: unit.name })),
        ]}
        defaultValue={valueOf(failure, "responsibleUnitId", measure?.responsibleUnitId)}
        error={errors.responsibleUnitId}
      />
      <TextField
        name="responsibleText"
        label={t("relayLog.plan.responsibleText")}
        help={t("relayLog.plan.responsibleTextHelp")}
        maxLength={FAMILY_RESPONSIBLE_MAX}
        autoComplete="off"
        defaultValue={valueOf(failure, "responsibleText", measure?.responsibleText)}
        error={errors.responsibleText}
      />
      <RadioGroup
        name="place"
        legend={t("relayLog.plan.placeLegend")}
        required
        options={measurePlaces.map((place) => ({
          value: place,
          label: t(`relayLog.plan.place.${place}`),
        }))}
        checked={valueOf(failure, "place", measure?.place)}
        error={errors.place}
      />
      <SelectField
        name="supportsMeasureId"
        label={t("relayLog.plan.supports")}
        help={t("relayLog.plan.supportsHelp")}
        options={[
          { value: "", label: t("relayLog.plan.supportsNone") },
          ...serviceMeasures.map((item) => ({ value: item.id, label: short(item.what) })),
        ]}
        defaultValue={valueOf(failure, "supportsMeasureId", measure?.supportsMeasureId)}
        error={errors.supportsMeasureId}
      />
      <div className="relay-plan-dates">
        <DateField
          name="startsOn"
          label={t("relayLog.plan.startsOn")}
          required
          defaultValue={valueOf(failure, "startsOn", measure?.startsOn ?? data.today)}
          error={errors.startsOn}
        />
        <DateField
          name="dueOn"
          label={t("relayLog.plan.dueOn")}
          required
          defaultValue={valueOf(failure, "dueOn", measure?.dueOn)}
          error={errors.dueOn}
        />
      </div>
      <SelectField
        name="status"
        label={t("relayLog.plan.statusLabel")}
        options={measureStatuses.map((status) => ({
          value: status,
          label: t(`relayLog.plan.status.${status}`),
        }))}
        defaultValue={valueOf(failure, "status", measure?.status ?? "planned")}
        error={errors.status}
      />
    </>
  );
}
