import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { addDays, osloDate } from "../../core/platform/dates.ts";
import { nb } from "../../i18n/nb.ts";
import {
  checkA11y,
  expectPage,
  fill,
  launchBrowser,
  loginAs,
  openSession,
  sharedLaget,
  uniqueName,
  visit,
  type Session,
} from "../support/e2e.ts";

const COORDINATOR = "koordinator@fjordvik.example";
const EMPLOYEE = "ansatt@fjordvik.example";
const t = nb.implementation.training;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("training and the competence portal in the browser", () => {
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

  async function fillEvent(page: Page, values: Record<string, string>) {
    await page.getByRole("main").getByLabel(t.fields.title).fill(values.title!);
    await page.getByRole("main").getByLabel(t.fields.kind).selectOption({ label: t.kinds.course });
    await page
      .getByRole("main")
      .getByLabel(t.fields.description)
      .fill(values.description ?? "");
    await page.getByRole("main").getByLabel(t.fields.date).fill(values.date!);
    await page.getByRole("main").getByLabel(t.fields.startTime).fill("09:00");
    await page.getByRole("main").getByLabel(t.fields.endTime).fill("11:30");
    await page.getByRole("main").getByLabel(t.fields.place).fill("Rådhuset, møterom Fjorden");
    await page.getByRole("main").getByLabel(t.fields.capacity).fill("10");
    await page.getByRole("main").getByLabel(t.fields.registrationDeadline).fill(values.deadline!);
  }

  it("a coordinator creates and fixes an event and invites a unit; an employee registers once", async () => {
    const { page: coordinator } = await session();
    await loginAs(coordinator, COORDINATOR);
    await visit(coordinator, "/implementering/opplaering");
    await expectPage(coordinator, {
      path: "/implementering/opplaering",
      heading: t.admin.title,
    });
    await coordinator.getByRole("link", { name: t.admin.new }).click();
    await expectPage(coordinator, {
      path: "/implementering/opplaering/ny",
      heading: t.admin.newTitle,
    });

    // A deadline after the event: a message beside the field, nothing typed is lost.
    const title = uniqueName("Kurs i undringssamtalen");
    const eventDate = addDays(osloDate(), 14);
    await fillEvent(coordinator, {
      title,
      description: "Praktisk øving i å ta opp uro med foresatte.",
      date: eventDate,
      deadline: addDays(osloDate(), 20),
    });
    await coordinator.getByRole("button", { name: t.admin.create }).click();
    await coordinator.getByRole("heading", { name: nb.common.errorSummary }).waitFor();
    expect(await coordinator.getByRole("link", { name: t.errors.deadlineAfterEvent }).count()).toBe(
      1,
    );
    await checkA11y(coordinator);
    expect(await coordinator.getByRole("main").getByLabel(t.fields.title).inputValue()).toBe(title);
    expect(await coordinator.getByRole("main").getByLabel(t.fields.date).inputValue()).toBe(
      eventDate,
    );
    expect(await coordinator.getByRole("main").getByLabel(t.fields.capacity).inputValue()).toBe(
      "10",
    );
    expect(await coordinator.getByRole("main").getByLabel(t.fields.description).inputValue()).toBe(
      "Praktisk øving i å ta opp uro med foresatte.",
    );

    await coordinator
      .getByRole("main")
      .getByLabel(t.fields.registrationDeadline)
      .fill(addDays(osloDate(), 7));
    await coordinator.getByRole("button", { name: t.admin.create }).click();
    await expectPage(coordinator, {
      path: /^\/implementering\/opplaering\/[0-9a-f-]{36}\?melding=implementation\.training\.admin\.created$/,
      heading: title,
    });
    const eventPath = new URL(coordinator.url()).pathname;
    const eventId = eventPath.split("/").pop()!;
    await coordinator.getByText(t.admin.noInvitations).waitFor();

    // Invite Fjordvik skole.
    await coordinator.getByRole("checkbox", { name: "Fjordvik skole", exact: true }).check();
    await coordinator.getByRole("button", { name: t.admin.saveInvitations }).click();
    await expectPage(coordinator, {
      path: /melding=implementation\.training\.admin\.invitationsSaved/,
      heading: title,
    });
    await coordinator.getByRole("status").waitFor();
    expect(
      await coordinator.getByRole("checkbox", { name: "Fjordvik skole", exact: true }).isChecked(),
    ).toBe(true);

    // The cancel step asks first; the coordinator keeps the event.
    await coordinator.getByRole("link", { name: t.admin.cancelEvent }).click();
    await coordinator.getByRole("button", { name: t.admin.cancelConfirm }).waitFor();
    await checkA11y(coordinator);
    await coordinator.getByRole("link", { name: t.admin.cancelKeep }).click();
    await expectPage(coordinator, { path: eventPath, heading: title });

    // The employee of Fjordvik skole finds the event and registers.
    const employeeSession = await session();
    const employee = employeeSession.page;
    await loginAs(employee, EMPLOYEE);
    await employee
      .getByRole("navigation", { name: nb.nav.main })
      .getByRole("link", { name: t.navLabel, exact: true })
      .click();
    await expectPage(employee, { path: "/opplaering", heading: t.title });
    await employee.getByRole("link", { name: title }).click();
    await expectPage(employee, { path: `/opplaering/${eventId}`, heading: title });
    await employee.getByText(fill(t.staff.registerFor, { unit: "Fjordvik skole" })).waitFor();

    // The same form open in a second tab: posted again after the first registration.
    const secondTab = await employeeSession.context.newPage();
    await secondTab.goto(`/opplaering/${eventId}`);
    await secondTab.getByRole("button", { name: t.staff.register }).waitFor();

    await employee.getByRole("button", { name: t.staff.register }).click();
    await expectPage(employee, {
      path: `/opplaering/${eventId}?melding=implementation.training.staff.registered`,
      heading: title,
    });
    await employee.getByRole("status").filter({ hasText: t.staff.registered }).waitFor();
    await employee
      .getByText(fill(t.staff.youAreRegisteredFor, { unit: "Fjordvik skole" }))
      .waitFor();

    await secondTab.getByRole("button", { name: t.staff.register }).click();
    await secondTab.getByRole("alert").filter({ hasText: t.errors.alreadyRegistered }).waitFor();
    expect(t.errors.alreadyRegistered).toContain("Du er allerede påmeldt");
    await checkA11y(secondTab);
    await secondTab.close();

    // One registration only, seen by the coordinator.
    await visit(coordinator, eventPath);
    await coordinator.getByText(fill(t.admin.registeredOf, { count: 1, capacity: 10 })).waitFor();
    expect(
      await coordinator
        .getByRole("table", { name: t.admin.registrationsHeading })
        .getByRole("cell", { name: "Emma Eksempel", exact: true })
        .count(),
    ).toBe(1);

    // Unregistering asks first; the employee keeps the place.
    await employee.getByRole("link", { name: t.staff.unregister }).click();
    await employee.getByRole("button", { name: t.staff.unregisterConfirm }).waitFor();
    await checkA11y(employee);
    await employee.getByRole("link", { name: t.staff.unregisterKeep }).click();
    await expectPage(employee, { path: `/opplaering/${eventId}`, heading: title });
  }, 120_000);

  it("an employee reads the competence portal; the coordinator keeps its material", async () => {
    const { page: employee } = await session();
    await loginAs(employee, EMPLOYEE);
    const { page: coordinator } = await session();
    await loginAs(coordinator, COORDINATOR);

    // The competence portal and one material.
    await visit(employee, "/opplaering");
    await employee.getByRole("link", { name: t.staff.portalLink }).click();
    await expectPage(employee, { path: "/kompetanse", heading: t.materials.portalTitle });
    await employee.getByRole("link", { name: "Undringssamtalen – slik kan du starte" }).click();
    await expectPage(employee, {
      path: /^\/kompetanse\/[0-9a-f-]{36}$/,
      heading: "Undringssamtalen – slik kan du starte",
    });
    await employee.getByRole("heading", { name: "Før samtalen", level: 2 }).waitFor();
    await visit(employee, "/kompetanse");
    await employee.getByRole("link", { name: "BTS-modellen på én side" }).click();
    await expectPage(employee, {
      path: /^\/kompetanse\/[0-9a-f-]{36}$/,
      heading: "BTS-modellen på én side",
    });
    const download = employee.getByRole("link", { name: /^Last ned bts-modellen-pa-en-side\.pdf/ });
    expect(await download.getAttribute("href")).toMatch(/^\/kompetanse\/[0-9a-f-]{36}\/fil$/);

    // The coordinator's material pages.
    await visit(coordinator, "/implementering/kompetanse");
    await coordinator.getByRole("link", { name: t.materials.new }).click();
    await expectPage(coordinator, {
      path: "/implementering/kompetanse/ny",
      heading: t.materials.newTitle,
    });
    await visit(coordinator, "/implementering/kompetanse");
    await coordinator.getByRole("link", { name: "Gode tverrfaglige møter" }).click();
    await expectPage(coordinator, {
      path: /^\/implementering\/kompetanse\/[0-9a-f-]{36}$/,
      heading: `${t.materials.editTitle}: Gode tverrfaglige møter`,
    });
    await coordinator.getByRole("link", { name: t.materials.delete }).click();
    await coordinator.getByRole("button", { name: t.materials.deleteConfirm }).waitFor();
    await checkA11y(coordinator);
    await coordinator.getByRole("link", { name: t.materials.deleteKeep }).click();
    await expectPage(coordinator, {
      path: /^\/implementering\/kompetanse\/[0-9a-f-]{36}$/,
      heading: `${t.materials.editTitle}: Gode tverrfaglige møter`,
    });
  }, 120_000);

  it("the employee sees the demo kick-off's evaluation form, the coordinator its results", async () => {
    const { page: employee } = await session();
    await loginAs(employee, EMPLOYEE);
    await visit(employee, "/opplaering");
    await employee.getByRole("link", { name: "Oppstartskonferanse – BTS kick-off" }).click();
    await expectPage(employee, {
      path: /^\/opplaering\/[0-9a-f-]{36}$/,
      heading: "Oppstartskonferanse – BTS kick-off",
    });
    const kickoffId = new URL(employee.url()).pathname.split("/").pop()!;
    await employee.getByRole("heading", { name: t.evaluation.heading }).waitFor();
    // Sending without scores: the messages, then nothing is stored (the form stays).
    await employee.getByRole("button", { name: t.evaluation.submit }).click();
    await employee.getByRole("heading", { name: nb.common.errorSummary }).waitFor();
    await checkA11y(employee);

    const { page: coordinator } = await session();
    await loginAs(coordinator, COORDINATOR);
    await visit(coordinator, `/implementering/opplaering/${kickoffId}`);
    await coordinator.getByRole("heading", { name: t.admin.resultsHeading }).waitFor();
    expect(await coordinator.getByText(fill(t.admin.resultsHidden, { min: 5 })).count()).toBe(0);
    await coordinator
      .getByRole("heading", { name: nb.implementation.training.evaluation.bestPart })
      .waitFor();
  });
});
