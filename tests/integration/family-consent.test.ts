import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../core/access/actor.ts";
import { AppError } from "../../core/errors.ts";
import { addDays, osloDate } from "../../core/platform/dates.ts";
import { loadLogContext, requireLog } from "../../core/relay-log/access.ts";
import { getConsentPage, recordConsent } from "../../core/relay-log/consent.ts";
import { createRelayLogReminders } from "../../core/relay-log/reminders.ts";
import {
  decideGuardianAccess,
  getFamilyConsentPage,
  giveDigitalConsent,
  withdrawFamilyConsent,
} from "../../core/relay-log/family-consent.ts";
import {
  auditEvents,
  citizens,
  notifications,
  relayLogConsents,
  relayLogEvaluations,
  relayLogGuardians,
  relayLogs,
} from "../../db/schema/index.ts";
import { databaseKinds, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { insertTestLog, relayLogWorld } from "../support/relay-log-fixtures.ts";

type Citizen = Extract<Actor, { kind: "citizen" }>;
type World = Awaited<ReturnType<typeof relayLogWorld>>;

const meta = { ip: "192.0.2.55", userAgent: "vitest", requestId: "req-family-consent" };

async function failure(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the use case to fail");
}

/** Whole years ago today (birthday today, or the 28th for a 29 February). */
function birthDateForAge(years: number): string {
  const [y, m, d] = osloDate().split("-");
  const candidate = `${Number(y) - years}-${m}-${d}`;
  return candidate.endsWith("-02-29") ? `${Number(y) - years}-02-28` : candidate;
}

describe.each(databaseKinds)("the family's digital consent on %s", (kind) => {
  let database: TestDatabase;
  let world: World;
  let counter = 0;

  beforeAll(async () => {
    database = await freshDatabase(kind);
    world = await relayLogWorld(database);
  });
  afterAll(() => database.drop());

  async function makeCitizen(name: string): Promise<{ actor: Citizen; hash: string }> {
    counter += 1;
    const hash = `test-hash-${kind}-${counter}-${name}`;
    const [row] = await database.system((tx) =>
      tx
        .insert(citizens)
        .values({
          tenantId: world.tenant.id,
          nationalIdHash: hash,
          nationalIdEncrypted: "not-used-in-tests",
          name,
        })
        .returning({ id: citizens.id }),
    );
    return {
      actor: { kind: "citizen", citizenId: row!.id, tenantId: world.tenant.id, name },
      hash,
    };
  }

  /**
   * A log for a child of `age`, with the school (holder) and the health station (participant)
   * taking part, no consent yet, two guardians with parental responsibility (mor, far) and one
   * without (lars), and the child as a citizen.
   */
  async function family(age = 10) {
    const log = await insertTestLog(database, {
      tenantId: world.tenant.id,
      holder: world.holder,
      holderUnitId: world.school.id,
      participants: [{ user: world.participant, unitId: world.healthStation.id }],
      consent: "none",
    });
    const mor = await makeCitizen("Mor Fiktiv");
    const far = await makeCitizen("Far Fiktiv");
    const lars = await makeCitizen("Lars Fiktiv");
    const child = await makeCitizen("Barn Fiktiv");
    await database.tenant(world.tenant.id, async (tx) => {
      // The fixture's guardian has no national ID; these are the ones who log in.
      await tx.delete(relayLogGuardians).where(eq(relayLogGuardians.logId, log.id));
      await tx.insert(relayLogGuardians).values([
        {
          tenantId: world.tenant.id,
          logId: log.id,
          name: "Mor Fiktiv",
          parentalResponsibility: true,
          nationalIdHash: mor.hash,
        },
        {
          tenantId: world.tenant.id,
          logId: log.id,
          name: "Far Fiktiv",
          parentalResponsibility: true,
          nationalIdHash: far.hash,
        },
        {
          tenantId: world.tenant.id,
          logId: log.id,
          name: "Lars Fiktiv",
          parentalResponsibility: false,
          nationalIdHash: lars.hash,
        },
      ]);
      await tx
        .update(relayLogs)
        .set({ childBirthDate: birthDateForAge(age), nationalIdHash: child.hash })
        .where(eq(relayLogs.id, log.id));
    });
    return { log, mor: mor.actor, far: far.actor, lars: lars.actor, child: child.actor };
  }

  const common = (actor: Actor, logId: string) => ({ database, actor, meta, logId });
  const key = () => `key-${kind}-${(counter += 1)}-${Math.random().toString(36).slice(2)}`;

  async function participantReads(logId: string) {
    return database.tenant(world.tenant.id, async (tx) => {
      const context = await loadLogContext(tx, world.participant, logId);
      return context!.access;
    });
  }

  async function events(logId: string, type: string) {
    return database.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.subjectType, "relay_log"),
            eq(auditEvents.subjectId, logId),
            eq(auditEvents.eventType, type),
          ),
        ),
    );
  }

  it("covers a unit only when both guardians with parental responsibility have consented", async () => {
    const { log, mor, far } = await family();
    await giveDigitalConsent({
      ...common(mor, log.id),
      values: { unitIds: [world.healthStation.id], submissionKey: key() },
    });
    expect((await participantReads(log.id)).frozen).toBe(true);
    const morPage = await getFamilyConsentPage(common(mor, log.id));
    expect(morPage.consentState).toBe("partial");
    expect(morPage.others).toEqual([{ name: "Far Fiktiv", consented: false }]);
    const station = morPage.units.find((unit) => unit.id === world.healthStation.id)!;
    expect(station.covered).toBe(false);
    expect(station.waitingFor).toEqual(["Far Fiktiv"]);
    expect(station.ownUntil).not.toBeNull();

    const staffPage = await getConsentPage(common(world.holder, log.id));
    expect(staffPage.consentState).toBe("partial");
    expect(staffPage.waitingFor).toBe(1);
    expect(staffPage.digitalProgress).toEqual([
      {
        id: world.healthStation.id,
        name: world.healthStation.name,
        given: ["Mor Fiktiv"],
        missing: ["Far Fiktiv"],
      },
    ]);
    expect(staffPage.records.some((record) => record.recordedByFamily)).toBe(true);

    await giveDigitalConsent({
      ...common(far, log.id),
      values: {
        unitIds: [world.healthStation.id, world.school.id],
        months: "24",
        submissionKey: key(),
      },
    });
    const access = await participantReads(log.id);
    expect(access.read).toBe(true);
    const farPage = await getFamilyConsentPage(common(far, log.id));
    expect(farPage.consentState).toBe("valid");
    expect(farPage.others).toEqual([{ name: "Mor Fiktiv", consented: true }]);
    // The school is chosen by far only: still waiting for mor there.
    expect(farPage.units.find((unit) => unit.id === world.school.id)!.waitingFor).toEqual([
      "Mor Fiktiv",
    ]);
    const records = await database.tenant(world.tenant.id, (tx) =>
      tx.select().from(relayLogConsents).where(eq(relayLogConsents.logId, log.id)),
    );
    expect(records).toHaveLength(2);
    for (const record of records) {
      expect(record.method).toBe("digital");
      expect(record.givers).toHaveLength(1);
      expect(record.recordedByCitizen).not.toBeNull();
    }
    const farRecord = records.find((record) => record.recordedByCitizen === far.citizenId)!;
    const [y, m, d] = farRecord.givenOn.split("-").map(Number) as [number, number, number];
    expect(farRecord.expiresOn.slice(0, 4)).toBe(String(y + 2));
    expect(m).toBeGreaterThan(0);
    expect(d).toBeGreaterThan(0);

    const recorded = await events(log.id, "relaylog.consent_recorded");
    expect(recorded).toHaveLength(2);
    expect(recorded[0]!.details).toMatchObject({ method: "digital" });
    expect(recorded.map((event) => event.actor)).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: "citizen" })]),
    );
    const told = await database.system((tx) =>
      tx.select().from(notifications).where(eq(notifications.logId, log.id)),
    );
    expect(told.filter((row) => row.kind === "family_consent_given")).toHaveLength(2);
    expect(told.every((row) => row.userId === world.holder.userId)).toBe(true);
  });

  it("keeps the choices and says so when no unit is chosen", async () => {
    const { log, mor } = await family();
    const error = await failure(
      giveDigitalConsent({ ...common(mor, log.id), values: { unitIds: [], submissionKey: key() } }),
    );
    expect(error.code).toBe("validation");
    expect(error.fieldErrors).toEqual({ unitIds: "family.consent.errors.noUnit" });
    const other = await failure(
      giveDigitalConsent({
        ...common(mor, log.id),
        values: { unitIds: ["00000000-0000-4000-8000-000000000000"], submissionKey: key() },
      }),
    );
    expect(other.fieldErrors).toEqual({ unitIds: "errors.choice" });
  });

  it("records a double-submitted consent once and gives the same receipt", async () => {
    const { log, mor } = await family();
    const token = key();
    const values = { unitIds: [world.healthStation.id], submissionKey: token };
    const [first, second] = await Promise.all([
      giveDigitalConsent({ ...common(mor, log.id), values }),
      giveDigitalConsent({ ...common(mor, log.id), values }),
    ]);
    const third = await giveDigitalConsent({ ...common(mor, log.id), values });
    expect(second.id).toBe(first.id);
    expect(third.id).toBe(first.id);
    expect(third.replayed).toBe(true);
    const records = await database.tenant(world.tenant.id, (tx) =>
      tx.select().from(relayLogConsents).where(eq(relayLogConsents.logId, log.id)),
    );
    expect(records).toHaveLength(1);
    expect(await events(log.id, "relaylog.consent_recorded")).toHaveLength(1);
    const page = await getFamilyConsentPage({ ...common(mor, log.id), receiptId: first.id });
    expect(page.receipt?.id).toBe(first.id);
    expect(page.receipt?.unitNames).toEqual([world.healthStation.name]);
  });

  it("records a double-submitted staff consent once (the form's token)", async () => {
    const { log } = await family();
    const values = {
      givers: ["youth"],
      method: "oral",
      witness: "Helsesykepleier Test",
      unitIds: [world.healthStation.id],
      givenOn: osloDate(),
      submissionKey: key(),
    };
    // The child is 10: guardians must consent; use them instead.
    const guardians = await database.tenant(world.tenant.id, (tx) =>
      tx.select().from(relayLogGuardians).where(eq(relayLogGuardians.logId, log.id)),
    );
    values.givers = guardians
      .filter((guardian) => guardian.parentalResponsibility)
      .map((guardian) => `guardian:${guardian.id}`);
    const first = await recordConsent({ ...common(world.holder, log.id), values });
    const second = await recordConsent({ ...common(world.holder, log.id), values });
    expect(second.id).toBe(first.id);
    const records = await database.tenant(world.tenant.id, (tx) =>
      tx.select().from(relayLogConsents).where(eq(relayLogConsents.logId, log.id)),
    );
    expect(records).toHaveLength(1);
    expect(records[0]!.method).toBe("oral");
    // A staff record still covers on its own.
    expect((await participantReads(log.id)).read).toBe(true);
  });

  it("lets a guardian without parental responsibility do nothing (not found)", async () => {
    const { log, lars } = await family();
    for (const work of [
      () => getFamilyConsentPage(common(lars, log.id)),
      () =>
        giveDigitalConsent({
          ...common(lars, log.id),
          values: { unitIds: [world.healthStation.id], submissionKey: key() },
        }),
      () => withdrawFamilyConsent({ ...common(lars, log.id), values: { confirm: "on" } }),
      () => decideGuardianAccess({ ...common(lars, log.id), values: { choice: "end" } }),
    ]) {
      expect((await failure(work())).code).toBe("not_found");
    }
    const records = await database.tenant(world.tenant.id, (tx) =>
      tx.select().from(relayLogConsents).where(eq(relayLogConsents.logId, log.id)),
    );
    expect(records).toHaveLength(0);
  });

  it("takes the young person's own consent from the consent age; the guardians' does not count", async () => {
    const { log, mor, far, child } = await family(16);
    const page = await getFamilyConsentPage(common(child, log.id));
    expect(page.as).toBe("youth");
    expect(page.cannotConsent).toBeNull();
    expect(page.others).toEqual([]);
    expect(page.guardianAccess).toMatchObject({ asked: true, answer: null });

    const guardianPage = await getFamilyConsentPage(common(mor, log.id));
    expect(guardianPage.cannotConsent).toBe("youth_decides");
    expect(
      (
        await failure(
          giveDigitalConsent({
            ...common(far, log.id),
            values: { unitIds: [world.healthStation.id], submissionKey: key() },
          }),
        )
      ).code,
    ).toBe("forbidden");

    await giveDigitalConsent({
      ...common(child, log.id),
      values: { unitIds: [world.healthStation.id], submissionKey: key() },
    });
    expect((await participantReads(log.id)).read).toBe(true);
    const [record] = await database.tenant(world.tenant.id, (tx) =>
      tx.select().from(relayLogConsents).where(eq(relayLogConsents.logId, log.id)),
    );
    expect(record!.givers).toEqual([{ kind: "youth", name: "Testbarn Fiktivsen" }]);
  });

  it("does not let a child below the consent age in", async () => {
    const { log, child } = await family(14);
    expect((await failure(getFamilyConsentPage(common(child, log.id)))).code).toBe("not_found");
  });

  it("withdraws every consent naming the citizen, and freezes the participants of that unit", async () => {
    const { log, mor, far } = await family();
    for (const guardian of [mor, far]) {
      await giveDigitalConsent({
        ...common(guardian, log.id),
        values: { unitIds: [world.healthStation.id], submissionKey: key() },
      });
    }
    expect((await participantReads(log.id)).read).toBe(true);
    // Confirmation is required.
    const unconfirmed = await failure(
      withdrawFamilyConsent({ ...common(mor, log.id), values: {} }),
    );
    expect(unconfirmed.fieldErrors).toEqual({ confirm: "family.consent.errors.confirmWithdraw" });

    const result = await withdrawFamilyConsent({
      ...common(mor, log.id),
      values: { confirm: "on" },
    });
    expect(result.withdrawn).toBe(1);
    const access = await participantReads(log.id);
    expect(access.read).toBe(false);
    expect(access.frozen).toBe(true);
    expect(
      (
        await failure(
          database.tenant(world.tenant.id, (tx) =>
            requireLog(tx, { actor: world.participant, meta, logId: log.id, need: "read" }),
          ),
        )
      ).messageKey,
    ).toBe("relayLog.frozen");

    const records = await database.tenant(world.tenant.id, (tx) =>
      tx.select().from(relayLogConsents).where(eq(relayLogConsents.logId, log.id)),
    );
    const morRecord = records.find((record) => record.recordedByCitizen === mor.citizenId)!;
    expect(morRecord.withdrawnAt).not.toBeNull();
    expect(morRecord.withdrawnByCitizen).toBe(mor.citizenId);
    expect(
      records.find((record) => record.recordedByCitizen === far.citizenId)!.withdrawnAt,
    ).toBeNull();

    const withdrawn = await events(log.id, "relaylog.consent_withdrawn");
    expect(withdrawn).toHaveLength(1);
    expect(withdrawn[0]!.details).toMatchObject({
      method: "digital",
      unitIds: [world.healthStation.id],
    });
    const told = await database.system((tx) =>
      tx
        .select()
        .from(notifications)
        .where(
          and(eq(notifications.logId, log.id), eq(notifications.kind, "family_consent_withdrawn")),
        ),
    );
    expect(told).toHaveLength(1);
    expect(told[0]!.userId).toBe(world.holder.userId);

    // Nothing left to withdraw.
    expect(
      (await failure(withdrawFamilyConsent({ ...common(mor, log.id), values: { confirm: "on" } })))
        .messageKey,
    ).toBe("family.consent.errors.nothingToWithdraw");
  });

  it("withdraws a paper consent that names the guardian, too", async () => {
    const { log, far } = await family();
    const guardians = await database.tenant(world.tenant.id, (tx) =>
      tx.select().from(relayLogGuardians).where(eq(relayLogGuardians.logId, log.id)),
    );
    await recordConsent({
      ...common(world.holder, log.id),
      values: {
        givers: guardians
          .filter((guardian) => guardian.parentalResponsibility)
          .map((guardian) => `guardian:${guardian.id}`),
        method: "oral",
        witness: "Lærer Test",
        unitIds: [world.healthStation.id],
        givenOn: osloDate(),
      },
    });
    expect((await participantReads(log.id)).read).toBe(true);
    await withdrawFamilyConsent({ ...common(far, log.id), values: { confirm: "on" } });
    expect((await participantReads(log.id)).frozen).toBe(true);
    const [event] = await events(log.id, "relaylog.consent_withdrawn");
    expect(event!.details).toMatchObject({ method: "oral", byFamily: true });
  });

  it("replaces the citizen's earlier digital consent when they give a new one", async () => {
    const { log, mor, far } = await family();
    await giveDigitalConsent({
      ...common(far, log.id),
      values: { unitIds: [world.healthStation.id, world.school.id], submissionKey: key() },
    });
    await giveDigitalConsent({
      ...common(mor, log.id),
      values: { unitIds: [world.healthStation.id, world.school.id], submissionKey: key() },
    });
    await giveDigitalConsent({
      ...common(mor, log.id),
      values: { unitIds: [world.school.id], submissionKey: key() },
    });
    expect((await participantReads(log.id)).frozen).toBe(true);
    const page = await getFamilyConsentPage(common(mor, log.id));
    expect(page.ownRecords).toHaveLength(1);
    expect(page.units.find((unit) => unit.id === world.school.id)!.covered).toBe(true);
  });

  it("lets the young person end and restore the guardians' access, audited", async () => {
    const { log, mor, child } = await family(16);
    const guardianCan = async () =>
      database.tenant(world.tenant.id, async (tx) => {
        const context = await loadLogContext(tx, mor, log.id);
        return context!.access.read;
      });
    expect(await guardianCan()).toBe(true);
    expect(
      (await failure(decideGuardianAccess({ ...common(mor, log.id), values: { choice: "end" } })))
        .code,
    ).toBe("not_found");
    const invalid = await failure(
      decideGuardianAccess({ ...common(child, log.id), values: { choice: "maybe" } }),
    );
    expect(invalid.fieldErrors).toEqual({ choice: "family.consent.errors.chooseAccess" });

    await decideGuardianAccess({ ...common(child, log.id), values: { choice: "end" } });
    expect(await guardianCan()).toBe(false);
    expect((await failure(getFamilyConsentPage(common(mor, log.id)))).code).toBe("not_found");
    const page = await getFamilyConsentPage(common(child, log.id));
    expect(page.guardianAccess.answer).toBe("end");

    await decideGuardianAccess({ ...common(child, log.id), values: { choice: "keep" } });
    expect(await guardianCan()).toBe(true);
    const decided = await events(log.id, "relaylog.family.guardian_access_decided");
    expect(decided.map((event) => event.details)).toEqual(
      expect.arrayContaining([
        { choice: "end", previous: null },
        { choice: "keep", previous: "end" },
      ]),
    );
    const [row] = await database.tenant(world.tenant.id, (tx) =>
      tx.select().from(relayLogs).where(eq(relayLogs.id, log.id)),
    );
    expect(row!.youthGuardianAccess).toBe("keep");
    expect(row!.youthGuardianAccessAt).not.toBeNull();
  });

  it("reminds the participants of a unit only once every required giver has consented", async () => {
    const { log, mor, far } = await family();
    await database.tenant(world.tenant.id, (tx) =>
      tx.insert(relayLogEvaluations).values({
        tenantId: world.tenant.id,
        logId: log.id,
        scheduledOn: addDays(osloDate(), 2),
      }),
    );
    const participantReminded = async () =>
      (
        await database.system((tx) =>
          tx
            .select()
            .from(notifications)
            .where(
              and(
                eq(notifications.logId, log.id),
                eq(notifications.userId, world.participant.userId),
                eq(notifications.kind, "evaluation_due"),
              ),
            ),
        )
      ).length;
    await giveDigitalConsent({
      ...common(mor, log.id),
      values: { unitIds: [world.healthStation.id], submissionKey: key() },
    });
    await createRelayLogReminders({ database });
    expect(await participantReminded()).toBe(0);
    await giveDigitalConsent({
      ...common(far, log.id),
      values: { unitIds: [world.healthStation.id], submissionKey: key() },
    });
    await createRelayLogReminders({ database });
    expect(await participantReminded()).toBe(1);
  });

  it("audits reading the consent page as family_consent", async () => {
    const { log, mor } = await family();
    await getFamilyConsentPage(common(mor, log.id));
    const viewed = await events(log.id, "relaylog.viewed");
    expect(viewed.some((event) => event.details.view === "family_consent")).toBe(true);
  });
});
