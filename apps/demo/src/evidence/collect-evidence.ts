// `npm run evidence`: dated evidence of what runs, in docs/preuves/<date-time>/, with a manifest
// (each file, the command that made it, its SHA-256, the commit) and a French index linking each
// file to the competency it proves. Local part always; cloud part when pulumi, kubectl, aws and gh
// are on PATH and answer, with staging's restore drill (restore-drill.ts) and the last promotion
// (promotion-run.ts). What could not be collected is listed with its reason, never invented.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { findCommand } from "@fil-rouge/toolchain/machine-tools";
import { promotionRunStep } from "./promotion-run.js";
import { restoreDrillStep } from "./restore-drill.js";
import { cli } from "./run-cli.js";

export { cli };
const exec = promisify(execFile);

export interface Step {
  file: string;
  /** The competencies it proves (CP1...CP11) and how, in French for the index. */
  cp: string;
  proves: string;
  /** The command as a reader would type it. */
  command: string;
  /** The binaries that must be on PATH, for the reason when one is not. */
  needs?: string[];
  collect(env: NodeJS.ProcessEnv): Promise<string>;
}

export interface ManifestEntry {
  file: string;
  command: string;
  cp: string;
  sha256: string;
}
export interface Manifest {
  createdAt: string;
  commit: string;
  files: ManifestEntry[];
  notCollected: { file: string; command: string; cp: string; reason: string }[];
}

const onPath = (binary: string, env: NodeJS.ProcessEnv) => findCommand(binary, env) !== undefined;

/** What needs a tool and its access (the cloud CLIs, Docker): each runs only where it is on PATH. */
export function cloudSteps(root: string): Step[] {
  const kubectl = (file: string, cp: string, proves: string, args: string[]): Step => ({
    file,
    cp,
    proves,
    command: `kubectl ${args.join(" ")}`,
    needs: ["kubectl"],
    collect: cli(root, "kubectl", args),
  });
  return [
    {
      file: "pulumi-infra-aws.json",
      cp: "CP2, CP4",
      proves: "les sorties de la pile AWS déployée (cluster, base, registre)",
      command: "pulumi stack output --json (infra/aws)",
      needs: ["pulumi"],
      collect: cli(root, "pulumi", ["stack", "output", "--json"], "infra/aws"),
    },
    {
      file: "pulumi-infra-cluster.json",
      cp: "CP4, CP8",
      proves: "les sorties de la pile du cluster : l'image déployée par son empreinte",
      command: "pulumi stack output --json (infra/cluster)",
      needs: ["pulumi"],
      collect: cli(root, "pulumi", ["stack", "output", "--json"], "infra/cluster"),
    },
    kubectl("kubectl-noeuds.txt", "CP4", "les nœuds du cluster", ["get", "nodes", "-o", "wide"]),
    kubectl("kubectl-pods.txt", "CP4, CP7", "les pods de chaque espace de noms", [
      "get",
      "pods",
      "-A",
      "-o",
      "wide",
    ]),
    kubectl("kubectl-ingress.txt", "CP7", "l'exposition de l'application", [
      "get",
      "ingress",
      "-A",
    ]),
    {
      file: "url-publique.txt",
      cp: "CP7, CP8",
      proves:
        "l'application servie sur son URL publique en HTTPS : réponse, émetteur et échéance du certificat",
      command: "curl -sv https://$(pulumi stack output hostname)/readyz (infra/cluster)",
      needs: ["pulumi", "curl"],
      collect: async (env) => {
        const hostname = (
          await cli(root, "pulumi", ["stack", "output", "hostname"], "infra/cluster")(env)
        ).trim();
        // curl -v writes the TLS handshake (issuer, expire date) to stderr: both are kept.
        try {
          const { stdout, stderr } = await exec("curl", ["-sv", `https://${hostname}/readyz`], {
            env,
            timeout: 60_000,
          });
          return `${stderr}\n${stdout}\n`;
        } catch (error) {
          const { stderr } = error as { stderr?: string };
          throw new Error(
            `curl -sv https://${hostname}/readyz a échoué : ${(stderr ?? "").trim().split("\n").at(-1) ?? ""}`,
            { cause: error },
          );
        }
      },
    },
    {
      file: "derniere-sauvegarde.txt",
      cp: "CP6",
      proves: "les sauvegardes hors site de la base : les derniers objets du compartiment",
      command: "aws s3 ls s3://$(pulumi stack output backupBucket)/ --recursive (infra/aws)",
      needs: ["pulumi", "aws"],
      collect: async (env) => {
        const bucket = (
          await cli(root, "pulumi", ["stack", "output", "backupBucket"], "infra/aws")(env)
        ).trim();
        const listing = await cli(root, "aws", ["s3", "ls", `s3://${bucket}/`, "--recursive"])(env);
        // aws s3 ls prints date-time first: sorted, the last lines are the newest dumps.
        return `${listing.trim().split("\n").sort().slice(-5).join("\n")}\n`;
      },
    },
    {
      file: "image.txt",
      cp: "CP7",
      proves:
        "l'image de l'application construite : son identifiant (empreinte) et sa taille en octets",
      command: "docker image inspect --format '{{.Id}} {{.Size}}' shortlinks-api:0.0.0-compose",
      needs: ["docker"],
      // The tag compose.yaml gives the image it builds (APP_VERSION's default).
      collect: cli(root, "docker", [
        "image",
        "inspect",
        "--format",
        "{{.Id}} {{.Size}}",
        "shortlinks-api:0.0.0-compose",
      ]),
    },
    {
      file: "aws-identite.json",
      cp: "CP3",
      proves: "l'identité AWS utilisée (un rôle, pas une clé d'utilisateur)",
      command: "aws sts get-caller-identity",
      needs: ["aws"],
      collect: cli(root, "aws", ["sts", "get-caller-identity"]),
    },
    restoreDrillStep(root),
    promotionRunStep(root),
  ];
}

/** Today's folder name: 2026-11-30T00-12-05Z (sortable, no colon). */
export const folderName = (now: Date) => `${now.toISOString().slice(0, 19).replaceAll(":", "-")}Z`;

function indexPage(manifest: Manifest, steps: Step[]): string {
  const byFile = new Map(steps.map((s) => [s.file, s]));
  const rows = manifest.files.map(
    (f) =>
      `| [\`${f.file}\`](${f.file}) | ${f.cp} | ${byFile.get(f.file)?.proves ?? ""} | \`${f.command}\` |`,
  );
  const missing = manifest.notCollected.map(
    // The reason is a tool's own words (English, addresses): kept verbatim in a code span.
    (m) => `- \`${m.file}\` (${m.cp}) : non collecté : \`${m.reason.replaceAll("`", "'")}\``,
  );
  return [
    `# Preuves du ${manifest.createdAt}`,
    "",
    `Recueillies par \`npm run evidence\` au commit \`${manifest.commit}\`. Chaque fichier, la commande`,
    "qui l'a produit et son empreinte SHA-256 sont dans [`manifest.json`](manifest.json).",
    "",
    "| Fichier | Compétences | Ce qu'il prouve | Commande |",
    "| ------- | ----------- | --------------- | -------- |",
    ...rows,
    "",
    "## Non collecté",
    "",
    ...(missing.length > 0 ? missing : ["Tout a été collecté."]),
    "",
  ].join("\n");
}

/**
 * Runs every step and writes the dated folder under `outDir`. A folder that exists is an error:
 * a run never touches an earlier one. Returns the folder and its manifest.
 */
export async function collectEvidence(options: {
  outDir: string;
  steps: Step[];
  commit: string;
  now?: Date;
  env?: NodeJS.ProcessEnv;
}): Promise<{ dir: string; manifest: Manifest }> {
  const now = options.now ?? new Date();
  const env = options.env ?? process.env;
  const dir = join(options.outDir, folderName(now));
  mkdirSync(options.outDir, { recursive: true });
  try {
    mkdirSync(dir); // not recursive: fails when the folder exists
  } catch (error) {
    throw new Error(`${dir} exists already: evidence folders are never overwritten`, {
      cause: error,
    });
  }
  const manifest: Manifest = {
    createdAt: now.toISOString(),
    commit: options.commit,
    files: [],
    notCollected: [],
  };
  for (const step of options.steps) {
    const base = { file: step.file, command: step.command, cp: step.cp };
    const absent = (step.needs ?? []).find((binary) => !onPath(binary, env));
    if (absent) {
      manifest.notCollected.push({ ...base, reason: `${absent} absent du PATH` });
      continue;
    }
    try {
      const content = await step.collect(env);
      writeFileSync(join(dir, step.file), content);
      const sha256 = createHash("sha256").update(content).digest("hex");
      manifest.files.push({ ...base, sha256 });
    } catch (error) {
      manifest.notCollected.push({
        ...base,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }
  writeFileSync(join(dir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(dir, "index.md"), indexPage(manifest, options.steps));
  return { dir, manifest };
}
