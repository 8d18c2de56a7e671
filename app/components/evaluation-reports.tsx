import { Alert, Button, Fieldset, Heading, Paragraph, Table } from "@digdir/designsystemet-react";
import { Form, Link } from "react-router";
import type { ReportBlock } from "../../core/evaluation/report-document.ts";
import {
  REPORT_SUMMARY_MAX,
  REPORT_TITLE_MAX,
  reportKinds,
  type ReportKind,
} from "../../core/evaluation/report-rules.ts";
import { renderMarkdown } from "../../core/guide/markdown.ts";
import { useT } from "../lib/i18n.tsx";
import type { ActionFailure } from "../lib/route-helpers.ts";
import {
  CheckboxGroup,
  CsrfField,
  FormErrors,
  RadioGroup,
  TextField,
  valueOf,
  valuesOf,
} from "./forms.tsx";
import { DateField, TextAreaField } from "./relay-log-plan-fields.tsx";

const R = "evaluation.reports";

/**
 * The report's blocks as HTML: headings, paragraphs, lists, real tables with a caption and
 * column headers, and the summary's Markdown (renderMarkdown never passes raw HTML through).
 * The page's own H1 is block 0; the page renders it like any other heading.
 */
export function ReportBody({ blocks }: { blocks: ReportBlock[] }) {
  return (
    <div className="report-body">
      {blocks.map((block, index) => {
        const key = `${block.type}-${index}`;
        switch (block.type) {
          case "heading":
            return (
              <Heading
                key={key}
                level={block.level}
                data-size={block.level === 1 ? "lg" : block.level === 2 ? "md" : "sm"}
                id={block.id}
                tabIndex={block.id ? -1 : undefined}
              >
                {block.text}
              </Heading>
            );
          case "paragraph":
            return <Paragraph key={key}>{block.text}</Paragraph>;
          case "list":
            return (
              <ul key={key}>
                {block.items.map((item) => (
                  <li key={item}>{item}</li>
                ))}
              </ul>
            );
          case "markdown":
            return (
              // The coordinator's summary: renderMarkdown escapes raw HTML and refuses unsafe URLs.
              <div
                key={key}
                className="guide-body report-summary"
                dangerouslySetInnerHTML={{ __html: renderMarkdown(block.source) }}
              />
            );
          case "table":
            return (
              <div key={key} className="table-wrapper">
                <Table>
                  <caption>{block.caption}</caption>
                  <Table.Head>
                    <Table.Row>
                      {block.columns.map((column) => (
                        <Table.HeaderCell key={column} scope="col">
                          {column}
                        </Table.HeaderCell>
                      ))}
                    </Table.Row>
                  </Table.Head>
                  <Table.Body>
                    {block.rows.map((row, rowIndex) => (
                      <Table.Row key={rowIndex}>
                        {row.map((cell, cellIndex) =>
                          cellIndex === 0 ? (
                            <Table.HeaderCell key={cellIndex} scope="row">
                              {cell}
                            </Table.HeaderCell>
                          ) : (
                            <Table.Cell key={cellIndex}>{cell}</Table.Cell>
                          ),
                        )}
                      </Table.Row>
                    ))}
                  </Table.Body>
                </Table>
              </div>
            );
        }
      })}
    </div>
  );
}

export interface SurveyOption {
  id: string;
  title: string;
  status: string;
}

/** The report form: kind (new reports only), title, period, summary and surveys. */
export function ReportForm(props: {
  failure: ActionFailure | undefined;
  /** The kind is fixed once a report exists. */
  kind?: ReportKind;
  defaults: {
    kind: ReportKind;
    title: string;
    periodFrom: string;
    periodTo: string;
    summary: string;
    surveyIds: string[];
  };
  surveys: SurveyOption[];
  today: string;
  lockVersion?: number;
  submitLabel: string;
  cancelTo: string;
}) {
  const t = useT();
  const { failure, defaults } = props;
  const errors = failure?.fieldErrors ?? {};
  const kind = valueOf(failure, "kind", defaults.kind);
  const chosen = valuesOf(failure, "surveyIds", defaults.surveyIds);
  return (
    <>
      <FormErrors failure={failure} />
      <Form method="post" className="form" noValidate>
        <CsrfField />
        {props.lockVersion === undefined ? null : (
          <input type="hidden" name="lockVersion" value={props.lockVersion} />
        )}
        {props.kind ? null : (
          <RadioGroup
            name="kind"
            legend={t(`${R}.form.kindLegend`)}
            required
            options={reportKinds.map((value) => ({
              value,
              label: `${t(`${R}.kind.${value}`)} – ${t(`${R}.kindHelp.${value}`)}`,
            }))}
            checked={kind}
            error={errors.kind}
          />
        )}
        <TextField
          name="title"
          label={t(`${R}.form.titleLabel`)}
          help={t(`${R}.form.titleHelp`)}
          maxLength={REPORT_TITLE_MAX}
          defaultValue={valueOf(failure, "title", defaults.title)}
          error={errors.title}
        />
        <Fieldset>
          <Fieldset.Legend>{t(`${R}.form.periodLegend`)}</Fieldset.Legend>
          <Fieldset.Description>{t(`${R}.form.periodHelp`)}</Fieldset.Description>
          <DateField
            name="periodFrom"
            label={t(`${R}.form.periodFrom`)}
            required
            max={props.today}
            defaultValue={valueOf(failure, "periodFrom", defaults.periodFrom)}
            error={errors.periodFrom}
          />
          <DateField
            name="periodTo"
            label={t(`${R}.form.periodTo`)}
            required
            max={props.today}
            defaultValue={valueOf(failure, "periodTo", defaults.periodTo)}
            error={errors.periodTo}
          />
        </Fieldset>
        <TextAreaField
          name="summary"
          label={t(`${R}.form.summary`)}
          help={t(`${R}.form.summaryHelp`)}
          rows={10}
          maxLength={REPORT_SUMMARY_MAX}
          defaultValue={valueOf(failure, "summary", defaults.summary)}
          error={errors.summary}
        />
        {props.surveys.length === 0 ? (
          <Fieldset>
            <Fieldset.Legend>{t(`${R}.form.surveysLegend`)}</Fieldset.Legend>
            <Paragraph data-size="sm">{t(`${R}.form.surveysNone`)}</Paragraph>
          </Fieldset>
        ) : (
          <CheckboxGroup
            name="surveyIds"
            legend={t(`${R}.form.surveysLegend`)}
            description={t(`${R}.form.surveysHelp`)}
            options={props.surveys.map((survey) => ({
              value: survey.id,
              label: t(`${R}.form.surveyStatus`, {
                title: survey.title,
                status: t(`${R}.form.surveyState.${survey.status}`),
              }),
            }))}
            checked={chosen}
            error={errors.surveyIds}
          />
        )}
        <div className="form__actions">
          <Button type="submit">{props.submitLabel}</Button>
          <Button asChild variant="tertiary">
            <Link to={props.cancelTo}>{t(`${R}.form.cancel`)}</Link>
          </Button>
        </div>
      </Form>
    </>
  );
}

/**
 * An action behind a confirmation step: the button links to `?bekreft=<name>`, which shows the
 * question with the real (posting) button and a way back.
 */
export function ConfirmSection(props: {
  id: string;
  name: string;
  intent: string;
  confirming: boolean;
  selfPath: string;
  lockVersion: number;
  danger?: boolean;
  texts: { heading: string; intro?: string; button: string; question: string; confirm: string };
}) {
  const t = useT();
  return (
    <section aria-labelledby={props.id} className="plan-delete">
      <Heading level={2} data-size="sm" id={props.id} tabIndex={-1}>
        {props.texts.heading}
      </Heading>
      {props.texts.intro ? <Paragraph>{props.texts.intro}</Paragraph> : null}
      {props.confirming ? (
        <Alert data-color="warning">
          <Paragraph>{props.texts.question}</Paragraph>
          <Form method="post" className="form__actions">
            <CsrfField />
            <input type="hidden" name="lockVersion" value={props.lockVersion} />
            <Button
              type="submit"
              name="intent"
              value={props.intent}
              data-color={props.danger ? "danger" : undefined}
            >
              {props.texts.confirm}
            </Button>
            <Button asChild variant="tertiary">
              <Link to={props.selfPath}>{t(`${R}.view.cancel`)}</Link>
            </Button>
          </Form>
        </Alert>
      ) : (
        <div className="actions">
          <Button asChild variant="secondary" data-color={props.danger ? "danger" : undefined}>
            <Link to={`?bekreft=${props.name}#${props.id}`}>{props.texts.button}</Link>
          </Button>
        </div>
      )}
    </section>
  );
}
