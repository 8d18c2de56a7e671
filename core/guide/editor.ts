/**
 * What the content editor shows around the use cases in content.ts: who wrote and approved each
 * version (names, not ids) and whether the person looking may publish a version, with the reason
 * when not. Reading colleagues' names is not personal data about the people the guide is for, and
 * the editing itself is audited by content.ts.
 */
import { and, count, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { users } from "../../db/schema/index.ts";
import type { Actor } from "../access/actor.ts";
import { assertCan } from "../access/policy.ts";
import { AppError } from "../errors.ts";
import type { ContentVersion } from "./content.ts";

/** Why "Godkjenn og publiser" is missing; null when the actor may publish. */
export type ApprovalBlock = "ownVersion" | "notInReview" | null;

export interface EditorPeople {
  /** userId → name for every id asked about that exists in the municipality. */
  names: Record<string, string>;
  /** Active coordinators in the municipality: with more than one, nobody approves their own text. */
  coordinatorCount: number;
}

function staffTenant(actor: Actor): string {
  assertCan(actor, "guide.edit");
  if (!actor.tenantId) throw new AppError("forbidden", "errors.forbidden");
  return actor.tenantId;
}

export async function loadEditorPeople(input: {
  database: Database;
  actor: Actor;
  userIds: (string | null | undefined)[];
}): Promise<EditorPeople> {
  const tenantId = staffTenant(input.actor);
  const ids = [...new Set(input.userIds.filter((id): id is string => Boolean(id)))];
  return input.database.tenant(tenantId, async (tx) => {
    const rows =
      ids.length === 0
        ? []
        : await tx
            .select({ id: users.id, name: users.name })
            .from(users)
            .where(and(eq(users.tenantId, tenantId), inArray(users.id, ids)));
    const [coordinators] = await tx
      .select({ n: count() })
      .from(users)
      .where(
        and(
          eq(users.tenantId, tenantId),
          eq(users.active, true),
          sql`'coordinator' = any(${users.roles})`,
        ),
      );
    return {
      names: Object.fromEntries(rows.map((row) => [row.id, row.name])),
      coordinatorCount: Number(coordinators?.n ?? 0),
    };
  });
}

/**
 * The four-eyes rule as approveAndPublish applies it, for the UI: with more than one active
 * coordinator, the last writer of a version may not approve it. Only versions in review are
 * offered for approval, so a draft is always first submitted.
 */
export function approvalBlock(
  version: Pick<ContentVersion, "state" | "createdBy">,
  actor: Actor,
  coordinatorCount: number,
): ApprovalBlock {
  if (version.state !== "review") return "notInReview";
  const self = actor.kind === "staff" ? actor.userId : null;
  if (coordinatorCount > 1 && version.createdBy !== null && version.createdBy === self) {
    return "ownVersion";
  }
  return null;
}
