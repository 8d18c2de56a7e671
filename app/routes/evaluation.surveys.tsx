import {
  Button,
  Heading,
  Label,
  Link as DsLink,
  Paragraph,
  Select,
  Table,
} from "@digdir/designsystemet-react";
import { Form, Link, useLoaderData, useSearchParams } from "react-router";
import { listSurveys } from "../../core/evaluation/surveys.ts";
import { surveyStatuses } from "../../core/evaluation/surveys-rules.ts";
import { Notice } from "../components/forms.tsx";
import { SurveyStatusTag } from "../components/evaluation-surveys.tsx";
import { formatDay, useLanguage } from "../components/implementation-training.tsx";
import { Pager } from "../components/pager.tsx";
import { useT } from "../lib/i18n.tsx";
import { loadOr404, requirePermission } from "../lib/route-helpers.ts";
import type { Route } from "./+types/evaluation.surveys";

/**
 * /evaluering/undersokelser: the coordinator's surveys, newest first, 25 a page, with their
 * status in words and how many have answered; a filter by status (a GET form, works without
 * JavaScript).
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "evaluation.manage");
  const url = new URL(request.url);
  const page = Number.parseInt(url.searchParams.get("side") ?? "1", 10);
  return loadOr404(() =>
    listSurveys({
      database: context.services.database,
      actor,
      page,
      status: url.searchParams.get("status"),
    }),
  );
}

const S = "evaluation.surveys";
const PATH = "/evaluering/undersokelser";

export default function SurveysAdminPage() {
  const t = useT();
  const language = useLanguage();
  const { items, page, pages, status } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const notice = params.get("melding");
  const href = (number: number) => {
    const query = new URLSearchParams();
    if (status) query.set("status", status);
    if (number > 1) query.set("side", String(number));
    const text = query.toString();
    return text ? `${PATH}?${text}` : PATH;
  };
  const day = (value: string | null) =>
    value ? formatDay(value, language) : t(`${S}.list.notSet`);
  return (
    <div className="page">
      <title>{`${t(`${S}.list.title`)} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {t(`${S}.list.title`)}
      </Heading>
      {notice === `${S}.notices.deleted` ? <Notice>{t(notice)}</Notice> : null}
      <Paragraph>{t(`${S}.list.intro`)}</Paragraph>
      <div className="actions">
        <Button asChild>
          <Link to={`${PATH}/ny`}>{t(`${S}.list.new`)}</Link>
        </Button>
        <DsLink asChild>
          <Link to="/undersokelser">{t(`${S}.list.staffPageLink`)}</Link>
        </DsLink>
      </div>
      <Form method="get" className="filters">
        <Label htmlFor="status">{t(`${S}.list.filterLabel`)}</Label>
        <Select id="status" name="status" defaultValue={status ?? ""}>
          <option value="">{t(`${S}.list.filterAll`)}</option>
          {surveyStatuses.map((value) => (
            <option key={value} value={value}>
              {t(`${S}.statuses.${value}`)}
            </option>
          ))}
        </Select>
        <Button type="submit" variant="secondary">
          {t(`${S}.list.filterApply`)}
        </Button>
      </Form>
      {items.length === 0 ? (
        <Paragraph role="status">
          {status ? t(`${S}.list.emptyFiltered`) : t(`${S}.list.empty`)}
        </Paragraph>
      ) : (
        <div className="table-wrapper">
          <Table>
            <caption className="visually-hidden">{t(`${S}.list.caption`)}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t(`${S}.list.columns.title`)}</Table.HeaderCell>
                <Table.HeaderCell>{t(`${S}.list.columns.status`)}</Table.HeaderCell>
                <Table.HeaderCell>{t(`${S}.list.columns.audience`)}</Table.HeaderCell>
                <Table.HeaderCell>{t(`${S}.list.columns.responses`)}</Table.HeaderCell>
                <Table.HeaderCell>{t(`${S}.list.columns.period`)}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {items.map((survey) => (
                <Table.Row key={survey.id}>
                  <Table.Cell>
                    <DsLink asChild>
                      <Link to={`${PATH}/${survey.id}`}>{survey.title}</Link>
                    </DsLink>
                  </Table.Cell>
                  <Table.Cell>
                    <SurveyStatusTag status={survey.status} />
                  </Table.Cell>
                  <Table.Cell>{t(`${S}.audienceShort.${survey.audience}`)}</Table.Cell>
                  <Table.Cell>{survey.responses}</Table.Cell>
                  <Table.Cell>
                    {t(`${S}.list.periodValue`, {
                      from: day(survey.opensOn),
                      to: day(survey.closesOn),
                    })}
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
      <Pager
        label={t(`${S}.list.pager.label`)}
        page={page}
        pages={pages}
        href={href}
        previousText={t(`${S}.list.pager.previous`)}
        nextText={t(`${S}.list.pager.next`)}
        positionText={t(`${S}.list.pager.position`, { page, pages })}
      />
    </div>
  );
}
