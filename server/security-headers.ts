import type { MiddlewareHandler } from "hono";
import type { Config } from "../core/platform/config.ts";
import type { AppEnv } from "./app.ts";

/**
 * A CSP without inline scripts: React Router's scripts carry the per-request nonce and
 * 'strict-dynamic' lets them load the route chunks. No inline styles either.
 */
export function contentSecurityPolicy(nonce: string, config: Config): string {
  const formTargets = ["'self'"];
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    `form-action ${formTargets.join(" ")}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
    ...(config.production ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export function securityHeaders(config: Config): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const state = c.get("state");
    const headers = c.res.headers;
    headers.set("content-security-policy", contentSecurityPolicy(state.nonce, config));
    headers.set("x-content-type-options", "nosniff");
    headers.set("x-frame-options", "DENY");
    headers.set("referrer-policy", "strict-origin-when-cross-origin");
    headers.set("cross-origin-opener-policy", "same-origin");
    headers.set("permissions-policy", "camera=(), microphone=(), geolocation=(), payment=()");
    if (state.secure)
      headers.set("strict-transport-security", "max-age=31536000; includeSubDomains");
    if (!headers.has("cache-control")) headers.set("cache-control", "no-store");
  };
}
