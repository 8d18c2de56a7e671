import type { BrowserState } from "../../core/evaluation/surveys-answer.ts";
import { parseCookies, serializeCookie } from "../../server/cookies.ts";

/**
 * The cookie of a link survey (/undersokelse/:token), one per survey and browser, HttpOnly: a
 * random draft token (only its SHA-256 is stored with the draft) until the answer is sent, then
 * the mark that this browser has answered, so it cannot answer twice.
 */
const ANSWERED = "besvart";
const DRAFT_DAYS = 60;
const ANSWERED_DAYS = 400;

function cookieName(token: string): string {
  return `laget_svar_${token}`;
}

export function surveyBrowserState(request: Request, token: string): BrowserState {
  const value = parseCookies(request.headers.get("cookie"))[cookieName(token)] ?? "";
  if (value === ANSWERED) return { draftToken: null, answered: true };
  return { draftToken: /^[A-Za-z0-9_-]{20,64}$/.test(value) ? value : null, answered: false };
}

export function draftCookie(token: string, draftToken: string, secure: boolean): string {
  return serializeCookie(cookieName(token), draftToken, {
    secure,
    maxAgeSeconds: DRAFT_DAYS * 24 * 3600,
  });
}

export function answeredCookie(token: string, secure: boolean): string {
  return serializeCookie(cookieName(token), ANSWERED, {
    secure,
    maxAgeSeconds: ANSWERED_DAYS * 24 * 3600,
  });
}
