import { describe, expect, it } from "vitest";
import {
  chooseVariant,
  displayAddress,
  firstSentence,
  levelHeading,
  levelNumber,
  liveAddress,
  paperSizes,
  plainText,
  printedDocumentFromFile,
  printedDocuments,
  printedDocumentSpecs,
  printedHref,
  shortenText,
  shortField,
  splitColumns,
} from "./printed-rules.ts";
import { bodyExcerpt, keyPoints } from "./printed-text.ts";

describe("the live address", () => {
  it("uses the configured public address when there is one", () => {
    expect(
      liveAddress({
        publicUrl: "https://laget.fjordvik.kommune.no",
        requestUrl: "http://10.0.0.5:3000/organisering/trykksaker",
        path: "/veileder",
      }),
    ).toBe("https://laget.fjordvik.kommune.no/veileder");
    expect(
      liveAddress({
        publicUrl: "https://laget.fjordvik.kommune.no/",
        requestUrl: "http://10.0.0.5:3000/x",
        path: "/foresatte",
      }),
    ).toBe("https://laget.fjordvik.kommune.no/foresatte");
  });

  it("falls back to the origin the request came to", () => {
    for (const publicUrl of [undefined, "", "  "]) {
      expect(
        liveAddress({
          publicUrl,
          requestUrl: "http://localhost:3000/organisering/trykksaker/plakat-a3.pdf?x=1",
          path: "/veileder",
        }),
      ).toBe("http://localhost:3000/veileder");
    }
  });

  it("prints the address as people type it", () => {
    expect(displayAddress("https://laget.fjordvik.kommune.no/veileder")).toBe(
      "laget.fjordvik.kommune.no/veileder",
    );
    expect(displayAddress("https://laget.example/")).toBe("laget.example");
    // Plain http keeps its scheme, so the browser is not sent to https.
    expect(displayAddress("http://localhost:3000/foresatte")).toBe(
      "http://localhost:3000/foresatte",
    );
  });
});

describe("the documents", () => {
  it("have fixed files, paper and page counts", () => {
    expect(printedDocuments.map(printedHref)).toEqual([
      "/organisering/trykksaker/plakat-a3.pdf",
      "/organisering/trykksaker/folder-ansatte.pdf",
      "/organisering/trykksaker/folder-foresatte.pdf",
    ]);
    expect(printedDocumentSpecs.poster).toMatchObject({ paper: "A3", pages: 1 });
    expect(printedDocumentSpecs.staffLeaflet).toMatchObject({ paper: "A5", pages: 4 });
    expect(printedDocumentSpecs.guardianLeaflet).toMatchObject({
      paper: "A5",
      pages: 4,
      livePath: "/foresatte",
    });
    expect(paperSizes.A3).toEqual({ width: 841.89, height: 1190.55 });
    expect(paperSizes.A5).toEqual({ width: 419.53, height: 595.28 });
  });

  it("finds a document by its file name only", () => {
    expect(printedDocumentFromFile("folder-ansatte.pdf")).toBe("staffLeaflet");
    expect(printedDocumentFromFile("plakat-a3.pdf")).toBe("poster");
    expect(printedDocumentFromFile("plakat-a4.pdf")).toBeNull();
    expect(printedDocumentFromFile("")).toBeNull();
  });
});

describe("text for paper", () => {
  it("strips Markdown marks", () => {
    expect(plainText("Les **mer** i [veilederen](/veileder) og `koden`,  nå.")).toBe(
      "Les mer i veilederen og koden, nå.",
    );
    expect(plainText("Et *viktig* ord og snake_case_navn")).toBe(
      "Et viktig ord og snake_case_navn",
    );
  });

  it("finds the first sentence, past abbreviations and ordinals", () => {
    expect(firstSentence("Du er uroet for et barn. Gjør uroen konkret.")).toBe(
      "Du er uroet for et barn.",
    );
    expect(firstSentence("Snakk f.eks. med lederen din. Så bestemmer dere.")).toBe(
      "Snakk f.eks. med lederen din.",
    );
    expect(firstSentence("Senest 14. Mars skal det skje. Deretter evaluering.")).toBe(
      "Senest 14. Mars skal det skje.",
    );
    expect(firstSentence("Hvem kan hjelpe? Spør oss.")).toBe("Hvem kan hjelpe?");
    expect(firstSentence("Ingen punktum her")).toBe("Ingen punktum her");
  });

  it("keeps text that fits and shortens what does not", () => {
    expect(shortenText("Kort tekst.", 40)).toBe("Kort tekst.");
    // The first sentence when it fits and says enough.
    expect(
      shortenText(
        "Du er uroet for et barn og vil gjøre noe med det. Gjør uroen konkret, drøft den og bestem veien videre.",
        60,
      ),
    ).toBe("Du er uroet for et barn og vil gjøre noe med det.");
    // Otherwise cut at a word boundary with an ellipsis, never longer than asked.
    const cut = shortenText(
      "Tjenesten som kjenner barnet, beskriver utfordringen sammen med familien, prøver ut tiltak og evaluerer dem i et møte.",
      50,
    );
    expect(cut).toBe("Tjenesten som kjenner barnet, beskriver…");
    expect(cut.length).toBeLessThanOrEqual(50);
    expect(cut.endsWith("…")).toBe(true);
    // One very long word is cut inside the word rather than lost.
    expect(shortenText("Superkalifragilistiskekspialidosiøst", 10)).toBe("Superkali…");
    expect(shortenText("", 10)).toBe("");
  });

  it("never returns more than the limit, whatever the text", () => {
    const text = "Ord ".repeat(200) + "Slutt. Og mer tekst etterpå.";
    for (const max of [5, 20, 33, 80, 150]) {
      expect(shortenText(text, max).length).toBeLessThanOrEqual(max);
    }
  });

  it("prints who and when only when they are short", () => {
    expect(shortField("Den ansatte som er uroet", 80)).toBe("Den ansatte som er uroet");
    expect(shortField("  ", 80)).toBeNull();
    expect(shortField(undefined, 80)).toBeNull();
    expect(shortField(42, 80)).toBeNull();
    expect(shortField("x".repeat(81), 80)).toBeNull();
  });
});

describe("levels", () => {
  it("reads a level's number from its title, its slug, or its place", () => {
    expect(levelNumber({ title: "Nivå 2: To tjenester samarbeider", slug: "x" }, 0)).toBe(2);
    expect(levelNumber({ title: "Level 3 – broad", slug: "x" }, 0)).toBe(3);
    expect(levelNumber({ title: "Uro og undring", slug: "niva-0" }, 3)).toBe(0);
    expect(levelNumber({ title: "Bredt samarbeid", slug: "bredt" }, 3)).toBe(3);
  });

  it("always writes the number in the heading", () => {
    expect(levelHeading("Nivå 0: Uro og undring", 0, "Nivå 0")).toBe("Nivå 0: Uro og undring");
    expect(levelHeading("Uro og undring", 0, "Nivå 0")).toBe("Nivå 0: Uro og undring");
    expect(levelHeading("Tiltak i 10 uker", 1, "Nivå 1")).toBe("Nivå 1: Tiltak i 10 uker");
  });
});

describe("layout", () => {
  it("picks the roomiest variant that fits, else the last", () => {
    const heights = [300, 200, 120, 90];
    expect(chooseVariant(heights, (h) => h, 150)).toEqual({ variant: 120, index: 2, fits: true });
    expect(chooseVariant(heights, (h) => h, 1000)).toEqual({ variant: 300, index: 0, fits: true });
    expect(chooseVariant(heights, (h) => h, 50)).toEqual({ variant: 90, index: 3, fits: false });
    expect(() => chooseVariant([], () => 0, 10)).toThrow();
  });

  it("splits a list into columns read top to bottom", () => {
    expect(splitColumns([1, 2, 3, 4, 5], 2)).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
    expect(splitColumns([1, 2], 1)).toEqual([[1, 2]]);
    expect(splitColumns([], 2)).toEqual([[], []]);
  });
});

describe("key points from a page body", () => {
  const body = [
    "Alle barn har perioder der de strever litt. Noen ganger merker du det først.",
    "",
    "## Hva et samtykke er",
    "",
    "- hvilke tjenester som kan samarbeide,",
    "- hva samarbeidet gjelder",
    "",
    "## Dine rettigheter",
    "",
    "- **Det er frivillig.** Du kan si nei.",
    "- **Familietjenester i kommunen**, for eksempel foreldrestøtte.",
    "  - en undertekst som ikke tas med",
    "",
    "## Les mer",
    "",
    "- [Hva er en stafettlogg?](/foresatte/foresatte-stafettlogg)",
    "- [Hvem kan hjelpe?](/hvem-kan-hjelpe): tjenester i kommunen",
  ].join("\n");

  it("reads the first paragraph and the lists, leaving out lists of links", () => {
    const excerpt = bodyExcerpt(body);
    expect(excerpt.firstParagraph).toBe(
      "Alle barn har perioder der de strever litt. Noen ganger merker du det først.",
    );
    expect(excerpt.lists).toEqual([
      [
        { lead: null, text: "hvilke tjenester som kan samarbeide" },
        { lead: null, text: "hva samarbeidet gjelder" },
      ],
      [
        { lead: "Det er frivillig.", text: "Du kan si nei." },
        { lead: "Familietjenester i kommunen", text: "For eksempel foreldrestøtte." },
      ],
    ]);
  });

  it("prefers the list written as bold statements", () => {
    expect(keyPoints(bodyExcerpt(body)).map((point) => point.lead)).toEqual([
      "Det er frivillig.",
      "Familietjenester i kommunen",
    ]);
    expect(keyPoints(bodyExcerpt("- en\n- to\n"))).toEqual([
      { lead: null, text: "en" },
      { lead: null, text: "to" },
    ]);
    expect(keyPoints(bodyExcerpt("Bare tekst."))).toEqual([]);
  });
});
