import { randomBytes, randomUUID } from "node:crypto";
import "./context.ts";
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { createRequestHandler, type AppLoadContext, type ServerBuild } from "react-router";
import type { Actor, RequestMeta } from "../core/access/actor.ts";
import { permissionsOf } from "../core/access/policy.ts";
import {
  citizenLookupSecret,
  loginCitizenWithOidc,
  loginStaffWithOidc,
} from "../core/auth/login.ts";
import { resolveSession } from "../core/auth/sessions.ts";
import { AppError, isAppError } from "../core/errors.ts";
import {
  COMPETENCE_UPLOAD_BODY_LIMIT,
  competenceUploadPathPattern,
} from "../core/implementation/competence-rules.ts";
import {
  CONSENT_UPLOAD_BODY_LIMIT,
  consentUploadPathPattern,
} from "../core/relay-log/consent-rules.ts";
import { findPublicTenant, getTenant, type Tenant } from "../core/tenants/tenants.ts";
import { defaultLanguage, isLanguage, type Language } from "../i18n/index.ts";
import { createApi } from "./api/index.ts";
import {
  CSRF_COOKIE,
  csrfTokenFor,
  csrfTokenMatches,
  LANGUAGE_COOKIE,
  newCsrfSecret,
  OIDC_COOKIE,
  parseCookies,
  serializeCookie,
  SESSION_COOKIE,
} from "./cookies.ts";
import { errorResponse } from "./http-errors.ts";
import { safeReturnTo, staffEmailFrom, type OidcKind } from "./oidc.ts";
import { securityHeaders } from "./security-headers.ts";
import type { Services } from "./services.ts";
import { serveStaticFiles } from "./static.ts";
import { registerPdfRoutes } from "./pdf-routes.ts";

export interface RequestState {
  requestId: string;
  nonce: string;
  meta: RequestMeta;
  language: Language;
  secure: boolean;
  cookies: Record<string, string>;
  actor: Actor | null;
  sessionToken: string | null;
  csrfToken: string;
  /** Set when the request carried a personal access token instead of a session. */
  viaToken: boolean;
}

export type AppEnv = { Variables: { state: RequestState } };

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export interface CreateAppOptions {
  /** The React Router server build; omitted in API-only tests. */
  build?: ServerBuild;
  /** Folder with the built client assets (build/client). */
  clientDir?: string;
}

export function createApp(services: Services, options: CreateAppOptions = {}) {
  const { config, database, logger } = services;
  const app = new Hono<AppEnv>();
  const rrHandler = options.build
    ? // Always production mode: development mode would put error messages and stacks into the
      // page's data, and there is no Vite dev server behind this handler anyway.
      createRequestHandler(options.build, "production")
    : null;

  // 1. Request id, language, secure flag and the request log line (no personal data).
  app.use(async (c, next) => {
    const started = performance.now();
    const incomingId = c.req.header("x-request-id");
    const requestId =
      config.trustProxy && incomingId && /^[\w.-]{1,100}$/.test(incomingId)
        ? incomingId
        : randomUUID();
    const cookies = parseCookies(c.req.header("cookie"));
    const forwardedProto = config.trustProxy ? c.req.header("x-forwarded-proto") : undefined;
    const secure =
      new URL(c.req.url).protocol === "https:" ||
      forwardedProto === "https" ||
      Boolean(config.publicUrl?.startsWith("https:"));
    const language = isLanguage(cookies[LANGUAGE_COOKIE])
      ? cookies[LANGUAGE_COOKIE]
      : defaultLanguage;
    c.set("state", {
      requestId,
      nonce: randomBytes(16).toString("base64"),
      meta: {
        ip: clientIp(c, config.trustProxy),
        userAgent: c.req.header("user-agent") ?? null,
        requestId,
      },
      language,
      secure,
      cookies,
      actor: null,
      sessionToken: null,
      csrfToken: "",
      viaToken: false,
    });
    try {
      await next();
    } finally {
      c.header("x-request-id", requestId);
      logger.info(
        {
          requestId,
          method: c.req.method,
          path: c.req.path,
          status: c.res.status,
          ms: Math.round(performance.now() - started),
        },
        "request",
      );
    }
  });

  // 2. Security headers on every response, errors included.
  app.use(securityHeaders(config));

  app.onError((error, c) => {
    const state = c.get("state");
    if (!isAppError(error)) {
      logger.error(
        {
          requestId: state?.requestId,
          err: { name: error.name, message: error.message, stack: error.stack },
        },
        "unhandled error",
      );
    }
    return errorResponse(c, error, state?.language ?? defaultLanguage, state?.requestId ?? null);
  });

  // 3. Health endpoints, before sessions, so probes cost no database session work.
  app.get("/healthz", (c) => c.json({ status: "ok" }));
  app.get("/readyz", async (c) => {
    try {
      await database.ping();
      return c.json({ status: "ok", database: database.kind });
    } catch {
      return c.json({ status: "unavailable", database: database.kind }, 503);
    }
  });

  // 4. Static assets (hashed file names: cached for a year).
  if (options.clientDir) app.use(serveStaticFiles(options.clientDir));

  // 5. Request size limit: 413 before any handler reads the body. The relay log's consent form
  // carries a scanned form (at most 5 MB) and the competence portal's material form a document
  // (at most 10 MB), so those paths get room for them.
  const limitError = (c: Context<AppEnv>) => {
    const state = c.get("state");
    const error = new AppError("payload_too_large", "errors.payloadTooLarge");
    return errorResponse(c, error, state.language, state.requestId);
  };
  const defaultBodyLimit = bodyLimit({ maxSize: config.bodyLimitBytes, onError: limitError });
  const uploadBodyLimit = bodyLimit({
    maxSize: Math.max(config.bodyLimitBytes, CONSENT_UPLOAD_BODY_LIMIT),
    onError: limitError,
  });
  const documentBodyLimit = bodyLimit({
    maxSize: Math.max(config.bodyLimitBytes, COMPETENCE_UPLOAD_BODY_LIMIT),
    onError: limitError,
  });
  app.use((c, next) => {
    if (c.req.method !== "POST") return defaultBodyLimit(c, next);
    if (consentUploadPathPattern.test(c.req.path)) return uploadBodyLimit(c, next);
    if (competenceUploadPathPattern.test(c.req.path)) return documentBodyLimit(c, next);
    return defaultBodyLimit(c, next);
  });

  // 6. Session: who is asking. API requests may instead carry a personal access token (see api/).
  app.use(async (c, next) => {
    const state = c.get("state");
    const token = state.cookies[SESSION_COOKIE];
    if (token) {
      const session = await resolveSession(database, token, config.session, state.meta);
      if (session) {
        state.actor = session.actor;
        state.sessionToken = token;
      } else {
        c.header(
          "set-cookie",
          serializeCookie(SESSION_COOKIE, "", { secure: state.secure, maxAgeSeconds: 0 }),
          {
            append: true,
          },
        );
      }
    }
    await next();
  });

  // 7. CSRF: a signed double-submit token on every state-changing request made with cookies.
  app.use(async (c, next) => {
    const state = c.get("state");
    let secret = state.cookies[CSRF_COOKIE];
    if (!secret || secret.length > 100) {
      secret = newCsrfSecret();
      c.header("set-cookie", serializeCookie(CSRF_COOKIE, secret, { secure: state.secure }), {
        append: true,
      });
    }
    state.csrfToken = csrfTokenFor(config.sessionSecret, secret);
    const bearer = c.req.header("authorization")?.startsWith("Bearer ");
    if (UNSAFE_METHODS.has(c.req.method) && !(bearer && c.req.path.startsWith("/api/"))) {
      const submitted = c.req.header("x-csrf-token") ?? (await formCsrfToken(c.req.raw));
      const fromCookie = state.cookies[CSRF_COOKIE];
      if (
        !submitted ||
        !fromCookie ||
        !csrfTokenMatches(config.sessionSecret, fromCookie, submitted)
      ) {
        logger.warn({ requestId: state.requestId, path: c.req.path }, "csrf rejected");
        return csrfRejected(c);
      }
    }
    await next();
  });

  // 8. Language switch: a plain form post, so it works without JavaScript.
  app.post("/sprak", async (c) => {
    const form = await c.req.formData();
    const language = form.get("language");
    const returnTo = safeReturnTo(form.get("returnTo"));
    if (isLanguage(language)) {
      c.header(
        "set-cookie",
        serializeCookie(LANGUAGE_COOKIE, language, {
          secure: c.get("state").secure,
          httpOnly: false,
          maxAgeSeconds: 365 * 24 * 3600,
        }),
        { append: true },
      );
    }
    return c.redirect(returnTo, 303);
  });

  // 9. OIDC login: staff (Entra ID / Feide) and citizens (ID-porten).
  app.get("/auth/oidc/:kind", async (c) => {
    const kind = oidcKind(c.req.param("kind"));
    const state = c.get("state");
    if (!kind || !services.oidc.enabled(kind))
      return c.redirect("/logg-inn?feil=oidcNotConfigured", 303);
    try {
      const { url, cookieValue } = await services.oidc.start(
        kind,
        callbackUrl(c, kind, config.publicUrl),
        safeReturnTo(c.req.query("returnTo")),
      );
      c.header(
        "set-cookie",
        serializeCookie(OIDC_COOKIE, cookieValue, { secure: state.secure, maxAgeSeconds: 600 }),
        {
          append: true,
        },
      );
      return c.redirect(url, 303);
    } catch (error) {
      logger.warn(
        { requestId: state.requestId, err: (error as Error).message },
        "oidc start failed",
      );
      return c.redirect("/logg-inn?feil=oidcFailed", 303);
    }
  });

  app.get("/auth/oidc/:kind/callback", async (c) => {
    const kind = oidcKind(c.req.param("kind"));
    const state = c.get("state");
    if (!kind || !services.oidc.enabled(kind))
      return c.redirect("/logg-inn?feil=oidcNotConfigured", 303);
    c.header(
      "set-cookie",
      serializeCookie(OIDC_COOKIE, "", { secure: state.secure, maxAgeSeconds: 0 }),
      {
        append: true,
      },
    );
    let result: { token: string };
    let returnTo = "/";
    try {
      const current = new URL(callbackUrl(c, kind, config.publicUrl));
      current.search = new URL(c.req.url).search;
      const { claims, returnTo: target } = await services.oidc.finish(
        kind,
        current,
        state.cookies[OIDC_COOKIE],
      );
      returnTo = target;
      if (kind === "staff") {
        const email = staffEmailFrom(claims);
        if (!email) throw new Error("No e-mail claim");
        result = await loginStaffWithOidc({
          database,
          email,
          subject: `${config.oidc.staff!.issuer}|${claims.sub}`,
          provider: services.oidc.displayName("staff") ?? "staff",
          timeouts: config.session,
          meta: state.meta,
        });
      } else {
        const tenant = await findPublicTenant(database, services.config.publicMunicipalityNumber);
        if (!tenant || typeof claims.pid !== "string") throw new Error("No tenant or pid");
        result = await loginCitizenWithOidc({
          database,
          tenantId: tenant.id,
          nationalId: claims.pid,
          name: typeof claims.name === "string" ? claims.name : null,
          secrets: {
            lookupSecret: citizenLookupSecret(config.dataEncryptionKey),
            encryptionKey: config.dataEncryptionKey,
          },
          timeouts: config.session,
          meta: state.meta,
        });
      }
    } catch (error) {
      const key = isAppError(error) ? error.messageKey.replace("errors.", "") : "oidcFailed";
      // openid-client names the failed check (state, nonce, PKCE, issuer) in the cause; no personal data.
      const cause = (error as Error).cause;
      logger.warn(
        {
          requestId: state.requestId,
          err: (error as Error).message,
          cause: cause instanceof Error ? cause.message : undefined,
        },
        "oidc callback failed",
      );
      return c.redirect(`/logg-inn?feil=${encodeURIComponent(key)}`, 303);
    }
    c.header(
      "set-cookie",
      serializeCookie(SESSION_COOKIE, result.token, { secure: state.secure }),
      { append: true },
    );
    return c.redirect(returnTo, 303);
  });

  // 10. The JSON API.
  app.route("/api/v1", createApi(services));

  // 10b. The guide as PDF (before the web UI, whose /veileder/:slug would take the .pdf names).
  registerPdfRoutes(app, services);

  // 11. Everything else is the web UI.
  if (rrHandler) {
    app.all("*", async (c) => {
      const state = c.get("state");
      const tenant = await tenantFor(services, state.actor);
      const context: AppLoadContext = {
        services,
        actor: state.actor,
        permissions: permissionsOf(state.actor),
        sessionToken: state.sessionToken,
        tenant,
        csrfToken: state.csrfToken,
        nonce: state.nonce,
        language: state.language,
        meta: state.meta,
        secureCookies: state.secure,
      };
      const response = await rrHandler(c.req.raw, context);
      // Headers Hono set earlier (cookies, security headers) are merged onto React Router's response.
      const headers = new Headers(response.headers);
      c.res.headers.forEach((value, key) => {
        if (key === "set-cookie") return;
        if (!headers.has(key)) headers.set(key, value);
      });
      for (const cookie of c.res.headers.getSetCookie()) headers.append("set-cookie", cookie);
      return new Response(response.body, {
        status: response.status,
        statusText: response.statusText,
        headers,
      });
    });
  }

  return app;
}

async function tenantFor(services: Services, actor: Actor | null): Promise<Tenant | null> {
  if (actor?.tenantId) return getTenant(services.database, actor.tenantId);
  return findPublicTenant(services.database, services.config.publicMunicipalityNumber);
}

function oidcKind(value: string): OidcKind | null {
  return value === "staff" || value === "citizen" ? value : null;
}

/** The redirect URI registered with the provider: PUBLIC_URL when set, else this request's origin. */
function callbackUrl(c: Context<AppEnv>, kind: OidcKind, publicUrl: string | undefined): string {
  const origin = new URL(publicUrl ?? c.req.url).origin;
  return `${origin}/auth/oidc/${kind}/callback`;
}

function clientIp(c: Context, trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)
    ?.incoming;
  return incoming?.socket?.remoteAddress ?? null;
}

async function formCsrfToken(request: Request): Promise<string | null> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.includes("application/x-www-form-urlencoded") && !type.includes("multipart/form-data"))
    return null;
  try {
    const form = await request.clone().formData();
    const value = form.get("_csrf");
    return typeof value === "string" ? value : null;
  } catch {
    return null;
  }
}

function csrfRejected(c: Context<AppEnv>) {
  const state = c.get("state");
  return errorResponse(
    c,
    new AppError("forbidden", "errors.csrf"),
    state.language,
    state.requestId,
  );
}
