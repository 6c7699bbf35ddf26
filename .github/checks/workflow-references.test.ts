import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadWorkflows, REPO_ROOT, steps } from "./workflows.js";

const rootScripts = (
  JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  }
).scripts;

describe.each(loadWorkflows().map((w) => [w.file, w] as const))("%s", (_file, workflow) => {
  it("calls only npm scripts that exist", () => {
    const called = steps(workflow).flatMap(({ step }) =>
      [...(step.run ?? "").matchAll(/\bnpm (?:run ([\w:-]+)|(test))\b/g)].map(
        (m) => m[1] ?? m[2] ?? "",
      ),
    );
    for (const script of called) expect(rootScripts, `npm run ${script}`).toHaveProperty(script);
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
