import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PDFDocument } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import {
  buildDossier,
  coverage,
  DOSSIER_DIR,
  readSections,
  type DossierResult,
} from "./build-dossier.js";
import { needs } from "@fil-rouge/toolchain/skips";

const MAP = `competences:
  - { id: CP2, intitule: Déployer, epreuves: [présentation du projet], preuves: [{ chemin: a }] }
  - { id: CP7, intitule: Containers, epreuves: [présentation du projet], preuves: [{ chemin: b }] }
  - { id: CP11, intitule: Anglais, epreuves: [questionnaire professionnel], preuves: [{ chemin: c }] }
`;
const section = (file: string, markdown: string) => ({ file, title: "", headings: [], markdown });

describe("the one-page competency table", () => {
  it("says where the dossier's own text names each competency, and how it is covered", () => {
    const rows = coverage(MAP, [
      {
        ...section("05-realisations.md", ""),
        title: "5. Réalisations",
        markdown:
          "# 5. Réalisations\n\n<!-- généré: x -->\n| CP7 | b |\n<!-- fin du bloc généré -->\n\n## Le déploiement (CP2)\n\nTexte.\n",
      },
    ]);
    expect(rows).toEqual([
      {
        id: "CP2",
        intitule: "Déployer",
        where: ["5. Le déploiement (CP2)"],
        coverage: "entièrement",
      },
      { id: "CP7", intitule: "Containers", where: [], coverage: "en partie" },
      { id: "CP11", intitule: "Anglais", where: [], coverage: "hors projet" },
    ]);
  });

  it("reads the dossier's sections in file order, README left out", () => {
    const files = readSections(DOSSIER_DIR).map((s) => s.file);
    expect(files).toEqual([...files].sort());
    expect(files).not.toContain("README.md");
    expect(files.length).toBeGreaterThanOrEqual(6);
  });
});

const pdftotext = needs("pdftotext", "the printed dossier's text read back");
const pdfimages = needs("pdfimages", "the dossier's diagrams found as images");

describe.runIf(needs("chromium", "the printed dossier"))(
  "the printed dossier (Chromium installed)",
  () => {
    const out = mkdtempSync(join(tmpdir(), "dossier-"));
    let skeleton: DossierResult;
    let example: DossierResult;
    beforeAll(async () => {
      skeleton = await buildDossier({ output: join(out, "dossier.pdf") });
      example = await buildDossier({
        dir: join(DOSSIER_DIR, "../exemple"),
        output: join(out, "exemple.pdf"),
      });
    }, 180_000);

    it("is a PDF whose page count it reports, with an annex after the body", async () => {
      const pdf = await PDFDocument.load(readFileSync(skeleton.output));
      expect(skeleton.pages).toBe(pdf.getPageCount());
      expect(skeleton.pages).toBeGreaterThan(skeleton.bodyPages);
      expect(skeleton.bodyPages).toBeGreaterThan(3);
    });

    it.runIf(pdftotext)(
      "opens on the cover, then the contents listing every section with its page",
      () => {
        const page = (n: number) =>
          execFileSync(
            "pdftotext",
            ["-f", String(n), "-l", String(n), "-layout", skeleton.output, "-"],
            { encoding: "utf8" },
          );
        expect(page(1)).toMatch(/Dossier de projet[\s\S]*RNCP36061/);
        const contents = page(2);
        expect(contents).toContain("Sommaire");
        for (const title of skeleton.toc) {
          expect(contents.replace(/\s+/g, " ")).toContain(title.slice(0, 40));
        }
        expect(page(3).replace(/\s+/g, " ")).toMatch(
          /Compétences couvertes, et où le dossier les montre .*CP10/,
        );
        expect(page(3)).toMatch(/3 \/ \d+/);
      },
    );

    it.runIf(pdfimages)("prints the example's Mermaid diagrams as images", () => {
      const blocks = readFileSync(
        join(DOSSIER_DIR, "../exemple/03-specifications-techniques.md"),
        "utf8",
      ).match(/```mermaid/g);
      const listed = execFileSync("pdfimages", ["-list", example.output], { encoding: "utf8" })
        .split("\n")
        .slice(2)
        .filter(Boolean);
      expect(example.images).toBeGreaterThanOrEqual(blocks?.length ?? 1);
      expect(listed.length).toBe(example.images);
    });
  },
);
