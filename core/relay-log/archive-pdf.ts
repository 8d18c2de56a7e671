/**
 * The archive copy of a whole relay log, as a tagged PDF for the unit's own record system (the
 * archive law outlives Laget's retention deletion). Only the relay holder produces it, open or
 * closed; producing it stamps `archived_at` and is audited. Everything the log holds is in it:
 * identity (with the full national ID number, decrypted with the data key), level history,
 * guardians, participants, consent records, the plan, evaluations with scores, meetings with
 * minutes, notes and highlights with every version, handovers and the closing.
 *
 * Same conventions as the guide PDF (core/guide/pdf.ts): pdfkit's standard fonts (WinAnsi covers
 * Norwegian), a structure tree (Document, Sect, H1–H3, P, L/LI/Lbl/LBody), document language and
 * title, bookmarks for the sections, and page numbers marked as artifacts.
 */
import { asc, eq, inArray } from "drizzle-orm";
import PDFDocument from "pdfkit";
import type { Database, Tx } from "../../db/client.ts";
import {
  relayLogAreas,
  relayLogConsents,
  relayLogEntries,
  relayLogEntryVersions,
  relayLogEvaluations,
  relayLogGoals,
  relayLogGoalScores,
  relayLogGuardians,
  relayLogHandovers,
  relayLogLevelChanges,
  relayLogMeasures,
  relayLogMeetings,
  relayLogParticipants,
  relayLogs,
  tenants,
  units,
  users,
} from "../../db/schema/index.ts";
import { htmlLang, translator, type Language } from "../../i18n/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import { AppError } from "../errors.ts";
import { pdfSafeText } from "../guide/pdf.ts";
import { decryptText } from "../platform/crypto.ts";
import { auditLogChange, requireLog } from "./access.ts";

type Doc = InstanceType<typeof PDFDocument>;
type Struct = ReturnType<Doc["struct"]>;
type Outline = Doc["outline"];
type T = ReturnType<typeof translator>;

const FONT = "Helvetica";
const FONT_BOLD = "Helvetica-Bold";
const FONT_ITALIC = "Helvetica-Oblique";
const BODY_SIZE = 10.5;
const headingSizes: Record<number, number> = { 1: 20, 2: 15, 3: 12.5, 4: 11 };

/** A small tagged-PDF writer: headings, paragraphs and label/value lists inside sections. */
export class ArchiveWriter {
  readonly doc: Doc;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;
  readonly root: Struct;

  constructor(options: { title: string; subject: string; lang: string; author: string }) {
    this.doc = new PDFDocument({
      size: "A4",
      margins: { top: 56, bottom: 64, left: 62, right: 62 },
      tagged: true,
      lang: options.lang,
      displayTitle: true,
      pdfVersion: "1.7",
      bufferPages: true,
      info: {
        Title: pdfSafeText(options.title),
        Subject: pdfSafeText(options.subject),
        Author: pdfSafeText(options.author),
        Creator: "Laget",
      },
    });
    this.doc.on("data", (chunk: Buffer) => this.chunks.push(chunk));
    this.done = new Promise((resolve, reject) => {
      this.doc.on("end", () => resolve(Buffer.concat(this.chunks)));
      this.doc.on("error", reject);
    });
    this.root = this.doc.struct("Document");
    this.doc.addStructure(this.root);
  }

  private get left() {
    return this.doc.page.margins.left;
  }

  private get width() {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  private room(height: number) {
    if (this.doc.y + height > this.doc.page.height - this.doc.page.margins.bottom) {
      this.doc.addPage();
    }
  }

  section(parent: Struct = this.root): Struct {
    const sect = this.doc.struct("Sect");
    parent.add(sect);
    return sect;
  }

  heading(parent: Struct, level: number, text: string, outline?: Outline): Outline | undefined {
    const size = headingSizes[level] ?? BODY_SIZE;
    this.room(size * 4);
    this.doc.moveDown(level <= 2 ? 0.8 : 0.4);
    const safe = pdfSafeText(text);
    parent.add(
      this.doc.struct(`H${level}`, {}, () => {
        this.doc.font(FONT_BOLD).fontSize(size).text(safe, this.left, this.doc.y, {
          width: this.width,
        });
      }),
    );
    this.doc.moveDown(0.3);
    return outline?.addItem(safe);
  }

  paragraph(parent: Struct, text: string, options: { italic?: boolean } = {}) {
    if (!text.trim()) return;
    this.room(BODY_SIZE * 2);
    parent.add(
      this.doc.struct("P", {}, () => {
        this.doc
          .font(options.italic ? FONT_ITALIC : FONT)
          .fontSize(BODY_SIZE)
          .text(pdfSafeText(text), this.left, this.doc.y, { width: this.width, lineGap: 2 });
      }),
    );
    this.doc.moveDown(0.4);
  }

  /** "Label: value" lines as a list; values keep their own line breaks. Empty values are left out. */
  facts(parent: Struct, facts: { label: string; value: string | null | undefined }[]) {
    const shown = facts.filter((fact) => fact.value && fact.value.trim());
    if (shown.length === 0) return;
    const list = this.doc.struct("L");
    parent.add(list);
    for (const fact of shown) {
      this.room(BODY_SIZE * 2);
      const item = this.doc.struct("LI");
      list.add(item);
      item.add(
        this.doc.struct("Lbl", {}, () => {
          this.doc
            .font(FONT_BOLD)
            .fontSize(BODY_SIZE)
            .text(`${pdfSafeText(fact.label)}: `, this.left, this.doc.y, {
              continued: true,
              width: this.width,
              lineGap: 2,
            });
        }),
      );
      item.add(
        this.doc.struct("LBody", {}, () => {
          this.doc.font(FONT).text(pdfSafeText(fact.value!), { width: this.width, lineGap: 2 });
        }),
      );
      item.end();
    }
    list.end();
    this.doc.moveDown(0.4);
  }

  /** Page numbers and the log's title at the foot of every page, as artifacts (not content). */
  private footers(label: string) {
    const range = this.doc.bufferedPageRange();
    for (let index = 0; index < range.count; index += 1) {
      this.doc.switchToPage(range.start + index);
      const bottom = this.doc.page.margins.bottom;
      this.doc.page.margins.bottom = 0;
      this.doc.markContent("Artifact", { type: "Pagination" });
      this.doc
        .font(FONT)
        .fontSize(8.5)
        .text(
          pdfSafeText(`${label} – ${index + 1}/${range.count}`),
          this.left,
          this.doc.page.height - 40,
          { width: this.width, align: "center", lineBreak: false },
        );
      this.doc.endMarkedContent();
      this.doc.page.margins.bottom = bottom;
    }
  }

  finish(footerLabel: string): Promise<Buffer> {
    this.root.end();
    this.footers(footerLabel);
    this.doc.end();
    return this.done;
  }
}

// --------------------------------------------------------------- data

export function osloDateText(value: string | null | undefined): string {
  if (!value) return "";
  const [year, month, day] = value.split("-");
  return `${day}.${month}.${year}`;
}

export function osloDateTimeText(value: Date | null | undefined): string {
  if (!value) return "";
  const parts = new Intl.DateTimeFormat("nb-NO", {
    timeZone: "Europe/Oslo",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(value);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("day")}.${part("month")}.${part("year")} ${part("hour")}:${part("minute")}`;
}

/** 11 digits as "DDMMYY NNNNN", as printed on Norwegian forms. */
export function formatNationalId(value: string): string {
  return /^\d{11}$/.test(value) ? `${value.slice(0, 6)} ${value.slice(6)}` : value;
}

async function namesOf(tx: Tx, ids: (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  const rows = await tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, wanted));
  return new Map(rows.map((row) => [row.id, row.name]));
}

export async function loadArchive(tx: Tx, logId: string) {
  const [log] = await tx.select().from(relayLogs).where(eq(relayLogs.id, logId));
  if (!log) throw new AppError("not_found", "errors.notFound");
  const [tenant] = await tx
    .select({ name: tenants.name })
    .from(tenants)
    .where(eq(tenants.id, log.tenantId));
  const unitRows = await tx
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(eq(units.tenantId, log.tenantId));
  const [
    levelChanges,
    guardians,
    participants,
    consents,
    areas,
    goals,
    measures,
    evaluations,
    scores,
    meetings,
    entries,
    versions,
    handovers,
  ] = [
    await tx
      .select()
      .from(relayLogLevelChanges)
      .where(eq(relayLogLevelChanges.logId, logId))
      .orderBy(asc(relayLogLevelChanges.changedAt)),
    await tx
      .select()
      .from(relayLogGuardians)
      .where(eq(relayLogGuardians.logId, logId))
      .orderBy(asc(relayLogGuardians.createdAt)),
    await tx
      .select()
      .from(relayLogParticipants)
      .where(eq(relayLogParticipants.logId, logId))
      .orderBy(asc(relayLogParticipants.joinedAt)),
    await tx
      .select({
        id: relayLogConsents.id,
        givers: relayLogConsents.givers,
        method: relayLogConsents.method,
        witness: relayLogConsents.witness,
        unitIds: relayLogConsents.unitIds,
        givenOn: relayLogConsents.givenOn,
        expiresOn: relayLogConsents.expiresOn,
        attachmentName: relayLogConsents.attachmentName,
        recordedBy: relayLogConsents.recordedBy,
        recordedByCitizen: relayLogConsents.recordedByCitizen,
        withdrawnAt: relayLogConsents.withdrawnAt,
        withdrawnNote: relayLogConsents.withdrawnNote,
        withdrawnBy: relayLogConsents.withdrawnBy,
        createdAt: relayLogConsents.createdAt,
      })
      .from(relayLogConsents)
      .where(eq(relayLogConsents.logId, logId))
      .orderBy(asc(relayLogConsents.givenOn), asc(relayLogConsents.createdAt)),
    await tx
      .select()
      .from(relayLogAreas)
      .where(eq(relayLogAreas.logId, logId))
      .orderBy(asc(relayLogAreas.sortOrder), asc(relayLogAreas.createdAt)),
    await tx
      .select()
      .from(relayLogGoals)
      .where(eq(relayLogGoals.logId, logId))
      .orderBy(asc(relayLogGoals.sortOrder), asc(relayLogGoals.createdAt)),
    await tx
      .select()
      .from(relayLogMeasures)
      .where(eq(relayLogMeasures.logId, logId))
      .orderBy(asc(relayLogMeasures.startsOn), asc(relayLogMeasures.createdAt)),
    await tx
      .select()
      .from(relayLogEvaluations)
      .where(eq(relayLogEvaluations.logId, logId))
      .orderBy(asc(relayLogEvaluations.scheduledOn), asc(relayLogEvaluations.createdAt)),
    await tx
      .select()
      .from(relayLogGoalScores)
      .where(eq(relayLogGoalScores.logId, logId))
      .orderBy(asc(relayLogGoalScores.createdAt)),
    await tx
      .select()
      .from(relayLogMeetings)
      .where(eq(relayLogMeetings.logId, logId))
      .orderBy(asc(relayLogMeetings.startsAt)),
    await tx
      .select()
      .from(relayLogEntries)
      .where(eq(relayLogEntries.logId, logId))
      .orderBy(asc(relayLogEntries.occurredOn), asc(relayLogEntries.createdAt)),
    await tx
      .select()
      .from(relayLogEntryVersions)
      .where(eq(relayLogEntryVersions.logId, logId))
      .orderBy(asc(relayLogEntryVersions.version)),
    await tx
      .select()
      .from(relayLogHandovers)
      .where(eq(relayLogHandovers.logId, logId))
      .orderBy(asc(relayLogHandovers.createdAt)),
  ];
  const userNames = await namesOf(tx, [
    log.holderUserId,
    log.closedBy,
    ...levelChanges.map((row) => row.changedBy),
    ...participants.map((row) => row.userId),
    ...consents.flatMap((row) => [row.recordedBy, row.withdrawnBy]),
    ...measures.map((row) => row.responsibleUserId),
    ...evaluations.map((row) => row.heldBy),
    ...scores.map((row) => row.scorerUserId),
    ...meetings.flatMap((row) => [...row.participantUserIds, row.minutesBy]),
    ...handovers.flatMap((row) => [row.fromUserId, row.toUserId]),
  ]);
  return {
    log,
    municipality: tenant?.name ?? "",
    unitNames: new Map(unitRows.map((row) => [row.id, row.name])),
    userNames,
    levelChanges,
    guardians,
    participants,
    consents,
    areas,
    goals,
    measures,
    evaluations,
    scores,
    meetings,
    entries,
    versions,
    handovers,
  };
}

export type Archive = Awaited<ReturnType<typeof loadArchive>>;

// --------------------------------------------------------------- document

export function write(
  writer: ArchiveWriter,
  archive: Archive,
  t: T,
  input: {
    nationalId: string | null;
    producedAt: Date;
    producedBy: string;
    title: string;
    /** Replaces the archive intro (a print, the family's export). */
    intro?: string;
  },
) {
  const { log } = archive;
  const user = (id: string | null | undefined) => (id ? (archive.userNames.get(id) ?? "") : "");
  const unit = (id: string | null | undefined) => (id ? (archive.unitNames.get(id) ?? "") : "");
  const k = (key: string, params?: Record<string, unknown>) =>
    t(`relayLog.close.pdf.${key}`, params ?? {});
  const none = (parent: Struct, rows: unknown[]) => {
    if (rows.length === 0) writer.paragraph(parent, k("none"), { italic: true });
  };
  const outlineRoot = writer.doc.outline;

  // Header: whose log, from where, produced when and by whom.
  const top = writer.section();
  writer.heading(top, 1, input.title, outlineRoot);
  writer.paragraph(top, input.intro ?? k("intro"));
  writer.facts(top, [
    { label: k("municipality"), value: archive.municipality },
    log.kind === "anonymous"
      ? { label: k("pseudonym"), value: log.pseudonym }
      : { label: k("childName"), value: log.childName },
    { label: k("birthDate"), value: osloDateText(log.childBirthDate) },
    log.kind === "anonymous"
      ? { label: k("nationalId"), value: null }
      : {
          label: k("nationalId"),
          value:
            input.nationalId ??
            (log.nationalIdEncrypted ? k("nationalIdUnreadable") : k("nationalIdNone")),
        },
    { label: k("level"), value: String(log.level) },
    {
      label: k("status"),
      value: log.status === "closed" ? k("statusClosed") : k("statusOpen"),
    },
    { label: k("openedOn"), value: osloDateTimeText(log.createdAt) },
    {
      label: k("holder"),
      value: [user(log.holderUserId), unit(log.holderUnitId)].filter(Boolean).join(", "),
    },
    { label: k("units"), value: log.unitIds.map(unit).filter(Boolean).join(", ") },
    {
      label: k("produced"),
      value: k("producedValue", {
        date: osloDateTimeText(input.producedAt),
        name: input.producedBy,
      }),
    },
  ]);
  top.end();

  // Level history with reasons.
  const levels = writer.section();
  writer.heading(levels, 2, k("levelHistory"), outlineRoot);
  for (const change of archive.levelChanges) {
    writer.facts(levels, [
      {
        label: osloDateTimeText(change.changedAt),
        value:
          change.fromLevel === null
            ? k("levelInitial", { to: change.toLevel })
            : k("levelChange", { from: change.fromLevel, to: change.toLevel }),
      },
      { label: k("reason"), value: change.reason },
      { label: k("changedBy"), value: user(change.changedBy) },
    ]);
  }
  none(levels, archive.levelChanges);
  levels.end();

  // Guardians.
  const guardians = writer.section();
  writer.heading(guardians, 2, k("guardians"), outlineRoot);
  for (const guardian of archive.guardians) {
    writer.heading(guardians, 3, guardian.name);
    writer.facts(guardians, [
      {
        label: k("parentalResponsibility"),
        value: guardian.parentalResponsibility ? k("yes") : k("no"),
      },
      { label: k("phone"), value: guardian.phone },
      { label: k("email"), value: guardian.email },
    ]);
  }
  none(guardians, archive.guardians);
  guardians.end();

  // Participants with joined/left.
  const participants = writer.section();
  writer.heading(participants, 2, k("participants"), outlineRoot);
  for (const participant of archive.participants) {
    writer.facts(participants, [
      {
        label: user(participant.userId) || k("unknownPerson"),
        value: [
          unit(participant.unitId),
          k("joined", { date: osloDateTimeText(participant.joinedAt) }),
          participant.leftAt ? k("left", { date: osloDateTimeText(participant.leftAt) }) : "",
        ]
          .filter(Boolean)
          .join(", "),
      },
    ]);
  }
  none(participants, archive.participants);
  participants.end();

  // Consent records.
  if (log.kind === "log") {
    const consents = writer.section();
    writer.heading(consents, 2, k("consents"), outlineRoot);
    for (const consent of archive.consents) {
      writer.heading(
        consents,
        3,
        k("consentTitle", {
          from: osloDateText(consent.givenOn),
          to: osloDateText(consent.expiresOn),
        }),
      );
      writer.facts(consents, [
        { label: k("givers"), value: consent.givers.map((giver) => giver.name).join(", ") },
        { label: k("method"), value: k(`methods.${consent.method}`) },
        { label: k("witness"), value: consent.witness },
        { label: k("attachment"), value: consent.attachmentName },
        { label: k("consentUnits"), value: consent.unitIds.map(unit).filter(Boolean).join(", ") },
        { label: k("givenOn"), value: osloDateText(consent.givenOn) },
        { label: k("expiresOn"), value: osloDateText(consent.expiresOn) },
        {
          label: k("recordedBy"),
          value: consent.recordedBy
            ? user(consent.recordedBy)
            : consent.recordedByCitizen
              ? k("recordedByFamily")
              : "",
        },
        {
          label: k("withdrawn"),
          value: consent.withdrawnAt
            ? [osloDateTimeText(consent.withdrawnAt), user(consent.withdrawnBy)]
                .filter(Boolean)
                .join(", ")
            : null,
        },
        { label: k("withdrawnNote"), value: consent.withdrawnNote },
      ]);
    }
    none(consents, archive.consents);
    consents.end();
  }

  // Concern areas → goals → measures.
  const plan = writer.section();
  const planOutline = writer.heading(plan, 2, k("plan"), outlineRoot);
  const measureTitles = new Map(archive.measures.map((measure) => [measure.id, measure.what]));
  for (const area of archive.areas) {
    const areaSect = writer.section(plan);
    writer.heading(areaSect, 3, k("area", { title: area.title }), planOutline);
    writer.paragraph(areaSect, area.description);
    const goals = archive.goals.filter((goal) => goal.areaId === area.id);
    for (const goal of goals) {
      const goalSect = writer.section(areaSect);
      writer.heading(goalSect, 4, k("goal", { text: goal.text }));
      writer.facts(goalSect, [{ label: k("expectedOutcome"), value: goal.expectedOutcome }]);
      for (const measure of archive.measures.filter((row) => row.goalId === goal.id)) {
        const responsible =
          measure.responsibleKind === "person"
            ? user(measure.responsibleUserId)
            : measure.responsibleKind === "service"
              ? unit(measure.responsibleUnitId)
              : measure.responsibleText || k("family");
        writer.facts(goalSect, [
          { label: k("measure"), value: measure.what },
          { label: k("responsible"), value: responsible },
          { label: k("place"), value: k(`places.${measure.place}`) },
          {
            label: k("supports"),
            value: measure.supportsMeasureId ? measureTitles.get(measure.supportsMeasureId) : null,
          },
          {
            label: k("period"),
            value: `${osloDateText(measure.startsOn)} – ${osloDateText(measure.dueOn)}`,
          },
          { label: k("measureStatus"), value: k(`measureStatuses.${measure.status}`) },
        ]);
      }
      goalSect.end();
    }
    areaSect.end();
  }
  none(plan, archive.areas);
  plan.end();

  // Evaluations with scores and comments.
  const evaluations = writer.section();
  writer.heading(evaluations, 2, k("evaluations"), outlineRoot);
  const goalTexts = new Map(archive.goals.map((goal) => [goal.id, goal.text]));
  for (const evaluation of archive.evaluations) {
    writer.heading(
      evaluations,
      3,
      evaluation.heldOn
        ? k("evaluationHeld", { date: osloDateText(evaluation.heldOn) })
        : k("evaluationPlanned", { date: osloDateText(evaluation.scheduledOn) }),
    );
    writer.facts(evaluations, [
      { label: k("scheduledOn"), value: osloDateText(evaluation.scheduledOn) },
      { label: k("heldBy"), value: user(evaluation.heldBy) },
      { label: k("summary"), value: evaluation.summary },
    ]);
    for (const score of archive.scores.filter((row) => row.evaluationId === evaluation.id)) {
      const signed = score.score > 0 ? `+${score.score}` : String(score.score);
      writer.facts(evaluations, [
        { label: k("goalLabel"), value: goalTexts.get(score.goalId) ?? "" },
        {
          label: k("score"),
          value: `${signed} (${k(`scores.${score.score}`)}), ${k(`scorers.${score.scorerKind}`)}${
            score.scorerUserId ? ` – ${user(score.scorerUserId)}` : ""
          }`,
        },
        { label: k("comment"), value: score.comment },
      ]);
    }
  }
  none(evaluations, archive.evaluations);
  evaluations.end();

  // Meetings with minutes.
  const meetings = writer.section();
  writer.heading(meetings, 2, k("meetings"), outlineRoot);
  for (const meeting of archive.meetings) {
    writer.heading(
      meetings,
      3,
      k("meetingTitle", {
        date: osloDateTimeText(meeting.startsAt),
        status: k(`meetingStatuses.${meeting.status}`),
      }),
    );
    writer.facts(meetings, [
      {
        label: k("time"),
        value: `${osloDateTimeText(meeting.startsAt)} – ${osloDateTimeText(meeting.endsAt)}`,
      },
      { label: k("meetingPlace"), value: meeting.place },
      { label: k("agenda"), value: meeting.agenda },
      {
        label: k("meetingParticipants"),
        value: [...meeting.participantUserIds.map(user), meeting.otherParticipants]
          .filter(Boolean)
          .join(", "),
      },
      { label: k("decisions"), value: meeting.minutesDecisions },
      { label: k("actions"), value: meeting.minutesActions },
      { label: k("nextEvaluation"), value: osloDateText(meeting.nextEvaluationOn) },
      {
        label: k("minutesBy"),
        value: meeting.minutesBy
          ? [user(meeting.minutesBy), osloDateTimeText(meeting.minutesAt)]
              .filter(Boolean)
              .join(", ")
          : null,
      },
    ]);
  }
  none(meetings, archive.meetings);
  meetings.end();

  // Notes and highlights with every version: a correction never hides what was written before.
  const entries = writer.section();
  writer.heading(entries, 2, k("entries"), outlineRoot);
  const areaTitles = new Map(archive.areas.map((area) => [area.id, area.title]));
  for (const entry of archive.entries) {
    writer.heading(
      entries,
      3,
      k("entryTitle", {
        kind: k(`entryKinds.${entry.kind}`),
        date: osloDateText(entry.occurredOn),
        name: entry.authorName,
      }),
    );
    writer.facts(entries, [
      { label: k("areaLabel"), value: entry.areaId ? areaTitles.get(entry.areaId) : null },
    ]);
    const versions = archive.versions.filter((version) => version.entryId === entry.id);
    for (const version of versions) {
      const current = version.version === entry.currentVersion;
      writer.paragraph(
        entries,
        k(current ? "versionCurrent" : "versionReplaced", {
          version: version.version,
          date: osloDateTimeText(version.createdAt),
          name: version.editedByName,
        }),
        { italic: true },
      );
      writer.paragraph(entries, version.text);
    }
  }
  none(entries, archive.entries);
  entries.end();

  // Handovers of the baton.
  const handovers = writer.section();
  writer.heading(handovers, 2, k("handovers"), outlineRoot);
  for (const handover of archive.handovers) {
    writer.facts(handovers, [
      { label: k("handoverDate"), value: osloDateTimeText(handover.createdAt) },
      { label: k("from"), value: user(handover.fromUserId) },
      {
        label: k("to"),
        value: [user(handover.toUserId), unit(handover.toUnitId)].filter(Boolean).join(", "),
      },
      { label: k("transition"), value: handover.isTransition ? k("yes") : k("no") },
      { label: k("leavingUnit"), value: unit(handover.leavingUnitId) },
      { label: k("message"), value: handover.message },
      {
        label: k("handoverState"),
        value: [
          k(`handoverStates.${handover.state}`),
          handover.decidedAt ? osloDateTimeText(handover.decidedAt) : "",
        ]
          .filter(Boolean)
          .join(", "),
      },
      { label: k("declineReason"), value: handover.declineReason },
    ]);
  }
  none(handovers, archive.handovers);
  handovers.end();

  // The closing.
  const closing = writer.section();
  writer.heading(closing, 2, k("closing"), outlineRoot);
  if (log.status === "closed") {
    writer.facts(closing, [
      { label: k("closedAt"), value: osloDateTimeText(log.closedAt) },
      { label: k("closedBy"), value: user(log.closedBy) },
      {
        label: k("closeReason"),
        value: log.closeReason ? t(`relayLog.close.reasons.${log.closeReason}`) : "",
      },
      { label: k("deleteAfter"), value: osloDateText(log.deleteAfter) },
    ]);
    writer.heading(closing, 3, k("closeNote"));
    writer.paragraph(closing, log.closeNote ?? "");
  } else {
    writer.paragraph(closing, k("notClosed"), { italic: true });
  }
  closing.end();
}

/**
 * Produces the archive PDF of a whole log for its relay holder, stamps `archived_at` and records
 * `relaylog.archive_produced`, all in one transaction: a PDF that fails to render leaves no stamp.
 * With `purpose: "print"` (the paper fallback, issue 5) it is the same document titled and
 * introduced as a print, not an archive copy: no stamp, audited as `relaylog.printed`.
 */
export async function archivePdf(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  logId: string;
  /** The data key (config.dataEncryptionKey) that opens the national ID number. */
  encryptionKey: Buffer;
  language?: Language;
  now?: Date;
  /** "print": the same document marked as a print (paper fallback), no archive stamp. */
  purpose?: "archive" | "print";
}): Promise<{ pdf: Buffer; filename: string }> {
  const { actor } = input;
  const print = input.purpose === "print";
  if (actor.kind !== "staff") throw new AppError("forbidden", "errors.forbidden");
  const now = input.now ?? new Date();
  const language = input.language ?? "nb";
  const t = translator(language);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const { log } = await requireLog(tx, {
      actor,
      meta: input.meta,
      logId: input.logId,
      need: "holder",
      view: print ? "print_pdf" : "archive_pdf",
    });
    const archive = await loadArchive(tx, log.id);
    let nationalId: string | null = null;
    if (log.nationalIdEncrypted) {
      try {
        nationalId = formatNationalId(decryptText(input.encryptionKey, log.nationalIdEncrypted));
      } catch {
        nationalId = null;
      }
    }
    const subjectName = (log.kind === "anonymous" ? log.pseudonym : log.childName) ?? "";
    const title = t(print ? "family.rights.print.title" : "relayLog.close.pdf.title", {
      name: subjectName,
    });
    const writer = new ArchiveWriter({
      title,
      subject: t("relayLog.close.pdf.subject"),
      lang: htmlLang[language],
      author: archive.municipality,
    });
    write(writer, archive, t, {
      nationalId,
      producedAt: now,
      producedBy: actor.name,
      title,
      ...(print ? { intro: t("family.rights.print.intro") } : {}),
    });
    const pdf = await writer.finish(
      t(print ? "family.rights.print.footer" : "relayLog.close.pdf.footer", {
        name: subjectName,
        date: osloDateTimeText(now),
      }),
    );
    if (print) {
      await auditLogChange(tx, {
        type: "relaylog.printed",
        actor,
        meta: input.meta,
        log,
        details: { status: log.status, bytes: pdf.length },
      });
      return { pdf, filename: `stafettlogg-${log.id.slice(0, 8)}-utskrift.pdf` };
    }
    await tx.update(relayLogs).set({ archivedAt: now }).where(eq(relayLogs.id, log.id));
    await auditLogChange(tx, {
      type: "relaylog.archive_produced",
      actor,
      meta: input.meta,
      log,
      details: { status: log.status, bytes: pdf.length },
    });
    return { pdf, filename: `stafettlogg-${log.id.slice(0, 8)}-arkiv.pdf` };
  });
}
