import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../core/access/actor.ts";
import { isAppError } from "../../core/errors.ts";
import {
  maxQueryLength,
  parseHighlight,
  searchPageSize,
  searchSite,
  HIGHLIGHT_START,
  HIGHLIGHT_STOP,
  type SearchResult,
} from "../../core/guide/search.ts";
import { databaseKinds, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { makeStaff, makeTenant } from "../support/fixtures.ts";
import { addDirectoryEntry, addVersion, publishPage } from "../support/search-content.ts";

type Staff = Extract<Actor, { kind: "staff" }>;

const titles = (result: SearchResult) => result.hits.map((hit) => hit.title);

describe("parseHighlight", () => {
  it("turns markers into marked parts and keeps everything else as text", () => {
    expect(parseHighlight(`Bruk ${HIGHLIGHT_START}stafettlogg${HIGHLIGHT_STOP} <b>nå</b>`)).toEqual(
      [
        { text: "Bruk ", mark: false },
        { text: "stafettlogg", mark: true },
        { text: " <b>nå</b>", mark: false },
      ],
    );
  });
  it("survives unbalanced markers", () => {
    expect(parseHighlight(`${HIGHLIGHT_STOP}a${HIGHLIGHT_START}b`)).toEqual([
      { text: "a", mark: false },
      { text: "b", mark: true },
    ]);
  });
});

describe.each(databaseKinds)("site search on %s", (kind) => {
  let database: TestDatabase;
  let tenant: string;
  let otherTenant: string;
  let staff: Staff;
  const citizen = (tenantId: string): Actor => ({
    kind: "citizen",
    citizenId: "c1",
    tenantId,
    name: null,
  });

  beforeAll(async () => {
    database = await freshDatabase(kind);
    tenant = (await makeTenant(database, "Søkevik kommune")).id;
    otherTenant = (await makeTenant(database, "Andrevik kommune")).id;
    staff = await makeStaff(database, tenant);
    await publishPage(database, tenant, {
      slug: "stafettlogg",
      kind: "term",
      audience: "public",
      title: "Stafettlogg",
      summary: "Et verktøy for å dokumentere og følge opp tiltak rundt et barn.",
      body: "Stafettloggen følger barnet når ansvaret går videre mellom tjenester.",
    });
    // A longer title with the same word must not outrank the page of that name.
    await publishPage(database, tenant, {
      slug: "hva-er-stafettlogg",
      kind: "guardian",
      audience: "public",
      title: "Hva er en stafettlogg?",
      body: "Til deg som er forelder.",
    });
    await publishPage(database, tenant, {
      slug: "samtaleguide-undringssamtale",
      kind: "tool",
      audience: "internal",
      title: "Samtaleguide for undringssamtalen",
      body: "Spørsmål du kan stille.",
    });
    await publishPage(database, tenant, {
      slug: "undringssamtale",
      kind: "tool",
      audience: "internal",
      title: "Undringssamtale",
      summary: "Slik gjennomfører du en undringssamtale med et barn.",
      body: "# Før samtalen\n\nVelg et rolig sted. Lytt mer enn du snakker.\n\n**Barnets stemme** skal høres.",
    });
    await publishPage(database, tenant, {
      slug: "hjelp-ung",
      kind: "youth",
      audience: "youth",
      title: "Når noe er vanskelig hjemme",
      body: "Du kan snakke med helsesykepleier på skolen om det som er vanskelig.",
    });
    await publishPage(database, tenant, {
      slug: "gammel-rutine",
      kind: "routine",
      audience: "public",
      title: "Gammel rutine for bekymring",
      body: "Denne rutinen om bekymringsmelding er arkivert.",
      archived: true,
    });
    await publishPage(database, tenant, {
      slug: "utkast",
      kind: "routine",
      audience: "public",
      title: "Utkast om bekymringsmelding",
      body: "Et utkast som ikke er publisert om bekymringsmelding.",
      draftOnly: true,
    });
    const versioned = await publishPage(database, tenant, {
      slug: "vold-og-overgrep",
      kind: "routine",
      audience: "public",
      title: "Rutine ved mistanke om vold",
      body: "Første utgave om gammelord.",
    });
    await addVersion(database, tenant, versioned.pageId, {
      title: "Rutine ved mistanke om vold og overgrep",
      body: "Ny utgave om avvergeplikt og politiet.",
      state: "published",
    });
    await addVersion(database, tenant, versioned.pageId, {
      title: "Utkast til ny voldsrutine",
      body: "Et utkast om hemmeligord som ikke er publisert.",
      state: "draft",
    });
    await publishPage(database, tenant, {
      slug: "stafettlogg-en",
      kind: "term",
      audience: "public",
      title: "Relay log",
      body: "The relay log follows the child.",
      language: "en",
      translationKey: "stafettlogg",
    });
    await publishPage(database, otherTenant, {
      slug: "stafettlogg",
      kind: "term",
      audience: "public",
      title: "Stafettlogg i Andrevik",
      body: "Andrevik sin stafettlogg.",
    });
    await addDirectoryEntry(database, tenant, {
      name: "Helsestasjon for ungdom",
      description: "Gratis og uten timebestilling for ungdom opp til 24 år.",
      offers: "Samtaler om prevensjon, psykisk helse og kropp.",
    });
    await addDirectoryEntry(database, tenant, {
      name: "Internt tverrfaglig team",
      description: "Teamet drøfter saker anonymt med ansatte.",
      public: false,
    });
    await addDirectoryEntry(database, tenant, {
      name: "Nedlagt tverrfaglig tjeneste",
      description: "Ikke lenger i drift.",
      active: false,
    });
    for (let i = 1; i <= 23; i += 1) {
      await publishPage(database, tenant, {
        slug: `tiltak-${i}`,
        kind: "article",
        audience: "public",
        title: `Tiltaksplan ${i}`,
        body: `Tiltaksplanen beskriver målrettede tiltak nummer ${i}.`,
      });
    }
  });

  afterAll(async () => {
    await database?.drop();
  });

  it("finds a page by full text with a highlighted snippet", async () => {
    const result = await searchSite({
      database,
      tenantId: tenant,
      viewer: null,
      query: "stafettlogg",
    });
    expect(result.hits[0]).toMatchObject({
      kind: "term",
      title: "Stafettlogg",
      path: "/veileder/stafettlogg",
    });
    const marked = result.hits[0]!.snippet.filter((part) => part.mark).map((part) => part.text);
    // The stemmer matches inflected forms too ("stafettloggen").
    expect(marked.length).toBeGreaterThan(0);
    for (const text of marked) expect(text.toLowerCase()).toMatch(/^stafettlogg/);
    // The other municipality's page is never seen.
    expect(titles(result)).not.toContain("Stafettlogg i Andrevik");
  });

  it("finds pages despite typos through trigram similarity on titles", async () => {
    const typo = await searchSite({ database, tenantId: tenant, viewer: null, query: "stafetlog" });
    expect(titles(typo)[0]).toBe("Stafettlogg");
    const missingS = await searchSite({
      database,
      tenantId: tenant,
      viewer: staff,
      query: "undringsamtale",
    });
    expect(titles(missingS)[0]).toBe("Undringssamtale");
  });

  it("respects audiences: anonymous visitors and citizens see public and youth pages, staff all", async () => {
    for (const viewer of [null, citizen(tenant)]) {
      const internal = await searchSite({
        database,
        tenantId: tenant,
        viewer,
        query: "undringssamtale",
      });
      expect(titles(internal)).not.toContain("Undringssamtale");
      const youth = await searchSite({
        database,
        tenantId: tenant,
        viewer,
        query: "helsesykepleier",
      });
      expect(titles(youth)).toContain("Når noe er vanskelig hjemme");
    }
    const asStaff = await searchSite({
      database,
      tenantId: tenant,
      viewer: staff,
      query: "undringssamtale",
    });
    expect(asStaff.hits[0]).toMatchObject({ kind: "tool", path: "/veileder/undringssamtale" });
    // Markdown syntax never reaches the snippet.
    const snippet = asStaff.hits[0]!.snippet.map((part) => part.text).join("");
    expect(snippet).not.toMatch(/[#*]/);
  });

  it("counts only the latest published version of non-archived pages", async () => {
    const archived = await searchSite({
      database,
      tenantId: tenant,
      viewer: staff,
      query: "bekymringsmelding",
    });
    expect(archived.total).toBe(0);
    const old = await searchSite({ database, tenantId: tenant, viewer: staff, query: "gammelord" });
    expect(old.total).toBe(0);
    const draft = await searchSite({
      database,
      tenantId: tenant,
      viewer: staff,
      query: "hemmeligord",
    });
    expect(draft.total).toBe(0);
    const current = await searchSite({
      database,
      tenantId: tenant,
      viewer: null,
      query: "avvergeplikt",
    });
    expect(titles(current)).toEqual(["Rutine ved mistanke om vold og overgrep"]);
  });

  it("finds active directory entries, internal ones for staff only", async () => {
    const publicHit = await searchSite({
      database,
      tenantId: tenant,
      viewer: null,
      query: "prevensjon",
    });
    expect(publicHit.hits[0]).toMatchObject({
      kind: "directory",
      title: "Helsestasjon for ungdom",
    });
    expect(publicHit.hits[0]!.path).toMatch(/^\/hvem-kan-hjelpe\/[0-9a-f-]{36}$/);
    const anonymous = await searchSite({
      database,
      tenantId: tenant,
      viewer: null,
      query: "tverrfaglig",
    });
    expect(titles(anonymous)).toEqual([]);
    const asStaff = await searchSite({
      database,
      tenantId: tenant,
      viewer: staff,
      query: "tverrfaglig",
    });
    expect(titles(asStaff)).toEqual(["Internt tverrfaglig team"]);
  });

  it("prefers the reader's language and falls back to bokmål pages without a translation", async () => {
    const english = await searchSite({
      database,
      tenantId: tenant,
      viewer: null,
      query: "relay log",
      language: "en",
    });
    expect(titles(english)).toContain("Relay log");
    const fallback = await searchSite({
      database,
      tenantId: tenant,
      viewer: null,
      query: "avvergeplikt",
      language: "en",
    });
    expect(titles(fallback)).toEqual(["Rutine ved mistanke om vold og overgrep"]);
    // The bokmål original of a translated page is not shown twice to an English reader.
    const translated = await searchSite({
      database,
      tenantId: tenant,
      viewer: null,
      query: "stafettlogg",
      language: "en",
    });
    expect(titles(translated)).not.toContain("Stafettlogg");
  });

  it("pages through many hits", async () => {
    const first = await searchSite({
      database,
      tenantId: tenant,
      viewer: null,
      query: "tiltaksplan",
    });
    expect(first.total).toBe(23);
    expect(first.pageCount).toBe(3);
    expect(first.hits).toHaveLength(searchPageSize);
    const third = await searchSite({
      database,
      tenantId: tenant,
      viewer: null,
      query: "tiltaksplan",
      page: 3,
    });
    expect(third.hits).toHaveLength(3);
    const all = new Set([...first.hits, ...third.hits].map((hit) => hit.id));
    expect(all.size).toBe(13);
    const beyond = await searchSite({
      database,
      tenantId: tenant,
      viewer: null,
      query: "tiltaksplan",
      page: 5,
    });
    expect(beyond).toMatchObject({ total: 23, hits: [] });
  });

  it("handles empty, overlong and hostile queries", async () => {
    const empty = await searchSite({ database, tenantId: tenant, viewer: null, query: "   " });
    expect(empty).toMatchObject({ query: "", total: 0, hits: [] });
    const error = await searchSite({
      database,
      tenantId: tenant,
      viewer: null,
      query: "a".repeat(maxQueryLength + 1),
    }).catch((caught: unknown) => caught);
    expect(isAppError(error) && error.messageKey).toBe("search.tooLong");
    // Query syntax and markers are data, not syntax: no error, no forged highlight.
    for (const query of [
      '"unclosed',
      "a & | ! (",
      `${HIGHLIGHT_START}x${HIGHLIGHT_STOP}`,
      "'; drop table content_pages; --",
    ]) {
      const result = await searchSite({ database, tenantId: tenant, viewer: null, query });
      expect(result.query).not.toContain(HIGHLIGHT_START);
    }
  });

  it("suggests near titles when nothing matches", async () => {
    const result = await searchSite({ database, tenantId: tenant, viewer: null, query: "tafetlg" });
    expect(result.total).toBe(0);
    expect(result.suggestions).toContainEqual({
      title: "Stafettlogg",
      path: "/veileder/stafettlogg",
    });
    const nothing = await searchSite({
      database,
      tenantId: tenant,
      viewer: null,
      query: "xqzvwpk",
    });
    expect(nothing).toMatchObject({ total: 0, hits: [], suggestions: [] });
  });
});
