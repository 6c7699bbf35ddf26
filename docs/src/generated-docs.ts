// Every generated documentation file, with its expected content: the generator writes them, a
// test compares them with what is committed.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as prettier from "prettier";
import { join } from "node:path";
import { loadCompetencyMap, REPO_ROOT } from "./competency-map.js";
import { refreshExcerpts } from "./excerpts.js";
import { refreshBlocks } from "./generated-blocks.js";
import { renderCompetencesMd, withReadmeTable } from "./render-competency-map.js";

/** The candidate's dossier skeleton, and the commented example beside it. */
export const DOSSIER_DIR = "docs/dossier";
export const EXEMPLE_DIR = "docs/exemple";

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
  };
  // Every section of the skeleton and of the example may hold tables of the map and excerpts of
  // real files.
  for (const dir of [DOSSIER_DIR, EXEMPLE_DIR]) {
    if (!existsSync(join(root, dir))) continue;
    for (const file of readdirSync(join(root, dir)).filter((f) => f.endsWith(".md"))) {
      const path = `${dir}/${file}`;
      // The example's excerpts quote the template's files: kept as they are once a candidate has
      // replaced those files. The skeleton's are the candidate's own, and must follow them.
      const whenGone = dir === EXEMPLE_DIR ? "keep" : "throw";
      files[path] = refreshBlocks(refreshExcerpts(read(path), root, whenGone), map, dir);
    }
  }
  return files;
}
