import { existsSync } from "node:fs";
import { workspacePackages } from "@fil-rouge/docs/workspaces";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadWorkflows, REPO_ROOT, steps } from "./workflows.js";

const rootScripts = workspacePackages(REPO_ROOT)[0]?.scripts ?? {};

/** The scripts of the workspace npm would pick for `-w <name>`. */
function workspaceScripts(name: string): Record<string, string> {
  const found = workspacePackages(REPO_ROOT).find((pkg) => pkg.name === name);
  if (!found) throw new Error(`no workspace named ${name}`);
  return found.scripts;
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
