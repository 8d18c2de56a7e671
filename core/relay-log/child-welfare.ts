import { randomUUID } from "node:crypto";
import { and, asc, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "../../db/client.ts";
import { childWelfareReports, units, users } from "../../db/schema/index.ts";
import type { Language } from "../../i18n/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import { mayReportToChildWelfare } from "../access/relay-log.ts";
import { recordAudit } from "../audit/audit.ts";
import { AppError } from "../errors.ts";
import { isIsoDate, osloDate } from "../platform/dates.ts";
import { parseInput } from "../platform/validation.ts";
import { loadLogContext, requireLog, type Staff } from "./access.ts";
import {
  actorUnits,
  isUuid,
  optionalChoice,
  optionalText,
  requireFilled,
  throwFieldErrors,
  type UnitChoice,
} from "./cases-common.ts";
import {
  CHILD_NAME_MAX,
  guardiansInformedChoices,
  REPORT_SHORT_MAX,
  REPORT_TEXT_MAX,
  urgencyChoices,
} from "./cases-rules.ts";
import { childWelfareReportPdf, type ChildWelfareReportContent } from "./child-welfare-pdf.ts";
import { logHeader, type LogHeader } from "./header.ts";
import { isoDateFromInput } from "./open-rules.ts";

/**
 * The report to child welfare (bekymringsmelding). The duty to report overrides consent and
 * confidentiality, so nothing here waits for, or passes through, a log's consent or its relay
 * holder: from a log, anyone who may read it or is a participant frozen out by consent may
 * report; from the guide, any staff member. Laget fills in the document from what the employee
 * writes and hands it over as a PDF; it never sends it and never stores its text. It records
 * only that a report was made, by whom, for which unit, to which office, when (and from which
 * log).
 */

function assertStaff(actor: Actor): Staff {
  if (actor.kind !== "staff") throw new AppError("forbidden", "errors.forbidden");
  return actor;
}

/** How the reporting actor stands to the log the report starts from (null: from the guide). */
async function reportAccess(
  tx: Tx,
  actor: Staff,
  logId: string | null,
): Promise<{ canReadLog: boolean }> {
  if (!logId) {
    if (!mayReportToChildWelfare(actor, null)) throw new AppError("forbidden", "errors.forbidden");
    return { canReadLog: false };
  }
  const context = await loadLogContext(tx, actor, logId);
  if (!context || !mayReportToChildWelfare(actor, context.access)) {
    throw new AppError("not_found", "errors.notFound");
  }
  return { canReadLog: context.access.read };
}

export interface ChildWelfareFormData {
  /** Started from a log the actor may read: its header, for the log's frame. */
  header: LogHeader | null;
  /** Started from a log: true when the actor takes part but is frozen out by consent. */
  frozen: boolean;
  prefill: { childName: string; childBirthDate: string };
  reporter: { name: string; units: UnitChoice[] };
  recipientSuggestion: string;
}

/**
 * What the form starts with. From a log, the child's name and birth date are filled in only
 * for someone who may read the log (the read is audited as the view "child_welfare_report");
 * a participant frozen out by consent gets an empty form, but gets it.
 */
export async function childWelfareForm(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  logId?: string | null;
  municipality: string;
}): Promise<ChildWelfareFormData> {
  const actor = assertStaff(input.actor);
  const logId = input.logId ?? null;
  return input.database.tenant(actor.tenantId, async (tx) => {
    const { canReadLog } = await reportAccess(tx, actor, logId);
    let header: LogHeader | null = null;
    const prefill = { childName: "", childBirthDate: "" };
    if (logId && canReadLog) {
      const context = await requireLog(tx, {
        actor,
        meta: input.meta,
        logId,
        need: "read",
        view: "child_welfare_report",
      });
      header = await logHeader(tx, context);
      if (context.log.kind === "log") {
        prefill.childName = context.log.childName ?? "";
        prefill.childBirthDate = context.log.childBirthDate ?? "";
      }
    }
    const [office] = await tx
      .select({ name: units.name })
      .from(units)
      .where(
        and(
          eq(units.tenantId, actor.tenantId),
          eq(units.serviceType, "barneverntjenesten"),
          eq(units.active, true),
        ),
      )
      .orderBy(asc(units.name))
      .limit(1);
    return {
      header,
      frozen: Boolean(logId) && !canReadLog,
      prefill,
      reporter: { name: actor.name, units: await actorUnits(tx, actor) },
      recipientSuggestion: office?.name ?? input.municipality,
    };
  });
}

const phonePattern = /^\+?[\d ()-]{8,20}$/;

const reportSchema = z.strictObject({
  /** Made when the form is checked, so a second download of the same report records nothing new. */
  reportId: z.string().trim().optional().default(""),
  childName: optionalText(CHILD_NAME_MAX),
  childBirthDate: z
    .string()
    .trim()
    .optional()
    .default("")
    .transform((value) => (value === "" ? "" : (isoDateFromInput(value) ?? value))),
  childAddress: optionalText(REPORT_SHORT_MAX),
  guardiansContact: optionalText(REPORT_TEXT_MAX),
  observations: optionalText(REPORT_TEXT_MAX),
  childSaid: optionalText(REPORT_TEXT_MAX),
  actionsTaken: optionalText(REPORT_TEXT_MAX),
  guardiansInformed: optionalChoice(guardiansInformedChoices),
  guardiansNotInformedReason: optionalText(REPORT_TEXT_MAX),
  urgency: optionalChoice(urgencyChoices),
  reporterName: optionalText(REPORT_SHORT_MAX),
  reporterRole: optionalText(REPORT_SHORT_MAX),
  reporterUnitId: z.string().trim().optional().default(""),
  reporterPhone: optionalText(40),
  recipient: optionalText(REPORT_SHORT_MAX),
});

/** The checked report: every required choice made. */
export type ChildWelfareValues = Omit<
  z.infer<typeof reportSchema>,
  "guardiansInformed" | "urgency"
> & {
  guardiansInformed: (typeof guardiansInformedChoices)[number];
  urgency: (typeof urgencyChoices)[number];
};

function parseReport(values: unknown): ChildWelfareValues {
  const parsed = parseInput(reportSchema, values);
  const fieldErrors: Record<string, string> = {};
  requireFilled(fieldErrors, parsed, {
    childName: "errors.required",
    observations: "errors.required",
    guardiansInformed: "relayLog.cases.childWelfare.informedRequired",
    urgency: "relayLog.cases.childWelfare.urgencyRequired",
    reporterName: "errors.required",
    reporterPhone: "errors.required",
    recipient: "errors.required",
  });
  if (
    parsed.childBirthDate &&
    (!isIsoDate(parsed.childBirthDate) || parsed.childBirthDate > osloDate())
  ) {
    fieldErrors.childBirthDate = "relayLog.cases.childWelfare.birthDateInvalid";
  }
  if (parsed.guardiansInformed === "no" && !parsed.guardiansNotInformedReason) {
    fieldErrors.guardiansNotInformedReason = "relayLog.cases.childWelfare.reasonRequired";
  }
  if (parsed.reporterPhone && !phonePattern.test(parsed.reporterPhone)) {
    fieldErrors.reporterPhone = "errors.phone";
  }
  if (parsed.reportId && !isUuid(parsed.reportId)) fieldErrors.reportId = "errors.format";
  throwFieldErrors(fieldErrors);
  return parsed as ChildWelfareValues;
}

async function reporterUnit(tx: Tx, actor: Staff, unitId: string): Promise<UnitChoice | null> {
  if (!unitId) return null;
  const unit = (await actorUnits(tx, actor)).find((candidate) => candidate.id === unitId);
  if (!unit) {
    throw new AppError("validation", "errors.validation", {
      fieldErrors: { reporterUnitId: "errors.choice" },
    });
  }
  return unit;
}

/**
 * Checks a filled-in form without recording anything (the review step before the download).
 * Returns the values as they will be printed, with a fresh report id when none was given.
 */
export async function checkChildWelfareReport(input: {
  database: Database;
  actor: Actor;
  logId?: string | null;
  values: unknown;
}): Promise<ChildWelfareValues & { reporterUnitName: string }> {
  const actor = assertStaff(input.actor);
  const values = parseReport(input.values);
  return input.database.tenant(actor.tenantId, async (tx) => {
    await reportAccess(tx, actor, input.logId ?? null);
    const unit = await reporterUnit(tx, actor, values.reporterUnitId);
    return {
      ...values,
      reportId: values.reportId || randomUUID(),
      reporterUnitName: unit?.name ?? "",
    };
  });
}

/**
 * Records that the report was made and returns the filled-in document. The text goes into the
 * PDF only: the record holds the reporter, their unit, the recipient office, the time and the
 * log. The same report id downloaded again records nothing new.
 */
export async function makeChildWelfareReport(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  logId?: string | null;
  values: unknown;
  language: Language;
  municipality: string;
}): Promise<{ reportId: string; pdf: Buffer; filename: string }> {
  const actor = assertStaff(input.actor);
  const values = parseReport(input.values);
  const logId = input.logId ?? null;
  const reportId = values.reportId || randomUUID();
  const today = osloDate();
  const { unitName } = await input.database.tenant(actor.tenantId, async (tx) => {
    await reportAccess(tx, actor, logId);
    const unit = await reporterUnit(tx, actor, values.reporterUnitId);
    const [inserted] = await tx
      .insert(childWelfareReports)
      .values({
        id: reportId,
        tenantId: actor.tenantId,
        logId,
        reportedBy: actor.userId,
        reporterUnitId: unit?.id ?? null,
        recipient: values.recipient,
      })
      .onConflictDoNothing({ target: childWelfareReports.id })
      .returning({ id: childWelfareReports.id });
    if (inserted) {
      await recordAudit(tx, {
        type: "childwelfare.report_made",
        tenantId: actor.tenantId,
        actor,
        meta: input.meta,
        // Not the log: a guardian reading the log's access trail must not learn of the report.
        subject: { type: "child_welfare_report", id: reportId },
        details: { logId, unitId: unit?.id ?? null },
      });
    } else {
      const [existing] = await tx
        .select({ reportedBy: childWelfareReports.reportedBy })
        .from(childWelfareReports)
        .where(eq(childWelfareReports.id, reportId));
      if (!existing || existing.reportedBy !== actor.userId) {
        throw new AppError("not_found", "errors.notFound");
      }
    }
    return { unitName: unit?.name ?? "" };
  });
  const content: ChildWelfareReportContent = {
    childName: values.childName,
    childBirthDate: values.childBirthDate,
    childAddress: values.childAddress,
    guardiansContact: values.guardiansContact,
    observations: values.observations,
    childSaid: values.childSaid,
    actionsTaken: values.actionsTaken,
    guardiansInformed: values.guardiansInformed,
    guardiansNotInformedReason:
      values.guardiansInformed === "no" ? values.guardiansNotInformedReason : "",
    urgency: values.urgency,
    reporterName: values.reporterName,
    reporterRole: values.reporterRole,
    reporterUnitName: unitName,
    reporterPhone: values.reporterPhone,
    recipient: values.recipient,
  };
  const pdf = await childWelfareReportPdf({
    content,
    language: input.language,
    municipality: input.municipality,
    date: today,
  });
  return { reportId, pdf, filename: `bekymringsmelding-${today}.pdf` };
}

export interface ChildWelfareReceipt {
  id: string;
  recipient: string;
  reportedAt: Date;
  unitName: string | null;
  logId: string | null;
}

/** The reporter's own receipt for a recorded report; null when they recorded none by that id. */
export async function getChildWelfareReceipt(input: {
  database: Database;
  actor: Actor;
  reportId: string;
}): Promise<ChildWelfareReceipt | null> {
  const actor = assertStaff(input.actor);
  if (!isUuid(input.reportId)) return null;
  const [row] = await input.database.tenant(actor.tenantId, (tx) =>
    tx
      .select({
        id: childWelfareReports.id,
        recipient: childWelfareReports.recipient,
        reportedAt: childWelfareReports.reportedAt,
        unitName: units.name,
        logId: childWelfareReports.logId,
      })
      .from(childWelfareReports)
      .leftJoin(units, eq(units.id, childWelfareReports.reporterUnitId))
      .where(
        and(
          eq(childWelfareReports.tenantId, actor.tenantId),
          eq(childWelfareReports.id, input.reportId),
          eq(childWelfareReports.reportedBy, actor.userId),
        ),
      ),
  );
  return row ?? null;
}

export interface ChildWelfareReportLine {
  id: string;
  reportedAt: Date;
  reporterName: string;
  reporterUnitName: string | null;
  recipient: string;
}

/**
 * "Bekymringsmelding sendt <date> av <name>" for a log's overview, newest first. The caller has
 * passed `requireLog` for the log (staff only: never show this to guardians, who may not have
 * been told of the report).
 */
export async function listChildWelfareReports(
  tx: Tx,
  logId: string,
): Promise<ChildWelfareReportLine[]> {
  return tx
    .select({
      id: childWelfareReports.id,
      reportedAt: childWelfareReports.reportedAt,
      reporterName: users.name,
      reporterUnitName: units.name,
      recipient: childWelfareReports.recipient,
    })
    .from(childWelfareReports)
    .innerJoin(users, eq(users.id, childWelfareReports.reportedBy))
    .leftJoin(units, eq(units.id, childWelfareReports.reporterUnitId))
    .where(eq(childWelfareReports.logId, logId))
    .orderBy(desc(childWelfareReports.reportedAt));
}
