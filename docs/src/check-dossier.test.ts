import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  checkDossier,
  formatProblem,
  readDossier,
  REQUIRED_SECTIONS,
  sentences,
  words,
  type DossierFile,
} from "./check-dossier.js";
import { REPO_ROOT } from "./competency-map.js";
import { DOSSIER_DIR, EXEMPLE_DIR } from "./generated-docs.js";

// Three dossiers: the skeleton as shipped (docs/dossier itself, so this test follows it instead of
// a copy that would go stale), a filled one, and the filled one with one sentence of the example.
const FIXTURES = "docs/test/fixtures";
const read = (dir: string) => readDossier(join(REPO_ROOT, dir), dir);
const example = read(EXEMPLE_DIR);
const filled = read(`${FIXTURES}/dossier-rempli`);
const copied: DossierFile[] = filled.map((file) =>
  file.path.endsWith("06-situation-de-recherche.md") ? read(`${FIXTURES}/dossier-copie`)[0]! : file,
);

describe("dossier:check", () => {
  it("fails on the skeleton as shipped, in every section, at each question and guidance block", () => {
    const problems = checkDossier(DOSSIER_DIR, read(DOSSIER_DIR), example);
    const files = new Set(problems.map((p) => p.file));
    expect([...files]).toEqual(REQUIRED_SECTIONS.map((s) => `${DOSSIER_DIR}/${s.file}`));
    for (const file of files) {
      const kinds = new Set(problems.filter((p) => p.file === file).map((p) => p.kind));
      expect(kinds).toEqual(new Set(["consigne à retirer", "question sans réponse"]));
    }
    // Each place is printed with its line and the whole question, continuation lines included.
    expect(problems.map(formatProblem)).toContain(
      `${DOSSIER_DIR}/06-situation-de-recherche.md:47: question sans réponse : Ce que vous ferez autrement la prochaine fois.`,
    );
    expect(problems.find((p) => p.text.startsWith("Quel modèle, à quelle version"))?.text).toMatch(
      /et à quelle date \?$/,
    );
  });

  it("passes on a filled dossier", () => {
    expect(checkDossier("rempli", filled, example)).toEqual([]);
  });

  it("fails on one sentence copied from the example, naming it, whatever its case and punctuation", () => {
    const problems = checkDossier("copie", copied, example);
    expect(problems).toEqual([
      {
        file: `${FIXTURES}/dossier-copie/06-situation-de-recherche.md`,
        line: 22,
        kind: "phrase copiée de l'exemple",
        text: "Une dérive entre le CODE et le cloud n'est pas toujours une erreur humaine ; un fournisseur qui fait évoluer une ressource **gérée** en est une cause normale",
      },
    ]);
  });

  it("reports markers, empty parts and missing sections", () => {
    const broken: DossierFile[] = [
      {
        path: "d/02-cahier-des-charges.md",
        text: "# 2. Cahier des charges\n\n## Contexte\n\n## Besoins\n\nTODO chiffrer\n\n> ✍️ **À adapter :** votre contexte\n",
      },
    ];
    const problems = checkDossier("d", broken, example).map(formatProblem);
    expect(problems).toEqual([
      ...REQUIRED_SECTIONS.filter((s) => s.file !== "02-cahier-des-charges.md").map(
        (s) => `d/${s.file}:1: section manquante : ${s.title.slice(2)}`,
      ),
      "d/02-cahier-des-charges.md:3: partie vide : ## Contexte",
      "d/02-cahier-des-charges.md:7: marqueur : TODO chiffrer",
      "d/02-cahier-des-charges.md:9: marqueur : > ✍️ **À adapter :** votre contexte",
    ]);
  });

  it("does not count code, excerpts or generated tables as copied prose", () => {
    const sentence =
      "Le candidat déploie trois piles depuis un seul programme et chaque pile reste un simple fichier de réglages.";
    const withCode: DossierFile = {
      path: "d/x.md",
      text: `# X\n\n\`\`\`text\n${sentence}\n\`\`\`\n\n<!-- généré: competences -->\n${sentence}\n<!-- fin du bloc généré -->\n`,
    };
    const source: DossierFile = { path: "e/x.md", text: `# X\n\n${sentence}\n` };
    expect(
      checkDossier("d", [withCode], [source]).filter((p) => p.kind !== "section manquante"),
    ).toEqual([]);
    const inProse: DossierFile = { path: "d/x.md", text: `# X\n\n${sentence.toUpperCase()}\n` };
    expect(checkDossier("d", [inProse], [source]).map((p) => p.kind)).toContain(
      "phrase copiée de l'exemple",
    );
  });

  it("cuts sentences at end punctuation followed by a space, and counts elided and hyphenated words as one", () => {
    expect(words("L'équipe de pré-production (`.github`) — 99,5 %")).toEqual([
      "l'équipe",
      "de",
      "pré-production",
      "github",
      "99",
      "5",
    ]);
    expect(sentences("Un. Deux, voir `.github/x`. Trois ?\nQuatre").map((s) => s.text)).toEqual([
      "Un.",
      "Deux, voir `.github/x`.",
      "Trois ?",
      "Quatre",
    ]);
  });

  it("runs as npm run dossier:check, printing each place and failing", () => {
    let output = "";
    let status = 0;
    try {
      execFileSync(
        process.execPath,
        ["--import", "tsx", "src/run-dossier-check.ts", `../${FIXTURES}/dossier-rempli`],
        {
          cwd: join(REPO_ROOT, "docs"),
          encoding: "utf8",
        },
      );
    } catch (error) {
      status = (error as { status: number }).status;
    }
    expect(status).toBe(0);
    try {
      execFileSync(process.execPath, ["--import", "tsx", "src/run-dossier-check.ts"], {
        cwd: join(REPO_ROOT, "docs"),
        encoding: "utf8",
        env: { ...process.env, INIT_CWD: REPO_ROOT },
      });
    } catch (error) {
      ({ status, stdout: output } = error as { status: number; stdout: string });
    }
    expect(status).toBe(1);
    expect(output).toContain(`${DOSSIER_DIR}/02-cahier-des-charges.md:`);
    expect(output).toMatch(/dossier:check : \d+ point\(s\) à reprendre dans 7 fichier\(s\)\./);
  });
});
