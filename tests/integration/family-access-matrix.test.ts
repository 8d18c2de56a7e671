import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { citizenLookupSecret, nationalIdLookupHash } from "../../core/auth/login.ts";
import { createSession } from "../../core/auth/sessions.ts";
import { encryptText } from "../../core/platform/crypto.ts";
import { osloDate } from "../../core/platform/dates.ts";
import { syntheticNationalId } from "../../core/platform/national-id.ts";
import { citizens, relayLogGuardians, relayLogs } from "../../db/schema/index.ts";
import { CSRF_COOKIE, csrfTokenFor, newCsrfSecret, SESSION_COOKIE } from "../../server/cookies.ts";
import type { Services } from "../../server/services.ts";
import { testAppWithUi } from "../support/app.ts";
import { databaseKinds, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { makeStaff, makeTenant, makeUnit } from "../support/fixtures.ts";
import { insertTestLog } from "../support/relay-log-fixtures.ts";

/**
 * The relay log's access matrix for the family (issue 5), over HTTP with the real pages: every
 * family page of a log × guardian with and without parental responsibility, the young person
 * under and over the consent age, a guardian whose young person of age ended their access, and a
 * citizen of another family and of another municipality (with the same national ID number as an
 * allowed guardian there). Allowed cases answer 200; everyone else 404, and no refused answer
 * names the child. Staff pages stay closed to citizens.
 */
type Who =
  | "guardian"
  | "guardianWithoutResponsibility"
  | "youthOfAge"
  | "youthUnderAge"
  | "guardianOfEndedYouth"
  | "otherFamily"
  | "otherMunicipality";
type LogKey = "child" | "youthOfAge" | "youthUnderAge" | "endedYouth";

const childNames: Record<LogKey, string> = {
  child: "Familiebarn Matrise",
  youthOfAge: "Ungdom Myndig",
  youthUnderAge: "Ungdom Ungsen",
  endedYouth: "Ungdom Avsluttet",
};

/** Who may read which log: everything else is hidden. */
const allowed: Record<Who, LogKey[]> = {
  guardian: ["child"],
  guardianWithoutResponsibility: [],
  youthOfAge: ["youthOfAge"],
  youthUnderAge: [],
  guardianOfEndedYouth: [],
  otherFamily: [],
  otherMunicipality: [],
};

const familyPages = ["", "/samtykke", "/innsyn", "/mine-data", "/eksport.json", "/eksport.pdf"];

function birthDateYearsAgo(years: number): string {
  const today = osloDate();
  return `${Number(today.slice(0, 4)) - years}${today.slice(4)}`;
}

describe.each(databaseKinds)("the family's access matrix on %s", (kind) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof testAppWithUi>>["app"];
  let services: Services;
  const headers = new Map<Who, Record<string, string>>();
  const logIds = new Map<LogKey, string>();

  beforeAll(async () => {
    database = await freshDatabase(kind);
    ({ app, services } = await testAppWithUi(database));
    const lookup = citizenLookupSecret(services.config.dataEncryptionKey);
    const hash = (pid: string) => nationalIdLookupHash(lookup, pid);

    const tenant = await makeTenant(database, "Familievik kommune");
    const school = await makeUnit(database, tenant.id, "Familievik skole");
    const holder = await makeStaff(database, tenant.id, { unitIds: [school.id] });
    const other = await makeTenant(database, "Fremmedvik kommune");

    let individual = 100;
    const pids = new Map<Who, string>();
    const pidOf = (who: Who, birth: Date) => {
      individual += 7;
      const pid = syntheticNationalId(birth, individual);
      pids.set(who, pid);
      return pid;
    };
    const adult = new Date(Date.UTC(1985, 2, 14));
    const youthOfAgeBirth = birthDateYearsAgo(16);
    const youthUnderAgeBirth = birthDateYearsAgo(13);
    for (const who of [
      "guardian",
      "guardianWithoutResponsibility",
      "guardianOfEndedYouth",
      "otherFamily",
    ] as const) {
      pidOf(who, adult);
    }
    pidOf("youthOfAge", new Date(`${youthOfAgeBirth}T00:00:00Z`));
    pidOf("youthUnderAge", new Date(`${youthUnderAgeBirth}T00:00:00Z`));
    // The other municipality's citizen has the guardian's number: a citizen is per municipality.
    pids.set("otherMunicipality", pids.get("guardian")!);

    const logs: Record<LogKey, { birthDate: string; child?: Who }> = {
      child: { birthDate: birthDateYearsAgo(9) },
      youthOfAge: { birthDate: youthOfAgeBirth, child: "youthOfAge" },
      youthUnderAge: { birthDate: youthUnderAgeBirth, child: "youthUnderAge" },
      endedYouth: { birthDate: youthOfAgeBirth },
    };
    for (const [key, shape] of Object.entries(logs) as [LogKey, (typeof logs)[LogKey]][]) {
      const log = await insertTestLog(database, {
        tenantId: tenant.id,
        holder,
        holderUnitId: school.id,
        childName: childNames[key],
      });
      logIds.set(key, log.id);
      await database.tenant(tenant.id, (tx) =>
        tx
          .update(relayLogs)
          .set({
            childBirthDate: shape.birthDate,
            nationalIdHash: shape.child ? hash(pids.get(shape.child)!) : null,
            youthGuardianAccess: key === "endedYouth" ? "end" : null,
            youthGuardianAccessAt: key === "endedYouth" ? new Date() : null,
          })
          .where(eq(relayLogs.id, log.id)),
      );
    }
    const guardianRows: { log: LogKey; who: Who; responsible: boolean }[] = [
      { log: "child", who: "guardian", responsible: true },
      { log: "child", who: "guardianWithoutResponsibility", responsible: false },
      { log: "endedYouth", who: "guardianOfEndedYouth", responsible: true },
    ];
    for (const row of guardianRows) {
      await database.tenant(tenant.id, (tx) =>
        tx.insert(relayLogGuardians).values({
          tenantId: tenant.id,
          logId: logIds.get(row.log)!,
          name: `Foresatt ${row.who}`,
          parentalResponsibility: row.responsible,
          nationalIdHash: hash(pids.get(row.who)!),
          nationalIdEncrypted: encryptText(services.config.dataEncryptionKey, pids.get(row.who)!),
        }),
      );
    }

    for (const [who, pid] of pids) {
      const tenantId = who === "otherMunicipality" ? other.id : tenant.id;
      const [citizen] = await database.tenant(tenantId, (tx) =>
        tx
          .insert(citizens)
          .values({
            tenantId,
            nationalIdHash: hash(pid),
            nationalIdEncrypted: encryptText(services.config.dataEncryptionKey, pid),
            name: `Innbygger ${who}`,
          })
          .returning(),
      );
      const token = await database.system((tx) =>
        createSession(tx, {
          tenantId,
          subject: { citizenId: citizen!.id },
          authMethod: "test",
          timeouts: services.config.session,
        }),
      );
      const csrfSecret = newCsrfSecret();
      headers.set(who, {
        cookie: `${SESSION_COOKIE}=${token}; ${CSRF_COOKIE}=${csrfSecret}`,
        "x-csrf-token": csrfTokenFor(services.config.sessionSecret, csrfSecret),
      });
    }
  }, 120_000);

  afterAll(async () => {
    await database?.drop();
  });

  async function get(who: Who, path: string) {
    const response = await app.request(path, { headers: headers.get(who)! });
    const body = Buffer.from(await response.arrayBuffer()).toString("latin1");
    return { status: response.status, body };
  }

  const everyone = () => [...headers.keys()];
  const logKeys = Object.keys(childNames) as LogKey[];

  it("answers every family page of every log as the policy says, naming no child when refused", async () => {
    const failures: string[] = [];
    for (const key of logKeys) {
      for (const page of familyPages) {
        const path = `/familie/${logIds.get(key)}${page}`;
        for (const who of everyone()) {
          const ok = allowed[who].includes(key);
          const { status, body } = await get(who, path);
          if (status !== (ok ? 200 : 404)) {
            failures.push(`${who} ${path}: ${status}, expected ${ok ? 200 : 404}`);
          }
          if (!ok && body.includes(childNames[key])) {
            failures.push(`${who} ${path}: refused answer names the child`);
          }
          if (ok && page === "" && !body.includes(childNames[key])) {
            failures.push(`${who} ${path}: the allowed page does not show the child's name`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it("lists each citizen's own logs and no other on /familie", async () => {
    const failures: string[] = [];
    for (const who of everyone()) {
      const { status, body } = await get(who, "/familie");
      if (status !== 200) failures.push(`${who} /familie: ${status}`);
      for (const key of logKeys) {
        const shown = body.includes(childNames[key]);
        if (shown !== allowed[who].includes(key)) {
          failures.push(`${who} /familie: ${childNames[key]} ${shown ? "shown" : "missing"}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it("keeps the staff pages of a log closed to every citizen, even the allowed guardian", async () => {
    const failures: string[] = [];
    const logId = logIds.get("child")!;
    for (const who of everyone()) {
      for (const page of ["", "/plan", "/samtykke", "/tilgangslogg", "/arkiv.pdf"]) {
        const { status, body } = await get(who, `/stafettlogger/${logId}${page}`);
        if (status !== 403 && status !== 404) {
          failures.push(`${who} /stafettlogger/…${page}: ${status}`);
        }
        if (body.includes(childNames.child)) failures.push(`${who} staff page names the child`);
      }
      const api = await get(who, `/api/v1/relay-logs/${logId}`);
      if (api.status < 400) failures.push(`${who} API: ${api.status}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
