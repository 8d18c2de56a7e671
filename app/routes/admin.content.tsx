import {
  Alert,
  Button,
  Field,
  Heading,
  Input,
  Label,
  Link as DsLink,
  Paragraph,
  Table,
  Textarea,
  ValidationMessage,
} from "@digdir/designsystemet-react";
import { useState } from "react";
import {
  Form,
  Link,
  redirect,
  useActionData,
  useLoaderData,
  useRouteLoaderData,
  useSearchParams,
} from "react-router";
import {
  createPage,
  getDueRevision,
  listPagesForEditing,
  osloDate,
  setRevisionDate,
} from "../../core/guide/content.ts";
import { loadEditorPeople } from "../../core/guide/editor.ts";
import { audiences, contentKinds } from "../../core/guide/kinds.ts";
import { contentLanguages } from "../../core/guide/paths.ts";
import { CsrfField, FormErrors, Notice, SelectField, valueOf } from "../components/forms.tsx";
import { slugFromTitle } from "../lib/content-editor.ts";
import { formatDateTime } from "../lib/format-date.ts";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  isFailure,
  requirePermission,
  runAction,
  withNotice,
  type ActionFailure,
} from "../lib/route-helpers.ts";
import type { RootData } from "../root.tsx";
import type { Route } from "./+types/admin.content";

/** The filter's states: the latest version's state, or archived pages. */
const stateFilters = ["draft", "review", "published", "archived"] as const;
type StateFilter = (typeof stateFilters)[number];

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "guide.edit");
  const database = context.services.database;
  const url = new URL(request.url);
  const kindFilter = (contentKinds as readonly string[]).includes(
    url.searchParams.get("type") ?? "",
  )
    ? url.searchParams.get("type")!
    : "";
  const stateFilter = (stateFilters as readonly string[]).includes(
    url.searchParams.get("status") ?? "",
  )
    ? (url.searchParams.get("status") as StateFilter)
    : "";

  const [pages, due] = await Promise.all([
    listPagesForEditing({ database, actor }),
    getDueRevision({ database, actor }),
  ]);
  const people = await loadEditorPeople({
    database,
    actor,
    userIds: pages.map((entry) => (entry.draft ?? entry.published)?.createdBy),
  });
  const all = pages.map((entry) => {
    const latest = entry.draft ?? entry.published;
    return {
      id: entry.page.id,
      title: latest?.title ?? entry.page.slug,
      slug: entry.page.slug,
      kind: entry.page.kind,
      audience: entry.page.audience,
      language: entry.page.language,
      archived: entry.page.archived,
      // The state of the latest version: an open draft or review, else the published one.
      state: latest?.state ?? null,
      hasPublished: entry.published !== null,
      changedAt: entry.page.updatedAt.toISOString(),
      changedBy: latest?.createdBy ? (people.names[latest.createdBy] ?? null) : null,
    };
  });
  const rows = all.filter(
    (row) =>
      (!kindFilter || row.kind === kindFilter) &&
      (!stateFilter ||
        (stateFilter === "archived" ? row.archived : !row.archived && row.state === stateFilter)),
  );
  return {
    rows,
    total: all.length,
    kindFilter,
    stateFilter,
    parents: all
      .filter((row) => !row.archived)
      .map((row) => ({ id: row.id, title: row.title, language: row.language })),
    revision: due
      ? {
          year: due.revision.year,
          dueDate: due.revision.dueDate,
          notes: due.revision.notes,
          daysLeft: due.daysLeft,
          dueSoon: due.dueSoon,
        }
      : null,
    thisYear: Number(osloDate(new Date()).slice(0, 4)),
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "guide.edit");
  const form = await request.formData();
  const values = formToObject(form);
  const intent = form.get("intent");
  const common = { database: context.services.database, actor, meta: context.meta };
  const text = (name: string) => (typeof values[name] === "string" ? values[name] : "");
  return runAction(values, async () => {
    if (intent === "revision") {
      await setRevisionDate({
        ...common,
        // An empty field is "missing", so the message says to fill it in rather than "bad format".
        values: {
          year: text("year") || undefined,
          dueDate: text("dueDate") || undefined,
          notes: text("notes"),
        },
      });
      return redirect(withNotice("/admin/innhold", "editor.revisionSaved"));
    }
    const title = text("title");
    const { page, draft } = await createPage({
      ...common,
      values: {
        title,
        // Without JavaScript nobody suggested a slug: derive it from the title here.
        slug: text("slug").trim() || slugFromTitle(title),
        kind: text("kind"),
        audience: text("audience"),
        language: text("language") || "nb",
        parentId: text("parentId"),
      },
    });
    return redirect(
      withNotice(`/admin/innhold/${page.id}`, "editor.created", { navn: draft.title }),
    );
  });
}

export default function ContentListPage() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const root = useRouteLoaderData<RootData>("root");
  const language = root?.language ?? "nb";
  const failure = isFailure(actionData) ? actionData : undefined;
  // Two forms share the action; the hidden "form" field says which one the errors belong to.
  const revisionFailure = failure?.values.form === "revision" ? failure : undefined;
  const createFailure = failure && !revisionFailure ? failure : undefined;
  const notice = params.get("melding");
  const groups = contentKinds
    .map((kind) => ({ kind, rows: data.rows.filter((row) => row.kind === kind) }))
    .filter((group) => group.rows.length > 0);

  return (
    <div className="page">
      <title>{`${t("editor.title")} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {t("editor.title")}
      </Heading>
      {notice === "editor.revisionSaved" || notice === "editor.archived" ? (
        <Notice>{t(notice, { name: params.get("navn") ?? "" })}</Notice>
      ) : null}
      <RevisionBanner revision={data.revision} language={language} />
      <Paragraph>{t("editor.intro")}</Paragraph>
      <div className="actions">
        <Button asChild variant="secondary">
          <a href="#ny-side">{t("editor.newHeading")}</a>
        </Button>
        <DsLink asChild>
          <Link to="/hva-er-nytt">{t("editor.whatsNew.title")}</Link>
        </DsLink>
      </div>

      <Form method="get" className="filter-form" aria-labelledby="filter-heading">
        <Heading level={2} data-size="xs" id="filter-heading">
          {t("editor.filterHeading")}
        </Heading>
        <div className="filter-form__row">
          <SelectField
            name="type"
            label={t("editor.filterKind")}
            defaultValue={data.kindFilter}
            options={[
              { value: "", label: t("editor.filterAll") },
              ...contentKinds.map((kind) => ({ value: kind, label: t(`guide.kind.${kind}`) })),
            ]}
          />
          <SelectField
            name="status"
            label={t("editor.filterState")}
            defaultValue={data.stateFilter}
            options={[
              { value: "", label: t("editor.filterAll") },
              ...stateFilters.map((state) => ({
                value: state,
                label:
                  state === "archived" ? t("editor.archivedState") : t(`content.state.${state}`),
              })),
            ]}
          />
          <Button type="submit" variant="secondary">
            {t("editor.filterSubmit")}
          </Button>
        </div>
      </Form>

      {data.total === 0 ? (
        <Paragraph>{t("editor.empty")}</Paragraph>
      ) : groups.length === 0 ? (
        <Paragraph>{t("editor.emptyFiltered")}</Paragraph>
      ) : (
        groups.map((group) => (
          <section key={group.kind} aria-labelledby={`kind-${group.kind}`} className="page">
            <Heading level={2} data-size="sm" id={`kind-${group.kind}`}>
              {t(`editor.kindGroup.${group.kind}`)} ({group.rows.length})
            </Heading>
            <div className="table-wrapper">
              <Table>
                <caption className="visually-hidden">{t(`editor.kindGroup.${group.kind}`)}</caption>
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell>{t("editor.colTitle")}</Table.HeaderCell>
                    <Table.HeaderCell>{t("editor.colSlug")}</Table.HeaderCell>
                    <Table.HeaderCell>{t("editor.colAudience")}</Table.HeaderCell>
                    <Table.HeaderCell>{t("editor.colLanguage")}</Table.HeaderCell>
                    <Table.HeaderCell>{t("editor.colState")}</Table.HeaderCell>
                    <Table.HeaderCell>{t("editor.colChanged")}</Table.HeaderCell>
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {group.rows.map((row) => (
                    <Table.Row key={row.id}>
                      <Table.Cell>
                        <DsLink asChild>
                          <Link to={`/admin/innhold/${row.id}`}>{row.title}</Link>
                        </DsLink>
                      </Table.Cell>
                      <Table.Cell>{row.slug}</Table.Cell>
                      <Table.Cell>{t(`editor.audience.${row.audience}`)}</Table.Cell>
                      <Table.Cell>{t(`languages.${row.language}`)}</Table.Cell>
                      <Table.Cell>
                        {row.archived
                          ? t("editor.archivedState")
                          : row.state
                            ? t(`content.state.${row.state}`)
                            : t("editor.noVersion")}
                        {!row.archived && row.state !== "published" && row.hasPublished
                          ? ` (${t("editor.alsoPublished")})`
                          : null}
                      </Table.Cell>
                      <Table.Cell>
                        {row.changedBy
                          ? t("editor.changedBy", {
                              date: formatDateTime(row.changedAt, language),
                              name: row.changedBy,
                            })
                          : formatDateTime(row.changedAt, language)}
                      </Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            </div>
          </section>
        ))
      )}

      <NewPageForm failure={createFailure} parents={data.parents} />
      <RevisionForm failure={revisionFailure} revision={data.revision} thisYear={data.thisYear} />
    </div>
  );
}

function RevisionBanner(props: {
  revision: { year: number; dueDate: string; daysLeft: number; dueSoon: boolean } | null;
  language: string;
}) {
  const t = useT();
  const { revision } = props;
  if (!revision?.dueSoon) return null;
  const params = {
    year: revision.year,
    date: formatDay(revision.dueDate, props.language),
    days: Math.abs(revision.daysLeft),
  };
  return (
    <Alert data-color="warning">
      <Heading level={2} data-size="xs">
        {t("editor.revisionBannerHeading")}
      </Heading>
      <Paragraph>
        {revision.daysLeft > 0
          ? t("editor.revisionDue", params)
          : revision.daysLeft === 0
            ? t("editor.revisionDueToday", params)
            : t("editor.revisionOverdue", params)}
      </Paragraph>
      <Paragraph>
        <a href="#revisjon">{t("editor.revisionChange")}</a>
      </Paragraph>
    </Alert>
  );
}

/** A calendar day (YYYY-MM-DD) as the reader's language writes it. */
function formatDay(day: string, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

function NewPageForm(props: {
  failure: ActionFailure | undefined;
  parents: { id: string; title: string; language: string }[];
}) {
  const t = useT();
  const { failure } = props;
  const [title, setTitle] = useState(valueOf(failure, "title") ?? "");
  const [slug, setSlug] = useState(valueOf(failure, "slug") ?? "");
  // Once the user types a slug of their own, the title no longer overwrites it.
  const [slugEdited, setSlugEdited] = useState(Boolean(valueOf(failure, "slug")));
  const errors = failure?.fieldErrors ?? {};
  return (
    <section aria-labelledby="ny-side" className="page">
      <Heading level={2} data-size="md" id="ny-side" tabIndex={-1}>
        {t("editor.newHeading")}
      </Heading>
      <Paragraph>{t("editor.newIntro")}</Paragraph>
      <FormErrors failure={failure} />
      <Form method="post" className="form" noValidate>
        <CsrfField />
        <Field>
          <Label htmlFor="title">
            {t("editor.fieldTitle")}
            <span className="required-marker"> ({t("common.required")})</span>
          </Label>
          <Input
            id="title"
            name="title"
            required
            maxLength={200}
            value={title}
            onChange={(event) => {
              setTitle(event.target.value);
              if (!slugEdited) setSlug(slugFromTitle(event.target.value));
            }}
            aria-invalid={errors.title ? true : undefined}
            aria-describedby={errors.title ? "title-feil" : undefined}
          />
          {errors.title ? (
            <ValidationMessage id="title-feil">{t(errors.title)}</ValidationMessage>
          ) : null}
        </Field>
        <Field>
          <Label htmlFor="slug">{t("editor.fieldSlug")}</Label>
          <Paragraph data-size="sm" id="slug-hjelp">
            {t("editor.slugHelp")}
          </Paragraph>
          <Input
            id="slug"
            name="slug"
            maxLength={100}
            value={slug}
            onChange={(event) => {
              setSlug(event.target.value);
              setSlugEdited(event.target.value !== "");
            }}
            aria-invalid={errors.slug ? true : undefined}
            aria-describedby={errors.slug ? "slug-hjelp slug-feil" : "slug-hjelp"}
          />
          {errors.slug ? (
            <ValidationMessage id="slug-feil">{t(errors.slug)}</ValidationMessage>
          ) : null}
        </Field>
        <SelectField
          name="kind"
          label={t("editor.fieldKind")}
          required
          placeholder={t("editor.choose")}
          defaultValue={valueOf(failure, "kind")}
          error={errors.kind}
          options={contentKinds.map((kind) => ({ value: kind, label: t(`guide.kind.${kind}`) }))}
        />
        <SelectField
          name="audience"
          label={t("editor.fieldAudience")}
          required
          placeholder={t("editor.choose")}
          defaultValue={valueOf(failure, "audience")}
          error={errors.audience}
          options={audiences.map((audience) => ({
            value: audience,
            label: t(`editor.audience.${audience}`),
          }))}
        />
        <SelectField
          name="language"
          label={t("editor.fieldLanguage")}
          required
          defaultValue={valueOf(failure, "language", "nb")}
          error={errors.language}
          options={contentLanguages.map((language) => ({
            value: language,
            label: t(`languages.${language}`),
          }))}
        />
        <SelectField
          name="parentId"
          label={t("editor.fieldParent")}
          help={t("editor.parentHelp")}
          defaultValue={valueOf(failure, "parentId", "")}
          error={errors.parentId}
          options={[
            { value: "", label: t("editor.noParent") },
            ...props.parents.map((parent) => ({
              value: parent.id,
              label: `${parent.title} (${t(`languages.${parent.language}`)})`,
            })),
          ]}
        />
        <div className="form__actions">
          <Button type="submit" name="intent" value="create">
            {t("editor.create")}
          </Button>
        </div>
      </Form>
    </section>
  );
}

function RevisionForm(props: {
  failure: ActionFailure | undefined;
  revision: { year: number; dueDate: string; notes: string } | null;
  thisYear: number;
}) {
  const t = useT();
  const root = useRouteLoaderData<RootData>("root");
  const { failure, revision } = props;
  const errors = failure?.fieldErrors ?? {};
  return (
    <section aria-labelledby="revisjon" className="page">
      <Heading level={2} data-size="md" id="revisjon" tabIndex={-1}>
        {t("editor.revisionHeading")}
      </Heading>
      <Paragraph>{t("editor.revisionIntro")}</Paragraph>
      <Paragraph>
        {revision
          ? t("editor.revisionPlanned", {
              year: revision.year,
              date: formatDay(revision.dueDate, root?.language ?? "nb"),
            })
          : t("editor.revisionNone")}
      </Paragraph>
      {root?.permissions.includes("reports.view") ? (
        <Paragraph>
          <DsLink asChild>
            <Link to="/evaluering/rapporter?type=revision">
              {t("evaluation.reports.revisionLink")}
            </Link>
          </DsLink>
        </Paragraph>
      ) : null}
      <FormErrors failure={failure} />
      <Form method="post" className="form" noValidate>
        <CsrfField />
        <input type="hidden" name="form" value="revision" />
        <Field>
          <Label htmlFor="year">
            {t("editor.revisionYear")}
            <span className="required-marker"> ({t("common.required")})</span>
          </Label>
          <Input
            id="year"
            name="year"
            type="number"
            min={2000}
            max={2100}
            required
            defaultValue={valueOf(failure, "year", String(revision?.year ?? props.thisYear))}
            aria-invalid={errors.year ? true : undefined}
            aria-describedby={errors.year ? "year-feil" : undefined}
          />
          {errors.year ? (
            <ValidationMessage id="year-feil">{t(errors.year)}</ValidationMessage>
          ) : null}
        </Field>
        <Field>
          <Label htmlFor="dueDate">
            {t("editor.revisionDate")}
            <span className="required-marker"> ({t("common.required")})</span>
          </Label>
          <Input
            id="dueDate"
            name="dueDate"
            type="date"
            required
            defaultValue={valueOf(failure, "dueDate", revision?.dueDate ?? "")}
            aria-invalid={errors.dueDate ? true : undefined}
            aria-describedby={errors.dueDate ? "dueDate-feil" : undefined}
          />
          {errors.dueDate ? (
            <ValidationMessage id="dueDate-feil">{t(errors.dueDate)}</ValidationMessage>
          ) : null}
        </Field>
        <Field>
          <Label htmlFor="notes">{t("editor.revisionNotes")}</Label>
          <Textarea
            id="notes"
            name="notes"
            rows={3}
            maxLength={2000}
            defaultValue={valueOf(failure, "notes", revision?.notes ?? "")}
            aria-invalid={errors.notes ? true : undefined}
            aria-describedby={errors.notes ? "notes-feil" : undefined}
          />
          {errors.notes ? (
            <ValidationMessage id="notes-feil">{t(errors.notes)}</ValidationMessage>
          ) : null}
        </Field>
        <div className="form__actions">
          <Button type="submit" name="intent" value="revision" variant="secondary">
            {t("editor.revisionSave")}
          </Button>
        </div>
      </Form>
    </section>
  );
}
