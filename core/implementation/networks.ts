import { and, arrayOverlaps, asc, count, eq, gte, inArray, lte, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "../../db/client.ts";
import {
  btsContacts,
  btsNetworkAttendance,
  btsNetworkMeetings,
  btsNetworks,
  btsNetworkUnits,
  units,
  users,
} from "../../db/schema/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import { assertCan, can } from "../access/policy.ts";
import { recordAudit } from "../audit/audit.ts";
import { AppError } from "../errors.ts";
import { isIsoDate, osloDate } from "../platform/dates.ts";
import { parseInput } from "../platform/validation.ts";
import {
  isClockTime,
  MEETING_PLACE_MAX,
  MEETING_THEME_MAX,
  MIN_MEETINGS_PER_YEAR,
  NETWORK_DESCRIPTION_MAX,
  NETWORK_NAME_MAX,
  NETWORKS_PAGE_SIZE,
  unitAttended,
  type AttendanceFact,
  type NetworkMeetingStatus,
} from "./networks-rules.ts";
import { asStaff, seesAllUnits, visibleUnitIds, type StaffActor } from "./scope.ts";

export * from "./networks-rules.ts";

/**
 * BTS networks (BTS-nettverk): learning networks of the BTS contacts of a set of units, led by
 * the project leader, meeting at least twice a half-year (the Strand plan). This file holds the
 * networks themselves, their member units and the yearly meeting plan; the meeting page (agenda,
 * attendance, "gjort, lurt, lært") is in networks-meetings.ts.
 *
 * Who sees what: the coordinator and sector leaders see every network; others with
 * implementation.view see the networks that include a unit they lead or are BTS contact for, and
 * the networks they lead. A network outside one's sight is "not found". Only the coordinator
 * (implementation.manage) creates and changes networks and plans meetings.
 */

export type NetworkRow = typeof btsNetworks.$inferSelect;

/** The roles a network leader can have: people who can open the implementation pages. */
const leaderRoles = ["coordinator", "sector_leader", "unit_leader", "bts_contact"];

// ---------------------------------------------------------------- validation

const asArray = (value: unknown) =>
  value === undefined || value === null || value === ""
    ? []
    : Array.isArray(value)
      ? value
      : [value];

const text = (max: number) =>
  z.preprocess(
    (value) => (value === null || value === undefined ? "" : value),
    z.string().trim().max(max),
  );

export const networkInputSchema = z.object({
  name: z.string().trim().min(1).max(NETWORK_NAME_MAX),
  description: text(NETWORK_DESCRIPTION_MAX),
  leaderUserId: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.guid({ message: "implementation.networks.errors.leader" }),
  ),
  unitIds: z.preprocess(
    asArray,
    z
      .array(z.guid({ message: "implementation.networks.errors.units" }))
      .min(1, { message: "implementation.networks.errors.unitsRequired" })
      .max(500)
      .transform((list) => [...new Set(list)]),
  ),
  /** Radio buttons "true"/"false" (the API may send a boolean); left out: unchanged (new: active). */
  active: z.preprocess(
    (value) => (value === "" || value === null ? undefined : String(value)),
    z.enum(["true", "false"], { message: "errors.choice" }).optional(),
  ),
});

export const meetingInputSchema = z.object({
  meetsOn: z
    .string({ message: "implementation.networks.errors.date" })
    .trim()
    .refine(isIsoDate, "implementation.networks.errors.date"),
  startsAt: z
    .preprocess((value) => (value === null || value === undefined ? "" : value), z.string().trim())
    .refine((value) => value === "" || isClockTime(value), "implementation.networks.errors.time"),
  place: text(MEETING_PLACE_MAX),
  theme: text(MEETING_THEME_MAX),
});

// ---------------------------------------------------------------- shared reads

function assertId(id: string): void {
  if (!z.guid().safeParse(id).success) throw new AppError("not_found", "errors.notFound");
}

/** The networks this actor may see: null means all of the tenant's. */
async function visibleNetworkIds(tx: Tx, actor: StaffActor): Promise<string[] | null> {
  if (seesAllUnits(actor)) return null;
  const unitIds = await visibleUnitIds(tx, actor);
  const viaUnits =
    unitIds.length === 0
      ? []
      : await tx
          .selectDistinct({ id: btsNetworkUnits.networkId })
          .from(btsNetworkUnits)
          .where(
            and(
              eq(btsNetworkUnits.tenantId, actor.tenantId),
              inArray(btsNetworkUnits.unitId, unitIds),
            ),
          );
  const led = await tx
    .select({ id: btsNetworks.id })
    .from(btsNetworks)
    .where(
      and(eq(btsNetworks.tenantId, actor.tenantId), eq(btsNetworks.leaderUserId, actor.userId)),
    );
  return [...new Set([...viaUnits, ...led].map((row) => row.id))];
}

/**
 * One network the actor may see, with its member units. Not found when it does not exist, is
 * another municipality's, or is outside the actor's sight.
 */
export async function loadVisibleNetwork(
  tx: Tx,
  actor: StaffActor,
  networkId: string,
): Promise<{ network: NetworkRow; unitIds: string[] }> {
  assertCan(actor, "implementation.view");
  assertId(networkId);
  const [network] = await tx
    .select()
    .from(btsNetworks)
    .where(and(eq(btsNetworks.tenantId, actor.tenantId), eq(btsNetworks.id, networkId)));
  if (!network) throw new AppError("not_found", "errors.notFound");
  const visible = await visibleNetworkIds(tx, actor);
  if (visible && !visible.includes(network.id)) throw new AppError("not_found", "errors.notFound");
  const members = await tx
    .select({ unitId: btsNetworkUnits.unitId })
    .from(btsNetworkUnits)
    .where(eq(btsNetworkUnits.networkId, network.id));
  return { network, unitIds: members.map((row) => row.unitId) };
}

export interface MemberUnit {
  id: string;
  name: string;
  active: boolean;
  contacts: { userId: string; name: string; email: string }[];
}

/** The member units, by name, each with its current BTS contacts (unit_bts_contacts). */
export async function memberUnitsOf(
  tx: Tx,
  tenantId: string,
  unitIds: readonly string[],
): Promise<MemberUnit[]> {
  if (unitIds.length === 0) return [];
  const unitRows = await tx
    .select({ id: units.id, name: units.name, active: units.active })
    .from(units)
    .where(and(eq(units.tenantId, tenantId), inArray(units.id, [...unitIds])))
    .orderBy(asc(units.name));
  const contactRows = await tx
    .select({
      unitId: btsContacts.unitId,
      userId: users.id,
      name: users.name,
      email: users.email,
    })
    .from(btsContacts)
    .innerJoin(users, eq(users.id, btsContacts.userId))
    .where(
      and(
        eq(btsContacts.tenantId, tenantId),
        inArray(btsContacts.unitId, [...unitIds]),
        eq(users.active, true),
      ),
    )
    .orderBy(asc(users.name));
  return unitRows.map((unit) => ({
    ...unit,
    contacts: contactRows
      .filter((row) => row.unitId === unit.id)
      .map(({ userId, name, email }) => ({ userId, name, email })),
  }));
}

async function userName(tx: Tx, tenantId: string, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const [row] = await tx
    .select({ name: users.name })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)));
  return row?.name ?? null;
}

// ---------------------------------------------------------------- the list

export interface NetworkSummary {
  id: string;
  name: string;
  active: boolean;
  leaderName: string | null;
  units: { id: string; name: string }[];
  nextMeeting: { id: string; meetsOn: string; startsAt: string } | null;
  /** Meetings held in the current year. */
  heldThisYear: number;
}

/** /implementering/nettverk: the networks the actor may see, by name, paged. */
export async function listNetworks(input: {
  database: Database;
  actor: Actor;
  page?: number;
  today?: string;
}): Promise<{
  networks: NetworkSummary[];
  page: number;
  pages: number;
  total: number;
  year: number;
  canManage: boolean;
  /** Coordinator and sector leaders: every network, not only those of one's own units. */
  seesAll: boolean;
}> {
  const actor = asStaff(input.actor);
  assertCan(actor, "implementation.view");
  const today = input.today ?? osloDate();
  const year = Number(today.slice(0, 4));
  return input.database.tenant(actor.tenantId, async (tx) => {
    const visible = await visibleNetworkIds(tx, actor);
    const where = and(
      eq(btsNetworks.tenantId, actor.tenantId),
      visible ? inArray(btsNetworks.id, visible.length > 0 ? visible : [NO_ID]) : undefined,
    );
    const [totalRow] = await tx.select({ value: count() }).from(btsNetworks).where(where);
    const total = totalRow?.value ?? 0;
    const pages = Math.max(1, Math.ceil(total / NETWORKS_PAGE_SIZE));
    const requested = Number.isInteger(input.page) ? input.page! : 1;
    const page = Math.min(Math.max(1, requested), pages);
    const rows = await tx
      .select({
        id: btsNetworks.id,
        name: btsNetworks.name,
        active: btsNetworks.active,
        leaderName: users.name,
      })
      .from(btsNetworks)
      .leftJoin(users, eq(users.id, btsNetworks.leaderUserId))
      .where(where)
      .orderBy(sql`${btsNetworks.active} desc`, sql`lower(${btsNetworks.name})`)
      .limit(NETWORKS_PAGE_SIZE)
      .offset((page - 1) * NETWORKS_PAGE_SIZE);
    const ids = rows.map((row) => row.id);
    const memberRows =
      ids.length === 0
        ? []
        : await tx
            .select({ networkId: btsNetworkUnits.networkId, id: units.id, name: units.name })
            .from(btsNetworkUnits)
            .innerJoin(units, eq(units.id, btsNetworkUnits.unitId))
            .where(inArray(btsNetworkUnits.networkId, ids))
            .orderBy(asc(units.name));
    const upcoming =
      ids.length === 0
        ? []
        : await tx
            .select({
              networkId: btsNetworkMeetings.networkId,
              id: btsNetworkMeetings.id,
              meetsOn: btsNetworkMeetings.meetsOn,
              startsAt: btsNetworkMeetings.startsAt,
            })
            .from(btsNetworkMeetings)
            .where(
              and(
                inArray(btsNetworkMeetings.networkId, ids),
                eq(btsNetworkMeetings.status, "planned"),
                gte(btsNetworkMeetings.meetsOn, today),
              ),
            )
            .orderBy(asc(btsNetworkMeetings.meetsOn), asc(btsNetworkMeetings.startsAt));
    const held =
      ids.length === 0
        ? []
        : await tx
            .select({ networkId: btsNetworkMeetings.networkId, value: count() })
            .from(btsNetworkMeetings)
            .where(
              and(
                inArray(btsNetworkMeetings.networkId, ids),
                eq(btsNetworkMeetings.status, "held"),
                gte(btsNetworkMeetings.meetsOn, `${year}-01-01`),
                lte(btsNetworkMeetings.meetsOn, `${year}-12-31`),
              ),
            )
            .groupBy(btsNetworkMeetings.networkId);
    return {
      networks: rows.map((row) => {
        const next = upcoming.find((meeting) => meeting.networkId === row.id);
        return {
          ...row,
          units: memberRows
            .filter((member) => member.networkId === row.id)
            .map(({ id, name }) => ({ id, name })),
          nextMeeting: next
            ? { id: next.id, meetsOn: next.meetsOn, startsAt: next.startsAt }
            : null,
          heldThisYear: held.find((entry) => entry.networkId === row.id)?.value ?? 0,
        };
      }),
      page,
      pages,
      total,
      year,
      canManage: can(actor, "implementation.manage"),
      seesAll: seesAllUnits(actor),
    };
  });
}

/** A uuid no row has: `in ()` is not valid SQL, so an empty list becomes this. */
const NO_ID = "00000000-0000-0000-0000-000000000000";

// ---------------------------------------------------------------- the form

export interface NetworkFormData {
  network: {
    id: string;
    name: string;
    description: string;
    leaderUserId: string | null;
    active: boolean;
    unitIds: string[];
  } | null;
  leaderOptions: { id: string; name: string }[];
  unitOptions: { id: string; name: string; active: boolean }[];
}

/** What the new/edit form offers: leaders (staff who can open these pages) and active units. */
export async function networkForm(input: {
  database: Database;
  actor: Actor;
  networkId?: string;
}): Promise<NetworkFormData> {
  const actor = asStaff(input.actor);
  assertCan(actor, "implementation.manage");
  return input.database.tenant(actor.tenantId, async (tx) => {
    let network: NetworkFormData["network"] = null;
    if (input.networkId !== undefined) {
      const loaded = await loadVisibleNetwork(tx, actor, input.networkId);
      network = {
        id: loaded.network.id,
        name: loaded.network.name,
        description: loaded.network.description,
        leaderUserId: loaded.network.leaderUserId,
        active: loaded.network.active,
        unitIds: loaded.unitIds,
      };
    }
    const leaders = await tx
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(
        and(
          eq(users.tenantId, actor.tenantId),
          eq(users.active, true),
          arrayOverlaps(users.roles, leaderRoles),
        ),
      )
      .orderBy(asc(users.name));
    // The current leader stays choosable even if their role has since changed.
    if (network?.leaderUserId && !leaders.some((user) => user.id === network!.leaderUserId)) {
      const name = await userName(tx, actor.tenantId, network.leaderUserId);
      if (name) leaders.push({ id: network.leaderUserId, name });
    }
    const unitRows = await tx
      .select({ id: units.id, name: units.name, active: units.active })
      .from(units)
      .where(eq(units.tenantId, actor.tenantId))
      .orderBy(asc(units.name));
    const members = new Set(network?.unitIds ?? []);
    return {
      network,
      leaderOptions: leaders,
      // Active units, and inactive ones only while they are members (so they can be taken out).
      unitOptions: unitRows.filter((unit) => unit.active || members.has(unit.id)),
    };
  });
}

const nameTaken = () =>
  new AppError("conflict", "implementation.networks.errors.nameTaken", {
    fieldErrors: { name: "implementation.networks.errors.nameTaken" },
  });

function isUniqueViolation(error: unknown): boolean {
  for (let current = error; current; current = (current as { cause?: unknown }).cause) {
    if ((current as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

async function checkNetworkValues(
  tx: Tx,
  tenantId: string,
  values: z.infer<typeof networkInputSchema>,
  options: { networkId?: string; currentUnitIds?: string[]; currentLeaderId?: string | null },
): Promise<void> {
  const [clash] = await tx
    .select({ id: btsNetworks.id })
    .from(btsNetworks)
    .where(
      and(
        eq(btsNetworks.tenantId, tenantId),
        sql`lower(${btsNetworks.name}) = lower(${values.name})`,
        options.networkId ? ne(btsNetworks.id, options.networkId) : undefined,
      ),
    );
  if (clash) throw nameTaken();
  const [leader] = await tx
    .select({ id: users.id, roles: users.roles, active: users.active })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, values.leaderUserId)));
  const leaderAllowed =
    leader?.active &&
    (leader.roles.some((role) => leaderRoles.includes(role)) ||
      leader.id === options.currentLeaderId);
  if (!leaderAllowed) {
    throw new AppError("validation", "errors.validation", {
      fieldErrors: { leaderUserId: "implementation.networks.errors.leader" },
    });
  }
  const unitRows = await tx
    .select({ id: units.id, active: units.active })
    .from(units)
    .where(and(eq(units.tenantId, tenantId), inArray(units.id, values.unitIds)));
  const current = new Set(options.currentUnitIds ?? []);
  const allowed = new Set(
    unitRows.filter((unit) => unit.active || current.has(unit.id)).map((unit) => unit.id),
  );
  if (values.unitIds.some((id) => !allowed.has(id))) {
    throw new AppError("validation", "errors.validation", {
      fieldErrors: { unitIds: "implementation.networks.errors.units" },
    });
  }
}

/** Creates a network (coordinator). Names are unique per municipality, case-insensitively. */
export async function createNetwork(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  values: unknown;
}): Promise<{ id: string }> {
  const actor = asStaff(input.actor);
  assertCan(actor, "implementation.manage");
  const values = parseInput(networkInputSchema, input.values);
  try {
    return await input.database.tenant(actor.tenantId, async (tx) => {
      await checkNetworkValues(tx, actor.tenantId, values, {});
      const [row] = await tx
        .insert(btsNetworks)
        .values({
          tenantId: actor.tenantId,
          name: values.name,
          description: values.description,
          leaderUserId: values.leaderUserId,
          active: values.active !== "false",
        })
        .returning({ id: btsNetworks.id });
      await tx.insert(btsNetworkUnits).values(
        values.unitIds.map((unitId) => ({
          tenantId: actor.tenantId,
          networkId: row!.id,
          unitId,
        })),
      );
      await recordAudit(tx, {
        type: "network.saved",
        tenantId: actor.tenantId,
        actor,
        meta: input.meta,
        subject: { type: "bts_network", id: row!.id },
        details: { action: "created", unitIds: values.unitIds, leaderUserId: values.leaderUserId },
      });
      return { id: row!.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken();
    throw error;
  }
}

/** Changes a network's name, description, leader, member units or active state (coordinator). */
export async function updateNetwork(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  networkId: string;
  values: unknown;
}): Promise<void> {
  const actor = asStaff(input.actor);
  assertCan(actor, "implementation.manage");
  assertId(input.networkId);
  const values = parseInput(networkInputSchema, input.values);
  try {
    await input.database.tenant(actor.tenantId, async (tx) => {
      const { network, unitIds } = await loadVisibleNetwork(tx, actor, input.networkId);
      await checkNetworkValues(tx, actor.tenantId, values, {
        networkId: network.id,
        currentUnitIds: unitIds,
        currentLeaderId: network.leaderUserId,
      });
      const active = values.active === undefined ? network.active : values.active === "true";
      const next = { ...values, active };
      const fields = (["name", "description", "leaderUserId", "active"] as const).filter(
        (field) => network[field] !== next[field],
      );
      const added = values.unitIds.filter((id) => !unitIds.includes(id));
      const removed = unitIds.filter((id) => !values.unitIds.includes(id));
      if (fields.length === 0 && added.length === 0 && removed.length === 0) return;
      await tx
        .update(btsNetworks)
        .set({
          name: values.name,
          description: values.description,
          leaderUserId: values.leaderUserId,
          active,
          updatedAt: new Date(),
        })
        .where(eq(btsNetworks.id, network.id));
      if (removed.length > 0) {
        await tx
          .delete(btsNetworkUnits)
          .where(
            and(
              eq(btsNetworkUnits.networkId, network.id),
              inArray(btsNetworkUnits.unitId, removed),
            ),
          );
      }
      if (added.length > 0) {
        await tx
          .insert(btsNetworkUnits)
          .values(
            added.map((unitId) => ({ tenantId: actor.tenantId, networkId: network.id, unitId })),
          );
      }
      await recordAudit(tx, {
        type: "network.saved",
        tenantId: actor.tenantId,
        actor,
        meta: input.meta,
        subject: { type: "bts_network", id: network.id },
        details: { action: "updated", fields, addedUnitIds: added, removedUnitIds: removed },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken();
    throw error;
  }
}

// ---------------------------------------------------------------- one network

export interface PlannedMeeting {
  id: string;
  meetsOn: string;
  startsAt: string;
  place: string;
  theme: string;
  status: NetworkMeetingStatus;
  /** A planned meeting whose day has passed without attendance being recorded. */
  overdue: boolean;
}

export interface UnitAttendance {
  unitId: string;
  unitName: string;
  /** Per held meeting of the year, in date order: whether the unit attended. */
  meetings: { meetingId: string; attended: boolean }[];
  attended: number;
  held: number;
}

export interface NetworkDetails {
  network: {
    id: string;
    name: string;
    description: string;
    active: boolean;
    leaderName: string | null;
  };
  members: MemberUnit[];
  year: number;
  /** Years with meetings, and the current year, for the year links. */
  years: number[];
  meetings: PlannedMeeting[];
  /** Meetings in the year that are not cancelled. */
  meetingsInYear: number;
  /** Fewer than MIN_MEETINGS_PER_YEAR planned or held in the year. */
  belowMinimum: boolean;
  heldMeetings: { id: string; meetsOn: string }[];
  attendance: UnitAttendance[];
  canManage: boolean;
}

/** /implementering/nettverk/:networkId: members, the year's meeting plan and attendance per unit. */
export async function getNetwork(input: {
  database: Database;
  actor: Actor;
  networkId: string;
  year?: number;
  today?: string;
}): Promise<NetworkDetails> {
  const actor = asStaff(input.actor);
  const today = input.today ?? osloDate();
  const year = input.year ?? Number(today.slice(0, 4));
  return input.database.tenant(actor.tenantId, async (tx) => {
    const { network, unitIds } = await loadVisibleNetwork(tx, actor, input.networkId);
    const members = await memberUnitsOf(tx, actor.tenantId, unitIds);
    const rows = await tx
      .select()
      .from(btsNetworkMeetings)
      .where(
        and(
          eq(btsNetworkMeetings.networkId, network.id),
          gte(btsNetworkMeetings.meetsOn, `${year}-01-01`),
          lte(btsNetworkMeetings.meetsOn, `${year}-12-31`),
        ),
      )
      .orderBy(asc(btsNetworkMeetings.meetsOn), asc(btsNetworkMeetings.startsAt));
    const yearRows = await tx
      .selectDistinct({ year: sql<number>`extract(year from ${btsNetworkMeetings.meetsOn})::int` })
      .from(btsNetworkMeetings)
      .where(eq(btsNetworkMeetings.networkId, network.id));
    const years = [
      ...new Set([...yearRows.map((row) => Number(row.year)), Number(today.slice(0, 4)), year]),
    ].sort((a, b) => a - b);
    const meetings: PlannedMeeting[] = rows.map((row) => ({
      id: row.id,
      meetsOn: row.meetsOn,
      startsAt: row.startsAt,
      place: row.place,
      theme: row.theme,
      status: row.status as NetworkMeetingStatus,
      overdue: row.status === "planned" && row.meetsOn < today,
    }));
    const held = meetings.filter((meeting) => meeting.status === "held");
    const facts: AttendanceFact[] =
      held.length === 0
        ? []
        : await tx
            .select({
              meetingId: btsNetworkAttendance.meetingId,
              userId: btsNetworkAttendance.userId,
              unitId: btsNetworkAttendance.unitId,
              present: btsNetworkAttendance.present,
            })
            .from(btsNetworkAttendance)
            .where(
              inArray(
                btsNetworkAttendance.meetingId,
                held.map((meeting) => meeting.id),
              ),
            );
    const attendance = members.map((unit) => {
      const contactIds = new Set(unit.contacts.map((contact) => contact.userId));
      const perMeeting = held.map((meeting) => ({
        meetingId: meeting.id,
        attended: unitAttended(unit.id, contactIds, meeting.id, facts),
      }));
      return {
        unitId: unit.id,
        unitName: unit.name,
        meetings: perMeeting,
        attended: perMeeting.filter((entry) => entry.attended).length,
        held: held.length,
      };
    });
    const meetingsInYear = meetings.filter((meeting) => meeting.status !== "cancelled").length;
    return {
      network: {
        id: network.id,
        name: network.name,
        description: network.description,
        active: network.active,
        leaderName: await userName(tx, actor.tenantId, network.leaderUserId),
      },
      members,
      year,
      years,
      meetings,
      meetingsInYear,
      belowMinimum: meetingsInYear < MIN_MEETINGS_PER_YEAR,
      heldMeetings: held.map((meeting) => ({ id: meeting.id, meetsOn: meeting.meetsOn })),
      attendance,
      canManage: can(actor, "implementation.manage"),
    };
  });
}

/**
 * Plans a meeting (coordinator). Any date is accepted, also a past one (to register a meeting
 * after the fact). Returns how many meetings the year then has, so the page can warn when the
 * plan is still below the minimum.
 */
export async function addNetworkMeeting(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  networkId: string;
  values: unknown;
}): Promise<{ id: string; year: number; meetingsInYear: number }> {
  const actor = asStaff(input.actor);
  assertCan(actor, "implementation.manage");
  assertId(input.networkId);
  const values = parseInput(meetingInputSchema, input.values);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const { network } = await loadVisibleNetwork(tx, actor, input.networkId);
    const [row] = await tx
      .insert(btsNetworkMeetings)
      .values({
        tenantId: actor.tenantId,
        networkId: network.id,
        meetsOn: values.meetsOn,
        startsAt: values.startsAt,
        place: values.place,
        theme: values.theme,
        status: "planned",
      })
      .returning({ id: btsNetworkMeetings.id });
    await recordAudit(tx, {
      type: "network.meeting_saved",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "bts_network_meeting", id: row!.id },
      details: { action: "created", networkId: network.id },
    });
    const year = Number(values.meetsOn.slice(0, 4));
    const [counted] = await tx
      .select({ value: count() })
      .from(btsNetworkMeetings)
      .where(
        and(
          eq(btsNetworkMeetings.networkId, network.id),
          ne(btsNetworkMeetings.status, "cancelled"),
          gte(btsNetworkMeetings.meetsOn, `${year}-01-01`),
          lte(btsNetworkMeetings.meetsOn, `${year}-12-31`),
        ),
      );
    return { id: row!.id, year, meetingsInYear: counted?.value ?? 0 };
  });
}
