import { and, eq, inArray } from "drizzle-orm";
import { addDays } from "../core/platform/dates.ts";
import type { Tx } from "./client.ts";
import {
  btsContacts,
  btsNetworkAgendaItems,
  btsNetworkAttendance,
  btsNetworkMeetings,
  btsNetworks,
  btsNetworkUnitNotes,
  btsNetworkUnits,
} from "./schema/index.ts";
import type { DemoImplementationContext } from "./seed-demo-implementation.ts";

/** The demo network's member units: the pilot-like units of Fjordvik's oppvekst sector. */
const memberUnits = [
  "Fjordvik skole",
  "Solsikken barnehage",
  "NAV Fjordvik",
  "Måkeberget barnehage",
  "Nordstrand ungdomsskole",
  "Helsestasjonen i Fjordvik",
];

interface DemoMeeting {
  /** Days from today. */
  offset: number;
  startsAt: string;
  place: string;
  theme: string;
  summary?: string;
  /** Units whose BTS contacts stayed away (the rest came). */
  absent?: string[];
  notes?: { unit: string; done: string; wise: string; learned: string }[];
  agenda?: { unit: string | null; title: string; detail: string }[];
}

/** Made-up meetings shaped like the Strand plan's network milestones. */
const meetings: DemoMeeting[] = [
  {
    offset: -120,
    startsAt: "12:30",
    place: "Fjordvik rådhus, møterom Fjæra",
    theme: "Oppstart: mandat og ansvar for BTS-kontaktene",
    summary: "Gikk gjennom mandatet og ble enige om å møtes fire ganger i året.",
    absent: ["NAV Fjordvik"],
    notes: [
      {
        unit: "Fjordvik skole",
        done: "Presenterte BTS-modellen på personalmøtet.",
        wise: "Å bruke et konkret eksempel fra skolehverdagen gjorde det lettere å forstå nivåene.",
        learned: "Flere lærere ønsker å øve på samtaler med foresatte.",
      },
      {
        unit: "Solsikken barnehage",
        done: "Gikk gjennom handlingsveilederen med alle avdelingene.",
        wise: "Vi satte av tid på avdelingsmøtene i stedet for et eget møte.",
        learned: "Det er uklart for mange når man går fra nivå 0 til nivå 1.",
      },
    ],
    agenda: [
      {
        unit: null,
        title: "Mandat og ansvar for BTS-kontaktene",
        detail: "Hva forventes av oss i virksomhetene, og hva tar vi med tilbake?",
      },
    ],
  },
  {
    offset: -60,
    startsAt: "12:30",
    place: "Familiens hus Fjordvik",
    theme: "Gjort, lurt, lært og planlegging av felles fagdag",
    absent: ["Måkeberget barnehage"],
    notes: [
      {
        unit: "Helsestasjonen i Fjordvik",
        done: "Tok i bruk stafettloggen i to saker sammen med barnehagen.",
        wise: "Et kort oppstartsmøte med foresatte før loggen ble åpnet.",
        learned: "Samtykket må forklares med enkle ord, gjerne med skjemaet på papir.",
      },
      {
        unit: "Nordstrand ungdomsskole",
        done: "Laget en oversikt over hvem i personalet som har fått opplæring.",
        wise: "",
        learned: "Nyansatte trenger en fast person å spørre.",
      },
      {
        unit: "Solsikken barnehage",
        done: "To ansatte har brukt «jeg er bekymret»-veiviseren.",
        wise: "Å gå gjennom veiviseren sammen med BTS-kontakten første gang.",
        learned: "",
      },
    ],
    agenda: [
      {
        unit: "Fjordvik skole",
        title: "Felles fagdag for barnehage og skole",
        detail: "Forslag til tema: samtaler med barn om det som er vanskelig.",
      },
    ],
  },
  {
    offset: -14,
    startsAt: "13:00",
    place: "Nordstrand ungdomsskole, personalrommet",
    theme: "Overganger mellom barnehage, skole og ungdomsskole",
    absent: [],
    notes: [
      {
        unit: "Måkeberget barnehage",
        done: "Planla overgangsmøter med skolen for barna som begynner i høst.",
        wise: "Å invitere BTS-kontakten på skolen til det siste foreldremøtet.",
        learned: "Foresatte setter pris på å vite hvem som tar imot barnet.",
      },
      {
        unit: "NAV Fjordvik",
        done: "Kartla hvilke familier med barn vi følger opp sammen med andre tjenester.",
        wise: "",
        learned: "Vi trenger en fast kontakt i barnehagene og skolene.",
      },
    ],
  },
  {
    offset: 5,
    startsAt: "12:30",
    place: "Fjordvik rådhus, møterom Fjæra",
    theme: "Gjort, lurt, lært og evaluering av fagdagen",
    agenda: [
      {
        unit: "Solsikken barnehage",
        title: "Opplæring av nyansatte i barnehagene",
        detail: "Hvordan følger vi opp sjekklisten når mange starter samtidig?",
      },
      {
        unit: null,
        title: "Evaluering av felles fagdag",
        detail: "Hva tar vi med oss til neste år?",
      },
    ],
  },
  {
    offset: 75,
    startsAt: "12:30",
    place: "Familiens hus Fjordvik",
    theme: "Evaluering av BTS-nettverket: hva fortsetter vi med, hva endrer vi?",
  },
];

/** Demo data for the implementation module's networks area (issue 6). */
export async function seedDemoImplementationNetworks(
  tx: Tx,
  context: DemoImplementationContext,
): Promise<void> {
  const { tenantId, today } = context;
  const coordinatorId = context.userIdByEmail.get("koordinator@fjordvik.example") ?? null;
  const unitId = (name: string) => {
    const id = context.unitIdByName.get(name);
    if (!id) throw new Error(`seed-demo-implementation-networks: ukjent enhet «${name}»`);
    return id;
  };
  const unitIds = memberUnits.map(unitId);

  const [network] = await tx
    .insert(btsNetworks)
    .values({
      tenantId,
      name: "BTS-nettverk oppvekst",
      description:
        "Lærende nettverk for BTS-kontaktene i barnehagene, skolene, helsestasjonen og NAV. " +
        "Vi deler erfaringer, utfordringer og problemstillinger: hva har skjedd i virksomhetene " +
        "siden sist – gjort, lurt, lært.",
      leaderUserId: coordinatorId,
    })
    .returning({ id: btsNetworks.id });
  const networkId = network!.id;
  await tx
    .insert(btsNetworkUnits)
    .values(unitIds.map((id) => ({ tenantId, networkId, unitId: id })));

  // The units area seeds the BTS contacts before this runs; a unit without any gets no attendance.
  const contactRows = await tx
    .select({ unitId: btsContacts.unitId, userId: btsContacts.userId })
    .from(btsContacts)
    .where(and(eq(btsContacts.tenantId, tenantId), inArray(btsContacts.unitId, unitIds)));
  const contactsOf = (name: string) =>
    contactRows.filter((row) => row.unitId === unitId(name)).map((row) => row.userId);

  for (const meeting of meetings) {
    const meetsOn = addDays(today, meeting.offset);
    const held = meeting.offset < 0;
    const [row] = await tx
      .insert(btsNetworkMeetings)
      .values({
        tenantId,
        networkId,
        meetsOn,
        startsAt: meeting.startsAt,
        place: meeting.place,
        theme: meeting.theme,
        status: held ? "held" : "planned",
        summary: meeting.summary ?? "",
      })
      .returning({ id: btsNetworkMeetings.id });
    const meetingId = row!.id;

    if (held) {
      const recorded = new Set<string>();
      for (const name of memberUnits) {
        for (const userId of contactsOf(name)) {
          // One row per person and meeting: a contact of two units is recorded for the first.
          if (recorded.has(userId)) continue;
          recorded.add(userId);
          await tx.insert(btsNetworkAttendance).values({
            tenantId,
            meetingId,
            userId,
            unitId: unitId(name),
            present: !(meeting.absent ?? []).includes(name),
            recordedBy: coordinatorId,
          });
        }
      }
    }
    for (const note of meeting.notes ?? []) {
      await tx.insert(btsNetworkUnitNotes).values({
        tenantId,
        meetingId,
        unitId: unitId(note.unit),
        done: note.done,
        wise: note.wise,
        learned: note.learned,
        writtenBy: contactsOf(note.unit)[0] ?? coordinatorId,
      });
    }
    for (const item of meeting.agenda ?? []) {
      await tx.insert(btsNetworkAgendaItems).values({
        tenantId,
        meetingId,
        title: item.title,
        detail: item.detail,
        unitId: item.unit ? unitId(item.unit) : null,
        proposedBy: (item.unit ? contactsOf(item.unit)[0] : undefined) ?? coordinatorId,
      });
    }
  }
}
