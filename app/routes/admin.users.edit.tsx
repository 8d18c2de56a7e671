import { Button, Heading, Paragraph } from "@digdir/designsystemet-react";
import { ActiveStatusSection } from "../components/active-status.tsx";
import {
  Form,
  redirect,
  useActionData,
  useLoaderData,
  useLocation,
  useSearchParams,
} from "react-router";
import { listUnits } from "../../core/units/units.ts";
import { getUser, resetPassword, setUserActive, updateUser } from "../../core/users/users.ts";
import { CsrfField, FormErrors, Notice, TextField } from "../components/forms.tsx";
import { UserForm } from "../components/user-form.tsx";
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
import type { Route } from "./+types/admin.users.edit";

const knownNotices = new Set(["users.saved", "users.passwordReset"]);

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "users.manage");
  const { database } = context.services;
  const user = await loadOr404(() =>
    getUser({ database, actor, meta: context.meta, userId: params.userId }),
  );
  const units = await listUnits({ database, actor, includeInactive: true });
  const now = new Date();
  const locked = user.lockedUntil !== null && user.lockedUntil > now;
  return {
    user: {
      id: user.id,
      name: user.name,
      email: user.email,
      roles: user.roles,
      unitIds: user.unitIds,
      active: user.active,
      lockedUntil: locked ? formatDateTime(user.lockedUntil!, context.language) : null,
      lastLogin: user.lastLoginAt ? formatDateTime(user.lastLoginAt, context.language) : null,
    },
    isSelf: user.id === actor.userId,
    // Active units to choose from, plus any deactivated unit the user still belongs to.
    units: units
      .filter((unit) => unit.active || user.unitIds.includes(unit.id))
      .map((unit) => ({ id: unit.id, name: unit.name, active: unit.active })),
  };
}

const intents = ["save", "deactivate", "reactivate", "password"] as const;
type Intent = (typeof intents)[number];

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "users.manage");
  const form = await request.formData();
  const values = formToObject(form);
  const rawIntent = form.get("intent");
  const intent: Intent = intents.find((known) => known === rawIntent) ?? "save";
  const common = {
    database: context.services.database,
    actor,
    meta: context.meta,
    userId: params.userId,
  };
  // The intent travels back with a failure so the page shows the error beside the right form.
  return runAction({ ...values, intent }, async () => {
    if (intent === "deactivate" || intent === "reactivate") {
      await setUserActive({ ...common, active: intent === "reactivate" });
      const user = await getUser(common);
      const key = intent === "reactivate" ? "users.reactivated" : "users.deactivated";
      return redirect(withNotice("/admin/brukere", key, { navn: user.name }));
    }
    if (intent === "password") {
      await resetPassword({ ...common, values });
      return redirect(withNotice(`/admin/brukere/${params.userId}`, "users.passwordReset"));
    }
    await updateUser({ ...common, values });
    return redirect(withNotice(`/admin/brukere/${params.userId}`, "users.saved"));
  });
}

function failureFor(
  failure: ActionFailure | undefined,
  ...wanted: Intent[]
): ActionFailure | undefined {
  const intent = failure?.values.intent;
  return failure && typeof intent === "string" && (wanted as string[]).includes(intent)
    ? failure
    : undefined;
}

export default function EditUserPage() {
  const t = useT();
  const { user, units, isSelf } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const [params] = useSearchParams();
  const location = useLocation();
  const notice = params.get("melding");
  const confirming = params.get("bekreft") === "deaktiver";
  const statusFailure = failureFor(failure, "deactivate", "reactivate");
  const passwordFailure = failureFor(failure, "password");
  const status = !user.active
    ? t("users.inactive")
    : user.lockedUntil
      ? t("users.lockedUntil", { time: user.lockedUntil })
      : t("users.active");
  return (
    <div className="page">
      <title>{`${t("users.editTitle")} – ${user.name} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {t("users.editTitle")}: {user.name}
      </Heading>
      {notice && knownNotices.has(notice) ? <Notice>{t(notice)}</Notice> : null}
      {/* Errors from the status and password forms further down are summarised at the top, where a
          reloaded page (no JavaScript) starts reading; the field error also sits beside the field. */}
      <FormErrors failure={statusFailure ?? passwordFailure} />
      {isSelf ? <Paragraph>{t("users.self")}</Paragraph> : null}
      <Paragraph>
        {t("users.lastLogin")}: {user.lastLogin ?? t("users.never")}
      </Paragraph>
      <UserForm failure={failureFor(failure, "save")} units={units} stored={user} />

      <ActiveStatusSection
        active={user.active}
        confirming={confirming && !statusFailure}
        selfPath={`/admin/brukere/${user.id}`}
        texts={{
          heading: `${t("users.status")}: ${status}`,
          confirmQuestion: t("users.deactivateConfirm", { name: user.name }),
          confirm: t("users.confirmDeactivate"),
          cancel: t("users.cancel"),
          deactivate: t("users.deactivate"),
          reactivate: t("users.reactivate"),
        }}
      />

      <section aria-labelledby="password-heading" className="page">
        <Heading level={2} data-size="sm" id="password-heading">
          {t("users.resetPassword")}
        </Heading>
        {/* Remounted on every navigation, so a password set successfully does not linger in the field. */}
        <Form method="post" className="form" noValidate key={location.key}>
          <CsrfField />
          <input type="hidden" name="intent" value="password" />
          <TextField
            name="password"
            label={t("users.newPassword")}
            help={t("users.newPasswordHelp")}
            type="password"
            required
            autoComplete="new-password"
            maxLength={200}
            error={passwordFailure?.fieldErrors.password}
          />
          <div className="form__actions">
            <Button type="submit" variant="secondary">
              {t("users.resetPassword")}
            </Button>
          </div>
        </Form>
      </section>
    </div>
  );
}
