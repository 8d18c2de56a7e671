import type { Config } from "../core/platform/config.ts";
import type { Database } from "../db/client.ts";
import type { Logger } from "./logger.ts";
import type { Mailer } from "./mail.ts";
import type { OidcClients } from "./oidc.ts";

/** Everything a request needs, created once per process and shared by the API and the UI. */
export interface Services {
  config: Config;
  database: Database;
  logger: Logger;
  oidc: OidcClients;
  mailer: Mailer;
}
