import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadWorkflows, REPO_ROOT, steps } from "./workflows.js";

const rootScripts = (
  JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  }
).scripts;

const workspaceFolders = (
  JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { workspaces: string[] }
).workspaces.flatMap((pattern) =>
  pattern.endsWith("/*")
    ? readdirSync(join(REPO_ROOT, pattern.slice(0, -2))).map((d) => join(pattern.slice(0, -2), d))
    : [pattern],
);
/** The scripts of the workspace npm would pick for `-w <name>`. */
function workspaceScripts(name: string): Record<string, string> {
  for (const folder of workspaceFolders) {
    const file = join(REPO_ROOT, folder, "package.json");
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, "utf8")) as {
      name: string;
      scripts?: Record<string, string>;
    };
    if (pkg.name === name) return pkg.scripts ?? {};
  }
  throw new Error(`no workspace named ${name}`);
}

describe.each(loadWorkflows().map((w) => [w.file, w] as const))("%s", (_file, workflow) => {
  it("calls only npm scripts that exist, in the workspace it names", () => {
    const called = steps(workflow).flatMap(({ step }) =>
      [
        ...(step.run ?? "").matchAll(
          /\bnpm (?:run ([\w:-]+)|(test))(?:\s+(?:-w|--workspace)[ =](\S+))?/g,
        ),
      ].map((m) => ({ script: m[1] ?? m[2] ?? "", workspace: m[3] })),
    );
    for (const { script, workspace } of called) {
      const scripts = workspace === undefined ? rootScripts : workspaceScripts(workspace);
      expect(scripts, `npm run ${script}${workspace ? ` -w ${workspace}` : ""}`).toHaveProperty(
        script,
      );
    }
  });

  it("references only paths that exist", () => {
    const paths = steps(workflow).flatMap(({ step }) =>
      Object.entries(step.with ?? {})
        .filter(([key]) =>
          [
            "node-version-file",
            "path",
            "file",
            "context",
            "dockerfile",
            "working-directory",
            "work-dir",
            "policyPacks",
          ].includes(key),
        )
        .map(([, value]) => String(value)),
    );
    for (const path of paths) expect(existsSync(join(REPO_ROOT, path)), path).toBe(true);
  });

  it("takes the Node.js version from .nvmrc, never a literal", () => {
    for (const { step } of steps(workflow).filter(({ step }) =>
      step.uses?.startsWith("actions/setup-node"),
    )) {
      expect(step.with?.["node-version-file"]).toBe(".nvmrc");
      expect(step.with?.["node-version"]).toBeUndefined();
    }
  });
});
