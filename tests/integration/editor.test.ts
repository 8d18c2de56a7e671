import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../core/access/actor.ts";
import { AppError } from "../../core/errors.ts";
import {
  approveAndPublish,
  createPage,
  getPublishedPage,
  isContentConflict,
  saveDraft,
  submitForReview,
} from "../../core/guide/content.ts";
import { approvalBlock, loadEditorPeople } from "../../core/guide/editor.ts";
import { updateUser } from "../../core/users/users.ts";
import {
  postedValues,
  saveInput,
  slugFromTitle,
  storedValues,
} from "../../app/lib/content-editor.ts";
import { slugPattern } from "../../core/guide/paths.ts";
import { databaseKinds, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { makeStaff, makeTenant } from "../support/fixtures.ts";

type Staff = Extract<Actor, { kind: "staff" }>;

const meta = { ip: "192.0.2.30", userAgent: "vitest", requestId: "req-editor" };

async function failure(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the use case to fail");
}

describe("editor form helpers (pure)", () => {
  it("suggests slugs that the content slug pattern accepts", () => {
    expect(slugFromTitle("Nivå 0: Konkretiser uroen")).toBe("nivå-0-konkretiser-uroen");
    expect(slugFromTitle("  Café – «Ærlig» samtale!  ")).toBe("cafe-ærlig-samtale");
    for (const title of ["Nivå 0", "Hva gjør jeg nå?", "Barn som pårørende", "Ünïcødé ---"]) {
      expect(slugFromTitle(title)).toMatch(slugPattern);
    }
    expect(slugFromTitle("!!!")).toBe("");
  });

  it("turns posted step fields into the saveDraft input and back without loss", () => {
    const posted = postedValues({
      title: "Steg 1",
      summary: "Kort",
      body: "Linje 1\r\nLinje 2\r\n",
      changeNote: "Ny frist",
      responsible: "Den som er bekymret",
      deadline: "Innen 14 dager",
      tools: ["observasjonsskjema", "samtaleguide"],
      legal: "taushetsplikt",
      verify: "on",
      lockVersion: "3",
      form: "edit",
    });
    expect(posted.body).toBe("Linje 1\nLinje 2\n");
    const input = saveInput("step", posted);
    expect(input.fields).toEqual({
      verify: true,
      responsible: "Den som er bekymret",
      deadline: "Innen 14 dager",
      tools: ["observasjonsskjema", "samtaleguide"],
      legal: ["taushetsplikt"],
    });
    expect(storedValues({ ...input, changeNote: input.changeNote })).toEqual(posted);
    // A term keeps only synonyms; step fields typed into another kind's form are not sent.
    expect(saveInput("term", { ...posted, synonyms: "BTI\n tidlig innsats ,SLT" }).fields).toEqual({
      verify: true,
      synonyms: ["BTI", "tidlig innsats", "SLT"],
    });
  });
});

describe.each(databaseKinds)("content editor rules on %s", (kind) => {
  let database: TestDatabase;
  let tenant: string;
  let kari: Staff;
  let ola: Staff;
  let employee: Staff;

  beforeAll(async () => {
    database = await freshDatabase(kind);
    tenant = (await makeTenant(database, "Redaktørvik kommune")).id;
    kari = await makeStaff(database, tenant, { roles: ["coordinator"], name: "Kari Test" });
    employee = await makeStaff(database, tenant, { roles: ["employee"], name: "Emma Test" });
  });
  afterAll(() => database.drop());

  async function draftInReview(author: Staff, slug: string) {
    const { page, draft } = await createPage({
      database,
      actor: author,
      meta,
      values: {
        slug,
        kind: "article",
        audience: "public",
        title: `Side ${slug}`,
        body: "Første tekst.",
      },
    });
    await submitForReview({ database, actor: author, meta, versionId: draft.id });
    return { page, draft };
  }

  it("lets the only coordinator publish their own text, and says so", async () => {
    const { draft } = await draftInReview(kari, "eneste-koordinator");
    const people = await loadEditorPeople({
      database,
      actor: kari,
      userIds: [draft.createdBy, employee.userId, null],
    });
    expect(people.coordinatorCount).toBe(1);
    expect(people.names).toEqual({ [kari.userId]: "Kari Test", [employee.userId]: "Emma Test" });
    expect(approvalBlock({ ...draft, state: "review" }, kari, people.coordinatorCount)).toBeNull();
    // A draft not yet submitted is never offered for approval.
    expect(approvalBlock(draft, kari, people.coordinatorCount)).toBe("notInReview");

    await approveAndPublish({ database, actor: kari, meta, versionId: draft.id });
    const published = await getPublishedPage({
      database,
      tenantId: tenant,
      viewer: null,
      slug: "eneste-koordinator",
    });
    expect(published.version.body).toBe("Første tekst.");
  });

  it("with two coordinators, hides approval from the author and lets the other publish", async () => {
    ola = await makeStaff(database, tenant, { roles: ["coordinator"], name: "Ola Test" });
    const { draft } = await draftInReview(kari, "to-koordinatorer");
    const people = await loadEditorPeople({ database, actor: kari, userIds: [] });
    expect(people.coordinatorCount).toBe(2);
    const inReview = { ...draft, state: "review" };
    expect(approvalBlock(inReview, kari, people.coordinatorCount)).toBe("ownVersion");
    expect(approvalBlock(inReview, ola, people.coordinatorCount)).toBeNull();

    // The core refuses what the UI hides.
    const refused = await failure(
      approveAndPublish({ database, actor: kari, meta, versionId: draft.id }),
    );
    expect(refused.messageKey).toBe("content.errors.ownVersion");
    await expect(
      getPublishedPage({ database, tenantId: tenant, viewer: null, slug: "to-koordinatorer" }),
    ).rejects.toMatchObject({ code: "not_found" });

    const published = await approveAndPublish({ database, actor: ola, meta, versionId: draft.id });
    expect(published.approvedBy).toBe(ola.userId);
    const page = await getPublishedPage({
      database,
      tenantId: tenant,
      viewer: null,
      slug: "to-koordinatorer",
    });
    expect(page.version.title).toBe("Side to-koordinatorer");
  });

  it("counts only current coordinators: taking the role away lifts the rule", async () => {
    const admin = await makeStaff(database, tenant, { roles: ["admin"] });
    await updateUser({
      database,
      actor: admin,
      meta,
      userId: ola.userId,
      values: { name: "Ola Test", email: ola.email, roles: ["employee"], unitIds: [] },
    });
    const people = await loadEditorPeople({ database, actor: kari, userIds: [] });
    expect(people.coordinatorCount).toBe(1);
  });

  it("keeps both texts in an edit conflict", async () => {
    const { page } = await createPage({
      database,
      actor: kari,
      meta,
      values: { slug: "konflikt", kind: "article", audience: "internal", title: "Konflikt" },
    });
    const loadedLock = page.lockVersion;
    await saveDraft({
      database,
      actor: kari,
      meta,
      pageId: page.id,
      lockVersion: loadedLock,
      values: { title: "Konflikt", body: "Den første teksten." },
    });
    let conflict: unknown;
    try {
      await saveDraft({
        database,
        actor: kari,
        meta,
        pageId: page.id,
        lockVersion: loadedLock,
        values: { title: "Konflikt", body: "Den andre teksten." },
      });
    } catch (error) {
      conflict = error;
    }
    expect(isContentConflict(conflict)).toBe(true);
    if (!isContentConflict(conflict)) return;
    expect(conflict.current.draft?.body).toBe("Den første teksten.");
    expect(conflict.current.lockVersion).toBeGreaterThan(loadedLock);
  });

  it("refuses the editor's people lookup to staff without guide.edit", async () => {
    const refused = await failure(loadEditorPeople({ database, actor: employee, userIds: [] }));
    expect(refused.code).toBe("forbidden");
  });
});
