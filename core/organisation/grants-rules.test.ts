import { describe, expect, it } from "vitest";
import { nb } from "../../i18n/nb.ts";
import { translator } from "../../i18n/index.ts";
import { AppError } from "../errors.ts";
import {
  deadlineSchema,
  expenseSchema,
  grantSchema,
  lineSchema,
  parseWithRules,
} from "./grants-input.ts";
import {
  budgetComparisonText,
  compareBudget,
  dateText,
  deadlineState,
  grantPeriodText,
  grantRuleErrors,
  grantTotals,
  lineLabels,
  lineSummary,
  nextDeadline,
  reminderDay,
  reminderDue,
} from "./grants-rules.ts";

const kr = (kroner: number) => kroner * 100;

function fieldErrors(work: () => unknown): Record<string, string> {
  try {
    work();
  } catch (error) {
    if (error instanceof AppError) return error.fieldErrors ?? {};
    throw error;
  }
  throw new Error("expected a validation error");
}

describe("budget sums", () => {
  it("tells what is left on a line and marks overspending", () => {
    expect(lineSummary({ plannedOre: kr(5_000), spentOre: kr(5_350) })).toEqual({
      plannedOre: kr(5_000),
      spentOre: kr(5_350),
      remainingOre: kr(-350),
      overspent: true,
    });
    expect(lineSummary({ plannedOre: kr(5_000), spentOre: kr(5_000) }).overspent).toBe(false);
  });

  it("compares the budget with the granted amount (Strand: 502 470 against 500 000)", () => {
    const lines = [262_470, 150_000, 15_000, 5_000, 70_000].map((planned) => ({
      plannedOre: kr(planned),
      spentOre: 0,
    }));
    const totals = grantTotals(lines, kr(500_000));
    expect(totals.plannedOre).toBe(kr(502_470));
    expect(totals.budget).toEqual({ kind: "over", differenceOre: kr(2_470) });
    expect(totals.leftOfGrantedOre).toBe(kr(500_000));
    expect(totals.leftOfBudgetOre).toBe(kr(502_470));
    const t = translator("nb");
    expect(budgetComparisonText(t, totals.budget)).toBe(
      "Budsjettet er 2\u00a0470\u00a0kr over innvilget beløp.",
    );
    expect(compareBudget(kr(100), kr(300))).toEqual({ kind: "under", differenceOre: kr(200) });
    expect(compareBudget(kr(100), kr(100))).toEqual({ kind: "equal" });
    expect(compareBudget(kr(100), null)).toEqual({ kind: "none" });
  });

  it("counts what is left of the budget and of the granted amount apart", () => {
    const lines = [{ plannedOre: kr(1_000), spentOre: kr(400) }];
    expect(grantTotals(lines, kr(800))).toMatchObject({
      leftOfBudgetOre: kr(600),
      overBudget: false,
      leftOfGrantedOre: kr(400),
      overGranted: false,
    });
    // Nothing granted yet: nothing left «of granted», never overspent against it.
    expect(grantTotals(lines, null)).toMatchObject({
      leftOfBudgetOre: kr(600),
      leftOfGrantedOre: null,
      overGranted: false,
    });
    expect(grantTotals([{ plannedOre: kr(1_000), spentOre: kr(900) }], kr(800))).toMatchObject({
      leftOfBudgetOre: kr(100),
      overBudget: false,
      leftOfGrantedOre: kr(-100),
      overGranted: true,
    });
    expect(grantTotals([{ plannedOre: kr(500), spentOre: kr(600) }], kr(800))).toMatchObject({
      overBudget: true,
      overGranted: false,
    });
    expect(grantTotals([], null)).toMatchObject({
      plannedOre: 0,
      spentOre: 0,
      leftOfBudgetOre: 0,
      leftOfGrantedOre: null,
    });
  });

  it("names the two «left» amounts with different words in every language", () => {
    for (const language of ["nb", "nn", "en"] as const) {
      const t = translator(language);
      const ofBudget = t("organisation.grants.budget.columns.remaining");
      const ofGranted = t("organisation.grants.columns.remaining");
      expect(ofBudget, language).not.toBe(ofGranted);
      expect(t("organisation.grants.report.spentOfGranted"), language).toContain(ofGranted);
      expect(t("organisation.grants.line.summary").toLowerCase(), language).toContain(
        ofBudget.toLowerCase(),
      );
    }
    expect(nb.organisation.grants.budget.columns.remaining).toBe("Igjen av budsjett");
    expect(nb.organisation.grants.columns.remaining).toBe("Igjen av innvilget");
  });

  it("gives every budget line a name of its own for its links", () => {
    const t = translator("nb");
    const labels = lineLabels(t, [
      { id: "a", category: "catering", description: "Lunsj kick-off" },
      { id: "b", category: "catering", description: "Kaffe og frukt" },
      { id: "c", category: "other", description: "" },
      { id: "d", category: "other", description: "  " },
      { id: "e", category: "venues", description: "Leie" },
    ]);
    expect(Object.fromEntries(labels)).toEqual({
      a: "Bevertning: Lunsj kick-off",
      b: "Bevertning: Kaffe og frukt",
      c: "Annet (1)",
      d: "Annet (2)",
      e: "Leie av lokaler: Leie",
    });
    expect(new Set(labels.values()).size).toBe(5);
  });
});

describe("reporting deadlines", () => {
  const deadline = { dueOn: "2026-05-31", remindDaysBefore: 14, submittedOn: null };

  it("tells the state in Norway's calendar", () => {
    expect(deadlineState(deadline, "2026-05-01")).toBe("upcoming");
    expect(deadlineState(deadline, "2026-05-17")).toBe("due_soon");
    expect(deadlineState(deadline, "2026-05-31")).toBe("due_soon");
    expect(deadlineState(deadline, "2026-06-01")).toBe("overdue");
    expect(deadlineState({ ...deadline, submittedOn: "2026-06-02" }, "2026-06-10")).toBe(
      "submitted",
    );
  });

  it("reminds once, from the due date minus the days before", () => {
    expect(reminderDay(deadline)).toBe("2026-05-17");
    expect(reminderDue(deadline, "2026-05-16")).toBe(false);
    expect(reminderDue(deadline, "2026-05-17")).toBe(true);
    expect(reminderDue(deadline, "2026-07-01")).toBe(true);
    expect(reminderDue({ ...deadline, remindedAt: new Date() }, "2026-05-20")).toBe(false);
    expect(reminderDue({ ...deadline, submittedOn: "2026-05-10" }, "2026-05-20")).toBe(false);
    expect(reminderDue({ ...deadline, remindDaysBefore: 0 }, "2026-05-30")).toBe(false);
    expect(reminderDue({ ...deadline, remindDaysBefore: 0 }, "2026-05-31")).toBe(true);
  });

  it("shows the earliest deadline not submitted as the next one", () => {
    const list = [
      { id: "a", dueOn: "2026-03-01", remindDaysBefore: 14, submittedOn: "2026-02-27" },
      { id: "b", dueOn: "2026-09-01", remindDaysBefore: 14, submittedOn: null },
      { id: "c", dueOn: "2026-04-01", remindDaysBefore: 14, submittedOn: null },
    ];
    expect(nextDeadline(list)?.id).toBe("c");
    expect(nextDeadline([list[0]!])).toBeNull();
  });
});

describe("the rules between a grant's fields", () => {
  it("refuses a period that ends before it starts, and a decision before the application", () => {
    expect(
      grantRuleErrors({
        periodStart: "2026-08-01",
        periodEnd: "2026-07-31",
        appliedOn: "2026-03-01",
        decidedOn: "2026-02-01",
      }),
    ).toEqual({
      periodEnd: "organisation.grants.errors.periodOrder",
      decidedOn: "organisation.grants.errors.decidedBeforeApplied",
    });
    expect(grantRuleErrors({ periodStart: "2026-08-01", periodEnd: "2026-08-01" })).toEqual({});
    // A date that is no date gets its own message from the schema, not a rule's.
    expect(grantRuleErrors({ periodStart: "2026-08-01", periodEnd: "31.07.2026" })).toEqual({});
  });

  it("needs a granted amount and a decision date once the grant is granted", () => {
    expect(grantRuleErrors({ status: "granted" })).toEqual({
      grantedAmount: "organisation.grants.errors.grantedAmountRequired",
      decidedOn: "organisation.grants.errors.decidedOnRequired",
    });
    expect(
      grantRuleErrors({ status: "granted", grantedAmount: "500 000", decidedOn: "2026-02-01" }),
    ).toEqual({});
    expect(grantRuleErrors({ status: "applied" })).toEqual({});
  });

  it("parses a whole grant and gives every message at once", () => {
    const values = {
      name: "Tilskudd til BTS",
      grantor: "Bufdir",
      status: "granted",
      appliedAmount: "kr 502 470",
      grantedAmount: "",
      periodStart: "2026-08-01",
      periodEnd: "2026-01-01",
    };
    expect(fieldErrors(() => parseWithRules(grantSchema, values, grantRuleErrors(values)))).toEqual(
      {
        grantedAmount: "organisation.grants.errors.grantedAmountRequired",
        decidedOn: "organisation.grants.errors.decidedOnRequired",
        periodEnd: "organisation.grants.errors.periodOrder",
      },
    );
    const good = { ...values, grantedAmount: "500 000", decidedOn: "2026-02-01", periodEnd: "" };
    expect(parseWithRules(grantSchema, good, grantRuleErrors(good))).toMatchObject({
      appliedAmount: kr(502_470),
      grantedAmount: kr(500_000),
      periodEnd: null,
      contactUserId: null,
      reference: "",
    });
  });
});

describe("amounts in the forms", () => {
  it("refuses a negative planned amount with the Norwegian message", () => {
    const errors = fieldErrors(() =>
      parseWithRules(lineSchema, { category: "catering", planned: "-5 000" }, {}),
    );
    expect(errors).toEqual({ planned: "organisation.grants.money.negative" });
    expect(nb.organisation.grants.money.negative).toBe("Beløpet kan ikke være negativt.");
  });

  it("refuses what is not an amount, and a missing one", () => {
    expect(
      fieldErrors(() => parseWithRules(lineSchema, { category: "venues", planned: "mye" }, {})),
    ).toEqual({ planned: "organisation.grants.money.format" });
    expect(nb.organisation.grants.money.format).toBe(
      "Skriv et beløp i kroner, for eksempel 15 000.",
    );
    expect(fieldErrors(() => parseWithRules(lineSchema, { category: "venues" }, {}))).toEqual({
      planned: "organisation.grants.errors.plannedRequired",
    });
    expect(
      fieldErrors(() => parseWithRules(lineSchema, { category: "party", planned: "1" }, {})),
    ).toEqual({ category: "organisation.grants.errors.category" });
  });

  it("accepts zero as a plan but not as an expense", () => {
    expect(parseWithRules(lineSchema, { category: "other", planned: "0" }, {}).planned).toBe(0);
    expect(
      fieldErrors(() =>
        parseWithRules(
          expenseSchema,
          { spentOn: "2026-03-01", amount: "0", description: "Kaffe" },
          {},
        ),
      ),
    ).toEqual({ amount: "organisation.grants.money.zero" });
    expect(
      parseWithRules(
        expenseSchema,
        { spentOn: "2026-03-01", amount: "5 000,50", description: "Kaffe" },
        {},
      ),
    ).toEqual({ spentOn: "2026-03-01", amount: 500_050, description: "Kaffe" });
  });

  it("reads the reminder days, 14 when left empty", () => {
    const base = { title: "Rapport", dueOn: "2026-05-31" };
    expect(parseWithRules(deadlineSchema, base, {}).remindDaysBefore).toBe(14);
    expect(parseWithRules(deadlineSchema, { ...base, remindDaysBefore: "0" }, {})).toMatchObject({
      remindDaysBefore: 0,
      submittedOn: null,
    });
    for (const remindDaysBefore of ["-1", "366", "to uker", "1.5"]) {
      expect(
        fieldErrors(() => parseWithRules(deadlineSchema, { ...base, remindDaysBefore }, {})),
        remindDaysBefore,
      ).toEqual({ remindDaysBefore: "organisation.grants.errors.remindDays" });
    }
  });
});

describe("texts", () => {
  it("writes dates and periods the Norwegian way", () => {
    const t = translator("nb");
    expect(dateText("2026-03-14")).toBe("14.03.2026");
    expect(grantPeriodText(t, "2026-01-01", "2026-12-31")).toBe("01.01.2026 – 31.12.2026");
    expect(grantPeriodText(t, "2026-01-01", null)).toBe("Fra 01.01.2026");
    expect(grantPeriodText(t, null, null)).toBe("Ikke satt");
  });
});
