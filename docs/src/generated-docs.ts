// Every generated documentation file, with its expected content: the generator writes them, a
// test compares them with what is committed.
import { readdirSync, readFileSync } from "node:fs";
import * as prettier from "prettier";
import { join } from "node:path";
import { loadCompetencyMap, REPO_ROOT } from "./competency-map.js";
import { refreshExcerpts } from "./excerpts.js";
import { renderCompetencesMd, withReadmeTable } from "./render-competency-map.js";

export const DOSSIER_DIR = "docs/dossier";
const COMPETENCES_SECTION = `${DOSSIER_DIR}/01-competences-couvertes.md`;
const SECTION_INTRO = `# 1. Compétences du référentiel couvertes par le projet

> ✍️ **À adapter :** ce tableau est généré depuis \`docs/competences.yaml\`. Mettez à jour la carte
> quand vous remplacez l'application d'exemple ; ce fichier suivra (\`npm run generate -w @fil-rouge/docs\`).

`;

/** Every generated file, formatted as Prettier (the repository's formatter) would leave it. */
export async function generatedDocs(root = REPO_ROOT): Promise<Record<string, string>> {
  const files = rawGeneratedDocs(root);
  for (const [path, content] of Object.entries(files)) {
    const filepath = join(root, path);
    files[path] = await prettier.format(content, {
      ...(await prettier.resolveConfig(filepath)),
      filepath,
    });
  }
  return files;
}

function rawGeneratedDocs(root: string): Record<string, string> {
  const map = loadCompetencyMap();
  const read = (path: string) => readFileSync(join(root, path), "utf8");
  const files: Record<string, string> = {
    "docs/competences.md": renderCompetencesMd(map, "docs"),
    "README.md": withReadmeTable(read("README.md"), map),
    [COMPETENCES_SECTION]:
      SECTION_INTRO + renderCompetencesMd(map, DOSSIER_DIR).split("\n").slice(4).join("\n"),
  };
  // Every dossier section may hold excerpts of real files.
  for (const file of readdirSync(join(root, DOSSIER_DIR)).filter((f) => f.endsWith(".md"))) {
    const path = `${DOSSIER_DIR}/${file}`;
    if (path !== COMPETENCES_SECTION) files[path] = refreshExcerpts(read(path), root);
  }
  return files;
}
