import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { nb } from "../../i18n/nb.ts";
import {
  checkA11y,
  escapeRegExp,
  fill,
  launchBrowser,
  loginAs,
  openSession,
  sharedLaget,
  uniqueName,
  visit,
  type Session,
} from "../support/e2e.ts";

/**
 * Consent, participants and the access trail in the browser. The relay holder works without
 * JavaScript (the scanned form is a plain multipart post); the participant with it. axe runs on
 * every page state: empty consent, a form with errors, recorded consent, the withdraw step, the
 * participants page, the access trail and the frozen page.
 */
const HOLDER = "ansatt@fjordvik.example"; // Emma Eksempel, Fjordvik skole
const PARTICIPANT = "helsesykepleier@fjordvik.example"; // Helga, Helsestasjonen i Fjordvik
const HEALTH_STATION = "Helsestasjonen i Fjordvik";
const consent = nb.relayLog.consent;

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("relay log consent in the browser", () => {
  const server = sharedLaget();
  const sessions: Session[] = [];
  async function session(options: { blockScripts?: boolean } = {}): Promise<Session> {
    const opened = await openSession(browser, server, options);
    sessions.push(opened);
    return opened;
  }
  afterEach(async () => {
    for (const opened of sessions.splice(0)) {
      expect(opened.problems).toEqual([]);
      await opened.close();
    }
  });

  /** Opens a log through the open form (fields by name: that form belongs to another area). */
  async function openLog(page: Page, childName: string): Promise<string> {
    await visit(page, "/stafettlogger/ny");
    await page.locator('[name="childName"]').fill(childName);
    await page.locator('[name="birthDate"]').fill("04.05.2016");
    await page.locator('[name="guardians.0.name"]').fill("Foresatt Fiktivsen");
    await page.locator('[name="guardians.0.parentalResponsibility"][value="yes"]').check();
    await page.getByRole("checkbox", { name: "Fjordvik skole", exact: true }).check();
    await page.getByRole("checkbox", { name: HEALTH_STATION, exact: true }).check();
    await page.locator('[name="level"][value="2"]').check();
    await page.locator('[name="areas.0.title"]').fill("Trivsel");
    await page.locator('button[name="intent"][value="open"]').click();
    // The open form leads to the new log (today its consent page: consent comes next).
    await page.waitForURL(/\/stafettlogger\/[0-9a-f-]{36}(\/|\?|$)/);
    const logId = /\/stafettlogger\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    return logId;
  }

  it("records consent with a scanned form, adds a participant, shows the trail and freezes on withdrawal", async () => {
    const holder = await session({ blockScripts: true });
    await loginAs(holder.page, HOLDER);
    const childName = uniqueName("Samtykkebarn");
    const logId = await openLog(holder.page, childName);
    const consentPath = `/stafettlogger/${logId}/samtykke`;

    // No consent yet: the holder sees the state and the form.
    await visit(holder.page, consentPath);
    await holder.page.getByText(consent.state.none).waitFor();
    await holder.page.getByRole("heading", { level: 2, name: consent.recordHeading }).waitFor();

    // Oral consent without a witness: the error stands beside the field; the choice is kept.
    await holder.page.getByRole("checkbox", { name: "Foresatt Fiktivsen" }).check();
    await holder.page.getByRole("radio", { name: consent.method.oral }).check();
    await holder.page.getByRole("button", { name: consent.submit }).click();
    await holder.page
      .locator("#witness-feil")
      .filter({ hasText: consent.witnessRequired })
      .waitFor();
    expect(await holder.page.getByRole("radio", { name: consent.method.oral }).isChecked()).toBe(
      true,
    );
    await checkA11y(holder.page);

    // Paper consent with the scanned form, posted as multipart without JavaScript.
    await holder.page.getByRole("checkbox", { name: "Foresatt Fiktivsen" }).check();
    await holder.page.getByRole("radio", { name: consent.method.paper }).check();
    await holder.page
      .getByLabel(consent.attachment)
      .setInputFiles({ name: "samtykke.png", mimeType: "image/png", buffer: PNG });
    await holder.page.getByRole("checkbox", { name: HEALTH_STATION, exact: true }).check();
    await holder.page.getByRole("button", { name: consent.submit }).click();
    await holder.page.waitForURL(/melding=relayLog\.consent\.recorded/);
    await holder.page.getByRole("status").filter({ hasText: consent.recorded }).waitFor();
    await holder.page.getByText(consent.state.valid).waitFor();
    await holder.page
      .getByRole("link", { name: fill(consent.downloadAttachment, { name: "samtykke.png" }) })
      .waitFor();
    await checkA11y(holder.page);

    // Add the health nurse from the consented health station.
    await visit(holder.page, `/stafettlogger/${logId}/deltakere?sok=Helga`);
    await holder.page
      .getByRole("button", {
        name: fill(consent.participants.add, {
          name: "Helga Helsesykepleier",
          unit: HEALTH_STATION,
        }),
      })
      .click();
    await holder.page.getByRole("status").filter({ hasText: consent.participants.added }).waitFor();
    await holder.page.getByRole("cell", { name: "Helga Helsesykepleier", exact: true }).waitFor();
    await checkA11y(holder.page);

    // The participant reads the consent page (with JavaScript).
    const participant = await session();
    await loginAs(participant.page, PARTICIPANT);
    await visit(participant.page, consentPath);
    await participant.page.getByText(consent.attachmentOnFile).waitFor();
    expect(
      await participant.page.getByRole("heading", { name: consent.recordHeading }).count(),
    ).toBe(0);
    // The access trail is the holder's alone.
    await visit(participant.page, `/stafettlogger/${logId}/tilgangslogg`, { status: 403 });

    // The holder sees the participant's read in the access trail.
    await visit(holder.page, `/stafettlogger/${logId}/tilgangslogg`);
    await holder.page
      .getByRole("row")
      .filter({ hasText: "Helga Helsesykepleier" })
      .filter({ hasText: fill(consent.trail.viewed, { part: consent.trail.view.consent }) })
      .first()
      .waitFor();

    // Withdraw: a confirm step, then the participant is frozen out; the holder is told.
    await visit(holder.page, consentPath);
    await holder.page
      .getByRole("link", { name: new RegExp(`^${escapeRegExp(consent.withdraw)}`) })
      .click();
    await holder.page.getByRole("heading", { level: 2, name: /^Trekke tilbake/ }).waitFor();
    await checkA11y(holder.page);
    await holder.page.getByRole("button", { name: consent.withdrawSubmit }).click();
    await holder.page.locator("#confirm-feil").waitFor();
    await checkA11y(holder.page);
    await holder.page.getByLabel(consent.withdrawConfirm).check();
    await holder.page.getByRole("button", { name: consent.withdrawSubmit }).click();
    await holder.page.waitForURL(/melding=relayLog\.consent\.withdrawn/);
    await holder.page.getByText(nb.relayLog.frozenHolder).waitFor();
    await holder.page
      .getByText(fill(consent.uncoveredParticipants, { names: "Helga Helsesykepleier" }))
      .waitFor();
    await checkA11y(holder.page);

    await visit(participant.page, consentPath, { status: 403 });
    await participant.page.getByText(nb.relayLog.frozen).waitFor();
    expect(await participant.page.content()).not.toContain(childName);
  }, 240_000); // one journey with axe on each of its page states
});
