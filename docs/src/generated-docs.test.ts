import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "./competency-map.js";
import { refreshExcerpts, excerptSources } from "./excerpts.js";
import { DOSSIER_DIR, generatedDocs } from "./generated-docs.js";

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
});

describe("the dossier", () => {
  const sections = readdirSync(join(REPO_ROOT, DOSSIER_DIR))
    .filter((f) => /^\d\d-/.test(f))
    .sort();

  it("follows the required plan, one file per section, in order", () => {
    const titles = sections.map((file) => read(`${DOSSIER_DIR}/${file}`).split("\n")[0]);
    expect(titles).toEqual([
      "# 1. Compétences du référentiel couvertes par le projet",
      "# 2. Cahier des charges",
      "# 3. Spécifications techniques",
      "# 4. Démarche et outils, collaborations",
      "# 5. Réalisations : scripts et configurations les plus significatifs",
      "# 6. Situation de travail ayant nécessité une recherche",
    ]);
  });

  it.each(sections)(
    "%s marks what a candidate must rewrite, the one way the README shows",
    (file) => {
      expect(read(`${DOSSIER_DIR}/${file}`)).toContain("> ✍️ **À adapter :**");
    },
  );

  it("shows at least four excerpts of real files in the realisations", () => {
    expect(excerptSources(read(`${DOSSIER_DIR}/05-realisations.md`)).length).toBeGreaterThanOrEqual(
      4,
    );
  });
});
