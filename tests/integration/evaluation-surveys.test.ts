import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../core/access/actor.ts";
import { AppError } from "../../core/errors.ts";
import { surveyTemplates } from "../../core/evaluation/survey-templates.ts";
import {
  addQuestion,
  closeSurvey,
  createSurvey,
  deleteSurvey,
  getSurveyBuilder,
  listSurveys,
  moveQuestion,
  openSurvey,
  removeQuestion,
  setSurveyTargets,
  startNewRound,
  updateQuestion,
  updateSurveySettings,
} from "../../core/evaluation/surveys.ts";
import {
  getMySurvey,
  listMySurveys,
  saveMyDraft,
  submitMyAnswer,
} from "../../core/evaluation/surveys-answer.ts";
import { runSurveyReminders } from "../../core/evaluation/surveys-reminders.ts";
import { answerField } from "../../core/evaluation/surveys-rules.ts";
import { sha256Hex } from "../../core/platform/crypto.ts";
import { addDays, osloDate } from "../../core/platform/dates.ts";
import {
  auditEvents,
  notifications,
  surveyAnswers,
  surveyDrafts,
  surveyInvitations,
  surveyQuestions,
  surveyResponses,
  surveys,
  trainingEvents,
  trainingRegistrations,
} from "../../db/schema/index.ts";
import { nb } from "../../i18n/nb.ts";
import { browserHeaders, testAppWithUi } from "../support/app.ts";
import { databaseKinds, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { makeStaff, makeTenant, makeUnit } from "../support/fixtures.ts";
import { CSRF_COOKIE, csrfTokenFor, newCsrfSecret } from "../../server/cookies.ts";

type Staff = Extract<Actor, { kind: "staff" }>;

const meta = { ip: "192.0.2.71", userAgent: "vitest", requestId: "req-surveys" };
const E = "evaluation.surveys.errors";
const T = nb.evaluation.surveys;

async function failure(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the use case to fail");
}

describe.each(databaseKinds)("evaluation surveys on %s", (kind) => {
  let database: TestDatabase;
  let tenantA: string;
  let tenantB: string;
  let school: string;
  let kindergarten: string;
  let coordinator: Staff;
  let coordinatorB: Staff;
  let leader: Staff;
  let teacher: Staff;
  let teacher2: Staff;
  let preschool: Staff;
  let bothUnits: Staff;
  let admin: Staff;
  let sectorLeader: Staff;

  beforeAll(async () => {
    database = await freshDatabase(kind);
    tenantA = (await makeTenant(database, "Avik kommune")).id;
    tenantB = (await makeTenant(database, "Bvik kommune")).id;
    school = (await makeUnit(database, tenantA, "Avik skole")).id;
    kindergarten = (await makeUnit(database, tenantA, "Avik barnehage")).id;
    coordinator = await makeStaff(database, tenantA, { roles: ["coordinator"] });
    coordinatorB = await makeStaff(database, tenantB, { roles: ["coordinator"] });
    leader = await makeStaff(database, tenantA, { roles: ["unit_leader"], unitIds: [school] });
    teacher = await makeStaff(database, tenantA, { roles: ["employee"], unitIds: [school] });
    teacher2 = await makeStaff(database, tenantA, { roles: ["employee"], unitIds: [school] });
    preschool = await makeStaff(database, tenantA, {
      roles: ["employee"],
      unitIds: [kindergarten],
    });
    bothUnits = await makeStaff(database, tenantA, {
      roles: ["employee"],
      unitIds: [school, kindergarten],
    });
    admin = await makeStaff(database, tenantA, { roles: ["admin"], unitIds: [school] });
    sectorLeader = await makeStaff(database, tenantA, { roles: ["sector_leader"] });
  });
  afterAll(() => database.drop());

  const create = (values: Record<string, unknown>, actor: Staff = coordinator) =>
    createSurvey({ database, actor, meta, values });

  async function questionRows(surveyId: string) {
    return database.system((tx) =>
      tx.select().from(surveyQuestions).where(eq(surveyQuestions.surveyId, surveyId)),
    );
  }

  async function invitationRows(surveyId: string) {
    return database.system((tx) =>
      tx.select().from(surveyInvitations).where(eq(surveyInvitations.surveyId, surveyId)),
    );
  }

  async function responseRows(surveyId: string) {
    return database.system((tx) =>
      tx.select().from(surveyResponses).where(eq(surveyResponses.surveyId, surveyId)),
    );
  }

  async function notificationRows(kindOf: string, surveyId: string) {
    const rows = await database.system((tx) =>
      tx.select().from(notifications).where(eq(notifications.kind, kindOf)),
    );
    return rows.filter((row) => row.dedupeKey.includes(`|${surveyId}|`));
  }

  /** A small open staff survey to the school's employees: a single choice, a Likert, a text. */
  async function openSchoolSurvey(title = "Skoleundersøkelse") {
    const { id } = await create({ start: "blank", title });
    await addQuestion({
      database,
      actor: coordinator,
      meta,
      surveyId: id,
      values: {
        type: "single",
        prompt: "Har du brukt loggen?",
        options: "Ja\nNei",
        required: "on",
      },
    });
    await addQuestion({
      database,
      actor: coordinator,
      meta,
      surveyId: id,
      values: { type: "likert", prompt: "Jeg er trygg", theme: "Samtalen", required: "on" },
    });
    await addQuestion({
      database,
      actor: coordinator,
      meta,
      surveyId: id,
      values: { type: "text", prompt: "Noe mer?" },
    });
    await setSurveyTargets({
      database,
      actor: coordinator,
      meta,
      surveyId: id,
      unitIds: [school],
      roles: ["employee"],
    });
    await openSurvey({ database, actor: coordinator, meta, surveyId: id });
    const questions = (await questionRows(id)).sort((a, b) => a.position - b.position);
    return { id, questions };
  }

  it("lets only the coordinator manage surveys; answering needs survey.answer; other tenants get 404", async () => {
    const { id } = await create({ start: "blank", title: "Tilgangstest" });
    for (const actor of [teacher, leader, admin, sectorLeader]) {
      expect((await failure(listSurveys({ database, actor }))).code).toBe("forbidden");
      expect((await failure(create({ start: "blank", title: "x" }, actor))).code).toBe("forbidden");
      expect((await failure(openSurvey({ database, actor, meta, surveyId: id }))).code).toBe(
        "forbidden",
      );
    }
    expect((await failure(listMySurveys({ database, actor: admin }))).code).toBe("forbidden");
    expect((await listMySurveys({ database, actor: sectorLeader })).items).toEqual([]);
    // Another municipality's coordinator is told it does not exist.
    expect(
      (await failure(getSurveyBuilder({ database, actor: coordinatorB, surveyId: id }))).code,
    ).toBe("not_found");
    expect(
      (await failure(deleteSurvey({ database, actor: coordinatorB, meta, surveyId: id }))).code,
    ).toBe("not_found");
    expect((await listSurveys({ database, actor: coordinatorB })).items).toEqual([]);
    const [audit] = await database.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.eventType, "survey.created"), eq(auditEvents.subjectId, id))),
    );
    expect(audit?.details).toEqual({ template: null, questions: 0, trainingEventId: null });
  });

  it("creates the right questions from each template", async () => {
    const bti = await create({ start: "bti_staff" });
    const rows = (await questionRows(bti.id)).sort((a, b) => a.position - b.position);
    expect(rows.map((row) => row.prompt)).toEqual(
      surveyTemplates.bti_staff.questions.map((question) => question.prompt),
    );
    expect(new Set(rows.map((row) => row.lineageId)).size).toBe(rows.length);
    expect(rows.every((row) => row.version === 1 && row.retiredAt === null)).toBe(true);
    const likert = rows.find((row) => row.type === "likert")!;
    expect(likert.options.map((option) => option.label)).toEqual([
      "Helt uenig",
      "Litt uenig",
      "Verken enig eller uenig",
      "Litt enig",
      "Helt enig",
    ]);
    const builder = await getSurveyBuilder({ database, actor: coordinator, surveyId: bti.id });
    expect(builder.survey).toMatchObject({
      title: surveyTemplates.bti_staff.title,
      template: "bti_staff",
      audience: "staff",
      status: "draft",
    });

    const user = await create({ start: "user", title: "Brukerevaluering 2026" });
    const userBuilder = await getSurveyBuilder({ database, actor: coordinator, surveyId: user.id });
    expect(userBuilder.survey).toMatchObject({
      title: "Brukerevaluering 2026",
      audience: "link",
      plainLanguage: true,
    });
    expect(userBuilder.questions[0]).toMatchObject({
      prompt: "Hvem svarer?",
      type: "single",
      options: [
        { key: "guardian", label: "Jeg er forelder eller foresatt" },
        { key: "youth", label: "Jeg er ungdom" },
      ],
    });
    const yearly = await create({ start: "yearly_model" });
    expect((await questionRows(yearly.id)).length).toBe(
      surveyTemplates.yearly_model.questions.length,
    );
    expect((await failure(create({ start: "nothing" }))).fieldErrors).toEqual({
      start: `${E}.start`,
    });
    expect((await failure(create({ start: "blank", title: "" }))).fieldErrors).toEqual({
      title: `${E}.title`,
    });
  });

  it("sends an event evaluation to the event's attendees only", async () => {
    const startsAt = new Date(Date.now() - 3 * 24 * 3600_000);
    const [event] = await database.tenant(tenantA, (tx) =>
      tx
        .insert(trainingEvents)
        .values({
          tenantId: tenantA,
          kind: "course",
          title: "Kurs i undringssamtalen",
          startsAt,
          endsAt: new Date(startsAt.getTime() + 3 * 3600_000),
        })
        .returning(),
    );
    const { id } = await create({ start: "event", trainingEventId: event!.id });
    // Nobody recorded as present yet: opening is refused with its reason.
    expect(
      (await failure(openSurvey({ database, actor: coordinator, meta, surveyId: id }))).fieldErrors,
    ).toEqual({ targets: `${E}.noAttendees` });
    await database.tenant(tenantA, (tx) =>
      tx.insert(trainingRegistrations).values([
        { tenantId: tenantA, eventId: event!.id, userId: teacher.userId, attended: true },
        { tenantId: tenantA, eventId: event!.id, userId: preschool.userId, attended: false },
        { tenantId: tenantA, eventId: event!.id, userId: leader.userId, attended: true },
      ]),
    );
    const opened = await openSurvey({ database, actor: coordinator, meta, surveyId: id });
    expect(opened.invited).toBe(2);
    expect((await invitationRows(id)).map((row) => row.userId).sort()).toEqual(
      [teacher.userId, leader.userId].sort(),
    );
  });

  it("validates the builder's input in Norwegian and keeps the survey as it was", async () => {
    const { id } = await create({ start: "blank", title: "Valideringstest" });
    const bad = await failure(
      addQuestion({
        database,
        actor: coordinator,
        meta,
        surveyId: id,
        values: { type: "single", prompt: "Hvem?", options: "Bare én" },
      }),
    );
    expect(bad.fieldErrors).toEqual({ options: `${E}.optionsTooFew` });
    expect(nb.evaluation.surveys.errors.optionsTooFew).toBe(
      "Skriv minst to svaralternativer, ett per linje.",
    );
    expect(
      (
        await failure(
          addQuestion({
            database,
            actor: coordinator,
            meta,
            surveyId: id,
            values: { type: "number", prompt: "År", minValue: "5", maxValue: "1" },
          }),
        )
      ).fieldErrors,
    ).toEqual({ maxValue: `${E}.minAboveMax` });
    expect(
      (
        await failure(
          updateSurveySettings({
            database,
            actor: coordinator,
            meta,
            surveyId: id,
            values: { title: "Valideringstest", opensOn: "2026-05-10", closesOn: "2026-05-01" },
          }),
        )
      ).fieldErrors,
    ).toEqual({ closesOn: `${E}.closesBeforeOpens` });
    // Without questions or targets it cannot open, and both reasons come at once.
    expect(
      (await failure(openSurvey({ database, actor: coordinator, meta, surveyId: id }))).fieldErrors,
    ).toEqual({ questions: `${E}.noQuestions`, targets: `${E}.noTargets` });
    expect(await questionRows(id)).toEqual([]);
    // A draft without answers may be deleted; an open one may not.
    await deleteSurvey({ database, actor: coordinator, meta, surveyId: id });
    expect(
      (await failure(getSurveyBuilder({ database, actor: coordinator, surveyId: id }))).code,
    ).toBe("not_found");
  });

  it("invites exactly the targeted unit and role, answers anonymously, refuses a second answer", async () => {
    const { id, questions } = await openSchoolSurvey();
    const invited = (await invitationRows(id)).map((row) => row.userId).sort();
    // Employees of the school (also the one in two units); not its leader, not the admin,
    // not the kindergarten's employee.
    expect(invited).toEqual([teacher.userId, teacher2.userId, bothUnits.userId].sort());
    const told = await notificationRows("survey_invitation", id);
    expect(told.map((row) => row.userId).sort()).toEqual(invited);
    expect(told[0]!.link).toBe(`/undersokelser/${id}`);
    expect(told[0]!.logId).toBeNull();

    const mine = await listMySurveys({ database, actor: teacher });
    expect(mine.items.find((item) => item.id === id)?.state).toBe("notAnswered");
    expect((await listMySurveys({ database, actor: preschool })).items).toEqual([]);
    expect((await failure(getMySurvey({ database, actor: preschool, surveyId: id }))).code).toBe(
      "not_found",
    );

    const [single, likert, text] = questions;
    await submitMyAnswer({
      database,
      actor: teacher,
      meta,
      surveyId: id,
      values: {
        [answerField(single!.id)]: single!.options[0]!.key,
        [answerField(likert!.id)]: "4",
        [answerField(text!.id)]: "Mer tid til samtaler",
      },
    });
    const responses = await responseRows(id);
    expect(responses).toHaveLength(1);
    // No user, no invitation, no time of day: exactly these columns.
    expect(Object.keys(responses[0]!).sort()).toEqual(
      [
        "id",
        "respondentGroup",
        "serviceType",
        "submittedOn",
        "surveyId",
        "tenantId",
        "unitId",
      ].sort(),
    );
    expect(responses[0]).toMatchObject({
      unitId: school,
      serviceType: "grunnskole",
      respondentGroup: "staff",
      submittedOn: osloDate(),
    });
    const answers = await database.system((tx) =>
      tx.select().from(surveyAnswers).where(eq(surveyAnswers.responseId, responses[0]!.id)),
    );
    expect(Object.keys(answers[0]!).sort()).toEqual(
      [
        "choiceKeys",
        "id",
        "numberValue",
        "questionId",
        "responseId",
        "surveyId",
        "tenantId",
        "textValue",
      ].sort(),
    );
    expect(
      answers
        .map((row) => ({
          q: row.questionId,
          c: row.choiceKeys,
          n: row.numberValue,
          t: row.textValue,
        }))
        .sort((a, b) => a.q.localeCompare(b.q)),
    ).toEqual(
      [
        { q: single!.id, c: [single!.options[0]!.key], n: null, t: null },
        { q: likert!.id, c: null, n: 4, t: null },
        { q: text!.id, c: null, n: null, t: "Mer tid til samtaler" },
      ].sort((a, b) => a.q.localeCompare(b.q)),
    );
    const invitation = (await invitationRows(id)).find((row) => row.userId === teacher.userId)!;
    expect(invitation.answered).toBe(true);
    // The audit event names neither the person nor the request.
    const [event] = await database.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.eventType, "survey.answered"), eq(auditEvents.subjectId, id))),
    );
    expect(JSON.stringify(event)).not.toContain(teacher.userId);
    expect(event!.ip ?? null).toBeNull();
    expect(event!.details).toEqual({});

    const again = await failure(
      submitMyAnswer({
        database,
        actor: teacher,
        meta,
        surveyId: id,
        values: { [answerField(single!.id)]: "o1", [answerField(likert!.id)]: "2" },
      }),
    );
    expect(again.code).toBe("conflict");
    expect(again.messageKey).toBe(`${E}.alreadyAnswered`);
    expect(await responseRows(id)).toHaveLength(1);
    expect(
      (await listMySurveys({ database, actor: teacher })).items.find((i) => i.id === id)?.state,
    ).toBe("answered");
  });

  it("saves a draft, resumes it, keeps typed values on a failed submit, and deletes it on submit", async () => {
    const { id, questions } = await openSchoolSurvey("Utkasttest");
    const [single, likert, text] = questions;
    await saveMyDraft({
      database,
      actor: bothUnits,
      surveyId: id,
      values: { [answerField(text!.id)]: "Halvferdig tanke", unitId: kindergarten },
    });
    let page = await getMySurvey({ database, actor: bothUnits, surveyId: id });
    expect(page.hasDraft).toBe(true);
    expect(page.draft).toEqual({ [text!.id]: "Halvferdig tanke", unitId: kindergarten });
    expect(page.unitOptions.map((unit) => unit.id).sort()).toEqual([school]);
    expect(
      (await listMySurveys({ database, actor: bothUnits })).items.find((i) => i.id === id)?.state,
    ).toBe("draft");

    // A failed submit: the required Likert is missing; what was typed is saved as the draft.
    const missing = await failure(
      submitMyAnswer({
        database,
        actor: bothUnits,
        meta,
        surveyId: id,
        values: {
          [answerField(single!.id)]: single!.options[1]!.key,
          [answerField(text!.id)]: "Ferdig tanke",
        },
      }),
    );
    expect(missing.fieldErrors).toEqual({ [answerField(likert!.id)]: `${E}.answerChoose` });
    page = await getMySurvey({ database, actor: bothUnits, surveyId: id });
    expect(page.draft).toEqual({
      [single!.id]: single!.options[1]!.key,
      [text!.id]: "Ferdig tanke",
    });
    expect(await responseRows(id)).toEqual([]);

    await submitMyAnswer({
      database,
      actor: bothUnits,
      meta,
      surveyId: id,
      values: {
        [answerField(single!.id)]: single!.options[1]!.key,
        [answerField(likert!.id)]: "5",
      },
    });
    const drafts = await database.system((tx) =>
      tx.select().from(surveyDrafts).where(eq(surveyDrafts.surveyId, id)),
    );
    expect(drafts).toEqual([]);
    // Only the school is targeted, so the answer counts for the school.
    expect((await responseRows(id))[0]).toMatchObject({ unitId: school });
  });

  it("lets a person in several targeted units choose the unit they answer for", async () => {
    const { id } = await create({ start: "blank", title: "To enheter" });
    const { questionId } = await addQuestion({
      database,
      actor: coordinator,
      meta,
      surveyId: id,
      values: { type: "likert", prompt: "Jeg er trygg", required: "on" },
    });
    await setSurveyTargets({
      database,
      actor: coordinator,
      meta,
      surveyId: id,
      unitIds: [],
      roles: ["employee"],
    });
    await openSurvey({ database, actor: coordinator, meta, surveyId: id });
    const chooseFirst = await failure(
      submitMyAnswer({
        database,
        actor: bothUnits,
        meta,
        surveyId: id,
        values: { [answerField(questionId)]: "3" },
      }),
    );
    expect(chooseFirst.fieldErrors).toEqual({ unitId: `${E}.unitRequired` });
    await submitMyAnswer({
      database,
      actor: bothUnits,
      meta,
      surveyId: id,
      values: { [answerField(questionId)]: "3", unitId: kindergarten },
    });
    expect((await responseRows(id))[0]).toMatchObject({ unitId: kindergarten });
  });

  it("versions an answered question on edit and removal; old answers keep their wording", async () => {
    const { id, questions } = await openSchoolSurvey("Versjonstest");
    const [single, likert, text] = questions;
    await submitMyAnswer({
      database,
      actor: teacher2,
      meta,
      surveyId: id,
      values: {
        [answerField(single!.id)]: single!.options[0]!.key,
        [answerField(likert!.id)]: "2",
      },
    });
    // The answered Likert is reworded: a new version; the old row is untouched but retired.
    const edited = await updateQuestion({
      database,
      actor: coordinator,
      meta,
      surveyId: id,
      questionId: likert!.id,
      values: {
        type: "likert",
        prompt: "Jeg er trygg i samtalen med foreldre",
        theme: "Samtalen",
        required: "on",
      },
    });
    expect(edited.decision).toBe("new_version");
    const rows = await questionRows(id);
    const old = rows.find((row) => row.id === likert!.id)!;
    expect(old.prompt).toBe("Jeg er trygg");
    expect(old.retiredAt).not.toBeNull();
    const current = rows.find((row) => row.id === edited.questionId)!;
    expect(current).toMatchObject({
      lineageId: likert!.lineageId,
      version: 2,
      position: likert!.position,
      prompt: "Jeg er trygg i samtalen med foreldre",
      retiredAt: null,
    });
    const answers = await database.system((tx) =>
      tx.select().from(surveyAnswers).where(eq(surveyAnswers.surveyId, id)),
    );
    expect(answers.find((row) => row.numberValue === 2)?.questionId).toBe(likert!.id);

    // The unanswered text question is edited in place.
    const inPlace = await updateQuestion({
      database,
      actor: coordinator,
      meta,
      surveyId: id,
      questionId: text!.id,
      values: { type: "text", prompt: "Vil du si noe mer?" },
    });
    expect(inPlace).toEqual({ questionId: text!.id, decision: "in_place" });
    // Removing: the answered choice question is retired, the unanswered text question deleted.
    expect(
      await removeQuestion({
        database,
        actor: coordinator,
        meta,
        surveyId: id,
        questionId: single!.id,
      }),
    ).toEqual({ decision: "retire" });
    expect(
      await removeQuestion({
        database,
        actor: coordinator,
        meta,
        surveyId: id,
        questionId: text!.id,
      }),
    ).toEqual({ decision: "delete" });
    const after = await questionRows(id);
    expect(after.find((row) => row.id === single!.id)?.retiredAt).not.toBeNull();
    expect(after.find((row) => row.id === text!.id)).toBeUndefined();
    const builder = await getSurveyBuilder({ database, actor: coordinator, surveyId: id });
    expect(builder.questions.map((question) => question.id)).toEqual([edited.questionId]);
    // The other invited staff now see the new wording only.
    const page = await getMySurvey({ database, actor: teacher, surveyId: id });
    expect(page.questions.map((question) => question.prompt)).toEqual([
      "Jeg er trygg i samtalen med foreldre",
    ]);

    // A new round copies the current questions with the same lineages, as a draft.
    const round = await startNewRound({ database, actor: coordinator, meta, surveyId: id });
    const copy = await getSurveyBuilder({ database, actor: coordinator, surveyId: round.id });
    expect(copy.survey).toMatchObject({ status: "draft", previousRoundId: id });
    expect(copy.questions.map((question) => question.lineageId)).toEqual([likert!.lineageId]);
    expect(copy.targets).toEqual({ unitIds: [school], roles: ["employee"] });
    expect(
      (await failure(deleteSurvey({ database, actor: coordinator, meta, surveyId: id })))
        .messageKey,
    ).toBe(`${E}.deleteNotDraft`);
  });

  it("moves questions without touching their wording", async () => {
    const { id } = await create({ start: "event" });
    const before = (await getSurveyBuilder({ database, actor: coordinator, surveyId: id }))
      .questions;
    await moveQuestion({
      database,
      actor: coordinator,
      meta,
      surveyId: id,
      questionId: before[1]!.id,
      direction: "up",
    });
    const after = (await getSurveyBuilder({ database, actor: coordinator, surveyId: id }))
      .questions;
    expect(after.map((question) => question.id)).toEqual([
      before[1]!.id,
      before[0]!.id,
      ...before.slice(2).map((question) => question.id),
    ]);
    expect(after.map((question) => question.position)).toEqual(after.map((_, index) => index + 1));
  });

  it("reminds only those who have not answered, once per interval, and closes after the deadline", async () => {
    const { id, questions } = await openSchoolSurvey("Påminnelsestest");
    await updateSurveySettings({
      database,
      actor: coordinator,
      meta,
      surveyId: id,
      values: {
        title: "Påminnelsestest",
        audience: "staff",
        reminderIntervalDays: "3",
        closesOn: addDays(osloDate(), 20),
      },
    });
    await submitMyAnswer({
      database,
      actor: teacher,
      meta,
      surveyId: id,
      values: { [answerField(questions[0]!.id)]: "o1", [answerField(questions[1]!.id)]: "3" },
    });
    const day = 24 * 3600_000;
    // Not before the interval has passed since the invitation.
    await runSurveyReminders({ database, now: new Date(Date.now() + 2 * day) });
    expect(await notificationRows("survey_reminder", id)).toEqual([]);
    await runSurveyReminders({ database, now: new Date(Date.now() + 3 * day + 60_000) });
    let reminded = await notificationRows("survey_reminder", id);
    expect(reminded.map((row) => row.userId).sort()).toEqual(
      [teacher2.userId, bothUnits.userId].sort(),
    );
    const invitations = await invitationRows(id);
    expect(invitations.find((row) => row.userId === teacher.userId)).toMatchObject({
      remindersSent: 0,
      lastRemindedAt: null,
    });
    expect(invitations.find((row) => row.userId === teacher2.userId)?.remindersSent).toBe(1);
    // Once per interval: a run the next day sends nothing more.
    await runSurveyReminders({ database, now: new Date(Date.now() + 4 * day + 60_000) });
    expect(await notificationRows("survey_reminder", id)).toHaveLength(2);
    // Three days after the last one: the second reminder.
    await runSurveyReminders({ database, now: new Date(Date.now() + 6 * day + 120_000) });
    reminded = await notificationRows("survey_reminder", id);
    expect(reminded).toHaveLength(4);
    expect(
      (await invitationRows(id)).find((row) => row.userId === bothUnits.userId)?.remindersSent,
    ).toBe(2);

    // After the deadline the job closes the survey and sends no reminders.
    await runSurveyReminders({ database, now: new Date(Date.now() + 22 * day) });
    const [row] = await database.system((tx) =>
      tx.select().from(surveys).where(eq(surveys.id, id)),
    );
    expect(row!.status).toBe("closed");
    expect(await notificationRows("survey_reminder", id)).toHaveLength(4);
    expect(
      (
        await failure(
          submitMyAnswer({
            database,
            actor: teacher2,
            meta,
            surveyId: id,
            values: { [answerField(questions[0]!.id)]: "o1", [answerField(questions[1]!.id)]: "3" },
          }),
        )
      ).messageKey,
    ).toBe(`${E}.surveyClosed`);
  });

  describe("over HTTP", () => {
    let app: Awaited<ReturnType<typeof testAppWithUi>>["app"];
    let services: Awaited<ReturnType<typeof testAppWithUi>>["services"];

    beforeAll(async () => {
      ({ app, services } = await testAppWithUi(database));
    });

    function anonymousHeaders(extraCookie = ""): Record<string, string> {
      const secret = newCsrfSecret();
      return {
        cookie: `${CSRF_COOKIE}=${secret}${extraCookie ? `; ${extraCookie}` : ""}`,
        "x-csrf-token": csrfTokenFor(services.config.sessionSecret, secret),
        "content-type": "application/x-www-form-urlencoded",
      };
    }

    it("answers a link survey without login: a cookie draft, one answer per browser, 404 and closed pages", async () => {
      const { id } = await create({ start: "user", title: "Hva synes du om hjelpen?" });
      const { linkToken } = await openSurvey({ database, actor: coordinator, meta, surveyId: id });
      expect(linkToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
      const path = `/undersokelse/${linkToken}`;
      const questions = (await questionRows(id)).sort((a, b) => a.position - b.position);
      const who = questions[0]!;
      const heard = questions[1]!;

      const page = await app.request(path);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("Hvem svarer?");

      // Save a draft: the browser gets an HttpOnly cookie; only its hash is stored.
      const saved = await app.request(path, {
        method: "POST",
        headers: anonymousHeaders(),
        body: new URLSearchParams({ intent: "draft", [answerField(who.id)]: "youth" }).toString(),
      });
      expect(saved.status).toBe(302);
      const setCookie = saved.headers.get("set-cookie") ?? "";
      const match = new RegExp(`laget_svar_${linkToken}=([A-Za-z0-9_-]+)`).exec(setCookie);
      expect(match).not.toBeNull();
      expect(setCookie).toContain("HttpOnly");
      const draftToken = match![1]!;
      const [draft] = await database.system((tx) =>
        tx.select().from(surveyDrafts).where(eq(surveyDrafts.surveyId, id)),
      );
      expect(draft).toMatchObject({
        userId: null,
        tokenHash: sha256Hex(draftToken),
        answers: { [who.id]: "youth" },
      });
      const browser = `laget_svar_${linkToken}=${draftToken}`;
      const resumed = await app.request(path, { headers: { cookie: browser } });
      const resumedHtml = await resumed.text();
      expect(resumedHtml).toContain(T.answer.draftLoaded);
      expect(resumedHtml).toMatch(
        new RegExp(`value="youth"[^>]*checked|checked[^>]*value="youth"`),
      );

      // A failed submit keeps the typed values and the draft.
      const missing = await app.request(path, {
        method: "POST",
        headers: anonymousHeaders(browser),
        body: new URLSearchParams({
          intent: "submit",
          [answerField(who.id)]: "guardian",
        }).toString(),
      });
      expect(missing.status).toBe(400);
      expect(await missing.text()).toContain(nb.evaluation.surveys.errors.answerChoose);

      const body = new URLSearchParams({ intent: "submit", [answerField(who.id)]: "guardian" });
      for (const question of questions.filter((q) => q.type === "likert")) {
        body.set(answerField(question.id), "4");
      }
      body.set(answerField(heard.id), "5");
      const sent = await app.request(path, {
        method: "POST",
        headers: anonymousHeaders(browser),
        body: body.toString(),
      });
      expect(sent.status).toBe(302);
      expect(sent.headers.get("set-cookie")).toContain(`laget_svar_${linkToken}=besvart`);
      const responses = await responseRows(id);
      expect(responses).toHaveLength(1);
      expect(responses[0]).toMatchObject({ respondentGroup: "guardian", unitId: null });
      expect(
        await database.system((tx) =>
          tx.select().from(surveyDrafts).where(eq(surveyDrafts.surveyId, id)),
        ),
      ).toEqual([]);

      // The same browser cannot answer twice.
      const answeredCookie = `laget_svar_${linkToken}=besvart`;
      const thanks = await app.request(path, { headers: { cookie: answeredCookie } });
      expect(await thanks.text()).toContain(T.link.answeredTitle);
      const twice = await app.request(path, {
        method: "POST",
        headers: anonymousHeaders(answeredCookie),
        body: body.toString(),
      });
      expect(twice.status).toBe(409);
      expect(await responseRows(id)).toHaveLength(1);

      // Unknown token: 404. Closed: a clear page.
      expect((await app.request("/undersokelse/finnesikke-finnesikke-123")).status).toBe(404);
      await closeSurvey({ database, actor: coordinator, meta, surveyId: id });
      const closed = await app.request(path);
      expect(closed.status).toBe(200);
      expect(await closed.text()).toContain(T.link.closedText);
    });

    it("serves the staff pages by permission, and shows survey notices under «Varsler»", async () => {
      const { id } = await openSchoolSurvey("HTTP-undersøkelse");
      const teacherHeaders = await browserHeaders(database, services, teacher2);
      const list = await app.request("/undersokelser", { headers: teacherHeaders });
      expect(list.status).toBe(200);
      const listHtml = await list.text();
      expect(listHtml).toContain("HTTP-undersøkelse");
      expect(listHtml).toContain(T.staff.states.notAnswered);
      expect((await app.request(`/undersokelser/${id}`, { headers: teacherHeaders })).status).toBe(
        200,
      );
      const varsler = await app.request("/varsler", { headers: teacherHeaders });
      expect(await varsler.text()).toContain(
        "Du er invitert til å svare på en anonym undersøkelse",
      );
      // Not invited: 404; another municipality: 404; no permission: 403.
      const preschoolHeaders = await browserHeaders(database, services, preschool);
      expect(
        (await app.request(`/undersokelser/${id}`, { headers: preschoolHeaders })).status,
      ).toBe(404);
      const otherHeaders = await browserHeaders(database, services, coordinatorB);
      expect(
        (await app.request(`/evaluering/undersokelser/${id}`, { headers: otherHeaders })).status,
      ).toBe(404);
      expect(
        (await app.request("/evaluering/undersokelser", { headers: teacherHeaders })).status,
      ).toBe(403);
      const adminHeaders = await browserHeaders(database, services, admin);
      expect((await app.request("/undersokelser", { headers: adminHeaders })).status).toBe(403);

      // The builder keeps what was typed on a bad question.
      const coordinatorHeaders = await browserHeaders(database, services, coordinator);
      const bad = await app.request(`/evaluering/undersokelser/${id}`, {
        method: "POST",
        headers: { ...coordinatorHeaders, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          intent: "addQuestion",
          section: "question",
          type: "single",
          prompt: "Hvilket trinn jobber du på?",
          options: "Bare ett",
        }).toString(),
      });
      expect(bad.status).toBe(400);
      const badHtml = await bad.text();
      expect(badHtml).toContain(nb.evaluation.surveys.errors.optionsTooFew);
      expect(badHtml).toContain("Hvilket trinn jobber du på?");
    });
  });
});
