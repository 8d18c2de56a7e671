import {
  Alert,
  Button,
  Fieldset,
  Heading,
  Link as DsLink,
  Paragraph,
  ValidationMessage,
} from "@digdir/designsystemet-react";
import { data, Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import {
  isLogExistsError,
  logSecretsFrom,
  openLog,
  openLogFormData,
  requestToJoin,
} from "../../core/relay-log/logs.ts";
import {
  AREA_DESCRIPTION_MAX,
  AREA_ROWS,
  AREA_TITLE_MAX,
  CHILD_NAME_MAX,
  GUARDIAN_NAME_MAX,
  GUARDIAN_ROWS,
  JOIN_MESSAGE_MAX,
  openLevels,
  openValuesFromForm,
} from "../../core/relay-log/open-rules.ts";
import {
  CheckboxGroup,
  CsrfField,
  FormErrors,
  RadioGroup,
  TextField,
  valueOf,
  valuesOf,
} from "../components/forms.tsx";
import { logPath } from "../components/relay-log-layout.tsx";
import { TextAreaField } from "../components/worry-fields.tsx";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  isFailure,
  requirePermission,
  runAction,
  withNotice,
  type ActionFailure,
} from "../lib/route-helpers.ts";
import { isAppError } from "../../core/errors.ts";
import { linkNextOfKinLog, nextOfKinChildForLog } from "../../core/relay-log/next-of-kin.ts";
import type { Route } from "./+types/relay-log.new";

/** The open form. Everything works without JavaScript: fixed rows, blank rows ignored. */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "relaylog.use");
  const formData = await openLogFormData({ database: context.services.database, actor });
  const search = new URL(request.url).searchParams;
  const fromWorry = search.get("fra") === "bekymring";
  return { ...formData, fromWorry, fromNextOfKin: await nextOfKinPrefill(context, actor, search) };
}

/**
 * Opened from a barn som pårørende case: the child's name comes from the case (read through its
 * own access rule), and the case is linked to the new log afterwards. A case the employee cannot
 * see gives no prefill, as if opened directly.
 */
async function nextOfKinPrefill(
  context: Route.LoaderArgs["context"],
  actor: ReturnType<typeof requirePermission>,
  search: URLSearchParams,
) {
  const caseId = search.get("sak");
  const childIndex = Number(search.get("barn"));
  if (search.get("fra") !== "parorende" || !caseId || !Number.isInteger(childIndex)) return null;
  try {
    const child = await nextOfKinChildForLog({
      database: context.services.database,
      actor,
      meta: context.meta,
      caseId,
      childIndex,
    });
    return { caseId, childIndex, name: child.name };
  } catch (error) {
    if (isAppError(error)) return null;
    throw error;
  }
}

/** "A log exists": what the page may know about it, which is its id and nothing more. */
interface ExistsFailure extends ActionFailure {
  exists: { logId: string; alreadyParticipant: boolean };
}

function isExists(value: unknown): value is ExistsFailure {
  return isFailure(value) && "exists" in value;
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "relaylog.use");
  const form = await request.formData();
  const values = formToObject(form);
  const { database, config } = context.services;
  if (form.get("intent") === "join") {
    return runAction(values, async () => {
      await requestToJoin({
        database,
        actor,
        meta: context.meta,
        logId: String(values.logId ?? ""),
        values: { unitId: values.unitId ?? "", message: values.message ?? "" },
      });
      return redirect(withNotice("/stafettlogger", "relayLog.open.joinRequested"));
    });
  }
  return runAction(values, async () => {
    try {
      const { log, handoverId } = await openLog({
        database,
        actor,
        meta: context.meta,
        secrets: logSecretsFrom(config.dataEncryptionKey),
        values: openValuesFromForm(values),
      });
      const caseId = typeof values.nextOfKinCase === "string" ? values.nextOfKinCase : "";
      if (caseId) {
        // The log is open either way; a case that cannot be linked is linked by hand on its page.
        await linkNextOfKinLog({
          database,
          actor,
          meta: context.meta,
          caseId,
          childIndex: Number(values.nextOfKinChild),
          logId: log.id,
        }).catch((linkError: unknown) => {
          if (!isAppError(linkError)) throw linkError;
        });
      }
      return redirect(
        withNotice(
          logPath(log.id, "consent"),
          handoverId ? "relayLog.open.openedWithHandover" : "relayLog.open.opened",
        ),
      );
    } catch (error) {
      if (!isLogExistsError(error)) throw error;
      return data<ExistsFailure>(
        {
          ok: false,
          messageKey: error.messageKey,
          fieldErrors: {},
          values,
          exists: { logId: error.existingLogId, alreadyParticipant: error.alreadyParticipant },
        },
        { status: 409 },
      );
    }
  });
}

export default function NewRelayLogPage() {
  const t = useT();
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const exists = isExists(actionData) ? actionData : undefined;
  const failure = isFailure(actionData) ? actionData : undefined;
  // A failed join request comes back with the log's id among the values it posted.
  const joinFailure =
    failure && !exists && typeof failure.values.logId === "string" ? failure : undefined;
  const openFailure = failure && !exists && !joinFailure ? failure : undefined;
  const joinLogId = exists?.exists.logId ?? (joinFailure?.values.logId as string | undefined);
  const typed = exists ?? openFailure;
  const error = (name: string) => openFailure?.fieldErrors[name];
  const nextOfKin = loaded.fromNextOfKin;
  const origin = valueOf(
    typed,
    "origin",
    nextOfKin ? "next_of_kin" : loaded.fromWorry ? "worry" : "direct",
  );
  const defaultUnits = loaded.myUnits.length === 1 ? [loaded.myUnits[0]!.id] : [];
  return (
    <div className="page relay-open">
      <title>{`${t("relayLog.open.newTitle")} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {t("relayLog.open.newTitle")}
      </Heading>

      {exists?.exists.alreadyParticipant ? (
        <Alert data-color="info" role="alert">
          <Paragraph>{t("relayLog.open.existsYours")}</Paragraph>
          <Paragraph>
            <DsLink asChild>
              <Link to={logPath(exists.exists.logId)}>{t("relayLog.open.existsYoursLink")}</Link>
            </DsLink>
          </Paragraph>
        </Alert>
      ) : joinLogId ? (
        <section aria-labelledby="join-heading" className="relay-open__join">
          <Alert data-color="warning" role="alert">
            {t(
              joinFailure && !joinFailure.fieldErrors.unitId
                ? joinFailure.messageKey
                : "relayLog.open.exists",
            )}
          </Alert>
          <Heading level={2} data-size="md" id="join-heading">
            {t("relayLog.open.joinHeading")}
          </Heading>
          <Paragraph>{t("relayLog.open.joinIntro")}</Paragraph>
          <Form method="post" className="form" noValidate>
            <CsrfField />
            <input type="hidden" name="logId" value={joinLogId} />
            {loaded.myUnits.length > 0 ? (
              <RadioGroup
                name="unitId"
                legend={t("relayLog.open.joinUnit")}
                required
                options={loaded.myUnits.map((unit) => ({ value: unit.id, label: unit.name }))}
                checked={valueOf(
                  joinFailure,
                  "unitId",
                  loaded.myUnits.length === 1 ? loaded.myUnits[0]!.id : undefined,
                )}
                error={joinFailure?.fieldErrors.unitId}
              />
            ) : (
              <Paragraph>{t("relayLog.open.noUnitOfYours")}</Paragraph>
            )}
            <TextAreaField
              name="message"
              label={t("relayLog.open.joinMessage")}
              help={t("relayLog.open.joinMessageHelp")}
              maxLength={JOIN_MESSAGE_MAX}
              defaultValue={valueOf(joinFailure, "message")}
              error={joinFailure?.fieldErrors.message}
            />
            <div className="form__actions">
              <Button type="submit" name="intent" value="join">
                {t("relayLog.open.joinSubmit")}
              </Button>
            </div>
          </Form>
        </section>
      ) : null}

      <Paragraph>{t("relayLog.open.newIntro")}</Paragraph>
      {origin === "worry" ? <Paragraph>{t("relayLog.open.fromWorryIntro")}</Paragraph> : null}

      <Form method="post" className="form relay-open__form" noValidate>
        <CsrfField />
        <input type="hidden" name="origin" value={origin} />
        {nextOfKin ? (
          <>
            <input type="hidden" name="nextOfKinCase" value={nextOfKin.caseId} />
            <input type="hidden" name="nextOfKinChild" value={String(nextOfKin.childIndex)} />
          </>
        ) : null}
        <FormErrors failure={openFailure} />

        <section aria-labelledby="child-heading" className="relay-open__section">
          <Heading level={2} data-size="md" id="child-heading">
            {t("relayLog.open.childHeading")}
          </Heading>
          <TextField
            name="childName"
            label={t("relayLog.open.childName")}
            required
            autoComplete="off"
            maxLength={CHILD_NAME_MAX}
            defaultValue={valueOf(typed, "childName", nextOfKin?.name)}
            error={error("childName")}
          />
          <TextField
            name="birthDate"
            label={t("relayLog.open.birthDate")}
            help={t("relayLog.open.birthDateHelp")}
            required
            autoComplete="off"
            maxLength={10}
            defaultValue={valueOf(typed, "birthDate")}
            error={error("birthDate")}
          />
          <TextField
            name="nationalId"
            label={t("relayLog.open.nationalId")}
            help={t("relayLog.open.nationalIdHelp")}
            autoComplete="off"
            maxLength={13}
            defaultValue={valueOf(typed, "nationalId")}
            error={error("nationalId")}
          />
        </section>

        <section aria-labelledby="guardians-heading" className="relay-open__section">
          <Heading level={2} data-size="md" id="guardians-heading">
            {t("relayLog.open.guardiansHeading")}
          </Heading>
          <Paragraph data-size="sm" id="guardians" tabIndex={-1}>
            {t("relayLog.open.guardiansHelp", { age: loaded.youthConsentAge })}
          </Paragraph>
          {error("guardians") ? (
            <ValidationMessage id="guardians-feil">{t(error("guardians")!)}</ValidationMessage>
          ) : null}
          {Array.from({ length: GUARDIAN_ROWS }, (_, index) => {
            const field = (name: string) => `guardians.${index}.${name}`;
            return (
              <Fieldset key={index} className="relay-open__row">
                <Fieldset.Legend>
                  {t("relayLog.open.guardianLegend", { number: index + 1 })}
                </Fieldset.Legend>
                <TextField
                  name={field("name")}
                  label={t("relayLog.open.guardianName")}
                  autoComplete="off"
                  maxLength={GUARDIAN_NAME_MAX}
                  defaultValue={valueOf(typed, field("name"))}
                  error={error(field("name"))}
                />
                <TextField
                  name={field("phone")}
                  label={t("relayLog.open.guardianPhone")}
                  type="tel"
                  autoComplete="off"
                  maxLength={40}
                  defaultValue={valueOf(typed, field("phone"))}
                  error={error(field("phone"))}
                />
                <TextField
                  name={field("email")}
                  label={t("relayLog.open.guardianEmail")}
                  type="email"
                  autoComplete="off"
                  maxLength={200}
                  defaultValue={valueOf(typed, field("email"))}
                  error={error(field("email"))}
                />
                <TextField
                  name={field("nationalId")}
                  label={t("family.home.guardianId.label")}
                  help={t("family.home.guardianId.help")}
                  autoComplete="off"
                  maxLength={13}
                  defaultValue={valueOf(typed, field("nationalId"))}
                  error={error(field("nationalId"))}
                />
                <RadioGroup
                  name={field("parentalResponsibility")}
                  legend={t("relayLog.open.parentalResponsibility")}
                  options={[
                    { value: "yes", label: t("common.yes") },
                    { value: "no", label: t("common.no") },
                  ]}
                  checked={valueOf(typed, field("parentalResponsibility"))}
                  error={error(field("parentalResponsibility"))}
                />
              </Fieldset>
            );
          })}
        </section>

        <section aria-labelledby="units-heading" className="relay-open__section">
          <Heading level={2} data-size="md" id="units-heading">
            {t("relayLog.open.unitsHeading")}
          </Heading>
          {loaded.myUnits.length > 1 ? (
            <RadioGroup
              name="holderUnitId"
              legend={t("relayLog.open.holderUnit")}
              required
              options={loaded.myUnits.map((unit) => ({ value: unit.id, label: unit.name }))}
              checked={valueOf(typed, "holderUnitId")}
              error={error("holderUnitId")}
            />
          ) : loaded.myUnits.length === 1 ? (
            <Paragraph id="holderUnitId">
              {t("relayLog.open.holderUnitOnly", { unit: loaded.myUnits[0]!.name })}
            </Paragraph>
          ) : (
            <Alert data-color="warning" id="holderUnitId">
              {t("relayLog.open.noUnitOfYours")}
            </Alert>
          )}
          <CheckboxGroup
            name="unitIds"
            legend={t("relayLog.open.unitsLegend")}
            description={t("relayLog.open.unitsHelp")}
            required
            options={loaded.units.map((unit) => ({ value: unit.id, label: unit.name }))}
            checked={valuesOf(typed, "unitIds", defaultUnits)}
            error={error("unitIds")}
          />
          <TextField
            name="proposedHolderEmail"
            label={t("relayLog.open.proposedHolderEmail")}
            help={t("relayLog.open.proposedHolderHelp")}
            type="email"
            autoComplete="off"
            maxLength={200}
            defaultValue={valueOf(typed, "proposedHolderEmail")}
            error={error("proposedHolderEmail")}
          />
          <RadioGroup
            name="level"
            legend={t("relayLog.open.level")}
            required
            options={openLevels.map((level) => ({
              value: String(level),
              label: t(`relayLog.open.levelOption.${level}`),
            }))}
            checked={valueOf(typed, "level", origin === "worry" ? "2" : undefined)}
            error={error("level")}
          />
        </section>

        <section aria-labelledby="areas-heading" className="relay-open__section">
          <Heading level={2} data-size="md" id="areas-heading">
            {t("relayLog.open.areasHeading")}
          </Heading>
          <Paragraph data-size="sm" id="areas" tabIndex={-1}>
            {t("relayLog.open.areasHelp")}
          </Paragraph>
          {error("areas") ? (
            <ValidationMessage id="areas-feil">{t(error("areas")!)}</ValidationMessage>
          ) : null}
          {Array.from({ length: AREA_ROWS }, (_, index) => {
            const field = (name: string) => `areas.${index}.${name}`;
            return (
              <Fieldset key={index} className="relay-open__row">
                <Fieldset.Legend>
                  {t("relayLog.open.areaLegend", { number: index + 1 })}
                </Fieldset.Legend>
                <TextField
                  name={field("title")}
                  label={t("relayLog.open.areaTitle")}
                  autoComplete="off"
                  maxLength={AREA_TITLE_MAX}
                  defaultValue={valueOf(typed, field("title"))}
                  error={error(field("title"))}
                />
                <TextAreaField
                  name={field("description")}
                  label={t("relayLog.open.areaDescription")}
                  maxLength={AREA_DESCRIPTION_MAX}
                  defaultValue={valueOf(typed, field("description"))}
                  error={error(field("description"))}
                />
              </Fieldset>
            );
          })}
        </section>

        <div className="form__actions">
          <Button type="submit" name="intent" value="open">
            {t("relayLog.open.submit")}
          </Button>
          <Button asChild variant="tertiary">
            <Link to="/stafettlogger">{t("relayLog.open.cancel")}</Link>
          </Button>
        </div>
      </Form>
    </div>
  );
}
