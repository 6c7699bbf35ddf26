// Tables of the candidate's own repository inside the dossier, rewritten by the generator from
// docs/competences.yaml so they follow the candidate's map and never hold prose to copy:
//   <!-- généré: <kind> [CP…] -->
//   (generated table)
//   <!-- fin du bloc généré -->
// Kinds: `competences` (every competency, where it is assessed, its evidence), `criteres CP2 CP4`
// (the official criteria beside this template's reading), `preuves CP2 CP7` (the evidence files).
import { posix } from "node:path";
import type { Competency, CompetencyMap } from "./competency-map.js";
import { assessedWhere } from "./render-competency-map.js";

export const BLOCK = /<!-- généré: ([^>]+?) -->\n[\s\S]*?<!-- fin du bloc généré -->/g;
const cell = (text: string) => text.replaceAll("|", "\\|");
const link = (path: string, fromDir: string) =>
  `[\`${path}\`](${posix.relative(fromDir, path) || "."})`;

/** One page for the whole table: the first three pieces of evidence, and how many more the map holds. */
const MAIN_EVIDENCE = 3;
function mainEvidence(competency: Competency, fromDir: string): string {
  const shown = competency.preuves.slice(0, MAIN_EVIDENCE).map((e) => link(e.chemin, fromDir));
  const more = competency.preuves.length - shown.length;
  return more > 0
    ? `${shown.join(", ")} (et ${String(more)} autres dans la [carte](${posix.relative(fromDir, "docs/competences.md")}))`
    : shown.join(", ");
}

function pick(map: CompetencyMap, ids: string[], spec: string): Competency[] {
  if (ids.length === 0) return map.competences;
  return ids.map((id) => {
    const found = map.competences.find((c) => c.id === id);
    if (!found) throw new Error(`generated block "${spec}": no ${id} in docs/competences.yaml`);
    return found;
  });
}

function table(kind: string, competencies: Competency[], fromDir: string): string[] {
  switch (kind) {
    case "competences":
      return [
        "| CP | Compétence | Évaluée lors de | Preuves dans le dépôt |",
        "| --- | --- | --- | --- |",
        ...competencies.map(
          (c) =>
            `| ${c.id} | ${cell(c.intitule)} | ${cell(assessedWhere(c, fromDir))} | ${mainEvidence(c, fromDir)} |`,
        ),
      ];
    case "criteres":
      return [
        "| CP | Critères de performance (référentiel, mot pour mot) | Lecture de ce modèle (non officielle) |",
        "| --- | --- | --- |",
        ...competencies.map((c) => `| ${c.id} | ${cell(c.criteres)} | ${cell(c.lecture ?? "")} |`),
      ];
    case "preuves":
      return [
        "| CP | Fichier de votre dépôt | Commande qui le montre |",
        "| --- | --- | --- |",
        ...competencies.flatMap((c) =>
          c.preuves.map(
            (e) =>
              `| ${c.id} | ${link(e.chemin, fromDir)} | ${e.commande ? `\`${cell(e.commande)}\`` : ""} |`,
          ),
        ),
      ];
    default:
      throw new Error(`generated block "${kind}": unknown kind (competences, criteres, preuves)`);
  }
}

/** The Markdown text with every generated block rewritten from the map. */
export function refreshBlocks(markdown: string, map: CompetencyMap, fromDir: string): string {
  return markdown.replace(BLOCK, (_block, spec: string) => {
    const [kind = "", ...ids] = spec.trim().split(/\s+/);
    return [
      `<!-- généré: ${spec} -->`,
      "",
      ...table(kind, pick(map, ids, spec), fromDir),
      "",
      "<!-- fin du bloc généré -->",
    ].join("\n");
  });
}
