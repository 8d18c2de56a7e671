import { redirect } from "react-router";
import { logout } from "../../core/auth/login.ts";
import { serializeCookie, SESSION_COOKIE } from "../../server/cookies.ts";
import type { Route } from "./+types/logout";

export async function action({ context }: Route.ActionArgs) {
  if (context.actor && context.sessionToken) {
    await logout({
      database: context.services.database,
      token: context.sessionToken,
      actor: context.actor,
      meta: context.meta,
    });
  }
  return redirect("/logg-inn?melding=login.loggedOut", {
    headers: {
      "Set-Cookie": serializeCookie(SESSION_COOKIE, "", {
        secure: context.secureCookies,
        maxAgeSeconds: 0,
      }),
    },
  });
}

export function loader() {
  return redirect("/");
}
