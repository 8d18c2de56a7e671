import {
  Alert,
  Button,
  Field,
  Heading,
  Input,
  Label,
  Paragraph,
  Table,
  Tag,
} from "@digdir/designsystemet-react";
import {
  data,
  Form,
  Link,
  redirect,
  useActionData,
  useLoaderData,
  useRouteLoaderData,
  useSearchParams,
} from "react-router";
import { tokenScopes } from "../../core/access/roles.ts";
import { logoutEverywhere } from "../../core/auth/login.ts";
import { createAccessToken, listAccessTokens, revokeAccessToken } from "../../core/auth/tokens.ts";
import { getOwnProfile } from "../../core/users/profile.ts";
import { defaultLanguage } from "../../i18n/index.ts";
import { serializeCookie, SESSION_COOKIE } from "../../server/cookies.ts";
import {
  CheckboxGroup,
  CsrfField,
  FormErrors,
  Notice,
  TextField,
  valueOf,
  valuesOf,
} from "../components/forms.tsx";
import { formatDateTime } from "../lib/format-date.ts";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  isFailure,
  requireActor,
  requireStaff,
  runAction,
  withNotice,
} from "../lib/route-helpers.ts";
import type { RootData } from "../root.tsx";
import type { Route } from "./+types/profile";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  if (actor.kind === "system") throw data({ messageKey: "errors.forbidden" }, { status: 403 });
  const { database, config } = context.services;
  const profile = await getOwnProfile({ database, actor, timeouts: config.session });
  // Citizens see their name and sessions only; API keys are for staff with the permission.
  const tokens =
    actor.kind === "staff" && context.permissions.includes("api.tokens")
      ? (await listAccessTokens({ database, actor })).map((token) => ({
          ...token,
          createdAt: token.createdAt.toISOString(),
          lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
          expiresAt: token.expiresAt?.toISOString() ?? null,
        }))
      : null;
  return { profile, tokens };
}

export async function action({ context, request }: Route.ActionArgs) {
  const form = await request.formData();
  const intent = form.get("intent");
  const { database } = context.services;
  const meta = context.meta;

  if (intent === "logoutEverywhere") {
    const actor = requireActor(context, request);
    await logoutEverywhere({ database, actor, meta });
    // The session this request came with is gone too, so the cookie goes and login says why.
    return redirect("/logg-inn?melding=login.loggedOutEverywhere", {
      headers: {
        "Set-Cookie": serializeCookie(SESSION_COOKIE, "", {
          secure: context.secureCookies,
          maxAgeSeconds: 0,
        }),
      },
    });
  }

  const actor = requireStaff(context, request);
  const values = formToObject(form);
  if (intent === "revokeToken") {
    return runAction(values, async () => {
      await revokeAccessToken({
        database,
        actor,
        meta,
        tokenId: String(form.get("tokenId") ?? ""),
      });
      return redirect(withNotice("/min-side", "profile.revoked"));
    });
  }
  if (intent === "createToken") {
    return runAction(values, async () => {
      const { token, secret } = await createAccessToken({ database, actor, meta, values });
      // The raw token travels back in this one response and is never stored or put in a URL.
      return { ok: true as const, created: { name: token.name, secret } };
    });
  }
  throw data({ messageKey: "errors.notFound" }, { status: 404 });
}

type TokenRow = NonNullable<Awaited<ReturnType<typeof loader>>["tokens"]>[number];

export default function ProfilePage() {
  const t = useT();
  const { profile, tokens } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const notice = params.get("melding");

  return (
    <div className="page">
      <title>{`${t("profile.title")} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {t("profile.title")}
      </Heading>
      {notice === "profile.revoked" ? <Notice>{t("profile.revoked")}</Notice> : null}

      <section aria-labelledby="about-heading" className="page">
        <Heading level={2} data-size="sm" id="about-heading">
          {t("profile.aboutTitle")}
        </Heading>
        <dl className="details-list">
          <dt>{t("profile.name")}</dt>
          <dd>{profile.name ?? t("roles.citizen")}</dd>
          {profile.kind === "staff" ? (
            <>
              <dt>{t("profile.email")}</dt>
              <dd>{profile.email}</dd>
              <dt>{t("profile.roles")}</dt>
              <dd>{profile.roles.map((role) => t(`roles.${role}`)).join(", ")}</dd>
              <dt>{t("profile.units")}</dt>
              <dd>
                {profile.units.length > 0
                  ? profile.units.map((unit) => unit.name).join(", ")
                  : t("profile.noUnits")}
              </dd>
            </>
          ) : null}
        </dl>
      </section>

      <section aria-labelledby="sessions-heading" className="page">
        <Heading level={2} data-size="sm" id="sessions-heading">
          {t("profile.sessions")}
        </Heading>
        <Paragraph>{t("profile.sessionsText", { count: profile.activeSessions })}</Paragraph>
        <Form method="post" className="actions">
          <CsrfField />
          <Paragraph data-size="sm" id="logout-everywhere-help">
            {t("profile.logoutEverywhereHelp")}
          </Paragraph>
          <Button
            type="submit"
            name="intent"
            value="logoutEverywhere"
            variant="secondary"
            aria-describedby="logout-everywhere-help"
          >
            {t("profile.logoutEverywhere")}
          </Button>
        </Form>
      </section>

      {tokens ? <TokensSection tokens={tokens} /> : null}
    </div>
  );
}

function TokensSection({ tokens }: { tokens: TokenRow[] }) {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const failure = isFailure(actionData) ? actionData : undefined;
  const created = actionData && "created" in actionData ? actionData.created : undefined;
  const confirmingId = params.get("trekkTilbake");
  const confirming = tokens.find((token) => token.id === confirmingId && token.status === "active");

  return (
    <section aria-labelledby="tokens-heading" className="page">
      <Heading level={2} data-size="sm" id="tokens-heading">
        {t("profile.tokensTitle")}
      </Heading>
      <Paragraph>{t("profile.tokensIntro")}</Paragraph>

      {created ? (
        <Alert data-color="success" role="status">
          <Paragraph>{t("profile.tokenCreated")}</Paragraph>
          <Field>
            <Label htmlFor="new-token-secret">
              {t("profile.tokenSecretLabel", { name: created.name })}
            </Label>
            <Input
              id="new-token-secret"
              readOnly
              value={created.secret}
              autoComplete="off"
              spellCheck={false}
              className="token-secret"
            />
          </Field>
        </Alert>
      ) : null}

      {confirming ? (
        <Alert data-color="warning">
          <Paragraph>{t("profile.revokeConfirm", { name: confirming.name })}</Paragraph>
          <Form method="post" className="form__actions">
            <CsrfField />
            <input type="hidden" name="tokenId" value={confirming.id} />
            <Button type="submit" name="intent" value="revokeToken" data-color="danger">
              {t("profile.confirmRevoke")}
            </Button>
            <Button asChild variant="tertiary">
              <Link to="/min-side">{t("profile.cancel")}</Link>
            </Button>
          </Form>
        </Alert>
      ) : null}

      {tokens.length === 0 ? (
        <Paragraph>{t("profile.tokensEmpty")}</Paragraph>
      ) : (
        <TokenTable tokens={tokens} />
      )}

      <Heading level={3} data-size="xs" id="new-token-heading">
        {t("profile.newToken")}
      </Heading>
      <FormErrors failure={failure} />
      <Form
        key={created?.secret ?? "new-token"}
        method="post"
        className="form"
        noValidate
        aria-labelledby="new-token-heading"
      >
        <CsrfField />
        <input type="hidden" name="intent" value="createToken" />
        <TextField
          name="name"
          label={t("profile.tokenName")}
          help={t("profile.tokenNameHelp")}
          required
          maxLength={100}
          defaultValue={created ? "" : valueOf(failure, "name")}
          error={failure?.fieldErrors.name}
        />
        <CheckboxGroup
          name="scopes"
          legend={t("profile.tokenScopes")}
          description={t("profile.tokenScopesHelp")}
          options={tokenScopes.map((scope) => ({
            value: scope,
            label: t(`profile.scope.${scope}`),
          }))}
          checked={valuesOf(failure, "scopes", ["read"])}
          error={failure?.fieldErrors.scopes}
        />
        <TextField
          name="expiresInDays"
          label={t("profile.tokenExpires")}
          help={t("profile.tokenExpiresHelp")}
          type="number"
          min={1}
          max={365}
          defaultValue={valueOf(failure, "expiresInDays", "90")}
          error={failure?.fieldErrors.expiresInDays}
        />
        <div className="form__actions">
          <Button type="submit">{t("profile.createToken")}</Button>
        </div>
      </Form>
    </section>
  );
}

function TokenTable({ tokens }: { tokens: TokenRow[] }) {
  const t = useT();
  const root = useRouteLoaderData<RootData>("root");
  const language = root?.language ?? defaultLanguage;
  const statusColor = { active: "success", expired: "neutral", revoked: "neutral" } as const;
  const statusKey = {
    active: "profile.statusActive",
    expired: "profile.statusExpired",
    revoked: "profile.statusRevoked",
  } as const;
  return (
    <div className="table-wrapper">
      <Table>
        <caption className="visually-hidden">{t("profile.tokensCaption")}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell scope="col">{t("profile.tokenName")}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t("profile.tokenScopes")}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t("profile.created")}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t("profile.lastUsed")}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t("profile.expires")}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t("profile.status")}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t("profile.actions")}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {tokens.map((token) => (
            <Table.Row key={token.id}>
              <Table.Cell>{token.name}</Table.Cell>
              <Table.Cell>
                {token.scopes.map((scope) => t(`profile.scope.${scope}`)).join(", ")}
              </Table.Cell>
              <Table.Cell>{formatDateTime(token.createdAt, language)}</Table.Cell>
              <Table.Cell>
                {token.lastUsedAt
                  ? formatDateTime(token.lastUsedAt, language)
                  : t("profile.neverUsed")}
              </Table.Cell>
              <Table.Cell>
                {token.expiresAt
                  ? formatDateTime(token.expiresAt, language)
                  : t("profile.neverExpires")}
              </Table.Cell>
              <Table.Cell>
                <Tag data-color={statusColor[token.status]}>{t(statusKey[token.status])}</Tag>
              </Table.Cell>
              <Table.Cell>
                {token.status === "active" ? (
                  <Button asChild variant="tertiary" data-size="sm" data-color="danger">
                    <Link
                      to={`?trekkTilbake=${token.id}`}
                      aria-label={t("profile.revokeNamed", { name: token.name })}
                    >
                      {t("profile.revoke")}
                    </Link>
                  </Button>
                ) : null}
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  );
}
