import { eq } from "drizzle-orm";
import type { Tx } from "./client.ts";
import {
  childWelfareReports,
  nextOfKinCases,
  relayLogAreas,
  relayLogConsents,
  relayLogEntries,
  relayLogEntryVersions,
  relayLogEvaluations,
  relayLogGoals,
  relayLogGoalScores,
  relayLogGuardians,
  relayLogHandovers,
  relayLogJoinRequests,
  relayLogLevelChanges,
  relayLogMeasures,
  relayLogMeetings,
  relayLogParticipants,
  relayLogs,
  userUnits,
  users,
} from "./schema/index.ts";
import { citizenLookupSecret, nationalIdLookupHash } from "../core/auth/login.ts";
import { recordAudit } from "../core/audit/audit.ts";
import { noRequestMeta, systemActor } from "../core/access/actor.ts";
import { encryptText } from "../core/platform/crypto.ts";
import { addDays, osloDate } from "../core/platform/dates.ts";
import { syntheticNationalId } from "../core/platform/national-id.ts";

/**
 * The demo municipality's relay logs: 36 fictional children across levels, units and states
 * (valid, expiring, expired and withdrawn consent; pending and accepted handovers; a transition;
 * closed logs; anonymous case discussions), with plans, evaluations, meetings and notes, so every
 * page of the relay log has something to show. Every name is made up; ID numbers are synthetic.
 */

/** Extra demo staff who take part in logs; they log in with the demo password like the others. */
export const demoRelayLogStaff: { name: string; email: string; unit: string }[] = [
  { name: "Per Pedagog", email: "pedagog@fjordvik.example", unit: "Solsikken barnehage" },
  { name: "Mona Miljøarbeider", email: "miljo@fjordvik.example", unit: "Nordstrand ungdomsskole" },
  { name: "Ola Rådgiver", email: "ppt@fjordvik.example", unit: "PPT Fjordvik" },
  { name: "Nina Veileder", email: "nav@fjordvik.example", unit: "NAV Fjordvik" },
  { name: "Terje Terapeut", email: "rus@fjordvik.example", unit: "Psykisk helse og rus" },
  {
    name: "Frida Familieterapeut",
    email: "familie@fjordvik.example",
    unit: "Familiens hus Fjordvik",
  },
];

const firstNames = [
  "Aksel",
  "Ella",
  "Filip",
  "Hedda",
  "Isak",
  "Jenny",
  "Kasper",
  "Linnea",
  "Magnus",
  "Nora",
  "Oskar",
  "Pernille",
  "Sander",
  "Tiril",
  "Vetle",
  "Ylva",
  "Brage",
  "Celine",
];
const lastNames = ["Fjellstad", "Havnås", "Lyngmo", "Strandvik", "Bergtun", "Sjøholt", "Eikrem"];

const areaTemplates = [
  {
    title: "Trivsel i barnehagen",
    description: "Trekker seg unna lek og virker trist etter helger.",
  },
  { title: "Fravær fra skolen", description: "Høyt fravær siste to måneder, ofte mandager." },
  {
    title: "Språk og kommunikasjon",
    description: "Få ord for alderen; vansker med å gjøre seg forstått.",
  },
  { title: "Vennskap", description: "Blir ofte holdt utenfor i friminuttene." },
  { title: "Søvn og hvile", description: "Sliten om morgenen, sovner i hvilestunden." },
  { title: "Konsentrasjon", description: "Uro i timene, vansker med å komme i gang med oppgaver." },
];

const goalTemplates = [
  {
    text: "Deltar i lek med minst ett annet barn hver dag",
    expected: "Leker med ett barn de fleste dager",
  },
  { text: "Møter på skolen alle dager i en vanlig uke", expected: "Fravær under 10 prosent" },
  {
    text: "Bruker setninger med tre ord eller mer",
    expected: "Gjør seg forstått av voksne i barnehagen",
  },
  { text: "Har en fast venn i klassen", expected: "Er sammen med en venn i friminuttene" },
];

const measureTemplates = [
  { what: "Fast voksen tar imot ved levering", place: "service" },
  { what: "Leser sammen ti minutter hver kveld", place: "home" },
  { what: "Samtaler med helsesykepleier annenhver uke", place: "service" },
  { what: "Fast leggetid og skjermfri siste time", place: "home" },
  { what: "Språkgruppe to ganger i uken", place: "service" },
];

const noteTexts = [
  "Hadde en god uke. Var med i lek ute flere dager.",
  "Samtale med mor om søvn. Hun ønsker råd om rutiner.",
  "Kom for sent tre dager. Avtalt at kontaktlærer ringer hjem.",
  "Deltok i språkgruppen og fortalte om helgen.",
];

const highlightTexts = [
  "Lo høyt og ledet leken i sandkassen i dag!",
  "Viste stolt fram tegningen sin til hele gruppen.",
  "Tok initiativ til å hjelpe en yngre elev.",
];

/** A small deterministic generator, so the demo is the same on every machine. */
function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

interface Scenario {
  holder: string;
  participants: string[];
  level: 1 | 2 | 3;
  consent: "valid" | "expiring" | "expired" | "withdrawn" | "none";
  status: "open" | "closed";
  kind: "log" | "anonymous";
  handover?: "pending" | "accepted" | "transition";
  joinRequestFrom?: string;
}

const EMMA = "ansatt@fjordvik.example";
const HELGA = "helsesykepleier@fjordvik.example";
const BJORN = "bts@fjordvik.example";
const LISE = "leder@fjordvik.example";
const KARI = "koordinator@fjordvik.example";

/** Who holds which log, with whom, in what state: a spread over the demo's staff. */
function scenarios(): Scenario[] {
  const list: Scenario[] = [];
  const base = { status: "open" as const, kind: "log" as const };
  list.push(
    { ...base, holder: EMMA, participants: [HELGA], level: 2, consent: "valid" },
    {
      ...base,
      holder: EMMA,
      participants: [HELGA, "ppt@fjordvik.example"],
      level: 3,
      consent: "valid",
    },
    { ...base, holder: EMMA, participants: [HELGA], level: 2, consent: "expiring" },
    { ...base, holder: EMMA, participants: [HELGA], level: 2, consent: "expired" },
    { ...base, holder: EMMA, participants: [], level: 1, consent: "none" },
    {
      ...base,
      holder: EMMA,
      participants: [HELGA],
      level: 2,
      consent: "valid",
      joinRequestFrom: "familie@fjordvik.example",
    },
    {
      ...base,
      holder: EMMA,
      participants: [HELGA],
      level: 2,
      consent: "valid",
      handover: "pending",
    },
    { ...base, holder: HELGA, participants: [EMMA], level: 2, consent: "valid" },
    {
      ...base,
      holder: HELGA,
      participants: [EMMA, "familie@fjordvik.example"],
      level: 3,
      consent: "valid",
    },
    { ...base, holder: HELGA, participants: [EMMA], level: 2, consent: "withdrawn" },
    {
      ...base,
      holder: HELGA,
      participants: [BJORN],
      level: 2,
      consent: "valid",
      handover: "accepted",
    },
    {
      ...base,
      holder: BJORN,
      participants: [HELGA, "pedagog@fjordvik.example"],
      level: 2,
      consent: "valid",
    },
    { ...base, holder: BJORN, participants: [HELGA], level: 1, consent: "valid" },
    {
      ...base,
      holder: BJORN,
      participants: [EMMA, HELGA],
      level: 2,
      consent: "valid",
      handover: "transition",
    },
    {
      ...base,
      holder: "pedagog@fjordvik.example",
      participants: [BJORN, HELGA],
      level: 2,
      consent: "valid",
    },
    {
      ...base,
      holder: "pedagog@fjordvik.example",
      participants: [HELGA],
      level: 2,
      consent: "valid",
      handover: "pending",
    },
    {
      ...base,
      holder: "miljo@fjordvik.example",
      participants: [HELGA, "ppt@fjordvik.example"],
      level: 3,
      consent: "valid",
    },
    {
      ...base,
      holder: "miljo@fjordvik.example",
      participants: ["nav@fjordvik.example"],
      level: 3,
      consent: "expiring",
    },
    { ...base, holder: "ppt@fjordvik.example", participants: [EMMA], level: 2, consent: "valid" },
    {
      ...base,
      holder: "familie@fjordvik.example",
      participants: [HELGA, "rus@fjordvik.example"],
      level: 3,
      consent: "valid",
    },
    {
      ...base,
      holder: "familie@fjordvik.example",
      participants: [HELGA],
      level: 2,
      consent: "expired",
    },
    { ...base, holder: LISE, participants: [EMMA, HELGA], level: 2, consent: "valid" },
    { ...base, holder: KARI, participants: [HELGA], level: 2, consent: "valid" },
    {
      ...base,
      holder: HELGA,
      participants: ["miljo@fjordvik.example"],
      level: 2,
      consent: "valid",
    },
    { ...base, holder: EMMA, participants: [HELGA], level: 2, consent: "valid", status: "closed" },
    { ...base, holder: HELGA, participants: [EMMA], level: 3, consent: "valid", status: "closed" },
    {
      ...base,
      holder: BJORN,
      participants: [HELGA],
      level: 2,
      consent: "withdrawn",
      status: "closed",
    },
    {
      ...base,
      holder: "miljo@fjordvik.example",
      participants: [],
      level: 1,
      consent: "valid",
      status: "closed",
    },
    {
      ...base,
      holder: "familie@fjordvik.example",
      participants: [HELGA],
      level: 2,
      consent: "expired",
      status: "closed",
    },
    { ...base, holder: EMMA, participants: [], level: 1, consent: "valid" },
    { ...base, holder: HELGA, participants: [], level: 1, consent: "valid" },
    {
      ...base,
      holder: "ppt@fjordvik.example",
      participants: [HELGA, BJORN],
      level: 3,
      consent: "valid",
    },
  );
  list.push(
    {
      holder: EMMA,
      participants: [LISE],
      level: 1,
      consent: "none",
      status: "open",
      kind: "anonymous",
    },
    {
      holder: BJORN,
      participants: ["pedagog@fjordvik.example"],
      level: 1,
      consent: "none",
      status: "open",
      kind: "anonymous",
    },
    {
      holder: "miljo@fjordvik.example",
      participants: [HELGA],
      level: 2,
      consent: "none",
      status: "open",
      kind: "anonymous",
    },
    {
      holder: HELGA,
      participants: [],
      level: 1,
      consent: "none",
      status: "closed",
      kind: "anonymous",
    },
  );
  return list;
}

export async function seedDemoRelayLogs(
  tx: Tx,
  input: {
    tenantId: string;
    unitIdByName: Map<string, string>;
    passwordHash: string;
    dataEncryptionKey?: Buffer;
    retentionMonths: number;
    today?: string;
  },
): Promise<number> {
  const { tenantId } = input;
  const today = input.today ?? osloDate();
  const random = seeded(2026);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

  for (const person of demoRelayLogStaff) {
    const [user] = await tx
      .insert(users)
      .values({
        tenantId,
        name: person.name,
        email: person.email,
        roles: ["employee"],
        passwordHash: input.passwordHash,
      })
      .returning();
    await tx.insert(userUnits).values({
      tenantId,
      userId: user!.id,
      unitId: input.unitIdByName.get(person.unit)!,
    });
  }
  const staffRows = await tx
    .select({ id: users.id, email: users.email, name: users.name, unitId: userUnits.unitId })
    .from(users)
    .innerJoin(userUnits, eq(userUnits.userId, users.id))
    .where(eq(users.tenantId, tenantId));
  const staff = new Map(staffRows.map((row) => [row.email, row]));
  const person = (email: string) => {
    const row = staff.get(email);
    if (!row) throw new Error(`Demo user without unit: ${email}`);
    return row;
  };
  const secret = input.dataEncryptionKey ? citizenLookupSecret(input.dataEncryptionKey) : null;
  const actor = systemActor(tenantId, "seed");

  const all = scenarios();
  for (const [index, scenario] of all.entries()) {
    const holder = person(scenario.holder);
    const participants = scenario.participants.map(person);
    const openedOn = addDays(today, -(40 + Math.floor(random() * 300)));
    const ageYears = 1 + Math.floor(random() * 16);
    const birthDate = addDays(today, -(ageYears * 365 + Math.floor(random() * 300)));
    const childName = `${firstNames[index % firstNames.length]} ${pick(lastNames)}`;
    const nationalId =
      scenario.kind === "log" && index % 3 !== 2
        ? syntheticNationalId(new Date(`${birthDate}T00:00:00Z`), 100 + index * 7)
        : null;
    const closed = scenario.status === "closed";
    const closedOn = closed ? addDays(today, -(5 + index)) : null;
    const unitIds = [...new Set([holder.unitId, ...participants.map((p) => p.unitId)])];
    const [log] = await tx
      .insert(relayLogs)
      .values({
        tenantId,
        kind: scenario.kind,
        status: scenario.status,
        level: scenario.level,
        pseudonym:
          scenario.kind === "anonymous" ? `${pick(["Jente", "Gutt"])} ${ageYears} år` : null,
        childName: scenario.kind === "log" ? childName : null,
        childBirthDate: scenario.kind === "log" ? birthDate : null,
        nationalIdHash: nationalId && secret ? nationalIdLookupHash(secret, nationalId) : null,
        nationalIdEncrypted:
          nationalId && input.dataEncryptionKey
            ? encryptText(input.dataEncryptionKey, nationalId)
            : null,
        holderUserId: holder.id,
        holderUnitId: holder.unitId,
        unitIds,
        openedBy: holder.id,
        origin: scenario.kind === "anonymous" ? "anonymous" : index % 4 === 0 ? "worry" : "direct",
        closedAt: closedOn ? new Date(`${closedOn}T12:00:00Z`) : null,
        closeReason: closed ? pick(["goals_reached", "moved", "individual_plan"]) : null,
        closeNote: closed ? "Målene er nådd. Avsluttet i samråd med foresatte." : null,
        closedBy: closed ? holder.id : null,
        archivedAt: closed && index % 2 === 0 ? new Date(`${closedOn}T13:00:00Z`) : null,
        deleteAfter: closedOn ? addDays(closedOn, Math.round(input.retentionMonths * 30.44)) : null,
        createdAt: new Date(`${openedOn}T09:00:00Z`),
      })
      .returning();
    const logId = log!.id;

    for (const member of [holder, ...participants]) {
      await tx.insert(relayLogParticipants).values({
        tenantId,
        logId,
        userId: member.id,
        unitId: member.unitId,
        addedBy: holder.id,
        joinedAt: new Date(`${openedOn}T09:00:00Z`),
      });
    }
    await tx.insert(relayLogLevelChanges).values({
      tenantId,
      logId,
      fromLevel: null,
      toLevel: scenario.level === 3 ? 2 : scenario.level,
      reason: "Loggen ble opprettet",
      changedBy: holder.id,
      changedAt: new Date(`${openedOn}T09:00:00Z`),
    });
    if (scenario.level === 3) {
      await tx.insert(relayLogLevelChanges).values({
        tenantId,
        logId,
        fromLevel: 2,
        toLevel: 3,
        reason: "Behov for bredere samarbeid med flere tjenester",
        changedBy: holder.id,
        changedAt: new Date(`${addDays(openedOn, 30)}T10:00:00Z`),
      });
    }

    if (scenario.kind === "log") {
      const guardianRows = await tx
        .insert(relayLogGuardians)
        .values([
          {
            tenantId,
            logId,
            name: `Mor ${childName.split(" ")[1]}`,
            phone: "99000000",
            email: `mor.${index}@foresatt.example`,
            parentalResponsibility: true,
          },
          {
            tenantId,
            logId,
            name: `Far ${childName.split(" ")[1]}`,
            phone: "99000001",
            email: `far.${index}@foresatt.example`,
            parentalResponsibility: index % 5 !== 0,
          },
        ])
        .returning();
      if (scenario.consent !== "none") {
        const givenOn = openedOn;
        const expiresOn =
          scenario.consent === "expired"
            ? addDays(today, -3)
            : scenario.consent === "expiring"
              ? addDays(today, 12)
              : addDays(today, 120 + (index % 5) * 20);
        await tx.insert(relayLogConsents).values({
          tenantId,
          logId,
          givers: guardianRows
            .filter((guardian) => guardian.parentalResponsibility)
            .map((guardian) => ({
              kind: "guardian" as const,
              guardianId: guardian.id,
              name: guardian.name,
            })),
          method: index % 2 === 0 ? "paper" : "oral",
          witness: index % 2 === 0 ? null : holder.name,
          unitIds,
          givenOn,
          expiresOn: expiresOn < givenOn ? addDays(givenOn, 1) : expiresOn,
          recordedBy: holder.id,
          withdrawnAt:
            scenario.consent === "withdrawn" ? new Date(`${addDays(today, -2)}T10:00:00Z`) : null,
          withdrawnNote:
            scenario.consent === "withdrawn" ? "Foresatte ønsket å trekke samtykket." : null,
          withdrawnBy: scenario.consent === "withdrawn" ? holder.id : null,
        });
      }
    }

    // The plan: one or two concern areas, each with a goal and measures (a home/service pair).
    const areaCount = 1 + (index % 2);
    const goalIds: string[] = [];
    const areaIds: string[] = [];
    for (let a = 0; a < areaCount; a += 1) {
      const template = areaTemplates[(index + a) % areaTemplates.length]!;
      const [area] = await tx
        .insert(relayLogAreas)
        .values({ tenantId, logId, ...template, sortOrder: a, createdBy: holder.id })
        .returning();
      areaIds.push(area!.id);
      const goalTemplate = goalTemplates[(index + a) % goalTemplates.length]!;
      const [goal] = await tx
        .insert(relayLogGoals)
        .values({
          tenantId,
          logId,
          areaId: area!.id,
          text: goalTemplate.text,
          expectedOutcome: goalTemplate.expected,
          createdBy: holder.id,
        })
        .returning();
      goalIds.push(goal!.id);
      const serviceTemplate = measureTemplates[(index + a) % measureTemplates.length]!;
      const startsOn = addDays(openedOn, 7);
      const overdue = index % 6 === 1 && !closed;
      const [serviceMeasure] = await tx
        .insert(relayLogMeasures)
        .values({
          tenantId,
          logId,
          goalId: goal!.id,
          what:
            serviceTemplate.place === "service"
              ? serviceTemplate.what
              : "Fast voksen tar imot ved levering",
          responsibleKind: "person",
          responsibleUserId: holder.id,
          place: "service",
          startsOn,
          dueOn: overdue ? addDays(today, -4) : addDays(today, 30 + a * 14),
          status: closed ? "done" : "ongoing",
          createdBy: holder.id,
        })
        .returning();
      await tx.insert(relayLogMeasures).values({
        tenantId,
        logId,
        goalId: goal!.id,
        what: "Leser sammen ti minutter hver kveld",
        responsibleKind: "family",
        responsibleText: "Foresatte",
        place: "home",
        supportsMeasureId: serviceMeasure!.id,
        startsOn,
        dueOn: addDays(today, 45),
        status: closed ? "done" : "ongoing",
        createdBy: holder.id,
      });
    }

    // Evaluations: a held one with scores for most logs, and the next one scheduled.
    if (index % 4 !== 3) {
      const heldOn = addDays(openedOn, 35);
      const [evaluation] = await tx
        .insert(relayLogEvaluations)
        .values({
          tenantId,
          logId,
          scheduledOn: heldOn,
          heldOn,
          heldBy: holder.id,
          summary: "Gode framskritt. Tiltakene videreføres.",
        })
        .returning();
      for (const goalId of goalIds) {
        await tx.insert(relayLogGoalScores).values({
          tenantId,
          logId,
          evaluationId: evaluation!.id,
          goalId,
          scorerKind: "staff",
          scorerUserId: holder.id,
          score: [-1, 0, 0, 1, 2][index % 5]!,
          comment: "Vurdert sammen med foresatte i møtet.",
        });
      }
    }
    if (!closed) {
      const due = index % 5 === 0 ? addDays(today, -2) : addDays(today, 3 + (index % 20));
      await tx.insert(relayLogEvaluations).values({ tenantId, logId, scheduledOn: due });
    }

    // Meetings: a held one with minutes, and an upcoming one for open logs.
    const memberIds = [holder.id, ...participants.map((p) => p.id)];
    await tx.insert(relayLogMeetings).values({
      tenantId,
      logId,
      startsAt: new Date(`${addDays(openedOn, 10)}T08:00:00Z`),
      endsAt: new Date(`${addDays(openedOn, 10)}T09:00:00Z`),
      place: "Møterom 2, rådhuset",
      agenda: "1. Status\n2. Mål og tiltak\n3. Neste evaluering",
      participantUserIds: memberIds,
      otherParticipants: "Mor og far",
      status: "held",
      minutesDecisions: "Vi starter tiltakene i planen fra neste uke.",
      minutesActions: `${holder.name} følger opp tiltakene. Foresatte leser hjemme hver kveld.`,
      minutesBy: holder.id,
      minutesAt: new Date(`${addDays(openedOn, 10)}T10:00:00Z`),
      createdBy: holder.id,
    });
    if (!closed) {
      const day = addDays(today, 1 + (index % 12));
      await tx.insert(relayLogMeetings).values({
        tenantId,
        logId,
        startsAt: new Date(`${day}T07:30:00Z`),
        endsAt: new Date(`${day}T08:30:00Z`),
        place: "Møterommet på skolen",
        agenda: "Evaluering av målene",
        participantUserIds: memberIds,
        otherParticipants: "Foresatte",
        createdBy: holder.id,
      });
    }

    // Notes and positive observations; every third note was corrected (two versions).
    const entryCount = 2 + (index % 3);
    for (let e = 0; e < entryCount; e += 1) {
      const author = e % 2 === 0 || participants.length === 0 ? holder : participants[0]!;
      const highlight = e === entryCount - 1;
      const text = highlight ? pick(highlightTexts) : pick(noteTexts);
      const corrected = !highlight && e % 3 === 0;
      const [entry] = await tx
        .insert(relayLogEntries)
        .values({
          tenantId,
          logId,
          kind: highlight ? "highlight" : "note",
          areaId: highlight ? null : areaIds[0]!,
          occurredOn: addDays(openedOn, 14 + e * 9),
          authorUserId: author.id,
          authorName: author.name,
          currentVersion: corrected ? 2 : 1,
        })
        .returning();
      await tx.insert(relayLogEntryVersions).values({
        tenantId,
        logId,
        entryId: entry!.id,
        version: 1,
        text: corrected ? text.replace(".", ",") : text,
        editedBy: author.id,
        editedByName: author.name,
      });
      if (corrected) {
        await tx.insert(relayLogEntryVersions).values({
          tenantId,
          logId,
          entryId: entry!.id,
          version: 2,
          text,
          editedBy: author.id,
          editedByName: author.name,
        });
      }
    }

    // Handovers and join requests.
    if (scenario.handover === "pending") {
      const receiver = person(scenario.holder === EMMA ? HELGA : EMMA);
      await tx.insert(relayLogHandovers).values({
        tenantId,
        logId,
        fromUserId: holder.id,
        toUserId: receiver.id,
        toUnitId: receiver.unitId,
        message: "Kan du ta over stafetten? Du følger opp barnet tettest nå.",
      });
    } else if (scenario.handover === "accepted" || scenario.handover === "transition") {
      const previous = person(
        scenario.handover === "transition" ? "pedagog@fjordvik.example" : EMMA,
      );
      await tx.insert(relayLogHandovers).values({
        tenantId,
        logId,
        fromUserId: previous.id,
        toUserId: holder.id,
        toUnitId: holder.unitId,
        isTransition: scenario.handover === "transition",
        leavingUnitId: scenario.handover === "transition" ? previous.unitId : null,
        message: "Overgang fra barnehage til skole.",
        state: "accepted",
        decidedAt: new Date(`${addDays(openedOn, 20)}T09:00:00Z`),
      });
    }
    if (scenario.joinRequestFrom) {
      const asker = person(scenario.joinRequestFrom);
      await tx.insert(relayLogJoinRequests).values({
        tenantId,
        logId,
        userId: asker.id,
        unitId: asker.unitId,
        message: "Familien får oppfølging hos oss også.",
      });
    }
    if (index === 9) {
      await tx.insert(childWelfareReports).values({
        tenantId,
        logId,
        reportedBy: holder.id,
        reporterUnitId: holder.unitId,
        recipient: "Barneverntjenesten i Fjordvik",
      });
    }
    await recordAudit(tx, {
      type: "relaylog.opened",
      tenantId,
      actor,
      meta: noRequestMeta,
      subject: { type: "relay_log", id: logId },
      details: { kind: scenario.kind, level: scenario.level, demo: true },
    });
  }

  // Barn som pårørende in the adult services.
  const therapist = person("rus@fjordvik.example");
  const navCounsellor = person("nav@fjordvik.example");
  await tx.insert(nextOfKinCases).values([
    {
      tenantId,
      unitId: therapist.unitId,
      createdBy: therapist.id,
      parentReference: "Sak 2026-114",
      parentSituation: "substance_use",
      children: [
        { name: "Lea Fjordstrand", birthYear: 2014 },
        { name: "Jon Fjordstrand", birthYear: 2018 },
      ],
      conversationOn: addDays(today, -10),
      childrensNeeds: "Trenger informasjon tilpasset alder og en trygg voksen på skolen.",
      actionsTaken: "Informert om helsesykepleier og samtalegruppe for barn som pårørende.",
      followUpOn: addDays(today, 2),
    },
    {
      tenantId,
      unitId: navCounsellor.unitId,
      createdBy: navCounsellor.id,
      parentReference: "K.B.",
      parentSituation: "mental_illness",
      children: [{ name: "Mina Bergtun", birthYear: 2012 }],
      conversationOn: addDays(today, -30),
      childrensNeeds: "Ønsker at skolen vet litt, slik at de kan ta hensyn.",
      actionsTaken: "Avtalt samtale med kontaktlærer med mors samtykke.",
      followUpOn: addDays(today, 20),
    },
  ]);
  return all.length;
}
