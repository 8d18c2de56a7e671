import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nb } from "../../i18n/nb.ts";
import {
  checkA11y,
  expectPage,
  fill,
  launchBrowser,
  loginAs,
  mainHeading,
  openSession,
  startLaget,
  tabTo,
  uniqueName,
  visit,
  waitForHydration,
  type LagetServer,
} from "../support/e2e.ts";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp.ts";

const COORDINATOR = "koordinator@fjordvik.example";
const fb = nb.feedback;
const year = new Date().getFullYear();

/** The inbox row whose text cell shows the given text. */
function inboxRow(page: Page, text: string) {
  return page.getByRole("row").filter({ hasText: text });
}

describe("feedback on every page and the coordinators' inbox", () => {
  let server: LagetServer;
  let smtp: TestSmtpServer;
  let browser: Browser;
  const noScriptText = uniqueName("Lenken til skjemaet for samtykke virker ikke");
  const scriptText = uniqueName("Fin side, lett å finne fram");

  beforeAll(async () => {
    smtp = await startSmtpServer();
    // Its own server: SMTP pointed at the test's mail server, and a feedback limit well above
    // what this file sends (the limit itself is tested in tests/integration/feedback.test.ts).
    server = await startLaget("pglite", {
      SMTP_URL: smtp.url,
      SMTP_FROM: "Fjordvik kommune <bti@fjordvik.example>",
      RATE_LIMIT_FEEDBACK_PER_MINUTE: "1000",
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.close();
  });

  it("an anonymous visitor without JavaScript sends feedback from a page; errors keep what was typed", async () => {
    const session = await openSession(browser, server, { blockScripts: true });
    const { page } = session;
    try {
      await visit(page, "/logg-inn");
      await page.getByRole("link", { name: fb.button }).click();
      await expectPage(page, { path: "/tilbakemelding?side=%2Flogg-inn", heading: fb.title });
      await page.getByText(fill(fb.aboutPath, { path: "/logg-inn" })).waitFor();

      // The honeypot is there for bots only: off-screen, hidden from assistive technology,
      // out of the tab order, never autofilled.
      const honeypot = page.locator('input[name="nettsted"]');
      expect(await honeypot.getAttribute("tabindex")).toBe("-1");
      expect(await honeypot.getAttribute("autocomplete")).toBe("off");
      expect(
        await honeypot.evaluate((input) => input.closest("[aria-hidden='true']") !== null),
      ).toBe(true);
      expect(await page.getByRole("textbox", { name: fb.honeypot }).count()).toBe(0);

      // Too short text and a bad address: clear messages, and what was typed stays.
      await page.getByLabel(fb.text).fill("ok");
      await page.getByLabel(fb.email).fill("ikke-en-adresse");
      await page.getByRole("button", { name: fb.submit }).click();
      await page.getByText(nb.common.errorSummary).waitFor();
      await checkA11y(page);
      expect(await page.getByRole("link", { name: fb.errors.kind }).count()).toBe(1);
      expect(await page.getByRole("link", { name: fb.errors.textTooShort }).count()).toBe(1);
      expect(await page.getByRole("link", { name: fb.errors.email }).count()).toBe(1);
      expect(await page.getByLabel(fb.text).inputValue()).toBe("ok");
      expect(await page.getByLabel(fb.email).inputValue()).toBe("ikke-en-adresse");

      await page.getByLabel(fb.kind.error).check();
      await page.getByLabel(fb.text).fill(noScriptText);
      await page.getByLabel(fb.email).fill("forelder@eksempel.example");
      await page.getByRole("button", { name: fb.submit }).click();
      await expectPage(page, {
        path: "/tilbakemelding?takk=1&side=%2Flogg-inn",
        heading: fb.thanksTitle,
      });
      expect(await page.getByRole("link", { name: fb.backToPage }).getAttribute("href")).toBe(
        "/logg-inn",
      );
      expect(session.problems).toEqual([]);
    } finally {
      await session.close();
    }
  });

  it("with JavaScript the same form opens in a dialog, by keyboard, with focus managed", async () => {
    const session = await openSession(browser, server);
    const { page } = session;
    try {
      await visit(page, "/logg-inn");
      await waitForHydration(page);
      const trigger = page.getByRole("button", { name: fb.button });
      await tabTo(page, trigger, 60);
      await page.keyboard.press("Enter");
      const dialog = page.getByRole("dialog", { name: fb.title });
      await dialog.waitFor();
      // Focus moved into the dialog; axe checks the open dialog.
      expect(await dialog.evaluate((element) => element.contains(document.activeElement))).toBe(
        true,
      );
      await checkA11y(page);

      // Escape closes it and focus returns to the button.
      await page.keyboard.press("Escape");
      await dialog.waitFor({ state: "hidden" });
      expect(await trigger.evaluate((element) => element === document.activeElement)).toBe(true);

      // Again, and this time all the way by keyboard.
      await page.keyboard.press("Enter");
      await dialog.waitFor();
      // Sent empty: the errors are listed in the dialog and focus moves to the first one.
      await tabTo(page, dialog.getByRole("button", { name: fb.submit }));
      await page.keyboard.press("Enter");
      const kindError = dialog.getByRole("link", { name: fb.errors.kind });
      await kindError.waitFor();
      expect(await kindError.evaluate((element) => element === document.activeElement)).toBe(true);
      expect(await dialog.getByRole("link", { name: fb.errors.textRequired }).count()).toBe(1);
      await checkA11y(page);

      // A radio group is one tab stop; the arrow keys choose within it.
      await tabTo(page, dialog.getByLabel(fb.kind.error));
      for (let step = 0; step < 3; step += 1) await page.keyboard.press("ArrowDown");
      expect(await dialog.getByLabel(fb.kind.good).isChecked()).toBe(true);
      await tabTo(page, dialog.getByLabel(fb.text));
      await page.keyboard.type(scriptText);
      await dialog.getByText(fill(fb.charCount, { count: scriptText.length, max: 2000 })).waitFor();
      await tabTo(page, dialog.getByRole("button", { name: fb.submit }));
      await page.keyboard.press("Enter");
      const thanks = dialog.getByRole("heading", { name: fb.thanksTitle });
      await thanks.waitFor();
      expect(await thanks.evaluate((element) => element === document.activeElement)).toBe(true);
      await checkA11y(page);
      // Still on the same page: nothing was lost by sending.
      expect(new URL(page.url()).pathname).toBe("/logg-inn");
      await dialog.getByRole("button", { name: fb.close }).first().click();
      await dialog.waitFor({ state: "hidden" });
      expect(session.problems).toEqual([]);
    } finally {
      await session.close();
    }
  });

  it("a coordinator triages the feedback, links it to the year's revision and replies by e-mail", async () => {
    const session = await openSession(browser, server);
    const { page } = session;
    try {
      await loginAs(page, COORDINATOR);
      await page
        .getByRole("navigation", { name: nb.nav.main })
        .getByRole("link", { name: fb.nav })
        .click();
      await expectPage(page, { path: "/admin/tilbakemeldinger", heading: fb.inbox.title });
      await inboxRow(page, noScriptText).waitFor();
      await inboxRow(page, scriptText).waitFor();
      // The state is written out, not only coloured.
      expect(await inboxRow(page, noScriptText).textContent()).toContain(fb.state.ny);

      // Filter: "Noe er feil" shows the first, not the second.
      await page.getByLabel(fb.inbox.kind).selectOption({ label: fb.kind.error });
      await page.getByRole("button", { name: fb.inbox.apply }).click();
      await expectPage(page, {
        path: /^\/admin\/tilbakemeldinger\?.*type=error/,
        heading: fb.inbox.title,
      });
      await inboxRow(page, noScriptText).waitFor();
      expect(await inboxRow(page, scriptText).count()).toBe(0);

      // Grouped by page.
      await visit(page, "/admin/tilbakemeldinger?sortering=page");
      await page
        .getByRole("heading", { name: fill(fb.inbox.pageGroup, { page: "/logg-inn" }) })
        .first()
        .waitFor();

      await visit(page, "/admin/tilbakemeldinger?type=error");
      await inboxRow(page, noScriptText).getByRole("link", { name: fb.inbox.open }).click();
      await expectPage(page, {
        path: /^\/admin\/tilbakemeldinger\/[0-9a-f-]{36}$/,
        heading: `${fb.item.title}: ${fb.kind.error}`,
      });
      await page.getByText(noScriptText).waitFor();
      expect(await page.getByRole("link", { name: "/logg-inn" }).getAttribute("href")).toBe(
        "/logg-inn",
      );
      await page.getByText(fb.item.emailLeft).waitFor();
      expect(await page.content()).not.toContain("forelder@eksempel.example");

      // Triage.
      await page.getByLabel(fb.item.newState).selectOption({ label: fb.state.under_vurdering });
      await page.getByRole("button", { name: fb.item.saveState }).click();
      await page.getByText(fb.item.stateSaved).waitFor();
      await checkA11y(page);

      // Link to this year's revision (created on the way).
      await page
        .getByLabel(fb.item.revisionYear)
        .selectOption({ label: fill(fb.item.revisionNew, { year }) });
      await page.getByRole("button", { name: fb.item.linkRevision }).click();
      await page.getByText(fb.item.linkSaved).waitFor();
      await page.getByText(fill(fb.item.revisionCurrent, { year })).waitFor();
      expect(await page.getByRole("main").textContent()).toContain(fb.state.tatt_inn);
      await checkA11y(page);

      // Reply by e-mail: the test's SMTP server receives it.
      const arrived = smtp.next();
      await page
        .getByRole("textbox", { name: `${fb.item.replyText} (${nb.common.required})` })
        .fill("Takk, vi har rettet lenken.");
      await page.getByRole("button", { name: fb.item.replySend }).click();
      await page.getByText(fb.item.replySent).waitFor();
      const mail = await arrived;
      expect(mail.rcptTo).toEqual(["forelder@eksempel.example"]);
      expect(mail.subject).toBe(fb.item.replyDefaultSubject);
      expect(mail.text).toBe("Takk, vi har rettet lenken.");
      expect(await page.getByRole("main").textContent()).toContain(fb.state.besvart);
      await mainHeading(page, `${fb.item.title}: ${fb.kind.error}`).waitFor();
      await checkA11y(page);

      // An item without an address has no reply form.
      await visit(page, "/admin/tilbakemeldinger?type=good");
      await inboxRow(page, scriptText).getByRole("link", { name: fb.inbox.open }).click();
      await page.getByText(scriptText).waitFor();
      await page.getByText(fb.item.emailNone).first().waitFor();
      expect(await page.getByRole("button", { name: fb.item.replySend }).count()).toBe(0);
      await checkA11y(page);
      expect(session.problems).toEqual([]);
    } finally {
      await session.close();
    }
  });

  it("the inbox works without JavaScript too, and is closed to employees", async () => {
    const session = await openSession(browser, server, { blockScripts: true });
    const { page } = session;
    try {
      await loginAs(page, COORDINATOR, { returnTo: "/admin/tilbakemeldinger" });
      await inboxRow(page, scriptText).getByRole("link", { name: fb.inbox.open }).click();
      await page.getByText(scriptText).waitFor();
      await checkA11y(page);
      await page.getByLabel(fb.item.newState).selectOption({ label: fb.state.avvist });
      await page.getByRole("button", { name: fb.item.saveState }).click();
      await page.getByText(fb.item.stateSaved).waitFor();
      expect(await page.getByRole("main").textContent()).toContain(fb.state.avvist);
      await checkA11y(page);
    } finally {
      await session.close();
    }
    const employee = await openSession(browser, server);
    try {
      await loginAs(employee.page, "ansatt@fjordvik.example");
      await visit(employee.page, "/admin/tilbakemeldinger", { status: 403 });
    } finally {
      await employee.close();
    }
  });
});
