import type { Browser, Page, Route } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { nb } from "../../i18n/nb.ts";
import {
  checkA11y,
  expectPage,
  launchBrowser,
  loginAs,
  openSession,
  sharedLaget,
  waitForHydration,
  type LagetServer,
  type Session,
} from "../support/e2e.ts";

const INJECTED = "<script>window.__injected = true</script>";

declare global {
  interface Window {
    __injected?: boolean;
    __cspViolations?: string[];
    __sameDocument?: boolean;
  }
}

/**
 * Serves Laget's real HTML for the start page with an inline script (no nonce) added to the
 * body, as an attacker's injected markup would arrive. `keepCsp: false` drops the policy header,
 * the control that shows the injection itself works.
 */
async function injectIntoStartPage(page: Page, options: { keepCsp: boolean }): Promise<string[]> {
  const policies: string[] = [];
  await page.unrouteAll();
  await page.route(
    (url) => url.pathname === "/" && url.search === "",
    async (route: Route) => {
      if (route.request().resourceType() !== "document") return route.continue();
      const response = await route.fetch();
      const html = await response.text();
      const injected = html.replace(/<body[^>]*>/, (tag) => `${tag}${INJECTED}`);
      expect(injected, "the start page has a <body> to inject into").not.toBe(html);
      const headers = { ...response.headers() };
      policies.push(headers["content-security-policy"] ?? "");
      if (!options.keepCsp) delete headers["content-security-policy"];
      await route.fulfill({ response, body: injected, headers });
    },
  );
  return policies;
}

describe("Content Security Policy in the browser", () => {
  let server: LagetServer;
  let browser: Browser;
  let session: Session;
  let page: Page;

  beforeAll(async () => {
    server = sharedLaget();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    session = await openSession(browser, server);
    page = session.page;
    await page.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener("securitypolicyviolation", (event) => {
        window.__cspViolations!.push(`${event.effectiveDirective} ${event.blockedURI}`);
      });
    });
    await loginAs(page, "admin@fjordvik.example");
  });
  afterEach(async () => {
    await session.close();
  });

  it("runs an injected inline script when the policy header is removed (control)", async () => {
    await injectIntoStartPage(page, { keepCsp: false });
    await page.goto("/");
    await page.waitForFunction(() => window.__injected === true);
  });

  it("blocks an injected inline script without the nonce while Laget's own scripts run", async () => {
    const policies = await injectIntoStartPage(page, { keepCsp: true });
    await page.goto("/");
    await waitForHydration(page);

    expect(policies).toHaveLength(1);
    expect(policies[0]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(policies[0]).not.toContain("unsafe-inline");
    // The script is in the document, and the browser refused to run it.
    const present = await page.evaluate(() =>
      Array.from(document.scripts).some((script) => script.textContent?.includes("__injected")),
    );
    expect(present).toBe(true);
    expect(await page.evaluate(() => window.__injected)).toBeUndefined();
    await page.waitForFunction(() => (window.__cspViolations?.length ?? 0) > 0);
    expect(await page.evaluate(() => window.__cspViolations)).toEqual(["script-src-elem inline"]);
    await checkA11y(page);

    // Laget's own (nonced) scripts hydrated the page: a link click is a client-side navigation,
    // so a marker set on this document survives it.
    await page.evaluate(() => (window.__sameDocument = true));
    await page
      .getByRole("navigation", { name: nb.nav.main })
      .getByRole("link", { name: nb.nav.units })
      .click();
    await expectPage(page, { path: "/admin/enheter", heading: nb.units.title });
    expect(await page.evaluate(() => window.__sameDocument)).toBe(true);
    expect(await page.evaluate(() => window.__cspViolations)).toEqual(["script-src-elem inline"]);
    expect(session.problems.filter((problem) => !/Content Security Policy/.test(problem))).toEqual(
      [],
    );
  });
});
