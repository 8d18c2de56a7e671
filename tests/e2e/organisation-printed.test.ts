import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { nb } from "../../i18n/nb.ts";
import {
  checkA11y,
  expectPage,
  fill,
  launchBrowser,
  loginAs,
  openSession,
  sharedLaget,
  visit,
  type Session,
} from "../support/e2e.ts";

const COORDINATOR = "koordinator@fjordvik.example";
const SECTOR_LEADER = "kommunalsjef@fjordvik.example";
const EMPLOYEE = "ansatt@fjordvik.example";
const P = nb.organisation.printed;
const PATH = "/organisering/trykksaker";

const documents = [
  { key: "poster", file: "plakat-a3.pdf", paper: "A3", pages: 1 },
  { key: "staffLeaflet", file: "folder-ansatte.pdf", paper: "A5", pages: 4 },
  { key: "guardianLeaflet", file: "folder-foresatte.pdf", paper: "A5", pages: 4 },
] as const;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The link that downloads a document: its name says what, which paper and how many pages. */
function downloadLink(page: Page, document: (typeof documents)[number]) {
  const title = P.documents[document.key].title;
  const hint = fill(document.pages === 1 ? P.fileHint_one : P.fileHint_other, {
    paper: document.paper,
    count: document.pages,
  });
  return page.getByRole("link", {
    name: `${fill(P.download, { title })} (${hint})`,
    exact: true,
  });
}

describe("printed material in the browser", { timeout: 180_000 }, () => {
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

  it("lets the coordinator see what each PDF holds and download all three", async () => {
    const page = await session();
    await loginAs(page, COORDINATOR);
    await visit(page, PATH);
    await expectPage(page, { path: PATH, heading: P.title });

    // The address the QR codes point to: this server, since no public address is configured.
    const origin = new URL(server.url).origin;
    const main = page.getByRole("main");
    await main.getByRole("link", { name: `${origin}/veileder`, exact: true }).waitFor();
    await main.getByRole("link", { name: `${origin}/foresatte`, exact: true }).waitFor();
    await main.getByText(P.address.fromRequest).waitFor();

    // Each document names the published pages it is built from, with versions and dates.
    for (const document of documents) {
      await main
        .getByRole("heading", { level: 2, name: P.documents[document.key].title })
        .waitFor();
    }
    const summaries = main.locator("details > summary");
    await expect(summaries.count()).resolves.toBe(3);
    await summaries.first().click();
    const table = main.getByRole("table", {
      name: fill(P.sources.caption, { title: P.documents.poster.title }),
    });
    await table.waitFor();
    await table.getByRole("rowheader", { name: "Nivå 0: Uro og undring" }).waitFor();
    await table.getByRole("rowheader", { name: "Gjør uroen konkret" }).waitFor();
    await expect(main.getByText(/^Sist publisert /).count()).resolves.toBe(3);
    await checkA11y(page);

    for (const document of documents) {
      const link = downloadLink(page, document);
      await expect(link.getAttribute("download")).resolves.toBe(document.file);
      const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
      expect(download.suggestedFilename()).toBe(document.file);
      const response = await page.request.get(`${PATH}/${document.file}`);
      expect(response.status()).toBe(200);
      expect(response.headers()["content-type"]).toBe("application/pdf");
      expect((await response.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    }
    // Downloading leaves the page as it was.
    await expectPage(page, { path: PATH, heading: P.title });

    // The routine explains it all.
    await page.getByRole("link", { name: P.help, exact: true }).click();
    await expectPage(page, { path: "/veileder/rutine-trykksaker", heading: "Plakat og brosjyrer" });
  });

  it("lets the sector leader download too, and keeps other staff out", async () => {
    const page = await session();
    await loginAs(page, SECTOR_LEADER);
    await visit(page, PATH);
    await expectPage(page, { path: PATH, heading: P.title });
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      downloadLink(page, documents[1]).click(),
    ]);
    expect(download.suggestedFilename()).toBe("folder-ansatte.pdf");
    // A file that does not exist is the ordinary not-found page.
    await visit(page, `${PATH}/plakat-a4.pdf`, { status: 404 });

    const other = await session();
    await loginAs(other, EMPLOYEE);
    await visit(other, PATH, { status: 403 });
    const refused = await other.request.get(`${PATH}/plakat-a3.pdf`);
    expect(refused.status()).toBe(403);
  });
});
