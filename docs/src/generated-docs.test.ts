import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { refreshExcerpts, excerptSources } from "./excerpts.js";
import { REQUIRED_SECTIONS, sentences, words } from "./check-dossier.js";
import { loadCompetencyMap, REPO_ROOT } from "./competency-map.js";
import { refreshBlocks } from "./generated-blocks.js";
import { DOSSIER_DIR, EXEMPLE_DIR, generatedDocs } from "./generated-docs.js";

const generated = await generatedDocs();
const read = (path: string) => readFileSync(join(REPO_ROOT, path), "utf8");

describe("generated documentation", () => {
  it.each(Object.keys(generated))(
    "%s is up to date (npm run generate -w @fil-rouge/docs)",
    (path) => {
      expect(read(path)).toBe(generated[path]);
    },
  );

  it("puts the English competency table in the README and the French map in docs/", () => {
    expect(generated["README.md"]).toMatch(
      /\| \[CP10\]\(docs\/competences\.md#cp10--exploiter-une-solution-de-supervision\) +\|/,
    );
    expect(generated["docs/competences.md"]).toContain(
      "### CP2 — Automatiser le déploiement d'une infrastructure",
    );
  });
});

describe("excerpts", () => {
  const block = (first: string, count: number) =>
    `<!-- extrait: infra/aws/src/tags.ts | ${first} | ${String(count)} -->\nstale\n<!-- fin de l'extrait -->`;

  it("copy the named lines of the real file, fenced with its language", () => {
    const refreshed = refreshExcerpts(block("export function requiredTags", 2), REPO_ROOT);
    expect(refreshed).toContain(
      "```ts\nexport function requiredTags(config: StackConfig): Record<string, string> {\n  return {\n```",
    );
    expect(refreshed).not.toContain("stale");
  });

  it("fail when the line they start from is gone, instead of showing something else", () => {
    expect(() => refreshExcerpts(block("function removedLongAgo", 3), REPO_ROOT)).toThrow(
      'excerpt of infra/aws/src/tags.ts: no line contains "function removedLongAgo"',
    );
  });

  it("stay as they are in the example when a candidate has replaced the file they quote", () => {
    const gone = block("function removedLongAgo", 3);
    expect(refreshExcerpts(gone, REPO_ROOT, "keep")).toBe(gone);
    const noFile = gone.replace("infra/aws/src/tags.ts", "apps/replaced/main.ts");
    expect(refreshExcerpts(noFile, REPO_ROOT, "keep")).toBe(noFile);
    expect(() => refreshExcerpts(noFile, REPO_ROOT)).toThrow(
      "excerpt of apps/replaced/main.ts: no such file",
    );
  });
});

describe("generated blocks", () => {
  const map = loadCompetencyMap();
  const block = (spec: string) => `<!-- généré: ${spec} -->\nstale\n<!-- fin du bloc généré -->`;

  it("put the official criteria and this template's reading in separate columns", () => {
    const table = refreshBlocks(block("criteres CP2"), map, DOSSIER_DIR);
    expect(table).toContain(
      "| CP2 | serveurs déployés fonctionnels ; architecture conforme au cahier des charges ; scripts documentés | des scripts documentés pour la pré-production puis pour la production |",
    );
    expect(table).not.toContain("stale");
  });

  it("list the candidate's evidence with links relative to the dossier", () => {
    const table = refreshBlocks(block("preuves CP7"), map, DOSSIER_DIR);
    expect(table).toContain("| CP7 | [`apps/api/Dockerfile`](../../apps/api/Dockerfile) |");
  });

  it("say that CP11 is assessed by the questionnaire, not the project", () => {
    const table = refreshBlocks(block("competences"), map, DOSSIER_DIR);
    expect(table).toMatch(/\| CP11 \| [^|]+ \| questionnaire professionnel \(pas par le projet/);
    // One page: three pieces of evidence per competency, the rest counted and linked.
    expect(table).toMatch(
      /\| CP3 \| .*\) \(et \d+ autres dans la \[carte\]\(\.\.\/competences\.md\)\) \|/,
    );
  });

  it("refuse an unknown kind or competency instead of writing nothing", () => {
    expect(() => refreshBlocks(block("tableau"), map, DOSSIER_DIR)).toThrow(/unknown kind/);
    expect(() => refreshBlocks(block("criteres CP12"), map, DOSSIER_DIR)).toThrow(/no CP12/);
  });
});

const sectionFiles = (dir: string) =>
  readdirSync(join(REPO_ROOT, dir))
    .filter((f) => /^\d\d-/.test(f))
    .sort();

describe.each([DOSSIER_DIR, EXEMPLE_DIR])("%s", (dir) => {
  it("follows the required plan, one file per section, in order, after the starting point", () => {
    expect(sectionFiles(dir)).toEqual(REQUIRED_SECTIONS.map((s) => s.file));
    const titles = sectionFiles(dir).map((file) => read(`${dir}/${file}`).split("\n")[0]);
    expect(titles).toEqual(REQUIRED_SECTIONS.map((s) => s.title));
  });
});

describe("the skeleton", () => {
  it.each(sectionFiles(DOSSIER_DIR))(
    "%s holds guidance and a question under every part, and no prose to hand in",
    (file) => {
      const text = read(`${DOSSIER_DIR}/${file}`);
      expect(text).toMatch(
        /<!-- consigne[^>]*-->[\s\S]*Ce que le jury vérifie[\s\S]*<!-- fin de la consigne -->/,
      );
      const parts = text.split(/^## /m).slice(1);
      expect(parts.length).toBeGreaterThan(0);
      for (const part of parts) expect(part).toMatch(/^> ✍️ À rédiger : /m);
      // Outside guidance, questions, headings and generated tables, nothing is left to copy.
      const rest = text
        .replace(/^> ✍️ À rédiger : .*(?:\n> ?(?!✍️)\S.*)*/gm, "")
        .replace(/^#{1,6} .*$/gm, "");
      expect(sentences(rest)).toEqual([]);
    },
  );
});

const FIRST_PERSON = new Set(["je", "nous", "mon", "ma", "mes", "notre", "nos"]);

describe("the example", () => {
  const example = sectionFiles(EXEMPLE_DIR).map((file) => ({
    file,
    text: read(`${EXEMPLE_DIR}/${file}`),
  }));

  it.each(example)(
    "$file is marked as an example not to hand in, in the third person",
    ({ text }) => {
      expect(text).toContain("**Exemple commenté — ne pas reprendre.**");
      const firstPerson = sentences(text).filter((s) =>
        words(s.text).some((w) => FIRST_PERSON.has(w) || w.startsWith("j'")),
      );
      expect(firstPerson).toEqual([]);
    },
  );

  it.each(example)("$file says why it works for a jury", ({ text }) => {
    expect(text).toMatch(/^> 💬 Pourquoi ça marche pour le jury : /m);
  });

  it("argues an excerpt of real files for each mandatory competency, CP2, CP7 and CP10", () => {
    const text = read(`${EXEMPLE_DIR}/05-realisations.md`);
    const parts = text.split(/^## /m).slice(1);
    for (const cp of ["CP2", "CP7", "CP10"]) {
      const part = parts.find((p) => p.split("\n")[0]?.includes(`(${cp})`));
      expect(part, cp).toBeDefined();
      expect(excerptSources(part ?? "").length, cp).toBeGreaterThanOrEqual(1);
    }
    // Every excerpt is followed by an argument, not by the next excerpt or part.
    const afterExcerpts = text.split("<!-- fin de l'extrait -->").slice(1);
    for (const after of afterExcerpts) {
      const argument = after.split(/^(## |<!-- extrait)/m)[0] ?? "";
      expect(words(argument).length).toBeGreaterThanOrEqual(25);
    }
  });

  it("tells an infrastructure research with rejected hypotheses and sources with addresses", () => {
    const text = read(`${EXEMPLE_DIR}/06-situation-de-recherche.md`);
    expect(text).toContain("## Les hypothèses écartées");
    expect(text.match(/<https:\/\/[^>]+>/g)?.length).toBeGreaterThanOrEqual(2);
  });
});
