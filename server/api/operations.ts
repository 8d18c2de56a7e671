import { createAccessToken, listAccessTokens, revokeAccessToken } from "../../core/auth/tokens.ts";
import { createUnit, getUnit, listUnits, patchUnit } from "../../core/units/units.ts";
import { createUser, getUser, listUsers, patchUser } from "../../core/users/users.ts";
import { getLogOverview, listMyLogs } from "../../core/relay-log/logs.ts";
import { defineOperation, type ApiOperation } from "./define.ts";
import {
  logIdParams,
  relayLogFiltersOf,
  relayLogListQuery,
  relayLogListSchema,
  relayLogOverviewOf,
  relayLogOverviewSchema,
  relayLogRowOf,
} from "./relay-log-schemas.ts";
import {
  idParams,
  meOf,
  meSchema,
  tokenCreateBody,
  tokenCreatedSchema,
  tokenListSchema,
  tokenOf,
  tokenSchema,
  unitCreateBody,
  unitListQuery,
  unitListSchema,
  unitOf,
  unitPatchBody,
  unitSchema,
  userCreateBody,
  userListQuery,
  userListSchema,
  userOf,
  userPatchBody,
  userSchema,
} from "./schemas.ts";

/**
 * Every operation of /api/v1. The same list mounts the handlers, writes openapi.json and fills
 * the docs page, so the three cannot drift apart. Routes only translate HTTP to core/ use cases.
 */
export const apiOperations: readonly ApiOperation[] = [
  defineOperation({
    operationId: "getMe",
    method: "get",
    path: "/me",
    tag: "me",
    summaryKey: "api.ops.getMe",
    requires: "signedIn",
    response: meSchema,
    handle: async ({ actor }) => meOf(actor),
  }),

  defineOperation({
    operationId: "listUnits",
    method: "get",
    path: "/units",
    tag: "units",
    summaryKey: "api.ops.listUnits",
    requires: "start.view",
    query: unitListQuery,
    response: unitListSchema,
    handle: async ({ actor, query, services }) => {
      const units = await listUnits({
        database: services.database,
        actor,
        includeInactive: query.includeInactive === "true",
      });
      return { units: units.map(unitOf) };
    },
  }),
  defineOperation({
    operationId: "createUnit",
    method: "post",
    path: "/units",
    tag: "units",
    summaryKey: "api.ops.createUnit",
    requires: "units.manage",
    body: unitCreateBody,
    response: unitSchema,
    status: 201,
    handle: async ({ actor, body, services, state }) =>
      unitOf(
        await createUnit({ database: services.database, actor, meta: state.meta, values: body }),
      ),
  }),
  defineOperation({
    operationId: "getUnit",
    method: "get",
    path: "/units/{id}",
    tag: "units",
    summaryKey: "api.ops.getUnit",
    requires: "units.manage",
    params: idParams,
    response: unitSchema,
    handle: async ({ actor, params, services }) =>
      unitOf(await getUnit({ database: services.database, actor, unitId: params.id })),
  }),
  defineOperation({
    operationId: "updateUnit",
    method: "patch",
    path: "/units/{id}",
    tag: "units",
    summaryKey: "api.ops.updateUnit",
    requires: "units.manage",
    params: idParams,
    body: unitPatchBody,
    response: unitSchema,
    handle: async ({ actor, params, body, services, state }) =>
      unitOf(
        await patchUnit({
          database: services.database,
          actor,
          meta: state.meta,
          unitId: params.id,
          values: body,
        }),
      ),
  }),

  defineOperation({
    operationId: "listUsers",
    method: "get",
    path: "/users",
    tag: "users",
    summaryKey: "api.ops.listUsers",
    requires: "users.manage",
    query: userListQuery,
    response: userListSchema,
    handle: async ({ actor, query, services, state }) => {
      const page = await listUsers({
        database: services.database,
        actor,
        meta: state.meta,
        ...query,
      });
      return { ...page, users: page.users.map(userOf) };
    },
  }),
  defineOperation({
    operationId: "createUser",
    method: "post",
    path: "/users",
    tag: "users",
    summaryKey: "api.ops.createUser",
    requires: "users.manage",
    body: userCreateBody,
    response: userSchema,
    status: 201,
    handle: async ({ actor, body, services, state }) =>
      userOf(
        await createUser({ database: services.database, actor, meta: state.meta, values: body }),
      ),
  }),
  defineOperation({
    operationId: "getUser",
    method: "get",
    path: "/users/{id}",
    tag: "users",
    summaryKey: "api.ops.getUser",
    requires: "users.manage",
    params: idParams,
    response: userSchema,
    handle: async ({ actor, params, services, state }) =>
      userOf(
        await getUser({ database: services.database, actor, meta: state.meta, userId: params.id }),
      ),
  }),
  defineOperation({
    operationId: "updateUser",
    method: "patch",
    path: "/users/{id}",
    tag: "users",
    summaryKey: "api.ops.updateUser",
    requires: "users.manage",
    params: idParams,
    body: userPatchBody,
    response: userSchema,
    handle: async ({ actor, params, body, services, state }) =>
      userOf(
        await patchUser({
          database: services.database,
          actor,
          meta: state.meta,
          userId: params.id,
          values: body,
        }),
      ),
  }),

  defineOperation({
    operationId: "listTokens",
    method: "get",
    path: "/tokens",
    tag: "tokens",
    summaryKey: "api.ops.listTokens",
    requires: "api.tokens",
    response: tokenListSchema,
    handle: async ({ actor, services }) => ({
      tokens: (await listAccessTokens({ database: services.database, actor })).map(tokenOf),
    }),
  }),
  defineOperation({
    operationId: "createToken",
    method: "post",
    path: "/tokens",
    tag: "tokens",
    summaryKey: "api.ops.createToken",
    requires: "api.tokens",
    body: tokenCreateBody,
    response: tokenCreatedSchema,
    status: 201,
    handle: async ({ actor, body, services, state }) => {
      const created = await createAccessToken({
        database: services.database,
        actor,
        meta: state.meta,
        values: body,
      });
      return { token: tokenOf(created.token), secret: created.secret };
    },
  }),
  defineOperation({
    operationId: "revokeToken",
    method: "delete",
    path: "/tokens/{id}",
    tag: "tokens",
    summaryKey: "api.ops.revokeToken",
    requires: "api.tokens",
    params: idParams,
    response: tokenSchema,
    handle: async ({ actor, params, services, state }) =>
      tokenOf(
        await revokeAccessToken({
          database: services.database,
          actor,
          meta: state.meta,
          tokenId: params.id,
        }),
      ),
  }),

  // Relay logs: the same use cases as the pages; a log the caller may not read is a 404.
  defineOperation({
    operationId: "listRelayLogs",
    method: "get",
    path: "/relay-logs",
    tag: "relay-logs",
    summaryKey: "relayLog.open.apiList",
    requires: "relaylog.use",
    query: relayLogListQuery,
    response: relayLogListSchema,
    handle: async ({ actor, query, services, state }) => {
      const page = await listMyLogs({
        database: services.database,
        actor,
        meta: state.meta,
        filters: relayLogFiltersOf(query),
      });
      return {
        logs: page.logs.map(relayLogRowOf),
        total: page.total,
        page: page.page,
        pageSize: page.pageSize,
      };
    },
  }),
  defineOperation({
    operationId: "getRelayLog",
    method: "get",
    path: "/relay-logs/{logId}",
    tag: "relay-logs",
    summaryKey: "relayLog.open.apiGet",
    requires: "relaylog.use",
    params: logIdParams,
    response: relayLogOverviewSchema,
    handle: async ({ actor, params, services, state }) =>
      relayLogOverviewOf(
        await getLogOverview({
          database: services.database,
          actor,
          meta: state.meta,
          logId: params.logId,
        }),
      ),
  }),
];
