import { Button, Heading, Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { Form } from "react-router";
import { useT } from "../lib/i18n.tsx";
import type { ActionFailure } from "../lib/route-helpers.ts";
import { TextAreaField } from "./content-editor.tsx";
import { CsrfField, FormErrors, SelectField, valueOf } from "./forms.tsx";

export interface OpenCorrectionRequestView {
  id: string;
  text: string;
  authorName: string;
  createdAt: string;
}

/** The overview's intent and field for answering a correction request. */
export const ANSWER_CORRECTION_INTENT = "answerCorrection";
export const CORRECTION_ID_FIELD = "correctionId";

/**
 * The relay holder's part of the family's rights on a log's overview: the family's open
 * correction requests with an answer form each (#retting), and the paper fallback (a print of
 * the log and a blank consent form in bokmål, nynorsk or English). Plain forms: work without
 * JavaScript. Shown to the holder only; the use cases check that again.
 */
export function FamilyRightsHolderPanel(props: {
  logId: string;
  kind: "log" | "anonymous";
  canWrite: boolean;
  requests: OpenCorrectionRequestView[];
  failure: ActionFailure | undefined;
}) {
  const t = useT();
  const k = (key: string, options?: Record<string, unknown>) => t(`family.rights.${key}`, options);
  const failedId =
    typeof props.failure?.values[CORRECTION_ID_FIELD] === "string"
      ? props.failure.values[CORRECTION_ID_FIELD]
      : null;
  const base = `/stafettlogger/${props.logId}`;
  return (
    <>
      {props.requests.length > 0 ? (
        <section aria-labelledby="retting-heading" id="retting" className="relay-overview__section">
          <Heading level={2} data-size="sm" id="retting-heading">
            {k("correction.staff.heading")}
          </Heading>
          <Paragraph>{k("correction.staff.intro")}</Paragraph>
          <ul className="correction-requests">
            {props.requests.map((request) => {
              const failure = failedId === request.id ? props.failure : undefined;
              const fieldName = `answer`;
              return (
                <li key={request.id} className="correction-request">
                  <Paragraph data-size="sm">
                    {k("correction.staff.from", {
                      name: request.authorName,
                      date: request.createdAt,
                    })}
                  </Paragraph>
                  <Paragraph className="correction-request__text">{request.text}</Paragraph>
                  {props.canWrite ? (
                    <Form method="post" action={`${base}#retting`}>
                      <CsrfField />
                      <input type="hidden" name="intent" value={ANSWER_CORRECTION_INTENT} />
                      <input type="hidden" name={CORRECTION_ID_FIELD} value={request.id} />
                      <FormErrors failure={failure} />
                      <TextAreaField
                        id={failure ? fieldName : `answer-${request.id}`}
                        name={fieldName}
                        label={k("correction.staff.answerLabel")}
                        defaultValue={valueOf(failure, fieldName) ?? ""}
                        error={failure?.fieldErrors[fieldName]}
                        required
                        rows={4}
                        maxLength={4000}
                      />
                      <div className="form__actions">
                        <Button type="submit">{k("correction.staff.submit")}</Button>
                      </div>
                    </Form>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="papir-heading" className="relay-overview__section">
        <Heading level={2} data-size="sm" id="papir-heading">
          {k("print.heading")}
        </Heading>
        <Paragraph>{k("print.staffIntro")}</Paragraph>
        <Paragraph>
          <DsLink href={`${base}/utskrift.pdf`}>{k("print.printLog")}</DsLink>
        </Paragraph>
        {props.kind === "log" ? (
          <Form method="get" action={`${base}/samtykkeskjema.pdf`} className="blank-consent-form">
            <SelectField
              name="sprak"
              label={k("print.language")}
              defaultValue="nb"
              options={(["nb", "nn", "en"] as const).map((language) => ({
                value: language,
                label: k(`print.languages.${language}`),
              }))}
            />
            <Button type="submit" variant="secondary">
              {k("print.blankForm")}
            </Button>
          </Form>
        ) : null}
      </section>
    </>
  );
}
