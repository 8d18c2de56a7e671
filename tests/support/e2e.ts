import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { AxeBuilder } from "@axe-core/playwright";
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
  type Response,
} from "playwright-core";
import { expect, inject } from "vitest";
import { DEMO_PASSWORD, demoUsers } from "../../db/seed-demo.ts";
import { demoCitizen, demoCitizens, type DemoCitizenKey } from "../../db/seed-demo-family.ts";
import { DEMO_IDPORTEN_NAME } from "../../server/demo-idporten.ts";
import { nb } from "../../i18n/nb.ts";
import { SESSION_COOKIE } from "../../server/cookies.ts";
import { databaseKinds, freshPostgresUrl, type DatabaseKind } from "./databases.ts";
import { copyDataDir, spawnLaget, type LagetServer } from "./laget-process.ts";

export { DEMO_PASSWORD, demoUsers, demoCitizens, demoCitizen, type DemoCitizenKey };

/** The WCAG 2.1 A and AA rules: every page a test visits must pass them all. */
export const axeTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * Which databases the browser suite runs on. PGlite runs everything; PostgreSQL (when
 * TEST_DATABASE_URL is set) runs a smoke subset, because the pages are the same and only the
 * database underneath differs, and running everything twice would double the suite's time.
 */
export const e2eDatabaseKinds: DatabaseKind[] = databaseKinds;

export type { LagetServer };

/** Settings that change what a first start seeds, or how it reads what was seeded. */
const seedingSettings = [
  "DATA_DIR",
  "DATABASE_URL",
  "SEED_DEMO",
  "DEMO_LOGIN",
  "SESSION_SECRET",
  "DATA_ENCRYPTION_KEY",
];

/**
 * Starts Laget as a user would (`node bin/laget.js serve`) on a free port with a data folder of
 * its own: on PGlite a copy of the demo municipality seeded once for the run (`seededDataDir`),
 * or a fresh folder that seeds on first start when `extraEnv` changes the seeding; on PostgreSQL
 * a fresh database cloned from the migrated template and seeded on start (SEED_DEMO=true).
 */
export async function startLaget(
  kind: DatabaseKind = "pglite",
  extraEnv: Record<string, string> = {},
): Promise<LagetServer> {
  if (kind === "pglite") {
    const fresh = seedingSettings.some((name) => name in extraEnv);
    return spawnLaget({ env: extraEnv, dataDirFrom: fresh ? undefined : inject("seededDataDir") });
  }
  const postgres = await freshPostgresUrl();
  if (!postgres) throw new Error("PostgreSQL e2e needs TEST_DATABASE_URL");
  // spawnLaget drops the database when the server stops, or when it fails to start.
  return spawnLaget({ databaseUrl: postgres.url, env: extraEnv, onStopped: () => postgres.drop() });
}

/**
 * The PGlite server the e2e global setup started once for the whole run (one first-start seeding
 * instead of one per file). Its data is shared: create things with unique names, and use
 * `startLaget` instead when a test needs to know the exact state (session counts, lock-outs).
 */
export function sharedLaget(): LagetServer {
  const url = inject("lagetUrl");
  if (!url)
    throw new Error("No shared Laget server: is tests/support/e2e-global-setup.ts configured?");
  return {
    kind: "pglite",
    url,
    output: () => "(see the global setup)",
    stop: async () => undefined,
  };
}

/**
 * A new temporary data folder holding the demo municipality, seeded once for the run, for a test
 * that starts Laget in its own process (`startServer`) and needs state of its own. The caller
 * removes it.
 */
export function seededDataDir(prefix = "laget-e2e-"): string {
  return copyDataDir(inject("seededDataDir"), prefix);
}

/** Debian's Chromium; nothing here ever downloads a browser. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors and console errors seen so far (hydration errors, CSP reports, 500s). */
  problems: string[];
  close(): Promise<void>;
}

/** The server each session's context talks to, for logging in over HTTP (`loginAs`). */
const baseUrls = new WeakMap<BrowserContext, string>();

/** A fresh browser context (no cookies) with one page whose base URL is the server. */
export async function openSession(
  browser: Browser,
  server: LagetServer,
  options: { blockScripts?: boolean } = {},
): Promise<Session> {
  const context = await browser.newContext({ baseURL: server.url, locale: "nb-NO" });
  baseUrls.set(context, server.url);
  if (options.blockScripts) {
    // Emulates a browser without JavaScript for the server-rendered HTML. Turning JavaScript off
    // instead makes axe hang (STACK-NOTES trap 12).
    await context.route("**/assets/**/*.js", (route) => route.abort());
  }
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    // Chromium logs every 4xx response; refused logins, 403s and 404s are expected answers.
    if (/the server responded with a status of 4\d\d/.test(message.text())) return;
    // Aborted script requests are the point of a no-JavaScript session.
    if (options.blockScripts && /ERR_FAILED/.test(message.text())) return;
    problems.push(`console: ${message.text()}`);
  });
  return { context, page, problems, close: () => context.close() };
}

// One axe run per distinct DOM: the same markup gives the same result, so repeated visits to an
// identical page (the login page before every login) need not cost another run.
const audited = new Set<string>();

/** Runs axe (WCAG 2.1 A + AA) on the page as it is now and expects zero violations. */
export async function checkA11y(page: Page): Promise<void> {
  // Mid-transition (a dialog fading in, an alert appearing) text is pale and fails the contrast
  // rule; audit what the user sees once it has settled. Endless animations are not waited for.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getTiming().iterations !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
  const markup = await page.evaluate(() => {
    const clone = document.documentElement.cloneNode(true) as HTMLElement;
    // Tokens and nonces differ per request without changing what axe sees.
    for (const input of clone.querySelectorAll<HTMLInputElement>('input[name="_csrf"]')) {
      input.removeAttribute("value");
    }
    for (const script of clone.querySelectorAll("script")) script.remove();
    return `${document.documentElement.lang}\n${clone.outerHTML}`;
  });
  const key = createHash("sha256").update(markup).digest("hex");
  if (audited.has(key)) return;
  const violations = (await runAxe(page)).map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help}\n` +
      violation.nodes
        .map((node) => `    ${node.target.join(" ")}: ${node.failureSummary ?? ""}`)
        .join("\n"),
  );
  if (violations.length > 0) {
    throw new Error(
      `axe found ${violations.length} violation(s) on ${page.url()}:\n${violations.join("\n")}`,
    );
  }
  audited.add(key);
}

type AxeViolation = Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"][number];

// The axe-core that @axe-core/playwright itself loads (the same version and rules).
const axeSource = readFileSync(
  createRequire(createRequire(import.meta.url).resolve("@axe-core/playwright")).resolve(
    "axe-core/axe.min.js",
  ),
  "utf8",
);

/**
 * axe-core's own `axe.run` in the page, injected once per document, with the WCAG tags, reporting
 * violations in full (and, as `resultTypes` allows, only one example of each pass, which nothing
 * reads). The same engine and rules as `AxeBuilder`, without its per-call cost: it injects the
 * 600 kB script twice and finishes every run in a new blank tab. Pages with frames (Laget has
 * none) go through `AxeBuilder`, which audits inside frames too.
 */
async function runAxe(page: Page): Promise<AxeViolation[]> {
  if (page.frames().length > 1) {
    return (await new AxeBuilder({ page }).withTags(axeTags).analyze()).violations;
  }
  const injected = await page.evaluate(() => typeof (window as { axe?: unknown }).axe === "object");
  if (!injected) await page.evaluate(axeSource);
  return page.evaluate(async (tags) => {
    const { axe } = window as unknown as {
      axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> };
    };
    const results = await axe.run(document, {
      runOnly: { type: "tag", values: tags },
      resultTypes: ["violations"],
    });
    return results.violations;
  }, axeTags);
}

/** Navigates to a path, expects the given HTTP status (200 by default), and runs axe. */
export async function visit(
  page: Page,
  pathname: string,
  options: { status?: number } = {},
): Promise<Response> {
  const response = await page.goto(pathname);
  if (!response) throw new Error(`No response for ${pathname}`);
  expect(response.status(), `status of ${pathname} (ended at ${page.url()})`).toBe(
    options.status ?? 200,
  );
  await checkA11y(page);
  return response;
}

/** Waits for a page to be shown (URL and level-1 heading), then runs axe on it. */
export async function expectPage(
  page: Page,
  options: { path: string | RegExp; heading: string | RegExp },
): Promise<void> {
  const target = options.path;
  await page.waitForURL((url) =>
    typeof target === "string"
      ? url.pathname + url.search === target
      : target.test(url.pathname + url.search),
  );
  await mainHeading(page, options.heading).waitFor();
  await checkA11y(page);
}

/** The page's level-1 heading with the given text. */
export function mainHeading(page: Page, name: string | RegExp): Locator {
  return page.getByRole("heading", { level: 1, name, exact: typeof name === "string" });
}

/** Waits until React has hydrated the page, so client-side behaviour can be relied on. */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const main = document.getElementById("main");
    return Boolean(main && Object.keys(main).some((key) => key.startsWith("__reactFiber")));
  });
}

export function demoUser(email: string) {
  const user = demoUsers.find((candidate) => candidate.email === email);
  if (!user) throw new Error(`No demo user ${email}`);
  return user;
}

/**
 * Logs a demo user in and waits, with axe, for the start page or for `returnTo`. `via: "demo"`
 * (the default) logs in as the demo picker does (embedded database only); `"password"` with the
 * e-mail and password. With `browser: true` the test does it on the login page as a person would
 * (axe on the login page too): foundation.test.ts and the crawl do that for every role, so the
 * other tests, which are about what comes after, post the same form over HTTP and hand the
 * session cookie to the browser, which saves a page load and a navigation per login.
 */
export async function loginAs(
  page: Page,
  email: string,
  options: { via?: "demo" | "password"; returnTo?: string; browser?: boolean } = {},
): Promise<void> {
  const user = demoUser(email);
  const via = options.via ?? "demo";
  const target = options.returnTo ?? "/";
  const base = baseUrls.get(page.context());
  if (!options.browser && base) {
    await postLogin(page.context(), base, user, via);
    await page.goto(target);
  } else {
    const loginPath = options.returnTo
      ? `/logg-inn?returnTo=${encodeURIComponent(options.returnTo)}`
      : "/logg-inn";
    await visit(page, loginPath);
    if (via === "demo") {
      const label = nb.login.demoAs.replace("{{name}}", user.name).split(" ({{role}})")[0]!;
      await page.getByRole("button", { name: new RegExp(`^${escapeRegExp(label)} \\(`) }).click();
    } else {
      await page.getByLabel(nb.login.email).fill(email);
      await page.getByLabel(nb.login.password).fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: nb.login.submit, exact: true }).click();
    }
  }
  await page.waitForURL((url) => url.pathname + url.search === target);
  await page.getByRole("button", { name: nb.nav.logout }).waitFor();
  await checkA11y(page);
}

/**
 * The login page's form posted over HTTP with the context's cookies (CSRF token from the page,
 * the demo picker's user id or the e-mail and password), as the browser would post it; the
 * cookies the server sets (session, CSRF) go into the browser context.
 */
async function postLogin(
  context: BrowserContext,
  base: string,
  user: (typeof demoUsers)[number],
  via: "demo" | "password",
): Promise<void> {
  const jar = new Map(
    (await context.cookies(base)).map((cookie) => [cookie.name, cookie.value] as const),
  );
  const cookieHeader = () =>
    [...jar].map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join("; ");
  // The cookies the server sets on the way, to give to the browser as it would have kept them.
  const set = new Map<string, { value: string; httpOnly: boolean; expires?: number }>();
  const keep = (response: globalThis.Response) => {
    for (const header of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = header.split(";").map((part) => part.trim());
      const index = pair.indexOf("=");
      const name = pair.slice(0, index);
      const value = decodeURIComponent(pair.slice(index + 1));
      const maxAge = attributes.find((attribute) => /^max-age=/i.test(attribute));
      const seconds = maxAge ? Number(maxAge.slice("max-age=".length)) : undefined;
      jar.set(name, value);
      set.set(name, {
        value,
        httpOnly: attributes.some((attribute) => /^httponly$/i.test(attribute)),
        ...(seconds === undefined ? {} : { expires: Math.floor(Date.now() / 1000) + seconds }),
      });
    }
  };

  const loginPage = await fetch(`${base}/logg-inn`, {
    headers: { cookie: cookieHeader() },
    redirect: "manual",
  });
  keep(loginPage);
  const html = await loginPage.text();
  expect(loginPage.status, "status of /logg-inn before logging in").toBe(200);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!csrf) throw new Error("No CSRF token on /logg-inn");
  const form = new URLSearchParams({ _csrf: csrf, returnTo: "/" });
  if (via === "demo") {
    // The picker's form whose button names the user: its hidden user id.
    const picker = html
      .split("<form")
      .find((chunk) => chunk.includes('value="demo"') && chunk.includes(escapeHtml(user.name)));
    const userId = picker && /name="userId" value="([^"]+)"/.exec(picker)?.[1];
    if (!userId) throw new Error(`No demo login button for ${user.name} on /logg-inn`);
    form.set("intent", "demo");
    form.set("userId", userId);
  } else {
    form.set("intent", "password");
    form.set("email", user.email);
    form.set("password", DEMO_PASSWORD);
  }
  const posted = await fetch(`${base}/logg-inn`, {
    method: "POST",
    headers: { cookie: cookieHeader(), "content-type": "application/x-www-form-urlencoded" },
    body: form,
    redirect: "manual",
  });
  keep(posted);
  expect(posted.status, `login as ${user.email}: ${await posted.text()}`).toBe(302);
  if (!jar.has(SESSION_COOKIE)) throw new Error(`No session cookie for ${user.email}`);
  await context.addCookies(
    [...set].map(([name, cookie]) => ({
      name,
      value: cookie.value,
      url: base,
      httpOnly: cookie.httpOnly,
      sameSite: "Lax" as const,
      ...(cookie.expires === undefined ? {} : { expires: cookie.expires }),
    })),
  );
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#x27;");
}

/**
 * Logs a demo citizen (db/seed-demo-family.ts) in as a family would: Laget's login page (axe),
 * "Logg inn med ID-porten (demo)", the demo ID-porten's page (axe), the person's button, and back
 * to Laget, waiting for `returnTo` (the family's start page /familie by default; axe).
 */
export async function loginAsCitizen(
  page: Page,
  key: DemoCitizenKey,
  options: { returnTo?: string } = {},
): Promise<void> {
  const citizen = demoCitizen(key);
  const returnTo = options.returnTo ?? "/familie";
  await visit(page, `/logg-inn?returnTo=${encodeURIComponent(returnTo)}`);
  await page
    .getByRole("link", { name: nb.login.citizenOidc.replace("{{name}}", DEMO_IDPORTEN_NAME) })
    .click();
  await mainHeading(page, nb.family.home.demoIdporten.heading).waitFor();
  await checkA11y(page);
  // The buttons are named by the person's name and their role: "Logg inn som Silje Fjordheim (forelder)".
  const label = nb.family.home.demoIdporten.loginAs
    .replace("{{name}}", citizen.name)
    .split(" ({{role}})")[0]!;
  await page.getByRole("button", { name: new RegExp(`^${escapeRegExp(label)} \\(`) }).click();
  await page.waitForURL((url) => url.pathname + url.search === returnTo);
  await page.getByRole("button", { name: nb.nav.logout }).waitFor();
  await checkA11y(page);
}

/** Presses Tab until the locator has focus; fails if it is not reached within `max` presses. */
export async function tabTo(page: Page, locator: Locator, max = 40): Promise<void> {
  for (let presses = 0; presses < max; presses += 1) {
    if (
      await locator.evaluate((element) => element === document.activeElement).catch(() => false)
    ) {
      return;
    }
    await page.keyboard.press("Tab");
  }
  throw new Error(`Could not reach ${String(locator)} with Tab in ${max} presses`);
}

/** A name no other test run uses, for things tests create. */
export function uniqueName(prefix: string): string {
  return `${prefix} ${randomBytes(3).toString("hex")}`;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Fills a catalog template's {{placeholders}}, as i18next does, to find the text a page shows. */
export function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(params[key] ?? ""));
}

/** At phone width (320 px): axe passes and nothing is wider than the screen. */
export async function checkPhoneWidth(page: Page): Promise<void> {
  await page.setViewportSize({ width: 320, height: 800 });
  await checkA11y(page);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `horizontal overflow on ${page.url()}`).toBeLessThanOrEqual(320);
}

/** One of the forms of a family page, by the value of its hidden intent field. */
export function familyForm(page: Page, intent: string): Locator {
  return page.locator(`form:has(input[name="intent"][value="${intent}"])`);
}
