// Every place a version lives in the repository, found by reading the files themselves (not the
// Renovate configuration), so the Renovate check can hold the configuration against them.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { REPO_ROOT } from "./workflows.js";

export type VersionKind =
  | "npm"
  | "nvm"
  | "github-actions"
  | "dockerfile"
  | "docker-compose"
  | "kubernetes"
  | "helm-chart"
  | "image-in-code"
  | "helm-values-image";

export interface VersionLocation {
  kind: VersionKind;
  /** Repository-relative, with forward slashes, as Renovate matches paths. */
  file: string;
  line: number;
  text: string;
}

const SKIP = new Set(["node_modules", ".git", "dist", "reports", ".turbo", "coverage"]);

/** Every file under the repository, relative paths; build output and dependencies skipped. */
export function repositoryFiles(root = REPO_ROOT): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (SKIP.has(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files.push(relative(root, path).split(sep).join("/"));
    }
  };
  walk(root);
  return files.sort();
}

const lines = (root: string, file: string) => readFileSync(join(root, file), "utf8").split("\n");

function matchingLines(
  root: string,
  file: string,
  kind: VersionKind,
  pattern: RegExp,
): VersionLocation[] {
  return lines(root, file).flatMap((text, index) =>
    pattern.test(text) ? [{ kind, file, line: index + 1, text: text.trim() }] : [],
  );
}

/** The version-bearing lines of every file kind the project uses. */
export function versionLocations(root = REPO_ROOT): VersionLocation[] {
  const files = repositoryFiles(root);
  const name = (file: string) => file.split("/").at(-1) ?? file;
  return [
    ...files
      .filter((f) => name(f) === "package.json")
      .map((file) => ({ kind: "npm" as const, file, line: 1, text: "package.json" })),
    ...files
      .filter((f) => name(f) === ".nvmrc")
      .flatMap((file) => matchingLines(root, file, "nvm", /\S/)),
    ...files
      .filter((f) => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(f))
      // Actions and reusable workflows from other repositories; ./ are this repository's own.
      .flatMap((file) =>
        matchingLines(root, file, "github-actions", /^\s*(-\s+)?uses:\s+(?!\.\/)\S+@/),
      ),
    ...files
      .filter((f) => name(f).startsWith("Dockerfile"))
      .flatMap((file) => matchingLines(root, file, "dockerfile", /^FROM\s/i)),
    ...files
      .filter((f) => /^(docker-)?compose[^/]*\.ya?ml$/.test(name(f)))
      .flatMap((file) => matchingLines(root, file, "docker-compose", /^\s*image:\s/)),
    ...files
      .filter((f) => /^k8s\/.+\.ya?ml$/.test(f))
      .flatMap((file) => matchingLines(root, file, "kubernetes", /^\s*(-\s+)?image:\s/)),
    ...files
      .filter((f) => /^infra\/cluster\/src\/[^/]+\.ts$/.test(f) && !f.endsWith(".test.ts"))
      // A Helm chart: `version: "..."` right after `chart: "..."` (charts.ts, image-policy.ts).
      .flatMap((file) =>
        matchingLines(root, file, "helm-chart", /^\s*version:\s*"/).filter((l) =>
          /chart:\s*"/.test(contextOf(root, l)),
        ),
      ),
    ...files
      .filter((f) => /^infra\/cluster\/src\/[^/]+\.ts$/.test(f) && !f.endsWith(".test.ts"))
      // The cluster program's images: a string constant named *_IMAGE, name:tag with or without a
      // digest. (infra/aws's CodeBuild image is an AWS-curated name, not a registry image.)
      .flatMap((file) =>
        matchingLines(
          root,
          file,
          "image-in-code",
          /"[a-z0-9][a-z0-9./_-]*:[A-Za-z0-9._-]+(@sha256:[a-f0-9]{64})?"/,
        ).filter((l) => /[A-Z_]*IMAGE\s*=/.test(contextOf(root, l))),
      ),
    ...files
      .filter((f) => /^infra\/cluster\/values\/[^/]+\.ya?ml$/.test(f))
      // A chart's image given as `tag: <version>@<digest>` in its values.
      .flatMap((file) => matchingLines(root, file, "helm-values-image", /^\s*tag:\s/)),
  ];
}

/** The line and the one before it: `export const X_IMAGE =` is often on the line above. */
function contextOf(root: string, location: VersionLocation): string {
  const all = lines(root, location.file);
  return `${all[location.line - 2] ?? ""}\n${location.text}`;
}

/** The image reference of an `image:` line or a string literal, and the comment after it. */
export function imageReference(text: string): { reference: string; comment?: string } {
  const match =
    /^(?:-\s+)?image:\s*["']?([^\s"'#]+)["']?\s*(?:#\s*(\S+))?/.exec(text) ??
    /"([^"]+)"[;,]?\s*(?:\/\/\s*(\S+))?/.exec(text);
  if (!match?.[1]) throw new Error(`no image reference in: ${text}`);
  return match[2] === undefined
    ? { reference: match[1] }
    : { reference: match[1], comment: match[2] };
}
