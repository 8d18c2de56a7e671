import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../core/access/actor.ts";
import { AppError } from "../../core/errors.ts";
import { decryptText } from "../../core/platform/crypto.ts";
import { addDays, osloDate } from "../../core/platform/dates.ts";
import { isValidNationalId, syntheticNationalId } from "../../core/platform/national-id.ts";
import {
  attentionThisWeek,
  changeLevel,
  decideJoinRequest,
  getLogOverview,
  isLogExistsError,
  listMyLogs,
  LogExistsError,
  logSecretsFrom,
  openLog,
  openValuesFromForm,
  requestToJoin,
} from "../../core/relay-log/logs.ts";
import {
  auditEvents,
  relayLogAreas,
  relayLogConsents,
  relayLogEntries,
  relayLogEntryVersions,
  relayLogEvaluations,
  relayLogGoals,
  relayLogGuardians,
  relayLogHandovers,
  relayLogJoinRequests,
  relayLogLevelChanges,
  relayLogMeasures,
  relayLogParticipants,
  relayLogs,
  tenants,
} from "../../db/schema/index.ts";
import { databaseKinds, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { browserHeaders, testApp } from "../support/app.ts";
import { makeStaff, makeTenant, makeUnit } from "../support/fixtures.ts";
import { insertTestLog, relayLogWorld } from "../support/relay-log-fixtures.ts";

type Staff = Extract<Actor, { kind: "staff" }>;
type World = Awaited<ReturnType<typeof relayLogWorld>>;

const meta = { ip: "192.0.2.44", userAgent: "vitest", requestId: "req-relay-open" };
const secrets = logSecretsFrom(randomBytes(32));

async function failure(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the use case to fail");
}

const weights1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const weights2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
function control(digits: number[], weights: number[]): number | null {
  const rest = 11 - (weights.reduce((sum, weight, i) => sum + weight * digits[i]!, 0) % 11);
  return rest === 11 ? 0 : rest === 10 ? null : rest;
}
/** A number with valid control digits from the first nine digits (first individual number that works). */
function withControlDigits(dateDigits: string, individual = 100): string {
  for (let n = individual; n < individual + 200; n += 1) {
    const base = `${dateDigits}${String(n % 1000).padStart(3, "0")}`;
    const digits = [...base].map(Number);
    const k1 = control(digits, weights1);
    if (k1 === null) continue;
    const k2 = control([...digits, k1], weights2);
    if (k2 === null) continue;
    return `${base}${k1}${k2}`;
  }
  throw new Error("no number");
}

let nameCounter = 0;
function childName(): string {
  nameCounter += 1;
  return `Fiktiv Barnesen ${nameCounter}`;
}

function birthId(birthDate: string, individual: number): string {
  return syntheticNationalId(new Date(`${birthDate}T00:00:00Z`), individual);
}

const blankGuardian = { name: "", phone: "", email: "", parentalResponsibility: "" };
const blankArea = { title: "", description: "" };

describe.each(databaseKinds)("opening relay logs on %s", (kind) => {
  let database: TestDatabase;
  let world: World;
  let otherTenantStaff: Staff;
  let unitless: Staff;
  let twoUnits: Staff;

  beforeAll(async () => {
    database = await freshDatabase(kind);
    world = await relayLogWorld(database);
    const other = await makeTenant(database, "Annenvik kommune");
    const otherUnit = await makeUnit(database, other.id, "Annenvik skole");
    otherTenantStaff = await makeStaff(database, other.id, { unitIds: [otherUnit.id] });
    unitless = await makeStaff(database, world.tenant.id, { unitIds: [] });
    twoUnits = await makeStaff(database, world.tenant.id, {
      unitIds: [world.school.id, world.healthStation.id],
    });
  });
  afterAll(() => database.drop());

  function values(overrides: Record<string, unknown> = {}) {
    return {
      childName: childName(),
      birthDate: "2016-05-04",
      nationalId: "",
      level: "2",
      holderUnitId: "",
      proposedHolderEmail: "",
      origin: "direct",
      unitIds: [world.school.id, world.healthStation.id],
      guardians: [
        {
          name: "Foresatt Fiktivsen",
          phone: "99 99 99 99",
          email: "foresatt@testvik.example",
          parentalResponsibility: "yes",
        },
        blankGuardian,
        blankGuardian,
        blankGuardian,
      ],
      areas: [
        { title: "Trivsel", description: "Virker sliten om morgenen." },
        blankArea,
        blankArea,
        blankArea,
        blankArea,
      ],
      ...overrides,
    };
  }

  const open = (actor: Staff, input: Record<string, unknown>) =>
    openLog({ database, actor, meta, secrets, values: input });

  async function audits(type: string, subjectId?: string) {
    return database.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.eventType, type),
            subjectId ? eq(auditEvents.subjectId, subjectId) : undefined,
          ),
        ),
    );
  }

  async function logCount(): Promise<number> {
    return (await database.system((tx) => tx.select({ id: relayLogs.id }).from(relayLogs))).length;
  }

  async function addConsent(
    logId: string,
    unitIds: string[],
    expiresOn = addDays(osloDate(), 200),
  ) {
    await database.system((tx) =>
      tx.insert(relayLogConsents).values({
        tenantId: world.tenant.id,
        logId,
        givers: [{ kind: "guardian", name: "Foresatt Fiktivsen" }],
        method: "paper",
        unitIds,
        givenOn: addDays(osloDate(), -1),
        expiresOn,
        recordedBy: world.holder.userId,
      }),
    );
  }

  describe("openLog", () => {
    it("opens a log: holder, participant, guardians, areas, first level row, encrypted ID, audit", async () => {
      const nationalId = birthId("2016-05-04", 101);
      const input = values({
        nationalId: `${nationalId.slice(0, 6)} ${nationalId.slice(6)}`,
        unitIds: [world.healthStation.id],
        origin: "worry",
      });
      const { log, handoverId } = await open(world.holder, input);
      expect(handoverId).toBeNull();
      expect(log).toMatchObject({
        kind: "log",
        status: "open",
        level: 2,
        childName: input.childName,
        childBirthDate: "2016-05-04",
        holderUserId: world.holder.userId,
        holderUnitId: world.school.id,
        openedBy: world.holder.userId,
        origin: "worry",
      });
      // The holder's unit is always among the units taking part.
      expect([...log.unitIds].sort()).toEqual([world.school.id, world.healthStation.id].sort());
      expect(log.nationalIdHash).toMatch(/^[0-9a-f]{64}$/);
      expect(log.nationalIdEncrypted).not.toContain(nationalId);
      expect(decryptText(secrets.encryptionKey, log.nationalIdEncrypted!)).toBe(nationalId);

      const rows = await database.system(async (tx) => ({
        participants: await tx
          .select()
          .from(relayLogParticipants)
          .where(eq(relayLogParticipants.logId, log.id)),
        guardians: await tx
          .select()
          .from(relayLogGuardians)
          .where(eq(relayLogGuardians.logId, log.id)),
        areas: await tx.select().from(relayLogAreas).where(eq(relayLogAreas.logId, log.id)),
        levels: await tx
          .select()
          .from(relayLogLevelChanges)
          .where(eq(relayLogLevelChanges.logId, log.id)),
      }));
      expect(rows.participants).toHaveLength(1);
      expect(rows.participants[0]).toMatchObject({
        userId: world.holder.userId,
        unitId: world.school.id,
        leftAt: null,
      });
      expect(rows.guardians).toHaveLength(1);
      expect(rows.guardians[0]).toMatchObject({
        name: "Foresatt Fiktivsen",
        phone: "99 99 99 99",
        parentalResponsibility: true,
      });
      expect(rows.areas.map((area) => area.title)).toEqual(["Trivsel"]);
      expect(rows.levels).toHaveLength(1);
      expect(rows.levels[0]).toMatchObject({ fromLevel: null, toLevel: 2 });

      const [event] = await audits("relaylog.opened", log.id);
      expect(event?.actor).toMatchObject({ kind: "staff", id: world.holder.userId });
      expect(event?.requestId).toBe("req-relay-open");
      expect(event?.details).toMatchObject({ level: 2, origin: "worry", guardians: 1, areas: 1 });
      const details = JSON.stringify(event?.details);
      expect(details).not.toContain(input.childName);
      expect(details).not.toContain(nationalId);
      expect(details).not.toContain("Trivsel");
    });

    it("takes the open form's flat fields, ignores blank rows and keeps row positions for errors", async () => {
      const form = {
        childName: "Skjema Fiktivsen",
        birthDate: "04.05.2016",
        nationalId: "",
        level: "1",
        unitIds: world.school.id,
        "guardians.0.name": "",
        "guardians.2.name": "Mor Fiktivsen",
        "guardians.2.parentalResponsibility": "yes",
        "guardians.3.phone": "12345678",
        "areas.1.title": "Språk",
        "areas.1.description": "",
      };
      const error = await failure(open(world.holder, openValuesFromForm(form)));
      // Row 4 has a phone number but no name: the error names row 4 (index 3), not row 2.
      expect(error.fieldErrors).toEqual({
        "guardians.3.name": "relayLog.open.guardianNameRequired",
        "guardians.3.parentalResponsibility": "relayLog.open.parentalResponsibilityRequired",
      });
      const { log } = await open(
        world.holder,
        openValuesFromForm({ ...form, "guardians.3.phone": "" }),
      );
      expect(log).toMatchObject({
        level: 1,
        childBirthDate: "2016-05-04",
        unitIds: [world.school.id],
      });
    });

    it("accepts D-numbers and synthetic test numbers, refuses a bad control digit beside the field", async () => {
      const dNumber = withControlDigits("440516"); // 4 May 2016 + 40 on the day
      expect(isValidNationalId(dNumber)).toBe(true);
      const synthetic = birthId("2016-05-04", 300); // month + 80
      const nav = withControlDigits("044516"); // month + 40 (NAV/Testnorge)
      for (const nationalId of [dNumber, synthetic, nav]) {
        const { log } = await open(world.holder, values({ nationalId }));
        expect(log.nationalIdHash).not.toBeNull();
      }
      const good = birthId("2016-05-04", 500);
      const bad = `${good.slice(0, 10)}${(Number(good[10]) + 1) % 10}`;
      for (const nationalId of [bad, "1234567890", "abcdefghijk"]) {
        const error = await failure(open(world.holder, values({ nationalId })));
        expect(error.code).toBe("validation");
        expect(error.fieldErrors).toEqual({ nationalId: "relayLog.open.invalidNationalId" });
      }
      const otherBirthday = await failure(
        open(world.holder, values({ nationalId: birthId("2015-01-02", 100) })),
      );
      expect(otherBirthday.fieldErrors).toEqual({
        nationalId: "relayLog.open.nationalIdBirthDateMismatch",
      });
    });

    it("refuses a birth date in the future, in a wrong format or too long ago", async () => {
      const cases: [string, string][] = [
        [addDays(osloDate(), 1), "relayLog.open.birthDateFuture"],
        ["2016-02-30", "relayLog.open.birthDateFormat"],
        ["4. mai", "relayLog.open.birthDateFormat"],
        ["", "errors.required"],
        ["1990-01-01", "relayLog.open.birthDateTooOld"],
      ];
      for (const [birthDate, key] of cases) {
        const error = await failure(open(world.holder, values({ birthDate })));
        expect(error.fieldErrors?.birthDate, birthDate).toBe(key);
      }
    });

    it("needs a guardian with parental responsibility until the consent age", async () => {
      const noGuardian = await failure(
        open(world.holder, values({ guardians: [blankGuardian, blankGuardian] })),
      );
      expect(noGuardian.fieldErrors).toEqual({ guardians: "relayLog.open.guardianRequired" });

      const withoutResponsibility = values({
        guardians: [{ name: "Steforelder", phone: "", email: "", parentalResponsibility: "no" }],
      });
      const young = await failure(open(world.holder, withoutResponsibility));
      expect(young.fieldErrors).toEqual({
        guardians: "relayLog.open.parentalResponsibilityMissing",
      });

      // A 17-year-old is over the municipality's consent age (16 unless set to 15).
      const [tenant] = await database.system((tx) =>
        tx.select().from(tenants).where(eq(tenants.id, world.tenant.id)),
      );
      const age = tenant!.settings.youthConsentAge;
      const youthBirth = addDays(osloDate(), -366 * (age + 1));
      const { log } = await open(world.holder, { ...withoutResponsibility, birthDate: youthBirth });
      expect(log.childBirthDate).toBe(youthBirth);

      const badContact = await failure(
        open(
          world.holder,
          values({
            guardians: [
              {
                name: "Far",
                phone: "ring meg",
                email: "ikke-epost",
                parentalResponsibility: "yes",
              },
            ],
          }),
        ),
      );
      expect(badContact.fieldErrors).toEqual({
        "guardians.0.phone": "errors.phone",
        "guardians.0.email": "errors.email",
      });
    });

    it("needs at least one unit, one concern area and a level; units must be active units of the municipality", async () => {
      const none = await failure(open(world.holder, values({ unitIds: [] })));
      expect(none.fieldErrors).toEqual({ unitIds: "relayLog.open.unitsRequired" });

      const otherTenantUnit = await failure(
        open(world.holder, values({ unitIds: [otherTenantStaff.unitIds[0]!] })),
      );
      expect(otherTenantUnit.fieldErrors).toEqual({ unitIds: "errors.unknownUnit" });

      const noArea = await failure(open(world.holder, values({ areas: [blankArea] })));
      expect(noArea.fieldErrors).toEqual({ areas: "relayLog.open.areaRequired" });
      const untitled = await failure(
        open(world.holder, values({ areas: [blankArea, { title: "", description: "Noe" }] })),
      );
      expect(untitled.fieldErrors).toEqual({ "areas.1.title": "relayLog.open.areaTitleRequired" });

      const level = await failure(open(world.holder, values({ level: "0" })));
      expect(level.fieldErrors).toEqual({ level: "relayLog.open.levelChoice" });

      // An empty form gets every message at once, not one round at a time.
      const empty = await failure(open(world.holder, openValuesFromForm({})));
      expect(empty.fieldErrors).toEqual({
        childName: "errors.required",
        birthDate: "errors.required",
        level: "relayLog.open.levelChoice",
        unitIds: "relayLog.open.unitsRequired",
        guardians: "relayLog.open.guardianRequired",
        areas: "relayLog.open.areaRequired",
      });
      const halfWrong = await failure(
        open(
          world.holder,
          values({
            childName: "",
            nationalId: birthId("2015-01-02", 100),
            guardians: [{ name: "Far", phone: "", email: "", parentalResponsibility: "no" }],
          }),
        ),
      );
      expect(halfWrong.fieldErrors).toEqual({
        childName: "errors.required",
        nationalId: "relayLog.open.nationalIdBirthDateMismatch",
        guardians: "relayLog.open.parentalResponsibilityMissing",
      });
    });

    it("makes the opener holder for one of their units; they choose when they have several", async () => {
      const noUnit = await failure(open(unitless, values()));
      expect(noUnit.fieldErrors).toEqual({ holderUnitId: "relayLog.open.noUnitOfYours" });

      const unchosen = await failure(open(twoUnits, values()));
      expect(unchosen.fieldErrors).toEqual({ holderUnitId: "relayLog.open.holderUnitRequired" });
      const notMine = await failure(
        open(world.holder, values({ holderUnitId: world.healthStation.id })),
      );
      expect(notMine.fieldErrors).toEqual({ holderUnitId: "relayLog.open.holderUnitRequired" });

      const { log } = await open(
        twoUnits,
        values({ holderUnitId: world.healthStation.id, unitIds: [world.school.id] }),
      );
      expect(log.holderUnitId).toBe(world.healthStation.id);
      expect(log.holderUserId).toBe(twoUnits.userId);
    });

    it("proposes another holder: the opener keeps the baton and a pending handover waits", async () => {
      const { log, handoverId } = await open(
        world.holder,
        values({ proposedHolderEmail: world.participant.email.toUpperCase() }),
      );
      expect(log.holderUserId).toBe(world.holder.userId);
      const [handover] = await database.system((tx) =>
        tx.select().from(relayLogHandovers).where(eq(relayLogHandovers.logId, log.id)),
      );
      expect(handover).toMatchObject({
        id: handoverId,
        state: "pending",
        isTransition: false,
        fromUserId: world.holder.userId,
        toUserId: world.participant.userId,
        toUnitId: world.healthStation.id,
      });
      expect(await audits("relaylog.handover_requested", log.id)).toHaveLength(1);

      const attention = await attentionThisWeek({ database, actor: world.participant });
      expect(attention.handovers).toContainEqual({
        id: handoverId,
        logId: log.id,
        fromName: "Stafett Holder",
      });

      const cases: [string, string[] | undefined, string][] = [
        ["ukjent@testvik.example", undefined, "relayLog.open.proposedHolderUnknown"],
        [world.holder.email, undefined, "relayLog.open.proposedHolderSelf"],
        [world.participant.email, [world.school.id], "relayLog.open.proposedHolderNoUnit"],
        [otherTenantStaff.email, undefined, "relayLog.open.proposedHolderUnknown"],
      ];
      for (const [email, unitIds, key] of cases) {
        const input = values({ proposedHolderEmail: email, ...(unitIds ? { unitIds } : {}) });
        const error = await failure(open(world.holder, input));
        expect(error.fieldErrors, email).toEqual({ proposedHolderEmail: key });
      }
    });
  });

  describe("one log per child", () => {
    it("finds a log by national ID number and reveals nothing but that it exists", async () => {
      const nationalId = birthId("2014-03-02", 120);
      const first = await open(
        world.holder,
        values({ birthDate: "2014-03-02", nationalId, level: "3" }),
      );
      const before = await logCount();
      const error = await failure(
        open(
          world.outsider,
          values({ childName: "Et Helt Annet Navn", birthDate: "2014-03-02", nationalId }),
        ),
      );
      expect(isLogExistsError(error)).toBe(true);
      expect(error).toBeInstanceOf(LogExistsError);
      const exists = error as LogExistsError;
      expect(exists.code).toBe("conflict");
      expect(exists.messageKey).toBe("relayLog.open.exists");
      expect(exists.existingLogId).toBe(first.log.id);
      expect(exists.alreadyParticipant).toBe(false);
      expect(exists.fieldErrors).toBeUndefined();
      // Nothing of the existing log travels with the error: no holder, level, name or unit.
      expect(Object.keys(exists).sort()).toEqual(
        ["alreadyParticipant", "code", "existingLogId", "fieldErrors", "messageKey", "name"].sort(),
      );
      const carried = JSON.stringify({ ...exists, message: exists.message });
      for (const secret of [
        first.log.childName!,
        "Stafett Holder",
        world.holder.userId,
        world.school.id,
        "Testvik skole",
        "level",
        nationalId,
      ]) {
        expect(carried).not.toContain(secret);
      }
      expect(await logCount()).toBe(before);

      const [found] = await audits("relaylog.duplicate_found", first.log.id);
      expect(found?.actor).toMatchObject({ id: world.outsider.userId });
      expect(found?.details).toEqual({ matchedBy: "national_id", alreadyParticipant: false });
    });

    it("finds a log by name and birth date (any letter case) when an ID number is missing", async () => {
      const name = childName();
      const first = await open(world.holder, values({ childName: name, birthDate: "2013-07-08" }));
      const error = await failure(
        open(
          world.participant,
          values({
            childName: `  ${name.toUpperCase()} `,
            birthDate: "08.07.2013",
            nationalId: birthId("2013-07-08", 140),
          }),
        ),
      );
      expect((error as LogExistsError).existingLogId).toBe(first.log.id);
      const [found] = await audits("relaylog.duplicate_found", first.log.id);
      expect(found?.details).toMatchObject({ matchedBy: "name_birth_date" });

      // Same name and birth date but two different ID numbers: two children.
      const withId = await open(
        world.holder,
        values({
          childName: "Tvilling Fiktivsen",
          birthDate: "2013-07-08",
          nationalId: birthId("2013-07-08", 160),
        }),
      );
      const twin = await open(
        world.holder,
        values({
          childName: "Tvilling Fiktivsen",
          birthDate: "2013-07-08",
          nationalId: birthId("2013-07-08", 180),
        }),
      );
      expect(twin.log.id).not.toBe(withId.log.id);
    });

    it("points a participant to their own log, and ignores closed logs", async () => {
      const nationalId = birthId("2012-01-10", 200);
      const first = await open(world.holder, values({ birthDate: "2012-01-10", nationalId }));
      const mine = await failure(
        open(world.holder, values({ birthDate: "2012-01-10", nationalId })),
      );
      expect(mine).toMatchObject({
        messageKey: "relayLog.open.existsYours",
        existingLogId: first.log.id,
        alreadyParticipant: true,
      });
      await database.system((tx) =>
        tx.update(relayLogs).set({ status: "closed" }).where(eq(relayLogs.id, first.log.id)),
      );
      const again = await open(world.holder, values({ birthDate: "2012-01-10", nationalId }));
      expect(again.log.id).not.toBe(first.log.id);
    });
  });

  describe("join requests", () => {
    it("asks to join, lets the holder decide, and needs consent for the unit before accepting", async () => {
      const nationalId = birthId("2011-11-11", 220);
      const { log } = await open(
        world.holder,
        values({ birthDate: "2011-11-11", nationalId, unitIds: [world.school.id] }),
      );
      const exists = (await failure(
        open(world.participant, values({ birthDate: "2011-11-11", nationalId })),
      )) as LogExistsError;

      const notMine = await failure(
        requestToJoin({
          database,
          actor: world.participant,
          meta,
          logId: exists.existingLogId,
          values: { unitId: world.school.id },
        }),
      );
      expect(notMine.fieldErrors).toEqual({ unitId: "relayLog.open.joinUnitNotYours" });

      const { requestId } = await requestToJoin({
        database,
        actor: world.participant,
        meta,
        logId: exists.existingLogId,
        values: { unitId: world.healthStation.id, message: "Helsesykepleier på skolen" },
      });
      const again = await failure(
        requestToJoin({
          database,
          actor: world.participant,
          meta,
          logId: log.id,
          values: { unitId: world.healthStation.id },
        }),
      );
      expect(again.messageKey).toBe("relayLog.open.joinAlreadyRequested");
      const [requested] = await audits("relaylog.join_requested", log.id);
      expect(requested?.details).toEqual({ requestId, unitId: world.healthStation.id });

      const holderOnly = await failure(
        requestToJoin({
          database,
          actor: world.holder,
          meta,
          logId: log.id,
          values: { unitId: world.school.id },
        }),
      );
      expect(holderOnly.messageKey).toBe("relayLog.open.alreadyParticipant");

      // The holder sees the request on the start page and in the overview.
      const attention = await attentionThisWeek({ database, actor: world.holder });
      expect(attention.joinRequests).toContainEqual({
        id: requestId,
        logId: log.id,
        requesterName: "Del Taker",
      });
      const overview = await getLogOverview({ database, actor: world.holder, meta, logId: log.id });
      expect(overview.joinRequests).toEqual([
        expect.objectContaining({
          id: requestId,
          requesterName: "Del Taker",
          unitId: world.healthStation.id,
          consentCovers: false,
        }),
      ]);

      const decide = (actor: Staff, decision: string) =>
        decideJoinRequest({
          database,
          actor,
          meta,
          logId: log.id,
          requestId,
          values: { decision },
        });

      // Only the holder decides; the requester gets nothing of the log.
      expect((await failure(decide(world.participant, "accept"))).code).toBe("not_found");
      expect((await failure(decide(world.outsider, "accept"))).code).toBe("not_found");

      const needsConsent = await failure(decide(world.holder, "accept"));
      expect(needsConsent.messageKey).toBe("relayLog.open.joinNeedsConsent");
      await addConsent(log.id, [world.school.id, world.healthStation.id]);
      expect(await decide(world.holder, "accept")).toEqual({ decision: "accept" });

      const rows = await database.system(async (tx) => ({
        request: (
          await tx.select().from(relayLogJoinRequests).where(eq(relayLogJoinRequests.id, requestId))
        )[0],
        participant: (
          await tx
            .select()
            .from(relayLogParticipants)
            .where(
              and(
                eq(relayLogParticipants.logId, log.id),
                eq(relayLogParticipants.userId, world.participant.userId),
              ),
            )
        )[0],
        log: (await tx.select().from(relayLogs).where(eq(relayLogs.id, log.id)))[0],
      }));
      expect(rows.request).toMatchObject({ state: "accepted", decidedBy: world.holder.userId });
      expect(rows.participant).toMatchObject({ unitId: world.healthStation.id, leftAt: null });
      // The unit was not among those taking part: accepting adds it.
      expect(rows.log!.unitIds).toContain(world.healthStation.id);
      expect(rows.log!.lockVersion).toBe(log.lockVersion + 1);
      expect((await failure(decide(world.holder, "decline"))).messageKey).toBe(
        "relayLog.open.joinNotPending",
      );
      const [decided] = await audits("relaylog.join_decided", log.id);
      expect(decided?.details).toMatchObject({ requestId, decision: "accept" });
      expect(await audits("relaylog.participant_added", log.id)).toHaveLength(1);

      // Now the participant reads the log.
      const seen = await getLogOverview({
        database,
        actor: world.participant,
        meta,
        logId: log.id,
      });
      expect(seen.header.title).toBe(log.childName);
      expect(seen.joinRequests).toEqual([]);
    });

    it("declines without adding anyone, and refuses unknown or closed logs", async () => {
      const { log } = await open(world.holder, values());
      const { requestId } = await requestToJoin({
        database,
        actor: world.outsider,
        meta,
        logId: log.id,
        values: { unitId: world.school.id },
      });
      await decideJoinRequest({
        database,
        actor: world.holder,
        meta,
        logId: log.id,
        requestId,
        values: { decision: "decline" },
      });
      const participants = await database.system((tx) =>
        tx
          .select()
          .from(relayLogParticipants)
          .where(
            and(
              eq(relayLogParticipants.logId, log.id),
              eq(relayLogParticipants.userId, world.outsider.userId),
            ),
          ),
      );
      expect(participants).toEqual([]);
      expect(
        (await failure(getLogOverview({ database, actor: world.outsider, meta, logId: log.id })))
          .code,
      ).toBe("not_found");

      for (const logId of ["00000000-0000-4000-8000-000000000000", "ikke-en-id"]) {
        const unknown = await failure(
          requestToJoin({
            database,
            actor: world.outsider,
            meta,
            logId,
            values: { unitId: world.school.id },
          }),
        );
        expect(unknown.code).toBe("not_found");
      }
      const otherTenant = await failure(
        requestToJoin({
          database,
          actor: otherTenantStaff,
          meta,
          logId: log.id,
          values: { unitId: otherTenantStaff.unitIds[0]! },
        }),
      );
      expect(otherTenant.code).toBe("not_found");
    });
  });

  describe("my logs", () => {
    let listWorld: World;
    let listOther: Staff;

    beforeAll(async () => {
      // A municipality of its own, so the counts are exact.
      listWorld = await relayLogWorld(database);
      const other = await makeTenant(database, "Listevik kommune");
      const unit = await makeUnit(database, other.id, "Listevik skole");
      listOther = await makeStaff(database, other.id, { unitIds: [unit.id] });
    });

    const list = (actor: Staff, filters: Record<string, unknown> = {}) =>
      listMyLogs({ database, actor, meta, filters });

    it("lists the logs the employee holds or takes part in, never others', with frozen logs as names only", async () => {
      const { tenant, holder, participant, school, healthStation } = listWorld;
      const base = { tenantId: tenant.id, holder, holderUnitId: school.id };
      const withMe = [{ user: participant, unitId: healthStation.id }];
      const a = await insertTestLog(database, {
        ...base,
        childName: "Anna Fiktiv",
        level: 1,
        participants: withMe,
      });
      const b = await insertTestLog(database, {
        ...base,
        childName: "Bjørn Fiktiv",
        level: 3,
        participants: withMe,
        consent: "expired",
      });
      const c = await insertTestLog(database, { ...base, childName: "Cecilie Fiktiv", level: 2 });
      const closed = await insertTestLog(database, {
        ...base,
        childName: "Dina Fiktiv",
        status: "closed",
        participants: withMe,
      });
      const anonymous = await insertTestLog(database, {
        ...base,
        kind: "anonymous",
        participants: withMe,
        consent: "none",
      });

      const holderList = await list(holder);
      expect(holderList.logs.map((log) => log.id)).toEqual([a.id, b.id, c.id, anonymous.id]);
      expect(holderList.total).toBe(4);
      expect(holderList.logs.every((log) => log.role === "holder" && !log.frozen)).toBe(true);
      expect(holderList.logs[0]).toMatchObject({ name: "Anna Fiktiv", level: 1, status: "open" });
      expect(holderList.logs[3]).toMatchObject({ kind: "anonymous", name: "Gutt 9 år" });

      const participantList = await list(participant);
      expect(participantList.logs.map((log) => [log.name, log.frozen])).toEqual([
        ["Anna Fiktiv", false],
        ["Bjørn Fiktiv", true],
        ["Gutt 9 år", false],
      ]);
      const frozen = participantList.logs[1]!;
      expect(frozen).toEqual({
        id: b.id,
        kind: "log",
        name: "Bjørn Fiktiv",
        role: "participant",
        frozen: true,
        status: "open",
        level: null,
        holderUnitName: null,
        nextEvaluationOn: null,
        evaluationDue: false,
        measuresOverdue: false,
        consentExpiring: false,
      });
      expect(participantList.logs[0]).toMatchObject({
        role: "participant",
        level: 1,
        holderUnitName: "Testvik skole",
      });

      const closedList = await list(participant, { status: "closed" });
      expect(closedList.logs.map((log) => log.id)).toEqual([closed.id]);

      // Outsiders, the coordinator (by role), and other municipalities see nothing.
      for (const actor of [listWorld.outsider, listWorld.coordinator, listOther]) {
        expect(await list(actor)).toMatchObject({ logs: [], total: 0 });
        expect(await list(actor, { status: "closed" })).toMatchObject({ logs: [], total: 0 });
      }
      // A participant who left sees the log no more.
      await database.system((tx) =>
        tx
          .update(relayLogParticipants)
          .set({ leftAt: new Date() })
          .where(
            and(
              eq(relayLogParticipants.logId, a.id),
              eq(relayLogParticipants.userId, participant.userId),
            ),
          ),
      );
      expect((await list(participant)).logs.map((log) => log.name)).toEqual([
        "Bjørn Fiktiv",
        "Gutt 9 år",
      ]);

      const [event] = (await audits("relaylog.list_viewed")).filter(
        (row) => (row.actor as { id: string }).id === participant.userId,
      );
      expect(event?.details).toMatchObject({ filters: { status: "open" }, page: 1 });
      expect(JSON.stringify(event?.details)).not.toContain("Fiktiv");
    });

    it("filters by level, unit, role, due evaluations, overdue measures and expiring consent", async () => {
      const world2 = await relayLogWorld(database);
      const { tenant, holder, participant, school, healthStation } = world2;
      const base = { tenantId: tenant.id, holder, holderUnitId: school.id };
      const withMe = [{ user: participant, unitId: healthStation.id }];
      const today = osloDate();
      const level1 = await insertTestLog(database, { ...base, childName: "Filter En", level: 1 });
      const evaluation = await insertTestLog(database, {
        ...base,
        childName: "Filter To",
        level: 2,
        participants: withMe,
      });
      const measure = await insertTestLog(database, {
        ...base,
        childName: "Filter Tre",
        level: 3,
        participants: withMe,
      });
      const frozenWithEvaluation = await insertTestLog(database, {
        ...base,
        childName: "Filter Fire",
        level: 2,
        participants: withMe,
        consent: "withdrawn",
      });
      await database.system(async (tx) => {
        for (const [logId, scheduledOn, heldOn] of [
          [evaluation.id, addDays(today, 10), null],
          [level1.id, addDays(today, 40), null],
          [measure.id, addDays(today, -3), addDays(today, -3)],
          [frozenWithEvaluation.id, addDays(today, 2), null],
        ] as [string, string, string | null][]) {
          await tx
            .insert(relayLogEvaluations)
            .values({ tenantId: tenant.id, logId, scheduledOn, heldOn });
        }
        const [area] = await tx
          .insert(relayLogAreas)
          .values({ tenantId: tenant.id, logId: measure.id, title: "Område" })
          .returning();
        const [goal] = await tx
          .insert(relayLogGoals)
          .values({ tenantId: tenant.id, logId: measure.id, areaId: area!.id, text: "Mål" })
          .returning();
        for (const [dueOn, status] of [
          [addDays(today, -1), "ongoing"],
          [addDays(today, -5), "done"],
        ]) {
          await tx.insert(relayLogMeasures).values({
            tenantId: tenant.id,
            logId: measure.id,
            goalId: goal!.id,
            what: "Tiltak",
            responsibleKind: "family",
            responsibleText: "familien",
            place: "home",
            startsOn: addDays(today, -30),
            dueOn: dueOn!,
            status: status!,
          });
        }
        await tx
          .update(relayLogConsents)
          .set({ expiresOn: addDays(today, 20) })
          .where(eq(relayLogConsents.logId, level1.id));
      });

      const ids = async (actor: Staff, filters: Record<string, unknown>) =>
        (await list(actor, filters)).logs.map((log) => log.id);

      expect(await ids(holder, { level: 1 })).toEqual([level1.id]);
      expect(await ids(holder, { level: "2" })).toEqual([frozenWithEvaluation.id, evaluation.id]);
      expect(await ids(holder, { role: "participant" })).toEqual([]);
      expect(await ids(participant, { role: "participant" })).toEqual([
        frozenWithEvaluation.id,
        evaluation.id,
        measure.id,
      ]);
      expect(await ids(holder, { unitId: healthStation.id })).toEqual([
        frozenWithEvaluation.id,
        evaluation.id,
        measure.id,
      ]);
      expect(await ids(holder, { dueEvaluations: true })).toEqual([
        frozenWithEvaluation.id,
        evaluation.id,
      ]);
      expect(await ids(holder, { overdueMeasures: "true" })).toEqual([measure.id]);
      expect(await ids(holder, { expiringConsent: true })).toEqual([level1.id]);
      // A frozen log matches no filter on its content: its name is all the participant sees.
      expect(await ids(participant, { dueEvaluations: true })).toEqual([evaluation.id]);
      expect(await ids(participant, { level: 2 })).toEqual([evaluation.id]);

      const row = (await list(holder, { dueEvaluations: true })).logs.find(
        (log) => log.id === evaluation.id,
      );
      expect(row).toMatchObject({
        nextEvaluationOn: addDays(today, 10),
        evaluationDue: true,
        measuresOverdue: false,
      });

      const attention = await attentionThisWeek({ database, actor: holder });
      expect(attention).toMatchObject({
        evaluationsDue: 2,
        measuresOverdue: 1,
        consentExpiring: 1,
        handovers: [],
        joinRequests: [],
      });
      const participantAttention = await attentionThisWeek({ database, actor: participant });
      // The frozen log is not counted, and only the holder is told about consent.
      expect(participantAttention).toMatchObject({
        evaluationsDue: 1,
        measuresOverdue: 1,
        consentExpiring: 0,
      });

      const bad = await failure(list(holder, { level: 7 }));
      expect(bad.code).toBe("validation");
    });

    it("pages 25 at a time, sorted by name", async () => {
      const world3 = await relayLogWorld(database);
      const base = {
        tenantId: world3.tenant.id,
        holder: world3.holder,
        holderUnitId: world3.school.id,
      };
      const names = Array.from({ length: 30 }, (_, i) => `Side Barn ${String(i).padStart(2, "0")}`);
      for (const name of [...names].reverse()) {
        await insertTestLog(database, { ...base, childName: name });
      }
      const first = await list(world3.holder);
      expect(first).toMatchObject({ total: 30, page: 1, pageSize: 25 });
      expect(first.logs.map((log) => log.name)).toEqual(names.slice(0, 25));
      const second = await list(world3.holder, { page: 2 });
      expect(second.logs.map((log) => log.name)).toEqual(names.slice(25));
      // A page past the end shows the last page.
      expect((await list(world3.holder, { page: 9 })).page).toBe(2);
    });
  });

  describe("overview and level", () => {
    it("shows areas, status, latest entries, participants and level history; changes the level with a reason", async () => {
      const { log } = await open(
        world.holder,
        values({
          areas: [
            { title: "Trivsel", description: "Kort" },
            { title: "Språk", description: "" },
            blankArea,
          ],
        }),
      );
      await addConsent(log.id, [world.school.id, world.healthStation.id]);
      const today = osloDate();
      await database.system(async (tx) => {
        await tx.insert(relayLogParticipants).values({
          tenantId: world.tenant.id,
          logId: log.id,
          userId: world.participant.userId,
          unitId: world.healthStation.id,
        });
        const [area] = await tx
          .select()
          .from(relayLogAreas)
          .where(eq(relayLogAreas.logId, log.id))
          .orderBy(relayLogAreas.sortOrder);
        await tx.insert(relayLogGoals).values([
          { tenantId: world.tenant.id, logId: log.id, areaId: area!.id, text: "Mål 1" },
          { tenantId: world.tenant.id, logId: log.id, areaId: area!.id, text: "Mål 2" },
        ]);
        await tx.insert(relayLogEvaluations).values([
          { tenantId: world.tenant.id, logId: log.id, scheduledOn: addDays(today, 30) },
          { tenantId: world.tenant.id, logId: log.id, scheduledOn: addDays(today, 7) },
        ]);
        for (let i = 0; i < 6; i += 1) {
          const [entry] = await tx
            .insert(relayLogEntries)
            .values({
              tenantId: world.tenant.id,
              logId: log.id,
              kind: i === 5 ? "highlight" : "note",
              areaId: i === 5 ? area!.id : null,
              occurredOn: addDays(today, -10 + i),
              authorUserId: world.holder.userId,
              authorName: "Stafett Holder",
              currentVersion: i === 5 ? 2 : 1,
            })
            .returning();
          await tx.insert(relayLogEntryVersions).values({
            tenantId: world.tenant.id,
            logId: log.id,
            entryId: entry!.id,
            version: 1,
            text: `Notat ${i}`,
            editedByName: "Stafett Holder",
          });
          if (i === 5) {
            await tx.insert(relayLogEntryVersions).values({
              tenantId: world.tenant.id,
              logId: log.id,
              entryId: entry!.id,
              version: 2,
              text: "Lysglimt, rettet",
              editedByName: "Stafett Holder",
            });
          }
        }
      });

      const overview = await getLogOverview({ database, actor: world.holder, meta, logId: log.id });
      expect(overview.header).toMatchObject({ title: log.childName, level: 2, isHolder: true });
      expect(overview.areas.map((area) => [area.title, area.goals])).toEqual([
        ["Trivsel", 2],
        ["Språk", 0],
      ]);
      expect(overview.nextEvaluation?.scheduledOn).toBe(addDays(today, 7));
      expect(overview.nextMeeting).toBeNull();
      expect(overview.measures).toEqual({ open: 0, overdue: 0 });
      expect(overview.latestEntries).toHaveLength(5);
      expect(overview.latestEntries[0]).toMatchObject({
        kind: "highlight",
        text: "Lysglimt, rettet",
        areaTitle: "Trivsel",
      });
      expect(overview.latestEntries.map((entry) => entry.text)).not.toContain("Notat 0");
      expect(overview.participants.map((p) => [p.name, p.unitName, p.isHolder])).toEqual([
        ["Del Taker", "Testvik helsestasjon", false],
        ["Stafett Holder", "Testvik skole", true],
      ]);
      expect(overview.levelHistory).toHaveLength(1);
      const viewed = await audits("relaylog.viewed", log.id);
      expect(viewed.map((row) => row.details)).toContainEqual({ view: "overview" });

      const change = (actor: Staff, input: Record<string, unknown>) =>
        changeLevel({ database, actor, meta, logId: log.id, values: input });
      const participantTry = await failure(
        change(world.participant, { level: "3", reason: "Mer", lockVersion: "0" }),
      );
      expect(participantTry).toMatchObject({
        code: "forbidden",
        messageKey: "relayLog.holderOnly",
      });
      expect(
        (await failure(change(world.outsider, { level: "3", reason: "x", lockVersion: 0 }))).code,
      ).toBe("not_found");
      const noReason = await failure(
        change(world.holder, { level: "3", reason: " ", lockVersion: 0 }),
      );
      expect(noReason.fieldErrors).toEqual({ reason: "errors.required" });
      const same = await failure(
        change(world.holder, { level: "2", reason: "Lik", lockVersion: 0 }),
      );
      expect(same.fieldErrors).toEqual({ level: "relayLog.open.levelUnchanged" });

      expect(
        await change(world.holder, {
          level: "3",
          reason: "Flere tjenester trengs",
          lockVersion: "0",
        }),
      ).toEqual({ level: 3, lockVersion: 1 });
      const stale = await failure(
        change(world.holder, { level: "1", reason: "Bedre nå", lockVersion: "0" }),
      );
      expect(stale).toMatchObject({ code: "conflict", messageKey: "relayLog.conflict" });
      await change(world.holder, { level: "0", reason: "Bedre nå", lockVersion: "1" });

      const after = await getLogOverview({
        database,
        actor: world.participant,
        meta,
        logId: log.id,
      });
      expect(after.header.level).toBe(0);
      expect(after.joinRequests).toEqual([]);
      expect(after.levelHistory.map((row) => [row.fromLevel, row.toLevel, row.reason])).toEqual([
        [3, 0, "Bedre nå"],
        [2, 3, "Flere tjenester trengs"],
        [null, 2, ""],
      ]);
      expect(after.levelHistory[0]?.changedByName).toBe("Stafett Holder");
      const changed = await audits("relaylog.level_changed", log.id);
      expect(changed.map((row) => row.details)).toEqual(
        expect.arrayContaining([
          { fromLevel: 2, toLevel: 3 },
          { fromLevel: 3, toLevel: 0 },
        ]),
      );
      expect(JSON.stringify(changed.map((row) => row.details))).not.toContain("Bedre");
    });

    it("gives nothing to outsiders, the coordinator by role, or another municipality; frozen participants are told", async () => {
      const { log } = await open(world.holder, values());
      await database.system((tx) =>
        tx.insert(relayLogParticipants).values({
          tenantId: world.tenant.id,
          logId: log.id,
          userId: world.participant.userId,
          unitId: world.healthStation.id,
        }),
      );
      for (const actor of [world.outsider, world.coordinator, otherTenantStaff]) {
        const error = await failure(getLogOverview({ database, actor, meta, logId: log.id }));
        expect(error.code).toBe("not_found");
      }
      // No consent yet: the participant takes part but is frozen out.
      const frozen = await failure(
        getLogOverview({ database, actor: world.participant, meta, logId: log.id }),
      );
      expect(frozen).toMatchObject({ code: "forbidden", messageKey: "relayLog.frozen" });
    });
  });
  describe("API", () => {
    it("lists my logs and gives a log's overview through the same use cases; 404 without access", async () => {
      const { app, services } = testApp(database);
      const { log } = await open(world.holder, values({ level: "3" }));
      const get = async (actor: Staff, path: string) =>
        app.request(`/api/v1${path}`, {
          headers: await browserHeaders(database, services, actor),
        });

      const listed = await get(world.holder, "/relay-logs?level=3&role=holder");
      expect(listed.status).toBe(200);
      const body = (await listed.json()) as {
        logs: { id: string; level: number }[];
        total: number;
      };
      expect(body.logs.map((row) => row.id)).toContain(log.id);
      expect(body.logs.every((row) => row.level === 3)).toBe(true);

      const overview = await get(world.holder, `/relay-logs/${log.id}`);
      expect(overview.status).toBe(200);
      expect(await overview.json()).toMatchObject({
        id: log.id,
        title: log.childName,
        level: 3,
        isHolder: true,
        areas: [{ title: "Trivsel", goals: 0 }],
        levelHistory: [{ fromLevel: null, toLevel: 3 }],
      });

      for (const actor of [world.outsider, world.coordinator, otherTenantStaff]) {
        const denied = await get(actor, `/relay-logs/${log.id}`);
        expect(denied.status).toBe(404);
        expect(JSON.stringify(await denied.json())).not.toContain(log.childName!);
        const list = (await (await get(actor, "/relay-logs")).json()) as { logs: unknown[] };
        expect(JSON.stringify(list)).not.toContain(log.childName!);
      }
      expect((await get(world.holder, "/relay-logs/ikke-en-id")).status).toBe(404);
      expect((await get(world.holder, "/relay-logs?level=9")).status).toBe(400);
    });
  });
});
