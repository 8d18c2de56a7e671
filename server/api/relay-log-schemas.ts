import { z } from "zod";
import type { LogOverview, MyLogRow } from "../../core/relay-log/logs.ts";
import { logRoles, logStatuses } from "../../core/relay-log/open-rules.ts";

/**
 * Schemas of the relay-log operations of /api/v1 (my logs and a log's overview). The same core
 * use cases serve the web pages, so the API sees exactly what the pages show, and no more.
 */

const id = z.guid();
const isoDate = z.iso.date();
const timestamp = z.iso.datetime();
const booleanText = z.enum(["true", "false"]);

export const logIdParams = z.strictObject({ logId: id });

export const relayLogListQuery = z.strictObject({
  level: z.enum(["0", "1", "2", "3"]).optional().describe("Only logs at this level"),
  unitId: id.optional().describe("Only logs this unit takes part in"),
  role: z.enum(logRoles).optional().describe("My role in the log"),
  dueEvaluations: booleanText
    .optional()
    .describe("true: an evaluation within 14 days, not held, or overdue"),
  overdueMeasures: booleanText.optional().describe("true: a measure past its deadline"),
  expiringConsent: booleanText.optional().describe("true: a valid consent expires within 30 days"),
  status: z.enum(logStatuses).optional().describe("open (default) or closed"),
  page: z.coerce.number().int().min(1).max(100_000).optional(),
});

/** Query strings → the core filters (booleans as booleans, "false" as no filter). */
export function relayLogFiltersOf(query: z.output<typeof relayLogListQuery>) {
  return {
    level: query.level === undefined ? undefined : Number(query.level),
    unitId: query.unitId,
    role: query.role,
    dueEvaluations: query.dueEvaluations === "true" || undefined,
    overdueMeasures: query.overdueMeasures === "true" || undefined,
    expiringConsent: query.expiringConsent === "true" || undefined,
    status: query.status,
    page: query.page,
  };
}

export const relayLogRowSchema = z.object({
  id,
  kind: z.enum(["log", "anonymous"]),
  name: z.string().describe("The child's name, or the pseudonym of an anonymous case discussion"),
  role: z.enum(logRoles),
  frozen: z.boolean().describe("true: no valid consent covers your unit; only the name is given"),
  status: z.enum(logStatuses),
  level: z.number().int().nullable(),
  holderUnitName: z.string().nullable(),
  nextEvaluationOn: isoDate.nullable(),
  evaluationDue: z.boolean(),
  measuresOverdue: z.boolean(),
  consentExpiring: z.boolean(),
});

export const relayLogListSchema = z.object({
  logs: z.array(relayLogRowSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export function relayLogRowOf(row: MyLogRow): z.input<typeof relayLogRowSchema> {
  return { ...row };
}

export const relayLogOverviewSchema = z.object({
  id,
  kind: z.enum(["log", "anonymous"]),
  title: z.string(),
  level: z.number().int(),
  status: z.enum(logStatuses),
  holderName: z.string(),
  holderUnitName: z.string().nullable(),
  isHolder: z.boolean(),
  canWrite: z.boolean(),
  consentState: z.enum(["none", "valid", "partial", "expired", "withdrawn"]),
  lockVersion: z.number().int(),
  childBirthDate: isoDate.nullable(),
  areas: z.array(
    z.object({ id, title: z.string(), description: z.string(), goals: z.number().int() }),
  ),
  nextEvaluation: z.object({ id, scheduledOn: isoDate }).nullable(),
  nextMeeting: z.object({ id, startsAt: timestamp, place: z.string() }).nullable(),
  measures: z.object({ open: z.number().int(), overdue: z.number().int() }),
  latestEntries: z.array(
    z.object({
      id,
      kind: z.enum(["note", "highlight"]),
      occurredOn: isoDate,
      authorName: z.string(),
      areaTitle: z.string().nullable(),
      text: z.string(),
    }),
  ),
  participants: z.array(
    z.object({ userId: id, name: z.string(), unitName: z.string(), isHolder: z.boolean() }),
  ),
  joinRequests: z
    .array(
      z.object({
        id,
        requesterName: z.string(),
        unitId: id,
        unitName: z.string(),
        message: z.string(),
        createdAt: timestamp,
        consentCovers: z.boolean(),
      }),
    )
    .describe("Pending requests to join; the relay holder only"),
  pendingHandover: z.object({ toName: z.string(), toUnitName: z.string() }).nullable(),
  levelHistory: z.array(
    z.object({
      id,
      fromLevel: z.number().int().nullable(),
      toLevel: z.number().int(),
      reason: z.string(),
      changedByName: z.string().nullable(),
      changedAt: timestamp,
    }),
  ),
});

export function relayLogOverviewOf(view: LogOverview): z.input<typeof relayLogOverviewSchema> {
  const { header } = view;
  return {
    id: header.id,
    kind: header.kind,
    title: header.title,
    level: header.level,
    status: header.status,
    holderName: header.holderName,
    holderUnitName: header.holderUnitName,
    isHolder: header.isHolder,
    canWrite: header.canWrite,
    consentState: header.consentState,
    lockVersion: header.lockVersion,
    childBirthDate: view.childBirthDate,
    areas: view.areas,
    nextEvaluation: view.nextEvaluation,
    nextMeeting: view.nextMeeting
      ? { ...view.nextMeeting, startsAt: view.nextMeeting.startsAt.toISOString() }
      : null,
    measures: view.measures,
    latestEntries: view.latestEntries,
    participants: view.participants,
    joinRequests: view.joinRequests.map((row) => ({
      ...row,
      createdAt: row.createdAt.toISOString(),
    })),
    pendingHandover: view.pendingHandover,
    levelHistory: view.levelHistory.map((row) => ({
      ...row,
      changedAt: row.changedAt.toISOString(),
    })),
  };
}
