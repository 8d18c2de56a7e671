import { readFile } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { nb } from "../../i18n/nb.ts";
import {
  checkA11y,
  checkPhoneWidth,
  DEMO_PASSWORD,
  launchBrowser,
  loginAsCitizen,
  openSession,
  startLaget,
  visit,
  waitForHydration,
  type LagetServer,
  type Session,
} from "../support/e2e.ts";

/**
 * The family's rights in the browser, on its own server (a correction request changes the demo
 * family's data): Silje, at phone width, sees who has read Emil's log, downloads everything as
 * JSON and PDF, asks for a correction (first with an empty form), and sees her notices. axe and
 * the 320 px overflow check on every page state.
 */
const rights = nb.family.rights;

/** Frida is a relay-log demo employee (not in demoUsers): the e-mail and password form. */
async function loginWithPassword(page: Page, email: string): Promise<void> {
  await visit(page, "/logg-inn");
  await page.getByLabel(nb.login.email).fill(email);
  await page.getByLabel(nb.login.password).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: nb.login.submit, exact: true }).click();
  await page.getByRole("button", { name: nb.nav.logout }).waitFor();
  await checkA11y(page);
}

/** The first log in the citizen's list on /familie. */
async function firstLogId(page: Page): Promise<string> {
  const link = page.locator('a[href^="/familie/"]').first();
  await link.waitFor();
  const href = (await link.getAttribute("href"))!;
  return /^\/familie\/([0-9a-f-]{36})$/.exec(href)![1]!;
}

async function download(page: Page, name: string): Promise<Buffer> {
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name, exact: true }).click(),
  ]);
  return readFile((await file.path())!);
}

let browser: Browser;
let server: LagetServer;
/** Emil's log and Silje's correction request, from the first test to the holder's. */
let emilLogId = "";
const correctionText = "I referatet står det at Emil skal bytte skole. Det stemmer ikke.";
beforeAll(async () => {
  browser = await launchBrowser();
  server = await startLaget();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("the family's rights", { timeout: 180_000 }, () => {
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

  it("Silje sees the access trail, downloads her data and asks for a correction at 320 px", async () => {
    const page = await session();
    await page.setViewportSize({ width: 320, height: 800 });
    await loginAsCitizen(page, "silje");
    const logId = await firstLogId(page);

    // Who has seen the log: a list in plain words, her own look marked "Du".
    await page.goto(`/familie/${logId}/innsyn`);
    await page.getByRole("heading", { level: 2, name: rights.trail.title }).waitFor();
    await checkPhoneWidth(page);
    const list = page.getByRole("list", { name: rights.trail.listLabel });
    const first = await list.getByRole("listitem").first().textContent();
    expect(first).toMatch(/^Du så hvem som har sett loggen \d\d\.\d\d\.\d{4} kl\. \d\d\.\d\d$/);
    expect(await page.locator("table").count()).toBe(0);

    // My data: what Laget holds, and the downloads.
    await page.getByRole("link", { name: nb.family.layout.tabs.data }).click();
    await page.getByRole("heading", { level: 2, name: rights.data.title }).waitFor();
    await checkPhoneWidth(page);
    await waitForHydration(page);
    const json = JSON.parse((await download(page, rights.data.downloadJson)).toString("utf8"));
    expect(json.log.id).toBe(logId);
    expect(json.log.childName).toBe("Emil Fjordheim");
    expect(json.accessTrail.length).toBeGreaterThan(0);
    expect(json.plan.areas.length).toBeGreaterThan(0);
    const pdf = await download(page, rights.data.downloadPdf);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.toString("latin1")).toContain("/StructTreeRoot");

    // Ask for a correction: an empty form first (the error is shown), then a real request.
    await page.getByRole("button", { name: rights.correction.submit }).click();
    await page.getByText(rights.correction.errors.textRequired).first().waitFor();
    await checkPhoneWidth(page);
    const text = correctionText;
    emilLogId = logId;
    await page.getByLabel(rights.correction.label).fill(text);
    await page.getByRole("button", { name: rights.correction.submit }).click();
    await page.getByRole("status").filter({ hasText: rights.correction.sent }).waitFor();
    const request = page.locator(".family-data__request").filter({ hasText: text });
    await request.getByText(rights.correction.state.open).waitFor();
    await checkPhoneWidth(page);

    // Her notices: the page works for a citizen, at phone width.
    await page.goto("/varsler");
    await page.getByRole("heading", { level: 1, name: rights.notify.title }).waitFor();
    await checkPhoneWidth(page);
  });

  it("Frida, the relay holder, answers the request and prints the log; Silje sees the answer", async () => {
    expect(emilLogId, "the first test found Emil's log").not.toBe("");
    const page = await session();
    // Frida holds the baton of Emil's log (db/seed-demo-family.ts); not in demoUsers.
    await loginWithPassword(page, "familie@fjordvik.example");
    await page.goto(`/stafettlogger/${emilLogId}`);
    const section = page.locator("#retting");
    await section
      .getByRole("heading", { level: 2, name: rights.correction.staff.heading })
      .waitFor();
    await section.getByText(correctionText).waitFor();
    await checkA11y(page);
    await waitForHydration(page);
    await section
      .getByLabel(rights.correction.staff.answerLabel)
      .fill("Takk, vi har rettet referatet.");
    await section.getByRole("button", { name: rights.correction.staff.submit }).click();
    await page.getByRole("status").filter({ hasText: rights.correction.staff.answered }).waitFor();
    expect(await page.locator("#retting").count()).toBe(0);
    await checkA11y(page);

    // The paper fallback: a print of the open log and a blank consent form in nynorsk.
    const print = await page.request.get(`/stafettlogger/${emilLogId}/utskrift.pdf`);
    expect(print.status()).toBe(200);
    expect(print.headers()["content-type"]).toBe("application/pdf");
    const form = await page.request.get(`/stafettlogger/${emilLogId}/samtykkeskjema.pdf?sprak=nn`);
    expect(form.status()).toBe(200);
    expect((await form.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");

    const silje = await session();
    await silje.setViewportSize({ width: 320, height: 800 });
    await loginAsCitizen(silje, "silje");
    await silje.goto(`/familie/${emilLogId}/mine-data`);
    const request = silje.locator(".family-data__request").filter({ hasText: correctionText });
    await request.getByText(rights.correction.state.answered).waitFor();
    await request.getByText("Takk, vi har rettet referatet.").waitFor();
    await checkPhoneWidth(silje);
    await silje.goto("/varsler");
    await silje.getByText(rights.notify.kinds.family_correction_answered).first().waitFor();
    await checkPhoneWidth(silje);
  });

  it("asks for a correction without JavaScript, keeping what was typed on an error", async () => {
    const opened = await openSession(browser, server, { blockScripts: true });
    sessions.push(opened);
    const page = opened.page;
    await page.setViewportSize({ width: 320, height: 800 });
    await loginAsCitizen(page, "tor");
    const logId = await firstLogId(page);
    await page.goto(`/familie/${logId}/mine-data`);
    const tooLong = "x".repeat(4001);
    // The browser's maxlength would stop the typing; the server's own check is what is tested.
    await page.getByLabel(rights.correction.label).evaluate((field, value) => {
      field.removeAttribute("maxlength");
      (field as HTMLTextAreaElement).value = value;
    }, tooLong);
    await page.getByRole("button", { name: rights.correction.submit }).click();
    await page.getByText(rights.correction.errors.textTooLong).first().waitFor();
    expect(await page.getByLabel(rights.correction.label).inputValue()).toBe(tooLong);
    await checkPhoneWidth(page);
    await page.getByLabel(rights.correction.label).fill("Fødselsdatoen er feil.");
    await page.getByRole("button", { name: rights.correction.submit }).click();
    await page.getByRole("status").filter({ hasText: rights.correction.sent }).waitFor();
    await page.getByText("Fødselsdatoen er feil.").waitFor();
    await checkPhoneWidth(page);
  });

  it("keeps the trail and the data page from a guardian without parental responsibility", async () => {
    const silje = await session();
    await loginAsCitizen(silje, "silje");
    const logId = await firstLogId(silje);
    const lars = await session();
    await loginAsCitizen(lars, "lars");
    for (const path of ["/innsyn", "/mine-data", "/eksport.json"]) {
      const response = await lars.goto(`/familie/${logId}${path}`);
      expect(response?.status(), path).toBe(404);
      expect(await lars.content()).not.toContain("Emil");
    }
    await checkA11y(lars);
  });
});
