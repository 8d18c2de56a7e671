import { and, eq } from "drizzle-orm";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../core/access/actor.ts";
import { AppError } from "../../core/errors.ts";
import { buildReportContent } from "../../core/evaluation/report-content.ts";
import { reportPdf } from "../../core/evaluation/report-pdf.ts";
import {
  createReport,
  deleteReport,
  getReport,
  listReports,
  publishReport,
  updateReport,
} from "../../core/evaluation/reports.ts";
import { listFeedback, saveFeedbackNote } from "../../core/guide/feedback.ts";
import { osloDate } from "../../core/platform/dates.ts";
import {
  auditEvents,
  btsNetworkMeetings,
  btsNetworks,
  contentRevisions,
  evaluationReports,
  feedbackItems,
  milestones,
  surveys,
} from "../../db/schema/index.ts";
import { browserHeaders, testAppWithUi } from "../support/app.ts";
import { databaseKinds, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { makeStaff, makeTenant, makeUnit } from "../support/fixtures.ts";

type Staff = Extract<Actor, { kind: "staff" }>;

const meta = { ip: "192.0.2.77", userAgent: "vitest", requestId: "req-reports" };
const FROM = "2025-01-01";
const TO = "2025-06-30";

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
  return { raw, text: text.replace(/\s+/g, " "), roles, metadata };
}

describe.each(databaseKinds)("evaluation reports on %s", (kind) => {
  let database: TestDatabase;
  let tenantA: string;
  let tenantB: string;
  let school: string;
  let coordinator: Staff;
  let coordinatorB: Staff;
  let sector: Staff;
  let leader: Staff;
  let employee: Staff;
  let admin: Staff;
  let closedSurvey: string;
  let draftSurvey: string;
  const itemIds: Record<string, string> = {};

  beforeAll(async () => {
    database = await freshDatabase(kind);
    tenantA = (await makeTenant(database, "Avik kommune")).id;
    tenantB = (await makeTenant(database, "Bvik kommune")).id;
    school = (await makeUnit(database, tenantA, "Avik skole")).id;
    coordinator = await makeStaff(database, tenantA, { roles: ["coordinator"] });
    coordinatorB = await makeStaff(database, tenantB, { roles: ["coordinator"] });
    sector = await makeStaff(database, tenantA, { roles: ["sector_leader"] });
    leader = await makeStaff(database, tenantA, { roles: ["unit_leader"], unitIds: [school] });
    employee = await makeStaff(database, tenantA, { roles: ["employee"], unitIds: [school] });
    admin = await makeStaff(database, tenantA, { roles: ["admin"] });

    await database.tenant(tenantA, async (tx) => {
      const [revision] = await tx
        .insert(contentRevisions)
        .values({ tenantId: tenantA, year: 2025, dueDate: "2025-12-31" })
        .returning();
      // Received at: the Oslo day decides; 30 June 23:30 in Oslo is inside, 1 July 00:30 is not.
      const rows = [
        {
          key: "language",
          pagePath: "/veileder/niva-1",
          pageTitle: "Nivå 1",
          kind: "error",
          text: "Skrivefeil i avsnitt to. Ring meg, Kari Nordmann.",
          state: "tatt_inn",
          theme: "Språk",
          actionNote: "Rettet ordlyden",
          revisionId: revision!.id,
          createdAt: new Date("2025-02-10T11:00:00Z"),
        },
        {
          key: "replied",
          pagePath: "/veileder/niva-1",
          pageTitle: "Nivå 1",
          kind: "missing",
          text: "Mangler lenke til skjema.",
          state: "besvart",
          theme: "Språk",
          emailEncrypted: "sealed-address-should-never-show",
          reply: "Takk, vi legger den inn.",
          repliedAt: new Date("2025-03-02T10:00:00Z"),
          createdAt: new Date("2025-03-01T10:00:00Z"),
        },
        {
          key: "untriaged",
          pagePath: "/veileder/niva-1",
          pageTitle: "Nivå 1",
          kind: "suggestion",
          text: "Forslag om eksempel.",
          state: "ny",
          createdAt: new Date("2025-04-01T10:00:00Z"),
        },
        {
          key: "lastEvening",
          pagePath: "/veileder/niva-2",
          pageTitle: "Nivå 2",
          kind: "good",
          text: "Bra side.",
          state: "avvist",
          theme: "Innhold",
          createdAt: new Date("2025-06-30T21:30:00Z"),
        },
        {
          key: "afterPeriod",
          pagePath: "/veileder/niva-2",
          pageTitle: "Nivå 2",
          kind: "error",
          text: "Etter perioden.",
          state: "ny",
          createdAt: new Date("2025-06-30T22:30:00Z"),
        },
        {
          key: "beforePeriod",
          pagePath: "/veileder/niva-2",
          pageTitle: "Nivå 2",
          kind: "error",
          text: "Før perioden.",
          state: "ny",
          createdAt: new Date("2024-12-31T22:30:00Z"),
        },
      ];
      for (const { key, ...row } of rows) {
        const [inserted] = await tx
          .insert(feedbackItems)
          .values({ tenantId: tenantA, ...row })
          .returning({ id: feedbackItems.id });
        itemIds[key] = inserted!.id;
      }
      await tx.insert(milestones).values([
        {
          tenantId: tenantA,
          title: "Opplæring av nøkkelpersoner",
          startsOn: "2025-01-15",
          endsOn: "2025-03-31",
          responsible: "Koordinator",
          doneOn: "2025-03-20",
        },
        {
          tenantId: tenantA,
          title: "Rutine for overganger",
          startsOn: "2025-02-01",
          endsOn: "2025-05-01",
          responsible: "Koordinator",
        },
        {
          tenantId: tenantA,
          title: "Etter perioden",
          startsOn: "2025-09-01",
          endsOn: "2025-10-01",
          responsible: "Koordinator",
        },
      ]);
      const [network] = await tx
        .insert(btsNetworks)
        .values({ tenantId: tenantA, name: "Nettverk sør" })
        .returning();
      await tx.insert(btsNetworkMeetings).values([
        { tenantId: tenantA, networkId: network!.id, meetsOn: "2025-02-01", status: "held" },
        { tenantId: tenantA, networkId: network!.id, meetsOn: "2025-04-01", status: "planned" },
        { tenantId: tenantA, networkId: network!.id, meetsOn: "2025-05-01", status: "cancelled" },
        { tenantId: tenantA, networkId: network!.id, meetsOn: "2025-08-01", status: "planned" },
      ]);
      const [closed] = await tx
        .insert(surveys)
        .values({ tenantId: tenantA, title: "BTI-undersøkelsen 2025", status: "closed" })
        .returning();
      const [draft] = await tx
        .insert(surveys)
        .values({ tenantId: tenantA, title: "Ikke sendt", status: "draft" })
        .returning();
      closedSurvey = closed!.id;
      draftSurvey = draft!.id;
    });
    await database.tenant(tenantB, (tx) =>
      tx.insert(feedbackItems).values({
        tenantId: tenantB,
        pagePath: "/veileder/niva-1",
        kind: "error",
        text: "Annen kommune.",
        createdAt: new Date("2025-02-10T11:00:00Z"),
      }),
    );
  });
  afterAll(() => database.drop());

  async function auditRows(type: string, subjectId: string) {
    return database.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.eventType, type), eq(auditEvents.subjectId, subjectId))),
    );
  }

  const revisionValues = (overrides: Record<string, unknown> = {}) => ({
    kind: "revision",
    title: "",
    periodFrom: FROM,
    periodTo: TO,
    summary: "## Hovedfunn\n\nSpråket på nivå 1 er **rettet**.",
    ...overrides,
  });

  it("groups the year's feedback by page and theme with hand-counted states, never the address or text", async () => {
    const content = await database.tenant(tenantA, (tx) =>
      buildReportContent(tx, tenantA, { kind: "revision", from: FROM, to: TO, surveyIds: [] }),
    );
    const feedback = content.feedback;
    expect(feedback.total).toBe(4);
    expect(feedback.byState).toEqual({
      ny: 1,
      under_vurdering: 0,
      tatt_inn: 1,
      besvart: 1,
      avvist: 1,
    });
    expect(feedback.byKind).toEqual({ error: 1, missing: 1, suggestion: 1, good: 1 });
    expect(feedback.byTheme).toEqual([
      { theme: "Språk", count: 2 },
      { theme: "Innhold", count: 1 },
      { theme: null, count: 1 },
    ]);
    expect(feedback.linked).toBe(1);
    expect(feedback.replied).toBe(1);
    expect(
      feedback.pages.map((page) => ({
        path: page.path,
        title: page.title,
        total: page.total,
        themes: page.themes.map((group) => ({
          theme: group.theme,
          items: group.items.map((item) => item.id),
        })),
      })),
    ).toEqual([
      {
        path: "/veileder/niva-1",
        title: "Nivå 1",
        total: 3,
        themes: [
          { theme: "Språk", items: [itemIds.language, itemIds.replied] },
          { theme: null, items: [itemIds.untriaged] },
        ],
      },
      {
        path: "/veileder/niva-2",
        title: "Nivå 2",
        total: 1,
        themes: [{ theme: "Innhold", items: [itemIds.lastEvening] }],
      },
    ]);
    const first = feedback.pages[0]!.themes[0]!.items[0]!;
    expect(first).toMatchObject({
      receivedOn: "2025-02-10",
      kind: "error",
      state: "tatt_inn",
      actionNote: "Rettet ordlyden",
      revisionYear: 2025,
      replied: false,
    });
    expect(feedback.pages[0]!.themes[0]!.items[1]!.replied).toBe(true);
    expect(feedback.pages[1]!.themes[0]!.items[0]!.receivedOn).toBe("2025-06-30");
    expect(feedback.revisions).toEqual([
      { year: 2025, dueDate: "2025-12-31", status: "planned", completedOn: null, linkedItems: 1 },
    ]);
    const json = JSON.stringify(content);
    expect(json).not.toContain("sealed-address");
    expect(json).not.toContain("Kari Nordmann");
    expect(json).not.toContain("Takk, vi legger");
    // The revision report has no leadership sections.
    expect(content.indicators).toBeNull();
    expect(content.implementation).toBeNull();
  });

  it("reads implementation status, indicators, surveys and the estimate for a leadership report", async () => {
    const content = await database.tenant(tenantA, (tx) =>
      buildReportContent(tx, tenantA, {
        kind: "half_year",
        from: FROM,
        to: TO,
        surveyIds: [closedSurvey],
        today: osloDate(),
      }),
    );
    const implementation = content.implementation!;
    expect(implementation.asOf).toBe(TO);
    expect(implementation.milestones.counts).toEqual({
      done: 1,
      ongoing: 0,
      overdue: 1,
      planned: 0,
    });
    expect(implementation.milestones.items.map((item) => item.title)).toEqual([
      "Opplæring av nøkkelpersoner",
      "Rutine for overganger",
    ]);
    expect(implementation.networks).toEqual({
      items: [{ name: "Nettverk sør", planned: 2, held: 1, cancelled: 1 }],
      planned: 2,
      held: 1,
      cancelled: 1,
    });
    expect(implementation.stages.find((row) => row.stage === "none")?.units).toBe(1);
    expect(content.indicators?.available).toBe(true);
    expect(content.invisibleChildren?.available).toBe(true);
    expect(content.surveys.map((survey) => survey.title)).toEqual(["BTI-undersøkelsen 2025"]);
    // No survey answers: every theme mean is suppressed, never a number.
    for (const theme of content.surveys[0]!.themes) expect(theme.mean.suppressed).toBe(true);
  });

  it("creates, edits and publishes; the published report never changes; audited with ids only", async () => {
    const { id } = await createReport({
      database,
      actor: coordinator,
      meta,
      values: revisionValues(),
    });
    const draft = await getReport({ database, actor: coordinator, reportId: id });
    expect(draft).toMatchObject({
      title: "Revisjonsrapport 2025",
      kind: "revision",
      status: "draft",
      lockVersion: 0,
    });
    // Readers do not see drafts.
    for (const actor of [sector, leader]) {
      expect((await failure(getReport({ database, actor, reportId: id }))).code).toBe("not_found");
      expect((await listReports({ database, actor })).reports.map((r) => r.id)).not.toContain(id);
    }
    expect(
      (await listReports({ database, actor: coordinator })).reports.map((r) => r.id),
    ).toContain(id);

    const saved = await updateReport({
      database,
      actor: coordinator,
      meta,
      reportId: id,
      values: { ...revisionValues({ summary: "Nytt sammendrag." }), lockVersion: "0" },
    });
    expect(saved.lockVersion).toBe(1);
    // A save on top of someone else's: refused.
    const stale = await failure(
      updateReport({
        database,
        actor: coordinator,
        meta,
        reportId: id,
        values: { ...revisionValues({ summary: "Gammelt skjema." }), lockVersion: "0" },
      }),
    );
    expect(stale.code).toBe("conflict");
    expect(stale.messageKey).toBe("evaluation.reports.errors.conflict");
    expect(
      (
        await failure(
          publishReport({
            database,
            actor: coordinator,
            meta,
            reportId: id,
            values: { lockVersion: "0" },
          }),
        )
      ).code,
    ).toBe("conflict");

    await publishReport({
      database,
      actor: coordinator,
      meta,
      reportId: id,
      values: { lockVersion: "1" },
    });
    const published = await getReport({ database, actor: sector, reportId: id });
    expect(published.status).toBe("published");
    expect(published.summary).toBe("Nytt sammendrag.");
    expect(published.content.feedback.total).toBe(4);

    // Change the data after publishing: the published report stays as it was.
    await database.tenant(tenantA, async (tx) => {
      await tx
        .update(feedbackItems)
        .set({ theme: "Nytt tema", actionNote: "Gjort etterpå", state: "tatt_inn" })
        .where(eq(feedbackItems.id, itemIds.untriaged!));
      await tx.insert(feedbackItems).values({
        tenantId: tenantA,
        pagePath: "/veileder/niva-3",
        kind: "error",
        text: "Kom inn etterpå, men datert i perioden.",
        createdAt: new Date("2025-05-05T10:00:00Z"),
      });
    });
    const after = await getReport({ database, actor: leader, reportId: id });
    expect(after.content).toEqual(published.content);
    expect(after.content.feedback.byState.ny).toBe(1);
    expect(after.content.feedback.pages.map((page) => page.path)).toEqual([
      "/veileder/niva-1",
      "/veileder/niva-2",
    ]);
    // …while a new draft for the same period sees the change.
    const live = await database.tenant(tenantA, (tx) =>
      buildReportContent(tx, tenantA, { kind: "revision", from: FROM, to: TO, surveyIds: [] }),
    );
    expect(live.feedback.total).toBe(5);

    // Published: no edit, no delete, no second publish.
    for (const work of [
      () =>
        updateReport({
          database,
          actor: coordinator,
          meta,
          reportId: id,
          values: { ...revisionValues(), lockVersion: "2" },
        }),
      () => deleteReport({ database, actor: coordinator, meta, reportId: id }),
      () =>
        publishReport({
          database,
          actor: coordinator,
          meta,
          reportId: id,
          values: { lockVersion: "2" },
        }),
    ]) {
      const error = await failure(work());
      expect(error.code).toBe("conflict");
      expect(error.messageKey).toBe("evaluation.reports.errors.published");
    }

    const created = await auditRows("evaluation.report_created", id);
    expect(created).toHaveLength(1);
    expect(created[0]!.details).toEqual({ kind: "revision", surveyIds: [] });
    const updated = await auditRows("evaluation.report_updated", id);
    expect(updated.map((row) => row.details)).toEqual([{ fields: ["summary"] }]);
    const publishedAudit = await auditRows("evaluation.report_published", id);
    expect(publishedAudit).toHaveLength(1);
    expect(JSON.stringify([created, updated, publishedAudit])).not.toContain("sammendrag");
  });

  it("deletes a draft behind the coordinator's permission only", async () => {
    const { id } = await createReport({
      database,
      actor: coordinator,
      meta,
      values: { kind: "half_year", periodFrom: FROM, periodTo: TO, surveyIds: [closedSurvey] },
    });
    for (const actor of [sector, leader, employee, admin]) {
      expect((await failure(deleteReport({ database, actor, meta, reportId: id }))).code).toBe(
        "forbidden",
      );
    }
    expect(
      (await failure(deleteReport({ database, actor: coordinatorB, meta, reportId: id }))).code,
    ).toBe("not_found");
    expect(await deleteReport({ database, actor: coordinator, meta, reportId: id })).toEqual({
      title: "Halvårsrapport 1. halvår 2025",
    });
    const rows = await database.system((tx) =>
      tx.select().from(evaluationReports).where(eq(evaluationReports.id, id)),
    );
    expect(rows).toHaveLength(0);
    expect(await auditRows("evaluation.report_deleted", id)).toHaveLength(1);
  });

  it("validates the period and the surveys, naming each field", async () => {
    const today = osloDate();
    const error = await failure(
      createReport({
        database,
        actor: coordinator,
        meta,
        values: { kind: "year", periodFrom: "2025-06-30", periodTo: "2025-01-01" },
      }),
    );
    expect(error.fieldErrors).toEqual({ periodTo: "evaluation.reports.errors.toBeforeFrom" });
    const future = await failure(
      createReport({
        database,
        actor: coordinator,
        meta,
        values: { kind: "year", periodFrom: "2025-01-01", periodTo: "2999-12-31" },
        today,
      }),
    );
    expect(future.fieldErrors).toEqual({ periodTo: "evaluation.reports.errors.toFuture" });
    const wrong = await failure(
      createReport({
        database,
        actor: coordinator,
        meta,
        values: {
          kind: "weekly",
          periodFrom: "",
          periodTo: "31.12.2025",
          surveyIds: [draftSurvey],
        },
      }),
    );
    expect(wrong.fieldErrors).toEqual({
      kind: "evaluation.reports.errors.kind",
      periodFrom: "evaluation.reports.errors.fromRequired",
      periodTo: "evaluation.reports.errors.dateFormat",
    });
    // A survey not yet opened, or another municipality's, is not one to pick.
    const survey = await failure(
      createReport({
        database,
        actor: coordinatorB,
        meta,
        values: { kind: "year", periodFrom: FROM, periodTo: TO, surveyIds: [closedSurvey] },
      }),
    );
    expect(survey.fieldErrors).toEqual({ surveyIds: "evaluation.reports.errors.survey" });
    expect(
      (await failure(createReport({ database, actor: sector, meta, values: revisionValues() })))
        .code,
    ).toBe("forbidden");
  });

  it("files feedback under a theme, one spelling per theme, and filters the inbox by it", async () => {
    const item = await saveFeedbackNote({
      database,
      actor: coordinator,
      meta,
      feedbackId: itemIds.afterPeriod!,
      values: { theme: "  språk ", actionNote: "Lagt inn i revisjonen" },
    });
    expect(item.theme).toBe("Språk");
    expect(item.actionNote).toBe("Lagt inn i revisjonen");
    const [audit] = await auditRows("feedback.noted", itemIds.afterPeriod!);
    expect(audit!.details).toEqual({ fields: ["theme", "actionNote"] });
    expect(JSON.stringify(audit)).not.toContain("Lagt inn");
    const tooLong = await failure(
      saveFeedbackNote({
        database,
        actor: coordinator,
        meta,
        feedbackId: itemIds.afterPeriod!,
        values: { theme: "x".repeat(81), actionNote: "" },
      }),
    );
    expect(tooLong.fieldErrors).toEqual({
      theme: "evaluation.reports.feedback.errors.themeTooLong",
    });
    expect(
      (
        await failure(
          saveFeedbackNote({
            database,
            actor: sector,
            meta,
            feedbackId: itemIds.afterPeriod!,
            values: { theme: "Språk" },
          }),
        )
      ).code,
    ).toBe("forbidden");

    const inbox = await listFeedback({ database, actor: coordinator, filter: { theme: "Språk" } });
    expect(inbox.items.map((row) => row.id).sort()).toEqual(
      [itemIds.language, itemIds.replied, itemIds.afterPeriod].sort(),
    );
    expect(inbox.themes).toEqual(["Innhold", "Nytt tema", "Språk"]);
    const none = await listFeedback({ database, actor: coordinator, filter: { theme: "-" } });
    expect(none.items.map((row) => row.id)).toContain(itemIds.beforePeriod);
    expect(none.items.every((row) => !row.theme)).toBe(true);
    const page = await listFeedback({
      database,
      actor: coordinator,
      filter: { page: "/veileder/niva-2", sort: "theme" },
    });
    expect(page.items.map((row) => row.theme)).toEqual(["Innhold", "Språk", null]);
  });

  it("writes a tagged PDF with the title, the summary first and the sections", async () => {
    const { id } = await createReport({
      database,
      actor: coordinator,
      meta,
      values: revisionValues({ title: "Revisjonsrapporten for veilederen 2025" }),
    });
    const { pdf } = await reportPdf({
      database,
      actor: coordinator,
      reportId: id,
      municipality: "Avik kommune",
    });
    const read = await readPdf(new Uint8Array(pdf));
    expect(read.raw).toContain("/StructTreeRoot");
    expect(read.raw).toContain("/MarkInfo");
    expect(read.raw).toMatch(/\/Lang \(nb\)/);
    expect(read.metadata.info).toMatchObject({ Title: "Revisjonsrapporten for veilederen 2025" });
    for (const role of ["H1", "H2", "Table", "TR", "TH", "TD", "P"])
      expect(read.roles).toContain(role);
    const text = read.text;
    expect(text).toContain("Revisjonsrapporten for veilederen 2025");
    const summary = text.indexOf("Språket på nivå 1 er rettet");
    const feedback = text.indexOf("Tilbakemeldinger og revisjon");
    expect(text.indexOf("Sammendrag")).toBeGreaterThan(-1);
    expect(summary).toBeGreaterThan(text.indexOf("Sammendrag"));
    expect(feedback).toBeGreaterThan(summary);
    expect(text).toContain("Rettet ordlyden");
    expect(text).not.toContain("Kari Nordmann");
    // A draft is the coordinator's: readers get not found.
    expect(
      (await failure(reportPdf({ database, actor: sector, reportId: id, municipality: "Avik" })))
        .code,
    ).toBe("not_found");
  });

  describe("over HTTP", () => {
    let app: Awaited<ReturnType<typeof testAppWithUi>>["app"];
    let services: Awaited<ReturnType<typeof testAppWithUi>>["services"];
    let publishedId: string;
    let draftId: string;

    beforeAll(async () => {
      ({ app, services } = await testAppWithUi(database));
      publishedId = (
        await createReport({
          database,
          actor: coordinator,
          meta,
          values: revisionValues({ title: "Publisert over HTTP" }),
        })
      ).id;
      await publishReport({
        database,
        actor: coordinator,
        meta,
        reportId: publishedId,
        values: { lockVersion: "0" },
      });
      draftId = (
        await createReport({
          database,
          actor: coordinator,
          meta,
          values: revisionValues({ title: "Utkast over HTTP" }),
        })
      ).id;
    });

    const get = async (actor: Staff, path: string) =>
      app.request(path, { headers: await browserHeaders(database, services, actor) });

    it("answers each role as its permissions say", async () => {
      expect((await get(coordinator, "/evaluering")).status).toBe(200);
      expect((await get(sector, "/evaluering")).status).toBe(200);
      expect((await get(employee, "/evaluering")).status).toBe(403);
      expect((await get(admin, "/evaluering")).status).toBe(403);

      const list = await get(sector, "/evaluering/rapporter");
      expect(list.status).toBe(200);
      const listHtml = await list.text();
      expect(listHtml).toContain("Publisert over HTTP");
      expect(listHtml).not.toContain("Utkast over HTTP");
      expect(await (await get(coordinator, "/evaluering/rapporter")).text()).toContain(
        "Utkast over HTTP",
      );
      expect((await get(employee, "/evaluering/rapporter")).status).toBe(403);

      for (const reader of [sector, leader, coordinator]) {
        expect((await get(reader, `/evaluering/rapporter/${publishedId}`)).status).toBe(200);
      }
      expect((await get(sector, `/evaluering/rapporter/${draftId}`)).status).toBe(404);
      expect((await get(leader, `/evaluering/rapporter/${draftId}`)).status).toBe(404);
      expect((await get(employee, `/evaluering/rapporter/${publishedId}`)).status).toBe(403);
      expect((await get(coordinatorB, `/evaluering/rapporter/${publishedId}`)).status).toBe(404);
      expect((await get(coordinator, "/evaluering/rapporter/ikke-en-id")).status).toBe(404);
      expect((await get(sector, "/evaluering/rapporter/ny")).status).toBe(403);
      expect((await get(coordinator, `/evaluering/rapporter/${publishedId}/endre`)).status).toBe(
        409,
      );

      const pdf = await get(leader, `/evaluering/rapporter/${publishedId}/pdf`);
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get("content-type")).toBe("application/pdf");
      expect((await pdf.arrayBuffer()).byteLength).toBeGreaterThan(2000);
      expect((await get(sector, `/evaluering/rapporter/${draftId}/pdf`)).status).toBe(404);
      expect((await get(employee, `/evaluering/rapporter/${publishedId}/pdf`)).status).toBe(403);
      expect((await get(coordinatorB, `/evaluering/rapporter/${publishedId}/pdf`)).status).toBe(
        404,
      );
    });

    it("shows the theme, the filters and the revision reports to the coordinator", async () => {
      const inbox = await get(
        coordinator,
        "/admin/tilbakemeldinger?sortering=theme&tema=Spr%C3%A5k",
      );
      expect(inbox.status).toBe(200);
      const html = await inbox.text();
      expect(html).toContain("Tema: Språk");
      expect(html).toContain('href="/evaluering/rapporter?type=revision"');
      const item = await get(coordinator, `/admin/tilbakemeldinger/${itemIds.language}`);
      const itemHtml = await item.text();
      expect(itemHtml).toContain('list="feedback-themes"');
      expect(itemHtml).toContain('<option value="Innhold">');
      expect(itemHtml).toContain("Rettet ordlyden");
      const headers = await browserHeaders(database, services, coordinator);
      const saved = await app.request(`/admin/tilbakemeldinger/${itemIds.language}`, {
        method: "POST",
        headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          intent: "note",
          theme: "Språk",
          actionNote: "Rettet ordlyden i avsnitt to",
        }).toString(),
      });
      expect(saved.status).toBe(302);
      expect(saved.headers.get("location")).toContain(
        "melding=evaluation.reports.feedback.noteSaved",
      );
      const revisions = await get(sector, "/evaluering/rapporter?type=revision");
      expect(revisions.status).toBe(200);
      const revisionHtml = await revisions.text();
      expect(revisionHtml).toContain("Publisert over HTTP");
    });

    it("keeps what was typed when the period is wrong", async () => {
      const headers = await browserHeaders(database, services, coordinator);
      const response = await app.request("/evaluering/rapporter/ny", {
        method: "POST",
        headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          kind: "year",
          title: "Min egen tittel",
          periodFrom: "2025-12-31",
          periodTo: "2025-01-01",
          summary: "Et sammendrag jeg ikke vil miste",
        }).toString(),
      });
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain("Min egen tittel");
      expect(html).toContain("Et sammendrag jeg ikke vil miste");
      expect(html).toContain("Sluttdatoen må være samme dag som eller etter startdatoen.");
    });

    it("publishes from the page only with the version the coordinator saw", async () => {
      const headers = await browserHeaders(database, services, coordinator);
      const post = (lockVersion: string) =>
        app.request(`/evaluering/rapporter/${draftId}`, {
          method: "POST",
          headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ intent: "publish", lockVersion }).toString(),
        });
      const stale = await post("7");
      expect(stale.status).toBe(409);
      expect(await stale.text()).toContain("Rapporten er endret av noen andre");
      const ok = await post("0");
      expect(ok.status).toBe(302);
      expect(ok.headers.get("location")).toContain("melding=evaluation.reports.notices.published");
    });
  });
});
