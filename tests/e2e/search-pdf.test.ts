import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { maxQueryLength } from "../../core/guide/search-limits.ts";
import { nb } from "../../i18n/nb.ts";
import {
  checkA11y,
  expectPage,
  launchBrowser,
  loginAs,
  mainHeading,
  openSession,
  sharedLaget,
  tabTo,
  visit,
  type Session,
} from "../support/e2e.ts";

const EMPLOYEE = "ansatt@fjordvik.example";

function results(session: Session) {
  return session.page.locator("ol.search-results__list > li");
}

describe("search, print and PDF", () => {
  let browser: Browser;
  const server = sharedLaget();
  const sessions: Session[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterEach(async () => {
    for (const session of sessions.splice(0)) {
      expect(session.problems).toEqual([]);
      await session.close();
    }
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const blockScripts of [false, true]) {
    it(`finds a misspelt page from the header form ${blockScripts ? "without" : "with"} JavaScript`, async () => {
      const session = await openSession(browser, server, { blockScripts });
      sessions.push(session);
      const { page } = session;
      await visit(page, "/");
      const field = page.getByRole("searchbox", { name: nb.search.headerLabel });
      await tabTo(page, field);
      await page.keyboard.type("stafetlog");
      await page.keyboard.press("Enter");
      await expectPage(page, { path: "/sok?q=stafetlog", heading: nb.search.title });
      await page.getByRole("heading", { level: 2, name: /^\d+ treff for «stafetlog»$/ }).waitFor();
      const link = page.getByRole("link", { name: "Stafettlogg", exact: true });
      await expect(link.getAttribute("href")).resolves.toBe("/veileder/stafettlogg");
      // The page name outranks longer titles with the same word.
      await expect(results(session).first().getByRole("link").textContent()).resolves.toBe(
        "Stafettlogg",
      );
      await expect(results(session).first().textContent()).resolves.toContain(nb.search.kind.term);
    });
  }

  it("highlights matches and pages through many results", async () => {
    const session = await openSession(browser, server, { blockScripts: true });
    sessions.push(session);
    const { page } = session;
    await visit(page, "/sok?q=barn");
    const marks = page.locator(".search-result__snippet mark");
    expect(await marks.count()).toBeGreaterThan(0);
    expect((await marks.first().textContent())?.toLowerCase()).toMatch(/^barn/);
    const nav = page.getByRole("navigation", { name: nb.search.pagination });
    await nav.getByRole("link", { name: nb.search.next }).click();
    await expectPage(page, { path: "/sok?q=barn&side=2", heading: nb.search.title });
    await expect(
      page
        .getByRole("navigation", { name: nb.search.pagination })
        .locator('[aria-current="page"]')
        .textContent(),
    ).resolves.toContain("2");
    await expect(page.locator("ol.search-results__list").getAttribute("start")).resolves.toBe("11");
  });

  it("shows internal pages to staff only", async () => {
    const anonymous = await openSession(browser, server);
    sessions.push(anonymous);
    await visit(anonymous.page, "/sok?q=samtaleguide");
    await expect(
      anonymous.page.getByRole("link", { name: "Samtaleguide for undringssamtalen" }).count(),
    ).resolves.toBe(0);

    const staff = await openSession(browser, server);
    sessions.push(staff);
    await loginAs(staff.page, EMPLOYEE);
    await visit(staff.page, "/sok?q=samtaleguide");
    await staff.page.getByRole("link", { name: "Samtaleguide for undringssamtalen" }).waitFor();
  });

  it("explains no hits, empty and overlong queries", async () => {
    const session = await openSession(browser, server, { blockScripts: true });
    sessions.push(session);
    const { page } = session;
    await visit(page, "/sok?q=xqzvwpk");
    await page.getByRole("heading", { level: 2, name: "Ingen treff for «xqzvwpk»." }).waitFor();
    await page.getByText(nb.search.tipSpelling).waitFor();
    await page.getByRole("link", { name: nb.search.tipDirectory }).waitFor();

    await visit(page, "/sok?q=tafetlg");
    await page.getByText(nb.search.didYouMean).waitFor();
    await page.getByRole("link", { name: "Stafettlogg", exact: true }).waitFor();

    await visit(page, "/sok");
    await mainHeading(page, nb.search.title).waitFor();
    await page.getByText(nb.search.empty).waitFor();

    await visit(page, `/sok?q=${"a".repeat(maxQueryLength + 1)}`, { status: 400 });
    const field = page.getByRole("searchbox", { name: nb.search.label });
    await expect(field.getAttribute("aria-invalid")).resolves.toBe("true");
    await page.getByText(nb.search.tooLong.replace("{{max}}", String(maxQueryLength))).waitFor();
  });

  it("prints without navigation and shows external link addresses", async () => {
    const session = await openSession(browser, server);
    sessions.push(session);
    const { page } = session;
    await visit(page, "/sok?q=stafettlogg");
    await page.emulateMedia({ media: "print" });
    await expect(
      page.getByRole("search", { name: nb.search.headerLabel }).isVisible(),
    ).resolves.toBe(false);
    await expect(page.locator(".site-footer").isVisible()).resolves.toBe(false);
    await expect(mainHeading(page, nb.search.title).isVisible()).resolves.toBe(true);
    const after = await page.evaluate(() => {
      const link = document.createElement("a");
      link.href = "https://www.example.org/veileder";
      link.textContent = "Ekstern";
      document.getElementById("main")!.append(link);
      return getComputedStyle(link, "::after").content;
    });
    expect(after).toBe('" (https://www.example.org/veileder)"');
    await page.emulateMedia({ media: "screen" });
    await checkA11y(page);
  });

  it("serves the guide and a toolbox document as PDF", async () => {
    const session = await openSession(browser, server);
    sessions.push(session);
    const whole = await session.page.request.get("/veileder.pdf");
    expect(whole.status()).toBe(200);
    expect(whole.headers()["content-type"]).toBe("application/pdf");
    const bytes = Buffer.from(await whole.body()).toString("latin1");
    expect(bytes.startsWith("%PDF-")).toBe(true);
    expect(bytes).toContain("/StructTreeRoot");
    const tool = await session.page.request.get("/veileder/samtykkeskjema-stafettlogg.pdf");
    expect(tool.status()).toBe(200);
    const internal = await session.page.request.get("/veileder/observasjonsskjema.pdf", {
      maxRedirects: 0,
    });
    expect(internal.status()).toBe(303);
  });
});
