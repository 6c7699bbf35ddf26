import { existsSync } from "node:fs";
import { npmScriptCalls, npmScriptProblem } from "@fil-rouge/docs/workspaces";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolvedPaths } from "./action-paths.js";
import { loadWorkflows, parseWorkflow, REPO_ROOT, steps } from "./workflows.js";

describe.each(loadWorkflows().map((w) => [w.file, w] as const))("%s", (_file, workflow) => {
  it("calls only npm scripts that exist, in the workspace it names", () => {
    const calls = steps(workflow).flatMap(({ step }) => npmScriptCalls(step.run ?? ""));
    for (const call of calls) {
      const label = `npm run ${call.script}${call.workspace ? ` -w ${call.workspace}` : ""}`;
      expect(npmScriptProblem(REPO_ROOT, call), label).toBeUndefined();
    }
  });

  it("hands actions only paths that exist where the action will look", () => {
    for (const p of resolvedPaths(workflow)) {
      const where = `job ${p.job}, "${p.step}": ${p.input}: ${p.value} (opened as ${p.path})`;
      expect(p.path.startsWith(".."), where).toBe(false);
      expect(existsSync(join(REPO_ROOT, p.path)), where).toBe(true);
    }
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

describe("path resolution of actions", () => {
  const pulumi = (withs: string) =>
    parseWorkflow(
      "fixture.yml",
      `on: push
jobs:
  up:
    runs-on: ubuntu-24.04
    steps:
      - uses: pulumi/actions@8e5e406f4007fca908480587cb9893c07090f58d # v7.0.0
        with:
          command: up
          stack-name: dev
${withs}`,
    );

  it("resolves pulumi/actions' policyPacks from work-dir, as v7.0.0 does", () => {
    const paths = (withs: string) =>
      resolvedPaths(pulumi(withs)).map((p) => [p.input, p.path] as const);
    expect(paths("          work-dir: infra/aws\n          policyPacks: infra/policies\n")).toEqual(
      [
        ["work-dir", "infra/aws"],
        ["policyPacks", "infra/aws/infra/policies"],
      ],
    );
    expect(
      paths("          work-dir: infra/aws\n          policyPacks: ../policies\n"),
    ).toContainEqual(["policyPacks", "infra/policies"]);
    // Without work-dir, the action's default (./) is the base; a list is split on ; and lines.
    expect(paths("          policyPacks: infra/policies; other\n")).toEqual([
      ["policyPacks", "infra/policies"],
      ["policyPacks", "other"],
    ]);
  });

  it("skips values computed at run time, and resolves a run step's working-directory", () => {
    const workflow = pulumi(
      "          work-dir: ${{ inputs.dir }}\n      - run: ls\n        working-directory: infra/aws\n",
    );
    expect(resolvedPaths(workflow).map((p) => p.path)).toEqual(["infra/aws"]);
  });
});
