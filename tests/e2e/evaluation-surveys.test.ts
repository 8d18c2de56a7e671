import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { surveyTemplates } from "../../core/evaluation/survey-templates.ts";
import { nb } from "../../i18n/nb.ts";
import {
  checkA11y,
  expectPage,
  fill,
  launchBrowser,
  loginAs,
  openSession,
  sharedLaget,
  uniqueName,
  visit,
  type Session,
} from "../support/e2e.ts";

const COORDINATOR = "koordinator@fjordvik.example";
// Emma Eksempel, employee of Fjordvik skole (db/seed-demo.ts).
const EMPLOYEE = "ansatt@fjordvik.example";
const t = nb.evaluation.surveys;
const bti = surveyTemplates.bti_staff;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * Answers every radio group of the answer form not yet answered: «Litt enig» on a scale, else the
 * first option. One round trip to the page (the BTI survey has two dozen groups).
 */
async function answerAll(page: Page) {
  await page.getByRole("main").evaluate((main) => {
    for (const fieldset of main.querySelectorAll("fieldset")) {
      const radios = [...fieldset.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
      if (radios.length === 0 || radios.some((radio) => radio.checked)) continue;
      const agree = radios.find((radio) => radio.labels?.[0]?.textContent?.trim() === "Litt enig");
      (agree ?? radios[0]!).click();
    }
  });
}

describe("surveys in the browser", () => {
  const server = sharedLaget();
  const sessions: Session[] = [];
  async function session(): Promise<Session> {
    const opened = await openSession(browser, server);
    sessions.push(opened);
    return opened;
  }
  afterEach(async () => {
    const problems = sessions.flatMap((opened) => opened.problems);
    for (const opened of sessions.splice(0)) await opened.close();
    expect(problems, "errors in the browser console").toEqual([]);
  });

  it("a coordinator builds the BTI survey and opens it; an employee saves a draft, comes back and sends it", async () => {
    const { page: coordinator } = await session();
    await loginAs(coordinator, COORDINATOR);
    await visit(coordinator, "/evaluering/undersokelser");
    await expectPage(coordinator, { path: "/evaluering/undersokelser", heading: t.list.title });
    await coordinator.getByRole("link", { name: t.list.new }).click();
    await expectPage(coordinator, {
      path: "/evaluering/undersokelser/ny",
      heading: t.create.title,
    });

    // From the BTI template, with a title of its own.
    const title = uniqueName("BTI-undersøkelsen høst");
    await coordinator
      .getByRole("radio", {
        name: new RegExp(`^${t.templates.bti_staff.name.replace(/[()]/g, "\\$&")}`),
      })
      .check();
    await coordinator.getByRole("main").getByLabel(t.create.titleLabel).fill(title);
    await coordinator.getByRole("button", { name: t.create.submit }).click();
    await expectPage(coordinator, {
      path: /^\/evaluering\/undersokelser\/[0-9a-f-]{36}\?melding=evaluation\.surveys\.notices\.created$/,
      heading: title,
    });
    const surveyPath = new URL(coordinator.url()).pathname;
    const surveyId = surveyPath.split("/").pop()!;
    await coordinator.getByRole("heading", { name: bti.questions[1]!.prompt, level: 3 }).waitFor();

    // A bad edit keeps what was typed: a choice question needs two options.
    await coordinator
      .getByRole("link", {
        name: `${t.builder.edit}: ${fill(t.builder.questionNumber, { number: 2 })}`,
        exact: true,
      })
      .click();
    await coordinator.getByRole("heading", { name: t.builder.editHeading }).waitFor();
    await checkA11y(coordinator);
    const reworded = "Jeg kjenner godt til tegn på at et barn ikke har det bra.";
    await coordinator.getByRole("main").getByLabel(t.questionFields.prompt).fill(reworded);
    await coordinator
      .getByRole("main")
      .getByLabel(t.questionFields.type)
      .selectOption({ label: t.types.single });
    await coordinator.getByRole("main").getByLabel(t.questionFields.options).fill("Bare ett");
    await coordinator.getByRole("button", { name: t.builder.saveQuestion }).click();
    await coordinator.getByRole("link", { name: t.errors.optionsTooFew }).waitFor();
    await checkA11y(coordinator);
    expect(
      await coordinator.getByRole("main").getByLabel(t.questionFields.prompt).inputValue(),
    ).toBe(reworded);
    // Back to a scale, saved: no answers yet, so edited in place.
    await coordinator
      .getByRole("main")
      .getByLabel(t.questionFields.type)
      .selectOption({ label: t.types.likert });
    await coordinator.getByRole("button", { name: t.builder.saveQuestion }).click();
    await expectPage(coordinator, {
      path: `${surveyPath}?melding=evaluation.surveys.notices.questionSaved`,
      heading: title,
    });
    await coordinator.getByRole("heading", { name: reworded, level: 3 }).waitFor();

    // Opening without recipients is refused with the reason.
    await coordinator.getByRole("button", { name: t.builder.open }).click();
    await coordinator.getByRole("link", { name: t.errors.noTargets }).waitFor();
    await checkA11y(coordinator);

    // Fjordvik skole, all roles; then open.
    await coordinator.getByRole("checkbox", { name: "Fjordvik skole", exact: true }).check();
    await coordinator.getByRole("button", { name: t.builder.saveTargets }).click();
    await expectPage(coordinator, {
      path: `${surveyPath}?melding=evaluation.surveys.notices.targetsSaved`,
      heading: title,
    });
    await coordinator.getByRole("button", { name: t.builder.open }).click();
    await expectPage(coordinator, {
      path: /melding=evaluation\.surveys\.notices\.opened/,
      heading: title,
    });
    await coordinator.getByRole("status").waitFor();

    // The employee finds it under «Undersøkelser».
    const { page: employee } = await session();
    await loginAs(employee, EMPLOYEE);
    await employee
      .getByRole("navigation", { name: nb.nav.main })
      .getByRole("link", { name: t.navLabel, exact: true })
      .click();
    await expectPage(employee, { path: "/undersokelser", heading: t.staff.title });
    const item = employee.getByRole("listitem").filter({ hasText: title });
    await item.getByText(t.staff.states.notAnswered).waitFor();
    await employee.getByRole("link", { name: title }).click();
    await expectPage(employee, { path: `/undersokelser/${surveyId}`, heading: title });
    await employee.getByRole("group", { name: reworded }).waitFor();

    // Half-way: one answer and a comment, saved as a draft.
    await employee
      .getByRole("group", { name: bti.questions[0]!.prompt })
      .getByRole("radio", { name: "2–5 år" })
      .check();
    const wish = "Mer om samtalen med foreldre.";
    await employee.getByRole("main").getByLabel(bti.questions.at(-1)!.prompt).fill(wish);
    await employee.getByRole("button", { name: t.answer.saveDraft }).click();
    await expectPage(employee, {
      path: `/undersokelser/${surveyId}?melding=evaluation.surveys.answer.draftSaved`,
      heading: title,
    });

    // Coming back later: the list says so, and the form is as it was left.
    await visit(employee, "/undersokelser");
    await employee
      .getByRole("listitem")
      .filter({ hasText: title })
      .getByText(t.staff.states.draft)
      .waitFor();
    await employee.getByRole("link", { name: title }).click();
    await expectPage(employee, { path: `/undersokelser/${surveyId}`, heading: title });
    await employee.getByText(t.answer.draftLoaded).waitFor();
    expect(
      await employee
        .getByRole("group", { name: bti.questions[0]!.prompt })
        .getByRole("radio", { name: "2–5 år" })
        .isChecked(),
    ).toBe(true);
    expect(
      await employee.getByRole("main").getByLabel(bti.questions.at(-1)!.prompt).inputValue(),
    ).toBe(wish);

    // Sending too early names what is missing and keeps everything typed.
    await employee.getByRole("button", { name: t.answer.submit }).click();
    await employee.getByRole("link", { name: t.errors.answerChoose }).first().waitFor();
    await checkA11y(employee);
    expect(
      await employee.getByRole("main").getByLabel(bti.questions.at(-1)!.prompt).inputValue(),
    ).toBe(wish);

    await answerAll(employee);
    await employee.getByRole("button", { name: t.answer.submit }).click();
    await expectPage(employee, {
      path: `/undersokelser/${surveyId}?takk=1`,
      heading: t.answer.thanksTitle,
    });
    await visit(employee, "/undersokelser");
    await employee
      .getByRole("listitem")
      .filter({ hasText: title })
      .getByText(t.staff.states.answered)
      .waitFor();

    // The coordinator sees one answer.
    await visit(coordinator, surveyPath);
    await coordinator
      .getByText(new RegExp(`^${t.statuses.open}\\s*1 svar\\.`))
      .or(coordinator.getByText(/1 svar\./))
      .first()
      .waitFor();
  }, 180_000);

  it("a link survey in plain language is answered without logging in, keeping what was typed on an error", async () => {
    const { page: coordinator } = await session();
    await loginAs(coordinator, COORDINATOR);
    await visit(coordinator, "/evaluering/undersokelser/ny");
    const title = uniqueName("Brukerundersøkelse");
    await coordinator
      .getByRole("radio", {
        name: new RegExp(`^${t.templates.user.name.replace(/[()?]/g, "\\$&")}`),
      })
      .check();
    await coordinator.getByRole("main").getByLabel(t.create.titleLabel).fill(title);
    await coordinator.getByRole("button", { name: t.create.submit }).click();
    await coordinator.getByRole("heading", { name: title, level: 1 }).waitFor();
    // A link survey needs no recipients: it opens at once and shows its public address.
    await coordinator.getByRole("button", { name: t.builder.open }).click();
    const link = (await coordinator.locator("code.survey-link").textContent())!.trim();
    await checkA11y(coordinator);
    const linkPath = new URL(link).pathname;
    expect(linkPath).toMatch(/^\/undersokelse\/[A-Za-z0-9_-]{20,}$/);

    // Someone with the link, not logged in.
    const { page: visitor } = await session();
    await visit(visitor, linkPath);
    await expectPage(visitor, { path: linkPath, heading: title });
    const good = "De hørte på meg.";
    await visitor.getByRole("main").getByLabel("Hva var bra?").fill(good);
    await visitor.getByRole("button", { name: t.answer.submit }).click();
    // «Hvem svarer?» is required: the error names it, and the typed text is still there.
    await visitor.getByRole("link", { name: t.errors.answerChoose }).first().waitFor();
    await checkA11y(visitor);
    expect(await visitor.getByRole("main").getByLabel("Hva var bra?").inputValue()).toBe(good);
    await visitor.getByRole("radio", { name: "Jeg er forelder eller foresatt" }).check();
    await answerAll(visitor);
    await visitor.getByRole("button", { name: t.answer.submit }).click();
    await expectPage(visitor, { path: `${linkPath}?takk=1`, heading: t.answer.thanksTitle });
  }, 120_000);
});
