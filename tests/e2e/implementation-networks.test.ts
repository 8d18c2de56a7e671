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

const COORDINATOR = "koordinator@fjordvik.example";
/** Bjørn Bakken, BTS contact of Solsikken barnehage in the demo data (the units area's seed). */
const BTS_CONTACT = "bts@fjordvik.example";
const n = nb.implementation.networks;

/** dd.mm.yyyy, as the pages write dates. */
function shown(isoDate: string): string {
  const [year, month, day] = isoDate.split("-");
  return `${day}.${month}.${year}`;
}

/** A field by the start of its label (required fields add "(påkrevd)"). */
function field(page: Page, label: string) {
  return page.getByLabel(new RegExp(`^${escapeRegExp(label)}`));
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

describe("BTS networks in the browser", () => {
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

  it("the coordinator creates a network, plans meetings and records attendance; a BTS contact writes «gjort, lurt, lært» and proposes an item", async () => {
    const today = osloDate();
    const later = addDays(today, 14);
    const name = uniqueName("BTS-nettverk nord");

    // ---- the coordinator
    const coordinator = await session();
    await loginAs(coordinator, COORDINATOR);
    await visit(coordinator, "/implementering/nettverk");
    await mainHeading(coordinator, n.title).waitFor();
    await coordinator.getByRole("link", { name: "BTS-nettverk oppvekst", exact: true }).waitFor();

    await coordinator.getByRole("link", { name: n.new }).click();
    await expectPage(coordinator, {
      path: "/implementering/nettverk/ny",
      heading: n.form.newTitle,
    });

    // The demo network's name is taken: a clear message, and what was typed stays.
    await field(coordinator, n.form.name).fill("bts-nettverk OPPVEKST");
    await field(coordinator, n.form.description).fill("Barnehager og skoler i nord");
    await field(coordinator, n.form.leader).selectOption({ label: "Kari Koordinator" });
    for (const unit of ["Solsikken barnehage", "Fjordvik skole"]) {
      await coordinator.getByRole("checkbox", { name: unit, exact: true }).check();
    }
    await coordinator.getByRole("button", { name: n.form.create }).click();
    await coordinator.getByRole("link", { name: n.errors.nameTaken }).waitFor();
    await checkA11y(coordinator);
    expect(await field(coordinator, n.form.description).inputValue()).toBe(
      "Barnehager og skoler i nord",
    );
    expect(
      await coordinator
        .getByRole("checkbox", { name: "Solsikken barnehage", exact: true })
        .isChecked(),
    ).toBe(true);

    await field(coordinator, n.form.name).fill(name);
    await coordinator.getByRole("button", { name: n.form.create }).click();
    await expectPage(coordinator, {
      path: /^\/implementering\/nettverk\/[0-9a-f-]{36}\?melding=/,
      heading: name,
    });
    await notice(coordinator, fill(n.notices.created, { name })).waitFor();
    const networkPath = new URL(coordinator.url()).pathname;
    const year = today.slice(0, 4);
    await coordinator.getByText(fill(n.network.noMeetings, { year }), { exact: true }).waitFor();

    // Plan today's meeting: the plan is below four a year, which warns but does not refuse.
    await field(coordinator, n.network.meetsOn).fill(today);
    await field(coordinator, n.network.startsAt).fill("12:30");
    await field(coordinator, n.network.place).fill("Rådhuset");
    await field(coordinator, n.network.theme).fill("Gjort, lurt, lært");
    await coordinator.getByRole("button", { name: n.network.addMeeting }).click();
    await expectPage(coordinator, {
      path: new RegExp(`^${escapeRegExp(networkPath)}\\?melding=`),
      heading: name,
    });
    await notice(coordinator, fill(n.notices.meetingAddedBelow, { year, count: 1 })).waitFor();
    await coordinator
      .getByText(fill(n.network.belowMinimum_one, { year, count: 1 }))
      .first()
      .waitFor();

    await field(coordinator, n.network.meetsOn).fill(later);
    await coordinator.getByRole("button", { name: n.network.addMeeting }).click();
    await notice(
      coordinator,
      fill(n.notices.meetingAddedBelow, {
        year: later.slice(0, 4),
        count: later.slice(0, 4) === year ? 2 : 1,
      }),
    ).waitFor();
    await checkA11y(coordinator);

    // A meeting that has not been held cannot get attendance.
    await visit(coordinator, `${networkPath}?ar=${later.slice(0, 4)}`);
    await coordinator
      .getByRole("link", { name: fill(n.network.meetingLink, { date: shown(later) }) })
      .click();
    await expectPage(coordinator, {
      path: /\/moter\/[0-9a-f-]{36}$/,
      heading: fill(n.meeting.title, { date: shown(later) }),
    });
    const laterMeetingPath = new URL(coordinator.url()).pathname;
    await coordinator.getByText(n.errors.attendanceFuture, { exact: true }).waitFor();

    // Today's meeting: record who came, which marks the meeting held.
    await visit(coordinator, networkPath);
    await coordinator
      .getByRole("link", { name: fill(n.network.meetingLink, { date: shown(today) }) })
      .click();
    await expectPage(coordinator, {
      path: /\/moter\/[0-9a-f-]{36}$/,
      heading: fill(n.meeting.title, { date: shown(today) }),
    });
    const meetingPath = new URL(coordinator.url()).pathname;
    const bjorn = coordinator.getByRole("checkbox", {
      name: fill(n.meeting.presentLabel, { name: "Bjørn Bakken" }),
    });
    // The demo BTS contacts come from the units area's seed: Bjørn Bakken for Solsikken.
    await bjorn.check();
    await coordinator.getByRole("button", { name: n.meeting.saveAttendance }).click();
    await expectPage(coordinator, {
      path: `${meetingPath}?melding=implementation.networks.notices.attendanceSaved`,
      heading: fill(n.meeting.title, { date: shown(today) }),
    });
    await notice(coordinator, n.notices.attendanceSaved).waitFor();
    const attendanceTable = coordinator.getByRole("table", { name: n.meeting.attendanceCaption });
    await attendanceTable.getByText(`Bjørn Bakken: ${n.attended}`).waitFor();
    const solsikken = attendanceTable.getByRole("row", { name: /^Solsikken barnehage/ });
    expect(await solsikken.getByRole("cell").last().textContent()).toBe(n.attended);
    await coordinator.getByRole("definition").filter({ hasText: n.status.held }).first().waitFor();

    // The network page counts it: Solsikken 1 of 1 held meetings this year.
    await visit(coordinator, networkPath);
    const perUnit = coordinator.getByRole("table", {
      name: fill(n.network.attendanceCaption, { year }),
    });
    const row = perUnit.getByRole("row", { name: /^Solsikken barnehage/ });
    expect(await row.getByRole("cell").first().textContent()).toBe(n.attended);
    expect(await row.getByRole("cell").last().textContent()).toBe(
      fill(n.network.attendedTotal, { attended: 1, held: 1 }),
    );

    // ---- the BTS contact of Solsikken barnehage
    const contact = await session();
    await loginAs(contact, BTS_CONTACT);
    await visit(contact, "/implementering/nettverk");
    await contact.getByRole("link", { name, exact: true }).click();
    await expectPage(contact, { path: networkPath, heading: name });
    // Only the coordinator plans meetings.
    expect(await contact.getByRole("button", { name: n.network.addMeeting }).count()).toBe(0);

    await visit(contact, meetingPath);
    const notesForm = contact.locator('form:has(input[name="section"][value="notes"])');
    // Only their own unit's form: Fjordvik skole's notes are read-only for them.
    expect(await notesForm.count()).toBe(1);
    await notesForm
      .getByRole("button", { name: fill(n.meeting.saveNotes, { unit: "Solsikken barnehage" }) })
      .click();
    await contact.getByRole("link", { name: n.errors.notesEmpty }).waitFor();
    await checkA11y(contact);

    await notesForm.getByLabel(n.meeting.done, { exact: true }).fill("Gikk gjennom veilederen");
    await notesForm.getByLabel(n.meeting.learned, { exact: true }).fill("Det tar tid");
    await notesForm
      .getByRole("button", { name: fill(n.meeting.saveNotes, { unit: "Solsikken barnehage" }) })
      .click();
    await expectPage(contact, {
      path: `${meetingPath}?melding=implementation.networks.notices.notesSaved`,
      heading: fill(n.meeting.title, { date: shown(today) }),
    });
    await notice(contact, n.notices.notesSaved).waitFor();
    expect(await notesForm.getByLabel(n.meeting.done, { exact: true }).inputValue()).toBe(
      "Gikk gjennom veilederen",
    );
    await contact
      .getByRole("region", { name: "Solsikken barnehage" })
      .getByRole("definition")
      .filter({ hasText: "Det tar tid" })
      .waitFor();

    // An item for the shared agenda of the next meeting, then taken back after a confirmation.
    await visit(contact, laterMeetingPath);
    await contact
      .getByRole("textbox", { name: new RegExp(`^${escapeRegExp(n.meeting.agendaTitle)} `) })
      .fill("Opplæring av nyansatte");
    await field(contact, n.meeting.agendaDetail).fill("Hvordan bruker vi sjekklisten?");
    await contact.getByRole("button", { name: n.meeting.propose }).click();
    await expectPage(contact, {
      path: `${laterMeetingPath}?melding=implementation.networks.notices.agendaAdded`,
      heading: fill(n.meeting.title, { date: shown(later) }),
    });
    await contact
      .getByText(
        fill(n.meeting.agendaByUnit, { name: "Bjørn Bakken", unit: "Solsikken barnehage" }),
      )
      .waitFor();
    await contact
      .getByRole("link", {
        name: fill(n.meeting.removeNamed, { title: "Opplæring av nyansatte" }),
      })
      .click();
    await contact
      .getByText(fill(n.meeting.removeConfirm, { title: "Opplæring av nyansatte" }))
      .waitFor();
    await checkA11y(contact);
    await contact.getByRole("button", { name: n.meeting.confirmRemove }).click();
    await expectPage(contact, {
      path: `${laterMeetingPath}?melding=implementation.networks.notices.agendaRemoved`,
      heading: fill(n.meeting.title, { date: shown(later) }),
    });
    await contact.getByText(n.meeting.noAgenda, { exact: true }).waitFor();

    // The coordinator sees Bjørn's notes on the meeting page.
    await visit(coordinator, meetingPath);
    await coordinator
      .getByRole("region", { name: "Solsikken barnehage" })
      .getByRole("definition")
      .filter({ hasText: "Gikk gjennom veilederen" })
      .waitFor();
  });

  it("the demo network: yearly plan, attendance per unit and notes from several units; read-only for the sector leader; closed to employees", async () => {
    const coordinator = await session();
    await loginAs(coordinator, COORDINATOR);
    await visit(coordinator, "/implementering/nettverk");
    await coordinator.getByRole("link", { name: "BTS-nettverk oppvekst", exact: true }).click();
    await expectPage(coordinator, {
      path: /^\/implementering\/nettverk\/[0-9a-f-]{36}$/,
      heading: "BTS-nettverk oppvekst",
    });
    const networkPath = new URL(coordinator.url()).pathname;
    const members = coordinator.getByRole("table", { name: n.network.membersCaption });
    expect(await members.getByRole("row").count()).toBe(7);
    await members.getByRole("row", { name: /^Solsikken barnehage.*Bjørn Bakken/ }).waitFor();

    // The edit form, filled in with the network as it is.
    await coordinator.getByRole("link", { name: n.network.edit }).click();
    await expectPage(coordinator, {
      path: `${networkPath}/endre`,
      heading: fill(n.form.editTitle, { name: "BTS-nettverk oppvekst" }),
    });
    expect(
      await coordinator.getByRole("checkbox", { name: "NAV Fjordvik", exact: true }).isChecked(),
    ).toBe(true);
    expect(await coordinator.getByRole("radio", { name: n.active, exact: true }).isChecked()).toBe(
      true,
    );

    // A held meeting of the demo: notes from several units; the coordinator opens any unit's form.
    const today = osloDate();
    const held = addDays(today, -14);
    await visit(coordinator, `${networkPath}?ar=${held.slice(0, 4)}`);
    await coordinator
      .getByRole("link", { name: fill(n.network.meetingLink, { date: shown(held) }) })
      .click();
    await expectPage(coordinator, {
      path: /\/moter\/[0-9a-f-]{36}$/,
      heading: fill(n.meeting.title, { date: shown(held) }),
    });
    await coordinator
      .getByRole("region", { name: "Måkeberget barnehage" })
      .getByRole("definition")
      .first()
      .waitFor();
    await coordinator
      .getByRole("link", { name: fill(n.meeting.writeFor, { unit: "Fjordvik skole" }) })
      .click();
    await coordinator
      .getByRole("button", { name: fill(n.meeting.saveNotes, { unit: "Fjordvik skole" }) })
      .waitFor();
    await checkA11y(coordinator);

    // The sector leader reads, with no forms.
    const leader = await session();
    await loginAs(leader, "kommunalsjef@fjordvik.example");
    await visit(leader, networkPath);
    expect(await leader.getByRole("button", { name: n.network.addMeeting }).count()).toBe(0);
    expect(await leader.getByRole("link", { name: n.new }).count()).toBe(0);

    // An employee without implementation.view is refused.
    const employee = await session();
    await loginAs(employee, "ansatt@fjordvik.example");
    await visit(employee, "/implementering/nettverk", { status: 403 });
    await visit(employee, networkPath, { status: 403 });
  });
});
