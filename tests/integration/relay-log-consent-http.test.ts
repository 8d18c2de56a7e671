import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../core/access/actor.ts";
import { CONSENT_ATTACHMENT_MAX_BYTES } from "../../core/relay-log/consent-rules.ts";
import { auditEvents, relayLogConsents, relayLogGuardians } from "../../db/schema/index.ts";
import { nb } from "../../i18n/nb.ts";
import { CSRF_COOKIE, csrfTokenFor } from "../../server/cookies.ts";
import { browserHeaders, testAppWithUi } from "../support/app.ts";
import { databaseKinds, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { insertTestLog, relayLogWorld } from "../support/relay-log-fixtures.ts";

/**
 * The consent form through the whole stack, as a browser without JavaScript posts it: a
 * multipart body with the `_csrf` field (no header), the body limit of the upload path, the
 * React Router action, and the download of the scanned form. Needs the UI build
 * (`npm run build`, or LAGET_BUILD_DIR).
 */
type Staff = Extract<Actor, { kind: "staff" }>;

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

describe.each(databaseKinds)("the consent form over HTTP on %s", (kind) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof testAppWithUi>>["app"];
  let services: Awaited<ReturnType<typeof testAppWithUi>>["services"];
  let world: Awaited<ReturnType<typeof relayLogWorld>>;
  let logId: string;
  let guardianId: string;

  beforeAll(async () => {
    database = await freshDatabase(kind);
    ({ app, services } = await testAppWithUi(database));
    world = await relayLogWorld(database);
    const log = await insertTestLog(database, {
      tenantId: world.tenant.id,
      holder: world.holder,
      holderUnitId: world.school.id,
      participants: [{ user: world.participant, unitId: world.healthStation.id }],
    });
    logId = log.id;
    const [guardian] = await database.system((tx) =>
      tx.select().from(relayLogGuardians).where(eq(relayLogGuardians.logId, log.id)),
    );
    guardianId = guardian!.id;
  }, 120_000);
  afterAll(() => database?.drop());

  /** A signed-in browser without JavaScript: cookies only, the CSRF token goes in the form. */
  async function browser(actor: Staff) {
    const headers = await browserHeaders(database, services, actor, { csrf: false });
    const secret = /laget_csrf=([^;]+)/.exec(headers.cookie!)![1]!;
    expect(headers.cookie).toContain(CSRF_COOKIE);
    return { cookie: headers.cookie!, csrf: csrfTokenFor(services.config.sessionSecret, secret) };
  }

  function consentForm(csrf: string, file: { bytes: Uint8Array; name: string; type: string }) {
    const form = new FormData();
    form.set("_csrf", csrf);
    form.set("intent", "record");
    form.append("givers", `guardian:${guardianId}`);
    form.set("method", "paper");
    form.set("witness", "");
    form.append("unitIds", world.school.id);
    form.append("unitIds", world.healthStation.id);
    form.set("givenOn", new Date().toISOString().slice(0, 10));
    form.set("expiresOn", "");
    form.set("attachment", new File([new Uint8Array(file.bytes)], file.name, { type: file.type }));
    return form;
  }

  const post = (cookie: string, body: FormData) =>
    app.request(`/stafettlogger/${logId}/samtykke`, {
      method: "POST",
      headers: { cookie },
      body,
    });

  it("shows the holder a multipart form", async () => {
    const { cookie } = await browser(world.holder);
    const response = await app.request(`/stafettlogger/${logId}/samtykke`, {
      headers: { cookie },
    });
    expect(response.status).toBe(200);
    const html = await response.text();
    // HTML attribute names are case-insensitive; React writes encType.
    expect(html).toMatch(/enctype="multipart\/form-data"/i);
    expect(html).toContain('type="file"');
    expect(html).toContain(nb.relayLog.consent.recordHeading);
  });

  it("records a paper consent with its scanned form, and serves it to the holder as a download", async () => {
    const { cookie, csrf } = await browser(world.holder);
    const response = await post(
      cookie,
      consentForm(csrf, { bytes: PNG, name: "skjema.png", type: "image/png" }),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toContain("melding=relayLog.consent.recorded");
    const rows = await database.system((tx) =>
      tx.select().from(relayLogConsents).where(eq(relayLogConsents.logId, logId)),
    );
    const recorded = rows.find((row) => row.attachmentType === "image/png")!;
    expect(Buffer.from(recorded.attachment!).equals(Buffer.from(PNG))).toBe(true);

    const download = await app.request(`/stafettlogger/${logId}/samtykke/${recorded.id}/skjema`, {
      headers: { cookie },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("image/png");
    expect(download.headers.get("content-disposition")).toMatch(
      /^attachment; filename="skjema\.png"/,
    );
    expect(download.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Buffer.from(await download.arrayBuffer()).equals(Buffer.from(PNG))).toBe(true);
    const viewed = await database.system((tx) =>
      tx.select().from(auditEvents).where(eq(auditEvents.subjectId, logId)),
    );
    expect(viewed.map((event) => event.eventType)).toContain("relaylog.consent_attachment_viewed");

    const participant = await browser(world.participant);
    const refused = await app.request(`/stafettlogger/${logId}/samtykke/${recorded.id}/skjema`, {
      headers: { cookie: participant.cookie },
    });
    expect(refused.status).toBe(403);
    expect(await refused.text()).not.toContain("\x89PNG");
  });

  it("puts a wrong file type and a too-large file beside the field, keeping what was typed", async () => {
    const { cookie, csrf } = await browser(world.holder);
    const wrong = await post(
      cookie,
      consentForm(csrf, {
        bytes: new TextEncoder().encode("<html>ikke et skjema</html>"),
        name: "skjema.pdf",
        type: "application/pdf",
      }),
    );
    expect(wrong.status).toBe(400);
    const html = await wrong.text();
    expect(html).toContain(nb.relayLog.consent.attachmentType);
    expect(html).toMatch(/id="attachment-feil"/);
    // What was chosen comes back (a file input cannot be refilled; the help text says so).
    expect(html).toMatch(/<input[^>]*id="method-paper"[^>]*checked/);
    expect(html).toMatch(new RegExp(`<input[^>]*id="givers-guardian:${guardianId}"[^>]*checked`));

    const big = new Uint8Array(CONSENT_ATTACHMENT_MAX_BYTES + 1024);
    big.set(PNG);
    const tooLarge = await post(
      cookie,
      consentForm(csrf, { bytes: big, name: "stor.png", type: "image/png" }),
    );
    expect(tooLarge.status).toBe(400);
    expect(await tooLarge.text()).toContain(nb.relayLog.consent.attachmentTooLarge);
  });

  it("answers 413 to a body far above the upload limit, and keeps the normal limit elsewhere", async () => {
    const { cookie, csrf } = await browser(world.holder);
    const huge = new Uint8Array(CONSENT_ATTACHMENT_MAX_BYTES * 3);
    const response = await post(
      cookie,
      consentForm(csrf, { bytes: huge, name: "enorm.png", type: "image/png" }),
    );
    expect(response.status).toBe(413);
    const elsewhere = new FormData();
    elsewhere.set("_csrf", csrf);
    elsewhere.set("attachment", new File([new Uint8Array(2_000_000)], "x.png"));
    const participants = await app.request(`/stafettlogger/${logId}/deltakere`, {
      method: "POST",
      headers: { cookie },
      body: elsewhere,
    });
    expect(participants.status).toBe(413);
  });
});
