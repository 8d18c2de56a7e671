import { hmacHex, randomToken, safeEqual } from "../core/platform/crypto.ts";

export const SESSION_COOKIE = "laget_session";
export const CSRF_COOKIE = "laget_csrf";
export const LANGUAGE_COOKIE = "laget_lang";
export const OIDC_COOKIE = "laget_oidc";

export interface CookieOptions {
  maxAgeSeconds?: number;
  httpOnly?: boolean;
  secure: boolean;
}

export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, "Path=/", "SameSite=Lax"];
  if (options.httpOnly ?? true) parts.push("HttpOnly");
  if (options.secure) parts.push("Secure");
  if (options.maxAgeSeconds !== undefined) parts.push(`Max-Age=${options.maxAgeSeconds}`);
  return parts.join("; ");
}

export function parseCookies(header: string | null | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  if (!header) return cookies;
  for (const part of header.split(";")) {
    const index = part.indexOf("=");
    if (index < 0) continue;
    const name = part.slice(0, index).trim();
    const value = part.slice(index + 1).trim();
    try {
      cookies[name] = decodeURIComponent(value);
    } catch {
      // A cookie that is not valid percent-encoding is ignored rather than failing the request.
    }
  }
  return cookies;
}

/**
 * CSRF protection by a signed double submit: the cookie holds a random value, forms and the
 * `x-csrf-token` header carry its HMAC under the server secret. A cross-site page can neither
 * read the cookie nor mint the HMAC, and a cookie planted from a sibling domain fails too.
 */
export function newCsrfSecret(): string {
  return randomToken(24);
}

export function csrfTokenFor(serverSecret: string, cookieValue: string): string {
  return hmacHex(serverSecret, `csrf:${cookieValue}`);
}

export function csrfTokenMatches(
  serverSecret: string,
  cookieValue: string,
  submitted: string,
): boolean {
  return safeEqual(csrfTokenFor(serverSecret, cookieValue), submitted);
}
