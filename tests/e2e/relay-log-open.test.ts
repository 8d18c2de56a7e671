import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { syntheticNationalId } from "../../core/platform/national-id.ts";
import { nb } from "../../i18n/nb.ts";
import {
  checkA11y,
  expectPage,
  launchBrowser,
  loginAs,
  openSession,
  sharedLaget,
  uniqueName,
  visit,
  type Session,
} from "../support/e2e.ts";

const EMPLOYEE = "ansatt@fjordvik.example";
const NURSE = "helsesykepleier@fjordvik.example";
const open = nb.relayLog.open;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A birth date and a synthetic ID number no other run is likely to use. */
function fictionalChild() {
  const day = 1 + Math.floor(Math.random() * 28);
  const month = 1 + Math.floor(Math.random() * 12);
  const birth = new Date(Date.UTC(2015, month - 1, day));
  const nationalId = syntheticNationalId(birth, Math.floor(Math.random() * 900));
  const typed = `${String(day).padStart(2, "0")}.${String(month).padStart(2, "0")}.2015`;
  // "Aase" sorts first, so the log is on the list's first page whatever the demo data holds.
  return { name: uniqueName("Aase Testbarn"), birthDate: typed, nationalId };
}

async function fillOpenForm(
  page: Page,
  child: { name: string; birthDate: string; nationalId: string },
) {
  await page.getByLabel(open.childName).fill(child.name);
  await page.getByLabel(open.birthDate).fill(child.birthDate);
  await page.getByLabel(open.nationalId).fill(child.nationalId);
  const guardian = page.getByRole("group", {
    name: open.guardianLegend.replace("{{number}}", "1"),
  });
  await guardian.getByLabel(open.guardianName).fill("Foresatt Fiktivsen");
  await guardian.getByLabel(open.guardianPhone).fill("99 99 99 99");
  await guardian
    .getByRole("group", { name: open.parentalResponsibility })
    .getByLabel(nb.common.yes, { exact: true })
    .check();
  await page.getByRole("checkbox", { name: "Helsestasjonen i Fjordvik" }).check();
  await page.getByLabel(open.levelOption["2"]).check();
  const area = page.getByRole("group", { name: open.areaLegend.replace("{{number}}", "1") });
  await area.getByLabel(open.areaTitle).fill("Trivsel på skolen");
  await area
    .getByLabel(open.areaDescription)
    .fill("Virker sliten og trekker seg unna i friminuttene.");
}

describe("opening a relay log in the browser", () => {
  const server = sharedLaget();
  const sessions: Session[] = [];
  async function session(options: { blockScripts?: boolean } = {}): Promise<Page> {
    const opened = await openSession(browser, server, options);
    sessions.push(opened);
    return opened.page;
  }
  afterEach(async () => {
    const problems = sessions.flatMap((opened) => opened.problems);
    for (const opened of sessions.splice(0)) await opened.close();
    expect(problems, "errors in the browser console").toEqual([]);
  });

  // The second test asks to join the log the first one opened.
  const child = fictionalChild();
  let logId = "";

  it("an employee opens a log through the form, corrects an error, and finds it in the list", async () => {
    const page = await session();
    await loginAs(page, EMPLOYEE);
    await page.getByRole("link", { name: nb.nav.relayLogs }).first().click();
    await expectPage(page, { path: "/stafettlogger", heading: open.listTitle });
    await page.getByRole("link", { name: open.newLink }).click();
    await expectPage(page, { path: "/stafettlogger/ny", heading: open.newTitle });

    // A bad control digit: the message sits beside the field and nothing typed is lost.
    const last = Number(child.nationalId[10]);
    const wrong = `${child.nationalId.slice(0, 10)}${(last + 1) % 10}`;
    await fillOpenForm(page, { ...child, nationalId: wrong });
    await page.getByRole("button", { name: open.submit }).click();
    await page.getByRole("heading", { name: nb.common.errorSummary }).waitFor();
    expect(await page.getByRole("link", { name: open.invalidNationalId }).count()).toBe(1);
    await checkA11y(page);
    expect(await page.getByLabel(open.childName).inputValue()).toBe(child.name);
    expect(await page.getByLabel(open.nationalId).inputValue()).toBe(wrong);
    expect(
      await page.getByRole("checkbox", { name: "Helsestasjonen i Fjordvik" }).isChecked(),
    ).toBe(true);

    await page.getByLabel(open.nationalId).fill(child.nationalId);
    await page.getByRole("button", { name: open.submit }).click();
    await page.waitForURL(
      /\/stafettlogger\/[0-9a-f-]{36}\/samtykke\?melding=relayLog\.open\.opened/,
    );
    logId = new URL(page.url()).pathname.split("/")[2]!;

    const title = `${nb.relayLog.title}: ${child.name}`;
    await visit(page, `/stafettlogger/${logId}`);
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    await page.getByRole("heading", { name: "Trivsel på skolen" }).waitFor();
    await page.getByRole("heading", { name: open.changeLevelHeading }).waitFor();

    await visit(page, "/stafettlogger");
    await page.getByRole("link", { name: child.name }).waitFor();
  });

  it("a colleague (without JavaScript) typing the same child learns only that a log exists, and asks to join", async () => {
    expect(logId, "the first test opened the log").not.toBe("");
    const nurse = await session({ blockScripts: true });
    await loginAs(nurse, NURSE, { via: "password" });
    await visit(nurse, "/stafettlogger/ny");
    await fillOpenForm(nurse, { ...child, name: child.name.toUpperCase() });
    await nurse.getByRole("button", { name: open.submit }).click();
    await nurse.getByRole("heading", { name: open.joinHeading }).waitFor();
    await checkA11y(nurse);
    // Nothing of the existing log is on the page: not the holder, nor its areas.
    const text = await nurse.locator("main").innerText();
    expect(text).not.toContain("Emma Eksempel");
    await nurse.getByLabel(open.joinMessage).fill("Helsesykepleier på skolen.");
    await nurse.getByRole("button", { name: open.joinSubmit }).click();
    await expectPage(nurse, {
      path: "/stafettlogger?melding=relayLog.open.joinRequested",
      heading: open.listTitle,
    });
    expect(await nurse.getByRole("link", { name: child.name }).count()).toBe(0);

    // The holder sees the request on the log's overview.
    const page = await session();
    await loginAs(page, EMPLOYEE);
    await visit(page, `/stafettlogger/${logId}`);
    await page.getByRole("heading", { name: open.joinRequestsHeading }).waitFor();
    await page.getByText(open.joinNotCovered).waitFor();
  });
});
