import { createHash, generateKeyPairSync, randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { KoaContextWithOidc, Provider } from "oidc-provider";
import type { OidcProviderConfig } from "../core/platform/config.ts";
import { isValidNationalId } from "../core/platform/national-id.ts";
import { ageOn } from "../core/relay-log/consent-rules.ts";
import { osloDate } from "../core/platform/dates.ts";
import type { DemoCitizen } from "../db/seed-demo-family.ts";
import { htmlLang, isLanguage, translator, defaultLanguage } from "../i18n/index.ts";
import { LANGUAGE_COOKIE, parseCookies } from "./cookies.ts";
import type { Logger } from "./logger.ts";

/**
 * Demo ID-porten: a real OpenID Connect provider (the `oidc-provider` package) inside Laget when
 * it runs in demo mode without a citizen OIDC provider (ADR 0019). It is mounted in Laget's own
 * HTTP server under /demo-idporten, ahead of the web app (no Laget session, CSRF or CSP there),
 * so the browser reaches it wherever it reaches Laget. Laget talks to it as to ID-porten: the
 * authorization code flow with PKCE, a confidential client, and the `pid` claim.
 *
 * Its login page is our own (the provider's dev pages load a web font from the internet): the
 * demo family as buttons, and a field for any valid (synthetic) national ID number.
 */
export const DEMO_IDPORTEN_PATH = "/demo-idporten";

const CLIENT_ID = "laget-demo-citizen";
export const DEMO_IDPORTEN_NAME = "ID-porten (demo)";

export interface DemoIdporten {
  /** Whether a request belongs to the demo provider (checked before Laget's own handler). */
  handles(req: IncomingMessage): boolean;
  handle(req: IncomingMessage, res: ServerResponse): void;
  /**
   * Starts the provider once Laget listens (the port may be chosen by the system), and returns
   * the citizen OIDC settings that point Laget at it.
   */
  start(options: {
    /** The origin browsers use for Laget (PUBLIC_URL, or the listening address). */
    publicOrigin: string;
    /** Where Laget itself reaches its own listening socket. */
    internalOrigin: string;
    /** Every origin Laget may compute its callback from (PUBLIC_URL, localhost, 127.0.0.1). */
    callbackOrigins: string[];
    /** The demo family as seeded; null when there is no demo municipality. */
    citizens: DemoCitizen[] | null;
  }): Promise<OidcProviderConfig>;
}

interface Account {
  pid: string;
  name: string | null;
}

export function createDemoIdporten(logger: Logger): DemoIdporten {
  let provider: Provider | null = null;
  let handleProvider: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
  let issuerUrl: URL | null = null;
  let citizens: DemoCitizen[] = [];
  let formTargets: string[] = [];
  // The provider's accounts by their `sub`: a pairwise-looking id, as in ID-porten, not the pid.
  const accounts = new Map<string, Account>();

  function accountFor(pid: string): string {
    const sub = createHash("sha256").update(`demo-idporten:${pid}`).digest("base64url");
    const known = citizens.find((citizen) => citizen.pid === pid);
    accounts.set(sub, { pid, name: known?.name ?? null });
    return sub;
  }

  function handles(req: IncomingMessage): boolean {
    const url = req.url ?? "/";
    return (
      url === DEMO_IDPORTEN_PATH ||
      url.startsWith(`${DEMO_IDPORTEN_PATH}/`) ||
      url.startsWith(`${DEMO_IDPORTEN_PATH}?`)
    );
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const t = translator(languageOf(req));
    if (!provider || !handleProvider || !issuerUrl) {
      res.writeHead(503, { "content-type": "text/plain; charset=utf-8", "retry-after": "1" });
      res.end(t("family.home.demoIdporten.notReady"));
      return;
    }
    // The provider builds its URLs from the request: make them always the issuer's, whatever
    // address the request came in on (Laget's own server-side calls use the loopback address).
    req.headers["x-forwarded-host"] = issuerUrl.host;
    req.headers["x-forwarded-proto"] = issuerUrl.protocol.replace(":", "");
    delete req.headers["x-forwarded-for"];
    const original = req.url ?? "/";
    const rest = original.slice(DEMO_IDPORTEN_PATH.length) || "/";
    const pathname = rest.split("?")[0]!;
    const interaction = /^\/interaction\/([\w-]+)(\/login|\/abort)?$/.exec(pathname);
    if (interaction) {
      handleInteraction(provider, req, res, interaction[2] ?? null).catch((error: unknown) => {
        logger.warn({ err: (error as Error).message }, "demo ID-porten interaction failed");
        if (!res.headersSent) {
          sendPage(res, req, 400, errorPage(t, "interaction_failed"));
        } else {
          res.end();
        }
      });
      return;
    }
    // Mounted like an Express sub-app: the provider reads the prefix from originalUrl.
    (req as IncomingMessage & { originalUrl?: string }).originalUrl = original;
    req.url = rest.startsWith("/") ? rest : `/${rest}`;
    handleProvider(req, res);
  }

  async function handleInteraction(
    current: Provider,
    req: IncomingMessage,
    res: ServerResponse,
    action: string | null,
  ): Promise<void> {
    const details = await current.interactionDetails(req, res);
    if (details.prompt.name !== "login") {
      // Consent is granted in loadExistingGrant (first-party client, as with ID-porten).
      throw new Error(`unexpected prompt ${details.prompt.name}`);
    }
    if (req.method === "POST" && action === "/abort") {
      await current.interactionFinished(
        req,
        res,
        { error: "access_denied", error_description: "The user cancelled the login" },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    if (req.method === "POST" && action === "/login") {
      const form = new URLSearchParams(await readBody(req));
      const person = citizens.find((citizen) => citizen.key === form.get("person"));
      const typed = (form.get("pid") ?? "").replace(/\s/g, "");
      const pid = person?.pid ?? typed;
      if (isValidNationalId(pid)) {
        await current.interactionFinished(
          req,
          res,
          { login: { accountId: accountFor(pid) } },
          { mergeWithLastSubmission: false },
        );
        return;
      }
      sendLoginForm(req, res, details.uid, { status: 400, typed });
      return;
    }
    sendLoginForm(req, res, details.uid, { status: 200, typed: null });
  }

  function sendLoginForm(
    req: IncomingMessage,
    res: ServerResponse,
    uid: string,
    state: { status: number; typed: string | null },
  ): void {
    const language = languageOf(req);
    const t = translator(language);
    const k = (key: string, params?: Record<string, unknown>) =>
      escapeHtml(t(`family.home.demoIdporten.${key}`, params));
    const action = `${DEMO_IDPORTEN_PATH}/interaction/${encodeURIComponent(uid)}`;
    const invalid = state.status === 400;
    const today = osloDate();
    const people = citizens
      .map((citizen) => {
        const role = k(`roles.${citizen.role}`, { age: ageOn(citizen.birthDate, today) });
        return `<li><button type="submit" name="person" value="${escapeHtml(citizen.key)}">${k("loginAs", { name: citizen.name, role })}</button></li>`;
      })
      .join("");
    const peopleSection =
      citizens.length > 0
        ? `<section aria-labelledby="people-heading">
  <h2 id="people-heading">${k("peopleHeading")}</h2>
  <p>${k("peopleIntro")}</p>
  <form method="post" action="${action}/login">
    <ul class="people">${people}</ul>
  </form>
</section>`
        : "";
    const describedBy = invalid ? "pid-error pid-hint" : "pid-hint";
    const body = `<p class="warning"><strong>${k("banner")}.</strong> ${k("notReal")}</p>
<p>${k("client", { client: "Laget" })}</p>
${peopleSection}
<section aria-labelledby="pid-heading">
  <h2 id="pid-heading">${k("pidHeading")}</h2>
  <form method="post" action="${action}/login" novalidate>
    <div class="field">
      <label for="pid">${k("pidLabel")}</label>
      <p id="pid-hint" class="hint">${k("pidHint")}</p>
      ${invalid ? `<p id="pid-error" class="error" role="alert">${k("pidInvalid")}</p>` : ""}
      <input id="pid" name="pid" type="text" inputmode="numeric" autocomplete="off" maxlength="20" aria-describedby="${describedBy}"${invalid ? ' aria-invalid="true" autofocus' : ""} value="${escapeHtml(state.typed ?? "")}">
    </div>
    <button type="submit">${k("submit")}</button>
  </form>
</section>
<form method="post" action="${action}/abort" class="cancel">
  <button type="submit" class="secondary">${k("cancel")}</button>
</form>`;
    sendPage(res, req, state.status, { title: k("pageTitle"), heading: k("heading"), body });
  }

  function sendPage(
    res: ServerResponse,
    req: IncomingMessage,
    status: number,
    content: { title: string; heading: string; body: string },
  ): void {
    const language = languageOf(req);
    const t = translator(language);
    const nonce = randomBytes(16).toString("base64");
    res.writeHead(status, {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "content-security-policy": [
        "default-src 'none'",
        `style-src 'nonce-${nonce}'`,
        // The login form's redirects end at Laget's callback, wherever Laget was reached.
        `form-action 'self' ${formTargets.join(" ")}`.trim(),
        "frame-ancestors 'none'",
        "base-uri 'none'",
      ].join("; "),
      "x-content-type-options": "nosniff",
      "x-frame-options": "DENY",
      "referrer-policy": "no-referrer",
    });
    res.end(`<!DOCTYPE html>
<html lang="${htmlLang[language]}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${content.title}</title>
<style nonce="${nonce}">${pageStyle}</style>
</head>
<body>
<header class="banner"><p>${escapeHtml(t("family.home.demoIdporten.banner"))}</p></header>
<main id="main">
<h1>${content.heading}</h1>
${content.body}
</main>
</body>
</html>`);
  }

  function errorPage(t: ReturnType<typeof translator>, code: string) {
    const k = (key: string, params?: Record<string, unknown>) =>
      escapeHtml(t(`family.home.demoIdporten.${key}`, params));
    return {
      title: k("errorTitle"),
      heading: k("errorTitle"),
      body: `<p>${k("errorBody")}</p><p>${k("errorCode", { code })}</p>`,
    };
  }

  return {
    handles,
    handle,
    async start(options) {
      if (provider) throw new Error("The demo ID-porten is already started");
      // Loaded only in demo mode: a production server never loads the provider.
      const { default: OidcProvider } = await import("oidc-provider");
      const issuer = `${options.publicOrigin}${DEMO_IDPORTEN_PATH}`;
      issuerUrl = new URL(issuer);
      citizens = options.citizens ?? [];
      const origins = [...new Set([options.publicOrigin, ...options.callbackOrigins])];
      formTargets = origins.filter((origin) => origin !== options.publicOrigin);
      const clientSecret = randomBytes(24).toString("hex");
      const signingKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
        format: "jwk",
      });
      const created = new OidcProvider(issuer, {
        adapter: MemoryAdapter,
        clients: [
          {
            client_id: CLIENT_ID,
            client_secret: clientSecret,
            client_name: "Laget",
            redirect_uris: origins.map((origin) => `${origin}/auth/oidc/citizen/callback`),
            grant_types: ["authorization_code"],
            response_types: ["code"],
            token_endpoint_auth_method: "client_secret_post",
          },
        ],
        jwks: { keys: [{ ...signingKey, kid: "demo-idporten", use: "sig", alg: "RS256" }] },
        cookies: { keys: [randomBytes(32).toString("hex")] },
        // As ID-porten: `pid` (the national ID number) with the openid scope. The demo also
        // releases the name with the profile scope, so Laget can greet the person.
        claims: {
          acr: null,
          sid: null,
          auth_time: null,
          iss: null,
          openid: ["sub", "pid"],
          profile: ["name"],
        },
        features: { devInteractions: { enabled: false } },
        interactions: {
          url: (_ctx, interaction) => `${DEMO_IDPORTEN_PATH}/interaction/${interaction.uid}`,
        },
        ttl: {
          AccessToken: 600,
          AuthorizationCode: 60,
          Grant: 600,
          IdToken: 600,
          Interaction: 900,
          Session: 3600,
        },
        pkce: { required: () => true },
        async findAccount(_ctx, id) {
          const account = accounts.get(id);
          if (!account) return undefined;
          return {
            accountId: id,
            claims: () => ({
              sub: id,
              pid: account.pid,
              ...(account.name ? { name: account.name } : {}),
            }),
          };
        },
        // Laget is a first-party client: consent is granted without a page, as in ID-porten.
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
          const language = languageFromCookie(
            (ctx as unknown as { get(field: string): string }).get("cookie"),
          );
          const page = errorPage(translator(language), out.error ?? "error");
          ctx.type = "html";
          ctx.body = `<!DOCTYPE html><html lang="${htmlLang[language]}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${page.title}</title></head><body><main><h1>${page.heading}</h1>${page.body}</main></body></html>`;
        },
      });
      // The forwarded host and protocol are set by `handle` from the issuer, never by the client.
      (created as unknown as { proxy: boolean }).proxy = true;
      created.on("server_error", (_ctx: unknown, error: unknown) =>
        logger.error({ err: (error as Error).message }, "demo ID-porten server error"),
      );
      provider = created;
      handleProvider = created.callback();
      return {
        issuer,
        clientId: CLIENT_ID,
        clientSecret,
        displayName: DEMO_IDPORTEN_NAME,
        allowInsecure: issuerUrl.protocol === "http:",
        internalOrigin: options.internalOrigin,
      };
    },
  };
}

/**
 * The provider's state (sessions, codes, grants) in memory: a demo login need not survive a
 * restart. Our own small store, since the package's warns on every start that it is for
 * development only, which is what this is.
 */
class MemoryAdapter {
  private static readonly store = new Map<string, { payload: Payload; expiresAt: number }>();
  constructor(private readonly model: string) {}

  private key(id: string): string {
    return `${this.model}:${id}`;
  }

  async upsert(id: string, payload: Payload, expiresIn: number): Promise<void> {
    MemoryAdapter.sweep();
    MemoryAdapter.store.set(this.key(id), {
      payload,
      expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : Number.POSITIVE_INFINITY,
    });
  }

  async find(id: string): Promise<Payload | undefined> {
    const entry = MemoryAdapter.store.get(this.key(id));
    if (!entry || entry.expiresAt < Date.now()) return undefined;
    return entry.payload;
  }

  async findByUid(uid: string): Promise<Payload | undefined> {
    for (const [key, entry] of MemoryAdapter.store) {
      if (key.startsWith(`${this.model}:`) && entry.payload.uid === uid) return entry.payload;
    }
    return undefined;
  }

  async findByUserCode(userCode: string): Promise<Payload | undefined> {
    for (const [key, entry] of MemoryAdapter.store) {
      if (key.startsWith(`${this.model}:`) && entry.payload.userCode === userCode) {
        return entry.payload;
      }
    }
    return undefined;
  }

  async consume(id: string): Promise<void> {
    const entry = MemoryAdapter.store.get(this.key(id));
    if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
  }

  async destroy(id: string): Promise<void> {
    MemoryAdapter.store.delete(this.key(id));
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    for (const [key, entry] of MemoryAdapter.store) {
      if (entry.payload.grantId === grantId) MemoryAdapter.store.delete(key);
    }
  }

  private static sweep(): void {
    const now = Date.now();
    for (const [key, entry] of MemoryAdapter.store) {
      if (entry.expiresAt < now) MemoryAdapter.store.delete(key);
    }
  }
}

type Payload = Record<string, unknown> & {
  uid?: string;
  userCode?: string;
  grantId?: string;
  consumed?: number;
};

function languageOf(req: IncomingMessage) {
  return languageFromCookie(req.headers.cookie);
}

function languageFromCookie(header: string | undefined) {
  const value = parseCookies(header)[LANGUAGE_COOKIE];
  return isLanguage(value) ? value : defaultLanguage;
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

/**
 * Plain, high-contrast styles: large tap targets (at least 44 px), a visible focus ring, and a
 * single column that fits 320 px.
 */
const pageStyle = `
*,*::before,*::after{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:1.0625rem;line-height:1.5;color:#1a1a1a;background:#f4f4f4}
.banner{background:#5c2e00;color:#fff;padding:.75rem 1rem;font-weight:700}
.banner p{margin:0;max-width:40rem;margin-inline:auto}
main{max-width:40rem;margin:0 auto;padding:1rem;background:#fff;min-height:100vh}
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
.warning{border-left:.4rem solid #b35900;background:#fff4e5;padding:.75rem 1rem}
.people{list-style:none;padding:0;margin:0;display:grid;gap:.5rem}
button{font:inherit;min-height:44px;min-width:44px;width:100%;padding:.6rem 1rem;border-radius:.3rem;border:2px solid #003d73;background:#003d73;color:#fff;cursor:pointer;text-align:left;overflow-wrap:anywhere}
button.secondary,.people button{background:#fff;color:#003d73}
button:hover{text-decoration:underline}
button:focus-visible,input:focus-visible{outline:3px solid #b35900;outline-offset:2px}
.field{margin-bottom:1rem}
label{display:block;font-weight:700}
.hint{margin:.25rem 0;color:#444}
.error{margin:.25rem 0;color:#a00000;font-weight:700}
input{font:inherit;width:100%;min-height:44px;padding:.5rem;border:2px solid #555;border-radius:.3rem}
input[aria-invalid="true"]{border-color:#a00000}
.cancel{margin-top:2rem}
`;
