import { and, eq } from "drizzle-orm";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../core/access/actor.ts";
import { AppError } from "../../core/errors.ts";
import { grantReport, grantReportPdf } from "../../core/organisation/grant-report.ts";
import {
  addExpense,
  createLine,
  deleteExpense,
  deleteLine,
  lineForm,
  updateLine,
  viewLine,
} from "../../core/organisation/grants-budget.ts";
import {
  createDeadline,
  deleteDeadline,
  markDeadlineSubmitted,
  updateDeadline,
} from "../../core/organisation/grants-deadlines.ts";
import { createGrantReportReminders } from "../../core/organisation/grants-reminders.ts";
import {
  createGrant,
  deleteGrant,
  grantForm,
  listGrants,
  updateGrant,
  viewGrant,
} from "../../core/organisation/grants.ts";
import { organisationHub } from "../../core/organisation/hub.ts";
import { formatOre } from "../../core/organisation/money.ts";
import { addDays, osloDate } from "../../core/platform/dates.ts";
import { listNotifications } from "../../core/relay-log/reminders.ts";
import {
  auditEvents,
  grantBudgetLines,
  grantExpenses,
  grantReportingDeadlines,
  notifications,
  users,
} from "../../db/schema/index.ts";
import { nb } from "../../i18n/nb.ts";
import { browserHeaders, testAppWithUi } from "../support/app.ts";
import { databaseKinds, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { makeStaff, makeTenant, makeUnit } from "../support/fixtures.ts";

type Staff = Extract<Actor, { kind: "staff" }>;

const meta = { ip: "192.0.2.88", userAgent: "vitest", requestId: "req-org-grants" };
const g = nb.organisation.grants;
const kr = (kroner: number) => Math.round(kroner * 100);
/** Text with every kind of space made plain, as the PDF text is compared. */
const plain = (text: string) => text.replace(/\s+/g, " ");

async function failure(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the use case to fail");
}

interface StructNode {
  role?: string;
  children?: StructNode[];
}

async function readPdf(bytes: Uint8Array) {
  const raw = Buffer.from(bytes).toString("latin1");
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: true });
  const roles = new Set<string>();
  for (let number = 1; number <= pdf.numPages; number += 1) {
    const tree = (await (await pdf.getPage(number)).getStructTree()) as StructNode | null;
    const walk = (node: StructNode) => {
      if (node.role) roles.add(node.role);
      node.children?.forEach(walk);
    };
    if (tree) walk(tree);
  }
  const metadata = await pdf.getMetadata();
  return { raw, text: plain(text), roles, metadata };
}

const strandGrant = {
  name: "Tilskudd til implementering av BTS-modellen",
  grantor: "Bufdir",
  reference: "Systematisk identifikasjon",
  status: "granted",
  appliedOn: "2026-01-10",
  decidedOn: "2026-03-01",
  appliedAmount: "502 470",
  grantedAmount: "kr 500 000",
  periodStart: "2026-03-01",
  periodEnd: "2027-02-28",
  contactUserId: "",
  note: "Dekker frikjøp og opplæringsdager.",
};

const strandLines = [
  { category: "project_leader", description: "Frikjøp av prosjektleder 30 %", planned: "262 470" },
  { category: "speakers", description: "Eksterne foredragsholdere", planned: "150 000" },
  { category: "venues", description: "Leie av lokaler x 3", planned: "15.000" },
  { category: "catering", description: "Bevertning", planned: "5 000" },
  { category: "material", description: "Opplæringsmateriell", planned: "70 000" },
];

describe.each(databaseKinds)("organisation grants on %s", (kind) => {
  let database: TestDatabase;
  let tenantA: string;
  let tenantB: string;
  let coordinator: Staff;
  let coordinator2: Staff;
  let coordinatorB: Staff;
  let sectorLeader: Staff;
  let unitLeader: Staff;
  let btsContact: Staff;
  let employee: Staff;
  let contact: Staff;

  beforeAll(async () => {
    database = await freshDatabase(kind);
    tenantA = (await makeTenant(database, "Avik kommune")).id;
    tenantB = (await makeTenant(database, "Bvik kommune")).id;
    const school = await makeUnit(database, tenantA, "Avik skole");
    coordinator = await makeStaff(database, tenantA, { roles: ["coordinator"], name: "Kari K" });
    coordinator2 = await makeStaff(database, tenantA, { roles: ["coordinator"], name: "Ola O" });
    coordinatorB = await makeStaff(database, tenantB, { roles: ["coordinator"] });
    sectorLeader = await makeStaff(database, tenantA, { roles: ["sector_leader"] });
    unitLeader = await makeStaff(database, tenantA, {
      roles: ["unit_leader"],
      unitIds: [school.id],
    });
    btsContact = await makeStaff(database, tenantA, {
      roles: ["bts_contact", "employee"],
      unitIds: [school.id],
    });
    employee = await makeStaff(database, tenantA, { roles: ["employee"], unitIds: [school.id] });
    // The contact person reads the grants (the reminder links to the grant page): a unit leader.
    contact = await makeStaff(database, tenantA, {
      roles: ["unit_leader"],
      unitIds: [school.id],
      name: "Kontakt Person",
    });
  });
  afterAll(() => database.drop());

  async function auditRows(type: string, subjectId?: string) {
    return database.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(
          subjectId
            ? and(eq(auditEvents.eventType, type), eq(auditEvents.subjectId, subjectId))
            : eq(auditEvents.eventType, type),
        ),
    );
  }

  const newGrant = (values: Record<string, unknown> = {}, actor: Staff = coordinator) =>
    createGrant({ database, actor, meta, values: { ...strandGrant, ...values } });

  async function strand(name = strandGrant.name) {
    const grant = await newGrant({ name });
    const lines = [];
    for (const values of strandLines) {
      lines.push(
        await createLine({ database, actor: coordinator, meta, grantId: grant.id, values }),
      );
    }
    return { grant, lines };
  }

  describe("grants", () => {
    it("lets the coordinator add one with amounts in øre, audited without free text", async () => {
      const row = await newGrant({ contactUserId: contact.userId });
      expect(row).toMatchObject({
        tenantId: tenantA,
        status: "granted",
        appliedOre: kr(502_470),
        grantedOre: kr(500_000),
        decidedOn: "2026-03-01",
        contactUserId: contact.userId,
        reference: "Systematisk identifikasjon",
      });
      const [event] = await auditRows("organisation.grant_saved", row.id);
      expect(event?.details).toEqual({
        created: true,
        status: "granted",
        appliedOre: kr(502_470),
        grantedOre: kr(500_000),
      });
      expect(JSON.stringify(event?.details)).not.toContain("frikjøp");
    });

    it("refuses bad input with every message at once", async () => {
      const error = await failure(
        newGrant({
          name: " ",
          grantor: "",
          status: "granted",
          grantedAmount: "",
          decidedOn: "",
          appliedAmount: "-5 000",
          periodStart: "2026-08-01",
          periodEnd: "2026-07-01",
        }),
      );
      expect(error.code).toBe("validation");
      expect(error.fieldErrors).toEqual({
        name: "organisation.grants.errors.nameRequired",
        grantor: "organisation.grants.errors.grantorRequired",
        appliedAmount: "organisation.grants.money.negative",
        grantedAmount: "organisation.grants.errors.grantedAmountRequired",
        decidedOn: "organisation.grants.errors.decidedOnRequired",
        periodEnd: "organisation.grants.errors.periodOrder",
      });
      const decided = await failure(newGrant({ appliedOn: "2026-03-02", decidedOn: "2026-03-01" }));
      expect(decided.fieldErrors).toEqual({
        decidedOn: "organisation.grants.errors.decidedBeforeApplied",
      });
      const foreignContact = await failure(newGrant({ contactUserId: coordinatorB.userId }));
      expect(foreignContact.fieldErrors).toEqual({
        contactUserId: "organisation.grants.errors.contact",
      });
    });

    it("offers and accepts only contact persons who can open the grant page", async () => {
      const admin = await makeStaff(database, tenantA, { roles: ["admin"], name: "Adm In" });
      const form = await grantForm({ database, actor: coordinator, meta });
      const offered = form.contacts.map((option) => option.id);
      for (const reader of [coordinator, sectorLeader, unitLeader, btsContact, contact]) {
        expect(offered).toContain(reader.userId);
      }
      expect(offered).not.toContain(employee.userId);
      expect(offered).not.toContain(admin.userId);
      expect(offered).not.toContain(coordinatorB.userId);
      for (const outsider of [employee, admin]) {
        const refused = await failure(newGrant({ contactUserId: outsider.userId }));
        expect(refused.code).toBe("validation");
        expect(refused.fieldErrors).toEqual({
          contactUserId: "organisation.grants.errors.contactAccess",
        });
      }
      expect(g.errors.contactAccess).toMatch(/^Kontaktpersonen må kunne se tilskuddene\./);
      // A BTS contact who is also an employee reads the grants, so may be the contact.
      expect((await newGrant({ contactUserId: btsContact.userId })).contactUserId).toBe(
        btsContact.userId,
      );

      // A contact who later loses access: the edit form still shows who it is, saving asks
      // for someone else.
      const lost = await makeStaff(database, tenantA, { roles: ["bts_contact"], name: "Tidl BTS" });
      const grant = await newGrant({ name: "Kontakt mistet tilgang", contactUserId: lost.userId });
      await database.system((tx) =>
        tx
          .update(users)
          .set({ roles: ["employee"] })
          .where(eq(users.id, lost.userId)),
      );
      const edit = await grantForm({ database, actor: coordinator, meta, grantId: grant.id });
      expect(edit.contacts.map((option) => option.id)).toContain(lost.userId);
      expect((await grantForm({ database, actor: coordinator, meta })).contacts).not.toContainEqual(
        expect.objectContaining({ id: lost.userId }),
      );
      const kept = await failure(
        updateGrant({
          database,
          actor: coordinator,
          meta,
          grantId: grant.id,
          values: { ...strandGrant, name: "Kontakt mistet tilgang", contactUserId: lost.userId },
        }),
      );
      expect(kept.fieldErrors).toEqual({
        contactUserId: "organisation.grants.errors.contactAccess",
      });
    });

    it("updates a grant, naming the changed fields, and deletes it with all it holds", async () => {
      const { grant, lines } = await strand("Slettes med alt");
      await addExpense({
        database,
        actor: coordinator,
        meta,
        grantId: grant.id,
        lineId: lines[0]!.id,
        values: { spentOn: "2026-04-01", amount: "1 000", description: "Frikjøp april" },
      });
      await createDeadline({
        database,
        actor: coordinator,
        meta,
        grantId: grant.id,
        values: { title: "Rapport", dueOn: "2026-12-01" },
      });
      const updated = await updateGrant({
        database,
        actor: coordinator,
        meta,
        grantId: grant.id,
        values: { ...strandGrant, name: "Slettes med alt", status: "closed", note: "Ferdig" },
      });
      expect(updated.status).toBe("closed");
      const saved = await auditRows("organisation.grant_saved", grant.id);
      expect(saved.at(-1)?.details).toMatchObject({ created: false, fields: ["status", "note"] });

      const form = await grantForm({ database, actor: coordinator, meta, grantId: grant.id });
      expect(form.counts).toEqual({ lines: 5, expenses: 1, deadlines: 1 });
      await deleteGrant({ database, actor: coordinator, meta, grantId: grant.id });
      const left = await database.system(async (tx) => ({
        lines: await tx
          .select()
          .from(grantBudgetLines)
          .where(eq(grantBudgetLines.grantId, grant.id)),
        expenses: await tx
          .select()
          .from(grantExpenses)
          .where(eq(grantExpenses.lineId, lines[0]!.id)),
        deadlines: await tx
          .select()
          .from(grantReportingDeadlines)
          .where(eq(grantReportingDeadlines.grantId, grant.id)),
      }));
      expect(left).toEqual({ lines: [], expenses: [], deadlines: [] });
      const [deleted] = await auditRows("organisation.grant_deleted", grant.id);
      expect(deleted?.details).toEqual({ status: "closed", lines: 5, expenses: 1, deadlines: 1 });
    });

    it("lists grants with budget, spent, left and the next deadline, audited", async () => {
      const { grant, lines } = await strand("Listevisning");
      await addExpense({
        database,
        actor: coordinator,
        meta,
        grantId: grant.id,
        lineId: lines[3]!.id,
        values: { spentOn: "2026-04-01", amount: "5 350", description: "Lunsj og kaffe" },
      });
      const today = "2026-06-10";
      for (const [title, dueOn] of [
        ["Forfalt rapport", "2026-06-01"],
        ["Senere rapport", "2026-12-01"],
      ] as const) {
        await createDeadline({
          database,
          actor: coordinator,
          meta,
          grantId: grant.id,
          values: { title, dueOn },
          today,
        });
      }
      const pending = await newGrant({
        name: "Søkt tilskudd",
        status: "applied",
        grantedAmount: "",
        decidedOn: "",
      });
      const list = await listGrants({ database, actor: coordinator, meta, today });
      expect(list.canManage).toBe(true);
      const item = list.grants.find((entry) => entry.id === grant.id)!;
      expect(item.totals).toMatchObject({
        plannedOre: kr(502_470),
        spentOre: kr(5_350),
        leftOfBudgetOre: kr(502_470 - 5_350),
        leftOfGrantedOre: kr(500_000 - 5_350),
        budget: { kind: "over", differenceOre: kr(2_470) },
      });
      // Nothing granted yet: nothing «left of granted» to show.
      const pendingItem = list.grants.find((entry) => entry.id === pending.id)!;
      expect(pendingItem.totals).toMatchObject({ leftOfGrantedOre: null, overGranted: false });
      expect(item.nextDeadline).toMatchObject({ title: "Forfalt rapport", state: "overdue" });
      const applied = await listGrants({ database, actor: coordinator, meta, status: "applied" });
      expect(applied.grants.map((entry) => entry.id)).toEqual([pending.id]);
      const [event] = (await auditRows("organisation.grants_listed")).filter(
        (row) => (row.details as { status?: string }).status === "applied",
      );
      expect(event?.details).toMatchObject({ status: "applied", count: 1, total: 1 });
      expect(event?.actor).toMatchObject({ id: coordinator.userId });
    });

    it("lets sector leaders, unit leaders and BTS contacts read but not write", async () => {
      const { grant, lines } = await strand("Lesbart tilskudd");
      for (const reader of [sectorLeader, unitLeader, btsContact]) {
        const list = await listGrants({ database, actor: reader, meta });
        expect(list.canManage).toBe(false);
        expect(list.grants.map((item) => item.id)).toContain(grant.id);
        const page = await viewGrant({ database, actor: reader, meta, grantId: grant.id });
        expect(page.lines).toHaveLength(5);
        const line = await viewLine({
          database,
          actor: reader,
          meta,
          grantId: grant.id,
          lineId: lines[0]!.id,
        });
        expect(line.canManage).toBe(false);
        await grantReport({
          database,
          actor: reader,
          meta,
          grantId: grant.id,
          municipality: "Avik kommune",
          format: "html",
        });
        for (const work of [
          () => newGrant({ name: "Nei" }, reader),
          () =>
            updateGrant({ database, actor: reader, meta, grantId: grant.id, values: strandGrant }),
          () => deleteGrant({ database, actor: reader, meta, grantId: grant.id }),
          () => grantForm({ database, actor: reader, meta }),
          () =>
            createLine({
              database,
              actor: reader,
              meta,
              grantId: grant.id,
              values: strandLines[0],
            }),
          () =>
            addExpense({
              database,
              actor: reader,
              meta,
              grantId: grant.id,
              lineId: lines[0]!.id,
              values: { spentOn: "2026-04-01", amount: "1", description: "x" },
            }),
          () =>
            createDeadline({
              database,
              actor: reader,
              meta,
              grantId: grant.id,
              values: { title: "x", dueOn: "2026-12-01" },
            }),
        ]) {
          expect((await failure(work())).code).toBe("forbidden");
        }
      }
      expect((await failure(listGrants({ database, actor: employee, meta }))).code).toBe(
        "forbidden",
      );
      const views = await auditRows("organisation.grant_viewed", grant.id);
      expect(views.map((row) => (row.details as { view: string }).view)).toEqual(
        expect.arrayContaining(["grant", "line"]),
      );
      const reports = await auditRows("organisation.grant_report_viewed", grant.id);
      expect(reports).toHaveLength(3);
    });

    it("keeps each municipality's grants to itself", async () => {
      const { grant, lines } = await strand("Bare i Avik");
      const list = await listGrants({ database, actor: coordinatorB, meta });
      expect(list.grants.map((item) => item.id)).not.toContain(grant.id);
      for (const work of [
        () => viewGrant({ database, actor: coordinatorB, meta, grantId: grant.id }),
        () => grantForm({ database, actor: coordinatorB, meta, grantId: grant.id }),
        () =>
          updateGrant({
            database,
            actor: coordinatorB,
            meta,
            grantId: grant.id,
            values: strandGrant,
          }),
        () => deleteGrant({ database, actor: coordinatorB, meta, grantId: grant.id }),
        () =>
          createLine({
            database,
            actor: coordinatorB,
            meta,
            grantId: grant.id,
            values: strandLines[0],
          }),
        () =>
          viewLine({
            database,
            actor: coordinatorB,
            meta,
            grantId: grant.id,
            lineId: lines[0]!.id,
          }),
        () =>
          addExpense({
            database,
            actor: coordinatorB,
            meta,
            grantId: grant.id,
            lineId: lines[0]!.id,
            values: { spentOn: "2026-04-01", amount: "1", description: "x" },
          }),
        () =>
          createDeadline({
            database,
            actor: coordinatorB,
            meta,
            grantId: grant.id,
            values: { title: "x", dueOn: "2026-12-01" },
          }),
        () =>
          grantReport({
            database,
            actor: coordinatorB,
            meta,
            grantId: grant.id,
            municipality: "Bvik",
            format: "html",
          }),
      ]) {
        expect((await failure(work())).code).toBe("not_found");
      }
      // A line of one grant is not found under another grant of the same municipality.
      const other = await newGrant({ name: "Annet tilskudd" });
      expect(
        (
          await failure(
            viewLine({
              database,
              actor: coordinator,
              meta,
              grantId: other.id,
              lineId: lines[0]!.id,
            }),
          )
        ).code,
      ).toBe("not_found");
      // Row-level security: tenant B's transaction sees none of A's rows.
      const seen = await database.tenant(tenantB, (tx) =>
        tx.select().from(grantBudgetLines).where(eq(grantBudgetLines.grantId, grant.id)),
      );
      expect(seen).toEqual([]);
      expect(
        (await failure(viewGrant({ database, actor: coordinator, meta, grantId: "nope" }))).code,
      ).toBe("not_found");
    });
  });

  describe("budget lines and expenses", () => {
    it("sums planned and spent per line, marks overspending and compares with the grant", async () => {
      const { grant, lines } = await strand("Budsjettside");
      const catering = lines[3]!;
      expect(lines[2]!.plannedOre).toBe(kr(15_000));
      for (const [amount, description] of [
        ["3 200", "Lunsj kick-off"],
        ["2 150,50", "Kaffe og frukt"],
      ]) {
        await addExpense({
          database,
          actor: coordinator,
          meta,
          grantId: grant.id,
          lineId: catering.id,
          values: { spentOn: "2026-04-01", amount, description },
        });
      }
      const page = await viewGrant({ database, actor: coordinator, meta, grantId: grant.id });
      const line = page.lines.find((item) => item.id === catering.id)!;
      expect(line).toMatchObject({
        plannedOre: kr(5_000),
        spentOre: kr(5_350.5),
        remainingOre: kr(-350.5),
        overspent: true,
        expenseCount: 2,
      });
      expect(page.totals.budget).toEqual({ kind: "over", differenceOre: kr(2_470) });
      expect(page.lines.map((item) => item.category)).toEqual([
        "project_leader",
        "speakers",
        "venues",
        "catering",
        "material",
      ]);
      const [event] = await auditRows("organisation.grant_expense_saved");
      expect(event?.details).toHaveProperty("amountOre");
    });

    it("refuses a negative, unreadable or zero amount", async () => {
      const { grant, lines } = await strand("Feil beløp");
      const negative = await failure(
        createLine({
          database,
          actor: coordinator,
          meta,
          grantId: grant.id,
          values: { category: "other", description: "Minus", planned: "-2 000" },
        }),
      );
      expect(negative.fieldErrors).toEqual({ planned: "organisation.grants.money.negative" });
      const zero = await failure(
        addExpense({
          database,
          actor: coordinator,
          meta,
          grantId: grant.id,
          lineId: lines[0]!.id,
          values: { spentOn: "2026-04-01", amount: "0", description: "" },
        }),
      );
      expect(zero.fieldErrors).toEqual({
        amount: "organisation.grants.money.zero",
        description: "organisation.grants.errors.expenseDescriptionRequired",
      });
      const words = await failure(
        updateLine({
          database,
          actor: coordinator,
          meta,
          grantId: grant.id,
          lineId: lines[0]!.id,
          values: { category: "project_leader", planned: "mange penger" },
        }),
      );
      expect(words.fieldErrors).toEqual({ planned: "organisation.grants.money.format" });
    });

    it("updates and removes a line with its expenses, and removes one expense", async () => {
      const { grant, lines } = await strand("Fjerning");
      const line = lines[1]!;
      const updated = await updateLine({
        database,
        actor: coordinator,
        meta,
        grantId: grant.id,
        lineId: line.id,
        values: { category: "speakers", description: "Foredrag", planned: "140 000" },
      });
      expect(updated.plannedOre).toBe(kr(140_000));
      const [saved] = (await auditRows("organisation.grant_line_saved", line.id)).filter(
        (row) => (row.details as { created: boolean }).created === false,
      );
      expect(saved?.details).toMatchObject({ fields: ["description", "plannedOre"] });
      const first = await addExpense({
        database,
        actor: coordinator,
        meta,
        grantId: grant.id,
        lineId: line.id,
        values: { spentOn: "2026-04-01", amount: "45 000", description: "Kick-off" },
      });
      await addExpense({
        database,
        actor: coordinator,
        meta,
        grantId: grant.id,
        lineId: line.id,
        values: { spentOn: "2026-05-01", amount: "40 000", description: "Planleggingsdag" },
      });
      const form = await lineForm({
        database,
        actor: coordinator,
        meta,
        grantId: grant.id,
        lineId: line.id,
      });
      expect(form.expenses.map((expense) => expense.description)).toEqual([
        "Kick-off",
        "Planleggingsdag",
      ]);
      await deleteExpense({
        database,
        actor: coordinator,
        meta,
        grantId: grant.id,
        lineId: line.id,
        expenseId: first.id,
      });
      const after = await viewLine({
        database,
        actor: coordinator,
        meta,
        grantId: grant.id,
        lineId: line.id,
      });
      expect(after.line.spentOre).toBe(kr(40_000));
      const removed = await deleteLine({
        database,
        actor: coordinator,
        meta,
        grantId: grant.id,
        lineId: line.id,
      });
      expect(removed.expenses).toBe(1);
      const [event] = await auditRows("organisation.grant_line_deleted", line.id);
      expect(event?.details).toMatchObject({ expenses: 1, spentOre: kr(40_000) });
      const page = await viewGrant({ database, actor: coordinator, meta, grantId: grant.id });
      expect(page.lines).toHaveLength(4);
    });
  });

  describe("reporting deadlines and reminders", () => {
    it("adds, marks submitted, moves and removes deadlines", async () => {
      const grant = await newGrant({ name: "Frister" });
      const today = "2026-06-10";
      const future = await failure(
        createDeadline({
          database,
          actor: coordinator,
          meta,
          grantId: grant.id,
          values: { title: "", dueOn: "1.7.2026", submittedOn: "2026-06-11" },
          today,
        }),
      );
      expect(future.fieldErrors).toEqual({
        title: "organisation.grants.errors.deadlineTitleRequired",
        dueOn: "organisation.grants.errors.dueOn",
        submittedOn: "organisation.grants.errors.submittedInFuture",
      });
      const deadline = await createDeadline({
        database,
        actor: coordinator,
        meta,
        grantId: grant.id,
        values: { title: "Årsrapport", dueOn: "2026-07-01", remindDaysBefore: "21" },
        today,
      });
      expect(deadline).toMatchObject({ remindDaysBefore: 21, submittedOn: null });
      await database.system((tx) =>
        tx
          .update(grantReportingDeadlines)
          .set({ remindedAt: new Date() })
          .where(eq(grantReportingDeadlines.id, deadline.id)),
      );
      const moved = await updateDeadline({
        database,
        actor: coordinator,
        meta,
        grantId: grant.id,
        deadlineId: deadline.id,
        values: { title: "Årsrapport", dueOn: "2026-08-01", remindDaysBefore: "21" },
        today,
      });
      expect(moved.remindedAt).toBeNull();
      const submitted = await markDeadlineSubmitted({
        database,
        actor: coordinator,
        meta,
        grantId: grant.id,
        deadlineId: deadline.id,
        today,
      });
      expect(submitted.submittedOn).toBe(today);
      const page = await viewGrant({
        database,
        actor: coordinator,
        meta,
        grantId: grant.id,
        today,
      });
      expect(page.deadlines[0]).toMatchObject({ state: "submitted", submittedOn: today });
      await deleteDeadline({
        database,
        actor: coordinator,
        meta,
        grantId: grant.id,
        deadlineId: deadline.id,
      });
      const events = await auditRows("organisation.grant_deadline_saved", deadline.id);
      expect(events.map((row) => (row.details as { fields?: string[] }).fields)).toEqual([
        undefined,
        ["dueOn"],
        ["submittedOn"],
      ]);
      expect(await auditRows("organisation.grant_deadline_deleted", deadline.id)).toHaveLength(1);
    });

    it("reminds the contact person, or every coordinator, once when the day has come", async () => {
      const now = new Date("2026-09-15T10:00:00Z");
      const today = osloDate(now);
      const withContact = await newGrant({ name: "Med kontakt", contactUserId: contact.userId });
      const withoutContact = await newGrant({ name: "Uten kontakt" });
      const rejected = await newGrant({
        name: "Avslått",
        status: "rejected",
        grantedAmount: "",
        contactUserId: contact.userId,
      });
      const add = (grantId: string, title: string, dueOn: string, extra = {}) =>
        createDeadline({
          database,
          actor: coordinator,
          meta,
          grantId,
          values: { title, dueOn, remindDaysBefore: "14", ...extra },
          today,
        });
      const due = await add(withContact.id, "Kommer om ti dager", addDays(today, 10));
      const overdue = await add(withoutContact.id, "Forfalt", addDays(today, -3));
      const notYet = await add(withContact.id, "Om en måned", addDays(today, 30));
      const exactly = await add(withoutContact.id, "Akkurat i dag", addDays(today, 14));
      const submitted = await add(withContact.id, "Levert", addDays(today, 5), {
        submittedOn: addDays(today, -1),
      });
      const reminded = await add(withContact.id, "Påminnet", addDays(today, 2));
      await database.system((tx) =>
        tx
          .update(grantReportingDeadlines)
          .set({ remindedAt: new Date("2026-09-01T08:00:00Z") })
          .where(eq(grantReportingDeadlines.id, reminded.id)),
      );
      const onRejected = await add(rejected.id, "Avslått tilskudd", addDays(today, 1));

      const first = await createGrantReportReminders({ database, now });
      const rows = await database.system((tx) =>
        tx.select().from(notifications).where(eq(notifications.kind, "grant_report_due")),
      );
      const forDeadline = (id: string) => rows.filter((row) => row.dedupeKey.split("|")[1] === id);
      expect(forDeadline(due.id).map((row) => row.userId)).toEqual([contact.userId]);
      expect(forDeadline(due.id)[0]).toMatchObject({
        tenantId: tenantA,
        logId: null,
        link: `/organisering/tilskudd/${withContact.id}`,
        dedupeKey: `grant_report_due|${due.id}|${due.dueOn}|${contact.userId}|${addDays(due.dueOn, -14)}|${due.updatedAt.getTime()}`,
      });
      for (const deadline of [overdue, exactly]) {
        expect(
          forDeadline(deadline.id)
            .map((row) => row.userId)
            .sort(),
        ).toEqual([coordinator.userId, coordinator2.userId].sort());
      }
      for (const deadline of [notYet, submitted, reminded, onRejected]) {
        expect(forDeadline(deadline.id), deadline.title).toEqual([]);
      }
      // Earlier tests' deadlines may be due too: count at least these three.
      expect(first.reminded).toBeGreaterThanOrEqual(3);
      expect(first.notified).toBeGreaterThanOrEqual(5);
      const marked = await database.system((tx) =>
        tx.select().from(grantReportingDeadlines).where(eq(grantReportingDeadlines.id, due.id)),
      );
      expect(marked[0]?.remindedAt).not.toBeNull();
      const [event] = await auditRows("organisation.grant_reminder_sent", overdue.id);
      expect(event?.details).toMatchObject({ grantId: withoutContact.id, toContact: false });

      // Run again the same day and the next: nobody is told twice.
      expect(await createGrantReportReminders({ database, now })).toEqual({
        reminded: 0,
        notified: 0,
      });
      const later = new Date("2026-09-16T10:00:00Z");
      expect(await createGrantReportReminders({ database, now: later })).toEqual({
        reminded: 0,
        notified: 0,
      });
      // When the day of the month-away deadline comes, it is reminded.
      const dayOf = new Date(`${addDays(today, 16)}T10:00:00Z`);
      await createGrantReportReminders({ database, now: dayOf });
      const afterDay = await database.system((tx) =>
        tx.select().from(notifications).where(eq(notifications.kind, "grant_report_due")),
      );
      expect(
        afterDay
          .filter((row) => row.dedupeKey.split("|")[1] === notYet.id)
          .map((row) => row.userId),
      ).toEqual([contact.userId]);
    });

    it("reminds the coordinators when the contact person is no longer active", async () => {
      const now = new Date("2027-01-10T10:00:00Z");
      const today = osloDate(now);
      const leaving = await makeStaff(database, tenantA, { roles: ["bts_contact"] });
      const grant = await newGrant({ name: "Kontakten sluttet", contactUserId: leaving.userId });
      const deadline = await createDeadline({
        database,
        actor: coordinator,
        meta,
        grantId: grant.id,
        values: { title: "Rapport", dueOn: addDays(today, 1) },
        today,
      });
      await database.system((tx) =>
        tx.update(users).set({ active: false }).where(eq(users.id, leaving.userId)),
      );
      await createGrantReportReminders({ database, now });
      const rows = await database.system((tx) =>
        tx.select().from(notifications).where(eq(notifications.kind, "grant_report_due")),
      );
      expect(
        rows
          .filter((row) => row.dedupeKey.split("|")[1] === deadline.id)
          .map((row) => row.userId)
          .sort(),
      ).toEqual([coordinator.userId, coordinator2.userId].sort());
      // Another municipality's coordinator never hears of it.
      expect(rows.some((row) => row.userId === coordinatorB.userId)).toBe(false);
    });

    it("reminds the coordinators instead of a contact person who cannot open the grant page", async () => {
      const now = new Date("2027-02-10T10:00:00Z");
      const today = osloDate(now);
      const demoted = await makeStaff(database, tenantA, { roles: ["sector_leader"] });
      const grant = await newGrant({
        name: "Kontakten byttet rolle",
        contactUserId: demoted.userId,
      });
      const deadline = await createDeadline({
        database,
        actor: coordinator,
        meta,
        grantId: grant.id,
        values: { title: "Rapport", dueOn: addDays(today, 1) },
        today,
      });
      // Now an employee: the grant page would say «no access», so the coordinators are told.
      await database.system((tx) =>
        tx
          .update(users)
          .set({ roles: ["employee"] })
          .where(eq(users.id, demoted.userId)),
      );
      await createGrantReportReminders({ database, now });
      const rows = await database.system((tx) =>
        tx.select().from(notifications).where(eq(notifications.kind, "grant_report_due")),
      );
      expect(
        rows
          .filter((row) => row.dedupeKey.split("|")[1] === deadline.id)
          .map((row) => row.userId)
          .sort(),
      ).toEqual([coordinator.userId, coordinator2.userId].sort());
      const [event] = await auditRows("organisation.grant_reminder_sent", deadline.id);
      expect(event?.details).toMatchObject({ grantId: grant.id, toContact: false });
    });

    it("reminds again, with a new notice, after the due date or the reminder days change", async () => {
      const now = new Date("2027-03-10T10:00:00Z");
      const today = osloDate(now);
      const grant = await newGrant({ name: "Fristen endres", contactUserId: contact.userId });
      const first = { title: "Rapport", dueOn: addDays(today, 10), remindDaysBefore: "14" };
      const deadline = await createDeadline({
        database,
        actor: coordinator,
        meta,
        grantId: grant.id,
        values: first,
        today,
      });
      const change = (values: Record<string, string>) =>
        updateDeadline({
          database,
          actor: coordinator,
          meta,
          grantId: grant.id,
          deadlineId: deadline.id,
          values,
          today,
        });
      const notices = async () =>
        (
          await database.system((tx) =>
            tx.select().from(notifications).where(eq(notifications.kind, "grant_report_due")),
          )
        ).filter((row) => row.dedupeKey.split("|")[1] === deadline.id);
      const seen = new Set<string>();
      /** The notices the last run wrote for this deadline. */
      const fresh = async () => {
        const rows = (await notices()).filter((row) => !seen.has(row.id));
        for (const row of rows) seen.add(row.id);
        return rows;
      };
      const remindedAt = async () =>
        (
          await database.system((tx) =>
            tx
              .select({ at: grantReportingDeadlines.remindedAt })
              .from(grantReportingDeadlines)
              .where(eq(grantReportingDeadlines.id, deadline.id)),
          )
        )[0]?.at ?? null;
      const run = () => createGrantReportReminders({ database, now });

      await run();
      expect((await fresh()).map((row) => row.userId)).toEqual([contact.userId]);
      // The same round again (another hour of the same day): nothing new.
      expect(await run()).toEqual({ reminded: 0, notified: 0 });
      expect(await fresh()).toEqual([]);

      // Only the number of days changed (12 instead of 14): a new reminder on the next run.
      await change({ ...first, remindDaysBefore: "12" });
      expect(await remindedAt()).toBeNull();
      await run();
      let added = await fresh();
      expect(added).toHaveLength(1);
      expect(added[0]).toMatchObject({ userId: contact.userId, readAt: null });
      expect(added[0]!.dedupeKey.split("|")[2]).toBe(first.dueOn);
      expect(added[0]!.dedupeKey.split("|")[4]).toBe(addDays(first.dueOn, -12));
      expect(await remindedAt()).not.toBeNull();

      // The deadline moved earlier: a new reminder showing the new date.
      const earlier = addDays(today, 5);
      await change({ ...first, dueOn: earlier, remindDaysBefore: "12" });
      await run();
      added = await fresh();
      expect(added.map((row) => row.userId)).toEqual([contact.userId]);
      expect(added[0]!.dedupeKey.split("|")[2]).toBe(earlier);

      // Moved back to the first date and days: a new round all the same.
      await change(first);
      await run();
      expect(await fresh()).toHaveLength(1);

      // Moved far ahead: no reminder until its day comes, and it is not marked reminded.
      await change({ ...first, dueOn: addDays(today, 60) });
      expect(await run()).toEqual({ reminded: 0, notified: 0 });
      expect(await fresh()).toEqual([]);
      expect(await remindedAt()).toBeNull();

      // Each reminder is audited once, with exactly the notice it wrote.
      const events = await auditRows("organisation.grant_reminder_sent", deadline.id);
      expect(events).toHaveLength(4);
      const ids = events.map(
        (event) => (event.details as { notificationIds: string[] }).notificationIds,
      );
      for (const written of ids) expect(written).toHaveLength(1);
      expect(ids.flat().sort()).toEqual([...seen].sort());
    });

    it("names on the hub the next report that is reminded, never one of a rejected grant", async () => {
      const tenantC = (await makeTenant(database, "Cvik kommune")).id;
      const coordinatorC = await makeStaff(database, tenantC, { roles: ["coordinator"] });
      const today = "2026-06-01";
      const add = async (status: string, name: string, dueOn: string) => {
        const grant = await createGrant({
          database,
          actor: coordinatorC,
          meta,
          values: {
            ...strandGrant,
            name,
            status,
            ...(status === "granted" ? {} : { grantedAmount: "", decidedOn: "" }),
          },
        });
        await createDeadline({
          database,
          actor: coordinatorC,
          meta,
          grantId: grant.id,
          values: { title: `Rapport for ${name}`, dueOn },
          today,
        });
      };
      await add("rejected", "Avslått", "2026-06-10");
      await add("granted", "Innvilget", "2026-07-01");
      const hub = await organisationHub({ database, actor: coordinatorC, meta, today });
      expect(hub.grants.next).toEqual({
        dueOn: "2026-07-01",
        title: "Rapport for Innvilget",
        grantName: "Innvilget",
        overdue: false,
      });
    });
    it("shows a reminder of a report past its due date as overdue under «Varsler»", async () => {
      // Varsler judges «overdue» against the real Oslo day, so the dates follow the clock.
      const tenantD = (await makeTenant(database, "Dvik kommune")).id;
      const coordinatorD = await makeStaff(database, tenantD, { roles: ["coordinator"] });
      const today = osloDate();
      const grant = await createGrant({
        database,
        actor: coordinatorD,
        meta,
        values: { ...strandGrant, name: "Forfalt og snart" },
      });
      for (const [title, dueOn] of [
        ["Rapport som er forfalt", addDays(today, -2)],
        ["Rapport om fem dager", addDays(today, 5)],
      ] as const) {
        await createDeadline({
          database,
          actor: coordinatorD,
          meta,
          grantId: grant.id,
          values: { title, dueOn, remindDaysBefore: "14" },
          today,
        });
      }
      await createGrantReportReminders({ database });
      const page = await listNotifications({ database, actor: coordinatorD, meta });
      const byDue = Object.fromEntries(
        page.items.filter((item) => item.kind === "grant_report_due").map((i) => [i.due, i]),
      );
      expect(byDue[addDays(today, -2)]?.overdue).toBe(true);
      expect(byDue[addDays(today, 5)]?.overdue).toBe(false);
      expect(byDue[addDays(today, 5)]?.link).toBe(`/organisering/tilskudd/${grant.id}`);
    });
  });

  describe("the report for the grant giver", () => {
    it("writes the report as a tagged PDF with the grant's data", async () => {
      const { grant, lines } = await strand("Rapporttilskudd");
      await updateGrant({
        database,
        actor: coordinator,
        meta,
        grantId: grant.id,
        values: { ...strandGrant, name: "Rapporttilskudd", contactUserId: contact.userId },
      });
      await addExpense({
        database,
        actor: coordinator,
        meta,
        grantId: grant.id,
        lineId: lines[3]!.id,
        values: { spentOn: "2026-04-01", amount: "5 350", description: "Lunsj og kaffe" },
      });
      await createDeadline({
        database,
        actor: coordinator,
        meta,
        grantId: grant.id,
        values: { title: "Delrapport", dueOn: "2026-05-01", submittedOn: "2026-04-28" },
        today: "2026-06-01",
      });
      const { pdf, title } = await grantReportPdf({
        database,
        actor: btsContact,
        meta,
        grantId: grant.id,
        municipality: "Avik kommune",
        today: "2026-06-01",
      });
      expect(title).toBe("Rapport for Rapporttilskudd");
      const read = await readPdf(pdf);
      expect(read.raw).toContain("/StructTreeRoot");
      expect(read.raw).toContain("/MarkInfo");
      expect(read.raw).toMatch(/\/Lang \(nb\)/);
      expect(read.metadata.info).toMatchObject({ Title: "Rapport for Rapporttilskudd" });
      for (const role of [
        "Document",
        "H1",
        "H2",
        "H3",
        "Table",
        "TR",
        "TH",
        "TD",
        "P",
        "L",
        "LI",
      ]) {
        expect(read.roles, role).toContain(role);
      }
      for (const text of [
        "Rapport for Rapporttilskudd",
        "Avik kommune",
        "Bufdir",
        "Systematisk identifikasjon",
        "01.03.2026 – 28.02.2027",
        formatOre(kr(500_000)),
        "Kontakt Person",
        g.category.project_leader,
        formatOre(kr(262_470)),
        formatOre(kr(502_470)),
        g.overspent,
        "Budsjettet er 2 470 kr over innvilget beløp.",
        "Lunsj og kaffe",
        g.report.linesHeading,
        "Frikjøp av prosjektleder 30 %",
        "Delrapport",
        "Levert 28.04.2026",
        "Dekker frikjøp og opplæringsdager.",
        g.deadlines.heading,
        g.budget.columns.remaining,
        `${g.columns.remaining}: ${formatOre(kr(500_000 - 5_350))}`,
      ]) {
        expect(read.text, text).toContain(plain(text));
      }
      expect(read.text).not.toContain("Gjenstår");
      const [event] = (await auditRows("organisation.grant_report_viewed", grant.id)).filter(
        (row) => (row.details as { format: string }).format === "pdf",
      );
      expect(event?.actor).toMatchObject({ id: btsContact.userId });
    });
  });

  describe("pages", () => {
    let app: Awaited<ReturnType<typeof testAppWithUi>>["app"];
    let services: Awaited<ReturnType<typeof testAppWithUi>>["services"];

    beforeAll(async () => {
      ({ app, services } = await testAppWithUi(database));
    });

    const get = async (actor: Staff, path: string) =>
      app.request(path, { headers: await browserHeaders(database, services, actor) });
    const post = async (actor: Staff, path: string, body: Record<string, string>) =>
      app.request(path, {
        method: "POST",
        headers: {
          ...(await browserHeaders(database, services, actor)),
          "content-type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams(body),
        redirect: "manual",
      });

    it("shows the grants read-only to a BTS contact and refuses the forms", async () => {
      const { grant, lines } = await strand("Sidevisning");
      const list = await get(btsContact, "/organisering/tilskudd");
      expect(list.status).toBe(200);
      const html = await list.text();
      expect(html).toContain(g.readOnly);
      expect(html).toContain("Sidevisning");
      expect(html).not.toContain('href="/organisering/tilskudd/ny"');
      expect((await get(btsContact, `/organisering/tilskudd/${grant.id}`)).status).toBe(200);
      expect(
        (await get(unitLeader, `/organisering/tilskudd/${grant.id}/budsjett/${lines[0]!.id}`))
          .status,
      ).toBe(200);
      expect((await get(sectorLeader, `/organisering/tilskudd/${grant.id}/rapport`)).status).toBe(
        200,
      );
      expect((await get(btsContact, "/organisering/tilskudd/ny")).status).toBe(403);
      expect((await get(unitLeader, `/organisering/tilskudd/${grant.id}/endre`)).status).toBe(403);
      expect(
        (await post(btsContact, `/organisering/tilskudd/${grant.id}/budsjett/ny`, strandLines[0]!))
          .status,
      ).toBe(403);
      expect((await get(employee, "/organisering/tilskudd")).status).toBe(403);
      expect((await get(coordinatorB, `/organisering/tilskudd/${grant.id}`)).status).toBe(404);
      expect(
        (await get(coordinatorB, `/organisering/tilskudd/${grant.id}/rapport.pdf`)).status,
      ).toBe(404);
    });

    it("names each budget line's links apart and says which «left» it means", async () => {
      const { grant } = await strand("Lenkenavn");
      await createLine({
        database,
        actor: coordinator,
        meta,
        grantId: grant.id,
        values: { category: "catering", description: "Kaffe til foreldremøtet", planned: "2 000" },
      });
      const html = await (await get(coordinator, `/organisering/tilskudd/${grant.id}`)).text();
      // The visible names of the links to the lines' pages, and the «Endre» links' names.
      const lineLinks = [
        ...html.matchAll(/href="[^"]*\/budsjett\/[0-9a-f-]{36}"[^>]*>([^<]*)</g),
      ].map((match) => match[1]);
      expect(lineLinks).toHaveLength(6);
      expect(new Set(lineLinks).size).toBe(6);
      expect(lineLinks).toContain(`${g.category.catering}: Bevertning`);
      expect(lineLinks).toContain(`${g.category.catering}: Kaffe til foreldremøtet`);
      const editNames = [...html.matchAll(/aria-label="(Endre budsjettposten [^"]*)"/g)].map(
        (match) => match[1],
      );
      expect(editNames).toHaveLength(6);
      expect(new Set(editNames).size).toBe(6);
      // «Igjen av budsjett» (planned − spent) in the table, «Igjen av innvilget» (granted − spent)
      // under it and on the list; «Gjenstår» nowhere.
      expect(html).toContain(g.budget.columns.remaining);
      expect(html).toContain(`${g.columns.remaining}: `);
      const list = await (await get(coordinator, "/organisering/tilskudd")).text();
      expect(list).toContain(g.columns.remaining);
      for (const page of [html, list]) expect(page).not.toContain("Gjenstår");
    });

    it("keeps what was typed when a budget line has a negative amount", async () => {
      const grant = await newGrant({ name: "Skjemafeil" });
      const response = await post(coordinator, `/organisering/tilskudd/${grant.id}/budsjett/ny`, {
        intent: "save",
        category: "catering",
        description: "Kaffe og kake",
        planned: "-5 000",
      });
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain(g.money.negative);
      expect(html).toContain('value="-5 000"');
      expect(html).toContain('value="Kaffe og kake"');
      const created = await post(coordinator, `/organisering/tilskudd/${grant.id}/budsjett/ny`, {
        intent: "save",
        category: "catering",
        description: "Kaffe og kake",
        planned: "5 000",
      });
      expect(created.status).toBe(302);
      expect(created.headers.get("location")).toBe(
        `/organisering/tilskudd/${grant.id}?melding=organisation.grants.notices.lineCreated#budsjett`,
      );
    });

    it("sends the report as a PDF file", async () => {
      const { grant } = await strand("Nedlasting");
      const response = await get(sectorLeader, `/organisering/tilskudd/${grant.id}/rapport.pdf`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/pdf");
      expect(response.headers.get("content-disposition")).toContain("Rapport-for-Nedlasting.pdf");
      const read = await readPdf(new Uint8Array(await response.arrayBuffer()));
      expect(read.text).toContain("Rapport for Nedlasting");
      expect(read.text).toContain(plain(formatOre(kr(502_470))));
    });
  });
});
