import { rmSync } from "node:fs";
import { and, eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../core/access/actor.ts";
import { loadStaffActor } from "../../core/auth/sessions.ts";
import { loadConfig } from "../../core/platform/config.ts";
import { DEMO_MUNICIPALITY } from "../../db/seed-demo.ts";
import { relayLogs, tenants, units, users } from "../../db/schema/index.ts";
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
  type Session,
} from "../support/e2e.ts";
import { insertTestLog } from "../support/relay-log-fixtures.ts";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp.ts";

type Staff = Extract<Actor, { kind: "staff" }>;

const EMMA = "ansatt@fjordvik.example";
const HELGA = "helsesykepleier@fjordvik.example";
const BJORN = "bts@fjordvik.example";
const m = nb.relayLog.meetings;
const h = m.handover;

/** A field by the start of its label (required fields add "(påkrevd)"). */
function field(page: Page, label: string) {
  return page.getByLabel(new RegExp(`^${escapeRegExp(label)}`));
}

/**
 * Meetings and handovers on an in-process Laget with the demo municipality (PGlite) and a real
 * SMTP server: the logs are written straight to the database, so the test does not depend on
 * the pages that open logs. Every page state is checked with axe; the meetings part runs with
 * JavaScript blocked, since every form must work without it.
 */
describe("relay log meetings and handovers in the browser", () => {
  let running: RunningServer;
  let server: LagetServer;
  let browser: Browser;
  let smtp: TestSmtpServer;
  let dataDir: string;
  let tenantId: string;
  let emma: Staff;
  let helga: Staff;
  let bjorn: Staff;

  async function staff(email: string): Promise<Staff> {
    return running.services.database.system(async (tx) => {
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
      holder: emma,
      holderUnitId: emma.unitIds[0]!,
      participants: [{ user: helga, unitId: helga.unitIds[0]! }],
      childName,
    });
  }

  async function withSession<T>(
    options: { blockScripts?: boolean },
    work: (page: Page) => Promise<T>,
  ): Promise<T> {
    const session: Session = await openSession(browser, server, options);
    try {
      const result = await work(session.page);
      expect(session.problems, "errors in the browser console").toEqual([]);
      return result;
    } finally {
      await session.close();
    }
  }

  beforeAll(async () => {
    dataDir = seededDataDir("laget-meetings-e2e-");
    smtp = await startSmtpServer();
    const config = loadConfig({
      NODE_ENV: "test",
      PORT: "0",
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      LOG_LEVEL: "silent",
      SEED_DEMO: "true",
      RATE_LIMIT_LOGIN_PER_MINUTE: "10000",
      SMTP_URL: smtp.url,
      SMTP_FROM: "Laget Fjordvik <laget@fjordvik.example>",
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
    [emma, helga, bjorn] = await Promise.all([staff(EMMA), staff(HELGA), staff(BJORN)]);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await running?.stop();
    await smtp?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  // Many page states each: more time than the project's default on a busy machine.
  it(
    "schedules a meeting, sends the invitation, writes minutes and cancels, without JavaScript",
    { timeout: 300_000 },
    async () => {
      const childName = "Møtebarn Fiktivsen";
      const log = await newLog(childName);
      const meetingsPath = `/stafettlogger/${log.id}/moter`;
      await withSession({ blockScripts: true }, async (page) => {
        await loginAs(page, EMMA, { via: "password" });
        await visit(page, meetingsPath);
        await mainHeading(page, new RegExp(escapeRegExp(childName))).waitFor();
        await page.getByRole("heading", { level: 2, name: m.heading }).waitFor();
        await page.getByText(m.noUpcoming).waitFor();

        // The end before the start, no place: errors beside the fields, the agenda kept.
        await field(page, m.fields.date).fill("2030-06-14");
        await field(page, m.fields.startTime).fill("10:00");
        await field(page, m.fields.endTime).fill("09:00");
        await field(page, m.fields.agenda).fill("1. Status\n2. Tiltak");
        await page.getByRole("checkbox", { name: new RegExp(escapeRegExp(helga.name)) }).check();
        await field(page, m.fields.otherParticipants).fill("mor og far");
        await page.getByRole("button", { name: m.schedule }).click();
        await page.getByRole("heading", { name: nb.common.errorSummary }).waitFor();
        await page.getByText(m.errors.endBeforeStart).first().waitFor();
        await checkA11y(page);
        expect(await field(page, m.fields.agenda).inputValue()).toBe("1. Status\n2. Tiltak");
        expect(
          await page
            .getByRole("checkbox", { name: new RegExp(escapeRegExp(helga.name)) })
            .isChecked(),
        ).toBe(true);

        await field(page, m.fields.endTime).fill("11:00");
        await field(page, m.fields.place).fill("Møterom 2, Fjordvik skole");
        await page.getByRole("button", { name: m.schedule }).click();
        await page.getByRole("status").filter({ hasText: m.notices.scheduled }).waitFor();
        await page
          .getByRole("heading", { level: 2, name: fill(m.meetingTitle, { date: "14.06.2030" }) })
          .waitFor();
        await checkA11y(page);
        const meetingPath = new URL(page.url()).pathname;

        // The calendar file: read access, no child's name, UTC times.
        const ics = await page.request.get(`${meetingPath}/invitasjon.ics`);
        expect(ics.status()).toBe(200);
        expect(ics.headers()["content-type"]).toContain("text/calendar");
        const icsText = (await ics.text()).replace(/\r\n[ \t]/g, "");
        expect(icsText).toContain("DTSTART:20300614T080000Z");
        expect(icsText).not.toContain("Fiktivsen");

        // E-mail to the staff taking part: Emma is not ticked, Helga is.
        const arrived = smtp.next();
        await page.getByRole("button", { name: m.sendInvitation }).click();
        await page.getByRole("status").filter({ hasText: m.notices.invitationSent }).waitFor();
        await checkA11y(page);
        const mail = await arrived;
        expect(mail.rcptTo).toEqual([HELGA]);
        expect(mail.subject).toBe(m.mail.subject);
        expect(mail.raw).toMatch(/samarbeidsmote\.ics/);
        expect(mail.raw).not.toContain("Fiktivsen");

        // Minutes: empty is refused; with a next evaluation the log gets one planned.
        await page.getByRole("button", { name: m.saveMinutes }).click();
        await page.getByText(m.errors.minutesEmpty).first().waitFor();
        await checkA11y(page);
        await field(page, m.minutesDecisions).fill("Vi starter med leselekser.");
        await field(page, m.minutesActions).fill(
          "Emma følger opp skolen, foreldrene leser hjemme.",
        );
        await field(page, m.nextEvaluationOn).fill("2030-09-01");
        await page.getByRole("button", { name: m.saveMinutes }).click();
        await page
          .getByRole("status")
          .filter({ hasText: m.notices.minutesSavedEvaluation })
          .waitFor();
        await page.getByText("Vi starter med leselekser.").first().waitFor();
        await checkA11y(page);

        // A second meeting, cancelled only once confirmed.
        await visit(page, meetingsPath);
        await field(page, m.fields.date).fill("2030-08-20");
        await field(page, m.fields.startTime).fill("12:00");
        await field(page, m.fields.endTime).fill("13:00");
        await field(page, m.fields.place).fill("Helsestasjonen");
        await page.getByRole("button", { name: m.schedule }).click();
        await page.getByRole("status").filter({ hasText: m.notices.scheduled }).waitFor();
        await page.getByRole("button", { name: m.cancelButton }).click();
        await page.getByText(m.errors.confirmCancel).first().waitFor();
        await checkA11y(page);
        await page.getByRole("checkbox", { name: m.cancelConfirm }).check();
        await page.getByRole("button", { name: m.cancelButton }).click();
        await page.getByRole("status").filter({ hasText: m.notices.cancelled }).waitFor();
        await page.getByRole("button", { name: m.sendCancellation }).waitFor();
        await checkA11y(page);

        // The list: both meetings, with their status in words.
        await visit(page, meetingsPath);
        await page
          .getByRole("link", {
            name: fill(m.when, { date: "14.06.2030", start: "10:00", end: "11:00" }),
          })
          .waitFor();
        await page.getByText(m.status.cancelled).first().waitFor();
        await page.getByText(m.status.held).first().waitFor();
      });

      // Someone outside the log gets 404 for the page and the file.
      await withSession({}, async (page) => {
        await loginAs(page, BJORN, { via: "password" });
        await visit(page, meetingsPath, { status: 404 });
        const file = await page.request.get(
          `${meetingsPath}/00000000-0000-4000-8000-000000000000/invitasjon.ics`,
        );
        expect(file.status()).toBe(404);
      });
    },
  );

  it(
    "hands over the baton: declined, then a transition the receiver accepts",
    { timeout: 300_000 },
    async () => {
      const childName = "Stafettbarn Fiktivsen";
      const log = await newLog(childName);
      const handoverPath = `/stafettlogger/${log.id}/stafett`;

      await withSession({}, async (page) => {
        await loginAs(page, EMMA, { via: "password" });
        await visit(page, handoverPath);
        await page.getByRole("heading", { level: 2, name: h.heading }).waitFor();
        await page.getByText(h.noHistory).waitFor();
        await page.getByRole("searchbox", { name: h.searchLabel }).fill("Helga");
        await page.getByRole("button", { name: h.searchButton }).click();
        await page.getByRole("radio", { name: new RegExp(escapeRegExp(helga.name)) }).waitFor();
        await checkA11y(page);
        // Nothing chosen: the error beside the choice, the message kept.
        await field(page, h.message).fill("Helsestasjonen følger opp tettest nå.");
        await page.getByRole("button", { name: h.submit }).click();
        await page.getByText(h.errors.chooseReceiver).first().waitFor();
        await checkA11y(page);
        expect(await field(page, h.message).inputValue()).toBe(
          "Helsestasjonen følger opp tettest nå.",
        );
        await page.getByRole("radio", { name: new RegExp(escapeRegExp(helga.name)) }).check();
        await page.getByRole("button", { name: h.submit }).click();
        await page.getByRole("status").filter({ hasText: h.notices.requested }).waitFor();
        await page.getByRole("heading", { level: 3, name: h.pendingHeading }).waitFor();
        await checkA11y(page);
      });

      await withSession({}, async (page) => {
        await loginAs(page, HELGA, { via: "password" });
        await visit(page, "/stafettlogger/stafetter");
        const item = page.locator("section", {
          has: page.getByRole("heading", { level: 2, name: childName }),
        });
        await item.getByText("Helsestasjonen følger opp tettest nå.").waitFor();
        await item.getByText(emma.name).waitFor();
        await item.getByRole("button", { name: h.inbox.decline }).click();
        await page.getByText(h.errors.declineReason).first().waitFor();
        await checkA11y(page);
        await item.getByLabel(h.inbox.declineReason).fill("Jeg er i permisjon fra neste uke.");
        await item.getByRole("button", { name: h.inbox.decline }).click();
        await page.getByRole("status").filter({ hasText: h.notices.declined }).waitFor();
        await checkA11y(page);
      });
      let [row] = await running.services.database.system((tx) =>
        tx.select().from(relayLogs).where(eq(relayLogs.id, log.id)),
      );
      expect(row!.holderUserId).toBe(emma.userId);

      // A transition to the kindergarten's Bjørn: the school leaves the log.
      const [school] = await running.services.database.system((tx) =>
        tx.select().from(units).where(eq(units.id, emma.unitIds[0]!)),
      );
      await withSession({}, async (page) => {
        await loginAs(page, EMMA, { via: "password" });
        await visit(page, handoverPath);
        await page.getByText("Jeg er i permisjon fra neste uke.").waitFor();
        await page.getByRole("searchbox", { name: h.searchLabel }).fill("Bjørn");
        await page.getByRole("button", { name: h.searchButton }).click();
        await page.getByRole("radio", { name: new RegExp(escapeRegExp(bjorn.name)) }).check();
        await page.getByRole("checkbox", { name: h.isTransition }).check();
        await field(page, h.leavingUnit).selectOption({ label: school!.name });
        await page.getByRole("button", { name: h.submit }).click();
        await page.getByRole("status").filter({ hasText: h.notices.requested }).waitFor();
        await page.getByText(fill(h.pendingTransition, { unit: school!.name })).waitFor();
        await checkA11y(page);
      });

      await withSession({}, async (page) => {
        await loginAs(page, BJORN, { via: "password" });
        await visit(page, "/stafettlogger/stafetter");
        const item = page.locator("section", {
          has: page.getByRole("heading", { level: 2, name: childName }),
        });
        await item.getByText(h.inbox.transition).waitFor();
        await item.getByRole("button", { name: h.inbox.accept }).click();
        await page.waitForURL((url) => url.pathname === `/stafettlogger/${log.id}/samtykke`);
        await mainHeading(page, new RegExp(escapeRegExp(childName))).waitFor();
        await checkA11y(page);
        await visit(page, handoverPath);
        await page
          .getByRole("definition")
          .filter({
            hasText: fill(h.holderLine, { name: bjorn.name, unit: "Solsikken barnehage" }),
          })
          .waitFor();
      });
      [row] = await running.services.database.system((tx) =>
        tx.select().from(relayLogs).where(eq(relayLogs.id, log.id)),
      );
      expect(row!.holderUserId).toBe(bjorn.userId);

      // Emma's school left the log with the transition: the log is gone for her.
      await withSession({}, async (page) => {
        await loginAs(page, EMMA, { via: "password" });
        await visit(page, handoverPath, { status: 404 });
      });
    },
  );
});
