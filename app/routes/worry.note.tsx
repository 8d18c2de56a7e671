import { Alert, Button, Heading, Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { Fragment } from "react";
import { Form, Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { worryDecisions } from "../../core/guide/kinds.ts";
import {
  decideWorryNote,
  deleteWorryNote,
  getWorryNote,
  updateWorryNote,
} from "../../core/guide/worry.ts";
import {
  osloDate,
  WORRY_PSEUDONYM_MAX,
  worryTextQuestionIds,
} from "../../core/guide/worry-rules.ts";
import { CsrfField, Notice, RadioGroup, TextField, valueOf } from "../components/forms.tsx";
import { OpenLogFromWorryLink } from "../components/relay-log-attention.tsx";
import {
  formatDate,
  IdentifyingWarning,
  TextAreaField,
  useDeadlineLabel,
} from "../components/worry-fields.tsx";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  isFailure,
  loadOr404,
  requirePermission,
  runAction,
  withNotice,
} from "../lib/route-helpers.ts";
import type { Route } from "./+types/worry.note";

/** One worry note: read, edit, record the decision or delete. Only its author gets past the loader. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "guide.read");
  const note = await loadOr404(() =>
    getWorryNote({ database: context.services.database, actor, noteId: params.noteId }),
  );
  return {
    today: osloDate(),
    note: {
      id: note.id,
      pseudonym: note.pseudonym,
      note: note.note,
      answers: note.answers,
      deadline: note.deadline,
      decision: note.decision,
    },
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "guide.read");
  const form = await request.formData();
  const values = formToObject(form);
  const intent = form.get("intent");
  const common = {
    database: context.services.database,
    actor,
    meta: context.meta,
    noteId: params.noteId,
  };
  const path = `/mine-bekymringer/${params.noteId}`;
  return runAction(values, async () => {
    if (intent === "delete") {
      await deleteWorryNote(common);
      return redirect(withNotice("/mine-bekymringer", "worry.deleted"));
    }
    if (intent === "decide") {
      await decideWorryNote({ ...common, values: { decision: values.decision } });
      return redirect(withNotice(path, "worry.decided"));
    }
    await updateWorryNote({ ...common, values });
    return redirect(withNotice(path, "worry.updated"));
  });
}

export default function WorryNotePage() {
  const t = useT();
  const { note, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const [params] = useSearchParams();
  const notice = params.get("melding");
  const confirmingDelete = params.get("bekreft") === "slett";
  const deadlineLabel = useDeadlineLabel();
  const editing = failure && failure.values.decision === undefined ? failure : undefined;
  const warnings = Object.fromEntries(
    Object.entries(editing?.fieldErrors ?? {}).filter(([, key]) =>
      key.startsWith("worry.warning."),
    ),
  );
  const fieldError = (name: string) => (warnings[name] ? undefined : editing?.fieldErrors[name]);
  const fieldLabel = (field: string) =>
    (worryTextQuestionIds as readonly string[]).includes(field)
      ? t(`worry.question.${field}`)
      : t(`worry.${field}`);
  return (
    <div className="page">
      <title>{`${t("worry.noteTitle", { pseudonym: note.pseudonym })} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {t("worry.noteTitle", { pseudonym: note.pseudonym })}
      </Heading>
      {notice === "worry.saved" || notice === "worry.updated" || notice === "worry.decided" ? (
        <Notice>{t(notice)}</Notice>
      ) : null}
      <Paragraph>
        {t("worry.deadlineOn", { date: formatDate(note.deadline) })}
        {note.decision ? null : ` – ${deadlineLabel(note.deadline, today)}`}
      </Paragraph>
      <Paragraph>
        {note.decision
          ? t("worry.decidedAs", { decision: t(`worry.decision.${note.decision}`) })
          : t("worry.mine.open")}
      </Paragraph>
      {note.decision ? (
        <section aria-labelledby="next-heading">
          <Heading level={2} data-size="sm" id="next-heading">
            {t("worry.nextStepHeading")}
          </Heading>
          <Paragraph>
            {t(`worry.decisionExplain.${note.decision}`)}
            {note.decision === "report" ? (
              <>
                {" "}
                <DsLink href="/bekymring/meld-na">{t("worry.reportNowLink")}</DsLink>
              </>
            ) : null}
            {note.decision === "level2" ? <OpenLogFromWorryLink /> : null}
          </Paragraph>
        </section>
      ) : null}

      <dl className="details-list">
        {worryTextQuestionIds.map((id) => (
          <Fragment key={id}>
            <dt>{t(`worry.question.${id}`)}</dt>
            <dd>{note.answers[id] || t("worry.noAnswer")}</dd>
          </Fragment>
        ))}
        <dt>{t("worry.note")}</dt>
        <dd>{note.note || t("worry.noAnswer")}</dd>
      </dl>

      <section aria-labelledby="decide-heading" className="page">
        <Heading level={2} data-size="md" id="decide-heading">
          {t("worry.decideHeading")}
        </Heading>
        <Form method="post" className="form">
          <CsrfField />
          <RadioGroup
            name="decision"
            legend={t("worry.decisionLegend")}
            options={worryDecisions.map((value) => ({
              value,
              label: t(`worry.decision.${value}`),
            }))}
            checked={valueOf(failure, "decision", note.decision)}
            error={failure?.fieldErrors.decision}
          />
          <div className="form__actions">
            <Button type="submit" name="intent" value="decide">
              {t("worry.decide")}
            </Button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="edit-heading" className="page">
        <Heading level={2} data-size="md" id="edit-heading">
          {t("worry.editHeading")}
        </Heading>
        <Form method="post" className="form" noValidate>
          <CsrfField />
          <IdentifyingWarning warnings={warnings} fieldLabel={fieldLabel} />
          <TextField
            name="pseudonym"
            label={t("worry.pseudonym")}
            help={t("worry.pseudonymHelp")}
            required
            maxLength={WORRY_PSEUDONYM_MAX}
            autoComplete="off"
            defaultValue={valueOf(editing, "pseudonym", note.pseudonym)}
            error={fieldError("pseudonym")}
          />
          {worryTextQuestionIds.map((id) => (
            <TextAreaField
              key={id}
              name={id}
              label={t(`worry.question.${id}`)}
              defaultValue={valueOf(editing, id, note.answers[id] ?? "")}
              error={fieldError(id)}
            />
          ))}
          <TextAreaField
            name="note"
            label={t("worry.note")}
            defaultValue={valueOf(editing, "note", note.note)}
            error={fieldError("note")}
          />
          <div className="form__actions">
            <Button type="submit" name="intent" value="update">
              {t("worry.saveChanges")}
            </Button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="delete-heading" className="page">
        <Heading level={2} data-size="md" id="delete-heading">
          {t("worry.deleteHeading")}
        </Heading>
        {confirmingDelete ? (
          <Alert data-color="warning">
            <Paragraph>{t("worry.deleteConfirm", { pseudonym: note.pseudonym })}</Paragraph>
            <Form method="post" className="form__actions">
              <CsrfField />
              <Button type="submit" name="intent" value="delete" data-color="danger">
                {t("worry.confirmDelete")}
              </Button>
              <Button asChild variant="tertiary">
                <Link to={`/mine-bekymringer/${note.id}`}>{t("worry.cancel")}</Link>
              </Button>
            </Form>
          </Alert>
        ) : (
          <div className="actions">
            <Button asChild variant="secondary" data-color="danger">
              <Link to="?bekreft=slett">{t("worry.delete")}</Link>
            </Button>
          </div>
        )}
      </section>
    </div>
  );
}
