import { Hono, type MiddlewareHandler } from "hono";
import { resolveAccessToken } from "../../core/auth/tokens.ts";
import { AppError } from "../../core/errors.ts";
import { translator } from "../../i18n/index.ts";
import type { AppEnv } from "../app.ts";
import { SESSION_COOKIE } from "../cookies.ts";
import type { Services } from "../services.ts";
import { mountOperations, openApiDocument, type ApiOperation } from "./define.ts";
import { apiOperations } from "./operations.ts";
import { errorBodySchema } from "./schemas.ts";

export { apiOperations };

/**
 * A request with an Authorization header is judged by that header alone: a bad token is a 401
 * even when a session cookie came along, so the cookie can never stand in for a failed token
 * (and bearer requests skip the CSRF check in server/app.ts).
 */
function bearerAuth(services: Services): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header("authorization");
    if (header === undefined) return next();
    const state = c.get("state");
    state.actor = null;
    state.sessionToken = null;
    const match = /^Bearer ([^\s]+)$/.exec(header);
    const resolved = match
      ? await resolveAccessToken({ database: services.database, token: match[1]! })
      : null;
    if (!resolved) {
      c.header("www-authenticate", 'Bearer realm="laget", error="invalid_token"');
      throw new AppError("unauthenticated", "errors.invalidToken");
    }
    state.actor = resolved.actor;
    state.viaToken = true;
    return next();
  };
}

/** The JSON API under /api/v1. */
export function createApi(services: Services, operations: readonly ApiOperation[] = apiOperations) {
  const api = new Hono<AppEnv>();
  api.use(bearerAuth(services));

  api.get("/openapi.json", (c) => {
    const t = translator(c.get("state").language);
    return c.json(
      openApiDocument(operations, {
        t: (key) => t(key),
        title: t("api.openApiTitle"),
        description: t("api.openApiDescription"),
        version: "1.0.0",
        sessionCookie: SESSION_COOKIE,
        errorBody: errorBodySchema,
      }),
    );
  });

  mountOperations(api, operations, services);

  // Unknown API paths answer in JSON rather than falling through to the web UI's 404 page.
  api.all("*", () => {
    throw new AppError("not_found", "errors.notFound");
  });
  return api;
}
