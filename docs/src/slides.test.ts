import { existsSync, readFileSync } from "node:fs";
import { PDFDocument } from "pdf-lib";
import { needs } from "@fil-rouge/toolchain/skips";
import { beforeAll, describe, expect, it } from "vitest";
import {
  buildDeck,
  deckProblems,
  DECKS,
  diagramNames,
  parseSlides,
  renderDiagrams,
  SOURCES,
  type Deck,
} from "./build-slides.js";

const diagrams = diagramNames();
const parsed = {
  slides: parseSlides(readFileSync(SOURCES.slides, "utf8")),
  exemple: parseSlides(readFileSync(SOURCES.exemple, "utf8")),
};
const decks = Object.keys(DECKS) as Deck[];
const cases = (["slides", "exemple"] as const).flatMap((name) =>
  decks.map((deck) => [name, deck] as const),
);

describe.each(cases)("the %s source, %s deck", (name, deck) => {
  const source = parsed[name];
  const inDeck = source.slides.filter((s) => s.minutes[deck] !== undefined);

  it("is timed to its length, follows the required order, shows an image on every visual slide", () => {
    expect(deckProblems(source, deck, diagrams)).toEqual([]);
  });

  it("shows the architecture and the delivery flow as diagrams, and a real capture", () => {
    const images = inDeck.flatMap((s) => s.images);
    expect(images).toEqual(
      expect.arrayContaining([
        "diagram:components",
        "diagram:deployment-path",
        "captures/prometheus-alertes.png",
      ]),
    );
    for (const s of inDeck.filter((x) =>
      x.images.some((i) => i.startsWith("diagram:") || i.startsWith("captures/")),
    )) {
      expect(
        s.visual,
        `slide ${String(s.index + 1)} carries an image but is not planned as visual`,
      ).toBe(true);
    }
  });
});

describe("the slide plan check, on broken sources", () => {
  const good = readFileSync(SOURCES.exemple, "utf8");

  it("reports a deck that runs over, a visual slide without image, a section out of order", () => {
    const broken = good
      .replace("<!-- slide: section=1 rncp=2 ds=1 -->", "<!-- slide: section=1 rncp=3 ds=1 -->")
      .replace("![w:1100 Composants](diagram:components)", "(schéma à venir)")
      .replace(
        "<!-- slide: section=5 rncp=3.5 ds=2.5 -->",
        "<!-- slide: section=2 rncp=3.5 ds=2.5 -->",
      );
    const problems = deckProblems(parseSlides(broken), "rncp", diagrams);
    expect(problems).toEqual(
      expect.arrayContaining([
        "rncp: slides add up to 31 minutes, not 30",
        expect.stringMatching(/^rncp: slide \d+ is visual but has no image$/),
        expect.stringMatching(/^rncp: sections run .* not 1 to 6 in the required order$/),
      ]),
    );
  });

  it("reports a closing slide that announces the wrong next part, and a missing diagram", () => {
    const broken = good
      .replace(
        "Suite de la soutenance : la démonstration (10 minutes), puis les questions (10 minutes).",
        "Questions (10 minutes)",
      )
      .replace("diagram:deployment-path", "diagram:no-such-heading");
    expect(deckProblems(parseSlides(broken), "ds", diagrams)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ds: the closing slide does not announce what follows/),
        expect.stringMatching(/shows diagram:no-such-heading, which does not exist$/),
      ]),
    );
  });

  it("marks the worked example as not to be handed in", () => {
    expect(good).toContain("Exemple commenté — ne pas reprendre");
  });
});

describe("the decks built with Marp", () => {
  const html: Partial<Record<Deck, string>> = {};
  beforeAll(async () => {
    for (const deck of decks)
      html[deck] = readFileSync(await buildDeck("exemple", deck, "html"), "utf8");
  }, 120_000);

  it.each(decks)("%s: one HTML section per slide of the deck, in the large-type theme", (deck) => {
    const count = parsed.exemple.slides.filter((s) => s.minutes[deck] !== undefined).length;
    expect(html[deck]?.match(/<section\b[^>]*\bid="\d+"/g)).toHaveLength(count);
    expect(html[deck]).toContain('data-theme="fil-rouge"');
  });
});

describe.runIf(needs("chromium", "the decks as PDF, with rendered diagrams"))(
  "the decks as PDF, with rendered diagrams (Chromium installed)",
  () => {
    it("renders every diagram of docs/architecture.md to SVG", async () => {
      const files = await renderDiagrams();
      expect(files).toHaveLength(diagrams.length);
      for (const file of files) expect(readFileSync(file, "utf8")).toMatch(/^<svg[\s\S]*<\/svg>$/);
    }, 120_000);

    it.each(decks)(
      "%s: one PDF page per slide",
      async (deck) => {
        const pdf = await PDFDocument.load(readFileSync(await buildDeck("exemple", deck, "pdf")));
        expect(pdf.getPageCount()).toBe(
          parsed.exemple.slides.filter((s) => s.minutes[deck] !== undefined).length,
        );
      },
      180_000,
    );

    it("embeds the diagram images it points to", () => {
      expect(
        existsSync(new URL("../presentation/dist/diagrams/components.svg", import.meta.url)),
      ).toBe(true);
    });
  },
);
