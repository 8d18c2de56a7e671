import type { Actor } from "../../core/access/actor.ts";
import { addDays, osloDate } from "../../core/platform/dates.ts";
import type { Database } from "../../db/client.ts";
import {
  relayLogConsents,
  relayLogGuardians,
  relayLogLevelChanges,
  relayLogParticipants,
  relayLogs,
} from "../../db/schema/index.ts";
import { makeStaff, makeTenant, makeUnit } from "./fixtures.ts";

type Staff = Extract<Actor, { kind: "staff" }>;

/**
 * A relay log written straight to the database, for tests of parts built on top of the log
 * (plan, meetings, close …) that must not depend on the open-log use case. The consent covers
 * `consentUnitIds` (default: every participant's unit) unless `consent` says otherwise.
 */
export async function insertTestLog(
  database: Database,
  input: {
    tenantId: string;
    holder: Staff;
    holderUnitId: string;
    participants?: { user: Staff; unitId: string }[];
    kind?: "log" | "anonymous";
    level?: 0 | 1 | 2 | 3;
    status?: "open" | "closed";
    childName?: string;
    consent?: "valid" | "expired" | "withdrawn" | "none";
    consentUnitIds?: string[];
  },
): Promise<typeof relayLogs.$inferSelect> {
  const today = osloDate();
  const kind = input.kind ?? "log";
  return database.tenant(input.tenantId, async (tx) => {
    const [log] = await tx
      .insert(relayLogs)
      .values({
        tenantId: input.tenantId,
        kind,
        status: input.status ?? "open",
        level: input.level ?? 2,
        pseudonym: kind === "anonymous" ? "Gutt 9 år" : null,
        childName: kind === "log" ? (input.childName ?? "Testbarn Fiktivsen") : null,
        childBirthDate: kind === "log" ? "2016-05-04" : null,
        holderUserId: input.holder.userId,
        holderUnitId: input.holderUnitId,
        unitIds: [
          ...new Set([input.holderUnitId, ...(input.participants ?? []).map((p) => p.unitId)]),
        ],
        openedBy: input.holder.userId,
        closedAt: input.status === "closed" ? new Date() : null,
        closeReason: input.status === "closed" ? "goals_reached" : null,
        deleteAfter: input.status === "closed" ? addDays(today, 365) : null,
      })
      .returning();
    const participants = [
      { user: input.holder, unitId: input.holderUnitId },
      ...(input.participants ?? []),
    ];
    for (const participant of participants) {
      await tx.insert(relayLogParticipants).values({
        tenantId: input.tenantId,
        logId: log!.id,
        userId: participant.user.userId,
        unitId: participant.unitId,
        addedBy: input.holder.userId,
      });
    }
    await tx.insert(relayLogLevelChanges).values({
      tenantId: input.tenantId,
      logId: log!.id,
      fromLevel: null,
      toLevel: input.level ?? 2,
      reason: "Opprettet",
      changedBy: input.holder.userId,
    });
    if (kind === "log") {
      const [guardian] = await tx
        .insert(relayLogGuardians)
        .values({
          tenantId: input.tenantId,
          logId: log!.id,
          name: "Foresatt Fiktivsen",
          phone: "99999999",
          email: "foresatt@testvik.example",
          parentalResponsibility: true,
        })
        .returning();
      const consent = input.consent ?? "valid";
      if (consent !== "none") {
        await tx.insert(relayLogConsents).values({
          tenantId: input.tenantId,
          logId: log!.id,
          givers: [{ kind: "guardian", guardianId: guardian!.id, name: guardian!.name }],
          method: "paper",
          unitIds: input.consentUnitIds ?? [...new Set(participants.map((p) => p.unitId))],
          givenOn: addDays(today, -200),
          expiresOn: consent === "expired" ? addDays(today, -1) : addDays(today, 165),
          withdrawnAt: consent === "withdrawn" ? new Date() : null,
          recordedBy: input.holder.userId,
        });
      }
    }
    return log!;
  });
}

/** A municipality with two units, a relay holder, a participant in the other unit and an outsider. */
export async function relayLogWorld(database: Database) {
  const tenant = await makeTenant(database);
  const school = await makeUnit(database, tenant.id, "Testvik skole");
  const healthStation = await makeUnit(database, tenant.id, "Testvik helsestasjon");
  const holder = await makeStaff(database, tenant.id, {
    name: "Stafett Holder",
    unitIds: [school.id],
  });
  const participant = await makeStaff(database, tenant.id, {
    name: "Del Taker",
    unitIds: [healthStation.id],
  });
  const outsider = await makeStaff(database, tenant.id, {
    name: "Uten Tilgang",
    unitIds: [school.id],
  });
  const coordinator = await makeStaff(database, tenant.id, {
    roles: ["coordinator"],
    unitIds: [school.id],
  });
  return { tenant, school, healthStation, holder, participant, outsider, coordinator };
}
