import { data, redirect, type AppLoadContext } from "react-router";
import type { Actor } from "../../core/access/actor.ts";
import type { Permission } from "../../core/access/roles.ts";
import { isAppError, httpStatusByCode, type FieldErrors } from "../../core/errors.ts";

/** Sends anonymous visitors to the login page (returning here after) and others without the permission to 403. */
export function requirePermission(
  context: AppLoadContext,
  request: Request,
  permission: Permission,
): Extract<Actor, { kind: "staff" }> {
  const actor = requireStaff(context, request);
  if (!context.permissions.includes(permission))
    throw data({ messageKey: "errors.forbidden" }, { status: 403 });
  return actor;
}

export function requireStaff(
  context: AppLoadContext,
  request: Request,
): Extract<Actor, { kind: "staff" }> {
  const actor = context.actor;
  if (!actor) {
    const url = new URL(request.url);
    throw redirect(`/logg-inn?returnTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  if (actor.kind !== "staff") throw data({ messageKey: "errors.forbidden" }, { status: 403 });
  return actor;
}

/** A guardian or young person logged in with ID-porten; staff get 403, anonymous visitors the login page. */
export function requireCitizen(
  context: AppLoadContext,
  request: Request,
): Extract<Actor, { kind: "citizen" }> {
  const actor = requireActor(context, request);
  if (actor.kind !== "citizen") throw data({ messageKey: "errors.forbidden" }, { status: 403 });
  return actor;
}

export function requireActor(context: AppLoadContext, request: Request): Actor {
  if (!context.actor) {
    const url = new URL(request.url);
    throw redirect(`/logg-inn?returnTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return context.actor;
}

/** Form fields as a plain object; repeated names (checkboxes) become arrays. `_csrf` and `intent` are left out. */
export function formToObject(form: FormData): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const [key, value] of form.entries()) {
    if (key === "_csrf" || key === "intent" || typeof value !== "string") continue;
    const existing = values[key];
    if (existing === undefined) values[key] = value;
    else values[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return values;
}

export interface ActionFailure {
  ok: false;
  messageKey: string;
  fieldErrors: FieldErrors;
  /** What the user typed, so the form comes back filled in. Passwords are never echoed. */
  values: Record<string, string | string[]>;
}

/**
 * Runs a domain call for an action. A domain error comes back as data for the form (status
 * 400/404/409…) with what was typed, so nothing is lost; anything else is re-thrown.
 */
export async function runAction<T>(
  values: Record<string, string | string[]>,
  work: () => Promise<T>,
): Promise<T | ReturnType<typeof data<ActionFailure>>> {
  try {
    return await work();
  } catch (error) {
    if (!isAppError(error)) throw error;
    if (error.code === "not_found" || error.code === "forbidden") {
      throw data({ messageKey: error.messageKey }, { status: httpStatusByCode[error.code] });
    }
    const safeValues = Object.fromEntries(
      Object.entries(values).filter(([key]) => !key.toLowerCase().includes("password")),
    );
    return data<ActionFailure>(
      {
        ok: false,
        messageKey: error.messageKey,
        fieldErrors: error.fieldErrors ?? {},
        values: safeValues,
      },
      { status: httpStatusByCode[error.code] },
    );
  }
}

/** Loader wrapper: domain errors become the matching error page (404, 403). */
export async function loadOr404<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isAppError(error)) {
      throw data({ messageKey: error.messageKey }, { status: httpStatusByCode[error.code] });
    }
    throw error;
  }
}

export function isFailure(value: unknown): value is ActionFailure {
  return typeof value === "object" && value !== null && (value as { ok?: unknown }).ok === false;
}

/** A flash message travels as a query parameter naming a catalog key: no session state needed. */
export function withNotice(
  path: string,
  noticeKey: string,
  params: Record<string, string> = {},
): string {
  const url = new URL(path, "http://x");
  url.searchParams.set("melding", noticeKey);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.pathname + url.search;
}
