import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { nb } from "../../i18n/nb.ts";
import {
  checkA11y,
  checkPhoneWidth,
  DEMO_PASSWORD,
  familyForm,
  fill,
  launchBrowser,
  loginAsCitizen,
  mainHeading,
  openSession,
  startLaget,
  visit,
  type LagetServer,
  type Session,
} from "../support/e2e.ts";

const log = nb.family.log;

/** Frida is a relay-log demo employee (not in demoUsers): the e-mail and password form. */
async function loginWithPassword(page: Page, email: string): Promise<void> {
  await visit(page, "/logg-inn");
  await page.getByLabel(nb.login.email).fill(email);
  await page.getByLabel(nb.login.password).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: nb.login.submit, exact: true }).click();
  await page.getByRole("button", { name: nb.nav.logout }).waitFor();
  await checkA11y(page);
}

let browser: Browser;
let server: LagetServer;
/** /familie/<Emil's log id>, found by the first test. */
let logPath = "";
beforeAll(async () => {
  browser = await launchBrowser();
  // Silje writes in Emil's log: her own server, so other tests see the seeded state.
  server = await startLaget();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("the family reads the whole log and writes in it", { timeout: 180_000 }, () => {
  const sessions: Session[] = [];
  async function session(): Promise<Page> {
    const opened = await openSession(browser, server);
    sessions.push(opened);
    return opened.page;
  }
  afterEach(async () => {
    const problems = sessions.flatMap((opened) => opened.problems);
    await Promise.all(sessions.splice(0).map((opened) => opened.close()));
    expect(problems, "errors in the browser console").toEqual([]);
  });

  it("Silje reads Emil's log and writes a note, her view and a score at 320 px", async () => {
    const page = await session();
    await page.setViewportSize({ width: 320, height: 800 });
    await loginAsCitizen(page, "silje");
    await page
      .getByRole("link", { name: fill(nb.family.home.childLog, { name: "Emil Fjordheim" }) })
      .click();
    await page.waitForURL((url) => /^\/familie\/[0-9a-f-]{36}$/.test(url.pathname));
    logPath = new URL(page.url()).pathname;
    await mainHeading(page, fill(nb.family.layout.title, { name: "Emil Fjordheim" })).waitFor();
    await checkPhoneWidth(page);

    // Everything, in plain words, under one heading per part.
    for (const heading of [
      log.people.heading,
      log.plan.heading,
      log.evaluations.heading,
      log.meetings.heading,
      log.entries.heading,
    ]) {
      await page.getByRole("heading", { level: 2, name: heading }).waitFor();
    }
    await page
      .getByRole("heading", {
        name: fill(log.plan.goal, {
          text: "Emil har minst én venn å være sammen med i friminuttene",
        }),
      })
      .first()
      .waitFor();
    expect(await page.getByRole("heading", { name: log.plan.home }).count()).toBeGreaterThan(0);
    await page.getByText("Som forventet: leker med Jonas de fleste dager.").first().waitFor();
    await page.getByText("Vi starter samtalegruppen og søvnsamtalene neste uke.").waitFor();

    // A note: first empty (the error is shown, nothing is lost), then with text.
    const noteForm = familyForm(page, "note");
    await noteForm.getByRole("button", { name: log.entries.save }).click();
    await page.getByText(log.errors.noteRequired).first().waitFor();
    await checkPhoneWidth(page);
    await familyForm(page, "note").getByLabel(log.entries.kind.highlight).check();
    await familyForm(page, "note")
      .getByRole("textbox", { name: new RegExp(log.entries.textLabel.replace("?", "\\?")) })
      .fill("Emil syklet til skolen alene i dag!");
    await familyForm(page, "note").getByRole("button", { name: log.entries.save }).click();
    await page.getByText(log.notices.noteSaved).waitFor();
    await page.getByText("Emil syklet til skolen alene i dag!").waitFor();
    await page
      .getByText(
        new RegExp(
          `${fill(log.entries.byOn, { name: "Silje Fjordheim", date: ".*" })} \\(${log.entries.family}\\)`,
        ),
      )
      .first()
      .waitFor();
    await checkPhoneWidth(page);

    // "Vårt syn" on the first goal.
    const voiceForm = familyForm(page, "voice").first();
    await voiceForm
      .getByRole("textbox", { name: new RegExp(log.voice.guardianLabel) })
      .fill("Emil snakker mye om Jonas hjemme.");
    await voiceForm.getByRole("button", { name: log.voice.save }).click();
    await page.getByText(log.notices.voiceSaved).waitFor();
    await page.getByText("Emil snakker mye om Jonas hjemme.").first().waitFor();
    await checkPhoneWidth(page);

    // Her own score at the held evaluation, beside the professionals'.
    const scoreForm = familyForm(page, "score").first();
    await scoreForm.getByLabel(`+1: ${log.evaluations.scale["1"]}`).check();
    await scoreForm
      .getByRole("textbox", { name: log.evaluations.commentLabel })
      .fill("Bedre enn før sommeren.");
    await scoreForm.getByRole("button", { name: log.evaluations.save }).click();
    await page.getByText(log.notices.scoreSaved).waitFor();
    await page
      .getByText(fill(log.evaluations.comment, { text: "Bedre enn før sommeren." }))
      .waitFor();
    await checkPhoneWidth(page);

    // Something to bring up at the next meeting.
    const agendaForm = familyForm(page, "agenda").first();
    await agendaForm
      .getByRole("textbox", { name: new RegExp(log.meetings.addItemLabel.replace("?", "\\?")) })
      .fill("Hvordan går det på SFO?");
    await agendaForm.getByRole("button", { name: log.meetings.addItem }).click();
    await page.getByText(log.notices.agendaSaved).waitFor();
    await page
      .getByText(
        fill(log.meetings.itemBy, { name: "Silje Fjordheim", text: "Hvordan går det på SFO?" }),
      )
      .waitFor();
    await checkPhoneWidth(page);

    // The relay holder sees what the family wrote.
    // Frida (familie@fjordvik.example) holds the baton of Emil's log (db/seed-demo-family.ts).
    const staff = await session();
    await loginWithPassword(staff, "familie@fjordvik.example");
    const staffLog = logPath.replace("/familie/", "/stafettlogger/");
    await visit(staff, `${staffLog}/plan`);
    await staff.getByText("Emil snakker mye om Jonas hjemme.").waitFor();
    await staff
      .getByText(fill(nb.relayLog.plan.familyView.voice.guardian, { name: "Silje Fjordheim" }))
      .first()
      .waitFor();
    await checkA11y(staff);
    await visit(staff, `${staffLog}/notater`);
    await staff.getByText("Emil syklet til skolen alene i dag!").waitFor();
    await checkA11y(staff);
    await visit(staff, `${staffLog}/moter`);
    await staff.getByText(/Hvordan går det på SFO\?/).waitFor();
    await checkA11y(staff);
    await visit(staff, "/varsler");
    await staff
      .getByRole("heading", {
        name: new RegExp(nb.relayLog.close.reminders.kinds.family_contribution.split(" (")[0]!),
      })
      .first()
      .waitFor();
    await checkA11y(staff);
  });

  it("Tor's forms work without JavaScript and keep what he typed on errors", async () => {
    expect(logPath).toMatch(/^\/familie\//);
    const opened = await openSession(browser, server, { blockScripts: true });
    sessions.push(opened);
    const page = opened.page;
    await page.setViewportSize({ width: 320, height: 800 });
    await loginAsCitizen(page, "tor", { returnTo: logPath });
    await checkPhoneWidth(page);
    // A comment without a score: the error is shown and the comment is still there.
    const scoreForm = familyForm(page, "score").first();
    await scoreForm
      .getByRole("textbox", { name: log.evaluations.commentLabel })
      .fill("Vanskelig å si");
    await scoreForm.getByRole("button", { name: log.evaluations.save }).click();
    await page.getByText(log.errors.scoreRequired).first().waitFor();
    expect(
      await familyForm(page, "score")
        .first()
        .getByRole("textbox", { name: log.evaluations.commentLabel })
        .inputValue(),
    ).toBe("Vanskelig å si");
    await checkPhoneWidth(page);
    const again = familyForm(page, "score").first();
    await again.getByLabel(`\u22121: ${log.evaluations.scale["-1"]}`).check();
    await again.getByRole("button", { name: log.evaluations.save }).click();
    await page.getByText(log.notices.scoreSaved).waitFor();
    // Silje's and Tor's scores stand side by side: each guardian has their own.
    await page.getByText(fill(log.evaluations.comment, { text: "Vanskelig å si" })).waitFor();
    await page
      .getByText(fill(log.evaluations.comment, { text: "Bedre enn før sommeren." }))
      .waitFor();
    await checkPhoneWidth(page);
  });
});
