import { rmSync } from "node:fs";
import { and, eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../core/access/actor.ts";
import { loadStaffActor } from "../../core/auth/sessions.ts";
import { loadConfig } from "../../core/platform/config.ts";
import { addDays, osloDate } from "../../core/platform/dates.ts";
import { createRelayLogReminders } from "../../core/relay-log/reminders.ts";
import { DEMO_MUNICIPALITY } from "../../db/seed-demo.ts";
import { relayLogEvaluations, tenants, users } from "../../db/schema/index.ts";
import { nb } from "../../i18n/nb.ts";
import { startServer, type RunningServer } from "../../server/main.ts";
import {
  checkA11y,
  escapeRegExp,
  launchBrowser,
  loginAs,
  mainHeading,
  openSession,
  seededDataDir,
  visit,
  type LagetServer,
} from "../support/e2e.ts";
import { makeStaff, TEST_PASSWORD } from "../support/fixtures.ts";
import { insertTestLog } from "../support/relay-log-fixtures.ts";

type Staff = Extract<Actor, { kind: "staff" }>;

const HOLDER = "ansatt@fjordvik.example";
const PARTICIPANT = "helsesykepleier@fjordvik.example";
const SECTOR_LEADER = "kommunalsjef@fjordvik.example";
const t = nb.relayLog.close.reminders;

/**
 * «Varsler» in the browser, on an in-process Laget with the demo municipality (PGlite): the log
 * and its reminders are written straight to the database and the reminder job is run once, so
 * the test does not wait for the 15-minute schedule. Every page state is checked with axe.
 */
describe("relay log notifications in the browser", () => {
  let running: RunningServer;
  let server: LagetServer;
  let browser: Browser;
  let dataDir: string;
  let tenantId: string;
  let holder: Staff;
  let participant: Staff;
  const childName = "Varselbarn Fiktivsen";

  async function staff(email: string): Promise<Staff> {
    return running.services.database.system(async (tx) => {
      const [user] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.tenantId, tenantId), eq(users.email, email)));
      return (await loadStaffActor(tx, user!.id)) as Staff;
    });
  }

  /** The list item about the test's log. */
  const itemAbout = (page: Page) =>
    page
      .getByRole("listitem")
      .filter({ hasText: t.about.log.replace("{{name}}", childName) })
      .first();

  beforeAll(async () => {
    dataDir = seededDataDir("laget-reminders-e2e-");
    const config = loadConfig({
      NODE_ENV: "test",
      PORT: "0",
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      LOG_LEVEL: "silent",
      SEED_DEMO: "true",
      RATE_LIMIT_LOGIN_PER_MINUTE: "10000",
    });
    [running, browser] = await Promise.all([
      startServer(config, { print: () => undefined }),
      launchBrowser(),
    ]);
    server = {
      kind: "pglite",
      url: running.url.replace("localhost", "127.0.0.1"),
      output: () => "",
      stop: async () => undefined,
    };
    const database = running.services.database;
    const [tenant] = await database.system((tx) =>
      tx
        .select({ id: tenants.id })
        .from(tenants)
        .where(eq(tenants.municipalityNumber, DEMO_MUNICIPALITY.municipalityNumber)),
    );
    tenantId = tenant!.id;
    holder = await staff(HOLDER);
    participant = await staff(PARTICIPANT);
    const log = await insertTestLog(database, {
      tenantId,
      holder,
      holderUnitId: holder.unitIds[0]!,
      participants: [{ user: participant, unitId: participant.unitIds[0]! }],
      childName,
    });
    await database.tenant(tenantId, (tx) =>
      tx.insert(relayLogEvaluations).values([
        { tenantId, logId: log.id, scheduledOn: addDays(osloDate(), 3) },
        { tenantId, logId: log.id, scheduledOn: addDays(osloDate(), -1) },
      ]),
    );
    await createRelayLogReminders({ database });
  });

  afterAll(async () => {
    await browser?.close();
    await running?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("lists the holder's notifications with the log's name, marks one and then all as read", async () => {
    const session = await openSession(browser, server);
    const { page } = session;
    try {
      await loginAs(page, HOLDER, { via: "password" });
      const nav = page.getByRole("navigation", { name: nb.nav.main });
      await nav.getByRole("link", { name: /^Varsler \(\d+ uleste?\)$/ }).click();
      await page.waitForURL((url) => url.pathname === "/varsler");
      await mainHeading(page, t.title).waitFor();
      await checkA11y(page);

      const item = itemAbout(page);
      await expect.poll(() => item.textContent()).toContain(t.unread);
      // The unread state is in words and in weight, not colour alone.
      const weight = await item
        .locator(".notification__title")
        .evaluate((element) => getComputedStyle(element).fontWeight);
      expect(Number(weight)).toBeGreaterThanOrEqual(700);

      await item.getByRole("button", { name: t.markRead }).click();
      await page.getByText(t.markedRead).waitFor();
      await checkA11y(page);
      await expect.poll(() => itemAbout(page).textContent()).toContain(t.read);

      await page.getByRole("button", { name: t.markAllRead }).click();
      await page.getByText(t.allMarkedRead).waitFor();
      await checkA11y(page);
      await nav.getByRole("link", { name: t.nav, exact: true }).waitFor();
      expect(await page.getByRole("button", { name: t.markRead }).count()).toBe(0);
      expect(session.problems).toEqual([]);
    } finally {
      await session.close();
    }
  });

  it("works without JavaScript", async () => {
    const session = await openSession(browser, server, { blockScripts: true });
    const { page } = session;
    try {
      await loginAs(page, PARTICIPANT, { via: "password" });
      await visit(page, "/varsler");
      const item = itemAbout(page);
      await expect.poll(() => item.textContent()).toContain(t.unread);
      await item.getByRole("button", { name: t.markRead }).click();
      await page.getByText(t.markedRead).waitFor();
      await checkA11y(page);
      await expect.poll(() => itemAbout(page).textContent()).toContain(t.read);
    } finally {
      await session.close();
    }
  });

  it("shows the empty state, and nothing from the relay logs to those without them", async () => {
    const email = `varsler-${Date.now()}@fjordvik.example`;
    await makeStaff(running.services.database, tenantId, { email, name: "Uten Varsler" });
    const session = await openSession(browser, server);
    const { page } = session;
    try {
      await visit(page, "/logg-inn");
      await page.getByLabel(nb.login.email).fill(email);
      await page.getByLabel(nb.login.password).fill(TEST_PASSWORD);
      await page.getByRole("button", { name: nb.login.submit, exact: true }).click();
      await page.getByRole("button", { name: nb.nav.logout }).waitFor();
      await visit(page, "/varsler");
      await page.getByText(t.empty).waitFor();
      expect(await page.getByRole("button", { name: t.markAllRead }).count()).toBe(0);
    } finally {
      await session.close();
    }

    const leader = await openSession(browser, server);
    try {
      await loginAs(leader.page, SECTOR_LEADER, { via: "password" });
      // «Varsler» is every staff member's (survey invitations reach sector leaders, ADR 0022),
      // but a sector leader, who has no relay logs, is never shown a notice about one.
      const nav = leader.page.getByRole("navigation", { name: nb.nav.main });
      expect(
        await nav.getByRole("link", { name: new RegExp(`^${escapeRegExp(t.nav)}`) }).count(),
      ).toBe(1);
      await visit(leader.page, "/varsler");
      expect(await leader.page.locator('main a[href^="/stafettlogger/"]').count()).toBe(0);
    } finally {
      await leader.close();
    }
  });
});
