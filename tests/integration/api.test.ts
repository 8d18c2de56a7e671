import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { noRequestMeta, type Actor } from "../../core/access/actor.ts";
import type { TokenScope } from "../../core/access/roles.ts";
import { createAccessToken, resolveAccessToken } from "../../core/auth/tokens.ts";
import { sha256Hex } from "../../core/platform/crypto.ts";
import { setUserActive } from "../../core/users/users.ts";
import { auditEvents, personalAccessTokens, units } from "../../db/schema/index.ts";
import { nb } from "../../i18n/nb.ts";
import { apiOperations } from "../../server/api/operations.ts";
import { CSRF_COOKIE, csrfTokenFor, newCsrfSecret } from "../../server/cookies.ts";
import type { Services } from "../../server/services.ts";
import { browserHeaders, testApp } from "../support/app.ts";
import { databaseKinds, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { makeStaff, makeTenant, makeUnit } from "../support/fixtures.ts";

type Staff = Extract<Actor, { kind: "staff" }>;
type App = ReturnType<typeof testApp>["app"];

const BODY_LIMIT = 4096;

interface CallOptions {
  token?: string;
  headers?: Record<string, string>;
  /** A value is sent as JSON; a string is sent as it is (for malformed bodies). */
  body?: unknown;
}

describe.each(databaseKinds)("JSON API /api/v1 on %s", (kind) => {
  let database: TestDatabase;
  let app: App;
  let services: Services;
  let tenantA: string;
  let tenantB: string;
  let unitA: string;
  let unitB: string;
  let adminA: Staff;
  let employeeA: Staff;
  let adminB: Staff;

  async function call(method: string, path: string, options: CallOptions = {}) {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      headers["content-type"] ??= "application/json";
      body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    }
    const response = await app.request(`/api/v1${path}`, { method, headers, body });
    const text = await response.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: response.status, headers: response.headers, body: json as any };
  }

  async function tokenFor(actor: Staff, scopes: TokenScope[], extra: Record<string, unknown> = {}) {
    const { secret } = await createAccessToken({
      database,
      actor,
      meta: noRequestMeta,
      values: { name: `Test ${scopes.join("+")}`, scopes, ...extra },
    });
    return secret;
  }

  beforeAll(async () => {
    database = await freshDatabase(kind);
    ({ app, services } = testApp(database, { BODY_LIMIT_BYTES: String(BODY_LIMIT) }));
    tenantA = (await makeTenant(database, "Avik kommune")).id;
    tenantB = (await makeTenant(database, "Bvik kommune")).id;
    unitA = (await makeUnit(database, tenantA, "Avik skole")).id;
    unitB = (await makeUnit(database, tenantB, "Bvik skole")).id;
    adminA = await makeStaff(database, tenantA, { roles: ["admin"], name: "Anne Admin" });
    employeeA = await makeStaff(database, tenantA, {
      roles: ["employee"],
      name: "Erik Ansatt",
      unitIds: [unitA],
    });
    adminB = await makeStaff(database, tenantB, { roles: ["admin"], name: "Berit Admin" });
  });
  afterAll(() => database.drop());

  describe("personal access tokens", () => {
    it("authenticate a bearer request as the token's user with the token's scopes", async () => {
      const token = await tokenFor(employeeA, ["read"]);
      const me = await call("GET", "/me", { token });
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({
        kind: "staff",
        id: employeeA.userId,
        tenantId: tenantA,
        name: "Erik Ansatt",
        roles: ["employee"],
        unitIds: [unitA],
        tokenScopes: ["read"],
      });
      expect(me.body.permissions).toContain("start.view");
      // A read token lends no write permission even though the role has it.
      expect(me.body.permissions).not.toContain("relaylog.use");
    });

    it("limit what the user may do to the token's scopes", async () => {
      const read = await tokenFor(adminA, ["read"]);
      expect((await call("GET", "/units", { token: read })).status).toBe(200);
      const refused = await call("POST", "/units", {
        token: read,
        body: { name: "Lesevik skole", serviceType: "grunnskole" },
      });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe("forbidden");
      expect((await call("GET", "/users", { token: read })).status).toBe(403);
      expect((await call("GET", "/tokens", { token: read })).status).toBe(403);

      const write = await tokenFor(adminA, ["write"]);
      expect((await call("GET", "/units", { token: write })).status).toBe(200);
      expect((await call("GET", `/units/${unitA}`, { token: write })).status).toBe(403);

      const admin = await tokenFor(adminA, ["admin"]);
      const created = await call("POST", "/units", {
        token: admin,
        body: { name: "Adminvik skole", serviceType: "grunnskole" },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ name: "Adminvik skole", active: true });
      expect((await call("GET", "/users", { token: admin })).status).toBe(200);
    });

    it("never exceed the user's roles, whatever the scope", async () => {
      const admin = await tokenFor(employeeA, ["read", "write", "admin"]);
      expect((await call("GET", "/units", { token: admin })).status).toBe(200);
      const refused = await call("POST", "/units", {
        token: admin,
        body: { name: "Ansattvik skole", serviceType: "grunnskole" },
      });
      expect(refused.status).toBe(403);
      expect((await call("GET", "/users", { token: admin })).status).toBe(403);
      expect((await call("GET", `/users/${employeeA.userId}`, { token: admin })).status).toBe(403);
      const [row] = await database.system((tx) =>
        tx.select().from(units).where(eq(units.name, "Ansattvik skole")),
      );
      expect(row).toBeUndefined();
    });

    it("are refused with 401 when revoked, expired, malformed or their user is deactivated", async () => {
      const revoked = await tokenFor(employeeA, ["read"]);
      expect((await call("GET", "/me", { token: revoked })).status).toBe(200);
      const [row] = await database.system((tx) =>
        tx
          .select()
          .from(personalAccessTokens)
          .where(eq(personalAccessTokens.tokenHash, sha256Hex(revoked))),
      );
      const browser = await browserHeaders(database, services, employeeA);
      const revoke = await call("DELETE", `/tokens/${row!.id}`, { headers: browser });
      expect(revoke.status).toBe(200);
      expect(revoke.body.status).toBe("revoked");
      const afterRevoke = await call("GET", "/me", { token: revoked });
      expect(afterRevoke.status).toBe(401);
      expect(afterRevoke.body.error.code).toBe("unauthenticated");
      expect(afterRevoke.headers.get("www-authenticate")).toMatch(/^Bearer /);

      const longAgo = new Date(Date.now() - 3 * 24 * 3_600_000);
      const { secret: expired } = await createAccessToken({
        database,
        actor: employeeA,
        meta: noRequestMeta,
        values: { name: "Utløpt", scopes: ["read"], expiresInDays: 1 },
        now: longAgo,
      });
      expect((await call("GET", "/me", { token: expired })).status).toBe(401);

      expect((await call("GET", "/me", { token: "lgt_not-a-real-token" })).status).toBe(401);
      expect((await call("GET", "/me", { token: `lgt_${"A".repeat(43)}` })).status).toBe(401);
      const basic = await call("GET", "/me", { headers: { authorization: "Basic dXNlcjpwdw==" } });
      expect(basic.status).toBe(401);

      const leaver = await makeStaff(database, tenantA, { roles: ["employee"] });
      const leaverToken = await tokenFor(leaver, ["read"]);
      expect((await call("GET", "/me", { token: leaverToken })).status).toBe(200);
      await setUserActive({
        database,
        actor: adminA,
        meta: noRequestMeta,
        userId: leaver.userId,
        active: false,
      });
      expect((await call("GET", "/me", { token: leaverToken })).status).toBe(401);
    });

    it("a bad token is not rescued by a valid session cookie", async () => {
      const browser = await browserHeaders(database, services, adminA);
      const response = await call("GET", "/me", {
        headers: { ...browser, authorization: `Bearer lgt_${"B".repeat(43)}` },
      });
      expect(response.status).toBe(401);
    });

    it("are shown once, stored only as a hash, listed and revoked through the API", async () => {
      const admin = await tokenFor(employeeA, ["admin"]);
      // A token cannot mint tokens (a leaked one would outlive its revocation); a signed-in user can.
      const minted = await call("POST", "/tokens", {
        token: admin,
        body: { name: "Avlegger", scopes: ["read"] },
      });
      expect(minted.status).toBe(403);
      expect(minted.body.error.message).toBe(
        "En API-nøkkel kan ikke lage nye nøkler. Logg inn for å lage en nøkkel.",
      );
      const created = await call("POST", "/tokens", {
        headers: await browserHeaders(database, services, employeeA),
        body: { name: "Rapportskript", scopes: ["read"], expiresInDays: 30 },
      });
      expect(created.status).toBe(201);
      const secret: string = created.body.secret;
      expect(secret).toMatch(/^lgt_[A-Za-z0-9_-]{43}$/);
      expect(created.body.token).toMatchObject({
        name: "Rapportskript",
        scopes: ["read"],
        status: "active",
        lastUsedAt: null,
        revokedAt: null,
      });
      const expiresIn = Date.parse(created.body.token.expiresAt) - Date.now();
      expect(expiresIn).toBeGreaterThan(29 * 24 * 3_600_000);
      expect(expiresIn).toBeLessThanOrEqual(30 * 24 * 3_600_000);

      const [stored] = await database.system((tx) =>
        tx
          .select()
          .from(personalAccessTokens)
          .where(eq(personalAccessTokens.id, created.body.token.id)),
      );
      expect(stored!.tokenHash).toBe(sha256Hex(secret));
      expect(JSON.stringify(stored)).not.toContain(secret.slice(4));

      const listed = await call("GET", "/tokens", { token: admin });
      expect(listed.status).toBe(200);
      expect(listed.body.tokens.map((t: { name: string }) => t.name)).toContain("Rapportskript");
      expect(JSON.stringify(listed.body)).not.toContain(secret.slice(4));
      expect(Object.keys(listed.body.tokens[0]).sort()).toEqual([
        "createdAt",
        "expiresAt",
        "id",
        "lastUsedAt",
        "name",
        "revokedAt",
        "scopes",
        "status",
      ]);

      expect((await call("GET", "/me", { token: secret })).status).toBe(200);
      const revoked = await call("DELETE", `/tokens/${created.body.token.id}`, { token: admin });
      expect(revoked.status).toBe(200);
      expect(revoked.body.status).toBe("revoked");
      expect((await call("GET", "/me", { token: secret })).status).toBe(401);

      // Another user's token cannot be seen or revoked: it does not exist for them.
      const other = await tokenFor(adminA, ["admin"]);
      const foreign = await call("DELETE", `/tokens/${created.body.token.id}`, { token: other });
      expect(foreign.status).toBe(404);
      const otherList = await call("GET", "/tokens", { token: other });
      expect(otherList.body.tokens.map((t: { id: string }) => t.id)).not.toContain(
        created.body.token.id,
      );
    });

    it("record last use at most once a minute", async () => {
      const secret = await tokenFor(employeeA, ["read"]);
      const lastUsed = async () => {
        const [row] = await database.system((tx) =>
          tx
            .select({ lastUsedAt: personalAccessTokens.lastUsedAt })
            .from(personalAccessTokens)
            .where(eq(personalAccessTokens.tokenHash, sha256Hex(secret))),
        );
        return row!.lastUsedAt?.getTime() ?? null;
      };
      const start = new Date(Date.now() + 1_000);
      expect(await resolveAccessToken({ database, token: secret, now: start })).not.toBeNull();
      expect(await lastUsed()).toBe(start.getTime());
      await resolveAccessToken({
        database,
        token: secret,
        now: new Date(start.getTime() + 30_000),
      });
      expect(await lastUsed()).toBe(start.getTime());
      const later = new Date(start.getTime() + 61_000);
      await resolveAccessToken({ database, token: secret, now: later });
      expect(await lastUsed()).toBe(later.getTime());
    });

    it("audit creation and revocation with the request id, never the secret", async () => {
      const browser = await browserHeaders(database, services, adminA);
      const created = await call("POST", "/tokens", {
        headers: browser,
        body: { name: "Revisjonsnøkkel", scopes: ["read", "write"] },
      });
      expect(created.status).toBe(201);
      const tokenId: string = created.body.token.id;
      const revoked = await call("DELETE", `/tokens/${tokenId}`, { headers: browser });
      expect(revoked.status).toBe(200);

      const events = await database.system((tx) =>
        tx
          .select()
          .from(auditEvents)
          .where(and(eq(auditEvents.subjectType, "token"), eq(auditEvents.subjectId, tokenId)))
          .orderBy(auditEvents.id),
      );
      expect(events.map((event) => event.eventType)).toEqual(["token.created", "token.revoked"]);
      expect(events[0]).toMatchObject({
        tenantId: tenantA,
        requestId: created.headers.get("x-request-id"),
        actor: { kind: "staff", id: adminA.userId },
        details: { scopes: ["read", "write"], expiresAt: null },
      });
      expect(events[1]!.requestId).toBe(revoked.headers.get("x-request-id"));
      expect(JSON.stringify(events)).not.toContain(String(created.body.secret).slice(4));
    });
  });

  describe("session cookie", () => {
    it("works for reads, and for writes with the CSRF header", async () => {
      const browser = await browserHeaders(database, services, adminA);
      const me = await call("GET", "/me", { headers: browser });
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ id: adminA.userId, tokenScopes: null });

      const created = await call("POST", "/units", {
        headers: browser,
        body: { name: "Øktvik barnehage", serviceType: "barnehage" },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ name: "Øktvik barnehage", serviceType: "barnehage" });
    });

    it("refuses writes without the CSRF header with 403", async () => {
      const browser = await browserHeaders(database, services, adminA, { csrf: false });
      const response = await call("POST", "/units", {
        headers: browser,
        body: { name: "Uten CSRF skole", serviceType: "grunnskole" },
      });
      expect(response.status).toBe(403);
      expect(response.body.error.message).toBe(nb.errors.csrf);
      const patch = await call("PATCH", `/units/${unitA}`, {
        headers: browser,
        body: { name: "Kapret" },
      });
      expect(patch.status).toBe(403);
      const [row] = await database.system((tx) =>
        tx.select().from(units).where(eq(units.id, unitA)),
      );
      expect(row!.name).toBe("Avik skole");
    });

    it("answers 401 in JSON without any authentication", async () => {
      const response = await call("GET", "/me");
      expect(response.status).toBe(401);
      expect(response.body.error).toMatchObject({
        code: "unauthenticated",
        message: nb.errors.unauthenticated,
      });
      expect(response.body.error.requestId).toBe(response.headers.get("x-request-id"));
    });
  });

  describe("bad input", () => {
    let admin: string;
    beforeAll(async () => {
      admin = await tokenFor(adminA, ["admin"]);
    });

    it("answers malformed JSON with 400 invalidJson", async () => {
      const response = await call("POST", "/units", { token: admin, body: '{"name": "Halv' });
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({
        code: "validation",
        message: nb.errors.invalidJson,
      });
    });

    it("answers wrong types with 400 and a message per field", async () => {
      const response = await call("POST", "/units", {
        token: admin,
        body: { name: 42, serviceType: "romfart" },
      });
      expect(response.status).toBe(400);
      expect(response.body.error.fieldErrors).toEqual({
        name: nb.errors.type,
        serviceType: nb.errors.choice,
      });

      const patch = await call("PATCH", `/users/${employeeA.userId}`, {
        token: admin,
        body: { active: "ja", roles: ["konge"] },
      });
      expect(patch.status).toBe(400);
      expect(Object.keys(patch.body.error.fieldErrors).sort()).toEqual(["active", "roles.0"]);

      const query = await call("GET", "/users?page=tre", { token: admin });
      expect(query.status).toBe(400);
      expect(query.body.error.fieldErrors.page).toBe(nb.errors.type);

      const missing = await call("POST", "/units", { token: admin });
      expect(missing.status).toBe(400);
    });

    it("answers unknown fields with 400 naming each field", async () => {
      const response = await call("POST", "/units", {
        token: admin,
        body: { name: "Ekstravik skole", serviceType: "grunnskole", colour: "blå", owner: 1 },
      });
      expect(response.status).toBe(400);
      expect(response.body.error.fieldErrors).toEqual({
        colour: nb.errors.unknownField,
        owner: nb.errors.unknownField,
      });
      const [row] = await database.system((tx) =>
        tx.select().from(units).where(eq(units.name, "Ekstravik skole")),
      );
      expect(row).toBeUndefined();
    });

    it("answers bodies over the limit with 413, with or without a content-length", async () => {
      const big = { name: "x".repeat(BODY_LIMIT), serviceType: "annet" };
      const streamed = await call("POST", "/units", { token: admin, body: big });
      expect(streamed.status).toBe(413);
      expect(streamed.body.error).toMatchObject({
        code: "payload_too_large",
        message: nb.errors.payloadTooLarge,
      });
      const text = JSON.stringify(big);
      const declared = await call("POST", "/units", {
        token: admin,
        body: text,
        headers: { "content-length": String(Buffer.byteLength(text)) },
      });
      expect(declared.status).toBe(413);
      expect(declared.body.error.code).toBe("payload_too_large");
    });

    it("answers 409 with the field when a unit name is taken", async () => {
      const response = await call("POST", "/units", {
        token: admin,
        body: { name: "Avik skole", serviceType: "grunnskole" },
      });
      expect(response.status).toBe(409);
      expect(response.body.error.fieldErrors).toEqual({ name: nb.errors.unitNameTaken });
    });
  });

  describe("another municipality's objects", () => {
    it("are 404 to read and to change, and stay unchanged", async () => {
      const admin = await tokenFor(adminA, ["admin"]);
      expect((await call("GET", `/units/${unitB}`, { token: admin })).status).toBe(404);
      const patch = await call("PATCH", `/units/${unitB}`, {
        token: admin,
        body: { name: "Kapret", active: false },
      });
      expect(patch.status).toBe(404);
      expect(patch.body.error.code).toBe("not_found");
      const [still] = await database.system((tx) =>
        tx.select().from(units).where(eq(units.id, unitB)),
      );
      expect(still).toMatchObject({ name: "Bvik skole", active: true });

      expect((await call("GET", `/users/${adminB.userId}`, { token: admin })).status).toBe(404);
      const userPatch = await call("PATCH", `/users/${adminB.userId}`, {
        token: admin,
        body: { name: "Kapret" },
      });
      expect(userPatch.status).toBe(404);

      const listed = await call("GET", "/users?pageSize=100", { token: admin });
      expect(listed.body.users.map((u: { id: string }) => u.id)).not.toContain(adminB.userId);
      const unitList = await call("GET", "/units", { token: admin });
      expect(unitList.body.units.map((u: { id: string }) => u.id)).not.toContain(unitB);
    });

    it("and malformed ids and unknown paths are 404 in JSON too", async () => {
      const admin = await tokenFor(adminA, ["admin"]);
      expect((await call("GET", "/units/ikke-en-id", { token: admin })).status).toBe(404);
      const unknown = await call("GET", "/finnes-ikke", { token: admin });
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.code).toBe("not_found");
    });
  });

  describe("units and users", () => {
    it("PATCH a unit changes only the given fields and audits each change", async () => {
      const admin = await tokenFor(adminA, ["admin"]);
      const created = await call("POST", "/units", {
        token: admin,
        body: { name: "Patchvik skole", serviceType: "grunnskole" },
      });
      const id: string = created.body.id;
      const patched = await call("PATCH", `/units/${id}`, {
        token: admin,
        body: { name: "Patchvik ungdomsskole", active: false },
      });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({
        name: "Patchvik ungdomsskole",
        serviceType: "grunnskole",
        active: false,
      });
      const fetched = await call("GET", `/units/${id}`, { token: admin });
      expect(fetched.body).toEqual(patched.body);
      const listed = await call("GET", "/units", { token: admin });
      expect(listed.body.units.map((u: { id: string }) => u.id)).not.toContain(id);
      const all = await call("GET", "/units?includeInactive=true", { token: admin });
      expect(all.body.units.map((u: { id: string }) => u.id)).toContain(id);

      const events = await database.system((tx) =>
        tx
          .select({ type: auditEvents.eventType, details: auditEvents.details })
          .from(auditEvents)
          .where(and(eq(auditEvents.subjectType, "unit"), eq(auditEvents.subjectId, id)))
          .orderBy(auditEvents.id),
      );
      expect(events.map((event) => event.type)).toEqual([
        "unit.created",
        "unit.updated",
        "unit.deactivated",
      ]);
      expect(events[1]!.details).toEqual({ fields: ["name"] });
    });

    it("creates, finds, changes and deactivates users", async () => {
      const admin = await tokenFor(adminA, ["admin"]);
      const created = await call("POST", "/users", {
        token: admin,
        body: {
          email: "Ny.Bruker@avik.example",
          name: "Ny Bruker",
          roles: ["employee"],
          unitIds: [unitA],
        },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        email: "ny.bruker@avik.example",
        roles: ["employee"],
        unitIds: [unitA],
        active: true,
        hasPassword: false,
      });
      expect(created.body).not.toHaveProperty("passwordHash");
      const id: string = created.body.id;

      const found = await call("GET", "/users?search=ny.bruker", { token: admin });
      expect(found.status).toBe(200);
      expect(found.body).toMatchObject({ total: 1, page: 1 });
      expect(found.body.users[0].id).toBe(id);

      const patched = await call("PATCH", `/users/${id}`, {
        token: admin,
        body: { roles: ["employee", "bts_contact"], active: false },
      });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({
        name: "Ny Bruker",
        email: "ny.bruker@avik.example",
        roles: ["employee", "bts_contact"],
        unitIds: [unitA],
        active: false,
      });
      const fetched = await call("GET", `/users/${id}`, { token: admin });
      expect(fetched.body).toEqual(patched.body);

      const self = await call("PATCH", `/users/${adminA.userId}`, {
        token: admin,
        body: { active: false },
      });
      expect(self.status).toBe(400);
      expect(self.body.error.fieldErrors.active).toBe(nb.errors.cannotDeactivateSelf);
    });
  });

  describe("openapi.json", () => {
    it("is an OpenAPI 3.1 document listing every registered operation", async () => {
      const response = await call("GET", "/openapi.json");
      expect(response.status).toBe(200);
      const doc = response.body;
      expect(doc.openapi).toMatch(/^3\.1\./);
      expect(doc.info.title).toBeTruthy();
      expect(doc.info.version).toBeTruthy();
      expect(doc.servers).toEqual([{ url: "/api/v1" }]);
      expect(doc.components.securitySchemes.bearerAuth).toMatchObject({
        type: "http",
        scheme: "bearer",
      });

      const listed: string[] = [];
      const operationIds = new Set<string>();
      for (const [path, item] of Object.entries(doc.paths as Record<string, object>)) {
        for (const [method, operation] of Object.entries(item as Record<string, never>)) {
          const op = operation as {
            operationId: string;
            summary: string;
            parameters: { name: string; in: string }[];
            responses: Record<string, unknown>;
            requestBody?: { content: Record<string, { schema: { type: string } }> };
          };
          listed.push(`${method} ${path}`);
          operationIds.add(op.operationId);
          expect(op.summary).toBeTruthy();
          expect(Object.keys(op.responses)).toContain("401");
          const success = Object.keys(op.responses).find((code) => code.startsWith("2"));
          expect(success).toBeDefined();
          // Every {param} in the path is declared as a path parameter.
          for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
            expect(op.parameters).toContainEqual(expect.objectContaining({ name, in: "path" }));
          }
          if (op.requestBody) {
            expect(op.requestBody.content["application/json"]!.schema.type).toBe("object");
          }
        }
      }
      const registered = apiOperations.map((op) => `${op.method} ${op.path}`);
      expect(listed.sort()).toEqual([...registered].sort());
      expect(operationIds.size).toBe(apiOperations.length);
      for (const expected of [
        "get /me",
        "get /units",
        "post /units",
        "get /units/{id}",
        "patch /units/{id}",
        "get /users",
        "post /users",
        "get /users/{id}",
        "patch /users/{id}",
        "get /tokens",
        "post /tokens",
        "delete /tokens/{id}",
      ]) {
        expect(listed).toContain(expected);
      }
      const createUnit = doc.paths["/units"].post;
      expect(createUnit["x-permission"]).toBe("units.manage");
      expect(createUnit["x-token-scope"]).toBe("admin");
      expect(createUnit.requestBody.content["application/json"].schema).toMatchObject({
        additionalProperties: false,
        required: ["name", "serviceType"],
      });
    });

    it("documents only operations that are mounted: each answers 401 without authentication", async () => {
      // A CSRF pair without a session: writes pass the CSRF check and reach the handler, which
      // must answer 401; an unmounted path would fall through to the JSON 404 instead.
      const csrfSecret = newCsrfSecret();
      const headers = {
        cookie: `${CSRF_COOKIE}=${csrfSecret}`,
        "x-csrf-token": csrfTokenFor(services.config.sessionSecret, csrfSecret),
      };
      expect((await call("GET", "/ikke-montert", { headers })).status).toBe(404);
      for (const operation of apiOperations) {
        const path = operation.path.replace(/\{\w+\}/g, "00000000-0000-4000-8000-000000000000");
        const response = await call(operation.method.toUpperCase(), path, { headers });
        expect({ op: operation.operationId, status: response.status }).toEqual({
          op: operation.operationId,
          status: 401,
        });
      }
    });
  });
});
