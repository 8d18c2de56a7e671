import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../../db/client.ts";
import { personalAccessTokens } from "../../db/schema/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import { assertCan } from "../access/policy.ts";
import { tokenScopes, type TokenScope } from "../access/roles.ts";
import { recordAudit } from "../audit/audit.ts";
import { AppError } from "../errors.ts";
import { randomToken, sha256Hex } from "../platform/crypto.ts";
import { parseInput } from "../platform/validation.ts";
import { loadStaffActor } from "./sessions.ts";

/** Every token starts with this, so secret scanners and humans can recognise a leaked one. */
export const TOKEN_PREFIX = "lgt_";
const TOKEN_PATTERN = /^lgt_[A-Za-z0-9_-]{43}$/;
export const MAX_TOKEN_DAYS = 365;
/** last_used_at is a hint for the owner, not an access log: one write a minute is enough. */
const LAST_USED_RESOLUTION_MS = 60_000;

export type TokenStatus = "active" | "expired" | "revoked";

/** What the owner sees about a token. The hash stays in the database; the secret is never stored. */
export interface AccessTokenSummary {
  id: string;
  name: string;
  scopes: TokenScope[];
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  status: TokenStatus;
}

const formArray = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
    z.array(item),
  );

/** Accepts both form posts (strings, one checkbox as a string) and JSON. */
export const createTokenSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  scopes: formArray(z.enum(tokenScopes)).pipe(
    z.array(z.enum(tokenScopes)).min(1, "errors.scopesRequired"),
  ),
  expiresInDays: z
    .union([
      z.literal("").transform(() => null),
      z.null(),
      z.coerce.number().int().min(1).max(MAX_TOKEN_DAYS),
    ])
    .optional(),
});

function tokenStatus(row: typeof personalAccessTokens.$inferSelect, now: Date): TokenStatus {
  if (row.revokedAt) return "revoked";
  if (row.expiresAt && row.expiresAt <= now) return "expired";
  return "active";
}

function toSummary(row: typeof personalAccessTokens.$inferSelect, now: Date): AccessTokenSummary {
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes.filter((scope): scope is TokenScope =>
      (tokenScopes as readonly string[]).includes(scope),
    ),
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    status: tokenStatus(row, now),
  };
}

function ownerOf(actor: Actor): Extract<Actor, { kind: "staff" }> {
  assertCan(actor, "api.tokens");
  if (actor.kind !== "staff") throw new AppError("forbidden", "errors.forbidden");
  return actor;
}

/**
 * Creates a personal access token for the acting user. The raw token is returned here and only
 * here; the database keeps its SHA-256. What the token may do is always the intersection of its
 * scopes and the user's roles at the time of use (core/access/policy.ts).
 */
export async function createAccessToken(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  values: unknown;
  now?: Date;
}): Promise<{ token: AccessTokenSummary; secret: string }> {
  const owner = ownerOf(input.actor);
  // A token may never mint tokens: a leaked one could otherwise outlive its own revocation.
  if (owner.tokenScopes) throw new AppError("forbidden", "errors.tokenCannotCreateTokens");
  const values = parseInput(createTokenSchema, input.values);
  const now = input.now ?? new Date();
  const secret = `${TOKEN_PREFIX}${randomToken(32)}`;
  const scopes = tokenScopes.filter((scope) => values.scopes.includes(scope));
  const expiresAt = values.expiresInDays
    ? new Date(now.getTime() + values.expiresInDays * 24 * 3_600_000)
    : null;
  return input.database.tenant(owner.tenantId, async (tx) => {
    const [row] = await tx
      .insert(personalAccessTokens)
      .values({
        tenantId: owner.tenantId,
        userId: owner.userId,
        name: values.name,
        tokenHash: sha256Hex(secret),
        scopes,
        createdAt: now,
        expiresAt,
      })
      .returning();
    await recordAudit(tx, {
      type: "token.created",
      tenantId: owner.tenantId,
      actor: owner,
      meta: input.meta,
      subject: { type: "token", id: row!.id },
      details: { scopes, expiresAt: expiresAt?.toISOString() ?? null },
    });
    return { token: toSummary(row!, now), secret };
  });
}

/** The acting user's own tokens, newest first, revoked and expired ones included. */
export async function listAccessTokens(input: {
  database: Database;
  actor: Actor;
  now?: Date;
}): Promise<AccessTokenSummary[]> {
  const owner = ownerOf(input.actor);
  const now = input.now ?? new Date();
  const rows = await input.database.tenant(owner.tenantId, (tx) =>
    tx
      .select()
      .from(personalAccessTokens)
      .where(
        and(
          eq(personalAccessTokens.tenantId, owner.tenantId),
          eq(personalAccessTokens.userId, owner.userId),
        ),
      )
      .orderBy(desc(personalAccessTokens.createdAt)),
  );
  return rows.map((row) => toSummary(row, now));
}

/** Revokes one of the acting user's tokens. Revoking twice is harmless; someone else's token is 404. */
export async function revokeAccessToken(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  tokenId: string;
  now?: Date;
}): Promise<AccessTokenSummary> {
  const owner = ownerOf(input.actor);
  const now = input.now ?? new Date();
  if (!z.guid().safeParse(input.tokenId).success)
    throw new AppError("not_found", "errors.notFound");
  return input.database.tenant(owner.tenantId, async (tx) => {
    const own = and(
      eq(personalAccessTokens.id, input.tokenId),
      eq(personalAccessTokens.tenantId, owner.tenantId),
      eq(personalAccessTokens.userId, owner.userId),
    );
    const [row] = await tx.select().from(personalAccessTokens).where(own);
    if (!row) throw new AppError("not_found", "errors.notFound");
    if (row.revokedAt) return toSummary(row, now);
    const [revoked] = await tx
      .update(personalAccessTokens)
      .set({ revokedAt: now })
      .where(own)
      .returning();
    await recordAudit(tx, {
      type: "token.revoked",
      tenantId: owner.tenantId,
      actor: owner,
      meta: input.meta,
      subject: { type: "token", id: row.id },
    });
    return toSummary(revoked!, now);
  });
}

export interface ResolvedAccessToken {
  tokenId: string;
  actor: Extract<Actor, { kind: "staff" }>;
}

/**
 * Turns a bearer token into the staff actor it speaks for, carrying the token's scopes. Unknown,
 * malformed, revoked and expired tokens, and tokens of deactivated users, all give null. Like the
 * session lookup it runs before the tenant is known, so it reads through `system()`.
 */
export async function resolveAccessToken(input: {
  database: Database;
  token: string;
  now?: Date;
}): Promise<ResolvedAccessToken | null> {
  if (!TOKEN_PATTERN.test(input.token)) return null;
  const now = input.now ?? new Date();
  const hash = sha256Hex(input.token);
  return input.database.system(async (tx) => {
    const [row] = await tx
      .select()
      .from(personalAccessTokens)
      .where(eq(personalAccessTokens.tokenHash, hash));
    if (!row || tokenStatus(row, now) !== "active") return null;
    const actor = await loadStaffActor(tx, row.userId);
    if (!actor || actor.kind !== "staff" || actor.tenantId !== row.tenantId) return null;
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
      await tx
        .update(personalAccessTokens)
        .set({ lastUsedAt: now })
        .where(eq(personalAccessTokens.id, row.id));
    }
    return { tokenId: row.id, actor: { ...actor, tokenScopes: toSummary(row, now).scopes } };
  });
}
