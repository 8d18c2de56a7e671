import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { nb } from "../../i18n/nb.ts";
import { slugFromTitle } from "../../app/lib/content-editor.ts";
import {
  checkA11y,
  demoUser,
  escapeRegExp,
  expectPage,
  fill,
  launchBrowser,
  loginAs,
  mainHeading,
  openSession,
  sharedLaget,
  startLaget,
  uniqueName,
  visit,
  waitForHydration,
  type LagetServer,
  type Session,
} from "../support/e2e.ts";

const COORDINATOR = "koordinator@fjordvik.example";
const coordinatorName = demoUser(COORDINATOR).name;
const e = nb.editor;

function notice(page: Page, text: string) {
  return page.getByRole("status").filter({ hasText: text });
}

/** The body textarea of the editor (the conflict panel has read-only ones with the same label). */
function bodyField(page: Page) {
  return page.locator("textarea#body");
}

/** Creates a page through the "Ny side" form and waits for its editor. Returns the editor path. */
async function createThroughForm(
  page: Page,
  options: { title: string; kindLabel: string; audienceLabel: string; slug?: string },
): Promise<string> {
  await visit(page, "/admin/innhold");
  await page.locator("#title").fill(options.title);
  if (options.slug !== undefined) await page.locator("#slug").fill(options.slug);
  await page.locator("#kind").selectOption({ label: options.kindLabel });
  await page.locator("#audience").selectOption({ label: options.audienceLabel });
  await page.getByRole("button", { name: e.create }).click();
  await expectPage(page, {
    path: /^\/admin\/innhold\/[0-9a-f-]{36}\?melding=editor\.created/,
    heading: fill(e.editTitle, { title: options.title }),
  });
  await notice(page, fill(e.created, { name: options.title })).waitFor();
  return new URL(page.url()).pathname;
}

async function clickAndExpectNotice(page: Page, button: string, text: string): Promise<void> {
  await page.getByRole("button", { name: button, exact: true }).click();
  await notice(page, text).waitFor();
  await checkA11y(page);
}

let browser: Browser;
const sessions: Session[] = [];

async function open(options: { blockScripts?: boolean; server?: LagetServer } = {}): Promise<Page> {
  const session = await openSession(browser, options.server ?? sharedLaget(), options);
  sessions.push(session);
  return session.page;
}

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  const problems = sessions.flatMap((session) => session.problems);
  await Promise.all(sessions.splice(0).map((session) => session.close()));
  expect(problems, "errors in the browser console").toEqual([]);
});

describe("content editor in the browser (PGlite)", () => {
  it("creates a step with a suggested slug, previews live, saves, submits, publishes, diffs", async () => {
    const page = await open();
    await loginAs(page, COORDINATOR);
    const title = uniqueName("E2E Steg");
    const slug = slugFromTitle(title);

    await visit(page, "/admin/innhold");
    await waitForHydration(page);
    // The slug follows the title while typing.
    await page.locator("#title").fill(title);
    expect(await page.locator("#slug").inputValue()).toBe(slug);
    await page.locator("#kind").selectOption({ label: nb.guide.kind.step });
    await page.locator("#audience").selectOption({ label: e.audience.public });
    await page.getByRole("button", { name: e.create }).click();
    await expectPage(page, {
      path: /^\/admin\/innhold\/[0-9a-f-]{36}\?melding=editor\.created/,
      heading: fill(e.editTitle, { title }),
    });
    const editorPath = new URL(page.url()).pathname;
    await waitForHydration(page);

    // Live preview beside the textarea, rendered in the browser while typing.
    await bodyField(page).fill("## Hva du gjør\n\nSnakk med **en kollega** først.");
    const preview = page.getByRole("region", { name: e.preview });
    await preview.getByRole("heading", { level: 2, name: "Hva du gjør" }).waitFor();
    expect(await preview.locator("strong").textContent()).toBe("en kollega");
    await checkA11y(page);

    await page.getByLabel(e.fieldResponsible).fill("Den som er bekymret");
    await page.getByLabel(e.fieldDeadline).fill("Innen 14 dager");
    await page.getByLabel(nb.guide.legalNotes.taushetsplikt).check();
    await page.getByLabel(e.fieldChangeNote).fill("Første versjon av steget");
    await clickAndExpectNotice(page, e.save, e.saved);
    expect(await bodyField(page).inputValue()).toBe(
      "## Hva du gjør\n\nSnakk med **en kollega** først.",
    );
    expect(await page.getByLabel(e.fieldResponsible).inputValue()).toBe("Den som er bekymret");
    expect(await page.getByLabel(nb.guide.legalNotes.taushetsplikt).isChecked()).toBe(true);

    await clickAndExpectNotice(page, e.submit, e.submitted);
    // The demo municipality has one coordinator: self-approval is allowed, and the page says why.
    await page.getByText(e.approveSelfAllowed).waitFor();
    await clickAndExpectNotice(page, e.approve, fill(e.publishedNotice, { number: 1 }));

    // Who wrote and who approved the version.
    const versions = page.getByRole("table", { name: e.versionsHeading });
    const firstRow = versions.getByRole("row").filter({ hasText: "Første versjon av steget" });
    expect(await firstRow.getByRole("cell").nth(1).textContent()).toBe(nb.content.state.published);
    expect(await firstRow.getByRole("cell").nth(2).textContent()).toContain(coordinatorName);
    expect(await firstRow.getByRole("cell").nth(3).textContent()).toContain(coordinatorName);

    // Anyone can read it on its public address.
    const reader = await open();
    await visit(reader, `/veileder/${slug}`);
    await mainHeading(reader, title).waitFor();
    await reader.getByText("Den som er bekymret").waitFor();

    // A second version.
    await visit(page, editorPath);
    await waitForHydration(page);
    await bodyField(page).fill(
      "## Hva du gjør\n\nSnakk med **lederen din** først.\n\nSkriv ned det du så.",
    );
    await page.getByLabel(e.fieldChangeNote).fill("Lederen først");
    await clickAndExpectNotice(page, e.save, e.saved);
    await clickAndExpectNotice(page, e.submit, e.submitted);
    await clickAndExpectNotice(page, e.approve, fill(e.publishedNotice, { number: 2 }));

    // History and a readable diff of the two versions.
    await page.getByRole("link", { name: e.historyLink }).click();
    await expectPage(page, {
      path: `${editorPath}/historikk`,
      heading: fill(e.historyTitle, { title }),
    });
    expect(await page.getByRole("table").getByRole("row").count()).toBe(3);
    await page.getByLabel(e.compareFrom).selectOption("1");
    await page.getByLabel(e.compareTo).selectOption("2");
    await page.getByRole("button", { name: e.compareSubmit }).click();
    await expectPage(page, {
      path: `${editorPath}/historikk?fra=1&til=2`,
      heading: fill(e.historyTitle, { title }),
    });
    const changes = page.getByRole("region", { name: fill(e.diffHeading, { from: 1, to: 2 }) });
    const added = await changes.locator("ins").allTextContents();
    const removed = await changes.locator("del").allTextContents();
    expect(added.join("\n")).toContain(`${e.diffAdded} Snakk med **lederen din** først.`);
    expect(added.join("\n")).toContain("Skriv ned det du så.");
    expect(removed.join("\n")).toContain(`${e.diffRemoved} Snakk med **en kollega** først.`);
    expect(removed.join("\n")).not.toContain("lederen din");

    // "Hva er nytt" lists both change notes for anyone, linking to the page; the footer links it.
    await visit(reader, "/");
    await reader.getByRole("contentinfo").getByRole("link", { name: e.whatsNew.title }).click();
    await expectPage(reader, { path: "/hva-er-nytt", heading: e.whatsNew.title });
    const entry = reader.getByRole("listitem").filter({ hasText: "Lederen først" });
    expect(await entry.getByRole("link", { name: title }).getAttribute("href")).toBe(
      `/veileder/${slug}`,
    );
    await reader.getByText("Første versjon av steget").waitFor();
  });

  it("works without JavaScript: server preview, reject with a note, filters, archive", async () => {
    const page = await open({ blockScripts: true });
    await loginAs(page, COORDINATOR);
    const title = uniqueName("Uten JS");
    // No script suggests a slug: the server makes one from the title.
    const editorPath = await createThroughForm(page, {
      title,
      kindLabel: nb.guide.kind.article,
      audienceLabel: e.audience.internal,
    });
    await page
      .getByText(`/veileder/${slugFromTitle(title)}`)
      .first()
      .waitFor();

    // "Forhåndsvis" renders on the server and keeps what was typed, without saving it.
    await bodyField(page).fill("Les **dette** nøye.\n\n- punkt en\n- punkt to");
    await page.getByRole("button", { name: e.previewButton }).click();
    const preview = page.getByRole("region", { name: e.preview });
    await preview.locator("strong", { hasText: "dette" }).waitFor();
    expect(await preview.getByRole("listitem").allTextContents()).toEqual(["punkt en", "punkt to"]);
    expect(await bodyField(page).inputValue()).toBe(
      "Les **dette** nøye.\n\n- punkt en\n- punkt to",
    );
    await checkA11y(page);
    await visit(page, editorPath);
    expect(await bodyField(page).inputValue()).toBe("");

    // A failed save keeps the text and names the field.
    await bodyField(page).fill("Tekst som ikke skal forsvinne.");
    await page.locator("#title").fill("");
    await page.getByRole("button", { name: e.save, exact: true }).click();
    await page.getByRole("link", { name: nb.errors.required }).first().waitFor();
    await checkA11y(page);
    expect(await bodyField(page).inputValue()).toBe("Tekst som ikke skal forsvinne.");
    await page.locator("#title").fill(title);
    await clickAndExpectNotice(page, e.save, e.saved);
    await clickAndExpectNotice(page, e.submit, e.submitted);

    // Rejecting needs a note; the note is shown on the draft afterwards.
    await page.getByRole("button", { name: e.reject }).click();
    await page.getByText(nb.errors.required).first().waitFor();
    await checkA11y(page);
    await page.getByLabel(e.rejectNote).fill("Legg til hvem som har ansvaret.");
    await clickAndExpectNotice(page, e.reject, e.rejected);
    await page.getByRole("heading", { name: e.reviewNoteHeading }).waitFor();
    await page.getByText("Legg til hvem som har ansvaret.").waitFor();

    // The history without JavaScript: one version, nothing to compare yet.
    await visit(page, `${editorPath}/historikk`);
    await page.getByText(e.compareOnlyOne).waitFor();
    await visit(page, "/hva-er-nytt");
    await mainHeading(page, e.whatsNew.title).waitFor();

    // Filters: the new page is a draft article; as a draft it is not among the published ones.
    await visit(page, "/admin/innhold?type=article&status=draft");
    await page.getByRole("link", { name: title }).waitFor();
    await visit(page, "/admin/innhold?type=article&status=published");
    expect(await page.getByRole("link", { name: title }).count()).toBe(0);

    // Archive with a confirmation step.
    await visit(page, editorPath);
    await page.getByRole("link", { name: e.archive }).click();
    await expectPage(page, {
      path: `${editorPath}?bekreft=arkiver`,
      heading: fill(e.editTitle, { title }),
    });
    await page.getByText(fill(e.archiveConfirm, { title })).waitFor();
    await page.getByRole("button", { name: e.confirmArchive }).click();
    await expectPage(page, {
      path: /^\/admin\/innhold\?melding=editor\.archived/,
      heading: e.title,
    });
    await visit(page, "/admin/innhold?status=archived");
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: title }) });
    expect(await row.getByRole("cell").nth(4).textContent()).toBe(e.archivedState);
    await visit(page, "/admin/innhold?type=guardian&status=review");
    await page.getByText(e.emptyFiltered).waitFor();
  });

  it("sets the yearly revision date and shows the banner when it is due within 30 days", async () => {
    const page = await open({ blockScripts: true });
    await loginAs(page, COORDINATOR);
    await visit(page, "/admin/innhold");
    const soon = new Date(Date.now() + 10 * 86_400_000);
    const day = soon.toISOString().slice(0, 10);
    await page.locator("#year").fill(day.slice(0, 4));
    await page.locator("#dueDate").fill(day);
    await page.locator("#notes").fill("Gjennomgang med BTS-kontaktene");
    await page.getByRole("button", { name: e.revisionSave }).click();
    await expectPage(page, {
      path: "/admin/innhold?melding=editor.revisionSaved",
      heading: e.title,
    });
    await page.getByRole("heading", { name: e.revisionBannerHeading }).waitFor();
    await page.getByText(new RegExp(`^${escapeRegExp(e.revisionDue.split("{{")[0]!)}`)).waitFor();
    // A bad date is refused beside the field, keeping the rest.
    await page.locator("#dueDate").fill("");
    await page.getByRole("button", { name: e.revisionSave }).click();
    await page.getByRole("link", { name: nb.errors.required }).waitFor();
    await checkA11y(page);
    expect(await page.locator("#notes").inputValue()).toBe("Gjennomgang med BTS-kontaktene");
  });

  it("detects an edit conflict between two browsers and loses neither text", async () => {
    const first = await open();
    const second = await open({ blockScripts: true });
    await loginAs(first, COORDINATOR);
    await loginAs(second, COORDINATOR);
    const title = uniqueName("Konflikt");
    const editorPath = await createThroughForm(first, {
      title,
      kindLabel: nb.guide.kind.routine,
      audienceLabel: e.audience.internal,
    });
    // Both open the same page before either saves.
    await visit(second, editorPath);
    await waitForHydration(first);

    await bodyField(first).fill("Tekst fra første nettleser.");
    await clickAndExpectNotice(first, e.save, e.saved);

    await bodyField(second).fill("Tekst fra andre nettleser.");
    await second.getByRole("button", { name: e.save, exact: true }).click();
    await second.getByRole("heading", { name: e.conflictHeading }).waitFor();
    await checkA11y(second);
    const theirs = second.getByRole("heading", {
      name: fill(e.conflictTheirs, { name: coordinatorName }),
    });
    await theirs.waitFor();
    expect(await second.locator("textarea#theirs-body").inputValue()).toBe(
      "Tekst fra første nettleser.",
    );
    expect(await second.locator("textarea#mine-body").inputValue()).toBe(
      "Tekst fra andre nettleser.",
    );
    // The form still holds this browser's text; saving now is a conscious choice.
    expect(await bodyField(second).inputValue()).toBe("Tekst fra andre nettleser.");
    await bodyField(second).fill("Tekst fra første nettleser.\n\nTekst fra andre nettleser.");
    await clickAndExpectNotice(second, e.save, e.saved);

    await visit(first, editorPath);
    expect(await bodyField(first).inputValue()).toBe(
      "Tekst fra første nettleser.\n\nTekst fra andre nettleser.",
    );
  });

  it("with a second coordinator, the author cannot approve and is told why; the other can", async () => {
    // A server of its own: a second coordinator would change the rule for every other test.
    const server = await startLaget();
    try {
      const admin = await open({ server });
      await loginAs(admin, "admin@fjordvik.example");
      await visit(admin, "/admin/brukere/ny");
      const secondName = uniqueName("Ola Koordinator");
      const secondEmail = `${slugFromTitle(secondName)}@fjordvik.example`;
      const password = "Andre-koordinator-2026";
      await admin.locator("#name").fill(secondName);
      await admin.locator("#email").fill(secondEmail);
      await admin.locator("#roles-coordinator").check();
      await admin.locator("#password").fill(password);
      await admin.getByRole("button", { name: nb.users.save }).click();
      await notice(admin, fill(nb.users.created, { name: secondName })).waitFor();

      const author = await open({ server });
      await loginAs(author, COORDINATOR);
      const title = uniqueName("Fire øyne");
      const editorPath = await createThroughForm(author, {
        title,
        kindLabel: nb.guide.kind.article,
        audienceLabel: e.audience.public,
      });
      await bodyField(author).fill("Tekst som en annen må godkjenne.");
      await clickAndExpectNotice(author, e.save, e.saved);
      await clickAndExpectNotice(author, e.submit, e.submitted);
      await author.getByText(e.approveOwnBlocked).waitFor();
      expect(await author.getByRole("button", { name: e.approve }).count()).toBe(0);

      const reviewer = await open({ server, blockScripts: true });
      await visit(reviewer, "/logg-inn");
      await reviewer.getByLabel(nb.login.email).fill(secondEmail);
      await reviewer.getByLabel(nb.login.password).fill(password);
      await reviewer.getByRole("button", { name: nb.login.submit, exact: true }).click();
      await reviewer.getByRole("button", { name: nb.nav.logout }).waitFor();
      await visit(reviewer, editorPath);
      expect(await reviewer.getByText(e.approveOwnBlocked).count()).toBe(0);
      await clickAndExpectNotice(reviewer, e.approve, fill(e.publishedNotice, { number: 1 }));
      const row = reviewer
        .getByRole("table", { name: e.versionsHeading })
        .getByRole("row")
        .filter({ hasText: nb.content.state.published });
      expect(await row.getByRole("cell").nth(2).textContent()).toContain(coordinatorName);
      expect(await row.getByRole("cell").nth(3).textContent()).toContain(secondName);
    } finally {
      // The sessions are closed (and their console problems checked) in afterEach.
      await server.stop();
    }
  });
});
