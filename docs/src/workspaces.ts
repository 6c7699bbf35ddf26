// The npm workspaces of the repository, as the root package.json's patterns expand them: one
// definition for every check that walks the workspaces (READMEs, competency map, workflows).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface WorkspacePackage {
  folder: string;
  name: string;
  scripts: Record<string, string>;
}

/** The folders the root package.json's `workspaces` patterns name (`apps/*` expanded). */
export function workspaceFolders(root: string): string[] {
  const patterns = (
    JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { workspaces: string[] }
  ).workspaces;
  return patterns
    .flatMap((pattern) =>
      pattern.endsWith("/*")
        ? readdirSync(join(root, pattern.slice(0, -2))).map((d) => `${pattern.slice(0, -2)}/${d}`)
        : [pattern],
    )
    .filter((folder) => existsSync(join(root, folder, "package.json")));
}

const readPackage = (root: string, folder: string): WorkspacePackage => {
  const pkg = JSON.parse(readFileSync(join(root, folder, "package.json"), "utf8")) as {
    name: string;
    scripts?: Record<string, string>;
  };
  return { folder, name: pkg.name, scripts: pkg.scripts ?? {} };
};

/** The root package first, then every workspace's. */
export const workspacePackages = (root: string): WorkspacePackage[] => [
  readPackage(root, "."),
  ...workspaceFolders(root).map((folder) => readPackage(root, folder)),
];

/** One `npm run <script>` or `npm test` in a command line, with the workspace `-w` names. */
export interface NpmScriptCall {
  script: string;
  workspace?: string;
  /** Where in the text the call starts. */
  at: number;
}

/** Every npm script a shell text calls. */
export function npmScriptCalls(text: string): NpmScriptCall[] {
  return [
    ...text.matchAll(/\bnpm (?:run ([\w:-]+)|(test))(?:\s+(?:-w|--workspace)[ =](\S+))?/g),
  ].map((m) => ({
    script: m[1] ?? m[2] ?? "",
    at: m.index,
    ...(m[3] === undefined ? {} : { workspace: m[3] }),
  }));
}

/** Why a script call would fail (no such workspace, no such script), or undefined. */
export function npmScriptProblem(root: string, call: NpmScriptCall): string | undefined {
  const packages = workspacePackages(root);
  const target =
    call.workspace === undefined ? packages[0] : packages.find((p) => p.name === call.workspace);
  if (!target) return `no workspace named ${call.workspace ?? ""}`;
  return target.scripts[call.script] === undefined
    ? `no script "${call.script}" in ${target.name}`
    : undefined;
}
