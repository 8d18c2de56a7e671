import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { osloDate } from "../../core/platform/dates.ts";
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

const SECTOR_LEADER = "kommunalsjef@fjordvik.example";
const COORDINATOR = "koordinator@fjordvik.example";
const t = nb.evaluation.indicators;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("indicators of effect and the invisible children estimate in the browser", () => {
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

  it("the sector leader reads the indicators; the coordinator edits a rate and imports population", async () => {
    // The sector leader: the default period, then a whole year for the kindergartens.
    const { page: leader } = await session();
    await loginAs(leader, SECTOR_LEADER);
    await visit(leader, "/evaluering/indikatorer");
    await expectPage(leader, { path: "/evaluering/indikatorer", heading: t.title });
    const main = leader.getByRole("main");
    const year = osloDate().slice(0, 4);
    await main.getByLabel(t.filters.periodKind, { exact: true }).selectOption(year);
    await main
      .getByLabel(t.filters.scope, { exact: true })
      .selectOption({ label: `${t.filters.serviceType}: ${nb.serviceType.barnehage}` });
    await main.getByRole("button", { name: t.filters.apply }).click();
    await expectPage(leader, {
      path: new RegExp(`^/evaluering/indikatorer\\?periode=${year}&.*utvalg=tjeneste%3Abarnehage`),
      heading: t.title,
    });
    await main
      .getByRole("heading", { name: `${t.sections.selection}: ${nb.serviceType.barnehage}` })
      .waitFor();
    await main.getByRole("table", { name: t.adoption.caption }).waitFor();

    // The coordinator: the estimate, a rate refused and saved, a bad CSV and a good one.
    const { page: coordinator } = await session();
    await loginAs(coordinator, COORDINATOR);
    await visit(coordinator, "/evaluering/usynlige-barn");
    await expectPage(coordinator, {
      path: "/evaluering/usynlige-barn",
      heading: t.invisible.title,
    });
    const estimate = coordinator.getByRole("main");
    await estimate
      .getByRole("table", { name: new RegExp(t.invisible.caption.split(" {{")[0]!) })
      .waitFor();
    expect(await estimate.textContent()).toContain("ca.");

    await estimate.getByRole("link", { name: t.invisible.links.prevalence }).click();
    await expectPage(coordinator, {
      path: "/evaluering/usynlige-barn/forekomst",
      heading: t.prevalence.title,
    });
    const rate = coordinator.getByRole("region", {
      name: new RegExp(
        `${t.prevalence.edit.split("«")[0]}«Barn som lever i familier der mor eller far`,
      ),
    });
    await rate.getByLabel(t.prevalence.percent).fill("150");
    await rate.getByRole("button", { name: t.prevalence.submit }).click();
    await coordinator.getByText(t.prevalence.errors.percent).first().waitFor();
    await checkA11y(coordinator);
    const refused = coordinator.getByRole("region", {
      name: new RegExp(
        `${t.prevalence.edit.split("«")[0]}«Barn som lever i familier der mor eller far`,
      ),
    });
    expect(await refused.getByLabel(t.prevalence.percent).inputValue()).toBe("150");
    await refused.getByLabel(t.prevalence.percent).fill("1,3");
    await refused.getByRole("button", { name: t.prevalence.submit }).click();
    await expectPage(coordinator, {
      path: /^\/evaluering\/usynlige-barn\/forekomst\?melding=/,
      heading: t.prevalence.title,
    });
    await coordinator.getByText(t.prevalence.saved).waitFor();

    await visit(coordinator, "/evaluering/usynlige-barn/befolkning");
    await expectPage(coordinator, {
      path: "/evaluering/usynlige-barn/befolkning",
      heading: t.population.title,
    });
    const upload = async (content: string) => {
      await coordinator.getByLabel(t.population.import.file).setInputFiles({
        name: "07459.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(content, "utf8"),
      });
      await coordinator.getByRole("button", { name: t.population.import.submit }).click();
    };
    await upload('"kommune";"aldersgruppe";"antall"\n"Fjordvik";"0-17";"2500"');
    const alert = coordinator.getByRole("alert").filter({ hasText: "«aldersgruppe»" });
    await alert.waitFor();
    expect(await alert.textContent()).toContain("«alder», «år»");
    await checkA11y(coordinator);
    // An old year, so the demo's latest population (and the estimate) stays as it was.
    await upload('"region";"alder";"Personer 2015"\n"9999 Fjordvik";"0-17 år";"2 400"');
    await coordinator.getByText(t.population.import.done).waitFor();
    expect(await coordinator.getByRole("main").textContent()).toContain("2015");
    await checkA11y(coordinator);
  });
});
