import type {} from "react-router";
import type { Actor, RequestMeta } from "../core/access/actor.ts";
import type { Permission } from "../core/access/roles.ts";
import type { Tenant } from "../core/tenants/tenants.ts";
import type { Language } from "../i18n/index.ts";
import type { Services } from "./services.ts";

/**
 * What the HTTP layer hands every React Router loader and action: the services, who is asking,
 * and the per-request security values. Routes parse input and call core/ with these.
 */
export interface LagetLoadContext {
  services: Services;
  actor: Actor | null;
  permissions: Permission[];
  /** The raw session token of this request (to log out), or null. */
  sessionToken: string | null;
  /** The actor's municipality, or the public one for anonymous visitors. */
  tenant: Tenant | null;
  csrfToken: string;
  nonce: string;
  language: Language;
  meta: RequestMeta;
  secureCookies: boolean;
}

declare module "react-router" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends LagetLoadContext {}
}
