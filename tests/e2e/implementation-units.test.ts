import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_ONBOARDING_STEPS } from "../../core/implementation/onboarding.ts";
import { addDays, osloDate } from "../../core/platform/dates.ts";
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
  uniqueName,
  visit,
  type LagetServer,
  type Session,
} from "../support/e2e.ts";

const u = nb.implementation.units;
const o = u.onboarding;
const ADMIN = "admin@fjordvik.example";
const LEADER = "leder@fjordvik.example";
const BTS = "bts@fjordvik.example";
const COORDINATOR = "koordinator@fjordvik.example";
const PASSWORD = "Nyansatt-e2e-2026";

/**
 * The implementation module's units, leaders' view and onboarding in the browser, on the shared
 * demo server: a unit leader appoints a BTS contact and changes the stage; a BTS contact takes a
 * new employee through the checklist; the employee reads it; the coordinator sees every unit and
 * downloads the CSV. The people are created through the admin pages with unique names, so the
 * demo data other files rely on is left as it was. Every page state is checked with axe.
 */
describe("implementation units and onboarding in the browser", () => {
  let server: LagetServer;
  let browser: Browser;
  const today = osloDate();
  const schoolPerson = { name: uniqueName("Skole Testansatt"), email: "" };
  const newcomer = { name: uniqueName("Nyansatt Testperson"), email: "" };
  schoolPerson.email = `${schoolPerson.name.toLowerCase().replace(/\s+/g, ".")}@fjordvik.example`;
  newcomer.email = `${newcomer.name.toLowerCase().replace(/\s+/g, ".")}@fjordvik.example`;

  async function session(): Promise<Session> {
    return openSession(browser, server);
  }

  async function notice(page: Page, text: string): Promise<void> {
    await page.getByRole("status").filter({ hasText: text }).waitFor();
    await checkA11y(page);
  }

  /** An employee of one unit, made by the system administrator with a start password. */
  async function createEmployee(person: { name: string; email: string }, unit: string) {
    const admin = await session();
    try {
      await loginAs(admin.page, ADMIN);
      await visit(admin.page, "/admin/brukere/ny");
      await admin.page.locator("#name").fill(person.name);
      await admin.page.locator("#email").fill(person.email);
      await admin.page.locator("#roles-employee").check();
      await admin.page.getByRole("checkbox", { name: unit, exact: true }).check();
      await admin.page.locator("#password").fill(PASSWORD);
      await admin.page.getByRole("button", { name: nb.users.save }).click();
      await admin.page.getByText(fill(nb.users.created, { name: person.name })).waitFor();
      await checkA11y(admin.page);
    } finally {
      await admin.close();
    }
  }

  beforeAll(async () => {
    server = sharedLaget();
    browser = await launchBrowser();
    await createEmployee(schoolPerson, "Fjordvik skole");
    await createEmployee(newcomer, "Solsikken barnehage");
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("a unit leader appoints a BTS contact and changes the stage, bad input first", async () => {
    const { page, problems, close } = await session();
    try {
      await loginAs(page, LEADER);
      await visit(page, "/implementering");
      await mainHeading(page, nb.implementation.common.title).waitFor();
      const table = page.getByRole("table", { name: /^Enheter i implementeringen/ });
      // Only the leader's own unit.
      expect(await table.getByRole("row").count()).toBe(2);
      await table.getByRole("link", { name: "Fjordvik skole", exact: true }).click();
      await expectPage(page, {
        path: /^\/implementering\/enheter\/[0-9a-f-]+$/,
        heading: "Fjordvik skole",
      });
      const unitPath = new URL(page.url()).pathname;

      // Appoint the new colleague; the unit then has its two.
      await page.locator("#userId").selectOption({ label: schoolPerson.name });
      await page.getByRole("button", { name: u.contacts.appoint, exact: true }).click();
      await notice(page, u.notices.appointed);
      const contacts = page.getByRole("region", { name: u.contacts.heading });
      await contacts.getByRole("listitem").filter({ hasText: schoolPerson.name }).waitFor();
      await page.getByText(u.contacts.full).waitFor();

      // Removing asks first; cancel, then remove for real, then appoint again.
      await page
        .getByRole("link", { name: fill(u.contacts.removeNamed, { name: schoolPerson.name }) })
        .click();
      await page
        .getByText(
          fill(u.contacts.removeConfirm, { name: schoolPerson.name, unit: "Fjordvik skole" }),
        )
        .waitFor();
      await checkA11y(page);
      await page.getByRole("link", { name: u.contacts.cancel, exact: true }).click();
      await page.waitForURL((url) => url.pathname === unitPath && url.search === "");
      await checkA11y(page);
      await page
        .getByRole("link", { name: fill(u.contacts.removeNamed, { name: schoolPerson.name }) })
        .click();
      await page.getByRole("button", { name: u.contacts.confirmRemove }).click();
      await notice(page, u.notices.removed);
      expect(
        await contacts.getByRole("listitem").filter({ hasText: schoolPerson.name }).count(),
      ).toBe(0);
      await page.locator("#userId").selectOption({ label: schoolPerson.name });
      await page.getByRole("button", { name: u.contacts.appoint, exact: true }).click();
      await notice(page, u.notices.appointed);

      // The stage: a date in the future and no reason are refused, and what was chosen stays.
      const tomorrow = addDays(today, 1);
      await page.locator("#stage").selectOption("full");
      await page.locator("#changedOn").fill(tomorrow);
      await page.getByRole("button", { name: u.stage.save }).click();
      const summary = page.getByRole("link", { name: u.errors.dateInFuture });
      await summary.first().waitFor();
      await page.getByRole("link", { name: u.errors.reasonRequired }).first().waitFor();
      await checkA11y(page);
      expect(await page.locator("#changedOn").inputValue()).toBe(tomorrow);
      expect(await page.locator("#stage").inputValue()).toBe("full");
      expect(await page.locator("#changedOn").getAttribute("aria-invalid")).toBe("true");

      const reason = uniqueName("Pilotevalueringen er gjennomført");
      await page.locator("#changedOn").fill(today);
      await page.locator("#reason").fill(reason);
      await page.getByRole("button", { name: u.stage.save }).click();
      await notice(page, u.notices.stageChanged);
      const history = page.getByRole("table", {
        name: fill(u.stage.historyCaption, { unit: "Fjordvik skole" }),
      });
      const firstRow = history.getByRole("row").nth(1);
      expect(await firstRow.textContent()).toContain(reason);
      expect(await firstRow.textContent()).toContain(u.stages.full);
      await page
        .getByText(new RegExp(`^${escapeRegExp(u.stage.current.split(":")[0]!)}: ${u.stages.full}`))
        .waitFor();
      // The leader may not mark pilots.
      expect(await page.getByRole("button", { name: u.pilotSection.unmark }).count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("a BTS contact starts onboarding for a new employee and ticks the steps until completed", async () => {
    const { page, problems, close } = await session();
    try {
      await loginAs(page, BTS);
      await visit(page, "/implementering/nyansatte");
      await mainHeading(page, o.title).waitFor();
      await page
        .getByRole("heading", {
          level: 2,
          name: fill(o.listHeading, { unit: "Solsikken barnehage" }),
        })
        .waitFor();
      const table = page.getByRole("table", {
        name: fill(o.caption, { unit: "Solsikken barnehage" }),
      });
      const rowOf = (name: string) => table.getByRole("row").filter({ hasText: name });
      expect(await rowOf(newcomer.name).textContent()).toContain(o.states.not_started);
      // The demo's overdue onboarding says so in words.
      expect(await rowOf("Ida Isaksen").textContent()).toContain(
        fill(o.states.overdue, { done: 1, total: 5 }),
      );

      await page.locator("#userId").selectOption({ label: newcomer.name });
      expect(await page.locator("#startedOn").inputValue()).toBe(today);
      expect(await page.locator("#dueOn").inputValue()).toBe(addDays(today, 30));
      await page.getByRole("button", { name: o.start.submit }).click();
      await notice(page, o.notices.started);
      expect(await rowOf(newcomer.name).textContent()).toContain(
        fill(o.states.in_progress, { done: 0, total: 5 }),
      );

      await rowOf(newcomer.name)
        .getByRole("link", { name: fill(o.openNamed, { name: newcomer.name }) })
        .click();
      await expectPage(page, {
        path: /^\/implementering\/nyansatte\/[0-9a-f-]+$/,
        heading: fill(o.item.title, { name: newcomer.name }),
      });
      const steps = DEFAULT_ONBOARDING_STEPS.map((step) => step.title);
      const dateOf = (title: string) =>
        page.getByLabel(`${o.item.doneOn} ${fill(o.item.doneOnFor, { title })}`);

      // A date in the future is refused and kept.
      const firstDate = dateOf(steps[0]!);
      await firstDate.fill(addDays(today, 2));
      await page
        .getByRole("button", { name: fill(o.item.markDoneNamed, { title: steps[0]! }) })
        .click();
      await page.getByRole("link", { name: o.errors.doneInFuture }).waitFor();
      await checkA11y(page);
      expect(await dateOf(steps[0]!).inputValue()).toBe(addDays(today, 2));

      for (const [index, title] of steps.entries()) {
        await dateOf(title).fill(today);
        await page.getByRole("button", { name: fill(o.item.markDoneNamed, { title }) }).click();
        await notice(page, index === steps.length - 1 ? o.notices.completed : o.notices.stepDone);
      }
      await page.getByText(o.states.completed, { exact: true }).first().waitFor();

      // An undo opens it again; ticking once more completes it.
      await page
        .getByRole("button", { name: fill(o.item.undoNamed, { title: steps[1]! }) })
        .click();
      await notice(page, o.notices.undone);
      await page.getByText(fill(o.states.in_progress, { done: 4, total: 5 })).waitFor();
      await page
        .getByRole("button", { name: fill(o.item.markDoneNamed, { title: steps[1]! }) })
        .click();
      await notice(page, o.notices.completed);

      await page
        .getByRole("link", { name: fill(o.item.back, { unit: "Solsikken barnehage" }) })
        .click();
      await expectPage(page, { path: /^\/implementering\/nyansatte\?enhet=/, heading: o.title });
      expect(await rowOf(newcomer.name).textContent()).toContain(o.states.completed);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("the new employee reads their own checklist", async () => {
    const { page, problems, close } = await session();
    try {
      await visit(page, "/logg-inn");
      await page.getByLabel(nb.login.email).fill(newcomer.email);
      await page.getByLabel(nb.login.password).fill(PASSWORD);
      await page.getByRole("button", { name: nb.login.submit, exact: true }).click();
      await page.getByRole("button", { name: nb.nav.logout }).waitFor();
      await visit(page, "/opplaering/min-sjekkliste");
      await mainHeading(page, o.mine.title).waitFor();
      await page
        .getByRole("heading", {
          level: 2,
          name: fill(o.mine.heading, { unit: "Solsikken barnehage" }),
        })
        .waitFor();
      await page.getByText(o.states.completed, { exact: true }).waitFor();
      for (const step of DEFAULT_ONBOARDING_STEPS) await page.getByText(step.title).waitFor();
      // Read-only: nothing to tick, and the follow-up pages are not theirs.
      expect(await page.getByRole("button", { name: new RegExp(o.item.markDone) }).count()).toBe(0);
      await visit(page, "/implementering/nyansatte", { status: 403 });
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("the coordinator sees every unit side by side, filters, downloads the CSV and edits the checklist", async () => {
    const { page, problems, close } = await session();
    try {
      await loginAs(page, COORDINATOR);
      await visit(page, "/implementering");
      const table = page.getByRole("table", { name: /^Enheter i implementeringen/ });
      // Fifteen demo units (and any a test made): the header row and one per unit.
      expect(await table.getByRole("row").count()).toBeGreaterThanOrEqual(16);
      const row = (name: string) =>
        table.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });
      expect(await row("Tannhelsetjenesten").textContent()).toContain(u.noContact);
      expect(await row("Solsikken barnehage").textContent()).toContain(u.pilot);
      expect(await row("Fjordvik skole").textContent()).toContain(schoolPerson.name);
      for (const link of Object.values(nb.implementation.common.links).slice(1)) {
        await page.getByRole("link", { name: link, exact: true }).first().waitFor();
      }

      await page.getByLabel(u.filters.stage).selectOption("full");
      await page.getByRole("button", { name: u.filters.apply, exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get("fase") === "full");
      await checkA11y(page);
      const names = await table.getByRole("rowheader").allTextContents();
      expect(names).toContain("Solsikken barnehage");
      expect(names).toContain("Fjordvik skole");
      expect(names).not.toContain("Tannhelsetjenesten");

      await page.getByRole("link", { name: u.filters.reset }).click();
      await page.waitForURL((url) => url.pathname === "/implementering" && url.search === "");
      await checkA11y(page);
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("link", { name: u.overview.exportCsv }).click(),
      ]);
      expect(download.suggestedFilename()).toBe("enheter.csv");
      const text = readFileSync((await download.path())!, "utf8");
      expect(text.charCodeAt(0)).toBe(0xfeff);
      const lines = text.slice(1).split("\r\n");
      expect(lines[0]).toBe(
        "Enhet;Tjenestetype;Pilot;Fase;Fase siden;BTS-kontakter;Opplæringsdekning;Nyansatte fullført;Nyansatte pågår;Nyansatte forsinket",
      );
      const school = lines.find((line) => line.startsWith("Fjordvik skole;"))!;
      expect(school).toContain(";Grunnskole;Pilot;Full implementering;");
      expect(school).toContain(schoolPerson.name);
      expect(lines.find((line) => line.startsWith("Tannhelsetjenesten;"))).toContain(u.noContact);

      // Pilot marking is the coordinator's: on and off again for a unit that is not a pilot.
      await table.getByRole("link", { name: "Tannhelsetjenesten", exact: true }).click();
      await expectPage(page, {
        path: /^\/implementering\/enheter\/[0-9a-f-]+$/,
        heading: "Tannhelsetjenesten",
      });
      await page.getByText(u.noContact).first().waitFor();
      await page.getByRole("button", { name: u.pilotSection.mark }).click();
      await notice(page, u.notices.pilotOn);
      await page.getByText(u.pilotSection.isPilot).waitFor();
      await page.getByRole("button", { name: u.pilotSection.unmark }).click();
      await notice(page, u.notices.pilotOff);

      // The onboarding list across units: the coordinator picks the unit.
      await visit(page, "/implementering/nyansatte");
      await page.getByLabel(o.unitPicker).selectOption({ label: "Fjordvik skole" });
      await page.getByRole("button", { name: o.show }).click();
      await page
        .getByRole("heading", { level: 2, name: fill(o.listHeading, { unit: "Fjordvik skole" }) })
        .waitFor();
      await checkA11y(page);

      // The checklist: add a step, move it up, then deactivate it so the five stay as they were.
      await visit(page, "/implementering/nyansatte/sjekkliste");
      await mainHeading(page, o.checklist.title).waitFor();
      const stepTitle = uniqueName("Vis kommunens side om barn som pårørende");
      await page.locator("#title").fill(" ");
      await page.getByRole("button", { name: o.checklist.add, exact: true }).click();
      await page.getByRole("link", { name: o.errors.titleRequired }).waitFor();
      await checkA11y(page);
      await page.locator("#title").fill(stepTitle);
      await page.getByRole("button", { name: o.checklist.add, exact: true }).click();
      await notice(page, o.checklist.notices.added);
      await page
        .getByRole("button", { name: fill(o.checklist.moveUpNamed, { title: stepTitle }) })
        .click();
      await notice(page, o.checklist.notices.moved);
      const rows = page.getByRole("table").getByRole("row");
      expect(await rows.nth(5).textContent()).toContain(stepTitle);
      await page
        .getByRole("link", { name: fill(o.checklist.editNamed, { title: stepTitle }) })
        .click();
      await page
        .getByRole("heading", { level: 2, name: fill(o.checklist.editHeading, { number: 5 }) })
        .waitFor();
      await checkA11y(page);
      await page.getByRole("button", { name: o.checklist.save }).click();
      await notice(page, o.checklist.notices.saved);
      await page
        .getByRole("button", { name: fill(o.checklist.deactivateNamed, { title: stepTitle }) })
        .click();
      await notice(page, o.checklist.notices.deactivated);
      expect(await rows.filter({ hasText: stepTitle }).textContent()).toContain(
        o.checklist.inactive,
      );
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
