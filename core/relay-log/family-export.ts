import { asc, eq } from "drizzle-orm";
import type { Database, Tx } from "../../db/client.ts";
import {
  relayLogAgendaItems,
  relayLogCorrectionRequests,
  relayLogGoalVoices,
} from "../../db/schema/index.ts";
import { htmlLang, translator, type Language } from "../../i18n/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import { decryptText } from "../platform/crypto.ts";
import { auditLogChange } from "./access.ts";
import {
  ArchiveWriter,
  formatNationalId,
  loadArchive,
  osloDateTimeText,
  write,
  type Archive,
} from "./archive-pdf.ts";
import { assertCitizen, requireFamilyLog, type Citizen } from "./family.ts";
import { familyTrailAction } from "./family-trail-text.ts";
import { readTrailPage, type TrailEntry } from "./trail.ts";

/**
 * The family's copy of everything Laget holds about them and the child in one log (GDPR art. 15,
 * the right of access), as JSON and as a tagged, accessible PDF. Read through requireFamilyLog
 * (a guardian with parental responsibility, or the young person from the consent age) and
 * audited as relaylog.family.exported with the format.
 *
 * What is left out, and said so: the scanned consent form's bytes (the export says a scan
 * exists), and the national ID lookup hashes and encrypted copies (the export says a number is
 * stored; the PDF shows the child's number, decrypted, as the archive copy does).
 */
export const FAMILY_EXPORT_FORMAT = "laget.family-export.v1";

interface ExportData {
  archive: Archive;
  voices: (typeof relayLogGoalVoices.$inferSelect)[];
  agendaItems: (typeof relayLogAgendaItems.$inferSelect)[];
  correctionRequests: (typeof relayLogCorrectionRequests.$inferSelect)[];
  trail: TrailEntry[];
}

async function loadExport(tx: Tx, logId: string): Promise<ExportData> {
  const archive = await loadArchive(tx, logId);
  const voices = await tx
    .select()
    .from(relayLogGoalVoices)
    .where(eq(relayLogGoalVoices.logId, logId))
    .orderBy(asc(relayLogGoalVoices.createdAt));
  const agendaItems = await tx
    .select()
    .from(relayLogAgendaItems)
    .where(eq(relayLogAgendaItems.logId, logId))
    .orderBy(asc(relayLogAgendaItems.createdAt));
  const correctionRequests = await tx
    .select()
    .from(relayLogCorrectionRequests)
    .where(eq(relayLogCorrectionRequests.logId, logId))
    .orderBy(asc(relayLogCorrectionRequests.createdAt));
  const trail: TrailEntry[] = [];
  for (let page = 1; ; page += 1) {
    const result = await readTrailPage(tx, archive.log, page);
    trail.push(...result.entries);
    if (page >= result.pageCount) break;
  }
  return { archive, voices, agendaItems, correctionRequests, trail };
}

/** The JSON document: the stored rows with names beside ids, without hashes or scanned bytes. */
function toJson(data: ExportData, citizen: Citizen, exportedAt: Date) {
  const { archive } = data;
  const userName = (id: string | null | undefined) =>
    id ? (archive.userNames.get(id) ?? null) : null;
  const unitName = (id: string | null | undefined) =>
    id ? (archive.unitNames.get(id) ?? null) : null;
  const { nationalIdHash: _hash, nationalIdEncrypted, lockVersion: _lock, ...log } = archive.log;
  return {
    format: FAMILY_EXPORT_FORMAT,
    exportedAt: exportedAt.toISOString(),
    exportedBy: { citizenId: citizen.citizenId, name: citizen.name },
    municipality: archive.municipality,
    about: {
      nationalId:
        "National ID numbers are stored encrypted; they are not part of this file. / Fødselsnummer er lagret kryptert og er ikke med i filen.",
      consentScans:
        "Scanned consent forms are not part of this file; `scannedFormStored` says whether one exists. / Skannede samtykkeskjema er ikke med i filen.",
    },
    log: {
      ...log,
      nationalIdStored: nationalIdEncrypted !== null,
      holderName: userName(log.holderUserId),
      holderUnitName: unitName(log.holderUnitId),
      unitNames: log.unitIds.map((id) => unitName(id)),
      closedByName: userName(log.closedBy),
    },
    levelChanges: archive.levelChanges.map((row) => ({
      ...row,
      changedByName: userName(row.changedBy),
    })),
    guardians: archive.guardians.map(
      ({ nationalIdHash: _h, nationalIdEncrypted: encrypted, ...row }) => ({
        ...row,
        nationalIdStored: encrypted !== null,
      }),
    ),
    participants: archive.participants.map((row) => ({
      ...row,
      name: userName(row.userId),
      unitName: unitName(row.unitId),
    })),
    consents: archive.consents.map(({ attachmentName, ...row }) => ({
      ...row,
      unitNames: row.unitIds.map((id) => unitName(id)),
      recordedByName: userName(row.recordedBy),
      withdrawnByName: userName(row.withdrawnBy),
      scannedFormStored: attachmentName !== null,
      scannedFormName: attachmentName,
    })),
    plan: {
      areas: archive.areas,
      goals: archive.goals,
      measures: archive.measures.map((row) => ({
        ...row,
        responsibleName: userName(row.responsibleUserId),
        responsibleUnitName: unitName(row.responsibleUnitId),
      })),
    },
    evaluations: archive.evaluations.map((row) => ({ ...row, heldByName: userName(row.heldBy) })),
    scores: archive.scores.map((row) => ({ ...row, scorerName: userName(row.scorerUserId) })),
    meetings: archive.meetings.map((row) => ({
      ...row,
      participantNames: row.participantUserIds.map((id) => userName(id)),
      minutesByName: userName(row.minutesBy),
    })),
    agendaItems: data.agendaItems,
    notes: archive.entries.map((entry) => ({
      ...entry,
      versions: archive.versions.filter((version) => version.entryId === entry.id),
    })),
    voices: data.voices,
    correctionRequests: data.correctionRequests.map((row) => ({
      ...row,
      answeredByName: userName(row.answeredBy),
    })),
    handovers: archive.handovers.map((row) => ({
      ...row,
      fromName: userName(row.fromUserId),
      toName: userName(row.toUserId),
    })),
    accessTrail: data.trail.map((entry) => ({
      occurredAt: entry.occurredAt,
      eventType: entry.eventType,
      view: entry.view,
      actorName: entry.actorName,
      actorKind: entry.actorKind,
      roles: entry.roles,
      relation: entry.relation,
      unitName: entry.unitName,
    })),
  };
}

/** The family's own parts and the trail, after the archive copy's sections. */
function writeFamilyParts(
  writer: ArchiveWriter,
  data: ExportData,
  t: ReturnType<typeof translator>,
  citizen: Citizen,
) {
  const k = (key: string, params?: Record<string, unknown>) =>
    t(`family.rights.pdf.${key}`, params ?? {});
  const outline = writer.doc.outline;
  const goalText = new Map(data.archive.goals.map((goal) => [goal.id, goal.text]));
  const meetingTime = new Map(
    data.archive.meetings.map((meeting) => [meeting.id, osloDateTimeText(meeting.startsAt)]),
  );
  const none = (parent: ReturnType<ArchiveWriter["section"]>, rows: unknown[]) => {
    if (rows.length === 0) writer.paragraph(parent, k("none"), { italic: true });
  };

  const voices = writer.section();
  writer.heading(voices, 2, k("voices"), outline);
  for (const voice of data.voices) {
    writer.facts(voices, [
      { label: k("goal"), value: goalText.get(voice.goalId) ?? "" },
      { label: k("author"), value: voice.authorName },
      { label: k("text"), value: voice.text },
      { label: k("updated"), value: osloDateTimeText(voice.updatedAt) },
    ]);
  }
  none(voices, data.voices);
  voices.end();

  const agenda = writer.section();
  writer.heading(agenda, 2, k("agendaItems"), outline);
  for (const item of data.agendaItems) {
    writer.facts(agenda, [
      { label: k("meeting"), value: meetingTime.get(item.meetingId) ?? "" },
      { label: k("author"), value: item.authorName },
      { label: k("text"), value: item.text },
    ]);
  }
  none(agenda, data.agendaItems);
  agenda.end();

  const corrections = writer.section();
  writer.heading(corrections, 2, k("corrections"), outline);
  for (const request of data.correctionRequests) {
    writer.facts(corrections, [
      { label: k("requested"), value: osloDateTimeText(request.createdAt) },
      { label: k("author"), value: request.authorName },
      { label: k("text"), value: request.text },
      {
        label: k("state"),
        value: request.state === "answered" ? k("answered") : k("open"),
      },
      { label: k("answer"), value: request.answer },
      {
        label: k("answeredBy"),
        value: request.answeredBy
          ? [
              data.archive.userNames.get(request.answeredBy) ?? "",
              osloDateTimeText(request.answeredAt),
            ]
              .filter(Boolean)
              .join(", ")
          : null,
      },
    ]);
  }
  none(corrections, data.correctionRequests);
  corrections.end();

  const trail = writer.section();
  writer.heading(trail, 2, k("trail"), outline);
  writer.paragraph(trail, k("trailIntro"));
  for (const entry of data.trail) {
    const who =
      entry.actorKind === "citizen" && entry.actorId === citizen.citizenId
        ? t("family.rights.trail.you")
        : entry.actorName || t(`family.rights.trail.actor.${entry.actorKind}`);
    const where = entry.unitName ? ` (${entry.unitName})` : "";
    writer.facts(trail, [
      {
        label: osloDateTimeText(new Date(entry.occurredAt)),
        value: `${who}${where}: ${familyTrailAction(t, entry)}`,
      },
    ]);
  }
  none(trail, data.trail);
  trail.end();
}

/**
 * The export in one format. The read and the export are audited in the same transaction, so a
 * failed export leaves no "exported" event and an export is never unrecorded.
 */
export async function familyExport(input: {
  database: Database;
  actor: Actor | null;
  meta: RequestMeta;
  logId: string;
  format: "json" | "pdf";
  /** The data key (config.dataEncryptionKey) that opens the child's national ID number (PDF). */
  encryptionKey?: Buffer;
  language?: Language;
  now?: Date;
  today?: string;
}): Promise<{ body: Buffer; filename: string; contentType: string }> {
  const citizen = assertCitizen(input.actor);
  const now = input.now ?? new Date();
  const language = input.language ?? "nb";
  return input.database.tenant(citizen.tenantId, async (tx) => {
    const { log } = await requireFamilyLog(tx, {
      actor: citizen,
      meta: input.meta,
      logId: input.logId,
      need: "read",
      ...(input.today ? { today: input.today } : {}),
    });
    const data = await loadExport(tx, log.id);
    const base = `laget-mine-data-${log.id.slice(0, 8)}`;
    let result: { body: Buffer; filename: string; contentType: string };
    if (input.format === "json") {
      result = {
        body: Buffer.from(JSON.stringify(toJson(data, citizen, now), null, 2), "utf8"),
        filename: `${base}.json`,
        contentType: "application/json; charset=utf-8",
      };
    } else {
      const t = translator(language);
      let nationalId: string | null = null;
      if (log.nationalIdEncrypted && input.encryptionKey) {
        try {
          nationalId = formatNationalId(decryptText(input.encryptionKey, log.nationalIdEncrypted));
        } catch {
          nationalId = null;
        }
      }
      const name = log.childName ?? "";
      const title = t("family.rights.pdf.title", { name });
      const writer = new ArchiveWriter({
        title,
        subject: t("family.rights.pdf.subject"),
        lang: htmlLang[language],
        author: data.archive.municipality,
      });
      write(writer, data.archive, t, {
        nationalId,
        producedAt: now,
        producedBy: citizen.name ?? "",
        title,
        intro: t("family.rights.pdf.intro"),
      });
      writeFamilyParts(writer, data, t, citizen);
      const body = await writer.finish(
        t("family.rights.pdf.footer", { name, date: osloDateTimeText(now) }),
      );
      result = { body, filename: `${base}.pdf`, contentType: "application/pdf" };
    }
    await auditLogChange(tx, {
      type: "relaylog.family.exported",
      actor: citizen,
      meta: input.meta,
      log,
      details: { format: input.format },
    });
    return result;
  });
}
