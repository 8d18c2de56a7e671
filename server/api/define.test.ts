import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { Actor } from "../../core/access/actor.ts";
import { nb } from "../../i18n/nb.ts";
import type { AppEnv, RequestState } from "../app.ts";
import { errorResponse } from "../http-errors.ts";
import type { Services } from "../services.ts";
import {
  defineOperation,
  describeOperations,
  honoPath,
  jsonSchemaOf,
  mountOperations,
  openApiDocument,
  type ApiOperation,
} from "./define.ts";

const admin: Actor = {
  kind: "staff",
  userId: "00000000-0000-4000-8000-000000000001",
  tenantId: "00000000-0000-4000-8000-000000000002",
  name: "Test Admin",
  email: "admin@test.example",
  roles: ["admin"],
  unitIds: [],
};
const employee: Actor = { ...admin, roles: ["employee"] };
const readToken: Actor = { ...admin, tokenScopes: ["read"] };

const thing = z.object({ id: z.guid(), name: z.string(), count: z.number().int() });

const operations: ApiOperation[] = [
  defineOperation({
    operationId: "getThing",
    method: "get",
    path: "/things/{id}",
    tag: "things",
    summaryKey: "api.ops.getUnit",
    requires: "units.manage",
    params: z.strictObject({ id: z.guid() }),
    query: z.strictObject({ verbose: z.enum(["true", "false"]).optional() }),
    response: thing,
    handle: async ({ params, query }) => ({
      id: params.id,
      name: query.verbose === "true" ? "long name" : "name",
      count: 1,
    }),
  }),
  defineOperation({
    operationId: "createThing",
    method: "post",
    path: "/things",
    tag: "things",
    summaryKey: "api.ops.createUnit",
    requires: "units.manage",
    body: z.strictObject({ name: z.string().min(1), count: z.number().int().optional() }),
    response: thing,
    status: 201,
    handle: async ({ body }) => ({
      id: "00000000-0000-4000-8000-0000000000aa",
      name: body.name,
      count: body.count ?? 0,
    }),
  }),
  defineOperation({
    operationId: "brokenThing",
    method: "get",
    path: "/broken",
    tag: "things",
    summaryKey: "api.ops.getMe",
    requires: "signedIn",
    response: thing,
    // A handler that breaks its own response schema.
    handle: async () => ({ id: "not-a-guid", name: "x", count: 1.5 }) as never,
  }),
];

function appFor(actor: Actor | null) {
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    c.set("state", {
      requestId: "test-request",
      language: "nb",
      actor,
      meta: { ip: null, userAgent: null, requestId: "test-request" },
    } as RequestState);
    await next();
  });
  app.onError((error, c) => errorResponse(c, error, "nb", "test-request"));
  mountOperations(app, operations, {} as Services);
  return app;
}

async function send(actor: Actor | null, method: string, path: string, body?: string) {
  const response = await appFor(actor).request(path, {
    method,
    body,
    headers: body === undefined ? {} : { "content-type": "application/json" },
  });
  return { status: response.status, json: (await response.json()) as Record<string, never> };
}

const id = "00000000-0000-4000-8000-0000000000ff";

describe("honoPath", () => {
  it("turns OpenAPI path templates into Hono routes", () => {
    expect(honoPath("/units/{id}")).toBe("/units/:id");
    expect(honoPath("/a/{first}/b/{second_id}")).toBe("/a/:first/b/:second_id");
    expect(honoPath("/me")).toBe("/me");
  });
});

describe("defineOperation handlers", () => {
  it("run with parsed params, query and body and answer with the declared status", async () => {
    const got = await send(admin, "GET", `/things/${id}?verbose=true`);
    expect(got).toEqual({ status: 200, json: { id, name: "long name", count: 1 } });
    const created = await send(admin, "POST", "/things", JSON.stringify({ name: "Ny" }));
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ name: "Ny", count: 0 });
  });

  it("answer 401 without an actor and 403 without the permission or the token scope", async () => {
    expect((await send(null, "GET", `/things/${id}`)).status).toBe(401);
    expect((await send(employee, "GET", `/things/${id}`)).status).toBe(403);
    expect((await send(readToken, "GET", `/things/${id}`)).status).toBe(403);
  });

  it("check access before input, so a stranger learns nothing about the schema", async () => {
    expect((await send(null, "POST", "/things", "{oops")).status).toBe(401);
    expect((await send(employee, "POST", "/things", "{oops")).status).toBe(403);
  });

  it("answer 404 for path parameters that cannot name anything", async () => {
    const response = await send(admin, "GET", "/things/abc");
    expect(response.status).toBe(404);
    expect(response.json).toMatchObject({ error: { code: "not_found" } });
  });

  it("answer 400 with field messages for bad JSON, wrong types, unknown fields and bad queries", async () => {
    const malformed = await send(admin, "POST", "/things", "{oops");
    expect(malformed).toMatchObject({
      status: 400,
      json: { error: { code: "validation", message: nb.errors.invalidJson } },
    });
    const wrong = await send(admin, "POST", "/things", JSON.stringify({ name: 1, count: "2" }));
    expect(wrong.status).toBe(400);
    expect(wrong.json).toMatchObject({
      error: { fieldErrors: { name: nb.errors.type, count: nb.errors.type } },
    });
    const unknown = await send(admin, "POST", "/things", JSON.stringify({ name: "a", size: 3 }));
    expect(unknown.json).toMatchObject({
      error: { fieldErrors: { size: nb.errors.unknownField } },
    });
    const empty = await send(admin, "POST", "/things", "");
    expect(empty.status).toBe(400);
    const query = await send(admin, "GET", `/things/${id}?verbose=maybe`);
    expect(query).toMatchObject({
      status: 400,
      json: { error: { fieldErrors: { verbose: nb.errors.choice } } },
    });
  });

  it("treat a response that breaks its schema as a server error, not a client one", async () => {
    const response = await send(admin, "GET", "/broken");
    expect(response.status).toBe(500);
    expect(response.json).toMatchObject({ error: { code: "internal" } });
  });
});

describe("mountOperations", () => {
  it("refuses two operations on the same method and path", () => {
    expect(() =>
      mountOperations(new Hono<AppEnv>(), [operations[0]!, operations[0]!], {} as Services),
    ).toThrow(/Duplicate/);
  });
});

describe("describeOperations", () => {
  it("gives method, full path, permission and the token scope it needs", () => {
    expect(describeOperations(operations)).toEqual([
      {
        operationId: "getThing",
        method: "GET",
        path: "/api/v1/things/{id}",
        summaryKey: "api.ops.getUnit",
        permission: "units.manage",
        scope: "admin",
      },
      {
        operationId: "createThing",
        method: "POST",
        path: "/api/v1/things",
        summaryKey: "api.ops.createUnit",
        permission: "units.manage",
        scope: "admin",
      },
      {
        operationId: "brokenThing",
        method: "GET",
        path: "/api/v1/broken",
        summaryKey: "api.ops.getMe",
        permission: null,
        scope: null,
      },
    ]);
  });
});

describe("openApiDocument", () => {
  const doc = openApiDocument(operations, {
    t: (key) => `T(${key})`,
    title: "Test API",
    description: "For tests",
    version: "1.0.0",
    sessionCookie: "session",
    errorBody: z.object({ error: z.object({ code: z.string() }) }),
  });

  it("is OpenAPI 3.1 with one operation per definition", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual(["/broken", "/things", "/things/{id}"]);
    expect(doc.paths["/things/{id}"]!.get).toMatchObject({
      operationId: "getThing",
      summary: "T(api.ops.getUnit)",
      "x-permission": "units.manage",
      "x-token-scope": "admin",
    });
  });

  it("declares path and query parameters from their schemas", () => {
    const get = doc.paths["/things/{id}"]!.get as { parameters: unknown[] };
    expect(get.parameters).toEqual([
      { name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } },
      {
        name: "verbose",
        in: "query",
        required: false,
        schema: { type: "string", enum: ["true", "false"] },
      },
    ]);
  });

  it("describes the request body, the success response and the errors that can happen", () => {
    const post = doc.paths["/things"]!.post as {
      requestBody: { content: { "application/json": { schema: Record<string, unknown> } } };
      responses: Record<string, unknown>;
    };
    expect(post.requestBody.content["application/json"].schema).toMatchObject({
      type: "object",
      required: ["name"],
      additionalProperties: false,
    });
    expect(Object.keys(post.responses).sort()).toEqual(["201", "400", "401", "403", "409", "413"]);
    const broken = doc.paths["/broken"]!.get as { responses: Record<string, unknown> };
    expect(Object.keys(broken.responses).sort()).toEqual(["200", "401"]);
    expect(doc.components.responses["401"]).toMatchObject({
      content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
    });
  });
});

describe("jsonSchemaOf", () => {
  it("drops zod's regex where a format says it, safe-integer bounds and the $schema key", () => {
    const schema = jsonSchemaOf(
      z.object({
        at: z.iso.datetime(),
        id: z.guid(),
        n: z.number().int(),
        m: z.number().int().min(1),
      }),
      "output",
    );
    expect(schema).not.toHaveProperty("$schema");
    expect(schema.properties).toEqual({
      at: { type: "string", format: "date-time" },
      id: { type: "string", format: "uuid" },
      n: { type: "integer" },
      m: { type: "integer", minimum: 1 },
    });
  });
});
