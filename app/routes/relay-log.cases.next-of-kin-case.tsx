import {
  Button,
  Field,
  Heading,
  Label,
  Link as DsLink,
  Paragraph,
  Select,
  Tag,
  ValidationMessage,
} from "@digdir/designsystemet-react";
import { Form, Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import {
  getNextOfKinCase,
  linkableLogs,
  linkNextOfKinLog,
  updateNextOfKinCase,
} from "../../core/relay-log/next-of-kin.ts";
import { CsrfField, Notice } from "../components/forms.tsx";
import { NextOfKinFields } from "../components/next-of-kin-form.tsx";
import { norwegianDate } from "../components/relay-log-cases.tsx";
import { logPath } from "../components/relay-log-layout.tsx";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  isFailure,
  loadOr404,
  requirePermission,
  runAction,
  withNotice,
} from "../lib/route-helpers.ts";
import type { Route } from "./+types/relay-log.cases.next-of-kin-case";

/**
 * /barn-som-parorende/:caseId: one case, for the employees of the unit that registered it
 * (everyone else gets 404). Shows the case, lets the unit edit it (with a lock version), and
 * per child: open a relay log when consent is given, then link the log to the child.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "relaylog.use");
  const common = { database: context.services.database, actor, meta: context.meta };
  const details = await loadOr404(() => getNextOfKinCase({ ...common, caseId: params.caseId }));
  const needsLink = details.case.children.some((child) => !child.logId);
  return {
    details,
    logs: needsLink ? await linkableLogs(common) : [],
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "relaylog.use");
  const form = await request.formData();
  const values = formToObject(form);
  const common = {
    database: context.services.database,
    actor,
    meta: context.meta,
    caseId: params.caseId,
  };
  const path = `/barn-som-parorende/${params.caseId}`;
  return runAction(values, async () => {
    if (form.get("intent") === "link") {
      await linkNextOfKinLog({
        ...common,
        childIndex: Number(values.childIndex),
        logId: String(values.logId ?? ""),
      });
      return redirect(withNotice(path, "relayLog.cases.nextOfKin.linked"));
    }
    await updateNextOfKinCase({ ...common, values });
    return redirect(withNotice(path, "relayLog.cases.nextOfKin.updated"));
  });
}

const notices = [
  "relayLog.cases.nextOfKin.created",
  "relayLog.cases.nextOfKin.updated",
  "relayLog.cases.nextOfKin.linked",
];

export default function NextOfKinCasePage() {
  const t = useT();
  const { details, logs } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const linkFailure = failure && failure.values.childIndex !== undefined ? failure : undefined;
  const editFailure = failure && !linkFailure ? failure : undefined;
  const [params] = useSearchParams();
  const notice = params.get("melding");
  const row = details.case;
  const title = t("relayLog.cases.nextOfKin.caseTitle", { reference: row.parentReference });
  const notGiven = t("relayLog.cases.nextOfKin.notGiven");
  return (
    <div className="page relay-log-cases">
      <title>{`${title} – ${t("app.name")}`}</title>
      <Paragraph data-size="sm">
        <DsLink asChild>
          <Link to="/barn-som-parorende">{t("relayLog.cases.nextOfKin.backToList")}</Link>
        </DsLink>
      </Paragraph>
      <Heading level={1} data-size="lg">
        {title}
      </Heading>
      {notice && notices.includes(notice) ? <Notice>{t(notice)}</Notice> : null}

      <section aria-labelledby="summary-heading">
        <Heading level={2} data-size="md" id="summary-heading">
          {t("relayLog.cases.nextOfKin.summaryHeading")}
        </Heading>
        <dl className="details-list">
          <dt>{t("relayLog.cases.nextOfKin.registeredFor")}</dt>
          <dd>{details.unitName}</dd>
          <dt>{t("relayLog.cases.nextOfKin.parentSituation")}</dt>
          <dd>{t(`relayLog.cases.nextOfKin.situation.${row.parentSituation}`)}</dd>
          <dt>{t("relayLog.cases.nextOfKin.conversationOn")}</dt>
          <dd>{norwegianDate(row.conversationOn) || notGiven}</dd>
          <dt>{t("relayLog.cases.nextOfKin.followUpOn")}</dt>
          <dd>
            {norwegianDate(row.followUpOn) || notGiven}
            {details.followUp === "due" || details.followUp === "overdue" ? (
              <>
                {" "}
                <Tag data-color={details.followUp === "overdue" ? "danger" : "warning"}>
                  {t(`relayLog.cases.nextOfKin.followUpState.${details.followUp}`)}
                </Tag>
              </>
            ) : null}
          </dd>
          <dt>{t("relayLog.cases.nextOfKin.status")}</dt>
          <dd>{t(`relayLog.cases.nextOfKin.statusValue.${row.status}`)}</dd>
          <dt>{t("relayLog.cases.nextOfKin.childrensNeeds")}</dt>
          <dd className="relay-log-cases__text">{row.childrensNeeds || notGiven}</dd>
          <dt>{t("relayLog.cases.nextOfKin.actionsTaken")}</dt>
          <dd className="relay-log-cases__text">{row.actionsTaken || notGiven}</dd>
        </dl>
      </section>

      <section aria-labelledby="children-heading">
        <Heading level={2} data-size="md" id="children-heading">
          {t("relayLog.cases.nextOfKin.childrenHeading")}
        </Heading>
        <Paragraph>{t("relayLog.cases.nextOfKin.openLogHelp")}</Paragraph>
        <ul className="relay-log-cases__children">
          {row.children.map((child, index) => {
            const selectId = `logId-${index}`;
            const linkError =
              linkFailure && Number(linkFailure.values.childIndex) === index
                ? linkFailure.fieldErrors.logId
                : undefined;
            return (
              <li key={index}>
                <Heading level={3} data-size="xs">
                  {child.birthYear
                    ? t("relayLog.cases.nextOfKin.childLine", {
                        name: child.name,
                        year: child.birthYear,
                      })
                    : t("relayLog.cases.nextOfKin.childLineNoYear", { name: child.name })}
                </Heading>
                {child.logId ? (
                  <Paragraph>
                    <DsLink asChild>
                      <Link to={logPath(child.logId)}>
                        {t("relayLog.cases.nextOfKin.linkedLog", { name: child.name })}
                      </Link>
                    </DsLink>
                  </Paragraph>
                ) : (
                  <>
                    <Paragraph>
                      <DsLink asChild>
                        <Link to={`/stafettlogger/ny?fra=parorende&sak=${row.id}&barn=${index}`}>
                          {t("relayLog.cases.nextOfKin.openLog", { name: child.name })}
                        </Link>
                      </DsLink>
                    </Paragraph>
                    {logs.length > 0 ? (
                      <Form method="post" className="relay-log-cases__link">
                        <CsrfField />
                        <input type="hidden" name="childIndex" value={index} />
                        <Field>
                          <Label htmlFor={selectId}>
                            {t("relayLog.cases.nextOfKin.linkLabel", { name: child.name })}
                          </Label>
                          <Select
                            id={selectId}
                            name="logId"
                            defaultValue=""
                            aria-invalid={linkError ? true : undefined}
                            aria-describedby={linkError ? `${selectId}-feil` : undefined}
                          >
                            <option value="" disabled>
                              {t("relayLog.cases.nextOfKin.chooseLog")}
                            </option>
                            {logs.map((log) => (
                              <option key={log.id} value={log.id}>
                                {t("relayLog.cases.nextOfKin.logChoice", {
                                  name: log.childName,
                                  date: norwegianDate(log.childBirthDate),
                                })}
                              </option>
                            ))}
                          </Select>
                          {linkError ? (
                            <ValidationMessage id={`${selectId}-feil`}>
                              {t(linkError)}
                            </ValidationMessage>
                          ) : null}
                        </Field>
                        <Button type="submit" name="intent" value="link" variant="secondary">
                          {t("relayLog.cases.nextOfKin.linkSubmit")}
                        </Button>
                      </Form>
                    ) : null}
                  </>
                )}
              </li>
            );
          })}
        </ul>
      </section>

      <section aria-labelledby="edit-heading">
        <Heading level={2} data-size="md" id="edit-heading">
          {t("relayLog.cases.nextOfKin.editHeading")}
        </Heading>
        <Form method="post" className="form" noValidate>
          <CsrfField />
          <input type="hidden" name="lockVersion" value={row.lockVersion} />
          <NextOfKinFields
            failure={editFailure}
            stored={{
              parentReference: row.parentReference,
              parentSituation: row.parentSituation,
              children: row.children,
              conversationOn: row.conversationOn,
              childrensNeeds: row.childrensNeeds,
              actionsTaken: row.actionsTaken,
              followUpOn: row.followUpOn,
              status: row.status,
            }}
          />
          <div className="form__actions">
            <Button type="submit" name="intent" value="update">
              {t("relayLog.cases.nextOfKin.save")}
            </Button>
          </div>
        </Form>
      </section>
    </div>
  );
}
