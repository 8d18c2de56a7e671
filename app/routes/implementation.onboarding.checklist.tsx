import {
  Alert,
  Button,
  Heading,
  Link as DsLink,
  Paragraph,
  Table,
  Tag,
} from "@digdir/designsystemet-react";
import { Form, Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { can } from "../../core/access/policy.ts";
import {
  listChecklistSteps,
  moveChecklistStep,
  saveChecklistStep,
  setChecklistStepActive,
  STEP_DESCRIPTION_MAX,
  STEP_TITLE_MAX,
} from "../../core/implementation/onboarding.ts";
import { CsrfField, FormErrors, Notice, TextField, valueOf } from "../components/forms.tsx";
import { TextAreaField } from "../components/relay-log-plan-fields.tsx";
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
import type { Route } from "./+types/implementation.onboarding.checklist";

const PATH = "/implementering/nyansatte/sjekkliste";
const notices = new Set([
  "implementation.units.onboarding.checklist.notices.saved",
  "implementation.units.onboarding.checklist.notices.added",
  "implementation.units.onboarding.checklist.notices.moved",
  "implementation.units.onboarding.checklist.notices.deactivated",
  "implementation.units.onboarding.checklist.notices.reactivated",
]);

/**
 * /implementering/nyansatte/sjekkliste: the municipality's onboarding checklist. The
 * coordinator adds, edits, reorders and deactivates steps; others with the implementation view
 * read it.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "implementation.view");
  const steps = await loadOr404(() =>
    listChecklistSteps({ database: context.services.database, actor }),
  );
  return {
    steps,
    mayEdit: can(actor, "implementation.manage"),
    titleMax: STEP_TITLE_MAX,
    descriptionMax: STEP_DESCRIPTION_MAX,
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  const form = await request.formData();
  const values = formToObject(form);
  const intent = form.get("intent");
  // The edit form posts `stepId`; the row buttons post `target` (so a refused move or
  // deactivation is not mistaken for a failed edit when the page comes back).
  const { stepId: rawStepId, target, ...fields } = values;
  const stepId =
    typeof rawStepId === "string" ? rawStepId : typeof target === "string" ? target : "";
  const common = { database: context.services.database, actor, meta: context.meta };
  const notice = (key: string) =>
    redirect(withNotice(PATH, `implementation.units.onboarding.checklist.notices.${key}`));
  return runAction(values, async () => {
    switch (intent) {
      case "add":
        await saveChecklistStep({ ...common, values: fields });
        return notice("added");
      case "edit":
        await saveChecklistStep({ ...common, stepId, values: fields });
        return notice("saved");
      case "up":
      case "down":
        await moveChecklistStep({ ...common, stepId, direction: intent });
        return notice("moved");
      case "deactivate":
      case "reactivate":
        await setChecklistStepActive({ ...common, stepId, active: intent === "reactivate" });
        return notice(intent === "reactivate" ? "reactivated" : "deactivated");
      default:
        throw new Response(null, { status: 400 });
    }
  });
}

function StepFields(props: {
  failure: ActionFailure | undefined;
  stored?: { title: string; description: string };
  titleMax: number;
  descriptionMax: number;
}) {
  const t = useT();
  return (
    <>
      <TextField
        name="title"
        label={t("implementation.units.onboarding.checklist.fields.title")}
        required
        maxLength={props.titleMax}
        defaultValue={valueOf(props.failure, "title", props.stored?.title)}
        error={props.failure?.fieldErrors.title}
      />
      <TextAreaField
        name="description"
        label={t("implementation.units.onboarding.checklist.fields.description")}
        maxLength={props.descriptionMax}
        rows={3}
        defaultValue={valueOf(props.failure, "description", props.stored?.description)}
        error={props.failure?.fieldErrors.description}
      />
    </>
  );
}

export default function ChecklistPage() {
  const t = useT();
  const { steps, mayEdit, titleMax, descriptionMax } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const [params] = useSearchParams();
  const notice = params.get("melding");
  const failedEdit = failure ? valueOf(failure, "stepId") : undefined;
  const editingId = failedEdit ?? params.get("rediger");
  const editing = steps.find((step) => step.id === editingId);
  const editFailure = failure && failedEdit ? failure : undefined;
  const addFailure =
    failure && !failedEdit && Object.keys(failure.fieldErrors).length > 0 ? failure : undefined;
  const generalFailure =
    failure && !failedEdit && Object.keys(failure.fieldErrors).length === 0 ? failure : undefined;
  const title = t("implementation.units.onboarding.checklist.title");
  const named = (key: string, title: string) =>
    t(`implementation.units.onboarding.checklist.${key}Named`, { title });
  return (
    <div className="page">
      <title>{`${title} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {title}
      </Heading>
      <div className="actions">
        <DsLink asChild>
          <Link to="/implementering/nyansatte">
            {t("implementation.units.onboarding.checklist.back")}
          </Link>
        </DsLink>
      </div>
      {notice && notices.has(notice) ? <Notice>{t(notice)}</Notice> : null}
      {generalFailure ? (
        <Alert data-color="danger" role="alert">
          {t(generalFailure.messageKey)}
        </Alert>
      ) : null}
      <Paragraph>{t("implementation.units.onboarding.checklist.intro")}</Paragraph>
      {mayEdit ? null : (
        <Paragraph>{t("implementation.units.onboarding.checklist.readOnly")}</Paragraph>
      )}

      <div className="table-wrapper">
        <Table>
          <caption className="visually-hidden">
            {t("implementation.units.onboarding.checklist.caption")}
          </caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>
                {t("implementation.units.onboarding.checklist.columns.number")}
              </Table.HeaderCell>
              <Table.HeaderCell>
                {t("implementation.units.onboarding.checklist.columns.step")}
              </Table.HeaderCell>
              <Table.HeaderCell>
                {t("implementation.units.onboarding.checklist.columns.status")}
              </Table.HeaderCell>
              {mayEdit ? (
                <Table.HeaderCell>
                  {t("implementation.units.onboarding.checklist.columns.actions")}
                </Table.HeaderCell>
              ) : null}
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {steps.map((step, index) => (
              <Table.Row key={step.id}>
                <Table.Cell>{index + 1}</Table.Cell>
                <Table.Cell>
                  <strong>{step.title}</strong>
                  {step.description ? (
                    <Paragraph data-size="sm">{step.description}</Paragraph>
                  ) : null}
                </Table.Cell>
                <Table.Cell>
                  <Tag data-color={step.active ? "success" : "neutral"}>
                    {step.active
                      ? t("implementation.units.onboarding.checklist.active")
                      : t("implementation.units.onboarding.checklist.inactive")}
                  </Tag>
                </Table.Cell>
                {mayEdit ? (
                  <Table.Cell>
                    <Form method="post" action={PATH} className="inline-form">
                      <CsrfField />
                      <input type="hidden" name="target" value={step.id} />
                      {index > 0 ? (
                        <Button
                          type="submit"
                          name="intent"
                          value="up"
                          variant="tertiary"
                          data-size="sm"
                          aria-label={named("moveUp", step.title)}
                        >
                          {t("implementation.units.onboarding.checklist.moveUp")}
                        </Button>
                      ) : null}
                      {index < steps.length - 1 ? (
                        <Button
                          type="submit"
                          name="intent"
                          value="down"
                          variant="tertiary"
                          data-size="sm"
                          aria-label={named("moveDown", step.title)}
                        >
                          {t("implementation.units.onboarding.checklist.moveDown")}
                        </Button>
                      ) : null}
                      <Button
                        type="submit"
                        name="intent"
                        value={step.active ? "deactivate" : "reactivate"}
                        variant="tertiary"
                        data-size="sm"
                        aria-label={named(step.active ? "deactivate" : "reactivate", step.title)}
                      >
                        {step.active
                          ? t("implementation.units.onboarding.checklist.deactivate")
                          : t("implementation.units.onboarding.checklist.reactivate")}
                      </Button>
                      <DsLink asChild>
                        <Link
                          to={`${PATH}?rediger=${step.id}#rediger`}
                          aria-label={named("edit", step.title)}
                        >
                          {t("implementation.units.onboarding.checklist.edit")}
                        </Link>
                      </DsLink>
                    </Form>
                  </Table.Cell>
                ) : null}
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </div>

      {mayEdit && editing ? (
        <section aria-labelledby="rediger" className="page">
          <Heading level={2} data-size="md" id="rediger">
            {t("implementation.units.onboarding.checklist.editHeading", {
              number: steps.indexOf(editing) + 1,
            })}
          </Heading>
          <Form method="post" action={PATH} className="form" noValidate>
            <CsrfField />
            <input type="hidden" name="stepId" value={editing.id} />
            <FormErrors failure={editFailure} />
            <StepFields
              failure={editFailure}
              stored={editing}
              titleMax={titleMax}
              descriptionMax={descriptionMax}
            />
            <div className="form__actions">
              <Button type="submit" name="intent" value="edit">
                {t("implementation.units.onboarding.checklist.save")}
              </Button>
              <Button asChild variant="tertiary">
                <Link to={PATH}>{t("implementation.units.onboarding.checklist.cancel")}</Link>
              </Button>
            </div>
          </Form>
        </section>
      ) : null}

      {mayEdit && !editing ? (
        <section aria-labelledby="add-heading" className="page">
          <Heading level={2} data-size="md" id="add-heading">
            {t("implementation.units.onboarding.checklist.addHeading")}
          </Heading>
          <Form method="post" action={PATH} className="form" noValidate>
            <CsrfField />
            <FormErrors failure={addFailure} />
            <StepFields failure={addFailure} titleMax={titleMax} descriptionMax={descriptionMax} />
            <div className="form__actions">
              <Button type="submit" name="intent" value="add">
                {t("implementation.units.onboarding.checklist.add")}
              </Button>
            </div>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
