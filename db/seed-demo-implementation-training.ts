import { eq } from "drizzle-orm";
import { addDays } from "../core/platform/dates.ts";
import { osloLocalToUtc } from "../core/relay-log/meeting-time.ts";
import type { Tx } from "./client.ts";
import {
  competenceMaterials,
  coreComponents,
  notifications,
  trainingEvaluations,
  trainingEvents,
  trainingInvitations,
  trainingRegistrations,
  units,
  users,
  userUnits,
} from "./schema/index.ts";
import type { DemoImplementationContext } from "./seed-demo-implementation.ts";

/**
 * Demo data for the implementation module's training area (issue 6), laid out around
 * `context.today`, shaped like the Strand plan's "Opplæring og kompetanse":
 *
 * - the kick-off (oppstartskonferanse) about 2½ months ago, attended by several demo staff
 *   (bts@, ansatt@ among them) with six anonymous evaluations, so its results show; ansatt@
 *   attended but has not yet evaluated (a `training_evaluation` notification waits);
 * - the shared planning day for kindergartens and schools in 12 days;
 * - the yearly seminar in two months, all units invited, open for registration;
 * - a course for new employees in three weeks;
 * - learning material in the competence portal: a text, a link, a video link and a small
 *   generated PDF spread over a few core components (found by title among those the plan seed
 *   made; material whose component is missing goes under "Generelt").
 *
 * Everything is fictional; links point to example.org or to public pages of Helsedirektoratet
 * and Bufdir.
 */
export async function seedDemoImplementationTraining(
  tx: Tx,
  context: DemoImplementationContext,
): Promise<void> {
  const { tenantId, today } = context;
  const coordinatorId = context.userIdByEmail.get("koordinator@fjordvik.example") ?? null;
  const unitId = (name: string) => context.unitIdByName.get(name) ?? null;

  const components = await tx
    .select({ id: coreComponents.id, title: coreComponents.title })
    .from(coreComponents)
    .where(eq(coreComponents.tenantId, tenantId));
  const component = (...words: string[]) =>
    components.find((c) => words.some((word) => c.title.toLowerCase().includes(word)))?.id ?? null;
  const modelId = component("bts-modell", "modellen", "bti");
  const wonderId = component("undring");
  const nextOfKinId = component("pårørende");
  const collaborationId = component("samhandl");

  const activeUnits = await tx
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(eq(units.tenantId, tenantId));
  const unitIds = activeUnits.map((unit) => unit.id);
  const memberships = await tx
    .select({ userId: userUnits.userId, unitId: userUnits.unitId, roles: users.roles })
    .from(userUnits)
    .innerJoin(users, eq(users.id, userUnits.userId))
    .where(eq(userUnits.tenantId, tenantId));
  const unitOf = (email: string) => {
    const userId = context.userIdByEmail.get(email);
    return memberships.find((m) => m.userId === userId)?.unitId ?? null;
  };

  const at = (date: string, time: string) => osloLocalToUtc(date, time);

  // ---------------------------------------------------------------- events
  const kickoffDay = addDays(today, -75);
  const planningDay = addDays(today, 12);
  const seminarDay = addDays(today, 60);
  const courseDay = addDays(today, 21);

  const [kickoff, planning, seminar, course] = await tx
    .insert(trainingEvents)
    .values([
      {
        tenantId,
        kind: "kickoff",
        title: "Oppstartskonferanse – BTS kick-off",
        description:
          "For 1–2 ansatte fra hver virksomhet som arbeider med gravide, barn og unge eller voksne med ansvar for barn. Deltakerne blir BTS-kontakter og tar med seg opplæringen tilbake til egen virksomhet.\n\nDel 1: Introduksjon til BTS-modellen og handlingsveilederen. Vi prøver modellen på en case med metoden individ – gruppe – plenum.\n\nDel 2: Bygge handlingskompetanse. Tema: undringssamtalen – hvordan ta opp uro med både barn og foresatte, med praktisk øving.",
        startsAt: at(kickoffDay, "08:30"),
        endsAt: at(kickoffDay, "15:30"),
        place: "Fjordvik kulturhus, storsalen",
        capacity: 120,
        registrationDeadline: addDays(kickoffDay, -14),
        componentId: wonderId ?? modelId,
        createdBy: coordinatorId,
        createdAt: at(addDays(kickoffDay, -45), "10:00"),
      },
      {
        tenantId,
        kind: "planning_day",
        title: "Felles planleggingsdag for barnehage og skole",
        description:
          "En ekstra opplæringsdag for ansatte som er nærmest barna: BTS-modellen og handlingsveilederen, og hvordan de henger sammen med andre satsinger i kommunen, som oppvekstreformen og inkluderende barnehage- og skolemiljø.",
        startsAt: at(planningDay, "08:30"),
        endsAt: at(planningDay, "14:00"),
        place: "Nordstrand ungdomsskole, gymsalen",
        capacity: null,
        registrationDeadline: addDays(today, 5),
        componentId: modelId,
        createdBy: coordinatorId,
      },
      {
        tenantId,
        kind: "seminar",
        title: "Årlig oppvekstseminar – å snakke med barn og foresatte",
        description:
          "Det årlige seminaret for alle som arbeider med barn og unge i Fjordvik. I år: undringssamtalen i praksis og samhandling på tvers av tjenestene. Interne og eksterne foredragsholdere, og god tid til å bli kjent på tvers av virksomhetene.",
        startsAt: at(seminarDay, "09:00"),
        endsAt: at(seminarDay, "15:30"),
        place: "Fjordvik kulturhus",
        capacity: 150,
        registrationDeadline: addDays(today, 45),
        componentId: collaborationId ?? wonderId,
        createdBy: coordinatorId,
      },
      {
        tenantId,
        kind: "course",
        title: "Kurs for nyansatte: BTS-modellen og stafettloggen",
        description:
          "Grunnopplæring for nyansatte: modellens nivåer, handlingsveilederen, stafettloggen og hvem du kan spørre i egen virksomhet. Ta med PC.",
        startsAt: at(courseDay, "12:00"),
        endsAt: at(courseDay, "15:00"),
        place: "Rådhuset, møterom Fjorden",
        capacity: 20,
        registrationDeadline: addDays(courseDay, -7),
        componentId: modelId,
        createdBy: coordinatorId,
      },
    ])
    .returning();

  const schoolsAndKindergartens = [
    "Solsikken barnehage",
    "Måkeberget barnehage",
    "Fjordvik skole",
    "Nordstrand ungdomsskole",
  ]
    .map(unitId)
    .filter((id): id is string => id !== null);

  const invitations = [
    ...unitIds.map((id) => ({ eventId: kickoff!.id, unitId: id })),
    ...schoolsAndKindergartens.map((id) => ({ eventId: planning!.id, unitId: id })),
    ...unitIds.map((id) => ({ eventId: seminar!.id, unitId: id })),
    ...unitIds.map((id) => ({ eventId: course!.id, unitId: id })),
  ];
  await tx
    .insert(trainingInvitations)
    .values(invitations.map((row) => ({ tenantId, ...row, invitedBy: coordinatorId })));

  // ---------------------------------------------------------------- registrations
  type Registration = {
    eventId: string;
    email: string;
    attended?: boolean;
    evaluated?: boolean;
    registeredOn: string;
  };
  const kickoffPeople: [string, boolean, boolean][] = [
    ["bts@fjordvik.example", true, true],
    ["ansatt@fjordvik.example", true, false],
    ["leder@fjordvik.example", true, true],
    ["pedagog@fjordvik.example", true, true],
    ["miljo@fjordvik.example", true, true],
    ["helsesykepleier@fjordvik.example", true, true],
    ["ppt@fjordvik.example", true, true],
    ["nav@fjordvik.example", false, false],
  ];
  const wanted: Registration[] = [
    ...kickoffPeople.map(([email, attended, evaluated], index) => ({
      eventId: kickoff!.id,
      email,
      attended,
      evaluated,
      registeredOn: addDays(kickoffDay, -30 + index),
    })),
    ...["bts@fjordvik.example", "leder@fjordvik.example", "pedagog@fjordvik.example"].map(
      (email, index) => ({
        eventId: planning!.id,
        email,
        registeredOn: addDays(today, -6 + index),
      }),
    ),
    ...["koordinator@fjordvik.example", "helsesykepleier@fjordvik.example"].map((email, index) => ({
      eventId: seminar!.id,
      email,
      registeredOn: addDays(today, -3 + index),
    })),
    { eventId: course!.id, email: "miljo@fjordvik.example", registeredOn: addDays(today, -2) },
  ];
  const registrations = wanted
    .map((row) => ({ ...row, userId: context.userIdByEmail.get(row.email) }))
    .filter((row): row is Registration & { userId: string } => row.userId !== undefined);
  if (registrations.length > 0) {
    await tx.insert(trainingRegistrations).values(
      registrations.map((row) => ({
        tenantId,
        eventId: row.eventId,
        userId: row.userId,
        unitId: unitOf(row.email),
        registeredBy: row.userId,
        attended: row.attended ?? null,
        evaluatedAt: row.evaluated ? at(addDays(kickoffDay, 2), "12:00") : null,
        createdAt: at(row.registeredOn, "09:15"),
      })),
    );
  }

  // ---------------------------------------------------------------- the kick-off's evaluation
  const answers: [number, number, string, string][] = [
    [5, 4, "Casen i tverrfaglige grupper.", "Mer tid til øving på samtalen med foresatte."],
    [4, 5, "Å høre hvordan andre tjenester jobber.", ""],
    [5, 5, "Del 2 om undringssamtalen var svært nyttig.", "Kortere pauser, lengre gruppearbeid."],
    [4, 4, "", "Send programmet ut tidligere."],
    [3, 3, "Konkrete eksempler fra barnehagen.", "Lite tid til spørsmål i plenum."],
    [5, 4, "Møte BTS-kontaktene fra de andre virksomhetene.", ""],
  ];
  const evaluatedCount = registrations.filter((row) => row.evaluated).length;
  await tx.insert(trainingEvaluations).values(
    answers.slice(0, Math.max(evaluatedCount, 5)).map(([overall, usefulness, best, improve]) => ({
      tenantId,
      eventId: kickoff!.id,
      overall,
      usefulness,
      bestPart: best,
      improve,
      createdAt: at(addDays(kickoffDay, 2), "00:00"),
    })),
  );

  // ---------------------------------------------------------------- notifications
  const usesTraining = (roles: string[]) => roles.some((role) => role !== "admin");
  const registered = new Set(registrations.map((row) => `${row.eventId}|${row.userId}`));
  const notificationRows: (typeof notifications.$inferInsert)[] = [];
  for (const [event, day, invited] of [
    [planning!, planningDay, schoolsAndKindergartens],
    [seminar!, seminarDay, unitIds],
    [course!, courseDay, unitIds],
  ] as const) {
    const people = new Set(
      memberships
        .filter((m) => invited.includes(m.unitId) && usesTraining(m.roles))
        .map((m) => m.userId),
    );
    for (const userId of people) {
      if (registered.has(`${event.id}|${userId}`)) continue;
      notificationRows.push({
        tenantId,
        userId,
        kind: "training_invitation",
        logId: null,
        link: `/opplaering/${event.id}`,
        dedupeKey: `training_invitation|${event.id}|${day}|${userId}`,
      });
    }
  }
  for (const row of registrations) {
    if (row.eventId !== kickoff!.id || !row.attended || row.evaluated) continue;
    notificationRows.push({
      tenantId,
      userId: row.userId,
      kind: "training_evaluation",
      logId: null,
      link: `/opplaering/${kickoff!.id}`,
      dedupeKey: `training_evaluation|${kickoff!.id}|${kickoffDay}|${row.userId}`,
    });
  }
  if (notificationRows.length > 0) {
    await tx.insert(notifications).values(notificationRows).onConflictDoNothing();
  }

  // ---------------------------------------------------------------- the competence portal
  const materials: (typeof competenceMaterials.$inferInsert)[] = [
    {
      tenantId,
      componentId: null,
      kind: "text",
      title: "Velkommen til kompetanseportalen",
      body: "Her samler vi læringsmateriell om BTS-modellen i Fjordvik: til **oppfriskning** for deg som har jobbet med modellen en stund, og til **opplæring av nyansatte**.\n\n## Slik bruker du portalen\n\n- Materiellet er ordnet etter kjernekomponentene i implementeringsplanen.\n- Les én ting om gangen, og snakk om det med BTS-kontakten i virksomheten din.\n- Savner du noe? Gi beskjed til koordinatoren.",
      position: 0,
      createdBy: coordinatorId,
    },
    {
      tenantId,
      componentId: modelId,
      kind: "document",
      title: "BTS-modellen på én side",
      body: "En kort oversikt over nivåene i modellen og hvem som gjør hva. Fin å skrive ut og henge på personalrommet.",
      ...demoPdf(),
      position: 1,
      createdBy: coordinatorId,
    },
    {
      tenantId,
      componentId: wonderId,
      kind: "text",
      title: "Undringssamtalen – slik kan du starte",
      body: "Undringssamtalen er en samtale der du deler det du har sett, og undrer deg sammen med barnet eller foresatte.\n\n## Før samtalen\n\n1. Skriv ned hva du har observert – konkret, uten å tolke.\n2. Tenk gjennom hvordan du vil åpne samtalen.\n\n## I samtalen\n\n- *«Jeg har lagt merke til at …, og jeg lurer på hvordan du har det.»*\n- Lytt mer enn du snakker. Tål pauser.\n- Avslutt med hva som skjer videre.\n\nLes mer i [handlingsveilederen](/veileder).",
      position: 1,
      createdBy: coordinatorId,
    },
    {
      tenantId,
      componentId: wonderId,
      kind: "video",
      title: "Film: En undringssamtale med en forelder",
      body: "En kort film (fiktiv) der en pedagogisk leder tar opp uro med en mor. Se den gjerne sammen i personalgruppen.",
      url: "https://example.org/fjordvik/filmer/undringssamtale",
      position: 2,
      createdBy: coordinatorId,
    },
    {
      tenantId,
      componentId: nextOfKinId,
      kind: "link",
      title: "Helsedirektoratet: Pårørendeveilederen",
      body: "Helsedirektoratets veileder om pårørende, med eget kapittel om barn som pårørende.",
      url: "https://www.helsedirektoratet.no/veiledere/parorendeveileder",
      position: 1,
      createdBy: coordinatorId,
    },
    {
      tenantId,
      componentId: nextOfKinId,
      kind: "text",
      title: "Barn som pårørende – huskeliste",
      body: "Når en forelder er syk, ruser seg eller dør, har barnet rett til informasjon og oppfølging.\n\n- Spør: *Har pasienten barn?*\n- Sørg for at barnet får alderstilpasset informasjon.\n- Snakk med barnets barnehage eller skole når foreldrene samtykker.\n- Bruk rutinen for barn som pårørende i veilederen.",
      position: 2,
      createdBy: coordinatorId,
    },
    {
      tenantId,
      componentId: collaborationId,
      kind: "link",
      title: "Bufdir: fagstoff om oppvekst og samarbeid",
      body: "Bufdirs sider for fagfolk som arbeider med barn, unge og familier.",
      url: "https://www.bufdir.no/",
      position: 1,
      createdBy: coordinatorId,
    },
    {
      tenantId,
      componentId: collaborationId,
      kind: "text",
      title: "Gode tverrfaglige møter",
      body: "Et godt samarbeidsmøte har et tydelig formål, en møteleder og en referent.\n\n## Sjekkliste\n\n- Send agenda på forhånd.\n- Barnets og familiens stemme skal komme fram.\n- Avslutt med hvem som gjør hva, og når dere evaluerer.",
      position: 2,
      createdBy: coordinatorId,
    },
  ];
  await tx.insert(competenceMaterials).values(materials);
}

/** A small, valid one-page PDF (Helvetica, WinAnsi) with the model's levels, made by hand. */
function demoPdf(): { fileData: Buffer; fileName: string; fileType: string; fileSize: number } {
  const lines = [
    "BTS-modellen i Fjordvik kommune - på én side",
    "",
    "Nivå 0: Undring og observasjon. Den ansatte undrer seg og observerer.",
    "Nivå 1: Tiltak i egen virksomhet. Snakk med barnet og foresatte.",
    "Nivå 2: Samarbeid med andre tjenester. Stafettloggen tas i bruk.",
    "Nivå 3: Tverrfaglig samarbeid om barnet, med stafettholder.",
    "",
    "Spør BTS-kontakten i virksomheten din. (Fiktivt demomateriell.)",
  ];
  const escape = (text: string) => text.replace(/[\\()]/g, (ch) => `\\${ch}`);
  const content = [
    "BT",
    "/F1 12 Tf",
    "14 TL",
    "72 770 Td",
    ...lines.map((line) => `(${escape(line)}) Tj T*`),
    "ET",
  ].join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    `<< /Length ${Buffer.byteLength(content, "latin1")} >>\nstream\n${content}\nendstream`,
  ];
  let pdf = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(Buffer.byteLength(pdf, "latin1"));
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, "latin1");
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, "0")} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  const fileData = Buffer.from(pdf, "latin1");
  return {
    fileData,
    fileName: "bts-modellen-pa-en-side.pdf",
    fileType: "application/pdf",
    fileSize: fileData.length,
  };
}
