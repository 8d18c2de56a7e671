import { and, eq } from "drizzle-orm";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../core/access/actor.ts";
import { citizenLookupSecret, nationalIdLookupHash } from "../../core/auth/login.ts";
import { createSession } from "../../core/auth/sessions.ts";
import { AppError } from "../../core/errors.ts";
import { encryptText } from "../../core/platform/crypto.ts";
import { addDays, osloDate } from "../../core/platform/dates.ts";
import { syntheticNationalId } from "../../core/platform/national-id.ts";
import { archivePdf } from "../../core/relay-log/archive-pdf.ts";
import { blankConsentForm } from "../../core/relay-log/blank-consent-form.ts";
import { scheduleEvaluation } from "../../core/relay-log/evaluations.ts";
import {
  answerCorrectionRequest,
  getFamilyDataPage,
  openCorrectionRequests,
  requestCorrection,
} from "../../core/relay-log/family-corrections.ts";
import { familyExport } from "../../core/relay-log/family-export.ts";
import {
  familyUnreadCount,
  listFamilyNotifications,
  markAllFamilyRead,
} from "../../core/relay-log/family-notify.ts";
import { getFamilyAccessTrail } from "../../core/relay-log/family-trail.ts";
import { getLogOverview } from "../../core/relay-log/logs.ts";
import { scheduleMeeting } from "../../core/relay-log/meetings.ts";
import { createArea, createGoal, getPlan } from "../../core/relay-log/plan.ts";
import { createRelayLogReminders, listNotifications } from "../../core/relay-log/reminders.ts";
import {
  auditEvents,
  citizens,
  notifications,
  relayLogAgendaItems,
  relayLogEntries,
  relayLogEntryVersions,
  relayLogGoalVoices,
  relayLogGuardians,
  relayLogs,
} from "../../db/schema/index.ts";
import { CSRF_COOKIE, csrfTokenFor, newCsrfSecret, SESSION_COOKIE } from "../../server/cookies.ts";
import type { Services } from "../../server/services.ts";
import { testAppWithUi } from "../support/app.ts";
import { databaseKinds, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { makeStaff, makeTenant, makeUnit } from "../support/fixtures.ts";
import { insertTestLog } from "../support/relay-log-fixtures.ts";

/**
 * The family's rights (issue 5): the access trail in their own view, the export (JSON and a
 * tagged PDF), correction requests answered by the relay holder, notices in Laget and by e-mail
 * (without the child's name), and the paper fallback (a print of the log, a blank consent form).
 */
type Staff = Extract<Actor, { kind: "staff" }>;
type Citizen = Extract<Actor, { kind: "citizen" }>;

const meta = { ip: "192.0.2.55", userAgent: "vitest", requestId: "req-family-rights" };
const CHILD = "Emil Rettighetsen";
const OTHER_CHILD = "Annen Fremmedsen";
const GUARDIAN_EMAIL = "silje.rettighetsen@testvik.example";

async function failure(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the use case to fail");
}

async function pdfText(bytes: Buffer) {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: true });
  return { text: text.replace(/\s+/g, " "), raw: bytes.toString("latin1") };
}

describe.each(databaseKinds)("the family's rights on %s", (kind) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof testAppWithUi>>["app"];
  let services: Services;
  let tenantId: string;
  let holder: Staff;
  let participant: Staff;
  let logId: string;
  let otherLogId: string;
  let silje: Citizen;
  let stranger: Citizen;
  let otherParent: Citizen;
  let goalId: string;
  const headers = new Map<string, Record<string, string>>();

  beforeAll(async () => {
    database = await freshDatabase(kind);
    ({ app, services } = await testAppWithUi(database));
    const lookup = citizenLookupSecret(services.config.dataEncryptionKey);
    const hash = (pid: string) => nationalIdLookupHash(lookup, pid);

    const tenant = await makeTenant(database, "Fjordvik kommune");
    tenantId = tenant.id;
    const school = await makeUnit(database, tenantId, "Fjordvik skole");
    const health = await makeUnit(database, tenantId, "Fjordvik helsestasjon");
    holder = await makeStaff(database, tenantId, { name: "Kari Lærer", unitIds: [school.id] });
    participant = await makeStaff(database, tenantId, {
      name: "Helga Helsesykepleier",
      unitIds: [health.id],
    });
    const log = await insertTestLog(database, {
      tenantId,
      holder,
      holderUnitId: school.id,
      participants: [{ user: participant, unitId: health.id }],
      childName: CHILD,
    });
    logId = log.id;
    const other = await insertTestLog(database, {
      tenantId,
      holder,
      holderUnitId: school.id,
      childName: OTHER_CHILD,
    });
    otherLogId = other.id;

    const adult = new Date(Date.UTC(1986, 4, 2));
    const pids = {
      silje: syntheticNationalId(adult, 211),
      stranger: syntheticNationalId(adult, 223),
      otherParent: syntheticNationalId(adult, 235),
    };
    const childPid = syntheticNationalId(new Date(Date.UTC(2017, 1, 3)), 301);
    await database.tenant(tenantId, async (tx) => {
      await tx
        .update(relayLogs)
        .set({
          childBirthDate: "2017-02-03",
          nationalIdEncrypted: encryptText(services.config.dataEncryptionKey, childPid),
        })
        .where(eq(relayLogs.id, logId));
      // The fixture's guardian is Silje: parental responsibility, her e-mail and national ID.
      await tx
        .update(relayLogGuardians)
        .set({
          name: "Silje Rettighetsen",
          email: GUARDIAN_EMAIL,
          nationalIdHash: hash(pids.silje),
          nationalIdEncrypted: encryptText(services.config.dataEncryptionKey, pids.silje),
        })
        .where(eq(relayLogGuardians.logId, logId));
      await tx
        .update(relayLogGuardians)
        .set({ email: "annen@testvik.example", nationalIdHash: hash(pids.otherParent) })
        .where(eq(relayLogGuardians.logId, otherLogId));
    });
    const citizenOf = async (pid: string, name: string): Promise<Citizen> => {
      const [row] = await database.tenant(tenantId, (tx) =>
        tx
          .insert(citizens)
          .values({
            tenantId,
            nationalIdHash: hash(pid),
            nationalIdEncrypted: encryptText(services.config.dataEncryptionKey, pid),
            name,
          })
          .returning(),
      );
      return { kind: "citizen", citizenId: row!.id, tenantId, name };
    };
    silje = await citizenOf(pids.silje, "Silje Rettighetsen");
    stranger = await citizenOf(pids.stranger, "Fremmed Innbygger");
    otherParent = await citizenOf(pids.otherParent, "Annen Forelder");
    for (const [key, citizen] of [
      ["silje", silje],
      ["stranger", stranger],
    ] as const) {
      const token = await database.system((tx) =>
        createSession(tx, {
          tenantId,
          subject: { citizenId: citizen.citizenId },
          authMethod: "test",
          timeouts: services.config.session,
        }),
      );
      const csrfSecret = newCsrfSecret();
      headers.set(key, {
        cookie: `${SESSION_COOKIE}=${token}; ${CSRF_COOKIE}=${csrfSecret}`,
        "x-csrf-token": csrfTokenFor(services.config.sessionSecret, csrfSecret),
      });
    }

    // The log's content, written by staff through the use cases (the family hooks run too).
    const common = (actor: Staff) => ({ database, actor, meta, logId });
    const area = await createArea({
      ...common(holder),
      values: { title: "Trivsel på skolen", description: "Trekker seg unna i friminuttene." },
    });
    const goal = await createGoal({
      ...common(holder),
      areaId: area.id,
      values: { text: "Leker med andre i friminuttene", expectedOutcome: "Tre dager i uka" },
    });
    goalId = goal.id;
    await scheduleEvaluation({
      ...common(holder),
      values: { scheduledOn: addDays(osloDate(), 30) },
    });
    const meeting = await scheduleMeeting({
      ...common(holder),
      values: {
        date: addDays(osloDate(), 7),
        startTime: "08:30",
        endTime: "09:30",
        place: "Møterom Fjorden",
        agenda: "Status for planen",
        participantUserIds: [],
        otherParticipants: "Silje",
      },
    });
    await database.tenant(tenantId, async (tx) => {
      const [entry] = await tx
        .insert(relayLogEntries)
        .values({
          tenantId,
          logId,
          kind: "note",
          occurredOn: osloDate(),
          authorUserId: holder.userId,
          authorName: holder.name,
          currentVersion: 2,
        })
        .returning();
      await tx.insert(relayLogEntryVersions).values([
        {
          tenantId,
          logId,
          entryId: entry!.id,
          version: 1,
          text: "Første versjon av notatet",
          editedBy: holder.userId,
          editedByName: holder.name,
        },
        {
          tenantId,
          logId,
          entryId: entry!.id,
          version: 2,
          text: "Rettet versjon av notatet",
          editedBy: holder.userId,
          editedByName: holder.name,
        },
      ]);
      await tx.insert(relayLogGoalVoices).values({
        tenantId,
        logId,
        goalId,
        citizenId: silje.citizenId,
        voiceKind: "guardian",
        authorName: "Silje Rettighetsen",
        text: "Vi ser at han trives bedre hjemme",
      });
      await tx.insert(relayLogAgendaItems).values({
        tenantId,
        logId,
        meetingId: meeting.id,
        citizenId: silje.citizenId,
        authorName: "Silje Rettighetsen",
        text: "Vi vil snakke om skoleveien",
      });
    });
    // Staff read the log: the participant reads the plan, the holder the overview.
    await getPlan({ ...common(participant) });
    await getLogOverview({ ...common(holder) });
    // The other family asks for a correction in their own log.
    await requestCorrection({
      database,
      actor: otherParent,
      meta,
      logId: otherLogId,
      values: { text: "Hemmelig tekst fra en annen familie" },
    });
  }, 180_000);

  afterAll(async () => {
    await database?.drop();
  });

  it("shows the family who read the log, with staff names and units, and their own reads as theirs", async () => {
    const trail = await getFamilyAccessTrail({ database, actor: silje, meta, logId });
    expect(trail.header.childName).toBe(CHILD);
    // The newest first: the family's own look at the trail is recorded before it is read.
    expect(trail.entries[0]).toMatchObject({
      eventType: "relaylog.viewed",
      view: "family_trail",
      self: true,
      actorKind: "citizen",
      actorName: "Silje Rettighetsen",
    });
    const planRead = trail.entries.find(
      (entry) => entry.view === "plan" && entry.actorName === "Helga Helsesykepleier",
    );
    expect(planRead).toMatchObject({
      actorKind: "staff",
      unitName: "Fjordvik helsestasjon",
      relation: "participant",
      self: false,
    });
    const overview = trail.entries.find((entry) => entry.view === "overview");
    expect(overview).toMatchObject({
      actorName: "Kari Lærer",
      unitName: "Fjordvik skole",
      relation: "holder",
    });
    expect(trail.entries.some((entry) => entry.eventType === "relaylog.plan_changed")).toBe(true);
    // Viewing it was audited against the log.
    const views = await database.system((tx) =>
      tx
        .select({ details: auditEvents.details })
        .from(auditEvents)
        .where(and(eq(auditEvents.subjectId, logId), eq(auditEvents.eventType, "relaylog.viewed"))),
    );
    expect(views.some((row) => row.details.view === "family_trail")).toBe(true);
  });

  it("pages the trail 50 at a time, newest first", async () => {
    for (let i = 0; i < 55; i += 1) await getPlan({ database, actor: participant, meta, logId });
    const first = await getFamilyAccessTrail({ database, actor: silje, meta, logId });
    expect(first.entries).toHaveLength(50);
    expect(first.pageCount).toBeGreaterThanOrEqual(2);
    const second = await getFamilyAccessTrail({ database, actor: silje, meta, logId, page: 2 });
    expect(second.page).toBe(2);
    const last = first.entries.at(-1)!;
    expect(new Date(second.entries[0]!.occurredAt) <= new Date(last.occurredAt)).toBe(true);
  });

  it("exports everything in the log as JSON, and nothing from another log or family", async () => {
    const file = await familyExport({ database, actor: silje, meta, logId, format: "json" });
    expect(file.contentType).toContain("application/json");
    const text = file.body.toString("utf8");
    const json = JSON.parse(text);
    expect(json.log.childName).toBe(CHILD);
    expect(json.log.nationalIdStored).toBe(true);
    expect(json.log).not.toHaveProperty("nationalIdEncrypted");
    expect(json.log).not.toHaveProperty("nationalIdHash");
    expect(json.guardians[0]).toMatchObject({ name: "Silje Rettighetsen", nationalIdStored: true });
    expect(json.guardians[0]).not.toHaveProperty("nationalIdHash");
    expect(json.participants.map((p: { name: string }) => p.name).sort()).toEqual([
      "Helga Helsesykepleier",
      "Kari Lærer",
    ]);
    expect(json.consents).toHaveLength(1);
    expect(json.consents[0]).toHaveProperty("scannedFormStored", false);
    expect(json.plan.areas[0].title).toBe("Trivsel på skolen");
    expect(json.plan.goals[0].text).toBe("Leker med andre i friminuttene");
    expect(json.evaluations).toHaveLength(1);
    expect(json.meetings[0].place).toBe("Møterom Fjorden");
    expect(json.agendaItems[0].text).toBe("Vi vil snakke om skoleveien");
    expect(json.notes[0].versions.map((v: { text: string }) => v.text)).toEqual([
      "Første versjon av notatet",
      "Rettet versjon av notatet",
    ]);
    expect(json.voices[0].text).toBe("Vi ser at han trives bedre hjemme");
    expect(Array.isArray(json.correctionRequests)).toBe(true);
    expect(json.accessTrail.length).toBeGreaterThan(10);
    expect(json.accessTrail.some((e: { view: string }) => e.view === "plan")).toBe(true);
    // Nothing from the other family's log.
    expect(text).not.toContain(OTHER_CHILD);
    expect(text).not.toContain(otherLogId);
    expect(text).not.toContain("Hemmelig tekst fra en annen familie");
    expect(text).not.toContain("annen@testvik.example");
    const exported = await database.system((tx) =>
      tx
        .select({ details: auditEvents.details })
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.subjectId, logId),
            eq(auditEvents.eventType, "relaylog.family.exported"),
          ),
        ),
    );
    expect(exported.map((row) => row.details.format)).toContain("json");
  });

  it("exports the same content as a tagged PDF", async () => {
    const file = await familyExport({
      database,
      actor: silje,
      meta,
      logId,
      format: "pdf",
      encryptionKey: services.config.dataEncryptionKey,
    });
    expect(file.contentType).toBe("application/pdf");
    const pdf = await pdfText(file.body);
    expect(pdf.raw).toContain("/StructTreeRoot");
    expect(pdf.raw).toContain("/MarkInfo");
    for (const expected of [
      `Mine data i Laget – ${CHILD}`,
      "Silje Rettighetsen",
      "Trivsel på skolen",
      "Leker med andre i friminuttene",
      "Møterom Fjorden",
      "Rettet versjon av notatet",
      "Første versjon av notatet",
      "Vi ser at han trives bedre hjemme",
      "Vi vil snakke om skoleveien",
      "Hvem har sett loggen",
      "Helga Helsesykepleier (Fjordvik helsestasjon)",
    ]) {
      expect(pdf.text).toContain(expected);
    }
    expect(pdf.text).not.toContain(OTHER_CHILD);
  });

  it("takes a correction request to the holder, who answers; the family sees it and is told", async () => {
    const { id } = await requestCorrection({
      database,
      actor: silje,
      meta,
      logId,
      values: { text: "Det står at Emil bytter skole. Han blir på Fjordvik skole." },
    });
    const empty = await failure(
      requestCorrection({ database, actor: silje, meta, logId, values: { text: "  " } }),
    );
    expect(empty.fieldErrors).toEqual({ text: "family.rights.correction.errors.textRequired" });

    // The holder sees it (and a notice in «Varsler»); a participant does not.
    const open = await openCorrectionRequests({ database, actor: holder, meta, logId });
    expect(open.map((row) => row.id)).toEqual([id]);
    expect(open[0]!.authorName).toBe("Silje Rettighetsen");
    expect(await openCorrectionRequests({ database, actor: participant, meta, logId })).toEqual([]);
    const holderNotice = await database.system((tx) =>
      tx
        .select()
        .from(notifications)
        .where(
          and(
            eq(notifications.userId, holder.userId),
            eq(notifications.kind, "correction_requested"),
            eq(notifications.logId, logId),
          ),
        ),
    );
    expect(holderNotice).toHaveLength(1);
    const holderView = await listNotifications({ database, actor: holder, meta });
    expect(
      holderView.items.find(
        (item) => item.kind === "correction_requested" && item.logTitle === CHILD,
      ),
    ).toMatchObject({ overdue: false, link: `/stafettlogger/${logId}#retting` });

    // Only the holder answers.
    const notHolder = await failure(
      answerCorrectionRequest({
        database,
        actor: participant,
        meta,
        logId,
        requestId: id,
        values: { answer: "Nei" },
      }),
    );
    expect(notHolder.code).toBe("forbidden");
    await markAllFamilyRead({ database, actor: silje });
    await answerCorrectionRequest({
      database,
      actor: holder,
      meta,
      logId,
      requestId: id,
      values: { answer: "Takk, det er rettet i notatet." },
    });
    const again = await failure(
      answerCorrectionRequest({
        database,
        actor: holder,
        meta,
        logId,
        requestId: id,
        values: { answer: "To ganger" },
      }),
    );
    expect(again.code).toBe("conflict");
    expect(await openCorrectionRequests({ database, actor: holder, meta, logId })).toEqual([]);

    const page = await getFamilyDataPage({ database, actor: silje, meta, logId });
    expect(page.requests[0]).toMatchObject({
      id,
      state: "answered",
      answer: "Takk, det er rettet i notatet.",
      answeredByName: "Kari Lærer",
    });
    const notices = await listFamilyNotifications({ database, actor: silje, meta });
    expect(notices.items[0]).toMatchObject({
      kind: "family_correction_answered",
      read: false,
      logTitle: CHILD,
      link: `/familie/${logId}`,
    });
    expect(await familyUnreadCount({ database, actor: silje })).toBe(1);
    const types = await database.system((tx) =>
      tx
        .select({ type: auditEvents.eventType, details: auditEvents.details })
        .from(auditEvents)
        .where(eq(auditEvents.subjectId, logId)),
    );
    const requested = types.find((row) => row.type === "relaylog.family.correction_requested");
    expect(requested?.details).toEqual({ requestId: id });
    expect(types.some((row) => row.type === "relaylog.family.correction_answered")).toBe(true);
  });

  it("tells the family of staff changes in Laget once a day, and mails the guardian without the child's name", async () => {
    const notices = await listFamilyNotifications({ database, actor: silje, meta });
    const kinds = notices.items.map((item) => item.kind);
    for (const kind of ["family_plan", "family_evaluation", "family_meeting"]) {
      expect(kinds).toContain(kind);
    }
    // Two plan changes on one day: one notice (dedupe key).
    expect(kinds.filter((k) => k === "family_plan")).toHaveLength(1);
    // The other family is told nothing about this log.
    const others = await listFamilyNotifications({ database, actor: otherParent, meta });
    expect(others.items).toEqual([]);

    const sent: { to: string; subject: string; text: string }[] = [];
    const mailer = {
      configured: true,
      async sendMail(message: { to: string; subject: string; text: string }) {
        sent.push(message);
      },
    };
    await createRelayLogReminders({ database, mailer, publicUrl: "https://laget.example" });
    const family = sent.filter((mail) => mail.to === GUARDIAN_EMAIL);
    expect(family).toHaveLength(1);
    expect(family[0]!.text).toContain("Det er nytt i en stafettlogg du er med i.");
    expect(family[0]!.text).toContain("https://laget.example/familie");
    for (const secret of [CHILD, "Emil", "Rettighetsen", "Trivsel", "Møterom"]) {
      expect(family[0]!.text).not.toContain(secret);
      expect(family[0]!.subject).not.toContain(secret);
    }
    // A second run mails nothing more.
    sent.length = 0;
    await createRelayLogReminders({ database, mailer, publicUrl: "https://laget.example" });
    expect(sent.filter((mail) => mail.to === GUARDIAN_EMAIL)).toHaveLength(0);
  });

  it("gives citizens without access not_found for every use case and route", async () => {
    // One at a time (thunks), so no refused promise waits unhandled.
    for (const work of [
      () => getFamilyAccessTrail({ database, actor: stranger, meta, logId }),
      () => familyExport({ database, actor: stranger, meta, logId, format: "json" }),
      () => familyExport({ database, actor: stranger, meta, logId, format: "pdf" }),
      () => getFamilyDataPage({ database, actor: stranger, meta, logId }),
      () => requestCorrection({ database, actor: stranger, meta, logId, values: { text: "Feil" } }),
      () => getFamilyAccessTrail({ database, actor: silje, meta, logId: otherLogId }),
    ]) {
      expect((await failure(work())).code).toBe("not_found");
    }
    for (const path of ["/innsyn", "/mine-data", "/eksport.json", "/eksport.pdf"]) {
      const response = await app.request(`/familie/${logId}${path}`, {
        headers: headers.get("stranger")!,
      });
      expect(response.status, path).toBe(404);
      expect(await response.text()).not.toContain(CHILD);
    }
    const post = await app.request(`/familie/${logId}/mine-data`, {
      method: "POST",
      headers: {
        ...headers.get("stranger")!,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ text: "Feil" }).toString(),
    });
    expect(post.status).toBe(404);
    // Staff's paper fallback is not for citizens.
    const print = await app.request(`/stafettlogger/${logId}/utskrift.pdf`, {
      headers: headers.get("silje")!,
    });
    expect(print.status).toBe(403);
  });

  it("serves the allowed family the pages and files over HTTP", async () => {
    const h = headers.get("silje")!;
    const trail = await app.request(`/familie/${logId}/innsyn`, { headers: h });
    expect(trail.status).toBe(200);
    const html = await trail.text();
    expect(html).toContain("Helga Helsesykepleier (Fjordvik helsestasjon) leste planen");
    expect(html).toMatch(/Du så hvem som har sett loggen \d\d\.\d\d\.\d{4} kl\. \d\d\.\d\d/);
    const json = await app.request(`/familie/${logId}/eksport.json`, { headers: h });
    expect(json.status).toBe(200);
    expect(json.headers.get("cache-control")).toBe("no-store");
    expect((await json.json()).log.childName).toBe(CHILD);
    const pdf = await app.request(`/familie/${logId}/eksport.pdf`, { headers: h });
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    const varsler = await app.request("/varsler", { headers: h });
    expect(varsler.status).toBe(200);
    expect(await varsler.text()).toContain("Du har fått svar på en forespørsel om retting");
  });

  it("lets the holder print the open log (not an archive copy) and a blank consent form", async () => {
    const { pdf, filename } = await archivePdf({
      database,
      actor: holder,
      meta,
      logId,
      encryptionKey: services.config.dataEncryptionKey,
      purpose: "print",
    });
    expect(filename).toContain("utskrift");
    const printed = await pdfText(pdf);
    expect(printed.raw).toContain("/StructTreeRoot");
    expect(printed.text).toContain(`Utskrift av stafettlogg – ${CHILD}`);
    expect(printed.text).toContain("Dette er ikke en arkivkopi.");
    const [row] = await database.system((tx) =>
      tx
        .select({ archivedAt: relayLogs.archivedAt })
        .from(relayLogs)
        .where(eq(relayLogs.id, logId)),
    );
    expect(row!.archivedAt).toBeNull();
    expect(
      (
        await failure(
          archivePdf({
            database,
            actor: participant,
            meta,
            logId,
            encryptionKey: services.config.dataEncryptionKey,
            purpose: "print",
          }),
        )
      ).code,
    ).toBe("forbidden");

    for (const [language, title] of [
      ["nb", "Samtykke til stafettlogg"],
      ["nn", "Kva du samtykkjer til"],
      ["en", "Consent to a relay log"],
    ] as const) {
      const form = await blankConsentForm({
        database,
        actor: holder,
        meta,
        logId,
        formLanguage: language,
      });
      const text = (await pdfText(form.pdf)).text;
      expect(text).toContain(title);
      expect(text).toContain("Fjordvik skole");
      expect(text).toContain("Fjordvik helsestasjon");
      expect(text).not.toContain(CHILD);
    }
    const events = await database.system((tx) =>
      tx
        .select({ type: auditEvents.eventType })
        .from(auditEvents)
        .where(eq(auditEvents.subjectId, logId)),
    );
    expect(events.map((e) => e.type)).toContain("relaylog.printed");
    expect(events.map((e) => e.type)).toContain("relaylog.blank_consent_form_printed");
  });
});
