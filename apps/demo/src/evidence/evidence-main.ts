// npm run evidence [-- --out <dir>] [--no-demo]: see collect-evidence.ts. --no-demo leaves the
// local demo run out (listed as not collected), for a quick run of the rest.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { cli, cloudSteps, collectEvidence, type Step } from "./collect-evidence.js";
import { runLocalDemo } from "./local-demo-run.js";

const root = fileURLToPath(new URL("../../../..", import.meta.url));

export function localSteps(withDemo: boolean): Step[] {
  return [
    {
      file: "commit.txt",
      cp: "CP8",
      proves: "la version exacte du code : commit et étiquette",
      command: "git rev-parse HEAD && git describe --tags --always --dirty",
      collect: async (env) =>
        `commit ${(await cli(root, "git", ["rev-parse", "HEAD"])(env)).trim()}\ndescribe ${(await cli(root, "git", ["describe", "--tags", "--always", "--dirty"])(env)).trim()}\n`,
    },
    {
      file: "totaux-des-tests.txt",
      cp: "CP5, CP8",
      proves:
        "les tests de chaque espace de travail : réussis, en échec, ignorés, et la date de leur exécution",
      command: "lecture des reports/vitest.json de chaque espace de travail",
      collect: () => Promise.resolve(testTotals()),
    },
    {
      file: "carte-des-competences.txt",
      cp: "CP1 à CP11",
      proves:
        "la carte des compétences vérifiée : chaque preuve existe, chaque commande est réelle",
      command: "npx vitest run src/competency-map.test.ts (docs)",
      collect: (env) =>
        cli(
          root,
          "npx",
          ["vitest", "run", "src/competency-map.test.ts", "--reporter=verbose"],
          "docs",
        )({ ...env, NO_COLOR: "1", FORCE_COLOR: "0" }),
    },
    {
      file: "demo-locale.txt",
      cp: "CP5, CP8, CP10",
      proves:
        "la démo locale : sondes, une redirection, le scénario errors avec l'alerte déclenchée et la notification reçue, horodatées",
      command: "npm run evidence (runLocalDemo : API, Prometheus, Alertmanager, récepteur)",
      collect: () =>
        withDemo ? runLocalDemo() : Promise.reject(new Error("écarté à la demande (--no-demo)")),
    },
  ];
}

interface VitestReport {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  startTime: number;
}

/**
 * Each workspace's last vitest report (vitest.config.ts writes reports/vitest.json): what ran and
 * when. A targeted run overwrites it with fewer tests, so the date is given; run `npm test` first
 * for the whole picture.
 */
export function testTotals(repositoryRoot = root): string {
  const configs = execFileSync("git", ["ls-files", "*vitest.config.ts"], { cwd: repositoryRoot })
    .toString()
    .split("\n")
    .filter(Boolean);
  const rows = configs.flatMap((config) => {
    const report = join(repositoryRoot, dirname(config), "reports", "vitest.json");
    if (!existsSync(report)) return [];
    const r = JSON.parse(readFileSync(report, "utf8")) as VitestReport;
    return [
      `${dirname(config).padEnd(20)} ${String(r.numPassedTests).padStart(5)} réussis ${String(r.numFailedTests).padStart(4)} en échec ${String(r.numPendingTests).padStart(4)} ignorés / ${r.numTotalTests}  (exécuté le ${new Date(r.startTime).toISOString()})`,
    ];
  });
  if (rows.length === 0)
    throw new Error("aucun rapport reports/vitest.json : lancer npm test d'abord");
  return `${rows.join("\n")}\n`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf("--out");
  const outDir = outIndex >= 0 ? (args[outIndex + 1] ?? "") : join(root, "docs", "preuves");
  const commit = execFileSync("git", ["rev-parse", "HEAD"], { cwd: root }).toString().trim();
  const steps = [...localSteps(!args.includes("--no-demo")), ...cloudSteps(root)];
  process.stdout.write(`collecting evidence (${steps.length} items)...\n`);
  const { dir, manifest } = await collectEvidence({ outDir, steps, commit });
  process.stdout.write(`${dir}\n  collected: ${manifest.files.map((f) => f.file).join(", ")}\n`);
  for (const m of manifest.notCollected)
    process.stdout.write(`  not collected: ${m.file}: ${m.reason}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`evidence: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
