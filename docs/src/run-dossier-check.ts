// npm run dossier:check [-- <folder>]: the candidate's dossier (docs/dossier by default) against
// the rules of check-dossier.ts; prints every place to fix and exits 1 while there is one.
import { isAbsolute, join, relative } from "node:path";
import { REPO_ROOT } from "./competency-map.js";
import { checkDossier, formatProblem, readDossier } from "./check-dossier.js";
import { DOSSIER_DIR, EXEMPLE_DIR } from "./generated-docs.js";

// npm runs workspace scripts in docs/; a folder given on the command line is relative to where
// the candidate typed it.
const cwd = process.env.INIT_CWD ?? process.cwd();
const arg = process.argv[2];
const dir = arg ? (isAbsolute(arg) ? arg : join(cwd, arg)) : join(REPO_ROOT, DOSSIER_DIR);
const shown = relative(REPO_ROOT, dir) || ".";

const problems = checkDossier(
  shown,
  readDossier(dir, shown),
  readDossier(join(REPO_ROOT, EXEMPLE_DIR), EXEMPLE_DIR),
);
for (const problem of problems) process.stdout.write(`${formatProblem(problem)}\n`);
if (problems.length > 0) {
  const files = new Set(problems.map((p) => p.file)).size;
  process.stdout.write(
    `\ndossier:check : ${String(problems.length)} point(s) à reprendre dans ${String(files)} fichier(s).\n`,
  );
  process.exitCode = 1;
} else {
  process.stdout.write(
    `dossier:check : ${shown} est complet et ne reprend aucune phrase de l'exemple.\n`,
  );
}
