import {
  Alert,
  Button,
  Heading,
  Link as DsLink,
  Paragraph,
  Table,
  Tag,
} from "@digdir/designsystemet-react";
import { Form, Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { removeGuardian, saveGuardian } from "../../core/relay-log/consent.ts";
import { logSecretsFrom } from "../../core/relay-log/logs.ts";
import {
  addParticipant,
  leaveLog,
  listParticipants,
  removeParticipant,
} from "../../core/relay-log/participants.ts";
import {
  CsrfField,
  FormErrors,
  Notice,
  RadioGroup,
  TextField,
  valueOf,
} from "../components/forms.tsx";
import { ConfirmCheckbox, SingleCheckbox } from "../components/relay-log-consent-fields.tsx";
import { logPath, RelayLogLayout } from "../components/relay-log-layout.tsx";
import { formatDateTime } from "../lib/format-date.ts";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  isFailure,
  type ActionFailure,
  loadOr404,
  requirePermission,
  runAction,
  withNotice,
} from "../lib/route-helpers.ts";
import type { Route } from "./+types/relay-log.participants";

/**
 * Who takes part in a log (deltakere): the participants and for which unit, former participants,
 * the guardians, and for the relay holder adding employees from consented units (a name search
 * by GET), removing participants and editing guardians, each destructive step with a confirm
 * step. A participant can leave the log. Works without JavaScript.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "relaylog.use");
  const url = new URL(request.url);
  const page = await loadOr404(() =>
    listParticipants({
      database: context.services.database,
      actor,
      meta: context.meta,
      logId: params.logId,
      query: url.searchParams.get("sok") ?? "",
      dataEncryptionKey: context.services.config.dataEncryptionKey,
    }),
  );
  return { ...page, language: context.language };
}

/** The forms on this page; the echoed values carry which one failed as `_form`. */
type FormName = "add" | "leave" | "remove" | "guardian" | "removeGuardian";

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "relaylog.use");
  const form = await request.formData();
  const values = formToObject(form);
  const intent = String(form.get("intent") ?? "") as FormName;
  const common = {
    database: context.services.database,
    actor,
    meta: context.meta,
    logId: params.logId,
  };
  const path = logPath(params.logId, "participants");
  return runAction({ ...values, _form: intent }, async () => {
    switch (intent) {
      case "add":
        await addParticipant({ ...common, values });
        return redirect(withNotice(path, "relayLog.consent.participants.added"));
      case "leave":
        await leaveLog({ ...common, values });
        return redirect(withNotice("/stafettlogger", "relayLog.consent.participants.left"));
      case "remove": {
        const { participantId, ...rest } = values;
        await removeParticipant({
          ...common,
          participantId: String(participantId ?? ""),
          values: rest,
        });
        return redirect(withNotice(path, "relayLog.consent.participants.removed"));
      }
      case "guardian": {
        const { guardianId, ...rest } = values;
        await saveGuardian({
          ...common,
          guardianId: typeof guardianId === "string" && guardianId ? guardianId : null,
          values: rest,
          secrets: logSecretsFrom(context.services.config.dataEncryptionKey),
        });
        return redirect(withNotice(`${path}#foresatte`, "relayLog.consent.guardians.saved"));
      }
      case "removeGuardian": {
        const { guardianId, ...rest } = values;
        await removeGuardian({ ...common, guardianId: String(guardianId ?? ""), values: rest });
        return redirect(withNotice(path, "relayLog.consent.guardians.removed"));
      }
      default:
        throw new Response(null, { status: 400 });
    }
  });
}

const notices = [
  "relayLog.consent.participants.added",
  "relayLog.consent.participants.removed",
  "relayLog.consent.guardians.saved",
  "relayLog.consent.guardians.removed",
];

export default function RelayLogParticipantsPage() {
  const t = useT();
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const failed = (name: FormName): ActionFailure | undefined =>
    failure?.values._form === name ? failure : undefined;
  const [params] = useSearchParams();
  const notice = params.get("melding");
  const { header } = page;
  const holderCanEdit = header.isHolder && header.canWrite;
  const path = logPath(header.id, "participants");
  const removing = holderCanEdit
    ? page.participants.find((p) => p.id === params.get("fjern") && !p.isHolder)
    : undefined;
  const leaving = params.get("forlat") === "1" && page.myParticipantId && !header.isHolder;
  const editingGuardian = holderCanEdit
    ? page.guardians.find((g) => g.id === params.get("foresatt"))
    : undefined;
  const removingGuardian = holderCanEdit
    ? page.guardians.find((g) => g.id === params.get("fjern-foresatt"))
    : undefined;
  const guardianFailure = failed("guardian");
  const date = (value: string) => formatDateTime(value, page.language);

  return (
    <RelayLogLayout header={header} current="participants">
      {notice && notices.includes(notice) ? <Notice>{t(notice)}</Notice> : null}
      <Paragraph>{t("relayLog.consent.participants.intro")}</Paragraph>

      <section aria-labelledby="participants-heading">
        <Heading level={2} data-size="md" id="participants-heading">
          {t("relayLog.consent.participants.listHeading")}
        </Heading>
        {page.participants.length === 0 ? (
          <Paragraph>{t("relayLog.consent.participants.none")}</Paragraph>
        ) : (
          <div className="table-wrapper">
            <Table data-size="sm">
              <caption className="visually-hidden">
                {t("relayLog.consent.participants.listHeading")}
              </caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t("relayLog.consent.participants.name")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("relayLog.consent.participants.unit")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("relayLog.consent.participants.role")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("relayLog.consent.participants.joinedAt")}</Table.HeaderCell>
                  {holderCanEdit ? (
                    <Table.HeaderCell>
                      {t("relayLog.consent.participants.actions")}
                    </Table.HeaderCell>
                  ) : null}
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {page.participants.map((participant) => (
                  <Table.Row key={participant.id}>
                    <Table.Cell>
                      {participant.name}
                      {participant.isMe ? ` ${t("relayLog.consent.participants.you")}` : ""}
                    </Table.Cell>
                    <Table.Cell>{participant.unitName}</Table.Cell>
                    <Table.Cell>
                      {participant.isHolder ? (
                        <Tag data-color="info">{t("relayLog.consent.participants.holderRole")}</Tag>
                      ) : (
                        t("relayLog.consent.participants.participantRole")
                      )}
                    </Table.Cell>
                    <Table.Cell>{date(participant.joinedAt)}</Table.Cell>
                    {holderCanEdit ? (
                      <Table.Cell>
                        {participant.isHolder ? null : (
                          <DsLink asChild>
                            <Link to={`?fjern=${participant.id}#fjern`}>
                              {t("relayLog.consent.participants.remove", {
                                name: participant.name,
                              })}
                            </Link>
                          </DsLink>
                        )}
                      </Table.Cell>
                    ) : null}
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        )}
      </section>

      {removing ? (
        <section aria-labelledby="remove-heading" id="fjern">
          <Heading level={2} data-size="md" id="remove-heading">
            {t("relayLog.consent.participants.removeHeading", { name: removing.name })}
          </Heading>
          <Alert data-color="warning">
            <Paragraph>
              {t("relayLog.consent.participants.removeIntro", { name: removing.name })}
            </Paragraph>
          </Alert>
          <FormErrors failure={failed("remove")} />
          <Form method="post" action={`?fjern=${removing.id}`} className="form" noValidate>
            <CsrfField />
            <input type="hidden" name="participantId" value={removing.id} />
            <ConfirmCheckbox
              label={t("relayLog.consent.participants.removeConfirm", { name: removing.name })}
              error={failed("remove")?.fieldErrors.confirm}
            />
            <div className="form__actions">
              <Button type="submit" name="intent" value="remove" data-color="danger">
                {t("relayLog.consent.participants.removeSubmit")}
              </Button>
              <Button asChild variant="tertiary">
                <Link to={path}>{t("relayLog.consent.cancel")}</Link>
              </Button>
            </div>
          </Form>
        </section>
      ) : null}

      {header.isHolder ? (
        <Paragraph data-size="sm">{t("relayLog.consent.participants.holderLeaveHint")}</Paragraph>
      ) : page.myParticipantId && header.canWrite ? (
        <section aria-labelledby="leave-heading" id="forlat">
          <Heading level={2} data-size="md" id="leave-heading">
            {t("relayLog.consent.participants.leaveHeading")}
          </Heading>
          {leaving ? (
            <>
              <Alert data-color="warning">
                <Paragraph>{t("relayLog.consent.participants.leaveIntro")}</Paragraph>
              </Alert>
              <FormErrors failure={failed("leave")} />
              <Form method="post" action="?forlat=1" className="form" noValidate>
                <CsrfField />
                <ConfirmCheckbox
                  label={t("relayLog.consent.participants.leaveConfirm")}
                  error={failed("leave")?.fieldErrors.confirm}
                />
                <div className="form__actions">
                  <Button type="submit" name="intent" value="leave" data-color="danger">
                    {t("relayLog.consent.participants.leaveSubmit")}
                  </Button>
                  <Button asChild variant="tertiary">
                    <Link to={path}>{t("relayLog.consent.cancel")}</Link>
                  </Button>
                </div>
              </Form>
            </>
          ) : (
            <Button asChild variant="secondary" data-color="danger">
              <Link to="?forlat=1#forlat">{t("relayLog.consent.participants.leave")}</Link>
            </Button>
          )}
        </section>
      ) : null}

      {holderCanEdit ? (
        <section aria-labelledby="add-heading" id="legg-til">
          <Heading level={2} data-size="md" id="add-heading">
            {t("relayLog.consent.participants.addHeading")}
          </Heading>
          {header.kind === "anonymous" ? (
            <Paragraph>{t("relayLog.consent.participants.addIntroAnonymous")}</Paragraph>
          ) : page.addableUnits.length > 0 ? (
            <Paragraph>
              {t("relayLog.consent.participants.addIntro", {
                units: page.addableUnits.map((unit) => unit.name).join(", "),
              })}
            </Paragraph>
          ) : (
            <Alert data-color="info">
              <Paragraph>{t("relayLog.consent.participants.addNoUnits")}</Paragraph>
              <Paragraph>
                <DsLink asChild>
                  <Link to={logPath(header.id, "consent")}>
                    {t("relayLog.consent.participants.toConsent")}
                  </Link>
                </DsLink>
              </Paragraph>
            </Alert>
          )}
          {page.addableUnits.length > 0 ? (
            <>
              <Form method="get" action={`${path}#legg-til`} role="search" className="form">
                <TextField
                  name="sok"
                  type="search"
                  label={t("relayLog.consent.participants.search")}
                  help={t("relayLog.consent.participants.searchHelp")}
                  defaultValue={page.query}
                  autoComplete="off"
                  maxLength={100}
                />
                <div className="form__actions">
                  <Button type="submit" variant="secondary">
                    {t("relayLog.consent.participants.searchSubmit")}
                  </Button>
                </div>
              </Form>
              <FormErrors failure={failed("add")} />
              <Heading level={3} data-size="xs">
                {t("relayLog.consent.participants.candidatesHeading")}
              </Heading>
              {page.candidates.length === 0 ? (
                <Paragraph role="status">
                  {t("relayLog.consent.participants.candidatesNone")}
                </Paragraph>
              ) : (
                <ul className="relay-participant-candidates">
                  {page.candidates.map((candidate) => (
                    <li key={`${candidate.userId}-${candidate.unitId}`}>
                      <Form method="post" className="relay-participant-candidate">
                        <CsrfField />
                        <input type="hidden" name="userId" value={candidate.userId} />
                        <input type="hidden" name="unitId" value={candidate.unitId} />
                        <Button
                          type="submit"
                          name="intent"
                          value="add"
                          variant="secondary"
                          data-size="sm"
                        >
                          {t("relayLog.consent.participants.add", {
                            name: candidate.name,
                            unit: candidate.unitName,
                          })}
                        </Button>
                      </Form>
                    </li>
                  ))}
                </ul>
              )}
              {page.candidatesTruncated ? (
                <Paragraph data-size="sm">
                  {t("relayLog.consent.participants.candidatesTruncated", {
                    count: page.candidates.length,
                  })}
                </Paragraph>
              ) : null}
            </>
          ) : null}
        </section>
      ) : null}

      {page.former.length > 0 ? (
        <section aria-labelledby="former-heading">
          <Heading level={2} data-size="md" id="former-heading">
            {t("relayLog.consent.participants.formerHeading")}
          </Heading>
          <div className="table-wrapper">
            <Table data-size="sm">
              <caption className="visually-hidden">
                {t("relayLog.consent.participants.formerHeading")}
              </caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t("relayLog.consent.participants.name")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("relayLog.consent.participants.unit")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("relayLog.consent.participants.joinedAt")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("relayLog.consent.participants.leftAt")}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {page.former.map((participant) => (
                  <Table.Row key={participant.id}>
                    <Table.Cell>{participant.name}</Table.Cell>
                    <Table.Cell>{participant.unitName}</Table.Cell>
                    <Table.Cell>{date(participant.joinedAt)}</Table.Cell>
                    <Table.Cell>{date(participant.leftAt)}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        </section>
      ) : null}

      {header.kind === "log" ? (
        <section aria-labelledby="guardians-heading" id="foresatte">
          <Heading level={2} data-size="md" id="guardians-heading">
            {t("relayLog.consent.guardians.heading")}
          </Heading>
          <Paragraph>{t("relayLog.consent.guardians.intro")}</Paragraph>
          {page.guardians.length === 0 ? (
            <Paragraph>{t("relayLog.consent.guardians.none")}</Paragraph>
          ) : (
            <div className="table-wrapper">
              <Table data-size="sm">
                <caption className="visually-hidden">
                  {t("relayLog.consent.guardians.heading")}
                </caption>
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell>{t("relayLog.consent.guardians.name")}</Table.HeaderCell>
                    <Table.HeaderCell>
                      {t("relayLog.consent.guardians.responsibility")}
                    </Table.HeaderCell>
                    <Table.HeaderCell>{t("relayLog.consent.guardians.phone")}</Table.HeaderCell>
                    <Table.HeaderCell>{t("relayLog.consent.guardians.email")}</Table.HeaderCell>
                    <Table.HeaderCell>{t("family.home.guardianId.column")}</Table.HeaderCell>
                    {holderCanEdit ? (
                      <Table.HeaderCell>
                        {t("relayLog.consent.participants.actions")}
                      </Table.HeaderCell>
                    ) : null}
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {page.guardians.map((guardian) => (
                    <Table.Row key={guardian.id}>
                      <Table.Cell>{guardian.name}</Table.Cell>
                      <Table.Cell>
                        {guardian.parentalResponsibility
                          ? t("relayLog.consent.guardians.yes")
                          : t("relayLog.consent.guardians.no")}
                      </Table.Cell>
                      <Table.Cell>{guardian.phone ?? "–"}</Table.Cell>
                      <Table.Cell>{guardian.email ?? "–"}</Table.Cell>
                      <Table.Cell>
                        {guardian.nationalIdMasked ??
                          (guardian.hasNationalId
                            ? t("family.home.guardianId.recorded")
                            : t("family.home.guardianId.none"))}
                      </Table.Cell>
                      {holderCanEdit ? (
                        <Table.Cell>
                          <ul className="relay-participant-actions">
                            <li>
                              <DsLink asChild>
                                <Link to={`?foresatt=${guardian.id}#foresatt-skjema`}>
                                  {t("relayLog.consent.guardians.edit", { name: guardian.name })}
                                </Link>
                              </DsLink>
                            </li>
                            <li>
                              <DsLink asChild>
                                <Link to={`?fjern-foresatt=${guardian.id}#fjern-foresatt`}>
                                  {t("relayLog.consent.guardians.remove", {
                                    name: guardian.name,
                                  })}
                                </Link>
                              </DsLink>
                            </li>
                          </ul>
                        </Table.Cell>
                      ) : null}
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            </div>
          )}

          {removingGuardian ? (
            <section aria-labelledby="remove-guardian-heading" id="fjern-foresatt">
              <Heading level={3} data-size="sm" id="remove-guardian-heading">
                {t("relayLog.consent.guardians.removeHeading", { name: removingGuardian.name })}
              </Heading>
              <Alert data-color="warning">
                <Paragraph>{t("relayLog.consent.guardians.removeIntro")}</Paragraph>
              </Alert>
              <FormErrors failure={failed("removeGuardian")} />
              <Form
                method="post"
                action={`?fjern-foresatt=${removingGuardian.id}`}
                className="form"
                noValidate
              >
                <CsrfField />
                <input type="hidden" name="guardianId" value={removingGuardian.id} />
                <ConfirmCheckbox
                  label={t("relayLog.consent.guardians.removeConfirm", {
                    name: removingGuardian.name,
                  })}
                  error={failed("removeGuardian")?.fieldErrors.confirm}
                />
                <div className="form__actions">
                  <Button type="submit" name="intent" value="removeGuardian" data-color="danger">
                    {t("relayLog.consent.guardians.removeSubmit")}
                  </Button>
                  <Button asChild variant="tertiary">
                    <Link to={`${path}#foresatte`}>{t("relayLog.consent.cancel")}</Link>
                  </Button>
                </div>
              </Form>
            </section>
          ) : null}

          {holderCanEdit ? (
            <section aria-labelledby="guardian-form-heading" id="foresatt-skjema">
              <Heading level={3} data-size="sm" id="guardian-form-heading">
                {editingGuardian
                  ? t("relayLog.consent.guardians.editHeading")
                  : t("relayLog.consent.guardians.addHeading")}
              </Heading>
              <FormErrors failure={guardianFailure} />
              <Form
                method="post"
                action={editingGuardian ? `?foresatt=${editingGuardian.id}` : undefined}
                className="form"
                noValidate
                key={editingGuardian?.id ?? "new"}
              >
                <CsrfField />
                {editingGuardian ? (
                  <input type="hidden" name="guardianId" value={editingGuardian.id} />
                ) : null}
                <TextField
                  name="name"
                  label={t("relayLog.consent.guardians.name")}
                  required
                  maxLength={120}
                  autoComplete="off"
                  defaultValue={valueOf(guardianFailure, "name", editingGuardian?.name)}
                  error={guardianFailure?.fieldErrors.name}
                />
                <TextField
                  name="phone"
                  type="tel"
                  label={t("relayLog.consent.guardians.phone")}
                  autoComplete="off"
                  defaultValue={valueOf(guardianFailure, "phone", editingGuardian?.phone)}
                  error={guardianFailure?.fieldErrors.phone}
                />
                <TextField
                  name="email"
                  type="email"
                  label={t("relayLog.consent.guardians.email")}
                  autoComplete="off"
                  maxLength={200}
                  defaultValue={valueOf(guardianFailure, "email", editingGuardian?.email)}
                  error={guardianFailure?.fieldErrors.email}
                />
                {editingGuardian?.nationalIdMasked ? (
                  <Paragraph>
                    {t("family.home.guardianId.stored", {
                      masked: editingGuardian.nationalIdMasked,
                    })}
                  </Paragraph>
                ) : null}
                <TextField
                  name="nationalId"
                  label={t("family.home.guardianId.label")}
                  help={
                    editingGuardian?.hasNationalId
                      ? `${t("family.home.guardianId.help")} ${t("family.home.guardianId.keepHint")}`
                      : t("family.home.guardianId.help")
                  }
                  autoComplete="off"
                  maxLength={13}
                  defaultValue={valueOf(guardianFailure, "nationalId")}
                  error={guardianFailure?.fieldErrors.nationalId}
                />
                {editingGuardian?.hasNationalId ? (
                  <SingleCheckbox
                    name="removeNationalId"
                    label={t("family.home.guardianId.remove")}
                    checked={valueOf(guardianFailure, "removeNationalId") === "on"}
                  />
                ) : null}
                <RadioGroup
                  name="parentalResponsibility"
                  legend={t("relayLog.consent.guardians.responsibilityLegend")}
                  options={[
                    { value: "yes", label: t("relayLog.consent.guardians.yes") },
                    { value: "no", label: t("relayLog.consent.guardians.no") },
                  ]}
                  checked={valueOf(
                    guardianFailure,
                    "parentalResponsibility",
                    editingGuardian
                      ? editingGuardian.parentalResponsibility
                        ? "yes"
                        : "no"
                      : undefined,
                  )}
                  error={guardianFailure?.fieldErrors.parentalResponsibility}
                  required
                />
                <div className="form__actions">
                  <Button type="submit" name="intent" value="guardian">
                    {t("relayLog.consent.guardians.save")}
                  </Button>
                  {editingGuardian ? (
                    <Button asChild variant="tertiary">
                      <Link to={`${path}#foresatte`}>{t("relayLog.consent.cancel")}</Link>
                    </Button>
                  ) : null}
                </div>
              </Form>
            </section>
          ) : null}
        </section>
      ) : null}
    </RelayLogLayout>
  );
}
