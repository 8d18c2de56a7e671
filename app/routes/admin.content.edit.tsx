import {
  Alert,
  Button,
  Heading,
  Link as DsLink,
  Paragraph,
  Table,
} from "@digdir/designsystemet-react";
import { useState } from "react";
import {
  data,
  Form,
  Link,
  redirect,
  useActionData,
  useLoaderData,
  useRouteLoaderData,
  useSearchParams,
} from "react-router";
import {
  approveAndPublish,
  archivePage,
  getPageForEditing,
  isContentConflict,
  listPagesForEditing,
  listVersions,
  rejectVersion,
  saveDraft,
  submitForReview,
} from "../../core/guide/content.ts";
import { approvalBlock, loadEditorPeople } from "../../core/guide/editor.ts";
import { legalNotes } from "../../core/guide/fields.ts";
import { topics } from "../../core/guide/kinds.ts";
import { renderMarkdown } from "../../core/guide/markdown.ts";
import { isAppError } from "../../core/errors.ts";
import { TextAreaField } from "../components/content-editor.tsx";
import { CheckboxGroup, CsrfField, FormErrors, Notice, TextField } from "../components/forms.tsx";
import {
  formFieldErrors,
  postedValues,
  saveInput,
  storedValues,
  type EditorValues,
} from "../lib/content-editor.ts";
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
import type { Route } from "./+types/admin.content.edit";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "guide.edit");
  const database = context.services.database;
  const editable = await loadOr404(() =>
    getPageForEditing({ database, actor, pageId: params.pageId }),
  );
  const [versions, samePages] = await Promise.all([
    listVersions({ database, actor, pageId: params.pageId }),
    listPagesForEditing({ database, actor, language: editable.page.language }),
  ]);
  const people = await loadEditorPeople({
    database,
    actor,
    userIds: versions.flatMap((version) => [
      version.createdBy,
      version.submittedBy,
      version.approvedBy,
    ]),
  });
  const nameOf = (id: string | null) => (id ? (people.names[id] ?? null) : null);
  const iso = (date: Date | null) => (date ? date.toISOString() : null);
  const { page, draft, published } = editable;
  const current = draft ?? published;
  return {
    page: {
      id: page.id,
      slug: page.slug,
      kind: page.kind,
      audience: page.audience,
      language: page.language,
      archived: page.archived,
      lockVersion: page.lockVersion,
      path: editable.path,
    },
    title: current?.title ?? page.slug,
    stored: storedValues(current),
    draft: draft
      ? {
          id: draft.id,
          number: draft.number,
          state: draft.state,
          reviewNote: draft.reviewNote,
          author: nameOf(draft.createdBy),
          submittedBy: nameOf(draft.submittedBy),
        }
      : null,
    published: published ? { number: published.number } : null,
    approval: draft ? approvalBlock(draft, actor, people.coordinatorCount) : null,
    coordinatorCount: people.coordinatorCount,
    toolOptions: samePages
      .filter((entry) => entry.page.kind === "tool" && !entry.page.archived)
      .map((entry) => ({
        value: entry.page.slug,
        label: (entry.published ?? entry.draft)?.title ?? entry.page.slug,
      })),
    versions: versions.map((version) => ({
      id: version.id,
      number: version.number,
      state: version.state,
      changeNote: version.changeNote,
      author: nameOf(version.createdBy),
      createdAt: iso(version.createdAt),
      approver: nameOf(version.approvedBy),
      approvedAt: iso(version.approvedAt),
    })),
  };
}

/** What the action answers besides redirects: a preview, a conflict, or a failed form. */
type EditorAnswer =
  | { ok: true; kind: "preview"; values: EditorValues; lockVersion: string }
  | {
      ok: false;
      kind: "conflict";
      messageKey: string;
      fieldErrors: Record<string, string>;
      values: Record<string, string | string[]>;
      mine: EditorValues;
      theirs: { title: string; summary: string; body: string; author: string | null };
      lockVersion: number;
    };

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "guide.edit");
  const database = context.services.database;
  const form = await request.formData();
  const values = formToObject(form);
  const intent = form.get("intent");
  const common = { database, actor, meta: context.meta };
  const text = (name: string) => (typeof values[name] === "string" ? values[name] : "");
  const here = `/admin/innhold/${params.pageId}`;

  if (intent === "preview") {
    return {
      ok: true,
      kind: "preview",
      values: postedValues(values),
      lockVersion: text("lockVersion"),
    } satisfies EditorAnswer;
  }

  return runAction(values, async () => {
    try {
      switch (intent) {
        case "save": {
          const page = await getPageForEditing({ database, actor, pageId: params.pageId });
          await saveDraft({
            ...common,
            pageId: params.pageId,
            lockVersion: Number(text("lockVersion")),
            values: saveInput(page.page.kind, postedValues(values)),
          });
          return redirect(withNotice(here, "editor.saved"));
        }
        case "submit":
          await submitForReview({ ...common, versionId: text("versionId") });
          return redirect(withNotice(here, "editor.submitted"));
        case "approve": {
          const version = await approveAndPublish({ ...common, versionId: text("versionId") });
          return redirect(
            withNotice(here, "editor.publishedNotice", { nr: String(version.number) }),
          );
        }
        case "reject":
          await rejectVersion({ ...common, versionId: text("versionId"), note: text("note") });
          return redirect(withNotice(here, "editor.rejected"));
        case "archive": {
          const page = await archivePage({ ...common, pageId: params.pageId });
          return redirect(withNotice("/admin/innhold", "editor.archived", { navn: page.slug }));
        }
        default:
          throw data({ messageKey: "errors.invalid" }, { status: 400 });
      }
    } catch (error) {
      if (isContentConflict(error)) {
        // Nothing was written: show what is stored now beside what this user typed.
        const now = await getPageForEditing({ database, actor, pageId: params.pageId });
        const theirs = error.current.draft ?? now.draft ?? now.published;
        const people = await loadEditorPeople({
          database,
          actor,
          userIds: [theirs?.createdBy],
        });
        return data(
          {
            ok: false,
            kind: "conflict",
            messageKey: error.messageKey,
            fieldErrors: {},
            values,
            mine: postedValues(values),
            theirs: {
              title: theirs?.title ?? "",
              summary: theirs?.summary ?? "",
              body: theirs?.body ?? "",
              author: theirs?.createdBy ? (people.names[theirs.createdBy] ?? null) : null,
            },
            lockVersion: error.current.lockVersion,
          } satisfies EditorAnswer,
          { status: 409 },
        );
      }
      // Someone approving their own text gets the reason on the page, not a bare 403.
      if (isAppError(error) && error.messageKey === "content.errors.ownVersion") {
        return data(
          { ok: false, messageKey: error.messageKey, fieldErrors: {}, values } as ActionFailure,
          { status: 403 },
        );
      }
      throw error;
    }
  });
}

export default function ContentEditorPage() {
  const t = useT();
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as EditorAnswer | ActionFailure | undefined;
  const [params] = useSearchParams();
  const root = useRouteLoaderData<RootData>("root");
  const language = root?.language ?? "nb";
  const { page } = loaded;
  const confirmingArchive = params.get("bekreft") === "arkiver";

  const conflict =
    actionData && "kind" in actionData && actionData.kind === "conflict" ? actionData : null;
  const preview =
    actionData && "kind" in actionData && actionData.kind === "preview" ? actionData : null;
  const failure =
    actionData && !("kind" in actionData) && isFailure(actionData)
      ? { ...actionData, fieldErrors: formFieldErrors(actionData.fieldErrors) }
      : undefined;
  // Several forms share the action; the hidden "form" field says which one failed.
  const editFailure = failure?.values.form === "edit" ? failure : undefined;
  const rejectFailure = failure?.values.form === "reject" ? failure : undefined;
  const workflowFailure = failure && !editFailure && !rejectFailure ? failure : undefined;

  const values: EditorValues = conflict
    ? conflict.mine
    : preview
      ? preview.values
      : editFailure
        ? postedValues(editFailure.values)
        : loaded.stored;
  // The lock version the user's text is based on: after a conflict the one now stored, since
  // the user has seen it; after a preview or a failed save the one they loaded.
  const lockVersion = conflict
    ? String(conflict.lockVersion)
    : preview
      ? preview.lockVersion
      : editFailure && typeof editFailure.values.lockVersion === "string"
        ? editFailure.values.lockVersion
        : String(page.lockVersion);
  const notice = params.get("melding");
  const formKey = `${page.id}:${page.lockVersion}:${conflict ? "c" : preview ? "p" : "s"}`;

  return (
    <div className="page">
      <title>{`${t("editor.editTitle", { title: loaded.title })} – ${t("app.name")}`}</title>
      <Paragraph>
        <DsLink asChild>
          <Link to="/admin/innhold">{t("editor.backToList")}</Link>
        </DsLink>
      </Paragraph>
      <Heading level={1} data-size="lg">
        {t("editor.editTitle", { title: loaded.title })}
      </Heading>
      {notice?.startsWith("editor.") ? (
        <Notice>
          {t(notice, { name: params.get("navn") ?? "", number: params.get("nr") ?? "" })}
        </Notice>
      ) : null}

      <dl className="details-list">
        <dt>{t("editor.colState")}</dt>
        <dd>
          {page.archived
            ? t("editor.archivedState")
            : loaded.draft
              ? t("editor.versionState", {
                  number: loaded.draft.number,
                  state: t(`content.state.${loaded.draft.state}`),
                })
              : t("editor.noDraft")}
          {loaded.published && !page.archived
            ? ` – ${t("editor.publishedVersion", { number: loaded.published.number })}`
            : null}
        </dd>
        <dt>{t("editor.fieldKind")}</dt>
        <dd>{t(`guide.kind.${page.kind}`)}</dd>
        <dt>{t("editor.colAudience")}</dt>
        <dd>{t(`editor.audience.${page.audience}`)}</dd>
        <dt>{t("editor.colLanguage")}</dt>
        <dd>{t(`languages.${page.language}`)}</dd>
        <dt>{t("editor.address")}</dt>
        <dd>
          {loaded.published && !page.archived ? (
            <DsLink href={page.path}>{page.path}</DsLink>
          ) : (
            <>
              {page.path} ({t("editor.notPublishedYet")})
            </>
          )}
        </dd>
      </dl>
      <div className="actions">
        <DsLink asChild>
          <Link to={`/admin/innhold/${page.id}/historikk`}>{t("editor.historyLink")}</Link>
        </DsLink>
      </div>
      {page.archived ? <Alert data-color="info">{t("editor.archivedNotice")}</Alert> : null}
      {loaded.draft?.reviewNote && loaded.draft.state === "draft" ? (
        <Alert data-color="warning">
          <Heading level={2} data-size="xs">
            {t("editor.reviewNoteHeading")}
          </Heading>
          <Paragraph>{loaded.draft.reviewNote}</Paragraph>
        </Alert>
      ) : null}

      {/* Up here, since the workflow section is gone when someone else already published. */}
      <FormErrors failure={workflowFailure} />
      {conflict ? <ConflictPanel conflict={conflict} /> : null}

      <EditorForm
        key={formKey}
        kind={page.kind}
        values={values}
        lockVersion={lockVersion}
        failure={editFailure}
        toolOptions={loaded.toolOptions}
        previewRequested={Boolean(preview)}
      />

      {loaded.draft ? (
        <Workflow
          draft={loaded.draft}
          approval={loaded.approval}
          coordinatorCount={loaded.coordinatorCount}
          rejectFailure={rejectFailure}
        />
      ) : null}

      <VersionTable versions={loaded.versions} language={language} />

      {page.archived ? null : (
        <section aria-labelledby="arkiver-heading" className="page">
          <Heading level={2} data-size="sm" id="arkiver-heading">
            {t("editor.archiveHeading")}
          </Heading>
          {confirmingArchive ? (
            <Alert data-color="warning">
              <Paragraph>{t("editor.archiveConfirm", { title: loaded.title })}</Paragraph>
              <Form method="post" className="form__actions">
                <CsrfField />
                <Button type="submit" name="intent" value="archive" data-color="danger">
                  {t("editor.confirmArchive")}
                </Button>
                <Button asChild variant="tertiary">
                  <Link to={`/admin/innhold/${page.id}`}>{t("editor.cancel")}</Link>
                </Button>
              </Form>
            </Alert>
          ) : (
            <>
              <Paragraph>{t("editor.archiveHelp")}</Paragraph>
              <div className="actions">
                <Button asChild variant="secondary" data-color="danger">
                  <Link to="?bekreft=arkiver">{t("editor.archive")}</Link>
                </Button>
              </div>
            </>
          )}
        </section>
      )}
    </div>
  );
}

function EditorForm(props: {
  kind: string;
  values: EditorValues;
  lockVersion: string;
  failure: ActionFailure | undefined;
  toolOptions: { value: string; label: string }[];
  previewRequested: boolean;
}) {
  const t = useT();
  const { values, failure, kind } = props;
  const errors = failure?.fieldErrors ?? {};
  // The live preview follows the textarea while typing; without JavaScript the "Forhåndsvis"
  // button posts the form and the server renders this same preview from what was typed.
  const [body, setBody] = useState(values.body);
  const previewHtml = renderMarkdown(body);
  return (
    <section aria-labelledby="rediger-heading" className="page">
      <Heading level={2} data-size="md" id="rediger-heading">
        {t("editor.editHeading")}
      </Heading>
      <FormErrors failure={failure} />
      <Form method="post" className="editor-form" noValidate>
        <CsrfField />
        <input type="hidden" name="form" value="edit" />
        <input type="hidden" name="lockVersion" value={props.lockVersion} />
        <div className="form">
          <TextField
            name="title"
            label={t("editor.fieldTitle")}
            required
            maxLength={200}
            defaultValue={values.title}
            error={errors.title}
          />
          <TextAreaField
            name="summary"
            label={t("editor.fieldSummary")}
            help={t("editor.summaryHelp")}
            rows={2}
            maxLength={600}
            defaultValue={values.summary}
            error={errors.summary}
          />
        </div>
        <div className="editor-split">
          <TextAreaField
            name="body"
            label={t("editor.fieldBody")}
            help={t("editor.bodyHelp")}
            rows={20}
            className="editor-body"
            value={body}
            onChange={(event) => setBody(event.target.value)}
            error={errors.body}
          />
          <section
            aria-labelledby="preview-heading"
            className="editor-preview"
            data-preview-requested={props.previewRequested ? "true" : undefined}
          >
            <Heading level={3} data-size="xs" id="preview-heading">
              {t("editor.preview")}
            </Heading>
            {body.trim() === "" ? (
              <Paragraph>{t("editor.previewEmpty")}</Paragraph>
            ) : (
              <div
                className="editor-preview__content guide-content"
                data-testid="editor-preview"
                // renderMarkdown escapes raw HTML and refuses unsafe URLs (core/guide/markdown.ts).
                dangerouslySetInnerHTML={{ __html: previewHtml }}
              />
            )}
          </section>
        </div>
        <div className="form">
          <KindFields kind={kind} values={values} errors={errors} toolOptions={props.toolOptions} />
          <CheckboxGroup
            name="verify"
            legend={t("editor.verifyLegend")}
            options={[{ value: "on", label: t("editor.fieldVerify") }]}
            checked={values.verify ? ["on"] : []}
          />
          <TextAreaField
            name="changeNote"
            label={t("editor.fieldChangeNote")}
            help={t("editor.changeNoteHelp")}
            rows={2}
            maxLength={500}
            defaultValue={values.changeNote}
            error={errors.changeNote}
          />
          <div className="form__actions">
            <Button type="submit" name="intent" value="save">
              {t("editor.save")}
            </Button>
            <Button type="submit" name="intent" value="preview" variant="secondary">
              {t("editor.previewButton")}
            </Button>
          </div>
        </div>
      </Form>
    </section>
  );
}

function KindFields(props: {
  kind: string;
  values: EditorValues;
  errors: Record<string, string>;
  toolOptions: { value: string; label: string }[];
}) {
  const t = useT();
  const { kind, values, errors } = props;
  if (kind === "step") {
    return (
      <>
        <TextField
          name="responsible"
          label={t("editor.fieldResponsible")}
          maxLength={500}
          defaultValue={values.responsible}
          error={errors.responsible}
        />
        <TextField
          name="deadline"
          label={t("editor.fieldDeadline")}
          maxLength={500}
          defaultValue={values.deadline}
          error={errors.deadline}
        />
        {props.toolOptions.length > 0 ? (
          <CheckboxGroup
            name="tools"
            legend={t("editor.fieldTools")}
            description={t("editor.toolsHelp")}
            options={props.toolOptions}
            checked={values.tools}
            error={errors.tools}
          />
        ) : (
          <Paragraph>{t("editor.noTools")}</Paragraph>
        )}
        <CheckboxGroup
          name="legal"
          legend={t("editor.fieldLegal")}
          options={legalNotes.map((note) => ({
            value: note,
            label: t(`guide.legalNotes.${note}`),
          }))}
          checked={values.legal}
          error={errors.legal}
        />
      </>
    );
  }
  if (kind === "term") {
    return (
      <TextAreaField
        name="synonyms"
        label={t("editor.fieldSynonyms")}
        help={t("editor.synonymsHelp")}
        rows={3}
        defaultValue={values.synonyms}
        error={errors.synonyms}
      />
    );
  }
  if (kind === "youth") {
    return (
      <>
        <CheckboxGroup
          name="topics"
          legend={t("editor.fieldTopics")}
          options={topics.map((topic) => ({ value: topic, label: t(`guide.topic.${topic}`) }))}
          checked={values.topics}
          error={errors.topics}
        />
        <CheckboxGroup
          name="emergency"
          legend={t("editor.emergencyLegend")}
          options={[{ value: "on", label: t("editor.fieldEmergency") }]}
          checked={values.emergency ? ["on"] : []}
        />
      </>
    );
  }
  return null;
}

function ConflictPanel(props: { conflict: Extract<EditorAnswer, { kind: "conflict" }> }) {
  const t = useT();
  const { conflict } = props;
  const author = conflict.theirs.author ?? t("editor.someoneElse");
  return (
    <section aria-labelledby="konflikt-heading" className="page conflict">
      <Alert data-color="danger" role="alert">
        <Heading level={2} data-size="sm" id="konflikt-heading">
          {t("editor.conflictHeading")}
        </Heading>
        <Paragraph>{t("editor.conflictIntro", { name: author })}</Paragraph>
      </Alert>
      <div className="conflict__columns">
        <ConflictColumn
          side="theirs"
          heading={t("editor.conflictTheirs", { name: author })}
          text={conflict.theirs}
        />
        <ConflictColumn side="mine" heading={t("editor.conflictMine")} text={conflict.mine} />
      </div>
      <Paragraph>{t("editor.conflictNext")}</Paragraph>
    </section>
  );
}

/** One side of an edit conflict, read-only so the user can copy from it. */
function ConflictColumn(props: {
  side: "theirs" | "mine";
  heading: string;
  text: { title: string; body: string };
}) {
  const t = useT();
  return (
    <div className="conflict__column">
      <Heading level={3} data-size="xs">
        {props.heading}
      </Heading>
      <TextAreaField
        id={`${props.side}-title`}
        name={`${props.side}Title`}
        label={t("editor.fieldTitle")}
        rows={1}
        readOnly
        value={props.text.title}
      />
      <TextAreaField
        id={`${props.side}-body`}
        name={`${props.side}Body`}
        label={t("editor.fieldBody")}
        rows={12}
        readOnly
        value={props.text.body}
      />
    </div>
  );
}

function Workflow(props: {
  draft: {
    id: string;
    number: number;
    state: string;
    author: string | null;
    submittedBy: string | null;
  };
  approval: ReturnType<typeof approvalBlock> | null;
  coordinatorCount: number;
  rejectFailure: ActionFailure | undefined;
}) {
  const t = useT();
  const { draft, approval } = props;
  return (
    <section aria-labelledby="godkjenning-heading" className="page">
      <Heading level={2} data-size="md" id="godkjenning-heading">
        {t("editor.workflowHeading")}
      </Heading>
      <Paragraph>
        {t("editor.versionState", {
          number: draft.number,
          state: t(`content.state.${draft.state}`),
        })}
        {draft.author ? ` – ${t("editor.writtenByName", { name: draft.author })}` : null}
      </Paragraph>
      {draft.state === "draft" ? (
        <>
          <Paragraph>{t("editor.submitHelp")}</Paragraph>
          <Form method="post" className="form__actions">
            <CsrfField />
            <input type="hidden" name="versionId" value={draft.id} />
            <Button type="submit" name="intent" value="submit" variant="secondary">
              {t("editor.submit")}
            </Button>
          </Form>
        </>
      ) : null}
      {draft.state === "review" ? (
        <>
          <Paragraph>{t("editor.inReviewHelp")}</Paragraph>
          {approval === null ? (
            <>
              {props.coordinatorCount <= 1 ? (
                <Paragraph>{t("editor.approveSelfAllowed")}</Paragraph>
              ) : null}
              <Form method="post" className="form__actions">
                <CsrfField />
                <input type="hidden" name="versionId" value={draft.id} />
                <Button type="submit" name="intent" value="approve">
                  {t("editor.approve")}
                </Button>
              </Form>
            </>
          ) : (
            <Alert data-color="info">{t("editor.approveOwnBlocked")}</Alert>
          )}
          <Form method="post" className="form" noValidate>
            <CsrfField />
            <input type="hidden" name="form" value="reject" />
            <input type="hidden" name="versionId" value={draft.id} />
            <TextAreaField
              name="note"
              label={t("editor.rejectNote")}
              help={t("editor.rejectHelp")}
              rows={3}
              maxLength={2000}
              defaultValue={
                typeof props.rejectFailure?.values.note === "string"
                  ? props.rejectFailure.values.note
                  : ""
              }
              error={props.rejectFailure?.fieldErrors.note}
            />
            <div className="form__actions">
              <Button type="submit" name="intent" value="reject" variant="secondary">
                {t("editor.reject")}
              </Button>
            </div>
          </Form>
        </>
      ) : null}
    </section>
  );
}

function VersionTable(props: {
  versions: {
    id: string;
    number: number;
    state: string;
    changeNote: string;
    author: string | null;
    createdAt: string | null;
    approver: string | null;
    approvedAt: string | null;
  }[];
  language: RootData["language"];
}) {
  const t = useT();
  const at = (name: string | null, date: string | null) =>
    name && date
      ? t("editor.byAt", { name, date: formatDateTime(date, props.language) })
      : (name ?? "–");
  return (
    <section aria-labelledby="versjoner-heading" className="page">
      <Heading level={2} data-size="md" id="versjoner-heading">
        {t("editor.versionsHeading")}
      </Heading>
      <div className="table-wrapper">
        <Table>
          <caption className="visually-hidden">{t("editor.versionsHeading")}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t("editor.colNumber")}</Table.HeaderCell>
              <Table.HeaderCell>{t("editor.colState")}</Table.HeaderCell>
              <Table.HeaderCell>{t("editor.colWrittenBy")}</Table.HeaderCell>
              <Table.HeaderCell>{t("editor.colApprovedBy")}</Table.HeaderCell>
              <Table.HeaderCell>{t("editor.colChangeNote")}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {props.versions.map((version) => (
              <Table.Row key={version.id}>
                <Table.Cell>{version.number}</Table.Cell>
                <Table.Cell>{t(`content.state.${version.state}`)}</Table.Cell>
                <Table.Cell>{at(version.author, version.createdAt)}</Table.Cell>
                <Table.Cell>{at(version.approver, version.approvedAt)}</Table.Cell>
                <Table.Cell>{version.changeNote || "–"}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </div>
    </section>
  );
}
