import { readFile } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { addDays, osloDate } from "../../core/platform/dates.ts";
import { nb } from "../../i18n/nb.ts";
import {
  checkA11y,
  escapeRegExp,
  expectPage,
  fill,
  launchBrowser,
  loginAs,
  mainHeading,
  openSession,
  sharedLaget,
  uniqueName,
  visit,
  type Session,
} from "../support/e2e.ts";

const EMMA = "ansatt@fjordvik.example";
// No demo user works in an adult service; the health station's nurse registers instead (any
// unit may register a case, adult services are only suggested first).
const HELGA = "helsesykepleier@fjordvik.example";
const cases = nb.relayLog.cases;

function norwegian(iso: string): string {
  const [year, month, day] = iso.split("-");
  return `${day}.${month}.${year}`;
}

/** A field by the start of its label ("Navn" must not find "Barnets navn"). */
function field(page: Page, label: string) {
  return page.getByLabel(new RegExp(`^${escapeRegExp(label)}`));
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("anonymous case discussion, barn som pårørende and bekymringsmelding in the browser", () => {
  const server = sharedLaget();
  const sessions: Session[] = [];
  async function session(): Promise<Page> {
    const opened = await openSession(browser, server);
    sessions.push(opened);
    return opened.page;
  }
  afterEach(async () => {
    const problems = sessions.flatMap((opened) => opened.problems);
    for (const opened of sessions.splice(0)) await opened.close();
    expect(problems, "errors in the browser console").toEqual([]);
  });

  it("an employee opens an anonymous case discussion; a name as pseudonym is questioned first", async () => {
    const page = await session();
    await loginAs(page, EMMA);
    await visit(page, "/stafettlogger/ny-drofting");
    await mainHeading(page, cases.anonymous.title).waitFor();

    await field(page, cases.anonymous.pseudonym).fill("Emma Hansen");
    await field(page, fill(cases.anonymous.areaTitle, { number: 1 })).fill("Trivsel");
    await page.getByRole("button", { name: cases.anonymous.submit }).click();
    await page.getByRole("heading", { name: nb.worry.warning.heading }).waitFor();
    await checkA11y(page);

    const pseudonym = uniqueName("Elev");
    await field(page, cases.anonymous.pseudonym).fill(pseudonym);
    await page.getByRole("button", { name: cases.anonymous.submit }).click();
    await expectPage(page, {
      path: /^\/stafettlogger\/[0-9a-f-]{36}\?melding=/,
      heading: `${nb.relayLog.anonymousTitle}: ${pseudonym}`,
    });
    const logPath = new URL(page.url()).pathname;

    // The relay holder's convert page, and its errors.
    await visit(page, `${logPath}/konverter`);
    await page.getByRole("heading", { level: 2, name: cases.convert.title }).waitFor();
    await page.getByRole("button", { name: cases.convert.submit }).click();
    await page.getByText(cases.convert.confirmRequired).first().waitFor();
    await checkA11y(page);

    // The report to child welfare from the discussion: nothing to prefill, never blocked.
    await visit(page, `${logPath}/bekymringsmelding`);
    await page.getByRole("heading", { level: 2, name: cases.childWelfare.title }).waitFor();
    await expect(field(page, cases.childWelfare.childName).inputValue()).resolves.toBe("");
  });

  it("a health nurse registers barn som pårørende and finds the case in the unit's list", async () => {
    const page = await session();
    await loginAs(page, HELGA);
    await page
      .getByRole("navigation", { name: nb.nav.main })
      .getByRole("link", { name: cases.nextOfKin.nav })
      .click();
    await expectPage(page, { path: "/barn-som-parorende", heading: cases.nextOfKin.listTitle });
    await page.getByRole("link", { name: cases.nextOfKin.new }).click();
    await expectPage(page, { path: "/barn-som-parorende/ny", heading: cases.nextOfKin.newTitle });

    const today = osloDate();
    await field(page, cases.nextOfKin.parentReference).fill("Ola Nordmann");
    await page.getByRole("radio", { name: cases.nextOfKin.situation.substance_use }).check();
    await field(page, fill(cases.nextOfKin.childName, { number: 1 })).fill("Lise");
    await field(page, fill(cases.nextOfKin.childBirthYear, { number: 1 })).fill(
      String(Number(today.slice(0, 4)) - 6),
    );
    await field(page, cases.nextOfKin.conversationOn).fill(norwegian(today));
    await field(page, cases.nextOfKin.followUpOn).fill(norwegian(addDays(today, -1)));
    await page.getByRole("button", { name: cases.nextOfKin.create }).click();
    await page.getByText(cases.nextOfKin.followUpBeforeConversation).first().waitFor();
    await checkA11y(page);

    const reference = uniqueName("O.N.");
    await field(page, cases.nextOfKin.parentReference).fill(reference);
    await field(page, cases.nextOfKin.followUpOn).fill(norwegian(addDays(today, 14)));
    await field(page, cases.nextOfKin.childrensNeeds).fill("Vet lite om mors situasjon.");
    await field(page, cases.nextOfKin.actionsTaken).fill("Gitt informasjon og råd til mor.");
    await page.getByRole("button", { name: cases.nextOfKin.create }).click();
    await expectPage(page, {
      path: /^\/barn-som-parorende\/[0-9a-f-]{36}\?melding=/,
      heading: fill(cases.nextOfKin.caseTitle, { reference }),
    });
    await page.getByRole("status").filter({ hasText: cases.nextOfKin.created }).waitFor();
    await expect(
      page.getByRole("link", { name: fill(cases.nextOfKin.openLog, { name: "Lise" }) }).count(),
    ).resolves.toBe(1);

    await page.getByRole("link", { name: cases.nextOfKin.backToList }).first().click();
    await expectPage(page, { path: "/barn-som-parorende", heading: cases.nextOfKin.listTitle });
    await page.getByRole("link", { name: reference }).waitFor();
  });

  it("an employee writes a bekymringsmelding from the guide and downloads the PDF", async () => {
    const page = await session();
    await loginAs(page, EMMA);
    await visit(page, "/bekymring/meld-na");
    await page.getByRole("link", { name: cases.childWelfare.guideLink }).click();
    await expectPage(page, { path: "/bekymringsmelding", heading: cases.childWelfare.title });

    const check = page.getByRole("button", { name: cases.childWelfare.check });
    await check.click();
    await page.getByRole("heading", { name: nb.common.errorSummary }).waitFor();
    await checkA11y(page);

    const child = uniqueName("Testbarn");
    await field(page, cases.childWelfare.childName).fill(child);
    await field(page, cases.childWelfare.observations).fill(
      "10.03: kom uten matpakke for tredje gang denne uken og sovnet i timen.",
    );
    await page.getByRole("radio", { name: cases.childWelfare.informed.yes, exact: true }).check();
    await page.getByRole("radio", { name: cases.childWelfare.urgencyOption.serious }).check();
    await field(page, cases.childWelfare.reporterPhone).fill("12 34 56 78");
    await check.click();
    await page.getByRole("heading", { name: cases.childWelfare.reviewHeading }).waitFor();
    await page.getByText(child).first().waitFor();
    await checkA11y(page);

    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: cases.childWelfare.download }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^bekymringsmelding-\d{4}-\d{2}-\d{2}\.pdf$/);
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");

    await page.getByRole("link", { name: cases.childWelfare.receiptLink }).click();
    await expectPage(page, {
      path: /^\/bekymringsmelding\/kvittering\/[0-9a-f-]{36}$/,
      heading: cases.childWelfare.receiptTitle,
    });
    await page
      .getByRole("status")
      .filter({
        hasText: new RegExp(escapeRegExp(cases.childWelfare.receiptRecorded.split("{{")[0]!)),
      })
      .waitFor();
  });
});
