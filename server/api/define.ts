import type { Context, Hono } from "hono";
import { z } from "zod";
import type { Actor } from "../../core/access/actor.ts";
import { can, scopeForPermission } from "../../core/access/policy.ts";
import type { Permission, TokenScope } from "../../core/access/roles.ts";
import { AppError } from "../../core/errors.ts";
import { parseInput } from "../../core/platform/validation.ts";
import type { AppEnv, RequestState } from "../app.ts";
import type { Services } from "../services.ts";

export const API_BASE = "/api/v1";

export type HttpMethod = "get" | "post" | "patch" | "delete";

/** A permission from core/access/roles.ts, or "signedIn" for anything any signed-in person may do. */
export type Requirement = Permission | "signedIn";

type Output<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface HandlerInput<P, Q, B> {
  actor: Actor;
  params: Output<P>;
  query: Output<Q>;
  body: Output<B>;
  services: Services;
  state: RequestState;
}

/** One API operation, declared once: it yields the Hono handler, the OpenAPI operation and the docs row. */
export interface OperationSpec<
  P extends z.ZodType | undefined,
  Q extends z.ZodType | undefined,
  B extends z.ZodType | undefined,
  R extends z.ZodType,
> {
  operationId: string;
  method: HttpMethod;
  /** OpenAPI path template below /api/v1, e.g. "/units/{id}". */
  path: `/${string}`;
  tag: string;
  /** Catalog key of the one-line summary shown in the OpenAPI document and on the docs page. */
  summaryKey: string;
  requires: Requirement;
  /** Path parameters. A value that does not parse is a URL that names nothing: 404. */
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  status?: 200 | 201;
  handle(input: HandlerInput<P, Q, B>): Promise<z.input<R>>;
}

/** The type-erased form every operation list holds. */
export interface ApiOperation {
  operationId: string;
  method: HttpMethod;
  path: `/${string}`;
  tag: string;
  summaryKey: string;
  requires: Requirement;
  status: 200 | 201;
  schemas: { params?: z.ZodType; query?: z.ZodType; body?: z.ZodType; response: z.ZodType };
  run(c: Context<AppEnv>, services: Services): Promise<Response>;
}

export function defineOperation<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends z.ZodType = z.ZodType,
>(spec: OperationSpec<P, Q, B, R>): ApiOperation {
  const status = spec.status ?? 200;
  return {
    operationId: spec.operationId,
    method: spec.method,
    path: spec.path,
    tag: spec.tag,
    summaryKey: spec.summaryKey,
    requires: spec.requires,
    status,
    schemas: { params: spec.params, query: spec.query, body: spec.body, response: spec.response },
    async run(c, services) {
      const state = c.get("state");
      const actor = state.actor;
      if (!actor) {
        c.header("www-authenticate", 'Bearer realm="laget"');
        throw new AppError("unauthenticated", "errors.unauthenticated");
      }
      if (spec.requires !== "signedIn" && !can(actor, spec.requires)) {
        throw new AppError("forbidden", "errors.forbidden");
      }
      const params = spec.params ? spec.params.safeParse(c.req.param()) : undefined;
      if (params && !params.success) throw new AppError("not_found", "errors.notFound");
      const query = spec.query ? parseInput(spec.query, c.req.query()) : undefined;
      const body = spec.body ? parseInput(spec.body, await readJson(c)) : undefined;

      const result = await spec.handle({
        actor,
        params: params?.data as Output<P>,
        query: query as Output<Q>,
        body: body as Output<B>,
        services,
        state,
      });
      const checked = spec.response.safeParse(result);
      // A response that breaks its own schema is our bug, never the client's: 500, not 400.
      if (!checked.success) {
        throw new Error(`Response of ${spec.operationId} does not match its schema`, {
          cause: checked.error,
        });
      }
      return c.json(checked.data as object, status);
    },
  };
}

async function readJson(c: Context<AppEnv>): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("validation", "errors.invalidJson");
  }
}

/** "/units/{id}" → "/units/:id" */
export function honoPath(path: string): string {
  return path.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, ":$1");
}

export function mountOperations(
  api: Hono<AppEnv>,
  operations: readonly ApiOperation[],
  services: Services,
): void {
  const seen = new Set<string>();
  for (const operation of operations) {
    const key = `${operation.method} ${operation.path}`;
    if (seen.has(key)) throw new Error(`Duplicate API operation ${key}`);
    seen.add(key);
    api.on(operation.method.toUpperCase(), honoPath(operation.path), (c) =>
      operation.run(c, services),
    );
  }
}

/** The token scope an operation needs when called with a personal access token; null: any scope. */
export function scopeFor(requires: Requirement): TokenScope | null {
  return requires === "signedIn" ? null : scopeForPermission[requires];
}

/** One row of the human-readable operation list (the docs page). Plain data, safe to send to the browser. */
export interface OperationSummary {
  operationId: string;
  method: string;
  path: string;
  summaryKey: string;
  permission: Permission | null;
  scope: TokenScope | null;
}

export function describeOperations(operations: readonly ApiOperation[]): OperationSummary[] {
  return operations.map((operation) => ({
    operationId: operation.operationId,
    method: operation.method.toUpperCase(),
    path: `${API_BASE}${operation.path}`,
    summaryKey: operation.summaryKey,
    permission: operation.requires === "signedIn" ? null : operation.requires,
    scope: scopeFor(operation.requires),
  }));
}

type JsonSchema = Record<string, unknown>;

/** zod 4's JSON Schema (draft 2020-12, the dialect OpenAPI 3.1 uses), without the noise. */
export function jsonSchemaOf(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const converted = z.toJSONSchema(schema, {
    io,
    target: "draft-2020-12",
    override: ({ jsonSchema }) => {
      // `format` already says uuid/date-time/email; zod's long regex beside it helps no reader.
      if (jsonSchema.format && jsonSchema.pattern) delete jsonSchema.pattern;
      // Likewise the safe-integer bounds zod adds to every integer.
      if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
      if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
    },
  }) as JsonSchema;
  delete converted.$schema;
  return converted;
}

function parametersOf(schema: z.ZodType | undefined, where: "path" | "query"): JsonSchema[] {
  if (!schema) return [];
  const converted = jsonSchemaOf(schema, "input");
  const properties = (converted.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((converted.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === "path" || required.has(name),
      ...(typeof description === "string" ? { description } : {}),
      schema: rest,
    };
  });
}

export interface OpenApiOptions {
  /** Translates catalog keys; the document is written in the requester's language. */
  t: (key: string) => string;
  title: string;
  description: string;
  version: string;
  sessionCookie: string;
  errorBody: z.ZodType;
}

const errorResponses = {
  "400": "errors.validation",
  "401": "errors.unauthenticated",
  "403": "errors.forbidden",
  "404": "errors.notFound",
  "409": "errors.conflict",
  "413": "errors.payloadTooLarge",
} as const;

/** The OpenAPI 3.1 document for the given operations. */
export function openApiDocument(operations: readonly ApiOperation[], options: OpenApiOptions) {
  const { t } = options;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of operations) {
    const { params, query, body, response } = operation.schemas;
    const scope = scopeFor(operation.requires);
    const errors: (keyof typeof errorResponses)[] = ["401"];
    if (operation.requires !== "signedIn") errors.push("403");
    if (params) errors.push("404");
    if (body || query) errors.push("400");
    if (body) errors.push("409", "413");
    paths[operation.path] ??= {};
    paths[operation.path]![operation.method] = {
      operationId: operation.operationId,
      summary: t(operation.summaryKey),
      tags: [operation.tag],
      "x-permission": operation.requires === "signedIn" ? null : operation.requires,
      "x-token-scope": scope,
      parameters: [...parametersOf(params, "path"), ...parametersOf(query, "query")],
      ...(body
        ? {
            requestBody: {
              required: true,
              content: { "application/json": { schema: jsonSchemaOf(body, "input") } },
            },
          }
        : {}),
      responses: {
        [String(operation.status)]: {
          description: t(operation.status === 201 ? "api.created" : "api.ok"),
          content: { "application/json": { schema: jsonSchemaOf(response, "output") } },
        },
        ...Object.fromEntries(
          errors.sort().map((code) => [code, { $ref: `#/components/responses/${code}` }]),
        ),
      },
    };
  }
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: { title: options.title, description: options.description, version: options.version },
    servers: [{ url: API_BASE }],
    security: [{ bearerAuth: [] }, { sessionCookie: [] }],
    tags: [...new Set(operations.map((operation) => operation.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: t("api.bearerAuth") },
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: options.sessionCookie,
          description: t("api.cookieAuth"),
        },
      },
      schemas: { Error: jsonSchemaOf(options.errorBody, "output") },
      responses: Object.fromEntries(
        Object.entries(errorResponses).map(([code, key]) => [
          code,
          {
            description: t(key),
            content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
          },
        ]),
      ),
    },
  };
}
