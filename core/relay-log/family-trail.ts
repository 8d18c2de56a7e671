import type { Database } from "../../db/client.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import { assertCitizen, familyHeader, requireFamilyLog, type FamilyHeader } from "./family.ts";
import { readTrailPage, type TrailEntry } from "./trail.ts";

/**
 * The family's view of the access trail (innsyn): who read or changed the log, and when, from
 * the audit log, newest first, 50 to a page. The same query as the relay holder's trail
 * (trail.ts readTrailPage). The family's own reads are marked `self`. Viewing it is audited as
 * relaylog.viewed with view "family_trail".
 */
export interface FamilyTrailEntry extends TrailEntry {
  /** The reader themselves did this (shown as "Du"). */
  self: boolean;
}

export interface FamilyTrailPage {
  header: FamilyHeader;
  entries: FamilyTrailEntry[];
  page: number;
  pageCount: number;
  total: number;
}

export async function getFamilyAccessTrail(input: {
  database: Database;
  actor: Actor | null;
  meta: RequestMeta;
  logId: string;
  /** 1-based. */
  page?: number;
  today?: string;
}): Promise<FamilyTrailPage> {
  const citizen = assertCitizen(input.actor);
  const requested = Number.isInteger(input.page) && input.page! > 0 ? input.page! : 1;
  return input.database.tenant(citizen.tenantId, async (tx) => {
    const context = await requireFamilyLog(tx, {
      actor: citizen,
      meta: input.meta,
      logId: input.logId,
      need: "read",
      view: "family_trail",
      ...(input.today ? { today: input.today } : {}),
    });
    const trail = await readTrailPage(tx, context.log, requested);
    return {
      header: await familyHeader(tx, context),
      ...trail,
      entries: trail.entries.map((entry) => ({
        ...entry,
        self: entry.actorKind === "citizen" && entry.actorId === citizen.citizenId,
      })),
    };
  });
}
