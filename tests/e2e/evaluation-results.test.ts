import { readFile } from "node:fs/promises";
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { surveyTemplates } from "../../core/evaluation/survey-templates.ts";
import { nb } from "../../i18n/nb.ts";
import {
  checkA11y,
  expectPage,
  launchBrowser,
  loginAs,
  openSession,
  sharedLaget,
  visit,
  type Session,
} from "../support/e2e.ts";

const COORDINATOR = "koordinator@fjordvik.example";
const SECTOR_LEADER = "kommunalsjef@fjordvik.example";
const r = nb.evaluation.results;
const ROUND_2 = `${surveyTemplates.bti_staff.title} – runde 2`;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("survey results in the browser", () => {
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

  it("the coordinator reads the demo round 2 by view and downloads it; the sector leader reads it too", async () => {
    const { page } = await session();
    await loginAs(page, COORDINATOR);
    // The demo round 2, found from the coordinator's list of surveys.
    await visit(page, "/evaluering/undersokelser");
    const surveyPath = await page
      .getByRole("link", { name: ROUND_2, exact: true })
      .getAttribute("href");
    expect(surveyPath).toMatch(/^\/evaluering\/undersokelser\/[0-9a-f-]{36}$/);
    const resultsPath = `${surveyPath}/resultater`;
    const heading = r.pageTitle.replace("{{title}}", ROUND_2);

    // By theme (the default), with the previous round beside it.
    await visit(page, resultsPath);
    await expectPage(page, { path: resultsPath, heading });
    const main = page.getByRole("main");
    await main.getByRole("heading", { level: 2, name: r.views.theme }).waitFor();
    await main.getByRole("columnheader", { name: r.columns.previousMean, exact: true }).waitFor();
    await main.getByRole("columnheader", { name: r.columns.difference, exact: true }).waitFor();
    expect(await main.getByRole("img").first().getAttribute("aria-label")).toContain("Kunnskap");
    expect(await main.getByRole("cell", { name: /^\+\d,\d$/ }).count()).toBeGreaterThan(0);

    // By unit: Helsestasjonen's four answers are hidden.
    await main.getByRole("link", { name: r.views.unit, exact: true }).click();
    await expectPage(page, { path: `${resultsPath}?visning=enhet`, heading });
    const healthRow = main.getByRole("row", { name: /Helsestasjonen i Fjordvik/ });
    expect(await healthRow.getByRole("cell").first().textContent()).toBe(r.suppressed);
    expect(await main.getByRole("img").getAttribute("aria-label")).toContain(
      `Helsestasjonen i Fjordvik: ${r.suppressed}`,
    );

    // By question: the reworded statement's old wording is shown apart.
    await main.getByRole("link", { name: r.views.question, exact: true }).click();
    await expectPage(page, { path: `${resultsPath}?visning=sporsmal`, heading });
    await main
      .getByRole("heading", { level: 4, name: new RegExp(`^${r.olderWording}: `) })
      .first()
      .waitFor();

    // By service type.
    await main.getByRole("link", { name: r.views.serviceType, exact: true }).click();
    await expectPage(page, { path: `${resultsPath}?visning=tjenestetype`, heading });
    await main.getByRole("columnheader", { name: r.columns.serviceType, exact: true }).waitFor();

    // The CSV arrives (a download: no page to check with axe).
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      main.getByRole("link", { name: r.links.csv }).click(),
    ]);
    const csv = await readFile((await download.path())!, "utf8");
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).toContain(`${r.csv.view};${r.csv.group};`);
    expect(csv).toContain(`Helsestasjonen i Fjordvik;;;;${r.measures.responses};;${r.suppressed}`);

    // The sector leader reads the same results.
    const { page: leader } = await session();
    await loginAs(leader, SECTOR_LEADER);
    await visit(leader, `${resultsPath}?visning=enhet`);
    await expectPage(leader, { path: `${resultsPath}?visning=enhet`, heading });
    await leader.getByRole("row", { name: /Fjordvik skole/ }).waitFor();
    await checkA11y(leader);
  });
});
