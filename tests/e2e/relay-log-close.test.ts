import { rmSync } from "node:fs";
import { and, eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../core/access/actor.ts";
import { loadStaffActor } from "../../core/auth/sessions.ts";
import { loadConfig } from "../../core/platform/config.ts";
import { DEMO_MUNICIPALITY } from "../../db/seed-demo.ts";
import { relayLogs, tenants, users } from "../../db/schema/index.ts";
import { nb } from "../../i18n/nb.ts";
import { startServer, type RunningServer } from "../../server/main.ts";
import {
  checkA11y,
  escapeRegExp,
  fill,
  launchBrowser,
  loginAs,
  mainHeading,
  openSession,
  seededDataDir,
  visit,
  type LagetServer,
} from "../support/e2e.ts";
import { insertTestLog } from "../support/relay-log-fixtures.ts";

type Staff = Extract<Actor, { kind: "staff" }>;

const HOLDER = "ansatt@fjordvik.example";
const PARTICIPANT = "helsesykepleier@fjordvik.example";
const OUTSIDER = "bts@fjordvik.example";
const t = nb.relayLog.close;

/**
 * Closing a log and fetching its archive copy, on an in-process Laget with the demo municipality
 * (PGlite): the log itself is written straight to the database, so this test does not depend on
 * the pages that open logs. Every page state is checked with axe.
 */
describe("closing a relay log in the browser", () => {
  let running: RunningServer;
  let server: LagetServer;
  let browser: Browser;
  let dataDir: string;
  let holder: Staff;
  let participant: Staff;
  let tenantId: string;

  async function staff(email: string): Promise<Staff> {
    const database = running.services.database;
    return database.system(async (tx) => {
      const [user] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.tenantId, tenantId), eq(users.email, email)));
      return (await loadStaffActor(tx, user!.id)) as Staff;
    });
  }

  async function newLog(childName: string) {
    return insertTestLog(running.services.database, {
      tenantId,
      holder,
      holderUnitId: holder.unitIds[0]!,
      participants: [{ user: participant, unitId: participant.unitIds[0]! }],
      childName,
    });
  }

  beforeAll(async () => {
    dataDir = seededDataDir("laget-close-e2e-");
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
    const [tenant] = await running.services.database.system((tx) =>
      tx
        .select({ id: tenants.id })
        .from(tenants)
        .where(eq(tenants.municipalityNumber, DEMO_MUNICIPALITY.municipalityNumber)),
    );
    tenantId = tenant!.id;
    holder = await staff(HOLDER);
    participant = await staff(PARTICIPANT);
  }, 240_000); // starting Laget is slow on a busy machine

  afterAll(async () => {
    await browser?.close();
    await running?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("lets the relay holder close the log, keeps what was typed on errors, and download the archive copy", async () => {
    const childName = "Avslutningsbarn Fiktivsen";
    const log = await newLog(childName);
    const closePath = `/stafettlogger/${log.id}/avslutt`;
    const session = await openSession(browser, server);
    const { page } = session;
    try {
      await loginAs(page, HOLDER, { via: "password" });
      await visit(page, closePath);
      await mainHeading(page, new RegExp(escapeRegExp(childName))).waitFor();
      await page.getByRole("heading", { level: 2, name: t.heading }).waitFor();
      await page.getByText(t.archiveAdvice).waitFor();

      // Nothing chosen and not confirmed: errors beside the fields, the note kept.
      const note = "Målene er nådd, avtalt med familien.";
      await page.getByLabel(new RegExp(`^${escapeRegExp(t.note)}`)).fill(note);
      await page.getByRole("button", { name: t.submit }).click();
      await page.getByText(t.errors.reason).first().waitFor();
      await page.getByText(t.errors.confirm).first().waitFor();
      await expect
        .poll(() => page.getByLabel(new RegExp(`^${escapeRegExp(t.note)}`)).inputValue())
        .toBe(note);
      await checkA11y(page);

      await page.getByLabel(t.reasons.goals_reached).check();
      await page.getByLabel(t.confirm).check();
      await page.getByRole("button", { name: t.submit }).click();
      await page.waitForURL((url) => url.search.includes("melding=relayLog.close.closedNotice"));
      await page.getByRole("status").filter({ hasText: t.closedNotice }).waitFor();
      await page.getByRole("heading", { level: 2, name: t.summaryHeading }).waitFor();
      await page.getByText(note).waitFor();
      const row = await running.services.database.system(async (tx) => {
        const [found] = await tx.select().from(relayLogs).where(eq(relayLogs.id, log.id));
        return found!;
      });
      expect(row.status).toBe("closed");
      const [year, month, day] = row.deleteAfter!.split("-");
      await page.getByText(fill(t.deletion, { date: `${day}.${month}.${year}` })).waitFor();
      await page.getByText(t.archiveNotProduced).waitFor();
      await checkA11y(page);

      // The archive copy: a download, never cached, for the holder only.
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("link", { name: t.downloadArchive }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^stafettlogg-[0-9a-f]{8}-arkiv\.pdf$/);
      const response = await page.request.get(`/stafettlogger/${log.id}/arkiv.pdf`);
      expect(response.status()).toBe(200);
      expect(response.headers()["content-type"]).toBe("application/pdf");
      expect(response.headers()["content-disposition"]).toMatch(/^attachment; filename="/);
      expect(response.headers()["cache-control"]).toBe("no-store");
      expect((await response.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");

      await visit(page, closePath);
      await page.getByText(/^Arkivkopien ble sist laget /).waitFor();
    } finally {
      await session.close();
    }
    expect(session.problems).toEqual([]);
  }, 120_000);

  it("works without JavaScript", async () => {
    const log = await newLog("Utenskript Fiktivsen");
    const session = await openSession(browser, server, { blockScripts: true });
    const { page } = session;
    try {
      await loginAs(page, HOLDER, { via: "password" });
      await visit(page, `/stafettlogger/${log.id}/avslutt`);
      await page.getByLabel(t.reasons.moved).check();
      await page.getByLabel(new RegExp(`^${escapeRegExp(t.note)}`)).fill("Familien har flyttet.");
      await page.getByRole("button", { name: t.submit }).click();
      // Not confirmed: the server answers with the form again, the choices kept.
      await page.getByText(t.errors.confirm).first().waitFor();
      expect(await page.getByLabel(t.reasons.moved).isChecked()).toBe(true);
      await checkA11y(page);
      await page.getByLabel(t.confirm).check();
      await page.getByRole("button", { name: t.submit }).click();
      await page.getByRole("status").filter({ hasText: t.closedNotice }).waitFor();
      await checkA11y(page);
    } finally {
      await session.close();
    }
  }, 120_000);

  it("shows the close page and the archive copy to nobody but the holder", async () => {
    const log = await newLog("Ikkeholder Fiktivsen");
    for (const [email, status] of [
      [PARTICIPANT, 403],
      [OUTSIDER, 404],
    ] as const) {
      const session = await openSession(browser, server);
      try {
        await loginAs(session.page, email, { via: "password" });
        await visit(session.page, `/stafettlogger/${log.id}/avslutt`, { status });
        const pdf = await session.page.request.get(`/stafettlogger/${log.id}/arkiv.pdf`);
        expect(pdf.status(), `${email} asking for the archive copy`).toBe(status);
        expect(pdf.headers()["content-type"]).toMatch(/^text\/html/);
        expect(await pdf.text()).not.toContain("Ikkeholder");
      } finally {
        await session.close();
      }
    }
  }, 120_000);
});
