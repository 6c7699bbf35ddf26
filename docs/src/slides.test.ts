import { readFileSync } from "node:fs";
import { PDFDocument } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSlides, chromium, SLIDES } from "./build-slides.js";

const source = readFileSync(SLIDES, "utf8");
const slides = source.split(/^---$/m).slice(2); // the front matter comes first
const sections = [...source.matchAll(/<!-- section: (.+?) -->/g)].map((m) => m[1]);
const minutes = [...source.matchAll(/<!-- minutes: ([\d.]+) -->/g)].map((m) => Number(m[1]));

describe("the presentation", () => {
  let html = "";
  beforeAll(async () => {
    html = readFileSync(await buildSlides("html"), "utf8");
  }, 120_000);

  it("follows the required order, with the demo plan before the conclusion", () => {
    expect(sections).toEqual([
      "1. Présentation de l'entreprise et du service",
      "2. Contexte : cahier des charges, contraintes, livrables",
      "3. Infrastructure et application à mettre en production",
      "4. Exemple significatif du travail réalisé",
      "5. Exemple de recherche effectuée",
      "Plan de la démonstration (10 minutes)",
      "6. Synthèse et conclusion",
    ]);
  });

  it("is timed for the 20 minutes of the presentation, each slide with its minutes", () => {
    expect(minutes).toHaveLength(slides.length);
    expect(minutes.reduce((a, b) => a + b, 0)).toBe(20);
  });

  it("points the demo plan to the scenario cards", () => {
    const demo = slides.find((s) => s.includes("Plan de la démonstration"));
    expect(demo).toContain("docs/demo/README.md");
  });

  it("builds with Marp into one HTML section per slide", () => {
    expect(html.match(/<section\b[^>]*\bid="\d+"/g)).toHaveLength(slides.length);
  });
});

describe.runIf(chromium())("the presentation as PDF (Chromium installed)", () => {
  it("has one page per slide", async () => {
    const pdf = await PDFDocument.load(readFileSync(await buildSlides("pdf")));
    expect(pdf.getPageCount()).toBe(slides.length);
  }, 180_000);
});
