import type { Browser, Page } from "playwright-core";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, osloDate } from "../../core/platform/dates.ts";
import { syntheticNationalId } from "../../core/platform/national-id.ts";
import { nb } from "../../i18n/nb.ts";
import type { DatabaseKind } from "../support/databases.ts";
import {
  checkA11y,
  demoUser,
  e2eDatabaseKinds,
  escapeRegExp,
  expectPage,
  fill,
  launchBrowser,
  loginAs,
  mainHeading,
  openSession,
  sharedLaget,
  startLaget,
  tabTo,
  uniqueName,
  visit,
  waitForHydration,
  type LagetServer,
  type Session,
} from "../support/e2e.ts";

/**
 * The main journey of a relay log, through the real pages as staff would walk it: Emma (Fjordvik
 * skole) opens a log, records consent, adds Helga (Helsestasjonen i Fjordvik), builds the plan,
 * holds a collaboration meeting, evaluates, and hands the baton to Helga, who accepts, closes the
 * log and downloads the archive copy; Emma then finds the log among her closed logs. axe runs on
 * every page and page state the journey passes (forms, error states, confirmations). Two of the
 * forms (adding a participant, closing the log) are completed with the keyboard only.
 */
const EMMA = "ansatt@fjordvik.example";
const HELGA = "helsesykepleier@fjordvik.example";
const SCHOOL = "Fjordvik skole";
const HEALTH_STATION = "Helsestasjonen i Fjordvik";
const open = nb.relayLog.open;
const consent = nb.relayLog.consent;
const plan = nb.relayLog.plan;
const evaluation = nb.relayLog.plan.evaluation;
const meetings = nb.relayLog.meetings;
const handover = nb.relayLog.meetings.handover;
const close = nb.relayLog.close;

/** dd.mm.yyyy, as the pages show dates. */
function norwegian(iso: string): string {
  const [year, month, day] = iso.split("-");
  return `${day}.${month}.${year}`;
}

/** A field by the start of its label (required fields add "(påkrevd)"). */
function field(page: Page, label: string) {
  return page.getByLabel(new RegExp(`^${escapeRegExp(label)}`));
}

/** The notice shown after a saved form (role="status"). */
function notice(page: Page, text: string) {
  return page.getByRole("status").filter({ hasText: text }).waitFor();
}

/** The error summary at the top of a form that came back with errors. */
function errorSummary(page: Page) {
  return page.getByRole("heading", { name: nb.common.errorSummary }).waitFor();
}

/** Follows one of the log's tabs, as a user moves between the parts of a log. */
async function openTab(page: Page, tab: keyof typeof nb.relayLog.tabs, path: string) {
  await page
    .getByRole("navigation", { name: nb.relayLog.tabsLabel })
    .getByRole("link", { name: nb.relayLog.tabs[tab], exact: true })
    .click();
  await page.waitForURL((url) => url.pathname === path);
  await page.getByRole("heading", { level: 1 }).waitFor();
  await checkA11y(page);
}

async function logout(page: Page) {
  await page.getByRole("button", { name: nb.nav.logout }).click();
  await page.waitForURL((url) => url.pathname === "/logg-inn");
  await checkA11y(page);
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe.each(e2eDatabaseKinds)("the relay log's main journey in the browser (%s)", (kind) => {
  let server: LagetServer;
  beforeAll(async () => {
    // PGlite: the run's shared server. PostgreSQL: a server of its own on a fresh database.
    server = kind === "pglite" ? sharedLaget() : await startLaget(kind as DatabaseKind);
  }, 240_000);
  afterAll(async () => {
    if (kind !== "pglite") await server?.stop();
  });

  it(
    "open → consent → participant → plan → meeting → evaluation → handover → close → archive",
    { timeout: 900_000 },
    async () => {
      const emma = demoUser(EMMA);
      const helga = demoUser(HELGA);
      const today = osloDate();
      const session: Session = await openSession(browser, server);
      const { page } = session;
      try {
        // ── 1. Emma opens a log for a fictional child ───────────────────────────────────────
        await loginAs(page, EMMA, { via: "password" });
        await page
          .getByRole("navigation", { name: nb.nav.main })
          .getByRole("link", { name: nb.nav.relayLogs })
          .first()
          .click();
        await expectPage(page, { path: "/stafettlogger", heading: open.listTitle });
        await page.getByRole("link", { name: open.newLink }).click();
        await expectPage(page, { path: "/stafettlogger/ny", heading: open.newTitle });

        const birth = new Date(Date.UTC(2016, Math.floor(Math.random() * 12), 1 + rand(28)));
        const birthIso = birth.toISOString().slice(0, 10);
        const nationalId = syntheticNationalId(birth, rand(900));
        const wrongId = `${nationalId.slice(0, 10)}${(Number(nationalId[10]) + 1) % 10}`;
        // "Aase" sorts first, so the log is on the first page of Emma's lists.
        const childName = uniqueName("Aase Reisebarn");
        const areaTitle = "Trivsel på skolen";

        await page.getByLabel(open.childName).fill(childName);
        await page.getByLabel(open.birthDate).fill(norwegian(birthIso));
        await page.getByLabel(open.nationalId).fill(wrongId);
        const guardian = page.getByRole("group", {
          name: fill(open.guardianLegend, { number: 1 }),
        });
        await guardian.getByLabel(open.guardianName).fill("Foresatt Fiktivsen");
        await guardian.getByLabel(open.guardianPhone).fill("99 99 99 99");
        await guardian
          .getByRole("group", { name: open.parentalResponsibility })
          .getByLabel(nb.common.yes, { exact: true })
          .check();
        // Emma's own school is ticked already; the health station is added.
        const schoolBox = page.getByRole("checkbox", { name: SCHOOL, exact: true });
        expect(await schoolBox.isChecked()).toBe(true);
        await page.getByRole("checkbox", { name: HEALTH_STATION, exact: true }).check();
        await page.getByLabel(open.levelOption["2"]).check();
        const area = page.getByRole("group", { name: fill(open.areaLegend, { number: 1 }) });
        await area.getByLabel(open.areaTitle).fill(areaTitle);
        await area
          .getByLabel(open.areaDescription)
          .fill("Virker sliten og trekker seg unna i friminuttene.");

        // An ID number with a wrong control digit: the message beside the field, nothing lost.
        await page.getByRole("button", { name: open.submit }).click();
        await errorSummary(page);
        expect(await page.locator("#nationalId-feil").textContent()).toBe(open.invalidNationalId);
        expect(await page.getByLabel(open.nationalId).getAttribute("aria-describedby")).toContain(
          "nationalId-feil",
        );
        await checkA11y(page);
        expect(await page.getByLabel(open.childName).inputValue()).toBe(childName);
        expect(await page.getByLabel(open.nationalId).inputValue()).toBe(wrongId);
        expect(await guardian.getByLabel(open.guardianName).inputValue()).toBe(
          "Foresatt Fiktivsen",
        );
        expect(
          await page.getByRole("checkbox", { name: HEALTH_STATION, exact: true }).isChecked(),
        ).toBe(true);
        expect(await page.getByLabel(open.levelOption["2"]).isChecked()).toBe(true);
        expect(await area.getByLabel(open.areaTitle).inputValue()).toBe(areaTitle);

        await page.getByLabel(open.nationalId).fill(nationalId);
        await page.getByRole("button", { name: open.submit }).click();
        // The new log opens on its consent page: consent comes next.
        await page.waitForURL(
          (url) =>
            /^\/stafettlogger\/[0-9a-f-]{36}\/samtykke$/.test(url.pathname) &&
            url.searchParams.get("melding") === "relayLog.open.opened",
        );
        const logId = new URL(page.url()).pathname.split("/")[2]!;
        const logPath = `/stafettlogger/${logId}`;
        const title = `${nb.relayLog.title}: ${childName}`;
        await mainHeading(page, title).waitFor();
        await notice(page, open.opened);
        await page.getByText(nb.relayLog.noConsentHolder).waitFor();
        await page.getByText(consent.state.none).waitFor();
        await checkA11y(page);

        // ── 2. Oral consent with a witness, for both units ──────────────────────────────────
        await page.getByRole("checkbox", { name: "Foresatt Fiktivsen" }).check();
        await page.getByRole("radio", { name: consent.method.oral }).check();
        await field(page, consent.witness).fill("Rita Rektor, rektor ved Fjordvik skole");
        const consentUnits = page.getByRole("group", { name: consent.unitsLegend });
        for (const unit of [SCHOOL, HEALTH_STATION]) {
          const box = consentUnits.getByRole("checkbox", { name: unit, exact: true });
          expect(await box.isChecked(), `${unit} is offered for the consent`).toBe(true);
        }
        await page.getByRole("button", { name: consent.submit }).click();
        await page.waitForURL(
          (url) => url.searchParams.get("melding") === "relayLog.consent.recorded",
        );
        await notice(page, consent.recorded);
        await page.getByText(consent.state.valid).waitFor();
        expect(await page.getByText(nb.relayLog.noConsentHolder).count()).toBe(0);
        expect(await page.getByText(consent.state.none).count()).toBe(0);
        await page.getByText("Rita Rektor, rektor ved Fjordvik skole").waitFor();
        await checkA11y(page);

        // ── 3. Helga joins as a participant (keyboard only: search, then add) ─────────────
        await openTab(page, "participants", `${logPath}/deltakere`);
        await waitForHydration(page);
        const search = page.getByRole("searchbox", { name: consent.participants.search });
        await tabTo(page, search, 120);
        await page.keyboard.type("Helga");
        await page.keyboard.press("Enter");
        await page.waitForURL((url) => url.searchParams.get("sok") === "Helga");
        await checkA11y(page);
        const add = page.getByRole("button", {
          name: fill(consent.participants.add, { name: helga.name, unit: HEALTH_STATION }),
        });
        await tabTo(page, add, 120);
        await page.keyboard.press("Enter");
        await notice(page, consent.participants.added);
        await page.getByRole("cell", { name: helga.name, exact: true }).waitFor();
        await checkA11y(page);

        // ── 4. The plan: a goal under the area, and a measure ──────────────────────────────
        await openTab(page, "plan", `${logPath}/plan`);
        await page.getByRole("heading", { level: 3, name: new RegExp(areaTitle) }).waitFor();
        await page.getByRole("link", { name: fill(plan.addGoalTo, { name: areaTitle }) }).click();
        await page
          .getByRole("heading", { level: 2, name: fill(plan.newGoalHeading, { area: areaTitle }) })
          .waitFor();
        await checkA11y(page);
        const goalText = "Er med i leken i friminuttene";
        await field(page, `${plan.goalText} `).fill(goalText);
        await page.getByLabel(plan.expectedOutcome).fill("Leker med andre tre dager i uka");
        await page.getByRole("button", { name: plan.create, exact: true }).click();
        await notice(page, plan.created);
        await page.getByRole("heading", { level: 4, name: new RegExp(goalText) }).waitFor();
        await checkA11y(page);

        await page.getByRole("link", { name: fill(plan.addMeasureTo, { name: goalText }) }).click();
        await page
          .getByRole("heading", {
            level: 2,
            name: fill(plan.newMeasureHeading, { goal: goalText }),
          })
          .waitFor();
        await checkA11y(page);
        const measureText = "Voksenstyrt lek i storefri to dager i uka";
        await field(page, plan.what).fill(measureText);
        await page.getByRole("radio", { name: plan.responsibleKind.person }).check();
        await page
          .getByLabel(plan.responsibleUser)
          .selectOption({ label: `${emma.name} (${SCHOOL})` });
        await page.getByRole("radio", { name: plan.place.service }).check();
        await field(page, plan.startsOn).fill(addDays(today, 7));
        await field(page, plan.dueOn).fill(addDays(today, 1));
        await page.getByRole("button", { name: plan.create, exact: true }).click();
        // A deadline before the start: the message beside the deadline, the text kept.
        await errorSummary(page);
        expect(await page.locator("#dueOn-feil").textContent()).toBe(plan.deadlineBeforeStart);
        await checkA11y(page);
        expect(await field(page, plan.what).inputValue()).toBe(measureText);
        expect(await page.getByRole("radio", { name: plan.place.service }).isChecked()).toBe(true);
        expect(await field(page, plan.startsOn).inputValue()).toBe(addDays(today, 7));
        await field(page, plan.dueOn).fill(addDays(today, 49));
        await page.getByRole("button", { name: plan.create, exact: true }).click();
        await notice(page, plan.created);
        await page.getByText(measureText).waitFor();
        await checkA11y(page);

        // ── 5. A collaboration meeting: schedule, calendar file, minutes ────────────────────
        await openTab(page, "meetings", `${logPath}/moter`);
        await page.getByRole("heading", { level: 2, name: meetings.heading }).waitFor();
        await field(page, meetings.fields.date).fill(today);
        await field(page, meetings.fields.startTime).fill("08:30");
        await field(page, meetings.fields.endTime).fill("09:30");
        await field(page, meetings.fields.place).fill("Møterom 2, Fjordvik skole");
        await field(page, meetings.fields.agenda).fill("1. Status\n2. Tiltak i friminuttene");
        await page
          .getByRole("checkbox", { name: `${helga.name} (${HEALTH_STATION})`, exact: true })
          .check();
        await field(page, meetings.fields.otherParticipants).fill("mor");
        await page.getByRole("button", { name: meetings.schedule }).click();
        await notice(page, meetings.notices.scheduled);
        await page
          .getByRole("heading", {
            level: 2,
            name: fill(meetings.meetingTitle, { date: norwegian(today) }),
          })
          .waitFor();
        await checkA11y(page);

        // The calendar file: text/calendar, and never the child's name.
        const icsHref = await page
          .getByRole("link", { name: meetings.downloadIcs })
          .getAttribute("href");
        expect(icsHref).toMatch(/\/invitasjon\.ics$/);
        const ics = await page.request.get(icsHref!);
        expect(ics.status()).toBe(200);
        expect(ics.headers()["content-type"]).toContain("text/calendar");
        const icsText = (await ics.text()).replace(/\r\n[ \t]/g, "");
        expect(icsText).toContain("BEGIN:VEVENT");
        expect(icsText).toContain("Møterom 2");
        for (const part of childName.split(" ")) expect(icsText).not.toContain(part);

        // Minutes with the next evaluation, which the log then plans.
        await field(page, meetings.minutesDecisions).fill("Vi prøver voksenstyrt lek i storefri.");
        await field(page, meetings.minutesActions).fill(
          "Emma organiserer leken, Helga snakker med mor.",
        );
        await field(page, meetings.nextEvaluationOn).fill(today);
        await page.getByRole("button", { name: meetings.saveMinutes }).click();
        await notice(page, meetings.notices.minutesSavedEvaluation);
        await page.getByText("Vi prøver voksenstyrt lek i storefri.").first().waitFor();
        await checkA11y(page);

        // ── 6. The evaluation the minutes planned: held, goal scored +1 ────────────────────
        await openTab(page, "evaluations", `${logPath}/evaluering`);
        await page
          .getByText(fill(evaluation.scheduledFor, { date: norwegian(today) }))
          .first()
          .waitFor();
        await page
          .getByRole("link", {
            name: fill(evaluation.recordFor, { date: norwegian(today) }),
          })
          .click();
        await page
          .getByRole("heading", {
            level: 2,
            name: fill(evaluation.recordHeading, { date: norwegian(today) }),
          })
          .waitFor();
        await checkA11y(page);
        const goalFieldset = page.getByRole("group", {
          name: fill(evaluation.goalLegend, { area: areaTitle, goal: goalText }),
        });
        await goalFieldset.getByRole("radio", { name: evaluation.scale.p1, exact: true }).check();
        await goalFieldset
          .getByLabel(evaluation.comment)
          .fill("Med i leken tre av fem dager, mer enn ventet.");
        await page.getByLabel(evaluation.summary).fill("Tiltaket virker. Vi fortsetter.");
        await page.getByRole("button", { name: evaluation.save }).click();
        await notice(page, evaluation.recorded);
        // The effect view shows the goal's first score.
        const effect = page.getByRole("table", { name: evaluation.effectCaption });
        const effectRow = effect.getByRole("row").filter({
          has: page.getByRole("rowheader", { name: `${areaTitle}: ${goalText}` }),
        });
        await effectRow
          .getByRole("cell", {
            name: fill(evaluation.scoreOn, { score: "+1", date: norwegian(today) }),
          })
          .first()
          .waitFor();
        await page.getByText("Med i leken tre av fem dager, mer enn ventet.").waitFor();
        await checkA11y(page);

        // ── 7. Emma hands the baton to Helga ────────────────────────────────────────────────
        await openTab(page, "handover", `${logPath}/stafett`);
        await page.getByRole("heading", { level: 2, name: handover.heading }).waitFor();
        await page.getByRole("searchbox", { name: handover.searchLabel }).fill("Helga");
        await page.getByRole("button", { name: handover.searchButton }).click();
        const helgaChoice = page.getByRole("radio", {
          name: new RegExp(`^${escapeRegExp(helga.name)} `),
        });
        await helgaChoice.waitFor();
        await checkA11y(page);
        await helgaChoice.check();
        const handoverMessage = "Helsestasjonen følger opp tettest nå.";
        await field(page, handover.message).fill(handoverMessage);
        await page.getByRole("button", { name: handover.submit }).click();
        await notice(page, handover.notices.requested);
        await page.getByRole("heading", { level: 3, name: handover.pendingHeading }).waitFor();
        // Emma keeps the baton until Helga accepts.
        await page
          .getByText(fill(nb.relayLog.holder, { name: emma.name }))
          .first()
          .waitFor();
        await checkA11y(page);
        await logout(page);

        // Helga sees it on the log's handover page, and on her start page, which links to her
        // handover inbox, where she accepts.
        await loginAs(page, HELGA, { via: "password" });
        await page.goto(`${logPath}/stafett`);
        await mainHeading(page, title).waitFor();
        await page.getByText(handover.pendingForYou).waitFor();
        await checkA11y(page);
        await page.goto("/");
        const panel = page.getByRole("region", { name: open.attentionHeading });
        // The demo data may hold another handover from Emma: then the line counts them.
        const panelLink = panel.getByRole("link", {
          name: new RegExp(
            `^(${escapeRegExp(fill(open.attentionHandover, { name: emma.name }))}|${escapeRegExp(
              fill(open.attentionHandovers, { name: emma.name, count: 2 }),
            )})$`,
          ),
        });
        await panelLink.click();
        await expectPage(page, { path: "/stafettlogger/stafetter", heading: handover.inbox.title });
        const item = page.locator("section", {
          has: page.getByRole("heading", { level: 2, name: childName }),
        });
        await item.getByText(handoverMessage).waitFor();
        await item.getByText(emma.name).first().waitFor();
        await item.getByRole("button", { name: handover.inbox.accept }).click();
        await page.waitForURL(
          (url) =>
            url.pathname === `${logPath}/stafett` &&
            url.searchParams.get("melding") === "relayLog.meetings.handover.notices.accepted",
        );
        await notice(page, handover.notices.accepted);
        // The log's header now names Helga as the relay holder.
        await page
          .locator(".relay-log-meta")
          .getByText(`${fill(nb.relayLog.holder, { name: helga.name })} (${HEALTH_STATION})`)
          .waitFor();
        await checkA11y(page);

        // ── 8. Helga closes the log (keyboard only), then downloads the archive copy ──────
        await openTab(page, "close", `${logPath}/avslutt`);
        await page.getByRole("heading", { level: 2, name: close.heading }).waitFor();
        await waitForHydration(page);
        const closingNote = "Målene er nådd. Skolen følger opp videre i vanlig drift.";
        await tabTo(page, page.getByRole("radio", { name: close.reasons.goals_reached }), 120);
        await page.keyboard.press("Space");
        await tabTo(page, field(page, close.note));
        await page.keyboard.type(closingNote);
        await tabTo(page, page.getByRole("checkbox", { name: close.confirm }));
        await page.keyboard.press("Space");
        await tabTo(page, page.getByRole("button", { name: close.submit }));
        await page.keyboard.press("Enter");
        await page.waitForURL((url) => url.search.includes("melding=relayLog.close.closedNotice"));
        await notice(page, close.closedNotice);
        await page.getByRole("heading", { level: 2, name: close.summaryHeading }).waitFor();
        await page.getByText(closingNote).waitFor();
        await page.getByText(nb.relayLog.closedReadOnly).waitFor();
        await page.getByText(close.archiveNotProduced).waitFor();
        await checkA11y(page);

        const [download] = await Promise.all([
          page.waitForEvent("download"),
          page.getByRole("link", { name: close.downloadArchive }).click(),
        ]);
        expect(download.suggestedFilename()).toMatch(/^stafettlogg-[0-9a-f]{8}-arkiv\.pdf$/);
        const pdf = await page.request.get(`${logPath}/arkiv.pdf`);
        expect(pdf.status()).toBe(200);
        expect(pdf.headers()["content-type"]).toBe("application/pdf");
        expect(pdf.headers()["content-disposition"]).toMatch(/^attachment; filename="/);
        expect(pdf.headers()["cache-control"]).toBe("no-store");
        const bytes = new Uint8Array(await pdf.body());
        expect(Buffer.from(bytes.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
        const { text } = await extractText(await getDocumentProxy(bytes), { mergePages: true });
        const flat = text.replace(/\s+/g, " ");
        for (const expected of [
          childName,
          areaTitle,
          goalText,
          measureText,
          "Vi prøver voksenstyrt lek i storefri.",
          "Med i leken tre av fem dager, mer enn ventet.",
          closingNote,
          helga.name,
        ]) {
          expect(flat, `the archive copy has «${expected}»`).toContain(expected);
        }
        await visit(page, `${logPath}/avslutt`);
        await page.getByText(/^Arkivkopien ble sist laget /).waitFor();
        await logout(page);

        // ── 9. Emma finds the log among her closed logs ─────────────────────────────────────
        await loginAs(page, EMMA, { via: "password" });
        await visit(page, "/stafettlogger");
        await page.getByLabel(open.filterStatus).selectOption({ label: open.statusClosed });
        await page.getByRole("button", { name: open.filterApply }).click();
        await page.waitForURL((url) => url.searchParams.get("status") === "avsluttet");
        await mainHeading(page, open.listTitle).waitFor();
        await checkA11y(page);
        const row = page.getByRole("row").filter({
          has: page.getByRole("link", { name: childName, exact: true }),
        });
        await row.getByRole("cell", { name: open.roleParticipant }).waitFor();
        await row.getByRole("link", { name: childName, exact: true }).click();
        await expectPage(page, { path: logPath, heading: title });
        await page
          .locator(".relay-log-meta")
          .getByText(nb.relayLog.statusClosed, { exact: true })
          .waitFor();
        await page.getByText(nb.relayLog.closedReadOnly).waitFor();
        // And it is not among her open logs.
        await visit(page, "/stafettlogger");
        expect(await page.getByRole("link", { name: childName, exact: true }).count()).toBe(0);
      } finally {
        await session.close();
      }
      expect(session.problems, "errors in the browser console").toEqual([]);
    },
  );
});

function rand(below: number): number {
  return Math.floor(Math.random() * below);
}
