import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type KoaContextWithOidc } from "oidc-provider";

export type OidcClientKind = "staff" | "citizen";

export interface TestOidcAccount {
  /** What the tester types into the provider's login form; also the `sub` claim. */
  login: string;
  /** Claims released by scope: `email` (email scope), `name` (profile), `pid` (openid, as in ID-porten). */
  claims: { email?: string; name?: string; pid?: string };
}

export interface TestOidcProvider {
  /** The issuer, `http://127.0.0.1:<port>`; Laget needs OIDC_ALLOW_INSECURE=true for it. */
  issuer: string;
  clients: Record<OidcClientKind, { clientId: string; clientSecret: string }>;
  /** OIDC_* environment variables for Laget pointing at this provider. */
  lagetEnv: Record<string, string>;
  /**
   * Registers the Laget server under test: each client may redirect only to its callback there.
   * Laget's port is known only after it starts, and it discovers the provider lazily at the first
   * login, so the provider answers 503 until this is called.
   */
  trustRedirectsTo(origin: string): void;
  stop(): Promise<void>;
}

/**
 * A real OpenID Connect provider (the `oidc-provider` package) for end-to-end tests: authorization
 * code flow with PKCE required, confidential clients for staff and citizens, and a minimal login
 * form of our own. Its own dev pages are switched off because they pull a web font from the
 * internet, and tests send traffic only to loopback addresses.
 */
export async function startOidcProvider(options: {
  accounts: TestOidcAccount[];
}): Promise<TestOidcProvider> {
  const accounts = new Map(options.accounts.map((account) => [account.login, account]));
  const clients: TestOidcProvider["clients"] = {
    staff: { clientId: "laget-staff", clientSecret: randomBytes(24).toString("hex") },
    citizen: { clientId: "laget-citizen", clientSecret: randomBytes(24).toString("hex") },
  };
  let provider: Provider | null = null;
  let handleProvider: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;

  const server: Server = createServer((req, res) => {
    if (!provider || !handleProvider) {
      res.writeHead(503, { "content-type": "text/plain" }).end("provider not ready");
      return;
    }
    const current = provider;
    const url = new URL(req.url ?? "/", "http://provider.invalid");
    const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(url.pathname);
    if (!match) {
      handleProvider(req, res);
      return;
    }
    handleInteraction(current, accounts, req, res, Boolean(match[2])).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end(`interaction failed: ${(error as Error).message}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const signingKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
    format: "jwk",
  });

  return {
    issuer,
    clients,
    lagetEnv: {
      OIDC_STAFF_ISSUER: issuer,
      OIDC_STAFF_CLIENT_ID: clients.staff.clientId,
      OIDC_STAFF_CLIENT_SECRET: clients.staff.clientSecret,
      OIDC_STAFF_NAME: "Entra ID",
      OIDC_CITIZEN_ISSUER: issuer,
      OIDC_CITIZEN_CLIENT_ID: clients.citizen.clientId,
      OIDC_CITIZEN_CLIENT_SECRET: clients.citizen.clientSecret,
      OIDC_CITIZEN_NAME: "ID-porten",
      OIDC_ALLOW_INSECURE: "true",
    },
    trustRedirectsTo(origin) {
      if (provider) throw new Error("trustRedirectsTo may be called once");
      provider = new Provider(issuer, {
        clients: (["staff", "citizen"] as const).map((kind) => ({
          client_id: clients[kind].clientId,
          client_secret: clients[kind].clientSecret,
          client_name: kind === "staff" ? "Laget (ansatte)" : "Laget (innbyggere)",
          redirect_uris: [`${origin}/auth/oidc/${kind}/callback`],
          grant_types: ["authorization_code"],
          response_types: ["code"],
          token_endpoint_auth_method: "client_secret_post",
        })),
        jwks: { keys: [{ ...signingKey, kid: "test-signing-key", use: "sig", alg: "RS256" }] },
        cookies: { keys: [randomBytes(32).toString("hex")] },
        // ID-porten releases `pid` with the openid scope; Entra ID releases `email` with the email scope.
        claims: {
          acr: null,
          sid: null,
          auth_time: null,
          iss: null,
          openid: ["sub", "pid"],
          email: ["email", "email_verified"],
          profile: ["name"],
        },
        features: { devInteractions: { enabled: false } },
        ttl: {
          AccessToken: 600,
          AuthorizationCode: 60,
          Grant: 600,
          IdToken: 600,
          Interaction: 600,
          Session: 600,
        },
        pkce: { required: () => true },
        async findAccount(_ctx, id) {
          const account = accounts.get(id);
          if (!account) return undefined;
          return {
            accountId: id,
            claims: () => ({
              sub: id,
              ...account.claims,
              ...(account.claims.email ? { email_verified: true } : {}),
            }),
          };
        },
        // Both clients are first-party: consent is granted without a page, as ID-porten and Entra ID do.
        async loadExistingGrant(ctx: KoaContextWithOidc) {
          const oidc = ctx.oidc;
          const grantId =
            oidc.result?.consent?.grantId ?? oidc.session.grantIdFor(oidc.client.clientId);
          if (grantId) return oidc.provider.Grant.find(grantId);
          const grant = new oidc.provider.Grant({
            clientId: oidc.client.clientId,
            accountId: oidc.session.accountId,
          });
          grant.addOIDCScope([...oidc.requestParamScopes].join(" "));
          grant.addOIDCClaims([...oidc.requestParamClaims]);
          await grant.save();
          return grant;
        },
        renderError(ctx, out) {
          ctx.type = "html";
          ctx.body = page(
            "Feil hos innloggingstjenesten",
            `<p>${escapeHtml(out.error ?? "error")}: ${escapeHtml(out.error_description ?? "")}</p>`,
          );
        },
      });
      handleProvider = provider.callback();
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function handleInteraction(
  provider: Provider,
  accounts: Map<string, TestOidcAccount>,
  req: IncomingMessage,
  res: ServerResponse,
  submitted: boolean,
): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  if (details.prompt.name !== "login") {
    // Consent is granted in loadExistingGrant; any other prompt means the setup is wrong.
    throw new Error(`unexpected prompt ${details.prompt.name}`);
  }
  if (req.method === "POST" && submitted) {
    const form = new URLSearchParams(await readBody(req));
    const login = form.get("login")?.trim() ?? "";
    if (accounts.has(login)) {
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: login } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    sendLoginForm(res, details.uid, 400, "Ukjent bruker-ID. Prøv igjen.");
    return;
  }
  sendLoginForm(res, details.uid, 200, null);
}

/** An accessible form (lang, label, landmarks), though it is the provider's page rather than Laget's. */
function sendLoginForm(
  res: ServerResponse,
  uid: string,
  status: number,
  error: string | null,
): void {
  const errorHtml = error ? `<p role="alert" id="login-error">${escapeHtml(error)}</p>` : "";
  const describedBy = error ? ' aria-describedby="login-error" aria-invalid="true"' : "";
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
  });
  res.end(
    page(
      "Testinnlogging",
      `<p>Innloggingstjeneste for automatiske tester. Skriv inn en bruker-ID.</p>
      ${errorHtml}
      <form method="post" action="/interaction/${escapeHtml(uid)}/login">
        <label for="login">Bruker-ID</label>
        <input id="login" name="login" type="text" autocomplete="username" required${describedBy}>
        <button type="submit">Logg inn</button>
      </form>`,
    ),
  );
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="nb">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body>
</html>`;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 10_000) throw new Error("request body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}
