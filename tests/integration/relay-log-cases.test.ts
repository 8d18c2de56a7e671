import { and, eq, getTableColumns, sql } from "drizzle-orm";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { noRequestMeta, systemActor, type Actor } from "../../core/access/actor.ts";
import { citizenLookupSecret } from "../../core/auth/login.ts";
import { AppError } from "../../core/errors.ts";
import { decryptText } from "../../core/platform/crypto.ts";
import { addDays, osloDate } from "../../core/platform/dates.ts";
import { syntheticNationalId } from "../../core/platform/national-id.ts";
import { requireLog } from "../../core/relay-log/access.ts";
import {
  convertToLog,
  getConvertPage,
  openAnonymousCase,
  sealNationalId,
} from "../../core/relay-log/anonymous.ts";
import {
  checkChildWelfareReport,
  childWelfareForm,
  getChildWelfareReceipt,
  listChildWelfareReports,
  makeChildWelfareReport,
} from "../../core/relay-log/child-welfare.ts";
import {
  createNextOfKinCase,
  getNextOfKinCase,
  linkNextOfKinLog,
  listNextOfKinCases,
  nextOfKinChildForLog,
  updateNextOfKinCase,
} from "../../core/relay-log/next-of-kin.ts";
import { createUnit } from "../../core/units/units.ts";
import {
  auditEvents,
  childWelfareReports,
  relayLogAreas,
  relayLogConsents,
  relayLogGuardians,
  relayLogParticipants,
  relayLogs,
} from "../../db/schema/index.ts";
import { databaseKinds, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { makeStaff, makeTenant, makeUnit } from "../support/fixtures.ts";
import { insertTestLog, relayLogWorld } from "../support/relay-log-fixtures.ts";

type Staff = Extract<Actor, { kind: "staff" }>;
type World = Awaited<ReturnType<typeof relayLogWorld>>;

const meta = { ip: "192.0.2.61", userAgent: "vitest", requestId: "req-relay-cases" };
const dataKey = Buffer.from("0123456789abcdef".repeat(4), "hex");
const secrets = { lookupSecret: citizenLookupSecret(dataKey), encryptionKey: dataKey };

async function failure(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the use case to fail");
}

async function pdfText(bytes: Buffer): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: true });
  return text.replace(/\s+/g, " ");
}

const anonymousValues = {
  pseudonym: "Gutt 9 år",
  level: "1",
  area1Title: "Trivsel i friminuttene",
  area1Description: "Går ofte alene.",
  area2Title: "Konsentrasjon",
  area2Description: "",
};

function convertValues(lockVersion: number, overrides: Record<string, string> = {}) {
  return {
    childName: "Nora Fiktivsen",
    childBirthDate: "14.03.2017",
    nationalId: "",
    lockVersion: String(lockVersion),
    confirmed: "on",
    guardian1Name: "Foresatt Fiktivsen",
    guardian1Phone: "99 99 99 99",
    guardian1Email: "foresatt@testvik.example",
    guardian1Responsibility: "on",
    ...overrides,
  };
}

function reportValues(overrides: Record<string, string> = {}) {
  return {
    childName: "Testbarn Fiktivsen",
    childBirthDate: "04.05.2016",
    childAddress: "Fiktivveien 1",
    guardiansContact: "Mor: Foresatt Fiktivsen, 99999999",
    observations:
      "12.03: blåmerker på begge armene, sa at han hadde falt. 19.03: gråt ved henting.",
    childSaid: "«Jeg vil ikke hjem i dag.»",
    actionsTaken: "Samtale med barnet 19.03.",
    guardiansInformed: "no",
    guardiansNotInformedReason: "Mistanke om vold i hjemmet.",
    urgency: "serious",
    reporterName: "Del Taker",
    reporterRole: "Helsesykepleier",
    reporterPhone: "12 34 56 78",
    recipient: "Barneverntjenesten i Testvik",
    ...overrides,
  };
}

describe.each(databaseKinds)("relay log special cases on %s", (kind) => {
  let database: TestDatabase;
  let world: World;
  let navUnitId: string;
  let nav: Staff;
  let navColleague: Staff;
  let otherTenantStaff: Staff;

  beforeAll(async () => {
    database = await freshDatabase(kind);
    world = await relayLogWorld(database);
    const navUnit = await createUnit({
      database,
      actor: systemActor(world.tenant.id, "test"),
      meta: noRequestMeta,
      values: { name: "NAV Testvik", serviceType: "nav" },
    });
    navUnitId = navUnit.id;
    nav = await makeStaff(database, world.tenant.id, {
      name: "Nina Navsen",
      unitIds: [navUnitId],
    });
    navColleague = await makeStaff(database, world.tenant.id, { unitIds: [navUnitId] });
    const other = await makeTenant(database, "Annenvik kommune");
    const otherUnit = await makeUnit(database, other.id, "Annenvik skole");
    otherTenantStaff = await makeStaff(database, other.id, { unitIds: [otherUnit.id] });
  });
  afterAll(() => database.drop());

  async function auditRows(type: string, subjectId: string) {
    return database.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.eventType, type), eq(auditEvents.subjectId, subjectId))),
    );
  }

  async function readAs(actor: Staff, logId: string) {
    return database.tenant(actor.tenantId, (tx) =>
      requireLog(tx, { actor, meta, logId, need: "read" }),
    );
  }

  async function openCase(values: Record<string, string> = {}) {
    return openAnonymousCase({
      database,
      actor: world.holder,
      meta,
      values: { holderUnitId: world.school.id, ...anonymousValues, ...values },
    });
  }

  /** What the participants page does: adds an employee for their unit (no consent needed here). */
  async function addParticipant(logId: string, user: Staff, unitId: string) {
    await database.tenant(world.tenant.id, (tx) =>
      tx.insert(relayLogParticipants).values({
        tenantId: world.tenant.id,
        logId,
        userId: user.userId,
        unitId,
        addedBy: world.holder.userId,
      }),
    );
  }

  // ------------------------------------------------------------------ anonymous case discussion

  describe("anonymous case discussion", () => {
    it("refuses a pseudonym that looks like a name unless the employee confirms, and keeps no identity", async () => {
      const countBefore = await database.system((tx) =>
        tx.select({ n: sql<number>`count(*)::int` }).from(relayLogs),
      );
      const refused = await failure(openCase({ pseudonym: "Kari Nordmann" }));
      expect(refused.code).toBe("validation");
      expect(refused.fieldErrors).toEqual({ pseudonym: "worry.warning.name" });
      const birthDate = await failure(
        openCase({ area1Description: "Født 12.03.2016, går alene." }),
      );
      expect(birthDate.fieldErrors).toEqual({ area1Description: "worry.warning.birthDate" });
      const countAfter = await database.system((tx) =>
        tx.select({ n: sql<number>`count(*)::int` }).from(relayLogs),
      );
      expect(countAfter[0]!.n).toBe(countBefore[0]!.n);

      const log = await openCase({ pseudonym: "Kari Nordmann", confirmedClean: "on" });
      expect(log).toMatchObject({
        kind: "anonymous",
        pseudonym: "Kari Nordmann",
        childName: null,
        childBirthDate: null,
        nationalIdHash: null,
        holderUserId: world.holder.userId,
        holderUnitId: world.school.id,
        level: 1,
      });
      const areas = await database.system((tx) =>
        tx.select().from(relayLogAreas).where(eq(relayLogAreas.logId, log.id)),
      );
      expect(areas.map((area) => area.title).sort()).toEqual([
        "Konsentrasjon",
        "Trivsel i friminuttene",
      ]);
      const [opened] = await auditRows("relaylog.opened", log.id);
      expect(opened?.details).toMatchObject({ kind: "anonymous", level: 1 });
      expect(JSON.stringify(opened?.details)).not.toContain("Kari");
    });

    it("refuses a pseudonym over 40 characters, no concern area, and a unit that is not the employee's", async () => {
      const tooLong = await failure(openCase({ pseudonym: "x".repeat(41) }));
      expect(tooLong.fieldErrors?.pseudonym).toBe("relayLog.cases.anonymous.pseudonymTooLong");
      const noArea = await failure(
        openCase({ area1Title: "", area1Description: "", area2Title: "" }),
      );
      expect(noArea.fieldErrors?.area1Title).toBe("relayLog.cases.anonymous.areaRequired");
      const notMine = await failure(openCase({ holderUnitId: world.healthStation.id }));
      expect(notMine.fieldErrors?.holderUnitId).toBe("errors.choice");
    });

    it("lets participants from other units take part without any consent", async () => {
      const log = await openCase();
      await addParticipant(log.id, world.participant, world.healthStation.id);
      const context = await readAs(world.participant, log.id);
      expect(context.access).toMatchObject({ read: true, write: true, frozen: false });
      expect(context.consentState).toBe("none");
      expect((await failure(readAs(world.outsider, log.id))).code).toBe("not_found");
      expect((await failure(readAs(world.coordinator, log.id))).code).toBe("not_found");
      expect((await failure(readAs(otherTenantStaff, log.id))).code).toBe("not_found");
    });

    it("converts into a log only when no open log exists for the child, then freezes the participants until consent", async () => {
      const existing = await insertTestLog(database, {
        tenantId: world.tenant.id,
        holder: nav,
        holderUnitId: navUnitId,
        childName: "Testbarn Fiktivsen",
      });
      const log = await openCase();
      await addParticipant(log.id, world.participant, world.healthStation.id);

      // Only the relay holder converts; a participant is told so, others get nothing.
      const byParticipant = await failure(
        convertToLog({
          database,
          actor: world.participant,
          meta,
          logId: log.id,
          values: convertValues(log.lockVersion),
          secrets,
        }),
      );
      expect(byParticipant.messageKey).toBe("relayLog.holderOnly");

      // Same name (any case) and birth date as an open log: refused, nothing of it revealed.
      const sameName = await failure(
        convertToLog({
          database,
          actor: world.holder,
          meta,
          logId: log.id,
          values: convertValues(log.lockVersion, {
            childName: "testbarn FIKTIVSEN",
            childBirthDate: "2016-05-04",
          }),
          secrets,
        }),
      );
      expect(sameName.code).toBe("conflict");
      expect(sameName.messageKey).toBe("relayLog.cases.convert.logExists");
      expect(JSON.stringify(sameName)).not.toContain(existing.id);
      expect(JSON.stringify(sameName)).not.toContain(nav.name);

      // Same national ID number as an open log, under another name: refused too.
      const nationalId = syntheticNationalId(new Date(Date.UTC(2016, 4, 4)), 301);
      await database.system((tx) =>
        tx
          .update(relayLogs)
          .set({ nationalIdHash: sealNationalId(secrets, nationalId).hash })
          .where(eq(relayLogs.id, existing.id)),
      );
      const sameId = await failure(
        convertToLog({
          database,
          actor: world.holder,
          meta,
          logId: log.id,
          values: convertValues(log.lockVersion, { nationalId }),
          secrets,
        }),
      );
      expect(sameId.messageKey).toBe("relayLog.cases.convert.logExists");
      const duplicates = await auditRows("relaylog.duplicate_found", existing.id);
      expect(duplicates.map((row) => row.details)).toEqual([
        { matchedBy: "name_birth_date", during: "convert" },
        { matchedBy: "national_id", during: "convert" },
      ]);

      // Everything missing is reported at once, beside each field.
      const empty = await failure(
        convertToLog({
          database,
          actor: world.holder,
          meta,
          logId: log.id,
          values: { lockVersion: String(log.lockVersion) },
          secrets,
        }),
      );
      expect(empty.fieldErrors).toEqual({
        childName: "errors.required",
        childBirthDate: "errors.required",
        guardian1Name: "relayLog.cases.convert.guardianRequired",
        confirmed: "relayLog.cases.convert.confirmRequired",
      });

      const invalidId = await failure(
        convertToLog({
          database,
          actor: world.holder,
          meta,
          logId: log.id,
          values: convertValues(log.lockVersion, { nationalId: "12345678901" }),
          secrets,
        }),
      );
      expect(invalidId.fieldErrors?.nationalId).toBe("relayLog.cases.convert.nationalIdInvalid");
      const unconfirmed = await failure(
        convertToLog({
          database,
          actor: world.holder,
          meta,
          logId: log.id,
          values: convertValues(log.lockVersion, { confirmed: "" }),
          secrets,
        }),
      );
      expect(unconfirmed.fieldErrors?.confirmed).toBe("relayLog.cases.convert.confirmRequired");
      const stale = await failure(
        convertToLog({
          database,
          actor: world.holder,
          meta,
          logId: log.id,
          values: convertValues(log.lockVersion + 1),
          secrets,
        }),
      );
      expect(stale.messageKey).toBe("relayLog.conflict");
      expect((await readAs(world.holder, log.id)).log.kind).toBe("anonymous");

      const childId = syntheticNationalId(new Date(Date.UTC(2017, 2, 14)), 412);
      const converted = await convertToLog({
        database,
        actor: world.holder,
        meta,
        logId: log.id,
        values: convertValues(log.lockVersion, { nationalId: childId }),
        secrets,
      });
      expect(converted).toMatchObject({
        id: log.id,
        kind: "log",
        origin: "anonymous",
        pseudonym: null,
        childName: "Nora Fiktivsen",
        childBirthDate: "2017-03-14",
        nationalIdHash: sealNationalId(secrets, childId).hash,
        lockVersion: log.lockVersion + 1,
      });
      expect(decryptText(dataKey, converted.nationalIdEncrypted!)).toBe(childId);
      const guardians = await database.system((tx) =>
        tx.select().from(relayLogGuardians).where(eq(relayLogGuardians.logId, log.id)),
      );
      expect(guardians).toMatchObject([
        { name: "Foresatt Fiktivsen", parentalResponsibility: true, phone: "99 99 99 99" },
      ]);
      const [event] = await auditRows("relaylog.converted", log.id);
      expect(event?.details).toEqual({
        fields: ["childName", "childBirthDate", "nationalId"],
        guardians: 1,
      });

      // No consent yet: the participant is frozen out, the holder keeps the log and is sent on.
      const frozen = await failure(readAs(world.participant, log.id));
      expect(frozen.code).toBe("forbidden");
      expect(frozen.messageKey).toBe("relayLog.frozen");
      const holderView = await readAs(world.holder, log.id);
      expect(holderView.consentState).toBe("none");
      const page = await getConvertPage({ database, actor: world.holder, meta, logId: log.id });
      expect(page.converted).toBe(true);

      // A log that is already a log cannot be converted again.
      const again = await failure(
        convertToLog({
          database,
          actor: world.holder,
          meta,
          logId: log.id,
          values: convertValues(converted.lockVersion, { childName: "Noen Andre" }),
          secrets,
        }),
      );
      expect(again.code).toBe("not_found");
    });

    it("shows the convert page to the holder only, and not for a log that never was anonymous", async () => {
      const log = await openCase();
      await addParticipant(log.id, world.participant, world.healthStation.id);
      const page = await getConvertPage({ database, actor: world.holder, meta, logId: log.id });
      expect(page).toMatchObject({ converted: false, lockVersion: 0 });
      expect(page.header.title).toBe("Gutt 9 år");
      const asParticipant = await failure(
        getConvertPage({ database, actor: world.participant, meta, logId: log.id }),
      );
      expect(asParticipant.code).toBe("forbidden");
      const plain = await insertTestLog(database, {
        tenantId: world.tenant.id,
        holder: world.holder,
        holderUnitId: world.school.id,
        childName: "Vanlig Loggsen",
      });
      const notAnonymous = await failure(
        getConvertPage({ database, actor: world.holder, meta, logId: plain.id }),
      );
      expect(notAnonymous.code).toBe("not_found");
    });
  });

  // ------------------------------------------------------------------ barn som pårørende

  describe("barn som pårørende", () => {
    const today = osloDate();
    const caseValues = (overrides: Record<string, string> = {}) => ({
      unitId: navUnitId,
      parentReference: "K.N. / sak 2026-118",
      parentSituation: "mental_illness",
      child1Name: "Ola",
      child1BirthYear: String(Number(today.slice(0, 4)) - 8),
      child2Name: "Kari",
      child2BirthYear: "",
      conversationOn: addDays(today, -2),
      childrensNeeds: "Trenger informasjon om mors sykdom.",
      actionsTaken: "Gitt brosjyre; kontakt med helsestasjonen avtalt.",
      followUpOn: addDays(today, 14),
      status: "open",
      ...overrides,
    });

    const editableValues = (overrides: Record<string, string> = {}) => {
      const { unitId: _unitId, ...rest } = caseValues(overrides);
      void _unitId;
      return rest;
    };

    it("is seen only by the employees of the unit that registered it", async () => {
      const created = await createNextOfKinCase({
        database,
        actor: nav,
        meta,
        values: caseValues(),
      });
      expect(created).toMatchObject({
        unitId: navUnitId,
        createdBy: nav.userId,
        parentReference: "K.N. / sak 2026-118",
        children: [
          { name: "Ola", birthYear: Number(today.slice(0, 4)) - 8, logId: null },
          { name: "Kari", birthYear: null, logId: null },
        ],
        status: "open",
        lockVersion: 0,
      });
      const [createdEvent] = await auditRows("nextofkin.created", created.id);
      expect(createdEvent?.details).toEqual({
        unitId: navUnitId,
        children: 2,
        situation: "mental_illness",
      });

      const seen = await getNextOfKinCase({
        database,
        actor: navColleague,
        meta,
        caseId: created.id,
      });
      expect(seen.case.id).toBe(created.id);
      expect(seen.unitName).toBe("NAV Testvik");
      const viewed = await auditRows("nextofkin.viewed", created.id);
      expect(viewed.map((row) => row.actor.id)).toContain(navColleague.userId);

      for (const stranger of [world.outsider, world.coordinator, world.holder, otherTenantStaff]) {
        const refused = await failure(
          getNextOfKinCase({ database, actor: stranger, meta, caseId: created.id }),
        );
        expect(refused.code).toBe("not_found");
        const list = await listNextOfKinCases({ database, actor: stranger, status: "all" });
        expect(list.items.map((item) => item.id)).not.toContain(created.id);
        const edit = await failure(
          updateNextOfKinCase({
            database,
            actor: stranger,
            meta,
            caseId: created.id,
            values: { ...editableValues(), lockVersion: "0" },
          }),
        );
        expect(edit.code).toBe("not_found");
        const prefill = await failure(
          nextOfKinChildForLog({
            database,
            actor: stranger,
            meta,
            caseId: created.id,
            childIndex: 0,
          }),
        );
        expect(prefill.code).toBe("not_found");
      }
      const mine = await listNextOfKinCases({ database, actor: navColleague });
      expect(mine.items.map((item) => item.id)).toContain(created.id);
      expect(mine.items.find((item) => item.id === created.id)).toMatchObject({
        childCount: 2,
        followUp: "later",
        unitName: "NAV Testvik",
      });
      // A coordinator who does not belong to the unit cannot register for it either.
      const foreign = await failure(
        createNextOfKinCase({ database, actor: world.coordinator, meta, values: caseValues() }),
      );
      expect(foreign.fieldErrors?.unitId).toBe("errors.choice");
    });

    it("refuses a follow-up before the conversation, a conversation in the future and a full name as reference", async () => {
      const blank = await failure(
        createNextOfKinCase({ database, actor: nav, meta, values: { status: "open" } }),
      );
      expect(blank.fieldErrors).toEqual({
        unitId: "relayLog.cases.unitRequired",
        parentReference: "errors.required",
        parentSituation: "errors.choice",
        child1Name: "relayLog.cases.nextOfKin.childRequired",
        conversationOn: "relayLog.cases.nextOfKin.conversationRequired",
        followUpOn: "relayLog.cases.nextOfKin.followUpRequired",
      });
      const early = await failure(
        createNextOfKinCase({
          database,
          actor: nav,
          meta,
          values: caseValues({ followUpOn: addDays(today, -3) }),
        }),
      );
      expect(early.fieldErrors?.followUpOn).toBe(
        "relayLog.cases.nextOfKin.followUpBeforeConversation",
      );
      const future = await failure(
        createNextOfKinCase({
          database,
          actor: nav,
          meta,
          values: caseValues({ conversationOn: addDays(today, 1) }),
        }),
      );
      expect(future.fieldErrors?.conversationOn).toBe(
        "relayLog.cases.nextOfKin.conversationInFuture",
      );
      const noChild = await failure(
        createNextOfKinCase({
          database,
          actor: nav,
          meta,
          values: caseValues({ child1Name: "", child1BirthYear: "", child2Name: "" }),
        }),
      );
      expect(noChild.fieldErrors?.child1Name).toBe("relayLog.cases.nextOfKin.childRequired");
      const adult = await failure(
        createNextOfKinCase({
          database,
          actor: nav,
          meta,
          values: caseValues({ child1BirthYear: String(Number(today.slice(0, 4)) - 30) }),
        }),
      );
      expect(adult.fieldErrors?.child1BirthYear).toBe("relayLog.cases.nextOfKin.birthYearRange");
      const named = await failure(
        createNextOfKinCase({
          database,
          actor: nav,
          meta,
          values: caseValues({ parentReference: "Kari Nordmann" }),
        }),
      );
      expect(named.fieldErrors).toEqual({ parentReference: "worry.warning.name" });
      const confirmed = await createNextOfKinCase({
        database,
        actor: nav,
        meta,
        values: caseValues({ parentReference: "Kari Nordmann", confirmedClean: "on" }),
      });
      expect(confirmed.parentReference).toBe("Kari Nordmann");
    });

    it("saves edits with a lock version, marks due follow-ups, and links a log to a child", async () => {
      const created = await createNextOfKinCase({
        database,
        actor: nav,
        meta,
        values: caseValues(),
      });
      const editable = editableValues();
      const updated = await updateNextOfKinCase({
        database,
        actor: navColleague,
        meta,
        caseId: created.id,
        values: { ...editable, followUpOn: today, lockVersion: "0" },
      });
      expect(updated).toMatchObject({ followUpOn: today, lockVersion: 1 });
      const [event] = await auditRows("nextofkin.updated", created.id);
      expect(event?.details).toEqual({ unitId: navUnitId, fields: ["followUpOn"] });
      const stale = await failure(
        updateNextOfKinCase({
          database,
          actor: nav,
          meta,
          caseId: created.id,
          values: { ...editable, actionsTaken: "Ny tekst", lockVersion: "0" },
        }),
      );
      expect(stale.code).toBe("conflict");
      expect(stale.messageKey).toBe("relayLog.conflict");
      const list = await listNextOfKinCases({ database, actor: nav });
      expect(list.items.find((item) => item.id === created.id)?.followUp).toBe("due");

      // Closed cases leave the default (open) list.
      await updateNextOfKinCase({
        database,
        actor: nav,
        meta,
        caseId: created.id,
        values: { ...editable, followUpOn: "", status: "closed", lockVersion: "1" },
      });
      expect(
        (await listNextOfKinCases({ database, actor: nav })).items.map((item) => item.id),
      ).not.toContain(created.id);
      expect(
        (await listNextOfKinCases({ database, actor: nav, status: "closed" })).items.map(
          (item) => item.id,
        ),
      ).toContain(created.id);

      const prefill = await nextOfKinChildForLog({
        database,
        actor: nav,
        meta,
        caseId: created.id,
        childIndex: 0,
      });
      expect(prefill).toEqual({ name: "Ola", birthYear: Number(today.slice(0, 4)) - 8 });

      const childLog = await insertTestLog(database, {
        tenantId: world.tenant.id,
        holder: nav,
        holderUnitId: navUnitId,
        childName: "Ola Pårørendesen",
      });
      const someoneElses = await insertTestLog(database, {
        tenantId: world.tenant.id,
        holder: world.holder,
        holderUnitId: world.school.id,
        childName: "Ikke Min",
      });
      const refused = await failure(
        linkNextOfKinLog({
          database,
          actor: nav,
          meta,
          caseId: created.id,
          childIndex: 0,
          logId: someoneElses.id,
        }),
      );
      expect(refused.fieldErrors?.logId).toBe("relayLog.cases.nextOfKin.logNotFound");
      const linked = await linkNextOfKinLog({
        database,
        actor: nav,
        meta,
        caseId: created.id,
        childIndex: 0,
        logId: childLog.id,
      });
      expect(linked.children[0]?.logId).toBe(childLog.id);
      // A linked child cannot be removed from the case by clearing its row.
      const cleared = await failure(
        updateNextOfKinCase({
          database,
          actor: nav,
          meta,
          caseId: created.id,
          values: {
            ...editable,
            child1Name: "",
            child1BirthYear: "",
            lockVersion: String(linked.lockVersion),
          },
        }),
      );
      expect(cleared.fieldErrors?.child1Name).toBe("relayLog.cases.nextOfKin.childLinked");
    });
  });

  // ------------------------------------------------------------------ bekymringsmelding

  describe("bekymringsmelding", () => {
    const municipality = "Testvik kommune";

    async function reportRows(logId: string | null) {
      return database.system((tx) =>
        tx
          .select()
          .from(childWelfareReports)
          .where(
            logId
              ? eq(childWelfareReports.logId, logId)
              : sql`${childWelfareReports.logId} is null`,
          ),
      );
    }

    it("stores only who reported, from which unit, to whom and when: no text of the report", () => {
      expect(Object.keys(getTableColumns(childWelfareReports)).sort()).toEqual([
        "id",
        "logId",
        "recipient",
        "reportedAt",
        "reportedBy",
        "reporterUnitId",
        "tenantId",
      ]);
    });

    it("lets a participant frozen out by withdrawn consent report from the log, with an empty form", async () => {
      const log = await insertTestLog(database, {
        tenantId: world.tenant.id,
        holder: world.holder,
        holderUnitId: world.school.id,
        participants: [{ user: world.participant, unitId: world.healthStation.id }],
        consent: "withdrawn",
        childName: "Testbarn Fiktivsen",
      });
      expect((await failure(readAs(world.participant, log.id))).messageKey).toBe("relayLog.frozen");
      const form = await childWelfareForm({
        database,
        actor: world.participant,
        meta,
        logId: log.id,
        municipality,
      });
      expect(form).toMatchObject({
        frozen: true,
        header: null,
        prefill: { childName: "", childBirthDate: "" },
        reporter: { name: "Del Taker", units: [{ id: world.healthStation.id }] },
      });

      const values = reportValues({ reporterUnitId: world.healthStation.id });
      const review = await checkChildWelfareReport({
        database,
        actor: world.participant,
        logId: log.id,
        values,
      });
      expect(review.reporterUnitName).toBe("Testvik helsestasjon");
      expect(await reportRows(log.id)).toHaveLength(0);

      const made = await makeChildWelfareReport({
        database,
        actor: world.participant,
        meta,
        logId: log.id,
        values: { ...values, reportId: review.reportId },
        language: "nb",
        municipality,
      });
      expect(made.reportId).toBe(review.reportId);
      expect(made.filename).toMatch(/^bekymringsmelding-\d{4}-\d{2}-\d{2}\.pdf$/);
      const text = await pdfText(made.pdf);
      expect(text).toContain("Bekymringsmelding til barneverntjenesten");
      expect(text).toContain("Testbarn Fiktivsen");
      expect(text).toContain("04.05.2016");
      expect(text).toContain("blåmerker på begge armene");
      expect(text).toContain("Mistanke om vold i hjemmet.");
      expect(text).toContain("Testvik helsestasjon");
      expect(text).toContain("barnevernsloven § 13-2");
      expect(text).toContain("Barneverntjenesten i Testvik");

      const rows = await reportRows(log.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        id: review.reportId,
        reportedBy: world.participant.userId,
        reporterUnitId: world.healthStation.id,
        recipient: "Barneverntjenesten i Testvik",
      });
      // The same report downloaded again records nothing new.
      await makeChildWelfareReport({
        database,
        actor: world.participant,
        meta,
        logId: log.id,
        values: { ...values, reportId: review.reportId },
        language: "nb",
        municipality,
      });
      expect(await reportRows(log.id)).toHaveLength(1);

      const events = await auditRows("childwelfare.report_made", review.reportId);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        subjectType: "child_welfare_report",
        details: { logId: log.id, unitId: world.healthStation.id },
      });
      // Nothing of what was written reaches the database: not the report, not the audit trail.
      const [written] = await database.system((tx) =>
        tx
          .select({ n: sql<number>`count(*)::int` })
          .from(auditEvents)
          .where(sql`${auditEvents.details}::text like ${"%blåmerker%"}`),
      );
      expect(written!.n).toBe(0);
      expect(JSON.stringify(rows)).not.toContain("blåmerker");

      const receipt = await getChildWelfareReceipt({
        database,
        actor: world.participant,
        reportId: review.reportId,
      });
      expect(receipt).toMatchObject({ recipient: "Barneverntjenesten i Testvik", logId: log.id });
      expect(
        await getChildWelfareReceipt({ database, actor: world.holder, reportId: review.reportId }),
      ).toBeNull();

      // The holder still reads the log (consent withdrawn) and sees the prefilled form.
      const holderForm = await childWelfareForm({
        database,
        actor: world.holder,
        meta,
        logId: log.id,
        municipality,
      });
      expect(holderForm).toMatchObject({
        frozen: false,
        prefill: { childName: "Testbarn Fiktivsen", childBirthDate: "2016-05-04" },
      });
      expect(holderForm.header?.title).toBe("Testbarn Fiktivsen");
      const lines = await database.tenant(world.tenant.id, (tx) =>
        listChildWelfareReports(tx, log.id),
      );
      expect(lines).toMatchObject([
        { reporterName: "Del Taker", reporterUnitName: "Testvik helsestasjon" },
      ]);
    });

    it("lets any staff member report from the guide, but not from a log they have nothing to do with", async () => {
      const log = await insertTestLog(database, {
        tenantId: world.tenant.id,
        holder: world.holder,
        holderUnitId: world.school.id,
        childName: "Annet Testbarn",
      });
      for (const stranger of [world.outsider, world.coordinator, otherTenantStaff]) {
        const refused = await failure(
          childWelfareForm({ database, actor: stranger, meta, logId: log.id, municipality }),
        );
        expect(refused.code).toBe("not_found");
        const notMade = await failure(
          makeChildWelfareReport({
            database,
            actor: stranger,
            meta,
            logId: log.id,
            values: reportValues(),
            language: "nb",
            municipality,
          }),
        );
        expect(notMade.code).toBe("not_found");
      }
      expect(await reportRows(log.id)).toHaveLength(0);

      const form = await childWelfareForm({ database, actor: world.outsider, meta, municipality });
      expect(form).toMatchObject({ frozen: false, header: null, prefill: { childName: "" } });
      const made = await makeChildWelfareReport({
        database,
        actor: world.outsider,
        meta,
        values: reportValues({ childName: "Guide Barnsen", reporterName: "Uten Tilgang" }),
        language: "nn",
        municipality,
      });
      const text = await pdfText(made.pdf);
      expect(text).toContain("Bekymringsmelding til barnevernstenesta");
      expect(text).toContain("Guide Barnsen");
      const [row] = await database.system((tx) =>
        tx.select().from(childWelfareReports).where(eq(childWelfareReports.id, made.reportId)),
      );
      expect(row).toMatchObject({
        logId: null,
        reportedBy: world.outsider.userId,
        reporterUnitId: null,
      });
    });

    it("is never blocked by consent: the holder and a participant report after consent is withdrawn", async () => {
      const log = await insertTestLog(database, {
        tenantId: world.tenant.id,
        holder: world.holder,
        holderUnitId: world.school.id,
        participants: [{ user: world.participant, unitId: world.healthStation.id }],
        consent: "valid",
        childName: "Samtykke Trukketsen",
      });
      // While consent is valid the participant's form is prefilled.
      const before = await childWelfareForm({
        database,
        actor: world.participant,
        meta,
        logId: log.id,
        municipality,
      });
      expect(before.prefill.childName).toBe("Samtykke Trukketsen");
      await database.system((tx) =>
        tx
          .update(relayLogConsents)
          .set({ withdrawnAt: new Date() })
          .where(eq(relayLogConsents.logId, log.id)),
      );
      for (const actor of [world.holder, world.participant]) {
        const made = await makeChildWelfareReport({
          database,
          actor,
          meta,
          logId: log.id,
          values: reportValues({ guardiansInformed: "yes", guardiansNotInformedReason: "" }),
          language: "nb",
          municipality,
        });
        expect(made.pdf.subarray(0, 5).toString()).toBe("%PDF-");
      }
      expect(await reportRows(log.id)).toHaveLength(2);
    });

    it("refuses a report without the reason the guardians were not told, or with a unit not the reporter's", async () => {
      const missing = await failure(
        checkChildWelfareReport({
          database,
          actor: world.outsider,
          values: reportValues({ guardiansNotInformedReason: "" }),
        }),
      );
      expect(missing.fieldErrors?.guardiansNotInformedReason).toBe(
        "relayLog.cases.childWelfare.reasonRequired",
      );
      const noObservations = await failure(
        checkChildWelfareReport({
          database,
          actor: world.outsider,
          values: reportValues({ observations: " " }),
        }),
      );
      expect(noObservations.fieldErrors?.observations).toBe("errors.required");
      const foreignUnit = await failure(
        checkChildWelfareReport({
          database,
          actor: world.outsider,
          values: reportValues({ reporterUnitId: world.healthStation.id }),
        }),
      );
      expect(foreignUnit.fieldErrors?.reporterUnitId).toBe("errors.choice");
    });
  });
});
