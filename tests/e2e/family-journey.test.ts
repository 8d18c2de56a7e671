import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { nb } from "../../i18n/nb.ts";
import {
  checkPhoneWidth,
  familyForm,
  fill,
  launchBrowser,
  loginAsCitizen,
  openSession,
  startLaget,
  type LagetServer,
  type Session,
} from "../support/e2e.ts";

/**
 * The family's journeys through the relay log, end to end at phone width (320 px) with axe on
 * every page state: a guardian (log in → consent → read → write a note → see who has seen the
 * log → withdraw consent) and a young person from the consent age (log in → answer whether the
 * guardians keep access → read → write "Min stemme" → see who has seen the log). On its own server,
 * because it changes the demo family's data.
 */
const family = nb.family;

async function openTab(page: Page, name: string, heading: string): Promise<void> {
  await page
    .getByRole("navigation", { name: family.layout.tabsLabel })
    .getByRole("link", { name, exact: true })
    .click();
  await page.getByRole("heading", { level: 2, name: heading }).first().waitFor();
  await checkPhoneWidth(page);
}

let browser: Browser;
let server: LagetServer;
beforeAll(async () => {
  browser = await launchBrowser();
  server = await startLaget();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("the family's journeys in the relay log", { timeout: 240_000 }, () => {
  const sessions: Session[] = [];
  async function session(): Promise<Page> {
    const opened = await openSession(browser, server);
    sessions.push(opened);
    await opened.page.setViewportSize({ width: 320, height: 800 });
    return opened.page;
  }
  afterEach(async () => {
    const problems = sessions.flatMap((opened) => opened.problems);
    await Promise.all(sessions.splice(0).map((opened) => opened.close()));
    expect(problems, "errors in the browser console").toEqual([]);
  });

  it("a guardian logs in, consents, reads, writes a note, sees the trail and withdraws", async () => {
    const page = await session();
    await loginAsCitizen(page, "tor");
    await checkPhoneWidth(page);
    await page
      .getByRole("link", { name: fill(family.home.childLog, { name: "Emil Fjordheim" }) })
      .click();
    await page.waitForURL((url) => /^\/familie\/[0-9a-f-]{36}$/.test(url.pathname));
    const logPath = new URL(page.url()).pathname;
    await page.getByRole("heading", { level: 2, name: family.log.plan.heading }).waitFor();
    await checkPhoneWidth(page);

    // Consent: the school is not yet covered; Tor consents to it for his part.
    await openTab(page, family.layout.tabs.consent, family.consent.about.whatHeading);
    await page.getByRole("checkbox", { name: /^Fjordvik skole/ }).check();
    await page.getByRole("button", { name: family.consent.form.submit }).click();
    await page.getByRole("heading", { level: 2, name: family.consent.receipt.heading }).waitFor();
    await checkPhoneWidth(page);

    // Read the whole log: who takes part, the plan, evaluations, meetings, notes.
    await openTab(page, family.layout.tabs.log, family.log.plan.heading);
    for (const heading of [
      family.log.people.heading,
      family.log.evaluations.heading,
      family.log.meetings.heading,
      family.log.entries.heading,
    ]) {
      await page.getByRole("heading", { level: 2, name: heading }).waitFor();
    }
    await page.getByText(family.log.people.holder).first().waitFor();

    // Write a note.
    const note = "Emil sov godt hele uka, og gledet seg til skolen.";
    const form = familyForm(page, "note");
    await form.getByRole("radio", { name: family.log.entries.kind.highlight }).check();
    await form.getByLabel(family.log.entries.textLabel).fill(note);
    await form.getByRole("button", { name: family.log.entries.save }).click();
    await page.getByText(family.log.notices.noteSaved).waitFor();
    await page.getByText(note).waitFor();
    await checkPhoneWidth(page);

    // Who has seen the log: his own reads are listed as "Du".
    await openTab(page, family.layout.tabs.trail, family.rights.trail.title);
    const trail = page.getByRole("list", { name: family.rights.trail.listLabel });
    await trail
      .getByText(new RegExp(`^${family.rights.trail.you} `))
      .first()
      .waitFor();

    // Withdraw consent: a confirmation that explains what happens next.
    await openTab(page, family.layout.tabs.consent, family.consent.about.whatHeading);
    await page.getByRole("link", { name: family.consent.withdraw.start }).click();
    await page
      .getByRole("heading", { level: 2, name: family.consent.withdraw.confirmHeading })
      .waitFor();
    await checkPhoneWidth(page);
    await page.getByRole("checkbox", { name: family.consent.withdraw.confirm }).check();
    await page.getByRole("button", { name: family.consent.withdraw.submit }).click();
    await page.getByText(family.consent.notices.withdrawn).waitFor();
    await checkPhoneWidth(page);
    expect(new URL(page.url()).pathname).toBe(`${logPath}/samtykke`);
  });

  it("a young person of consent age answers about the guardians, reads, writes Min stemme and sees the trail", async () => {
    const page = await session();
    await loginAsCitizen(page, "nora");
    await page
      .getByRole("link", { name: fill(family.home.childLog, { name: "Nora Haugen" }) })
      .click();
    await page.waitForURL((url) => /^\/familie\/[0-9a-f-]{36}$/.test(url.pathname));
    await checkPhoneWidth(page);

    // The log page asks her first whether her guardians shall keep access.
    await page.getByRole("link", { name: family.consent.access.noticeLink }).click();
    await page.getByRole("heading", { level: 2, name: family.consent.access.heading }).waitFor();
    await checkPhoneWidth(page);
    await page.getByRole("radio", { name: family.consent.access.keep }).check();
    await page.getByRole("button", { name: family.consent.access.submit }).click();
    await page.getByText(family.consent.notices.accessKeep).waitFor();
    await checkPhoneWidth(page);

    // Back to the log: the question is answered, and she writes her own view on a goal.
    await openTab(page, family.layout.tabs.log, family.log.plan.heading);
    expect(await page.getByRole("link", { name: family.consent.access.noticeLink }).count()).toBe(
      0,
    );
    const voice = "Jeg vil prøve å legge meg før elleve på skoledager.";
    const voiceForm = familyForm(page, "voice").first();
    await voiceForm.getByLabel(family.log.voice.youthLabel).fill(voice);
    await voiceForm.getByRole("button", { name: family.log.voice.save }).click();
    await page.getByText(family.log.notices.voiceSaved).waitFor();
    // Shown under the goal as hers (and kept in the form for a change).
    await page.getByText(fill(family.log.plan.voiceByYouth, { name: "Nora Haugen" })).waitFor();
    await page.getByText(voice, { exact: true }).first().waitFor();
    await checkPhoneWidth(page);

    await openTab(page, family.layout.tabs.trail, family.rights.trail.title);
    await page
      .getByRole("list", { name: family.rights.trail.listLabel })
      .getByText(new RegExp(`^${family.rights.trail.you} `))
      .first()
      .waitFor();
  });
});
