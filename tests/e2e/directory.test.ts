import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { parse as parseYaml } from "yaml";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEMO_MUNICIPALITY } from "../../db/seed-demo.ts";
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
  tabTo,
  uniqueName,
  visit,
  type Session,
} from "../support/e2e.ts";

const COORDINATOR = "koordinator@fjordvik.example";
const municipality = DEMO_MUNICIPALITY.name;

/** Titles of the shipped content pages in a folder of content/nb, by slug. */
function contentTitles(folder: string): Map<string, string> {
  const dir = path.join(process.cwd(), "content", "nb", folder);
  const titles = new Map<string, string>();
  if (!existsSync(dir)) return titles;
  for (const file of readdirSync(dir).filter((name) => name.endsWith(".md"))) {
    const text = readFileSync(path.join(dir, file), "utf8");
    const front = parseYaml(text.split(/^---$/m)[1] ?? "") as { slug: string; title: string };
    titles.set(front.slug, front.title);
  }
  return titles;
}

interface EntryValues {
  name: string;
  offers: string;
  topics: string[];
  ageFrom: string;
  ageTo: string;
  phone?: string;
  website?: string;
  howToRefer?: string;
  openingHours?: string;
  public: boolean;
}

async function fillEntryForm(page: Page, values: EntryValues): Promise<void> {
  await page.getByLabel(nb.directory.fields.name).fill(values.name);
  await page.getByLabel(nb.directory.fields.offers).fill(values.offers);
  for (const topic of values.topics) {
    await page
      .getByRole("checkbox", {
        name: nb.guide.topic[topic as keyof typeof nb.guide.topic],
        exact: true,
      })
      .check();
  }
  await page.getByLabel(nb.directory.fields.ageFrom).fill(values.ageFrom);
  await page.getByLabel(nb.directory.fields.ageTo).fill(values.ageTo);
  if (values.phone !== undefined)
    await page.getByLabel(nb.directory.fields.phone).fill(values.phone);
  if (values.website !== undefined) {
    await page.getByLabel(nb.directory.fields.website).fill(values.website);
  }
  if (values.howToRefer !== undefined) {
    await page.getByLabel(nb.directory.fields.howToRefer).fill(values.howToRefer);
  }
  if (values.openingHours !== undefined) {
    await page.getByLabel(nb.directory.fields.openingHours).fill(values.openingHours);
  }
  const visible = page.getByRole("checkbox", { name: nb.directory.fields.public });
  if (values.public) await visible.check();
  else await visible.uncheck();
}

/** Creates an entry through the admin form as a signed-in coordinator and waits for the list. */
async function createEntry(page: Page, values: EntryValues): Promise<void> {
  await visit(page, "/admin/tjenester/ny");
  await fillEntryForm(page, values);
  await page.getByRole("button", { name: nb.directory.admin.save }).click();
  await expectPage(page, {
    path: /^\/admin\/tjenester\?melding=directory\.admin\.created/,
    heading: nb.directory.admin.title,
  });
  await page
    .getByRole("status")
    .filter({ hasText: fill(nb.directory.admin.created, { name: values.name }) })
    .waitFor();
}

function entryHeading(page: Page, name: string) {
  return page.getByRole("heading", { name, exact: true });
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("directory, public site and youth portal in the browser", () => {
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

  it("a coordinator creates, corrects and edits an entry; a visitor finds it by topic and age", async () => {
    const coordinator = await session();
    await loginAs(coordinator, COORDINATOR);
    await coordinator
      .getByRole("navigation", { name: nb.nav.main })
      .getByRole("link", { name: nb.directory.navAdmin })
      .click();
    await expectPage(coordinator, { path: "/admin/tjenester", heading: nb.directory.admin.title });
    await coordinator.getByRole("link", { name: nb.directory.admin.new }).click();
    await expectPage(coordinator, {
      path: "/admin/tjenester/ny",
      heading: nb.directory.admin.newTitle,
    });

    const name = uniqueName("Ungdomsloftet");
    const values: EntryValues = {
      name,
      offers: "Samtaler om rus og press fra venner",
      topics: ["rus", "psykisk_helse"],
      ageFrom: "18",
      ageTo: "6",
      phone: "ring oss",
      website: "http://fjordvik.example/loftet",
      howToRefer: "Kom innom, du trenger ikke henvisning.",
      openingHours: "Tirsdag og torsdag 15–20",
      public: true,
    };
    // Bad input first: each field gets its own Norwegian message and nothing typed is lost.
    await fillEntryForm(coordinator, values);
    await coordinator.getByRole("button", { name: nb.directory.admin.save }).click();
    await coordinator.getByRole("heading", { name: nb.common.errorSummary }).waitFor();
    for (const message of [
      nb.directory.errors.phone,
      nb.directory.errors.website,
      nb.directory.errors.ageOrder,
    ]) {
      expect(await coordinator.getByRole("link", { name: message }).count()).toBe(1);
    }
    await checkA11y(coordinator);
    expect(await coordinator.getByLabel(nb.directory.fields.name).inputValue()).toBe(name);
    expect(
      await coordinator
        .getByRole("checkbox", { name: nb.guide.topic.rus, exact: true })
        .isChecked(),
    ).toBe(true);

    await coordinator.getByLabel(nb.directory.fields.ageFrom).fill("13");
    await coordinator.getByLabel(nb.directory.fields.ageTo).fill("19");
    await coordinator.getByLabel(nb.directory.fields.phone).fill("12 34 56 78");
    await coordinator
      .getByLabel(nb.directory.fields.website)
      .fill("https://fjordvik.example/loftet");
    await coordinator.getByRole("button", { name: nb.directory.admin.save }).click();
    await expectPage(coordinator, {
      path: /^\/admin\/tjenester\?melding=directory\.admin\.created/,
      heading: nb.directory.admin.title,
    });
    await coordinator.getByRole("cell", { name, exact: true }).waitFor();

    // Edit: the stored values come back in the form, and a change is saved.
    await coordinator
      .getByRole("link", { name: fill(nb.directory.admin.editNamed, { name }) })
      .click();
    await expectPage(coordinator, {
      path: /^\/admin\/tjenester\/[0-9a-f-]{36}$/,
      heading: `${nb.directory.admin.editTitle}: ${name}`,
    });
    const editPath = new URL(coordinator.url()).pathname;
    const entryId = editPath.split("/").pop()!;
    expect(await coordinator.getByLabel(nb.directory.fields.ageFrom).inputValue()).toBe("13");
    await coordinator
      .getByLabel(nb.directory.fields.offers)
      .fill("Samtaler om rus, press fra venner og det å ha det vanskelig");
    await coordinator.getByRole("button", { name: nb.directory.admin.save }).click();
    await expectPage(coordinator, {
      path: `${editPath}?melding=directory.admin.saved`,
      heading: `${nb.directory.admin.editTitle}: ${name}`,
    });
    await coordinator.getByRole("status").filter({ hasText: nb.directory.admin.saved }).waitFor();

    // An anonymous visitor, without JavaScript: the GET form filters by topic and age.
    const visitor = await session({ blockScripts: true });
    await visit(visitor, "/");
    await visitor
      .getByRole("navigation", { name: nb.nav.main })
      .getByRole("link", { name: nb.directory.navPublic })
      .click();
    await expectPage(visitor, { path: "/hvem-kan-hjelpe", heading: nb.directory.public.title });
    await visitor.getByRole("checkbox", { name: nb.guide.topic.rus, exact: true }).check();
    await visitor.getByLabel(nb.directory.public.age, { exact: true }).fill("15");
    await visitor.getByRole("button", { name: nb.directory.public.submit }).click();
    await expectPage(visitor, {
      path: "/hvem-kan-hjelpe?q=&tema=rus&alder=15",
      heading: nb.directory.public.title,
    });
    await entryHeading(visitor, name).waitFor();
    await visitor
      .getByText("Samtaler om rus, press fra venner og det å ha det vanskelig")
      .waitFor();
    await visitor.getByRole("link", { name: "12 34 56 78" }).first().waitFor();

    // Outside the age range, or another topic: not listed.
    await visit(visitor, "/hvem-kan-hjelpe?tema=rus&alder=21");
    expect(await entryHeading(visitor, name).count()).toBe(0);
    await visit(visitor, "/hvem-kan-hjelpe?tema=penger&alder=15");
    expect(await entryHeading(visitor, name).count()).toBe(0);
    // A typo in the search still finds it.
    await visit(visitor, `/hvem-kan-hjelpe?q=${encodeURIComponent("ungdomslofet")}`);
    await entryHeading(visitor, name).waitFor();

    await visitor.getByRole("link", { name, exact: true }).click();
    await expectPage(visitor, { path: `/hvem-kan-hjelpe/${entryId}`, heading: name });
    await visitor.getByText(nb.directory.public.howToRefer).first().waitFor();
    await visitor.getByText("Tirsdag og torsdag 15–20").waitFor();

    // Deactivate with confirmation: the entry disappears for the visitor.
    await coordinator.getByRole("link", { name: nb.directory.admin.deactivate }).click();
    await coordinator.getByText(fill(nb.directory.admin.deactivateConfirm, { name })).waitFor();
    await checkA11y(coordinator);
    await coordinator.getByRole("button", { name: nb.directory.admin.confirmDeactivate }).click();
    await expectPage(coordinator, {
      path: /^\/admin\/tjenester\?melding=directory\.admin\.deactivated/,
      heading: nb.directory.admin.title,
    });
    await visit(visitor, `/hvem-kan-hjelpe/${entryId}`, { status: 404 });
    await visit(visitor, "/hvem-kan-hjelpe?tema=rus&alder=15");
    expect(await entryHeading(visitor, name).count()).toBe(0);
  });

  it("staff see internal entries marked as such; the public does not", async () => {
    const coordinator = await session();
    await loginAs(coordinator, COORDINATOR);
    const name = uniqueName("Internt tverrfaglig team");
    await createEntry(coordinator, {
      name,
      offers: "Drøfting av saker på nivå 2",
      topics: ["familie"],
      ageFrom: "0",
      ageTo: "18",
      public: false,
    });
    await visit(coordinator, "/hvem-kan-hjelpe?tema=familie");
    const card = coordinator.getByRole("article", { name });
    await card.getByText(nb.directory.public.internal).waitFor();

    const visitor = await session();
    await visit(visitor, "/hvem-kan-hjelpe?tema=familie");
    expect(await entryHeading(visitor, name).count()).toBe(0);
  });

  it("the search form works by keyboard with JavaScript", async () => {
    const visitor = await session();
    await visit(visitor, "/hvem-kan-hjelpe");
    const topic = visitor.getByRole("checkbox", { name: nb.guide.topic.mobbing, exact: true });
    await tabTo(visitor, topic);
    await visitor.keyboard.press("Space");
    await tabTo(visitor, visitor.getByLabel(nb.directory.public.age, { exact: true }));
    await visitor.keyboard.type("14");
    await tabTo(visitor, visitor.getByRole("button", { name: nb.directory.public.submit }));
    await visitor.keyboard.press("Enter");
    await expectPage(visitor, {
      path: "/hvem-kan-hjelpe?q=&tema=mobbing&alder=14",
      heading: nb.directory.public.title,
    });
    expect(await topic.isChecked()).toBe(true);
  });

  it("the citizen landing page links the model, the directory, guardians, the youth portal and login", async () => {
    for (const blockScripts of [false, true]) {
      const visitor = await session({ blockScripts });
      await visit(visitor, "/");
      await mainHeading(visitor, fill(nb.publicSite.title, { municipality })).waitFor();
      const main = visitor.getByRole("main");
      for (const [link, target] of [
        [nb.publicSite.helpLink, "/hvem-kan-hjelpe"],
        [nb.publicSite.guardiansLink, "/foresatte"],
        [nb.publicSite.youthLink, "/ung"],
        [nb.publicSite.loginLink, "/logg-inn"],
      ] as const) {
        expect(await main.getByRole("link", { name: link }).getAttribute("href")).toBe(target);
      }
      if (contentTitles("modell").has("bts-modellen")) {
        expect(
          await main.getByRole("link", { name: nb.publicSite.modelLink }).getAttribute("href"),
        ).toMatch(/^\/veileder\/[a-z0-9æøå-]+$/);
      }
      const nav = visitor.getByRole("navigation", { name: nb.nav.main });
      for (const label of [nb.directory.navPublic, nb.publicSite.navGuardians, nb.youth.nav]) {
        await nav.getByRole("link", { name: label, exact: true }).waitFor();
      }
      expect(await nav.getByRole("link", { name: nb.directory.navAdmin }).count()).toBe(0);
    }
  });

  it("guardians' pages list and render the published guardian content", async () => {
    const guardianPages = contentTitles("foresatte");
    for (const blockScripts of [false, true]) {
      const visitor = await session({ blockScripts });
      await visit(visitor, "/foresatte");
      await mainHeading(visitor, nb.publicSite.guardiansTitle).waitFor();
      if (guardianPages.size === 0) {
        await visitor.getByText(nb.publicSite.guardiansEmpty).waitFor();
        continue;
      }
      for (const [slug, title] of guardianPages) {
        expect(
          await visitor.getByRole("link", { name: title, exact: true }).getAttribute("href"),
        ).toBe(`/foresatte/${slug}`);
      }
      const [slug, title] = [...guardianPages][0]!;
      await visit(visitor, `/foresatte/${slug}`);
      await mainHeading(visitor, title).waitFor();
    }
    // A youth page is not a guardian page.
    const visitor = await session();
    await visit(visitor, "/foresatte/nodnumre", { status: 404 });
  });

  it("the youth portal works at 320 px, every page links the emergency numbers, topic pages list help", async () => {
    const youthPages = contentTitles("ung");
    expect(youthPages.get("ung"), "content/nb/ung/ung.md").toBeDefined();
    expect(youthPages.get("nodnumre"), "content/nb/ung/nodnumre.md").toBeDefined();

    // A public entry for bullying, and one internal: only the public one shows in the portal.
    const coordinator = await session();
    await loginAs(coordinator, COORDINATOR);
    const publicName = uniqueName("Mobbeombudet");
    const internalName = uniqueName("Internt mobbeteam");
    await createEntry(coordinator, {
      name: publicName,
      offers: "Hjelp når du blir mobbet",
      topics: ["mobbing"],
      ageFrom: "6",
      ageTo: "19",
      phone: "11 22 33 44",
      public: true,
    });
    await createEntry(coordinator, {
      name: internalName,
      offers: "Intern drøfting",
      topics: ["mobbing"],
      ageFrom: "6",
      ageTo: "19",
      public: false,
    });
    // Even signed-in staff see the portal as young people do.
    await visit(coordinator, "/ung/mobbing");
    await entryHeading(coordinator, publicName).waitFor();
    expect(await entryHeading(coordinator, internalName).count()).toBe(0);

    for (const blockScripts of [false, true]) {
      const visitor = await session({ blockScripts });
      await visitor.setViewportSize({ width: 320, height: 640 });
      const pages = [...youthPages.keys()].map((slug) =>
        slug === "ung" ? "/ung" : `/ung/${slug}`,
      );
      for (const pathname of pages) {
        await visit(visitor, pathname);
        const width = await visitor.evaluate(() => ({
          scroll: document.documentElement.scrollWidth,
          client: document.documentElement.clientWidth,
        }));
        expect(width.scroll, `no sideways scrolling on ${pathname} at 320 px`).toBeLessThanOrEqual(
          width.client,
        );
        if (pathname === "/ung/nodnumre") continue;
        const emergency = visitor.getByRole("link", { name: nb.youth.emergencyLinkLong });
        expect(await emergency.getAttribute("href")).toBe("/ung/nodnumre");
        const box = await emergency.boundingBox();
        expect(box?.height ?? 0, "a large tap target").toBeGreaterThanOrEqual(44);
      }

      await visit(visitor, "/ung");
      await mainHeading(visitor, fill(nb.youth.portalTitle, { municipality })).waitFor();
      await visitor.getByRole("link", { name: nb.youth.emergencyLinkLong }).click();
      await expectPage(visitor, { path: "/ung/nodnumre", heading: youthPages.get("nodnumre")! });
      await visitor.getByText("112", { exact: false }).first().waitFor();

      await visit(visitor, "/ung/mobbing");
      await mainHeading(visitor, youthPages.get("mobbing")!).waitFor();
      const help = visitor.getByRole("region", {
        name: fill(nb.youth.helpHeading, { municipality }),
      });
      await help.getByRole("heading", { name: publicName }).waitFor();
      expect(await help.getByRole("heading", { name: internalName }).count()).toBe(0);
      await help.getByRole("link", { name: "11 22 33 44" }).waitFor();
      await visit(visitor, "/ung/ikke-en-side", { status: 404 });
    }
  });

  it("anonymous visitors cannot reach the directory admin", async () => {
    const visitor = await session();
    await visit(visitor, "/admin/tjenester/ny");
    expect(new URL(visitor.url()).pathname).toBe("/logg-inn");
    const employee = await session();
    await loginAs(employee, "ansatt@fjordvik.example");
    await visit(employee, "/admin/tjenester", { status: 403 });
    expect(
      await employee
        .getByRole("navigation", { name: nb.nav.main })
        .getByRole("link", { name: new RegExp(`^${escapeRegExp(nb.directory.navAdmin)}$`) })
        .count(),
    ).toBe(0);
  });
});
