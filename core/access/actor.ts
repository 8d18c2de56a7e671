import type { StaffRole, TokenScope } from "./roles.ts";

/** Who is acting: every domain use case takes one. */
export type Actor =
  | {
      kind: "staff";
      userId: string;
      tenantId: string;
      name: string;
      email: string;
      roles: StaffRole[];
      unitIds: string[];
      /** Set when the request is authenticated by a personal access token. */
      tokenScopes?: TokenScope[];
    }
  | { kind: "citizen"; citizenId: string; tenantId: string; name: string | null }
  | { kind: "system"; tenantId: string | null; name: string };

/** Where a request came from; copied into audit events. Never into application logs. */
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export const noRequestMeta: RequestMeta = { ip: null, userAgent: null, requestId: null };

export function systemActor(tenantId: string | null, name = "system"): Actor {
  return { kind: "system", tenantId, name };
}
