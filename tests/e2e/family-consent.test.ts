import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { nb } from "../../i18n/nb.ts";
import {
  checkPhoneWidth,
  escapeRegExp,
  fill,
  launchBrowser,
  loginAsCitizen,
  openSession,
  startLaget,
  waitForHydration,
  type LagetServer,
  type Session,
} from "../support/e2e.ts";

/**
 * The family's consent page in the browser, on its own server (it changes the demo family's
 * consent). Silje gives digital consent for one service at phone width, double-clicks the submit
 * button (one record), and withdraws with the confirmation step; Nora (16) answers whether her
 * guardians keep access. axe and the 320 px check on every page state.
 */
const consent = nb.family.consent;

/** The first log in the citizen's list on /familie. */
async function firstLogId(page: Page): Promise<string> {
  const link = page.locator('a[href^="/familie/"]').first();
  await link.waitFor();
  const href = (await link.getAttribute("href"))!;
  return /^\/familie\/([0-9a-f-]{36})$/.exec(href)![1]!;
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

describe("the family's consent page", { timeout: 180_000 }, () => {
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

  it("Silje gives digital consent for one service at 320 px, once, and withdraws it", async () => {
    const page = await session();
    await page.setViewportSize({ width: 320, height: 800 });
    await loginAsCitizen(page, "silje");
    const logId = await firstLogId(page);
    const path = `/familie/${logId}/samtykke`;
    await page.goto(path);
    await page.getByRole("heading", { level: 2, name: consent.about.whatHeading }).waitFor();
    await checkPhoneWidth(page);
    await waitForHydration(page);

    // No service chosen: a clear message beside the field, and nothing recorded.
    const boxes = page.locator('input[name="unitIds"]');
    for (const box of await boxes.all()) await box.uncheck();
    await page.getByRole("button", { name: consent.form.submit }).click();
    await page.getByText(consent.errors.noUnit).first().waitFor();
    await checkPhoneWidth(page);

    // One service (the school, not yet covered), then a double click on submit.
    const school = page.getByRole("checkbox", { name: /^Fjordvik skole/ });
    await school.check();
    // The form as it is about to be sent (its one-time token included), to send it again below.
    await page.evaluate(() => {
      const form = document.querySelector<HTMLFormElement>("form:has(input[name=submissionKey])")!;
      const data = new URLSearchParams();
      for (const [name, value] of new FormData(form)) data.append(name, String(value));
      data.set("intent", "give");
      (window as unknown as { __consentForm: string }).__consentForm = data.toString();
    });
    await page.getByRole("button", { name: consent.form.submit }).dblclick();
    await page.getByRole("heading", { level: 2, name: consent.receipt.heading }).waitFor();
    expect(new URL(page.url()).searchParams.get("kvittering")).toMatch(/^[0-9a-f-]{36}$/);
    const receiptId = new URL(page.url()).searchParams.get("kvittering");
    // The same form sent twice more at once (a double submit that reaches the server): each
    // answer leads to the same receipt.
    const replays = await page.evaluate(async (target) => {
      const body = (window as unknown as { __consentForm?: string }).__consentForm;
      const send = () =>
        fetch(target, {
          method: "POST",
          body,
          headers: { "content-type": "application/x-www-form-urlencoded" },
        }).then((response) => new URL(response.url).searchParams.get("kvittering"));
      return Promise.all([send(), send()]);
    }, path);
    expect(replays).toEqual([receiptId, receiptId]);
    await page.getByText(fill(consent.unit.waiting, { names: "Tor Fjordheim" })).waitFor();
    await checkPhoneWidth(page);

    // One digital record in her list, however many clicks.
    const own = page.locator("section.family-consent-own li");
    const digitalPrefix = new RegExp(`^${escapeRegExp(consent.method.digital)} – `);
    expect(await own.filter({ hasText: digitalPrefix }).count()).toBe(1);
    // A reload shows the same receipt and records nothing new.
    await page.reload();
    await page.getByRole("heading", { level: 2, name: consent.receipt.heading }).waitFor();
    expect(await own.filter({ hasText: digitalPrefix }).count()).toBe(1);

    // Withdraw: the confirmation step explains what happens, and needs the box ticked.
    await page.getByRole("link", { name: consent.withdraw.start }).click();
    await page.getByRole("heading", { level: 2, name: consent.withdraw.confirmHeading }).waitFor();
    await page.getByText(consent.withdraw.step2).waitFor();
    await checkPhoneWidth(page);
    await page.getByRole("button", { name: consent.withdraw.submit }).click();
    await page.getByText(consent.errors.confirmWithdraw).first().waitFor();
    await checkPhoneWidth(page);
    await page.getByRole("checkbox", { name: consent.withdraw.confirm }).check();
    await page.getByRole("button", { name: consent.withdraw.submit }).click();
    await page.getByText(consent.notices.withdrawn).waitFor();
    await page.getByText(consent.own.none).waitFor();
    await checkPhoneWidth(page);
  });

  it("Nora answers whether her guardians keep access, first on the consent page", async () => {
    const page = await session();
    await page.setViewportSize({ width: 320, height: 800 });
    await loginAsCitizen(page, "nora");
    const logId = await firstLogId(page);
    await page.goto(`/familie/${logId}/samtykke`);
    const question = page.getByRole("heading", { level: 2, name: consent.access.heading });
    await question.waitFor();
    // The question comes before everything else on the page.
    expect(await page.locator("h2").first().textContent()).toBe(consent.access.heading);
    await checkPhoneWidth(page);

    await page.getByRole("button", { name: consent.access.submit }).click();
    await page.getByText(consent.errors.chooseAccess).first().waitFor();
    await checkPhoneWidth(page);

    await page.getByRole("radio", { name: consent.access.end }).check();
    await page.getByRole("button", { name: consent.access.submit }).click();
    await page.getByText(consent.notices.accessEnd).waitFor();
    await page.getByText(consent.access.answeredEnd).waitFor();
    await checkPhoneWidth(page);

    // She can change her mind.
    await page.getByRole("link", { name: consent.access.change }).click();
    await page.getByRole("radio", { name: consent.access.keep }).check();
    await page.getByRole("button", { name: consent.access.submit }).click();
    await page.getByText(consent.notices.accessKeep).waitFor();
    await page.getByText(consent.access.answeredKeep).waitFor();
    await checkPhoneWidth(page);
  });
});
