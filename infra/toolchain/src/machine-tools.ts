// The machine tools the tests and scripts use, in one list: how each is found, what it enables and
// how to install it. Tests ask `needs()` (./skips.ts) and `npm run doctor` prints the same list.
// Detection reads PATH itself (no `sh -c command -v`): it works with an empty PATH and is testable.
import { accessSync, constants, readdirSync, statSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";

export interface MachineTool {
  id: string;
  /** The executables that provide it, the first found wins (kubectl or a standalone kustomize). */
  commands: string[];
  /** Arguments that print a version on the first line of stdout or stderr. */
  versionArgs: string[];
  /** Directories searched after PATH (PostgreSQL's server binaries are not on Debian's PATH). */
  extraDirs?: (env: NodeJS.ProcessEnv) => string[];
  /** The tests and commands that run only with it. */
  enables: string;
  debian: string;
  macos: string;
}

const postgresBinDirs = () => {
  try {
    return readdirSync("/usr/lib/postgresql").map(
      (version) => `/usr/lib/postgresql/${version}/bin`,
    );
  } catch {
    return [];
  }
};

export const MACHINE_TOOLS = [
  {
    id: "git",
    commands: ["git"],
    versionArgs: ["--version"],
    enables:
      "the tracked-file list from the git index (without git or .git: a walk that honours .gitignore)",
    debian: "sudo apt-get install git",
    macos: "xcode-select --install",
  },
  {
    id: "kustomize",
    commands: ["kubectl", "kustomize"],
    versionArgs: ["version", "--client"],
    enables:
      "rendering k8s/overlays: k8s's overlay, policy and RDS CA tests, infra/cluster's program under mocks, the API's client-address and database TLS tests",
    debian:
      "sudo apt-get install kubectl (apt repository pkgs.k8s.io), or the kustomize binary from github.com/kubernetes-sigs/kustomize/releases",
    macos: "brew install kubectl",
  },
  {
    id: "docker",
    commands: ["docker"],
    versionArgs: ["--version"],
    enables:
      "the container image tests (apps/api), the ops server playbook in a container (infra/aws), a PostgreSQL by testcontainers, npm run demo:stack",
    debian: "sudo apt-get install docker.io (and a running engine)",
    macos: "brew install --cask docker",
  },
  {
    id: "psql",
    commands: ["psql"],
    versionArgs: ["--version"],
    enables:
      "the least-privilege and database TLS checks through psql, infra/cluster's create-db-roles script test",
    debian: "sudo apt-get install postgresql-client",
    macos: "brew install libpq",
  },
  {
    id: "pg_dump",
    commands: ["pg_dump"],
    versionArgs: ["--version"],
    enables: "the backup and restore drill (apps/api/test/backup-restore.test.ts)",
    debian: "sudo apt-get install postgresql-client",
    macos: "brew install libpq",
  },
  {
    id: "initdb",
    commands: ["initdb"],
    versionArgs: ["--version"],
    extraDirs: postgresBinDirs,
    enables: "a throwaway PostgreSQL with TLS (apps/api/test/database-tls.test.ts, as root)",
    debian: "sudo apt-get install postgresql",
    macos: "brew install postgresql@15",
  },
  {
    id: "openssl",
    commands: ["openssl"],
    versionArgs: ["version"],
    enables: "the certificates of the database TLS test",
    debian: "sudo apt-get install openssl",
    macos: "brew install openssl",
  },
  {
    id: "promtool",
    commands: ["promtool"],
    versionArgs: ["--version"],
    enables:
      "monitoring's rule unit tests and config checks, the metrics lint, infra/cluster's Prometheus values",
    debian: "sudo apt-get install prometheus",
    macos: "brew install prometheus",
  },
  {
    id: "prometheus",
    commands: ["prometheus"],
    versionArgs: ["--version"],
    enables:
      "monitoring's end-to-end test (a real Prometheus scraping the API), the demo's Prometheus",
    debian: "sudo apt-get install prometheus",
    macos: "brew install prometheus",
  },
  {
    id: "amtool",
    commands: ["amtool"],
    versionArgs: ["--version"],
    enables: "the Alertmanager routing tests (monitoring, infra/cluster)",
    debian: "sudo apt-get install prometheus-alertmanager",
    macos: "brew install alertmanager",
  },
  {
    id: "alertmanager",
    commands: ["prometheus-alertmanager", "alertmanager"],
    versionArgs: ["--version"],
    enables: "the demo's local Alertmanager and its notifications (npm run demo)",
    debian: "sudo apt-get install prometheus-alertmanager",
    macos: "brew install alertmanager",
  },
  {
    id: "chromium",
    commands: ["chromium", "chromium-browser", "google-chrome"],
    versionArgs: ["--version"],
    enables:
      "the slides and dossier PDFs, the Mermaid rendering check, npm run capture (docs), the API's fault panel in a browser",
    debian: "sudo apt-get install chromium (or set CHROME_PATH)",
    macos: "brew install --cask chromium (or set CHROME_PATH)",
  },
  {
    id: "pdftotext",
    commands: ["pdftotext"],
    versionArgs: ["-v"],
    enables: "reading the printed dossier's text back (docs/src/build-dossier.test.ts)",
    debian: "sudo apt-get install poppler-utils",
    macos: "brew install poppler",
  },
  {
    id: "pdfimages",
    commands: ["pdfimages"],
    versionArgs: ["-v"],
    enables: "finding the Mermaid diagrams printed as images in the dossier",
    debian: "sudo apt-get install poppler-utils",
    macos: "brew install poppler",
  },
  {
    id: "shellcheck",
    commands: ["shellcheck"],
    versionArgs: ["--version"],
    enables: "the shell scripts' lint (backup, ops bootstrap)",
    debian: "sudo apt-get install shellcheck",
    macos: "brew install shellcheck",
  },
  {
    id: "ansible-playbook",
    commands: ["ansible-playbook"],
    versionArgs: ["--version"],
    enables: "the ops server playbook's syntax check and run (infra/aws/ansible)",
    debian: "sudo apt-get install ansible-core",
    macos: "brew install ansible",
  },
  {
    id: "ansible-lint",
    commands: ["ansible-lint"],
    versionArgs: ["--version"],
    enables: "the ops server playbook's lint (infra/aws/ansible)",
    debian: "sudo apt-get install ansible-lint",
    macos: "brew install ansible-lint",
  },
  {
    id: "pulumi",
    commands: ["pulumi"],
    versionArgs: ["version"],
    enables:
      "pulumi preview and up (npm run preview in infra/aws and infra/cluster); no test needs it",
    debian: "curl -fsSL https://get.pulumi.com | sh",
    macos: "brew install pulumi/tap/pulumi",
  },
  {
    id: "aws",
    commands: ["aws"],
    versionArgs: ["--version"],
    enables: "the runbooks' aws commands and the deployment scripts; no test needs it",
    debian: "sudo apt-get install awscli",
    macos: "brew install awscli",
  },
  {
    id: "gh",
    commands: ["gh"],
    versionArgs: ["--version"],
    enables: "npm run evidence's last promotion run (gh run list/view); no test needs it",
    debian: "sudo apt-get install gh",
    macos: "brew install gh",
  },
] as const satisfies readonly MachineTool[];

export type ToolId = (typeof MACHINE_TOOLS)[number]["id"];

export function machineTool(id: ToolId): MachineTool {
  const tool = MACHINE_TOOLS.find((t) => t.id === id);
  if (!tool) throw new Error(`unknown machine tool ${id}`);
  return tool;
}

const isExecutableFile = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/** The full path of `command` on `env.PATH` (then `dirs`), or undefined. */
export function findCommand(
  command: string,
  env: NodeJS.ProcessEnv = process.env,
  dirs: string[] = [],
): string | undefined {
  const path = (env.PATH ?? "").split(":").filter((dir) => dir !== "");
  return [...path, ...dirs].map((dir) => join(dir, command)).find(isExecutableFile);
}

/** Where a tool's executable is, or undefined when it is not installed. */
export function locate(id: ToolId, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const tool = machineTool(id);
  // CHROME_PATH names the browser wherever it is (docs/src/chromium.ts reads the same variable).
  if (id === "chromium" && env.CHROME_PATH && isExecutableFile(env.CHROME_PATH))
    return env.CHROME_PATH;
  const dirs = tool.extraDirs?.(env) ?? [];
  for (const command of tool.commands) {
    const found = findCommand(command, env, dirs);
    if (found) return found;
  }
  return undefined;
}

/** The first line a tool prints for its version, or undefined if it printed nothing. */
export function toolVersion(path: string, versionArgs: readonly string[]): string | undefined {
  const result = spawnSync(path, versionArgs, { encoding: "utf8", timeout: 10_000 });
  // ansible-lint colours its version even when piped.
  const text = stripVTControlCharacters(`${result.stdout}\n${result.stderr}`);
  return text
    .split("\n")
    .map((line) => line.trim())
    .find((line) => line !== "");
}

/** Whether a Docker engine answers (the client alone is not enough). */
export function dockerEngineReachable(env: NodeJS.ProcessEnv = process.env): boolean {
  const docker = locate("docker", env);
  if (!docker) return false;
  return spawnSync(docker, ["info"], { stdio: "ignore", timeout: 10_000, env }).status === 0;
}
