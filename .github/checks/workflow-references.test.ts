import { existsSync } from "node:fs";
import { npmScriptCalls, npmScriptProblem } from "@fil-rouge/docs/workspaces";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadWorkflows, REPO_ROOT, steps } from "./workflows.js";

describe.each(loadWorkflows().map((w) => [w.file, w] as const))("%s", (_file, workflow) => {
  it("calls only npm scripts that exist, in the workspace it names", () => {
    const calls = steps(workflow).flatMap(({ step }) => npmScriptCalls(step.run ?? ""));
    for (const call of calls) {
      const label = `npm run ${call.script}${call.workspace ? ` -w ${call.workspace}` : ""}`;
      expect(npmScriptProblem(REPO_ROOT, call), label).toBeUndefined();
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
