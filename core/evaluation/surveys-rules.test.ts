import { describe, expect, it } from "vitest";
import { surveyTemplates, surveyTemplateKeys } from "./survey-templates.ts";
import {
  answerField,
  checkAnswers,
  checkQuestion,
  checkSurveySettings,
  draftFromForm,
  editDecision,
  isRespondentGroupQuestion,
  likertOptions,
  openingProblems,
  optionsFromLines,
  questionChanged,
  reminderDue,
  removalDecision,
  respondentGroupOf,
  type AnswerQuestion,
} from "./surveys-rules.ts";

const E = "evaluation.surveys.errors";

describe("survey settings", () => {
  it("accepts a full form and reads the checkbox and the reminder interval", () => {
    const { values, fieldErrors } = checkSurveySettings({
      title: "  BTI-undersøkelsen 2026 ",
      introduction: "Hvorfor vi spør",
      audience: "link",
      plainLanguage: "on",
      opensOn: "2026-03-01",
      closesOn: "2026-03-15",
      reminderIntervalDays: "7",
      trainingEventId: "",
    });
    expect(fieldErrors).toEqual({});
    expect(values).toEqual({
      title: "BTI-undersøkelsen 2026",
      introduction: "Hvorfor vi spør",
      audience: "link",
      plainLanguage: true,
      opensOn: "2026-03-01",
      closesOn: "2026-03-15",
      reminderIntervalDays: 7,
      trainingEventId: null,
    });
  });

  it("gives every message at once: no title, closes before opens, a bad interval", () => {
    const { fieldErrors } = checkSurveySettings({
      title: " ",
      opensOn: "2026-03-15",
      closesOn: "2026-03-14",
      reminderIntervalDays: "0",
      audience: "everyone",
    });
    expect(fieldErrors).toEqual({
      title: `${E}.title`,
      closesOn: `${E}.closesBeforeOpens`,
      reminderIntervalDays: `${E}.reminderInterval`,
      audience: `${E}.audience`,
    });
    expect(checkSurveySettings({ title: "x", reminderIntervalDays: "61" }).fieldErrors).toEqual({
      reminderIntervalDays: `${E}.reminderInterval`,
    });
    expect(checkSurveySettings({ title: "x", closesOn: "15.03.2026" }).fieldErrors).toEqual({
      closesOn: `${E}.date`,
    });
    // The same day is allowed.
    expect(
      checkSurveySettings({ title: "x", opensOn: "2026-03-15", closesOn: "2026-03-15" })
        .fieldErrors,
    ).toEqual({});
  });
});

describe("question form", () => {
  it("needs at least two different options for a choice question", () => {
    expect(
      checkQuestion({ type: "single", prompt: "Hvem?", options: "Bare én" }).fieldErrors,
    ).toEqual({ options: `${E}.optionsTooFew` });
    expect(
      checkQuestion({ type: "multiple", prompt: "Hvem?", options: "Ja\n\n  ja \nNei" }).fieldErrors,
    ).toEqual({ options: `${E}.optionsDuplicate` });
    const ok = checkQuestion({
      type: "single",
      prompt: "Hvem?",
      options: "Ja\r\n\r\nNei\n",
      required: "on",
      theme: "Bakgrunn",
    });
    expect(ok.fieldErrors).toEqual({});
    expect(ok.values).toMatchObject({
      type: "single",
      theme: "Bakgrunn",
      required: true,
      options: [
        { key: "o1", label: "Ja" },
        { key: "o2", label: "Nei" },
      ],
    });
  });

  it("refuses a least value above the greatest, and text instead of a number", () => {
    expect(
      checkQuestion({ type: "number", prompt: "Antall år", minValue: "10", maxValue: "2" })
        .fieldErrors,
    ).toEqual({ maxValue: `${E}.minAboveMax` });
    expect(
      checkQuestion({ type: "number", prompt: "Antall år", minValue: "ti" }).fieldErrors,
    ).toEqual({ minValue: `${E}.numberLimit` });
    const ok = checkQuestion({
      type: "number",
      prompt: "Antall år",
      minValue: "0",
      maxValue: "50",
    });
    expect(ok.values).toMatchObject({ minValue: 0, maxValue: 50, options: [] });
  });

  it("gives a Likert question the five fixed points, and needs a type and a prompt", () => {
    expect(checkQuestion({ type: "likert", prompt: "Jeg er trygg" }).values.options).toEqual(
      likertOptions,
    );
    expect(likertOptions.map((option) => option.label)).toEqual([
      "Helt uenig",
      "Litt uenig",
      "Verken enig eller uenig",
      "Litt enig",
      "Helt enig",
    ]);
    expect(checkQuestion({ type: "scale", prompt: "" }).fieldErrors).toEqual({
      type: `${E}.questionType`,
      prompt: `${E}.prompt`,
    });
  });

  it("keeps an option's key while its label is unchanged, so answers keep their meaning", () => {
    const previous = [
      { key: "o1", label: "Ja" },
      { key: "o2", label: "Nei" },
    ];
    expect(optionsFromLines(["Nei", "Vet ikke", "ja"], previous)).toEqual([
      { key: "o2", label: "Nei" },
      { key: "o3", label: "Vet ikke" },
      { key: "o1", label: "ja" },
    ]);
  });
});

describe("versioning decisions", () => {
  const stored = checkQuestion({
    type: "likert",
    prompt: "Jeg er trygg",
    theme: "Samtalen",
  }).values;

  it("edits in place without answers, makes a new version with answers, does nothing unchanged", () => {
    const edited = { ...stored, prompt: "Jeg er trygg i samtalen" };
    expect(questionChanged(stored, edited)).toBe(true);
    expect(questionChanged(stored, { ...stored })).toBe(false);
    expect(editDecision({ hasAnswers: false, changed: true })).toBe("in_place");
    expect(editDecision({ hasAnswers: true, changed: true })).toBe("new_version");
    expect(editDecision({ hasAnswers: true, changed: false })).toBe("unchanged");
    // Making it required changes what an answer means too: a new version.
    expect(questionChanged(stored, { ...stored, required: !stored.required })).toBe(true);
  });

  it("deletes an unanswered question and only retires an answered one", () => {
    expect(removalDecision(false)).toBe("delete");
    expect(removalDecision(true)).toBe("retire");
  });

  it("says what stops a survey from opening", () => {
    const base = {
      status: "draft",
      audience: "staff" as const,
      questionCount: 3,
      targetCount: 1,
      trainingEventId: null,
      closesOn: null,
      today: "2026-03-01",
    };
    expect(openingProblems(base)).toEqual({});
    expect(openingProblems({ ...base, questionCount: 0, targetCount: 0 })).toEqual({
      questions: `${E}.noQuestions`,
      targets: `${E}.noTargets`,
    });
    // A link survey and an event survey need no targets.
    expect(openingProblems({ ...base, audience: "link", targetCount: 0 })).toEqual({});
    expect(openingProblems({ ...base, targetCount: 0, trainingEventId: "x" })).toEqual({});
    expect(openingProblems({ ...base, closesOn: "2026-02-28" })).toEqual({
      closesOn: `${E}.closesPassed`,
    });
    expect(openingProblems({ ...base, status: "open" })).toEqual({ _form: `${E}.notDraft` });
  });
});

describe("answers", () => {
  const questions: AnswerQuestion[] = [
    {
      id: "a",
      type: "single",
      options: [
        { key: "o1", label: "Ja" },
        { key: "o2", label: "Nei" },
      ],
      required: true,
      minValue: null,
      maxValue: null,
    },
    {
      id: "b",
      type: "multiple",
      options: [
        { key: "o1", label: "Logg" },
        { key: "o2", label: "Veileder" },
        { key: "o3", label: "Nettverk" },
      ],
      required: false,
      minValue: null,
      maxValue: null,
    },
    {
      id: "c",
      type: "likert",
      options: likertOptions,
      required: true,
      minValue: null,
      maxValue: null,
    },
    { id: "d", type: "number", options: [], required: false, minValue: 0, maxValue: 40 },
    { id: "e", type: "text", options: [], required: false, minValue: null, maxValue: null },
  ];

  it("turns a good form into answer rows and leaves unanswered optional questions out", () => {
    const draft = draftFromForm(questions, {
      [answerField("a")]: "o2",
      [answerField("b")]: ["o1", "o3"],
      [answerField("c")]: "4",
      [answerField("d")]: " 12 ",
      [answerField("e")]: "  ",
      unrelated: "x",
    });
    expect(draft).toEqual({ a: "o2", b: ["o1", "o3"], c: "4", d: " 12 " });
    const { answers, fieldErrors } = checkAnswers(questions, draft);
    expect(fieldErrors).toEqual({});
    expect(answers).toEqual([
      { questionId: "a", choiceKeys: ["o2"], numberValue: null, textValue: null },
      { questionId: "b", choiceKeys: ["o1", "o3"], numberValue: null, textValue: null },
      { questionId: "c", choiceKeys: null, numberValue: 4, textValue: null },
      { questionId: "d", choiceKeys: null, numberValue: 12, textValue: null },
    ]);
  });

  it("refuses missing required answers, unknown options, Likert outside 1–5 and numbers out of range", () => {
    expect(checkAnswers(questions, {}).fieldErrors).toEqual({
      [answerField("a")]: `${E}.answerChoose`,
      [answerField("c")]: `${E}.answerChoose`,
    });
    expect(
      checkAnswers(questions, { a: "o9", b: ["o1", "o7"], c: "6", d: "41", e: "Bra" }).fieldErrors,
    ).toEqual({
      [answerField("a")]: `${E}.answerOption`,
      [answerField("b")]: `${E}.answerOption`,
      [answerField("c")]: `${E}.answerOption`,
      [answerField("d")]: `${E}.answerRange`,
    });
    expect(checkAnswers(questions, { a: "o1", c: "3", d: "-1" }).fieldErrors).toEqual({
      [answerField("d")]: `${E}.answerRange`,
    });
    expect(checkAnswers(questions, { a: "o1", c: "3", d: "12,5" }).fieldErrors).toEqual({
      [answerField("d")]: `${E}.answerNumber`,
    });
    // One choice only on a single-choice question.
    expect(checkAnswers(questions, { a: ["o1", "o2"], c: "3" }).fieldErrors).toEqual({
      [answerField("a")]: `${E}.answerOption`,
    });
  });

  it("reads the respondent group from «Hvem svarer?» on link surveys; staff surveys are staff", () => {
    const who = surveyTemplates.user.questions[0]!;
    const question = { ...questions[0]!, id: "who", options: who.options! };
    expect(isRespondentGroupQuestion(question)).toBe(true);
    expect(isRespondentGroupQuestion(questions[0]!)).toBe(false);
    expect(
      respondentGroupOf(
        "link",
        [question],
        [{ questionId: "who", choiceKeys: ["youth"], numberValue: null, textValue: null }],
      ),
    ).toBe("youth");
    expect(respondentGroupOf("link", [question], [])).toBeNull();
    expect(respondentGroupOf("staff", [question], [])).toBe("staff");
  });
});

describe("reminders", () => {
  const invitedAt = new Date("2026-03-01T08:00:00Z");
  it("waits the interval from the invitation, then from the last reminder; never the answered", () => {
    const base = { answered: false, invitedAt, lastRemindedAt: null, intervalDays: 7 };
    expect(reminderDue({ ...base, now: new Date("2026-03-08T07:59:00Z") })).toBe(false);
    expect(reminderDue({ ...base, now: new Date("2026-03-08T08:00:00Z") })).toBe(true);
    expect(
      reminderDue({
        ...base,
        lastRemindedAt: new Date("2026-03-08T08:00:00Z"),
        now: new Date("2026-03-10T08:00:00Z"),
      }),
    ).toBe(false);
    expect(reminderDue({ ...base, answered: true, now: new Date("2026-04-01T08:00:00Z") })).toBe(
      false,
    );
  });
});

describe("templates", () => {
  it("covers the ten BTI themes with 2–3 Likert items each, plus a background question", () => {
    const bti = surveyTemplates.bti_staff;
    const likertThemes = new Map<string, number>();
    for (const question of bti.questions.filter((q) => q.type === "likert")) {
      likertThemes.set(question.theme, (likertThemes.get(question.theme) ?? 0) + 1);
    }
    expect([...likertThemes.keys()]).toEqual([
      "Kunnskap",
      "Å identifisere",
      "Samtalen med barn og foreldre",
      "Bekymring og undring",
      "Barn som pårørende",
      "Samarbeid",
      "Rutiner",
      "Barrierer",
      "Medvirkning",
      "Implementering",
    ]);
    for (const total of likertThemes.values()) expect(total).toBeGreaterThanOrEqual(2);
    for (const total of likertThemes.values()) expect(total).toBeLessThanOrEqual(3);
    expect(bti.questions[0]).toMatchObject({ theme: "Bakgrunn", type: "single" });
  });

  it("passes every template question through the same checks as a typed question", () => {
    for (const key of surveyTemplateKeys) {
      for (const question of surveyTemplates[key].questions) {
        const { fieldErrors } = checkQuestion({
          ...question,
          options: (question.options ?? []).map((option) => option.label).join("\n"),
        });
        expect(fieldErrors, `${key}: ${question.prompt}`).toEqual({});
      }
    }
    expect(surveyTemplates.user).toMatchObject({ audience: "link", plainLanguage: true });
  });
});
