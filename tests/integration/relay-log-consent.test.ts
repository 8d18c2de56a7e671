import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../core/access/actor.ts";
import { AppError } from "../../core/errors.ts";
import { addDays, osloDate } from "../../core/platform/dates.ts";
import { requireLog } from "../../core/relay-log/access.ts";
import {
  addMonths,
  CONSENT_ATTACHMENT_MAX_BYTES,
  getConsentAttachment,
  getConsentPage,
  missingGuardians,
  recordConsent,
  removeGuardian,
  saveGuardian,
  withdrawConsent,
} from "../../core/relay-log/consent.ts";
import {
  addParticipant,
  leaveLog,
  listParticipants,
  removeParticipant,
} from "../../core/relay-log/participants.ts";
import { getAccessTrail, TRAIL_PAGE_SIZE } from "../../core/relay-log/trail.ts";
import {
  auditEvents,
  relayLogConsents,
  relayLogGuardians,
  relayLogParticipants,
  relayLogs,
  tenants,
} from "../../db/schema/index.ts";
import { databaseKinds, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { makeStaff, makeTenant, makeUnit } from "../support/fixtures.ts";
import { insertTestLog, relayLogWorld } from "../support/relay-log-fixtures.ts";

type Staff = Extract<Actor, { kind: "staff" }>;
type World = Awaited<ReturnType<typeof relayLogWorld>>;

const meta = { ip: "192.0.2.44", userAgent: "vitest", requestId: "req-consent" };

const PDF = new TextEncoder().encode("%PDF-1.7\n%fiktivt samtykkeskjema\n");
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
const TEXT = new TextEncoder().encode("Dette er ikke en PDF, bare tekst med feil filnavn.");

async function failure(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the use case to fail");
}

/** Whole years ago today, so the child is exactly `years` old (birthday today). */
function birthDateForAge(years: number): string {
  const today = osloDate();
  const [y, m, d] = today.split("-");
  const candidate = `${Number(y) - years}-${m}-${d}`;
  // 29 February in a year without it: the day before is still `years` old today.
  return candidate.endsWith("-02-29") ? `${Number(y) - years}-02-28` : candidate;
}

describe.each(databaseKinds)("relay log consent, participants and access trail on %s", (kind) => {
  let database: TestDatabase;
  let world: World;
  let today: string;

  beforeAll(async () => {
    database = await freshDatabase(kind);
    world = await relayLogWorld(database);
    today = osloDate();
  });
  afterAll(() => database.drop());

  async function setConsentAge(tenantId: string, age: 15 | 16) {
    await database.system(async (tx) => {
      const [tenant] = await tx.select().from(tenants).where(eq(tenants.id, tenantId));
      await tx
        .update(tenants)
        .set({ settings: { ...tenant!.settings, youthConsentAge: age } })
        .where(eq(tenants.id, tenantId));
    });
  }

  /** A log without consent, with one guardian with parental responsibility (from the fixture). */
  async function logWithoutConsent(options: { age?: number; participants?: boolean } = {}) {
    const log = await insertTestLog(database, {
      tenantId: world.tenant.id,
      holder: world.holder,
      holderUnitId: world.school.id,
      participants: options.participants
        ? [{ user: world.participant, unitId: world.healthStation.id }]
        : [],
      consent: "none",
    });
    if (options.age !== undefined) {
      await database.system((tx) =>
        tx
          .update(relayLogs)
          .set({ childBirthDate: birthDateForAge(options.age!) })
          .where(eq(relayLogs.id, log.id)),
      );
    }
    const guardians = await database.system((tx) =>
      tx.select().from(relayLogGuardians).where(eq(relayLogGuardians.logId, log.id)),
    );
    return { log, guardian: guardians[0]! };
  }

  const record = (
    actor: Staff,
    logId: string,
    values: Record<string, unknown>,
    attachment: { bytes: Uint8Array; name: string } | null = null,
  ) => recordConsent({ database, actor, meta, logId, values, attachment });

  const oral = (guardianId: string, unitIds: string[], extra: Record<string, unknown> = {}) => ({
    givers: [`guardian:${guardianId}`],
    method: "oral",
    witness: "Vitne Fiktiv",
    unitIds,
    givenOn: today,
    ...extra,
  });

  async function logEvents(logId: string, type?: string) {
    return database.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.subjectType, "relay_log"),
            eq(auditEvents.subjectId, logId),
            type ? eq(auditEvents.eventType, type) : undefined,
          ),
        ),
    );
  }

  describe("who must consent (the age rule)", () => {
    it("asks for the young person's own consent from the consent age 15", async () => {
      await setConsentAge(world.tenant.id, 15);
      const { log, guardian } = await logWithoutConsent({ age: 15 });
      const error = await failure(
        record(world.holder, log.id, oral(guardian.id, [world.school.id])),
      );
      expect(error.code).toBe("validation");
      expect(error.fieldErrors?.givers).toBe("relayLog.consent.youthRequired");

      const { id } = await record(world.holder, log.id, {
        ...oral(guardian.id, [world.school.id]),
        givers: ["youth"],
      });
      const [row] = await database.system((tx) =>
        tx.select().from(relayLogConsents).where(eq(relayLogConsents.id, id)),
      );
      expect(row?.givers).toEqual([{ kind: "youth", name: log.childName }]);
    });

    it("asks for every guardian with parental responsibility below the consent age 16", async () => {
      await setConsentAge(world.tenant.id, 16);
      const { log, guardian } = await logWithoutConsent({ age: 15 });
      const youthOnly = await failure(
        record(world.holder, log.id, {
          ...oral(guardian.id, [world.school.id]),
          givers: ["youth"],
        }),
      );
      expect(youthOnly.fieldErrors?.givers).toBe("relayLog.consent.guardiansMissing");

      const second = await saveGuardian({
        database,
        actor: world.holder,
        meta,
        logId: log.id,
        values: { name: "Andre Foresatt", phone: "", email: "", parentalResponsibility: "yes" },
      });
      const noResponsibility = await saveGuardian({
        database,
        actor: world.holder,
        meta,
        logId: log.id,
        values: {
          name: "Steforelder Fiktiv",
          phone: "+47 99 88 77 66",
          email: "ste@testvik.example",
          parentalResponsibility: "no",
        },
      });

      const oneOfTwo = await failure(
        record(world.holder, log.id, oral(guardian.id, [world.school.id])),
      );
      expect(oneOfTwo.fieldErrors?.givers).toBe("relayLog.consent.guardiansMissing");
      // The page names who is missing with the same rule.
      const page = await getConsentPage({ database, actor: world.holder, meta, logId: log.id });
      expect(page.requirement).toMatchObject({ age: 15, consentAge: 16, youthRequired: false });
      expect(
        missingGuardians(page.requirement, page.guardians, [guardian.id]).map((g) => g.name),
      ).toEqual(["Andre Foresatt"]);

      const withoutRight = await failure(
        record(world.holder, log.id, {
          ...oral(guardian.id, [world.school.id]),
          givers: [
            `guardian:${guardian.id}`,
            `guardian:${second.id}`,
            `guardian:${noResponsibility.id}`,
          ],
        }),
      );
      expect(withoutRight.fieldErrors?.givers).toBe("relayLog.consent.noResponsibility");

      await record(world.holder, log.id, {
        ...oral(guardian.id, [world.school.id]),
        givers: [`guardian:${guardian.id}`, `guardian:${second.id}`],
      });
      const after = await getConsentPage({ database, actor: world.holder, meta, logId: log.id });
      expect(after.consentState).toBe("valid");
      expect(after.records[0]?.givers.map((g) => g.name)).toEqual([
        "Foresatt Fiktivsen",
        "Andre Foresatt",
      ]);
    });

    it("needs at least one guardian with parental responsibility below the consent age", async () => {
      await setConsentAge(world.tenant.id, 15);
      const { log, guardian } = await logWithoutConsent({ age: 9 });
      await removeGuardian({
        database,
        actor: world.holder,
        meta,
        logId: log.id,
        guardianId: guardian.id,
        values: { confirm: "on" },
      });
      const error = await failure(
        record(world.holder, log.id, {
          ...oral(guardian.id, [world.school.id]),
          givers: ["youth"],
        }),
      );
      expect(error.fieldErrors?.givers).toBe("relayLog.consent.noGuardianWithResponsibility");
      const none = await failure(
        record(world.holder, log.id, { ...oral(guardian.id, [world.school.id]), givers: [] }),
      );
      expect(none.fieldErrors?.givers).toBe("relayLog.consent.noGiver");
    });
  });

  describe("how, which units and when", () => {
    let logId: string;
    let guardianId: string;
    beforeAll(async () => {
      await setConsentAge(world.tenant.id, 15);
      const { log, guardian } = await logWithoutConsent({ age: 8 });
      logId = log.id;
      guardianId = guardian.id;
    });

    it("reports every problem of an empty form at once, each beside its field", async () => {
      const error = await failure(
        record(world.holder, logId, { givers: [], method: "", unitIds: [], givenOn: "" }),
      );
      expect(error.fieldErrors).toEqual({
        givers: "relayLog.consent.noGiver",
        method: "relayLog.consent.methodRequired",
        unitIds: "relayLog.consent.noUnit",
        givenOn: "errors.required",
      });
    });

    it("refuses oral consent without a witness and digital consent recorded by staff", async () => {
      const error = await failure(
        record(world.holder, logId, {
          ...oral(guardianId, [world.school.id]),
          witness: "  ",
        }),
      );
      expect(error.fieldErrors?.witness).toBe("relayLog.consent.witnessRequired");
      const digital = await failure(
        record(world.holder, logId, { ...oral(guardianId, [world.school.id]), method: "digital" }),
      );
      expect(digital.fieldErrors?.method).toBe("relayLog.consent.digitalByFamily");
    });

    it("refuses paper consent without the scanned form, of the wrong type or too large", async () => {
      const paper = { ...oral(guardianId, [world.school.id]), method: "paper", witness: "" };
      const missing = await failure(record(world.holder, logId, paper));
      expect(missing.fieldErrors?.attachment).toBe("relayLog.consent.attachmentRequired");
      const empty = await failure(
        record(world.holder, logId, paper, { bytes: new Uint8Array(), name: "tom.pdf" }),
      );
      expect(empty.fieldErrors?.attachment).toBe("relayLog.consent.attachmentRequired");
      const wrongType = await failure(
        record(world.holder, logId, paper, { bytes: TEXT, name: "samtykke.pdf" }),
      );
      expect(wrongType.fieldErrors?.attachment).toBe("relayLog.consent.attachmentType");
      const big = new Uint8Array(CONSENT_ATTACHMENT_MAX_BYTES + 1);
      big.set(PDF);
      const tooLarge = await failure(
        record(world.holder, logId, paper, { bytes: big, name: "stor.pdf" }),
      );
      expect(tooLarge.fieldErrors?.attachment).toBe("relayLog.consent.attachmentTooLarge");
    });

    it("refuses a consent that names no unit, or a unit of another municipality", async () => {
      const error = await failure(record(world.holder, logId, oral(guardianId, [])));
      expect(error.fieldErrors?.unitIds).toBe("relayLog.consent.noUnit");
      const other = await makeTenant(database, "Annenvik kommune");
      const foreignUnit = await makeUnit(database, other.id, "Annenvik skole");
      const foreign = await failure(
        record(world.holder, logId, oral(guardianId, [foreignUnit.id])),
      );
      expect(foreign.fieldErrors?.unitIds).toBe("errors.choice");
    });

    it("checks the dates: not given in the future, expiry after it, 12 months unless longer is chosen, at most 24", async () => {
      const units = [world.school.id];
      const dates = async (values: Record<string, unknown>) =>
        (await failure(record(world.holder, logId, { ...oral(guardianId, units), ...values })))
          .fieldErrors;
      expect((await dates({ givenOn: addDays(today, 1) }))?.givenOn).toBe(
        "relayLog.consent.givenInFuture",
      );
      expect((await dates({ expiresOn: addDays(today, -10) }))?.expiresOn).toBe(
        "relayLog.consent.expiryBeforeGiven",
      );
      expect((await dates({ expiresOn: today }))?.expiresOn).toBe(
        "relayLog.consent.expiryBeforeGiven",
      );
      expect((await dates({ expiresOn: addMonths(today, 13) }))?.expiresOn).toBe(
        "relayLog.consent.expiryOver12",
      );
      expect(
        (await dates({ expiresOn: addMonths(today, 25), longValidity: "on" }))?.expiresOn,
      ).toBe("relayLog.consent.expiryOver24");
      expect((await dates({ givenOn: "2026-02-30" }))?.givenOn).toBe("relayLog.consent.dateFormat");
    });

    it("records a paper consent with its form, adds its units to the log and audits ids only", async () => {
      const before = await database.system((tx) =>
        tx.select().from(relayLogs).where(eq(relayLogs.id, logId)),
      );
      const { id } = await record(
        world.holder,
        logId,
        {
          givers: [`guardian:${guardianId}`],
          method: "paper",
          unitIds: [world.school.id, world.healthStation.id],
          givenOn: addDays(today, -3),
          expiresOn: "",
        },
        { bytes: PNG, name: "skannet skjema (1).PNG" },
      );
      const [row] = await database.system((tx) =>
        tx.select().from(relayLogConsents).where(eq(relayLogConsents.id, id)),
      );
      expect(row).toMatchObject({
        method: "paper",
        witness: null,
        attachmentType: "image/png",
        attachmentName: "skannet skjema 1.png",
        givenOn: addDays(today, -3),
        expiresOn: addMonths(addDays(today, -3), 12),
        recordedBy: world.holder.userId,
      });
      expect(Buffer.from(row!.attachment!).equals(Buffer.from(PNG))).toBe(true);
      const [after] = await database.system((tx) =>
        tx.select().from(relayLogs).where(eq(relayLogs.id, logId)),
      );
      expect(after?.unitIds).toEqual(
        expect.arrayContaining([world.school.id, world.healthStation.id]),
      );
      expect(after!.lockVersion).toBe(before[0]!.lockVersion + 1);

      const [event] = await logEvents(logId, "relaylog.consent_recorded");
      expect(event?.details).toMatchObject({
        consentId: id,
        method: "paper",
        unitIds: [world.school.id, world.healthStation.id],
        addedUnitIds: [world.healthStation.id],
        guardianIds: [guardianId],
        youth: false,
      });

      // A consent for 18 months is fine when the holder says the family agreed to it.
      await record(world.holder, logId, {
        ...oral(guardianId, [world.school.id]),
        expiresOn: addMonths(today, 18),
        longValidity: "on",
      });
    });

    it("lets only the holder record, and only the holder download the form (audited)", async () => {
      const participantLog = await insertTestLog(database, {
        tenantId: world.tenant.id,
        holder: world.holder,
        holderUnitId: world.school.id,
        participants: [{ user: world.participant, unitId: world.healthStation.id }],
      });
      const [guardian] = await database.system((tx) =>
        tx.select().from(relayLogGuardians).where(eq(relayLogGuardians.logId, participantLog.id)),
      );
      const byParticipant = await failure(
        record(world.participant, participantLog.id, oral(guardian!.id, [world.school.id])),
      );
      expect(byParticipant).toMatchObject({ code: "forbidden", messageKey: "relayLog.holderOnly" });
      const byOutsider = await failure(
        record(world.outsider, participantLog.id, oral(guardian!.id, [world.school.id])),
      );
      expect(byOutsider.code).toBe("not_found");

      const { id } = await record(
        world.holder,
        participantLog.id,
        { ...oral(guardian!.id, [world.school.id]), method: "paper", witness: "" },
        { bytes: PDF, name: "samtykke.pdf" },
      );
      const file = await getConsentAttachment({
        database,
        actor: world.holder,
        meta,
        logId: participantLog.id,
        consentId: id,
      });
      expect(file.type).toBe("application/pdf");
      expect(file.name).toBe("samtykke.pdf");
      expect(file.bytes.equals(Buffer.from(PDF))).toBe(true);
      expect(await logEvents(participantLog.id, "relaylog.consent_attachment_viewed")).toHaveLength(
        1,
      );
      const denied = await failure(
        getConsentAttachment({
          database,
          actor: world.participant,
          meta,
          logId: participantLog.id,
          consentId: id,
        }),
      );
      expect(denied.code).toBe("forbidden");
      // The page shows the participant that a form exists, never the form.
      const page = await getConsentPage({
        database,
        actor: world.participant,
        meta,
        logId: participantLog.id,
      });
      expect(page.records.find((r) => r.id === id)?.hasAttachment).toBe(true);
      expect(page.unitOptions).toEqual([]);
    });
  });

  describe("expiry and withdrawal freeze the log for participants", () => {
    const gate = (actor: Staff, logId: string, on?: string) =>
      database.tenant(world.tenant.id, (tx) =>
        requireLog(tx, { actor, meta, logId, need: "read", ...(on ? { today: on } : {}) }),
      );

    it("freezes a participant the day after the consent expires; the holder keeps access", async () => {
      const { log, guardian } = await logWithoutConsent({ participants: true, age: 10 });
      const expiresOn = addDays(today, 30);
      await record(world.holder, log.id, {
        ...oral(guardian.id, [world.school.id, world.healthStation.id]),
        expiresOn,
      });
      await expect(gate(world.participant, log.id)).resolves.toMatchObject({
        consentState: "valid",
      });
      await expect(gate(world.participant, log.id, expiresOn)).resolves.toBeTruthy();
      const frozen = await failure(gate(world.participant, log.id, addDays(expiresOn, 1)));
      expect(frozen).toMatchObject({ code: "forbidden", messageKey: "relayLog.frozen" });
      const holder = await gate(world.holder, log.id, addDays(expiresOn, 1));
      expect(holder.consentState).toBe("expired");

      const page = await getConsentPage({
        database,
        actor: world.holder,
        meta,
        logId: log.id,
        today: addDays(expiresOn, 1),
      });
      expect(page.records[0]?.status).toBe("expired");
      expect(page.uncoveredUnits.map((u) => u.name)).toContain(world.healthStation.name);
    });

    it("freezes participants when the holder withdraws the consent (with confirmation)", async () => {
      const log = await insertTestLog(database, {
        tenantId: world.tenant.id,
        holder: world.holder,
        holderUnitId: world.school.id,
        participants: [{ user: world.participant, unitId: world.healthStation.id }],
      });
      const [consent] = await database.system((tx) =>
        tx.select().from(relayLogConsents).where(eq(relayLogConsents.logId, log.id)),
      );
      await expect(gate(world.participant, log.id)).resolves.toBeTruthy();

      const withdraw = (actor: Staff, values: Record<string, unknown>) =>
        withdrawConsent({ database, actor, meta, logId: log.id, consentId: consent!.id, values });
      const byParticipant = await failure(withdraw(world.participant, { confirm: "on" }));
      expect(byParticipant.messageKey).toBe("relayLog.holderOnly");
      const unconfirmed = await failure(withdraw(world.holder, { note: "Mor ringte" }));
      expect(unconfirmed.fieldErrors?.confirm).toBe("relayLog.consent.confirmWithdraw");
      await withdraw(world.holder, { note: "Mor ringte og trakk samtykket", confirm: "on" });
      const again = await failure(withdraw(world.holder, { confirm: "on" }));
      expect(again.messageKey).toBe("relayLog.consent.alreadyWithdrawn");

      const frozen = await failure(gate(world.participant, log.id));
      expect(frozen.messageKey).toBe("relayLog.frozen");
      const frozenPage = await failure(
        getConsentPage({ database, actor: world.participant, meta, logId: log.id }),
      );
      expect(frozenPage.messageKey).toBe("relayLog.frozen");

      const page = await getConsentPage({ database, actor: world.holder, meta, logId: log.id });
      expect(page.consentState).toBe("withdrawn");
      expect(page.records[0]).toMatchObject({
        status: "withdrawn",
        withdrawnNote: "Mor ringte og trakk samtykket",
      });
      expect(page.uncoveredUnits).toEqual(
        expect.arrayContaining([
          {
            id: world.healthStation.id,
            name: world.healthStation.name,
            frozenParticipants: [world.participant.name],
          },
        ]),
      );
      const [event] = await logEvents(log.id, "relaylog.consent_withdrawn");
      expect(event?.details).toEqual({
        consentId: consent!.id,
        unitIds: consent!.unitIds,
        note: true,
      });
    });
  });

  describe("participants", () => {
    it("adds employees only from units a valid consent covers", async () => {
      const { log, guardian } = await logWithoutConsent({ age: 6 });
      const add = (actor: Staff, userId: string, unitId: string) =>
        addParticipant({ database, actor, meta, logId: log.id, values: { userId, unitId } });

      const unconsented = await failure(
        add(world.holder, world.participant.userId, world.healthStation.id),
      );
      expect(unconsented.messageKey).toBe("relayLog.consent.unitNotConsented");
      expect(unconsented.fieldErrors?.unitId).toBe("relayLog.consent.unitNotConsented");

      await record(world.holder, log.id, oral(guardian.id, [world.healthStation.id]));
      const before = await listParticipants({ database, actor: world.holder, meta, logId: log.id });
      expect(before.addableUnits.map((u) => u.id)).toEqual([world.healthStation.id]);
      expect(before.candidates.map((c) => c.userId)).toContain(world.participant.userId);
      expect(before.candidates.map((c) => c.userId)).not.toContain(world.outsider.userId);

      const wrongUnit = await failure(
        add(world.holder, world.outsider.userId, world.healthStation.id),
      );
      expect(wrongUnit.fieldErrors?.unitId).toBe("relayLog.consent.participants.notInUnit");
      const leader = await makeStaff(database, world.tenant.id, {
        roles: ["sector_leader"],
        unitIds: [world.healthStation.id],
      });
      const noRight = await failure(add(world.holder, leader.userId, world.healthStation.id));
      expect(noRight.fieldErrors?.userId).toBe("relayLog.consent.participants.notEligible");
      const byParticipant = await failure(
        add(world.participant, world.participant.userId, world.healthStation.id),
      );
      expect(byParticipant.code).toBe("not_found");

      const { id } = await add(world.holder, world.participant.userId, world.healthStation.id);
      const duplicate = await failure(
        add(world.holder, world.participant.userId, world.healthStation.id),
      );
      expect(duplicate.messageKey).toBe("relayLog.consent.participants.alreadyParticipant");
      await expect(
        database.tenant(world.tenant.id, (tx) =>
          requireLog(tx, { actor: world.participant, meta, logId: log.id, need: "write" }),
        ),
      ).resolves.toBeTruthy();
      const [event] = await logEvents(log.id, "relaylog.participant_added");
      expect(event?.details).toEqual({
        participantId: id,
        userId: world.participant.userId,
        unitId: world.healthStation.id,
      });

      const search = await listParticipants({
        database,
        actor: world.holder,
        meta,
        logId: log.id,
        query: "del",
      });
      expect(search.participants.map((p) => p.name)).toContain(world.participant.name);
      expect(search.candidates.map((c) => c.userId)).not.toContain(world.participant.userId);
    });

    it("needs no consent in an anonymous case discussion", async () => {
      const log = await insertTestLog(database, {
        tenantId: world.tenant.id,
        holder: world.holder,
        holderUnitId: world.school.id,
        kind: "anonymous",
      });
      await addParticipant({
        database,
        actor: world.holder,
        meta,
        logId: log.id,
        values: { userId: world.participant.userId, unitId: world.healthStation.id },
      });
      const [after] = await database.system((tx) =>
        tx.select().from(relayLogs).where(eq(relayLogs.id, log.id)),
      );
      expect(after?.unitIds).toContain(world.healthStation.id);
      const consentTry = await failure(
        record(world.holder, log.id, oral(world.school.id, [world.school.id])),
      );
      expect(consentTry.messageKey).toBe("relayLog.consent.notForAnonymous");
    });

    it("lets a participant leave and the holder remove others, never themselves", async () => {
      const other = await makeStaff(database, world.tenant.id, {
        name: "Andre Deltaker",
        unitIds: [world.healthStation.id],
      });
      const log = await insertTestLog(database, {
        tenantId: world.tenant.id,
        holder: world.holder,
        holderUnitId: world.school.id,
        participants: [
          { user: world.participant, unitId: world.healthStation.id },
          { user: other, unitId: world.healthStation.id },
        ],
      });
      const page = await listParticipants({ database, actor: world.holder, meta, logId: log.id });
      const holderRow = page.participants.find((p) => p.isHolder)!;
      const otherRow = page.participants.find((p) => p.userId === other.userId)!;

      const self = await failure(
        removeParticipant({
          database,
          actor: world.holder,
          meta,
          logId: log.id,
          participantId: holderRow.id,
          values: { confirm: "on" },
        }),
      );
      expect(self.messageKey).toBe("relayLog.consent.participants.holderCannotLeave");
      const holderLeave = await failure(
        leaveLog({ database, actor: world.holder, meta, logId: log.id, values: { confirm: "on" } }),
      );
      expect(holderLeave.messageKey).toBe("relayLog.consent.participants.holderCannotLeave");
      const unconfirmed = await failure(
        removeParticipant({
          database,
          actor: world.holder,
          meta,
          logId: log.id,
          participantId: otherRow.id,
          values: {},
        }),
      );
      expect(unconfirmed.fieldErrors?.confirm).toBe(
        "relayLog.consent.participants.confirmRequired",
      );
      await removeParticipant({
        database,
        actor: world.holder,
        meta,
        logId: log.id,
        participantId: otherRow.id,
        values: { confirm: "on" },
      });
      await leaveLog({
        database,
        actor: world.participant,
        meta,
        logId: log.id,
        values: { confirm: "on" },
      });

      const rows = await database.system((tx) =>
        tx.select().from(relayLogParticipants).where(eq(relayLogParticipants.logId, log.id)),
      );
      expect(rows.filter((r) => r.leftAt === null).map((r) => r.userId)).toEqual([
        world.holder.userId,
      ]);
      const gone = await failure(
        database.tenant(world.tenant.id, (tx) =>
          requireLog(tx, { actor: world.participant, meta, logId: log.id, need: "read" }),
        ),
      );
      expect(gone.code).toBe("not_found");
      const left = await logEvents(log.id, "relaylog.participant_left");
      expect(left.map((e) => e.details.by).sort()).toEqual(["holder", "self"]);
      const after = await listParticipants({ database, actor: world.holder, meta, logId: log.id });
      expect(after.former.map((p) => p.name).sort()).toEqual(
        [other.name, world.participant.name].sort(),
      );
    });
  });

  describe("the access trail", () => {
    it("shows the holder who read the log, and nobody else", async () => {
      const log = await insertTestLog(database, {
        tenantId: world.tenant.id,
        holder: world.holder,
        holderUnitId: world.school.id,
        participants: [{ user: world.participant, unitId: world.healthStation.id }],
      });
      await getConsentPage({ database, actor: world.participant, meta, logId: log.id });
      await listParticipants({ database, actor: world.participant, meta, logId: log.id });

      const trail = await getAccessTrail({ database, actor: world.holder, meta, logId: log.id });
      const reads = trail.entries.filter((e) => e.eventType === "relaylog.viewed");
      expect(reads.map((e) => [e.actorName, e.relation, e.view])).toEqual([
        [world.participant.name, "participant", "participants"],
        [world.participant.name, "participant", "consent"],
      ]);
      expect(reads[0]?.roles).toEqual(["employee"]);
      expect(trail.entries[0]).toMatchObject({
        eventType: "relaylog.access_trail_viewed",
        relation: "holder",
      });

      const byParticipant = await failure(
        getAccessTrail({ database, actor: world.participant, meta, logId: log.id }),
      );
      expect(byParticipant.messageKey).toBe("relayLog.holderOnly");
      const byCoordinator = await failure(
        getAccessTrail({ database, actor: world.coordinator, meta, logId: log.id }),
      );
      expect(byCoordinator.code).toBe("not_found");
      const otherTenant = await makeTenant(database, "Fremmedvik kommune");
      const stranger = await makeStaff(database, otherTenant.id);
      const crossTenant = await failure(
        getAccessTrail({ database, actor: stranger, meta, logId: log.id }),
      );
      expect(crossTenant.code).toBe("not_found");
    });

    it("pages by 50, newest first", async () => {
      const log = await insertTestLog(database, {
        tenantId: world.tenant.id,
        holder: world.holder,
        holderUnitId: world.school.id,
        participants: [{ user: world.participant, unitId: world.healthStation.id }],
      });
      for (let i = 0; i < TRAIL_PAGE_SIZE + 5; i += 1) {
        await getConsentPage({ database, actor: world.participant, meta, logId: log.id });
      }
      const first = await getAccessTrail({ database, actor: world.holder, meta, logId: log.id });
      expect(first.entries).toHaveLength(TRAIL_PAGE_SIZE);
      expect(first.pageCount).toBe(2);
      const second = await getAccessTrail({
        database,
        actor: world.holder,
        meta,
        logId: log.id,
        page: 2,
      });
      // 55 reads + 2 trail views by the time page 2 is read.
      expect(second.total).toBe(TRAIL_PAGE_SIZE + 7);
      expect(second.entries).toHaveLength(7);
      expect(second.entries.at(-1)?.relation).toBe("participant");
      expect(await logEvents(log.id, "relaylog.access_trail_viewed")).toHaveLength(2);
    });
  });

  it("keeps names and typed text out of every audit event's details", async () => {
    const rows = await database.system((tx) =>
      tx.select().from(auditEvents).where(eq(auditEvents.tenantId, world.tenant.id)),
    );
    const relayEvents = rows.filter((row) => row.eventType.startsWith("relaylog."));
    expect(relayEvents.length).toBeGreaterThan(20);
    const details = JSON.stringify(relayEvents.map((row) => row.details));
    for (const text of [
      "Testbarn",
      "Fiktivsen",
      "Andre Foresatt",
      "Steforelder",
      "Vitne Fiktiv",
      "Mor ringte",
      "skannet skjema",
      "99 88 77 66",
      "ste@testvik",
      world.participant.name,
      world.holder.name,
    ]) {
      expect(details).not.toContain(text);
    }
  });
});
