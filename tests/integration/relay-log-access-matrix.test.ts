import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../core/access/actor.ts";
import { staffRoles, type StaffRole } from "../../core/access/roles.ts";
import { and, eq } from "drizzle-orm";
import { relayLogEntryVersions, relayLogMeetings } from "../../db/schema/index.ts";
import { browserHeaders, testAppWithUi } from "../support/app.ts";
import { databaseKinds, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { makeStaff, makeTenant, makeUnit } from "../support/fixtures.ts";
import { insertTestLog } from "../support/relay-log-fixtures.ts";

/**
 * The relay log's access matrix over HTTP, with the real pages: every page and API endpoint of a
 * log × every role × participant or not × consent valid / expired / withdrawn × same or other
 * municipality. Allowed cases answer 200; a participant whose unit no valid consent covers gets
 * 403 ("frozen"); everyone else gets 404. No refused answer, list, search or count carries the
 * child's name.
 */
type Staff = Extract<Actor, { kind: "staff" }>;
type Consent = "valid" | "expired" | "withdrawn";
type Who =
  | "holder"
  | "participant"
  | "leaderParticipant"
  | "sectorParticipant"
  | `outsider:${StaffRole}`
  | "otherTenant";
type Outcome = "ok" | "frozen" | "holderOnly" | "noRelayLogRole" | "hidden";

const consents: Consent[] = ["valid", "expired", "withdrawn"];
const childName = (consent: Consent) => `Matrisebarn ${consent}`;

/** Pages every reader may see, and pages for the relay holder only. */
const readPages = [
  "",
  "/plan",
  "/evaluering",
  "/notater",
  "/moter",
  "/deltakere",
  "/samtykke",
  "/stafett",
];
const holderPages = ["/tilgangslogg", "/arkiv.pdf"];

/** Roles without the relay-log permission are refused before any log is looked up. */
const rolesWithoutRelayLog: Who[] = [
  "sectorParticipant",
  "outsider:sector_leader",
  "outsider:admin",
];

function expected(who: Who, consent: Consent, holderOnly: boolean): Outcome {
  if (who === "holder") return "ok";
  if (rolesWithoutRelayLog.includes(who)) return "noRelayLogRole";
  if (who === "participant" || who === "leaderParticipant") {
    if (consent !== "valid") return "frozen";
    return holderOnly ? "holderOnly" : "ok";
  }
  return "hidden";
}

const statusOf: Record<Outcome, number> = {
  ok: 200,
  frozen: 403,
  holderOnly: 403,
  noRelayLogRole: 403,
  hidden: 404,
};

describe.each(databaseKinds)("relay log access matrix on %s", (kind) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof testAppWithUi>>["app"];
  let services: Awaited<ReturnType<typeof testAppWithUi>>["services"];
  const actors = new Map<Who, Staff>();
  const headers = new Map<Who, Record<string, string>>();
  const logIds = new Map<Consent, string>();
  const meetingIds = new Map<Consent, string>();

  beforeAll(async () => {
    database = await freshDatabase(kind);
    ({ app, services } = await testAppWithUi(database));
    const tenant = await makeTenant(database, "Matrisevik kommune");
    const school = await makeUnit(database, tenant.id, "Matrisevik skole");
    const health = await makeUnit(database, tenant.id, "Matrisevik helsestasjon");
    actors.set("holder", await makeStaff(database, tenant.id, { unitIds: [school.id] }));
    actors.set("participant", await makeStaff(database, tenant.id, { unitIds: [health.id] }));
    actors.set(
      "leaderParticipant",
      await makeStaff(database, tenant.id, { roles: ["unit_leader"], unitIds: [health.id] }),
    );
    actors.set(
      "sectorParticipant",
      await makeStaff(database, tenant.id, { roles: ["sector_leader"], unitIds: [health.id] }),
    );
    for (const role of staffRoles) {
      actors.set(
        `outsider:${role}`,
        await makeStaff(database, tenant.id, { roles: [role], unitIds: [school.id] }),
      );
    }
    const other = await makeTenant(database, "Annenvik kommune");
    const otherUnit = await makeUnit(database, other.id, "Annenvik skole");
    const otherEmployee = await makeStaff(database, other.id, { unitIds: [otherUnit.id] });
    actors.set("otherTenant", otherEmployee);
    // The other municipality's employee holds a log of their own: holding a log elsewhere gives nothing here.
    await insertTestLog(database, {
      tenantId: other.id,
      holder: otherEmployee,
      holderUnitId: otherUnit.id,
      childName: "Annenvik Barn",
    });

    const holder = actors.get("holder")!;
    for (const consent of consents) {
      const log = await insertTestLog(database, {
        tenantId: tenant.id,
        holder,
        holderUnitId: school.id,
        participants: [
          { user: actors.get("participant")!, unitId: health.id },
          { user: actors.get("leaderParticipant")!, unitId: health.id },
          { user: actors.get("sectorParticipant")!, unitId: health.id },
        ],
        consent,
        childName: childName(consent),
      });
      logIds.set(consent, log.id);
      const [meeting] = await database.tenant(tenant.id, (tx) =>
        tx
          .insert(relayLogMeetings)
          .values({
            tenantId: tenant.id,
            logId: log.id,
            startsAt: new Date("2030-01-10T08:00:00Z"),
            endsAt: new Date("2030-01-10T09:00:00Z"),
            place: "Møterom 1",
            participantUserIds: [holder.userId],
            createdBy: holder.userId,
          })
          .returning(),
      );
      meetingIds.set(consent, meeting!.id);
    }
    for (const [who, actor] of actors) {
      headers.set(who, await browserHeaders(database, services, actor));
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

  const everyone = (): Who[] => [...actors.keys()];

  function pagesOf(consent: Consent): { path: string; holderOnly: boolean }[] {
    const base = `/stafettlogger/${logIds.get(consent)}`;
    const meeting = meetingIds.get(consent)!;
    return [
      ...readPages.map((page) => ({ path: `${base}${page}`, holderOnly: false })),
      { path: `${base}/moter/${meeting}`, holderOnly: false },
      { path: `${base}/moter/${meeting}/invitasjon.ics`, holderOnly: false },
      ...holderPages.map((page) => ({ path: `${base}${page}`, holderOnly: true })),
    ];
  }

  it.each(consents)(
    "answers every page of a log with consent %s as the policy says",
    async (consent) => {
      const failures: string[] = [];
      for (const page of pagesOf(consent)) {
        for (const who of everyone()) {
          const outcome = expected(who, consent, page.holderOnly);
          const { status, body } = await get(who, page.path);
          if (status !== statusOf[outcome]) {
            failures.push(
              `${who} ${page.path}: ${status}, expected ${statusOf[outcome]} (${outcome})`,
            );
          }
          if (outcome !== "ok" && body.includes(childName(consent))) {
            failures.push(`${who} ${page.path}: refused answer names the child`);
          }
        }
      }
      expect(failures).toEqual([]);
    },
    300_000,
  );

  it.each(consents)(
    "answers the API for a log with consent %s as the policy says",
    async (consent) => {
      const failures: string[] = [];
      for (const who of everyone()) {
        const outcome = expected(who, consent, false);
        const { status, body } = await get(who, `/api/v1/relay-logs/${logIds.get(consent)}`);
        // A personal access token is not a browser session: the API answers sessions too.
        if (status !== statusOf[outcome]) {
          failures.push(`${who}: ${status}, expected ${statusOf[outcome]} (${outcome})`);
        }
        if (outcome !== "ok" && body.includes(childName(consent))) {
          failures.push(`${who}: refused API answer names the child`);
        }
      }
      expect(failures).toEqual([]);
    },
    120_000,
  );

  it.each(consents)(
    "accepts or refuses a note on a log with consent %s as the policy says",
    async (consent) => {
      const logId = logIds.get(consent)!;
      const failures: string[] = [];
      for (const who of everyone()) {
        const outcome = expected(who, consent, false);
        const text = `Notat fra ${who}`;
        const response = await app.request(`/stafettlogger/${logId}/notater`, {
          method: "POST",
          headers: { ...headers.get(who)!, "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ kind: "note", occurredOn: "2026-01-05", text }).toString(),
        });
        const wanted = outcome === "ok" ? 302 : statusOf[outcome];
        if (response.status !== wanted) {
          failures.push(`${who}: ${response.status}, expected ${wanted} (${outcome})`);
        }
        const stored = await database.system((tx) =>
          tx
            .select({ id: relayLogEntryVersions.id })
            .from(relayLogEntryVersions)
            .where(
              and(eq(relayLogEntryVersions.logId, logId), eq(relayLogEntryVersions.text, text)),
            ),
        );
        if (stored.length !== (outcome === "ok" ? 1 : 0)) {
          failures.push(`${who}: ${stored.length} notes stored (${outcome})`);
        }
      }
      expect(failures).toEqual([]);
    },
    120_000,
  );

  it("leaks no child through lists, search, counts or notices", async () => {
    const outsiders = everyone().filter(
      (who) => who.startsWith("outsider:") || who === "otherTenant" || who === "sectorParticipant",
    );
    const failures: string[] = [];
    for (const who of outsiders) {
      for (const path of [
        "/stafettlogger",
        "/api/v1/relay-logs",
        "/",
        "/varsler",
        `/sok?q=${encodeURIComponent("Matrisebarn")}`,
      ]) {
        const { status, body } = await get(who, path);
        for (const consent of consents) {
          if (body.includes(childName(consent)))
            failures.push(`${who} ${path} (${status}) names a child`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
