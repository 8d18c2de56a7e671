import { and, asc, eq, isNotNull, isNull, lte, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../../db/client.ts";
import { directoryEntries, tenants, units, users, worryNotes } from "../../db/schema/index.ts";
import { translator } from "../../i18n/index.ts";
import { noRequestMeta, systemActor, type Actor, type RequestMeta } from "../access/actor.ts";
import { assertCan } from "../access/policy.ts";
import { recordAudit } from "../audit/audit.ts";
import { AppError } from "../errors.ts";
import { parseInput } from "../platform/validation.ts";
import { worryDecisions, type WorryDecision } from "./kinds.ts";
import {
  addDays,
  identifyingWarnings,
  isIsoDate,
  osloDate,
  WORRY_PSEUDONYM_MAX,
  WORRY_REMINDER_DAYS,
  WORRY_TEXT_MAX,
  worryDeadline,
  worryTextQuestionIds,
} from "./worry-rules.ts";

export * from "./worry-rules.ts";

/**
 * Worry notes: an employee's private notes while going from worry to a decision (level 0).
 * Only the author ever sees a note: every query filters on the author (domain check) inside a
 * tenant transaction (RLS). Another employee asking for it gets "not found", never "forbidden",
 * so a note's existence is not revealed. Audit events carry ids and field names, never text.
 */
export type WorryNote = typeof worryNotes.$inferSelect;

type Staff = Extract<Actor, { kind: "staff" }>;

function assertStaff(actor: Actor): Staff {
  assertCan(actor, "guide.read");
  if (actor.kind !== "staff") throw new AppError("forbidden", "errors.forbidden");
  return actor;
}

const text = z.string().trim().max(WORRY_TEXT_MAX, "errors.tooLong");
const checkbox = z
  .union([z.literal("on"), z.literal("true"), z.literal(true), z.literal("")])
  .optional()
  .transform((value) => value === "on" || value === "true" || value === true);

const answerShape = Object.fromEntries(
  worryTextQuestionIds.map((id) => [id, text.optional().default("")]),
) as Record<(typeof worryTextQuestionIds)[number], z.ZodDefault<z.ZodOptional<typeof text>>>;

const noteFields = {
  pseudonym: z.string().trim().min(1).max(WORRY_PSEUDONYM_MAX, "worry.pseudonymTooLong"),
  note: text.optional().default(""),
  ...answerShape,
  /** "Jeg har fjernet navn og fødselsnummer": accepts texts the identity check still flags. */
  confirmedClean: checkbox,
};

const startedOnSchema = z
  .string()
  .trim()
  .refine(isIsoDate, "errors.format")
  .refine((value) => value <= osloDate(), "errors.format");

export const createWorryNoteSchema = z.strictObject({
  ...noteFields,
  /** The day of the flow's first step: the deadline counts from it. */
  startedOn: startedOnSchema,
  decision: z
    .enum(["", ...worryDecisions])
    .optional()
    .default(""),
  // The last question is answered "no" by anyone who reaches the save form; "yes" goes to
  // the report-now page instead and is never saved.
  serious: z.literal("no").optional(),
});

export const updateWorryNoteSchema = z.strictObject(noteFields);

type Answers = Record<string, string>;

function answersOf(values: Record<string, unknown>): Answers {
  const answers: Answers = {};
  for (const id of worryTextQuestionIds) {
    const value = values[id];
    if (typeof value === "string" && value !== "") answers[id] = value;
  }
  return answers;
}

/**
 * Refuses texts that look like a name, an ID number or a birth date unless the employee has
 * confirmed they removed them: the server checks, so it works without JavaScript.
 */
function assertNoIdentifyingData(values: {
  pseudonym: string;
  note: string;
  confirmedClean: boolean;
  [key: string]: unknown;
}): void {
  if (values.confirmedClean) return;
  const fields: Record<string, string> = { pseudonym: values.pseudonym, note: values.note };
  for (const id of worryTextQuestionIds) fields[id] = String(values[id] ?? "");
  const warnings = identifyingWarnings(fields);
  if (Object.keys(warnings).length > 0) {
    throw new AppError("validation", "worry.identifyingFound", { fieldErrors: warnings });
  }
}

function assertNoteId(noteId: string): void {
  if (!z.guid().safeParse(noteId).success) throw new AppError("not_found", "errors.notFound");
}

export async function createWorryNote(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  values: unknown;
}): Promise<WorryNote> {
  const actor = assertStaff(input.actor);
  const values = parseInput(createWorryNoteSchema, input.values);
  assertNoIdentifyingData(values);
  const decision = values.decision === "" ? null : values.decision;
  return input.database.tenant(actor.tenantId, async (tx) => {
    const [note] = await tx
      .insert(worryNotes)
      .values({
        tenantId: actor.tenantId,
        userId: actor.userId,
        pseudonym: values.pseudonym,
        answers: answersOf(values),
        note: values.note,
        deadline: worryDeadline(values.startedOn),
        decision,
        decidedAt: decision ? new Date() : null,
      })
      .returning();
    await recordAudit(tx, {
      type: "worry.created",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "worry_note", id: note!.id },
      details: decision ? { decision } : {},
    });
    return note!;
  });
}

/** The author's own notes, the nearest deadline first; decided notes after the open ones. */
export async function listMyWorryNotes(input: {
  database: Database;
  actor: Actor;
}): Promise<WorryNote[]> {
  const actor = assertStaff(input.actor);
  return input.database.tenant(actor.tenantId, (tx) =>
    tx
      .select()
      .from(worryNotes)
      .where(and(eq(worryNotes.tenantId, actor.tenantId), eq(worryNotes.userId, actor.userId)))
      .orderBy(sql`${worryNotes.decision} is not null`, asc(worryNotes.deadline)),
  );
}

/** Open notes whose reminder has gone out: the start page shows "Frist om 2 dager" for each. */
export async function listMyWorryReminders(input: {
  database: Database;
  actor: Actor;
}): Promise<Pick<WorryNote, "id" | "pseudonym" | "deadline">[]> {
  const actor = assertStaff(input.actor);
  return input.database.tenant(actor.tenantId, (tx) =>
    tx
      .select({ id: worryNotes.id, pseudonym: worryNotes.pseudonym, deadline: worryNotes.deadline })
      .from(worryNotes)
      .where(
        and(
          eq(worryNotes.tenantId, actor.tenantId),
          eq(worryNotes.userId, actor.userId),
          isNull(worryNotes.decision),
          isNotNull(worryNotes.reminderSentAt),
        ),
      )
      .orderBy(asc(worryNotes.deadline)),
  );
}

export async function getWorryNote(input: {
  database: Database;
  actor: Actor;
  noteId: string;
}): Promise<WorryNote> {
  const actor = assertStaff(input.actor);
  assertNoteId(input.noteId);
  const [note] = await input.database.tenant(actor.tenantId, (tx) =>
    tx
      .select()
      .from(worryNotes)
      .where(
        and(
          eq(worryNotes.tenantId, actor.tenantId),
          eq(worryNotes.userId, actor.userId),
          eq(worryNotes.id, input.noteId),
        ),
      ),
  );
  if (!note) throw new AppError("not_found", "errors.notFound");
  return note;
}

export async function updateWorryNote(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  noteId: string;
  values: unknown;
}): Promise<WorryNote> {
  const actor = assertStaff(input.actor);
  assertNoteId(input.noteId);
  const values = parseInput(updateWorryNoteSchema, input.values);
  assertNoIdentifyingData(values);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const mine = and(
      eq(worryNotes.tenantId, actor.tenantId),
      eq(worryNotes.userId, actor.userId),
      eq(worryNotes.id, input.noteId),
    );
    const [before] = await tx.select().from(worryNotes).where(mine);
    if (!before) throw new AppError("not_found", "errors.notFound");
    const answers = answersOf(values);
    const [note] = await tx
      .update(worryNotes)
      .set({ pseudonym: values.pseudonym, note: values.note, answers, updatedAt: new Date() })
      .where(mine)
      .returning();
    const changed = [
      before.pseudonym !== values.pseudonym ? "pseudonym" : null,
      before.note !== values.note ? "note" : null,
      ...worryTextQuestionIds.map((id) =>
        (before.answers[id] ?? "") !== (answers[id] ?? "") ? id : null,
      ),
    ].filter((field): field is string => field !== null);
    await recordAudit(tx, {
      type: "worry.updated",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "worry_note", id: note!.id },
      details: { fields: changed },
    });
    return note!;
  });
}

export async function decideWorryNote(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  noteId: string;
  values: unknown;
}): Promise<WorryNote> {
  const actor = assertStaff(input.actor);
  assertNoteId(input.noteId);
  const { decision } = parseInput(
    z.strictObject({ decision: z.enum(worryDecisions) }),
    input.values,
  );
  return input.database.tenant(actor.tenantId, async (tx) => {
    const [note] = await tx
      .update(worryNotes)
      .set({ decision, decidedAt: new Date(), updatedAt: new Date() })
      .where(
        and(
          eq(worryNotes.tenantId, actor.tenantId),
          eq(worryNotes.userId, actor.userId),
          eq(worryNotes.id, input.noteId),
        ),
      )
      .returning();
    if (!note) throw new AppError("not_found", "errors.notFound");
    await recordAudit(tx, {
      type: "worry.decided",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "worry_note", id: note.id },
      details: { decision: decision satisfies WorryDecision },
    });
    return note;
  });
}

export async function deleteWorryNote(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  noteId: string;
}): Promise<void> {
  const actor = assertStaff(input.actor);
  assertNoteId(input.noteId);
  await input.database.tenant(actor.tenantId, async (tx) => {
    const deleted = await tx
      .delete(worryNotes)
      .where(
        and(
          eq(worryNotes.tenantId, actor.tenantId),
          eq(worryNotes.userId, actor.userId),
          eq(worryNotes.id, input.noteId),
        ),
      )
      .returning({ id: worryNotes.id });
    if (deleted.length === 0) throw new AppError("not_found", "errors.notFound");
    await recordAudit(tx, {
      type: "worry.deleted",
      tenantId: actor.tenantId,
      actor,
      meta: input.meta,
      subject: { type: "worry_note", id: input.noteId },
    });
  });
}

/** Who to remind, and of what: the e-mail carries no content of the note, only the deadline. */
export interface WorryReminder {
  noteId: string;
  tenantId: string;
  email: string;
  name: string;
  deadline: string;
}

/**
 * The reminder job: marks every undecided note whose deadline is at most two days away and
 * whose reminder has not gone out, and e-mails the author when mail is set up: a short message
 * with the deadline only, never anything from the note.
 * The update claims the rows (`reminder_sent_at is null` in its WHERE), so two app nodes running
 * the job at once never remind twice. A failing e-mail is reported but does not undo the
 * mark: the in-app "Frist om 2 dager" is the reminder that always works.
 */
export async function sendWorryReminders(input: {
  database: Database;
  now?: Date;
  /** Sends the short e-mail when SMTP is configured (server/mail.ts); left out, only the in-app reminder shows. */
  mailer?: WorryReminderMailer;
}): Promise<WorryReminder[]> {
  const now = input.now ?? new Date();
  const dueBy = addDays(osloDate(now), WORRY_REMINDER_DAYS);
  // Across municipalities, like audit sealing: a background job has no tenant of its own.
  const reminders = await input.database.system(async (tx) => {
    const claimed = await tx
      .update(worryNotes)
      .set({ reminderSentAt: now })
      .where(
        and(
          isNull(worryNotes.decision),
          isNull(worryNotes.reminderSentAt),
          lte(worryNotes.deadline, dueBy),
        ),
      )
      .returning({
        id: worryNotes.id,
        tenantId: worryNotes.tenantId,
        userId: worryNotes.userId,
        deadline: worryNotes.deadline,
      });
    const found: WorryReminder[] = [];
    for (const note of claimed) {
      const [user] = await tx
        .select({ email: users.email, name: users.name, active: users.active })
        .from(users)
        .where(eq(users.id, note.userId));
      await recordAudit(tx, {
        type: "worry.reminder_sent",
        tenantId: note.tenantId,
        actor: systemActor(note.tenantId, "worry.reminders"),
        meta: noRequestMeta,
        subject: { type: "worry_note", id: note.id },
      });
      if (user?.active) {
        found.push({
          noteId: note.id,
          tenantId: note.tenantId,
          email: user.email,
          name: user.name,
          deadline: note.deadline,
        });
      }
    }
    return found;
  });
  const mailer = input.mailer;
  if (mailer?.configured) {
    const t = translator("nb");
    let failures = 0;
    for (const reminder of reminders) {
      const [year, month, day] = reminder.deadline.split("-");
      await mailer
        .sendMail({
          to: reminder.email,
          subject: t("worry.reminderMail.subject"),
          text: t("worry.reminderMail.body", {
            name: reminder.name,
            deadline: `${day}.${month}.${year}`,
          }),
        })
        .catch(() => {
          failures += 1;
        });
    }
    // Reported to the job runner's log (without addresses); the in-app reminder stands.
    if (failures > 0) throw new Error(`${failures} worry reminder e-mail(s) failed`);
  }
  return reminders;
}

/** What the reminder job needs of server/mail.ts's Mailer. */
export interface WorryReminderMailer {
  readonly configured: boolean;
  sendMail(message: { to: string; subject: string; text: string }): Promise<void>;
}

/** Where the report-now page's number for the child welfare service comes from. */
export interface ChildWelfareContact {
  source: "directory" | "municipality" | "none";
  phone: string | null;
}

/**
 * The number to call the municipality's child welfare service: an active directory entry tied
 * to a barneverntjenesten unit when there is one, else the municipality's contact phone.
 * Either way the page marks it as a number the municipality must check.
 */
export async function childWelfareContact(input: {
  database: Database;
  actor: Actor;
}): Promise<ChildWelfareContact> {
  const actor = assertStaff(input.actor);
  return input.database.tenant(actor.tenantId, async (tx) => {
    const [entry] = await tx
      .select({ phone: directoryEntries.phone })
      .from(directoryEntries)
      .innerJoin(units, eq(units.id, directoryEntries.unitId))
      .where(
        and(
          eq(directoryEntries.tenantId, actor.tenantId),
          eq(directoryEntries.active, true),
          isNotNull(directoryEntries.phone),
          eq(units.serviceType, "barneverntjenesten"),
        ),
      )
      .orderBy(asc(directoryEntries.name))
      .limit(1);
    if (entry?.phone) return { source: "directory", phone: entry.phone };
    const [tenant] = await tx
      .select({ settings: tenants.settings })
      .from(tenants)
      .where(eq(tenants.id, actor.tenantId));
    const phone = tenant?.settings.contactPhone ?? null;
    return phone ? { source: "municipality", phone } : { source: "none", phone: null };
  });
}
