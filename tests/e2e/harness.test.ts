import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkA11y, launchBrowser } from "../support/e2e.ts";

// The suite's zero-violation results mean something only if the check can fail.
describe("the e2e harness", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("fails the axe check on a page with WCAG violations and passes it on a clean one", async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.setContent(
        `<!doctype html><html lang="nb"><head><title>Test</title></head><body><main>` +
          `<h1>Skjema</h1><input type="text" name="navn"><img src="data:," >` +
          `</main></body></html>`,
      );
      const failure = await checkA11y(page).then(
        () => null,
        (error: Error) => error.message,
      );
      expect(failure).toMatch(/label/);
      expect(failure).toMatch(/image-alt/);

      await page.setContent(
        `<!doctype html><html lang="nb"><head><title>Test</title></head><body><main>` +
          `<h1>Skjema</h1><label for="navn">Navn</label><input id="navn" type="text">` +
          `</main></body></html>`,
      );
      await checkA11y(page);
    } finally {
      await context.close();
    }
  });
});
