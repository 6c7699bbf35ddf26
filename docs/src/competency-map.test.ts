import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  ALL_COMPETENCIES,
  checkCompetencyMap,
  claimedCompetencies,
  commandProblem,
  readmeClaimProblems,
} from "./check-competency-map.js";
import {
  loadCompetencyMap,
  parseCompetencyMap,
  REPO_ROOT,
  type CompetencyMap,
} from "./competency-map.js";

const map = loadCompetencyMap();
const copy = (): CompetencyMap => structuredClone(map);
const competency = (m: CompetencyMap, id: string) => m.competences.find((c) => c.id === id)!;

// Each top-level folder's README, and the folder whose evidence backs its claims.
const READMES = [
  "apps/api",
  "apps/demo",
  "apps/loadgen",
  "infra",
  "infra/aws",
  "infra/cluster",
  "infra/policies",
  "k8s",
  "monitoring",
  ".github",
  "docs",
];

describe("the competency map", () => {
  it("covers CP1 to CP11 and the DataScientest criteria, with every path and command real", () => {
    expect(map.competences.map((c) => c.id)).toEqual(ALL_COMPETENCIES);
    expect(map.datascientest.length).toBeGreaterThanOrEqual(9);
    expect(checkCompetencyMap(map, REPO_ROOT)).toEqual([]);
  });

  it("reports evidence whose file is gone", () => {
    const broken = copy();
    competency(broken, "CP6").preuves[0]!.chemin = "infra/aws/src/no-such-file.ts";
    expect(checkCompetencyMap(broken, REPO_ROOT)).toEqual([
      "CP6: infra/aws/src/no-such-file.ts does not exist",
    ]);
  });

  it("reports a command that names no script and no executable", () => {
    expect(commandProblem("npm run nope", REPO_ROOT)).toBe('no script "nope" in fil-rouge-devops');
    expect(commandProblem("npm test -w @fil-rouge/nope", REPO_ROOT)).toBe(
      "no workspace named @fil-rouge/nope",
    );
    expect(commandProblem("docs/competences.yaml", REPO_ROOT)).toMatch(
      /neither an npm script nor an executable/,
    );
    expect(commandProblem("npm run generate -w @fil-rouge/monitoring", REPO_ROOT)).toBeUndefined();
    expect(commandProblem("infra/aws/scripts/ops-bootstrap.sh", REPO_ROOT)).toBeUndefined();
  });

  it("asks four pieces of evidence for CP2, CP7 and CP10, two for the others", () => {
    const thin = copy();
    competency(thin, "CP7").preuves.splice(3);
    competency(thin, "CP11").preuves.splice(1);
    expect(checkCompetencyMap(thin, REPO_ROOT)).toEqual([
      "CP7 has 3 pieces of evidence, needs 4",
      "CP11 has 1 pieces of evidence, needs 2",
    ]);
  });

  it("reports a missing competency, or one outside the activity types", () => {
    const missing = copy();
    missing.competences = missing.competences.filter((c) => c.id !== "CP4");
    missing.activites[0]!.competences = ["CP1", "CP2", "CP3"];
    expect(checkCompetencyMap(missing, REPO_ROOT)).toEqual([
      "CP4 is missing",
      "CP4 belongs to 0 activity types, not 1",
    ]);
  });

  it("refuses evidence that does not say what it proves", () => {
    const text = readFileSync(join(REPO_ROOT, "docs/competences.yaml"), "utf8").replace(
      /prouve: Le serveur est créé par du code[^\n]*/,
      'prouve: ""',
    );
    expect(() => parseCompetencyMap(text)).toThrow(
      /competences\.0\.preuves\.0\.prouve: say what this evidence proves/,
    );
  });

  it("keeps the referential's criteria apart from this project's reading of them", () => {
    const text = readFileSync(join(REPO_ROOT, "docs/competences.yaml"), "utf8").replace(
      "criteres: serveurs déployés fonctionnels ; architecture conforme au cahier des charges ; scripts documentés",
      "criteres: serveurs déployés fonctionnels ; scripts documentés (pré-production puis production)",
    );
    expect(() => parseCompetencyMap(text)).toThrow(
      /competences\.1\.criteres: official wording only: put readings in `lecture`/,
    );
  });

  // The referential's "Modalités de présentation": the project covers CP1 to CP10, the technical
  // interview CP2 to CP10, the professional questionnaire CP11 alone.
  it("says where the jury assesses each competency: CP11 by the questionnaire, not the project", () => {
    const where = Object.fromEntries(map.competences.map((c) => [c.id, c.epreuves]));
    expect(where.CP11).toEqual(["questionnaire professionnel"]);
    expect(where.CP1).toEqual(["présentation du projet"]);
    for (const id of ALL_COMPETENCIES.slice(1, 10))
      expect(where[id], id).toEqual(["présentation du projet", "entretien technique"]);
  });

  it.each(READMES)(
    "%s/README.md claims exactly the competencies the map proves in that folder",
    (folder) => {
      const readme = readFileSync(join(REPO_ROOT, folder, "README.md"), "utf8");
      expect(claimedCompetencies(readme).length).toBeGreaterThan(0);
      expect(readmeClaimProblems(map, folder, readme)).toEqual([]);
    },
  );

  it("catches a README that claims a competency without evidence, or forgets one it has", () => {
    const readme = "# loadgen\n\nTraffic. Competencies: CP5, CP1.\n";
    expect(readmeClaimProblems(map, "apps/loadgen", readme)).toEqual([
      "apps/loadgen/README.md claims CP1, but docs/competences.yaml has no evidence of it under apps/loadgen/",
      "apps/loadgen/README.md does not claim CP10, which docs/competences.yaml proves under apps/loadgen/",
    ]);
  });
});
