// What makes the map a proof rather than a claim: every path exists, every command runs something
// real, every competency has enough evidence, and no README claims a competency the map does not
// prove in its folder.
import { accessSync, constants, existsSync } from "node:fs";
import { join } from "node:path";
import type { CompetencyMap, Evidence } from "./competency-map.js";
import { npmScriptCalls, npmScriptProblem } from "./workspaces.js";

export const ALL_COMPETENCIES = Array.from({ length: 11 }, (_, i) => `CP${String(i + 1)}`);
/** The exam project must cover CP2, CP7 and CP10: they carry more evidence. */
export const MINIMUM_EVIDENCE: Record<string, number> = { CP2: 4, CP7: 4, CP10: 4 };
const DEFAULT_MINIMUM = 2;

/** Why a command would not run, or undefined when it names a real script or executable. */
export function commandProblem(command: string, root: string): string | undefined {
  const call = npmScriptCalls(command).find((c) => c.at === 0);
  if (call) return npmScriptProblem(root, call);
  const file = join(root, command.split(/\s+/)[0] ?? "");
  try {
    accessSync(file, constants.X_OK);
    return undefined;
  } catch {
    return `"${command}" is neither an npm script nor an executable file of the repository`;
  }
}

export function checkCompetencyMap(map: CompetencyMap, root: string): string[] {
  const problems: string[] = [];
  const ids = map.competences.map((c) => c.id);
  for (const id of ALL_COMPETENCIES) {
    if (!ids.includes(id)) problems.push(`${id} is missing`);
    const inActivities = map.activites.filter((a) => a.competences.includes(id)).length;
    if (inActivities !== 1)
      problems.push(`${id} belongs to ${String(inActivities)} activity types, not 1`);
  }
  for (const id of ids.filter((id, i) => ids.indexOf(id) !== i))
    problems.push(`${id} is listed twice`);

  const checkEvidence = (owner: string, evidence: Evidence) => {
    if (!existsSync(join(root, evidence.chemin)))
      problems.push(`${owner}: ${evidence.chemin} does not exist`);
    if (evidence.commande !== undefined) {
      const problem = commandProblem(evidence.commande, root);
      if (problem) problems.push(`${owner}: ${problem}`);
    }
  };
  for (const competency of map.competences) {
    const minimum = MINIMUM_EVIDENCE[competency.id] ?? DEFAULT_MINIMUM;
    if (competency.preuves.length < minimum) {
      problems.push(
        `${competency.id} has ${String(competency.preuves.length)} pieces of evidence, needs ${String(minimum)}`,
      );
    }
    for (const evidence of competency.preuves) checkEvidence(competency.id, evidence);
  }
  for (const criterion of map.datascientest) {
    if (criterion.preuves.length < DEFAULT_MINIMUM)
      problems.push(`"${criterion.critere}" needs ${String(DEFAULT_MINIMUM)} pieces of evidence`);
    for (const evidence of criterion.preuves) checkEvidence(criterion.critere, evidence);
  }
  return problems;
}

/** The competencies a README's "Competencies" paragraph claims. */
export function claimedCompetencies(readme: string): string[] {
  const paragraph = readme.split(/\n\s*\n/).find((p) => p.includes("Competenc")) ?? "";
  return [...new Set(paragraph.match(/CP\d+/g) ?? [])];
}

/**
 * A README and the map agree: every competency the README claims has evidence in its folder, and
 * every competency with evidence in its folder is claimed by its README.
 */
export function readmeClaimProblems(map: CompetencyMap, folder: string, readme: string): string[] {
  const proven = new Set(
    map.competences
      .filter((c) =>
        c.preuves.some((e) => e.chemin === folder || e.chemin.startsWith(`${folder}/`)),
      )
      .map((c) => c.id),
  );
  const claimed = claimedCompetencies(readme);
  return [
    ...claimed
      .filter((id) => !proven.has(id))
      .map(
        (id) =>
          `${folder}/README.md claims ${id}, but docs/competences.yaml has no evidence of it under ${folder}/`,
      ),
    ...[...proven]
      .filter((id) => !claimed.includes(id))
      .map(
        (id) =>
          `${folder}/README.md does not claim ${id}, which docs/competences.yaml proves under ${folder}/`,
      ),
  ];
}
