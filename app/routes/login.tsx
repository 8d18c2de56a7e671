import {
  Alert,
  Button,
  Card,
  Heading,
  Link as DsLink,
  Paragraph,
} from "@digdir/designsystemet-react";
import { Form, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { z } from "zod";
import { isStaffRole } from "../../core/access/roles.ts";
import { listDemoUsers, loginDemoUser, loginWithPassword } from "../../core/auth/login.ts";
import { enforceRateLimit } from "../../core/auth/rate-limit.ts";
import { parseInput } from "../../core/platform/validation.ts";
import { serializeCookie, SESSION_COOKIE } from "../../server/cookies.ts";
import { safeReturnTo } from "../../server/oidc.ts";
import { CsrfField, FormErrors, TextField, valueOf } from "../components/forms.tsx";
import { useT } from "../lib/i18n.tsx";
import { formToObject, isFailure, runAction } from "../lib/route-helpers.ts";
import type { Route } from "./+types/login";

const knownErrorKeys = new Set([
  "oidcNotConfigured",
  "oidcFailed",
  "oidcNoStaffUser",
  "oidcInvalidPid",
  "rateLimited",
]);
const knownNotices = new Set([
  "login.loggedOut",
  "login.loggedOutEverywhere",
  "login.sessionEnded",
]);

export async function loader({ context, request }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const returnTo = safeReturnTo(url.searchParams.get("returnTo"));
  if (context.actor) throw redirect(returnTo);
  const { services } = context;
  const demoUsers = await listDemoUsers(services.database, services.config.demoLogin);
  return {
    returnTo,
    demoUsers: demoUsers.map((user) => ({
      id: user.id,
      name: user.name,
      role: user.roles.find(isStaffRole) ?? "employee",
    })),
    staffOidc: services.oidc.displayName("staff"),
    citizenOidc: services.oidc.displayName("citizen"),
  };
}

const passwordLogin = z.object({
  email: z.string().trim().min(1).max(200),
  password: z.string().min(1).max(200),
});

export async function action({ context, request }: Route.ActionArgs) {
  const form = await request.formData();
  const values = formToObject(form);
  const { services, meta } = context;
  const returnTo = safeReturnTo(form.get("returnTo"));
  return runAction(values, async () => {
    await enforceRateLimit(
      services.database,
      `login:${meta.ip ?? "unknown"}`,
      services.config.rateLimit.loginPerMinute,
    );
    const result =
      form.get("intent") === "demo"
        ? await loginDemoUser({
            database: services.database,
            enabled: services.config.demoLogin,
            userId: String(form.get("userId") ?? ""),
            timeouts: services.config.session,
            meta,
          })
        : await loginWithPassword({
            database: services.database,
            ...parseInput(passwordLogin, values),
            policy: services.config.login,
            timeouts: services.config.session,
            meta,
          });
    return redirect(returnTo, {
      headers: {
        "Set-Cookie": serializeCookie(SESSION_COOKIE, result.token, {
          secure: context.secureCookies,
        }),
      },
    });
  });
}

export default function Login() {
  const t = useT();
  const { returnTo, demoUsers, staffOidc, citizenOidc } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const [params] = useSearchParams();
  const errorKey = params.get("feil");
  const notice = params.get("melding");
  const oidcReturn = `?returnTo=${encodeURIComponent(returnTo)}`;

  return (
    <div className="page">
      <title>{`${t("login.title")} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {t("login.title")}
      </Heading>
      {notice && knownNotices.has(notice) ? (
        <Alert data-color="info" role="status">
          {t(notice)}
        </Alert>
      ) : null}
      {errorKey && knownErrorKeys.has(errorKey) ? (
        <Alert data-color="danger" role="alert">
          {t(`errors.${errorKey}`)}
        </Alert>
      ) : null}
      <Paragraph>{t("login.intro")}</Paragraph>
      <FormErrors failure={failure} />
      <Form method="post" className="form" noValidate>
        <CsrfField />
        <input type="hidden" name="returnTo" value={returnTo} />
        <input type="hidden" name="intent" value="password" />
        <TextField
          name="email"
          label={t("login.email")}
          type="email"
          autoComplete="username"
          required
          defaultValue={valueOf(failure, "email")}
          error={failure?.fieldErrors.email}
        />
        <TextField
          name="password"
          label={t("login.password")}
          type="password"
          autoComplete="current-password"
          required
          error={failure?.fieldErrors.password}
        />
        <div className="form__actions">
          <Button type="submit">{t("login.submit")}</Button>
          {staffOidc ? (
            <DsLink href={`/auth/oidc/staff${oidcReturn}`}>
              {t("login.staffOidc", { name: staffOidc })}
            </DsLink>
          ) : null}
        </div>
      </Form>

      {citizenOidc ? (
        <section aria-labelledby="citizen-heading">
          <Heading level={2} data-size="sm" id="citizen-heading">
            {t("login.citizenHeading")}
          </Heading>
          <Paragraph>{t("login.citizenIntro", { name: citizenOidc })}</Paragraph>
          <Paragraph>
            <DsLink href={`/auth/oidc/citizen${oidcReturn}`}>
              {t("login.citizenOidc", { name: citizenOidc })}
            </DsLink>
          </Paragraph>
        </section>
      ) : null}

      {demoUsers.length > 0 ? (
        <Card data-color="neutral">
          <Heading level={2} data-size="sm">
            {t("login.demoHeading")}
          </Heading>
          <Paragraph>{t("login.demoIntro")}</Paragraph>
          <ul className="cards">
            {demoUsers.map((user) => (
              <li key={user.id}>
                <Form method="post">
                  <CsrfField />
                  <input type="hidden" name="intent" value="demo" />
                  <input type="hidden" name="userId" value={user.id} />
                  <input type="hidden" name="returnTo" value={returnTo} />
                  <Button type="submit" variant="secondary">
                    {t("login.demoAs", { name: user.name, role: t(`roles.${user.role}`) })}
                  </Button>
                </Form>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}
