import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { addDays, osloDate } from "../../core/guide/worry-rules.ts";
import { nb } from "../../i18n/nb.ts";
import {
  checkA11y,
  escapeRegExp,
  expectPage,
  fill,
  launchBrowser,
  loginAs,
  mainHeading,
  openSession,
  sharedLaget,
  tabTo,
  visit,
  waitForHydration,
  type Session,
} from "../support/e2e.ts";

const EMPLOYEE = "ansatt@fjordvik.example";
const OTHER_EMPLOYEE = "bts@fjordvik.example";

function pathOf(page: Page): string {
  const url = new URL(page.url());
  return url.pathname + url.search;
}

/** 14.03.2026, as the worry pages write dates. */
function norwegianDate(isoDate: string): string {
  const [year, month, day] = isoDate.split("-");
  return `${day}.${month}.${year}`;
}

/** A short pseudonym no other run uses (the field takes at most 20 characters). */
function pseudonym(): string {
  return `E.K. ${Math.random().toString(36).slice(2, 7)}`;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const sessions: Session[] = [];
async function open(options: { blockScripts?: boolean } = {}): Promise<Session> {
  const session = await openSession(browser, sharedLaget(), options);
  sessions.push(session);
  return session;
}
afterEach(async () => {
  const problems = sessions.flatMap((session) => session.problems);
  await Promise.all(sessions.splice(0).map((session) => session.close()));
  expect(problems, "errors in the browser console").toEqual([]);
});

describe.each([
  { label: "with JavaScript", blockScripts: false },
  { label: "without JavaScript", blockScripts: true },
])("the guide's reading pages $label", ({ blockScripts }) => {
  it("shows an employee the four levels as a path, a level with its steps, and the index pages", async () => {
    const { page } = await open({ blockScripts });
    await loginAs(page, EMPLOYEE);
    await page
      .getByRole("navigation", { name: nb.nav.main })
      .getByRole("link", { name: nb.guide.navLabel })
      .click();
    await expectPage(page, { path: "/veileder", heading: nb.guide.indexTitle });

    const levels = page.getByRole("region", { name: nb.guide.levelsHeading }).getByRole("listitem");
    const titles = (await levels.getByRole("heading", { level: 3 }).allTextContents()).map((text) =>
      text.trim(),
    );
    expect(titles).toHaveLength(4);
    expect(titles.map((title) => /Nivå (\d)/.exec(title)?.[1])).toEqual(["0", "1", "2", "3"]);
    for (const link of [nb.guide.routinesLink, nb.guide.toolsLink, nb.guide.glossaryLink]) {
      await page.getByRole("link", { name: link, exact: true }).waitFor();
    }

    await page.getByRole("link", { name: titles[0]! }).click();
    await expectPage(page, { path: "/veileder/niva-0", heading: titles[0]! });
    const crumbs = page.getByRole("navigation", { name: nb.guide.breadcrumbs });
    expect(await crumbs.getByRole("link").allTextContents()).toEqual([
      nb.guide.home,
      nb.guide.navLabel,
    ]);
    const steps = page.getByRole("region", { name: nb.guide.stepsHeading });
    const stepTitles = await steps.getByRole("heading", { level: 3 }).allTextContents();
    expect(stepTitles.length).toBeGreaterThanOrEqual(4);
    expect(stepTitles[0]).toContain("Gjør uroen konkret");
    const firstStep = steps.getByRole("listitem").first();
    await firstStep.getByText(nb.guide.responsible, { exact: true }).waitFor();
    await firstStep.getByText(nb.guide.deadline, { exact: true }).waitFor();
    await firstStep.getByText(nb.guide.legalNotes.taushetsplikt, { exact: true }).waitFor();
    await firstStep.getByText(nb.guide.legalExplain.taushetsplikt).waitFor();
    const tool = firstStep.getByRole("link", { name: "Observasjonsskjema", exact: true });
    expect(await tool.getAttribute("href")).toBe("/veileder/observasjonsskjema");
    await tool.click();
    await expectPage(page, { path: "/veileder/observasjonsskjema", heading: "Observasjonsskjema" });

    // A page the municipality must check says so.
    await visit(page, "/veileder/rutine-vold-og-overgrep");
    await page.getByText(nb.guide.verifyNotice).waitFor();

    await visit(page, "/veileder/ordliste");
    await mainHeading(page, nb.guide.glossaryTitle).waitFor();
    const anchors = await page
      .locator("dl.glossary dt[id]")
      .evaluateAll((items) => items.map((item) => [item.id, item.textContent?.trim() ?? ""]));
    expect(anchors.length).toBeGreaterThanOrEqual(30);
    expect(anchors.map(([id]) => id)).toContain("samtidighetsansvar");
    const names = anchors.map(([, title]) => title!);
    expect(names).toEqual([...names].sort(new Intl.Collator("nb").compare));

    await visit(page, "/veileder/rutiner");
    await mainHeading(page, nb.guide.routinesTitle).waitFor();
    await page.getByRole("link", { name: "Mistanke om vold eller overgrep" }).waitFor();
    await visit(page, "/veileder/verktoy");
    await mainHeading(page, nb.guide.toolsTitle).waitFor();
    await page.getByRole("link", { name: "Observasjonsskjema" }).waitFor();
  });

  it("lets anonymous visitors read the public guide but sends them to login for internal pages", async () => {
    const { page } = await open({ blockScripts });
    await visit(page, "/veileder");
    await mainHeading(page, nb.guide.indexTitle).waitFor();
    await page
      .getByRole("navigation", { name: nb.nav.main })
      .getByRole("link", { name: nb.guide.navLabel })
      .waitFor();
    await visit(page, "/veileder/ordliste");
    await page.locator("dt#samtidighetsansvar").waitFor();

    for (const path of [
      "/veileder/niva-0",
      "/bekymring",
      "/bekymring/meld-na",
      "/mine-bekymringer",
    ]) {
      await visit(page, path);
      expect(pathOf(page)).toBe(`/logg-inn?returnTo=${encodeURIComponent(path)}`);
    }
    await visit(page, "/veileder/finnes-ikke", { status: 404 });
  });
});

describe("the worry flow", () => {
  it("walks an employee through the questions by keyboard to a decision and a private note", async () => {
    const { page } = await open();
    await loginAs(page, EMPLOYEE);
    await visit(page, "/bekymring");
    await mainHeading(page, nb.worry.title).waitFor();
    await waitForHydration(page);
    const started = osloDate();

    const answers: [string, string][] = [
      [nb.worry.question.seen, "Gråter ofte i friminuttene"],
      [nb.worry.question.said, "Sa at det er mye bråk hjemme"],
      [nb.worry.question.surroundings, "Kommer ofte uten matpakke"],
      [nb.worry.question.duration, "Tre uker"],
      [nb.worry.question.others, "Kontaktlæreren har sett det samme"],
    ];
    for (const [index, [question, answer]] of answers.entries()) {
      await page
        .getByRole("heading", { name: fill(nb.worry.progress, { current: index + 1, total: 6 }) })
        .waitFor();
      await checkA11y(page);
      const field = page.getByLabel(question);
      await tabTo(page, field);
      if (index === 0) {
        // A full name is refused until it is removed (or the employee confirms).
        await page.keyboard.type("Kari Nordmann gråter");
        await tabTo(page, page.getByRole("button", { name: nb.worry.next }));
        await page.keyboard.press("Enter");
        await page.getByRole("alert").filter({ hasText: nb.worry.warning.heading }).waitFor();
        await page.getByText(nb.worry.warning.name).waitFor();
        await checkA11y(page);
        await tabTo(page, field);
        await page.keyboard.press("ControlOrMeta+A");
      }
      await page.keyboard.type(answer);
      await tabTo(page, page.getByRole("button", { name: nb.worry.next }));
      await page.keyboard.press("Enter");
    }

    await page
      .getByRole("heading", { name: fill(nb.worry.progress, { current: 6, total: 6 }) })
      .waitFor();
    await checkA11y(page);
    await tabTo(page, page.getByLabel(nb.common.yes, { exact: true }));
    await page.keyboard.press("ArrowDown");
    expect(await page.getByLabel(nb.common.no, { exact: true }).isChecked()).toBe(true);
    await tabTo(page, page.getByRole("button", { name: nb.worry.next }));
    await page.keyboard.press("Enter");

    await page.getByRole("heading", { name: nb.worry.decisionTitle }).waitFor();
    await checkA11y(page);
    await page
      .getByText(fill(nb.worry.deadlineLine, { date: norwegianDate(addDays(started, 14)) }))
      .waitFor();
    await page.getByText(answers[1]![1]).waitFor();
    // Level 2 explains the relay log as the next step and links to opening one.
    await page.getByText(nb.worry.decisionExplain.level2).waitFor();
    expect(
      await page.getByRole("link", { name: nb.relayLog.open.fromWorryLink }).getAttribute("href"),
    ).toBe("/stafettlogger/ny?fra=bekymring");

    const name = pseudonym();
    await tabTo(page, page.getByLabel(new RegExp(`^${escapeRegExp(nb.worry.pseudonym)}`)));
    await page.keyboard.type(name);
    // Tab reaches the checked radio ("not decided yet", the last); arrows move the choice.
    await tabTo(page, page.getByLabel(nb.worry.decision.undecided));
    for (let press = 0; press < 3; press += 1) await page.keyboard.press("ArrowUp");
    expect(await page.getByLabel(nb.worry.decision.level1).isChecked()).toBe(true);
    await tabTo(page, page.getByRole("button", { name: nb.worry.save }));
    await page.keyboard.press("Enter");

    await expectPage(page, {
      path: /^\/mine-bekymringer\/[0-9a-f-]{36}\?melding=worry\.saved$/,
      heading: fill(nb.worry.noteTitle, { pseudonym: name }),
    });
    const notePath = new URL(page.url()).pathname;
    await page.getByText(nb.worry.saved).waitFor();
    await page
      .getByText(fill(nb.worry.decidedAs, { decision: nb.worry.decision.level1 }))
      .waitFor();

    // Record a new decision: level 2 explains the relay log as the next step.
    await page.getByLabel(nb.worry.decision.level2).check();
    await page.getByRole("button", { name: nb.worry.decide }).click();
    await expectPage(page, {
      path: `${notePath}?melding=worry.decided`,
      heading: fill(nb.worry.noteTitle, { pseudonym: name }),
    });
    await page.getByText(nb.worry.decisionExplain.level2).waitFor();

    await page.getByRole("navigation", { name: nb.nav.main }).waitFor();
    await visit(page, "/mine-bekymringer");
    const row = page.getByRole("row").filter({ hasText: name });
    await row.getByText(nb.worry.decision.level2).waitFor();
    await row.getByText(norwegianDate(addDays(started, 14))).waitFor();

    // Another employee sees neither the note in their list nor the note itself.
    const other = await open();
    await loginAs(other.page, OTHER_EMPLOYEE);
    await visit(other.page, "/mine-bekymringer");
    expect(await other.page.getByText(name).count()).toBe(0);
    await visit(other.page, notePath, { status: 404 });

    // The author deletes it after a confirmation.
    await visit(page, notePath);
    await page.getByRole("link", { name: nb.worry.delete }).click();
    await page.getByText(fill(nb.worry.deleteConfirm, { pseudonym: name })).waitFor();
    await checkA11y(page);
    await page.getByRole("button", { name: nb.worry.confirmDelete }).click();
    await expectPage(page, {
      path: "/mine-bekymringer?melding=worry.deleted",
      heading: nb.worry.mine.title,
    });
    expect(await page.getByText(name).count()).toBe(0);
  });

  it("works without JavaScript: an open note shows its days left, and a yes to the last question goes to report-now", async () => {
    const { page } = await open({ blockScripts: true });
    await loginAs(page, EMPLOYEE);
    await visit(page, "/bekymring");
    for (let step = 1; step <= 5; step += 1) {
      await page
        .getByRole("heading", { name: fill(nb.worry.progress, { current: step, total: 6 }) })
        .waitFor();
      await checkA11y(page);
      if (step === 2) await page.getByRole("textbox").fill("Fnr 12345678901");
      await page.getByRole("button", { name: nb.worry.next }).click();
      if (step === 2) {
        // Warned; with the number removed the employee goes on.
        await page.getByText(nb.worry.warning.idNumber).waitFor();
        await checkA11y(page);
        await page.getByRole("textbox").fill("Sa lite");
        await page.getByRole("button", { name: nb.worry.next }).click();
      }
    }
    await page.getByLabel(nb.common.no, { exact: true }).check();
    await page.getByRole("button", { name: nb.worry.next }).click();
    await page.getByRole("heading", { name: nb.worry.decisionTitle }).waitFor();
    await checkA11y(page);
    // A name as pseudonym is refused until it is replaced.
    await page.getByLabel(new RegExp(`^${escapeRegExp(nb.worry.pseudonym)}`)).fill("Ola Nordmann");
    await page.getByRole("button", { name: nb.worry.save }).click();
    await page.getByText(nb.worry.warning.name).waitFor();
    await checkA11y(page);
    const name = pseudonym();
    await page.getByLabel(new RegExp(`^${escapeRegExp(nb.worry.pseudonym)}`)).fill(name);
    await page.getByRole("button", { name: nb.worry.save }).click();
    await expectPage(page, {
      path: /^\/mine-bekymringer\/[0-9a-f-]{36}\?melding=worry\.saved$/,
      heading: fill(nb.worry.noteTitle, { pseudonym: name }),
    });
    await visit(page, "/mine-bekymringer");
    const row = page.getByRole("row").filter({ hasText: name });
    await row.getByText(fill(nb.worry.daysLeft_other, { count: 14 })).waitFor();
    await row.getByText(nb.worry.mine.open).waitFor();

    await visit(page, "/bekymring");
    for (let step = 1; step <= 5; step += 1) {
      await page.getByRole("button", { name: nb.worry.next }).click();
    }
    await page.getByLabel(nb.common.yes, { exact: true }).check();
    await page.getByRole("button", { name: nb.worry.next }).click();
    await expectPage(page, { path: "/bekymring/meld-na", heading: nb.worry.reportNow.title });
    await page.getByText(nb.worry.reportNow.guardiansRule).waitFor();
    for (const number of ["02800", "112", "116 111"]) {
      await page.getByRole("link", { name: number, exact: true }).waitFor();
    }
    await page.getByText(nb.worry.reportNow.verifyNotice).waitFor();
    await page
      .getByText(fill(nb.worry.reportNow.childWelfare, { municipality: "Fjordvik kommune" }))
      .waitFor();
  });
});
