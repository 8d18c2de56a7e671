import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor, type Actor } from "../../core/access/actor.ts";
import { AppError } from "../../core/errors.ts";
import {
  approveAndPublish,
  archivePage,
  createPage,
  diffVersions,
  getDueRevision,
  getPageForEditing,
  getPublishedPage,
  isContentConflict,
  listPagesForEditing,
  listPublishedPages,
  listRecentlyPublished,
  listTranslations,
  listVersions,
  rejectVersion,
  remindDueRevisions,
  saveDraft,
  setRevisionDate,
  submitForReview,
} from "../../core/guide/content.ts";
import {
  checkContent,
  checkContentDir,
  ContentFileError,
  exportContent,
  importContent,
  readContentFiles,
} from "../../core/guide/files.ts";
import { seedDemo } from "../../db/seed-demo.ts";
import {
  auditEvents,
  contentPages,
  contentRevisions,
  contentVersions,
  directoryEntries,
  tenants,
} from "../../db/schema/index.ts";
import { databaseKinds, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { makeStaff, makeTenant } from "../support/fixtures.ts";

type Staff = Extract<Actor, { kind: "staff" }>;

const meta = { ip: "192.0.2.30", userAgent: "vitest", requestId: "req-content" };
const fixtures = path.resolve("tests/fixtures/content-core");
const good = path.join(fixtures, "good");

async function failure(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the use case to fail");
}

/** Every file under dir, relative path → content. */
async function tree(dir: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    result[path.relative(dir, full)] = await readFile(full, "utf8");
  }
  return result;
}

describe.each(databaseKinds)("content on %s", (kind) => {
  let database: TestDatabase;
  let tenantId: string;
  let coordinator: Staff;
  let otherCoordinator: Staff;
  let employee: Staff;
  const temp: string[] = [];
  const tempDir = async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "laget-content-"));
    temp.push(dir);
    return dir;
  };

  beforeAll(async () => {
    database = await freshDatabase(kind);
    tenantId = (await makeTenant(database, "Innholdvik kommune")).id;
    coordinator = await makeStaff(database, tenantId, { roles: ["coordinator"] });
    otherCoordinator = await makeStaff(database, tenantId, { roles: ["coordinator"] });
    employee = await makeStaff(database, tenantId, { roles: ["employee"] });
    await importContent({ database, actor: systemActor(tenantId, "test"), tenantId, dir: good });
  });
  afterAll(async () => {
    await database.drop();
    for (const dir of temp) await rm(dir, { recursive: true, force: true });
  });

  const auditTypes = async () =>
    (
      await database.system((tx) =>
        tx
          .select({ type: auditEvents.eventType })
          .from(auditEvents)
          .where(eq(auditEvents.tenantId, tenantId)),
      )
    ).map((row) => row.type);

  describe("reading", () => {
    it("shows anonymous visitors and citizens public and youth pages only, staff everything", async () => {
      const slugs = async (viewer: Actor | null) =>
        (await listPublishedPages({ database, tenantId, viewer })).map((row) => row.page.slug);
      const citizen: Actor = { kind: "citizen", citizenId: "c1", tenantId, name: null };
      expect((await slugs(null)).sort()).toEqual(["foresatte", "stafettlogg", "ung"]);
      expect((await slugs(citizen)).sort()).toEqual(["foresatte", "stafettlogg", "ung"]);
      expect((await slugs(employee)).sort()).toEqual([
        "foresatte",
        "niva-0",
        "niva-0-drofte",
        "niva-0-konkretiser",
        "observasjonsskjema",
        "stafettlogg",
        "ung",
      ]);
      const terms = await listPublishedPages({ database, tenantId, viewer: null, kind: "term" });
      expect(terms.map((row) => row.path)).toEqual(["/veileder/stafettlogg"]);
    });

    it("returns a page with its published version, children in order, parent and translations", async () => {
      const level = await getPublishedPage({
        database,
        tenantId,
        viewer: employee,
        slug: "niva-0",
      });
      expect(level.version.title).toBe("Nivå 0: Når du blir uroet");
      expect(level.children.map((child) => child.page.slug)).toEqual([
        "niva-0-konkretiser",
        "niva-0-drofte",
      ]);
      expect(level.parent).toBeNull();
      expect(level.translations).toEqual([
        {
          language: "nn",
          slug: "niva-0",
          title: "Nivå 0: Når du blir uroa",
          path: "/veileder/niva-0",
        },
      ]);
      const step = await getPublishedPage({
        database,
        tenantId,
        viewer: employee,
        slug: "niva-0-konkretiser",
      });
      expect(step.parent?.page.slug).toBe("niva-0");
      expect(step.version.fields).toEqual({
        deadline: "Så snart som mulig",
        legal: ["taushetsplikt"],
        responsible: "Den ansatte som er uroet",
        tools: ["observasjonsskjema"],
      });
      const nynorsk = await listTranslations({
        database,
        tenantId,
        viewer: employee,
        translationKey: "niva-0",
      });
      expect(nynorsk.map((row) => row.language)).toEqual(["nb", "nn"]);
      const youth = await getPublishedPage({ database, tenantId, viewer: null, slug: "ung" });
      expect(youth.path).toBe("/ung/ung");
    });

    it("keeps internal pages from anonymous visitors, citizens and other municipalities", async () => {
      expect(
        (await failure(getPublishedPage({ database, tenantId, viewer: null, slug: "niva-0" })))
          .code,
      ).toBe("unauthenticated");
      const citizen: Actor = { kind: "citizen", citizenId: "c1", tenantId, name: null };
      expect(
        (await failure(getPublishedPage({ database, tenantId, viewer: citizen, slug: "niva-0" })))
          .code,
      ).toBe("not_found");
      const otherTenant = (await makeTenant(database, "Annenvik kommune")).id;
      const stranger = await makeStaff(database, otherTenant, { roles: ["coordinator"] });
      expect(
        (await failure(getPublishedPage({ database, tenantId, viewer: stranger, slug: "niva-0" })))
          .code,
      ).toBe("not_found");
      expect(
        (
          await failure(
            getPublishedPage({ database, tenantId: otherTenant, viewer: stranger, slug: "ung" }),
          )
        ).code,
      ).toBe("not_found");
    });
  });

  describe("editing", () => {
    it("creates a page as a draft and refuses bad and taken slugs and non-editors", async () => {
      const bad = await failure(
        createPage({
          database,
          actor: coordinator,
          meta,
          values: { slug: "Ikke Gyldig", kind: "article", audience: "public", title: "X" },
        }),
      );
      expect(bad.fieldErrors).toMatchObject({ slug: "content.errors.slug" });
      const taken = await failure(
        createPage({
          database,
          actor: coordinator,
          meta,
          values: { slug: "ung", kind: "article", audience: "public", title: "X" },
        }),
      );
      expect(taken.fieldErrors).toEqual({ slug: "content.errors.slugTaken" });
      const badKind = await failure(
        createPage({
          database,
          actor: coordinator,
          meta,
          values: { slug: "x", kind: "oppskrift", audience: "alle", title: "X" },
        }),
      );
      expect(Object.keys(badKind.fieldErrors ?? {}).sort()).toEqual(["audience", "kind"]);
      const forbidden = await failure(
        createPage({
          database,
          actor: employee,
          meta,
          values: { slug: "x", kind: "article", audience: "public", title: "X" },
        }),
      );
      expect(forbidden.code).toBe("forbidden");

      const { page, draft } = await createPage({
        database,
        actor: coordinator,
        meta,
        values: {
          slug: "om-laget",
          kind: "article",
          audience: "public",
          title: "Om Laget",
          body: "Første tekst.",
        },
      });
      expect(draft.state).toBe("draft");
      expect(page.publishedVersionId).toBeNull();
      // Not published yet: readers do not see it.
      expect(
        (await failure(getPublishedPage({ database, tenantId, viewer: null, slug: "om-laget" })))
          .code,
      ).toBe("not_found");
      expect(await auditTypes()).toContain("content.page_created");
    });

    it("keeps both edits on a conflict, then reviews, rejects and publishes with four eyes", async () => {
      const { page } = await createPage({
        database,
        actor: coordinator,
        meta,
        values: { slug: "rutine-test", kind: "routine", audience: "internal", title: "Rutine" },
      });
      const loaded = await getPageForEditing({ database, actor: coordinator, pageId: page.id });
      const mine = await saveDraft({
        database,
        actor: coordinator,
        meta,
        pageId: page.id,
        lockVersion: loaded.page.lockVersion,
        values: { title: "Rutine", body: "Kari sin tekst.", changeNote: "Ny rutine" },
      });
      // A second editor who loaded the same lock version is told, and sees Kari's text.
      let conflict: unknown;
      try {
        await saveDraft({
          database,
          actor: otherCoordinator,
          meta,
          pageId: page.id,
          lockVersion: loaded.page.lockVersion,
          values: { title: "Rutine", body: "Ola sin tekst." },
        });
      } catch (error) {
        conflict = error;
      }
      expect(isContentConflict(conflict)).toBe(true);
      if (!isContentConflict(conflict)) throw new Error("unreachable");
      expect(conflict.code).toBe("conflict");
      expect(conflict.messageKey).toBe("content.errors.conflict");
      expect(conflict.current.draft?.body).toBe("Kari sin tekst.");
      expect(conflict.current.lockVersion).toBe(mine.page.lockVersion);
      const afterConflict = await getPageForEditing({
        database,
        actor: coordinator,
        pageId: page.id,
      });
      expect(afterConflict.draft?.body).toBe("Kari sin tekst.");
      // Still one open draft: saving again updates it.
      expect(afterConflict.draft?.id).toBe(mine.draft.id);

      const submitted = await submitForReview({
        database,
        actor: coordinator,
        meta,
        versionId: mine.draft.id,
      });
      expect(submitted.state).toBe("review");
      const rejected = await rejectVersion({
        database,
        actor: otherCoordinator,
        meta,
        versionId: mine.draft.id,
        note: "Legg til hvem som har ansvaret.",
      });
      expect(rejected.state).toBe("draft");
      expect(rejected.reviewNote).toBe("Legg til hvem som har ansvaret.");
      await submitForReview({ database, actor: coordinator, meta, versionId: mine.draft.id });

      // Two active coordinators: the author may not publish their own text.
      const own = await failure(
        approveAndPublish({ database, actor: coordinator, meta, versionId: mine.draft.id }),
      );
      expect(own.code).toBe("forbidden");
      expect(own.messageKey).toBe("content.errors.ownVersion");
      const published = await approveAndPublish({
        database,
        actor: otherCoordinator,
        meta,
        versionId: mine.draft.id,
      });
      expect(published.state).toBe("published");
      expect(published.approvedBy).toBe(otherCoordinator.userId);
      const shown = await getPublishedPage({
        database,
        tenantId,
        viewer: employee,
        slug: "rutine-test",
      });
      expect(shown.version.body).toBe("Kari sin tekst.");

      // A second version supersedes the first.
      const editing = await getPageForEditing({
        database,
        actor: otherCoordinator,
        pageId: page.id,
      });
      expect(editing.draft).toBeNull();
      const second = await saveDraft({
        database,
        actor: otherCoordinator,
        meta,
        pageId: page.id,
        lockVersion: editing.page.lockVersion,
        values: {
          title: "Rutine for test",
          body: "Kari sin tekst.\nNy linje.",
          changeNote: "La til en linje",
        },
      });
      expect(second.draft.number).toBe(2);
      await approveAndPublish({ database, actor: coordinator, meta, versionId: second.draft.id });
      const versions = await listVersions({ database, actor: coordinator, pageId: page.id });
      expect(versions.map((v) => [v.number, v.state])).toEqual([
        [2, "published"],
        [1, "superseded"],
      ]);
      const after = await getPageForEditing({ database, actor: coordinator, pageId: page.id });
      expect(after.page.publishedVersionId).toBe(second.draft.id);

      const diff = await diffVersions({
        database,
        actor: coordinator,
        a: versions[1]!.id,
        b: versions[0]!.id,
      });
      expect(diff.title).toEqual([
        { kind: "unchanged", text: "Rutine " },
        { kind: "added", text: "for test" },
      ]);
      expect(diff.body.filter((part) => part.kind !== "unchanged")).toEqual([
        { kind: "added", text: "Ny linje.\n" },
      ]);
      expect(diff.summary).toEqual([]);

      const types = await auditTypes();
      for (const type of [
        "content.draft_saved",
        "content.submitted",
        "content.rejected",
        "content.published",
      ]) {
        expect(types).toContain(type);
      }
    });

    it("lets the only coordinator of a municipality publish their own text", async () => {
      const soloTenant = (await makeTenant(database, "Enevik kommune")).id;
      const solo = await makeStaff(database, soloTenant, { roles: ["coordinator"] });
      const { draft } = await createPage({
        database,
        actor: solo,
        meta,
        values: { slug: "alene", kind: "article", audience: "public", title: "Alene" },
      });
      const published = await approveAndPublish({
        database,
        actor: solo,
        meta,
        versionId: draft.id,
      });
      expect(published.state).toBe("published");
      const pages = await listPagesForEditing({ database, actor: solo });
      expect(pages.map((row) => [row.page.slug, row.published?.id])).toEqual([["alene", draft.id]]);
    });

    it("lists published changes with notes, newest first, by page, and hides archived pages", async () => {
      const { page, draft } = await createPage({
        database,
        actor: coordinator,
        meta,
        values: { slug: "nyhet", kind: "article", audience: "public", title: "Nyhet" },
      });
      let lock = (await getPageForEditing({ database, actor: coordinator, pageId: page.id })).page
        .lockVersion;
      for (const note of ["Første utgave", "Andre utgave"]) {
        const saved = await saveDraft({
          database,
          actor: coordinator,
          meta,
          pageId: page.id,
          lockVersion: lock,
          values: { title: `Nyhet: ${note}`, changeNote: note },
        });
        await approveAndPublish({
          database,
          actor: otherCoordinator,
          meta,
          versionId: saved.draft.id,
        });
        lock = (await getPageForEditing({ database, actor: coordinator, pageId: page.id })).page
          .lockVersion;
      }
      expect(draft.number).toBe(1);
      const first = await listRecentlyPublished({ database, tenantId, viewer: null, pageSize: 1 });
      expect(first.items.map((item) => item.version.changeNote)).toEqual(["Andre utgave"]);
      expect(first.total).toBe(2);
      const second = await listRecentlyPublished({
        database,
        tenantId,
        viewer: null,
        pageSize: 1,
        page: 2,
      });
      expect(second.items.map((item) => item.version.changeNote)).toEqual(["Første utgave"]);
      // The internal routine's notes are for staff only.
      const staffNotes = await listRecentlyPublished({ database, tenantId, viewer: employee });
      expect(staffNotes.items.map((item) => item.version.changeNote)).toContain("La til en linje");

      await archivePage({ database, actor: coordinator, meta, pageId: page.id });
      expect(
        (await failure(getPublishedPage({ database, tenantId, viewer: null, slug: "nyhet" }))).code,
      ).toBe("not_found");
      expect((await listRecentlyPublished({ database, tenantId, viewer: null })).total).toBe(0);
      expect(await auditTypes()).toContain("content.archived");
    });
  });

  describe("yearly revision", () => {
    it("sets a date, reports it due within 30 days and reminds once", async () => {
      const today = new Date("2026-03-01T10:00:00Z");
      await setRevisionDate({
        database,
        actor: coordinator,
        meta,
        values: { year: 2026, dueDate: "2026-06-01" },
      });
      const later = await getDueRevision({ database, actor: employee, today });
      expect(later).toMatchObject({ daysLeft: 92, dueSoon: false });
      expect(await remindDueRevisions(database, today)).toBe(0);

      await setRevisionDate({
        database,
        actor: coordinator,
        meta,
        values: { year: 2026, dueDate: "2026-03-20" },
      });
      const soon = await getDueRevision({ database, actor: employee, today });
      expect(soon).toMatchObject({ daysLeft: 19, dueSoon: true });
      const sent: { to: string; subject: string; text: string }[] = [];
      const mailer = {
        configured: true,
        sendMail: async (m: (typeof sent)[number]) => void sent.push(m),
      };
      expect(await remindDueRevisions(database, today, mailer)).toBe(1);
      // The municipality's active coordinators get the reminder; employees do not.
      expect(sent.map((m) => m.to).sort()).toEqual(
        [coordinator.email, otherCoordinator.email].sort(),
      );
      expect(sent[0]!.subject).toBe("Årlig revisjon av handlingsveilederen 2026");
      expect(sent[0]!.text).toContain("20.03.2026");
      const [row] = await database.system((tx) =>
        tx.select().from(contentRevisions).where(eq(contentRevisions.tenantId, tenantId)),
      );
      expect(row!.reminderSentAt).not.toBeNull();
      expect(await remindDueRevisions(database, today, mailer)).toBe(0);
      expect(sent).toHaveLength(2);
      const types = await auditTypes();
      expect(types).toContain("revision.set");
      expect(types.filter((type) => type === "revision.reminded")).toHaveLength(1);
      const denied = await failure(
        setRevisionDate({
          database,
          actor: employee,
          meta,
          values: { year: 2027, dueDate: "2027-03-01" },
        }),
      );
      expect(denied.code).toBe("forbidden");
    });
  });

  describe("files", () => {
    it("round-trips: import, export, import into a fresh municipality, export again gives the same files", async () => {
      const first = await tempDir();
      await exportContent({ database, actor: coordinator, tenantId, dir: first });
      const firstTree = await tree(first);
      // Only the fixture's published pages of this municipality… plus the pages created above.
      expect(Object.keys(firstTree)).toContain("nb/veileder/niva-0/niva-0-konkretiser.md");
      expect(Object.keys(firstTree)).toContain("nn/veileder/niva-0.md");
      expect(Object.keys(firstTree)).not.toContain("nb/om/nyhet.md");

      const freshTenant = (await makeTenant(database, "Kopivik kommune")).id;
      const system = systemActor(freshTenant, "test");
      const imported = await importContent({
        database,
        actor: system,
        tenantId: freshTenant,
        dir: first,
      });
      expect(imported).toEqual({
        created: Object.keys(firstTree).length,
        updated: 0,
        unchanged: 0,
      });
      const second = await tempDir();
      await exportContent({ database, actor: system, tenantId: freshTenant, dir: second });
      expect(await tree(second)).toEqual(firstTree);

      const step = firstTree["nb/veileder/niva-0/niva-0-konkretiser.md"]!;
      expect(step).toContain("parent: niva-0");
      expect(step).toContain("tools:\n    - observasjonsskjema");
      expect(firstTree["nb/foresatte/foresatte.md"]).toContain("verify: true");
    });

    it("changes nothing for unchanged files and makes one new version of an edited file", async () => {
      const countVersions = () =>
        database.system((tx) =>
          tx.select().from(contentVersions).where(eq(contentVersions.tenantId, tenantId)),
        );
      const before = (await countVersions()).length;
      const again = await importContent({
        database,
        actor: systemActor(tenantId, "test"),
        tenantId,
        dir: good,
      });
      expect(again).toMatchObject({ created: 0, updated: 0 });
      expect((await countVersions()).length).toBe(before);

      const edited = await tempDir();
      await cp(good, edited, { recursive: true });
      const file = path.join(edited, "nb/verktoy/observasjonsskjema.md");
      await writeFile(file, (await readFile(file, "utf8")).replace("hva du så", "hva du hørte"));
      const result = await importContent({
        database,
        actor: systemActor(tenantId, "test"),
        tenantId,
        dir: edited,
      });
      expect(result).toMatchObject({ created: 0, updated: 1 });
      const versions = await countVersions();
      expect(versions.length).toBe(before + 1);
      const [page] = await database.system((tx) =>
        tx
          .select()
          .from(contentPages)
          .where(
            and(eq(contentPages.tenantId, tenantId), eq(contentPages.slug, "observasjonsskjema")),
          ),
      );
      const mine = versions
        .filter((version) => version.pageId === page!.id)
        .sort((a, b) => a.number - b.number);
      expect(mine.map((v) => [v.number, v.state, v.changeNote])).toEqual([
        [1, "superseded", ""],
        [2, "published", "Importert"],
      ]);
      expect(page!.publishedVersionId).toBe(mine[1]!.id);
      const shown = await getPublishedPage({
        database,
        tenantId,
        viewer: employee,
        slug: "observasjonsskjema",
      });
      expect(shown.version.body).toContain("hva du hørte");
    });

    it("names the file and field of a broken file in Norwegian", async () => {
      let error: unknown;
      try {
        await readContentFiles(path.join(fixtures, "broken-format"));
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ContentFileError);
      const problems = (error as ContentFileError).problems;
      expect(problems.some((p) => p.includes("feil.md") && p.includes("«slug»"))).toBe(true);
      expect(problems.some((p) => p.includes("feil.md") && p.includes("«kind»"))).toBe(true);
    });
  });
});

describe("content check", () => {
  it("finds internal links to no page and images without alt text", async () => {
    const problems = checkContent({
      pages: (await readContentFiles(path.join(fixtures, "broken"))).map(
        ({ path: file, file: page }) => ({
          ...page,
          file,
        }),
      ),
    });
    expect(problems.map((p) => [p.problem, p.target])).toEqual([
      ["broken_link", "/veileder/finnes-ikke"],
      ["missing_alt", "/bilder/tomt.png"],
    ]);
    expect(await checkContentDir(path.join(fixtures, "good"))).toEqual([]);
  });

  it("exits with code 1 from the CLI when something is found", async () => {
    const run = promisify(execFile);
    const ok = await run(process.execPath, [
      "bin/laget.js",
      "content",
      "check",
      path.join(fixtures, "good"),
    ]);
    expect(ok.stdout).toContain("Ingen feil");
    const failed = await run(process.execPath, [
      "bin/laget.js",
      "content",
      "check",
      path.join(fixtures, "broken"),
    ]).then(
      () => ({ code: 0, stdout: "" }),
      (error: { code: number; stdout: string }) => error,
    );
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain("/veileder/finnes-ikke");
    expect(failed.stdout).toContain("mangler alternativ tekst");
  });
});

describe.each(databaseKinds)("demo seed on %s", (kind) => {
  it("publishes the default guide and loads the demo services in one go", async () => {
    const database = await freshDatabase(kind);
    try {
      expect(await seedDemo(database)).toBe(true);
      const [tenant] = await database.system((tx) =>
        tx.select().from(tenants).where(eq(tenants.municipalityNumber, "9999")),
      );
      const files = await readContentFiles("content/nb");
      const staff = systemActor(tenant!.id, "test");
      const pages = await listPublishedPages({ database, tenantId: tenant!.id, viewer: staff });
      expect(pages.length).toBe(files.length);
      expect(pages.length).toBeGreaterThan(0);
      const imported = await database.system((tx) =>
        tx
          .select()
          .from(auditEvents)
          .where(
            and(
              eq(auditEvents.tenantId, tenant!.id),
              eq(auditEvents.eventType, "content.imported"),
            ),
          ),
      );
      expect(imported).toHaveLength(1);
      expect(imported[0]!.details).toMatchObject({ created: files.length });
      const services = await database.system((tx) =>
        tx.select().from(directoryEntries).where(eq(directoryEntries.tenantId, tenant!.id)),
      );
      const yaml = await readFile("content/demo/tjenester.yaml", "utf8").catch(() => "");
      expect(services.length).toBe((yaml.match(/^- name:/gm) ?? []).length);
    } finally {
      await database.drop();
    }
  });
});
