import { and, asc, count, desc, eq, isNull, max, ne, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import {
  anchoringActivities,
  collaborationArenaReviews,
  collaborationArenas,
  contentVersions,
  grantReportingDeadlines,
  grants,
  orgGroupDecisions,
  orgGroups,
} from "../../db/schema/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import { recordAudit } from "../audit/audit.ts";
import { viewer } from "../implementation/plan-common.ts";
import { osloDate } from "../platform/dates.ts";

/**
 * /organisering: one live figure per area of the municipality's organisation of the model,
 * read straight from the organisation tables (and the guide's published versions for the
 * printed material). Reading is implementation.view; the read is audited.
 */

export interface OrganisationHub {
  groups: { active: number };
  decisions: { count: number; latestOn: string | null };
  arenas: { active: number; notReviewedThisYear: number; year: number };
  anchoring: { activities: number; openFollowUps: number };
  grants: {
    next: { dueOn: string; title: string; grantName: string; overdue: boolean } | null;
  };
  printed: { guidePublishedOn: string | null };
  today: string;
}

export async function organisationHub(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  today?: string;
}): Promise<OrganisationHub> {
  const actor = viewer(input.actor);
  const today = input.today ?? osloDate();
  const year = Number(today.slice(0, 4));
  const tenantId = actor.tenantId;
  return input.database.tenant(tenantId, async (tx) => {
    const [groups] = await tx
      .select({ value: count() })
      .from(orgGroups)
      .where(and(eq(orgGroups.tenantId, tenantId), isNull(orgGroups.closedOn)));
    const [decisions] = await tx
      .select({ value: count(), latest: max(orgGroupDecisions.decidedOn) })
      .from(orgGroupDecisions)
      .where(eq(orgGroupDecisions.tenantId, tenantId));
    const activeArenas = await tx
      .select({ id: collaborationArenas.id })
      .from(collaborationArenas)
      .where(and(eq(collaborationArenas.tenantId, tenantId), isNull(collaborationArenas.closedOn)));
    const reviewed = await tx
      .select({ arenaId: collaborationArenaReviews.arenaId })
      .from(collaborationArenaReviews)
      .where(
        and(
          eq(collaborationArenaReviews.tenantId, tenantId),
          eq(collaborationArenaReviews.year, year),
        ),
      );
    const reviewedIds = new Set(reviewed.map((row) => row.arenaId));
    const [activities] = await tx
      .select({ value: count() })
      .from(anchoringActivities)
      .where(eq(anchoringActivities.tenantId, tenantId));
    const [followUps] = await tx
      .select({ value: count() })
      .from(anchoringActivities)
      .where(
        and(
          eq(anchoringActivities.tenantId, tenantId),
          ne(sql`trim(${anchoringActivities.followUp})`, ""),
          isNull(anchoringActivities.followUpDoneOn),
        ),
      );
    const [deadline] = await tx
      .select({
        dueOn: grantReportingDeadlines.dueOn,
        title: grantReportingDeadlines.title,
        grantName: grants.name,
      })
      .from(grantReportingDeadlines)
      .innerJoin(grants, eq(grants.id, grantReportingDeadlines.grantId))
      .where(
        and(
          eq(grantReportingDeadlines.tenantId, tenantId),
          isNull(grantReportingDeadlines.submittedOn),
          // As the reminder job (grants-reminders.ts): a rejected grant reports nothing.
          ne(grants.status, "rejected"),
        ),
      )
      .orderBy(asc(grantReportingDeadlines.dueOn))
      .limit(1);
    const [published] = await tx
      .select({ at: contentVersions.publishedAt })
      .from(contentVersions)
      .where(
        and(
          eq(contentVersions.tenantId, tenantId),
          eq(contentVersions.state, "published"),
          sql`${contentVersions.publishedAt} is not null`,
        ),
      )
      .orderBy(desc(contentVersions.publishedAt))
      .limit(1);
    await recordAudit(tx, {
      type: "organisation.hub_viewed",
      tenantId,
      actor,
      meta: input.meta,
    });
    return {
      groups: { active: groups?.value ?? 0 },
      decisions: { count: decisions?.value ?? 0, latestOn: decisions?.latest ?? null },
      arenas: {
        active: activeArenas.length,
        notReviewedThisYear: activeArenas.filter((arena) => !reviewedIds.has(arena.id)).length,
        year,
      },
      anchoring: { activities: activities?.value ?? 0, openFollowUps: followUps?.value ?? 0 },
      grants: {
        next: deadline
          ? {
              dueOn: deadline.dueOn,
              title: deadline.title,
              grantName: deadline.grantName,
              overdue: deadline.dueOn < today,
            }
          : null,
      },
      printed: { guidePublishedOn: published?.at ? osloDate(published.at) : null },
      today,
    };
  });
}
