import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { surveyTemplates, type TemplateQuestion } from "../core/evaluation/survey-templates.ts";
import { addDays, osloDate } from "../core/platform/dates.ts";
import { osloLocalToUtc } from "../core/relay-log/meeting-time.ts";
import type { Tx } from "./client.ts";
import {
  surveyAnswers,
  surveyInvitations,
  surveyQuestions,
  surveyResponses,
  surveys,
  surveyTargets,
  units,
  users,
} from "./schema/index.ts";

/**
 * Demo surveys for Fjordvik (issue 7), laid out around today, all answers fictional:
 *
 * - «BTI-undersøkelsen» round 1, closed about 13 months ago, and round 2, closed about a month
 *   ago and compared with round 1 (previousRoundId), both from the shipped BTI staff template
 *   (core/evaluation/survey-templates.ts), question for question with the same lineage. Round 2
 *   answers are better on every theme. Answers are spread over the units so most units have
 *   five or more, and Helsestasjonen i Fjordvik has exactly four in round 2: its figures are
 *   hidden («Skjult (færre enn 5 svar)»), and so is the next-smallest group that would give it
 *   away. One round 2 statement was reworded while the survey was open, so the results show the
 *   old wording apart («Tidligere formulering»).
 * - «Hvordan fungerer modellen?», open now with three answers (too few to show anything);
 *   ansatt@ and koordinator@ have not answered yet.
 *
 * The demo has only a few staff users, so invitations cover them; the other answers stand for
 * colleagues who are not users in the demo. Answers come from a seeded generator: every seed
 * gives the same figures.
 */
export async function seedDemoEvaluationSurveys(
  tx: Tx,
  input: { tenantId: string; unitIdByName: Map<string, string>; today?: string },
): Promise<void> {
  const { tenantId } = input;
  const today = input.today ?? osloDate();
  const staff = await tx
    .select({ id: users.id, email: users.email, roles: users.roles })
    .from(users)
    .where(eq(users.tenantId, tenantId));
  const coordinatorId = staff.find((u) => u.email === "koordinator@fjordvik.example")?.id ?? null;
  const invitees = staff.filter((u) => !u.roles.includes("admin"));
  const unitRows = await tx
    .select({ id: units.id, name: units.name, serviceType: units.serviceType })
    .from(units)
    .where(eq(units.tenantId, tenantId));
  const unitByName = new Map(unitRows.map((unit) => [unit.name, unit]));
  const random = seededRandom(20_260_501);
  const template = surveyTemplates.bti_staff;

  // ------------------------------------------------------------ BTI round 1 and round 2
  const lineages = template.questions.map(() => randomUUID());
  const round1 = await insertSurvey(tx, {
    tenantId,
    title: `${template.title} – runde 1`,
    introduction: template.introduction,
    template: template.key,
    status: "closed",
    opensOn: addDays(today, -425),
    closesOn: addDays(today, -397),
    previousRoundId: null,
    createdBy: coordinatorId,
  });
  const round2 = await insertSurvey(tx, {
    tenantId,
    title: `${template.title} – runde 2`,
    introduction: template.introduction,
    template: template.key,
    status: "closed",
    opensOn: addDays(today, -58),
    closesOn: addDays(today, -30),
    previousRoundId: round1.id,
    createdBy: coordinatorId,
  });
  const questions1 = await insertQuestions(tx, tenantId, round1.id, template.questions, lineages);
  const questions2 = await insertQuestions(tx, tenantId, round2.id, template.questions, lineages);

  // Round 2: the statement about the model was reworded after the first answers came in.
  const reworded = template.questions.findIndex((q) => q.prompt.includes("BTI-modellen (bedre"));
  await tx
    .update(surveyQuestions)
    .set({ version: 2 })
    .where(eq(surveyQuestions.id, questions2[reworded]!.id));
  const [oldWording] = await tx
    .insert(surveyQuestions)
    .values({
      ...questionValues(tenantId, round2.id, template.questions[reworded]!, reworded),
      lineageId: lineages[reworded]!,
      version: 1,
      prompt: "Jeg vet hva BTI-modellen går ut på.",
      retiredAt: osloLocalToUtc(addDays(today, -52), "12:00"),
    })
    .returning({ id: surveyQuestions.id });

  const responsesPerUnit1: [string, number][] = [
    ["Solsikken barnehage", 6],
    ["Måkeberget barnehage", 5],
    ["Fjordvik skole", 8],
    ["Nordstrand ungdomsskole", 5],
    ["Fjordvik videregående skole", 3],
    ["Helsestasjonen i Fjordvik", 5],
    ["PPT Fjordvik", 5],
    ["Barneverntjenesten i Fjordvik", 5],
  ];
  const responsesPerUnit2: [string, number][] = [
    ["Solsikken barnehage", 7],
    ["Måkeberget barnehage", 6],
    ["Fjordvik skole", 9],
    ["Nordstrand ungdomsskole", 6],
    ["Fjordvik videregående skole", 6],
    ["Helsestasjonen i Fjordvik", 4],
    ["PPT Fjordvik", 5],
    ["Barneverntjenesten i Fjordvik", 6],
    ["Familiens hus Fjordvik", 5],
  ];
  const freeTexts1 = [
    "Hvordan jeg tar opp en uro med foreldrene.",
    "Mer om stafettloggen og hvem som har ansvaret.",
    "Barn som pårørende.",
    "Hva som skal til før vi melder til barnevernet.",
    "Opplæring i undringssamtalen.",
    "Samtykke og taushetsplikt når vi samarbeider.",
  ];
  const freeTexts2 = [
    "Mer praktisk øving i samtaler med ungdom.",
    "Hvordan vi følger opp barn som flytter mellom tjenester.",
    "Barn som pårørende, særlig når en forelder ruser seg.",
    "Stafettloggen for nyansatte.",
    "Samtaler med foreldre som ikke snakker norsk.",
    "Hvordan vi involverer barna i planen.",
    "Mer om BTS-nettverket.",
    "Taushetsplikt og samtykke i praksis.",
  ];

  await insertResponses(tx, {
    tenantId,
    surveyId: round1.id,
    questions: questions1,
    template: template.questions,
    perUnit: responsesPerUnit1,
    unitByName,
    level: 3.1,
    random,
    freeTexts: freeTexts1,
    submittedFrom: addDays(today, -425),
    days: 27,
  });
  await insertResponses(tx, {
    tenantId,
    surveyId: round2.id,
    questions: questions2,
    template: template.questions,
    perUnit: responsesPerUnit2,
    unitByName,
    level: 3.7,
    random,
    freeTexts: freeTexts2,
    submittedFrom: addDays(today, -58),
    days: 27,
    // The first six answers to the reworded statement went to its old wording.
    oldWording: { index: reworded, questionId: oldWording!.id, count: 6 },
  });
  for (const survey of [round1, round2]) {
    await tx.insert(surveyTargets).values({ tenantId, surveyId: survey.id });
    if (invitees.length > 0) {
      await tx.insert(surveyInvitations).values(
        invitees.map((person, index) => ({
          tenantId,
          surveyId: survey.id,
          userId: person.id,
          invitedAt: osloLocalToUtc(survey.opensOn!, "08:00"),
          // Most of the demo staff answered; one in five did not, even after a reminder.
          answered: index % 5 !== 4,
          remindersSent: index % 5 === 4 ? 1 : 0,
        })),
      );
    }
  }

  // ------------------------------------------------------------ the yearly survey, open now
  const yearly = surveyTemplates.yearly_model;
  const open = await insertSurvey(tx, {
    tenantId,
    title: yearly.title,
    introduction: yearly.introduction,
    template: yearly.key,
    status: "open",
    opensOn: addDays(today, -10),
    closesOn: addDays(today, 21),
    previousRoundId: null,
    createdBy: coordinatorId,
  });
  const openQuestions = await insertQuestions(
    tx,
    tenantId,
    open.id,
    yearly.questions,
    yearly.questions.map(() => randomUUID()),
  );
  await tx.insert(surveyTargets).values({ tenantId, surveyId: open.id });
  const answeredOpen = new Set([
    "leder@fjordvik.example",
    "bts@fjordvik.example",
    "helsesykepleier@fjordvik.example",
  ]);
  if (invitees.length > 0) {
    await tx.insert(surveyInvitations).values(
      invitees.map((person) => ({
        tenantId,
        surveyId: open.id,
        userId: person.id,
        invitedAt: osloLocalToUtc(open.opensOn!, "08:00"),
        answered: answeredOpen.has(person.email),
      })),
    );
  }
  await insertResponses(tx, {
    tenantId,
    surveyId: open.id,
    questions: openQuestions,
    template: yearly.questions,
    perUnit: [
      ["Fjordvik skole", 1],
      ["Solsikken barnehage", 1],
      ["Helsestasjonen i Fjordvik", 1],
    ],
    unitByName,
    level: 3.8,
    random,
    freeTexts: ["Stafettloggen gjør samarbeidet lettere.", "Kortere skjemaer."],
    submittedFrom: addDays(today, -9),
    days: 8,
  });
}

// ---------------------------------------------------------------- helpers

/** mulberry32: a small seeded generator, so the demo's answers are the same on every seed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

async function insertSurvey(
  tx: Tx,
  values: {
    tenantId: string;
    title: string;
    introduction: string;
    template: string;
    status: "open" | "closed";
    opensOn: string;
    closesOn: string;
    previousRoundId: string | null;
    createdBy: string | null;
  },
) {
  const [row] = await tx
    .insert(surveys)
    .values({
      ...values,
      audience: "staff",
      reminderIntervalDays: 7,
      openedAt: osloLocalToUtc(values.opensOn, "08:00"),
      closedAt: values.status === "closed" ? osloLocalToUtc(values.closesOn, "16:00") : null,
      createdAt: osloLocalToUtc(addDays(values.opensOn, -7), "10:00"),
    })
    .returning();
  return row!;
}

function questionValues(
  tenantId: string,
  surveyId: string,
  question: TemplateQuestion,
  index: number,
) {
  return {
    tenantId,
    surveyId,
    position: index + 1,
    theme: question.theme,
    type: question.type,
    prompt: question.prompt,
    help: question.help ?? "",
    options: question.options ?? [],
    required: question.required ?? false,
    minValue: question.minValue ?? null,
    maxValue: question.maxValue ?? null,
  };
}

async function insertQuestions(
  tx: Tx,
  tenantId: string,
  surveyId: string,
  questions: TemplateQuestion[],
  lineages: string[],
) {
  return tx
    .insert(surveyQuestions)
    .values(
      questions.map((question, index) => ({
        ...questionValues(tenantId, surveyId, question, index),
        lineageId: lineages[index]!,
      })),
    )
    .returning({ id: surveyQuestions.id });
}

type AnswerRow = typeof surveyAnswers.$inferInsert;

/** Some themes sit a little above or below the respondent's level (the seeds' weak spots). */
const themeOffset: Record<string, number> = {
  Kunnskap: 0.3,
  "Å identifisere": 0.1,
  "Samtalen med barn og foreldre": -0.1,
  "Bekymring og undring": 0.2,
  "Barn som pårørende": -0.5,
  Samarbeid: 0.2,
  Rutiner: 0,
  Barrierer: -0.6,
  Medvirkning: 0.1,
  Implementering: -0.2,
};

async function insertResponses(
  tx: Tx,
  input: {
    tenantId: string;
    surveyId: string;
    questions: { id: string }[];
    template: TemplateQuestion[];
    perUnit: [string, number][];
    unitByName: Map<string, { id: string; serviceType: string }>;
    /** The mean Likert answer this round is centred on. */
    level: number;
    random: () => number;
    freeTexts: string[];
    submittedFrom: string;
    days: number;
    oldWording?: { index: number; questionId: string; count: number };
  },
): Promise<void> {
  const { random } = input;
  let written = 0;
  let textsLeft = [...input.freeTexts];
  for (const [unitName, count] of input.perUnit) {
    const unit = input.unitByName.get(unitName);
    if (!unit) continue;
    for (let n = 0; n < count; n += 1) {
      const [response] = await tx
        .insert(surveyResponses)
        .values({
          tenantId: input.tenantId,
          surveyId: input.surveyId,
          unitId: unit.id,
          serviceType: unit.serviceType,
          respondentGroup: "staff",
          submittedOn: addDays(input.submittedFrom, Math.floor(random() * input.days)),
        })
        .returning({ id: surveyResponses.id });
      const person = input.level + (random() - 0.5) * 1.6;
      const answers = input.template.flatMap((question, index): AnswerRow[] => {
        let questionId = input.questions[index]!.id;
        if (input.oldWording?.index === index && written < input.oldWording.count) {
          questionId = input.oldWording.questionId;
        }
        const base = {
          tenantId: input.tenantId,
          surveyId: input.surveyId,
          responseId: response!.id,
        };
        switch (question.type) {
          case "likert": {
            const value = person + (themeOffset[question.theme] ?? 0) + (random() - 0.5) * 1.4;
            return [
              { ...base, questionId, numberValue: Math.min(5, Math.max(1, Math.round(value))) },
            ];
          }
          case "single":
          case "multiple": {
            const options = question.options ?? [];
            if (options.length === 0) return [];
            const first = options[Math.floor(random() * options.length)]!.key;
            const keys =
              question.type === "multiple"
                ? [...new Set([first, options[Math.floor(random() * options.length)]!.key])]
                : [first];
            return [{ ...base, questionId, choiceKeys: keys }];
          }
          case "text": {
            if (textsLeft.length === 0 || random() < 0.5) return [];
            const [text, ...rest] = textsLeft;
            textsLeft = rest;
            return [{ ...base, questionId, textValue: text! }];
          }
          default:
            return [];
        }
      });
      if (answers.length > 0) await tx.insert(surveyAnswers).values(answers);
      written += 1;
    }
  }
}
