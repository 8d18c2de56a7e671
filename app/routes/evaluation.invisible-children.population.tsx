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
  ValidationMessage,
} from "@digdir/designsystemet-react";
import { data, Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import {
  deletePopulationYear,
  importPopulationCsv,
  listPopulation,
  savePopulationBand,
  type ImportFailure,
  type ImportSummary,
} from "../../core/evaluation/population.ts";
import { ageRanges, EXPECTED_COLUMNS } from "../../core/evaluation/ssb-csv.ts";
import { formatNumber } from "../components/evaluation-indicators.tsx";
import { CsrfField, FormErrors, Notice, TextField, valueOf } from "../components/forms.tsx";
import { useLanguage } from "../components/implementation-units.tsx";
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
import type { Route } from "./+types/evaluation.invisible-children.population";

const PATH = "/evaluering/usynlige-barn/befolkning";
const notices = [
  "evaluation.indicators.population.manual.saved",
  "evaluation.indicators.population.deleted",
];

/**
 * /evaluering/usynlige-barn/befolkning: the children and young people per year and age band.
 * Everyone with reports.view reads; the coordinator (evaluation.manage) enters a band by hand,
 * imports SSB's table 07459 as CSV (a summary of what was imported is shown; a bad file writes
 * nothing and names the columns expected and found) and deletes a year behind a confirmation.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "reports.view");
  const url = new URL(request.url);
  const years = await loadOr404(() =>
    listPopulation({ database: context.services.database, actor }),
  );
  const notice = url.searchParams.get("melding");
  const deleting = url.searchParams.get("slett");
  return {
    years,
    canManage: context.permissions.includes("evaluation.manage"),
    notice: notice && notices.includes(notice) ? notice : null,
    deleting: deleting && years.some((item) => String(item.year) === deleting) ? deleting : null,
  };
}

type ImportAnswer =
  | { ok: true; intent: "import"; summary: ImportSummary }
  | { ok: false; intent: "import"; error: ImportFailure };

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "evaluation.manage");
  const form = await request.formData();
  const intent = form.get("intent");
  const common = { database: context.services.database, actor, meta: context.meta };
  if (intent === "import") {
    const file = form.get("file");
    const result = await importPopulationCsv({
      ...common,
      file:
        file && typeof file !== "string" && file.size > 0
          ? { bytes: new Uint8Array(await file.arrayBuffer()), name: file.name }
          : null,
    });
    const answer: ImportAnswer = result.ok
      ? { ok: true, intent: "import", summary: result.summary }
      : { ok: false, intent: "import", error: result.error };
    return data(answer, { status: result.ok ? 200 : 400 });
  }
  const values = formToObject(form);
  if (intent === "delete") {
    return runAction(values, async () => {
      await deletePopulationYear({ ...common, year: values.year });
      return redirect(withNotice(PATH, "evaluation.indicators.population.deleted"));
    });
  }
  return runAction(values, async () => {
    await savePopulationBand({ ...common, values });
    return redirect(withNotice(PATH, "evaluation.indicators.population.manual.saved"));
  });
}

function quoteList(items: string[]): string {
  return items.length === 0 ? "–" : items.map((item) => `«${item}»`).join(", ");
}

function ImportMessage({ answer }: { answer: ImportAnswer }) {
  const t = useT();
  const language = useLanguage();
  const P = "evaluation.indicators.population.import";
  if (!answer.ok) {
    const error = answer.error;
    const params: Record<string, string | number> = {};
    if (error.reason === "columns") {
      params.expected = quoteList(EXPECTED_COLUMNS);
      params.found = quoteList(error.found);
    }
    if (error.reason === "regions") params.regions = error.regions.join(", ");
    if (error.reason === "age" || error.reason === "number" || error.reason === "year") {
      params.line = error.line;
      params.value = error.value;
    }
    if (error.reason === "overlap") {
      params.year = error.year;
      params.band = error.band;
    }
    return (
      <Alert data-color="danger" role="alert" id="import-error">
        <Paragraph>{t(`${P}.errors.${error.reason}`, params)}</Paragraph>
        <Paragraph>{t(`${P}.nothingWritten`)}</Paragraph>
      </Alert>
    );
  }
  const summary = answer.summary;
  return (
    <Alert data-color="success" role="status">
      <Heading level={3} data-size="xs">
        {t(`${P}.done`)}
      </Heading>
      <Paragraph>{summary.form === "long" ? t(`${P}.formLong`) : t(`${P}.formWide`)}</Paragraph>
      {summary.region ? (
        <Paragraph>{t(`${P}.region`, { region: summary.region })}</Paragraph>
      ) : null}
      <ul>
        {summary.years.map((year) => (
          <li key={year.year}>
            {t(`${P}.yearLine`, {
              year: year.year,
              bands: year.bands,
              total: formatNumber(year.total, language, 0),
              children: formatNumber(year.children, language, 0),
            })}
            {year.missingAges.length > 0
              ? ` ${t("evaluation.indicators.population.missingAges", { ages: ageRanges(year.missingAges) })}`
              : ""}
          </li>
        ))}
      </ul>
      {summary.skippedMissing > 0 ? (
        <Paragraph>{t(`${P}.skippedMissing`, { count: summary.skippedMissing })}</Paragraph>
      ) : null}
      {summary.skippedOlder > 0 ? (
        <Paragraph>{t(`${P}.skippedOlder`, { count: summary.skippedOlder })}</Paragraph>
      ) : null}
    </Alert>
  );
}

export default function PopulationPage() {
  const t = useT();
  const language = useLanguage();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ImportAnswer | ActionFailure | undefined;
  const importAnswer =
    actionData && "intent" in actionData && actionData.intent === "import" ? actionData : undefined;
  const failure =
    actionData && isFailure(actionData) && !("intent" in actionData) ? actionData : undefined;
  const P = "evaluation.indicators.population";
  return (
    <div className="page">
      <title>{`${t(`${P}.title`)} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {t(`${P}.title`)}
      </Heading>
      <Paragraph>{t(`${P}.intro`)}</Paragraph>
      <Paragraph>
        <DsLink asChild>
          <Link to="/evaluering/usynlige-barn">{t("evaluation.indicators.invisible.title")}</Link>
        </DsLink>
      </Paragraph>
      {data.notice ? <Notice>{t(data.notice)}</Notice> : null}
      {!data.canManage ? <Paragraph>{t(`${P}.readOnly`)}</Paragraph> : null}

      {data.canManage ? (
        <section aria-labelledby="import-heading" className="page">
          <Heading level={2} data-size="md" id="import-heading">
            {t(`${P}.import.heading`)}
          </Heading>
          <Paragraph>{t(`${P}.import.help`)}</Paragraph>
          {importAnswer ? <ImportMessage answer={importAnswer} /> : null}
          <Form method="post" encType="multipart/form-data" className="rate-form">
            <CsrfField />
            <input type="hidden" name="intent" value="import" />
            <Field>
              <Label htmlFor="file">{t(`${P}.import.file`)}</Label>
              <Input
                id="file"
                name="file"
                type="file"
                accept=".csv,text/csv,text/plain"
                aria-invalid={importAnswer && !importAnswer.ok ? true : undefined}
                aria-describedby={importAnswer && !importAnswer.ok ? "import-error" : undefined}
              />
              {importAnswer && !importAnswer.ok ? (
                <ValidationMessage>{t(`${P}.import.nothingWritten`)}</ValidationMessage>
              ) : null}
            </Field>
            <div>
              <Button type="submit">{t(`${P}.import.submit`)}</Button>
            </div>
          </Form>
        </section>
      ) : null}

      {data.canManage ? (
        <section aria-labelledby="manual-heading" className="page">
          <Heading level={2} data-size="md" id="manual-heading">
            {t(`${P}.manual.heading`)}
          </Heading>
          <Paragraph>{t(`${P}.manual.help`)}</Paragraph>
          <FormErrors failure={failure} />
          <Form method="post" className="rate-form">
            <CsrfField />
            <input type="hidden" name="intent" value="save" />
            <TextField
              name="year"
              label={t(`${P}.manual.year`)}
              defaultValue={valueOf(failure, "year", String(new Date().getFullYear()))}
              error={failure?.fieldErrors.year}
              required
            />
            <TextField
              name="ageFrom"
              label={t(`${P}.manual.ageFrom`)}
              defaultValue={valueOf(failure, "ageFrom", "0")}
              error={failure?.fieldErrors.ageFrom}
              required
            />
            <TextField
              name="ageTo"
              label={t(`${P}.manual.ageTo`)}
              defaultValue={valueOf(failure, "ageTo", "17")}
              error={failure?.fieldErrors.ageTo}
              required
            />
            <TextField
              name="count"
              label={t(`${P}.manual.count`)}
              defaultValue={valueOf(failure, "count", "")}
              error={failure?.fieldErrors.count}
              required
            />
            <div>
              <Button type="submit">{t(`${P}.manual.submit`)}</Button>
            </div>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="years-heading" className="page">
        <Heading level={2} data-size="md" id="years-heading">
          {t(`${P}.title`)}
        </Heading>
        {data.years.length === 0 ? <Paragraph>{t(`${P}.empty`)}</Paragraph> : null}
        {data.years.map((year) => (
          <section key={year.year} aria-labelledby={`year-${year.year}`} className="page">
            <Heading level={3} data-size="sm" id={`year-${year.year}`}>
              {t(`${P}.yearHeading`, { year: year.year })}
            </Heading>
            <Paragraph>
              {t(`${P}.children`, { count: formatNumber(year.children, language, 0) })}
            </Paragraph>
            {year.missingAges.length > 0 ? (
              <Paragraph>{t(`${P}.missingAges`, { ages: ageRanges(year.missingAges) })}</Paragraph>
            ) : null}
            <div className="table-wrapper">
              <Table>
                <caption>{t(`${P}.caption`, { year: year.year })}</caption>
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell>{t(`${P}.columns.ages`)}</Table.HeaderCell>
                    <Table.HeaderCell>{t(`${P}.columns.count`)}</Table.HeaderCell>
                    <Table.HeaderCell>{t(`${P}.columns.source`)}</Table.HeaderCell>
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {year.bands.map((band) => (
                    <Table.Row key={band.id}>
                      <Table.HeaderCell scope="row">
                        {band.ageFrom === band.ageTo
                          ? t(`${P}.age`, { age: band.ageFrom })
                          : t(`${P}.ages`, { from: band.ageFrom, to: band.ageTo })}
                      </Table.HeaderCell>
                      <Table.Cell>{formatNumber(band.count, language, 0)}</Table.Cell>
                      <Table.Cell>{t(`${P}.sources.${band.source}`)}</Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            </div>
            {data.canManage ? (
              data.deleting === String(year.year) ? (
                <Alert data-color="warning">
                  <Paragraph>{t(`${P}.deleteConfirm`, { year: year.year })}</Paragraph>
                  <Form method="post" className="actions">
                    <CsrfField />
                    <input type="hidden" name="intent" value="delete" />
                    <input type="hidden" name="year" value={year.year} />
                    <Button type="submit" data-color="danger">
                      {t(`${P}.deleteYear`, { year: year.year })}
                    </Button>
                    <DsLink asChild>
                      <Link to={PATH}>{t(`${P}.cancel`)}</Link>
                    </DsLink>
                  </Form>
                </Alert>
              ) : (
                <Paragraph>
                  <DsLink asChild>
                    <Link to={`${PATH}?slett=${year.year}`}>
                      {t(`${P}.deleteYear`, { year: year.year })}
                    </Link>
                  </DsLink>
                </Paragraph>
              )
            ) : null}
          </section>
        ))}
      </section>
    </div>
  );
}
