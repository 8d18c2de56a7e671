import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../core/access/actor.ts";
import { AppError } from "../../core/errors.ts";
import {
  exportSurveyResults,
  getSurveyResults,
  surveySummaryForReport,
  type QuestionLineageResult,
  type SurveyResults,
} from "../../core/evaluation/survey-results.ts";
import { DEMO_MUNICIPALITY, seedDemo } from "../../db/seed-demo.ts";
import {
  auditEvents,
  surveyAnswers,
  surveyQuestions,
  surveyResponses,
  surveys,
  tenants,
  units,
  users,
  type SurveyOption,
} from "../../db/schema/index.ts";
import { nb } from "../../i18n/nb.ts";
import { csvTexts } from "../../app/routes/evaluation.survey-results.csv.ts";
import { browserHeaders, testAppWithUi } from "../support/app.ts";
import { databaseKinds, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { makeStaff, makeTenant, makeUnit } from "../support/fixtures.ts";

type Staff = Extract<Actor, { kind: "staff" }>;

const meta = { ip: "192.0.2.71", userAgent: "vitest", requestId: "req-results" };
const HIDDEN = "Skjult (færre enn 5 svar)";

async function failure(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the use case to fail");
}

type Value = number | string | string[];

/** Writes surveys, questions and anonymous answers straight into the tables. */
function surveyWriter(database: TestDatabase, tenantId: string) {
  return {
    async survey(title: string, previousRoundId: string | null = null) {
      const [row] = await database.tenant(tenantId, (tx) =>
        tx
          .insert(surveys)
          .values({ tenantId, title, status: "closed", previousRoundId })
          .returning(),
      );
      return row!.id;
    },
    async question(
      surveyId: string,
      values: {
        type: string;
        theme?: string;
        prompt?: string;
        lineageId?: string;
        version?: number;
        position: number;
        options?: SurveyOption[];
        retired?: boolean;
      },
    ) {
      const [row] = await database.tenant(tenantId, (tx) =>
        tx
          .insert(surveyQuestions)
          .values({
            tenantId,
            surveyId,
            type: values.type,
            theme: values.theme ?? "",
            prompt: values.prompt ?? `Spørsmål ${values.position}`,
            lineageId: values.lineageId ?? randomUUID(),
            version: values.version ?? 1,
            position: values.position,
            options: values.options ?? [],
            retiredAt: values.retired ? new Date() : null,
          })
          .returning(),
      );
      return row!;
    },
    /** One response per entry: its unit (id and service type) and its answers by question id. */
    async respond(
      surveyId: string,
      unit: { id: string; serviceType: string } | null,
      answers: Record<string, Value>,
    ) {
      await database.tenant(tenantId, async (tx) => {
        const [response] = await tx
          .insert(surveyResponses)
          .values({
            tenantId,
            surveyId,
            unitId: unit?.id ?? null,
            serviceType: unit?.serviceType ?? null,
            submittedOn: "2026-01-15",
          })
          .returning();
        const rows = Object.entries(answers).map(([questionId, value]) => ({
          tenantId,
          surveyId,
          responseId: response!.id,
          questionId,
          choiceKeys: Array.isArray(value) ? value : null,
          numberValue: typeof value === "number" ? value : null,
          textValue: typeof value === "string" ? value : null,
        }));
        if (rows.length > 0) await tx.insert(surveyAnswers).values(rows);
      });
    },
  };
}

describe.each(databaseKinds)("evaluation survey results on %s", (kind) => {
  let database: TestDatabase;
  let tenantA: string;
  let tenantB: string;
  type UnitRef = { id: string; serviceType: string; name: string };
  let S1: UnitRef;
  let S2: UnitRef;
  let K1: UnitRef;
  let K2: UnitRef;
  let H: UnitRef;
  let coordinator: Staff;
  let coordinatorB: Staff;
  let sectorLeader: Staff;
  let unitLeader: Staff;
  let employee: Staff;
  let btsContact: Staff;
  let admin: Staff;
  let round1: string;
  let round2: string;
  const q: Record<string, string> = {};

  async function unit(tenantId: string, name: string, serviceType: string): Promise<UnitRef> {
    const created = await makeUnit(database, tenantId, name);
    await database.tenant(tenantId, (tx) =>
      tx.update(units).set({ serviceType }).where(eq(units.id, created.id)),
    );
    return { id: created.id, serviceType, name };
  }

  beforeAll(async () => {
    database = await freshDatabase(kind);
    tenantA = (await makeTenant(database, "Avik kommune")).id;
    tenantB = (await makeTenant(database, "Bvik kommune")).id;
    S1 = await unit(tenantA, "Avik skole", "grunnskole");
    S2 = await unit(tenantA, "Bakken skole", "grunnskole");
    K1 = await unit(tenantA, "Kløveret barnehage", "barnehage");
    K2 = await unit(tenantA, "Kystlyset barnehage", "barnehage");
    H = await unit(tenantA, "Helsestasjonen", "helsestasjon_skolehelsetjeneste");
    coordinator = await makeStaff(database, tenantA, { roles: ["coordinator"] });
    coordinatorB = await makeStaff(database, tenantB, { roles: ["coordinator"] });
    sectorLeader = await makeStaff(database, tenantA, { roles: ["sector_leader"] });
    unitLeader = await makeStaff(database, tenantA, { roles: ["unit_leader"], unitIds: [S1.id] });
    employee = await makeStaff(database, tenantA, { roles: ["employee"], unitIds: [S1.id] });
    btsContact = await makeStaff(database, tenantA, { roles: ["bts_contact"], unitIds: [S1.id] });
    admin = await makeStaff(database, tenantA, { roles: ["admin"] });

    const w = surveyWriter(database, tenantA);
    const LA = randomUUID();
    const LB = randomUUID();
    const LC = randomUUID();
    // Round 1: ten answers from Avik skole.
    round1 = await w.survey("BTI-undersøkelsen runde 1");
    const p1 = {
      a: (
        await w.question(round1, { type: "likert", theme: "Kunnskap", lineageId: LA, position: 1 })
      ).id,
      b: (
        await w.question(round1, { type: "likert", theme: "Kunnskap", lineageId: LB, position: 2 })
      ).id,
      c: (
        await w.question(round1, { type: "likert", theme: "Samarbeid", lineageId: LC, position: 3 })
      ).id,
    };
    for (let i = 0; i < 10; i += 1) {
      await w.respond(round1, S1, {
        [p1.a]: 3,
        ...(i < 4 ? { [p1.b]: 2 } : {}),
        ...(i < 6 ? { [p1.c]: 2 } : {}),
      });
    }
    // Round 2, compared with round 1.
    round2 = await w.survey("BTI-undersøkelsen runde 2", round1);
    q.l1 = (
      await w.question(round2, {
        type: "likert",
        theme: "Kunnskap",
        lineageId: LA,
        position: 1,
        prompt: "Jeg kjenner tegnene.",
      })
    ).id;
    q.l2old = (
      await w.question(round2, {
        type: "likert",
        theme: "Kunnskap",
        lineageId: LB,
        position: 2,
        version: 1,
        retired: true,
        prompt: "Jeg vet hva modellen er.",
      })
    ).id;
    q.l2 = (
      await w.question(round2, {
        type: "likert",
        theme: "Kunnskap",
        lineageId: LB,
        position: 2,
        version: 2,
        prompt: "Jeg vet hva BTI-modellen går ut på.",
      })
    ).id;
    q.l3 = (
      await w.question(round2, { type: "likert", theme: "Samarbeid", lineageId: LC, position: 3 })
    ).id;
    q.single = (
      await w.question(round2, {
        type: "single",
        theme: "Bakgrunn",
        position: 4,
        options: [
          { key: "a", label: "Under 2 år" },
          { key: "b", label: "2–5 år" },
          { key: "c", label: "Over 5 år" },
        ],
      })
    ).id;
    q.number = (await w.question(round2, { type: "number", theme: "Bakgrunn", position: 5 })).id;
    q.text = (
      await w.question(round2, {
        type: "text",
        theme: "Innspill",
        position: 6,
        prompt: "Hva kan bli bedre?",
      })
    ).id;

    // Avik skole: 6 answers, 5 on the first statement, the background question a,a,b,c,c,c.
    const background = ["a", "a", "b", "c", "c", "c"];
    for (let i = 0; i < 6; i += 1) {
      await w.respond(round2, S1, { [q.l1!]: 5, [q.l2!]: 4, [q.single!]: [background[i]!] });
    }
    // Bakken skole: 8 answers; the first five gave 1 to the old wording, the rest 4 to the new.
    const numbers = [1, 2, 3, 4, 5, 6, 7, 40];
    for (let i = 0; i < 8; i += 1) {
      await w.respond(round2, S2, {
        [q.l1!]: 4,
        ...(i < 5 ? { [q.l2old!]: 1 } : { [q.l2!]: 4 }),
        [q.number!]: numbers[i]!,
      });
    }
    // Kløveret barnehage: 4 answers (hidden).
    for (let i = 0; i < 4; i += 1) await w.respond(round2, K1, { [q.l1!]: 2, [q.l2!]: 4 });
    // Kystlyset barnehage: 9 answers; 4 on «Samarbeid», 5 free texts.
    const texts = ["=SUM(A1)", "Bedre rutiner", "mer tid", "Ærlig talt bra", "Alt fungerer"];
    for (let i = 0; i < 9; i += 1) {
      await w.respond(round2, K2, {
        [q.l1!]: 3,
        [q.l2!]: 4,
        ...(i < 4 ? { [q.l3!]: 5 } : {}),
        ...(i < 5 ? { [q.text!]: texts[i]! } : {}),
      });
    }
    // Helsestasjonen: 5 answers.
    for (let i = 0; i < 5; i += 1) await w.respond(round2, H, { [q.l1!]: 4, [q.l2!]: 4 });
  }, 120_000);
  afterAll(() => database.drop());

  const read = (actor: Staff, surveyId = round2) =>
    getSurveyResults({ database, actor, meta, surveyId });
  const question = (results: SurveyResults, id: string): QuestionLineageResult =>
    results.questions.find((entry) => entry.questionId === id)!;
  const shown = <T>(value: T) => ({ suppressed: false, value });
  const hidden = { suppressed: true };

  it("lets the coordinator and report readers in; others get 403, another municipality 404", async () => {
    for (const actor of [coordinator, sectorLeader, unitLeader]) {
      expect((await read(actor)).responses).toBe(32);
    }
    for (const actor of [employee, btsContact, admin]) {
      expect((await failure(read(actor))).code).toBe("forbidden");
    }
    expect((await failure(read(coordinatorB))).code).toBe("not_found");
    expect((await failure(read(coordinator, "not-a-uuid"))).code).toBe("not_found");
    expect((await failure(read(coordinator, randomUUID()))).code).toBe("not_found");
  });

  it("computes every question type against hand-computed figures", async () => {
    const results = await read(coordinator);
    // (6·5 + 8·4 + 4·2 + 9·3 + 5·4) / 32 = 117 / 32 = 3.656 → 3.7
    const l1 = question(results, q.l1!);
    expect(l1.answers).toBe(32);
    expect(l1.figures).toMatchObject(shown({ type: "likert", mean: 3.7 }));
    expect(l1.figures.suppressed ? null : l1.figures.value).toMatchObject({
      distribution: [
        { value: 1, count: 0, percent: 0 },
        { value: 2, count: 4, percent: 13 }, // 12.5 → 13
        { value: 3, count: 9, percent: 28 }, // 28.1
        { value: 4, count: 13, percent: 41 }, // 40.6
        { value: 5, count: 6, percent: 19 }, // 18.75
      ],
    });
    expect(question(results, q.single!).figures).toEqual(
      shown({
        type: "single",
        options: [
          { key: "a", label: "Under 2 år", count: 2, percent: 33 },
          { key: "b", label: "2–5 år", count: 1, percent: 17 },
          { key: "c", label: "Over 5 år", count: 3, percent: 50 },
        ],
      }),
    );
    // 68 / 8 = 8.5; median (4 + 5) / 2 = 4.5
    expect(question(results, q.number!).figures).toEqual(
      shown({ type: "number", mean: 8.5, median: 4.5, min: 1, max: 40 }),
    );
    // Free text for the coordinator, in a fixed order that is not the order of answering.
    expect(question(results, q.text!).figures).toEqual(
      shown({
        type: "text",
        texts: ["=SUM(A1)", "Alt fungerer", "Bedre rutiner", "mer tid", "Ærlig talt bra"],
      }),
    );
    // A question with 4 answers is hidden; its theme has nothing shown to pool.
    expect(question(results, q.l3!)).toMatchObject({ answers: 4, figures: hidden });
    expect(results.themes.find((t) => t.theme === "Samarbeid")).toMatchObject({
      answers: 4,
      mean: hidden,
      difference: null,
    });
  });

  it("shows an edited question's old wording apart, with its own count, and keeps it out of the theme", async () => {
    const results = await read(coordinator);
    const l2 = question(results, q.l2!);
    expect(l2).toMatchObject({ version: 2, retired: false, answers: 27 });
    expect(l2.figures).toMatchObject(shown({ type: "likert", mean: 4 }));
    expect(l2.older).toHaveLength(1);
    expect(l2.older[0]).toMatchObject({
      questionId: q.l2old,
      version: 1,
      retired: true,
      prompt: "Jeg vet hva modellen er.",
      answers: 5,
      figures: shown({ type: "likert", mean: 1 }),
    });
    expect(results.questions.filter((entry) => entry.lineageId === l2.lineageId)).toHaveLength(1);
    // Kunnskap pools the current wordings only: (117 + 27·4) / (32 + 27) = 225 / 59 = 3.81 → 3.8
    expect(results.themes.find((t) => t.theme === "Kunnskap")).toMatchObject({
      answers: 32,
      questions: 2,
      pooledQuestions: 2,
      mean: shown(3.8),
    });
  });

  it("compares with the previous round question by question (lineage) and theme by theme", async () => {
    const results = await read(coordinator);
    expect(results.previous).toEqual({
      id: round1,
      title: "BTI-undersøkelsen runde 1",
      responses: 10,
    });
    // 3.7 now, 3.0 before (ten answers).
    expect(question(results, q.l1!)).toMatchObject({
      previous: { answers: 10, mean: shown(3) },
      difference: 0.7,
    });
    // Only four answered it in round 1: hidden, no difference.
    expect(question(results, q.l2!)).toMatchObject({
      previous: { answers: 4, mean: hidden },
      difference: null,
    });
    // Kunnskap before: only the shown question (3.0) is pooled; 3.8 − 3.0 = 0.8.
    expect(results.themes.find((t) => t.theme === "Kunnskap")).toMatchObject({
      previous: { answers: 10, mean: shown(3) },
      difference: 0.8,
    });
    // Samarbeid before had six answers (2.0), but this round's is hidden: no difference.
    expect(results.themes.find((t) => t.theme === "Samarbeid")).toMatchObject({
      previous: { answers: 6, mean: shown(2) },
      difference: null,
    });
    // A round without a previous round compares with nothing.
    const first = await read(coordinator, round1);
    expect(first.previous).toBeNull();
    expect(first.themes.every((t) => t.previous === null && t.difference === null)).toBe(true);
  });

  it("hides small units and the next-smallest one that would give them away", async () => {
    const results = await read(coordinator);
    const byName = new Map(results.units.map((row) => [row.name, row]));
    // Avik skole: (6·5 + 6·4) / 12 = 4.5; Bakken skole: (8·4 + 3·4) / 11 = 4.0
    expect(byName.get(S1.name)).toMatchObject({
      responses: shown(6),
      themes: [
        { theme: "Kunnskap", mean: shown(4.5) },
        { theme: "Samarbeid", mean: hidden },
      ],
    });
    expect(byName.get(S2.name)).toMatchObject({
      responses: shown(8),
      themes: [{ mean: shown(4) }, { mean: hidden }],
    });
    // Kløveret (4) is hidden; Helsestasjonen (5, the next-smallest) covers it; Kystlyset (9) is
    // hidden because the kindergartens' total minus it would reveal Kløveret.
    for (const name of [K1.name, H.name, K2.name]) {
      expect(byName.get(name)).toMatchObject({
        responses: hidden,
        themes: [{ mean: hidden }, { mean: hidden }],
      });
    }
    // Service types: 14, 13 and 5 answers are all shown. Barnehage: 87 / 26 = 3.35 → 3.3;
    // helsestasjon: 40 / 10 = 4.0; grunnskole: 98 / 23 = 4.26 → 4.3.
    const types = new Map(results.serviceTypes!.map((row) => [row.key, row]));
    expect(types.get("grunnskole")).toMatchObject({
      responses: shown(14),
      themes: [{ mean: shown(4.3) }, { mean: hidden }],
    });
    expect(types.get("barnehage")).toMatchObject({
      responses: shown(13),
      themes: [{ mean: shown(3.3) }, { mean: hidden }],
    });
    expect(types.get("helsestasjon_skolehelsetjeneste")).toMatchObject({
      responses: shown(5),
      themes: [{ mean: shown(4) }, { mean: hidden }],
    });
  });

  it("treats 4 and 5 answers as the boundary for the survey, a unit, a service type, a theme and the previous round", async () => {
    const w = surveyWriter(database, tenantA);
    const lineage = randomUUID();
    const before = await w.survey("Grense runde 1");
    const beforeQ = (
      await w.question(before, { type: "likert", theme: "Tema", lineageId: lineage, position: 1 })
    ).id;
    for (let i = 0; i < 4; i += 1) await w.respond(before, S1, { [beforeQ]: 3 });
    const now = await w.survey("Grense runde 2", before);
    const nowQ = (
      await w.question(now, { type: "likert", theme: "Tema", lineageId: lineage, position: 1 })
    ).id;
    // Four answers in all: nothing is shown.
    for (let i = 0; i < 4; i += 1) await w.respond(now, S1, { [nowQ]: 4 });
    let results = await read(coordinator, now);
    expect(results.shown).toBe(false);
    expect(results.themes[0]).toMatchObject({
      answers: 4,
      mean: hidden,
      previous: { answers: 4, mean: hidden },
    });
    expect(results.units[0]).toMatchObject({ responses: hidden });
    expect(results.serviceTypes![0]).toMatchObject({ responses: hidden });
    // The fifth answer (in round 1 too) shows the survey, the theme, the unit and the service type.
    await w.respond(now, S1, { [nowQ]: 4 });
    await w.respond(before, S1, { [beforeQ]: 3 });
    results = await read(coordinator, now);
    expect(results.shown).toBe(true);
    expect(results.themes[0]).toMatchObject({
      answers: 5,
      mean: shown(4),
      previous: { answers: 5, mean: shown(3) },
      difference: 1,
    });
    expect(results.units).toMatchObject([
      { name: S1.name, responses: shown(5), themes: [{ mean: shown(4) }] },
    ]);
    expect(results.serviceTypes).toMatchObject([{ key: "grunnskole", responses: shown(5) }]);
    // A second unit with 4 answers is hidden, and so is the first (it alone would reveal it),
    // in the unit view; their service types are shown separately only when 5 or more.
    for (let i = 0; i < 4; i += 1) await w.respond(now, K1, { [nowQ]: 2 });
    results = await read(coordinator, now);
    expect(results.units.map((row) => row.responses)).toEqual([hidden, hidden]);
    expect(new Map(results.serviceTypes!.map((row) => [row.key, row.responses]))).toEqual(
      new Map([
        ["barnehage", hidden],
        ["grunnskole", hidden],
      ]),
    );
  });

  it("gives the sector leader every unit without free text, and a unit leader only their own units", async () => {
    const sector = await read(sectorLeader);
    expect(sector.units).toHaveLength(5);
    expect(sector.serviceTypes).not.toBeNull();
    expect(question(sector, q.text!).figures).toEqual(shown({ type: "text", texts: null }));
    expect(sector.reader).toEqual({ allUnits: true, freeText: false, canManage: false });

    const leader = await read(unitLeader);
    expect(leader.units.map((row) => row.name)).toEqual([S1.name]);
    expect(leader.serviceTypes).toBeNull();
    expect(question(leader, q.text!).figures).toEqual(shown({ type: "text", texts: null }));
    // The municipality's figures are the same for everyone.
    expect(leader.themes).toEqual((await read(coordinator)).themes);
  });

  it("exports CSV with a BOM and semicolons, hidden cells as words, formula-safe text, and nothing the reader may not see", async () => {
    const texts = csvTexts("nb");
    const file = await exportSurveyResults({
      database,
      actor: coordinator,
      meta,
      surveyId: round2,
      texts,
    });
    expect(file.filename).toMatch(/^undersokelse-resultater-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(file.content.startsWith("\uFEFF")).toBe(true);
    const lines = file.content.slice(1).split("\r\n");
    expect(lines[0]).toBe(
      "Visning;Gruppe;Tema;Spørsmål;Formulering;Mål;Antall svar;Verdi;Prosent;Forrige runde;Endring;Svar forrige runde",
    );
    expect(lines).toContain("Per tema;Hele kommunen;Kunnskap;;;Gjennomsnitt;32;3,8;;3,0;'+0,8;10");
    expect(lines).toContain(
      `Per tema;Hele kommunen;Samarbeid;;;Gjennomsnitt;${HIDDEN};${HIDDEN};;2,0;;6`,
    );
    expect(lines).toContain(`Per enhet;${K1.name};;;;Antall svar;;${HIDDEN};;;;`);
    expect(lines).toContain(`Per enhet;${S1.name};Kunnskap;;;Gjennomsnitt;;4,5;;;;`);
    expect(lines).toContain(
      "Per spørsmål;Hele kommunen;Kunnskap;Jeg vet hva modellen er.;Tidligere formulering;Gjennomsnitt;5;1,0;;;;",
    );
    expect(lines).toContain(
      "Per spørsmål;Hele kommunen;Innspill;Hva kan bli bedre?;Gjeldende;Fritekst;5;'=SUM(A1);;;;",
    );
    // Every hidden cell holds the words, never a number.
    const hiddenUnitRows = lines.filter((line) => line.startsWith(`Per enhet;${K2.name};`));
    expect(hiddenUnitRows.length).toBeGreaterThan(0);
    for (const line of hiddenUnitRows) expect(line.split(";")[7]).toBe(HIDDEN);
    // Free text is listed per question only, never by unit.
    expect(lines.filter((line) => line.includes("Ærlig talt bra"))).toHaveLength(1);

    const leaderFile = await exportSurveyResults({
      database,
      actor: unitLeader,
      meta,
      surveyId: round2,
      texts,
    });
    expect(leaderFile.content).not.toContain("Ærlig talt bra");
    expect(leaderFile.content).not.toContain(K1.name);
    expect(leaderFile.content).toContain(`Per enhet;${S1.name};`);
    expect(leaderFile.content).not.toContain("Per tjenestetype");
    expect(
      (
        await failure(
          exportSurveyResults({ database, actor: employee, meta, surveyId: round2, texts }),
        )
      ).code,
    ).toBe("forbidden");
  });

  it("audits reading and exporting with the survey id only", async () => {
    const rows = (type: string) =>
      database.system((tx) =>
        tx
          .select()
          .from(auditEvents)
          .where(and(eq(auditEvents.eventType, type), eq(auditEvents.subjectId, round2))),
      );
    const viewedBefore = (await rows("survey.results_viewed")).length;
    await read(sectorLeader);
    const viewed = await rows("survey.results_viewed");
    expect(viewed).toHaveLength(viewedBefore + 1);
    expect(viewed.at(-1)).toMatchObject({
      tenantId: tenantA,
      subjectType: "survey",
      subjectId: round2,
      details: {},
    });
    const exported = await rows("survey.results_exported");
    expect(exported.length).toBeGreaterThan(0);
    expect(exported[0]).toMatchObject({ subjectType: "survey", details: {} });
    // Refused reads leave no trace of results.
    const count = (await rows("survey.results_viewed")).length;
    await failure(read(employee));
    expect(await rows("survey.results_viewed")).toHaveLength(count);
  });

  it("gives the reports a plain summary of the theme means", async () => {
    const summary = await database.tenant(tenantA, (tx) =>
      surveySummaryForReport(tx, tenantA, round2),
    );
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
    expect(summary).toEqual({
      surveyId: round2,
      title: "BTI-undersøkelsen runde 2",
      status: "closed",
      responses: 32,
      previousRoundTitle: "BTI-undersøkelsen runde 1",
      themes: [
        { theme: "Kunnskap", mean: shown(3.8), previousMean: shown(3), answers: 32 },
        { theme: "Samarbeid", mean: hidden, previousMean: shown(2), answers: 4 },
      ],
    });
    await expect(
      database.tenant(tenantB, (tx) => surveySummaryForReport(tx, tenantB, round2)),
    ).rejects.toMatchObject({ code: "not_found" });
  });

  describe("over HTTP", () => {
    let app: Awaited<ReturnType<typeof testAppWithUi>>["app"];
    let services: Awaited<ReturnType<typeof testAppWithUi>>["services"];

    beforeAll(async () => {
      ({ app, services } = await testAppWithUi(database));
    });

    it("serves the page and the CSV to readers, 403 to others and 404 across municipalities", async () => {
      const path = `/evaluering/undersokelser/${round2}/resultater`;
      const headers = await browserHeaders(database, services, coordinator);
      const page = await app.request(`${path}?visning=enhet`, { headers });
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain(nb.evaluation.results.views.unit);
      expect(html).toContain(HIDDEN);
      expect(html).toContain('role="img"');
      const csv = await app.request(`${path}.csv`, { headers });
      expect(csv.status).toBe(200);
      expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(csv.headers.get("content-disposition")).toMatch(
        /^attachment; filename="undersokelse-resultater-/,
      );
      const employeeHeaders = await browserHeaders(database, services, employee);
      expect((await app.request(path, { headers: employeeHeaders })).status).toBe(403);
      expect((await app.request(`${path}.csv`, { headers: employeeHeaders })).status).toBe(403);
      const otherHeaders = await browserHeaders(database, services, coordinatorB);
      expect((await app.request(path, { headers: otherHeaders })).status).toBe(404);
      expect((await app.request(`${path}.csv`, { headers: otherHeaders })).status).toBe(404);
    });
  });
});

describe.each(databaseKinds)("evaluation survey results in the demo on %s", (kind) => {
  let database: TestDatabase;
  let tenantId: string;

  beforeAll(async () => {
    database = await freshDatabase(kind);
    expect(await seedDemo(database)).toBe(true);
    const [tenant] = await database.system((tx) =>
      tx
        .select({ id: tenants.id })
        .from(tenants)
        .where(eq(tenants.municipalityNumber, DEMO_MUNICIPALITY.municipalityNumber)),
    );
    tenantId = tenant!.id;
  }, 120_000);
  afterAll(() => database.drop());

  it("has round 2 of the BTI survey with a comparison, an old wording and one hidden unit of four", async () => {
    const { loadStaffActor } = await import("../../core/auth/sessions.ts");
    const [user] = await database.system((tx) =>
      tx
        .select({ id: users.id })
        .from(users)
        .where(eq(users.email, "koordinator@fjordvik.example")),
    );
    const actor = (await database.system((tx) => loadStaffActor(tx, user!.id))) as Staff;
    const list = await database.tenant(tenantId, (tx) =>
      tx.select().from(surveys).where(eq(surveys.tenantId, tenantId)),
    );
    const round2 = list.find((s) => s.title.endsWith("runde 2"))!;
    const round1 = list.find((s) => s.title.endsWith("runde 1"))!;
    expect(round2.previousRoundId).toBe(round1.id);
    const results = await getSurveyResults({ database, actor, meta, surveyId: round2.id });
    expect(results.responses).toBe(54);
    expect(results.previous?.id).toBe(round1.id);
    const health = results.units.find((row) => row.name === "Helsestasjonen i Fjordvik");
    expect(health?.responses).toEqual({ suppressed: true });
    expect(results.units.filter((row) => !row.responses.suppressed).length).toBeGreaterThan(4);
    // Every theme is better in round 2.
    for (const theme of results.themes) {
      expect(theme.difference, theme.theme).not.toBeNull();
      expect(theme.difference!, theme.theme).toBeGreaterThan(0);
    }
    expect(results.questions.some((entry) => entry.older.length === 1)).toBe(true);
    const open = list.find((s) => s.status === "open")!;
    const few = await getSurveyResults({ database, actor, meta, surveyId: open.id });
    expect(few).toMatchObject({ responses: 3, shown: false });
  });
});
