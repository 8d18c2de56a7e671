import { and, eq, inArray } from "drizzle-orm";
import type { Database, Tx } from "./client.ts";
import {
  relayLogAreas,
  relayLogConsents,
  relayLogEntries,
  relayLogEntryVersions,
  relayLogEvaluations,
  relayLogGoals,
  relayLogGoalScores,
  relayLogGuardians,
  relayLogLevelChanges,
  relayLogMeasures,
  relayLogMeetings,
  relayLogParticipants,
  relayLogs,
  tenants,
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
 * The demo family: fictional citizens who log in through the demo ID-porten (server/demo-idporten.ts)
 * and the three logs they take part in. Every name is made up; the national ID numbers are
 * synthetic (month + 80), so they can never belong to a real person.
 *
 * The children's ages are counted from the day the demo was seeded, so Nora is 16 (above the
 * consent age) and Sander 13 (below it) whenever the demo is set up. Their national ID numbers
 * carry their birth dates, so they too follow the seed day: use `demoFamily(seedDay)` for a
 * demo seeded earlier (`demoCitizensIn` finds the day), `demoCitizens` for one seeded today.
 */

export type DemoCitizenKey = "silje" | "tor" | "lars" | "nora" | "anne" | "sander" | "ukjent";

/** How a demo citizen relates to the demo logs (the login page's label for the button). */
export type DemoCitizenRole =
  | "guardian"
  | "guardianWithoutResponsibility"
  | "youthAboveConsentAge"
  | "youthBelowConsentAge"
  | "noLog";

export interface DemoCitizen {
  key: DemoCitizenKey;
  /** The national ID number (synthetic), released as ID-porten's `pid` claim. */
  pid: string;
  name: string;
  role: DemoCitizenRole;
  /** One line in Norwegian on what the citizen can see (the startup output, the README). */
  what: string;
  /** The birth date the pid carries. */
  birthDate: string;
}

/** The date `years` years and `days` days before `today` (29 February falls back to 28). */
function yearsBefore(today: string, years: number, days: number): string {
  const [year, month, day] = today.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year - years, month - 1, day));
  // 29 February in a year without it rolls over to 1 March: step back to 28 February.
  if (date.getUTCDate() !== day) date.setUTCDate(0);
  return addDays(date.toISOString().slice(0, 10), -days);
}

function citizen(
  key: DemoCitizenKey,
  name: string,
  role: DemoCitizenRole,
  what: string,
  birthDate: string,
  individual: number,
): DemoCitizen {
  const pid = syntheticNationalId(new Date(`${birthDate}T00:00:00Z`), individual);
  return { key, pid, name, role, what, birthDate };
}

/** The demo family as seeded on `seedDay` (YYYY-MM-DD). */
export function demoFamily(seedDay: string): DemoCitizen[] {
  return [
    citizen(
      "silje",
      "Silje Fjordheim",
      "guardian",
      "forelder med foreldreansvar for Emil (9), som har en åpen stafettlogg",
      "1988-03-14",
      412,
    ),
    citizen(
      "tor",
      "Tor Fjordheim",
      "guardian",
      "forelder med foreldreansvar for Emil (9)",
      "1986-11-02",
      331,
    ),
    citizen(
      "lars",
      "Lars Berg",
      "guardianWithoutResponsibility",
      "registrert som Emils forelder uten foreldreansvar: ser ingenting",
      "1984-06-21",
      275,
    ),
    citizen(
      "nora",
      "Nora Haugen",
      "youthAboveConsentAge",
      "16 år, over samtykkealderen: ser sin egen logg",
      yearsBefore(seedDay, 16, 150),
      561,
    ),
    citizen(
      "anne",
      "Anne Haugen",
      "guardian",
      "forelder med foreldreansvar for Nora (16)",
      "1979-09-09",
      244,
    ),
    citizen(
      "sander",
      "Sander Lie",
      "youthBelowConsentAge",
      "13 år, under samtykkealderen: ser ingenting",
      yearsBefore(seedDay, 13, 120),
      583,
    ),
    citizen(
      "ukjent",
      "Ukjent Innbygger",
      "noLog",
      "finnes ikke i noen stafettlogg",
      "1990-01-25",
      198,
    ),
  ];
}

/** The demo family for a demo seeded today (tests start fresh servers, which seed today). */
export const demoCitizens: DemoCitizen[] = demoFamily(osloDate());

export function demoCitizen(key: DemoCitizenKey, family: DemoCitizen[] = demoCitizens) {
  const found = family.find((candidate) => candidate.key === key);
  if (!found) throw new Error(`No demo citizen ${key}`);
  return found;
}

/**
 * The demo family of the demo municipality in this database, by the day it was seeded; null
 * when there is no demo municipality (SEED_DEMO=false).
 */
export async function demoCitizensIn(
  database: Database,
  municipalityNumber: string,
): Promise<DemoCitizen[] | null> {
  const [tenant] = await database.system((tx) =>
    tx
      .select({ createdAt: tenants.createdAt })
      .from(tenants)
      .where(eq(tenants.municipalityNumber, municipalityNumber)),
  );
  return tenant ? demoFamily(osloDate(tenant.createdAt)) : null;
}

const FRIDA = "familie@fjordvik.example";
const HELGA = "helsesykepleier@fjordvik.example";
const MONA = "miljo@fjordvik.example";

/**
 * Seeds the demo family's three logs (run by seedDemo after the other demo logs, in the same
 * transaction): Emil's (guardians Silje and Tor with parental responsibility, Lars without),
 * Nora's (16, her own log; guardian Anne) and Sander's (13). Without a data encryption key the
 * guardians' and children's national ID numbers are left out, and nobody can log in to them.
 */
export async function seedDemoFamily(
  tx: Tx,
  input: {
    tenantId: string;
    unitIdByName: Map<string, string>;
    dataEncryptionKey?: Buffer;
    today?: string;
  },
): Promise<{ emil: string; nora: string; sander: string }> {
  const { tenantId } = input;
  const today = input.today ?? osloDate();
  const family = demoFamily(today);
  const pidOf = (key: DemoCitizenKey) => demoCitizen(key, family).pid;
  const key = input.dataEncryptionKey;
  const secret = key ? citizenLookupSecret(key) : null;
  const idColumns = (nationalId: string) => ({
    nationalIdHash: secret ? nationalIdLookupHash(secret, nationalId) : null,
    nationalIdEncrypted: key ? encryptText(key, nationalId) : null,
  });
  const unit = (name: string) => {
    const id = input.unitIdByName.get(name);
    if (!id) throw new Error(`Demo unit missing: ${name}`);
    return id;
  };
  const staffRows = await tx
    .select({ id: users.id, email: users.email, name: users.name, unitId: userUnits.unitId })
    .from(users)
    .innerJoin(userUnits, eq(userUnits.userId, users.id))
    .where(and(eq(users.tenantId, tenantId), inArray(users.email, [FRIDA, HELGA, MONA])));
  const staff = (email: string) => {
    const row = staffRows.find((candidate) => candidate.email === email);
    if (!row) throw new Error(`Demo user without unit: ${email}`);
    return row;
  };
  const frida = staff(FRIDA);
  const helga = staff(HELGA);
  const mona = staff(MONA);
  const actor = systemActor(tenantId, "seed");
  const at = (day: string, time = "09:00") => new Date(`${day}T${time}:00Z`);

  async function openLog(log: {
    childName: string;
    birthDate: string;
    nationalId: string;
    level: 1 | 2;
    holder: typeof frida;
    participants: (typeof frida)[];
    unitIds: string[];
    openedOn: string;
  }): Promise<string> {
    const [row] = await tx
      .insert(relayLogs)
      .values({
        tenantId,
        kind: "log",
        status: "open",
        level: log.level,
        childName: log.childName,
        childBirthDate: log.birthDate,
        ...idColumns(log.nationalId),
        holderUserId: log.holder.id,
        holderUnitId: log.holder.unitId,
        unitIds: log.unitIds,
        openedBy: log.holder.id,
        origin: "direct",
        createdAt: at(log.openedOn),
      })
      .returning({ id: relayLogs.id });
    const logId = row!.id;
    for (const member of [log.holder, ...log.participants]) {
      await tx.insert(relayLogParticipants).values({
        tenantId,
        logId,
        userId: member.id,
        unitId: member.unitId,
        addedBy: log.holder.id,
        joinedAt: at(log.openedOn),
      });
    }
    await tx.insert(relayLogLevelChanges).values({
      tenantId,
      logId,
      fromLevel: null,
      toLevel: log.level,
      reason: "Loggen ble opprettet",
      changedBy: log.holder.id,
      changedAt: at(log.openedOn),
    });
    await recordAudit(tx, {
      type: "relaylog.opened",
      tenantId,
      actor,
      meta: noRequestMeta,
      subject: { type: "relay_log", id: logId },
      details: { kind: "log", level: log.level, demo: true },
    });
    return logId;
  }

  async function note(
    logId: string,
    author: typeof frida,
    occurredOn: string,
    text: string,
    kind: "note" | "highlight" = "note",
    areaId: string | null = null,
  ) {
    const [entry] = await tx
      .insert(relayLogEntries)
      .values({
        tenantId,
        logId,
        kind,
        areaId,
        occurredOn,
        authorUserId: author.id,
        authorName: author.name,
      })
      .returning({ id: relayLogEntries.id });
    await tx.insert(relayLogEntryVersions).values({
      tenantId,
      logId,
      entryId: entry!.id,
      version: 1,
      text,
      editedBy: author.id,
      editedByName: author.name,
    });
  }

  // Emil Fjordheim (9): level 2, held by Frida at Familiens hus with Helga from the health
  // station. Consent covers those two units; Fjordvik skole is named but not yet consented to.
  const emilBirth = yearsBefore(today, 9, 200);
  const emilOpened = addDays(today, -90);
  const familiensHus = unit("Familiens hus Fjordvik");
  const healthStation = unit("Helsestasjonen i Fjordvik");
  const school = unit("Fjordvik skole");
  const emil = await openLog({
    childName: "Emil Fjordheim",
    birthDate: emilBirth,
    nationalId: syntheticNationalId(new Date(`${emilBirth}T00:00:00Z`), 642),
    level: 2,
    holder: frida,
    participants: [helga],
    unitIds: [familiensHus, healthStation, school],
    openedOn: emilOpened,
  });
  const emilGuardians = await tx
    .insert(relayLogGuardians)
    .values([
      {
        tenantId,
        logId: emil,
        name: "Silje Fjordheim",
        phone: "99112233",
        email: "silje.fjordheim@foresatt.example",
        parentalResponsibility: true,
        ...idColumns(pidOf("silje")),
      },
      {
        tenantId,
        logId: emil,
        name: "Tor Fjordheim",
        phone: "99112234",
        email: "tor.fjordheim@foresatt.example",
        parentalResponsibility: true,
        ...idColumns(pidOf("tor")),
      },
      {
        tenantId,
        logId: emil,
        name: "Lars Berg",
        phone: "99112235",
        email: null,
        parentalResponsibility: false,
        ...idColumns(pidOf("lars")),
      },
    ])
    .returning();
  await tx.insert(relayLogConsents).values({
    tenantId,
    logId: emil,
    givers: emilGuardians
      .filter((guardian) => guardian.parentalResponsibility)
      .map((guardian) => ({
        kind: "guardian" as const,
        guardianId: guardian.id,
        name: guardian.name,
      })),
    method: "paper",
    unitIds: [familiensHus, healthStation],
    givenOn: emilOpened,
    expiresOn: addDays(today, 275),
    recordedBy: frida.id,
  });
  const [friendsArea] = await tx
    .insert(relayLogAreas)
    .values({
      tenantId,
      logId: emil,
      title: "Vennskap og trivsel",
      description: "Emil er mye alene i friminuttene og sier at ingen vil leke med ham.",
      sortOrder: 0,
      createdBy: frida.id,
    })
    .returning({ id: relayLogAreas.id });
  const [sleepArea] = await tx
    .insert(relayLogAreas)
    .values({
      tenantId,
      logId: emil,
      title: "Søvn og morgenrutiner",
      description: "Emil er ofte trøtt om morgenen og kommer sent på skolen.",
      sortOrder: 1,
      createdBy: frida.id,
    })
    .returning({ id: relayLogAreas.id });
  const [friendsGoal] = await tx
    .insert(relayLogGoals)
    .values({
      tenantId,
      logId: emil,
      areaId: friendsArea!.id,
      text: "Emil har minst én venn å være sammen med i friminuttene",
      expectedOutcome: "Er sammen med en venn de fleste friminutt",
      createdBy: frida.id,
    })
    .returning({ id: relayLogGoals.id });
  const [sleepGoal] = await tx
    .insert(relayLogGoals)
    .values({
      tenantId,
      logId: emil,
      areaId: sleepArea!.id,
      text: "Emil kommer uthvilt og i tide til skolen",
      expectedOutcome: "Kommer i tide fire av fem dager",
      createdBy: frida.id,
    })
    .returning({ id: relayLogGoals.id });
  const measuresStart = addDays(emilOpened, 7);
  await tx.insert(relayLogMeasures).values({
    tenantId,
    logId: emil,
    goalId: friendsGoal!.id,
    what: "Samtalegruppe om vennskap på Familiens hus annenhver uke",
    responsibleKind: "person",
    responsibleUserId: frida.id,
    place: "service",
    startsOn: measuresStart,
    dueOn: addDays(today, 60),
    status: "ongoing",
    createdBy: frida.id,
  });
  const [healthMeasure] = await tx
    .insert(relayLogMeasures)
    .values({
      tenantId,
      logId: emil,
      goalId: sleepGoal!.id,
      what: "Samtale med helsesykepleier om søvn annenhver uke",
      responsibleKind: "person",
      responsibleUserId: helga.id,
      place: "service",
      startsOn: measuresStart,
      dueOn: addDays(today, 45),
      status: "ongoing",
      createdBy: frida.id,
    })
    .returning({ id: relayLogMeasures.id });
  await tx.insert(relayLogMeasures).values({
    tenantId,
    logId: emil,
    goalId: sleepGoal!.id,
    what: "Fast leggetid klokka 20 og skjermfri siste time før leggetid",
    responsibleKind: "family",
    responsibleText: "Silje og Tor",
    place: "home",
    supportsMeasureId: healthMeasure!.id,
    startsOn: measuresStart,
    dueOn: addDays(today, 45),
    status: "ongoing",
    createdBy: frida.id,
  });
  const heldOn = addDays(today, -30);
  const [heldEvaluation] = await tx
    .insert(relayLogEvaluations)
    .values({
      tenantId,
      logId: emil,
      scheduledOn: heldOn,
      heldOn,
      heldBy: frida.id,
      summary: "Emil er mer sammen med andre i friminuttene. Morgenene er fortsatt krevende.",
    })
    .returning({ id: relayLogEvaluations.id });
  await tx.insert(relayLogGoalScores).values([
    {
      tenantId,
      logId: emil,
      evaluationId: heldEvaluation!.id,
      goalId: friendsGoal!.id,
      scorerKind: "staff",
      scorerUserId: frida.id,
      score: 0,
      comment: "Som forventet: leker med Jonas de fleste dager.",
    },
    {
      tenantId,
      logId: emil,
      evaluationId: heldEvaluation!.id,
      goalId: sleepGoal!.id,
      scorerKind: "staff",
      scorerUserId: helga.id,
      score: -1,
      comment: "Litt dårligere enn forventet: kommer sent to dager i uken.",
    },
  ]);
  await tx
    .insert(relayLogEvaluations)
    .values({ tenantId, logId: emil, scheduledOn: addDays(today, 30) });
  const firstMeeting = addDays(emilOpened, 10);
  await tx.insert(relayLogMeetings).values({
    tenantId,
    logId: emil,
    startsAt: at(firstMeeting, "08:00"),
    endsAt: at(firstMeeting, "09:00"),
    place: "Familiens hus, møterom 1",
    agenda: "1. Hvordan har Emil det?\n2. Mål og tiltak\n3. Neste møte",
    participantUserIds: [frida.id, helga.id],
    otherParticipants: "Silje og Tor Fjordheim",
    status: "held",
    minutesDecisions: "Vi starter samtalegruppen og søvnsamtalene neste uke.",
    minutesActions: "Frida melder Emil på samtalegruppen. Silje og Tor prøver fast leggetid.",
    minutesBy: frida.id,
    minutesAt: at(firstMeeting, "10:00"),
    createdBy: frida.id,
  });
  const nextMeeting = addDays(today, 14);
  await tx.insert(relayLogMeetings).values({
    tenantId,
    logId: emil,
    startsAt: at(nextMeeting, "07:30"),
    endsAt: at(nextMeeting, "08:30"),
    place: "Familiens hus, møterom 1",
    agenda: "1. Hvordan går det hjemme og på skolen?\n2. Forberede evalueringen",
    participantUserIds: [frida.id, helga.id],
    otherParticipants: "Silje og Tor Fjordheim",
    createdBy: frida.id,
  });
  await note(
    emil,
    frida,
    addDays(emilOpened, 20),
    "Første samling i samtalegruppen. Emil var stille, men ble med på leken til slutt.",
    "note",
    friendsArea!.id,
  );
  await note(
    emil,
    helga,
    addDays(today, -20),
    "Samtale med Emil om søvn. Han vil gjerne høre lydbok i stedet for å se på skjerm.",
    "note",
    sleepArea!.id,
  );
  await note(
    emil,
    frida,
    addDays(today, -6),
    "Emil fortalte stolt at han hadde vært på besøk hos Jonas.",
    "highlight",
  );

  // Nora Haugen (16): her own log, held by Helga; she consented herself and has not yet
  // answered whether her guardians keep access.
  const nora = demoCitizen("nora", family);
  const youthSchool = unit("Nordstrand ungdomsskole");
  const noraOpened = addDays(today, -60);
  const noraLog = await openLog({
    childName: nora.name,
    birthDate: nora.birthDate,
    nationalId: nora.pid,
    level: 2,
    holder: helga,
    participants: [mona],
    unitIds: [healthStation, youthSchool],
    openedOn: noraOpened,
  });
  await tx.insert(relayLogGuardians).values([
    {
      tenantId,
      logId: noraLog,
      name: "Anne Haugen",
      phone: "99223344",
      email: "anne.haugen@foresatt.example",
      parentalResponsibility: true,
      ...idColumns(pidOf("anne")),
    },
  ]);
  await tx.insert(relayLogConsents).values({
    tenantId,
    logId: noraLog,
    givers: [{ kind: "youth" as const, name: nora.name }],
    method: "oral",
    witness: helga.name,
    unitIds: [healthStation, youthSchool],
    givenOn: noraOpened,
    expiresOn: addDays(today, 300),
    recordedBy: helga.id,
  });
  const [noraArea] = await tx
    .insert(relayLogAreas)
    .values({
      tenantId,
      logId: noraLog,
      title: "Skolehverdag og fravær",
      description: "Nora har mye fravær og sier at hun gruer seg til å gå på skolen.",
      createdBy: helga.id,
    })
    .returning({ id: relayLogAreas.id });
  const [noraGoal] = await tx
    .insert(relayLogGoals)
    .values({
      tenantId,
      logId: noraLog,
      areaId: noraArea!.id,
      text: "Nora er på skolen alle dager i en vanlig uke",
      expectedOutcome: "Fravær under 10 prosent",
      createdBy: helga.id,
    })
    .returning({ id: relayLogGoals.id });
  await tx.insert(relayLogMeasures).values({
    tenantId,
    logId: noraLog,
    goalId: noraGoal!.id,
    what: "Fast samtale med miljøarbeider hver mandag morgen",
    responsibleKind: "person",
    responsibleUserId: mona.id,
    place: "service",
    startsOn: addDays(noraOpened, 7),
    dueOn: addDays(today, 60),
    status: "ongoing",
    createdBy: helga.id,
  });
  await tx
    .insert(relayLogEvaluations)
    .values({ tenantId, logId: noraLog, scheduledOn: addDays(today, 21) });
  const noraMeeting = addDays(today, 9);
  await tx.insert(relayLogMeetings).values({
    tenantId,
    logId: noraLog,
    startsAt: at(noraMeeting, "12:00"),
    endsAt: at(noraMeeting, "12:45"),
    place: "Helsesykepleiers kontor på skolen",
    agenda: "Hvordan går det med oppmøtet?",
    participantUserIds: [helga.id, mona.id],
    otherParticipants: "Nora",
    createdBy: helga.id,
  });
  await note(
    noraLog,
    helga,
    addDays(today, -12),
    "Nora ønsker at samtalene skal være før første time.",
    "note",
    noraArea!.id,
  );

  // Sander Lie (13): below the consent age, so he does not see his log; his guardian consented
  // on paper and is not registered with a national ID number (takes part on paper).
  const sander = demoCitizen("sander", family);
  const sanderOpened = addDays(today, -45);
  const sanderLog = await openLog({
    childName: sander.name,
    birthDate: sander.birthDate,
    nationalId: sander.pid,
    level: 1,
    holder: mona,
    participants: [],
    unitIds: [youthSchool],
    openedOn: sanderOpened,
  });
  const [sanderGuardian] = await tx
    .insert(relayLogGuardians)
    .values({
      tenantId,
      logId: sanderLog,
      name: "Kristin Lie",
      phone: "99334455",
      parentalResponsibility: true,
    })
    .returning();
  await tx.insert(relayLogConsents).values({
    tenantId,
    logId: sanderLog,
    givers: [{ kind: "guardian" as const, guardianId: sanderGuardian!.id, name: "Kristin Lie" }],
    method: "paper",
    unitIds: [youthSchool],
    givenOn: sanderOpened,
    expiresOn: addDays(today, 320),
    recordedBy: mona.id,
  });
  await note(
    sanderLog,
    mona,
    addDays(today, -10),
    "Sander trives i fotballgruppen i storefriminuttet.",
    "highlight",
  );

  return { emil, nora: noraLog, sander: sanderLog };
}
