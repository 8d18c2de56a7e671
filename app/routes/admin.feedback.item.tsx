import {
  Button,
  Field,
  Heading,
  Input,
  Label,
  Link as DsLink,
  Paragraph,
  Textarea,
  ValidationMessage,
} from "@digdir/designsystemet-react";
import {
  Form,
  Link,
  redirect,
  useActionData,
  useLoaderData,
  useRouteLoaderData,
  useSearchParams,
} from "react-router";
import { feedbackActionNoteMax, feedbackThemeMax } from "../../core/guide/feedback-form.ts";
import {
  getFeedback,
  linkToRevision,
  listFeedbackThemes,
  listRevisionsForFeedback,
  replyToFeedback,
  saveFeedbackNote,
  updateFeedbackState,
} from "../../core/guide/feedback.ts";
import { feedbackStates } from "../../core/guide/kinds.ts";
import { StateTag } from "../components/feedback.tsx";
import {
  CsrfField,
  FormErrors,
  Notice,
  SelectField,
  TextField,
  valueOf,
} from "../components/forms.tsx";
import { TextAreaField } from "../components/relay-log-plan-fields.tsx";
import { formatDateTime } from "../lib/format-date.ts";
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
import type { RootData } from "../root.tsx";
import type { Route } from "./+types/admin.feedback.item";

const notices = new Set([
  "feedback.item.stateSaved",
  "feedback.item.linkSaved",
  "feedback.item.replySent",
  "evaluation.reports.feedback.noteSaved",
]);

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "guide.edit");
  const { database, mailer } = context.services;
  const item = await loadOr404(() =>
    getFeedback({ database, actor, meta: context.meta, feedbackId: params.feedbackId }),
  );
  const revisions = await listRevisionsForFeedback({ database, actor });
  const themes = await listFeedbackThemes({ database, actor });
  return {
    item,
    themes,
    revisions: revisions.map(({ id, year }) => ({ id, year })),
    currentYear: new Date().getFullYear(),
    mailConfigured: mailer.configured,
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "guide.edit");
  const form = await request.formData();
  const values = formToObject(form);
  const intent = form.get("intent");
  const { services } = context;
  const common = {
    database: services.database,
    actor,
    meta: context.meta,
    feedbackId: params.feedbackId,
    values,
  };
  const here = `/admin/tilbakemeldinger/${params.feedbackId}`;
  return runAction(values, async () => {
    if (intent === "reply") {
      await replyToFeedback({
        ...common,
        encryptionKey: services.config.dataEncryptionKey,
        mailer: services.mailer,
      });
      return redirect(withNotice(here, "feedback.item.replySent"));
    }
    if (intent === "note") {
      await saveFeedbackNote(common);
      return redirect(withNotice(here, "evaluation.reports.feedback.noteSaved"));
    }
    if (intent === "revision") {
      await linkToRevision(common);
      return redirect(withNotice(here, "feedback.item.linkSaved"));
    }
    await updateFeedbackState(common);
    return redirect(withNotice(here, "feedback.item.stateSaved"));
  });
}

/** Which of the page's three forms a failed post came from, told by the fields it sent. */
function failureFor(failure: ActionFailure | undefined, field: string) {
  return failure && field in failure.values ? failure : undefined;
}

export default function FeedbackItemPage() {
  const t = useT();
  const { item, themes, revisions, currentYear, mailConfigured } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const [params] = useSearchParams();
  const notice = params.get("melding");
  const language = useRouteLoaderData<RootData>("root")?.language ?? "nb";
  const received = formatDateTime(item.createdAt, language);

  const stateFailure = failureFor(failure, "state");
  const revisionFailure = failureFor(failure, "year");
  const replyFailure = failureFor(failure, "subject");
  const noteFailure = failureFor(failure, "actionNote");

  const existingYears = new Set(revisions.map((revision) => revision.year));
  const years = [...new Set([...existingYears, currentYear, currentYear + 1])].sort(
    (a, b) => b - a,
  );

  return (
    <div className="page">
      <title>{`${t("feedback.item.title")} – ${received} – ${t("app.name")}`}</title>
      <Paragraph>
        <DsLink asChild>
          <Link to="/admin/tilbakemeldinger">{t("feedback.item.back")}</Link>
        </DsLink>
      </Paragraph>
      <Heading level={1} data-size="lg">
        {t("feedback.item.title")}: {t(`feedback.kind.${item.kind}`)}
      </Heading>
      {notice && notices.has(notice) ? <Notice>{t(notice)}</Notice> : null}

      <dl className="feedback-details">
        <dt>{t("feedback.inbox.received")}</dt>
        <dd>{received}</dd>
        <dt>{t("feedback.item.page")}</dt>
        <dd>
          <DsLink href={item.pagePath}>{item.pageTitle || item.pagePath}</DsLink>
          {item.pageTitle ? (
            <>
              {" "}
              (<code>{item.pagePath}</code>)
            </>
          ) : null}
        </dd>
        <dt>{t("feedback.item.kind")}</dt>
        <dd>{t(`feedback.kind.${item.kind}`)}</dd>
        <dt>{t("feedback.item.state")}</dt>
        <dd>
          <StateTag state={item.state} />
        </dd>
        <dt>{t("feedback.item.revisionHeading")}</dt>
        <dd>
          {item.revision
            ? t("feedback.item.revisionCurrent", { year: item.revision.year })
            : t("feedback.item.revisionNone")}
        </dd>
        <dt>{t("evaluation.reports.feedback.themeLabel")}</dt>
        <dd>{item.theme ?? t("evaluation.reports.feedback.noTheme")}</dd>
        <dt>{t("evaluation.reports.feedback.actionNoteLabel")}</dt>
        <dd>{item.actionNote || t("evaluation.reports.feedback.noAction")}</dd>
        <dt>{t("feedback.item.email")}</dt>
        <dd>{item.hasEmail ? t("feedback.item.emailLeft") : t("feedback.item.emailNone")}</dd>
      </dl>

      <section aria-labelledby="text-heading">
        <Heading level={2} data-size="sm" id="text-heading">
          {t("feedback.item.text")}
        </Heading>
        <blockquote className="feedback-text">{item.text}</blockquote>
      </section>

      {item.reply ? (
        <section aria-labelledby="reply-stored-heading">
          <Heading level={2} data-size="sm" id="reply-stored-heading">
            {t("feedback.item.replyStored")}
          </Heading>
          <Paragraph data-size="sm">
            {t("feedback.item.replied", {
              date: item.repliedAt ? formatDateTime(item.repliedAt, language) : "–",
              name: item.repliedByName ?? "–",
            })}
          </Paragraph>
          <blockquote className="feedback-text">{item.reply}</blockquote>
        </section>
      ) : null}

      <section aria-labelledby="state-heading">
        <Heading level={2} data-size="sm" id="state-heading">
          {t("feedback.item.stateHeading")}
        </Heading>
        <FormErrors failure={stateFailure} />
        <Form method="post" className="feedback-filter">
          <CsrfField />
          <SelectField
            name="state"
            label={t("feedback.item.newState")}
            defaultValue={valueOf(stateFailure, "state", item.state)}
            error={stateFailure?.fieldErrors.state}
            options={feedbackStates.map((state) => ({
              value: state,
              label: t(`feedback.state.${state}`),
            }))}
          />
          <Button type="submit" name="intent" value="state" variant="secondary">
            {t("feedback.item.saveState")}
          </Button>
        </Form>
      </section>

      <section aria-labelledby="note-heading">
        <Heading level={2} data-size="sm" id="note-heading">
          {t("evaluation.reports.feedback.noteHeading")}
        </Heading>
        <FormErrors failure={noteFailure} />
        <Form method="post" className="form feedback-form">
          <CsrfField />
          <Field>
            <Label htmlFor="theme">{t("evaluation.reports.feedback.themeLabel")}</Label>
            <Paragraph data-size="sm" id="theme-hjelp">
              {t("evaluation.reports.feedback.themeHelp")}
            </Paragraph>
            <Input
              id="theme"
              name="theme"
              list="feedback-themes"
              maxLength={feedbackThemeMax}
              autoComplete="off"
              defaultValue={valueOf(noteFailure, "theme", item.theme ?? "")}
              aria-invalid={noteFailure?.fieldErrors.theme ? true : undefined}
              aria-describedby={
                noteFailure?.fieldErrors.theme ? "theme-hjelp theme-feil" : "theme-hjelp"
              }
            />
            <datalist id="feedback-themes">
              {themes.map((theme) => (
                <option key={theme} value={theme} />
              ))}
            </datalist>
            {noteFailure?.fieldErrors.theme ? (
              <ValidationMessage id="theme-feil">
                {t(noteFailure.fieldErrors.theme)}
              </ValidationMessage>
            ) : null}
          </Field>
          <TextAreaField
            name="actionNote"
            label={t("evaluation.reports.feedback.actionNoteLabel")}
            help={t("evaluation.reports.feedback.actionNoteHelp")}
            maxLength={feedbackActionNoteMax}
            rows={4}
            defaultValue={valueOf(noteFailure, "actionNote", item.actionNote)}
            error={noteFailure?.fieldErrors.actionNote}
          />
          <div className="form__actions">
            <Button type="submit" name="intent" value="note" variant="secondary">
              {t("evaluation.reports.feedback.saveNote")}
            </Button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="revision-heading">
        <Heading level={2} data-size="sm" id="revision-heading">
          {t("feedback.item.revisionHeading")}
        </Heading>
        <FormErrors failure={revisionFailure} />
        <Form method="post" className="feedback-filter">
          <CsrfField />
          <SelectField
            name="year"
            label={t("feedback.item.revisionYear")}
            help={t("feedback.item.revisionHelp")}
            defaultValue={valueOf(
              revisionFailure,
              "year",
              String(item.revision?.year ?? currentYear),
            )}
            error={revisionFailure?.fieldErrors.year}
            options={[
              ...years.map((year) => ({
                value: String(year),
                label: existingYears.has(year)
                  ? t("feedback.item.revisionOption", { year })
                  : t("feedback.item.revisionNew", { year }),
              })),
              { value: "", label: t("feedback.item.revisionUnlink") },
            ]}
          />
          <Button type="submit" name="intent" value="revision" variant="secondary">
            {t("feedback.item.linkRevision")}
          </Button>
        </Form>
      </section>

      <section aria-labelledby="reply-heading">
        <Heading level={2} data-size="sm" id="reply-heading">
          {t("feedback.item.replyHeading")}
        </Heading>
        {!item.hasEmail ? (
          <Paragraph>{t("feedback.item.emailNone")}</Paragraph>
        ) : !mailConfigured ? (
          <Paragraph>{t("feedback.item.mailOff")}</Paragraph>
        ) : (
          <>
            <FormErrors failure={replyFailure} />
            <Form method="post" className="form feedback-form">
              <CsrfField />
              <Paragraph data-size="sm">{t("feedback.item.replyHelp")}</Paragraph>
              <TextField
                name="subject"
                label={t("feedback.item.replySubject")}
                required
                defaultValue={valueOf(
                  replyFailure,
                  "subject",
                  t("feedback.item.replyDefaultSubject"),
                )}
                error={replyFailure?.fieldErrors.subject}
              />
              <Field>
                <Label htmlFor="text">
                  {t("feedback.item.replyText")}
                  <span className="required-marker"> ({t("common.required")})</span>
                </Label>
                <Textarea
                  id="text"
                  name="text"
                  rows={8}
                  required
                  defaultValue={valueOf(replyFailure, "text") ?? ""}
                  aria-invalid={replyFailure?.fieldErrors.text ? true : undefined}
                  aria-describedby={replyFailure?.fieldErrors.text ? "text-feil" : undefined}
                />
                {replyFailure?.fieldErrors.text ? (
                  <ValidationMessage id="text-feil">
                    {t(replyFailure.fieldErrors.text)}
                  </ValidationMessage>
                ) : null}
              </Field>
              <div className="form__actions">
                <Button type="submit" name="intent" value="reply">
                  {t("feedback.item.replySend")}
                </Button>
              </div>
            </Form>
          </>
        )}
      </section>
    </div>
  );
}
