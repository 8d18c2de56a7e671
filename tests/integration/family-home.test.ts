import { randomBytes } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../core/access/actor.ts";
import { citizenLookupSecret, loginCitizenWithOidc } from "../../core/auth/login.ts";
import { AppError } from "../../core/errors.ts";
import { decryptText } from "../../core/platform/crypto.ts";
import { osloDate } from "../../core/platform/dates.ts";
import { syntheticNationalId } from "../../core/platform/national-id.ts";
import { saveGuardian } from "../../core/relay-log/consent.ts";
import { listFamilyLogs } from "../../core/relay-log/family.ts";
import { maskNationalId } from "../../core/relay-log/guardian-id.ts";
import { logSecretsFrom, openLog } from "../../core/relay-log/logs.ts";
import { listParticipants } from "../../core/relay-log/participants.ts";
import { ageOn } from "../../core/relay-log/consent-rules.ts";
import { demoFamily, type DemoCitizenKey } from "../../db/seed-demo-family.ts";
import { DEMO_MUNICIPALITY, seedDemo } from "../../db/seed-demo.ts";
import {
  auditEvents,
  citizens,
  relayLogConsents,
  relayLogEntries,
  relayLogEvaluations,
  relayLogGoalScores,
  relayLogGuardians,
  relayLogMeasures,
  relayLogMeetings,
  relayLogs,
  tenants,
} from "../../db/schema/index.ts";
import { databaseKinds, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { relayLogWorld } from "../support/relay-log-fixtures.ts";

type Staff = Extract<Actor, { kind: "staff" }>;
type Citizen = Extract<Actor, { kind: "citizen" }>;

const meta = { ip: "192.0.2.55", userAgent: "vitest", requestId: "req-family-home" };
const timeouts = { idleMinutes: 30, absoluteHours: 12 };
const dataEncryptionKey = randomBytes(32);
const secrets = logSecretsFrom(dataEncryptionKey);

async function failure(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the use case to fail");
}

async function citizenLogin(
  database: TestDatabase,
  tenantId: string,
  nationalId: string,
  name: string | null = null,
): Promise<Citizen> {
  const { actor } = await loginCitizenWithOidc({
    database,
    tenantId,
    nationalId,
    name,
    secrets: {
      lookupSecret: citizenLookupSecret(dataEncryptionKey),
      encryptionKey: dataEncryptionKey,
    },
    timeouts,
    meta,
  });
  return actor as Citizen;
}

describe.each(databaseKinds)("the family's front door on %s", (kind) => {
  describe("the demo family", () => {
    let database: TestDatabase;
    let tenantId: string;
    const family = demoFamily(osloDate());
    const pid = (key: DemoCitizenKey) => family.find((citizen) => citizen.key === key)!.pid;

    beforeAll(async () => {
      database = await freshDatabase(kind);
      expect(await seedDemo(database, { dataEncryptionKey })).toBe(true);
      const [tenant] = await database.system((tx) =>
        tx
          .select({ id: tenants.id })
          .from(tenants)
          .where(eq(tenants.municipalityNumber, DEMO_MUNICIPALITY.municipalityNumber)),
      );
      tenantId = tenant!.id;
    });
    afterAll(() => database.drop());

    async function logsOf(key: DemoCitizenKey) {
      const actor = await citizenLogin(database, tenantId, pid(key));
      return listFamilyLogs({ database, actor, meta });
    }

    it("keeps the other demo logs and adds the family's three", async () => {
      const logs = await database.system((tx) =>
        tx.select({ childName: relayLogs.childName }).from(relayLogs),
      );
      expect(logs).toHaveLength(36 + 3);
      expect(logs.map((log) => log.childName)).toEqual(
        expect.arrayContaining(["Emil Fjordheim", "Nora Haugen", "Sander Lie"]),
      );
    });

    it("Silje and Tor see Emil's log as guardians; Lars (no parental responsibility) nothing", async () => {
      for (const key of ["silje", "tor"] as const) {
        const logs = await logsOf(key);
        expect(logs.map((log) => [log.childName, log.as, log.status, log.level])).toEqual([
          ["Emil Fjordheim", "guardian", "open", 2],
        ]);
      }
      expect(await logsOf("lars")).toEqual([]);
    });

    it("Nora (16) sees her own log, Anne hers as guardian; Sander (13) and Ukjent nothing", async () => {
      expect((await logsOf("nora")).map((log) => [log.childName, log.as])).toEqual([
        ["Nora Haugen", "youth"],
      ]);
      expect((await logsOf("anne")).map((log) => [log.childName, log.as])).toEqual([
        ["Nora Haugen", "guardian"],
      ]);
      expect(await logsOf("sander")).toEqual([]);
      expect(await logsOf("ukjent")).toEqual([]);
    });

    it("the children have the ages the family needs, whatever day the demo is seeded", () => {
      const today = osloDate();
      const nora = family.find((citizen) => citizen.key === "nora")!;
      const sander = family.find((citizen) => citizen.key === "sander")!;
      expect(ageOn(nora.birthDate, today)).toBe(16);
      expect(ageOn(sander.birthDate, today)).toBe(13);
      // Every pid is a valid synthetic number (month + 80) and all are different.
      expect(new Set(family.map((citizen) => citizen.pid)).size).toBe(family.length);
      for (const citizen of family) expect(Number(citizen.pid.slice(2, 4))).toBeGreaterThan(80);
    });

    it("Emil's log has consent for some units, a plan, meetings, evaluations and notes", async () => {
      const [emil] = await database.system((tx) =>
        tx.select().from(relayLogs).where(eq(relayLogs.childName, "Emil Fjordheim")),
      );
      expect(emil).toMatchObject({ status: "open", level: 2, kind: "log" });
      expect(ageOn(emil!.childBirthDate!, osloDate())).toBe(9);
      const logId = emil!.id;
      await database.system(async (tx) => {
        const consents = await tx
          .select()
          .from(relayLogConsents)
          .where(eq(relayLogConsents.logId, logId));
        expect(consents).toHaveLength(1);
        expect(consents[0]!.unitIds.length).toBeLessThan(emil!.unitIds.length);
        expect(consents[0]!.givers.map((giver) => giver.name).sort()).toEqual([
          "Silje Fjordheim",
          "Tor Fjordheim",
        ]);
        const measures = await tx
          .select()
          .from(relayLogMeasures)
          .where(eq(relayLogMeasures.logId, logId));
        expect(measures.filter((measure) => measure.place === "home")).toHaveLength(1);
        const meetings = await tx
          .select()
          .from(relayLogMeetings)
          .where(eq(relayLogMeetings.logId, logId));
        expect(meetings.map((meeting) => meeting.status).sort()).toEqual(["held", "planned"]);
        const evaluations = await tx
          .select()
          .from(relayLogEvaluations)
          .where(eq(relayLogEvaluations.logId, logId));
        expect(evaluations.filter((evaluation) => evaluation.heldOn !== null)).toHaveLength(1);
        expect(evaluations.filter((evaluation) => evaluation.heldOn === null)).toHaveLength(1);
        const scores = await tx
          .select()
          .from(relayLogGoalScores)
          .where(eq(relayLogGoalScores.logId, logId));
        expect(scores.length).toBeGreaterThan(0);
        expect(scores.every((score) => score.scorerKind === "staff")).toBe(true);
        const notes = await tx
          .select()
          .from(relayLogEntries)
          .where(eq(relayLogEntries.logId, logId));
        expect(notes.length).toBeGreaterThanOrEqual(2);
        const guardians = await tx
          .select()
          .from(relayLogGuardians)
          .where(eq(relayLogGuardians.logId, logId));
        expect(
          guardians.map((guardian) => [guardian.name, guardian.parentalResponsibility]).sort(),
        ).toEqual([
          ["Lars Berg", false],
          ["Silje Fjordheim", true],
          ["Tor Fjordheim", true],
        ]);
        for (const guardian of guardians) {
          expect(guardian.nationalIdHash).not.toBeNull();
          expect(decryptText(dataEncryptionKey, guardian.nationalIdEncrypted!)).toMatch(/^\d{11}$/);
        }
      });
    });

    it("the list is audited with the log ids only", async () => {
      const actor = await citizenLogin(database, tenantId, pid("silje"));
      const logs = await listFamilyLogs({ database, actor, meta });
      const events = await database.system((tx) =>
        tx
          .select()
          .from(auditEvents)
          .where(
            and(
              eq(auditEvents.eventType, "relaylog.family.listed"),
              eq(auditEvents.subjectId, actor.citizenId),
            ),
          ),
      );
      expect(events.length).toBeGreaterThan(0);
      expect(events.at(-1)!.details).toEqual({ logIds: logs.map((log) => log.id) });
    });

    it("a staff member or nobody cannot list family logs", async () => {
      expect((await failure(listFamilyLogs({ database, actor: null, meta }))).code).toBe(
        "unauthenticated",
      );
    });
  });

  describe("the guardians' national ID numbers on the staff side", () => {
    let database: TestDatabase;
    let world: Awaited<ReturnType<typeof relayLogWorld>>;
    const guardianPid = syntheticNationalId(new Date(Date.UTC(1987, 6, 3)), 321);
    const secondPid = syntheticNationalId(new Date(Date.UTC(1990, 1, 12)), 222);
    const blankGuardian = { name: "", phone: "", email: "", parentalResponsibility: "" };

    beforeAll(async () => {
      database = await freshDatabase(kind);
      world = await relayLogWorld(database);
    });
    afterAll(() => database.drop());

    function values(guardianId: string) {
      return {
        childName: `Fiktiv Familiesen ${randomBytes(2).toString("hex")}`,
        birthDate: "2017-09-14",
        nationalId: "",
        level: "2",
        holderUnitId: "",
        proposedHolderEmail: "",
        origin: "direct",
        unitIds: [world.school.id],
        guardians: [
          {
            name: "Mor Familiesen",
            phone: "",
            email: "",
            parentalResponsibility: "yes",
            nationalId: guardianId,
          },
          blankGuardian,
          blankGuardian,
          blankGuardian,
        ],
        areas: [{ title: "Trivsel", description: "" }],
      };
    }

    const open = (actor: Staff, input: Record<string, unknown>) =>
      openLog({ database, actor, meta, secrets, values: input });

    it("opening a log: an invalid number is refused beside the field", async () => {
      const error = await failure(open(world.holder, values("12345678901")));
      expect(error.fieldErrors?.["guardians.0.nationalId"]).toBe("family.home.guardianId.invalid");
    });

    it("opening a log stores the lookup hash and the encrypted number; the guardian then sees the log", async () => {
      const spaced = `${guardianPid.slice(0, 6)} ${guardianPid.slice(6)}`;
      const { log } = await open(world.holder, values(spaced));
      const [guardian] = await database.system((tx) =>
        tx.select().from(relayLogGuardians).where(eq(relayLogGuardians.logId, log.id)),
      );
      const citizen = await citizenLogin(database, world.tenant.id, guardianPid, "Mor Familiesen");
      const [citizenRow] = await database.system((tx) =>
        tx.select().from(citizens).where(eq(citizens.id, citizen.citizenId)),
      );
      // The same hash as the citizen's: that is how the guardian finds the log.
      expect(guardian!.nationalIdHash).toBe(citizenRow!.nationalIdHash);
      expect(decryptText(dataEncryptionKey, guardian!.nationalIdEncrypted!)).toBe(guardianPid);
      const logs = await listFamilyLogs({ database, actor: citizen, meta });
      expect(logs.map((entry) => [entry.id, entry.as])).toEqual([[log.id, "guardian"]]);

      const [opened] = await database.system((tx) =>
        tx
          .select()
          .from(auditEvents)
          .where(
            and(eq(auditEvents.eventType, "relaylog.opened"), eq(auditEvents.subjectId, log.id)),
          ),
      );
      expect(opened!.details).toMatchObject({ guardiansWithNationalId: 1 });
      expect(JSON.stringify(opened!.details)).not.toContain(guardianPid);
    });

    it("the participants page: add, mask, keep, replace and remove a guardian's number", async () => {
      const { log } = await open(world.holder, values(""));
      const common = { database, actor: world.holder, meta, logId: log.id, secrets };
      const invalid = await failure(
        saveGuardian({
          ...common,
          values: { name: "Far Familiesen", parentalResponsibility: "yes", nationalId: "1" },
        }),
      );
      expect(invalid.fieldErrors?.nationalId).toBe("family.home.guardianId.invalid");

      const { id } = await saveGuardian({
        ...common,
        values: { name: "Far Familiesen", parentalResponsibility: "yes", nationalId: secondPid },
      });
      const stored = async () => {
        const [row] = await database.system((tx) =>
          tx.select().from(relayLogGuardians).where(eq(relayLogGuardians.id, id)),
        );
        return row!;
      };
      expect(decryptText(dataEncryptionKey, (await stored()).nationalIdEncrypted!)).toBe(secondPid);

      // The holder sees the number masked (birth date part and five stars), never in full.
      const holderView = await listParticipants({
        database,
        actor: world.holder,
        meta,
        logId: log.id,
        dataEncryptionKey,
      });
      const shown = holderView.guardians.find((guardian) => guardian.id === id)!;
      expect(shown.nationalIdMasked).toBe(`${secondPid.slice(0, 6)}*****`);
      expect(shown.nationalIdMasked).toBe(maskNationalId(secondPid));
      expect(JSON.stringify(holderView)).not.toContain(secondPid);

      // Blank keeps it; the audit names the fields only.
      await saveGuardian({
        ...common,
        guardianId: id,
        values: { name: "Far Familiesen", parentalResponsibility: "no", nationalId: "" },
      });
      expect((await stored()).nationalIdHash).not.toBeNull();
      await saveGuardian({
        ...common,
        guardianId: id,
        values: {
          name: "Far Familiesen",
          parentalResponsibility: "no",
          nationalId: "",
          removeNationalId: "on",
        },
      });
      expect(await stored()).toMatchObject({ nationalIdHash: null, nationalIdEncrypted: null });

      const events = await database.system((tx) =>
        tx
          .select({ details: auditEvents.details })
          .from(auditEvents)
          .where(
            and(
              eq(auditEvents.eventType, "relaylog.guardian_saved"),
              inArray(auditEvents.subjectId, [log.id]),
            ),
          ),
      );
      const fields = events.map((event) => (event.details as { fields: string[] }).fields);
      expect(fields).toEqual([
        expect.arrayContaining(["name", "nationalId"]),
        ["parentalResponsibility"],
        ["nationalId"],
      ]);
      expect(JSON.stringify(events)).not.toContain(secondPid);
    });
  });
});
