// The generated views of the map: docs/competences.md (French, for the jury), the English summary
// table of the root README, and section 1 of the dossier.
import { posix } from "node:path";
import GithubSlugger from "github-slugger";
import type { Competency, CompetencyMap, Evidence } from "./competency-map.js";

const GENERATED =
  "<!-- Généré depuis docs/competences.yaml par `npm run generate -w @fil-rouge/docs` : ne pas modifier à la main. -->";
const cell = (text: string) => text.replaceAll("|", "\\|");

/** A link to a repository path, relative to the Markdown file that holds it. */
const link = (path: string, fromDir: string) =>
  `[\`${path}\`](${posix.relative(fromDir, path) || "."})`;

/** The parts of the exam where the jury assesses a competency, and a word when the project is not one. */
export function assessedWhere(competency: Competency, fromDir: string): string {
  const where = competency.epreuves.join(", ");
  const examen = posix.relative(fromDir, "docs/examen.md");
  return competency.epreuves.includes("présentation du projet")
    ? where
    : `${where} (pas par le projet : voir le [déroulement de l'examen](${examen}))`;
}

function evidenceTable(preuves: Evidence[], fromDir: string): string[] {
  return [
    "| Preuve | Ce qu'elle prouve | À montrer en direct |",
    "| --- | --- | --- |",
    ...preuves.map(
      (e) =>
        `| ${link(e.chemin, fromDir)} | ${cell(e.prouve)} | ${e.commande ? `\`${cell(e.commande)}\`` : ""} |`,
    ),
  ];
}

export function renderCompetencesMd(map: CompetencyMap, fromDir = "docs"): string {
  const lines = [
    "# Carte des compétences (RNCP36061 et Ingénieur DevOps DataScientest)",
    "",
    GENERATED,
    "",
    "Chaque compétence du titre, les critères que le jury vérifie, et pour chacun les preuves dans ce dépôt,",
    "ce qu'elles prouvent et la commande qui le montre en direct. Une preuve qui disparaît, ou une commande",
    "qui n'existe plus, fait échouer `npm test`.",
    "",
  ];
  for (const activity of map.activites) {
    lines.push(`## ${activity.id} — ${activity.intitule}`, "");
    for (const id of activity.competences) {
      const competency = map.competences.find((c) => c.id === id);
      if (!competency) continue;
      lines.push(
        `### ${competency.id} — ${competency.intitule}`,
        "",
        `Critères de performance (référentiel) : ${competency.criteres}.`,
        "",
        ...(competency.lecture
          ? [`Lecture de ce projet (non officielle) : ${competency.lecture}.`, ""]
          : []),
        `Évaluée lors de : ${assessedWhere(competency, fromDir)}.`,
        "",
        ...evidenceTable(competency.preuves, fromDir),
        "",
      );
    }
  }
  lines.push("## Critères de validation DataScientest", "");
  for (const criterion of map.datascientest) {
    lines.push(`### ${criterion.critere}`, "", ...evidenceTable(criterion.preuves, fromDir), "");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

export const README_START = "<!-- competency-table:start -->";
export const README_END = "<!-- competency-table:end -->";

/** The English summary table, one row per competency, for the root README. */
export function renderReadmeTable(map: CompetencyMap): string {
  const rows = map.competences.map((c) => {
    const evidence = c.preuves
      .slice(0, 3)
      .map((e) => `[\`${e.chemin}\`](${e.chemin})`)
      .join(", ");
    const anchor = new GithubSlugger().slug(`${c.id} — ${c.intitule}`);
    return `| [${c.id}](docs/competences.md#${anchor}) | ${cell(c.intitule)} | ${cell(c.resume)} | ${evidence} |`;
  });
  return [
    README_START,
    "| CP | Competency (official French wording) | How this project shows it | Main evidence |",
    "| --- | --- | --- | --- |",
    ...rows,
    README_END,
  ].join("\n");
}

/** The README with its table replaced by a fresh one. */
export function withReadmeTable(readme: string, map: CompetencyMap): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start === -1 || end === -1)
    throw new Error(`README.md lacks the ${README_START} ... ${README_END} markers`);
  return readme.slice(0, start) + renderReadmeTable(map) + readme.slice(end + README_END.length);
}
