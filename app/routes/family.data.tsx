import { Button, Heading, Link as DsLink, Paragraph, Tag } from "@digdir/designsystemet-react";
import { Form, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { getFamilyDataPage, requestCorrection } from "../../core/relay-log/family-corrections.ts";
import { TextAreaField } from "../components/content-editor.tsx";
import { FamilyLayout, familyPath } from "../components/family-layout.tsx";
import { CsrfField, FormErrors, Notice, valueOf } from "../components/forms.tsx";
import { formatDateTime } from "../lib/format-date.ts";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  isFailure,
  loadOr404,
  requireCitizen,
  runAction,
  withNotice,
} from "../lib/route-helpers.ts";
import type { Route } from "./+types/family.data";

/**
 * /familie/:logId/mine-data: what Laget holds about the family in this log, the downloads
 * (PDF and JSON, the right of access) and «Be om retting» with the citizen's own requests and
 * the relay holder's answers. Works without JavaScript; a failed post keeps what was typed.
 */
const holds = [
  "log",
  "guardians",
  "consents",
  "plan",
  "evaluations",
  "meetings",
  "notes",
  "voices",
  "corrections",
  "trail",
] as const;

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requireCitizen(context, request);
  const page = await loadOr404(() =>
    getFamilyDataPage({
      database: context.services.database,
      actor,
      meta: context.meta,
      logId: params.logId,
    }),
  );
  const language = context.language;
  return {
    header: page.header,
    requests: page.requests.map((request) => ({
      id: request.id,
      text: request.text,
      state: request.state,
      answer: request.answer,
      answeredByName: request.answeredByName ?? "",
      answeredAt: request.answeredAt ? formatDateTime(request.answeredAt, language) : "",
      createdAt: formatDateTime(request.createdAt, language),
    })),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requireCitizen(context, request);
  const form = await request.formData();
  const values = formToObject(form);
  return runAction(values, async () => {
    await requestCorrection({
      database: context.services.database,
      actor,
      meta: context.meta,
      logId: params.logId,
      values,
    });
    return redirect(
      withNotice(familyPath(params.logId, "data"), "family.rights.correction.sent") + "#retting",
    );
  });
}

export default function FamilyDataPage() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const [params] = useSearchParams();
  const notice = params.get("melding");
  const k = (key: string, options?: Record<string, unknown>) => t(`family.rights.${key}`, options);
  const base = `/familie/${data.header.id}`;

  return (
    <FamilyLayout header={data.header} current="data">
      <section aria-labelledby="mine-data-heading">
        <Heading level={2} data-size="md" id="mine-data-heading">
          {k("data.title")}
        </Heading>
        <Paragraph>{k("data.intro")}</Paragraph>
        <Heading level={3} data-size="sm">
          {k("data.holdsHeading")}
        </Heading>
        <ul className="family-data__holds">
          {holds.map((key) => (
            <li key={key}>{k(`data.holds.${key}`)}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="eksport-heading">
        <Heading level={2} data-size="md" id="eksport-heading">
          {k("data.downloadHeading")}
        </Heading>
        <Paragraph>{k("data.downloadIntro")}</Paragraph>
        <ul className="family-data__downloads">
          <li>
            <DsLink href={`${base}/eksport.pdf`} download>
              {k("data.downloadPdf")}
            </DsLink>
          </li>
          <li>
            <DsLink href={`${base}/eksport.json`} download>
              {k("data.downloadJson")}
            </DsLink>
          </li>
        </ul>
      </section>

      <section aria-labelledby="retting-heading" id="retting">
        <Heading level={2} data-size="md" id="retting-heading">
          {k("correction.heading")}
        </Heading>
        {notice === "family.rights.correction.sent" ? <Notice>{t(notice)}</Notice> : null}
        <Paragraph>{k("correction.intro")}</Paragraph>
        <Form method="post" className="family-data__form" noValidate>
          <CsrfField />
          <FormErrors failure={failure} />
          <TextAreaField
            name="text"
            label={k("correction.label")}
            help={k("correction.hint")}
            defaultValue={valueOf(failure, "text") ?? ""}
            error={failure?.fieldErrors.text}
            required
            rows={6}
            maxLength={4000}
          />
          <Button type="submit">{k("correction.submit")}</Button>
        </Form>

        <Heading level={3} data-size="sm">
          {k("correction.listHeading")}
        </Heading>
        {data.requests.length === 0 ? (
          <Paragraph>{k("correction.empty")}</Paragraph>
        ) : (
          <ul className="family-data__requests">
            {data.requests.map((request) => (
              <li key={request.id} className="family-data__request">
                <Paragraph data-size="sm">
                  <Tag data-color={request.state === "answered" ? "success" : "warning"}>
                    {k(`correction.state.${request.state}`)}
                  </Tag>{" "}
                  {k("correction.requestedOn", { date: request.createdAt })}
                </Paragraph>
                <Paragraph className="family-data__text">{request.text}</Paragraph>
                {request.answer ? (
                  <div className="family-data__answer">
                    <Paragraph data-size="sm">
                      <strong>
                        {k("correction.answer", {
                          name: request.answeredByName,
                          date: request.answeredAt,
                        })}
                      </strong>
                    </Paragraph>
                    <Paragraph className="family-data__text">{request.answer}</Paragraph>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </FamilyLayout>
  );
}
