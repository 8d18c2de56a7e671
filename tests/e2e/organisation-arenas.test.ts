import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { osloDate } from "../../core/platform/dates.ts";
import { DEMO_ARENAS } from "../../db/seed-demo-organisation-arenas.ts";
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

const COORDINATOR = "koordinator@fjordvik.example";
const UNIT_LEADER = "leder@fjordvik.example";
const a = nb.organisation.arenas;

/** dd.mm.yyyy, as the pages write dates. */
function shown(isoDate: string): string {
  const [year, month, day] = isoDate.split("-");
  return `${day}.${month}.${year}`;
}

/** A field by the start of its label (required fields add "(påkrevd)"). */
function field(page: Page, label: string) {
  return page.getByLabel(new RegExp(`^${escapeRegExp(label)}`));
}

/** A fieldset (checkboxes, radio buttons) by the start of its legend. */
function group(page: Page, legend: string) {
  return page.getByRole("group", { name: new RegExp(`^${escapeRegExp(legend)}`) });
}

function notice(page: Page, text: string) {
  return page.getByRole("status").filter({ hasText: text });
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("collaboration arenas in the browser", { timeout: 180_000 }, () => {
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

  it("the coordinator registers an arena after bad input, reviews it (refused without a decision) and closes it; the yearly overview and the overlaps show", async () => {
    const today = osloDate();
    const year = Number(today.slice(0, 4));
    const page = await session();
    await loginAs(page, COORDINATOR);

    // ---- the register with Fjordvik's demo arenas
    await visit(page, "/organisering/arenaer");
    await mainHeading(page, a.title).waitFor();
    const schoolRow = page.getByRole("row").filter({ hasText: DEMO_ARENAS.schoolTeam });
    await schoolRow.getByText(fill(a.notReviewed, { year }), { exact: true }).waitFor();
    await schoolRow.getByText(fill(a.levels, { levels: "1, 2" }), { exact: true }).waitFor();
    await schoolRow
      .getByText(fill(a.lastReviewed, { year: year - 1, decision: a.decision.keep }))
      .waitFor();
    const resourceRow = page.getByRole("row").filter({ hasText: DEMO_ARENAS.resourceTeam });
    await resourceRow
      .getByText(fill(a.reviewed, { year, decision: a.decision.keep }), { exact: true })
      .waitFor();
    // The closed arena is not among the active ones.
    await expect(page.getByRole("link", { name: DEMO_ARENAS.closed }).count()).resolves.toBe(0);

    // Filtered to the lower secondary school's target group.
    await page
      .getByLabel(a.filter.targetGroup)
      .selectOption({ label: a.targetGroup.lower_secondary });
    await page.getByRole("button", { name: a.filter.submit, exact: true }).click();
    await expectPage(page, {
      path: /^\/organisering\/arenaer\?malgruppe=lower_secondary/,
      heading: a.title,
    });
    await page.getByRole("link", { name: DEMO_ARENAS.lowerSecondaryTeam, exact: true }).waitFor();
    await page.getByRole("link", { name: DEMO_ARENAS.overlapping, exact: true }).waitFor();
    await expect(
      page.getByRole("link", { name: DEMO_ARENAS.schoolTeam, exact: true }).count(),
    ).resolves.toBe(0);

    // Closed arenas.
    await visit(page, "/organisering/arenaer?status=nedlagt");
    const closedRow = page.getByRole("row").filter({ hasText: DEMO_ARENAS.closed });
    await closedRow.getByText(/^Lagt ned \d\d\.\d\d\.\d{4}$/).waitFor();

    // ---- a new arena: no purpose, no service, no level — refused, what was typed stays
    await visit(page, "/organisering/arenaer");
    await page.getByRole("link", { name: a.new, exact: true }).click();
    await expectPage(page, { path: "/organisering/arenaer/ny", heading: a.form.newTitle });
    const name = uniqueName("Tverrfaglig forum barnehage");
    await field(page, a.form.name).fill(name);
    await group(page, a.form.targetGroups)
      .getByRole("checkbox", { name: a.targetGroup.kindergarten, exact: true })
      .check();
    await group(page, a.form.frequency)
      .getByRole("radio", { name: a.frequency.monthly, exact: true })
      .check();
    await field(page, a.form.participants).fill("Styrere og PPT");
    await page.getByRole("button", { name: a.form.create, exact: true }).click();
    await page.getByRole("heading", { name: nb.common.errorSummary }).waitFor();
    await page.getByRole("link", { name: a.errors.purposeRequired }).waitFor();
    await page.getByRole("link", { name: a.errors.servicesRequired }).waitFor();
    await page.getByRole("link", { name: a.errors.btiLevelsRequired }).waitFor();
    await expect(field(page, a.form.name).inputValue()).resolves.toBe(name);
    await expect(field(page, a.form.participants).inputValue()).resolves.toBe("Styrere og PPT");
    await expect(
      group(page, a.form.targetGroups)
        .getByRole("checkbox", { name: a.targetGroup.kindergarten, exact: true })
        .isChecked(),
    ).resolves.toBe(true);
    await expect(
      group(page, a.form.frequency)
        .getByRole("radio", { name: a.frequency.monthly, exact: true })
        .isChecked(),
    ).resolves.toBe(true);
    await checkA11y(page);

    // Fixed, and registered.
    await field(page, a.form.purpose).fill("Drøfte barn med behov for tilrettelegging");
    const services = group(page, a.form.services);
    await services.getByRole("checkbox", { name: nb.serviceType.barnehage, exact: true }).check();
    await services.getByRole("checkbox", { name: nb.serviceType.ppt, exact: true }).check();
    await group(page, a.form.btiLevels)
      .getByRole("checkbox", { name: a.levelName["1"], exact: true })
      .check();
    await page.getByRole("button", { name: a.form.create, exact: true }).click();
    await expectPage(page, {
      path: /^\/organisering\/arenaer\/[0-9a-f-]{36}\?melding=organisation\.arenas\.notices\.created/,
      heading: name,
    });
    await notice(page, fill(a.notices.created, { name })).waitFor();
    await page.getByText(fill(a.levels, { levels: "1" }), { exact: true }).waitFor();
    await page.getByText(a.arena.noReviews, { exact: true }).waitFor();
    const arenaUrl = new URL(page.url()).pathname;

    // ---- the edit page (expectPage runs axe): no name and no service — refused, what was typed
    // stays
    await page.getByRole("link", { name: a.arena.edit, exact: true }).click();
    await expectPage(page, {
      path: `${arenaUrl}/endre`,
      heading: fill(a.form.editTitle, { name }),
    });
    await expect(field(page, a.form.name).inputValue()).resolves.toBe(name);
    const participants = "Styrere, PPT og helsesykepleier";
    await field(page, a.form.name).fill("");
    await field(page, a.form.participants).fill(participants);
    const editServices = group(page, a.form.services);
    await editServices
      .getByRole("checkbox", { name: nb.serviceType.barnehage, exact: true })
      .uncheck();
    await editServices.getByRole("checkbox", { name: nb.serviceType.ppt, exact: true }).uncheck();
    await group(page, a.form.frequency)
      .getByRole("radio", { name: a.frequency.termly, exact: true })
      .check();
    await page.getByRole("button", { name: a.form.save, exact: true }).click();
    await page.getByRole("heading", { name: nb.common.errorSummary }).waitFor();
    await page.getByRole("link", { name: a.errors.nameRequired }).waitFor();
    await page.getByRole("link", { name: a.errors.servicesRequired }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`${arenaUrl}/endre`);
    await mainHeading(page, fill(a.form.editTitle, { name })).waitFor();
    await expect(field(page, a.form.name).inputValue()).resolves.toBe("");
    await expect(field(page, a.form.participants).inputValue()).resolves.toBe(participants);
    await expect(
      group(page, a.form.frequency)
        .getByRole("radio", { name: a.frequency.termly, exact: true })
        .isChecked(),
    ).resolves.toBe(true);
    await expect(
      editServices
        .getByRole("checkbox", { name: nb.serviceType.barnehage, exact: true })
        .isChecked(),
    ).resolves.toBe(false);
    await expect(
      group(page, a.form.targetGroups)
        .getByRole("checkbox", { name: a.targetGroup.kindergarten, exact: true })
        .isChecked(),
    ).resolves.toBe(true);
    await checkA11y(page);

    // Fixed, and saved.
    await field(page, a.form.name).fill(name);
    await editServices
      .getByRole("checkbox", { name: nb.serviceType.barnehage, exact: true })
      .check();
    await editServices.getByRole("checkbox", { name: nb.serviceType.ppt, exact: true }).check();
    await page.getByRole("button", { name: a.form.save, exact: true }).click();
    await expectPage(page, {
      path: `${arenaUrl}?melding=organisation.arenas.notices.updated`,
      heading: name,
    });
    await notice(page, a.notices.updated).waitFor();
    await page.getByText(participants, { exact: true }).waitFor();

    // ---- the yearly review without a decision: refused, the reasons stay
    await page.getByRole("link", { name: fill(a.arena.review, { year }), exact: true }).click();
    await expectPage(page, {
      path: `${arenaUrl}/gjennomgang?ar=${year}`,
      heading: fill(a.review.title, { name }),
    });
    const reasons = "Samme målgruppe og tjenester som ressursteam barnehage";
    await group(page, a.review.needed)
      .getByRole("radio", { name: a.needed.no, exact: true })
      .check();
    await group(page, a.review.works)
      .getByRole("radio", { name: a.works.partly, exact: true })
      .check();
    await field(page, a.review.reasons).fill(reasons);
    await page.getByRole("button", { name: a.review.save, exact: true }).click();
    await page.getByRole("link", { name: a.errors.decision }).waitFor();
    await expect(field(page, a.review.reasons).inputValue()).resolves.toBe(reasons);
    await expect(
      group(page, a.review.needed)
        .getByRole("radio", { name: a.needed.no, exact: true })
        .isChecked(),
    ).resolves.toBe(true);
    await expect(field(page, a.review.reasons).count()).resolves.toBe(1);
    await checkA11y(page);

    // «Legge ned»: the arena is closed from today.
    await group(page, a.review.decision)
      .getByRole("radio", { name: a.decisionChoice.close, exact: true })
      .check();
    await page.getByRole("button", { name: a.review.save, exact: true }).click();
    await expectPage(page, {
      path: /\?melding=organisation\.arenas\.notices\.reviewClosed/,
      heading: name,
    });
    await notice(page, fill(a.notices.reviewClosed, { year, date: shown(today) })).waitFor();
    await page.getByText(fill(a.closedOn, { date: shown(today) }), { exact: true }).waitFor();
    const reviewRow = page.getByRole("row").filter({ hasText: reasons });
    await reviewRow.getByText(a.decision.close, { exact: true }).waitFor();
    await page.getByText(a.arena.closedNoOverlaps, { exact: true }).waitFor();

    // ---- the yearly overview: this year and last year (with the demo's «legge ned»)
    await page.getByRole("link", { name: a.nav.reviews, exact: true }).click();
    await expectPage(page, { path: "/organisering/arenaer/gjennomgang", heading: a.reviews.title });
    const overviewRow = page.getByRole("row").filter({ hasText: name });
    await overviewRow.getByText(a.decision.close, { exact: true }).waitFor();
    await page
      .getByRole("row")
      .filter({ hasText: DEMO_ARENAS.overlapping })
      .getByText(a.reviews.notReviewed, { exact: true })
      .waitFor();
    await page.getByText(fill(a.reviews.countClose_one, { count: 1 }), { exact: true }).waitFor();
    await page.getByLabel(a.reviews.yearLabel, { exact: true }).selectOption(String(year - 1));
    await page.getByRole("button", { name: a.reviews.submit, exact: true }).click();
    await expectPage(page, {
      path: `/organisering/arenaer/gjennomgang?ar=${year - 1}`,
      heading: a.reviews.title,
    });
    await page
      .getByRole("row")
      .filter({ hasText: DEMO_ARENAS.closed })
      .getByText(a.decision.close, { exact: true })
      .waitFor();
    await page.getByText(fill(a.reviews.countClose_one, { count: 1 }), { exact: true }).waitFor();
    await page
      .getByText(fill(a.reviews.countChange_other, { count: 2 }), { exact: true })
      .waitFor();

    // ---- the overlaps: the demo's older team inside the oppvekstteam at the lower secondary school
    await page.getByRole("link", { name: a.nav.overlaps, exact: true }).click();
    await expectPage(page, { path: "/organisering/arenaer/overlapp", heading: a.overlaps.title });
    const pair = page.locator("li.arenas-pair").filter({
      has: page.getByRole("heading", {
        name: fill(a.overlaps.pairHeading, {
          first: DEMO_ARENAS.overlapping,
          second: DEMO_ARENAS.lowerSecondaryTeam,
        }),
      }),
    });
    await pair
      .getByText(
        fill(a.overlaps.subset, {
          first: DEMO_ARENAS.overlapping,
          second: DEMO_ARENAS.lowerSecondaryTeam,
        }),
      )
      .waitFor();
    await pair.getByText(a.targetGroup.lower_secondary, { exact: true }).waitFor();
    await pair.getByText(nb.serviceType.barneverntjenesten, { exact: true }).waitFor();
    await pair
      .getByRole("link", { name: fill(a.overlaps.review, { name: DEMO_ARENAS.overlapping }) })
      .click();
    await expectPage(page, {
      path: /\/gjennomgang\?ar=\d{4}$/,
      heading: fill(a.review.title, { name: DEMO_ARENAS.overlapping }),
    });

    // ---- the demo's oppvekstteam: last year's «endre» and the overlap
    await visit(page, "/organisering/arenaer");
    await page.getByRole("link", { name: DEMO_ARENAS.lowerSecondaryTeam, exact: true }).click();
    await expectPage(page, {
      path: /^\/organisering\/arenaer\/[0-9a-f-]{36}$/,
      heading: DEMO_ARENAS.lowerSecondaryTeam,
    });
    await page
      .getByRole("row")
      .filter({ hasText: String(year - 1) })
      .getByText(a.decision.change, { exact: true })
      .waitFor();
    await page
      .getByText(fill(a.arena.overlapOtherWithin, { other: DEMO_ARENAS.overlapping }))
      .waitFor();
  });

  it("a unit leader reads the register, an arena and the overlaps, without forms", async () => {
    const page = await session();
    await loginAs(page, UNIT_LEADER);
    await visit(page, "/organisering/arenaer");
    await page.getByText(a.readOnly, { exact: true }).waitFor();
    await expect(page.getByRole("link", { name: a.new, exact: true }).count()).resolves.toBe(0);
    await page.getByRole("link", { name: DEMO_ARENAS.schoolTeam, exact: true }).click();
    await expectPage(page, {
      path: /^\/organisering\/arenaer\/[0-9a-f-]{36}$/,
      heading: DEMO_ARENAS.schoolTeam,
    });
    await page
      .getByText(fill(a.leaderWithRole, { name: "Lise Lederstad", role: "Rektor" }), {
        exact: true,
      })
      .waitFor();
    await expect(page.getByRole("link", { name: a.arena.edit }).count()).resolves.toBe(0);
    await visit(page, "/organisering/arenaer/overlapp");
    await page
      .getByRole("link", { name: fill(a.overlaps.open, { name: DEMO_ARENAS.overlapping }) })
      .waitFor();
    // The user guide from the area's pages.
    await page.getByRole("link", { name: a.help, exact: true }).click();
    await expectPage(page, {
      path: "/veileder/rutine-samhandlingsarenaer",
      heading: "Samhandlingsarenaer og årlig gjennomgang",
    });
    await visit(page, "/organisering/arenaer/ny", { status: 403 });
  });
});
