import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { nb } from "../../i18n/nb.ts";
import {
  demoUsers,
  launchBrowser,
  loginAs,
  openSession,
  sharedLaget,
  visit,
  type LagetServer,
  type Session,
} from "../support/e2e.ts";

/**
 * Visits every page each demo role reaches from the main navigation, and the pages those link
 * to, with axe on each. Pages added later show up here without anyone listing them.
 */

// Links that are not pages of the web UI: JSON, OIDC redirects, the logout endpoint and
// downloads (PDFs, calendar files, scanned consent forms, CSV exports, the competence portal's
// documents), which their own tests check.
const notPages =
  /^\/(api\/|auth\/|logg-ut)|\.(pdf|ics|csv)(\?|$)|\/samtykke\/[^/]+\/skjema$|^\/kompetanse\/[^/]+\/fil$/;

// Content pages share one route each: the guide's ~100 pages are one kind of page to the crawl
// (the reader's, directory's and editor's own tests visit levels, steps and entries in detail).
const contentRoutes: [RegExp, string][] = [
  [/^\/veileder\/(?!ordliste$|rutiner$|verktoy$)[^/]+$/, "/veileder/:slug"],
  [/^\/ung\/[^/]+$/, "/ung/:slug"],
  [/^\/foresatte\/[^/]+$/, "/foresatte/:slug"],
];

/** How many links deep below a navigation page the crawl follows. */
const maxDepth = 2;

/** One visit per kind of page: ids become ":id", and only the query's keys count. */
function pageKind(href: string): string {
  const url = new URL(href, "http://x");
  const pathname = url.pathname.replace(
    /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g,
    ":id",
  );
  const route = contentRoutes.find(([pattern]) => pattern.test(pathname))?.[1] ?? pathname;
  const keys = [...url.searchParams.keys()].sort().join("&");
  return keys ? `${route}?${keys}` : route;
}

async function sameOriginLinks(page: Page, scope: string): Promise<string[]> {
  const hrefs = await page.locator(`${scope} a[href]`).evaluateAll((links) =>
    links.map((link) => {
      const url = new URL((link as HTMLAnchorElement).href);
      return url.origin === location.origin ? url.pathname + url.search : null;
    }),
  );
  return [
    ...new Set(hrefs.filter((href): href is string => href !== null && !notPages.test(href))),
  ];
}

describe("crawl: every navigation page for every demo role passes axe", () => {
  let server: LagetServer;
  let browser: Browser;
  let session: Session;
  let page: Page;
  // Kinds of page below the navigation already checked by an earlier role.
  const kindsSeen = new Set<string>();

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
  });
  afterEach(async () => {
    const problems = [...session.problems];
    await session.close();
    expect(problems, "errors in the browser console").toEqual([]);
  });

  it("anonymous visitor: the public pages", async () => {
    await visit(page, "/");
    // Anonymous visitors get the public navigation: only pages that need no login.
    const navLinks = await sameOriginLinks(page, `nav[aria-label="${nb.nav.main}"]`);
    expect(navLinks).toEqual(expect.arrayContaining(["/hvem-kan-hjelpe", "/foresatte", "/ung"]));
    for (const href of navLinks) {
      expect(href).not.toMatch(/^\/(admin|min-side|mine-bekymringer|api-dokumentasjon)/);
      await visit(page, href);
      expect(await page.getByRole("heading", { level: 1 }).count(), `h1 on ${href}`).toBe(1);
    }
    await visit(page, "/logg-inn");
  });

  it.each(demoUsers.map((user) => [`${user.email} (${user.roles.join(", ")})`, user.email]))(
    "%s",
    async (_label, email) => {
      await loginAs(page, email, { browser: true });
      const navLinks = await sameOriginLinks(page, `nav[aria-label="${nb.nav.main}"]`);
      // Every staff role has the start page and Min side; the admin also every admin page.
      expect(navLinks).toEqual(expect.arrayContaining(["/", "/min-side"]));
      if (email === "admin@fjordvik.example") {
        expect(navLinks).toEqual(
          expect.arrayContaining(["/admin/enheter", "/admin/brukere", "/admin/innstillinger"]),
        );
      }

      // Breadth first from the navigation: the nav pages for every role, and each kind of page
      // linked from them (forms, edit pages, confirmations) once for the whole crawl.
      const queue = navLinks.map((href) => ({ href, depth: 0 }));
      const visited: string[] = [];
      for (let item = queue.shift(); item; item = queue.shift()) {
        await visit(page, item.href);
        visited.push(item.href);
        expect(await page.getByRole("heading", { level: 1 }).count(), `h1 on ${item.href}`).toBe(1);
        if (item.depth >= maxDepth) continue;
        for (const link of await sameOriginLinks(page, "main")) {
          const kind = pageKind(link);
          if (navLinks.includes(link) || kindsSeen.has(kind)) continue;
          kindsSeen.add(kind);
          queue.push({ href: link, depth: item.depth + 1 });
        }
      }
      if (email === "admin@fjordvik.example") {
        const kinds = visited.map(pageKind);
        expect(kinds).toEqual(
          expect.arrayContaining(["/admin/enheter/ny", "/admin/enheter/:id", "/admin/brukere/ny"]),
        );
      }
    },
    // The relay log adds many pages per role (every tab of a log and its forms).
    180_000,
  );
});
