import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { nb } from "../../i18n/nb.ts";
import {
  checkA11y,
  escapeRegExp,
  expectPage,
  launchBrowser,
  loginAs,
  openSession,
  sharedLaget,
  uniqueName,
  visit,
  type Session,
} from "../support/e2e.ts";

const COORDINATOR = "koordinator@fjordvik.example";
const SECTOR_LEADER = "kommunalsjef@fjordvik.example";
const r = nb.evaluation.reports;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("leadership reports in the browser", () => {
  const server = sharedLaget();
  const sessions: Session[] = [];
  async function session(): Promise<Session> {
    const opened = await openSession(browser, server);
    sessions.push(opened);
    return opened;
  }
  afterEach(async () => {
    const problems = sessions.flatMap((opened) => opened.problems);
    for (const opened of sessions.splice(0)) await opened.close();
    expect(problems, "errors in the browser console").toEqual([]);
  });

  it("the coordinator writes and publishes a half-yearly report; the sector leader reads it", async () => {
    const { page } = await session();
    await loginAs(page, COORDINATOR);
    await visit(page, "/evaluering");
    await expectPage(page, { path: "/evaluering", heading: r.hub.title });
    await page.getByRole("link", { name: r.hub.reports, exact: true }).click();
    await expectPage(page, { path: "/evaluering/rapporter", heading: r.title });
    await page.getByRole("link", { name: r.new }).click();
    await expectPage(page, { path: "/evaluering/rapporter/ny", heading: r.form.newTitle });

    const main = page.getByRole("main");
    // The half-yearly report is chosen, the last full half-year filled in.
    expect(
      await main
        .getByRole("radio", { name: new RegExp(`^${escapeRegExp(r.kind.half_year)}`) })
        .isChecked(),
    ).toBe(true);
    const from = await main.getByLabel(r.form.periodFrom).inputValue();
    const to = await main.getByLabel(r.form.periodTo).inputValue();
    expect(from).toMatch(/^\d{4}-(01|07)-01$/);
    expect(to).toMatch(/^\d{4}-(06-30|12-31)$/);

    const title = uniqueName("Halvårsrapport til ledelsen");
    await main.getByLabel(r.form.titleLabel).fill(title);
    await main
      .getByLabel(r.form.summary)
      .fill("## Hovedfunn\n\nFlere enheter bruker stafettloggen. **Opplæringen fortsetter.**");
    const surveyBoxes = main
      .getByRole("group", { name: r.form.surveysLegend })
      .getByRole("checkbox");
    if ((await surveyBoxes.count()) > 0) await surveyBoxes.first().check();

    // An end before the start: a message beside the field, and nothing typed is lost.
    await main.getByLabel(r.form.periodTo).fill(`${from.slice(0, 4)}-01-01`);
    await main.getByLabel(r.form.periodFrom).fill(`${from.slice(0, 4)}-02-01`);
    await main.getByRole("button", { name: r.form.create }).click();
    await main.getByText(r.errors.toBeforeFrom).first().waitFor();
    expect(await main.getByLabel(r.form.titleLabel).inputValue()).toBe(title);
    await checkA11y(page);
    await main.getByLabel(r.form.periodFrom).fill(from);
    await main.getByLabel(r.form.periodTo).fill(to);
    await main.getByRole("button", { name: r.form.create }).click();

    await expectPage(page, {
      path: /^\/evaluering\/rapporter\/[0-9a-f-]{36}\?melding=/,
      heading: title,
    });
    const reportPath = new URL(page.url()).pathname;
    await main.getByRole("heading", { level: 2, name: r.sections.indicators }).waitFor();
    await main.getByText("Opplæringen fortsetter.").waitFor();

    // The draft's edit page, and back with a changed summary.
    await main.getByRole("link", { name: r.view.edit }).click();
    await expectPage(page, {
      path: `${reportPath}/endre`,
      heading: `${r.form.editTitle}: ${title}`,
    });
    await main.getByLabel(r.form.summary).fill("Opplæringen fortsetter i alle enheter.");
    await main.getByRole("button", { name: r.form.save }).click();
    await page.getByText(r.notices.saved).waitFor();
    await main.getByText("Opplæringen fortsetter i alle enheter.").waitFor();

    await main.getByRole("link", { name: r.view.publishButton }).click();
    await main.getByText(r.view.publishConfirm.replace("{{title}}", title)).waitFor();
    await checkA11y(page);
    await main.getByRole("button", { name: r.view.publishConfirmButton }).click();
    await page.getByText(r.notices.published).waitFor();
    await checkA11y(page);
    await expect(main.getByRole("link", { name: r.view.publishButton }).count()).resolves.toBe(0);

    // The PDF: a download, not a page (no axe).
    const pdf = await page.request.get(`${reportPath}/pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect((await pdf.body()).byteLength).toBeGreaterThan(3000);

    const { page: reader } = await session();
    await loginAs(reader, SECTOR_LEADER);
    await visit(reader, "/evaluering/rapporter");
    await reader.getByRole("link", { name: title }).click();
    await expectPage(reader, { path: reportPath, heading: title });
    await reader.getByRole("main").getByText("Opplæringen fortsetter i alle enheter.").waitFor();
    await expect(reader.getByRole("link", { name: r.view.edit }).count()).resolves.toBe(0);
    // The hub's revision report link: the revision reports only, no "new" button for readers.
    await visit(reader, "/evaluering");
    await reader.getByRole("link", { name: r.hub.revision }).click();
    await expectPage(reader, {
      path: "/evaluering/rapporter?type=revision",
      heading: r.kind.revision,
    });
    await expect(reader.getByRole("link", { name: r.new }).count()).resolves.toBe(0);
  });
});
