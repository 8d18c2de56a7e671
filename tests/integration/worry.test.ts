import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../core/access/actor.ts";
import { AppError } from "../../core/errors.ts";
import {
  addDays,
  childWelfareContact,
  createWorryNote,
  decideWorryNote,
  deleteWorryNote,
  getWorryNote,
  listMyWorryNotes,
  listMyWorryReminders,
  osloDate,
  sendWorryReminders,
  updateWorryNote,
} from "../../core/guide/worry.ts";
import { updateTenant } from "../../core/tenants/tenants.ts";
import { auditEvents, directoryEntries, worryNotes } from "../../db/schema/index.ts";
import { databaseKinds, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { makeStaff, makeTenant, makeUnit } from "../support/fixtures.ts";

type Staff = Extract<Actor, { kind: "staff" }>;

const meta = { ip: "192.0.2.30", userAgent: "vitest", requestId: "req-worry" };

async function failure(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the use case to fail");
}

const cleanAnswers = {
  seen: "Gråter ofte i friminuttene",
  said: "Sa at det er bråk hjemme",
  surroundings: "Kommer ofte uten matpakke",
  duration: "Tre uker",
  others: "Kontaktlæreren har sett det samme",
};

describe.each(databaseKinds)("worry notes on %s", (kind) => {
  let database: TestDatabase;
  let tenantA: string;
  let tenantB: string;
  let author: Staff;
  let colleague: Staff;
  let coordinator: Staff;
  let outsider: Staff;

  beforeAll(async () => {
    database = await freshDatabase(kind);
    tenantA = (await makeTenant(database, "Avik kommune")).id;
    tenantB = (await makeTenant(database, "Bvik kommune")).id;
    author = await makeStaff(database, tenantA, { roles: ["employee"] });
    colleague = await makeStaff(database, tenantA, { roles: ["employee"] });
    coordinator = await makeStaff(database, tenantA, { roles: ["coordinator", "admin"] });
    outsider = await makeStaff(database, tenantB, { roles: ["admin"] });
  });
  afterAll(() => database.drop());

  const create = (actor: Staff, values: Record<string, unknown> = {}) =>
    createWorryNote({
      database,
      actor,
      meta,
      values: { pseudonym: "K.N.", startedOn: osloDate(), ...cleanAnswers, ...values },
    });

  async function auditFor(noteId: string) {
    return database.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.subjectType, "worry_note"), eq(auditEvents.subjectId, noteId)))
        .orderBy(auditEvents.id),
    );
  }

  it("saves a note with the deadline 14 days after the first step, audited without its text", async () => {
    const startedOn = addDays(osloDate(), -3);
    const note = await create(author, { startedOn, note: "Snakke med leder fredag" });
    expect(note.deadline).toBe(addDays(startedOn, 14));
    expect(note.answers).toEqual(cleanAnswers);
    expect(note.decision).toBeNull();
    const events = await auditFor(note.id);
    expect(events.map((event) => event.eventType)).toEqual(["worry.created"]);
    expect(events[0]!.tenantId).toBe(tenantA);
    const logged = JSON.stringify(events[0]);
    for (const text of ["K.N.", "Snakke med leder", ...Object.values(cleanAnswers)]) {
      expect(logged).not.toContain(text);
    }
  });

  it("refuses a start day in the future", async () => {
    const error = await failure(create(author, { startedOn: addDays(osloDate(), 1) }));
    expect(error.code).toBe("validation");
    expect(error.fieldErrors?.startedOn).toBeDefined();
  });

  it("warns about names, ID numbers and birth dates, and saves once the employee confirms", async () => {
    const error = await failure(
      create(author, {
        pseudonym: "Kari Nordmann",
        seen: "Fnr 12345678901 står på lappen",
        note: "Født 01.02.2016",
      }),
    );
    expect(error.code).toBe("validation");
    expect(error.messageKey).toBe("worry.identifyingFound");
    expect(error.fieldErrors).toEqual({
      pseudonym: "worry.warning.name",
      seen: "worry.warning.idNumber",
      note: "worry.warning.birthDate",
    });
    const before = await listMyWorryNotes({ database, actor: author });
    const saved = await create(author, {
      seen: "Gutten på Fjordvik Skole",
      confirmedClean: "on",
    });
    expect(saved.answers.seen).toBe("Gutten på Fjordvik Skole");
    expect((await listMyWorryNotes({ database, actor: author })).length).toBe(before.length + 1);
  });

  it("shows a note to its author only: colleagues, coordinators and other municipalities get not_found", async () => {
    const note = await create(author);
    const mine = await listMyWorryNotes({ database, actor: author });
    expect(mine.map((row) => row.id)).toContain(note.id);
    expect((await getWorryNote({ database, actor: author, noteId: note.id })).id).toBe(note.id);

    for (const other of [colleague, coordinator, outsider]) {
      expect(
        (await listMyWorryNotes({ database, actor: other })).map((row) => row.id),
      ).not.toContain(note.id);
      const read = await failure(getWorryNote({ database, actor: other, noteId: note.id }));
      expect(read.code).toBe("not_found");
      const update = await failure(
        updateWorryNote({
          database,
          actor: other,
          meta,
          noteId: note.id,
          values: { pseudonym: "X" },
        }),
      );
      expect(update.code).toBe("not_found");
      const decide = await failure(
        decideWorryNote({
          database,
          actor: other,
          meta,
          noteId: note.id,
          values: { decision: "close" },
        }),
      );
      expect(decide.code).toBe("not_found");
      const remove = await failure(
        deleteWorryNote({ database, actor: other, meta, noteId: note.id }),
      );
      expect(remove.code).toBe("not_found");
    }
    const unchanged = await getWorryNote({ database, actor: author, noteId: note.id });
    expect(unchanged.pseudonym).toBe("K.N.");
    expect(unchanged.decision).toBeNull();
    expect((await failure(getWorryNote({ database, actor: author, noteId: "nope" }))).code).toBe(
      "not_found",
    );
  });

  it("keeps notes apart by tenant in the database too (RLS)", async () => {
    const note = await create(author);
    const seenFromB = await database.tenant(tenantB, (tx) =>
      tx.select().from(worryNotes).where(eq(worryNotes.id, note.id)),
    );
    expect(seenFromB).toEqual([]);
    const seenFromA = await database.tenant(tenantA, (tx) =>
      tx.select().from(worryNotes).where(eq(worryNotes.id, note.id)),
    );
    expect(seenFromA).toHaveLength(1);
  });

  it("updates a note with the same identity check, auditing changed field names only", async () => {
    const note = await create(author);
    const refused = await failure(
      updateWorryNote({
        database,
        actor: author,
        meta,
        noteId: note.id,
        values: { pseudonym: "K.N.", ...cleanAnswers, said: "Ole Hansen slo meg" },
      }),
    );
    expect(refused.fieldErrors).toEqual({ said: "worry.warning.name" });
    const updated = await updateWorryNote({
      database,
      actor: author,
      meta,
      noteId: note.id,
      values: { pseudonym: "K.N.", ...cleanAnswers, duration: "Fire uker", note: "Ny info" },
    });
    expect(updated.answers.duration).toBe("Fire uker");
    expect(updated.note).toBe("Ny info");
    const events = await auditFor(note.id);
    expect(events.map((event) => event.eventType)).toEqual(["worry.created", "worry.updated"]);
    expect(events[1]!.details).toEqual({ fields: ["note", "duration"] });
  });

  it("records the decision and audits which one", async () => {
    const note = await create(author);
    const bad = await failure(
      decideWorryNote({
        database,
        actor: author,
        meta,
        noteId: note.id,
        values: { decision: "x" },
      }),
    );
    expect(bad.code).toBe("validation");
    const decided = await decideWorryNote({
      database,
      actor: author,
      meta,
      noteId: note.id,
      values: { decision: "level2" },
    });
    expect(decided.decision).toBe("level2");
    expect(decided.decidedAt).not.toBeNull();
    const events = await auditFor(note.id);
    expect(events.at(-1)!.eventType).toBe("worry.decided");
    expect(events.at(-1)!.details).toEqual({ decision: "level2" });
  });

  it("deletes a note for good and audits it", async () => {
    const note = await create(author);
    await deleteWorryNote({ database, actor: author, meta, noteId: note.id });
    expect((await failure(getWorryNote({ database, actor: author, noteId: note.id }))).code).toBe(
      "not_found",
    );
    expect((await auditFor(note.id)).map((event) => event.eventType)).toEqual([
      "worry.created",
      "worry.deleted",
    ]);
  });

  it("reminds once, two days before the deadline, of undecided notes only, by a mail without content", async () => {
    const remindee = await makeStaff(database, tenantA, { roles: ["employee"] });
    const today = osloDate();
    const dueSoon = await create(remindee, { startedOn: addDays(today, -12), note: "Hemmelig" });
    const overdue = await create(remindee, { startedOn: addDays(today, -20) });
    const later = await create(remindee, { startedOn: addDays(today, -11) });
    const decided = await create(remindee, { startedOn: addDays(today, -13), decision: "close" });

    const sent: { to: string; subject: string; text: string }[] = [];
    const mailer = {
      configured: true,
      sendMail: async (message: { to: string; subject: string; text: string }) => {
        sent.push(message);
      },
    };
    const reminded = await sendWorryReminders({ database, mailer });
    const remindedIds = reminded.map((reminder) => reminder.noteId);
    expect(remindedIds).toEqual(expect.arrayContaining([dueSoon.id, overdue.id]));
    expect(remindedIds).not.toContain(later.id);
    expect(remindedIds).not.toContain(decided.id);

    const mine = sent.filter((message) => message.to === remindee.email);
    expect(mine).toHaveLength(2);
    for (const message of mine) {
      expect(message.text).not.toContain("K.N.");
      expect(message.text).not.toContain("Hemmelig");
      expect(message.text).not.toContain(cleanAnswers.seen);
    }

    // The start page and Mine bekymringer show the reminded ones to the author, and nobody else.
    const shown = await listMyWorryReminders({ database, actor: remindee });
    expect(shown.map((row) => row.id).sort()).toEqual([dueSoon.id, overdue.id].sort());
    expect(await listMyWorryReminders({ database, actor: colleague })).toEqual([]);

    // Running again reminds nobody twice.
    const again = await sendWorryReminders({ database, mailer });
    expect(again.map((reminder) => reminder.noteId)).not.toContain(dueSoon.id);

    // Deciding clears the reminder from the start page.
    await decideWorryNote({
      database,
      actor: remindee,
      meta,
      noteId: dueSoon.id,
      values: { decision: "level1" },
    });
    expect(
      (await listMyWorryReminders({ database, actor: remindee })).map((row) => row.id),
    ).toEqual([overdue.id]);
    const events = await auditFor(dueSoon.id);
    expect(events.map((event) => event.eventType)).toContain("worry.reminder_sent");
  });

  it("finds the child welfare number in the directory, else the municipality's phone", async () => {
    const admin = await makeStaff(database, tenantB, { roles: ["admin"] });
    expect(await childWelfareContact({ database, actor: admin })).toEqual({
      source: "none",
      phone: null,
    });
    await updateTenant({
      database,
      actor: admin,
      meta,
      tenantId: tenantB,
      values: {
        name: "Bvik kommune",
        settings: {
          youthConsentAge: 15,
          retentionMonthsAfterClose: 24,
          contactEmail: "",
          contactPhone: "12345678",
        },
      },
    });
    expect(await childWelfareContact({ database, actor: admin })).toEqual({
      source: "municipality",
      phone: "12345678",
    });
    const unit = await makeUnit(database, tenantB, "Bvik barnevern");
    await database.system(async (tx) => {
      // The fixture makes a school; this unit is the child welfare service.
      await tx.execute(
        sql`update units set service_type = 'barneverntjenesten' where id = ${unit.id}`,
      );
      await tx.insert(directoryEntries).values({
        tenantId: tenantB,
        unitId: unit.id,
        name: "Barneverntjenesten i Bvik",
        phone: "87654321",
      });
    });
    expect(await childWelfareContact({ database, actor: admin })).toEqual({
      source: "directory",
      phone: "87654321",
    });
  });
});
