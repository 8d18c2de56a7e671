import { sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { rateLimits } from "../../db/schema/index.ts";
import { AppError } from "../errors.ts";
import { sha256Hex } from "../platform/crypto.ts";

/**
 * Fixed one-minute windows counted in the database, so every app node shares the count.
 * The bucket name is hashed: it may contain an IP address.
 */
export async function hitRateLimit(
  database: Database,
  bucket: string,
  limitPerMinute: number,
  now = new Date(),
): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const windowStart = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const key = sha256Hex(bucket);
  const hits = await database.system(async (tx) => {
    const [row] = await tx
      .insert(rateLimits)
      .values({ bucket: key, windowStart, hits: 1 })
      .onConflictDoUpdate({
        target: [rateLimits.bucket, rateLimits.windowStart],
        set: { hits: sql`${rateLimits.hits} + 1` },
      })
      .returning({ hits: rateLimits.hits });
    // Old windows are cleaned up on the way, a few at a time.
    await tx.execute(
      sql`delete from rate_limits where window_start < ${new Date(windowStart.getTime() - 10 * 60_000)}`,
    );
    return row?.hits ?? 1;
  });
  const retryAfterSeconds = Math.ceil((windowStart.getTime() + 60_000 - now.getTime()) / 1000);
  return { allowed: hits <= limitPerMinute, retryAfterSeconds };
}

export async function enforceRateLimit(
  database: Database,
  bucket: string,
  limitPerMinute: number,
): Promise<void> {
  const result = await hitRateLimit(database, bucket, limitPerMinute);
  if (!result.allowed) {
    throw new AppError("rate_limited", "errors.rateLimited");
  }
}
