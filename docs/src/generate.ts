// npm run generate -w @fil-rouge/docs: rewrites the generated documentation (the competency map's
// views, the dossier's excerpts). `npm test` fails while any of them is stale.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "./competency-map.js";
import { generatedDocs } from "./generated-docs.js";

for (const [path, content] of Object.entries(await generatedDocs())) {
  writeFileSync(join(REPO_ROOT, path), content);
  process.stdout.write(`wrote ${path}\n`);
}
